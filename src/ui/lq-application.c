/* lq-application.c
 *
 * Copyright 2026 The Lacquer Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lq-application.h"
#include "lq-player-playback.h"
#include "lq-preferences-dialog.h"
#include "lq-shortcuts.h"
#include "lq-session-file.h"
#include "lq-ui.h"
#include "lq-window.h"

struct _LqApplication
{
  AdwApplication  parent_instance;

  LqSettings     *settings;
  gboolean        open_demo;
  gboolean        quitting;   /* app.quit: closing each window, each asking as it closes */
};

G_DEFINE_FINAL_TYPE (LqApplication, lq_application, ADW_TYPE_APPLICATION)

/* Each window plays its own session through a player of its own, on the device chosen in
 * Preferences; starting one pauses the others. */
static void
lq_application_playback_notify_playing_cb (LqApplication *self,
                                           GParamSpec    *pspec,
                                           LqPlayback    *playback)
{
  if (!lq_playback_get_playing (playback))
    return;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      LqPlayback *other = LQ_IS_WINDOW (l->data) ? lq_window_get_playback (l->data) : NULL;

      if (other != NULL && other != playback && lq_playback_get_playing (other))
        lq_playback_pause (other);
    }
}

static void
lq_application_settings_notify_device_cb (LqApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      LqPlayback *playback = LQ_IS_WINDOW (l->data) ? lq_window_get_playback (l->data) : NULL;

      if (LQ_IS_PLAYER_PLAYBACK (playback))
        lq_player_playback_set_device (LQ_PLAYER_PLAYBACK (playback),
                                       lq_settings_get_output_device (self->settings),
                                       lq_settings_get_buffer_size (self->settings));
    }
}

static void
lq_application_window_added (GtkApplication *app,
                             GtkWindow      *window)
{
  LqApplication *self = LQ_APPLICATION (app);
  g_autoptr(LqPlayerPlayback) playback = NULL;

  GTK_APPLICATION_CLASS (lq_application_parent_class)->window_added (app, window);

  if (!LQ_IS_WINDOW (window) || lq_window_get_playback (LQ_WINDOW (window)) != NULL)
    return;
  playback = lq_player_playback_new ();
  lq_player_playback_set_device (playback, lq_settings_get_output_device (self->settings),
                                 lq_settings_get_buffer_size (self->settings));
  g_signal_connect_object (playback, "notify::playing",
                           G_CALLBACK (lq_application_playback_notify_playing_cb), self,
                           G_CONNECT_SWAPPED);
  lq_window_set_playback (LQ_WINDOW (window), LQ_PLAYBACK (playback));
}

static gboolean
has_lq_windows (LqApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (LQ_IS_WINDOW (l->data))
      return TRUE;
  return FALSE;
}

/* The last session window closed while quitting: the rest (Preferences, About) go too. */
static void
lq_application_window_removed (GtkApplication *app,
                               GtkWindow      *window)
{
  LqApplication *self = LQ_APPLICATION (app);

  GTK_APPLICATION_CLASS (lq_application_parent_class)->window_removed (app, window);

  if (self->quitting && !has_lq_windows (self))
    {
      self->quitting = FALSE;
      g_application_quit (G_APPLICATION (self));
    }
}

static LqWindow *
get_or_create_window (LqApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (lq_window_new (self));
  return LQ_WINDOW (window);
}

static int
lq_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  LqApplication *self = LQ_APPLICATION (app);

  if (g_variant_dict_contains (options, "demo"))
    self->open_demo = TRUE;
  return -1;
}

static void
lq_application_activate (GApplication *app)
{
  LqApplication *self = LQ_APPLICATION (app);
  LqWindow *window = get_or_create_window (self);

  if (self->open_demo)
    {
      self->open_demo = FALSE;
      lq_window_open_demo (window);
    }
  gtk_window_present (GTK_WINDOW (window));
}

/* Session files (the desktop file's MIME type) open in a window each, the first in the
 * current window if that is still empty; audio files open together, as a mix and its
 * references, in a window of their own. */
