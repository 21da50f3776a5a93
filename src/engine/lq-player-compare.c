/* lq-player-compare.c
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

/* Compare mode: chain snapshots heard as masters of their own. Each gets a chain in the core
 * (LqRtCompare, beside the master's) and a measurement of its own on a worker, through the
 * same pass as the master, so that matching treats it like any slot. */

#include "config.h"

#include <glib/gi18n.h>

#include "lq-player-private.h"

void
_lq_player_compare_free (LqRtCompare *compare)
{
  if (compare == NULL)
    return;
  for (guint i = 0; i < compare->n; i++)
    lq_chain_free (compare->chains[i]);
  g_free (compare);
}

static void
clear_analyses (LqPlayer *self)
{
  for (guint i = 0; i < LQ_MAX_COMPARE; i++)
    g_clear_pointer (&self->compare_analysis[i], lq_analysis_result_free);
}

static void
cancel_measure (LqPlayer *self)
{
  if (self->compare_cancellable != NULL)
    {
      g_cancellable_cancel (self->compare_cancellable);
      g_clear_object (&self->compare_cancellable);
    }
  self->compare_measuring = 0;
}

void
_lq_player_compare_dispose (LqPlayer *self)
{
  cancel_measure (self);
  clear_analyses (self);
}

/* The set as the core takes it; NULL (with error) when a chain cannot be made. */
static LqRtCompare *
make_compare (LqPlayer  *self,
              GError   **error)
{
  LqRtCompare *compare = g_new0 (LqRtCompare, 1);

  for (guint i = 0; i < self->n_compare; i++)
    {
      compare->chains[i] = _lq_player_make_chain (self, &self->compare_params[i], error);
      if (compare->chains[i] == NULL)
        {
          _lq_player_compare_free (compare);
          return NULL;
        }
      compare->n = i + 1;
    }
  return compare;
}

static gboolean
send (LqPlayer  *self,
      GError   **error)
{
  LqCommand cmd = { .type = LQ_COMMAND_SET_COMPARE };

  if (self->rt == NULL)
    return TRUE;
  if (self->n_compare > 0 && !(cmd.u.ptr = make_compare (self, error)))
    return FALSE;
  if (!_lq_player_push (self, &cmd))
    {
      _lq_player_compare_free (cmd.u.ptr);
      g_set_error_literal (error, LQ_PLAYER_ERROR, LQ_PLAYER_ERROR_BUSY,
                           _("Playback is busy; try again"));
      return FALSE;
    }
  self->rt_has_compare = TRUE;
  return TRUE;
}

void
_lq_player_compare_send (LqPlayer *self)
{
  g_autoptr(GError) error = NULL;

  if (self->rt_has_compare || self->n_compare == 0)
    return;
  if (!send (self, &error))
    g_warning ("Compare mode: %s", error->message);
}

typedef struct
{
  LqPlayer *player;
  guint     index;
} MeasureJob;

static void
measure_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  MeasureJob *job = user_data;
  g_autoptr(LqPlayer) self = job->player;
  g_autoptr(GError) error = NULL;
  LqAnalysisResult *analysis = g_task_propagate_pointer (G_TASK (result), &error);
  guint index = job->index;

  g_free (job);
  /* Cancelled: a newer set or mix took over, and counts its own. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_task_get_cancellable (G_TASK (result)) != self->compare_cancellable)
    {
      g_clear_pointer (&analysis, lq_analysis_result_free);
      return;
    }
  if (analysis == NULL)
    g_warning ("Measuring compared master %u failed: %s", index + 1, error->message);
  else
    {
      g_clear_pointer (&self->compare_analysis[index], lq_analysis_result_free);
      self->compare_analysis[index] = analysis;
      _lq_player_update_gains (self);
    }
  self->compare_measuring--;
}

void
_lq_player_compare_measure (LqPlayer *self)
{
  cancel_measure (self);
  clear_analyses (self);
  _lq_player_update_gains (self);
  if (self->mix == NULL || self->n_compare == 0)
    return;
  self->compare_cancellable = g_cancellable_new ();
  for (guint i = 0; i < self->n_compare; i++)
    {
      MeasureJob *job = g_new0 (MeasureJob, 1);
      g_autoptr(GTask) task = NULL;

      job->player = g_object_ref (self);
      job->index = i;
      task = _lq_player_measure_task_new (self, &self->compare_params[i],
                                          self->compare_cancellable, measure_done, job);
      _lq_player_measure_task_run (task);
      self->compare_measuring++;
    }
}

gboolean
lq_player_set_compare_chains (LqPlayer             *self,
                              const LqChainParams  *params,
                              guint                 n,
                              GError              **error)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), FALSE);
  g_return_val_if_fail (n == 0 || params != NULL, FALSE);

  if (n > LQ_MAX_COMPARE)
    {
      g_set_error (error, LQ_PLAYER_ERROR, LQ_PLAYER_ERROR_INVALID,
                   _("At most %d snapshots can be compared at once"), LQ_MAX_COMPARE);
      return FALSE;
    }
  if (n == self->n_compare
      && (n == 0 || memcmp (self->compare_params, params, n * sizeof *params) == 0))
    return TRUE;
  if (n > 0)
    memcpy (self->compare_params, params, n * sizeof *params);
  self->n_compare = n;
  self->rt_has_compare = FALSE;
  if (!send (self, error))
    {
      self->n_compare = 0;
      return FALSE;
    }
  if (lq_slot_is_compare (self->selected) && (guint) (self->selected - LQ_SLOT_COMPARE) >= n)
    lq_player_select (self, LQ_SLOT_MASTER);
  _lq_player_compare_measure (self);
  return TRUE;
}

guint
lq_player_get_n_compare (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), 0);
  return self->n_compare;
}

const LqAnalysisResult *
lq_player_get_compare_analysis (LqPlayer *self,
                                guint     index)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), NULL);
  g_return_val_if_fail (index < LQ_MAX_COMPARE, NULL);
  return self->compare_analysis[index];
}

gboolean
lq_player_get_compare_measuring (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), FALSE);
  return self->compare_measuring > 0;
}
