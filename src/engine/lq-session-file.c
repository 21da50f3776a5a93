/* lq-session-file.c
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

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "lq-abx-private.h"
#include "lq-chain-json.h"
#include "lq-deliverable.h"
#include "lq-presets.h"
#include "lq-session-file.h"

G_DEFINE_QUARK (lq-session-file-error-quark, lq_session_file_error)

gboolean
lq_session_file_is_session (const char *path)
{
  return path != NULL && g_str_has_suffix (path, ".lacquer");
}

LqSessionData *
lq_session_data_new (void)
{
  LqSessionData *self = g_new0 (LqSessionData, 1);

  self->references = g_ptr_array_new_with_free_func (g_free);
  self->reference_loops = g_array_new (FALSE, TRUE, sizeof (LqSessionLoop));
  lq_chain_params_init_default (&self->chain);
  self->match = TRUE;
  self->listening_level = -14.0;
  self->snapshots = lq_snapshot_list_new ();
  self->custom_lufs = LQ_CUSTOM_LUFS_DEFAULT;
  self->custom_ceiling_dbtp = LQ_CUSTOM_CEILING_DEFAULT;
  return self;
}

void
lq_session_data_free (LqSessionData *self)
{
  if (self == NULL)
    return;
  g_free (self->mix);
  g_ptr_array_unref (self->references);
  g_array_unref (self->reference_loops);
  g_free (self->target);
  g_free (self->selected);
  g_clear_object (&self->abx);
  g_clear_object (&self->snapshots);
  lq_metadata_clear (&self->metadata);
  g_free (self->deliverables);
  g_free (self->name_pattern);
  g_free (self);
}

/* A path relative to dir when it lies inside it, else the absolute path. */
static char *
relative_to (const char *dir,
             const char *path)
{
  g_autoptr(GFile) base = g_file_new_for_path (dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  char *rel = g_file_get_relative_path (base, file);

  return rel ? rel : g_strdup (path);
}

static char *
resolve (const char *dir,
         const char *stored)
{
  if (g_path_is_absolute (stored))
    return g_strdup (stored);
  return g_canonicalize_filename (stored, dir);
}

static void
note_missing (GPtrArray  *missing,
              const char *path)
{
  if (missing && !g_file_test (path, G_FILE_TEST_EXISTS))
    g_ptr_array_add (missing, g_strdup (path));
}

static gboolean
invalid (GError     **error,
         const char  *display,
         const char  *key,
         const char  *what)
{
  g_set_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_INVALID, "%s: %s: %s",
               display, key, what);
  return FALSE;
}

/* Numbers a session holds, checked on load and on save alike: a value the writer would
 * spell so that the reader rejects it (1e+20.0, inf.0) must never reach the file. */
typedef struct
{
  const char *key;
  double      min, max;
} Range;

static const Range listening_range = { "listening_level_lufs", -40.0, 0.0 };
static const Range loop_start_range = { "loop.start_s", 0.0, LQ_SESSION_MAX_SECONDS };
static const Range loop_end_range = { "loop.end_s", 0.0, LQ_SESSION_MAX_SECONDS };
static const Range ref_loop_start_range = { "reference_loops.start_s", 0.0,
                                            LQ_SESSION_MAX_SECONDS };
static const Range ref_loop_end_range = { "reference_loops.end_s", 0.0, LQ_SESSION_MAX_SECONDS };
static const Range custom_lufs_range = { "custom_target.lufs", LQ_CUSTOM_LUFS_MIN,
                                         LQ_CUSTOM_LUFS_MAX };
static const Range custom_ceiling_range = { "custom_target.ceiling_dbtp", LQ_CUSTOM_CEILING_MIN,
                                            LQ_CUSTOM_CEILING_MAX };
static const Range abx_trials_range = { "abx.trials", 1, LQ_ABX_MAX_TRIALS };
static const Range abx_crossfade_range = { "abx.crossfade_ms", LQ_ABX_MIN_CROSSFADE_MS,
                                           LQ_ABX_MAX_CROSSFADE_MS };
static const Range abx_start_range = { "abx.segment.start_s", 0.0, LQ_ABX_MAX_SECONDS };
static const Range abx_end_range = { "abx.segment.end_s", 0.0, LQ_ABX_MAX_SECONDS };
static const Range abx_level_range = { "abx.levels_lufs", -200.0, 20.0 };

