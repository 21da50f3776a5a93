/* lq-source-set.c
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

#include "lq-source-set.h"

struct _LqSourceSet
{
  GObject    parent_instance;

  GPtrArray *items;            /* LqSource: mix, master, references… (empty without a mix) */
  int        selected;
  int        previous;
  int        last_reference;
  double     listening_level;
  gboolean   loudness_match;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LqSourceSet, lq_source_set, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_IS_EMPTY,
  PROP_MIX,
  PROP_N_REFERENCES,
  PROP_SELECTED_INDEX,
  PROP_SELECTED,
  PROP_COMPARISON,
  PROP_LOUDNESS_MATCH,
  PROP_LISTENING_LEVEL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GType
list_model_get_item_type (GListModel *model)
{
  return LQ_TYPE_SOURCE;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return LQ_SOURCE_SET (model)->items->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  LqSourceSet *self = LQ_SOURCE_SET (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

static LqSource *
item_at (LqSourceSet *self,
         int          index)
{
  if (index < 0 || index >= (int) self->items->len)
    return NULL;
  return g_ptr_array_index (self->items, index);
}

static void
lq_source_set_finalize (GObject *object)
{
  LqSourceSet *self = (LqSourceSet *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (lq_source_set_parent_class)->finalize (object);
}

static void
lq_source_set_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LqSourceSet *self = LQ_SOURCE_SET (object);

  switch (prop_id)
    {
    case PROP_IS_EMPTY:
      g_value_set_boolean (value, lq_source_set_is_empty (self));
      break;
    case PROP_MIX:
      g_value_set_object (value, lq_source_set_get_mix (self));
      break;
    case PROP_N_REFERENCES:
      g_value_set_uint (value, lq_source_set_get_n_references (self));
      break;
    case PROP_SELECTED_INDEX:
      g_value_set_int (value, self->selected);
      break;
    case PROP_SELECTED:
      g_value_set_object (value, lq_source_set_get_selected (self));
      break;
    case PROP_COMPARISON:
      g_value_set_object (value, lq_source_set_get_comparison (self));
      break;
    case PROP_LOUDNESS_MATCH:
      g_value_set_boolean (value, self->loudness_match);
      break;
    case PROP_LISTENING_LEVEL:
      g_value_set_double (value, self->listening_level);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_source_set_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LqSourceSet *self = LQ_SOURCE_SET (object);

  switch (prop_id)
    {
    case PROP_SELECTED_INDEX:
      lq_source_set_select (self, g_value_get_int (value));
      break;
    case PROP_LOUDNESS_MATCH:
      lq_source_set_set_loudness_match (self, g_value_get_boolean (value));
      break;
    case PROP_LISTENING_LEVEL:
      lq_source_set_set_listening_level (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_source_set_class_init (LqSourceSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lq_source_set_finalize;
  object_class->get_property = lq_source_set_get_property;
  object_class->set_property = lq_source_set_set_property;

  properties [PROP_IS_EMPTY] =
    g_param_spec_boolean ("is-empty", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_MIX] =
    g_param_spec_object ("mix", NULL, NULL, LQ_TYPE_SOURCE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_N_REFERENCES] =
    g_param_spec_uint ("n-references", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SELECTED_INDEX] =
    g_param_spec_int ("selected-index", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, LQ_TYPE_SOURCE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_COMPARISON] =
    g_param_spec_object ("comparison", NULL, NULL, LQ_TYPE_SOURCE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_LOUDNESS_MATCH] =
    g_param_spec_boolean ("loudness-match", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_LISTENING_LEVEL] =
    g_param_spec_double ("listening-level", NULL, NULL, -40.0, 0.0, -14.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lq_source_set_init (LqSourceSet *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->selected = -1;
  self->previous = -1;
  self->last_reference = -1;
  self->listening_level = -14.0;
  self->loudness_match = TRUE;
}

LqSourceSet *
lq_source_set_new (void)
{
  return g_object_new (LQ_TYPE_SOURCE_SET, NULL);
}

gboolean
lq_source_set_is_empty (LqSourceSet *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_SET (self), TRUE);

  return self->items->len == 0;
}

LqSource *
lq_source_set_get_mix (LqSourceSet *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_SET (self), NULL);

  return item_at (self, LQ_SOURCE_SET_MIX);
}

void
lq_source_set_set_mix (LqSourceSet *self,
                       LqSource    *mix)
{
  gboolean was_empty;
  LqSource *master;

  g_return_if_fail (LQ_IS_SOURCE_SET (self));
  g_return_if_fail (LQ_IS_SOURCE (mix));
  g_return_if_fail (lq_source_get_kind (mix) == LQ_SOURCE_KIND_MIX);

  if (item_at (self, LQ_SOURCE_SET_MIX) == mix)
    return;

  was_empty = self->items->len == 0;
  master = lq_source_new_master (mix);
  if (was_empty)
    {
      g_ptr_array_add (self->items, g_object_ref (mix));
      g_ptr_array_add (self->items, master);
    }
  else
    {
      g_object_unref (g_ptr_array_index (self->items, LQ_SOURCE_SET_MIX));
      g_object_unref (g_ptr_array_index (self->items, LQ_SOURCE_SET_MASTER));
      self->items->pdata[LQ_SOURCE_SET_MIX] = g_object_ref (mix);
      self->items->pdata[LQ_SOURCE_SET_MASTER] = master;
    }

  g_object_freeze_notify (G_OBJECT (self));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, was_empty ? 0 : 2, 2);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MIX]);
  if (was_empty)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_IS_EMPTY]);
      lq_source_set_select (self, LQ_SOURCE_SET_MIX);
    }
  else if (self->selected < LQ_SOURCE_SET_FIRST_REFERENCE)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COMPARISON]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
