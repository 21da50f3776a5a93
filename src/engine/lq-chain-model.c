/* lq-chain-model.c
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
#include <stddef.h>

#include "lq-chain-model.h"

struct _LqChainModel
{
  GObject       parent_instance;

  LqChainParams params;
};

G_DEFINE_FINAL_TYPE (LqChainModel, lq_chain_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INPUT_GAIN_DB,
  PROP_OUTPUT_GAIN_DB,
  PROP_EQ_BYPASS,
  PROP_COMP_BYPASS,
  PROP_COMP_THRESHOLD_DB,
  PROP_COMP_RATIO,
  PROP_COMP_KNEE_DB,
  PROP_COMP_ATTACK_MS,
  PROP_COMP_RELEASE_MS,
  PROP_COMP_MAKEUP_DB,
  PROP_COMP_SIDECHAIN_HPF_HZ,
  PROP_LIMITER_BYPASS,
  PROP_LIMITER_CEILING_DB,
  PROP_LIMITER_LOOKAHEAD_MS,
  PROP_LIMITER_RELEASE_MS,
  PROP_N_BANDS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* The scalar properties: where each lives in LqChainParams and its range (the chain JSON's). */
typedef struct
{
  const char *name;
  gsize       offset;
  gboolean    is_bool;
  double      min;
  double      max;
  double      def;
} Field;

#define P(m) offsetof (LqChainParams, m)

/* clang-format off */
static const Field fields[N_PROPS] = {
  [PROP_INPUT_GAIN_DB]          = { "input-gain-db", P (input_gain_db), FALSE, -48.0, 48.0, 0.0 },
  [PROP_OUTPUT_GAIN_DB]         = { "output-gain-db", P (output_gain_db), FALSE, -48.0, 24.0, 0.0 },
  [PROP_EQ_BYPASS]              = { "eq-bypass", P (eq.bypass), TRUE, 0, 0, 1 },
  [PROP_COMP_BYPASS]            = { "comp-bypass", P (comp.bypass), TRUE, 0, 0, 1 },
  [PROP_COMP_THRESHOLD_DB]      = { "comp-threshold-db", P (comp.threshold_db), FALSE, -80.0, 0.0, -18.0 },
  [PROP_COMP_RATIO]             = { "comp-ratio", P (comp.ratio), FALSE, 1.0, 100.0, 2.0 },
  [PROP_COMP_KNEE_DB]           = { "comp-knee-db", P (comp.knee_db), FALSE, 0.0, 36.0, 6.0 },
  [PROP_COMP_ATTACK_MS]         = { "comp-attack-ms", P (comp.attack_ms), FALSE, 0.01, 1000.0, 10.0 },
  [PROP_COMP_RELEASE_MS]        = { "comp-release-ms", P (comp.release_ms), FALSE, 1.0, 5000.0, 100.0 },
  [PROP_COMP_MAKEUP_DB]         = { "comp-makeup-db", P (comp.makeup_db), FALSE, -24.0, 48.0, 0.0 },
  [PROP_COMP_SIDECHAIN_HPF_HZ]  = { "comp-sidechain-hpf-hz", P (comp.sidechain_hpf_hz), FALSE, 0.0, 2000.0, 0.0 },
  [PROP_LIMITER_BYPASS]         = { "limiter-bypass", P (lim.bypass), TRUE, 0, 0, 0 },
  [PROP_LIMITER_CEILING_DB]     = { "limiter-ceiling-db", P (lim.ceiling_db), FALSE, -30.0, 0.0, -1.0 },
  [PROP_LIMITER_LOOKAHEAD_MS]   = { "limiter-lookahead-ms", P (lim.lookahead_ms), FALSE,
                                    LQ_LIMITER_LOOKAHEAD_MIN_MS, LQ_LIMITER_LOOKAHEAD_MAX_MS,
                                    LQ_LIMITER_LOOKAHEAD_DEFAULT_MS },
  [PROP_LIMITER_RELEASE_MS]     = { "limiter-release-ms", P (lim.release_ms), FALSE, 1.0, 2000.0, 50.0 },
};
/* clang-format on */

