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

/* Fresh ears in the window, on a fake clock and a recording player: the header shows the
 * listening time, the reminder toast comes once at the time set in the preferences and not
 * while paused, Take a Break starts the time again, and R plays the reference for the set
 * stretch and then returns to the master. */

#include "config.h"

#include <string.h>

#include "lq-application.h"
#include "lq-ui-test.h"
#include "lq-window-private.h"

static LqApplication *app;
static gint64 fake_now;

static gint64
fake_clock (gpointer user_data)
{
  return fake_now;
}

/* Moves the fake clock on and lets the window show what is due. */
static void
advance (LqWindow *window,
         double    seconds)
{
  fake_now += (gint64) (seconds * G_USEC_PER_SEC);
  lq_ears_update (window->ears);
  _lq_window_ears_refresh (window);
}

static const char *
toast (LqWindow *window)
{
  const char *text = _lq_window_get_last_toast (window);

  return text ? text : "";
}

static void
clear_toast (LqWindow *window)
{
  g_clear_pointer (&window->last_toast, g_free);
}

static const char *
indicator (LqWindow *window)
{
  return gtk_label_get_label (window->ears_label);
}

static void
test_ears_window (void)
{
  g_autoptr(LqUiTestPlayback) player = lq_ui_test_playback_new ();
  g_autoptr(LqSource) mix = lq_ui_test_make_source (LQ_SOURCE_KIND_MIX, "/x/Mix.wav", 60, 48000);
  g_autoptr(LqSource) ref = lq_ui_test_make_source (LQ_SOURCE_KIND_REFERENCE, "/x/Ref.wav", 60,
                                                   48000);
  LqWindow *window = lq_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  fake_now = (gint64) 5000 * G_USEC_PER_SEC;
  lq_ears_set_clock (window->ears, fake_clock, NULL);
  lq_window_set_playback (window, LQ_PLAYBACK (player));
  lq_source_set_set_mix (window->sources, mix);
  lq_source_set_add_reference (window->sources, ref);
  lq_source_set_select (window->sources, LQ_SOURCE_SET_MASTER);

  /* The preference reaches the counter. */
  g_object_set (window->settings, LQ_SETTING_KEY_REMINDER_MINUTES, 1.0, NULL);
  g_assert_cmpfloat (lq_ears_get_reminder_minutes (window->ears), ==, 1.0);
  g_assert_cmpstr (indicator (window), ==, "0 min");
  g_assert_cmpstr (gtk_label_get_label (window->ears_dose_label), ==,
                   "0 min, nothing heard yet");

  /* Play at 6 dB under the listening level (-14 LUFS by default). */
  lq_playback_play (LQ_PLAYBACK (player));
  g_assert_true (lq_ears_get_playing (window->ears));
  lq_ears_set_heard_level (window->ears, -20.0);
  advance (window, 59.0);
  g_assert_cmpstr (indicator (window), ==, "0 min");
  g_assert_cmpstr (toast (window), ==, "");
  advance (window, 1.0);
  g_assert_cmpstr (indicator (window), ==, "1 min");
  g_assert_nonnull (strstr (toast (window), "You have listened for 1 min"));
  g_assert_cmpstr (gtk_label_get_label (window->ears_dose_label), ==, "1 min at −6.0 dB");

  /* Once; and paused, nothing counts. */
  clear_toast (window);
  advance (window, 30.0);
  g_assert_cmpstr (toast (window), ==, "");
  lq_playback_pause (LQ_PLAYBACK (player));
  g_assert_false (lq_ears_get_playing (window->ears));
  advance (window, 600.0);
  g_assert_cmpstr (toast (window), ==, "");
  g_assert_cmpstr (indicator (window), ==, "1 min");

  /* Take a Break (the toast's button): the listening time starts again, the dose stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.take-break", NULL));
  g_assert_cmpstr (indicator (window), ==, "0 min");
  g_assert_cmpstr (gtk_label_get_label (window->ears_dose_label), ==, "1 min at −6.0 dB");

  /* R: the reference plays (playback starts) for the set stretch, then the master. */
  g_object_set (window->settings, LQ_SETTING_KEY_RESET_EARS_S, 15.0, NULL);
  lq_ui_test_press (GTK_WIDGET (window), "r");
  g_assert_true (lq_ui_test_playback_get_playing (player));
  g_assert_cmpint (lq_source_set_get_selected_index (window->sources), ==,
                   LQ_SOURCE_SET_FIRST_REFERENCE);
  g_assert_nonnull (strstr (toast (window), "the reference for 15 s"));
  advance (window, 14.5);
  g_assert_cmpint (lq_source_set_get_selected_index (window->sources), ==,
                   LQ_SOURCE_SET_FIRST_REFERENCE);
  advance (window, 0.5);
  g_assert_cmpint (lq_source_set_get_selected_index (window->sources), ==,
                   LQ_SOURCE_SET_MASTER);
  g_assert_cmpstr (toast (window), ==, "Back to the master");
  g_assert_cmpint (lq_ui_test_playback_get_selected (player), ==, LQ_SOURCE_SET_MASTER);

  /* Level match off: the stretch is not at the listening level, and it says so. */
  lq_source_set_set_loudness_match (window->sources, FALSE);
  lq_ui_test_press (GTK_WIDGET (window), "r");
  g_assert_nonnull (strstr (toast (window), "at its own level (level match is off)"));
  lq_ui_test_press (GTK_WIDGET (window), "r");   /* again: back to the master at once */
  g_assert_false (lq_ears_get_resetting (window->ears));
  g_assert_cmpint (lq_source_set_get_selected_index (window->sources), ==,
                   LQ_SOURCE_SET_MASTER);
  lq_source_set_set_loudness_match (window->sources, TRUE);

  /* A long listening time still leaves the header within GNOME's smallest width (1024). */
  advance (window, 10 * 3600.0);
  g_assert_cmpstr (indicator (window), ==, "10 h 00 min");
  {
    GtkWidget *header = gtk_widget_get_ancestor (GTK_WIDGET (window->ears_button),
                                                 ADW_TYPE_HEADER_BAR);
    int min_w;

    gtk_widget_measure (header, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
    g_test_message ("header's minimum width: %d", min_w);
    g_assert_cmpint (min_w, <=, 1024);
  }

  /* Without a reference it says what is missing and plays nothing else. */
  lq_source_set_remove_references (window->sources);
  lq_ui_test_press (GTK_WIDGET (window), "r");
  g_assert_false (lq_ears_get_resetting (window->ears));
  g_assert_nonnull (strstr (toast (window), "Add a reference"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;

  lq_ui_test_init (&argc, &argv);
  app = lq_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/ui/ears/window", test_ears_window);
  return g_test_run ();
}
