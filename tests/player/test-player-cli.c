/* test-player-cli.c
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

/* `lacquer play` as a user runs it, into an ALSA file device configured by each test (its own
 * copy of tests/alsa/capture.conf, selected through the subprocess's environment). The
 * capture must be exactly what the player renders offline for the same files and switches,
 * and measure as the issue asks. Usage: test-player-cli --tap PATH/TO/lacquer */

#include "config.h"

#include <gio/gio.h>
#include <ebur128.h>
#include <math.h>
#include <string.h>

#include "lq-chain-json.h"
#include "lq-player.h"
#include "player-test-util.h"

static const char *lacquer;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_play (Run         *r,
          const char  *dir,
          const char  *config,
          char       **capture,
          ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = pt_alsa_environ (dir, config, capture);
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (char *) lacquer);
  g_ptr_array_add (args, "play");
  va_start (ap, capture);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_environ (launcher, env);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  /* Killed by a signal (a sanitizer's abort, say) shows as -1 with its stderr. */
  r->status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", r->status, r->out, r->err);
}

static char *
write_file (const char *dir,
            const char *name,
            double      rate,
            guint       channels,
            float      *data,
            guint64     frames)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (pt_write_wav (path, rate, channels, data, frames));
  g_free (data);
  return path;
}

/* What the player renders for the same files and switches, until the mix ends. */
static float *
render_expected (const char          *mix_path,
                 const char          *ref_path,
                 const LqChainParams *chain,
                 gboolean             match,
                 double               every,
                 guint64             *n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LqSourceBuffer) mix = lq_source_buffer_load (mix_path, 0, NULL, &error);
  g_autoptr(LqSourceBuffer) ref = NULL;
  g_autoptr(LqPlayer) player = lq_player_new ();
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (float));
  double rate = lq_source_buffer_get_sample_rate (mix);
  int a = chain ? LQ_SLOT_MASTER : LQ_SLOT_MIX, b = LQ_SLOT_REFERENCE;
  float block[2 * 500];

  g_assert_no_error (error);
  ref = lq_source_buffer_load (ref_path, rate, NULL, &error);
  g_assert_no_error (error);
  lq_player_set_match_enabled (player, match);
  if (chain)
    lq_player_set_chain_params (player, chain);
  g_assert_true (lq_player_set_sources (player, mix, &ref, 1, &error));
  while (lq_player_get_measuring (player))
    g_main_context_iteration (NULL, TRUE);
  lq_player_select (player, a);
  for (guint k = 1; k * every * rate < lq_source_buffer_get_frames (mix); k++)
    g_assert_true (lq_player_schedule_select (player, k % 2 ? b : a,
                                              (guint64) llround (k * every * rate), NULL));
  lq_player_play (player);
  while (lq_player_get_state (player) == LQ_PLAYER_STATE_PLAYING)
    {
      lq_player_render (player, block, 500);
      g_array_append_vals (out, block, 2 * 500);
      lq_player_update (player);
    }
  *n = out->len / 2;
  return (float *) g_array_free (g_steal_pointer (&out), FALSE);
}

/* The capture against the expectation; returns the capture's frame of stream frame 0. */
static guint64
check_capture (const char  *capture_path,
               const float *expected,
               guint64      n_expected,
               float      **capture)
{
  guint64 n, offset, diffs = 0;
  gint64 a, b;

  *capture = pt_read_raw (capture_path, 2, &n);
  g_assert_nonnull (*capture);
  a = pt_onset (*capture, 2, n);
  b = pt_onset (expected, 2, n_expected);
  g_assert_cmpint (a, >=, b);
  offset = (guint64) (a - b);
  g_assert_cmpuint (n, >=, offset + n_expected);
  for (guint64 i = 0; i < 2 * n_expected; i++)
    diffs += (*capture)[2 * offset + i] != expected[i];
  g_test_message ("capture: %" G_GUINT64_FORMAT " frames of priming silence, then %"
                  G_GUINT64_FORMAT " frames, %" G_GUINT64_FORMAT " samples unlike the player's "
                  "offline render", offset, n_expected, diffs);
  g_assert_cmpuint (diffs, ==, 0);
  return offset;
}

