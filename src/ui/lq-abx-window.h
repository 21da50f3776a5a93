/* lq-abx-window.h
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

#include <adwaita.h>

#include "lq-abx.h"
#include "lq-session.h"

G_BEGIN_DECLS

/* The blind A/B/X test between two of a session's sources, in a window of its own: a setup
 * page (the two sources, the number of trials, the segment, the crossfade), one page for the
 * trials and one for the result. It plays through the session's playback without touching the
 * session's selection, so nothing in the main window follows X either, and gives the playback
 * back (selection, loop, crossfade) when it closes. The test is kept in the session (saved with
 * it) from its start; the result can be exported as text.
 *
 * Keys (lq-shortcuts.defs, scope ABX): A, B and X play a candidate from the start of the
 * segment, 1 answers "X is A", 2 "X is B". */

#define LQ_TYPE_ABX_WINDOW (lq_abx_window_get_type ())

G_DECLARE_FINAL_TYPE (LqAbxWindow, lq_abx_window, LQ, ABX_WINDOW, AdwWindow)

LqAbxWindow *lq_abx_window_new            (GtkWindow   *parent,
                                           LqSession   *session);
/* The candidates offered for A and B (the session's sources, by their names). */
GListModel  *lq_abx_window_get_candidates (LqAbxWindow *self);
void         lq_abx_window_set_compared   (LqAbxWindow *self,
                                           guint        n);
/* Picks A and B by position in the candidates. */
void         lq_abx_window_set_pair       (LqAbxWindow *self,
                                           guint        a,
                                           guint        b);
/* Fixes the seed of the tests started from now on (default: a fresh random one each). */
void         lq_abx_window_set_seed       (LqAbxWindow *self,
                                           guint64      seed);
/* The running or finished test, NULL before the start. */
LqAbxTest   *lq_abx_window_get_test       (LqAbxWindow *self);
/* Writes the finished test's log (text) to file, replacing it whole. */
gboolean     lq_abx_window_write_log      (LqAbxWindow *self,
                                           GFile       *file,
                                           GError     **error);
/* TRUE while the sources' identities are being worked out, before the first trial. */
gboolean     lq_abx_window_get_preparing  (LqAbxWindow *self);

G_END_DECLS
