/* lq-limiter-private.h
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

#include "lq-limiter.h"

#ifdef __cplusplus
extern "C" {
#endif

/* For the tests: the quiet-block shortcut of the gain computer off (every block through the
 * full computer), and how many blocks took it, so a test can show the two give the same. */
void     _lq_limiter_set_quiet_path   (LqLimiter *self,
                                       bool       enabled);
uint64_t _lq_limiter_get_quiet_blocks (const LqLimiter *self);

#ifdef __cplusplus
}
#endif
