/* bench-views.c
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

/* Drawing cost of the views and start-up time to a drawn window (meson test --benchmark).
 *
 *   waveform and spectrum: the time to snapshot each view (what a frame costs the widget)
 *   and to snapshot and render it with the window's renderer, for a one-hour and a
 *   three-minute file, plus the cost of a zoom step (re-reducing the pyramid);
 *   start to a drawn window: from main () to the first frame drawn after a five-minute mix
 *   has been decoded and analysed, GTK initialisation included.
 *
 * Needs a display (exits 77 without one). */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "lq-demo.h"
#include "lq-spectrum-view.h"
#include "lq-ui-test.h"
#include "lq-waveform-view.h"
#include "lq-window.h"

#define SNAPSHOTS 300
#define RENDERS   60

static gint64 start_time;
static double init_ms;

static double
ms_since (gint64 t0)
{
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static double
time_snapshot (GtkWidget *widget,
               gboolean   render)
{
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int n = render ? RENDERS : SNAPSHOTS;
  gint64 t0 = g_get_monotonic_time ();

  for (int i = 0; i < n; i++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GskRenderNode *node;

      /* The view's own snapshot (GTK would reuse its last node when nothing changed). */
      GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      g_assert_nonnull (node);
      if (render)
        {
          GdkTexture *texture =
            gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
          g_object_unref (texture);
        }
      gsk_render_node_unref (node);
    }
  return ms_since (t0) / n;
}

static void
bench_file (double seconds)
{
  g_autofree char *label = seconds >= 3600 ? g_strdup ("1 h")
                                            : g_strdup_printf ("%.0f min", seconds / 60);
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(LqSource) source = lq_ui_test_make_source (LQ_SOURCE_KIND_MIX, "/bench/Mix.wav",
                                                       seconds, 48000);
  double build_ms = ms_since (t0);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *waveform = lq_waveform_view_new ();
  GtkWidget *spectrum = lq_spectrum_view_new ();
  double zoom_ms;

  gtk_widget_set_size_request (waveform, 1200, 160);
  gtk_widget_set_size_request (spectrum, 600, 300);
  gtk_box_append (GTK_BOX (box), waveform);
  gtk_box_append (GTK_BOX (box), spectrum);
  gtk_window_set_child (GTK_WINDOW (window), box);
  lq_waveform_view_set_source (LQ_WAVEFORM_VIEW (waveform), source);
  lq_spectrum_view_set_source (LQ_SPECTRUM_VIEW (spectrum), source);
  lq_spectrum_view_set_comparison (LQ_SPECTRUM_VIEW (spectrum), source);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  t0 = g_get_monotonic_time ();
  for (int i = 0; i < 100; i++)
    lq_waveform_view_zoom_at (LQ_WAVEFORM_VIEW (waveform), i % 2 ? 0.5 : 2.0, 600);
  zoom_ms = ms_since (t0) / 100;

  g_print ("%-6s pyramid built in %7.1f ms (synthetic, %.0f frames)\n", label, build_ms,
           seconds * 48000);
  g_print ("%-6s waveform 1200x160: snapshot %.3f ms, snapshot+render %.3f ms, zoom step %.3f ms\n",
           label, time_snapshot (waveform, FALSE), time_snapshot (waveform, TRUE), zoom_ms);
  g_print ("%-6s spectrum  600x300: snapshot %.3f ms, snapshot+render %.3f ms\n",
           label, time_snapshot (spectrum, FALSE), time_snapshot (spectrum, TRUE));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
window_busy (gpointer data)
{
  return lq_window_get_busy (LQ_WINDOW (data));
}

static void
bench_startup (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lacquer-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "Bench Mix.wav", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  double gen_ms, open_ms, total_ms;
  LqWindow *window;

  if (!lq_demo_write_track (LQ_DEMO_TRACK_MIX, path, 300.0, &error))
    g_error ("%s", error->message);
  gen_ms = ms_since (t0);

  /* The clock runs from main (); writing the test file is taken out. */
  t0 = g_get_monotonic_time ();
  window = lq_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  lq_window_open_files (window, &file, 1);
  lq_ui_test_wait_false (window_busy, window, 120);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  open_ms = ms_since (t0);
  total_ms = init_ms + open_ms;

  g_print ("start to drawn window with a 5 min 44.1 kHz stereo mix: %.0f ms "
           "(GTK start-up %.0f ms, window + load + analysis + first frame %.0f ms; "
           "writing the file took %.0f ms and is not counted)\n",
           total_ms, init_ms, open_ms, gen_ms);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  start_time = g_get_monotonic_time ();
  lq_ui_test_init (&argc, &argv);
  init_ms = ms_since (start_time);

  g_print ("renderer: %s\n", g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");
  bench_startup ();
  bench_file (3 * 60);
  bench_file (3600);
  return 0;
}
