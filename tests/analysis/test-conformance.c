/* test-conformance.c
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

/* EBU Tech 3341 (V4) cases 1-6 and 9-23 and Tech 3342 (V4) cases 1-4, generated here from
 * the documents' definitions (shared/EBU-CASES.md) at 48 kHz and at 44.1 kHz, and measured
 * through the whole-file pass (lq_file_analysis). Momentary and short-term readings at every
 * 10 ms step come from a second LqLoudness fed the same blocks, through its step callback.
 * Expected values and tolerances are the documents'; nothing here comes from our own output.
 *
 * Case 6 from a WAVE_FORMAT_EXTENSIBLE file with a channel mask is in
 * tests/engine/test-channel-map.c: files belong to the engine layer. */

#include "config.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "lq-file-analysis.h"
#include "lq-loudness.h"
#include "lq-test-signal.h"

#define BLOCK_FRAMES 3001     /* deliberately not a multiple of anything the meter uses */
#define SILENT (-INFINITY)

static const double rates[] = { 48000.0, 44100.0 };

/* ---- measuring ---------------------------------------------------------------------- */

typedef void (*GenFunc) (gpointer  data,
                         guint64   start,
                         float   **planar,
                         guint     channels,
                         guint     n);

typedef struct
{
  LqLoudnessSummary summary;
  GArray           *momentary;    /* double LUFS per 10 ms step; index = step - 1 */
  GArray           *short_term;
  float            *hist_m;       /* lq_file_analysis history, 10 points per second */
  float            *hist_s;
  guint64           n_hist;
  guint             step_frames;
} Measurement;

static void
measurement_clear (Measurement *me)
{
  g_clear_pointer (&me->momentary, g_array_unref);
  g_clear_pointer (&me->short_term, g_array_unref);
  g_clear_pointer (&me->hist_m, g_free);
  g_clear_pointer (&me->hist_s, g_free);
}

static void
collect_step (void    *user_data,
              uint64_t step,
              double   momentary,
              double   short_term)
{
  Measurement *me = user_data;

  g_assert_cmpuint (step, ==, me->momentary->len + 1);
  g_array_append_val (me->momentary, momentary);
  g_array_append_val (me->short_term, short_term);
}

static void
measure (double        rate,
         guint         channels,
         const float  *weights,
         guint64       n_frames,
         GenFunc       gen,
         gpointer      data,
         Measurement  *me)
{
  LqFileAnalysisConfig fc = { 0 };
  LqLoudnessConfig lc = { 0 };
  LqFileAnalysis *pass;
  LqLoudness *meter;
  LqStatus status;
  float *planar[LQ_MAX_CHANNELS];
  float *interleaved;
  const float *hist;

  memset (me, 0, sizeof *me);
  me->momentary = g_array_new (FALSE, FALSE, sizeof (double));
  me->short_term = g_array_new (FALSE, FALSE, sizeof (double));

  fc.sample_rate = rate;
  fc.channels = channels;
  fc.weights = weights;
  fc.history = TRUE;
  pass = lq_file_analysis_new (&fc, &status);
  g_assert_cmpint (status, ==, LQ_OK);
  g_assert_nonnull (pass);

  lc.sample_rate = rate;
  lc.channels = channels;
  lc.weights = weights;
  lc.step_func = collect_step;
  lc.user_data = me;
  meter = lq_loudness_new (&lc, &status);
  g_assert_cmpint (status, ==, LQ_OK);
  me->step_frames = lq_loudness_get_step_frames (meter);

  for (guint c = 0; c < channels; c++)
    planar[c] = g_new (float, BLOCK_FRAMES);
  interleaved = g_new (float, (gsize) BLOCK_FRAMES * channels);

  for (guint64 start = 0; start < n_frames; start += BLOCK_FRAMES)
    {
      guint n = (guint) MIN ((guint64) BLOCK_FRAMES, n_frames - start);

      gen (data, start, planar, channels, n);
      for (guint i = 0; i < n; i++)
        for (guint c = 0; c < channels; c++)
          interleaved[i * channels + c] = planar[c][i];

      g_assert_cmpint (lq_file_analysis_process (pass, interleaved, n), ==, LQ_OK);
      lq_loudness_process (meter, (const float *const *) planar, n);
    }

  g_assert_cmpint (lq_file_analysis_finish (pass, &me->summary), ==, LQ_OK);
  g_assert_cmpuint (me->summary.frames, ==, n_frames);

  hist = lq_file_analysis_get_history (pass, FALSE, &me->n_hist);
  me->hist_m = g_memdup2 (hist, me->n_hist * sizeof (float));
  hist = lq_file_analysis_get_history (pass, TRUE, NULL);
  me->hist_s = g_memdup2 (hist, me->n_hist * sizeof (float));

  /* The two meters saw the same blocks: the whole-file pass must not lose steps. */
  g_assert_cmpuint (me->n_hist, ==, me->momentary->len / 10);

  lq_loudness_free (meter);
  lq_file_analysis_free (pass);
  for (guint c = 0; c < channels; c++)
    g_free (planar[c]);
  g_free (interleaved);
}

