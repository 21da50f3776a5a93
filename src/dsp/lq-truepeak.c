/* lq-truepeak.c
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

#include "lq-db.h"
#include "lq-simd.h"
#include "lq-truepeak.h"

/* Meters: 12 taps per phase below 88.2 kHz (libebur128's length), 24 above, where programme
 * has content up to the higher Nyquist frequency and a short filter would roll it off. The
 * limiter asks for LQ_TRUEPEAK_TAPS_LIMITER (see lq-truepeak.h). */
#define TAPS_MAX LQ_TRUEPEAK_TAPS_LIMITER
#define MAX_FACTOR LQ_TRUEPEAK_FACTOR

struct LqTruePeak
{
  uint32_t channels;
  uint32_t factor;
  uint32_t max_frames;
  /* coeffs[p - 1][k] for phases 1 .. factor - 1; phase 0 is the sample itself, since the
   * sinc's zeros fall on the input grid. */
  uint32_t taps;
  uint32_t hist;                   /* taps - 1 */
  float    coeffs[MAX_FACTOR - 1][TAPS_MAX];
  /* The limiter's detector also runs the meters' filter over the same window and keeps the
   * larger reading (see lq-truepeak.h); short_taps is 0 otherwise. */
  uint32_t short_taps;
  float    short_coeffs[MAX_FACTOR - 1][TAPS_MAX];
  float   *buf[LQ_MAX_CHANNELS];   /* hist samples of history, then the current block */
  float    max[LQ_MAX_CHANNELS];
  float    sample_max[LQ_MAX_CHANNELS];
};

/* Hann-windowed sinc cut off at the input Nyquist frequency, over +-taps/2 input samples:
 * the design of libebur128 and ffmpeg's ebur128 filter, so that the limiter, which detects
 * with this filter, keeps under the ceiling as those meters read it too. (A Kaiser window of
 * the same length rolls off earlier and under-reads content near Nyquist by up to 0.3 dB
 * against them.) */
static void
design (LqTruePeak *self,
        uint32_t    n_taps,
        float       coeffs[][TAPS_MAX])
{
  const int taps = (int) n_taps;
  const double half = taps / 2.0;

  for (uint32_t p = 1; p < self->factor; p++)
    {
      double sum = 0.0;
      double c[TAPS_MAX];

      for (int k = 0; k < taps; k++)
        {
          /* Tap k multiplies x[m + j] with j = k - taps/2 + 1, at distance t from the point
           * m + p/factor being interpolated. */
          double t = (double) p / self->factor - (k - half + 1.0);
          double w = fabs (t) < half ? 0.5 + 0.5 * cos (M_PI * t / half) : 0.0;
          double s = sin (M_PI * t) / (M_PI * t);

          c[k] = s * w;
          sum += c[k];
        }
      for (int k = 0; k < taps; k++)
        coeffs[p - 1][k] = (float) (c[k] / sum);
    }
}

LqTruePeak *
lq_truepeak_new (uint32_t  channels,
                 double    rate,
                 uint32_t  max_frames,
                 LqStatus *status)
{
  return lq_truepeak_new_with_taps (channels, rate, max_frames, 0, status);
}

