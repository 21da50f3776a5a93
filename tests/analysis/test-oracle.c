/* test-oracle.c
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

/* Agreement with libebur128 (the oracle, EBUR128_MODE_I | LRA | TRUE_PEAK) on pink noise, a
 * logarithmic sine sweep and the music-like signal, at 44.1, 48 and 96 kHz, mono and stereo:
 * integrated loudness within 0.05 LU, loudness range within 0.1 LU, true peak within 0.2 dB.
 *
 * libebur128 hops its 3 s loudness-range windows by 1 s; Lacquer follows Tech 3342 V4 and
 * hops by 100 ms. The test asserts against libebur128's own LRA, and also against an LRA
 * computed per Tech 3342 from libebur128's short-term loudness read every 100 ms (the same
 * definition at the same hop), so a disagreement can be told apart from a hop effect. */

#include "config.h"

#include <ebur128.h>
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lq-file-analysis.h"
#include "lq-test-signal.h"

/* The tolerances. The true-peak one is the tightest for content near Nyquist: the
 * music-like signal's hi-hat is white noise up to half the rate, and at 96 kHz a short
 * interpolation kernel loses it (12 taps at 2x read 0.21 dB under libebur128 there, whose
 * 49-tap filter a 32x long-kernel reference confirms). */
#define TOL_I   0.05
#define TOL_LRA 0.10
#define TOL_TP  0.20

typedef enum
{
  SIGNAL_PINK,
  SIGNAL_SWEEP,
  SIGNAL_MUSIC,
  SIGNAL_RAMP,
} SignalKind;

static const char *const signal_names[] = { "pink", "sweep", "music", "ramp" };

typedef struct
{
  SignalKind kind;
  double     rate;
  guint      channels;
  double     seconds;
} OracleCase;

typedef struct
{
  double integrated;
  double range;
  double range_100ms;    /* Tech 3342 from libebur128's short-term loudness every 100 ms */
  double true_peak;      /* dBTP, largest channel */
  double sample_peak;
} OracleReading;

static float *
make_signal (const OracleCase *oc,
             guint64          *n_frames)
{
  const guint64 n = (guint64) llround (oc->seconds * oc->rate);
  float *planar[2], *interleaved;
  uint64_t seed;

  for (guint c = 0; c < oc->channels; c++)
    {
      planar[c] = g_new (float, n);
      switch (oc->kind)
        {
        case SIGNAL_PINK:
          seed = 0x5eed + c;
          lq_test_pink_noise (planar[c], n, c == 0 ? 0.25 : 0.18, &seed);
          break;
        case SIGNAL_SWEEP:
          if (c == 0)
            lq_test_sweep (planar[c], n, oc->rate, 20.0, 20000.0, 0.5);
          else
            lq_test_sweep (planar[c], n, oc->rate, 16000.0, 40.0, 0.3);
          break;
        case SIGNAL_MUSIC:
          lq_test_music (planar[c], n, oc->rate, (int) c, 1234);
          break;
        case SIGNAL_RAMP:
          /* A tone fading in from -45 to -5 dBFS at a steady rate in dB: short-term
           * loudness spread evenly over 40 LU, so every percentile of the range moves. */
          lq_test_sine (planar[c], n, oc->rate, 1000.0 + 250.0 * c, 1.0, 0.0);
          for (guint64 i = 0; i < n; i++)
            planar[c][i] *= (float) lq_test_dbfs (-45.0 + 40.0 * (double) i / n);
          break;
        }
      /* Fades as in the EBU files: a file that stops dead at a high level has an
       * inter-sample overshoot after its last sample that Lacquer measures (it flushes
       * the interpolator with silence) and libebur128 does not. */
      lq_test_fade (planar[c], n, (size_t) llround (0.1 * oc->rate));
    }

  interleaved = g_new (float, n * oc->channels);
  for (guint64 i = 0; i < n; i++)
    for (guint c = 0; c < oc->channels; c++)
      interleaved[i * oc->channels + c] = planar[c][i];
  for (guint c = 0; c < oc->channels; c++)
    g_free (planar[c]);

  *n_frames = n;
  return interleaved;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* EBU Tech 3342: absolute gate -70 LUFS, relative gate 20 LU below the mean power of what
 * passed it, then the 10th and 95th percentiles (nearest rank, as libebur128 takes them). */
static double
tech3342_range (GArray *powers)
{
  const double abs_gate = pow (10.0, (-70.0 + 0.691) / 10.0);
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (double));
  double mean = 0.0, gate, lo, hi;
  guint n = 0;

  for (guint i = 0; i < powers->len; i++)
    {
      double p = g_array_index (powers, double, i);
      if (p >= abs_gate)
        {
          mean += p;
          n++;
        }
    }
  if (n == 0)
    {
      g_array_unref (kept);
      return 0.0;
    }
  gate = mean / n * 0.01;
  for (guint i = 0; i < powers->len; i++)
    {
      double p = g_array_index (powers, double, i);
      if (p >= abs_gate && p >= gate)
        g_array_append_val (kept, p);
    }
  if (kept->len < 2)
    {
      g_array_unref (kept);
      return 0.0;
    }
  qsort (kept->data, kept->len, sizeof (double), compare_double);
  lo = g_array_index (kept, double, (guint) ((kept->len - 1) * 0.10 + 0.5));
  hi = g_array_index (kept, double, (guint) ((kept->len - 1) * 0.95 + 0.5));
  g_array_unref (kept);
  return 10.0 * log10 (hi) - 10.0 * log10 (lo);
}

