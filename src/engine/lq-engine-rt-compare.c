/* lq-engine-rt-compare.c
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

/* The compared masters: the mix through each chain snapshot's own chain, beside the master.
 * They take the master's input (the mix `latency` frames ahead of what is heard), so each is
 * heard at the same musical position as the mix and the master, and switching between them is
 * the player's usual crossfade. A new set is primed on arrival (the latency frames ahead of
 * what is heard), so it is in time at once; replacing the chain of a compared master that is
 * being heard cuts over to it without a crossfade. Runs on the audio thread: no GLib, no
 * allocation, no locks. */

#include "config.h"

#include "lq-engine-rt-private.h"

void
_lq_engine_rt_compare_process (LqEngineRt         *self,
                               const float *const *in,
                               uint32_t            n)
{
  const LqRtCompare *compare = self->compare;

  if (compare == NULL)
    return;
  for (uint32_t i = 0; i < compare->n; i++)
    lq_chain_process (compare->chains[i], in, self->compare_out[i], n);
}

bool
_lq_engine_rt_compare_view (LqEngineRt   *self,
                            uint32_t      i,
                            const float **out)
{
  if (self->chain == NULL || self->compare == NULL || i >= self->compare->n)
    return false;
  out[0] = self->compare_out[i][0];
  out[1] = self->compare_out[i][1];
  return true;
}

void
_lq_engine_rt_compare_reset (LqEngineRt *self)
{
  const LqRtCompare *compare = self->compare;

  for (uint32_t i = 0; compare != NULL && i < compare->n; i++)
    lq_chain_reset (compare->chains[i]);
}