LqTruePeak *
lq_truepeak_new_with_taps (uint32_t  channels,
                           double    rate,
                           uint32_t  max_frames,
                           uint32_t  taps,
                           LqStatus *status)
{
  LqTruePeak *self;
  LqStatus dummy;

  if (status == NULL)
    status = &dummy;

  if (channels == 0 || channels > LQ_MAX_CHANNELS)
    {
      *status = LQ_ERROR_INVALID_CHANNELS;
      return NULL;
    }
  if (!(rate >= LQ_MIN_RATE && rate <= LQ_MAX_RATE))
    {
      *status = LQ_ERROR_INVALID_RATE;
      return NULL;
    }
  if (taps == 0)
    taps = rate < 88200.0 ? LQ_TRUEPEAK_TAPS : 2 * LQ_TRUEPEAK_TAPS;
  if (max_frames == 0 || max_frames > (1u << 24) || (taps != 12 && taps != 24 && taps != 32))
    {
      *status = LQ_ERROR_INVALID_ARGUMENT;
      return NULL;
    }

  self = calloc (1, sizeof *self);
  if (self == NULL)
    goto nomem;

  self->channels = channels;
  self->max_frames = max_frames;
  /* At least 4x at every rate (BS.1770-4 Annex 2 asks for 4x at 48 kHz; higher rates are
   * kept at 4x too: music mastered at 96 kHz has content up to 48 kHz, and a 2x reading
   * under-reads it by up to 0.7 dB). */
  self->factor = LQ_TRUEPEAK_FACTOR;
  self->taps = taps;
  self->hist = self->taps - 1;
  design (self, self->taps, self->coeffs);
  if (taps == LQ_TRUEPEAK_TAPS_LIMITER)
    {
      self->short_taps = rate < 88200.0 ? LQ_TRUEPEAK_TAPS : 2 * LQ_TRUEPEAK_TAPS;
      design (self, self->short_taps, self->short_coeffs);
    }

  for (uint32_t c = 0; c < channels; c++)
    {
      self->buf[c] = calloc (max_frames + self->hist, sizeof (float));
      if (self->buf[c] == NULL)
        goto nomem;
    }

  *status = LQ_OK;
  return self;

nomem:
  lq_truepeak_free (self);
  *status = LQ_ERROR_NOMEM;
  return NULL;
}

void
lq_truepeak_free (LqTruePeak *self)
{
  if (self == NULL)
    return;
  for (uint32_t c = 0; c < LQ_MAX_CHANNELS; c++)
    free (self->buf[c]);
  free (self);
}

void
lq_truepeak_reset (LqTruePeak *self)
{
  for (uint32_t c = 0; c < self->channels; c++)
    {
      memset (self->buf[c], 0, self->hist * sizeof (float));
      self->max[c] = 0.0f;
      self->sample_max[c] = 0.0f;
    }
}

uint32_t
lq_truepeak_get_factor (const LqTruePeak *self)
{
  return self->factor;
}

uint32_t
lq_truepeak_get_latency (const LqTruePeak *self)
{
  return self->taps / 2;
}

float
lq_truepeak_get_max (const LqTruePeak *self,
                     uint32_t          channel)
{
  return channel < self->channels ? self->max[channel] : 0.0f;
}

float
lq_truepeak_take_max (LqTruePeak *self,
                      uint32_t    channel)
{
  float m;

  if (channel >= self->channels)
    return 0.0f;
  m = self->max[channel];
  self->max[channel] = 0.0f;
  return m;
}

float
lq_truepeak_get_sample_max (const LqTruePeak *self,
                            uint32_t          channel)
{
  return channel < self->channels ? self->sample_max[channel] : 0.0f;
}

float
lq_truepeak_take_sample_max (LqTruePeak *self,
                             uint32_t    channel)
{
  float m;

  if (channel >= self->channels)
    return 0.0f;
  m = self->sample_max[channel];
  self->sample_max[channel] = 0.0f;
  return m;
}

/* The hot loops. Eight outputs at a time stay in a vector register while the taps run over
 * them, and every phase uses the same loaded input vectors (lq-simd.h; AVX2/FMA picked at
 * run time). Each returns the largest |value| over phases 0 .. n_phases of the n intervals
 * ending in this block (s holds taps - 1 history samples before it); *sample_max receives
 * the largest |phase 0|, i.e. the sample peak of the same intervals. With env != NULL, each
 * interval's maximum is also folded into env[i]. One instance per filter length, so the tap
 * loops have constant trip counts. */
#define TAPS 12
#define PHASES_FN phases_absmax_12
#include "lq-truepeak-kernel.h"
#undef TAPS
#undef PHASES_FN
#define TAPS 24
#define PHASES_FN phases_absmax_24
#include "lq-truepeak-kernel.h"
#undef TAPS
#undef PHASES_FN
#define TAPS 32
#define PHASES_FN phases_absmax_32
#include "lq-truepeak-kernel.h"
#undef TAPS
#undef PHASES_FN

static float
phases_absmax_taps (uint32_t     taps,
                    const float  coeffs[][TAPS_MAX],
                    uint32_t     n_phases,
                    const float *s,
                    float       *env,
                    uint32_t     n,
                    float       *sample_max)
{
  switch (taps)
    {
    case 12:
      return phases_absmax_12 (s, coeffs, n_phases, env, n, sample_max);
    case 24:
      return phases_absmax_24 (s, coeffs, n_phases, env, n, sample_max);
    default:
      return phases_absmax_32 (s, coeffs, n_phases, env, n, sample_max);
    }
}

