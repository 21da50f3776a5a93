/* lq-session.c
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

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lq-abx-private.h"
#include "lq-demo.h"
#include "lq-platforms.h"
#include "lq-player-playback.h"
#include "lq-presets.h"
#include "lq-session.h"

/* Long enough to gather a drag into one write, short enough to lose little in a crash. */
#define AUTOSAVE_DELAY_MS 2000

typedef struct
{
  GPtrArray    *paths;            /* char *; filled in by the worker for the demo */
  gboolean      replace_mix;
  gboolean      demo;
  gboolean      new_session;      /* the session was empty when the job started */
  GCancellable *cancellable;

  /* worker → main thread */
  gint          permille;         /* atomic: progress of the whole job */
  gint          current;          /* atomic: index of the file being analysed, -1 first */

  /* results, read after the task completes */
  LqSource     *mix;
  GPtrArray    *references;       /* LqSource */
  GPtrArray    *errors;           /* GError */
} LoadJob;

struct _LqSession
{
  GObject        parent_instance;

  LqSourceSet   *sources;
  LqChainModel  *chain;
  LqUndoStack   *undo;
  LqSnapshotList *snapshots;
  LqAbxTest     *abx;             /* the last blind test, or NULL */
  LqPlayback    *playback;
  char          *target;
  LqPreset       custom;          /* the Custom target, with its numbers */
  LqMetadata     metadata;        /* tags of the exports */
  char          *deliverables;    /* the export's extra files (lq-deliverable's list) */
  char          *name_pattern;

  gboolean       loop;
  double         loop_start;
  double         loop_end;

  gboolean       free_references;
  LqMonitorMode  monitor_mode;
  char          *listen_as;
  GHashTable    *ref_loops;       /* LqSource (a reference) -> LqSessionLoop, its own loop */

  char          *path;            /* NULL: untitled */
  gboolean       dirty;
  gboolean       restoring;       /* applying a session file: no dirt, no ceiling from target */
  LqSessionData *pending;         /* a session whose files are loading */

  char          *autosave_path;
  guint          autosave_id;
  gint           autosave_discarded; /* atomic: discarded since the write in flight began */
  gboolean       autosave_writing;
  gboolean       autosave_again;

  GQueue         jobs;            /* LoadJob, the head is running */
  gboolean       busy;
};

G_DEFINE_FINAL_TYPE (LqSession, lq_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SOURCES,
  PROP_CHAIN,
  PROP_UNDO,
  PROP_PLAYBACK,
  PROP_TARGET,
  PROP_LOOP,
  PROP_LOOP_START,
  PROP_LOOP_END,
  PROP_FREE_REFERENCES,
  PROP_PATH,
  PROP_DIRTY,
  PROP_BUSY,
  PROP_MONITOR_MODE,
  PROP_LISTEN_AS,
  N_PROPS
};

enum {
  SIGNAL_LOAD_ERROR,
  SIGNAL_RESTORED,
  SIGNAL_MASTER_MEASURED,
  SIGNAL_REFERENCE_LOOP_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void start_next_job (LqSession *self);

/* ---- dirt and autosave ------------------------------------------------------------------ */

static void
autosave_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LqSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_debug ("Autosave to %s failed: %s", self->autosave_path, error->message);
  self->autosave_writing = FALSE;
  /* Saved or discarded meanwhile: the file this write made must not outlive that. */
  if ((!self->dirty || g_atomic_int_get (&self->autosave_discarded))
      && self->autosave_path != NULL)
    g_unlink (self->autosave_path);
  if (self->autosave_again)
    {
      self->autosave_again = FALSE;
      lq_session_flush_autosave (self);
    }
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  GError *error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", dir,
                               g_strerror (saved));
      return;
    }
  if (lq_session_file_save (path, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* An autosave discarded while it was being written is removed by the worker itself, right
 * after the write: the application may quit before the callback would run. */
static void
autosave_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  LqSession *self = source_object;

  write_thread (task, source_object, task_data, cancellable);
  if (g_atomic_int_get (&self->autosave_discarded))
    g_unlink (g_object_get_data (G_OBJECT (task), "path"));
}

/* The session as data (collected on the main thread) written to path on a worker. */
static void
write_async (LqSession           *self,
             const char          *path,
             GTaskThreadFunc      thread,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, write_async);
  g_task_set_task_data (task, lq_session_dup_data (self), (GDestroyNotify) lq_session_data_free);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (path), g_free);
  g_task_run_in_thread (task, thread);
}

static gboolean
autosave_cb (gpointer user_data)
{
  LqSession *self = user_data;

  self->autosave_id = 0;
  lq_session_flush_autosave (self);
  return G_SOURCE_REMOVE;
}

static void
set_dirty (LqSession *self,
           gboolean   dirty)
{
  if (dirty && (self->restoring || lq_source_set_get_mix (self->sources) == NULL))
    return;
  if (dirty && self->autosave_path != NULL)
    {
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      self->autosave_id = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_cb, self);
    }
  if (self->dirty == dirty)
    return;
  self->dirty = dirty;
  if (!dirty)
    lq_session_discard_autosave (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DIRTY]);
}

/* ---- feeding the playback --------------------------------------------------------------- */

/* The views read each source's gain from the source; the player owns it, so it is copied
 * from there, never worked out here. */
static void
mirror_gains (LqSession *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));

  if (self->playback == NULL)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LqSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);
      double gain;

      if (lq_playback_get_gain (self->playback, i, &gain))
        lq_source_set_matched_gain (source, gain);
    }
}

/* The master's readouts are its own: the player re-measures it (the whole analysis) after
 * every chain change, and the master source shows that until the next one. */
static void
master_measured_cb (LqSession *self,
                    LqPlayer  *player)
{
  g_autoptr(LqSource) master = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->sources)) > LQ_SOURCE_SET_MASTER)
    master = g_list_model_get_item (G_LIST_MODEL (self->sources), LQ_SOURCE_SET_MASTER);
  if (master == NULL)
    return;
  lq_source_set_master_result (master,
                               (LqAnalysisResult *) lq_player_get_master_analysis (player));
  g_signal_emit (self, signals [SIGNAL_MASTER_MEASURED], 0);
}

static void
push_chain (LqSession *self)
{
  if (self->playback != NULL)
    lq_playback_set_chain (self->playback, lq_chain_model_get_params (self->chain));
}

static void
push_loop (LqSession *self)
{
  if (self->playback == NULL)
    return;
  if (self->loop && self->loop_end > self->loop_start)
    lq_playback_set_loop (self->playback, self->loop_start, self->loop_end);
  else
    lq_playback_set_loop (self->playback, 0.0, 0.0);
}

