/* lq-session.h
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

#include <gio/gio.h>

#include "lq-chain-model.h"
#include "lq-metadata.h"
#include "lq-playback.h"
#include "lq-presets.h"
#include "lq-session-file.h"
#include "lq-snapshot.h"
#include "lq-source-set.h"
#include "lq-undo-stack.h"

G_BEGIN_DECLS

/* The one model of a session, which the window (a view of it) and tests drive: the sources
 * (mix, master, references, the selection and matching), the chain and its undo history,
 * the loop, the delivery target, the session file and whether it has unsaved changes, the
 * autosave, and the loading of files. Files are decoded and analysed once, on a worker; the
 * session changes only when a load finishes, on the main thread, so a failed or cancelled load
 * leaves it as it was. Session files are read and written off the main thread. The playback
 * (if any) is fed from here: sources, chain, loop; the gains and what is heard are its own.
 *
 * Signals: "load-error" (a message naming the file) for each file that could not be loaded,
 * "restored" when a session's files are loaded and its selection and loop applied. */

#define LQ_TYPE_SESSION (lq_session_get_type ())

G_DECLARE_FINAL_TYPE (LqSession, lq_session, LQ, SESSION, GObject)

LqSession     *lq_session_new                 (void);

LqSourceSet   *lq_session_get_sources         (LqSession      *self);
LqChainModel  *lq_session_get_chain           (LqSession      *self);
LqUndoStack   *lq_session_get_undo            (LqSession      *self);
LqPlayback    *lq_session_get_playback        (LqSession      *self);
void           lq_session_set_playback        (LqSession      *self,
                                               LqPlayback     *playback);

/* Named snapshots of the chain, saved with the session. Rename and remove them on the list;
 * any change of it is an unsaved change of the session. */
LqSnapshotList *lq_session_get_snapshots      (LqSession      *self);
/* Stores the chain's parameters as the snapshot at position (the keys address the first
 * four): that snapshot keeps its name; past the end, one is appended with the next free name
 * ("A", "B", …). Returns it (borrowed). */
LqSnapshot    *lq_session_store_snapshot      (LqSession      *self,
                                               guint           position);
/* Puts the parameters of the snapshot at position into the chain as one undo step (none
 * when the chain has them already). FALSE when there is no snapshot there. */
gboolean       lq_session_recall_snapshot     (LqSession      *self,
                                               guint           position);

/* Sends the session's loop and selection to the playback again, after something else drove
 * it for a while (the blind test, a compared master). */
void           lq_session_resync_playback     (LqSession      *self);

/* The last blind A/B/X test, saved with the session (NULL: none). Setting it, the same one
 * included (after an answer), is an unsaved change. */
LqAbxTest     *lq_session_get_abx             (LqSession      *self);
void           lq_session_set_abx             (LqSession      *self,
                                               LqAbxTest      *test);

/* The delivery target (a preset id, or LQ_PRESET_CUSTOM_ID); choosing one sets the
 * limiter's ceiling, one undoable step. Unknown ids are ignored. */
const char    *lq_session_get_target          (LqSession      *self);
void           lq_session_set_target          (LqSession      *self,
                                               const char     *preset_id);
/* The target as a preset: a built-in one, or the Custom target with its numbers. */
const LqPreset *lq_session_get_target_preset  (LqSession      *self);
/* The tags of the exports, saved with the session; setting different ones makes the
 * session dirty. */
const LqMetadata *lq_session_get_metadata     (LqSession      *self);
void           lq_session_set_metadata        (LqSession      *self,
                                               const LqMetadata *metadata);
/* The export's extra files, as `render --also` and `--name-pattern` take them (NULL: none,
 * the default pattern); saved with the session like the tags. */
const char    *lq_session_get_deliverables    (LqSession      *self);
const char    *lq_session_get_name_pattern    (LqSession      *self);
void           lq_session_set_deliverables    (LqSession      *self,
                                               const char     *deliverables,
                                               const char     *name_pattern);
/* The Custom target's numbers (clamped to its ranges), saved with the session; "target" is
 * notified when they change. */
void           lq_session_get_custom_target   (LqSession      *self,
                                               double         *target_lufs,
                                               double         *ceiling_dbtp);
void           lq_session_set_custom_target   (LqSession      *self,
                                               double          target_lufs,
                                               double          ceiling_dbtp);

/* The loop: a region (end <= start: none) and whether playback loops it. Setting a region
 * turns looping on. */
gboolean       lq_session_get_loop            (LqSession      *self,
                                               double         *start,
                                               double         *end);
