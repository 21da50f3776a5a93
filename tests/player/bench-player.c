/* bench-player.c
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

/* Callback CPU: the thread CPU time of lq_engine_rt_callback (what the PortAudio callback
 * runs) per device buffer, with the full chain (input gain, 4 EQ bands, compressor, true-peak
 * limiter) running, every meter (BS.1770 momentary/short-term/integrated, true and sample
 * peak, correlation, post-chain audio into the spectrum ring), and a switch every half
 * second, as a fraction of the buffer's duration at 48 kHz stereo. DESIGN's target: under
 * 5 % of one core. Then compare mode: four chain snapshots rendered live beside the master
 * (five full chains), switching among them, against the plain run as its peer; the target
 * is under 10 %. A benchmark, not a test: it prints figures and never fails on speed. */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <time.h>

#include "lq-player-private.h"
#include "lq-test-signal.h"
#include "lq-truepeak.h"
#include "player-test-util.h"

static double
thread_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int
compare (const void *a,
         const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Returns the mean callback time as a fraction of the buffer. */
static double
run (guint buffer,
     guint n_compare)
{
  const guint64 n = 120 * 48000;
  const double seconds = 60.0;
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, 48000, pt_music (2, n, 48000, 71, -8), n);
  g_autoptr(LqSourceBuffer) ref = pt_buffer ("ref", 2, 48000, pt_music (2, n, 48000, 72, -12), n);
  g_autoptr(LqPlayer) player = lq_player_new ();
  g_autofree float *out = g_new (float, 2 * buffer);
  guint n_buffers = (guint) (seconds * 48000 / buffer);
  g_autofree double *times = g_new (double, n_buffers);
  LqMeterFeed *feed = lq_player_get_meter_feed (player);
  LqChainParams params, snapshots[LQ_MAX_COMPARE];
  double total = 0.0, budget = buffer / 48000.0, feed_time = 0.0;
  guint64 switch_every = 24000, next_switch = switch_every;
  int slot = LQ_SLOT_MASTER;
  guint switches = 0;

  pt_busy_chain (&params);
  params.eq.n_bands = 4;
  params.eq.bands[2] = (LqEqBand) { LQ_EQ_BAND_LOW_SHELF, 120.0, 2.0, 0.7071, 12, false };
  params.eq.bands[3] = (LqEqBand) { LQ_EQ_BAND_HIGH_PASS, 25.0, 0.0, 0.7071, 24, false };
  lq_player_set_chain_params (player, &params);
  g_assert_true (lq_player_set_sources (player, mix, &ref, 1, NULL));
  /* Snapshots a producer would compare: the same chain with its settings moved. */
  for (guint i = 0; i < n_compare; i++)
    {
      snapshots[i] = params;
      snapshots[i].comp.threshold_db -= 2.0 * i;
      snapshots[i].eq.bands[0].gain_db += 0.5 * i;
    }
  g_assert_true (lq_player_set_compare_chains (player, snapshots, n_compare, NULL));
  while (lq_player_get_measuring (player) || lq_player_get_compare_measuring (player))
    g_main_context_iteration (NULL, TRUE);
  lq_meter_feed_set_spectrum_enabled (feed, TRUE);
  lq_player_select (player, LQ_SLOT_MASTER);
  lq_player_play (player);

  /* Warm up (caches, the first fade in). */
  for (guint i = 0; i < 200; i++)
    lq_engine_rt_callback (player->rt, out, buffer, false);

  for (guint i = 0; i < n_buffers; i++)
    {
      guint64 frame = lq_player_get_stream_frame (player);
      double t0, t1;

      if (frame >= next_switch)
        {
          /* Master and reference; in compare mode the master and each snapshot in turn. */
          switches++;
          if (n_compare == 0)
            slot = slot == LQ_SLOT_MASTER ? LQ_SLOT_REFERENCE : LQ_SLOT_MASTER;
          else
            slot = switches % (n_compare + 1) == 0
                   ? LQ_SLOT_MASTER : LQ_SLOT_COMPARE + (int) (switches % (n_compare + 1)) - 1;
          lq_player_select (player, slot);
          next_switch += switch_every;
        }
      t0 = thread_seconds ();
      lq_engine_rt_callback (player->rt, out, buffer, false);
      t1 = thread_seconds ();
      times[i] = t1 - t0;
      total += times[i];

      /* The GUI side drains at ~60 Hz: not in the callback, timed apart. */
      if (i % (guint) MAX (1, 800 / buffer) == 0)
        {
          t0 = thread_seconds ();
          lq_meter_feed_update (feed);
          feed_time += thread_seconds () - t0;
          lq_player_update (player);
        }
    }

  qsort (times, n_buffers, sizeof (double), compare);
  printf ("%s buffer %4u frames (%.2f ms): callback mean %6.2f us = %5.2f %% of the buffer, "
          "median %5.2f %%, p99 %5.2f %%, max %5.2f %%  |  meter feed + spectrum (GUI thread) "
          "%.2f %% of real time\n", n_compare > 0 ? "compare, 4 snapshots:" : "master + reference: ",
          buffer, budget * 1e3, total / n_buffers * 1e6, 100.0 * total / n_buffers / budget,
          100.0 * times[n_buffers / 2] / budget, 100.0 * times[n_buffers * 99 / 100] / budget,
          100.0 * times[n_buffers - 1] / budget, 100.0 * feed_time / seconds);
  return total / n_buffers / budget;
}