static double
step_value (const GArray *a,
            guint         step)
{
  g_assert_cmpuint (step, >=, 1);
  g_assert_cmpuint (step, <=, a->len);
  return g_array_index (a, double, step - 1);
}

/* Largest reading over steps first..last (1-based, inclusive). */
static double
step_max (const GArray *a,
          guint         first,
          guint         last)
{
  double m = -HUGE_VAL;

  for (guint s = first; s <= last; s++)
    m = MAX (m, step_value (a, s));
  return m;
}

/* ---- checks: record every failure, keep going, so one run shows every number -------- */

static gboolean
check (const char *what,
       double      value,
       double      expected,
       double      minus,
       double      plus)
{
  if (value >= expected - minus && value <= expected + plus)
    return TRUE;
  g_test_fail_printf ("%s = %.4f, expected %.2f (+%.2f/-%.2f)", what, value, expected,
                      plus, minus);
  return FALSE;
}

static void
report (const char *name,
        double      rate,
        const char *what,
        double      value)
{
  g_test_message ("RESULT %s %.0f %s %.3f", name, rate, what, value);
}

/* ---- tone programmes: 1 kHz sine segments ------------------------------------------ */

typedef struct
{
  double seconds;
  double db;          /* per-channel sine peak level in dBFS; SILENT = digital zero */
} Segment;

typedef struct
{
  double         rate;
  double         freq;
  const Segment *segs;
  guint          n_segs;
  double         channel_db[LQ_MAX_CHANNELS];  /* added to the segment level; SILENT mutes */
  guint64       *ends;                         /* frame where each segment ends */
} Programme;

static guint64
programme_init (Programme     *p,
                double         rate,
                const Segment *segs,
                guint          n_segs)
{
  double t = 0.0;

  memset (p, 0, sizeof *p);
  p->rate = rate;
  p->freq = 1000.0;
  p->segs = segs;
  p->n_segs = n_segs;
  p->ends = g_new (guint64, n_segs);
  for (guint i = 0; i < n_segs; i++)
    {
      t += segs[i].seconds;
      p->ends[i] = (guint64) llround (t * rate);
    }
  return p->ends[n_segs - 1];
}

static void
programme_gen (gpointer  data,
               guint64   start,
               float   **planar,
               guint     channels,
               guint     n)
{
  Programme *p = data;
  guint seg = 0;

  for (guint i = 0; i < n; i++)
    {
      guint64 f = start + i;
      double s;

      while (seg < p->n_segs - 1 && f >= p->ends[seg])
        seg++;
      s = sin (2.0 * M_PI * p->freq * (double) f / p->rate);
      for (guint c = 0; c < channels; c++)
        {
          double db = p->segs[seg].db + p->channel_db[c];
          planar[c][i] = isfinite (db) ? (float) (lq_test_dbfs (db) * s) : 0.0f;
        }
    }
}

static void
measure_programme (double         rate,
                   guint          channels,
                   const double  *channel_db,
                   const float   *weights,
                   const Segment *segs,
                   guint          n_segs,
                   Measurement   *me)
{
  Programme p;
  guint64 n = programme_init (&p, rate, segs, n_segs);

  if (channel_db)
    memcpy (p.channel_db, channel_db, channels * sizeof (double));
  measure (rate, channels, weights, n, programme_gen, &p, me);
  g_free (p.ends);
}

