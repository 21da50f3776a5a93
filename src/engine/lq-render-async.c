/* lq-render-async.c
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

#include "lq-render.h"

/* lq_render_file () and lq_render_find_gain () in a GTask's thread, their progress sent to
 * the caller's main context. */
typedef struct
{
  char            *input;
  char            *output;
  LqRenderOptions  options;
  LqProgressFunc   progress;
  gpointer         progress_data;
  GMainContext    *context;
  double           last_sent;     /* worker side: the last fraction sent */
  LqRenderReport   report;
} RenderJob;

typedef struct
{
  LqProgressFunc progress;
  gpointer       progress_data;
  double         fraction;
} ProgressUpdate;

static void
render_job_free (RenderJob *job)
{
  g_free (job->input);
  g_free (job->output);
  lq_render_options_clear (&job->options);
  g_main_context_unref (job->context);
  g_free (job);
}

static gboolean
progress_update_dispatch (gpointer data)
{
  ProgressUpdate *update = data;

  update->progress (update->fraction, update->progress_data);
  return G_SOURCE_REMOVE;
}

/* Runs on the worker. Updates are few (steps of at least 1 %) and each is its own idle, so
 * they arrive in order and, being queued before the task's result, before the callback. */
static void
render_job_progress (double   fraction,
                     gpointer user_data)
{
  RenderJob *job = user_data;
  ProgressUpdate *update;
  GSource *source;

  if (fraction < job->last_sent + 0.01 && !(fraction >= 1.0 && job->last_sent < 1.0))
    return;
  job->last_sent = fraction;
  update = g_new (ProgressUpdate, 1);
  *update = (ProgressUpdate) { job->progress, job->progress_data, fraction };
  /* An idle source, not g_main_context_invoke (): that would run it right here whenever the
   * worker can acquire an idle default context. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_update_dispatch, update, g_free);
  g_source_set_static_name (source, "[lacquer] render progress");
  g_source_attach (source, job->context);
  g_source_unref (source);
}

static void
render_job_run (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RenderJob *job = task_data;
  LqProgressFunc progress = job->progress ? render_job_progress : NULL;
  GError *error = NULL;
  gboolean ok;

  if (job->output != NULL)
    ok = lq_render_file (job->input, job->output, &job->options, cancellable, progress, job,
                         &job->report, &error);
  else
    ok = lq_render_find_gain (job->input, &job->options, cancellable, progress, job,
                              &job->report, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
render_job_start (const char             *input,
                  const char             *output,
                  const LqRenderOptions  *options,
                  GCancellable           *cancellable,
                  LqProgressFunc          progress,
                  gpointer                progress_data,
                  GAsyncReadyCallback     callback,
                  gpointer                user_data,
                  gpointer                source_tag)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  RenderJob *job = g_new0 (RenderJob, 1);

  job->input = g_strdup (input);
  job->output = g_strdup (output);
  lq_render_options_copy (&job->options, options);
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();
  job->last_sent = -1.0;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) render_job_free);
  g_task_run_in_thread (task, render_job_run);
}

static gboolean
render_job_finish (GAsyncResult    *result,
                   gpointer         source_tag,
                   LqRenderReport  *report,
                   GError         **error)
{
  GTask *task = G_TASK (result);

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (task) == source_tag, FALSE);

  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  if (report)
    *report = ((RenderJob *) g_task_get_task_data (task))->report;
  return TRUE;
}

void
lq_render_file_async (const char             *input,
                      const char             *output,
                      const LqRenderOptions  *options,
                      GCancellable           *cancellable,
                      LqProgressFunc          progress,
                      gpointer                progress_data,
                      GAsyncReadyCallback     callback,
                      gpointer                user_data)
{
  g_return_if_fail (input != NULL && output != NULL && options != NULL);

  render_job_start (input, output, options, cancellable, progress, progress_data, callback,
                    user_data, lq_render_file_async);
}

gboolean
lq_render_file_finish (GAsyncResult    *result,
                       LqRenderReport  *report,
                       GError         **error)
{
  return render_job_finish (result, lq_render_file_async, report, error);
}

void
lq_render_find_gain_async (const char             *input,
                           const LqRenderOptions  *options,
                           GCancellable           *cancellable,
                           LqProgressFunc          progress,
                           gpointer                progress_data,
                           GAsyncReadyCallback     callback,
                           gpointer                user_data)
{
  g_return_if_fail (input != NULL && options != NULL && options->has_target);

  render_job_start (input, NULL, options, cancellable, progress, progress_data, callback,
                    user_data, lq_render_find_gain_async);
}

gboolean
lq_render_find_gain_finish (GAsyncResult    *result,
                            LqRenderReport  *report,
                            GError         **error)
{
  return render_job_finish (result, lq_render_find_gain_async, report, error);
}