static const LqSessionLoop *
reference_loop_at (LqSession *self,
                   guint      index)
{
  g_autoptr(LqSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), index);

  return source ? g_hash_table_lookup (self->ref_loops, source) : NULL;
}

/* Each reference's own loop, by its place in the list now. */
static void
push_reference_loops (LqSession *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));

  if (self->playback == NULL)
    return;
  lq_playback_set_free_references (self->playback, self->free_references);
  for (guint i = LQ_SOURCE_SET_FIRST_REFERENCE; i < n; i++)
    {
      const LqSessionLoop *loop = reference_loop_at (self, i);

      lq_playback_set_reference_loop (self->playback, i, loop ? loop->start : 0.0,
                                      loop ? loop->end : 0.0);
    }
}

/* Loops of references no longer in the session go with them. */
static void
prune_reference_loops (LqSession *self)
{
  GHashTableIter iter;
  gpointer key;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));

  g_hash_table_iter_init (&iter, self->ref_loops);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gboolean found = FALSE;

      for (guint i = LQ_SOURCE_SET_FIRST_REFERENCE; i < n && !found; i++)
        {
          g_autoptr(LqSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

          found = source == key;
        }
      if (!found)
        g_hash_table_iter_remove (&iter);
    }
}

static void
push_selection (LqSession *self)
{
  LqSource *selected = lq_source_set_get_selected (self->sources);

  if (self->playback != NULL && selected != NULL)
    lq_playback_select (self->playback, (guint) lq_source_set_get_selected_index (self->sources),
                        lq_source_get_matched_gain (selected));
}

static void
push_matching (LqSession *self)
{
  if (self->playback != NULL)
    lq_playback_set_matching (self->playback, lq_source_set_get_loudness_match (self->sources),
                              lq_source_set_get_listening_level (self->sources));
  push_selection (self);
}

static void
chain_changed_cb (LqSession    *self,
                  LqChainModel *chain)
{
  push_chain (self);
  set_dirty (self, TRUE);
}

static void
sources_changed_cb (LqSession   *self,
                    guint        position,
                    guint        removed,
                    guint        added,
                    LqSourceSet *sources)
{
  prune_reference_loops (self);
  if (self->playback != NULL)
    lq_playback_set_sources (self->playback, G_LIST_MODEL (sources));
  push_reference_loops (self);
  mirror_gains (self);
  /* A new mix starts a new, untitled session; references change a saved one. */
  if (self->path != NULL)
    set_dirty (self, TRUE);
}

static void
snapshots_changed_cb (LqSession *self)
{
  set_dirty (self, TRUE);
}

static void
sources_notify_matching_cb (LqSession *self)
{
  push_matching (self);
  mirror_gains (self);
}

/* ---- loading ---------------------------------------------------------------------------- */

static void
load_job_free (LoadJob *job)
{
  g_clear_pointer (&job->paths, g_ptr_array_unref);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->mix);
  g_clear_pointer (&job->references, g_ptr_array_unref);
  g_clear_pointer (&job->errors, g_ptr_array_unref);
  g_free (job);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  LoadJob *job = user_data;
  int current = MAX (g_atomic_int_get (&job->current), 0);
  guint n = MAX (job->paths->len, 1);

  g_atomic_int_set (&job->permille, (gint) (1000.0 * (current + fraction) / n));
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;

  if (job->demo)
    {
      GError *error = NULL;
      char *mix = NULL, *reference = NULL;

      if (!lq_demo_ensure (NULL, &mix, &reference, &error))
        {
          g_ptr_array_add (job->errors, error);
          g_task_return_boolean (task, TRUE);
          return;
        }
      g_ptr_array_add (job->paths, mix);
      g_ptr_array_add (job->paths, reference);
    }

  for (guint i = 0; i < job->paths->len; i++)
    {
      const char *path = g_ptr_array_index (job->paths, i);
      gboolean is_mix = job->replace_mix && i == 0;
      GError *error = NULL;
      LqSource *source;

      g_atomic_int_set (&job->current, (gint) i);
      source = lq_source_load (path, is_mix ? LQ_SOURCE_KIND_MIX : LQ_SOURCE_KIND_REFERENCE,
                               cancellable, progress_cb, job, &error);
      if (source == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_task_return_error (task, error);
              return;
            }
          g_ptr_array_add (job->errors, error);
          /* Without its mix a new session has nothing to hang references on. */
          if (is_mix && job->new_session)
            break;
          continue;
        }
      if (is_mix)
        job->mix = source;
      else
        g_ptr_array_add (job->references, source);
    }
  g_task_return_boolean (task, TRUE);
}

static void
apply_job (LqSession *self,
           LoadJob   *job)
{
  if (job->mix != NULL)
    lq_source_set_set_mix (self->sources, job->mix);
  if (!lq_source_set_is_empty (self->sources))
    for (guint i = 0; i < job->references->len; i++)
      lq_source_set_add_reference (self->sources, g_ptr_array_index (job->references, i));
  for (guint i = 0; i < job->errors->len; i++)
    {
      const GError *error = g_ptr_array_index (job->errors, i);

      g_signal_emit (self, signals [SIGNAL_LOAD_ERROR], 0, error->message);
    }
}

/* The files of a session being restored are in: its selection and loop, a fresh history. */
static void
finish_restore (LqSession *self)
{
  LqSessionData *data = g_steal_pointer (&self->pending);
  int selected = -1;

  if (data->has_loop)
    {
      lq_session_set_loop_region (self, data->loop_start, data->loop_end);
      lq_session_set_loop_enabled (self, TRUE);
    }
  if (g_strcmp0 (data->selected, "master") == 0)
    selected = LQ_SOURCE_SET_MASTER;
  else if (g_strcmp0 (data->selected, "mix") == 0)
    selected = LQ_SOURCE_SET_MIX;
  else if (data->selected != NULL && g_str_has_prefix (data->selected, "reference:"))
    {
      guint64 n = 0;

      if (g_ascii_string_to_unsigned (data->selected + strlen ("reference:"), 10, 0, 1000, &n,
                                      NULL))
        selected = LQ_SOURCE_SET_FIRST_REFERENCE + (int) n;
    }
  if (selected >= 0)
    lq_source_set_select (self->sources, selected);
  for (guint i = 0; i < data->reference_loops->len; i++)
    {
      const LqSessionLoop *loop = &g_array_index (data->reference_loops, LqSessionLoop, i);

      if (loop->end > loop->start)
        lq_session_set_reference_loop (self, LQ_SOURCE_SET_FIRST_REFERENCE + i, loop->start,
                                       loop->end);
    }

  self->restoring = FALSE;
  lq_undo_stack_clear (self->undo);
  /* A recovered session has no file: it stays unsaved. */
  self->dirty = TRUE;
  set_dirty (self, self->path == NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DIRTY]);
  lq_session_data_free (data);
  g_signal_emit (self, signals [SIGNAL_RESTORED], 0);
}

