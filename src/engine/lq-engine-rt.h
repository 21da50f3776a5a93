/* lq-engine-rt.h
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

#include <stdbool.h>
#include <stdint.h>

#include "lq-chain.h"
#include "lq-command.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The player's real-time core: plain C, no GLib, everything allocated at creation.
 *
 * lq_engine_rt_render () is the whole audio graph. The PortAudio callback calls it (through
 * lq_engine_rt_callback), and so do offline renders and tests, so what a test measures
 * offline is what the device plays. Threads:
 *
 *  - one audio thread (the callback, or whoever renders offline) calls render/callback;
 *  - one control thread pushes commands and pops retired pointers, meter frames and audio;
 *  - any thread may read the published atomics (the get_ functions marked so).
 *
 * The graph: the mix is read at the heard position; the chain (the master) is fed the mix
 * `latency` frames ahead of it, so mix and master are heard at the same musical position with
 * no delay line; references are read at the heard position (sync) or their own. A weight per
 * slot (crossfades) times a ramped gain per slot (level matching) mixes them, a transport
 * fade applies play/pause/seek without clicks, and the meters measure what leaves. */

#define LQ_ENGINE_RT_BLOCK 1024

/* One loaded source at the session rate: planar, data[1] == data[0] for mono. */
typedef struct
{
  const float *data[2];
  uint64_t     frames;
  uint32_t     channels;
} LqRtSource;

/* A complete source set, published by pointer. chain NULL keeps the chain in use (the core
 * moves it into this set); otherwise the core switches to this set's chain, which must be
 * stereo at the core's rate. The core owns the set until it comes back through the retire
 * ring (with whatever chain it then holds). */
typedef struct
{
  LqRtSource  mix;                              /* frames 0: nothing loaded */
  uint32_t    n_references;
  LqRtSource  references[LQ_MAX_REFERENCES];
  /* The codec preview, on the mix's timeline (frames 0: none): LQ_SLOT_CODEC + i. */
  LqRtSource  codec[LQ_MAX_CODEC];
  LqChain    *chain;
} LqRtSources;

/* The compared masters: chains that render the mix beside the master, each heard as slot
 * LQ_SLOT_COMPARE + i, for comparing chain snapshots live. Each chain must be made with the
 * master chain's configuration (stereo, the core's rate, LQ_ENGINE_RT_BLOCK frames), so that
 * its latency is the master's: they all take the master's input. They run only while there
 * is a master chain. The core owns the set until it comes back through the retire ring.
 * A set replacing one while a compared master is heard cuts over to it (in time, primed, but
 * without a crossfade). */
typedef struct
{
  uint32_t  n;
  LqChain  *chains[LQ_MAX_COMPARE];
} LqRtCompare;

/* Published every meter period (one BS.1770 10 ms step) through the meter ring. Loudness in
 * LUFS (-INFINITY for silence), peaks linear, correlation as sums over the period. */
typedef struct
{
  uint64_t stream_frame;        /* stream frame just after the period */
  uint64_t position;            /* heard position at its end */
  int32_t  slot;                /* slot being switched to (or heard) */
  uint32_t frames;
  float    momentary;
  float    short_term;
  float    integrated;          /* of everything heard since the last reset; every 100 ms */
  float    true_peak[2];
  float    sample_peak[2];
  float    sum_ll;
  float    sum_rr;
  float    sum_lr;
  float    compressor_gr_db;
  float    limiter_gr_db;
  uint32_t xruns;
  uint32_t reset_serial;        /* of the last LQ_COMMAND_RESET_METERS taken before it */
} LqMeterFrame;

typedef struct
{
  double   sample_rate;
  uint32_t out_channels;        /* device channels: 1 (L+R)/2, 2, or more (silent above 2) */
  uint32_t command_capacity;    /* commands; 0 picks 256 */
  uint32_t scheduled_capacity;  /* scheduled commands; 0 picks 4096 */
  uint32_t audio_capacity;      /* frames of post-chain audio for the spectrum; 0 picks 32768 */
  uint32_t meter_capacity;      /* meter frames; 0 picks 512 */
} LqEngineRtConfig;

