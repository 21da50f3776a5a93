/* lq-check-view.h
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

#include "lq-check.h"
#include "lq-source-set.h"

G_BEGIN_DECLS

#define LQ_TYPE_CHECK_VIEW (lq_check_view_get_type ())

G_DECLARE_FINAL_TYPE (LqCheckView, lq_check_view, LQ, CHECK_VIEW, GtkWidget)

/* The mix-readiness check of the sources' mix (lq-check.h), from the readings its one
 * analysis pass took: a row per finding (severity icon, title, one-line reason, value
 * against threshold), problems first, and a row per time for findings that happen at
 * times. Activating a timed row emits "time-activated" (start and duration in seconds of
 * the mix); the window selects the mix, seeks and loops there. A profile selector judges the
 * same readings by the default, strict or relaxed thresholds; what the pass measured stays
 * the default profile's (the clip level, what counts as a negative-correlation stretch),
 * since measuring again would mean decoding again. */

GtkWidget      *lq_check_view_new          (void);
LqSourceSet    *lq_check_view_get_sources  (LqCheckView    *self);
void            lq_check_view_set_sources  (LqCheckView    *self,
                                            LqSourceSet    *sources);
LqCheckProfile  lq_check_view_get_profile  (LqCheckView    *self);
void            lq_check_view_set_profile  (LqCheckView    *self,
                                            LqCheckProfile  profile);
/* The report shown (NULL without a mix or its readings). */
const LqCheckReport *lq_check_view_get_report (LqCheckView *self);
/* The row of the first finding with id, at its time index (0 for an untimed finding), or
 * NULL. */
GtkListBoxRow  *lq_check_view_find_row     (LqCheckView    *self,
                                            const char     *id,
                                            guint           time_index);

G_END_DECLS
