/* lq-limiter.c
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

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lq-db.h"
#include "lq-limiter.h"
#include "lq-limiter-private.h"
#include "lq-smoother.h"
#include "lq-simd.h"
#include "lq-truepeak.h"

/* Design (the "x42 dpl" / Sanfilippo family), in the gain-reduction domain d = 1 - gain:
 *
 *  1. Detection. e[k] = max (env[k], env[k-1]) where env is lq_truepeak_process_envelope:
 *     the sample and the 4x-interpolated points after it, so e covers the intervals on both
 *     sides of a sample. The required reduction is d_req[k] = max (0, 1 - c / e[k]), with c
 *     the ceiling less LQ_LIMITER_MARGIN_DB.
 *  2. Lookahead L (even, in frames). d_req goes through a pre-delay of Lmax - L, a sliding
 *     maximum over L + 1 frames (monotonic deque, O(1) amortised), an exponential release
 *     (dr = max (dm, dr * k_rel)), and two running means of L/2 + 1 frames each (exact integer
 *     sums, so they never drift and unity is exactly 1.0). The two means together are a
 *     triangular kernel spanning L + 1 frames, so every term of the output at step k holds
 *     the maximum over a window that contains the input to the kernel at step k - L: the
 *     reduction applied is >= d_req[k - Lmax], the frame the audio delay of Lmax (plus the
 *     interpolator's delay) brings out at step k. The gain therefore reaches its target when
 *     the peak arrives, along an S-shaped ramp whose slope is zero where it meets the peak.
 *  3. The audio is delayed by Lmax + lq_truepeak_get_latency and multiplied by the gain.
 *
 * Why a margin. Step 2 bounds the gain at each sample, but a meter interpolates between
 * samples of the gain-modulated output: there the result is the interpolation of g[n] x[n],
 * not g x of the interpolated input, and the two differ where the gain curves within the
 * interpolator's span. The S-ramp keeps that curvature small (flat where it meets the peak, a
 * release of tens of ms after it): across tests/dsp/test-limiter.c (sines up to 19 kHz and at
 * rate/3, white and pink noise 12 dB over, clipped squares, rate/4 at 45 degrees, clicks, at
 * 44.1 and 48 kHz, three lookaheads) our meter reads at most 0.012 dB above the aim and
 * libebur128, whose interpolator has the same design, 0.02 dB.
 *
 * Which detector. The one true-peak detector (lq-truepeak.h), as an envelope: its 4x screen,
 * then the 128-tap filter on the 4x grid and a refinement between the samples wherever a peak
 * comes near the floor (the ceiling), so peaks that fall between the 4x points, or that the
 * short screen merges with a neighbour, are seen too. It stops short of the meters'
 * long-tail stage, whose latency (about 24600 samples) a live limiter cannot take; on
 * full-band content driven far into it that stage still finds a few tenths of a dB more,
 * which the offline render's exact check-and-correct pass (lq-render.c) removes. So the live
 * margin, LQ_LIMITER_MARGIN_DB = 0.03 dB, only has to cover the gain's own curvature between
 * samples (0.012 dB at most across tests/dsp/test-limiter.c) and the refinement's error.
 *
 * The final safety stage clamps a sample beyond the ceiling itself (not the aim) and counts
 * it. With the margin it never engages on finite programme, so it is not clipping; it stops a
 * non-finite input or a bug from reaching a converter. */

#define Q_SCALE 4294967296.0    /* d in [0, 1] as integer multiples of 2^-32 */
#define RELEASE_FLOOR 1e-7      /* a decaying reduction this small is over */

typedef struct
{
  uint64_t idx;
  float    val;
} DequeItem;

/* One frame in the two running means' ring: its term of the first and of the second. */
typedef struct
{
  int64_t q;
  int64_t sum1;
} BoxItem;

struct LqLimiter
{
  double          rate;
  uint32_t        channels;
  uint32_t        max_frames;
  bool            fresh;

