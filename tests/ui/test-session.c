/* test-session.c
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

/* Sessions from outside the window: closing with unsaved changes (every way: the window's
 * close, the application's quit), what that leaves behind, opening `.lacquer` files the way
 * the command line and the file manager do, and recovery next to files the user named. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lq-application.h"
#include "lq-export-dialog.h"
#include "lq-presets.h"
#include "lq-ui-test.h"
#include "lq-window-private.h"

static LqApplication *app;
static char *tmpdir;

static gboolean
window_busy (gpointer data)
{
  return lq_window_get_busy (LQ_WINDOW (data));
}

/* A window with the demo session (the demo's mix and reference are real files). */
static LqWindow *
demo_window (void)
{
  LqWindow *window = lq_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  lq_window_open_demo (window);
  lq_ui_test_wait_false (window_busy, window, 60);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static guint
n_lq_windows (void)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    n += LQ_IS_WINDOW (l->data);
  return n;
}

static LqWindow *
newest_window (void)
{
  /* The application's list is most recently focused first; a new window is presented. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (LQ_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* Makes the session dirty and waits for its autosave to be on disk. */
static char *
edit_and_autosave (LqWindow *window)
{
  char *autosave = g_strdup (lq_session_get_autosave_path (window->session));

  g_object_set (window->chain, "input-gain-db", 1.5, NULL);
  g_assert_true (_lq_window_get_dirty (window));
  lq_session_flush_autosave (window->session);
  for (int i = 0; i < 200 && !g_file_test (autosave, G_FILE_TEST_EXISTS); i++)
    lq_ui_test_spin (0.01);
  g_assert_true (g_file_test (autosave, G_FILE_TEST_EXISTS));
  return autosave;
}

static void
destroyed_cb (gpointer  data,
              GObject  *where)
{
  *(gboolean *) data = TRUE;
}

static gboolean
not_destroyed (gpointer data)
{
  return !*(gboolean *) data;
}

/* ---- closing ---- */

static void
test_close_discard (void)
{
  LqWindow *window = demo_window ();
  g_autofree char *autosave = edit_and_autosave (window);
  gboolean gone = FALSE;
  GtkWidget *dialog;

  g_object_weak_ref (G_OBJECT (window), destroyed_cb, &gone);
  gtk_window_close (GTK_WINDOW (window));
  lq_ui_test_spin (0.1);
  /* It asks; "Discard" closes without a critical (they are fatal here) and leaves nothing. */
  dialog = window->last_dialog;
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "discard"));
  g_assert_false (gone);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  lq_ui_test_wait_false (not_destroyed, &gone, 10);
  lq_ui_test_spin (0.3);
  g_assert_false (g_file_test (autosave, G_FILE_TEST_EXISTS));
}

/* app.quit (Ctrl+Q) goes through the window's question: Cancel keeps everything, Discard
 * closes, and the autosave goes with it. A clean window closes without asking. */
static void
test_quit_asks (void)
{
  LqWindow *window = demo_window ();
  LqWindow *clean = lq_window_new (app);
  g_autofree char *autosave = edit_and_autosave (window);
  gboolean gone = FALSE, clean_gone = FALSE;
  GtkWidget *dialog;

  gtk_window_present (GTK_WINDOW (clean));
  g_object_weak_ref (G_OBJECT (window), destroyed_cb, &gone);
  g_object_weak_ref (G_OBJECT (clean), destroyed_cb, &clean_gone);
  g_assert_cmpuint (n_lq_windows (), ==, 2);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  lq_ui_test_spin (0.1);
  g_assert_true (clean_gone);
  g_assert_false (gone);
  g_assert_true (lq_application_get_quitting (app));
  dialog = window->last_dialog;
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                            "Save Changes"));

  /* Cancel: the window, its changes and its autosave stay; the quitting stops. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  lq_ui_test_spin (0.2);
  g_assert_false (gone);
  g_assert_false (lq_application_get_quitting (app));
  g_assert_true (_lq_window_get_dirty (window));
  g_assert_true (g_file_test (autosave, G_FILE_TEST_EXISTS));

  /* Again, and Discard: all windows go (the application would end now). */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  lq_ui_test_spin (0.1);
  g_assert_false (gone);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (window->last_dialog), "discard");
  lq_ui_test_wait_false (not_destroyed, &gone, 10);
  lq_ui_test_spin (0.2);
  g_assert_cmpuint (n_lq_windows (), ==, 0);
  g_assert_false (lq_application_get_quitting (app));
  g_assert_false (g_file_test (autosave, G_FILE_TEST_EXISTS));
}

