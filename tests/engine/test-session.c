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
#include "lq-session.h"
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

static gboolean
busy_cb (gpointer data)
{
  return lq_session_get_busy (data);
}

static gboolean
not_cb (gpointer data)
{
  return !*(gboolean *) data;
}

static void
flag_cb (gboolean *flag)
{
  *flag = TRUE;
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LqSessionData **data = user_data;
  g_autoptr(GError) error = NULL;

  *data = lq_session_read_finish (result, NULL, &error);
  g_assert_no_error (error);
}

static gboolean
null_cb (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* A whole session headless, as the window drives it: load a mix and references, edit the
 * chain, undo and redo, switch, loop, save, reopen; the playback follows every step. */
static void
test_session_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lacquer-session-XXXXXX", NULL);
  g_autofree char *mix = write_sine (dir, "mix.wav", 48000, 997, -20);
  g_autofree char *ref1 = write_sine (dir, "ref1.wav", 48000, 440, -10);
  g_autofree char *ref2 = write_sine (dir, "ref2.wav", 44100, 440, -14);
  g_autofree char *path = g_build_filename (dir, "song.lacquer", NULL);
  const char *paths[] = { mix, ref1, ref2 };
  g_autoptr(LqSession) session = lq_session_new ();
  g_autoptr(LqSession) reopened = lq_session_new ();
  g_autoptr(LqPlayerPlayback) playback = lq_player_playback_new ();
  g_autoptr(GError) error = NULL;
  LqSessionData *data = NULL;
  LqSourceSet *sources = lq_session_get_sources (session);
  LqChainModel *chain = lq_session_get_chain (session);
  LqPlayer *player = lq_player_playback_get_player (playback);
  LqChainParams heard;
  guint64 start, end;
  gboolean restored = FALSE;
  double ls, le;

  /* The chain is set before anything is loaded: the master must still play it. */
  g_object_set (chain, "output-gain-db", -6.0, NULL);
  lq_session_set_playback (session, LQ_PLAYBACK (playback));
  lq_session_load_files (session, paths, 3, TRUE, FALSE);
  g_assert_true (lq_session_get_busy (session));
  wait_while (busy_cb, session);
  wait_while (loading_cb, playback);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sources)), ==, 4);
  g_assert_cmpuint (lq_player_get_n_references (player), ==, 2);
  lq_player_get_chain_params (player, &heard);
  g_assert_cmpfloat (heard.output_gain_db, ==, -6.0);

  /* Edit, undo, redo: the player hears each state. */
  g_object_set (chain, "output-gain-db", -3.0, NULL);
  g_assert_true (lq_session_get_dirty (session));
  lq_undo_stack_undo (lq_session_get_undo (session));
  lq_player_get_chain_params (player, &heard);
  g_assert_cmpfloat (heard.output_gain_db, ==, -6.0);
  lq_undo_stack_redo (lq_session_get_undo (session));
  lq_player_get_chain_params (player, &heard);
  g_assert_cmpfloat (heard.output_gain_db, ==, -3.0);

  /* Switch and loop: the player's selection and loop follow the session's. */
  lq_source_set_select (sources, LQ_SOURCE_SET_MASTER);
  g_assert_cmpint (lq_player_get_selected (player), ==, LQ_SLOT_MASTER);
  lq_session_set_loop_region (session, 0.5, 1.5);
  g_assert_true (lq_session_get_loop (session, &ls, &le));
  g_assert_true (lq_player_get_loop (player, &start, &end));
  g_assert_cmpuint (start, ==, 24000);
  g_assert_cmpuint (end, ==, 72000);
  lq_session_set_target (session, "cd");

  g_assert_true (lq_session_save (session, path, &error));
  g_assert_no_error (error);
  g_assert_false (lq_session_get_dirty (session));
  g_assert_cmpstr (lq_session_get_path (session), ==, path);

  /* Reopen: read off the main thread, restore, load. */
  lq_session_read_async (path, NULL, read_cb, &data);
  wait_while (null_cb, &data);
  g_signal_connect_swapped (reopened, "restored", G_CALLBACK (flag_cb), &restored);
  lq_session_restore (reopened, data, path);
  wait_while (not_cb, &restored);
  g_assert_true (lq_chain_params_equal (lq_chain_model_get_params (lq_session_get_chain (reopened)),
                                        lq_chain_model_get_params (chain)));
  g_assert_cmpstr (lq_session_get_target (reopened), ==, "cd");
  g_assert_true (lq_session_get_loop (reopened, &ls, &le));
  g_assert_cmpfloat (ls, ==, 0.5);
  g_assert_cmpfloat (le, ==, 1.5);
  g_assert_cmpint (lq_source_set_get_selected_index (lq_session_get_sources (reopened)), ==,
                   LQ_SOURCE_SET_MASTER);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lq_session_get_sources (reopened))),
                    ==, 4);
  g_assert_false (lq_session_get_dirty (reopened));
  g_assert_false (lq_undo_stack_get_can_undo (lq_session_get_undo (reopened)));

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    g_unlink (paths[i]);
  g_unlink (path);
  g_rmdir (dir);
}