#undef P

static double
field_get (const LqChainParams *params,
           guint                prop_id)
{
  const char *p = (const char *) params + fields[prop_id].offset;

  return fields[prop_id].is_bool ? (double) *(const bool *) p : *(const double *) p;
}

static gboolean
bands_equal (const LqEqBand *a,
             const LqEqBand *b)
{
  return a->type == b->type && a->freq == b->freq && a->gain_db == b->gain_db && a->q == b->q
         && a->slope_db == b->slope_db && a->bypass == b->bypass;
}

gboolean
lq_chain_params_equal (const LqChainParams *a,
                       const LqChainParams *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  for (guint i = PROP_INPUT_GAIN_DB; i < PROP_N_BANDS; i++)
    if (field_get (a, i) != field_get (b, i))
      return FALSE;
  if (a->eq.n_bands != b->eq.n_bands
      || a->comp.detector != b->comp.detector || a->comp.link != b->comp.link)
    return FALSE;
  for (guint i = 0; i < a->eq.n_bands; i++)
    if (!bands_equal (&a->eq.bands[i], &b->eq.bands[i]))
      return FALSE;
  return TRUE;
}

void
lq_eq_band_reset (LqEqBand *band)
{
  g_return_if_fail (band != NULL);

  band->gain_db = 0.0;
  band->q = band->type == LQ_EQ_BAND_PEAKING ? 1.0 : M_SQRT1_2;
}

static void
clamp_band (LqEqBand *band)
{
  band->type = CLAMP ((int) band->type, LQ_EQ_BAND_PEAKING, LQ_EQ_BAND_LOW_PASS);
  band->freq = CLAMP (band->freq, 10.0, 24000.0);
  band->gain_db = CLAMP (band->gain_db, -24.0, 24.0);
  band->q = CLAMP (band->q, 0.1, 18.0);
  band->slope_db = band->slope_db == 24 ? 24 : 12;
}

/* Replaces the params, then notifies what differs and emits "changed" once. */
static void
apply (LqChainModel        *self,
       const LqChainParams *params)
{
  LqChainParams old = self->params;
  LqChainParams next = *params;

  next.eq.n_bands = MIN (next.eq.n_bands, LQ_EQ_MAX_BANDS);
  for (guint i = 0; i < next.eq.n_bands; i++)
    clamp_band (&next.eq.bands[i]);
  for (guint i = PROP_INPUT_GAIN_DB; i < PROP_N_BANDS; i++)
    if (!fields[i].is_bool)
      {
        double *v = (double *) ((char *) &next + fields[i].offset);
        *v = isfinite (*v) ? CLAMP (*v, fields[i].min, fields[i].max) : fields[i].def;
      }
  if (lq_chain_params_equal (&old, &next))
    return;
  self->params = next;

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_INPUT_GAIN_DB; i < PROP_N_BANDS; i++)
    if (field_get (&old, i) != field_get (&self->params, i))
      g_object_notify_by_pspec (G_OBJECT (self), properties [i]);
  if (old.eq.n_bands != self->params.eq.n_bands)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_BANDS]);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals [CHANGED], 0);
}

static void
lq_chain_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LqChainModel *self = LQ_CHAIN_MODEL (object);

  if (prop_id == PROP_N_BANDS)
    g_value_set_uint (value, self->params.eq.n_bands);
  else if (prop_id > PROP_0 && prop_id < PROP_N_BANDS && fields[prop_id].is_bool)
    g_value_set_boolean (value, field_get (&self->params, prop_id) != 0.0);
  else if (prop_id > PROP_0 && prop_id < PROP_N_BANDS)
    g_value_set_double (value, field_get (&self->params, prop_id));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lq_chain_model_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LqChainModel *self = LQ_CHAIN_MODEL (object);
  LqChainParams params = self->params;
  char *p;

  if (!(prop_id > PROP_0 && prop_id < PROP_N_BANDS))
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  p = (char *) &params + fields[prop_id].offset;
  if (fields[prop_id].is_bool)
    *(bool *) p = g_value_get_boolean (value);
  else
    *(double *) p = g_value_get_double (value);
  apply (self, &params);
}

