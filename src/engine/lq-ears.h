/* lq-ears.h
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

#include <glib-object.h>

G_BEGIN_DECLS

/* Fresh ears: how long sound has played and at what level, the reminder to take a break,
 * and "reset ears" (a short stretch of a reference at the listening level before going back
 * to the master). It only counts: the caller tells it when playback starts and stops and
 * what level is heard, and acts on its signals ("reminder", "reset-finished").
 *
 * Time is the clock's, so a test can drive it with a fake one. Everything is integrated
 * piecewise: between two calls the playing state and the heard level are taken as they
 * were at the first of them. */

/* Monotonic time in microseconds (g_get_monotonic_time by default). */
typedef gint64 (*LqEarsClock) (gpointer user_data);

#define LQ_EARS_DEFAULT_REMINDER_MIN 45.0
#define LQ_EARS_DEFAULT_RESET_S      20.0

#define LQ_TYPE_EARS (lq_ears_get_type ())

G_DECLARE_FINAL_TYPE (LqEars, lq_ears, LQ, EARS, GObject)

LqEars     *lq_ears_new                    (void);
void        lq_ears_set_clock              (LqEars      *self,
                                            LqEarsClock  clock,
                                            gpointer     user_data);

void        lq_ears_set_playing            (LqEars      *self,
                                            gboolean     playing);
gboolean    lq_ears_get_playing            (LqEars      *self);
/* The loudness heard now (LUFS, momentary, with the gain the source is played at);
 * -HUGE_VAL for silence. */
void        lq_ears_set_heard_level        (LqEars      *self,
                                            double       lufs);
/* What the average is reported against. */
void        lq_ears_set_listening_level    (LqEars      *self,
                                            double       lufs);
/* Minutes of listening before the reminder; 0 turns it off. */
void        lq_ears_set_reminder_minutes   (LqEars      *self,
                                            double       minutes);
double      lq_ears_get_reminder_minutes   (LqEars      *self);

/* Brings the counts up to the clock's now and emits what is due. */
void        lq_ears_update                 (LqEars      *self);

/* Seconds played since the last break (what the reminder counts). */
double      lq_ears_get_listening_s        (LqEars      *self);
/* The dose: seconds played in all, and their energy average level in dB relative to the
 * listening level (-HUGE_VAL before anything was heard). */
double      lq_ears_get_played_s           (LqEars      *self);
double      lq_ears_get_average_db         (LqEars      *self);
/* The user took a break: the listening timer starts again (the dose goes on). */
void        lq_ears_take_break             (LqEars      *self);

/* Reset ears: counts seconds of playing down, then emits "reset-finished". */
void        lq_ears_start_reset            (LqEars      *self,
                                            double       seconds);
void        lq_ears_cancel_reset           (LqEars      *self);
gboolean    lq_ears_get_resetting          (LqEars      *self);
double      lq_ears_get_reset_left_s       (LqEars      *self);

G_END_DECLS
