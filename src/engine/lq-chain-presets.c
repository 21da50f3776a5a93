/* lq-chain-presets.c
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

#include <glib/gi18n.h>

#include "lq-chain-json.h"
#include "lq-chain-presets.h"

/* clang-format off */
static const LqChainPreset presets[] = {
  { "gentle-glue", N_("Gentle Glue"),
    N_("1.5:1 compression from −22 dB with a soft 12 dB knee, 30 ms attack and 250 ms release: "
       "a dB or two of gain reduction on a typical mix that holds it together without pumping. "
       "EQ off; limiter at −1 dBTP catches the peaks.") },
  { "loud-modern", N_("Loud Modern"),
    N_("High-pass at 30 Hz, +1 dB low shelf, −1 dB at 300 Hz, +1.5 dB air; 3:1 compression "
       "from −18 dB with fast 5 ms attack and 2 dB makeup; fast limiter release. Trades "
       "dynamics (loudness range, PLR) for density: use it when the genre asks for it.") },
  { "dynamic-acoustic", N_("Dynamic Acoustic"),
    N_("Gentle 12 dB/oct high-pass at 25 Hz, flat EQ otherwise, 1.25:1 compression with an "
       "18 dB knee and slow timing that barely acts, and a slow limiter for stray peaks only. "
       "Keeps the dynamics of acoustic, jazz and classical recordings.") },
};
/* clang-format on */

const LqChainPreset *
lq_chain_presets_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_str_equal (presets[i].id, id))
      return &presets[i];
  return NULL;
}

gboolean
lq_chain_presets_load (const char     *id,
                       LqChainParams  *params,
                       GError        **error)
{
  g_autofree char *path = g_strdup_printf (RESOURCE_PREFIX "/chains/%s.json", id);
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (id != NULL && params != NULL, FALSE);

  if (!(bytes = g_resources_lookup_data (path, 0, error)))
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  return lq_chain_params_from_json_data (data, (gssize) size, params, error);
}