  LqTruePeak     *tp;
  uint32_t        tp_latency;
  uint32_t        lmax;          /* even */
  uint32_t        latency;       /* lmax + tp_latency */

  LqLimiterParams params;
  uint32_t        look;          /* L, even, 2 .. lmax */
  uint32_t        half;          /* L / 2 + 1 */
  double          inv_scale;     /* 1 / (half^2 Q_SCALE) */
  double          release_coef;
  LqSmoother      ceiling;       /* linear, with the margin */
  LqSmoother      wet;           /* 1 limiting, 0 bypassed */
  float           clamp_level;   /* linear ceiling of the safety stage */
  float           clamp_pending;
  int64_t         clamp_hold;    /* frames before clamp_pending applies */

  /* Gain computer state. */
  uint64_t        n;             /* frames processed */
  float           env_prev;
  float          *env;           /* max_frames */
  float          *dreq;          /* ring, dreq_mask + 1 */
  uint64_t        dreq_mask;
  DequeItem      *deque;         /* ring, as long as dreq (the same mask) */
  uint64_t        dq_head, dq_tail;
  double          dr;
  BoxItem        *box;           /* ring, box_mask + 1 */
  uint64_t        box_mask;
  int64_t         sum1, sum2;
  double          reduction;     /* of the last frame, before the bypass mix */
  uint64_t        dreq_zero_from; /* every requirement from this frame on is 0 */
  bool            no_quiet;      /* tests: the quiet-block shortcut off */
  uint64_t        quiet_blocks;  /* blocks that took it */

  float          *gain;          /* max_frames: the block's gain */

  /* Audio delay. */
  float          *delay[LQ_MAX_CHANNELS];
  uint64_t        delay_mask;

  /* Bypassed and settled, the limiter is a plain delay and its detector and gain computer
   * go cold; un-bypassed, they run dry for warm frames (the latency) before the wet ramp. */
  bool            cold;
  uint32_t        warm;

  float           gr_peak;
  float           gr_current;
  uint64_t        clip_count;
};

static double
clampd (double v,
        double lo,
        double hi)
{
  if (!isfinite (v))
    return lo;
  return v < lo ? lo : v > hi ? hi : v;
}

static uint64_t
pow2_at_least (uint64_t v)
{
  uint64_t p = 1;

  while (p < v)
    p <<= 1;
  return p;
}

void
lq_limiter_params_init_default (LqLimiterParams *params)
{
  memset (params, 0, sizeof *params);
  params->ceiling_db = -1.0;
  params->lookahead_ms = LQ_LIMITER_LOOKAHEAD_DEFAULT_MS;
  params->release_ms = 50.0;
  params->bypass = false;
}

