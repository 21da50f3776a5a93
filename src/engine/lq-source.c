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

#include "lq-check.h"
#include "lq-source.h"

struct _LqSource
{
  GObject           parent_instance;

  LqSourceKind      kind;
  LqSource         *mix;          /* master only: whose analysis it shares */
  LqAnalysisResult *result;     /* a master's own once measured; else NULL for a master */
  LqSourceBuffer   *buffer;     /* the decoded audio at the file's rate; NULL: not playable */
  char             *play_error; /* why there is no buffer */
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

char *
lq_source_dup_title_for_path (const char *path)
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
take_spectrum (LqSource *self)
{
  g_clear_pointer (&self->spectrum_db, g_free);
  self->n_bins = 0;
  self->bin_hz = 0.0;
  if (self->result != NULL && self->result->spectrum != NULL)
    {
      self->n_bins = lq_spectrum_get_n_bins (self->result->spectrum);
      self->bin_hz = lq_spectrum_get_bin_hz (self->result->spectrum);
      self->spectrum_db = g_new (float, self->n_bins);
      lq_spectrum_get_average_db (self->result->spectrum, self->spectrum_db);
    }
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
  g_clear_object (&self->buffer);
  g_clear_pointer (&self->play_error, g_free);
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
  self->title = result->path ? lq_source_dup_title_for_path (result->path) : g_strdup (_("Untitled"));
  take_spectrum (self);
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

  if (self->mix != NULL)
    return lq_source_get_path (self->mix);
  result = lq_source_get_result (self);
  return result ? result->path : NULL;
}

const LqAnalysisResult *
lq_source_get_result (LqSource *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE (self), NULL);

  if (self->result != NULL)
    return self->result;
  return self->mix ? self->mix->result : NULL;
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

  if (self->mix != NULL && self->result == NULL)
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

/* Collects the decoded blocks as planar audio while the analysis reads them. */
typedef struct
{
  guint    channels;
  guint64  frames;
  guint64  capacity;
  float   *data[2];
} Collect;

static gboolean
collect_sink (const float *interleaved,
              guint        channels,
              guint32      n_frames,
              gpointer     user_data,
              GError     **error)
{
  Collect *c = user_data;

  if (channels > 2)
    return TRUE;    /* analysed, not played: nothing to keep */
  c->channels = channels;
  if (c->frames + n_frames > c->capacity)
    {
      guint64 capacity = MAX (c->capacity * 2, c->frames + n_frames);

      for (guint ch = 0; ch < channels; ch++)
        {
          float *grown = g_try_renew (float, c->data[ch], capacity);

          if (grown == NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _("Not enough memory to hold %.0f million samples"),
                           capacity / 1e6);
              return FALSE;
            }
          c->data[ch] = grown;
        }
      c->capacity = capacity;
    }
  for (guint32 i = 0; i < n_frames; i++)
    for (guint ch = 0; ch < channels; ch++)
      c->data[ch][c->frames + i] = interleaved[(gsize) i * channels + ch];
  c->frames += n_frames;
  return TRUE;
}

/* Decodes the file once: the analysis pass (for the mix with the check readings of the
 * default profile) and the audio the player needs come from the same decoded blocks. */
LqSource *
lq_source_load (const char      *path,
                LqSourceKind     kind,
                GCancellable    *cancellable,
                LqProgressFunc   progress,
                gpointer         progress_data,
                GError         **error)
{
  Collect c = { 0 };
  LqCheckSettings settings;
  LqMixCheckConfig check;
  LqAnalysisResult *result;
  LqSource *self;

  g_return_val_if_fail (path != NULL, NULL);

  /* The mix's readiness readings come from the same pass (the window's Check view). */
  lq_check_settings_init (&settings, LQ_CHECK_PROFILE_DEFAULT);
  lq_check_settings_to_config (&settings, &check);
  result = lq_analyze_file_full (path, LQ_ANALYZE_ALL, kind == LQ_SOURCE_KIND_MIX ? &check : NULL,
                                 collect_sink, &c, cancellable, progress, progress_data, error);
  if (result == NULL)
    {
      g_free (c.data[0]);
      g_free (c.data[1]);
      return NULL;
    }
  self = lq_source_new (kind, result);
  if (result->info.channels <= 2 && c.frames > 0)
    self->buffer = lq_source_buffer_new_take (path, result->info.sample_rate, c.channels,
                                              c.data, c.frames);
  else
    {
      g_free (c.data[0]);
      g_free (c.data[1]);
      self->play_error = g_strdup_printf (_("%s: %u channels; playback and mastering take mono "
                                            "or stereo files (analysis measures up to 7.1)"),
                                          self->title, result->info.channels);
    }
  return self;
}

LqSourceBuffer *
lq_source_get_buffer (LqSource  *self,
                      GError   **error)
{
  g_return_val_if_fail (LQ_IS_SOURCE (self), NULL);

  if (self->mix != NULL)
    return lq_source_get_buffer (self->mix, error);
  if (self->buffer == NULL)
    g_set_error_literal (error, LQ_AUDIO_FILE_ERROR, LQ_AUDIO_FILE_ERROR_TOO_MANY_CHANNELS,
                         self->play_error ? self->play_error : _("Nothing to play"));
  return self->buffer;
}

void
lq_source_set_master_result (LqSource         *self,
                             LqAnalysisResult *result)
{
  g_return_if_fail (LQ_IS_SOURCE (self));
  g_return_if_fail (self->kind == LQ_SOURCE_KIND_MASTER);

  if (self->result == result)
    return;
  g_clear_pointer (&self->result, lq_analysis_result_free);
  if (result != NULL)
    self->result = lq_analysis_result_ref (result);
  take_spectrum (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_INTEGRATED_LUFS]);
}