static void
set_busy (LqSession *self,
          gboolean   busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
  if (!busy && self->pending != NULL)
    finish_restore (self);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LqSession) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadJob *job = g_task_get_task_data (G_TASK (result));

  g_assert (job == g_queue_peek_head (&self->jobs));
  g_queue_pop_head (&self->jobs);

  /* A session disposed meanwhile only frees what the job made. */
  if (self->sources == NULL)
    {
      load_job_free (job);
      return;
    }
  if (g_task_propagate_boolean (G_TASK (result), &error))
    apply_job (self, job);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals [SIGNAL_LOAD_ERROR], 0, error->message);
  load_job_free (job);
  start_next_job (self);
}

static void
start_next_job (LqSession *self)
{
  LoadJob *job = g_queue_peek_head (&self->jobs);
  g_autoptr(GTask) task = NULL;

  if (job == NULL)
    {
      set_busy (self, FALSE);
      return;
    }
  job->new_session = lq_source_set_is_empty (self->sources);
  task = g_task_new (NULL, job->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, lq_session_load_files);
  /* The queue owns the job; the task only borrows it. */
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, load_thread);
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
lq_session_dispose (GObject *object)
{
  LqSession *self = (LqSession *) object;

  lq_session_cancel_load (self);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  lq_session_set_playback (self, NULL);
  g_clear_object (&self->undo);
  if (self->snapshots != NULL)
    g_signal_handlers_disconnect_by_data (self->snapshots, self);
  g_clear_object (&self->snapshots);
  g_clear_object (&self->abx);
  if (self->chain != NULL)
    g_signal_handlers_disconnect_by_data (self->chain, self);
  g_clear_object (&self->chain);
  if (self->sources != NULL)
    g_signal_handlers_disconnect_by_data (self->sources, self);
  g_clear_object (&self->sources);

  G_OBJECT_CLASS (lq_session_parent_class)->dispose (object);
}

static void
lq_session_finalize (GObject *object)
{
  LqSession *self = (LqSession *) object;

  g_clear_pointer (&self->pending, lq_session_data_free);
  g_free (self->target);
  lq_metadata_clear (&self->metadata);
  g_clear_pointer (&self->deliverables, g_free);
  g_clear_pointer (&self->name_pattern, g_free);
  g_free (self->path);
  g_free (self->autosave_path);
  g_free (self->listen_as);
  g_hash_table_unref (self->ref_loops);

  G_OBJECT_CLASS (lq_session_parent_class)->finalize (object);
}

