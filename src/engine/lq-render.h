/* lq-render.h
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

#include "lq-analyze.h"
#include "lq-chain.h"
#include "lq-dither.h"
#include "lq-metadata.h"
#include "lq-presets.h"

G_BEGIN_DECLS

#define LQ_RENDER_ERROR (lq_render_error_quark ())

typedef enum
{
  LQ_RENDER_ERROR_TARGET_UNREACHABLE,   /* it would take more limiting than allowed */
  LQ_RENDER_ERROR_INVALID,              /* options that cannot work together */
  LQ_RENDER_ERROR_NO_MEMORY,            /* the mix is too long to hold in memory */
  LQ_RENDER_ERROR_NO_LOUDNESS,          /* too short, silent, or silenced by the chain */
  LQ_RENDER_ERROR_CLIPS,                /* the master exceeds full scale in an integer format */
  LQ_RENDER_ERROR_SCRATCH,              /* no room for the working files in the temporary folder */
} LqRenderError;

#define LQ_RENDER_DEFAULT_MAX_LIMITING_DB 6.0
/* The most a person can allow in the window (the settings' range). */
#define LQ_RENDER_MAX_ALLOWANCE_DB 30.0

/* Receives the float master (planar, before dither; data[1] unused for mono) on the render's
 * thread once the master is written to its temporary file, before it is renamed into place:
 * lossy deliverables and codec checks start from the same audio without a second render.
 * ceiling_dbtp is the limiter's effective ceiling (NAN when the limiter is off). Returning
 * FALSE fails the render with that error, and the master is not written either.
 * Memory: the render itself streams (its whole-file arrays live in working files in the
 * temporary folder, touched a window at a time), but data is the whole master: beyond a
 * few seconds it is the working file mapped into memory, and the pages the hook reads stay
 * resident until the render returns. A hook that reads all of it makes the peak grow by
 * the master's size (4 bytes a sample, 1.3 GiB for an hour of 48 kHz stereo); without a
 * hook the peak does not follow the file's length. */
typedef gboolean (*LqRenderMasterFunc) (const float *const *data,
                                        guint               channels,
                                        double              rate,
                                        gsize               frames,
                                        double              ceiling_dbtp,
                                        GCancellable       *cancellable,
                                        gpointer            user_data,
                                        GError            **error);

typedef struct
{
  LqChainParams  chain;
  gboolean       has_target;
  double         target_lufs;
  gboolean       has_ceiling;        /* overrides the chain's limiter ceiling and enables it */
  double         ceiling_dbtp;
  double         max_limiting_db;    /* refuse a target that needs more peak limiting */
  LqFileFormat   format;
  LqSampleFormat sample_format;
  guint          sample_rate;        /* 0 keeps the mix's rate */
  LqDitherType   dither;             /* when quantising to 16/24 bits: none, TPDF (default)
                                      * or noise-shaped TPDF (lq-dither.h) */
  gboolean       overwrite;
  LqRenderMasterFunc master_func;    /* or NULL */
  gpointer       master_data;
  LqMetadata     metadata;           /* tags of the output; owned: see _copy () and _clear () */
} LqRenderOptions;

typedef struct
{
  LqLoudnessSummary output;          /* measured on the written samples */
  double            gain_db;         /* applied before the limiter to reach the target */
  double            peak_limiting_db;
  guint             iterations;
  guint             sample_rate;
  double            seconds;         /* wall time of the render, to the master written */
} LqRenderReport;

GQuark   lq_render_error_quark     (void);

void     lq_render_options_init    (LqRenderOptions        *options);
/* dest (initialised) becomes a deep copy of src: options own their metadata's strings. */
void     lq_render_options_copy    (LqRenderOptions        *dest,
                                    const LqRenderOptions  *src);
void     lq_render_options_clear   (LqRenderOptions        *options);
/* Target, ceiling and file format of a delivery preset. */
void     lq_render_options_apply_preset (LqRenderOptions  *options,
                                         const LqPreset   *preset);

/* Renders input through the chain into output: decode (resampled once when another rate is
 * asked for), chain, gain search for the target (only the limiter and the meter are re-run),
 * output gain, dither, write to a temporary file, tag it (options->metadata), rename it into
 * place when complete. The
 * output is time-aligned with the input (the chain's latency is compensated). */
gboolean lq_render_file            (const char             *input,
                                    const char             *output,
                                    const LqRenderOptions  *options,
                                    GCancellable           *cancellable,
                                    LqProgressFunc          progress,
                                    gpointer                user_data,
                                    LqRenderReport         *report,
                                    GError                **error);

/* The gain search of lq_render_file () alone, without writing anything: report->gain_db is
 * the gain the render would apply before the limiter to bring the master to
 * options->target_lufs (has_target must be set), report->peak_limiting_db the limiting it
 * takes; report->output stays zero. The same code path, so an export of the same options
 * applies the same gain. */
gboolean lq_render_find_gain       (const char             *input,
                                    const LqRenderOptions  *options,
                                    GCancellable           *cancellable,
                                    LqProgressFunc          progress,
                                    gpointer                user_data,
                                    LqRenderReport         *report,
                                    GError                **error);

/* The master's last step on another signal: dips the gain locally wherever data's exact true
 * peak (or ffmpeg's 192 kHz reading) passes ceiling_dbtp, as lq_render_file () does to its
 * master. For a deliverable made from the master at another rate, whose resampling moves the
 * peaks of a limited master (by 0.8 dB on a hard-limited one at 48 to 44.1 kHz). display names
 * it in errors. */
gboolean lq_render_hold_ceiling     (float *const           *data,
                                     guint                   channels,
                                     double                  rate,
                                     gsize                   frames,
                                     double                  ceiling_dbtp,
                                     const char             *display,
                                     GCancellable           *cancellable,
                                     GError                **error);

/* The same jobs on a worker thread. progress is called on the thread-default main context of
 * the _async call (every call before the callback), with a fraction that only grows and ends
 * at 1.0 on success. Cancelling leaves no output file; _finish then fails with
 * G_IO_ERROR_CANCELLED. */
void     lq_render_file_async       (const char             *input,
                                     const char             *output,
                                     const LqRenderOptions  *options,
                                     GCancellable           *cancellable,
                                     LqProgressFunc          progress,
                                     gpointer                progress_data,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data);
gboolean lq_render_file_finish      (GAsyncResult           *result,
                                     LqRenderReport         *report,
                                     GError                **error);
void     lq_render_find_gain_async  (const char             *input,
                                     const LqRenderOptions  *options,
                                     GCancellable           *cancellable,
                                     LqProgressFunc          progress,
                                     gpointer                progress_data,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data);
gboolean lq_render_find_gain_finish (GAsyncResult           *result,
                                     LqRenderReport         *report,
                                     GError                **error);

G_END_DECLS
