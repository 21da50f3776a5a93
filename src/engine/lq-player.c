/* lq-player.c
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
#include <string.h>

#include "lq-meter-feed-private.h"
#include "lq-player-private.h"

#define DEFAULT_XFADE_MS   10.0
#define DEFAULT_LISTENING  -18.0

/* A source set as the core sees it, with the references that keep its buffers alive. */
typedef struct
{
  LqRtSources     rt;     /* first: the core hands back &rt */
  LqSourceBuffer *mix;
  LqSourceBuffer *references[LQ_MAX_REFERENCES];
  LqSourceBuffer *codec[LQ_MAX_CODEC];
} PlayerSources;

GParamSpec *_lq_player_properties [PLAYER_N_PROPS];
guint       _lq_player_signals [PLAYER_N_SIGNALS];
#define properties _lq_player_properties
#define signals    _lq_player_signals

G_DEFINE_ENUM_TYPE (LqPlayerState, lq_player_state,
                    G_DEFINE_ENUM_VALUE (LQ_PLAYER_STATE_STOPPED, "stopped"),
                    G_DEFINE_ENUM_VALUE (LQ_PLAYER_STATE_PLAYING, "playing"),
                    G_DEFINE_ENUM_VALUE (LQ_PLAYER_STATE_PAUSED, "paused"))

G_DEFINE_ENUM_TYPE (LqMatchTarget, lq_match_target,
                    G_DEFINE_ENUM_VALUE (LQ_MATCH_TARGET_REFERENCE, "reference"),
                    G_DEFINE_ENUM_VALUE (LQ_MATCH_TARGET_LEVEL, "level"))

/* The nicks are the dsp layer's names, so the command line and GObject agree by
 * construction. */
GType
lq_monitor_mode_get_type (void)
{
  static gsize type = 0;
  static GEnumValue values[LQ_MONITOR_N_MODES + 1];

  if (g_once_init_enter (&type))
    {
      for (int i = 0; i < LQ_MONITOR_N_MODES; i++)
        {
          values[i].value = i;
          values[i].value_name = lq_monitor_mode_to_name (i);
          values[i].value_nick = lq_monitor_mode_to_name (i);
        }
      g_once_init_leave (&type, g_enum_register_static (g_intern_static_string ("LqMonitorMode"),
                                                        values));
    }
  return type;
}

const char *
lq_monitor_mode_get_label (LqMonitorMode mode)
{
  switch (mode)
    {
    case LQ_MONITOR_STEREO:
      return _("Stereo");
    case LQ_MONITOR_MONO:
      return _("Mono");
    case LQ_MONITOR_MID:
      return _("Mid");
    case LQ_MONITOR_SIDE:
      return _("Side");
    case LQ_MONITOR_LEFT:
      return _("Left only");
    case LQ_MONITOR_RIGHT:
      return _("Right only");
    case LQ_MONITOR_SWAP:
      return _("Swap L/R");
    case LQ_MONITOR_N_MODES:
    default:
      return NULL;
    }
}

G_DEFINE_QUARK (lq-player-error-quark, lq_player_error)

G_DEFINE_FINAL_TYPE (LqPlayer, lq_player, G_TYPE_OBJECT)

/* ---- helpers ------------------------------------------------------------------------- */

static void
player_sources_free (PlayerSources *sources)
{
  g_clear_object (&sources->mix);
  for (guint i = 0; i < LQ_MAX_REFERENCES; i++)
    g_clear_object (&sources->references[i]);
  for (guint i = 0; i < LQ_MAX_CODEC; i++)
    g_clear_object (&sources->codec[i]);
  g_clear_pointer (&sources->rt.chain, lq_chain_free);
  g_free (sources);
}

static void
release_retired (const LqRetired *retired,
                 void            *user_data)
{
  switch ((LqRetiredKind) retired->kind)
    {
    case LQ_RETIRED_SOURCES:
      player_sources_free (retired->ptr);
      break;
    case LQ_RETIRED_CHAIN_PARAMS:
      g_free (retired->ptr);
      break;
    case LQ_RETIRED_COMPARE:
      _lq_player_compare_free (retired->ptr);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
drain_retired (LqPlayer *self)
{
  LqRetired retired;

  if (self->rt == NULL)
    return;
  while (lq_engine_rt_pop_retired (self->rt, &retired))
    release_retired (&retired, self);
}

static inline gboolean
stream_running (LqPlayer *self)
{
  return self->stream != NULL;
}

/* Without a stream nobody renders: apply commands now (a render of no frames only drains
 * the command ring), so that state and retired buffers do not wait for the next render. */
static void
flush_offline (LqPlayer *self)
{
  if (self->rt != NULL && !stream_running (self))
    {
      lq_engine_rt_render (self->rt, NULL, 0);
      drain_retired (self);
    }
}

gboolean
_lq_player_push (LqPlayer        *self,
                 const LqCommand *command)
{
  if (self->rt == NULL)
    return FALSE;
  if (!lq_engine_rt_push_command (self->rt, command))
    {
      /* Only a core that nobody renders fills up; make room the offline way. */
      flush_offline (self);
      if (!lq_engine_rt_push_command (self->rt, command))
        {
          g_warning ("Player command queue full; command %u dropped", command->type);
          self->dropped_commands++;
          return FALSE;
        }
    }
  flush_offline (self);
  return TRUE;
}

void
_lq_player_push_simple (LqPlayer      *self,
                        LqCommandType  type)
{
  LqCommand cmd = { .type = type };

  _lq_player_push (self, &cmd);
}

void
_lq_player_set_state (LqPlayer      *self,
                      LqPlayerState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PLAYER_PROP_STATE]);
}

