/* lq-cli-play.c
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

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "lq-chain-json.h"
#include "lq-cli.h"
#include "lq-platforms.h"
#include "lq-player.h"

typedef struct
{
  LqPlayer   *player;
  GMainLoop  *loop;
  gboolean    ended;
  gboolean    interrupted;
  /* --switch-every: the two slots and the next switch still to schedule. */
  double      period_frames;
  int         slots[2];
  guint64     next_switch;
  guint       n_switches;
} PlayRun;

static char *
slot_name (LqPlayer *player,
           int       slot)
{
  if (slot == LQ_SLOT_MIX)
    return g_strdup (_("Mix"));
  if (slot == LQ_SLOT_MASTER)
    return g_strdup (_("Master"));
  return g_strdup_printf (_("Reference %d (%s)"), slot - LQ_SLOT_REFERENCE + 1,
                          lq_source_buffer_get_display_name (
                            lq_player_get_reference (player, slot - LQ_SLOT_REFERENCE)));
}

static int
list_devices (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) devices = lq_audio_device_list (&error);
  guint n;

  if (devices == NULL)
    {
      lq_cli_print_error ("%s", error->message);
      return LQ_EXIT_INPUT;
    }
  n = g_list_model_get_n_items (devices);
  if (n == 0)
    {
      lq_cli_print_error ("%s", _("No audio output device was found"));
      return LQ_EXIT_INPUT;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LqAudioDevice) d = g_list_model_get_item (devices, i);

      printf ("%s\t%s, %u ch, %.0f Hz%s\n", lq_audio_device_get_name (d),
              lq_audio_device_get_host_api (d), lq_audio_device_get_max_channels (d),
              lq_audio_device_get_default_rate (d),
              lq_audio_device_get_is_default (d) ? _(" (default)") : "");
    }
  return LQ_EXIT_OK;
}

/* Keeps the scheduled-switch queue topped up (a long file can need more switches than it
 * holds at once). */
static void
schedule_switches (PlayRun *run)
{
  guint64 duration = lq_player_get_duration (run->player);

  while (run->period_frames > 0)
    {
      guint64 frame = (guint64) llround ((run->n_switches + 1) * run->period_frames);
      int slot = run->slots[(run->n_switches + 1) % 2];

      if (frame >= duration)
        break;
      if (!lq_player_schedule_select (run->player, slot, frame, NULL))
        break;
      run->n_switches++;
    }
}

static gboolean
tick_cb (gpointer user_data)
{
  PlayRun *run = user_data;

  schedule_switches (run);
  if (isatty (STDOUT_FILENO))
    {
      LqMeterFeed *feed = lq_player_get_meter_feed (run->player);
      LqMeterSnapshot s;
      g_autofree char *name = NULL;
      g_autofree char *st = NULL;
      double rate = lq_player_get_sample_rate (run->player);

      lq_meter_feed_update (feed);
      lq_meter_feed_get_snapshot (feed, &s);
      name = slot_name (run->player, lq_player_get_selected (run->player));
      st = lq_cli_format_lufs (s.short_term_lufs, "LUFS");
      printf ("\r%6.1f s  %-28.28s  S %-12s", lq_player_get_position (run->player) / rate,
              name, st);
      fflush (stdout);
    }
  return G_SOURCE_CONTINUE;
}

static void
end_of_stream_cb (LqPlayer *player,
                  PlayRun  *run)
{
  run->ended = TRUE;
  g_main_loop_quit (run->loop);
}

static void
device_status_cb (LqPlayer   *player,
                  GParamSpec *pspec,
                  PlayRun    *run)
{
  if (lq_player_get_device_status (player) == LQ_DEVICE_STATUS_LOST)
    g_main_loop_quit (run->loop);
}

static void
measuring_cb (LqPlayer   *player,
              GParamSpec *pspec,
              PlayRun    *run)
{
  if (!lq_player_get_measuring (player))
    g_main_loop_quit (run->loop);
}

static gboolean
interrupt_cb (gpointer user_data)
{
  PlayRun *run = user_data;

  run->interrupted = TRUE;
  g_main_loop_quit (run->loop);
  return G_SOURCE_CONTINUE;
}

static void
print_source (LqPlayer       *player,
              int             slot,
              LqSourceBuffer *buffer)
{
  g_autofree char *name = slot_name (player, slot);
  g_autofree char *lufs = lq_cli_format_lufs (lq_player_get_loudness (player, slot), "LUFS");
  g_autofree char *extra = NULL;

  if (buffer != NULL && lq_source_buffer_get_file_rate (buffer)
                        != lq_source_buffer_get_sample_rate (buffer))
    extra = g_strdup_printf (_(", resampled from %.0f Hz"),
                             lq_source_buffer_get_file_rate (buffer));
  printf ("  %-32s %s, gain %+.2f dB%s\n", name, lufs, lq_player_get_gain_db (player, slot),
          extra ? extra : "");
}

