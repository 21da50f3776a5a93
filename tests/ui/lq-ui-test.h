/* lq-ui-test.h
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

#include <gtk/gtk.h>

#include "lq-playback.h"
#include "lq-source.h"

G_BEGIN_DECLS

/* Helpers shared by the UI tests. */

/* Exits 77 (skip) without a display; then gtk_test_init (warnings and criticals fatal). */
void        lq_ui_test_init              (int        *argc,
                                          char     ***argv);
/* Renders a realised widget into a texture (TESTING.md §1). */
GdkTexture *lq_ui_test_render            (GtkWidget  *widget);
/* Pixels of the texture that are not fully transparent. */
guint       lq_ui_test_count_ink         (GdkTexture *texture);
/* Pixels with more than min_alpha (0..255) of ink in x0 <= x < x1, y0 <= y < y1. */
guint       lq_ui_test_count_ink_in      (GdkTexture *texture,
                                          guint       min_alpha,
                                          int         x0,
                                          int         y0,
                                          int         x1,
                                          int         y1);
/* The widget's first event controller of that type (the widget keeps it), or NULL. */
GtkEventController *lq_ui_test_find_controller (GtkWidget *widget,
                                                GType      type);
/* The shortcut window binds to trigger (as gtk_shortcut_trigger_to_string () spells it) for
 * a win.* or abx.* action or window.close (GtkWindow binds some keys of its own), or NULL. Owned. */
GtkShortcut *lq_ui_test_find_window_shortcut (GtkWidget  *window,
                                              const char *trigger);
/* Activates what window binds to trigger, as pressing the key does; fails without one. */
void        lq_ui_test_press             (GtkWidget  *window,
                                          const char *trigger);
/* Pixels that are clearly red (the over/error colour). */
guint       lq_ui_test_count_red         (GdkTexture *texture);
/* Whether the widgets bound to a window action are sensitive (the action is enabled):
 * looks for a GtkActionable with that action name under root. */
gboolean    lq_ui_test_action_enabled    (GtkWidget  *root,
                                          const char *action_name);
/* The widget under root built from a template object with that id (NULL: none). */
GtkWidget  *lq_ui_test_find_by_id        (GtkWidget  *root,
                                          const char *id);
/* Iterates the main context until *flag is FALSE (or timeout_s passes; then fails). */
void        lq_ui_test_wait_false        (gboolean   (*get) (gpointer),
                                          gpointer     data,
                                          double       timeout_s);
/* Iterates the main context for a while. */
void        lq_ui_test_spin              (double       seconds);
/* For lq_ui_test_wait_false: whether the window's player playback (an LqPlayerPlayback)
 * still loads, measures the master or makes the codec preview. */
gboolean    lq_ui_test_player_busy       (gpointer     playback);

/* A source with synthetic analysis data (no file): a stereo waveform pyramid of noise with a
 * slow envelope, a pink-ish spectrum, a loudness history and a summary, for `seconds` of
 * audio at `rate`. A one-hour source takes about a second to build. */
LqSource   *lq_ui_test_make_source       (LqSourceKind kind,
                                          const char  *path,
                                          double       seconds,
                                          double       rate);

/* A fake player recording what a window asks of it: the sources it was given, the source
 * and gain it was told to switch to, the loop, the play state and the chain (with how many
 * times one was sent). "playing" is notified; the position is not (the window reads it on
 * its frame clock, as from a real player). The device is called "Test Output". */
#define LQ_TYPE_UI_TEST_PLAYBACK (lq_ui_test_playback_get_type ())

G_DECLARE_FINAL_TYPE (LqUiTestPlayback, lq_ui_test_playback, LQ, UI_TEST_PLAYBACK, GObject)

LqUiTestPlayback    *lq_ui_test_playback_new            (void);
guint                lq_ui_test_playback_get_n_sources  (LqUiTestPlayback *self);
/* -1 until a source was selected. */
int                  lq_ui_test_playback_get_selected   (LqUiTestPlayback *self);
double               lq_ui_test_playback_get_gain       (LqUiTestPlayback *self);
gboolean             lq_ui_test_playback_get_playing    (LqUiTestPlayback *self);
double               lq_ui_test_playback_get_position   (LqUiTestPlayback *self);
/* Moves the playhead as playing would (without notify). */
void                 lq_ui_test_playback_set_position   (LqUiTestPlayback *self,
                                                         double            seconds);
void                 lq_ui_test_playback_get_loop       (LqUiTestPlayback *self,
                                                         double           *start,
                                                         double           *end);
/* The last chain received, and how many were. */
const LqChainParams *lq_ui_test_playback_get_chain      (LqUiTestPlayback *self);
guint                lq_ui_test_playback_get_n_chains   (LqUiTestPlayback *self);
/* Whether it reports matched gains as a player does (each source at the listening level
 * while matching is on); off at first: the window then has no gains from it. */
void                 lq_ui_test_playback_set_matches    (LqUiTestPlayback *self,
                                                         gboolean          matches);
/* The compared masters' chains last set (compare mode). */
guint                lq_ui_test_playback_get_n_compare  (LqUiTestPlayback *self);
const LqChainParams *lq_ui_test_playback_get_compare    (LqUiTestPlayback *self,
                                                         guint             i);
/* The crossfade last set (5 ms at first, as the player's). */
double               lq_ui_test_playback_get_crossfade_ms (LqUiTestPlayback *self);
/* Its select, seek and play calls since the last clear, in order: "select 2;seek 0;play;". A
 * player applies a seek to the source selected last, even one still waiting for silence, so
 * the order is what a listener hears. */
const char          *lq_ui_test_playback_get_calls      (LqUiTestPlayback *self);
void                 lq_ui_test_playback_clear_calls    (LqUiTestPlayback *self);


G_END_DECLS
