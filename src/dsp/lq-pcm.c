/* lq-pcm.c
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

#include <math.h>
#include <string.h>

#include "lq-pcm.h"
#include "lq-simd.h"

typedef uint8_t lq_v32qu __attribute__ ((vector_size (32)));

/* 24-bit samples: each group of eight (24 bytes) is spread into the top three bytes of eight
 * 32-bit lanes by one byte shuffle, then converted and scaled by 2^-31. */
LQ_TARGET_CLONES static void
convert_pcm24 (const uint8_t *src,
               float         *dst,
               size_t         n)
{
  /* Byte k of each output lane; 32 picks a zero from the second operand. GCC and Clang spell
   * the shuffle differently (Clang wants the indices as constants in the call). */
#if !defined(__clang__)
  const lq_v32qu spread = { 32, 0, 1, 2, 32, 3, 4, 5, 32, 6, 7, 8, 32, 9, 10, 11,
                            32, 12, 13, 14, 32, 15, 16, 17, 32, 18, 19, 20, 32, 21, 22, 23 };
#endif
  const lq_v32qu zero = { 0 };
  const lq_v8sf scale = { 0x1p-31f, 0x1p-31f, 0x1p-31f, 0x1p-31f,
                          0x1p-31f, 0x1p-31f, 0x1p-31f, 0x1p-31f };
  size_t i = 0;

  /* Each step loads 32 bytes but uses 24: stop while a whole step's load stays inside. */
  for (; i + 11 <= n; i += 8)
    {
      lq_v32qu b;
      lq_v8si v;

      memcpy (&b, src + 3 * i, sizeof b);
#if defined(__clang__)
      b = __builtin_shufflevector (b, zero, 32, 0, 1, 2, 32, 3, 4, 5, 32, 6, 7, 8, 32, 9, 10, 11,
                                   32, 12, 13, 14, 32, 15, 16, 17, 32, 18, 19, 20, 32, 21, 22, 23);
#else
      b = __builtin_shuffle (b, zero, spread);
#endif
      memcpy (&v, &b, sizeof v);
      lq_v8_store (dst + i, __builtin_convertvector (v, lq_v8sf) * scale);
    }
  for (; i < n; i++)
    {
      const uint8_t *p = src + 3 * i;
      int32_t v = (int32_t) ((uint32_t) p[0] << 8 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 24);

      dst[i] = (float) v * 0x1p-31f;
    }
}

LQ_TARGET_CLONES static void
convert_pcm16 (const uint8_t *src,
               float         *dst,
               size_t         n)
{
  for (size_t i = 0; i < n; i++)
    {
      int16_t v;

      memcpy (&v, src + 2 * i, sizeof v);
      dst[i] = (float) v * 0x1p-15f;
    }
}

LQ_TARGET_CLONES static void
convert_pcm32 (const uint8_t *src,
               float         *dst,
               size_t         n)
{
  for (size_t i = 0; i < n; i++)
    {
      int32_t v;

      memcpy (&v, src + 4 * i, sizeof v);
      dst[i] = (float) v * 0x1p-31f;
    }
}

void
lq_pcm_to_float (const uint8_t *src,
                 uint32_t       width,
                 float         *dst,
                 size_t         n)
{
  switch (width)
    {
    case 2:
      convert_pcm16 (src, dst, n);
      break;
    case 3:
      convert_pcm24 (src, dst, n);
      break;
    case 4:
      convert_pcm32 (src, dst, n);
      break;
    default:
      break;
    }
}

/* The 32-bit integer of lq_pcm_from_float: x * 2^31 is exact, lrintf rounds it as
 * libsndfile's conversion does. */
static inline int32_t
to_s32 (float x)
{
  float s = x * 0x1p31f;

  if (s != s)
    return 0;
  if (s >= 0x1p31f)
    return INT32_MAX;
  if (s <= -0x1p31f)
    return INT32_MIN;
  return (int32_t) lrintf (s);
}

/* Eight at a time: below 2^23 in magnitude the scaled sample is rounded by adding and taking
 * away 2^23 of its sign (ties to even, as lrintf); from there on it is an integer already. The
 * clip at the top stops at the largest float under 2^31, whose top three (or two) bytes are
 * those of INT32_MAX. */
