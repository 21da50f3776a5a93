/* lq-bulk.h
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

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Memory for large working buffers (history, scratch, tables of a detector or a pass),
 * mapped in transparent huge pages where the system offers them. On virtual machines the
 * first touch of each 4 KiB page costs several microseconds: a detector's 3 MiB took 800 of
 * them, more than its arithmetic on a minute of audio. One 2 MiB page costs one.
 *
 * Blocks are zeroed and 64-byte aligned. Sizes under LQ_BULK_HUGE_MIN are rounded up to
 * whole 4 KiB pages only, so that a small buffer does not take 2 MiB of memory. Never call
 * either from a real-time thread. */
#define LQ_BULK_HUGE_MIN ((size_t) 1 << 20)

void *lq_bulk_alloc (size_t size);
void  lq_bulk_free  (void *block);

/* Carves buffers out of one lq_bulk_alloc block: each request takes the next 64-byte aligned
 * span. With base NULL it only counts, so that a first pass can size the block. */
typedef struct
{
  char   *base;
  size_t  used;
} LqBulkLayout;

void *lq_bulk_take (LqBulkLayout *layout,
                    size_t        size);

#ifdef __cplusplus
}
#endif
