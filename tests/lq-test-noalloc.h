/* lq-test-noalloc.h
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

#ifdef __cplusplus
extern "C" {
#endif

/* Counts every malloc, calloc, realloc, free and aligned allocation made by anyone between
 * begin and end, by interposing them in the test executable that links this (plain C, no
 * GLib: usable from every layer's tests). Under AddressSanitizer, which owns malloc, nothing
 * is interposed and available () is false: skip the test then. */
bool lq_test_noalloc_available (void);
void lq_test_noalloc_begin     (void);
/* The number of calls since begin. */
int  lq_test_noalloc_end       (void);

#ifdef __cplusplus
}
#endif