LQ_SIMD_INLINE lq_v8si
to_s32_v8 (lq_v8sf x)
{
  const lq_v8sf zero = { 0 };
  const lq_v8sf top = zero + 0x1.fffffep30f, bottom = zero - 0x1p31f;
  const lq_v8sf two23 = zero + 0x1p23f;
  lq_v8sf s = x * (zero + 0x1p31f);
  lq_v8sf c = (lq_v8sf) (((lq_v8si) s & (int32_t) 0x80000000) | (lq_v8si) two23);
  lq_v8sf r = lq_v8_select (lq_v8_abs (s) < two23, (s + c) - c, s);

  r = lq_v8_select (r > top, top, r);
  r = lq_v8_select (r < bottom, bottom, r);
  r = lq_v8_select (s == s, r, zero);
  return __builtin_convertvector (r, lq_v8si);
}

LQ_TARGET_CLONES static void
pack_s24le (const float *src,
            uint8_t     *dst,
            size_t       n)
{
  /* Bytes 1 .. 3 of each lane, packed; the last eight of the 32 bytes are not stored. */
#if !defined(__clang__)
  const lq_v32qu gather = { 1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15, 17, 18, 19, 21,
                            22, 23, 25, 26, 27, 29, 30, 31, 0, 0, 0, 0, 0, 0, 0, 0 };
#endif
  size_t i = 0;

  for (; i + 8 <= n; i += 8)
    {
      lq_v8si v = to_s32_v8 (lq_v8_load (src + i));
      lq_v32qu b;

      memcpy (&b, &v, sizeof b);
#if defined(__clang__)
      b = __builtin_shufflevector (b, b, 1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15, 17, 18, 19, 21,
                                   22, 23, 25, 26, 27, 29, 30, 31, 0, 0, 0, 0, 0, 0, 0, 0);
#else
      b = __builtin_shuffle (b, gather);
#endif
      memcpy (dst + 3 * i, &b, 24);
    }
  for (; i < n; i++)
    {
      uint32_t v = (uint32_t) to_s32 (src[i]);

      dst[3 * i] = (uint8_t) (v >> 8);
      dst[3 * i + 1] = (uint8_t) (v >> 16);
      dst[3 * i + 2] = (uint8_t) (v >> 24);
    }
}

LQ_TARGET_CLONES static void
pack_s16le (const float *src,
            uint8_t     *dst,
            size_t       n)
{
  typedef int16_t lq_v8hi __attribute__ ((vector_size (16)));
  size_t i = 0;

  for (; i + 8 <= n; i += 8)
    {
      lq_v8hi h = __builtin_convertvector (to_s32_v8 (lq_v8_load (src + i)) >> 16, lq_v8hi);

      memcpy (dst + 2 * i, &h, sizeof h);
    }
  for (; i < n; i++)
    {
      uint32_t v = (uint32_t) to_s32 (src[i]);

      dst[2 * i] = (uint8_t) (v >> 16);
      dst[2 * i + 1] = (uint8_t) (v >> 24);
    }
}

void
lq_pcm_from_float (const float *src,
                   uint32_t     width,
                   bool         big_endian,
                   uint8_t     *dst,
                   size_t       n)
{
  if (!big_endian && width == 3)
    {
      pack_s24le (src, dst, n);
      return;
    }
  if (!big_endian && width == 2)
    {
      pack_s16le (src, dst, n);
      return;
    }
  for (size_t i = 0; i < n; i++)
    {
      uint32_t v = (uint32_t) to_s32 (src[i]);

      for (uint32_t k = 0; k < width; k++)
        dst[width * i + k] = (uint8_t) (v >> (big_endian ? 24 - 8 * k : 32 - 8 * width + 8 * k));
    }
}

LQ_TARGET_CLONES size_t
lq_pcm_count_over (const float *x,
                   size_t       n)
{
  lq_v8si over = { 0 };
  size_t count = 0, i = 0;

  for (; i + 8 <= n; i += 8)
    over -= lq_v8_abs (lq_v8_load (x + i)) > 1.0f;
  for (; i < n; i++)
    count += fabsf (x[i]) > 1.0f;
  for (int k = 0; k < 8; k++)
    count += (size_t) over[k];
  return count;
}

/* Stereo, the common case, has its own loop, which the compiler turns into shuffles (64-bit
 * indices, or it cannot). */
LQ_TARGET_CLONES void
lq_pcm_deinterleave (const float *restrict x,
                     uint32_t              stride,
                     float       *restrict d,
                     size_t                n)
{
  if (stride == 2)
    for (size_t i = 0; i < n; i++)
      d[i] = x[2 * i];
  else
    for (size_t i = 0; i < n; i++)
      d[i] = x[i * stride];
}
