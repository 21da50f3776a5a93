/* test-chain.c
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
#include "lq-chain.h"
#include "lq-test-signal.h"

static LqChain *
make_chain (double   rate,
            uint32_t channels)
{
  LqStatus status;
  LqChain *chain = lq_chain_new (&(LqChainConfig) { rate, channels, 1024, 0.0 }, &status);

  g_assert_cmpint (status, ==, LQ_OK);
  g_assert_nonnull (chain);
  return chain;
}

/* Everything on: six EQ bands, compressor, limiter, gains. */
static void
busy_params (LqChainParams *p)
{
  lq_chain_params_init_default (p);
  p->input_gain_db = 4.0;
  p->eq.bypass = false;
  p->eq.bands[0].bypass = false;      /* HP 20 Hz, 24 dB/oct */
  p->eq.bands[1].gain_db = 2.0;
  p->eq.bands[2].gain_db = -1.5;
  p->eq.bands[3].gain_db = 1.0;
  p->eq.bands[4].gain_db = -2.0;
  p->eq.bands[5].gain_db = 1.5;
  p->comp.bypass = false;
  p->comp.threshold_db = -20.0;
  p->comp.ratio = 3.0;
  p->comp.makeup_db = 2.0;
  p->comp.sidechain_hpf_hz = 80.0;
  p->lim.ceiling_db = -1.0;
  p->output_gain_db = -0.5;
}

static TestBuf
music (double   rate,
       uint32_t channels,
       size_t   n,
       double   gain)
{
  TestBuf b = test_buf_new (channels, n);

  for (uint32_t c = 0; c < channels; c++)
    {
      lq_test_music (b.ch[c], n, rate, (int) c, 11);
      for (size_t i = 0; i < n; i++)
        b.ch[c][i] *= (float) gain;
    }
  return b;
}

/* Runs in varied block sizes, optionally calling change (k) before each block. */
static TestBuf
run_chain (LqChain       *chain,
           const TestBuf *in,
           void         (*change) (LqChain *, size_t, size_t),
           size_t         block)
{
  TestBuf out = test_buf_new (in->channels, in->n);

  for (size_t done = 0, k = 0; done < in->n; k++)
    {
      uint32_t n = block ? (uint32_t) block : test_block_size (k, 4096);
      const float *ip[2];
      float *op[2];

      n = (uint32_t) MIN (n, in->n - done);
      for (uint32_t c = 0; c < in->channels; c++)
        {
          ip[c] = in->ch[c] + done;
          op[c] = out.ch[c] + done;
        }
      if (change)
        change (chain, k, done);
      lq_chain_process (chain, ip, op, n);
      done += n;
    }
  return out;
}

/* The chain's latency is the sum of its stages' (the limiter's alone, the others have none),
 * and bypassing anything does not change it. */
static void
test_latency (void)
{
  static const double rates[] = { 44100.0, 48000.0, 96000.0 };

  for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
    {
      LqChain *chain = make_chain (rates[r], 2);
      LqLimiter *lim = lq_limiter_new (&(LqLimiterConfig) { rates[r], 2, 1024, 0.0 }, NULL);
      LqEq *eq = lq_eq_new (&(LqEqConfig) { rates[r], 2, 1024 }, NULL);
      LqCompressor *comp = lq_compressor_new (&(LqCompressorConfig) { rates[r], 2, 1024 }, NULL);
      uint32_t sum = lq_limiter_get_latency (lim) + lq_eq_get_latency (eq) +
                     lq_compressor_get_latency (comp);
      LqChainParams p;
      TestBuf in = test_buf_new (2, 20000), out;

      g_assert_cmpuint (lq_chain_get_latency (chain), ==, sum);
      g_assert_cmpuint (sum, >, 0);

      /* Measured: an impulse through the busy chain with the limiter bypassed lands at the
       * latency (a peaking EQ and the compressor are minimum phase: the peak stays put). */
      busy_params (&p);
      p.lim.bypass = true;
      p.eq.bands[0].bypass = true;
      p.comp.bypass = true;
      lq_chain_set_params (chain, &p);
      in.ch[0][1000] = in.ch[1][1000] = 0.5f;
      out = run_chain (chain, &in, NULL, 0);
      for (size_t i = 0; i < out.n; i++)
        if (fabsf (out.ch[0][i]) > 0.3f)
          {
            g_assert_cmpuint (i, ==, 1000 + sum);
            break;
          }
      for (int bypass = 0; bypass < 8; bypass++)
        {
          p.eq.bypass = bypass & 1;
          p.comp.bypass = bypass & 2;
          p.lim.bypass = bypass & 4;
          lq_chain_set_params (chain, &p);
          g_assert_cmpuint (lq_chain_get_latency (chain), ==, sum);
        }
      test_buf_free (&in);
      test_buf_free (&out);
      lq_limiter_free (lim);
      lq_eq_free (eq);
      lq_compressor_free (comp);
      lq_chain_free (chain);
    }
}

