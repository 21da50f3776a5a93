/* lq-window-private.h
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

#pragma once

#include "lq-chain-model.h"
#include "lq-chain-panel.h"
#include "lq-ears.h"
#include "lq-check-view.h"
#include "lq-codec-view.h"
#include "lq-live-meters.h"
#include "lq-loudness-graph.h"
#include "lq-meter-panel.h"
#include "lq-platforms-view.h"
#include "lq-player.h"
#include "lq-session.h"
#include "lq-settings.h"
#include "lq-source-bar.h"
#include "lq-spectrum-view.h"
#include "lq-transport-bar.h"
#include "lq-undo-stack.h"
#include "lq-waveform-view.h"
#include "lq-window.h"

G_BEGIN_DECLS

struct _LqWindow
{
  AdwApplicationWindow  parent_instance;

  LqSettings           *settings;
  /* The session this window is a view of; sources, chain, undo and playback are the
   * session's, borrowed here for brevity. */
  LqSession            *session;
  LqSourceSet          *sources;
  LqChainModel         *chain;
  LqUndoStack          *undo;
  LqPlayback           *playback;
  double                position;
  guint                 tick_id;      /* lq-window-playback.c */
  gboolean              blind;        /* a blind test is up: the live meters show nothing */
  gboolean              compare;      /* lq-window-compare.c: snapshots heard as masters */
  int                   compare_selected; /* the compared master heard, -1: a source of the set */
  LqLiveMeters         *live;
  char                 *last_toast;

  /* lq-window-ears.c */
  LqEars               *ears;
  guint                 ears_timeout_id;
  int                   ears_reference;  /* the reference reset ears plays, or -1 */

  /* lq-window-load.c: the banner that shows the session's loading */
  guint                 progress_id;
  gint64                load_started;

  /* lq-window-session.c */
  GtkWidget            *last_dialog;   /* weak: the last message dialog shown */
  guint                 reading;       /* session files being read (busy meanwhile) */
  guint                 recovery_id;
  gboolean              close_confirmed;
  gboolean              close_after_save;

  /* template */
  AdwWindowTitle       *title;
  GtkButton            *export_button;
  GtkRevealer          *load_revealer;
  GtkLabel             *load_label;
  GtkProgressBar       *load_progress;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *status_page;
  GtkButton            *demo_button;
  LqSourceBar          *source_bar;
  LqWaveformView       *waveform_view;
  LqLoudnessGraph      *loudness_graph;
  LqSpectrumView       *spectrum_view;
  GtkLabel             *spectrum_caption;
  LqMeterPanel         *meter_panel;
  LqTransportBar       *transport_bar;
  GtkStack             *view_stack;
  LqChainPanel         *chain_panel;
  LqPlatformsView      *platforms_view;
  GtkMenuButton        *ears_button;
  GtkLabel             *ears_label;
  GtkLabel             *ears_dose_label;
  LqCheckView          *check_view;
  LqCodecView          *codec_view;
  /* lq-window-codec.c */
  gboolean              codec_preview;   /* the player makes a codec preview */
  gboolean              codec_heard;     /* it is what is heard (no source of the set is) */
  gboolean              codec_artefacts; /* heard as its artefacts only */
  gulong                codec_handlers[4];
  LqPlayer             *codec_player;    /* the player the handlers are on (weak) */
};

/* lq-window.c */
void        _lq_window_toast             (LqWindow     *self,
                                          const char   *message);
const char *_lq_window_get_last_toast    (LqWindow     *self);
void        _lq_window_seek              (LqWindow     *self,
                                          double        seconds);
void        _lq_window_update_actions    (LqWindow     *self);
void        _lq_window_follow_position   (LqWindow     *self,
                                          double        seconds);
void        _lq_window_update_title      (LqWindow     *self);
/* A session file is being read (or no longer): the window is busy meanwhile. */
void        _lq_window_set_reading       (LqWindow     *self,
                                          gboolean      reading);

/* lq-window-actions.c */
void        _lq_window_class_actions_init (GtkWidgetClass *widget_class);
void        _lq_window_actions_init       (LqWindow       *self);

/* lq-window-playback.c: the playback's device status, gains and matching, and the frame
 * clock that moves the playhead and drains the live meters while playing. */
void        _lq_window_playback_init        (LqWindow     *self);
void        _lq_window_playback_dispose     (LqWindow     *self);
/* After self->playback changed (the old one already disconnected). */
void        _lq_window_playback_attach      (LqWindow     *self);
void        _lq_window_playback_update_tick (LqWindow     *self);
/* While a blind test runs, the meters, the spectrum and the gain reduction would show what X
 * is (a limited master reads differently): they are blanked, and come back after. */
