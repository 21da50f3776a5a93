/* lq-settings.c
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

#include <gio/gio.h>

#include "lq-ears.h"
#include "lq-settings.h"

struct _LqSettings
{
  GObject    parent_instance;

  GSettings *settings;

  char      *output_device;
  guint      buffer_size;
  char      *target_preset;
  double     listening_level;
  gboolean   loudness_match;
  int        window_width;
  int        window_height;
  gboolean   window_maximized;
  char      *export_folder;
  double     custom_lufs;
  double     custom_ceiling;
  double     max_limiting;
  double     reminder_minutes;
  double     reset_ears_s;
};

G_DEFINE_FINAL_TYPE (LqSettings, lq_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_OUTPUT_DEVICE,
  PROP_BUFFER_SIZE,
  PROP_TARGET_PRESET,
  PROP_LISTENING_LEVEL,
  PROP_LOUDNESS_MATCH,
  PROP_WINDOW_WIDTH,
  PROP_WINDOW_HEIGHT,
  PROP_WINDOW_MAXIMIZED,
  PROP_EXPORT_FOLDER,
  PROP_CUSTOM_LUFS,
  PROP_CUSTOM_CEILING,
  PROP_MAX_LIMITING,
  PROP_REMINDER_MINUTES,
  PROP_RESET_EARS_S,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
set_string (LqSettings  *self,
            char       **field,
            const char  *value,
            guint        prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop]);
}

static void
set_double (LqSettings *self,
            double     *field,
            double      value,
            GParamSpec *pspec)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
lq_settings_finalize (GObject *object)
{
  LqSettings *self = (LqSettings *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->output_device, g_free);
  g_clear_pointer (&self->target_preset, g_free);
  g_clear_pointer (&self->export_folder, g_free);

  G_OBJECT_CLASS (lq_settings_parent_class)->finalize (object);
}

static void
lq_settings_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LqSettings *self = LQ_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_OUTPUT_DEVICE:
      g_value_set_string (value, self->output_device);
      break;
    case PROP_BUFFER_SIZE:
      g_value_set_uint (value, self->buffer_size);
      break;
    case PROP_TARGET_PRESET:
      g_value_set_string (value, self->target_preset);
      break;
    case PROP_LISTENING_LEVEL:
      g_value_set_double (value, self->listening_level);
      break;
    case PROP_LOUDNESS_MATCH:
      g_value_set_boolean (value, self->loudness_match);
      break;
    case PROP_WINDOW_WIDTH:
      g_value_set_int (value, self->window_width);
      break;
    case PROP_WINDOW_HEIGHT:
      g_value_set_int (value, self->window_height);
      break;
    case PROP_WINDOW_MAXIMIZED:
      g_value_set_boolean (value, self->window_maximized);
      break;
    case PROP_EXPORT_FOLDER:
      g_value_set_string (value, self->export_folder);
      break;
    case PROP_CUSTOM_LUFS:
      g_value_set_double (value, self->custom_lufs);
      break;
    case PROP_CUSTOM_CEILING:
      g_value_set_double (value, self->custom_ceiling);
      break;
    case PROP_MAX_LIMITING:
      g_value_set_double (value, self->max_limiting);
      break;
    case PROP_REMINDER_MINUTES:
      g_value_set_double (value, self->reminder_minutes);
      break;
    case PROP_RESET_EARS_S:
      g_value_set_double (value, self->reset_ears_s);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_settings_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LqSettings *self = LQ_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_OUTPUT_DEVICE:
      lq_settings_set_output_device (self, g_value_get_string (value));
      break;
    case PROP_BUFFER_SIZE:
      lq_settings_set_buffer_size (self, g_value_get_uint (value));
      break;
    case PROP_TARGET_PRESET:
      lq_settings_set_target_preset (self, g_value_get_string (value));
      break;
    case PROP_LISTENING_LEVEL:
      lq_settings_set_listening_level (self, g_value_get_double (value));
      break;
    case PROP_LOUDNESS_MATCH:
      lq_settings_set_loudness_match (self, g_value_get_boolean (value));
      break;
    case PROP_WINDOW_WIDTH:
      if (self->window_width != g_value_get_int (value))
        {
          self->window_width = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_WINDOW_HEIGHT:
      if (self->window_height != g_value_get_int (value))
        {
          self->window_height = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_WINDOW_MAXIMIZED:
      if (self->window_maximized != g_value_get_boolean (value))
        {
          self->window_maximized = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_EXPORT_FOLDER:
      lq_settings_set_export_folder (self, g_value_get_string (value));
      break;
    case PROP_CUSTOM_LUFS:
      set_double (self, &self->custom_lufs, g_value_get_double (value), pspec);
      break;
    case PROP_CUSTOM_CEILING:
      set_double (self, &self->custom_ceiling, g_value_get_double (value), pspec);
      break;
    case PROP_MAX_LIMITING:
      set_double (self, &self->max_limiting, g_value_get_double (value), pspec);
      break;
    case PROP_REMINDER_MINUTES:
      set_double (self, &self->reminder_minutes, g_value_get_double (value), pspec);
      break;
    case PROP_RESET_EARS_S:
      set_double (self, &self->reset_ears_s, g_value_get_double (value), pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_settings_class_init (LqSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lq_settings_finalize;
  object_class->get_property = lq_settings_get_property;
  object_class->set_property = lq_settings_set_property;

  /* Defaults match the schema; they are what a run without the schema uses. */
  properties [PROP_OUTPUT_DEVICE] =
    g_param_spec_string (LQ_SETTING_KEY_OUTPUT_DEVICE, NULL, NULL, "", flags);
  properties [PROP_BUFFER_SIZE] =
    g_param_spec_uint (LQ_SETTING_KEY_BUFFER_SIZE, NULL, NULL, 64, 8192, 512, flags);
  properties [PROP_TARGET_PRESET] =
    g_param_spec_string (LQ_SETTING_KEY_TARGET_PRESET, NULL, NULL, "spotify", flags);
  properties [PROP_LISTENING_LEVEL] =
    g_param_spec_double (LQ_SETTING_KEY_LISTENING_LEVEL, NULL, NULL, -40.0, 0.0, -14.0, flags);
  properties [PROP_LOUDNESS_MATCH] =
    g_param_spec_boolean (LQ_SETTING_KEY_LOUDNESS_MATCH, NULL, NULL, TRUE, flags);
  properties [PROP_WINDOW_WIDTH] =
    g_param_spec_int (LQ_SETTING_KEY_WINDOW_WIDTH, NULL, NULL, -1, G_MAXINT, 1200, flags);
  properties [PROP_WINDOW_HEIGHT] =
    g_param_spec_int (LQ_SETTING_KEY_WINDOW_HEIGHT, NULL, NULL, -1, G_MAXINT, 800, flags);
  properties [PROP_WINDOW_MAXIMIZED] =
    g_param_spec_boolean (LQ_SETTING_KEY_WINDOW_MAXIMIZED, NULL, NULL, FALSE, flags);
  properties [PROP_EXPORT_FOLDER] =
    g_param_spec_string (LQ_SETTING_KEY_EXPORT_FOLDER, NULL, NULL, "", flags);
  properties [PROP_CUSTOM_LUFS] =
    g_param_spec_double (LQ_SETTING_KEY_CUSTOM_LUFS, NULL, NULL, -40.0, 0.0, -14.0, flags);
  properties [PROP_CUSTOM_CEILING] =
    g_param_spec_double (LQ_SETTING_KEY_CUSTOM_CEILING, NULL, NULL, -6.0, 0.0, -1.0, flags);
  properties [PROP_MAX_LIMITING] =
    g_param_spec_double (LQ_SETTING_KEY_MAX_LIMITING, NULL, NULL, 0.0, 30.0, 6.0, flags);
  properties [PROP_REMINDER_MINUTES] =
    g_param_spec_double (LQ_SETTING_KEY_REMINDER_MINUTES, NULL, NULL, 0.0, 240.0,
                         LQ_EARS_DEFAULT_REMINDER_MIN, flags);
  properties [PROP_RESET_EARS_S] =
    g_param_spec_double (LQ_SETTING_KEY_RESET_EARS_S, NULL, NULL, 5.0, 120.0,
                         LQ_EARS_DEFAULT_RESET_S, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lq_settings_init (LqSettings *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  self->output_device = g_strdup ("");
  self->buffer_size = 512;
  self->target_preset = g_strdup ("spotify");
  self->listening_level = -14.0;
  self->loudness_match = TRUE;
  self->window_width = 1200;
  self->window_height = 800;
  self->export_folder = g_strdup ("");
  self->custom_lufs = -14.0;
  self->custom_ceiling = -1.0;
  self->max_limiting = 6.0;
  self->reminder_minutes = LQ_EARS_DEFAULT_REMINDER_MIN;
  self->reset_ears_s = LQ_EARS_DEFAULT_RESET_S;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, LQ_SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Schema %s not found; settings last for this run only", LQ_SETTINGS_SCHEMA_ID);
      return;
    }

  self->settings = g_settings_new_full (schema, NULL, NULL);
  for (guint i = 1; i < N_PROPS; i++)
    {
      const char *key = g_param_spec_get_name (properties [i]);

      if (g_settings_schema_has_key (schema, key))
        g_settings_bind (self->settings, key, self, key, G_SETTINGS_BIND_DEFAULT);
    }
}