/* Alternating every 4 s: the short-term loudness at the end of each segment. */
static void
segment_levels (const float *stereo,
                double       every,
                guint        n_segments,
                double      *levels)
{
  for (guint s = 0; s < n_segments; s++)
    levels[s] = pt_short_term (stereo, (guint64) ((s + 1) * every * 48000) - 2400, 48000);
}

static void
test_switch_every (void)
{
  g_autofree char *dir = pt_tmpdir ();
  g_autofree char *mix = write_file (dir, "mix.wav", 48000, 2,
                                     pt_sine (2, 16 * 48000, 48000, 997, -20), 16 * 48000);
  g_autofree char *ref = write_file (dir, "ref.wav", 44100, 1,
                                     pt_sine (1, 16 * 44100, 44100, 440, -27), 16 * 44100);
  g_autofree char *capture_path = NULL;
  g_autofree float *expected = NULL;
  g_autofree float *capture = NULL;
  g_auto(Run) r = { 0 };
  guint64 n, o;
  double levels[4], spread = 0.0;

  run_play (&r, dir, "capture.conf", &capture_path, mix, "--reference", ref, "--switch-every", "4",
            "--buffer", "480", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "resampled from 44100 Hz"));
  expected = render_expected (mix, ref, NULL, TRUE, 4.0, &n);
  o = check_capture (capture_path, expected, n, &capture);
  g_assert_cmpuint (n, >=, 16 * 48000);

  segment_levels (capture + 2 * o, 4.0, 4, levels);
  for (guint s = 0; s < 4; s++)
    spread = MAX (spread, fabs (levels[s] - levels[0]));
  g_test_message ("short-term at the end of each 4 s segment: %.3f %.3f %.3f %.3f LUFS "
                  "(mix, reference, mix, reference); spread %.3f LU",
                  levels[0], levels[1], levels[2], levels[3], spread);
  g_assert_cmpfloat (spread, <=, 0.1);
  pt_rmdir (dir);
}

/* A quiet mix with loud transients (-30 LUFS, -0.9 dBTP) against a loud reference: matching
 * to the reference's level would raise the mix by about 18 dB into hard clipping. The common
 * level comes down instead, so both play matched and nothing reaches full scale. */
static float *
peaky_mix (guint64 frames)
{
  float *x = pt_sine (2, frames, 48000, 997, -30);
  double burst = pow (10.0, -0.9 / 20.0);

  for (guint64 start = 4800; start + 96 < frames; start += 12000)
    for (guint64 i = 0; i < 96; i++)
      {
        double w = sin (G_PI * (double) i / 96.0);
        float v = (float) (burst * w * w * sin (2.0 * G_PI * 3000.0 * (double) i / 48000.0));

        x[2 * (start + i)] = v;
        x[2 * (start + i) + 1] = v;
      }
  return x;
}

static void
test_match_never_clips (void)
{
  g_autofree char *dir = pt_tmpdir ();
  g_autofree char *mix = write_file (dir, "mix.wav", 48000, 2, peaky_mix (16 * 48000),
                                     16 * 48000);
  g_autofree char *ref = write_file (dir, "ref.wav", 48000, 2,
                                     pt_sine (2, 16 * 48000, 48000, 440, -12), 16 * 48000);
  g_autofree char *capture_path = NULL;
  g_autofree float *expected = NULL;
  g_autofree float *capture = NULL;
  g_auto(Run) r = { 0 };
  guint64 n, o;
  double levels[4], spread = 0.0;
  float peak = 0.0f;
  guint full_scale = 0;

  run_play (&r, dir, "capture.conf", &capture_path, mix, "--reference", ref, "--switch-every", "4",
            NULL);
  g_assert_cmpint (r.status, ==, 0);
  /* The level chosen, and why it is below the reference's -12 LUFS. */
  g_assert_nonnull (strstr (r.out, "Matched at"));
  g_assert_nonnull (strstr (r.out, "the mix peaks at"));
  expected = render_expected (mix, ref, NULL, TRUE, 4.0, &n);
  o = check_capture (capture_path, expected, n, &capture);
  for (guint64 i = 0; i < 2 * n; i++)
    {
      float a = fabsf (capture[2 * o + i]);

      peak = MAX (peak, a);
      full_scale += a >= 0.999f;
    }
  segment_levels (capture + 2 * o, 4.0, 4, levels);
  for (guint s = 0; s < 4; s++)
    spread = MAX (spread, fabs (levels[s] - levels[0]));
  g_test_message ("matched: %.3f %.3f %.3f %.3f LUFS (mix, reference, mix, reference), spread "
                  "%.3f LU; capture peak %.4f, %u samples at full scale", levels[0], levels[1],
                  levels[2], levels[3], spread, peak, full_scale);
  g_assert_cmpuint (full_scale, ==, 0);
  g_assert_cmpfloat (peak, <, 0.95f);
  g_assert_cmpfloat (spread, <=, 0.2);
  pt_rmdir (dir);
}

