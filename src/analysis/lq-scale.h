/* lq-scale.h
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

#pragma once

#include <stdint.h>

#include "lq-peaks.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The one mapping from values (dB, LUFS, Hz, frames) to the 0..1 unit interval and to
 * pixels, shared by every view, plus the reductions that turn analysis data into one value
 * per pixel column. Views call these when their size or data changes, never per frame. */

typedef enum
{
  LQ_SCALE_LINEAR,
  LQ_SCALE_LOG,
} LqScaleKind;

typedef struct
{
  LqScaleKind kind;
  double      min;
  double      max;
  double      offset;    /* min, or log (min) */
  double      span;      /* max - min, or log (max / min) */
} LqScale;

/* Standard scales of the views. */
#define LQ_SCALE_FREQ_MIN_HZ   20.0
#define LQ_SCALE_FREQ_MAX_HZ   20000.0

void     lq_scale_init            (LqScale         *self,
                                   LqScaleKind      kind,
                                   double           min,
                                   double           max);

/* min maps to 0, max to 1; values outside give values outside 0..1 (not clamped). */
double   lq_scale_to_unit         (const LqScale   *self,
                                   double           value);
double   lq_scale_from_unit       (const LqScale   *self,
                                   double           unit);

/* Pixel positions: x grows with the value, y grows downwards (max at the top). Values below
 * the scale (including -HUGE_VAL, "silence") clamp to the edge. */
double   lq_scale_to_x            (const LqScale   *self,
                                   double           value,
                                   double           width);
double   lq_scale_to_y            (const LqScale   *self,
                                   double           value,
                                   double           height);

/* floor (v) + .5: the centre of a pixel, for crisp 1-px lines. */
double   lq_scale_snap            (double           v);

/* Tick values inside [min, max]: 1-2-5 decades on a log scale (20, 50, 100, 200 … 20k),
 * a 1/2/5 × 10^n step on a linear one so that at most max_ticks fit. Returns the count. */
uint32_t lq_scale_ticks           (const LqScale   *self,
                                   uint32_t         max_ticks,
                                   double          *out,
                                   uint32_t         n_out);

/* "20", "500", "1k", "2.5k", "20k". */
void     lq_scale_format_hz       (double           hz,
                                   char            *buf,
                                   uint32_t         size);

/* Long-term spectrum (dB per FFT bin) to one dB value per column of a frequency scale,
 * power-averaged over the column and a smoothing band of smoothing_octaves around it
 * (1/6 octave is usual); a column between bins is interpolated. offset_db is added (for
 * loudness normalisation), and a tilt of tilt_db_per_octave around 1 kHz (3 dB/octave
 * draws pink noise flat, as tonal-balance tools do). Silent columns read LQ_DB_FLOOR. */
#define LQ_SCALE_TILT_PIVOT_HZ 1000.0

void     lq_scale_spectrum_columns (const LqScale  *freq,
                                    const float    *bin_db,
                                    uint32_t        n_bins,
                                    double          bin_hz,
                                    double          smoothing_octaves,
                                    double          offset_db,
                                    double          tilt_db_per_octave,
                                    float          *out_db,
                                    uint32_t        n_columns);

/* A series (loudness history) to n_columns: column i covers points
 * [i * n / n_columns, (i + 1) * n / n_columns) and reads their maximum (a column between
 * points takes the nearest); -HUGE_VAL points are skipped, an all-silent column reads
 * -HUGE_VAL. first and count select the part of the series shown. */
void     lq_scale_series_columns  (const float     *values,
                                   uint64_t         n_values,
                                   double           first,
                                   double           count,
                                   float           *out,
                                   uint32_t         n_columns);

/* Waveform columns of one channel: column i covers frames
 * [first_frame + i * frames_per_column, … + frames_per_column) and gets the min/max of the
 * pyramid level lq_peaks_choose_level () picks, so the cost is O(n_columns) whatever the
 * length. Columns outside the file get min > max (nothing to draw). Returns how many
 * columns hold data. */
uint32_t lq_scale_peak_columns    (const LqPeaks   *peaks,
                                   uint32_t         channel,
                                   double           first_frame,
                                   double           frames_per_column,
                                   LqPeakPair      *out,
                                   uint32_t         n_columns);

#ifdef __cplusplus
}
#endif
