/* test-spectrum.c
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

/* The long-term average spectrum and the live frame. A full-scale sine centred on a bin
 * reads 0 dB in that bin (the header's calibration); a Hann window leaves a bin-centred
 * sine only in its bin and the two beside it, so every other bin must be empty. Stereo goes
 * through one complex FFT of L + iR: a sine only on L and another only on R must each
 * appear at its own level (the average over the two channels), nothing must leak between
 * them, and a quadrature pair (L = cos, R = +-sin: all energy in bin k or in bin N - k of
 * the complex transform) must read like any other pair of full-scale sines. */

#include "config.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "lq-file-analysis.h"
#include "lq-spectrum.h"

#define TRANSFORMS 24
#define EMPTY_DB (-100.0)

typedef enum
{
  PATH_ACCUMULATE,
  PATH_INTERLEAVED,
  PATH_FRAME,
  PATH_FILE_ANALYSIS,
  PATH_FILE_ANALYSIS_THREADED,
} Path;

typedef struct
{
  double rate;
  Path   path;
} SpectrumCase;

typedef struct
{
  guint  bin;
  double amplitude;
  double phase;         /* radians */
} Tone;

static void
fill (float      *x,
      gsize       n,
      guint       fft_size,
      const Tone *tones,
      guint       n_tones)
{
  for (gsize i = 0; i < n; i++)
    {
      double v = 0.0;

      for (guint t = 0; t < n_tones; t++)
        v += tones[t].amplitude * cos (2.0 * M_PI * tones[t].bin * (double) i / fft_size
                                       + tones[t].phase);
      x[i] = (float) v;
    }
}

/* Measures left/right (right NULL: mono) by the case's path; returns n_bins values. */
static float *
measure (const SpectrumCase *sc,
         const float        *left,
         const float        *right,
         gsize               n,
         guint              *n_bins,
         guint              *fft_size)
{
  LqSpectrum *spectrum = NULL;
  LqStatus status;
  float *db;
  guint channels = right ? 2 : 1;

  if (sc->path == PATH_FILE_ANALYSIS || sc->path == PATH_FILE_ANALYSIS_THREADED)
    {
      LqFileAnalysisConfig config = { 0 };
      LqLoudnessSummary summary;
      LqFileAnalysis *pass;
      float *interleaved = g_new (float, n * channels);

      for (gsize i = 0; i < n; i++)
        {
          interleaved[i * channels] = left[i];
          if (right)
            interleaved[i * channels + 1] = right[i];
        }
      config.sample_rate = sc->rate;
      config.channels = channels;
      config.spectrum = TRUE;
      config.threads = sc->path == PATH_FILE_ANALYSIS_THREADED;
      pass = lq_file_analysis_new (&config, &status);
      g_assert_cmpint (status, ==, LQ_OK);
      for (gsize done = 0; done < n; done += 10007)
        g_assert_cmpint (lq_file_analysis_process (pass, interleaved + done * channels,
                                                   (uint32_t) MIN (10007, n - done)), ==,
                         LQ_OK);
      g_assert_cmpint (lq_file_analysis_finish (pass, &summary), ==, LQ_OK);
      spectrum = lq_file_analysis_steal_spectrum (pass);
      lq_file_analysis_free (pass);
      g_free (interleaved);
      g_assert_nonnull (spectrum);
    }
  else
    {
      spectrum = lq_spectrum_new (sc->rate, 0, &status);
      g_assert_cmpint (status, ==, LQ_OK);
    }

  *n_bins = lq_spectrum_get_n_bins (spectrum);
  *fft_size = lq_spectrum_get_fft_size (spectrum);
  g_assert_cmpuint (*n_bins, ==, *fft_size / 2 + 1);
  g_assert_cmpfloat_with_epsilon (lq_spectrum_get_bin_hz (spectrum), sc->rate / *fft_size,
                                  1e-9);
  db = g_new (float, *n_bins);

  switch (sc->path)
    {
    case PATH_ACCUMULATE:
      /* Odd block sizes: transforms straddle calls. */
      for (gsize done = 0; done < n; done += 1234)
        lq_spectrum_accumulate (spectrum, left + done, right ? right + done : NULL,
                                (uint32_t) MIN (1234, n - done));
      g_assert_cmpuint (lq_spectrum_get_average_db (spectrum, db), ==, n / *fft_size);
      break;
    case PATH_INTERLEAVED:
      {
        float *interleaved = g_new (float, n * channels);

        for (gsize i = 0; i < n; i++)
          {
            interleaved[i * channels] = left[i];
            if (right)
              interleaved[i * channels + 1] = right[i];
          }
        for (gsize done = 0; done < n; done += 1234)
          lq_spectrum_accumulate_interleaved (spectrum, interleaved + done * channels,
                                              channels, (uint32_t) MIN (1234, n - done));
        g_assert_cmpuint (lq_spectrum_get_average_db (spectrum, db), ==, n / *fft_size);
        g_free (interleaved);
      }
      break;
    case PATH_FRAME:
      /* The last fft_size frames. */
      lq_spectrum_frame (spectrum, left + n - *fft_size, right ? right + n - *fft_size : NULL,
                         db);
      break;
    case PATH_FILE_ANALYSIS:
    case PATH_FILE_ANALYSIS_THREADED:
      g_assert_cmpuint (lq_spectrum_get_average_db (spectrum, db), ==, n / *fft_size);
      break;
    }

  lq_spectrum_free (spectrum);
  return db;
}

