/* test-biquad-chain.c
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

#include "lq-biquad.h"

/* Only for LQ_TARGET_CLONES; the vector helpers' 32-byte arguments change the ABI only without
 * AVX, and they are inlined. */
#pragma GCC diagnostic ignored "-Wpsabi"
#include "lq-simd.h"

#define MAX_SECTIONS 20
#define MAX_FRAMES   4096

/* The reference: the chain as a cascade of pairs, one channel and one pair at a time. Within
 * a pair the second section takes the first's output in double; between pairs the signal is
 * rounded to float in the buffer; the state is stored with tiny and non-finite values flushed
 * to zero. Built with the same clones as the kernel, so the FMA build contracts the difference
 * equation too: b1 * x1 rounded on its own, then each later product fused into the sum, which
 * lq-biquad.c spells out with the same barrier (LQ_FIRST_PRODUCT). */
#define FIRST_PRODUCT(p) LQ_FIRST_PRODUCT (p)

static double
flush (double v)
{
  return isfinite (v) && fabs (v) >= 1e-30 ? v : 0.0;
}

static void
ref_store (LqBiquad *s,
           double    x1,
           double    x2,
           double    y1,
           double    y2)
{
  s->x1 = flush (x1);
  s->x2 = flush (x2);
  s->y1 = flush (y1);
  s->y2 = flush (y2);
}

LQ_TARGET_CLONES
static void
ref_pair (LqBiquad *s,
          LqBiquad *t,
          float    *buf,
          uint32_t  n)
{
  double b0 = s->c.b0, b1 = s->c.b1, b2 = s->c.b2, a1 = s->c.a1, a2 = s->c.a2;
  double x1 = s->x1, x2 = s->x2, y1 = s->y1, y2 = s->y2;
  double d0 = 0, d1 = 0, d2 = 0, e1 = 0, e2 = 0, u1 = 0, u2 = 0, z1 = 0, z2 = 0;

  if (t != NULL)
    {
      d0 = t->c.b0, d1 = t->c.b1, d2 = t->c.b2, e1 = t->c.a1, e2 = t->c.a2;
      u1 = t->x1, u2 = t->x2, z1 = t->y1, z2 = t->y2;
    }
  for (uint32_t i = 0; i < n; i++)
    {
      double x = buf[i];
      double y = (b0 * x + FIRST_PRODUCT (b1 * x1) + b2 * x2 - a2 * y2) - a1 * y1;

      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      if (t == NULL)
        {
          buf[i] = (float) y;
          continue;
        }

      double z = (d0 * y + FIRST_PRODUCT (d1 * u1) + d2 * u2 - e2 * z2) - e1 * z1;

      u2 = u1;
      u1 = y;
      z2 = z1;
      z1 = z;
      buf[i] = (float) z;
    }
  ref_store (s, x1, x2, y1, y2);
  if (t != NULL)
    ref_store (t, u1, u2, z1, z2);
}

static void
ref_chain (LqBiquad *chain,
           uint32_t  n_sections,
           float    *buf,
           uint32_t  n)
{
  for (uint32_t k = 0; k < n_sections; k += 2)
    ref_pair (&chain[k], k + 1 < n_sections ? &chain[k + 1] : NULL, buf, n);
}

/* A stable design of a random type, frequency, Q and gain, with a random state: mostly of
 * signal size, sometimes tiny enough to be flushed, sometimes zero. */
static void
random_section (GRand    *rand,
                LqBiquad *s)
{
  static const double rates[] = { 44100.0, 48000.0, 96000.0, 192000.0 };
  LqBiquadCoeffs c;
  double *state[] = { &s->x1, &s->x2, &s->y1, &s->y2 };

  lq_biquad_coeffs_design (&c,
                           (LqBiquadType) g_rand_int_range (rand, LQ_BIQUAD_LOWPASS,
                                                            LQ_BIQUAD_PEAKING + 1),
                           rates[g_rand_int_range (rand, 0, G_N_ELEMENTS (rates))],
                           exp (g_rand_double_range (rand, log (10.0), log (22000.0))),
                           g_rand_double_range (rand, 0.3, 6.0),
                           g_rand_double_range (rand, -18.0, 18.0));
  lq_biquad_init (s, &c);
  for (guint i = 0; i < G_N_ELEMENTS (state); i++)
    switch (g_rand_int_range (rand, 0, 8))
      {
      case 0:
        *state[i] = g_rand_double_range (rand, -1.0, 1.0) * 1e-31;
        break;
      case 1:
        *state[i] = 0.0;
        break;
      default:
        *state[i] = g_rand_double_range (rand, -2.0, 2.0);
        break;
      }
}

/* A block length: 1, 2, small odd, around the usual block sizes, or up to 4096. */
static uint32_t
random_length (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      return 1;
    case 1:
      return 2;
    case 2:
      return 2 * g_rand_int_range (rand, 1, 40) + 1;
    case 3:
      return g_rand_int_range (rand, 3, 200);
    case 4:
      return MAX_FRAMES;
    default:
      return g_rand_int_range (rand, 200, MAX_FRAMES + 1);
    }
}

static void
random_signal (GRand    *rand,
               float    *buf,
               uint32_t  n)
{
  double scale = g_rand_int_range (rand, 0, 6) == 0 ? 0.0 : exp (g_rand_double_range (rand, -20.0,
                                                                                     3.0));

  for (uint32_t i = 0; i < n; i++)
    buf[i] = (float) (scale * g_rand_double_range (rand, -1.0, 1.0));
}