static void
measure_oracle (const OracleCase *oc,
                const float      *x,
                guint64           n,
                OracleReading    *out)
{
  ebur128_state *st = ebur128_init (oc->channels, (unsigned long) oc->rate,
                                    EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_TRUE_PEAK);
  const guint64 hop = (guint64) llround (oc->rate / 10.0);
  GArray *powers = g_array_new (FALSE, FALSE, sizeof (double));
  double tp = 0.0, sp = 0.0;

  g_assert_nonnull (st);
  for (guint64 done = 0; done < n; done += hop)
    {
      guint64 k = MIN (hop, n - done);
      double s;

      g_assert_cmpint (ebur128_add_frames_float (st, x + done * oc->channels, k), ==,
                       EBUR128_SUCCESS);
      /* Full 3 s windows only, on the 100 ms grid. */
      if (k == hop && done + k >= 30 * hop)
        {
          g_assert_cmpint (ebur128_loudness_shortterm (st, &s), ==, EBUR128_SUCCESS);
          s = isfinite (s) ? pow (10.0, (s + 0.691) / 10.0) : 0.0;
          g_array_append_val (powers, s);
        }
    }

  g_assert_cmpint (ebur128_loudness_global (st, &out->integrated), ==, EBUR128_SUCCESS);
  g_assert_cmpint (ebur128_loudness_range (st, &out->range), ==, EBUR128_SUCCESS);
  for (guint c = 0; c < oc->channels; c++)
    {
      double v;

      g_assert_cmpint (ebur128_true_peak (st, c, &v), ==, EBUR128_SUCCESS);
      tp = MAX (tp, v);
      g_assert_cmpint (ebur128_sample_peak (st, c, &v), ==, EBUR128_SUCCESS);
      sp = MAX (sp, v);
    }
  out->true_peak = 20.0 * log10 (tp);
  out->sample_peak = 20.0 * log10 (sp);
  out->range_100ms = tech3342_range (powers);

  g_array_unref (powers);
  ebur128_destroy (&st);
}

static void
measure_ours (const OracleCase  *oc,
              const float       *x,
              guint64            n,
              LqLoudnessSummary *s)
{
  LqFileAnalysisConfig config = { 0 };
  LqFileAnalysis *pass;
  LqStatus status;
  const guint64 block = 4800;

  config.sample_rate = oc->rate;
  config.channels = oc->channels;
  pass = lq_file_analysis_new (&config, &status);
  g_assert_cmpint (status, ==, LQ_OK);
  for (guint64 done = 0; done < n; done += block)
    g_assert_cmpint (lq_file_analysis_process (pass, x + done * oc->channels,
                                               (uint32_t) MIN (block, n - done)), ==, LQ_OK);
  g_assert_cmpint (lq_file_analysis_finish (pass, s), ==, LQ_OK);
  lq_file_analysis_free (pass);
}

static void
check_diff (const char *what,
            double      ours,
            double      oracle,
            double      tolerance)
{
  if (isfinite (ours) && isfinite (oracle) && fabs (ours - oracle) <= tolerance)
    return;
  g_test_fail_printf ("%s: ours %.4f, libebur128 %.4f, difference %.4f > %.2f", what, ours,
                      oracle, ours - oracle, tolerance);
}

static void
test_agreement (gconstpointer data)
{
  const OracleCase *oc = data;
  LqLoudnessSummary s;
  OracleReading o;
  guint64 n;
  float *x = make_signal (oc, &n);

  measure_ours (oc, x, n, &s);
  measure_oracle (oc, x, n, &o);
  g_free (x);

  g_test_message ("RESULT %s %.0f %uch I %.4f %.4f dI %+.4f | LRA %.4f %.4f(1s) %.4f(100ms) "
                  "dLRA %+.4f %+.4f | TP %.4f (exact %.4f) %.4f dTP %+.4f | SP %.4f %.4f",
                  signal_names[oc->kind], oc->rate, oc->channels,
                  s.integrated_lufs, o.integrated, s.integrated_lufs - o.integrated,
                  s.loudness_range_lu, o.range, o.range_100ms,
                  s.loudness_range_lu - o.range, s.loudness_range_lu - o.range_100ms,
                  s.true_peak_dbtp_bs1770, s.true_peak_dbtp, o.true_peak,
                  s.true_peak_dbtp_bs1770 - o.true_peak, s.sample_peak_dbfs, o.sample_peak);

  /* The signals are meant to be measurable: loud enough, with some range. */
  g_assert_cmpfloat (o.integrated, >, -40.0);

  check_diff ("integrated loudness", s.integrated_lufs, o.integrated, TOL_I);
  /* The ramp's short-term loudness climbs 0.625 LU per second, so libebur128's 1 s hop
   * quantises its percentiles to 0.625 LU steps and its range comes out exactly one step
   * (0.625 LU) short of Tech 3342 V4's 10 Hz reading: measured 24.375 against 25.000 at every
   * rate. That is the hop, not the meter, so for this signal the range is held to the
   * 100 ms-hop oracle alone and the 1 s figure is only reported. */
  if (oc->kind == SIGNAL_RAMP)
    g_test_message ("HOP ramp %.0f %uch: LRA ours %.4f, libebur128 (1 s hop) %.4f, "
                    "difference %+.4f (not asserted, see above)", oc->rate, oc->channels,
                    s.loudness_range_lu, o.range, s.loudness_range_lu - o.range);
  else
    check_diff ("loudness range (libebur128, 1 s hop)", s.loudness_range_lu, o.range, TOL_LRA);
  check_diff ("loudness range (Tech 3342 on libebur128 S every 100 ms)",
              s.loudness_range_lu, o.range_100ms, TOL_LRA);
  /* libebur128 reads at 4x: its peer is the BS.1770 reading (test-truepeak.c holds the
   * exact one to an oracle of its own). */
  check_diff ("true peak (BS.1770 4x)", s.true_peak_dbtp_bs1770, o.true_peak, TOL_TP);
  /* Sample peaks are exact on both sides. */
  check_diff ("sample peak", s.sample_peak_dbfs, o.sample_peak, 1e-4);
}

