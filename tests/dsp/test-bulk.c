/* test-bulk.c
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
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#include <sys/utsname.h>
#include <unistd.h>
#endif

#include "lq-bulk.h"

/* Every size gives a zeroed, 64-byte aligned block that can be written to its end. */
static void
test_sizes (void)
{
  const size_t sizes[] = { 0, 1, 63, 4095, 4096, 100000, LQ_BULK_HUGE_MIN - 1, LQ_BULK_HUGE_MIN,
                           (3u << 20) + 5 };

  lq_bulk_free (NULL);
  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      unsigned char *p = lq_bulk_alloc (sizes[k]);

      g_assert_nonnull (p);
      g_assert_cmpuint ((uintptr_t) p % 64, ==, 0);
      for (size_t i = 0; i < sizes[k]; i++)
        g_assert_cmpuint (p[i], ==, 0);
      memset (p, 0xa5, sizes[k]);
      lq_bulk_free (p);
    }
  g_assert_null (lq_bulk_alloc (SIZE_MAX - 16));
}

/* The layout counts what it will hand out, then hands out disjoint aligned spans inside. */
static void
test_layout (void)
{
  const size_t sizes[] = { 10, 4096, 1, 64, 100 };
  LqBulkLayout count = { NULL, 0 }, l;
  char *block, *prev_end = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    g_assert_null (lq_bulk_take (&count, sizes[k]));
  g_assert_cmpuint (count.used, ==, 64 + 4096 + 64 + 64 + 128);
  block = lq_bulk_alloc (count.used);
  l = (LqBulkLayout) { block, 0 };
  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      char *p = lq_bulk_take (&l, sizes[k]);

      g_assert_cmpuint ((uintptr_t) p % 64, ==, 0);
      g_assert_true (prev_end == NULL || p >= prev_end);
      prev_end = p + sizes[k];
      g_assert_true (prev_end <= block + count.used);
    }
  g_assert_cmpuint (l.used, ==, count.used);
  lq_bulk_free (block);
}

/* On Linux 5.14 and later a block is resident when it is handed out, so that its first
 * touch (on a real-time thread, say) faults no page in. */
static void
test_resident (void)
{
#if defined(__linux__) && !defined(__SANITIZE_ADDRESS__)
  const size_t size = (3u << 20) + 100;
  const long page = sysconf (_SC_PAGESIZE);
  struct utsname u;
  int major = 0, minor = 0;
  char *p;
  uintptr_t first, last;
  g_autofree unsigned char *vec = NULL;
  size_t n, resident = 0;

  g_assert_cmpint (uname (&u), ==, 0);
  if (sscanf (u.release, "%d.%d", &major, &minor) != 2 || major * 100 + minor < 514)
    {
      g_test_skip ("MADV_POPULATE_WRITE needs Linux 5.14");
      return;
    }
  p = lq_bulk_alloc (size);
  g_assert_nonnull (p);
  first = (uintptr_t) p / page * page;
  last = ((uintptr_t) p + size + page - 1) / page * page;
  n = (last - first) / page;
  vec = g_malloc (n);
  g_assert_cmpint (mincore ((void *) first, last - first, vec), ==, 0);
  for (size_t i = 0; i < n; i++)
    resident += vec[i] & 1;
  g_test_message ("%zu of %zu pages resident before any touch", resident, n);
  g_assert_cmpuint (resident, ==, n);
  lq_bulk_free (p);
#else
  g_test_skip ("blocks come from the C library here");
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bulk/sizes", test_sizes);
  g_test_add_func ("/bulk/layout", test_layout);
  g_test_add_func ("/bulk/resident", test_resident);
  return g_test_run ();
}
