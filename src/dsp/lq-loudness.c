/* lq-loudness.c
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
#include <string.h>

#include "lq-biquad.h"
#include "lq-db.h"
#include "lq-loudness.h"

#define M_STEPS 40               /* 400 ms */
#define S_STEPS 300              /* 3 s */
#define BLOCK_HOP_STEPS 10       /* 100 ms: 75 % overlap for gating, 2.9 s for LRA */
#define RING_STEPS 512           /* power of two >= S_STEPS */

#define HIST_MIN_LUFS (-70.0)
/* Float files and a chain's gains (+48 dB input, makeup) reach well above full scale; louder
 * blocks still count, clamped into the top bin. */
#define HIST_MAX_LUFS (+100.0)
#define HIST_BINS_PER_LU 100
#define HIST_BINS (170 * HIST_BINS_PER_LU)   /* HIST_MIN_LUFS .. HIST_MAX_LUFS */

/* The bins hold half a megabyte, of which programme fills a few hundred: only the span used
 * (lo .. hi - 1) is read and cleared, so the untouched pages are never faulted in. */
typedef struct
{
  double   energy[HIST_BINS];    /* exact sum of block mean powers that fell into the bin */
  uint64_t count[HIST_BINS];
  int      lo, hi;               /* the bins used; lo >= hi when none is */
} Histogram;

struct LqLoudness
{
  LqLoudnessConfig config;
  float            weights[LQ_MAX_CHANNELS];
  LqBiquad         shelf[LQ_MAX_CHANNELS];
  LqBiquad         highpass[LQ_MAX_CHANNELS];

  uint32_t         step_frames;
  uint32_t         step_pos;
  double           step_energy;
  uint64_t         steps;
  uint64_t         frames;
  double           ring[RING_STEPS];
  double           m_sum;          /* running sums of the last M_STEPS / S_STEPS steps */
  double           s_sum;

  double           momentary;      /* mean powers, 0 = silence */
  double           short_term;
  double           max_momentary;
  double           max_short_term;

  Histogram        gating;         /* 400 ms blocks for integrated loudness */
  Histogram        range;          /* 3 s windows for LRA */
};

void
lq_loudness_default_weights (uint32_t channels,
                             float   *weights)
{
  for (uint32_t c = 0; c < channels && c < LQ_MAX_CHANNELS; c++)
    weights[c] = LQ_WEIGHT_FRONT;

  switch (channels)
    {
    case 4: /* quad: L R Ls Rs */
      weights[2] = weights[3] = LQ_WEIGHT_SURROUND;
      break;
    case 5: /* L R C Ls Rs */
      weights[3] = weights[4] = LQ_WEIGHT_SURROUND;
      break;
    case 6: /* 5.1: L R C LFE Ls Rs */
      weights[3] = LQ_WEIGHT_LFE;
      weights[4] = weights[5] = LQ_WEIGHT_SURROUND;
      break;
    case 7: /* 6.1: L R C LFE Cs Ls Rs */
      weights[3] = LQ_WEIGHT_LFE;
      weights[4] = weights[5] = weights[6] = LQ_WEIGHT_SURROUND;
      break;
    case 8: /* 7.1: L R C LFE Ls Rs Lss Rss */
      weights[3] = LQ_WEIGHT_LFE;
      weights[4] = weights[5] = weights[6] = weights[7] = LQ_WEIGHT_SURROUND;
      break;
    default:
      break;
    }
}

LqLoudness *
lq_loudness_new (const LqLoudnessConfig *config,
                 LqStatus               *status)
{
  LqLoudness *self;
  LqStatus dummy;

  if (status == NULL)
    status = &dummy;

  if (config == NULL || config->channels == 0 || config->channels > LQ_MAX_CHANNELS)
    {
      *status = LQ_ERROR_INVALID_CHANNELS;
      return NULL;
    }
  if (!(config->sample_rate >= LQ_MIN_RATE && config->sample_rate <= LQ_MAX_RATE))
    {
      *status = LQ_ERROR_INVALID_RATE;
      return NULL;
    }

  self = calloc (1, sizeof *self);
  if (self == NULL)
    {
      *status = LQ_ERROR_NOMEM;
      return NULL;
    }

  self->config = *config;
  self->config.weights = NULL;
  if (config->weights != NULL)
    memcpy (self->weights, config->weights, config->channels * sizeof (float));
  else
    lq_loudness_default_weights (config->channels, self->weights);

  self->step_frames = (uint32_t) lround (config->sample_rate / LQ_LOUDNESS_STEPS_PER_SECOND);

  for (uint32_t c = 0; c < config->channels; c++)
    {
      LqBiquadCoeffs k;

      lq_biquad_coeffs_kweight_shelf (&k, config->sample_rate);
      lq_biquad_init (&self->shelf[c], &k);
      lq_biquad_coeffs_kweight_highpass (&k, config->sample_rate);
      lq_biquad_init (&self->highpass[c], &k);
    }

  lq_loudness_reset (self);
  *status = LQ_OK;
  return self;
}