/* Saves the demo as a session file in tmpdir and closes its window. */
static char *
save_demo_session (const char *name,
                   char      **mix_path)
{
  LqWindow *window = demo_window ();
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;
  LqEqBand band = *lq_chain_model_get_band (window->chain, 2);

  band.gain_db = 3.0;
  lq_chain_model_set_band (window->chain, 2, &band);
  g_assert_true (_lq_window_save_session (window, path, &error));
  g_assert_no_error (error);
  if (mix_path)
    *mix_path = g_strdup (lq_source_get_path (lq_source_set_get_mix (window->sources)));
  gtk_window_destroy (GTK_WINDOW (window));
  return path;
}

/* `lacquer x.lacquer` and the file manager's Open: the application is given the file. */
static void
test_open_from_outside (void)
{
  g_autofree char *mix = NULL;
  g_autofree char *path = save_demo_session ("Outside.lacquer", &mix);
  g_autofree char *path2 = g_build_filename (tmpdir, "Outside 2.lacquer", NULL);
  GFile *files[2];
  LqWindow *first, *second;

  g_assert_cmpuint (n_lq_windows (), ==, 0);
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (path2, contents, (gssize) length, NULL));
  }
  files[0] = g_file_new_for_path (path);
  files[1] = g_file_new_for_path (path2);
  g_application_open (G_APPLICATION (app), files, 2, "");
  g_object_unref (files[0]);
  g_object_unref (files[1]);
  lq_ui_test_spin (0.1);

  /* Two sessions, two windows; each opened as a session (not as audio: no error). */
  g_assert_cmpuint (n_lq_windows (), ==, 2);
  first = newest_window ();
  second = NULL;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (l->data != first)
      second = l->data;
  lq_ui_test_wait_false (window_busy, first, 60);
  lq_ui_test_wait_false (window_busy, second, 60);
  for (LqWindow *w = first; w != NULL; w = (w == first ? second : NULL))
    {
      g_assert_null (_lq_window_get_last_toast (w));
      g_assert_cmpstr (lq_source_get_path (lq_source_set_get_mix (w->sources)), ==, mix);
      g_assert_cmpfloat (lq_chain_model_get_band (w->chain, 2)->gain_db, ==, 3.0);
      g_assert_false (_lq_window_get_dirty (w));
    }
  g_assert_cmpstr (lq_session_get_path (first->session), !=,
                   lq_session_get_path (second->session));
  gtk_window_destroy (GTK_WINDOW (first));
  gtk_window_destroy (GTK_WINDOW (second));
}

/* An autosave whose process is gone, as a crash leaves it. */
static char *
plant_orphan (const char *session)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "lacquer", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  char *orphan;
  gsize length;
  pid_t pid = fork ();

  if (pid == 0)
    _exit (0);
  g_assert_cmpint (pid, >, 0);
  g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);
  name = g_strdup_printf ("autosave-%ld-1.lacquer", (long) pid);
  orphan = g_build_filename (dir, name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (session, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (orphan, contents, (gssize) length, NULL));
  return orphan;
}

/* Recovery asks, and never replaces files the user named: with a mix open in the window, the
 * recovered session opens in a new one. Escape leaves the autosave for later. */
