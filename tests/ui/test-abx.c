/* test-abx.c
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

/* The blind A/B/X test in the window, on the demo session and a fake player:
 *
 *   /ui/abx/keys      a whole 16-trial test by keys with a fixed seed: A, B and X play what
 *                     they should (X as the seeded draw says) from the segment's start at the
 *                     chosen crossfade; an answer needs X heard; the score stays hidden until
 *                     the last answer; the result shows k/n and p (12 of 16: FACTS' 0.038);
 *                     the session keeps the test through a save; the log exports; closing
 *                     gives the player back to the session
 *   /ui/abx/no-cue    every widget of the test's window and of the main window (text,
 *                     tooltip, accessible name and description, style classes, state) is the
 *                     same in a trial where X is A and in one where X is B */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lq-abx-window.h"
#include "lq-application.h"
#include "lq-session-file.h"
#include "lq-ui-test.h"
#include "lq-window-private.h"

#define N_TRIALS   16
#define N_WRONG    4      /* the last four answers are wrong: 12 of 16 */
#define REFERENCE  2      /* the demo's reference, in the candidates */

static LqApplication *app;
static char *tmpdir;

static gboolean
window_busy (gpointer data)
{
  return lq_window_get_busy (LQ_WINDOW (data));
}

static gboolean
abx_preparing (gpointer data)
{
  return lq_abx_window_get_preparing (LQ_ABX_WINDOW (data));
}

/* The demo (a real mix and reference) in a window playing through a fake player. */
static LqWindow *
demo_window (LqUiTestPlayback **playback)
{
  LqWindow *window = lq_window_new (app);

  *playback = lq_ui_test_playback_new ();
  lq_ui_test_playback_set_matches (*playback, TRUE);
  lq_window_set_playback (window, LQ_PLAYBACK (*playback));
  gtk_window_present (GTK_WINDOW (window));
  lq_window_open_demo (window);
  lq_ui_test_wait_false (window_busy, window, 60);
  return window;
}

/* Every label of the widget tree, in order, as one string. */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (text, "%s|", gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static char *
shown_text (LqAbxWindow *abx)
{
  GString *text = g_string_new (NULL);

  collect_text (GTK_WIDGET (abx), text);
  return g_string_free (text, FALSE);
}

/* Opens the test by its key, mix against the reference, and starts it with seed. */
static LqAbxWindow *
start_test (LqWindow *window,
            guint64   seed,
            double    crossfade_ms)
{
  LqAbxWindow *abx;

  lq_ui_test_press (GTK_WIDGET (window), "<Shift><Control>b");
  g_assert_true (LQ_IS_ABX_WINDOW (window->last_dialog));
  abx = LQ_ABX_WINDOW (window->last_dialog);
  g_assert_cmpuint (g_list_model_get_n_items (lq_abx_window_get_candidates (abx)), ==, 3);
  lq_abx_window_set_pair (abx, LQ_SOURCE_SET_MIX, REFERENCE);
  lq_abx_window_set_seed (abx, seed);
  g_assert_true (lq_ui_test_action_enabled (GTK_WIDGET (abx), "abx.start"));
  g_assert_false (lq_ui_test_action_enabled (GTK_WIDGET (abx), "abx.play"));
  if (crossfade_ms > 0)
    {
      GtkSpinButton *crossfade = NULL;

      for (GtkWidget *w = GTK_WIDGET (abx); w != NULL;)
        {
          /* Depth-first walk for the spin button named "Crossfade (ms)". */
          if (GTK_IS_SPIN_BUTTON (w)
              && gtk_test_accessible_check_property (GTK_ACCESSIBLE (w),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     "Crossfade (ms)") == NULL)
            {
              crossfade = GTK_SPIN_BUTTON (w);
              break;
            }
          if (gtk_widget_get_first_child (w) != NULL)
            w = gtk_widget_get_first_child (w);
          else
            {
              while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
                w = w == GTK_WIDGET (abx) ? NULL : gtk_widget_get_parent (w);
              if (w != NULL)
                w = gtk_widget_get_next_sibling (w);
            }
        }
      g_assert_nonnull (crossfade);
      gtk_spin_button_set_value (crossfade, crossfade_ms);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (abx), "abx.start", NULL));
  lq_ui_test_wait_false (abx_preparing, abx, 30);
  if (lq_abx_window_get_test (abx) == NULL)
    {
      g_autofree char *text = shown_text (abx);

      g_error ("the test did not start: %s", text);
    }
  g_assert_true (lq_abx_test_get_started (lq_abx_window_get_test (abx)));
  return abx;
}

