/* lq-chain.h
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

#include "lq-compressor.h"
#include "lq-dsp-types.h"
#include "lq-eq.h"
#include "lq-limiter.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The mastering chain: input gain -> EQ -> compressor -> stereo width -> limiter -> output
 * gain. One implementation for playback and export. Dither is not part of it (export only:
 * lq-dither).
 *
 * Stereo width w scales the side signal: L' = a L + b R, R' = a R + b L with a = (1 + w) / 2,
 * b = (1 - w) / 2, so M = (L + R) / 2 stays and S = (L - R) / 2 becomes w S. 0 is mono
 * (L' == R' exactly), 1 leaves the samples untouched, 2 doubles the side. It sits before the
 * limiter, which then holds the ceiling whatever the width adds to the peaks; a change ramps
 * over LQ_CHAIN_GAIN_SMOOTH_MS. One channel has no width.
 *
 * Bypass: each stage's params carry its own bypass flag (eq.bypass, comp.bypass,
 * lim.bypass), and each stage switches without a click: the EQ crossfades per band, the
 * compressor and limiter ramp their gain to exactly unity. A bypassed limiter keeps its delay
 * line, so the chain's latency is the same whatever is bypassed: with every stage bypassed and
 * both gains at 0 dB the output is the input delayed by lq_chain_get_latency frames, bit for
 * bit. */

#define LQ_CHAIN_MAX_CHANNELS 2
#define LQ_CHAIN_GAIN_SMOOTH_MS 20.0

/* Every parameter's range, default and JSON name are in lq-chain-params.h. */
typedef struct
{
  double             input_gain_db;
  LqEqParams         eq;
  LqCompressorParams comp;
  LqLimiterParams    lim;
  double             output_gain_db;
  double             width;           /* stereo width, 0 .. 2, 1 unchanged */
} LqChainParams;

typedef struct
{
  double   sample_rate;
  uint32_t channels;          /* 1 or 2 */
  uint32_t max_frames;        /* 1 .. LQ_MAX_BLOCK */
  double   max_lookahead_ms;  /* the limiter's; 0 = LQ_LIMITER_LOOKAHEAD_MAX_MS */
} LqChainConfig;

typedef struct LqChain LqChain;

/* Unity gains, width 1, the EQ on and flat, the compressor on at 1:1, the limiter on at
 * -1 dBTP, 1.5 ms lookahead, 50 ms release: only the limiter can change a sample. */
void     lq_chain_params_init_default              (LqChainParams       *params);

LqChain *lq_chain_new                              (const LqChainConfig *config,
                                                    LqStatus            *status);
void     lq_chain_free                             (LqChain             *self);
void     lq_chain_reset                            (LqChain             *self);

/* Same thread as process, between calls (the engine routes whole LqChainParams through its
 * command ring); real-time safe. Every change is smoothed as its stage documents; before the
 * first process after new/reset, all apply at once (offline renders start exact). */
void     lq_chain_set_params                       (LqChain             *self,
                                                    const LqChainParams *params);
void     lq_chain_get_params                       (const LqChain       *self,
                                                    LqChainParams       *params);

/* True when a chain with params passes its input through bit for bit, only delayed by its
 * latency: every stage bypassed, both gains 0 dB and, with two channels, width 1. Offline
 * callers may then skip the chain. Stages that happen to be transparent while active (a flat
 * EQ, a 1:1 compressor) do not count: their smoothing could still move. */
bool     lq_chain_params_is_identity               (const LqChainParams *params,
                                                    uint32_t             channels);

/* Sum of the stages' latencies; constant for the chain's life. */
uint32_t lq_chain_get_latency                      (const LqChain       *self);

/* Peak gain reduction of each dynamics stage during the last process call, dB, >= 0. */
float    lq_chain_get_compressor_gain_reduction_db (const LqChain       *self);
float    lq_chain_get_limiter_gain_reduction_db    (const LqChain       *self);

/* Planar, in == out allowed, any n_frames (split into max_frames). Real-time safe. */
void     lq_chain_process                          (LqChain             *self,
                                                    const float *const  *in,
                                                    float *const        *out,
                                                    uint32_t             n_frames);

#ifdef __cplusplus
}
#endif
