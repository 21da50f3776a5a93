/* test-chain-json.c
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

/* Hostile chain presets: every one gives an error naming the file and the field, never a
 * crash or a Json-CRITICAL (the suite runs with G_DEBUG=fatal-criticals). */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lq-chain-json.h"

static char *
write_temp (const char *name,
            const char *text,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lq-chain-json-XXXXXX", &error);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, text, length, NULL));
  return path;
}

/* Loads text from a file called name and returns the error message (never NULL). */
static char *
load_error (const char *name,
            const char *text)
{
  g_autofree char *path = write_temp (name, text, -1);
  g_autoptr(GError) error = NULL;
  LqChainParams params;

  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *shown = g_strescape (text, NULL);

  g_assert_false (lq_chain_params_from_json_file (path, &params, &error));
  g_assert_nonnull (error);
  if (strlen (shown) > 60)
    strcpy (shown + 56, "…");
  g_test_message ("%s → %s", shown, error->message);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  return g_strdup (error->message);
}

static void
assert_error (const char *text,
              const char *fragment)
{
  g_autofree char *message = load_error ("hostile.json", text);

  g_assert_nonnull (strstr (message, "hostile.json"));
  if (strstr (message, fragment) == NULL)
    g_error ("“%s” does not mention “%s”", message, fragment);
}

static char *
nested (guint        depth,
        const char  *inside)
{
  GString *s = g_string_new ("{\"lacquer_chain\": 1, \"x\": ");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  g_string_append (s, inside);
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

/* json-glib recurses without a limit: 100 000 levels used to overflow the stack. */
static void
test_deep (void)
{
  g_autofree char *deep = nested (100000, "");
  g_autofree char *limit = nested (LQ_JSON_MAX_DEPTH - 1, "");
  g_autofree char *over = nested (LQ_JSON_MAX_DEPTH, "");
  g_autofree char *message = load_error ("deep.json", deep);
  g_autofree char *at_limit = load_error ("limit.json", limit);
  g_autoptr(GError) error = NULL;
  LqChainParams params;

  g_assert_true (g_str_has_suffix (message, "deep.json: nested too deeply (more than 64 levels)"));
  /* 64 levels (the object and 63 arrays) reach the chain reader, which names the stray key. */
  g_assert_nonnull (strstr (at_limit, "unknown key “x”"));
  assert_error (over, "nested too deeply");

  /* The same through the in-memory entry point the built-in presets use. */
  g_assert_false (lq_chain_params_from_json_data (deep, -1, &params, &error));
  g_assert_error (error, LQ_CHAIN_JSON_ERROR, LQ_CHAIN_JSON_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "nested too deeply"));
}

/* Brackets inside strings do not count, escaped quotes do not end a string, and quoting
 * that json-glib would accept but the scanner cannot follow is refused. */
static void
test_strings (void)
{
  g_autoptr(GString) brackets = g_string_new ("{\"lacquer_chain\": 1, \"x\": \"\\\"");

  for (guint i = 0; i < 1000; i++)
    g_string_append (brackets, "[{");
  g_string_append (brackets, "\\\\\"}");
  assert_error (brackets->str, "unknown key “x”");

  /* A single-quoted string holding a double quote would hide the nesting after it. */
  {
    g_autofree char *inner = nested (100000, "");
    g_autofree char *hidden = g_strdup_printf ("{'\"': %s}", inner + 1);

    assert_error (hidden, "unexpected character “'”");
  }
  assert_error ("{\"lacquer_chain\": 1 /* a comment */}", "unexpected character “/”");
  assert_error ("{\"lacquer_chain\": 1, \"x\": \"[[[[", "unterminated string");
  assert_error ("{\"lacquer_chain\": 1, \"x\": \"a\nb\"}", "control character");
}

static void
test_second_document (void)
{
  g_autofree char *m = load_error ("two.json", "{\"lacquer_chain\": 1}\n{\"lacquer_chain\": 1}");

  g_assert_nonnull (strstr (m, "two.json:2:1: more than one JSON document"));
  assert_error ("{\"lacquer_chain\": 1} []", "more than one JSON document");
  assert_error ("{\"lacquer_chain\": 1} 7", "more than one JSON document");
  assert_error ("{\"lacquer_chain\": 1}}", "more than one JSON document");
  assert_error ("]", "unexpected closing bracket");
}