static void
lq_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LqSession *self = LQ_SESSION (object);

  switch (prop_id)
    {
    case PROP_SOURCES:
      g_value_set_object (value, self->sources);
      break;
    case PROP_CHAIN:
      g_value_set_object (value, self->chain);
      break;
    case PROP_UNDO:
      g_value_set_object (value, self->undo);
      break;
    case PROP_PLAYBACK:
      g_value_set_object (value, self->playback);
      break;
    case PROP_TARGET:
      g_value_set_string (value, self->target);
      break;
    case PROP_LOOP:
      g_value_set_boolean (value, self->loop);
      break;
    case PROP_LOOP_START:
      g_value_set_double (value, self->loop_start);
      break;
    case PROP_LOOP_END:
      g_value_set_double (value, self->loop_end);
      break;
    case PROP_FREE_REFERENCES:
      g_value_set_boolean (value, self->free_references);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    case PROP_MONITOR_MODE:
      g_value_set_enum (value, self->monitor_mode);
      break;
    case PROP_LISTEN_AS:
      g_value_set_string (value, self->listen_as);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LqSession *self = LQ_SESSION (object);

  switch (prop_id)
    {
    case PROP_PLAYBACK:
      lq_session_set_playback (self, g_value_get_object (value));
      break;
    case PROP_TARGET:
      lq_session_set_target (self, g_value_get_string (value));
      break;
    case PROP_LOOP:
      lq_session_set_loop_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_FREE_REFERENCES:
      lq_session_set_free_references (self, g_value_get_boolean (value));
      break;
    case PROP_MONITOR_MODE:
      lq_session_set_monitor_mode (self, g_value_get_enum (value));
      break;
    case PROP_LISTEN_AS:
      lq_session_set_listen_as (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_session_class_init (LqSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lq_session_dispose;
  object_class->finalize = lq_session_finalize;
  object_class->get_property = lq_session_get_property;
  object_class->set_property = lq_session_set_property;

  properties [PROP_SOURCES] =
    g_param_spec_object ("sources", NULL, NULL, LQ_TYPE_SOURCE_SET, ro);
  properties [PROP_CHAIN] =
    g_param_spec_object ("chain", NULL, NULL, LQ_TYPE_CHAIN_MODEL, ro);
  properties [PROP_UNDO] =
    g_param_spec_object ("undo", NULL, NULL, LQ_TYPE_UNDO_STACK, ro);
  properties [PROP_PLAYBACK] =
    g_param_spec_object ("playback", NULL, NULL, LQ_TYPE_PLAYBACK, rw);
  properties [PROP_TARGET] =
    g_param_spec_string ("target", NULL, NULL, "spotify", rw);
  properties [PROP_LOOP] =
    g_param_spec_boolean ("loop", NULL, NULL, FALSE, rw);
  properties [PROP_LOOP_START] =
    g_param_spec_double ("loop-start", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0, ro);
  properties [PROP_LOOP_END] =
    g_param_spec_double ("loop-end", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0, ro);
  /* References keep their own position and loop ("free") or follow the mix ("sync"). */
  properties [PROP_FREE_REFERENCES] =
    g_param_spec_boolean ("free-references", NULL, NULL, FALSE, rw);
  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, ro);
  properties [PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE, ro);
  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  /* How every source reaches the loudspeakers: a way of listening, not part of the work, so
   * it is neither saved nor makes the session dirty. */
  properties [PROP_MONITOR_MODE] =
    g_param_spec_enum ("monitor-mode", NULL, NULL, LQ_TYPE_MONITOR_MODE, LQ_MONITOR_STEREO, rw);
  /* Listen as a streaming service (an lq-platforms.h id) instead of matching; NULL:
   * matched. A way of listening too: not saved. */
  properties [PROP_LISTEN_AS] =
    g_param_spec_string ("listen-as", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [SIGNAL_LOAD_ERROR] =
    g_signal_new ("load-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The master source holds the master's own analysis now. */
  signals [SIGNAL_MASTER_MEASURED] =
    g_signal_new ("master-measured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  /* A reference's own loop changed (its index in the sources). */
  signals [SIGNAL_REFERENCE_LOOP_CHANGED] =
    g_signal_new ("reference-loop-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals [SIGNAL_RESTORED] =
    g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
lq_session_init (LqSession *self)
{
  self->target = g_strdup ("spotify");
  lq_preset_init_custom (&self->custom, LQ_CUSTOM_LUFS_DEFAULT, LQ_CUSTOM_CEILING_DEFAULT);
  self->sources = lq_source_set_new ();
  self->ref_loops = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->chain = lq_chain_model_new ();
  self->undo = lq_undo_stack_new (self->chain);
  self->snapshots = lq_snapshot_list_new ();
  g_signal_connect_object (self->snapshots, "items-changed", G_CALLBACK (snapshots_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_queue_init (&self->jobs);

  g_signal_connect_object (self->chain, "changed", G_CALLBACK (chain_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sources, "items-changed", G_CALLBACK (sources_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sources, "notify::selected-index",
                           G_CALLBACK (push_selection), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sources, "notify::loudness-match",
                           G_CALLBACK (sources_notify_matching_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sources, "notify::listening-level",
                           G_CALLBACK (sources_notify_matching_cb), self, G_CONNECT_SWAPPED);
}

/* ---- public API ------------------------------------------------------------------------- */

LqSession *
lq_session_new (void)
{
  return g_object_new (LQ_TYPE_SESSION, NULL);
}

LqSourceSet *
lq_session_get_sources (LqSession *self)
{
  g_return_val_if_fail (LQ_IS_SESSION (self), NULL);
  return self->sources;
}

LqChainModel *
lq_session_get_chain (LqSession *self)
{
  g_return_val_if_fail (LQ_IS_SESSION (self), NULL);
  return self->chain;
}

LqUndoStack *
lq_session_get_undo (LqSession *self)
{
  g_return_val_if_fail (LQ_IS_SESSION (self), NULL);
  return self->undo;
}

LqPlayback *
lq_session_get_playback (LqSession *self)
{
  g_return_val_if_fail (LQ_IS_SESSION (self), NULL);
  return self->playback;
}

void
lq_session_set_playback (LqSession  *self,
                         LqPlayback *playback)
{
  g_return_if_fail (LQ_IS_SESSION (self));
  g_return_if_fail (!playback || LQ_IS_PLAYBACK (playback));

  if (self->playback == playback)
    return;
  if (self->playback != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->playback, self);
      if (LQ_IS_PLAYER_PLAYBACK (self->playback))
        g_signal_handlers_disconnect_by_data (
          lq_player_playback_get_player (LQ_PLAYER_PLAYBACK (self->playback)), self);
    }
  g_set_object (&self->playback, playback);
  if (playback != NULL)
    {
      g_signal_connect_swapped (playback, "gains-changed", G_CALLBACK (mirror_gains), self);
      if (LQ_IS_PLAYER_PLAYBACK (playback))
        g_signal_connect_swapped (lq_player_playback_get_player (LQ_PLAYER_PLAYBACK (playback)),
                                  "master-measured", G_CALLBACK (master_measured_cb), self);
      push_chain (self);
      lq_playback_set_sources (playback, G_LIST_MODEL (self->sources));
      push_matching (self);
      push_loop (self);
      push_reference_loops (self);
      lq_playback_set_monitor_mode (playback, self->monitor_mode);
      lq_playback_set_listen_as (playback, self->listen_as);
      mirror_gains (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PLAYBACK]);
}

LqSnapshotList *
lq_session_get_snapshots (LqSession *self)
{
  g_return_val_if_fail (LQ_IS_SESSION (self), NULL);

  return self->snapshots;
}

LqSnapshot *
lq_session_store_snapshot (LqSession *self,
                           guint      position)
{
  LqSnapshot *old;
  g_autofree char *name = NULL;

  g_return_val_if_fail (LQ_IS_SESSION (self), NULL);

  old = lq_snapshot_list_get (self->snapshots, position);
  name = old ? g_strdup (lq_snapshot_get_name (old))
             : lq_snapshot_list_dup_free_name (self->snapshots);
  return lq_snapshot_list_store (self->snapshots, name, lq_chain_model_get_params (self->chain),
                                 NULL);
}

gboolean
lq_session_recall_snapshot (LqSession *self,
                            guint      position)
{
  LqSnapshot *snapshot;

  g_return_val_if_fail (LQ_IS_SESSION (self), FALSE);

  if (!(snapshot = lq_snapshot_list_get (self->snapshots, position)))
    return FALSE;
  /* One "changed" of the model, so one step of the undo stack. */
  lq_chain_model_set_params (self->chain, lq_snapshot_get_params (snapshot));
  return TRUE;
}

void
lq_session_resync_playback (LqSession *self)
{
  g_return_if_fail (LQ_IS_SESSION (self));

  push_loop (self);
  push_selection (self);
}

LqAbxTest *
lq_session_get_abx (LqSession *self)
{
  g_return_val_if_fail (LQ_IS_SESSION (self), NULL);

  return self->abx;
}

void
lq_session_set_abx (LqSession *self,
                    LqAbxTest *test)
{
  g_return_if_fail (LQ_IS_SESSION (self));
  g_return_if_fail (test == NULL || LQ_IS_ABX_TEST (test));

  /* The same test again is news too: it has been answered further. */
  g_set_object (&self->abx, test);
  set_dirty (self, TRUE);
}

const char *
lq_session_get_target (LqSession *self)
{
  g_return_val_if_fail (LQ_IS_SESSION (self), NULL);
  return self->target;
}

void
lq_session_set_target (LqSession  *self,
                       const char *preset_id)
{
  const LqPreset *preset;

  g_return_if_fail (LQ_IS_SESSION (self));

  if (preset_id == NULL || g_strcmp0 (self->target, preset_id) == 0)
    return;
  if ((preset = lq_presets_lookup_with_custom (preset_id, &self->custom)) == NULL)
    return;
  g_free (self->target);
  self->target = g_strdup (preset_id);
  /* Choosing a delivery target sets the limiter's ceiling (one undoable step). */
  if (!self->restoring && isfinite (preset->ceiling_dbtp))
    g_object_set (self->chain, "limiter-ceiling-db", preset->ceiling_dbtp, NULL);
  set_dirty (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TARGET]);
}

const LqMetadata *
lq_session_get_metadata (LqSession *self)
{
  g_return_val_if_fail (LQ_IS_SESSION (self), NULL);

  return &self->metadata;
}

void
lq_session_set_metadata (LqSession        *self,
                         const LqMetadata *metadata)
{
  g_return_if_fail (LQ_IS_SESSION (self));
  g_return_if_fail (metadata != NULL);

  if (lq_metadata_equal (&self->metadata, metadata))
    return;
  lq_metadata_copy (&self->metadata, metadata);
  set_dirty (self, TRUE);
}

const char *
lq_session_get_deliverables (LqSession *self)
{
  g_return_val_if_fail (LQ_IS_SESSION (self), NULL);

  return self->deliverables;
}

const char *
lq_session_get_name_pattern (LqSession *self)
{
  g_return_val_if_fail (LQ_IS_SESSION (self), NULL);

  return self->name_pattern;
}

void
lq_session_set_deliverables (LqSession  *self,
                             const char *deliverables,
                             const char *name_pattern)
{
  g_return_if_fail (LQ_IS_SESSION (self));

  if (g_strcmp0 (self->deliverables, deliverables) == 0
      && g_strcmp0 (self->name_pattern, name_pattern) == 0)
    return;
  g_free (self->deliverables);
  self->deliverables = g_strdup (deliverables);
  g_free (self->name_pattern);
  self->name_pattern = g_strdup (name_pattern);
  set_dirty (self, TRUE);
}

const LqPreset *
lq_session_get_target_preset (LqSession *self)
{
  g_return_val_if_fail (LQ_IS_SESSION (self), NULL);

  return lq_presets_lookup_with_custom (self->target, &self->custom);
}

void
lq_session_get_custom_target (LqSession *self,
                              double    *target_lufs,
                              double    *ceiling_dbtp)
{
  g_return_if_fail (LQ_IS_SESSION (self));

  if (target_lufs)
    *target_lufs = self->custom.target_lufs;
  if (ceiling_dbtp)
    *ceiling_dbtp = self->custom.ceiling_dbtp;
}

void
lq_session_set_custom_target (LqSession *self,
                              double     target_lufs,
                              double     ceiling_dbtp)
{
  LqPreset custom;

  g_return_if_fail (LQ_IS_SESSION (self));

  lq_preset_init_custom (&custom, target_lufs, ceiling_dbtp);
  if (custom.target_lufs == self->custom.target_lufs
      && custom.ceiling_dbtp == self->custom.ceiling_dbtp)
    return;
  self->custom = custom;
  /* As choosing it would: the limiter's ceiling follows the custom one. */
  if (!self->restoring && g_strcmp0 (self->target, LQ_PRESET_CUSTOM_ID) == 0)
    g_object_set (self->chain, "limiter-ceiling-db", custom.ceiling_dbtp, NULL);
  set_dirty (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TARGET]);
}

gboolean
lq_session_get_loop (LqSession *self,
                     double    *start,
                     double    *end)
{
  g_return_val_if_fail (LQ_IS_SESSION (self), FALSE);

  if (start)
    *start = self->loop_start;
  if (end)
    *end = self->loop_end;
  return self->loop;
}

void
lq_session_set_loop_region (LqSession *self,
                            double     start,
                            double     end)
{
  g_return_if_fail (LQ_IS_SESSION (self));

  if (!isfinite (start) || !isfinite (end) || end <= start)
    start = end = 0.0;
  start = CLAMP (start, 0.0, LQ_SESSION_MAX_SECONDS);
  end = CLAMP (end, 0.0, LQ_SESSION_MAX_SECONDS);
  if (start == self->loop_start && end == self->loop_end)
    return;
  self->loop_start = start;
  self->loop_end = end;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOOP_START]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOOP_END]);
  /* Marking a region is asking for a loop. */
  if (end > start && !self->loop)
    lq_session_set_loop_enabled (self, TRUE);
  else
    push_loop (self);
  set_dirty (self, TRUE);
}

void
lq_session_set_loop_enabled (LqSession *self,
                             gboolean   enabled)
{
  g_return_if_fail (LQ_IS_SESSION (self));

  enabled = !!enabled;
  if (self->loop == enabled)
    return;
  self->loop = enabled;
  push_loop (self);
  set_dirty (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOOP]);
}

const char *
lq_session_get_path (LqSession *self)
{
  g_return_val_if_fail (LQ_IS_SESSION (self), NULL);
  return self->path;
}

char *
lq_session_dup_name (LqSession *self)
{
  LqSource *mix;

  g_return_val_if_fail (LQ_IS_SESSION (self), NULL);

  if (self->path != NULL)
    {
      g_autofree char *base = g_path_get_basename (self->path);
      g_autofree char *display = g_filename_display_name (base);
      char *dot = strrchr (display, '.');

      if (dot != NULL && dot != display)
        *dot = '\0';
      return g_steal_pointer (&display);
    }
  mix = lq_source_set_get_mix (self->sources);
  return mix ? g_strdup (lq_source_get_title (mix)) : NULL;
}

gboolean
lq_session_get_dirty (LqSession *self)
{
  g_return_val_if_fail (LQ_IS_SESSION (self), FALSE);
  return self->dirty;
}

void
lq_session_load_files (LqSession         *self,
                       const char *const *paths,
                       guint              n_paths,
                       gboolean           replace_mix,
                       gboolean           demo)
{
  LoadJob *job;
  gboolean idle;

  g_return_if_fail (LQ_IS_SESSION (self));
  g_return_if_fail (n_paths == 0 || paths != NULL);

  job = g_new0 (LoadJob, 1);
  job->paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_paths; i++)
    g_ptr_array_add (job->paths, g_strdup (paths[i]));
  job->replace_mix = replace_mix;
  job->demo = demo;
  job->cancellable = g_cancellable_new ();
  job->current = -1;
  job->references = g_ptr_array_new_with_free_func (g_object_unref);
  job->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  idle = g_queue_is_empty (&self->jobs);
  g_queue_push_tail (&self->jobs, job);
  set_busy (self, TRUE);
  if (idle)
    start_next_job (self);
}

void
lq_session_cancel_load (LqSession *self)
{
  g_return_if_fail (LQ_IS_SESSION (self));

  /* Queued jobs go at once; the running one stops at its next block and is dropped when its
   * task returns. */
  while (g_queue_get_length (&self->jobs) > 1)
    load_job_free (g_queue_pop_tail (&self->jobs));
  if (!g_queue_is_empty (&self->jobs))
    g_cancellable_cancel (((LoadJob *) g_queue_peek_head (&self->jobs))->cancellable);
}

gboolean
lq_session_get_busy (LqSession *self)
{
  g_return_val_if_fail (LQ_IS_SESSION (self), FALSE);
  return self->busy;
}

gboolean
lq_session_get_load_progress (LqSession  *self,
                              double     *fraction,
                              char      **current_path,
                              gboolean   *demo)
{
  LoadJob *job;
  int current;

  g_return_val_if_fail (LQ_IS_SESSION (self), FALSE);

  if (current_path)
    *current_path = NULL;
  job = g_queue_peek_head (&self->jobs);
  if (job == NULL)
    return FALSE;
  if (fraction)
    *fraction = g_atomic_int_get (&job->permille) / 1000.0;
  if (demo)
    *demo = job->demo;
  current = g_atomic_int_get (&job->current);
  /* The worker only appends (the demo's paths) before it sets current. */
  if (current_path && current >= 0 && (guint) current < job->paths->len)
    *current_path = g_strdup (g_ptr_array_index (job->paths, current));
  return TRUE;
}

/* The data is written on a worker while the test may go on here: it gets a copy. */
static LqAbxTest *
copy_abx (LqAbxTest *test)
{
  LqAbxTest *copy = lq_abx_test_new (lq_abx_test_get_name_a (test),
                                     lq_abx_test_get_name_b (test));
  guint n = lq_abx_test_get_trial (test);
  g_autofree LqAbxChoice *answers = g_new0 (LqAbxChoice, MAX (n, 1));
  g_autofree gint64 *times = g_new0 (gint64, MAX (n, 1));
  double level_a, level_b;

  g_object_set (copy, "identity-a", lq_abx_test_get_identity_a (test),
                "identity-b", lq_abx_test_get_identity_b (test),
                "device", lq_abx_test_get_device (test),
                "n-trials", lq_abx_test_get_n_trials (test),
                "seed", lq_abx_test_get_seed (test),
                "crossfade-ms", lq_abx_test_get_crossfade_ms (test),
                "segment-start", lq_abx_test_get_segment_start (test),
                "segment-end", lq_abx_test_get_segment_end (test), NULL);
  if (lq_abx_test_get_levels (test, &level_a, &level_b))
    lq_abx_test_set_levels (copy, level_a, level_b);
  if (!lq_abx_test_get_started (test))
    return copy;
  for (guint i = 0; i < n; i++)
    _lq_abx_test_get_answer (test, i, &answers[i], &times[i]);
  _lq_abx_test_restore (copy, _lq_abx_test_get_started_us (test), answers, times, n);
  return copy;
}

LqSessionData *
lq_session_dup_data (LqSession *self)
{
  LqSessionData *data;
  LqSource *mix;
  guint n;
  int selected;

  g_return_val_if_fail (LQ_IS_SESSION (self), NULL);

  data = lq_session_data_new ();
  mix = lq_source_set_get_mix (self->sources);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  selected = lq_source_set_get_selected_index (self->sources);
  data->mix = mix ? g_strdup (lq_source_get_path (mix)) : NULL;
  for (guint i = LQ_SOURCE_SET_FIRST_REFERENCE; i < n; i++)
    {
      g_autoptr(LqSource) ref = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      const LqSessionLoop *loop = g_hash_table_lookup (self->ref_loops, ref);
      LqSessionLoop copy = { 0.0, 0.0 };

      if (loop != NULL)
        copy = *loop;
      g_ptr_array_add (data->references, g_strdup (lq_source_get_path (ref)));
      g_array_append_val (data->reference_loops, copy);
    }
  data->free_references = self->free_references;
  data->chain = *lq_chain_model_get_params (self->chain);
  lq_snapshot_list_assign (data->snapshots, self->snapshots);
  data->abx = self->abx ? copy_abx (self->abx) : NULL;
  data->match = lq_source_set_get_loudness_match (self->sources);
  data->listening_level = lq_source_set_get_listening_level (self->sources);
  data->has_loop = self->loop && self->loop_end > self->loop_start;
  data->loop_start = data->has_loop ? self->loop_start : 0.0;
  data->loop_end = data->has_loop ? self->loop_end : 0.0;
  data->target = g_strdup (self->target);
  data->has_custom_target = TRUE;
  data->custom_lufs = self->custom.target_lufs;
  data->custom_ceiling_dbtp = self->custom.ceiling_dbtp;
  lq_metadata_copy (&data->metadata, &self->metadata);
  data->deliverables = g_strdup (self->deliverables);
  data->name_pattern = g_strdup (self->name_pattern);
  if (selected == LQ_SOURCE_SET_MIX)
    data->selected = g_strdup ("mix");
  else if (selected == LQ_SOURCE_SET_MASTER)
    data->selected = g_strdup ("master");
  else if (selected >= LQ_SOURCE_SET_FIRST_REFERENCE)
    data->selected = g_strdup_printf ("reference:%d", selected - LQ_SOURCE_SET_FIRST_REFERENCE);
  return data;
}

void
lq_session_restore (LqSession     *self,
                    LqSessionData *data,
                    const char    *path)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (LQ_IS_SESSION (self));
  g_return_if_fail (data != NULL);

  g_clear_pointer (&self->pending, lq_session_data_free);
  if (g_strcmp0 (self->path, path) != 0)
    {
      g_free (self->path);
      self->path = g_strdup (path);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PATH]);
    }

  self->restoring = TRUE;
  lq_chain_model_set_params (self->chain, &data->chain);
  lq_snapshot_list_assign (self->snapshots, data->snapshots);
  if (data->has_custom_target)
    lq_session_set_custom_target (self, data->custom_lufs, data->custom_ceiling_dbtp);
  g_set_object (&self->abx, data->abx);
  lq_metadata_copy (&self->metadata, &data->metadata);
  g_free (self->deliverables);
  self->deliverables = g_strdup (data->deliverables);
  g_free (self->name_pattern);
  self->name_pattern = g_strdup (data->name_pattern);
  lq_session_set_target (self, data->target);
  lq_source_set_set_loudness_match (self->sources, data->match);
  lq_source_set_set_listening_level (self->sources, data->listening_level);
  lq_source_set_remove_references (self->sources);
  lq_session_set_loop_region (self, 0.0, 0.0);
  lq_session_set_loop_enabled (self, FALSE);
  lq_session_set_free_references (self, data->free_references);

  if (data->mix != NULL)
    g_ptr_array_add (paths, g_strdup (data->mix));
  for (guint i = 0; i < data->references->len; i++)
    g_ptr_array_add (paths, g_strdup (g_ptr_array_index (data->references, i)));
  self->pending = data;
  if (paths->len > 0)
    lq_session_load_files (self, (const char *const *) paths->pdata, paths->len,
                           data->mix != NULL, FALSE);
  else
    finish_restore (self);
}

typedef struct
{
  LqSessionData *data;
  GPtrArray     *missing;
} ReadResult;

static void
read_result_free (ReadResult *r)
{
  g_clear_pointer (&r->data, lq_session_data_free);
  g_clear_pointer (&r->missing, g_ptr_array_unref);
  g_free (r);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadResult *r = g_new0 (ReadResult, 1);
  GError *error = NULL;

  r->data = lq_session_file_load (task_data, &r->missing, &error);
  if (r->data == NULL)
    {
      read_result_free (r);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, r, (GDestroyNotify) read_result_free);
}

void
lq_session_read_async (const char          *path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lq_session_read_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, read_thread);
}

