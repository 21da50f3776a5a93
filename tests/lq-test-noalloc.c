/* lq-test-noalloc.c
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

#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

#include "lq-test-noalloc.h"

/* AddressSanitizer owns malloc: the interposition below would hand it memory it never
 * allocated. Under ASan the test skips itself (TAP "1..0 # SKIP"); the normal build runs
 * it. */
#if defined(__SANITIZE_ADDRESS__)
# define LQ_UNDER_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define LQ_UNDER_ASAN 1
# endif
#endif

/* malloc interposition, as libebur128's fuzzer does it: these definitions in the executable
 * take precedence over libc's for every caller, and forward to glibc's internal entry points.
 * While `counting` is set, every call is counted. */
extern void *__libc_malloc (size_t size);
extern void *__libc_calloc (size_t n, size_t size);
extern void *__libc_realloc (void *ptr, size_t size);
extern void *__libc_memalign (size_t alignment, size_t size);
extern void  __libc_free (void *ptr);

static atomic_bool counting;
static atomic_int allocations;

bool
lq_test_noalloc_available (void)
{
#ifdef LQ_UNDER_ASAN
  return false;
#else
  return true;
#endif
}

void
lq_test_noalloc_begin (void)
{
  atomic_store (&allocations, 0);
  atomic_store (&counting, true);
}

int
lq_test_noalloc_end (void)
{
  atomic_store (&counting, false);
  return atomic_load (&allocations);
}

static void
count (void)
{
  if (atomic_load (&counting))
    atomic_fetch_add (&allocations, 1);
}

#ifndef LQ_UNDER_ASAN
void *
malloc (size_t size)
{
  count ();
  return __libc_malloc (size);
}

void *
calloc (size_t n,
        size_t size)
{
  count ();
  return __libc_calloc (n, size);
}

void *
realloc (void   *ptr,
         size_t  size)
{
  count ();
  return __libc_realloc (ptr, size);
}

void
free (void *ptr)
{
  count ();
  __libc_free (ptr);
}

void *
memalign (size_t alignment,
          size_t size)
{
  count ();
  return __libc_memalign (alignment, size);
}

void *
aligned_alloc (size_t alignment,
               size_t size)
{
  count ();
  return __libc_memalign (alignment, size);
}

int
posix_memalign (void   **ptr,
                size_t   alignment,
                size_t   size)
{
  count ();
  *ptr = __libc_memalign (alignment, size);
  return *ptr ? 0 : 12;
}
#endif