int
lq_cli_play (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LqSourceBuffer) mix = NULL;
  g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LqPlayer) player = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) references = NULL;
  g_autofree char *chain_path = NULL;
  g_autofree char *device = NULL;
  g_autofree char *listen_as = NULL;
  g_autofree char *monitor = NULL;
  int monitor_mode = LQ_MONITOR_STEREO;
  gboolean no_match = FALSE, list = FALSE;
  double switch_every = 0.0;
  int buffer = 0;
  LqChainParams params;
  PlayRun run = { 0 };
  guint tick_id, sigint_id, sigterm_id;
  double rate, played;
  const GOptionEntry entries[] = {
    { "reference", 'r', 0, G_OPTION_ARG_FILENAME_ARRAY, &references,
      N_("A reference track to compare with (repeatable)"), N_("REF") },
    { "chain", 'c', 0, G_OPTION_ARG_FILENAME, &chain_path,
      N_("Chain preset (JSON) for the master"), N_("CHAIN.json") },
    { "no-match", 0, 0, G_OPTION_ARG_NONE, &no_match,
      N_("Play every source at its real level (no loudness matching)"), NULL },
    { "listen-as", 0, 0, G_OPTION_ARG_STRING, &listen_as,
      N_("Play every source as a streaming service would (see “lacquer analyze --platforms”): "
         "spotify-normal, spotify-loud, spotify-quiet, apple-music, youtube, tidal, "
         "amazon-music or deezer"), N_("SERVICE") },
    { "monitor", 'm', 0, G_OPTION_ARG_STRING, &monitor,
      N_("Monitoring mode for every source: stereo (default), mono ((L+R)/2 on both sides), "
         "mid, side, left, right or swap"), N_("MODE") },
    { "switch-every", 's', 0, G_OPTION_ARG_DOUBLE, &switch_every,
      N_("Alternate mix (or master, with a chain) and the first reference every SECONDS"),
      N_("SECONDS") },
    { "device", 'd', 0, G_OPTION_ARG_STRING, &device,
      N_("Output device (a name from --list-devices; default: the system's)"), N_("NAME") },
    { "list-devices", 0, 0, G_OPTION_ARG_NONE, &list, N_("List output devices and exit"), NULL },
    { "buffer", 'b', 0, G_OPTION_ARG_INT, &buffer,
      N_("Device buffer size in frames (default: the device's choice)"), N_("FRAMES") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("MIX — play a mix against references at matched loudness"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Plays the mix through the audio device, with the references loaded at its rate. "
      "Unless --no-match is given every source plays at the first reference's integrated "
      "loudness. With --switch-every, playback alternates between the mix (the master when "
      "a chain is given) and the first reference at exact positions, with a 10 ms crossfade; "
      "it ends when the mix ends."));
  g_option_context_set_description (context,
    _("Exit status: 0 success, 1 usage error, 2 a file could not be read or no audio device "
      "could play."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      lq_cli_print_error ("%s", error->message);
      return LQ_EXIT_USAGE;
    }
  if (list)
    return list_devices ();
  if (files == NULL || files[0] == NULL)
    {
      lq_cli_print_error ("%s", _("play: no mix given (see “lacquer play --help”)"));
      return LQ_EXIT_USAGE;
    }
  if (files[1] != NULL)
    {
      lq_cli_print_error (_("play: one mix only; give references with --reference (“%s”)"),
                          files[1]);
      return LQ_EXIT_USAGE;
    }
  if (switch_every < 0.0 || (switch_every > 0.0 && switch_every < 0.05) || buffer < 0
      || buffer > 65536)
    {
      lq_cli_print_error ("%s", _("play: --switch-every takes at least 0.05 seconds and "
                                  "--buffer 0 … 65536 frames"));
      return LQ_EXIT_USAGE;
    }

  if (listen_as != NULL && lq_platforms_lookup (listen_as) == NULL)
    {
      lq_cli_print_error (_("play: unknown service “%s” for --listen-as"), listen_as);
      return LQ_EXIT_USAGE;
    }

  if (monitor != NULL && (monitor_mode = lq_monitor_mode_from_name (monitor)) < 0)
    {
      lq_cli_print_error (_("play: unknown monitoring mode “%s” for --monitor (stereo, mono, "
                            "mid, side, left, right or swap)"), monitor);
      return LQ_EXIT_USAGE;
    }

  lq_chain_params_init_default (&params);
  if (chain_path != NULL && !lq_chain_params_from_json_file (chain_path, &params, &error))
    {
      lq_cli_print_error ("%s", error->message);
      return LQ_EXIT_INPUT;
    }

  mix = lq_source_buffer_load (files[0], 0, NULL, &error);
  if (mix == NULL)
    {
      lq_cli_print_error ("%s", error->message);
      return LQ_EXIT_INPUT;
    }
  rate = lq_source_buffer_get_sample_rate (mix);
  for (guint i = 0; references != NULL && references[i] != NULL; i++)
    {
      LqSourceBuffer *ref = lq_source_buffer_load (references[i], rate, NULL, &error);

      if (ref == NULL)
        {
          lq_cli_print_error ("%s", error->message);
          return LQ_EXIT_INPUT;
        }
      g_ptr_array_add (refs, ref);
    }

  player = lq_player_new ();
  lq_player_set_match_enabled (player, !no_match);
  lq_player_set_chain_params (player, &params);
  lq_player_set_listen_as (player, listen_as);
  lq_player_set_monitor_mode (player, monitor_mode);
  if (!lq_player_set_sources (player, mix, (LqSourceBuffer **) refs->pdata, refs->len, &error))
    {
      lq_cli_print_error ("%s", error->message);
      return LQ_EXIT_INPUT;
    }

  /* The master's loudness is measured on a worker; play once the gains are final. */
  loop = g_main_loop_new (NULL, FALSE);
  run.player = player;
  run.loop = loop;
  if (lq_player_get_measuring (player))
    {
      gulong id = g_signal_connect (player, "notify::measuring", G_CALLBACK (measuring_cb), &run);

      g_main_loop_run (loop);
      g_signal_handler_disconnect (player, id);
    }

  run.slots[0] = chain_path != NULL ? LQ_SLOT_MASTER : LQ_SLOT_MIX;
  run.slots[1] = refs->len > 0 ? LQ_SLOT_REFERENCE
                               : (run.slots[0] == LQ_SLOT_MIX ? LQ_SLOT_MASTER : LQ_SLOT_MIX);
  lq_player_select (player, run.slots[0]);
  if (switch_every > 0.0)
    {
      run.period_frames = switch_every * rate;
      schedule_switches (&run);
    }

  /* Play is queued before the stream starts, so that stream frame 0 is the mix's first
   * frame and the switches land on exact positions. */
  lq_player_play (player);
  if (!lq_player_open_device (player, device, (guint) buffer, &error))
    {
      lq_cli_print_error ("%s", error->message);
      return LQ_EXIT_INPUT;
    }

  printf (_("Playing %s (%.0f Hz, %.1f s), loudness matching %s\n"),
          lq_source_buffer_get_display_name (mix), rate,
          lq_player_get_duration (player) / rate,
          no_match || listen_as != NULL ? _("off") : _("on"));
  print_source (player, LQ_SLOT_MIX, mix);
  if (chain_path != NULL)
    print_source (player, LQ_SLOT_MASTER, NULL);
  for (guint i = 0; i < refs->len; i++)
    print_source (player, LQ_SLOT_REFERENCE + (int) i, g_ptr_array_index (refs, i));
  if (!no_match || listen_as != NULL)
    {
      g_autofree char *summary = lq_player_dup_match_summary (player);

      if (summary != NULL)
        printf ("%s\n", summary);
    }
  if (monitor_mode != LQ_MONITOR_STEREO)
    printf (_("Monitoring: %s\n"), lq_monitor_mode_get_label (monitor_mode));
  if (switch_every > 0.0)
    {
      g_autofree char *a = slot_name (player, run.slots[0]);
      g_autofree char *b = slot_name (player, run.slots[1]);

      printf (_("Switching between %s and %s every %.3g s\n"), a, b, switch_every);
    }
  printf (_("Device: %s (latency %.1f ms)\n"), lq_player_get_device_name (player),
          lq_player_get_output_latency (player) * 1000.0);
  fflush (stdout);

  g_signal_connect (player, "end-of-stream", G_CALLBACK (end_of_stream_cb), &run);
  g_signal_connect (player, "notify::device-status", G_CALLBACK (device_status_cb), &run);
  tick_id = g_timeout_add (100, tick_cb, &run);
  sigint_id = g_unix_signal_add (SIGINT, interrupt_cb, &run);
  sigterm_id = g_unix_signal_add (SIGTERM, interrupt_cb, &run);

  g_main_loop_run (loop);

  g_source_remove (tick_id);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  if (isatty (STDOUT_FILENO))
    printf ("\n");

  if (lq_player_get_device_status (player) == LQ_DEVICE_STATUS_LOST)
    {
      lq_cli_print_error ("%s", lq_player_get_device_message (player));
      return LQ_EXIT_INPUT;
    }

  /* Fade out (when interrupted), then play out what the device holds. */
  played = (run.ended ? lq_player_get_duration (player) : lq_player_get_position (player)) / rate;
  lq_player_drain_device (player);

  printf (_("Played %.1f s, %u switches, %u xruns\n"), played,
          run.ended ? run.n_switches : 0, lq_player_get_xruns (player));
  return LQ_EXIT_OK;
}