static void
test_keys (void)
{
  LqUiTestPlayback *playback;
  LqWindow *window = demo_window (&playback);
  const guint64 seed = 20261203;
  LqAbxChoice draws[N_TRIALS];
  LqAbxWindow *abx;
  LqAbxTest *test;
  guint k, n, correct = 0;
  double p, start, end;
  g_autofree char *result = NULL;
  g_autofree char *session_path = g_build_filename (tmpdir, "abx.lacquer", NULL);
  g_autofree char *log_path = g_build_filename (tmpdir, "abx-log.txt", NULL);
  g_autofree char *log = NULL;
  g_autoptr(GFile) log_file = g_file_new_for_path (log_path);
  g_autoptr(GError) error = NULL;
  LqSessionData *data;

  lq_source_set_select (window->sources, LQ_SOURCE_SET_MASTER);
  lq_abx_draw (seed, draws, N_TRIALS);
  abx = start_test (window, seed, 12.0);
  test = lq_abx_window_get_test (abx);
  g_assert_cmpuint (lq_abx_test_get_n_trials (test), ==, N_TRIALS);
  g_assert_cmpuint (lq_abx_test_get_seed (test), ==, seed);
  g_assert_true (lq_session_get_abx (window->session) == test);
  /* The main window's live meters would show what X is: blank while the test is up. */
  g_assert_true (window->blind);

  for (guint i = 0; i < N_TRIALS; i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *trial = g_strdup_printf ("Trial %u of %u|", i + 1, N_TRIALS);
      gboolean wrong = i >= N_TRIALS - N_WRONG;
      LqAbxChoice answer;

      text = shown_text (abx);
      g_assert_nonnull (strstr (text, trial));
      g_assert_null (strstr (text, "correct"));
      g_assert_false (lq_abx_test_get_score (test, &k, &n, &p));

      /* No answer before X was heard. */
      g_assert_false (lq_ui_test_action_enabled (GTK_WIDGET (abx), "abx.answer"));

      lq_ui_test_playback_set_position (playback, 33.0);
      lq_ui_test_playback_clear_calls (playback);
      lq_ui_test_press (GTK_WIDGET (abx), "a");
      g_assert_cmpint (lq_ui_test_playback_get_selected (playback), ==, LQ_SOURCE_SET_MIX);
      g_assert_cmpfloat (lq_ui_test_playback_get_position (playback), ==, 0.0);
      g_assert_true (lq_ui_test_playback_get_playing (playback));
      /* Selected before the seek: a free reference starts at the segment's start too. */
      g_assert_cmpstr (lq_ui_test_playback_get_calls (playback), ==, "select 0;seek 0;play;");
      lq_ui_test_playback_set_position (playback, 12.5);
      lq_ui_test_playback_clear_calls (playback);
      lq_ui_test_press (GTK_WIDGET (abx), "b");
      g_assert_cmpint (lq_ui_test_playback_get_selected (playback), ==, REFERENCE);
      g_assert_cmpfloat (lq_ui_test_playback_get_position (playback), ==, 0.0);
      g_assert_cmpstr (lq_ui_test_playback_get_calls (playback), ==, "select 2;seek 0;play;");
      lq_ui_test_playback_set_position (playback, 7.0);
      lq_ui_test_press (GTK_WIDGET (abx), "x");
      g_assert_cmpint (lq_ui_test_playback_get_selected (playback), ==,
                       draws[i] == LQ_ABX_A ? LQ_SOURCE_SET_MIX : REFERENCE);
      g_assert_cmpfloat (lq_ui_test_playback_get_position (playback), ==, 0.0);
      g_assert_cmpfloat (lq_ui_test_playback_get_crossfade_ms (playback), ==, 12.0);
      /* The whole file repeats (the demo has no loop). */
      lq_ui_test_playback_get_loop (playback, &start, &end);
      g_assert_cmpfloat (start, ==, 0.0);
      g_assert_cmpfloat (end, ==, lq_source_get_duration (lq_source_set_get_mix (window->sources)));
      /* The session's selection did not follow: the main window shows nothing of it. */
      g_assert_cmpint (lq_source_set_get_selected_index (window->sources), ==,
                       LQ_SOURCE_SET_MASTER);

      g_assert_true (lq_ui_test_action_enabled (GTK_WIDGET (abx), "abx.answer"));
      answer = wrong ? !draws[i] : draws[i];
      correct += !wrong;
      lq_ui_test_press (GTK_WIDGET (abx), answer == LQ_ABX_A ? "1" : "2");
      g_assert_cmpuint (lq_abx_test_get_trial (test), ==, i + 1);
    }

  g_assert_true (lq_abx_test_get_finished (test));
  g_assert_true (lq_abx_test_get_score (test, &k, &n, &p));
  g_assert_cmpuint (k, ==, correct);
  g_assert_cmpuint (k, ==, 12);
  g_assert_cmpuint (n, ==, N_TRIALS);
  /* Σ_{i=12..16} C(16,i) / 2^16 = (1820 + 560 + 120 + 16 + 1) / 65536 (FACTS: 0.038). */
  g_assert_cmpfloat_with_epsilon (p, 2517.0 / 65536.0, 1e-12);
  result = shown_text (abx);
  g_test_message ("result: %s", result);
  g_assert_nonnull (strstr (result, "12 of 16 correct|"));
  g_assert_nonnull (strstr (result, "p = 0.0384"));
  g_assert_nonnull (strstr (result, "You reliably heard a difference"));
  g_assert_false (lq_ui_test_action_enabled (GTK_WIDGET (abx), "abx.play"));
  g_assert_true (lq_ui_test_action_enabled (GTK_WIDGET (abx), "abx.export"));

  /* The session keeps the test: saved and read back, it has the same score. */
  g_assert_true (lq_session_save (window->session, session_path, &error));
  g_assert_no_error (error);
  data = lq_session_file_load (session_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data->abx);
  g_assert_true (lq_abx_test_get_score (data->abx, &k, &n, &p));
  g_assert_cmpuint (k, ==, 12);
  g_assert_cmpuint (n, ==, N_TRIALS);
  g_assert_cmpuint (lq_abx_test_get_seed (data->abx), ==, seed);
  lq_session_data_free (data);

  /* The log names both sources with the SHA-256 of their audio, the seed and the score. */
  g_assert_true (lq_abx_window_write_log (abx, log_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  g_test_message ("%s", log);
  g_assert_nonnull (strstr (log, "Mix"));
  g_assert_nonnull (strstr (log, gtk_string_list_get_string (GTK_STRING_LIST (
                                   lq_abx_window_get_candidates (abx)), REFERENCE)));
  g_assert_nonnull (strstr (strstr (log, "sha256:") + 1, "sha256:"));
  g_assert_nonnull (strstr (log, "20261203"));

  /* Escape closes it; the player is back on the session's selection and crossfade. */
  lq_ui_test_press (GTK_WIDGET (abx), "Escape");
  lq_ui_test_spin (0.1);
  g_assert_null (window->last_dialog);
  g_assert_false (window->blind);
  g_assert_cmpint (lq_ui_test_playback_get_selected (playback), ==, LQ_SOURCE_SET_MASTER);
  g_assert_cmpfloat (lq_ui_test_playback_get_crossfade_ms (playback), ==, 5.0);
  g_assert_false (lq_ui_test_playback_get_playing (playback));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (playback);
  g_remove (session_path);
  g_remove (log_path);
}

/* Two snapshots of the chain, heard as masters of their own (compare mode), blind against each
 * other by keyboard alone: the playback plays their compare slots, matched, and the log
 * names both versions by their chains. */
static void
test_snapshots (void)
{
  LqUiTestPlayback *playback;
  LqWindow *window = demo_window (&playback);
  const guint64 seed = 7;
  LqAbxChoice draws[N_TRIALS];
  LqChainParams params;
  GListModel *candidates;
  LqAbxWindow *abx;
  LqAbxTest *test;
  guint k, n, a, b;
  double p;
  g_autofree char *log_path = g_build_filename (tmpdir, "abx-snapshots.txt", NULL);
  g_autofree char *log = NULL;
  g_autoptr(GFile) log_file = g_file_new_for_path (log_path);
  g_autoptr(GError) error = NULL;

  /* Snapshot A: the chain as it is; B: 3 dB louder into it (the player matches them). */
  lq_ui_test_press (GTK_WIDGET (window), "<Control>1");
  params = *lq_chain_model_get_params (window->chain);
  params.input_gain_db += 3.0;
  lq_chain_model_set_params (window->chain, &params);
  lq_ui_test_press (GTK_WIDGET (window), "<Control>2");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (
                      lq_session_get_snapshots (window->session))), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL));
  g_assert_cmpuint (lq_ui_test_playback_get_n_compare (playback), ==, 2);

  lq_ui_test_press (GTK_WIDGET (window), "<Shift><Control>b");
  abx = LQ_ABX_WINDOW (window->last_dialog);
  candidates = lq_abx_window_get_candidates (abx);
  /* Mix, master, the reference, then the two compared masters. */
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 5);
  a = 3;
  b = 4;
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (candidates), a), ==, "Master A");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (candidates), b), ==, "Master B");
  lq_abx_window_set_pair (abx, a, b);
  lq_abx_window_set_seed (abx, seed);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (abx), "abx.start", NULL));
  lq_ui_test_wait_false (abx_preparing, abx, 30);
  test = lq_abx_window_get_test (abx);
  g_assert_nonnull (test);
  lq_abx_draw (seed, draws, N_TRIALS);

  for (guint i = 0; i < N_TRIALS; i++)
    {
      lq_ui_test_press (GTK_WIDGET (abx), "a");
      g_assert_cmpint (lq_ui_test_playback_get_selected (playback), ==, LQ_PLAYBACK_COMPARE);
      lq_ui_test_press (GTK_WIDGET (abx), "b");
      g_assert_cmpint (lq_ui_test_playback_get_selected (playback), ==, LQ_PLAYBACK_COMPARE + 1);
      lq_ui_test_press (GTK_WIDGET (abx), "x");
      g_assert_cmpint (lq_ui_test_playback_get_selected (playback), ==,
                       LQ_PLAYBACK_COMPARE + (draws[i] == LQ_ABX_A ? 0 : 1));
      /* Matched: B's 3 dB more into the chain is taken off again by its gain. */
      g_assert_cmpfloat (fabs (lq_ui_test_playback_get_gain (playback)
                               - (draws[i] == LQ_ABX_A ? 0.0 : -3.0)
                               - (lq_source_set_get_listening_level (window->sources)
                                  - lq_source_get_integrated_lufs (
                                      lq_source_set_get_mix (window->sources)))), <, 1e-9);
      lq_ui_test_press (GTK_WIDGET (abx), draws[i] == LQ_ABX_A ? "1" : "2");
    }
  g_assert_true (lq_abx_test_get_score (test, &k, &n, &p));
  g_assert_cmpuint (k, ==, N_TRIALS);
  g_assert_cmpuint (n, ==, N_TRIALS);
  g_assert_cmpfloat_with_epsilon (p, 1.0 / 65536.0, 1e-12);

  g_assert_true (lq_abx_window_write_log (abx, log_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  g_test_message ("%s", log);
  g_assert_nonnull (strstr (log, "Master A"));
  g_assert_nonnull (strstr (log, "Master B"));
  /* Each named by its chain: the two identities differ, and neither is a file's hash. */
  g_assert_null (strstr (log, "sha256:"));
  g_assert_nonnull (strstr (log, "input_gain_db"));

  lq_ui_test_press (GTK_WIDGET (abx), "Escape");
  lq_ui_test_spin (0.1);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (playback);
  g_remove (log_path);
}

/* ---- no cue ---- */

static void
describe (GtkWidget *widget,
          GString   *out)
{
  static const GtkAccessibleProperty props[] = {
    GTK_ACCESSIBLE_PROPERTY_LABEL, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
  };
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);
  g_autofree char *css = g_strjoinv (".", classes);
  const char *tooltip = gtk_widget_get_tooltip_text (widget);
  GtkStateFlags state = gtk_widget_get_state_flags (widget)
                        & (GTK_STATE_FLAG_ACTIVE | GTK_STATE_FLAG_SELECTED
                           | GTK_STATE_FLAG_CHECKED | GTK_STATE_FLAG_INSENSITIVE);

  /* What is not shown is neither seen nor read out (the load banner's progress, hidden,
   * still shows how far the demo's generation had gone). */
  if (!gtk_widget_get_mapped (widget))
    {
      g_string_append_printf (out, "%s unmapped\n", G_OBJECT_TYPE_NAME (widget));
      return;
    }
  g_string_append_printf (out, "%s css=%s tip=%s state=%x vis=%d",
                          G_OBJECT_TYPE_NAME (widget), css, tooltip ? tooltip : "",
                          state, gtk_widget_get_visible (widget));
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, " label=%s", gtk_label_get_label (GTK_LABEL (widget)));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (out, " button=%s", gtk_button_get_label (GTK_BUTTON (widget)));
  if (GTK_IS_WINDOW (widget))
    g_string_append_printf (out, " title=%s", gtk_window_get_title (GTK_WINDOW (widget)));
  /* GTK 4.8 reads accessible properties back only through the test API: checked against a
   * value nothing has, it returns the real one. */
  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), props[i]))
      {
        g_autofree char *value =
          gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), props[i], "\x01");

        g_string_append_printf (out, " a11y%u=%s", i, value ? value : "");
      }
  g_string_append_c (out, '\n');
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    describe (child, out);
}

