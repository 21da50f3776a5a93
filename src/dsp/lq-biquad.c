/* lq-biquad.c
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

#include <complex.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "lq-biquad.h"
#include "lq-biquad-x2.h"
#include "lq-simd.h"

static void
set_normalised (LqBiquadCoeffs *c,
                double b0, double b1, double b2,
                double a0, double a1, double a2)
{
  c->b0 = b0 / a0;
  c->b1 = b1 / a0;
  c->b2 = b2 / a0;
  c->a1 = a1 / a0;
  c->a2 = a2 / a0;
}

void
lq_biquad_coeffs_design (LqBiquadCoeffs *c,
                         LqBiquadType    type,
                         double          rate,
                         double          freq,
                         double          q,
                         double          gain_db)
{
  double w0, cw, sw, alpha, A, sqA;

  /* Keep the design defined even for out-of-range requests: clamp just below Nyquist. */
  if (freq > 0.4999 * rate)
    freq = 0.4999 * rate;
  if (freq < 1e-3)
    freq = 1e-3;
  if (q < 1e-3)
    q = 1e-3;

  w0 = 2.0 * M_PI * freq / rate;
  cw = cos (w0);
  sw = sin (w0);
  alpha = sw / (2.0 * q);
  A = pow (10.0, gain_db / 40.0);
  sqA = sqrt (A);

  switch (type)
    {
    case LQ_BIQUAD_LOWPASS:
      set_normalised (c, (1 - cw) / 2, 1 - cw, (1 - cw) / 2, 1 + alpha, -2 * cw, 1 - alpha);
      break;

    case LQ_BIQUAD_HIGHPASS:
      set_normalised (c, (1 + cw) / 2, -(1 + cw), (1 + cw) / 2, 1 + alpha, -2 * cw, 1 - alpha);
      break;

    case LQ_BIQUAD_PEAKING:
      set_normalised (c, 1 + alpha * A, -2 * cw, 1 - alpha * A,
                      1 + alpha / A, -2 * cw, 1 - alpha / A);
      break;

    case LQ_BIQUAD_LOWSHELF:
      set_normalised (c,
                      A * ((A + 1) - (A - 1) * cw + 2 * sqA * alpha),
                      2 * A * ((A - 1) - (A + 1) * cw),
                      A * ((A + 1) - (A - 1) * cw - 2 * sqA * alpha),
                      (A + 1) + (A - 1) * cw + 2 * sqA * alpha,
                      -2 * ((A - 1) + (A + 1) * cw),
                      (A + 1) + (A - 1) * cw - 2 * sqA * alpha);
      break;

    case LQ_BIQUAD_HIGHSHELF:
      set_normalised (c,
                      A * ((A + 1) + (A - 1) * cw + 2 * sqA * alpha),
                      -2 * A * ((A - 1) + (A + 1) * cw),
                      A * ((A + 1) + (A - 1) * cw - 2 * sqA * alpha),
                      (A + 1) - (A - 1) * cw + 2 * sqA * alpha,
                      2 * ((A - 1) - (A + 1) * cw),
                      (A + 1) - (A - 1) * cw - 2 * sqA * alpha);
      break;

    case LQ_BIQUAD_IDENTITY:
    default:
      set_normalised (c, 1, 0, 0, 1, 0, 0);
      break;
    }
}

/* The analogue prototype of BS.1770's pre-filter is a second-order high shelf; its parameters
 * (f0, gain, Q and the band-pass share Vb) are the ones that reproduce the 48 kHz table exactly
 * under a bilinear transform pre-warped at f0. */
void
lq_biquad_coeffs_kweight_shelf (LqBiquadCoeffs *c,
                                double          rate)
{
  const double f0 = 1681.974450955533;
  const double G = 3.999843853973347;
  const double Q = 0.7071752369554196;
  double K = tan (M_PI * f0 / rate);
  double Vh = pow (10.0, G / 20.0);
  double Vb = pow (Vh, 0.4996667741545416);

  set_normalised (c,
                  Vh + Vb * K / Q + K * K,
                  2.0 * (K * K - Vh),
                  Vh - Vb * K / Q + K * K,
                  1.0 + K / Q + K * K,
                  2.0 * (K * K - 1.0),
                  1.0 - K / Q + K * K);
}