LqLimiter *
lq_limiter_new (const LqLimiterConfig *config,
                LqStatus              *status)
{
  LqLimiter *self;
  LqLimiterParams defaults;
  LqStatus dummy;
  double max_ms;

  if (status == NULL)
    status = &dummy;

  if (config == NULL || config->max_frames == 0 || config->max_frames > LQ_MAX_BLOCK)
    {
      *status = LQ_ERROR_INVALID_ARGUMENT;
      return NULL;
    }
  if (config->channels == 0 || config->channels > LQ_MAX_CHANNELS)
    {
      *status = LQ_ERROR_INVALID_CHANNELS;
      return NULL;
    }
  if (!(config->sample_rate >= LQ_MIN_RATE && config->sample_rate <= LQ_MAX_RATE))
    {
      *status = LQ_ERROR_INVALID_RATE;
      return NULL;
    }
  max_ms = config->max_lookahead_ms == 0.0 ? LQ_LIMITER_LOOKAHEAD_MAX_MS : config->max_lookahead_ms;
  if (!(max_ms >= LQ_LIMITER_LOOKAHEAD_MIN_MS && max_ms <= 100.0))
    {
      *status = LQ_ERROR_INVALID_ARGUMENT;
      return NULL;
    }

  self = calloc (1, sizeof *self);
  if (self == NULL)
    goto nomem;

  self->rate = config->sample_rate;
  self->channels = config->channels;
  self->max_frames = config->max_frames;

  self->tp = lq_limiter_new_detector (config, status);
  if (self->tp == NULL)
    {
      lq_limiter_free (self);
      return NULL;
    }
  self->tp_latency = lq_truepeak_get_latency (self->tp);
  self->lmax = 2 * (uint32_t) ceil (max_ms * 1e-3 * self->rate / 2.0);
  self->latency = self->lmax + self->tp_latency;

  self->dreq_mask = pow2_at_least (self->lmax + 2) - 1;
  self->box_mask = pow2_at_least (self->lmax / 2 + 2) - 1;
  self->delay_mask = pow2_at_least (self->latency + self->max_frames + 1) - 1;

  if ((self->env = calloc (self->max_frames, sizeof (float))) == NULL ||
      (self->gain = calloc (self->max_frames, sizeof (float))) == NULL ||
      (self->dreq = calloc (self->dreq_mask + 1, sizeof (float))) == NULL ||
      (self->deque = calloc (self->dreq_mask + 1, sizeof (DequeItem))) == NULL ||
      (self->box = calloc (self->box_mask + 1, sizeof (BoxItem))) == NULL)
    goto nomem;
  for (uint32_t c = 0; c < self->channels; c++)
    if ((self->delay[c] = calloc (self->delay_mask + 1, sizeof (float))) == NULL)
      goto nomem;

  lq_smoother_init (&self->ceiling, self->rate, LQ_LIMITER_SMOOTH_MS, 1.0);
  lq_smoother_init (&self->wet, self->rate, LQ_LIMITER_SMOOTH_MS, 1.0);

  lq_limiter_reset (self);
  lq_limiter_params_init_default (&defaults);
  lq_limiter_set_params (self, &defaults);

  *status = LQ_OK;
  return self;

nomem:
  lq_limiter_free (self);
  *status = LQ_ERROR_NOMEM;
  return NULL;
}

void
lq_limiter_free (LqLimiter *self)
{
  if (self == NULL)
    return;
  lq_truepeak_free (self->tp);
  free (self->env);
  free (self->gain);
  free (self->dreq);
  free (self->deque);
  free (self->box);
  for (uint32_t c = 0; c < LQ_MAX_CHANNELS; c++)
    free (self->delay[c]);
  free (self);
}

/* Sets the lookahead to look frames and primes the gain computer so that no pending
 * requirement is lost: every term of the next `look` outputs holds at least v, the largest of
 * the reduction applied now and every requirement still in the pipeline (lq-limiter.c top). */
static void
prime (LqLimiter *self,
       uint32_t   look)
{
  uint64_t n = self->n;
  double v = self->reduction;
  int64_t q;

  for (uint64_t k = 1; k <= (uint64_t) self->lmax + 1; k++)
    v = fmax (v, self->dreq[(n - k) & self->dreq_mask]);
  v = fmin (v, 1.0);

  self->look = look;
  self->half = look / 2 + 1;
  self->inv_scale = 1.0 / ((double) self->half * self->half * Q_SCALE);

  self->dq_head = self->dq_tail = 0;
  if (v > 0.0)
    {
      self->deque[0].idx = n - 1;
      self->deque[0].val = (float) v;
      self->dq_tail = 1;
    }
  self->dr = v;

  q = v > 0.0 ? (int64_t) (v * Q_SCALE) + 1 : 0;
  for (uint64_t k = 1; k <= self->half; k++)
    {
      self->box[(n - k) & self->box_mask] = (BoxItem) { q, q * (int64_t) self->half };
    }
  self->sum1 = q * (int64_t) self->half;
  self->sum2 = self->sum1 * (int64_t) self->half;
}

