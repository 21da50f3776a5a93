/* test-window.c
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

/* The main window with the demo session: opening, switching sources through their actions
 * and keys, a broken file, the views drawing, the application's actions and accelerators,
 * and the playback interface (with a fake player). */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "lq-application.h"
#include "lq-demo.h"
#include "lq-player-playback.h"
#include "lq-preferences-dialog.h"
#include "lq-ui-test.h"
#include "lq-window-private.h"

/* ---- fixture: one application and one window with the demo session for the whole run ---- */

static LqApplication *app;
static LqWindow *window;

static gboolean
window_busy (gpointer data)
{
  return lq_window_get_busy (LQ_WINDOW (data));
}

static void
ensure_demo_window (void)
{
  if (window != NULL)
    return;
  window = lq_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  lq_window_open_demo (window);
  g_assert_true (lq_window_get_busy (window));
  lq_ui_test_wait_false (window_busy, window, 60);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

static void
test_empty_state (void)
{
  LqWindow *empty = lq_window_new (app);

  gtk_window_present (GTK_WINDOW (empty));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (empty));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (empty->stack), ==, "empty");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (empty)), ==, "Lacquer");
  g_assert_true (lq_source_set_is_empty (lq_window_get_sources (empty)));
  /* Nothing to add references to, nothing to play, nothing to export yet. */
  g_assert_true (lq_ui_test_action_enabled (GTK_WIDGET (empty), "win.open-mix"));
  g_assert_true (lq_ui_test_action_enabled (GTK_WIDGET (empty), "win.open-demo"));
  g_assert_false (lq_ui_test_action_enabled (GTK_WIDGET (empty), "win.add-reference"));
  g_assert_false (lq_ui_test_action_enabled (GTK_WIDGET (empty), "win.play-pause"));
  g_assert_false (lq_ui_test_action_enabled (GTK_WIDGET (empty), "win.export"));
  gtk_window_destroy (GTK_WINDOW (empty));
}

static void
test_demo_session (void)
{
  LqSourceSet *sources;
  LqSource *mix, *ref;
  g_autoptr(LqSource) ref_item = NULL;

  ensure_demo_window ();
  sources = lq_window_get_sources (window);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sources)), ==, 3);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Demo Mix — Lacquer");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "session");

  mix = lq_source_set_get_mix (sources);
  ref_item = g_list_model_get_item (G_LIST_MODEL (sources), LQ_SOURCE_SET_FIRST_REFERENCE);
  ref = ref_item;
  g_assert_cmpstr (lq_source_get_title (mix), ==, "Demo Mix");
  g_assert_cmpstr (lq_source_get_title (ref), ==, "Demo Reference");
  g_assert_cmpint (lq_source_get_kind (ref), ==, LQ_SOURCE_KIND_REFERENCE);
  g_assert_cmpfloat_with_epsilon (lq_source_get_integrated_lufs (mix), LQ_DEMO_MIX_LUFS, 0.1);
  g_assert_cmpfloat_with_epsilon (lq_source_get_integrated_lufs (ref),
                                  LQ_DEMO_REFERENCE_LUFS, 0.1);
  g_assert_cmpfloat_with_epsilon (lq_source_get_duration (mix), LQ_DEMO_SECONDS, 0.01);
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, LQ_SOURCE_SET_MIX);
}

