/* test-abx-cli.c
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

/* `lacquer abx` as a script runs it: keys piped to stdin, audio into an ALSA file device
 * (tests/alsa/capture.conf). Answers derived from the seed's draws (through the engine's own
 * LqAbxTest) must score n of n; answering "A" throughout scores the number of A draws; in
 * the capture A, B and every X play from the same start, X is the drawn candidate, and A
 * and B measure the same loudness (libebur128, the oracle) within 0.1 LU.
 * Usage: test-abx-cli --tap PATH/TO/lacquer */

#include "config.h"

#include <ebur128.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lq-abx.h"
#include "player-test-util.h"

static const char *lacquer;

#define SECONDS 2

typedef struct
{
  char  *dir;
  char  *a;
  char  *b;
  char  *capture;
  int    status;
  char  *out;
  char  *err;
} AbxRun;

static void
abx_run_clear (AbxRun *r)
{
  if (r->dir)
    pt_rmdir (r->dir);
  g_free (r->dir);
  g_free (r->a);
  g_free (r->b);
  g_free (r->capture);
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AbxRun, abx_run_clear)

/* Two different programmes, B quieter by 9 dB and at 44.1 kHz (resampled on load). */
static void
abx_run_init (AbxRun *r)
{
  r->dir = pt_tmpdir ();
  r->a = g_build_filename (r->dir, "a.wav", NULL);
  r->b = g_build_filename (r->dir, "b.wav", NULL);
  for (guint i = 0; i < 2; i++)
    {
      double rate = i == 0 ? 48000 : 44100;
      guint64 n = (guint64) (SECONDS * rate);
      g_autofree float *data = pt_music (2, n, rate, 11 + i, i == 0 ? -3.0 : -12.0);

      g_assert_true (pt_write_wav (i == 0 ? r->a : r->b, rate, 2, data, n));
    }
}

static void
run_abx (AbxRun     *r,
         const char *keys,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = pt_alsa_environ (r->dir, "capture.conf", &r->capture);
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (char *) lacquer);
  g_ptr_array_add (args, "abx");
  va_start (ap, keys);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_environ (launcher, env);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, keys, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  r->status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
  g_test_message ("keys %s: exit %d\nstdout: %s\nstderr: %s", keys, r->status, r->out, r->err);
}

/* The keys of a listener who hears every X right: X's draw, via the engine's own test. */
static char *
correct_keys (guint64 seed,
              guint   n,
              guint  *n_a)
{
  g_autoptr(LqAbxTest) test = lq_abx_test_new ("A", "B");
  GString *keys = g_string_new ("ab");

  g_object_set (test, "seed", seed, "n-trials", n, NULL);
  lq_abx_test_start (test);
  *n_a = 0;
  for (guint i = 0; i < n; i++)
    {
      LqAbxChoice x = lq_abx_test_get_x (test);

      *n_a += x == LQ_ABX_A;
      g_string_append (keys, x == LQ_ABX_A ? "x1" : "x2");
      lq_abx_test_answer (test, x);
    }
  return g_string_free (keys, FALSE);
}

static char *
format_p (guint k,
          guint n)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2g", lq_abx_p_value (k, n)));
}

/* Runs of sound in the capture, split at 64 or more silent frames (between candidates the
 * player stops, and the device plays silence until the next key). Under load a key can start
 * the next candidate within 64 frames of the last one's end; each play is one whole file of
 * play frames, so a run of more than one and a half plays is cut there, the next starting at
 * its first sound as every run does. */
static void
add_run (GArray      *runs,
         const float *x,
         guint64      start,
         guint64      end,
         guint64      play)
{
  while (end - start > play + play / 2)
    {
      guint64 run[2] = { start, start + play };

      g_array_append_val (runs, run);
      start += play;
      while (start < end && x[2 * start] == 0.0f && x[2 * start + 1] == 0.0f)
        start++;
    }
  {
    guint64 run[2] = { start, end };

    g_array_append_val (runs, run);
  }
}

static GArray *
sound_runs (const float *x,
            guint64      n)
{
  const guint64 play = (guint64) (SECONDS * 48000);

  GArray *runs = g_array_new (FALSE, FALSE, sizeof (guint64) * 2);
  guint64 start = 0, last = 0;
  gboolean in = FALSE;

  for (guint64 i = 0; i < n; i++)
    {
      gboolean sound = x[2 * i] != 0.0f || x[2 * i + 1] != 0.0f;

      if (sound)
        {
          if (!in)
            start = i;
          in = TRUE;
          last = i;
        }
      else if (in && i - last >= 64)
        {
          add_run (runs, x, start, last + 1, play);
          in = FALSE;
        }
    }
  if (in)
    add_run (runs, x, start, last + 1, play);
  return runs;
}

