/* dsp-test-util.h
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

#pragma once

/* Helpers shared by the DSP tests (test code: GLib and libebur128 allowed). */

#include <ebur128.h>
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lq-truepeak.h"

/* A planar stereo (or mono) buffer of n frames. */
typedef struct
{
  uint32_t channels;
  size_t   n;
  float   *ch[2];
} TestBuf;

static inline TestBuf
test_buf_new (uint32_t channels,
              size_t   n)
{
  TestBuf b = { channels, n, { NULL, NULL } };

  for (uint32_t c = 0; c < channels; c++)
    b.ch[c] = g_new0 (float, n);
  return b;
}

static inline void
test_buf_free (TestBuf *b)
{
  for (uint32_t c = 0; c < b->channels; c++)
    g_clear_pointer (&b->ch[c], g_free);
}

/* True peak, linear, by libebur128 (the oracle). */
static inline double
test_true_peak_ebur128 (const TestBuf *b,
                        double         rate)
{
  ebur128_state *st = ebur128_init (b->channels, (unsigned long) rate, EBUR128_MODE_TRUE_PEAK);
  float *inter = g_new (float, b->n * b->channels);
  double peak = 0.0;

  g_assert_nonnull (st);
  for (size_t i = 0; i < b->n; i++)
    for (uint32_t c = 0; c < b->channels; c++)
      inter[i * b->channels + c] = b->ch[c][i];
  g_assert_cmpint (ebur128_add_frames_float (st, inter, b->n), ==, EBUR128_SUCCESS);
  for (uint32_t c = 0; c < b->channels; c++)
    {
      double p;

      g_assert_cmpint (ebur128_true_peak (st, c, &p), ==, EBUR128_SUCCESS);
      peak = fmax (peak, p);
    }
  ebur128_destroy (&st);
  g_free (inter);
  return peak;
}

/* True peak, linear, by our meter's BS.1770 4x reading (flushed at the end): what the
 * limiter promises to keep under the ceiling, as libebur128 reads it too. */
static inline double
test_true_peak_ours (const TestBuf *b,
                     double         rate)
{
  LqTruePeak *tp = lq_truepeak_new (b->channels, rate, 4096, NULL);
  double peak = 0.0;

  g_assert_nonnull (tp);
  for (size_t done = 0; done < b->n;)
    {
      uint32_t n = b->n - done < 4096 ? (uint32_t) (b->n - done) : 4096;
      const float *in[2] = { b->ch[0] + done, b->channels > 1 ? b->ch[1] + done : NULL };

      lq_truepeak_process (tp, in, n);
      done += n;
    }
  lq_truepeak_flush (tp);
  for (uint32_t c = 0; c < b->channels; c++)
    peak = fmax (peak, lq_truepeak_get_max_bs1770 (tp, c));
  lq_truepeak_free (tp);
  return peak;
}

static inline double
test_sample_peak (const TestBuf *b)
{
  double peak = 0.0;

  for (uint32_t c = 0; c < b->channels; c++)
    for (size_t i = 0; i < b->n; i++)
      peak = fmax (peak, fabsf (b->ch[c][i]));
  return peak;
}

static inline double
test_db (double lin)
{
  return 20.0 * log10 (lin);
}

/* Block sizes that vary, so processors see odd sizes and splits. */
static inline uint32_t
test_block_size (size_t k,
                 uint32_t max)
{
  static const uint32_t sizes[] = { 512, 1, 37, 4096, 256, 1000, 64, 3 };
  uint32_t n = sizes[k % G_N_ELEMENTS (sizes)];

  return n < max ? n : max;
}