static void
test_switch_sources (void)
{
  LqSourceSet *sources;
  double level;

  ensure_demo_window ();
  sources = lq_window_get_sources (window);
  level = lq_source_set_get_listening_level (sources);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-source", "i", 2));
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, 2);
  g_assert_cmpint (lq_source_get_kind (lq_source_set_get_selected (sources)), ==,
                   LQ_SOURCE_KIND_REFERENCE);
  /* The views follow the selection; the spectrum compares the reference with the mix. */
  g_assert_true (lq_waveform_view_get_source (window->waveform_view)
                 == lq_source_set_get_selected (sources));
  g_assert_true (lq_spectrum_view_get_comparison (window->spectrum_view)
                 == lq_source_set_get_mix (sources));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-source", "i", 1));
  g_assert_cmpint (lq_source_get_kind (lq_source_set_get_selected (sources)), ==,
                   LQ_SOURCE_KIND_MASTER);
  /* Out of range: ignored. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.select-source", "i", 7);
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, 1);

  /* The toggle goes back and forth between the last two. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-ab", NULL));
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-ab", NULL));
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, 1);

  /* Matched gains: the common level minus integrated loudness, the common level being the
   * listening level or lower where a source's true peak needs it; 0 dB with matching off. */
  g_assert_true (lq_source_set_get_loudness_match (sources));
  {
    LqPlayer *player = lq_player_playback_get_player (LQ_PLAYER_PLAYBACK (window->playback));
    double matched = lq_player_get_matched_level (player);
    LqSource *mix = lq_source_set_get_mix (sources);

    g_test_message ("listening level %.2f, matched at %.2f LUFS (%s)", level, matched,
                    lq_source_bar_get_match_summary (window->source_bar));
    g_assert_cmpfloat (matched, <=, level + 1e-9);
    g_assert_cmpfloat_with_epsilon (lq_source_get_matched_gain (mix),
                                    matched - LQ_DEMO_MIX_LUFS, 0.1);
    for (int s = 0; s < 3; s++)
      g_assert_cmpfloat (lq_player_get_true_peak (player, s) + lq_player_get_gain_db (player, s),
                         <=, LQ_MATCH_CEILING_DBTP + 1e-6);
    g_assert_nonnull (strstr (lq_source_bar_get_match_summary (window->source_bar), "Matched at"));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.loudness-match", NULL));
  g_assert_false (lq_source_set_get_loudness_match (sources));
  g_assert_cmpfloat (lq_source_get_matched_gain (lq_source_set_get_mix (sources)), ==, 0.0);
  /* The spectrum's caption says which levels its curves are at. */
  g_assert_null (strstr (gtk_label_get_label (window->spectrum_caption), "matched"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.loudness-match", NULL));
  g_assert_true (lq_source_set_get_loudness_match (sources));
  g_assert_nonnull (strstr (gtk_label_get_label (window->spectrum_caption), "matched"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.select-source", "i", 0);
}

static GtkShortcut *
find_window_shortcut (const char *trigger)
{
  return lq_ui_test_find_window_shortcut (GTK_WIDGET (window), trigger);
}

static void
press (const char *trigger)
{
  lq_ui_test_press (GTK_WIDGET (window), trigger);
}

/* The window as it looks now, into LQ_TEST_SAVE_PNG when set. */
static void
save_png (const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *png = NULL;

  if (g_getenv ("LQ_TEST_SAVE_PNG") == NULL)
    return;
  png = g_build_filename (g_getenv ("LQ_TEST_SAVE_PNG"), name, NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  texture = lq_ui_test_render (GTK_WIDGET (window));
  gdk_texture_save_to_png (texture, png);
}

/* The set holds it. */
static LqSource *
borrowed_item (LqSourceSet *sources,
               guint        i)
{
  g_autoptr(LqSource) source = g_list_model_get_item (G_LIST_MODEL (sources), i);

  return source;
}

/* References: a shorter one is flagged in sync mode; in free mode the waveform shows and edits
 * the selected reference's own loop (the mix's stays); the keys and actions move and remove
 * the selected reference, the selection following it. Leaves the demo as it found it. */
static void
test_references (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lacquer-refs-XXXXXX", NULL);
  g_autofree char *short_path = g_build_filename (dir, "Short.wav", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (short_path);
  g_autoptr(GError) error = NULL;
  LqSession *session;
  LqSourceSet *sources;
  LqSource *demo_ref, *short_ref;
  double start, end;

  ensure_demo_window ();
  session = window->session;
  sources = lq_window_get_sources (window);
  g_assert_cmpuint (lq_source_set_get_n_references (sources), ==, 1);
  g_assert_true (lq_demo_write_track (LQ_DEMO_TRACK_REFERENCE, short_path, 10.0, &error));
  g_assert_no_error (error);
  lq_window_add_references (window, &file, 1);
  lq_ui_test_wait_false (window_busy, window, 60);
  g_assert_cmpuint (lq_source_set_get_n_references (sources), ==, 2);
  demo_ref = borrowed_item (sources, 2);
  short_ref = borrowed_item (sources, 3);

  /* Sync: the short reference is flagged, against the mix and against a loop past its end. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-source", "i", 3));
  g_assert_nonnull (strstr (lq_source_bar_get_note (window->source_bar), "before the mix"));
  lq_session_set_loop_region (session, 5.0, 20.0);
  g_assert_nonnull (strstr (lq_source_bar_get_note (window->source_bar), "loop"));
  /* Shown compactly, as an icon whose tooltip says it, so it never crowds the bar. */
  {
    GtkWidget *icon = lq_ui_test_find_by_id (GTK_WIDGET (window->source_bar), "note_icon");
    g_autofree char *tooltip = NULL;

    g_assert_true (GTK_IS_IMAGE (icon));
    lq_ui_test_spin (0.1);
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    g_assert_true (gtk_widget_is_drawable (icon));
    g_assert_cmpint (gtk_widget_get_width (icon), >, 0);
    g_assert_cmpint (gtk_widget_get_width (icon), <=, 32);
    tooltip = g_strdup (gtk_widget_get_tooltip_text (icon));
    g_assert_cmpstr (tooltip, ==, lq_source_bar_get_note (window->source_bar));
  }
  save_png ("reference-shorter-than-loop.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-source", "i", 2));
  g_assert_cmpstr (lq_source_bar_get_note (window->source_bar), ==, "");

  g_assert_false (gtk_widget_get_visible (lq_ui_test_find_by_id (GTK_WIDGET (window->source_bar),
                                                                  "note_icon")));

  /* Free: the waveform edits the selected reference's own loop, not the mix's. Its control
   * is a switch that shows the state. */
  {
    GtkWidget *toggle = lq_ui_test_find_by_id (GTK_WIDGET (window->source_bar), "free_switch");

    g_assert_true (GTK_IS_SWITCH (toggle));
    g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.free-references",
                                               NULL));
    g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  }
  g_assert_true (lq_session_get_free_references (session));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-source", "i", 3));
  g_assert_cmpstr (lq_source_bar_get_note (window->source_bar), ==, "");
  lq_waveform_view_get_loop (window->waveform_view, &start, &end);
  g_assert_cmpfloat (end, <=, start);
  lq_waveform_view_set_loop (window->waveform_view, 2.0, 6.0);
  g_assert_true (lq_session_get_reference_loop (session, 3, &start, &end));
  g_assert_cmpfloat (start, ==, 2.0);
  g_assert_cmpfloat (end, ==, 6.0);
  g_assert_true (lq_session_get_loop (session, &start, &end));
  g_assert_cmpfloat (start, ==, 5.0);
  g_assert_cmpfloat (end, ==, 20.0);
  save_png ("reference-free-loop.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-source", "i", 0));
  lq_waveform_view_get_loop (window->waveform_view, &start, &end);
  g_assert_cmpfloat (start, ==, 5.0);
  g_assert_cmpfloat (end, ==, 20.0);

  /* Alt+Left moves the selected reference; its loop and the selection go with it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-source", "i", 3));
  press ("<Alt>Left");
  g_assert_true (borrowed_item (sources, 2) == short_ref);
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, 2);
  g_assert_true (lq_session_get_reference_loop (session, 2, NULL, NULL));
  g_assert_false (lq_session_get_reference_loop (session, 3, NULL, NULL));
  /* Already first: stays. */
  press ("<Alt>Left");
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, 2);
  /* A drop (or the context menu) moves by index. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.move-reference", "(ii)",
                                             3, -1));
  g_assert_true (lq_source_set_get_selected (sources) == short_ref);
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, 3);

  /* Delete removes the selected one; the mix is selected. */
  press ("Delete");
  g_assert_cmpuint (lq_source_set_get_n_references (sources), ==, 1);
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, LQ_SOURCE_SET_MIX);
  g_assert_true (borrowed_item (sources, 2) == demo_ref);
  /* With the mix selected, Delete does nothing. */
  press ("Delete");
  g_assert_cmpuint (lq_source_set_get_n_references (sources), ==, 1);
  /* Undo puts it back where it was, selected, with its loop; the move before undoes too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (borrowed_item (sources, 3) == short_ref);
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, 3);
  g_assert_true (lq_session_get_reference_loop (session, 3, &start, &end));
  g_assert_cmpfloat (end, ==, 6.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (borrowed_item (sources, 2) == short_ref);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (lq_source_set_get_n_references (sources), ==, 1);
  g_assert_true (borrowed_item (sources, 2) == demo_ref);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.free-references", NULL));
  lq_session_set_loop_region (session, 0.0, 0.0);
  lq_session_set_loop_enabled (session, FALSE);
  g_unlink (short_path);
  g_rmdir (dir);
}

static void
test_keys (void)
{
  LqSourceSet *sources;

  ensure_demo_window ();
  sources = lq_window_get_sources (window);

  press ("3");
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, 2);
  press ("1");
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, 0);
  press ("x");
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, 2);
  press ("2");
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, 1);
  press ("1");

  press ("g");
  g_assert_false (lq_source_set_get_loudness_match (sources));
  press ("g");
  g_assert_true (lq_source_set_get_loudness_match (sources));

  /* M toggles Mono (from any mode), Shift+M steps through the modes; the button beside the
   * source switcher shows the session's mode. */
  {
    LqSession *session = window->session;
    GtkWidget *button = lq_ui_test_find_by_id (GTK_WIDGET (window->source_bar), "monitor_button");

    g_assert_nonnull (button);
    g_assert_cmpint (lq_session_get_monitor_mode (session), ==, LQ_MONITOR_STEREO);
    press ("m");
    g_assert_cmpint (lq_session_get_monitor_mode (session), ==, LQ_MONITOR_MONO);
    g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==, "Mono");
    save_png ("monitor-mono.png");
    press ("m");
    g_assert_cmpint (lq_session_get_monitor_mode (session), ==, LQ_MONITOR_STEREO);
    for (int mode = 1; mode <= LQ_MONITOR_N_MODES; mode++)
      {
        press ("<Shift>m");
        g_assert_cmpint (lq_session_get_monitor_mode (session), ==, mode % LQ_MONITOR_N_MODES);
      }
    press ("<Shift>m");
    press ("<Shift>m");
    press ("<Shift>m");
    g_assert_cmpint (lq_session_get_monitor_mode (session), ==, LQ_MONITOR_SIDE);
    g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==, "Side");
    press ("m");
    g_assert_cmpint (lq_session_get_monitor_mode (session), ==, LQ_MONITOR_MONO);
    /* The menu's items are win.monitor-mode with the mode's name. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.monitor-mode", "s",
                                               "swap"));
    g_assert_cmpint (lq_session_get_monitor_mode (session), ==, LQ_MONITOR_SWAP);
    g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==, "Swap L/R");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.monitor-mode", "s",
                                               "stereo"));
  }

  /* Listen As: the selector's action sets the session's service, the Platforms view shows
   * it; "" is matched playback again. */
  g_assert_null (lq_session_get_listen_as (window->session));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.listen-as", "s",
                                             "spotify-loud"));
  g_assert_cmpstr (lq_session_get_listen_as (window->session), ==, "spotify-loud");
  g_assert_cmpstr (lq_platforms_view_get_listen_as (window->platforms_view), ==, "spotify-loud");
  gtk_stack_set_visible_child_name (window->view_stack, "platforms");
  if (g_getenv ("LQ_TEST_SAVE_PNG") != NULL)
    lq_ui_test_spin (1.0);   /* past the stack's transition */
  save_png ("platforms.png");
  gtk_stack_set_visible_child_name (window->view_stack, "analysis");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.listen-as", "s", ""));
  g_assert_null (lq_session_get_listen_as (window->session));
  g_assert_null (lq_platforms_view_get_listen_as (window->platforms_view));

  press ("Right");
  g_assert_cmpfloat_with_epsilon (lq_waveform_view_get_position (window->waveform_view), 5.0,
                                  1e-9);
  press ("Left");
  g_assert_cmpfloat (lq_waveform_view_get_position (window->waveform_view), ==, 0.0);

  g_assert_nonnull (find_window_shortcut ("<Control>o"));
  g_assert_nonnull (find_window_shortcut ("<Shift><Control>o"));
  g_assert_nonnull (find_window_shortcut ("space"));
}