void
lq_limiter_reset (LqLimiter *self)
{
  lq_truepeak_reset (self->tp);
  memset (self->dreq, 0, (self->dreq_mask + 1) * sizeof (float));
  for (uint32_t c = 0; c < self->channels; c++)
    memset (self->delay[c], 0, (self->delay_mask + 1) * sizeof (float));
  self->n = 0;
  self->dreq_zero_from = 0;
  self->env_prev = 0.0f;
  self->reduction = 0.0;
  prime (self, self->look ? self->look : 2);
  lq_smoother_snap (&self->ceiling);
  lq_smoother_snap (&self->wet);
  self->clamp_level = self->clamp_pending;
  self->clamp_hold = 0;
  self->gr_peak = self->gr_current = 0.0f;
  self->clip_count = 0;
  self->cold = false;
  self->warm = self->latency;
  self->fresh = true;
}

void
lq_limiter_set_params (LqLimiter             *self,
                       const LqLimiterParams *params)
{
  LqLimiterParams *p = &self->params;
  double ceiling;
  uint32_t look;

  *p = *params;
  p->ceiling_db = clampd (p->ceiling_db, -30.0, 0.0);
  p->lookahead_ms = clampd (p->lookahead_ms, LQ_LIMITER_LOOKAHEAD_MIN_MS,
                            self->lmax * 1e3 / self->rate);
  p->release_ms = clampd (p->release_ms, 1.0, 2000.0);

  self->release_coef = exp (-1.0 / (p->release_ms * 1e-3 * self->rate));

  ceiling = lq_db_to_gain (p->ceiling_db);
  lq_smoother_set_target (&self->ceiling, lq_db_to_gain (p->ceiling_db - LQ_LIMITER_MARGIN_DB));
  lq_smoother_set_target (&self->wet, p->bypass ? 0.0 : 1.0);

  /* The safety stage may rise with the ceiling at once, but must wait for the audio limited
   * to the old, higher ceiling to leave the delay line before it comes down. */
  self->clamp_pending = (float) ceiling;
  if (self->clamp_pending >= self->clamp_level)
    {
      self->clamp_level = self->clamp_pending;
      self->clamp_hold = 0;
    }
  else
    self->clamp_hold = (int64_t) self->latency + self->ceiling.ramp_frames;

  look = 2 * (uint32_t) lround (p->lookahead_ms * 1e-3 * self->rate / 2.0);
  look = look < 2 ? 2 : look > self->lmax ? self->lmax : look;
  if (look != self->look)
    prime (self, look);

  if (self->fresh)
    {
      lq_smoother_snap (&self->ceiling);
      lq_smoother_snap (&self->wet);
      self->clamp_level = self->clamp_pending;
      self->clamp_hold = 0;
    }
}

void
lq_limiter_get_params (const LqLimiter *self,
                       LqLimiterParams *params)
{
  *params = self->params;
}

uint32_t
lq_limiter_get_latency (const LqLimiter *self)
{
  return self->latency;
}

float
lq_limiter_get_gain_reduction_db (const LqLimiter *self)
{
  return self->gr_peak;
}

float
lq_limiter_get_current_gain_reduction_db (const LqLimiter *self)
{
  return self->gr_current;
}

uint64_t
lq_limiter_get_clip_count (const LqLimiter *self)
{
  return self->clip_count;
}

/* Steps 1 and 2 over n frames: the reduction (0 .. 1) for each frame leaving the delay line,
 * applied through the wet mix, into gain; returns the smallest gain, and the last in *last.
 * The state lives in locals for the loop (the rings' stores could otherwise alias it and
 * send every field through memory). A zero requirement is not queued: it cannot raise the
 * sliding maximum, and an empty queue reads as 0. */
