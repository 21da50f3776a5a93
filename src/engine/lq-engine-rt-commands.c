/* lq-engine-rt-commands.c
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

/* Nothing in this file may call GLib, log, lock or allocate outside _new/_free: it runs in the
 * PortAudio callback. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lq-engine-rt-private.h"

/* Runs the latency frames that follow heard_pos through the compared chains, and through the
 * master's too when master (then feed_pos follows), discarding the output: from then on their
 * output lines up with the heard position. */
static void
feed_ahead (LqEngineRt *self,
            bool        master)
{
  uint64_t pos = self->heard_pos;
  uint32_t left = self->latency;

  while (left > 0)
    {
      const float *in[2];
      uint64_t wrap = until_wrap (self, pos);
      uint32_t n = left < LQ_ENGINE_RT_BLOCK ? left : LQ_ENGINE_RT_BLOCK;

      if (wrap < n)
        n = (uint32_t) wrap;
      _lq_engine_rt_source_view (&self->sources->mix, pos, n, self->feed[0], self->feed[1], in);
      if (master)
        lq_chain_process (self->chain, in, self->master, n);
      _lq_engine_rt_compare_process (self, in, n);
      pos = timeline_add (self, pos, n);
      left -= n;
    }
  if (master)
    self->feed_pos = pos;
}

/* Loads the chains from heard_pos on (see feed_ahead). */
static void
prime_chain (LqEngineRt *self)
{
  self->feed_pos = self->heard_pos;
  if (self->chain != NULL)
    {
      lq_chain_reset (self->chain);
      _lq_engine_rt_compare_reset (self);
      feed_ahead (self, true);
    }
  self->primed = true;
}

static bool
retire (LqEngineRt *self,
        uint32_t    kind,
        void       *ptr)
{
  LqRetired r = { kind, ptr };

  if (ptr == NULL)
    return true;
  return lq_ring_write (&self->retired, &r, sizeof r);
}

/* The mix and every master are one programme at one position. */
static inline bool
is_coherent (int slot)
{
  return slot == LQ_SLOT_MIX || slot == LQ_SLOT_MASTER || lq_slot_is_compare (slot)
         || slot == LQ_SLOT_CODEC;
}

static inline bool
slot_valid (const LqEngineRt *self,
            int               slot)
{
  /* A set still waiting is the one the control thread sees: its references count. */
  const LqRtSources *set = self->pending_sources ? self->pending_sources : self->sources;

  if (slot == LQ_SLOT_MIX || slot == LQ_SLOT_MASTER)
    return true;
  if (lq_slot_is_compare (slot))
    return self->compare != NULL && (uint32_t) (slot - LQ_SLOT_COMPARE) < self->compare->n;
  if (lq_slot_is_codec (slot))
    return set != NULL && set->codec[slot - LQ_SLOT_CODEC].frames > 0;
  return set != NULL && lq_slot_is_reference (slot)
         && (uint32_t) (slot - LQ_SLOT_REFERENCE) < set->n_references;
}

static void
switch_to (LqEngineRt *self,
           int         slot)
{
  float now[LQ_MAX_SLOTS];
  bool coherent = is_coherent (slot);

  if (!slot_valid (self, slot) || slot == self->target)
    return;

  /* The weights at this instant become the fade's starting point. */
  if (self->xfade_pos < self->xfade_len)
    {
      float fo, fi;

      xfade_gains (self->xfade_power, (double) self->xfade_pos / self->xfade_len, &fo, &fi);
      for (int s = 0; s < LQ_MAX_SLOTS; s++)
        now[s] = fo * self->w0[s] + (s == self->target ? fi : 0.0f);
    }
  else
    {
      memset (now, 0, sizeof now);
      now[self->target] = 1.0f;
    }

  /* A slot that is silent now and not the target would only waste time in the mixer. */
  for (int s = 0; s < LQ_MAX_SLOTS; s++)
    {
      if (now[s] < 1e-7f)
        now[s] = 0.0f;
      if (now[s] != 0.0f && !is_coherent (s))
        coherent = false;
    }

  /* An unsynced reference that is not heard yet takes its gain at once. */
  if (now[slot] == 0.0f)
    lq_smoother_snap (&self->gain[slot]);

  self->target = slot;
  self->switch_frame = self->stream_frame;
  if (self->xfade_frames == 0 || !self->running)
    {
      snap_weights (self);
      return;
    }
  memcpy (self->w0, now, sizeof now);
  self->xfade_power = !coherent;
  self->xfade_len = self->xfade_frames;
  self->xfade_pos = 0;
}