static void
test_recovery_beside_files (void)
{
  g_autofree char *session = save_demo_session ("Crashed.lacquer", NULL);
  g_autofree char *orphan = plant_orphan (session);
  LqWindow *window = demo_window ();
  LqWindow *recovered = NULL;
  LqSource *mix = lq_source_set_get_mix (window->sources);
  GtkWidget *dialog;

  _lq_window_check_recovery (window);
  dialog = window->last_dialog;
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "new window"));
  /* Dismissed: nothing happens, the autosave stays for another time. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "later");
  lq_ui_test_spin (0.1);
  g_assert_true (g_file_test (orphan, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_lq_windows (), ==, 1);

  _lq_window_check_recovery (window);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (window->last_dialog), "recover");
  g_assert_cmpuint (n_lq_windows (), ==, 2);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (l->data != window && LQ_IS_WINDOW (l->data))
      recovered = l->data;
  lq_ui_test_wait_false (window_busy, recovered, 60);
  lq_ui_test_spin (0.1);
  /* The window's own mix is untouched; the recovered session is untitled, and unsaved. */
  g_assert_true (lq_source_set_get_mix (window->sources) == mix);
  g_assert_cmpfloat (lq_chain_model_get_band (window->chain, 2)->gain_db, !=, 3.0);
  g_assert_cmpfloat (lq_chain_model_get_band (recovered->chain, 2)->gain_db, ==, 3.0);
  g_assert_null (lq_session_get_path (recovered->session));
  g_assert_false (g_file_test (orphan, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (recovered));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
export_busy (gpointer data)
{
  return lq_export_dialog_get_busy (LQ_EXPORT_DIALOG (data));
}

/* One whole session as a user runs it, with criticals fatal: open a session from the command
 * line, edit, play, export, quit (asked, and saved). */
static void
test_scripted_session (void)
{
  g_autofree char *path = save_demo_session ("Scripted.lacquer", NULL);
  g_autofree char *exported = NULL;
  g_autoptr(LqUiTestPlayback) player = lq_ui_test_playback_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LqExportDialog *export;
  LqWindow *window;
  gboolean gone = FALSE;

  g_application_open (G_APPLICATION (app), &file, 1, "");
  window = newest_window ();
  g_assert_nonnull (window);
  lq_ui_test_wait_false (window_busy, window, 60);
  g_assert_cmpstr (lq_session_get_path (window->session), ==, path);

  /* Edit. */
  g_object_set (window->chain, "output-gain-db", -0.5, NULL);
  g_assert_true (_lq_window_get_dirty (window));

  /* Play (through a recording player: the tests have no audio device). */
  lq_window_set_playback (window, LQ_PLAYBACK (player));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.play-pause", NULL));
  g_assert_true (lq_ui_test_playback_get_playing (player));
  lq_ui_test_playback_set_position (player, 3.0);
  lq_ui_test_spin (0.2);
  g_assert_true (lq_ui_test_playback_get_chain (player)->output_gain_db == -0.5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.play-pause", NULL));

  /* Export. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  export = LQ_EXPORT_DIALOG (window->last_dialog);
  lq_export_dialog_set_output (export, tmpdir, "Scripted.wav");
  lq_export_dialog_start (export);
  lq_ui_test_wait_false (export_busy, export, 240);
  g_assert_null (lq_export_dialog_get_error (export));
  g_assert_nonnull (lq_export_dialog_get_report (export));
  exported = lq_export_dialog_dup_output_path (export);
  g_assert_true (g_file_test (exported, G_FILE_TEST_IS_REGULAR));
  gtk_window_close (GTK_WINDOW (export));

  /* Quit: asked; Save writes the session, then the window goes. */
  g_object_weak_ref (G_OBJECT (window), destroyed_cb, &gone);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  lq_ui_test_spin (0.1);
  g_assert_false (gone);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (window->last_dialog), "save");
  lq_ui_test_wait_false (not_destroyed, &gone, 30);
  lq_ui_test_spin (0.2);
  g_assert_cmpuint (n_lq_windows (), ==, 0);
  {
    g_autoptr(LqSessionData) data = lq_session_file_load (path, NULL, NULL);

    g_assert_nonnull (data);
    g_assert_cmpfloat (data->chain.output_gain_db, ==, -0.5);
  }
}

static GtkWidget *
find (LqExportDialog *dialog,
      const char     *id)
{
  GtkWidget *widget = lq_ui_test_find_by_id (GTK_WIDGET (dialog), id);

  g_assert_nonnull (widget);
  return widget;
}

static guint
preset_index (const char *id)
{
  guint n;
  const LqPreset *all = lq_presets_get_all (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (all[i].id, id))
      return i;
  return n;   /* Custom comes after the table */
}

/* With LQ_TEST_SAVE_PNG set to a folder, the dialog as drawn (the screenshots). */
static void
save_png (LqExportDialog *dialog,
          const char     *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;

  if (g_getenv ("LQ_TEST_SAVE_PNG") == NULL)
    return;
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  lq_ui_test_spin (0.3);
  texture = lq_ui_test_render (GTK_WIDGET (dialog));
  file = g_strdup_printf ("%s/%s.png", g_getenv ("LQ_TEST_SAVE_PNG"), name);
  gdk_texture_save_to_png (texture, file);
}

static char *
output_name (LqExportDialog *dialog)
{
  g_autofree char *path = lq_export_dialog_dup_output_path (dialog);

  return g_path_get_basename (path);
}

/* Delivery targets in the export dialog: each with its numbers, As mastered and Custom, the
 * limiting allowance with its warning, a visible note when a target changes the file, the
 * target in the file name, and the folder remembered. */
static void
test_export_targets (void)
{
  LqWindow *window = demo_window ();
  LqSettings *settings = window->settings;
  LqExportDialog *dialog;
  AdwComboRow *preset_row;
  GListModel *items;
  LqRenderOptions options;
  g_autofree char *name = NULL;
  g_autofree char *folder = g_build_filename (tmpdir, "deliveries", NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = LQ_EXPORT_DIALOG (window->last_dialog);
  preset_row = ADW_COMBO_ROW (find (dialog, "preset_row"));
  items = adw_combo_row_get_model (preset_row);

  /* The list shows the numbers. */
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), preset_index ("spotify")),
                   ==, "Spotify — −14 LUFS · −1.0 dBTP");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), preset_index ("cd")),
                   ==, "CD / download — −10 LUFS · −0.3 dBTP");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items),
                                               preset_index ("as-mastered")),
                   ==, "As mastered — No gain change · chain’s ceiling");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), preset_index ("custom")),
                   ==, "Custom");

  /* Spotify: FLAC, named after the target; no note (nothing changed yet). */
  adw_combo_row_set_selected (preset_row, preset_index ("spotify"));
  name = output_name (dialog);
  g_assert_cmpstr (name, ==, "Demo Mix (Spotify).flac");
  g_clear_pointer (&name, g_free);

  /* CD turns FLAC into WAV, and says so. */
  adw_combo_row_set_selected (preset_row, preset_index ("cd"));
  g_assert_true (gtk_widget_get_visible (find (dialog, "format_note")));
  {
    const char *note = gtk_label_get_label (GTK_LABEL (find (dialog, "format_note")));

    g_test_message ("%s", note);
    g_assert_nonnull (strstr (note, "WAV, 16-bit, 44100 Hz"));
    g_assert_nonnull (strstr (note, "it was FLAC, 24-bit, 44100 Hz"));
  }
  name = output_name (dialog);
  g_assert_cmpstr (name, ==, "Demo Mix (CD - download).wav");
  g_clear_pointer (&name, g_free);

  /* The limiting allowance: an option of the export and a setting, warned about above 6 dB. */
  g_assert_false (gtk_widget_get_visible (find (dialog, "limiting_warning")));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find (dialog, "limiting_spin")), 10.0);
  g_assert_true (gtk_widget_get_visible (find (dialog, "limiting_warning")));
  lq_export_dialog_get_options (dialog, &options);
  g_assert_cmpfloat (options.max_limiting_db, ==, 10.0);
  g_assert_cmpfloat (lq_settings_get_max_limiting (settings), ==, 10.0);
  save_png (dialog, "export-targets");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find (dialog, "limiting_spin")), 6.0);
  g_assert_false (gtk_widget_get_visible (find (dialog, "limiting_warning")));

  /* Custom: its own numbers, kept in the settings. */
  g_assert_false (gtk_widget_get_visible (find (dialog, "custom_lufs_row")));
  adw_combo_row_set_selected (preset_row, preset_index ("custom"));
  g_assert_true (gtk_widget_get_visible (find (dialog, "custom_lufs_row")));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find (dialog, "custom_lufs_spin")), -12.0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find (dialog, "custom_ceiling_spin")), -0.5);
  lq_export_dialog_get_options (dialog, &options);
  g_assert_true (options.has_target);
  g_assert_cmpfloat (options.target_lufs, ==, -12.0);
  g_assert_cmpfloat (options.ceiling_dbtp, ==, -0.5);
  {
    double lufs, ceiling;

    g_object_get (settings, LQ_SETTING_KEY_CUSTOM_LUFS, &lufs,
                  LQ_SETTING_KEY_CUSTOM_CEILING, &ceiling, NULL);
    g_assert_cmpfloat (lufs, ==, -12.0);
    g_assert_cmpfloat (ceiling, ==, -0.5);
  }
  save_png (dialog, "export-custom-target");
  name = output_name (dialog);
  g_assert_cmpstr (name, ==, "Demo Mix (Custom).flac");
  g_clear_pointer (&name, g_free);

  /* A name the user typed survives a change of target (only its extension follows). */
  lq_export_dialog_set_output (dialog, NULL, "Client Final.flac");
  adw_combo_row_set_selected (preset_row, preset_index ("youtube"));
  name = output_name (dialog);
  g_assert_cmpstr (name, ==, "Client Final.wav");
  g_clear_pointer (&name, g_free);

  /* As mastered: no gain change; the export keeps the loudness and checks the ceiling. */
  adw_combo_row_set_selected (preset_row, preset_index ("as-mastered"));
  g_assert_false (gtk_widget_get_visible (find (dialog, "limiting_row")));
  lq_export_dialog_get_options (dialog, &options);
  g_assert_false (options.has_target);
  g_assert_false (options.has_ceiling);
  lq_export_dialog_set_output (dialog, folder, "As mastered.wav");
  lq_export_dialog_start (dialog);
  lq_ui_test_wait_false (export_busy, dialog, 240);
  g_assert_null (lq_export_dialog_get_error (dialog));
  g_assert_cmpfloat (lq_export_dialog_get_report (dialog)->gain_db, ==, 0.0);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (find (dialog, "verdict_label"))),
                                   "✓"));
  gtk_window_close (GTK_WINDOW (dialog));

  /* The folder is remembered: the next export proposes it. */
  g_assert_cmpstr (lq_settings_get_export_folder (settings), ==, folder);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = LQ_EXPORT_DIALOG (window->last_dialog);
  {
    g_autofree char *path = lq_export_dialog_dup_output_path (dialog);
    g_autofree char *dir = g_path_get_dirname (path);

    g_assert_cmpstr (dir, ==, folder);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  {
    g_autofree char *file = g_build_filename (folder, "As mastered.wav", NULL);

    g_unlink (file);
    g_rmdir (folder);
  }
  lq_settings_set_export_folder (settings, "");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* What ffprobe (not our reader) says of a file: "codec,rate,bits" of its stream, or NULL
 * when ffprobe is missing. */
static char *
ffprobe_stream (const char *path)
{
  g_autofree char *ffprobe = g_find_program_in_path ("ffprobe");
  g_autofree char *out = NULL;
  int status = 0;
  const char *argv[] = { NULL, "-v", "error", "-show_entries",
                         "stream=codec_name,sample_rate,bits_per_sample", "-of", "csv=p=0",
                         path, NULL };

  if (ffprobe == NULL)
    return NULL;
  argv[0] = ffprobe;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strdup (g_strstrip (out));
}

static GtkWidget *
first_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = GTK_IS_BUTTON (child) ? child : first_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The action row titled title below root, or NULL. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = NULL;

      if (ADW_IS_ACTION_ROW (child)
          && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
      if ((found = find_row (child, title)) != NULL)
        return found;
    }
  return NULL;
}

