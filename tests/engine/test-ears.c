/* test-ears.c
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

/* Fresh ears on a fake clock: the listening timer counts only what played, the dose is the
 * equal-energy average worked out by hand, the reminder fires once at its time and never
 * while paused, and reset ears finishes after its seconds of playing. */

#include "config.h"

#include <glib.h>
#include <math.h>

#include "lq-ears.h"

#define EPS 1e-9

static gint64 fake_now;

static gint64
fake_clock (gpointer user_data)
{
  return fake_now;
}

static void
step (LqEars *ears,
      double  seconds)
{
  fake_now += (gint64) llround (seconds * G_USEC_PER_SEC);
  lq_ears_update (ears);
}

static void
count_cb (LqEars *ears,
          guint  *count)
{
  (*count)++;
}

static LqEars *
new_ears (void)
{
  LqEars *ears = lq_ears_new ();

  fake_now = (gint64) 1000 * G_USEC_PER_SEC;
  lq_ears_set_clock (ears, fake_clock, NULL);
  lq_ears_set_listening_level (ears, -14.0);
  return ears;
}

static void
test_timer (void)
{
  g_autoptr(LqEars) ears = new_ears ();

  step (ears, 5.0);                          /* stopped: nothing counts */
  g_assert_cmpfloat (lq_ears_get_played_s (ears), ==, 0.0);
  lq_ears_set_playing (ears, TRUE);
  step (ears, 12.5);
  lq_ears_set_playing (ears, FALSE);
  step (ears, 600.0);
  lq_ears_set_playing (ears, TRUE);
  step (ears, 7.5);
  g_assert_cmpfloat_with_epsilon (lq_ears_get_played_s (ears), 20.0, EPS);
  g_assert_cmpfloat_with_epsilon (lq_ears_get_listening_s (ears), 20.0, EPS);

  /* A break restarts the listening timer, not the dose. */
  lq_ears_take_break (ears);
  step (ears, 3.0);
  g_assert_cmpfloat_with_epsilon (lq_ears_get_listening_s (ears), 3.0, EPS);
  g_assert_cmpfloat_with_epsilon (lq_ears_get_played_s (ears), 23.0, EPS);
}

static void
test_dose (void)
{
  g_autoptr(LqEars) ears = new_ears ();
  double expected;

  g_assert_true (isinf (lq_ears_get_average_db (ears)));

  lq_ears_set_playing (ears, TRUE);
  lq_ears_set_heard_level (ears, -14.0);     /* at the listening level: weight 1 */
  step (ears, 60.0);
  lq_ears_set_heard_level (ears, -24.0);     /* 10 dB below: weight 0.1 */
  step (ears, 60.0);
  lq_ears_set_heard_level (ears, -4.0);      /* 10 dB above, but paused: no dose */
  lq_ears_set_playing (ears, FALSE);
  step (ears, 300.0);
  lq_ears_set_playing (ears, TRUE);
  lq_ears_set_heard_level (ears, -HUGE_VAL); /* silence played: time, no energy */
  step (ears, 30.0);

  /* (60·1 + 60·0.1 + 30·0) / 150 s */
  expected = 10.0 * log10 (66.0 / 150.0);
  g_assert_cmpfloat_with_epsilon (lq_ears_get_played_s (ears), 150.0, EPS);
  g_assert_cmpfloat_with_epsilon (lq_ears_get_average_db (ears), expected, EPS);
  g_assert_cmpfloat_with_epsilon (lq_ears_get_average_db (ears), -3.565473235138126, 1e-12);

  /* Equal energy: 3.0103 dB (a doubling) above for as long again as at the level, plus
   * an equal time of silence, averages to exactly the listening level. */
  g_clear_object (&ears);
  ears = new_ears ();
  lq_ears_set_playing (ears, TRUE);
  lq_ears_set_heard_level (ears, -14.0 + 10.0 * log10 (2.0));
  step (ears, 40.0);
  lq_ears_set_heard_level (ears, -HUGE_VAL);
  step (ears, 40.0);
  g_assert_cmpfloat_with_epsilon (lq_ears_get_average_db (ears), 0.0, EPS);

  /* The average is relative to the listening level in force while it played. */
  lq_ears_set_listening_level (ears, -20.0);
  lq_ears_set_heard_level (ears, -20.0);
  step (ears, 80.0);
  g_assert_cmpfloat_with_epsilon (lq_ears_get_average_db (ears), 0.0, EPS);
}

