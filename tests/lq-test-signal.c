/* lq-test-signal.c
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

#include "lq-test-signal.h"

void
lq_test_sine (float  *out,
              size_t  n,
              double  rate,
              double  freq,
              double  amplitude,
              double  phase)
{
  for (size_t i = 0; i < n; i++)
    out[i] = (float) (amplitude * sin (2.0 * M_PI * freq * (double) i / rate + phase));
}

double
lq_test_dbfs (double db)
{
  return pow (10.0, db / 20.0);
}

void
lq_test_fade (float  *buf,
              size_t  n,
              size_t  n_fade)
{
  if (2 * n_fade > n)
    n_fade = n / 2;
  for (size_t i = 0; i < n_fade; i++)
    {
      float g = (float) i / (float) n_fade;
      buf[i] *= g;
      buf[n - 1 - i] *= g;
    }
}

static double
next_uniform (uint64_t *state)
{
  uint64_t x = *state ? *state : 0x9E3779B97F4A7C15ull;

  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  *state = x;
  return (double) (x >> 11) * (1.0 / 9007199254740992.0) * 2.0 - 1.0;
}

void
lq_test_white_noise (float    *out,
                     size_t    n,
                     double    amplitude,
                     uint64_t *seed)
{
  for (size_t i = 0; i < n; i++)
    out[i] = (float) (amplitude * next_uniform (seed));
}

/* Paul Kellet's economy pink filter over white noise: -3 dB/octave within 0.5 dB. */
void
lq_test_pink_noise (float    *out,
                    size_t    n,
                    double    amplitude,
                    uint64_t *seed)
{
  double b0 = 0, b1 = 0, b2 = 0;

  for (size_t i = 0; i < n; i++)
    {
      double w = next_uniform (seed);

      b0 = 0.99765 * b0 + w * 0.0990460;
      b1 = 0.96300 * b1 + w * 0.2965164;
      b2 = 0.57000 * b2 + w * 1.0526913;
      out[i] = (float) (amplitude * 0.25 * (b0 + b1 + b2 + w * 0.1848));
    }
}

void
lq_test_sweep (float  *out,
               size_t  n,
               double  rate,
               double  f0,
               double  f1,
               double  amplitude)
{
  double T = (double) n / rate;
  double k = log (f1 / f0);

  for (size_t i = 0; i < n; i++)
    {
      double t = (double) i / rate;
      out[i] = (float) (amplitude * sin (2.0 * M_PI * f0 * T / k * (exp (t / T * k) - 1.0)));
    }
}

void
lq_test_music (float    *out,
               size_t    n,
               double    rate,
               int       channel,
               uint64_t  seed)
{
  static const double bass[4] = { 55.0, 73.42, 61.74, 82.41 };
  static const double chord[4][3] = {
    { 220.0, 277.18, 329.63 }, { 293.66, 369.99, 440.0 },
    { 246.94, 311.13, 369.99 }, { 329.63, 415.30, 493.88 },
  };
  double pan = channel == 0 ? 0.8 : 1.2;
  uint64_t state = seed * 2654435761u + (uint64_t) channel + 1;
  double hat_env = 0.0;
  long last_eighth = -1;

  for (size_t i = 0; i < n; i++)
    {
      double t = (double) i / rate;
      double beat = t * 2.0;                       /* 120 bpm */
      int bar = (int) (t / 2.0) % 4;
      double in_beat = beat - floor (beat);
      /* Sections: verse, louder chorus, quiet bridge, every 16 s. */
      int section = (int) (t / 16.0) % 3;
      double level = section == 0 ? 0.5 : section == 1 ? 0.9 : 0.25;
      double v = 0.0;

      v += 0.5 * exp (-3.0 * in_beat) * sin (2.0 * M_PI * bass[bar] * t);
      for (int k = 0; k < 3; k++)
        v += 0.12 * pan * sin (2.0 * M_PI * chord[bar][k] * t + k);
      if ((long) floor (beat * 2.0) != last_eighth)
        {
          last_eighth = (long) floor (beat * 2.0);
          hat_env = 1.0;
        }
      hat_env *= exp (-1.0 / (0.02 * rate));
      v += 0.2 * hat_env * next_uniform (&state);

      out[i] = (float) (level * v);
    }
}