void           lq_session_set_loop_region     (LqSession      *self,
                                               double          start,
                                               double          end);
void           lq_session_set_loop_enabled    (LqSession      *self,
                                               gboolean        enabled);

/* References in "free" mode keep their own position and their own loop; otherwise ("sync")
 * they follow the mix's position and loop. Saved with the session. */
gboolean       lq_session_get_free_references (LqSession      *self);
void           lq_session_set_free_references (LqSession      *self,
                                               gboolean        free_references);
/* The monitoring mode every source is heard in (lq-monitor.h); not saved. */
LqMonitorMode  lq_session_get_monitor_mode    (LqSession      *self);
void           lq_session_set_monitor_mode    (LqSession      *self,
                                               LqMonitorMode   mode);
/* Listen as a streaming service (an lq-platforms.h id), or NULL for matched playback;
 * an unknown id is ignored. Not saved. */
const char    *lq_session_get_listen_as       (LqSession      *self);
void           lq_session_set_listen_as       (LqSession      *self,
                                               const char     *platform_id);
/* The own loop of the reference at index in the sources (seconds of that reference, clamped
 * to it; end <= start removes it). It stays with its reference when references move. */
gboolean       lq_session_get_reference_loop  (LqSession      *self,
                                               guint           index,
                                               double         *start,
                                               double         *end);
void           lq_session_set_reference_loop  (LqSession      *self,
                                               guint           index,
                                               double          start,
                                               double          end);

/* Removing and moving a reference (list positions, >= LQ_SOURCE_SET_FIRST_REFERENCE), each
 * one undoable step: undoing a removal puts the same source back in its place, with its own
 * loop and its selection. */
void           lq_session_remove_reference    (LqSession      *self,
                                               int             index);
void           lq_session_move_reference      (LqSession      *self,
                                               int             from,
                                               int             to);

/* The session file (NULL: untitled), its display name (or the mix's title), and unsaved
 * changes. */
const char    *lq_session_get_path            (LqSession      *self);
char          *lq_session_dup_name            (LqSession      *self);
gboolean       lq_session_get_dirty           (LqSession      *self);

/* Loading. paths load in order; with replace_mix the first becomes the mix; demo generates the
 * built-in demo first. Jobs queue; "busy" is TRUE until the last ends. */
void           lq_session_load_files          (LqSession      *self,
                                               const char *const *paths,
                                               guint           n_paths,
                                               gboolean        replace_mix,
                                               gboolean        demo);
void           lq_session_cancel_load         (LqSession      *self);
gboolean       lq_session_get_busy            (LqSession      *self);
/* What the running load does: fraction of the job done, and the file being analysed (NULL
 * while generating the demo or starting). FALSE when idle. Main thread. */
gboolean       lq_session_get_load_progress   (LqSession      *self,
                                               double         *fraction,
                                               char          **current_path,
                                               gboolean       *demo);

/* Session files. */
LqSessionData *lq_session_dup_data            (LqSession      *self);
/* Applies data (from path, or NULL for a recovered autosave, which stays unsaved) and loads
 * its files; "restored" follows. */
void           lq_session_restore             (LqSession      *self,
                                               LqSessionData  *data,
                                               const char     *path);
void           lq_session_read_async          (const char     *path,
                                               GCancellable   *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer        user_data);
/* missing receives the paths of files that no longer exist. */
LqSessionData *lq_session_read_finish         (GAsyncResult   *result,
                                               GPtrArray     **missing,
                                               GError        **error);
/* The same, blocking (for tests and scripts). */
gboolean       lq_session_save                (LqSession      *self,
                                               const char     *path,
                                               GError        **error);
/* Writes the session to path on a worker; on success path becomes the session's file and the
 * session is clean. */
void           lq_session_save_async          (LqSession      *self,
                                               const char     *path,
                                               GCancellable   *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer        user_data);
gboolean       lq_session_save_finish         (LqSession      *self,
                                               GAsyncResult   *result,
                                               GError        **error);

/* The autosave file (written a moment after each change, off the main thread, removed when the
 * session is saved or closed clean). NULL turns autosave off. */
void           lq_session_set_autosave_path   (LqSession      *self,
                                               const char     *path);
const char    *lq_session_get_autosave_path   (LqSession      *self);
/* Writes a pending autosave now (blocking; for closing and tests). */
void           lq_session_flush_autosave      (LqSession      *self);
/* Removes the autosave file (the session is being closed or discarded). */
void           lq_session_discard_autosave    (LqSession      *self);

G_END_DECLS
