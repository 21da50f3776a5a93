/* lq-fuzz.h
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

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

G_BEGIN_DECLS

/* A broken property is a crash libFuzzer records, with the condition on stderr. */
#define LQ_FUZZ_CHECK(cond)                                                   \
  G_STMT_START {                                                              \
    if (!(cond))                                                              \
      {                                                                       \
        fprintf (stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__,  \
                 #cond);                                                      \
        abort ();                                                             \
      }                                                                       \
  } G_STMT_END

/* Once per process: criticals abort (as under G_DEBUG=fatal-criticals in the tests), so
 * a member reaching a json-glib getter with the wrong type is a crash. */
static inline void
lq_fuzz_init (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR);
}

G_END_DECLS
