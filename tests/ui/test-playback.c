/* test-playback.c
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

/* The window playing through the real player and PortAudio, into an ALSA "file" device over
 * a "null" one (TESTING.md §2): the ALSA configuration is written into a folder of this
 * run's own and selected with ALSA_CONFIG_PATH before PortAudio starts, and everything the
 * device was given lands, as raw float frames, in PA_CAPTURE_FILE.
 *
 * That device runs as fast as it is fed, hundreds of times real time, so nothing here waits
 * on the clock: the test follows the player's stream frames (the frame clock switches and
 * loops are scheduled on) and measures the capture at known stream frames.
 *
 *   /ui/playback/matched-switch  the demo, a loop on a passage of the verse, play, switch
 *                                mix → reference through the window's action, stop: the
 *                                capture is sound, and the same passage measures the same
 *                                short-term loudness from the mix and from the reference
 *   /ui/playback/live-meters     while playing, the meter panel, level meter and spectrum
 *                                show live values, and the playhead follows the player
 *   /ui/playback/device-settings Preferences' device list; another buffer size or device
 *                                reopens the device; a missing device is named
 *   /ui/playback/no-device       (in a subprocess, with no device at all) the status line
 *                                says why, Play does nothing harmful, the rest works */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lq-application.h"
#include "lq-demo.h"
#include "lq-loudness.h"
#include "lq-player-playback.h"
#include "lq-ui-test.h"
#include "lq-window-private.h"

#define LOOP_START   8.0     /* four bars of the verse, one turn of its chords */
#define LOOP_END     16.0
#define PHASE_START  2.0     /* the passage measured, in seconds into a turn of the loop */
#define PHASE_END    5.0
#define MATCH_LU     0.5

static const char capture_conf[] =
  "pcm.!default {\n"
  "    type file\n"
  "    slave.pcm { type null }\n"
  "    file { @func getenv vars [ PA_CAPTURE_FILE ] default \"/tmp/lacquer-capture.raw\" }\n"
  "    format \"raw\"\n"
  "}\n";
static const char nodevice_conf[] = "pcm.!default { type hw card 99 }\n";

static char *run_dir;
static char *capture_path;
static LqApplication *app;
static LqWindow *window;

/* ---- helpers ------------------------------------------------------------------------- */

static void
select_alsa_config (const char *conf)
{
  g_autofree char *path = g_build_filename (run_dir, "asound.conf", NULL);

  g_assert_true (g_file_set_contents (path, conf, -1, NULL));
  g_setenv ("ALSA_CONFIG_PATH", path, TRUE);
  g_setenv ("PA_CAPTURE_FILE", capture_path, TRUE);
  g_setenv ("JACK_NO_START_SERVER", "1", TRUE);
}

static gboolean
window_busy (gpointer data)
{
  return lq_window_get_busy (LQ_WINDOW (data));
}

static LqPlayerPlayback *
get_playback (void)
{
  LqPlayback *playback = lq_window_get_playback (window);

  g_assert_true (LQ_IS_PLAYER_PLAYBACK (playback));
  return LQ_PLAYER_PLAYBACK (playback);
}

static gboolean
playback_not_ready (gpointer data)
{
  LqPlayerPlayback *playback = data;

  return lq_player_playback_get_loading (playback)
         || lq_player_get_measuring (lq_player_playback_get_player (playback));
}

static gboolean
device_open (gpointer data)
{
  return lq_player_playback_get_device_open (data);
}

/* The demo in a window of the application (which attaches the player), ready to play. */
static void
ensure_demo_window (void)
{
  LqPlayerPlayback *playback;

  if (window != NULL)
    return;
  window = lq_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  lq_window_open_demo (window);
  lq_ui_test_wait_false (window_busy, window, 60);
  playback = get_playback ();
  /* Close the device as soon as playback stops: it would write silence at full speed. */
  lq_player_playback_set_idle_close_ms (playback, 0);
  lq_ui_test_wait_false (playback_not_ready, playback, 60);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

static void
activate (const char *action,
          GVariant   *param)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, param));
}

/* Iterates the main loop until the player's core has rendered up to stream frame `until`,
 * checking on the way that the playhead stays in the loop. */
