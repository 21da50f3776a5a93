/* lq-simd.h
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

#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Eight-lane float vectors for the hot loops, through GCC/Clang vector extensions so the
 * code stays portable C; LQ_TARGET_CLONES adds an AVX2/FMA build of a function next to the
 * baseline one, picked at run time (packaged builds cannot assume the CPU). Not under
 * ThreadSanitizer: the clones' resolver is instrumented and runs before its runtime is up. */

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_THREAD__)
#define LQ_TARGET_CLONES __attribute__ ((target_clones ("arch=x86-64-v3", "default")))
/* Whether the clones run their x86-64-v3 build here, for code that pays only with it. */
#define LQ_TARGET_CLONES_V3() __builtin_cpu_supports ("x86-64-v3")
#else
#define LQ_TARGET_CLONES
#define LQ_TARGET_CLONES_V3() 0
#endif

#define LQ_SIMD_INLINE static inline __attribute__ ((always_inline))

/* The FMA build contracts a * b + c * d to fma (a, b, c * d) when GCC meets a * b first, and
 * the other way round when it meets c * d first, which depends on the code around the
 * expression. Code that must round alike in two places spells the choice out: the product
 * wrapped in LQ_FIRST_PRODUCT is rounded on its own, and each later term is the only product
 * its addition can absorb. Without FMA nothing is contracted, and the barrier costs nothing. */
#if defined(__has_builtin)
#if __has_builtin (__builtin_assoc_barrier)
#define LQ_FIRST_PRODUCT(p) __builtin_assoc_barrier (p)
#endif
#endif
#ifndef LQ_FIRST_PRODUCT
#define LQ_FIRST_PRODUCT(p) (p)
#endif

typedef float   lq_v8sf __attribute__ ((vector_size (32)));
typedef int32_t lq_v8si __attribute__ ((vector_size (32)));
/* Four doubles, for the recursions kept in double. */
typedef double  lq_v4d  __attribute__ ((vector_size (32)));
typedef int64_t lq_v4di __attribute__ ((vector_size (32)));
typedef float   lq_v4sf __attribute__ ((vector_size (16)));

LQ_SIMD_INLINE lq_v8sf
lq_v8_load (const float *p)
{
  lq_v8sf v;

  memcpy (&v, p, sizeof v);
  return v;
}

LQ_SIMD_INLINE void
lq_v8_store (float   *p,
             lq_v8sf  v)
{
  memcpy (p, &v, sizeof v);
}

/* C has no vector ?:, so select through the comparison mask. */
LQ_SIMD_INLINE lq_v8sf
lq_v8_select (lq_v8si mask,
              lq_v8sf a,
              lq_v8sf b)
{
  return (lq_v8sf) ((mask & (lq_v8si) a) | (~mask & (lq_v8si) b));
}

LQ_SIMD_INLINE lq_v4d
lq_v4d_load (const double *p)
{
  lq_v4d v;

  memcpy (&v, p, sizeof v);
  return v;
}

LQ_SIMD_INLINE lq_v4d
lq_v4d_select (lq_v4di mask,
               lq_v4d  a,
               lq_v4d  b)
{
  return (lq_v4d) ((mask & (lq_v4di) a) | (~mask & (lq_v4di) b));
}

LQ_SIMD_INLINE lq_v8sf
lq_v8_abs (lq_v8sf v)
{
  return (lq_v8sf) ((lq_v8si) v & 0x7fffffff);
}

LQ_SIMD_INLINE lq_v8sf
lq_v8_max (lq_v8sf a,
           lq_v8sf b)
{
  return lq_v8_select (a > b, a, b);
}

LQ_SIMD_INLINE lq_v8sf
lq_v8_min (lq_v8sf a,
           lq_v8sf b)
{
  return lq_v8_select (a < b, a, b);
}

/* The lanes pairwise exchanged (1 0 3 2 5 4 7 6): the other channel of each interleaved
 * stereo frame. GCC and Clang spell the shuffle differently. */
LQ_SIMD_INLINE lq_v8sf
lq_v8_swap_pairs (lq_v8sf v)
{
#if defined(__clang__)
  return __builtin_shufflevector (v, v, 1, 0, 3, 2, 5, 4, 7, 6);
#else
  const lq_v8si swap = { 1, 0, 3, 2, 5, 4, 7, 6 };

  return __builtin_shuffle (v, swap);
#endif
}

/* The sum of the lanes, as a tree ((0+4)+(2+6))+((1+5)+(3+7)): three dependent additions,
 * where a loop over the lanes makes eight, since C may not reorder float sums. */