/* The default EQ (on, flat) and compressor (on, 1:1) with the limiter bypassed, and then
 * every stage bypassed, at unity gains: output == input delayed, bit for bit, even for
 * samples beyond full scale (a bypassed limiter does not limit; a 1:1 compressor does not
 * compress, whatever the level). Mono and stereo. */
static void
test_bypassed_transparent (void)
{
  for (uint32_t run = 0; run < 4; run++)
    {
      uint32_t channels = 1 + run % 2;
      LqChain *chain = make_chain (48000.0, channels);
      uint32_t latency = lq_chain_get_latency (chain);
      TestBuf in = music (48000.0, channels, 96000, 4.0);
      TestBuf out;
      LqChainParams p;

      lq_chain_params_init_default (&p);
      /* The defaults are active stages; transparency must not come from bypassing them. */
      g_assert_false (p.eq.bypass);
      g_assert_false (p.comp.bypass);
      g_assert_cmpfloat (p.comp.ratio, ==, 1.0);
      p.lim.bypass = true;
      if (run >= 2)
        p.eq.bypass = p.comp.bypass = true;
      /* Only the chain with every stage bypassed says it may be skipped. */
      g_assert_true (lq_chain_params_is_identity (&p, channels) == (run >= 2));
      lq_chain_set_params (chain, &p);
      out = run_chain (chain, &in, NULL, 0);
      g_assert_cmpfloat (test_sample_peak (&in), >, 1.0);
      for (uint32_t c = 0; c < channels; c++)
        {
          for (size_t i = 0; i < latency; i++)
            g_assert_cmpfloat (out.ch[c][i], ==, 0.0f);
          g_assert_cmpmem (out.ch[c] + latency, (in.n - latency) * sizeof (float),
                           in.ch[c], (in.n - latency) * sizeof (float));
        }
      test_buf_free (&in);
      test_buf_free (&out);

      /* The default chain (limiter on) is as transparent for a programme under its ceiling. */
      lq_chain_reset (chain);
      lq_chain_params_init_default (&p);
      lq_chain_set_params (chain, &p);
      in = music (48000.0, channels, 96000, 0.5);
      out = run_chain (chain, &in, NULL, 0);
      for (uint32_t c = 0; c < channels; c++)
        g_assert_cmpmem (out.ch[c] + latency, (in.n - latency) * sizeof (float),
                         in.ch[c], (in.n - latency) * sizeof (float));
      test_buf_free (&in);
      test_buf_free (&out);
      lq_chain_free (chain);
    }
}

