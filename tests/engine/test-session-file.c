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
#include <string.h>

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
  d->target = g_strdup ("custom");
  d->has_custom_target = TRUE;
  d->custom_lufs = -11.5;
  d->custom_ceiling_dbtp = -0.7;
  d->selected = g_strdup ("reference:1");
  d->free_references = TRUE;
  g_array_set_size (d->reference_loops, 2);
  g_array_index (d->reference_loops, LqSessionLoop, 0) = (LqSessionLoop) { 3.5, 7.25 };
  d->metadata.title = g_strdup ("Sóng “one”");
  d->metadata.artist = g_strdup ("Artist");
  d->metadata.track = 4;
  d->metadata.year = 2026;
  d->metadata.isrc = g_strdup ("GBAYE0601498");
  d->deliverables = g_strdup ("wav:16:44100,flac:24,mp3:320,opus:160");
  d->name_pattern = g_strdup ("{title} ({preset} {codec}{kbps}).{ext}");
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
  g_assert_cmpint (a->has_custom_target, ==, b->has_custom_target);
  g_assert_cmpfloat (a->custom_lufs, ==, b->custom_lufs);
  g_assert_cmpfloat (a->custom_ceiling_dbtp, ==, b->custom_ceiling_dbtp);
  g_assert_cmpstr (a->selected, ==, b->selected);
  g_assert_cmpint (a->free_references, ==, b->free_references);
  g_assert_true (lq_metadata_equal (&a->metadata, &b->metadata));
  g_assert_cmpstr (a->deliverables, ==, b->deliverables);
  g_assert_cmpstr (a->name_pattern, ==, b->name_pattern);
  g_assert_cmpuint (a->reference_loops->len, ==, b->reference_loops->len);
  for (guint i = 0; i < a->reference_loops->len; i++)
    {
      g_assert_cmpfloat (g_array_index (a->reference_loops, LqSessionLoop, i).start, ==,
                         g_array_index (b->reference_loops, LqSessionLoop, i).start);
      g_assert_cmpfloat (g_array_index (a->reference_loops, LqSessionLoop, i).end, ==,
                         g_array_index (b->reference_loops, LqSessionLoop, i).end);
    }
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

/* Loads text and returns the error, which must name the file. */
static GError *
load_error (const char *text,
            gssize      length)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "hostile.lacquer", NULL);
  g_autoptr(GPtrArray) missing = NULL;
  GError *error = NULL;

  g_assert_true (g_file_set_contents (path, text, length, NULL));
  g_assert_null (lq_session_file_load (path, &missing, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "hostile.lacquer"));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  return error;
}

static void
assert_invalid (const char *text,
                const char *fragment)
{
  g_autoptr(GError) error = load_error (text, -1);

  g_test_message ("%s → %s", text, error->message);
  g_assert_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_INVALID);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, fragment);
}

/* json-glib recurses without a limit: 100 000 levels used to overflow the stack when
 * opening a session or recovering an autosave. */
static void
test_deep (void)
{
  GString *text = g_string_new ("{\"lacquer_session\": 1, \"future_key\": ");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (text, "{\"a\":");
  g_string_append (text, "1");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '}');
  g_string_append_c (text, '}');
  error = load_error (text->str, (gssize) text->len);
  g_assert_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_SYNTAX);
  g_assert_true (g_str_has_suffix (error->message,
                                   "hostile.lacquer: nested too deeply (more than 64 levels)"));
  g_string_free (text, TRUE);
}

/* json-glib says "<data>:1:28"; a second document used to be ignored. */
static void
test_syntax (void)
{
  g_autoptr(GError) broken = load_error ("{\"lacquer_session\": 1, }", -1);
  g_autoptr(GError) two = load_error ("{\"lacquer_session\": 1}{\"lacquer_session\": 1}", -1);
  g_autoptr(GError) empty = load_error ("", 0);

  g_assert_error (broken, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_SYNTAX);
  g_assert_nonnull (strstr (broken->message, "hostile.lacquer:1:"));
  g_assert_null (strstr (broken->message, "<data>"));
  g_assert_error (two, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_SYNTAX);
  g_assert_nonnull (strstr (two->message, "hostile.lacquer:1:23: more than one JSON document"));
  g_assert_error (empty, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_SYNTAX);
}

/* Each known member of the wrong type is named, and none reaches a json-glib getter (a
 * Json-CRITICAL aborts this test: G_DEBUG=fatal-criticals). */
