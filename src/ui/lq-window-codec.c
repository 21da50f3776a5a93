/* lq-window-codec.c
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

/* The codec preview in the window: the Codec page shows the player's round trip of the master
 * or of a reference chosen on the page (lq-player.h, the player owns the choice), its source
 * "Master · MP3 128" (or "<reference> · MP3 128") sits in the switcher after the set's sources
 * (like the compared masters, it is not a source of the set), the overs' rows seek there, and
 * the codec-safe ceiling goes to the chain as one edit (one undo step). The player re-runs
 * the preview when the chain changes; meanwhile the page says it is updating. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lq-player-playback.h"
#include "lq-window-private.h"

static LqPlayer *
get_player (LqWindow *self)
{
  if (self->playback == NULL || !LQ_IS_PLAYER_PLAYBACK (self->playback))
    return NULL;
  return lq_player_playback_get_player (LQ_PLAYER_PLAYBACK (self->playback));
}

static LqSourceBuffer *
get_preview (LqWindow *self)
{
  LqPlayer *player = get_player (self);

  return player != NULL ? lq_player_get_codec_buffer (player, 0) : NULL;
}

static void
select_heard (LqWindow *self)
{
  int slot = self->codec_artefacts ? LQ_SLOT_CODEC_ARTEFACTS : LQ_SLOT_CODEC;
  double gain = 0.0;

  /* The player matches it itself; the gain is what it reports. */
  lq_playback_get_gain (self->playback, (guint) slot, &gain);
  lq_playback_select (self->playback, (guint) slot, gain);
}

/* The page's list of sources: the player's references, by the names their previews get. */
static void
refresh_sources (LqWindow *self,
                 LqPlayer *player)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n = player != NULL ? lq_player_get_n_references (player) : 0;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, lq_player_dup_reference_title (lq_player_get_reference (player, i)));
  g_ptr_array_add (names, NULL);
  lq_codec_view_set_references (self->codec_view, (const char * const *) names->pdata);
  lq_codec_view_set_source (self->codec_view,
                            player != NULL ? lq_player_get_codec_source (player) : -1);
}

static void
refresh (LqWindow *self)
{
  LqPlayer *player = get_player (self);
  LqSourceBuffer *preview = get_preview (self);
  gboolean updating = player != NULL && lq_player_get_codec_updating (player);

  refresh_sources (self, player);
  lq_codec_view_set_result (self->codec_view,
                            player != NULL ? lq_player_get_codec_result (player) : NULL,
                            updating, player != NULL ? lq_player_get_codec_error (player) : NULL);
  lq_codec_view_set_checking (self->codec_view,
                              player != NULL && lq_player_get_codec_checking (player));
  lq_source_bar_set_codec (self->source_bar,
                           preview != NULL ? lq_source_buffer_get_display_name (preview) : NULL,
                           updating);
  if (preview == NULL)
    _lq_window_codec_set_heard (self, FALSE);
}

static void
disconnect_player (LqWindow *self)
{
  if (self->codec_player == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->codec_handlers); i++)
    g_clear_signal_handler (&self->codec_handlers[i], self->codec_player);
  g_object_remove_weak_pointer (G_OBJECT (self->codec_player), (gpointer *) &self->codec_player);
  self->codec_player = NULL;
}

static void
push_spec (LqWindow *self)
{
  LqPlayer *player = get_player (self);
  LqCodecSpec spec;

  if (player == NULL)
    return;
  lq_codec_view_get_spec (self->codec_view, &spec);
  lq_player_set_codec_preview (player, self->codec_preview ? &spec : NULL);
}

static void
playback_changed_cb (LqWindow   *self,
                     GParamSpec *pspec,
                     gpointer    data)
{
  LqPlayer *player = get_player (self);

  if (player == self->codec_player)
    return;
  disconnect_player (self);
  if (player != NULL)
    {
      self->codec_player = player;
      g_object_add_weak_pointer (G_OBJECT (player), (gpointer *) &self->codec_player);
      self->codec_handlers[0] = g_signal_connect_swapped (player, "codec-ready",
                                                          G_CALLBACK (refresh), self);
      self->codec_handlers[1] = g_signal_connect_swapped (player, "notify::codec-updating",
                                                          G_CALLBACK (refresh), self);
      self->codec_handlers[2] = g_signal_connect_swapped (player, "notify::codec-source",
                                                          G_CALLBACK (refresh), self);
      self->codec_handlers[3] = g_signal_connect_swapped (player, "sources-changed",
                                                          G_CALLBACK (refresh), self);
      push_spec (self);
    }
  self->codec_heard = FALSE;
  refresh (self);
}

