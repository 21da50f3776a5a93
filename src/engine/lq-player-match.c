/* lq-player-match.c
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

/* Loudness matching: every slot plays at one common level, the target (the listening level
 * or the first reference's loudness) lowered where needed so that each slot's true peak plus
 * its gain stays at or below LQ_MATCH_CEILING_DBTP. Louder slots come down; nothing is raised
 * into clipping and nothing is limited on the monitoring path, which would change what is
 * compared. The mix and references were measured when they were loaded; the master is
 * measured here, on a worker, by running the mix through a private copy of the chain (the
 * same code the audio thread runs) and the same analysis pass the files get, so that its
 * readouts (loudness, range, true peak, history, spectrum) are its own. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lq-analyze.h"
#include "lq-db.h"
#include "lq-file-analysis.h"
#include "lq-loudness.h"
#include "lq-player-private.h"

#define MEASURE_BLOCK LQ_ENGINE_RT_BLOCK

typedef struct
{
  LqSourceBuffer *mix;
  LqChainParams   params;
  double          rate;
} MeasureData;

static void
measure_data_free (MeasureData *data)
{
  g_clear_object (&data->mix);
  g_free (data);
}

static LqSourceBuffer *
slot_buffer (LqPlayer *self,
             int       slot)
{
  if (self->mix == NULL)
    return NULL;
  if (slot == LQ_SLOT_MIX || slot == LQ_SLOT_MASTER)
    return self->mix;
  if (lq_slot_is_reference (slot)
      && (guint) (slot - LQ_SLOT_REFERENCE) < self->references->len)
    return g_ptr_array_index (self->references, slot - LQ_SLOT_REFERENCE);
  if (lq_slot_is_compare (slot) && (guint) (slot - LQ_SLOT_COMPARE) < self->n_compare)
    return self->mix;
  if (lq_slot_is_codec (slot))
    return self->codec[slot - LQ_SLOT_CODEC];
  return NULL;
}

/* A master's own analysis (the master's or a compared one's), NULL until measured. */
static const LqAnalysisResult *
slot_analysis (LqPlayer *self,
               int       slot)
{
  if (slot == LQ_SLOT_MASTER)
    return self->master;
  if (lq_slot_is_compare (slot))
    return self->compare_analysis[slot - LQ_SLOT_COMPARE];
  return NULL;
}

static double
slot_loudness (LqPlayer *self,
               int       slot)
{
  LqSourceBuffer *buffer = slot_buffer (self, slot);

  if (buffer == NULL)
    return -HUGE_VAL;
  if (slot_analysis (self, slot) != NULL)
    return slot_analysis (self, slot)->summary.integrated_lufs;
  return lq_source_buffer_get_loudness (buffer);
}

/* Until a master is measured it counts with the mix's figures. */
static double
slot_true_peak (LqPlayer *self,
                int       slot)
{
  LqSourceBuffer *buffer = slot_buffer (self, slot);

  if (buffer == NULL)
    return -HUGE_VAL;
  if (slot_analysis (self, slot) != NULL)
    return slot_analysis (self, slot)->summary.true_peak_dbtp;
  return lq_source_buffer_get_true_peak (buffer);
}

static double
target_loudness (LqPlayer *self)
{
  if (self->match_target == LQ_MATCH_TARGET_LEVEL)
    return self->listening_level;
  if (self->references->len > 0 && isfinite (slot_loudness (self, LQ_SLOT_REFERENCE)))
    return slot_loudness (self, LQ_SLOT_REFERENCE);
  return slot_loudness (self, LQ_SLOT_MIX);
}

/* The common level: the target, or lower where a slot's true peak needs it. Sets *limited_by
 * to the slot that lowered it, or -1. */
