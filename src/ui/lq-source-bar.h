/* lq-source-bar.h
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

#include <adwaita.h>

#include "lq-monitor.h"
#include "lq-source-set.h"

G_BEGIN_DECLS

#define LQ_TYPE_SOURCE_BAR (lq_source_bar_get_type ())

G_DECLARE_FINAL_TYPE (LqSourceBar, lq_source_bar, LQ, SOURCE_BAR, AdwBin)

/* The source switcher: a linked row of toggle buttons (Mix, Master, each reference), each
 * showing its loudness-matched gain, wired to win.select-source, and the Level Match switch
 * (win.loudness-match). A reference's button has a context menu (move, remove) and can be
 * dragged onto another reference's place (win.move-reference, win.remove-reference); the
 * Free References toggle is win.free-references. Beside the switcher, the monitoring mode
 * (a menu of win.monitor-mode); the window binds monitor-mode to the session's. */

GtkWidget   *lq_source_bar_new         (void);
LqSourceSet *lq_source_bar_get_sources (LqSourceBar *self);
void         lq_source_bar_set_sources (LqSourceBar *self,
                                        LqSourceSet *sources);

LqMonitorMode lq_source_bar_get_monitor_mode (LqSourceBar   *self);
void         lq_source_bar_set_monitor_mode  (LqSourceBar   *self,
                                              LqMonitorMode  mode);
/* Compare mode: a button per compared master after the sources (win.select-compare with
 * its index); NULL or empty: none. */
void         lq_source_bar_set_compared      (LqSourceBar        *self,
                                              const char * const *names);

/* The codec preview's button after them (win.hear-codec), named name ("Master · MP3 128")
 * and marked while updating; NULL: none. */
void         lq_source_bar_set_codec         (LqSourceBar *self,
                                              const char  *name,
                                              gboolean     updating);
/* The codec preview's button, or NULL. */
GtkWidget   *lq_source_bar_get_codec_button  (LqSourceBar *self);

void         lq_source_bar_set_match_summary (LqSourceBar *self,
                                              const char  *summary);
const char  *lq_source_bar_get_match_summary (LqSourceBar *self);
/* A warning about the selected source (a reference shorter than the loop); NULL hides it. */
void         lq_source_bar_set_note          (LqSourceBar *self,
                                              const char  *note);
const char  *lq_source_bar_get_note          (LqSourceBar *self);

G_END_DECLS
