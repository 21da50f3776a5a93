/* test-codec.c
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

/* The codec preview in the window, with the real player: a mix whose master is limited near
 * 0 dBTP, an MP3 128 preview started by key, its source heard by key and by click, its overs
 * listed as rows that seek the player there, its safe ceiling set on the chain in one undo
 * step, and a chain change that makes it again. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sndfile.h>

#include "lq-application.h"
#include "lq-player-playback.h"
#include "lq-test-signal.h"
#include "lq-ui-test.h"
#include "lq-window-private.h"

#define RATE    48000
#define SECONDS 8

static LqApplication *app;

static gboolean
window_busy (gpointer data)
{
  return lq_window_get_busy (LQ_WINDOW (data));
}

static char *
write_file (const char *dir,
            const char *name,
            guint       seed)
{
  char *path = g_build_filename (dir, name, NULL);
  SF_INFO info = { .samplerate = RATE, .channels = 2,
                   .format = SF_FORMAT_WAV | SF_FORMAT_FLOAT };
  g_autofree float *frames = g_new0 (float, (gsize) RATE * SECONDS * 2);
  SNDFILE *file;

  lq_test_programme (frames, (gsize) RATE * SECONDS, RATE, 0.5, seed);
  file = sf_open (path, SFM_WRITE, &info);
  g_assert_nonnull (file);
  g_assert_cmpint (sf_writef_float (file, frames, RATE * SECONDS), ==, RATE * SECONDS);
  sf_close (file);
  return path;
}



typedef gboolean (*MatchFunc) (GtkWidget     *widget,
                               gconstpointer  data);

/* The first widget under root (root included) that match takes. */
static GtkWidget *
find_widget (GtkWidget     *root,
             MatchFunc      match,
             gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_button (GtkWidget     *widget,
           gconstpointer  label)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_mnemonic_label_of (GtkWidget     *widget,
                      gconstpointer  target)
{
  return GTK_IS_LABEL (widget) && gtk_label_get_mnemonic_widget (GTK_LABEL (widget)) == target;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/* A drop-down whose list of strings holds item. */
static gboolean
is_dropdown_with (GtkWidget     *widget,
                  gconstpointer  item)
{
  GListModel *model;

  if (!GTK_IS_DROP_DOWN (widget))
    return FALSE;
  model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));
  for (guint i = 0; GTK_IS_STRING_LIST (model) && i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), item) == 0)
      return TRUE;
  return FALSE;
}

/* Lets the core take the commands queued (no device: the test renders). */
static void
render_a_little (LqPlayer *player)
{
  float out[2 * 256];

  lq_player_render (player, out, 256);
  lq_player_update (player);
}

static void
count_cb (LqPlayer *player,
          guint    *count)
{
  (*count)++;
}