/* The RLB high-pass. BS.1770's table keeps the numerator at (1, -2, 1), i.e. unnormalised
 * high-frequency gain; we do the same so 48 kHz matches the table. */
void
lq_biquad_coeffs_kweight_highpass (LqBiquadCoeffs *c,
                                   double          rate)
{
  const double f0 = 38.13547087602444;
  const double Q = 0.5003270373238773;
  double K = tan (M_PI * f0 / rate);
  double a0 = 1.0 + K / Q + K * K;

  c->b0 = 1.0;
  c->b1 = -2.0;
  c->b2 = 1.0;
  c->a1 = 2.0 * (K * K - 1.0) / a0;
  c->a2 = (1.0 - K / Q + K * K) / a0;
}

void
lq_biquad_coeffs_response (const LqBiquadCoeffs *c,
                           double                rate,
                           double                freq,
                           double               *magnitude,
                           double               *phase)
{
  double w = 2.0 * M_PI * freq / rate;
  double complex z1 = cexp (-I * w);
  double complex z2 = z1 * z1;
  double complex h = (c->b0 + c->b1 * z1 + c->b2 * z2) / (1.0 + c->a1 * z1 + c->a2 * z2);

  if (magnitude)
    *magnitude = cabs (h);
  if (phase)
    *phase = carg (h);
}

void
lq_biquad_init (LqBiquad             *self,
                const LqBiquadCoeffs *c)
{
  self->c = *c;
  lq_biquad_reset (self);
}

void
lq_biquad_set_coeffs (LqBiquad             *self,
                      const LqBiquadCoeffs *c)
{
  self->c = *c;
}

void
lq_biquad_reset (LqBiquad *self)
{
  self->x1 = self->x2 = self->y1 = self->y2 = 0.0;
}

/* A denormal state decays for seconds after the input stops; flushing it keeps the filter
 * cheap on every CPU, with or without FTZ, and a non-finite state (from a non-finite input)
 * is dropped rather than poisoning everything after it. */
static inline double
sanitize (double v)
{
  return isfinite (v) && fabs (v) >= 1e-30 ? v : 0.0;
}

static inline void
store_state (LqBiquad *self,
             double x1, double x2, double y1, double y2)
{
  self->x1 = sanitize (x1);
  self->x2 = sanitize (x2);
  self->y1 = sanitize (y1);
  self->y2 = sanitize (y2);
}

void
lq_biquad_process (LqBiquad    *self,
                   const float *in,
                   float       *out,
                   uint32_t     n_frames)
{
  const double b0 = self->c.b0, b1 = self->c.b1, b2 = self->c.b2;
  const double a1 = self->c.a1, a2 = self->c.a2;
  double x1 = self->x1, x2 = self->x2, y1 = self->y1, y2 = self->y2;

  for (uint32_t i = 0; i < n_frames; i++)
    {
      double x = in[i];
      /* Everything but a1 * y1 is off the feedback path. */
      double y = (b0 * x + b1 * x1 + b2 * x2 - a2 * y2) - a1 * y1;

      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      out[i] = (float) y;
    }
  store_state (self, x1, x2, y1, y2);
}

void
lq_biquad_process_cascade2 (LqBiquad    *first,
                            LqBiquad    *second,
                            const float *in,
                            float       *out,
                            uint32_t     n_frames)
{
  lq_biquad_process (first, in, out, n_frames);
  lq_biquad_process (second, out, out, n_frames);
}

