/* lq-chain-presets.h
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

#include <gio/gio.h>

#include "lq-chain.h"

G_BEGIN_DECLS

/* The built-in chain presets: chain JSON (the CLI's format) in the GResource, with a name
 * and an honest description of what each does. */

typedef struct
{
  const char *id;            /* "gentle-glue" */
  const char *name;          /* translatable */
  const char *description;   /* translatable */
} LqChainPreset;

const LqChainPreset *lq_chain_presets_lookup  (const char     *id);
gboolean             lq_chain_presets_load    (const char     *id,
                                               LqChainParams  *params,
                                               GError        **error);

G_END_DECLS