static void
test_accels (void)
{
  static const struct { const char *action; const char *accel; } expected[] = {
    { "app.quit", "<Control>q" },
    { "app.preferences", "<Control>comma" },
    { "app.shortcuts", "<Control>question" },
    { "window.close", "<Control>w" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    expected[i].action);

      g_assert_nonnull (accels);
      g_assert_cmpstr (accels[0], ==, expected[i].accel);
    }
  for (guint i = 0; i < 4; i++)
    {
      const char *names[] = { "quit", "about", "preferences", "shortcuts" };

      g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), names[i]));
    }
}

static void
destroy_other_windows (void)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_autoptr(GPtrArray) others = g_ptr_array_new ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (l->data != window)
      g_ptr_array_add (others, l->data);
  for (guint i = 0; i < others->len; i++)
    gtk_window_destroy (g_ptr_array_index (others, i));
}

/* Counts the mapped labels under root whose text has needle, and those of them cut short. */
static void
count_labels (GtkWidget  *root,
              const char *needle,
              guint      *n_found,
              guint      *n_ellipsized)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root)
      && strstr (gtk_label_get_label (GTK_LABEL (root)), needle) != NULL)
    {
      (*n_found)++;
      if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (root))))
        (*n_ellipsized)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_labels (child, needle, n_found, n_ellipsized);
}