void
_lq_player_set_device_status (LqPlayer       *self,
                              LqDeviceStatus  status,
                              const char     *message)
{
  if (self->device_status != status)
    {
      self->device_status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PLAYER_PROP_DEVICE_STATUS]);
    }
  if (g_strcmp0 (self->device_message, message) != 0)
    {
      g_free (self->device_message);
      self->device_message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PLAYER_PROP_DEVICE_MESSAGE]);
    }
}

static void
send_transport_settings (LqPlayer *self)
{
  LqCommand cmd = { 0 };

  cmd.type = LQ_COMMAND_SET_CROSSFADE;
  cmd.u.frames = (uint32_t) lround (self->crossfade_ms * self->rate / 1000.0);
  _lq_player_push (self, &cmd);

  cmd.type = LQ_COMMAND_SET_SYNC;
  cmd.u.flag = self->sync;
  _lq_player_push (self, &cmd);

  cmd.type = LQ_COMMAND_SET_MONITOR;
  cmd.u.monitor = self->monitor_mode;
  _lq_player_push (self, &cmd);
}

void
_lq_player_stop_stream (LqPlayer *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_pointer (&self->stream, lq_audio_stream_close);
  if (self->rt != NULL)
    lq_engine_rt_set_out_channels (self->rt, 2);
  drain_retired (self);
}

static void
free_core (LqPlayer *self)
{
  if (self->rt == NULL)
    return;
  if (self->feed != NULL)
    _lq_meter_feed_attach (self->feed, NULL);
  lq_engine_rt_free (self->rt, release_retired, self);
  self->rt = NULL;
  self->rt_has_chain = FALSE;
  self->rt_has_compare = FALSE;
}

/* ---- GObject --------------------------------------------------------------------------- */

static void
lq_player_dispose (GObject *object)
{
  LqPlayer *self = (LqPlayer *) object;

  _lq_player_cancel_measure (self);
  _lq_player_compare_dispose (self);
  _lq_player_codec_dispose (self);
  _lq_player_stop_stream (self);
  free_core (self);
  g_clear_object (&self->device);
  g_clear_object (&self->mix);
  g_clear_pointer (&self->references, g_ptr_array_unref);
  g_clear_object (&self->feed);

  G_OBJECT_CLASS (lq_player_parent_class)->dispose (object);
}

static void
lq_player_finalize (GObject *object)
{
  LqPlayer *self = (LqPlayer *) object;

  g_free (self->device_message);
  g_clear_pointer (&self->master, lq_analysis_result_free);

  G_OBJECT_CLASS (lq_player_parent_class)->finalize (object);
}

