/* test-eq.c
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
#include <glib.h>
#include <math.h>

#include "dsp-test-util.h"
#include "lq-biquad.h"
#include "lq-eq.h"
#include "lq-test-signal.h"

/* The reference: each band type's analogue prototype (RBJ's "Cookbook formulae", written out
 * here, not taken from lq-biquad), evaluated on the j axis after the bilinear transform
 * pre-warped at f0. Under that transform digital frequency f lands on the analogue
 * frequency s = j tan (pi f / rate) / tan (pi f0 / rate), so H(e^jw) is exact. */
static double complex
prototype (LqEqBandType type,
           double       q,
           double       gain_db,
           double complex s)
{
  double A = pow (10.0, gain_db / 40.0);

  switch (type)
    {
    case LQ_EQ_BAND_LOW_PASS:
      return 1.0 / (s * s + s / q + 1.0);
    case LQ_EQ_BAND_HIGH_PASS:
      return s * s / (s * s + s / q + 1.0);
    case LQ_EQ_BAND_PEAKING:
      return (s * s + s * (A / q) + 1.0) / (s * s + s / (A * q) + 1.0);
    case LQ_EQ_BAND_LOW_SHELF:
      return A * (s * s + (sqrt (A) / q) * s + A) / (A * s * s + (sqrt (A) / q) * s + 1.0);
    case LQ_EQ_BAND_HIGH_SHELF:
      return A * (A * s * s + (sqrt (A) / q) * s + 1.0) / (s * s + (sqrt (A) / q) * s + A);
    default:
      g_assert_not_reached ();
    }
}

static double complex
analytic (const LqEqBand *b,
          double          rate,
          double          f)
{
  double complex s = I * tan (M_PI * f / rate) / tan (M_PI * b->freq / rate);

  if ((b->type == LQ_EQ_BAND_HIGH_PASS || b->type == LQ_EQ_BAND_LOW_PASS) && b->slope_db == 24)
    {
      /* Fourth-order Butterworth: pole pairs at angles pi/8 and 3pi/8 from the j axis. */
      double q1 = 1.0 / (2.0 * cos (M_PI / 8.0)), q2 = 1.0 / (2.0 * cos (3.0 * M_PI / 8.0));

      return prototype (b->type, q1, 0.0, s) * prototype (b->type, q2, 0.0, s);
    }
  return prototype (b->type, b->q, b->gain_db, s);
}

static const char *type_names[] = { "peaking", "low-shelf", "high-shelf", "high-pass", "low-pass" };

static const LqEqBand test_bands[] = {
  { LQ_EQ_BAND_PEAKING,    1000.0,  6.0, 1.0,       12, false },
  { LQ_EQ_BAND_PEAKING,    120.0,  -9.0, 4.0,       12, false },
  { LQ_EQ_BAND_PEAKING,    12000.0, 3.0, 0.5,       12, false },
  { LQ_EQ_BAND_LOW_SHELF,  100.0,   4.0, M_SQRT1_2, 12, false },
  { LQ_EQ_BAND_LOW_SHELF,  300.0,  -6.0, 1.2,       12, false },
  { LQ_EQ_BAND_HIGH_SHELF, 8000.0,  3.0, M_SQRT1_2, 12, false },
  { LQ_EQ_BAND_HIGH_SHELF, 3000.0, -5.0, 0.5,       12, false },
  { LQ_EQ_BAND_HIGH_PASS,  30.0,    0.0, M_SQRT1_2, 12, false },
  { LQ_EQ_BAND_HIGH_PASS,  80.0,    0.0, 1.5,       12, false },
  { LQ_EQ_BAND_HIGH_PASS,  40.0,    0.0, M_SQRT1_2, 24, false },
  { LQ_EQ_BAND_LOW_PASS,   15000.0, 0.0, M_SQRT1_2, 12, false },
  { LQ_EQ_BAND_LOW_PASS,   5000.0,  0.0, 0.6,       12, false },
  { LQ_EQ_BAND_LOW_PASS,   10000.0, 0.0, M_SQRT1_2, 24, false },
};

