/* lq-player-playback-private.h
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

#include "lq-player-playback.h"

G_BEGIN_DECLS

struct _LqPlayerPlayback
{
  GObject         parent_instance;

  LqPlayer       *player;
  char           *device_name;     /* NULL: the default */
  guint           buffer_frames;
  guint           idle_close_ms;
  guint           idle_close_id;
  gboolean        system_acquired;
  gboolean        playing;
  gboolean        device_open;

  /* The device that would play (looked up when the first session arrives), or why none. */
  gboolean        probed;
  char           *probe_name;
  char           *probe_message;

  /* Decoding the session's files: the mix, then the references at its rate. */
  GCancellable   *cancellable;
  char           *mix_path;        /* wanted */
  GPtrArray      *ref_paths;       /* wanted, in the session's order */
  GPtrArray      *ref_sources;     /* LqSource, parallel to ref_paths */
  LqSourceBuffer *mix;             /* the mix source's audio (matches mix_path) */
  GHashTable     *refs;            /* path → LqSourceBuffer at the mix's rate */
  guint           pending;
  gboolean        loading;
  char           *load_error;

  /* What the window asked for; replayed once the player has the sources. */
  guint           selected;
  double          heard_gain_db;   /* the selected source's gain the meters measured at */
  double          loop_start;
  double          loop_end;
  gboolean        free_references;
  double          ref_loop_start[LQ_MAX_REFERENCES];   /* by reference index, seconds */
  double          ref_loop_end[LQ_MAX_REFERENCES];
  GArray         *compare;         /* LqChainParams, the compared masters' chains */
  double          seek_to;
  gboolean        have_seek;
  gboolean        play_pending;

  /* A seek the core has not rendered yet (it waits for the device, or for a fade): the
   * position reads the target until the core's own position gets there. */
  gboolean        holding;
  double          hold_position;
  guint64         hold_stream_frame;
};

/* lq-player-playback.c */
void _lq_player_playback_emit_device_changed (LqPlayerPlayback *self);
/* The player has the session's sources now: replays what the window asked for meanwhile. */
void _lq_player_playback_sources_ready       (LqPlayerPlayback *self);

/* lq-player-playback-sources.c: decodes the session's files for the player. */
void _lq_player_playback_load                (LqPlayerPlayback *self,
                                              GListModel       *sources);

G_END_DECLS
