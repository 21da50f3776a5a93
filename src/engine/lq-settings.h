/* lq-settings.h
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

G_BEGIN_DECLS

/* The GSettings keys Lacquer uses. They double as the names of LqSettings's properties, so
 * a view binds to a setting with g_object_bind_property (settings, LQ_SETTING_KEY_…, …). */
#define LQ_SETTINGS_SCHEMA_ID          "io.github.lacquer.Lacquer"
#define LQ_SETTING_KEY_OUTPUT_DEVICE   "output-device"
#define LQ_SETTING_KEY_BUFFER_SIZE     "buffer-size"
#define LQ_SETTING_KEY_TARGET_PRESET   "target-preset"
#define LQ_SETTING_KEY_LISTENING_LEVEL "listening-level"
#define LQ_SETTING_KEY_LOUDNESS_MATCH  "loudness-match"
#define LQ_SETTING_KEY_WINDOW_WIDTH    "window-width"
#define LQ_SETTING_KEY_WINDOW_HEIGHT   "window-height"
#define LQ_SETTING_KEY_WINDOW_MAXIMIZED "window-maximized"
/* Export: the folder last exported to ("" = beside the mix), the custom target's numbers
 * and how much peak limiting a target may take (export and Reach Target). */
#define LQ_SETTING_KEY_EXPORT_FOLDER   "export-folder"
#define LQ_SETTING_KEY_CUSTOM_LUFS     "custom-target-lufs"
#define LQ_SETTING_KEY_CUSTOM_CEILING  "custom-ceiling-dbtp"
#define LQ_SETTING_KEY_MAX_LIMITING    "max-limiting-db"
/* Fresh ears: minutes of listening before a break is suggested (0: never), and how long
 * reset ears plays the reference. */
#define LQ_SETTING_KEY_REMINDER_MINUTES "break-reminder-minutes"
#define LQ_SETTING_KEY_RESET_EARS_S    "reset-ears-seconds"

#define LQ_TYPE_SETTINGS (lq_settings_get_type ())

G_DECLARE_FINAL_TYPE (LqSettings, lq_settings, LQ, SETTINGS, GObject)

/* Backed by GSettings when the schema is installed (or found through GSETTINGS_SCHEMA_DIR);
 * otherwise the defaults, kept in memory for the run. */
LqSettings *lq_settings_new                     (void);
gboolean    lq_settings_is_persistent           (LqSettings *self);

const char *lq_settings_get_output_device       (LqSettings *self);
void        lq_settings_set_output_device       (LqSettings *self,
                                                 const char *device);
guint       lq_settings_get_buffer_size         (LqSettings *self);
void        lq_settings_set_buffer_size         (LqSettings *self,
                                                 guint       frames);
const char *lq_settings_get_target_preset       (LqSettings *self);
void        lq_settings_set_target_preset       (LqSettings *self,
                                                 const char *preset_id);
double      lq_settings_get_listening_level     (LqSettings *self);
void        lq_settings_set_listening_level     (LqSettings *self,
                                                 double      lufs);
const char *lq_settings_get_export_folder       (LqSettings *self);
void        lq_settings_set_export_folder       (LqSettings *self,
                                                 const char *folder);
double      lq_settings_get_max_limiting        (LqSettings *self);
double      lq_settings_get_reminder_minutes    (LqSettings *self);
double      lq_settings_get_reset_ears_s        (LqSettings *self);
gboolean    lq_settings_get_loudness_match      (LqSettings *self);
void        lq_settings_set_loudness_match      (LqSettings *self,
                                                 gboolean    match);

G_END_DECLS