LqSettings *
lq_settings_new (void)
{
  return g_object_new (LQ_TYPE_SETTINGS, NULL);
}

gboolean
lq_settings_is_persistent (LqSettings *self)
{
  g_return_val_if_fail (LQ_IS_SETTINGS (self), FALSE);

  return self->settings != NULL;
}

const char *
lq_settings_get_output_device (LqSettings *self)
{
  g_return_val_if_fail (LQ_IS_SETTINGS (self), NULL);

  return self->output_device;
}

void
lq_settings_set_output_device (LqSettings *self,
                               const char *device)
{
  g_return_if_fail (LQ_IS_SETTINGS (self));

  set_string (self, &self->output_device, device, PROP_OUTPUT_DEVICE);
}

guint
lq_settings_get_buffer_size (LqSettings *self)
{
  g_return_val_if_fail (LQ_IS_SETTINGS (self), 0);

  return self->buffer_size;
}

void
lq_settings_set_buffer_size (LqSettings *self,
                             guint       frames)
{
  g_return_if_fail (LQ_IS_SETTINGS (self));

  frames = CLAMP (frames, 64, 8192);
  if (self->buffer_size == frames)
    return;
  self->buffer_size = frames;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUFFER_SIZE]);
}

const char *
lq_settings_get_target_preset (LqSettings *self)
{
  g_return_val_if_fail (LQ_IS_SETTINGS (self), NULL);

  return self->target_preset;
}

