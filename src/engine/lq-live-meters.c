/* lq-live-meters.c
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
#include <string.h>

#include "lq-live-meters.h"

#define FALL_DB_PER_S      20.0    /* peak bars and gain reduction fall back */
#define HOLD_S             2.0     /* peak hold, then falling */
#define SPECTRUM_ATTACK_S  0.06    /* time constants of the spectrum's smoothing */
#define SPECTRUM_RELEASE_S 0.30
#define SPECTRUM_HOLD_S    1.0
#define SPECTRUM_FALL_DB_S 15.0
#define SPECTRUM_FLOOR_DB  (-160.0f)
#define MAX_STEP_S         0.25    /* a longer gap (a stall, a pause) counts as this long */

struct _LqLiveMeters
{
  GObject       parent_instance;

  LqMeterFeed  *feed;
  LqSourceSet  *sources;
  gboolean      spectrum_enabled;

  LqLiveLevels  levels;
  gint64        last_time;
  guint64       last_stream_frame;
  gint64        hold_time[2];

  float        *spectrum;       /* smoothed, dB per bin */
  float        *peak;
  gint64       *peak_time;
  guint         n_bins;
  double        bin_hz;
  gboolean      have_spectrum;
};

G_DEFINE_FINAL_TYPE (LqLiveMeters, lq_live_meters, G_TYPE_OBJECT)

static double
fall (double value,
      double floor_value,
      double dt)
{
  return MAX (floor_value, value - FALL_DB_PER_S * dt);
}

/* The gain the source heard now is played at: subtracted, the levels are its own. */
static double
source_gain (LqLiveMeters *self,
             int           index)
{
  g_autoptr(LqSource) source = NULL;

  if (self->sources == NULL || index < 0)
    return 0.0;
  source = g_list_model_get_item (G_LIST_MODEL (self->sources), (guint) index);
  return source != NULL ? lq_source_get_matched_gain (source) : 0.0;
}

/* The player runs at the mix's rate (references are resampled to it). */
static double
mix_rate (LqLiveMeters *self)
{
  LqSource *mix = self->sources ? lq_source_set_get_mix (self->sources) : NULL;

  return mix != NULL ? lq_source_get_sample_rate (mix) : 0.0;
}

static void
clear_spectrum (LqLiveMeters *self)
{
  g_clear_pointer (&self->spectrum, g_free);
  g_clear_pointer (&self->peak, g_free);
  g_clear_pointer (&self->peak_time, g_free);
  self->n_bins = 0;
  self->have_spectrum = FALSE;
}

static void
update_levels (LqLiveMeters          *self,
               const LqMeterSnapshot *snap,
               gboolean               fresh,
               gint64                 now,
               double                 dt)
{
  LqLiveLevels *l = &self->levels;
  double gain = source_gain (self, snap->slot);

  l->active = snap->frames_metered > 0;
  l->heard_s = mix_rate (self) > 0.0 ? (double) snap->frames_metered / mix_rate (self) : 0.0;
  l->source = snap->slot;
  l->stream_frame = snap->stream_frame;
  l->momentary_lufs = snap->momentary_lufs - gain;
  l->heard_momentary_lufs = snap->momentary_lufs;
  l->short_term_lufs = snap->short_term_lufs - gain;
  l->integrated_lufs = snap->integrated_lufs - gain;
  l->correlation = snap->correlation;
  l->n_channels = 2;

  for (guint c = 0; c < 2; c++)
    {
      LqLevelMeterChannel *ch = &l->channels[c];
      double sp = fresh ? snap->sample_peak_dbfs[c] - gain : -HUGE_VAL;
      double tp = fresh ? snap->true_peak_dbtp[c] - gain : -HUGE_VAL;

      ch->sample_peak = MAX (sp, fall (ch->sample_peak, -HUGE_VAL, dt));
      ch->true_peak = MAX (tp, fall (ch->true_peak, -HUGE_VAL, dt));
      if (tp >= ch->hold)
        {
          ch->hold = tp;
          self->hold_time[c] = now;
        }
      else if (now - self->hold_time[c] > HOLD_S * G_USEC_PER_SEC)
        ch->hold = fall (ch->hold, ch->true_peak, dt);
      ch->max = snap->true_peak_max_dbtp[c] - gain;
    }

  l->compressor_gr_db = MAX (fresh ? snap->compressor_gr_db : 0.0,
                             fall (l->compressor_gr_db, 0.0, dt));
  l->limiter_gr_db = MAX (fresh ? snap->limiter_gr_db : 0.0, fall (l->limiter_gr_db, 0.0, dt));
}