/* json-glib says "<data>:1:20"; the user needs the file. */
static void
test_syntax_names_file (void)
{
  g_autofree char *m = load_error ("broken.json", "{\"lacquer_chain\": 1, }");

  g_assert_true (g_str_has_prefix (m, "broken.json:1:") || strstr (m, "/broken.json:1:"));
  g_assert_null (strstr (m, "<data>"));
  assert_error ("", "the file is empty");
  assert_error ("  \n ", "the file is empty");
}

static void
test_version (void)
{
  g_autofree char *newer = load_error ("newer.json", "{\"lacquer_chain\": 2}");

  g_assert_nonnull (strstr (newer, "version 2 is newer than this Lacquer understands"));
  assert_error ("{\"lacquer_chain\": true}", "lacquer_chain: expected a version number");
  assert_error ("{\"lacquer_chain\": 1.9}", "lacquer_chain: expected a version number");
  assert_error ("{\"lacquer_chain\": 1.0}", "lacquer_chain: expected a version number");
  assert_error ("{\"lacquer_chain\": \"1\"}", "lacquer_chain: expected a version number");
  assert_error ("{\"lacquer_chain\": null}", "lacquer_chain: expected a version number");
  assert_error ("{\"lacquer_chain\": {}}", "lacquer_chain: expected a version number");
  assert_error ("{\"lacquer_chain\": []}", "lacquer_chain: expected a version number");
  assert_error ("{\"lacquer_chain\": 0}", "lacquer_chain: expected a version number");
  assert_error ("{\"lacquer_chain\": -3}", "lacquer_chain: expected a version number");
}

#define LIMITER_REST "\"ceiling_dbtp\": -1, \"lookahead_ms\": 1.5, \"release_ms\": 50"

