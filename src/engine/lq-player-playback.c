/* lq-player-playback.c
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
#include <math.h>

#include "lq-player-playback-private.h"

#define DEFAULT_IDLE_CLOSE_MS 5000


static void playback_iface_init (LqPlaybackInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LqPlayerPlayback, lq_player_playback, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LQ_TYPE_PLAYBACK, playback_iface_init))

enum {
  PROP_0,
  PROP_PLAYING,
  PROP_POSITION,
  PROP_LOADING,
  PROP_DEVICE_OPEN,
  PROP_IDLE_CLOSE_MS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void playback_play (LqPlayback *playback);

/* ---- helpers ------------------------------------------------------------------------- */

/* Whether the player has the session's sources (not an older session's, nor none). */
static gboolean
have_sources (LqPlayerPlayback *self)
{
  return !self->loading && self->mix != NULL && lq_player_get_mix (self->player) == self->mix;
}

static guint64
to_frames (LqPlayerPlayback *self,
           double            seconds)
{
  return (guint64) llround (MAX (seconds, 0.0) * lq_player_get_sample_rate (self->player));
}

static void
hold_position (LqPlayerPlayback *self,
               double            seconds)
{
  self->holding = TRUE;
  self->hold_position = seconds;
  self->hold_stream_frame = lq_player_get_stream_frame (self->player);
}

void
_lq_player_playback_emit_device_changed (LqPlayerPlayback *self)
{
  g_signal_emit_by_name (self, "device-changed");
}

static void
set_device_open (LqPlayerPlayback *self,
                 gboolean          open)
{
  if (self->device_open == open)
    return;
  self->device_open = open;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DEVICE_OPEN]);
}

/* PortAudio is held from the first use, so that starting playback does not initialise it
 * every time; it is let go after a failure, so that the next try sees devices plugged in
 * since (an open stream holds its own reference). */
static gboolean
ensure_system (LqPlayerPlayback  *self,
               GError           **error)
{
  if (self->system_acquired)
    return TRUE;
  if (!lq_audio_system_acquire (error))
    return FALSE;
  self->system_acquired = TRUE;
  return TRUE;
}

static void
release_system (LqPlayerPlayback *self)
{
  if (!self->system_acquired)
    return;
  self->system_acquired = FALSE;
  lq_audio_system_release ();
}

/* Which device would play, said before anyone presses Play. */
static void
probe_device (LqPlayerPlayback *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LqAudioDevice) device = NULL;

  self->probed = TRUE;
  g_clear_pointer (&self->probe_name, g_free);
  g_clear_pointer (&self->probe_message, g_free);
  if (ensure_system (self, &error))
    device = lq_audio_device_find (self->device_name, &error);
  if (device != NULL)
    self->probe_name = g_strdup (lq_audio_device_get_name (device));
  else
    {
      self->probe_message = g_strdup (error->message);
      release_system (self);
    }
  _lq_player_playback_emit_device_changed (self);
}

static void
cancel_idle_close (LqPlayerPlayback *self)
{
  g_clear_handle_id (&self->idle_close_id, g_source_remove);
}

static gboolean
idle_close_cb (gpointer user_data)
{
  LqPlayerPlayback *self = user_data;

  self->idle_close_id = 0;
  if (lq_player_get_state (self->player) != LQ_PLAYER_STATE_PLAYING)
    {
      /* Waits for the fade out (already over after this long), lets the device play what
       * it holds, and closes it. */
      lq_player_drain_device (self->player);
      set_device_open (self, FALSE);
    }
  return G_SOURCE_REMOVE;
}

static gboolean
open_device (LqPlayerPlayback *self)
{
  g_autoptr(GError) error = NULL;

  if (ensure_system (self, &error)
      && lq_player_open_device (self->player, self->device_name, self->buffer_frames, &error))
    {
      g_clear_pointer (&self->probe_message, g_free);
      g_free (self->probe_name);
      self->probe_name = g_strdup (lq_player_get_device_name (self->player));
      set_device_open (self, TRUE);
      _lq_player_playback_emit_device_changed (self);
      return TRUE;
    }

  g_debug ("No playback: %s", error->message);
  g_free (self->probe_message);
  self->probe_message = g_strdup (error->message);
  release_system (self);
  set_device_open (self, FALSE);
  _lq_player_playback_emit_device_changed (self);
  return FALSE;
}

