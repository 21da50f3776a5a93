/* lq-window-load.c
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

#include "lq-demo.h"
#include "lq-window-private.h"

/* Loading runs one job at a time on a worker thread: optionally generating the demo, then
 * decoding and analysing each file. The session changes only when a job finishes, on the
 * main thread, so a failed or cancelled load leaves it exactly as it was. Progress goes
 * through atomics that a main-loop timeout reads; the banner appears only for loads that
 * take longer than a moment. */

#define PROGRESS_INTERVAL_MS 50
#define BANNER_DELAY_MS      250

struct _LqLoadJob
{
  GPtrArray    *paths;            /* char *; filled in by the worker for the demo */
  gboolean      replace_mix;
  gboolean      demo;
  gboolean      new_session;      /* the session was empty when the job started */
  GCancellable *cancellable;
  gint64        started;

  /* worker → main thread */
  gint          permille;         /* atomic: progress of the whole job */
  gint          current;          /* atomic: index of the file being analysed, -1 first */

  /* results, read after the task completes */
  LqSource     *mix;
  GPtrArray    *references;       /* LqSource */
  GPtrArray    *errors;           /* GError */
};

static void start_next (LqWindow *self);

static void
load_job_free (LqLoadJob *job)
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
  LqLoadJob *job = user_data;
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
  LqLoadJob *job = task_data;

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

static gboolean
lq_window_progress_timeout_cb (gpointer user_data)
{
  LqWindow *self = user_data;
  LqLoadJob *job = g_queue_peek_head (&self->jobs);
  int current;

  if (job == NULL)
    return G_SOURCE_CONTINUE;

  if (g_get_monotonic_time () - job->started >= BANNER_DELAY_MS * 1000)
    gtk_revealer_set_reveal_child (self->load_revealer, TRUE);

  current = g_atomic_int_get (&job->current);
  if (current < 0)
    gtk_label_set_label (self->load_label, job->demo ? _("Generating the demo…")
                                                     : _("Opening…"));
  else if ((guint) current < job->paths->len)
    {
      g_autofree char *base = g_path_get_basename (g_ptr_array_index (job->paths, current));
      g_autofree char *display = g_filename_display_name (base);
      /* Translators: %s is a file name */
      g_autofree char *text = g_strdup_printf (_("Analysing %s…"), display);

      gtk_label_set_label (self->load_label, text);
    }
  gtk_progress_bar_set_fraction (self->load_progress,
                                 g_atomic_int_get (&job->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
apply_results (LqWindow  *self,
               LqLoadJob *job)
{
  LqSourceSet *sources = self->sources;

  if (job->mix != NULL)
    lq_source_set_set_mix (sources, job->mix);
  if (!lq_source_set_is_empty (sources))
    for (guint i = 0; i < job->references->len; i++)
      lq_source_set_add_reference (sources, g_ptr_array_index (job->references, i));

  for (guint i = 0; i < job->errors->len; i++)
    {
      const GError *error = g_ptr_array_index (job->errors, i);

      _lq_window_toast (self, error->message);
    }
}

static void
lq_window_load_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(LqWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  LqLoadJob *job = g_task_get_task_data (G_TASK (result));

  g_assert (job == g_queue_peek_head (&self->jobs));
  g_queue_pop_head (&self->jobs);

  /* A window closed meanwhile only frees what the job made. */
  if (self->sources == NULL)
    {
      load_job_free (job);
      return;
    }

  if (g_task_propagate_boolean (G_TASK (result), &error))
    apply_results (self, job);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _lq_window_toast (self, error->message);
  load_job_free (job);

  start_next (self);
}

static void
start_next (LqWindow *self)
{
  LqLoadJob *job = g_queue_peek_head (&self->jobs);
  g_autoptr(GTask) task = NULL;

  if (job == NULL)
    {
      g_clear_handle_id (&self->progress_id, g_source_remove);
      gtk_revealer_set_reveal_child (self->load_revealer, FALSE);
      _lq_window_set_busy (self, FALSE);
      return;
    }

  job->started = g_get_monotonic_time ();
  job->new_session = lq_source_set_is_empty (self->sources);
  gtk_progress_bar_set_fraction (self->load_progress, 0.0);
  if (self->progress_id == 0)
    self->progress_id = g_timeout_add (PROGRESS_INTERVAL_MS, lq_window_progress_timeout_cb, self);
  lq_window_progress_timeout_cb (self);

  task = g_task_new (NULL, job->cancellable, lq_window_load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, _lq_window_load);
  /* The queue owns the job; the task only borrows it. */
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, load_thread);
}

void
_lq_window_load (LqWindow  *self,
                 GPtrArray *paths,
                 gboolean   replace_mix,
                 gboolean   demo)
{
  LqLoadJob *job;
  gboolean idle;

  g_return_if_fail (LQ_IS_WINDOW (self));

  job = g_new0 (LqLoadJob, 1);
  job->paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (job->paths, g_strdup (g_ptr_array_index (paths, i)));
  job->replace_mix = replace_mix;
  job->demo = demo;
  job->cancellable = g_cancellable_new ();
  job->current = -1;
  job->references = g_ptr_array_new_with_free_func (g_object_unref);
  job->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  idle = g_queue_is_empty (&self->jobs);
  g_queue_push_tail (&self->jobs, job);
  _lq_window_set_busy (self, TRUE);
  if (idle)
    start_next (self);
}

void
_lq_window_cancel_load (LqWindow *self)
{
  /* Queued jobs go at once; the running one stops at its next block and is dropped when its
   * task returns. */
  while (g_queue_get_length (&self->jobs) > 1)
    load_job_free (g_queue_pop_tail (&self->jobs));
  if (!g_queue_is_empty (&self->jobs))
    g_cancellable_cancel (((LqLoadJob *) g_queue_peek_head (&self->jobs))->cancellable);
}

void
_lq_window_load_dispose (LqWindow *self)
{
  _lq_window_cancel_load (self);
  g_clear_handle_id (&self->progress_id, g_source_remove);
}