double
lq_biquad_process_cascade2_energy (LqBiquad    *first,
                                   LqBiquad    *second,
                                   const float *in,
                                   uint32_t     stride,
                                   uint32_t     n_frames)
{
  const double b0 = first->c.b0, b1 = first->c.b1, b2 = first->c.b2;
  const double a1 = first->c.a1, a2 = first->c.a2;
  const double d0 = second->c.b0, d1 = second->c.b1, d2 = second->c.b2;
  const double e1 = second->c.a1, e2 = second->c.a2;
  double x1 = first->x1, x2 = first->x2, y1 = first->y1, y2 = first->y2;
  double z1 = second->y1, z2 = second->y2;
  double energy = 0.0;

  /* The second section's input history is the first's output history (y1, y2). */
  for (uint32_t i = 0; i < n_frames; i++)
    {
      double x = in[(size_t) i * stride];
      double y = (b0 * x + b1 * x1 + b2 * x2 - a2 * y2) - a1 * y1;
      double z = (d0 * y + d1 * y1 + d2 * y2 - e2 * z2) - e1 * z1;

      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      z2 = z1;
      z1 = z;
      energy += z * z;
    }
  store_state (first, x1, x2, y1, y2);
  store_state (second, y1, y2, z1, z2);
  return energy;
}

/* The chain's kernels must round alike: FIRST_PRODUCT (lq-simd.h) fixes which product of the
 * difference equation the FMA build leaves unfused. */
#define FIRST_PRODUCT(p) LQ_FIRST_PRODUCT (p)

/* The second section runs this many frames behind the first in lq_biquad_process_cascade2_*
 * (a power of two): far enough that a step never waits for the first section's output. */
#define CASCADE_LAG 8

/* The feedback path is one multiply-add: with FMA (x86-64-v3) that halves its latency.
 * The two sections run in the lanes of one four-lane vector: lanes 0, 1 the first section
 * on frame i of both channels, lanes 2, 3 the second on frame i - lag, whose input the first
 * section gave lag steps before (ring). Lane by lane the arithmetic is that of the two
 * sections in turn, so the result is the same to the bit, in half the instructions: the
 * two-lane version kept the vector units half idle. The lag keeps the vector's steps
 * independent: a step's lanes 2, 3 taking the previous step's lanes 0, 1 would chain every
 * step to the whole of the one before. */
LQ_TARGET_CLONES
void
lq_biquad_process_cascade2_energy_x2 (LqBiquad     first[2],
                                      LqBiquad     second[2],
                                      const float *in0,
                                      const float *in1,
                                      uint32_t     stride,
                                      uint32_t     n_frames,
                                      double       energy[2])
{
  const lq_v4d b0 = { first[0].c.b0, first[1].c.b0, second[0].c.b0, second[1].c.b0 };
  const lq_v4d b1 = { first[0].c.b1, first[1].c.b1, second[0].c.b1, second[1].c.b1 };
  const lq_v4d b2 = { first[0].c.b2, first[1].c.b2, second[0].c.b2, second[1].c.b2 };
  const lq_v4d a1 = { first[0].c.a1, first[1].c.a1, second[0].c.a1, second[1].c.a1 };
  const lq_v4d a2 = { first[0].c.a2, first[1].c.a2, second[0].c.a2, second[1].c.a2 };
  const uint32_t lag = n_frames < CASCADE_LAG ? n_frames : CASCADE_LAG;
  /* Lanes 2, 3 stay zero (and add nothing) until the second section starts. */
  lq_v4d x1 = { first[0].x1, first[1].x1, 0.0, 0.0 }, x2 = { first[0].x2, first[1].x2, 0.0, 0.0 };
  lq_v4d y1 = { first[0].y1, first[1].y1, 0.0, 0.0 }, y2 = { first[0].y2, first[1].y2, 0.0, 0.0 };
  lq_v4d acc = { 0.0, 0.0, 0.0, 0.0 };
  lq_v4d x, v;
  lq_v2d ring[CASCADE_LAG];
  uint32_t i = 0;

#define STEP()                                                   \
  do                                                             \
    {                                                            \
      v = (b0 * x + b1 * x1 + b2 * x2 - a2 * y2) - a1 * y1;      \
      ring[i % CASCADE_LAG] = (lq_v2d) { v[0], v[1] };           \
      x2 = x1;                                                   \
      x1 = x;                                                    \
      y2 = y1;                                                   \
      y1 = v;                                                    \
    }                                                            \
  while (0)

  for (; i < lag; i++)
    {
      x = (lq_v4d) { in0[(size_t) i * stride], in1[(size_t) i * stride], 0.0, 0.0 };
      STEP ();
    }
  for (int c = 0; c < 2; c++)
    {
      x1[2 + c] = second[c].x1;
      x2[2 + c] = second[c].x2;
      y1[2 + c] = second[c].y1;
      y2[2 + c] = second[c].y2;
    }
  for (; i < n_frames; i++)
    {
      const lq_v2d w = ring[(i - lag) % CASCADE_LAG];

      x = (lq_v4d) { in0[(size_t) i * stride], in1[(size_t) i * stride], w[0], w[1] };
      STEP ();
      acc += v * v;
    }
  for (int c = 0; c < 2; c++)
    store_state (&first[c], x1[c], x2[c], y1[c], y2[c]);
  /* The second section's last lag frames; lanes 0, 1 run on in silence, unused. */
  for (; i < n_frames + lag; i++)
    {
      const lq_v2d w = ring[(i - lag) % CASCADE_LAG];

      x = (lq_v4d) { 0.0, 0.0, w[0], w[1] };
      STEP ();
      acc += v * v;
    }
#undef STEP
  for (int c = 0; c < 2; c++)
    {
      store_state (&second[c], x1[2 + c], x2[2 + c], y1[2 + c], y2[2 + c]);
      energy[c] = acc[2 + c];
    }
}

