/* test-dither.c
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

#include <complex.h>
#include <glib.h>
#include <math.h>

#include "lq-dither.h"
#include "lq-test-signal.h"

static LqDither *
make_dither (uint32_t     channels,
             uint32_t     bits,
             LqDitherType type,
             uint64_t     seed)
{
  LqStatus status;
  LqDither *d = lq_dither_new (&(LqDitherConfig) { channels, bits, type, seed, 44100.0 },
                               &status);

  g_assert_cmpint (status, ==, LQ_OK);
  return d;
}

static void
quantise (LqDither *d,
          float    *x,
          size_t    n)
{
  float *io[1] = { x };

  lq_dither_process (d, (const float *const *) io, io, (uint32_t) n);
}

/* Output on the grid, error within 1.5 LSB, error variance 1/6 (dither) + 1/12 (rounding)
 * = 1/4 LSB^2 whatever the input's position between two steps, and no mean error: TPDF makes
 * the first two moments of the error independent of the signal. */
static void
test_tpdf (void)
{
  static const double offsets[] = { 0.0, 0.25, 0.5, 0.8 };
  const size_t n = 400000;

  for (uint32_t bits = 16; bits <= 24; bits += 8)
    for (guint k = 0; k < G_N_ELEMENTS (offsets); k++)
      {
        LqDither *d = make_dither (1, bits, LQ_DITHER_TPDF, 42 + k);
        double lsb = ldexp (1.0, 1 - (int) bits), mean = 0.0, var = 0.0, worst = 0.0;
        float *x = g_new (float, n), *y = g_new (float, n);

        /* A slow sine a few hundred LSB high, offset by a fraction of a step. */
        for (size_t i = 0; i < n; i++)
          x[i] = (float) ((round (300.0 * sin (i * 0.001)) + offsets[k]) * lsb);
        memcpy (y, x, n * sizeof (float));
        quantise (d, y, n);
        for (size_t i = 0; i < n; i++)
          {
            double q = y[i] / lsb, e = (y[i] - (double) x[i]) / lsb;

            g_assert_cmpfloat (q, ==, round (q));
            worst = fmax (worst, fabs (e));
            mean += e;
            var += e * e;
          }
        mean /= n;
        var = var / n - mean * mean;
        g_test_message ("%u bits, offset %.2f LSB: error mean %+.4f, variance %.4f, max %.3f LSB",
                        bits, offsets[k], mean, var, worst);
        g_assert_cmpfloat (worst, <=, 1.5);
        g_assert_cmpfloat_with_epsilon (mean, 0.0, 0.005);
        g_assert_cmpfloat_with_epsilon (var, 0.25, 0.01);
        lq_dither_free (d);
        g_free (x);
        g_free (y);
      }
}

/* Without dither: rounding to nearest, error within half a step; a constant quarter step
 * disappears (where TPDF would keep it on average). */
static void
test_rounding (void)
{
  LqDither *d = make_dither (1, 16, LQ_DITHER_NONE, 0);
  LqDither *t = make_dither (1, 16, LQ_DITHER_TPDF, 0);
  const double lsb = 1.0 / 32768.0;
  float x[10000], y[10000];
  uint64_t seed = 9;
  double mean = 0.0;

  lq_test_white_noise (x, 10000, 0.9, &seed);
  memcpy (y, x, sizeof x);
  quantise (d, y, 10000);
  for (int i = 0; i < 10000; i++)
    {
      g_assert_cmpfloat (y[i], ==, (float) (nearbyint (x[i] * 32768.0) / 32768.0));
      g_assert_cmpfloat (fabs (y[i] - (double) x[i]), <=, 0.5 * lsb);
    }

  for (int i = 0; i < 10000; i++)
    x[i] = y[i] = (float) (0.25 * lsb);
  quantise (d, x, 10000);
  quantise (t, y, 10000);
  for (int i = 0; i < 10000; i++)
    {
      g_assert_cmpfloat (x[i], ==, 0.0f);
      mean += y[i] / lsb;
    }
  g_assert_cmpfloat_with_epsilon (mean / 10000, 0.25, 0.02);
  lq_dither_free (d);
  lq_dither_free (t);
}