/* Any one thing that moves the samples makes the chain more than a delay. */
static void
test_identity_params (void)
{
  LqChainParams id, p;

  lq_chain_params_init_default (&id);
  id.eq.bypass = id.comp.bypass = id.lim.bypass = true;
  g_assert_true (lq_chain_params_is_identity (&id, 1));
  g_assert_true (lq_chain_params_is_identity (&id, 2));
  for (int change = 0; change < 6; change++)
    {
      p = id;
      switch (change)
        {
        case 0: p.input_gain_db = 0.1; break;
        case 1: p.output_gain_db = -0.1; break;
        case 2: p.eq.bypass = false; break;
        case 3: p.comp.bypass = false; break;
        case 4: p.lim.bypass = false; break;
        default: p.width = 0.9; break;
        }
      g_assert_false (lq_chain_params_is_identity (&p, 2));
      /* Width means nothing to one channel. */
      g_assert_true (lq_chain_params_is_identity (&p, 1) == (change == 5));
    }
}

static void
wiggle (LqChain *chain,
        size_t   k,
        size_t   done)
{
  LqChainParams p;

  if (k % 10 != 5)
    return;
  lq_chain_get_params (chain, &p);
  p.eq.bands[3].gain_db = (double) (k % 7) - 3.0;
  p.comp.threshold_db = -20.0 - (double) (k % 5);
  p.lim.ceiling_db = k % 20 == 5 ? -1.0 : -1.5;
  p.lim.lookahead_ms = k % 30 == 5 ? 1.5 : 3.0;
  p.input_gain_db = 4.0 + (double) (k % 3);
  lq_chain_set_params (chain, &p);
}

/* Same input, same parameter moves: same output, whether from a new chain or after reset. */
static void
test_deterministic (void)
{
  LqChain *a = make_chain (44100.0, 2), *b = make_chain (44100.0, 2);
  TestBuf in = music (44100.0, 2, 44100 * 3, 1.0);
  TestBuf x, y, z;
  LqChainParams p;

  busy_params (&p);
  lq_chain_set_params (a, &p);
  lq_chain_set_params (b, &p);
  x = run_chain (a, &in, wiggle, 0);
  y = run_chain (b, &in, wiggle, 0);
  lq_chain_reset (a);
  lq_chain_set_params (a, &p);
  z = run_chain (a, &in, wiggle, 0);
  for (uint32_t c = 0; c < 2; c++)
    {
      g_assert_cmpmem (x.ch[c], x.n * sizeof (float), y.ch[c], y.n * sizeof (float));
      g_assert_cmpmem (x.ch[c], x.n * sizeof (float), z.ch[c], z.n * sizeof (float));
    }
  /* And it did something. */
  g_assert_true (memcmp (x.ch[0] + 5000, in.ch[0] + 5000 - lq_chain_get_latency (a),
                         1000 * sizeof (float)) != 0);

  /* With steady settings, where the blocks end changes nothing: the player's callback and the
   * render cut the same programme differently and must agree to the bit. */
  test_buf_free (&x);
  test_buf_free (&y);
  lq_chain_reset (a);
  lq_chain_set_params (a, &p);
  x = run_chain (a, &in, NULL, 0);
  lq_chain_reset (a);
  lq_chain_set_params (a, &p);
  y = run_chain (a, &in, NULL, 512);
  for (uint32_t c = 0; c < 2; c++)
    g_assert_cmpmem (x.ch[c], x.n * sizeof (float), y.ch[c], y.n * sizeof (float));

  test_buf_free (&in);
  test_buf_free (&x);
  test_buf_free (&y);
  test_buf_free (&z);
  lq_chain_free (a);
  lq_chain_free (b);
}

static gboolean toggle_stage[3];

static void
toggle (LqChain *chain,
        size_t   k,
        size_t   done)
{
  LqChainParams p;

  /* 10 ms blocks: flip the chosen stage's bypass every 0.25 s. */
  if (k % 25 != 12)
    return;
  lq_chain_get_params (chain, &p);
  if (toggle_stage[0])
    p.eq.bypass = !p.eq.bypass;
  if (toggle_stage[1])
    p.comp.bypass = !p.comp.bypass;
  if (toggle_stage[2])
    p.lim.bypass = !p.lim.bypass;
  lq_chain_set_params (chain, &p);
}

