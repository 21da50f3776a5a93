/* lq-peaks.c
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

#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "lq-peaks.h"
#include "lq-simd.h"

#define MAX_LEVELS 16

typedef struct
{
  LqPeakPair *pairs;     /* n buckets per channel, channel-major: pairs[c * capacity + i] */
  uint64_t    n;
  uint64_t    capacity;
} Level;

struct LqPeaks
{
  uint32_t   channels;
  uint32_t   n_levels;
  uint64_t   frames;
  uint32_t   pos;                         /* frames in the open bucket */
  LqPeakPair open[LQ_MAX_CHANNELS];
  Level      levels[MAX_LEVELS];
};

LqPeaks *
lq_peaks_new (uint32_t  channels,
              LqStatus *status)
{
  LqPeaks *self;
  LqStatus dummy;

  if (status == NULL)
    status = &dummy;
  if (channels == 0 || channels > LQ_MAX_CHANNELS)
    {
      *status = LQ_ERROR_INVALID_CHANNELS;
      return NULL;
    }
  self = calloc (1, sizeof *self);
  if (self == NULL)
    {
      *status = LQ_ERROR_NOMEM;
      return NULL;
    }
  self->channels = channels;
  self->n_levels = 1;
  for (uint32_t c = 0; c < channels; c++)
    self->open[c] = (LqPeakPair) { FLT_MAX, -FLT_MAX };
  *status = LQ_OK;
  return self;
}

void
lq_peaks_free (LqPeaks *self)
{
  if (self == NULL)
    return;
  for (uint32_t l = 0; l < MAX_LEVELS; l++)
    free (self->levels[l].pairs);
  free (self);
}

static LqStatus
level_reserve (Level    *level,
               uint32_t  channels,
               uint64_t  n)
{
  LqPeakPair *pairs;
  uint64_t capacity;

  if (n <= level->capacity)
    return LQ_OK;

  capacity = level->capacity ? level->capacity * 2 : 4096;
  while (capacity < n)
    capacity *= 2;
  if (capacity > UINT64_MAX / (channels * sizeof (LqPeakPair)))
    return LQ_ERROR_NOMEM;

  pairs = calloc (capacity * channels, sizeof (LqPeakPair));
  if (pairs == NULL)
    return LQ_ERROR_NOMEM;
  for (uint32_t c = 0; c < channels && level->n > 0; c++)
    memcpy (pairs + c * capacity, level->pairs + c * level->capacity,
            level->n * sizeof (LqPeakPair));
  free (level->pairs);
  level->pairs = pairs;
  level->capacity = capacity;
  return LQ_OK;
}

static LqStatus
close_bucket (LqPeaks *self)
{
  Level *l0 = &self->levels[0];
  LqStatus status = level_reserve (l0, self->channels, l0->n + 1);

  if (status != LQ_OK)
    return status;
  for (uint32_t c = 0; c < self->channels; c++)
    {
      l0->pairs[c * l0->capacity + l0->n] = self->open[c];
      self->open[c] = (LqPeakPair) { FLT_MAX, -FLT_MAX };
    }
  l0->n++;
  self->pos = 0;
  return LQ_OK;
}

/* Interleaved stereo, eight values (four frames) at a time: even lanes are left, odd right. */
LQ_TARGET_CLONES
static void
stereo_minmax (LqPeaks     *self,
               const float *x,
               uint32_t     n)
{
  lq_v8sf lo, hi;
  float l[8], h[8];
  uint32_t i = 0;

  for (int j = 0; j < 8; j++)
    {
      l[j] = self->open[j & 1].min;
      h[j] = self->open[j & 1].max;
    }
  lo = lq_v8_load (l);
  hi = lq_v8_load (h);
  for (; i + 4 <= n; i += 4)
    {
      lq_v8sf v = lq_v8_load (x + 2 * i);

      lo = lq_v8_min (lo, v);
      hi = lq_v8_max (hi, v);
    }
  lq_v8_store (l, lo);
  lq_v8_store (h, hi);
  for (; i < n; i++)
    for (int j = 0; j < 2; j++)
      {
        float v = x[2 * i + j];
        l[j] = v < l[j] ? v : l[j];
        h[j] = v > h[j] ? v : h[j];
      }
  for (int j = 0; j < 8; j++)
    {
      LqPeakPair *p = &self->open[j & 1];
      p->min = l[j] < p->min ? l[j] : p->min;
      p->max = h[j] > p->max ? h[j] : p->max;
    }
}

