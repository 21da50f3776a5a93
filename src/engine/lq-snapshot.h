/* lq-snapshot.h
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

#include <gio/gio.h>

#include "lq-chain.h"

G_BEGIN_DECLS

/* Named snapshots of the chain's parameters, so that versions of a master can be compared.
 * A snapshot never changes once made: storing over one or renaming it replaces it in its
 * list, so a list can be copied to a worker (to save it) by sharing its snapshots. The list
 * is a GListModel (the menus show it) whose names are unique and not empty; any change of it
 * is an "items-changed". */

#define LQ_SNAPSHOT_ERROR (lq_snapshot_error_quark ())
/* Longer is not a name a menu can show. */
#define LQ_SNAPSHOT_MAX_NAME 64

typedef enum
{
  LQ_SNAPSHOT_ERROR_NAME,       /* empty, too long or not UTF-8 */
  LQ_SNAPSHOT_ERROR_EXISTS,
  LQ_SNAPSHOT_ERROR_NOT_FOUND,
} LqSnapshotError;

#define LQ_TYPE_SNAPSHOT (lq_snapshot_get_type ())

G_DECLARE_FINAL_TYPE (LqSnapshot, lq_snapshot, LQ, SNAPSHOT, GObject)

#define LQ_TYPE_SNAPSHOT_LIST (lq_snapshot_list_get_type ())

G_DECLARE_FINAL_TYPE (LqSnapshotList, lq_snapshot_list, LQ, SNAPSHOT_LIST, GObject)

GQuark               lq_snapshot_error_quark      (void);

LqSnapshot          *lq_snapshot_new              (const char          *name,
                                                   const LqChainParams *params);
const char          *lq_snapshot_get_name         (LqSnapshot          *self);
const LqChainParams *lq_snapshot_get_params       (LqSnapshot          *self);

/* Whether name can name a snapshot (FALSE with LQ_SNAPSHOT_ERROR_NAME). */
gboolean             lq_snapshot_name_is_valid    (const char          *name,
                                                   GError             **error);

LqSnapshotList      *lq_snapshot_list_new         (void);
/* Borrowed; NULL when out of range. */
LqSnapshot          *lq_snapshot_list_get         (LqSnapshotList      *self,
                                                   guint                position);
/* Borrowed; NULL when no snapshot has that name. position may be NULL. */
LqSnapshot          *lq_snapshot_list_find        (LqSnapshotList      *self,
                                                   const char          *name,
                                                   guint               *position);
/* The first of "A", "B", … "Z", "Snapshot 27", … that no snapshot has. */
char                *lq_snapshot_list_dup_free_name (LqSnapshotList    *self);
/* Stores params under name: a snapshot of that name is replaced in place, else one is
 * appended. Returns it (borrowed), or NULL for an invalid name. */
LqSnapshot          *lq_snapshot_list_store       (LqSnapshotList      *self,
                                                   const char          *name,
                                                   const LqChainParams *params,
                                                   GError             **error);
gboolean             lq_snapshot_list_rename      (LqSnapshotList      *self,
                                                   const char          *name,
                                                   const char          *new_name,
                                                   GError             **error);
gboolean             lq_snapshot_list_remove      (LqSnapshotList      *self,
                                                   const char          *name);
/* Makes self hold other's snapshots (shared), in other's order; other NULL empties it. */
void                 lq_snapshot_list_assign      (LqSnapshotList      *self,
                                                   LqSnapshotList      *other);

G_END_DECLS
