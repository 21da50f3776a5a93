/* lq-peak-limiter.c
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
#include <string.h>

#include "lq-peak-limiter.h"

#define ROUNDING_MARGIN (1.0f - 1e-6f)

void
lq_peak_limiter_init (LqPeakLimiter *self,
                      double         rate,
                      double         ceiling_dbfs,
                      double         attack_ms,
                      double         release_ms)
{
  double frames = round (attack_ms * rate / 1000.0);

  self->ceiling = (float) pow (10.0, ceiling_dbfs / 20.0);
  self->lookahead = (uint32_t) (frames < 1.0 ? 1.0
                                : frames > LQ_PEAK_LIMITER_MAX_LOOKAHEAD
                                ? LQ_PEAK_LIMITER_MAX_LOOKAHEAD : frames);
  self->release_coef = release_ms > 0.0
                       ? (float) (1.0 - exp (-1000.0 / (release_ms * rate))) : 1.0f;
  lq_peak_limiter_reset (self);
}

void
lq_peak_limiter_reset (LqPeakLimiter *self)
{
  memset (self->delay, 0, sizeof self->delay);
  for (uint32_t i = 0; i < self->lookahead; i++)
    self->box[i] = 1.0f;
  self->box_sum = self->lookahead;
  self->pos = 0;
  self->frame = 0;
  self->min_head = self->min_len = 0;
  self->env = self->min_env = 1.0f;
}

uint32_t
lq_peak_limiter_get_latency (const LqPeakLimiter *self)
{
  return self->lookahead - 1;
}

/* The minimum of the needed gain over the last lookahead frames, this one included. */
static inline float
window_min (LqPeakLimiter *self,
            float          need)
{
  uint32_t size = LQ_PEAK_LIMITER_MAX_LOOKAHEAD;

  while (self->min_len > 0)
    {
      uint32_t back = (self->min_head + self->min_len - 1) % size;

      if (self->min_val[back] < need)
        break;
      self->min_len--;
    }
  {
    uint32_t slot = (self->min_head + self->min_len) % size;

    self->min_val[slot] = need;
    self->min_frame[slot] = self->frame;
    self->min_len++;
  }
  while (self->min_frame[self->min_head] + self->lookahead <= self->frame)
    {
      self->min_head = (self->min_head + 1) % size;
      self->min_len--;
    }
  return self->min_val[self->min_head];
}

void
lq_peak_limiter_process (LqPeakLimiter      *self,
                         const float *const *in,
                         float *const       *out,
                         uint32_t            n_frames)
{
  const float ceiling = self->ceiling;
  const uint32_t la = self->lookahead;
  float env = self->env;
  float min_env = self->min_env;

  for (uint32_t k = 0; k < n_frames; k++)
    {
      float l = in[0][k];
      float r = in[1][k];
      float peak = fmaxf (fabsf (l), fabsf (r));
      float need = peak > ceiling ? ceiling / peak : 1.0f;
      float held = window_min (self, need);
      float avg, dl, dr;

      /* The average of the held minimum over the window: every term is at most the gain the
       * frame leaving the delay line needs, so the average is too. */
      self->box_sum += (double) held - self->box[self->pos];
      self->box[self->pos] = held;
      avg = (float) (self->box_sum / la);
      if (avg > 1.0f)
        avg = 1.0f;
      if (avg < env)
        env = avg;
      else
        env += (avg - env) * self->release_coef;
      if (env < min_env)
        min_env = env;

      /* The frame that entered lookahead - 1 frames ago. */
      {
        uint32_t out_pos = (self->pos + 1) % la;

        dl = la > 1 ? self->delay[0][out_pos] : l;
        dr = la > 1 ? self->delay[1][out_pos] : r;
      }
      self->delay[0][self->pos] = l;
      self->delay[1][self->pos] = r;
      self->pos = (self->pos + 1) % la;
      self->frame++;

      /* While limiting, a margin of a few ulps for the float rounding in the average and
       * the products; at unity the samples pass untouched. */
      if (env < 1.0f)
        {
          dl *= env * ROUNDING_MARGIN;
          dr *= env * ROUNDING_MARGIN;
        }
      out[0][k] = dl;
      out[1][k] = dr;
    }
  self->env = env;
  self->min_env = min_env;
}

float
lq_peak_limiter_take_gain_reduction_db (LqPeakLimiter *self)
{
  float gr = self->min_env < 1.0f ? -20.0f * log10f (self->min_env) : 0.0f;

  self->min_env = self->env;
  return gr;
}