/* ---- the player's side --------------------------------------------------------------- */

static void
lq_player_playback_player_notify_state_cb (LqPlayerPlayback *self,
                                           GParamSpec       *pspec,
                                           LqPlayer         *player)
{
  gboolean playing = lq_player_get_state (player) == LQ_PLAYER_STATE_PLAYING;

  if (playing)
    cancel_idle_close (self);
  else if (self->device_open && self->idle_close_id == 0)
    self->idle_close_id = g_timeout_add (self->idle_close_ms, idle_close_cb, self);

  if (playing == self->playing)
    return;
  self->playing = playing;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PLAYING]);
}

static void
lq_player_playback_player_notify_position_cb (LqPlayerPlayback *self,
                                              GParamSpec       *pspec,
                                              LqPlayer         *player)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_POSITION]);
}

static void
lq_player_playback_player_notify_device_cb (LqPlayerPlayback *self,
                                            GParamSpec       *pspec,
                                            LqPlayer         *player)
{
  LqDeviceStatus status = lq_player_get_device_status (player);

  /* A device that went away closed its stream: say so until a device works again. */
  if (status == LQ_DEVICE_STATUS_LOST && lq_player_get_device_message (player) != NULL)
    {
      g_free (self->probe_message);
      self->probe_message = g_strdup (lq_player_get_device_message (player));
      release_system (self);
    }
  if (status != LQ_DEVICE_STATUS_OK)
    set_device_open (self, FALSE);
  _lq_player_playback_emit_device_changed (self);
}

static void
lq_player_playback_player_gains_changed_cb (LqPlayerPlayback *self,
                                            LqPlayer         *player)
{
  int slot = lq_player_get_selected (player);

  /* The heard integrated loudness is of one source at one gain: a new gain starts it again,
   * as a switch does. */
  if (slot >= 0 && fabs (lq_player_get_gain_db (player, slot) - self->heard_gain_db) > 0.005)
    {
      self->heard_gain_db = lq_player_get_gain_db (player, slot);
      lq_player_reset_meters (player);
    }
  if (have_sources (self))
    g_signal_emit_by_name (self, "gains-changed");
}

/* ---- the session arrives ------------------------------------------------------------ */

static void
apply_reference_loop (LqPlayerPlayback *self,
                      guint             i)
{
  lq_player_set_reference_loop (self->player, i,
                                self->ref_loop_end[i] > self->ref_loop_start[i],
                                to_frames (self, self->ref_loop_start[i]),
                                to_frames (self, self->ref_loop_end[i]));
}

static void
apply_compare (LqPlayerPlayback *self)
{
  g_autoptr(GError) error = NULL;

  if (!lq_player_set_compare_chains (self->player, (const LqChainParams *) self->compare->data,
                                     self->compare->len, &error))
    g_warning ("compare mode: %s", error->message);
}

static void
apply_request (LqPlayerPlayback *self)
{
  lq_player_set_loop (self->player, self->loop_end > self->loop_start,
                      to_frames (self, self->loop_start), to_frames (self, self->loop_end));
  lq_player_set_sync_references (self->player, !self->free_references);
  for (guint i = 0; i < lq_player_get_n_references (self->player); i++)
    apply_reference_loop (self, i);
  apply_compare (self);
  if ((int) self->selected != lq_player_get_selected (self->player))
    lq_player_select (self->player, (int) self->selected);
  if (self->have_seek)
    {
      self->have_seek = FALSE;
      lq_player_seek (self->player, to_frames (self, self->seek_to));
      hold_position (self, self->seek_to);
    }
}

void
_lq_player_playback_sources_ready (LqPlayerPlayback *self)
{
  apply_request (self);
  if (!self->probed)
    probe_device (self);
  else if (self->load_error != NULL)
    _lq_player_playback_emit_device_changed (self);
  g_signal_emit_by_name (self, "gains-changed");
  if (self->play_pending)
    {
      self->play_pending = FALSE;
      playback_play (LQ_PLAYBACK (self));
    }
}

/* ---- LqPlayback ------------------------------------------------------------------------ */

static void
playback_set_sources (LqPlayback *playback,
                      GListModel *sources)
{
  _lq_player_playback_load (LQ_PLAYER_PLAYBACK (playback), sources);
}