/* Every member of the wrong type is named; none reaches a json-glib getter. */
static void
test_member_types (void)
{
  static const struct { const char *text; const char *field; } cases[] = {
    { "[]", "expected a JSON object" },
    { "\"chain\"", "expected a JSON object" },
    { "{\"lacquer_chain\": 1, \"input_gain_db\": \"3\"}", "input_gain_db: expected a number" },
    { "{\"lacquer_chain\": 1, \"input_gain_db\": {}}", "input_gain_db: expected a number" },
    { "{\"lacquer_chain\": 1, \"output_gain_db\": null}", "output_gain_db: expected a number" },
    { "{\"lacquer_chain\": 1, \"eq\": []}", "eq: expected an object" },
    { "{\"lacquer_chain\": 1, \"eq\": {\"bypass\": [], \"bands\": []}}", "eq.bypass" },
    { "{\"lacquer_chain\": 1, \"eq\": {\"bypass\": {}, \"bands\": []}}", "eq.bypass" },
    { "{\"lacquer_chain\": 1, \"eq\": {\"bypass\": null, \"bands\": []}}", "eq.bypass" },
    { "{\"lacquer_chain\": 1, \"eq\": {\"bypass\": 0, \"bands\": []}}", "eq.bypass" },
    { "{\"lacquer_chain\": 1, \"eq\": {\"bypass\": false, \"bands\": {}}}", "eq.bands" },
    { "{\"lacquer_chain\": 1, \"eq\": {\"bypass\": false, \"bands\": [1]}}", "eq.bands[0]" },
    { "{\"lacquer_chain\": 1, \"eq\": {\"bypass\": false, \"bands\": [{\"type\": 1, "
      "\"freq\": 1000, \"gain_db\": 0, \"q\": 1, \"slope_db\": 12, \"bypass\": false}]}}",
      "eq.bands[0].type" },
    { "{\"lacquer_chain\": 1, \"eq\": {\"bypass\": false, \"bands\": [{\"type\": \"peaking\", "
      "\"freq\": [], \"gain_db\": 0, \"q\": 1, \"slope_db\": 12, \"bypass\": false}]}}",
      "eq.bands[0].freq" },
    { "{\"lacquer_chain\": 1, \"eq\": {\"bypass\": false, \"bands\": [{\"type\": \"peaking\", "
      "\"freq\": 1000, \"gain_db\": 0, \"q\": 1, \"slope_db\": \"12\", \"bypass\": false}]}}",
      "eq.bands[0].slope_db" },
    { "{\"lacquer_chain\": 1, \"compressor\": 5}", "compressor: expected an object" },
    { "{\"lacquer_chain\": 1, \"limiter\": {\"bypass\": {}, " LIMITER_REST "}}",
      "limiter.bypass" },
    { "{\"lacquer_chain\": 1, \"limiter\": {\"bypass\": \"no\", " LIMITER_REST "}}",
      "limiter.bypass" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_error (cases[i].text, cases[i].field);
}

/* Numbers out of range, however spelled, are refused; json-glib reads 1e999 as inf. */
static void
test_numbers (void)
{
  assert_error ("{\"lacquer_chain\": 1, \"input_gain_db\": 1e999}", "input_gain_db");
  assert_error ("{\"lacquer_chain\": 1, \"input_gain_db\": -1e999}", "input_gain_db");
  assert_error ("{\"lacquer_chain\": 1, \"output_gain_db\": 1e20}", "output_gain_db");
  assert_error ("{\"lacquer_chain\": 1, \"limiter\": {\"bypass\": false, \"ceiling_dbtp\": "
                "1e999, \"lookahead_ms\": 1.5, \"release_ms\": 50}}", "limiter.ceiling_dbtp");
}

static void
set_extremes (LqChainParams *p,
              gboolean       high)
{
  lq_chain_params_init_default (p);
  p->input_gain_db = high ? 48.0 : -48.0;
  p->output_gain_db = high ? 1.0 / 3.0 : -47.999999999999993;
  p->eq.bypass = false;
  p->eq.n_bands = 2;
  for (guint i = 0; i < p->eq.n_bands; i++)
    {
      p->eq.bands[i].type = LQ_EQ_BAND_PEAKING;
      p->eq.bands[i].freq = high ? 24000.0 : 10.0;
      p->eq.bands[i].gain_db = high ? 24.0 : -24.0;
      p->eq.bands[i].q = high ? 18.0 : 0.1;
      p->eq.bands[i].slope_db = high ? 24 : 12;
    }
  p->comp.bypass = false;
  p->comp.threshold_db = high ? 0.0 : -80.0;
  p->comp.ratio = high ? 100.0 : 1.0;
  p->comp.knee_db = high ? 36.0 : 0.0;
  p->comp.attack_ms = high ? 1000.0 : 0.01;
  p->comp.release_ms = high ? 5000.0 : 1.0;
  p->comp.makeup_db = high ? 48.0 : -24.0;
  p->comp.sidechain_hpf_hz = high ? 2000.0 : 1e-300;
  p->lim.ceiling_db = high ? 0.0 : -30.0;
  p->lim.release_ms = high ? 2000.0 : 1.0;
}

/* Every accepted value is written so that it reads back to the same bytes. */
static void
test_round_trip_bytes (void)
{
  for (int high = 0; high <= 1; high++)
    {
      LqChainParams p, back;
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      set_extremes (&p, high);
      first = lq_chain_params_to_json_data (&p, &length);
      lq_chain_params_from_json_data (first, (gssize) length, &back, &error);
      g_assert_no_error (error);
      second = lq_chain_params_to_json_data (&back, NULL);
      g_assert_cmpstr (first, ==, second);
      g_assert_cmpfloat (back.output_gain_db, ==, p.output_gain_db);
      /* json-glib would write 1e-300 as "1e-300.0": it moves by one ulp instead. */
      g_assert_cmpfloat (back.comp.sidechain_hpf_hz, ==,
                         high ? 2000.0 : nextafter (1e-300, 0.0));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chain-json/deep", test_deep);
  g_test_add_func ("/chain-json/strings", test_strings);
  g_test_add_func ("/chain-json/second-document", test_second_document);
  g_test_add_func ("/chain-json/syntax-names-file", test_syntax_names_file);
  g_test_add_func ("/chain-json/version", test_version);
  g_test_add_func ("/chain-json/member-types", test_member_types);
  g_test_add_func ("/chain-json/numbers", test_numbers);
  g_test_add_func ("/chain-json/round-trip-bytes", test_round_trip_bytes);
  return g_test_run ();
}
