/* lq-ring.c
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

#include <string.h>

#include "lq-ring.h"

bool
lq_ring_init (LqRing   *self,
              void     *data,
              uint32_t  size)
{
  atomic_init (&self->write_index, 0);
  atomic_init (&self->read_index, 0);
  atomic_init (&self->overruns, 0);
  self->data = NULL;
  self->size = 0;
  self->mask = 0;

  if (data == NULL || size < 2 || (size & (size - 1)) != 0)
    return false;

  self->data = data;
  self->size = size;
  self->mask = size - 1;
  return true;
}

void
lq_ring_clear (LqRing *self)
{
  atomic_store_explicit (&self->write_index, 0, memory_order_relaxed);
  atomic_store_explicit (&self->read_index, 0, memory_order_relaxed);
  atomic_store_explicit (&self->overruns, 0, memory_order_relaxed);
  atomic_thread_fence (memory_order_seq_cst);
}

uint32_t
lq_ring_round_size (uint32_t n)
{
  uint32_t size = 2;

  while (size < n && size < (1u << 31))
    size <<= 1;
  return size;
}

/* Copies into the storage at index (free-running), wrapping at the end. */
static inline void
copy_in (LqRing     *self,
         uint32_t    index,
         const void *src,
         uint32_t    n_bytes)
{
  uint32_t offset = index & self->mask;
  uint32_t first = self->size - offset;

  if (first >= n_bytes)
    {
      memcpy (self->data + offset, src, n_bytes);
    }
  else
    {
      memcpy (self->data + offset, src, first);
      memcpy (self->data, (const uint8_t *) src + first, n_bytes - first);
    }
}

static inline void
copy_out (LqRing   *self,
          uint32_t  index,
          void     *dst,
          uint32_t  n_bytes)
{
  uint32_t offset = index & self->mask;
  uint32_t first = self->size - offset;

  if (first >= n_bytes)
    {
      memcpy (dst, self->data + offset, n_bytes);
    }
  else
    {
      memcpy (dst, self->data + offset, first);
      memcpy ((uint8_t *) dst + first, self->data, n_bytes - first);
    }
}

uint32_t
lq_ring_get_write_space (LqRing *self)
{
  uint32_t w = atomic_load_explicit (&self->write_index, memory_order_relaxed);
  uint32_t r = atomic_load_explicit (&self->read_index, memory_order_acquire);

  return self->size - (w - r);
}

uint32_t
lq_ring_get_read_avail (LqRing *self)
{
  uint32_t r = atomic_load_explicit (&self->read_index, memory_order_relaxed);
  uint32_t w = atomic_load_explicit (&self->write_index, memory_order_acquire);

  return w - r;
}

bool
lq_ring_write (LqRing     *self,
               const void *src,
               uint32_t    n_bytes)
{
  uint32_t w = atomic_load_explicit (&self->write_index, memory_order_relaxed);
  uint32_t r = atomic_load_explicit (&self->read_index, memory_order_acquire);

  if (n_bytes > self->size - (w - r))
    {
      atomic_fetch_add_explicit (&self->overruns, 1, memory_order_relaxed);
      return false;
    }
  copy_in (self, w, src, n_bytes);
  atomic_store_explicit (&self->write_index, w + n_bytes, memory_order_release);
  return true;
}

uint32_t
lq_ring_write_partial (LqRing     *self,
                       const void *src,
                       uint32_t    elem_size,
                       uint32_t    n_elems)
{
  uint32_t w = atomic_load_explicit (&self->write_index, memory_order_relaxed);
  uint32_t r = atomic_load_explicit (&self->read_index, memory_order_acquire);
  uint32_t fit = elem_size ? (self->size - (w - r)) / elem_size : 0;
  uint32_t n = n_elems < fit ? n_elems : fit;

  if (n < n_elems)
    atomic_fetch_add_explicit (&self->overruns, n_elems - n, memory_order_relaxed);
  if (n == 0)
    return 0;
  copy_in (self, w, src, n * elem_size);
  atomic_store_explicit (&self->write_index, w + n * elem_size, memory_order_release);
  return n;
}

bool
lq_ring_peek (LqRing   *self,
              void     *dst,
              uint32_t  n_bytes)
{
  uint32_t r = atomic_load_explicit (&self->read_index, memory_order_relaxed);
  uint32_t w = atomic_load_explicit (&self->write_index, memory_order_acquire);

  if (n_bytes > w - r)
    return false;
  copy_out (self, r, dst, n_bytes);
  return true;
}

bool
lq_ring_read (LqRing   *self,
              void     *dst,
              uint32_t  n_bytes)
{
  uint32_t r = atomic_load_explicit (&self->read_index, memory_order_relaxed);
  uint32_t w = atomic_load_explicit (&self->write_index, memory_order_acquire);

  if (n_bytes > w - r)
    return false;
  copy_out (self, r, dst, n_bytes);
  atomic_store_explicit (&self->read_index, r + n_bytes, memory_order_release);
  return true;
}

uint32_t
lq_ring_skip (LqRing   *self,
              uint32_t  n_bytes)
{
  uint32_t r = atomic_load_explicit (&self->read_index, memory_order_relaxed);
  uint32_t w = atomic_load_explicit (&self->write_index, memory_order_acquire);
  uint32_t n = n_bytes < w - r ? n_bytes : w - r;

  atomic_store_explicit (&self->read_index, r + n, memory_order_release);
  return n;
}

uint64_t
lq_ring_get_overruns (LqRing *self)
{
  return atomic_load_explicit (&self->overruns, memory_order_relaxed);
}
