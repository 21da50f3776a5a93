/* fail-dlopen.c
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

/* Preloaded by test-reliability.py: dlopen of any file whose name holds LQ_TEST_FAIL_DLOPEN
 * fails as for a library that is not installed, and dlerror says so; every other dlopen is
 * the C library's. */


#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

static __thread int failed;

void *
dlopen (const char *file,
        int         mode)
{
  static void *(*real) (const char *, int);
  const char *pattern = getenv ("LQ_TEST_FAIL_DLOPEN");

  if (file != NULL && pattern != NULL && *pattern != '\0' && strstr (file, pattern) != NULL)
    {
      failed = 1;
      return NULL;
    }
  if (real == NULL)
    real = (void *(*) (const char *, int)) dlsym (RTLD_NEXT, "dlopen");
  return real (file, mode);
}

char *
dlerror (void)
{
  static char *(*real) (void);

  if (failed)
    {
      failed = 0;
      return (char *) "cannot open shared object file: No such file or directory";
    }
  if (real == NULL)
    real = (char *(*) (void)) dlsym (RTLD_NEXT, "dlerror");
  return real ();
}
