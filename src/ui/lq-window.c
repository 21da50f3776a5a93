/* lq-window.c
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

#include "lq-window.h"

struct _LqWindow
{
  AdwApplicationWindow parent_instance;

  AdwWindowTitle      *title;
  AdwStatusPage       *status_page;
};

G_DEFINE_FINAL_TYPE (LqWindow, lq_window, ADW_TYPE_APPLICATION_WINDOW)

static void
lq_window_class_init (LqWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lq-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LqWindow, title);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, status_page);
}

static void
lq_window_init (LqWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LqWindow *
lq_window_new (LqApplication *application)
{
  return g_object_new (LQ_TYPE_WINDOW, "application", application, NULL);
}

void
lq_window_open_files (LqWindow  *self,
                      GFile    **files,
                      int        n_files)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (LQ_IS_WINDOW (self));

  if (n_files < 1)
    return;
  name = g_file_get_basename (files[0]);
  title = g_strdup_printf (_("%s — Lacquer"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->title, name);
}
