/* lq-window.h
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

#include "lq-application.h"
#include "lq-playback.h"
#include "lq-source-set.h"

G_BEGIN_DECLS

#define LQ_TYPE_WINDOW (lq_window_get_type ())

G_DECLARE_FINAL_TYPE (LqWindow, lq_window, LQ, WINDOW, AdwApplicationWindow)

LqWindow    *lq_window_new            (LqApplication *application);
/* The first file becomes the mix (replacing the current one; references stay), the others
 * references. Loading and analysis run on a worker; errors appear as toasts and leave the
 * session as it was. A session file (`.lacquer`) among them is opened as the session
 * instead (the first one; the application gives each its own window). */
void         lq_window_open_files     (LqWindow      *self,
                                       GFile        **files,
                                       int            n_files);
void         lq_window_add_references (LqWindow      *self,
                                       GFile        **files,
                                       int            n_files);
/* Generates (once, into the cache) and opens the built-in demo: a mix and a reference. */
void         lq_window_open_demo      (LqWindow      *self);
LqSourceSet *lq_window_get_sources    (LqWindow      *self);
/* Whether files are being loaded or analysed. */
gboolean     lq_window_get_busy       (LqWindow      *self);
/* Audio output: the application gives every window an LqPlayerPlayback; NULL disables the
 * transport with "No audio output". */
LqPlayback  *lq_window_get_playback   (LqWindow      *self);
void         lq_window_set_playback   (LqWindow      *self,
                                       LqPlayback    *playback);

G_END_DECLS
