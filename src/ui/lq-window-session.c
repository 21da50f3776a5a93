/* lq-window-session.c
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

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <unistd.h>

#include "lq-application.h"
#include "lq-export-dialog.h"
#include "lq-file-pick.h"
#include "lq-presets.h"
#include "lq-window-private.h"

/* The window's side of its session (LqSession holds the state): undo and redo, opening
 * and saving session files with their dialogs, the missing-files questions, recovery and
 * closing, and export.
 *
 * Autosave: the session writes every change, debounced, to
 * $XDG_CACHE_HOME/lacquer/autosave-PID-N.lacquer; closing the window (saved or not) removes
 * it. A file whose process is gone is what a crash left behind: the first window offers to
 * recover it. */

static guint window_serial;
static gboolean recovery_checked;

/* ---- title and unsaved state ---- */

gboolean
_lq_window_get_dirty (LqWindow *self)
{
  return lq_session_get_dirty (self->session);
}

static char *
autosave_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "lacquer", NULL);
}

/* The window stays open after all: app.quit, if it was quitting, stops. */
static void
cancel_quit (LqWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (LQ_IS_APPLICATION (app))
    lq_application_cancel_quit (LQ_APPLICATION (app));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  lq_undo_stack_undo (LQ_WINDOW (widget)->undo);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  lq_undo_stack_redo (LQ_WINDOW (widget)->undo);
}

/* ---- saving ---- */

gboolean
_lq_window_save_session (LqWindow    *self,
                         const char  *path,
                         GError     **error)
{
  return lq_session_save (self->session, path, error);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LqWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean close = self->close_after_save;

  self->close_after_save = FALSE;
  if (self->session == NULL)
    return;
  if (!lq_session_save_finish (LQ_SESSION (object), result, &error))
    {
      if (close)
        cancel_quit (self);
      _lq_window_toast (self, error->message);
    }
  else if (close)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* Written on a worker; the title loses its unsaved mark when the file is in place. */
static void
save_to (LqWindow   *self,
         const char *path)
{
  lq_session_save_async (self->session, path, NULL, saved_cb, g_object_ref (self));
}

static void
save_as_picked (GFile    *file,
                gpointer  user_data)
{
  LqWindow *self = user_data;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (path == NULL)
    {
      if (self->close_after_save)
        cancel_quit (self);
      self->close_after_save = FALSE;
      return;
    }
  if (!g_str_has_suffix (path, ".lacquer"))
    {
      char *with = g_strconcat (path, ".lacquer", NULL);

      g_free (path);
      path = with;
    }
  save_to (self, path);
}

static GtkFileFilter *
session_filter (void)
{
  static const char *const suffixes[] = { "lacquer", NULL };
  GtkFileFilter *filter = lq_file_filter_new (_("Lacquer Sessions"), suffixes);

  gtk_file_filter_add_mime_type (filter, "application/x-lacquer-session");
  return filter;
}

static void
save_session_as (LqWindow *self)
{
  g_autoptr(GtkFileFilter) filter = session_filter ();
  g_autofree char *name = lq_session_dup_name (self->session);
  g_autofree char *file_name = g_strconcat (name ? name : _("Untitled"), ".lacquer", NULL);
  g_autoptr(GFile) folder = NULL;
  LqSource *mix = lq_source_set_get_mix (self->sources);

  if (lq_session_get_path (self->session) != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (lq_session_get_path (self->session));
      folder = g_file_new_for_path (dir);
    }
  else if (mix != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (lq_source_get_path (mix));
      folder = g_file_new_for_path (dir);
    }
  lq_file_pick (GTK_WINDOW (self), LQ_FILE_PICK_SAVE, _("Save Session"), file_name, folder,
                filter, save_as_picked, g_object_ref (self), g_object_unref);
}

static void
save_session_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LqWindow *self = LQ_WINDOW (widget);

  if (lq_session_get_path (self->session) != NULL
      && g_strcmp0 (action_name, "win.save-session") == 0)
    save_to (self, lq_session_get_path (self->session));
  else
    save_session_as (self);
}

/* ---- opening ---- */

typedef struct
{
  LqWindow      *self;
  LqSessionData *data;
  char          *path;
  GPtrArray     *missing;
} Missing;

static void
missing_free (Missing *m)
{
  g_object_unref (m->self);
  lq_session_data_free (m->data);
  g_free (m->path);
  g_ptr_array_unref (m->missing);
  g_free (m);
}

static void ask_missing (Missing *m);