static void
test_member_types (void)
{
  static const struct { const char *members; const char *key; } cases[] = {
    { "\"mix\": 1", "mix" },
    { "\"mix\": {}", "mix" },
    { "\"mix\": null", "mix" },
    { "\"mix\": \"\"", "mix" },
    { "\"references\": \"a.wav\"", "references" },
    { "\"references\": {}", "references" },
    { "\"references\": [1]", "references" },
    { "\"references\": [{}]", "references" },
    { "\"references\": [[]]", "references" },
    { "\"references\": [null]", "references" },
    { "\"chain\": []", "chain" },
    { "\"chain\": 1", "chain" },
    { "\"loudness_match\": \"yes\"", "loudness_match" },
    { "\"loudness_match\": 1", "loudness_match" },
    { "\"loudness_match\": {}", "loudness_match" },
    { "\"listening_level_lufs\": \"-14\"", "listening_level_lufs" },
    { "\"listening_level_lufs\": []", "listening_level_lufs" },
    { "\"listening_level_lufs\": true", "listening_level_lufs" },
    { "\"loop\": []", "loop" },
    { "\"loop\": 3", "loop" },
    { "\"loop\": {\"start_s\": \"1\", \"end_s\": 2}", "start_s" },
    { "\"loop\": {\"start_s\": 1, \"end_s\": {}}", "end_s" },
    { "\"target\": 5", "target" },
    { "\"target\": []", "target" },
    { "\"selected\": 0", "selected" },
    { "\"selected\": {}", "selected" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"lacquer_session\": 1, %s}",
                                               cases[i].members);
      assert_invalid (text, cases[i].key);
    }
}

/* true or 1.9 are not format 1. */
static void
test_version (void)
{
  static const char *const versions[] = { "true", "1.9", "1.0", "\"1\"", "null", "[]", "{}",
                                          "0", "-1" };

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"lacquer_session\": %s}", versions[i]);
      assert_invalid (text, "lacquer_session");
    }
}

/* Numbers must be finite and in range: json-glib reads 1e999 as inf and writes 1e20 as
 * "1e+20.0", which it cannot read back. */
static void
test_numbers (void)
{
  static const char *const cases[] = {
    "\"loop\": {\"start_s\": 0, \"end_s\": 1e20}",
    "\"loop\": {\"start_s\": 0, \"end_s\": 1e999}",
    "\"loop\": {\"start_s\": -1e999, \"end_s\": 10}",
    "\"loop\": {\"start_s\": -1, \"end_s\": 10}",
    "\"loop\": {\"start_s\": 0, \"end_s\": 86400.001}",
    "\"listening_level_lufs\": 1e999",
    "\"listening_level_lufs\": -1e999",
    "\"listening_level_lufs\": -40.5",
    "\"listening_level_lufs\": 0.5",
    "\"custom_target\": {\"lufs\": -40.5, \"ceiling_dbtp\": -1}",
    "\"custom_target\": {\"lufs\": 0.5, \"ceiling_dbtp\": -1}",
    "\"custom_target\": {\"lufs\": -14, \"ceiling_dbtp\": -6.5}",
    "\"custom_target\": {\"lufs\": -14, \"ceiling_dbtp\": 0.1}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"lacquer_session\": 1, %s}", cases[i]);
      assert_invalid (text, "is outside");
    }
}

/* "reference:2147483647" overflowed an int; only an index into references is accepted. */
static void
test_selected (void)
{
  static const char *const bad[] = {
    "reference:2147483647", "reference:4294967296", "reference:99999999999999999999",
    "reference:2", "reference:-1", "reference:", "reference:1x", "reference: 1",
    "reference:+1", "mixer", "",
  };
  static const char *const good[] = { "mix", "master", "reference:0", "reference:1" };
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "s.lacquer", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "{\"lacquer_session\": 1, \"references\": [\"a.wav\", \"b.wav\"], \"selected\": \"%s\"}",
        bad[i]);
      assert_invalid (text, "selected");
    }
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "{\"lacquer_session\": 1, \"references\": [\"a.wav\", \"b.wav\"], \"selected\": \"%s\"}",
        good[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(LqSessionData) d = NULL;

      write_text (path, text);
      d = lq_session_file_load (path, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (d->selected, ==, good[i]);
    }
}

/* The references' mode and their own loops: old files (without them) load as synced with
 * no loops; bad values name the key; unknown keys inside a loop are ignored. */
