/* lq-dsp-types.c
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

#include "lq-dsp-types.h"

const char *
lq_status_to_string (LqStatus status)
{
  switch (status)
    {
    case LQ_OK:                     return "success";
    case LQ_ERROR_NOMEM:            return "out of memory";
    case LQ_ERROR_INVALID_ARGUMENT: return "invalid argument";
    case LQ_ERROR_INVALID_RATE:     return "unsupported sample rate";
    case LQ_ERROR_INVALID_CHANNELS: return "unsupported channel count";
    case LQ_ERROR_TOO_MANY_FRAMES:  return "block larger than configured";
    default:                        return "unknown error";
    }
}