/* ---- buffers: precomputed planar signals --------------------------------------------- */

typedef struct
{
  float *const *planar;
} Buffers;

static void
buffers_gen (gpointer  data,
             guint64   start,
             float   **planar,
             guint     channels,
             guint     n)
{
  Buffers *b = data;

  for (guint c = 0; c < channels; c++)
    memcpy (planar[c], b->planar[c] + start, n * sizeof (float));
}

/* ---- Tech 3341 ------------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  double      rate;
} Case;

static double
case_rate (gconstpointer data)
{
  return ((const Case *) data)->rate;
}

static const char *
case_name (gconstpointer data)
{
  return ((const Case *) data)->name;
}

/* Cases 1 and 2: steady stereo tone, M, S and I all at the tone level, and (Tech 3342's note)
 * LRA 0 +-1: partially filled windows at the start must not count. */
static void
steady_tone (gconstpointer data,
             double        level)
{
  const double rate = case_rate (data);
  const Segment segs[] = { { 20.0, level } };
  Measurement me;
  guint n_steps;

  measure_programme (rate, 2, NULL, NULL, segs, 1, &me);
  n_steps = me.momentary->len;
  g_assert_cmpuint (n_steps, ==, 2000);

  check ("I", me.summary.integrated_lufs, level, 0.1, 0.1);
  check ("max M", me.summary.max_momentary_lufs, level, 0.1, 0.1);
  check ("max S", me.summary.max_short_term_lufs, level, 0.1, 0.1);
  check ("LRA", me.summary.loudness_range_lu, 0.0, 1.0, 1.0);

  /* Every full window reads the level: M from 0.4 s, S from 3 s. */
  for (guint s = 40; s <= n_steps; s++)
    if (!check ("M at every step", step_value (me.momentary, s), level, 0.1, 0.1))
      break;
  for (guint s = 300; s <= n_steps; s++)
    if (!check ("S at every step", step_value (me.short_term, s), level, 0.1, 0.1))
      break;

  /* The history the graph draws: point p ends at (p + 1) / 10 s. */
  g_assert_cmpuint (me.n_hist, ==, 200);
  for (guint p = 3; p < me.n_hist; p++)
    if (!check ("history M", me.hist_m[p], level, 0.1, 0.1))
      break;
  for (guint p = 29; p < me.n_hist; p++)
    if (!check ("history S", me.hist_s[p], level, 0.1, 0.1))
      break;

  report (case_name (data), rate, "I", me.summary.integrated_lufs);
  report (case_name (data), rate, "maxM", me.summary.max_momentary_lufs);
  report (case_name (data), rate, "maxS", me.summary.max_short_term_lufs);
  report (case_name (data), rate, "LRA", me.summary.loudness_range_lu);
  measurement_clear (&me);
}

static void
test_case1 (gconstpointer data)
{
  steady_tone (data, -23.0);
}

static void
test_case2 (gconstpointer data)
{
  steady_tone (data, -33.0);
}

static void
integrated_case (gconstpointer  data,
                 const Segment *segs,
                 guint          n_segs)
{
  Measurement me;

  measure_programme (case_rate (data), 2, NULL, NULL, segs, n_segs, &me);
  check ("I", me.summary.integrated_lufs, -23.0, 0.1, 0.1);
  report (case_name (data), case_rate (data), "I", me.summary.integrated_lufs);
  measurement_clear (&me);
}

static void
test_case3 (gconstpointer data)
{
  const Segment segs[] = { { 10, -36 }, { 60, -23 }, { 10, -36 } };

  integrated_case (data, segs, G_N_ELEMENTS (segs));
}

static void
test_case4 (gconstpointer data)
{
  const Segment segs[] = { { 10, -72 }, { 10, -36 }, { 60, -23 }, { 10, -36 }, { 10, -72 } };

  integrated_case (data, segs, G_N_ELEMENTS (segs));
}

