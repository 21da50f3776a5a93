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
#include "lq-ui.h"
#include "lq-window.h"

struct _LqApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (LqApplication, lq_application, ADW_TYPE_APPLICATION)

static LqWindow *
get_or_create_window (LqApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (lq_window_new (self));
  return LQ_WINDOW (window);
}

static void
lq_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_or_create_window (LQ_APPLICATION (app))));
}

static void
lq_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  LqWindow *window = get_or_create_window (LQ_APPLICATION (app));

  lq_window_open_files (window, files, n_files);
  gtk_window_present (GTK_WINDOW (window));
}

static void
lq_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
lq_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  LqApplication *self = user_data;
  const char *developers[] = { "The Lacquer Authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Lacquer"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Lacquer Authors"),
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Master a mix against its references at matched loudness"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", lq_application_quit_action },
  { "about", lq_application_about_action },
};

static void
lq_application_startup (GApplication *app)
{
  LqApplication *self = LQ_APPLICATION (app);
  const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (lq_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
}

static void
lq_application_class_init (LqApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = lq_application_activate;
  app_class->open = lq_application_open;
  app_class->startup = lq_application_startup;
}

static void
lq_application_init (LqApplication *self)
{
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

int
lq_ui_run (int    argc,
           char **argv)
{
  g_autoptr(LqApplication) app = lq_application_new ();

  g_set_application_name (_("Lacquer"));
  return g_application_run (G_APPLICATION (app), argc, argv);
}
