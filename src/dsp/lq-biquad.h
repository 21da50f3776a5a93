/* lq-biquad.h
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

#ifdef __cplusplus
extern "C" {
#endif

/* Normalised coefficients (a0 == 1): y = b0 x + b1 x1 + b2 x2 - a1 y1 - a2 y2.
 * Always designed and stored in double: a 20 Hz section at 192 kHz has poles so close to
 * z = 1 that float coefficients would move them audibly. */
typedef struct
{
  double b0, b1, b2;
  double a1, a2;
} LqBiquadCoeffs;

typedef enum
{
  LQ_BIQUAD_IDENTITY,
  LQ_BIQUAD_LOWPASS,
  LQ_BIQUAD_HIGHPASS,
  LQ_BIQUAD_LOWSHELF,
  LQ_BIQUAD_HIGHSHELF,
  LQ_BIQUAD_PEAKING,
} LqBiquadType;

/* One channel's section: direct form I with double state. DF-I keeps low-frequency sections
 * exact where a float state would add noise and limit cycles, tolerates coefficient changes
 * while running (its state is the signal itself), and its feedback path is one multiply-add
 * long, half the dependency chain of transposed DF-II. */
typedef struct
{
  LqBiquadCoeffs c;
  double         x1, x2, y1, y2;
} LqBiquad;

/* RBJ cookbook designs (bilinear transform, pre-warped at freq). q is the section Q for
 * low/high-pass and peaking, and the shelf slope S-equivalent Q for shelves. */
void   lq_biquad_coeffs_design           (LqBiquadCoeffs       *c,
                                          LqBiquadType          type,
                                          double                rate,
                                          double                freq,
                                          double                q,
                                          double                gain_db);

/* BS.1770-4 K-weighting, derived from the analogue prototype at any rate; at 48 kHz they
 * reproduce the coefficient table of BS.1770-4 Annex 1. */
void   lq_biquad_coeffs_kweight_shelf    (LqBiquadCoeffs       *c,
                                          double                rate);
void   lq_biquad_coeffs_kweight_highpass (LqBiquadCoeffs       *c,
                                          double                rate);

/* Complex response at freq: magnitude (linear) and phase (radians). Either out may be NULL. */
void   lq_biquad_coeffs_response         (const LqBiquadCoeffs *c,
                                          double                rate,
                                          double                freq,
                                          double               *magnitude,
                                          double               *phase);

void   lq_biquad_init                    (LqBiquad             *self,
                                          const LqBiquadCoeffs *c);
void   lq_biquad_set_coeffs              (LqBiquad             *self,
                                          const LqBiquadCoeffs *c);
void   lq_biquad_reset                   (LqBiquad             *self);

/* in == out is allowed. */
void   lq_biquad_process                 (LqBiquad             *self,
                                          const float          *in,
                                          float                *out,
                                          uint32_t              n_frames);

/* Two channels through their own chains of n_sections sections each, in place: left[k] and
 * right[k] are section k of each channel. Per section this is lq_biquad_process's difference
 * equation on the same state. The sections go in pairs: the second of a pair takes the first's
 * output in double, and the signal is rounded to float only between pairs (and the x86-64-v3
 * build contracts the equation to FMA), so the last bits may differ from separate
 * lq_biquad_process calls. From three sections on, on a CPU with x86-64-v3, all of them run in
 * one pass over the block (a skewed pipeline), with the same arithmetic as the pairs one after
 * the other, bit for bit. */
void   lq_biquad_process_chain_x2        (LqBiquad *const      *left,
                                          LqBiquad *const      *right,
                                          uint32_t              n_sections,
                                          float                *buf0,
                                          float                *buf1,
                                          uint32_t              n_frames);

/* Two sections in cascade over one buffer (one after the other). */
void   lq_biquad_process_cascade2        (LqBiquad             *first,
                                          LqBiquad             *second,
                                          const float          *in,
                                          float                *out,
                                          uint32_t              n_frames);

/* The same cascade, returning the sum of squares of its output instead of the output:
 * the loudness meter's K-weighting, with no float rounding before the square. */
double lq_biquad_process_cascade2_energy (LqBiquad             *first,
                                          LqBiquad             *second,
                                          const float          *in,
                                          uint32_t              stride,
                                          uint32_t              n_frames);

/* Two channels through their own cascades at once (the SIMD lanes are the channels):
 * energy[0] and energy[1] receive the sums of squares. Sample i of each input is at
 * in[i * stride], so interleaved frames need no copy. */
void   lq_biquad_process_cascade2_energy_x2 (LqBiquad          first[2],
                                             LqBiquad          second[2],
                                             const float      *in0,
                                             const float      *in1,
                                             uint32_t          stride,
                                             uint32_t          n_frames,
                                             double            energy[2]);

#ifdef __cplusplus
}
#endif