/* True peak of the EBU inter-sample-peak signals (Tech 3341 cases 15-23) against the
 * oracle's, at 48 and 44.1 kHz. */
typedef struct
{
  double   rate;
  double   div;        /* 0: the case 20-23 burst, offset in phase_deg */
  double   phase_deg;
  double   amplitude;
} PeakCase;

static void
test_true_peak (gconstpointer data)
{
  const PeakCase *pc = data;
  const guint64 n = (guint64) llround (3.2 * pc->rate);
  OracleCase oc = { SIGNAL_PINK, pc->rate, 2, 3.2 };
  float *mono = g_new (float, n), *x = g_new (float, 2 * n);
  LqLoudnessSummary s;
  OracleReading o;

  if (pc->div > 0)
    {
      lq_test_sine (mono, n, pc->rate, pc->rate / pc->div, pc->amplitude,
                    pc->phase_deg * M_PI / 180.0);
      lq_test_fade (mono, n, (size_t) llround (0.1 * pc->rate));
    }
  else
    g_assert_cmpfloat (lq_test_ebu_isp (mono, n, pc->rate, (unsigned) pc->phase_deg), >, 0.0);
  for (guint64 i = 0; i < n; i++)
    x[2 * i] = x[2 * i + 1] = mono[i];

  measure_ours (&oc, x, n, &s);
  measure_oracle (&oc, x, n, &o);
  g_test_message ("RESULT tp %.0f div %.0f phase %.1f: ours %.4f libebur128 %.4f d %+.4f",
                  pc->rate, pc->div, pc->phase_deg, s.true_peak_dbtp, o.true_peak,
                  s.true_peak_dbtp - o.true_peak);
  check_diff ("true peak (BS.1770 4x)", s.true_peak_dbtp_bs1770, o.true_peak, TOL_TP);
  g_free (mono);
  g_free (x);
}

int
main (int    argc,
      char **argv)
{
  static const double rates[] = { 44100.0, 48000.0, 96000.0 };
  static const PeakCase peaks[] = {
    { 0, 4, 0, 0.5 }, { 0, 4, 45, 0.5 }, { 0, 6, 60, 0.5 }, { 0, 8, 67.5, 0.5 },
    { 0, 4, 45, 1.4125 }, { 0, 0, 0, 1 }, { 0, 0, 1, 1 }, { 0, 0, 2, 1 }, { 0, 0, 3, 1 },
  };

  g_test_init (&argc, &argv, NULL);

  for (guint k = 0; k < G_N_ELEMENTS (signal_names); k++)
    for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
      for (guint ch = 1; ch <= 2; ch++)
        {
          OracleCase *oc = g_new0 (OracleCase, 1);
          char *path;

          oc->kind = (SignalKind) k;
          oc->rate = rates[r];
          oc->channels = ch;
          oc->seconds = 64.0;
          path = g_strdup_printf ("/oracle/%s/%.0f/%s", signal_names[k], rates[r],
                                  ch == 1 ? "mono" : "stereo");
          g_test_add_data_func_full (path, oc, test_agreement, g_free);
          g_free (path);
        }

  for (guint r = 0; r < 2; r++)
    for (guint i = 0; i < G_N_ELEMENTS (peaks); i++)
      {
        PeakCase *pc = g_memdup2 (&peaks[i], sizeof *pc);
        char *path;

        pc->rate = r == 0 ? 48000.0 : 44100.0;
        path = g_strdup_printf ("/oracle/true-peak/tech3341-case%02u/%.0f",
                                i < 5 ? 15 + i : 20 + (i - 5), pc->rate);
        g_test_add_data_func_full (path, pc, test_true_peak, g_free);
        g_free (path);
      }

  return g_test_run ();
}