void
lq_biquad_x2_save (const LqBiquadX2 *s,
                   LqBiquad         *l,
                   LqBiquad         *r)
{
  store_state (l, s->x1[0], s->x2[0], s->y1[0], s->y2[0]);
  store_state (r, s->x1[1], s->x2[1], s->y1[1], s->y2[1]);
}

/* One or two sections (l2 == NULL: one) on both channels, in place: the second section's
 * sample i overlaps the first's sample i + 1. */
LQ_TARGET_CLONES
static void
pair_x2 (LqBiquad    *l1,
         LqBiquad    *r1,
         LqBiquad    *l2,
         LqBiquad    *r2,
         float       *buf0,
         float       *buf1,
         uint32_t     n)
{
  LqBiquadX2 s, t;

  lq_biquad_x2_load (&s, l1, r1);
  if (l2 == NULL)
    {
      for (uint32_t i = 0; i < n; i++)
        {
          lq_v2d y = lq_biquad_x2_next (&s, (lq_v2d) { buf0[i], buf1[i] });

          buf0[i] = (float) y[0];
          buf1[i] = (float) y[1];
        }
      lq_biquad_x2_save (&s, l1, r1);
      return;
    }

  lq_biquad_x2_load (&t, l2, r2);
  for (uint32_t i = 0; i < n; i++)
    {
      /* The second section takes the first's output in double, and keeps it as its input
       * history: rounding it to float costs a conversion each way per frame, and the
       * element-wise spelling of that rounding GCC 12 dropped inside the loop but not at the
       * block's end, which made the output depend on where the blocks ended. */
      lq_v2d y = lq_biquad_x2_next (&s, (lq_v2d) { buf0[i], buf1[i] });
      lq_v2d z = lq_biquad_x2_next (&t, y);

      buf0[i] = (float) z[0];
      buf1[i] = (float) z[1];
    }
  lq_biquad_x2_save (&s, l1, r1);
  lq_biquad_x2_save (&t, l2, r2);
}

/* Three or more sections run as a skewed software pipeline, one pass over the block: at step t
 * section k works on frame t - k * SKEW, so within a step no section waits for another and the
 * recursions overlap. A v4d holds the pair (2m, 2m + 1) of pair_x2 on both channels; each step
 * a pair reads its inputs from the ring row written SKEW steps before and writes its outputs to
 * the current row, laid out so that a pair's inputs are one load: row[0, 1] is the input frame,
 * row[2k + 2, 2k + 3] section k's output (rounded to float after an odd section, as between
 * pair_x2's passes). SKEW steps give the input's path through the difference equation (a
 * multiply and four dependent multiply-adds) time to finish, so a block of SKEW steps has no
 * dependence between pairs, only each pair's own recursion. The prologue and epilogue of the
 * skew are masked steps. Each section computes what pair_x2 does, in the same order and with
 * the same rounding points, so output and state are identical bit for bit. */
