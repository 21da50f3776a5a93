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
 * output: samples pass through untouched.
 *
 * Noise-shaped dither (LQ_DITHER_SHAPED) is the same TPDF quantiser inside an error-feedback
 * loop: each channel subtracts sum c[k] e[n-k] of its own past total errors e (output minus
 * what was quantised, dither included) before quantising, so the output is the input plus
 * F(z) e with F(z) = 1 - sum c[k] z^-(k+1). e is white with variance 1/4 LSB^2 (TPDF makes it
 * so), hence the error's power spectrum is 1/4 LSB^2 |F|^2: the documented curve.
 *  - Below 50 kHz, F is Wannamaker's nine-tap F-weighted filter ("Psychoacoustically optimal
 *    noise shaping", JAES 1992; sox and ffmpeg's "f_weighted"), fitted to the ear's threshold
 *    at 44.1 kHz: about -12 dB from DC to 1 kHz, -18 to -25 dB at 2 .. 5 kHz where the ear
 *    is most sensitive, near 0 dB at 8 .. 12 kHz, and rising to +27 dB at the top of the band,
 *    where it is least. The total noise power is larger than TPDF's, the audible part smaller.
 *  - From 50 kHz, where that shape would sit in the wrong place, the plain second-order
 *    F = (1 - z^-1)^2: 0 at DC, +12 dB at Nyquist, far above hearing. */

typedef enum
{
  LQ_DITHER_NONE,     /* plain rounding to nearest */
  LQ_DITHER_TPDF,
  LQ_DITHER_SHAPED,   /* TPDF with error-feedback noise shaping, see above */
} LqDitherType;

/* The shaping filter's feedback coefficients c[0 ..] at a sample rate (see above); returns
 * how many (at most LQ_DITHER_MAX_TAPS). */
#define LQ_DITHER_MAX_TAPS 9
uint32_t  lq_dither_get_shaping (double         sample_rate,
                                 const double **coeffs);

typedef struct
{
  uint32_t     channels;      /* 1 .. LQ_MAX_CHANNELS */
  uint32_t     bits;          /* 16, 24, or 32 (float, no quantisation) */
  LqDitherType type;
  uint64_t     seed;          /* 0 picks a fixed default */
  double       sample_rate;   /* picks the shaping filter; 0 reads as 44.1 kHz */
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
