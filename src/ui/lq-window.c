/* lq-window.c
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

#include "lq-application.h"
#include "lq-presets.h"
#include "lq-view-private.h"
#include "lq-window-private.h"

#define TOAST_TIMEOUT 8

G_DEFINE_FINAL_TYPE (LqWindow, lq_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SOURCES,
  PROP_PLAYBACK,
  PROP_POSITION,
  PROP_LOOP,
  PROP_LOUDNESS_MATCH,
  PROP_FREE_REFERENCES,
  PROP_SELECTED_SOURCE,
  PROP_PRESET_ID,
  PROP_BUSY,
  PROP_MONITOR_MODE,
  PROP_LISTEN_AS,
  PROP_COMPARE,
  PROP_SELECTED_COMPARE,
  PROP_CODEC_PREVIEW,
  PROP_CODEC_HEARD,
  PROP_CODEC_ARTEFACTS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

void
_lq_window_update_title (LqWindow *self)
{
  LqSource *mix = lq_source_set_get_mix (self->sources);
  guint n_refs = lq_source_set_get_n_references (self->sources);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *name = NULL;

  if (mix == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Lacquer"));
      adw_window_title_set_title (self->title, _("Lacquer"));
      adw_window_title_set_subtitle (self->title, "");
      return;
    }

  /* The session's name (or the mix's), with "• " in front while there are unsaved changes. */
  name = lq_session_dup_name (self->session);
  if (lq_session_get_dirty (self->session))
    {
      char *marked = g_strconcat ("• ", name, NULL);

      g_free (name);
      name = marked;
    }
  /* Translators: the window title, "My Mix — Lacquer" */
  title = g_strdup_printf (_("%s — Lacquer"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->title, name);
  if (n_refs > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u reference", "%u references",
                                             n_refs), n_refs);
  adw_window_title_set_subtitle (self->title, subtitle ? subtitle : "");
}

static void
lq_window_sources_items_changed_cb (LqWindow    *self,
                                    guint        position,
                                    guint        removed,
                                    guint        added,
                                    LqSourceSet *sources)
{
  gboolean empty = lq_source_set_is_empty (sources);
  LqSource *mix = lq_source_set_get_mix (sources);

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "session");
  lq_transport_bar_set_duration (self->transport_bar, mix ? lq_source_get_duration (mix) : 0.0);
  _lq_window_update_title (self);
  _lq_window_update_actions (self);
}

static void show_loop (LqWindow *self);

static void
lq_window_sources_notify_selected_cb (LqWindow    *self,
                                      GParamSpec  *pspec,
                                      LqSourceSet *sources)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED_SOURCE]);
  show_loop (self);
}

static void
lq_window_sources_notify_match_cb (LqWindow    *self,
                                   GParamSpec  *pspec,
                                   LqSourceSet *sources)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOUDNESS_MATCH]);
  lq_window_sources_notify_selected_cb (self, NULL, sources);
}

/* A finding of the check, at start for duration: listen to the mix there, looping two
 * seconds around it (from a second before its middle, inside the mix). */
static void
lq_window_check_time_activated_cb (LqWindow    *self,
                                   double       start,
                                   double       duration,
                                   LqCheckView *view)
{
  LqSource *mix = lq_source_set_get_mix (self->sources);
  double length = mix ? lq_source_get_duration (mix) : 0.0;
  double from, to;

  if (mix == NULL)
    return;
  from = CLAMP (start + duration / 2.0 - 1.0, 0.0, MAX (0.0, length - 2.0));
  to = MIN (length, from + 2.0);
  lq_source_set_select (self->sources, LQ_SOURCE_SET_MIX);
  lq_session_set_loop_region (self->session, from, to);
  _lq_window_seek (self, from);
}

static void
lq_window_waveform_seek_cb (LqWindow       *self,
                            double          seconds,
                            LqWaveformView *view)
{
  _lq_window_seek (self, seconds);
}

/* Which loop the waveform shows and edits: a free reference's own while it is selected, the
 * session's (the mix's) otherwise. Returns the reference's index, or -1. */
static int
shown_reference_loop (LqWindow *self)
{
  int selected = lq_source_set_get_selected_index (self->sources);

  if (lq_session_get_free_references (self->session)
      && selected >= LQ_SOURCE_SET_FIRST_REFERENCE)
    return selected;
  return -1;
}

