/* lq-source-buffer.c
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

#include <glib/gi18n.h>
#include <math.h>
#include <soxr.h>

#include "lq-audio-file.h"
#include "lq-db.h"
#include "lq-loudness.h"
#include "lq-truepeak.h"
#include "lq-source-buffer.h"

#define READ_FRAMES 65536

struct _LqSourceBuffer
{
  GObject  parent_instance;

  char    *path;
  char    *display_name;
  double   rate;
  double   file_rate;
  guint    channels;
  guint64  frames;
  float   *data[2];
  double   loudness;
  double   true_peak;
};

G_DEFINE_FINAL_TYPE (LqSourceBuffer, lq_source_buffer, G_TYPE_OBJECT)

/* Integrated loudness and true peak of what the player sends to the two sides: what level
 * matching needs to keep every source under the monitoring ceiling. */
static void
measure (LqSourceBuffer *self)
{
  LqLoudnessConfig config = { .sample_rate = self->rate, .channels = 2 };
  LqLoudness *meter;
  LqTruePeak *tp;
  LqStatus status;

  self->loudness = -HUGE_VAL;
  self->true_peak = -HUGE_VAL;
  meter = lq_loudness_new (&config, &status);
  tp = lq_truepeak_new (2, self->rate, READ_FRAMES, &status);
  if (meter == NULL || tp == NULL)
    {
      g_clear_pointer (&meter, lq_loudness_free);
      g_clear_pointer (&tp, lq_truepeak_free);
      return;
    }
  for (guint64 pos = 0; pos < self->frames; pos += READ_FRAMES)
    {
      const float *in[2] = { self->data[0] + pos, self->data[self->channels > 1] + pos };
      guint64 n = MIN (READ_FRAMES, self->frames - pos);

      lq_loudness_process (meter, in, (uint32_t) n);
      lq_truepeak_process (tp, in, (uint32_t) n);
    }
  lq_truepeak_flush (tp);
  self->loudness = lq_loudness_get_integrated (meter);
  {
    double peak = MAX (lq_truepeak_get_max (tp, 0), lq_truepeak_get_max (tp, 1));

    self->true_peak = peak > 0.0 ? lq_gain_to_db (peak) : -HUGE_VAL;
  }
  lq_loudness_free (meter);
  lq_truepeak_free (tp);
}

static void
lq_source_buffer_finalize (GObject *object)
{
  LqSourceBuffer *self = (LqSourceBuffer *) object;

  g_free (self->path);
  g_free (self->display_name);
  g_free (self->data[0]);
  g_free (self->data[1]);

  G_OBJECT_CLASS (lq_source_buffer_parent_class)->finalize (object);
}

static void
lq_source_buffer_class_init (LqSourceBufferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lq_source_buffer_finalize;
}

static void
lq_source_buffer_init (LqSourceBuffer *self)
{
  self->loudness = -HUGE_VAL;
  self->true_peak = -HUGE_VAL;
}

