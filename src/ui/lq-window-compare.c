/* lq-window-compare.c
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

/* Compare mode in the window: each chain snapshot (up to the player's limit) is heard as a
 * master of its own, "Master A", "Master B", … in the source switcher, rendered live by the
 * player through that snapshot's chain and matched like any source. They are kept here,
 * beside the session's source set, which treats every index past the master as a
 * reference. */

#include "config.h"

#include <glib/gi18n.h>

#include "lq-window-private.h"

static guint
n_compared (LqWindow *self)
{
  return MIN (g_list_model_get_n_items (G_LIST_MODEL (lq_session_get_snapshots (self->session))),
              LQ_PLAYBACK_MAX_COMPARE);
}

/* The snapshots' chains to the player and their buttons to the switcher. */
/* The compared masters heard now: none outside compare mode. */
guint
_lq_window_compare_get_n (LqWindow *self)
{
  return self->compare ? n_compared (self) : 0;
}

static void
push_compared (LqWindow *self)
{
  LqSnapshotList *snapshots = lq_session_get_snapshots (self->session);
  guint n = _lq_window_compare_get_n (self);
  g_autoptr(GArray) params = g_array_new (FALSE, FALSE, sizeof (LqChainParams));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      LqSnapshot *snapshot = lq_snapshot_list_get (snapshots, i);

      g_array_append_vals (params, lq_snapshot_get_params (snapshot), 1);
      /* Translators: a chain snapshot heard as a master of its own; %s is its name */
      g_ptr_array_add (names, g_strdup_printf (_("Master %s"), lq_snapshot_get_name (snapshot)));
    }
  g_ptr_array_add (names, NULL);
  if (self->playback != NULL)
    lq_playback_set_compare_chains (self->playback, (const LqChainParams *) params->data, n);
  lq_source_bar_set_compared (self->source_bar, (const char * const *) names->pdata);
  if (self->compare_selected >= (int) n)
    _lq_window_compare_select (self, -1);
}

void
_lq_window_compare_set_enabled (LqWindow *self,
                                gboolean  enabled)
{
  enabled = !!enabled;
  if (self->compare == enabled)
    return;
  self->compare = enabled;
  push_compared (self);
  _lq_window_notify_compare (self);
}

void
_lq_window_compare_select (LqWindow *self,
                           int       i)
{
  double gain = 0.0;

  if (i >= 0 && (!self->compare || i >= (int) n_compared (self)))
    return;
  if (i < 0 && self->compare_selected < 0)
    return;
  self->compare_selected = i;
  if (i >= 0 && self->codec_heard)
    {
      /* A compared master replaces the codec preview as what is heard. */
      self->codec_heard = FALSE;
      _lq_window_notify_codec (self, "codec-heard");
    }
  if (i >= 0 && self->playback != NULL)
    {
      /* The player matches it itself; the gain is what it reports, when it knows it. */
      lq_playback_get_gain (self->playback, LQ_PLAYBACK_COMPARE + (guint) i, &gain);
      lq_playback_select (self->playback, LQ_PLAYBACK_COMPARE + (guint) i, gain);
    }
  else if (i < 0)
    lq_session_resync_playback (self->session);
  _lq_window_notify_selection (self);
}

static void
snapshots_changed_cb (LqWindow *self)
{
  if (self->compare)
    push_compared (self);
}

static void
playback_changed_cb (LqWindow   *self,
                     GParamSpec *pspec,
                     gpointer    data)
{
  self->compare_selected = -1;
  push_compared (self);
  _lq_window_notify_selection (self);
}

void
_lq_window_compare_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "win.compare", "compare");
  gtk_widget_class_install_property_action (widget_class, "win.select-compare",
                                            "selected-compare");
}

void
_lq_window_compare_init (LqWindow *self)
{
  self->compare_selected = -1;
  g_signal_connect_object (lq_session_get_snapshots (self->session), "items-changed",
                           G_CALLBACK (snapshots_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::playback", G_CALLBACK (playback_changed_cb), NULL);
}
