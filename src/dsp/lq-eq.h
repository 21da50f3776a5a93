/* lq-eq.h
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
#include <stddef.h>
#include <stdint.h>

#include "lq-dsp-types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Parametric EQ: up to LQ_EQ_MAX_BANDS bands in cascade, each built on lq-biquad. */
#define LQ_EQ_MAX_BANDS 8

/* Length of the crossfade that applies a parameter change while running. */
#define LQ_EQ_FADE_MS 10.0

typedef enum
{
  LQ_EQ_BAND_PEAKING,
  LQ_EQ_BAND_LOW_SHELF,
  LQ_EQ_BAND_HIGH_SHELF,
  LQ_EQ_BAND_HIGH_PASS,
  LQ_EQ_BAND_LOW_PASS,
} LqEqBandType;

/* Which part of a stereo signal a band filters. Mid and side bands work on M = (L + R) / 2
 * and S = (L - R) / 2, filtering only their own component, and decode back to L = M + S,
 * R = M - S. With one channel every band is a stereo band. */
typedef enum
{
  LQ_EQ_CHANNELS_STEREO,
  LQ_EQ_CHANNELS_MID,
  LQ_EQ_CHANNELS_SIDE,
} LqEqChannels;

/* One band. freq in Hz (clamped to 10 Hz .. 0.49 rate), gain_db for peaking and shelves,
 * q: the peak's Q, the shelves' Q (0.7071 is the RBJ slope S = 1) and, at 12 dB/oct, the
 * high/low-pass resonance (0.7071 = Butterworth). gain_db and q are clamped to the ranges in
 * lq-chain-params.c, the one table of the chain's parameters.
 * slope_db is 12 or 24 for high/low-pass (anything else reads as 12); 24 dB/oct is a
 * fourth-order Butterworth (sections Q 0.5412 and 1.3066, -3.01 dB at freq) and ignores q.
 * channels picks stereo, mid or side (last, so a band written without it is a stereo band). */
typedef struct
{
  LqEqBandType type;
  double       freq;
  double       gain_db;
  double       q;
  uint32_t     slope_db;
  bool         bypass;
  LqEqChannels channels;
} LqEqBand;

/* The whole EQ as one value: bands [0, n_bands) are used, bypass bypasses all of them. */
typedef struct
{
  LqEqBand bands[LQ_EQ_MAX_BANDS];
  uint32_t n_bands;
  bool     bypass;
} LqEqParams;

typedef struct
{
  double   sample_rate;
  uint32_t channels;      /* 1 .. LQ_MAX_CHANNELS */
  uint32_t max_frames;    /* largest n_frames per process call, 1 .. LQ_MAX_BLOCK */
} LqEqConfig;

typedef struct LqEq LqEq;

/* A mastering starting point: high-pass 20 Hz (24 dB/oct, bypassed), low shelf 100 Hz,
 * peaks at 250 Hz, 1 kHz and 4 kHz, high shelf 10 kHz (all 0 dB), low-pass 20 kHz
 * (bypassed); the EQ itself on. Flat, and exact: the bands at 0 dB run no filter. */
void     lq_eq_params_init_default (LqEqParams       *params);

/* Combined magnitude response, in dB, of params at each of freqs[0 .. n): what the EQ does
 * once any crossfade has finished. A pure function (no LqEq needed): the GUI draws its curve
 * from it. Bypassed bands, and everything when params->bypass, contribute 0 dB; mid and side
 * bands count as if stereo (the curve is what each band does to its own component). */
void     lq_eq_get_response        (const LqEqParams *params,
                                    double            rate,
                                    const double     *freqs,
                                    double           *mag_db,
                                    size_t            n);

/* Not real-time safe. The EQ starts flat (no bands). */
LqEq    *lq_eq_new                 (const LqEqConfig *config,
                                    LqStatus         *status);
void     lq_eq_free                (LqEq             *self);

/* Clears the filters' state and finishes any crossfade at once. Real-time safe. */
void     lq_eq_reset               (LqEq             *self);

/* Threading: call from the thread that calls lq_eq_process, between process calls (the
 * player routes whole LqEqParams values to the audio thread through its command ring).
 * Real-time safe: designs the new coefficients (no allocation) and starts a
 * LQ_EQ_FADE_MS crossfade for each band whose design changed; a change that arrives while a
 * band is still fading is applied when that fade ends (the latest value wins). Before the first
 * process call after new/reset, it applies at once. */
void     lq_eq_set_params          (LqEq             *self,
                                    const LqEqParams *params);
void     lq_eq_get_params          (const LqEq       *self,
                                    LqEqParams       *params);

uint32_t lq_eq_get_latency         (const LqEq       *self);

/* Planar, in == out allowed; n_frames larger than max_frames is split. Real-time safe. */
void     lq_eq_process             (LqEq             *self,
                                    const float *const *in,
                                    float *const     *out,
                                    uint32_t          n_frames);

#ifdef __cplusplus
}
#endif