static void
replace_path (LqSessionData *data,
              const char    *old,
              const char    *new)
{
  if (g_strcmp0 (data->mix, old) == 0)
    {
      g_free (data->mix);
      data->mix = g_strdup (new);
    }
  for (guint i = 0; i < data->references->len; i++)
    if (g_strcmp0 (g_ptr_array_index (data->references, i), old) == 0)
      {
        g_free (data->references->pdata[i]);
        data->references->pdata[i] = g_strdup (new);
      }
}

static void
located_cb (GFile    *file,
            gpointer  user_data)
{
  Missing *m = user_data;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (path == NULL)
    {
      ask_missing (m);
      return;
    }
  replace_path (m->data, g_ptr_array_index (m->missing, 0), path);
  g_ptr_array_remove_index (m->missing, 0);
  ask_missing (m);
}

static void
missing_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  Missing *m = user_data;

  if (g_str_equal (response, "locate"))
    {
      g_autofree char *base = g_path_get_basename (g_ptr_array_index (m->missing, 0));
      g_autofree char *title = g_strdup_printf (_("Locate %s"), base);

      lq_file_pick (GTK_WINDOW (m->self), LQ_FILE_PICK_OPEN, title, NULL, NULL, NULL,
                    located_cb, m, NULL);
      return;
    }
  if (g_str_equal (response, "skip"))
    {
      /* The data holds copies of the paths: compare strings, not pointers. */
      for (guint i = 0; i < m->missing->len; i++)
        {
          guint index;

          while (g_ptr_array_find_with_equal_func (m->data->references,
                                                   g_ptr_array_index (m->missing, i),
                                                   g_str_equal, &index))
            g_ptr_array_remove_index (m->data->references, index);
        }
      lq_session_restore (m->self->session, g_steal_pointer (&m->data), m->path);
    }
  missing_free (m);
}

static void
ask_missing (Missing *m)
{
  GtkWidget *dialog;
  g_autoptr(GString) names = g_string_new (NULL);
  gboolean mix_missing = FALSE;

  if (m->missing->len == 0)
    {
      lq_session_restore (m->self->session, g_steal_pointer (&m->data), m->path);
      missing_free (m);
      return;
    }
  for (guint i = 0; i < m->missing->len; i++)
    {
      const char *path = g_ptr_array_index (m->missing, i);
      g_autofree char *display = g_filename_display_name (path);

      g_string_append_printf (names, "\n• %s", display);
      mix_missing |= g_strcmp0 (path, m->data->mix) == 0;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (m->self), _("Files Are Missing"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
    g_dngettext (GETTEXT_PACKAGE,
                 "This session refers to a file that is not there any more:%s",
                 "This session refers to files that are not there any more:%s",
                 m->missing->len),
    names->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (!mix_missing)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "skip",
                                     _("Open _Without Them"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "locate", _("_Locate…"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "locate",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "locate");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (missing_response_cb), m);
  gtk_window_present (GTK_WINDOW (dialog));
  g_set_weak_pointer (&m->self->last_dialog, dialog);
}

static void
ask_missing_for (LqWindow      *self,
                 LqSessionData *data,
                 const char    *path,
                 GPtrArray     *missing)
{
  Missing *m = g_new0 (Missing, 1);

  m->self = g_object_ref (self);
  m->data = data;
  m->path = g_strdup (path);
  m->missing = missing ? missing : g_ptr_array_new_with_free_func (g_free);
  ask_missing (m);
}

typedef struct
{
  LqWindow *self;
  char     *path;     /* NULL: a recovered autosave, opened untitled */
  char     *orphan;   /* the autosave read, removed once read */
} Reading;

static void
session_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Reading *r = user_data;
  g_autoptr(LqWindow) self = r->self;
  g_autofree char *path = r->path;
  g_autofree char *orphan = r->orphan;
  g_autoptr(GError) error = NULL;
  GPtrArray *missing = NULL;
  LqSessionData *data = lq_session_read_finish (result, &missing, &error);

  g_free (r);
  if (orphan != NULL)
    g_unlink (orphan);
  if (self->session != NULL)
    _lq_window_set_reading (self, FALSE);
  if (self->session == NULL)
    {
      g_clear_pointer (&data, lq_session_data_free);
      g_clear_pointer (&missing, g_ptr_array_unref);
      return;
    }
  if (data == NULL)
    {
      _lq_window_toast (self, error->message);
      return;
    }
  ask_missing_for (self, data, path, missing);
}

/* Read on a worker, then the missing-files questions, then the session loads. */
static void
read_session (LqWindow   *self,
              const char *file,
              const char *path)
{
  Reading *r = g_new0 (Reading, 1);

  r->self = g_object_ref (self);
  r->path = g_strdup (path);
  r->orphan = path == NULL ? g_strdup (file) : NULL;
  _lq_window_set_reading (self, TRUE);
  lq_session_read_async (file, NULL, session_read_cb, r);
}

void
_lq_window_open_session (LqWindow   *self,
                         const char *path)
{
  read_session (self, path, path);
}

static void
open_picked (GFile    *file,
             gpointer  user_data)
{
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (path != NULL)
    _lq_window_open_session (LQ_WINDOW (user_data), path);
}

static void
open_session_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  g_autoptr(GtkFileFilter) filter = session_filter ();

  lq_file_pick (GTK_WINDOW (widget), LQ_FILE_PICK_OPEN, _("Open Session"), NULL, NULL, filter,
                open_picked, g_object_ref (widget), g_object_unref);
}