/* Each tone's bin reads its level; every bin further than one from all tones is empty. */
static void
check_bins (const char *what,
            const float *db,
            guint        n_bins,
            const Tone  *tones,
            const double *levels,
            guint        n_tones)
{
  for (guint t = 0; t < n_tones; t++)
    {
      if (fabs (db[tones[t].bin] - levels[t]) > 0.1)
        g_test_fail_printf ("%s: bin %u reads %.3f dB, expected %.3f +-0.1", what,
                            tones[t].bin, db[tones[t].bin], levels[t]);
      g_test_message ("RESULT %s bin %u: %.4f dB (expected %.4f)", what, tones[t].bin,
                      db[tones[t].bin], levels[t]);
    }
  for (guint k = 0; k < n_bins; k++)
    {
      gboolean near = FALSE;

      for (guint t = 0; t < n_tones; t++)
        near |= k + 1 >= tones[t].bin && k <= tones[t].bin + 1;
      if (!near && db[k] > EMPTY_DB)
        {
          g_test_fail_printf ("%s: bin %u reads %.2f dB, should be empty", what, k, db[k]);
          return;
        }
    }
}

static guint
fft_size_for (double rate)
{
  LqSpectrum *probe = lq_spectrum_new (rate, 0, NULL);
  guint size;

  g_assert_nonnull (probe);
  size = lq_spectrum_get_fft_size (probe);
  lq_spectrum_free (probe);
  return size;
}

static double
channel_average_db (double amplitude_l,
                    double amplitude_r,
                    guint  channels)
{
  /* Power per channel relative to a full-scale sine, averaged over the channels. */
  return 10.0 * log10 ((amplitude_l * amplitude_l + amplitude_r * amplitude_r) / channels);
}

/* A full-scale mono sine reads 0 dB in its bin; a -20 dBFS one -20 dB in another. */
static void
test_mono (gconstpointer data)
{
  const SpectrumCase *sc = data;
  const guint N = fft_size_for (sc->rate);
  const gsize n = (gsize) N * TRANSFORMS + N / 3;     /* a partial transform is left over */
  const guint k = (guint) lround (997.0 / (sc->rate / N));
  const Tone tones[] = { { k, 1.0, 0.3 }, { 5 * k + 7, 0.1, 1.1 } };
  const double levels[] = { 0.0, -20.0 };
  float *x = g_new (float, n), *db;
  guint n_bins, size;

  fill (x, n, N, tones, G_N_ELEMENTS (tones));
  db = measure (sc, x, NULL, n, &n_bins, &size);
  g_assert_cmpuint (size, ==, N);
  check_bins ("mono", db, n_bins, tones, levels, G_N_ELEMENTS (tones));
  g_free (db);
  g_free (x);
}

/* A sine only on L and a different one only on R each read their own level (averaged over
 * the two channels: a full-scale sine on one channel of two reads -3.01 dB). */