/* lq_biquad_process_chain_x2 against the reference: random designs, states, signals and block
 * splits, every chain length from 1 to MAX_SECTIONS (past one kernel group of 16), outputs and
 * states identical to the bit. From three sections on, this checks the skewed kernel on an
 * x86-64-v3 CPU, and the pairs one after the other elsewhere. */
static void
test_matches_pairwise (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (0x1acc3e);
  float *got[2], *want[2];

  for (int c = 0; c < 2; c++)
    {
      got[c] = g_new (float, MAX_FRAMES);
      want[c] = g_new (float, MAX_FRAMES);
    }

  for (uint32_t n_sections = 1; n_sections <= MAX_SECTIONS; n_sections++)
    for (int trial = 0; trial < 12; trial++)
      {
        LqBiquad kernel[2][MAX_SECTIONS], ref[2][MAX_SECTIONS];
        LqBiquad *left[MAX_SECTIONS], *right[MAX_SECTIONS];

        memset (kernel, 0, sizeof kernel);
        for (int c = 0; c < 2; c++)
          for (uint32_t k = 0; k < n_sections; k++)
            random_section (rand, &kernel[c][k]);
        memcpy (ref, kernel, sizeof ref);
        for (uint32_t k = 0; k < n_sections; k++)
          {
            left[k] = &kernel[0][k];
            right[k] = &kernel[1][k];
          }

        for (int block = 0; block < 8; block++)
          {
            uint32_t n = random_length (rand);

            for (int c = 0; c < 2; c++)
              {
                random_signal (rand, want[c], n);
                memcpy (got[c], want[c], n * sizeof (float));
                ref_chain (ref[c], n_sections, want[c], n);
              }
            lq_biquad_process_chain_x2 (left, right, n_sections, got[0], got[1], n);

            for (int c = 0; c < 2; c++)
              {
                if (memcmp (got[c], want[c], n * sizeof (float)) != 0)
                  g_error ("%u sections, block %d of %u frames: channel %d differs",
                           n_sections, block, n, c);
                if (memcmp (kernel[c], ref[c], sizeof kernel[c]) != 0)
                  g_error ("%u sections, block %d of %u frames: channel %d's state differs",
                           n_sections, block, n, c);
              }
          }
      }

  for (int c = 0; c < 2; c++)
    {
      g_free (got[c]);
      g_free (want[c]);
    }
}

/* The K-weighting kernel's reference: both sections in double, one channel at a time, with
 * the sum of squares of the second's output; the difference equation spelt as the kernel
 * spells it. */
LQ_TARGET_CLONES
static double
ref_cascade_energy (LqBiquad    *s,
                    LqBiquad    *t,
                    const float *in,
                    uint32_t     n)
{
  double x1 = s->x1, x2 = s->x2, y1 = s->y1, y2 = s->y2;
  double u1 = t->x1, u2 = t->x2, z1 = t->y1, z2 = t->y2;
  double energy = 0.0;

  for (uint32_t i = 0; i < n; i++)
    {
      double x = in[2 * i];
      double y = (s->c.b0 * x + s->c.b1 * x1 + s->c.b2 * x2 - s->c.a2 * y2) - s->c.a1 * y1;
      double z = (t->c.b0 * y + t->c.b1 * u1 + t->c.b2 * u2 - t->c.a2 * z2) - t->c.a1 * z1;

      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      u2 = u1;
      u1 = y;
      z2 = z1;
      z1 = z;
      energy += z * z;
    }
  ref_store (s, x1, x2, y1, y2);
  ref_store (t, u1, u2, z1, z2);
  return energy;
}

/* lq_biquad_process_cascade2_energy_x2 (the loudness meter's K-weighting, whose second
 * section runs some frames behind the first) against the reference: random designs, states,
 * signals and block lengths from 0 frames up, energies and states identical to the bit. */
static void
test_cascade_energy (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (0xe4e26);
  g_autofree float *buf = g_new (float, 2 * MAX_FRAMES);

  for (int trial = 0; trial < 40; trial++)
    {
      LqBiquad first[2], second[2], rf[2], rs[2];

      for (int c = 0; c < 2; c++)
        {
          random_section (rand, &first[c]);
          random_section (rand, &second[c]);
        }
      memcpy (rf, first, sizeof rf);
      memcpy (rs, second, sizeof rs);
      for (int block = 0; block < 12; block++)
        {
          uint32_t n = block < 10 && trial % 2 == 0 ? (uint32_t) block : random_length (rand);
          double energy[2], want[2];

          random_signal (rand, buf, 2 * n);
          for (int c = 0; c < 2; c++)
            want[c] = ref_cascade_energy (&rf[c], &rs[c], buf + c, n);
          lq_biquad_process_cascade2_energy_x2 (first, second, buf, buf + 1, 2, n, energy);
          for (int c = 0; c < 2; c++)
            {
              if (memcmp (&energy[c], &want[c], sizeof (double)) != 0)
                g_error ("trial %d, block %d of %u frames: channel %d's energy %.17g, not %.17g",
                         trial, block, n, c, energy[c], want[c]);
              if (memcmp (&first[c], &rf[c], sizeof (LqBiquad)) != 0
                  || memcmp (&second[c], &rs[c], sizeof (LqBiquad)) != 0)
                g_error ("trial %d, block %d of %u frames: channel %d's state differs",
                         trial, block, n, c);
            }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/biquad-chain/matches-pairwise", test_matches_pairwise);
  g_test_add_func ("/biquad-chain/cascade-energy", test_cascade_energy);
  return g_test_run ();
}
