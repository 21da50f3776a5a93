/* test-file-analysis-threads.c
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

/* The whole-file pass spreads its work over threads (the true peak of each half of the
 * channels, the rest, and the K-weighting on the caller's thread); every reading must come
 * out the same to the bit as the pass on one thread gives, whatever the block sizes fed:
 * summary (per-channel true and sample peaks included), history, spectrum, pyramid and mix
 * check. Stereo programme hot enough that the true peak's every stage runs, 5.1 (three
 * channels a side), three channels (two and one), mono, and float input with NaN and huge
 * values (the sanitising pass) as well as integer-like input (bounded). */

#include "config.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "lq-file-analysis.h"
#include "lq-test-signal.h"

#define RATE 48000
#define SECONDS 12

typedef struct
{
  const char *name;
  guint       channels;
  gboolean    extras;     /* history, spectrum, pyramid, mix check */
  gboolean    bounded;
  gboolean    hostile;    /* NaN, infinities and huge values scattered in */
} Case;

static const Case cases[] = {
  { "stereo-all",        2, TRUE,  TRUE,  FALSE },
  { "stereo-summary",    2, FALSE, TRUE,  FALSE },
  { "stereo-hostile",    2, TRUE,  FALSE, TRUE },
  { "surround-summary",  6, FALSE, TRUE,  FALSE },
  { "surround-all",      6, TRUE,  TRUE,  FALSE },
  { "three-all",         3, TRUE,  TRUE,  FALSE },
  { "mono-all",          1, TRUE,  TRUE,  FALSE },
};

typedef struct
{
  LqLoudnessSummary summary;
  float            *history[2];
  guint64           n_history;
  float            *spectrum;
  guint             n_bins;
  GByteArray       *peaks;
  LqMixCheckResult *check;
} Readings;

static float *
make_signal (const Case *tc,
             gsize       frames)
{
  float *x = g_new (float, frames * tc->channels);
  float *stereo = g_new (float, frames * 2);
  guint64 seed = 20260;

  /* Channels 0 and 1 the programme, pushed into overs so the true peak refines and takes
   * its last stage; further channels noise at other levels, each peaking elsewhere. */
  lq_test_programme (stereo, frames, RATE, 1.4, 3342);
  for (gsize i = 0; i < frames; i++)
    for (guint c = 0; c < MIN (tc->channels, 2u); c++)
      x[i * tc->channels + c] = stereo[2 * i + c];
  for (guint c = 2; c < tc->channels; c++)
    {
      float *noise = g_new (float, frames);

      lq_test_white_noise (noise, frames, 0.1 * c, &seed);
      noise[(c * 48271) % frames] = 0.9f + 0.01f * c;
      for (gsize i = 0; i < frames; i++)
        x[i * tc->channels + c] = noise[i];
      g_free (noise);
    }
  if (tc->hostile)
    for (gsize i = 1000; i < frames * tc->channels; i += 77777)
      x[i] = (i / 77777) % 3 == 0 ? NAN : (i / 77777) % 3 == 1 ? INFINITY : 3e30f;
  g_free (stereo);
  return x;
}

/* In blocks from one frame to several of the pass's chunks, the same sizes for every run (the
 * loudness meter's sums follow the blocks), then finished. */
static void
feed (LqFileAnalysis    *pass,
      const float       *x,
      gsize              frames,
      guint              channels,
      LqLoudnessSummary *summary)
{
  GRand *rand = g_rand_new_with_seed (1770);

  for (gsize done = 0; done < frames;)
    {
      gsize n = MIN ((gsize) g_rand_int_range (rand, 1, 50000), frames - done);

      g_assert_cmpint (lq_file_analysis_process (pass, x + done * channels, (guint32) n),
                       ==, LQ_OK);
      done += n;
    }
  g_rand_free (rand);
  g_assert_cmpint (lq_file_analysis_finish (pass, summary), ==, LQ_OK);
}

static void
measure (const Case  *tc,
         const float *x,
         gsize        frames,
         gboolean     threads,
         gboolean     busy_caller,
         Readings    *r)
{
  LqMixCheckConfig check = { .clip_level_dbfs = -0.1, .clip_min_samples = 3,
                             .correlation_below = 0.0, .correlation_min_s = 1.0,
                             .low_cutoff_hz = 120.0, .high_cutoff_hz = 16000.0,
                             .silence_dbfs = -90.0 };
  LqFileAnalysisConfig config = { .sample_rate = RATE, .channels = tc->channels,
                                  .history = tc->extras, .peaks = tc->extras,
                                  .spectrum = tc->extras, .threads = threads,
                                  .busy_caller = busy_caller,
                                  .bounded = tc->bounded,
                                  .check = tc->extras ? &check : NULL };
  LqStatus status;
  LqFileAnalysis *pass = lq_file_analysis_new (&config, &status);
  const float *m, *s;
  LqPeaks *peaks;
  LqSpectrum *spectrum;

  g_assert_cmpint (status, ==, LQ_OK);
  g_assert_nonnull (pass);
  feed (pass, x, frames, tc->channels, &r->summary);

  m = lq_file_analysis_get_history (pass, FALSE, &r->n_history);
  s = lq_file_analysis_get_history (pass, TRUE, NULL);
  r->history[0] = r->n_history ? g_memdup2 (m, r->n_history * sizeof (float)) : NULL;
  r->history[1] = r->n_history ? g_memdup2 (s, r->n_history * sizeof (float)) : NULL;

  r->peaks = g_byte_array_new ();
  if ((peaks = lq_file_analysis_steal_peaks (pass)) != NULL)
    {
      for (guint level = 0; level < lq_peaks_get_n_levels (peaks); level++)
        for (guint c = 0; c < tc->channels; c++)
          {
            guint64 n;
            const LqPeakPair *p = lq_peaks_get_level (peaks, level, c, &n);

            g_byte_array_append (r->peaks, (const guint8 *) p, (guint) (n * sizeof *p));
          }
      lq_peaks_free (peaks);
    }

  r->spectrum = NULL;
  r->n_bins = 0;
  if ((spectrum = lq_file_analysis_steal_spectrum (pass)) != NULL)
    {
      r->n_bins = lq_spectrum_get_n_bins (spectrum);
      r->spectrum = g_new (float, r->n_bins);
      g_assert_cmpuint (lq_spectrum_get_average_db (spectrum, r->spectrum), >, 0);
      lq_spectrum_free (spectrum);
    }

  r->check = g_new0 (LqMixCheckResult, 1);
  if (!lq_file_analysis_get_check (pass, r->check))
    g_clear_pointer (&r->check, g_free);
  lq_file_analysis_free (pass);
}

