/* lq-meter-feed.c
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

#include "lq-db.h"
#include "lq-meter-feed-private.h"
#include "lq-spectrum.h"

#define CORRELATION_STEPS 30      /* 300 ms */
#define HISTORY_CAPACITY  12000   /* 2 minutes of 10 ms steps */
#define DRAIN_FRAMES      4096

struct _LqMeterFeed
{
  GObject          parent_instance;

  LqEngineRt      *rt;
  LqMeterSnapshot  snapshot;
  gboolean         awaiting;
  guint32          await_serial;

  /* Correlation over the last CORRELATION_STEPS meter frames. */
  double           corr[CORRELATION_STEPS][3];
  guint            corr_next;

  /* History: twice the capacity, shifted down when full (amortised O(1)). */
  float           *history[2];
  guint            n_history;

  /* Gain reduction history, the same way; gr_step collects the meter frames of one point. */
  float           *gr_history[2];
  guint            n_gr_history;
  float            gr_step[2];
  guint            gr_step_frames;

  /* Spectrum: the last fft_size frames heard, circular per channel. */
  gboolean         spectrum_enabled;
  LqSpectrum      *spectrum;
  guint            fft_size;
  float           *tail[2];
  guint            tail_pos;
  float           *unrolled[2];
  float           *spectrum_db;
  float           *drain;
};

G_DEFINE_FINAL_TYPE (LqMeterFeed, lq_meter_feed, G_TYPE_OBJECT)

static inline double
to_db (float linear)
{
  return linear > 0.0f ? lq_gain_to_db (linear) : -HUGE_VAL;
}

static inline double
lufs_or_silence (float lufs)
{
  return isfinite (lufs) ? (double) lufs : -HUGE_VAL;
}

static void
clear_spectrum (LqMeterFeed *self)
{
  g_clear_pointer (&self->spectrum, lq_spectrum_free);
  for (guint c = 0; c < 2; c++)
    {
      g_clear_pointer (&self->tail[c], g_free);
      g_clear_pointer (&self->unrolled[c], g_free);
    }
  g_clear_pointer (&self->spectrum_db, g_free);
  self->fft_size = 0;
  self->tail_pos = 0;
}

static void
lq_meter_feed_finalize (GObject *object)
{
  LqMeterFeed *self = (LqMeterFeed *) object;

  clear_spectrum (self);
  g_free (self->history[0]);
  g_free (self->history[1]);
  g_free (self->gr_history[0]);
  g_free (self->gr_history[1]);
  g_free (self->drain);

  G_OBJECT_CLASS (lq_meter_feed_parent_class)->finalize (object);
}

static void
lq_meter_feed_class_init (LqMeterFeedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lq_meter_feed_finalize;
}

static void
lq_meter_feed_init (LqMeterFeed *self)
{
  self->history[0] = g_new (float, 2 * HISTORY_CAPACITY);
  self->history[1] = g_new (float, 2 * HISTORY_CAPACITY);
  self->gr_history[0] = g_new (float, 2 * LQ_GR_HISTORY_POINTS);
  self->gr_history[1] = g_new (float, 2 * LQ_GR_HISTORY_POINTS);
  self->drain = g_new (float, 2 * DRAIN_FRAMES);
  lq_meter_feed_reset (self);
}

LqMeterFeed *
_lq_meter_feed_new (void)
{
  return g_object_new (LQ_TYPE_METER_FEED, NULL);
}

void
_lq_meter_feed_attach (LqMeterFeed *self,
                       LqEngineRt  *rt)
{
  g_return_if_fail (LQ_IS_METER_FEED (self));

  if (self->rt == rt)
    return;
  self->rt = rt;
  clear_spectrum (self);
  lq_meter_feed_reset (self);
  self->awaiting = FALSE;
  if (rt != NULL)
    {
      LqStatus status;

      self->spectrum = lq_spectrum_new (lq_engine_rt_get_sample_rate (rt), 0, &status);
      if (self->spectrum != NULL)
        {
          self->fft_size = lq_spectrum_get_fft_size (self->spectrum);
          for (guint c = 0; c < 2; c++)
            {
              self->tail[c] = g_new0 (float, self->fft_size);
              self->unrolled[c] = g_new0 (float, self->fft_size);
            }
          self->spectrum_db = g_new (float, lq_spectrum_get_n_bins (self->spectrum));
          for (guint i = 0; i < lq_spectrum_get_n_bins (self->spectrum); i++)
            self->spectrum_db[i] = -HUGE_VALF;
        }
    }
}

