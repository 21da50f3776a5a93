/* lq-player-codec.c
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

/* Codec preview: on a worker, the master is rendered the way the measurement renders it (the
 * mix through a private copy of the chain, the chain's latency removed), sent through
 * lq-codec's round trip, and the aligned decode becomes a source of its own on the mix's
 * timeline. What the player plays is therefore exactly what lq-codec measured. A reference
 * chosen instead goes through the same round trip as it was decoded, with no chain: a chain
 * change leaves its preview alone, and its codec-safe ceiling (the master limiter's) is none. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lq-player-private.h"
#include "lq-source.h"

typedef struct
{
  LqSourceBuffer *mix;
  LqSourceBuffer *reference;  /* encoded as it is instead of the master; NULL: the master */
  LqChainParams   params;
  double          rate;
  LqCodecSpec     spec;
  float          *master[2];
  guint64         frames;
  guint64         pos;
  double          estimate;   /* the safe ceiling to try (safe_thread) */
} CodecData;

typedef struct
{
  LqCodecResult  *result;
  LqSourceBuffer *buffers[LQ_MAX_CODEC];
} CodecOutcome;

static void
codec_data_free (CodecData *data)
{
  g_clear_object (&data->mix);
  g_clear_object (&data->reference);
  g_free (data->master[0]);
  g_free (data->master[1]);
  g_free (data);
}

static void
codec_outcome_free (CodecOutcome *outcome)
{
  g_clear_pointer (&outcome->result, lq_codec_result_free);
  for (guint i = 0; i < LQ_MAX_CODEC; i++)
    g_clear_object (&outcome->buffers[i]);
  g_free (outcome);
}

static gboolean
keep_block (const float *l,
            const float *r,
            guint        n,
            gpointer     user_data,
            GError     **error)
{
  CodecData *data = user_data;
  guint m = (guint) MIN ((guint64) n, data->frames - data->pos);

  memcpy (data->master[0] + data->pos, l, m * sizeof (float));
  memcpy (data->master[1] + data->pos, r, m * sizeof (float));
  data->pos += m;
  return TRUE;
}

char *
lq_player_dup_reference_title (LqSourceBuffer *reference)
{
  const char *path;

  g_return_val_if_fail (LQ_IS_SOURCE_BUFFER (reference), NULL);

  path = lq_source_buffer_get_path (reference);
  return path != NULL ? lq_source_dup_title_for_path (path)
                      : g_strdup (lq_source_buffer_get_display_name (reference));
}

/* "Master · MP3 128" or "Reference title · MP3 128": the name the switcher shows. */
static char *
preview_name (const LqCodecSpec *spec,
              LqSourceBuffer    *reference)
{
  if (reference != NULL)
    {
      g_autofree char *title = lq_player_dup_reference_title (reference);

      /* Translators: a reference heard through a lossy codec; the first %s is the
       * reference's name, the second the codec, %u its kb/s ("Reference · MP3 128") */
      return g_strdup_printf (_("%s · %s %u"), title, lq_codec_kind_get_label (spec->kind),
                              spec->kbps);
    }
  /* Translators: the master heard through a lossy codec; %s is the codec, %u its kb/s */
  return g_strdup_printf (_("Master · %s %u"), lq_codec_kind_get_label (spec->kind),
                          spec->kbps);
}

/* The codec-safe ceiling, tried: the estimate (the decoded peak falling dB for dB with the
 * ceiling) misses when a lower ceiling limits harder and the codec overshoots more, so the
 * master is rendered again at the ceiling offered (on the limiter's 0.1 dB steps), through
 * the codec and back, and stepped down by what it still misses until the decode keeps the
 * target. Returns the ceiling that did, or NAN when SAFE_TRIES were not enough. It runs as a
 * task of its own after the preview is delivered, so the preview is heard no later for it. */
#define SAFE_TRIES 3