/* A seed whose first trial hides choice behind X. */
static guint64
seed_for (LqAbxChoice choice)
{
  for (guint64 seed = 1;; seed++)
    {
      LqAbxChoice x;

      lq_abx_draw (seed, &x, 1);
      if (x == choice)
        return seed;
    }
}

/* The first trial with X = choice, after A, B and X were played: both windows described. */
static char *
describe_trial (LqAbxChoice choice)
{
  LqUiTestPlayback *playback;
  LqWindow *window = demo_window (&playback);
  LqAbxWindow *abx = start_test (window, seed_for (choice), 0);
  GString *out = g_string_new (NULL);

  g_assert_true (lq_abx_test_get_x (lq_abx_window_get_test (abx)) == choice);
  lq_ui_test_press (GTK_WIDGET (abx), "a");
  lq_ui_test_press (GTK_WIDGET (abx), "b");
  lq_ui_test_press (GTK_WIDGET (abx), "x");
  /* The fake player did switch to what X hides: the difference is there to leak. */
  g_assert_cmpint (lq_ui_test_playback_get_selected (playback), ==,
                   choice == LQ_ABX_A ? LQ_SOURCE_SET_MIX : REFERENCE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (abx));
  describe (GTK_WIDGET (abx), out);
  describe (GTK_WIDGET (window), out);

  gtk_window_destroy (GTK_WINDOW (abx));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (playback);
  return g_string_free (out, FALSE);
}