/* The loop as numbers in the transport bar: they show the session's loop and edit it, and
 * the waveform follows; the zoom keys' actions zoom the waveform. */
static void
test_loop_numbers (void)
{
  GtkSpinButton *start_spin, *end_spin;
  double start, end;

  ensure_demo_window ();
  start_spin = GTK_SPIN_BUTTON (lq_ui_test_find_by_id (GTK_WIDGET (window->transport_bar),
                                                       "loop_start_spin"));
  end_spin = GTK_SPIN_BUTTON (lq_ui_test_find_by_id (GTK_WIDGET (window->transport_bar),
                                                     "loop_end_spin"));

  /* The session's loop, shown. */
  lq_session_set_loop_region (window->session, 6.0, 12.5);
  g_assert_cmpfloat (gtk_spin_button_get_value (start_spin), ==, 6.0);
  g_assert_cmpfloat (gtk_spin_button_get_value (end_spin), ==, 12.5);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start_spin)), ==, "0:06.00");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end_spin)), ==, "0:12.50");

  /* Typed: minutes and seconds, or seconds. */
  gtk_editable_set_text (GTK_EDITABLE (end_spin), "0:20.25");
  gtk_spin_button_update (end_spin);
  lq_session_get_loop (window->session, &start, &end);
  g_assert_cmpfloat (start, ==, 6.0);
  g_assert_cmpfloat (end, ==, 20.25);
  gtk_editable_set_text (GTK_EDITABLE (start_spin), "8.5");
  gtk_spin_button_update (start_spin);
  lq_session_get_loop (window->session, &start, &end);
  g_assert_cmpfloat (start, ==, 8.5);
  g_assert_true (lq_session_get_loop (window->session, NULL, NULL));
  lq_waveform_view_get_loop (window->waveform_view, &start, &end);
  g_assert_cmpfloat (start, ==, 8.5);
  g_assert_cmpfloat (end, ==, 20.25);

  /* A start typed past the end takes the end along: the loop stays on, as long. */
  gtk_spin_button_set_value (start_spin, 21.0);
  lq_session_get_loop (window->session, &start, &end);
  g_assert_cmpfloat (start, ==, 21.0);
  g_assert_cmpfloat_with_epsilon (end, MIN (21.0 + 11.75, LQ_DEMO_SECONDS), 1e-9);
  g_assert_true (lq_session_get_loop (window->session, NULL, NULL));

  /* Nonsense is refused and the field shows the loop again. */
  gtk_editable_set_text (GTK_EDITABLE (start_spin), "soon");
  gtk_spin_button_update (start_spin);
  lq_session_get_loop (window->session, &start, &end);
  g_assert_cmpfloat (start, ==, 21.0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start_spin)), ==, "0:21.00");

  /* Zoom keys' action: in, out, whole file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom", "d", 2.0));
  g_assert_cmpfloat_with_epsilon (lq_waveform_view_get_zoom (window->waveform_view), 2.0, 1e-9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom", "d", 2.0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom", "d", 0.5));
  g_assert_cmpfloat_with_epsilon (lq_waveform_view_get_zoom (window->waveform_view), 2.0, 1e-9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom", "d", 0.0));
  g_assert_cmpfloat (lq_waveform_view_get_zoom (window->waveform_view), ==, 1.0);

  lq_session_set_loop_region (window->session, 0.0, 0.0);
  lq_session_set_loop_enabled (window->session, FALSE);
  g_assert_cmpfloat (gtk_spin_button_get_value (end_spin), ==, 0.0);
}

static void
test_dialogs (void)
{
  guint before, n_preferences;

  ensure_demo_window ();
  gtk_window_present (GTK_WINDOW (window));
  before = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  lq_ui_test_spin (0.3);
  /* Each opened a window of its own (transient for the main window). */
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), >=,
                    before);
  /* Preferences shows the buffer size whole (it once read "51…"). */
  n_preferences = 0;
  for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (gtk_window_get_toplevels (), i);
      guint n_found = 0, n_ellipsized = 0;

      if (LQ_IS_PREFERENCES_DIALOG (toplevel))
        {
          count_labels (toplevel, " frames", &n_found, &n_ellipsized);
          g_test_message ("preferences: %u buffer size labels, %u cut short", n_found,
                          n_ellipsized);
          g_assert_cmpuint (n_found, >=, 1);
          g_assert_cmpuint (n_ellipsized, ==, 0);
          gtk_window_destroy (GTK_WINDOW (toplevel));
          n_preferences++;
        }
    }
  g_assert_cmpuint (n_preferences, ==, 1);
  destroy_other_windows ();
}