static LqSource *
item (LqSourceSet *set,
      guint        i)
{
  g_autoptr(LqSource) source = g_list_model_get_item (G_LIST_MODEL (set), i);

  return source;   /* the set holds it */
}

/* A mix (997 Hz) and three references (440, 660 and 880 Hz), 3 s each at 48 kHz, written to
 * dir and loaded into session with playback attached; paths receives the four files. */
static void
load_mix_and_three (LqSession        *session,
                    LqPlayerPlayback *playback,
                    const char       *dir,
                    char             *paths[4])
{
  static const struct { const char *name; double freq, peak_dbfs; } files[] = {
    { "mix.wav", 997, -20 }, { "ref1.wav", 440, -10 }, { "ref2.wav", 660, -12 },
    { "ref3.wav", 880, -14 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    paths[i] = write_sine (dir, files[i].name, 48000, files[i].freq, files[i].peak_dbfs);
  lq_session_set_playback (session, LQ_PLAYBACK (playback));
  lq_session_load_files (session, (const char *const *) paths, 4, TRUE, FALSE);
  wait_while (busy_cb, session);
  wait_while (loading_cb, playback);
}

static void
remove_files (char       *paths[4],
              const char *dir)
{
  for (guint i = 0; i < 4; i++)
    {
      g_unlink (paths[i]);
      g_free (paths[i]);
    }
  g_rmdir (dir);
}

/* References in free mode: each one's own loop reaches the player in frames, follows its
 * reference when references are reordered or removed, and is saved with the mode; removing
 * and moving references keep the selection on its source, mark the session changed and
 * reach the player. */
static void
test_session_free_references (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lacquer-session-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "song.lacquer", NULL);
  char *paths[4];
  g_autoptr(LqSession) session = lq_session_new ();
  g_autoptr(LqSession) reopened = lq_session_new ();
  g_autoptr(LqPlayerPlayback) playback = lq_player_playback_new ();
  g_autoptr(GError) error = NULL;
  LqSessionData *data = NULL;
  LqSourceSet *sources = lq_session_get_sources (session);
  LqPlayer *player = lq_player_playback_get_player (playback);
  LqSource *r1, *r2, *r3;
  gboolean restored = FALSE;
  guint64 start, end;
  double ls, le;

  load_mix_and_three (session, playback, dir, paths);
  r1 = item (sources, 2);
  r2 = item (sources, 3);
  r3 = item (sources, 4);
  g_assert_true (lq_player_get_sync_references (player));
  g_assert_true (lq_session_save (session, path, &error));

  lq_session_set_free_references (session, TRUE);
  g_assert_false (lq_player_get_sync_references (player));
  g_assert_true (lq_session_get_dirty (session));
  /* Clamped to the reference's 3 s. */
  lq_session_set_reference_loop (session, 3, 0.5, 9.0);
  g_assert_true (lq_session_get_reference_loop (session, 3, &ls, &le));
  g_assert_cmpfloat (ls, ==, 0.5);
  g_assert_cmpfloat (le, ==, 3.0);
  g_assert_true (lq_player_get_reference_loop (player, 1, &start, &end));
  g_assert_cmpuint (start, ==, 24000);
  g_assert_cmpuint (end, ==, 144000);
  g_assert_false (lq_player_get_reference_loop (player, 0, NULL, NULL));

  /* Reorder: ref2 first; the selection (ref3) follows its source. */
  lq_source_set_select (sources, 4);
  lq_source_set_move_reference (sources, 3, 2);
  g_assert_true (item (sources, 2) == r2);
  g_assert_true (item (sources, 3) == r1);
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, 4);
  g_assert_true (lq_source_set_get_selected (sources) == r3);
  g_assert_true (lq_session_get_reference_loop (session, 2, NULL, NULL));
  g_assert_false (lq_session_get_reference_loop (session, 3, NULL, NULL));
  wait_while (loading_cb, playback);
  g_assert_true (lq_player_get_reference_loop (player, 0, &start, &end));
  g_assert_cmpuint (start, ==, 24000);
  g_assert_false (lq_player_get_reference_loop (player, 1, NULL, NULL));
  g_assert_cmpint (lq_player_get_selected (player), ==, 4);

  /* Moving the selected one to the front. */
  lq_source_set_move_reference (sources, 4, 2);
  g_assert_true (item (sources, 2) == r3);
  g_assert_true (item (sources, 3) == r2);
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, 2);
  wait_while (loading_cb, playback);
  g_assert_cmpint (lq_player_get_selected (player), ==, 2);

  /* Remove one that is not selected: the selection stays on its source. */
  lq_source_set_remove_reference (sources, 4);
  g_assert_cmpuint (lq_source_set_get_n_references (sources), ==, 2);
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, 2);
  /* Remove the selected one: the mix is heard. */
  lq_source_set_remove_reference (sources, 2);
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, LQ_SOURCE_SET_MIX);
  g_assert_true (item (sources, 2) == r2);
  g_assert_true (lq_session_get_reference_loop (session, 2, NULL, NULL));
  wait_while (loading_cb, playback);
  g_assert_cmpuint (lq_player_get_n_references (player), ==, 1);
  g_assert_true (lq_player_get_reference_loop (player, 0, &start, &end));
  g_assert_cmpuint (end, ==, 144000);
  g_assert_cmpint (lq_player_get_selected (player), ==, LQ_SLOT_MIX);
  (void) r1;

  /* Saved and reopened: the mode and the loop come back. */
  g_assert_true (lq_session_save (session, path, &error));
  g_assert_no_error (error);
  lq_session_read_async (path, NULL, read_cb, &data);
  wait_while (null_cb, &data);
  g_signal_connect_swapped (reopened, "restored", G_CALLBACK (flag_cb), &restored);
  lq_session_restore (reopened, data, path);
  wait_while (not_cb, &restored);
  g_assert_true (lq_session_get_free_references (reopened));
  g_assert_true (lq_session_get_reference_loop (reopened, 2, &ls, &le));
  g_assert_cmpfloat (ls, ==, 0.5);
  g_assert_cmpfloat (le, ==, 3.0);
  g_assert_false (lq_session_get_dirty (reopened));

  g_unlink (path);
  remove_files (paths, dir);
}