LqSourceBuffer *
lq_source_buffer_load (const char    *path,
                       double         rate,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(LqSourceBuffer) self = NULL;
  g_autoptr(LqAudioFile) file = NULL;
  g_autofree float *block = NULL;
  const LqAudioInfo *info;
  guint64 capacity = 0;

  g_return_val_if_fail (path != NULL, NULL);

  file = lq_audio_file_open (path, error);
  if (file == NULL)
    return NULL;
  if (!lq_audio_file_check_playable (file, error))
    return NULL;
  info = lq_audio_file_get_info (file);
  if (rate > 0 && !lq_audio_file_set_output_rate (file, rate, error))
    return NULL;

  self = g_object_new (LQ_TYPE_SOURCE_BUFFER, NULL);
  self->path = g_strdup (path);
  self->display_name = g_filename_display_basename (path);
  self->file_rate = info->sample_rate;
  self->rate = lq_audio_file_get_output_rate (file);
  self->channels = info->channels;

  /* The header's length (scaled to the output rate) sizes the buffers; they grow if the
   * decoder delivers more. */
  if (info->frames > 0)
    capacity = (guint64) ceil ((double) info->frames * self->rate / self->file_rate) + 64;
  capacity = MAX (capacity, READ_FRAMES);
  for (guint c = 0; c < self->channels; c++)
    self->data[c] = g_try_new (float, capacity);
  if (self->data[0] == NULL || (self->channels > 1 && self->data[1] == NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("%s: not enough memory to load %.0f minutes of audio"),
                   self->display_name, capacity / self->rate / 60.0);
      return NULL;
    }

  block = g_new (float, (gsize) READ_FRAMES * self->channels);
  for (;;)
    {
      gssize got;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      got = lq_audio_file_read (file, block, READ_FRAMES, error);
      if (got < 0)
        return NULL;
      if (got == 0)
        break;
      if (self->frames + (guint64) got > capacity)
        {
          capacity = MAX (capacity * 2, self->frames + (guint64) got);
          for (guint c = 0; c < self->channels; c++)
            self->data[c] = g_renew (float, self->data[c], capacity);
        }
      for (gssize i = 0; i < got; i++)
        for (guint c = 0; c < self->channels; c++)
          self->data[c][self->frames + (guint64) i] = block[(gsize) i * self->channels + c];
      self->frames += (guint64) got;
    }

  if (self->frames == 0)
    {
      g_set_error (error, LQ_AUDIO_FILE_ERROR, LQ_AUDIO_FILE_ERROR_NO_FRAMES,
                   _("%s: The file holds no audio"), self->display_name);
      return NULL;
    }

  measure (self);
  return g_steal_pointer (&self);
}

LqSourceBuffer *
lq_source_buffer_new_from_interleaved (const char  *name,
                                       double       rate,
                                       guint        channels,
                                       const float *frames,
                                       guint64      n_frames)
{
  LqSourceBuffer *self;

  g_return_val_if_fail (channels == 1 || channels == 2, NULL);
  g_return_val_if_fail (rate >= 8000.0, NULL);
  g_return_val_if_fail (frames != NULL || n_frames == 0, NULL);

  self = g_object_new (LQ_TYPE_SOURCE_BUFFER, NULL);
  self->path = g_strdup (name);
  self->display_name = g_strdup (name);
  self->rate = self->file_rate = rate;
  self->channels = channels;
  self->frames = n_frames;
  for (guint c = 0; c < channels; c++)
    {
      self->data[c] = g_new (float, MAX (n_frames, 1));
      for (guint64 i = 0; i < n_frames; i++)
        self->data[c][i] = frames[i * channels + c];
    }
  measure (self);
  return self;
}

LqSourceBuffer *
lq_source_buffer_new_take (const char *path,
                           double      rate,
                           guint       channels,
                           float      *data[2],
                           guint64     n_frames)
{
  LqSourceBuffer *self;

  g_return_val_if_fail (channels == 1 || channels == 2, NULL);
  g_return_val_if_fail (rate > 0.0, NULL);

  self = g_object_new (LQ_TYPE_SOURCE_BUFFER, NULL);
  self->path = g_strdup (path);
  self->display_name = g_filename_display_basename (path);
  self->rate = self->file_rate = rate;
  self->channels = channels;
  self->frames = n_frames;
  self->data[0] = data[0];
  self->data[1] = channels > 1 ? data[1] : NULL;
  measure (self);
  return self;
}

/* The same soxr quality the decoder resamples with. */
gboolean
lq_resample_planar (const float *const *in,
                    guint               channels,
                    guint64             frames,
                    double              from,
                    double              to,
                    float              *out[2],
                    guint64            *out_frames,
                    GError            **error)
{
  soxr_io_spec_t io = soxr_io_spec (SOXR_FLOAT32_S, SOXR_FLOAT32_S);
  soxr_quality_spec_t q = soxr_quality_spec (SOXR_VHQ, 0);
  guint64 n = (guint64) ceil ((double) frames * to / from);
  size_t done = 0;
  soxr_error_t err;

  g_return_val_if_fail (channels >= 1 && channels <= 2, FALSE);

  out[0] = out[1] = NULL;
  for (guint c = 0; c < channels; c++)
    if (!(out[c] = g_try_new (float, MAX (n, 1))))
      {
        g_clear_pointer (&out[0], g_free);
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                     _("not enough memory to resample %.0f minutes of audio"), n / to / 60.0);
        return FALSE;
      }
  err = soxr_oneshot (from, to, channels, (soxr_in_t) in, frames, NULL,
                      (soxr_out_t) out, n, &done, &io, &q, NULL);
  if (err != NULL)
    {
      g_clear_pointer (&out[0], g_free);
      g_clear_pointer (&out[1], g_free);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("resampling failed (%s)"), err);
      return FALSE;
    }
  *out_frames = done;
  return TRUE;
}