/* In sync mode a reference shorter than the loop (or the mix) plays silence past its end:
 * say so where the sources are chosen. */
static void
update_reference_note (LqWindow *self)
{
  LqSource *selected = lq_source_set_get_selected (self->sources);
  LqSource *mix = lq_source_set_get_mix (self->sources);
  g_autofree char *note = NULL;
  double start, end;

  if (selected != NULL && mix != NULL && shown_reference_loop (self) < 0
      && lq_source_get_kind (selected) == LQ_SOURCE_KIND_REFERENCE)
    {
      double length = lq_source_get_duration (selected);
      g_autofree char *time = _lq_view_format_time (length);

      if (lq_session_get_loop (self->session, &start, &end) && end > length + 0.01)
        /* Translators: %s is the reference's length; silence follows it in the loop */
        note = g_strdup_printf (_("Ends at %s, before the loop’s end"), time);
      else if (lq_source_get_duration (mix) > length + 0.01)
        /* Translators: %s is the reference's length; silence follows it */
        note = g_strdup_printf (_("Ends at %s, before the mix"),
                                time);
    }
  lq_source_bar_set_note (self->source_bar, note);
}

static void
show_loop (LqWindow *self)
{
  int ref = shown_reference_loop (self);
  double start, end;

  if (ref >= 0)
    lq_session_get_reference_loop (self->session, (guint) ref, &start, &end);
  else
    lq_session_get_loop (self->session, &start, &end);
  lq_waveform_view_set_loop (self->waveform_view, start, end);
  update_reference_note (self);
}

/* The waveform shows the loop and edits it: a drag there is the user's. */
static void
lq_window_waveform_notify_loop_cb (LqWindow       *self,
                                   GParamSpec     *pspec,
                                   LqWaveformView *view)
{
  int ref = shown_reference_loop (self);
  double start, end;

  lq_waveform_view_get_loop (view, &start, &end);
  if (ref >= 0)
    lq_session_set_reference_loop (self->session, (guint) ref, start, end);
  else
    lq_session_set_loop_region (self->session, start, end);
}

/* The transport bar's numbers edit it too. */
static void
lq_window_transport_notify_loop_cb (LqWindow       *self,
                                    GParamSpec     *pspec,
                                    LqTransportBar *bar)
{
  double start, end;

  lq_transport_bar_get_loop (bar, &start, &end);
  lq_session_set_loop_region (self->session, start, end);
}

static void
lq_window_session_notify_loop_cb (LqWindow   *self,
                                  GParamSpec *pspec,
                                  LqSession  *session)
{
  double start, end;

  lq_session_get_loop (session, &start, &end);
  lq_transport_bar_set_loop (self->transport_bar, start, end);
  if (shown_reference_loop (self) < 0)
    show_loop (self);
  else
    update_reference_note (self);
}

static void
lq_window_session_notify_cb (LqWindow   *self,
                             GParamSpec *pspec,
                             LqSession  *session)
{
  if (g_str_equal (pspec->name, "loop"))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOOP]);
      update_reference_note (self);
    }
  else if (g_str_equal (pspec->name, "free-references"))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FREE_REFERENCES]);
      show_loop (self);
    }
  else if (g_str_equal (pspec->name, "target"))
    {
      double lufs, ceiling;

      /* The Custom target's numbers first, so that views choosing it have them. */
      lq_session_get_custom_target (session, &lufs, &ceiling);
      lq_meter_panel_set_custom_target (self->meter_panel, lufs, ceiling);
      lq_chain_panel_set_custom_target (self->chain_panel, lufs, ceiling);
      if (self->settings != NULL)
        g_object_set (self->settings, LQ_SETTING_KEY_CUSTOM_LUFS, lufs,
                      LQ_SETTING_KEY_CUSTOM_CEILING, ceiling, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PRESET_ID]);
    }
  else if (g_str_equal (pspec->name, "busy"))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
  else if (g_str_equal (pspec->name, "monitor-mode"))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MONITOR_MODE]);
  else if (g_str_equal (pspec->name, "listen-as"))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LISTEN_AS]);
  else if (g_str_equal (pspec->name, "dirty") || g_str_equal (pspec->name, "path"))
    _lq_window_update_title (self);
}

