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
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lq-dither.h"
#include "lq-simd.h"

#define DEFAULT_SEED 0x2545F4914F6CDD1Dull

/* The total error of one unclipped step is under 1.5 LSB (dither under 1, rounding at most
 * 0.5). Clamping at full scale can make it anything; bounding what is fed back keeps the
 * loop from running away after a clipped sample. */
#define MAX_FED_BACK_ERROR 1.5

/* clang-format off */
static const double f_weighted[LQ_DITHER_MAX_TAPS] = {
  2.412, -3.370, 3.937, -4.174, 3.353, -2.205, 1.281, -0.569, 0.0847
};
static const double second_order[2] = { 2.0, -1.0 };
/* clang-format on */

struct LqDither
{
  uint32_t      channels;
  uint32_t      bits;
  LqDitherType  type;
  uint64_t      seed;
  uint64_t      state;
  double        scale;     /* 2^(bits-1) */
  double        lo, hi;    /* integer range */
  const double *coeffs;    /* the shaping filter, n_taps of it */
  uint32_t      n_taps;
  double        err[LQ_MAX_CHANNELS][LQ_DITHER_MAX_TAPS];   /* e[n-1], e[n-2], ... */
};

uint32_t
lq_dither_get_shaping (double         sample_rate,
                       const double **coeffs)
{
  if (sample_rate < 50000.0)
    {
      *coeffs = f_weighted;
      return LQ_DITHER_MAX_TAPS;
    }
  *coeffs = second_order;
  return 2;
}

LqDither *
lq_dither_new (const LqDitherConfig *config,
               LqStatus             *status)
{
  LqDither *self;
  LqStatus dummy;

  if (status == NULL)
    status = &dummy;

  if (config == NULL || (config->bits != 16 && config->bits != 24 && config->bits != 32) ||
      (config->type != LQ_DITHER_NONE && config->type != LQ_DITHER_TPDF
       && config->type != LQ_DITHER_SHAPED))
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
  self->n_taps = lq_dither_get_shaping (config->sample_rate > 0.0 ? config->sample_rate : 44100.0,
                                        &self->coeffs);
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
  memset (self->err, 0, sizeof self->err);
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

/* Frames per stretch of unshaped dither: its random numbers drawn first, in the frame-major
 * order of the shaped loop, so that both give the same samples. */
#define FLAT_STRETCH 256

/* TPDF or no dither, no shaping (the render's default): nothing feeds back, so each channel
 * runs as a plain loop the compiler vectorises, on random numbers drawn beforehand. The
 * same arithmetic as the general loop below, sample for sample: scale and inv are powers of
 * two, so the products are exact whether or not they fuse. */
LQ_TARGET_CLONES static void
process_flat (LqDither           *self,
              const float *const *in,
              float *const       *out,
              uint32_t            n_frames)
{
  const double u = 1.0 / 4294967296.0;
  const double scale = self->scale, inv = 1.0 / self->scale, lo = self->lo, hi = self->hi;
  const uint32_t channels = self->channels;
  const bool tpdf = self->type == LQ_DITHER_TPDF;
  uint64_t state = self->state;

  for (uint32_t from = 0; from < n_frames; from += FLAT_STRETCH)
    {
      uint32_t n = n_frames - from < FLAT_STRETCH ? n_frames - from : FLAT_STRETCH;
      double tri[FLAT_STRETCH * LQ_MAX_CHANNELS];

      if (tpdf)
        for (uint32_t j = 0; j < n * channels; j++)
          {
            uint64_t r = next_random (&state);

            tri[j] = (double) (uint32_t) r * u - (double) (uint32_t) (r >> 32) * u;
          }
      for (uint32_t c = 0; c < channels; c++)
        {
          const float *x = in[c] + from;
          float *y = out[c] + from;

          for (uint32_t i = 0; i < n; i++)
            {
              double v = (double) x[i] * scale;

              if (tpdf)
                v += tri[i * channels + c];
              v = nearbyint (v);
              v = !(v >= lo) ? (isnan (v) ? 0.0 : lo) : v > hi ? hi : v;
              y[i] = (float) (v * inv);
            }
        }
    }
  self->state = state;
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
  if (self->type != LQ_DITHER_SHAPED)
    {
      process_flat (self, in, out, n_frames);
      return;
    }

  for (uint32_t i = 0; i < n_frames; i++)
    for (uint32_t c = 0; c < self->channels; c++)
      {
        double w = (double) in[c][i] * scale, v;

        if (self->type == LQ_DITHER_SHAPED)
          {
            double *e = self->err[c];

            for (uint32_t k = 0; k < self->n_taps; k++)
              w -= self->coeffs[k] * e[k];
          }
        v = w;
        if (self->type != LQ_DITHER_NONE)
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

        if (self->type == LQ_DITHER_SHAPED)
          {
            double *e = self->err[c];
            double now = isfinite (w) ? v - w : 0.0;

            memmove (e + 1, e, (self->n_taps - 1) * sizeof *e);
            e[0] = now < -MAX_FED_BACK_ERROR ? -MAX_FED_BACK_ERROR :
                   now > MAX_FED_BACK_ERROR ? MAX_FED_BACK_ERROR : now;
          }
      }

  self->state = state;
}
