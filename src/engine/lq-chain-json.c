/* lq-chain-json.c
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
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "lq-chain-json.h"
#include "lq-chain-params.h"

G_DEFINE_QUARK (lq-chain-json-error-quark, lq_chain_json_error)

/* Each stage is described by a table of its fields, so parsing, validation and writing are
 * one loop each instead of a hand-written block per parameter. */
typedef enum
{
  FIELD_DOUBLE,
  FIELD_BOOL,
  FIELD_UINT_CHOICE,   /* uint32_t restricted to the listed values (slope 12/24) */
  FIELD_ENUM,          /* int enum named by strings */
} FieldType;

typedef struct
{
  const char        *name;
  FieldType          type;
  size_t             offset;
  LqChainParamId     param;      /* its range (lq-chain-params.h) */
  const char *const *names;      /* FIELD_ENUM: names in enum order, NULL-terminated */
} Field;

static const char *const band_types[] = {
  "peaking", "low_shelf", "high_shelf", "high_pass", "low_pass", NULL
};
static const char *const detectors[] = { "rms", "peak", NULL };
static const char *const links[] = { "max", "mean", NULL };
static const char *const band_channels[] = { "stereo", "mid", "side", NULL };

#define F_D(s, m, id) { #m, FIELD_DOUBLE, offsetof (s, m), LQ_CHAIN_PARAM_##id, NULL }
#define F_B(s, m, id) { #m, FIELD_BOOL, offsetof (s, m), LQ_CHAIN_PARAM_##id, NULL }

/* clang-format off */
static const Field band_fields[] = {
  { "type", FIELD_ENUM, offsetof (LqEqBand, type), LQ_CHAIN_PARAM_BAND_TYPE, band_types },
  F_D (LqEqBand, freq, BAND_FREQ),
  F_D (LqEqBand, gain_db, BAND_GAIN_DB),
  F_D (LqEqBand, q, BAND_Q),
  { "slope_db", FIELD_UINT_CHOICE, offsetof (LqEqBand, slope_db), LQ_CHAIN_PARAM_BAND_SLOPE_DB,
    NULL },
  F_B (LqEqBand, bypass, BAND_BYPASS),
  { "channels", FIELD_ENUM, offsetof (LqEqBand, channels), LQ_CHAIN_PARAM_BAND_CHANNELS,
    band_channels },
};

static const Field compressor_fields[] = {
  F_B (LqCompressorParams, bypass, COMP_BYPASS),
  F_D (LqCompressorParams, threshold_db, COMP_THRESHOLD_DB),
  F_D (LqCompressorParams, ratio, COMP_RATIO),
  F_D (LqCompressorParams, knee_db, COMP_KNEE_DB),
  F_D (LqCompressorParams, attack_ms, COMP_ATTACK_MS),
  F_D (LqCompressorParams, release_ms, COMP_RELEASE_MS),
  F_D (LqCompressorParams, makeup_db, COMP_MAKEUP_DB),
  { "detector", FIELD_ENUM, offsetof (LqCompressorParams, detector), LQ_CHAIN_PARAM_COMP_DETECTOR,
    detectors },
  { "link", FIELD_ENUM, offsetof (LqCompressorParams, link), LQ_CHAIN_PARAM_COMP_LINK, links },
  F_D (LqCompressorParams, sidechain_hpf_hz, COMP_SIDECHAIN_HPF_HZ),
};

static const Field eq_bypass_field = F_B (LqEqParams, bypass, EQ_BYPASS);

static const Field limiter_fields[] = {
  F_B (LqLimiterParams, bypass, LIMITER_BYPASS),
  { "ceiling_dbtp", FIELD_DOUBLE, offsetof (LqLimiterParams, ceiling_db),
    LQ_CHAIN_PARAM_LIMITER_CEILING_DB, NULL },
  F_D (LqLimiterParams, lookahead_ms, LIMITER_LOOKAHEAD_MS),
  F_D (LqLimiterParams, release_ms, LIMITER_RELEASE_MS),
};
/* clang-format on */

