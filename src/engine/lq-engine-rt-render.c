/* lq-engine-rt-render.c
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

#if defined(__SSE__) || defined(__x86_64__)
# include <xmmintrin.h>
# define HAVE_MXCSR 1
#endif

#include "lq-engine-rt-private.h"

/* Denormals: FTZ/DAZ for the callback, restored on the way out (libebur128's TURN_ON_FTZ). */
typedef struct
{
  unsigned int saved;
} DenormalGuard;

static inline void
denormal_guard_enter (DenormalGuard *guard)
{
#ifdef HAVE_MXCSR
  guard->saved = _mm_getcsr ();
  _mm_setcsr (guard->saved | 0x8040);
#else
  guard->saved = 0;
#endif
}

static inline void
denormal_guard_leave (const DenormalGuard *guard)
{
#ifdef HAVE_MXCSR
  _mm_setcsr (guard->saved);
#else
  (void) guard;
#endif
}

/* Pointers to n frames of src at pos; past the end (or with no source) they point at zeros
 * in scratch, which must hold 2 n floats. */
void
_lq_engine_rt_source_view (const LqRtSource *src,
                           uint64_t          pos,
                           uint32_t          n,
                           float            *scratch_l,
                           float            *scratch_r,
                           const float     **out)
{
  uint64_t avail;

  if (src == NULL || src->frames == 0 || pos >= src->frames)
    {
      memset (scratch_l, 0, n * sizeof (float));
      out[0] = out[1] = scratch_l;
      return;
    }
  avail = src->frames - pos;
  if (avail >= n)
    {
      out[0] = src->data[0] + pos;
      out[1] = src->data[1] + pos;
      return;
    }
  memcpy (scratch_l, src->data[0] + pos, avail * sizeof (float));
  memset (scratch_l + avail, 0, (n - avail) * sizeof (float));
  if (src->data[1] == src->data[0])
    {
      out[0] = out[1] = scratch_l;
      return;
    }
  memcpy (scratch_r, src->data[1] + pos, avail * sizeof (float));
  memset (scratch_r + avail, 0, (n - avail) * sizeof (float));
  out[0] = scratch_l;
  out[1] = scratch_r;
}

/* Copies n frames of src from pos into l and r, silence past its end. */
static void
copy_frames (const LqRtSource *src,
             uint64_t          pos,
             uint32_t          n,
             float            *l,
             float            *r)
{
  uint64_t avail = pos < src->frames ? src->frames - pos : 0;
  uint32_t m = avail < n ? (uint32_t) avail : n;

  if (m > 0)
    {
      memcpy (l, src->data[0] + pos, m * sizeof (float));
      memcpy (r, src->data[1] + pos, m * sizeof (float));
    }
  memset (l + m, 0, (n - m) * sizeof (float));
  memset (r + m, 0, (n - m) * sizeof (float));
}

/* n frames of unsynced reference i at its own position, which advances (wrapping at its own
 * loop's end, sample-exactly, wherever that falls in the block). */
static void
reference_view (LqEngineRt   *self,
                uint32_t      i,
                uint32_t      n,
                const float **in)
{
  const LqRtSource *src = &self->sources->references[i];
  const LqRtLoop *l = &self->ref_loop[i];
  uint64_t pos = self->ref_pos[i];
  uint32_t k = 0;

  if (!l->enabled || pos >= l->end || l->end - pos > n)
    {
      _lq_engine_rt_source_view (src, pos, n, self->src[0], self->src[1], in);
      self->ref_pos[i] = pos + n;
      return;
    }

  while (k < n)
    {
      uint64_t left = l->end - pos;
      uint32_t m = left < n - k ? (uint32_t) left : n - k;

      copy_frames (src, pos, m, self->src[0] + k, self->src[1] + k);
      k += m;
      pos += m;
      if (pos == l->end)
        pos = l->start;
    }
  in[0] = self->src[0];
  in[1] = self->src[1];
  self->ref_pos[i] = pos;
}

static void
update_gr (LqEngineRt *self)
{
  float c = self->comp_bypass ? 0.0f : lq_chain_get_compressor_gain_reduction_db (self->chain);
  float l = self->lim_bypass ? 0.0f : lq_chain_get_limiter_gain_reduction_db (self->chain);

  if (c > self->comp_gr)
    self->comp_gr = c;
  if (l > self->lim_gr)
    self->lim_gr = l;
}

static inline float
smoothstep (float x)
{
  return x * x * (3.0f - 2.0f * x);
}

