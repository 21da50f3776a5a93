/* player-test-util.h
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

#include "lq-chain.h"
#include "lq-source-buffer.h"

G_BEGIN_DECLS

#define PT_RATE 48000.0

/* Interleaved test programmes (g_free them). */
float          *pt_sine          (guint          channels,
                                  guint64        frames,
                                  double         rate,
                                  double         freq,
                                  double         peak_dbfs);
float          *pt_music         (guint          channels,
                                  guint64        frames,
                                  double         rate,
                                  guint64        seed,
                                  double         gain_db);
LqSourceBuffer *pt_buffer        (const char    *name,
                                  guint          channels,
                                  double         rate,
                                  float         *interleaved,   /* consumed */
                                  guint64        frames);

/* A fresh temporary folder (removed with pt_rmdir). */
char           *pt_tmpdir        (void);
void            pt_rmdir         (const char    *dir);

/* Copies tests/alsa/NAME into dir and points ALSA_CONFIG_PATH at it; for capture.conf also
 * sets PA_CAPTURE_FILE to dir/capture.raw, returned. */
char           *pt_use_alsa_config (const char  *dir,
                                  const char    *name);
/* The same environment for a subprocess. */
char          **pt_alsa_environ  (const char    *dir,
                                  const char    *name,
                                  char         **capture_path);

gboolean        pt_write_wav     (const char    *path,
                                  double         rate,
                                  guint          channels,
                                  const float   *interleaved,
                                  guint64        frames);
/* Raw float32 frames of channels; NULL when missing. */
float          *pt_read_raw      (const char    *path,
                                  guint          channels,
                                  guint64       *frames);

/* First frame with a non-zero sample, or -1. */
gint64          pt_onset         (const float   *interleaved,
                                  guint          channels,
                                  guint64        frames);

/* Short-term loudness (the 3 s ending at end) of interleaved stereo, LUFS. */
double          pt_short_term    (const float   *stereo,
                                  guint64        end,
                                  double         rate);

/* Largest |x[i+1] - x[i]| over [start, end) of either channel of interleaved stereo. */
double          pt_max_step      (const float   *stereo,
                                  guint64        start,
                                  guint64        end);

/* A chain that does something audible: EQ boost, compression, limiting. */
void            pt_busy_chain    (LqChainParams *params);

/* Renders n frames of the chain over the whole programme from a fresh chain (planar in,
 * interleaved stereo out, not latency-compensated). */
float          *pt_chain_render  (const LqChainParams *params,
                                  double         rate,
                                  const float   *interleaved,
                                  guint          channels,
                                  guint64        frames,
                                  guint         *latency);

G_END_DECLS
