/* lq-window-load.c
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

#include "lq-window-private.h"

/* The session loads (decoding and analysing on a worker); the window only shows it: a
 * banner with the file being analysed and the progress, which appears for loads that take
 * longer than a moment, read on a main-loop timeout. */

#define PROGRESS_INTERVAL_MS 50
#define BANNER_DELAY_MS      250

static gboolean
lq_window_progress_timeout_cb (gpointer user_data)
{
  LqWindow *self = user_data;
  g_autofree char *path = NULL;
  double fraction = 0.0;
  gboolean demo = FALSE;

  if (!lq_session_get_load_progress (self->session, &fraction, &path, &demo))
    return G_SOURCE_CONTINUE;

  if (g_get_monotonic_time () - self->load_started >= BANNER_DELAY_MS * 1000)
    gtk_revealer_set_reveal_child (self->load_revealer, TRUE);

  if (path == NULL)
    gtk_label_set_label (self->load_label, demo ? _("Generating the demo…") : _("Opening…"));
  else
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *display = g_filename_display_name (base);
      /* Translators: %s is a file name */
      g_autofree char *text = g_strdup_printf (_("Analysing %s…"), display);

      gtk_label_set_label (self->load_label, text);
    }
  gtk_progress_bar_set_fraction (self->load_progress, fraction);
  return G_SOURCE_CONTINUE;
}

static void
lq_window_session_notify_busy_cb (LqWindow   *self,
                                  GParamSpec *pspec,
                                  LqSession  *session)
{
  if (lq_session_get_busy (session))
    {
      if (self->progress_id == 0)
        {
          self->load_started = g_get_monotonic_time ();
          gtk_progress_bar_set_fraction (self->load_progress, 0.0);
          self->progress_id = g_timeout_add (PROGRESS_INTERVAL_MS,
                                             lq_window_progress_timeout_cb, self);
          lq_window_progress_timeout_cb (self);
        }
    }
  else
    {
      g_clear_handle_id (&self->progress_id, g_source_remove);
      gtk_revealer_set_reveal_child (self->load_revealer, FALSE);
    }
  _lq_window_update_actions (self);
}

static void
lq_window_session_load_error_cb (LqWindow   *self,
                                 const char *message,
                                 LqSession  *session)
{
  _lq_window_toast (self, message);
}

void
_lq_window_load (LqWindow  *self,
                 GPtrArray *paths,
                 gboolean   replace_mix,
                 gboolean   demo)
{
  g_return_if_fail (LQ_IS_WINDOW (self));

  lq_session_load_files (self->session, (const char *const *) paths->pdata, paths->len,
                         replace_mix, demo);
}

void
_lq_window_load_init (LqWindow *self)
{
  g_signal_connect_object (self->session, "notify::busy",
                           G_CALLBACK (lq_window_session_notify_busy_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "load-error",
                           G_CALLBACK (lq_window_session_load_error_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_lq_window_load_dispose (LqWindow *self)
{
  if (self->session != NULL)
    lq_session_cancel_load (self->session);
  g_clear_handle_id (&self->progress_id, g_source_remove);
}
