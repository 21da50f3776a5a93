/* lq-monitor.c
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

#include "lq-monitor.h"

/* clang-format off */
static const float matrices[LQ_MONITOR_N_MODES][4] = {
  [LQ_MONITOR_STEREO] = { 1.0f,  0.0f,  0.0f, 1.0f },
  [LQ_MONITOR_MONO]   = { 0.5f,  0.5f,  0.5f, 0.5f },
  [LQ_MONITOR_MID]    = { 0.5f,  0.5f,  0.5f, 0.5f },
  [LQ_MONITOR_SIDE]   = { 0.5f, -0.5f, -0.5f, 0.5f },
  [LQ_MONITOR_LEFT]   = { 1.0f,  0.0f,  1.0f, 0.0f },
  [LQ_MONITOR_RIGHT]  = { 0.0f,  1.0f,  0.0f, 1.0f },
  [LQ_MONITOR_SWAP]   = { 0.0f,  1.0f,  1.0f, 0.0f },
};

static const char *const names[LQ_MONITOR_N_MODES] = {
  [LQ_MONITOR_STEREO] = "stereo",
  [LQ_MONITOR_MONO]   = "mono",
  [LQ_MONITOR_MID]    = "mid",
  [LQ_MONITOR_SIDE]   = "side",
  [LQ_MONITOR_LEFT]   = "left",
  [LQ_MONITOR_RIGHT]  = "right",
  [LQ_MONITOR_SWAP]   = "swap",
};
/* clang-format on */

static inline bool
mode_valid (LqMonitorMode mode)
{
  return (int) mode >= 0 && mode < LQ_MONITOR_N_MODES;
}

void
lq_monitor_mode_matrix (LqMonitorMode mode,
                        float         m[4])
{
  memcpy (m, matrices[mode_valid (mode) ? mode : LQ_MONITOR_STEREO], 4 * sizeof (float));
}

const char *
lq_monitor_mode_to_name (LqMonitorMode mode)
{
  return mode_valid (mode) ? names[mode] : NULL;
}

int
lq_monitor_mode_from_name (const char *name)
{
  if (name == NULL)
    return -1;
  for (int i = 0; i < LQ_MONITOR_N_MODES; i++)
    if (strcmp (name, names[i]) == 0)
      return i;
  return -1;
}

void
lq_monitor_init (LqMonitor    *self,
                 double        rate,
                 double        ramp_ms,
                 LqMonitorMode mode)
{
  if (!mode_valid (mode))
    mode = LQ_MONITOR_STEREO;
  self->mode = mode;
  lq_monitor_mode_matrix (mode, self->to);
  memcpy (self->from, self->to, sizeof self->from);
  lq_smoother_init (&self->fade, rate, ramp_ms, 1.0);
}

void
lq_monitor_set_ramp_frames (LqMonitor *self,
                            uint32_t   frames)
{
  lq_smoother_set_ramp_frames (&self->fade, frames);
}

void
lq_monitor_set_mode (LqMonitor    *self,
                     LqMonitorMode mode)
{
  float t = (float) lq_smoother_get_current (&self->fade);

  if (!mode_valid (mode) || mode == self->mode)
    return;

  /* The matrix heard at this instant is where the new fade starts. */
  for (int i = 0; i < 4; i++)
    self->from[i] += t * (self->to[i] - self->from[i]);
  self->mode = mode;
  lq_monitor_mode_matrix (mode, self->to);
  /* The fade restarts from 0 (its target is always 1 here). */
  lq_smoother_set_target (&self->fade, 0.0);
  lq_smoother_snap (&self->fade);
  lq_smoother_set_target (&self->fade, 1.0);
}

void
lq_monitor_snap (LqMonitor *self)
{
  lq_smoother_snap (&self->fade);
  memcpy (self->from, self->to, sizeof self->from);
}

LqMonitorMode
lq_monitor_get_mode (const LqMonitor *self)
{
  return self->mode;
}

void
lq_monitor_process (LqMonitor          *self,
                    const float *const *in,
                    float *const       *out,
                    uint32_t            n_frames)
{
  const float *in_l = in[0];
  const float *in_r = in[1];
  float *out_l = out[0];
  float *out_r = out[1];
  uint32_t k = 0;

  /* The fade, per frame: the matrix moves linearly from `from` to `to`. */
  for (; k < n_frames && !lq_smoother_is_settled (&self->fade); k++)
    {
      float t = (float) lq_smoother_next (&self->fade);
      float m[4];
      float l = in_l[k], r = in_r[k];

      for (int i = 0; i < 4; i++)
        m[i] = self->from[i] + t * (self->to[i] - self->from[i]);
      out_l[k] = m[0] * l + m[1] * r;
      out_r[k] = m[2] * l + m[3] * r;
    }
  if (k == n_frames)
    return;

  if (self->mode == LQ_MONITOR_STEREO)
    {
      if (out_l != in_l)
        memcpy (out_l + k, in_l + k, (n_frames - k) * sizeof (float));
      if (out_r != in_r)
        memcpy (out_r + k, in_r + k, (n_frames - k) * sizeof (float));
      return;
    }

  {
    const float *m = self->to;

    for (; k < n_frames; k++)
      {
        float l = in_l[k], r = in_r[k];

        out_l[k] = m[0] * l + m[1] * r;
        out_r[k] = m[2] * l + m[3] * r;
      }
  }
}