static void
test_case5 (gconstpointer data)
{
  const Segment segs[] = { { 20, -26 }, { 20.1, -20 }, { 20, -26 } };

  integrated_case (data, segs, G_N_ELEMENTS (segs));
}

/* Case 6: L R C Ls Rs at -28 -28 -24 -30 -30 dBFS with the default 5-channel weights. */
static void
test_case6 (gconstpointer data)
{
  const Segment segs[] = { { 20, 0.0 } };
  const double levels[] = { -28, -28, -24, -30, -30 };
  Measurement me;

  measure_programme (case_rate (data), 5, levels, NULL, segs, 1, &me);
  check ("I", me.summary.integrated_lufs, -23.0, 0.1, 0.1);
  report (case_name (data), case_rate (data), "I", me.summary.integrated_lufs);
  measurement_clear (&me);
}

/* Case 6 as 5.1, L R C LFE Ls Rs, with a silent LFE: the default 6-channel layout. */
static void
test_case6_51 (gconstpointer data)
{
  const Segment segs[] = { { 20, 0.0 } };
  const double levels[] = { -28, -28, -24, SILENT, -30, -30 };
  Measurement me;

  measure_programme (case_rate (data), 6, levels, NULL, segs, 1, &me);
  check ("I", me.summary.integrated_lufs, -23.0, 0.1, 0.1);
  report (case_name (data), case_rate (data), "I", me.summary.integrated_lufs);
  measurement_clear (&me);
}

/* The same 5.1 with a loud LFE: the LFE is excluded, so the reading does not move. */
static void
test_case6_51_loud_lfe (gconstpointer data)
{
  const Segment segs[] = { { 20, 0.0 } };
  const double levels[] = { -28, -28, -24, -6, -30, -30 };
  Measurement me;

  measure_programme (case_rate (data), 6, levels, NULL, segs, 1, &me);
  check ("I", me.summary.integrated_lufs, -23.0, 0.1, 0.1);
  report (case_name (data), case_rate (data), "I", me.summary.integrated_lufs);
  measurement_clear (&me);
}

/* Case 9: 5 x (1.34 s at -20, 1.66 s at -30): S = -23 +-0.1 at every step after 3 s. */
static void
test_case9 (gconstpointer data)
{
  Segment segs[10];
  Measurement me;
  double lo = HUGE_VAL, hi = -HUGE_VAL;

  for (guint i = 0; i < 5; i++)
    {
      segs[2 * i] = (Segment) { 1.34, -20 };
      segs[2 * i + 1] = (Segment) { 1.66, -30 };
    }
  measure_programme (case_rate (data), 2, NULL, NULL, segs, 10, &me);
  g_assert_cmpuint (me.short_term->len, ==, 1500);

  for (guint s = 300; s <= me.short_term->len; s++)
    {
      double v = step_value (me.short_term, s);
      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }
  check ("min S after 3 s", lo, -23.0, 0.1, 0.1);
  check ("max S after 3 s", hi, -23.0, 0.1, 0.1);
  check ("max S (summary)", me.summary.max_short_term_lufs, -23.0, 0.1, 0.1);
  report (case_name (data), case_rate (data), "S_min", lo);
  report (case_name (data), case_rate (data), "S_max", hi);
  measurement_clear (&me);
}

/* Case 12: 25 x (0.18 s at -20, 0.22 s at -30): M = -23 +-0.1 at every step after 1 s. */
static void
test_case12 (gconstpointer data)
{
  Segment segs[50];
  Measurement me;
  double lo = HUGE_VAL, hi = -HUGE_VAL;

  for (guint i = 0; i < 25; i++)
    {
      segs[2 * i] = (Segment) { 0.18, -20 };
      segs[2 * i + 1] = (Segment) { 0.22, -30 };
    }
  measure_programme (case_rate (data), 2, NULL, NULL, segs, 50, &me);
  g_assert_cmpuint (me.momentary->len, ==, 1000);

  for (guint s = 100; s <= me.momentary->len; s++)
    {
      double v = step_value (me.momentary, s);
      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }
  check ("min M after 1 s", lo, -23.0, 0.1, 0.1);
  check ("max M after 1 s", hi, -23.0, 0.1, 0.1);
  check ("max M (summary)", me.summary.max_momentary_lufs, -23.0, 0.1, 0.1);
  report (case_name (data), case_rate (data), "M_min", lo);
  report (case_name (data), case_rate (data), "M_max", hi);
  measurement_clear (&me);
}