static void
test_stereo_separation (gconstpointer data)
{
  const SpectrumCase *sc = data;
  const guint N = fft_size_for (sc->rate);
  const gsize n = (gsize) N * TRANSFORMS;
  const guint kl = (guint) lround (440.0 / (sc->rate / N));
  const guint kr = (guint) lround (3150.0 / (sc->rate / N));
  const Tone left_tones[] = { { kl, 1.0, 0.0 } };
  const Tone right_tones[] = { { kr, 0.25, 0.7 } };
  const Tone both[] = { left_tones[0], right_tones[0] };
  const double levels[] = { channel_average_db (1.0, 0.0, 2), channel_average_db (0.0, 0.25, 2) };
  float *l = g_new (float, n), *r = g_new (float, n), *db;
  guint n_bins, size;

  fill (l, n, N, left_tones, 1);
  fill (r, n, N, right_tones, 1);
  db = measure (sc, l, r, n, &n_bins, &size);
  check_bins ("L-only and R-only", db, n_bins, both, levels, 2);
  g_free (db);

  /* Swap the channels: the same readings. */
  db = measure (sc, r, l, n, &n_bins, &size);
  check_bins ("swapped", db, n_bins, both, levels, 2);
  g_free (db);
  g_free (l);
  g_free (r);
}

/* L = cos, R = +sin (or -sin): L + iR is a one-sided complex exponential, all of its energy
 * in bin k (or N - k) of the complex transform; both channels are full-scale sines, so the
 * bin reads 0 dB either way. */
static void
test_stereo_quadrature (gconstpointer data)
{
  const SpectrumCase *sc = data;
  const guint N = fft_size_for (sc->rate);
  const gsize n = (gsize) N * TRANSFORMS;
  const guint k = (guint) lround (1500.0 / (sc->rate / N));
  const Tone cosine[] = { { k, 1.0, 0.0 } };
  const Tone plus_sine[] = { { k, 1.0, -M_PI / 2 } };
  const Tone minus_sine[] = { { k, 1.0, M_PI / 2 } };
  const double levels[] = { 0.0 };
  float *l = g_new (float, n), *r = g_new (float, n), *db;
  guint n_bins, size;

  fill (l, n, N, cosine, 1);
  fill (r, n, N, plus_sine, 1);
  db = measure (sc, l, r, n, &n_bins, &size);
  check_bins ("L cos, R +sin", db, n_bins, cosine, levels, 1);
  g_free (db);

  fill (r, n, N, minus_sine, 1);
  db = measure (sc, l, r, n, &n_bins, &size);
  check_bins ("L cos, R -sin", db, n_bins, cosine, levels, 1);
  g_free (db);

  /* The same sine on both channels (in phase, then inverted): 0 dB too. */
  db = measure (sc, l, l, n, &n_bins, &size);
  check_bins ("L = R", db, n_bins, cosine, levels, 1);
  g_free (db);
  g_free (l);
  g_free (r);
}

/* Off-centre sines leak into neighbours, but the loudest bin stays within the Hann window's
 * scalloping loss (1.42 dB) of the level, and never above it. */
static void
test_scalloping (gconstpointer data)
{
  const SpectrumCase *sc = data;
  const guint N = fft_size_for (sc->rate);
  const gsize n = (gsize) N * TRANSFORMS;
  float *x = g_new (float, n), *db;
  guint n_bins, size;

  for (double offset = 0.0; offset <= 0.5; offset += 0.125)
    {
      double f = (200.0 + offset) * sc->rate / N;
      float best = -INFINITY;

      for (gsize i = 0; i < n; i++)
        x[i] = (float) sin (2.0 * M_PI * f * i / sc->rate);
      db = measure (sc, x, NULL, n, &n_bins, &size);
      for (guint k = 195; k <= 205; k++)
        best = MAX (best, db[k]);
      if (best > 0.1 || best < -1.43)
        g_test_fail_printf ("sine %.3f bins off centre: loudest bin %.3f dB", offset, best);
      g_free (db);
    }
  g_free (x);
}