static void
test_no_match (void)
{
  g_autofree char *dir = pt_tmpdir ();
  g_autofree char *mix = write_file (dir, "mix.wav", 48000, 2,
                                     pt_sine (2, 8 * 48000, 48000, 997, -20), 8 * 48000);
  g_autofree char *ref = write_file (dir, "ref.wav", 48000, 2,
                                     pt_sine (2, 8 * 48000, 48000, 440, -30), 8 * 48000);
  g_autofree char *capture_path = NULL;
  g_autofree float *expected = NULL;
  g_autofree float *capture = NULL;
  g_autoptr(LqSourceBuffer) m = lq_source_buffer_load (mix, 0, NULL, NULL);
  g_autoptr(LqSourceBuffer) rf = lq_source_buffer_load (ref, 0, NULL, NULL);
  g_auto(Run) r = { 0 };
  guint64 n, o;
  double levels[2], truth;

  run_play (&r, dir, "capture.conf", &capture_path, mix, "--reference", ref, "--switch-every", "4",
            "--no-match", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "loudness matching off"));
  expected = render_expected (mix, ref, NULL, FALSE, 4.0, &n);
  o = check_capture (capture_path, expected, n, &capture);
  segment_levels (capture + 2 * o, 4.0, 2, levels);
  truth = lq_source_buffer_get_loudness (m) - lq_source_buffer_get_loudness (rf);
  g_test_message ("unmatched: mix %.3f, reference %.3f LUFS (%.3f LU apart; the files %.3f LU)",
                  levels[0], levels[1], levels[0] - levels[1], truth);
  g_assert_cmpfloat (fabs (levels[0] - levels[1] - truth), <=, 0.1);
  pt_rmdir (dir);
}

/* With a chain, the master alternates with the reference. */
static void
test_chain (void)
{
  g_autofree char *dir = pt_tmpdir ();
  g_autofree char *mix = write_file (dir, "mix.wav", 48000, 2,
                                     pt_music (2, 6 * 48000, 48000, 51, -10), 6 * 48000);
  g_autofree char *ref = write_file (dir, "ref.wav", 48000, 2,
                                     pt_music (2, 6 * 48000, 48000, 52, -16), 6 * 48000);
  g_autofree char *chain_path = g_build_filename (dir, "chain.json", NULL);
  g_autofree char *json = NULL;
  g_autofree char *capture_path = NULL;
  g_autofree float *expected = NULL;
  g_autofree float *capture = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) r = { 0 };
  LqChainParams params, parsed;
  guint64 n;

  pt_busy_chain (&params);
  json = lq_chain_params_to_json_data (&params, NULL);
  g_file_set_contents (chain_path, json, -1, &error);
  g_assert_no_error (error);
  /* The player is given what the file says, as the command line reads it. */
  g_assert_true (lq_chain_params_from_json_file (chain_path, &parsed, &error));
  g_assert_no_error (error);

  run_play (&r, dir, "capture.conf", &capture_path, mix, "--reference", ref, "--chain", chain_path,
            "--switch-every", "1.5", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Master"));
  expected = render_expected (mix, ref, &parsed, TRUE, 1.5, &n);
  check_capture (capture_path, expected, n, &capture);
  pt_rmdir (dir);
}

/* A dynamic master: music about 10 dB under -11 LUFS, its loudest peaks rounded off a little
 * (PLR still over 12 dB), as a master that was not limited hard. */
static float *
dynamic_master (guint64 frames)
{
  float *x = pt_music (2, frames, 48000, 61, -4);
  const float knee = 0.4f;

  for (guint64 i = 0; i < 2 * frames; i++)
    x[i] = knee * tanhf (x[i] / knee);
  return x;
}

/* Listen as Spotify Loud: a dynamic file is raised to -11 LUFS whatever its peaks, and the
 * service's limiter keeps every sample at or below -1 dBFS. The capture's loudness is
 * measured by libebur128. */
