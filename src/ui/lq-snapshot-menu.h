/* lq-snapshot-menu.h
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

#include "lq-snapshot.h"

G_BEGIN_DECLS

/* The snapshots menu of the chain panel: recall each snapshot, store the chain as a new one,
 * and replace, rename or delete one, through the window's win.snapshot-* actions (an int32
 * position). The first four show their keys. Built afresh for each change of the list:
 * GtkPopoverMenu (4.8) keeps the old pages of submenus when a model changes under it. */
GMenuModel *lq_snapshot_menu_new (LqSnapshotList *snapshots);

/* How many snapshots have keys (Ctrl+1…4 store, Alt+1…4 recall; lq-shortcuts.defs). */
#define LQ_SNAPSHOT_N_KEYS 4

G_END_DECLS