static float
phases_absmax (const LqTruePeak *self,
               const float      *s,
               float            *env,
               uint32_t          n,
               float            *sample_max)
{
  float m = phases_absmax_taps (self->taps, self->coeffs, self->factor - 1, s, env, n,
                                sample_max);

  if (self->short_taps)
    {
      /* The short window centred on the same interval starts this much later. */
      uint32_t offset = self->taps / 2 - self->short_taps / 2;
      float sp;

      m = lq_maxf (m, phases_absmax_taps (self->short_taps, self->short_coeffs, self->factor - 1,
                                          s + offset, env, n, &sp));
    }
  return m;
}

static void
load_block (LqTruePeak  *self,
            uint32_t     c,
            const float *in,
            uint32_t     n)
{
  memcpy (self->buf[c] + self->hist, in, n * sizeof (float));
}

static void
keep_history (LqTruePeak *self,
              uint32_t    c,
              uint32_t    n)
{
  memmove (self->buf[c], self->buf[c] + n, self->hist * sizeof (float));
}

/* Channel c's block of n samples is loaded after its history: measure it. The intervals
 * measured lag the input by the latency; lq_truepeak_flush () measures the last ones. */
static void
measure_loaded (LqTruePeak *self,
                uint32_t    c,
                uint32_t    n)
{
  float sp;
  float m = phases_absmax (self, self->buf[c], NULL, n, &sp);

  self->sample_max[c] = lq_maxf (self->sample_max[c], sp);
  self->max[c] = lq_maxf (self->max[c], m);
  keep_history (self, c, n);
}

void
lq_truepeak_flush (LqTruePeak *self)
{
  for (uint32_t c = 0; c < self->channels; c++)
    {
      memset (self->buf[c] + self->hist, 0, (self->taps / 2) * sizeof (float));
      measure_loaded (self, c, self->taps / 2);
    }
}

void
lq_truepeak_process (LqTruePeak         *self,
                     const float *const *in,
                     uint32_t            n_frames)
{
  for (uint32_t done = 0; done < n_frames;)
    {
      uint32_t n = n_frames - done < self->max_frames ? n_frames - done : self->max_frames;

      for (uint32_t c = 0; c < self->channels; c++)
        {
          load_block (self, c, in[c] + done, n);
          measure_loaded (self, c, n);
        }
      done += n;
    }
}

void
lq_truepeak_process_interleaved (LqTruePeak  *self,
                                 const float *in,
                                 uint32_t     n_frames)
{
  const uint32_t channels = self->channels;

  for (uint32_t done = 0; done < n_frames;)
    {
      uint32_t n = n_frames - done < self->max_frames ? n_frames - done : self->max_frames;
      const float *x = in + (size_t) done * channels;

      if (channels == 2)
        {
          float *restrict l = self->buf[0] + self->hist;
          float *restrict r = self->buf[1] + self->hist;

          for (uint32_t i = 0; i < n; i++)
            {
              l[i] = x[2 * i];
              r[i] = x[2 * i + 1];
            }
        }
      else
        {
          for (uint32_t c = 0; c < channels; c++)
            {
              float *restrict d = self->buf[c] + self->hist;

              for (uint32_t i = 0; i < n; i++)
                d[i] = x[(size_t) i * channels + c];
            }
        }

      for (uint32_t c = 0; c < channels; c++)
        measure_loaded (self, c, n);
      done += n;
    }
}

void
lq_truepeak_process_envelope (LqTruePeak         *self,
                              const float *const *in,
                              float              *env,
                              uint32_t            n_frames)
{
  for (uint32_t done = 0; done < n_frames;)
    {
      uint32_t n = n_frames - done < self->max_frames ? n_frames - done : self->max_frames;
      float *e = env + done;

      memset (e, 0, n * sizeof (float));

      for (uint32_t c = 0; c < self->channels; c++)
        {
          float sp;

          load_block (self, c, in[c] + done, n);
          phases_absmax (self, self->buf[c], e, n, &sp);
          keep_history (self, c, n);
        }
      done += n;
    }
}
