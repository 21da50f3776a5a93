/* lq-mix-check.c
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
#include "lq-mix-check.h"
#include "lq-simd.h"
#include "lq-spectrum.h"

/* Stereo is measured in blocks of this many frames. */
#define SCRATCH_FRAMES 4096

/* The low end is measured at a quarter of the rate: a 4-sample average has its nulls at
 * rate/4 and rate/2, where the only aliases that could land under the cutoff come from, and
 * droops 0.002 dB at 120 Hz (48 kHz). The low-pass then costs a quarter. */
#define LOW_DECIMATION 4   /* the group sum below is written out for 4 */

/* The low-pass is 4th-order Linkwitz-Riley (two Butterworth sections): -6 dB at the cutoff,
 * so that the energy either side of it is split without a bump. */
#define SECTION_Q 0.70710678118654752

/* Negative-correlation stretches by one rule: the open one and those that ended. */
typedef struct
{
  double                below;
  uint64_t              min_frames;
  bool                  open;
  uint64_t              start;
  double                s_lr, s_ll, s_rr;
  uint64_t              n;
  uint32_t              n_kept;
  LqCorrelationStretch  kept[LQ_MIX_CHECK_MAX_EVENTS];
} Stretches;

struct LqMixCheck
{
  LqMixCheckConfig      config;
  float                 clip_level;
  float                 silence_level;
  uint32_t              corr_window;
  uint32_t              end_window;
  bool                  stereo;
  bool                  high_applies;

  uint64_t              frames;

  /* Clipped runs: the run still open in each channel. */
  uint32_t              clip_len[LQ_MAX_CHANNELS];
  uint64_t              n_clip_runs;
  uint64_t              clipped_samples;
  uint32_t              n_clip_kept;
  LqClipRun             clip_runs[LQ_MIX_CHECK_MAX_EVENTS];

  double                sum[LQ_MAX_CHANNELS];

  /* Correlation: the window being filled, the whole file, and the stretches of each rule
   * (the config's own first, then its more_correlation). */
  uint32_t              corr_pos;
  double                w_lr, w_ll, w_rr;
  double                t_lr, t_ll, t_rr;
  uint32_t              n_rules;
  Stretches             rules[1 + LQ_MIX_CHECK_MAX_MORE_CORRELATION];

  LqBiquad              low_first[2];
  LqBiquad              low_second[2];
  double                low_energy[2];
  /* The band above the high cutoff from the long-term spectrum: an FFT every 4096 frames
   * costs a fifth of a steep high-pass run on every sample, and has no skirt. */
  LqSpectrum           *spectrum;
  float                *bins;

  int64_t               first_heard;     /* -1 until a sample rises above silence */
  int64_t               last_heard;

  /* The last end_window frames, in any order: only their peak is wanted. */
  float                *tail;
  uint32_t              tail_pos;
  uint32_t              tail_filled;

  /* The 4-sample averages of mid and side being summed, and how many are in. */
  float                 low_acc[2];
  uint32_t              low_n;

  float                *scratch;         /* decimated mid, then side: SCRATCH_FRAMES each */
};

static double
energy_db (double energy)
{
  return energy > 0.0 ? 10.0 * log10 (energy) : -HUGE_VAL;
}

