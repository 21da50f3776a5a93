/* lq-chain-params.h
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
#include <stddef.h>

#include "lq-chain.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Every parameter of the chain, once: its JSON key, unit, range, default and the steps the
 * editor uses, and where it lives in LqChainParams or LqEqBand. The chain JSON validates
 * against it, the chain model builds its properties and clamps from it, the chain panel
 * configures its spin buttons from it and the EQ curve stops its handles at its limits, so
 * they cannot disagree. The DSP stages clamp to at least these ranges. */

typedef enum
{
  LQ_CHAIN_PARAM_DOUBLE,
  LQ_CHAIN_PARAM_BOOL,
  LQ_CHAIN_PARAM_ENUM,     /* an int enum; its values run from min to max */
  LQ_CHAIN_PARAM_CHOICE,   /* a uint32_t that is either min or max (slope_db: 12 or 24) */
} LqChainParamType;

typedef enum
{
  LQ_CHAIN_PARAM_IN_CHAIN,   /* offset is into LqChainParams */
  LQ_CHAIN_PARAM_IN_BAND,    /* offset is into LqEqBand, for each band */
} LqChainParamScope;

/* In the order the chain JSON writes them. */
typedef enum
{
  LQ_CHAIN_PARAM_INPUT_GAIN_DB,
  LQ_CHAIN_PARAM_EQ_BYPASS,
  LQ_CHAIN_PARAM_BAND_TYPE,
  LQ_CHAIN_PARAM_BAND_FREQ,
  LQ_CHAIN_PARAM_BAND_GAIN_DB,
  LQ_CHAIN_PARAM_BAND_Q,
  LQ_CHAIN_PARAM_BAND_SLOPE_DB,
  LQ_CHAIN_PARAM_BAND_BYPASS,
  LQ_CHAIN_PARAM_COMP_BYPASS,
  LQ_CHAIN_PARAM_COMP_THRESHOLD_DB,
  LQ_CHAIN_PARAM_COMP_RATIO,
  LQ_CHAIN_PARAM_COMP_KNEE_DB,
  LQ_CHAIN_PARAM_COMP_ATTACK_MS,
  LQ_CHAIN_PARAM_COMP_RELEASE_MS,
  LQ_CHAIN_PARAM_COMP_MAKEUP_DB,
  LQ_CHAIN_PARAM_COMP_DETECTOR,
  LQ_CHAIN_PARAM_COMP_LINK,
  LQ_CHAIN_PARAM_COMP_SIDECHAIN_HPF_HZ,
  LQ_CHAIN_PARAM_LIMITER_BYPASS,
  LQ_CHAIN_PARAM_LIMITER_CEILING_DB,
  LQ_CHAIN_PARAM_LIMITER_LOOKAHEAD_MS,
  LQ_CHAIN_PARAM_LIMITER_RELEASE_MS,
  LQ_CHAIN_PARAM_OUTPUT_GAIN_DB,
  LQ_CHAIN_N_PARAMS
} LqChainParamId;

typedef struct
{
  const char        *name;       /* the JSON key */
  const char        *stage;      /* the JSON object holding it: NULL (the top level), "eq",
                                  * "eq.bands[]", "compressor" or "limiter" */
  const char        *property;   /* the LqChainModel property, or NULL */
  const char        *unit;       /* "dB", "dBTP", "Hz", "ms", or "" */
  LqChainParamType   type;
  LqChainParamScope  scope;
  size_t             offset;
  double             min;
  double             max;
  double             def;        /* lq_chain_params_init_default's, or a new band's */
  double             step;       /* the editor's step and page increments and digits */
  double             page;
  int                digits;
} LqChainParam;

/* How lq_chain_params_apply_target_gain placed the gain. */
typedef enum
{
  LQ_TARGET_GAIN_MAKEUP,
  LQ_TARGET_GAIN_INPUT,
} LqTargetGainStage;

/* id < LQ_CHAIN_N_PARAMS. */
const LqChainParam *lq_chain_param_get                (LqChainParamId       id);

/* v within the parameter's range; its default when v is not finite. Real-time safe. */
double              lq_chain_param_clamp              (LqChainParamId       id,
                                                       double               v);

/* Reads and writes a parameter as a double (bool: 0 or 1; enum and choice: the value).
 * For a band parameter, target is an LqEqBand; else an LqChainParams. */
double              lq_chain_param_read               (LqChainParamId       id,
                                                       const void          *target);
void                lq_chain_param_write              (LqChainParamId       id,
                                                       void                *target,
                                                       double               v);

/* Every parameter of params and of its used bands brought into its range, n_bands to at
 * most LQ_EQ_MAX_BANDS. */
void                lq_chain_params_clamp             (LqChainParams       *params);

/* Parameter by parameter; bands past n_bands are ignored. */
bool                lq_chain_params_equal             (const LqChainParams *a,
                                                       const LqChainParams *b);

/* Puts a gain that the render's gain search found where the render applies it, between the
 * compressor and the limiter: on the compressor's makeup when the compressor is on; else on
 * the input gain (only the EQ, which is linear, lies between it and the limiter). Switches
 * the limiter on at ceiling_dbtp, as the render does. Returns where the gain went. */
LqTargetGainStage   lq_chain_params_apply_target_gain (LqChainParams       *params,
                                                       double               gain_db,
                                                       double               ceiling_dbtp);

#ifdef __cplusplus
}
#endif