static void
lq_player_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LqPlayer *self = LQ_PLAYER (object);

  switch (prop_id)
    {
    case PLAYER_PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PLAYER_PROP_POSITION:
      g_value_set_uint64 (value, lq_player_get_position (self));
      break;
    case PLAYER_PROP_DURATION:
      g_value_set_uint64 (value, lq_player_get_duration (self));
      break;
    case PLAYER_PROP_SAMPLE_RATE:
      g_value_set_double (value, self->rate);
      break;
    case PLAYER_PROP_SELECTED:
      g_value_set_int (value, self->selected);
      break;
    case PLAYER_PROP_CROSSFADE_MS:
      g_value_set_double (value, self->crossfade_ms);
      break;
    case PLAYER_PROP_SYNC_REFERENCES:
      g_value_set_boolean (value, self->sync);
      break;
    case PLAYER_PROP_MATCH_ENABLED:
      g_value_set_boolean (value, self->match);
      break;
    case PLAYER_PROP_MATCH_TARGET:
      g_value_set_enum (value, self->match_target);
      break;
    case PLAYER_PROP_LISTENING_LEVEL:
      g_value_set_double (value, self->listening_level);
      break;
    case PLAYER_PROP_MEASURING:
      g_value_set_boolean (value, self->measuring);
      break;
    case PLAYER_PROP_MATCHED_LEVEL:
      g_value_set_double (value, self->matched_level);
      break;
    case PLAYER_PROP_DEVICE_STATUS:
      g_value_set_enum (value, self->device_status);
      break;
    case PLAYER_PROP_DEVICE_MESSAGE:
      g_value_set_string (value, self->device_message);
      break;
    case PLAYER_PROP_DEVICE_NAME:
      g_value_set_string (value, lq_player_get_device_name (self));
      break;
    case PLAYER_PROP_MONITOR_MODE:
      g_value_set_enum (value, self->monitor_mode);
      break;
    case PLAYER_PROP_CODEC_UPDATING:
      g_value_set_boolean (value, self->codec_updating);
      break;
    case PLAYER_PROP_CODEC_SOURCE:
      g_value_set_int (value, lq_player_get_codec_source (self));
      break;
    case PLAYER_PROP_XRUNS:
      g_value_set_uint (value, self->xruns);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_player_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LqPlayer *self = LQ_PLAYER (object);

  switch (prop_id)
    {
    case PLAYER_PROP_SELECTED:
      lq_player_select (self, g_value_get_int (value));
      break;
    case PLAYER_PROP_CROSSFADE_MS:
      lq_player_set_crossfade_ms (self, g_value_get_double (value));
      break;
    case PLAYER_PROP_SYNC_REFERENCES:
      lq_player_set_sync_references (self, g_value_get_boolean (value));
      break;
    case PLAYER_PROP_MATCH_ENABLED:
      lq_player_set_match_enabled (self, g_value_get_boolean (value));
      break;
    case PLAYER_PROP_MATCH_TARGET:
      lq_player_set_match_target (self, g_value_get_enum (value));
      break;
    case PLAYER_PROP_LISTENING_LEVEL:
      lq_player_set_listening_level (self, g_value_get_double (value));
      break;
    case PLAYER_PROP_MONITOR_MODE:
      lq_player_set_monitor_mode (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_player_class_init (LqPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lq_player_dispose;
  object_class->finalize = lq_player_finalize;
  object_class->get_property = lq_player_get_property;
  object_class->set_property = lq_player_set_property;

  properties [PLAYER_PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, LQ_TYPE_PLAYER_STATE, LQ_PLAYER_STATE_STOPPED, ro);
  /* Notified on the main loop's tick while playing; read it on the frame clock instead. */
  properties [PLAYER_PROP_POSITION] =
    g_param_spec_uint64 ("position", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties [PLAYER_PROP_DURATION] =
    g_param_spec_uint64 ("duration", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties [PLAYER_PROP_SAMPLE_RATE] =
    g_param_spec_double ("sample-rate", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  properties [PLAYER_PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL, 0, LQ_MAX_SLOTS - 1, LQ_SLOT_MIX, rw);
  properties [PLAYER_PROP_CROSSFADE_MS] =
    g_param_spec_double ("crossfade-ms", NULL, NULL, 0.0, 200.0, DEFAULT_XFADE_MS, rw);
  properties [PLAYER_PROP_SYNC_REFERENCES] =
    g_param_spec_boolean ("sync-references", NULL, NULL, FALSE, rw);
  properties [PLAYER_PROP_MATCH_ENABLED] =
    g_param_spec_boolean ("match-enabled", NULL, NULL, TRUE, rw);
  properties [PLAYER_PROP_MATCH_TARGET] =
    g_param_spec_enum ("match-target", NULL, NULL, LQ_TYPE_MATCH_TARGET,
                       LQ_MATCH_TARGET_REFERENCE, rw);
  properties [PLAYER_PROP_LISTENING_LEVEL] =
    g_param_spec_double ("listening-level", NULL, NULL, -70.0, 0.0, DEFAULT_LISTENING, rw);
  properties [PLAYER_PROP_MEASURING] =
    g_param_spec_boolean ("measuring", NULL, NULL, FALSE, ro);
  /* The common level every source is heard at (NaN while matching is off or unknown). */
  properties [PLAYER_PROP_MATCHED_LEVEL] =
    g_param_spec_double ("matched-level", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, ro);
  properties [PLAYER_PROP_DEVICE_STATUS] =
    g_param_spec_enum ("device-status", NULL, NULL, LQ_TYPE_DEVICE_STATUS,
                       LQ_DEVICE_STATUS_CLOSED, ro);
  properties [PLAYER_PROP_DEVICE_MESSAGE] =
    g_param_spec_string ("device-message", NULL, NULL, NULL, ro);
  properties [PLAYER_PROP_DEVICE_NAME] =
    g_param_spec_string ("device-name", NULL, NULL, NULL, ro);
  /* How what is heard reaches the loudspeakers (the meters read it after this too). */
  properties [PLAYER_PROP_MONITOR_MODE] =
    g_param_spec_enum ("monitor-mode", NULL, NULL, LQ_TYPE_MONITOR_MODE, LQ_MONITOR_STEREO, rw);
  properties [PLAYER_PROP_XRUNS] =
    g_param_spec_uint ("xruns", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /* The codec preview is being made again: its result is not the current master's. */
  properties [PLAYER_PROP_CODEC_UPDATING] =
    g_param_spec_boolean ("codec-updating", NULL, NULL, FALSE, ro);
  /* What the codec preview encodes: -1 the master, else a reference's index. */
  properties [PLAYER_PROP_CODEC_SOURCE] =
    g_param_spec_int ("codec-source", NULL, NULL, -1, LQ_MAX_REFERENCES - 1, -1, ro);
  g_object_class_install_properties (object_class, PLAYER_N_PROPS, properties);

  /* The mix reached its end and playback stopped there. */
  signals [PLAYER_SIGNAL_END_OF_STREAM] =
    g_signal_new ("end-of-stream", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A slot's applied gain changed (matching, a trim, a re-measured master). */
  signals [PLAYER_SIGNAL_GAINS_CHANGED] =
    g_signal_new ("gains-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The master's own analysis is current (lq_player_get_master_analysis). */
  signals [PLAYER_SIGNAL_MASTER_MEASURED] =
    g_signal_new ("master-measured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The codec preview finished (lq_player_get_codec_result), or failed
   * (lq_player_get_codec_error). */
  signals [PLAYER_SIGNAL_CODEC_READY] =
    g_signal_new ("codec-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* lq_player_set_sources () took a set (the references may be others, or in another
   * order). */
  signals [PLAYER_SIGNAL_SOURCES_CHANGED] =
    g_signal_new ("sources-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lq_player_init (LqPlayer *self)
{
  self->references = g_ptr_array_new_with_free_func (g_object_unref);
  self->feed = _lq_meter_feed_new ();
  self->crossfade_ms = DEFAULT_XFADE_MS;
  self->match = TRUE;
  self->match_target = LQ_MATCH_TARGET_REFERENCE;
  self->listening_level = DEFAULT_LISTENING;
  self->selected = LQ_SLOT_MIX;
  self->matched_level = NAN;
  self->limited_by = -1;
  lq_chain_params_init_default (&self->chain_params);
}

/* ---- public API ------------------------------------------------------------------------ */

LqPlayer *
lq_player_new (void)
{
  return g_object_new (LQ_TYPE_PLAYER, NULL);
}

LqChain *
_lq_player_make_chain (LqPlayer             *self,
                       const LqChainParams  *params,
                       GError              **error)
{
  LqChainConfig config = {
    .sample_rate = self->rate,
    .channels = 2,
    .max_frames = LQ_ENGINE_RT_BLOCK,
  };
  LqStatus status = LQ_OK;
  LqChain *chain = lq_chain_new (&config, &status);

  if (chain == NULL)
    {
      g_set_error (error, LQ_PLAYER_ERROR, LQ_PLAYER_ERROR_FAILED,
                   _("The mastering chain could not be set up at %.0f Hz (%s)"),
                   self->rate, lq_status_to_string (status));
      return NULL;
    }
  lq_chain_set_params (chain, params);
  return chain;
}

/* Every reference at the mix's rate, and not too many of them. */
static gboolean
check_sources (LqSourceBuffer  *mix,
               LqSourceBuffer **references,
               guint            n_references,
               GError         **error)
{
  double rate = lq_source_buffer_get_sample_rate (mix);

  if (n_references > LQ_MAX_REFERENCES)
    {
      g_set_error (error, LQ_PLAYER_ERROR, LQ_PLAYER_ERROR_INVALID,
                   _("%s: at most %d references can be compared"),
                   lq_source_buffer_get_display_name (references[LQ_MAX_REFERENCES]),
                   LQ_MAX_REFERENCES);
      return FALSE;
    }
  for (guint i = 0; i < n_references; i++)
    if (lq_source_buffer_get_sample_rate (references[i]) != rate)
      {
        g_set_error (error, LQ_PLAYER_ERROR, LQ_PLAYER_ERROR_INVALID,
                     _("%s: loaded at %.0f Hz, but the session runs at %.0f Hz"),
                     lq_source_buffer_get_display_name (references[i]),
                     lq_source_buffer_get_sample_rate (references[i]), rate);
        return FALSE;
      }
  return TRUE;
}

/* A core at rate; another rate needs another core (and stream). Returns the device to reopen
 * (the stream had to close), or NULL. */
static gboolean
ensure_core (LqPlayer       *self,
             double          rate,
             LqAudioDevice **reopen,
             GError        **error)
{
  LqEngineRtConfig config = { .sample_rate = rate, .out_channels = 2 };

  if (self->rt != NULL && rate != self->rate)
    {
      if (self->stream != NULL)
        *reopen = g_object_ref (self->device);
      _lq_player_stop_stream (self);
      free_core (self);
    }
  self->rate = rate;
  if (self->rt != NULL)
    return TRUE;

  self->rt = lq_engine_rt_new (&config);
  if (self->rt == NULL)
    {
      g_set_error (error, LQ_PLAYER_ERROR, LQ_PLAYER_ERROR_FAILED,
                   _("Playback could not be set up at %.0f Hz"), rate);
      return FALSE;
    }
  _lq_meter_feed_attach (self->feed, self->rt);
  self->last_scheduled = 0;
  self->end_count_seen = 0;
  return TRUE;
}

static void
rt_source_init (LqRtSource     *rt,
                LqSourceBuffer *buffer)
{
  rt->data[0] = lq_source_buffer_get_data (buffer, 0);
  rt->data[1] = lq_source_buffer_get_data (buffer, 1);
  rt->frames = lq_source_buffer_get_frames (buffer);
  rt->channels = lq_source_buffer_get_channels (buffer);
}

/* The set the core will take, holding references on the buffers it points into. The first
 * set a core gets carries the chain; later ones keep the chain in use (the core moves it). */
static PlayerSources *
make_player_sources (LqPlayer        *self,
                     LqSourceBuffer  *mix,
                     LqSourceBuffer **references,
                     guint            n_references,
                     GError         **error)
{
  PlayerSources *sources = g_new0 (PlayerSources, 1);

  sources->mix = g_object_ref (mix);
  rt_source_init (&sources->rt.mix, mix);
  sources->rt.n_references = n_references;
  for (guint i = 0; i < n_references; i++)
    {
      sources->references[i] = g_object_ref (references[i]);
      rt_source_init (&sources->rt.references[i], references[i]);
    }
  for (guint i = 0; i < LQ_MAX_CODEC; i++)
    if (self->codec[i] != NULL && self->mix == mix)
      {
        sources->codec[i] = g_object_ref (self->codec[i]);
        rt_source_init (&sources->rt.codec[i], self->codec[i]);
      }
  if (!self->rt_has_chain)
    {
      sources->rt.chain = _lq_player_make_chain (self, &self->chain_params, error);
      if (sources->rt.chain == NULL)
        {
          player_sources_free (sources);
          return NULL;
        }
      self->chain_latency = lq_chain_get_latency (sources->rt.chain);
      self->rt_has_chain = TRUE;
    }
  return sources;
}

static void
send_reference_loop (LqPlayer *self,
                     guint     index)
{
  LqCommand cmd = { .type = LQ_COMMAND_SET_REF_LOOP };

  cmd.slot = LQ_SLOT_REFERENCE + (int) index;
  cmd.u.loop.enabled = self->ref_loops[index].enabled;
  cmd.u.loop.start = self->ref_loops[index].start;
  cmd.u.loop.end = self->ref_loops[index].end;
  _lq_player_push (self, &cmd);
}

/* Each reference's loop stays with it in the new list (matched by buffer). */
static void
remap_reference_loops (LqPlayer        *self,
                       LqSourceBuffer **references,
                       guint            n_references)
{
  typeof (self->ref_loops) loops = { 0 };

  for (guint i = 0; i < n_references; i++)
    {
      guint j;

      if (g_ptr_array_find (self->references, references[i], &j) && j < LQ_MAX_REFERENCES)
        loops[i] = self->ref_loops[j];
    }
  memcpy (self->ref_loops, loops, sizeof loops);
}

/* A new mix stops playback and drops the loop and the master's measurement. */
static void
reset_for_new_mix (LqPlayer *self)
{
  LqCommand loop = { .type = LQ_COMMAND_SET_LOOP };

  _lq_player_push_simple (self, LQ_COMMAND_STOP);
  _lq_player_push (self, &loop);
  self->loop = FALSE;
  self->loop_start = self->loop_end = 0;
  _lq_player_set_state (self, LQ_PLAYER_STATE_STOPPED);
  g_clear_pointer (&self->master, lq_analysis_result_free);
}

gboolean
lq_player_set_sources (LqPlayer        *self,
                       LqSourceBuffer  *mix,
                       LqSourceBuffer **references,
                       guint            n_references,
                       GError         **error)
{
  g_autoptr(LqAudioDevice) device = NULL;
  PlayerSources *sources;
  LqCommand cmd = { .type = LQ_COMMAND_SET_SOURCES };
  gboolean new_mix;
  int codec_source;

  g_return_val_if_fail (LQ_IS_PLAYER (self), FALSE);
  g_return_val_if_fail (LQ_IS_SOURCE_BUFFER (mix), FALSE);
  g_return_val_if_fail (n_references == 0 || references != NULL, FALSE);

  if (!check_sources (mix, references, n_references, error))
    return FALSE;
  codec_source = lq_player_get_codec_source (self);
  _lq_player_codec_check_references (self, references, n_references);
  /* A codec preview of another mix is of no use any more. */
  if (self->mix != NULL && self->mix != mix)
    _lq_player_codec_clear (self);
  if (!ensure_core (self, lq_source_buffer_get_sample_rate (mix), &device, error))
    return FALSE;
  if (!(sources = make_player_sources (self, mix, references, n_references, error)))
    return FALSE;

  new_mix = self->mix != mix;
  g_set_object (&self->mix, mix);
  remap_reference_loops (self, references, n_references);
  g_ptr_array_set_size (self->references, 0);
  for (guint i = 0; i < n_references; i++)
    g_ptr_array_add (self->references, g_object_ref (references[i]));
  if (new_mix)
    reset_for_new_mix (self);

  cmd.u.ptr = &sources->rt;
  if (!_lq_player_push (self, &cmd))
    player_sources_free (sources);
  send_transport_settings (self);
  for (guint i = 0; i < n_references; i++)
    send_reference_loop (self, i);
  if (lq_slot_is_reference (self->selected)
      && (guint) (self->selected - LQ_SLOT_REFERENCE) >= n_references)
    lq_player_select (self, LQ_SLOT_MIX);
  if (lq_slot_is_codec (self->selected) && self->codec[self->selected - LQ_SLOT_CODEC] == NULL)
    lq_player_select (self, LQ_SLOT_MASTER);
  _lq_player_compare_send (self);

  for (guint s = 0; s < LQ_MAX_SLOTS; s++)
    self->gains[s] = NAN;     /* resend every gain to this core */
  _lq_player_update_gains (self);
  if (new_mix)
    {
      _lq_player_schedule_measure (self, 0);
      _lq_player_compare_measure (self);
      _lq_player_codec_schedule (self, 0);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PLAYER_PROP_DURATION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PLAYER_PROP_SAMPLE_RATE]);
  /* The previewed reference moved, or went (the master's preview then). */
  if (lq_player_get_codec_source (self) != codec_source)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PLAYER_PROP_CODEC_SOURCE]);
  g_signal_emit (self, signals [PLAYER_SIGNAL_SOURCES_CHANGED], 0);

  if (device != NULL)
    {
      g_autoptr(GError) local = NULL;

      if (!lq_player_open_device (self, lq_audio_device_get_name (device), self->buffer_frames,
                                  &local))
        g_debug ("Reopening the device at %.0f Hz: %s", self->rate, local->message);
    }
  return TRUE;
}

void
_lq_player_resend_sources (LqPlayer *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) references = NULL;

  if (self->mix == NULL)
    return;
  /* A copy holding its own references: set_sources empties self->references before it
   * fills it again. */
  references = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->references->len; i++)
    g_ptr_array_add (references, g_object_ref (g_ptr_array_index (self->references, i)));
  if (!lq_player_set_sources (self, self->mix, (LqSourceBuffer **) references->pdata,
                              references->len, &error))
    g_warning ("Playback of the codec preview: %s", error->message);
}

LqSourceBuffer *
lq_player_get_mix (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), NULL);
  return self->mix;
}

guint
lq_player_get_n_references (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), 0);
  return self->references->len;
}

LqSourceBuffer *
lq_player_get_reference (LqPlayer *self,
                         guint     index)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), NULL);
  g_return_val_if_fail (index < self->references->len, NULL);
  return g_ptr_array_index (self->references, index);
}

