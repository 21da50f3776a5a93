/* test-limiter.c
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

#include "dsp-test-util.h"
#include "lq-limiter.h"
#include "lq-limiter-private.h"
#include "lq-test-signal.h"

typedef enum
{
  SIG_SINE_997,
  SIG_SINE_10K,
  SIG_SINE_19K,
  SIG_SINE_THIRD,       /* where libebur128's interpolator reads high */
  SIG_WHITE,
  SIG_PINK,
  SIG_CLIPPED_SQUARE,
  SIG_ISP_QUARTER,      /* fs/4 at 45 degrees: samples at 0.707 of the true peak */
  SIG_EBU_ISP,          /* Tech 3341 case 20-style burst, driven 12 dB over */
  SIG_MUSIC,
  SIG_CLICKS,           /* single-sample spikes in silence */
  N_SIGNALS
} Signal;

static const char *signal_names[N_SIGNALS] = {
  "sine-997", "sine-10k", "sine-19k", "sine-fs/3", "white", "pink", "clipped-square", "isp-quarter",
  "ebu-isp", "music", "clicks",
};

/* Two seconds of stereo, true peak well over the ceiling (+6 .. +12 dB). The right channel
 * differs from the left (phase, seed, mix) so linking is exercised. */
static TestBuf
make_signal (Signal sig,
             double rate,
             double ceiling_db)
{
  size_t n = (size_t) (2.0 * rate);
  TestBuf b = test_buf_new (2, n);
  double over = lq_test_dbfs (ceiling_db + 12.0);
  uint64_t seed = 1234 + sig;

  for (uint32_t c = 0; c < 2; c++)
    {
      float *x = b.ch[c];

      switch (sig)
        {
        case SIG_SINE_997:
          lq_test_sine (x, n, rate, 997.0, over, 0.3 * c);
          break;
        case SIG_SINE_10K:
          lq_test_sine (x, n, rate, 10000.0, over, 0.3 * c);
          break;
        case SIG_SINE_19K:
          lq_test_sine (x, n, rate, 19000.0, over, 0.3 * c);
          break;
        case SIG_SINE_THIRD:
          lq_test_sine (x, n, rate, 0.3355 * rate, over, 0.3 * c);
          break;
        case SIG_WHITE:
          lq_test_white_noise (x, n, over, &seed);
          break;
        case SIG_PINK:
          lq_test_pink_noise (x, n, 2.0 * over, &seed);
          break;
        case SIG_CLIPPED_SQUARE:
          lq_test_sine (x, n, rate, 220.0 + 110.0 * c, 8.0, 0.0);
          for (size_t i = 0; i < n; i++)
            x[i] = (float) (over * fmax (-1.0, fmin (1.0, x[i])));
          break;
        case SIG_ISP_QUARTER:
          lq_test_sine (x, n, rate, rate / 4.0, lq_test_dbfs (ceiling_db + 6.0), M_PI / 4.0);
          break;
        case SIG_EBU_ISP:
          g_assert_cmpfloat (lq_test_ebu_isp (x, n, rate, c), >, 0.0);
          for (size_t i = 0; i < n; i++)
            x[i] *= (float) lq_test_dbfs (12.0);
          break;
        case SIG_MUSIC:
          lq_test_music (x, n, rate, (int) c, 7);
          for (size_t i = 0; i < n; i++)
            x[i] *= (float) (over * 1.5);
          break;
        case SIG_CLICKS:
          for (size_t i = 1000 + 77 * c; i < n; i += 4801)
            {
              x[i] = (float) (i % 2 ? over : -over);
              x[i + 1] = (float) (-0.5 * x[i]);
            }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return b;
}

/* Runs the limiter over in followed by latency frames of silence, in varied block sizes;
 * returns the output aligned with the input (the first latency frames dropped). */
static TestBuf
run_limiter (LqLimiter     *lim,
             const TestBuf *in)
{
  uint32_t latency = lq_limiter_get_latency (lim);
  size_t total = in->n + latency;
  TestBuf src = test_buf_new (in->channels, total);
  TestBuf dst = test_buf_new (in->channels, total);
  TestBuf out = test_buf_new (in->channels, in->n);

  for (uint32_t c = 0; c < in->channels; c++)
    memcpy (src.ch[c], in->ch[c], in->n * sizeof (float));

  for (size_t done = 0, k = 0; done < total; k++)
    {
      uint32_t n = test_block_size (k, 4096);
      const float *ip[2];
      float *op[2];

      if (n > total - done)
        n = (uint32_t) (total - done);
      for (uint32_t c = 0; c < in->channels; c++)
        {
          ip[c] = src.ch[c] + done;
          op[c] = dst.ch[c] + done;
        }
      lq_limiter_process (lim, ip, op, n);
      done += n;
    }

  for (uint32_t c = 0; c < in->channels; c++)
    memcpy (out.ch[c], dst.ch[c] + latency, in->n * sizeof (float));
  test_buf_free (&src);
  test_buf_free (&dst);
  return out;
}

static LqLimiter *
make_limiter (double   rate,
              uint32_t channels,
              double   ceiling_db,
              double   lookahead_ms,
              double   release_ms)
{
  LqLimiterConfig cfg = { rate, channels, 1024, 0.0 };
  LqLimiterParams p;
  LqStatus status;
  LqLimiter *lim = lq_limiter_new (&cfg, &status);

  g_assert_cmpint (status, ==, LQ_OK);
  g_assert_nonnull (lim);
  lq_limiter_params_init_default (&p);
  p.ceiling_db = ceiling_db;
  p.lookahead_ms = lookahead_ms;
  p.release_ms = release_ms;
  lq_limiter_set_params (lim, &p);
  return lim;
}

/* The core promise: whatever goes in, the true peak that comes out is at or under the
 * ceiling, by our meter and by libebur128's, without the safety clamp ever firing. */
static void
test_ceiling (void)
{
  static const double rates[] = { 44100.0, 48000.0 };
  static const double ceilings[] = { -1.0, -0.3 };
  static const double lookaheads[] = { 1.5, 0.5, 5.0 };
  double worst_ours = -100.0, worst_ebu = -100.0;

  for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
    for (guint k = 0; k < G_N_ELEMENTS (ceilings); k++)
      for (guint la = 0; la < G_N_ELEMENTS (lookaheads); la++)
        for (int s = 0; s < N_SIGNALS; s++)
          {
            double rate = rates[r], ceiling = ceilings[k];
            LqLimiter *lim = make_limiter (rate, 2, ceiling, lookaheads[la], la == 1 ? 10.0 : 50.0);
            TestBuf in = make_signal (s, rate, ceiling);
            TestBuf out = run_limiter (lim, &in);
            double ours = test_db (test_true_peak_ours (&out, rate));
            double ebu = test_db (test_true_peak_ebur128 (&out, rate));
            double in_tp = test_db (test_true_peak_ours (&in, rate));

            g_test_message ("%5.0f Hz ceiling %+.1f lookahead %.1f %-15s in %+6.2f dBTP, "
                            "out %+.4f (ours) %+.4f (libebur128)",
                            rate, ceiling, lookaheads[la], signal_names[s], in_tp, ours, ebu);
            worst_ours = fmax (worst_ours, ours - ceiling);
            worst_ebu = fmax (worst_ebu, ebu - ceiling);

            g_assert_cmpfloat (ours, <=, ceiling);
            g_assert_cmpfloat (ebu, <=, ceiling);
            /* It limits rather than mutes: the peaks come back up to the ceiling. */
            g_assert_cmpfloat (ours, >, ceiling - 0.5);
            g_assert_cmpuint (lq_limiter_get_clip_count (lim), ==, 0);

            test_buf_free (&in);
            test_buf_free (&out);
            lq_limiter_free (lim);
          }
  g_test_message ("worst true peak over the ceiling: %+.4f dB (ours), %+.4f dB (libebur128)",
                  worst_ours, worst_ebu);
}

/* An impulse under the ceiling comes out exactly latency frames later, exactly as it went in,
 * at every rate and for mono and stereo; the latency does not move with the lookahead. */
static void
test_latency (void)
{
  static const double rates[] = { 44100.0, 48000.0, 96000.0, 192000.0 };

  for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
    for (uint32_t channels = 1; channels <= 2; channels++)
      for (double la = 0.5; la <= 10.0; la *= 2.0)
        {
          LqLimiter *lim = make_limiter (rates[r], channels, -1.0, la, 50.0);
          uint32_t latency = lq_limiter_get_latency (lim);
          TestBuf in = test_buf_new (channels, 8192);
          TestBuf out;
          size_t found = 0;

          /* The detector's own latency: half its filter, which is longer at high rates. */
          LqLimiterConfig cfg = { rates[r], channels, 1024, 0.0 };
          LqTruePeak *detector = lq_limiter_new_detector (&cfg, NULL);
          uint32_t tp_latency = lq_truepeak_get_latency (detector);

          g_assert_cmpuint (latency, ==,
                            2 * (uint32_t) ceil (10.0e-3 * rates[r] / 2.0) + tp_latency);
          lq_truepeak_free (detector);
          in.ch[0][100] = 0.5f;
          in.ch[channels - 1][100] = 0.5f;
          out = run_limiter (lim, &in);
          for (size_t i = 0; i < out.n; i++)
            if (out.ch[0][i] != 0.0f)
              {
                found = i;
                break;
              }
          g_assert_cmpuint (found, ==, 100);
          g_assert_cmpfloat (out.ch[0][100], ==, 0.5f);
          g_assert_cmpfloat (out.ch[channels - 1][100], ==, 0.5f);
          test_buf_free (&in);
          test_buf_free (&out);
          lq_limiter_free (lim);
        }
}

/* A programme that never gets near the ceiling passes unchanged, bit for bit, delayed. */
static void
test_transparent (void)
{
  LqLimiter *lim = make_limiter (48000.0, 2, -1.0, 1.5, 50.0);
  TestBuf in = test_buf_new (2, 96000);
  TestBuf out;

  lq_test_music (in.ch[0], in.n, 48000.0, 0, 3);
  lq_test_music (in.ch[1], in.n, 48000.0, 1, 3);
  for (size_t i = 0; i < in.n; i++)
    {
      in.ch[0][i] *= 0.5f;
      in.ch[1][i] *= 0.5f;
    }
  g_assert_cmpfloat (test_db (test_true_peak_ours (&in, 48000.0)), <, -1.5);

  out = run_limiter (lim, &in);
  for (uint32_t c = 0; c < 2; c++)
    g_assert_cmpmem (out.ch[c], out.n * sizeof (float), in.ch[c], in.n * sizeof (float));
  g_assert_cmpfloat (lq_limiter_get_gain_reduction_db (lim), ==, 0.0f);

  test_buf_free (&in);
  test_buf_free (&out);
  lq_limiter_free (lim);
}

/* On a steady sine 6 dB over, the reported reduction is 6 dB plus the margin, and the
 * output sits at the ceiling less the margin. */
static void
test_gain_reduction (void)
{
  LqLimiter *lim = make_limiter (48000.0, 1, -1.0, 1.5, 50.0);
  TestBuf in = test_buf_new (1, 48000);
  TestBuf out;
  double ours;

  lq_test_sine (in.ch[0], in.n, 48000.0, 1000.0, lq_test_dbfs (5.0), 0.0);
  out = run_limiter (lim, &in);

  /* Second half only: steady state. */
  memmove (out.ch[0], out.ch[0] + 24000, 24000 * sizeof (float));
  out.n = 24000;
  ours = test_db (test_true_peak_ours (&out, 48000.0));
  g_assert_cmpfloat_with_epsilon (ours, -1.0 - LQ_LIMITER_MARGIN_DB, 0.01);

  {
    float *ip[1] = { in.ch[0] };
    lq_limiter_process (lim, (const float *const *) ip, ip, 4800);
    g_assert_cmpfloat_with_epsilon (lq_limiter_get_gain_reduction_db (lim),
                                    6.0 + LQ_LIMITER_MARGIN_DB, 0.02);

    /* A second of silence: the release ends at exactly unity. */
    memset (in.ch[0], 0, in.n * sizeof (float));
    lq_limiter_process (lim, (const float *const *) ip, ip, 4096);
    g_assert_cmpfloat (lq_limiter_get_current_gain_reduction_db (lim), >, 0.1f);
    for (int k = 0; k < 12; k++)
      lq_limiter_process (lim, (const float *const *) ip, ip, 4096);
    g_assert_cmpfloat (lq_limiter_get_gain_reduction_db (lim), ==, 0.0f);
  }

  test_buf_free (&in);
  test_buf_free (&out);
  lq_limiter_free (lim);
}

/* The release is exponential with the configured time constant: after a burst, the
 * reduction (in linear gain) falls to 1/e of its value in release_ms. */
static void
test_release (void)
{
  const double rate = 48000.0, release_ms = 100.0;
  LqLimiter *lim = make_limiter (rate, 1, -6.0, 1.5, release_ms);
  uint32_t latency = lq_limiter_get_latency (lim);
  TestBuf in = test_buf_new (1, 96000);
  TestBuf out;
  size_t burst_end = 24000, k0 = 0, k1 = 0;
  double d0, target;

  /* A 1 kHz tone: 0 dBFS for half a second, then -20 dB (under the -6 ceiling). */
  lq_test_sine (in.ch[0], in.n, rate, 1000.0, 1.0, 0.0);
  for (size_t i = burst_end; i < in.n; i++)
    in.ch[0][i] *= 0.1f;
  out = run_limiter (lim, &in);

  /* The gain is out/in at each positive peak; find when the reduction 1 - g has decayed. */
  for (size_t i = burst_end + latency + 200; i < in.n; i += 48)
    {
      size_t p = i - (i % 48) + 12;     /* 1 kHz at 48 kHz: peaks at 12 + 48 k */
      double g = out.ch[0][p] / in.ch[0][p];

      if (k0 == 0)
        {
          k0 = p;
          d0 = 1.0 - g;
          target = d0 / M_E;
          g_assert_cmpfloat (d0, >, 0.3);
        }
      else if (1.0 - g <= target)
        {
          k1 = p;
          break;
        }
    }
  g_assert_cmpuint (k1, >, 0);
  g_test_message ("release: 1/e after %.1f ms (configured %.1f)", (k1 - k0) * 1e3 / rate, release_ms);
  g_assert_cmpfloat (fabs ((k1 - k0) * 1e3 / rate - release_ms), <, 0.1 * release_ms);

  test_buf_free (&in);
  test_buf_free (&out);
  lq_limiter_free (lim);
}

/* Frames [start, end) of out, faded in over their first 32 frames: a meter reading a
 * stretch cut from the middle of loud programme sees a step at its start, and the
 * interpolator's ringing at that step (up to 0.4 dB here) is not in the limiter's output. */
static TestBuf
stretch (const TestBuf *out,
         size_t         start,
         size_t         end)
{
  TestBuf t = test_buf_new (out->channels, end - start);

  for (uint32_t c = 0; c < out->channels; c++)
    {
      memcpy (t.ch[c], out->ch[c] + start, t.n * sizeof (float));
      for (size_t i = 0; i < 32; i++)
        t.ch[c][i] *= (float) i / 32.0f;
    }
  return t;
}

/* Parameters changing while a loud programme plays (ceiling down and up, lookahead changes,
 * bypass in and out) never let the true peak above the ceiling in force, and bypass keeps
 * the latency: the bypassed output is the delayed input, bit for bit. */
static void
test_changes_while_running (void)
{
  const double rate = 48000.0;
  LqLimiter *lim = make_limiter (rate, 2, -1.0, 1.5, 50.0);
  uint32_t latency = lq_limiter_get_latency (lim);
  TestBuf in = make_signal (SIG_MUSIC, rate, -1.0);
  TestBuf out = test_buf_new (2, in.n);
  LqLimiterParams p;
  size_t block = 480;

  lq_limiter_get_params (lim, &p);
  for (size_t done = 0, k = 0; done + block <= in.n; done += block, k++)
    {
      const float *ip[2] = { in.ch[0] + done, in.ch[1] + done };
      float *op[2] = { out.ch[0] + done, out.ch[1] + done };

      /* Ceiling only ever lowered here, then lookahead stepped through its range. */
      if (k == 20)
        p.ceiling_db = -3.0;
      if (k >= 40 && k < 120)
        p.lookahead_ms = 0.5 + (k % 7) * 1.4;
      lq_limiter_set_params (lim, &p);
      lq_limiter_process (lim, ip, op, (uint32_t) block);
      g_assert_cmpuint (lq_limiter_get_latency (lim), ==, latency);
    }

  /* From well after the change (ramp + latency), everything is under -3 dBTP. */
  {
    size_t start = 20 * block + latency + (size_t) (0.03 * rate) + 2 * latency;
    TestBuf tail = stretch (&out, start, out.n);

    g_assert_cmpfloat (test_db (test_true_peak_ebur128 (&tail, rate)), <=, -3.0);
    g_assert_cmpfloat (test_db (test_true_peak_ours (&tail, rate)), <=, -3.0);
    test_buf_free (&tail);
  }
  g_assert_cmpuint (lq_limiter_get_clip_count (lim), ==, 0);

  /* Bypass: after the crossfade, output == input delayed. */
  p.bypass = true;
  lq_limiter_set_params (lim, &p);
  memset (out.ch[0], 0, out.n * sizeof (float));
  memset (out.ch[1], 0, out.n * sizeof (float));
  for (size_t done = 0; done + block <= in.n; done += block)
    {
      const float *ip[2] = { in.ch[0] + done, in.ch[1] + done };
      float *op[2] = { out.ch[0] + done, out.ch[1] + done };

      lq_limiter_process (lim, ip, op, (uint32_t) block);
      g_assert_cmpuint (lq_limiter_get_latency (lim), ==, latency);
    }
  for (size_t i = 4800 + latency; i < out.n - block; i++)
    {
      g_assert_cmpfloat (out.ch[0][i], ==, in.ch[0][i - latency]);
      g_assert_cmpfloat (out.ch[1][i], ==, in.ch[1][i - latency]);
    }

  /* Back from the bypass, which left the detector cold (a settled bypass is a plain delay):
   * once the wet ramp is over, the ceiling holds again, by both meters. */
  p.bypass = false;
  lq_limiter_set_params (lim, &p);
  for (size_t done = 0; done + block <= in.n; done += block)
    {
      const float *ip[2] = { in.ch[0] + done, in.ch[1] + done };
      float *op[2] = { out.ch[0] + done, out.ch[1] + done };

      lq_limiter_process (lim, ip, op, (uint32_t) block);
    }
  {
    size_t start = 3 * latency + (size_t) (0.03 * rate);
    TestBuf tail = stretch (&out, start, out.n - block);

    g_assert_cmpfloat (test_db (test_true_peak_ebur128 (&tail, rate)), <=, -3.0);
    g_assert_cmpfloat (test_db (test_true_peak_ours (&tail, rate)), <=, -3.0);
    test_buf_free (&tail);
  }
  g_assert_cmpuint (lq_limiter_get_clip_count (lim), ==, 0);

  test_buf_free (&in);
  test_buf_free (&out);
  lq_limiter_free (lim);
}

/* The quiet-block shortcut of the gain computer gives what the full computer gives, bit for
 * bit: music driven over the ceiling, broken by silence and quiet tones (where the shortcut
 * applies, and where the release and the running means are still draining into it), blocks of
 * random lengths, and a ceiling change and a bypass round trip while running. */
static void
test_quiet_path (void)
{
  const double rate = 48000.0;
  const size_t n = (size_t) (6.0 * rate);
  LqLimiter *fast = make_limiter (rate, 2, -1.0, 1.5, 50.0);
  LqLimiter *full = make_limiter (rate, 2, -1.0, 1.5, 50.0);
  TestBuf in = test_buf_new (2, n);
  TestBuf a = test_buf_new (2, n), b = test_buf_new (2, n);
  GRand *rand = g_rand_new_with_seed (7);
  LqLimiterParams p;
  size_t blocks = 0;

  _lq_limiter_set_quiet_path (full, false);
  for (uint32_t c = 0; c < 2; c++)
    {
      lq_test_music (in.ch[c], n, rate, (int) c, 99);
      for (size_t i = 0; i < n; i++)
        {
          double t = i / rate, s = fmod (t, 1.5);

          /* Each 1.5 s: music 12 dB hot, then silence, then a tone at -30 dBFS. */
          if (s < 0.6)
            in.ch[c][i] *= (float) lq_test_dbfs (12.0);
          else if (s < 0.9)
            in.ch[c][i] = 0.0f;
          else
            in.ch[c][i] = (float) (lq_test_dbfs (-30.0) * sin (2.0 * G_PI * 440.0 * t + c));
        }
    }

  lq_limiter_get_params (fast, &p);
  for (size_t done = 0; done < n; blocks++)
    {
      size_t want = (size_t) g_rand_int_range (rand, 1, 1025);
      uint32_t block = (uint32_t) MIN (want, n - done);
      const float *ip[2] = { in.ch[0] + done, in.ch[1] + done };
      float *ap[2] = { a.ch[0] + done, a.ch[1] + done };
      float *bp[2] = { b.ch[0] + done, b.ch[1] + done };

      if (done >= (size_t) (2.0 * rate) && p.ceiling_db == -1.0)
        p.ceiling_db = -2.0;
      p.bypass = done >= (size_t) (3.2 * rate) && done < (size_t) (3.4 * rate);
      lq_limiter_set_params (fast, &p);
      lq_limiter_set_params (full, &p);
      lq_limiter_process (fast, ip, ap, block);
      lq_limiter_process (full, ip, bp, block);
      g_assert_cmpfloat (lq_limiter_get_gain_reduction_db (fast), ==,
                         lq_limiter_get_gain_reduction_db (full));
      done += block;
    }

  g_assert_cmpuint (_lq_limiter_get_quiet_blocks (full), ==, 0);
  /* The shortcut was taken (52 of the 548 blocks when this was written: the silences and the
   * tones once the release has drained). */
  g_test_message ("quiet blocks: %" G_GUINT64_FORMAT " of %zu",
                  _lq_limiter_get_quiet_blocks (fast), blocks);
  g_assert_cmpuint (_lq_limiter_get_quiet_blocks (fast), >=, 20);
  for (uint32_t c = 0; c < 2; c++)
    g_assert_cmpmem (a.ch[c], n * sizeof (float), b.ch[c], n * sizeof (float));
  /* And the two are not silent: the music was limited to the ceilings. */
  g_assert_cmpfloat (test_sample_peak (&a), >, lq_test_dbfs (-3.0));

  g_rand_free (rand);
  test_buf_free (&in);
  test_buf_free (&a);
  test_buf_free (&b);
  lq_limiter_free (fast);
  lq_limiter_free (full);
}

/* in == out, and reset makes the next run identical to the first. */
/* The gain search's trial (lq_limiter_process_detected_scaled) against the limiter run on
 * the scaled input and envelope: the same output bit for bit, and the same peak gain
 * reduction for each call, whatever its length (the function works in stretches). */
static void
test_detected_scaled (void)
{
  const double rate = 48000.0, gain = lq_test_dbfs (9.0);
  const size_t n = (size_t) (3.0 * rate);
  LqLimiterConfig config = { rate, 2, 8192, 0.0 };
  LqLimiter *a = make_limiter (rate, 2, -1.0, 1.5, 50.0);
  LqLimiter *b = make_limiter (rate, 2, -1.0, 1.5, 50.0);
  LqTruePeak *detector = lq_limiter_new_detector (&config, NULL);
  TestBuf in = test_buf_new (2, n), scaled = test_buf_new (2, n);
  TestBuf x = test_buf_new (2, n), y = test_buf_new (2, n);
  float *env = g_new (float, n), *env_scaled = g_new (float, n);
  const size_t calls[] = { 8192, 100, 3000, 1024, 1025, 7000 };
  float peak = 0.0f;

  for (uint32_t c = 0; c < 2; c++)
    {
      lq_test_music (in.ch[c], n, rate, (int) c, 5);
      for (size_t i = 0; i < n; i++)
        scaled.ch[c][i] = (float) (in.ch[c][i] * gain);
    }
  for (size_t done = 0; done < n; done += 8192)
    {
      const float *ip[2] = { in.ch[0] + done, in.ch[1] + done };

      lq_truepeak_process_envelope (detector, ip, env + done, (uint32_t) MIN ((size_t) 8192, n - done));
    }
  for (size_t i = 0; i < n; i++)
    env_scaled[i] = (float) (env[i] * gain);
  for (size_t done = 0, k = 0; done < n; k++)
    {
      uint32_t m = (uint32_t) MIN (calls[k % G_N_ELEMENTS (calls)], n - done);
      const float *ip[2] = { in.ch[0] + done, in.ch[1] + done };
      const float *sp[2] = { scaled.ch[0] + done, scaled.ch[1] + done };
      float *xp[2] = { x.ch[0] + done, x.ch[1] + done };
      float *yp[2] = { y.ch[0] + done, y.ch[1] + done };

      lq_limiter_process_detected_scaled (a, ip, env + done, gain, xp, m);
      lq_limiter_process_detected (b, sp, env_scaled + done, yp, m);
      g_assert_cmpfloat (lq_limiter_get_gain_reduction_db (a), ==,
                         lq_limiter_get_gain_reduction_db (b));
      peak = MAX (peak, lq_limiter_get_gain_reduction_db (a));
      done += m;
    }
  for (uint32_t c = 0; c < 2; c++)
    g_assert_cmpmem (x.ch[c], n * sizeof (float), y.ch[c], n * sizeof (float));
  /* Limited, or the comparison says little. */
  g_assert_cmpfloat (peak, >, 3.0f);
  g_free (env);
  g_free (env_scaled);
  lq_truepeak_free (detector);
  test_buf_free (&in);
  test_buf_free (&scaled);
  test_buf_free (&x);
  test_buf_free (&y);
  lq_limiter_free (a);
  lq_limiter_free (b);
}

static void
test_in_place_and_reset (void)
{
  const double rate = 44100.0;
  LqLimiter *lim = make_limiter (rate, 2, -1.0, 1.5, 50.0);
  TestBuf in = make_signal (SIG_PINK, rate, -1.0);
  TestBuf a = run_limiter (lim, &in);
  TestBuf b = test_buf_new (2, in.n + lq_limiter_get_latency (lim));
  uint32_t latency = lq_limiter_get_latency (lim);

  lq_limiter_reset (lim);
  for (uint32_t c = 0; c < 2; c++)
    memcpy (b.ch[c], in.ch[c], in.n * sizeof (float));
  for (size_t done = 0; done < b.n;)
    {
      uint32_t n = b.n - done < 333 ? (uint32_t) (b.n - done) : 333;
      float *io[2] = { b.ch[0] + done, b.ch[1] + done };

      lq_limiter_process (lim, (const float *const *) io, io, n);
      done += n;
    }
  for (uint32_t c = 0; c < 2; c++)
    g_assert_cmpmem (a.ch[c], a.n * sizeof (float), b.ch[c] + latency, a.n * sizeof (float));

  test_buf_free (&in);
  test_buf_free (&a);
  test_buf_free (&b);
  lq_limiter_free (lim);
}

static void
test_bad_config (void)
{
  LqStatus status;

  g_assert_null (lq_limiter_new (&(LqLimiterConfig) { 48000.0, 0, 512, 0.0 }, &status));
  g_assert_cmpint (status, ==, LQ_ERROR_INVALID_CHANNELS);
  g_assert_null (lq_limiter_new (&(LqLimiterConfig) { 1e9, 2, 512, 0.0 }, &status));
  g_assert_cmpint (status, ==, LQ_ERROR_INVALID_RATE);
  g_assert_null (lq_limiter_new (&(LqLimiterConfig) { 48000.0, 2, 0, 0.0 }, &status));
  g_assert_cmpint (status, ==, LQ_ERROR_INVALID_ARGUMENT);
  g_assert_null (lq_limiter_new (&(LqLimiterConfig) { 48000.0, 2, 512, 0.1 }, &status));
  g_assert_cmpint (status, ==, LQ_ERROR_INVALID_ARGUMENT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/limiter/ceiling", test_ceiling);
  g_test_add_func ("/limiter/latency", test_latency);
  g_test_add_func ("/limiter/transparent", test_transparent);
  g_test_add_func ("/limiter/gain-reduction", test_gain_reduction);
  g_test_add_func ("/limiter/release", test_release);
  g_test_add_func ("/limiter/changes-while-running", test_changes_while_running);
  g_test_add_func ("/limiter/in-place-and-reset", test_in_place_and_reset);
  g_test_add_func ("/limiter/quiet-path", test_quiet_path);
  g_test_add_func ("/limiter/detected-scaled", test_detected_scaled);
  g_test_add_func ("/limiter/bad-config", test_bad_config);
  return g_test_run ();
}
