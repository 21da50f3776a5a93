/* lq-chain-model.h
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

#include <glib-object.h>

#include "lq-chain-params.h"
#include "lq-chain.h"

G_BEGIN_DECLS

/* The chain the window edits: one LqChainParams with a property per scalar parameter (for
 * bindings and property actions) and band accessors for the EQ. Every change, whatever its
 * route, emits "changed" once; the window sends the params to the player from there and the
 * undo stack snapshots them. Values are clamped to the ranges of lq-chain-params.h, which
 * the chain JSON accepts. */

#define LQ_TYPE_CHAIN_MODEL (lq_chain_model_get_type ())

G_DECLARE_FINAL_TYPE (LqChainModel, lq_chain_model, LQ, CHAIN_MODEL, GObject)

LqChainModel        *lq_chain_model_new         (void);
const LqChainParams *lq_chain_model_get_params  (LqChainModel        *self);
void                 lq_chain_model_set_params  (LqChainModel        *self,
                                                 const LqChainParams *params);
guint                lq_chain_model_get_n_bands (LqChainModel        *self);
const LqEqBand      *lq_chain_model_get_band    (LqChainModel        *self,
                                                 guint                index);
void                 lq_chain_model_set_band    (LqChainModel        *self,
                                                 guint                index,
                                                 const LqEqBand      *band);
/* Appends a band at freq, the rest the table's defaults (a peaking band, 0 dB, Q 1); returns
 * its index or -1 when full. */
int                  lq_chain_model_add_band    (LqChainModel        *self,
                                                 double               freq);
void                 lq_chain_model_remove_band (LqChainModel        *self,
                                                 guint                index);

/* What a band goes back to on double-click: 0 dB, the Q of its type's default. */
void                 lq_eq_band_reset           (LqEqBand            *band);

G_END_DECLS