LqMixCheck *
lq_mix_check_new (const LqMixCheckConfig *config,
                  LqStatus               *status)
{
  LqMixCheck *self;
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
  if (config->clip_min_samples == 0 || !isfinite (config->clip_level_dbfs)
      || !(config->correlation_min_s >= 0.0) || !(config->low_cutoff_hz > 0.0)
      || config->n_more_correlation > LQ_MIX_CHECK_MAX_MORE_CORRELATION
      || !(config->high_cutoff_hz > 0.0) || !isfinite (config->silence_dbfs))
    {
      *status = LQ_ERROR_INVALID_ARGUMENT;
      return NULL;
    }

  if ((self = calloc (1, sizeof *self)) == NULL)
    {
      *status = LQ_ERROR_NOMEM;
      return NULL;
    }
  self->config = *config;
  self->clip_level = (float) lq_db_to_gain (config->clip_level_dbfs);
  self->silence_level = (float) lq_db_to_gain (config->silence_dbfs);
  self->corr_window = (uint32_t) lrint (LQ_MIX_CHECK_CORRELATION_WINDOW_S * config->sample_rate);
  self->n_rules = 1 + config->n_more_correlation;
  for (uint32_t i = 0; i < self->n_rules; i++)
    {
      const LqCorrelationRule own = { config->correlation_below, config->correlation_min_s };
      const LqCorrelationRule *rule = i == 0 ? &own : &config->more_correlation[i - 1];

      if (!(rule->min_s >= 0.0) || !isfinite (rule->below))
        {
          free (self);
          *status = LQ_ERROR_INVALID_ARGUMENT;
          return NULL;
        }
      self->rules[i].below = rule->below;
      self->rules[i].min_frames = (uint64_t) llrint (rule->min_s * config->sample_rate);
    }
  self->end_window = (uint32_t) lrint (LQ_MIX_CHECK_END_WINDOW_S * config->sample_rate);
  self->stereo = config->channels == 2;
  /* A cutoff near Nyquist leaves too little band to measure (and none at all at 32 kHz). */
  self->high_applies = config->high_cutoff_hz < 0.45 * config->sample_rate;

  self->tail = malloc ((size_t) self->end_window * config->channels * sizeof (float));
  self->scratch = malloc (2 * SCRATCH_FRAMES * sizeof (float));
  if (self->tail == NULL || self->scratch == NULL)
    {
      lq_mix_check_free (self);
      *status = LQ_ERROR_NOMEM;
      return NULL;
    }
  if (self->high_applies)
    {
      if ((self->spectrum = lq_spectrum_new (config->sample_rate, 0, status)) == NULL)
        {
          lq_mix_check_free (self);
          return NULL;
        }
      if ((self->bins = malloc (lq_spectrum_get_n_bins (self->spectrum) * sizeof (float))) == NULL)
        {
          lq_mix_check_free (self);
          *status = LQ_ERROR_NOMEM;
          return NULL;
        }
    }

  lq_mix_check_reset (self);
  *status = LQ_OK;
  return self;
}

void
lq_mix_check_free (LqMixCheck *self)
{
  if (self == NULL)
    return;
  lq_spectrum_free (self->spectrum);
  free (self->bins);
  free (self->tail);
  free (self->scratch);
  free (self);
}

void
lq_mix_check_reset (LqMixCheck *self)
{
  LqBiquadCoeffs low;
  const double rate = self->config.sample_rate;

  self->frames = 0;
  memset (self->clip_len, 0, sizeof self->clip_len);
  self->n_clip_runs = self->clipped_samples = 0;
  self->n_clip_kept = 0;
  memset (self->sum, 0, sizeof self->sum);
  self->corr_pos = 0;
  self->w_lr = self->w_ll = self->w_rr = 0.0;
  self->t_lr = self->t_ll = self->t_rr = 0.0;
  for (uint32_t i = 0; i < self->n_rules; i++)
    {
      self->rules[i].open = false;
      self->rules[i].n = 0;
      self->rules[i].n_kept = 0;
    }

  lq_biquad_coeffs_design (&low, LQ_BIQUAD_LOWPASS, rate / LOW_DECIMATION,
                           fmin (self->config.low_cutoff_hz, 0.45 * rate / LOW_DECIMATION),
                           SECTION_Q, 0.0);
  for (int k = 0; k < 2; k++)
    {
      lq_biquad_init (&self->low_first[k], &low);
      lq_biquad_init (&self->low_second[k], &low);
    }
  if (self->spectrum)
    lq_spectrum_reset (self->spectrum);
  self->low_energy[0] = self->low_energy[1] = 0.0;
  self->low_acc[0] = self->low_acc[1] = 0.0f;
  self->low_n = 0;
  self->first_heard = self->last_heard = -1;
  self->tail_pos = self->tail_filled = 0;
}

static void
end_clip_run (LqMixCheck *self,
              uint32_t    channel,
              uint64_t    end,
              uint32_t    frames)
{
  self->n_clip_runs++;
  self->clipped_samples += frames;
  if (self->n_clip_kept < LQ_MIX_CHECK_MAX_EVENTS)
    self->clip_runs[self->n_clip_kept++] = (LqClipRun) { end - frames, frames, channel };
}