static gboolean
check_range (const Range  *range,
             double        value,
             const char   *display,
             GError      **error)
{
  g_autofree char *what = NULL;

  if (value >= range->min && value <= range->max)
    return TRUE;
  what = g_strdup_printf (_("%g is outside %g … %g"), value, range->min, range->max);
  return invalid (error, display, range->key, what);
}

/* The member when present; FALSE (with error) when it is present with another type. */
static gboolean
get_member (JsonObject  *object,
            const char  *key,
            GType        type,
            const char  *display,
            JsonNode   **node,
            GError     **error)
{
  static const struct { GType type; const char *what; } expected[] = {
    { G_TYPE_STRING, N_("expected a string") },
    { G_TYPE_BOOLEAN, N_("expected true or false") },
    { G_TYPE_DOUBLE, N_("expected a number") },
    { G_TYPE_INT64, N_("expected a whole number") },
  };
  const char *what = N_("expected an object");

  *node = json_object_get_member (object, key);
  if (*node == NULL || lq_json_node_holds (*node, type))
    return TRUE;
  if (type == JSON_TYPE_ARRAY)
    what = N_("expected a list");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (expected[i].type == type)
      what = expected[i].what;
  return invalid (error, display, key, _(what));
}

static gboolean
get_number (JsonObject   *object,
            const Range  *range,
            const char   *key,
            const char   *display,
            double       *value,
            GError      **error)
{
  JsonNode *node;

  if (!get_member (object, key, G_TYPE_DOUBLE, display, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  *value = json_node_get_double (node);
  return check_range (range, *value, display, error);
}

/* "mix", "master" or "reference:N" naming one of the references. */
static gboolean
selection_is_valid (const char *selected,
                    guint       n_references)
{
  const char *index = selected + strlen ("reference:");

  if (g_str_equal (selected, "mix") || g_str_equal (selected, "master"))
    return TRUE;
  return g_str_has_prefix (selected, "reference:") && n_references > 0
         && g_ascii_isdigit (*index)
         && g_ascii_string_to_unsigned (index, 10, 0, n_references - 1, NULL, NULL);
}

/* "reference_loops": one entry per reference, null or {"start_s", "end_s"} with end after
 * start. */
static gboolean
load_reference_loops (JsonObject     *root,
                      const char     *display,
                      LqSessionData  *data,
                      GError        **error)
{
  JsonNode *node;
  JsonArray *array;

  if (!get_member (root, "reference_loops", JSON_TYPE_ARRAY, display, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) > data->references->len)
    return invalid (error, display, "reference_loops", _("expected one entry per reference"));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      LqSessionLoop loop = { 0.0, 0.0 };

      if (!JSON_NODE_HOLDS_NULL (element))
        {
          JsonObject *object = JSON_NODE_HOLDS_OBJECT (element)
                               ? json_node_get_object (element) : NULL;

          if (object == NULL
              || !json_object_has_member (object, "start_s")
              || !json_object_has_member (object, "end_s")
              || !lq_json_node_holds (json_object_get_member (object, "start_s"), G_TYPE_DOUBLE)
              || !lq_json_node_holds (json_object_get_member (object, "end_s"), G_TYPE_DOUBLE))
            return invalid (error, display, "reference_loops",
                            _("expected null or a loop with start_s and end_s"));
          if (!get_number (json_node_get_object (element), &ref_loop_start_range, "start_s",
                           display, &loop.start, error)
              || !get_number (json_node_get_object (element), &ref_loop_end_range, "end_s",
                              display, &loop.end, error))
            return FALSE;
          if (loop.end <= loop.start)
            return invalid (error, display, "reference_loops",
                            _("expected a loop that ends after it starts"));
        }
      g_array_append_val (data->reference_loops, loop);
    }
  return TRUE;
}

/* ---- the blind A/B/X test ("abx") ---------------------------------------------------------
 * Settings, seed and answers; each trial's X follows from the seed, so it is not stored. */

static char *
format_time (gint64 time_us)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) exact = t ? g_date_time_add (t, time_us % G_USEC_PER_SEC) : NULL;

  return exact ? g_date_time_format_iso8601 (exact) : NULL;
}

