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

#include "lq-export-dialog.h"
#include "lq-file-pick.h"
#include "lq-presets.h"
#include "lq-window-private.h"

/* The window's mastering state beyond what it plays: the chain (model, undo, the player's
 * copy), sessions (open, save, title, unsaved changes, autosave and recovery) and export.
 *
 * Autosave: every change, debounced, writes the session to
 * $XDG_CACHE_HOME/lacquer/autosave-PID-N.lacquer; closing the window (saved or not) removes
 * it. A file whose process is gone is what a crash left behind: the first window offers to
 * recover it. */

#define AUTOSAVE_DELAY_MS 1500

static guint window_serial;
static gboolean recovery_checked;

static void open_session_data (LqWindow      *self,
                               LqSessionData *data,
                               const char    *path);

/* ---- title and unsaved state ---- */

char *
_lq_window_dup_session_name (LqWindow *self)
{
  LqSource *mix = lq_source_set_get_mix (self->sources);

  if (self->session_path != NULL)
    {
      g_autofree char *base = g_path_get_basename (self->session_path);
      g_autofree char *display = g_filename_display_name (base);
      char *dot = strrchr (display, '.');

      if (dot != NULL && dot != display)
        *dot = '\0';
      return g_steal_pointer (&display);
    }
  return mix ? g_strdup (lq_source_get_title (mix)) : NULL;
}

gboolean
_lq_window_get_dirty (LqWindow *self)
{
  return self->dirty;
}

static char *
autosave_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "lacquer", NULL);
}

static void
remove_autosave (LqWindow *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->autosave_path != NULL)
    g_unlink (self->autosave_path);
}

static LqSessionData *
collect (LqWindow *self)
{
  LqSessionData *data = lq_session_data_new ();
  LqSource *mix = lq_source_set_get_mix (self->sources);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  int selected = lq_source_set_get_selected_index (self->sources);
  double start, end;

  data->mix = mix ? g_strdup (lq_source_get_path (mix)) : NULL;
  for (guint i = LQ_SOURCE_SET_FIRST_REFERENCE; i < n; i++)
    {
      g_autoptr(LqSource) ref = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      g_ptr_array_add (data->references, g_strdup (lq_source_get_path (ref)));
    }
  data->chain = *lq_chain_model_get_params (self->chain);
  data->match = lq_source_set_get_loudness_match (self->sources);
  data->listening_level = lq_source_set_get_listening_level (self->sources);
  lq_waveform_view_get_loop (self->waveform_view, &start, &end);
  data->has_loop = self->loop && end > start;
  data->loop_start = data->has_loop ? start : 0.0;
  data->loop_end = data->has_loop ? end : 0.0;
  data->target = g_strdup (self->preset_id);
  if (selected == LQ_SOURCE_SET_MIX)
    data->selected = g_strdup ("mix");
  else if (selected == LQ_SOURCE_SET_MASTER)
    data->selected = g_strdup ("master");
  else if (selected >= LQ_SOURCE_SET_FIRST_REFERENCE)
    data->selected = g_strdup_printf ("reference:%d", selected - LQ_SOURCE_SET_FIRST_REFERENCE);
  return data;
}

static gboolean
lq_window_autosave_cb (gpointer user_data)
{
  LqWindow *self = user_data;
  g_autoptr(LqSessionData) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = autosave_dir ();

  self->autosave_id = 0;
  if (!self->dirty || lq_source_set_get_mix (self->sources) == NULL)
    return G_SOURCE_REMOVE;
  data = collect (self);
  if (g_mkdir_with_parents (dir, 0700) != 0
      || !lq_session_file_save (self->autosave_path, data, &error))
    g_debug ("Autosave to %s failed: %s", self->autosave_path,
             error ? error->message : g_strerror (errno));
  return G_SOURCE_REMOVE;
}