static const double test_rates[] = { 44100.0, 48000.0, 96000.0 };

static LqEq *
make_eq (double            rate,
         uint32_t          channels,
         const LqEqParams *p)
{
  LqStatus status;
  LqEq *eq = lq_eq_new (&(LqEqConfig) { rate, channels, 1024 }, &status);

  g_assert_cmpint (status, ==, LQ_OK);
  if (p)
    lq_eq_set_params (eq, p);
  return eq;
}

static void
one_band (LqEqParams     *p,
          const LqEqBand *b)
{
  memset (p, 0, sizeof *p);
  p->bands[0] = *b;
  p->n_bands = 1;
}

/* The coefficients, through lq_biquad_coeffs_response and through lq_eq_get_response, against
 * the analytic transfer function: magnitude and phase, every type, three rates. */
static void
test_analytic (void)
{
  for (guint r = 0; r < G_N_ELEMENTS (test_rates); r++)
    for (guint k = 0; k < G_N_ELEMENTS (test_bands); k++)
      {
        const LqEqBand *b = &test_bands[k];
        double rate = test_rates[r];
        LqEqParams p;

        one_band (&p, b);
        for (double f = 10.0; f < 0.499 * rate; f *= 1.05)
          {
            double complex h = analytic (b, rate, f);
            double mag_db, want_db = 20.0 * log10 (cabs (h));
            double mag = 1.0, phase = 0.0;
            LqBiquadCoeffs c;

            lq_eq_get_response (&p, rate, &f, &mag_db, 1);
            if (want_db > -150.0)
              g_assert_cmpfloat_with_epsilon (mag_db, want_db, 1e-6);

            /* The biquad's own response, section by section, in magnitude and phase. */
            if (b->slope_db == 24)
              {
                double q[2] = { 1.0 / (2.0 * cos (M_PI / 8.0)), 1.0 / (2.0 * cos (3.0 * M_PI / 8.0)) };

                for (int s = 0; s < 2; s++)
                  {
                    double m, ph;

                    lq_biquad_coeffs_design (&c, b->type == LQ_EQ_BAND_HIGH_PASS ?
                                             LQ_BIQUAD_HIGHPASS : LQ_BIQUAD_LOWPASS,
                                             rate, b->freq, q[s], 0.0);
                    lq_biquad_coeffs_response (&c, rate, f, &m, &ph);
                    mag *= m;
                    phase += ph;
                  }
              }
            else
              {
                static const LqBiquadType map[] = { LQ_BIQUAD_PEAKING, LQ_BIQUAD_LOWSHELF,
                                                    LQ_BIQUAD_HIGHSHELF, LQ_BIQUAD_HIGHPASS,
                                                    LQ_BIQUAD_LOWPASS };

                lq_biquad_coeffs_design (&c, map[b->type], rate, b->freq, b->q, b->gain_db);
                lq_biquad_coeffs_response (&c, rate, f, &mag, &phase);
              }
            if (want_db > -150.0)
              {
                g_assert_cmpfloat_with_epsilon (20.0 * log10 (mag), want_db, 1e-6);
                g_assert_cmpfloat_with_epsilon (remainder (phase - carg (h), 2.0 * M_PI), 0.0, 1e-6);
              }
          }
      }
}

/* Hann-windowed lock-in: complex amplitude of y relative to x at frequency f. */
static double complex
lock_in (const float *x,
         const float *y,
         size_t       n,
         double       rate,
         double       f)
{
  double complex sx = 0.0, sy = 0.0;

  for (size_t i = 0; i < n; i++)
    {
      double w = 0.5 - 0.5 * cos (2.0 * M_PI * (double) i / (double) n);
      double complex e = cexp (-I * 2.0 * M_PI * f * (double) i / rate);

      sx += w * x[i] * e;
      sy += w * y[i] * e;
    }
  return sy / sx;
}

