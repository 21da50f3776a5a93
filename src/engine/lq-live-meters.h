/* lq-live-meters.h
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

#include <glib-object.h>

#include "lq-meter-feed.h"
#include "lq-source-set.h"

G_BEGIN_DECLS

#define LQ_LEVEL_METER_MAX_CHANNELS 8

/* One channel, in dBFS / dBTP; -HUGE_VAL for silence. */
typedef struct
{
  double sample_peak;   /* the bar */
  double true_peak;     /* the bar's lighter top */
  double hold;          /* the hold line */
  double max;           /* the highest true peak: above the ceiling lights the over */
} LqLevelMeterChannel;


/* The live meters of what is playing, prepared for the views: the one place that drains the
 * player's meter feed, once per frame of the window's frame clock. It turns the feed's raw
 * figures into what the views draw: levels of the source itself (the heard level minus the
 * gain that source is played at, so that they read like its analysis whatever matching
 * does), peak bars with fall-back and hold, and the spectrum smoothed with a peak hold.
 * Nothing here is DSP; the measuring is the player's. */

typedef struct
{
  gboolean            active;            /* measured something since the last reset */
  int                 source;            /* index in the source set heard now */
  double              momentary_lufs;    /* -HUGE_VAL: silence or nothing yet */
  double              short_term_lufs;
  double              heard_momentary_lufs; /* as heard: with the gain it is played at */
  double              integrated_lufs;   /* of what was heard since the last reset: the
                                          * player resets on a switch and a gain change */
  double              heard_s;           /* how long that is, seconds */
  guint64             stream_frame;      /* the player's stream frame these figures reach */
  guint               n_channels;
  LqLevelMeterChannel channels[2];
  double              correlation;       /* -1 .. 1 */
  double              compressor_gr_db;  /* >= 0, falling back like the bars */
  double              limiter_gr_db;
} LqLiveLevels;

#define LQ_TYPE_LIVE_METERS (lq_live_meters_get_type ())

G_DECLARE_FINAL_TYPE (LqLiveMeters, lq_live_meters, LQ, LIVE_METERS, GObject)

LqLiveMeters       *lq_live_meters_new                  (void);
void                lq_live_meters_set_feed             (LqLiveMeters *self,
                                                         LqMeterFeed  *feed);
/* Where the gain each source is heard at comes from (its matched gain). */
void                lq_live_meters_set_sources          (LqLiveMeters *self,
                                                         LqSourceSet  *sources);
/* Whether anyone shows the spectrum (it costs an FFT per frame). */
void                lq_live_meters_set_spectrum_enabled (LqLiveMeters *self,
                                                         gboolean      enabled);
/* Drains the feed and moves the ballistics on to frame_time (µs, the frame clock's). */
void                lq_live_meters_update               (LqLiveMeters *self,
                                                         gint64        frame_time);
/* Bars, holds and the spectrum start again from silence. */
void                lq_live_meters_reset                (LqLiveMeters *self);
const LqLiveLevels *lq_live_meters_get_levels           (LqLiveMeters *self);
/* The feed's gain reduction history (lq_meter_feed_get_gr_history); n 0 without a feed. */
void                lq_live_meters_get_gr_history       (LqLiveMeters *self,
                                                         const float **compressor_db,
                                                         const float **limiter_db,
                                                         guint        *n_points);
/* dB per bin of what is heard (a full-scale sine reads 0 dB), smoothed, and its peak hold;
 * NULL before the first spectrum. */
const float        *lq_live_meters_get_spectrum         (LqLiveMeters *self,
                                                         const float **peak_db,
                                                         guint        *n_bins,
                                                         double       *bin_hz);

G_END_DECLS