/* Cases 10 and 13: 20 files of i x gap silence, a tone at -23, 1 s silence; the maximum
 * short-term (10) or momentary (13) reading of each is -23 +-0.1. "Silence" is digital zero
 * (the meter must survive log (0)) or, as in the EBU files, a -90 dBFS tone. */
static void
max_per_file (gconstpointer data,
              double        gap,
              double        tone,
              gboolean      short_term,
              double        silence_db)
{
  const double rate = case_rate (data);
  double worst = 0.0, lo = HUGE_VAL, hi = -HUGE_VAL;

  for (guint i = 0; i < 20; i++)
    {
      const Segment segs[] = { { i * gap, silence_db }, { tone, -23 }, { 1.0, silence_db } };
      Measurement me;
      double v, from_steps;
      char *what;

      /* i = 0 has no leading silence: drop the empty segment. */
      measure_programme (rate, 2, NULL, NULL, i == 0 ? segs + 1 : segs, i == 0 ? 2 : 3, &me);
      v = short_term ? me.summary.max_short_term_lufs : me.summary.max_momentary_lufs;
      from_steps = step_max (short_term ? me.short_term : me.momentary,
                             short_term ? 300 : 40, me.momentary->len);

      what = g_strdup_printf ("file %u max %s", i, short_term ? "S" : "M");
      check (what, v, -23.0, 0.1, 0.1);
      g_free (what);
      /* The summary and the step series are two views of the same 10 ms steps. */
      if (fabs (v - from_steps) > 1e-9)
        g_test_fail_printf ("file %u: summary max %.4f, but the 10 ms steps reach %.4f", i, v,
                            from_steps);

      worst = MAX (worst, fabs (v + 23.0));
      lo = MIN (lo, v);
      hi = MAX (hi, v);
      measurement_clear (&me);
    }
  report (case_name (data), rate, "lowest", lo);
  report (case_name (data), rate, "highest", hi);
  report (case_name (data), rate, "worst_abs_err", worst);
}

static void
test_case10 (gconstpointer data)
{
  max_per_file (data, 0.15, 3.0, TRUE, SILENT);
}

static void
test_case10_minus90 (gconstpointer data)
{
  max_per_file (data, 0.15, 3.0, TRUE, -90.0);
}

static void
test_case13 (gconstpointer data)
{
  max_per_file (data, 0.02, 0.4, FALSE, SILENT);
}

static void
test_case13_minus90 (gconstpointer data)
{
  max_per_file (data, 0.02, 0.4, FALSE, -90.0);
}

/* Cases 11 and 14: one file of 20 segments, i x gap silence, a tone at (-38 + i), the rest
 * of the segment silent; the maximum reading of windows ending inside each segment is that
 * segment's level. */
static void
max_per_segment (gconstpointer data,
                 double        gap,
                 double        tone,
                 gboolean      short_term)
{
  const double rate = case_rate (data);
  const double seg_len = 2.0 * tone;
  const guint seg_steps = (guint) lround (seg_len * LQ_LOUDNESS_STEPS_PER_SECOND);
  Segment segs[60];
  guint n = 0;
  Measurement me;
  const GArray *a;
  double worst = 0.0;

  for (guint i = 0; i < 20; i++)
    {
      if (i > 0)
        segs[n++] = (Segment) { i * gap, SILENT };
      segs[n++] = (Segment) { tone, -38.0 + i };
      if (i < 19 || tone - i * gap > 1e-9)
        segs[n++] = (Segment) { tone - i * gap, SILENT };
    }
  measure_programme (rate, 2, NULL, NULL, segs, n, &me);
  a = short_term ? me.short_term : me.momentary;
  g_assert_cmpuint (a->len, ==, 20 * seg_steps);

  for (guint i = 0; i < 20; i++)
    {
      double v = step_max (a, i * seg_steps + 1, (i + 1) * seg_steps);
      char *what = g_strdup_printf ("segment %u max %s", i, short_term ? "S" : "M");

      check (what, v, -38.0 + i, 0.1, 0.1);
      g_free (what);
      worst = MAX (worst, fabs (v - (-38.0 + i)));
      if (i == 0 || i == 19)
        report (case_name (data), rate, i == 0 ? "segment0" : "segment19", v);
    }
  report (case_name (data), rate, "worst_abs_err", worst);
  measurement_clear (&me);
}

