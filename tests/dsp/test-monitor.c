/* test-monitor.c
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

#include "config.h"

#include <glib.h>
#include <math.h>

#include "lq-monitor.h"

#define RATE 48000.0
#define N    4096

/* What each mode must play, written from the definitions (not from the matrix table). */
static void
expected (LqMonitorMode mode,
          float         l,
          float         r,
          float        *ol,
          float        *or_)
{
  switch (mode)
    {
    case LQ_MONITOR_STEREO: *ol = l;               *or_ = r;               break;
    case LQ_MONITOR_MONO:   *ol = (l + r) / 2.0f;  *or_ = (l + r) / 2.0f;  break;
    case LQ_MONITOR_MID:    *ol = (l + r) / 2.0f;  *or_ = (l + r) / 2.0f;  break;
    /* What is left of each side once the mid is taken out. */
    case LQ_MONITOR_SIDE:   *ol = l - (l + r) / 2; *or_ = r - (l + r) / 2; break;
    case LQ_MONITOR_LEFT:   *ol = l;               *or_ = l;               break;
    case LQ_MONITOR_RIGHT:  *ol = r;               *or_ = r;               break;
    case LQ_MONITOR_SWAP:   *ol = r;               *or_ = l;               break;
    case LQ_MONITOR_N_MODES:
    default:
      g_assert_not_reached ();
    }
}

static void
fill_noise (float *l,
            float *r,
            guint  n)
{
  GRand *rand = g_rand_new_with_seed (1234);

  for (guint k = 0; k < n; k++)
    {
      l[k] = (float) g_rand_double_range (rand, -1.0, 1.0);
      r[k] = (float) g_rand_double_range (rand, -1.0, 1.0);
    }
  g_rand_free (rand);
}

/* Each mode, settled, plays its definition; Mid + Side gives Stereo back. */
static void
test_modes (void)
{
  static float l[N], r[N], ol[N], or_[N], mid[2][N];

  fill_noise (l, r, N);
  for (int mode = 0; mode < LQ_MONITOR_N_MODES; mode++)
    {
      LqMonitor mon;
      const float *in[2] = { l, r };
      float *out[2] = { ol, or_ };

      lq_monitor_init (&mon, RATE, 10.0, (LqMonitorMode) mode);
      g_assert_cmpint (lq_monitor_get_mode (&mon), ==, mode);
      lq_monitor_process (&mon, in, out, N);
      for (guint k = 0; k < N; k++)
        {
          float el, er;

          expected ((LqMonitorMode) mode, l[k], r[k], &el, &er);
          g_assert_cmpfloat_with_epsilon (ol[k], el, 1e-6);
          g_assert_cmpfloat_with_epsilon (or_[k], er, 1e-6);
        }
      if (mode == LQ_MONITOR_MID)
        {
          memcpy (mid[0], ol, sizeof ol);
          memcpy (mid[1], or_, sizeof or_);
        }
      if (mode == LQ_MONITOR_SIDE)
        for (guint k = 0; k < N; k++)
          {
            g_assert_cmpfloat_with_epsilon (mid[0][k] + ol[k], l[k], 1e-6);
            g_assert_cmpfloat_with_epsilon (mid[1][k] + or_[k], r[k], 1e-6);
          }
    }
}

/* Mono of an anti-phase pair is exactly silent; Side of a mono signal too; Swap and Stereo
 * are bit-exact, in place. */
static void
test_exact (void)
{
  static float l[N], r[N], a[N], b[N];
  LqMonitor mon;
  float *io[2] = { a, b };

  fill_noise (l, r, N);
  for (guint k = 0; k < N; k++)
    {
      a[k] = l[k];
      b[k] = -l[k];
    }
  lq_monitor_init (&mon, RATE, 10.0, LQ_MONITOR_MONO);
  lq_monitor_process (&mon, (const float *const *) io, io, N);
  for (guint k = 0; k < N; k++)
    g_assert_true (a[k] == 0.0f && b[k] == 0.0f);

  for (guint k = 0; k < N; k++)
    a[k] = b[k] = l[k];
  lq_monitor_init (&mon, RATE, 10.0, LQ_MONITOR_SIDE);
  lq_monitor_process (&mon, (const float *const *) io, io, N);
  for (guint k = 0; k < N; k++)
    g_assert_true (a[k] == 0.0f && b[k] == 0.0f);

  memcpy (a, l, sizeof a);
  memcpy (b, r, sizeof b);
  lq_monitor_init (&mon, RATE, 10.0, LQ_MONITOR_SWAP);
  lq_monitor_process (&mon, (const float *const *) io, io, N);
  for (guint k = 0; k < N; k++)
    g_assert_true (a[k] == r[k] && b[k] == l[k]);
}