static void
update_spectrum (LqLiveMeters *self,
                 gint64        now,
                 double        dt)
{
  guint n_bins = 0;
  double bin_hz = 0.0;
  const float *frame = lq_meter_feed_get_spectrum (self->feed, &n_bins, &bin_hz);
  float attack = (float) (1.0 - exp (-dt / SPECTRUM_ATTACK_S));
  float release = (float) (1.0 - exp (-dt / SPECTRUM_RELEASE_S));
  float hold_fall = (float) (SPECTRUM_FALL_DB_S * dt);

  if (frame == NULL || n_bins == 0)
    return;
  if (n_bins != self->n_bins)
    {
      clear_spectrum (self);
      self->n_bins = n_bins;
      self->spectrum = g_new (float, n_bins);
      self->peak = g_new (float, n_bins);
      self->peak_time = g_new0 (gint64, n_bins);
      for (guint k = 0; k < n_bins; k++)
        self->spectrum[k] = self->peak[k] = SPECTRUM_FLOOR_DB;
    }
  self->bin_hz = bin_hz;

  for (guint k = 0; k < n_bins; k++)
    {
      float x = isfinite (frame[k]) ? MAX (frame[k], SPECTRUM_FLOOR_DB) : SPECTRUM_FLOOR_DB;
      float y = self->spectrum[k];

      y += (x - y) * (x > y ? attack : release);
      self->spectrum[k] = y;
      if (y >= self->peak[k])
        {
          self->peak[k] = y;
          self->peak_time[k] = now;
        }
      else if (now - self->peak_time[k] > SPECTRUM_HOLD_S * G_USEC_PER_SEC)
        self->peak[k] = MAX (y, self->peak[k] - hold_fall);
    }
  self->have_spectrum = TRUE;
}

static void
lq_live_meters_dispose (GObject *object)
{
  LqLiveMeters *self = (LqLiveMeters *)object;

  g_clear_object (&self->feed);
  g_clear_object (&self->sources);

  G_OBJECT_CLASS (lq_live_meters_parent_class)->dispose (object);
}

static void
lq_live_meters_finalize (GObject *object)
{
  clear_spectrum (LQ_LIVE_METERS (object));

  G_OBJECT_CLASS (lq_live_meters_parent_class)->finalize (object);
}

static void
lq_live_meters_class_init (LqLiveMetersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lq_live_meters_dispose;
  object_class->finalize = lq_live_meters_finalize;
}

static void
lq_live_meters_init (LqLiveMeters *self)
{
  lq_live_meters_reset (self);
}

LqLiveMeters *
lq_live_meters_new (void)
{
  return g_object_new (LQ_TYPE_LIVE_METERS, NULL);
}

void
lq_live_meters_set_feed (LqLiveMeters *self,
                         LqMeterFeed  *feed)
{
  g_return_if_fail (LQ_IS_LIVE_METERS (self));
  g_return_if_fail (!feed || LQ_IS_METER_FEED (feed));

  if (self->feed == feed)
    return;
  if (self->feed != NULL)
    lq_meter_feed_set_spectrum_enabled (self->feed, FALSE);
  g_set_object (&self->feed, feed);
  if (feed != NULL)
    lq_meter_feed_set_spectrum_enabled (feed, self->spectrum_enabled);
  lq_live_meters_reset (self);
}

