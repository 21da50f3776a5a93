/* lq-biquad-x2.h
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

#include "lq-biquad.h"
#include "lq-simd.h"

/* The same section of two channels, one in each lane, for the kernels that run a stereo
 * section frame by frame (lq-biquad.c's pairs, the compressor's side chain). The difference
 * equation is spelled here once: LQ_FIRST_PRODUCT fixes which product the FMA build leaves
 * unfused, so that every user rounds alike, and the feedback path is one multiply-add. */

typedef double lq_v2d __attribute__ ((vector_size (16)));

typedef struct
{
  lq_v2d b0, b1, b2, a1, a2;
  lq_v2d x1, x2, y1, y2;
} LqBiquadX2;

LQ_SIMD_INLINE void
lq_biquad_x2_load (LqBiquadX2     *s,
                   const LqBiquad *l,
                   const LqBiquad *r)
{
  s->b0 = (lq_v2d) { l->c.b0, r->c.b0 };
  s->b1 = (lq_v2d) { l->c.b1, r->c.b1 };
  s->b2 = (lq_v2d) { l->c.b2, r->c.b2 };
  s->a1 = (lq_v2d) { l->c.a1, r->c.a1 };
  s->a2 = (lq_v2d) { l->c.a2, r->c.a2 };
  s->x1 = (lq_v2d) { l->x1, r->x1 };
  s->x2 = (lq_v2d) { l->x2, r->x2 };
  s->y1 = (lq_v2d) { l->y1, r->y1 };
  s->y2 = (lq_v2d) { l->y2, r->y2 };
}

/* The state back into the sections, flushed as lq_biquad_process flushes it. */
void lq_biquad_x2_save (const LqBiquadX2 *s,
                        LqBiquad         *l,
                        LqBiquad         *r);

/* The output for input x, and the state advanced by one frame. */
LQ_SIMD_INLINE lq_v2d
lq_biquad_x2_next (LqBiquadX2 *s,
                   lq_v2d      x)
{
  lq_v2d y = (s->b0 * x + LQ_FIRST_PRODUCT (s->b1 * s->x1) + s->b2 * s->x2 - s->a2 * s->y2)
             - s->a1 * s->y1;

  s->x2 = s->x1;
  s->x1 = x;
  s->y2 = s->y1;
  s->y1 = y;
  return y;
}
