/* lq-audio-file.h
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

#include "lq-dsp-types.h"

G_BEGIN_DECLS

#define LQ_AUDIO_FILE_ERROR (lq_audio_file_error_quark ())

typedef enum
{
  LQ_AUDIO_FILE_ERROR_NOT_FOUND,
  LQ_AUDIO_FILE_ERROR_PERMISSION,
  LQ_AUDIO_FILE_ERROR_IS_DIRECTORY,
  LQ_AUDIO_FILE_ERROR_EMPTY,
  LQ_AUDIO_FILE_ERROR_UNSUPPORTED,     /* not audio, or a format/codec libsndfile lacks */
  LQ_AUDIO_FILE_ERROR_CORRUPT,         /* recognised, but the header or data is broken */
  LQ_AUDIO_FILE_ERROR_NO_FRAMES,
  LQ_AUDIO_FILE_ERROR_INVALID_RATE,
  LQ_AUDIO_FILE_ERROR_TOO_MANY_CHANNELS,
  LQ_AUDIO_FILE_ERROR_FAILED,
} LqAudioFileError;

typedef struct
{
  double  sample_rate;          /* of the file */
  guint   channels;
  gint64  frames;               /* as the header says; -1 when unknown */
  char   *format_name;          /* "WAV (Microsoft)", "FLAC (Free Lossless Audio Codec)", … */
  char   *encoding_name;        /* "Signed 24 bit PCM", … */
  guint   bits;                 /* per sample as stored (PCM and float); 0 for codecs */
  gboolean is_float;
  gboolean lossy;               /* a lossy codec (MP3, Vorbis, Opus, ADPCM, GSM…) */
  float   weights[LQ_MAX_CHANNELS]; /* BS.1770 weights from the channel map or layout */
  gboolean has_channel_map;
} LqAudioInfo;

/* A streaming decoder: float frames, interleaved, optionally resampled (libsoxr). */
typedef struct _LqAudioFile LqAudioFile;

GQuark             lq_audio_file_error_quark      (void);

LqAudioFile       *lq_audio_file_open             (const char    *path,
                                                   GError       **error);
/* How many times lq_audio_file_open () was called in this process (a diagnostic). */
guint              lq_audio_file_get_open_count   (void);
void               lq_audio_file_free             (LqAudioFile   *self);
const LqAudioInfo *lq_audio_file_get_info         (LqAudioFile   *self);
const char        *lq_audio_file_get_path         (LqAudioFile   *self);

/* Converts to rate from now on (before the first read). Same rate: no-op. */
gboolean           lq_audio_file_set_output_rate  (LqAudioFile   *self,
                                                   double         rate,
                                                   GError       **error);
double             lq_audio_file_get_output_rate  (LqAudioFile   *self);

/* Fails with TOO_MANY_CHANNELS unless the file is mono or stereo (what play and render
 * take). The message names the file. */
gboolean           lq_audio_file_check_playable   (LqAudioFile   *self,
                                                   GError       **error);

/* TRUE when every frame read is finite and within a few times full scale (integer PCM, even
 * resampled): readers may skip guarding against NaN, infinities and huge values. */
gboolean           lq_audio_file_is_bounded       (LqAudioFile   *self);

/* Reads up to max_frames interleaved frames; returns the count, 0 at the end, -1 on error. */
gssize             lq_audio_file_read             (LqAudioFile   *self,
                                                   float         *frames,
                                                   gsize          max_frames,
                                                   GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LqAudioFile, lq_audio_file_free)

G_END_DECLS
