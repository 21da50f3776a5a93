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

#include "lq-biquad.h"
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

typedef double v2d __attribute__ ((vector_size (16)));

/* The feedback path is one multiply-add: with FMA (x86-64-v3) that halves its latency. */
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
  const v2d b0 = { first[0].c.b0, first[1].c.b0 }, b1 = { first[0].c.b1, first[1].c.b1 };
  const v2d b2 = { first[0].c.b2, first[1].c.b2 };
  const v2d a1 = { first[0].c.a1, first[1].c.a1 }, a2 = { first[0].c.a2, first[1].c.a2 };
  const v2d d0 = { second[0].c.b0, second[1].c.b0 }, d1 = { second[0].c.b1, second[1].c.b1 };
  const v2d d2 = { second[0].c.b2, second[1].c.b2 };
  const v2d e1 = { second[0].c.a1, second[1].c.a1 }, e2 = { second[0].c.a2, second[1].c.a2 };
  v2d x1 = { first[0].x1, first[1].x1 }, x2 = { first[0].x2, first[1].x2 };
  v2d y1 = { first[0].y1, first[1].y1 }, y2 = { first[0].y2, first[1].y2 };
  v2d z1 = { second[0].y1, second[1].y1 }, z2 = { second[0].y2, second[1].y2 };
  v2d acc = { 0.0, 0.0 };

  for (uint32_t i = 0; i < n_frames; i++)
    {
      v2d x = { in0[(size_t) i * stride], in1[(size_t) i * stride] };
      v2d y = (b0 * x + b1 * x1 + b2 * x2 - a2 * y2) - a1 * y1;
      v2d z = (d0 * y + d1 * y1 + d2 * y2 - e2 * z2) - e1 * z1;

      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      z2 = z1;
      z1 = z;
      acc += z * z;
    }

  for (int c = 0; c < 2; c++)
    {
      store_state (&first[c], x1[c], x2[c], y1[c], y2[c]);
      store_state (&second[c], y1[c], y2[c], z1[c], z2[c]);
      energy[c] = acc[c];
    }
}

static void
store_x2 (LqBiquad *l,
          LqBiquad *r,
          v2d       x1,
          v2d       x2,
          v2d       y1,
          v2d       y2)
{
  store_state (l, x1[0], x2[0], y1[0], y2[0]);
  store_state (r, x1[1], x2[1], y1[1], y2[1]);
}

#define V2(a, b, f) ((v2d) { (a)->f, (b)->f })

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
  const v2d b0 = V2 (l1, r1, c.b0), b1 = V2 (l1, r1, c.b1), b2 = V2 (l1, r1, c.b2);
  const v2d a1 = V2 (l1, r1, c.a1), a2 = V2 (l1, r1, c.a2);
  v2d x1 = V2 (l1, r1, x1), x2 = V2 (l1, r1, x2), y1 = V2 (l1, r1, y1), y2 = V2 (l1, r1, y2);

  if (l2 == NULL)
    {
      for (uint32_t i = 0; i < n; i++)
        {
          v2d x = { buf0[i], buf1[i] };
          v2d y = (b0 * x + b1 * x1 + b2 * x2 - a2 * y2) - a1 * y1;

          x2 = x1;
          x1 = x;
          y2 = y1;
          y1 = y;
          buf0[i] = (float) y[0];
          buf1[i] = (float) y[1];
        }
      store_x2 (l1, r1, x1, x2, y1, y2);
      return;
    }

  {
    const v2d d0 = V2 (l2, r2, c.b0), d1 = V2 (l2, r2, c.b1), d2 = V2 (l2, r2, c.b2);
    const v2d e1 = V2 (l2, r2, c.a1), e2 = V2 (l2, r2, c.a2);
    v2d u1 = V2 (l2, r2, x1), u2 = V2 (l2, r2, x2), z1 = V2 (l2, r2, y1), z2 = V2 (l2, r2, y2);

    for (uint32_t i = 0; i < n; i++)
      {
        v2d x = { buf0[i], buf1[i] };
        v2d y = (b0 * x + b1 * x1 + b2 * x2 - a2 * y2) - a1 * y1;
        v2d u, z;

        x2 = x1;
        x1 = x;
        y2 = y1;
        y1 = y;
        /* The second section takes the first's output in double, and keeps it as its input
         * history: rounding it to float costs a conversion each way per frame, and the
         * element-wise spelling of that rounding GCC 12 dropped inside the loop but not at
         * the block's end, which made the output depend on where the blocks ended. */
        u = y;
        z = (d0 * u + d1 * u1 + d2 * u2 - e2 * z2) - e1 * z1;
        u2 = u1;
        u1 = u;
        z2 = z1;
        z1 = z;
        buf0[i] = (float) z[0];
        buf1[i] = (float) z[1];
      }
    store_x2 (l1, r1, x1, x2, y1, y2);
    store_x2 (l2, r2, u1, u2, z1, z2);
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
  for (uint32_t k = 0; k < n_sections; k += 2)
    {
      bool two = k + 1 < n_sections;

      pair_x2 (left[k], right[k], two ? left[k + 1] : NULL, two ? right[k + 1] : NULL,
               buf0, buf1, n_frames);
    }
}