void
lq_settings_set_target_preset (LqSettings *self,
                               const char *preset_id)
{
  g_return_if_fail (LQ_IS_SETTINGS (self));

  set_string (self, &self->target_preset, preset_id, PROP_TARGET_PRESET);
}

double
lq_settings_get_listening_level (LqSettings *self)
{
  g_return_val_if_fail (LQ_IS_SETTINGS (self), 0.0);

  return self->listening_level;
}

void
lq_settings_set_listening_level (LqSettings *self,
                                 double      lufs)
{
  g_return_if_fail (LQ_IS_SETTINGS (self));

  lufs = CLAMP (lufs, -40.0, 0.0);
  if (self->listening_level == lufs)
    return;
  self->listening_level = lufs;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LISTENING_LEVEL]);
}

gboolean
lq_settings_get_loudness_match (LqSettings *self)
{
  g_return_val_if_fail (LQ_IS_SETTINGS (self), FALSE);

  return self->loudness_match;
}

void
lq_settings_set_loudness_match (LqSettings *self,
                                gboolean    match)
{
  g_return_if_fail (LQ_IS_SETTINGS (self));

  match = !!match;
  if (self->loudness_match == match)
    return;
  self->loudness_match = match;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOUDNESS_MATCH]);
}

const char *
lq_settings_get_export_folder (LqSettings *self)
{
  g_return_val_if_fail (LQ_IS_SETTINGS (self), NULL);

  return self->export_folder;
}

void
lq_settings_set_export_folder (LqSettings *self,
                               const char *folder)
{
  g_return_if_fail (LQ_IS_SETTINGS (self));

  set_string (self, &self->export_folder, folder, PROP_EXPORT_FOLDER);
}

double
lq_settings_get_max_limiting (LqSettings *self)
{
  g_return_val_if_fail (LQ_IS_SETTINGS (self), 0.0);

  return self->max_limiting;
}

double
lq_settings_get_reminder_minutes (LqSettings *self)
{
  g_return_val_if_fail (LQ_IS_SETTINGS (self), 0.0);

  return self->reminder_minutes;
}

double
lq_settings_get_reset_ears_s (LqSettings *self)
{
  g_return_val_if_fail (LQ_IS_SETTINGS (self), 0.0);

  return self->reset_ears_s;
}
