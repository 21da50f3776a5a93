/* lq-source.c
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

#include "lq-source.h"

struct _LqSource
{
  GObject           parent_instance;

  LqSourceKind      kind;
  LqSource         *mix;          /* master only: whose analysis it shares */
  LqAnalysisResult *result;
  char             *title;
  float            *spectrum_db;
  guint             n_bins;
  double            bin_hz;
  double            matched_gain;
};

G_DEFINE_ENUM_TYPE (LqSourceKind, lq_source_kind,
                    G_DEFINE_ENUM_VALUE (LQ_SOURCE_KIND_MIX, "mix"),
                    G_DEFINE_ENUM_VALUE (LQ_SOURCE_KIND_MASTER, "master"),
                    G_DEFINE_ENUM_VALUE (LQ_SOURCE_KIND_REFERENCE, "reference"))

G_DEFINE_FINAL_TYPE (LqSource, lq_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_PATH,
  PROP_DURATION,
  PROP_INTEGRATED_LUFS,
  PROP_MATCHED_GAIN,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static char *
title_from_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *display = g_filename_display_name (base);
  char *dot = strrchr (display, '.');

  if (dot != NULL && dot != display)
    *dot = '\0';
  return g_steal_pointer (&display);
}

static double
history_at (LqSource    *self,
            const float *series,
            double       seconds)
{
  const LqAnalysisResult *result = lq_source_get_result (self);
  double index;

  if (result == NULL || series == NULL || result->n_history == 0 || !(seconds >= 0.0))
    return -HUGE_VAL;
  index = floor (seconds * LQ_HISTORY_RATE);
  if (index >= (double) result->n_history)
    return -HUGE_VAL;
  return series[(guint64) index];
}

static void
lq_source_dispose (GObject *object)
{
  LqSource *self = (LqSource *)object;

  g_clear_object (&self->mix);

  G_OBJECT_CLASS (lq_source_parent_class)->dispose (object);
}

static void
lq_source_finalize (GObject *object)
{
  LqSource *self = (LqSource *)object;

  g_clear_pointer (&self->result, lq_analysis_result_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->spectrum_db, g_free);

  G_OBJECT_CLASS (lq_source_parent_class)->finalize (object);
}

static void
lq_source_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LqSource *self = LQ_SOURCE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_PATH:
      g_value_set_string (value, lq_source_get_path (self));
      break;
    case PROP_DURATION:
      g_value_set_double (value, lq_source_get_duration (self));
      break;
    case PROP_INTEGRATED_LUFS:
      g_value_set_double (value, lq_source_get_integrated_lufs (self));
      break;
    case PROP_MATCHED_GAIN:
      g_value_set_double (value, self->matched_gain);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_source_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LqSource *self = LQ_SOURCE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_MATCHED_GAIN:
      lq_source_set_matched_gain (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_source_class_init (LqSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lq_source_dispose;
  object_class->finalize = lq_source_finalize;
  object_class->get_property = lq_source_get_property;
  object_class->set_property = lq_source_set_property;

  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, LQ_TYPE_SOURCE_KIND, LQ_SOURCE_KIND_MIX,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_DURATION] =
    g_param_spec_double ("duration", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_INTEGRATED_LUFS] =
    g_param_spec_double ("integrated-lufs", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_MATCHED_GAIN] =
    g_param_spec_double ("matched-gain", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lq_source_init (LqSource *self)
{
}

LqSource *
lq_source_new (LqSourceKind      kind,
               LqAnalysisResult *result)
{
  LqSource *self;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (kind != LQ_SOURCE_KIND_MASTER, NULL);

  self = g_object_new (LQ_TYPE_SOURCE, "kind", kind, NULL);
  self->result = result;
  self->title = result->path ? title_from_path (result->path) : g_strdup (_("Untitled"));
  if (result->spectrum != NULL)
    {
      self->n_bins = lq_spectrum_get_n_bins (result->spectrum);
      self->bin_hz = lq_spectrum_get_bin_hz (result->spectrum);
      self->spectrum_db = g_new (float, self->n_bins);
      lq_spectrum_get_average_db (result->spectrum, self->spectrum_db);
    }
  return self;
}

LqSource *
lq_source_new_master (LqSource *mix)
{
  LqSource *self;

  g_return_val_if_fail (LQ_IS_SOURCE (mix), NULL);
  g_return_val_if_fail (mix->kind == LQ_SOURCE_KIND_MIX, NULL);

  self = g_object_new (LQ_TYPE_SOURCE, "kind", LQ_SOURCE_KIND_MASTER, NULL);
  self->mix = g_object_ref (mix);
  self->title = g_strdup (_("Master"));
  return self;
}

LqSourceKind
lq_source_get_kind (LqSource *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE (self), LQ_SOURCE_KIND_MIX);

  return self->kind;
}

const char *
lq_source_get_title (LqSource *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE (self), NULL);

  return self->title;
}