static double
common_level (LqPlayer *self,
              int      *limited_by)
{
  double level = target_loudness (self);

  *limited_by = -1;
  if (!isfinite (level))
    return level;
  for (int s = 0; s < LQ_MAX_SLOTS; s++)
    {
      double lufs = slot_loudness (self, s);
      double tp = slot_true_peak (self, s);
      double cap;

      /* The artefacts are heard at the codec preview's gain, not matched themselves. */
      if (!isfinite (lufs) || !isfinite (tp) || s == LQ_SLOT_CODEC_ARTEFACTS)
        continue;
      /* tp + (level - lufs) + offset <= ceiling */
      cap = LQ_MATCH_CEILING_DBTP - tp + lufs - self->offsets[s];
      if (cap < level - 1e-9)
        {
          level = cap;
          *limited_by = s;
        }
    }
  return level;
}

/* The artefacts (decoded - master) at their real level beside the programme: the codec
 * preview's own gain (computed first, its slot comes first), lowered only where their peak
 * would pass the monitoring ceiling, since a clipped difference would be a new artefact. */
static double
artefacts_gain (LqPlayer *self)
{
  double db = self->gains[LQ_SLOT_CODEC];
  double tp = slot_true_peak (self, LQ_SLOT_CODEC_ARTEFACTS);

  if (!isfinite (db))
    db = 0.0;
  if (isfinite (tp) && tp + db > LQ_MATCH_CEILING_DBTP)
    db = LQ_MATCH_CEILING_DBTP - tp;
  return db;
}

/* The listened-as service's limiter, or none; the core ignores a repeat. */
static void
push_listen_limiter (LqPlayer *self)
{
  const LqPlatform *p = self->listen_as;
  LqCommand cmd = { .type = LQ_COMMAND_SET_LISTEN_LIMITER };

  if (self->rt == NULL)
    return;
  cmd.u.limiter.enabled = p != NULL && p->limiter;
  if (cmd.u.limiter.enabled)
    {
      cmd.u.limiter.ceiling_db = (float) p->limiter_ceiling_dbfs;
      cmd.u.limiter.attack_ms = (float) p->limiter_attack_ms;
      cmd.u.limiter.release_ms = (float) p->limiter_release_ms;
    }
  _lq_player_push (self, &cmd);
}

void
_lq_player_update_gains (LqPlayer *self)
{
  int limited_by;
  gboolean matching = self->match && self->listen_as == NULL;
  double level = common_level (self, &limited_by);
  gboolean changed = FALSE;

  for (int s = 0; s < LQ_MAX_SLOTS; s++)
    {
      double lufs = slot_loudness (self, s);
      double db = self->offsets[s];

      if (self->listen_as != NULL)
        {
          LqPlatformPlay play;

          lq_platform_compute (self->listen_as, lufs, slot_true_peak (self, s), &play);
          if (isfinite (play.gain_db))
            db += play.gain_db;
        }
      else if (matching && isfinite (lufs) && isfinite (level))
        {
          db += level - lufs;
        }
      if (s == LQ_SLOT_CODEC_ARTEFACTS)
        db = artefacts_gain (self);
      if (db == self->gains[s])
        continue;
      self->gains[s] = db;
      changed = TRUE;
      if (self->rt != NULL)
        {
          LqCommand cmd = { .type = LQ_COMMAND_SET_GAIN, .slot = s };

          cmd.u.gain = (float) lq_db_to_gain (db);
          _lq_player_push (self, &cmd);
        }
    }
  if (!matching)
    {
      level = NAN;
      limited_by = -1;
    }
  if (level != self->matched_level && !(isnan (level) && isnan (self->matched_level)))
    {
      self->matched_level = level;
      changed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), _lq_player_properties [PLAYER_PROP_MATCHED_LEVEL]);
    }
  if (limited_by != self->limited_by)
    {
      self->limited_by = limited_by;
      changed = TRUE;
    }
  if (changed)
    {
      push_listen_limiter (self);
      g_signal_emit (self, _lq_player_signals [PLAYER_SIGNAL_GAINS_CHANGED], 0);
    }
}

