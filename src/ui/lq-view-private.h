/* lq-view-private.h
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

/* Helpers shared by the custom views (waveform, spectrum, loudness graph, level meter):
 * colours from the theme and the GNOME palette, pixel-snapped lines, and labels, which are
 * only drawn into cached render nodes (rebuilt on resize or theme change). */

typedef struct
{
  GdkRGBA fg;        /* the widget's text colour */
  GdkRGBA dim;       /* secondary text */
  GdkRGBA grid;      /* grid lines */
  GdkRGBA blue;
  GdkRGBA orange;
  GdkRGBA purple;
  GdkRGBA green;
  GdkRGBA yellow;
  GdkRGBA red;
} LqViewPalette;

void           _lq_view_palette_init   (GtkWidget           *widget,
                                        LqViewPalette       *palette);
/* Mix blue, master purple, reference orange: the same in every view. */
const GdkRGBA *_lq_view_palette_source (const LqViewPalette *palette,
                                        LqSourceKind         kind);
GdkRGBA        _lq_view_rgba_alpha     (const GdkRGBA       *color,
                                        float                alpha);

void           _lq_view_append_hline   (GtkSnapshot         *snapshot,
                                        const GdkRGBA       *color,
                                        double               x0,
                                        double               x1,
                                        double               y);
void           _lq_view_append_vline   (GtkSnapshot         *snapshot,
                                        const GdkRGBA       *color,
                                        double               x,
                                        double               y0,
                                        double               y1);
/* A small label; xalign/yalign 0..1 place (x, y) on the text's box. */
void           _lq_view_append_label   (GtkSnapshot         *snapshot,
                                        GtkWidget           *widget,
                                        const char          *text,
                                        const GdkRGBA       *color,
                                        double               x,
                                        double               y,
                                        double               xalign,
                                        double               yalign);
/* A scale tick: "−20", "0", "3". */
char          *_lq_view_format_tick    (double               value);
/* "1:05", "12:00", "1:02:03". */
char          *_lq_view_format_time    (double               seconds);
/* Tick step in seconds so that ticks are at least min_px apart. */
double         _lq_view_time_step      (double               seconds_per_px,
                                        double               min_px);

/* A level for a readout: "−18.0 LUFS" with a real minus sign, "—" for silence. */
char          *_lq_format_level        (double               value,
                                        const char          *unit);
/* A gain: "+3.4 dB", "−3.4 dB", "0.0 dB". */
char          *_lq_format_gain         (double               db);

G_END_DECLS
