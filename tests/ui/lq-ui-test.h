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
/* Pixels that are clearly red (the over/error colour). */
guint       lq_ui_test_count_red         (GdkTexture *texture);
/* Whether the widgets bound to a window action are sensitive (the action is enabled):
 * looks for a GtkActionable with that action name under root. */
gboolean    lq_ui_test_action_enabled    (GtkWidget  *root,
                                          const char *action_name);
/* Iterates the main context until *flag is FALSE (or timeout_s passes; then fails). */
void        lq_ui_test_wait_false        (gboolean   (*get) (gpointer),
                                          gpointer     data,
                                          double       timeout_s);
/* Iterates the main context for a while. */
void        lq_ui_test_spin              (double       seconds);

/* A source with synthetic analysis data (no file): a stereo waveform pyramid of noise with a
 * slow envelope, a pink-ish spectrum, a loudness history and a summary, for `seconds` of
 * audio at `rate`. A one-hour source takes about a second to build. */
LqSource   *lq_ui_test_make_source       (LqSourceKind kind,
                                          const char  *path,
                                          double       seconds,
                                          double       rate);

G_END_DECLS