gboolean
_lq_player_render_master (LqSourceBuffer      *mix,
                          const LqChainParams *params,
                          double               rate,
                          GCancellable        *cancellable,
                          LqMasterBlockFunc    func,
                          gpointer             user_data,
                          GError             **error)
{
  LqChainConfig config = { .sample_rate = rate, .channels = 2, .max_frames = MEASURE_BLOCK };
  g_autofree float *zeros = g_new0 (float, MEASURE_BLOCK);
  g_autofree float *out_l = g_new (float, MEASURE_BLOCK);
  g_autofree float *out_r = g_new (float, MEASURE_BLOCK);
  float *out[2] = { out_l, out_r };
  guint64 frames = lq_source_buffer_get_frames (mix);
  LqStatus status = LQ_OK;
  LqChain *chain;
  guint64 skip, total, pos = 0;
  gboolean ok = TRUE;

  chain = lq_chain_new (&config, &status);
  if (chain == NULL)
    {
      g_set_error (error, LQ_PLAYER_ERROR, LQ_PLAYER_ERROR_FAILED, "%s",
                   lq_status_to_string (status));
      return FALSE;
    }
  lq_chain_set_params (chain, params);
  skip = lq_chain_get_latency (chain);
  total = frames + skip;

  while (ok && pos < total)
    {
      guint n = (guint) MIN (MEASURE_BLOCK, total - pos);
      const float *in[2];
      guint offset = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (pos + n <= frames)
        {
          in[0] = lq_source_buffer_get_data (mix, 0) + pos;
          in[1] = lq_source_buffer_get_data (mix, 1) + pos;
        }
      else
        {
          /* The tail: the last frames, then zeros to flush the chain. */
          n = pos < frames ? (guint) (frames - pos) : n;
          in[0] = pos < frames ? lq_source_buffer_get_data (mix, 0) + pos : zeros;
          in[1] = pos < frames ? lq_source_buffer_get_data (mix, 1) + pos : zeros;
        }
      lq_chain_process (chain, in, out, n);
      if (pos < skip)
        offset = (guint) MIN (n, skip - pos);
      if (offset < n)
        ok = func (out_l + offset, out_r + offset, n - offset, user_data, error);
      pos += n;
    }
  lq_chain_free (chain);
  return ok;
}

/* Feeds the master to the analysis pass. */
static gboolean
measure_block (const float *l,
               const float *r,
               guint        n,
               gpointer     user_data,
               GError     **error)
{
  LqFileAnalysis *pass = user_data;
  guint offset = 0;

  while (offset < n)
    {
      uint32_t max;
      float *buf = lq_file_analysis_get_buffer (pass, &max);
      uint32_t m = MIN (max, n - offset);

      for (uint32_t i = 0; i < m; i++)
        {
          buf[2 * i] = l[offset + i];
          buf[2 * i + 1] = r[offset + i];
        }
      lq_file_analysis_commit (pass, m);
      offset += m;
    }
  return TRUE;
}

/* The worker: the mix through a fresh chain, analysed after the chain's latency. */
static void
measure_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  MeasureData *data = task_data;
  LqFileAnalysisConfig ac = {
    .sample_rate = data->rate, .channels = 2,
    .history = true, .peaks = true, .spectrum = true, .threads = false,
  };
  LqAudioInfo info = { .sample_rate = data->rate, .channels = 2 };
  LqStatus status = LQ_OK;
  LqFileAnalysis *pass;
  LqAnalysisResult *result;
  GError *error = NULL;

  pass = lq_file_analysis_new (&ac, &status);
  if (pass == NULL)
    {
      g_task_return_new_error (task, LQ_PLAYER_ERROR, LQ_PLAYER_ERROR_FAILED, "%s",
                               lq_status_to_string (status));
      return;
    }
  if (!_lq_player_render_master (data->mix, &data->params, data->rate, cancellable,
                                 measure_block, pass, &error))
    {
      lq_file_analysis_free (pass);
      g_task_return_error (task, error);
      return;
    }
  result = lq_analysis_result_new_from_pass (pass, NULL, &info, &error);
  lq_file_analysis_free (pass);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) lq_analysis_result_free);
}

