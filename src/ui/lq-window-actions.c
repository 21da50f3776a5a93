/* lq-window-actions.c
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

#include "lq-abx-window.h"
#include "lq-shortcuts.h"
#include "lq-window-private.h"

typedef enum
{
  PICK_MIX,
  PICK_REFERENCES,
} PickKind;

static void
files_picked (LqWindow   *self,
              PickKind    kind,
              GListModel *files)
{
  guint n = g_list_model_get_n_items (files);
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (files, i));
  if (array->len == 0)
    return;
  if (kind == PICK_MIX)
    lq_window_open_files (self, (GFile **) array->pdata, 1);
  else
    lq_window_add_references (self, (GFile **) array->pdata, (int) array->len);
}

static GtkFileFilter *
audio_filter (void)
{
  static const char *const patterns[] = {
    "*.wav", "*.wave", "*.flac", "*.aif", "*.aiff", "*.ogg", "*.oga", "*.opus", "*.mp3",
  };
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Audio Files"));
  gtk_file_filter_add_mime_type (filter, "audio/*");
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    gtk_file_filter_add_suffix (filter, patterns[i] + 2);
  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
dialog_open_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LqWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, &error);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);

  if (file == NULL)
    return;
  g_list_store_append (files, file);
  files_picked (self, PICK_MIX, G_LIST_MODEL (files));
}

static void
dialog_open_multiple_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(LqWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) files =
    gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (object), result, &error);

  if (files != NULL)
    files_picked (self, PICK_REFERENCES, files);
}

static void
pick_files (LqWindow   *self,
            PickKind    kind,
            const char *title)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) filter = audio_filter ();

  g_list_store_append (filters, filter);
  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, filter);
  if (kind == PICK_MIX)
    gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, dialog_open_cb, g_object_ref (self));
  else
    gtk_file_dialog_open_multiple (dialog, GTK_WINDOW (self), NULL, dialog_open_multiple_cb,
                                   g_object_ref (self));
}
#else
static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(LqWindow) self = user_data;
  PickKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (native), "lq-pick-kind"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));

      files_picked (self, kind, files);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
pick_files (LqWindow   *self,
            PickKind    kind,
            const char *title)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), kind == PICK_REFERENCES);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), audio_filter ());
  g_object_set_data (G_OBJECT (native), "lq-pick-kind", GINT_TO_POINTER (kind));
  g_signal_connect (native, "response", G_CALLBACK (native_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
#endif

static void
open_mix_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  pick_files (LQ_WINDOW (widget), PICK_MIX, _("Open Mix"));
}

static void
add_reference_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  pick_files (LQ_WINDOW (widget), PICK_REFERENCES, _("Add References"));
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  lq_window_open_demo (LQ_WINDOW (widget));
}

static void
abx_destroy_cb (LqWindow *self)
{
  _lq_window_playback_set_blind (self, FALSE);
}

/* The blind test, in its own window over this one, which shows nothing live meanwhile. */
static void
abx_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  LqWindow *self = LQ_WINDOW (widget);
  LqAbxWindow *abx = lq_abx_window_new (GTK_WINDOW (self), self->session);

  /* In compare mode the snapshots heard as masters can be A or B too. */
  lq_abx_window_set_compared (abx, _lq_window_compare_get_n (self));

  /* The test gives the playback back to the set's selection: hear that from the start. */
  _lq_window_compare_select (self, -1);
  _lq_window_playback_set_blind (self, TRUE);
  g_signal_connect_object (abx, "destroy", G_CALLBACK (abx_destroy_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (abx));
  g_set_weak_pointer (&self->last_dialog, GTK_WIDGET (abx));
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  lq_session_cancel_load (LQ_WINDOW (widget)->session);
}

static void
play_pause_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  LqWindow *self = LQ_WINDOW (widget);

  if (self->playback == NULL)
    return;
  if (lq_playback_get_playing (self->playback))
    lq_playback_pause (self->playback);
  else
    lq_playback_play (self->playback);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LqWindow *self = LQ_WINDOW (widget);

  if (self->playback != NULL)
    lq_playback_stop (self->playback);
  _lq_window_seek (self, 0.0);
}

/* The waveform zooms by the factor about its middle; 0 shows the whole file. */
static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LqWindow *self = LQ_WINDOW (widget);
  double factor = g_variant_get_double (param);

  if (factor <= 0.0)
    lq_waveform_view_set_zoom (self->waveform_view, 1.0);
  else
    lq_waveform_view_zoom_at (self->waveform_view, factor,
                              gtk_widget_get_width (GTK_WIDGET (self->waveform_view)) / 2.0);
}

static void
seek_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LqWindow *self = LQ_WINDOW (widget);

  _lq_window_seek (self, self->position + g_variant_get_double (param));
}

static void
toggle_ab_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  lq_source_set_toggle (LQ_WINDOW (widget)->sources);
}

/* Hear Mix / Hear Master: between the chain's input and its output, each at its matched
 * gain like every source. From a reference it goes to the master, the one being made. */
static void
hear_mix_master_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LqSourceSet *sources = LQ_WINDOW (widget)->sources;

  if (lq_source_set_is_empty (sources))
    return;
  lq_source_set_select (sources,
                        lq_source_set_get_selected_index (sources) == LQ_SOURCE_SET_MASTER
                        ? LQ_SOURCE_SET_MIX : LQ_SOURCE_SET_MASTER);
}

