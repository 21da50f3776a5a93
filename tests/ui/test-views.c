/* test-views.c
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

/* Each view and pane on its own, with synthetic data: they draw, and their properties and
 * interactions behave. */

#include "config.h"

#include <math.h>

#include "lq-level-meter.h"
#include "lq-loudness-graph.h"
#include "lq-meter-panel.h"
#include "lq-source-bar.h"
#include "lq-spectrum-view.h"
#include "lq-transport-bar.h"
#include "lq-ui-test.h"
#include "lq-waveform-view.h"

static GtkWidget *
show_in_window (GtkWidget *child,
                int        width,
                int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_widget_set_size_request (child, width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  return window;
}

static guint
ink_of (GtkWidget *widget)
{
  g_autoptr(GdkTexture) texture = lq_ui_test_render (widget);

  return lq_ui_test_count_ink (texture);
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (root, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (g_ptr_array_index (labels, i)), text) == 0)
      return g_ptr_array_index (labels, i);
  return NULL;
}

/* A drag with the primary button as the view's gesture reports it. */
static void
drag (GtkWidget *view,
      double     x,
      double     y,
      double     dx)
{
  GtkEventController *gesture = lq_ui_test_find_controller (view, GTK_TYPE_GESTURE_DRAG);

  g_signal_emit_by_name (gesture, "drag-begin", x, y);
  g_signal_emit_by_name (gesture, "drag-update", dx / 2, 0.0);
  g_signal_emit_by_name (gesture, "drag-update", dx, 0.0);
  g_signal_emit_by_name (gesture, "drag-end", dx, 0.0);
}

static const char *
cursor_at (GtkWidget *view,
           double     x,
           double     y)
{
  GdkCursor *cursor;

  g_signal_emit_by_name (lq_ui_test_find_controller (view, GTK_TYPE_EVENT_CONTROLLER_MOTION),
                         "motion", x, y);
  cursor = gtk_widget_get_cursor (view);
  return cursor ? gdk_cursor_get_name (cursor) : NULL;
}

/* Loop edges drag (with a resize cursor) instead of starting a new loop; the overview strip
 * under the lanes moves the visible range. */