/* Test probe: enter/leave run on the audio thread around every render and callback. */
typedef struct
{
  void (*enter) (void *data);
  void (*leave) (void *data);
  void  *data;
} LqEngineRtProbe;

typedef enum
{
  LQ_ENGINE_RT_IDLE,            /* silent, not advancing (stopped or paused) */
  LQ_ENGINE_RT_PLAYING,
} LqEngineRtState;

typedef struct LqEngineRt LqEngineRt;

typedef void (*LqRetireFunc) (const LqRetired *retired,
                              void            *user_data);

/* Not real-time safe. */
LqEngineRt  *lq_engine_rt_new                (const LqEngineRtConfig *config);
/* Only when no thread renders; every pointer the core still holds (current and pending
 * sources, unapplied commands, retired entries) goes to release first. */
void         lq_engine_rt_free               (LqEngineRt             *self,
                                              LqRetireFunc            release,
                                              void                   *user_data);
void         lq_engine_rt_set_probe          (LqEngineRt             *self,
                                              const LqEngineRtProbe  *probe);
double       lq_engine_rt_get_sample_rate    (const LqEngineRt       *self);
/* Only while no thread renders (before a stream starts). */
void         lq_engine_rt_set_out_channels   (LqEngineRt             *self,
                                              uint32_t                out_channels);
uint32_t     lq_engine_rt_get_meter_period   (const LqEngineRt       *self);

/* Control thread. Commands apply at the start of the next render; scheduled ones at their
 * at_frame exactly (in order: at_frame must not decrease between pushes). False when the
 * ring is full. */
bool         lq_engine_rt_push_command       (LqEngineRt             *self,
                                              const LqCommand        *command);
bool         lq_engine_rt_push_scheduled     (LqEngineRt             *self,
                                              const LqCommand        *command);
bool         lq_engine_rt_pop_retired        (LqEngineRt             *self,
                                              LqRetired              *retired);
bool         lq_engine_rt_pop_meter          (LqEngineRt             *self,
                                              LqMeterFrame           *frame);
/* Interleaved stereo frames of what was heard, oldest first; returns the count read. */
uint32_t     lq_engine_rt_read_audio         (LqEngineRt             *self,
                                              float                  *frames,
                                              uint32_t                max_frames);
uint64_t     lq_engine_rt_get_dropped        (LqEngineRt             *self);

/* Audio thread: fills n_frames interleaved frames of out_channels. Real-time safe. */
void         lq_engine_rt_render             (LqEngineRt             *self,
                                              float                  *out,
                                              uint32_t                n_frames);
/* The same for a device callback, counting an xrun when the device reported one. */
void         lq_engine_rt_callback           (LqEngineRt             *self,
                                              float                  *out,
                                              uint32_t                n_frames,
                                              bool                    xrun);

/* Any thread (published after each render). */
uint64_t     lq_engine_rt_get_stream_frame   (LqEngineRt             *self);
uint64_t     lq_engine_rt_get_position       (LqEngineRt             *self);
int          lq_engine_rt_get_slot           (LqEngineRt             *self);
/* Stream frame at which the last switch (crossfade) started. */
uint64_t     lq_engine_rt_get_switch_frame   (LqEngineRt             *self);
LqEngineRtState lq_engine_rt_get_state       (LqEngineRt             *self);
/* Counts the times the mix reached its end (playback stopped there). */
uint32_t     lq_engine_rt_get_end_count      (LqEngineRt             *self);
uint32_t     lq_engine_rt_get_xruns          (LqEngineRt             *self);
uint32_t     lq_engine_rt_get_latency        (LqEngineRt             *self);
uint64_t     lq_engine_rt_get_renders        (LqEngineRt             *self);

#ifdef __cplusplus
}
#endif