/* One-pole low-pass coefficient for a cutoff. */
static double
one_pole (double hz,
          double rate)
{
  return 1.0 - exp (-2.0 * M_PI * hz / rate);
}

void
lq_test_programme (float    *out,
                   size_t    n_frames,
                   double    rate,
                   double    amplitude,
                   uint64_t  seed)
{
  static const double roots[4] = { 43.65, 51.91, 38.89, 46.25 };   /* F1 G#1 D#1 F#1 */
  static const double third[4] = { 1.189, 1.189, 1.260, 1.189 };
  const double beat_s = 60.0 / 124.0, step_s = beat_s / 4.0;
  uint64_t state = seed * 0x9E3779B97F4A7C15ull + 7;
  double kick_ph = 0.0, kick_t = 1e9, snare_t = 1e9, hat_t = 1e9, hat_vel = 0.0;
  double bass_ph = 0.0, bass_lp = 0.0, chord_ph[6] = { 0 }, chord_lp[2] = { 0 };
  double snare_lp = 0.0, hat_prev = 0.0;
  long last_step = -1;

  for (size_t i = 0; i < n_frames; i++)
    {
      double t = (double) i / rate;
      long step = (long) floor (t / step_s);
      int bar = (int) ((step / 16) % 4);
      /* Sections of 8 bars: breakdown (no kick), build, two full choruses. */
      int section = (int) ((step / 128) % 4);
      double density = section == 0 ? 0.4 : section == 1 ? 0.75 : 1.0;
      double kick = 0.0, snare = 0.0, hat = 0.0, bass, chords = 0.0, l, r, noise;

      if (step != last_step)
        {
          int in_bar = (int) (step % 16);

          last_step = step;
          if (section > 0 && (in_bar % 4 == 0 || (section == 3 && in_bar == 14)))
            {
              kick_t = 0.0;
              kick_ph = 0.0;
            }
          if (in_bar == 4 || in_bar == 12 || (section == 1 && bar == 3 && in_bar >= 8))
            snare_t = 0.0;
          hat_t = 0.0;
          hat_vel = (in_bar % 2 ? 0.45 : 0.8) + 0.2 * next_uniform (&state);
        }
      noise = next_uniform (&state);

      /* Kick: a pitch drop from 160 to 48 Hz with a click on the attack. */
      kick_ph += 2.0 * M_PI * (48.0 + 112.0 * exp (-kick_t / 0.03)) / rate;
      kick = exp (-kick_t / 0.22) * sin (kick_ph) + 0.6 * exp (-kick_t / 0.002) * noise;
      kick_t += 1.0 / rate;

      /* Snare: a tone and a bright noise burst. */
      snare_lp += one_pole (6000.0, rate) * (noise - snare_lp);
      snare = exp (-snare_t / 0.12) * (0.7 * snare_lp + 0.35 * sin (2.0 * M_PI * 190.0 * snare_t));
      snare_t += 1.0 / rate;

      /* Hats: differentiated noise, short. */
      hat = hat_vel * exp (-hat_t / 0.025) * (noise - hat_prev) * density;
      hat_prev = noise;
      hat_t += 1.0 / rate;

      /* Bass: a low-passed saw on the root, pumping with the beat. */
      bass_ph += roots[bar] / rate;
      bass_ph -= floor (bass_ph);
      bass_lp += one_pole (300.0, rate) * ((2.0 * bass_ph - 1.0) - bass_lp);
      bass = bass_lp * (0.6 + 0.4 * (1.0 - exp (-kick_t / 0.08)));

      /* Chords: root, third and fifth two octaves up, two detuned saws each, panned. */
      for (int k = 0; k < 6; k++)
        {
          double f = 4.0 * roots[bar] * (k / 2 == 0 ? 1.0 : k / 2 == 1 ? third[bar] : 1.498)
                     * (k % 2 ? 1.004 : 0.996);

          chord_ph[k] += f / rate;
          chord_ph[k] -= floor (chord_ph[k]);
        }
      for (int c = 0; c < 2; c++)
        {
          double saw = 0.0;

          for (int k = c; k < 6; k += 2)
            saw += 2.0 * chord_ph[k] - 1.0;
          chord_lp[c] += one_pole (2500.0, rate) * (saw - chord_lp[c]);
        }

      chords = 0.12 * density;
      l = 1.15 * kick + 0.7 * snare + 0.25 * hat + 0.5 * bass + chords * chord_lp[0];
      r = 1.15 * kick + 0.6 * snare + 0.3 * (hat_prev - noise) * hat_vel * exp (-hat_t / 0.025)
          * density + 0.5 * bass + chords * chord_lp[1];
      out[2 * i] = (float) (amplitude * l);
      out[2 * i + 1] = (float) (amplitude * r);
    }
}

