/* lq-snapshot-menu.c
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

#include "lq-snapshot-menu.h"

static GMenuItem *
snapshot_item (const char *label,
               const char *action,
               guint       position,
               const char *accel_format)
{
  GMenuItem *item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target (item, action, "i", (gint32) position);
  if (accel_format != NULL && position < LQ_SNAPSHOT_N_KEYS)
    {
      g_autofree char *accel = g_strdup_printf (accel_format, position + 1);

      g_menu_item_set_attribute (item, "accel", "s", accel);
    }
  return item;
}

/* A submenu with one item per snapshot, for action. */
static void
append_submenu (GMenu          *section,
                const char     *label,
                LqSnapshotList *snapshots,
                const char     *action,
                const char     *accel_format)
{
  g_autoptr(GMenu) submenu = g_menu_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (snapshots));

  for (guint i = 0; i < n; i++)
    {
      LqSnapshot *snapshot = lq_snapshot_list_get (snapshots, i);
      g_autoptr(GMenuItem) item = snapshot_item (lq_snapshot_get_name (snapshot), action, i,
                                                 accel_format);

      g_menu_append_item (submenu, item);
    }
  g_menu_append_submenu (section, label, G_MENU_MODEL (submenu));
}

GMenuModel *
lq_snapshot_menu_new (LqSnapshotList *snapshots)
{
  GMenu *menu;
  g_autoptr(GMenu) recall = g_menu_new ();
  g_autoptr(GMenu) store = g_menu_new ();
  g_autoptr(GMenu) compare = g_menu_new ();
  g_autoptr(GMenuItem) store_new = NULL;
  guint n;

  g_return_val_if_fail (LQ_IS_SNAPSHOT_LIST (snapshots), NULL);

  menu = g_menu_new ();
  n = g_list_model_get_n_items (G_LIST_MODEL (snapshots));
  for (guint i = 0; i < n; i++)
    {
      LqSnapshot *snapshot = lq_snapshot_list_get (snapshots, i);
      g_autoptr(GMenuItem) item = snapshot_item (lq_snapshot_get_name (snapshot),
                                                 "win.snapshot-recall", i, "<Alt>%u");

      g_menu_append_item (recall, item);
    }
  /* Without an action the item shows greyed out: a hint, not a command. */
  if (n == 0)
    g_menu_append (recall, _("No snapshots yet"), NULL);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (recall));

  store_new = snapshot_item (_("_Store as New Snapshot"), "win.snapshot-store", n,
                             "<Control>%u");
  g_menu_append_item (store, store_new);
  if (n > 0)
    {
      append_submenu (store, _("_Replace With Current Chain"), snapshots,
                      "win.snapshot-store", "<Control>%u");
      append_submenu (store, _("Re_name"), snapshots, "win.snapshot-rename", NULL);
      append_submenu (store, _("_Delete"), snapshots, "win.snapshot-delete", NULL);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (store));
  /* A check item (the action has a boolean state): each snapshot as a source of its own. */
  g_menu_append (compare, _("_Compare Snapshots"), "win.compare");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (compare));
  return G_MENU_MODEL (menu);
}
