/* lq-file-pick.c
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

#include "lq-file-pick.h"

typedef struct
{
  LqFilePickMode mode;
  LqFilePickFunc func;
  gpointer       user_data;
  GDestroyNotify destroy;
} Pick;

static void
pick_finish (Pick  *pick,
             GFile *file)
{
  pick->func (file, pick->user_data);
  if (pick->destroy)
    pick->destroy (pick->user_data);
  g_free (pick);
}

GtkFileFilter *
lq_file_filter_new (const char        *name,
                    const char *const *suffixes)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
dialog_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Pick *pick = user_data;
  GtkFileDialog *dialog = GTK_FILE_DIALOG (object);
  g_autoptr(GFile) file = NULL;

  switch (pick->mode)
    {
    case LQ_FILE_PICK_OPEN:
      file = gtk_file_dialog_open_finish (dialog, result, NULL);
      break;
    case LQ_FILE_PICK_SAVE:
      file = gtk_file_dialog_save_finish (dialog, result, NULL);
      break;
    case LQ_FILE_PICK_FOLDER:
    default:
      file = gtk_file_dialog_select_folder_finish (dialog, result, NULL);
      break;
    }
  pick_finish (pick, file);
}

void
lq_file_pick (GtkWindow      *parent,
              LqFilePickMode  mode,
              const char     *title,
              const char     *initial_name,
              GFile          *initial_folder,
              GtkFileFilter  *filter,
              LqFilePickFunc  func,
              gpointer        user_data,
              GDestroyNotify  destroy)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  Pick *pick = g_new0 (Pick, 1);

  pick->mode = mode;
  pick->func = func;
  pick->user_data = user_data;
  pick->destroy = destroy;

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (initial_folder)
    gtk_file_dialog_set_initial_folder (dialog, initial_folder);
  if (initial_name)
    gtk_file_dialog_set_initial_name (dialog, initial_name);
  if (filter)
    {
      g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

      g_list_store_append (filters, filter);
      gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
      gtk_file_dialog_set_default_filter (dialog, filter);
    }
  switch (mode)
    {
    case LQ_FILE_PICK_OPEN:
      gtk_file_dialog_open (dialog, parent, NULL, dialog_done_cb, pick);
      break;
    case LQ_FILE_PICK_SAVE:
      gtk_file_dialog_save (dialog, parent, NULL, dialog_done_cb, pick);
      break;
    case LQ_FILE_PICK_FOLDER:
    default:
      gtk_file_dialog_select_folder (dialog, parent, NULL, dialog_done_cb, pick);
      break;
    }
}
#else
static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  Pick *pick = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  pick_finish (pick, file);
}

void
lq_file_pick (GtkWindow      *parent,
              LqFilePickMode  mode,
              const char     *title,
              const char     *initial_name,
              GFile          *initial_folder,
              GtkFileFilter  *filter,
              LqFilePickFunc  func,
              gpointer        user_data,
              GDestroyNotify  destroy)
{
  static const GtkFileChooserAction actions[] = {
    GTK_FILE_CHOOSER_ACTION_OPEN, GTK_FILE_CHOOSER_ACTION_SAVE,
    GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
  };
  GtkFileChooserNative *native;
  Pick *pick = g_new0 (Pick, 1);

  pick->mode = mode;
  pick->func = func;
  pick->user_data = user_data;
  pick->destroy = destroy;

  native = gtk_file_chooser_native_new (title, parent, actions[mode],
                                        mode == LQ_FILE_PICK_SAVE ? _("_Save") : _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (initial_folder)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), initial_folder, NULL);
  if (initial_name && mode == LQ_FILE_PICK_SAVE)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);
  if (filter)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect (native, "response", G_CALLBACK (native_response_cb), pick);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
#endif
