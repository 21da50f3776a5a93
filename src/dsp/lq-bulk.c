/* lq-bulk.c
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

#include "lq-bulk.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__linux__) && !defined(__SANITIZE_ADDRESS__)
#define LQ_BULK_MMAP 1
#include <sys/mman.h>
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
#endif

#define ALIGN     ((size_t) 64)
#define HUGE_PAGE ((size_t) 2 << 20)
#define PAGE      ((size_t) 4096)

/* What lq_bulk_free needs, in the first ALIGN bytes of the block. */
typedef struct
{
  void   *map;
  size_t  length;
} Header;

static size_t
round_up (size_t n,
          size_t to)
{
  return (n + to - 1) / to * to;
}

void *
lq_bulk_alloc (size_t size)
{
  Header *h;

  if (size > SIZE_MAX - HUGE_PAGE * 2)
    return NULL;
#ifdef LQ_BULK_MMAP
  {
    const bool huge = size >= LQ_BULK_HUGE_MIN;
    const size_t length = round_up (size + ALIGN, huge ? HUGE_PAGE : PAGE);
    /* A huge page must start on a 2 MiB boundary: map that much more and trim. */
    const size_t slack = huge ? HUGE_PAGE : 0;
    char *map = mmap (NULL, length + slack, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *start;

    if (map == MAP_FAILED)
      return NULL;
    start = map;
    if (huge)
      {
        start = (char *) round_up ((uintptr_t) map, HUGE_PAGE);
        if (start > map)
          munmap (map, (size_t) (start - map));
        if (start + length < map + length + slack)
          munmap (start + length, (size_t) (map + length + slack - (start + length)));
#ifdef MADV_HUGEPAGE
        /* Advice only: where huge pages are off or none is free, 4 KiB pages serve. */
        madvise (start, length, MADV_HUGEPAGE);
#endif
      }
    /* Every page now, in one call, rather than a fault at each first touch: half the cost
     * per page here, and none of it later on a real-time thread. Kernels before 5.14 refuse
     * the advice; their pages come at first touch. */
    madvise (start, length, MADV_POPULATE_WRITE);
    h = (Header *) start;
    h->map = start;
    h->length = length;
  }
#else
  /* Elsewhere, and under AddressSanitizer (which then sees every overrun). */
  h = aligned_alloc (ALIGN, round_up (size + ALIGN, ALIGN));
  if (h == NULL)
    return NULL;
  memset (h, 0, round_up (size + ALIGN, ALIGN));
  h->map = h;
  h->length = 0;
#endif
  return (char *) h + ALIGN;
}

void
lq_bulk_free (void *block)
{
  Header *h;

  if (block == NULL)
    return;
  h = (Header *) ((char *) block - ALIGN);
#ifdef LQ_BULK_MMAP
  munmap (h->map, h->length);
#else
  free (h->map);
#endif
}

void *
lq_bulk_take (LqBulkLayout *layout,
              size_t        size)
{
  size_t at = round_up (layout->used, ALIGN);

  layout->used = at + round_up (size, ALIGN);
  return layout->base != NULL ? layout->base + at : NULL;
}
