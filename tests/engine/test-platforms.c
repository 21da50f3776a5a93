/* test-platforms.c
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

/* The platform table's gains worked out by hand from the rules in the services' documents
 * (Spotify's own example among them), not from earlier output. */

#include "config.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "lq-platforms.h"

#define EPS 1e-9

static const LqPlatform *
get (const char *id)
{
  const LqPlatform *p = lq_platforms_lookup (id);

  g_assert_nonnull (p);
  return p;
}

static void
test_table (void)
{
  const char *ids[] = { "spotify-normal", "spotify-loud", "spotify-quiet", "apple-music",
                        "youtube", "tidal", "amazon-music", "deezer" };
  const double targets[] = { -14, -11, -19, -16, -14, -14, -14, -15 };

  g_assert_cmpuint (lq_platforms_get_n (), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const LqPlatform *p = lq_platforms_get (i);

      g_assert_cmpstr (p->id, ==, ids[i]);
      g_assert_cmpfloat (p->target_lufs, ==, targets[i]);
      g_assert_nonnull (p->source);
      g_assert_cmpuint (strlen (p->source), >, 0);
      g_assert_true (lq_platforms_lookup (ids[i]) == p);
    }
  g_assert_null (lq_platforms_lookup ("napster"));
  g_assert_cmpint (lq_platform_get_certainty (get ("spotify-normal")), ==, LQ_CERTAINTY_OFFICIAL);
  g_assert_cmpint (lq_platform_get_certainty (get ("apple-music")), ==, LQ_CERTAINTY_UNCONFIRMED);
  g_assert_cmpint (lq_platform_get_certainty (get ("youtube")), ==, LQ_CERTAINTY_SECONDARY);
  g_assert_cmpfloat (get ("spotify-loud")->limiter_ceiling_dbfs, ==, -1.0);
  g_assert_cmpfloat (get ("spotify-loud")->limiter_attack_ms, ==, 5.0);
  g_assert_cmpfloat (get ("spotify-loud")->limiter_release_ms, ==, 100.0);
}

/* Spotify: "-20 LUFS with -5 dBTP is raised only to -16 LUFS". */
static void
test_spotify_example (void)
{
  LqPlatformPlay play;

  lq_platform_compute (get ("spotify-normal"), -20.0, -5.0, &play);
  g_assert_cmpfloat_with_epsilon (play.gain_db, 4.0, EPS);
  g_assert_cmpfloat_with_epsilon (play.played_lufs, -16.0, EPS);
  g_assert_false (play.limited);

  /* Room enough: the full gain to the target. */
  lq_platform_compute (get ("spotify-normal"), -20.0, -10.0, &play);
  g_assert_cmpfloat_with_epsilon (play.gain_db, 6.0, EPS);
  /* A peak already past the cap: no gain up, and not down either. */
  lq_platform_compute (get ("spotify-normal"), -20.0, 0.5, &play);
  g_assert_cmpfloat_with_epsilon (play.gain_db, 0.0, EPS);
  /* Quiet: -19, same cap. -25 LUFS at -4 dBTP: 6 dB wanted, 3 allowed. */
  lq_platform_compute (get ("spotify-quiet"), -25.0, -4.0, &play);
  g_assert_cmpfloat_with_epsilon (play.gain_db, 3.0, EPS);
  g_assert_cmpfloat_with_epsilon (play.played_lufs, -22.0, EPS);
}

/* A -8 LUFS master is turned down by target + 8 dB everywhere, and never limited. */
static void
test_loud_master (void)
{
  for (guint i = 0; i < lq_platforms_get_n (); i++)
    {
      const LqPlatform *p = lq_platforms_get (i);
      LqPlatformPlay play;

      lq_platform_compute (p, -8.0, -0.2, &play);
      g_assert_cmpfloat (play.gain_db, <, 0.0);
      g_assert_cmpfloat_with_epsilon (play.gain_db, p->target_lufs + 8.0, EPS);
      g_assert_cmpfloat_with_epsilon (play.played_lufs, p->target_lufs, EPS);
      g_assert_false (play.limited);
    }
}

static void
test_turn_down_only (void)
{
  const char *ids[] = { "youtube", "tidal", "apple-music", "amazon-music", "deezer" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    for (double lufs = -40.0; lufs <= -4.0; lufs += 0.5)
      {
        LqPlatformPlay play;

        lq_platform_compute (get (ids[i]), lufs, -20.0, &play);
        g_assert_cmpfloat (play.gain_db, <=, 0.0);
        g_assert_cmpfloat_with_epsilon (play.gain_db,
                                        MIN (0.0, get (ids[i])->target_lufs - lufs), EPS);
      }
}

/* Loud: up to -11 whatever the peak; the limiter engages once TP + gain passes -1. */
static void
test_loud_mode (void)
{
  LqPlatformPlay play;

  lq_platform_compute (get ("spotify-loud"), -20.0, -5.0, &play);
  g_assert_cmpfloat_with_epsilon (play.gain_db, 9.0, EPS);
  g_assert_cmpfloat_with_epsilon (play.played_lufs, -11.0, EPS);
  g_assert_true (play.limited);        /* -5 + 9 = +4 dBTP */

  lq_platform_compute (get ("spotify-loud"), -20.0, -12.0, &play);
  g_assert_cmpfloat_with_epsilon (play.gain_db, 9.0, EPS);
  g_assert_false (play.limited);       /* -12 + 9 = -3 */

  /* Spotify Normal never reports limiting: it has no limiter. */
  lq_platform_compute (get ("spotify-normal"), -20.0, -5.0, &play);
  g_assert_false (play.limited);
}

static void
test_silence (void)
{
  LqPlatformPlay play;

  lq_platform_compute (get ("spotify-loud"), -HUGE_VAL, -HUGE_VAL, &play);
  g_assert_true (isnan (play.gain_db));
  g_assert_true (isnan (play.played_lufs));
  g_assert_false (play.limited);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/platforms/table", test_table);
  g_test_add_func ("/platforms/spotify-example", test_spotify_example);
  g_test_add_func ("/platforms/loud-master", test_loud_master);
  g_test_add_func ("/platforms/turn-down-only", test_turn_down_only);
  g_test_add_func ("/platforms/loud-mode", test_loud_mode);
  g_test_add_func ("/platforms/silence", test_silence);
  return g_test_run ();
}