static gboolean
fail (GError    **error,
      int         code,
      const char *path,
      const char *format,
      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (GError    **error,
      int         code,
      const char *path,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, LQ_CHAIN_JSON_ERROR, code, "%s: %s", path, message);
  return FALSE;
}

static gboolean
check_keys (JsonObject        *object,
            const char        *path,
            const Field       *fields,
            guint              n_fields,
            const char *const *extra,
            GError           **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l; l = l->next)
    {
      const char *key = l->data;
      gboolean known = FALSE;

      for (guint i = 0; i < n_fields && !known; i++)
        known = g_str_equal (fields[i].name, key);
      for (guint i = 0; extra && extra[i] && !known; i++)
        known = g_str_equal (extra[i], key);
      if (!known)
        return fail (error, LQ_CHAIN_JSON_ERROR_UNKNOWN_KEY, path,
                     _("unknown key “%s”"), key);
    }
  return TRUE;
}

static gboolean
read_fields (JsonObject  *object,
             const char  *path,
             const Field *fields,
             guint        n_fields,
             gpointer     target,
             GError     **error)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const Field *f = &fields[i];
      g_autofree char *where = g_strdup_printf ("%s.%s", path, f->name);
      JsonNode *node = json_object_get_member (object, f->name);
      gpointer p = (char *) target + f->offset;
      const LqChainParam *range = lq_chain_param_get (f->param);
      GType vt;

      /* Newer than the first chain files: those load with the default. */
      if (node == NULL && range->optional)
        {
          switch (f->type)
            {
            case FIELD_DOUBLE:      *(double *) p = range->def; break;
            case FIELD_UINT_CHOICE: *(uint32_t *) p = (uint32_t) range->def; break;
            case FIELD_BOOL:        *(bool *) p = range->def != 0.0; break;
            case FIELD_ENUM:        *(int *) p = (int) range->def; break;
            default:                g_assert_not_reached ();
            }
          continue;
        }
      if (node == NULL)
        return fail (error, LQ_CHAIN_JSON_ERROR_MISSING, where, _("missing"));
      vt = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

      switch (f->type)
        {
        case FIELD_DOUBLE:
        case FIELD_UINT_CHOICE:
          {
            double v;

            if (vt != G_TYPE_DOUBLE && vt != G_TYPE_INT64)
              return fail (error, LQ_CHAIN_JSON_ERROR_TYPE, where, _("expected a number"));
            v = json_node_get_double (node);
            if (f->type == FIELD_UINT_CHOICE)
              {
                if (v != range->min && v != range->max)
                  return fail (error, LQ_CHAIN_JSON_ERROR_RANGE, where,
                               _("%g is not %g or %g"), v, range->min, range->max);
                *(uint32_t *) p = (uint32_t) v;
              }
            else
              {
                if (!(v >= range->min && v <= range->max))
                  return fail (error, LQ_CHAIN_JSON_ERROR_RANGE, where,
                               _("%g is outside %g … %g"), v, range->min, range->max);
                *(double *) p = v;
              }
            break;
          }

        case FIELD_BOOL:
          if (vt != G_TYPE_BOOLEAN)
            return fail (error, LQ_CHAIN_JSON_ERROR_TYPE, where, _("expected true or false"));
          *(bool *) p = json_node_get_boolean (node);
          break;

        case FIELD_ENUM:
          {
            const char *s = vt == G_TYPE_STRING ? json_node_get_string (node) : NULL;
            int found = -1;

            for (int k = 0; s && f->names[k]; k++)
              if (g_str_equal (f->names[k], s))
                found = k;
            if (found < 0)
              {
                g_autofree char *choices = g_strjoinv (", ", (char **) f->names);
                return fail (error, s ? LQ_CHAIN_JSON_ERROR_RANGE : LQ_CHAIN_JSON_ERROR_TYPE,
                             where, _("expected one of %s"), choices);
              }
            *(int *) p = found;
            break;
          }

        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

static JsonObject *
get_object (JsonObject  *parent,
            const char  *key,
            GError     **error)
{
  JsonNode *node = json_object_get_member (parent, key);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, LQ_CHAIN_JSON_ERROR_TYPE, key, _("expected an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
read_stage (JsonObject  *root,
            const char  *key,
            const Field *fields,
            guint        n_fields,
            gpointer     target,
            bool        *bypass,
            GError     **error)
{
  GError *local = NULL;
  JsonObject *object = get_object (root, key, &local);

  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (object == NULL)
    {
      *bypass = true;
      return TRUE;
    }
  return check_keys (object, key, fields, n_fields, NULL, error)
         && read_fields (object, key, fields, n_fields, target, error);
}

static gboolean
read_top_number (JsonObject     *root,
                 LqChainParamId  param,
                 double         *value,
                 GError        **error)
{
  const char *key = lq_chain_param_get (param)->name;
  Field f = { NULL, FIELD_DOUBLE, 0, param, NULL };
  JsonObject *wrapper;
  gboolean ok;

  if (!json_object_has_member (root, key))
    {
      *value = lq_chain_param_get (param)->def;
      return TRUE;
    }
  /* Reuse the field reader on a one-member view of root. */
  f.name = key;
  wrapper = json_object_new ();
  json_object_set_member (wrapper, key, json_node_copy (json_object_get_member (root, key)));
  ok = read_fields (wrapper, "chain", &f, 1, value, error);
  json_object_unref (wrapper);
  return ok;
}

gboolean
lq_chain_params_from_json_node (JsonNode       *node,
                                LqChainParams  *params,
                                GError        **error)
{
  static const char *const top_keys[] = {
    "lacquer_chain", "input_gain_db", "eq", "compressor", "limiter", "output_gain_db", "width",
    NULL
  };
  static const char *const eq_keys[] = { "bypass", "bands", NULL };
  LqChainParams p;
  JsonObject *root, *eq;
  GError *local = NULL;
  gint64 version;

  g_return_val_if_fail (node != NULL && params != NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, LQ_CHAIN_JSON_ERROR_TYPE, "chain", _("expected a JSON object"));
  root = json_node_get_object (node);

  if (!check_keys (root, "chain", NULL, 0, top_keys, error))
    return FALSE;
  if (!json_object_has_member (root, "lacquer_chain"))
    return fail (error, LQ_CHAIN_JSON_ERROR_MISSING, "lacquer_chain",
                 _("missing (not a Lacquer chain preset?)"));
  /* true or 1.9 are not version 1: json-glib would convert both. */
  if (!lq_json_node_holds (json_object_get_member (root, "lacquer_chain"), G_TYPE_INT64)
      || (version = json_object_get_int_member (root, "lacquer_chain")) < 1)
    return fail (error, LQ_CHAIN_JSON_ERROR_TYPE, "lacquer_chain",
                 _("expected a version number (a whole number from 1)"));
  if (version > LQ_CHAIN_JSON_VERSION)
    return fail (error, LQ_CHAIN_JSON_ERROR_VERSION, "lacquer_chain",
                 /* %lld, not G_GINT64_FORMAT: xgettext cannot see past a macro. */
                 _("version %lld is newer than this Lacquer understands (%d); "
                   "please update Lacquer"), (long long) version, LQ_CHAIN_JSON_VERSION);

  lq_chain_params_init_default (&p);

  if (!read_top_number (root, LQ_CHAIN_PARAM_INPUT_GAIN_DB, &p.input_gain_db, error)
      || !read_top_number (root, LQ_CHAIN_PARAM_OUTPUT_GAIN_DB, &p.output_gain_db, error)
      || !read_top_number (root, LQ_CHAIN_PARAM_WIDTH, &p.width, error))
    return FALSE;

  eq = get_object (root, "eq", &local);
  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  p.eq.n_bands = 0;
  p.eq.bypass = eq == NULL;
  if (eq != NULL)
    {
      JsonNode *bands = json_object_get_member (eq, "bands");
      JsonArray *array;

      if (!check_keys (eq, "eq", NULL, 0, eq_keys, error))
        return FALSE;
      if (!read_fields (eq, "eq", &eq_bypass_field, 1, &p.eq, error))
        return FALSE;
      if (bands == NULL)
        return fail (error, LQ_CHAIN_JSON_ERROR_MISSING, "eq.bands", _("missing"));
      if (!JSON_NODE_HOLDS_ARRAY (bands))
        return fail (error, LQ_CHAIN_JSON_ERROR_TYPE, "eq.bands", _("expected an array"));
      array = json_node_get_array (bands);
      if (json_array_get_length (array) > LQ_EQ_MAX_BANDS)
        return fail (error, LQ_CHAIN_JSON_ERROR_RANGE, "eq.bands",
                     _("%u bands; the EQ has at most %d"), json_array_get_length (array),
                     LQ_EQ_MAX_BANDS);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *where = g_strdup_printf ("eq.bands[%u]", i);
          JsonNode *band = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_OBJECT (band))
            return fail (error, LQ_CHAIN_JSON_ERROR_TYPE, where, _("expected an object"));
          if (!check_keys (json_node_get_object (band), where, band_fields,
                           G_N_ELEMENTS (band_fields), NULL, error)
              || !read_fields (json_node_get_object (band), where, band_fields,
                               G_N_ELEMENTS (band_fields), &p.eq.bands[i], error))
            return FALSE;
          p.eq.n_bands++;
        }
    }

  if (!read_stage (root, "compressor", compressor_fields, G_N_ELEMENTS (compressor_fields),
                   &p.comp, &p.comp.bypass, error)
      || !read_stage (root, "limiter", limiter_fields, G_N_ELEMENTS (limiter_fields),
                      &p.lim, &p.lim.bypass, error))
    return FALSE;

  *params = p;
  return TRUE;
}

/* json-glib 1.6 parses recursively with no depth limit (a file nested 100 000 deep overflows
 * the stack), accepts comments and single-quoted strings, and ignores a second document
 * after the first. One pass over the bytes rejects all of that first, so json-glib only sees
 * plain JSON of bounded depth. Strings are skipped with their escapes, so brackets inside
 * them do not count. */
static gboolean
scan_document (const char  *data,
               gsize        length,
               const char  *name,
               GError     **error)
{
  const char *what = NULL;
  char shown[32] = "";
  guint depth = 0;
  guint line = 1;
  gsize line_start = 0;
  gboolean done = FALSE;   /* one whole top-level value has been seen */
  gsize i = 0;

  for (; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        {
          line++;
          line_start = i + 1;
          continue;
        }
      if (c == ' ' || c == '\t' || c == '\r')
        continue;
      if (done)
        {
          what = _("more than one JSON document");
          break;
        }
      if (c == '{' || c == '[')
        {
          if (++depth > LQ_JSON_MAX_DEPTH)
            {
              g_set_error (error, LQ_CHAIN_JSON_ERROR, LQ_CHAIN_JSON_ERROR_SYNTAX,
                           _("%s: nested too deeply (more than %d levels)"), name,
                           LQ_JSON_MAX_DEPTH);
              return FALSE;
            }
        }
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            {
              what = _("unexpected closing bracket");
              break;
            }
          done = --depth == 0;
        }
      else if (c == '"')
        {
          gsize start = i;

          for (i++; i < length && data[i] != '"'; i++)
            {
              if ((guchar) data[i] < 0x20)
                break;
              if (data[i] == '\\')
                i++;
            }
          if (i < length && data[i] != '"')
            {
              what = _("control character in a string");
              break;
            }
          if (i >= length)
            {
              i = start;
              what = _("unterminated string");
              break;
            }
          done = depth == 0;
        }
      else if (g_ascii_isalnum (c) || c == '-' || c == '+' || c == '.')
        {
          /* A number, true, false or null: json-glib checks which. */
          while (i + 1 < length
                 && (g_ascii_isalnum (data[i + 1]) || data[i + 1] == '-' || data[i + 1] == '+'
                     || data[i + 1] == '.'))
            i++;
          done = depth == 0;
        }
      else if (c != ',' && c != ':')
        {
          if (g_ascii_isgraph (c))
            g_snprintf (shown, sizeof shown, " “%c”", c);
          else
            g_snprintf (shown, sizeof shown, " (byte 0x%02x)", (guchar) c);
          what = _("unexpected character");
          break;
        }
    }

  if (what != NULL)
    {
      g_set_error (error, LQ_CHAIN_JSON_ERROR, LQ_CHAIN_JSON_ERROR_SYNTAX, "%s:%u:%u: %s%s",
                   name, line, (guint) (i - line_start + 1), what, shown);
      return FALSE;
    }
  return TRUE;
}