LqSessionData *
lq_session_read_finish (GAsyncResult  *result,
                        GPtrArray    **missing,
                        GError       **error)
{
  ReadResult *r;
  LqSessionData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (missing)
    *missing = NULL;
  if (!(r = g_task_propagate_pointer (G_TASK (result), error)))
    return NULL;
  data = g_steal_pointer (&r->data);
  if (missing)
    *missing = g_steal_pointer (&r->missing);
  read_result_free (r);
  return data;
}

/* path is now the session's file, and it is clean. */
static void
mark_saved (LqSession  *self,
            const char *path)
{
  if (g_strcmp0 (self->path, path) != 0)
    {
      g_free (self->path);
      self->path = g_strdup (path);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PATH]);
    }
  self->dirty = TRUE;   /* so that the notify below happens even if it was clean */
  set_dirty (self, FALSE);
}

gboolean
lq_session_save (LqSession   *self,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(LqSessionData) data = NULL;

  g_return_val_if_fail (LQ_IS_SESSION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = lq_session_dup_data (self);
  if (!lq_session_file_save (path, data, error))
    return FALSE;
  mark_saved (self, path);
  return TRUE;
}

static void
save_written_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  LqSession *self = g_task_get_source_object (outer);
  const char *path = g_task_get_task_data (outer);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }
  mark_saved (self, path);
  g_task_return_boolean (outer, TRUE);
}

