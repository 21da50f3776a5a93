/* lq-engine-rt-private.h
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

#include <math.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "lq-engine-rt.h"
#include "lq-loudness.h"
#include "lq-monitor.h"
#include "lq-peak-limiter.h"
#include "lq-ring.h"
#include "lq-smoother.h"
#include "lq-truepeak.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Shared by lq-engine-rt.c (life cycle, the control thread's side), lq-engine-rt-commands.c
 * (commands and the transport) and lq-engine-rt-render.c (the audio graph). Plain C, no
 * GLib: all of it runs on the audio thread but _new/_free. */

#define TRANSPORT_FADE_MS   5.0   /* play, pause, seek */
#define GAIN_RAMP_MS        20.0  /* level-matching gain changes */
#define DEFAULT_XFADE_MS    10.0  /* source switches */
#define MONITOR_MIN_FADE_MS 2.0   /* monitoring mode changes, whatever the crossfade */
#define INTEGRATED_PERIODS  10    /* refresh the integrated reading every 100 ms */
#define RETIRE_CAPACITY     64

#define N_RINGS 5

/* A reference's own loop (used while the references are not synced to the mix). */
typedef struct
{
  bool     enabled;
  uint64_t start;
  uint64_t end;
} LqRtLoop;

struct LqEngineRt
{
  double           rate;
  uint32_t         out_channels;
  uint32_t         meter_period;
  uint32_t         fade_frames;

  LqRing           commands;
  LqRing           scheduled;
  LqRing           retired;
  LqRing           meters;
  LqRing           audio;
  void            *ring_storage[N_RINGS];

  LqEngineRtProbe  probe;

  /* The graph. chain is sources->chain whenever sources is set. */
  LqRtSources     *sources;
  LqChain         *chain;
  bool             comp_bypass;   /* the meters show no gain reduction for a bypassed stage */
  bool             lim_bypass;
  uint32_t         latency;
  bool             primed;        /* the chain holds the latency frames ahead of heard_pos */

  /* The compared masters (lq-engine-rt-compare.c), each rendered into its own buffers. */
  LqRtCompare     *compare;
  float           *compare_out[LQ_MAX_COMPARE][2];

  /* Transport. */
  bool             playing;       /* asked to play */
  bool             running;       /* the timeline advances */
  uint32_t         fade_count;    /* transport fade, 0 (silent) .. fade_frames (full) */
  bool             have_seek;
  uint64_t         seek_frame;
  int              seek_slot;     /* an unsynced reference's slot, or -1 for the timeline */
  bool             rewind;
  bool             have_sync_on;
  bool             have_select;   /* a switch asked for while fading out, made at silence */
  int              select_slot;
  LqRtSources     *pending_sources;
  uint64_t         heard_pos;     /* mix timeline position being heard */
  uint64_t         feed_pos;      /* mix timeline position entering the chain */
  bool             loop;
  uint64_t         loop_start;
  uint64_t         loop_end;
  bool             sync;
  uint64_t         ref_pos[LQ_MAX_REFERENCES];
  LqRtLoop         ref_loop[LQ_MAX_REFERENCES];
  LqRtLoop         pending_ref_loop[LQ_MAX_REFERENCES];   /* for pending_sources' indices */

  /* Switching: weight of slot s at fade phase t is fo (t) w0[s] + fi (t) [s == target]. */
  int              target;
  float            w0[LQ_MAX_SLOTS];
  uint32_t         xfade_frames;
  uint32_t         xfade_len;
  uint32_t         xfade_pos;     /* == xfade_len when no fade runs */
  bool             xfade_power;
  LqSmoother       gain[LQ_MAX_SLOTS];
  uint64_t         switch_frame;

  /* Listen as a service that limits (Spotify Loud): its limiter on the output, faded in and
   * out by listen_wet. */
  LqPeakLimiter    listen_limiter;
  LqSmoother       listen_wet;

  /* The monitoring mode, on what is heard (so the meters show it too). */
  LqMonitor        monitor;

  uint64_t         stream_frame;
  uint32_t         end_count;

