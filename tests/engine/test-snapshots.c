/* test-snapshots.c
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

/* Chain snapshots, headless: recall is one undo step that restores every parameter exactly,
 * the list keeps names unique, and the session file keeps the snapshots. */

#include "config.h"

#include <glib/gstdio.h>
#include <sndfile.h>
#include <string.h>

#include "lq-chain-json.h"
#include "lq-session.h"
#include "lq-test-signal.h"

/* Two chains that differ in every stage, with values that are not round in binary. */
static void
chain_a (LqChainParams *p)
{
  lq_chain_params_init_default (p);
  p->input_gain_db = 1.37;
  p->eq.bypass = false;
  p->eq.n_bands = 2;
  p->eq.bands[0] = (LqEqBand) { .type = LQ_EQ_BAND_LOW_SHELF, .freq = 101.3, .gain_db = 3.0,
                                .q = 0.71, .slope_db = 12 };
  p->eq.bands[1] = (LqEqBand) { .type = LQ_EQ_BAND_PEAKING, .freq = 2345.6, .gain_db = -1.9,
                                .q = 2.2, .slope_db = 12 };
  p->comp.bypass = false;
  p->comp.threshold_db = -21.3;
  p->comp.ratio = 2.7;
  p->lim.ceiling_db = -1.1;
  p->output_gain_db = -0.3;
}

static void
chain_b (LqChainParams *p)
{
  lq_chain_params_init_default (p);
  p->input_gain_db = -2.9;
  p->eq.bypass = false;
  p->eq.n_bands = 1;
  p->eq.bands[0] = (LqEqBand) { .type = LQ_EQ_BAND_HIGH_SHELF, .freq = 8765.4, .gain_db = 3.0,
                                .q = 0.5, .slope_db = 12 };
  p->lim.ceiling_db = -2.0;
  p->output_gain_db = 0.7;
}

/* Exactly: every parameter compares equal as a double, and the fields we set are the very
 * values (the model clamps, which must not move any of them). */
static void
assert_params (const LqChainParams *got,
               const LqChainParams *want)
{
  g_assert_true (lq_chain_params_equal (got, want));
  g_assert_cmpfloat (got->input_gain_db, ==, want->input_gain_db);
  g_assert_cmpuint (got->eq.n_bands, ==, want->eq.n_bands);
  for (guint i = 0; i < want->eq.n_bands; i++)
    {
      g_assert_cmpint (got->eq.bands[i].type, ==, want->eq.bands[i].type);
      g_assert_cmpfloat (got->eq.bands[i].freq, ==, want->eq.bands[i].freq);
      g_assert_cmpfloat (got->eq.bands[i].gain_db, ==, want->eq.bands[i].gain_db);
      g_assert_cmpfloat (got->eq.bands[i].q, ==, want->eq.bands[i].q);
    }
  g_assert_cmpint (got->comp.bypass, ==, want->comp.bypass);
  g_assert_cmpfloat (got->comp.threshold_db, ==, want->comp.threshold_db);
  g_assert_cmpfloat (got->comp.ratio, ==, want->comp.ratio);
  g_assert_cmpfloat (got->lim.ceiling_db, ==, want->lim.ceiling_db);
  g_assert_cmpfloat (got->output_gain_db, ==, want->output_gain_db);
}

static void
test_recall_undo_redo (void)
{
  g_autoptr(LqSession) session = lq_session_new ();
  LqChainModel *chain = lq_session_get_chain (session);
  LqUndoStack *undo = lq_session_get_undo (session);
  LqSnapshotList *list = lq_session_get_snapshots (session);
  LqChainParams a, b, edited;

  chain_a (&a);
  chain_b (&b);
  lq_chain_model_set_params (chain, &a);
  g_assert_cmpstr (lq_snapshot_get_name (lq_session_store_snapshot (session, 0)), ==, "A");
  lq_chain_model_set_params (chain, &b);
  /* Past the end: appended with the next free name. */
  g_assert_cmpstr (lq_snapshot_get_name (lq_session_store_snapshot (session, 7)), ==, "B");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  /* An edit after storing does not reach the snapshot. */
  g_object_set (chain, "output-gain-db", -4.0, NULL);
  edited = *lq_chain_model_get_params (chain);
  assert_params (lq_snapshot_get_params (lq_snapshot_list_get (list, 1)), &b);
  lq_undo_stack_clear (undo);

  g_assert_true (lq_session_recall_snapshot (session, 0));
  assert_params (lq_chain_model_get_params (chain), &a);
  g_assert_true (lq_undo_stack_get_can_undo (undo));

  /* One step: a single undo goes back to the edited chain, and no further. */
  lq_undo_stack_undo (undo);
  assert_params (lq_chain_model_get_params (chain), &edited);
  g_assert_false (lq_undo_stack_get_can_undo (undo));
  lq_undo_stack_redo (undo);
  assert_params (lq_chain_model_get_params (chain), &a);
  g_assert_false (lq_undo_stack_get_can_redo (undo));

  g_assert_true (lq_session_recall_snapshot (session, 1));
  assert_params (lq_chain_model_get_params (chain), &b);
  lq_undo_stack_undo (undo);
  assert_params (lq_chain_model_get_params (chain), &a);

  /* No snapshot there: nothing changes. */
  g_assert_false (lq_session_recall_snapshot (session, 2));
  assert_params (lq_chain_model_get_params (chain), &a);

  /* Storing over a slot keeps its name and replaces its parameters. */
  lq_chain_model_set_params (chain, &b);
  g_assert_cmpstr (lq_snapshot_get_name (lq_session_store_snapshot (session, 0)), ==, "A");
  assert_params (lq_snapshot_get_params (lq_snapshot_list_get (list, 0)), &b);
}

