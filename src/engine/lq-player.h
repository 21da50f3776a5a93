/* lq-player.h
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

#include "lq-analyze.h"
#include "lq-audio-device.h"
#include "lq-chain.h"
#include "lq-codec.h"
#include "lq-command.h"
#include "lq-meter-feed.h"
#include "lq-monitor.h"
#include "lq-source-buffer.h"

G_BEGIN_DECLS

/* The player: the GLib side of playback. It owns the sources, the real-time core
 * (lq-engine-rt, which the PortAudio callback runs) and the stream, and talks to the core
 * only through lock-free rings: commands in, retired buffers and meter frames out.
 *
 * What can be heard is a slot: LQ_SLOT_MIX, LQ_SLOT_MASTER (the mix through the chain) or
 * LQ_SLOT_REFERENCE + i. Selecting one crossfades to it at the same position (references keep
 * their own position unless sync-references is on). With match-enabled, every slot plays at
 * one common integrated loudness (matched-level): the first reference's (or the mix's when
 * there is none), or listening-level when match-target is LQ_MATCH_TARGET_LEVEL, lowered
 * where needed so that no slot's true peak plus its gain passes LQ_MATCH_CEILING_DBTP. The
 * master is re-measured (its whole analysis) on a worker after every chain change
 * (debounced, cancellable); "master-measured" says when it is current.
 *
 * Without a device the same graph renders offline with lq_player_render (). Positions and
 * stream frames are frames at the session rate (the mix's). Main thread only. */

/* Monitoring ceiling for level matching: no source's true peak plus its gain passes it. */
#define LQ_MATCH_CEILING_DBTP (-1.0)

#define LQ_PLAYER_ERROR (lq_player_error_quark ())

typedef enum
{
  LQ_PLAYER_ERROR_FAILED,         /* the chain or the core could not be set up */
  LQ_PLAYER_ERROR_INVALID,        /* a source, rate or slot the player cannot take */
  LQ_PLAYER_ERROR_NO_SOURCES,     /* nothing loaded to play */
  LQ_PLAYER_ERROR_BUSY,           /* the command queue is full */
} LqPlayerError;

GQuark lq_player_error_quark (void);

typedef enum
{
  LQ_PLAYER_STATE_STOPPED,
  LQ_PLAYER_STATE_PLAYING,
  LQ_PLAYER_STATE_PAUSED,
} LqPlayerState;

typedef enum
{
  LQ_MATCH_TARGET_REFERENCE,      /* the first reference's level (the mix's without one) */
  LQ_MATCH_TARGET_LEVEL,          /* listening-level */
} LqMatchTarget;

#define LQ_TYPE_PLAYER_STATE (lq_player_state_get_type ())
#define LQ_TYPE_MATCH_TARGET (lq_match_target_get_type ())
#define LQ_TYPE_MONITOR_MODE (lq_monitor_mode_get_type ())
#define LQ_TYPE_PLAYER       (lq_player_get_type ())

GType lq_player_state_get_type (void) G_GNUC_CONST;
GType lq_match_target_get_type (void) G_GNUC_CONST;
GType lq_monitor_mode_get_type (void) G_GNUC_CONST;

/* "Mono", "Left only"...: a monitoring mode's name for people (translated). */
const char     *lq_monitor_mode_get_label        (LqMonitorMode         mode);

G_DECLARE_FINAL_TYPE (LqPlayer, lq_player, LQ, PLAYER, GObject)

LqPlayer       *lq_player_new                    (void);

/* Sources: every reference must be at the mix's rate (load them with that rate). Replacing
 * the mix stops playback. At most LQ_MAX_REFERENCES references. */
gboolean        lq_player_set_sources            (LqPlayer             *self,
                                                  LqSourceBuffer       *mix,
                                                  LqSourceBuffer      **references,
                                                  guint                 n_references,
                                                  GError              **error);
LqSourceBuffer *lq_player_get_mix                (LqPlayer             *self);
guint           lq_player_get_n_references       (LqPlayer             *self);
LqSourceBuffer *lq_player_get_reference          (LqPlayer             *self,
                                                  guint                 index);
double          lq_player_get_sample_rate        (LqPlayer             *self);
guint64         lq_player_get_duration           (LqPlayer             *self);

/* The chain behind the master slot. */
void            lq_player_set_chain_params       (LqPlayer             *self,
                                                  const LqChainParams  *params);
void            lq_player_get_chain_params       (LqPlayer             *self,
                                                  LqChainParams        *params);
/* The chain's latency (what the master is compensated by), frames. */
guint           lq_player_get_chain_latency      (LqPlayer             *self);

/* Compare mode: the mix through each of n chains (chain snapshots) is heard as slot
 * LQ_SLOT_COMPARE + i beside the master, at the same position, each rendered live by its own
 * chain, measured like the master (on a worker) and matched like every slot. n 0 ends it.
 * A compared master that is heard and goes away hands over to the master. */
