/* lq-codec.h
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
#include <math.h>

G_BEGIN_DECLS

/* Lossy codecs through libsndfile (LAME, libvorbis, libopus): one encode-decode round trip in
 * memory, aligned to the original by cross-correlation and measured with the true-peak
 * detector, so that a preview, a check and a written deliverable all read the same numbers. */

#define LQ_CODEC_ERROR (lq_codec_error_quark ())

typedef enum
{
  LQ_CODEC_ERROR_SPEC,          /* an unknown codec or a bitrate it does not offer */
  LQ_CODEC_ERROR_UNSUPPORTED,   /* libsndfile lacks the encoder, or refuses the stream */
  LQ_CODEC_ERROR_FAILED,        /* encoding or decoding failed */
} LqCodecError;

typedef enum
{
  LQ_CODEC_MP3,
  LQ_CODEC_VORBIS,
  LQ_CODEC_OPUS,
} LqCodecKind;

#define LQ_CODEC_N_KINDS (LQ_CODEC_OPUS + 1)

typedef struct
{
  LqCodecKind kind;
  guint       kbps;             /* total for all channels */
} LqCodecSpec;

/* The listener's ceiling the codec-safe ceiling aims at. */
#define LQ_CODEC_TARGET_DBTP -1.0

/* A ceiling on the limiter's 0.1 dB steps, rounded down so that it stays as safe as the
 * value it comes from. */
static inline double
lq_codec_ceiling_step_down (double dbtp)
{
  return floor (dbtp * 10.0 + 1e-9) / 10.0;
}
/* At most this many overs are listed (all are counted). */
#define LQ_CODEC_MAX_LISTED_OVERS 100

/* A run of consecutive samples over a threshold, merged into one event. */
typedef struct
{
  double start_s;
  double duration_s;
  double peak_db;               /* dBFS for sample overs, dBTP for true-peak overs */
} LqCodecOver;

typedef struct
{
  LqCodecSpec spec;
  guint       rate;             /* of the encoded stream (Opus: always 48 kHz) */
  gsize       encoded_bytes;
  gint        delay_frames;     /* how far the decoded signal trailed the original */
  double      correlation;      /* of the aligned decoded signal with the original */
  double      difference_db;    /* energy of (decoded - original) below the original's, dB */
  double      source_tp_dbtp;   /* true peak of what was encoded */
  double      decoded_tp_dbtp;  /* true peak of the decoded stream */
  double      decoded_sample_peak_dbfs;
  guint       n_overs_0dbfs;    /* runs of decoded samples beyond full scale */
  guint       n_overs_tp;       /* runs where the decoded true peak exceeds the target */
  GArray     *overs_0dbfs;      /* LqCodecOver, the first LQ_CODEC_MAX_LISTED_OVERS */
  GArray     *overs_tp;
  double      ceiling_dbtp;     /* the master's limiter ceiling (or its true peak) */
  double      safe_ceiling_dbtp; /* largest ceiling keeping the decoded file <= target */
  double      seconds;          /* wall time of the round trip */
} LqCodecResult;

GQuark         lq_codec_error_quark        (void);

const char    *lq_codec_kind_get_name      (LqCodecKind          kind);
/* "MP3", "Ogg Vorbis", "Opus". */
const char    *lq_codec_kind_get_label     (LqCodecKind          kind);
/* File name extension without the dot: "mp3", "ogg", "opus". */
const char    *lq_codec_kind_get_extension (LqCodecKind          kind);
/* The bitrates offered for kind, kb/s, lowest first (*n_bitrates of them). */
const guint   *lq_codec_kind_get_bitrates  (LqCodecKind          kind,
                                            guint               *n_bitrates);
/* "mp3:128" (free with g_free). */
char          *lq_codec_spec_to_string     (const LqCodecSpec   *spec);
/* Every codec and bitrate offered: "mp3:128, mp3:192, …, opus:160" (free with g_free). */
char          *lq_codec_dup_choices        (void);

/* Parses "mp3:128,opus:160,vorbis:160" into an array of LqCodecSpec; an unknown codec or a
 * bitrate it does not offer fails with LQ_CODEC_ERROR_SPEC naming it and the valid ones. */
GArray        *lq_codec_spec_parse_list    (const char          *text,
                                            GError             **error);

/* Encodes planar audio (data[1] unused for mono) at rate into the codec's file format, in
 * memory. Opus is resampled to 48 kHz first. */
GBytes        *lq_codec_encode             (const LqCodecSpec   *spec,
                                            const float *const  *data,
                                            guint                channels,
                                            double               rate,
                                            gsize                frames,
                                            GError             **error);

/* Encodes, decodes and measures. ceiling_dbtp is the master's limiter ceiling, reported
 * beside the codec-safe one (NAN: the master's own true peak). encoded, when not NULL, receives the encoded file. */
LqCodecResult *lq_codec_round_trip         (const LqCodecSpec   *spec,
                                            const float *const  *data,
                                            guint                channels,
                                            double               rate,
                                            gsize                frames,
                                            double               ceiling_dbtp,
                                            GBytes             **encoded,
                                            GError             **error);
/* As lq_codec_round_trip, and also the decoded signal aligned to the input: aligned[c] (NULL
 * for c >= channels) receive new arrays of frames frames at rate, the codec's delay removed
 * and resampled back when the codec ran at another rate. It is what a player plays as the
 * codec's version of data, sample for sample beside it. A programme of two minutes or more
 * is encoded in segments on threads of their own and spliced (lq_codec_get_splices), for
 * speed: the encoder restarts at each, after a pre-roll, so its readings can differ from one
 * stream's by what two encodes of the same audio differ by. */
LqCodecResult *lq_codec_round_trip_aligned (const LqCodecSpec   *spec,
                                            const float *const  *data,
                                            guint                channels,
                                            double               rate,
                                            gsize                frames,
                                            double               ceiling_dbtp,
                                            float               *aligned[2],
                                            GError             **error);
void           lq_codec_result_free        (LqCodecResult       *result);
/* Where lq_codec_round_trip_aligned splices its segments for frames at the codec's rate:
 * fills splices[] (room for 3) with the first frame of each segment after the first and
 * returns how many; 0 for a programme shorter than two minutes. */
guint          lq_codec_get_splices        (double               rate,
                                            gsize                frames,
                                            gsize               *splices);

/* The one exact true-peak meter (lq-truepeak's METER kind) over a whole planar signal, in
 * dBTP (-inf for silence, NAN without memory): what every deliverable's report reads. */
double         lq_codec_true_peak_db       (const float *const  *data,
                                            guint                channels,
                                            double               rate,
                                            gsize                frames);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LqCodecResult, lq_codec_result_free)

G_END_DECLS