static gboolean
parse_time (JsonNode    *node,
            const char  *key,
            const char  *display,
            gint64      *time_us,
            GError     **error)
{
  g_autoptr(GDateTime) t = NULL;

  if (lq_json_node_holds (node, G_TYPE_STRING))
    t = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL);
  if (t == NULL)
    return invalid (error, display, key, _("expected a date and time (ISO 8601)"));
  *time_us = g_date_time_to_unix (t) * G_USEC_PER_SEC + g_date_time_get_microsecond (t);
  return TRUE;
}

static gboolean
parse_choice (JsonNode    *node,
              LqAbxChoice *choice)
{
  const char *text;

  if (node == NULL || !lq_json_node_holds (node, G_TYPE_STRING))
    return FALSE;
  text = json_node_get_string (node);
  *choice = g_str_equal (text, "B") ? LQ_ABX_B : LQ_ABX_A;
  return g_str_equal (text, "A") || g_str_equal (text, "B");
}

static LqAbxTest *
load_abx (JsonObject  *object,
          const char  *display,
          GError     **error)
{
  static const struct { const char *key, *property; } strings[] = {
    { "name_a", "name-a" }, { "name_b", "name-b" }, { "identity_a", "identity-a" },
    { "identity_b", "identity-b" }, { "device", "device" },
  };
  g_autoptr(LqAbxTest) test = lq_abx_test_new (NULL, NULL);
  g_autofree LqAbxChoice *answers = NULL;
  g_autofree gint64 *times = NULL;
  double trials = LQ_ABX_DEFAULT_TRIALS, crossfade = LQ_ABX_DEFAULT_CROSSFADE_MS;
  double start = 0.0, end = 0.0, level_a = NAN, level_b = NAN;
  gint64 started_us = 0;
  guint64 seed = 0;
  JsonNode *node;
  JsonArray *list = NULL;
  guint n_answers = 0;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      if (!get_member (object, strings[i].key, G_TYPE_STRING, display, &node, error))
        return NULL;
      if (node != NULL)
        g_object_set (test, strings[i].property, json_node_get_string (node), NULL);
    }

  if (!get_member (object, "trials", G_TYPE_INT64, display, &node, error))
    return NULL;
  if (node != NULL)
    trials = (double) json_node_get_int (node);
  if (!check_range (&abx_trials_range, trials, display, error)
      || !get_number (object, &abx_crossfade_range, "crossfade_ms", display, &crossfade, error))
    return NULL;

  /* A string: JSON readers are not all exact beyond 2^53, and a seed must replay exactly. */
  if (!get_member (object, "seed", G_TYPE_STRING, display, &node, error))
    return NULL;
  if (node != NULL
      && !g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, G_MAXUINT64, &seed,
                                      NULL))
    {
      invalid (error, display, "abx.seed", _("expected a whole number from 0, as a string"));
      return NULL;
    }

  if (!get_member (object, "segment", JSON_TYPE_OBJECT, display, &node, error))
    return NULL;
  if (node != NULL
      && (!get_number (json_node_get_object (node), &abx_start_range, "start_s", display,
                       &start, error)
          || !get_number (json_node_get_object (node), &abx_end_range, "end_s", display, &end,
                          error)))
    return NULL;

  if (!get_member (object, "levels_lufs", JSON_TYPE_OBJECT, display, &node, error))
    return NULL;
  if (node != NULL
      && (!get_number (json_node_get_object (node), &abx_level_range, "a", display, &level_a,
                       error)
          || !get_number (json_node_get_object (node), &abx_level_range, "b", display,
                          &level_b, error)))
    return NULL;

  if (!get_member (object, "started", G_TYPE_STRING, display, &node, error))
    return NULL;
  if (node != NULL && !parse_time (node, "abx.started", display, &started_us, error))
    return NULL;
  if (!get_member (object, "answers", JSON_TYPE_ARRAY, display, &node, error))
    return NULL;
  if (node != NULL)
    {
      list = json_node_get_array (node);
      n_answers = json_array_get_length (list);
    }
  if (n_answers > 0 && started_us == 0)
    {
      invalid (error, display, "abx.answers", _("answers given but no start time"));
      return NULL;
    }
  if (n_answers > (guint) trials)
    {
      invalid (error, display, "abx.answers", _("more answers than trials"));
      return NULL;
    }
  answers = g_new0 (LqAbxChoice, MAX (n_answers, 1));
  times = g_new0 (gint64, MAX (n_answers, 1));
  for (guint i = 0; i < n_answers; i++)
    {
      JsonNode *item = json_array_get_element (list, i);
      JsonObject *answer = lq_json_node_holds (item, JSON_TYPE_OBJECT)
                           ? json_node_get_object (item) : NULL;

      if (answer == NULL || !parse_choice (json_object_get_member (answer, "x_is"), &answers[i]))
        {
          invalid (error, display, "abx.answers",
                   _("expected a list of {“x_is”: “A” or “B”, “time”: …}"));
          return NULL;
        }
      node = json_object_get_member (answer, "time");
      if (node == NULL || !parse_time (node, "abx.answers.time", display, &times[i], error))
        {
          if (node == NULL)
            invalid (error, display, "abx.answers.time", _("expected a date and time (ISO 8601)"));
          return NULL;
        }
    }

  g_object_set (test, "n-trials", (guint) trials, "seed", seed, "crossfade-ms", crossfade,
                "segment-start", start, "segment-end", end, NULL);
  lq_abx_test_set_levels (test, level_a, level_b);
  if (started_us != 0)
    _lq_abx_test_restore (test, started_us, answers, times, n_answers);
  return g_steal_pointer (&test);
}

