/* lq-dither.c
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

#include "lq-dither.h"

#define DEFAULT_SEED 0x2545F4914F6CDD1Dull

struct LqDither
{
  uint32_t     channels;
  uint32_t     bits;
  LqDitherType type;
  uint64_t     seed;
  uint64_t     state;
  double       scale;     /* 2^(bits-1) */
  double       lo, hi;    /* integer range */
};

LqDither *
lq_dither_new (const LqDitherConfig *config,
               LqStatus             *status)
{
  LqDither *self;
  LqStatus dummy;

  if (status == NULL)
    status = &dummy;

  if (config == NULL || (config->bits != 16 && config->bits != 24 && config->bits != 32) ||
      (config->type != LQ_DITHER_NONE && config->type != LQ_DITHER_TPDF))
    {
      *status = LQ_ERROR_INVALID_ARGUMENT;
      return NULL;
    }
  if (config->channels == 0 || config->channels > LQ_MAX_CHANNELS)
    {
      *status = LQ_ERROR_INVALID_CHANNELS;
      return NULL;
    }

  self = calloc (1, sizeof *self);
  if (self == NULL)
    {
      *status = LQ_ERROR_NOMEM;
      return NULL;
    }
  self->channels = config->channels;
  self->bits = config->bits;
  self->type = config->type;
  self->seed = config->seed ? config->seed : DEFAULT_SEED;
  self->scale = ldexp (1.0, (int) self->bits - 1);
  self->lo = -self->scale;
  self->hi = self->scale - 1.0;
  lq_dither_reset (self);

  *status = LQ_OK;
  return self;
}

void
lq_dither_free (LqDither *self)
{
  free (self);
}

void
lq_dither_reset (LqDither *self)
{
  self->state = self->seed;
}

uint32_t
lq_dither_get_bits (const LqDither *self)
{
  return self->bits;
}

/* xorshift64* (Vigna): 64 good bits per step, of which we use two 32-bit halves. */
static inline uint64_t
next_random (uint64_t *state)
{
  uint64_t x = *state;

  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *state = x;
  return x * 0x2545F4914F6CDD1Dull;
}

void
lq_dither_process (LqDither           *self,
                   const float *const *in,
                   float *const       *out,
                   uint32_t            n_frames)
{
  const double u = 1.0 / 4294967296.0;   /* 2^-32: uniform in [0, 1) from 32 bits */
  double scale = self->scale, inv = 1.0 / self->scale;
  uint64_t state = self->state;

  if (self->bits == 32)
    {
      for (uint32_t c = 0; c < self->channels; c++)
        if (out[c] != in[c])
          memmove (out[c], in[c], n_frames * sizeof (float));
      return;
    }

  for (uint32_t i = 0; i < n_frames; i++)
    for (uint32_t c = 0; c < self->channels; c++)
      {
        double v = (double) in[c][i] * scale;

        if (self->type == LQ_DITHER_TPDF)
          {
            uint64_t r = next_random (&state);

            /* (a - b) with a, b uniform in [0, 1): triangular over (-1, 1) LSB. */
            v += (double) (uint32_t) r * u - (double) (uint32_t) (r >> 32) * u;
          }
        v = nearbyint (v);
        if (!(v >= self->lo))        /* also NaN */
          v = isnan (v) ? 0.0 : self->lo;
        else if (v > self->hi)
          v = self->hi;
        out[c][i] = (float) (v * inv);
      }

  self->state = state;
}