static inline __attribute__ ((always_inline)) float
gain_run (LqLimiter   *self,
          const float *env,
          float       *gain,
          uint32_t     n,
          float       *last,
          const bool   plain)
{
  const uint64_t dreq_mask = self->dreq_mask, deque_mask = self->dreq_mask;
  const uint64_t box_mask = self->box_mask;
  const uint64_t lag = self->lmax - self->look, look = self->look, half = self->half;
  const double release_coef = self->release_coef, inv_scale = self->inv_scale;
  const bool ceiling_ramp = !plain && !lq_smoother_is_settled (&self->ceiling);
  const bool wet_ramp = !plain && !lq_smoother_is_settled (&self->wet);
  float *dreq = self->dreq;
  DequeItem *deque = self->deque;
  BoxItem *box = self->box;
  uint64_t k = self->n, head = self->dq_head, tail = self->dq_tail;
  int64_t sum1 = self->sum1, sum2 = self->sum2;
  double dr = self->dr, r = self->reduction;
  double ceiling = lq_smoother_get_current (&self->ceiling);
  double wet = lq_smoother_get_current (&self->wet);
  float env_prev = self->env_prev, g = 1.0f, g_min = 1.0f;
  uint32_t warm = self->warm;

  for (uint32_t i = 0; i < n; i++, k++)
    {
      float e = env[i] > env_prev ? env[i] : env_prev;
      float d = 0.0f, u;
      double dm, dec;
      int64_t q;

      if (ceiling_ramp)
        ceiling = lq_smoother_next (&self->ceiling);
      env_prev = env[i];
      if (!(e <= ceiling))
        d = e > ceiling ? (float) (1.0 - ceiling / e) : 1.0f;   /* NaN: full reduction */
      dreq[k & dreq_mask] = d;
      u = dreq[(k - lag) & dreq_mask];

      /* Sliding maximum over the last look + 1 frames. */
      if (u > 0.0f || head != tail)
        {
          while (tail != head && deque[(tail - 1) & deque_mask].val <= u)
            tail--;
          if (u > 0.0f)
            deque[tail++ & deque_mask] = (DequeItem) { k, u };
          while (tail != head && deque[head & deque_mask].idx + look < k)
            head++;
        }
      dm = head != tail ? deque[head & deque_mask].val : 0.0;

      /* Exponential release, never below the requirement. */
      dec = dr * release_coef;
      if (dec < RELEASE_FLOOR)
        dec = 0.0;
      dr = dm > dec ? dm : dec;

      /* Two running means over half frames each: a triangular kernel over look + 1 frames.
       * q >= dr * Q_SCALE (rounded up, never down), and exactly 0 for no reduction. */
      q = dr > 0.0 ? (int64_t) (dr * Q_SCALE) + 1 : 0;
      {
        BoxItem old = box[(k - half) & box_mask];

        sum1 += q - old.q;
        sum2 += sum1 - old.sum1;
        box[k & box_mask] = (BoxItem) { q, sum1 };
      }
      r = sum2 * inv_scale;

      if (!plain && warm > 0)
        {
          warm--;
          g = 1.0f;
        }
      else
        {
          if (wet_ramp)
            wet = lq_smoother_next (&self->wet);
          g = (float) (1.0 - wet * r);
        }
      g_min = g < g_min ? g : g_min;
      gain[i] = g;
    }

  self->n = k;
  self->dq_head = head;
  self->dq_tail = tail;
  self->sum1 = sum1;
  self->sum2 = sum2;
  self->dr = dr;
  self->reduction = r;
  self->env_prev = env_prev;
  self->warm = warm;
  *last = g;
  return g_min;
}

/* The loop above, built twice: once for the usual block (no ramp, not warming up), with the
 * branches for those gone and fewer values live, and once for any block. */
LQ_TARGET_CLONES
static float
gain_computer (LqLimiter   *self,
               const float *env,
               float       *gain,
               uint32_t     n,
               float       *last)
{
  if (lq_smoother_is_settled (&self->ceiling) && lq_smoother_is_settled (&self->wet) &&
      self->warm == 0)
    return gain_run (self, env, gain, n, last, true);
  return gain_run (self, env, gain, n, last, false);
}