static LqSourceBuffer *
resample (LqSourceBuffer *self,
          double          rate,
          GError        **error)
{
  const float *in[2] = { self->data[0], self->data[1] };
  float *out[2];
  guint64 done = 0;
  g_autoptr(GError) local = NULL;
  LqSourceBuffer *copy;

  if (!lq_resample_planar (in, self->channels, self->frames, self->rate, rate, out, &done,
                           &local))
    {
      g_set_error (error, local->domain, local->code, "%s: %s", self->display_name,
                   local->message);
      return NULL;
    }
  copy = lq_source_buffer_new_take (self->path, rate, self->channels, out, done);
  copy->file_rate = self->file_rate;
  return copy;
}

static void
resample_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  LqSourceBuffer *self = source_object;
  double rate = *(double *) task_data;
  GError *error = NULL;
  LqSourceBuffer *copy = resample (self, rate, &error);

  if (copy == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, copy, g_object_unref);
}

void
lq_source_buffer_resample_async (LqSourceBuffer      *self,
                                 double               rate,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  double *data;

  g_return_if_fail (LQ_IS_SOURCE_BUFFER (self));
  g_return_if_fail (rate >= 8000.0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lq_source_buffer_resample_async);
  if (rate == self->rate)
    {
      g_task_return_pointer (task, g_object_ref (self), g_object_unref);
      return;
    }
  data = g_new (double, 1);
  *data = rate;
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, resample_thread);
}

LqSourceBuffer *
lq_source_buffer_resample_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  double rate = *(double *) task_data;
  GError *error = NULL;
  LqSourceBuffer *buffer = lq_source_buffer_load (path, rate, cancellable, &error);

  if (buffer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, buffer, g_object_unref);
}

void
lq_source_buffer_load_async (const char          *path,
                             double               rate,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  double *data;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lq_source_buffer_load_async);
  data = g_new (double, 1);
  *data = rate;
  g_task_set_task_data (task, data, g_free);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (path), g_free);
  g_task_run_in_thread (task, load_thread);
}

LqSourceBuffer *
lq_source_buffer_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
lq_source_buffer_get_path (LqSourceBuffer *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_BUFFER (self), NULL);
  return self->path;
}

const char *
lq_source_buffer_get_display_name (LqSourceBuffer *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_BUFFER (self), NULL);
  return self->display_name;
}

double
lq_source_buffer_get_sample_rate (LqSourceBuffer *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_BUFFER (self), 0.0);
  return self->rate;
}

double
lq_source_buffer_get_file_rate (LqSourceBuffer *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_BUFFER (self), 0.0);
  return self->file_rate;
}

guint
lq_source_buffer_get_channels (LqSourceBuffer *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_BUFFER (self), 0);
  return self->channels;
}

guint64
lq_source_buffer_get_frames (LqSourceBuffer *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_BUFFER (self), 0);
  return self->frames;
}

const float *
lq_source_buffer_get_data (LqSourceBuffer *self,
                           guint           channel)
{
  g_return_val_if_fail (LQ_IS_SOURCE_BUFFER (self), NULL);
  g_return_val_if_fail (channel < 2, NULL);
  return self->data[self->channels > 1 ? channel : 0];
}

double
lq_source_buffer_get_loudness (LqSourceBuffer *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_BUFFER (self), -HUGE_VAL);
  return self->loudness;
}

double
lq_source_buffer_get_true_peak (LqSourceBuffer *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_BUFFER (self), -HUGE_VAL);
  return self->true_peak;
}
