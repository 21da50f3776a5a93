/* lq-source.h
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
#include "lq-source-buffer.h"

G_BEGIN_DECLS

/* One thing the user can listen to and look at: the mix, the master (the mix through the
 * chain) or a reference: the session's track, holding both the file's decoded audio and
 * everything the analysis learnt about it (the file is decoded once). Immutable except for
 * the matched gain, which mirrors the player's, and a master's own analysis. */

typedef enum
{
  LQ_SOURCE_KIND_MIX,
  LQ_SOURCE_KIND_MASTER,
  LQ_SOURCE_KIND_REFERENCE,
} LqSourceKind;

#define LQ_TYPE_SOURCE_KIND (lq_source_kind_get_type ())
#define LQ_TYPE_SOURCE      (lq_source_get_type ())

GType lq_source_kind_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (LqSource, lq_source, LQ, SOURCE, GObject)

/* Takes ownership of result. */
LqSource               *lq_source_new                  (LqSourceKind       kind,
                                                        LqAnalysisResult  *result);
/* The master shares the mix's audio and, until the chain exists, its analysis. */
LqSource               *lq_source_new_master           (LqSource          *mix);

LqSourceKind            lq_source_get_kind             (LqSource          *self);
const char             *lq_source_get_title            (LqSource          *self);
/* The title a file gets: its name without the extension ("Song" for ".../Song.flac"), so
 * that everything naming a source names it alike. */
char                   *lq_source_dup_title_for_path   (const char        *path);
const char             *lq_source_get_path             (LqSource          *self);
const LqAnalysisResult *lq_source_get_result           (LqSource          *self);
double                  lq_source_get_duration         (LqSource          *self);
double                  lq_source_get_sample_rate      (LqSource          *self);
double                  lq_source_get_integrated_lufs  (LqSource          *self);
/* Loudness history at time (seconds); -HUGE_VAL for silence or outside the file. */
double                  lq_source_get_momentary_at     (LqSource          *self,
                                                        double             seconds);
double                  lq_source_get_short_term_at    (LqSource          *self,
                                                        double             seconds);
/* Long-term average spectrum, dB per bin (computed once, when the source is made). */
const float            *lq_source_get_spectrum_db      (LqSource          *self,
                                                        guint             *n_bins,
                                                        double            *bin_hz);
double                  lq_source_get_matched_gain     (LqSource          *self);
void                    lq_source_set_matched_gain     (LqSource          *self,
                                                        double             gain_db);

/* Decodes path once, on the calling thread (a worker): its analysis (a mix's with the check
 * readings, result->check, measured for the default profile), and for mono and stereo files
 * the audio the player plays. */
LqSource               *lq_source_load                 (const char         *path,
                                                        LqSourceKind        kind,
                                                        GCancellable       *cancellable,
                                                        LqProgressFunc      progress,
                                                        gpointer            progress_data,
                                                        GError            **error);

/* The decoded audio at the file's rate (a master: its mix's); NULL with error set for a
 * file the player cannot take. */
LqSourceBuffer         *lq_source_get_buffer           (LqSource          *self,
                                                        GError           **error);
/* A master's own analysis (the mix through the chain); NULL: the mix's until measured. */
void                    lq_source_set_master_result    (LqSource          *self,
                                                        LqAnalysisResult  *result);

G_END_DECLS