#define SKEW      8
#define RING      16
#define MAX_PAIRS 8
#define ROW       (4 * MAX_PAIRS + 4)

typedef uint64_t v4du __attribute__ ((vector_size (32)));

#if defined(__clang__)
#define SHUFFLE4(a, b, i, j, k, l) __builtin_shufflevector (a, b, i, j, k, l)
#else
#define SHUFFLE4(a, b, i, j, k, l) __builtin_shuffle (a, b, (lq_v4di) { i, j, k, l })
#endif

typedef struct
{
  lq_v4d  b0, b1, b2, a1, a2;
  lq_v4d  x1, x2, y1, y2;
  lq_v4di skew;                 /* frame lag of each lane's section */
} Pair4;

/* The lanes of pair m: section 2m + (lane >> 1) of channel lane & 1. */
static LqBiquad *
lane_section (LqBiquad *const *left,
              LqBiquad *const *right,
              uint32_t         n_sections,
              uint32_t         m,
              uint32_t         lane)
{
  uint32_t k = 2 * m + (lane >> 1);

  if (k >= n_sections)
    return NULL;
  return (lane & 1) ? right[k] : left[k];
}

/* Pairs m .. m + np - 1 (np is 1 or 2) for the SKEW steps from t0: they read rows t0 - SKEW ..
 * t0 - 1, which the block before wrote, so the pairs of one block are independent and their
 * recursions overlap, while each pair's coefficients and state stay in registers through its
 * run. Two pairs share one conversion for the rounding of their odd sections. masked (the
 * prologue and epilogue, one pair) keeps the state of the sections that have no frame at a
 * step. */
LQ_SIMD_INLINE void
pair_steps (Pair4          *p,
            double        (*ring)[ROW],
            uint32_t        m,
            const uint32_t  np,
            uint32_t        t0,
            uint32_t        n,
            bool            masked)
{
  const v4du limit = { n, n, n, n };
  /* t0 is a multiple of SKEW, so the block's rows are consecutive. */
  double (*src)[ROW] = ring + ((t0 - SKEW) & (RING - 1));
  double (*dst)[ROW] = ring + (t0 & (RING - 1));
  lq_v4d b0[2], b1[2], b2[2], a1[2], a2[2], x1[2], x2[2], y1[2], y2[2];

  for (uint32_t j = 0; j < np; j++)
    {
      b0[j] = p[j].b0, b1[j] = p[j].b1, b2[j] = p[j].b2, a1[j] = p[j].a1, a2[j] = p[j].a2;
      x1[j] = p[j].x1, x2[j] = p[j].x2, y1[j] = p[j].y1, y2[j] = p[j].y2;
    }

#pragma GCC unroll 8
  for (uint32_t u = 0; u < SKEW; u++)
    {
      uint32_t t = t0 + u;
      lq_v4d x[2], y[2], odd, r;
      lq_v4sf f;

      for (uint32_t j = 0; j < np; j++)
        {
          x[j] = lq_v4d_load (src[u] + 4 * (m + j));
          y[j] = (b0[j] * x[j] + FIRST_PRODUCT (b1[j] * x1[j]) + b2[j] * x2[j] - a2[j] * y2[j])
                 - a1[j] * y1[j];
          /* The even section's output, for the odd one; an aligned half, no blend. */
          memcpy (dst[u] + 4 * (m + j) + 2, &y[j], 2 * sizeof (double));
        }

      /* The odd sections' outputs leave their pairs as float, as pair_x2 stores them; widened
       * lane by lane, as GCC 12 turns the vector conversion into two halves. */
      odd = np == 2 ? SHUFFLE4 (y[0], y[1], 2, 3, 6, 7) : y[0];
      f = __builtin_convertvector (odd, lq_v4sf);
      r = (lq_v4d) { f[0], f[1], f[2], f[3] };
      if (np == 2)
        {
          memcpy (dst[u] + 4 * m + 4, &r, 2 * sizeof (double));
          memcpy (dst[u] + 4 * m + 8, (double *) &r + 2, 2 * sizeof (double));
        }
      else
        memcpy (dst[u] + 4 * m + 4, (double *) &r + 2, 2 * sizeof (double));

      for (uint32_t j = 0; j < np; j++)
        if (masked)
          {
            lq_v4di live = (lq_v4di) ((v4du) ((int64_t) t - p[j].skew) < limit);

            x2[j] = lq_v4d_select (live, x1[j], x2[j]);
            x1[j] = lq_v4d_select (live, x[j], x1[j]);
            y2[j] = lq_v4d_select (live, y1[j], y2[j]);
            y1[j] = lq_v4d_select (live, y[j], y1[j]);
          }
        else
          {
            x2[j] = x1[j];
            x1[j] = x[j];
            y2[j] = y1[j];
            y1[j] = y[j];
          }
    }

  for (uint32_t j = 0; j < np; j++)
    {
      p[j].x1 = x1[j];
      p[j].x2 = x2[j];
      p[j].y1 = y1[j];
      p[j].y2 = y2[j];
    }
}