/* Fading out to silence (a pause, the end, a seek waiting), a switch is made there, so
 * nothing of the new source is heard in the old one's fade-out. */
static void
select_slot (LqEngineRt *self,
             int         slot)
{
  if (self->running && (!self->playing || _lq_engine_rt_pending_any (self)))
    {
      if (slot_valid (self, slot))
        {
          self->have_select = true;
          self->select_slot = slot;
        }
      return;
    }
  switch_to (self, slot);
}

/* Puts an unsynced reference inside its own loop: at once when it is not heard, behind a
 * transport fade (a pending seek) when it is. */
static void
enter_ref_loop (LqEngineRt *self,
                uint32_t    i)
{
  const LqRtLoop *l = &self->ref_loop[i];
  int slot = LQ_SLOT_REFERENCE + (int) i;

  if (self->sync || !l->enabled || (self->ref_pos[i] >= l->start && self->ref_pos[i] < l->end))
    return;
  if (self->running && self->target == slot)
    {
      self->have_seek = true;
      self->seek_frame = l->start;
      self->seek_slot = slot;
    }
  else
    {
      self->ref_pos[i] = l->start;
    }
}

/* The index in new of the reference old->references[j] became, matched by its samples, or -1;
 * taken marks the ones already matched (the same file may be there twice). */
static int
find_reference (const LqRtSources *set,
                const float       *data,
                bool              *taken)
{
  if (set == NULL)
    return -1;
  for (uint32_t j = 0; j < set->n_references; j++)
    if (!taken[j] && set->references[j].data[0] == data)
      {
        taken[j] = true;
        return (int) j;
      }
  return -1;
}

bool
_lq_engine_rt_pending_any (const LqEngineRt *self)
{
  return self->have_seek || self->rewind || self->have_sync_on || self->have_select
         || self->pending_sources != NULL;
}

/* Applies what waits for silence: a new source set, a rewind, a seek, sync turning on, a
 * switch. */
