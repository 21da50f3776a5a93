/* bench-mix-check.c
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

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "lq-file-analysis.h"
#include "lq-mix-check.h"
#include "lq-test-signal.h"

/* What the mix check costs the analysis pass: five minutes of 48 kHz stereo music-like
 * signal through the whole-file pass as `lacquer analyze` configures it (history, pyramid,
 * spectrum), with and without the check, on one thread, and the check's accumulator alone.
 * CPU time of this thread, best of a few runs. A benchmark: prints figures, never fails. */

#define RATE    48000.0
#define SECONDS 300
#define RUNS    3

static double
now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static const LqMixCheckConfig check_config = {
  .clip_level_dbfs = -0.01, .clip_min_samples = 3, .correlation_below = 0.0,
  .correlation_min_s = 1.0, .low_cutoff_hz = 120.0, .high_cutoff_hz = 16000.0,
  .silence_dbfs = -60.0,
};

static double
time_pass (const float *x,
           size_t       n,
           bool         full,
           bool         check)
{
  double best = 1e30;

  for (int run = 0; run < RUNS; run++)
    {
      LqFileAnalysisConfig config = { .sample_rate = RATE, .channels = 2, .peaks = full,
                                      .spectrum = full, .history = full,
                                      .check = check ? &check_config : NULL };
      LqFileAnalysis *pass = lq_file_analysis_new (&config, NULL);
      LqLoudnessSummary summary;
      double t0 = now (), t;

      lq_file_analysis_process (pass, x, (uint32_t) n);
      lq_file_analysis_finish (pass, &summary);
      t = now () - t0;
      lq_file_analysis_free (pass);
      best = t < best ? t : best;
    }
  return best;
}

int
main (void)
{
  const size_t n = (size_t) (SECONDS * RATE);
  float *l = malloc (n * sizeof (float)), *r = malloc (n * sizeof (float));
  float *x = malloc (2 * n * sizeof (float));
  LqMixCheckConfig cc = check_config;
  double full, full_check, summary, summary_check, alone = 1e30;

  lq_test_music (l, n, RATE, 0, 1);
  lq_test_music (r, n, RATE, 1, 1);
  for (size_t i = 0; i < n; i++)
    {
      x[2 * i] = l[i];
      x[2 * i + 1] = r[i];
    }

  cc.sample_rate = RATE;
  cc.channels = 2;
  for (int run = 0; run < RUNS; run++)
    {
      LqMixCheck *check = lq_mix_check_new (&cc, NULL);
      LqMixCheckResult result;
      double t0 = now (), t;

      for (size_t i = 0; i < n; i += 16384)
        lq_mix_check_process_interleaved (check, x + 2 * i,
                                          (uint32_t) (n - i < 16384 ? n - i : 16384));
      lq_mix_check_get_result (check, &result);
      t = now () - t0;
      lq_mix_check_free (check);
      alone = t < alone ? t : alone;
    }

  full = time_pass (x, n, true, false);
  full_check = time_pass (x, n, true, true);
  summary = time_pass (x, n, false, false);
  summary_check = time_pass (x, n, false, true);

  printf ("signal: %d s, 48 kHz stereo; one thread, CPU time, best of %d\n", SECONDS, RUNS);
  printf ("pass as analyze (history, pyramid, spectrum): %8.1f ms\n", full * 1e3);
  printf ("  the same with the check                   : %8.1f ms  (+%.1f %%)\n",
          full_check * 1e3, 100.0 * (full_check / full - 1.0));
  printf ("pass, loudness and peaks only               : %8.1f ms\n", summary * 1e3);
  printf ("  the same with the check (lacquer check)   : %8.1f ms  (+%.1f %%)\n",
          summary_check * 1e3, 100.0 * (summary_check / summary - 1.0));
  printf ("check accumulator alone                     : %8.1f ms  (%.0fx real time)\n",
          alone * 1e3, SECONDS / alone);
  free (l);
  free (r);
  free (x);
  return 0;
}