static gboolean
transform_preset_to_target (GBinding     *binding,
                            const GValue *from,
                            GValue       *to,
                            gpointer      user_data)
{
  g_autoptr(GObject) window = g_binding_dup_source (binding);
  const LqPreset *preset = window ? lq_session_get_target_preset (LQ_WINDOW (window)->session)
                                  : NULL;

  if (preset == NULL)
    return FALSE;
  /* As mastered has no target line; NAN is not a valid property value, the setter takes it. */
  if (!lq_preset_has_target (preset))
    {
      lq_loudness_graph_set_target_lufs (LQ_LOUDNESS_GRAPH (user_data), NAN);
      return FALSE;
    }
  g_value_set_double (to, preset->target_lufs);
  return TRUE;
}

/* The spectrum's curves carry the gain each source is heard at: matched, or none. */
static gboolean
transform_match_to_caption (GBinding     *binding,
                            const GValue *from,
                            GValue       *to,
                            gpointer      user_data)
{
  g_value_set_string (to, g_value_get_boolean (from)
                          ? _("long-term average at matched loudness")
                          : _("long-term average at each source’s own level"));
  return TRUE;
}

static void
lq_window_playback_notify_playing_cb (LqWindow   *self,
                                      GParamSpec *pspec,
                                      LqPlayback *playback)
{
  lq_transport_bar_set_playing (self->transport_bar, lq_playback_get_playing (playback));
  /* The position and the live meters follow on the frame clock (lq-window-playback.c). */
  _lq_window_playback_update_tick (self);
  _lq_window_ears_playing_changed (self);
}

static void
lq_window_settings_notify_custom_cb (LqWindow *self)
{
  double lufs, ceiling;

  g_object_get (self->settings, LQ_SETTING_KEY_CUSTOM_LUFS, &lufs,
                LQ_SETTING_KEY_CUSTOM_CEILING, &ceiling, NULL);
  lq_session_set_custom_target (self->session, lufs, ceiling);
}