static double
max_step (const TestBuf *b,
          size_t         from)
{
  double m = 0.0;

  for (uint32_t c = 0; c < b->channels; c++)
    for (size_t i = from + 1; i < b->n; i++)
      m = fmax (m, fabsf (b->ch[c][i] - b->ch[c][i - 1]));
  return m;
}

/* Toggling a stage's bypass while a tone plays leaves no step in the output larger than the
 * tone's own largest sample-to-sample difference: no click. Every stage reduces level here,
 * so the bypassed (larger) signal bounds the processed one. */
static void
test_bypass_no_click (void)
{
  const double rate = 48000.0;

  for (int stage = 0; stage < 3; stage++)
    {
      LqChain *chain = make_chain (rate, 2);
      TestBuf in = test_buf_new (2, 96000), out;
      LqChainParams p;
      double own, got;

      lq_test_sine (in.ch[0], in.n, rate, 440.0, 0.9, 0.0);
      lq_test_sine (in.ch[1], in.n, rate, 440.0, 0.9, 0.5);
      lq_chain_params_init_default (&p);
      p.eq.bands[3].gain_db = -8.0;      /* cuts 440 Hz */
      p.eq.bands[3].freq = 440.0;
      p.comp.bypass = true;
      p.comp.threshold_db = -30.0;
      p.comp.ratio = 4.0;
      p.lim.ceiling_db = -6.0;
      p.lim.bypass = true;
      /* Only the stage under test is on, so only its toggle can click. */
      p.eq.bypass = stage != 0;
      lq_chain_set_params (chain, &p);
      memset (toggle_stage, 0, sizeof toggle_stage);
      toggle_stage[stage] = TRUE;
      out = run_chain (chain, &in, toggle, 480);

      own = max_step (&in, 0);
      got = max_step (&out, lq_chain_get_latency (chain) + 1);
      g_test_message ("stage %d: largest step %.5f, the tone's own %.5f", stage, got, own);
      g_assert_cmpfloat (got, <=, own * 1.0001);
      test_buf_free (&in);
      test_buf_free (&out);
      lq_chain_free (chain);
    }
}

/* The busy chain limits to its ceiling and reports both stages' gain reduction. */
static void
test_busy (void)
{
  const double rate = 48000.0;
  LqChain *chain = make_chain (rate, 2);
  TestBuf in = music (rate, 2, 96000, 2.0), out;
  LqChainParams p;
  float comp_gr = 0.0f, lim_gr = 0.0f;

  busy_params (&p);
  lq_chain_set_params (chain, &p);
  out = test_buf_new (2, in.n);
  for (size_t done = 0; done < in.n; done += 480)
    {
      const float *ip[2] = { in.ch[0] + done, in.ch[1] + done };
      float *op[2] = { out.ch[0] + done, out.ch[1] + done };

      lq_chain_process (chain, ip, op, 480);
      comp_gr = fmaxf (comp_gr, lq_chain_get_compressor_gain_reduction_db (chain));
      lim_gr = fmaxf (lim_gr, lq_chain_get_limiter_gain_reduction_db (chain));
    }
  g_test_message ("peak reduction: compressor %.2f dB, limiter %.2f dB", comp_gr, lim_gr);
  g_assert_cmpfloat (comp_gr, >, 1.0f);
  g_assert_cmpfloat (lim_gr, >, 1.0f);
  /* Limited at -1 dBTP, then -0.5 dB of output gain. */
  g_assert_cmpfloat (test_db (test_true_peak_ebur128 (&out, rate)), <=, -1.5);
  g_assert_cmpfloat (test_db (test_true_peak_ours (&out, rate)), <=, -1.5);
  test_buf_free (&in);
  test_buf_free (&out);
  lq_chain_free (chain);
}

static void
width_back_to_one (LqChain *chain,
                   size_t   k,
                   size_t   done)
{
  LqChainParams p;

  lq_chain_get_params (chain, &p);
  p.width = done < 24000 ? 0.3 : 1.0;
  lq_chain_set_params (chain, &p);
}