static void
playback_select (LqPlayback *playback,
                 guint       index,
                 double      gain_db)
{
  LqPlayerPlayback *self = LQ_PLAYER_PLAYBACK (playback);

  /* The gain is the player's own (it matches loudness itself): see get_gain. */
  if (index == self->selected)
    return;
  self->selected = index;
  if (!have_sources (self))
    return;
  lq_player_select (self->player, (int) index);
  /* The live integrated loudness and peak holds start again for the new source. */
  self->heard_gain_db = lq_player_get_gain_db (self->player, (int) index);
  lq_player_reset_meters (self->player);
}

static void
playback_play (LqPlayback *playback)
{
  LqPlayerPlayback *self = LQ_PLAYER_PLAYBACK (playback);
  guint64 position;

  if (!have_sources (self))
    {
      self->play_pending = self->loading;
      return;
    }
  cancel_idle_close (self);
  /* At the end, playing again starts from the beginning (or the loop). */
  position = lq_player_get_position (self->player);
  if (position >= lq_player_get_duration (self->player))
    {
      double start = self->loop_end > self->loop_start ? self->loop_start : 0.0;

      lq_player_seek (self->player, to_frames (self, start));
      hold_position (self, start);
    }
  /* Queued first: with a stream that starts now, its first frame is the first one heard. */
  lq_player_play (self->player);
  if (!self->device_open && !open_device (self))
    lq_player_pause (self->player);
}

static void
playback_pause (LqPlayback *playback)
{
  LqPlayerPlayback *self = LQ_PLAYER_PLAYBACK (playback);

  self->play_pending = FALSE;
  lq_player_pause (self->player);
}

static void
playback_stop (LqPlayback *playback)
{
  LqPlayerPlayback *self = LQ_PLAYER_PLAYBACK (playback);

  self->play_pending = FALSE;
  lq_player_stop (self->player);
  lq_player_reset_meters (self->player);
}

static void
playback_seek (LqPlayback *playback,
               double      seconds)
{
  LqPlayerPlayback *self = LQ_PLAYER_PLAYBACK (playback);

  if (!have_sources (self))
    {
      self->seek_to = seconds;
      self->have_seek = TRUE;
      return;
    }
  lq_player_seek (self->player, to_frames (self, seconds));
  hold_position (self, seconds);
}

static void
playback_set_loop (LqPlayback *playback,
                   double      start,
                   double      end)
{
  LqPlayerPlayback *self = LQ_PLAYER_PLAYBACK (playback);

  self->loop_start = start;
  self->loop_end = end;
  if (have_sources (self))
    lq_player_set_loop (self->player, end > start, to_frames (self, start),
                        to_frames (self, end));
}

static void
playback_set_free_references (LqPlayback *playback,
                              gboolean    free_references)
{
  LqPlayerPlayback *self = LQ_PLAYER_PLAYBACK (playback);

  self->free_references = free_references;
  lq_player_set_sync_references (self->player, !free_references);
}

static void
playback_set_monitor_mode (LqPlayback    *playback,
                           LqMonitorMode  mode)
{
  lq_player_set_monitor_mode (LQ_PLAYER_PLAYBACK (playback)->player, mode);
}

static void
playback_set_listen_as (LqPlayback *playback,
                        const char *platform_id)
{
  lq_player_set_listen_as (LQ_PLAYER_PLAYBACK (playback)->player, platform_id);
}

static void
playback_set_crossfade_ms (LqPlayback *playback,
                           double      ms)
{
  lq_player_set_crossfade_ms (LQ_PLAYER_PLAYBACK (playback)->player, ms);
}

static double
playback_get_crossfade_ms (LqPlayback *playback)
{
  return lq_player_get_crossfade_ms (LQ_PLAYER_PLAYBACK (playback)->player);
}

static void
playback_set_compare_chains (LqPlayback          *playback,
                             const LqChainParams *params,
                             guint                n)
{
  LqPlayerPlayback *self = LQ_PLAYER_PLAYBACK (playback);

  g_array_set_size (self->compare, 0);
  g_array_append_vals (self->compare, params, MIN (n, LQ_MAX_COMPARE));
  if (have_sources (self))
    apply_compare (self);
}