static void
lq_window_constructed (GObject *object)
{
  LqWindow *self = (LqWindow *)object;
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  G_OBJECT_CLASS (lq_window_parent_class)->constructed (object);

  if (LQ_IS_APPLICATION (app))
    self->settings = g_object_ref (lq_application_get_settings (LQ_APPLICATION (app)));
  else
    self->settings = lq_settings_new ();
  lq_chain_panel_set_settings (self->chain_panel, self->settings);
  /* The Custom target is the session's; the settings keep the last one for the next session
   * (and the export dialog edits them): both ways, each setter ignoring what it holds. */
  lq_window_settings_notify_custom_cb (self);
  g_signal_connect_object (self->settings, "notify::" LQ_SETTING_KEY_CUSTOM_LUFS,
                           G_CALLBACK (lq_window_settings_notify_custom_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::" LQ_SETTING_KEY_CUSTOM_CEILING,
                           G_CALLBACK (lq_window_settings_notify_custom_cb), self,
                           G_CONNECT_SWAPPED);

  g_object_bind_property (self->settings, LQ_SETTING_KEY_LISTENING_LEVEL,
                          self->sources, "listening-level", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->settings, LQ_SETTING_KEY_LOUDNESS_MATCH,
                          self->sources, "loudness-match",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  _lq_window_ears_init (self);
  g_object_bind_property (self->settings, LQ_SETTING_KEY_TARGET_PRESET,
                          self, "preset-id", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->settings, LQ_SETTING_KEY_WINDOW_WIDTH,
                          self, "default-width",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (self->settings, LQ_SETTING_KEY_WINDOW_HEIGHT,
                          self, "default-height",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (self->settings, LQ_SETTING_KEY_WINDOW_MAXIMIZED,
                          self, "maximized",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
}

static void
lq_window_dispose (GObject *object)
{
  LqWindow *self = (LqWindow *)object;

  _lq_window_load_dispose (self);
  _lq_window_session_dispose (self);
  if (self->playback != NULL)
    g_signal_handlers_disconnect_by_data (self->playback, self);
  self->playback = NULL;
  _lq_window_playback_dispose (self);
  _lq_window_ears_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LQ_TYPE_WINDOW);
  /* The window's playback goes with its session. */
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      lq_session_set_playback (self->session, NULL);
    }
  self->sources = NULL;
  self->chain = NULL;
  self->undo = NULL;
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lq_window_parent_class)->dispose (object);
}

static void
lq_window_finalize (GObject *object)
{
  LqWindow *self = (LqWindow *)object;

  g_clear_pointer (&self->last_toast, g_free);

  G_OBJECT_CLASS (lq_window_parent_class)->finalize (object);
}

static void
lq_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LqWindow *self = LQ_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SOURCES:
      g_value_set_object (value, self->sources);
      break;
    case PROP_PLAYBACK:
      g_value_set_object (value, self->playback);
      break;
    case PROP_POSITION:
      g_value_set_double (value, self->position);
      break;
    case PROP_LOOP:
      g_value_set_boolean (value, lq_session_get_loop (self->session, NULL, NULL));
      break;
    case PROP_LOUDNESS_MATCH:
      g_value_set_boolean (value, lq_source_set_get_loudness_match (self->sources));
      break;
    case PROP_FREE_REFERENCES:
      g_value_set_boolean (value, lq_session_get_free_references (self->session));
      break;
    case PROP_SELECTED_SOURCE:
      /* None of the set's while a compared master or the codec preview is heard. */
      g_value_set_int (value, self->compare_selected >= 0 || self->codec_heard
                              ? -1 : lq_source_set_get_selected_index (self->sources));
      break;
    case PROP_CODEC_PREVIEW:
      g_value_set_boolean (value, self->codec_preview);
      break;
    case PROP_CODEC_HEARD:
      g_value_set_boolean (value, self->codec_heard);
      break;
    case PROP_CODEC_ARTEFACTS:
      g_value_set_boolean (value, self->codec_artefacts);
      break;
    case PROP_COMPARE:
      g_value_set_boolean (value, self->compare);
      break;
    case PROP_SELECTED_COMPARE:
      g_value_set_int (value, self->compare_selected);
      break;
    case PROP_PRESET_ID:
      g_value_set_string (value, lq_session_get_target (self->session));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, lq_window_get_busy (self));
      break;
    case PROP_MONITOR_MODE:
      g_value_set_string (value,
                          lq_monitor_mode_to_name (lq_session_get_monitor_mode (self->session)));
      break;
    case PROP_LISTEN_AS:
      {
        const char *id = lq_session_get_listen_as (self->session);

        g_value_set_string (value, id != NULL ? id : "");
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LqWindow *self = LQ_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PLAYBACK:
      lq_window_set_playback (self, g_value_get_object (value));
      break;
    case PROP_POSITION:
      _lq_window_seek (self, g_value_get_double (value));
      break;
    case PROP_LOOP:
      lq_session_set_loop_enabled (self->session, g_value_get_boolean (value));
      break;
    case PROP_LOUDNESS_MATCH:
      lq_source_set_set_loudness_match (self->sources, g_value_get_boolean (value));
      break;
    case PROP_FREE_REFERENCES:
      lq_session_set_free_references (self->session, g_value_get_boolean (value));
      break;
    case PROP_SELECTED_SOURCE:
      _lq_window_codec_set_heard (self, FALSE);
      _lq_window_compare_select (self, -1);
      lq_source_set_select (self->sources, g_value_get_int (value));
      break;
    case PROP_COMPARE:
      _lq_window_compare_set_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_SELECTED_COMPARE:
      _lq_window_compare_select (self, g_value_get_int (value));
      break;
    case PROP_CODEC_PREVIEW:
      _lq_window_codec_set_preview (self, g_value_get_boolean (value));
      break;
    case PROP_CODEC_HEARD:
      _lq_window_codec_set_heard (self, g_value_get_boolean (value));
      break;
    case PROP_CODEC_ARTEFACTS:
      _lq_window_codec_set_artefacts (self, g_value_get_boolean (value));
      break;
    case PROP_PRESET_ID:
      lq_session_set_target (self->session, g_value_get_string (value));
      break;
    case PROP_MONITOR_MODE:
      {
        int mode = lq_monitor_mode_from_name (g_value_get_string (value));

        if (mode >= 0)
          lq_session_set_monitor_mode (self->session, mode);
      }
      break;
    case PROP_LISTEN_AS:
      lq_session_set_listen_as (self->session, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_window_class_init (LqWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = lq_window_constructed;
  object_class->dispose = lq_window_dispose;
  object_class->finalize = lq_window_finalize;
  object_class->get_property = lq_window_get_property;
  object_class->set_property = lq_window_set_property;

  properties [PROP_SOURCES] =
    g_param_spec_object ("sources", NULL, NULL, LQ_TYPE_SOURCE_SET,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_PLAYBACK] =
    g_param_spec_object ("playback", NULL, NULL, LQ_TYPE_PLAYBACK, flags);
  properties [PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0, flags);
  properties [PROP_LOOP] =
    g_param_spec_boolean ("loop", NULL, NULL, FALSE, flags);
  properties [PROP_LOUDNESS_MATCH] =
    g_param_spec_boolean ("loudness-match", NULL, NULL, TRUE, flags);
  /* References keep their own position and loop (the session's "free" mode). */
  properties [PROP_FREE_REFERENCES] =
    g_param_spec_boolean ("free-references", NULL, NULL, FALSE, flags);
  properties [PROP_SELECTED_SOURCE] =
    g_param_spec_int ("selected-source", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties [PROP_PRESET_ID] =
    g_param_spec_string ("preset-id", NULL, NULL, "spotify", flags);
  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The session's monitoring mode by name (lq-monitor.h), for win.monitor-mode. */
  properties [PROP_MONITOR_MODE] =
    g_param_spec_string ("monitor-mode", NULL, NULL, "stereo", flags);
  /* The session's Listen As service id, "" for matched playback, for win.listen-as. */
  properties [PROP_LISTEN_AS] =
    g_param_spec_string ("listen-as", NULL, NULL, "", flags);
  /* Compare mode: each chain snapshot heard as a master of its own (lq-window-compare.c). */
  properties [PROP_COMPARE] =
    g_param_spec_boolean ("compare", NULL, NULL, FALSE, flags);
  properties [PROP_SELECTED_COMPARE] =
    g_param_spec_int ("selected-compare", NULL, NULL, -1, G_MAXINT, -1, flags);
  /* Codec preview (lq-window-codec.c): made, heard, and heard as its artefacts only. */
  properties [PROP_CODEC_PREVIEW] =
    g_param_spec_boolean ("codec-preview", NULL, NULL, FALSE, flags);
  properties [PROP_CODEC_HEARD] =
    g_param_spec_boolean ("codec-heard", NULL, NULL, FALSE, flags);
  properties [PROP_CODEC_ARTEFACTS] =
    g_param_spec_boolean ("codec-artefacts", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LQ_TYPE_SOURCE_BAR);
  g_type_ensure (LQ_TYPE_CODEC_VIEW);
  g_type_ensure (LQ_TYPE_PLATFORMS_VIEW);
  g_type_ensure (LQ_TYPE_CHECK_VIEW);
  g_type_ensure (LQ_TYPE_WAVEFORM_VIEW);
  g_type_ensure (LQ_TYPE_LOUDNESS_GRAPH);
  g_type_ensure (LQ_TYPE_SPECTRUM_VIEW);
  g_type_ensure (LQ_TYPE_METER_PANEL);
  g_type_ensure (LQ_TYPE_TRANSPORT_BAR);
  g_type_ensure (LQ_TYPE_CHAIN_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lq-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LqWindow, title);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, load_revealer);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, load_label);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, load_progress);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, demo_button);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, source_bar);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, waveform_view);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, loudness_graph);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, spectrum_view);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, spectrum_caption);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, meter_panel);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, transport_bar);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, chain_panel);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, platforms_view);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, check_view);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, codec_view);

  _lq_window_class_actions_init (widget_class);
  _lq_window_session_class_init (widget_class);
  _lq_window_snapshots_class_init (widget_class);
  _lq_window_compare_class_init (widget_class);
  _lq_window_codec_class_init (widget_class);
  _lq_window_ears_class_init (widget_class);
}