static void
lq_chain_model_class_init (LqChainModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = lq_chain_model_get_property;
  object_class->set_property = lq_chain_model_set_property;

  for (guint i = PROP_INPUT_GAIN_DB; i < PROP_N_BANDS; i++)
    {
      if (fields[i].is_bool)
        properties [i] = g_param_spec_boolean (fields[i].name, NULL, NULL, fields[i].def != 0.0,
                                               flags);
      else
        properties [i] = g_param_spec_double (fields[i].name, NULL, NULL, fields[i].min,
                                              fields[i].max, fields[i].def, flags);
    }
  properties [PROP_N_BANDS] =
    g_param_spec_uint ("n-bands", NULL, NULL, 0, LQ_EQ_MAX_BANDS, 7,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LqChainModel::changed:
   *
   * Any parameter changed (once per change, after the property notifications).
   */
  signals [CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
lq_chain_model_init (LqChainModel *self)
{
  lq_chain_params_init_default (&self->params);
}

LqChainModel *
lq_chain_model_new (void)
{
  return g_object_new (LQ_TYPE_CHAIN_MODEL, NULL);
}

const LqChainParams *
lq_chain_model_get_params (LqChainModel *self)
{
  g_return_val_if_fail (LQ_IS_CHAIN_MODEL (self), NULL);

  return &self->params;
}

void
lq_chain_model_set_params (LqChainModel        *self,
                           const LqChainParams *params)
{
  g_return_if_fail (LQ_IS_CHAIN_MODEL (self));
  g_return_if_fail (params != NULL);

  apply (self, params);
}

guint
lq_chain_model_get_n_bands (LqChainModel *self)
{
  g_return_val_if_fail (LQ_IS_CHAIN_MODEL (self), 0);

  return self->params.eq.n_bands;
}

const LqEqBand *
lq_chain_model_get_band (LqChainModel *self,
                         guint         index)
{
  g_return_val_if_fail (LQ_IS_CHAIN_MODEL (self), NULL);
  g_return_val_if_fail (index < self->params.eq.n_bands, NULL);

  return &self->params.eq.bands[index];
}

void
lq_chain_model_set_band (LqChainModel   *self,
                         guint           index,
                         const LqEqBand *band)
{
  LqChainParams params;

  g_return_if_fail (LQ_IS_CHAIN_MODEL (self));
  g_return_if_fail (band != NULL);
  g_return_if_fail (index < self->params.eq.n_bands);

  params = self->params;
  params.eq.bands[index] = *band;
  apply (self, &params);
}

int
lq_chain_model_add_band (LqChainModel *self,
                         double        freq)
{
  LqChainParams params;
  LqEqBand band = { LQ_EQ_BAND_PEAKING, freq, 0.0, 1.0, 12, false };

  g_return_val_if_fail (LQ_IS_CHAIN_MODEL (self), -1);

  if (self->params.eq.n_bands >= LQ_EQ_MAX_BANDS)
    return -1;
  params = self->params;
  params.eq.bands[params.eq.n_bands++] = band;
  apply (self, &params);
  return (int) self->params.eq.n_bands - 1;
}

void
lq_chain_model_remove_band (LqChainModel *self,
                            guint         index)
{
  LqChainParams params;

  g_return_if_fail (LQ_IS_CHAIN_MODEL (self));
  g_return_if_fail (index < self->params.eq.n_bands);

  params = self->params;
  for (guint i = index; i + 1 < params.eq.n_bands; i++)
    params.eq.bands[i] = params.eq.bands[i + 1];
  params.eq.n_bands--;
  memset (&params.eq.bands[params.eq.n_bands], 0, sizeof (LqEqBand));
  apply (self, &params);
}