/* Counts (and keeps) the open stretch when it is long enough; returns its frames. */
static void
count_stretch (const Stretches      *s,
               uint64_t              end,
               uint64_t             *n,
               uint32_t             *n_kept,
               LqCorrelationStretch *kept)
{
  uint64_t frames = end - s->start;

  if (frames <= s->min_frames)
    return;
  (*n)++;
  if (*n_kept < LQ_MIX_CHECK_MAX_EVENTS)
    kept[(*n_kept)++] = (LqCorrelationStretch) {
      s->start, frames, s->s_lr / sqrt (s->s_ll * s->s_rr)
    };
}

/* The stretches of s so far; one still open ends at end. */
static void
get_stretches (const Stretches      *s,
               uint64_t              end,
               uint64_t             *n,
               uint32_t             *n_kept,
               LqCorrelationStretch *kept)
{
  *n = s->n;
  *n_kept = s->n_kept;
  memcpy (kept, s->kept, s->n_kept * sizeof (LqCorrelationStretch));
  if (s->open)
    count_stretch (s, end, n, n_kept, kept);
}

/* A whole correlation window ending at frame end. Windows where either side is silent have
 * no correlation and end a stretch. */
static void
end_window (LqMixCheck *self,
            uint64_t    end)
{
  const double quiet = (double) self->silence_level * self->silence_level * self->corr_window;
  bool heard = self->w_ll > quiet && self->w_rr > quiet;
  double norm = sqrt (self->w_ll * self->w_rr);

  self->t_lr += self->w_lr;
  self->t_ll += self->w_ll;
  self->t_rr += self->w_rr;
  for (uint32_t i = 0; i < self->n_rules; i++)
    {
      Stretches *s = &self->rules[i];

      if (heard && self->w_lr < s->below * norm)
        {
          if (!s->open)
            {
              s->open = true;
              s->start = end - self->corr_window;
              s->s_lr = s->s_ll = s->s_rr = 0.0;
            }
          s->s_lr += self->w_lr;
          s->s_ll += self->w_ll;
          s->s_rr += self->w_rr;
        }
      else if (s->open)
        {
          s->open = false;
          count_stretch (s, end - self->corr_window, &s->n, &s->n_kept, s->kept);
        }
    }
  self->w_lr = self->w_ll = self->w_rr = 0.0;
  self->corr_pos = 0;
}

/* Sums over n interleaved stereo frames, in eight float lanes (even lanes left, odd lanes
 * right; n is at most SCRATCH_FRAMES, so the lanes stay exact enough), returned in double.
 * No deinterleaving: each vector holds four frames, and swapping its neighbours gives the
 * left-times-right products. */
typedef struct
{
  double sum[2];
  double energy[2];
  double cross;
  float  peak[2];
} PairStats;

LQ_TARGET_CLONES
static void
pair_stats (const float *restrict x,
            uint32_t              n,
            PairStats            *st)
{
  lq_v8sf sum = { 0 }, energy = { 0 }, cross = { 0 }, peak = { 0 };
  uint32_t i = 0;

  for (; i + 4 <= n; i += 4)
    {
      lq_v8sf v = lq_v8_load (x + 2 * (size_t) i);

      sum += v;
      energy += v * v;
      cross += v * lq_v8_swap_pairs (v);
      peak = lq_v8_max (peak, lq_v8_abs (v));
    }
  memset (st, 0, sizeof *st);
  for (int k = 0; k < 8; k++)
    {
      st->sum[k & 1] += sum[k];
      st->energy[k & 1] += energy[k];
      st->peak[k & 1] = lq_maxf (st->peak[k & 1], peak[k]);
      st->cross += 0.5 * cross[k];      /* each product is there twice */
    }
  for (; i < n; i++)
    {
      float l = x[2 * (size_t) i], r = x[2 * (size_t) i + 1];

      st->sum[0] += l;
      st->sum[1] += r;
      st->energy[0] += l * l;
      st->energy[1] += r * r;
      st->cross += l * r;
      st->peak[0] = lq_maxf (st->peak[0], fabsf (l));
      st->peak[1] = lq_maxf (st->peak[1], fabsf (r));
    }
}

