/* lq-scale.c
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
#include <stdio.h>
#include <stdlib.h>

#include "lq-db.h"
#include "lq-scale.h"

void
lq_scale_init (LqScale     *self,
               LqScaleKind  kind,
               double       min,
               double       max)
{
  self->kind = kind;
  self->min = min;
  self->max = max;
  if (kind == LQ_SCALE_LOG && min > 0.0 && max > min)
    {
      self->offset = log (min);
      self->span = log (max / min);
    }
  else
    {
      self->kind = LQ_SCALE_LINEAR;
      self->offset = min;
      self->span = max != min ? max - min : 1.0;
    }
}

double
lq_scale_to_unit (const LqScale *self,
                  double         value)
{
  if (self->kind == LQ_SCALE_LOG)
    {
      if (!(value > 0.0))
        return -HUGE_VAL;
      return (log (value) - self->offset) / self->span;
    }
  return (value - self->offset) / self->span;
}

double
lq_scale_from_unit (const LqScale *self,
                    double         unit)
{
  if (self->kind == LQ_SCALE_LOG)
    return exp (self->offset + unit * self->span);
  return self->offset + unit * self->span;
}

static double
clamp_unit (double u)
{
  /* A little beyond the edges so that lines leaving the plot are still clipped by it. */
  if (!(u > -0.01))
    return -0.01;
  if (u > 1.01)
    return 1.01;
  return u;
}

double
lq_scale_to_x (const LqScale *self,
               double         value,
               double         width)
{
  return clamp_unit (lq_scale_to_unit (self, value)) * width;
}

double
lq_scale_to_y (const LqScale *self,
               double         value,
               double         height)
{
  return (1.0 - clamp_unit (lq_scale_to_unit (self, value))) * height;
}

double
lq_scale_snap (double v)
{
  return floor (v) + 0.5;
}

uint32_t
lq_scale_ticks (const LqScale *self,
                uint32_t       max_ticks,
                double        *out,
                uint32_t       n_out)
{
  uint32_t n = 0;
  double lo = fmin (self->min, self->max);
  double hi = fmax (self->min, self->max);

  if (n_out == 0)
    return 0;

  if (self->kind == LQ_SCALE_LOG)
    {
      static const double mantissa[] = { 1.0, 2.0, 5.0 };

      for (int d = (int) floor (log10 (lo)); d <= (int) ceil (log10 (hi)) && n < n_out; d++)
        for (uint32_t m = 0; m < 3 && n < n_out; m++)
          {
            double v = mantissa[m] * pow (10.0, d);

            if (v >= lo * (1.0 - 1e-9) && v <= hi * (1.0 + 1e-9))
              out[n++] = v;
          }
      return n;
    }

  {
    static const double nice[] = { 1.0, 2.0, 5.0, 10.0 };
    double raw = (hi - lo) / (max_ticks > 0 ? max_ticks : 1);
    double decade, step = 1.0;

    if (!(raw > 0.0))
      return 0;
    decade = pow (10.0, floor (log10 (raw)));
    for (uint32_t i = 0; i < 4; i++)
      if (nice[i] * decade >= raw * (1.0 - 1e-9))
        {
          step = nice[i] * decade;
          break;
        }
    for (double v = ceil (lo / step - 1e-9) * step; v <= hi + step * 1e-9 && n < n_out; v += step)
      out[n++] = fabs (v) < step * 1e-9 ? 0.0 : v;
  }
  return n;
}

void
lq_scale_format_hz (double    hz,
                    char     *buf,
                    uint32_t  size)
{
  if (hz < 1000.0)
    snprintf (buf, size, "%.0f", hz);
  else if (fmod (hz, 1000.0) == 0.0)
    snprintf (buf, size, "%.0fk", hz / 1000.0);
  else
    snprintf (buf, size, "%.1fk", hz / 1000.0);
}

static double
db_to_power (double db)
{
  double g = lq_db_to_gain (db);

  return g * g;
}

static double
power_to_db (double power)
{
  return lq_gain_to_db (sqrt (power));
}

