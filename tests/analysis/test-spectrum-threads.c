/* test-spectrum-threads.c
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

/* Spectra made, run and freed from many threads at once, as the loaders and the live view do.
 * FFTW's planner is one process-wide object and is not thread-safe: without a lock two
 * threads planning or destroying at once share its hash table and its reference-counted
 * twiddle tables, and a plan comes out wrong, or the process crashes on a double free. So
 * WORKERS threads each make ITERATIONS spectra of sizes 64 to 8192 (new sizes keep the
 * planner busy; equal sizes in different threads share twiddles), some of them through the
 * whole-file analysis with its second thread, and every result is checked against theory: a
 * full-scale sine centred on bin k reads 0 dB in bin k and nothing more than one bin away.
 * Under ThreadSanitizer (scripts/tsan.sh) the same run checks the lock's ordering too. */

#include "config.h"

#include <glib.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "lq-file-analysis.h"
#include "lq-spectrum.h"

#define WORKERS 8
#define ITERATIONS 200
#define EMPTY_DB (-100.0)
#define LEVEL_TOLERANCE_DB 0.01

typedef enum
{
  PATH_ACCUMULATE,
  PATH_FRAME,
  PATH_FILE_ANALYSIS,
  N_PATHS
} Path;

typedef struct
{
  guint              id;
  pthread_barrier_t *start;
  guint              checked;
  guint              failures;
  char               first_failure[200];
} Worker;

