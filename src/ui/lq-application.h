/* lq-application.h
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

#define LQ_TYPE_APPLICATION (lq_application_get_type ())
#define LQ_APPLICATION_DEFAULT (LQ_APPLICATION (g_application_get_default ()))

G_DECLARE_FINAL_TYPE (LqApplication, lq_application, LQ, APPLICATION, AdwApplication)

LqApplication *lq_application_new          (void);
LqSettings    *lq_application_get_settings (LqApplication *self);
/* A window's "Save Changes?" was cancelled: app.quit stops there, the other windows stay. */
void           lq_application_cancel_quit  (LqApplication *self);
/* Whether app.quit is closing the windows. */
gboolean       lq_application_get_quitting (LqApplication *self);

G_END_DECLS