static void
set_dirty (LqWindow *self,
           gboolean  dirty)
{
  if (dirty && (self->restoring || lq_source_set_get_mix (self->sources) == NULL))
    return;
  if (dirty)
    {
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      self->autosave_id = g_timeout_add (AUTOSAVE_DELAY_MS, lq_window_autosave_cb, self);
    }
  if (self->dirty == dirty)
    return;
  self->dirty = dirty;
  if (!dirty)
    remove_autosave (self);
  _lq_window_update_title (self);
}

/* ---- the chain ---- */

static void
push_chain (LqWindow *self)
{
  if (self->playback != NULL)
    lq_playback_set_chain (self->playback, lq_chain_model_get_params (self->chain));
}

static void
lq_window_chain_changed_cb (LqWindow     *self,
                            LqChainModel *chain)
{
  push_chain (self);
  set_dirty (self, TRUE);
}

static void
lq_window_notify_playback_cb (LqWindow   *self,
                              GParamSpec *pspec)
{
  push_chain (self);
}

static void
lq_window_notify_preset_cb (LqWindow   *self,
                            GParamSpec *pspec)
{
  const LqPreset *preset = self->preset_id ? lq_presets_lookup (self->preset_id) : NULL;

  /* Choosing a delivery target sets the limiter's ceiling (one undoable step). */
  if (preset != NULL && !self->restoring)
    g_object_set (self->chain, "limiter-ceiling-db", preset->ceiling_dbtp, NULL);
  set_dirty (self, TRUE);
}

static void
lq_window_notify_dirtying_cb (LqWindow *self)
{
  set_dirty (self, TRUE);
}

static void
lq_window_sources_changed_cb (LqWindow    *self,
                              guint        position,
                              guint        removed,
                              guint        added,
                              LqSourceSet *sources)
{
  /* A new mix starts a new, untitled session; references change a saved one. */
  if (self->session_path != NULL)
    set_dirty (self, TRUE);
  else
    _lq_window_update_title (self);
  _lq_window_session_update_actions (self);
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
  g_autoptr(LqSessionData) data = collect (self);

  if (!lq_session_file_save (path, data, error))
    return FALSE;
  if (g_strcmp0 (self->session_path, path) != 0)
    {
      g_free (self->session_path);
      self->session_path = g_strdup (path);
    }
  self->dirty = TRUE;   /* so that set_dirty updates the title even if it was clean */
  set_dirty (self, FALSE);
  return TRUE;
}

static void
save_to (LqWindow   *self,
         const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!_lq_window_save_session (self, path, &error))
    _lq_window_toast (self, error->message);
  else if (self->close_after_save)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  self->close_after_save = FALSE;
}