static void
test_case11 (gconstpointer data)
{
  max_per_segment (data, 0.15, 3.0, TRUE);
}

static void
test_case14 (gconstpointer data)
{
  max_per_segment (data, 0.02, 0.4, FALSE);
}

/* ---- true peak: cases 15-23 ------------------------------------------------------------ */

static void
measure_stereo_buffer (double       rate,
                       const float *signal,
                       guint64      n,
                       Measurement *me)
{
  float *planar[2] = { (float *) signal, (float *) signal };
  Buffers b = { planar };

  measure (rate, 2, NULL, n, buffers_gen, &b, me);
}

/* Cases 15-19: a stereo sine at rate / div with a phase offset, 3.2 s, 100 ms fades. */
static void
sine_true_peak (gconstpointer data,
                double        div,
                double        phase_deg,
                double        amplitude,
                double        expected,
                double        expected_sample_peak)
{
  const double rate = case_rate (data);
  const guint64 n = (guint64) llround (3.2 * rate);
  float *x = g_new (float, n);
  Measurement me;

  lq_test_sine (x, n, rate, rate / div, amplitude, phase_deg * M_PI / 180.0);
  lq_test_fade (x, n, (size_t) llround (0.1 * rate));
  measure_stereo_buffer (rate, x, n, &me);

  check ("true peak", me.summary.true_peak_dbtp, expected, 0.4, 0.2);
  /* The generator itself: the samples' own peak (e.g. -9 dBFS for fs/4 at 45 degrees). */
  g_assert_cmpfloat_with_epsilon (me.summary.sample_peak_dbfs, expected_sample_peak, 0.01);
  report (case_name (data), rate, "TP", me.summary.true_peak_dbtp);
  report (case_name (data), rate, "SP", me.summary.sample_peak_dbfs);
  measurement_clear (&me);
  g_free (x);
}

static double
sampled_peak_db (double div,
                 double phase_deg,
                 double amplitude)
{
  /* Largest |sin| over the sampling grid of one period. */
  double m = 0.0;

  for (int k = 0; k < 1000; k++)
    m = MAX (m, fabs (sin (2.0 * M_PI * k / div + phase_deg * M_PI / 180.0)));
  return 20.0 * log10 (amplitude * m);
}

static void
test_case15 (gconstpointer data)
{
  sine_true_peak (data, 4, 0, 0.5, -6.0, sampled_peak_db (4, 0, 0.5));
}

static void
test_case16 (gconstpointer data)
{
  sine_true_peak (data, 4, 45, 0.5, -6.0, sampled_peak_db (4, 45, 0.5));
}

static void
test_case17 (gconstpointer data)
{
  sine_true_peak (data, 6, 60, 0.5, -6.0, sampled_peak_db (6, 60, 0.5));
}

static void
test_case18 (gconstpointer data)
{
  sine_true_peak (data, 8, 67.5, 0.5, -6.0, sampled_peak_db (8, 67.5, 0.5));
}

static void
test_case19 (gconstpointer data)
{
  sine_true_peak (data, 4, 45, 1.4125, 3.0, sampled_peak_db (4, 45, 1.4125));
}