static void
measure_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LqPlayer) self = user_data;
  g_autoptr(GError) error = NULL;
  LqAnalysisResult *master;

  master = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "generation"))
      != self->measure_generation)
    {
      lq_analysis_result_free (master);
      return;
    }

  g_clear_object (&self->measure_cancellable);
  if (master != NULL)
    {
      g_clear_pointer (&self->master, lq_analysis_result_free);
      self->master = master;
    }
  else
    {
      g_warning ("Measuring the master failed: %s", error->message);
    }
  self->measuring = FALSE;
  _lq_player_update_gains (self);
  g_object_notify_by_pspec (G_OBJECT (self), _lq_player_properties [PLAYER_PROP_MEASURING]);
  if (master != NULL)
    g_signal_emit (self, _lq_player_signals [PLAYER_SIGNAL_MASTER_MEASURED], 0);
}

GTask *
_lq_player_measure_task_new (LqPlayer            *self,
                             const LqChainParams *params,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  MeasureData *data = g_new0 (MeasureData, 1);

  data->mix = g_object_ref (self->mix);
  data->params = *params;
  data->rate = self->rate;
  g_task_set_source_tag (task, _lq_player_measure_task_new);
  g_task_set_task_data (task, data, (GDestroyNotify) measure_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  return task;
}

void
_lq_player_measure_task_run (GTask *task)
{
  g_task_run_in_thread (task, measure_thread);
}

static gboolean
measure_start_cb (gpointer user_data)
{
  LqPlayer *self = user_data;
  g_autoptr(GTask) task = NULL;

  self->measure_source_id = 0;
  if (self->mix == NULL)
    return G_SOURCE_REMOVE;

  self->measure_cancellable = g_cancellable_new ();
  task = _lq_player_measure_task_new (self, &self->chain_params, self->measure_cancellable,
                                      measure_done, g_object_ref (self));
  g_object_set_data (G_OBJECT (task), "generation", GUINT_TO_POINTER (self->measure_generation));
  _lq_player_measure_task_run (task);
  return G_SOURCE_REMOVE;
}

void
_lq_player_cancel_measure (LqPlayer *self)
{
  g_clear_handle_id (&self->measure_source_id, g_source_remove);
  if (self->measure_cancellable != NULL)
    {
      g_cancellable_cancel (self->measure_cancellable);
      g_clear_object (&self->measure_cancellable);
    }
}

void
_lq_player_schedule_measure (LqPlayer *self,
                             guint     delay_ms)
{
  _lq_player_cancel_measure (self);
  self->measure_generation++;
  if (self->mix == NULL)
    return;
  self->measure_source_id = delay_ms > 0 ? g_timeout_add (delay_ms, measure_start_cb, self)
                                         : g_idle_add (measure_start_cb, self);
  if (!self->measuring)
    {
      self->measuring = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), _lq_player_properties [PLAYER_PROP_MEASURING]);
    }
}

/* ---- public API ------------------------------------------------------------------------ */

void
lq_player_set_match_enabled (LqPlayer *self,
                             gboolean  enabled)
{
  g_return_if_fail (LQ_IS_PLAYER (self));

  enabled = !!enabled;
  if (enabled == self->match)
    return;
  self->match = enabled;
  _lq_player_update_gains (self);
  g_object_notify_by_pspec (G_OBJECT (self), _lq_player_properties [PLAYER_PROP_MATCH_ENABLED]);
}

gboolean
lq_player_get_match_enabled (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), FALSE);
  return self->match;
}

void
lq_player_set_match_target (LqPlayer      *self,
                            LqMatchTarget  target)
{
  g_return_if_fail (LQ_IS_PLAYER (self));

  if (target == self->match_target)
    return;
  self->match_target = target;
  _lq_player_update_gains (self);
  g_object_notify_by_pspec (G_OBJECT (self), _lq_player_properties [PLAYER_PROP_MATCH_TARGET]);
}

LqMatchTarget
lq_player_get_match_target (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), LQ_MATCH_TARGET_REFERENCE);
  return self->match_target;
}