static void
playback_set_reference_loop (LqPlayback *playback,
                             guint       index,
                             double      start,
                             double      end)
{
  LqPlayerPlayback *self = LQ_PLAYER_PLAYBACK (playback);
  guint i;

  if (index < LQ_SLOT_REFERENCE || index - LQ_SLOT_REFERENCE >= LQ_MAX_REFERENCES)
    return;
  i = index - LQ_SLOT_REFERENCE;
  self->ref_loop_start[i] = start;
  self->ref_loop_end[i] = end;
  if (have_sources (self) && i < lq_player_get_n_references (self->player))
    apply_reference_loop (self, i);
}

static double
playback_get_position (LqPlayback *playback)
{
  LqPlayerPlayback *self = LQ_PLAYER_PLAYBACK (playback);
  double rate = lq_player_get_sample_rate (self->player);

  double position;

  if (!have_sources (self) || rate <= 0.0)
    return self->have_seek ? self->seek_to : 0.0;
  position = (double) lq_player_get_position (self->player) / rate;
  if (self->holding)
    {
      double rendered = (lq_player_get_stream_frame (self->player) - self->hold_stream_frame)
                        / rate;

      /* Got there (the core reads a little behind: the device's latency), or gave up. */
      if ((position >= self->hold_position - 0.25 && position <= self->hold_position + 1.0)
          || rendered > 2.0)
        self->holding = FALSE;
      else
        return self->hold_position;
    }
  return position;
}

static gboolean
playback_get_playing (LqPlayback *playback)
{
  return LQ_PLAYER_PLAYBACK (playback)->playing;
}

static char *
playback_dup_device_name (LqPlayback *playback)
{
  LqPlayerPlayback *self = LQ_PLAYER_PLAYBACK (playback);
  const char *name = NULL;

  if (self->device_open)
    name = lq_player_get_device_name (self->player);
  else if (self->probe_message == NULL)
    name = self->probe_name;
  if (name == NULL)
    return NULL;
  /* ALSA's (and so PipeWire's and PulseAudio's) default device is called "default". */
  if (g_ascii_strcasecmp (name, "default") == 0)
    return g_strdup (_("System default output"));
  return g_strdup (name);
}

static char **
playback_dup_device_names (LqPlayback *playback)
{
  LqPlayerPlayback *self = LQ_PLAYER_PLAYBACK (playback);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GListModel) devices = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  /* Let go of PortAudio first, unless it plays, so that the list is fresh. */
  if (!self->device_open)
    release_system (self);
  devices = lq_audio_device_list (&error);
  if (devices == NULL)
    {
      g_debug ("No output devices: %s", error->message);
      return g_strv_builder_end (builder);
    }
  n = g_list_model_get_n_items (devices);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LqAudioDevice) device = g_list_model_get_item (devices, i);
      const char *name = lq_audio_device_get_name (device);

      /* Preferences offer "Default" of their own. */
      if (g_ascii_strcasecmp (name, "default") != 0)
        g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

static void
playback_set_chain (LqPlayback          *playback,
                    const LqChainParams *params)
{
  lq_player_set_chain_params (LQ_PLAYER_PLAYBACK (playback)->player, params);
}

static void
playback_set_matching (LqPlayback *playback,
                       gboolean    enabled,
                       double      listening_level)
{
  LqPlayerPlayback *self = LQ_PLAYER_PLAYBACK (playback);

  lq_player_set_listening_level (self->player, listening_level);
  lq_player_set_match_enabled (self->player, enabled);
}

static gboolean
playback_get_gain (LqPlayback *playback,
                   guint       index,
                   double     *gain_db)
{
  LqPlayerPlayback *self = LQ_PLAYER_PLAYBACK (playback);

  if (!have_sources (self)
      || (index >= LQ_SLOT_REFERENCE + lq_player_get_n_references (self->player)
          && !(lq_slot_is_compare ((int) index)
               && index - LQ_SLOT_COMPARE < lq_player_get_n_compare (self->player))
          && !(lq_slot_is_codec ((int) index)
               && lq_player_get_codec_buffer (self->player, index - LQ_SLOT_CODEC) != NULL)))
    return FALSE;
  *gain_db = lq_player_get_gain_db (self->player, (int) index);
  return TRUE;
}