/* Zeroes the n entries of a ring (elem bytes each, mask + 1 of them) from index k0 on. */
static void
ring_clear (void     *ring,
            size_t    elem,
            uint64_t  mask,
            uint64_t  k0,
            uint32_t  n)
{
  uint64_t size = mask + 1, at = k0 & mask, run;

  if (n >= size)
    {
      memset (ring, 0, size * elem);
      return;
    }
  run = n < size - at ? n : size - at;
  memset ((char *) ring + at * elem, 0, run * elem);
  memset (ring, 0, (n - run) * elem);
}

/* Whether every x[i] <= c, NaN failing, eight at a time; c is the largest float not above the
 * (double) ceiling, so that this is the gain computer's own comparison. */
LQ_TARGET_CLONES
static bool
all_at_most (const float *x,
             uint32_t     n,
             float        c)
{
  lq_v8si bad = { 0 };
  bool any = false;
  uint32_t i = 0;

  for (; i + 8 <= n; i += 8)
    bad |= ~(lq_v8_load (x + i) <= c);
  for (; i < n; i++)
    any |= !(x[i] <= c);
  for (uint32_t j = 0; j < 8; j++)
    any |= bad[j] != 0;
  return !any;
}

/* A block that gain_computer would turn into unity gain without touching its state, other
 * than to shift zeros through it: no frame of it asks for reduction (the ceiling settled, every
 * envelope point under it), none still in the pre-delay does, and the sliding maximum, the
 * release and both running means are empty. Then this writes what it would (zeros into the
 * rings, unity gain) at a fraction of the cost; a quiet passage is the common case. Returns
 * whether it did; otherwise notes where requirements may have been written. */
static bool
gain_quiet (LqLimiter   *self,
            const float *env,
            float       *gain,
            uint32_t     n)
{
  const uint64_t k0 = self->n;
  double ceiling = lq_smoother_get_current (&self->ceiling);
  float c = (float) ceiling;
  bool quiet;

  if ((double) c > ceiling)
    c = nextafterf (c, -INFINITY);
  quiet = lq_smoother_is_settled (&self->ceiling) && self->env_prev <= c &&
          all_at_most (env, n, c);
  if (!quiet)
    {
      self->dreq_zero_from = k0 + n;
      return false;
    }
  if (!lq_smoother_is_settled (&self->wet) || self->dq_head != self->dq_tail ||
      self->dr != 0.0 || self->sum1 != 0 || self->sum2 != 0 ||
      k0 < self->dreq_zero_from + (self->lmax - self->look))
    return false;

  ring_clear (self->dreq, sizeof *self->dreq, self->dreq_mask, k0, n);
  ring_clear (self->box, sizeof *self->box, self->box_mask, k0, n);
  for (uint32_t i = 0; i < n; i++)
    gain[i] = 1.0f;
  self->n = k0 + n;
  self->env_prev = env[n - 1];
  self->reduction = 0.0;
  self->warm = self->warm > n ? self->warm - n : 0;
  return true;
}

/* Frames k0 .. k0 + n through the delay line, in block copies. Bypassed, this is all the
 * limiter does (the latency and the audio in the line stay, for a click-free return, and
 * there is no detection, which is most of its cost); limiting, the gain follows. */
static void
delay_block (LqLimiter          *self,
             uint64_t            k0,
             const float *const *in,
             float *const       *out,
             uint32_t            n)
{
  const uint64_t mask = self->delay_mask;

  for (uint32_t c = 0; c < self->channels; c++)
    {
      float *line = self->delay[c];
      uint32_t done = 0;

      /* In runs that do not wrap the ring: copies the compiler turns into memmove. */
      while (done < n)
        {
          uint64_t w = (k0 + done) & mask, r = (k0 + done - self->latency) & mask;
          uint32_t run = n - done;

          run = (uint32_t) (run < mask + 1 - w ? run : mask + 1 - w);
          run = (uint32_t) (run < mask + 1 - r ? run : mask + 1 - r);
          /* Write before read (in may be out, and a frame can leave the line in the block
           * it entered); the ring holds latency + max_frames, so the run's writes never
           * reach what it still has to read. */
          if (run > mask + 1 - self->latency)
            run = (uint32_t) (mask + 1 - self->latency);
          memcpy (line + w, in[c] + done, run * sizeof (float));
          memcpy (out[c] + done, line + r, run * sizeof (float));
          done += run;
        }
    }
}

