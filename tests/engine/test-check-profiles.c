/* test-check-profiles.c
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

/* The check's profiles re-measure the negative-correlation rule: one analysis pass (as the
 * window makes) judged by each profile counts the stretches that profile's rule defines.
 * The signal is built with a known answer: stretches of known length and correlation
 * between passages where left equals right, on the 0.1 s window grid. */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sndfile.h>

#include "lq-analyze.h"
#include "lq-check.h"
#include "lq-test-signal.h"

#define RATE 48000.0

typedef struct
{
  double start_s, length_s, correlation;
} Stretch;

/* A: 0.7 s anti-phase; B: 1.5 s anti-phase; C: 3 s at correlation -0.1; D: 2.5 s anti-phase.
 * Default (below 0 for over 1 s) counts B, C, D; strict (below 0 for over 0.5 s) all four;
 * relaxed (below -0.2 for over 2 s) only D. */
static const Stretch stretches[] = {
  { 1.0, 0.7, -1.0 }, { 3.0, 1.5, -1.0 }, { 5.5, 3.0, -0.1 }, { 9.5, 2.5, -1.0 },
};
#define LENGTH_S 13.0

static char *
write_mix (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lacquer-check-XXXXXX", &error);
  char *path = g_build_filename (dir, "phase.wav", NULL);
  gsize n = (gsize) (LENGTH_S * RATE);
  g_autofree float *a = g_new (float, n);
  g_autofree float *b = g_new (float, n);
  g_autofree float *inter = g_new (float, 2 * n);
  uint64_t seed = 7;
  SF_INFO info = { 0, (int) RATE, 2, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 0, 0 };
  SNDFILE *sf;

  g_assert_no_error (error);
  lq_test_white_noise (a, n, 0.25, &seed);
  lq_test_white_noise (b, n, 0.25, &seed);
  for (gsize i = 0; i < n; i++)
    {
      double t = i / RATE;
      double r = 1.0;

      for (guint k = 0; k < G_N_ELEMENTS (stretches); k++)
        if (t >= stretches[k].start_s && t < stretches[k].start_s + stretches[k].length_s)
          r = stretches[k].correlation;
      /* Right = r * left + sqrt (1 - r^2) * independent noise: correlation r. */
      inter[2 * i] = a[i];
      inter[2 * i + 1] = (float) (r * a[i] + sqrt (1.0 - r * r) * b[i]);
    }
  sf = sf_open (path, SFM_WRITE, &info);
  g_assert_nonnull (sf);
  g_assert_cmpint (sf_writef_float (sf, inter, (sf_count_t) n), ==, (sf_count_t) n);
  sf_close (sf);
  return path;
}

static const LqCheckFinding *
find_correlation (const LqCheckReport *report)
{
  for (guint i = 0; i < report->findings->len; i++)
    {
      const LqCheckFinding *f = g_ptr_array_index (report->findings, i);

      if (g_str_equal (f->id, "negative-correlation"))
        return f;
    }
  g_assert_not_reached ();
}

static void
test_profiles_remeasure_correlation (void)
{
  g_autofree char *path = write_mix ();
  g_autoptr(GError) error = NULL;
  LqCheckSettings settings;
  LqMixCheckConfig config;
  LqAnalysisResult *result;
  /* Which stretches each profile counts, in LqCheckProfile order. */
  const guint expected[LQ_CHECK_N_PROFILES][G_N_ELEMENTS (stretches) + 1] = {
    { 3, 1, 2, 3 }, { 4, 0, 1, 2, 3 }, { 1, 3 },
  };

  /* One pass, configured by the default profile, as the window's load makes it. */
  lq_check_settings_init (&settings, LQ_CHECK_PROFILE_DEFAULT);
  lq_check_settings_to_config (&settings, &config);
  result = lq_analyze_file_with_check (path, 0, &config, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  for (LqCheckProfile p = 0; p < LQ_CHECK_N_PROFILES; p++)
    {
      LqCheckReport *report;
      const LqCheckFinding *f;

      lq_check_settings_init (&settings, p);
      report = lq_check_report_new (result, &settings, p);
      f = find_correlation (report);
      g_test_message ("%s: %.0f stretches", lq_check_profile_to_string (p), f->value);
      g_assert_cmpfloat (f->value, ==, expected[p][0]);
      g_assert_cmpuint (f->n_times, ==, expected[p][0]);
      g_assert_cmpuint (f->times->len, ==, expected[p][0]);
      g_assert_cmpint (f->severity, ==, LQ_CHECK_PROBLEM);
      for (guint i = 0; i < expected[p][0]; i++)
        {
          const Stretch *s = &stretches[expected[p][i + 1]];
          const LqCheckTime *t = &g_array_index (f->times, LqCheckTime, i);

          g_assert_cmpfloat_with_epsilon (t->start_s, s->start_s, 1e-6);
          g_assert_cmpfloat_with_epsilon (t->duration_s, s->length_s, 1e-6);
        }
      lq_check_report_free (report);
    }

  /* A rule no profile has was not measured: no reading rather than another rule's. */
  settings.correlation_below = -0.5;
  {
    LqCheckReport *report = lq_check_report_new (result, &settings, LQ_CHECK_PROFILE_DEFAULT);
    const LqCheckFinding *f = find_correlation (report);

    g_assert_true (isnan (f->value));
    g_assert_cmpuint (f->n_times, ==, 0);
    lq_check_report_free (report);
  }
  lq_analysis_result_free (result);
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/check/profiles-remeasure-correlation", test_profiles_remeasure_correlation);
  return g_test_run ();
}
