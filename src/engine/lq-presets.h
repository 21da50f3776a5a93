/* lq-presets.h
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

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LQ_FILE_FORMAT_WAV,
  LQ_FILE_FORMAT_FLAC,
  LQ_FILE_FORMAT_AIFF,
} LqFileFormat;

/* Sample format of an export: 16/24-bit integer or 32-bit float. */
typedef enum
{
  LQ_SAMPLE_FORMAT_S16 = 16,
  LQ_SAMPLE_FORMAT_S24 = 24,
  LQ_SAMPLE_FORMAT_F32 = 32,
} LqSampleFormat;

/* A delivery destination: what the master must measure and how the file is written. */
typedef struct
{
  const char     *id;            /* "spotify", used on the command line and in sessions */
  const char     *label;         /* translatable */
  double          target_lufs;   /* NAN: no gain change (the master as it is) */
  double          ceiling_dbtp;  /* NAN: the chain's own limiter ceiling */
  LqFileFormat    format;
  LqSampleFormat  sample_format;
  guint           sample_rate;   /* 0 keeps the mix's rate */
  const char     *note;          /* translatable: what the platform does with it */
} LqPreset;

/* The Custom target: your own loudness and ceiling. Its ranges lie inside what
 * `lacquer render --target-lufs/--ceiling-dbtp` accepts, which is how a custom target is
 * given on the command line. */
#define LQ_PRESET_CUSTOM_ID       "custom"
#define LQ_CUSTOM_LUFS_MIN        (-40.0)
#define LQ_CUSTOM_LUFS_MAX        0.0
#define LQ_CUSTOM_CEILING_MIN     (-6.0)
#define LQ_CUSTOM_CEILING_MAX     0.0
#define LQ_CUSTOM_LUFS_DEFAULT    (-14.0)
#define LQ_CUSTOM_CEILING_DEFAULT (-1.0)

const LqPreset *lq_presets_get_all          (guint          *n_presets);
const LqPreset *lq_presets_lookup           (const char     *id);
/* Fills preset with the Custom target at these numbers (clamped to the ranges above). */
void            lq_preset_init_custom       (LqPreset       *preset,
                                             double          target_lufs,
                                             double          ceiling_dbtp);
/* The preset named id: LQ_PRESET_CUSTOM_ID is custom, the rest are the built-in ones; NULL
 * for an unknown id. */
const LqPreset *lq_presets_lookup_with_custom (const char   *id,
                                               const LqPreset *custom);
/* Whether the preset brings the master to a loudness (not "As mastered"). */
gboolean        lq_preset_has_target        (const LqPreset *preset);
/* Its numbers for a list: "−14 LUFS · −1.0 dBTP", or "No gain change · chain’s ceiling". */
char           *lq_preset_dup_numbers       (const LqPreset *preset);

const char     *lq_file_format_to_string    (LqFileFormat    format);
gboolean        lq_file_format_from_string  (const char     *text,
                                             LqFileFormat   *format);
/* From an output file name's extension; FALSE when it has none Lacquer writes. */
gboolean        lq_file_format_from_path    (const char     *path,
                                             LqFileFormat   *format);

G_END_DECLS
