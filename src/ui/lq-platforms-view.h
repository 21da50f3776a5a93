/* lq-platforms-view.h
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

#include "lq-source-set.h"

G_BEGIN_DECLS

#define LQ_TYPE_PLATFORMS_VIEW (lq_platforms_view_get_type ())

G_DECLARE_FINAL_TYPE (LqPlatformsView, lq_platforms_view, LQ, PLATFORMS_VIEW, GtkWidget)

/* How each streaming service would play each source (lq-platforms.h): one row per service,
 * one column per source, each cell the gain the service applies and the loudness it then
 * plays at (and whether its limiter acts). Rows whose rule is not the service's own document
 * say "reported". Above the table, the Listen As selector: a menu of win.listen-as ("" for
 * matched playback, else a service's id); listen-as is what it shows (the window binds it to
 * the session's). */

GtkWidget   *lq_platforms_view_new           (void);
LqSourceSet *lq_platforms_view_get_sources   (LqPlatformsView *self);
void         lq_platforms_view_set_sources   (LqPlatformsView *self,
                                              LqSourceSet     *sources);
const char  *lq_platforms_view_get_listen_as (LqPlatformsView *self);
void         lq_platforms_view_set_listen_as (LqPlatformsView *self,
                                              const char      *platform_id);
/* The cell of service platform (lq_platforms_get () index) and source (the set's index), or
 * NULL. */
GtkLabel    *lq_platforms_view_get_cell      (LqPlatformsView *self,
                                              guint            platform,
                                              guint            source);

G_END_DECLS
