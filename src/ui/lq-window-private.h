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

#include "lq-loudness-graph.h"
#include "lq-meter-panel.h"
#include "lq-settings.h"
#include "lq-source-bar.h"
#include "lq-spectrum-view.h"
#include "lq-transport-bar.h"
#include "lq-waveform-view.h"
#include "lq-window.h"

G_BEGIN_DECLS

typedef struct _LqLoadJob LqLoadJob;

struct _LqWindow
{
  AdwApplicationWindow  parent_instance;

  LqSettings           *settings;
  LqSourceSet          *sources;
  LqPlayback           *playback;
  double                position;
  gboolean              loop;
  char                 *preset_id;
  guint                 tick_id;
  char                 *last_toast;

  /* lq-window-load.c */
  GQueue                jobs;          /* LqLoadJob, the head is running */
  guint                 progress_id;
  gboolean              busy;

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
  LqMeterPanel         *meter_panel;
  LqTransportBar       *transport_bar;
};

/* lq-window.c */
void        _lq_window_toast             (LqWindow     *self,
                                          const char   *message);
const char *_lq_window_get_last_toast    (LqWindow     *self);
void        _lq_window_seek              (LqWindow     *self,
                                          double        seconds);
void        _lq_window_update_actions    (LqWindow     *self);

/* lq-window-actions.c */
void        _lq_window_class_actions_init (GtkWidgetClass *widget_class);
void        _lq_window_actions_init       (LqWindow       *self);

/* lq-window-dnd.c */
void        _lq_window_dnd_init          (LqWindow     *self);

/* lq-window-load.c: paths are loaded in order; with replace_mix the first becomes the mix. */
void        _lq_window_load              (LqWindow     *self,
                                          GPtrArray    *paths,
                                          gboolean      replace_mix,
                                          gboolean      demo);
void        _lq_window_cancel_load       (LqWindow     *self);
void        _lq_window_load_dispose      (LqWindow     *self);
void        _lq_window_set_busy          (LqWindow     *self,
                                          gboolean      busy);

G_END_DECLS
