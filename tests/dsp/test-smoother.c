/* test-smoother.c
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

#include "lq-smoother.h"

/* A linear ramp over the ramp time, ending exactly on the target. */
static void
test_ramp (void)
{
  LqSmoother s;
  double prev;

  lq_smoother_init (&s, 48000.0, 10.0, 0.25);
  g_assert_true (lq_smoother_is_settled (&s));
  g_assert_cmpfloat (lq_smoother_next (&s), ==, 0.25);
  lq_smoother_set_target (&s, 1.0);
  g_assert_false (lq_smoother_is_settled (&s));
  prev = 0.25;
  for (int i = 0; i < 480; i++)
    {
      double v = lq_smoother_next (&s);

      g_assert_cmpfloat_with_epsilon (v - prev, 0.75 / 480.0, 1e-12);
      prev = v;
    }
  g_assert_true (lq_smoother_is_settled (&s));
  g_assert_cmpfloat (lq_smoother_get_current (&s), ==, 1.0);

  /* Retargeting mid-ramp continues from where it is. */
  lq_smoother_set_target (&s, 0.0);
  for (int i = 0; i < 240; i++)
    lq_smoother_next (&s);
  g_assert_cmpfloat_with_epsilon (lq_smoother_get_current (&s), 0.5, 1e-12);
  lq_smoother_set_target (&s, 1.0);
  g_assert_cmpfloat_with_epsilon (lq_smoother_next (&s), 0.5 + 0.5 / 480.0, 1e-12);
  lq_smoother_snap (&s);
  g_assert_cmpfloat (lq_smoother_get_current (&s), ==, 1.0);
}

/* Unity is bit-transparent, in place or not; a ramp applies per frame to every channel. */
static void
test_apply_gain (void)
{
  LqSmoother s;
  float a[64], b[64], c[64], d[64];
  float *io[2] = { a, b };
  float *out[2] = { c, d };

  for (int i = 0; i < 64; i++)
    a[i] = b[i] = 0.1f * (float) sin (i + 0.3);
  lq_smoother_init (&s, 48000.0, 1.0, 1.0);
  lq_smoother_apply_gain (&s, (const float *const *) io, out, 2, 64);
  g_assert_cmpmem (a, sizeof a, c, sizeof c);
  lq_smoother_apply_gain (&s, (const float *const *) io, io, 2, 64);
  g_assert_cmpmem (a, sizeof a, c, sizeof c);

  lq_smoother_set_target (&s, 0.5);
  lq_smoother_apply_gain (&s, (const float *const *) io, out, 2, 64);
  for (int i = 0; i < 48; i++)
    {
      float g = (float) (1.0 - 0.5 * (i + 1) / 48.0);

      g_assert_cmpfloat (c[i], ==, a[i] * g);
      g_assert_cmpfloat (d[i], ==, b[i] * g);
    }
  for (int i = 48; i < 64; i++)
    g_assert_cmpfloat (c[i], ==, a[i] * 0.5f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/smoother/ramp", test_ramp);
  g_test_add_func ("/smoother/apply-gain", test_apply_gain);
  return g_test_run ();
}