static double
oracle_lufs (const float *stereo,
             guint64      frames)
{
  ebur128_state *st = ebur128_init (2, 48000, EBUR128_MODE_I);
  double lufs;

  g_assert_nonnull (st);
  g_assert_cmpint (ebur128_add_frames_float (st, stereo, frames), ==, EBUR128_SUCCESS);
  g_assert_cmpint (ebur128_loudness_global (st, &lufs), ==, EBUR128_SUCCESS);
  ebur128_destroy (&st);
  return lufs;
}

static double
mean_square_difference (const float *x,
                        const float *y,
                        guint64      frames)
{
  double sum = 0.0;

  for (guint64 i = 0; i < 2 * frames; i++)
    sum += ((double) x[i] - y[i]) * ((double) x[i] - y[i]);
  return sum / (2.0 * frames);
}

/* Everything right: n of n, FACTS' p, the log written; the capture holds A, B and each X
 * from the same start, X the drawn one, A and B at one loudness. */
static void
test_all_correct (void)
{
  const guint64 seed = 20260301;
  const guint n = 8;
  g_auto(AbxRun) r = { 0 };
  g_autofree char *keys = NULL;
  g_autofree char *log_path = NULL;
  g_autofree char *log = NULL;
  g_autofree char *result = NULL;
  g_autofree char *p_line = NULL;
  g_autofree char *p = format_p (n, n);
  g_autofree float *capture = NULL;
  g_autoptr(GArray) runs = NULL;
  guint64 frames, len;
  guint n_a;
  double lufs[2];
  LqAbxChoice draws[8];

  abx_run_init (&r);
  keys = correct_keys (seed, n, &n_a);
  log_path = g_build_filename (r.dir, "abx.log", NULL);
  run_abx (&r, keys, r.a, r.b, "--trials", "8", "--seed", "20260301", "--log", log_path, NULL);
  g_assert_cmpint (r.status, ==, 0);

  result = g_strdup_printf ("Result: %u of %u correct\nYou reliably heard a difference (p = %s)",
                            n, n, p);
  g_assert_nonnull (strstr (r.out, result));
  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "Score: 8/8 correct"));
  p_line = g_strdup_printf ("p = %s (", p);
  g_assert_nonnull (strstr (log, p_line));
  g_assert_nonnull (strstr (log, "Seed: 20260301\n"));
  g_assert_nonnull (strstr (log, "   sha256:"));
  g_assert_true (g_str_has_prefix (p, "0.0039"));

  /* The capture: A, B, then X once per trial, each the whole file from its start. */
  capture = pt_read_raw (r.capture, 2, &frames);
  g_assert_nonnull (capture);
  runs = sound_runs (capture, frames);
  g_test_message ("%u runs of sound in %" G_GUINT64_FORMAT " frames", runs->len, frames);
  g_assert_cmpuint (runs->len, ==, 2 + n);
  len = G_MAXUINT64;
  for (guint i = 0; i < runs->len; i++)
    {
      guint64 *run = &g_array_index (runs, guint64, 2 * i);

      len = MIN (len, run[1] - run[0]);
    }
  g_assert_cmpuint (len, >, (guint64) (SECONDS * 48000 * 0.99));
  for (guint c = 0; c < 2; c++)
    lufs[c] = oracle_lufs (capture + 2 * g_array_index (runs, guint64, 2 * c), len);
  g_test_message ("captured A %.3f LUFS, B %.3f LUFS (libebur128): %.3f LU apart", lufs[0],
                  lufs[1], fabs (lufs[0] - lufs[1]));
  g_assert_cmpfloat (fabs (lufs[0] - lufs[1]), <=, 0.1);

  lq_abx_draw (seed, draws, n);
  for (guint i = 0; i < n; i++)
    {
      const float *x = capture + 2 * g_array_index (runs, guint64, 2 * (2 + i));
      const float *a = capture + 2 * g_array_index (runs, guint64, 0);
      const float *b = capture + 2 * g_array_index (runs, guint64, 2);
      double da = mean_square_difference (x, a, len);
      double db = mean_square_difference (x, b, len);
      double power = 0.0;

      for (guint64 j = 0; j < 2 * len; j++)
        power += (double) x[j] * x[j] / (2.0 * len);

      g_test_message ("X %u (%s): mean square difference to A %.3g, to B %.3g (power %.3g)",
                      i + 1, draws[i] == LQ_ABX_A ? "A" : "B", da, db, power);
      /* The same candidate from the same start point: the same samples. */
      g_assert_cmpfloat (draws[i] == LQ_ABX_A ? da : db, <, 1e-12);
      g_assert_cmpfloat (draws[i] == LQ_ABX_A ? db : da, >, 1e-3 * power);
    }
}

