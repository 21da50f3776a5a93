/* lq-monitor.h
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

#include "lq-smoother.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Monitoring modes: how the stereo programme reaches the two loudspeakers, for translation
 * checks. Each mode is a 2x2 matrix on (L, R). Mid and Side split the image so that
 * Mid + Side = Stereo: Mid puts (L+R)/2 on both sides (the same signal Mono plays), Side puts
 * what is left, L - Mid and R - Mid, i.e. (L-R)/2 and its negation. Mono is the fold-down a
 * mono device plays, (L+R)/2 on both sides.
 *
 * A mode change crossfades the matrices with the one smoother (lq-smoother), so the output
 * moves between two coherent renderings of the same programme with amplitudes summing to one:
 * no click. A plain struct, embedded in its owner; everything here is real-time safe. */

typedef enum
{
  LQ_MONITOR_STEREO,
  LQ_MONITOR_MONO,
  LQ_MONITOR_MID,
  LQ_MONITOR_SIDE,
  LQ_MONITOR_LEFT,
  LQ_MONITOR_RIGHT,
  LQ_MONITOR_SWAP,
  LQ_MONITOR_N_MODES
} LqMonitorMode;

typedef struct
{
  LqMonitorMode mode;
  float         from[4];      /* the matrix the running fade starts at */
  float         to[4];        /* the mode's matrix */
  LqSmoother    fade;         /* 0 (from) .. 1 (to) */
} LqMonitor;

/* out_l = m[0] l + m[1] r, out_r = m[2] l + m[3] r. An out-of-range mode gives Stereo. */
void          lq_monitor_mode_matrix   (LqMonitorMode       mode,
                                        float               m[4]);
/* "stereo", "mono", "mid", "side", "left", "right", "swap"; NULL for an invalid mode. */
const char   *lq_monitor_mode_to_name  (LqMonitorMode       mode);
/* The mode called name (as above), or -1. */
int           lq_monitor_mode_from_name (const char        *name);

/* ramp_ms: how long a mode change crossfades. */
void          lq_monitor_init          (LqMonitor          *self,
                                        double              rate,
                                        double              ramp_ms,
                                        LqMonitorMode       mode);
/* How long the next mode changes crossfade, in frames. */
void          lq_monitor_set_ramp_frames (LqMonitor        *self,
                                        uint32_t            frames);
/* Crossfades from what is heard now (mid-fade included) to mode. */
void          lq_monitor_set_mode      (LqMonitor          *self,
                                        LqMonitorMode       mode);
/* Ends a running fade: for a monitor that is not heard. */
void          lq_monitor_snap          (LqMonitor          *self);
LqMonitorMode lq_monitor_get_mode      (const LqMonitor    *self);
/* Planar stereo, in == out allowed. Settled Stereo costs a copy at most. */
void          lq_monitor_process       (LqMonitor          *self,
                                        const float *const *in,
                                        float *const       *out,
                                        uint32_t            n_frames);

#ifdef __cplusplus
}
#endif