/* Runs in one channel of n interleaved frames, frames first..first+n of the file. */
static void
scan_runs (LqMixCheck  *self,
           uint32_t     channel,
           const float *x,
           uint32_t     n,
           uint64_t     first)
{
  const uint32_t channels = self->config.channels;
  const uint32_t min_run = self->config.clip_min_samples;
  const float clip = self->clip_level;
  uint32_t len = self->clip_len[channel];

  for (uint32_t i = 0; i < n; i++)
    {
      if (fabsf (x[(size_t) i * channels + channel]) >= clip)
        len++;
      else if (len > 0)
        {
          if (len >= min_run)
            end_clip_run (self, channel, first + i, len);
          len = 0;
        }
    }
  self->clip_len[channel] = len;
}

/* Where sound starts and stops in n interleaved frames, frames first..first+n: only the
 * edges are scanned, since the first sound is found once and the last from the end back. */
static void
scan_sound (LqMixCheck  *self,
            const float *x,
            uint32_t     n,
            uint64_t     first)
{
  const uint32_t channels = self->config.channels;
  const size_t n_samples = (size_t) n * channels;
  const float quiet = self->silence_level;

  if (self->first_heard < 0)
    for (size_t i = 0; i < n_samples; i++)
      if (fabsf (x[i]) > quiet)
        {
          self->first_heard = (int64_t) (first + i / channels);
          break;
        }
  for (size_t i = n_samples; i-- > 0;)
    if (fabsf (x[i]) > quiet)
      {
        if ((int64_t) (first + i / channels) > self->last_heard)
          self->last_heard = (int64_t) (first + i / channels);
        break;
      }
}

/* Mid and side averaged over LOW_DECIMATION frames, straight from interleaved stereo, then
 * low-passed. */
static void
process_low_end (LqMixCheck  *self,
                 const float *x,
                 uint32_t     n)
{
  float *dmid = self->scratch, *dside = self->scratch + SCRATCH_FRAMES;
  const float scale = 0.5f / LOW_DECIMATION;
  uint32_t m = 0, i = 0;
  double e[2];

  /* Finish a group left open by the last block, then whole groups (the usual case, where
   * blocks are multiples of LOW_DECIMATION), then open the next one. */
  for (; self->low_n > 0 && i < n; i++)
    {
      self->low_acc[0] += x[2 * i] + x[2 * i + 1];
      self->low_acc[1] += x[2 * i] - x[2 * i + 1];
      if (++self->low_n == LOW_DECIMATION)
        {
          dmid[m] = self->low_acc[0] * scale;
          dside[m] = self->low_acc[1] * scale;
          m++;
          self->low_acc[0] = self->low_acc[1] = 0.0f;
          self->low_n = 0;
        }
    }
  for (; i + LOW_DECIMATION <= n; i += LOW_DECIMATION, m++)
    {
      const float *f = x + 2 * (size_t) i;
      float even = f[0] + f[2] + f[4] + f[6], odd = f[1] + f[3] + f[5] + f[7];

      dmid[m] = (even + odd) * scale;
      dside[m] = (even - odd) * scale;
    }
  for (; i < n; i++)
    {
      self->low_acc[0] += x[2 * i] + x[2 * i + 1];
      self->low_acc[1] += x[2 * i] - x[2 * i + 1];
      self->low_n++;
    }
  if (m == 0)
    return;
  lq_biquad_process_cascade2_energy_x2 (self->low_first, self->low_second, dmid, dside, 1, m, e);
  /* Each decimated sample stands for LOW_DECIMATION frames. */
  self->low_energy[0] += e[0] * LOW_DECIMATION;
  self->low_energy[1] += e[1] * LOW_DECIMATION;
}

/* The stereo path, on the interleaved frames as they come. */
static void
process_stereo (LqMixCheck  *self,
                const float *x,
                uint32_t     n)
{
  for (uint32_t i0 = 0; i0 < n; i0 += SCRATCH_FRAMES)
    {
      const uint32_t m = n - i0 < SCRATCH_FRAMES ? n - i0 : SCRATCH_FRAMES;
      const float *b = x + 2 * (size_t) i0;
      const uint64_t first = self->frames + i0;

      /* Sums, split where correlation windows end. */
      for (uint32_t k = 0; k < m;)
        {
          uint32_t len = self->corr_window - self->corr_pos;
          const float *seg = b + 2 * (size_t) k;
          PairStats st;

          if (len > m - k)
            len = m - k;
          pair_stats (seg, len, &st);
          self->sum[0] += st.sum[0];
          self->sum[1] += st.sum[1];
          self->w_lr += st.cross;
          self->w_ll += st.energy[0];
          self->w_rr += st.energy[1];
          for (uint32_t c = 0; c < 2; c++)
            if (st.peak[c] >= self->clip_level || self->clip_len[c] > 0)
              scan_runs (self, c, seg, len, first + k);
          if (lq_maxf (st.peak[0], st.peak[1]) > self->silence_level)
            scan_sound (self, seg, len, first + k);
          self->corr_pos += len;
          k += len;
          if (self->corr_pos == self->corr_window)
            end_window (self, first + k);
        }
      process_low_end (self, b, m);
    }
  if (self->spectrum)
    lq_spectrum_accumulate_interleaved (self->spectrum, x, 2, n);
}