static void
test_no_cue (void)
{
  g_autofree char *x_is_a = describe_trial (LQ_ABX_A);
  g_autofree char *x_is_b = describe_trial (LQ_ABX_B);
  g_auto(GStrv) lines_a = g_strsplit (x_is_a, "\n", -1);
  g_auto(GStrv) lines_b = g_strsplit (x_is_b, "\n", -1);

  /* The walk saw the trial page: its counter, the buttons and their tooltips. */
  g_assert_nonnull (strstr (x_is_a, "label=Trial 1 of 16"));
  g_assert_nonnull (strstr (x_is_a, "button=X is A"));
  g_assert_nonnull (strstr (x_is_a, "tip=Play X (key X)"));
  g_assert_nonnull (strstr (x_is_a, "label=Playing X"));
  g_assert_cmpuint (g_strv_length (lines_a), >, 100);
  g_test_message ("%u widgets compared", g_strv_length (lines_a) - 1);
  for (guint i = 0; lines_a[i] != NULL && lines_b[i] != NULL; i++)
    if (g_strcmp0 (lines_a[i], lines_b[i]) != 0)
      g_error ("line %u differs between X = A and X = B:\n  %s\n  %s", i, lines_a[i],
               lines_b[i]);
  g_assert_cmpuint (g_strv_length (lines_a), ==, g_strv_length (lines_b));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* Accessible names are read back from GTK's test contexts (the suite runs without any). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  lq_ui_test_init (&argc, &argv);
  /* A page change is instant: what is shown does not depend on how far a fade has got. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  tmpdir = g_dir_make_tmp ("lq-test-abx-XXXXXX", &error);
  g_assert_no_error (error);
  app = lq_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/ui/abx/keys", test_keys);
  g_test_add_func ("/ui/abx/no-cue", test_no_cue);
  g_test_add_func ("/ui/abx/snapshots", test_snapshots);
  ret = g_test_run ();

  g_rmdir (tmpdir);
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return ret;
}