LQ_SIMD_INLINE float
lq_v8_sum (lq_v8sf v)
{
#if defined(__clang__)
  v += __builtin_shufflevector (v, v, 4, 5, 6, 7, 0, 1, 2, 3);
  v += __builtin_shufflevector (v, v, 2, 3, 0, 1, 6, 7, 4, 5);
  v += __builtin_shufflevector (v, v, 1, 0, 3, 2, 5, 4, 7, 6);
#else
  const lq_v8si half = { 4, 5, 6, 7, 0, 1, 2, 3 };
  const lq_v8si quarter = { 2, 3, 0, 1, 6, 7, 4, 5 };
  const lq_v8si pair = { 1, 0, 3, 2, 5, 4, 7, 6 };

  v += __builtin_shuffle (v, half);
  v += __builtin_shuffle (v, quarter);
  v += __builtin_shuffle (v, pair);
#endif
  return v[0];
}

/* The largest lane, by three swaps of halves. */
LQ_SIMD_INLINE float
lq_v8_max_across (lq_v8sf v)
{
  v = lq_v8_max (v, __builtin_shufflevector (v, v, 4, 5, 6, 7, 0, 1, 2, 3));
  v = lq_v8_max (v, __builtin_shufflevector (v, v, 2, 3, 0, 1, 6, 7, 4, 5));
  v = lq_v8_max (v, __builtin_shufflevector (v, v, 1, 0, 3, 2, 5, 4, 7, 6));
  return v[0];
}

/* 2^x for x in [-126, 126] (clamped), within 2e-7 relative: Cephes' exp2f polynomial on
 * the fraction about the nearest integer, and the integer put in the exponent bits. */
LQ_SIMD_INLINE lq_v8sf
lq_v8_exp2 (lq_v8sf x)
{
  const lq_v8sf lo = { -126, -126, -126, -126, -126, -126, -126, -126 };
  const lq_v8sf hi = { 126, 126, 126, 126, 126, 126, 126, 126 };
  lq_v8si n;
  lq_v8sf f, p;

  x = lq_v8_min (lq_v8_max (x, lo), hi);
  n = __builtin_convertvector (x + 0.5f, lq_v8si);          /* toward zero */
  n -= (lq_v8si) (__builtin_convertvector (n, lq_v8sf) > x + 0.5f) & 1;   /* floor */
  f = x - __builtin_convertvector (n, lq_v8sf);              /* in [-0.5, 0.5] */
  p = 1.535336188319500e-4f * f + 1.339887440266574e-3f;
  p = p * f + 9.618437357674640e-3f;
  p = p * f + 5.550332471162809e-2f;
  p = p * f + 2.402264791363012e-1f;
  p = p * f + 6.931472028550421e-1f;
  p = 1.0f + f * p;
  return (lq_v8sf) ((lq_v8si) p + ((n) << 23));
}

/* log2 (x) for x > 0, within 1e-7 + 2^-24 |log2 x| (the float rounding of the result; 4e-6 at
 * worst) over the normal floats, which tests/dsp/test-compressor.c checks against libm:
 * Cephes' logf polynomial on the mantissa scaled into [sqrt(1/2), sqrt(2)), plus the exponent.
 * Zero, subnormals and NaN read as the smallest normal float (-126), infinity as the largest
 * (128). */
LQ_SIMD_INLINE lq_v8sf
lq_v8_log2 (lq_v8sf x)
{
  const lq_v8sf lo = { 0x1p-126f, 0x1p-126f, 0x1p-126f, 0x1p-126f,
                       0x1p-126f, 0x1p-126f, 0x1p-126f, 0x1p-126f };
  const lq_v8sf hi = { 0x1.fffffep127f, 0x1.fffffep127f, 0x1.fffffep127f, 0x1.fffffep127f,
                       0x1.fffffep127f, 0x1.fffffep127f, 0x1.fffffep127f, 0x1.fffffep127f };
  lq_v8si bits, big;
  lq_v8sf m, f, z, y, e;

  x = lq_v8_min (lq_v8_max (x, lo), hi);
  bits = (lq_v8si) x;
  m = (lq_v8sf) ((bits & 0x007fffff) | 0x3f800000);                /* in [1, 2) */
  big = m > 1.41421356f;
  e = __builtin_convertvector (((bits >> 23) & 0xff) - 127 - big, lq_v8sf);
  m = lq_v8_select (big, 0.5f * m, m);
  f = m - 1.0f;
  z = f * f;
  y = 7.0376836292e-2f * f - 1.1514610310e-1f;
  y = y * f + 1.1676998740e-1f;
  y = y * f - 1.2420140846e-1f;
  y = y * f + 1.4249322787e-1f;
  y = y * f - 1.6668057665e-1f;
  y = y * f + 2.0000714765e-1f;
  y = y * f - 2.4999993993e-1f;
  y = y * f + 3.3333331174e-1f;
  y = y * f * z - 0.5f * z;                                           /* ln (1 + f) - f */
  return e + (f + y) * 1.44269504088896341f;
}

#ifdef __cplusplus
}
#endif