/* Sine in, sine out: the measured gain and phase of the running EQ equal the analytic ones. */
static double complex
measure (LqEq   *eq,
         double  rate,
         double  f,
         double  settle_s,
         double  measure_s)
{
  size_t settle = (size_t) (settle_s * rate), n = (size_t) (measure_s * rate);
  float *x = g_new (float, settle + n), *y = g_new (float, settle + n);
  double complex h;

  lq_eq_reset (eq);
  lq_test_sine (x, settle + n, rate, f, 0.25, 0.0);
  for (size_t done = 0, k = 0; done < settle + n; k++)
    {
      uint32_t m = test_block_size (k, 1024);
      const float *ip[1] = { x + done };
      float *op[1] = { y + done };

      m = MIN (m, settle + n - done);
      lq_eq_process (eq, ip, op, m);
      done += m;
    }
  h = lock_in (x + settle, y + settle, n, rate, f);
  g_free (x);
  g_free (y);
  return h;
}

static void
test_measured (void)
{
  static const double ratios[] = { 0.25, 0.5, 0.9, 1.0, 1.1, 2.0, 4.0 };

  for (guint r = 0; r < G_N_ELEMENTS (test_rates); r++)
    for (guint k = 0; k < G_N_ELEMENTS (test_bands); k++)
      {
        const LqEqBand *b = &test_bands[k];
        double rate = test_rates[r];
        LqEqParams p;
        LqEq *eq;

        one_band (&p, b);
        eq = make_eq (rate, 1, &p);
        for (guint j = 0; j < G_N_ELEMENTS (ratios); j++)
          {
            double f = b->freq * ratios[j];
            double complex want, got;

            if (f > 0.45 * rate || f < 15.0)
              continue;
            want = analytic (b, rate, f);
            if (20.0 * log10 (cabs (want)) < -60.0)
              continue;
            got = measure (eq, rate, f, 0.3, 0.5);
            g_test_message ("%6.0f Hz %-10s f0 %7.1f at %7.1f Hz: %+8.4f dB (want %+8.4f), "
                            "phase %+.4f (want %+.4f)", rate, type_names[b->type], b->freq, f,
                            20.0 * log10 (cabs (got)), 20.0 * log10 (cabs (want)),
                            carg (got), carg (want));
            g_assert_cmpfloat_with_epsilon (20.0 * log10 (cabs (got)), 20.0 * log10 (cabs (want)), 0.01);
            g_assert_cmpfloat_with_epsilon (remainder (carg (got) - carg (want), 2.0 * M_PI), 0.0, 0.002);
          }
        lq_eq_free (eq);
      }
}

/* A 20 Hz high-pass at 192 kHz: poles a hair from z = 1, where float coefficients or state
 * would drift. The measured response still follows the analytic one. */
static void
test_low_frequency_high_rate (void)
{
  static const double freqs[] = { 10.0, 14.0, 20.0, 28.0, 40.0, 100.0, 1000.0 };
  const double rate = 192000.0;

  for (uint32_t slope = 12; slope <= 24; slope += 12)
    {
      LqEqBand b = { LQ_EQ_BAND_HIGH_PASS, 20.0, 0.0, M_SQRT1_2, slope, false };
      LqEqParams p;
      LqEq *eq;

      one_band (&p, &b);
      eq = make_eq (rate, 1, &p);
      for (guint j = 0; j < G_N_ELEMENTS (freqs); j++)
        {
          double complex want = analytic (&b, rate, freqs[j]);
          double complex got = measure (eq, rate, freqs[j], 1.0, 2.0);

          g_test_message ("192 kHz HP%u 20 Hz at %5.0f Hz: %+8.4f dB (want %+8.4f)", slope,
                          freqs[j], 20.0 * log10 (cabs (got)), 20.0 * log10 (cabs (want)));
          g_assert_cmpfloat_with_epsilon (20.0 * log10 (cabs (got)), 20.0 * log10 (cabs (want)), 0.01);
          g_assert_cmpfloat_with_epsilon (remainder (carg (got) - carg (want), 2.0 * M_PI), 0.0, 0.002);
        }
      lq_eq_free (eq);
    }
}

/* 24 dB/oct is a fourth-order Butterworth: -3.01 dB at the corner (|H|^2 = 1/2), and
 * 20 log10 (2^4) = 24.08 dB per octave far from it. */
