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
#else
#define LQ_TARGET_CLONES
#endif

#define LQ_SIMD_INLINE static inline __attribute__ ((always_inline))

typedef float   lq_v8sf __attribute__ ((vector_size (32)));
typedef int32_t lq_v8si __attribute__ ((vector_size (32)));

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

#ifdef __cplusplus
}
#endif
