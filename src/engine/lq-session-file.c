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

#include "lq-chain-json.h"
#include "lq-session-file.h"

G_DEFINE_QUARK (lq-session-file-error-quark, lq_session_file_error)

LqSessionData *
lq_session_data_new (void)
{
  LqSessionData *self = g_new0 (LqSessionData, 1);

  self->references = g_ptr_array_new_with_free_func (g_free);
  lq_chain_params_init_default (&self->chain);
  self->match = TRUE;
  self->listening_level = -14.0;
  return self;
}

void
lq_session_data_free (LqSessionData *self)
{
  if (self == NULL)
    return;
  g_free (self->mix);
  g_ptr_array_unref (self->references);
  g_free (self->target);
  g_free (self->selected);
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

LqSessionData *
lq_session_file_load (const char  *path,
                      GPtrArray  **missing,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LqSessionData) data = lq_session_data_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (abs);
  JsonObject *root;
  JsonNode *node;
  gint64 version;

  if (missing)
    *missing = g_ptr_array_new_with_free_func (g_free);

  if (!json_parser_load_from_mapped_file (parser, path, &local))
    {
      int code = local->domain == JSON_PARSER_ERROR ? LQ_SESSION_FILE_ERROR_SYNTAX
                                                    : LQ_SESSION_FILE_ERROR_READ;
      g_set_error (error, LQ_SESSION_FILE_ERROR, code, "%s: %s", display, local->message);
      return NULL;
    }
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_SYNTAX,
                   _("%s: Not a Lacquer session"), display);
      return NULL;
    }
  root = json_node_get_object (node);
  version = json_object_get_int_member_with_default (root, "lacquer_session", 0);
  if (version < 1)
    {
      g_set_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_SYNTAX,
                   _("%s: Not a Lacquer session"), display);
      return NULL;
    }
  if (version > LQ_SESSION_FILE_VERSION)
    {
      g_set_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_VERSION,
                   _("%s: Saved by a newer Lacquer (session format %lld); "
                     "please update Lacquer to open it"), display, (long long) version);
      return NULL;
    }

  if (json_object_has_member (root, "mix"))
    {
      const char *mix = json_object_get_string_member_with_default (root, "mix", NULL);

      if (mix == NULL)
        {
          invalid (error, display, "mix", _("expected a file name"));
          return NULL;
        }
      data->mix = resolve (dir, mix);
      note_missing (missing ? *missing : NULL, data->mix);
    }

  if (json_object_has_member (root, "references"))
    {
      JsonArray *refs = json_object_get_array_member (root, "references");

      if (refs == NULL)
        {
          invalid (error, display, "references", _("expected a list of file names"));
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (refs); i++)
        {
          const char *ref = json_node_get_string (json_array_get_element (refs, i));

          if (ref == NULL)
            {
              invalid (error, display, "references", _("expected a list of file names"));
              return NULL;
            }
          g_ptr_array_add (data->references, resolve (dir, ref));
          note_missing (missing ? *missing : NULL, g_ptr_array_index (data->references, i));
        }
    }

  if (json_object_has_member (root, "chain")
      && !lq_chain_params_from_json_node (json_object_get_member (root, "chain"), &data->chain,
                                          &local))
    {
      g_set_error (error, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_INVALID, "%s: %s",
                   display, local->message);
      return NULL;
    }

  data->match = json_object_get_boolean_member_with_default (root, "loudness_match", TRUE);
  data->listening_level = json_object_get_double_member_with_default (root, "listening_level_lufs",
                                                                      -14.0);
  if (!(data->listening_level >= -40.0 && data->listening_level <= 0.0))
    {
      invalid (error, display, "listening_level_lufs", _("outside −40 … 0 LUFS"));
      return NULL;
    }
  if (json_object_has_member (root, "loop"))
    {
      JsonObject *loop = json_object_get_object_member (root, "loop");

      if (loop == NULL)
        {
          invalid (error, display, "loop", _("expected an object"));
          return NULL;
        }
      data->loop_start = json_object_get_double_member_with_default (loop, "start_s", 0.0);
      data->loop_end = json_object_get_double_member_with_default (loop, "end_s", 0.0);
      data->has_loop = data->loop_end > data->loop_start && data->loop_start >= 0.0;
    }
  data->target = g_strdup (json_object_get_string_member_with_default (root, "target", NULL));
  data->selected = g_strdup (json_object_get_string_member_with_default (root, "selected", NULL));

  return g_steal_pointer (&data);
}

gboolean
lq_session_file_save (const char          *path,
                      const LqSessionData *data,
                      GError             **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (abs);
  g_autofree char *text = NULL;
  gsize length;

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
  json_builder_add_double_value (b, data->listening_level);
  if (data->has_loop)
    {
      json_builder_set_member_name (b, "loop");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "start_s");
      json_builder_add_double_value (b, data->loop_start);
      json_builder_set_member_name (b, "end_s");
      json_builder_add_double_value (b, data->loop_end);
      json_builder_end_object (b);
    }
  if (data->target)
    {
      json_builder_set_member_name (b, "target");
      json_builder_add_string_value (b, data->target);
    }
  if (data->selected)
    {
      json_builder_set_member_name (b, "selected");
      json_builder_add_string_value (b, data->selected);
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &length);

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