/* A change fades linearly over the ramp time from one matrix to the other, and a change
 * mid-fade starts from what is heard at that instant: no step. */
static void
test_fade (void)
{
  const guint ramp = 480;   /* 10 ms at 48 kHz */
  static float l[N], r[N], ol[N], or_[N];
  const float *in[2] = { l, r };
  float *out[2] = { ol, or_ };
  LqMonitor mon;
  float prev_l = 1.0f, prev_r = -1.0f;

  /* An anti-phase DC pair: Stereo plays (1, -1), Mono plays (0, 0). */
  for (guint k = 0; k < N; k++)
    {
      l[k] = 1.0f;
      r[k] = -1.0f;
    }
  lq_monitor_init (&mon, RATE, 10.0, LQ_MONITOR_STEREO);
  lq_monitor_set_mode (&mon, LQ_MONITOR_MONO);
  lq_monitor_process (&mon, in, out, ramp / 2);
  for (guint k = 0; k < ramp / 2; k++)
    {
      g_assert_cmpfloat_with_epsilon (ol[k], 1.0f - (k + 1) / (float) ramp, 1e-5);
      g_assert_cmpfloat_with_epsilon (or_[k], -ol[k], 1e-5);
      g_assert_cmpfloat (fabsf (ol[k] - prev_l), <=, 1.0f / ramp + 1e-5f);
      prev_l = ol[k];
      prev_r = or_[k];
    }

  /* Halfway, to Swap (-1, 1): the fade goes on from (0.5, -0.5). */
  lq_monitor_set_mode (&mon, LQ_MONITOR_SWAP);
  lq_monitor_process (&mon, in, out, N);
  for (guint k = 0; k < N; k++)
    {
      g_assert_cmpfloat (fabsf (ol[k] - prev_l), <=, 1.5f / ramp + 1e-5f);
      g_assert_cmpfloat (fabsf (or_[k] - prev_r), <=, 1.5f / ramp + 1e-5f);
      prev_l = ol[k];
      prev_r = or_[k];
    }
  g_assert_cmpfloat (ol[ramp - 1], ==, -1.0f);
  g_assert_cmpfloat (or_[ramp - 1], ==, 1.0f);
  g_assert_cmpfloat (ol[N - 1], ==, -1.0f);

  /* The same mode again changes nothing; snap ends a fade at once. */
  lq_monitor_set_mode (&mon, LQ_MONITOR_SWAP);
  lq_monitor_process (&mon, in, out, 1);
  g_assert_cmpfloat (ol[0], ==, -1.0f);
  lq_monitor_set_mode (&mon, LQ_MONITOR_LEFT);
  lq_monitor_snap (&mon);
  lq_monitor_process (&mon, in, out, 1);
  g_assert_cmpfloat (ol[0], ==, 1.0f);
  g_assert_cmpfloat (or_[0], ==, 1.0f);
}

static void
test_names (void)
{
  for (int mode = 0; mode < LQ_MONITOR_N_MODES; mode++)
    g_assert_cmpint (lq_monitor_mode_from_name (lq_monitor_mode_to_name (mode)), ==, mode);
  g_assert_cmpstr (lq_monitor_mode_to_name (LQ_MONITOR_SIDE), ==, "side");
  g_assert_null (lq_monitor_mode_to_name (LQ_MONITOR_N_MODES));
  g_assert_cmpint (lq_monitor_mode_from_name ("Mono"), ==, -1);
  g_assert_cmpint (lq_monitor_mode_from_name (NULL), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dsp/monitor/modes", test_modes);
  g_test_add_func ("/dsp/monitor/exact", test_exact);
  g_test_add_func ("/dsp/monitor/fade", test_fade);
  g_test_add_func ("/dsp/monitor/names", test_names);
  return g_test_run ();
}