static void
test_reminder (void)
{
  g_autoptr(LqEars) ears = new_ears ();
  guint count = 0;

  g_signal_connect (ears, "reminder", G_CALLBACK (count_cb), &count);
  g_assert_cmpfloat (lq_ears_get_reminder_minutes (ears), ==, 45.0);

  lq_ears_set_playing (ears, TRUE);
  step (ears, 44 * 60.0 + 59.0);
  g_assert_cmpuint (count, ==, 0);
  /* Paused for an hour just before the threshold: not a second of it counts. */
  lq_ears_set_playing (ears, FALSE);
  for (guint i = 0; i < 60; i++)
    step (ears, 60.0);
  g_assert_cmpuint (count, ==, 0);
  lq_ears_set_playing (ears, TRUE);
  step (ears, 0.999);
  g_assert_cmpuint (count, ==, 0);
  step (ears, 0.001);                        /* exactly 45 minutes played */
  g_assert_cmpuint (count, ==, 1);
  /* Once: further updates after the threshold do not repeat it. */
  for (guint i = 0; i < 100; i++)
    step (ears, 1.0);
  g_assert_cmpuint (count, ==, 1);
  /* A long gap between updates (a stall) still gives one reminder, not several. */
  lq_ears_set_playing (ears, TRUE);
  step (ears, 3 * 45 * 60.0);
  g_assert_cmpuint (count, ==, 2);

  /* After a break it counts the full time again. */
  lq_ears_take_break (ears);
  step (ears, 45 * 60.0 - 1.0);
  g_assert_cmpuint (count, ==, 2);
  step (ears, 1.0);
  g_assert_cmpuint (count, ==, 3);
}

static void
test_reminder_setting (void)
{
  g_autoptr(LqEars) ears = new_ears ();
  guint count = 0;

  g_signal_connect (ears, "reminder", G_CALLBACK (count_cb), &count);
  lq_ears_set_reminder_minutes (ears, 0.0);  /* off */
  lq_ears_set_playing (ears, TRUE);
  step (ears, 10 * 3600.0);
  g_assert_cmpuint (count, ==, 0);

  /* Turned on after 10 hours of listening: due after one more interval, not at once. */
  lq_ears_set_reminder_minutes (ears, 2.0);
  step (ears, 119.0);
  g_assert_cmpuint (count, ==, 0);
  step (ears, 1.0);
  g_assert_cmpuint (count, ==, 1);
}

static void
test_reset (void)
{
  g_autoptr(LqEars) ears = new_ears ();
  guint finished = 0;

  g_signal_connect (ears, "reset-finished", G_CALLBACK (count_cb), &finished);
  lq_ears_set_playing (ears, TRUE);
  lq_ears_start_reset (ears, LQ_EARS_DEFAULT_RESET_S);
  g_assert_true (lq_ears_get_resetting (ears));
  step (ears, 12.0);
  g_assert_cmpfloat_with_epsilon (lq_ears_get_reset_left_s (ears), 8.0, EPS);
  /* Paused: the stretch waits. */
  lq_ears_set_playing (ears, FALSE);
  step (ears, 100.0);
  g_assert_cmpuint (finished, ==, 0);
  lq_ears_set_playing (ears, TRUE);
  step (ears, 7.9);
  g_assert_cmpuint (finished, ==, 0);
  step (ears, 0.1);
  g_assert_cmpuint (finished, ==, 1);
  g_assert_false (lq_ears_get_resetting (ears));
  step (ears, 30.0);
  g_assert_cmpuint (finished, ==, 1);

  /* Cancelled, it never finishes. */
  lq_ears_start_reset (ears, 5.0);
  step (ears, 1.0);
  lq_ears_cancel_reset (ears);
  step (ears, 10.0);
  g_assert_cmpuint (finished, ==, 1);
  g_assert_cmpfloat (lq_ears_get_reset_left_s (ears), ==, 0.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ears/timer", test_timer);
  g_test_add_func ("/ears/dose", test_dose);
  g_test_add_func ("/ears/reminder", test_reminder);
  g_test_add_func ("/ears/reminder-setting", test_reminder_setting);
  g_test_add_func ("/ears/reset", test_reset);
  return g_test_run ();
}