void
lq_session_save_async (LqSession           *self,
                       const char          *path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *outer;

  g_return_if_fail (LQ_IS_SESSION (self));
  g_return_if_fail (path != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, lq_session_save_async);
  g_task_set_task_data (outer, g_strdup (path), g_free);
  write_async (self, path, write_thread, cancellable, save_written_cb, outer);
}

gboolean
lq_session_save_finish (LqSession     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lq_session_set_autosave_path (LqSession  *self,
                              const char *path)
{
  g_return_if_fail (LQ_IS_SESSION (self));

  if (g_strcmp0 (self->autosave_path, path) == 0)
    return;
  lq_session_discard_autosave (self);
  g_free (self->autosave_path);
  self->autosave_path = g_strdup (path);
}

const char *
lq_session_get_autosave_path (LqSession *self)
{
  g_return_val_if_fail (LQ_IS_SESSION (self), NULL);
  return self->autosave_path;
}

void
lq_session_flush_autosave (LqSession *self)
{
  g_return_if_fail (LQ_IS_SESSION (self));

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (!self->dirty || self->autosave_path == NULL
      || lq_source_set_get_mix (self->sources) == NULL)
    return;
  /* One write at a time, so that an older one never lands after a newer one. */
  if (self->autosave_writing)
    {
      self->autosave_again = TRUE;
      return;
    }
  self->autosave_writing = TRUE;
  g_atomic_int_set (&self->autosave_discarded, FALSE);
  write_async (self, self->autosave_path, autosave_thread, NULL, autosave_written_cb,
               g_object_ref (self));
}

void
lq_session_discard_autosave (LqSession *self)
{
  g_return_if_fail (LQ_IS_SESSION (self));

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_again = FALSE;
  /* A write in flight removes its own file when it lands: the flag is set before this
   * unlink and read after that write, so one of the two removes it. */
  g_atomic_int_set (&self->autosave_discarded, TRUE);
  if (self->autosave_path != NULL)
    g_unlink (self->autosave_path);
}

gboolean
lq_session_get_free_references (LqSession *self)
{
  g_return_val_if_fail (LQ_IS_SESSION (self), FALSE);
  return self->free_references;
}

void
lq_session_set_free_references (LqSession *self,
                                gboolean   free_references)
{
  g_return_if_fail (LQ_IS_SESSION (self));

  free_references = !!free_references;
  if (self->free_references == free_references)
    return;
  self->free_references = free_references;
  if (self->playback != NULL)
    lq_playback_set_free_references (self->playback, free_references);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FREE_REFERENCES]);
  set_dirty (self, TRUE);
}

