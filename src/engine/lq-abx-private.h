/* lq-abx-private.h
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

#include "lq-abx.h"

G_BEGIN_DECLS

/* For the session file only: the answers a saved test holds, which the public API keeps
 * hidden until the end. */

/* When the test started (µs since the epoch, 0 before). */
gint64   _lq_abx_test_get_started_us   (LqAbxTest          *self);
/* Answer i (< lq_abx_test_get_trial) and when it was given (µs since the epoch). */
void     _lq_abx_test_get_answer       (LqAbxTest          *self,
                                        guint               i,
                                        LqAbxChoice        *answer,
                                        gint64             *time_us);
/* Starts the test as it was (its settings already set) and replays n answers. */
void     _lq_abx_test_restore          (LqAbxTest          *self,
                                        gint64              started_us,
                                        const LqAbxChoice  *answers,
                                        const gint64       *times_us,
                                        guint               n);

G_END_DECLS
