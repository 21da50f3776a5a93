/* lq-level-meter.h
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

#include "lq-live-meters.h"

G_BEGIN_DECLS

#define LQ_TYPE_LEVEL_METER (lq_level_meter_get_type ())

G_DECLARE_FINAL_TYPE (LqLevelMeter, lq_level_meter, LQ, LEVEL_METER, GtkWidget)

/* Peak bars per channel on a dBFS scale: the sample peak as a bar (green, yellow above
 * -9 dBFS, red above the ceiling) continued lighter up to the true peak, a hold line, and
 * an over indicator that lights when the highest true peak exceeds the ceiling. A file's
 * peaks (when nothing plays) are marks at those levels, not bars. */

GtkWidget *lq_level_meter_new              (void);
/* A file's peaks: marks at the sample and the true peak, max at the true peak.
 * n_channels ≤ LQ_LEVEL_METER_MAX_CHANNELS. */
void       lq_level_meter_set_levels       (LqLevelMeter *self,
                                            guint         n_channels,
                                            const double *sample_peak_db,
                                            const double *true_peak_db);
/* Live levels (the ballistics are the caller's). */
void       lq_level_meter_set_channels     (LqLevelMeter              *self,
                                            guint                      n_channels,
                                            const LqLevelMeterChannel *channels);
/* Whether it shows live bars (set_channels) rather than a file's peaks (set_levels). */
gboolean   lq_level_meter_get_live         (LqLevelMeter *self);
guint      lq_level_meter_get_n_channels   (LqLevelMeter *self);
double     lq_level_meter_get_ceiling      (LqLevelMeter *self);
void       lq_level_meter_set_ceiling      (LqLevelMeter *self,
                                            double        dbtp);
/* Whether any channel's highest true peak (max) is above the ceiling. */
gboolean   lq_level_meter_get_over         (LqLevelMeter *self);

G_END_DECLS
