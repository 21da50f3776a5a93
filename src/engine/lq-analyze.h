/* lq-analyze.h
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

#include <gio/gio.h>

#include "lq-audio-file.h"
#include "lq-file-analysis.h"

G_BEGIN_DECLS

typedef enum
{
  LQ_ANALYZE_SUMMARY  = 0,        /* loudness and peaks only */
  LQ_ANALYZE_HISTORY  = 1 << 0,
  LQ_ANALYZE_PEAKS    = 1 << 1,
  LQ_ANALYZE_SPECTRUM = 1 << 2,
  LQ_ANALYZE_ALL      = LQ_ANALYZE_HISTORY | LQ_ANALYZE_PEAKS | LQ_ANALYZE_SPECTRUM,
} LqAnalyzeFlags;

/* Called from the analysing thread with the fraction done (0..1). */
typedef void (*LqProgressFunc) (double fraction, gpointer user_data);

/* Everything one pass learns about a file. */
typedef struct
{
  char              *path;
  LqAudioInfo        info;       /* format_name/encoding_name owned */
  LqLoudnessSummary  summary;
  float             *momentary;  /* history at LQ_HISTORY_RATE points per second */
  float             *short_term;
  guint64            n_history;
  LqPeaks           *peaks;
  LqSpectrum        *spectrum;
  LqMixCheckResult  *check;      /* the mix-readiness readings; NULL unless asked for */
} LqAnalysisResult;

LqAnalysisResult *lq_analyze_file          (const char      *path,
                                            LqAnalyzeFlags   flags,
                                            GCancellable    *cancellable,
                                            LqProgressFunc   progress,
                                            gpointer         user_data,
                                            GError         **error);
/* The same, handing every decoded block (interleaved, at the file's rate) to sink first, so
 * that a caller keeping the audio decodes the file once. sink returns FALSE with error set
 * to stop. With check, the pass takes the mix-readiness readings too (result->check). */
typedef gboolean (*LqAnalyzeSink) (const float *interleaved,
                                   guint        channels,
                                   guint32      n_frames,
                                   gpointer     user_data,
                                   GError     **error);

LqAnalysisResult *lq_analyze_file_full     (const char             *path,
                                            LqAnalyzeFlags          flags,
                                            const LqMixCheckConfig *check,
                                            LqAnalyzeSink           sink,
                                            gpointer                sink_data,
                                            GCancellable           *cancellable,
                                            LqProgressFunc          progress,
                                            gpointer                user_data,
                                            GError                **error);
/* The same pass measuring the mix-readiness readings as well (result->check), so that a
 * check costs no second decode. */
LqAnalysisResult *lq_analyze_file_with_check (const char             *path,
                                            LqAnalyzeFlags          flags,
                                            const LqMixCheckConfig *check,
                                            GCancellable           *cancellable,
                                            LqProgressFunc          progress,
                                            gpointer                user_data,
                                            GError                **error);
/* Finishes pass and takes what it learnt (history, peaks, spectrum); info describes the
 * audio (for a processed signal, the format it has as played). */
LqAnalysisResult *lq_analysis_result_new_from_pass (LqFileAnalysis    *pass,
                                            const char        *path,
                                            const LqAudioInfo *info,
                                            GError           **error);
LqAnalysisResult *lq_analysis_result_ref   (LqAnalysisResult *self);
/* Drops a reference (the last one frees). */
void              lq_analysis_result_free  (LqAnalysisResult *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LqAnalysisResult, lq_analysis_result_free)

G_END_DECLS
