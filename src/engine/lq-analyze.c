/* lq-analyze.c
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
#include <sched.h>

#include "lq-analyze.h"

static void
analysis_result_clear (LqAnalysisResult *self)
{
  g_free (self->path);
  g_free (self->info.format_name);
  g_free (self->info.encoding_name);
  g_free (self->momentary);
  g_free (self->short_term);
  lq_peaks_free (self->peaks);
  lq_spectrum_free (self->spectrum);
  g_free (self->check);
}

/* Results are shared, read-only, between the player (the master's) and the sources that
 * show them, so they are reference counted. */
LqAnalysisResult *
lq_analysis_result_ref (LqAnalysisResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_rc_box_acquire (self);
}

void
lq_analysis_result_free (LqAnalysisResult *self)
{
  if (self == NULL)
    return;
  g_rc_box_release_full (self, (GDestroyNotify) analysis_result_clear);
}

LqAnalysisResult *
lq_analysis_result_new_from_pass (LqFileAnalysis    *pass,
                                  const char        *path,
                                  const LqAudioInfo *info,
                                  GError           **error)
{
  g_autoptr(LqAnalysisResult) result = g_rc_box_new0 (LqAnalysisResult);
  const float *m, *s;
  LqStatus status;

  g_return_val_if_fail (pass != NULL, NULL);
  g_return_val_if_fail (info != NULL, NULL);

  if ((status = lq_file_analysis_finish (pass, &result->summary)) != LQ_OK)
    {
      g_autofree char *display = g_filename_display_name (path ? path : "");
      g_set_error (error, LQ_AUDIO_FILE_ERROR, LQ_AUDIO_FILE_ERROR_FAILED, "%s: %s",
                   display, lq_status_to_string (status));
      return NULL;
    }
  result->path = g_strdup (path);
  result->info = *info;
  result->info.format_name = g_strdup (info->format_name);
  result->info.encoding_name = g_strdup (info->encoding_name);
  m = lq_file_analysis_get_history (pass, FALSE, &result->n_history);
  s = lq_file_analysis_get_history (pass, TRUE, NULL);
  if (m != NULL && s != NULL && result->n_history > 0)
    {
      result->momentary = g_memdup2 (m, result->n_history * sizeof (float));
      result->short_term = g_memdup2 (s, result->n_history * sizeof (float));
    }
  else
    {
      result->n_history = 0;
    }
  result->peaks = lq_file_analysis_steal_peaks (pass);
  result->spectrum = lq_file_analysis_steal_spectrum (pass);
  result->check = g_new0 (LqMixCheckResult, 1);
  if (!lq_file_analysis_get_check (pass, result->check))
    g_clear_pointer (&result->check, g_free);
  return g_steal_pointer (&result);
}

/* The cores this process may run on: a process held to one (taskset, a cpuset) gains nothing
 * from threads, and g_get_num_processors counts every online core. */
static guint
usable_cores (void)
{
#ifdef CPU_COUNT
  cpu_set_t set;

  if (sched_getaffinity (0, sizeof set, &set) == 0)
    return (guint) CPU_COUNT (&set);
#endif
  return g_get_num_processors ();
}

static LqAnalysisResult *
analyze_file (const char             *path,
              LqAnalyzeFlags          flags,
              const LqMixCheckConfig *check,
              LqAnalyzeSink           sink,
              gpointer                sink_data,
              GCancellable           *cancellable,
              LqProgressFunc          progress,
              gpointer                user_data,
              GError                **error)
{
  g_autoptr(LqAudioFile) file = NULL;
  LqAnalysisResult *result = NULL;
  LqFileAnalysisConfig config = { 0 };
  LqFileAnalysis *pass;
  const LqAudioInfo *info;
  LqStatus status;
  gint64 done = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(file = lq_audio_file_open (path, error)))
    return NULL;
  info = lq_audio_file_get_info (file);

  config.sample_rate = info->sample_rate;
  config.channels = info->channels;
  config.weights = info->weights;
  config.history = (flags & LQ_ANALYZE_HISTORY) != 0;
  config.peaks = (flags & LQ_ANALYZE_PEAKS) != 0;
  config.spectrum = (flags & LQ_ANALYZE_SPECTRUM) != 0;
  config.threads = usable_cores () > 1;
  config.bounded = lq_audio_file_is_bounded (file);
  config.check = check;

  if (!(pass = lq_file_analysis_new (&config, &status)))
    {
      g_set_error (error, LQ_AUDIO_FILE_ERROR, LQ_AUDIO_FILE_ERROR_FAILED, "%s: %s",
                   path, lq_status_to_string (status));
      return NULL;
    }

  /* Decode straight into the pass's chunk buffers: no copy on the way in. A sink sees the
   * same frames, so a caller that keeps the audio decodes the file only once. */
  for (;;)
    {
      guint32 max;
      float *buf = lq_file_analysis_get_buffer (pass, &max);
      gssize n = lq_audio_file_read (file, buf, max, error);

      if (n < 0)
        goto out;
      if (n == 0)
        break;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (sink != NULL && !sink (buf, info->channels, (guint32) n, sink_data, error))
        goto out;
      if ((status = lq_file_analysis_commit (pass, (guint32) n)) != LQ_OK)
        {
          g_autofree char *display = g_filename_display_name (path);
          g_set_error (error, LQ_AUDIO_FILE_ERROR, LQ_AUDIO_FILE_ERROR_FAILED, "%s: %s",
                       display, lq_status_to_string (status));
          goto out;
        }
      done += n;
      if (progress && info->frames > 0)
        progress (MIN (1.0, (double) done / info->frames), user_data);
    }

  if (done == 0)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, LQ_AUDIO_FILE_ERROR, LQ_AUDIO_FILE_ERROR_NO_FRAMES,
                   _("%s: The file holds no audio"), display);
      goto out;
    }
  result = lq_analysis_result_new_from_pass (pass, path, info, error);

out:
  lq_file_analysis_free (pass);
  return result;
}

LqAnalysisResult *
lq_analyze_file (const char      *path,
                 LqAnalyzeFlags   flags,
                 GCancellable    *cancellable,
                 LqProgressFunc   progress,
                 gpointer         user_data,
                 GError         **error)
{
  return analyze_file (path, flags, NULL, NULL, NULL, cancellable, progress, user_data, error);
}

LqAnalysisResult *
lq_analyze_file_full (const char             *path,
                      LqAnalyzeFlags          flags,
                      const LqMixCheckConfig *check,
                      LqAnalyzeSink           sink,
                      gpointer                sink_data,
                      GCancellable           *cancellable,
                      LqProgressFunc          progress,
                      gpointer                user_data,
                      GError                **error)
{
  return analyze_file (path, flags, check, sink, sink_data, cancellable, progress, user_data,
                       error);
}

LqAnalysisResult *
lq_analyze_file_with_check (const char             *path,
                            LqAnalyzeFlags          flags,
                            const LqMixCheckConfig *check,
                            GCancellable           *cancellable,
                            LqProgressFunc          progress,
                            gpointer                user_data,
                            GError                **error)
{
  g_return_val_if_fail (check != NULL, NULL);
  return analyze_file (path, flags, check, NULL, NULL, cancellable, progress, user_data, error);
}