/* Silence reads -inf ("nothing"), never a number or NaN. */
static void
test_silence (gconstpointer data)
{
  const SpectrumCase *sc = data;
  const guint N = fft_size_for (sc->rate);
  const gsize n = (gsize) N * 3;
  float *x = g_new0 (float, n), *db;
  guint n_bins, size;

  db = measure (sc, x, x, n, &n_bins, &size);
  for (guint k = 0; k < n_bins; k++)
    if (!(isinf (db[k]) && db[k] < 0))
      {
        g_test_fail_printf ("silent bin %u reads %g", k, db[k]);
        break;
      }
  g_free (db);
  g_free (x);
}

/* The lag search finds a known delay, either way, through added noise and a gain: b is a
 * delayed by d plus noise 20 dB down, as a codec's output would be. */
static void
test_find_lag (void)
{
  static const int32_t lags[] = { 0, 1, 1105, 2257, -37, -4000, 11999 };
  const uint32_t n_a = 1 << 15, max_lag = 12000, n_b = n_a + 2 * max_lag;
  float *a = g_new (float, n_a), *b = g_new0 (float, n_b);
  GRand *rand = g_rand_new_with_seed (7);
  float *src = g_new (float, n_a + 2 * max_lag);

  /* White noise through a one-pole low-pass, so neighbouring samples correlate as in
   * programme and the peak has neighbours to be confused with. */
  for (uint32_t i = 0; i < n_a + 2 * max_lag; i++)
    src[i] = (float) g_rand_double_range (rand, -1.0, 1.0)
             + (i > 0 ? 0.7f * src[i - 1] : 0.0f);
  for (guint k = 0; k < G_N_ELEMENTS (lags); k++)
    {
      int32_t found = -99999;

      /* a = src[max_lag + i]; b[j] = src[j + max_lag - d] * 0.5 + noise, so that
       * b[i + max_lag + d] = 0.5 * a[i]: the lag relative to b's widened start. */
      for (uint32_t i = 0; i < n_a; i++)
        a[i] = src[max_lag + i];
      for (uint32_t j = 0; j < n_b; j++)
        {
          int64_t s = (int64_t) j - lags[k];

          b[j] = (s >= 0 && s < (int64_t) (n_a + 2 * max_lag) ? 0.5f * src[s] : 0.0f)
                 + 0.05f * (float) g_rand_double_range (rand, -1.0, 1.0);
        }
      g_assert_cmpint (lq_spectrum_find_lag (a, n_a, b, n_b, 2 * max_lag, &found), ==, LQ_OK);
      g_assert_cmpint (found, ==, (int32_t) max_lag + lags[k]);
    }
  g_assert_cmpint (lq_spectrum_find_lag (a, 0, b, n_b, 10, &(int32_t) { 0 }), ==,
                   LQ_ERROR_INVALID_ARGUMENT);
  g_rand_free (rand);
  g_free (src);
  g_free (a);
  g_free (b);
}

int
main (int    argc,
      char **argv)
{
  static const char *const paths[] = { "accumulate", "interleaved", "frame", "file-analysis",
                                       "file-analysis-threaded" };
  static const double rates[] = { 48000.0, 44100.0, 96000.0 };
  static const struct { const char *name; GTestDataFunc func; } tests[] = {
    { "mono", test_mono },
    { "stereo-separation", test_stereo_separation },
    { "stereo-quadrature", test_stereo_quadrature },
    { "scalloping", test_scalloping },
    { "silence", test_silence },
  };

  g_test_init (&argc, &argv, NULL);

  for (guint t = 0; t < G_N_ELEMENTS (tests); t++)
    for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
      for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
        {
          SpectrumCase *sc;
          char *name;

          /* The frame path sees one transform; no need to repeat it at every rate. */
          if (p == PATH_FRAME && r > 0)
            continue;
          sc = g_new0 (SpectrumCase, 1);
          sc->rate = rates[r];
          sc->path = (Path) p;
          name = g_strdup_printf ("/spectrum/%s/%s/%.0f", tests[t].name, paths[p], rates[r]);
          g_test_add_data_func_full (name, sc, tests[t].func, g_free);
          g_free (name);
        }

  g_test_add_func ("/spectrum/find-lag", test_find_lag);

  return g_test_run ();
}
