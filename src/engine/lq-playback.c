/* lq-playback.c
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

#include "lq-playback.h"

G_DEFINE_INTERFACE (LqPlayback, lq_playback, G_TYPE_OBJECT)

static void
lq_playback_default_init (LqPlaybackInterface *iface)
{
  g_object_interface_install_property (iface,
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_double ("position", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_signal_new ("gains-changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL, G_TYPE_NONE, 0);
  g_signal_new ("device-changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL, G_TYPE_NONE, 0);
}

#define CALL(self, vfunc, ...)                                  \
  G_STMT_START {                                                \
    LqPlaybackInterface *iface;                                 \
    g_return_if_fail (LQ_IS_PLAYBACK (self));                   \
    iface = LQ_PLAYBACK_GET_IFACE (self);                       \
    if (iface->vfunc != NULL)                                   \
      iface->vfunc (self, ##__VA_ARGS__);                       \
  } G_STMT_END

void
lq_playback_set_sources (LqPlayback *self,
                         GListModel *sources)
{
  CALL (self, set_sources, sources);
}

void
lq_playback_select (LqPlayback *self,
                    guint       index,
                    double      gain_db)
{
  CALL (self, select, index, gain_db);
}

void
lq_playback_play (LqPlayback *self)
{
  CALL (self, play);
}

void
lq_playback_pause (LqPlayback *self)
{
  CALL (self, pause);
}

void
lq_playback_stop (LqPlayback *self)
{
  CALL (self, stop);
}

void
lq_playback_seek (LqPlayback *self,
                  double      seconds)
{
  CALL (self, seek, seconds);
}

void
lq_playback_set_chain (LqPlayback          *self,
                       const LqChainParams *params)
{
  CALL (self, set_chain, params);
}

void
lq_playback_set_loop (LqPlayback *self,
                      double      start,
                      double      end)
{
  CALL (self, set_loop, start, end);
}

double
lq_playback_get_position (LqPlayback *self)
{
  LqPlaybackInterface *iface;

  g_return_val_if_fail (LQ_IS_PLAYBACK (self), 0.0);

  iface = LQ_PLAYBACK_GET_IFACE (self);
  return iface->get_position ? iface->get_position (self) : 0.0;
}

gboolean
lq_playback_get_playing (LqPlayback *self)
{
  LqPlaybackInterface *iface;

  g_return_val_if_fail (LQ_IS_PLAYBACK (self), FALSE);

  iface = LQ_PLAYBACK_GET_IFACE (self);
  return iface->get_playing ? iface->get_playing (self) : FALSE;
}

char *
lq_playback_dup_device_name (LqPlayback *self)
{
  LqPlaybackInterface *iface;

  g_return_val_if_fail (LQ_IS_PLAYBACK (self), NULL);

  iface = LQ_PLAYBACK_GET_IFACE (self);
  return iface->dup_device_name ? iface->dup_device_name (self) : NULL;
}

char **
lq_playback_dup_device_names (LqPlayback *self)
{
  LqPlaybackInterface *iface;

  g_return_val_if_fail (LQ_IS_PLAYBACK (self), NULL);

  iface = LQ_PLAYBACK_GET_IFACE (self);
  return iface->dup_device_names ? iface->dup_device_names (self) : NULL;
}

void
lq_playback_set_matching (LqPlayback *self,
                          gboolean    enabled,
                          double      listening_level)
{
  CALL (self, set_matching, enabled, listening_level);
}

gboolean
lq_playback_get_gain (LqPlayback *self,
                      guint       index,
                      double     *gain_db)
{
  LqPlaybackInterface *iface;

  g_return_val_if_fail (LQ_IS_PLAYBACK (self), FALSE);
  g_return_val_if_fail (gain_db != NULL, FALSE);

  iface = LQ_PLAYBACK_GET_IFACE (self);
  return iface->get_gain ? iface->get_gain (self, index, gain_db) : FALSE;
}

gboolean
lq_playback_get_loudness (LqPlayback *self,
                          guint       index,
                          double     *lufs)
{
  LqPlaybackInterface *iface;

  g_return_val_if_fail (LQ_IS_PLAYBACK (self), FALSE);
  g_return_val_if_fail (lufs != NULL, FALSE);

  iface = LQ_PLAYBACK_GET_IFACE (self);
  return iface->get_loudness ? iface->get_loudness (self, index, lufs) : FALSE;
}

char *
lq_playback_dup_device_message (LqPlayback *self)
{
  LqPlaybackInterface *iface;

  g_return_val_if_fail (LQ_IS_PLAYBACK (self), NULL);

  iface = LQ_PLAYBACK_GET_IFACE (self);
  return iface->dup_device_message ? iface->dup_device_message (self) : NULL;
}

LqMeterFeed *
lq_playback_get_meter_feed (LqPlayback *self)
{
  LqPlaybackInterface *iface;

  g_return_val_if_fail (LQ_IS_PLAYBACK (self), NULL);

  iface = LQ_PLAYBACK_GET_IFACE (self);
  return iface->get_meter_feed ? iface->get_meter_feed (self) : NULL;
}

void
lq_playback_set_free_references (LqPlayback *self,
                                 gboolean    free_references)
{
  CALL (self, set_free_references, free_references);
}

void
lq_playback_set_reference_loop (LqPlayback *self,
                                guint       index,
                                double      start,
                                double      end)
{
  CALL (self, set_reference_loop, index, start, end);
}

void
lq_playback_set_monitor_mode (LqPlayback    *self,
                              LqMonitorMode  mode)
{
  CALL (self, set_monitor_mode, mode);
}

void
lq_playback_set_listen_as (LqPlayback *self,
                           const char *platform_id)
{
  CALL (self, set_listen_as, platform_id);
}

void
lq_playback_set_crossfade_ms (LqPlayback *self,
                              double      ms)
{
  CALL (self, set_crossfade_ms, ms);
}

double
lq_playback_get_crossfade_ms (LqPlayback *self)
{
  LqPlaybackInterface *iface;

  g_return_val_if_fail (LQ_IS_PLAYBACK (self), -1.0);

  iface = LQ_PLAYBACK_GET_IFACE (self);
  return iface->get_crossfade_ms != NULL ? iface->get_crossfade_ms (self) : -1.0;
}

void
lq_playback_set_compare_chains (LqPlayback          *self,
                                const LqChainParams *params,
                                guint                n)
{
  CALL (self, set_compare_chains, params, n);
}