static void
test_preview (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lacquer-codec-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  LqWindow *window = lq_window_new (app);
  LqPlayerPlayback *playback;
  LqPlayer *player;
  const LqCodecResult *result;
  GtkListBoxRow *row;
  GtkWidget *button;
  double safe, ceiling, over_s, before;
  guint ready = 0;

  g_assert_no_error (error);
  path = write_file (dir, "codec-mix.wav", 11);
  file = g_file_new_for_path (path);
  gtk_window_present (GTK_WINDOW (window));
  lq_window_open_files (window, &file, 1);
  lq_ui_test_wait_false (window_busy, window, 60);
  g_assert_true (LQ_IS_PLAYER_PLAYBACK (lq_window_get_playback (window)));
  playback = LQ_PLAYER_PLAYBACK (lq_window_get_playback (window));
  player = lq_player_playback_get_player (playback);
  g_signal_connect (player, "codec-ready", G_CALLBACK (count_cb), &ready);

  /* A master driven 12 dB into the limiter at -0.1 dBTP: MP3 128 will overshoot. */
  g_object_set (window->chain, "input-gain-db", 12.0, "limiter-ceiling-db", -0.1, NULL);
  lq_ui_test_wait_false (lq_ui_test_player_busy, playback, 60);

  /* Nothing to hear before a preview: C does nothing. */
  lq_ui_test_press (GTK_WIDGET (window), "c");
  g_assert_false (window->codec_heard);
  g_assert_null (lq_source_bar_get_codec_button (window->source_bar));

  gtk_stack_set_visible_child_name (window->view_stack, "codec");
  lq_ui_test_press (GTK_WIDGET (window), "k");
  g_assert_true (window->codec_preview);
  g_assert_true (lq_player_get_codec_updating (player));
  g_assert_cmpstr (lq_codec_view_get_status (window->codec_view), ==, "Updating…");
  lq_ui_test_wait_false (lq_ui_test_player_busy, playback, 60);
  /* Ready twice: the preview, then its decode being over -1 dBTP, the safe ceiling tried. */
  g_assert_cmpuint (ready, ==, 2);
  result = lq_player_get_codec_result (player);
  g_assert_nonnull (result);
  g_assert_cmpint (result->spec.kind, ==, LQ_CODEC_MP3);
  g_assert_cmpuint (result->spec.kbps, ==, 128);
  g_test_message ("MP3 128 of a master at %.2f dBTP: decoded %.2f dBTP, %u overs of 0 dBFS, "
                  "%u of -1 dBTP, safe ceiling %.2f dBTP", result->source_tp_dbtp,
                  result->decoded_tp_dbtp, result->n_overs_0dbfs, result->n_overs_tp,
                  result->safe_ceiling_dbtp);

  /* Its source, selectable by key and by click. */
  button = lq_source_bar_get_codec_button (window->source_bar);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Master · MP3 128");
  lq_ui_test_press (GTK_WIDGET (window), "c");
  g_assert_true (window->codec_heard);
  g_assert_cmpint (lq_player_get_selected (player), ==, LQ_SLOT_CODEC);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  /* The meters' live readings are of what is heard, and their "Heard" row names it. */
  g_assert_cmpstr (lq_meter_panel_get_heard_title (window->meter_panel), ==,
                   "Heard (Master · MP3 128)");
  /* The artefacts instead (Shift+K), and back. */
  lq_ui_test_press (GTK_WIDGET (window), "<Shift>k");
  g_assert_cmpint (lq_player_get_selected (player), ==, LQ_SLOT_CODEC_ARTEFACTS);
  g_assert_cmpstr (lq_meter_panel_get_heard_title (window->meter_panel), ==,
                   "Heard (Artefacts of Master · MP3 128)");
  lq_ui_test_press (GTK_WIDGET (window), "<Shift>k");
  g_assert_cmpint (lq_player_get_selected (player), ==, LQ_SLOT_CODEC);
  /* The mix by key, then the preview by a click on its button. */
  lq_ui_test_press (GTK_WIDGET (window), "1");
  g_assert_false (window->codec_heard);
  g_assert_cmpint (lq_player_get_selected (player), ==, LQ_SLOT_MIX);
  g_assert_cmpstr (lq_meter_panel_get_heard_title (window->meter_panel), ==, "Heard (Mix)");
  button = lq_source_bar_get_codec_button (window->source_bar);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (window->codec_heard);
  g_assert_cmpint (lq_player_get_selected (player), ==, LQ_SLOT_CODEC);
  g_assert_cmpint (lq_source_set_get_selected_index (window->sources), >=, 0);
  {
    int selected;

    g_object_get (window, "selected-source", &selected, NULL);
    g_assert_cmpint (selected, ==, -1);
  }

  /* The overs are rows; activating one seeks the player there. */
  g_assert_cmpuint (result->n_overs_tp, >, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  row = lq_codec_view_get_over_row (window->codec_view, TRUE, 0);
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (row));
  g_assert_null (lq_codec_view_get_over_row (window->codec_view, TRUE,
                                             MIN (result->n_overs_tp,
                                                  LQ_CODEC_MAX_LISTED_OVERS)));
  row = lq_codec_view_get_over_row (window->codec_view, TRUE, result->overs_tp->len - 1);
  over_s = g_array_index (result->overs_tp, LqCodecOver, result->overs_tp->len - 1).start_s;
  gtk_widget_activate (GTK_WIDGET (row));
  render_a_little (player);
  g_test_message ("over at %.4f s; the player is at %.4f s", over_s,
                  lq_player_get_position (player) / (double) RATE);
  g_assert_cmpfloat (fabs (lq_player_get_position (player) / (double) RATE - over_s), <=, 1e-3);
  g_assert_cmpfloat_with_epsilon (lq_playback_get_position (LQ_PLAYBACK (playback)), over_s,
                                  1e-3);

  /* The safe ceiling to the limiter: the value shown, one undo step. */
  safe = lq_codec_view_get_safe_ceiling (window->codec_view);
  g_assert_true (isfinite (safe));
  g_assert_cmpfloat (safe, <, -0.1);
  g_assert_cmpfloat (safe, ==, result->safe_ceiling_dbtp);
  button = find_widget (GTK_WIDGET (window->codec_view), is_button, "_Use as Limiter Ceiling");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  before = result->source_tp_dbtp;
  g_signal_emit_by_name (button, "clicked");
  g_object_get (window->chain, "limiter-ceiling-db", &ceiling, NULL);
  g_assert_cmpfloat (ceiling, ==, safe);

  /* The chain changed: the preview is made again, and until then it says so. */
  g_assert_true (lq_player_get_codec_updating (player));
  g_assert_cmpstr (lq_codec_view_get_status (window->codec_view), ==, "Updating…");
  g_assert_false (gtk_widget_get_sensitive (button));
  lq_ui_test_wait_false (lq_ui_test_player_busy, playback, 60);
  /* Once: at the safe ceiling the decode keeps -1 dBTP, so there is nothing to try. */
  g_assert_cmpuint (ready, ==, 3);
  result = lq_player_get_codec_result (player);
  g_assert_cmpfloat (result->ceiling_dbtp, ==, safe);
  g_assert_cmpfloat (result->source_tp_dbtp, <, before - 0.5);
  g_test_message ("at the safe ceiling %.1f dBTP: decoded %.2f dBTP, %u overs of -1 dBTP",
                  safe, result->decoded_tp_dbtp, result->n_overs_tp);
  /* It is safe, not an estimate: the decode keeps -1 dBTP. */
  g_assert_cmpfloat (result->decoded_tp_dbtp, <=, -1.0);
  g_assert_cmpuint (result->n_overs_tp, ==, 0);

  /* One undo step takes the ceiling back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_object_get (window->chain, "limiter-ceiling-db", &ceiling, NULL);
  g_assert_cmpfloat (ceiling, ==, -0.1);

  /* K again ends the preview: its source goes, and the master is heard. */
  lq_ui_test_press (GTK_WIDGET (window), "k");
  g_assert_false (window->codec_preview);
  g_assert_false (window->codec_heard);
  g_assert_null (lq_source_bar_get_codec_button (window->source_bar));
  g_assert_false (lq_slot_is_codec (lq_player_get_selected (player)));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}