/* ch[c][i * stride] is sample i of channel c. */
static LqStatus
process_strided (LqPeaks            *self,
                 const float *const *ch,
                 uint32_t            stride,
                 uint32_t            n_frames)
{
  uint32_t done = 0;

  while (done < n_frames)
    {
      uint32_t n = LQ_PEAKS_BASE_FRAMES - self->pos;

      if (n > n_frames - done)
        n = n_frames - done;

      if (self->channels == 2 && stride == 2 && ch[1] == ch[0] + 1)
        stereo_minmax (self, ch[0] + (size_t) done * 2, n);
      else for (uint32_t c = 0; c < self->channels; c++)
        {
          const float *restrict x = ch[c] + (size_t) done * stride;
          float lo = self->open[c].min, hi = self->open[c].max;

          for (uint32_t i = 0; i < n; i++)
            {
              float v = x[(size_t) i * stride];
              lo = v < lo ? v : lo;
              hi = v > hi ? v : hi;
            }
          self->open[c].min = lo;
          self->open[c].max = hi;
        }

      self->pos += n;
      self->frames += n;
      done += n;

      if (self->pos == LQ_PEAKS_BASE_FRAMES)
        {
          LqStatus status = close_bucket (self);
          if (status != LQ_OK)
            return status;
        }
    }
  return LQ_OK;
}

LqStatus
lq_peaks_process (LqPeaks            *self,
                  const float *const *in,
                  uint32_t            n_frames)
{
  return process_strided (self, in, 1, n_frames);
}

LqStatus
lq_peaks_process_interleaved (LqPeaks     *self,
                              const float *in,
                              uint32_t     n_frames)
{
  const float *ch[LQ_MAX_CHANNELS];

  for (uint32_t c = 0; c < self->channels; c++)
    ch[c] = in + c;
  return process_strided (self, ch, self->channels, n_frames);
}

LqStatus
lq_peaks_finish (LqPeaks *self)
{
  LqStatus status;

  if (self->pos > 0 && (status = close_bucket (self)) != LQ_OK)
    return status;

  self->n_levels = 1;
  for (uint32_t l = 1; l < MAX_LEVELS; l++)
    {
      Level *below = &self->levels[l - 1];
      Level *level = &self->levels[l];
      uint64_t n = (below->n + LQ_PEAKS_FANOUT - 1) / LQ_PEAKS_FANOUT;

      /* Stop once a level would fit in a narrow view anyway. */
      if (below->n <= 256)
        break;
      if ((status = level_reserve (level, self->channels, n)) != LQ_OK)
        return status;

      for (uint32_t c = 0; c < self->channels; c++)
        {
          const LqPeakPair *src = below->pairs + c * below->capacity;
          LqPeakPair *dst = level->pairs + c * level->capacity;

          for (uint64_t i = 0; i < n; i++)
            {
              LqPeakPair p = { FLT_MAX, -FLT_MAX };

              for (uint64_t j = i * LQ_PEAKS_FANOUT;
                   j < (i + 1) * LQ_PEAKS_FANOUT && j < below->n; j++)
                {
                  p.min = src[j].min < p.min ? src[j].min : p.min;
                  p.max = src[j].max > p.max ? src[j].max : p.max;
                }
              dst[i] = p;
            }
        }
      level->n = n;
      self->n_levels = l + 1;
    }
  return LQ_OK;
}

uint32_t
lq_peaks_get_channels (const LqPeaks *self)
{
  return self->channels;
}

uint32_t
lq_peaks_get_n_levels (const LqPeaks *self)
{
  return self->n_levels;
}

uint64_t
lq_peaks_get_frames (const LqPeaks *self)
{
  return self->frames;
}

uint64_t
lq_peaks_get_bucket_frames (const LqPeaks *self,
                            uint32_t       level)
{
  uint64_t f = LQ_PEAKS_BASE_FRAMES;

  for (uint32_t l = 0; l < level; l++)
    f *= LQ_PEAKS_FANOUT;
  return f;
}

const LqPeakPair *
lq_peaks_get_level (const LqPeaks *self,
                    uint32_t       level,
                    uint32_t       channel,
                    uint64_t      *n_buckets)
{
  if (level >= self->n_levels || channel >= self->channels)
    {
      if (n_buckets)
        *n_buckets = 0;
      return NULL;
    }
  if (n_buckets)
    *n_buckets = self->levels[level].n;
  return self->levels[level].pairs + channel * self->levels[level].capacity;
}

uint32_t
lq_peaks_choose_level (const LqPeaks *self,
                       double         frames_per_column)
{
  uint32_t level = 0;

  while (level + 1 < self->n_levels
         && (double) lq_peaks_get_bucket_frames (self, level + 1) <= frames_per_column)
    level++;
  return level;
}
