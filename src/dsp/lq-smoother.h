/* lq-smoother.h
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

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The one parameter smoother: a linear ramp of fixed duration from wherever the value is to
 * the latest target (x42's per-sample _dg ramp). A ramp ends exactly on its target, so a gain
 * that returns to 1.0 is exactly 1.0 again and a stage at unity stays bit-transparent.
 *
 * A plain struct, embedded in its owner: init is not real-time safe only in the sense that it
 * is meant for creation time; everything else is real-time safe. */
typedef struct
{
  double   current;
  double   target;
  double   step;
  uint32_t remaining;
  uint32_t ramp_frames;
} LqSmoother;

void     lq_smoother_init       (LqSmoother         *self,
                                 double              rate,
                                 double              ramp_ms,
                                 double              value);

/* Starts a ramp from the current value to target over the ramp time (restarting it if one is
 * running). Setting the current target again does nothing. */
void     lq_smoother_set_target (LqSmoother         *self,
                                 double              target);

/* The duration of the ramps that start from now on (at least one frame); a running ramp keeps
 * its own. */
void     lq_smoother_set_ramp_frames (LqSmoother    *self,
                                      uint32_t       frames);

/* Jumps to the target: for a stage that has not processed audio yet, or after a reset. */
void     lq_smoother_snap       (LqSmoother         *self);

/* Multiplies every channel by the ramped value, in == out allowed. A settled value of exactly
 * 1.0 copies (or leaves in place) without touching the samples. */
void     lq_smoother_apply_gain (LqSmoother         *self,
                                 const float *const *in,
                                 float *const       *out,
                                 uint32_t            channels,
                                 uint32_t            n_frames);

static inline bool
lq_smoother_is_settled (const LqSmoother *self)
{
  return self->remaining == 0;
}

static inline double
lq_smoother_get_target (const LqSmoother *self)
{
  return self->target;
}

static inline double
lq_smoother_get_current (const LqSmoother *self)
{
  return self->current;
}

/* The next value of the ramp (one per frame). */
static inline double
lq_smoother_next (LqSmoother *self)
{
  if (self->remaining == 0)
    return self->current;
  if (--self->remaining == 0)
    self->current = self->target;
  else
    self->current += self->step;
  return self->current;
}

#ifdef __cplusplus
}
#endif
