/* lq-loudness.h
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

/* BS.1770-4 / EBU R128 loudness meter, incremental and allocation-free after creation, so the
 * same code measures whole files offline and the playback signal live.
 *
 * The signal is K-weighted per channel and its weighted energy summed into 10 ms steps
 * (round (rate / 100) frames). Momentary (40 steps), short-term (300 steps), the gating blocks
 * (40 steps every 10) and the loudness-range windows (300 steps every 10, Tech 3342 V4's
 * 10 Hz minimum) are all sums of steps, so maxima are taken on a 10 ms grid. Gating uses
 * 0.01 LU histograms that keep exact energy sums per bin. */

#define LQ_LOUDNESS_STEPS_PER_SECOND 100

/* BS.1770-4 Table 3 channel weights. */
#define LQ_WEIGHT_FRONT    1.0f
#define LQ_WEIGHT_SURROUND 1.41f
#define LQ_WEIGHT_LFE      0.0f

/* Called after every 10 ms step with the momentary and short-term loudness ending there
 * (windows not yet full are zero-padded; silence is -HUGE_VAL). Must be real-time safe when
 * the meter runs live. */
typedef void (*LqLoudnessStepFunc) (void    *user_data,
                                    uint64_t step,
                                    double   momentary_lufs,
                                    double   short_term_lufs);

typedef struct
{
  double             sample_rate;
  uint32_t           channels;
  /* Per-channel weights; NULL takes lq_loudness_default_weights (). 0 excludes a channel. */
  const float       *weights;
  LqLoudnessStepFunc step_func;
  void              *user_data;
} LqLoudnessConfig;

typedef struct LqLoudness LqLoudness;

/* Weights for the usual WAVE channel order of a given count (1..8): L R C LFE Ls Rs … */
void        lq_loudness_default_weights     (uint32_t                 channels,
                                             float                   *weights);

LqLoudness *lq_loudness_new                 (const LqLoudnessConfig  *config,
                                             LqStatus                *status);
void        lq_loudness_free                (LqLoudness              *self);
void        lq_loudness_reset               (LqLoudness              *self);

/* Planar input, any n_frames. Real-time safe. */
void        lq_loudness_process             (LqLoudness              *self,
                                             const float *const      *in,
                                             uint32_t                 n_frames);

/* The same for interleaved frames (what decoders and audio devices deliver). */
void        lq_loudness_process_interleaved (LqLoudness              *self,
                                             const float             *in,
                                             uint32_t                 n_frames);

uint32_t    lq_loudness_get_step_frames     (const LqLoudness        *self);
uint64_t    lq_loudness_get_frames          (const LqLoudness        *self);

/* Readings in LUFS/LU. -HUGE_VAL means silence or not enough signal yet. */
double      lq_loudness_get_momentary       (const LqLoudness        *self);
double      lq_loudness_get_short_term      (const LqLoudness        *self);
double      lq_loudness_get_max_momentary   (const LqLoudness        *self);
double      lq_loudness_get_max_short_term  (const LqLoudness        *self);
double      lq_loudness_get_integrated      (const LqLoudness        *self);

/* Loudness range (EBU Tech 3342) in LU; 0 when fewer than two windows pass the gates. */
double      lq_loudness_get_range           (const LqLoudness        *self);

#ifdef __cplusplus
}
#endif