/* Adds coef * in (or the scalar c when coef is NULL) to the mix bus. */
static void
accumulate (LqEngineRt         *self,
            const float *const *in,
            const float        *coef,
            float               c,
            uint32_t            n)
{
  float *restrict l = self->mixed[0];
  float *restrict r = self->mixed[1];
  const float *il = in[0];
  const float *ir = in[1];

  if (coef != NULL)
    {
      for (uint32_t k = 0; k < n; k++)
        {
          l[k] += coef[k] * il[k];
          r[k] += coef[k] * ir[k];
        }
    }
  else
    {
      for (uint32_t k = 0; k < n; k++)
        {
          l[k] += c * il[k];
          r[k] += c * ir[k];
        }
    }
}

static void
mix_slot (LqEngineRt *self,
          int         slot,
          bool        fading,
          uint32_t    n)
{
  const LqRtSources *s = self->sources;
  const float *in[2];
  LqSmoother *g = &self->gain[slot];
  float w0 = self->w0[slot];
  bool is_target = slot == self->target;

  if (slot == LQ_SLOT_MIX)
    {
      _lq_engine_rt_source_view (&s->mix, self->heard_pos, n, self->src[0], self->src[1], in);
    }
  else if (slot == LQ_SLOT_MASTER)
    {
      if (self->chain != NULL)
        {
          in[0] = self->master[0];
          in[1] = self->master[1];
        }
      else
        {
          _lq_engine_rt_source_view (&s->mix, self->heard_pos, n, self->src[0], self->src[1], in);
        }
    }
  else if (lq_slot_is_compare (slot))
    {
      if (!_lq_engine_rt_compare_view (self, (uint32_t) (slot - LQ_SLOT_COMPARE), in))
        return;
    }
  else if (lq_slot_is_codec (slot))
    {
      /* Aligned to the master, so read where the master is heard. */
      _lq_engine_rt_source_view (&s->codec[slot - LQ_SLOT_CODEC], self->heard_pos, n,
                                 self->src[0], self->src[1], in);
    }
  else
    {
      uint32_t i = (uint32_t) (slot - LQ_SLOT_REFERENCE);

      if (i >= s->n_references)
        return;
      if (self->sync)
        _lq_engine_rt_source_view (&s->references[i], self->heard_pos, n,
                                   self->src[0], self->src[1], in);
      else
        reference_view (self, i, n, in);
    }

  if (!fading && lq_smoother_is_settled (g))
    {
      accumulate (self, in, NULL, (float) lq_smoother_get_current (g), n);
      return;
    }

  for (uint32_t k = 0; k < n; k++)
    {
      float w = fading ? self->fo[k] * w0 + (is_target ? self->fi[k] : 0.0f) : 1.0f;

      self->coef[k] = w * (float) lq_smoother_next (g);
    }
  accumulate (self, in, self->coef, 0.0f, n);
}

/* Renders n frames of what is heard into mixed[]; n crosses no loop end, no meter period and
 * no scheduled command. */
static void
render_block (LqEngineRt *self,
              uint32_t    n)
{
  bool fading;

  memset (self->mixed[0], 0, n * sizeof (float));
  memset (self->mixed[1], 0, n * sizeof (float));
  if (!self->running)
    return;

  /* The master: the chain runs whenever the transport does, so it is ready to be heard. */
  if (self->chain != NULL)
    {
      const float *in[2];

      _lq_engine_rt_source_view (&self->sources->mix, self->feed_pos, n,
                                 self->feed[0], self->feed[1], in);
      lq_chain_process (self->chain, in, self->master, n);
      update_gr (self);
      _lq_engine_rt_compare_process (self, in, n);
    }

  fading = self->xfade_pos < self->xfade_len;
  if (fading)
    {
      for (uint32_t k = 0; k < n; k++)
        {
          uint32_t p = self->xfade_pos + k + 1;

          if (p >= self->xfade_len)
            {
              self->fo[k] = 0.0f;
              self->fi[k] = 1.0f;
            }
          else
            {
              xfade_gains (self->xfade_power, (double) p / self->xfade_len,
                           &self->fo[k], &self->fi[k]);
            }
        }
      for (int s = 0; s < LQ_MAX_SLOTS; s++)
        if (s == self->target || self->w0[s] != 0.0f)
          mix_slot (self, s, true, n);
      self->xfade_pos = self->xfade_pos + n >= self->xfade_len ? self->xfade_len
                                                               : self->xfade_pos + n;
      if (self->xfade_pos == self->xfade_len)
        snap_weights (self);
    }
  else
    {
      mix_slot (self, self->target, false, n);
    }

  /* Transport fade: in while wanted, out otherwise. */
  if (self->playing && !_lq_engine_rt_pending_any (self))
    {
      if (self->fade_count < self->fade_frames)
        for (uint32_t k = 0; k < n; k++)
          {
            float g;

            if (self->fade_count < self->fade_frames)
              self->fade_count++;
            g = smoothstep ((float) self->fade_count / (float) self->fade_frames);
            self->mixed[0][k] *= g;
            self->mixed[1][k] *= g;
          }
    }
  else
    {
      for (uint32_t k = 0; k < n; k++)
        {
          float g;

          if (self->fade_count > 0)
            self->fade_count--;
          g = smoothstep ((float) self->fade_count / (float) self->fade_frames);
          self->mixed[0][k] *= g;
          self->mixed[1][k] *= g;
        }
    }

  self->heard_pos = timeline_add (self, self->heard_pos, n);
  self->feed_pos = timeline_add (self, self->feed_pos, n);

  /* The end of the mix ends playback (a heard reference fades out with it). Not while a seek
   * waits for the fade-out: a play asked for from there starts at the seek, not past the end. */
  if (self->playing && !self->have_seek && until_wrap (self, self->heard_pos) == UINT64_MAX
      && self->heard_pos >= self->sources->mix.frames)
    {
      self->playing = false;
      self->end_count++;
    }
}

