/* test-rt-noalloc.c
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
#include <stdio.h>
#include <stdlib.h>

#include "lq-chain.h"
#include "lq-truepeak.h"
#include "lq-test-noalloc.h"
#include "lq-test-signal.h"

/* The interposition works: an allocation inside the window is seen. */
static void
test_counter (void)
{
  void *(*volatile alloc) (size_t) = malloc;
  void (*volatile release) (void *) = free;
  void *p;

  lq_test_noalloc_begin ();
  p = alloc (16);
  release (p);
  g_assert_cmpint (lq_test_noalloc_end (), ==, 2);
}

/* Process and set_params of the whole chain, every stage on, parameters moving every block
 * (EQ crossfades, bypass fades, lookahead re-priming, ceiling ramps): no allocation. */
static void
test_chain (void)
{
  for (uint32_t channels = 1; channels <= 2; channels++)
    {
      const double rate = 48000.0;
      const size_t n = 48000 * 4;
      LqChain *chain = lq_chain_new (&(LqChainConfig) { rate, channels, 1024, 0.0 }, NULL);
      float *buf[2] = { g_new (float, n), g_new (float, n) };
      LqChainParams p;

      for (uint32_t c = 0; c < channels; c++)
        {
          lq_test_music (buf[c], n, rate, (int) c, 1);
          for (size_t i = 0; i < n; i++)
            buf[c][i] *= 2.0f;
        }
      lq_chain_params_init_default (&p);
      p.eq.bypass = false;
      p.comp.bypass = false;

      lq_test_noalloc_begin ();
      for (size_t done = 0, k = 0; done < n; k++)
        {
          uint32_t m = (uint32_t) MIN ((k % 5 == 0 ? 1500 : 256 + 37 * (k % 11)), n - done);
          float *io[2] = { buf[0] + done, buf[1] + done };

          p.eq.bands[k % 7].gain_db = (double) (k % 9) - 4.0;
          p.eq.bands[0].bypass = k % 13 < 6;
          p.eq.bands[6].slope_db = k % 17 < 8 ? 12 : 24;
          p.comp.threshold_db = -10.0 - (double) (k % 20);
          p.comp.sidechain_hpf_hz = k % 23 < 10 ? 0.0 : 100.0;
          p.comp.detector = k % 29 < 14 ? LQ_COMPRESSOR_DETECTOR_RMS : LQ_COMPRESSOR_DETECTOR_PEAK;
          p.comp.bypass = k % 31 < 3;
          p.lim.ceiling_db = -1.0 - (double) (k % 3);
          p.lim.lookahead_ms = 0.5 + (double) (k % 19) * 0.5;
          p.lim.bypass = k % 37 < 4;
          p.input_gain_db = (double) (k % 4);
          p.eq.bands[2].channels = (LqEqChannels) (k % 41 % 3);   /* M/S in and out */
          p.width = (double) (k % 43 % 5) * 0.5;
          lq_chain_set_params (chain, &p);
          lq_chain_process (chain, (const float *const *) io, io, m);
          (void) lq_chain_get_limiter_gain_reduction_db (chain);
          done += m;
        }
      lq_chain_reset (chain);
      g_assert_cmpint (lq_test_noalloc_end (), ==, 0);

      lq_chain_free (chain);
      g_free (buf[0]);
      g_free (buf[1]);
    }
}

/* The true-peak detector, every kind, meter and envelope paths, on the signals that give it
 * the most peaks to refine (white noise at full scale, a rate/2 - ish alternation, clicks),
 * with the envelope floor at 0 (every peak refined): no allocation, and never more long-filter
 * evaluations per block than the bound lq-truepeak.h states. */
static void
test_truepeak (void)
{
  const double rate = 44100.0;
  const size_t n = 44100;
  float *x[2] = { g_new (float, n), g_new (float, n) };
  float *env = g_new (float, 1500);
  uint64_t seed = 7;

  lq_test_white_noise (x[0], n, 1.0, &seed);
  for (size_t i = 0; i < n; i++)
    x[1][i] = (i % 3 == 0 ? 1.0f : -0.9f) * (i % 200 < 100 ? 1.0f : 0.0f);

  for (int kind = LQ_TRUEPEAK_METER; kind <= LQ_TRUEPEAK_LIVE; kind++)
    {
      LqTruePeak *tp = lq_truepeak_new_kind (2, rate, 1500, (LqTruePeakKind) kind, NULL);
      const uint64_t bound = kind == LQ_TRUEPEAK_METER ? LQ_TRUEPEAK_MAX_EVALS_PER_FRAME
                                                       : LQ_TRUEPEAK_LIVE_MAX_EVALS_PER_FRAME;
      uint64_t worst = 0, total = 0;

      g_assert_nonnull (tp);
      lq_test_noalloc_begin ();
      for (size_t done = 0, k = 0; done < n; k++)
        {
          uint32_t m = (uint32_t) MIN (k % 5 == 0 ? 1500 : 256 + 37 * (k % 11), n - done);
          const float *in[2] = { x[0] + done, x[1] + done };
          uint64_t before = lq_truepeak_get_evaluations (tp);

          if (k % 2)
            lq_truepeak_process (tp, in, m);
          else
            lq_truepeak_process_envelope (tp, in, env, m);
          /* A meter measures whole chunks (the frames it has gathered, at the latest on the
           * next envelope call), so its bound holds over the run; the live kinds' per block. */
          if (kind != LQ_TRUEPEAK_METER)
            {
              worst = MAX (worst, (lq_truepeak_get_evaluations (tp) - before) / m);
              g_assert_cmpuint (lq_truepeak_get_evaluations (tp) - before, <=,
                                (uint64_t) m * 2 * bound);
            }
          done += m;
        }
      lq_truepeak_flush (tp);
      total = lq_truepeak_get_evaluations (tp);
      lq_truepeak_reset (tp);
      g_assert_cmpint (lq_test_noalloc_end (), ==, 0);
      /* The flush measures the detector's latency in silence too. */
      g_assert_cmpuint (total, <=, (n + lq_truepeak_get_latency (tp)) * 2 * bound);
      g_test_message ("kind %d: at most %" G_GUINT64_FORMAT " evaluations per frame in a block "
                      "(bound %" G_GUINT64_FORMAT " per channel)", kind, worst, bound);
      lq_truepeak_free (tp);
    }
  g_free (x[0]);
  g_free (x[1]);
  g_free (env);
}

int
main (int   argc,
      char *argv[])
{
  if (!lq_test_noalloc_available ())
    {
      /* TAP's skip: meson reads a TAP program's exit status 77 as an error. */
      printf ("1..0 # SKIP malloc interposition cannot run under AddressSanitizer\n");
      return 0;
    }
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rt/counter", test_counter);
  g_test_add_func ("/rt/chain-no-alloc", test_chain);
  g_test_add_func ("/rt/truepeak", test_truepeak);
  return g_test_run ();
}