/* Input frame t + SKEW, if any, into row t, where section 0 finds it at step t + SKEW; and the
 * last section's output of frame t - (n_sections - 1) * SKEW, if any, out of row t. */
LQ_SIMD_INLINE void
skew_io (double   (*ring)[ROW],
         uint32_t   n_sections,
         float     *buf0,
         float     *buf1,
         uint32_t   t,
         uint32_t   n)
{
  uint32_t in = t + SKEW, lag = (n_sections - 1) * SKEW;
  double *row = ring[t & (RING - 1)];

  if (in < n)
    {
      row[0] = buf0[in];
      row[1] = buf1[in];
    }
  if (t >= lag && t - lag < n)
    {
      buf0[t - lag] = (float) row[2 * n_sections];
      buf1[t - lag] = (float) row[2 * n_sections + 1];
    }
}

/* skew_io for the SKEW steps from t0 when all of them have an input frame and an output
 * frame: the conversions in vector loops, the moves to and from the rows plain copies. */
LQ_SIMD_INLINE void
skew_io_block (double   (*ring)[ROW],
               uint32_t   n_sections,
               float     *buf0,
               float     *buf1,
               uint32_t   t0)
{
  uint32_t in = t0 + SKEW, out = t0 - (n_sections - 1) * SKEW;
  double l[SKEW], r[SKEW];

  for (uint32_t u = 0; u < SKEW; u++)
    {
      l[u] = buf0[in + u];
      r[u] = buf1[in + u];
    }
  for (uint32_t u = 0; u < SKEW; u++)
    {
      double *row = ring[(t0 & (RING - 1)) + u];

      row[0] = l[u];
      row[1] = r[u];
      l[u] = row[2 * n_sections];
      r[u] = row[2 * n_sections + 1];
    }
  for (uint32_t u = 0; u < SKEW; u++)
    {
      buf0[out + u] = (float) l[u];
      buf1[out + u] = (float) r[u];
    }
}