static void
test_waveform_loop_edit (void)
{
  g_autoptr(LqSource) source =
    lq_ui_test_make_source (LQ_SOURCE_KIND_MIX, "/x/Song.wav", 60, 48000);
  GtkWidget *view = lq_waveform_view_new ();
  GtkWidget *window = show_in_window (view, 600, 160);
  LqWaveformView *wf = LQ_WAVEFORM_VIEW (view);
  int width = gtk_widget_get_width (view);
  int height = gtk_widget_get_height (view);
  double px = width / 60.0;   /* pixels per second, whole file shown */
  double start, end;

  lq_waveform_view_set_source (wf, source);
  lq_waveform_view_set_loop (wf, 10.0, 20.0);

  g_assert_cmpstr (cursor_at (view, 10.0 * px + 2, 60), ==, "ew-resize");
  g_assert_cmpstr (cursor_at (view, 20.0 * px - 3, 60), ==, "ew-resize");
  g_assert_cmpstr (cursor_at (view, 15.0 * px, 60), ==, "text");

  /* The start edge, 5 s later. */
  drag (view, 10.0 * px + 2, 60, 5.0 * px);
  lq_waveform_view_get_loop (wf, &start, &end);
  g_test_message ("start edge dragged: %.2f to %.2f s", start, end);
  g_assert_cmpfloat (fabs (start - (15.0 + 2 / px)), <, 0.01);
  g_assert_cmpfloat (end, ==, 20.0);
  /* The end edge, dragged before the start: it becomes the start. */
  drag (view, 20.0 * px, 60, -15.0 * px);
  lq_waveform_view_get_loop (wf, &start, &end);
  g_test_message ("end edge dragged past the start: %.2f to %.2f s", start, end);
  g_assert_cmpfloat (fabs (start - 5.0), <, 0.01);
  g_assert_cmpfloat (fabs (end - (15.0 + 2 / px)), <, 0.01);
  /* Away from the edges a drag is a new loop. */
  drag (view, 40.0 * px, 60, 10.0 * px);
  lq_waveform_view_get_loop (wf, &start, &end);
  g_assert_cmpfloat (fabs (start - 40.0), <, 0.01);
  g_assert_cmpfloat (fabs (end - 50.0), <, 0.01);

  /* The overview: a press centres the visible range there, a drag moves it; the loop
   * stays. */
  lq_waveform_view_set_zoom (wf, 4.0);   /* 15 s visible */
  g_assert_cmpstr (cursor_at (view, 300, height - 4), ==, "grab");
  drag (view, 30.0 * px, height - 4, 15.0 * px);
  g_assert_cmpfloat_with_epsilon (lq_waveform_view_get_view_start (wf), 45.0 - 7.5, 1e-6);
  lq_waveform_view_get_loop (wf, &start, &end);
  g_assert_cmpfloat (fabs (start - 40.0), <, 0.01);
  gtk_test_widget_wait_for_draw (window);
  {
    g_autoptr(GdkTexture) texture = lq_ui_test_render (view);

    /* The strip has the file in it. */
    g_assert_cmpuint (lq_ui_test_count_ink_in (texture, 40, 0, height - 12, width, height), >,
                      width);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_waveform (void)
{
  g_autoptr(LqSource) source = 
    lq_ui_test_make_source (LQ_SOURCE_KIND_MIX, "/x/Song.wav", 60, 48000);
  GtkWidget *view = lq_waveform_view_new ();
  GtkWidget *window = show_in_window (view, 800, 160);
  LqWaveformView *wf = LQ_WAVEFORM_VIEW (view);
  guint empty_ink, ink;
  double start, end;

  empty_ink = ink_of (view);
  lq_waveform_view_set_source (wf, source);
  gtk_test_widget_wait_for_draw (window);
  ink = ink_of (view);
  g_test_message ("waveform ink: %u (grid only %u)", ink, empty_ink);
  g_assert_cmpuint (ink, >, empty_ink + 800 * 30);

  /* Zoom keeps the time under the pointer in place and clamps to the file. */
  lq_waveform_view_zoom_at (wf, 4.0, 400.0);
  g_assert_cmpfloat_with_epsilon (lq_waveform_view_get_zoom (wf), 4.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lq_waveform_view_get_view_start (wf), 30.0 - 7.5, 1e-6);
  lq_waveform_view_set_view_start (wf, 1000.0);
  g_assert_cmpfloat_with_epsilon (lq_waveform_view_get_view_start (wf), 45.0, 1e-6);
  lq_waveform_view_set_zoom (wf, 1e9);
  g_assert_cmpfloat (lq_waveform_view_get_zoom (wf), <, 1e9);   /* deepest: 16 frames/px */
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpuint (ink_of (view), >, empty_ink);
  lq_waveform_view_set_zoom (wf, 0.5);
  g_assert_cmpfloat (lq_waveform_view_get_zoom (wf), ==, 1.0);

  lq_waveform_view_set_loop (wf, 10.0, 20.0);
  lq_waveform_view_get_loop (wf, &start, &end);
  g_assert_cmpfloat (start, ==, 10.0);
  g_assert_cmpfloat (end, ==, 20.0);
  lq_waveform_view_set_position (wf, 30.0);
  g_assert_cmpfloat (lq_waveform_view_get_position (wf), ==, 30.0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_spectrum (void)
{
  g_autoptr(LqSource) mix = lq_ui_test_make_source (LQ_SOURCE_KIND_MIX, "/x/Mix.wav", 5, 44100);
  g_autoptr(LqSource) ref = 
    lq_ui_test_make_source (LQ_SOURCE_KIND_REFERENCE, "/x/Ref.wav", 5, 44100);
  GtkWidget *view = lq_spectrum_view_new ();
  GtkWidget *window = show_in_window (view, 500, 300);
  guint empty_ink, one, two;

  empty_ink = ink_of (view);
  lq_spectrum_view_set_source (LQ_SPECTRUM_VIEW (view), mix);
  gtk_test_widget_wait_for_draw (window);
  one = ink_of (view);
  lq_spectrum_view_set_comparison (LQ_SPECTRUM_VIEW (view), ref);
  lq_source_set_matched_gain (ref, -20.0);   /* moves the comparison's line down */
  gtk_test_widget_wait_for_draw (window);
  two = ink_of (view);
  g_test_message ("spectrum ink: empty %u, one curve %u, two %u", empty_ink, one, two);
  g_assert_cmpuint (one, >, empty_ink + 500 * 40);
  g_assert_cmpuint (two, >, one);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_loudness_graph (void)
{
  g_autoptr(LqSource) source = 
    lq_ui_test_make_source (LQ_SOURCE_KIND_MIX, "/x/Mix.wav", 200, 44100);
  GtkWidget *view = lq_loudness_graph_new ();
  GtkWidget *window = show_in_window (view, 500, 300);
  guint empty_ink, ink;

  empty_ink = ink_of (view);
  lq_loudness_graph_set_source (LQ_LOUDNESS_GRAPH (view), source);
  lq_loudness_graph_set_position (LQ_LOUDNESS_GRAPH (view), 100.0);
  lq_loudness_graph_set_target_lufs (LQ_LOUDNESS_GRAPH (view), -23.0);
  gtk_test_widget_wait_for_draw (window);
  ink = ink_of (view);
  g_test_message ("loudness ink: %u (grid only %u)", ink, empty_ink);
  g_assert_cmpuint (ink, >, empty_ink + 500 * 3);
  g_assert_cmpfloat (lq_loudness_graph_get_target_lufs (LQ_LOUDNESS_GRAPH (view)), ==, -23.0);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Tall, as in a 1600×1000 window: the axis is labelled up to 0 LUFS, so the label column
   * (left of the plot) has ink in the top quarter, above −12 (the plot spans −42 to 0). */
  view = lq_loudness_graph_new ();
  window = show_in_window (view, 500, 700);
  {
    g_autoptr(GdkTexture) texture = lq_ui_test_render (view);
    guint top = lq_ui_test_count_ink_in (texture, 0, 0, 0, 30, 700 / 4);
    guint all = lq_ui_test_count_ink_in (texture, 0, 0, 0, 30, 700);

    g_test_message ("axis labels: ink %u in the top quarter of %u", top, all);
    g_assert_cmpuint (top, >, all / 8);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_level_meter (void)
{
  GtkWidget *view = lq_level_meter_new ();
  GtkWidget *window = show_in_window (view, -1, 240);
  LqLevelMeter *meter = LQ_LEVEL_METER (view);
  const double quiet_sp[] = { -12.0, -14.0 }, quiet_tp[] = { -11.5, -13.8 };
  const double loud_sp[] = { -0.5, -0.8 }, loud_tp[] = { 0.4, -0.6 };
  guint quiet_red, loud_red;
  g_autoptr(GdkTexture) quiet = NULL;
  g_autoptr(GdkTexture) loud = NULL;

  LqLevelMeterChannel channels[2];
  guint bar_ink, mark_ink;

  for (guint c = 0; c < 2; c++)
    channels[c] = (LqLevelMeterChannel) { quiet_sp[c], quiet_tp[c], quiet_tp[c], quiet_tp[c] };
  lq_level_meter_set_ceiling (meter, -1.0);
  lq_level_meter_set_channels (meter, 2, channels);
  g_assert_true (lq_level_meter_get_live (meter));
  g_assert_false (lq_level_meter_get_over (meter));
  gtk_test_widget_wait_for_draw (window);
  quiet = lq_ui_test_render (view);
  quiet_red = lq_ui_test_count_red (quiet);
  /* Solid ink: the bars, not their faint tracks. */
  bar_ink = lq_ui_test_count_ink_in (quiet, 200, 0, 0, G_MAXINT, G_MAXINT);

  for (guint c = 0; c < 2; c++)
    channels[c] = (LqLevelMeterChannel) { loud_sp[c], loud_tp[c], loud_tp[c], loud_tp[c] };
  lq_level_meter_set_channels (meter, 2, channels);
  g_assert_true (lq_level_meter_get_over (meter));
  gtk_test_widget_wait_for_draw (window);
  loud = lq_ui_test_render (view);
  loud_red = lq_ui_test_count_red (loud);
  /* Bars drawn; over the ceiling, red bar ends and the over light. */
  g_test_message ("meter: ink %u, red pixels quiet %u, loud %u", bar_ink, quiet_red, loud_red);
  g_assert_cmpuint (bar_ink, >, 1000);
  g_assert_cmpuint (loud_red, >, quiet_red + 200);

  /* A file's peaks (stopped) are marks, not bars: the same levels leave far less ink, and
   * above the ceiling the marks and the over light are still red. */
  lq_level_meter_set_levels (meter, 2, quiet_sp, quiet_tp);
  g_assert_false (lq_level_meter_get_live (meter));
  gtk_test_widget_wait_for_draw (window);
  {
    g_autoptr(GdkTexture) marks = lq_ui_test_render (view);

    mark_ink = lq_ui_test_count_ink_in (marks, 200, 0, 0, G_MAXINT, G_MAXINT);
  }
  g_test_message ("meter: file peaks as marks %u pixels of ink, as bars %u", mark_ink, bar_ink);
  g_assert_cmpuint (mark_ink, <, bar_ink / 4);
  lq_level_meter_set_levels (meter, 2, loud_sp, loud_tp);
  g_assert_true (lq_level_meter_get_over (meter));
  gtk_test_widget_wait_for_draw (window);
  {
    g_autoptr(GdkTexture) marks = lq_ui_test_render (view);

    g_assert_cmpuint (lq_ui_test_count_red (marks), >, quiet_red + 200);
  }

  /* A higher ceiling clears the over. */
  lq_level_meter_set_ceiling (meter, 1.0);
  g_assert_false (lq_level_meter_get_over (meter));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_meter_panel (void)
{
  g_autoptr(LqSource) source = lq_ui_test_make_source (LQ_SOURCE_KIND_MIX, "/x/Mix.wav", 10, 44100);
  GtkWidget *panel = lq_meter_panel_new ();
  GtkWidget *window = show_in_window (panel, 300, 300);
  GtkLabel *integrated, *true_peak;

  lq_meter_panel_set_source (LQ_METER_PANEL (panel), source);
  lq_meter_panel_set_position (LQ_METER_PANEL (panel), 10.0);   /* M and S differ from I */
  lq_meter_panel_set_preset_id (LQ_METER_PANEL (panel), "spotify");
  integrated = find_label (panel, "−16.0 LUFS");
  true_peak = find_label (panel, "−5.6 dBTP");
  g_assert_nonnull (integrated);
  g_assert_nonnull (true_peak);
  g_assert_nonnull (find_label (panel, "6.0 LU"));
  g_assert_nonnull (find_label (panel, "10.4 dB"));

  /* -16 LUFS misses Spotify's -14 and meets Apple Music's -16; -5.6 dBTP is under both. */
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (integrated), "warning"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (true_peak), "success"));
  lq_meter_panel_set_preset_id (LQ_METER_PANEL (panel), "apple-music");
  g_assert_cmpstr (lq_meter_panel_get_preset_id (LQ_METER_PANEL (panel)), ==, "apple-music");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (integrated), "success"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (integrated), "warning"));
  /* Unknown presets are ignored. */
  lq_meter_panel_set_preset_id (LQ_METER_PANEL (panel), "nonsense");
  g_assert_cmpstr (lq_meter_panel_get_preset_id (LQ_METER_PANEL (panel)), ==, "apple-music");
  g_assert_cmpfloat (lq_level_meter_get_ceiling (
                       lq_meter_panel_get_level_meter (LQ_METER_PANEL (panel))), ==, -1.0);

  /* Momentary and short-term follow the position. */
  lq_meter_panel_set_position (LQ_METER_PANEL (panel), 0.0);
  g_assert_nonnull (find_label (panel, "−16.0 LUFS"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_source_bar (void)
{
  g_autoptr(LqSourceSet) sources = lq_source_set_new ();
  g_autoptr(LqSource) mix = lq_ui_test_make_source (LQ_SOURCE_KIND_MIX, "/x/My Mix.wav", 5, 44100);
  g_autoptr(LqSource) ref = 
    lq_ui_test_make_source (LQ_SOURCE_KIND_REFERENCE, "/x/Hit.flac", 5, 44100);
  GtkWidget *bar = lq_source_bar_new ();
  GtkWidget *window = show_in_window (bar, 600, -1);

  lq_source_bar_set_sources (LQ_SOURCE_BAR (bar), sources);
  g_assert_null (find_label (bar, "My Mix"));
  lq_source_set_set_mix (sources, mix);
  lq_source_set_add_reference (sources, ref);
  lq_source_set_set_listening_level (sources, -14.0);
  /* The gain the player reports (the session copies it onto the source). */
  lq_source_set_matched_gain (mix, 2.0);

  g_assert_nonnull (find_label (bar, "My Mix"));
  g_assert_nonnull (find_label (bar, "Master"));
  g_assert_nonnull (find_label (bar, "Hit"));
  g_assert_nonnull (find_label (bar, "+2.0 dB"));

  lq_source_set_set_loudness_match (sources, FALSE);
  g_assert_null (find_label (bar, "+2.0 dB"));
  g_assert_nonnull (find_label (bar, "−16.0 LUFS"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_transport_bar (void)
{
  GtkWidget *bar = lq_transport_bar_new ();
  GtkWidget *window = show_in_window (bar, 600, -1);

  lq_transport_bar_set_duration (LQ_TRANSPORT_BAR (bar), 3600.0);
  lq_transport_bar_set_position (LQ_TRANSPORT_BAR (bar), 12.34);
  g_assert_nonnull (find_label (bar, "0:12.3 / 1:00:00.0"));
  g_assert_nonnull (find_label (bar, "No audio output"));
  lq_transport_bar_set_device_name (LQ_TRANSPORT_BAR (bar), "Speakers");
  g_assert_nonnull (find_label (bar, "Speakers"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_source_set (void)
{
  g_autoptr(LqSourceSet) sources = lq_source_set_new ();
  g_autoptr(LqSource) mix = lq_ui_test_make_source (LQ_SOURCE_KIND_MIX, "/x/A.wav", 3, 44100);
  g_autoptr(LqSource) mix2 = lq_ui_test_make_source (LQ_SOURCE_KIND_MIX, "/x/B.wav", 3, 44100);
  g_autoptr(LqSource) ref = lq_ui_test_make_source (LQ_SOURCE_KIND_REFERENCE, "/x/R.wav", 3, 44100);

  g_assert_true (lq_source_set_is_empty (sources));
  g_assert_null (lq_source_set_get_selected (sources));
  lq_source_set_set_mix (sources, mix);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sources)), ==, 2);
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, 0);
  g_assert_null (lq_source_set_get_comparison (sources));

  lq_source_set_add_reference (sources, ref);
  g_assert_true (lq_source_set_get_comparison (sources) == ref);
  lq_source_set_select (sources, 2);
  g_assert_true (lq_source_set_get_comparison (sources) == mix);

  /* A new mix replaces mix and master; references and selection stay. */
  lq_source_set_set_mix (sources, mix2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sources)), ==, 3);
  g_assert_true (lq_source_set_get_mix (sources) == mix2);
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  lq_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/views/waveform", test_waveform);
  g_test_add_func ("/ui/views/waveform-loop-edit", test_waveform_loop_edit);
  g_test_add_func ("/ui/views/spectrum", test_spectrum);
  g_test_add_func ("/ui/views/loudness-graph", test_loudness_graph);
  g_test_add_func ("/ui/views/level-meter", test_level_meter);
  g_test_add_func ("/ui/panes/meter-panel", test_meter_panel);
  g_test_add_func ("/ui/panes/source-bar", test_source_bar);
  g_test_add_func ("/ui/panes/transport-bar", test_transport_bar);
  g_test_add_func ("/ui/model/source-set", test_source_set);

  return g_test_run ();
}
