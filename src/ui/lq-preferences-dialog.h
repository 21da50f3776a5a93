/* lq-preferences-dialog.h
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

#include "lq-settings.h"

G_BEGIN_DECLS

#define LQ_TYPE_PREFERENCES_DIALOG (lq_preferences_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LqPreferencesDialog, lq_preferences_dialog, LQ, PREFERENCES_DIALOG,
                      AdwPreferencesWindow)

/* Output device, buffer size, default target and listening level, bound to settings.
 * device_names are the outputs the player offers (NULL: only "Default"). */
GtkWidget *lq_preferences_dialog_new (LqSettings         *settings,
                                      const char * const *device_names);

G_END_DECLS