static gboolean
playback_get_loudness (LqPlayback *playback,
                       guint       index,
                       double     *lufs)
{
  LqPlayerPlayback *self = LQ_PLAYER_PLAYBACK (playback);
  const LqAnalysisResult *analysis;

  if (!lq_slot_is_compare ((int) index)
      || index - LQ_SLOT_COMPARE >= lq_player_get_n_compare (self->player)
      || !(analysis = lq_player_get_compare_analysis (self->player, index - LQ_SLOT_COMPARE))
      || !isfinite (analysis->summary.integrated_lufs))
    return FALSE;
  *lufs = analysis->summary.integrated_lufs;
  return TRUE;
}

static char *
playback_dup_device_message (LqPlayback *playback)
{
  LqPlayerPlayback *self = LQ_PLAYER_PLAYBACK (playback);

  guint dropped = lq_player_get_dropped_commands (self->player);

  if (self->probe_message != NULL)
    return g_strdup (self->probe_message);
  if (self->load_error == NULL && dropped > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u playback command was lost: the audio thread is not keeping up",
                                         "%u playback commands were lost: the audio thread is not keeping up",
                                         dropped), dropped);
  return g_strdup (self->load_error);
}

static LqMeterFeed *
playback_get_meter_feed (LqPlayback *playback)
{
  return lq_player_get_meter_feed (LQ_PLAYER_PLAYBACK (playback)->player);
}

static void
playback_iface_init (LqPlaybackInterface *iface)
{
  iface->set_sources = playback_set_sources;
  iface->select = playback_select;
  iface->play = playback_play;
  iface->pause = playback_pause;
  iface->stop = playback_stop;
  iface->seek = playback_seek;
  iface->set_loop = playback_set_loop;
  iface->set_free_references = playback_set_free_references;
  iface->set_reference_loop = playback_set_reference_loop;
  iface->set_monitor_mode = playback_set_monitor_mode;
  iface->set_listen_as = playback_set_listen_as;
  iface->set_crossfade_ms = playback_set_crossfade_ms;
  iface->get_crossfade_ms = playback_get_crossfade_ms;
  iface->set_compare_chains = playback_set_compare_chains;
  iface->get_position = playback_get_position;
  iface->get_playing = playback_get_playing;
  iface->dup_device_name = playback_dup_device_name;
  iface->dup_device_names = playback_dup_device_names;
  iface->set_chain = playback_set_chain;
  iface->set_matching = playback_set_matching;
  iface->get_gain = playback_get_gain;
  iface->get_loudness = playback_get_loudness;
  iface->dup_device_message = playback_dup_device_message;
  iface->get_meter_feed = playback_get_meter_feed;
}

/* ---- GObject --------------------------------------------------------------------------- */

static void
lq_player_playback_dispose (GObject *object)
{
  LqPlayerPlayback *self = (LqPlayerPlayback *)object;

  cancel_idle_close (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->player != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->player, self);
      lq_player_close_device (self->player);
    }
  g_clear_object (&self->player);
  release_system (self);
  g_clear_object (&self->mix);
  g_clear_pointer (&self->refs, g_hash_table_unref);

  G_OBJECT_CLASS (lq_player_playback_parent_class)->dispose (object);
}

static void
lq_player_playback_finalize (GObject *object)
{
  LqPlayerPlayback *self = (LqPlayerPlayback *)object;

  g_clear_pointer (&self->device_name, g_free);
  g_clear_pointer (&self->probe_name, g_free);
  g_clear_pointer (&self->probe_message, g_free);
  g_clear_pointer (&self->mix_path, g_free);
  g_clear_pointer (&self->compare, g_array_unref);
  g_clear_pointer (&self->ref_paths, g_ptr_array_unref);
  g_clear_pointer (&self->ref_sources, g_ptr_array_unref);
  g_clear_pointer (&self->load_error, g_free);

  G_OBJECT_CLASS (lq_player_playback_parent_class)->finalize (object);
}

