/* lq-engine-rt.c
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

/* The core's life cycle and the control thread's side of its rings; the graph is in
 * lq-engine-rt-render.c, commands and the transport in lq-engine-rt-commands.c. */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lq-engine-rt-private.h"

static bool
ring_new (LqRing   *ring,
          void    **storage,
          uint32_t  bytes)
{
  uint32_t size = lq_ring_round_size (bytes);

  *storage = calloc (1, size);
  return *storage != NULL && lq_ring_init (ring, *storage, size);
}

LqEngineRt *
lq_engine_rt_new (const LqEngineRtConfig *config)
{
  LqEngineRt *self;
  LqLoudnessConfig lc = { 0 };
  LqStatus status = LQ_OK;
  uint32_t commands, scheduled, audio, meters;
  size_t n = LQ_ENGINE_RT_BLOCK;

  if (config == NULL || !(config->sample_rate >= LQ_MIN_RATE && config->sample_rate <= LQ_MAX_RATE)
      || config->out_channels < 1 || config->out_channels > 64)
    return NULL;

  self = calloc (1, sizeof *self);
  if (self == NULL)
    return NULL;

  self->rate = config->sample_rate;
  self->out_channels = config->out_channels;
  self->fade_frames = (uint32_t) lround (self->rate * TRANSPORT_FADE_MS / 1000.0);
  self->xfade_frames = (uint32_t) lround (self->rate * DEFAULT_XFADE_MS / 1000.0);
  self->target = LQ_SLOT_MIX;
  self->seek_slot = -1;

  commands = config->command_capacity ? config->command_capacity : 256;
  scheduled = config->scheduled_capacity ? config->scheduled_capacity : 4096;
  audio = config->audio_capacity ? config->audio_capacity : 32768;
  meters = config->meter_capacity ? config->meter_capacity : 512;
  if (commands > (1u << 20) || scheduled > (1u << 20) || audio > (1u << 24) || meters > (1u << 20))
    goto fail;

  if (!ring_new (&self->commands, &self->ring_storage[0], commands * sizeof (LqCommand))
      || !ring_new (&self->scheduled, &self->ring_storage[1], scheduled * sizeof (LqCommand))
      || !ring_new (&self->retired, &self->ring_storage[2], RETIRE_CAPACITY * sizeof (LqRetired))
      || !ring_new (&self->meters, &self->ring_storage[3], meters * sizeof (LqMeterFrame))
      || !ring_new (&self->audio, &self->ring_storage[4], audio * 2 * sizeof (float)))
    goto fail;

  self->scratch = calloc (n * (13 + 2 * LQ_MAX_COMPARE), sizeof (float));
  if (self->scratch == NULL)
    goto fail;
  for (int c = 0; c < 2; c++)
    {
      self->feed[c] = self->scratch + (0 + c) * n;
      self->master[c] = self->scratch + (2 + c) * n;
      self->src[c] = self->scratch + (4 + c) * n;
      self->mixed[c] = self->scratch + (6 + c) * n;
    }
  self->coef = self->scratch + 8 * n;
  self->fo = self->scratch + 9 * n;
  self->fi = self->scratch + 10 * n;
  self->inter = self->scratch + 11 * n;   /* 2 n floats */
  for (int i = 0; i < LQ_MAX_COMPARE; i++)
    for (int c = 0; c < 2; c++)
      self->compare_out[i][c] = self->scratch + (13 + 2 * i + c) * n;

  lc.sample_rate = self->rate;
  lc.channels = 2;
  self->loudness = lq_loudness_new (&lc, &status);
  if (self->loudness == NULL)
    goto fail;
  /* The live kind: bounded work per block; the exact reading is the analysis's. */
  self->truepeak = lq_truepeak_new_kind (2, self->rate, LQ_ENGINE_RT_BLOCK, LQ_TRUEPEAK_LIVE,
                                         &status);
  if (self->truepeak == NULL)
    goto fail;
  self->meter_period = lq_loudness_get_step_frames (self->loudness);
  self->integrated = -INFINITY;

  for (int s = 0; s < LQ_MAX_SLOTS; s++)
    lq_smoother_init (&self->gain[s], self->rate, GAIN_RAMP_MS, 1.0);
  lq_smoother_init (&self->listen_wet, self->rate, GAIN_RAMP_MS, 0.0);
  lq_peak_limiter_init (&self->listen_limiter, self->rate, 0.0, 5.0, 100.0);
  /* A mode change fades like a source switch does, by default. */
  lq_monitor_init (&self->monitor, self->rate, DEFAULT_XFADE_MS, LQ_MONITOR_STEREO);

  atomic_init (&self->pub_slot, LQ_SLOT_MIX);
  atomic_init (&self->pub_state, LQ_ENGINE_RT_IDLE);
  return self;

fail:
  lq_engine_rt_free (self, NULL, NULL);
  return NULL;
}

static void
release (LqRetireFunc  func,
         void         *user_data,
         uint32_t      kind,
         void         *ptr)
{
  LqRetired r = { kind, ptr };

  if (func != NULL && ptr != NULL)
    func (&r, user_data);
}

