/* lq-metadata.c
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

#include <dlfcn.h>
#include <glib/gi18n.h>
#include <stddef.h>
#include <string.h>

#include "lq-chain-json.h"
#include "lq-metadata.h"

G_DEFINE_QUARK (lq-metadata-error-quark, lq_metadata_error)

/* One table of the fields, so parsing, validation, copying and JSON are one loop each. */
typedef struct
{
  const char *key;
  gboolean    number;    /* a guint in 1 … max (0: unset); else an owned string */
  size_t      offset;
  guint       min;
  guint       max;
} Field;

#define TEXT(m) { #m, FALSE, offsetof (LqMetadata, m), 0, 0 }

static const Field fields[] = {
  TEXT (title),
  TEXT (artist),
  TEXT (album),
  { "track", TRUE, offsetof (LqMetadata, track), 1, LQ_METADATA_MAX_TRACK },
  { "year", TRUE, offsetof (LqMetadata, year), LQ_METADATA_MIN_YEAR, LQ_METADATA_MAX_YEAR },
  TEXT (genre),
  TEXT (isrc),
  TEXT (comment),
};

static char **
text_at (const LqMetadata *m,
         const Field      *f)
{
  return (char **) ((char *) m + f->offset);
}

static guint *
number_at (const LqMetadata *m,
           const Field      *f)
{
  return (guint *) ((char *) m + f->offset);
}

static const Field *
field_lookup (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].key, key))
      return &fields[i];
  return NULL;
}

void
lq_metadata_init (LqMetadata *metadata)
{
  memset (metadata, 0, sizeof *metadata);
}

void
lq_metadata_clear (LqMetadata *metadata)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!fields[i].number)
      g_free (*text_at (metadata, &fields[i]));
  lq_metadata_init (metadata);
}

void
lq_metadata_copy (LqMetadata       *dest,
                  const LqMetadata *src)
{
  if (dest == src)
    return;
  lq_metadata_clear (dest);
  lq_metadata_merge (dest, src);
}

void
lq_metadata_merge (LqMetadata       *dest,
                   const LqMetadata *src)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const Field *f = &fields[i];

      if (f->number)
        {
          if (*number_at (src, f) != 0)
            *number_at (dest, f) = *number_at (src, f);
        }
      else if (*text_at (src, f) != NULL)
        {
          g_free (*text_at (dest, f));
          *text_at (dest, f) = g_strdup (*text_at (src, f));
        }
    }
}

gboolean
lq_metadata_is_empty (const LqMetadata *metadata)
{
  LqMetadata empty = { 0 };

  return lq_metadata_equal (metadata, &empty);
}