/* Full scale clamps to the integer range; NaN becomes silence; 32 bits passes through. */
static void
test_clamp_and_float (void)
{
  LqDither *d = make_dither (2, 16, LQ_DITHER_TPDF, 0);
  LqDither *f = make_dither (2, 32, LQ_DITHER_TPDF, 0);
  float l[4] = { 1.5f, -1.5f, 1.0f, NAN }, r[4] = { 0.3f, -1.0f, 0.99999f, -0.2f };
  float l2[4], r2[4];
  float *io[2] = { l, r };
  float *io2[2] = { l2, r2 };

  memcpy (l2, l, sizeof l);
  memcpy (r2, r, sizeof r);
  lq_dither_process (d, (const float *const *) io, io, 4);
  g_assert_cmpfloat (l[0], ==, 32767.0f / 32768.0f);
  g_assert_cmpfloat (l[1], ==, -1.0f);
  g_assert_cmpfloat (l[2], ==, 32767.0f / 32768.0f);
  g_assert_cmpfloat (l[3], ==, 0.0f);
  g_assert_cmpfloat (r[1], >=, -1.0f);

  memcpy (l, l2, sizeof l);
  memcpy (r, r2, sizeof r);
  lq_dither_process (f, (const float *const *) io2, io, 4);
  g_assert_cmpmem (l, 3 * sizeof (float), l2, 3 * sizeof (float));
  g_assert_true (isnan (l[3]));
  g_assert_cmpmem (r, sizeof r, r2, sizeof r2);
  lq_dither_free (d);
  lq_dither_free (f);
}

/* Same seed, same output; another seed, another; reset starts over. */
static void
test_deterministic (void)
{
  LqDither *a = make_dither (1, 16, LQ_DITHER_TPDF, 7);
  LqDither *b = make_dither (1, 16, LQ_DITHER_TPDF, 7);
  LqDither *c = make_dither (1, 16, LQ_DITHER_TPDF, 8);
  float x[3][5000], first[5000];
  uint64_t seed = 3;

  lq_test_white_noise (x[0], 5000, 0.5, &seed);
  memcpy (x[1], x[0], sizeof x[0]);
  memcpy (x[2], x[0], sizeof x[0]);
  memcpy (first, x[0], sizeof first);
  quantise (a, x[0], 5000);
  quantise (b, x[1], 5000);
  quantise (c, x[2], 5000);
  g_assert_cmpmem (x[0], sizeof x[0], x[1], sizeof x[1]);
  g_assert_true (memcmp (x[0], x[2], sizeof x[0]) != 0);

  lq_dither_reset (b);
  memcpy (x[1], first, sizeof first);
  quantise (b, x[1], 5000);
  g_assert_cmpmem (x[0], sizeof x[0], x[1], sizeof x[1]);

  lq_dither_free (a);
  lq_dither_free (b);
  lq_dither_free (c);
}

/* The noise of a sample depends on its place in the stream, not on how the calls divide it:
 * stereo in one call and in calls of awkward lengths (a few frames, across the 256-frame
 * stretches and the eight generators' steps) give the same samples, flat and shaped. */
static void
test_any_blocks (void)
{
  static const uint32_t steps[] = { 1, 3, 255, 2, 257, 7, 256, 5, 1000, 13 };
  enum { N = 4000 };

  for (int shaped = 0; shaped < 2; shaped++)
    {
      LqDitherType type = shaped ? LQ_DITHER_SHAPED : LQ_DITHER_TPDF;
      LqDither *a = make_dither (2, 16, type, 5);
      LqDither *b = make_dither (2, 16, type, 5);
      static float in[2][N], one[2][N], split[2][N];
      uint64_t seed = 4;

      lq_test_white_noise (in[0], N, 0.3, &seed);
      lq_test_white_noise (in[1], N, 0.3, &seed);
      lq_dither_process (a, (const float *const[]) { in[0], in[1] },
                         (float *const[]) { one[0], one[1] }, N);
      for (uint32_t done = 0, k = 0; done < N; k++)
        {
          uint32_t n = MIN (steps[k % G_N_ELEMENTS (steps)], N - done);

          lq_dither_process (b, (const float *const[]) { in[0] + done, in[1] + done },
                             (float *const[]) { split[0] + done, split[1] + done }, n);
          done += n;
        }
      g_assert_cmpmem (one, sizeof one, split, sizeof split);
      lq_dither_free (a);
      lq_dither_free (b);
    }
}