/* Cloned as pair_x2 is; FIRST_PRODUCT makes the FMA builds of both round alike. */
LQ_TARGET_CLONES
static void
skew_chain (LqBiquad *const *left,
            LqBiquad *const *right,
            uint32_t         n_sections,
            float           *buf0,
            float           *buf1,
            uint32_t         n)
{
  double ring[RING][ROW] __attribute__ ((aligned (32)));
  Pair4 p[MAX_PAIRS];
  uint32_t n_pairs = (n_sections + 1) / 2;
  uint32_t n_steps = n + (n_sections - 1) * SKEW;
  /* Steps from lo to hi have every section busy and the input still ahead. */
  uint32_t lo = (n_sections - 1) * SKEW, hi = n > 2 * SKEW ? n - SKEW : 0;

  /* Rows no section has written yet are read only by masked lanes; zero keeps them cheap. */
  memset (ring, 0, sizeof ring);

  for (uint32_t m = 0; m < n_pairs; m++)
    for (uint32_t lane = 0; lane < 4; lane++)
      {
        LqBiquad *s = lane_section (left, right, n_sections, m, lane);
        /* A missing second section (odd n_sections) computes zeros nobody reads. */
        LqBiquad zero = { { 0.0, 0.0, 0.0, 0.0, 0.0 }, 0.0, 0.0, 0.0, 0.0 };

        if (s == NULL)
          s = &zero;
        p[m].b0[lane] = s->c.b0;
        p[m].b1[lane] = s->c.b1;
        p[m].b2[lane] = s->c.b2;
        p[m].a1[lane] = s->c.a1;
        p[m].a2[lane] = s->c.a2;
        p[m].x1[lane] = s->x1;
        p[m].x2[lane] = s->x2;
        p[m].y1[lane] = s->y1;
        p[m].y2[lane] = s->y2;
        /* The missing section's lanes are masked as the first section's. */
        p[m].skew[lane] = (int64_t) (2 * m + (lane >> 1 && s != &zero)) * SKEW;
      }

  /* Frames 0 .. SKEW - 1 go into the rows of the steps before the first. */
  for (uint32_t i = 0; i < SKEW && i < n; i++)
    {
      ring[(i - SKEW) & (RING - 1)][0] = buf0[i];
      ring[(i - SKEW) & (RING - 1)][1] = buf1[i];
    }

  /* Whole blocks of SKEW steps; those past n_steps have every section masked. */
  for (uint32_t t0 = 0; t0 < n_steps; t0 += SKEW)
    {
      bool steady = t0 >= lo && t0 + SKEW <= hi;

      if (steady)
        {
          uint32_t m = 0;

          for (; m + 2 <= n_pairs; m += 2)
            pair_steps (&p[m], ring, m, 2, t0, n, false);
          if (m < n_pairs)
            pair_steps (&p[m], ring, m, 1, t0, n, false);
        }
      else
        for (uint32_t m = 0; m < n_pairs; m++)
          {
            /* The steps of pair m's first and last section (frames 0 .. n - 1). */
            uint32_t first = 2 * m * SKEW;
            uint32_t last = (2 * m + 1 < n_sections ? 2 * m + 1 : 2 * m) * SKEW;

            if (t0 >= last && t0 + SKEW <= n + first)
              pair_steps (&p[m], ring, m, 1, t0, n, false);
            else if (t0 + SKEW > first && t0 < n + last)
              pair_steps (&p[m], ring, m, 1, t0, n, true);
          }
      if (steady)
        skew_io_block (ring, n_sections, buf0, buf1, t0);
      else
        for (uint32_t t = t0; t < t0 + SKEW; t++)
          skew_io (ring, n_sections, buf0, buf1, t, n);
    }

  for (uint32_t m = 0; m < n_pairs; m++)
    for (uint32_t lane = 0; lane < 4; lane++)
      {
        LqBiquad *s = lane_section (left, right, n_sections, m, lane);

        if (s != NULL)
          store_state (s, p[m].x1[lane], p[m].x2[lane], p[m].y1[lane], p[m].y2[lane]);
      }
}

void
lq_biquad_process_chain_x2 (LqBiquad *const *left,
                            LqBiquad *const *right,
                            uint32_t         n_sections,
                            float           *buf0,
                            float           *buf1,
                            uint32_t         n_frames)
{
  /* The skewed kernel pays with 256-bit vectors and FMA; in the baseline build its vectors
   * split in two and the pairs one pass each are faster (by about 1.5 times). It takes groups
   * of whole pairs: between groups the signal is float, as between pairs. */
  if (LQ_TARGET_CLONES_V3 ())
    while (n_sections > 2)
      {
        uint32_t n = n_sections < 2 * MAX_PAIRS ? n_sections : 2 * MAX_PAIRS;

        skew_chain (left, right, n, buf0, buf1, n_frames);
        left += n;
        right += n;
        n_sections -= n;
      }

  for (uint32_t k = 0; k < n_sections; k += 2)
    {
      bool two = k + 1 < n_sections;

      pair_x2 (left[k], right[k], two ? left[k + 1] : NULL, two ? right[k + 1] : NULL,
               buf0, buf1, n_frames);
    }
}