gboolean
lq_metadata_equal (const LqMetadata *a,
                   const LqMetadata *b)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const Field *f = &fields[i];

      if (f->number ? *number_at (a, f) != *number_at (b, f)
                    : g_strcmp0 (*text_at (a, f), *text_at (b, f)) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
isrc_fail (GError     **error,
           const char  *text,
           const char  *why)
{
  g_set_error (error, LQ_METADATA_ERROR, LQ_METADATA_ERROR_INVALID,
               _("ISRC “%s”: %s (the form is CC-XXX-YY-NNNNN: country, registrant, year, "
                 "designation)"), text, why);
  return FALSE;
}

char *
lq_metadata_normalize_isrc (const char  *text,
                            GError     **error)
{
  /* Where the hyphens of the written form sit, and what each of the 12 characters may be. */
  static const int hyphens[] = { 2, 6, 9 };
  char isrc[13];
  gsize len, n = 0;

  g_return_val_if_fail (text != NULL, NULL);

  len = strlen (text);
  if (len == 15)
    {
      for (guint i = 0; i < G_N_ELEMENTS (hyphens); i++)
        if (text[hyphens[i]] != '-')
          {
            isrc_fail (error, text, _("hyphens go after the 2nd, 5th and 7th characters"));
            return NULL;
          }
    }
  else if (len != 12)
    {
      isrc_fail (error, text, _("it has 12 characters, 15 with hyphens"));
      return NULL;
    }
  for (gsize i = 0; i < len; i++)
    if (len == 12 || (i != 2 && i != 6 && i != 9))
      isrc[n++] = g_ascii_toupper (text[i]);
  isrc[n] = '\0';

  for (gsize i = 0; i < 12; i++)
    {
      gboolean ok = i < 2 ? g_ascii_isupper (isrc[i])
                  : i < 5 ? g_ascii_isupper (isrc[i]) || g_ascii_isdigit (isrc[i])
                  : g_ascii_isdigit (isrc[i]);

      if (!ok)
        {
          isrc_fail (error, text,
                     i < 2 ? _("the country code is two letters")
                     : i < 5 ? _("the registrant code is three letters or digits")
                     : i < 7 ? _("the year is two digits")
                     : _("the designation is five digits"));
          return NULL;
        }
    }
  return g_strdup (isrc);
}

/* message is already formatted: the callers' own strings carry their format checks. */
static gboolean
field_fail (GError      **error,
            const Field  *f,
            const char   *message)
{
  g_set_error (error, LQ_METADATA_ERROR, LQ_METADATA_ERROR_INVALID, "%s: %s", f->key, message);
  return FALSE;
}

static gboolean
check_number (const Field  *f,
              gint64        v,
              GError      **error)
{
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;

  if (v >= f->min && v <= f->max)
    return TRUE;
  /* The number as text: a G_GINT64_FORMAT in the message would cut it short for xgettext. */
  text = g_strdup_printf ("%" G_GINT64_FORMAT, v);
  message = g_strdup_printf (_("%s is outside %u … %u"), text, f->min, f->max);
  return field_fail (error, f, message);
}

/* A string field's value as it is stored, or NULL and an error. */
static char *
check_text (const Field  *f,
            const char   *text,
            GError      **error)
{
  if (!g_utf8_validate (text, -1, NULL))
    {
      field_fail (error, f, _("not valid UTF-8"));
      return NULL;
    }
  if (g_utf8_strlen (text, -1) > LQ_METADATA_MAX_TEXT)
    {
      g_autofree char *message = g_strdup_printf (_("longer than %d characters"),
                                                  LQ_METADATA_MAX_TEXT);

      field_fail (error, f, message);
      return NULL;
    }
  if (g_str_equal (f->key, "isrc"))
    return lq_metadata_normalize_isrc (text, error);
  return g_strdup (text);
}

gboolean
lq_metadata_set_field (LqMetadata  *metadata,
                       const char  *key,
                       const char  *text,
                       GError     **error)
{
  const Field *f = field_lookup (key);

  g_return_val_if_fail (metadata != NULL && key != NULL && text != NULL, FALSE);

  if (f == NULL)
    {
      g_set_error (error, LQ_METADATA_ERROR, LQ_METADATA_ERROR_INVALID,
                   _("unknown metadata field “%s”"), key);
      return FALSE;
    }
  if (f->number)
    {
      char *end = NULL;
      gint64 v = 0;

      if (text[0] != '\0')
        {
          v = g_ascii_strtoll (text, &end, 10);
          if (!g_ascii_isdigit (text[0]) || *end != '\0')
            {
              g_autofree char *message = g_strdup_printf (_("“%s” is not a whole number"), text);

              return field_fail (error, f, message);
            }
          if (!check_number (f, v, error))
            return FALSE;
        }
      *number_at (metadata, f) = (guint) v;
    }
  else
    {
      char *value = NULL;

      if (text[0] != '\0' && !(value = check_text (f, text, error)))
        return FALSE;
      g_free (*text_at (metadata, f));
      *text_at (metadata, f) = value;
    }
  return TRUE;
}

char *
lq_metadata_dup_field (const LqMetadata *metadata,
                       const char       *key)
{
  const Field *f = field_lookup (key);

  g_return_val_if_fail (f != NULL, NULL);

  if (f->number)
    return *number_at (metadata, f) ? g_strdup_printf ("%u", *number_at (metadata, f)) : NULL;
  return g_strdup (*text_at (metadata, f));
}

gboolean
lq_metadata_validate (const LqMetadata  *metadata,
                      GError           **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const Field *f = &fields[i];
      const char *text = f->number ? NULL : *text_at (metadata, f);
      g_autofree char *checked = NULL;

      if (f->number)
        {
          if (*number_at (metadata, f) != 0 && !check_number (f, *number_at (metadata, f), error))
            return FALSE;
        }
      else if (text != NULL && !(checked = check_text (f, text, error)))
        return FALSE;
      else if (checked != NULL && !g_str_equal (checked, text))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not in its normal form “%s”"),
                                                      text, checked);

          return field_fail (error, f, message);
        }
    }
  return TRUE;
}

gboolean
lq_metadata_from_json (JsonNode    *node,
                       LqMetadata  *metadata,
                       GError     **error)
{
  LqMetadata read = { 0 };
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (!lq_json_node_holds (node, JSON_TYPE_OBJECT))
    {
      g_set_error (error, LQ_METADATA_ERROR, LQ_METADATA_ERROR_INVALID, "%s",
                   _("metadata: expected an object of fields"));
      return FALSE;
    }
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l; l = l->next)
    {
      const char *key = l->data;
      const Field *f = field_lookup (key);
      JsonNode *value = json_object_get_member (object, key);

      if (f == NULL)
        {
          g_set_error (error, LQ_METADATA_ERROR, LQ_METADATA_ERROR_INVALID,
                       _("metadata: unknown key “%s”"), key);
          goto fail;
        }
      if (JSON_NODE_HOLDS_NULL (value))
        continue;
      if (f->number)
        {
          if (!lq_json_node_holds (value, G_TYPE_INT64))
            {
              field_fail (error, f, _("expected a whole number"));
              goto fail;
            }
          if (!check_number (f, json_node_get_int (value), error))
            goto fail;
          *number_at (&read, f) = (guint) json_node_get_int (value);
          continue;
        }
      if (!lq_json_node_holds (value, G_TYPE_STRING))
        {
          field_fail (error, f, _("expected a string"));
          goto fail;
        }
      if (!lq_metadata_set_field (&read, key, json_node_get_string (value), error))
        goto fail;
    }
  lq_metadata_clear (metadata);
  *metadata = read;
  return TRUE;