void
lq_loudness_free (LqLoudness *self)
{
  free (self);
}

/* A histogram from calloc is all zero with lo = hi = 0: clearing it touches nothing. */
static void
histogram_clear (Histogram *h)
{
  if (h->lo < h->hi)
    {
      memset (h->energy + h->lo, 0, (size_t) (h->hi - h->lo) * sizeof *h->energy);
      memset (h->count + h->lo, 0, (size_t) (h->hi - h->lo) * sizeof *h->count);
    }
  h->lo = HIST_BINS;
  h->hi = 0;
}

void
lq_loudness_reset (LqLoudness *self)
{
  for (uint32_t c = 0; c < self->config.channels; c++)
    {
      lq_biquad_reset (&self->shelf[c]);
      lq_biquad_reset (&self->highpass[c]);
    }
  self->step_pos = 0;
  self->step_energy = 0.0;
  self->steps = 0;
  self->frames = 0;
  memset (self->ring, 0, sizeof self->ring);
  self->m_sum = self->s_sum = 0.0;
  self->momentary = self->short_term = 0.0;
  self->max_momentary = self->max_short_term = 0.0;
  histogram_clear (&self->gating);
  histogram_clear (&self->range);
}

static void
histogram_add (Histogram *h,
               double     power)
{
  double lufs = lq_power_to_lufs (power);
  double pos;
  int bin;

  /* The absolute gate: only blocks above -70 LUFS count, for I and for LRA alike. */
  if (!(lufs > HIST_MIN_LUFS))
    return;

  pos = floor ((lufs - HIST_MIN_LUFS) * HIST_BINS_PER_LU);
  bin = pos < HIST_BINS ? (int) pos : HIST_BINS - 1;
  h->energy[bin] += power;
  h->count[bin]++;
  h->lo = bin < h->lo ? bin : h->lo;
  h->hi = bin >= h->hi ? bin + 1 : h->hi;
}

/* First bin whose centre lies above gate_lufs. */
static int
bin_above (double gate_lufs)
{
  double bin = ceil ((gate_lufs - HIST_MIN_LUFS) * HIST_BINS_PER_LU - 0.5);

  /* Clamped like histogram_add (): a gate above the top bin must not gate out the blocks
   * clamped into it. */
  return bin < 0.0 ? 0 : bin < HIST_BINS ? (int) bin : HIST_BINS - 1;
}

static double
window_sum (const LqLoudness *self,
            uint32_t          n_steps)
{
  double sum = 0.0;

  for (uint32_t i = 1; i <= n_steps; i++)
    sum += self->ring[(self->steps - i) & (RING_STEPS - 1)];
  return sum;
}

static void
finish_step (LqLoudness *self)
{
  const double e = self->step_energy;

  /* Running window sums, re-summed exactly now and then so rounding cannot accumulate. */
  self->m_sum += e - self->ring[(self->steps - M_STEPS) & (RING_STEPS - 1)];
  self->s_sum += e - self->ring[(self->steps - S_STEPS) & (RING_STEPS - 1)];
  self->ring[self->steps & (RING_STEPS - 1)] = e;
  self->steps++;
  self->step_energy = 0.0;
  self->step_pos = 0;
  /* Also when the window may have gone silent: digital silence must read as exactly zero
   * power, not as a rounding residue. */
  if (self->steps % 1000 == 0 || (e == 0.0 && self->m_sum < 1e-9))
    {
      self->m_sum = window_sum (self, M_STEPS);
      self->s_sum = window_sum (self, S_STEPS);
    }

  self->momentary = fmax (self->m_sum, 0.0) / ((double) M_STEPS * self->step_frames);
  self->short_term = fmax (self->s_sum, 0.0) / ((double) S_STEPS * self->step_frames);

  /* Windows that still hold the zero padding of the start do not count: a 3 s window
   * that is half silence is not a reading of the programme. */
  if (self->steps >= M_STEPS)
    {
      if (self->momentary > self->max_momentary)
        self->max_momentary = self->momentary;
      if (self->steps % BLOCK_HOP_STEPS == 0)
        histogram_add (&self->gating, self->momentary);
    }
  if (self->steps >= S_STEPS)
    {
      if (self->short_term > self->max_short_term)
        self->max_short_term = self->short_term;
      if (self->steps % BLOCK_HOP_STEPS == 0)
        histogram_add (&self->range, self->short_term);
    }

  if (self->config.step_func != NULL)
    self->config.step_func (self->config.user_data, self->steps,
                            lq_power_to_lufs (self->momentary),
                            lq_power_to_lufs (self->short_term));
}

