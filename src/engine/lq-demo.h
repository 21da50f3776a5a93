/* lq-demo.h
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

/* The built-in demo session: a music-like stereo "mix" (bass, chords, drums; peaks around
 * -6 dBFS, -18 LUFS integrated) and a louder, brighter "reference" (-10 LUFS), synthesised
 * deterministically, so a first run has something to look at and to hear. */

#define LQ_DEMO_RATE    44100
#define LQ_DEMO_SECONDS 30.0

#define LQ_DEMO_MIX_LUFS       (-18.0)
#define LQ_DEMO_REFERENCE_LUFS (-10.0)

typedef enum
{
  LQ_DEMO_TRACK_MIX,
  LQ_DEMO_TRACK_REFERENCE,
} LqDemoTrack;

/* Writes one track (24-bit WAV, 44.1 kHz stereo) of the given length to path, replacing it
 * atomically. The same arguments always give the same samples. */
gboolean  lq_demo_write_track (LqDemoTrack    track,
                               const char    *path,
                               double         seconds,
                               GError       **error);

/* Makes sure the demo session exists in dir (NULL: a folder in the user cache directory),
 * writing what is missing, and returns the paths of the mix and the reference. */
gboolean  lq_demo_ensure      (const char    *dir,
                               char         **mix_path,
                               char         **reference_path,
                               GError       **error);

G_END_DECLS