/* ---- recovery ---- */

static gboolean
pid_alive (long pid)
{
  return pid > 0 && (kill ((pid_t) pid, 0) == 0 || errno != ESRCH);
}

/* An autosave whose process is gone, or NULL. */
static char *
find_orphan (void)
{
  g_autofree char *dir = autosave_dir ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      long pid;

      if (!g_str_has_prefix (name, "autosave-") || !g_str_has_suffix (name, ".lacquer"))
        continue;
      pid = strtol (name + strlen ("autosave-"), NULL, 10);
      if (pid != (long) getpid () && !pid_alive (pid))
        return g_build_filename (dir, name, NULL);
    }
  return NULL;
}

/* Files the user named (on the command line, from the file manager, or opened since) are
 * never replaced by a recovered session: it opens in a window of its own then. */
static gboolean
has_files (LqWindow *self)
{
  return lq_source_set_get_mix (self->sources) != NULL || lq_window_get_busy (self);
}

static void
recover_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  LqWindow *self = LQ_WINDOW (user_data);
  g_autofree char *orphan = g_object_steal_data (G_OBJECT (dialog), "lq-orphan");

  if (g_str_equal (response, "recover"))
    {
      LqWindow *target = self;

      if (has_files (self))
        {
          target = lq_window_new (LQ_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
          gtk_window_present (GTK_WINDOW (target));
        }
      read_session (target, orphan, NULL);   /* removes the orphan once read */
    }
  else if (g_str_equal (response, "discard"))
    g_unlink (orphan);
}

void
_lq_window_check_recovery (LqWindow *self)
{
  g_autofree char *orphan = find_orphan ();
  GtkWidget *dialog;

  if (orphan == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Recover Unsaved Session?"), NULL);
  if (has_files (self))
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                 _("Lacquer did not close cleanly last time. The session it was "
                                   "working on, with its chain, can be recovered into a new "
                                   "window; the files opened here stay."));
  else
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                 _("Lacquer did not close cleanly last time. The session it "
                                   "was working on, with its chain, can be recovered."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "recover",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  g_object_set_data_full (G_OBJECT (dialog), "lq-orphan", g_steal_pointer (&orphan), g_free);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_signal_connect_object (dialog, "response", G_CALLBACK (recover_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  g_set_weak_pointer (&self->last_dialog, dialog);
}

static gboolean
lq_window_check_recovery_cb (gpointer user_data)
{
  LqWindow *self = user_data;

  self->recovery_id = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    _lq_window_check_recovery (self);
  return G_SOURCE_REMOVE;
}

static void
lq_window_map_cb (LqWindow *self)
{
  if (recovery_checked)
    return;
  recovery_checked = TRUE;
  self->recovery_id = g_idle_add (lq_window_check_recovery_cb, self);
}

/* ---- closing ---- */

static gboolean
close_confirmed_cb (gpointer user_data)
{
  LqWindow *self = user_data;

  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  LqWindow *self = LQ_WINDOW (user_data);

  /* Closed once the dialog is gone: destroying its parent while it still answers left the
   * dialog unhooking itself from a freed window. */
  if (g_str_equal (response, "discard"))
    g_idle_add_full (G_PRIORITY_DEFAULT, close_confirmed_cb, g_object_ref (self),
                     g_object_unref);
  else if (g_str_equal (response, "cancel"))
    cancel_quit (self);
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      if (lq_session_get_path (self->session) != NULL)
        save_to (self, lq_session_get_path (self->session));
      else
        save_session_as (self);
    }
}

static gboolean
lq_window_close_request_cb (LqWindow *self)
{
  GtkWidget *dialog;
  g_autofree char *name = NULL;

  if (!lq_session_get_dirty (self->session) || self->close_confirmed || lq_source_set_get_mix (self->sources) == NULL)
    return FALSE;
  name = lq_session_dup_name (self->session);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), NULL);
  /* Translators: %s is the session's name */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” has unsaved changes. Closing without saving loses "
                                    "them."), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  g_set_weak_pointer (&self->last_dialog, dialog);
  return TRUE;
}

