/* bench-chain.c
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
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lq-biquad.h"
#include "lq-chain.h"
#include "lq-test-signal.h"

/* The full mastering chain (six EQ bands, compressor, limiter, gains) over five minutes of
 * 48 kHz stereo music-like signal, on one thread, in 512-frame blocks: ns per block and
 * times real time. Each stage alone is timed too, to show where the time goes, and the EQ's
 * cascade kernel against its pair-by-pair peer. A benchmark, not a test: it prints figures and
 * never fails on a slow machine. */

#define RATE    48000.0
#define SECONDS 300
#define BLOCK   512

static double
now (void)
{
  struct timespec ts;

  /* This thread's CPU time: a busy machine (other builds and tests) preempts the benchmark,
   * and that is not the chain's cost. */
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void
full_params (LqChainParams *p)
{
  lq_chain_params_init_default (p);
  p->input_gain_db = 3.0;
  p->eq.bypass = false;
  p->eq.bands[0].bypass = false;   /* HP 20 Hz 24 dB/oct: two sections */
  p->eq.bands[1].gain_db = 1.5;
  p->eq.bands[2].gain_db = -1.0;
  p->eq.bands[3].gain_db = 0.5;
  p->eq.bands[4].gain_db = -1.5;
  p->eq.bands[5].gain_db = 2.0;
  p->comp.bypass = false;
  p->comp.threshold_db = -18.0;
  p->comp.ratio = 2.0;
  p->comp.makeup_db = 2.0;
  p->comp.sidechain_hpf_hz = 60.0;
  p->lim.ceiling_db = -1.0;
  p->output_gain_db = -0.2;
}

/* Runs the chain over the whole signal (into out) and returns seconds. */
static double
run_once (const LqChainParams *p,
     float              **in,
     float              **out,
     size_t               n)
{
  LqChain *chain = lq_chain_new (&(LqChainConfig) { RATE, 2, BLOCK, 0.0 }, NULL);
  double t0, t1;

  if (chain == NULL)
    {
      fprintf (stderr, "bench-chain: cannot create the chain\n");
      exit (1);
    }
  lq_chain_set_params (chain, p);
  t0 = now ();
  for (size_t done = 0; done + BLOCK <= n; done += BLOCK)
    {
      const float *ip[2] = { in[0] + done, in[1] + done };
      float *op[2] = { out[0] + done, out[1] + done };

      lq_chain_process (chain, ip, op, BLOCK);
    }
  t1 = now ();
  lq_chain_free (chain);
  return t1 - t0;
}

/* Best of three. */
static double
run (const LqChainParams *p,
     float              **in,
     float              **out,
     size_t               n)
{
  double best = run_once (p, in, out, n);

  for (int k = 0; k < 2; k++)
    {
      double t = run_once (p, in, out, n);

      best = t < best ? t : best;
    }
  return best;
}

/* Prints the stage's figures and returns its times real time. */
static double
report (const char *what,
        double      seconds,
        size_t      n)
{
  double blocks = (double) (n / BLOCK);

  printf ("  %-34s %8.0f ns/block  %7.1f x real time\n", what, seconds * 1e9 / blocks,
          (double) n / RATE / seconds);
  return (double) n / RATE / seconds;
}

/* The EQ's cascade kernel on its own: seven sections (a 24 dB/oct high-pass and five bands)
 * through lq_biquad_process_chain_x2 at once, against the same sections handed over two at a
 * time, which runs each pair as its own pass (the kernel before the skewed one, bit for bit the
 * same output). Seconds of the best of three, each way. */
#define KERNEL_SECTIONS 7

static void
kernel_run (float  **buf,
            size_t   n,
            bool     by_pairs,
            double  *seconds)
{
  static const struct { LqBiquadType type; double freq, q, gain_db; } design[KERNEL_SECTIONS] = {
    { LQ_BIQUAD_HIGHPASS, 20.0, 0.5412, 0.0 }, { LQ_BIQUAD_HIGHPASS, 20.0, 1.3066, 0.0 },
    { LQ_BIQUAD_LOWSHELF, 100.0, 0.7071, 1.5 }, { LQ_BIQUAD_PEAKING, 400.0, 1.0, -1.0 },
    { LQ_BIQUAD_PEAKING, 2000.0, 1.0, 0.5 }, { LQ_BIQUAD_PEAKING, 5000.0, 1.0, -1.5 },
    { LQ_BIQUAD_HIGHSHELF, 10000.0, 0.7071, 2.0 },
  };
  LqBiquad sec[2][KERNEL_SECTIONS];
  LqBiquad *left[KERNEL_SECTIONS], *right[KERNEL_SECTIONS];
  double t0;

  for (int k = 0; k < KERNEL_SECTIONS; k++)
    {
      LqBiquadCoeffs c;

      lq_biquad_coeffs_design (&c, design[k].type, RATE, design[k].freq, design[k].q,
                               design[k].gain_db);
      lq_biquad_init (&sec[0][k], &c);
      lq_biquad_init (&sec[1][k], &c);
      left[k] = &sec[0][k];
      right[k] = &sec[1][k];
    }
  t0 = now ();
  for (size_t done = 0; done + BLOCK <= n; done += BLOCK)
    {
      if (!by_pairs)
        lq_biquad_process_chain_x2 (left, right, KERNEL_SECTIONS, buf[0] + done, buf[1] + done,
                                    BLOCK);
      else
        for (int k = 0; k < KERNEL_SECTIONS; k += 2)
          lq_biquad_process_chain_x2 (left + k, right + k, k + 1 < KERNEL_SECTIONS ? 2 : 1,
                                      buf[0] + done, buf[1] + done, BLOCK);
    }
  *seconds = now () - t0;
}

static void
kernel_bench (float  **in,
              float  **out,
              size_t   n)
{
  double best[2] = { INFINITY, INFINITY };
  float *pairs[2];
  bool same;

  for (int c = 0; c < 2; c++)
    pairs[c] = malloc (n * sizeof (float));
  if (pairs[0] == NULL || pairs[1] == NULL)
    exit (1);
  for (int k = 0; k < 3; k++)
    for (int way = 0; way < 2; way++)
      {
        float **buf = way ? pairs : out;
        double t;

        for (int c = 0; c < 2; c++)
          memcpy (buf[c], in[c], n * sizeof (float));
        kernel_run (buf, n, way, &t);
        best[way] = t < best[way] ? t : best[way];
      }
  same = memcmp (out[0], pairs[0], n * sizeof (float)) == 0 &&
         memcmp (out[1], pairs[1], n * sizeof (float)) == 0;
  report ("biquad chain, 7 sections, one pass", best[0], n);
  report ("the same, pair by pair (peer)", best[1], n);
  printf ("  (one pass is %.2fx the pairs' speed; outputs %s)\n", best[1] / best[0],
          same ? "identical" : "DIFFER");
  for (int c = 0; c < 2; c++)
    free (pairs[c]);
}

/* Whether the stage named on the command line (if any) is to run: `bench-chain comp` times
 * only the compressor, for a profiler. */
static bool
wanted (int         argc,
        char      **argv,
        const char *name)
{
  return argc < 2 || strcmp (argv[1], name) == 0;
}

int
main (int    argc,
      char **argv)
{
  size_t n = (size_t) (RATE * SECONDS);
  float *in[2], *out[2];
  LqChainParams full, p;

  for (int c = 0; c < 2; c++)
    {
      in[c] = malloc (n * sizeof (float));
      out[c] = malloc (n * sizeof (float));
      if (in[c] == NULL || out[c] == NULL)
        return 1;
      lq_test_music (in[c], n, RATE, c, 42);
    }

  printf ("chain over %d s of 48 kHz stereo, %d-frame blocks, one thread (CPU time, best of 3):\n",
          SECONDS, BLOCK);
  full_params (&full);

  if (wanted (argc, argv, "full"))
    {
      double x = report ("full chain (6 EQ bands, comp, lim)", run (&full, in, out, n), n);

      /* The budget: a block of BLOCK frames lasts BLOCK / RATE seconds. */
      printf ("  (1000x real time is %.0f ns/block: the full chain is at %.2f of the target)\n",
              BLOCK / RATE * 1e9 / 1000.0, x / 1000.0);
    }

  p = full;
  p.comp.bypass = true;
  p.lim.bypass = true;
  if (wanted (argc, argv, "eq"))
    report ("EQ alone (7 sections)", run (&p, in, out, n), n);
  if (wanted (argc, argv, "biquad"))
    kernel_bench (in, out, n);
  p = full;
  p.eq.bypass = true;
  p.lim.bypass = true;
  if (wanted (argc, argv, "comp"))
    report ("compressor alone", run (&p, in, out, n), n);
  p = full;
  p.eq.bypass = true;
  p.comp.bypass = true;
  if (wanted (argc, argv, "lim"))
    report ("limiter alone", run (&p, in, out, n), n);
  p = full;
  p.eq.bypass = true;
  p.comp.bypass = true;
  p.lim.bypass = true;
  if (wanted (argc, argv, "bypass"))
    report ("all bypassed (limiter delay only)", run (&p, in, out, n), n);

  for (int c = 0; c < 2; c++)
    {
      free (in[c]);
      free (out[c]);
    }
  return 0;
}
