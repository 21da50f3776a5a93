/* lq-waveform-view.h
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

#include "lq-source.h"

G_BEGIN_DECLS

#define LQ_TYPE_WAVEFORM_VIEW (lq_waveform_view_get_type ())

G_DECLARE_FINAL_TYPE (LqWaveformView, lq_waveform_view, LQ, WAVEFORM_VIEW, GtkWidget)

/* The selected source's waveform, a time ruler, the loop and the playhead, and under the
 * lanes an overview strip of the whole file with the visible range. A click seeks ("seek"),
 * a drag marks a loop, a drag near a loop edge moves that edge, a press or drag on the strip
 * moves the visible range; Ctrl+scroll or a pinch zooms, a scroll moves along the file. */

GtkWidget *lq_waveform_view_new            (void);
LqSource  *lq_waveform_view_get_source     (LqWaveformView *self);
void       lq_waveform_view_set_source     (LqWaveformView *self,
                                            LqSource       *source);
double     lq_waveform_view_get_position   (LqWaveformView *self);
void       lq_waveform_view_set_position   (LqWaveformView *self,
                                            double          seconds);
/* The loop region in seconds; end <= start means none. */
void       lq_waveform_view_get_loop       (LqWaveformView *self,
                                            double         *start,
                                            double         *end);
void       lq_waveform_view_set_loop       (LqWaveformView *self,
                                            double          start,
                                            double          end);
/* 1 shows the whole file; larger values zoom in. */
double     lq_waveform_view_get_zoom       (LqWaveformView *self);
void       lq_waveform_view_set_zoom       (LqWaveformView *self,
                                            double          zoom);
/* Zooms by factor keeping the time under x (widget coordinates) in place. */
void       lq_waveform_view_zoom_at        (LqWaveformView *self,
                                            double          factor,
                                            double          x);
double     lq_waveform_view_get_view_start (LqWaveformView *self);
void       lq_waveform_view_set_view_start (LqWaveformView *self,
                                            double          seconds);

G_END_DECLS