double
lq_player_get_sample_rate (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), 0.0);
  return self->rate;
}

guint64
lq_player_get_duration (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), 0);
  return self->mix ? lq_source_buffer_get_frames (self->mix) : 0;
}

void
lq_player_set_chain_params (LqPlayer            *self,
                            const LqChainParams *params)
{
  LqCommand cmd = { .type = LQ_COMMAND_SET_CHAIN_PARAMS };

  g_return_if_fail (LQ_IS_PLAYER (self));
  g_return_if_fail (params != NULL);

  if (memcmp (&self->chain_params, params, sizeof *params) == 0)
    return;
  self->chain_params = *params;
  if (self->rt != NULL)
    {
      cmd.u.ptr = g_memdup2 (params, sizeof *params);
      if (!_lq_player_push (self, &cmd))
        g_free (cmd.u.ptr);
      _lq_player_schedule_measure (self, 300);
      _lq_player_codec_chain_changed (self);
    }
}

void
lq_player_get_chain_params (LqPlayer      *self,
                            LqChainParams *params)
{
  g_return_if_fail (LQ_IS_PLAYER (self));
  *params = self->chain_params;
}

guint
lq_player_get_chain_latency (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), 0);
  return self->chain_latency;
}

/* ---- transport ------------------------------------------------------------------------- */