static void
add_string (JsonBuilder *b,
            const char  *key,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, value);
}

static void
save_abx (JsonBuilder *b,
          LqAbxTest   *test)
{
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, lq_abx_test_get_seed (test));
  double level_a, level_b;

  json_builder_set_member_name (b, "abx");
  json_builder_begin_object (b);
  add_string (b, "name_a", lq_abx_test_get_name_a (test));
  add_string (b, "name_b", lq_abx_test_get_name_b (test));
  add_string (b, "identity_a", lq_abx_test_get_identity_a (test));
  add_string (b, "identity_b", lq_abx_test_get_identity_b (test));
  add_string (b, "device", lq_abx_test_get_device (test));
  json_builder_set_member_name (b, "trials");
  json_builder_add_int_value (b, lq_abx_test_get_n_trials (test));
  add_string (b, "seed", seed);
  json_builder_set_member_name (b, "crossfade_ms");
  lq_json_builder_add_double (b, lq_abx_test_get_crossfade_ms (test));
  if (!lq_abx_test_get_whole_file (test))
    {
      json_builder_set_member_name (b, "segment");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "start_s");
      lq_json_builder_add_double (b, lq_abx_test_get_segment_start (test));
      json_builder_set_member_name (b, "end_s");
      lq_json_builder_add_double (b, lq_abx_test_get_segment_end (test));
      json_builder_end_object (b);
    }
  if (lq_abx_test_get_levels (test, &level_a, &level_b))
    {
      json_builder_set_member_name (b, "levels_lufs");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "a");
      lq_json_builder_add_double (b, level_a);
      json_builder_set_member_name (b, "b");
      lq_json_builder_add_double (b, level_b);
      json_builder_end_object (b);
    }
  if (lq_abx_test_get_started (test))
    {
      g_autofree char *started = format_time (_lq_abx_test_get_started_us (test));

      add_string (b, "started", started);
      json_builder_set_member_name (b, "answers");
      json_builder_begin_array (b);
      for (guint i = 0; i < lq_abx_test_get_trial (test); i++)
        {
          g_autofree char *when = NULL;
          LqAbxChoice answer;
          gint64 time_us;

          _lq_abx_test_get_answer (test, i, &answer, &time_us);
          when = format_time (time_us);
          json_builder_begin_object (b);
          add_string (b, "x_is", answer == LQ_ABX_A ? "A" : "B");
          add_string (b, "time", when);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

/* ---- chain snapshots ("snapshots") --------------------------------------------------------
 * A list of {"name": …, "chain": {the chain JSON}}, names unique. */

static gboolean
load_snapshots (JsonObject     *root,
                const char     *display,
                LqSessionData  *data,
                GError        **error)
{
  JsonNode *node;
  JsonArray *array;

  if (!get_member (root, "snapshots", JSON_TYPE_ARRAY, display, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object = lq_json_node_holds (element, JSON_TYPE_OBJECT)
                           ? json_node_get_object (element) : NULL;
      JsonNode *name = object ? json_object_get_member (object, "name") : NULL;
      JsonNode *chain = object ? json_object_get_member (object, "chain") : NULL;
      g_autoptr(GError) local = NULL;
      LqChainParams params;

      if (name == NULL || chain == NULL || !lq_json_node_holds (name, G_TYPE_STRING)
          || !lq_json_node_holds (chain, JSON_TYPE_OBJECT))
        return invalid (error, display, "snapshots",
                        _("expected a list of {“name”: …, “chain”: {…}}"));
      if (!lq_snapshot_name_is_valid (json_node_get_string (name), &local))
        return invalid (error, display, "snapshots.name", local->message);
      if (lq_snapshot_list_find (data->snapshots, json_node_get_string (name), NULL) != NULL)
        return invalid (error, display, "snapshots.name", _("two snapshots have one name"));
      if (!lq_chain_params_from_json_node (chain, &params, &local))
        {
          g_autofree char *key = g_strdup_printf ("snapshots[%u]", i);

          return invalid (error, display, key, local->message);
        }
      lq_snapshot_list_store (data->snapshots, json_node_get_string (name), &params, NULL);
    }
  return TRUE;
}

static void
save_snapshots (JsonBuilder    *b,
                LqSnapshotList *snapshots)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (snapshots));

  if (n == 0)
    return;
  json_builder_set_member_name (b, "snapshots");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      LqSnapshot *snapshot = lq_snapshot_list_get (snapshots, i);

      json_builder_begin_object (b);
      add_string (b, "name", lq_snapshot_get_name (snapshot));
      json_builder_set_member_name (b, "chain");
      json_builder_add_value (b, lq_chain_params_to_json_node (lq_snapshot_get_params (snapshot)));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static gboolean
load_members (JsonObject     *root,
              const char     *dir,
              const char     *display,
              LqSessionData  *data,
              GPtrArray      *missing,
              GError        **error)
{
  g_autoptr(GError) local = NULL;
  JsonNode *node;

  if (!get_member (root, "mix", G_TYPE_STRING, display, &node, error))
    return FALSE;
  if (node != NULL)
    {
      if (*json_node_get_string (node) == '\0')
        return invalid (error, display, "mix", _("expected a file name"));
      data->mix = resolve (dir, json_node_get_string (node));
      note_missing (missing, data->mix);
    }

  if (!get_member (root, "references", JSON_TYPE_ARRAY, display, &node, error))
    return FALSE;
  for (guint i = 0; node != NULL && i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *ref = json_array_get_element (json_node_get_array (node), i);

      if (!lq_json_node_holds (ref, G_TYPE_STRING) || *json_node_get_string (ref) == '\0')
        return invalid (error, display, "references", _("expected a list of file names"));
      g_ptr_array_add (data->references, resolve (dir, json_node_get_string (ref)));
      note_missing (missing, g_ptr_array_index (data->references, i));
    }

  if (!get_member (root, "chain", JSON_TYPE_OBJECT, display, &node, error))
    return FALSE;
  if (node != NULL && !lq_chain_params_from_json_node (node, &data->chain, &local))
    {
      g_set_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_INVALID, "%s: %s",
                   display, local->message);
      return FALSE;
    }

  if (!get_member (root, "loudness_match", G_TYPE_BOOLEAN, display, &node, error))
    return FALSE;
  if (node != NULL)
    data->match = json_node_get_boolean (node);
  if (!get_number (root, &listening_range, "listening_level_lufs", display,
                   &data->listening_level, error))
    return FALSE;

  if (!get_member (root, "loop", JSON_TYPE_OBJECT, display, &node, error))
    return FALSE;
  if (node != NULL)
    {
      JsonObject *loop = json_node_get_object (node);

      if (!get_number (loop, &loop_start_range, "start_s", display, &data->loop_start, error)
          || !get_number (loop, &loop_end_range, "end_s", display, &data->loop_end, error))
        return FALSE;
      data->has_loop = data->loop_end > data->loop_start;
    }

  if (!get_member (root, "target", G_TYPE_STRING, display, &node, error))
    return FALSE;
  if (node != NULL)
    data->target = g_strdup (json_node_get_string (node));
  if (!get_member (root, "custom_target", JSON_TYPE_OBJECT, display, &node, error))
    return FALSE;
  if (node != NULL)
    {
      JsonObject *custom = json_node_get_object (node);

      if (!get_number (custom, &custom_lufs_range, "lufs", display, &data->custom_lufs, error)
          || !get_number (custom, &custom_ceiling_range, "ceiling_dbtp", display,
                          &data->custom_ceiling_dbtp, error))
        return FALSE;
      data->has_custom_target = TRUE;
    }
  if (!get_member (root, "selected", G_TYPE_STRING, display, &node, error))
    return FALSE;
  if (node != NULL)
    {
      if (!selection_is_valid (json_node_get_string (node), data->references->len))
        return invalid (error, display, "selected",
                        _("expected “mix”, “master” or “reference:N” naming a reference"));
      data->selected = g_strdup (json_node_get_string (node));
    }

  if (!get_member (root, "reference_mode", G_TYPE_STRING, display, &node, error))
    return FALSE;
  if (node != NULL)
    {
      const char *mode = json_node_get_string (node);

      if (!g_str_equal (mode, "sync") && !g_str_equal (mode, "free"))
        return invalid (error, display, "reference_mode", _("expected “sync” or “free”"));
      data->free_references = g_str_equal (mode, "free");
    }
  if (!load_reference_loops (root, display, data, error))
    return FALSE;
  if (!get_member (root, "abx", JSON_TYPE_OBJECT, display, &node, error))
    return FALSE;
  if (node != NULL && !(data->abx = load_abx (json_node_get_object (node), display, error)))
    return FALSE;
  if (!get_member (root, "metadata", JSON_TYPE_OBJECT, display, &node, error))
    return FALSE;
  /* Its errors name the field ("metadata: isrc …", "track: 0 is outside …"). */
  if (node != NULL && !lq_metadata_from_json (node, &data->metadata, &local))
    return invalid (error, display, "metadata", local->message);
  if (!get_member (root, "deliverables", G_TYPE_STRING, display, &node, error))
    return FALSE;
  if (node != NULL)
    {
      g_autoptr(GArray) specs = NULL;

      data->deliverables = g_strdup (json_node_get_string (node));
      if (!(specs = lq_deliverable_spec_parse_list (data->deliverables, &local)))
        return invalid (error, display, "deliverables", local->message);
    }
  if (!get_member (root, "name_pattern", G_TYPE_STRING, display, &node, error))
    return FALSE;
  if (node != NULL)
    data->name_pattern = g_strdup (json_node_get_string (node));
  return load_snapshots (root, display, data, error);
}

LqSessionData *
lq_session_file_load (const char  *path,
                      GPtrArray  **missing,
                      GError     **error)
{
  g_autoptr(LqSessionData) data = lq_session_data_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (abs);
  g_autofree char *text = NULL;
  JsonNode *version;
  JsonObject *root;
  gsize length;

  if (missing)
    *missing = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_get_contents (path, &text, &length, &local))
    {
      g_set_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_READ, "%s: %s",
                   display, local->message);
      return NULL;
    }
  if (!(node = lq_json_parse_document (text, length, display, &local)))
    {
      g_set_error_literal (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_SYNTAX,
                           local->message);
      return NULL;
    }
  root = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  version = root ? json_object_get_member (root, "lacquer_session") : NULL;
  if (version == NULL)
    {
      g_set_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_SYNTAX,
                   _("%s: Not a Lacquer session"), display);
      return NULL;
    }
  /* true or 1.9 are not format 1, though json-glib would convert both. */
  if (!lq_json_node_holds (version, G_TYPE_INT64) || json_node_get_int (version) < 1)
    {
      invalid (error, display, "lacquer_session",
               _("expected a format version (a whole number from 1)"));
      return NULL;
    }
  if (json_node_get_int (version) > LQ_SESSION_FILE_VERSION)
    {
      g_set_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_VERSION,
                   _("%s: Saved by a newer Lacquer (session format %lld); "
                     "please update Lacquer to open it"), display,
                   (long long) json_node_get_int (version));
      return NULL;
    }

  if (!load_members (root, dir, display, data, missing ? *missing : NULL, error))
    return NULL;
  return g_steal_pointer (&data);
}

