/* lq-session-file.h
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

#include "lq-abx.h"
#include "lq-chain.h"
#include "lq-metadata.h"
#include "lq-snapshot.h"

G_BEGIN_DECLS

/* The `.lacquer` session file (JSON): what a producer expects to find again when reopening a
 * project. Paths are stored relative to the session file's folder, so a project folder can
 * move; absolute paths elsewhere stay absolute. Unknown keys are ignored (a newer Lacquer
 * may add some); a newer format version gives a clear message. A known key of the wrong type,
 * or a number out of range, is an error naming the file and the key; the same ranges are
 * checked on save, so every file Lacquer writes can be read back. */

#define LQ_SESSION_FILE_ERROR (lq_session_file_error_quark ())
#define LQ_SESSION_FILE_VERSION 1
/* Loop points lie within a day; longer is not a mix. */
#define LQ_SESSION_MAX_SECONDS 86400.0

typedef enum
{
  LQ_SESSION_FILE_ERROR_READ,
  LQ_SESSION_FILE_ERROR_SYNTAX,
  LQ_SESSION_FILE_ERROR_VERSION,
  LQ_SESSION_FILE_ERROR_INVALID,
  LQ_SESSION_FILE_ERROR_WRITE,
} LqSessionFileError;

/* A reference's own loop, seconds of that reference (end <= start: none). */
typedef struct
{
  double start;
  double end;
} LqSessionLoop;

typedef struct
{
  char          *mix;               /* absolute path, or NULL */
  GPtrArray     *references;        /* absolute paths (char *) */
  LqChainParams  chain;
  gboolean       match;             /* loudness matching on */
  double         listening_level;   /* LUFS all sources are matched to */
  gboolean       has_loop;
  double         loop_start;        /* seconds */
  double         loop_end;
  char          *target;            /* delivery preset id, or NULL */
  gboolean       has_custom_target; /* "custom_target": the Custom target's numbers */
  double         custom_lufs;
  double         custom_ceiling_dbtp;
  char          *selected;          /* "mix", "master" or "reference:N" */
  gboolean       free_references;   /* "reference_mode": "free" (own position and loop),
                                     * else "sync" (references follow the mix) */
  GArray        *reference_loops;   /* LqSessionLoop per reference (may be shorter) */
  LqAbxTest     *abx;               /* the blind test, or NULL (key "abx") */
  LqSnapshotList *snapshots;        /* named chain snapshots (key "snapshots") */
  LqMetadata     metadata;          /* tags of the exports (key "metadata", lq-metadata.h's
                                     * JSON form; checked like the CLI's --metadata) */
  char          *deliverables;      /* the export's extra files, as `render --also` takes
                                     * them ("wav:16:44100,mp3:320"), or NULL */
  char          *name_pattern;      /* their names, as `render --name-pattern`, or NULL */
} LqSessionData;

GQuark         lq_session_file_error_quark (void);

/* Whether path names a session file (by its `.lacquer` suffix, the MIME type's glob) rather
 * than audio. */
gboolean       lq_session_file_is_session  (const char          *path);

LqSessionData *lq_session_data_new         (void);
void           lq_session_data_free        (LqSessionData       *self);

/* Files that do not exist any more are kept in the data (the UI reports them by name and
 * offers to locate them); missing receives their paths when not NULL. */
LqSessionData *lq_session_file_load        (const char          *path,
                                            GPtrArray          **missing,
                                            GError             **error);

/* Written to a temporary file beside path and renamed into place. Values out of range are an
 * LQ_SESSION_FILE_ERROR_INVALID error and nothing is written. */
gboolean       lq_session_file_save        (const char          *path,
                                            const LqSessionData *data,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LqSessionData, lq_session_data_free)

G_END_DECLS
