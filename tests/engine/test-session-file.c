/* test-session-file.c
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

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>

#include "lq-session-file.h"

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("lq-session-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
touch (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
}

static LqSessionData *
sample_session (const char *dir)
{
  LqSessionData *d = lq_session_data_new ();

  d->mix = g_build_filename (dir, "audio", "mix.wav", NULL);
  g_ptr_array_add (d->references, g_build_filename (dir, "refs", "one.flac", NULL));
  g_ptr_array_add (d->references, g_strdup ("/elsewhere/absolute/two.wav"));
  d->chain.input_gain_db = 1.25;
  d->chain.eq.bypass = false;
  d->chain.eq.n_bands = 1;
  d->chain.eq.bands[0].type = LQ_EQ_BAND_HIGH_SHELF;
  d->chain.eq.bands[0].freq = 8000.0;
  d->chain.eq.bands[0].gain_db = 1.5;
  d->chain.eq.bands[0].q = 0.7;
  d->chain.eq.bands[0].slope_db = 12;
  d->chain.comp.bypass = false;
  d->chain.comp.threshold_db = -21.0;
  d->chain.comp.ratio = 2.5;
  d->chain.lim.ceiling_db = -1.0;
  d->chain.output_gain_db = -0.5;
  d->match = FALSE;
  d->listening_level = -16.0;
  d->has_loop = TRUE;
  d->loop_start = 12.5;
  d->loop_end = 20.25;
  d->target = g_strdup ("apple-music");
  d->selected = g_strdup ("reference:1");
  return d;
}

static void
assert_equal (const LqSessionData *a,
              const LqSessionData *b)
{
  g_assert_cmpstr (a->mix, ==, b->mix);
  g_assert_cmpuint (a->references->len, ==, b->references->len);
  for (guint i = 0; i < a->references->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a->references, i), ==,
                     g_ptr_array_index (b->references, i));
  g_assert_cmpmem (&a->chain.eq.bands[0], sizeof (LqEqBand), &b->chain.eq.bands[0],
                   sizeof (LqEqBand));
  g_assert_cmpfloat (a->chain.input_gain_db, ==, b->chain.input_gain_db);
  g_assert_cmpfloat (a->chain.output_gain_db, ==, b->chain.output_gain_db);
  g_assert_cmpint (a->chain.eq.bypass, ==, b->chain.eq.bypass);
  g_assert_cmpint (a->chain.comp.bypass, ==, b->chain.comp.bypass);
  g_assert_cmpfloat (a->chain.comp.threshold_db, ==, b->chain.comp.threshold_db);
  g_assert_cmpfloat (a->chain.comp.ratio, ==, b->chain.comp.ratio);
  g_assert_cmpfloat (a->chain.lim.ceiling_db, ==, b->chain.lim.ceiling_db);
  g_assert_cmpint (a->match, ==, b->match);
  g_assert_cmpfloat (a->listening_level, ==, b->listening_level);
  g_assert_cmpint (a->has_loop, ==, b->has_loop);
  g_assert_cmpfloat (a->loop_start, ==, b->loop_start);
  g_assert_cmpfloat (a->loop_end, ==, b->loop_end);
  g_assert_cmpstr (a->target, ==, b->target);
  g_assert_cmpstr (a->selected, ==, b->selected);
}

/* Every value survives a save and a load. */
static void
test_round_trip (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "song.lacquer", NULL);
  g_autoptr(LqSessionData) d = sample_session (dir);
  g_autoptr(LqSessionData) back = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GError) error = NULL;

  touch (d->mix);
  touch (g_ptr_array_index (d->references, 0));
  g_assert_true (lq_session_file_save (path, d, &error));
  g_assert_no_error (error);
  back = lq_session_file_load (path, &missing, &error);
  g_assert_no_error (error);
  assert_equal (d, back);
  /* The absolute path outside the project is the only missing file. */
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (missing, 0), ==, "/elsewhere/absolute/two.wav");
}

/* Files inside the project folder are stored relative to it: moving the folder keeps the
 * session working. */
static void
test_project_moves (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *project = g_build_filename (dir, "project", NULL);
  g_autofree char *moved = g_build_filename (dir, "moved", NULL);
  g_autofree char *path = g_build_filename (project, "song.lacquer", NULL);
  g_autofree char *moved_path = g_build_filename (moved, "song.lacquer", NULL);
  g_autofree char *text = NULL;
  g_autoptr(LqSessionData) d = sample_session (project);
  g_autoptr(LqSessionData) back = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GError) error = NULL;

  touch (d->mix);
  touch (g_ptr_array_index (d->references, 0));
  g_assert_true (lq_session_file_save (path, d, &error));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"audio/mix.wav\""));
  g_assert_null (strstr (text, project));

  g_assert_cmpint (g_rename (project, moved), ==, 0);
  back = lq_session_file_load (moved_path, &missing, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (back->mix, moved));
  g_assert_true (g_file_test (back->mix, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (missing->len, ==, 1);
}

static void
write_text (const char *path,
            const char *text)
{
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* Unknown keys are ignored; a newer format and broken files give clear messages. */
static void
test_bad_files (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "bad.lacquer", NULL);
  g_autoptr(GError) error = NULL;
  LqSessionData *d;

  write_text (path, "{\"lacquer_session\": 1, \"mix\": \"m.wav\", \"future_key\": [1,2]}");
  d = lq_session_file_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (d->mix, "/m.wav"));
  lq_session_data_free (d);

  write_text (path, "{\"lacquer_session\": 9}");
  g_assert_null (lq_session_file_load (path, NULL, &error));
  g_assert_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_VERSION);
  g_assert_nonnull (strstr (error->message, "bad.lacquer"));
  g_assert_nonnull (strstr (error->message, "newer"));
  g_clear_error (&error);

  write_text (path, "{\"lacquer_session\": 1, ");
  g_assert_null (lq_session_file_load (path, NULL, &error));
  g_assert_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_SYNTAX);
  g_clear_error (&error);

  write_text (path, "{\"something\": \"else\"}");
  g_assert_null (lq_session_file_load (path, NULL, &error));
  g_assert_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_SYNTAX);
  g_clear_error (&error);

  write_text (path, "{\"lacquer_session\": 1, \"chain\": {\"lacquer_chain\": 1, "
                    "\"limiter\": {\"bypass\": false}}}");
  g_assert_null (lq_session_file_load (path, NULL, &error));
  g_assert_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "limiter."));
  g_clear_error (&error);

  g_assert_null (lq_session_file_load ("/no/such/dir/x.lacquer", NULL, &error));
  g_assert_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "x.lacquer"));
}

/* A failed save leaves the previous session untouched. */
static void
test_save_failure (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(LqSessionData) d = sample_session (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "missing-folder", "s.lacquer", NULL);

  g_assert_false (lq_session_file_save (path, d, &error));
  g_assert_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_WRITE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/session-file/round-trip", test_round_trip);
  g_test_add_func ("/session-file/project-moves", test_project_moves);
  g_test_add_func ("/session-file/bad-files", test_bad_files);
  g_test_add_func ("/session-file/save-failure", test_save_failure);
  return g_test_run ();
}