const char *
lq_source_get_path (LqSource *self)
{
  const LqAnalysisResult *result;

  g_return_val_if_fail (LQ_IS_SOURCE (self), NULL);

  result = lq_source_get_result (self);
  return result ? result->path : NULL;
}

const LqAnalysisResult *
lq_source_get_result (LqSource *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE (self), NULL);

  return self->mix ? self->mix->result : self->result;
}

double
lq_source_get_duration (LqSource *self)
{
  const LqAnalysisResult *result;

  g_return_val_if_fail (LQ_IS_SOURCE (self), 0.0);

  result = lq_source_get_result (self);
  if (result == NULL || result->summary.sample_rate <= 0.0)
    return 0.0;
  return (double) result->summary.frames / result->summary.sample_rate;
}

double
lq_source_get_sample_rate (LqSource *self)
{
  const LqAnalysisResult *result;

  g_return_val_if_fail (LQ_IS_SOURCE (self), 0.0);

  result = lq_source_get_result (self);
  return result ? result->summary.sample_rate : 0.0;
}

double
lq_source_get_integrated_lufs (LqSource *self)
{
  const LqAnalysisResult *result;

  g_return_val_if_fail (LQ_IS_SOURCE (self), -HUGE_VAL);

  result = lq_source_get_result (self);
  return result ? result->summary.integrated_lufs : -HUGE_VAL;
}

double
lq_source_get_momentary_at (LqSource *self,
                            double    seconds)
{
  const LqAnalysisResult *result;

  g_return_val_if_fail (LQ_IS_SOURCE (self), -HUGE_VAL);

  result = lq_source_get_result (self);
  return history_at (self, result ? result->momentary : NULL, seconds);
}

double
lq_source_get_short_term_at (LqSource *self,
                             double    seconds)
{
  const LqAnalysisResult *result;

  g_return_val_if_fail (LQ_IS_SOURCE (self), -HUGE_VAL);

  result = lq_source_get_result (self);
  return history_at (self, result ? result->short_term : NULL, seconds);
}

const float *
lq_source_get_spectrum_db (LqSource *self,
                           guint    *n_bins,
                           double   *bin_hz)
{
  g_return_val_if_fail (LQ_IS_SOURCE (self), NULL);

  if (self->mix != NULL)
    return lq_source_get_spectrum_db (self->mix, n_bins, bin_hz);
  if (n_bins)
    *n_bins = self->n_bins;
  if (bin_hz)
    *bin_hz = self->bin_hz;
  return self->spectrum_db;
}

double
lq_source_get_matched_gain (LqSource *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE (self), 0.0);

  return self->matched_gain;
}

void
lq_source_set_matched_gain (LqSource *self,
                            double    gain_db)
{
  g_return_if_fail (LQ_IS_SOURCE (self));

  if (self->matched_gain == gain_db)
    return;
  self->matched_gain = gain_db;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MATCHED_GAIN]);
}

typedef struct
{
  char           *path;
  LqSourceKind    kind;
  LqProgressFunc  progress;
  gpointer        progress_data;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  LqSource *source;

  source = lq_source_load (data->path, data->kind, cancellable, data->progress,
                           data->progress_data, &error);
  if (source == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, source, g_object_unref);
}

LqSource *
lq_source_load (const char      *path,
                LqSourceKind     kind,
                GCancellable    *cancellable,
                LqProgressFunc   progress,
                gpointer         progress_data,
                GError         **error)
{
  LqAnalysisResult *result;

  g_return_val_if_fail (path != NULL, NULL);

  result = lq_analyze_file (path, LQ_ANALYZE_ALL, cancellable, progress, progress_data, error);
  if (result == NULL)
    return NULL;
  return lq_source_new (kind, result);
}

void
lq_source_load_async (const char          *path,
                      LqSourceKind         kind,
                      GCancellable        *cancellable,
                      LqProgressFunc       progress,
                      gpointer             progress_data,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (path != NULL);

  data = g_new0 (LoadData, 1);
  data->path = g_strdup (path);
  data->kind = kind;
  data->progress = progress;
  data->progress_data = progress_data;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lq_source_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

LqSource *
lq_source_load_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
