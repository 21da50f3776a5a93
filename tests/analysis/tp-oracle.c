/* tp-oracle.c
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

#include <fftw3.h>
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lq-test-signal.h"
#include "tp-oracle.h"

const char *const tp_signal_names[TP_N_SIGNALS] = { "noise", "square", "impulses", "nyquist" };

double
tp_oracle_peak (const float *x,
                size_t       n,
                unsigned     factor)
{
  size_t len = 1024, big, bins, big_bins, at = 0;
  double *time, *fine, peak = 0.0;
  fftw_complex *spec;
  fftw_plan plan;

  /* Silence on either side, well beyond any interpolation kernel's reach, so that the FFT's
   * periodic extension does not fold one end onto the other. */
  while (len < n + 4096)
    len *= 2;
  big = len * factor;
  bins = len / 2 + 1;
  big_bins = big / 2 + 1;

  time = fftw_alloc_real (big);
  fine = fftw_alloc_real (big);
  spec = fftw_alloc_complex (big_bins);
  memset (time, 0, big * sizeof (double));
  for (size_t i = 0; i < n; i++)
    time[2048 + i] = x[i];

  plan = fftw_plan_dft_r2c_1d ((int) len, time, spec, FFTW_ESTIMATE);
  fftw_execute (plan);
  fftw_destroy_plan (plan);

  /* Zero-pad the spectrum; the Nyquist bin is shared by +-Nyquist in the longer transform,
   * so it is halved (the interpolant is then real and passes through every sample). */
  memset (spec + bins, 0, (big_bins - bins) * sizeof (fftw_complex));
  spec[bins - 1][0] *= 0.5;
  spec[bins - 1][1] *= 0.5;

  plan = fftw_plan_dft_c2r_1d ((int) big, spec, fine, FFTW_ESTIMATE);
  fftw_execute (plan);
  fftw_destroy_plan (plan);

  for (size_t i = 0; i < big; i++)
    if (fabs (fine[i]) > peak)
      {
        peak = fabs (fine[i]);
        at = i;
      }
  if (at > 0 && at + 1 < big)
    {
      double a = fabs (fine[at - 1]), b = peak, c = fabs (fine[at + 1]);
      double den = a - 2.0 * b + c;

      if (den < 0.0)
        peak = b - 0.125 * (a - c) * (a - c) / den;
    }

  fftw_free (time);
  fftw_free (fine);
  fftw_free (spec);
  return peak / (double) len;
}

static double
uniform (uint64_t *s)
{
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return (double) (*s >> 11) / 9007199254740992.0;
}

void
tp_signal_make (float    *x,
                size_t    n,
                double    rate,
                TpSignal  kind,
                double    amplitude,
                uint64_t  seed)
{
  uint64_t s = seed * 0x9e3779b97f4a7c15ull + 1;
  double peak = 0.0;

  switch (kind)
    {
    case TP_SIGNAL_NOISE:
      for (size_t i = 0; i < n; i++)
        x[i] = (float) (2.0 * uniform (&s) - 1.0);
      break;
    case TP_SIGNAL_SQUARE:
      {
        double phase = uniform (&s);

        for (size_t i = 0; i < n; i++)
          x[i] = fmod (phase + 997.0 * i / rate, 1.0) < 0.5 ? 1.0f : -1.0f;
      }
      break;
    case TP_SIGNAL_IMPULSES:
      memset (x, 0, n * sizeof (float));
      for (size_t i = 64; i + 64 < n; i += 64 + (size_t) (uniform (&s) * 256))
        {
          double sign = uniform (&s) < 0.5 ? -1.0 : 1.0;

          x[i] = (float) sign;
          /* A click pair of opposite signs peaks between its samples. */
          if (uniform (&s) < 0.5)
            x[i + 1] = (float) (-sign * (0.5 + 0.5 * uniform (&s)));
        }
      break;
    case TP_SIGNAL_NYQUIST:
      lq_test_sine (x, n, rate, rate * (0.45 + 0.04 * uniform (&s)), 1.0,
                    2.0 * M_PI * uniform (&s));
      break;
    default:
      break;
    }

  lq_test_fade (x, n, (size_t) llround (0.05 * rate));
  for (size_t i = 0; i < n; i++)
    peak = fmax (peak, fabs (x[i]));
  for (size_t i = 0; i < n && peak > 0.0; i++)
    x[i] = (float) (x[i] * amplitude / peak);
}

void
tp_signal_quantise (float  *x,
                    size_t  n)
{
  for (size_t i = 0; i < n; i++)
    x[i] = (float) (lrint (x[i] * 32767.0) / 32767.0);
}

void
tp_add_cases (const char  *prefix,
              void       (*func) (const void *data))
{
  static const double rates[] = { 44100.0, 48000.0, 96000.0 };

  for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
    for (int k = 0; k < TP_N_SIGNALS; k++)
      {
        TpCase *tc = g_new (TpCase, 1);
        g_autofree char *path = g_strdup_printf ("%s/%s/%.0f", prefix, tp_signal_names[k],
                                                 rates[r]);

        tc->rate = rates[r];
        tc->kind = (TpSignal) k;
        g_test_add_data_func_full (path, tc, func, g_free);
      }
}