void
lq_player_play (LqPlayer *self)
{
  g_return_if_fail (LQ_IS_PLAYER (self));

  if (self->mix == NULL)
    return;
  _lq_player_push_simple (self, LQ_COMMAND_PLAY);
  _lq_player_set_state (self, LQ_PLAYER_STATE_PLAYING);
}

void
lq_player_pause (LqPlayer *self)
{
  g_return_if_fail (LQ_IS_PLAYER (self));

  if (self->state != LQ_PLAYER_STATE_PLAYING)
    return;
  _lq_player_push_simple (self, LQ_COMMAND_PAUSE);
  _lq_player_set_state (self, LQ_PLAYER_STATE_PAUSED);
}

void
lq_player_stop (LqPlayer *self)
{
  g_return_if_fail (LQ_IS_PLAYER (self));

  _lq_player_push_simple (self, LQ_COMMAND_STOP);
  _lq_player_set_state (self, LQ_PLAYER_STATE_STOPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PLAYER_PROP_POSITION]);
}

void
lq_player_seek (LqPlayer *self,
                guint64   frame)
{
  LqCommand cmd = { .type = LQ_COMMAND_SEEK };

  g_return_if_fail (LQ_IS_PLAYER (self));

  cmd.u.frame = frame;
  _lq_player_push (self, &cmd);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PLAYER_PROP_POSITION]);
}

