/* test-kweight.c
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

/* BS.1770-4 K-weighting at every rate, against the analogue prototype evaluated here:
 *
 *   shelf     H(s) = (Vh s^2 + Vb (w0/Q) s + w0^2) / (s^2 + (w0/Q) s + w0^2)
 *   high-pass H(s) = s^2 / (s^2 + (w0/Q) s + w0^2)
 *
 * with the parameters of libebur128 and lq-biquad.c (f0 1681.97 Hz, G 4.0 dB, Q 0.7072,
 * Vb = Vh^0.49967; f0 38.135 Hz, Q 0.5003).
 *
 * 1. Exactness: a bilinear transform pre-warped at f0 is the plain bilinear transform of the
 *    prototype with w0' = 2 fs tan (pi f0 / fs); its response at f equals that prototype's at
 *    the analogue frequency (fs / pi) tan (pi f / fs). That holds to rounding (1e-9).
 *    The high-pass keeps BS.1770's table convention: numerator (1, -2, 1) unnormalised, so
 *    its digital response is the prototype's times a0 = 1 + K/Q + K^2 (K = tan (pi f0 / fs)),
 *    +0.043 dB at 48 kHz; the test divides that constant out and checks it separately.
 * 2. Closeness to the unwarped prototype (true w0, true f) for f <= 2 kHz: the digital
 *    response is the prototype's at f_eff = f0 tan (pi f / fs) / tan (pi f0 / fs), so by the
 *    mean value theorem |error| <= max |dL/d ln f| over [f, f_eff] x |ln (f_eff / f)|, L the
 *    prototype's level in dB. The slope is the prototype's own (differentiated here, with a
 *    10 % margin for sampling the interval), never more than a second-order section's
 *    12 dB/octave (17.37 dB per unit of ln f); that bound plus 1e-9 is the tolerance.
 * 3. The 48 kHz coefficients against the table of BS.1770-4 Annex 1, to 1e-8.
 * 4. End to end: a steady sine through the meter reads -0.691 + 10 log10 (A^2 / 2 |K(f)|^2)
 *    with |K(f)| from the prototype. */

#include "config.h"

#include <complex.h>
#include <glib.h>
#include <math.h>

#include "lq-biquad.h"
#include "lq-db.h"
#include "lq-loudness.h"
#include "lq-test-signal.h"

/* The prototype parameters (libebur128's, which reproduce the BS.1770 table). */
#define SHELF_F0   1681.974450955533
#define SHELF_G    3.999843853973347
#define SHELF_Q    0.7071752369554196
#define SHELF_VB_EXPONENT 0.4996667741545416
#define HP_F0      38.13547087602444
#define HP_Q       0.5003270373238773

#define SLOPE_LIMIT_DB (40.0 / G_LN10)   /* 12 dB/octave in dB per unit of ln f */

static const double rates[] = { 32000, 44100, 48000, 88200, 96000, 192000 };
static const double freqs[] = { 20, 31.5, 50, 100, 200, 500, 1000, 1500, 2000, 3000, 5000,
                                8000, 10000, 12500, 15000, 20000 };

static double
shelf_analogue (double w0,
                double w)
{
  const double Vh = pow (10.0, SHELF_G / 20.0);
  const double Vb = pow (Vh, SHELF_VB_EXPONENT);
  double complex s = I * w;

  return cabs ((Vh * s * s + Vb * (w0 / SHELF_Q) * s + w0 * w0)
               / (s * s + (w0 / SHELF_Q) * s + w0 * w0));
}

static double
highpass_analogue (double w0,
                   double w)
{
  double complex s = I * w;

  return cabs (s * s / (s * s + (w0 / HP_Q) * s + w0 * w0));
}

typedef double (*Prototype) (double w0, double w);

/* Largest |dL/d ln f| of a prototype over [f1, f2] (either order), L in dB. */
static double
max_slope_db (Prototype proto,
              double    w0,
              double    f1,
              double    f2)
{
  const double h = 1e-4;
  double lo = MIN (f1, f2), hi = MAX (f1, f2), m = 0.0;

  for (int i = 0; i <= 32; i++)
    {
      double w = 2.0 * M_PI * lo * pow (hi / lo, i / 32.0);
      double d = 20.0 * (log10 (proto (w0, w * exp (h))) - log10 (proto (w0, w * exp (-h))))
                 / (2.0 * h);
      m = MAX (m, fabs (d));
    }
  g_assert_cmpfloat (m, <=, SLOPE_LIMIT_DB * 1.001);
  return m;
}

