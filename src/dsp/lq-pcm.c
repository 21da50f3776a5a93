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
