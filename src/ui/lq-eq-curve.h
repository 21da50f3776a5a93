/* lq-eq-curve.h
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

#include <gtk/gtk.h>

#include "lq-chain-model.h"
#include "lq-source.h"

G_BEGIN_DECLS

/* The EQ editor's graph: the combined response of the model's EQ (lq_eq_get_response) over
 * the long-term spectrum of a source, with a handle per band. Drag a handle: frequency and
 * gain; scroll over it: Q; double-click: reset the band (0 dB, default Q). A drag, and a run
 * of scroll steps on one band, emit "edit-begin" and "edit-end" around their changes so the
 * undo stack can make each one step. */

#define LQ_TYPE_EQ_CURVE (lq_eq_curve_get_type ())

G_DECLARE_FINAL_TYPE (LqEqCurve, lq_eq_curve, LQ, EQ_CURVE, GtkWidget)

GtkWidget    *lq_eq_curve_new               (void);
LqChainModel *lq_eq_curve_get_model         (LqEqCurve    *self);
void          lq_eq_curve_set_model         (LqEqCurve    *self,
                                             LqChainModel *model);
LqSource     *lq_eq_curve_get_source        (LqEqCurve    *self);
void          lq_eq_curve_set_source        (LqEqCurve    *self,
                                             LqSource     *source);
/* -1 for none. */
int           lq_eq_curve_get_selected_band (LqEqCurve    *self);
void          lq_eq_curve_set_selected_band (LqEqCurve    *self,
                                             int           band);
/* The plot's rectangle in widget coordinates; every handle lies wholly inside it. */
void          lq_eq_curve_get_plot_area     (LqEqCurve       *self,
                                             graphene_rect_t *area);
/* Where band's handle is drawn, in widget coordinates (for tests and tooltips). */
gboolean      lq_eq_curve_get_handle        (LqEqCurve    *self,
                                             guint         band,
                                             double       *x,
                                             double       *y);

G_END_DECLS