/* Whether every string in node, member names included, is valid UTF-8: the file is, but
 * json-glib turns some escapes into bytes that are not (a lone surrogate, "\u0000"), and a
 * string like that would be written back into a file no reader takes. */
static gboolean
strings_valid (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &key, &member))
        if (!g_utf8_validate (key, -1, NULL) || !strings_valid (member))
          return FALSE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!strings_valid (json_array_get_element (array, i)))
          return FALSE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_utf8_validate (json_node_get_string (node), -1, NULL);
  return TRUE;
}

JsonNode *
lq_json_parse_document (const char  *data,
                        gsize        length,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!scan_document (data, length, name, error))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, length ? data : "", (gssize) length, &local))
    {
      /* json-glib names the input "<data>"; say which file it is. */
      const char *message = local->message;

      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      else if (g_str_has_prefix (message, "<data>"))
        message += strlen ("<data>");
      g_set_error (error, LQ_CHAIN_JSON_ERROR, LQ_CHAIN_JSON_ERROR_SYNTAX, "%s:%s", name,
                   message);
      return NULL;
    }
  /* An empty file parses, but to no document at all. */
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, LQ_CHAIN_JSON_ERROR, LQ_CHAIN_JSON_ERROR_SYNTAX,
                   _("%s: the file is empty"), name);
      return NULL;
    }
  if (!strings_valid (json_parser_get_root (parser)))
    {
      g_set_error (error, LQ_CHAIN_JSON_ERROR, LQ_CHAIN_JSON_ERROR_SYNTAX,
                   _("%s: a string’s escapes make text that is not UTF-8"), name);
      return NULL;
    }
  return json_parser_steal_root (parser);
}

