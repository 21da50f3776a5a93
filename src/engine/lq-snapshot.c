/* lq-snapshot.c
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

#include <glib/gi18n.h>

#include "lq-snapshot.h"

G_DEFINE_QUARK (lq-snapshot-error-quark, lq_snapshot_error)

/* ---- LqSnapshot ------------------------------------------------------------------------ */

struct _LqSnapshot
{
  GObject        parent_instance;

  char          *name;
  LqChainParams  params;
};

G_DEFINE_FINAL_TYPE (LqSnapshot, lq_snapshot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
lq_snapshot_finalize (GObject *object)
{
  LqSnapshot *self = (LqSnapshot *) object;

  g_free (self->name);
  G_OBJECT_CLASS (lq_snapshot_parent_class)->finalize (object);
}

static void
lq_snapshot_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LqSnapshot *self = LQ_SNAPSHOT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_snapshot_class_init (LqSnapshotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lq_snapshot_finalize;
  object_class->get_property = lq_snapshot_get_property;

  /* Read-only: a snapshot never changes (see the header). */
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lq_snapshot_init (LqSnapshot *self)
{
}

LqSnapshot *
lq_snapshot_new (const char          *name,
                 const LqChainParams *params)
{
  LqSnapshot *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  self = g_object_new (LQ_TYPE_SNAPSHOT, NULL);
  self->name = g_strdup (name);
  self->params = *params;
  return self;
}

const char *
lq_snapshot_get_name (LqSnapshot *self)
{
  g_return_val_if_fail (LQ_IS_SNAPSHOT (self), NULL);

  return self->name;
}

const LqChainParams *
lq_snapshot_get_params (LqSnapshot *self)
{
  g_return_val_if_fail (LQ_IS_SNAPSHOT (self), NULL);

  return &self->params;
}

gboolean
lq_snapshot_name_is_valid (const char  *name,
                           GError     **error)
{
  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL)
      || g_utf8_strlen (name, -1) > LQ_SNAPSHOT_MAX_NAME)
    {
      g_set_error (error, LQ_SNAPSHOT_ERROR, LQ_SNAPSHOT_ERROR_NAME,
                   _("A snapshot needs a name of 1 to %d characters"), LQ_SNAPSHOT_MAX_NAME);
      return FALSE;
    }
  return TRUE;
}

/* ---- LqSnapshotList --------------------------------------------------------------------- */

struct _LqSnapshotList
{
  GObject    parent_instance;

