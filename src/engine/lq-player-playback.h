/* lq-player-playback.h
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

#include "lq-playback.h"
#include "lq-player.h"

G_BEGIN_DECLS

/* LqPlayback on the real-time player (src/engine/lq-player.h): what a window plays through.
 *
 * It decodes the session's files into playable buffers on workers (the mix at its own rate,
 * the references at the mix's), hands them to the player and replays what the window asked
 * for meanwhile (selection, loop, seek, play). Loudness matching, the gains the window shows
 * and the master's re-measure after a chain change are the player's.
 *
 * The device opens when playback starts and closes once playback has stopped for
 * idle-close-ms, so an idle Lacquer holds no device (and a device that runs faster than
 * real time, like the tests' capture file, is not fed silence). When no device can be
 * opened, the device message says why and everything else keeps working. */

#define LQ_TYPE_PLAYER_PLAYBACK (lq_player_playback_get_type ())

G_DECLARE_FINAL_TYPE (LqPlayerPlayback, lq_player_playback, LQ, PLAYER_PLAYBACK, GObject)

LqPlayerPlayback *lq_player_playback_new               (void);
LqPlayer         *lq_player_playback_get_player        (LqPlayerPlayback *self);
/* name NULL or "": the system's default device; buffer_frames 0: the device's choice. An
 * open device reopens with the new choice. */
void              lq_player_playback_set_device        (LqPlayerPlayback *self,
                                                        const char       *name,
                                                        guint             buffer_frames);
/* Whether the session's files are being decoded for playback. */
gboolean          lq_player_playback_get_loading       (LqPlayerPlayback *self);
gboolean          lq_player_playback_get_device_open   (LqPlayerPlayback *self);
guint             lq_player_playback_get_idle_close_ms (LqPlayerPlayback *self);
void              lq_player_playback_set_idle_close_ms (LqPlayerPlayback *self,
                                                        guint             ms);

G_END_DECLS