/* out *= gain over n frames, eight at a time; TRUE when a result is beyond clamp or not a
 * number (one comparison catches both). */
LQ_TARGET_CLONES
static bool
apply_gain (const float *gain,
            float       *out,
            uint32_t     n,
            float        clamp)
{
  lq_v8si bad = { 0 };
  bool any = false;
  uint32_t i = 0;

  for (; i + 8 <= n; i += 8)
    {
      lq_v8sf y = lq_v8_load (out + i) * lq_v8_load (gain + i);

      lq_v8_store (out + i, y);
      bad |= ~(lq_v8_abs (y) <= clamp);
    }
  for (; i < n; i++)
    {
      float y = out[i] * gain[i];

      out[i] = y;
      any |= !(fabsf (y) <= clamp);
    }
  for (uint32_t j = 0; j < 8; j++)
    any |= bad[j] != 0;
  return any;
}

/* Back from a settled bypass: the gain computer and the detector start from silence and run
 * dry for the latency, so that every frame the wet ramp touches has been detected. */
static void
warm_up (LqLimiter *self)
{
  lq_truepeak_reset (self->tp);
  memset (self->dreq, 0, (self->dreq_mask + 1) * sizeof (float));
  self->env_prev = 0.0f;
  self->reduction = 0.0;
  prime (self, self->look);
  self->cold = false;
  self->warm = self->latency;
}

static void
process_block (LqLimiter          *self,
               const float *const *in,
               const float        *detected,
               float *const       *out,
               uint32_t            n)
{
  const float *env;
  uint32_t channels = self->channels;
  float *gain = self->gain;
  float clamp = self->clamp_level;
  bool use_clamp;
  float g_min = 1.0f, g = 1.0f;
  uint64_t k0;

  if (lq_smoother_is_settled (&self->wet) && lq_smoother_get_target (&self->wet) == 0.0)
    {
      delay_block (self, self->n, in, out, n);
      self->n += n;
      self->cold = true;
      self->reduction = 0.0;
      self->gr_current = 0.0f;
      return;
    }
  if (self->cold)
    warm_up (self);

  if (detected == NULL)
    {
      /* Peaks the screen reads well under every ceiling this block can reach need no
       * refinement (the smoother moves monotonically from its current value to the target). */
      lq_truepeak_set_floor (self->tp, (float) fmin (lq_smoother_get_current (&self->ceiling),
                                                     lq_smoother_get_target (&self->ceiling)));
      lq_truepeak_process_envelope (self->tp, in, self->env, n);
      env = self->env;
    }
  else
    env = detected;

  if (self->clamp_hold > 0)
    {
      self->clamp_hold -= n;
      if (self->clamp_hold <= 0)
        self->clamp_level = self->clamp_pending;
    }
  use_clamp = lq_smoother_is_settled (&self->wet) && lq_smoother_get_current (&self->wet) == 1.0;

  /* The gain computer is recursive, one frame at a time into the gain scratch (it counts the
   * frames in self->n); the delay line and the gain then run over the block, channel by
   * channel. */
  k0 = self->n;
  if (self->no_quiet || !gain_quiet (self, env, gain, n))
    g_min = gain_computer (self, env, gain, n, &g);
  else
    self->quiet_blocks++;
  delay_block (self, k0, in, out, n);
  for (uint32_t c = 0; c < channels; c++)
    if (apply_gain (gain, out[c], n, use_clamp ? clamp : INFINITY))
      {
        /* The safety stage: rare, so counted here rather than in the vector loop. */
        for (uint32_t i = 0; i < n; i++)
          if (use_clamp && !(fabsf (out[c][i]) <= clamp))
            {
              out[c][i] = isnan (out[c][i]) ? 0.0f : copysignf (clamp, out[c][i]);
              self->clip_count++;
            }
      }

  if (!isfinite (self->dr))
    prime (self, self->look);
  self->gr_peak = fmaxf (self->gr_peak, (float) -lq_gain_to_db (g_min));
  self->gr_current = (float) -lq_gain_to_db (g);
}