static void
test_broken_file (void)
{
  LqSourceSet *sources;
  LqSource *mix;
  guint n;
  g_autofree char *dir = g_dir_make_tmp ("lacquer-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.wav", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *toast;

  ensure_demo_window ();
  sources = lq_window_get_sources (window);
  mix = lq_source_set_get_mix (sources);
  n = g_list_model_get_n_items (G_LIST_MODEL (sources));
  g_assert_true (g_file_set_contents (path, "This is not audio, only text.\n", -1, NULL));

  /* As a reference… */
  lq_window_add_references (window, &file, 1);
  lq_ui_test_wait_false (window_busy, window, 30);
  toast = _lq_window_get_last_toast (window);
  g_assert_nonnull (toast);
  g_assert_nonnull (strstr (toast, "broken.wav"));
  g_assert_nonnull (strstr (toast, ": "));   /* "FILE: reason" */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sources)), ==, n);

  /* …and as the mix: the loaded session stays as it was. */
  g_clear_pointer (&window->last_toast, g_free);
  lq_window_open_files (window, &file, 1);
  lq_ui_test_wait_false (window_busy, window, 30);
  g_assert_nonnull (_lq_window_get_last_toast (window));
  g_assert_nonnull (strstr (_lq_window_get_last_toast (window), "broken.wav"));
  g_assert_true (lq_source_set_get_mix (sources) == mix);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sources)), ==, n);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Demo Mix — Lacquer");

  /* A missing file says so too. */
  {
    g_autofree char *missing_path = g_build_filename (dir, "missing.flac", NULL);
    g_autoptr(GFile) missing = g_file_new_for_path (missing_path);

    lq_window_add_references (window, &missing, 1);
    lq_ui_test_wait_false (window_busy, window, 30);
    g_assert_nonnull (strstr (_lq_window_get_last_toast (window), "missing.flac"));
  }

  g_unlink (path);
  g_rmdir (dir);
}