static void
test_slope (void)
{
  for (guint r = 0; r < G_N_ELEMENTS (test_rates); r++)
    {
      double rate = test_rates[r];
      LqEqBand hp = { LQ_EQ_BAND_HIGH_PASS, 2000.0, 0.0, M_SQRT1_2, 24, false };
      LqEqBand lp = { LQ_EQ_BAND_LOW_PASS, 500.0, 0.0, M_SQRT1_2, 24, false };
      LqEqParams p;
      double f[3], db[3];
      LqEq *eq;

      one_band (&p, &hp);
      f[0] = 2000.0;
      f[1] = 2000.0 / 16.0;
      f[2] = 2000.0 / 32.0;
      lq_eq_get_response (&p, rate, f, db, 3);
      g_assert_cmpfloat_with_epsilon (db[0], -10.0 * log10 (2.0), 1e-6);
      g_assert_cmpfloat_with_epsilon (db[1] - db[2], 24.08, 0.02);

      /* And the running filter: the corner and two octaves down, measured. */
      eq = make_eq (rate, 1, &p);
      g_assert_cmpfloat_with_epsilon (20.0 * log10 (cabs (measure (eq, rate, 2000.0, 0.1, 0.2))),
                                      -3.0103, 0.01);
      g_assert_cmpfloat_with_epsilon (20.0 * log10 (cabs (measure (eq, rate, 250.0, 0.1, 0.2))) -
                                      20.0 * log10 (cabs (measure (eq, rate, 125.0, 0.1, 0.3))),
                                      24.08, 0.05);
      lq_eq_free (eq);

      one_band (&p, &lp);
      f[0] = 500.0;
      f[1] = 4000.0;
      f[2] = 8000.0;
      lq_eq_get_response (&p, rate, f, db, 3);
      g_assert_cmpfloat_with_epsilon (db[0], -10.0 * log10 (2.0), 1e-6);
      /* The bilinear transform only steepens a low-pass towards Nyquist. */
      g_assert_cmpfloat (db[1] - db[2], >=, 24.08);
    }
}

/* Several bands: the combined response is the sum of the analytic ones; bypass flags work. */
static void
test_combined_response (void)
{
  const double rate = 48000.0;
  LqEqParams p;
  double freqs[200], got[200];

  lq_eq_params_init_default (&p);
  p.bypass = false;
  p.bands[0].bypass = false;
  p.bands[1].gain_db = 3.0;
  p.bands[3].gain_db = -2.0;
  p.bands[5].gain_db = 1.5;
  p.bands[6].bypass = true;
  for (int i = 0; i < 200; i++)
    freqs[i] = 20.0 * pow (1000.0, i / 199.0) * 1.1;
  lq_eq_get_response (&p, rate, freqs, got, 200);
  for (int i = 0; i < 200; i++)
    {
      double want = 0.0;

      for (uint32_t k = 0; k < p.n_bands; k++)
        if (!p.bands[k].bypass)
          want += 20.0 * log10 (cabs (analytic (&p.bands[k], rate, freqs[i])));
      g_assert_cmpfloat_with_epsilon (got[i], want, 1e-6);
    }

  p.bypass = true;
  lq_eq_get_response (&p, rate, freqs, got, 200);
  for (int i = 0; i < 200; i++)
    g_assert_cmpfloat (got[i], ==, 0.0);
}

/* A bypassed or flat EQ does not touch the samples. */
static void
test_flat_is_exact (void)
{
  LqEqParams p;
  LqEq *eq;
  float x[4096], y[4096];
  uint64_t seed = 5;
  const float *ip[1] = { x };
  float *op[1] = { y };

  lq_test_white_noise (x, 4096, 0.9, &seed);
  lq_eq_params_init_default (&p);
  eq = make_eq (48000.0, 1, &p);
  lq_eq_process (eq, ip, op, 4096);
  g_assert_cmpmem (x, sizeof x, y, sizeof y);

  p.bypass = false;           /* bands at 0 dB; HP and LP bypassed */
  lq_eq_set_params (eq, &p);
  lq_eq_process (eq, ip, op, 4096);
  lq_eq_process (eq, ip, op, 4096);
  g_assert_cmpmem (x, sizeof x, y, sizeof y);
  lq_eq_free (eq);
}

