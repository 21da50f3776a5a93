/* lq-limiter.h
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

#include <stdbool.h>
#include <stdint.h>

#include "lq-dsp-types.h"
#include "lq-truepeak.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Look-ahead true-peak limiter. Detection runs on lq-truepeak's envelope (the same
 * interpolator as the meters), the gain reaches its target before the peak arrives along a
 * smooth S-shaped ramp, and releases exponentially; see lq-limiter.c for the design and why the
 * output stays under the ceiling by a BS.1770-4 true-peak meter.
 *
 * Latency is fixed when the limiter is created, from config.max_lookahead_ms: the lookahead
 * parameter can change while running (0.5 ms .. max_lookahead_ms) without changing it. */

#define LQ_LIMITER_LOOKAHEAD_MIN_MS     0.5
#define LQ_LIMITER_LOOKAHEAD_MAX_MS     10.0
#define LQ_LIMITER_LOOKAHEAD_DEFAULT_MS 1.5

/* The gain computer aims this far under the ceiling; see lq-limiter.c. */
#define LQ_LIMITER_MARGIN_DB 0.03

/* Ramps of the ceiling and of the bypass crossfade. */
#define LQ_LIMITER_SMOOTH_MS 20.0

typedef struct
{
  double ceiling_db;     /* dBTP; the range of each is in lq-chain-params.c */
  double lookahead_ms;   /* LQ_LIMITER_LOOKAHEAD_MIN_MS .. config.max_lookahead_ms */
  double release_ms;     /* time constant of the exponential release */
  bool   bypass;         /* unity gain; the delay stays, so the latency does not change */
} LqLimiterParams;

typedef struct
{
  double   sample_rate;
  uint32_t channels;          /* 1 .. LQ_MAX_CHANNELS, all limited by one linked gain */
  uint32_t max_frames;        /* 1 .. LQ_MAX_BLOCK */
  double   max_lookahead_ms;  /* 0 means LQ_LIMITER_LOOKAHEAD_MAX_MS; fixes the latency */
} LqLimiterConfig;

typedef struct LqLimiter LqLimiter;

/* -1 dBTP, 1.5 ms lookahead, 50 ms release, active. */
void       lq_limiter_params_init_default (LqLimiterParams       *params);

LqLimiter *lq_limiter_new                 (const LqLimiterConfig *config,
                                           LqStatus              *status);
void       lq_limiter_free                (LqLimiter             *self);

/* Clears the delay line and gain state (the next output is silence for latency frames). */
void       lq_limiter_reset               (LqLimiter             *self);

/* Same thread as process, between calls; real-time safe. The ceiling ramps over
 * LQ_LIMITER_SMOOTH_MS, bypass crossfades over it; release applies at once; a lookahead
 * change re-primes the gain computer (never letting a pending peak through, at worst by
 * reducing the gain early). Before the first process after new/reset, all apply at once. */
void       lq_limiter_set_params          (LqLimiter             *self,
                                           const LqLimiterParams *params);
void       lq_limiter_get_params          (const LqLimiter       *self,
                                           LqLimiterParams       *params);

/* Frames by which the output lags the input: the maximum lookahead plus the true-peak
 * interpolator's delay. Constant for the limiter's life. */
uint32_t   lq_limiter_get_latency         (const LqLimiter       *self);

/* Largest gain reduction during the last process call, dB, >= 0. */
float      lq_limiter_get_gain_reduction_db (const LqLimiter     *self);

/* Gain reduction at the end of the last process call, dB, >= 0. */
float      lq_limiter_get_current_gain_reduction_db (const LqLimiter *self);

/* Samples the final safety stage had to clamp since new/reset. It exists for the
 * pathological (non-finite input, a bug); on programme material it stays 0. */
uint64_t   lq_limiter_get_clip_count      (const LqLimiter       *self);

/* Planar, in == out allowed; n_frames larger than max_frames is split. Real-time safe.
 * At unity gain (the signal never near the ceiling) the output is exactly the input delayed
 * by the latency. */
void       lq_limiter_process             (LqLimiter             *self,
                                           const float *const    *in,
                                           float *const          *out,
                                           uint32_t               n_frames);

/* The same, with the detection envelope supplied (what lq_truepeak_process_envelope of this
 * limiter's detector, lq_limiter_new_detector (), would give for in). The detector is linear,
 * so an offline gain search can measure it once and scale it per trial gain instead of
 * re-running the oversampling filter for every trial. */
void       lq_limiter_process_detected    (LqLimiter             *self,
                                           const float *const    *in,
                                           const float           *envelope,
                                           float *const          *out,
                                           uint32_t               n_frames);

/* The same for gain * in, with envelope measured for in: each input and envelope sample is
 * multiplied by gain in double and rounded to float, as a gain search's trial scales them. */
void       lq_limiter_process_detected_scaled (LqLimiter         *self,
                                           const float *const    *in,
                                           const float           *envelope,
                                           double                 gain,
                                           float *const          *out,
                                           uint32_t               n_frames);

/* A detector configured as the limiter's own (filter length, oversampling). */
LqTruePeak *lq_limiter_new_detector       (const LqLimiterConfig *config,
                                           LqStatus              *status);

#ifdef __cplusplus
}
#endif
