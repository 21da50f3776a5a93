/* lq-metadata.h
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

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "lq-codec.h"
#include "lq-presets.h"

G_BEGIN_DECLS

#define LQ_METADATA_ERROR (lq_metadata_error_quark ())

typedef enum
{
  LQ_METADATA_ERROR_INVALID,     /* a value out of range, a malformed ISRC, an unknown key */
  LQ_METADATA_ERROR_WRITE,       /* the tags could not be written into the file */
} LqMetadataError;

#define LQ_METADATA_MAX_TRACK 999
#define LQ_METADATA_MIN_YEAR  1000
#define LQ_METADATA_MAX_YEAR  9999
/* Longer than any title or credit, short enough that no tag format has to split it. */
#define LQ_METADATA_MAX_TEXT  1024

/* The tags of a deliverable. Strings are owned UTF-8, NULL when unset; track and year are 0
 * when unset. The ISRC is held normalised: 12 upper-case characters, no hyphens. */
typedef struct
{
  char  *title;
  char  *artist;
  char  *album;
  guint  track;
  guint  year;
  char  *genre;
  char  *isrc;
  char  *comment;
} LqMetadata;

GQuark    lq_metadata_error_quark     (void);

void      lq_metadata_init            (LqMetadata        *metadata);
void      lq_metadata_clear           (LqMetadata        *metadata);
/* dest (initialised) becomes a deep copy of src. */
void      lq_metadata_copy            (LqMetadata        *dest,
                                       const LqMetadata  *src);
/* Every field src sets replaces dest's (command-line flags over a --metadata file). */
void      lq_metadata_merge           (LqMetadata        *dest,
                                       const LqMetadata  *src);
gboolean  lq_metadata_is_empty        (const LqMetadata  *metadata);
gboolean  lq_metadata_equal           (const LqMetadata  *a,
                                       const LqMetadata  *b);

/* An ISRC (CC-XXX-YY-NNNNN, with or without the hyphens, any case) as its 12 upper-case
 * characters; NULL and an error saying what is wrong with it otherwise. */
char     *lq_metadata_normalize_isrc  (const char        *text,
                                       GError           **error);

/* The field named key ("title", "artist", "album", "track", "year", "genre", "isrc",
 * "comment") set from text, validated; an empty text unsets it. Errors name the field. */
gboolean  lq_metadata_set_field       (LqMetadata        *metadata,
                                       const char        *key,
                                       const char        *text,
                                       GError           **error);
/* The field named key as text (what set_field () takes), or NULL when it is unset. */
char     *lq_metadata_dup_field       (const LqMetadata  *metadata,
                                       const char        *key);
/* Whether every field is in range (a session file's values, say); errors name the field. */
gboolean  lq_metadata_validate        (const LqMetadata  *metadata,
                                       GError           **error);

/* An object of the keys above (track and year as whole numbers, the rest as strings; null
 * or a missing key leaves a field unset). Unknown keys are an error naming the key. */
gboolean  lq_metadata_from_json       (JsonNode          *node,
                                       LqMetadata        *metadata,
                                       GError           **error);
/* Errors start with the file's name. */
gboolean  lq_metadata_from_json_file  (const char        *path,
                                       LqMetadata        *metadata,
                                       GError           **error);
/* Only the fields that are set. */
JsonNode *lq_metadata_to_json         (const LqMetadata  *metadata);

/* Writes the tags into a complete audio file of format at path, with TagLib: Vorbis comments
 * in FLAC; the INFO list and an ID3v2 chunk in WAV (INFO has no ISRC field); an ID3v2 chunk
 * in AIFF. Every field that is set is written or the call fails: none is dropped. An empty
 * metadata leaves the file as it is. */
gboolean  lq_metadata_write_file      (const char        *path,
                                       LqFileFormat       format,
                                       const LqMetadata  *metadata,
                                       GError           **error);

/* An encoded lossy file (lq_codec_encode) with the tags written in, in memory: ID3v2.3 in
 * an MP3, Vorbis comments in Ogg Vorbis and Opus, the ISRC included. display names the file
 * in errors. Every field that is set is written or the call fails. A new reference to
 * encoded when there is nothing to write. */
GBytes   *lq_metadata_tag_encoded     (GBytes            *encoded,
                                       LqCodecKind        kind,
                                       const LqMetadata  *metadata,
                                       const char        *display,
                                       GError           **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LqMetadata, lq_metadata_clear)

G_END_DECLS
