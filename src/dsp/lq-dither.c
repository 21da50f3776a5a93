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

/* The noise comes from eight xorshift64* generators side by side, each seeded apart: one such
 * generator is a chain of dependent shifts and xors per draw (most of a 24-bit master's
 * dither time), eight run in two vectors at once. */
#define LANES 8

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
  uint64_t      state[LANES]; /* the generators, draw d from lane d % LANES */
  double        spare[LANES]; /* drawn and not used yet: spare[LANES - n_spare ..] */
  uint32_t      n_spare;
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
  uint64_t s = self->seed;

  /* splitmix64 (Vigna) spreads one seed over the lanes; a zero state would stay zero. */
  for (uint32_t j = 0; j < LANES; j++)
    {
      uint64_t z = (s += 0x9E3779B97F4A7C15ull);

      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      z ^= z >> 31;
      self->state[j] = z != 0 ? z : 1;
    }
  self->n_spare = 0;
  memset (self->err, 0, sizeof self->err);
}

uint32_t
lq_dither_get_bits (const LqDither *self)
{
  return self->bits;
}

typedef uint64_t lq_v4du __attribute__ ((vector_size (32)));
typedef double   lq_v4df __attribute__ ((vector_size (32)));

/* One step of four xorshift64* generators (Vigna): 64 good bits each, whose two 32-bit halves
 * a and b give a triangular value (a - b) / 2^32 over (-1, 1), exactly: with the halves
 * placed in the mantissa of 2^52, the doubles' difference is a - b. */
LQ_SIMD_INLINE lq_v4df
step4 (lq_v4du *state)
{
  const lq_v4du two52 = (lq_v4du) { 0 } + 0x4330000000000000ull;
  lq_v4du x = *state, r, a, b;

  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *state = x;
  r = x * 0x2545F4914F6CDD1Dull;
  a = (r & 0xFFFFFFFFull) | two52;
  b = (r >> 32) | two52;
  return ((lq_v4df) a - (lq_v4df) b) * (1.0 / 4294967296.0);
}

/* The next n triangular values of the sequence into tri: draw d comes from lane d % LANES, so
 * the sequence is the same however the calls divide it. */
LQ_TARGET_CLONES static void
draw_triangular (LqDither *self,
                 double   *tri,
                 uint32_t  n)
{
  lq_v4du st[2];
  uint32_t k = 0;

  for (; k < n && self->n_spare > 0; k++)
    tri[k] = self->spare[LANES - self->n_spare--];
  if (k == n)
    return;
  memcpy (st, self->state, sizeof st);
  for (; k + LANES <= n; k += LANES)
    {
      lq_v4df lo = step4 (&st[0]), hi = step4 (&st[1]);

      memcpy (tri + k, &lo, sizeof lo);
      memcpy (tri + k + 4, &hi, sizeof hi);
    }
  if (k < n)
    {
      lq_v4df v[2] = { step4 (&st[0]), step4 (&st[1]) };

      memcpy (self->spare, v, sizeof v);
      self->n_spare = LANES;
      for (; k < n; k++)
        tri[k] = self->spare[LANES - self->n_spare--];
    }
  memcpy (self->state, st, sizeof st);
}

/* Frames per stretch of dither: its random numbers drawn first, in frame-major order, so
 * that the flat and the shaped loop give each sample the same noise. */
#define FLAT_STRETCH 256

/* A rounded value v on the grid: within the integer range, NaN silence. No branch, so the
 * flat loop vectorises. */
LQ_SIMD_INLINE double
to_range (double v,
          double lo,
          double hi)
{
  double k = v < lo ? lo : v > hi ? hi : v;

  return v == v ? k : 0.0;
}

/* One channel of a stretch of unshaped dither, tri[i * stride] its noise (NULL: none): a
 * plain loop with no branch, which the compiler vectorises. The arithmetic of the shaped loop
 * below with nothing fed back; scale and inv are powers of two, so the products are exact
 * whether or not they fuse. */
LQ_SIMD_INLINE void
flat_channel (const float  *x,
              float        *y,
              const double *tri,
              uint32_t      stride,
              uint32_t      n,
              double        scale,
              double        lo,
              double        hi)
{
  const double inv = 1.0 / scale;

  for (uint32_t i = 0; i < n; i++)
    {
      double v = nearbyint ((double) x[i] * scale + (tri != NULL ? tri[i * stride] : 0.0));

      y[i] = (float) (to_range (v, lo, hi) * inv);
    }
}

/* TPDF or no dither, no shaping (the render's default): nothing feeds back, so each channel
 * runs on its own, on random numbers drawn beforehand in the frame-major order of the shaped
 * loop, so that both give the same samples. Mono and stereo have constant strides. */
LQ_TARGET_CLONES static void
process_flat (LqDither           *self,
              const float *const *in,
              float *const       *out,
              uint32_t            n_frames)
{
  const double scale = self->scale, lo = self->lo, hi = self->hi;
  const uint32_t channels = self->channels;
  const bool tpdf = self->type == LQ_DITHER_TPDF;

  for (uint32_t from = 0; from < n_frames; from += FLAT_STRETCH)
    {
      uint32_t n = n_frames - from < FLAT_STRETCH ? n_frames - from : FLAT_STRETCH;
      double tri[FLAT_STRETCH * LQ_MAX_CHANNELS];

      if (tpdf)
        draw_triangular (self, tri, n * channels);
      for (uint32_t c = 0; c < channels; c++)
        {
          const double *t = tpdf ? tri + c : NULL;

          if (channels == 1)
            flat_channel (in[c] + from, out[c] + from, t, 1, n, scale, lo, hi);
          else if (channels == 2)
            flat_channel (in[c] + from, out[c] + from, t, 2, n, scale, lo, hi);
          else
            flat_channel (in[c] + from, out[c] + from, t, channels, n, scale, lo, hi);
        }
    }
}

void
lq_dither_process (LqDither           *self,
                   const float *const *in,
                   float *const       *out,
                   uint32_t            n_frames)
{
  const double scale = self->scale, inv = 1.0 / self->scale;

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

  /* Noise shaping: each channel feeds its own past errors back, sample by sample. */
  for (uint32_t from = 0; from < n_frames; from += FLAT_STRETCH)
    {
      uint32_t n = n_frames - from < FLAT_STRETCH ? n_frames - from : FLAT_STRETCH;
      double tri[FLAT_STRETCH * LQ_MAX_CHANNELS];

      draw_triangular (self, tri, n * self->channels);
      for (uint32_t i = 0; i < n; i++)
        for (uint32_t c = 0; c < self->channels; c++)
          {
            double *e = self->err[c];
            double w = (double) in[c][from + i] * scale, v, now;

            for (uint32_t k = 0; k < self->n_taps; k++)
              w -= self->coeffs[k] * e[k];
            v = to_range (nearbyint (w + tri[i * self->channels + c]), self->lo, self->hi);
            out[c][from + i] = (float) (v * inv);

            now = isfinite (w) ? v - w : 0.0;
            memmove (e + 1, e, (self->n_taps - 1) * sizeof *e);
            e[0] = now < -MAX_FED_BACK_ERROR ? -MAX_FED_BACK_ERROR :
                   now > MAX_FED_BACK_ERROR ? MAX_FED_BACK_ERROR : now;
          }
    }
}