static void
check_draws (GtkWidget  *view,
             guint       min_ink,
             const char *name)
{
  g_autoptr(GdkTexture) texture = lq_ui_test_render (view);
  guint ink = lq_ui_test_count_ink (texture);
  guint total = (guint) (gdk_texture_get_width (texture) * gdk_texture_get_height (texture));

  g_test_message ("%s: %u of %u pixels drawn", name, ink, total);
  if (g_getenv ("LQ_TEST_SAVE_PNG"))
    {
      g_autofree char *file = g_strdup_printf ("%s/%s.png", g_getenv ("LQ_TEST_SAVE_PNG"), name);
      gdk_texture_save_to_png (texture, file);
    }
  g_assert_cmpuint (ink, >=, min_ink);
  g_assert_cmpuint (ink, <, total);
}

static void
test_views_draw (void)
{
  ensure_demo_window ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.select-source", "i", 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* Ink well beyond what the grids alone would leave: the data is drawn. */
  check_draws (GTK_WIDGET (window->waveform_view),
               gtk_widget_get_width (GTK_WIDGET (window->waveform_view)) * 20, "waveform");
  check_draws (GTK_WIDGET (window->spectrum_view),
               gtk_widget_get_width (GTK_WIDGET (window->spectrum_view)) * 50, "spectrum");
  check_draws (GTK_WIDGET (window->loudness_graph),
               gtk_widget_get_width (GTK_WIDGET (window->loudness_graph)) * 3, "loudness");
  check_draws (GTK_WIDGET (lq_meter_panel_get_level_meter (window->meter_panel)), 2000, "meter");
  if (g_getenv ("LQ_TEST_SAVE_PNG"))
    {
      g_autoptr(GdkTexture) texture = lq_ui_test_render (GTK_WIDGET (window));
      g_autofree char *file = g_strdup_printf ("%s/window.png", g_getenv ("LQ_TEST_SAVE_PNG"));
      gdk_texture_save_to_png (texture, file);
    }

  /* The same views without data draw only their grids: much less. */
  {
    g_autoptr(GdkTexture) with = lq_ui_test_render (GTK_WIDGET (window->waveform_view));
    g_autoptr(GdkTexture) without = NULL;
    LqSource *source = lq_waveform_view_get_source (window->waveform_view);

    g_object_ref (source);
    lq_waveform_view_set_source (window->waveform_view, NULL);
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    without = lq_ui_test_render (GTK_WIDGET (window->waveform_view));
    g_assert_cmpuint (lq_ui_test_count_ink (with), >, 2 * lq_ui_test_count_ink (without));
    lq_waveform_view_set_source (window->waveform_view, source);
    g_object_unref (source);
  }
}

