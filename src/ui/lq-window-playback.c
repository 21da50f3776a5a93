/* lq-window-playback.c
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

/* The window's side of playback: the status line, the gains the source switcher shows (the
 * playback's, once it knows them, so that what is shown is what is heard), loudness
 * matching, and the frame clock that moves the playhead and drains the live meters into the
 * views while playing (only while the window is mapped). */

#include "config.h"

#include <glib/gi18n.h>

#include "lq-player-playback.h"
#include "lq-window-private.h"

static void
update_device (LqWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (self->playback == NULL)
    {
      lq_transport_bar_set_device_message (self->transport_bar, NULL);
      return;
    }
  name = lq_playback_dup_device_name (self->playback);
  message = lq_playback_dup_device_message (self->playback);
  lq_transport_bar_set_device_name (self->transport_bar, name ? name : _("Audio output"));
  lq_transport_bar_set_device_message (self->transport_bar, message);
}

/* The session put the master's own analysis on the master source. */
static void
master_measured (LqWindow *self)
{
  LqSource *selected = lq_source_set_get_selected (self->sources);

  if (selected != NULL && lq_source_get_kind (selected) == LQ_SOURCE_KIND_MASTER)
    g_object_notify (G_OBJECT (self), "selected-source");
  gtk_widget_queue_draw (GTK_WIDGET (self->spectrum_view));
  gtk_widget_queue_draw (GTK_WIDGET (self->loudness_graph));
}

static void
update_summary (LqWindow *self)
{
  LqPlayer *player;
  g_autofree char *summary = NULL;

  if (!LQ_IS_PLAYER_PLAYBACK (self->playback))
    return;
  player = lq_player_playback_get_player (LQ_PLAYER_PLAYBACK (self->playback));
  summary = lq_player_dup_match_summary (player);
  if (lq_player_get_measuring (player) && lq_source_set_get_mix (self->sources) != NULL)
    {
      g_autofree char *with = g_strdup_printf (_("%s · measuring the master…"),
                                               summary ? summary : "");

      lq_source_bar_set_match_summary (self->source_bar, summary ? with
                                                                 : _("Measuring the master…"));
      return;
    }
  lq_source_bar_set_match_summary (self->source_bar, summary);
}

static void
update_live (LqWindow *self,
             gint64    frame_time)
{
  gboolean spectrum_shown = gtk_widget_get_mapped (GTK_WIDGET (self->spectrum_view));
  const float *spectrum, *peak;
  double bin_hz;
  guint n_bins;

  lq_live_meters_set_spectrum_enabled (self->live, spectrum_shown && !self->blind);
  lq_live_meters_update (self->live, frame_time);
  _lq_window_ears_set_heard (self, lq_live_meters_get_levels (self->live));
  /* Drained all the same, so the feed does not back up. */
  if (self->blind)
    return;

  if (gtk_widget_get_mapped (GTK_WIDGET (self->meter_panel)))
    lq_meter_panel_set_live (self->meter_panel, lq_live_meters_get_levels (self->live));
  if (gtk_widget_get_mapped (GTK_WIDGET (self->chain_panel)))
    {
      const LqLiveLevels *levels = lq_live_meters_get_levels (self->live);

      const float *comp, *lim;
      guint n;

      lq_chain_panel_set_gain_reduction (self->chain_panel, levels->compressor_gr_db,
                                         levels->limiter_gr_db);
      lq_live_meters_get_gr_history (self->live, &comp, &lim, &n);
      lq_chain_panel_set_gr_history (self->chain_panel, comp, lim, n, LQ_GR_HISTORY_POINTS);
    }
  spectrum = lq_live_meters_get_spectrum (self->live, &peak, &n_bins, &bin_hz);
  if (spectrum_shown)
    lq_spectrum_view_set_live (self->spectrum_view, spectrum, peak, n_bins, bin_hz);
}

static void
stop_live (LqWindow *self)
{
  lq_meter_panel_set_live (self->meter_panel, NULL);
  lq_spectrum_view_set_live (self->spectrum_view, NULL, NULL, 0, 0.0);
  lq_chain_panel_set_gain_reduction (self->chain_panel, 0.0, 0.0);
}

void
_lq_window_playback_set_blind (LqWindow *self,
                               gboolean  blind)
{
  self->blind = blind;
  if (self->live != NULL)   /* not disposed */
    stop_live (self);
}

static gboolean
lq_window_playback_tick_cb (GtkWidget     *widget,
                            GdkFrameClock *clock,
                            gpointer       user_data)
{
  LqWindow *self = LQ_WINDOW (widget);

  if (self->playback == NULL)
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  /* Pulled once per frame: the playhead (the player compensates its output latency) and
   * everything the meters measured since the last frame. */
  _lq_window_follow_position (self, lq_playback_get_position (self->playback));
  update_live (self, gdk_frame_clock_get_frame_time (clock));
  return G_SOURCE_CONTINUE;
}

void
_lq_window_playback_update_tick (LqWindow *self)
{
  gboolean playing = self->playback != NULL && lq_playback_get_playing (self->playback);
  gboolean want = playing && gtk_widget_get_mapped (GTK_WIDGET (self));

  if (self->live == NULL)   /* disposed */
    return;
  if (want && self->tick_id == 0)
    {
      lq_live_meters_reset (self->live);
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), lq_window_playback_tick_cb,
                                                    NULL, NULL);
    }
  else if (!want && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }

  if (!playing)
    {
      if (self->playback != NULL)
        _lq_window_follow_position (self, lq_playback_get_position (self->playback));
      stop_live (self);
    }
}

void
_lq_window_playback_attach (LqWindow *self)
{
  lq_live_meters_set_feed (self->live,
                           self->playback ? lq_playback_get_meter_feed (self->playback) : NULL);
  if (self->playback != NULL)
    {
      g_signal_connect_swapped (self->playback, "device-changed", G_CALLBACK (update_device),
                                self);
      if (LQ_IS_PLAYER_PLAYBACK (self->playback))
        {
          LqPlayer *player = lq_player_playback_get_player (LQ_PLAYER_PLAYBACK (self->playback));

          g_signal_connect_object (player, "gains-changed", G_CALLBACK (update_summary), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (player, "notify::measuring", G_CALLBACK (update_summary), self,
                                   G_CONNECT_SWAPPED);
        }
    }
  update_summary (self);
  update_device (self);
  _lq_window_playback_update_tick (self);
}

void
_lq_window_playback_init (LqWindow *self)
{
  self->live = lq_live_meters_new ();
  lq_live_meters_set_sources (self->live, self->sources);

  g_signal_connect_object (self->session, "master-measured", G_CALLBACK (master_measured), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (_lq_window_playback_update_tick), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (_lq_window_playback_update_tick), NULL);
}

void
_lq_window_playback_dispose (LqWindow *self)
{
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_signal_handlers_disconnect_by_func (self, _lq_window_playback_update_tick, NULL);
  g_clear_object (&self->live);
}
