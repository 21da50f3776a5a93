/* test-peak-limiter.c
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

/* The playback service's sample-peak limiter (lq-peak-limiter.h), against its definition:
 * no sample above the ceiling, an attack that is complete when the peak is heard and takes
 * the attack time, a release with the stated time constant, and a pure delay when nothing
 * needs limiting. */

#include "config.h"

#include <glib.h>
#include <math.h>

#include "dsp-test-util.h"
#include "lq-peak-limiter.h"
#include "lq-test-signal.h"

#define RATE 48000.0

/* -1 dBFS, exactly as a double: the float ceiling must not round above it. */
#define CEILING 0.89125093813374556

static LqPeakLimiter limiter;

static void
spotify_init (void)
{
  lq_peak_limiter_init (&limiter, RATE, -1.0, 5.0, 100.0);
}

/* Runs buf through in place, in uneven blocks. */
static void
run (TestBuf *b)
{
  size_t done = 0;

  for (size_t k = 0; done < b->n; k++)
    {
      uint32_t n = MIN (test_block_size (k, 1024), (uint32_t) (b->n - done));
      const float *in[2] = { b->ch[0] + done, b->ch[1] + done };
      float *out[2] = { b->ch[0] + done, b->ch[1] + done };

      lq_peak_limiter_process (&limiter, in, out, n);
      done += n;
    }
}

static void
test_latency (void)
{
  spotify_init ();
  g_assert_cmpuint (lq_peak_limiter_get_latency (&limiter), ==, 239);
}

/* A music-like programme 14 dB too hot: nothing above -1 dBFS, and it is limiting. */
static void
test_ceiling (void)
{
  size_t n = (size_t) (RATE * 8);
  TestBuf b = test_buf_new (2, n);
  double in_peak, out_peak;
  float gr;

  for (int c = 0; c < 2; c++)
    {
      lq_test_music (b.ch[c], n, RATE, c, 7 + c);
      for (size_t i = 0; i < n; i++)
        b.ch[c][i] *= 5.0f;
    }
  in_peak = test_sample_peak (&b);
  g_assert_cmpfloat (in_peak, >, 2.0);

  spotify_init ();
  run (&b);
  out_peak = test_sample_peak (&b);
  gr = lq_peak_limiter_take_gain_reduction_db (&limiter);
  g_test_message ("in %.2f dBFS, out %.6f dBFS, max GR %.2f dB", test_db (in_peak),
                  test_db (out_peak), gr);
  g_assert_cmpfloat (out_peak, <=, CEILING);
  g_assert_cmpfloat (out_peak, >, CEILING * 0.99);   /* limited, not just turned down */
  g_assert_cmpfloat (gr, >, 6.0);
  test_buf_free (&b);
}

/* A 2.0 spike on a steady 0.1: the gain reaches ceiling / 2 as the spike is heard, is half
 * way down 2.5 ms earlier and untouched 5 ms earlier; 100 ms later it has recovered all but
 * 1/e of the reduction. */
static void
test_attack_release (void)
{
  size_t n = (size_t) RATE, s = 10000;
  uint32_t lat;
  TestBuf b = test_buf_new (2, n);
  double need = CEILING / 2.0;
  double rest;

  for (int c = 0; c < 2; c++)
    for (size_t i = 0; i < n; i++)
      b.ch[c][i] = i == s ? 2.0f : 0.1f;
  spotify_init ();
  lat = lq_peak_limiter_get_latency (&limiter);
  run (&b);

  /* Output frame i + lat holds input frame i. */
  g_assert_cmpfloat (b.ch[0][s - 241 + lat], ==, 0.1f);
  g_assert_cmpfloat_with_epsilon (b.ch[0][s - 120 + lat] / 0.1, (1.0 + need) / 2.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (b.ch[0][s + lat], CEILING, 1e-4);
  g_assert_cmpfloat (b.ch[0][s + lat], <=, CEILING);
  g_assert_cmpfloat_with_epsilon (b.ch[1][s - 1 + lat] / 0.1, (239.0 * need + 1.0) / 240.0, 1e-4);

  rest = (1.0 - b.ch[0][s + 4800 + lat] / 0.1) / (1.0 - need);
  g_test_message ("left of the reduction after 100 ms: %.3f (1/e = 0.368)", rest);
  g_assert_cmpfloat_with_epsilon (rest, exp (-1.0), 0.03);
  test_buf_free (&b);
}

/* Peaks at -1.5 dBFS: the output is the input delayed, within 1e-6. */
static void
test_transparent (void)
{
  size_t n = (size_t) (RATE * 3);
  TestBuf in = test_buf_new (2, n);
  TestBuf out = test_buf_new (2, n);
  double max_err = 0.0, scale;
  uint32_t lat;

  for (int c = 0; c < 2; c++)
    lq_test_music (in.ch[c], n, RATE, c, 11 + c);
  scale = pow (10.0, -1.5 / 20.0) / test_sample_peak (&in);
  for (int c = 0; c < 2; c++)
    for (size_t i = 0; i < n; i++)
      out.ch[c][i] = in.ch[c][i] = (float) (in.ch[c][i] * scale);

  spotify_init ();
  lat = lq_peak_limiter_get_latency (&limiter);
  run (&out);
  for (int c = 0; c < 2; c++)
    {
      for (size_t i = 0; i < lat; i++)
        g_assert_cmpfloat (out.ch[c][i], ==, 0.0f);
      for (size_t i = 0; i + lat < n; i++)
        max_err = MAX (max_err, fabs ((double) out.ch[c][i + lat] - in.ch[c][i]));
    }
  g_assert_cmpfloat (max_err, <=, 1e-6);
  g_assert_cmpfloat (lq_peak_limiter_take_gain_reduction_db (&limiter), ==, 0.0f);

  /* After limiting and a reset, transparent again at once. */
  lq_peak_limiter_reset (&limiter);
  g_assert_cmpfloat (limiter.env, ==, 1.0f);
  test_buf_free (&in);
  test_buf_free (&out);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/peak-limiter/latency", test_latency);
  g_test_add_func ("/peak-limiter/ceiling", test_ceiling);
  g_test_add_func ("/peak-limiter/attack-release", test_attack_release);
  g_test_add_func ("/peak-limiter/transparent", test_transparent);
  return g_test_run ();
}
