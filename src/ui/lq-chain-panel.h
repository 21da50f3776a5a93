/* lq-chain-panel.h
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

#include <adwaita.h>

#include "lq-chain-model.h"
#include "lq-eq-curve.h"
#include "lq-settings.h"
#include "lq-source-set.h"
#include "lq-undo-stack.h"

G_BEGIN_DECLS

/* The mastering chain editor: EQ curve and band controls, compressor and limiter with their
 * gain-reduction meters, gains, chain presets and "Reach Target". Its actions are in the
 * "chain" group: bypass-eq, bypass-comp, bypass-limiter (the model's bypass properties),
 * bypass-all (hear the mix, loudness-matched, instead of the master), add-band, remove-band,
 * builtin (s), load-preset, save-preset, reach-target. */

#define LQ_TYPE_CHAIN_PANEL (lq_chain_panel_get_type ())

G_DECLARE_FINAL_TYPE (LqChainPanel, lq_chain_panel, LQ, CHAIN_PANEL, AdwBin)

GtkWidget     *lq_chain_panel_new                (void);
/* The undo stack's model is the panel's model. */
LqUndoStack   *lq_chain_panel_get_undo_stack     (LqChainPanel *self);
void           lq_chain_panel_set_undo_stack     (LqChainPanel *self,
                                                  LqUndoStack  *undo);
LqChainModel  *lq_chain_panel_get_model          (LqChainPanel *self);
LqSourceSet   *lq_chain_panel_get_sources        (LqChainPanel *self);
void           lq_chain_panel_set_sources        (LqChainPanel *self,
                                                  LqSourceSet  *sources);
/* The snapshots menu in the header (lq-snapshot-menu.h). */
void           lq_chain_panel_set_snapshots_menu (LqChainPanel *self,
                                                  GMenuModel   *menu);
const char    *lq_chain_panel_get_preset_id      (LqChainPanel *self);
void           lq_chain_panel_set_preset_id      (LqChainPanel *self,
                                                  const char   *preset_id);
/* Whether "Reach Target" is searching. */
gboolean       lq_chain_panel_get_busy           (LqChainPanel *self);
/* What the last "Reach Target" found and did, while the chain is the one it left (an undo
 * hides it); NULL otherwise. */
const char    *lq_chain_panel_get_target_message (LqChainPanel *self);
void           lq_chain_panel_set_settings       (LqChainPanel *self,
                                                  LqSettings   *settings);
void           lq_chain_panel_set_custom_target  (LqChainPanel *self,
                                                  double        target_lufs,
                                                  double        ceiling_dbtp);
LqEqCurve     *lq_chain_panel_get_eq_curve       (LqChainPanel *self);
/* The spin button that edits the parameter (for a band's: the selected band's), or NULL. */
GtkSpinButton *lq_chain_panel_get_spin_button    (LqChainPanel   *self,
                                                  LqChainParamId  id);
/* Live gain reduction (dB, >= 0) of the compressor and the limiter, for the meters; called
 * by the player's meter code on the frame clock. */
void           lq_chain_panel_set_gain_reduction (LqChainPanel *self,
                                                  double        comp_db,
                                                  double        lim_db);
/* Their history (lq_meter_feed_get_gr_history), on the frame clock; NULL clears. */
void           lq_chain_panel_set_gr_history     (LqChainPanel *self,
                                                  const float  *compressor_db,
                                                  const float  *limiter_db,
                                                  guint         n,
                                                  guint         capacity);

G_END_DECLS
