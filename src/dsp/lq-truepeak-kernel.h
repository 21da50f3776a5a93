/* lq-truepeak-kernel.h
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

/* The true-peak screen kernel, included by lq-truepeak.c once per filter length with TAPS and
 * SCREEN_FN defined, so each instance has constant loop counts the compiler can unroll and
 * keep in registers. Not a public header.
 *
 * Eight outputs at a time stay in a vector register while the taps run over them, and every
 * phase uses the same loaded input vectors (lq-simd.h; AVX2/FMA picked at run time). For the n
 * intervals ending in this block (s holds TAPS - 1 history samples before it), with
 * per_interval iv[i] receives the largest |value| over the four phases of interval i (the
 * envelopes, which need every interval's reading). Without it (the meters, which refine few
 * intervals) only iv[i / 8] is stored: the largest over the group of eight intervals from i,
 * so that the meters' scan for candidates runs over groups. Returns the largest of those;
 * *sample_max receives the largest |phase 0|.
 *
 * skip_below > 0: a group of eight whose readings cannot reach it is not filtered. No phase
 * exceeds gain * the largest |sample| under its taps, so a group whose 8 + TAPS - 1 samples
 * keep that bound under skip_below stores the bound instead (in iv[i / 8], or in each of its
 * intervals' iv[i]) and counts for the return value by nothing; its samples still count for
 * *sample_max. On a mix whose peaks stand well over its body, that is most groups. */

#ifndef TAPS
#error "define TAPS and SCREEN_FN before including lq-truepeak-kernel.h"
#endif

#define SCREEN_CAT2(a, b) a##b
#define SCREEN_CAT(a, b)  SCREEN_CAT2 (a, b)
#define SCREEN_GROUP      SCREEN_CAT (SCREEN_FN, _group)

/* The largest |value| over the four phases of each of the eight intervals from
 * src[TAPS / 2 - 1]. */
LQ_SIMD_INLINE lq_v8sf
SCREEN_GROUP (const float *src,
              const float  coeffs[][SCREEN_TAPS_MAX])
{
  lq_v8sf x[TAPS];
  lq_v8sf out;

  for (int k = 0; k < TAPS; k++)
    x[k] = lq_v8_load (src + k);
  out = lq_v8_abs (x[TAPS / 2 - 1]);
  for (uint32_t p = 0; p < 3; p++)
    {
      lq_v8sf acc = coeffs[p][0] * x[0];

      for (int k = 1; k < TAPS; k++)
        acc += coeffs[p][k] * x[k];
      out = lq_v8_max (out, lq_v8_abs (acc));
    }
  return out;
}

LQ_TARGET_CLONES
static float
SCREEN_FN (const float *restrict s,
           const float           coeffs[][SCREEN_TAPS_MAX],
           bool                  per_interval,
           float                 gain,
           float                 skip_below,
           float *restrict       iv,
           uint32_t              n,
           float                *sample_max)
{
  lq_v8sf vmax = { 0 };
  lq_v8sf vsp = { 0 };
  float m = 0.0f;
  float sp = 0.0f;
  /* The groups of eight that need no padding. */
  const uint32_t whole = n / 8 * 8;

  /* A span at a time, small enough that the filter finds its samples still in the first-level
   * cache: first every group's bound, listing the groups that may reach skip_below, without a
   * branch (on programme which groups pass is close to random, and the mispredicted branch
   * each one cost took longer than the filter the bound saved), then the filter on the list. */
  for (uint32_t from = 0; from < whole; from += SCREEN_SPAN)
    {
      const uint32_t to = whole - from < SCREEN_SPAN ? whole : from + SCREEN_SPAN;
      uint32_t todo[SCREEN_SPAN / 8];
      uint32_t n_todo = 0;

      if (skip_below > 0.0f)
        for (uint32_t i = from; i < to; i += 8)
          {
            /* Samples src[0 .. TAPS + 6], in overlapping loads. */
            const float *src = s + i;
            lq_v8sf w = lq_v8_abs (lq_v8_load (src + TAPS - 1));
            float bound;

            for (int k = 0; k < TAPS - 1; k += 8)
              w = lq_v8_max (w, lq_v8_abs (lq_v8_load (src + k)));
            bound = gain * lq_v8_max_across (w);
            if (per_interval)
              lq_v8_store (iv + i, (lq_v8sf) { 0 } + bound);
            else
              iv[i / 8] = bound;
            vsp = lq_v8_max (vsp, lq_v8_abs (lq_v8_load (src + TAPS / 2 - 1)));
            todo[n_todo] = i;
            n_todo += bound >= skip_below;
          }
      else
        for (uint32_t i = from; i < to; i += 8)
          {
            vsp = lq_v8_max (vsp, lq_v8_abs (lq_v8_load (s + i + TAPS / 2 - 1)));
            todo[n_todo++] = i;
          }

      for (uint32_t t = 0; t < n_todo; t++)
        {
          const uint32_t i = todo[t];
          const lq_v8sf out = SCREEN_GROUP (s + i, coeffs);

          if (per_interval)
            lq_v8_store (iv + i, out);
          else
            iv[i / 8] = lq_v8_max_across (out);
          vmax = lq_v8_max (vmax, out);
        }
    }

  /* The last partial group runs through the same filter on a zero-padded copy, so a sample's
   * reading never depends on where a block boundary falls. */
  if (whole < n)
    {
      float pad[TAPS + 8] = { 0 };
      lq_v8sf out;
      float g = 0.0f;

      memcpy (pad, s + whole, (n - whole + TAPS - 1) * sizeof (float));
      out = SCREEN_GROUP (pad, coeffs);
      /* Padded lanes read silence; only the valid ones count. */
      for (uint32_t j = 0; j < n - whole; j++)
        {
          if (per_interval)
            iv[whole + j] = out[j];
          g = lq_maxf (g, out[j]);
          sp = lq_maxf (sp, fabsf (pad[j + TAPS / 2 - 1]));
        }
      if (!per_interval)
        iv[whole / 8] = g;
      m = g;
    }

  for (int j = 0; j < 8; j++)
    {
      m = lq_maxf (m, vmax[j]);
      sp = lq_maxf (sp, vsp[j]);
    }
  *sample_max = sp;
  return m;
}

#undef SCREEN_GROUP
#undef SCREEN_CAT
#undef SCREEN_CAT2