static void
test_listen_as_loud (void)
{
  g_autofree char *dir = pt_tmpdir ();
  g_autofree char *mix = write_file (dir, "mix.wav", 48000, 2,
                                     dynamic_master (20 * 48000), 20 * 48000);
  g_autoptr(LqSourceBuffer) m = lq_source_buffer_load (mix, 0, NULL, NULL);
  g_autofree char *capture_path = NULL;
  g_autofree float *capture = NULL;
  g_auto(Run) r = { 0 };
  ebur128_state *st = ebur128_init (2, 48000, EBUR128_MODE_I);
  double lufs = lq_source_buffer_get_loudness (m);
  double tp = lq_source_buffer_get_true_peak (m);
  double played, ceiling = pow (10.0, -1.0 / 20.0);
  guint64 n;
  float peak = 0.0f;

  g_test_message ("file: %.2f LUFS, %.2f dBTP", lufs, tp);
  g_assert_cmpfloat (tp - lufs, >, 12.0);
  g_assert_cmpfloat (lufs, <, -19.0);
  g_assert_cmpfloat (tp + (-11.0 - lufs), >, 1.0);    /* unlimited, it would pass 0 dBTP */

  run_play (&r, dir, "capture.conf", &capture_path, mix, "--listen-as", "spotify-loud", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Listening as Spotify Loud"));
  capture = pt_read_raw (capture_path, 2, &n);
  g_assert_nonnull (capture);
  g_assert_cmpuint (n, >=, 20 * 48000);
  for (guint64 i = 0; i < 2 * n; i++)
    peak = MAX (peak, fabsf (capture[i]));
  ebur128_add_frames_float (st, capture, n);
  g_assert_cmpint (ebur128_loudness_global (st, &played), ==, EBUR128_SUCCESS);
  ebur128_destroy (&st);
  g_test_message ("listened as Spotify Loud: %.3f LUFS, sample peak %.4f dBFS", played,
                  20.0 * log10 (peak));
  g_assert_cmpfloat (fabs (played - (-11.0)), <=, 0.3);
  g_assert_cmpfloat (peak, <=, ceiling);
  g_assert_cmpfloat (peak, >, ceiling * 0.97);       /* it did reach the limiter */
  pt_rmdir (dir);
}

/* Listen as a turn-down-only service: a quiet file plays at its own level. */
static void
test_listen_as_youtube (void)
{
  g_autofree char *dir = pt_tmpdir ();
  g_autofree char *mix = write_file (dir, "mix.wav", 48000, 2,
                                     pt_sine (2, 6 * 48000, 48000, 997, -20), 6 * 48000);
  g_autofree char *capture_path = NULL;
  g_autofree float *capture = NULL;
  g_auto(Run) r = { 0 };
  guint64 n;
  float peak = 0.0f;

  run_play (&r, dir, "capture.conf", &capture_path, mix, "--listen-as", "youtube", NULL);
  g_assert_cmpint (r.status, ==, 0);
  capture = pt_read_raw (capture_path, 2, &n);
  for (guint64 i = 0; i < 2 * n; i++)
    peak = MAX (peak, fabsf (capture[i]));
  g_assert_cmpfloat_with_epsilon (20.0 * log10 (peak), -20.0, 0.01);

  run_clear (&r);
  memset (&r, 0, sizeof r);
  g_clear_pointer (&capture_path, g_free);
  run_play (&r, dir, "capture.conf", &capture_path, mix, "--listen-as", "napster", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "napster"));
  pt_rmdir (dir);
}

/* --monitor left: both sides play the file's left channel, sample for sample; an unknown
 * mode is a usage error naming it. */