static void
apply_pending (LqEngineRt *self)
{
  if (self->pending_sources != NULL)
    {
      LqRtSources *old = self->sources;
      LqRtSources *new = self->pending_sources;

      if (new->chain == NULL && old != NULL)
        {
          new->chain = old->chain;
          old->chain = NULL;
        }
      if (old == NULL || old->mix.data[0] != new->mix.data[0] || old->mix.frames != new->mix.frames)
        self->heard_pos = 0;
      if (self->loop && self->loop_end > new->mix.frames)
        self->loop = false;
      /* A reference keeps its own position when the list is reordered or shortened. */
      {
        uint64_t pos[LQ_MAX_REFERENCES];
        bool taken[LQ_MAX_REFERENCES] = { false };

        for (uint32_t i = 0; i < LQ_MAX_REFERENCES; i++)
          {
            int j = i < new->n_references
                    ? find_reference (old, new->references[i].data[0], taken) : -1;

            pos[i] = j >= 0 ? self->ref_pos[j] : 0;
          }
        memcpy (self->ref_pos, pos, sizeof pos);
        memcpy (self->ref_loop, self->pending_ref_loop, sizeof self->ref_loop);
      }

      self->sources = new;
      self->pending_sources = NULL;
      self->chain = new->chain;
      self->latency = self->chain ? lq_chain_get_latency (self->chain) : 0;
      if (self->chain != NULL)
        {
          LqChainParams params;

          lq_chain_get_params (self->chain, &params);
          self->comp_bypass = params.comp.bypass;
          self->lim_bypass = params.lim.bypass;
        }
      self->primed = false;
      retire (self, LQ_RETIRED_SOURCES, old);
      for (uint32_t i = 0; i < LQ_MAX_REFERENCES; i++)
        enter_ref_loop (self, i);

      if (!slot_valid (self, self->target))
        {
          self->target = LQ_SLOT_MIX;
          snap_weights (self);
        }
    }

  if (self->rewind)
    {
      self->heard_pos = self->loop ? self->loop_start : 0;
      self->rewind = false;
      self->primed = false;
      for (uint32_t i = 0; i < LQ_MAX_REFERENCES; i++)
        self->ref_pos[i] = self->ref_loop[i].enabled ? self->ref_loop[i].start : 0;
    }

  if (self->have_seek)
    {
      if (lq_slot_is_reference (self->seek_slot) && !self->sync)
        {
          self->ref_pos[self->seek_slot - LQ_SLOT_REFERENCE] = self->seek_frame;
        }
      else
        {
          self->heard_pos = self->seek_frame;
          self->primed = false;
        }
      self->have_seek = false;
    }

  if (self->have_sync_on)
    {
      self->sync = true;
      self->have_sync_on = false;
    }

  if (self->have_select)
    {
      self->have_select = false;
      switch_to (self, self->select_slot);
    }
}

