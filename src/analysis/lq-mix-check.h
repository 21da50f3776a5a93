/* lq-mix-check.h
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

/* The mix-readiness readings that need the samples themselves: clipped runs, DC offset,
 * stretches of negative correlation, low-end mono loss, energy above the audible top,
 * leading and trailing silence and the level at the very end. Fed from the one analysis
 * pass (lq-file-analysis), block by block; nothing is allocated after creation. The
 * thresholds that define each reading come from the caller (the engine's check settings),
 * none are built in here. */

/* Events (clipped runs, correlation stretches) kept with their times; more are counted. */
#define LQ_MIX_CHECK_MAX_EVENTS 64

/* Correlation is measured over windows of this length; a stretch is a run of them. */
#define LQ_MIX_CHECK_CORRELATION_WINDOW_S 0.1

/* The end level is the peak of this last stretch of the file. */
#define LQ_MIX_CHECK_END_WINDOW_S 0.01

/* How many more definitions of a negative-correlation stretch one pass can measure. */
#define LQ_MIX_CHECK_MAX_MORE_CORRELATION 3

typedef struct
{
  double below;                  /* a window whose correlation is below this is "negative" */
  double min_s;                  /* stretches longer than this count */
} LqCorrelationRule;

typedef struct
{
  double   sample_rate;
  uint32_t channels;
  double   clip_level_dbfs;      /* a sample at or above this magnitude is at full scale */
  uint32_t clip_min_samples;     /* consecutive full-scale samples that make a clipped run */
  double   correlation_below;    /* a window whose correlation is below this is "negative" */
  double   correlation_min_s;    /* stretches longer than this are kept */
  double   low_cutoff_hz;        /* mid and side are compared below this */
  double   high_cutoff_hz;       /* energy above this is measured */
  double   silence_dbfs;         /* frames whose every sample is at or below this are silent */
  /* Other definitions of the correlation rule, measured in the same pass: a check judged
   * by another profile reads its own stretches instead of the ones above. */
  uint32_t          n_more_correlation;
  LqCorrelationRule more_correlation[LQ_MIX_CHECK_MAX_MORE_CORRELATION];
} LqMixCheckConfig;

typedef struct
{
  uint64_t start;                /* frame */
  uint32_t frames;
  uint32_t channel;
} LqClipRun;

typedef struct
{
  uint64_t start;                /* frame */
  uint64_t frames;
  double   correlation;          /* over the whole stretch */
} LqCorrelationStretch;

/* The stretches of one correlation rule. */
typedef struct
{
  LqCorrelationRule    rule;
  uint64_t             n_stretches;
  uint32_t             n_stretches_kept;
  LqCorrelationStretch stretches[LQ_MIX_CHECK_MAX_EVENTS];
} LqCorrelationReading;

/* NAN: the reading does not apply (mono file, cutoff above Nyquist); -HUGE_VAL: nothing
 * there to measure (silence). */
typedef struct
{
  uint64_t             frames;
  double               sample_rate;
  uint32_t             channels;

  uint64_t             n_clip_runs;
  uint64_t             clipped_samples;       /* in runs */
  uint32_t             n_clip_runs_kept;      /* the first ones, in time order per channel end */
  LqClipRun            clip_runs[LQ_MIX_CHECK_MAX_EVENTS];

  double               dc_offset[LQ_MAX_CHANNELS];      /* mean sample value */
  double               dc_offset_dbfs[LQ_MAX_CHANNELS]; /* its magnitude; -HUGE_VAL for none */

  double               correlation;           /* whole file, stereo only */
  LqCorrelationRule    correlation_rule;      /* the config's, which the stretches below obey */
  uint64_t             n_negative_stretches;
  uint32_t             n_negative_stretches_kept;
  LqCorrelationStretch negative_stretches[LQ_MIX_CHECK_MAX_EVENTS];
  uint32_t             n_more_correlation;    /* config's more_correlation, in its order */
  LqCorrelationReading more_correlation[LQ_MIX_CHECK_MAX_MORE_CORRELATION];

  double               low_mid_dbfs;          /* RMS of mid (L+R)/2 below low_cutoff_hz */
  double               low_side_dbfs;         /* RMS of side (L-R)/2 below low_cutoff_hz */
  double               low_side_to_mid_db;    /* side minus mid; stereo only */

  double               high_energy_db;        /* energy above high_cutoff_hz against all, from
                                               * the long-term spectrum; NAN under one FFT */

  uint64_t             leading_silence;       /* frames; the whole file when all silent */
  uint64_t             trailing_silence;
  double               end_peak_dbfs;         /* peak of the last LQ_MIX_CHECK_END_WINDOW_S */
} LqMixCheckResult;

typedef struct LqMixCheck LqMixCheck;

LqMixCheck *lq_mix_check_new                 (const LqMixCheckConfig *config,
                                              LqStatus               *status);
void        lq_mix_check_free                (LqMixCheck             *self);
void        lq_mix_check_reset               (LqMixCheck             *self);

/* Any number of interleaved frames; samples must be finite. No allocation. */
void        lq_mix_check_process_interleaved (LqMixCheck             *self,
                                              const float            *interleaved,
                                              uint32_t                n_frames);

/* The readings so far; a run or stretch still open at the end counts as ending there. */
void        lq_mix_check_get_result          (const LqMixCheck       *self,
                                              LqMixCheckResult       *result);

#ifdef __cplusplus
}
#endif
