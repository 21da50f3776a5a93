/* lq-gr-history.h
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

G_BEGIN_DECLS

#define LQ_TYPE_GR_HISTORY (lq_gr_history_get_type ())

G_DECLARE_FINAL_TYPE (LqGrHistory, lq_gr_history, LQ, GR_HISTORY, GtkWidget)

/* The gain reduction of the compressor and the limiter over the last seconds, as two lines
 * hanging from the top (0 dB) down to range_db at the bottom, newest at the right. It only
 * draws what it is given: the points are the meter feed's history (lq-meter-feed.h). */

GtkWidget *lq_gr_history_new      (void);
/* Copies n points of each (dB, >= 0, newest last); capacity is the number of points the
 * full width shows. NULL or n 0 clears. */
void       lq_gr_history_set_data (LqGrHistory *self,
                                   const float *compressor_db,
                                   const float *limiter_db,
                                   guint        n,
                                   guint        capacity);

G_END_DECLS