void
lq_player_set_loop (LqPlayer *self,
                    gboolean  enabled,
                    guint64   start,
                    guint64   end)
{
  LqCommand cmd = { .type = LQ_COMMAND_SET_LOOP };
  guint64 duration;

  g_return_if_fail (LQ_IS_PLAYER (self));

  duration = lq_player_get_duration (self);
  end = MIN (end, duration);
  enabled = enabled && end > start;
  self->loop = enabled;
  self->loop_start = enabled ? start : 0;
  self->loop_end = enabled ? end : 0;
  cmd.u.loop.enabled = enabled;
  cmd.u.loop.start = start;
  cmd.u.loop.end = end;
  _lq_player_push (self, &cmd);
}

gboolean
lq_player_get_loop (LqPlayer *self,
                    guint64  *start,
                    guint64  *end)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), FALSE);

  if (start)
    *start = self->loop_start;
  if (end)
    *end = self->loop_end;
  return self->loop;
}

LqPlayerState
lq_player_get_state (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), LQ_PLAYER_STATE_STOPPED);
  return self->state;
}

guint64
lq_player_get_position (LqPlayer *self)
{
  guint64 position, latency;

  g_return_val_if_fail (LQ_IS_PLAYER (self), 0);

  if (self->rt == NULL)
    return 0;
  position = lq_engine_rt_get_position (self->rt);
  /* The core renders ahead of the loudspeakers by the device's output latency. */
  if (self->stream != NULL && lq_engine_rt_get_state (self->rt) == LQ_ENGINE_RT_PLAYING)
    {
      latency = (guint64) (lq_player_get_output_latency (self) * self->rate);
      position -= MIN (position, latency);
    }
  return position;
}

