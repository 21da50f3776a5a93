/* test-ring.c
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

#include "lq-ring.h"

static void
test_basic (void)
{
  guint8 storage[64];
  guint8 out[64];
  LqRing ring;

  g_assert_false (lq_ring_init (&ring, storage, 48));
  g_assert_true (lq_ring_init (&ring, storage, 64));
  g_assert_cmpuint (lq_ring_get_write_space (&ring), ==, 64);
  g_assert_cmpuint (lq_ring_get_read_avail (&ring), ==, 0);
  g_assert_false (lq_ring_read (&ring, out, 1));

  /* Wrap around the end many times with odd sizes. */
  for (guint round = 0; round < 100; round++)
    {
      guint8 in[23];

      for (guint i = 0; i < sizeof in; i++)
        in[i] = (guint8) (round * 31 + i);
      g_assert_true (lq_ring_write (&ring, in, sizeof in));
      g_assert_true (lq_ring_write (&ring, in, sizeof in));
      g_assert_cmpuint (lq_ring_get_read_avail (&ring), ==, 46);
      g_assert_false (lq_ring_write (&ring, in, sizeof in));   /* 18 bytes left: refused */
      g_assert_true (lq_ring_peek (&ring, out, sizeof in));
      g_assert_cmpmem (out, sizeof in, in, sizeof in);
      g_assert_true (lq_ring_read (&ring, out, sizeof in));
      g_assert_cmpmem (out, sizeof in, in, sizeof in);
      g_assert_cmpuint (lq_ring_skip (&ring, 100), ==, 23);
    }
  g_assert_cmpuint (lq_ring_get_overruns (&ring), ==, 100);
  g_assert_cmpuint (lq_ring_round_size (1000), ==, 1024);
  g_assert_cmpuint (lq_ring_round_size (1024), ==, 1024);
}

static void
test_partial (void)
{
  float storage[16];
  float in[10], out[10];
  LqRing ring;

  for (guint i = 0; i < 10; i++)
    in[i] = (float) i;
  g_assert_true (lq_ring_init (&ring, storage, sizeof storage));
  g_assert_cmpuint (lq_ring_write_partial (&ring, in, 2 * sizeof (float), 5), ==, 5);
  g_assert_cmpuint (lq_ring_write_partial (&ring, in, 2 * sizeof (float), 5), ==, 3);
  g_assert_cmpuint (lq_ring_get_overruns (&ring), ==, 2);
  g_assert_true (lq_ring_read (&ring, out, sizeof out));
  g_assert_cmpmem (out, sizeof out, in, sizeof in);
}

/* One producer and one consumer thread, with sizes that never divide the ring: every
 * record arrives whole, in order, exactly once. */
#define N_RECORDS 2000000

typedef struct
{
  LqRing ring;
  guint8 storage[4096];
} Shared;

static gpointer
producer (gpointer data)
{
  Shared *s = data;
  guint32 rec[3];

  for (guint32 i = 0; i < N_RECORDS;)
    {
      guint n = 1 + i % 3;

      for (guint k = 0; k < n; k++)
        rec[k] = i * 7 + k;
      if (lq_ring_write (&s->ring, rec, n * sizeof (guint32)))
        i++;
      else
        g_thread_yield ();
    }
  return NULL;
}

static void
test_threads (void)
{
  Shared *s = g_new0 (Shared, 1);
  GThread *thread;
  guint32 rec[3];
  guint64 refused;

  g_assert_true (lq_ring_init (&s->ring, s->storage, sizeof s->storage));
  thread = g_thread_new ("producer", producer, s);
  for (guint32 i = 0; i < N_RECORDS;)
    {
      guint n = 1 + i % 3;

      if (!lq_ring_read (&s->ring, rec, n * sizeof (guint32)))
        {
          g_thread_yield ();
          continue;
        }
      for (guint k = 0; k < n; k++)
        if (rec[k] != i * 7 + k)
          g_error ("record %u word %u: %u", i, k, rec[k]);
      i++;
    }
  g_thread_join (thread);
  refused = lq_ring_get_overruns (&s->ring);
  g_test_message ("%u records passed, %" G_GUINT64_FORMAT " writes refused while full",
                  N_RECORDS, refused);
  g_assert_cmpuint (lq_ring_get_read_avail (&s->ring), ==, 0);
  g_free (s);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/player/ring/basic", test_basic);
  g_test_add_func ("/player/ring/partial", test_partial);
  g_test_add_func ("/player/ring/threads", test_threads);

  return g_test_run ();
}