static void
fail (Worker     *w,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

/* g_assert from a worker would abort the whole run without saying which case went wrong;
 * keep the first failure for the main thread to report. */
static void
fail (Worker     *w,
      const char *format,
      ...)
{
  va_list args;

  if (w->failures++ > 0)
    return;
  va_start (args, format);
  vsnprintf (w->first_failure, sizeof w->first_failure, format, args);
  va_end (args);
}

/* Bin k reads 0 dB; every bin further than one from k is empty. */
static void
check_sine (Worker      *w,
            const char  *what,
            const float *db,
            guint        n_bins,
            guint        k,
            guint        size)
{
  w->checked++;
  if (!(fabs (db[k]) <= LEVEL_TOLERANCE_DB))
    {
      fail (w, "thread %u, %s, size %u: bin %u reads %.4f dB, expected 0", w->id, what, size,
            k, db[k]);
      return;
    }
  for (guint j = 0; j < n_bins; j++)
    if ((j + 1 < k || j > k + 1) && !(db[j] <= EMPTY_DB))
      {
        fail (w, "thread %u, %s, size %u, sine in bin %u: bin %u reads %.2f dB, should be "
              "empty", w->id, what, size, k, j, db[j]);
        return;
      }
}

static void
fill_sine (float  *x,
           gsize   n,
           guint   stride,
           guint   k,
           guint   size,
           double  phase)
{
  for (gsize i = 0; i < n; i++)
    x[i * stride] = (float) cos (2.0 * M_PI * k * (double) (i % size) / size + phase);
}

static void
run_spectrum (Worker *w,
              Path    path,
              guint   size,
              guint   k)
{
  const gsize n = 2 * (gsize) size;
  float *x = g_new (float, n);
  float *db = g_new (float, size / 2 + 1);
  LqStatus status;
  LqSpectrum *spectrum = lq_spectrum_new (48000.0, size, &status);

  if (spectrum == NULL)
    {
      fail (w, "thread %u: lq_spectrum_new (%u) failed with %d", w->id, size, status);
      goto out;
    }
  fill_sine (x, n, 1, k, size, 0.1 * w->id);
  if (path == PATH_FRAME)
    {
      lq_spectrum_frame (spectrum, x, NULL, db);
      check_sine (w, "frame", db, size / 2 + 1, k, size);
    }
  else
    {
      lq_spectrum_accumulate (spectrum, x, NULL, (uint32_t) n);
      if (lq_spectrum_get_average_db (spectrum, db) != 2)
        fail (w, "thread %u, size %u: not two transforms", w->id, size);
      check_sine (w, "accumulate", db, size / 2 + 1, k, size);
    }
  lq_spectrum_free (spectrum);
out:
  g_free (db);
  g_free (x);
}

/* The whole-file pass plans its own spectrum (4096 at 48 kHz) and feeds it, the peaks and
 * the pyramid from its second thread; the same sine on both channels reads 0 dB. */
static void
run_file_analysis (Worker *w,
                   guint   k)
{
  LqFileAnalysisConfig config = { .sample_rate = 48000.0, .channels = 2, .spectrum = TRUE,
                                  .peaks = TRUE, .history = TRUE, .threads = TRUE };
  LqLoudnessSummary summary;
  LqStatus status;
  LqFileAnalysis *pass = lq_file_analysis_new (&config, &status);
  LqSpectrum *spectrum;
  float *x, *db;
  guint size;
  gsize n;

  if (pass == NULL)
    {
      fail (w, "thread %u: lq_file_analysis_new failed with %d", w->id, status);
      return;
    }
  spectrum = NULL;
  x = db = NULL;
  /* The size the pass chose, from a spectrum planned here for the same rate. */
  {
    LqSpectrum *probe = lq_spectrum_new (48000.0, 0, NULL);

    size = probe ? lq_spectrum_get_fft_size (probe) : 0;
    lq_spectrum_free (probe);
  }
  if (size == 0)
    {
      fail (w, "thread %u: probe spectrum failed", w->id);
      goto out;
    }
  k %= size / 2 - 2;
  n = 2 * (gsize) size;
  x = g_new (float, 2 * n);
  fill_sine (x, n, 2, k + 1, size, 0.0);
  fill_sine (x + 1, n, 2, k + 1, size, 0.0);
  if (lq_file_analysis_process (pass, x, (uint32_t) n) != LQ_OK
      || lq_file_analysis_finish (pass, &summary) != LQ_OK)
    {
      fail (w, "thread %u: file analysis failed", w->id);
      goto out;
    }
  /* cos starts at exactly 1: the second thread's sample peak is 0 dBFS. */
  if (!(fabs (summary.sample_peak_dbfs) < 1e-6))
    fail (w, "thread %u: file analysis sample peak %.4f dBFS, expected 0", w->id,
          summary.sample_peak_dbfs);
  spectrum = lq_file_analysis_steal_spectrum (pass);
  if (spectrum == NULL || lq_spectrum_get_fft_size (spectrum) != size)
    {
      fail (w, "thread %u: file analysis has no spectrum of size %u", w->id, size);
      goto out;
    }
  db = g_new (float, size / 2 + 1);
  if (lq_spectrum_get_average_db (spectrum, db) != 2)
    fail (w, "thread %u: file analysis averaged other than two transforms", w->id);
  check_sine (w, "file analysis", db, size / 2 + 1, k + 1, size);
out:
  lq_spectrum_free (spectrum);
  lq_file_analysis_free (pass);
  g_free (db);
  g_free (x);
}

static void *
worker_main (void *data)
{
  Worker *w = data;

  pthread_barrier_wait (w->start);
  for (guint i = 0; i < ITERATIONS && w->failures == 0; i++)
    {
      /* Sizes 64 .. 8192 and paths rotate, differently in each thread. */
      guint size = 64u << ((w->id + i) % 8);
      guint k = 1 + (w->id * 37 + i * 13) % (size / 2 - 2);
      Path path = (Path) ((w->id + i) % N_PATHS);

      /* The whole-file pass is the heavy one; one iteration in four per thread. */
      if (path == PATH_FILE_ANALYSIS && i % 4 != 0)
        path = PATH_ACCUMULATE;
      if (path == PATH_FILE_ANALYSIS)
        run_file_analysis (w, k);
      else
        run_spectrum (w, path, size, k);
    }
  return NULL;
}

static void
test_threads (void)
{
  pthread_t threads[WORKERS];
  Worker workers[WORKERS] = { 0 };
  pthread_barrier_t start;
  guint checked = 0;

  g_assert_cmpint (pthread_barrier_init (&start, NULL, WORKERS), ==, 0);
  for (guint t = 0; t < WORKERS; t++)
    {
      workers[t].id = t;
      workers[t].start = &start;
      g_assert_cmpint (pthread_create (&threads[t], NULL, worker_main, &workers[t]), ==, 0);
    }
  for (guint t = 0; t < WORKERS; t++)
    {
      g_assert_cmpint (pthread_join (threads[t], NULL), ==, 0);
      checked += workers[t].checked;
      if (workers[t].failures > 0)
        g_test_fail_printf ("%u failures; first: %s", workers[t].failures,
                            workers[t].first_failure);
    }
  pthread_barrier_destroy (&start);
  g_test_message ("RESULT %u spectra from %u threads checked", checked, WORKERS);
  /* Every iteration ran and was checked (a worker stops at its first failure). */
  if (!g_test_failed ())
    g_assert_cmpuint (checked, ==, WORKERS * ITERATIONS);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/spectrum/threads", test_threads);
  return g_test_run ();
}
