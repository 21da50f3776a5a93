/* lq-meter-panel.h
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

#include "lq-level-meter.h"
#include "lq-live-meters.h"
#include "lq-source.h"

G_BEGIN_DECLS

#define LQ_TYPE_METER_PANEL (lq_meter_panel_get_type ())

G_DECLARE_FINAL_TYPE (LqMeterPanel, lq_meter_panel, LQ, METER_PANEL, AdwBin)

/* Peak bars and loudness readouts of one source, coloured against a delivery target chosen
 * from the presets: its analysis at the position, or what is measured live while it plays. */

GtkWidget    *lq_meter_panel_new             (void);
LqSource     *lq_meter_panel_get_source      (LqMeterPanel *self);
void          lq_meter_panel_set_source      (LqMeterPanel *self,
                                              LqSource     *source);
double        lq_meter_panel_get_position    (LqMeterPanel *self);
void          lq_meter_panel_set_position    (LqMeterPanel *self,
                                              double        seconds);
const char   *lq_meter_panel_get_preset_id   (LqMeterPanel *self);
void          lq_meter_panel_set_preset_id   (LqMeterPanel *self,
                                              const char   *preset_id);
void          lq_meter_panel_set_custom_target (LqMeterPanel *self,
                                                double        target_lufs,
                                                double        ceiling_dbtp);
LqLevelMeter *lq_meter_panel_get_level_meter (LqMeterPanel *self);
/* Live readouts while the source plays (NULL: the analysis again). The integrated loudness
 * heard stays shown until the source changes. */
void          lq_meter_panel_set_live        (LqMeterPanel       *self,
                                              const LqLiveLevels *levels);
gboolean      lq_meter_panel_get_live        (LqMeterPanel *self);
/* What is heard when it is not the source (a compared master, the codec preview), or NULL:
 * the "Heard" row names it, since the live readings are of it. */
void          lq_meter_panel_set_heard_name  (LqMeterPanel *self,
                                              const char   *name);
const char   *lq_meter_panel_get_heard_title (LqMeterPanel *self);

G_END_DECLS
