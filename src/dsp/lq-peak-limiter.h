/* lq-peak-limiter.h
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

/* A stereo-linked sample-peak limiter with a fixed look-ahead equal to its attack, as a
 * playback service runs one (Spotify Loud: -1 dBFS, 5 ms attack, 100 ms release). Not the
 * mastering chain's limiter (lq-limiter.c), which limits true peaks: this one models a
 * listener's player, so it looks at sample values only.
 *
 * The gain is the running minimum of the needed gain over the attack window, averaged over
 * the same window (so it ramps down in one attack time and is already at the needed gain when
 * the peak leaves the delay line), then released exponentially. No output sample exceeds the
 * ceiling; below it the output is the input delayed by the latency, bit for bit.
 *
 * A plain struct, embedded in its owner: no allocation at all. init and reset clear it (and
 * are real-time safe); process is real-time safe. */

#define LQ_PEAK_LIMITER_MAX_LOOKAHEAD 2048   /* 5 ms up to 384 kHz */

typedef struct
{
  float    ceiling;                          /* linear */
  float    release_coef;
  uint32_t lookahead;                        /* window frames; latency is lookahead - 1 */
  uint32_t pos;                              /* index into delay[] and box[] */
  uint64_t frame;                            /* frames processed, for the minimum's window */
  float    delay[2][LQ_PEAK_LIMITER_MAX_LOOKAHEAD];
  float    box[LQ_PEAK_LIMITER_MAX_LOOKAHEAD];
  double   box_sum;
  /* Running minimum of the needed gain: a monotonic queue (ring of candidates). */
  float    min_val[LQ_PEAK_LIMITER_MAX_LOOKAHEAD];
  uint64_t min_frame[LQ_PEAK_LIMITER_MAX_LOOKAHEAD];
  uint32_t min_head;
  uint32_t min_len;
  float    env;                              /* the gain applied */
  float    min_env;                          /* lowest gain since the last take */
} LqPeakLimiter;

void     lq_peak_limiter_init       (LqPeakLimiter      *self,
                                     double              rate,
                                     double              ceiling_dbfs,
                                     double              attack_ms,
                                     double              release_ms);
void     lq_peak_limiter_reset      (LqPeakLimiter      *self);
uint32_t lq_peak_limiter_get_latency (const LqPeakLimiter *self);
/* Planar stereo, in == out allowed. */
void     lq_peak_limiter_process    (LqPeakLimiter      *self,
                                     const float *const *in,
                                     float *const       *out,
                                     uint32_t            n_frames);
/* The largest gain reduction (dB, >= 0) since the last call. */
float    lq_peak_limiter_take_gain_reduction_db (LqPeakLimiter *self);

#ifdef __cplusplus
}
#endif
