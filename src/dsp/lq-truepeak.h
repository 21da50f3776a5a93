/* lq-truepeak.h
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

/* The one true-peak detector (BS.1770-4 Annex 2): polyphase windowed-sinc interpolation.
 * Shared by the meters and the limiter, so that they agree by construction.
 *
 * Oversampling: 4x at every rate, with a Hann-windowed sinc cut off at the input Nyquist
 * frequency (phase 0 is the sample itself). Meters use LQ_TRUEPEAK_TAPS taps per phase below
 * 88.2 kHz and twice that above: the design libebur128 and ffmpeg's meter use, so readings
 * agree with them. The limiter detects with the same code and LQ_TRUEPEAK_TAPS_LIMITER taps,
 * keeping the larger of that reading and the meters' filter over the same window: behind a
 * limiter thousands of peaks sit at the ceiling, where a long reconstruction filter (ffmpeg
 * resamples to 192 kHz) finds top-octave overshoots a 12-tap filter misses, while the short
 * filter's weak image rejection over-reads near-Nyquist content that the long one does not.
 * The limiter must stay under both kinds of meter. */
#define LQ_TRUEPEAK_FACTOR 4
#define LQ_TRUEPEAK_TAPS 12
#define LQ_TRUEPEAK_TAPS_LIMITER 32

typedef struct LqTruePeak LqTruePeak;

LqTruePeak *lq_truepeak_new              (uint32_t           channels,
                                          double             rate,
                                          uint32_t           max_frames,
                                          LqStatus          *status);
/* taps per phase: 12, 24 or 32; 0 picks the meters' length for the rate. */
LqTruePeak *lq_truepeak_new_with_taps    (uint32_t           channels,
                                          double             rate,
                                          uint32_t           max_frames,
                                          uint32_t           taps,
                                          LqStatus          *status);
void        lq_truepeak_free             (LqTruePeak        *self);
void        lq_truepeak_reset            (LqTruePeak        *self);
uint32_t    lq_truepeak_get_factor       (const LqTruePeak  *self);

/* Input samples between a sample entering and its interval being measured. */
uint32_t    lq_truepeak_get_latency      (const LqTruePeak  *self);

/* Adds this block to the running maximum per channel (linear, absolute value). */
void        lq_truepeak_process          (LqTruePeak        *self,
                                          const float *const *in,
                                          uint32_t           n_frames);

/* The same for interleaved frames, deinterleaving into the detector's own history. */
void        lq_truepeak_process_interleaved (LqTruePeak     *self,
                                          const float       *in,
                                          uint32_t           n_frames);

/* Measures the intervals still inside the interpolation window (the last latency samples)
 * as if the signal ended in silence: call once at the end of a file. */
void        lq_truepeak_flush            (LqTruePeak        *self);

/* Per-sample envelope for the limiter: env[i] is the largest absolute value, over every
 * channel, of the sample and the interpolated points that follow it, for input sample
 * (i - latency). Does not touch the running maximum. */
void        lq_truepeak_process_envelope (LqTruePeak        *self,
                                          const float *const *in,
                                          float             *env,
                                          uint32_t           n_frames);

/* Running maximum since the last reset/take, linear. */
float       lq_truepeak_get_max          (const LqTruePeak  *self,
                                          uint32_t           channel);

/* Returns the running maximum of channel and clears it (live meters read per frame). */
float       lq_truepeak_take_max         (LqTruePeak        *self,
                                          uint32_t           channel);

/* The sample peak (phase 0 alone) seen by process/process_interleaved, linear. */
float       lq_truepeak_get_sample_max   (const LqTruePeak  *self,
                                          uint32_t           channel);
float       lq_truepeak_take_sample_max  (LqTruePeak        *self,
                                          uint32_t           channel);

#ifdef __cplusplus
}
#endif
