/* lq-audio-writer.h
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

#include <glib.h>

#include "lq-dither.h"
#include "lq-presets.h"

G_BEGIN_DECLS

#define LQ_AUDIO_WRITER_ERROR (lq_audio_writer_error_quark ())

typedef enum
{
  LQ_AUDIO_WRITER_ERROR_EXISTS,       /* output exists and overwriting was not asked for */
  LQ_AUDIO_WRITER_ERROR_SAME_AS_INPUT,
  LQ_AUDIO_WRITER_ERROR_FOLDER,       /* the destination folder is missing or unwritable */
  LQ_AUDIO_WRITER_ERROR_WRITE,        /* writing failed (disk full, I/O error) */
  LQ_AUDIO_WRITER_ERROR_FORMAT,       /* the format cannot hold this stream */
} LqAudioWriterError;

/* Writes an export safely: into a hidden temporary file beside the destination, renamed over
 * it only by lq_audio_writer_commit (). Freeing an uncommitted writer deletes the temporary
 * file, so a failed or cancelled export leaves nothing behind. */
typedef struct _LqAudioWriter LqAudioWriter;

GQuark          lq_audio_writer_error_quark (void);

/* protect: a path that must never be replaced (the input), or NULL. */
LqAudioWriter  *lq_audio_writer_new         (const char      *path,
                                             LqFileFormat     format,
                                             LqSampleFormat   sample_format,
                                             guint            sample_rate,
                                             guint            channels,
                                             gboolean         overwrite,
                                             const char      *protect,
                                             GError         **error);
/* Interleaved float frames, already quantised when the format is integer. */
gboolean        lq_audio_writer_write       (LqAudioWriter   *self,
                                             const float     *frames,
                                             gsize            n_frames,
                                             GError         **error);
/* The frames a call of _write_dithered () takes at most. */
#define LQ_AUDIO_WRITER_BLOCK 4096
/* n_frames (at most LQ_AUDIO_WRITER_BLOCK) of planar float, one or two channels, through
 * dither, which quantises them to the file's sample format, then written: the one way a master
 * and its deliverables reach their files. quantised[c] receive the samples the file holds; interleaved, when not
 * NULL, the same interleaved (channels * n_frames), for a meter of what was written. */
gboolean        lq_audio_writer_write_dithered (LqAudioWriter      *self,
                                                LqDither           *dither,
                                                const float *const *in,
                                                float *const       *quantised,
                                                float              *interleaved,
                                                uint32_t            n_frames,
                                                GError            **error);
/* Completes the temporary file (its header written, synced) without moving it into place,
 * so that something else can still add to it (the tags); commit () does it when not done. */
gboolean        lq_audio_writer_finish      (LqAudioWriter   *self,
                                             GError         **error);
/* The temporary file being written. */
const char     *lq_audio_writer_get_temp_path (LqAudioWriter *self);
gboolean        lq_audio_writer_commit      (LqAudioWriter   *self,
                                             GError         **error);
void            lq_audio_writer_free        (LqAudioWriter   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LqAudioWriter, lq_audio_writer_free)

G_END_DECLS
