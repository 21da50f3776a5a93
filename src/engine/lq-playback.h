/* lq-playback.h
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

#include "lq-chain.h"
#include "lq-command.h"
#include "lq-meter-feed.h"
#include "lq-monitor.h"

G_BEGIN_DECLS

/* How the window drives audio output. The real-time player lives in src/engine and knows
 * nothing of GTK; an adapter implementing this interface attaches it to a window with
 * lq_window_set_playback (). Without one, everything but sound works and the transport
 * says "No audio output".
 *
 * Implementations have two properties, "playing" (boolean) and "position" (double,
 * seconds), notified from the main thread; the window reads the position on its frame
 * clock while playing. Two signals: "gains-changed" when the gain a source is heard at
 * changed (see get_gain), "device-changed" when the device's name or message changed. */

/* select and get_gain take a source's index in the set, or LQ_PLAYBACK_COMPARE + i for
 * compared master i (compare mode): the compared masters live beside the source set. */
#define LQ_PLAYBACK_COMPARE LQ_SLOT_COMPARE
#define LQ_PLAYBACK_MAX_COMPARE LQ_MAX_COMPARE

#define LQ_TYPE_PLAYBACK (lq_playback_get_type ())

G_DECLARE_INTERFACE (LqPlayback, lq_playback, LQ, PLAYBACK, GObject)

struct _LqPlaybackInterface
{
  GTypeInterface parent_iface;

  /* The sources of the session (an LqSourceSet: mix, master, references), by path. */
  void       (*set_sources)      (LqPlayback *self,
                                  GListModel *sources);
  /* Click-free switch to sources[index] at gain_db, at the same musical position. A playback
   * that matches loudness itself (set_matching) uses its own gains and reports them through
   * get_gain. */
  void       (*select)           (LqPlayback *self,
                                  guint       index,
                                  double      gain_db);
  void       (*play)             (LqPlayback *self);
  void       (*pause)            (LqPlayback *self);
  void       (*stop)             (LqPlayback *self);
  void       (*seek)             (LqPlayback *self,
                                  double      seconds);
  /* end <= start turns looping off. */
  void       (*set_loop)         (LqPlayback *self,
                                  double      start,
                                  double      end);
  double     (*get_position)     (LqPlayback *self);
  gboolean   (*get_playing)      (LqPlayback *self);
  /* Human-readable name of the device in use, e.g. "Built-in Audio Analog Stereo". */
  char      *(*dup_device_name)  (LqPlayback *self);
  /* Names of the output devices one can choose in Preferences (NULL-terminated). */
  char     **(*dup_device_names) (LqPlayback *self);
  /* The chain the Master source is heard through (smoothed in the player; the master's
   * matching gain follows after a re-measure). */
  void       (*set_chain)        (LqPlayback          *self,
                                  const LqChainParams *params);
  /* Loudness matching: every source heard at listening_level (LUFS) when enabled. */
  void       (*set_matching)     (LqPlayback *self,
                                  gboolean    enabled,
                                  double      listening_level);
  /* The gain sources[index] is heard at, dB; FALSE while the playback does not know it yet
   * (the window then shows the gain its analysis predicts). */
  gboolean   (*get_gain)         (LqPlayback *self,
                                  guint       index,
                                  double     *gain_db);
  /* The integrated loudness, LUFS, of what plays at index as the playback itself measured
   * it: a compared master's (LQ_PLAYBACK_COMPARE + i), which no source of the set holds.
   * FALSE while unknown (optional). */
  gboolean   (*get_loudness)     (LqPlayback *self,
                                  guint       index,
                                  double     *lufs);
  /* Why nothing can be heard, for the status line; NULL while output works. */
  char      *(*dup_device_message) (LqPlayback *self);
  /* The live meters of what is heard (NULL: none). The window drains it on its frame
   * clock. */
  LqMeterFeed *(*get_meter_feed) (LqPlayback *self);
  /* References in "free" mode keep their own position and loop; otherwise (sync) they
   * follow the mix's position. */
  void       (*set_free_references) (LqPlayback *self,
                                     gboolean    free_references);
  /* The own loop of sources[index] (a reference), seconds of it; end <= start: none. */
  void       (*set_reference_loop) (LqPlayback *self,
                                    guint       index,
                                    double      start,
                                    double      end);
  /* How every source reaches the loudspeakers (lq-monitor.h); a change crossfades. */
  void       (*set_monitor_mode) (LqPlayback    *self,
                                  LqMonitorMode  mode);
  /* Play every source as a streaming service would (an lq-platforms.h id) instead of
   * matching; NULL: matched. */
  void       (*set_listen_as)    (LqPlayback *self,
                                  const char *platform_id);
  /* How long a switch between sources crossfades, ms (optional). */
  void       (*set_crossfade_ms)   (LqPlayback *self,
                                    double      ms);
  double     (*get_crossfade_ms)   (LqPlayback *self);
  /* Compare mode: the mix through each of n chains (snapshots) heard as compared master i,
   * rendered live, measured and matched like any source (optional). n 0 ends it. */
  void       (*set_compare_chains) (LqPlayback          *self,
                                    const LqChainParams *params,
                                    guint                n);
};

void         lq_playback_set_sources         (LqPlayback *self,
                                              GListModel *sources);
void         lq_playback_select              (LqPlayback *self,
                                              guint       index,
                                              double      gain_db);
void         lq_playback_play                (LqPlayback *self);
void         lq_playback_pause               (LqPlayback *self);
void         lq_playback_stop                (LqPlayback *self);
void         lq_playback_seek                (LqPlayback *self,
                                              double      seconds);
void         lq_playback_set_loop            (LqPlayback *self,
                                              double      start,
                                              double      end);
double       lq_playback_get_position        (LqPlayback *self);
gboolean     lq_playback_get_playing         (LqPlayback *self);
char        *lq_playback_dup_device_name     (LqPlayback *self);
char       **lq_playback_dup_device_names    (LqPlayback *self);
void         lq_playback_set_chain           (LqPlayback          *self,
                                              const LqChainParams *params);
void         lq_playback_set_matching        (LqPlayback *self,
                                              gboolean    enabled,
                                              double      listening_level);
gboolean     lq_playback_get_gain            (LqPlayback *self,
                                              guint       index,
                                              double     *gain_db);
gboolean     lq_playback_get_loudness        (LqPlayback *self,
                                              guint       index,
                                              double     *lufs);
char        *lq_playback_dup_device_message  (LqPlayback *self);
LqMeterFeed *lq_playback_get_meter_feed      (LqPlayback *self);
void         lq_playback_set_free_references (LqPlayback *self,
                                              gboolean    free_references);
void         lq_playback_set_reference_loop  (LqPlayback *self,
                                              guint       index,
                                              double      start,
                                              double      end);
void         lq_playback_set_monitor_mode    (LqPlayback    *self,
                                              LqMonitorMode  mode);
void         lq_playback_set_listen_as       (LqPlayback    *self,
                                              const char    *platform_id);
void         lq_playback_set_crossfade_ms    (LqPlayback *self,
                                              double      ms);
void         lq_playback_set_compare_chains  (LqPlayback          *self,
                                              const LqChainParams *params,
                                              guint                n);
/* -1 when the playback cannot tell. */
double       lq_playback_get_crossfade_ms    (LqPlayback *self);

G_END_DECLS
