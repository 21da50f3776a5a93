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
  LqDither *d = lq_dither_new (&(LqDitherConfig) { channels, bits, type, seed }, &status);

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
  g_test_add_func ("/dither/bad-config", test_bad_config);
  return g_test_run ();
}