static void
release_command (const LqCommand *cmd,
                 LqRetireFunc     func,
                 void            *user_data)
{
  if (cmd->type == LQ_COMMAND_SET_SOURCES)
    release (func, user_data, LQ_RETIRED_SOURCES, cmd->u.ptr);
  else if (cmd->type == LQ_COMMAND_SET_CHAIN_PARAMS)
    release (func, user_data, LQ_RETIRED_CHAIN_PARAMS, cmd->u.ptr);
  else if (cmd->type == LQ_COMMAND_SET_COMPARE)
    release (func, user_data, LQ_RETIRED_COMPARE, cmd->u.ptr);
}

void
lq_engine_rt_free (LqEngineRt   *self,
                   LqRetireFunc  func,
                   void         *user_data)
{
  LqCommand cmd;
  LqRetired r;

  if (self == NULL)
    return;

  if (self->ring_storage[2] != NULL)
    while (lq_ring_read (&self->retired, &r, sizeof r))
      release (func, user_data, r.kind, r.ptr);
  if (self->ring_storage[0] != NULL)
    while (lq_ring_read (&self->commands, &cmd, sizeof cmd))
      release_command (&cmd, func, user_data);
  if (self->ring_storage[1] != NULL)
    while (lq_ring_read (&self->scheduled, &cmd, sizeof cmd))
      release_command (&cmd, func, user_data);
  release (func, user_data, LQ_RETIRED_SOURCES, self->pending_sources);
  release (func, user_data, LQ_RETIRED_SOURCES, self->sources);
  release (func, user_data, LQ_RETIRED_COMPARE, self->compare);

  for (int i = 0; i < N_RINGS; i++)
    free (self->ring_storage[i]);
  lq_loudness_free (self->loudness);
  lq_truepeak_free (self->truepeak);
  free (self->scratch);
  free (self);
}

void
lq_engine_rt_set_probe (LqEngineRt            *self,
                        const LqEngineRtProbe *probe)
{
  if (probe != NULL)
    self->probe = *probe;
  else
    memset (&self->probe, 0, sizeof self->probe);
}

double
lq_engine_rt_get_sample_rate (const LqEngineRt *self)
{
  return self->rate;
}

void
lq_engine_rt_set_out_channels (LqEngineRt *self,
                               uint32_t    out_channels)
{
  if (out_channels >= 1 && out_channels <= 64)
    self->out_channels = out_channels;
}

uint32_t
lq_engine_rt_get_meter_period (const LqEngineRt *self)
{
  return self->meter_period;
}

/* ---- control thread --------------------------------------------------------------------- */

bool
lq_engine_rt_push_command (LqEngineRt      *self,
                           const LqCommand *command)
{
  return lq_ring_write (&self->commands, command, sizeof *command);
}

bool
lq_engine_rt_push_scheduled (LqEngineRt      *self,
                             const LqCommand *command)
{
  return lq_ring_write (&self->scheduled, command, sizeof *command);
}

bool
lq_engine_rt_pop_retired (LqEngineRt *self,
                          LqRetired  *retired)
{
  return lq_ring_read (&self->retired, retired, sizeof *retired);
}

bool
lq_engine_rt_pop_meter (LqEngineRt   *self,
                        LqMeterFrame *frame)
{
  return lq_ring_read (&self->meters, frame, sizeof *frame);
}

uint32_t
lq_engine_rt_read_audio (LqEngineRt *self,
                         float      *frames,
                         uint32_t    max_frames)
{
  uint32_t n = lq_ring_get_read_avail (&self->audio) / (2 * sizeof (float));

  if (n > max_frames)
    n = max_frames;
  if (n > 0)
    lq_ring_read (&self->audio, frames, n * 2 * sizeof (float));
  return n;
}

uint64_t
lq_engine_rt_get_dropped (LqEngineRt *self)
{
  return lq_ring_get_overruns (&self->audio) + lq_ring_get_overruns (&self->meters);
}

uint64_t
lq_engine_rt_get_stream_frame (LqEngineRt *self)
{
  return atomic_load_explicit (&self->pub_stream_frame, memory_order_acquire);
}

uint64_t
lq_engine_rt_get_position (LqEngineRt *self)
{
  return atomic_load_explicit (&self->pub_position, memory_order_relaxed);
}

int
lq_engine_rt_get_slot (LqEngineRt *self)
{
  return atomic_load_explicit (&self->pub_slot, memory_order_relaxed);
}

uint64_t
lq_engine_rt_get_switch_frame (LqEngineRt *self)
{
  return atomic_load_explicit (&self->pub_switch_frame, memory_order_relaxed);
}

LqEngineRtState
lq_engine_rt_get_state (LqEngineRt *self)
{
  return (LqEngineRtState) atomic_load_explicit (&self->pub_state, memory_order_relaxed);
}

uint32_t
lq_engine_rt_get_end_count (LqEngineRt *self)
{
  return atomic_load_explicit (&self->pub_end_count, memory_order_acquire);
}

uint32_t
lq_engine_rt_get_xruns (LqEngineRt *self)
{
  return atomic_load_explicit (&self->xruns, memory_order_relaxed);
}

uint32_t
lq_engine_rt_get_latency (LqEngineRt *self)
{
  return atomic_load_explicit (&self->pub_latency, memory_order_relaxed);
}

uint64_t
lq_engine_rt_get_renders (LqEngineRt *self)
{
  return atomic_load_explicit (&self->pub_renders, memory_order_relaxed);
}
