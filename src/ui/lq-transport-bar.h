/* lq-transport-bar.h
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

G_BEGIN_DECLS

#define LQ_TYPE_TRANSPORT_BAR (lq_transport_bar_get_type ())

G_DECLARE_FINAL_TYPE (LqTransportBar, lq_transport_bar, LQ, TRANSPORT_BAR, AdwBin)

/* Play/pause, stop and loop (win.play-pause, win.stop, win.loop), the loop's start and end
 * as numbers, position and duration, and a status line for the audio device. */

GtkWidget  *lq_transport_bar_new                (void);
void        lq_transport_bar_set_position       (LqTransportBar *self,
                                                 double          seconds);
double      lq_transport_bar_get_position       (LqTransportBar *self);
void        lq_transport_bar_set_duration       (LqTransportBar *self,
                                                 double          seconds);
double      lq_transport_bar_get_duration       (LqTransportBar *self);
void        lq_transport_bar_set_playing        (LqTransportBar *self,
                                                 gboolean        playing);
gboolean    lq_transport_bar_get_playing        (LqTransportBar *self);
/* NULL: no audio output; the transport explains why its buttons are off. */
void        lq_transport_bar_set_device_name    (LqTransportBar *self,
                                                 const char     *name);
const char *lq_transport_bar_get_device_name    (LqTransportBar *self);
/* Why nothing can be heard (shown instead of the device's name); NULL when sound works. */
void        lq_transport_bar_set_device_message (LqTransportBar *self,
                                                 const char     *message);
const char *lq_transport_bar_get_device_message (LqTransportBar *self);
/* The loop region shown and edited as numbers, seconds; end <= start: none. Edits notify
 * loop-start / loop-end (once each, after both are set). */
void        lq_transport_bar_get_loop           (LqTransportBar *self,
                                                 double         *start,
                                                 double         *end);
void        lq_transport_bar_set_loop           (LqTransportBar *self,
                                                 double          start,
                                                 double          end);
/* What the status line says now. */
const char *lq_transport_bar_get_status         (LqTransportBar *self);

G_END_DECLS