static void
readings_clear (Readings *r)
{
  g_free (r->history[0]);
  g_free (r->history[1]);
  g_free (r->spectrum);
  g_byte_array_unref (r->peaks);
  g_free (r->check);
}

static void
test_same_readings (gconstpointer data)
{
  const Case *tc = data;
  const gsize frames = (gsize) SECONDS * RATE;
  float *x = make_signal (tc, frames);
  Readings one, two;

  measure (tc, x, frames, FALSE, FALSE, &one);

  /* The signal gives every reading something to measure. */
  g_assert_cmpuint (one.summary.frames, ==, frames);
  g_assert_true (isfinite (one.summary.integrated_lufs));
  g_assert_true (isfinite (one.summary.loudness_range_lu));
  for (guint c = 0; c < tc->channels && !tc->hostile; c++)
    g_assert_cmpfloat (one.summary.channel_true_peak_dbtp[c], >,
                       one.summary.channel_sample_peak_dbfs[c]);
  if (tc->extras)
    {
      g_assert_cmpuint (one.n_history, >=, SECONDS * LQ_HISTORY_RATE - 1);
      g_assert_cmpuint (one.peaks->len, >, 0);
      g_assert_nonnull (one.spectrum);
      g_assert_nonnull (one.check);
    }

  /* Two cores with the caller measuring a share, and with the worker measuring all (a busy
   * caller): the readings of one. */
  for (guint busy = 0; busy < 2; busy++)
    {
      measure (tc, x, frames, TRUE, busy, &two);
      g_assert_cmpmem (&one.summary, sizeof one.summary, &two.summary, sizeof two.summary);
      g_assert_cmpuint (one.n_history, ==, two.n_history);
      for (guint k = 0; k < 2; k++)
        g_assert_cmpmem (one.history[k], one.n_history * sizeof (float),
                         two.history[k], two.n_history * sizeof (float));
      g_assert_cmpmem (one.peaks->data, one.peaks->len, two.peaks->data, two.peaks->len);
      g_assert_cmpuint (one.n_bins, ==, two.n_bins);
      g_assert_cmpmem (one.spectrum, one.n_bins * sizeof (float),
                       two.spectrum, two.n_bins * sizeof (float));
      g_assert_true ((one.check == NULL) == (two.check == NULL));
      if (one.check)
        g_assert_cmpmem (one.check, sizeof *one.check, two.check, sizeof *two.check);
      if (busy == 0)
        readings_clear (&two);
    }
  readings_clear (&one);
  readings_clear (&two);
  g_free (x);
}

/* A loudness-only pass (the render's first reading of its mix), inline or wholly on the second
 * core: the loudness of the full pass, and no peak at all. */
static void
test_loudness_only (void)
{
  const Case *tc = &cases[0];
  const gsize frames = (gsize) SECONDS * RATE;
  float *x = make_signal (tc, frames);
  Readings full;

  measure (tc, x, frames, FALSE, FALSE, &full);
  for (guint threads = 0; threads < 2; threads++)
    {
      LqFileAnalysisConfig config = { .sample_rate = RATE, .channels = tc->channels,
                                      .threads = threads, .busy_caller = threads,
                                      .loudness_only = TRUE, .bounded = tc->bounded };
      LqFileAnalysis *pass = lq_file_analysis_new (&config, NULL);
      LqLoudnessSummary s;

      g_assert_nonnull (pass);
      feed (pass, x, frames, tc->channels, &s);
      g_assert_cmpuint (s.frames, ==, frames);
      g_assert_true (isfinite (s.integrated_lufs));
      g_assert_cmpfloat (s.integrated_lufs, ==, full.summary.integrated_lufs);
      g_assert_cmpfloat (s.loudness_range_lu, ==, full.summary.loudness_range_lu);
      g_assert_cmpfloat (s.max_momentary_lufs, ==, full.summary.max_momentary_lufs);
      g_assert_cmpfloat (s.true_peak_dbtp, ==, -HUGE_VAL);
      g_assert_cmpfloat (s.sample_peak_dbfs, ==, -HUGE_VAL);
      for (guint c = 0; c < tc->channels; c++)
        g_assert_cmpfloat (s.channel_true_peak_dbtp[c], ==, -HUGE_VAL);
      lq_file_analysis_free (pass);
    }
  readings_clear (&full);
  g_free (x);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/file-analysis/threads/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_same_readings);
    }
  g_test_add_func ("/file-analysis/loudness-only", test_loudness_only);
  return g_test_run ();
}