static void
save_as_picked (GFile    *file,
                gpointer  user_data)
{
  LqWindow *self = user_data;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (path == NULL)
    {
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
  g_autofree char *name = _lq_window_dup_session_name (self);
  g_autofree char *file_name = g_strconcat (name ? name : _("Untitled"), ".lacquer", NULL);
  g_autoptr(GFile) folder = NULL;
  LqSource *mix = lq_source_set_get_mix (self->sources);

  if (self->session_path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self->session_path);
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

  if (self->session_path != NULL && g_strcmp0 (action_name, "win.save-session") == 0)
    save_to (self, self->session_path);
  else
    save_session_as (self);
}

/* ---- opening ---- */

static void
lq_window_notify_busy_cb (LqWindow   *self,
                          GParamSpec *pspec)
{
  LqSessionData *data = self->pending;
  int selected = -1;

  if (self->busy || data == NULL)
    return;
  self->pending = NULL;

  if (data->has_loop)
    {
      lq_waveform_view_set_loop (self->waveform_view, data->loop_start, data->loop_end);
      g_object_set (self, "loop", TRUE, NULL);
    }
  if (g_strcmp0 (data->selected, "master") == 0)
    selected = LQ_SOURCE_SET_MASTER;
  else if (g_strcmp0 (data->selected, "mix") == 0)
    selected = LQ_SOURCE_SET_MIX;
  else if (data->selected != NULL && g_str_has_prefix (data->selected, "reference:"))
    selected = LQ_SOURCE_SET_FIRST_REFERENCE + atoi (data->selected + strlen ("reference:"));
  if (selected >= 0)
    lq_source_set_select (self->sources, selected);

  self->restoring = FALSE;
  lq_undo_stack_clear (self->undo);
  /* A recovered session has no file: it stays unsaved. */
  self->dirty = TRUE;
  set_dirty (self, self->session_path == NULL);
  lq_session_data_free (data);
}

static void
open_session_data (LqWindow      *self,
                   LqSessionData *data,
                   const char    *path)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_clear_pointer (&self->pending, lq_session_data_free);
  g_free (self->session_path);
  self->session_path = g_strdup (path);

  self->restoring = TRUE;
  lq_chain_model_set_params (self->chain, &data->chain);
  if (data->target != NULL && lq_presets_lookup (data->target) != NULL)
    g_object_set (self, "preset-id", data->target, NULL);
  lq_source_set_set_loudness_match (self->sources, data->match);
  lq_source_set_set_listening_level (self->sources, data->listening_level);
  lq_source_set_remove_references (self->sources);
  lq_waveform_view_set_loop (self->waveform_view, 0.0, 0.0);
  g_object_set (self, "loop", FALSE, NULL);

  if (data->mix != NULL)
    g_ptr_array_add (paths, g_strdup (data->mix));
  for (guint i = 0; i < data->references->len; i++)
    g_ptr_array_add (paths, g_strdup (g_ptr_array_index (data->references, i)));
  self->pending = data;
  if (paths->len > 0)
    _lq_window_load (self, paths, data->mix != NULL, FALSE);
  else
    lq_window_notify_busy_cb (self, NULL);
}

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
      for (guint i = 0; i < m->missing->len; i++)
        g_ptr_array_remove (m->data->references, g_ptr_array_index (m->missing, i));
      open_session_data (m->self, g_steal_pointer (&m->data), m->path);
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
      open_session_data (m->self, g_steal_pointer (&m->data), m->path);
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

void
_lq_window_open_session (LqWindow   *self,
                         const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  LqSessionData *data = lq_session_file_load (path, &missing, &error);
  Missing *m;

  if (data == NULL)
    {
      _lq_window_toast (self, error->message);
      return;
    }
  m = g_new0 (Missing, 1);
  m->self = g_object_ref (self);
  m->data = data;
  m->path = g_strdup (path);
  m->missing = g_steal_pointer (&missing);
  ask_missing (m);
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

static void
recover_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  LqWindow *self = LQ_WINDOW (user_data);
  g_autofree char *orphan = g_object_steal_data (G_OBJECT (dialog), "lq-orphan");

  if (g_str_equal (response, "recover"))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) missing = NULL;
      LqSessionData *data = lq_session_file_load (orphan, &missing, &error);

      if (data == NULL)
        _lq_window_toast (self, error->message);
      else
        {
          Missing *m = g_new0 (Missing, 1);

          m->self = g_object_ref (self);
          m->data = data;
          m->path = NULL;
          m->missing = g_steal_pointer (&missing);
          ask_missing (m);
        }
    }
  g_unlink (orphan);
}