static double
verify_safe_ceiling (CodecData     *data,
                     double         estimate,
                     GCancellable  *cancellable)
{
  CodecData trial = *data;
  double ceiling = lq_codec_ceiling_step_down (estimate);
  double found = NAN;

  trial.master[0] = g_new0 (float, MAX (data->frames, 1));
  trial.master[1] = g_new0 (float, MAX (data->frames, 1));
  for (guint k = 0; k < SAFE_TRIES && ceiling >= -30.0; k++)
    {
      LqCodecResult *r;
      double decoded;

      trial.params.lim.ceiling_db = ceiling;
      trial.pos = 0;
      if (g_cancellable_is_cancelled (cancellable)
          || !_lq_player_render_master (data->mix, &trial.params, data->rate, cancellable,
                                        keep_block, &trial, NULL))
        break;
      r = lq_codec_round_trip (&data->spec, (const float *const *) trial.master, 2, data->rate,
                               data->frames, ceiling, NULL, NULL);
      if (r == NULL)
        break;
      decoded = r->decoded_tp_dbtp;
      lq_codec_result_free (r);
      if (decoded <= LQ_CODEC_TARGET_DBTP)
        {
          found = ceiling;
          break;
        }
      ceiling = lq_codec_ceiling_step_down (ceiling - (decoded - LQ_CODEC_TARGET_DBTP));
    }
  g_free (trial.master[0]);
  g_free (trial.master[1]);
  return found;
}

static void
codec_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CodecData *data = task_data;
  g_autofree char *name = preview_name (&data->spec, data->reference);
  g_autofree char *artefacts_name = NULL;
  double ceiling = data->params.lim.bypass ? NAN : data->params.lim.ceiling_db;
  float *aligned[2] = { NULL, NULL };
  const float *original[2] = { NULL, NULL };
  guint channels = 2;
  CodecOutcome *outcome;
  LqCodecResult *result;
  GError *error = NULL;

  if (data->reference != NULL)
    {
      /* The reference's own samples; the artefacts need arrays of their own. */
      channels = lq_source_buffer_get_channels (data->reference);
      data->frames = lq_source_buffer_get_frames (data->reference);
      for (guint c = 0; c < channels; c++)
        {
          original[c] = lq_source_buffer_get_data (data->reference, c);
          data->master[c] = g_new (float, MAX (data->frames, 1));
        }
      /* Its own true peak stands in for a ceiling: the limiter is the master's. */
      ceiling = NAN;
    }
  else
    {
      data->frames = lq_source_buffer_get_frames (data->mix);
      data->master[0] = g_new0 (float, MAX (data->frames, 1));
      data->master[1] = g_new0 (float, MAX (data->frames, 1));
      if (!_lq_player_render_master (data->mix, &data->params, data->rate, cancellable,
                                     keep_block, data, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      original[0] = data->master[0];
      original[1] = data->master[1];
    }
  result = lq_codec_round_trip_aligned (&data->spec, original, channels,
                                        data->rate, data->frames, ceiling, aligned, &error);
  if (result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      lq_codec_result_free (result);
      g_free (aligned[0]);
      g_free (aligned[1]);
      return;
    }

  if (data->reference != NULL)
    result->safe_ceiling_dbtp = NAN;

  /* The artefacts in master[] (in place of the master, which is not needed any more). */
  for (guint c = 0; c < channels; c++)
    for (guint64 i = 0; i < data->frames; i++)
      data->master[c][i] = aligned[c][i] - original[c][i];

  outcome = g_new0 (CodecOutcome, 1);
  outcome->result = result;
  outcome->buffers[0] = lq_source_buffer_new_take (name, data->rate, channels, aligned,
                                                   data->frames);
  /* Translators: the difference between the codec's decode and the master; %s is the
   * codec preview's name */
  artefacts_name = g_strdup_printf (_("%s (artefacts)"), name);
  outcome->buffers[1] = lq_source_buffer_new_take (artefacts_name, data->rate, channels,
                                                   data->master, data->frames);
  data->master[0] = data->master[1] = NULL;
  g_task_return_pointer (task, outcome, (GDestroyNotify) codec_outcome_free);
}

static void
safe_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CodecData *data = task_data;
  double *found = g_new (double, 1);

  *found = verify_safe_ceiling (data, data->estimate, cancellable);
  g_task_return_pointer (task, found, g_free);
}

static void
safe_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LqPlayer) self = user_data;
  g_autofree double *found = g_task_propagate_pointer (G_TASK (result), NULL);

  if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "generation"))
      != self->codec_generation)
    return;
  g_clear_object (&self->codec_cancellable);
  self->codec_checking = FALSE;
  if (self->codec_result != NULL)
    self->codec_result->safe_ceiling_dbtp = found != NULL ? *found : NAN;
  g_signal_emit (self, _lq_player_signals [PLAYER_SIGNAL_CODEC_READY], 0);
}

/* A decode over the target: its safe ceiling is tried (verify_safe_ceiling) before it is
 * offered; until then the result has none, and "codec-checking" says so. */