void
lq_scale_spectrum_columns (const LqScale *freq,
                           const float   *bin_db,
                           uint32_t       n_bins,
                           double         bin_hz,
                           double         smoothing_octaves,
                           double         offset_db,
                           double         tilt_db_per_octave,
                           float         *out_db,
                           uint32_t       n_columns)
{
  double *prefix;
  double half_band = exp2 (smoothing_octaves / 2.0);

  if (n_columns == 0)
    return;
  if (bin_db == NULL || n_bins < 2 || !(bin_hz > 0.0)
      || !(prefix = malloc ((size_t) (n_bins + 1) * sizeof *prefix)))
    {
      for (uint32_t i = 0; i < n_columns; i++)
        out_db[i] = (float) LQ_DB_FLOOR;
      return;
    }

  /* Prefix sums of power make every column O(1) however many bins it spans. */
  prefix[0] = 0.0;
  for (uint32_t k = 0; k < n_bins; k++)
    prefix[k + 1] = prefix[k] + db_to_power (bin_db[k]);

  for (uint32_t i = 0; i < n_columns; i++)
    {
      double f_lo = lq_scale_from_unit (freq, (double) i / n_columns);
      double f_hi = lq_scale_from_unit (freq, (double) (i + 1) / n_columns);
      double fc = lq_scale_from_unit (freq, (i + 0.5) / n_columns);
      double lo = fmin (f_lo, fc / half_band);
      double hi = fmax (f_hi, fc * half_band);
      double k_lo = ceil (lo / bin_hz);
      double k_hi = floor (hi / bin_hz);
      double power;

      if (k_lo < 1.0)
        k_lo = 1.0;
      if (k_hi > n_bins - 1)
        k_hi = n_bins - 1;

      if (k_hi >= k_lo)
        {
          uint32_t a = (uint32_t) k_lo, b = (uint32_t) k_hi;

          power = (prefix[b + 1] - prefix[a]) / (double) (b - a + 1);
        }
      else
        {
          double kf = fc / bin_hz;
          uint32_t k0 = kf < 1.0 ? 1 : (uint32_t) kf;
          uint32_t k1 = k0 + 1 < n_bins ? k0 + 1 : n_bins - 1;
          double t = kf - k0;

          if (t < 0.0)
            t = 0.0;
          if (t > 1.0)
            t = 1.0;
          power = (prefix[k0 + 1] - prefix[k0]) * (1.0 - t) + (prefix[k1 + 1] - prefix[k1]) * t;
        }

      if (power > 0.0)
        out_db[i] = (float) fmax (power_to_db (power) + offset_db
                                  + tilt_db_per_octave * log2 (fc / LQ_SCALE_TILT_PIVOT_HZ),
                                  LQ_DB_FLOOR);
      else
        out_db[i] = (float) LQ_DB_FLOOR;
    }

  free (prefix);
}

void
lq_scale_series_columns (const float *values,
                         uint64_t     n_values,
                         double       first,
                         double       count,
                         float       *out,
                         uint32_t     n_columns)
{
  double per_column = n_columns > 0 ? count / n_columns : 0.0;

  for (uint32_t i = 0; i < n_columns; i++)
    {
      double a = first + i * per_column;
      double b = a + per_column;
      int64_t ia = (int64_t) ceil (a);
      int64_t ib = (int64_t) ceil (b) - 1;
      float best = -HUGE_VALF;

      if (values == NULL || n_values == 0)
        {
          out[i] = best;
          continue;
        }
      if (ib < ia)
        ia = ib = (int64_t) floor ((a + b) / 2.0);
      if (ia < 0)
        ia = 0;
      if (ib >= (int64_t) n_values)
        ib = (int64_t) n_values - 1;
      for (int64_t k = ia; k <= ib; k++)
        if (values[k] > best)
          best = values[k];
      out[i] = best;
    }
}

uint32_t
lq_scale_peak_columns (const LqPeaks *peaks,
                       uint32_t       channel,
                       double         first_frame,
                       double         frames_per_column,
                       LqPeakPair    *out,
                       uint32_t       n_columns)
{
  const LqPeakPair *level;
  uint64_t n_buckets = 0;
  uint32_t lv, filled = 0;
  double bucket_frames;

  if (peaks == NULL || channel >= lq_peaks_get_channels (peaks) || !(frames_per_column > 0.0))
    {
      for (uint32_t i = 0; i < n_columns; i++)
        out[i] = (LqPeakPair) { 1.0f, -1.0f };
      return 0;
    }

  lv = lq_peaks_choose_level (peaks, frames_per_column);
  level = lq_peaks_get_level (peaks, lv, channel, &n_buckets);
  bucket_frames = (double) lq_peaks_get_bucket_frames (peaks, lv);

  for (uint32_t i = 0; i < n_columns; i++)
    {
      double f0 = first_frame + i * frames_per_column;
      double f1 = f0 + frames_per_column;
      int64_t b0 = (int64_t) floor (f0 / bucket_frames);
      int64_t b1 = (int64_t) ceil (f1 / bucket_frames);
      float mn = 1.0f, mx = -1.0f;

      if (b0 < 0)
        b0 = 0;
      if (b1 > (int64_t) n_buckets)
        b1 = (int64_t) n_buckets;
      if (b1 <= b0 || level == NULL)
        {
          out[i] = (LqPeakPair) { mn, mx };
          continue;
        }
      mn = level[b0].min;
      mx = level[b0].max;
      for (int64_t b = b0 + 1; b < b1; b++)
        {
          if (level[b].min < mn)
            mn = level[b].min;
          if (level[b].max > mx)
            mx = level[b].max;
        }
      out[i] = (LqPeakPair) { mn, mx };
      filled++;
    }
  return filled;
}
