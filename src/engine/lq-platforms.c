/* lq-platforms.c
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

/* The rules as the services and those who measured them state them. Change a row only with a
 * source, and bump LQ_PLATFORMS_VERSION and LQ_PLATFORMS_AS_OF with it. Services whose
 * turn-up rule is unknown are treated as turn-down only: the gain shown is then the one
 * certain part of it. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lq-platforms.h"

#define SPOTIFY_SOURCE "https://support.spotify.com/us/artists/article/loudness-normalization/"
#define SPOTIFY_CAP    (-1.0)

/* clang-format off */
static const LqPlatform platforms[] = {
  { "spotify-normal", "Spotify Normal", -14.0, LQ_PLATFORM_TURN_UP_PEAK_CAPPED, SPOTIFY_CAP,
    FALSE, 0, 0, 0, LQ_CERTAINTY_OFFICIAL, LQ_CERTAINTY_OFFICIAL, SPOTIFY_SOURCE,
    "-14 LUFS; turned up only until the true peak reaches -1 dBTP (-20 LUFS at -5 dBTP plays "
    "at -16 LUFS); an album in order gets one gain" },
  { "spotify-loud", "Spotify Loud", -11.0, LQ_PLATFORM_TURN_UP_ALWAYS, 0.0,
    TRUE, -1.0, 5.0, 100.0, LQ_CERTAINTY_OFFICIAL, LQ_CERTAINTY_OFFICIAL, SPOTIFY_SOURCE,
    "-11 LUFS (Premium); turned up whatever the peak, a limiter at -1 dBFS (sample values, "
    "5 ms attack, 100 ms decay) catches it" },
  { "spotify-quiet", "Spotify Quiet", -19.0, LQ_PLATFORM_TURN_UP_PEAK_CAPPED, SPOTIFY_CAP,
    FALSE, 0, 0, 0, LQ_CERTAINTY_OFFICIAL, LQ_CERTAINTY_OFFICIAL, SPOTIFY_SOURCE,
    "-19 LUFS (Premium); turned up as Normal" },
  { "apple-music", "Apple Music", -16.0, LQ_PLATFORM_TURN_UP_NEVER, 0.0,
    FALSE, 0, 0, 0, LQ_CERTAINTY_SECONDARY, LQ_CERTAINTY_UNCONFIRMED,
    "https://productionadvice.co.uk/",
    "Sound Check, -16 LUFS, on by default on iOS; no public turn-up rule, taken as "
    "turn-down only" },
  { "youtube", "YouTube", -14.0, LQ_PLATFORM_TURN_UP_NEVER, 0.0,
    FALSE, 0, 0, 0, LQ_CERTAINTY_SECONDARY, LQ_CERTAINTY_SECONDARY,
    "https://productionadvice.co.uk/",
    "-14 LUFS, turn-down only (YouTube Music reported at -7 LUFS, weakly)" },
  { "tidal", "Tidal", -14.0, LQ_PLATFORM_TURN_UP_NEVER, 0.0,
    FALSE, 0, 0, 0, LQ_CERTAINTY_SECONDARY, LQ_CERTAINTY_SECONDARY,
    "https://www.meterplugs.com/",
    "-14 LUFS, turn-down only; album mode puts the loudest track at -14 (Eelco Grimm's study "
    "of 4.2 million Tidal albums)" },
  { "amazon-music", "Amazon Music", -14.0, LQ_PLATFORM_TURN_UP_NEVER, 0.0,
    FALSE, 0, 0, 0, LQ_CERTAINTY_SECONDARY, LQ_CERTAINTY_UNCONFIRMED,
    "secondary sources (weak)",
    "-14 LUFS reported; turn-up unknown, taken as turn-down only" },
  { "deezer", "Deezer", -15.0, LQ_PLATFORM_TURN_UP_NEVER, 0.0,
    FALSE, 0, 0, 0, LQ_CERTAINTY_SECONDARY, LQ_CERTAINTY_UNCONFIRMED,
    "secondary sources (weak)",
    "-15 LUFS reported; turn-up unknown, taken as turn-down only" },
};
/* clang-format on */

guint
lq_platforms_get_n (void)
{
  return G_N_ELEMENTS (platforms);
}

const LqPlatform *
lq_platforms_get (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (platforms), NULL);
  return &platforms[index];
}

const LqPlatform *
lq_platforms_lookup (const char *id)
{
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (platforms); i++)
    if (strcmp (platforms[i].id, id) == 0)
      return &platforms[i];
  return NULL;
}

LqCertainty
lq_platform_get_certainty (const LqPlatform *platform)
{
  g_return_val_if_fail (platform != NULL, LQ_CERTAINTY_UNCONFIRMED);
  return MAX (platform->target_certainty, platform->rule_certainty);
}

const char *
lq_certainty_to_string (LqCertainty certainty)
{
  switch (certainty)
    {
    case LQ_CERTAINTY_OFFICIAL:
      return "official";
    case LQ_CERTAINTY_SECONDARY:
      return "secondary";
    case LQ_CERTAINTY_UNCONFIRMED:
    default:
      return "unconfirmed";
    }
}

void
lq_platform_compute (const LqPlatform *platform,
                     double            integrated_lufs,
                     double            true_peak_dbtp,
                     LqPlatformPlay   *play)
{
  double gain;

  g_return_if_fail (platform != NULL);
  g_return_if_fail (play != NULL);

  play->gain_db = play->played_lufs = NAN;
  play->limited = FALSE;
  if (!isfinite (integrated_lufs))
    return;

  gain = platform->target_lufs - integrated_lufs;
  if (gain > 0.0)
    {
      switch (platform->turn_up)
        {
        case LQ_PLATFORM_TURN_UP_NEVER:
          gain = 0.0;
          break;
        case LQ_PLATFORM_TURN_UP_PEAK_CAPPED:
          /* The gain stops where the true peak reaches the cap; a peak already past it gets
           * no gain at all (it is not turned down for it either). */
          if (isfinite (true_peak_dbtp))
            gain = CLAMP (platform->peak_cap_dbtp - true_peak_dbtp, 0.0, gain);
          break;
        case LQ_PLATFORM_TURN_UP_ALWAYS:
        default:
          break;
        }
    }
  play->gain_db = gain;
  play->played_lufs = integrated_lufs + gain;
  play->limited = platform->limiter && isfinite (true_peak_dbtp)
                  && true_peak_dbtp + gain > platform->limiter_ceiling_dbfs;
}