static void
add_deliverable (LqExportDialog *dialog,
                 guint           index)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (find (dialog, "deliverable_row")), index);
  g_signal_emit_by_name (find (dialog, "add_deliverable_button"), "clicked");
}

/* The Deliverables group: two extra files added (one removed again), kept in the session,
 * written by the export beside the master and listed in the report with their true peak;
 * ffprobe reads each back. The controls are reachable from the keyboard. */
static void
test_export_deliverables (void)
{
  LqWindow *window = demo_window ();
  LqExportDialog *dialog;
  g_autofree char *folder = g_build_filename (tmpdir, "deliverables", NULL);
  g_autofree char *list = NULL;
  GtkWidget *report_group;
  GArray *written;
  const char *want[] = { "Delivered wav16.wav", "Delivered opus.opus" };
  const char *streams[] = { "pcm_s16le,44100,16", "opus,48000,0" };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = LQ_EXPORT_DIALOG (window->last_dialog);
  g_assert_true (gtk_widget_get_focusable (find (dialog, "deliverable_row")));
  g_assert_true (gtk_widget_get_focusable (find (dialog, "add_deliverable_button")));

  /* In the Deliverable row's order: 16-bit WAV 44.1 kHz, MP3 320, Opus 160. */
  add_deliverable (dialog, 1);
  add_deliverable (dialog, 7);
  add_deliverable (dialog, 13);
  list = lq_export_dialog_dup_deliverables (dialog);
  g_assert_cmpstr (list, ==, "wav:16:44100,mp3:320,opus:160");
  g_clear_pointer (&list, g_free);
  /* The MP3 goes again, by its row's Remove button. */
  {
    GtkWidget *row = find_row (find (dialog, "deliverables_group"), "MP3, 320 kb/s");
    GtkWidget *remove;

    g_assert_nonnull (row);
    remove = first_button (row);
    g_assert_nonnull (remove);
    g_assert_true (gtk_widget_get_focusable (remove));
    g_signal_emit_by_name (remove, "clicked");
  }
  list = lq_export_dialog_dup_deliverables (dialog);
  g_assert_cmpstr (list, ==, "wav:16:44100,opus:160");
  g_assert_cmpstr (lq_session_get_deliverables (window->session), ==,
                   "wav:16:44100,opus:160");
  gtk_editable_set_text (GTK_EDITABLE (find (dialog, "pattern_row")),
                         "{stem} {codec}{bits}.{ext}");
  g_assert_cmpstr (lq_session_get_name_pattern (window->session), ==,
                   "{stem} {codec}{bits}.{ext}");
  gtk_widget_grab_focus (find (dialog, "pattern_row"));
  save_png (dialog, "export-deliverables");

  lq_export_dialog_set_output (dialog, folder, "Delivered.wav");
  lq_export_dialog_start (dialog);
  lq_ui_test_wait_false (export_busy, dialog, 240);
  g_assert_null (lq_export_dialog_get_error (dialog));
  written = lq_export_dialog_get_written (dialog);
  g_assert_nonnull (written);
  g_assert_cmpuint (written->len, ==, 2);
  report_group = find (dialog, "deliverables_report_group");
  g_assert_true (gtk_widget_get_visible (report_group));
  save_png (dialog, "export-deliverables-report");
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      const LqDeliverable *item = &g_array_index (written, LqDeliverable, i);
      g_autofree char *path = g_build_filename (folder, want[i], NULL);
      g_autofree char *base = g_path_get_basename (item->path);
      g_autofree char *stream = NULL;

      g_assert_cmpstr (base, ==, want[i]);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_assert_true (isfinite (item->true_peak_dbtp) && item->true_peak_dbtp < 0.0);
      if ((stream = ffprobe_stream (path)) != NULL)
        g_assert_cmpstr (stream, ==, streams[i]);
      g_unlink (path);
    }
  gtk_window_close (GTK_WINDOW (dialog));
  {
    g_autofree char *master = g_build_filename (folder, "Delivered.wav", NULL);

    g_unlink (master);
    g_rmdir (folder);
  }
  lq_session_set_deliverables (window->session, NULL, NULL);
  lq_settings_set_export_folder (window->settings, "");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* "As mastered" chosen as the window's target: the limiter keeps its ceiling, the meters say
 * there is no loudness target, and Reach Target says why it has nothing to do (no critical). */
