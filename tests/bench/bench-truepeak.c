/* bench-truepeak.c
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

/* What the exact true peak costs over the plain BS.1770 4x reading it refines, on five minutes
 * of the realistic programme (lq_test_programme), as a mix and as a master limited about 4 dB
 * to -1 dBTP (where thousands of peaks sit near the maximum and need the refinement), and on
 * the analysis benchmark's kind of file (pink noise and a bass tone, bench-analyze.py): the
 * detector alone, then the whole file analysis `lacquer analyze` runs (loudness, history,
 * peaks, spectrum). The exact meter is weighed against two peers that read the same 4x value:
 * - before: the 4x filter at every point (LQ_TRUEPEAK_BS1770_EVERY), the pass the analysis
 *   ran before the exact meter, and libebur128 and ffmpeg run. Target: at most 10 % more.
 * - the bounded screen (LQ_TRUEPEAK_BS1770): the same filter only where the samples allow a
 *   reading over the running maximum, the cheapest way to that reading this code knows.
 * One thread, CPU time, best of three (detectors) or seven (analyses). A benchmark, not a
 * test: it prints figures and never fails on a slow machine. */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "lq-db.h"
#include "lq-file-analysis.h"
#include "lq-limiter.h"
#include "lq-test-signal.h"
#include "lq-truepeak.h"

#define RATE    48000.0
#define SECONDS 300
#define BLOCK   4096

static double
now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* One pass of a detector over the programme; returns seconds, and the reading. */
static double
run_once (float          **x,
          size_t           n,
          LqTruePeakKind   kind,
          double          *exact,
          double          *bs1770,
          uint64_t        *evals)
{
  LqTruePeak *tp = lq_truepeak_new_kind (2, RATE, BLOCK, kind, NULL);
  double t0 = now (), t;

  if (tp == NULL)
    exit (1);
  for (size_t done = 0; done < n; done += BLOCK)
    {
      uint32_t m = (uint32_t) (n - done < BLOCK ? n - done : BLOCK);
      const float *in[2] = { x[0] + done, x[1] + done };

      lq_truepeak_process (tp, in, m);
    }
  lq_truepeak_flush (tp);
  t = now () - t0;
  *exact = lq_gain_to_db (fmax (lq_truepeak_get_max (tp, 0), lq_truepeak_get_max (tp, 1)));
  *bs1770 = lq_gain_to_db (fmax (lq_truepeak_get_max_bs1770 (tp, 0),
                                 lq_truepeak_get_max_bs1770 (tp, 1)));
  *evals = lq_truepeak_get_evaluations (tp);
  lq_truepeak_free (tp);
  return t;
}

static double
best_of_three (float **x, size_t n, LqTruePeakKind kind, double *exact, double *bs1770,
               uint64_t *evals)
{
  double best = INFINITY;

  for (int k = 0; k < 3; k++)
    best = fmin (best, run_once (x, n, kind, exact, bs1770, evals));
  return best;
}

/* The file analysis of `lacquer analyze` over the programme, on this thread, with the true
 * peak of the given kind; returns seconds. */
static double
analyse_once (float          **x,
              size_t           n,
              LqTruePeakKind   kind,
              double          *tp)
{
  LqFileAnalysisConfig config = { 0 };
  LqLoudnessSummary summary;
  LqFileAnalysis *pass;
  double t0 = now ();

  config.sample_rate = RATE;
  config.channels = 2;
  config.history = config.peaks = config.spectrum = true;
  config.bs1770_only = kind != LQ_TRUEPEAK_METER;
  config.bs1770_every = kind == LQ_TRUEPEAK_BS1770_EVERY;
  if ((pass = lq_file_analysis_new (&config, NULL)) == NULL)
    exit (1);
  for (size_t done = 0; done < n;)
    {
      uint32_t max;
      float *buf = lq_file_analysis_get_buffer (pass, &max);
      uint32_t m = (uint32_t) (n - done < max ? n - done : max);

      for (uint32_t i = 0; i < m; i++)
        {
          buf[2 * i] = x[0][done + i];
          buf[2 * i + 1] = x[1][done + i];
        }
      if (lq_file_analysis_commit (pass, m) != LQ_OK)
        exit (1);
      done += m;
    }
  if (lq_file_analysis_finish (pass, &summary) != LQ_OK)
    exit (1);
  lq_file_analysis_free (pass);
  *tp = summary.true_peak_dbtp;
  return now () - t0;
}