/* Energy above 4 kHz in a 100 Hz signal: what a click leaves. A fourth-order high-pass at
 * 4 kHz, then the largest |sample| between from and to. */
static double
click_energy (const float *y,
              size_t       n,
              double       rate,
              size_t       from,
              size_t       to)
{
  LqBiquadCoeffs c1, c2;
  LqBiquad s1, s2;
  float *h = g_new (float, n);
  double m = 0.0;

  lq_biquad_coeffs_design (&c1, LQ_BIQUAD_HIGHPASS, rate, 4000.0, 0.5412, 0.0);
  lq_biquad_coeffs_design (&c2, LQ_BIQUAD_HIGHPASS, rate, 4000.0, 1.3066, 0.0);
  lq_biquad_init (&s1, &c1);
  lq_biquad_init (&s2, &c2);
  lq_biquad_process (&s1, y, h, (uint32_t) n);
  lq_biquad_process (&s2, h, h, (uint32_t) n);
  for (size_t i = from; i < to; i++)
    m = fmax (m, fabsf (h[i]));
  g_free (h);
  return m;
}

/* Changing a band while running crossfades: no click. The control case switches a biquad's
 * coefficients at once, and the same detector sees it. */
static void
test_change_no_click (void)
{
  const double rate = 48000.0;
  const size_t n = 48000, at = 24000;
  float *x = g_new (float, n), *y = g_new (float, n);
  LqEqBand from = { LQ_EQ_BAND_LOW_SHELF, 150.0, 0.0, M_SQRT1_2, 12, false };
  LqEqBand to = { LQ_EQ_BAND_LOW_SHELF, 150.0, 12.0, M_SQRT1_2, 12, false };
  LqEqBand type_to = { LQ_EQ_BAND_HIGH_PASS, 300.0, 0.0, M_SQRT1_2, 24, false };
  LqBiquadCoeffs c;
  LqBiquad hard;
  LqEqParams p;
  LqEq *eq;
  double quiet, faded, typed, abrupt, abrupt_type;

  lq_test_sine (x, n, rate, 100.0, 0.2, 0.0);

  /* Our EQ: 0 -> +12 dB shelf mid-stream. */
  one_band (&p, &from);
  eq = make_eq (rate, 1, &p);
  for (size_t done = 0; done < n; done += 480)
    {
      const float *ip[1] = { x + done };
      float *op[1] = { y + done };

      if (done == at)
        {
          one_band (&p, &to);
          lq_eq_set_params (eq, &p);
        }
      lq_eq_process (eq, ip, op, 480);
    }
  quiet = click_energy (y, n, rate, 4800, at);
  faded = click_energy (y, n, rate, at, n);
  /* The new response is in force after the fade. */
  {
    double complex want = analytic (&to, rate, 100.0);
    double complex got = lock_in (x + at + 4800, y + at + 4800, n - at - 4800, rate, 100.0);

    g_assert_cmpfloat_with_epsilon (cabs (got), cabs (want), 1e-3);
  }

  /* The same, to a different type (shelf -> 24 dB/oct high-pass). */
  for (size_t done = 0; done < n; done += 480)
    {
      const float *ip[1] = { x + done };
      float *op[1] = { y + done };

      if (done == at)
        {
          one_band (&p, &type_to);
          lq_eq_set_params (eq, &p);
        }
      else if (done == 0)
        {
          one_band (&p, &to);
          lq_eq_set_params (eq, &p);
        }
      lq_eq_process (eq, ip, op, 480);
    }
  typed = click_energy (y, n, rate, at, n);

  /* Controls: biquads switched at once, for each of the two changes. */
  lq_biquad_coeffs_design (&c, LQ_BIQUAD_LOWSHELF, rate, 150.0, M_SQRT1_2, 0.0);
  lq_biquad_init (&hard, &c);
  lq_biquad_process (&hard, x, y, at);
  lq_biquad_coeffs_design (&c, LQ_BIQUAD_LOWSHELF, rate, 150.0, M_SQRT1_2, 12.0);
  lq_biquad_set_coeffs (&hard, &c);
  lq_biquad_process (&hard, x + at, y + at, n - at);
  abrupt = click_energy (y, n, rate, at, n);
  {
    LqBiquad hard2;

    lq_biquad_init (&hard, &c);
    lq_biquad_coeffs_design (&c, LQ_BIQUAD_PEAKING, rate, 150.0, M_SQRT1_2, 0.0);
    lq_biquad_init (&hard2, &c);
    lq_biquad_process (&hard, x, y, at);
    lq_biquad_process (&hard2, y, y, at);
    lq_biquad_coeffs_design (&c, LQ_BIQUAD_HIGHPASS, rate, 300.0, 0.5412, 0.0);
    lq_biquad_set_coeffs (&hard, &c);
    lq_biquad_coeffs_design (&c, LQ_BIQUAD_HIGHPASS, rate, 300.0, 1.3066, 0.0);
    lq_biquad_set_coeffs (&hard2, &c);
    lq_biquad_process (&hard, x + at, y + at, n - at);
    lq_biquad_process (&hard2, y + at, y + at, n - at);
    abrupt_type = click_energy (y, n, rate, at, n);
  }

  g_test_message ("HF residue: steady %.2e; gain change crossfaded %.2e, abrupt %.2e; "
                  "type change crossfaded %.2e, abrupt %.2e",
                  quiet, faded, abrupt, typed, abrupt_type);
  g_assert_cmpfloat (faded, <, abrupt / 4.0);
  g_assert_cmpfloat (faded, <, 2e-5);
  g_assert_cmpfloat (abrupt_type, >, 2e-4);
  g_assert_cmpfloat (typed, <, abrupt_type / 30.0);

  lq_eq_free (eq);
  g_free (x);
  g_free (y);
}

