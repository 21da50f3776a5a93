/* lq-undo-stack.c
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

#include "lq-undo-stack.h"

#define MAX_STEPS 500

/* A chain step holds the params on its other side; an action step its own undo and redo. */
typedef struct
{
  LqChainParams  params;
  LqUndoFunc     apply;       /* NULL: a chain step */
  gpointer       data;
  GDestroyNotify destroy;
} Step;

struct _LqUndoStack
{
  GObject        parent_instance;

  LqChainModel  *model;
  GArray        *undo;        /* Step, the newest last */
  GArray        *redo;
  LqChainParams  current;     /* what the model held after the last step */
  guint          group_depth;
  gboolean       group_pushed;
  gboolean       applying;
};

G_DEFINE_FINAL_TYPE (LqUndoStack, lq_undo_stack, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
step_clear (gpointer data)
{
  Step *step = data;

  if (step->destroy != NULL)
    step->destroy (step->data);
  step->destroy = NULL;
  step->data = NULL;
}

/* A new step: the oldest goes beyond MAX_STEPS, and what could be redone is gone. */
static void
push_step (LqUndoStack *self,
           const Step  *step)
{
  g_array_append_vals (self->undo, step, 1);
  if (self->undo->len > MAX_STEPS)
    g_array_remove_index (self->undo, 0);
  g_array_set_size (self->redo, 0);
}

static void
notify_can (LqUndoStack *self,
            gboolean     could_undo,
            gboolean     could_redo)
{
  if (could_undo != (self->undo->len > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAN_UNDO]);
  if (could_redo != (self->redo->len > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAN_REDO]);
}

static void
lq_undo_stack_model_changed_cb (LqUndoStack  *self,
                                LqChainModel *model)
{
  gboolean could_undo = self->undo->len > 0, could_redo = self->redo->len > 0;

  if (!self->applying && !(self->group_depth > 0 && self->group_pushed))
    {
      Step step = { .params = self->current };

      push_step (self, &step);
      if (self->group_depth > 0)
        self->group_pushed = TRUE;
    }
  self->current = *lq_chain_model_get_params (model);
  notify_can (self, could_undo, could_redo);
}

static void
lq_undo_stack_dispose (GObject *object)
{
  LqUndoStack *self = (LqUndoStack *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (lq_undo_stack_parent_class)->dispose (object);
}

static void
lq_undo_stack_finalize (GObject *object)
{
  LqUndoStack *self = (LqUndoStack *)object;

  g_array_unref (self->undo);
  g_array_unref (self->redo);

  G_OBJECT_CLASS (lq_undo_stack_parent_class)->finalize (object);
}

static void
lq_undo_stack_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LqUndoStack *self = LQ_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->undo->len > 0);
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, self->redo->len > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_undo_stack_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LqUndoStack *self = LQ_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      self->model = g_value_dup_object (value);
      self->current = *lq_chain_model_get_params (self->model);
      g_signal_connect_swapped (self->model, "changed",
                                G_CALLBACK (lq_undo_stack_model_changed_cb), self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_undo_stack_class_init (LqUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lq_undo_stack_dispose;
  object_class->finalize = lq_undo_stack_finalize;
  object_class->get_property = lq_undo_stack_get_property;
  object_class->set_property = lq_undo_stack_set_property;

  properties [PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, LQ_TYPE_CHAIN_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties [PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lq_undo_stack_init (LqUndoStack *self)
{
  self->undo = g_array_new (FALSE, FALSE, sizeof (Step));
  self->redo = g_array_new (FALSE, FALSE, sizeof (Step));
  g_array_set_clear_func (self->undo, step_clear);
  g_array_set_clear_func (self->redo, step_clear);
}

LqUndoStack *
lq_undo_stack_new (LqChainModel *model)
{
  g_return_val_if_fail (LQ_IS_CHAIN_MODEL (model), NULL);

  return g_object_new (LQ_TYPE_UNDO_STACK, "model", model, NULL);
}

LqChainModel *
lq_undo_stack_get_model (LqUndoStack *self)
{
  g_return_val_if_fail (LQ_IS_UNDO_STACK (self), NULL);

  return self->model;
}

gboolean
lq_undo_stack_get_can_undo (LqUndoStack *self)
{
  g_return_val_if_fail (LQ_IS_UNDO_STACK (self), FALSE);

  return self->undo->len > 0;
}

gboolean
lq_undo_stack_get_can_redo (LqUndoStack *self)
{
  g_return_val_if_fail (LQ_IS_UNDO_STACK (self), FALSE);

  return self->redo->len > 0;
}

/* Takes the newest step of from: a chain step moves its snapshot to the model and the
 * model's params onto to; an action applies itself and moves onto to. */
static void
step (LqUndoStack *self,
      GArray      *from,
      GArray      *to)
{
  gboolean could_undo = self->undo->len > 0, could_redo = self->redo->len > 0;
  Step *last, taken;

  if (from->len == 0)
    return;
  last = &g_array_index (from, Step, from->len - 1);
  taken = *last;
  last->destroy = NULL;   /* it moves, it is not freed */
  g_array_set_size (from, from->len - 1);
  self->applying = TRUE;
  if (taken.apply != NULL)
    {
      taken.apply (taken.data, to == self->undo);
      g_array_append_val (to, taken);
    }
  else
    {
      Step back = { .params = self->current };

      g_array_append_val (to, back);
      lq_chain_model_set_params (self->model, &taken.params);
    }
  self->applying = FALSE;
  self->current = *lq_chain_model_get_params (self->model);
  notify_can (self, could_undo, could_redo);
}

void
lq_undo_stack_undo (LqUndoStack *self)
{
  g_return_if_fail (LQ_IS_UNDO_STACK (self));

  step (self, self->undo, self->redo);
}

void
lq_undo_stack_redo (LqUndoStack *self)
{
  g_return_if_fail (LQ_IS_UNDO_STACK (self));

  step (self, self->redo, self->undo);
}

void
lq_undo_stack_begin_group (LqUndoStack *self)
{
  g_return_if_fail (LQ_IS_UNDO_STACK (self));

  if (self->group_depth++ == 0)
    self->group_pushed = FALSE;
}

void
lq_undo_stack_end_group (LqUndoStack *self)
{
  g_return_if_fail (LQ_IS_UNDO_STACK (self));
  g_return_if_fail (self->group_depth > 0);

  self->group_depth--;
}

void
lq_undo_stack_push_action (LqUndoStack   *self,
                           LqUndoFunc     apply,
                           gpointer       data,
                           GDestroyNotify destroy)
{
  gboolean could_undo, could_redo;
  Step step = { .apply = apply, .data = data, .destroy = destroy };

  g_return_if_fail (LQ_IS_UNDO_STACK (self));
  g_return_if_fail (apply != NULL);

  could_undo = self->undo->len > 0;
  could_redo = self->redo->len > 0;
  push_step (self, &step);
  notify_can (self, could_undo, could_redo);
}

void
lq_undo_stack_clear (LqUndoStack *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (LQ_IS_UNDO_STACK (self));

  could_undo = self->undo->len > 0;
  could_redo = self->redo->len > 0;
  g_array_set_size (self->undo, 0);
  g_array_set_size (self->redo, 0);
  self->current = *lq_chain_model_get_params (self->model);
  notify_can (self, could_undo, could_redo);
}
