/* lq-loudness-graph.h
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

#define LQ_TYPE_LOUDNESS_GRAPH (lq_loudness_graph_get_type ())

G_DECLARE_FINAL_TYPE (LqLoudnessGraph, lq_loudness_graph, LQ, LOUDNESS_GRAPH, GtkWidget)

/* Momentary and short-term loudness over the whole file, with the integrated loudness and
 * the delivery target as lines and the playback position marked. */

GtkWidget *lq_loudness_graph_new             (void);
LqSource  *lq_loudness_graph_get_source      (LqLoudnessGraph *self);
void       lq_loudness_graph_set_source      (LqLoudnessGraph *self,
                                              LqSource        *source);
double     lq_loudness_graph_get_position    (LqLoudnessGraph *self);
void       lq_loudness_graph_set_position    (LqLoudnessGraph *self,
                                              double           seconds);
double     lq_loudness_graph_get_target_lufs (LqLoudnessGraph *self);
void       lq_loudness_graph_set_target_lufs (LqLoudnessGraph *self,
                                              double           lufs);

G_END_DECLS