static void
codec_changed_cb (LqWindow    *self,
                  LqCodecView *view)
{
  if (self->codec_preview)
    push_spec (self);
}

static void
source_changed_cb (LqWindow    *self,
                   LqCodecView *view)
{
  LqPlayer *player = get_player (self);

  /* The player owns the choice; refresh shows it, whether it took this one or not. */
  if (player != NULL)
    lq_player_set_codec_source (player, lq_codec_view_get_source (view));
  refresh (self);
}

static void
time_activated_cb (LqWindow    *self,
                   double       seconds,
                   LqCodecView *view)
{
  _lq_window_seek (self, seconds);
}

static void
use_ceiling_cb (LqWindow    *self,
                double       ceiling,
                LqCodecView *view)
{
  g_autofree char *message = NULL;

  /* One property of the chain model: one edit, one undo step. */
  g_object_set (self->chain, "limiter-ceiling-db", ceiling, NULL);
  /* Translators: a toast; %.1f is the limiter ceiling set, dBTP */
  message = g_strdup_printf (_("Limiter ceiling set to %.1f dBTP (Ctrl+Z undoes it)"), ceiling);
  _lq_window_toast (self, message);
}

static void
lq_window_codec_dispose_cb (LqWindow *self)
{
  disconnect_player (self);
}

void
_lq_window_codec_set_preview (LqWindow *self,
                              gboolean  enabled)
{
  enabled = !!enabled;
  if (self->codec_preview == enabled)
    return;
  self->codec_preview = enabled;
  if (!enabled)
    _lq_window_codec_set_heard (self, FALSE);
  push_spec (self);
  _lq_window_notify_codec (self, "codec-preview");
  refresh (self);
}

void
_lq_window_codec_set_heard (LqWindow *self,
                            gboolean  heard)
{
  heard = !!heard;
  if (heard && get_preview (self) == NULL)
    {
      /* Nothing to hear yet: a toggle that was pressed goes back. */
      _lq_window_notify_codec (self, "codec-heard");
      return;
    }
  if (self->codec_heard == heard)
    return;
  self->codec_heard = heard;
  if (heard)
    {
      self->compare_selected = -1;
      select_heard (self);
    }
  else
    {
      lq_session_resync_playback (self->session);
    }
  _lq_window_notify_codec (self, "codec-heard");
  _lq_window_notify_selection (self);
}

void
_lq_window_codec_set_artefacts (LqWindow *self,
                                gboolean  artefacts)
{
  artefacts = !!artefacts;
  if (self->codec_artefacts == artefacts)
    return;
  self->codec_artefacts = artefacts;
  if (self->codec_heard)
    {
      select_heard (self);
      _lq_window_notify_selection (self);
    }
  _lq_window_notify_codec (self, "codec-artefacts");
}

char *
_lq_window_codec_dup_heard (LqWindow *self)
{
  LqSourceBuffer *preview = get_preview (self);
  const char *name;

  if (!self->codec_heard || preview == NULL)
    return NULL;
  name = lq_source_buffer_get_display_name (preview);
  /* Translators: the difference of a codec preview and the master; %s is the preview's name,
   * "Master · MP3 128" */
  return self->codec_artefacts ? g_strdup_printf (_("Artefacts of %s"), name) : g_strdup (name);
}

void
_lq_window_codec_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "win.codec-preview", "codec-preview");
  gtk_widget_class_install_property_action (widget_class, "win.hear-codec", "codec-heard");
  gtk_widget_class_install_property_action (widget_class, "win.codec-artefacts",
                                            "codec-artefacts");
}

void
_lq_window_codec_init (LqWindow *self)
{
  g_signal_connect_object (self->codec_view, "codec-changed", G_CALLBACK (codec_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->codec_view, "source-changed", G_CALLBACK (source_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->codec_view, "time-activated", G_CALLBACK (time_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->codec_view, "use-ceiling", G_CALLBACK (use_ceiling_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::playback", G_CALLBACK (playback_changed_cb), NULL);
  g_signal_connect (self, "destroy", G_CALLBACK (lq_window_codec_dispose_cb), NULL);
}