static void
start_safe (LqPlayer *self)
{
  g_autoptr(GTask) task = NULL;
  CodecData *data;

  if (self->codec_result == NULL || self->mix == NULL || self->chain_params.lim.bypass
      || self->codec_reference != NULL
      || !(self->codec_result->decoded_tp_dbtp > LQ_CODEC_TARGET_DBTP)
      || !isfinite (self->codec_result->safe_ceiling_dbtp))
    return;
  data = g_new0 (CodecData, 1);
  data->mix = g_object_ref (self->mix);
  data->params = self->chain_params;
  data->rate = self->rate;
  data->spec = self->codec_spec;
  data->frames = lq_source_buffer_get_frames (self->mix);
  data->estimate = self->codec_result->safe_ceiling_dbtp;
  self->codec_result->safe_ceiling_dbtp = NAN;
  self->codec_checking = TRUE;
  self->codec_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->codec_cancellable, safe_done, g_object_ref (self));
  g_task_set_source_tag (task, start_safe);
  g_task_set_task_data (task, data, (GDestroyNotify) codec_data_free);
  g_object_set_data (G_OBJECT (task), "generation", GUINT_TO_POINTER (self->codec_generation));
  g_task_run_in_thread (task, safe_thread);
}

static void
set_updating (LqPlayer *self,
              gboolean  updating)
{
  if (self->codec_updating == updating)
    return;
  self->codec_updating = updating;
  g_object_notify_by_pspec (G_OBJECT (self), _lq_player_properties [PLAYER_PROP_CODEC_UPDATING]);
}

static void
codec_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LqPlayer) self = user_data;
  g_autoptr(GError) error = NULL;
  CodecOutcome *outcome;

  outcome = g_task_propagate_pointer (G_TASK (result), &error);
  if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "generation"))
      != self->codec_generation)
    {
      g_clear_pointer (&outcome, codec_outcome_free);
      return;
    }
  g_clear_object (&self->codec_cancellable);
  g_clear_pointer (&self->codec_error, g_free);
  if (outcome != NULL)
    {
      g_clear_pointer (&self->codec_result, lq_codec_result_free);
      self->codec_result = g_steal_pointer (&outcome->result);
      for (guint i = 0; i < LQ_MAX_CODEC; i++)
        {
          g_clear_object (&self->codec[i]);
          self->codec[i] = g_steal_pointer (&outcome->buffers[i]);
        }
      codec_outcome_free (outcome);
      _lq_player_resend_sources (self);
      start_safe (self);
    }
  else
    {
      self->codec_error = g_strdup (error->message);
    }
  set_updating (self, FALSE);
  g_signal_emit (self, _lq_player_signals [PLAYER_SIGNAL_CODEC_READY], 0);
}

static gboolean
codec_start_cb (gpointer user_data)
{
  LqPlayer *self = user_data;
  g_autoptr(GTask) task = NULL;
  CodecData *data;

  self->codec_source_id = 0;
  if (self->mix == NULL || !self->codec_enabled)
    return G_SOURCE_REMOVE;

  data = g_new0 (CodecData, 1);
  data->mix = g_object_ref (self->mix);
  g_set_object (&data->reference, self->codec_reference);
  data->params = self->chain_params;
  data->rate = self->rate;
  data->spec = self->codec_spec;
  self->codec_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->codec_cancellable, codec_done, g_object_ref (self));
  g_task_set_source_tag (task, codec_start_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) codec_data_free);
  g_object_set_data (G_OBJECT (task), "generation", GUINT_TO_POINTER (self->codec_generation));
  g_task_run_in_thread (task, codec_thread);
  return G_SOURCE_REMOVE;
}

static void
cancel_running (LqPlayer *self)
{
  g_clear_handle_id (&self->codec_source_id, g_source_remove);
  if (self->codec_cancellable != NULL)
    {
      g_cancellable_cancel (self->codec_cancellable);
      g_clear_object (&self->codec_cancellable);
    }
  /* Whatever still finishes belongs to an older generation. */
  self->codec_generation++;
  self->codec_checking = FALSE;
}

void
_lq_player_codec_schedule (LqPlayer *self,
                           guint     delay_ms)
{
  if (!self->codec_enabled || self->mix == NULL)
    return;
  cancel_running (self);
  self->codec_source_id = delay_ms > 0 ? g_timeout_add (delay_ms, codec_start_cb, self)
                                       : g_idle_add (codec_start_cb, self);
  set_updating (self, TRUE);
}