/* Answering "A" every time scores the number of A draws; before the result, the output is
 * the same whatever X is (only the seed's own line differs). */
static void
test_all_a (void)
{
  g_auto(AbxRun) one = { 0 };
  g_auto(AbxRun) two = { 0 };
  g_autofree char *keys = g_strnfill (16 * 2, '1');
  g_autofree char *result = NULL;
  g_autofree char *p = NULL;
  g_autofree char *ignored = NULL;
  g_autofree char *head_one = NULL;
  g_autofree char *head_two = NULL;
  const char *end_one, *end_two;
  g_auto(GStrv) lines_one = NULL;
  g_auto(GStrv) lines_two = NULL;
  guint n_a;

  for (guint i = 0; i < 16; i++)
    keys[2 * i] = 'x';
  ignored = correct_keys (77, 16, &n_a);
  abx_run_init (&one);
  run_abx (&one, keys, one.a, one.b, "--seed", "77", NULL);
  g_assert_cmpint (one.status, ==, 0);
  p = format_p (n_a, 16);
  result = g_strdup_printf ("Result: %u of 16 correct\n%s (p = %s)", n_a,
                            lq_abx_p_value (n_a, 16) < LQ_ABX_ALPHA
                            ? "You reliably heard a difference" : "No reliable difference heard",
                            p);
  g_assert_nonnull (strstr (one.out, result));

  /* Another seed, other draws, the same keys: the same words until the log. */
  abx_run_init (&two);
  run_abx (&two, keys, two.a, two.b, "--seed", "78", NULL);
  g_assert_cmpint (two.status, ==, 0);
  end_one = strstr (one.out, "Lacquer blind A/B/X test");
  end_two = strstr (two.out, "Lacquer blind A/B/X test");
  g_assert_nonnull (end_one);
  g_assert_nonnull (end_two);
  head_one = g_strndup (one.out, end_one - one.out);
  head_two = g_strndup (two.out, end_two - two.out);
  lines_one = g_strsplit (head_one, "\n", -1);
  lines_two = g_strsplit (head_two, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines_one), ==, g_strv_length (lines_two));
  for (guint i = 0; lines_one[i]; i++)
    if (strstr (lines_one[i], "seed 77") == NULL)
      {
        g_autofree char *a = g_strdelimit (g_strdup (lines_one[i]), "/", '_');
        g_autofree char *b = g_strdelimit (g_strdup (lines_two[i]), "/", '_');

        /* The temporary folders differ by name. */
        if (strstr (a, one.dir) == NULL)
          g_assert_cmpstr (lines_one[i], ==, lines_two[i]);
      }
}

/* Usage errors exit 1, unreadable input 2, an unwritable log 3 (and no partial file). */
static void
test_errors (void)
{
  g_auto(AbxRun) r = { 0 };
  g_autofree char *missing = NULL;
  g_autofree char *log_path = NULL;

  abx_run_init (&r);
  run_abx (&r, "", r.a, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_clear_pointer (&r.out, g_free);
  g_clear_pointer (&r.err, g_free);
  g_clear_pointer (&r.capture, g_free);
  run_abx (&r, "", r.a, r.b, "--trials", "65", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_clear_pointer (&r.out, g_free);
  g_clear_pointer (&r.err, g_free);
  g_clear_pointer (&r.capture, g_free);
  run_abx (&r, "", r.a, r.b, "--crossfade-ms", "1", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_clear_pointer (&r.out, g_free);
  g_clear_pointer (&r.err, g_free);
  g_clear_pointer (&r.capture, g_free);
  missing = g_build_filename (r.dir, "missing.wav", NULL);
  run_abx (&r, "", r.a, missing, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "missing.wav"));
  g_clear_pointer (&r.out, g_free);
  g_clear_pointer (&r.err, g_free);
  g_clear_pointer (&r.capture, g_free);
  log_path = g_build_filename (r.dir, "no-such-folder", "abx.log", NULL);
  run_abx (&r, "x1", r.a, r.b, "--trials", "1", "--seed", "1", "--log", log_path, NULL);
  g_assert_cmpint (r.status, ==, 3);
  g_assert_false (g_file_test (log_path, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    {
      g_printerr ("usage: %s --tap PATH/TO/lacquer\n", argv[0]);
      return 1;
    }
  lacquer = argv[1];
  g_test_add_func ("/abx-cli/all-correct", test_all_correct);
  g_test_add_func ("/abx-cli/all-a", test_all_a);
  g_test_add_func ("/abx-cli/errors", test_errors);
  return g_test_run ();
}