gboolean
lq_json_node_holds (JsonNode *node,
                    GType     type)
{
  GType value_type;

  if (node == NULL)
    return FALSE;
  if (type == JSON_TYPE_OBJECT)
    return JSON_NODE_HOLDS_OBJECT (node);
  if (type == JSON_TYPE_ARRAY)
    return JSON_NODE_HOLDS_ARRAY (node);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  value_type = json_node_get_value_type (node);
  if (type == G_TYPE_DOUBLE)
    return value_type == G_TYPE_DOUBLE || value_type == G_TYPE_INT64;
  return value_type == type;
}

gboolean
lq_chain_params_from_json_data (const char     *data,
                                gssize          length,
                                LqChainParams  *params,
                                GError        **error)
{
  g_autoptr(JsonNode) root = NULL;

  if (length < 0)
    length = data ? (gssize) strlen (data) : 0;
  root = lq_json_parse_document (data, (gsize) length, "chain", error);
  return root != NULL && lq_chain_params_from_json_node (root, params, error);
}

gboolean
lq_json_read_file (const char      *path,
                   LqJsonReadFunc   read,
                   gpointer         target,
                   GError         **error)
{
  g_autofree char *data = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, local->domain, local->code, "%s: %s", display, local->message);
      return FALSE;
    }
  /* Syntax errors name the file already. */
  if (!(root = lq_json_parse_document (data, length, display, error)))
    return FALSE;
  if (!read (root, target, &local))
    {
      g_set_error (error, local->domain, local->code, "%s: %s", display, local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_chain (JsonNode  *node,
            gpointer   target,
            GError   **error)
{
  return lq_chain_params_from_json_node (node, target, error);
}

gboolean
lq_chain_params_from_json_file (const char     *path,
                                LqChainParams  *params,
                                GError        **error)
{
  return lq_json_read_file (path, read_chain, params, error);
}

void
lq_json_builder_add_double (JsonBuilder *builder,
                            double       value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  while (isfinite (value) && value != 0.0
         && strchr (g_ascii_dtostr (text, sizeof text, value), 'e') != NULL
         && strchr (text, '.') == NULL)
    value = nextafter (value, 0.0);
  json_builder_add_double_value (builder, value);
}

char *
lq_json_to_data (JsonNode *root,
                 gboolean  pretty,
                 gsize    *length)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;
  GString *escaped;
  gsize n;

  json_generator_set_pretty (gen, pretty);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &n);
  /* Outside strings JSON holds no control character but whitespace, so every U+001F in the
   * text is one of a string's. */
  escaped = g_string_new_len (text, (gssize) n);
  g_string_replace (escaped, "\x1f", "\\u001f", 0);
  if (length)
    *length = escaped->len;
  return g_string_free (escaped, FALSE);
}

