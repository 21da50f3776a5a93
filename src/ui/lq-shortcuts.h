/* lq-shortcuts.h
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

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Where a shortcut is bound; see lq-shortcuts.defs. */
typedef enum
{
  LQ_SHORTCUT_SCOPE_APP,
  LQ_SHORTCUT_SCOPE_WINDOW,
  LQ_SHORTCUT_SCOPE_TRANSPORT,
  LQ_SHORTCUT_SCOPE_ABX,
} LqShortcutScope;

/* One row of lq-shortcuts.defs. group and title are marked, not translated: pass them
 * through gettext where they are shown. */
typedef struct
{
  const char      *group;
  LqShortcutScope  scope;
  const char      *action;
  const char      *target;
  const char      *accelerators;
  const char      *title;
} LqShortcut;

/* Called for each key a shortcut binds: a range and the keypad twins of digits give one call
 * per key. target is NULL for an action without a parameter. */
typedef void (*LqShortcutKeyFunc) (const LqShortcut *shortcut,
                                   guint             keyval,
                                   GdkModifierType   modifiers,
                                   GVariant         *target,
                                   gpointer          user_data);

const LqShortcut   *lq_shortcuts_get                       (guint             *n_shortcuts);
void                lq_shortcuts_foreach_key               (LqShortcutKeyFunc  func,
                                                            gpointer           user_data);
void                lq_shortcuts_add_to_application        (GtkApplication    *app);
void                lq_shortcuts_add_to_window_class       (GtkWidgetClass    *widget_class);
GtkEventController *lq_shortcuts_new_transport_controller  (void);
/* The keys of the blind test's window (scope ABX). */
void                lq_shortcuts_add_to_abx_class          (GtkWidgetClass    *widget_class);
/* A GtkShortcutsWindow, or an AdwShortcutsDialog with libadwaita 1.8 or later. */
GtkWidget          *lq_shortcuts_dialog_new                (void);

G_END_DECLS