static void
test_reference_mode (void)
{
  static const char *const bad_mode[] = { "\"Free\"", "\"\"", "1", "true" };
  static const char *const bad_loops[] = {
    "[1]", "[\"a\"]", "[{\"start_s\": 5, \"end_s\": 2}]", "[{\"start_s\": 2}]",
    "[{\"start_s\": -1, \"end_s\": 2}]", "[{\"start_s\": 1, \"end_s\": 1e9}]",
    "[null, null, null]", "{}", "[{\"start_s\": \"1\", \"end_s\": 2}]",
  };
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "s.lacquer", NULL);
  g_autoptr(LqSessionData) old = NULL;
  g_autoptr(LqSessionData) d = NULL;
  g_autoptr(GError) error = NULL;

  write_text (path, "{\"lacquer_session\": 1, \"references\": [\"a.wav\", \"b.wav\"]}");
  old = lq_session_file_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (old->free_references);
  g_assert_cmpuint (old->reference_loops->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad_mode); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "{\"lacquer_session\": 1, \"references\": [\"a.wav\"], \"reference_mode\": %s}",
        bad_mode[i]);
      assert_invalid (text, "reference_mode");
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_loops); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "{\"lacquer_session\": 1, \"references\": [\"a.wav\", \"b.wav\"], "
        "\"reference_loops\": %s}", bad_loops[i]);
      assert_invalid (text, "reference_loops");
    }

  write_text (path, "{\"lacquer_session\": 1, \"references\": [\"a.wav\", \"b.wav\"], "
                    "\"reference_mode\": \"free\", \"reference_loops\": "
                    "[null, {\"start_s\": 1.5, \"end_s\": 4, \"colour\": \"red\"}]}");
  d = lq_session_file_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (d->free_references);
  g_assert_cmpuint (d->reference_loops->len, ==, 2);
  g_assert_cmpfloat (g_array_index (d->reference_loops, LqSessionLoop, 0).end, <=,
                     g_array_index (d->reference_loops, LqSessionLoop, 0).start);
  g_assert_cmpfloat (g_array_index (d->reference_loops, LqSessionLoop, 1).start, ==, 1.5);
  g_assert_cmpfloat (g_array_index (d->reference_loops, LqSessionLoop, 1).end, ==, 4.0);

  /* A loop out of range is not written. */
  g_array_index (d->reference_loops, LqSessionLoop, 1).end = INFINITY;
  g_assert_false (lq_session_file_save (path, d, &error));
  g_assert_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_INVALID);
}

/* The tags are checked like the command line's: unknown keys, types, ranges, the ISRC. */
static void
test_metadata (void)
{
  const struct { const char *json, *fragment; } cases[] = {
    { "[]", "metadata" },
    { "{\"title\": 1}", "title: expected a string" },
    { "{\"track\": 0}", "track: 0 is outside 1 … 999" },
    { "{\"year\": 12345}", "year: 12345 is outside" },
    { "{\"isrc\": \"GB-AYE-06-0149\"}", "ISRC “GB-AYE-06-0149”" },
    { "{\"bpm\": 120}", "unknown key “bpm”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"lacquer_session\": 1, \"metadata\": %s}",
                                               cases[i].json);

      assert_invalid (text, cases[i].fragment);
    }
  /* The deliverables are checked like `render --also`. */
  assert_invalid ("{\"lacquer_session\": 1, \"deliverables\": \"flac:32\"}", "flac:32");
  assert_invalid ("{\"lacquer_session\": 1, \"deliverables\": 3}", "expected a string");
  assert_invalid ("{\"lacquer_session\": 1, \"name_pattern\": []}", "name_pattern");
}

/* A value the reader would refuse is never written: the previous file stays. */
static void
test_save_refuses_bad_values (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "s.lacquer", NULL);
  g_autoptr(LqSessionData) d = sample_session (dir);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const double bad[] = { 1e20, INFINITY, NAN, -1.0 };

  g_assert_true (lq_session_file_save (path, d, NULL));
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      d->loop_end = bad[i];
      g_assert_false (lq_session_file_save (path, d, &error));
      g_assert_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "loop.end_s"));
    }
  d->loop_end = 20.0;
  d->custom_lufs = NAN;
  g_assert_false (lq_session_file_save (path, d, NULL));
  d->custom_lufs = -14.0;
  d->custom_ceiling_dbtp = 3.0;
  g_assert_false (lq_session_file_save (path, d, NULL));
  d->custom_ceiling_dbtp = -1.0;
  d->listening_level = NAN;
  g_assert_false (lq_session_file_save (path, d, NULL));
  d->listening_level = -14.0;
  d->metadata.track = 1000;
  g_assert_false (lq_session_file_save (path, d, NULL));
  d->metadata.track = 1;
  g_free (d->metadata.isrc);
  d->metadata.isrc = g_strdup ("GB-AYE-06-01498");   /* not normalised: set_field does that */
  g_assert_false (lq_session_file_save (path, d, NULL));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
}

