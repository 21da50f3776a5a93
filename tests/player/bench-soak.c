/* bench-soak.c
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

/* Soak: an hour of simulated playback through the offline player core (lq_player_render, the
 * code the device callback runs), switching source every 100 ms at a scheduled frame,
 * editing the chain every second, looping, with the main loop's housekeeping (master
 * re-measurement, retired buffers) run as a window would. Prints the resident memory at the
 * start and the end, the commands the player had to drop, and checks that every switch
 * started on the frame it was scheduled for. A benchmark (not a test): it takes minutes.
 * Usage: bench-soak [SECONDS], default 3600. */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lq-player-private.h"
#include "player-test-util.h"

#define RATE 48000
#define PERIOD (RATE / 10)              /* a switch every 100 ms */

static guint dropped_commands;

static void
count_dropped_cb (const char     *log_domain,
                  GLogLevelFlags  log_level,
                  const char     *message,
                  gpointer        user_data)
{
  if (strstr (message, "dropped") != NULL)
    dropped_commands++;
  else
    g_log_default_handler (log_domain, log_level, message, user_data);
}

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || !(line = strstr (status, "VmRSS:")))
    return -1;
  return strtol (line + 6, NULL, 10);
}

/* The edit made at second s: every stage moves, the EQ is bypassed now and then. */
static void
edit_chain (LqChainParams *p,
            guint64        s)
{
  pt_busy_chain (p);
  p->eq.bands[0].gain_db = 6.0 * sin (s * 0.7);
  p->eq.bands[1].freq = 4000.0 + 3000.0 * sin (s * 0.3);
  p->eq.bypass = s % 10 == 9;
  p->comp.threshold_db = -30.0 + 10.0 * sin (s * 0.2);
  p->lim.ceiling_db = -1.0 - (s % 3) * 0.5;
  p->output_gain_db = -1.0 - (s % 4);
}

int
main (int    argc,
      char **argv)
{
  const double seconds = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 3600.0;
  const guint64 total = (guint64) (seconds * RATE);
  const guint64 mix_frames = 40 * RATE, ref_frames = 33 * RATE;
  static const int slots[] = { LQ_SLOT_MASTER, LQ_SLOT_REFERENCE, LQ_SLOT_MIX };
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, RATE,
                                             pt_music (2, mix_frames, RATE, 11, -14),
                                             mix_frames);
  g_autoptr(LqSourceBuffer) ref = pt_buffer ("ref", 2, RATE,
                                             pt_music (2, ref_frames, RATE, 12, -9),
                                             ref_frames);
  g_autoptr(LqPlayer) player = lq_player_new ();
  g_autofree float *out = g_new (float, 2 * 1024);
  LqChainParams params;
  guint64 stream = 0, switches = 0, misplaced = 0, edits = 0;
  guint32 rng = 1;
  long rss_start = 0, rss_end;
  gint64 t0;

  g_log_set_handler ("Lacquer-Engine", G_LOG_LEVEL_WARNING, count_dropped_cb, NULL);
  if (!lq_player_set_sources (player, mix, &ref, 1, NULL))
    return 1;
  pt_busy_chain (&params);
  lq_player_set_chain_params (player, &params);
  lq_player_set_loop (player, TRUE, 2 * RATE, 30 * RATE);
  lq_player_play (player);

  t0 = g_get_monotonic_time ();
  for (guint64 period = 0; stream < total; period++)
    {
      /* Scheduled inside the coming period, off every buffer boundary. */
      guint64 at = stream + 1237;

      if (!lq_player_schedule_select (player, slots[period % 3], at, NULL))
        misplaced++;
      if (period % 10 == 0)
        {
          edit_chain (&params, period / 10);
          lq_player_set_chain_params (player, &params);
          edits++;
        }
      if (period % 3000 == 2999)   /* every 5 minutes the loop moves */
        lq_player_set_loop (player, TRUE, (period / 3000 % 5) * RATE, (25 + period / 3000 % 10) * RATE);

      /* The period in device-sized pieces of 64 to 1024 frames. */
      for (guint64 end = stream + PERIOD; stream < end;)
        {
          guint piece;

          rng = rng * 1664525u + 1013904223u;
          piece = (guint) MIN (end - stream, 64 + (rng >> 22) % 961);
          lq_player_render (player, out, piece);
          stream += piece;
        }
      lq_player_update (player);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      switches++;
      if (lq_player_get_switch_frame (player) != at)
        misplaced++;
      if (rss_start == 0 && stream >= 60 * RATE)
        rss_start = rss_kib ();      /* after a minute: warmed up */
      if (period % 6000 == 5999)
        printf ("  %5.0f s simulated  RSS %ld KiB\n", (double) stream / RATE, rss_kib ());
    }
  rss_end = rss_kib ();

  printf ("soak: %.0f s of playback in %.1f s (%.0f x real time)\n", (double) stream / RATE,
          (g_get_monotonic_time () - t0) / 1e6,
          (double) stream / RATE / ((g_get_monotonic_time () - t0) / 1e6));
  printf ("  switches %" G_GUINT64_FORMAT ", chain edits %" G_GUINT64_FORMAT
          ", switches off their frame %" G_GUINT64_FORMAT "\n", switches, edits, misplaced);
  printf ("  RSS at 1 min %ld KiB, at the end %ld KiB (%+ld KiB)\n", rss_start, rss_end,
          rss_end - rss_start);
  printf ("  dropped commands %u, meter/audio ring overruns %" G_GUINT64_FORMAT
          " (nobody drains the meters offline)\n", dropped_commands,
          lq_engine_rt_get_dropped (player->rt));
  return misplaced == 0 && dropped_commands == 0 ? 0 : 1;
}