void
lq_meter_feed_reset (LqMeterFeed *self)
{
  LqMeterSnapshot *s;

  g_return_if_fail (LQ_IS_METER_FEED (self));

  s = &self->snapshot;
  memset (s, 0, sizeof *s);
  s->momentary_lufs = s->short_term_lufs = s->integrated_lufs = -HUGE_VAL;
  s->max_momentary_lufs = -HUGE_VAL;
  for (guint c = 0; c < 2; c++)
    s->true_peak_dbtp[c] = s->sample_peak_dbfs[c] = s->true_peak_max_dbtp[c] = -HUGE_VAL;
  memset (self->corr, 0, sizeof self->corr);
  self->n_history = 0;
  self->n_gr_history = 0;
  self->gr_step[0] = self->gr_step[1] = 0.0f;
  self->gr_step_frames = 0;
}

void
_lq_meter_feed_reset_await (LqMeterFeed *self,
                            guint32      serial)
{
  g_return_if_fail (LQ_IS_METER_FEED (self));

  lq_meter_feed_reset (self);
  self->awaiting = self->rt != NULL;
  self->await_serial = serial;
}

static void
history_push (LqMeterFeed *self,
              float        momentary,
              float        short_term)
{
  if (self->n_history == 2 * HISTORY_CAPACITY)
    {
      for (guint c = 0; c < 2; c++)
        memmove (self->history[c], self->history[c] + HISTORY_CAPACITY,
                 HISTORY_CAPACITY * sizeof (float));
      self->n_history = HISTORY_CAPACITY;
    }
  self->history[0][self->n_history] = isfinite (momentary) ? momentary : -HUGE_VALF;
  self->history[1][self->n_history] = isfinite (short_term) ? short_term : -HUGE_VALF;
  self->n_history++;
}

/* One meter frame's gain reductions; every GR_STEP_FRAMES frames the step's largest becomes
 * a point. */
#define GR_STEP_FRAMES (LQ_GR_HISTORY_STEP_MS / 10)

static void
gr_history_push (LqMeterFeed *self,
                 float        compressor_db,
                 float        limiter_db)
{
  self->gr_step[0] = MAX (self->gr_step[0], isfinite (compressor_db) ? compressor_db : 0.0f);
  self->gr_step[1] = MAX (self->gr_step[1], isfinite (limiter_db) ? limiter_db : 0.0f);
  if (++self->gr_step_frames < GR_STEP_FRAMES)
    return;
  if (self->n_gr_history == 2 * LQ_GR_HISTORY_POINTS)
    {
      for (guint c = 0; c < 2; c++)
        memmove (self->gr_history[c], self->gr_history[c] + LQ_GR_HISTORY_POINTS,
                 LQ_GR_HISTORY_POINTS * sizeof (float));
      self->n_gr_history = LQ_GR_HISTORY_POINTS;
    }
  for (guint c = 0; c < 2; c++)
    {
      self->gr_history[c][self->n_gr_history] = self->gr_step[c];
      self->gr_step[c] = 0.0f;
    }
  self->n_gr_history++;
  self->gr_step_frames = 0;
}

static void
take_frame (LqMeterFeed        *self,
            const LqMeterFrame *f,
            gboolean            first)
{
  LqMeterSnapshot *s = &self->snapshot;
  double ll = 0.0, rr = 0.0, lr = 0.0;

  if (first)
    {
      for (guint c = 0; c < 2; c++)
        s->true_peak_dbtp[c] = s->sample_peak_dbfs[c] = -HUGE_VAL;
      s->compressor_gr_db = s->limiter_gr_db = 0.0;
    }

  s->momentary_lufs = lufs_or_silence (f->momentary);
  s->short_term_lufs = lufs_or_silence (f->short_term);
  s->integrated_lufs = lufs_or_silence (f->integrated);
  s->max_momentary_lufs = MAX (s->max_momentary_lufs, s->momentary_lufs);
  for (guint c = 0; c < 2; c++)
    {
      double tp = to_db (f->true_peak[c]);
      double sp = to_db (f->sample_peak[c]);

      s->true_peak_dbtp[c] = MAX (s->true_peak_dbtp[c], tp);
      s->sample_peak_dbfs[c] = MAX (s->sample_peak_dbfs[c], sp);
      s->true_peak_max_dbtp[c] = MAX (s->true_peak_max_dbtp[c], tp);
    }
  s->compressor_gr_db = MAX (s->compressor_gr_db, f->compressor_gr_db);
  s->limiter_gr_db = MAX (s->limiter_gr_db, f->limiter_gr_db);
  s->stream_frame = f->stream_frame;
  s->position = f->position;
  s->slot = f->slot;
  s->xruns = f->xruns;
  s->frames_metered += f->frames;

  self->corr[self->corr_next][0] = f->sum_ll;
  self->corr[self->corr_next][1] = f->sum_rr;
  self->corr[self->corr_next][2] = f->sum_lr;
  self->corr_next = (self->corr_next + 1) % CORRELATION_STEPS;
  for (guint i = 0; i < CORRELATION_STEPS; i++)
    {
      ll += self->corr[i][0];
      rr += self->corr[i][1];
      lr += self->corr[i][2];
    }
  s->correlation = ll > 1e-12 && rr > 1e-12 ? CLAMP (lr / sqrt (ll * rr), -1.0, 1.0) : 0.0;

  history_push (self, f->momentary, f->short_term);
  gr_history_push (self, f->compressor_gr_db, f->limiter_gr_db);
}