static void
wait_stream (LqPlayer *player,
             guint64   until)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (lq_player_get_stream_frame (player) < until)
    {
      double position = lq_playback_get_position (LQ_PLAYBACK (get_playback ()));

      /* The playhead lags the core by the output latency: a little before the loop. */
      g_assert_cmpfloat (position, >=, LOOP_START - 0.2);
      g_assert_cmpfloat (position, <=, LOOP_END);
      g_assert_true (lq_playback_get_playing (LQ_PLAYBACK (get_playback ())));
      if (g_get_monotonic_time () > deadline)
        g_error ("the player stopped rendering at stream frame %" G_GUINT64_FORMAT,
                 lq_player_get_stream_frame (player));
      g_main_context_iteration (NULL, FALSE);
      g_usleep (100);
    }
}

static void
stop_and_close (void)
{
  activate ("win.stop", NULL);
  g_assert_false (lq_playback_get_playing (LQ_PLAYBACK (get_playback ())));
  lq_ui_test_wait_false (device_open, get_playback (), 30);
}

static float *
read_capture (guint64 *n_frames)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (capture_path, &data, &length, &error));
  g_assert_no_error (error);
  *n_frames = length / (2 * sizeof (float));
  return (float *) data;
}

/* The first frame with sound: the device's priming silence ends there. */
static guint64
onset (const float *frames,
       guint64      n)
{
  for (guint64 i = 0; i < n; i++)
    if (frames[2 * i] != 0.0f || frames[2 * i + 1] != 0.0f)
      return i;
  g_error ("the capture is silent (%" G_GUINT64_FORMAT " frames)", n);
  return 0;
}

/* BS.1770 short-term loudness of the 3 s from `start`, with the meter the player uses. */
static double
short_term (const float *frames,
            guint64      start,
            double       rate)
{
  LqLoudnessConfig config = { .sample_rate = rate, .channels = 2 };
  LqStatus status;
  LqLoudness *meter = lq_loudness_new (&config, &status);
  double lufs;

  g_assert_nonnull (meter);
  lq_loudness_process_interleaved (meter, frames + 2 * start, (uint32_t) (3.0 * rate));
  lufs = lq_loudness_get_short_term (meter);
  lq_loudness_free (meter);
  return lufs;
}