guint64
lq_player_get_stream_frame (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), 0);
  return self->rt ? lq_engine_rt_get_stream_frame (self->rt) : 0;
}

/* ---- switching ------------------------------------------------------------------------- */

static gboolean
slot_exists (LqPlayer *self,
             int       slot)
{
  return slot == LQ_SLOT_MIX || slot == LQ_SLOT_MASTER
         || (lq_slot_is_reference (slot)
             && (guint) (slot - LQ_SLOT_REFERENCE) < self->references->len)
         || (lq_slot_is_compare (slot) && (guint) (slot - LQ_SLOT_COMPARE) < self->n_compare)
         || (lq_slot_is_codec (slot) && self->codec[slot - LQ_SLOT_CODEC] != NULL);
}

void
lq_player_select (LqPlayer *self,
                  int       slot)
{
  LqCommand cmd = { .type = LQ_COMMAND_SELECT };

  g_return_if_fail (LQ_IS_PLAYER (self));

  if (self->rt == NULL || !slot_exists (self, slot))
    return;
  /* Even when it looks selected already: a scheduled switch may have moved the core since
   * the last update. The core ignores a switch to what it plays. */
  cmd.slot = slot;
  /* The render running now may have missed the command; the one after has it. */
  self->select_renders = lq_engine_rt_get_renders (self->rt) + 2;
  _lq_player_push (self, &cmd);
  if (slot == self->selected)
    return;
  self->selected = slot;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PLAYER_PROP_SELECTED]);
}

gboolean
lq_player_schedule_select (LqPlayer  *self,
                           int        slot,
                           guint64    stream_frame,
                           GError   **error)
{
  LqCommand cmd = { .type = LQ_COMMAND_SELECT };

  g_return_val_if_fail (LQ_IS_PLAYER (self), FALSE);

  if (self->rt == NULL || !slot_exists (self, slot))
    {
      g_set_error (error, LQ_PLAYER_ERROR, LQ_PLAYER_ERROR_INVALID,
                   _("There is no source %d to switch to"), slot);
      return FALSE;
    }
  if (stream_frame < self->last_scheduled)
    {
      g_set_error (error, LQ_PLAYER_ERROR, LQ_PLAYER_ERROR_INVALID,
                   _("Switches must be scheduled in order (frame %" G_GUINT64_FORMAT
                     " comes before %" G_GUINT64_FORMAT ")"),
                   stream_frame, self->last_scheduled);
      return FALSE;
    }
  cmd.slot = slot;
  cmd.at_frame = stream_frame;
  if (!lq_engine_rt_push_scheduled (self->rt, &cmd))
    {
      g_set_error_literal (error, LQ_PLAYER_ERROR, LQ_PLAYER_ERROR_BUSY,
                           _("Too many switches are waiting to happen"));
      return FALSE;
    }
  self->last_scheduled = stream_frame;
  return TRUE;
}

int
lq_player_get_selected (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), LQ_SLOT_MIX);
  return self->selected;
}

guint64
lq_player_get_switch_frame (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), 0);
  return self->rt ? lq_engine_rt_get_switch_frame (self->rt) : 0;
}

void
lq_player_set_crossfade_ms (LqPlayer *self,
                            double    ms)
{
  g_return_if_fail (LQ_IS_PLAYER (self));

  ms = CLAMP (ms, 0.0, 200.0);
  if (ms == self->crossfade_ms)
    return;
  self->crossfade_ms = ms;
  if (self->rt != NULL)
    send_transport_settings (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PLAYER_PROP_CROSSFADE_MS]);
}