void
lq_live_meters_set_sources (LqLiveMeters *self,
                            LqSourceSet  *sources)
{
  g_return_if_fail (LQ_IS_LIVE_METERS (self));
  g_return_if_fail (!sources || LQ_IS_SOURCE_SET (sources));

  g_set_object (&self->sources, sources);
}

void
lq_live_meters_set_spectrum_enabled (LqLiveMeters *self,
                                     gboolean      enabled)
{
  g_return_if_fail (LQ_IS_LIVE_METERS (self));

  enabled = !!enabled;
  if (self->spectrum_enabled == enabled)
    return;
  self->spectrum_enabled = enabled;
  if (self->feed != NULL)
    lq_meter_feed_set_spectrum_enabled (self->feed, enabled);
}

void
lq_live_meters_update (LqLiveMeters *self,
                       gint64        frame_time)
{
  LqMeterSnapshot snap;
  gboolean any, fresh;
  double dt;

  g_return_if_fail (LQ_IS_LIVE_METERS (self));

  if (self->feed == NULL)
    return;
  dt = self->last_time > 0 ? (double) (frame_time - self->last_time) / G_USEC_PER_SEC : 0.0;
  dt = CLAMP (dt, 0.0, MAX_STEP_S);
  self->last_time = frame_time;

  any = lq_meter_feed_update (self->feed);
  lq_meter_feed_get_snapshot (self->feed, &snap);
  /* The snapshot's peaks are those of the meter frames that just arrived, if any did. */
  fresh = any && snap.stream_frame != self->last_stream_frame;
  self->last_stream_frame = snap.stream_frame;

  update_levels (self, &snap, fresh, frame_time, dt);
  if (self->spectrum_enabled && any)
    update_spectrum (self, frame_time, dt);
}

void
lq_live_meters_reset (LqLiveMeters *self)
{
  LqLiveLevels *l;

  g_return_if_fail (LQ_IS_LIVE_METERS (self));

  l = &self->levels;
  memset (l, 0, sizeof *l);
  l->source = -1;
  l->momentary_lufs = l->short_term_lufs = l->integrated_lufs = -HUGE_VAL;
  l->heard_momentary_lufs = -HUGE_VAL;
  for (guint c = 0; c < G_N_ELEMENTS (l->channels); c++)
    {
      l->channels[c].sample_peak = l->channels[c].true_peak = -HUGE_VAL;
      l->channels[c].hold = l->channels[c].max = -HUGE_VAL;
      self->hold_time[c] = 0;
    }
  self->last_time = 0;
  if (self->spectrum != NULL)
    for (guint k = 0; k < self->n_bins; k++)
      self->spectrum[k] = self->peak[k] = SPECTRUM_FLOOR_DB;
  self->have_spectrum = FALSE;
}

const LqLiveLevels *
lq_live_meters_get_levels (LqLiveMeters *self)
{
  g_return_val_if_fail (LQ_IS_LIVE_METERS (self), NULL);

  return &self->levels;
}

const float *
lq_live_meters_get_spectrum (LqLiveMeters  *self,
                             const float  **peak_db,
                             guint         *n_bins,
                             double        *bin_hz)
{
  g_return_val_if_fail (LQ_IS_LIVE_METERS (self), NULL);

  if (peak_db)
    *peak_db = self->have_spectrum ? self->peak : NULL;
  if (n_bins)
    *n_bins = self->have_spectrum ? self->n_bins : 0;
  if (bin_hz)
    *bin_hz = self->bin_hz;
  return self->have_spectrum ? self->spectrum : NULL;
}

void
lq_live_meters_get_gr_history (LqLiveMeters  *self,
                               const float  **compressor_db,
                               const float  **limiter_db,
                               guint         *n_points)
{
  g_return_if_fail (LQ_IS_LIVE_METERS (self));

  *compressor_db = *limiter_db = NULL;
  *n_points = 0;
  if (self->feed != NULL)
    lq_meter_feed_get_gr_history (self->feed, compressor_db, limiter_db, n_points);
}
