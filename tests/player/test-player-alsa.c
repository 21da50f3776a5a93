/* test-player-alsa.c
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

/* Playback through the real audio path: PortAudio into an ALSA "file" PCM over a "null"
 * slave, configured by each test (tests/alsa/capture.conf copied into its own folder and
 * selected with ALSA_CONFIG_PATH before PortAudio starts). Everything the device was given
 * lands in a raw float file, measured here. The null device runs faster than real time, so
 * nothing here depends on timing: switches are scheduled at stream frames. */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lq-player.h"
#include "lq-test-signal.h"
#include "player-test-util.h"

#define FADE  240
#define XFADE 480

/* The ALSA configuration is chosen through the environment before PortAudio (or any other
 * thread) starts: main () copies tests/alsa/capture.conf into this process's own folder and
 * points ALSA_CONFIG_PATH and PA_CAPTURE_FILE there; the no-device case runs in a
 * subprocess that selects tests/alsa/nodevice.conf first thing. */
static char *capture_dir;
static char *capture_path;

typedef struct
{
  char     *dir;
  float    *capture;        /* interleaved stereo, as the device received it */
  guint64   n_capture;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = pt_tmpdir ();
  g_unlink (capture_path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  pt_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->capture);
}

static char *
write_source (Fixture     *f,
              const char  *name,
              double       rate,
              guint        channels,
              float       *interleaved,     /* consumed */
              guint64      frames)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (pt_write_wav (path, rate, channels, interleaved, frames));
  g_free (interleaved);
  return path;
}

static LqSourceBuffer *
load (const char *path,
      double      rate)
{
  g_autoptr(GError) error = NULL;
  LqSourceBuffer *b = lq_source_buffer_load (path, rate, NULL, &error);

  g_assert_no_error (error);
  return b;
}

static void
on_end (LqPlayer *player,
        gboolean *ended)
{
  *ended = TRUE;
}

static gboolean
on_timeout (gpointer data)
{
  g_error ("playback through the ALSA file device did not finish");
  return G_SOURCE_REMOVE;
}

static LqPlayer *
make_player (LqSourceBuffer  *mix,
             LqSourceBuffer **refs,
             guint            n_refs,
             gboolean         match)
{
  g_autoptr(GError) error = NULL;
  LqPlayer *player = lq_player_new ();

  lq_player_set_match_enabled (player, match);
  g_assert_true (lq_player_set_sources (player, mix, refs, n_refs, &error));
  while (lq_player_get_measuring (player))
    g_main_context_iteration (NULL, TRUE);
  return player;
}

/* Offline: everything up to the end of the mix, the way the callback renders it. */
static float *
render_offline (LqPlayer *player,
                guint64  *n)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (float));
  gboolean ended = FALSE;
  gulong id = g_signal_connect (player, "end-of-stream", G_CALLBACK (on_end), &ended);
  float block[2 * 512];

  lq_player_play (player);
  while (!ended)
    {
      lq_player_render (player, block, 512);
      g_array_append_vals (out, block, 2 * 512);
      lq_player_update (player);
    }
  g_signal_handler_disconnect (player, id);
  *n = out->len / 2;
  return (float *) g_array_free (out, FALSE);
}

/* Through the device: play (queued before the stream starts, so stream frame 0 is the first
 * frame of the mix), wait for the end, read what the device wrote. */