static double
prewarped (double f,
           double rate)
{
  return 2.0 * rate * tan (M_PI * f / rate);
}

/* BS.1770's high-pass gain convention (see above). */
static double
highpass_table_gain (double rate)
{
  double K = tan (M_PI * HP_F0 / rate);

  return 1.0 + K / HP_Q + K * K;
}

static double
digital (const LqBiquadCoeffs *c,
         double                rate,
         double                f)
{
  double m;

  lq_biquad_coeffs_response (c, rate, f, &m, NULL);
  return m;
}

static void
check_rel (const char *what,
           double      rate,
           double      f,
           double      got,
           double      expected,
           double      tol)
{
  if (fabs (got / expected - 1.0) <= tol)
    return;
  g_test_fail_printf ("%s at %.0f Hz, fs %.0f: digital %.12g, prototype %.12g (rel %.3g)",
                      what, f, rate, got, expected, got / expected - 1.0);
}

static void
test_exact (gconstpointer data)
{
  const double rate = *(const double *) data;
  LqBiquadCoeffs shelf, hp;
  double worst = 0.0;

  lq_biquad_coeffs_kweight_shelf (&shelf, rate);
  lq_biquad_coeffs_kweight_highpass (&hp, rate);

  for (guint i = 0; i < G_N_ELEMENTS (freqs); i++)
    {
      const double f = freqs[i];
      double ds, dh, as, ah;

      if (f >= 0.49 * rate)
        continue;
      ds = digital (&shelf, rate, f);
      dh = digital (&hp, rate, f) / highpass_table_gain (rate);
      as = shelf_analogue (prewarped (SHELF_F0, rate), prewarped (f, rate));
      ah = highpass_analogue (prewarped (HP_F0, rate), prewarped (f, rate));

      check_rel ("shelf", rate, f, ds, as, 1e-9);
      check_rel ("high-pass", rate, f, dh, ah, 1e-9);
      worst = MAX (worst, MAX (fabs (ds / as - 1.0), fabs (dh / ah - 1.0)));
    }
  g_test_message ("RESULT exact %.0f worst relative error %.3g", rate, worst);
}

/* The table convention's gain is the prototype's a0: check it once on its own, so that a
 * normalised numerator (a different convention, a different loudness) cannot slip through
 * the division above. At 48 kHz it is the table's high-frequency gain. */
static void
test_highpass_gain (void)
{
  for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
    {
      LqBiquadCoeffs hp;
      double nyquist_gain;

      lq_biquad_coeffs_kweight_highpass (&hp, rates[r]);
      g_assert_cmpfloat (hp.b0, ==, 1.0);
      g_assert_cmpfloat (hp.b1, ==, -2.0);
      g_assert_cmpfloat (hp.b2, ==, 1.0);
      /* At z = -1 the prototype's response is 1 (s -> infinity); the table's numerator makes
       * it (1 + 2 + 1) / (1 - a1 + a2), which is exactly a0. */
      nyquist_gain = 4.0 / (1.0 - hp.a1 + hp.a2);
      g_assert_cmpfloat_with_epsilon (nyquist_gain, highpass_table_gain (rates[r]), 1e-12);
      g_assert_cmpfloat (nyquist_gain, >, 1.0);
    }
}

