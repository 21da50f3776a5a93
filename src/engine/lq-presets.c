/* lq-presets.c
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
#include <string.h>

#include "lq-presets.h"

/* Published loudness targets of each destination. Streaming services normalise to these
 * levels, so a louder master only loses dynamics; the ceiling leaves room for lossy
 * encoding, whose decoded peaks exceed the PCM's. */
static const LqPreset presets[] = {
  { "spotify", N_("Spotify"), -14.0, -1.0, LQ_FILE_FORMAT_FLAC, LQ_SAMPLE_FORMAT_S24, 44100,
    N_("Normalises playback to −14 LUFS; louder masters are turned down") },
  { "apple-music", N_("Apple Music"), -16.0, -1.0, LQ_FILE_FORMAT_WAV, LQ_SAMPLE_FORMAT_S24, 0,
    N_("Sound Check normalises to −16 LUFS") },
  { "youtube", N_("YouTube"), -14.0, -1.0, LQ_FILE_FORMAT_WAV, LQ_SAMPLE_FORMAT_S24, 48000,
    N_("Turns masters louder than −14 LUFS down") },
  { "ebu-r128", N_("EBU R128 broadcast"), -23.0, -1.0, LQ_FILE_FORMAT_WAV, LQ_SAMPLE_FORMAT_S24, 48000,
    N_("European broadcast delivery: −23 LUFS ±0.5 LU, −1 dBTP") },
  { "cd", N_("CD / download"), -10.0, -0.3, LQ_FILE_FORMAT_WAV, LQ_SAMPLE_FORMAT_S16, 44100,
    N_("Players do not normalise CDs and downloads: −10 LUFS is a common choice (choose “As mastered” to keep your own loudness); 16-bit with dither") },
  { "podcast", N_("Podcast"), -16.0, -1.0, LQ_FILE_FORMAT_FLAC, LQ_SAMPLE_FORMAT_S16, 44100,
    N_("Apple Podcasts and most hosts ask for −16 LUFS, −1 dBTP") },
  /* No target: the master keeps the loudness the chain gives it; the chain's limiter sets the
   * ceiling, and the report checks the file against it. */
  { "as-mastered", N_("As mastered"), NAN, NAN, LQ_FILE_FORMAT_FLAC, LQ_SAMPLE_FORMAT_S24, 0,
    N_("No gain change: the master as you hear it, checked against the limiter’s ceiling") },
};

const LqPreset *
lq_presets_get_all (guint *n_presets)
{
  if (n_presets)
    *n_presets = G_N_ELEMENTS (presets);
  return presets;
}

const LqPreset *
lq_presets_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_ascii_strcasecmp (presets[i].id, id) == 0)
      return &presets[i];
  return NULL;
}

const LqPreset *
lq_presets_lookup_with_custom (const char     *id,
                               const LqPreset *custom)
{
  g_return_val_if_fail (id != NULL, NULL);

  if (g_ascii_strcasecmp (id, LQ_PRESET_CUSTOM_ID) == 0)
    return custom;
  return lq_presets_lookup (id);
}

void
lq_preset_init_custom (LqPreset *preset,
                       double    target_lufs,
                       double    ceiling_dbtp)
{
  g_return_if_fail (preset != NULL);

  if (!isfinite (target_lufs))
    target_lufs = LQ_CUSTOM_LUFS_DEFAULT;
  if (!isfinite (ceiling_dbtp))
    ceiling_dbtp = LQ_CUSTOM_CEILING_DEFAULT;
  *preset = (LqPreset) {
    LQ_PRESET_CUSTOM_ID, N_("Custom"),
    CLAMP (target_lufs, LQ_CUSTOM_LUFS_MIN, LQ_CUSTOM_LUFS_MAX),
    CLAMP (ceiling_dbtp, LQ_CUSTOM_CEILING_MIN, LQ_CUSTOM_CEILING_MAX),
    LQ_FILE_FORMAT_FLAC, LQ_SAMPLE_FORMAT_S24, 0, N_("Your own loudness and true-peak ceiling")
  };
}

gboolean
lq_preset_has_target (const LqPreset *preset)
{
  g_return_val_if_fail (preset != NULL, FALSE);

  return isfinite (preset->target_lufs);
}

/* With the typographic minus the rest of the interface uses. */
static char *
format_db (double      value,
           const char *format)
{
  g_autofree char *text = g_strdup_printf (format, fabs (value));

  return g_strconcat (value < 0.0 ? "−" : "", text, NULL);
}

char *
lq_preset_dup_numbers (const LqPreset *preset)
{
  g_autofree char *target = NULL;
  g_autofree char *ceiling = NULL;

  g_return_val_if_fail (preset != NULL, NULL);

  target = isfinite (preset->target_lufs) ? format_db (preset->target_lufs, "%.0f LUFS")
                                          : g_strdup (_("No gain change"));
  ceiling = isfinite (preset->ceiling_dbtp) ? format_db (preset->ceiling_dbtp, "%.1f dBTP")
                                            : g_strdup (_("chain’s ceiling"));
  return g_strdup_printf ("%s · %s", target, ceiling);
}

const char *
lq_file_format_to_string (LqFileFormat format)
{
  switch (format)
    {
    case LQ_FILE_FORMAT_FLAC: return "flac";
    case LQ_FILE_FORMAT_AIFF: return "aiff";
    case LQ_FILE_FORMAT_WAV:
    default:                  return "wav";
    }
}

gboolean
lq_file_format_from_string (const char   *text,
                            LqFileFormat *format)
{
  static const struct { const char *name; LqFileFormat format; } names[] = {
    { "wav", LQ_FILE_FORMAT_WAV }, { "wave", LQ_FILE_FORMAT_WAV },
    { "flac", LQ_FILE_FORMAT_FLAC },
    { "aiff", LQ_FILE_FORMAT_AIFF }, { "aif", LQ_FILE_FORMAT_AIFF },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (names[i].name, text) == 0)
      {
        *format = names[i].format;
        return TRUE;
      }
  return FALSE;
}

gboolean
lq_file_format_from_path (const char   *path,
                          LqFileFormat *format)
{
  const char *dot = strrchr (path, '.');

  return dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL
         && lq_file_format_from_string (dot + 1, format);
}