static void
lq_player_playback_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LqPlayerPlayback *self = LQ_PLAYER_PLAYBACK (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_POSITION:
      g_value_set_double (value, playback_get_position (LQ_PLAYBACK (self)));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_DEVICE_OPEN:
      g_value_set_boolean (value, self->device_open);
      break;
    case PROP_IDLE_CLOSE_MS:
      g_value_set_uint (value, self->idle_close_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_player_playback_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LqPlayerPlayback *self = LQ_PLAYER_PLAYBACK (object);

  switch (prop_id)
    {
    case PROP_IDLE_CLOSE_MS:
      lq_player_playback_set_idle_close_ms (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_player_playback_class_init (LqPlayerPlaybackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lq_player_playback_dispose;
  object_class->finalize = lq_player_playback_finalize;
  object_class->get_property = lq_player_playback_get_property;
  object_class->set_property = lq_player_playback_set_property;

  g_object_class_override_property (object_class, PROP_PLAYING, "playing");
  g_object_class_override_property (object_class, PROP_POSITION, "position");
  properties [PROP_PLAYING] = g_object_class_find_property (object_class, "playing");
  properties [PROP_POSITION] = g_object_class_find_property (object_class, "position");

  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties [PROP_DEVICE_OPEN] =
    g_param_spec_boolean ("device-open", NULL, NULL, FALSE, ro);
  properties [PROP_IDLE_CLOSE_MS] =
    g_param_spec_uint ("idle-close-ms", NULL, NULL, 0, 600000, DEFAULT_IDLE_CLOSE_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, PROP_LOADING, properties [PROP_LOADING]);
  g_object_class_install_property (object_class, PROP_DEVICE_OPEN,
                                   properties [PROP_DEVICE_OPEN]);
  g_object_class_install_property (object_class, PROP_IDLE_CLOSE_MS,
                                   properties [PROP_IDLE_CLOSE_MS]);
}

static void
lq_player_playback_init (LqPlayerPlayback *self)
{
  self->idle_close_ms = DEFAULT_IDLE_CLOSE_MS;
  self->ref_paths = g_ptr_array_new_with_free_func (g_free);
  self->compare = g_array_new (FALSE, FALSE, sizeof (LqChainParams));
  self->ref_sources = g_ptr_array_new_with_free_func (g_object_unref);
  self->refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  self->player = lq_player_new ();
  /* The window matches every source to the listening level, and keeps one timeline: a
   * switch to a reference lands at the same musical position. */
  lq_player_set_match_target (self->player, LQ_MATCH_TARGET_LEVEL);
  lq_player_set_sync_references (self->player, TRUE);

  g_signal_connect_object (self->player, "notify::state",
                           G_CALLBACK (lq_player_playback_player_notify_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->player, "notify::position",
                           G_CALLBACK (lq_player_playback_player_notify_position_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->player, "notify::device-status",
                           G_CALLBACK (lq_player_playback_player_notify_device_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->player, "notify::device-message",
                           G_CALLBACK (lq_player_playback_player_notify_device_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->player, "gains-changed",
                           G_CALLBACK (lq_player_playback_player_gains_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* ---- public API ------------------------------------------------------------------------ */

LqPlayerPlayback *
lq_player_playback_new (void)
{
  return g_object_new (LQ_TYPE_PLAYER_PLAYBACK, NULL);
}

LqPlayer *
lq_player_playback_get_player (LqPlayerPlayback *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER_PLAYBACK (self), NULL);

  return self->player;
}

void
lq_player_playback_set_device (LqPlayerPlayback *self,
                               const char       *name,
                               guint             buffer_frames)
{
  g_return_if_fail (LQ_IS_PLAYER_PLAYBACK (self));

  if (name != NULL && *name == '\0')
    name = NULL;
  if (g_strcmp0 (self->device_name, name) == 0 && self->buffer_frames == buffer_frames)
    return;
  g_free (self->device_name);
  self->device_name = g_strdup (name);
  self->buffer_frames = buffer_frames;

  if (self->device_open)
    {
      /* The player reopens on the new device and goes on playing. */
      if (!open_device (self))
        lq_player_pause (self->player);
    }
  else if (self->probed)
    probe_device (self);
}

gboolean
lq_player_playback_get_loading (LqPlayerPlayback *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER_PLAYBACK (self), FALSE);

  return self->loading;
}

gboolean
lq_player_playback_get_device_open (LqPlayerPlayback *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER_PLAYBACK (self), FALSE);

  return self->device_open;
}

guint
lq_player_playback_get_idle_close_ms (LqPlayerPlayback *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER_PLAYBACK (self), 0);

  return self->idle_close_ms;
}

void
lq_player_playback_set_idle_close_ms (LqPlayerPlayback *self,
                                      guint             ms)
{
  g_return_if_fail (LQ_IS_PLAYER_PLAYBACK (self));

  if (self->idle_close_ms == ms)
    return;
  self->idle_close_ms = ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_IDLE_CLOSE_MS]);
}
