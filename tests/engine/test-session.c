/* test-session.c
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

/* The session's sources, headless: each file is decoded once, for its analysis and for the
 * player alike, and the master's readouts are its own. No display and no audio device. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sndfile.h>

#include "lq-audio-file.h"
#include "lq-player-playback.h"
#include "lq-source-set.h"
#include "lq-test-signal.h"

static char *
write_sine (const char *dir,
            const char *name,
            int         rate,
            double      freq,
            double      peak_dbfs)
{
  char *path = g_build_filename (dir, name, NULL);
  SF_INFO info = { .samplerate = rate, .channels = 2, .format = SF_FORMAT_WAV | SF_FORMAT_FLOAT };
  guint64 n = (guint64) rate * 3;
  g_autofree float *mono = g_new (float, n);
  g_autofree float *stereo = g_new (float, 2 * n);
  SNDFILE *f;

  lq_test_sine (mono, n, rate, freq, pow (10.0, peak_dbfs / 20.0), 0.0);
  for (guint64 i = 0; i < n; i++)
    stereo[2 * i] = stereo[2 * i + 1] = mono[i];
  f = sf_open (path, SFM_WRITE, &info);
  g_assert_nonnull (f);
  g_assert_cmpint (sf_writef_float (f, stereo, (sf_count_t) n), ==, (sf_count_t) n);
  sf_close (f);
  return path;
}

static gboolean
loading_cb (gpointer data)
{
  return lq_player_playback_get_loading (data);
}

static void
wait_while (GSourceFunc cond,
            gpointer    data)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (cond (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* A mix and two references (one at another rate) reach the player with three opens of the
 * decoder in all: the analysis and the audio come from the same decode, and a reference at
 * another rate is resampled from memory, not decoded again. */
static void
test_decoded_once (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lacquer-session-XXXXXX", NULL);
  g_autofree char *mix_path = write_sine (dir, "mix.wav", 48000, 997, -20);
  g_autofree char *ref1_path = write_sine (dir, "ref1.wav", 48000, 440, -10);
  g_autofree char *ref2_path = write_sine (dir, "ref2.wav", 44100, 440, -14);
  g_autoptr(LqSourceSet) set = lq_source_set_new ();
  g_autoptr(LqPlayerPlayback) playback = lq_player_playback_new ();
  g_autoptr(GError) error = NULL;
  const char *paths[] = { mix_path, ref1_path, ref2_path };
  LqPlayer *player = lq_player_playback_get_player (playback);
  guint before = lq_audio_file_get_open_count ();

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(LqSource) source = lq_source_load (paths[i], i == 0 ? LQ_SOURCE_KIND_MIX
                                                                     : LQ_SOURCE_KIND_REFERENCE,
                                                   NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (lq_source_get_buffer (source, NULL));
      if (i == 0)
        lq_source_set_set_mix (set, source);
      else
        lq_source_set_add_reference (set, source);
    }
  lq_playback_set_sources (LQ_PLAYBACK (playback), G_LIST_MODEL (set));
  wait_while (loading_cb, playback);

  g_test_message ("decoder opens for a mix and two references: %u",
                  lq_audio_file_get_open_count () - before);
  g_assert_cmpuint (lq_audio_file_get_open_count () - before, ==, 3);
  g_assert_cmpuint (lq_player_get_n_references (player), ==, 2);
  /* The 44.1 kHz reference plays at the mix's rate and measures as its analysis said. */
  g_assert_cmpfloat (lq_source_buffer_get_sample_rate (lq_player_get_reference (player, 1)), ==,
                     48000.0);
  g_assert_cmpfloat_with_epsilon (lq_source_buffer_get_loudness (lq_player_get_reference (player,
                                                                                          1)),
                                  lq_source_get_integrated_lufs (
                                    g_list_model_get_item (G_LIST_MODEL (set), 3)), 0.05);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    g_unlink (paths[i]);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* No device: PortAudio finds none and says so quietly. */
  g_setenv ("ALSA_CONFIG_PATH", TEST_SRCDIR "/alsa/nodevice.conf", TRUE);
  g_setenv ("JACK_NO_START_SERVER", "1", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/session/decoded-once", test_decoded_once);
  return g_test_run ();
}