static void
report_analysis (float  **x,
                 size_t   n)
{
  static const LqTruePeakKind kinds[3] = {
    LQ_TRUEPEAK_BS1770_EVERY, LQ_TRUEPEAK_BS1770, LQ_TRUEPEAK_METER
  };
  double t[3] = { INFINITY, INFINITY, INFINITY }, tp[3] = { 0 };

  /* Seven of each, interleaved: the three differ by a few per cent, about what one run varies
   * by on a shared machine. */
  for (int k = 0; k < 7; k++)
    for (int j = 0; j < 3; j++)
      t[j] = fmin (t[j], analyse_once (x, n, kinds[j], &tp[j]));
  printf ("  analysis, 4x at every point (before) %7.1f ms, reads %+.3f dBTP\n",
          t[0] * 1e3, tp[0]);
  printf ("  analysis, bounded 4x screen          %7.1f ms, reads %+.3f dBTP\n",
          t[1] * 1e3, tp[1]);
  printf ("  analysis, exact true peak            %7.1f ms, reads %+.3f dBTP: %+.1f %% over "
          "before (target at most +10 %%), %+.1f %% over the bounded screen\n",
          t[2] * 1e3, tp[2], 100.0 * (t[2] - t[0]) / t[0], 100.0 * (t[2] - t[1]) / t[1]);
}

static void
report (const char *what,
        float     **x,
        size_t      n)
{
  double exact, bs1770, e2, b2, e3, b3, every, screen, meter;
  uint64_t evals, ev2, ev3;

  every = best_of_three (x, n, LQ_TRUEPEAK_BS1770_EVERY, &e3, &b3, &ev3);
  screen = best_of_three (x, n, LQ_TRUEPEAK_BS1770, &e2, &b2, &ev2);
  meter = best_of_three (x, n, LQ_TRUEPEAK_METER, &exact, &bs1770, &evals);
  printf ("%s: exact %+.3f dBTP, BS.1770 4x %+.3f dBTP\n", what, exact, bs1770);
  printf ("  4x at every point    %7.1f ms\n", every * 1e3);
  printf ("  bounded 4x screen    %7.1f ms\n", screen * 1e3);
  printf ("  exact (meter kind)   %7.1f ms   %+.1f ms over the bounded screen (%+.0f %%); "
          "%.2f refinement evaluations per second of audio\n",
          meter * 1e3, (meter - screen) * 1e3, 100.0 * (meter - screen) / screen,
          evals / (n / RATE));
  report_analysis (x, n);
}

int
main (void)
{
  const size_t n = (size_t) (RATE * SECONDS);
  float *inter = malloc (2 * n * sizeof (float));
  float *mix[2], *master[2];
  LqLimiterConfig config = { RATE, 2, BLOCK, 0.0 };
  LqLimiterParams params;
  LqLimiter *lim = lq_limiter_new (&config, NULL);
  uint32_t latency;

  if (inter == NULL || lim == NULL)
    return 1;
  lq_test_programme (inter, n, RATE, 0.2, 1);
  for (int c = 0; c < 2; c++)
    {
      mix[c] = malloc (n * sizeof (float));
      master[c] = calloc (n + BLOCK, sizeof (float));
      if (mix[c] == NULL || master[c] == NULL)
        return 1;
      for (size_t i = 0; i < n; i++)
        mix[c][i] = inter[2 * i + c];
    }
  free (inter);

  /* The master: +8.5 dB into the limiter at -1 dBTP, about 4 dB of limiting. */
  lq_limiter_params_init_default (&params);
  params.ceiling_db = -1.0;
  lq_limiter_set_params (lim, &params);
  latency = lq_limiter_get_latency (lim);
  {
    float gained[2][BLOCK], out[2][BLOCK];
    const float g = (float) lq_db_to_gain (8.5);

    for (size_t done = 0; done < n + latency; done += BLOCK)
      {
        const float *ip[2] = { gained[0], gained[1] };
        float *op[2] = { out[0], out[1] };

        for (int c = 0; c < 2; c++)
          for (uint32_t i = 0; i < BLOCK; i++)
            gained[c][i] = done + i < n ? mix[c][done + i] * g : 0.0f;
        lq_limiter_process (lim, ip, op, BLOCK);
        for (int c = 0; c < 2; c++)
          for (uint32_t i = 0; i < BLOCK; i++)
            if (done + i >= latency && done + i - latency < n)
              master[c][done + i - latency] = out[c][i];
      }
  }
  lq_limiter_free (lim);

  printf ("true peak over %d s of 48 kHz stereo programme, one thread (CPU time; the detectors best of 3, the analyses best of 7):\n",
          SECONDS);
  report ("mix (peaks well apart)", mix, n);
  report ("master (limited ~4 dB to -1 dBTP)", master, n);

  /* The analysis benchmark's file: pink noise and a 110 Hz tone at -12 dB, the tone's level
   * swelling 70 % every 20 s. */
  {
    uint64_t seed = 7;

    for (int c = 0; c < 2; c++)
      {
        lq_test_pink_noise (mix[c], n, 1.0, &seed);
        for (size_t i = 0; i < n; i++)
          {
            const double swell = 1.0 - 0.7 * 0.5 * (1.0 + sin (2.0 * M_PI * 0.05 * i / RATE));

            mix[c][i] = (float) (0.25 * (0.5 * mix[c][i]
                                         + 0.5 * swell * sin (2.0 * M_PI * 110.0 * i / RATE)));
          }
      }
    report ("pink noise and a bass tone (bench-analyze.py's kind of file)", mix, n);
  }
  for (int c = 0; c < 2; c++)
    {
      free (mix[c]);
      free (master[c]);
    }
  return 0;
}
