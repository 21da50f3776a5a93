/* test-metadata.c
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

/* The metadata model: ISRC validation (FACTS: CC-XXX-YY-NNNNN), the JSON form, and
 * ownership (copy, merge, clear). Writing into files is tested through the CLI with
 * independent readers (tests/render/test-render-metadata.py). */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>

#include "lq-metadata.h"

static void
test_isrc_valid (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "GBAYE0601498", "GBAYE0601498" },
    { "GB-AYE-06-01498", "GBAYE0601498" },
    { "us-s1z-99-00001", "USS1Z9900001" },
    { "DE1234500000", "DE1234500000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *isrc = lq_metadata_normalize_isrc (cases[i].in, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (isrc, ==, cases[i].out);
    }
}

static void
test_isrc_invalid (void)
{
  /* Each with the words its error must contain. */
  const struct { const char *in, *why; } cases[] = {
    { "", "12 characters" },
    { "GBAYE060149", "12 characters" },
    { "GBAYE06014980", "12 characters" },
    { "GB-AYE06-01498", "12 characters" },
    { "GBA-YE-06-01498", "hyphens" },
    { "1BAYE0601498", "country code" },
    { "GB_YE0601498", "registrant" },
    { "GBAYEX601498", "year" },
    { "GBAYE060149A", "designation" },
    { "GB-AYE-06-0149 ", "designation" },
    { "GBAYÉ060149", "registrant" },   /* 12 bytes, not 12 characters */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *isrc = lq_metadata_normalize_isrc (cases[i].in, &error);

      g_assert_null (isrc);
      g_assert_error (error, LQ_METADATA_ERROR, LQ_METADATA_ERROR_INVALID);
      if (!strstr (error->message, "ISRC") || !strstr (error->message, cases[i].why))
        g_error ("%s: “%s” lacks “%s”", cases[i].in, error->message, cases[i].why);
    }
}

static JsonNode *
parse (const char *text)
{
  return json_from_string (text, NULL);
}

static void
test_json_round_trip (void)
{
  g_auto(LqMetadata) m = { 0 };
  g_auto(LqMetadata) back = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) in = parse ("{\"title\": \"Ünïcode “T”\", \"artist\": \"A\", "
                                  "\"album\": \"B\", \"track\": 7, \"year\": 2026, "
                                  "\"genre\": \"Jazz\", \"isrc\": \"gb-aye-06-01498\", "
                                  "\"comment\": \"c\"}");
  g_autoptr(JsonNode) out = NULL;

  g_assert_true (lq_metadata_from_json (in, &m, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (m.title, ==, "Ünïcode “T”");
  g_assert_cmpuint (m.track, ==, 7);
  g_assert_cmpuint (m.year, ==, 2026);
  g_assert_cmpstr (m.isrc, ==, "GBAYE0601498");
  g_assert_true (lq_metadata_validate (&m, &error));

  out = lq_metadata_to_json (&m);
  g_assert_true (lq_metadata_from_json (out, &back, &error));
  g_assert_true (lq_metadata_equal (&m, &back));
}

static void
test_json_errors (void)
{
  const struct { const char *json, *why; } cases[] = {
    { "[]", "object" },
    { "{\"titel\": \"x\"}", "unknown key “titel”" },
    { "{\"track\": \"7\"}", "track: expected a whole number" },
    { "{\"track\": 7.5}", "track: expected a whole number" },
    { "{\"track\": 0}", "track: 0 is outside 1 … 999" },
    { "{\"track\": 1000}", "track: 1000 is outside" },
    { "{\"year\": 99}", "year: 99 is outside" },
    { "{\"title\": 5}", "title: expected a string" },
    { "{\"isrc\": \"GB-AYE-06\"}", "ISRC “GB-AYE-06”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(LqMetadata) m = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = parse (cases[i].json);

      /* A failed load leaves what was there. */
      m.title = g_strdup ("kept");
      g_assert_false (lq_metadata_from_json (node, &m, &error));
      g_assert_error (error, LQ_METADATA_ERROR, LQ_METADATA_ERROR_INVALID);
      if (!strstr (error->message, cases[i].why))
        g_error ("%s: “%s” lacks “%s”", cases[i].json, error->message, cases[i].why);
      g_assert_cmpstr (m.title, ==, "kept");
    }
}

static void
test_copy_merge (void)
{
  g_auto(LqMetadata) file = { 0 };
  g_auto(LqMetadata) flags = { 0 };
  g_auto(LqMetadata) copy = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (lq_metadata_set_field (&file, "title", "From file", &error));
  g_assert_true (lq_metadata_set_field (&file, "artist", "File artist", &error));
  g_assert_true (lq_metadata_set_field (&file, "track", "3", &error));
  g_assert_true (lq_metadata_set_field (&flags, "title", "From flag", &error));
  g_assert_true (lq_metadata_set_field (&flags, "year", "1999", &error));
  g_assert_false (lq_metadata_set_field (&flags, "track", "3a", &error));
  g_assert_error (error, LQ_METADATA_ERROR, LQ_METADATA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lq_metadata_set_field (&flags, "bpm", "120", &error));
  g_clear_error (&error);

  lq_metadata_merge (&file, &flags);
  g_assert_cmpstr (file.title, ==, "From flag");
  g_assert_cmpstr (file.artist, ==, "File artist");
  g_assert_cmpuint (file.track, ==, 3);
  g_assert_cmpuint (file.year, ==, 1999);

  lq_metadata_copy (&copy, &file);
  g_assert_true (lq_metadata_equal (&copy, &file));
  g_assert_true (copy.title != file.title);
  g_assert_false (lq_metadata_is_empty (&copy));
  lq_metadata_clear (&copy);
  g_assert_true (lq_metadata_is_empty (&copy));

  /* A session file's ISRC must be stored normalised. */
  copy.isrc = g_strdup ("gb-aye-06-01498");
  g_assert_false (lq_metadata_validate (&copy, &error));
  g_assert_error (error, LQ_METADATA_ERROR, LQ_METADATA_ERROR_INVALID);
}

/* A file TagLib cannot parse as the format: an error naming it, the file as it was. */
static void
test_write_not_audio (void)
{
  const LqFileFormat formats[] = { LQ_FILE_FORMAT_WAV, LQ_FILE_FORMAT_FLAC, LQ_FILE_FORMAT_AIFF };
  g_autofree char *dir = g_dir_make_tmp ("lq-metadata-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "not-audio.flac", NULL);
  g_auto(LqMetadata) m = { 0 };
  const char *text = "this is not audio";

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  m.title = g_strdup ("T");
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_assert_false (lq_metadata_write_file (path, formats[i], &m, &error));
      g_assert_error (error, LQ_METADATA_ERROR, LQ_METADATA_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, "not-audio.flac"));
      g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
      g_assert_cmpstr (after, ==, text);
    }
  /* Nothing to write: the file is not even opened. */
  lq_metadata_clear (&m);
  g_assert_true (lq_metadata_write_file (path, LQ_FILE_FORMAT_FLAC, &m, NULL));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/metadata/isrc-valid", test_isrc_valid);
  g_test_add_func ("/metadata/isrc-invalid", test_isrc_invalid);
  g_test_add_func ("/metadata/json-round-trip", test_json_round_trip);
  g_test_add_func ("/metadata/json-errors", test_json_errors);
  g_test_add_func ("/metadata/copy-merge", test_copy_merge);
  g_test_add_func ("/metadata/write-not-audio", test_write_not_audio);
  return g_test_run ();
}