gboolean
lq_session_file_save (const char          *path,
                      const LqSessionData *data,
                      GError             **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (abs);
  g_autofree char *text = NULL;
  g_autofree char *display = g_filename_display_name (path);
  gsize length;

  if (!check_range (&listening_range, data->listening_level, display, &local)
      || (data->has_loop
          && (!check_range (&loop_start_range, data->loop_start, display, &local)
              || !check_range (&loop_end_range, data->loop_end, display, &local))))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (data->has_custom_target
      && (!check_range (&custom_lufs_range, data->custom_lufs, display, error)
          || !check_range (&custom_ceiling_range, data->custom_ceiling_dbtp, display, error)))
    return FALSE;
  for (guint i = 0; i < data->reference_loops->len; i++)
    {
      const LqSessionLoop *loop = &g_array_index (data->reference_loops, LqSessionLoop, i);

      if (loop->end > loop->start
          && (!check_range (&ref_loop_start_range, loop->start, display, error)
              || !check_range (&ref_loop_end_range, loop->end, display, error)))
        return FALSE;
    }
  if (!lq_metadata_validate (&data->metadata, &local))
    return invalid (error, display, "metadata", local->message);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "lacquer_session");
  json_builder_add_int_value (b, LQ_SESSION_FILE_VERSION);
  if (data->mix)
    {
      g_autofree char *rel = relative_to (dir, data->mix);

      json_builder_set_member_name (b, "mix");
      json_builder_add_string_value (b, rel);
    }
  json_builder_set_member_name (b, "references");
  json_builder_begin_array (b);
  for (guint i = 0; i < data->references->len; i++)
    {
      g_autofree char *rel = relative_to (dir, g_ptr_array_index (data->references, i));

      json_builder_add_string_value (b, rel);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "chain");
  json_builder_add_value (b, lq_chain_params_to_json_node (&data->chain));
  json_builder_set_member_name (b, "loudness_match");
  json_builder_add_boolean_value (b, data->match);
  json_builder_set_member_name (b, "listening_level_lufs");
  lq_json_builder_add_double (b, data->listening_level);
  if (data->has_loop)
    {
      json_builder_set_member_name (b, "loop");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "start_s");
      lq_json_builder_add_double (b, data->loop_start);
      json_builder_set_member_name (b, "end_s");
      lq_json_builder_add_double (b, data->loop_end);
      json_builder_end_object (b);
    }
  if (data->target)
    {
      json_builder_set_member_name (b, "target");
      json_builder_add_string_value (b, data->target);
    }
  if (data->has_custom_target)
    {
      json_builder_set_member_name (b, "custom_target");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "lufs");
      lq_json_builder_add_double (b, data->custom_lufs);
      json_builder_set_member_name (b, "ceiling_dbtp");
      lq_json_builder_add_double (b, data->custom_ceiling_dbtp);
      json_builder_end_object (b);
    }
  if (data->selected)
    {
      json_builder_set_member_name (b, "selected");
      json_builder_add_string_value (b, data->selected);
    }
  json_builder_set_member_name (b, "reference_mode");
  json_builder_add_string_value (b, data->free_references ? "free" : "sync");
  if (data->reference_loops->len > 0)
    {
      json_builder_set_member_name (b, "reference_loops");
      json_builder_begin_array (b);
      for (guint i = 0; i < MIN (data->reference_loops->len, data->references->len); i++)
        {
          const LqSessionLoop *loop = &g_array_index (data->reference_loops, LqSessionLoop, i);

          if (loop->end <= loop->start)
            {
              json_builder_add_null_value (b);
              continue;
            }
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "start_s");
          lq_json_builder_add_double (b, loop->start);
          json_builder_set_member_name (b, "end_s");
          lq_json_builder_add_double (b, loop->end);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  if (data->abx)
    save_abx (b, data->abx);
  save_snapshots (b, data->snapshots);
  if (!lq_metadata_is_empty (&data->metadata))
    {
      json_builder_set_member_name (b, "metadata");
      json_builder_add_value (b, lq_metadata_to_json (&data->metadata));
    }
  if (data->deliverables != NULL)
    {
      json_builder_set_member_name (b, "deliverables");
      json_builder_add_string_value (b, data->deliverables);
    }
  if (data->name_pattern != NULL)
    {
      json_builder_set_member_name (b, "name_pattern");
      json_builder_add_string_value (b, data->name_pattern);
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  text = lq_json_to_data (root, TRUE, &length);

  /* g_file_set_contents writes a temporary file beside path and renames it. */
  if (!g_file_set_contents_full (path, text, (gssize) length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local))
    {
      g_set_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_WRITE, "%s",
                   local->message);
      return FALSE;
    }
  return TRUE;
}