const char *
lq_session_get_listen_as (LqSession *self)
{
  g_return_val_if_fail (LQ_IS_SESSION (self), NULL);
  return self->listen_as;
}

/* An unknown id is ignored (the selector offers only the table's). "" is NULL. */
void
lq_session_set_listen_as (LqSession  *self,
                          const char *platform_id)
{
  g_return_if_fail (LQ_IS_SESSION (self));

  if (platform_id != NULL && *platform_id == '\0')
    platform_id = NULL;
  if (platform_id != NULL && lq_platforms_lookup (platform_id) == NULL)
    return;
  if (g_strcmp0 (self->listen_as, platform_id) == 0)
    return;
  g_free (self->listen_as);
  self->listen_as = g_strdup (platform_id);
  if (self->playback != NULL)
    lq_playback_set_listen_as (self->playback, self->listen_as);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LISTEN_AS]);
}

LqMonitorMode
lq_session_get_monitor_mode (LqSession *self)
{
  g_return_val_if_fail (LQ_IS_SESSION (self), LQ_MONITOR_STEREO);
  return self->monitor_mode;
}

void
lq_session_set_monitor_mode (LqSession     *self,
                             LqMonitorMode  mode)
{
  g_return_if_fail (LQ_IS_SESSION (self));
  g_return_if_fail (lq_monitor_mode_to_name (mode) != NULL);

  if (self->monitor_mode == mode)
    return;
  self->monitor_mode = mode;
  if (self->playback != NULL)
    lq_playback_set_monitor_mode (self->playback, mode);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MONITOR_MODE]);
}

