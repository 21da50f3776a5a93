/* lq-codec-view.h
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

#include <gtk/gtk.h>

#include "lq-codec.h"

G_BEGIN_DECLS

#define LQ_TYPE_CODEC_VIEW (lq_codec_view_get_type ())

G_DECLARE_FINAL_TYPE (LqCodecView, lq_codec_view, LQ, CODEC_VIEW, GtkWidget)

/* The codec preview page: a codec and bitrate selector (FACTS §2's choices; "codec-changed"
 * when another is chosen), a selector of what is encoded (the master or a reference;
 * "source-changed"), the win.codec-preview and win.codec-artefacts toggles, and the readouts
 * of the last round trip (lq-codec.h): the decoded true peak, each over above 0 dBFS and
 * above the -1 dBTP target as an activatable row ("time-activated", seconds of the
 * programme), and the codec-safe ceiling with a button that emits "use-ceiling" with the
 * value shown (a reference's result has none: the row says it is only for the master). A
 * result made for an older chain is shown as updating, never as current. The view only shows
 * what it is given. */

GtkWidget     *lq_codec_view_new              (void);
/* The codec chosen in the selector (MP3 128 at first). */
void           lq_codec_view_get_spec         (LqCodecView         *self,
                                               LqCodecSpec         *spec);
void           lq_codec_view_set_spec         (LqCodecView         *self,
                                               const LqCodecSpec   *spec);
/* The sources the preview can encode: the master, then each reference by names
 * (NULL-terminated, NULL: none). The choice stays with its index where that still is. */
void           lq_codec_view_set_references   (LqCodecView         *self,
                                               const char * const  *names);
/* The source chosen ("source-changed" when another is): -1 the master, else a reference's
 * index. Setting it emits nothing. */
int            lq_codec_view_get_source       (LqCodecView         *self);
void           lq_codec_view_set_source       (LqCodecView         *self,
                                               int                  source);
/* What to show: the last result (NULL: none), whether a newer one is being made, and why
 * the last attempt failed (NULL: it did not). */
void           lq_codec_view_set_result       (LqCodecView         *self,
                                               const LqCodecResult *result,
                                               gboolean             updating,
                                               const char          *error);
/* The codec-safe ceiling is being tried: its row says so. */
void           lq_codec_view_set_checking     (LqCodecView         *self,
                                               gboolean             checking);
/* The ceiling the button sets (the codec-safe ceiling rounded down to the limiter's 0.1 dB
 * step), NAN while there is none. */
double         lq_codec_view_get_safe_ceiling (LqCodecView         *self);
/* The row of over index in the list of sample overs (true_peak FALSE) or of true-peak
 * overs, or NULL. */
GtkListBoxRow *lq_codec_view_get_over_row     (LqCodecView         *self,
                                               gboolean             true_peak,
                                               guint                index);
/* The status line ("Updating…", the error, or what the readouts are of). */
const char    *lq_codec_view_get_status       (LqCodecView         *self);

G_END_DECLS
