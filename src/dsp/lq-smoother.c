/* lq-smoother.c
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

#include <math.h>
#include <string.h>

#include "lq-smoother.h"

void
lq_smoother_init (LqSmoother *self,
                  double      rate,
                  double      ramp_ms,
                  double      value)
{
  double frames = round (ramp_ms * 1e-3 * rate);

  self->ramp_frames = frames < 1.0 ? 1 : frames > 1e7 ? 10000000u : (uint32_t) frames;
  self->current = value;
  self->target = value;
  self->step = 0.0;
  self->remaining = 0;
}

void
lq_smoother_set_ramp_frames (LqSmoother *self,
                             uint32_t    frames)
{
  self->ramp_frames = frames < 1 ? 1 : frames;
}

void
lq_smoother_set_target (LqSmoother *self,
                        double      target)
{
  if (!isfinite (target) || target == self->target)
    return;
  self->target = target;
  self->remaining = self->ramp_frames;
  self->step = (target - self->current) / self->ramp_frames;
}

void
lq_smoother_snap (LqSmoother *self)
{
  self->current = self->target;
  self->remaining = 0;
  self->step = 0.0;
}

void
lq_smoother_apply_gain (LqSmoother         *self,
                        const float *const *in,
                        float *const       *out,
                        uint32_t            channels,
                        uint32_t            n_frames)
{
  uint32_t i = 0;

  /* The ramp, per frame. */
  for (; i < n_frames && self->remaining > 0; i++)
    {
      float g = (float) lq_smoother_next (self);

      for (uint32_t c = 0; c < channels; c++)
        out[c][i] = in[c][i] * g;
    }

  if (i == n_frames)
    return;

  /* The settled rest. */
  if (self->current == 1.0)
    {
      for (uint32_t c = 0; c < channels; c++)
        if (out[c] != in[c])
          memcpy (out[c] + i, in[c] + i, (n_frames - i) * sizeof (float));
    }
  else
    {
      float g = (float) self->current;

      for (uint32_t c = 0; c < channels; c++)
        {
          const float *restrict src = in[c];
          float *dst = out[c];

          for (uint32_t j = i; j < n_frames; j++)
            dst[j] = src[j] * g;
        }
    }
}
