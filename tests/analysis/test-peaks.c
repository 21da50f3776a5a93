/* test-peaks.c
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

/* The waveform pyramid: every bucket of every level equals a brute-force min/max over the
 * same frames of the signal, whichever way the frames arrive (planar, interleaved, through
 * the whole-file pass with or without its worker thread, in blocks of random sizes). */

#include "config.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "lq-file-analysis.h"
#include "lq-peaks.h"
#include "lq-test-signal.h"

#define N_FRAMES 1000003     /* 3907 base buckets, the last one partial */

typedef enum
{
  FEED_PLANAR,
  FEED_INTERLEAVED,
  FEED_FILE_ANALYSIS,
  FEED_FILE_ANALYSIS_THREADED,
} Feed;

typedef struct
{
  guint channels;
  Feed  feed;
} PeaksCase;

static float **
make_signal (guint channels)
{
  float **x = g_new (float *, channels);
  uint64_t seed = 42;

  for (guint c = 0; c < channels; c++)
    {
      x[c] = g_new (float, N_FRAMES);
      /* Noise with a slow envelope, so that buckets differ, plus isolated spikes. */
      lq_test_white_noise (x[c], N_FRAMES, 0.5, &seed);
      for (guint i = 0; i < N_FRAMES; i++)
        x[c][i] *= (float) (0.2 + 0.8 * fabs (sin (i * 1e-4 * (c + 1))));
      for (guint i = 977 * (c + 1); i < N_FRAMES; i += 65537)
        x[c][i] = (i / 65537) % 2 ? 0.999f : -0.999f;
    }
  return x;
}

static LqPeaks *
build (const PeaksCase *pc,
       float          **x)
{
  GRand *rand = g_rand_new_with_seed (7);
  guint ch = pc->channels;
  float *interleaved = g_new (float, (gsize) N_FRAMES * ch);
  LqPeaks *peaks = NULL;
  LqFileAnalysis *pass = NULL;
  LqStatus status;

  for (guint i = 0; i < N_FRAMES; i++)
    for (guint c = 0; c < ch; c++)
      interleaved[(gsize) i * ch + c] = x[c][i];

  if (pc->feed == FEED_PLANAR || pc->feed == FEED_INTERLEAVED)
    {
      peaks = lq_peaks_new (ch, &status);
      g_assert_cmpint (status, ==, LQ_OK);
    }
  else
    {
      LqFileAnalysisConfig config = { 0 };

      config.sample_rate = 48000;
      config.channels = ch;
      config.peaks = TRUE;
      config.threads = pc->feed == FEED_FILE_ANALYSIS_THREADED;
      pass = lq_file_analysis_new (&config, &status);
      g_assert_cmpint (status, ==, LQ_OK);
    }

  for (guint done = 0; done < N_FRAMES;)
    {
      /* Block sizes from 1 frame to well over a base bucket and a pass chunk. */
      guint n = MIN ((guint) g_rand_int_range (rand, 1, 40000), N_FRAMES - done);

      switch (pc->feed)
        {
        case FEED_PLANAR:
          {
            const float *in[LQ_MAX_CHANNELS];
            for (guint c = 0; c < ch; c++)
              in[c] = x[c] + done;
            g_assert_cmpint (lq_peaks_process (peaks, in, n), ==, LQ_OK);
          }
          break;
        case FEED_INTERLEAVED:
          g_assert_cmpint (lq_peaks_process_interleaved (peaks, interleaved + (gsize) done * ch,
                                                         n), ==, LQ_OK);
          break;
        case FEED_FILE_ANALYSIS:
        case FEED_FILE_ANALYSIS_THREADED:
          g_assert_cmpint (lq_file_analysis_process (pass, interleaved + (gsize) done * ch, n),
                           ==, LQ_OK);
          break;
        }
      done += n;
    }

  if (pass)
    {
      LqLoudnessSummary summary;

      g_assert_cmpint (lq_file_analysis_finish (pass, &summary), ==, LQ_OK);
      peaks = lq_file_analysis_steal_peaks (pass);
      lq_file_analysis_free (pass);
    }
  else
    g_assert_cmpint (lq_peaks_finish (peaks), ==, LQ_OK);

  g_free (interleaved);
  g_rand_free (rand);
  g_assert_nonnull (peaks);
  return peaks;
}

