/* lq-source-set.h
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

#include "lq-source.h"

G_BEGIN_DECLS

/* What can be heard in a session, as a list model: the mix (position 0), the master (1) and
 * the references (2…). It keeps the selection, the one before it (for the A/B toggle) and
 * the matching settings; the gains themselves are the player's (the session copies them onto
 * the sources for the views). */

#define LQ_SOURCE_SET_MIX     0
#define LQ_SOURCE_SET_MASTER  1
#define LQ_SOURCE_SET_FIRST_REFERENCE 2

#define LQ_TYPE_SOURCE_SET (lq_source_set_get_type ())

G_DECLARE_FINAL_TYPE (LqSourceSet, lq_source_set, LQ, SOURCE_SET, GObject)

LqSourceSet *lq_source_set_new                 (void);

gboolean     lq_source_set_is_empty            (LqSourceSet *self);
LqSource    *lq_source_set_get_mix             (LqSourceSet *self);
/* Replaces the mix (and the master made from it); references stay. */
void         lq_source_set_set_mix             (LqSourceSet *self,
                                                LqSource    *mix);
void         lq_source_set_add_reference       (LqSourceSet *self,
                                                LqSource    *reference);
guint        lq_source_set_get_n_references    (LqSourceSet *self);
/* Drops every reference; the mix and the master stay. */
void         lq_source_set_remove_references   (LqSourceSet *self);
/* One reference, by list position (>= LQ_SOURCE_SET_FIRST_REFERENCE). Removing the selected
 * one selects the mix; the selection otherwise follows its source. */
void         lq_source_set_remove_reference    (LqSourceSet *self,
                                                int          index);
void         lq_source_set_move_reference      (LqSourceSet *self,
                                                int          from,
                                                int          to);

int          lq_source_set_get_selected_index  (LqSourceSet *self);
/* Out-of-range indices are ignored. */
void         lq_source_set_select              (LqSourceSet *self,
                                                int          index);
LqSource    *lq_source_set_get_selected        (LqSourceSet *self);
/* Back to the source selected before the current one. */
void         lq_source_set_toggle              (LqSourceSet *self);
/* What the selected source is compared with: the mix when a reference is selected, else the
 * last reference selected (the first one at the start); NULL without references. */
LqSource    *lq_source_set_get_comparison      (LqSourceSet *self);

gboolean     lq_source_set_get_loudness_match  (LqSourceSet *self);
void         lq_source_set_set_loudness_match  (LqSourceSet *self,
                                                gboolean     match);
double       lq_source_set_get_listening_level (LqSourceSet *self);
void         lq_source_set_set_listening_level (LqSourceSet *self,
                                                double       lufs);

G_END_DECLS
