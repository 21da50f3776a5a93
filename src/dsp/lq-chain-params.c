/* lq-chain-params.c
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

#include <math.h>
#include <stdint.h>

#include "lq-chain-params.h"

#define IN_CHAIN(m) LQ_CHAIN_PARAM_IN_CHAIN, offsetof (LqChainParams, m)
#define IN_BAND(m)  LQ_CHAIN_PARAM_IN_BAND, offsetof (LqEqBand, m)

/* The ranges are what a mastering EQ and dynamics need, and what the DSP is designed and
 * tested for: +-24 dB and Q 0.1 .. 18 on a band, gains that cannot push a master past any
 * sane level. The defaults are lq_chain_params_init_default's (for a band: the band
 * lq_chain_model_add_band appends). Every stage starts on and neutral (flat bands, a 1:1
 * compressor), so a move of a control is heard at once and an untouched chain changes
 * nothing but the peaks the limiter holds. */

/* clang-format off */
static const LqChainParam table[LQ_CHAIN_N_PARAMS] = {
  [LQ_CHAIN_PARAM_INPUT_GAIN_DB] = {
    "input_gain_db", NULL, "input-gain-db", "dB", LQ_CHAIN_PARAM_DOUBLE, IN_CHAIN (input_gain_db),
    -48.0, 48.0, 0.0, 0.1, 1.0, 1 },
  [LQ_CHAIN_PARAM_EQ_BYPASS] = {
    "bypass", "eq", "eq-bypass", "", LQ_CHAIN_PARAM_BOOL, IN_CHAIN (eq.bypass),
    0.0, 1.0, 0.0, 1.0, 1.0, 0 },
  [LQ_CHAIN_PARAM_BAND_TYPE] = {
    "type", "eq.bands[]", NULL, "", LQ_CHAIN_PARAM_ENUM, IN_BAND (type),
    LQ_EQ_BAND_PEAKING, LQ_EQ_BAND_LOW_PASS, LQ_EQ_BAND_PEAKING, 1.0, 1.0, 0 },
  [LQ_CHAIN_PARAM_BAND_FREQ] = {
    "freq", "eq.bands[]", NULL, "Hz", LQ_CHAIN_PARAM_DOUBLE, IN_BAND (freq),
    10.0, 24000.0, 1000.0, 1.0, 10.0, 0 },
  [LQ_CHAIN_PARAM_BAND_GAIN_DB] = {
    "gain_db", "eq.bands[]", NULL, "dB", LQ_CHAIN_PARAM_DOUBLE, IN_BAND (gain_db),
    -24.0, 24.0, 0.0, 0.1, 1.0, 1 },
  [LQ_CHAIN_PARAM_BAND_Q] = {
    "q", "eq.bands[]", NULL, "", LQ_CHAIN_PARAM_DOUBLE, IN_BAND (q),
    0.1, 18.0, 1.0, 0.05, 0.5, 2 },
  [LQ_CHAIN_PARAM_BAND_SLOPE_DB] = {
    "slope_db", "eq.bands[]", NULL, "dB/oct", LQ_CHAIN_PARAM_CHOICE, IN_BAND (slope_db),
    12.0, 24.0, 12.0, 12.0, 12.0, 0 },
  [LQ_CHAIN_PARAM_BAND_BYPASS] = {
    "bypass", "eq.bands[]", NULL, "", LQ_CHAIN_PARAM_BOOL, IN_BAND (bypass),
    0.0, 1.0, 0.0, 1.0, 1.0, 0 },
  [LQ_CHAIN_PARAM_BAND_CHANNELS] = {
    "channels", "eq.bands[]", NULL, "", LQ_CHAIN_PARAM_ENUM, IN_BAND (channels),
    LQ_EQ_CHANNELS_STEREO, LQ_EQ_CHANNELS_SIDE, LQ_EQ_CHANNELS_STEREO, 1.0, 1.0, 0, true },
  [LQ_CHAIN_PARAM_COMP_BYPASS] = {
    "bypass", "compressor", "comp-bypass", "", LQ_CHAIN_PARAM_BOOL, IN_CHAIN (comp.bypass),
    0.0, 1.0, 0.0, 1.0, 1.0, 0 },
  [LQ_CHAIN_PARAM_COMP_THRESHOLD_DB] = {
    "threshold_db", "compressor", "comp-threshold-db", "dB", LQ_CHAIN_PARAM_DOUBLE,
    IN_CHAIN (comp.threshold_db), -80.0, 0.0, -18.0, 0.5, 5.0, 1 },
  [LQ_CHAIN_PARAM_COMP_RATIO] = {
    "ratio", "compressor", "comp-ratio", ":1", LQ_CHAIN_PARAM_DOUBLE, IN_CHAIN (comp.ratio),
    1.0, 100.0, 1.0, 0.1, 1.0, 2 },
  [LQ_CHAIN_PARAM_COMP_KNEE_DB] = {
    "knee_db", "compressor", "comp-knee-db", "dB", LQ_CHAIN_PARAM_DOUBLE,
    IN_CHAIN (comp.knee_db), 0.0, 36.0, 6.0, 0.5, 5.0, 1 },
  [LQ_CHAIN_PARAM_COMP_ATTACK_MS] = {
    "attack_ms", "compressor", "comp-attack-ms", "ms", LQ_CHAIN_PARAM_DOUBLE,
    IN_CHAIN (comp.attack_ms), 0.01, 1000.0, 10.0, 0.5, 5.0, 2 },
  [LQ_CHAIN_PARAM_COMP_RELEASE_MS] = {
    "release_ms", "compressor", "comp-release-ms", "ms", LQ_CHAIN_PARAM_DOUBLE,
    IN_CHAIN (comp.release_ms), 1.0, 5000.0, 100.0, 5.0, 50.0, 0 },
  [LQ_CHAIN_PARAM_COMP_MAKEUP_DB] = {
    "makeup_db", "compressor", "comp-makeup-db", "dB", LQ_CHAIN_PARAM_DOUBLE,
    IN_CHAIN (comp.makeup_db), -24.0, 48.0, 0.0, 0.1, 1.0, 1 },
  [LQ_CHAIN_PARAM_COMP_DETECTOR] = {
    "detector", "compressor", NULL, "", LQ_CHAIN_PARAM_ENUM, IN_CHAIN (comp.detector),
    LQ_COMPRESSOR_DETECTOR_RMS, LQ_COMPRESSOR_DETECTOR_PEAK, LQ_COMPRESSOR_DETECTOR_RMS,
    1.0, 1.0, 0 },
  [LQ_CHAIN_PARAM_COMP_LINK] = {
    "link", "compressor", NULL, "", LQ_CHAIN_PARAM_ENUM, IN_CHAIN (comp.link),
    LQ_COMPRESSOR_LINK_MAX, LQ_COMPRESSOR_LINK_MEAN, LQ_COMPRESSOR_LINK_MAX, 1.0, 1.0, 0 },
  /* 0 is off; the compressor reads 0 .. 10 Hz as 10. */
  [LQ_CHAIN_PARAM_COMP_SIDECHAIN_HPF_HZ] = {
    "sidechain_hpf_hz", "compressor", "comp-sidechain-hpf-hz", "Hz", LQ_CHAIN_PARAM_DOUBLE,
    IN_CHAIN (comp.sidechain_hpf_hz), 0.0, 2000.0, 0.0, 5.0, 50.0, 0 },
  [LQ_CHAIN_PARAM_LIMITER_BYPASS] = {
    "bypass", "limiter", "limiter-bypass", "", LQ_CHAIN_PARAM_BOOL, IN_CHAIN (lim.bypass),
    0.0, 1.0, 0.0, 1.0, 1.0, 0 },
  [LQ_CHAIN_PARAM_LIMITER_CEILING_DB] = {
    "ceiling_dbtp", "limiter", "limiter-ceiling-db", "dBTP", LQ_CHAIN_PARAM_DOUBLE,
    IN_CHAIN (lim.ceiling_db), -30.0, 0.0, -1.0, 0.1, 1.0, 1 },
  [LQ_CHAIN_PARAM_LIMITER_LOOKAHEAD_MS] = {
    "lookahead_ms", "limiter", "limiter-lookahead-ms", "ms", LQ_CHAIN_PARAM_DOUBLE,
    IN_CHAIN (lim.lookahead_ms), LQ_LIMITER_LOOKAHEAD_MIN_MS, LQ_LIMITER_LOOKAHEAD_MAX_MS,
    LQ_LIMITER_LOOKAHEAD_DEFAULT_MS, 0.1, 1.0, 1 },
  [LQ_CHAIN_PARAM_LIMITER_RELEASE_MS] = {
    "release_ms", "limiter", "limiter-release-ms", "ms", LQ_CHAIN_PARAM_DOUBLE,
    IN_CHAIN (lim.release_ms), 1.0, 2000.0, 50.0, 5.0, 50.0, 0 },
  [LQ_CHAIN_PARAM_OUTPUT_GAIN_DB] = {
    "output_gain_db", NULL, "output-gain-db", "dB", LQ_CHAIN_PARAM_DOUBLE,
    IN_CHAIN (output_gain_db), -48.0, 24.0, 0.0, 0.1, 1.0, 1 },
  /* 0 mono .. 1 as it is .. 2 twice the side; see lq-chain.h. */
  [LQ_CHAIN_PARAM_WIDTH] = {
    "width", NULL, "width", "×", LQ_CHAIN_PARAM_DOUBLE, IN_CHAIN (width),
    0.0, 2.0, 1.0, 0.01, 0.1, 2, true },
};
/* clang-format on */

