/* lq-db.h
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

#include <math.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The one dB <-> gain conversion. Levels at or below LQ_DB_FLOOR mean "silence". */
#define LQ_DB_FLOOR (-200.0)

/* fmaxf () has to honour NaN and is a libm call unless -ffinite-math-only; this compiles
 * to one max instruction and vectorises. Inputs are finite by construction. */
static inline float
lq_maxf (float a,
         float b)
{
  return a > b ? a : b;
}

static inline double
lq_db_to_gain (double db)
{
  return pow (10.0, db / 20.0);
}

static inline double
lq_gain_to_db (double gain)
{
  return gain > 1e-10 ? 20.0 * log10 (gain) : LQ_DB_FLOOR;
}

/* BS.1770-4 eq. 2: loudness of a mean-square (already channel-weighted) power. */
static inline double
lq_power_to_lufs (double power)
{
  return power > 0.0 ? -0.691 + 10.0 * log10 (power) : -HUGE_VAL;
}

static inline double
lq_lufs_to_power (double lufs)
{
  return pow (10.0, (lufs + 0.691) / 10.0);
}

#ifdef __cplusplus
}
#endif
