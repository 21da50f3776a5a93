/* bench-codec.c
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

/* The window stays responsive while a codec preview of a five-minute master is made
 * (meson test --benchmark --suite ui). A 1 ms timeout on the main loop records the largest
 * gap between its ticks: first over an idle stretch as long as the preview took (the peer:
 * what the loop does anyway under this display and machine), then while the window's player
 * renders the master, encodes it to MP3 128, decodes and aligns it on its worker, and the
 * window takes the result in (new source, readouts, lists). Needs a display. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "lq-demo.h"
#include "lq-player-playback.h"
#include "lq-ui-test.h"
#include "lq-window.h"

typedef struct
{
  gint64 last;
  gint64 max_gap;
  gint64 max_at;                /* when the largest gap ended */
  gint64 start;
  guint  ticks;
} Ticks;

static gboolean
tick_cb (gpointer data)
{
  Ticks *t = data;
  gint64 now = g_get_monotonic_time ();

  if (t->last != 0 && now - t->last > t->max_gap)
    {
      t->max_gap = now - t->last;
      t->max_at = now - t->start;
    }
  t->last = now;
  t->ticks++;
  return G_SOURCE_CONTINUE;
}

/* Where a gap is spent: in the main loop's own work between two polls (the window's and the
 * player's handlers, layout, drawing), or waiting for a CPU after poll should have returned
 * (the machine's other threads, the worker among them). */
static GPollFunc default_poll;
static gint64 poll_left;        /* when the last poll returned */
static gint64 max_work;         /* longest stretch between a poll's return and the next poll */
static gint64 max_late;         /* longest poll overrun beyond the timeout it was given */

static gint
timing_poll (GPollFD *fds,
             guint    n_fds,
             gint     timeout)
{
  gint64 entered = g_get_monotonic_time ();
  gint ret;

  if (poll_left != 0)
    max_work = MAX (max_work, entered - poll_left);
  ret = default_poll (fds, n_fds, timeout);
  poll_left = g_get_monotonic_time ();
  if (timeout >= 0)
    max_late = MAX (max_late, poll_left - entered - timeout * 1000);
  return ret;
}

static gboolean
window_busy (gpointer data)
{
  return lq_window_get_busy (LQ_WINDOW (data));
}

/* Spins the main loop while get (data) or for seconds, ticking; returns the seconds. */
static double
spin_ticking (gboolean (*get) (gpointer),
              gpointer   data,
              double     seconds,
              Ticks     *t)
{
  gint64 t0 = g_get_monotonic_time ();
  guint id;

  t->start = t0;
  id = g_timeout_add (1, tick_cb, t);

  while (get != NULL ? get (data) : (g_get_monotonic_time () - t0) < seconds * 1e6)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  return (g_get_monotonic_time () - t0) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LqPlayerPlayback) playback = NULL;
  const LqCodecResult *result;
  Ticks idle = { 0 }, busy = { 0 };
  gint64 busy_work, busy_late, ui_work;
  Ticks ui = { 0 };
  LqWindow *window;
  double seconds;

  lq_ui_test_init (&argc, &argv);
  dir = g_dir_make_tmp ("lacquer-bench-XXXXXX", NULL);
  path = g_build_filename (dir, "Bench Mix.wav", NULL);
  file = g_file_new_for_path (path);
  if (!lq_demo_write_track (LQ_DEMO_TRACK_MIX, path, 300.0, &error))
    g_error ("%s", error->message);

  playback = lq_player_playback_new ();
  window = lq_window_new (NULL);
  lq_window_set_playback (window, LQ_PLAYBACK (playback));
  gtk_window_present (GTK_WINDOW (window));
  lq_window_open_files (window, &file, 1);
  lq_ui_test_wait_false (window_busy, window, 120);
  lq_ui_test_wait_false (lq_ui_test_player_busy, playback, 120);
  /* The Codec page is the one after Check: its readouts and lists are drawn too. */
  for (int i = 0; i < 4; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.step-view", "i", 1);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timing_poll);
  /* A peer for the window's own work: an everyday action that redraws as much (the Codec
   * page's Preview toggle and status, by switching views there and back). */
  poll_left = 0;
  for (int i = 0; i < 4; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.step-view", "i", i % 2 ? 1 : -1);
      spin_ticking (NULL, NULL, 0.25, &ui);
    }
  ui_work = max_work;
  max_work = max_late = 0;
  poll_left = 0;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.codec-preview", NULL));
  seconds = spin_ticking (lq_ui_test_player_busy, playback, 0, &busy);
  busy_work = max_work;
  busy_late = max_late;
  max_work = max_late = 0;
  result = lq_player_get_codec_result (lq_player_playback_get_player (playback));
  g_assert_nonnull (result);
  spin_ticking (NULL, NULL, seconds, &idle);
  g_main_context_set_poll_func (NULL, default_poll);

  g_print ("codec preview of a 5 min 44.1 kHz stereo master, MP3 128, in the window: "
           "ready in %.2f s (round trip %.2f s on the worker)\n", seconds, result->seconds);
  g_print ("largest main-loop gap (1 ms timeout): %.1f ms while it ran (%u ticks; ending "
           "%.2f s in), %.1f ms idle for as long (%u ticks): ratio %.2f; limit 20 ms\n",
           busy.max_gap / 1e3, busy.ticks, busy.max_at / 1e6, idle.max_gap / 1e3, idle.ticks,
           (double) busy.max_gap / MAX (idle.max_gap, 1));
  g_print ("of which: longest main-loop work between polls %.1f ms while it ran, %.1f ms idle, "
           "%.1f ms for a view switch (largest gap %.1f ms); longest wait for a CPU past a "
           "poll's timeout %.1f ms while it ran, %.1f ms idle\n",
           busy_work / 1e3, max_work / 1e3, ui_work / 1e3, ui.max_gap / 1e3, busy_late / 1e3,
           max_late / 1e3);

  lq_window_set_playback (window, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