gboolean
lq_session_get_reference_loop (LqSession *self,
                               guint      index,
                               double    *start,
                               double    *end)
{
  const LqSessionLoop *loop;

  g_return_val_if_fail (LQ_IS_SESSION (self), FALSE);

  loop = index >= LQ_SOURCE_SET_FIRST_REFERENCE ? reference_loop_at (self, index) : NULL;
  if (start)
    *start = loop ? loop->start : 0.0;
  if (end)
    *end = loop ? loop->end : 0.0;
  return loop != NULL;
}

void
lq_session_set_reference_loop (LqSession *self,
                               guint      index,
                               double     start,
                               double     end)
{
  g_autoptr(LqSource) source = NULL;
  const LqSessionLoop *old;
  double length;

  g_return_if_fail (LQ_IS_SESSION (self));

  if (index < LQ_SOURCE_SET_FIRST_REFERENCE
      || !(source = g_list_model_get_item (G_LIST_MODEL (self->sources), index)))
    return;
  length = lq_source_get_duration (source);
  if (!isfinite (start) || !isfinite (end))
    start = end = 0.0;
  start = CLAMP (start, 0.0, MIN (length, LQ_SESSION_MAX_SECONDS));
  end = CLAMP (end, 0.0, MIN (length, LQ_SESSION_MAX_SECONDS));
  old = g_hash_table_lookup (self->ref_loops, source);
  if (end <= start)
    {
      if (old == NULL)
        return;
      g_hash_table_remove (self->ref_loops, source);
    }
  else
    {
      LqSessionLoop *loop;

      if (old != NULL && old->start == start && old->end == end)
        return;
      loop = g_new (LqSessionLoop, 1);
      loop->start = start;
      loop->end = end;
      g_hash_table_replace (self->ref_loops, source, loop);
    }
  if (self->playback != NULL)
    lq_playback_set_reference_loop (self->playback, index, end > start ? start : 0.0,
                                    end > start ? end : 0.0);
  g_signal_emit (self, signals [SIGNAL_REFERENCE_LOOP_CHANGED], 0, index);
  set_dirty (self, TRUE);
}

/* ---- removing and moving references, undoably ------------------------------------------- */

/* One removal or move of a reference, as an undo step. A removal keeps the source, its place,
 * its own loop and whether it was selected, so that undo puts back exactly what went. */
typedef struct
{
  LqSession     *session;         /* weak: the stack may outlive it (then the step is inert) */
  LqSource      *source;          /* a removal's reference; NULL for a move */
  int            from;
  int            to;              /* a move's destination */
  gboolean       had_loop;
  LqSessionLoop  loop;
  gboolean       selected;
} ReferenceStep;

static void
reference_step_free (gpointer data)
{
  ReferenceStep *step = data;

  g_clear_weak_pointer (&step->session);
  g_clear_object (&step->source);
  g_free (step);
}

static gboolean
is_reference_index (LqSession *self,
                    int        index)
{
  return index >= LQ_SOURCE_SET_FIRST_REFERENCE
         && index < (int) g_list_model_get_n_items (G_LIST_MODEL (self->sources));
}

/* Where source is among the references now, or -1. */
static int
reference_position (LqSession *self,
                    LqSource  *source)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));

  for (guint i = LQ_SOURCE_SET_FIRST_REFERENCE; i < n; i++)
    {
      g_autoptr(LqSource) item = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      if (item == source)
        return (int) i;
    }
  return -1;
}

static void
reference_step_apply (gpointer data,
                      gboolean redo)
{
  ReferenceStep *step = data;
  LqSession *self = step->session;

  if (self == NULL)
    return;
  /* References added since (they are appended, and no step) leave these places valid;
   * the checks only keep a surprise from becoming a critical. */
  if (step->source == NULL)
    {
      if (is_reference_index (self, step->from) && is_reference_index (self, step->to))
        lq_source_set_move_reference (self->sources, redo ? step->from : step->to,
                                      redo ? step->to : step->from);
      return;
    }
  if (redo)
    {
      int at = reference_position (self, step->source);

      if (at >= 0)
        lq_source_set_remove_reference (self->sources, at);
      return;
    }
  /* Back in its place, with its loop and, if it was, selected. */
  {
    int last;

    lq_source_set_add_reference (self->sources, step->source);
    last = (int) g_list_model_get_n_items (G_LIST_MODEL (self->sources)) - 1;
    step->from = MIN (step->from, last);
    lq_source_set_move_reference (self->sources, last, step->from);
  }
  if (step->had_loop)
    lq_session_set_reference_loop (self, (guint) step->from, step->loop.start, step->loop.end);
  if (step->selected)
    lq_source_set_select (self->sources, step->from);
}


void
lq_session_remove_reference (LqSession *self,
                             int        index)
{
  ReferenceStep *step;
  const LqSessionLoop *loop;

  g_return_if_fail (LQ_IS_SESSION (self));
  g_return_if_fail (is_reference_index (self, index));

  step = g_new0 (ReferenceStep, 1);
  g_set_weak_pointer (&step->session, self);
  step->source = g_list_model_get_item (G_LIST_MODEL (self->sources), (guint) index);
  step->from = index;
  step->selected = lq_source_set_get_selected_index (self->sources) == index;
  if ((loop = g_hash_table_lookup (self->ref_loops, step->source)) != NULL)
    {
      step->had_loop = TRUE;
      step->loop = *loop;
    }
  lq_source_set_remove_reference (self->sources, index);
  lq_undo_stack_push_action (self->undo, reference_step_apply, step, reference_step_free);
}

void
lq_session_move_reference (LqSession *self,
                           int        from,
                           int        to)
{
  ReferenceStep *step;

  g_return_if_fail (LQ_IS_SESSION (self));
  g_return_if_fail (is_reference_index (self, from));
  g_return_if_fail (is_reference_index (self, to));

  if (from == to)
    return;
  lq_source_set_move_reference (self->sources, from, to);
  step = g_new0 (ReferenceStep, 1);
  g_set_weak_pointer (&step->session, self);
  step->from = from;
  step->to = to;
  lq_undo_stack_push_action (self->undo, reference_step_apply, step, reference_step_free);
}