/* Removing and reordering references are undo steps among the chain's: undoing a removal
 * puts the same source back at the same position with its own loop and its selection, and
 * the player has it again; a move undoes to the old order; redo repeats each. */
static void
test_session_reference_undo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lacquer-session-XXXXXX", NULL);
  char *paths[4];
  g_autoptr(LqSession) session = lq_session_new ();
  g_autoptr(LqPlayerPlayback) playback = lq_player_playback_new ();
  LqSourceSet *sources = lq_session_get_sources (session);
  LqUndoStack *undo = lq_session_get_undo (session);
  LqPlayer *player = lq_player_playback_get_player (playback);
  LqSource *r1, *r2, *r3;
  double ls, le, ratio;
  guint64 start, end;

  load_mix_and_three (session, playback, dir, paths);
  r1 = item (sources, 2);
  r2 = item (sources, 3);
  r3 = item (sources, 4);
  lq_session_set_free_references (session, TRUE);
  lq_session_set_reference_loop (session, 3, 0.5, 2.0);
  lq_source_set_select (sources, 3);
  /* A chain step before: the history is one, in order. */
  g_object_set (lq_session_get_chain (session), "comp-ratio", 2.5, NULL);
  ratio = lq_chain_model_get_params (lq_session_get_chain (session))->comp.ratio;
  g_assert_false (lq_session_get_reference_loop (session, 2, NULL, NULL));

  /* Remove the selected reference (r2, at 3, with its loop). */
  lq_session_remove_reference (session, 3);
  g_assert_cmpuint (lq_source_set_get_n_references (sources), ==, 2);
  g_assert_true (item (sources, 3) == r3);
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, LQ_SOURCE_SET_MIX);
  wait_while (loading_cb, playback);
  g_assert_cmpuint (lq_player_get_n_references (player), ==, 2);
  g_assert_true (lq_undo_stack_get_can_undo (undo));

  lq_undo_stack_undo (undo);
  g_assert_cmpuint (lq_source_set_get_n_references (sources), ==, 3);
  g_assert_true (item (sources, 2) == r1);
  g_assert_true (item (sources, 3) == r2);
  g_assert_true (item (sources, 4) == r3);
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, 3);
  g_assert_true (lq_session_get_reference_loop (session, 3, &ls, &le));
  g_assert_cmpfloat (ls, ==, 0.5);
  g_assert_cmpfloat (le, ==, 2.0);
  g_assert_false (lq_session_get_reference_loop (session, 4, NULL, NULL));
  wait_while (loading_cb, playback);
  g_assert_cmpuint (lq_player_get_n_references (player), ==, 3);
  g_assert_true (lq_player_get_reference_loop (player, 1, &start, &end));
  g_assert_cmpuint (start, ==, 24000);
  g_assert_cmpuint (end, ==, 96000);
  g_assert_cmpint (lq_player_get_selected (player), ==, 3);
  /* The chain is untouched by it. */
  g_assert_cmpfloat (lq_chain_model_get_params (lq_session_get_chain (session))->comp.ratio, ==,
                     ratio);

  /* Redo removes it again; undo brings it back once more. */
  lq_undo_stack_redo (undo);
  g_assert_cmpuint (lq_source_set_get_n_references (sources), ==, 2);
  g_assert_true (item (sources, 3) == r3);
  lq_undo_stack_undo (undo);
  g_assert_true (item (sources, 3) == r2);

  /* Move r3 to the front, then undo: the old order, the loop still on r2. */
  lq_session_move_reference (session, 4, 2);
  g_assert_true (item (sources, 2) == r3);
  g_assert_true (item (sources, 3) == r1);
  g_assert_true (item (sources, 4) == r2);
  g_assert_true (lq_session_get_reference_loop (session, 4, NULL, NULL));
  lq_undo_stack_undo (undo);
  g_assert_true (item (sources, 2) == r1);
  g_assert_true (item (sources, 3) == r2);
  g_assert_true (item (sources, 4) == r3);
  g_assert_true (lq_session_get_reference_loop (session, 3, NULL, NULL));
  lq_undo_stack_redo (undo);
  g_assert_true (item (sources, 2) == r3);
  lq_undo_stack_undo (undo);

  /* Next in the history is the chain step. */
  lq_undo_stack_undo (undo);
  g_assert_cmpfloat (lq_chain_model_get_params (lq_session_get_chain (session))->comp.ratio, !=,
                     ratio);
  g_assert_cmpuint (lq_source_set_get_n_references (sources), ==, 3);

  remove_files (paths, dir);
}

