/* lq-player-private.h
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

#include "lq-analyze.h"
#include "lq-codec.h"
#include "lq-engine-rt.h"
#include "lq-platforms.h"
#include "lq-player.h"

G_BEGIN_DECLS

struct _LqPlayer
{
  GObject          parent_instance;

  /* Sources and the core. */
  LqSourceBuffer  *mix;
  GPtrArray       *references;
  double           rate;
  LqEngineRt      *rt;
  gboolean         rt_has_chain;
  LqMeterFeed     *feed;
  guint32          meter_reset_serial;
  LqChainParams    chain_params;
  guint            chain_latency;

  /* Device. */
  LqAudioStream   *stream;
  LqAudioDevice   *device;
  guint            buffer_frames;
  LqDeviceStatus   device_status;
  char            *device_message;
  guint            tick_id;
  guint64          last_renders;
  gint64           last_progress_us;
  guint            xruns;
  guint            dropped_commands;  /* commands the full queue refused */

  /* Transport and switching (as asked; the core's view is read back in update). */
  LqPlayerState    state;
  guint            end_count_seen;
  int              selected;
  guint64          select_renders;
  double           crossfade_ms;
  gboolean         sync;
  LqMonitorMode    monitor_mode;
  gboolean         loop;
  guint64          loop_start;
  guint64          loop_end;
  struct
  {
    gboolean       enabled;
    guint64        start;
    guint64        end;
  }                ref_loops[LQ_MAX_REFERENCES];   /* by index in references */
  guint64          last_scheduled;
  guint64          last_position;

  /* Level matching. */
  gboolean         match;
  LqMatchTarget    match_target;
  double           listening_level;
  double           offsets[LQ_MAX_SLOTS];
  double           gains[LQ_MAX_SLOTS];
  LqAnalysisResult *master;       /* the master's own analysis; NULL until measured */
  double           matched_level;  /* NaN while matching is off */
  int              limited_by;     /* slot whose true peak lowered the level, or -1 */
  gboolean         measuring;
  GCancellable    *measure_cancellable;
  guint            measure_source_id;
  guint            measure_generation;
  const LqPlatform *listen_as;    /* a service's gains instead of matching, or NULL */

  /* Compare mode (lq-player-compare.c): chains beside the master, slot LQ_SLOT_COMPARE + i. */
  LqChainParams    compare_params[LQ_MAX_COMPARE];
  guint            n_compare;
  gboolean         rt_has_compare;   /* the core has this set */
  LqAnalysisResult *compare_analysis[LQ_MAX_COMPARE];   /* NULL until measured */
  guint            compare_measuring;                   /* measurements running */
  GCancellable    *compare_cancellable;

  /* Codec preview (lq-player-codec.c): the master (or a reference) through a lossy codec and
   * back, heard as LQ_SLOT_CODEC, and its artefacts as LQ_SLOT_CODEC_ARTEFACTS. */
  gboolean         codec_enabled;
  LqCodecSpec      codec_spec;
  LqSourceBuffer  *codec_reference;       /* what is encoded: NULL the master, else this */
  LqSourceBuffer  *codec[LQ_MAX_CODEC];   /* of the current result; NULL: none */
  LqCodecResult   *codec_result;
  char            *codec_error;
  gboolean         codec_updating;
  gboolean         codec_checking;        /* the safe ceiling is being tried */
  GCancellable    *codec_cancellable;
  guint            codec_source_id;
  guint            codec_generation;
};

enum {
  PLAYER_PROP_0,
  PLAYER_PROP_STATE,
  PLAYER_PROP_POSITION,
  PLAYER_PROP_DURATION,
  PLAYER_PROP_SAMPLE_RATE,
  PLAYER_PROP_SELECTED,
  PLAYER_PROP_CROSSFADE_MS,
  PLAYER_PROP_SYNC_REFERENCES,
  PLAYER_PROP_MATCH_ENABLED,
  PLAYER_PROP_MATCH_TARGET,
  PLAYER_PROP_LISTENING_LEVEL,
  PLAYER_PROP_MEASURING,
  PLAYER_PROP_MATCHED_LEVEL,
  PLAYER_PROP_DEVICE_STATUS,
  PLAYER_PROP_DEVICE_MESSAGE,
  PLAYER_PROP_DEVICE_NAME,
  PLAYER_PROP_XRUNS,
  PLAYER_PROP_MONITOR_MODE,
  PLAYER_PROP_CODEC_UPDATING,
  PLAYER_PROP_CODEC_SOURCE,
  PLAYER_N_PROPS
};