static void
test_pyramid (gconstpointer data)
{
  const PeaksCase *pc = data;
  float **x = make_signal (pc->channels);
  LqPeaks *peaks = build (pc, x);
  guint n_levels = lq_peaks_get_n_levels (peaks);

  g_assert_cmpuint (lq_peaks_get_channels (peaks), ==, pc->channels);
  g_assert_cmpuint (lq_peaks_get_frames (peaks), ==, N_FRAMES);
  /* A million frames is ~3900 base buckets: a view needs coarser levels. */
  g_assert_cmpuint (n_levels, >=, 3);

  for (guint level = 0; level < n_levels; level++)
    {
      guint64 width = lq_peaks_get_bucket_frames (peaks, level);
      guint64 expected_buckets = (N_FRAMES + width - 1) / width;

      g_assert_cmpuint (width, ==, LQ_PEAKS_BASE_FRAMES * (guint64) pow (LQ_PEAKS_FANOUT, level));
      for (guint c = 0; c < pc->channels; c++)
        {
          guint64 n_buckets;
          const LqPeakPair *pairs = lq_peaks_get_level (peaks, level, c, &n_buckets);

          g_assert_nonnull (pairs);
          g_assert_cmpuint (n_buckets, ==, expected_buckets);
          for (guint64 b = 0; b < n_buckets; b++)
            {
              float lo = INFINITY, hi = -INFINITY;

              for (guint64 i = b * width; i < MIN ((b + 1) * width, (guint64) N_FRAMES); i++)
                {
                  lo = MIN (lo, x[c][i]);
                  hi = MAX (hi, x[c][i]);
                }
              if (pairs[b].min != lo || pairs[b].max != hi)
                {
                  g_test_fail_printf ("level %u channel %u bucket %" G_GUINT64_FORMAT
                                      ": pyramid [%g, %g], frames [%g, %g]", level, c, b,
                                      pairs[b].min, pairs[b].max, lo, hi);
                  goto out;
                }
            }
        }
    }

  /* Out of range asks give nothing rather than garbage. */
  {
    guint64 n = 99;
    g_assert_null (lq_peaks_get_level (peaks, n_levels, 0, &n));
    g_assert_cmpuint (n, ==, 0);
    g_assert_null (lq_peaks_get_level (peaks, 0, pc->channels, &n));
  }

  /* The level a view picks: the coarsest no wider than a column. */
  for (double fpc = 1; fpc < 1e7; fpc *= 1.7)
    {
      guint l = lq_peaks_choose_level (peaks, fpc);

      g_assert_cmpuint (l, <, n_levels);
      if (l > 0)
        g_assert_cmpfloat ((double) lq_peaks_get_bucket_frames (peaks, l), <=, fpc);
      if (l + 1 < n_levels)
        g_assert_cmpfloat ((double) lq_peaks_get_bucket_frames (peaks, l + 1), >, fpc);
    }

out:
  lq_peaks_free (peaks);
  for (guint c = 0; c < pc->channels; c++)
    g_free (x[c]);
  g_free (x);
}

/* A file shorter than one bucket still has one bucket holding its extremes. */
static void
test_short (void)
{
  const float x[5] = { 0.1f, -0.7f, 0.3f, 0.65f, -0.2f };
  const float *in[1] = { x };
  LqPeaks *peaks = lq_peaks_new (1, NULL);
  const LqPeakPair *pairs;
  guint64 n;

  g_assert_cmpint (lq_peaks_process (peaks, in, 5), ==, LQ_OK);
  g_assert_cmpint (lq_peaks_finish (peaks), ==, LQ_OK);
  pairs = lq_peaks_get_level (peaks, 0, 0, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (pairs[0].min, ==, -0.7f);
  g_assert_cmpfloat (pairs[0].max, ==, 0.65f);
  g_assert_cmpuint (lq_peaks_get_n_levels (peaks), ==, 1);
  lq_peaks_free (peaks);
}

/* NaN and infinity in a float file are measured as silence: every reading stays a number
 * (or silence), and the rest of the file measures as it would without them. */
static void
test_non_finite (void)
{
  const uint32_t n = 48000 * 3;
  LqFileAnalysisConfig config = { .sample_rate = 48000, .channels = 2, .peaks = true,
                                  .spectrum = true, .history = true };
  float *x = g_new (float, 2 * n);
  LqLoudnessSummary clean, dirty;
  LqStatus status;

  for (int pass = 0; pass < 2; pass++)
    {
      LqFileAnalysis *a = lq_file_analysis_new (&config, &status);

      for (uint32_t i = 0; i < n; i++)
        x[2 * i] = x[2 * i + 1] = 0.1f * sinf (2.0f * G_PI * 997.0f * i / 48000.0f);
      if (pass == 1)
        {
          x[1000] = NAN;
          x[2001] = INFINITY;
          x[5000] = -INFINITY;
        }
      else
        x[1000] = x[2001] = x[5000] = 0.0f;
      g_assert_cmpint (lq_file_analysis_process (a, x, n), ==, LQ_OK);
      g_assert_cmpint (lq_file_analysis_finish (a, pass ? &dirty : &clean), ==, LQ_OK);
      lq_file_analysis_free (a);
    }
  g_assert_true (isfinite (dirty.sample_peak_dbfs));
  g_assert_true (isfinite (dirty.true_peak_dbtp));
  g_assert_true (isfinite (dirty.integrated_lufs));
  g_assert_cmpfloat (dirty.sample_peak_dbfs, ==, clean.sample_peak_dbfs);
  g_assert_cmpfloat_with_epsilon (dirty.integrated_lufs, clean.integrated_lufs, 1e-9);
  g_free (x);
}

int
main (int    argc,
      char **argv)
{
  static const char *const feeds[] = { "planar", "interleaved", "file-analysis",
                                       "file-analysis-threaded" };

  g_test_init (&argc, &argv, NULL);

  for (guint f = 0; f < G_N_ELEMENTS (feeds); f++)
    for (guint ch = 1; ch <= 3; ch++)
      {
        PeaksCase *pc = g_new0 (PeaksCase, 1);
        char *path = g_strdup_printf ("/peaks/pyramid/%s/%uch", feeds[f], ch);

        pc->channels = ch;
        pc->feed = (Feed) f;
        g_test_add_data_func_full (path, pc, test_pyramid, g_free);
        g_free (path);
      }
  g_test_add_func ("/peaks/shorter-than-a-bucket", test_short);
  g_test_add_func ("/peaks/non-finite-samples", test_non_finite);

  return g_test_run ();
}
