/* test-compressor.c
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

#include <glib.h>
#include <math.h>
#include <string.h>

#include "dsp-test-util.h"
#include "lq-compressor.h"
#include "lq-test-signal.h"

/* The vector helpers' 32-byte arguments change the ABI only without AVX; they are inlined. */
#pragma GCC diagnostic ignored "-Wpsabi"
#include "lq-simd.h"

/* Giannoulis, Massberg and Reiss (2012), eq. 4, written out: the output level for input level
 * x (dB) with threshold T, ratio R and knee width W. */
static double
theory_out_db (double x,
               double T,
               double R,
               double W)
{
  if (2.0 * (x - T) < -W)
    return x;
  if (2.0 * fabs (x - T) <= W)
    return x + (1.0 / R - 1.0) * (x - T + W / 2.0) * (x - T + W / 2.0) / (2.0 * W);
  return T + (x - T) / R;
}

static LqCompressor *
make_comp (double                    rate,
           uint32_t                  channels,
           const LqCompressorParams *p)
{
  LqStatus status;
  LqCompressor *comp = lq_compressor_new (&(LqCompressorConfig) { rate, channels, 1024 }, &status);

  g_assert_cmpint (status, ==, LQ_OK);
  lq_compressor_set_params (comp, p);
  return comp;
}

static void
run (LqCompressor *comp,
     TestBuf      *io)
{
  for (size_t done = 0, k = 0; done < io->n; k++)
    {
      uint32_t n = MIN (test_block_size (k, 1024), io->n - done);
      float *p[2] = { io->ch[0] + done, io->channels > 1 ? io->ch[1] + done : NULL };

      lq_compressor_process (comp, (const float *const *) p, p, n);
      done += n;
    }
}

static double
rms_db (const float *x,
        size_t       n)
{
  double s = 0.0;

  for (size_t i = 0; i < n; i++)
    s += (double) x[i] * x[i];
  return 10.0 * log10 (s / n);
}

static void
params (LqCompressorParams *p,
        double T, double R, double W, double attack, double release,
        LqCompressorDetector det)
{
  lq_compressor_params_init_default (p);
  p->threshold_db = T;
  p->ratio = R;
  p->knee_db = W;
  p->attack_ms = attack;
  p->release_ms = release;
  p->detector = det;
  p->bypass = false;
}

/* Static curve, RMS detector: steady 1 kHz sines from 40 dB under to 10 dB over the threshold,
 * through the knee; output RMS against the formula. */
static void
test_static_rms (void)
{
  static const double knees[] = { 0.0, 6.0, 12.0 };
  const double rate = 48000.0, T = -20.0, R = 4.0;

  for (guint k = 0; k < G_N_ELEMENTS (knees); k++)
    {
      LqCompressorParams p;
      LqCompressor *comp;

      params (&p, T, R, knees[k], 5.0, 100.0, LQ_COMPRESSOR_DETECTOR_RMS);
      comp = make_comp (rate, 1, &p);
      for (double level = -45.0; level <= -5.0; level += 1.0)
        {
          TestBuf b = test_buf_new (1, 48000);
          double in_db, out_db, want;

          /* A sine's RMS is its peak less 3.01 dB. */
          lq_test_sine (b.ch[0], b.n, rate, 1000.0, lq_test_dbfs (level + 10.0 * log10 (2.0)), 0.0);
          in_db = rms_db (b.ch[0] + 24000, 24000);
          lq_compressor_reset (comp);
          run (comp, &b);
          out_db = rms_db (b.ch[0] + 24000, 24000);
          want = theory_out_db (in_db, T, R, knees[k]);
          g_assert_cmpfloat_with_epsilon (in_db, level, 0.001);
          g_assert_cmpfloat_with_epsilon (out_db, want, 0.03);
          g_assert_cmpfloat_with_epsilon (lq_compressor_static_gain_db (&p, in_db), want - in_db, 1e-9);
          test_buf_free (&b);
        }
      lq_compressor_free (comp);
    }
}

/* Static curve, peak detector, on a signal whose |x| is constant (a square wave at rate/2):
 * the detector level is exact and so must the curve be. Also with makeup gain. */
