/* lq-source-buffer.h
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

G_BEGIN_DECLS

/* A playable source held in memory at the session rate: the decoded mix or a reference,
 * resampled once on load (soxr, very high quality) when its file has another rate. Planar
 * float; a mono file has one channel that the player sends to both sides. Immutable, so the
 * audio thread and workers read it without locks; the player keeps a reference for as long
 * as the audio thread may read it. */

#define LQ_TYPE_SOURCE_BUFFER (lq_source_buffer_get_type ())

G_DECLARE_FINAL_TYPE (LqSourceBuffer, lq_source_buffer, LQ, SOURCE_BUFFER, GObject)

/* Decodes path at rate (0 keeps the file's rate). Fails for more than two channels, naming
 * the file. Blocking: call from a worker (or use _async). */
LqSourceBuffer *lq_source_buffer_load              (const char          *path,
                                                    double               rate,
                                                    GCancellable        *cancellable,
                                                    GError             **error);
void            lq_source_buffer_load_async        (const char          *path,
                                                    double               rate,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
LqSourceBuffer *lq_source_buffer_load_finish       (GAsyncResult        *result,
                                                    GError             **error);

/* From interleaved frames (generated signals, tests); copies them. */
LqSourceBuffer *lq_source_buffer_new_from_interleaved (const char       *name,
                                                    double               rate,
                                                    guint                channels,
                                                    const float         *frames,
                                                    guint64              n_frames);

/* Takes planar audio at rate (data[1] unused for mono), as a decoder collected it. */
LqSourceBuffer *lq_source_buffer_new_take          (const char          *path,
                                                    double               rate,
                                                    guint                channels,
                                                    float               *data[2],
                                                    guint64              n_frames);
/* The same audio at rate (soxr, very high quality) on a worker, without decoding the file
 * again; the buffer itself when it already has that rate. */
void            lq_source_buffer_resample_async    (LqSourceBuffer      *self,
                                                    double               rate,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
LqSourceBuffer *lq_source_buffer_resample_finish   (GAsyncResult        *result,
                                                    GError             **error);

/* Planar audio (in[1] unused for mono) from one rate to another, at the quality every
 * resampling in Lacquer uses; out[c] are new arrays of *out_frames frames. Blocking. */
gboolean        lq_resample_planar                 (const float *const  *in,
                                                    guint                channels,
                                                    guint64              frames,
                                                    double               from,
                                                    double               to,
                                                    float               *out[2],
                                                    guint64             *out_frames,
                                                    GError             **error);

const char     *lq_source_buffer_get_path          (LqSourceBuffer      *self);
const char     *lq_source_buffer_get_display_name  (LqSourceBuffer      *self);
double          lq_source_buffer_get_sample_rate   (LqSourceBuffer      *self);
/* The file's own rate (differs from get_sample_rate when it was resampled). */
double          lq_source_buffer_get_file_rate     (LqSourceBuffer      *self);
guint           lq_source_buffer_get_channels      (LqSourceBuffer      *self);
guint64         lq_source_buffer_get_frames        (LqSourceBuffer      *self);
/* Channel c (0 or 1); a mono source returns its one channel for both. */
const float    *lq_source_buffer_get_data          (LqSourceBuffer      *self,
                                                    guint                channel);
/* Integrated loudness as played on two channels (a mono file counts on both sides, 3 dB
 * above its own BS.1770 figure), LUFS; -HUGE_VAL for silence. */
double          lq_source_buffer_get_loudness      (LqSourceBuffer      *self);
/* True peak as played on two channels, dBTP; -HUGE_VAL for silence. */
double          lq_source_buffer_get_true_peak     (LqSourceBuffer      *self);

G_END_DECLS