/* The listened-as service's limiter on what is heard, crossfaded in and out (the limited
 * signal runs its look-ahead behind). Off, it costs nothing. */
static void
listen_limit_block (LqEngineRt *self,
                    uint32_t    n)
{
  LqSmoother *wet = &self->listen_wet;
  const float *in[2] = { self->mixed[0], self->mixed[1] };

  if (lq_smoother_is_settled (wet) && lq_smoother_get_current (wet) == 0.0)
    return;
  if (lq_smoother_is_settled (wet))
    {
      lq_peak_limiter_process (&self->listen_limiter, in, self->mixed, n);
      return;
    }
  lq_peak_limiter_process (&self->listen_limiter, in, self->src, n);
  for (uint32_t k = 0; k < n; k++)
    {
      float w = (float) lq_smoother_next (wet);

      self->mixed[0][k] += w * (self->src[0][k] - self->mixed[0][k]);
      self->mixed[1][k] += w * (self->src[1][k] - self->mixed[1][k]);
    }
}

static void
push_meter_frame (LqEngineRt *self)
{
  LqMeterFrame f;

  if (++self->period_count % INTEGRATED_PERIODS == 0)
    self->integrated = (float) lq_loudness_get_integrated (self->loudness);

  f.stream_frame = self->stream_frame;
  f.position = lq_slot_is_reference (self->target) && !self->sync
               ? self->ref_pos[self->target - LQ_SLOT_REFERENCE] : self->heard_pos;
  f.slot = self->target;
  f.frames = self->period_pos;
  f.momentary = (float) lq_loudness_get_momentary (self->loudness);
  f.short_term = (float) lq_loudness_get_short_term (self->loudness);
  f.integrated = self->integrated;
  for (uint32_t c = 0; c < 2; c++)
    {
      f.true_peak[c] = lq_truepeak_take_max (self->truepeak, c);
      f.sample_peak[c] = lq_truepeak_take_sample_max (self->truepeak, c);
    }
  f.sum_ll = (float) self->sum_ll;
  f.sum_rr = (float) self->sum_rr;
  f.sum_lr = (float) self->sum_lr;
  f.compressor_gr_db = self->comp_gr;
  f.limiter_gr_db = self->lim_gr;
  f.xruns = atomic_load_explicit (&self->xruns, memory_order_relaxed);
  f.reset_serial = self->reset_serial;
  lq_ring_write (&self->meters, &f, sizeof f);

  self->period_pos = 0;
  self->sum_ll = self->sum_rr = self->sum_lr = 0.0;
  self->comp_gr = self->lim_gr = 0.0f;
}

static void
meter_block (LqEngineRt *self,
             uint32_t    n)
{
  const float *const planar[2] = { self->mixed[0], self->mixed[1] };
  const float *l = self->mixed[0];
  const float *r = self->mixed[1];
  double ll = 0.0, rr = 0.0, lr = 0.0;

  lq_truepeak_process (self->truepeak, planar, n);
  lq_loudness_process (self->loudness, planar, n);
  for (uint32_t k = 0; k < n; k++)
    {
      ll += (double) l[k] * l[k];
      rr += (double) r[k] * r[k];
      lr += (double) l[k] * r[k];
    }
  self->sum_ll += ll;
  self->sum_rr += rr;
  self->sum_lr += lr;

  /* What was heard, for the spectrum (computed off this thread). */
  for (uint32_t k = 0; k < n; k++)
    {
      self->inter[2 * k] = l[k];
      self->inter[2 * k + 1] = r[k];
    }
  lq_ring_write_partial (&self->audio, self->inter, 2 * sizeof (float), n);

  self->period_pos += n;
  if (self->period_pos >= self->meter_period)
    push_meter_frame (self);
}