static void
test_static_peak (void)
{
  const double rate = 44100.0, T = -18.0, R = 3.0, W = 8.0, makeup = 4.0;
  LqCompressorParams p;
  LqCompressor *comp;

  params (&p, T, R, W, 2.0, 50.0, LQ_COMPRESSOR_DETECTOR_PEAK);
  p.makeup_db = makeup;
  comp = make_comp (rate, 2, &p);
  for (double level = -40.0; level <= 0.0; level += 0.5)
    {
      TestBuf b = test_buf_new (2, 22050);
      float a = (float) lq_test_dbfs (level);
      double in_db = 20.0 * log10 (a), out_db;

      for (size_t i = 0; i < b.n; i++)
        b.ch[0][i] = b.ch[1][i] = i % 2 ? a : -a;
      lq_compressor_reset (comp);
      run (comp, &b);
      out_db = 20.0 * log10 (fabsf (b.ch[1][b.n - 1]));
      g_assert_cmpfloat_with_epsilon (out_db, theory_out_db (in_db, T, R, W) + makeup, 0.002);
      g_assert_cmpfloat_with_epsilon (lq_compressor_get_current_gain_reduction_db (comp),
                                      in_db - theory_out_db (in_db, T, R, W), 0.002);
      test_buf_free (&b);
    }
  lq_compressor_free (comp);
}

/* Time constants. Definition (lq-compressor.h): on a step of the detector level, the gain
 * reduction in dB covers 63.2 % (1 - 1/e) of its change in attack_ms when rising and
 * release_ms when falling. Measured on the output of a constant-|x| signal stepping from
 * 20 dB under the threshold to 20 dB over and back. */
static void
measure_times (double  rate,
               double  attack_ms,
               double  release_ms,
               double *attack_out,
               double *release_out)
{
  const double T = -30.0, R = 10.0;
  size_t n = (size_t) (rate * (1.0 + 10.0 * release_ms * 1e-3)), up = (size_t) (0.1 * rate);
  size_t down = up + (size_t) (0.5 * rate + 10.0 * attack_ms * 1e-3 * rate);
  LqCompressorParams p;
  LqCompressor *comp;
  TestBuf b = test_buf_new (1, n);
  float *x = g_new (float, n);
  double gr_full = (1.0 - 1.0 / R) * 20.0;
  size_t t_att = 0, t_rel = 0;

  g_assert_cmpuint (down, <, n);
  params (&p, T, R, 0.0, attack_ms, release_ms, LQ_COMPRESSOR_DETECTOR_PEAK);
  comp = make_comp (rate, 1, &p);
  for (size_t i = 0; i < n; i++)
    {
      float a = (float) lq_test_dbfs (i >= up && i < down ? T + 20.0 : T - 20.0);

      x[i] = b.ch[0][i] = i % 2 ? a : -a;
    }
  run (comp, &b);

  for (size_t i = up; i < down && t_att == 0; i++)
    if (20.0 * log10 (fabsf (x[i]) / fabsf (b.ch[0][i])) >= (1.0 - 1.0 / M_E) * gr_full)
      t_att = i - up;
  /* The reduction settled at gr_full before the step down. */
  g_assert_cmpfloat_with_epsilon (20.0 * log10 (fabsf (x[down - 1]) / fabsf (b.ch[0][down - 1])),
                                  gr_full, 1e-3);
  for (size_t i = down; i < n && t_rel == 0; i++)
    if (20.0 * log10 (fabsf (x[i]) / fabsf (b.ch[0][i])) <= gr_full / M_E)
      t_rel = i - down;
  g_assert_cmpuint (t_att, >, 0);
  g_assert_cmpuint (t_rel, >, 0);
  *attack_out = (t_att + 1) * 1e3 / rate;
  *release_out = (t_rel + 1) * 1e3 / rate;

  lq_compressor_free (comp);
  test_buf_free (&b);
  g_free (x);
}