static void
write_fields (JsonBuilder *b,
              const Field *fields,
              guint        n_fields,
              gconstpointer source)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const Field *f = &fields[i];
      gconstpointer p = (const char *) source + f->offset;

      json_builder_set_member_name (b, f->name);
      switch (f->type)
        {
        case FIELD_DOUBLE:      lq_json_builder_add_double (b, *(const double *) p); break;
        case FIELD_UINT_CHOICE: json_builder_add_int_value (b, *(const uint32_t *) p); break;
        case FIELD_BOOL:        json_builder_add_boolean_value (b, *(const bool *) p); break;
        case FIELD_ENUM:        json_builder_add_string_value (b, f->names[*(const int *) p]); break;
        default:                g_assert_not_reached ();
        }
    }
}

JsonNode *
lq_chain_params_to_json_node (const LqChainParams *params)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "lacquer_chain");
  json_builder_add_int_value (b, LQ_CHAIN_JSON_VERSION);
  json_builder_set_member_name (b, "input_gain_db");
  lq_json_builder_add_double (b, params->input_gain_db);

  json_builder_set_member_name (b, "eq");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "bypass");
  json_builder_add_boolean_value (b, params->eq.bypass);
  json_builder_set_member_name (b, "bands");
  json_builder_begin_array (b);
  for (guint i = 0; i < params->eq.n_bands && i < LQ_EQ_MAX_BANDS; i++)
    {
      json_builder_begin_object (b);
      write_fields (b, band_fields, G_N_ELEMENTS (band_fields), &params->eq.bands[i]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "compressor");
  json_builder_begin_object (b);
  write_fields (b, compressor_fields, G_N_ELEMENTS (compressor_fields), &params->comp);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "limiter");
  json_builder_begin_object (b);
  write_fields (b, limiter_fields, G_N_ELEMENTS (limiter_fields), &params->lim);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "output_gain_db");
  lq_json_builder_add_double (b, params->output_gain_db);
  json_builder_set_member_name (b, lq_chain_param_get (LQ_CHAIN_PARAM_WIDTH)->name);
  lq_json_builder_add_double (b, params->width);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

char *
lq_chain_params_to_json_data (const LqChainParams *params,
                              gsize               *length)
{
  g_autoptr(JsonNode) root = lq_chain_params_to_json_node (params);

  return lq_json_to_data (root, TRUE, length);
}