void
lq_player_set_listening_level (LqPlayer *self,
                               double    lufs)
{
  g_return_if_fail (LQ_IS_PLAYER (self));

  lufs = CLAMP (lufs, -70.0, 0.0);
  if (lufs == self->listening_level)
    return;
  self->listening_level = lufs;
  _lq_player_update_gains (self);
  g_object_notify_by_pspec (G_OBJECT (self), _lq_player_properties [PLAYER_PROP_LISTENING_LEVEL]);
}

double
lq_player_get_listening_level (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), 0.0);
  return self->listening_level;
}

void
lq_player_set_gain_offset_db (LqPlayer *self,
                              int       slot,
                              double    db)
{
  g_return_if_fail (LQ_IS_PLAYER (self));
  g_return_if_fail (slot >= 0 && slot < LQ_MAX_SLOTS);
  g_return_if_fail (isfinite (db));

  self->offsets[slot] = db;
  _lq_player_update_gains (self);
}

double
lq_player_get_gain_db (LqPlayer *self,
                       int       slot)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), 0.0);
  g_return_val_if_fail (slot >= 0 && slot < LQ_MAX_SLOTS, 0.0);

  return isfinite (self->gains[slot]) ? self->gains[slot] : 0.0;
}

double
lq_player_get_loudness (LqPlayer *self,
                        int       slot)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), -HUGE_VAL);
  return slot_loudness (self, slot);
}

gboolean
lq_player_get_measuring (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), FALSE);
  return self->measuring;
}

double
lq_player_get_true_peak (LqPlayer *self,
                         int       slot)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), -HUGE_VAL);
  return slot_true_peak (self, slot);
}

double
lq_player_get_matched_level (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), NAN);
  return self->matched_level;
}

int
lq_player_get_match_limited_by (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), -1);
  return self->limited_by;
}

gboolean
lq_player_set_listen_as (LqPlayer   *self,
                         const char *platform_id)
{
  const LqPlatform *p = NULL;

  g_return_val_if_fail (LQ_IS_PLAYER (self), FALSE);

  if (platform_id != NULL && (p = lq_platforms_lookup (platform_id)) == NULL)
    return FALSE;
  if (p == self->listen_as)
    return TRUE;
  self->listen_as = p;
  _lq_player_update_gains (self);
  push_listen_limiter (self);
  return TRUE;
}

const char *
lq_player_get_listen_as (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), NULL);
  return self->listen_as != NULL ? self->listen_as->id : NULL;
}

const LqAnalysisResult *
lq_player_get_master_analysis (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), NULL);
  return self->master;
}

char *
lq_player_dup_match_summary (LqPlayer *self)
{
  g_autofree char *who = NULL;
  int s;

  g_return_val_if_fail (LQ_IS_PLAYER (self), NULL);

  if (self->listen_as != NULL)
    /* Translators: "Listening as Spotify Loud" (a streaming service's playback) */
    return g_strdup_printf (_("Listening as %s"), self->listen_as->name);
  if (!self->match || !isfinite (self->matched_level))
    return NULL;
  s = self->limited_by;
  if (s < 0)
    return g_strdup_printf (_("Matched at %.1f LUFS"), self->matched_level);
  if (s == LQ_SLOT_MIX)
    who = g_strdup (_("the mix"));
  else if (s == LQ_SLOT_MASTER)
    who = g_strdup (_("the master"));
  else if (lq_slot_is_compare (s))
    /* Translators: the master through the chain of snapshot number %d */
    who = g_strdup_printf (_("compared master %d"), s - LQ_SLOT_COMPARE + 1);
  else
    who = g_strdup (lq_source_buffer_get_display_name (slot_buffer (self, s)));
  /* Translators: "Matched at -18.2 LUFS: the mix peaks at -0.9 dBTP" */
  return g_strdup_printf (_("Matched at %.1f LUFS: %s peaks at %.1f dBTP"),
                          self->matched_level, who, slot_true_peak (self, s));
}