lq_source_set_add_reference (LqSourceSet *self,
                             LqSource    *reference)
{
  guint position;

  g_return_if_fail (LQ_IS_SOURCE_SET (self));
  g_return_if_fail (LQ_IS_SOURCE (reference));
  g_return_if_fail (lq_source_get_kind (reference) == LQ_SOURCE_KIND_REFERENCE);
  g_return_if_fail (!lq_source_set_is_empty (self));

  position = self->items->len;
  g_ptr_array_add (self->items, g_object_ref (reference));
  if (self->last_reference < 0)
    self->last_reference = (int) position;

  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_REFERENCES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COMPARISON]);
}

/* Drops every reference; the mix and the master stay (a session being replaced). */
void
lq_source_set_remove_references (LqSourceSet *self)
{
  guint n;

  g_return_if_fail (LQ_IS_SOURCE_SET (self));

  n = lq_source_set_get_n_references (self);
  if (n == 0)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  if (self->selected >= LQ_SOURCE_SET_FIRST_REFERENCE)
    lq_source_set_select (self, LQ_SOURCE_SET_MIX);
  if (self->previous >= LQ_SOURCE_SET_FIRST_REFERENCE)
    self->previous = -1;
  self->last_reference = -1;
  g_ptr_array_remove_range (self->items, LQ_SOURCE_SET_FIRST_REFERENCE, n);
  g_list_model_items_changed (G_LIST_MODEL (self), LQ_SOURCE_SET_FIRST_REFERENCE, n, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_REFERENCES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COMPARISON]);
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
is_reference (LqSourceSet *self,
              int          index)
{
  return index >= LQ_SOURCE_SET_FIRST_REFERENCE && index < (int) self->items->len;
}

/* Where the item at index went when the one at from moved to to. */
static int
moved_index (int index,
             int from,
             int to)
{
  if (index < 0)
    return index;
  if (index == from)
    return to;
  if (from < to && index > from && index <= to)
    return index - 1;
  if (to < from && index >= to && index < from)
    return index + 1;
  return index;
}

/* Removes the reference at list position index. Removing the selected one selects the mix;
 * the other indices follow their sources. */
void
lq_source_set_remove_reference (LqSourceSet *self,
                                int          index)
{
  int old_selected;

  g_return_if_fail (LQ_IS_SOURCE_SET (self));
  g_return_if_fail (is_reference (self, index));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->selected == index)
    lq_source_set_select (self, LQ_SOURCE_SET_MIX);
  old_selected = self->selected;
  if (self->previous == index)
    self->previous = -1;
  else if (self->previous > index)
    self->previous--;
  if (self->selected > index)
    self->selected--;
  if (self->last_reference == index)
    self->last_reference = -1;
  else if (self->last_reference > index)
    self->last_reference--;
  g_ptr_array_remove_index (self->items, (guint) index);
  if (self->last_reference < 0 && lq_source_set_get_n_references (self) > 0)
    self->last_reference = LQ_SOURCE_SET_FIRST_REFERENCE;

  g_list_model_items_changed (G_LIST_MODEL (self), (guint) index, 1, 0);
  if (self->selected != old_selected)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED_INDEX]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_REFERENCES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COMPARISON]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Moves the reference at list position from to position to (both references); the selection
 * follows its source. */