/* In-place radix-2 FFT, n a power of two (test code: an independent implementation). */
static void
fft (double complex *x,
     size_t          n)
{
  for (size_t i = 1, j = 0; i < n; i++)
    {
      size_t bit = n >> 1;

      for (; j & bit; bit >>= 1)
        j ^= bit;
      j ^= bit;
      if (i < j)
        {
          double complex t = x[i];

          x[i] = x[j];
          x[j] = t;
        }
    }
  for (size_t len = 2; len <= n; len <<= 1)
    {
      double complex wl = cexp (-2.0 * I * M_PI / (double) len);

      for (size_t i = 0; i < n; i += len)
        {
          double complex w = 1.0;

          for (size_t k = 0; k < len / 2; k++)
            {
              double complex u = x[i + k], v = x[i + k + len / 2] * w;

              x[i + k] = u + v;
              x[i + k + len / 2] = u - v;
              w *= wl;
            }
        }
    }
}

#define SEG 1024
#define N_BANDS 16

/* The documented shaping filters, written out here from the literature, not read from
 * lq-dither: Wannamaker's nine-tap F-weighted (JAES 1992, as in sox and ffmpeg) below
 * 50 kHz, (1 - z^-1)^2 above. The error spectrum is 1/4 LSB^2 |F|^2 with
 * F(z) = 1 - sum c[k] z^-(k+1); TPDF's is a flat 1/4 LSB^2. */
static double
expected_power (LqDitherType type,
                double       rate,
                double       f)
{
  static const double fw[] = { 2.412, -3.370, 3.937, -4.174, 3.353, -2.205, 1.281, -0.569,
                               0.0847 };
  static const double so[] = { 2.0, -1.0 };
  const double *c = rate < 50000.0 ? fw : so;
  size_t n = rate < 50000.0 ? G_N_ELEMENTS (fw) : G_N_ELEMENTS (so);
  double complex F = 1.0;

  if (type == LQ_DITHER_TPDF)
    return 0.25;
  for (size_t k = 0; k < n; k++)
    F -= c[k] * cexp (-2.0 * I * M_PI * f / rate * (double) (k + 1));
  return 0.25 * creal (F * conj (F));
}

/* Dithers a quiet sine (-60 dBFS, 1 kHz) to 16 bits and measures the error's spectrum
 * (output minus input, in LSB) by Welch's method: Hann windows of SEG, half overlapping.
 * In each of N_BANDS equal bands from 0 to Nyquist the measured mean power matches the mean
 * of the documented curve within 1 dB: flat for TPDF, the filter's |F|^2 for shaped. */
