/* test-spill.c
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
#include <string.h>

#include "lq-render-spill.h"

/* Long enough to live in a working file, not on the heap. */
#define LENGTH (LQ_RENDER_SPILL_HEAP_MAX / sizeof (float) + 3 * LQ_RENDER_SPILL_WINDOW + 123)

static float
value (gsize i,
       int   pass)
{
  return (float) ((i * 2654435761u + (gsize) pass * 97u) % 100003u);
}

/* The next block's length at `at`: 1 to max - 1 frames, within LENGTH. */
static gsize
next_length (GRand *rand,
             gint32 max,
             gsize  at)
{
  gsize n = (gsize) g_rand_int_range (rand, 1, max);

  return MIN (n, LENGTH - at);
}

/* p holds frames [at, at + n) as the given pass wrote them. */
static void
expect_written (const float *p,
                gsize        at,
                gsize        n,
                int          pass,
                const char  *how)
{
  g_assert_nonnull (p);
  for (gsize k = 0; k < n; k++)
    if (p[k] != value (at + k, pass))
      g_error ("%s at %" G_GSIZE_FORMAT ": %g, not %g", how, at + k, p[k], value (at + k, pass));
}

/* Frames [at, at + n) of the given pass into the spill through w: filled in the room the
 * cursor reserves when reserve is set and it has room, else written from block. */
static void
put (LqRenderSpillCursor *w,
     float               *block,
     gsize                at,
     gsize                n,
     int                  pass,
     gboolean             reserve)
{
  g_autoptr(GError) error = NULL;
  float *room = NULL;

  if (reserve)
    g_assert_true (_lq_render_spill_cursor_reserve (w, at, n, &room, &error));
  for (gsize i = 0; i < n; i++)
    (room ? room : block)[i] = value (at + i, pass);
  if (room == NULL)
    g_assert_true (_lq_render_spill_cursor_write (w, at, block, n, &error));
  g_assert_no_error (error);
}

/* Buffered writes in blocks of changing length, some filled in the room the cursor reserves,
 * with a gap and jumps back, flushed, then read back in blocks, buffered and not, and a pass
 * in place (reading ahead of its writes, as the pre-chain does): every float is where it was
 * written. */
static void
test_cursor (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree float *block = g_new (float, LQ_RENDER_SPILL_WINDOW + 1000);
  g_autofree float *scratch = g_new (float, LQ_RENDER_SPILL_WINDOW + 1000);
  LqRenderSpill spill = LQ_RENDER_SPILL_INIT;
  LqRenderSpillCursor w, rd, in;
  const float *p;
  gsize at;

  g_assert_true (_lq_render_spill_alloc (&spill, LENGTH, &error));
  g_assert_no_error (error);
  g_assert_cmpint (spill.fd, >=, 0);

  _lq_render_spill_cursor_init (&w, &spill, TRUE);
  for (at = 0; at < LENGTH;)
    {
      gsize n = next_length (rand, 9000, at);

      /* One block longer than the window goes straight through. */
      if (at > LENGTH / 2 && at < LENGTH / 2 + 10000)
        n = MIN (LQ_RENDER_SPILL_WINDOW + 1000, LENGTH - at);
      put (&w, block, at, n, 0, g_rand_boolean (rand));
      at += n;
    }
  /* Jumps back, then on again: not contiguous, so the window is written out first. */
  put (&w, block, 5000, 100, 0, FALSE);
  put (&w, block, 3000, 100, 0, TRUE);
  put (&w, block, 3100, 100, 0, TRUE);
  g_assert_true (_lq_render_spill_cursor_flush (&w, &error));
  _lq_render_spill_cursor_clear (&w);

  for (gsize i = 0; i < LENGTH; i += 4096)
    {
      gsize n = MIN ((gsize) 4096, LENGTH - i);

      p = _lq_render_spill_read (&spill, i, n, scratch, &error);
      expect_written (p, i, n, 0, "unbuffered read");
    }

  /* In place: read a block, write the one before it, as a chain with latency does. */
  _lq_render_spill_cursor_init (&in, &spill, TRUE);
  _lq_render_spill_cursor_init (&w, &spill, TRUE);
  for (at = 0; at < LENGTH;)
    {
      gsize n = next_length (rand, 5000, at);

      p = _lq_render_spill_cursor_read (&in, at, n, scratch, &error);
      expect_written (p, at, n, 0, "in-place read");
      put (&w, block, at, n, 1, g_rand_boolean (rand));
      at += n;
    }
  g_assert_true (_lq_render_spill_cursor_flush (&w, &error));
  _lq_render_spill_cursor_clear (&w);
  _lq_render_spill_cursor_clear (&in);

  /* Buffered reads, forward in blocks and then from a few places anywhere. */
  _lq_render_spill_cursor_init (&rd, &spill, TRUE);
  for (at = 0; at < LENGTH;)
    {
      gsize n = next_length (rand, 9000, at);

      p = _lq_render_spill_cursor_read (&rd, at, n, scratch, &error);
      expect_written (p, at, n, 1, "buffered read");
      at += n;
    }
  for (int t = 0; t < 50; t++)
    {
      gsize n = (gsize) g_rand_int_range (rand, 1, 4096);
      gsize i = (gsize) g_rand_int_range (rand, 0, (gint32) (LENGTH - n));

      p = _lq_render_spill_cursor_read (&rd, i, n, scratch, &error);
      expect_written (p, i, n, 1, "read anywhere");
    }
  _lq_render_spill_cursor_clear (&rd);
  g_assert_no_error (error);
  _lq_render_spill_clear (&spill);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/spill-cursor", test_cursor);
  return g_test_run ();
}
