/* test-demo.c
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

/* The built-in demo: what it measures, that it is deterministic, and the cache. */

#include "config.h"

#include <glib/gstdio.h>

#include "lq-analyze.h"
#include "lq-demo.h"

static char *dir;

static LqAnalysisResult *
analyze (const char *path)
{
  g_autoptr(GError) error = NULL;
  LqAnalysisResult *result = lq_analyze_file (path, LQ_ANALYZE_SUMMARY, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static void
test_ensure (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mix = NULL;
  g_autofree char *ref = NULL;
  g_autoptr(LqAnalysisResult) m = NULL;
  g_autoptr(LqAnalysisResult) r = NULL;

  g_assert_true (lq_demo_ensure (dir, &mix, &ref, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (mix, "Demo Mix.wav"));
  g_assert_true (g_str_has_suffix (ref, "Demo Reference.wav"));

  m = analyze (mix);
  r = analyze (ref);
  g_test_message ("mix: I %.2f LUFS, TP %.2f dBTP, SP %.2f dBFS, LRA %.2f LU",
                  m->summary.integrated_lufs, m->summary.true_peak_dbtp,
                  m->summary.sample_peak_dbfs, m->summary.loudness_range_lu);
  g_test_message ("reference: I %.2f LUFS, TP %.2f dBTP, SP %.2f dBFS, LRA %.2f LU",
                  r->summary.integrated_lufs, r->summary.true_peak_dbtp,
                  r->summary.sample_peak_dbfs, r->summary.loudness_range_lu);

  /* A mix ready for mastering: about -18 LUFS, peaks a few dB under full scale. */
  g_assert_cmpuint (m->summary.channels, ==, 2);
  g_assert_cmpfloat (m->summary.sample_rate, ==, LQ_DEMO_RATE);
  g_assert_cmpfloat_with_epsilon ((double) m->summary.frames / LQ_DEMO_RATE, LQ_DEMO_SECONDS, 1e-6);
  g_assert_cmpfloat_with_epsilon (m->summary.integrated_lufs, LQ_DEMO_MIX_LUFS, 0.05);
  g_assert_cmpfloat (m->summary.sample_peak_dbfs, <, -3.0);
  g_assert_cmpfloat (m->summary.sample_peak_dbfs, >, -8.0);
  g_assert_cmpfloat (m->summary.loudness_range_lu, >, 1.0);

  /* A loud commercial master. */
  g_assert_cmpfloat_with_epsilon (r->summary.integrated_lufs, LQ_DEMO_REFERENCE_LUFS, 0.05);
  g_assert_cmpfloat (r->summary.sample_peak_dbfs, <, 0.0);

  /* Present files are reused. */
  {
    GStatBuf before, after;
    g_autofree char *mix2 = NULL;

    g_assert_cmpint (g_stat (mix, &before), ==, 0);
    g_assert_true (lq_demo_ensure (dir, &mix2, NULL, NULL));
    g_assert_cmpint (g_stat (mix2, &after), ==, 0);
    g_assert_cmpint (before.st_ino, ==, after.st_ino);
  }
}

static void
test_deterministic (void)
{
  g_autofree char *a = g_build_filename (dir, "a.wav", NULL);
  g_autofree char *b = g_build_filename (dir, "b.wav", NULL);
  g_autofree char *da = NULL, *db = NULL;
  gsize la, lb;

  for (int track = LQ_DEMO_TRACK_MIX; track <= LQ_DEMO_TRACK_REFERENCE; track++)
    {
      g_assert_true (lq_demo_write_track (track, a, 6.0, NULL));
      g_assert_true (lq_demo_write_track (track, b, 6.0, NULL));
      g_assert_true (g_file_get_contents (a, &da, &la, NULL));
      g_assert_true (g_file_get_contents (b, &db, &lb, NULL));
      g_assert_cmpmem (da, la, db, lb);
      g_clear_pointer (&da, g_free);
      g_clear_pointer (&db, g_free);
    }
  g_unlink (a);
  g_unlink (b);
}

static void
test_unwritable (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lq_demo_write_track (LQ_DEMO_TRACK_MIX, "/nonexistent-dir/x.wav", 3.0, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "x.wav"));
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("lacquer-demo-XXXXXX", NULL);

  g_test_add_func ("/ui/demo/ensure", test_ensure);
  g_test_add_func ("/ui/demo/deterministic", test_deterministic);
  g_test_add_func ("/ui/demo/unwritable", test_unwritable);
  ret = g_test_run ();

  {
    g_autofree char *mix = g_build_filename (dir, "Demo Mix.wav", NULL);
    g_autofree char *ref = g_build_filename (dir, "Demo Reference.wav", NULL);
    g_unlink (mix);
    g_unlink (ref);
    g_rmdir (dir);
  }
  g_free (dir);
  return ret;
}