/* Any other channel count: one strided walk per channel. */
static void
process_generic (LqMixCheck  *self,
                 const float *x,
                 uint32_t     n)
{
  const uint32_t channels = self->config.channels;
  const uint32_t min_run = self->config.clip_min_samples;
  const float clip = self->clip_level, quiet = self->silence_level;

  for (uint32_t c = 0; c < channels; c++)
    {
      uint32_t len = self->clip_len[c];
      double sum = 0.0;
      int64_t first = -1, last = -1;

      for (uint32_t i = 0; i < n; i++)
        {
          float v = x[(size_t) i * channels + c];
          float a = fabsf (v);

          sum += v;
          if (a > quiet)
            {
              last = i;
              if (first < 0)
                first = i;
            }
          if (a >= clip)
            len++;
          else if (len > 0)
            {
              if (len >= min_run)
                end_clip_run (self, c, self->frames + i, len);
              len = 0;
            }
        }
      self->clip_len[c] = len;
      self->sum[c] += sum;
      if (first >= 0)
        {
          int64_t f = (int64_t) self->frames + first, l = (int64_t) self->frames + last;

          if (self->first_heard < 0 || f < self->first_heard)
            self->first_heard = f;
          if (l > self->last_heard)
            self->last_heard = l;
        }
    }
  if (self->spectrum)
    lq_spectrum_accumulate_interleaved (self->spectrum, x, channels, n);
}

static void
keep_tail (LqMixCheck  *self,
           const float *x,
           uint32_t     n)
{
  const uint32_t channels = self->config.channels;
  const uint32_t w = self->end_window;

  if (w == 0)
    return;
  if (n >= w)
    {
      memcpy (self->tail, x + (size_t) (n - w) * channels, (size_t) w * channels * sizeof (float));
      self->tail_pos = 0;
      self->tail_filled = w;
      return;
    }
  for (uint32_t i = 0; i < n; i++)
    {
      memcpy (self->tail + (size_t) self->tail_pos * channels, x + (size_t) i * channels,
              channels * sizeof (float));
      self->tail_pos = self->tail_pos + 1 == w ? 0 : self->tail_pos + 1;
    }
  self->tail_filled = self->tail_filled + n < w ? self->tail_filled + n : w;
}

void
lq_mix_check_process_interleaved (LqMixCheck  *self,
                                  const float *x,
                                  uint32_t     n)
{
  if (n == 0)
    return;
  if (self->stereo)
    process_stereo (self, x, n);
  else
    process_generic (self, x, n);
  keep_tail (self, x, n);
  self->frames += n;
}

