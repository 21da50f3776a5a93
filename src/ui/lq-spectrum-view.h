/* lq-spectrum-view.h
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

#define LQ_TYPE_SPECTRUM_VIEW (lq_spectrum_view_get_type ())

G_DECLARE_FINAL_TYPE (LqSpectrumView, lq_spectrum_view, LQ, SPECTRUM_VIEW, GtkWidget)

/* Long-term average spectra on a log frequency axis (20 Hz–20 kHz): the source's filled,
 * the comparison's as a line, each shifted by its matched gain so that at matched loudness
 * only tonal balance differs; over them, while playing, the live spectrum of what is heard
 * with its peak hold. Drawn with a 3 dB/octave tilt, so pink noise is flat. */

GtkWidget *lq_spectrum_view_new            (void);
LqSource  *lq_spectrum_view_get_source     (LqSpectrumView *self);
void       lq_spectrum_view_set_source     (LqSpectrumView *self,
                                            LqSource       *source);
LqSource  *lq_spectrum_view_get_comparison (LqSpectrumView *self);
void       lq_spectrum_view_set_comparison (LqSpectrumView *self,
                                            LqSource       *comparison);
/* The live spectrum, dB per bin as heard (a full-scale sine reads 0 dB), and its peak hold
 * (may be NULL); copied. bin_db NULL hides it. */
void       lq_spectrum_view_set_live       (LqSpectrumView *self,
                                            const float    *bin_db,
                                            const float    *peak_db,
                                            guint           n_bins,
                                            double          bin_hz);
gboolean   lq_spectrum_view_get_live       (LqSpectrumView *self);

G_END_DECLS