static gboolean
widget_hidden (gpointer widget)
{
  return !gtk_widget_get_visible (GTK_WIDGET (widget));
}



/* A reference previewed instead of the master, chosen on the Codec page by keyboard (its
 * mnemonic, then the list): the switcher and the meters' Heard row name it, the readouts are
 * its own, the codec-safe ceiling is said to be only for the master, a chain change leaves
 * it alone, and removing the reference hands the page back to the master. */
static void
test_reference (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lacquer-codec-XXXXXX", &error);
  g_autofree char *mix_path = NULL, *ref_path = NULL;
  GFile *files[2];
  LqWindow *window = lq_window_new (app);
  LqPlayerPlayback *playback;
  LqPlayer *player;
  const LqCodecResult *result;
  GtkDropDown *source;
  GtkLabel *label;
  GtkWidget *button, *popover, *list;
  guint ready = 0;

  g_assert_no_error (error);
  mix_path = write_file (dir, "codec-mix.wav", 11);
  ref_path = write_file (dir, "codec-ref.wav", 29);
  files[0] = g_file_new_for_path (mix_path);
  files[1] = g_file_new_for_path (ref_path);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  lq_window_open_files (window, files, 2);
  lq_ui_test_wait_false (window_busy, window, 60);
  playback = LQ_PLAYER_PLAYBACK (lq_window_get_playback (window));
  player = lq_player_playback_get_player (playback);
  lq_ui_test_wait_false (lq_ui_test_player_busy, playback, 60);
  g_assert_cmpuint (lq_player_get_n_references (player), ==, 1);
  g_signal_connect (player, "codec-ready", G_CALLBACK (count_cb), &ready);

  gtk_stack_set_visible_child_name (window->view_stack, "codec");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  lq_ui_test_press (GTK_WIDGET (window), "k");
  lq_ui_test_wait_false (lq_ui_test_player_busy, playback, 60);
  g_assert_cmpstr (lq_source_buffer_get_display_name (lq_player_get_codec_buffer (player, 0)),
                   ==, "Master · MP3 128");

  /* The page lists the master, then the reference by name. */
  source = GTK_DROP_DOWN (find_widget (GTK_WIDGET (window->codec_view), is_dropdown_with,
                                       "codec-ref"));
  g_assert_nonnull (source);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (source)), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (source), ==, 0);
  /* By keyboard: Alt+S (its label's mnemonic) opens its list ... */
  label = GTK_LABEL (find_widget (GTK_WIDGET (window->codec_view), is_mnemonic_label_of,
                                  source));
  g_assert_nonnull (label);
  g_assert_cmpuint (gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (label)), ==,
                    GDK_KEY_s);
  g_assert_true (gtk_widget_mnemonic_activate (GTK_WIDGET (label), FALSE));
  popover = find_widget (GTK_WIDGET (source), is_of_type,
                         GSIZE_TO_POINTER (GTK_TYPE_POPOVER));
  g_assert_nonnull (popover);
  lq_ui_test_wait_false (widget_hidden, popover, 10);
  /* ... with the keyboard focus in it; Down and Enter (the list view's own actions for them:
   * select the second row, activate it) take the reference. */
  list = find_widget (popover, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_LIST_VIEW));
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), list));
  g_assert_true (gtk_widget_activate_action (list, "list.select-item", "(ubb)", 1, FALSE,
                                             FALSE));
  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 1));
  g_assert_cmpuint (gtk_drop_down_get_selected (source), ==, 1);
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_cmpint (lq_player_get_codec_source (player), ==, 0);
  g_assert_true (lq_player_get_codec_updating (player));
  g_assert_cmpstr (lq_codec_view_get_status (window->codec_view), ==, "Updating…");
  lq_ui_test_wait_false (lq_ui_test_player_busy, playback, 60);
  result = lq_player_get_codec_result (player);
  g_assert_nonnull (result);
  g_assert_true (isnan (result->safe_ceiling_dbtp));

  /* The switcher lists it, C hears it, and the Heard row names it. */
  button = lq_source_bar_get_codec_button (window->source_bar);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "codec-ref · MP3 128");
  lq_ui_test_press (GTK_WIDGET (window), "c");
  g_assert_true (window->codec_heard);
  g_assert_cmpint (lq_player_get_selected (player), ==, LQ_SLOT_CODEC);
  g_assert_cmpstr (lq_meter_panel_get_heard_title (window->meter_panel), ==,
                   "Heard (codec-ref · MP3 128)");

  /* The readouts are the reference's; its safe ceiling is the master's business. */
  {
    g_autofree char *status = g_strdup_printf ("codec-ref through MP3 128 kb/s, made in "
                                               "%.1f s", result->seconds);

    g_assert_cmpstr (lq_codec_view_get_status (window->codec_view), ==, status);
  }
  g_assert_false (isfinite (lq_codec_view_get_safe_ceiling (window->codec_view)));
  button = find_widget (GTK_WIDGET (window->codec_view), is_button, "_Use as Limiter Ceiling");
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_nonnull (find_widget (GTK_WIDGET (window->codec_view), is_label,
                                 "Only for the master"));
  g_assert_nonnull (find_widget (GTK_WIDGET (window->codec_view), is_label,
                                 "Reference true peak"));
  {
    g_autofree char *decoded = g_strdup_printf ("%+.2f dBTP", result->decoded_tp_dbtp);

    g_assert_nonnull (find_widget (GTK_WIDGET (window->codec_view), is_label, decoded));
  }
  g_test_message ("MP3 128 of the reference at %.2f dBTP: decoded %.2f dBTP, %u overs of "
                  "-1 dBTP", result->source_tp_dbtp, result->decoded_tp_dbtp,
                  result->n_overs_tp);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  if (g_getenv ("LQ_TEST_SAVE_PNG"))
    {
      g_autoptr(GdkTexture) texture = lq_ui_test_render (GTK_WIDGET (window));
      g_autofree char *file = g_strdup_printf ("%s/codec-reference.png",
                                               g_getenv ("LQ_TEST_SAVE_PNG"));
      gdk_texture_save_to_png (texture, file);
    }

  /* A chain change is not about the reference: nothing is made again. */
  g_object_set (window->chain, "limiter-ceiling-db", -3.0, NULL);
  g_assert_false (lq_player_get_codec_updating (player));
  lq_ui_test_spin ((LQ_PLAYER_CODEC_DEBOUNCE_MS + 300) / 1000.0);
  lq_ui_test_wait_false (lq_ui_test_player_busy, playback, 60);
  g_assert_true (lq_player_get_codec_result (player) == result);
  g_assert_cmpuint (ready, ==, 2);   /* the master's preview, then the reference's */

  /* The reference goes: the page is back on the master, whose preview is made. */
  lq_session_remove_reference (window->session, LQ_SOURCE_SET_FIRST_REFERENCE);
  lq_ui_test_wait_false (window_busy, window, 60);
  lq_ui_test_wait_false (lq_ui_test_player_busy, playback, 60);
  g_assert_cmpint (lq_player_get_codec_source (player), ==, -1);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (source)), ==, 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (source), ==, 0);
  g_assert_false (window->codec_heard);
  g_assert_cmpstr (lq_source_buffer_get_display_name (lq_player_get_codec_buffer (player, 0)),
                   ==, "Master · MP3 128");
  button = find_widget (GTK_WIDGET (window->codec_view), is_button, "_Use as Limiter Ceiling");
  g_assert_true (gtk_widget_get_visible (button));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (files[0]);
  g_object_unref (files[1]);
  g_unlink (mix_path);
  g_unlink (ref_path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  lq_ui_test_init (&argc, &argv);
  app = lq_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/ui/codec/preview", test_preview);
  g_test_add_func ("/ui/codec/reference", test_reference);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
  return ret;
}
