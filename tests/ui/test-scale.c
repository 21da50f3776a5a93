/* test-scale.c
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

/* The shared value → pixel scales (src/analysis/lq-scale) and their column reductions. */

#include "config.h"

#include <glib.h>
#include <math.h>

#include "lq-db.h"
#include "lq-scale.h"

static void
test_linear_log (void)
{
  LqScale db, hz;

  lq_scale_init (&db, LQ_SCALE_LINEAR, -60.0, 0.0);
  g_assert_cmpfloat_with_epsilon (lq_scale_to_unit (&db, -30.0), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (lq_scale_from_unit (&db, 0.25), -45.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (lq_scale_to_y (&db, 0.0, 200.0), 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (lq_scale_to_y (&db, -60.0, 200.0), 200.0, 1e-12);
  /* Silence clamps to (just past) the bottom rather than going to infinity. */
  g_assert_true (isfinite (lq_scale_to_y (&db, -HUGE_VAL, 200.0)));
  g_assert_cmpfloat (lq_scale_to_y (&db, -HUGE_VAL, 200.0), >=, 200.0);

  lq_scale_init (&hz, LQ_SCALE_LOG, 20.0, 20000.0);
  g_assert_cmpfloat_with_epsilon (lq_scale_to_unit (&hz, 20.0), 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (lq_scale_to_unit (&hz, 20000.0), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (lq_scale_to_unit (&hz, sqrt (20.0 * 20000.0)), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (lq_scale_from_unit (&hz, 1.0 / 3.0), 200.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lq_scale_to_x (&hz, 2000.0, 300.0), 200.0, 1e-9);
  g_assert_cmpfloat (lq_scale_snap (10.7), ==, 10.5);
}

static void
test_ticks (void)
{
  LqScale hz, db;
  double ticks[32];
  const double expected_hz[] = { 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000 };
  guint n;
  char label[16];

  lq_scale_init (&hz, LQ_SCALE_LOG, 20.0, 20000.0);
  n = lq_scale_ticks (&hz, 10, ticks, G_N_ELEMENTS (ticks));
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected_hz));
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (ticks[i], expected_hz[i], 1e-9);

  lq_scale_init (&db, LQ_SCALE_LINEAR, -90.0, -20.0);
  n = lq_scale_ticks (&db, 8, ticks, G_N_ELEMENTS (ticks));
  g_assert_cmpuint (n, ==, 8);
  g_assert_cmpfloat (ticks[0], ==, -90.0);
  g_assert_cmpfloat (ticks[n - 1], ==, -20.0);

  lq_scale_format_hz (20.0, label, sizeof label);
  g_assert_cmpstr (label, ==, "20");
  lq_scale_format_hz (1000.0, label, sizeof label);
  g_assert_cmpstr (label, ==, "1k");
  lq_scale_format_hz (2500.0, label, sizeof label);
  g_assert_cmpstr (label, ==, "2.5k");
}

static void
test_spectrum_columns (void)
{
  enum { N_BINS = 2049, N_COLS = 300 };
  float bins[N_BINS];
  float cols[N_COLS];
  double bin_hz = 44100.0 / 4096.0;
  LqScale hz;

  lq_scale_init (&hz, LQ_SCALE_LOG, 20.0, 20000.0);

  /* Flat -40 dB per bin reads -40 dB in every column, + offset; silence reads the floor. */
  for (guint k = 0; k < N_BINS; k++)
    bins[k] = -40.0f;
  lq_scale_spectrum_columns (&hz, bins, N_BINS, bin_hz, 1.0 / 6.0, 5.0, 0.0, cols, N_COLS);
  for (guint i = 0; i < N_COLS; i++)
    g_assert_cmpfloat_with_epsilon (cols[i], -35.0, 1e-3);

  /* The tilt is 0 at 1 kHz and +3 dB one octave up. */
  lq_scale_spectrum_columns (&hz, bins, N_BINS, bin_hz, 1.0 / 6.0, 0.0, 3.0, cols, N_COLS);
  {
    guint at_1k = (guint) (lq_scale_to_unit (&hz, 1000.0) * N_COLS);
    guint at_2k = (guint) (lq_scale_to_unit (&hz, 2000.0) * N_COLS);
    g_assert_cmpfloat_with_epsilon (cols[at_1k], -40.0, 0.1);
    g_assert_cmpfloat_with_epsilon (cols[at_2k], -37.0, 0.1);
  }

  /* A single loud bin at 1 kHz shows up around 1 kHz and nowhere near 100 Hz. */
  for (guint k = 0; k < N_BINS; k++)
    bins[k] = -HUGE_VALF;
  bins[(guint) round (1000.0 / bin_hz)] = 0.0f;
  lq_scale_spectrum_columns (&hz, bins, N_BINS, bin_hz, 1.0 / 6.0, 0.0, 0.0, cols, N_COLS);
  g_assert_cmpfloat (cols[(guint) (lq_scale_to_unit (&hz, 1000.0) * N_COLS)], >, -30.0);
  g_assert_cmpfloat (cols[(guint) (lq_scale_to_unit (&hz, 100.0) * N_COLS)], ==, LQ_DB_FLOOR);
}

static void
test_series_columns (void)
{
  float values[100];
  float cols[10];

  for (guint i = 0; i < 100; i++)
    values[i] = (float) i;
  values[55] = -HUGE_VALF;
  lq_scale_series_columns (values, 100, 0, 100, cols, 10);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpfloat (cols[i], ==, (float) (i * 10 + 9));   /* the maximum of each tenth */

  /* More columns than points: each column reads its nearest point. */
  {
    float wide[400];
    lq_scale_series_columns (values, 100, 0, 100, wide, 400);
    g_assert_cmpfloat (wide[0], ==, 0.0f);
    g_assert_cmpfloat (wide[399], ==, 99.0f);
  }
}

static void
test_peak_columns (void)
{
  enum { FRAMES = 48000 * 10, COLS = 500 };
  LqPeaks *peaks = lq_peaks_new (1, NULL);
  float *buf = g_new (float, FRAMES);
  const float *planar[1] = { buf };
  LqPeakPair cols[COLS];
  guint n;

  /* Silence, with one full-scale spike at 5 s. */
  for (guint i = 0; i < FRAMES; i++)
    buf[i] = 0.0f;
  buf[FRAMES / 2] = 1.0f;
  lq_peaks_process (peaks, planar, FRAMES);
  lq_peaks_finish (peaks);

  n = lq_scale_peak_columns (peaks, 0, 0, (double) FRAMES / COLS, cols, COLS);
  g_assert_cmpuint (n, ==, COLS);
  /* Buckets straddling a column edge count for both columns, so the spike may widen by one
   * column, never more. */
  g_assert_cmpfloat (cols[COLS / 2].max, ==, 1.0f);
  for (guint i = 0; i < COLS; i++)
    if (i + 1 < COLS / 2 || i > COLS / 2 + 1)
      g_assert_cmpfloat (cols[i].max, ==, 0.0f);

  /* Columns past the end hold nothing; a bad channel gives nothing. */
  n = lq_scale_peak_columns (peaks, 0, FRAMES - 100.0 * 960, 960, cols, COLS);
  g_assert_cmpuint (n, <=, 101);
  g_assert_cmpfloat (cols[COLS - 1].min, >, cols[COLS - 1].max);
  g_assert_cmpuint (lq_scale_peak_columns (peaks, 3, 0, 960, cols, COLS), ==, 0);

  lq_peaks_free (peaks);
  g_free (buf);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/scale/linear-log", test_linear_log);
  g_test_add_func ("/ui/scale/ticks", test_ticks);
  g_test_add_func ("/ui/scale/spectrum-columns", test_spectrum_columns);
  g_test_add_func ("/ui/scale/series-columns", test_series_columns);
  g_test_add_func ("/ui/scale/peak-columns", test_peak_columns);

  return g_test_run ();
}
