/* lq-ring.h
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

#pragma once

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The one single-producer / single-consumer lock-free ring (spa_ringbuffer, pa_ringbuffer).
 *
 * Storage is supplied by the owner and its size in bytes is a power of two. The indices are
 * free-running uint32_t byte counts: the producer owns write_index, the consumer owns
 * read_index; each side acquire-loads the other's index and release-stores its own, so the
 * bytes written before a release-store are visible to the other side after its acquire-load.
 * Exactly one thread may produce and one thread may consume at a time.
 *
 * Every function is real-time safe: no allocation, no lock, no system call. A write that
 * does not fit is refused whole and counted in an atomic overrun counter (never logged). */

typedef struct
{
  _Atomic uint32_t write_index;
  _Atomic uint32_t read_index;
  _Atomic uint64_t overruns;
  uint8_t         *data;
  uint32_t         size;   /* bytes, a power of two */
  uint32_t         mask;
} LqRing;

/* size must be a power of two (>= 2); data holds size bytes and outlives the ring. Returns
 * false (and leaves the ring unusable) otherwise. Not to be called while either side runs. */
bool     lq_ring_init            (LqRing       *self,
                                  void         *data,
                                  uint32_t      size);

/* Empties the ring. Only while neither side runs. */
void     lq_ring_clear           (LqRing       *self);

/* Producer side. */
uint32_t lq_ring_get_write_space (LqRing       *self);

/* Writes all n_bytes or nothing; a refused write counts one overrun. */
bool     lq_ring_write           (LqRing       *self,
                                  const void   *src,
                                  uint32_t      n_bytes);

/* Writes as many whole elements of elem_size bytes as fit, of n_elems; the elements that did
 * not fit count as overruns. Returns the number written. */
uint32_t lq_ring_write_partial   (LqRing       *self,
                                  const void   *src,
                                  uint32_t      elem_size,
                                  uint32_t      n_elems);

/* Consumer side. */
uint32_t lq_ring_get_read_avail  (LqRing       *self);

/* Reads all n_bytes or nothing. */
bool     lq_ring_read            (LqRing       *self,
                                  void         *dst,
                                  uint32_t      n_bytes);

/* Copies n_bytes without consuming them (false when fewer are there). */
bool     lq_ring_peek            (LqRing       *self,
                                  void         *dst,
                                  uint32_t      n_bytes);

/* Drops n_bytes (at most what is there); returns the count dropped. */
uint32_t lq_ring_skip            (LqRing       *self,
                                  uint32_t      n_bytes);

/* Either side. */
uint64_t lq_ring_get_overruns    (LqRing       *self);

/* Smallest power of two >= n (n <= 2^31), for sizing storage. */
uint32_t lq_ring_round_size      (uint32_t      n);

#ifdef __cplusplus
}
#endif
