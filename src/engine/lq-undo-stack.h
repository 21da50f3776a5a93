/* lq-undo-stack.h
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

#include "lq-chain-model.h"

G_BEGIN_DECLS

/* Undo and redo of a chain model by snapshots of its LqChainParams: every "changed" of the
 * model is one step, except inside begin_group () … end_group () (a drag), which is one step
 * however many changes it makes. Applying a snapshot is itself no step. Changes outside the
 * chain (the references of a session) are steps too, pushed as actions that know how to undo
 * and redo themselves. */

/* Undoes (redo FALSE) or redoes the action that data describes. */
typedef void (*LqUndoFunc) (gpointer data,
                            gboolean redo);

#define LQ_TYPE_UNDO_STACK (lq_undo_stack_get_type ())

G_DECLARE_FINAL_TYPE (LqUndoStack, lq_undo_stack, LQ, UNDO_STACK, GObject)

LqUndoStack  *lq_undo_stack_new         (LqChainModel *model);
LqChainModel *lq_undo_stack_get_model   (LqUndoStack  *self);
gboolean      lq_undo_stack_get_can_undo (LqUndoStack *self);
gboolean      lq_undo_stack_get_can_redo (LqUndoStack *self);
void          lq_undo_stack_undo        (LqUndoStack  *self);
void          lq_undo_stack_redo        (LqUndoStack  *self);
/* Nestable. */
void          lq_undo_stack_begin_group (LqUndoStack  *self);
void          lq_undo_stack_end_group   (LqUndoStack  *self);
/* A step that has been done already: apply undoes and redoes it; destroy frees data when
 * the step leaves the history. */
void          lq_undo_stack_push_action (LqUndoStack   *self,
                                         LqUndoFunc     apply,
                                         gpointer       data,
                                         GDestroyNotify destroy);
/* Forgets the history; the model's current params become the base (after opening). */
void          lq_undo_stack_clear       (LqUndoStack  *self);

G_END_DECLS
