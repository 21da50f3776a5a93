/* lq-window-snapshots.c
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

/* The window's chain snapshot actions, each with the snapshot's position (an int32): store
 * the chain there (past the end: a new snapshot), recall it (one undo step), rename and
 * delete it. Each says what it did in a toast, since the keys act without a menu. */

#include "config.h"

#include <glib/gi18n.h>

#include "lq-snapshot-menu.h"
#include "lq-window-private.h"

static LqSnapshot *
snapshot_at (LqWindow *self,
             GVariant *param)
{
  gint32 position = g_variant_get_int32 (param);

  if (position < 0)
    return NULL;
  return lq_snapshot_list_get (lq_session_get_snapshots (self->session), (guint) position);
}

static void
snapshot_store_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  LqWindow *self = LQ_WINDOW (widget);
  gint32 position = g_variant_get_int32 (param);
  g_autofree char *message = NULL;
  LqSnapshot *snapshot;
  guint stored;

  if (position < 0)
    return;
  snapshot = lq_session_store_snapshot (self->session, (guint) position);
  lq_snapshot_list_find (lq_session_get_snapshots (self->session),
                         lq_snapshot_get_name (snapshot), &stored);
  /* Past the end the snapshot is appended: say which key recalls it. */
  if (stored < LQ_SNAPSHOT_N_KEYS)
    message = g_strdup_printf (_("Chain stored as snapshot “%s” (Alt+%u recalls it)"),
                               lq_snapshot_get_name (snapshot), stored + 1);
  else
    message = g_strdup_printf (_("Chain stored as snapshot “%s”"), lq_snapshot_get_name (snapshot));
  _lq_window_toast (self, message);
}

static void
snapshot_recall_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LqWindow *self = LQ_WINDOW (widget);
  LqSnapshot *snapshot = snapshot_at (self, param);
  g_autofree char *message = NULL;
  gint32 position = g_variant_get_int32 (param);

  if (snapshot == NULL)
    {
      if (position >= 0 && position < LQ_SNAPSHOT_N_KEYS)
        {
          message = g_strdup_printf (_("No snapshot %d yet: Ctrl+%d stores the chain"),
                                     position + 1, position + 1);
          _lq_window_toast (self, message);
        }
      return;
    }
  lq_session_recall_snapshot (self->session, (guint) position);
  message = g_strdup_printf (_("Snapshot “%s” recalled (Ctrl+Z undoes it)"),
                             lq_snapshot_get_name (snapshot));
  _lq_window_toast (self, message);
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    LqWindow         *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char *name = g_object_get_data (G_OBJECT (dialog), "lq-snapshot-name");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "rename"))
    return;
  if (!lq_snapshot_list_rename (lq_session_get_snapshots (self->session), name,
                                gtk_editable_get_text (entry), &error))
    _lq_window_toast (self, error->message);
}

static void
entry_activate_cb (GtkEntry         *entry,
                   AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "rename");
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
snapshot_rename_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LqWindow *self = LQ_WINDOW (widget);
  LqSnapshot *snapshot = snapshot_at (self, param);
  GtkWidget *dialog, *entry;

  if (snapshot == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Rename Snapshot"), NULL);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), lq_snapshot_get_name (snapshot));
  gtk_entry_set_max_length (GTK_ENTRY (entry), LQ_SNAPSHOT_MAX_NAME);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Snapshot name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "lq-snapshot-name",
                          g_strdup (lq_snapshot_get_name (snapshot)), g_free);
  g_signal_connect (entry, "activate", G_CALLBACK (entry_activate_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  g_set_weak_pointer (&self->last_dialog, dialog);
}

static void
snapshot_delete_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LqWindow *self = LQ_WINDOW (widget);
  LqSnapshot *snapshot = snapshot_at (self, param);
  g_autofree char *message = NULL;

  if (snapshot == NULL)
    return;
  message = g_strdup_printf (_("Snapshot “%s” deleted"), lq_snapshot_get_name (snapshot));
  lq_snapshot_list_remove (lq_session_get_snapshots (self->session),
                           lq_snapshot_get_name (snapshot));
  _lq_window_toast (self, message);
}

void
_lq_window_snapshots_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.snapshot-store", "i",
                                   snapshot_store_action);
  gtk_widget_class_install_action (widget_class, "win.snapshot-recall", "i",
                                   snapshot_recall_action);
  gtk_widget_class_install_action (widget_class, "win.snapshot-rename", "i",
                                   snapshot_rename_action);
  gtk_widget_class_install_action (widget_class, "win.snapshot-delete", "i",
                                   snapshot_delete_action);
}

static void
snapshots_changed_cb (LqWindow *self)
{
  g_autoptr(GMenuModel) menu = lq_snapshot_menu_new (lq_session_get_snapshots (self->session));

  lq_chain_panel_set_snapshots_menu (self->chain_panel, menu);
}

void
_lq_window_snapshots_init (LqWindow *self)
{
  g_signal_connect_object (lq_session_get_snapshots (self->session), "items-changed",
                           G_CALLBACK (snapshots_changed_cb), self, G_CONNECT_SWAPPED);
  snapshots_changed_cb (self);
}