  GPtrArray *items;   /* LqSnapshot */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LqSnapshotList, lq_snapshot_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
list_get_item_type (GListModel *model)
{
  return LQ_TYPE_SNAPSHOT;
}

static guint
list_get_n_items (GListModel *model)
{
  return LQ_SNAPSHOT_LIST (model)->items->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  LqSnapshotList *self = LQ_SNAPSHOT_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
replace_at (LqSnapshotList *self,
            guint           position,
            LqSnapshot     *snapshot)
{
  g_assert (position < self->items->len);

  g_object_unref (g_ptr_array_index (self->items, position));
  g_ptr_array_index (self->items, position) = snapshot;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

static void
lq_snapshot_list_finalize (GObject *object)
{
  LqSnapshotList *self = (LqSnapshotList *) object;

  g_ptr_array_unref (self->items);
  G_OBJECT_CLASS (lq_snapshot_list_parent_class)->finalize (object);
}

static void
lq_snapshot_list_class_init (LqSnapshotListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lq_snapshot_list_finalize;
}

static void
lq_snapshot_list_init (LqSnapshotList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

LqSnapshotList *
lq_snapshot_list_new (void)
{
  return g_object_new (LQ_TYPE_SNAPSHOT_LIST, NULL);
}

LqSnapshot *
lq_snapshot_list_get (LqSnapshotList *self,
                      guint           position)
{
  g_return_val_if_fail (LQ_IS_SNAPSHOT_LIST (self), NULL);

  return position < self->items->len ? g_ptr_array_index (self->items, position) : NULL;
}

LqSnapshot *
lq_snapshot_list_find (LqSnapshotList *self,
                       const char     *name,
                       guint          *position)
{
  g_return_val_if_fail (LQ_IS_SNAPSHOT_LIST (self), NULL);

  for (guint i = 0; name != NULL && i < self->items->len; i++)
    {
      LqSnapshot *snapshot = g_ptr_array_index (self->items, i);

      if (g_str_equal (snapshot->name, name))
        {
          if (position)
            *position = i;
          return snapshot;
        }
    }
  return NULL;
}

char *
lq_snapshot_list_dup_free_name (LqSnapshotList *self)
{
  g_return_val_if_fail (LQ_IS_SNAPSHOT_LIST (self), NULL);

  /* Letters first: they read as "Master A", "Master B" when compared. */
  for (guint i = 0; ; i++)
    {
      g_autofree char *name = i < 26 ? g_strdup_printf ("%c", 'A' + i)
                                     : g_strdup_printf (_("Snapshot %u"), i + 1);

      if (lq_snapshot_list_find (self, name, NULL) == NULL)
        return g_steal_pointer (&name);
    }
}

LqSnapshot *
lq_snapshot_list_store (LqSnapshotList      *self,
                        const char          *name,
                        const LqChainParams *params,
                        GError             **error)
{
  LqSnapshot *snapshot;
  guint position;

  g_return_val_if_fail (LQ_IS_SNAPSHOT_LIST (self), NULL);
  g_return_val_if_fail (params != NULL, NULL);

  if (!lq_snapshot_name_is_valid (name, error))
    return NULL;
  snapshot = lq_snapshot_new (name, params);
  if (lq_snapshot_list_find (self, name, &position) != NULL)
    replace_at (self, position, snapshot);
  else
    {
      g_ptr_array_add (self->items, snapshot);
      g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
    }
  return snapshot;
}

gboolean
lq_snapshot_list_rename (LqSnapshotList  *self,
                         const char      *name,
                         const char      *new_name,
                         GError         **error)
{
  LqSnapshot *old;
  guint position;

  g_return_val_if_fail (LQ_IS_SNAPSHOT_LIST (self), FALSE);

  if (!(old = lq_snapshot_list_find (self, name, &position)))
    {
      g_set_error (error, LQ_SNAPSHOT_ERROR, LQ_SNAPSHOT_ERROR_NOT_FOUND,
                   _("No snapshot is named “%s”"), name ? name : "");
      return FALSE;
    }
  if (!lq_snapshot_name_is_valid (new_name, error))
    return FALSE;
  if (g_str_equal (name, new_name))
    return TRUE;
  if (lq_snapshot_list_find (self, new_name, NULL) != NULL)
    {
      g_set_error (error, LQ_SNAPSHOT_ERROR, LQ_SNAPSHOT_ERROR_EXISTS,
                   _("A snapshot named “%s” exists already"), new_name);
      return FALSE;
    }
  replace_at (self, position, lq_snapshot_new (new_name, &old->params));
  return TRUE;
}

gboolean
lq_snapshot_list_remove (LqSnapshotList *self,
                         const char     *name)
{
  guint position;

  g_return_val_if_fail (LQ_IS_SNAPSHOT_LIST (self), FALSE);

  if (lq_snapshot_list_find (self, name, &position) == NULL)
    return FALSE;
  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  return TRUE;
}

void
lq_snapshot_list_assign (LqSnapshotList *self,
                         LqSnapshotList *other)
{
  guint removed;

  g_return_if_fail (LQ_IS_SNAPSHOT_LIST (self));
  g_return_if_fail (other == NULL || LQ_IS_SNAPSHOT_LIST (other));

  if (self == other)
    return;
  removed = self->items->len;
  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; other != NULL && i < other->items->len; i++)
    g_ptr_array_add (self->items, g_object_ref (g_ptr_array_index (other->items, i)));
  if (removed > 0 || self->items->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
}