/* The live true-peak meter's worst case in the callback: full-scale white noise through the
 * envelope path with floor 0, so that every local maximum is refined (the work bound
 * LQ_TRUEPEAK_LIVE_MAX_EVALS_PER_FRAME is approached), per buffer of the callback's size, and
 * the exact meter kind on the same noise for comparison. */
static void
detector_worst_case (guint buffer)
{
  const guint n_buffers = 2000;
  const size_t n = (size_t) buffer * n_buffers;
  g_autofree float *x = g_new (float, n);
  g_autofree float *y = g_new (float, n);
  g_autofree float *env = g_new (float, buffer);
  const double budget = buffer / 48000.0;
  uint64_t seed = 5;

  lq_test_white_noise (x, n, 1.0, &seed);
  lq_test_white_noise (y, n, 1.0, &seed);
  /* Rising by 20 dB over the run, so the exact meter keeps finding peaks that may beat its
   * running maximum and runs its last stage on them. */
  for (size_t i = 0; i < n; i++)
    {
      float g = (float) pow (10.0, (double) i / n - 1.0);

      x[i] *= g;
      y[i] *= g;
    }
  for (int kind = LQ_TRUEPEAK_METER; kind <= LQ_TRUEPEAK_LIVE; kind += LQ_TRUEPEAK_LIVE)
    {
      LqTruePeak *tp = lq_truepeak_new_kind (2, 48000.0, buffer, (LqTruePeakKind) kind, NULL);
      double worst = 0.0, total = 0.0;

      for (guint i = 0; i < n_buffers; i++)
        {
          const float *in[2] = { x + (size_t) i * buffer, y + (size_t) i * buffer };
          double t0 = thread_seconds (), t;

          if (kind == LQ_TRUEPEAK_LIVE)
            lq_truepeak_process_envelope (tp, in, env, buffer);
          else
            lq_truepeak_process (tp, in, buffer);
          t = thread_seconds () - t0;
          total += t;
          worst = MAX (worst, t);
        }
      printf ("true peak %s, white noise rising to full scale, buffer %4u: mean %5.2f %%, max %5.2f %% "
              "of the buffer (%.2f evaluations per frame and channel)\n",
              kind == LQ_TRUEPEAK_LIVE ? "live, every peak refined" : "exact meter kind     ",
              buffer, 100.0 * total / n_buffers / budget, 100.0 * worst / budget,
              (double) lq_truepeak_get_evaluations (tp) / n / 2);
      lq_truepeak_free (tp);
    }
}

int
main (int    argc,
      char **argv)
{
  guint buffers[] = { 64, 256, 512, 1024 };

  printf ("Player callback CPU at 48 kHz stereo, full chain + meters, switching every 0.5 s "
          "(one core; DESIGN target < 5 %%; compare mode with four snapshots < 10 %%)\n");
  for (guint i = 0; i < G_N_ELEMENTS (buffers); i++)
    {
      double plain = run (buffers[i], 0);
      double four = run (buffers[i], 4);

      printf ("  compare mode (4 snapshot chains + the master's + meters) costs %.2fx the plain "
              "callback: %.2f %% of one core%s\n", four / plain, 100.0 * four,
              four < 0.10 ? "" : " (over the 10 % target)");
    }
  detector_worst_case (256);
  return 0;
}