static void
take_audio (LqMeterFeed *self,
            const float *frames,
            guint        n)
{
  if (self->fft_size == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      self->tail[0][self->tail_pos] = frames[2 * i];
      self->tail[1][self->tail_pos] = frames[2 * i + 1];
      self->tail_pos = (self->tail_pos + 1) % self->fft_size;
    }
}

gboolean
lq_meter_feed_update (LqMeterFeed *self)
{
  LqMeterFrame frame;
  gboolean any = FALSE;
  guint got;

  g_return_val_if_fail (LQ_IS_METER_FEED (self), FALSE);

  if (self->rt == NULL)
    return FALSE;

  while (lq_engine_rt_pop_meter (self->rt, &frame))
    {
      if (self->awaiting && frame.reset_serial != self->await_serial)
        continue;
      self->awaiting = FALSE;
      take_frame (self, &frame, !any);
      any = TRUE;
    }

  while ((got = lq_engine_rt_read_audio (self->rt, self->drain, DRAIN_FRAMES)) > 0)
    {
      if (self->spectrum_enabled)
        take_audio (self, self->drain, got);
      any = TRUE;
    }

  if (any && self->spectrum_enabled && self->spectrum != NULL)
    {
      guint head = self->fft_size - self->tail_pos;

      for (guint c = 0; c < 2; c++)
        {
          memcpy (self->unrolled[c], self->tail[c] + self->tail_pos, head * sizeof (float));
          memcpy (self->unrolled[c] + head, self->tail[c], self->tail_pos * sizeof (float));
        }
      lq_spectrum_frame (self->spectrum, self->unrolled[0], self->unrolled[1], self->spectrum_db);
    }

  return any;
}

void
lq_meter_feed_get_snapshot (LqMeterFeed     *self,
                            LqMeterSnapshot *snapshot)
{
  g_return_if_fail (LQ_IS_METER_FEED (self));
  g_return_if_fail (snapshot != NULL);

  *snapshot = self->snapshot;
}

void
lq_meter_feed_set_spectrum_enabled (LqMeterFeed *self,
                                    gboolean     enabled)
{
  g_return_if_fail (LQ_IS_METER_FEED (self));

  self->spectrum_enabled = !!enabled;
}

const float *
lq_meter_feed_get_spectrum (LqMeterFeed *self,
                            guint       *n_bins,
                            double      *bin_hz)
{
  g_return_val_if_fail (LQ_IS_METER_FEED (self), NULL);

  if (self->spectrum == NULL)
    {
      if (n_bins)
        *n_bins = 0;
      if (bin_hz)
        *bin_hz = 0.0;
      return NULL;
    }
  if (n_bins)
    *n_bins = lq_spectrum_get_n_bins (self->spectrum);
  if (bin_hz)
    *bin_hz = lq_spectrum_get_bin_hz (self->spectrum);
  return self->spectrum_db;
}

const float *
lq_meter_feed_get_history (LqMeterFeed *self,
                           gboolean     short_term,
                           guint       *n_points)
{
  guint first;

  g_return_val_if_fail (LQ_IS_METER_FEED (self), NULL);

  first = self->n_history > HISTORY_CAPACITY ? self->n_history - HISTORY_CAPACITY : 0;
  if (n_points)
    *n_points = self->n_history - first;
  return self->history[short_term ? 1 : 0] + first;
}

void
lq_meter_feed_get_gr_history (LqMeterFeed  *self,
                              const float **compressor_db,
                              const float **limiter_db,
                              guint        *n_points)
{
  guint first;

  g_return_if_fail (LQ_IS_METER_FEED (self));

  first = self->n_gr_history > LQ_GR_HISTORY_POINTS
          ? self->n_gr_history - LQ_GR_HISTORY_POINTS : 0;
  if (compressor_db)
    *compressor_db = self->gr_history[0] + first;
  if (limiter_db)
    *limiter_db = self->gr_history[1] + first;
  if (n_points)
    *n_points = self->n_gr_history - first;
}