static void
test_as_mastered_in_window (void)
{
  LqWindow *window = demo_window ();
  double ceiling = lq_chain_model_get_params (window->chain)->lim.ceiling_db;
  const char *verdict;

  g_object_set (window, "preset-id", "as-mastered", NULL);
  g_assert_cmpstr (lq_session_get_target (window->session), ==, "as-mastered");
  g_assert_cmpfloat (lq_chain_model_get_params (window->chain)->lim.ceiling_db, ==, ceiling);
  verdict = gtk_label_get_label (GTK_LABEL (lq_ui_test_find_by_id (GTK_WIDGET (window->meter_panel),
                                                                   "verdict_label")));
  g_assert_nonnull (strstr (verdict, "no loudness target"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->chain_panel),
                                             "chain.reach-target", NULL));
  g_assert_false (lq_chain_panel_get_busy (window->chain_panel));
  g_assert_cmpfloat (lq_chain_model_get_params (window->chain)->lim.ceiling_db, ==, ceiling);
  g_object_set (window, "preset-id", "spotify", NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  lq_ui_test_init (&argc, &argv);

  tmpdir = g_dir_make_tmp ("lacquer-session-XXXXXX", &error);
  g_assert_no_error (error);
  app = lq_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  /* The application stays while the tests close all of its windows. */
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/ui/session/close-discard", test_close_discard);
  g_test_add_func ("/ui/session/quit-asks", test_quit_asks);
  g_test_add_func ("/ui/session/open-from-outside", test_open_from_outside);
  g_test_add_func ("/ui/session/recovery-beside-files", test_recovery_beside_files);
  g_test_add_func ("/ui/session/scripted", test_scripted_session);
  g_test_add_func ("/ui/export/targets", test_export_targets);
  g_test_add_func ("/ui/export/as-mastered-in-window", test_as_mastered_in_window);
  g_test_add_func ("/ui/export/deliverables", test_export_deliverables);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (tmpdir, name, NULL);

        g_unlink (file);
      }
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);
  return ret;
}
