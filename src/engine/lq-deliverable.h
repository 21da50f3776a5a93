/* lq-deliverable.h
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

#include "lq-codec.h"
#include "lq-render.h"

G_BEGIN_DECLS

/* The files one export makes beside its master from the same render: lossy files (encoded,
 * decoded and measured by lq-codec) and PCM files (resampled with the project's resampler
 * when the rate differs, dithered when quantised). All are tagged like the master, written
 * to temporary files and renamed into place only when every one succeeded, through the
 * render's LqRenderMasterFunc hook. The command line and the export dialog both use it. */

#define LQ_DELIVERABLE_ERROR (lq_deliverable_error_quark ())

typedef enum
{
  LQ_DELIVERABLE_ERROR_SPEC,      /* an unknown format, bit depth, rate or bitrate */
  LQ_DELIVERABLE_ERROR_PATTERN,   /* a name pattern that cannot name a file */
  LQ_DELIVERABLE_ERROR_CLASH,     /* two deliverables, or one and the mix or master, share
                                   * a name */
} LqDeliverableError;

typedef struct
{
  gboolean       pcm;
  LqCodecSpec    codec;           /* lossy */
  LqFileFormat   format;          /* PCM */
  LqSampleFormat sample_format;   /* PCM */
  guint          sample_rate;     /* PCM; 0 keeps the master's */
} LqDeliverableSpec;

/* The rates a PCM deliverable may ask for. */
#define LQ_DELIVERABLE_RATES 44100, 48000, 88200, 96000, 176400, 192000

/* One deliverable (or one codec check, which has no path). */
typedef struct
{
  LqDeliverableSpec spec;
  char             *path;          /* NULL for a codec check */
  gboolean          done;          /* measured (and, with a path, written) */
  LqCodecResult    *codec;         /* lossy: the round trip's measurements */
  guint             rate;          /* of the file */
  double            true_peak_dbtp; /* lossy: after decoding; PCM: of the written samples */
  double            ceiling_dbtp;  /* what the true peak should stay under */
  double            misses_by_db;  /* how far it passes the ceiling, or NAN */
} LqDeliverable;

GQuark             lq_deliverable_error_quark    (void);

/* "mp3:320", "opus:160", "wav:16:44100", "flac:24", "aiff:32" (free with g_free). */
char              *lq_deliverable_spec_to_string (const LqDeliverableSpec *spec);
/* A comma-separated list of CODEC:KBPS (FACTS §2's bitrates) or FORMAT[:BITS[:RATE]]
 * (wav, flac or aiff; 16, 24 or 32 bits, 24 by default, 32 being float and not for FLAC;
 * one of LQ_DELIVERABLE_RATES, or the master's when left out). */
GArray            *lq_deliverable_spec_parse_list (const char             *text,
                                                   GError                **error);
/* The choices of the grammar above, for messages: "mp3:128, …, opus:160,
 * wav|flac|aiff[:16|24|32[:44100|…|192000]]" (free with g_free). */
char              *lq_deliverable_dup_grammar    (void);

typedef struct _LqDeliverableJob LqDeliverableJob;

/* Names every deliverable from pattern (NULL: "{stem}.{ext}") before anything is rendered:
 * {stem} (output's name without its extension), {title} (the metadata's title, or {stem}),
 * {preset} (preset_name, or "custom" when NULL), {codec} (mp3, vorbis, opus, wav, flac,
 * aiff), {kbps} (lossy only), {bits} and {rate} (PCM only; {rate} is empty when the master's
 * is kept), {ext}. A value's '/' becomes '-', and a name may not start with '.'.
 * Fails (LQ_DELIVERABLE_ERROR_CLASH) when two share a name or one would replace input or
 * output, and (LQ_AUDIO_WRITER_ERROR_EXISTS) when a file is there and overwrite is FALSE.
 * checks and deliverables are arrays of LqCodecSpec and LqDeliverableSpec, or NULL. */
LqDeliverableJob  *lq_deliverable_job_new        (GArray                  *checks,
                                                  GArray                  *deliverables,
                                                  const char              *pattern,
                                                  const char              *input,
                                                  const char              *output,
                                                  const LqMetadata        *metadata,
                                                  const char              *preset_name,
                                                  gboolean                 overwrite,
                                                  GError                 **error);
void               lq_deliverable_job_free       (LqDeliverableJob        *job);
/* Hooks the job to the render: the work runs on the render's thread. The deliverables
 * carry options' metadata and dither (copied now: set them first). */
void               lq_deliverable_job_attach     (LqDeliverableJob        *job,
                                                  LqRenderOptions         *options);
/* Removes the deliverables again when the render failed after writing them (the master
 * could not be renamed into place), so that an export is whole or absent. */
void               lq_deliverable_job_discard    (LqDeliverableJob        *job);
/* Borrowed arrays of LqDeliverable. */
GArray            *lq_deliverable_job_get_checks (LqDeliverableJob        *job);
GArray            *lq_deliverable_job_get_deliverables (LqDeliverableJob  *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LqDeliverableJob, lq_deliverable_job_free)

G_END_DECLS