gboolean        lq_player_set_compare_chains     (LqPlayer             *self,
                                                  const LqChainParams  *params,
                                                  guint                 n,
                                                  GError              **error);
guint           lq_player_get_n_compare          (LqPlayer             *self);
/* The analysis of compared master i, NULL until it is measured. */
const LqAnalysisResult *lq_player_get_compare_analysis (LqPlayer      *self,
                                                        guint          index);
/* TRUE while a compared master is being measured. */
gboolean        lq_player_get_compare_measuring  (LqPlayer             *self);

/* Device. name NULL: the default. buffer_frames 0: the device's choice. On failure the
 * device-status and device-message properties say why, and offline rendering still works. */
gboolean        lq_player_open_device            (LqPlayer             *self,
                                                  const char           *name,
                                                  guint                 buffer_frames,
                                                  GError              **error);
void            lq_player_close_device           (LqPlayer             *self);
/* Plays out what is queued in the device, then stops the stream. */
void            lq_player_drain_device           (LqPlayer             *self);
LqDeviceStatus  lq_player_get_device_status      (LqPlayer             *self);
const char     *lq_player_get_device_message     (LqPlayer             *self);
const char     *lq_player_get_device_name        (LqPlayer             *self);
double          lq_player_get_output_latency     (LqPlayer             *self);
/* Commands the player could not queue for the audio thread (a sign of trouble). */
guint           lq_player_get_dropped_commands   (LqPlayer             *self);
guint           lq_player_get_xruns              (LqPlayer             *self);

/* Transport. */
void            lq_player_play                   (LqPlayer             *self);
void            lq_player_pause                  (LqPlayer             *self);
void            lq_player_stop                   (LqPlayer             *self);
void            lq_player_seek                   (LqPlayer             *self,
                                                  guint64               frame);
/* end <= start or !enabled turns looping off. */
void            lq_player_set_loop               (LqPlayer             *self,
                                                  gboolean              enabled,
                                                  guint64               start,
                                                  guint64               end);
gboolean        lq_player_get_loop               (LqPlayer             *self,
                                                  guint64              *start,
                                                  guint64              *end);
LqPlayerState   lq_player_get_state              (LqPlayer             *self);
/* Position of what is heard (the mix timeline, or an unsynced reference's own), frames;
 * while a device plays, what leaves the loudspeakers now (the output latency compensated). */
guint64         lq_player_get_position           (LqPlayer             *self);
/* Frames rendered since the core started: the clock switches are scheduled on. */
guint64         lq_player_get_stream_frame       (LqPlayer             *self);

/* Switching. */
void            lq_player_select                 (LqPlayer             *self,
                                                  int                   slot);
/* Switches at exactly stream_frame (or at once when it has passed). Scheduled switches must
 * come in order of stream_frame. */
gboolean        lq_player_schedule_select        (LqPlayer             *self,
                                                  int                   slot,
                                                  guint64               stream_frame,
                                                  GError              **error);
int             lq_player_get_selected           (LqPlayer             *self);
/* Stream frame at which the last switch started in the core. */
guint64         lq_player_get_switch_frame       (LqPlayer             *self);
void            lq_player_set_crossfade_ms       (LqPlayer             *self,
                                                  double                ms);
double          lq_player_get_crossfade_ms       (LqPlayer             *self);
void            lq_player_set_sync_references    (LqPlayer             *self,
                                                  gboolean              sync);
gboolean        lq_player_get_sync_references    (LqPlayer             *self);
/* A reference's own loop, frames, heard while sync-references is off (end <= start or
 * !enabled: none). It follows its reference when lq_player_set_sources () reorders them. */
void            lq_player_set_reference_loop     (LqPlayer             *self,
                                                  guint                 index,
                                                  gboolean              enabled,
                                                  guint64               start,
                                                  guint64               end);
gboolean        lq_player_get_reference_loop     (LqPlayer             *self,
                                                  guint                 index,
                                                  guint64              *start,
                                                  guint64              *end);

/* Monitoring mode (lq-monitor.h) on everything heard, every source alike; a change
 * crossfades over the default switch time. */
void            lq_player_set_monitor_mode       (LqPlayer             *self,
                                                  LqMonitorMode         mode);
LqMonitorMode   lq_player_get_monitor_mode       (LqPlayer             *self);

/* Level matching. */
void            lq_player_set_match_enabled      (LqPlayer             *self,
                                                  gboolean              enabled);
gboolean        lq_player_get_match_enabled      (LqPlayer             *self);
void            lq_player_set_match_target       (LqPlayer             *self,
                                                  LqMatchTarget         target);
LqMatchTarget   lq_player_get_match_target       (LqPlayer             *self);
void            lq_player_set_listening_level    (LqPlayer             *self,
                                                  double                lufs);
double          lq_player_get_listening_level    (LqPlayer             *self);
/* A user trim added to a slot's gain, dB (0 by default). */
void            lq_player_set_gain_offset_db     (LqPlayer             *self,
                                                  int                   slot,
                                                  double                db);