static void
write_out (LqEngineRt *self,
           float      *out,
           uint32_t    n)
{
  const float *l = self->mixed[0];
  const float *r = self->mixed[1];
  uint32_t oc = self->out_channels;

  if (oc == 2)
    {
      for (uint32_t k = 0; k < n; k++)
        {
          out[2 * k] = l[k];
          out[2 * k + 1] = r[k];
        }
    }
  else if (oc == 1)
    {
      for (uint32_t k = 0; k < n; k++)
        out[k] = 0.5f * (l[k] + r[k]);
    }
  else
    {
      memset (out, 0, (size_t) n * oc * sizeof (float));
      for (uint32_t k = 0; k < n; k++)
        {
          out[k * oc] = l[k];
          out[k * oc + 1] = r[k];
        }
    }
}

static void
render_internal (LqEngineRt *self,
                 float      *out,
                 uint32_t    n_frames)
{
  DenormalGuard guard;
  uint32_t done = 0;

  denormal_guard_enter (&guard);
  _lq_engine_rt_drain_commands (self);

  while (done < n_frames)
    {
      uint64_t n = n_frames - done;
      uint64_t limit;

      limit = _lq_engine_rt_drain_scheduled (self);
      if (limit < n)
        n = limit;
      limit = _lq_engine_rt_transport_update (self);
      if (limit > 0 && limit < n)
        n = limit;
      if (n > LQ_ENGINE_RT_BLOCK)
        n = LQ_ENGINE_RT_BLOCK;
      if (n > self->meter_period - self->period_pos)
        n = self->meter_period - self->period_pos;
      if (self->running)
        {
          limit = until_wrap (self, self->heard_pos);
          if (limit < n)
            n = limit;
          limit = until_wrap (self, self->feed_pos);
          if (limit < n)
            n = limit;
          if (self->xfade_pos < self->xfade_len && self->xfade_len - self->xfade_pos < n)
            n = self->xfade_len - self->xfade_pos;
        }

      render_block (self, (uint32_t) n);
      listen_limit_block (self, (uint32_t) n);
      lq_monitor_process (&self->monitor, (const float *const *) self->mixed, self->mixed,
                          (uint32_t) n);
      /* Counted first: a meter frame this block completes says the frame just after it. */
      self->stream_frame += n;
      meter_block (self, (uint32_t) n);
      write_out (self, out + (size_t) done * self->out_channels, (uint32_t) n);
      done += (uint32_t) n;
    }

  /* One more look, so that a pause that finished fading reads as idle right away. */
  if (!self->playing && self->fade_count == 0)
    self->running = false;

  atomic_store_explicit (&self->pub_position,
                         lq_slot_is_reference (self->target) && !self->sync
                         ? self->ref_pos[self->target - LQ_SLOT_REFERENCE] : self->heard_pos,
                         memory_order_relaxed);
  atomic_store_explicit (&self->pub_slot, selected_slot (self), memory_order_relaxed);
  atomic_store_explicit (&self->pub_switch_frame, self->switch_frame, memory_order_relaxed);
  atomic_store_explicit (&self->pub_state,
                         self->running ? LQ_ENGINE_RT_PLAYING : LQ_ENGINE_RT_IDLE,
                         memory_order_relaxed);
  atomic_store_explicit (&self->pub_latency, self->latency, memory_order_relaxed);
  atomic_fetch_add_explicit (&self->pub_renders, 1, memory_order_relaxed);
  atomic_store_explicit (&self->pub_end_count, self->end_count, memory_order_release);
  atomic_store_explicit (&self->pub_stream_frame, self->stream_frame, memory_order_release);
  denormal_guard_leave (&guard);
}

void
lq_engine_rt_render (LqEngineRt *self,
                     float      *out,
                     uint32_t    n_frames)
{
  if (self->probe.enter)
    self->probe.enter (self->probe.data);
  render_internal (self, out, n_frames);
  if (self->probe.leave)
    self->probe.leave (self->probe.data);
}

void
lq_engine_rt_callback (LqEngineRt *self,
                       float      *out,
                       uint32_t    n_frames,
                       bool        xrun)
{
  if (self->probe.enter)
    self->probe.enter (self->probe.data);
  if (xrun)
    atomic_fetch_add_explicit (&self->xruns, 1, memory_order_relaxed);
  render_internal (self, out, n_frames);
  if (self->probe.leave)
    self->probe.leave (self->probe.data);
}
