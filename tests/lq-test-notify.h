/* lq-test-notify.h
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

G_BEGIN_DECLS

/* The generic property-notify check (STYLE: "Boilerplate drift"), shared by the engine and
 * UI tests. */

/* Fills value (already initialised to the property's type) with a value different from
 * current, for a type the check cannot make up itself (objects). FALSE: none. */
typedef gboolean (*LqTestNotifyValueFunc) (GParamSpec   *pspec,
                                           const GValue *current,
                                           GValue       *value,
                                           gpointer      user_data);

/* For each writable property the object's own type installs: it must be EXPLICIT_NOTIFY;
 * setting a new value emits exactly one notify for it, and setting it again none. Any
 * property (read-only ones included) that notifies while this happens must really have
 * changed. custom may be NULL. */
void lq_test_notify_check_object (GObject               *object,
                                  LqTestNotifyValueFunc  custom,
                                  gpointer               user_data);

G_END_DECLS