static void
test_monitor (void)
{
  const guint64 n = 2 * 48000;
  g_autofree char *dir = pt_tmpdir ();
  float *music = pt_music (2, n, 48000, 61, -8);
  g_autofree float *copy = g_memdup2 (music, 2 * n * sizeof (float));
  g_autofree char *mix = write_file (dir, "mix.wav", 48000, 2, music, n);
  g_autofree char *capture_path = NULL;
  g_autofree float *capture = NULL;
  g_auto(Run) r = { 0 };
  guint64 frames, o, differ = 0;

  run_play (&r, dir, "capture.conf", &capture_path, mix, "--no-match", "--monitor", "left",
            NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Left only"));
  capture = pt_read_raw (capture_path, 2, &frames);
  g_assert_nonnull (capture);
  o = (guint64) (pt_onset (capture, 2, frames) - pt_onset (copy, 2, n));
  g_assert_cmpuint (frames, >=, o + n);
  for (guint64 i = 240; i < n; i++)
    {
      g_assert_cmpfloat (capture[2 * (o + i)], ==, copy[2 * i]);
      g_assert_cmpfloat (capture[2 * (o + i) + 1], ==, copy[2 * i]);
      differ += copy[2 * i] != copy[2 * i + 1];
    }
  g_assert_cmpuint (differ, >, n / 2);

  run_clear (&r);
  memset (&r, 0, sizeof r);
  run_play (&r, dir, "capture.conf", NULL, mix, "--monitor", "centre", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "centre"));
  pt_rmdir (dir);
}

static void
test_no_device (void)
{
  g_autofree char *dir = pt_tmpdir ();
  g_autofree char *mix = write_file (dir, "mix.wav", 48000, 2,
                                     pt_sine (2, 4800, 48000, 997, -20), 4800);
  g_auto(Run) r = { 0 };

  run_play (&r, dir, "nodevice.conf", NULL, mix, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "No audio output device was found"));
  g_assert_null (strstr (r.err, "ALSA lib"));
  pt_rmdir (dir);
}

static void
test_bad_input (void)
{
  g_autofree char *dir = pt_tmpdir ();
  g_autofree char *mix = write_file (dir, "mix.wav", 48000, 2,
                                     pt_sine (2, 4800, 48000, 997, -20), 4800);
  g_autofree char *six = write_file (dir, "six.wav", 48000, 6, g_new0 (float, 6 * 4800), 4800);
  g_autofree char *missing = g_build_filename (dir, "missing.wav", NULL);
  g_autofree char *bad_chain = g_build_filename (dir, "chain.json", NULL);

  g_file_set_contents (bad_chain, "{ \"lacquer_chain\": 1, \"limiter\": 3 }", -1, NULL);
  {
    g_auto(Run) r = { 0 };
    run_play (&r, dir, "capture.conf", NULL, missing, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "missing.wav"));
  }
  {
    g_auto(Run) r = { 0 };
    run_play (&r, dir, "capture.conf", NULL, six, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "six.wav"));
  }
  {
    g_auto(Run) r = { 0 };
    run_play (&r, dir, "capture.conf", NULL, mix, "--reference", missing, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "missing.wav"));
  }
  {
    g_auto(Run) r = { 0 };
    run_play (&r, dir, "capture.conf", NULL, mix, "--chain", bad_chain, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "chain.json"));
  }
  {
    g_auto(Run) r = { 0 };
    run_play (&r, dir, "capture.conf", NULL, mix, "--device", "no such device", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "no such device"));
  }
  {
    g_auto(Run) r = { 0 };
    run_play (&r, dir, "capture.conf", NULL, NULL);
    g_assert_cmpint (r.status, ==, 1);
  }
  pt_rmdir (dir);
}

static void
test_list_devices (void)
{
  g_autofree char *dir = pt_tmpdir ();
  g_auto(Run) r = { 0 };

  run_play (&r, dir, "capture.conf", NULL, "--list-devices", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "default\t"));
  g_assert_nonnull (strstr (r.out, "(default)"));
  pt_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s [GTEST-OPTION…] PATH-TO-LACQUER\n", argv[0]);
      return 1;
    }
  lacquer = argv[argc - 1];

  g_test_add_func ("/player/cli/switch-every", test_switch_every);
  g_test_add_func ("/player/cli/match-never-clips", test_match_never_clips);
  g_test_add_func ("/player/cli/no-match", test_no_match);
  g_test_add_func ("/player/cli/chain", test_chain);
  g_test_add_func ("/player/cli/listen-as-loud", test_listen_as_loud);
  g_test_add_func ("/player/cli/listen-as-youtube", test_listen_as_youtube);
  g_test_add_func ("/player/cli/monitor", test_monitor);
  g_test_add_func ("/player/cli/no-device", test_no_device);
  g_test_add_func ("/player/cli/bad-input", test_bad_input);
  g_test_add_func ("/player/cli/list-devices", test_list_devices);

  return g_test_run ();
}