static void
apply_command (LqEngineRt      *self,
               const LqCommand *cmd)
{
  switch ((LqCommandType) cmd->type)
    {
    case LQ_COMMAND_PLAY:
      self->playing = true;
      break;

    case LQ_COMMAND_PAUSE:
      self->playing = false;
      break;

    case LQ_COMMAND_STOP:
      self->playing = false;
      self->rewind = true;
      self->have_seek = false;
      break;

    case LQ_COMMAND_SEEK:
      self->have_seek = true;
      self->seek_frame = cmd->u.frame;
      self->seek_slot = lq_slot_is_reference (selected_slot (self)) && !self->sync
                        ? selected_slot (self) : -1;
      break;

    case LQ_COMMAND_SET_LOOP:
      if (cmd->u.loop.enabled && cmd->u.loop.end > cmd->u.loop.start)
        {
          self->loop = true;
          self->loop_start = cmd->u.loop.start;
          self->loop_end = cmd->u.loop.end;
        }
      else
        {
          self->loop = false;
        }
      /* Keep the chain fed exactly latency frames ahead on the new timeline. */
      if (self->primed)
        self->feed_pos = timeline_add (self, self->heard_pos, self->latency);
      break;

    case LQ_COMMAND_SELECT:
      select_slot (self, cmd->slot);
      break;

    case LQ_COMMAND_SET_GAIN:
      if (cmd->slot >= 0 && cmd->slot < LQ_MAX_SLOTS && isfinite (cmd->u.gain))
        {
          lq_smoother_set_target (&self->gain[cmd->slot], cmd->u.gain);
          if (!self->running)
            lq_smoother_snap (&self->gain[cmd->slot]);
        }
      break;

    case LQ_COMMAND_SET_SYNC:
      if (cmd->u.flag && !self->sync)
        {
          /* The references jump to the mix position: behind a transport fade if one is
           * heard, at once otherwise. */
          if (self->running
              && (lq_slot_is_reference (self->target) || self->xfade_pos < self->xfade_len))
            self->have_sync_on = true;
          else
            self->sync = true;
        }
      else if (!cmd->u.flag && self->sync)
        {
          /* Unsynced references continue from where they were heard: no jump. */
          self->sync = false;
          self->have_sync_on = false;
          for (uint32_t i = 0; i < LQ_MAX_REFERENCES; i++)
            {
              self->ref_pos[i] = self->heard_pos;
              enter_ref_loop (self, i);
            }
        }
      break;

    case LQ_COMMAND_SET_REF_LOOP:
      if (lq_slot_is_reference (cmd->slot))
        {
          uint32_t i = (uint32_t) (cmd->slot - LQ_SLOT_REFERENCE);
          LqRtLoop l = { cmd->u.loop.enabled && cmd->u.loop.end > cmd->u.loop.start,
                         cmd->u.loop.start, cmd->u.loop.end };

          /* The index is the newest set's: a set still waiting gets it when applied. */
          if (self->pending_sources != NULL)
            {
              self->pending_ref_loop[i] = l;
            }
          else
            {
              self->ref_loop[i] = l;
              enter_ref_loop (self, i);
            }
        }
      break;

    case LQ_COMMAND_SET_CROSSFADE:
      self->xfade_frames = cmd->u.frames;
      /* A mode change fades as a switch does, but never in under MONITOR_MIN_FADE_MS: a
       * source switch with no crossfade is a cut between two coherent signals, a mode change
       * without one a step. */
      {
        uint32_t least = (uint32_t) lround (self->rate * MONITOR_MIN_FADE_MS / 1000.0);

        lq_monitor_set_ramp_frames (&self->monitor,
                                    cmd->u.frames > least ? cmd->u.frames : least);
      }
      break;

    case LQ_COMMAND_SET_CHAIN_PARAMS:
      /* To the chain that will be heard: a waiting source set's own, or the current one. */
      if (cmd->u.ptr != NULL)
        {
          LqChain *chain = self->chain;

          if (self->pending_sources != NULL && self->pending_sources->chain != NULL)
            chain = self->pending_sources->chain;
          if (chain != NULL)
            lq_chain_set_params (chain, cmd->u.ptr);
          self->comp_bypass = ((const LqChainParams *) cmd->u.ptr)->comp.bypass;
          self->lim_bypass = ((const LqChainParams *) cmd->u.ptr)->lim.bypass;
        }
      retire (self, LQ_RETIRED_CHAIN_PARAMS, cmd->u.ptr);
      break;

    case LQ_COMMAND_SET_SOURCES:
      if (self->pending_sources != NULL)
        {
          LqRtSources *next = cmd->u.ptr;

          /* A set that replaces one still waiting inherits its chain: the player sends the
           * chain only once, and dropping it with the waiting set left the master without
           * one (it then played the raw mix). */
          if (next->chain == NULL)
            {
              next->chain = self->pending_sources->chain;
              self->pending_sources->chain = NULL;
            }
          retire (self, LQ_RETIRED_SOURCES, self->pending_sources);
        }
      else
        {
          /* The loops follow their references into the new set's order, until the control
           * thread says otherwise. */
          const LqRtSources *next = cmd->u.ptr;
          bool taken[LQ_MAX_REFERENCES] = { false };

          memset (self->pending_ref_loop, 0, sizeof self->pending_ref_loop);
          for (uint32_t j = 0; self->sources != NULL && j < self->sources->n_references; j++)
            {
              int i = find_reference (next, self->sources->references[j].data[0], taken);

              if (i >= 0)
                self->pending_ref_loop[i] = self->ref_loop[j];
            }
        }
      self->pending_sources = cmd->u.ptr;
      break;

    case LQ_COMMAND_SET_LISTEN_LIMITER:
      if (cmd->u.limiter.enabled)
        {
          /* A limiter not heard yet starts clean, with this service's settings. */
          if (lq_smoother_get_current (&self->listen_wet) == 0.0)
            lq_peak_limiter_init (&self->listen_limiter, self->rate, cmd->u.limiter.ceiling_db,
                                  cmd->u.limiter.attack_ms, cmd->u.limiter.release_ms);
          lq_smoother_set_target (&self->listen_wet, 1.0);
        }
      else
        {
          lq_smoother_set_target (&self->listen_wet, 0.0);
        }
      if (!self->running)
        lq_smoother_snap (&self->listen_wet);
      break;

    case LQ_COMMAND_SET_COMPARE:
      retire (self, LQ_RETIRED_COMPARE, self->compare);
      self->compare = cmd->u.ptr;
      /* In time with the master at once (the master primes them itself when it starts). */
      if (self->primed && self->chain != NULL && has_mix (self))
        feed_ahead (self, false);
      /* A compared master that is heard and now gone: back to the master. */
      if (!slot_valid (self, self->target))
        switch_to (self, LQ_SLOT_MASTER);
      break;

    case LQ_COMMAND_SET_MONITOR:
      lq_monitor_set_mode (&self->monitor, (LqMonitorMode) cmd->u.monitor);
      if (!self->running)
        lq_monitor_snap (&self->monitor);
      break;

    case LQ_COMMAND_RESET_METERS:
      lq_loudness_reset (self->loudness);
      lq_truepeak_reset (self->truepeak);
      self->period_pos = 0;
      self->period_count = 0;
      self->sum_ll = self->sum_rr = self->sum_lr = 0.0;
      self->integrated = -INFINITY;
      self->reset_serial = cmd->u.frames;
      break;

    default:
      break;
    }
}

