/* lq-file-pick.h
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

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One file chooser for the window's dialogs: GtkFileDialog from GTK 4.10, GtkFileChooserNative
 * before it. func gets the chosen file, or NULL when the user cancelled. */

typedef enum
{
  LQ_FILE_PICK_OPEN,
  LQ_FILE_PICK_SAVE,
  LQ_FILE_PICK_FOLDER,
} LqFilePickMode;

typedef void (*LqFilePickFunc) (GFile    *file,
                                gpointer  user_data);

void lq_file_pick (GtkWindow      *parent,
                   LqFilePickMode  mode,
                   const char     *title,
                   const char     *initial_name,
                   GFile          *initial_folder,
                   GtkFileFilter  *filter,
                   LqFilePickFunc  func,
                   gpointer        user_data,
                   GDestroyNotify  destroy);

/* A filter by name and suffixes ("json", NULL-terminated). */
GtkFileFilter *lq_file_filter_new (const char         *name,
                                   const char *const  *suffixes);

G_END_DECLS