static void
lq_window_init (LqWindow *self)
{
  self->session = lq_session_new ();
  self->sources = lq_session_get_sources (self->session);
  self->chain = lq_session_get_chain (self->session);
  self->undo = lq_session_get_undo (self->session);

  gtk_widget_init_template (GTK_WIDGET (self));

  lq_source_bar_set_sources (self->source_bar, self->sources);
  g_object_bind_property (self->session, "monitor-mode", self->source_bar, "monitor-mode",
                          G_BINDING_SYNC_CREATE);
  lq_platforms_view_set_sources (self->platforms_view, self->sources);
  g_object_bind_property (self->session, "listen-as", self->platforms_view, "listen-as",
                          G_BINDING_SYNC_CREATE);
  lq_check_view_set_sources (self->check_view, self->sources);
  g_signal_connect_object (self->check_view, "time-activated",
                           G_CALLBACK (lq_window_check_time_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sources, "items-changed",
                           G_CALLBACK (lq_window_sources_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sources, "notify::selected-index",
                           G_CALLBACK (lq_window_sources_notify_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sources, "notify::loudness-match",
                           G_CALLBACK (lq_window_sources_notify_match_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify",
                           G_CALLBACK (lq_window_session_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::loop-start",
                           G_CALLBACK (lq_window_session_notify_loop_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::loop-end",
                           G_CALLBACK (lq_window_session_notify_loop_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "reference-loop-changed",
                           G_CALLBACK (show_loop), self, G_CONNECT_SWAPPED);

  /* The views show the selected source; the spectrum compares it with another one. */
  g_object_bind_property (self->sources, "selected", self->waveform_view, "source",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->sources, "selected", self->loudness_graph, "source",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->sources, "selected", self->spectrum_view, "source",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->sources, "comparison", self->spectrum_view, "comparison",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->sources, "selected", self->meter_panel, "source",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (self->sources, "loudness-match", self->spectrum_caption, "label",
                               G_BINDING_SYNC_CREATE, transform_match_to_caption, NULL,
                               NULL, NULL);

  g_object_bind_property (self, "position", self->waveform_view, "position",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "position", self->loudness_graph, "position",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "position", self->meter_panel, "position",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "position", self->transport_bar, "position",
                          G_BINDING_SYNC_CREATE);

  g_object_bind_property (self, "preset-id", self->meter_panel, "preset-id",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property_full (self, "preset-id", self->loudness_graph, "target-lufs",
                               G_BINDING_SYNC_CREATE, transform_preset_to_target, NULL,
                               self->loudness_graph, NULL);

  g_signal_connect_object (self->waveform_view, "seek",
                           G_CALLBACK (lq_window_waveform_seek_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->waveform_view, "notify::loop-start",
                           G_CALLBACK (lq_window_waveform_notify_loop_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->waveform_view, "notify::loop-end",
                           G_CALLBACK (lq_window_waveform_notify_loop_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->transport_bar, "notify::loop-start",
                           G_CALLBACK (lq_window_transport_notify_loop_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->transport_bar, "notify::loop-end",
                           G_CALLBACK (lq_window_transport_notify_loop_cb), self,
                           G_CONNECT_SWAPPED);

  _lq_window_load_init (self);
  _lq_window_session_init (self);
  _lq_window_snapshots_init (self);
  _lq_window_compare_init (self);
  _lq_window_codec_init (self);
  _lq_window_playback_init (self);
  _lq_window_actions_init (self);
  _lq_window_dnd_init (self);
  lq_window_sources_items_changed_cb (self, 0, 0, 0, self->sources);
  gtk_widget_grab_focus (GTK_WIDGET (self->demo_button));
}

LqWindow *
lq_window_new (LqApplication *application)
{
  return g_object_new (LQ_TYPE_WINDOW, "application", application, NULL);
}

static GPtrArray *
paths_from_files (LqWindow  *self,
                  GFile    **files,
                  int        n_files)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < n_files; i++)
    {
      char *path = g_file_get_path (files[i]);

      /* libsndfile reads paths, so only local files open. */
      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);
          g_autofree char *message = g_strdup_printf (_("%s: Only local files can be opened"),
                                                      uri);

          _lq_window_toast (self, message);
          continue;
        }
      g_ptr_array_add (paths, path);
    }
  return paths;
}

void
lq_window_open_files (LqWindow  *self,
                      GFile    **files,
                      int        n_files)
{
  g_autoptr(GPtrArray) paths = NULL;

  g_return_if_fail (LQ_IS_WINDOW (self));
  g_return_if_fail (n_files == 0 || files != NULL);

  paths = paths_from_files (self, files, n_files);
  for (guint i = 0; i < paths->len; i++)
    if (lq_session_file_is_session (g_ptr_array_index (paths, i)))
      {
        _lq_window_open_session (self, g_ptr_array_index (paths, i));
        return;
      }
  if (paths->len > 0)
    _lq_window_load (self, paths, TRUE, FALSE);
}

void
lq_window_add_references (LqWindow  *self,
                          GFile    **files,
                          int        n_files)
{
  g_autoptr(GPtrArray) paths = NULL;

  g_return_if_fail (LQ_IS_WINDOW (self));
  g_return_if_fail (n_files == 0 || files != NULL);

  paths = paths_from_files (self, files, n_files);
  if (paths->len > 0)
    _lq_window_load (self, paths, FALSE, FALSE);
}

void
lq_window_open_demo (LqWindow *self)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (LQ_IS_WINDOW (self));

  _lq_window_load (self, paths, TRUE, TRUE);
}

LqSourceSet *
lq_window_get_sources (LqWindow *self)
{
  g_return_val_if_fail (LQ_IS_WINDOW (self), NULL);

  return self->sources;
}

gboolean
lq_window_get_busy (LqWindow *self)
{
  g_return_val_if_fail (LQ_IS_WINDOW (self), FALSE);

  return self->reading > 0 || (self->session != NULL && lq_session_get_busy (self->session));
}

void
_lq_window_set_reading (LqWindow *self,
                        gboolean  reading)
{
  g_assert (reading || self->reading > 0);

  self->reading += reading ? 1 : -1;
  _lq_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

LqPlayback *
lq_window_get_playback (LqWindow *self)
{
  g_return_val_if_fail (LQ_IS_WINDOW (self), NULL);

  return self->playback;
}

void
lq_window_set_playback (LqWindow   *self,
                        LqPlayback *playback)
{
  g_return_if_fail (LQ_IS_WINDOW (self));
  g_return_if_fail (!playback || LQ_IS_PLAYBACK (playback));

  if (self->playback == playback)
    return;
  if (self->playback != NULL)
    g_signal_handlers_disconnect_by_data (self->playback, self);
  lq_session_set_playback (self->session, playback);
  self->playback = playback;

  if (playback != NULL)
    {
      g_autofree char *device = lq_playback_dup_device_name (playback);

      g_signal_connect_swapped (playback, "notify::playing",
                                G_CALLBACK (lq_window_playback_notify_playing_cb), self);
      lq_transport_bar_set_device_name (self->transport_bar, device ? device : _("Audio output"));
      lq_window_playback_notify_playing_cb (self, NULL, playback);
    }
  else
    {
      lq_transport_bar_set_device_name (self->transport_bar, NULL);
      lq_transport_bar_set_playing (self->transport_bar, FALSE);
    }
  _lq_window_playback_attach (self);
  _lq_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PLAYBACK]);
}

void
_lq_window_seek (LqWindow *self,
                 double    seconds)
{
  LqSource *mix = lq_source_set_get_mix (self->sources);
  double duration = mix ? lq_source_get_duration (mix) : 0.0;

  seconds = CLAMP (seconds, 0.0, duration);
  if (self->playback != NULL)
    lq_playback_seek (self->playback, seconds);
  if (self->position == seconds)
    return;
  self->position = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_POSITION]);
}

/* The position the playback reports, followed without seeking it. */
void
_lq_window_follow_position (LqWindow *self,
                            double    seconds)
{
  if (self->position == seconds)
    return;
  self->position = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_POSITION]);
}

void
_lq_window_toast (LqWindow   *self,
                  const char *message)
{
  AdwToast *toast;

  if (self == NULL || message == NULL)
    return;
  g_free (self->last_toast);
  self->last_toast = g_strdup (message);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, TOAST_TIMEOUT);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

const char *
_lq_window_get_last_toast (LqWindow *self)
{
  g_return_val_if_fail (LQ_IS_WINDOW (self), NULL);

  return self->last_toast;
}

void
_lq_window_notify_selection (LqWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED_SOURCE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED_COMPARE]);
}

void
_lq_window_notify_codec (LqWindow   *self,
                         const char *name)
{
  if (g_str_equal (name, "codec-preview"))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CODEC_PREVIEW]);
  else if (g_str_equal (name, "codec-heard"))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CODEC_HEARD]);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CODEC_ARTEFACTS]);
}

void
_lq_window_notify_compare (LqWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COMPARE]);
}