/* Commands that hand a pointer back need room in the retire ring; they wait otherwise. */
static inline bool
can_apply (LqEngineRt      *self,
           const LqCommand *cmd)
{
  if (cmd->type != LQ_COMMAND_SET_SOURCES && cmd->type != LQ_COMMAND_SET_CHAIN_PARAMS
      && cmd->type != LQ_COMMAND_SET_COMPARE)
    return true;
  return lq_ring_get_write_space (&self->retired) >= 2 * sizeof (LqRetired);
}

void
_lq_engine_rt_drain_commands (LqEngineRt *self)
{
  LqCommand cmd;

  while (lq_ring_peek (&self->commands, &cmd, sizeof cmd) && can_apply (self, &cmd))
    {
      lq_ring_skip (&self->commands, sizeof cmd);
      apply_command (self, &cmd);
    }
}

/* Applies the scheduled commands that are due; returns the frames until the next one. */
uint64_t
_lq_engine_rt_drain_scheduled (LqEngineRt *self)
{
  LqCommand cmd;

  while (lq_ring_peek (&self->scheduled, &cmd, sizeof cmd))
    {
      if (cmd.at_frame > self->stream_frame)
        return cmd.at_frame - self->stream_frame;
      if (!can_apply (self, &cmd))
        return UINT64_MAX;
      lq_ring_skip (&self->scheduled, sizeof cmd);
      apply_command (self, &cmd);
    }
  return UINT64_MAX;
}

/* Decides whether the transport fades in, out or holds, applying what waited for silence.
 * Returns the largest block before the fade-out reaches silence (so pending work applies on
 * the very next frame), or UINT64_MAX. */
uint64_t
_lq_engine_rt_transport_update (LqEngineRt *self)
{
  bool want = self->playing && !_lq_engine_rt_pending_any (self) && has_mix (self);

  if (self->fade_count == 0 && !want)
    {
      /* Silent: stopped, so what waited applies as it would to a stopped transport (a
       * switch with no crossfade), and a play asked for starts again below as from a stop:
       * from the start when past the end, with the chain primed after a seek. A switch still
       * crossfading ends here, or the next play would start with what was heard before. */
      self->running = false;
      if (self->xfade_pos < self->xfade_len)
        snap_weights (self);
      if (_lq_engine_rt_pending_any (self))
        apply_pending (self);
      want = self->playing && has_mix (self);
      if (!want)
        return UINT64_MAX;
    }

  if (want)
    {
      if (!self->running)
        {
          if (until_wrap (self, self->heard_pos) == UINT64_MAX
              && self->heard_pos >= self->sources->mix.frames)
            self->heard_pos = self->loop ? self->loop_start : 0;
          if (!self->primed)
            prime_chain (self);
          self->running = true;
        }
      return UINT64_MAX;
    }

  return self->fade_count;
}