  /* Scratch, LQ_ENGINE_RT_BLOCK frames each. */
  float           *scratch;
  float           *feed[2];
  float           *master[2];
  float           *src[2];
  float           *mixed[2];
  float           *coef;
  float           *fo;
  float           *fi;
  float           *inter;

  /* Meters. */
  LqLoudness      *loudness;
  LqTruePeak      *truepeak;
  uint32_t         period_pos;
  uint32_t         period_count;
  uint32_t         reset_serial;
  double           sum_ll;
  double           sum_rr;
  double           sum_lr;
  float            comp_gr;
  float            lim_gr;
  float            integrated;

  /* Published for other threads. */
  _Atomic uint64_t pub_stream_frame;
  _Atomic uint64_t pub_position;
  _Atomic uint64_t pub_switch_frame;
  _Atomic uint64_t pub_renders;
  _Atomic int      pub_slot;
  _Atomic int      pub_state;
  _Atomic uint32_t pub_end_count;
  _Atomic uint32_t pub_latency;
  _Atomic uint32_t xruns;
};

static inline bool
has_mix (const LqEngineRt *self)
{
  return self->sources != NULL && self->sources->mix.frames > 0;
}

/* Frames until pos wraps at the loop end, or UINT64_MAX. */
static inline uint64_t
until_wrap (const LqEngineRt *self,
            uint64_t          pos)
{
  if (self->loop && pos < self->loop_end)
    return self->loop_end - pos;
  return UINT64_MAX;
}

static inline uint64_t
timeline_add (const LqEngineRt *self,
              uint64_t          pos,
              uint64_t          n)
{
  uint64_t d = until_wrap (self, pos);

  if (n < d)
    return pos + n;
  return self->loop_start + (n - d) % (self->loop_end - self->loop_start);
}

/* Crossfade gains at phase t (0..1): equal power, or amplitudes summing to one. */
static inline void
xfade_gains (bool   power,
             double t,
             float *fo,
             float *fi)
{
  double c = cos (t * M_PI / 2.0);
  double s = sin (t * M_PI / 2.0);

  if (power)
    {
      *fo = (float) c;
      *fi = (float) s;
    }
  else
    {
      *fo = (float) (c * c);
      *fi = (float) (s * s);
    }
}

/* The slot last selected: the target, or the switch waiting for silence. */
static inline int
selected_slot (const LqEngineRt *self)
{
  return self->have_select ? self->select_slot : self->target;
}

/* Ends any crossfade: only the target is heard. */
static inline void
snap_weights (LqEngineRt *self)
{
  memset (self->w0, 0, sizeof self->w0);
  self->xfade_len = self->xfade_pos = 0;
}

/* Starts a crossfade from whatever is heard now to slot. Mix and master are the same
 * programme at the same position (coherent): their amplitudes sum to one (cos^2 + sin^2), so
 * the level does not bump mid-fade. Anything involving a reference is uncorrelated
 * programme: equal power (cos, sin). */

/* lq-engine-rt-render.c */
void     _lq_engine_rt_source_view      (const LqRtSource *src,
                                         uint64_t          pos,
                                         uint32_t          n,
                                         float            *scratch_l,
                                         float            *scratch_r,
                                         const float     **out);

/* lq-engine-rt-compare.c */
/* Runs the compared masters on the master's input: n frames, or fewer than its latency
 * while priming (the output is then not heard). */
void     _lq_engine_rt_compare_process  (LqEngineRt         *self,
                                         const float *const *in,
                                         uint32_t            n);
/* The output of compared master i for the block just processed; false without one. */
bool     _lq_engine_rt_compare_view     (LqEngineRt         *self,
                                         uint32_t            i,
                                         const float       **out);
/* Resets every compared master (before the master is primed anew). */
void     _lq_engine_rt_compare_reset    (LqEngineRt         *self);

/* lq-engine-rt-commands.c */
void     _lq_engine_rt_drain_commands   (LqEngineRt       *self);
uint64_t _lq_engine_rt_drain_scheduled  (LqEngineRt       *self);
uint64_t _lq_engine_rt_transport_update (LqEngineRt       *self);
bool     _lq_engine_rt_pending_any      (const LqEngineRt *self);

#ifdef __cplusplus
}
#endif
