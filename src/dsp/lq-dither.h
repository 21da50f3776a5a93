/* lq-dither.h
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

#include "lq-dsp-types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Word-length reduction for export. Output stays float, on the target grid: k / 2^(bits-1)
 * with k an integer in [-2^(bits-1), 2^(bits-1) - 1], so converting it to the integer format
 * (multiplying by 2^(bits-1)) is exact. TPDF dither is the sum of two independent uniform
 * values of one LSB each (triangular over +-1 LSB, variance 1/6 LSB^2), added before
 * rounding to nearest: the error is then independent of the signal, with variance
 * 1/6 + 1/12 = 1/4 LSB^2, and never more than 1.5 LSB (plus clamping at full scale).
 * The noise generator is a seeded xorshift64*: same seed, same output. 32 bits means float
 * output: samples pass through untouched. */

typedef enum
{
  LQ_DITHER_NONE,   /* plain rounding to nearest */
  LQ_DITHER_TPDF,
} LqDitherType;

typedef struct
{
  uint32_t     channels;   /* 1 .. LQ_MAX_CHANNELS */
  uint32_t     bits;       /* 16, 24, or 32 (float, no quantisation) */
  LqDitherType type;
  uint64_t     seed;       /* 0 picks a fixed default */
} LqDitherConfig;

typedef struct LqDither LqDither;

LqDither *lq_dither_new      (const LqDitherConfig *config,
                              LqStatus             *status);
void      lq_dither_free     (LqDither             *self);

/* Restarts the noise sequence from the seed. */
void      lq_dither_reset    (LqDither             *self);

uint32_t  lq_dither_get_bits (const LqDither       *self);

/* Planar, in == out allowed, any n_frames. Real-time safe. */
void      lq_dither_process  (LqDither             *self,
                              const float *const   *in,
                              float *const         *out,
                              uint32_t              n_frames);

#ifdef __cplusplus
}
#endif