static void
test_time_constants (void)
{
  static const double cases[][3] = {
    { 48000.0, 10.0, 100.0 },
    { 44100.0, 1.0, 300.0 },
    { 96000.0, 30.0, 50.0 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      double attack, release;

      measure_times (cases[k][0], cases[k][1], cases[k][2], &attack, &release);
      g_test_message ("%.0f Hz: attack %.3f ms (set %.1f), release %.2f ms (set %.1f)",
                      cases[k][0], attack, cases[k][1], release, cases[k][2]);
      g_assert_cmpfloat (fabs (attack - cases[k][1]), <=, 0.2 * cases[k][1]);
      g_assert_cmpfloat (fabs (release - cases[k][2]), <=, 0.2 * cases[k][2]);
    }
}

/* Stereo link: one gain for both channels. Max follows the louder channel; mean follows the
 * average level. */
static void
test_link (void)
{
  const double rate = 48000.0, T = -20.0, R = 4.0;
  LqCompressorParams p;

  for (int mean = 0; mean <= 1; mean++)
    {
      TestBuf b = test_buf_new (2, 48000);
      LqCompressor *comp;
      float loud = (float) lq_test_dbfs (-4.0), soft = (float) lq_test_dbfs (-16.0);
      double level, want_gain;

      params (&p, T, R, 0.0, 1.0, 50.0, LQ_COMPRESSOR_DETECTOR_PEAK);
      p.link = mean ? LQ_COMPRESSOR_LINK_MEAN : LQ_COMPRESSOR_LINK_MAX;
      comp = make_comp (rate, 2, &p);
      for (size_t i = 0; i < b.n; i++)
        {
          b.ch[0][i] = i % 2 ? loud : -loud;
          b.ch[1][i] = i % 2 ? soft : -soft;
        }
      run (comp, &b);
      level = 20.0 * log10 (mean ? (loud + soft) / 2.0 : loud);
      want_gain = theory_out_db (level, T, R, 0.0) - level;
      g_assert_cmpfloat_with_epsilon (20.0 * log10 (fabsf (b.ch[0][b.n - 1]) / loud), want_gain, 0.002);
      g_assert_cmpfloat_with_epsilon (20.0 * log10 (fabsf (b.ch[1][b.n - 1]) / soft), want_gain, 0.002);
      lq_compressor_free (comp);
      test_buf_free (&b);
    }
}

/* The sidechain high-pass keeps bass from driving the compressor. */
static void
test_sidechain_hpf (void)
{
  const double rate = 48000.0;
  LqCompressorParams p;
  double gr[2];

  for (int hpf = 0; hpf <= 1; hpf++)
    {
      TestBuf b = test_buf_new (1, 48000);
      LqCompressor *comp;

      params (&p, -30.0, 4.0, 0.0, 5.0, 100.0, LQ_COMPRESSOR_DETECTOR_RMS);
      p.sidechain_hpf_hz = hpf ? 300.0 : 0.0;
      comp = make_comp (rate, 1, &p);
      lq_test_sine (b.ch[0], b.n, rate, 40.0, 0.5, 0.0);
      run (comp, &b);
      gr[hpf] = lq_compressor_get_current_gain_reduction_db (comp);
      lq_compressor_free (comp);
      test_buf_free (&b);
    }
  g_test_message ("40 Hz at -9 dB RMS: %.2f dB reduction, %.2f dB with a 300 Hz sidechain filter",
                  gr[0], gr[1]);
  g_assert_cmpfloat (gr[0], >, 12.0);
  /* 40 Hz is ~35 dB down through a 300 Hz second-order high-pass: under the threshold. */
  g_assert_cmpfloat (gr[1], <, 0.5);
}

/* The linked stereo RMS detector filters its side chain in its own loop; the mono detector
 * through lq_biquad_process, a separate path. With the signal in one channel and silence in
 * the other, linked by the maximum, the stereo compressor must do to that channel what the
 * mono one does: bass that the filter removes, and 1 kHz that it keeps and that is compressed. */
static void
test_sidechain_hpf_stereo (void)
{
  const double rate = 48000.0;
  const size_t n = 48000;
  LqCompressorParams p;
  TestBuf mono = test_buf_new (1, n);
  LqCompressor *comp;
  double gr_mono;

  params (&p, -30.0, 4.0, 6.0, 5.0, 100.0, LQ_COMPRESSOR_DETECTOR_RMS);
  p.sidechain_hpf_hz = 300.0;
  lq_test_sine (mono.ch[0], n, rate, 40.0, 0.5, 0.0);
  for (size_t i = 0; i < n; i++)
    mono.ch[0][i] += (float) (0.1 * sin (2.0 * M_PI * 1000.0 * i / rate));
  comp = make_comp (rate, 1, &p);
  {
    TestBuf b = test_buf_new (1, n);

    memcpy (b.ch[0], mono.ch[0], n * sizeof (float));
    run (comp, &b);
    gr_mono = lq_compressor_get_current_gain_reduction_db (comp);
    memcpy (mono.ch[0], b.ch[0], n * sizeof (float));
    test_buf_free (&b);
  }
  lq_compressor_free (comp);
  g_test_message ("mono: %.3f dB reduction", gr_mono);
  /* 1 kHz at -23 dB RMS is 7 dB over the threshold, 7 (1 - 1/4) dB of reduction; the 40 Hz,
   * 35 dB down through the filter, adds next to nothing. */
  g_assert_cmpfloat (fabs (gr_mono - 5.25), <, 0.1);

  for (int side = 0; side < 2; side++)
    {
      TestBuf b = test_buf_new (2, n);
      double worst = 0.0;

      lq_test_sine (b.ch[side], n, rate, 40.0, 0.5, 0.0);
      for (size_t i = 0; i < n; i++)
        b.ch[side][i] += (float) (0.1 * sin (2.0 * M_PI * 1000.0 * i / rate));
      comp = make_comp (rate, 2, &p);
      run (comp, &b);
      for (size_t i = 0; i < n; i++)
        {
          worst = fmax (worst, fabs ((double) b.ch[side][i] - mono.ch[0][i]));
          g_assert_cmpfloat (b.ch[!side][i], ==, 0.0f);
        }
      g_test_message ("signal in channel %d: %.3f dB reduction, %.2g from the mono output at most",
                      side, lq_compressor_get_current_gain_reduction_db (comp), worst);
      /* The two paths round differently (float side chain against double, FMA): well under
       * 1e-5 of a 0.6 peak. */
      g_assert_cmpfloat (worst, <, 1e-5);
      lq_compressor_free (comp);
      test_buf_free (&b);
    }
  test_buf_free (&mono);
}

/* Bypass ramps the gain to exactly unity: afterwards the samples pass untouched; no step in
 * the gain on the way in or out. */
static void
test_bypass (void)
{
  const double rate = 48000.0;
  LqCompressorParams p;
  LqCompressor *comp;
  TestBuf b = test_buf_new (1, 96000);
  float *x = g_new (float, b.n);
  double max_dg = 0.0;

  params (&p, -30.0, 4.0, 6.0, 5.0, 100.0, LQ_COMPRESSOR_DETECTOR_RMS);
  p.makeup_db = 3.0;
  comp = make_comp (rate, 1, &p);
  for (size_t i = 0; i < b.n; i++)
    x[i] = b.ch[0][i] = (float) lq_test_dbfs (-10.0) * (i % 2 ? 1.0f : -1.0f);

  for (size_t done = 0; done < b.n; done += 480)
    {
      float *io[1] = { b.ch[0] + done };

      if (done == 24000 || done == 72000)
        {
          p.bypass = done == 24000;
          lq_compressor_set_params (comp, &p);
        }
      lq_compressor_process (comp, (const float *const *) io, io, 480);
      if (done == 48000)
        g_assert_cmpfloat (lq_compressor_get_gain_reduction_db (comp), ==, 0.0f);
    }
  for (size_t i = 24000 + 2400; i < 72000; i++)
    g_assert_cmpfloat (b.ch[0][i], ==, x[i]);
  for (size_t i = 1; i < b.n; i++)
    max_dg = fmax (max_dg, fabs (20.0 * log10 (fabsf (b.ch[0][i]) / fabsf (b.ch[0][i - 1]))));
  g_test_message ("largest gain step from one sample to the next: %.4f dB", max_dg);
  /* The reduction here is ~15 dB; ramped over 20 ms it moves < 0.02 dB per sample. */
  g_assert_cmpfloat (max_dg, <, 0.05);

  lq_compressor_free (comp);
  test_buf_free (&b);
  g_free (x);
}

/* Non-finite input does not poison the detector. */
static void
test_nonfinite (void)
{
  LqCompressorParams p;
  LqCompressor *comp;
  TestBuf b = test_buf_new (1, 4800);

  params (&p, -30.0, 4.0, 6.0, 5.0, 100.0, LQ_COMPRESSOR_DETECTOR_RMS);
  comp = make_comp (48000.0, 1, &p);
  b.ch[0][10] = NAN;
  b.ch[0][11] = INFINITY;
  run (comp, &b);
  lq_test_sine (b.ch[0], b.n, 48000.0, 1000.0, 0.01, 0.0);
  run (comp, &b);
  run (comp, &b);
  g_assert_true (isfinite (b.ch[0][b.n - 1]));
  g_assert_cmpfloat (lq_compressor_get_current_gain_reduction_db (comp), <, 1.0f);
  lq_compressor_free (comp);
  test_buf_free (&b);
}

/* The detector's level in dB comes from lq_v8_log2: against libm's log2 in double, over every
 * normal float (one bit pattern in 61; the compressor's power can be anything from a
 * denormal-flushed 2^-126 to inf), it must stay within 1e-7 + 2^-24 |log2 x|, the rounding
 * of the float result: 1.2e-5 dB of power at the very bottom, 3e-7 dB near full scale. The
 * edges: zero, subnormals and NaN read as -126, inf as 128. */
static void
test_log2_accuracy (void)
{
  float xs[8], edge[8] = { 0.0f, 1e-40f, NAN, INFINITY, 1.0f, 2.0f, 0.5f, 0x1p-126f };
  const float want[8] = { -126.0f, -126.0f, -126.0f, 128.0f, 0.0f, 1.0f, -1.0f, -126.0f };
  double worst = 0.0, worst_x = 0.0;
  uint32_t k = 0, checked = 0;
  lq_v8sf v;

  for (uint32_t bits = 0x00800000u; bits < 0x7f800000u; bits += 61)
    {
      memcpy (&xs[k++], &bits, sizeof (float));
      if (k < 8)
        continue;
      k = 0;
      v = lq_v8_log2 (lq_v8_load (xs));
      for (uint32_t j = 0; j < 8; j++)
        {
          double exact = log2 ((double) xs[j]);
          double excess = fabs (v[j] - exact) - 0x1p-24 * fabs (exact);

          if (excess > worst)
            {
              worst = excess;
              worst_x = xs[j];
            }
          checked++;
        }
    }
  g_test_message ("lq_v8_log2 over %u floats: worst error %.3g + 2^-24 |log2 x|, at %.9g",
                  checked, worst, worst_x);
  g_assert_cmpuint (checked, >, 30000000);
  g_assert_cmpfloat (worst, <, 1e-7);

  v = lq_v8_log2 (lq_v8_load (edge));
  for (uint32_t j = 0; j < 8; j++)
    g_assert_cmpfloat (v[j], ==, want[j]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/compressor/static-rms", test_static_rms);
  g_test_add_func ("/compressor/static-peak", test_static_peak);
  g_test_add_func ("/compressor/time-constants", test_time_constants);
  g_test_add_func ("/compressor/link", test_link);
  g_test_add_func ("/compressor/sidechain-hpf", test_sidechain_hpf);
  g_test_add_func ("/compressor/sidechain-hpf-stereo", test_sidechain_hpf_stereo);
  g_test_add_func ("/compressor/bypass", test_bypass);
  g_test_add_func ("/compressor/nonfinite", test_nonfinite);
  g_test_add_func ("/compressor/log2-accuracy", test_log2_accuracy);
  return g_test_run ();
}