static void
lq_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  LqApplication *self = LQ_APPLICATION (app);
  g_autoptr(GPtrArray) audio = g_ptr_array_new ();
  gboolean used = FALSE;

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      LqWindow *window;

      if (!lq_session_file_is_session (path))
        {
          g_ptr_array_add (audio, files[i]);
          continue;
        }
      window = used ? lq_window_new (self) : get_or_create_window (self);
      if (lq_source_set_get_mix (lq_window_get_sources (window)) != NULL
          || lq_window_get_busy (window))
        window = lq_window_new (self);
      used = TRUE;
      lq_window_open_files (window, &files[i], 1);
      gtk_window_present (GTK_WINDOW (window));
    }
  if (audio->len > 0)
    {
      LqWindow *window = used ? lq_window_new (self) : get_or_create_window (self);

      lq_window_open_files (window, (GFile **) audio->pdata, (int) audio->len);
      gtk_window_present (GTK_WINDOW (window));
    }
}

/* Every way of quitting asks about unsaved changes: each session window closes as if its
 * close button were pressed (and asks if it must); the application ends when the last one
 * has gone. Cancelling any question ends the quitting (lq_application_cancel_quit). */
static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  LqApplication *self = user_data;
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (LQ_IS_WINDOW (l->data))
      g_ptr_array_add (windows, g_object_ref (l->data));
  if (windows->len == 0)
    {
      g_application_quit (G_APPLICATION (self));
      return;
    }
  self->quitting = TRUE;
  for (guint i = 0; i < windows->len; i++)
    gtk_window_close (g_ptr_array_index (windows, i));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  LqApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "The Lacquer Authors", NULL };

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_show_about_dialog (GTK_WIDGET (parent),
#else
  adw_show_about_window (parent,
#endif
                         "application-name", _("Lacquer"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Lacquer Authors"),
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Master a mix against its references at matched loudness"),
                         NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  LqApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_auto(GStrv) devices = NULL;
  GtkWidget *dialog;

  if (LQ_IS_WINDOW (parent) && lq_window_get_playback (LQ_WINDOW (parent)) != NULL)
    devices = lq_playback_dup_device_names (lq_window_get_playback (LQ_WINDOW (parent)));
  dialog = lq_preferences_dialog_new (self->settings, (const char * const *) devices);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  LqApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog = lq_shortcuts_dialog_new ();

#if ADW_CHECK_VERSION (1, 8, 0)
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (parent));
#else
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  gtk_window_present (GTK_WINDOW (dialog));
#endif
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "shortcuts", shortcuts_action },
};

static void
lq_application_startup (GApplication *app)
{
  LqApplication *self = LQ_APPLICATION (app);

  G_APPLICATION_CLASS (lq_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  lq_shortcuts_add_to_application (GTK_APPLICATION (self));
}

static void
lq_application_dispose (GObject *object)
{
  LqApplication *self = (LqApplication *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lq_application_parent_class)->dispose (object);
}

static void
lq_application_class_init (LqApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = lq_application_dispose;

  app_class->handle_local_options = lq_application_handle_local_options;
  app_class->activate = lq_application_activate;
  app_class->open = lq_application_open;
  app_class->startup = lq_application_startup;

  gtk_app_class->window_added = lq_application_window_added;
  gtk_app_class->window_removed = lq_application_window_removed;
}

static void
lq_application_init (LqApplication *self)
{
  const GOptionEntry options[] = {
    { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Open the built-in demo session"), NULL },
    { NULL }
  };

  self->settings = lq_settings_new ();
  g_signal_connect_object (self->settings, "notify::" LQ_SETTING_KEY_OUTPUT_DEVICE,
                           G_CALLBACK (lq_application_settings_notify_device_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::" LQ_SETTING_KEY_BUFFER_SIZE,
                           G_CALLBACK (lq_application_settings_notify_device_cb), self,
                           G_CONNECT_SWAPPED);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("[MIX [REFERENCE…]]"));
}

LqApplication *
lq_application_new (void)
{
  return g_object_new (LQ_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

LqSettings *
lq_application_get_settings (LqApplication *self)
{
  g_return_val_if_fail (LQ_IS_APPLICATION (self), NULL);

  return self->settings;
}

void
lq_application_cancel_quit (LqApplication *self)
{
  g_return_if_fail (LQ_IS_APPLICATION (self));

  self->quitting = FALSE;
}

gboolean
lq_application_get_quitting (LqApplication *self)
{
  g_return_val_if_fail (LQ_IS_APPLICATION (self), FALSE);

  return self->quitting;
}

int
lq_ui_run (int    argc,
           char **argv)
{
  g_autoptr(LqApplication) app = lq_application_new ();

  g_set_application_name (_("Lacquer"));
  return g_application_run (G_APPLICATION (app), argc, argv);
}
