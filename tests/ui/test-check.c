/* test-check.c
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

/* The Check view of the window: a generated mix with one clipped run at a known time,
 * measured by the mix's own load (no second pass), shown as a row with that time; activating
 * the row selects the mix, seeks there and loops two seconds around it. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sndfile.h>

#include "lq-application.h"
#include "lq-ui-test.h"
#include "lq-window-private.h"

#define RATE       48000
#define SECONDS    6
/* A run of 24 samples at full scale on the left channel, from exactly 2.5 s. */
#define CLIP_START (RATE * 5 / 2)
#define CLIP_LEN   24

static LqApplication *app;

static gboolean
window_busy (gpointer data)
{
  return lq_window_get_busy (LQ_WINDOW (data));
}

/* A 1 kHz sine at -12 dBFS on both channels (well inside every limit but the one made). */
static char *
write_clipped_mix (const char *dir)
{
  char *path = g_build_filename (dir, "clipped-mix.wav", NULL);
  SF_INFO info = { .samplerate = RATE, .channels = 2,
                   .format = SF_FORMAT_WAV | SF_FORMAT_FLOAT };
  g_autofree float *frames = g_new0 (float, (gsize) RATE * SECONDS * 2);
  SNDFILE *file;

  for (gsize i = 0; i < (gsize) RATE * SECONDS; i++)
    {
      float v = 0.25f * sinf (2.0f * (float) G_PI * 1000.0f * (float) i / RATE);

      frames[2 * i] = v;
      frames[2 * i + 1] = v;
    }
  for (gsize i = CLIP_START; i < CLIP_START + CLIP_LEN; i++)
    frames[2 * i] = 1.0f;
  file = sf_open (path, SFM_WRITE, &info);
  g_assert_nonnull (file);
  g_assert_cmpint (sf_writef_float (file, frames, RATE * SECONDS), ==, RATE * SECONDS);
  sf_close (file);
  return path;
}

/* The row's first line: "Clipped runs · at 0:02.500 for …". */
static const char *
row_heading (GtkListBoxRow *row)
{
  GtkWidget *box = gtk_list_box_row_get_child (row);
  GtkWidget *text = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));

  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (text)));
}

static void
test_clipped_row (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lacquer-check-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(LqUiTestPlayback) player = lq_ui_test_playback_new ();
  LqWindow *window = lq_window_new (app);
  const double clip_s = (double) CLIP_START / RATE;
  const double clip_mid = clip_s + 0.5 * CLIP_LEN / RATE;
  const LqCheckReport *report;
  GtkListBoxRow *row;
  double start, end, player_start, player_end;

  g_assert_no_error (error);
  /* No mix, no report, nothing to activate. */
  g_assert_null (lq_check_view_get_report (window->check_view));
  g_assert_null (lq_check_view_find_row (window->check_view, "clipping", 0));
  path = write_clipped_mix (dir);
  file = g_file_new_for_path (path);

  lq_window_set_playback (window, LQ_PLAYBACK (player));
  gtk_window_present (GTK_WINDOW (window));
  lq_window_open_files (window, &file, 1);
  lq_ui_test_wait_false (window_busy, window, 60);

  /* Somewhere else first: the master selected, the playhead near the end, no loop. */
  lq_source_set_select (window->sources, LQ_SOURCE_SET_MASTER);
  g_object_set (window, "position", 5.0, NULL);
  g_assert_false (lq_session_get_loop (window->session, &start, &end));

  gtk_stack_set_visible_child_name (window->view_stack, "check");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->check_view)));

  /* The readings came with the mix's load. */
  report = lq_check_view_get_report (window->check_view);
  g_assert_nonnull (report);
  g_assert_cmpint (report->worst, ==, LQ_CHECK_PROBLEM);

  row = lq_check_view_find_row (window->check_view, "clipping", 0);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
  g_assert_true (gtk_list_box_row_get_activatable (row));
  g_test_message ("row: %s", row_heading (row));
  g_assert_nonnull (strstr (row_heading (row), "at 0:02.500 for 0.5 ms, channel 1"));
  /* Exactly one run. */
  g_assert_null (lq_check_view_find_row (window->check_view, "clipping", 1));

  gtk_widget_activate (GTK_WIDGET (row));

  g_assert_cmpint (lq_source_set_get_selected_index (window->sources), ==, LQ_SOURCE_SET_MIX);
  g_assert_true (lq_session_get_loop (window->session, &start, &end));
  g_test_message ("loop %.6f..%.6f around %.6f", start, end, clip_mid);
  g_assert_cmpfloat_with_epsilon (end - start, 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (start, clip_mid - 1.0, 1e-9);
  /* The playhead is at the start of that loop, in the window and in the player. */
  g_assert_cmpfloat_with_epsilon (lq_waveform_view_get_position (window->waveform_view),
                                  clip_mid - 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lq_ui_test_playback_get_position (player), clip_mid - 1.0,
                                  1e-9);
  lq_ui_test_playback_get_loop (player, &player_start, &player_end);
  g_assert_cmpfloat_with_epsilon (player_start, start, 1e-9);
  g_assert_cmpfloat_with_epsilon (player_end, end, 1e-9);

  /* The untimed findings are rows too, not activatable. */
  row = lq_check_view_find_row (window->check_view, "sample-peak", 0);
  g_assert_nonnull (row);
  g_assert_false (gtk_list_box_row_get_activatable (row));

  /* The profile judges the same readings by other thresholds. */
  for (LqCheckProfile p = 0; p < LQ_CHECK_N_PROFILES; p++)
    {
      LqCheckSettings settings;
      const LqCheckFinding *peak;

      lq_check_view_set_profile (window->check_view, p);
      lq_check_settings_init (&settings, p);
      report = lq_check_view_get_report (window->check_view);
      peak = g_ptr_array_index (report->findings, 0);
      g_assert_cmpstr (peak->id, ==, "sample-peak");
      g_assert_cmpfloat (peak->threshold, ==, settings.peak_problem_dbfs);
      g_assert_nonnull (lq_check_view_find_row (window->check_view, "clipping", 0));
    }

  /* Ctrl+Page Down and Up step through the views, round, from the Chain page too. */
  gtk_stack_set_visible_child_name (window->view_stack, "chain");
  lq_ui_test_press (GTK_WIDGET (window), "<Control>Page_Down");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->view_stack), ==, "platforms");
  lq_ui_test_press (GTK_WIDGET (window), "<Control>Page_Down");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->view_stack), ==, "check");
  lq_ui_test_press (GTK_WIDGET (window), "<Control>Page_Down");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->view_stack), ==, "codec");
  lq_ui_test_press (GTK_WIDGET (window), "<Control>Page_Down");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->view_stack), ==, "analysis");
  lq_ui_test_press (GTK_WIDGET (window), "<Control>Page_Up");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->view_stack), ==, "codec");

  lq_window_set_playback (window, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  lq_ui_test_init (&argc, &argv);
  app = lq_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/ui/check/clipped-row", test_clipped_row);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
  return ret;
}