void
_lq_window_update_actions (LqWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean have_session = !lq_source_set_is_empty (self->sources);
  gboolean have_output = self->playback != NULL && have_session;

  gtk_widget_action_set_enabled (widget, "win.add-reference", have_session);
  gtk_widget_action_set_enabled (widget, "win.cancel-load", lq_window_get_busy (self));
  gtk_widget_action_set_enabled (widget, "win.play-pause", have_output);
  gtk_widget_action_set_enabled (widget, "win.stop", have_output);
  gtk_widget_action_set_enabled (widget, "win.seek", have_session);
  gtk_widget_action_set_enabled (widget, "win.toggle-ab", have_session);
  gtk_widget_action_set_enabled (widget, "win.abx", have_session);
  gtk_widget_action_set_enabled (widget, "win.hear-mix-master", have_session);
  _lq_window_session_update_actions (self);
}

/* Transport keys act before the focused widget sees them; the table says which. When the
 * action is disabled the key goes on to the widget as usual. */
void
_lq_window_actions_init (LqWindow *self)
{
  gtk_widget_add_controller (GTK_WIDGET (self), lq_shortcuts_new_transport_controller ());
}

/* index -1: the selected reference. */
static int
reference_index (LqWindow *self,
                 int       index)
{
  if (index < 0)
    index = lq_source_set_get_selected_index (self->sources);
  if (index < LQ_SOURCE_SET_FIRST_REFERENCE
      || index >= (int) g_list_model_get_n_items (G_LIST_MODEL (self->sources)))
    return -1;
  return index;
}

static void
remove_reference_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  LqWindow *self = LQ_WINDOW (widget);
  int index = reference_index (self, g_variant_get_int32 (param));

  if (index >= 0)
    lq_session_remove_reference (self->session, index);
}

/* (index, by): index -1 is the selected reference; by places to move it, within the
 * references. */
static void
move_reference_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  LqWindow *self = LQ_WINDOW (widget);
  int index, by, to, last;

  g_variant_get (param, "(ii)", &index, &by);
  if ((index = reference_index (self, index)) < 0)
    return;
  last = (int) g_list_model_get_n_items (G_LIST_MODEL (self->sources)) - 1;
  to = CLAMP (index + by, LQ_SOURCE_SET_FIRST_REFERENCE, last);
  if (to != index)
    lq_session_move_reference (self->session, index, to);
}

/* M: Mono, or back to Stereo from any other mode. */
static void
toggle_mono_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LqWindow *self = LQ_WINDOW (widget);
  LqMonitorMode mode = lq_session_get_monitor_mode (self->session);

  lq_session_set_monitor_mode (self->session,
                               mode == LQ_MONITOR_MONO ? LQ_MONITOR_STEREO : LQ_MONITOR_MONO);
}

/* Shift+M: the next mode, in the order of lq-monitor.h, round to Stereo. */
static void
cycle_monitor_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LqWindow *self = LQ_WINDOW (widget);
  LqMonitorMode mode = lq_session_get_monitor_mode (self->session);

  lq_session_set_monitor_mode (self->session, (mode + 1) % LQ_MONITOR_N_MODES);
}

/* Ctrl+Page Down / Ctrl+Page Up: the next or previous view, round. A view's mnemonic does
 * not always reach it: on the Chain page Alt+P is also the presets menu's and Alt+A the
 * attack's, and GTK then only moves the focus between them. */
static void
step_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LqWindow *self = LQ_WINDOW (widget);
  g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (self->view_stack);
  GtkWidget *current = gtk_stack_get_visible_child (self->view_stack);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages)), at = 0;
  g_autoptr(GObject) next = NULL;

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      if (gtk_stack_page_get_child (GTK_STACK_PAGE (page)) == current)
        at = i;
    }
  next = g_list_model_get_item (G_LIST_MODEL (pages),
                                (at + n + (guint) (g_variant_get_int32 (param) % (int) n)) % n);
  gtk_stack_set_visible_child (self->view_stack, gtk_stack_page_get_child (GTK_STACK_PAGE (next)));
}

void
_lq_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-mix", NULL, open_mix_action);
  gtk_widget_class_install_action (widget_class, "win.add-reference", NULL,
                                   add_reference_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.play-pause", NULL, play_pause_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "win.seek", "d", seek_action);
  gtk_widget_class_install_action (widget_class, "win.zoom", "d", zoom_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-ab", NULL, toggle_ab_action);
  gtk_widget_class_install_action (widget_class, "win.abx", NULL, abx_action);
  gtk_widget_class_install_action (widget_class, "win.hear-mix-master", NULL,
                                   hear_mix_master_action);
  gtk_widget_class_install_property_action (widget_class, "win.select-source",
                                            "selected-source");
  gtk_widget_class_install_property_action (widget_class, "win.loudness-match",
                                            "loudness-match");
  gtk_widget_class_install_property_action (widget_class, "win.monitor-mode", "monitor-mode");
  gtk_widget_class_install_property_action (widget_class, "win.listen-as", "listen-as");
  gtk_widget_class_install_action (widget_class, "win.toggle-mono", NULL, toggle_mono_action);
  gtk_widget_class_install_action (widget_class, "win.step-view", "i", step_view_action);
  gtk_widget_class_install_action (widget_class, "win.cycle-monitor", NULL,
                                   cycle_monitor_action);
  gtk_widget_class_install_property_action (widget_class, "win.loop", "loop");
  gtk_widget_class_install_property_action (widget_class, "win.free-references",
                                            "free-references");
  gtk_widget_class_install_action (widget_class, "win.remove-reference", "i",
                                   remove_reference_action);
  gtk_widget_class_install_action (widget_class, "win.move-reference", "(ii)",
                                   move_reference_action);
  lq_shortcuts_add_to_window_class (widget_class);
}