/* Only a value json-glib cannot spell (1e-300 would be "1e-300.0") moves, by one ulp. */
static gboolean
same_or_ulp (double back,
             double saved)
{
  return back == saved || back == nextafter (saved, 0.0);
}

/* Every accepted value, at the edges of its range and in between, saves, reloads and saves
 * again to the same bytes. */
static void
test_round_trip_bytes (void)
{
  static const struct { double level, start, end; } values[] = {
    { -40.0, 0.0, LQ_SESSION_MAX_SECONDS },
    { 0.0, 5e-324, 1e-300 },
    { -0.0, 1.0 / 3.0, 2.0 / 3.0 },
    { -14.000000000000002, 0.1, 86399.99999999999 },
    { -23.0, 1e-5, 1e-4 },
    { -1e-300, 3600.5, 7200.25 },
  };
  g_autofree char *dir = make_dir ();
  g_autofree char *first = g_build_filename (dir, "first.lacquer", NULL);
  g_autofree char *second = g_build_filename (dir, "second.lacquer", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(LqSessionData) d = sample_session (dir);
      g_autoptr(LqSessionData) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      d->listening_level = values[i].level;
      d->loop_start = values[i].start;
      d->loop_end = values[i].end;
      d->has_loop = values[i].end > values[i].start;
      g_assert_true (lq_session_file_save (first, d, &error));
      g_assert_no_error (error);
      back = lq_session_file_load (first, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (lq_session_file_save (second, back, &error));
      g_assert_true (g_file_get_contents (first, &a, NULL, NULL));
      g_assert_true (g_file_get_contents (second, &b, NULL, NULL));
      g_assert_cmpstr (a, ==, b);
      g_assert_true (same_or_ulp (back->listening_level, d->listening_level));
      g_assert_true (same_or_ulp (back->loop_start, d->loop_start));
      g_assert_true (same_or_ulp (back->loop_end, d->loop_end));
      g_assert_cmpint (back->has_loop, ==, d->has_loop);
    }
}

/* File names may hold any byte but '/' and NUL: each control character in the mix's and a
 * reference's names saves, reloads to the same names and saves again to the same bytes.
 * (json-glib 1.6 wrote U+001F raw, which the reader rightly refused: a saved session that
 * would not open, found by the fuzzer.) */
static void
test_control_characters (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *first = g_build_filename (dir, "first.lacquer", NULL);
  g_autofree char *second = g_build_filename (dir, "second.lacquer", NULL);

  for (int c = 1; c < 0x20; c++)
    {
      g_autoptr(LqSessionData) d = sample_session (dir);
      g_autoptr(LqSessionData) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      char name[] = { 'm', 'i', 'x', (char) c, '.', 'w', 'a', 'v', '\0' };

      g_free (d->mix);
      d->mix = g_build_filename (dir, name, NULL);
      g_ptr_array_add (d->references, g_strdup_printf ("/refs/%c%c", c, c));
      g_assert_true (lq_session_file_save (first, d, &error));
      g_assert_no_error (error);
      back = lq_session_file_load (first, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (back);
      g_assert_cmpstr (back->mix, ==, d->mix);
      g_assert_cmpstr (g_ptr_array_index (back->references, back->references->len - 1), ==,
                       g_ptr_array_index (d->references, d->references->len - 1));
      g_assert_true (lq_session_file_save (second, back, &error));
      g_assert_true (g_file_get_contents (first, &a, NULL, NULL));
      g_assert_true (g_file_get_contents (second, &b, NULL, NULL));
      g_assert_cmpstr (a, ==, b);
    }
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
  g_test_add_func ("/session-file/deep", test_deep);
  g_test_add_func ("/session-file/syntax", test_syntax);
  g_test_add_func ("/session-file/member-types", test_member_types);
  g_test_add_func ("/session-file/version", test_version);
  g_test_add_func ("/session-file/numbers", test_numbers);
  g_test_add_func ("/session-file/selected", test_selected);
  g_test_add_func ("/session-file/reference-mode", test_reference_mode);
  g_test_add_func ("/session-file/save-refuses-bad-values", test_save_refuses_bad_values);
  g_test_add_func ("/session-file/round-trip-bytes", test_round_trip_bytes);
  g_test_add_func ("/session-file/control-characters", test_control_characters);
  g_test_add_func ("/session-file/metadata", test_metadata);
  return g_test_run ();
}
