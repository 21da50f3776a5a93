/* fail-pread.c
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

/* Preloaded by test-reliability.py: every pread fails with EIO, as a read of a damaged disk
 * would. Only the render's working files are read with pread (libsndfile reads with read), so
 * this is a working file that cannot be read back. */

#include <errno.h>
#include <sys/types.h>

ssize_t pread64 (int fd, void *buf, size_t n, off_t offset);

ssize_t
pread64 (int    fd,
         void  *buf,
         size_t n,
         off_t  offset)
{
  (void) fd;
  (void) buf;
  (void) n;
  (void) offset;
  errno = EIO;
  return -1;
}

ssize_t pread (int fd, void *buf, size_t n, off_t offset) __attribute__ ((alias ("pread64")));