static void
check_spectrum (LqDitherType type,
                double       rate)
{
  const size_t n = 1 << 19;
  const double lsb = ldexp (1.0, -15);
  LqStatus status;
  LqDither *d = lq_dither_new (&(LqDitherConfig) { 1, 16, type, 7, rate }, &status);
  float *x = g_new (float, n), *y = g_new (float, n);
  double *psd = g_new0 (double, SEG / 2 + 1), wsum = 0.0;
  double complex *buf = g_new (double complex, SEG);
  size_t n_segs = 0;

  g_assert_cmpint (status, ==, LQ_OK);
  lq_test_sine (x, n, rate, 1000.0, 0.001, 0.0);
  memcpy (y, x, n * sizeof (float));
  quantise (d, y, n);

  for (size_t i = 0; i < SEG; i++)
    {
      double w = 0.5 - 0.5 * cos (2.0 * M_PI * (double) i / SEG);

      wsum += w * w;
    }
  for (size_t at = 0; at + SEG <= n; at += SEG / 2, n_segs++)
    {
      for (size_t i = 0; i < SEG; i++)
        buf[i] = (0.5 - 0.5 * cos (2.0 * M_PI * (double) i / SEG))
                 * ((double) y[at + i] - (double) x[at + i]) / lsb;
      fft (buf, SEG);
      for (size_t k = 0; k <= SEG / 2; k++)
        psd[k] += creal (buf[k] * conj (buf[k])) / wsum;
    }

  for (size_t b = 0; b < N_BANDS; b++)
    {
      size_t k0 = 1 + b * (SEG / 2) / N_BANDS, k1 = 1 + (b + 1) * (SEG / 2) / N_BANDS;
      double got = 0.0, want = 0.0, dev;

      for (size_t k = k0; k < k1; k++)
        {
          got += psd[k] / n_segs;
          want += expected_power (type, rate, k * rate / SEG);
        }
      dev = 10.0 * log10 (got / want);
      g_test_message ("%s at %.0f Hz, %5.0f .. %5.0f Hz: %+6.2f dB re 1/4 LSB^2, "
                      "expected %+6.2f (%+.2f)", type == LQ_DITHER_TPDF ? "tpdf" : "shaped",
                      rate, k0 * rate / SEG, k1 * rate / SEG,
                      10.0 * log10 (got / (k1 - k0) / 0.25),
                      10.0 * log10 (want / (k1 - k0) / 0.25), dev);
      g_assert_cmpfloat (fabs (dev), <=, 1.0);
    }
  lq_dither_free (d);
  g_free (x);
  g_free (y);
  g_free (psd);
  g_free (buf);
}

static void
test_spectrum (void)
{
  check_spectrum (LQ_DITHER_TPDF, 44100.0);
  check_spectrum (LQ_DITHER_SHAPED, 44100.0);
  check_spectrum (LQ_DITHER_SHAPED, 96000.0);
}

/* A shaped quantiser driven into full scale for a while clamps (huge errors), then must be
 * back to its normal error (the output within a few LSB of the input) at once, not ringing
 * or running away. */
static void
test_shaped_recovers (void)
{
  const size_t n = 48000;
  const double lsb = ldexp (1.0, -15);
  LqDither *d = make_dither (1, 16, LQ_DITHER_SHAPED, 3);
  float *x = g_new (float, n), *y = g_new (float, n);
  double worst = 0.0;

  lq_test_sine (x, n, 44100.0, 200.0, 1.0, 0.0);
  for (size_t i = 0; i < n; i++)
    x[i] = i < n / 2 ? 1.5f * x[i] : 0.3f * x[i];
  memcpy (y, x, n * sizeof (float));
  quantise (d, y, n);
  for (size_t i = n / 2 + 64; i < n; i++)
    worst = fmax (worst, fabs ((double) y[i] - x[i]) / lsb);
  g_test_message ("after clipping: largest error %.2f LSB", worst);
  g_assert_cmpfloat (worst, <=, 40.0);
  lq_dither_free (d);
  g_free (x);
  g_free (y);
}

static void
test_bad_config (void)
{
  LqStatus status;

  g_assert_null (lq_dither_new (&(LqDitherConfig) { 2, 20, LQ_DITHER_TPDF, 0 }, &status));
  g_assert_cmpint (status, ==, LQ_ERROR_INVALID_ARGUMENT);
  g_assert_null (lq_dither_new (&(LqDitherConfig) { 0, 16, LQ_DITHER_TPDF, 0 }, &status));
  g_assert_cmpint (status, ==, LQ_ERROR_INVALID_CHANNELS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dither/tpdf", test_tpdf);
  g_test_add_func ("/dither/rounding", test_rounding);
  g_test_add_func ("/dither/clamp-and-float", test_clamp_and_float);
  g_test_add_func ("/dither/deterministic", test_deterministic);
  g_test_add_func ("/dither/any-blocks", test_any_blocks);
  g_test_add_func ("/dither/spectrum", test_spectrum);
  g_test_add_func ("/dither/shaped-recovers", test_shaped_recovers);
  g_test_add_func ("/dither/bad-config", test_bad_config);
  return g_test_run ();
}
