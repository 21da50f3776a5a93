/* test-render-async.c
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

/* lq_render_file_async and lq_render_find_gain_async driven from a GMainLoop, as the window
 * drives them: progress arrives on the main thread, only grows and ends at 1; the result
 * equals the synchronous call's; cancelling leaves no file, temporary or final. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sndfile.h>

#include "lq-render.h"
#include "lq-test-signal.h"

#define RATE 48000
#define SECONDS 20

typedef struct
{
  GMainLoop      *loop;
  GThread        *main_thread;
  GArray         *fractions;
  GCancellable   *cancellable;
  double          cancel_at;      /* cancel once progress reaches this (> 1: never) */
  gboolean        ok;
  GError         *error;
  LqRenderReport  report;
} Run;

static char *
write_mix (const char *dir)
{
  char *path = g_build_filename (dir, "mix.wav", NULL);
  SF_INFO info = { .samplerate = RATE, .channels = 2, .format = SF_FORMAT_WAV | SF_FORMAT_PCM_24 };
  const gsize n = (gsize) RATE * SECONDS;
  g_autofree float *l = g_new (float, n);
  g_autofree float *r = g_new (float, n);
  g_autofree float *inter = g_new (float, 2 * n);
  SNDFILE *sf;

  lq_test_music (l, n, RATE, 0, 7);
  lq_test_music (r, n, RATE, 1, 7);
  for (gsize i = 0; i < n; i++)
    {
      inter[2 * i] = 0.25f * l[i];
      inter[2 * i + 1] = 0.25f * r[i];
    }
  sf = sf_open (path, SFM_WRITE, &info);
  g_assert_nonnull (sf);
  g_assert_cmpint (sf_writef_float (sf, inter, n), ==, n);
  sf_close (sf);
  return path;
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Run *run = user_data;

  g_assert_true (g_thread_self () == run->main_thread);
  g_array_append_val (run->fractions, fraction);
  if (fraction >= run->cancel_at)
    g_cancellable_cancel (run->cancellable);
}

static void
render_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Run *run = user_data;

  g_assert_true (g_thread_self () == run->main_thread);
  run->ok = lq_render_file_finish (result, &run->report, &run->error);
  g_main_loop_quit (run->loop);
}

static void
gain_done_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;

  run->ok = lq_render_find_gain_finish (result, &run->report, &run->error);
  g_main_loop_quit (run->loop);
}

static void
run_init (Run    *run,
          double  cancel_at)
{
  memset (run, 0, sizeof *run);
  run->loop = g_main_loop_new (NULL, FALSE);
  run->main_thread = g_thread_self ();
  run->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  run->cancellable = g_cancellable_new ();
  run->cancel_at = cancel_at;
}

static void
run_clear (Run *run)
{
  g_main_loop_unref (run->loop);
  g_array_unref (run->fractions);
  g_object_unref (run->cancellable);
  g_clear_error (&run->error);
}

/* Progress only grows, from the first update to the last. */
static void
assert_progress_grows (const Run *run)
{
  g_assert_cmpuint (run->fractions->len, >=, 3);
  for (guint i = 1; i < run->fractions->len; i++)
    g_assert_cmpfloat (g_array_index (run->fractions, double, i), >=,
                       g_array_index (run->fractions, double, i - 1));
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d))
    n++;
  return n;
}

static void
options_for_target (LqRenderOptions *options)
{
  lq_render_options_init (options);
  options->has_target = TRUE;
  options->target_lufs = -14.0;
  options->has_ceiling = TRUE;
  options->ceiling_dbtp = -1.0;
  options->max_limiting_db = 30.0;
}

static void
test_render_async (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lq-render-async-XXXXXX", NULL);
  g_autofree char *mix = write_mix (dir);
  g_autofree char *out = g_build_filename (dir, "master.wav", NULL);
  LqRenderOptions options;
  LqRenderReport sync_report;
  g_autofree char *sync_out = g_build_filename (dir, "sync.wav", NULL);
  Run run;

  options_for_target (&options);
  run_init (&run, 2.0);
  lq_render_file_async (mix, out, &options, run.cancellable, progress_cb, &run, render_done_cb,
                        &run);
  g_main_loop_run (run.loop);

  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  assert_progress_grows (&run);
  g_assert_cmpfloat (g_array_index (run.fractions, double, 0), <, 0.5);
  g_assert_cmpfloat (g_array_index (run.fractions, double, run.fractions->len - 1), ==, 1.0);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_entries (dir), ==, 2);

  /* The same render as the synchronous call: the same gain, the same figures. */
  g_assert_true (lq_render_file (mix, sync_out, &options, NULL, NULL, NULL, &sync_report, NULL));
  g_assert_cmpfloat (run.report.gain_db, ==, sync_report.gain_db);
  g_assert_cmpfloat (run.report.output.integrated_lufs, ==, sync_report.output.integrated_lufs);
  g_assert_cmpfloat (fabs (run.report.output.integrated_lufs + 14.0), <=, 0.1);

  g_unlink (sync_out);
  g_unlink (out);
  g_unlink (mix);
  g_rmdir (dir);
  run_clear (&run);
}

/* Cancelled at each stage in turn: while decoding, during the gain search and while
 * writing. The temporary file exists from the start, and must be gone. */
static void
test_render_async_cancel (void)
{
  static const double stages[] = { 0.05, 0.35, 0.85 };
  g_autofree char *dir = g_dir_make_tmp ("lq-render-async-XXXXXX", NULL);
  g_autofree char *mix = write_mix (dir);
  g_autofree char *out = g_build_filename (dir, "master.wav", NULL);
  LqRenderOptions options;

  options_for_target (&options);
  for (guint s = 0; s < G_N_ELEMENTS (stages); s++)
    {
      Run run;

      run_init (&run, stages[s]);
      lq_render_file_async (mix, out, &options, run.cancellable, progress_cb, &run,
                            render_done_cb, &run);
      g_main_loop_run (run.loop);

      g_assert_false (run.ok);
      g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpfloat (g_array_index (run.fractions, double, run.fractions->len - 1), <, 1.0);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (count_entries (dir), ==, 1);     /* the mix alone */
      run_clear (&run);
    }
  g_unlink (mix);
  g_rmdir (dir);
}

static void
test_find_gain_async (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lq-render-async-XXXXXX", NULL);
  g_autofree char *mix = write_mix (dir);
  LqRenderOptions options;
  LqRenderReport sync_report;
  Run run;

  options_for_target (&options);
  g_assert_true (lq_render_find_gain (mix, &options, NULL, NULL, NULL, &sync_report, NULL));

  run_init (&run, 2.0);
  lq_render_find_gain_async (mix, &options, run.cancellable, progress_cb, &run, gain_done_cb,
                             &run);
  g_main_loop_run (run.loop);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  assert_progress_grows (&run);
  g_assert_cmpfloat (g_array_index (run.fractions, double, run.fractions->len - 1), ==, 1.0);
  g_assert_cmpfloat (run.report.gain_db, ==, sync_report.gain_db);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  run_clear (&run);

  /* Cancelled before it starts. */
  run_init (&run, 2.0);
  g_cancellable_cancel (run.cancellable);
  lq_render_find_gain_async (mix, &options, run.cancellable, progress_cb, &run, gain_done_cb,
                             &run);
  g_main_loop_run (run.loop);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  run_clear (&run);

  g_unlink (mix);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/async/file", test_render_async);
  g_test_add_func ("/render/async/cancel", test_render_async_cancel);
  g_test_add_func ("/render/async/find-gain", test_find_gain_async);
  return g_test_run ();
}