void
_lq_player_codec_clear (LqPlayer *self)
{
  g_clear_pointer (&self->codec_result, lq_codec_result_free);
  g_clear_pointer (&self->codec_error, g_free);
  for (guint i = 0; i < LQ_MAX_CODEC; i++)
    g_clear_object (&self->codec[i]);
}

void
_lq_player_codec_chain_changed (LqPlayer *self)
{
  if (self->codec_reference == NULL)
    _lq_player_codec_schedule (self, LQ_PLAYER_CODEC_DEBOUNCE_MS);
}

void
_lq_player_codec_check_references (LqPlayer        *self,
                                   LqSourceBuffer **references,
                                   guint            n_references)
{
  const char *path;
  LqSourceBuffer *again = NULL;

  if (self->codec_reference == NULL)
    return;
  for (guint i = 0; i < n_references; i++)
    if (references[i] == self->codec_reference)
      return;
  /* The same file loaded anew (resampled to a new mix's rate) stays the one previewed. */
  path = lq_source_buffer_get_path (self->codec_reference);
  for (guint i = 0; i < n_references && again == NULL; i++)
    if (path != NULL && g_strcmp0 (lq_source_buffer_get_path (references[i]), path) == 0)
      again = references[i];
  /* Either way its slots go (the caller hands a heard one over to the master); without it,
   * the master's preview is made. */
  cancel_running (self);
  _lq_player_codec_clear (self);
  g_set_object (&self->codec_reference, again);
  if (self->codec_enabled)
    _lq_player_codec_schedule (self, 0);
}

void
_lq_player_codec_dispose (LqPlayer *self)
{
  cancel_running (self);
  _lq_player_codec_clear (self);
  g_clear_object (&self->codec_reference);
}

/* ---- public API ------------------------------------------------------------------------ */

gboolean
lq_player_get_codec_checking (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), FALSE);

  return self->codec_checking;
}

void
lq_player_set_codec_preview (LqPlayer          *self,
                             const LqCodecSpec *spec)
{
  g_return_if_fail (LQ_IS_PLAYER (self));

  if (spec == NULL && !self->codec_enabled)
    return;
  if (spec != NULL && self->codec_enabled && spec->kind == self->codec_spec.kind
      && spec->kbps == self->codec_spec.kbps)
    return;

  cancel_running (self);
  _lq_player_codec_clear (self);
  _lq_player_resend_sources (self);
  self->codec_enabled = spec != NULL;
  if (spec != NULL)
    {
      self->codec_spec = *spec;
      _lq_player_codec_schedule (self, 0);
    }
  else
    {
      set_updating (self, FALSE);
    }
}

gboolean
lq_player_set_codec_source (LqPlayer *self,
                            int       reference)
{
  LqSourceBuffer *buffer = NULL;

  g_return_val_if_fail (LQ_IS_PLAYER (self), FALSE);

  if (reference >= 0)
    {
      if ((guint) reference >= self->references->len)
        return FALSE;
      buffer = g_ptr_array_index (self->references, reference);
    }
  if (buffer == self->codec_reference)
    return TRUE;

  cancel_running (self);
  _lq_player_codec_clear (self);
  g_set_object (&self->codec_reference, buffer);
  _lq_player_resend_sources (self);
  g_object_notify_by_pspec (G_OBJECT (self), _lq_player_properties [PLAYER_PROP_CODEC_SOURCE]);
  if (self->codec_enabled)
    _lq_player_codec_schedule (self, 0);
  return TRUE;
}

int
lq_player_get_codec_source (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), -1);

  if (self->codec_reference == NULL || self->references == NULL)
    return -1;
  for (guint i = 0; i < self->references->len; i++)
    if (g_ptr_array_index (self->references, i) == self->codec_reference)
      return (int) i;
  return -1;
}

const LqCodecSpec *
lq_player_get_codec_spec (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), NULL);
  return self->codec_enabled ? &self->codec_spec : NULL;
}

const LqCodecResult *
lq_player_get_codec_result (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), NULL);
  return self->codec_result;
}

const char *
lq_player_get_codec_error (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), NULL);
  return self->codec_error;
}

gboolean
lq_player_get_codec_updating (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), FALSE);
  return self->codec_updating;
}

LqSourceBuffer *
lq_player_get_codec_buffer (LqPlayer *self,
                            guint     index)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), NULL);
  g_return_val_if_fail (index < LQ_MAX_CODEC, NULL);
  return self->codec[index];
}