static void
test_unwarped (gconstpointer data)
{
  const double rate = *(const double *) data;
  LqBiquadCoeffs shelf, hp;
  double worst = 0.0, worst_tol = 0.0;

  lq_biquad_coeffs_kweight_shelf (&shelf, rate);
  lq_biquad_coeffs_kweight_highpass (&hp, rate);

  for (guint i = 0; i < G_N_ELEMENTS (freqs); i++)
    {
      const double f = freqs[i];
      const double w = 2.0 * M_PI * f;
      const struct { const char *name; const LqBiquadCoeffs *c; double f0; double gain;
                     Prototype proto; } sections[] = {
        { "shelf", &shelf, SHELF_F0, 1.0, shelf_analogue },
        { "high-pass", &hp, HP_F0, highpass_table_gain (rate), highpass_analogue },
      };

      if (f > 2000.0)
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (sections); k++)
        {
          double f_eff = sections[k].f0 * tan (M_PI * f / rate)
                         / tan (M_PI * sections[k].f0 / rate);
          double w0 = 2.0 * M_PI * sections[k].f0;
          double tol = 1.1 * max_slope_db (sections[k].proto, w0, f, f_eff)
                       * fabs (log (f_eff / f)) + 1e-9;
          double d = 20.0 * log10 (digital (sections[k].c, rate, f) / sections[k].gain);
          double a = 20.0 * log10 (sections[k].proto (w0, w));

          if (fabs (d - a) > tol)
            g_test_fail_printf ("%s at %.0f Hz, fs %.0f: digital %.6f dB, prototype %.6f dB,"
                                " |error| %.6f > derived bound %.6f", sections[k].name, f,
                                rate, d, a, fabs (d - a), tol);
          worst = MAX (worst, fabs (d - a));
          worst_tol = MAX (worst_tol, tol);
        }
    }
  g_test_message ("RESULT unwarped %.0f worst |error| %.5f dB (largest bound %.5f dB)", rate,
                  worst, worst_tol);
}

/* BS.1770-4 Annex 1, Tables 1 and 2 (48 kHz). */
static void
test_table_48k (void)
{
  LqBiquadCoeffs shelf, hp;

  lq_biquad_coeffs_kweight_shelf (&shelf, 48000.0);
  lq_biquad_coeffs_kweight_highpass (&hp, 48000.0);

  g_assert_cmpfloat_with_epsilon (shelf.b0, 1.53512485958697, 1e-8);
  g_assert_cmpfloat_with_epsilon (shelf.b1, -2.69169618940638, 1e-8);
  g_assert_cmpfloat_with_epsilon (shelf.b2, 1.19839281085285, 1e-8);
  g_assert_cmpfloat_with_epsilon (shelf.a1, -1.69065929318241, 1e-8);
  g_assert_cmpfloat_with_epsilon (shelf.a2, 0.73248077421585, 1e-8);

  g_assert_cmpfloat_with_epsilon (hp.b0, 1.0, 1e-8);
  g_assert_cmpfloat_with_epsilon (hp.b1, -2.0, 1e-8);
  g_assert_cmpfloat_with_epsilon (hp.b2, 1.0, 1e-8);
  g_assert_cmpfloat_with_epsilon (hp.a1, -1.99004745483398, 1e-8);
  g_assert_cmpfloat_with_epsilon (hp.a2, 0.99007225036621, 1e-8);
}

static double
kweight_gain (double rate,
              double f)
{
  return shelf_analogue (prewarped (SHELF_F0, rate), prewarped (f, rate))
         * highpass_analogue (prewarped (HP_F0, rate), prewarped (f, rate))
         * highpass_table_gain (rate);
}

/* Steady sines through the meter: the loudness is the prototype's K-weighted power. One
 * channel (the single-lane path), then three at once (a SIMD pair plus a single lane), each
 * channel at its own frequency and level. */
static void
test_meter_response (gconstpointer data)
{
  static const double tones[] = { 25, 40, 60, 100, 200, 1000, 3000, 10000, 16000 };
  const double rate = *(const double *) data;
  const guint n = (guint) (10 * rate);
  float *x[3];

  for (guint c = 0; c < 3; c++)
    x[c] = g_new (float, n);

  for (guint channels = 1; channels <= 3; channels += 2)
    for (guint i = 0; i < G_N_ELEMENTS (tones); i++)
      {
        LqLoudnessConfig config = { rate, channels, NULL, NULL, NULL };
        LqLoudness *meter = lq_loudness_new (&config, NULL);
        double power = 0.0, expected, got;
        gboolean skip = FALSE;

        g_assert_nonnull (meter);
        for (guint c = 0; c < channels; c++)
          {
            double f = tones[(i + 4 * c) % G_N_ELEMENTS (tones)];
            double amplitude = 0.25 / (c + 1), k = kweight_gain (rate, f);

            skip |= f > 0.45 * rate;
            lq_test_sine (x[c], n, rate, f, amplitude, 0.3 * c);
            power += 0.5 * amplitude * amplitude * k * k;
          }
        if (skip)
          {
            lq_loudness_free (meter);
            continue;
          }
        expected = -0.691 + 10.0 * log10 (power);

        for (guint done = 0; done < n; done += 1000)
          {
            const float *block[3] = { x[0] + done, x[1] + done, x[2] + done };
            lq_loudness_process (meter, block, MIN (1000, n - done));
          }
        /* The last momentary window: 400 ms of steady tone, whole periods of every tone. */
        got = lq_loudness_get_momentary (meter);
        if (fabs (got - expected) > 0.005)
          g_test_fail_printf ("%u ch, %.0f Hz first, fs %.0f: meter %.4f LUFS, prototype "
                              "%.4f LUFS", channels, tones[i], rate, got, expected);
        g_test_message ("RESULT meter %.0f %uch %.0f Hz: %.4f (prototype %.4f)", rate,
                        channels, tones[i], got, expected);
        lq_loudness_free (meter);
      }

  for (guint c = 0; c < 3; c++)
    g_free (x[c]);
}