static gboolean
lq_window_check_recovery_cb (gpointer user_data)
{
  LqWindow *self = user_data;
  g_autofree char *orphan = find_orphan ();
  GtkWidget *dialog;

  self->recovery_id = 0;
  if (orphan == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return G_SOURCE_REMOVE;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Recover Unsaved Session?"),
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
  g_signal_connect_object (dialog, "response", G_CALLBACK (recover_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  g_set_weak_pointer (&self->last_dialog, dialog);
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

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  LqWindow *self = LQ_WINDOW (user_data);

  if (g_str_equal (response, "discard"))
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      if (self->session_path != NULL)
        save_to (self, self->session_path);
      else
        save_session_as (self);
    }
}

static gboolean
lq_window_close_request_cb (LqWindow *self)
{
  GtkWidget *dialog;
  g_autofree char *name = NULL;

  if (!self->dirty || self->close_confirmed || lq_source_set_get_mix (self->sources) == NULL)
    return FALSE;
  name = _lq_window_dup_session_name (self);
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
                                 lq_chain_model_get_params (self->chain), self->preset_id);
  gtk_window_present (GTK_WINDOW (dialog));
  g_set_weak_pointer (&self->last_dialog, GTK_WIDGET (dialog));
}

/* ---- setup ---- */

void
_lq_window_session_update_actions (LqWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean have_mix = lq_source_set_get_mix (self->sources) != NULL;

  gtk_widget_action_set_enabled (widget, "win.export", have_mix && !self->busy);
  gtk_widget_action_set_enabled (widget, "win.open-session", !self->busy);
  gtk_widget_action_set_enabled (widget, "win.save-session", have_mix && !self->busy);
  gtk_widget_action_set_enabled (widget, "win.save-session-as", have_mix && !self->busy);
  if (self->undo != NULL)
    {
      gtk_widget_action_set_enabled (widget, "win.undo", lq_undo_stack_get_can_undo (self->undo));
      gtk_widget_action_set_enabled (widget, "win.redo", lq_undo_stack_get_can_redo (self->undo));
    }
}

static void
add_key (GtkWidgetClass  *widget_class,
         guint            keyval,
         GdkModifierType  mods,
         const char      *action)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, mods),
                                            gtk_named_action_new (action));

  gtk_widget_class_add_shortcut (widget_class, shortcut);
  g_object_unref (shortcut);
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

  add_key (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo");
  add_key (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo");
  add_key (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo");
  add_key (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.open-session");
  add_key (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save-session");
  add_key (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-session-as");
  add_key (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-session-as");
}

void
_lq_window_session_init (LqWindow *self)
{
  g_autofree char *dir = autosave_dir ();
  g_autofree char *name = g_strdup_printf ("autosave-%ld-%u.lacquer", (long) getpid (),
                                           ++window_serial);

  self->autosave_path = g_build_filename (dir, name, NULL);
  self->chain = lq_chain_model_new ();
  self->undo = lq_undo_stack_new (self->chain);

  lq_chain_panel_set_undo_stack (self->chain_panel, self->undo);
  lq_chain_panel_set_sources (self->chain_panel, self->sources);
  g_object_bind_property (self, "preset-id", self->chain_panel, "preset-id",
                          G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->chain, "changed", G_CALLBACK (lq_window_chain_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo, "notify::can-undo",
                           G_CALLBACK (_lq_window_session_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo, "notify::can-redo",
                           G_CALLBACK (_lq_window_session_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sources, "items-changed",
                           G_CALLBACK (lq_window_sources_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::playback", G_CALLBACK (lq_window_notify_playback_cb), NULL);
  g_signal_connect (self, "notify::preset-id", G_CALLBACK (lq_window_notify_preset_cb), NULL);
  g_signal_connect (self, "notify::loop", G_CALLBACK (lq_window_notify_dirtying_cb), NULL);
  g_signal_connect (self, "notify::busy", G_CALLBACK (lq_window_notify_busy_cb), NULL);
  g_signal_connect (self, "notify::busy", G_CALLBACK (_lq_window_session_update_actions), NULL);
  g_signal_connect (self, "close-request", G_CALLBACK (lq_window_close_request_cb), NULL);
  g_signal_connect (self, "map", G_CALLBACK (lq_window_map_cb), NULL);
  _lq_window_session_update_actions (self);
}

void
_lq_window_session_dispose (LqWindow *self)
{
  remove_autosave (self);
  g_clear_handle_id (&self->recovery_id, g_source_remove);
  g_clear_pointer (&self->pending, lq_session_data_free);
  g_clear_pointer (&self->session_path, g_free);
  g_clear_pointer (&self->autosave_path, g_free);
  g_clear_weak_pointer (&self->last_dialog);
  g_clear_object (&self->undo);
  g_clear_object (&self->chain);
}