void
lq_mix_check_get_result (const LqMixCheck *self,
                         LqMixCheckResult *r)
{
  const uint32_t channels = self->config.channels;
  float end_peak = 0.0f;

  memset (r, 0, sizeof *r);
  r->frames = self->frames;
  r->sample_rate = self->config.sample_rate;
  r->channels = channels;

  /* Runs still open at the end of the file end there. */
  r->n_clip_runs = self->n_clip_runs;
  r->clipped_samples = self->clipped_samples;
  r->n_clip_runs_kept = self->n_clip_kept;
  memcpy (r->clip_runs, self->clip_runs, self->n_clip_kept * sizeof (LqClipRun));
  for (uint32_t c = 0; c < channels; c++)
    if (self->clip_len[c] >= self->config.clip_min_samples)
      {
        r->n_clip_runs++;
        r->clipped_samples += self->clip_len[c];
        if (r->n_clip_runs_kept < LQ_MIX_CHECK_MAX_EVENTS)
          r->clip_runs[r->n_clip_runs_kept++] = (LqClipRun) {
            self->frames - self->clip_len[c], self->clip_len[c], c
          };
      }

  for (uint32_t c = 0; c < LQ_MAX_CHANNELS; c++)
    {
      r->dc_offset[c] = c < channels && self->frames > 0 ? self->sum[c] / self->frames : NAN;
      r->dc_offset_dbfs[c] = c >= channels ? NAN
                             : r->dc_offset[c] != 0.0 ? 20.0 * log10 (fabs (r->dc_offset[c]))
                             : -HUGE_VAL;
    }

  r->correlation_rule = (LqCorrelationRule) { self->config.correlation_below,
                                              self->config.correlation_min_s };
  r->n_more_correlation = self->n_rules - 1;
  for (uint32_t i = 1; i < self->n_rules; i++)
    r->more_correlation[i - 1].rule = self->config.more_correlation[i - 1];
  if (self->stereo)
    {
      /* The window still filling counts towards the whole-file figure; a stretch open at
       * the end ends with the last whole window. */
      double lr = self->t_lr + self->w_lr;
      double ll = self->t_ll + self->w_ll;
      double rr = self->t_rr + self->w_rr;
      uint64_t end_whole = self->frames - self->corr_pos;

      r->correlation = ll > 0.0 && rr > 0.0 ? lr / sqrt (ll * rr) : -HUGE_VAL;
      get_stretches (&self->rules[0], end_whole, &r->n_negative_stretches,
                     &r->n_negative_stretches_kept, r->negative_stretches);
      for (uint32_t i = 1; i < self->n_rules; i++)
        {
          LqCorrelationReading *m = &r->more_correlation[i - 1];

          get_stretches (&self->rules[i], end_whole, &m->n_stretches, &m->n_stretches_kept,
                         m->stretches);
        }

      /* energy_db (0 / 0) of an empty file is NaN, not silence: guard it. */
      r->low_mid_dbfs = self->frames > 0 ? energy_db (self->low_energy[0] / self->frames)
                                         : -HUGE_VAL;
      r->low_side_dbfs = self->frames > 0 ? energy_db (self->low_energy[1] / self->frames)
                                          : -HUGE_VAL;
      if (isfinite (r->low_mid_dbfs) && isfinite (r->low_side_dbfs))
        r->low_side_to_mid_db = r->low_side_dbfs - r->low_mid_dbfs;
      else if (isfinite (r->low_mid_dbfs) || !isfinite (r->low_side_dbfs))
        r->low_side_to_mid_db = -HUGE_VAL;   /* no side (a mono mix), or no low end at all */
      else
        r->low_side_to_mid_db = HUGE_VAL;    /* side only: nothing left in mono */
    }
  else
    {
      r->correlation = NAN;
      r->low_mid_dbfs = r->low_side_dbfs = r->low_side_to_mid_db = NAN;
    }

  r->high_energy_db = NAN;
  if (self->spectrum && lq_spectrum_get_average_db (self->spectrum, self->bins) > 0)
    {
      const double hz = lq_spectrum_get_bin_hz (self->spectrum);
      double all = 0.0, high = 0.0;

      for (uint32_t k = 0; k < lq_spectrum_get_n_bins (self->spectrum); k++)
        {
          double p = isfinite (self->bins[k]) ? pow (10.0, self->bins[k] / 10.0) : 0.0;

          all += p;
          if (k * hz >= self->config.high_cutoff_hz)
            high += p;
        }
      r->high_energy_db = all > 0.0 && high > 0.0 ? 10.0 * log10 (high / all) : -HUGE_VAL;
    }

  if (self->first_heard < 0)
    r->leading_silence = r->trailing_silence = self->frames;
  else
    {
      r->leading_silence = (uint64_t) self->first_heard;
      r->trailing_silence = self->frames - 1 - (uint64_t) self->last_heard;
    }

  for (size_t i = 0; i < (size_t) self->tail_filled * channels; i++)
    end_peak = lq_maxf (end_peak, fabsf (self->tail[i]));
  r->end_peak_dbfs = end_peak > 0.0f ? 20.0 * log10 (end_peak) : -HUGE_VAL;
}