static void
play_device (Fixture  *f,
             LqPlayer *player,
             guint     buffer)
{
  g_autoptr(GError) error = NULL;
  gboolean ended = FALSE;
  gulong id = g_signal_connect (player, "end-of-stream", G_CALLBACK (on_end), &ended);
  guint timeout = g_timeout_add_seconds (100, on_timeout, NULL);

  lq_player_play (player);
  g_assert_true (lq_player_open_device (player, NULL, buffer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lq_player_get_device_status (player), ==, LQ_DEVICE_STATUS_OK);
  while (!ended)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  g_signal_handler_disconnect (player, id);
  lq_player_drain_device (player);
}

static void
read_capture (Fixture *f)
{
  g_free (f->capture);
  f->capture = pt_read_raw (capture_path, 2, &f->n_capture);
  g_assert_nonnull (f->capture);
}

/* The capture starts with the device's priming silence; the player's first frame is where
 * the capture and an offline render of the same graph first have sound. Returns the
 * capture's frame of stream frame 0, after checking that the two agree bit for bit. */
static guint64
align (Fixture     *f,
       const float *expected,
       guint64      n_expected)
{
  gint64 a = pt_onset (f->capture, 2, f->n_capture);
  gint64 b = pt_onset (expected, 2, n_expected);
  guint64 offset, mismatches = 0;

  g_assert_cmpint (a, >=, 0);
  g_assert_cmpint (b, >=, 0);
  g_assert_cmpint (a, >=, b);
  offset = (guint64) (a - b);
  g_assert_cmpuint (f->n_capture, >=, offset + n_expected);
  for (guint64 i = 0; i < 2 * n_expected; i++)
    if (f->capture[2 * offset + i] != expected[i])
      mismatches++;
  g_test_message ("priming silence %" G_GUINT64_FORMAT " frames; %" G_GUINT64_FORMAT
                  " frames played; %" G_GUINT64_FORMAT " samples differ from the offline render",
                  offset, n_expected, mismatches);
  g_assert_cmpuint (mismatches, ==, 0);
  return offset;
}

/* Matched, mix and reference measure the same short-term loudness; unmatched, they differ
 * by their true difference. The reference is a 44.1 kHz file, resampled on load. */
static void
level_run (Fixture  *f,
           gboolean  match,
           double   *mix_st,
           double   *ref_st,
           double   *truth)
{
  const guint64 n = 12 * 48000, at = 6 * 48000;
  g_autofree char *mix_path = write_source (f, "mix.wav", 48000, 2,
                                            pt_sine (2, n, 48000, 997, -20), n);
  g_autofree char *ref_path = write_source (f, "ref.wav", 44100, 2,
                                            pt_sine (2, 12 * 44100, 44100, 440, -30), 12 * 44100);
  g_autoptr(LqSourceBuffer) mix = load (mix_path, 0);
  g_autoptr(LqSourceBuffer) ref = load (ref_path, 48000);
  g_autoptr(LqPlayer) offline = make_player (mix, &ref, 1, match);
  g_autoptr(LqPlayer) player = make_player (mix, &ref, 1, match);
  g_autofree float *expected = NULL;
  guint64 n_expected, o;

  g_assert_true (lq_player_schedule_select (offline, LQ_SLOT_REFERENCE, at, NULL));
  g_assert_true (lq_player_schedule_select (player, LQ_SLOT_REFERENCE, at, NULL));
  expected = render_offline (offline, &n_expected);
  play_device (f, player, 0);
  read_capture (f);
  o = align (f, expected, n_expected);

  *mix_st = pt_short_term (f->capture + 2 * o, at - 4800, 48000);
  *ref_st = pt_short_term (f->capture + 2 * o, n - 4800, 48000);
  *truth = lq_source_buffer_get_loudness (mix) - lq_source_buffer_get_loudness (ref);
}

static void
test_level_matched (Fixture       *f,
                    gconstpointer  data)
{
  double m, r, truth;

  level_run (f, TRUE, &m, &r, &truth);
  g_test_message ("matched: mix %.3f LUFS, reference %.3f LUFS short-term: %.3f LU apart",
                  m, r, m - r);
  g_assert_cmpfloat (fabs (m - r), <=, 0.1);
}

static void
test_level_unmatched (Fixture       *f,
                      gconstpointer  data)
{
  double m, r, truth;

  level_run (f, FALSE, &m, &r, &truth);
  g_test_message ("unmatched: mix %.3f, reference %.3f LUFS short-term: %.3f LU apart "
                  "(integrated difference %.3f LU)", m, r, m - r, truth);
  g_assert_cmpfloat (fabs (truth), >, 9.0);
  g_assert_cmpfloat (fabs ((m - r) - truth), <=, 0.1);
}

/* Compare mode through the device: two chain snapshots that differ by a 3 dB high shelf, each
 * a master of its own, heard one after the other at the level the player matches them to. */
static LqPlayer *
make_compare_player (LqSourceBuffer      *mix,
                     const LqChainParams *snapshots)
{
  g_autoptr(GError) error = NULL;
  LqPlayer *player = make_player (mix, NULL, 0, TRUE);

  g_assert_true (lq_player_set_compare_chains (player, snapshots, 2, &error));
  g_assert_no_error (error);
  while (lq_player_get_compare_measuring (player))
    g_main_context_iteration (NULL, TRUE);
  return player;
}

static void
test_compare_matched (Fixture       *f,
                      gconstpointer  data)
{
  const guint64 n = 12 * 48000, at = 6 * 48000;
  g_autofree float *noise = g_new (float, n);
  float *stereo = g_new (float, 2 * n);
  g_autofree char *mix_path = NULL;
  g_autoptr(LqSourceBuffer) mix = NULL;
  g_autoptr(LqPlayer) offline = NULL;
  g_autoptr(LqPlayer) player = NULL;
  g_autofree float *expected = NULL;
  LqChainParams snapshots[2];
  double a_lufs, b_lufs, a_st, b_st;
  guint64 n_expected, o, seed = 31;

  /* Pink noise: a broad spectrum, so that the shelf moves its loudness clearly. */
  lq_test_pink_noise (noise, n, 0.1, &seed);
  for (guint64 i = 0; i < n; i++)
    stereo[2 * i] = stereo[2 * i + 1] = noise[i];
  mix_path = write_source (f, "mix.wav", 48000, 2, stereo, n);
  mix = load (mix_path, 0);
  lq_chain_params_init_default (&snapshots[0]);
  snapshots[1] = snapshots[0];
  snapshots[1].eq.n_bands = 1;
  snapshots[1].eq.bands[0] = (LqEqBand) { LQ_EQ_BAND_HIGH_SHELF, 1000.0, 3.0, 0.7071, 12,
                                          false };
  offline = make_compare_player (mix, snapshots);
  player = make_compare_player (mix, snapshots);

  /* Unmatched they differ, so matching has something to do. */
  a_lufs = lq_player_get_compare_analysis (player, 0)->summary.integrated_lufs;
  b_lufs = lq_player_get_compare_analysis (player, 1)->summary.integrated_lufs;
  g_assert_cmpfloat (b_lufs - a_lufs, >, 1.0);

  g_assert_true (lq_player_schedule_select (offline, LQ_SLOT_COMPARE, 0, NULL));
  g_assert_true (lq_player_schedule_select (offline, LQ_SLOT_COMPARE + 1, at, NULL));
  g_assert_true (lq_player_schedule_select (player, LQ_SLOT_COMPARE, 0, NULL));
  g_assert_true (lq_player_schedule_select (player, LQ_SLOT_COMPARE + 1, at, NULL));
  expected = render_offline (offline, &n_expected);
  play_device (f, player, 0);
  read_capture (f);
  o = align (f, expected, n_expected);

  a_st = pt_short_term (f->capture + 2 * o, at - 4800, 48000);
  b_st = pt_short_term (f->capture + 2 * o, n - 4800, 48000);
  g_test_message ("snapshots %.3f and %.3f LUFS integrated (%.3f LU apart); heard matched: "
                  "%.3f and %.3f LUFS short-term, %.3f LU apart", a_lufs, b_lufs,
                  b_lufs - a_lufs, a_st, b_st, b_st - a_st);
  g_assert_cmpfloat (fabs (a_st - b_st), <=, 0.1);
}

/* A scheduled switch lands on its frame exactly; one asked for while playing lands within
 * one device buffer of the request, its crossfade over within one buffer plus the fade. */
static void
test_switch_latency (Fixture       *f,
                     gconstpointer  data)
{
  const guint64 n = 6 * 48000, at = 48000 + 123;
  const guint buffer = 512;
  g_autofree char *mix_path = write_source (f, "mix.wav", 48000, 2,
                                            pt_music (2, n, 48000, 11, -14), n);
  g_autofree char *ref_path = write_source (f, "ref.wav", 48000, 2,
                                            pt_music (2, n, 48000, 12, -20), n);
  g_autoptr(LqSourceBuffer) mix = load (mix_path, 0);
  g_autoptr(LqSourceBuffer) ref = load (ref_path, 0);
  g_autoptr(LqPlayer) mix_only = make_player (mix, &ref, 1, TRUE);
  g_autoptr(LqPlayer) player = make_player (mix, &ref, 1, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree float *expected = NULL;
  guint64 n_expected, o, before = 0, after = 0, landed = 0, asap_landed = 0;
  gboolean ended = FALSE, asked = FALSE;
  gulong id;

  expected = render_offline (mix_only, &n_expected);
  g_assert_true (lq_player_schedule_select (player, LQ_SLOT_REFERENCE, at, NULL));

  /* Play, and switch back to the mix at once when the stream passes 3 s. */
  id = g_signal_connect (player, "end-of-stream", G_CALLBACK (on_end), &ended);
  lq_player_play (player);
  g_assert_true (lq_player_open_device (player, NULL, buffer, &error));
  g_assert_no_error (error);
  while (!ended)
    {
      if (!asked && lq_player_get_stream_frame (player) >= 3 * 48000)
        {
          before = lq_player_get_stream_frame (player);
          lq_player_select (player, LQ_SLOT_MIX);
          after = lq_player_get_stream_frame (player);
          asked = TRUE;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (200);
    }
  g_signal_handler_disconnect (player, id);
  asap_landed = lq_player_get_switch_frame (player);
  lq_player_drain_device (player);
  read_capture (f);

  /* Align on the part before the first switch (identical to the mix-only render). */
  o = (guint64) (pt_onset (f->capture, 2, f->n_capture) - pt_onset (expected, 2, n_expected));
  for (landed = 0; landed < n_expected; landed++)
    if (f->capture[2 * (o + landed)] != expected[2 * landed]
        || f->capture[2 * (o + landed) + 1] != expected[2 * landed + 1])
      break;
  g_test_message ("scheduled switch at stream frame %" G_GUINT64_FORMAT ", heard from %"
                  G_GUINT64_FORMAT " (%+" G_GINT64_FORMAT " frames)", at, landed,
                  (gint64) landed - (gint64) at);
  g_assert_cmpuint (landed, ==, at);

  /* The immediate switch: from the frame it was asked at, the capture must be the mix
   * again (after the crossfade) within one buffer plus the crossfade. */
  {
    guint64 back;

    for (back = n_expected - 1; back > at; back--)
      if (f->capture[2 * (o + back)] != expected[2 * back])
        break;
    back++;
    g_test_message ("immediate switch asked between stream frames %" G_GUINT64_FORMAT " and %"
                    G_GUINT64_FORMAT "; core started it at %" G_GUINT64_FORMAT
                    " (%" G_GUINT64_FORMAT " frames after the request); the mix is back alone "
                    "from %" G_GUINT64_FORMAT " (%" G_GUINT64_FORMAT " frames after)",
                    before, after, asap_landed, asap_landed - before, back, back - before);
    g_assert_cmpuint (asap_landed, >=, before);
    g_assert_cmpuint (asap_landed, <=, after + buffer);
    g_assert_cmpuint (back, <=, after + buffer + XFADE);
    g_assert_cmpuint (back, >=, asap_landed + 1);
  }
}

/* No switch makes a step larger than the programme's own largest sample-to-sample change:
 * music-like mix and reference (equal-power crossfades) and mix <-> master (coherent). */
static void
test_no_click (Fixture       *f,
               gconstpointer  data)
{
  const guint64 n = 10 * 48000;
  const guint64 period = 48000 + 7;
  g_autofree char *mix_path = write_source (f, "mix.wav", 48000, 2,
                                            pt_music (2, n, 48000, 21, -12), n);
  g_autofree char *ref_path = write_source (f, "ref.wav", 48000, 2,
                                            pt_music (2, n, 48000, 22, -18), n);
  g_autoptr(LqSourceBuffer) mix = load (mix_path, 0);
  g_autoptr(LqSourceBuffer) ref = load (ref_path, 0);
  g_autoptr(LqPlayer) offline = make_player (mix, &ref, 1, TRUE);
  g_autoptr(LqPlayer) player = make_player (mix, &ref, 1, TRUE);
  const int order[] = { LQ_SLOT_REFERENCE, LQ_SLOT_MIX, LQ_SLOT_MASTER, LQ_SLOT_REFERENCE,
                        LQ_SLOT_MASTER, LQ_SLOT_MIX, LQ_SLOT_REFERENCE, LQ_SLOT_MASTER };
  g_autofree float *expected = NULL;
  g_autofree gboolean *in_switch = NULL;
  guint64 n_expected, o;
  double programme = 0.0, worst = 0.0;
  LqChainParams params;

  pt_busy_chain (&params);
  for (int p = 0; p < 2; p++)
    {
      LqPlayer *pl = p ? player : offline;

      lq_player_set_chain_params (pl, &params);
      while (lq_player_get_measuring (pl))
        g_main_context_iteration (NULL, TRUE);
      for (guint k = 0; k < G_N_ELEMENTS (order); k++)
        g_assert_true (lq_player_schedule_select (pl, order[k], (k + 1) * period, NULL));
    }
  expected = render_offline (offline, &n_expected);
  play_device (f, player, 0);
  read_capture (f);
  o = align (f, expected, n_expected);

  /* The programme: everything outside the switches (and the start's fade in). */
  in_switch = g_new0 (gboolean, n_expected);
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    for (guint64 i = (k + 1) * period - 1; i < (k + 1) * period + XFADE + 1; i++)
      in_switch[i] = TRUE;
  for (guint64 i = FADE + 1; i + 1 < n - 48000; i++)
    {
      double step = pt_max_step (f->capture + 2 * o, i, i + 2);

      if (in_switch[i])
        worst = MAX (worst, step);
      else
        programme = MAX (programme, step);
    }
  g_test_message ("largest step: %.4f at the switches, %.4f in the programme (%.0f %%)",
                  worst, programme, 100.0 * worst / programme);
  g_assert_cmpfloat (worst, <=, programme);
}

/* The master heard is the chain's offline render of the same mix, at the same position:
 * the mix plays first (which locates stream frame 0 in the capture), then a switch to the
 * master; from the end of the crossfade on, every frame is the chain's output for that
 * position of the mix (its latency compensated). */
static void
test_master_heard (Fixture       *f,
                   gconstpointer  data)
{
  const guint64 n = 5 * 48000, at = 48000;
  float *music = pt_music (2, n, 48000, 31, -8);
  g_autofree float *copy = g_memdup2 (music, n * 2 * sizeof (float));
  g_autofree char *mix_path = write_source (f, "mix.wav", 48000, 2, music, n);
  g_autoptr(LqSourceBuffer) mix = load (mix_path, 0);
  g_autoptr(LqPlayer) player = make_player (mix, NULL, 0, FALSE);
  g_autofree float *chain_out = NULL;
  LqChainParams params;
  guint latency;
  gint64 onset;
  guint64 o;
  double err = 0.0;

  pt_busy_chain (&params);
  lq_player_set_chain_params (player, &params);
  g_assert_true (lq_player_schedule_select (player, LQ_SLOT_MASTER, at, NULL));
  chain_out = pt_chain_render (&params, 48000, copy, 2, n, &latency);
  play_device (f, player, 256);
  read_capture (f);

  onset = pt_onset (f->capture, 2, f->n_capture);
  g_assert_cmpint (onset, >=, 0);
  o = (guint64) onset - (guint64) pt_onset (copy, 2, n);
  for (guint64 i = FADE; i < at; i++)
    g_assert_cmpfloat (f->capture[2 * (o + i)], ==, copy[2 * i]);
  for (guint64 i = at + XFADE; i < n - latency; i++)
    for (guint c = 0; c < 2; c++)
      err = MAX (err, fabs (f->capture[2 * (o + i) + c] - chain_out[2 * (i + latency) + c]));
  g_test_message ("chain latency %u frames; master heard vs offline chain render at the same "
                  "position: max difference %.3g", latency, err);
  g_assert_cmpfloat (err, <=, 1e-6);
}

/* A loop plays pass after pass with nothing at its seam; stopped by hand. */
static void
test_loop (Fixture       *f,
           gconstpointer  data)
{
  const guint64 n = 4 * 48000, start = 30000, end = 41111, len = end - start;
  float *music = pt_music (2, n, 48000, 41, -10);
  g_autofree float *copy = g_memdup2 (music, n * 2 * sizeof (float));
  g_autofree char *mix_path = write_source (f, "mix.wav", 48000, 2, music, n);
  g_autoptr(LqSourceBuffer) mix = load (mix_path, 0);
  g_autoptr(LqPlayer) player = make_player (mix, NULL, 0, FALSE);
  g_autoptr(GError) error = NULL;
  gint64 onset;
  guint64 pos = start, checked = 0, seams = 0;

  lq_player_set_loop (player, TRUE, start, end);
  lq_player_seek (player, start);
  lq_player_play (player);
  g_assert_true (lq_player_open_device (player, NULL, 333, &error));
  g_assert_no_error (error);
  while (lq_player_get_stream_frame (player) < 6 * len)
    g_main_context_iteration (NULL, FALSE);
  lq_player_drain_device (player);
  read_capture (f);

  onset = pt_onset (f->capture, 2, f->n_capture);
  g_assert_cmpint (onset, >=, 0);
  for (guint64 i = 0; i < 5 * len; i++)
    {
      if (i >= FADE)
        {
          g_assert_cmpfloat (f->capture[2 * (onset + i)], ==, copy[2 * pos]);
          g_assert_cmpfloat (f->capture[2 * (onset + i) + 1], ==, copy[2 * pos + 1]);
          checked++;
        }
      if (++pos == end)
        {
          pos = start;
          seams++;
        }
    }
  g_test_message ("%" G_GUINT64_FORMAT " frames across %" G_GUINT64_FORMAT
                  " loop seams equal the mix's timeline", checked, seams);
  g_assert_cmpuint (seams, >=, 4);
}

static void
test_mono (Fixture       *f,
           gconstpointer  data)
{
  const guint64 n = 48000;
  g_autofree char *path = write_source (f, "mono.wav", 48000, 1, pt_sine (1, n, 48000, 300, -6), n);
  g_autoptr(LqSourceBuffer) mix = load (path, 0);
  g_autoptr(LqPlayer) player = make_player (mix, NULL, 0, FALSE);
  guint64 sounding = 0;

  play_device (f, player, 0);
  read_capture (f);
  for (guint64 i = 0; i < f->n_capture; i++)
    {
      g_assert_cmpfloat (f->capture[2 * i], ==, f->capture[2 * i + 1]);
      sounding += f->capture[2 * i] != 0.0f;
    }
  g_assert_cmpuint (sounding, >=, n - 10);
}

/* ---- monitoring modes ------------------------------------------------------------------ */

/* Plays mix through the device in mode; returns the capture's largest |sample|, after
 * checking the whole programme was played. */
static double
monitor_peak (Fixture        *f,
              LqSourceBuffer *mix,
              LqMonitorMode   mode)
{
  g_autoptr(LqPlayer) player = make_player (mix, NULL, 0, FALSE);
  double peak = 0.0;

  lq_player_set_monitor_mode (player, mode);
  play_device (f, player, 0);
  read_capture (f);
  g_assert_cmpuint (f->n_capture, >=, lq_source_buffer_get_frames (mix));
  for (guint64 i = 0; i < 2 * f->n_capture; i++)
    peak = MAX (peak, fabs (f->capture[i]));
  return peak;
}

static double
to_db (double peak)
{
  return peak > 0.0 ? 20.0 * log10 (peak) : -INFINITY;
}

/* Mono of an anti-phase pair cancels: below -90 dBFS. Played in Stereo, the same file is
 * loud (so the capture did carry the programme). */
static void
test_monitor_mono_antiphase (Fixture       *f,
                             gconstpointer  data)
{
  const guint64 n = 2 * 48000;
  g_autofree float *music = pt_music (1, n, 48000, 51, -6);
  float *pair = g_new (float, 2 * n);
  g_autofree char *path = NULL;
  g_autoptr(LqSourceBuffer) mix = NULL;
  double mono, stereo;

  for (guint64 i = 0; i < n; i++)
    {
      pair[2 * i] = music[i];
      pair[2 * i + 1] = -music[i];
    }
  path = write_source (f, "antiphase.wav", 48000, 2, pair, n);
  mix = load (path, 0);
  stereo = monitor_peak (f, mix, LQ_MONITOR_STEREO);
  mono = monitor_peak (f, mix, LQ_MONITOR_MONO);
  g_test_message ("anti-phase pair: peak %.1f dBFS in Stereo, %.1f dBFS in Mono",
                  to_db (stereo), to_db (mono));
  g_assert_cmpfloat (to_db (stereo), >, -20.0);
  g_assert_cmpfloat (to_db (mono), <, -90.0);
}

/* Side of a mono file is silent; its Mid is the file. */
static void
test_monitor_side_of_mono (Fixture       *f,
                           gconstpointer  data)
{
  const guint64 n = 2 * 48000;
  g_autofree char *path = write_source (f, "mono.wav", 48000, 1,
                                        pt_music (1, n, 48000, 52, -6), n);
  g_autoptr(LqSourceBuffer) mix = load (path, 0);
  double side, mid;

  mid = monitor_peak (f, mix, LQ_MONITOR_MID);
  side = monitor_peak (f, mix, LQ_MONITOR_SIDE);
  g_test_message ("mono file: peak %.1f dBFS in Mid, %.1f dBFS in Side", to_db (mid),
                  to_db (side));
  g_assert_cmpfloat (to_db (mid), >, -20.0);
  g_assert_cmpfloat (to_db (side), <, -90.0);
}

/* Swap puts the file's right channel on the left and its left on the right, bit for bit
 * (after the transport's fade in). */
static void
test_monitor_swap (Fixture       *f,
                   gconstpointer  data)
{
  const guint64 n = 2 * 48000;
  float *music = pt_music (2, n, 48000, 53, -6);
  g_autofree float *copy = g_memdup2 (music, n * 2 * sizeof (float));
  g_autofree char *path = write_source (f, "stereo.wav", 48000, 2, music, n);
  g_autoptr(LqSourceBuffer) mix = load (path, 0);
  guint64 o, checked = 0, differ = 0;

  monitor_peak (f, mix, LQ_MONITOR_SWAP);
  o = (guint64) (pt_onset (f->capture, 2, f->n_capture) - pt_onset (copy, 2, n));
  for (guint64 i = FADE; i < n; i++)
    {
      g_assert_cmpfloat (f->capture[2 * (o + i)], ==, copy[2 * i + 1]);
      g_assert_cmpfloat (f->capture[2 * (o + i) + 1], ==, copy[2 * i]);
      differ += copy[2 * i] != copy[2 * i + 1];
      checked++;
    }
  g_test_message ("%" G_GUINT64_FORMAT " frames swapped sample for sample (%" G_GUINT64_FORMAT
                  " with different channels)", checked, differ);
  g_assert_cmpuint (differ, >, n / 2);
}

/* Changing the mode while playing, through every mode, makes no step larger than the
 * programme's own largest: every mode's output steps by at most the larger of the file's
 * two channel steps (|d(L+R)/2| and |d(L-R)/2| are bounded by it). During a fade the
 * matrix itself moves too, by at most 1/XFADE of the two modes' difference per frame, which
 * adds at most 2 peak / XFADE: that is all the fade may add. The programme is two low tones,
 * different on each side, so its own steps are small and a hard change between modes (a jump
 * of up to |L - R|) would stand far above both. */
static void
test_monitor_no_click (Fixture       *f,
                       gconstpointer  data)
{
  const guint64 n = 6 * 48000, period = 24000 + 11;
  const LqMonitorMode order[] = { LQ_MONITOR_SWAP, LQ_MONITOR_SIDE, LQ_MONITOR_LEFT,
                                  LQ_MONITOR_MONO, LQ_MONITOR_RIGHT, LQ_MONITOR_STEREO,
                                  LQ_MONITOR_SIDE, LQ_MONITOR_SWAP, LQ_MONITOR_MID,
                                  LQ_MONITOR_LEFT };
  float *tones = g_new (float, 2 * n);
  g_autofree float *copy = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LqSourceBuffer) mix = NULL;
  g_autoptr(LqPlayer) player = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ended = FALSE;
  gulong id;
  guint next = 0;
  guint64 o, changed = 0;
  const double peak = 0.5;
  double programme, fade, worst;

  for (guint64 i = 0; i < n; i++)
    {
      tones[2 * i] = (float) (peak * sin (2.0 * G_PI * 220.0 * (double) i / 48000.0));
      tones[2 * i + 1] = (float) (peak * sin (2.0 * G_PI * 331.0 * (double) i / 48000.0 + 1.0));
    }
  copy = g_memdup2 (tones, n * 2 * sizeof (float));
  path = write_source (f, "tones.wav", 48000, 2, tones, n);
  mix = load (path, 0);
  player = make_player (mix, NULL, 0, FALSE);
  id = g_signal_connect (player, "end-of-stream", G_CALLBACK (on_end), &ended);
  lq_player_play (player);
  g_assert_true (lq_player_open_device (player, NULL, 256, &error));
  g_assert_no_error (error);
  while (!ended)
    {
      if (next < G_N_ELEMENTS (order) && lq_player_get_stream_frame (player) >= (next + 1) * period)
        lq_player_set_monitor_mode (player, order[next++]);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (100);
    }
  g_signal_handler_disconnect (player, id);
  lq_player_drain_device (player);
  read_capture (f);
  g_assert_cmpuint (next, ==, G_N_ELEMENTS (order));

  /* The modes were heard: much of the capture is not the file's stereo. */
  o = (guint64) (pt_onset (f->capture, 2, f->n_capture) - pt_onset (copy, 2, n));
  for (guint64 i = FADE; i < n; i++)
    changed += f->capture[2 * (o + i)] != copy[2 * i] || f->capture[2 * (o + i) + 1] != copy[2 * i + 1];

  programme = pt_max_step (copy, 0, n);
  fade = 2.0 * peak / XFADE;
  /* Over the file's own span: its start and end meet the silence around it. */
  g_assert_cmpuint (o + n, <=, f->n_capture);
  worst = pt_max_step (f->capture, o, o + n);
  g_test_message ("%u mode changes; %" G_GUINT64_FORMAT " frames differ from Stereo; largest "
                  "step %.4f in the capture, %.4f in the programme (+ %.4f the fade may add)",
                  next, changed, worst, programme, fade);
  g_assert_cmpuint (changed, >, n / 2);
  g_assert_cmpfloat (worst, <=, programme + fade);
}

/* A mode change asked for while playing reaches the output within one device buffer of the
 * request, and the crossfade is over one crossfade later: before it the capture is the file,
 * from then on the file swapped, sample for sample. */
static void
test_monitor_latency (Fixture       *f,
                      gconstpointer  data)
{
  const guint64 n = 3 * 48000;
  const guint buffer = 512;
  float *tones = g_new (float, 2 * n);
  g_autofree float *copy = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LqSourceBuffer) mix = NULL;
  g_autoptr(LqPlayer) player = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ended = FALSE, asked = FALSE;
  guint64 before = 0, after = 0, o, first, last;
  gulong id;

  for (guint64 i = 0; i < n; i++)
    {
      tones[2 * i] = (float) (0.5 * sin (2.0 * G_PI * 220.0 * (double) i / 48000.0));
      tones[2 * i + 1] = (float) (0.5 * sin (2.0 * G_PI * 331.0 * (double) i / 48000.0 + 1.0));
    }
  copy = g_memdup2 (tones, n * 2 * sizeof (float));
  path = write_source (f, "tones.wav", 48000, 2, tones, n);
  mix = load (path, 0);
  player = make_player (mix, NULL, 0, FALSE);

  id = g_signal_connect (player, "end-of-stream", G_CALLBACK (on_end), &ended);
  lq_player_play (player);
  g_assert_true (lq_player_open_device (player, NULL, buffer, &error));
  g_assert_no_error (error);
  while (!ended)
    {
      if (!asked && lq_player_get_stream_frame (player) >= 48000)
        {
          before = lq_player_get_stream_frame (player);
          lq_player_set_monitor_mode (player, LQ_MONITOR_SWAP);
          after = lq_player_get_stream_frame (player);
          asked = TRUE;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (200);
    }
  g_signal_handler_disconnect (player, id);
  lq_player_drain_device (player);
  read_capture (f);

  o = (guint64) (pt_onset (f->capture, 2, f->n_capture) - pt_onset (copy, 2, n));
  for (first = FADE; first < n; first++)
    if (f->capture[2 * (o + first)] != copy[2 * first]
        || f->capture[2 * (o + first) + 1] != copy[2 * first + 1])
      break;
  for (last = n - 1; last > first; last--)
    if (f->capture[2 * (o + last)] != copy[2 * last + 1]
        || f->capture[2 * (o + last) + 1] != copy[2 * last])
      break;
  last++;
  g_test_message ("mode change asked between stream frames %" G_GUINT64_FORMAT " and %"
                  G_GUINT64_FORMAT "; heard from %" G_GUINT64_FORMAT " (%" G_GUINT64_FORMAT
                  " frames after the request), swapped alone from %" G_GUINT64_FORMAT
                  " (%" G_GUINT64_FORMAT " after)", before, after, first, first - before, last,
                  last - before);
  g_assert_cmpuint (first, >=, before);
  g_assert_cmpuint (first, <=, after + buffer);
  g_assert_cmpuint (last, <=, after + buffer + XFADE);
  g_assert_cmpuint (last - first, <=, XFADE);
}

/* A device that stops taking audio mid-play (here the capture file is a pipe nobody reads,
 * so the callback thread blocks in its write for good): the watchdog reports the device as
 * lost, playback stops, the stream is torn down without hanging, and the player stays
 * usable offline. */
static void
on_status (LqPlayer   *player,
           GParamSpec *pspec,
           gboolean   *lost)
{
  *lost = lq_player_get_device_status (player) == LQ_DEVICE_STATUS_LOST;
}

static void
test_device_lost (Fixture       *f,
                  gconstpointer  data)
{
  const guint64 n = 60 * 48000;
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, 48000, pt_music (2, n, 48000, 81, -10), n);
  g_autoptr(LqPlayer) player = make_player (mix, NULL, 0, FALSE);
  g_autoptr(GError) error = NULL;
  gboolean lost = FALSE;
  float out[2 * 256];
  int reader;

  signal (SIGPIPE, SIG_IGN);
  g_assert_cmpint (mkfifo (capture_path, 0600), ==, 0);
  reader = open (capture_path, O_RDONLY | O_NONBLOCK);
  g_assert_cmpint (reader, >=, 0);

  g_signal_connect (player, "notify::device-status", G_CALLBACK (on_status), &lost);
  lq_player_play (player);
  g_assert_true (lq_player_open_device (player, NULL, 256, &error));
  g_assert_no_error (error);
  while (!lost)
    g_main_context_iteration (NULL, TRUE);

  g_test_message ("%s", lq_player_get_device_message (player));
  g_assert_nonnull (strstr (lq_player_get_device_message (player), "stopped responding"));
  g_assert_cmpint (lq_player_get_state (player), ==, LQ_PLAYER_STATE_STOPPED);
  g_assert_cmpuint (lq_player_get_stream_frame (player), <, n);
  close (reader);
  g_unlink (capture_path);

  /* Still a working player, offline. */
  lq_player_play (player);
  lq_player_render (player, out, 256);
  lq_player_render (player, out, 256);
  g_assert_cmpfloat (fabsf (out[2 * 200]), >, 0.0f);
}

/* No device at all: a clear status and message, and the player still renders offline. */
static void
test_no_device_subprocess (void)
{
  const guint64 n = 4800;
  g_autofree char *dir = pt_tmpdir ();
  g_autofree char *unused = pt_use_alsa_config (dir, "nodevice.conf");
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, 48000, pt_sine (2, n, 48000, 440, -6), n);
  g_autoptr(LqPlayer) player = make_player (mix, NULL, 0, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) devices = NULL;
  float out[2 * 1024];

  g_assert_false (lq_player_open_device (player, NULL, 0, &error));
  g_assert_error (error, LQ_AUDIO_DEVICE_ERROR, LQ_AUDIO_DEVICE_ERROR_NO_DEVICE);
  g_print ("%s\n", error->message);
  g_assert_cmpint (lq_player_get_device_status (player), ==, LQ_DEVICE_STATUS_NO_DEVICE);
  g_assert_cmpstr (lq_player_get_device_message (player), ==, error->message);
  g_assert_nonnull (strstr (error->message, "No audio output device"));

  devices = lq_audio_device_list (NULL);
  g_assert_nonnull (devices);
  g_assert_cmpuint (g_list_model_get_n_items (devices), ==, 0);

  lq_player_play (player);
  lq_player_render (player, out, 1024);
  g_assert_cmpfloat (fabsf (out[2 * 1000]), >, 0.0f);
  pt_rmdir (dir);
}