static void
count_cb (GListModel *model,
          guint       position,
          guint       removed,
          guint       added,
          guint      *count)
{
  (*count)++;
}

static void
test_list (void)
{
  g_autoptr(LqSnapshotList) list = lq_snapshot_list_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *long_name = g_strnfill (LQ_SNAPSHOT_MAX_NAME + 1, 'x');
  g_autofree char *free_name = NULL;
  LqChainParams a, b;
  guint changes = 0, position = 99;

  chain_a (&a);
  chain_b (&b);
  g_signal_connect (list, "items-changed", G_CALLBACK (count_cb), &changes);

  g_assert_nonnull (lq_snapshot_list_store (list, "A", &a, &error));
  g_assert_nonnull (lq_snapshot_list_store (list, "Loud", &b, &error));
  g_assert_nonnull (lq_snapshot_list_store (list, "A", &b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_nonnull (lq_snapshot_list_find (list, "Loud", &position));
  g_assert_cmpuint (position, ==, 1);
  assert_params (lq_snapshot_get_params (lq_snapshot_list_get (list, 0)), &b);

  g_assert_null (lq_snapshot_list_store (list, "", &a, &error));
  g_assert_error (error, LQ_SNAPSHOT_ERROR, LQ_SNAPSHOT_ERROR_NAME);
  g_clear_error (&error);
  g_assert_null (lq_snapshot_list_store (list, long_name, &a, &error));
  g_assert_error (error, LQ_SNAPSHOT_ERROR, LQ_SNAPSHOT_ERROR_NAME);
  g_clear_error (&error);
  g_assert_false (lq_snapshot_list_rename (list, "A", "Loud", &error));
  g_assert_error (error, LQ_SNAPSHOT_ERROR, LQ_SNAPSHOT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (lq_snapshot_list_rename (list, "Z", "Y", &error));
  g_assert_error (error, LQ_SNAPSHOT_ERROR, LQ_SNAPSHOT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (changes, ==, 3);

  g_assert_true (lq_snapshot_list_rename (list, "A", "Warm", &error));
  g_assert_no_error (error);
  g_assert_null (lq_snapshot_list_find (list, "A", NULL));
  g_assert_nonnull (lq_snapshot_list_find (list, "Warm", &position));
  g_assert_cmpuint (position, ==, 0);
  assert_params (lq_snapshot_get_params (lq_snapshot_list_get (list, 0)), &b);

  free_name = lq_snapshot_list_dup_free_name (list);
  g_assert_cmpstr (free_name, ==, "A");
  g_assert_true (lq_snapshot_list_remove (list, "Warm"));
  g_assert_false (lq_snapshot_list_remove (list, "Warm"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (changes, ==, 5);
}

static void
restored_cb (LqSession *session,
             gboolean  *restored)
{
  *restored = TRUE;
}

/* Saved and reopened, the snapshots come back with their names, order and parameters, and
 * the chain is the session's current one, not a snapshot. */
static void
test_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lacquer-snap-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "song.lacquer", NULL);
  g_autoptr(LqSession) session = lq_session_new ();
  g_autoptr(LqSession) reopened = lq_session_new ();
  g_autoptr(GError) error = NULL;
  LqChainModel *chain = lq_session_get_chain (session);
  LqSnapshotList *list;
  LqSessionData *data;
  LqChainParams a, b, current;
  gboolean restored = FALSE;

  chain_a (&a);
  chain_b (&b);
  lq_chain_model_set_params (chain, &a);
  lq_session_store_snapshot (session, 0);
  lq_chain_model_set_params (chain, &b);
  lq_session_store_snapshot (session, 1);
  g_assert_true (lq_snapshot_list_rename (lq_session_get_snapshots (session), "B", "Bright “3 dB”",
                                          NULL));
  g_object_set (chain, "output-gain-db", -5.5, NULL);
  current = *lq_chain_model_get_params (chain);

  g_assert_true (lq_session_save (session, path, &error));
  g_assert_no_error (error);
  data = lq_session_file_load (path, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (reopened, "restored", G_CALLBACK (restored_cb), &restored);
  lq_session_restore (reopened, data, path);
  g_assert_true (restored);

  list = lq_session_get_snapshots (reopened);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpstr (lq_snapshot_get_name (lq_snapshot_list_get (list, 0)), ==, "A");
  g_assert_cmpstr (lq_snapshot_get_name (lq_snapshot_list_get (list, 1)), ==, "Bright “3 dB”");
  assert_params (lq_snapshot_get_params (lq_snapshot_list_get (list, 0)), &a);
  assert_params (lq_snapshot_get_params (lq_snapshot_list_get (list, 1)), &b);
  assert_params (lq_chain_model_get_params (lq_session_get_chain (reopened)), &current);
  g_assert_false (lq_undo_stack_get_can_undo (lq_session_get_undo (reopened)));

  /* Restoring a session without snapshots empties the list. */
  lq_session_restore (reopened, lq_session_data_new (), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  g_unlink (path);
  g_rmdir (dir);
}

static void
save_clean (LqSession  *session,
            const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lq_session_save (session, path, &error));
  g_assert_no_error (error);
  g_assert_false (lq_session_get_dirty (session));
}

/* Every change of the snapshots is an unsaved change of the session (so closing asks, and the
 * autosave keeps it). */
static void
test_dirty (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lacquer-snap-XXXXXX", NULL);
  g_autofree char *mix = g_build_filename (dir, "mix.wav", NULL);
  g_autofree char *path = g_build_filename (dir, "song.lacquer", NULL);
  g_autoptr(LqSession) session = lq_session_new ();
  LqSnapshotList *list = lq_session_get_snapshots (session);
  SF_INFO info = { .samplerate = 48000, .channels = 1, .format = SF_FORMAT_WAV | SF_FORMAT_FLOAT };
  float tone[48000];
  const char *paths[] = { mix };
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  SNDFILE *f;

  lq_test_sine (tone, G_N_ELEMENTS (tone), 48000, 997.0, 0.1, 0.0);
  f = sf_open (mix, SFM_WRITE, &info);
  g_assert_nonnull (f);
  g_assert_cmpint (sf_writef_float (f, tone, G_N_ELEMENTS (tone)), ==, G_N_ELEMENTS (tone));
  sf_close (f);
  lq_session_load_files (session, paths, 1, TRUE, FALSE);
  while (lq_session_get_busy (session))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }

  save_clean (session, path);
  lq_session_store_snapshot (session, 0);
  g_assert_true (lq_session_get_dirty (session));
  save_clean (session, path);
  g_assert_true (lq_snapshot_list_rename (list, "A", "Warm", NULL));
  g_assert_true (lq_session_get_dirty (session));
  save_clean (session, path);
  g_assert_true (lq_snapshot_list_remove (list, "Warm"));
  g_assert_true (lq_session_get_dirty (session));

  g_unlink (mix);
  g_unlink (path);
  g_rmdir (dir);
}

static void
assert_load_fails (const char *text,
                   const char *fragment)
{
  g_autofree char *dir = g_dir_make_tmp ("lacquer-snap-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bad.lacquer", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_null (lq_session_file_load (path, NULL, &error));
  g_test_message ("%s → %s", text, error->message);
  g_assert_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad.lacquer"));
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, fragment);
  g_unlink (path);
  g_rmdir (dir);
}

#define CHAIN "{\"lacquer_chain\": 1}"

static void
test_bad_files (void)
{
  assert_load_fails ("{\"lacquer_session\": 1, \"snapshots\": {}}", "snapshots");
  assert_load_fails ("{\"lacquer_session\": 1, \"snapshots\": [1]}", "snapshots");
  assert_load_fails ("{\"lacquer_session\": 1, \"snapshots\": [{\"name\": \"A\"}]}", "snapshots");
  assert_load_fails ("{\"lacquer_session\": 1, \"snapshots\": [{\"name\": \"\", \"chain\": "
                     CHAIN "}]}", "snapshots.name");
  assert_load_fails ("{\"lacquer_session\": 1, \"snapshots\": [{\"name\": \"A\", \"chain\": "
                     CHAIN "}, {\"name\": \"A\", \"chain\": " CHAIN "}]}", "snapshots.name");
  assert_load_fails ("{\"lacquer_session\": 1, \"snapshots\": [{\"name\": \"A\", \"chain\": "
                     CHAIN "}, {\"name\": \"B\", \"chain\": {\"lacquer_chain\": 1, "
                     "\"output_gain_db\": 99}}]}", "snapshots[1]: chain.output_gain_db");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/snapshots/recall-undo-redo", test_recall_undo_redo);
  g_test_add_func ("/engine/snapshots/list", test_list);
  g_test_add_func ("/engine/snapshots/round-trip", test_round_trip);
  g_test_add_func ("/engine/snapshots/dirty", test_dirty);
  g_test_add_func ("/engine/snapshots/bad-files", test_bad_files);
  return g_test_run ();
}