/* ---- export ---- */

/* The tags edited in the export dialog are the session's, saved with it. */
static void
export_metadata_changed_cb (LqExportDialog *dialog,
                            LqWindow       *self)
{
  g_auto(LqMetadata) metadata = { 0 };

  if (lq_export_dialog_get_metadata (dialog, &metadata, NULL))
    lq_session_set_metadata (self->session, &metadata);
}

/* So are the deliverables and their name pattern. */
static void
export_deliverables_changed_cb (LqExportDialog *dialog,
                                LqWindow       *self)
{
  g_autofree char *list = lq_export_dialog_dup_deliverables (dialog);

  lq_session_set_deliverables (self->session, list,
                               lq_export_dialog_get_name_pattern (dialog));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LqWindow *self = LQ_WINDOW (widget);
  LqSource *mix = lq_source_set_get_mix (self->sources);
  LqExportDialog *dialog;

  if (mix == NULL)
    return;
  dialog = lq_export_dialog_new (GTK_WINDOW (self), lq_source_get_path (mix),
                                 lq_chain_model_get_params (self->chain),
                                 lq_session_get_target (self->session));
  lq_export_dialog_set_settings (dialog, self->settings);
  lq_export_dialog_set_metadata (dialog, lq_session_get_metadata (self->session));
  lq_export_dialog_set_deliverables (dialog, lq_session_get_deliverables (self->session),
                                     lq_session_get_name_pattern (self->session));
  g_signal_connect_object (dialog, "metadata-changed", G_CALLBACK (export_metadata_changed_cb),
                           self, 0);
  g_signal_connect_object (dialog, "deliverables-changed",
                           G_CALLBACK (export_deliverables_changed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  g_set_weak_pointer (&self->last_dialog, GTK_WIDGET (dialog));
}

/* ---- setup ---- */

void
_lq_window_session_update_actions (LqWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean have_mix = lq_source_set_get_mix (self->sources) != NULL;
  gboolean busy = lq_window_get_busy (self);

  gtk_widget_action_set_enabled (widget, "win.export", have_mix && !busy);
  gtk_widget_action_set_enabled (widget, "win.open-session", !busy);
  gtk_widget_action_set_enabled (widget, "win.save-session", have_mix && !busy);
  gtk_widget_action_set_enabled (widget, "win.save-session-as", have_mix && !busy);
  if (self->undo != NULL)
    {
      gtk_widget_action_set_enabled (widget, "win.undo", lq_undo_stack_get_can_undo (self->undo));
      gtk_widget_action_set_enabled (widget, "win.redo", lq_undo_stack_get_can_redo (self->undo));
    }
}

void
_lq_window_session_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.open-session", NULL, open_session_action);
  gtk_widget_class_install_action (widget_class, "win.save-session", NULL, save_session_action);
  gtk_widget_class_install_action (widget_class, "win.save-session-as", NULL,
                                   save_session_action);
}

void
_lq_window_session_init (LqWindow *self)
{
  g_autofree char *dir = autosave_dir ();
  g_autofree char *name = g_strdup_printf ("autosave-%ld-%u.lacquer", (long) getpid (),
                                           ++window_serial);
  g_autofree char *autosave = g_build_filename (dir, name, NULL);

  lq_session_set_autosave_path (self->session, autosave);
  lq_chain_panel_set_undo_stack (self->chain_panel, self->undo);
  lq_chain_panel_set_sources (self->chain_panel, self->sources);
  g_object_bind_property (self->session, "target", self->chain_panel, "preset-id",
                          G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->undo, "notify::can-undo",
                           G_CALLBACK (_lq_window_session_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo, "notify::can-redo",
                           G_CALLBACK (_lq_window_session_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::busy", G_CALLBACK (_lq_window_session_update_actions), NULL);
  g_signal_connect (self, "close-request", G_CALLBACK (lq_window_close_request_cb), NULL);
  g_signal_connect (self, "map", G_CALLBACK (lq_window_map_cb), NULL);
  _lq_window_session_update_actions (self);
}

void
_lq_window_session_dispose (LqWindow *self)
{
  /* Closing (saved, discarded or clean) removes the autosave. */
  if (self->session != NULL)
    lq_session_discard_autosave (self->session);
  g_clear_handle_id (&self->recovery_id, g_source_remove);
  g_clear_weak_pointer (&self->last_dialog);
}
