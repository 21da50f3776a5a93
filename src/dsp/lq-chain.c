/* lq-chain.c
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
#include <stdlib.h>
#include <string.h>

#include "lq-chain-params.h"
#include "lq-chain.h"
#include "lq-db.h"
#include "lq-smoother.h"

struct LqChain
{
  uint32_t       channels;
  uint32_t       max_frames;
  bool           fresh;
  LqChainParams  params;
  LqSmoother     input_gain;
  LqSmoother     output_gain;
  LqSmoother     width;
  LqEq          *eq;
  LqCompressor  *comp;
  LqLimiter     *lim;
  float          comp_gr;
  float          lim_gr;
};

void
lq_chain_params_init_default (LqChainParams *params)
{
  memset (params, 0, sizeof *params);
  params->input_gain_db = 0.0;
  lq_eq_params_init_default (&params->eq);
  lq_compressor_params_init_default (&params->comp);
  lq_limiter_params_init_default (&params->lim);
  params->output_gain_db = 0.0;
  params->width = 1.0;
}

LqChain *
lq_chain_new (const LqChainConfig *config,
              LqStatus            *status)
{
  LqChain *self;
  LqChainParams defaults;
  LqStatus dummy;

  if (status == NULL)
    status = &dummy;
  if (config == NULL)
    {
      *status = LQ_ERROR_INVALID_ARGUMENT;
      return NULL;
    }
  if (config->channels == 0 || config->channels > LQ_CHAIN_MAX_CHANNELS)
    {
      *status = LQ_ERROR_INVALID_CHANNELS;
      return NULL;
    }

  self = calloc (1, sizeof *self);
  if (self == NULL)
    {
      *status = LQ_ERROR_NOMEM;
      return NULL;
    }
  self->channels = config->channels;
  self->max_frames = config->max_frames;

  self->eq = lq_eq_new (&(LqEqConfig) { config->sample_rate, config->channels,
                                        config->max_frames }, status);
  if (self->eq == NULL)
    goto fail;
  self->comp = lq_compressor_new (&(LqCompressorConfig) { config->sample_rate, config->channels,
                                                          config->max_frames }, status);
  if (self->comp == NULL)
    goto fail;
  self->lim = lq_limiter_new (&(LqLimiterConfig) { config->sample_rate, config->channels,
                                                   config->max_frames,
                                                   config->max_lookahead_ms }, status);
  if (self->lim == NULL)
    goto fail;

  lq_smoother_init (&self->input_gain, config->sample_rate, LQ_CHAIN_GAIN_SMOOTH_MS, 1.0);
  lq_smoother_init (&self->output_gain, config->sample_rate, LQ_CHAIN_GAIN_SMOOTH_MS, 1.0);
  lq_smoother_init (&self->width, config->sample_rate, LQ_CHAIN_GAIN_SMOOTH_MS, 1.0);
  self->fresh = true;

  lq_chain_params_init_default (&defaults);
  lq_chain_set_params (self, &defaults);

  *status = LQ_OK;
  return self;

fail:
  lq_chain_free (self);
  return NULL;
}

void
lq_chain_free (LqChain *self)
{
  if (self == NULL)
    return;
  lq_eq_free (self->eq);
  lq_compressor_free (self->comp);
  lq_limiter_free (self->lim);
  free (self);
}

void
lq_chain_reset (LqChain *self)
{
  lq_eq_reset (self->eq);
  lq_compressor_reset (self->comp);
  lq_limiter_reset (self->lim);
  lq_smoother_snap (&self->input_gain);
  lq_smoother_snap (&self->output_gain);
  lq_smoother_snap (&self->width);
  self->comp_gr = self->lim_gr = 0.0f;
  self->fresh = true;
}

void
lq_chain_set_params (LqChain             *self,
                     const LqChainParams *params)
{
  bool eq_changed = memcmp (&params->eq, &self->params.eq, sizeof params->eq) != 0;

  self->params = *params;
  self->params.input_gain_db =
    lq_chain_param_clamp (LQ_CHAIN_PARAM_INPUT_GAIN_DB, params->input_gain_db);
  self->params.output_gain_db =
    lq_chain_param_clamp (LQ_CHAIN_PARAM_OUTPUT_GAIN_DB, params->output_gain_db);
  self->params.width = lq_chain_param_clamp (LQ_CHAIN_PARAM_WIDTH, params->width);

  lq_smoother_set_target (&self->input_gain, lq_db_to_gain (self->params.input_gain_db));
  lq_smoother_set_target (&self->output_gain, lq_db_to_gain (self->params.output_gain_db));
  lq_smoother_set_target (&self->width, self->params.width);
  if (self->fresh)
    {
      lq_smoother_snap (&self->input_gain);
      lq_smoother_snap (&self->output_gain);
      lq_smoother_snap (&self->width);
    }

  /* Designing eight bands is cheap but not free; most updates touch another stage. */
  if (eq_changed || self->fresh)
    lq_eq_set_params (self->eq, &params->eq);
  lq_compressor_set_params (self->comp, &params->comp);
  lq_limiter_set_params (self->lim, &params->lim);

  lq_eq_get_params (self->eq, &self->params.eq);
  lq_compressor_get_params (self->comp, &self->params.comp);
  lq_limiter_get_params (self->lim, &self->params.lim);
}