/* The gain applied to slot (matching plus trim), dB. */
double          lq_player_get_gain_db            (LqPlayer             *self,
                                                  int                   slot);
/* The integrated loudness a slot is matched from (as played, before gain), LUFS. */
double          lq_player_get_loudness           (LqPlayer             *self,
                                                  int                   slot);
/* True peak a slot is matched with (as played, before gain), dBTP. */
double          lq_player_get_true_peak          (LqPlayer             *self,
                                                  int                   slot);
/* The common level every slot is heard at, LUFS; NaN while matching is off. */
double          lq_player_get_matched_level      (LqPlayer             *self);
/* The slot whose true peak lowered the common level below the target, or -1. */
int             lq_player_get_match_limited_by   (LqPlayer             *self);
/* "Matched at -18.2 LUFS", with the source whose peak lowered it when one did; NULL while
 * matching is off. For the window and the command line alike. */
char           *lq_player_dup_match_summary      (LqPlayer             *self);
/* Listen as a streaming service (an id from lq-platforms.h), or NULL for matched playback:
 * every source then plays with the gain that service would give it, through its limiter if
 * it has one. Returns FALSE for an unknown id. */
gboolean        lq_player_set_listen_as          (LqPlayer             *self,
                                                  const char           *platform_id);
const char     *lq_player_get_listen_as          (LqPlayer             *self);
/* The master's own analysis (the mix through the current chain), NULL while not measured. */
const LqAnalysisResult *lq_player_get_master_analysis (LqPlayer        *self);
/* TRUE while the master is being re-measured after a chain change. */
gboolean        lq_player_get_measuring          (LqPlayer             *self);

/* Codec preview: the master (the mix through the current chain) encoded with spec, decoded
 * and time-aligned on a worker, heard as LQ_SLOT_CODEC ("Master · MP3 128"), matched like
 * every slot, and its artefacts (decoded - master) as LQ_SLOT_CODEC_ARTEFACTS at the codec
 * slot's gain, so at their real level beside the programme (lowered only where their peak
 * would pass LQ_MATCH_CEILING_DBTP). A chain change re-runs it LQ_PLAYER_CODEC_DEBOUNCE_MS
 * after the last change, cancelling a running one; "codec-updating" is TRUE until the new
 * result is in, and "codec-ready" tells when it is. spec NULL ends the preview. */
#define LQ_PLAYER_CODEC_DEBOUNCE_MS 500
void            lq_player_set_codec_preview      (LqPlayer             *self,
                                                  const LqCodecSpec    *spec);
/* What the preview encodes: -1 the master (the default), else reference (an index): that
 * reference's own decoded audio, no chain, heard as "<its name> · MP3 128" on the mix's
 * timeline (as a synced reference). A chain change does not re-run it, and it has no
 * codec-safe ceiling (that is the master's limiter's). It follows its reference when the
 * references move ("codec-source" tells); when the reference goes, so does its preview, and
 * the master's is made. FALSE for an index with no reference. */
gboolean        lq_player_set_codec_source       (LqPlayer             *self,
                                                  int                   reference);
int             lq_player_get_codec_source       (LqPlayer             *self);
/* A reference's name as its preview and the source switcher give it (its file's title). */
char           *lq_player_dup_reference_title    (LqSourceBuffer       *reference);
/* The codec previewed, or NULL. */
const LqCodecSpec *lq_player_get_codec_spec      (LqPlayer             *self);
/* The readouts of the last finished preview (NULL: none); stale while codec-updating. */
const LqCodecResult *lq_player_get_codec_result  (LqPlayer             *self);
/* Why the last preview failed, or NULL. */
const char     *lq_player_get_codec_error        (LqPlayer             *self);
gboolean        lq_player_get_codec_updating     (LqPlayer             *self);
/* The result is in and its decode is over -1 dBTP: the codec-safe ceiling is being tried
 * (the master rendered at it, through the codec and back) and is NAN until "codec-ready"
 * comes again. */
gboolean        lq_player_get_codec_checking     (LqPlayer             *self);
/* What a codec slot plays (LQ_SLOT_CODEC + i), NULL while there is none. */
LqSourceBuffer *lq_player_get_codec_buffer       (LqPlayer             *self,
                                                  guint                 index);

LqMeterFeed    *lq_player_get_meter_feed         (LqPlayer             *self);
/* Restarts the integrated loudness of what was heard and the peak holds. */
void            lq_player_reset_meters           (LqPlayer             *self);

/* Offline: renders n_frames interleaved stereo frames of the player's graph through the code
 * the device callback runs. Only while no device stream is open. */
void            lq_player_render                 (LqPlayer             *self,
                                                  float                *out,
                                                  guint                 n_frames);
/* Housekeeping the main loop does on its own when a device is open: frees retired buffers,
 * follows the core's state and the device's health. Offline callers call it after render. */
void            lq_player_update                 (LqPlayer             *self);

G_END_DECLS