/* Cases 20-23: inter-sample peak of a band-limited burst, decimation offsets 0..3. */
static void
isp_case (gconstpointer data,
          unsigned      offset)
{
  const double rate = case_rate (data);
  const guint64 n = (guint64) llround (3.2 * rate);
  float *x = g_new (float, n);
  Measurement me;
  double ideal = lq_test_ebu_isp (x, n, rate, offset);

  g_assert_cmpfloat (ideal, >, 0.0);
  measure_stereo_buffer (rate, x, n, &me);

  check ("true peak", me.summary.true_peak_dbtp, 0.0, 0.4, 0.2);
  report (case_name (data), rate, "TP", me.summary.true_peak_dbtp);
  report (case_name (data), rate, "SP", me.summary.sample_peak_dbfs);
  report (case_name (data), rate, "signal_peak_at_4x", 20.0 * log10 (ideal));
  measurement_clear (&me);
  g_free (x);
}

static void
test_case20 (gconstpointer data)
{
  isp_case (data, 0);
}

static void
test_case21 (gconstpointer data)
{
  isp_case (data, 1);
}

static void
test_case22 (gconstpointer data)
{
  isp_case (data, 2);
}

static void
test_case23 (gconstpointer data)
{
  isp_case (data, 3);
}

/* ---- Tech 3342: loudness range ------------------------------------------------------- */

static void
range_case (gconstpointer  data,
            const double  *levels,
            guint          n_levels,
            double         expected)
{
  Segment segs[8];
  Measurement me;

  for (guint i = 0; i < n_levels; i++)
    segs[i] = (Segment) { 20.0, levels[i] };
  measure_programme (case_rate (data), 2, NULL, NULL, segs, n_levels, &me);
  check ("LRA", me.summary.loudness_range_lu, expected, 1.0, 1.0);
  report (case_name (data), case_rate (data), "LRA", me.summary.loudness_range_lu);
  measurement_clear (&me);
}

static void
test_lra1 (gconstpointer data)
{
  const double levels[] = { -20, -30 };

  range_case (data, levels, G_N_ELEMENTS (levels), 10.0);
}

static void
test_lra2 (gconstpointer data)
{
  const double levels[] = { -20, -15 };

  range_case (data, levels, G_N_ELEMENTS (levels), 5.0);
}

static void
test_lra3 (gconstpointer data)
{
  const double levels[] = { -40, -20 };

  range_case (data, levels, G_N_ELEMENTS (levels), 20.0);
}

static void
test_lra4 (gconstpointer data)
{
  const double levels[] = { -50, -35, -20, -35, -50 };

  range_case (data, levels, G_N_ELEMENTS (levels), 15.0);
}

/* ---- registration ----------------------------------------------------------------- */

static void
add (const char     *path,
     GTestDataFunc   func)
{
  for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
    {
      Case *c = g_new0 (Case, 1);
      char *name = g_strdup_printf ("/conformance/%s/%.0f", path, rates[r]);

      c->name = path;
      c->rate = rates[r];
      g_test_add_data_func_full (name, c, func, g_free);
      g_free (name);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  add ("tech3341/case01", test_case1);
  add ("tech3341/case02", test_case2);
  add ("tech3341/case03", test_case3);
  add ("tech3341/case04", test_case4);
  add ("tech3341/case05", test_case5);
  add ("tech3341/case06", test_case6);
  add ("tech3341/case06-5.1-silent-lfe", test_case6_51);
  add ("tech3341/case06-5.1-loud-lfe", test_case6_51_loud_lfe);
  add ("tech3341/case09", test_case9);
  add ("tech3341/case10", test_case10);
  add ("tech3341/case10-minus90", test_case10_minus90);
  add ("tech3341/case11", test_case11);
  add ("tech3341/case12", test_case12);
  add ("tech3341/case13", test_case13);
  add ("tech3341/case13-minus90", test_case13_minus90);
  add ("tech3341/case14", test_case14);
  add ("tech3341/case15", test_case15);
  add ("tech3341/case16", test_case16);
  add ("tech3341/case17", test_case17);
  add ("tech3341/case18", test_case18);
  add ("tech3341/case19", test_case19);
  add ("tech3341/case20", test_case20);
  add ("tech3341/case21", test_case21);
  add ("tech3341/case22", test_case22);
  add ("tech3341/case23", test_case23);
  add ("tech3342/case1", test_lra1);
  add ("tech3342/case2", test_lra2);
  add ("tech3342/case3", test_lra3);
  add ("tech3342/case4", test_lra4);

  return g_test_run ();
}