fail:
  lq_metadata_clear (&read);
  return FALSE;
}

static gboolean
read_metadata (JsonNode  *node,
               gpointer   target,
               GError   **error)
{
  return lq_metadata_from_json (node, target, error);
}

gboolean
lq_metadata_from_json_file (const char  *path,
                            LqMetadata  *metadata,
                            GError     **error)
{
  return lq_json_read_file (path, read_metadata, metadata, error);
}

JsonNode *
lq_metadata_to_json (const LqMetadata *metadata)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const Field *f = &fields[i];

      if (f->number ? *number_at (metadata, f) == 0 : *text_at (metadata, f) == NULL)
        continue;
      json_builder_set_member_name (builder, f->key);
      if (f->number)
        json_builder_add_int_value (builder, *number_at (metadata, f));
      else
        json_builder_add_string_value (builder, *text_at (metadata, f));
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ---- the tag writer module --------------------------------------------------------------- */

#define TAG_WRITER_MODULE "lacquer-taglib.so"

typedef gboolean (*WriteFileFunc)  (const char *, LqFileFormat, const LqMetadata *, GError **);
typedef GBytes  *(*TagEncodedFunc) (GBytes *, LqCodecKind, const LqMetadata *, const char *,
                                    GError **);

static struct
{
  GMutex          lock;
  void           *handle;
  WriteFileFunc   write_file;
  TagEncodedFunc  tag_encoded;
} tag_writer;

/* Opens lacquer-taglib.so once, from LACQUER_MODULE_DIR, the installed module directory, or
 * (uninstalled) src/engine beside the binary. Renders may write tags from worker threads. */
static gboolean
load_tag_writer (GError **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&tag_writer.lock);
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *beside = NULL;
  g_autofree char *first_error = NULL;
  const char *dirs[3];
  guint n = 0;

  if (tag_writer.handle != NULL)
    return TRUE;
  if (g_getenv ("LACQUER_MODULE_DIR") != NULL)
    dirs[n++] = g_getenv ("LACQUER_MODULE_DIR");
  dirs[n++] = LQ_MODULEDIR;
  if (exe != NULL)
    {
      g_autofree char *bindir = g_path_get_dirname (exe);

      beside = g_build_filename (bindir, "engine", NULL);
      dirs[n++] = beside;
    }
  for (guint i = 0; i < n && tag_writer.handle == NULL; i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], TAG_WRITER_MODULE, NULL);

      tag_writer.handle = dlopen (path, RTLD_NOW | RTLD_LOCAL);
      if (tag_writer.handle == NULL && first_error == NULL)
        first_error = g_strdup (dlerror ());
    }
  if (tag_writer.handle != NULL)
    {
      tag_writer.write_file = (WriteFileFunc) dlsym (tag_writer.handle, "lq_taglib_write_file");
      tag_writer.tag_encoded = (TagEncodedFunc) dlsym (tag_writer.handle,
                                                       "lq_taglib_tag_encoded");
      if (tag_writer.write_file != NULL && tag_writer.tag_encoded != NULL)
        return TRUE;
      g_free (first_error);
      first_error = g_strdup_printf ("%s: %s", TAG_WRITER_MODULE, dlerror ());
      dlclose (tag_writer.handle);
      tag_writer.handle = NULL;
    }
  g_set_error (error, LQ_METADATA_ERROR, LQ_METADATA_ERROR_WRITE,
               _("The tag writer could not be loaded (%s)"), first_error);
  return FALSE;
}

gboolean
lq_metadata_write_file (const char       *path,
                        LqFileFormat      format,
                        const LqMetadata *metadata,
                        GError          **error)
{
  g_return_val_if_fail (path != NULL && metadata != NULL, FALSE);

  if (lq_metadata_is_empty (metadata))
    return TRUE;
  if (!load_tag_writer (error))
    return FALSE;
  return tag_writer.write_file (path, format, metadata, error);
}

GBytes *
lq_metadata_tag_encoded (GBytes            *encoded,
                         LqCodecKind        kind,
                         const LqMetadata  *metadata,
                         const char        *display,
                         GError           **error)
{
  g_return_val_if_fail (encoded != NULL && metadata != NULL, NULL);

  if (lq_metadata_is_empty (metadata))
    return g_bytes_ref (encoded);
  if (!load_tag_writer (error))
    return NULL;
  return tag_writer.tag_encoded (encoded, kind, metadata, display, error);
}
