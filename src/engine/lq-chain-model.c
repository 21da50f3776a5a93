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

/* The properties are the table's (lq-chain-params.h) that name one: the property of
 * parameter id is PROP_PARAM + id; n-bands follows them. */
enum {
  PROP_0,
  PROP_PARAM,
  PROP_N_BANDS = PROP_PARAM + LQ_CHAIN_N_PARAMS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

void
lq_eq_band_reset (LqEqBand *band)
{
  g_return_if_fail (band != NULL);

  band->gain_db = 0.0;
  band->q = band->type == LQ_EQ_BAND_PEAKING ? 1.0 : M_SQRT1_2;
}

/* Replaces the params, then notifies what differs and emits "changed" once. */
static void
apply (LqChainModel        *self,
       const LqChainParams *params)
{
  LqChainParams old = self->params;
  LqChainParams next = *params;

  lq_chain_params_clamp (&next);
  if (lq_chain_params_equal (&old, &next))
    return;
  self->params = next;

  g_object_freeze_notify (G_OBJECT (self));
  for (guint id = 0; id < LQ_CHAIN_N_PARAMS; id++)
    if (properties [PROP_PARAM + id] != NULL
        && lq_chain_param_read (id, &old) != lq_chain_param_read (id, &self->params))
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PARAM + id]);
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
  else if (G_VALUE_HOLDS_BOOLEAN (value))
    g_value_set_boolean (value, lq_chain_param_read (prop_id - PROP_PARAM, &self->params) != 0.0);
  else
    g_value_set_double (value, lq_chain_param_read (prop_id - PROP_PARAM, &self->params));
}

static void
lq_chain_model_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LqChainModel *self = LQ_CHAIN_MODEL (object);
  LqChainParams params = self->params;

  /* Only the table's properties are writable. */
  if (G_VALUE_HOLDS_BOOLEAN (value))
    lq_chain_param_write (prop_id - PROP_PARAM, &params, g_value_get_boolean (value));
  else
    lq_chain_param_write (prop_id - PROP_PARAM, &params, g_value_get_double (value));
  apply (self, &params);
}

static void
lq_chain_model_class_init (LqChainModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = lq_chain_model_get_property;
  object_class->set_property = lq_chain_model_set_property;

  for (guint id = 0; id < LQ_CHAIN_N_PARAMS; id++)
    {
      const LqChainParam *p = lq_chain_param_get (id);

      /* Only chain-wide scalars have a property; bands have accessors. */
      if (p->property == NULL)
        continue;
      g_assert (p->scope == LQ_CHAIN_PARAM_IN_CHAIN
                && (p->type == LQ_CHAIN_PARAM_BOOL || p->type == LQ_CHAIN_PARAM_DOUBLE));
      if (p->type == LQ_CHAIN_PARAM_BOOL)
        properties [PROP_PARAM + id] = g_param_spec_boolean (p->property, NULL, NULL,
                                                             p->def != 0.0, flags);
      else
        properties [PROP_PARAM + id] = g_param_spec_double (p->property, NULL, NULL, p->min,
                                                            p->max, p->def, flags);
      g_object_class_install_property (object_class, PROP_PARAM + id,
                                       properties [PROP_PARAM + id]);
    }
  properties [PROP_N_BANDS] =
    g_param_spec_uint ("n-bands", NULL, NULL, 0, LQ_EQ_MAX_BANDS, 7,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, PROP_N_BANDS, properties [PROP_N_BANDS]);

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
  LqEqBand band = { 0 };

  g_return_val_if_fail (LQ_IS_CHAIN_MODEL (self), -1);

  if (self->params.eq.n_bands >= LQ_EQ_MAX_BANDS)
    return -1;
  /* A new band is the table's defaults, at freq. */
  for (guint id = 0; id < LQ_CHAIN_N_PARAMS; id++)
    if (lq_chain_param_get (id)->scope == LQ_CHAIN_PARAM_IN_BAND)
      lq_chain_param_write (id, &band, lq_chain_param_get (id)->def);
  band.freq = freq;
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
