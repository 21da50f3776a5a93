/* lq-meter-feed-private.h
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

#include "lq-engine-rt.h"
#include "lq-meter-feed.h"

G_BEGIN_DECLS

LqMeterFeed *_lq_meter_feed_new    (void);
/* The core whose rings the feed drains (NULL detaches); the player calls it whenever it
 * makes a new core. */
void         _lq_meter_feed_attach (LqMeterFeed *self,
                                    LqEngineRt  *rt);
/* Resets, then drops the core's meter frames until one carries @serial: the frames the core
 * metered before it took the LQ_COMMAND_RESET_METERS with that serial. Without this, the
 * heard loudness's duration would count up to a period of audio from before the reset. */
void         _lq_meter_feed_reset_await (LqMeterFeed *self,
                                         guint32      serial);

G_END_DECLS