double
lq_player_get_crossfade_ms (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), 0.0);
  return self->crossfade_ms;
}

void
lq_player_set_sync_references (LqPlayer *self,
                               gboolean  sync)
{
  g_return_if_fail (LQ_IS_PLAYER (self));

  sync = !!sync;
  if (sync == self->sync)
    return;
  self->sync = sync;
  if (self->rt != NULL)
    send_transport_settings (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PLAYER_PROP_SYNC_REFERENCES]);
}

gboolean
lq_player_get_sync_references (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), FALSE);
  return self->sync;
}

void
lq_player_set_monitor_mode (LqPlayer      *self,
                            LqMonitorMode  mode)
{
  g_return_if_fail (LQ_IS_PLAYER (self));
  g_return_if_fail (lq_monitor_mode_to_name (mode) != NULL);

  if (mode == self->monitor_mode)
    return;
  self->monitor_mode = mode;
  if (self->rt != NULL)
    send_transport_settings (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PLAYER_PROP_MONITOR_MODE]);
}

LqMonitorMode
lq_player_get_monitor_mode (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), LQ_MONITOR_STEREO);
  return self->monitor_mode;
}

void
lq_player_set_reference_loop (LqPlayer *self,
                              guint     index,
                              gboolean  enabled,
                              guint64   start,
                              guint64   end)
{
  g_return_if_fail (LQ_IS_PLAYER (self));
  g_return_if_fail (index < LQ_MAX_REFERENCES);

  if (index < self->references->len)
    end = MIN (end, lq_source_buffer_get_frames (g_ptr_array_index (self->references, index)));
  enabled = enabled && end > start;
  self->ref_loops[index].enabled = enabled;
  self->ref_loops[index].start = enabled ? start : 0;
  self->ref_loops[index].end = enabled ? end : 0;
  if (self->rt != NULL && index < self->references->len)
    send_reference_loop (self, index);
}

gboolean
lq_player_get_reference_loop (LqPlayer *self,
                              guint     index,
                              guint64  *start,
                              guint64  *end)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), FALSE);
  g_return_val_if_fail (index < LQ_MAX_REFERENCES, FALSE);

  if (start)
    *start = self->ref_loops[index].start;
  if (end)
    *end = self->ref_loops[index].end;
  return self->ref_loops[index].enabled;
}

LqMeterFeed *
lq_player_get_meter_feed (LqPlayer *self)
{
  g_return_val_if_fail (LQ_IS_PLAYER (self), NULL);
  return self->feed;
}

void
lq_player_reset_meters (LqPlayer *self)
{
  LqCommand cmd = { .type = LQ_COMMAND_RESET_METERS };

  g_return_if_fail (LQ_IS_PLAYER (self));

  cmd.u.frames = ++self->meter_reset_serial;
  lq_meter_feed_update (self->feed);
  if (_lq_player_push (self, &cmd))
    _lq_meter_feed_reset_await (self->feed, cmd.u.frames);
  else
    lq_meter_feed_reset (self->feed);
}

/* ---- rendering and housekeeping -------------------------------------------------------- */

void
lq_player_render (LqPlayer *self,
                  float    *out,
                  guint     n_frames)
{
  g_return_if_fail (LQ_IS_PLAYER (self));
  g_return_if_fail (out != NULL || n_frames == 0);
  g_return_if_fail (self->stream == NULL);

  if (self->rt == NULL)
    {
      memset (out, 0, (gsize) n_frames * 2 * sizeof (float));
      return;
    }
  lq_engine_rt_render (self->rt, out, n_frames);
}

void
lq_player_update (LqPlayer *self)
{
  guint32 end_count;
  guint xruns;
  int slot;
  guint64 position;

  g_return_if_fail (LQ_IS_PLAYER (self));

  if (self->rt == NULL)
    return;

  drain_retired (self);

  end_count = lq_engine_rt_get_end_count (self->rt);
  if (end_count != self->end_count_seen)
    {
      self->end_count_seen = end_count;
      _lq_player_set_state (self, LQ_PLAYER_STATE_STOPPED);
      g_signal_emit (self, signals [PLAYER_SIGNAL_END_OF_STREAM], 0);
    }

  /* Follow scheduled switches, once the core has seen the last immediate one. */
  slot = lq_engine_rt_get_slot (self->rt);
  if (slot != self->selected && lq_engine_rt_get_renders (self->rt) >= self->select_renders)
    {
      self->selected = slot;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PLAYER_PROP_SELECTED]);
    }

  position = lq_engine_rt_get_position (self->rt);
  if (position != self->last_position)
    {
      self->last_position = position;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PLAYER_PROP_POSITION]);
    }

  xruns = lq_engine_rt_get_xruns (self->rt);
  if (xruns != self->xruns)
    {
      self->xruns = xruns;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PLAYER_PROP_XRUNS]);
    }

  _lq_player_check_device (self);
}
