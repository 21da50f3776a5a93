/* fuzz-chain-json.c
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

/* libFuzzer: chain presets as render --chain, play --chain and the GUI's preset import read
 * them. Any input is rejected with an error or accepted; an accepted chain must also survive
 * being written and read back, byte for byte. */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lq-chain-json.h"
#include "lq-fuzz.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  LqChainParams params, back;
  gsize length;

  lq_fuzz_init ();
  if (!lq_chain_params_from_json_data ((const char *) data, (gssize) size, &params, &error))
    {
      /* Every refusal says what is wrong. */
      LQ_FUZZ_CHECK (error != NULL && error->message[0] != '\0');
      return 0;
    }
  first = lq_chain_params_to_json_data (&params, &length);
  LQ_FUZZ_CHECK (lq_chain_params_from_json_data (first, (gssize) length, &back, &error));
  second = lq_chain_params_to_json_data (&back, NULL);
  LQ_FUZZ_CHECK (strcmp (first, second) == 0);
  return 0;
}
