/* lq-file-analysis.h
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
#include "lq-mix-check.h"
#include "lq-peaks.h"
#include "lq-spectrum.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One streaming pass over a file: loudness summary and history, true and sample peaks, the
 * waveform pyramid and the long-term spectrum, from blocks of interleaved frames in the
 * order they are decoded. The whole file is never held in memory. */

/* History points per second (every 10th loudness step). */
#define LQ_HISTORY_RATE 10

typedef struct
{
  double       sample_rate;
  uint32_t     channels;
  const float *weights;       /* BS.1770 channel weights, NULL for the default layout */
  bool         peaks;         /* build the waveform pyramid */
  bool         spectrum;      /* accumulate the long-term average spectrum */
  bool         history;       /* keep momentary/short-term history */
  bool         threads;       /* use a second core for peaks, true peak and spectrum */
  bool         busy_caller;   /* with threads: the thread that commits has work of its own (a
                               * writer), so the second core measures everything */
  bool         loudness_only; /* no true or sample peak (the summary holds -inf for them): the
                               * render's first reading of its mix */
  bool         bounded;       /* every sample finite and within a few times full scale (integer
                               * PCM): the pass need not sanitise its input */
  bool         bs1770_only;   /* true peak by the 4x screen alone, as other meters read it:
                               * for benchmarks that weigh the exact reading's cost */
  bool         bs1770_every;  /* with bs1770_only: the screen filtered at every 4x point, as
                               * libebur128 does and this pass did before the exact meter
                               * (LQ_TRUEPEAK_BS1770_EVERY) */
  /* The mix-readiness readings, NULL for none; its rate and channels are taken from here. */
  const LqMixCheckConfig *check;
} LqFileAnalysisConfig;

/* Readings; -HUGE_VAL stands for silence ("no value"), never a number. */
typedef struct
{
  uint64_t frames;
  double   sample_rate;
  uint32_t channels;
  double   integrated_lufs;
  double   loudness_range_lu;
  double   max_momentary_lufs;
  double   max_short_term_lufs;
  double   true_peak_dbtp;           /* exact: the band-limited signal's peak */
  double   true_peak_dbtp_bs1770;    /* the plain BS.1770 4x reading other meters give */
  double   sample_peak_dbfs;
  double   plr_db;
  double   channel_true_peak_dbtp[LQ_MAX_CHANNELS];
  double   channel_sample_peak_dbfs[LQ_MAX_CHANNELS];
  uint32_t true_peak_oversampling;
} LqLoudnessSummary;

typedef struct LqFileAnalysis LqFileAnalysis;

LqFileAnalysis *lq_file_analysis_new           (const LqFileAnalysisConfig *config,
                                                LqStatus                   *status);
void            lq_file_analysis_free          (LqFileAnalysis             *self);

LqStatus        lq_file_analysis_process       (LqFileAnalysis             *self,
                                                const float                *interleaved,
                                                uint32_t                    n_frames);

/* Zero-copy feeding: the buffer the next chunk of up to *max_frames interleaved frames may be
 * decoded into, then lq_file_analysis_commit () with the count. Equivalent to _process. */
float          *lq_file_analysis_get_buffer    (LqFileAnalysis             *self,
                                                uint32_t                   *max_frames);
LqStatus        lq_file_analysis_commit        (LqFileAnalysis             *self,
                                                uint32_t                    n_frames);

/* Ends the pass; the getters below are valid afterwards. */
LqStatus        lq_file_analysis_finish        (LqFileAnalysis             *self,
                                                LqLoudnessSummary          *summary);

/* Momentary and short-term loudness every 1/LQ_HISTORY_RATE s (LUFS, -HUGE_VAL silent). */
const float    *lq_file_analysis_get_history   (const LqFileAnalysis       *self,
                                                bool                        short_term,
                                                uint64_t                   *n_points);

/* The mix-readiness readings; false when the pass was not configured for them. */
bool            lq_file_analysis_get_check     (const LqFileAnalysis       *self,
                                                LqMixCheckResult           *result);

/* Ownership moves to the caller (NULL when not configured). */
LqPeaks        *lq_file_analysis_steal_peaks   (LqFileAnalysis             *self);
LqSpectrum     *lq_file_analysis_steal_spectrum (LqFileAnalysis            *self);

#ifdef __cplusplus
}
#endif
