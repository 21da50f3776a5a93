/* lq-platforms.h
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

/* How streaming services normalise playback: one dated table (lq-platforms.c), each row
 * citing where its rule comes from and how sure that is. The gain a service applies to a file
 * (its "loudness penalty") derives from the file's integrated loudness and true peak alone. */

#define LQ_PLATFORMS_AS_OF   "late 2026"
#define LQ_PLATFORMS_VERSION 1

typedef enum
{
  LQ_PLATFORM_TURN_UP_NEVER,       /* turn-down only */
  LQ_PLATFORM_TURN_UP_PEAK_CAPPED, /* up to where the true peak would pass peak_cap_dbtp */
  LQ_PLATFORM_TURN_UP_ALWAYS,      /* whatever the peak; a limiter catches it */
} LqPlatformTurnUp;

typedef enum
{
  LQ_CERTAINTY_OFFICIAL,           /* the service's own document */
  LQ_CERTAINTY_SECONDARY,          /* a secondary source or a third-party measurement */
  LQ_CERTAINTY_UNCONFIRMED,
} LqCertainty;

typedef struct
{
  const char       *id;                 /* stable, for the CLI and settings: "spotify-loud" */
  const char       *name;               /* brand name, not translated */
  double            target_lufs;        /* integrated, BS.1770 */
  LqPlatformTurnUp  turn_up;
  double            peak_cap_dbtp;      /* LQ_PLATFORM_TURN_UP_PEAK_CAPPED only */
  gboolean          limiter;            /* a sample-peak limiter on playback */
  double            limiter_ceiling_dbfs;
  double            limiter_attack_ms;
  double            limiter_release_ms;
  LqCertainty       target_certainty;
  LqCertainty       rule_certainty;     /* of turn_up (and the limiter) */
  const char       *source;             /* where the rule is documented */
  const char       *note;               /* what the source says, in short (English) */
} LqPlatform;

typedef struct
{
  double   gain_db;                     /* NaN for silence */
  double   played_lufs;                 /* integrated + gain, before any limiting */
  gboolean limited;                     /* the service's limiter would engage */
} LqPlatformPlay;

guint              lq_platforms_get_n       (void);
const LqPlatform  *lq_platforms_get         (guint             index);
const LqPlatform  *lq_platforms_lookup      (const char       *id);
/* The weaker of the row's two certainties. */
LqCertainty        lq_platform_get_certainty (const LqPlatform *platform);
const char        *lq_certainty_to_string   (LqCertainty       certainty);
void               lq_platform_compute      (const LqPlatform *platform,
                                             double            integrated_lufs,
                                             double            true_peak_dbtp,
                                             LqPlatformPlay   *play);

G_END_DECLS
