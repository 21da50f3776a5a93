/* lq-meter-feed.h
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

#include <gio/gio.h>

G_BEGIN_DECLS

/* The live meters, on the main thread. The audio thread measures what is heard with the
 * core's own meters (lq-loudness, lq-truepeak) and pushes one LqMeterFrame per 10 ms step
 * into a lock-free ring, plus the audio itself into another; lq_meter_feed_update () drains
 * both (call it from a widget's tick callback: nothing is pushed at the GUI) and computes the
 * spectrum frame here, off the audio thread, with lq_spectrum_frame. */

#define LQ_TYPE_METER_FEED (lq_meter_feed_get_type ())

G_DECLARE_FINAL_TYPE (LqMeterFeed, lq_meter_feed, LQ, METER_FEED, GObject)

/* Levels in dB (LUFS, dBTP, dBFS); -HUGE_VAL means silence or no reading yet. */
typedef struct
{
  double  momentary_lufs;
  double  short_term_lufs;
  double  integrated_lufs;        /* of what was heard since the last reset */
  double  max_momentary_lufs;     /* since the last reset */
  double  true_peak_dbtp[2];      /* highest since the previous update */
  double  sample_peak_dbfs[2];
  double  true_peak_max_dbtp[2];  /* since the last reset */
  double  correlation;            /* -1 .. 1 over the last 300 ms; 0 for silence */
  double  compressor_gr_db;       /* largest since the previous update, >= 0 */
  double  limiter_gr_db;
  guint64 stream_frame;
  guint64 position;
  int     slot;
  guint   xruns;
  guint64 frames_metered;         /* frames the meters have seen since the last reset */
} LqMeterSnapshot;

/* Drains the rings; TRUE when anything new arrived. */
gboolean     lq_meter_feed_update                (LqMeterFeed     *self);
void         lq_meter_feed_get_snapshot          (LqMeterFeed     *self,
                                                  LqMeterSnapshot *snapshot);
/* Clears the holds here (the player restarts the core's integrated meter). */
void         lq_meter_feed_reset                 (LqMeterFeed     *self);

/* The spectrum of the last fft_size frames heard, dB per bin (a full-scale sine reads 0 dB),
 * computed by update when enabled (off by default: skip the work when no view shows it). */
void         lq_meter_feed_set_spectrum_enabled  (LqMeterFeed     *self,
                                                  gboolean         enabled);
const float *lq_meter_feed_get_spectrum          (LqMeterFeed     *self,
                                                  guint           *n_bins,
                                                  double          *bin_hz);

/* The momentary and short-term loudness history, one point per 10 ms step (LUFS,
 * -HUGE_VALF for silence), the newest last; at most capacity points are kept. */
const float *lq_meter_feed_get_history           (LqMeterFeed     *self,
                                                  gboolean         short_term,
                                                  guint           *n_points);

/* The gain reduction history of the compressor and the limiter: one point per
 * LQ_GR_HISTORY_STEP_MS (the largest reduction in that step, dB, >= 0), the newest last, at
 * most LQ_GR_HISTORY_POINTS of them (LQ_GR_HISTORY_SECONDS). Both arrays have *n_points. */
#define LQ_GR_HISTORY_STEP_MS 50
#define LQ_GR_HISTORY_SECONDS 10
#define LQ_GR_HISTORY_POINTS  (LQ_GR_HISTORY_SECONDS * 1000 / LQ_GR_HISTORY_STEP_MS)
void         lq_meter_feed_get_gr_history        (LqMeterFeed     *self,
                                                  const float    **compressor_db,
                                                  const float    **limiter_db,
                                                  guint           *n_points);

G_END_DECLS
