/* lq-dsp-types.h
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

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes in the libebur128 manner: plain values, no allocation to report an error. */
typedef enum
{
  LQ_OK = 0,
  LQ_ERROR_NOMEM,
  LQ_ERROR_INVALID_ARGUMENT,
  LQ_ERROR_INVALID_RATE,
  LQ_ERROR_INVALID_CHANNELS,
  LQ_ERROR_TOO_MANY_FRAMES,
} LqStatus;

/* 7.1 is the widest layout analysis measures; playback and mastering take two. */
#define LQ_MAX_CHANNELS 8

/* Largest block any processor is asked to handle in one call; callers split longer runs. */
#define LQ_MAX_BLOCK 4096

/* Sample rates outside this range are refused everywhere: 1 GHz "audio" is a corrupt header. */
#define LQ_MIN_RATE 8000.0
#define LQ_MAX_RATE 384000.0

const char *lq_status_to_string (LqStatus status);

#ifdef __cplusplus
}
#endif
