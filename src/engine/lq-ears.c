/* lq-ears.c
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

#include <math.h>

#include "lq-ears.h"

/* How levels add up to a dose: data, with its source, not a constant in the arithmetic.
 * Without a calibrated monitor the level is only known relative to the listening level, so
 * the dose is reported as time and an average level, never as a share of an allowed
 * exposure. */
typedef struct
{
  const char *as_of;
  const char *rule;
  double      db_per_decade;  /* energy weight of a level L: 10^(L / db_per_decade) */
  const char *source;
} LqDoseRule;

static const LqDoseRule dose_rule = {
  "2026-12",
  "equal energy (the 3 dB exchange rate): a level 3 dB higher for half the time is the "
  "same dose",
  10.0,
  "NIOSH, Criteria for a Recommended Standard: Occupational Noise Exposure, DHHS (NIOSH) "
  "98-126, 1998 [S]; ISO 1999:2013 [S]",
};

struct _LqEars
{
  GObject      parent_instance;

  LqEarsClock  clock;
  gpointer     clock_data;
  gint64       last;            /* µs, the clock's time counted up to */

  gboolean     playing;
  double       heard_lufs;
  double       listening_lufs;
  double       reminder_s;      /* 0: off */

  double       listening_s;     /* since the last break */
  double       next_reminder_s; /* listening_s at which the reminder is due */
  double       played_s;
  double       energy_s;        /* ∫ 10^((L - listening) / 10) dt over what played */

  gboolean     resetting;
  double       reset_left_s;
};

G_DEFINE_FINAL_TYPE (LqEars, lq_ears, G_TYPE_OBJECT)

enum {
  REMINDER,
  RESET_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
default_clock (gpointer user_data)
{
  return g_get_monotonic_time ();
}

/* Counts the time since the last call with the state as it was then. */
static void
advance (LqEars *self)
{
  gint64 now = self->clock (self->clock_data);
  double dt = (double) (now - self->last) / G_USEC_PER_SEC;

  self->last = now;
  if (!self->playing || dt <= 0.0)
    return;
  self->played_s += dt;
  self->listening_s += dt;
  if (isfinite (self->heard_lufs))
    self->energy_s += dt * pow (10.0, (self->heard_lufs - self->listening_lufs)
                                      / dose_rule.db_per_decade);
  if (self->resetting)
    self->reset_left_s -= dt;
}

static void
lq_ears_class_init (LqEarsClass *klass)
{
  /* Listening reached the reminder time (once per interval of listening). */
  signals[REMINDER] = g_signal_new ("reminder", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The reset-ears stretch has played out. */
  signals[RESET_FINISHED] = g_signal_new ("reset-finished", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
lq_ears_init (LqEars *self)
{
  self->clock = default_clock;
  self->last = self->clock (NULL);
  self->heard_lufs = -HUGE_VAL;
  self->listening_lufs = -14.0;
  self->reminder_s = LQ_EARS_DEFAULT_REMINDER_MIN * 60.0;
  self->next_reminder_s = self->reminder_s;
}

LqEars *
lq_ears_new (void)
{
  return g_object_new (LQ_TYPE_EARS, NULL);
}

void
lq_ears_set_clock (LqEars      *self,
                   LqEarsClock  clock,
                   gpointer     user_data)
{
  g_return_if_fail (LQ_IS_EARS (self));

  advance (self);
  self->clock = clock != NULL ? clock : default_clock;
  self->clock_data = user_data;
  self->last = self->clock (self->clock_data);
}

void
lq_ears_set_playing (LqEars   *self,
                     gboolean  playing)
{
  g_return_if_fail (LQ_IS_EARS (self));

  lq_ears_update (self);
  self->playing = !!playing;
}

gboolean
lq_ears_get_playing (LqEars *self)
{
  g_return_val_if_fail (LQ_IS_EARS (self), FALSE);

  return self->playing;
}

void
lq_ears_set_heard_level (LqEars *self,
                         double  lufs)
{
  g_return_if_fail (LQ_IS_EARS (self));

  advance (self);
  self->heard_lufs = lufs;
}

void
lq_ears_set_listening_level (LqEars *self,
                             double  lufs)
{
  g_return_if_fail (LQ_IS_EARS (self));

  advance (self);
  self->listening_lufs = lufs;
}

void
lq_ears_set_reminder_minutes (LqEars *self,
                              double  minutes)
{
  g_return_if_fail (LQ_IS_EARS (self));

  advance (self);
  self->reminder_s = MAX (minutes, 0.0) * 60.0;
  /* The next reminder counts from the last break (or the last reminder), at the new time. */
  self->next_reminder_s = self->reminder_s;
  while (self->reminder_s > 0.0 && self->next_reminder_s <= self->listening_s)
    self->next_reminder_s += self->reminder_s;
}

double
lq_ears_get_reminder_minutes (LqEars *self)
{
  g_return_val_if_fail (LQ_IS_EARS (self), 0.0);

  return self->reminder_s / 60.0;
}

void
lq_ears_update (LqEars *self)
{
  gboolean remind = FALSE;
  gboolean finished = FALSE;

  g_return_if_fail (LQ_IS_EARS (self));

  advance (self);
  if (self->reminder_s > 0.0 && self->listening_s >= self->next_reminder_s)
    {
      /* Once, however long the gap: the next one after another full interval. */
      remind = TRUE;
      while (self->next_reminder_s <= self->listening_s)
        self->next_reminder_s += self->reminder_s;
    }
  if (self->resetting && self->reset_left_s <= 0.0)
    {
      self->resetting = FALSE;
      self->reset_left_s = 0.0;
      finished = TRUE;
    }
  if (remind)
    g_signal_emit (self, signals[REMINDER], 0);
  if (finished)
    g_signal_emit (self, signals[RESET_FINISHED], 0);
}

double
lq_ears_get_listening_s (LqEars *self)
{
  g_return_val_if_fail (LQ_IS_EARS (self), 0.0);

  return self->listening_s;
}

double
lq_ears_get_played_s (LqEars *self)
{
  g_return_val_if_fail (LQ_IS_EARS (self), 0.0);

  return self->played_s;
}

double
lq_ears_get_average_db (LqEars *self)
{
  g_return_val_if_fail (LQ_IS_EARS (self), -HUGE_VAL);

  if (self->played_s <= 0.0 || self->energy_s <= 0.0)
    return -HUGE_VAL;
  return dose_rule.db_per_decade * log10 (self->energy_s / self->played_s);
}

void
lq_ears_take_break (LqEars *self)
{
  g_return_if_fail (LQ_IS_EARS (self));

  advance (self);
  self->listening_s = 0.0;
  self->next_reminder_s = self->reminder_s;
}

void
lq_ears_start_reset (LqEars *self,
                     double  seconds)
{
  g_return_if_fail (LQ_IS_EARS (self));
  g_return_if_fail (seconds > 0.0);

  advance (self);
  self->resetting = TRUE;
  self->reset_left_s = seconds;
}

void
lq_ears_cancel_reset (LqEars *self)
{
  g_return_if_fail (LQ_IS_EARS (self));

  advance (self);
  self->resetting = FALSE;
  self->reset_left_s = 0.0;
}

gboolean
lq_ears_get_resetting (LqEars *self)
{
  g_return_val_if_fail (LQ_IS_EARS (self), FALSE);

  return self->resetting;
}

double
lq_ears_get_reset_left_s (LqEars *self)
{
  g_return_val_if_fail (LQ_IS_EARS (self), 0.0);

  return self->resetting ? MAX (self->reset_left_s, 0.0) : 0.0;
}