/* A control dragged across its range (a new value every block, faster than a fade) ends on
 * the last value, in stereo, with in == out. */
static void
test_drag (void)
{
  const double rate = 44100.0;
  const size_t n = 44100;
  TestBuf x = test_buf_new (2, n);
  LqEqBand b = { LQ_EQ_BAND_PEAKING, 200.0, 6.0, 1.0, 12, false };
  LqEqParams p;
  LqEq *eq;

  lq_test_sine (x.ch[0], n, rate, 3000.0, 0.25, 0.0);
  lq_test_sine (x.ch[1], n, rate, 3000.0, 0.25, 1.0);
  one_band (&p, &b);
  eq = make_eq (rate, 2, &p);
  for (size_t done = 0, k = 0; done + 256 <= n; done += 256, k++)
    {
      float *io[2] = { x.ch[0] + done, x.ch[1] + done };

      if (k < 60)
        {
          p.bands[0].freq = 200.0 * pow (15.0, k / 59.0);
          lq_eq_set_params (eq, &p);
        }
      lq_eq_process (eq, (const float *const *) io, io, 256);
    }
  /* The last 0.3 s: a 3 kHz peak of +6 dB applies to both channels. */
  for (uint32_t c = 0; c < 2; c++)
    {
      float ref[13230];
      double complex got;

      lq_test_sine (ref, 13230, rate, 3000.0, 0.25, c);
      got = lock_in (ref, x.ch[c] + n - 13230 - 100, 13230, rate, 3000.0);
      g_assert_cmpfloat_with_epsilon (20.0 * log10 (cabs (got)), 6.0, 0.01);
    }
  lq_eq_free (eq);
  test_buf_free (&x);
}

/* Runs a stereo EQ over l and r in place, in varied blocks, calling change (eq, k) before
 * each block when given. */
static void
run_stereo (LqEq     *eq,
            float    *l,
            float    *r,
            size_t    n,
            void    (*change) (LqEq *, size_t))
{
  for (size_t done = 0, k = 0; done < n; k++)
    {
      uint32_t m = (uint32_t) MIN (test_block_size (k, 1024), n - done);
      float *io[2] = { l + done, r + done };

      if (change)
        change (eq, k);
      lq_eq_process (eq, (const float *const *) io, io, m);
      done += m;
    }
}