#undef IN_CHAIN
#undef IN_BAND

const LqChainParam *
lq_chain_param_get (LqChainParamId id)
{
  return (unsigned) id < LQ_CHAIN_N_PARAMS ? &table[id] : NULL;
}

double
lq_chain_param_clamp (LqChainParamId id,
                      double         v)
{
  const LqChainParam *p = &table[id];

  if (!isfinite (v))
    return p->def;
  return v < p->min ? p->min : v > p->max ? p->max : v;
}

double
lq_chain_param_read (LqChainParamId  id,
                     const void     *target)
{
  const LqChainParam *p = &table[id];
  const char *at = (const char *) target + p->offset;

  switch (p->type)
    {
    case LQ_CHAIN_PARAM_BOOL:   return *(const bool *) at ? 1.0 : 0.0;
    case LQ_CHAIN_PARAM_ENUM:   return *(const int *) at;
    case LQ_CHAIN_PARAM_CHOICE: return *(const uint32_t *) at;
    case LQ_CHAIN_PARAM_DOUBLE:
    default:                    return *(const double *) at;
    }
}

void
lq_chain_param_write (LqChainParamId  id,
                      void           *target,
                      double          v)
{
  const LqChainParam *p = &table[id];
  char *at = (char *) target + p->offset;

  switch (p->type)
    {
    case LQ_CHAIN_PARAM_BOOL:   *(bool *) at = v != 0.0; break;
    case LQ_CHAIN_PARAM_ENUM:   *(int *) at = (int) v; break;
    case LQ_CHAIN_PARAM_CHOICE: *(uint32_t *) at = (uint32_t) v; break;
    case LQ_CHAIN_PARAM_DOUBLE:
    default:                    *(double *) at = v; break;
    }
}