void
lq_source_set_move_reference (LqSourceSet *self,
                              int          from,
                              int          to)
{
  LqSource *item;
  int old_selected;

  g_return_if_fail (LQ_IS_SOURCE_SET (self));
  g_return_if_fail (is_reference (self, from));
  g_return_if_fail (is_reference (self, to));

  if (from == to)
    return;
  item = g_ptr_array_steal_index (self->items, (guint) from);
  g_ptr_array_insert (self->items, to, item);
  old_selected = self->selected;
  self->selected = moved_index (self->selected, from, to);
  self->previous = moved_index (self->previous, from, to);
  self->last_reference = moved_index (self->last_reference, from, to);

  g_object_freeze_notify (G_OBJECT (self));
  g_list_model_items_changed (G_LIST_MODEL (self), (guint) MIN (from, to),
                              (guint) ABS (to - from) + 1, (guint) ABS (to - from) + 1);
  if (self->selected != old_selected)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED_INDEX]);
  g_object_thaw_notify (G_OBJECT (self));
}

guint
lq_source_set_get_n_references (LqSourceSet *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_SET (self), 0);

  return self->items->len > LQ_SOURCE_SET_FIRST_REFERENCE
         ? self->items->len - LQ_SOURCE_SET_FIRST_REFERENCE : 0;
}

int
lq_source_set_get_selected_index (LqSourceSet *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_SET (self), -1);

  return self->selected;
}

void
lq_source_set_select (LqSourceSet *self,
                      int          index)
{
  LqSource *comparison;

  g_return_if_fail (LQ_IS_SOURCE_SET (self));

  if (index == self->selected || item_at (self, index) == NULL)
    return;

  /* Between two references, or the mix and the master, the comparison stays. */
  comparison = lq_source_set_get_comparison (self);
  self->previous = self->selected;
  self->selected = index;
  if (index >= LQ_SOURCE_SET_FIRST_REFERENCE)
    self->last_reference = index;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED_INDEX]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED]);
  if (lq_source_set_get_comparison (self) != comparison)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COMPARISON]);
  g_object_thaw_notify (G_OBJECT (self));
}

LqSource *
lq_source_set_get_selected (LqSourceSet *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_SET (self), NULL);

  return item_at (self, self->selected);
}

void
lq_source_set_toggle (LqSourceSet *self)
{
  g_return_if_fail (LQ_IS_SOURCE_SET (self));

  if (item_at (self, self->previous) != NULL)
    lq_source_set_select (self, self->previous);
}

LqSource *
lq_source_set_get_comparison (LqSourceSet *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_SET (self), NULL);

  if (self->selected >= LQ_SOURCE_SET_FIRST_REFERENCE)
    return item_at (self, LQ_SOURCE_SET_MIX);
  return item_at (self, self->last_reference);
}

gboolean
lq_source_set_get_loudness_match (LqSourceSet *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_SET (self), FALSE);

  return self->loudness_match;
}

void
lq_source_set_set_loudness_match (LqSourceSet *self,
                                  gboolean     match)
{
  g_return_if_fail (LQ_IS_SOURCE_SET (self));

  match = !!match;
  if (self->loudness_match == match)
    return;
  self->loudness_match = match;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOUDNESS_MATCH]);
}

double
lq_source_set_get_listening_level (LqSourceSet *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_SET (self), 0.0);

  return self->listening_level;
}

void
lq_source_set_set_listening_level (LqSourceSet *self,
                                   double       lufs)
{
  g_return_if_fail (LQ_IS_SOURCE_SET (self));

  lufs = CLAMP (lufs, -40.0, 0.0);
  if (self->listening_level == lufs)
    return;
  self->listening_level = lufs;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LISTENING_LEVEL]);
}