/* A mid band and a side band each change only their own component. The input is
 * L = a + b, R = a - b: a correlated part a (M) and an anti-correlated part b (S), a 1 kHz
 * sine in the component the band works on and programme in the other. A +6 dB peak at
 * 1 kHz raises its component's sine by exactly 6 dB (a peaking biquad's gain at its centre
 * is its gain, 0.01 dB allowed for the lock-in), and leaves the other component as it was
 * to 1e-6 (float rounding of the encode and decode). Then L = R and L = -R alone: the other
 * component is exactly zero and stays so. */
static void
test_mid_side (void)
{
  const double rate = 48000.0;
  const size_t n = 96000, settle = 48000;

  for (LqEqChannels mode = LQ_EQ_CHANNELS_MID; mode <= LQ_EQ_CHANNELS_SIDE; mode++)
    {
      LqEqBand band = { LQ_EQ_BAND_PEAKING, 1000.0, 6.0, 1.0, 12, false, mode };
      LqEqParams p;
      float *own = g_new (float, n), *other = g_new (float, n);
      float *l = g_new (float, n), *r = g_new (float, n);
      double worst = 0.0, gain_db;
      LqEq *eq;

      one_band (&p, &band);
      eq = make_eq (rate, 2, &p);
      lq_test_sine (own, n, rate, 1000.0, 0.25, 0.0);
      lq_test_music (other, n, rate, 1, 5);
      for (size_t i = 0; i < n; i++)
        {
          double a = mode == LQ_EQ_CHANNELS_MID ? own[i] : 0.25 * other[i];
          double b = mode == LQ_EQ_CHANNELS_MID ? 0.25 * other[i] : own[i];

          l[i] = (float) (a + b);
          r[i] = (float) (a - b);
        }
      run_stereo (eq, l, r, n, NULL);
      for (size_t i = 0; i < n; i++)
        {
          double m = 0.5 * ((double) l[i] + r[i]), sd = 0.5 * ((double) l[i] - r[i]);
          double kept = mode == LQ_EQ_CHANNELS_MID ? sd : m;

          worst = fmax (worst, fabs (kept - 0.25 * other[i]));
          /* The filtered component, back in own for the lock-in. */
          own[i] = (float) (mode == LQ_EQ_CHANNELS_MID ? m : sd);
        }
      lq_test_sine (other, n, rate, 1000.0, 0.25, 0.0);
      gain_db = 20.0 * log10 (cabs (lock_in (other + settle, own + settle, n - settle, rate,
                                             1000.0)));
      g_test_message ("%s band: own component %+.4f dB at 1 kHz, other off by %.2e",
                      mode == LQ_EQ_CHANNELS_MID ? "mid" : "side", gain_db, worst);
      g_assert_cmpfloat_with_epsilon (gain_db, 6.0, 0.01);
      g_assert_cmpfloat (worst, <=, 1e-6);

      /* The pure cases: the other component is zero in, and exactly zero out. */
      for (int sign = -1; sign <= 1; sign += 2)
        {
          lq_eq_reset (eq);
          lq_test_sine (l, n, rate, 1000.0, 0.25, 0.0);
          for (size_t i = 0; i < n; i++)
            r[i] = (float) sign * l[i];
          memcpy (other, l, n * sizeof (float));
          run_stereo (eq, l, r, n, NULL);
          for (size_t i = 0; i < n; i++)
            g_assert_cmpfloat (r[i], ==, (float) sign * l[i]);
          /* L = -R is pure side, L = R pure mid: the band touches it only if it is its own. */
          if ((sign < 0) == (mode == LQ_EQ_CHANNELS_MID))
            g_assert_cmpmem (l, n * sizeof (float), other, n * sizeof (float));
          else
            g_assert_cmpfloat_with_epsilon (
              20.0 * log10 (cabs (lock_in (other + settle, l + settle, n - settle, rate,
                                           1000.0))), 6.0, 0.01);
        }
      lq_eq_free (eq);
      g_free (own);
      g_free (other);
      g_free (l);
      g_free (r);
    }
}