/* Stereo width, limiter bypassed so the width stage is all there is (the output is its output
 * delayed by the latency):
 *  - 0 is mono: L == R to the last bit, and both are (L + R) / 2 of the input;
 *  - 1 is the input bit for bit, also after a ramp away and back;
 *  - 2 doubles the side (L - R) / 2 and keeps the mid (L + R) / 2 (float rounding allowed). */
static void
test_width (void)
{
  LqChain *chain = make_chain (48000.0, 2);
  uint32_t latency = lq_chain_get_latency (chain);
  TestBuf in = music (48000.0, 2, 96000, 0.5);
  size_t m = in.n - latency;
  LqChainParams p;
  TestBuf out;
  double worst_mid = 0.0, worst_side = 0.0;

  lq_chain_params_init_default (&p);
  p.lim.bypass = true;
  p.width = 0.0;
  lq_chain_set_params (chain, &p);
  out = run_chain (chain, &in, NULL, 0);
  g_assert_cmpmem (out.ch[0], in.n * sizeof (float), out.ch[1], in.n * sizeof (float));
  for (size_t i = 0; i < m; i++)
    worst_mid = fmax (worst_mid, fabs (out.ch[0][i + latency]
                                       - 0.5 * ((double) in.ch[0][i] + in.ch[1][i])));
  g_assert_cmpfloat (worst_mid, <=, 1e-7);
  test_buf_free (&out);

  lq_chain_reset (chain);
  out = run_chain (chain, &in, width_back_to_one, 0);
  for (uint32_t c = 0; c < 2; c++)
    g_assert_cmpmem (out.ch[c] + 48000 + latency, (m - 48000) * sizeof (float),
                     in.ch[c] + 48000, (m - 48000) * sizeof (float));
  test_buf_free (&out);

  lq_chain_reset (chain);
  p.width = 2.0;
  lq_chain_set_params (chain, &p);
  out = run_chain (chain, &in, NULL, 0);
  worst_mid = 0.0;
  for (size_t i = 0; i < m; i++)
    {
      const float *o[2] = { out.ch[0] + latency, out.ch[1] + latency };

      worst_mid = fmax (worst_mid, fabs (0.5 * ((double) o[0][i] + o[1][i])
                                         - 0.5 * ((double) in.ch[0][i] + in.ch[1][i])));
      worst_side = fmax (worst_side, fabs (0.5 * ((double) o[0][i] - o[1][i])
                                           - ((double) in.ch[0][i] - in.ch[1][i])));
    }
  g_test_message ("width 2: mid off by %.2e, side off by %.2e", worst_mid, worst_side);
  g_assert_cmpfloat (worst_mid, <=, 1e-6);
  g_assert_cmpfloat (worst_side, <=, 1e-6);
  test_buf_free (&out);
  test_buf_free (&in);
  lq_chain_free (chain);
}

static void
test_bad_config (void)
{
  LqStatus status;

  g_assert_null (lq_chain_new (&(LqChainConfig) { 48000.0, 3, 512, 0.0 }, &status));
  g_assert_cmpint (status, ==, LQ_ERROR_INVALID_CHANNELS);
  g_assert_null (lq_chain_new (&(LqChainConfig) { 4000.0, 2, 512, 0.0 }, &status));
  g_assert_cmpint (status, ==, LQ_ERROR_INVALID_RATE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chain/latency", test_latency);
  g_test_add_func ("/chain/bypassed-transparent", test_bypassed_transparent);
  g_test_add_func ("/chain/identity-params", test_identity_params);
  g_test_add_func ("/chain/deterministic", test_deterministic);
  g_test_add_func ("/chain/bypass-no-click", test_bypass_no_click);
  g_test_add_func ("/chain/busy", test_busy);
  g_test_add_func ("/chain/width", test_width);
  g_test_add_func ("/chain/bad-config", test_bad_config);
  return g_test_run ();
}