void        _lq_window_playback_set_blind   (LqWindow     *self,
                                             gboolean      blind);

/* lq-window-snapshots.c: the win.snapshot-* actions and the chain panel's snapshots menu. */
void        _lq_window_snapshots_class_init (GtkWidgetClass *widget_class);
void        _lq_window_snapshots_init       (LqWindow       *self);

/* lq-window-compare.c: compare mode. The compared masters live beside the session's source
 * set (the set treats every index past the master as a reference); selecting one leaves the
 * set's selection as it was, with no button of the set active. */
void        _lq_window_compare_class_init   (GtkWidgetClass *widget_class);
void        _lq_window_compare_init         (LqWindow       *self);
void        _lq_window_compare_set_enabled  (LqWindow       *self,
                                             gboolean        enabled);
guint       _lq_window_compare_get_n        (LqWindow       *self);
/* i < 0: back to the set's selection. */
void        _lq_window_compare_select       (LqWindow       *self,
                                             int             i);
/* The compared master heard ("Master A"), or NULL. */
char       *_lq_window_compare_dup_heard    (LqWindow       *self);
/* lq-window-codec.c: the codec preview page, its source in the switcher (win.codec-preview,
 * win.hear-codec, win.codec-artefacts), seeking to its overs and its safe ceiling. */
void        _lq_window_codec_class_init     (GtkWidgetClass *widget_class);
void        _lq_window_codec_init           (LqWindow       *self);
void        _lq_window_codec_set_preview    (LqWindow       *self,
                                             gboolean        enabled);
/* Heard (TRUE) or back to the set's selection. */
void        _lq_window_codec_set_heard      (LqWindow       *self,
                                             gboolean        heard);
void        _lq_window_codec_set_artefacts  (LqWindow       *self,
                                             gboolean        artefacts);
/* The codec preview heard ("Master · MP3 128", or its artefacts), or NULL. */
char       *_lq_window_codec_dup_heard      (LqWindow       *self);
/* lq-window.c: one of the codec properties changed (its name). */
void        _lq_window_notify_codec         (LqWindow       *self,
                                             const char     *name);
/* lq-window.c: the selection properties changed (selected-source, selected-compare). */
void        _lq_window_notify_selection     (LqWindow       *self);
void        _lq_window_notify_compare       (LqWindow       *self);
/* lq-window-ears.c: listening time and dose, the break reminder, win.reset-ears and
 * win.take-break. */
void        _lq_window_ears_class_init      (GtkWidgetClass     *widget_class);
void        _lq_window_ears_init            (LqWindow           *self);
void        _lq_window_ears_dispose         (LqWindow           *self);
void        _lq_window_ears_playing_changed (LqWindow           *self);
void        _lq_window_ears_set_heard       (LqWindow           *self,
                                             const LqLiveLevels *levels);
/* Shows the counts as they are now. */
void        _lq_window_ears_refresh         (LqWindow           *self);

/* lq-window-dnd.c */
void        _lq_window_dnd_init          (LqWindow     *self);

/* lq-window-load.c: the session loads paths in order (with replace_mix the first becomes the
 * mix); the window shows a banner for loads that take longer than a moment. */
void        _lq_window_load              (LqWindow     *self,
                                          GPtrArray    *paths,
                                          gboolean      replace_mix,
                                          gboolean      demo);
void        _lq_window_load_init         (LqWindow     *self);
void        _lq_window_load_dispose      (LqWindow     *self);

/* lq-window-session.c: the chain, undo, sessions, autosave, export. */
void        _lq_window_session_class_init     (GtkWidgetClass *widget_class);
void        _lq_window_session_init           (LqWindow       *self);
void        _lq_window_session_dispose        (LqWindow       *self);
void        _lq_window_session_update_actions (LqWindow       *self);
gboolean    _lq_window_get_dirty              (LqWindow       *self);
/* Opens a .lacquer file: asks about missing files, then loads (see the busy property). */
void        _lq_window_open_session           (LqWindow       *self,
                                               const char     *path);
/* Offers to recover an autosave a crashed Lacquer left (asks; into a new window when this
 * one has files). Run once, by the first window shown. */
void        _lq_window_check_recovery         (LqWindow       *self);
gboolean    _lq_window_save_session           (LqWindow       *self,
                                               const char     *path,
                                               GError        **error);

G_END_DECLS
