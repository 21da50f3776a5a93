/* lq-render-spill.h
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

#include <glib.h>

G_BEGIN_DECLS

/* A float array as long as the render's file. Up to LQ_RENDER_SPILL_HEAP_MAX bytes it is
 * plain memory; beyond, it lives in an unlinked temporary file, also mapped shared: the
 * render's passes copy blocks in and out (_read (), _write (), or a cursor), so the
 * process's resident size stays that of their blocks, whatever the file's length; the
 * mapping is for whoever needs the whole array at once (the master's hand-over). The
 * file's space is reserved up front, so a full disk is an error here rather than a fault
 * on first write. Errors are G_FILE_ERROR: NOMEM when the address space or memory ran
 * out, anything else about the temporary folder. */
typedef struct
{
  float *data;
  gsize  length;     /* floats */
  int    fd;         /* -1 when on the heap or not allocated */
} LqRenderSpill;

#define LQ_RENDER_SPILL_INIT { NULL, 0, -1 }
/* 8 MiB: a render shorter than about 40 s at 48 kHz never touches the disk. */
#define LQ_RENDER_SPILL_HEAP_MAX (8u << 20)

gboolean _lq_render_spill_alloc (LqRenderSpill        *self,
                                 gsize                 length,
                                 GError              **error);
/* Longer, keeping the contents; data may move. */
gboolean _lq_render_spill_grow  (LqRenderSpill        *self,
                                 gsize                 length,
                                 GError              **error);
/* Writes n floats at `at` (within length) through the file rather than the mapping: a
 * pass that fills an array in order creates its pages without faulting each one in.
 * Threads may write disjoint stretches at once. */
gboolean _lq_render_spill_write (const LqRenderSpill  *self,
                                 gsize                 at,
                                 const float          *data,
                                 gsize                 n,
                                 GError              **error);
/* Frames [at, at + n) for reading: on the heap, a pointer into the array; in a file, read
 * into scratch (n floats) and scratch returned, NULL with error when the read fails. The
 * passes read their blocks this way rather than through the mapping: a copy from the page
 * cache costs a fraction of mapping the pages in. */
const float *_lq_render_spill_read (const LqRenderSpill  *self,
                                    gsize                 at,
                                    gsize                 n,
                                    float                *scratch,
                                    GError              **error);

/* A pass's sequential reads or writes of one spill, in transfers of up to
 * LQ_RENDER_SPILL_WINDOW floats instead of one block's: a system call per 16 KiB block cost
 * a render as much again as the copying (49,000 reads and 32,000 writes for 5 minutes).
 * Reading, it holds the window after the block asked for, so it must not be used where the
 * pass changes the spill ahead of itself (the true-peak check's dips); writing, it holds the
 * blocks until the window is full, the writes stop being contiguous, or _flush (). One
 * thread's; unbuffered (window 0), it is _read () and _write (). */
#define LQ_RENDER_SPILL_WINDOW ((gsize) 65536)

typedef struct
{
  const LqRenderSpill *spill;
  gboolean             buffered;
  float               *buf;       /* LQ_RENDER_SPILL_WINDOW floats, once needed */
  gsize                start;     /* the spill's index of buf[0] */
  gsize                len;       /* floats read into buf, or written to it and pending */
} LqRenderSpillCursor;

void         _lq_render_spill_cursor_init  (LqRenderSpillCursor  *self,
                                            const LqRenderSpill  *spill,
                                            gboolean              buffered);
/* As _lq_render_spill_read (); the pointer holds until the next call. */
const float *_lq_render_spill_cursor_read  (LqRenderSpillCursor  *self,
                                            gsize                 at,
                                            gsize                 n,
                                            float                *scratch,
                                            GError              **error);
gboolean     _lq_render_spill_cursor_write (LqRenderSpillCursor  *self,
                                            gsize                 at,
                                            const float          *data,
                                            gsize                 n,
                                            GError              **error);
gboolean     _lq_render_spill_cursor_flush (LqRenderSpillCursor  *self,
                                            GError              **error);
/* Room for frames [at, at + n) in the window, which the caller fills before its next call
 * on the cursor, instead of writing them from a buffer of its own: one copy less. *room is
 * NULL where the cursor has no window for them (unbuffered, or n beyond the window): write
 * them instead. FALSE with error when writing out the window first failed. */
gboolean     _lq_render_spill_cursor_reserve (LqRenderSpillCursor  *self,
                                              gsize                 at,
                                              gsize                 n,
                                              float               **room,
                                              GError              **error);
/* Frees the window; pending writes are dropped (flush first). */
void         _lq_render_spill_cursor_clear (LqRenderSpillCursor  *self);
void     _lq_render_spill_clear (LqRenderSpill        *self);

G_END_DECLS