/* Feeds seconds of a 1 kHz sine at gain (stereo) to meter. */
static void
feed_sine (LqLoudness *meter,
           double      gain,
           double      seconds)
{
  const double rate = 48000.0;
  const guint n = (guint) (seconds * rate);
  g_autofree float *x = g_new (float, n);
  const float *in[2] = { x, x };

  for (guint i = 0; i < n; i++)
    x[i] = (float) (gain * sin (2.0 * G_PI * 1000.0 * i / rate));
  lq_loudness_process (meter, in, n);
}

/* The programme for /loudness/reset-forgets: 20 s at -30 dBFS, 3 s at -10 dBFS and 10 s at
 * -45 dBFS, so that both histograms hold blocks over a span that takes in those of the loud
 * programme before it. */
static void
feed_quiet (LqLoudness *meter)
{
  feed_sine (meter, lq_db_to_gain (-30.0), 20.0);
  feed_sine (meter, lq_db_to_gain (-10.0), 3.0);
  feed_sine (meter, lq_db_to_gain (-45.0), 10.0);
}

/* A meter reset after loud programme reads the next programme exactly as a new one does: the
 * histograms keep only the span of bins in use, and reset must clear all of it. A meter that
 * kept the loud blocks reads what one fed both programmes does: 8.5 LU higher and an LRA 1 LU
 * off, which the test checks too. */
static void
test_reset_forgets (void)
{
  LqLoudnessConfig config = { .sample_rate = 48000.0, .channels = 2 };
  LqLoudness *used = lq_loudness_new (&config, NULL);
  LqLoudness *fresh = lq_loudness_new (&config, NULL);
  LqLoudness *both = lq_loudness_new (&config, NULL);

  feed_sine (used, lq_db_to_gain (-10.0), 20.0);
  feed_sine (both, lq_db_to_gain (-10.0), 20.0);
  lq_loudness_reset (used);
  feed_quiet (used);
  feed_quiet (fresh);
  feed_quiet (both);
  g_assert_cmpfloat (lq_loudness_get_integrated (used), ==, lq_loudness_get_integrated (fresh));
  g_assert_cmpfloat (lq_loudness_get_range (used), ==, lq_loudness_get_range (fresh));
  g_assert_cmpfloat (lq_loudness_get_integrated (both) - lq_loudness_get_integrated (fresh), >,
                     2.0);
  g_assert_cmpfloat (fabs (lq_loudness_get_range (both) - lq_loudness_get_range (fresh)), >, 0.5);
  lq_loudness_free (used);
  lq_loudness_free (fresh);
  lq_loudness_free (both);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
    {
      char *path = g_strdup_printf ("/kweight/exact-prototype/%.0f", rates[r]);
      g_test_add_data_func (path, &rates[r], test_exact);
      g_free (path);
      path = g_strdup_printf ("/kweight/unwarped-prototype/%.0f", rates[r]);
      g_test_add_data_func (path, &rates[r], test_unwarped);
      g_free (path);
      path = g_strdup_printf ("/kweight/meter/%.0f", rates[r]);
      g_test_add_data_func (path, &rates[r], test_meter_response);
      g_free (path);
    }
  g_test_add_func ("/kweight/table-48k", test_table_48k);
  g_test_add_func ("/kweight/highpass-gain", test_highpass_gain);
  g_test_add_func ("/loudness/reset-forgets", test_reset_forgets);

  return g_test_run ();
}