void
lq_chain_get_params (const LqChain *self,
                     LqChainParams *params)
{
  *params = self->params;
}

uint32_t
lq_chain_get_latency (const LqChain *self)
{
  return lq_eq_get_latency (self->eq) +
         lq_compressor_get_latency (self->comp) +
         lq_limiter_get_latency (self->lim);
}

float
lq_chain_get_compressor_gain_reduction_db (const LqChain *self)
{
  return self->comp_gr;
}

float
lq_chain_get_limiter_gain_reduction_db (const LqChain *self)
{
  return self->lim_gr;
}

/* See the header. Settled at exactly 1 it leaves the samples alone, so that width 1 is
 * bit-transparent; a and b are shared by both channels and the sum is commutative, so at 0
 * both channels get the same value to the last bit. */
bool
lq_chain_params_is_identity (const LqChainParams *params,
                             uint32_t             channels)
{
  return params->input_gain_db == 0.0 && params->output_gain_db == 0.0
         && params->eq.bypass && params->comp.bypass && params->lim.bypass
         && (channels < 2 || params->width == 1.0);
}

static void
apply_width (LqSmoother     *width,
             float *const   *io,
             uint32_t        n)
{
  if (lq_smoother_is_settled (width) && lq_smoother_get_current (width) == 1.0)
    return;
  for (uint32_t i = 0; i < n; i++)
    {
      double w = lq_smoother_next (width);
      double a = 0.5 * (1.0 + w), b = 0.5 * (1.0 - w);
      double l = io[0][i], r = io[1][i];

      io[0][i] = (float) (a * l + b * r);
      io[1][i] = (float) (a * r + b * l);
    }
}

void
lq_chain_process (LqChain            *self,
                  const float *const *in,
                  float *const       *out,
                  uint32_t            n_frames)
{
  self->fresh = false;
  self->comp_gr = self->lim_gr = 0.0f;

  for (uint32_t done = 0; done < n_frames;)
    {
      uint32_t n = n_frames - done < self->max_frames ? n_frames - done : self->max_frames;
      const float *i_seg[LQ_CHAIN_MAX_CHANNELS];
      float *o_seg[LQ_CHAIN_MAX_CHANNELS];
      const float *const *io = (const float *const *) o_seg;

      for (uint32_t c = 0; c < self->channels; c++)
        {
          i_seg[c] = in[c] + done;
          o_seg[c] = out[c] + done;
        }

      lq_smoother_apply_gain (&self->input_gain, i_seg, o_seg, self->channels, n);
      lq_eq_process (self->eq, io, o_seg, n);
      lq_compressor_process (self->comp, io, o_seg, n);
      if (self->channels == 2)
        apply_width (&self->width, o_seg, n);
      lq_limiter_process (self->lim, io, o_seg, n);
      lq_smoother_apply_gain (&self->output_gain, io, o_seg, self->channels, n);

      self->comp_gr = fmaxf (self->comp_gr, lq_compressor_get_gain_reduction_db (self->comp));
      self->lim_gr = fmaxf (self->lim_gr, lq_limiter_get_gain_reduction_db (self->lim));
      done += n;
    }
}
