/* lq-player-device.c
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

/* The player's audio device: opening the stream on the core, the main-loop tick that follows
 * it, and what happens when the device goes away. */

#include "config.h"

#include <glib/gi18n.h>

#include "lq-player-private.h"

#define TICK_MS      20
#define WATCHDOG_US  (3 * G_USEC_PER_SEC)

static void
device_lost (LqPlayer *self)
{
  g_autofree char *message =
    g_strdup_printf (_("The audio device “%s” stopped responding or was disconnected; "
                       "playback stopped"), lq_player_get_device_name (self));

  /* The device may hold the callback thread (a write that never returns): do not wait for
   * it here. */
  lq_audio_stream_abandon (g_steal_pointer (&self->stream));
  _lq_player_stop_stream (self);
  _lq_player_set_device_status (self, LQ_DEVICE_STATUS_LOST, message);
  _lq_player_set_state (self, LQ_PLAYER_STATE_STOPPED);
  _lq_player_push_simple (self, LQ_COMMAND_STOP);
}

static gboolean
tick_cb (gpointer user_data)
{
  LqPlayer *self = user_data;

  lq_player_update (self);
  return G_SOURCE_CONTINUE;
}

gboolean
lq_player_open_device (LqPlayer    *self,
                       const char  *name,
                       guint        buffer_frames,
                       GError     **error)
{
  g_autoptr(LqAudioDevice) device = NULL;
  g_autoptr(LqAudioStream) stream = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (LQ_IS_PLAYER (self), FALSE);

  _lq_player_stop_stream (self);
  if (self->rt == NULL)
    {
      g_set_error_literal (error, LQ_PLAYER_ERROR, LQ_PLAYER_ERROR_NO_SOURCES,
                           _("Nothing to play: load a mix first"));
      return FALSE;
    }

  device = lq_audio_device_find (name, &local);
  if (device != NULL)
    {
      stream = lq_audio_stream_open (device, self->rate, buffer_frames, self->rt, &local);
      if (stream != NULL)
        {
          lq_engine_rt_set_out_channels (self->rt, lq_audio_stream_get_channels (stream));
          if (!lq_audio_stream_start (stream, &local))
            g_clear_pointer (&stream, lq_audio_stream_close);
        }
    }
  if (stream == NULL)
    {
      LqDeviceStatus status = g_error_matches (local, LQ_AUDIO_DEVICE_ERROR,
                                               LQ_AUDIO_DEVICE_ERROR_NO_DEVICE)
                              ? LQ_DEVICE_STATUS_NO_DEVICE : LQ_DEVICE_STATUS_ERROR;

      lq_engine_rt_set_out_channels (self->rt, 2);
      _lq_player_set_device_status (self, status, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  g_set_object (&self->device, device);
  self->buffer_frames = buffer_frames;
  self->stream = g_steal_pointer (&stream);
  self->last_renders = lq_engine_rt_get_renders (self->rt);
  self->last_progress_us = g_get_monotonic_time ();
  self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
  _lq_player_set_device_status (self, LQ_DEVICE_STATUS_OK, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), _lq_player_properties [PLAYER_PROP_DEVICE_NAME]);
  return TRUE;
}

void
lq_player_close_device (LqPlayer *self)
{
  g_return_if_fail (LQ_IS_PLAYER (self));

  if (self->stream == NULL)
    return;
  _lq_player_stop_stream (self);
  _lq_player_set_device_status (self, LQ_DEVICE_STATUS_CLOSED, NULL);
}

void
lq_player_drain_device (LqPlayer *self)
{
  gint64 deadline;

  g_return_if_fail (LQ_IS_PLAYER (self));

  if (self->stream == NULL)
    return;

  /* Fade out first (a no-op after the end of the mix), then let the device play what it
   * holds before the stream stops. */
  if (self->state == LQ_PLAYER_STATE_PLAYING)
    lq_player_pause (self);
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (lq_engine_rt_get_state (self->rt) != LQ_ENGINE_RT_IDLE
         && lq_audio_stream_is_alive (self->stream) && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  lq_audio_stream_stop (self->stream);
  lq_player_close_device (self);
}

LqDeviceStatus
lq_player_get_device_status (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), LQ_DEVICE_STATUS_CLOSED);
  return self->device_status;
}

const char *
lq_player_get_device_message (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), NULL);
  return self->device_message;
}

const char *
lq_player_get_device_name (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), NULL);
  return self->device ? lq_audio_device_get_name (self->device) : NULL;
}

double
lq_player_get_output_latency (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), 0.0);
  return self->stream ? lq_audio_stream_get_latency (self->stream) : 0.0;
}

guint
lq_player_get_dropped_commands (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), 0);
  return self->dropped_commands;
}

guint
lq_player_get_xruns (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), 0);
  return self->xruns;
}

void
_lq_player_check_device (LqPlayer *self)
{
  gint64 now = g_get_monotonic_time ();
  guint64 renders;

  if (self->stream == NULL)
    return;
  renders = lq_engine_rt_get_renders (self->rt);
  if (renders != self->last_renders)
    {
      self->last_renders = renders;
      self->last_progress_us = now;
    }
  if (!lq_audio_stream_is_alive (self->stream) || now - self->last_progress_us > WATCHDOG_US)
    device_lost (self);
}
