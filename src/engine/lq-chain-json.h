/* lq-chain-json.h
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

#include <json-glib/json-glib.h>

#include "lq-chain.h"

G_BEGIN_DECLS

/* Chain presets as JSON, shared by `lacquer render --chain`, `lacquer play --chain`, the
 * GUI's chain presets and sessions:
 *
 *   { "lacquer_chain": 1,
 *     "input_gain_db": 0,
 *     "eq": { "bypass": false, "bands": [ { "type": "peaking", "freq": 1000, "gain_db": 1.5,
 *                                           "q": 0.7, "slope_db": 12, "bypass": false } ] },
 *     "compressor": { "bypass": false, "threshold_db": -18, "ratio": 2, "knee_db": 6,
 *                     "attack_ms": 10, "release_ms": 150, "makeup_db": 0,
 *                     "detector": "rms", "link": "max", "sidechain_hpf_hz": 0 },
 *     "limiter": { "bypass": false, "ceiling_dbtp": -1, "lookahead_ms": 1.5, "release_ms": 50 },
 *     "output_gain_db": 0 }
 *
 * A stage that is absent is bypassed. Inside a stage every field is required, so a typo
 * cannot silently fall back to a default; unknown keys and out-of-range values are errors
 * that name the field ("compressor.ratio: 0.5 is outside 1 … 100"). */

#define LQ_CHAIN_JSON_ERROR (lq_chain_json_error_quark ())
#define LQ_CHAIN_JSON_VERSION 1
/* Deeper documents are refused before json-glib sees them; ours nest 4 deep. */
#define LQ_JSON_MAX_DEPTH 64

typedef enum
{
  LQ_CHAIN_JSON_ERROR_SYNTAX,
  LQ_CHAIN_JSON_ERROR_UNKNOWN_KEY,
  LQ_CHAIN_JSON_ERROR_MISSING,
  LQ_CHAIN_JSON_ERROR_TYPE,
  LQ_CHAIN_JSON_ERROR_RANGE,
  LQ_CHAIN_JSON_ERROR_VERSION,
} LqChainJsonError;

GQuark    lq_chain_json_error_quark        (void);

/* The one way Lacquer reads JSON (chain presets and sessions): exactly one document of
 * plain JSON (no comments or single-quoted strings), nested at most LQ_JSON_MAX_DEPTH
 * deep. Errors (LQ_CHAIN_JSON_ERROR_SYNTAX) start with name, the file's display name:
 * "song.lacquer:3:7: …" or "song.lacquer: nested too deeply". Returns the root. */
JsonNode *lq_json_parse_document           (const char          *data,
                                            gsize                length,
                                            const char          *name,
                                            GError             **error);
/* Parses the file at path (lq_json_parse_document ()) and hands its root to read; every
 * error, reading the file included, starts with the file's name. */
typedef gboolean (*LqJsonReadFunc)                 (JsonNode            *node,
                                                    gpointer             target,
                                                    GError             **error);
gboolean  lq_json_read_file                (const char          *path,
                                            LqJsonReadFunc       read,
                                            gpointer             target,
                                            GError             **error);
/* Whether node is a JSON object (JSON_TYPE_OBJECT), an array (JSON_TYPE_ARRAY) or a value
 * of the GType; G_TYPE_DOUBLE accepts any number, G_TYPE_INT64 only whole numbers written
 * without a fraction. Check before every json-glib getter: they g_critical on a mismatch. */
gboolean  lq_json_node_holds               (JsonNode            *node,
                                            GType                type);

gboolean  lq_chain_params_from_json_node   (JsonNode            *node,
                                            LqChainParams       *params,
                                            GError             **error);
gboolean  lq_chain_params_from_json_data   (const char          *data,
                                            gssize               length,
                                            LqChainParams       *params,
                                            GError             **error);
/* Errors are prefixed with the file's name. */
gboolean  lq_chain_params_from_json_file   (const char          *path,
                                            LqChainParams       *params,
                                            GError             **error);

/* json_builder_add_double_value for a value that must read back: json-glib 1.6 writes a
 * double as g_ascii_dtostr's text plus ".0" when that has no '.', so 1e-300 becomes
 * "1e-300.0", which no reader accepts. Such a value moves by an ulp toward zero. */
void      lq_json_builder_add_double       (JsonBuilder         *builder,
                                            double               value);

/* The one way Lacquer writes JSON: root as text (pretty: indented). json-glib 1.6 escapes
 * every control character but U+001F, which it writes raw; RFC 8259 forbids that and
 * lq_json_parse_document rejects it, so it is escaped here. */
char     *lq_json_to_data                  (JsonNode            *root,
                                            gboolean             pretty,
                                            gsize               *length);

JsonNode *lq_chain_params_to_json_node     (const LqChainParams *params);
char     *lq_chain_params_to_json_data     (const LqChainParams *params,
                                            gsize               *length);

G_END_DECLS
