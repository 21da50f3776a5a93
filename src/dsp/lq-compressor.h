/* lq-compressor.h
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

#ifdef __cplusplus
extern "C" {
#endif

/* Feed-forward compressor after Giannoulis, Massberg and Reiss, "Digital Dynamic Range
 * Compressor Design - A Tutorial and Analysis" (JAES 2012): the detector level (peak or RMS,
 * stereo-linked) goes through the static curve with a quadratic soft knee, and the resulting
 * gain reduction is smoothed in the dB domain by a smooth-branching attack/release detector
 * (their eq. 17, "log domain, after the gain computer"). One gain is applied to all channels.
 *
 * Time constants: on a step of the detector level, the gain reduction in dB moves along
 * 1 - exp (-t / tau): it covers 63 % of its change after attack_ms (rising) or release_ms
 * (falling). The RMS detector's mean square is a one-pole average over
 * LQ_COMPRESSOR_RMS_MS, which adds its own smoothing. */

#define LQ_COMPRESSOR_RMS_MS   10.0
#define LQ_COMPRESSOR_SMOOTH_MS 20.0   /* makeup, threshold and bypass ramps */

typedef enum
{
  LQ_COMPRESSOR_DETECTOR_RMS,
  LQ_COMPRESSOR_DETECTOR_PEAK,
} LqCompressorDetector;

typedef enum
{
  LQ_COMPRESSOR_LINK_MAX,       /* the louder channel drives */
  LQ_COMPRESSOR_LINK_MEAN,      /* the mean of the channels' levels (|x| or x^2) drives */
} LqCompressorLink;

/* Values are clamped to the ranges in lq-chain-params.c, the one table of the chain's
 * parameters. */
typedef struct
{
  double               threshold_db;      /* dBFS */
  double               ratio;             /* the maximum is as good as a limit */
  double               knee_db;           /* full width */
  double               attack_ms;
  double               release_ms;
  double               makeup_db;
  LqCompressorDetector detector;
  LqCompressorLink     link;
  double               sidechain_hpf_hz;  /* 0: off; else from 10 Hz, Butterworth 12 dB/oct */
  bool                 bypass;
} LqCompressorParams;

typedef struct
{
  double   sample_rate;
  uint32_t channels;      /* 1 .. LQ_MAX_CHANNELS */
  uint32_t max_frames;    /* 1 .. LQ_MAX_BLOCK */
} LqCompressorConfig;

typedef struct LqCompressor LqCompressor;

/* Threshold -18 dB, 1:1 (no compression), 6 dB knee, 10 ms attack, 100 ms release, no
 * makeup, RMS, linked on the louder channel, no sidechain filter, on. */
void          lq_compressor_params_init_default          (LqCompressorParams       *params);

/* The static curve: the gain (dB, <= 0) that the compressor settles to for a steady
 * detector level of level_db, makeup excluded. Pure; the GUI draws the transfer curve from it. */
double        lq_compressor_static_gain_db               (const LqCompressorParams *params,
                                                          double                    level_db);

LqCompressor *lq_compressor_new                          (const LqCompressorConfig *config,
                                                          LqStatus                 *status);
void          lq_compressor_free                         (LqCompressor             *self);
void          lq_compressor_reset                        (LqCompressor             *self);

/* Same thread as process, between calls; real-time safe. Makeup, threshold and bypass ramp
 * over LQ_COMPRESSOR_SMOOTH_MS; ratio and knee act through the attack/release smoothing.
 * Before the first process after new/reset, everything applies at once. */
void          lq_compressor_set_params                   (LqCompressor             *self,
                                                          const LqCompressorParams *params);
void          lq_compressor_get_params                   (const LqCompressor       *self,
                                                          LqCompressorParams       *params);

uint32_t      lq_compressor_get_latency                  (const LqCompressor       *self);

/* Largest gain reduction during the last process call, dB, >= 0 (makeup excluded). */
float         lq_compressor_get_gain_reduction_db        (const LqCompressor       *self);

/* Gain reduction at the end of the last process call, dB, >= 0: the meter's current value. */
float         lq_compressor_get_current_gain_reduction_db (const LqCompressor      *self);

/* Planar, in == out allowed; n_frames larger than max_frames is split. Real-time safe. */
void          lq_compressor_process                      (LqCompressor             *self,
                                                          const float *const       *in,
                                                          float *const             *out,
                                                          uint32_t                  n_frames);

#ifdef __cplusplus
}
#endif
