/* lq-peaks.h
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

/* Waveform peak pyramid: per channel, min/max pairs over buckets of LQ_PEAKS_BASE_FRAMES
 * frames at level 0, each higher level merging LQ_PEAKS_FANOUT buckets of the level below,
 * so a view of any width reads a level with at most a few buckets per pixel and drawing a
 * one-hour file costs the same as drawing a three-minute one. */
#define LQ_PEAKS_BASE_FRAMES 256
#define LQ_PEAKS_FANOUT      4

typedef struct LqPeaks LqPeaks;

typedef struct
{
  float min;
  float max;
} LqPeakPair;

LqPeaks          *lq_peaks_new             (uint32_t            channels,
                                            LqStatus           *status);
void              lq_peaks_free            (LqPeaks            *self);

/* Appends planar frames. Not real-time safe: level 0 grows as needed. */
LqStatus          lq_peaks_process         (LqPeaks            *self,
                                            const float *const *in,
                                            uint32_t            n_frames);

/* The same for interleaved frames. */
LqStatus          lq_peaks_process_interleaved (LqPeaks        *self,
                                                const float    *in,
                                                uint32_t        n_frames);

/* Closes the last partial bucket and builds every level above 0. */
LqStatus          lq_peaks_finish          (LqPeaks            *self);

uint32_t          lq_peaks_get_channels    (const LqPeaks      *self);
uint32_t          lq_peaks_get_n_levels    (const LqPeaks      *self);
uint64_t          lq_peaks_get_frames      (const LqPeaks      *self);

/* Frames per bucket at level (LQ_PEAKS_BASE_FRAMES * FANOUT^level). */
uint64_t          lq_peaks_get_bucket_frames (const LqPeaks    *self,
                                              uint32_t          level);

/* Buckets of one channel at one level; n_buckets receives their count. */
const LqPeakPair *lq_peaks_get_level       (const LqPeaks      *self,
                                            uint32_t            level,
                                            uint32_t            channel,
                                            uint64_t           *n_buckets);

/* The coarsest level whose buckets are no wider than one view column of
 * frames_per_column frames. */
uint32_t          lq_peaks_choose_level    (const LqPeaks      *self,
                                            double              frames_per_column);

#ifdef __cplusplus
}
#endif
