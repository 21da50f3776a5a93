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

#include "lq-biquad.h"

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
  self->s1 = self->s2 = 0.0;
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
  self->s1 = self->s2 = 0.0;
}

/* A denormal state decays for seconds after the input stops; flushing it here keeps the filter
 * cheap on every CPU, with or without FTZ. */
static inline double
flush (double v)
{
  return fabs (v) < 1e-30 ? 0.0 : v;
}

void
lq_biquad_process (LqBiquad    *self,
                   const float *in,
                   float       *out,
                   uint32_t     n_frames)
{
  const double b0 = self->c.b0, b1 = self->c.b1, b2 = self->c.b2;
  const double a1 = self->c.a1, a2 = self->c.a2;
  double s1 = self->s1, s2 = self->s2;

  for (uint32_t i = 0; i < n_frames; i++)
    {
      double x = in[i];
      double y = b0 * x + s1;

      s1 = b1 * x - a1 * y + s2;
      s2 = b2 * x - a2 * y;
      out[i] = (float) y;
    }

  self->s1 = isfinite (s1) ? flush (s1) : 0.0;
  self->s2 = isfinite (s2) ? flush (s2) : 0.0;
}

void
lq_biquad_process_cascade2 (LqBiquad    *first,
                            LqBiquad    *second,
                            const float *in,
                            float       *out,
                            uint32_t     n_frames)
{
  const double b0 = first->c.b0, b1 = first->c.b1, b2 = first->c.b2;
  const double a1 = first->c.a1, a2 = first->c.a2;
  const double d0 = second->c.b0, d1 = second->c.b1, d2 = second->c.b2;
  const double e1 = second->c.a1, e2 = second->c.a2;
  double s1 = first->s1, s2 = first->s2;
  double t1 = second->s1, t2 = second->s2;

  for (uint32_t i = 0; i < n_frames; i++)
    {
      double x = in[i];
      double y = b0 * x + s1;
      double z;

      s1 = b1 * x - a1 * y + s2;
      s2 = b2 * x - a2 * y;

      z = d0 * y + t1;
      t1 = d1 * y - e1 * z + t2;
      t2 = d2 * y - e2 * z;
      out[i] = (float) z;
    }

  first->s1 = isfinite (s1) ? flush (s1) : 0.0;
  first->s2 = isfinite (s2) ? flush (s2) : 0.0;
  second->s1 = isfinite (t1) ? flush (t1) : 0.0;
  second->s2 = isfinite (t2) ? flush (t2) : 0.0;
}

double
lq_biquad_process_cascade2_energy (LqBiquad    *first,
                                   LqBiquad    *second,
                                   const float *in,
                                   uint32_t     n_frames)
{
  const double b0 = first->c.b0, b1 = first->c.b1, b2 = first->c.b2;
  const double a1 = first->c.a1, a2 = first->c.a2;
  const double d0 = second->c.b0, d1 = second->c.b1, d2 = second->c.b2;
  const double e1 = second->c.a1, e2 = second->c.a2;
  double s1 = first->s1, s2 = first->s2;
  double t1 = second->s1, t2 = second->s2;
  double energy = 0.0;

  for (uint32_t i = 0; i < n_frames; i++)
    {
      double x = in[i];
      double y = b0 * x + s1;
      double z;

      s1 = b1 * x - a1 * y + s2;
      s2 = b2 * x - a2 * y;

      z = d0 * y + t1;
      t1 = d1 * y - e1 * z + t2;
      t2 = d2 * y - e2 * z;
      energy += z * z;
    }

  first->s1 = isfinite (s1) ? flush (s1) : 0.0;
  first->s2 = isfinite (s2) ? flush (s2) : 0.0;
  second->s1 = isfinite (t1) ? flush (t1) : 0.0;
  second->s2 = isfinite (t2) ? flush (t2) : 0.0;

  return energy;
}