static void
limiter_run (LqLimiter          *self,
             const float *const *in,
             const float        *detected,
             float *const       *out,
             uint32_t            n_frames)
{
  self->fresh = false;
  self->gr_peak = 0.0f;

  for (uint32_t done = 0; done < n_frames;)
    {
      uint32_t n = n_frames - done < self->max_frames ? n_frames - done : self->max_frames;
      const float *i_seg[LQ_MAX_CHANNELS];
      float *o_seg[LQ_MAX_CHANNELS];

      for (uint32_t c = 0; c < self->channels; c++)
        {
          i_seg[c] = in[c] + done;
          o_seg[c] = out[c] + done;
        }
      process_block (self, i_seg, detected ? detected + done : NULL, o_seg, n);
      done += n;
    }
}

void
lq_limiter_process (LqLimiter          *self,
                    const float *const *in,
                    float *const       *out,
                    uint32_t            n_frames)
{
  limiter_run (self, in, NULL, out, n_frames);
}

void
lq_limiter_process_detected (LqLimiter          *self,
                             const float *const *in,
                             const float        *envelope,
                             float *const       *out,
                             uint32_t            n_frames)
{
  limiter_run (self, in, envelope, out, n_frames);
}

/* A plain loop, so that it vectorises. */
LQ_TARGET_CLONES static void
scale_into (float       *restrict dst,
            const float *restrict src,
            double                gain,
            uint32_t              n)
{
  for (uint32_t i = 0; i < n; i++)
    dst[i] = (float) (src[i] * gain);
}

void
lq_limiter_process_detected_scaled (LqLimiter          *self,
                                    const float *const *in,
                                    const float        *envelope,
                                    double              gain,
                                    float *const       *out,
                                    uint32_t            n_frames)
{
  enum { STRETCH = 1024 };
  float gr_peak = 0.0f;

  for (uint32_t done = 0; done < n_frames; done += STRETCH)
    {
      uint32_t n = n_frames - done < STRETCH ? n_frames - done : STRETCH;
      float x[LQ_MAX_CHANNELS][STRETCH], env[STRETCH];
      const float *xs[LQ_MAX_CHANNELS];
      float *os[LQ_MAX_CHANNELS];

      for (uint32_t c = 0; c < self->channels; c++)
        {
          scale_into (x[c], in[c] + done, gain, n);
          xs[c] = x[c];
          os[c] = out[c] + done;
        }
      scale_into (env, envelope + done, gain, n);
      limiter_run (self, xs, env, os, n);
      gr_peak = fmaxf (gr_peak, self->gr_peak);
    }
  /* The peak over the whole call, as limiter_run reports it. */
  self->gr_peak = gr_peak;
}

LqTruePeak *
lq_limiter_new_detector (const LqLimiterConfig *config,
                         LqStatus              *status)
{
  return lq_truepeak_new_kind (config->channels, config->sample_rate, config->max_frames,
                               LQ_TRUEPEAK_ENVELOPE, status);
}

void
_lq_limiter_set_quiet_path (LqLimiter *self,
                            bool       enabled)
{
  self->no_quiet = !enabled;
}

uint64_t
_lq_limiter_get_quiet_blocks (const LqLimiter *self)
{
  return self->quiet_blocks;
}