static double
bessel_i0 (double x)
{
  double sum = 1.0, term = 1.0;

  for (int k = 1; k < 100; k++)
    {
      term *= (x / (2.0 * k)) * (x / (2.0 * k));
      sum += term;
      if (term < 1e-17 * sum)
        break;
    }
  return sum;
}

double
lq_test_ebu_isp (float    *out,
                 size_t    n,
                 double    rate,
                 unsigned  offset)
{
  enum { UP = 4, HALF = 512 };             /* 1025 taps at 4 x rate */
  const double beta = 9.0;
  const size_t n_hi = UP * n;
  const size_t n_fade = (size_t) (0.1 * UP * rate);
  double *x, *h;
  double sum = 0.0, peak = 0.0;
  size_t burst;

  offset %= UP;
  x = calloc (n_hi, sizeof *x);
  h = calloc (2 * HALF + 1, sizeof *h);
  if (x == NULL || h == NULL)
    {
      free (x);
      free (h);
      return -1.0;
    }

  /* rate/6 is 24 samples per period at 4 x rate, rate/4 is 16: the burst starts on a
   * zero crossing of the sine, in the middle of the signal. */
  for (size_t k = 0; k < n_hi; k++)
    x[k] = 0.5 * sin (2.0 * M_PI * (double) k / 24.0);
  burst = (n_hi / 2) / 24 * 24;
  for (size_t k = 0; k < 16; k++)
    x[burst + k] = sin (2.0 * M_PI * (double) k / 16.0);
  for (size_t k = 0; k < n_fade && 2 * k < n_hi; k++)
    {
      double g = (double) k / (double) n_fade;
      x[k] *= g;
      x[n_hi - 1 - k] *= g;
    }

  /* Low-pass at rate/2, i.e. 1/8 of the 4 x rate: h[m] = sinc (m / 4) / 4, Kaiser window. */
  for (int m = -HALF; m <= HALF; m++)
    {
      double r = (double) m / HALF;
      double t = (double) m / UP;
      double s = m == 0 ? 1.0 : sin (M_PI * t) / (M_PI * t);

      h[m + HALF] = s * bessel_i0 (beta * sqrt (1.0 - r * r)) / bessel_i0 (beta);
      sum += h[m + HALF];
    }
  for (int m = 0; m <= 2 * HALF; m++)
    h[m] /= sum;

  for (size_t k = 0; k < n_hi; k++)
    {
      /* The filtered 4 x rate signal is needed at every point only near the burst (for the
       * peak estimate) and at the kept phase everywhere (the output). */
      int keep = k % UP == offset;
      int near = k + 4 * HALF >= burst && k <= burst + 16 + 4 * HALF;
      double acc = 0.0;

      if (!keep && !near)
        continue;
      for (int m = -HALF; m <= HALF; m++)
        {
          long j = (long) k - m;
          if (j >= 0 && j < (long) n_hi)
            acc += h[m + HALF] * x[j];
        }
      if (fabs (acc) > peak)
        peak = fabs (acc);
      if (keep && k / UP < n)
        out[k / UP] = (float) acc;
    }

  free (x);
  free (h);
  return peak;
}