enum {
  PLAYER_SIGNAL_END_OF_STREAM,
  PLAYER_SIGNAL_GAINS_CHANGED,
  PLAYER_SIGNAL_MASTER_MEASURED,
  PLAYER_SIGNAL_CODEC_READY,
  PLAYER_SIGNAL_SOURCES_CHANGED,
  PLAYER_N_SIGNALS
};

extern GParamSpec *_lq_player_properties [PLAYER_N_PROPS];
extern guint       _lq_player_signals [PLAYER_N_SIGNALS];

/* lq-player.c */
gboolean _lq_player_push              (LqPlayer        *self,
                                       const LqCommand *command);
void     _lq_player_push_simple       (LqPlayer        *self,
                                       LqCommandType    type);
void     _lq_player_set_state         (LqPlayer        *self,
                                       LqPlayerState    state);
void     _lq_player_set_device_status (LqPlayer        *self,
                                       LqDeviceStatus   status,
                                       const char      *message);
/* A chain as the core runs it (stereo, the core's rate and block), with params. */
LqChain *_lq_player_make_chain        (LqPlayer            *self,
                                       const LqChainParams *params,
                                       GError             **error);
/* Closes the stream (if any) and stops the tick. */
void     _lq_player_stop_stream       (LqPlayer        *self);

/* lq-player-device.c */
/* Follows the device's health (from lq_player_update). */
void     _lq_player_check_device      (LqPlayer        *self);

/* lq-player-match.c */
void     _lq_player_update_gains      (LqPlayer        *self);
/* Re-measures the master after delay_ms (restarting the delay and cancelling a running
 * measurement). */
void     _lq_player_schedule_measure  (LqPlayer        *self,
                                       guint            delay_ms);
void     _lq_player_cancel_measure    (LqPlayer        *self);
/* A measurement of the mix through a chain with params (the master's, or a compared one's),
 * on a worker once run; it returns an LqAnalysisResult * (g_task_propagate_pointer). */
GTask   *_lq_player_measure_task_new  (LqPlayer            *self,
                                       const LqChainParams *params,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
void     _lq_player_measure_task_run  (GTask           *task);

/* Runs the mix through a fresh chain with params on the calling thread, handing func the
 * master block by block from the mix's frame 0 (the chain's latency skipped). FALSE with
 * error when the chain cannot be made, cancellable fires or func fails. */
typedef gboolean (*LqMasterBlockFunc) (const float *l,
                                       const float *r,
                                       guint        n,
                                       gpointer     user_data,
                                       GError     **error);
gboolean _lq_player_render_master     (LqSourceBuffer      *mix,
                                       const LqChainParams *params,
                                       double               rate,
                                       GCancellable        *cancellable,
                                       LqMasterBlockFunc    func,
                                       gpointer             user_data,
                                       GError             **error);

/* lq-player.c: hands the core the sources again (after the codec preview changed). */
void     _lq_player_resend_sources    (LqPlayer        *self);

/* lq-player-codec.c */
/* Re-runs the codec preview after delay_ms (a chain change), cancelling a running one. */
void     _lq_player_codec_schedule    (LqPlayer        *self,
                                       guint            delay_ms);
/* Drops the preview's result and buffers (a new mix), keeping the choice of codec. */
void     _lq_player_codec_clear       (LqPlayer        *self);
/* The chain changed: the master's preview is made again (a reference's is not about it). */
void     _lq_player_codec_chain_changed (LqPlayer      *self);
/* Before references become the player's: a previewed reference that is not among them any
 * more ends its preview, and the master's is made instead (one of the same file, loaded
 * anew, is previewed in its place). */
void     _lq_player_codec_check_references (LqPlayer        *self,
                                            LqSourceBuffer **references,
                                            guint            n_references);
void     _lq_player_codec_dispose     (LqPlayer        *self);

/* lq-player-compare.c */
/* Sends the compared masters to a core that does not have them yet (a new one). */
void     _lq_player_compare_send      (LqPlayer        *self);
/* Measures every compared master anew (a new mix). */
void     _lq_player_compare_measure   (LqPlayer        *self);
void     _lq_player_compare_dispose   (LqPlayer        *self);
void     _lq_player_compare_free      (LqRtCompare     *compare);

G_END_DECLS