static void
test_playback (void)
{
  g_autoptr(LqUiTestPlayback) player = lq_ui_test_playback_new ();
  double loop_start, loop_end;
  LqSourceSet *sources;

  ensure_demo_window ();
  sources = lq_window_get_sources (window);

  /* The application gives every window a player (test-playback.c plays through it); here
   * the window goes without, then with a fake one. */
  g_assert_nonnull (lq_window_get_playback (window));
  lq_window_set_playback (window, NULL);

  /* No output: the transport is off and says why. */
  g_assert_null (lq_window_get_playback (window));
  g_assert_true (lq_ui_test_action_enabled (GTK_WIDGET (window), "win.add-reference"));
  g_assert_false (lq_ui_test_action_enabled (GTK_WIDGET (window), "win.play-pause"));
  g_assert_false (lq_ui_test_action_enabled (GTK_WIDGET (window), "win.stop"));
  g_assert_null (lq_transport_bar_get_device_name (window->transport_bar));

  lq_window_set_playback (window, LQ_PLAYBACK (player));
  g_assert_true (lq_ui_test_action_enabled (GTK_WIDGET (window), "win.play-pause"));
  g_assert_true (lq_ui_test_action_enabled (GTK_WIDGET (window), "win.stop"));
  g_assert_cmpuint (lq_ui_test_playback_get_n_sources (player), ==, 3);
  g_assert_cmpint (lq_ui_test_playback_get_selected (player), ==,
                   lq_source_set_get_selected_index (sources));
  g_assert_cmpstr (lq_transport_bar_get_device_name (window->transport_bar), ==, "Test Output");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.play-pause", NULL));
  g_assert_true (lq_ui_test_playback_get_playing (player));
  g_assert_true (lq_transport_bar_get_playing (window->transport_bar));

  /* Switching is the player's switch, at the source's matched gain (what the player last
   * reported for it: at or below the listening level, never above). */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.select-source", "i", 2);
  g_assert_cmpint (lq_ui_test_playback_get_selected (player), ==, 2);
  g_assert_cmpfloat_with_epsilon (lq_ui_test_playback_get_gain (player),
                                  lq_source_get_matched_gain (lq_source_set_get_selected (sources)),
                                  1e-9);
  g_assert_cmpfloat (lq_ui_test_playback_get_gain (player), <=,
                     lq_source_set_get_listening_level (sources) - LQ_DEMO_REFERENCE_LUFS + 1e-9);

  /* The position follows the player while it plays. */
  lq_ui_test_playback_set_position (player, 12.5);
  lq_ui_test_spin (0.2);
  g_assert_cmpfloat (lq_waveform_view_get_position (window->waveform_view), ==, 12.5);

  /* Seeking and looping reach the player. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.seek", "d", 5.0);
  g_assert_cmpfloat (lq_ui_test_playback_get_position (player), ==, 17.5);
  lq_waveform_view_set_loop (window->waveform_view, 4.0, 8.0);
  lq_ui_test_playback_get_loop (player, &loop_start, &loop_end);
  g_assert_cmpfloat (loop_start, ==, 4.0);
  g_assert_cmpfloat (loop_end, ==, 8.0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.play-pause", NULL));
  g_assert_false (lq_ui_test_playback_get_playing (player));

  lq_window_set_playback (window, NULL);
  g_assert_false (lq_ui_test_action_enabled (GTK_WIDGET (window), "win.play-pause"));
  lq_waveform_view_set_loop (window->waveform_view, 0.0, 0.0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.select-source", "i", 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  lq_ui_test_init (&argc, &argv);

  app = lq_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app))
                           | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  g_test_add_func ("/ui/window/empty-state", test_empty_state);
  g_test_add_func ("/ui/window/demo-session", test_demo_session);
  g_test_add_func ("/ui/window/switch-sources", test_switch_sources);
  g_test_add_func ("/ui/window/keys", test_keys);
  g_test_add_func ("/ui/window/broken-file", test_broken_file);
  g_test_add_func ("/ui/window/views-draw", test_views_draw);
  g_test_add_func ("/ui/window/playback", test_playback);
  g_test_add_func ("/ui/window/loop-numbers", test_loop_numbers);
  g_test_add_func ("/ui/window/references", test_references);
  g_test_add_func ("/ui/app/accels", test_accels);
  g_test_add_func ("/ui/app/dialogs", test_dialogs);

  ret = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  return ret;
}