static void
clamp_one (LqChainParamId  id,
           void           *target)
{
  const LqChainParam *p = &table[id];
  double v = lq_chain_param_read (id, target);

  switch (p->type)
    {
    case LQ_CHAIN_PARAM_BOOL:
      return;
    case LQ_CHAIN_PARAM_CHOICE:
      /* Anything but the larger choice reads as the smaller, as the EQ reads slope_db. */
      v = v == p->max ? p->max : p->min;
      break;
    case LQ_CHAIN_PARAM_ENUM:
    case LQ_CHAIN_PARAM_DOUBLE:
    default:
      v = lq_chain_param_clamp (id, v);
      break;
    }
  lq_chain_param_write (id, target, v);
}

void
lq_chain_params_clamp (LqChainParams *p)
{
  if (p->eq.n_bands > LQ_EQ_MAX_BANDS)
    p->eq.n_bands = LQ_EQ_MAX_BANDS;
  for (int id = 0; id < LQ_CHAIN_N_PARAMS; id++)
    {
      if (table[id].scope == LQ_CHAIN_PARAM_IN_CHAIN)
        clamp_one ((LqChainParamId) id, p);
      else
        for (uint32_t b = 0; b < p->eq.n_bands; b++)
          clamp_one ((LqChainParamId) id, &p->eq.bands[b]);
    }
}

bool
lq_chain_params_equal (const LqChainParams *a,
                       const LqChainParams *b)
{
  if (a->eq.n_bands != b->eq.n_bands)
    return false;
  for (int id = 0; id < LQ_CHAIN_N_PARAMS; id++)
    {
      if (table[id].scope == LQ_CHAIN_PARAM_IN_CHAIN)
        {
          if (lq_chain_param_read ((LqChainParamId) id, a)
              != lq_chain_param_read ((LqChainParamId) id, b))
            return false;
        }
      else
        for (uint32_t k = 0; k < a->eq.n_bands && k < LQ_EQ_MAX_BANDS; k++)
          if (lq_chain_param_read ((LqChainParamId) id, &a->eq.bands[k])
              != lq_chain_param_read ((LqChainParamId) id, &b->eq.bands[k]))
            return false;
    }
  return true;
}

/* "Reach Target" and where its gain goes.
 *
 * The render (lacquer render, the export) splits the chain at the limiter and searches the
 * gain between the compressor and the limiter that lands the master on the target. The chain
 * has no stage there of its own, so the gain goes where it has exactly the same effect:
 *  - compressor on: its makeup gain, which is applied after the gain computer and before the
 *    limiter, the very spot;
 *  - compressor bypassed: the input gain. Between it and the limiter there is only the EQ,
 *    which is linear, so a gain before it equals a gain after it.
 * The limiter is switched on at the preset's ceiling, as the render with a preset does. After
 * that the chain alone (no target) renders on target, and an export with the target finds a
 * gain of about 0 dB. */
LqTargetGainStage
lq_chain_params_apply_target_gain (LqChainParams *params,
                                   double         gain_db,
                                   double         ceiling_dbtp)
{
  LqTargetGainStage stage;

  if (!params->comp.bypass)
    {
      params->comp.makeup_db += gain_db;
      stage = LQ_TARGET_GAIN_MAKEUP;
    }
  else
    {
      params->input_gain_db += gain_db;
      stage = LQ_TARGET_GAIN_INPUT;
    }
  params->lim.bypass = false;
  params->lim.ceiling_db = ceiling_dbtp;
  return stage;
}