static GtkWidget *
find_by_id (GtkWidget  *widget,
            const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_id (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
readout (const char *id)
{
  GtkWidget *label = find_by_id (GTK_WIDGET (window->meter_panel), id);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_label (GTK_LABEL (label));
}

/* ---- tests ----------------------------------------------------------------------------- */

static void
test_matched_switch (void)
{
  LqPlayerPlayback *playback;
  LqPlayer *player;
  LqSourceSet *sources;
  g_autofree float *capture = NULL;
  guint64 n_capture, s0, switch_at, previous_switch, start, end;
  double rate, loop_len = LOOP_END - LOOP_START, mix_st, ref_st, switched;
  guint turn;

  ensure_demo_window ();
  playback = get_playback ();
  player = lq_player_playback_get_player (playback);
  sources = lq_window_get_sources (window);
  rate = lq_player_get_sample_rate (player);
  g_assert_cmpfloat (rate, ==, LQ_DEMO_RATE);
  g_assert_true (lq_source_set_get_loudness_match (sources));
  g_assert_cmpint (lq_source_set_get_selected_index (sources), ==, LQ_SOURCE_SET_MIX);

  /* The gains the source switcher shows are the player's. */
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(LqSource) source = g_list_model_get_item (G_LIST_MODEL (sources), i);

      g_assert_cmpfloat (lq_source_get_matched_gain (source), ==,
                         lq_player_get_gain_db (player, i));
    }

  /* A passage of the verse, looped as a drag across the waveform would; the playhead to
   * its start. */
  lq_waveform_view_set_loop (window->waveform_view, LOOP_START, LOOP_END);
  g_assert_true (lq_session_get_loop (window->session, NULL, NULL));
  activate ("win.seek", g_variant_new_double (LOOP_START - window->position));
  g_assert_cmpfloat_with_epsilon (window->position, LOOP_START, 1e-9);

  /* Play: the stream starts with the play command queued, so stream frame s0 is the first
   * frame heard, at LOOP_START. */
  g_unlink (capture_path);
  s0 = lq_player_get_stream_frame (player);
  activate ("win.play-pause", NULL);
  g_assert_true (lq_playback_get_playing (LQ_PLAYBACK (playback)));
  g_assert_true (lq_player_playback_get_device_open (playback));
  g_assert_cmpint (lq_player_get_device_status (player), ==, LQ_DEVICE_STATUS_OK);
  g_assert_null (lq_transport_bar_get_device_message (window->transport_bar));

  /* Past the mix's passage, switch to the reference with the window's action. */
  wait_stream (player, s0 + (guint64) ((PHASE_END + 0.5) * rate));
  previous_switch = lq_player_get_switch_frame (player);
  activate ("win.select-source", g_variant_new_int32 (LQ_SOURCE_SET_FIRST_REFERENCE));
  while (lq_player_get_switch_frame (player) == previous_switch)
    g_main_context_iteration (NULL, FALSE);
  switch_at = lq_player_get_switch_frame (player) - s0;
  switched = switch_at / rate;

  /* Then the same passage in the first turn of the loop heard wholly after the switch (and
   * its 10 ms crossfade). */
  turn = (guint) ceil ((switched + 0.05 - PHASE_START) / loop_len);
  end = (guint64) ((turn * loop_len + PHASE_END + 0.5) * rate);
  wait_stream (player, s0 + end);
  stop_and_close ();
  g_assert_cmpint (lq_player_get_device_status (player), ==, LQ_DEVICE_STATUS_CLOSED);

  capture = read_capture (&n_capture);
  start = onset (capture, n_capture);
  g_test_message ("captured %" G_GUINT64_FORMAT " frames, %" G_GUINT64_FORMAT " of priming "
                  "silence; switched %.3f s into playback, measuring turn %u of the loop",
                  n_capture, start, switched, turn);
  g_assert_cmpuint (n_capture, >=, start + end);

  mix_st = short_term (capture, start + (guint64) (PHASE_START * rate), rate);
  ref_st = short_term (capture, start + (guint64) ((turn * loop_len + PHASE_START) * rate),
                       rate);
  g_test_message ("short-term loudness of %.0f to %.0f s: mix %.2f LUFS, reference %.2f LUFS "
                  "(%.2f LU apart; %.2f LU unmatched); listening level %.1f LUFS",
                  LOOP_START + PHASE_START, LOOP_START + PHASE_END, mix_st, ref_st,
                  mix_st - ref_st, LQ_DEMO_REFERENCE_LUFS - LQ_DEMO_MIX_LUFS,
                  lq_source_set_get_listening_level (sources));
  /* Different music in the same passage: the reference was heard. */
  {
    const float *a = capture + 2 * (start + (guint64) (PHASE_START * rate));
    const float *b = capture + 2 * (start + (guint64) ((turn * loop_len + PHASE_START) * rate));
    double diff = 0.0;

    for (guint64 i = 0; i < (guint64) (2 * 3.0 * rate); i++)
      diff = MAX (diff, fabs (a[i] - b[i]));
    g_test_message ("largest difference between the two passages: %.3f", diff);
    g_assert_cmpfloat (diff, >, 0.1);
  }
  g_assert_true (isfinite (mix_st) && isfinite (ref_st));
  g_assert_cmpfloat (mix_st, >, -30.0);
  g_assert_cmpfloat (fabs (mix_st - ref_st), <=, MATCH_LU);
  /* Both near the listening level, where matching puts them. */
  g_assert_cmpfloat (fabs (mix_st - lq_source_set_get_listening_level (sources)), <=, 2.0);

  activate ("win.select-source", g_variant_new_int32 (LQ_SOURCE_SET_MIX));
  g_unlink (capture_path);
}

static gboolean
meters_not_live (gpointer data)
{
  return !lq_meter_panel_get_live (window->meter_panel)
         || g_strcmp0 (readout ("momentary_label"), "—") == 0
         /* The heard integrated loudness needs its first gated block (400 ms) on a busy
          * machine too. */
         || g_strcmp0 (readout ("heard_label"), "—") == 0
         || g_strcmp0 (readout ("correlation_label"), "—") == 0
         || !lq_spectrum_view_get_live (window->spectrum_view);
}

static guint64 changed_at;

/* TRUE while the heard integrated loudness still goes back to before changed_at (a stream
 * frame): it covers more frames than the core had rendered since, up to the frame the same
 * figures reach. The file device renders faster than real time, so this counts frames
 * rather than waiting. */
static gboolean
heard_not_restarted (gpointer data)
{
  const LqLiveLevels *levels = lq_live_meters_get_levels (window->live);

  return !levels->active || levels->stream_frame < changed_at
         || levels->heard_s * LQ_DEMO_RATE > (double) (levels->stream_frame - changed_at) + 1.0;
}

static void
test_live_meters (void)
{
  LqPlayerPlayback *playback;
  LqPlayer *player;
  const LqLiveLevels *levels;
  g_autoptr(GdkTexture) texture = NULL;

  ensure_demo_window ();
  playback = get_playback ();
  player = lq_player_playback_get_player (playback);

  /* Stopped: the analysis, no live figures. */
  g_assert_false (lq_meter_panel_get_live (window->meter_panel));
  g_assert_cmpstr (readout ("correlation_label"), ==, "—");

  lq_waveform_view_set_loop (window->waveform_view, LOOP_START, LOOP_END);
  activate ("win.seek", g_variant_new_double (LOOP_START - window->position));
  activate ("win.play-pause", NULL);
  wait_stream (player, lq_player_get_stream_frame (player) + (guint64) (4 * LQ_DEMO_RATE));
  lq_ui_test_wait_false (meters_not_live, NULL, 30);

  levels = lq_live_meters_get_levels (window->live);
  g_test_message ("live: M %s, S %s, heard %s, correlation %s; true peak L %.1f R %.1f dBTP",
                  readout ("momentary_label"), readout ("short_term_label"),
                  readout ("heard_label"), readout ("correlation_label"),
                  levels->channels[0].true_peak, levels->channels[1].true_peak);
  g_assert_true (g_str_has_suffix (readout ("momentary_label"), "LUFS"));
  g_assert_true (g_str_has_suffix (readout ("short_term_label"), "LUFS"));
  g_assert_true (g_str_has_suffix (readout ("heard_label"), "LUFS"));
  g_assert_cmpstr (readout ("correlation_label"), !=, "—");
  /* The source's own levels: near its analysis at this passage, whatever matching does. */
  g_assert_cmpfloat (fabs (levels->short_term_lufs - LQ_DEMO_MIX_LUFS), <, 3.0);
  g_assert_cmpfloat (levels->correlation, >, 0.5);
  g_assert_cmpuint (lq_level_meter_get_n_channels (lq_meter_panel_get_level_meter (
                      window->meter_panel)), ==, 2);
  for (guint c = 0; c < 2; c++)
    {
      g_assert_cmpfloat (levels->channels[c].true_peak, >, -30.0);
      g_assert_cmpfloat (levels->channels[c].hold, >=, levels->channels[c].true_peak);
      g_assert_cmpfloat (levels->channels[c].true_peak, >=, levels->channels[c].sample_peak);
    }
  /* "Heard" is of one source at one gain, and says which: another listening level (a new
   * gain) starts it again, and so does a switch. */
  g_assert_cmpstr (readout ("heard_title"), ==, "Heard (Mix)");
  g_assert_cmpfloat (levels->heard_s, >, 0.0);
  {
    LqSourceSet *sources = lq_window_get_sources (window);
    double level = lq_source_set_get_listening_level (sources);

    changed_at = lq_player_get_stream_frame (player);
    g_assert_true (heard_not_restarted (player));
    lq_source_set_set_listening_level (sources, level - 3.0);
    lq_ui_test_wait_false (heard_not_restarted, player, 10);
    g_test_message ("heard: %.2f s since the gain change", levels->heard_s);
    changed_at = lq_player_get_stream_frame (player);
    lq_source_set_set_listening_level (sources, level);
    lq_ui_test_wait_false (heard_not_restarted, player, 10);

    wait_stream (player, lq_player_get_stream_frame (player) + (guint64) (1 * LQ_DEMO_RATE));
    lq_ui_test_spin (0.1);
    changed_at = lq_player_get_stream_frame (player);
    g_assert_true (heard_not_restarted (player));
    activate ("win.select-source", g_variant_new_int32 (LQ_SOURCE_SET_MASTER));
    g_assert_cmpstr (readout ("heard_title"), ==, "Heard (Master)");
    lq_ui_test_wait_false (heard_not_restarted, player, 10);
    g_test_message ("heard: %.2f s since the switch", levels->heard_s);
    activate ("win.select-source", g_variant_new_int32 (LQ_SOURCE_SET_MIX));
    lq_ui_test_wait_false (meters_not_live, NULL, 30);
  }

  /* The playhead follows the player, inside the loop. */
  g_assert_cmpfloat (window->position, >=, LOOP_START - 0.2);
  g_assert_cmpfloat (window->position, <=, LOOP_END);

  /* The level meter draws its bars (far more than its empty scale). */
  texture = lq_ui_test_render (GTK_WIDGET (lq_meter_panel_get_level_meter (window->meter_panel)));
  g_assert_cmpuint (lq_ui_test_count_ink (texture), >, 2000);

  stop_and_close ();
  lq_ui_test_spin (0.1);
  g_assert_false (lq_meter_panel_get_live (window->meter_panel));
  g_assert_false (lq_spectrum_view_get_live (window->spectrum_view));
  g_assert_cmpstr (readout ("correlation_label"), ==, "—");
  /* What was heard stays said. */
  g_assert_true (g_str_has_suffix (readout ("heard_label"), "LUFS"));
  lq_waveform_view_set_loop (window->waveform_view, 0.0, 0.0);
  g_unlink (capture_path);
}

/* Preferences: the devices the player finds ("Default" is the dialog's own), and a change
 * of buffer size or device reopens the device; a device that does not exist says so. */
static void
test_device_settings (void)
{
  LqSettings *settings = lq_application_get_settings (app);
  LqPlayerPlayback *playback;
  LqPlayer *player;
  g_auto(GStrv) names = NULL;
  guint64 frame;

  ensure_demo_window ();
  playback = get_playback ();
  player = lq_player_playback_get_player (playback);

  /* The capture configuration has one device, ALSA's "default": nothing but Default. */
  names = lq_playback_dup_device_names (LQ_PLAYBACK (playback));
  g_assert_nonnull (names);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  lq_ui_test_spin (0.2);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (l->data != window)
      {
        gtk_window_destroy (l->data);
        break;
      }

  lq_waveform_view_set_loop (window->waveform_view, LOOP_START, LOOP_END);
  activate ("win.seek", g_variant_new_double (LOOP_START - window->position));
  activate ("win.play-pause", NULL);
  wait_stream (player, lq_player_get_stream_frame (player) + (guint64) LQ_DEMO_RATE);

  /* Another buffer size: the device reopens and playback goes on. */
  lq_settings_set_buffer_size (settings, 2048);
  g_assert_true (lq_player_playback_get_device_open (playback));
  g_assert_true (lq_playback_get_playing (LQ_PLAYBACK (playback)));
  frame = lq_player_get_stream_frame (player);
  wait_stream (player, frame + (guint64) LQ_DEMO_RATE);

  /* A device that is not there: playback stops and the status line says why. */
  lq_settings_set_output_device (settings, "No Such Device");
  g_assert_false (lq_playback_get_playing (LQ_PLAYBACK (playback)));
  g_assert_false (lq_player_playback_get_device_open (playback));
  g_assert_nonnull (lq_transport_bar_get_device_message (window->transport_bar));
  g_assert_nonnull (strstr (lq_transport_bar_get_status (window->transport_bar),
                            "No Such Device"));
  g_test_message ("status line: %s", lq_transport_bar_get_status (window->transport_bar));

  /* Back to the default: found again, and it plays. */
  lq_settings_set_output_device (settings, "");
  g_assert_null (lq_transport_bar_get_device_message (window->transport_bar));
  activate ("win.play-pause", NULL);
  g_assert_true (lq_playback_get_playing (LQ_PLAYBACK (playback)));
  wait_stream (player, lq_player_get_stream_frame (player) + (guint64) LQ_DEMO_RATE);
  stop_and_close ();
  lq_settings_set_buffer_size (settings, 512);
  lq_waveform_view_set_loop (window->waveform_view, 0.0, 0.0);
  g_unlink (capture_path);
}

static void
no_device_subprocess (void)
{
  LqPlayerPlayback *playback;
  const char *status;
  g_autoptr(GdkTexture) texture = NULL;

  ensure_demo_window ();
  playback = get_playback ();

  /* The status line says what the player says, without a dialog. */
  status = lq_transport_bar_get_status (window->transport_bar);
  g_test_message ("status line: %s", status);
  g_assert_nonnull (lq_transport_bar_get_device_message (window->transport_bar));
  g_assert_cmpstr (status, ==, lq_transport_bar_get_device_message (window->transport_bar));
  g_assert_nonnull (strstr (status, "No audio output device"));

  /* Play finds nothing to play on: nothing plays, nothing breaks, nothing pops up. */
  g_assert_true (lq_ui_test_action_enabled (GTK_WIDGET (window), "win.play-pause"));
  activate ("win.play-pause", NULL);
  lq_ui_test_spin (0.2);
  g_assert_false (lq_playback_get_playing (LQ_PLAYBACK (playback)));
  g_assert_false (lq_player_playback_get_device_open (playback));
  g_assert_cmpstr (lq_transport_bar_get_status (window->transport_bar), ==, status);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  /* Everything else works. */
  activate ("win.select-source", g_variant_new_int32 (LQ_SOURCE_SET_FIRST_REFERENCE));
  g_assert_cmpint (lq_source_set_get_selected_index (lq_window_get_sources (window)), ==,
                   LQ_SOURCE_SET_FIRST_REFERENCE);
  activate ("win.seek", g_variant_new_double (5.0));
  g_assert_cmpfloat (window->position, >, 0.0);
  activate ("win.loudness-match", NULL);
  activate ("win.loudness-match", NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  texture = lq_ui_test_render (GTK_WIDGET (window->waveform_view));
  g_assert_cmpuint (lq_ui_test_count_ink (texture), >,
                    (guint) gtk_widget_get_width (GTK_WIDGET (window->waveform_view)) * 20);
}

/* M in the window sets the player's monitoring mode (through the session): Mono, then
 * Stereo again; the Listen As selector sets the player's service. */
static void
test_monitor_keys (void)
{
  LqPlayer *player;

  ensure_demo_window ();
  player = lq_player_playback_get_player (get_playback ());
  g_assert_cmpint (lq_player_get_monitor_mode (player), ==, LQ_MONITOR_STEREO);
  lq_ui_test_press (GTK_WIDGET (window), "m");
  g_assert_cmpint (lq_player_get_monitor_mode (player), ==, LQ_MONITOR_MONO);
  lq_ui_test_press (GTK_WIDGET (window), "m");
  g_assert_cmpint (lq_player_get_monitor_mode (player), ==, LQ_MONITOR_STEREO);
  lq_ui_test_press (GTK_WIDGET (window), "<Shift>m");
  g_assert_cmpint (lq_player_get_monitor_mode (player), ==, LQ_MONITOR_MONO);
  lq_ui_test_press (GTK_WIDGET (window), "<Shift>m");
  g_assert_cmpint (lq_player_get_monitor_mode (player), ==, LQ_MONITOR_MID);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.monitor-mode", "s",
                                             "stereo"));
  g_assert_cmpint (lq_player_get_monitor_mode (player), ==, LQ_MONITOR_STEREO);

  /* Listen As reaches the player the same way. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.listen-as", "s",
                                             "youtube"));
  g_assert_cmpstr (lq_player_get_listen_as (player), ==, "youtube");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.listen-as", "s", ""));
  g_assert_null (lq_player_get_listen_as (player));
}

/* PortAudio reads the ALSA configuration once: the no-device case runs in a process of its
 * own, which main () starts with the configuration of a card that does not exist. */
static void
test_no_device (void)
{
  if (g_test_subprocess ())
    {
      no_device_subprocess ();
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conf_path = NULL;
  int ret;

  lq_ui_test_init (&argc, &argv);

  /* Before anything starts PortAudio: this run's ALSA configuration. */
  run_dir = g_dir_make_tmp ("lacquer-playback-XXXXXX", &error);
  g_assert_no_error (error);
  capture_path = g_build_filename (run_dir, "capture.raw", NULL);
  conf_path = g_build_filename (run_dir, "asound.conf", NULL);
  select_alsa_config (g_test_subprocess () ? nodevice_conf : capture_conf);

  app = lq_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app))
                           | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  g_test_add_func ("/ui/playback/matched-switch", test_matched_switch);
  g_test_add_func ("/ui/playback/live-meters", test_live_meters);
  g_test_add_func ("/ui/playback/device-settings", test_device_settings);
  g_test_add_func ("/ui/playback/monitor-keys", test_monitor_keys);
  g_test_add_func ("/ui/playback/no-device", test_no_device);

  ret = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  g_unlink (capture_path);
  g_unlink (conf_path);
  g_rmdir (run_dir);
  g_free (capture_path);
  g_free (run_dir);
  return ret;
}