static void
toggle_mid (LqEq   *eq,
            size_t  k)
{
  LqEqParams p;

  if (k % 40 != 20)
    return;
  lq_eq_get_params (eq, &p);
  p.bands[1].channels = p.bands[1].channels == LQ_EQ_CHANNELS_MID ? LQ_EQ_CHANNELS_STEREO
                                                                  : LQ_EQ_CHANNELS_MID;
  lq_eq_set_params (eq, &p);
}

/* For L = R, a mid band does what a stereo band does; switching band 2 between the two while
 * programme plays (the EQ entering and leaving the M/S domain each time, converting every
 * filter's state) must therefore change nothing but float rounding: no transient. A wrong state
 * conversion shows as a click of the order of the signal. */
static void
test_mid_side_switch (void)
{
  const double rate = 48000.0;
  const size_t n = 480000;
  LqEqBand bands[2] = {
    { LQ_EQ_BAND_LOW_SHELF, 120.0, 5.0, M_SQRT1_2, 12, false, LQ_EQ_CHANNELS_STEREO },
    { LQ_EQ_BAND_PEAKING, 2500.0, -8.0, 2.0, 12, false, LQ_EQ_CHANNELS_STEREO },
  };
  LqEqParams p = { .n_bands = 2 };
  float *l = g_new (float, n), *r = g_new (float, n), *ref = g_new (float, n);
  float *ref_r = g_new (float, n);
  double worst = 0.0;
  LqEq *switched, *steady;

  p.bands[0] = bands[0];
  p.bands[1] = bands[1];
  switched = make_eq (rate, 2, &p);
  steady = make_eq (rate, 2, &p);
  lq_test_music (l, n, rate, 0, 9);
  for (size_t i = 0; i < n; i++)
    l[i] *= 0.5f;
  memcpy (r, l, n * sizeof (float));
  memcpy (ref, l, n * sizeof (float));
  memcpy (ref_r, l, n * sizeof (float));
  run_stereo (switched, l, r, n, toggle_mid);
  run_stereo (steady, ref, ref_r, n, NULL);
  for (size_t i = 0; i < n; i++)
    worst = fmax (worst, fmax (fabs (l[i] - ref[i]), fabs (r[i] - ref_r[i])));
  g_test_message ("switching stereo <-> mid on L = R: largest difference %.2e", worst);
  g_assert_cmpfloat (worst, <=, 1e-5);
  lq_eq_free (switched);
  lq_eq_free (steady);
  g_free (l);
  g_free (r);
  g_free (ref);
  g_free (ref_r);
}

static void
test_bad_config (void)
{
  LqStatus status;

  g_assert_null (lq_eq_new (&(LqEqConfig) { 48000.0, 9, 512 }, &status));
  g_assert_cmpint (status, ==, LQ_ERROR_INVALID_CHANNELS);
  g_assert_null (lq_eq_new (&(LqEqConfig) { 1000.0, 2, 512 }, &status));
  g_assert_cmpint (status, ==, LQ_ERROR_INVALID_RATE);
  g_assert_null (lq_eq_new (&(LqEqConfig) { 48000.0, 2, LQ_MAX_BLOCK + 1 }, &status));
  g_assert_cmpint (status, ==, LQ_ERROR_INVALID_ARGUMENT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/eq/analytic", test_analytic);
  g_test_add_func ("/eq/measured", test_measured);
  g_test_add_func ("/eq/low-frequency-high-rate", test_low_frequency_high_rate);
  g_test_add_func ("/eq/slope", test_slope);
  g_test_add_func ("/eq/combined-response", test_combined_response);
  g_test_add_func ("/eq/flat-is-exact", test_flat_is_exact);
  g_test_add_func ("/eq/change-no-click", test_change_no_click);
  g_test_add_func ("/eq/drag", test_drag);
  g_test_add_func ("/eq/mid-side", test_mid_side);
  g_test_add_func ("/eq/mid-side-switch", test_mid_side_switch);
  g_test_add_func ("/eq/bad-config", test_bad_config);
  return g_test_run ();
}