/* ch[c] points at channel c's first sample; sample i is at ch[c][i * stride]. */
static void
process_strided (LqLoudness         *self,
                 const float *const *ch,
                 uint32_t            stride,
                 uint32_t            n_frames)
{
  const uint32_t channels = self->config.channels;
  uint32_t done = 0;

  while (done < n_frames)
    {
      uint32_t n = self->step_frames - self->step_pos;
      size_t offset = (size_t) done * stride;
      double energy = 0.0;
      uint32_t c = 0;

      if (n > n_frames - done)
        n = n_frames - done;

      /* Channel pairs share SIMD lanes; an odd last channel goes alone. */
      for (; c + 1 < channels; c += 2)
        {
          double e[2];

          lq_biquad_process_cascade2_energy_x2 (&self->shelf[c], &self->highpass[c],
                                                ch[c] + offset, ch[c + 1] + offset,
                                                stride, n, e);
          energy += self->weights[c] * e[0] + self->weights[c + 1] * e[1];
        }
      if (c < channels)
        energy += self->weights[c] * lq_biquad_process_cascade2_energy (&self->shelf[c],
                                                                        &self->highpass[c],
                                                                        ch[c] + offset,
                                                                        stride, n);

      self->step_energy += energy;
      self->step_pos += n;
      self->frames += n;
      done += n;

      if (self->step_pos == self->step_frames)
        finish_step (self);
    }
}

void
lq_loudness_process (LqLoudness         *self,
                     const float *const *in,
                     uint32_t            n_frames)
{
  process_strided (self, in, 1, n_frames);
}

void
lq_loudness_process_interleaved (LqLoudness  *self,
                                 const float *in,
                                 uint32_t     n_frames)
{
  const float *ch[LQ_MAX_CHANNELS];

  for (uint32_t c = 0; c < self->config.channels; c++)
    ch[c] = in + c;
  process_strided (self, ch, self->config.channels, n_frames);
}

uint32_t
lq_loudness_get_step_frames (const LqLoudness *self)
{
  return self->step_frames;
}

uint64_t
lq_loudness_get_frames (const LqLoudness *self)
{
  return self->frames;
}

double
lq_loudness_get_momentary (const LqLoudness *self)
{
  return lq_power_to_lufs (self->momentary);
}

double
lq_loudness_get_short_term (const LqLoudness *self)
{
  return lq_power_to_lufs (self->short_term);
}

double
lq_loudness_get_max_momentary (const LqLoudness *self)
{
  return lq_power_to_lufs (self->max_momentary);
}

double
lq_loudness_get_max_short_term (const LqLoudness *self)
{
  return lq_power_to_lufs (self->max_short_term);
}

/* The first bin of h's span in use at or above a relative gate lu_below LU under the mean
 * loudness of all it holds (the blocks past the absolute gate), or -1 when it holds none. */
static int
relative_gate_bin (const Histogram *h,
                   double           lu_below)
{
  double energy = 0.0;
  uint64_t count = 0;
  int first;

  for (int b = h->lo; b < h->hi; b++)
    {
      energy += h->energy[b];
      count += h->count[b];
    }
  if (count == 0)
    return -1;
  first = bin_above (lq_power_to_lufs (energy / count) - lu_below);
  return first > h->lo ? first : h->lo;
}

double
lq_loudness_get_integrated (const LqLoudness *self)
{
  const Histogram *h = &self->gating;
  /* Relative gate: 10 LU below the absolute-gated loudness. */
  const int first = relative_gate_bin (h, 10.0);
  double energy = 0.0;
  uint64_t count = 0;

  if (first < 0)
    return -HUGE_VAL;
  for (int b = first; b < h->hi; b++)
    {
      energy += h->energy[b];
      count += h->count[b];
    }
  return count > 0 ? lq_power_to_lufs (energy / count) : -HUGE_VAL;
}

double
lq_loudness_get_range (const LqLoudness *self)
{
  const Histogram *h = &self->range;
  /* Tech 3342: relative gate 20 LU below the absolute-gated mean, then the 10th and 95th
   * percentiles of what remains (nearest rank, as in the reference implementation); a bin
   * stands for the mean of the values in it, exact when they are equal. */
  const int first = relative_gate_bin (h, 20.0);
  uint64_t count = 0, seen = 0, lo_index, hi_index;
  double lo = 0.0, hi = 0.0;

  if (first < 0)
    return 0.0;
  for (int b = first; b < h->hi; b++)
    count += h->count[b];
  if (count < 2)
    return 0.0;

  lo_index = (uint64_t) ((count - 1) * 0.10 + 0.5);
  hi_index = (uint64_t) ((count - 1) * 0.95 + 0.5);

  for (int b = first; b < h->hi; b++)
    {
      if (h->count[b] == 0)
        continue;
      if (seen <= lo_index && lo_index < seen + h->count[b])
        lo = lq_power_to_lufs (h->energy[b] / h->count[b]);
      if (seen <= hi_index && hi_index < seen + h->count[b])
        {
          hi = lq_power_to_lufs (h->energy[b] / h->count[b]);
          break;
        }
      seen += h->count[b];
    }

  return hi - lo;
}