static void
test_no_device (void)
{
  g_test_trap_subprocess ("/player/alsa/no-device/subprocess", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*No audio output device was found*");
}

static void
test_devices (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) devices = lq_audio_device_list (&error);
  g_autoptr(LqAudioDevice) first = NULL;
  g_autoptr(LqAudioDevice) found = NULL;
  LqAudioDevice *missing;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (devices), >=, 1);
  first = g_list_model_get_item (devices, 0);
  g_assert_true (lq_audio_device_get_is_default (first));
  g_assert_cmpuint (lq_audio_device_get_max_channels (first), >=, 2);
  found = lq_audio_device_find (lq_audio_device_get_name (first), &error);
  g_assert_no_error (error);
  g_assert_cmpint (lq_audio_device_get_index (found), ==, lq_audio_device_get_index (first));
  missing = lq_audio_device_find ("no such device 42", &error);
  g_assert_null (missing);
  g_assert_error (error, LQ_AUDIO_DEVICE_ERROR, LQ_AUDIO_DEVICE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no such device 42"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  capture_dir = pt_tmpdir ();
  if (!g_test_subprocess ())
    capture_path = pt_use_alsa_config (capture_dir, "capture.conf");

#define ADD(path, func) \
  g_test_add ("/player/alsa/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("level-matched", test_level_matched);
  ADD ("level-unmatched", test_level_unmatched);
  ADD ("compare-matched", test_compare_matched);
  ADD ("switch-latency", test_switch_latency);
  ADD ("no-click", test_no_click);
  ADD ("master-heard", test_master_heard);
  ADD ("loop", test_loop);
  ADD ("mono", test_mono);
  ADD ("monitor/mono-antiphase", test_monitor_mono_antiphase);
  ADD ("monitor/side-of-mono", test_monitor_side_of_mono);
  ADD ("monitor/swap", test_monitor_swap);
  ADD ("monitor/no-click", test_monitor_no_click);
  ADD ("monitor/latency", test_monitor_latency);
  ADD ("devices", test_devices);
  ADD ("device-lost", test_device_lost);
  g_test_add_func ("/player/alsa/no-device", test_no_device);
  g_test_add_func ("/player/alsa/no-device/subprocess", test_no_device_subprocess);

  status = g_test_run ();
  pt_rmdir (capture_dir);
  g_free (capture_dir);
  g_free (capture_path);
  return status;
}