static gboolean
missing_file_cb (gpointer path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

/* A change is autosaved off the main thread; recovering it gives the session back, unsaved
 * and untitled; a saved session removes its autosave. */
static void
test_session_autosave (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lacquer-session-XXXXXX", NULL);
  g_autofree char *mix = write_sine (dir, "mix.wav", 48000, 997, -20);
  g_autofree char *autosave = g_build_filename (dir, "cache", "autosave-1-1.lacquer", NULL);
  g_autofree char *path = g_build_filename (dir, "saved.lacquer", NULL);
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  const char *paths[] = { mix };
  g_autoptr(LqSession) session = lq_session_new ();
  g_autoptr(LqSession) recovered = lq_session_new ();
  g_autoptr(GError) error = NULL;
  LqSessionData *data = NULL;
  gboolean restored = FALSE;

  lq_session_set_autosave_path (session, autosave);
  lq_session_load_files (session, paths, 1, TRUE, FALSE);
  wait_while (busy_cb, session);
  g_object_set (lq_session_get_chain (session), "comp-ratio", 3.5, NULL);
  lq_session_flush_autosave (session);
  wait_while (missing_file_cb, autosave);

  lq_session_read_async (autosave, NULL, read_cb, &data);
  wait_while (null_cb, &data);
  g_signal_connect_swapped (recovered, "restored", G_CALLBACK (flag_cb), &restored);
  lq_session_restore (recovered, data, NULL);
  wait_while (not_cb, &restored);
  g_assert_cmpfloat (lq_chain_model_get_params (lq_session_get_chain (recovered))->comp.ratio, ==,
                     3.5);
  g_assert_null (lq_session_get_path (recovered));
  g_assert_true (lq_session_get_dirty (recovered));

  g_assert_true (lq_session_save (session, path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (autosave, G_FILE_TEST_EXISTS));

  g_unlink (mix);
  g_unlink (path);
  g_rmdir (cache);
  g_rmdir (dir);
}

/* The Custom target: choosing it sets the limiter's ceiling to its own, its numbers are
 * saved with the session and come back on reopening; they stay inside what `lacquer render
 * --target-lufs/--ceiling-dbtp` accepts (-70 … 0 LUFS, -30 … 0 dBTP), so the same target can
 * be rendered from the command line. */
static void
test_session_custom_target (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lacquer-session-XXXXXX", NULL);
  g_autofree char *mix = write_sine (dir, "mix.wav", 48000, 997, -20);
  g_autofree char *path = g_build_filename (dir, "custom.lacquer", NULL);
  const char *paths[] = { mix };
  g_autoptr(LqSession) session = lq_session_new ();
  g_autoptr(LqSession) reopened = lq_session_new ();
  g_autoptr(GError) error = NULL;
  LqSessionData *data = NULL;
  gboolean restored = FALSE;
  const LqPreset *preset;
  double lufs, ceiling;

  lq_session_load_files (session, paths, 1, TRUE, FALSE);
  wait_while (busy_cb, session);
  lq_session_set_custom_target (session, -11.5, -0.7);
  /* Not chosen yet: the ceiling is the Spotify one. */
  g_assert_cmpfloat (lq_chain_model_get_params (lq_session_get_chain (session))->lim.ceiling_db,
                     ==, -1.0);
  lq_session_set_target (session, "custom");
  g_assert_cmpstr (lq_session_get_target (session), ==, "custom");
  preset = lq_session_get_target_preset (session);
  g_assert_cmpfloat (preset->target_lufs, ==, -11.5);
  g_assert_cmpfloat (preset->ceiling_dbtp, ==, -0.7);
  g_assert_true (lq_preset_has_target (preset));
  g_assert_cmpfloat_with_epsilon (
    lq_chain_model_get_params (lq_session_get_chain (session))->lim.ceiling_db, -0.7, 1e-9);
  /* Changing the numbers of the chosen target moves the ceiling too. */
  lq_session_set_custom_target (session, -12.0, -0.5);
  g_assert_cmpfloat_with_epsilon (
    lq_chain_model_get_params (lq_session_get_chain (session))->lim.ceiling_db, -0.5, 1e-9);
  /* Out of range: clamped to what the command line takes too. */
  lq_session_set_custom_target (session, -99.0, -50.0);
  lq_session_get_custom_target (session, &lufs, &ceiling);
  g_assert_cmpfloat (lufs, ==, LQ_CUSTOM_LUFS_MIN);
  g_assert_cmpfloat (ceiling, ==, LQ_CUSTOM_CEILING_MIN);
  g_assert_cmpfloat (LQ_CUSTOM_LUFS_MIN, >=, -70.0);
  g_assert_cmpfloat (LQ_CUSTOM_LUFS_MAX, <=, 0.0);
  g_assert_cmpfloat (LQ_CUSTOM_CEILING_MIN, >=, -30.0);
  g_assert_cmpfloat (LQ_CUSTOM_CEILING_MAX, <=, 0.0);
  lq_session_set_custom_target (session, -12.0, -0.5);

  g_assert_true (lq_session_save (session, path, &error));
  g_assert_no_error (error);
  lq_session_read_async (path, NULL, read_cb, &data);
  wait_while (null_cb, &data);
  g_assert_true (data->has_custom_target);
  g_signal_connect_swapped (reopened, "restored", G_CALLBACK (flag_cb), &restored);
  lq_session_restore (reopened, data, path);
  wait_while (not_cb, &restored);
  g_assert_cmpstr (lq_session_get_target (reopened), ==, "custom");
  lq_session_get_custom_target (reopened, &lufs, &ceiling);
  g_assert_cmpfloat (lufs, ==, -12.0);
  g_assert_cmpfloat (ceiling, ==, -0.5);
  g_assert_cmpfloat_with_epsilon (
    lq_chain_model_get_params (lq_session_get_chain (reopened))->lim.ceiling_db, -0.5, 1e-9);
  g_assert_false (lq_session_get_dirty (reopened));

  g_unlink (mix);
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
spin_cb (gpointer data)
{
  return g_get_monotonic_time () < *(gint64 *) data;
}

/* Closing with Discard while an autosave is being written leaves no autosave behind: the
 * write lands after the discard removed the file, and must remove its own. Repeated, so that
 * the discard falls at different moments of the write. */
static void
test_session_discard_in_flight (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lacquer-session-XXXXXX", NULL);
  g_autofree char *mix = write_sine (dir, "mix.wav", 48000, 997, -20);
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autofree char *autosave = g_build_filename (cache, "autosave-1-1.lacquer", NULL);
  const char *paths[] = { mix };
  g_autoptr(LqSession) session = lq_session_new ();

  lq_session_set_autosave_path (session, autosave);
  lq_session_load_files (session, paths, 1, TRUE, FALSE);
  wait_while (busy_cb, session);
  for (int i = 0; i < 20; i++)
    {
      gint64 until;
      g_autoptr(GDir) listing = NULL;

      g_object_set (lq_session_get_chain (session), "comp-ratio", 2.0 + 0.1 * i, NULL);
      g_assert_true (lq_session_get_dirty (session));
      lq_session_flush_autosave (session);   /* a write in flight, on a worker */
      if (i % 2)
        g_usleep (200 * i);
      lq_session_discard_autosave (session);
      /* Let the write and its callback finish. */
      until = g_get_monotonic_time () + 150 * 1000;
      wait_while (spin_cb, &until);
      g_assert_false (g_file_test (autosave, G_FILE_TEST_EXISTS));
      /* Nor a temporary file of the write. */
      listing = g_dir_open (cache, 0, NULL);
      g_assert_null (listing ? g_dir_read_name (listing) : NULL);
    }
  /* The session is still dirty: a later change autosaves again. */
  g_object_set (lq_session_get_chain (session), "comp-ratio", 5.0, NULL);
  lq_session_flush_autosave (session);
  wait_while (missing_file_cb, autosave);
  lq_session_discard_autosave (session);
  g_assert_false (g_file_test (autosave, G_FILE_TEST_EXISTS));

  g_unlink (mix);
  g_rmdir (cache);
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
  g_test_add_func ("/engine/session/round-trip", test_session_round_trip);
  g_test_add_func ("/engine/session/autosave", test_session_autosave);
  g_test_add_func ("/engine/session/free-references", test_session_free_references);
  g_test_add_func ("/engine/session/reference-undo", test_session_reference_undo);
  g_test_add_func ("/engine/session/discard-in-flight", test_session_discard_in_flight);
  g_test_add_func ("/engine/session/custom-target", test_session_custom_target);
  return g_test_run ();
}
