/* lq-shortcuts.c
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

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lq-shortcuts.h"

#define LQ_SHORTCUT_GROUP(id, title) static const char lq_shortcut_group_##id[] = title;
#define LQ_SHORTCUT(group, scope, action, target, accelerators, title)
#include "lq-shortcuts.defs"
#undef LQ_SHORTCUT_GROUP
#undef LQ_SHORTCUT

static const LqShortcut shortcuts[] = {
#define LQ_SHORTCUT_GROUP(id, title)
#define LQ_SHORTCUT(group, scope, action, target, accelerators, title) \
  { lq_shortcut_group_##group, LQ_SHORTCUT_SCOPE_##scope, action, target, accelerators, title },
#include "lq-shortcuts.defs"
#undef LQ_SHORTCUT_GROUP
#undef LQ_SHORTCUT
};

static void
emit_key (const LqShortcut  *shortcut,
          guint              keyval,
          GdkModifierType    modifiers,
          GVariant          *target,
          LqShortcutKeyFunc  func,
          gpointer           user_data)
{
  /* No capital for Shift+letter: a GtkKeyvalTrigger matches the shifted key itself. */
  func (shortcut, keyval, modifiers, target, user_data);
  /* The number row and the keypad are the same keys to a person. */
  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9 && modifiers == 0)
    func (shortcut, GDK_KEY_KP_0 + (keyval - GDK_KEY_0), modifiers, target, user_data);
}

static void
foreach_key_of (const LqShortcut  *shortcut,
                LqShortcutKeyFunc  func,
                gpointer           user_data)
{
  g_auto(GStrv) alternatives = g_strsplit (shortcut->accelerators, " ", -1);
  g_autoptr(GVariant) target = NULL;

  if (shortcut->target != NULL)
    {
      g_autoptr(GError) error = NULL;

      target = g_variant_parse (NULL, shortcut->target, NULL, NULL, &error);
      if (target == NULL)
        g_error ("shortcut %s: bad target %s: %s", shortcut->action, shortcut->target,
                 error->message);
    }

  for (guint i = 0; alternatives[i] != NULL; i++)
    {
      g_auto(GStrv) range = g_strsplit (alternatives[i], "...", 2);
      guint first, last;
      GdkModifierType mods, last_mods;

      if (!gtk_accelerator_parse (range[0], &first, &mods))
        g_error ("shortcut %s: bad accelerator %s", shortcut->action, range[0]);
      if (range[1] == NULL)
        {
          emit_key (shortcut, first, mods, target, func, user_data);
          continue;
        }

      /* A range counts the target up with the key: 3...9 with target 2 is 3→2 … 9→8. */
      if (!gtk_accelerator_parse (range[1], &last, &last_mods) || last_mods != mods
          || last < first || target == NULL
          || !g_variant_is_of_type (target, G_VARIANT_TYPE_INT32))
        g_error ("shortcut %s: bad range %s", shortcut->action, alternatives[i]);
      for (guint k = first; k <= last; k++)
        {
          g_autoptr(GVariant) step =
            g_variant_ref_sink (g_variant_new_int32 (g_variant_get_int32 (target)
                                                     + (gint32) (k - first)));

          emit_key (shortcut, k, mods, step, func, user_data);
        }
    }
}

static GtkShortcut *
new_shortcut (const LqShortcut *shortcut,
              guint             keyval,
              GdkModifierType   modifiers,
              GVariant         *target)
{
  GtkShortcut *result = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                          gtk_named_action_new (shortcut->action));

  if (target != NULL)
    gtk_shortcut_set_arguments (result, target);
  return result;
}

static void
add_app_accel_cb (const LqShortcut *shortcut,
                  guint             keyval,
                  GdkModifierType   modifiers,
                  GVariant         *target,
                  gpointer          user_data)
{
  GHashTable *accels = user_data;
  g_autofree char *detailed = NULL;
  GPtrArray *list;

  if (shortcut->scope != LQ_SHORTCUT_SCOPE_APP)
    return;
  detailed = g_action_print_detailed_name (shortcut->action, target);
  list = g_hash_table_lookup (accels, detailed);
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (accels, g_steal_pointer (&detailed), list);
    }
  g_ptr_array_add (list, gtk_accelerator_name (keyval, modifiers));
}

typedef struct
{
  GtkWidgetClass  *widget_class;
  LqShortcutScope  scope;
} ClassKeys;

static void
add_class_key_cb (const LqShortcut *shortcut,
                  guint             keyval,
                  GdkModifierType   modifiers,
                  GVariant         *target,
                  gpointer          user_data)
{
  ClassKeys *keys = user_data;
  g_autoptr(GtkShortcut) result = NULL;

  if (shortcut->scope != keys->scope)
    return;
  result = new_shortcut (shortcut, keyval, modifiers, target);
  gtk_widget_class_add_shortcut (keys->widget_class, result);
}

static void
add_transport_key_cb (const LqShortcut *shortcut,
                      guint             keyval,
                      GdkModifierType   modifiers,
                      GVariant         *target,
                      gpointer          user_data)
{
  if (shortcut->scope != LQ_SHORTCUT_SCOPE_TRANSPORT)
    return;
  gtk_shortcut_controller_add_shortcut (user_data,
                                        new_shortcut (shortcut, keyval, modifiers, target));
}

const LqShortcut *
lq_shortcuts_get (guint *n_shortcuts)
{
  g_return_val_if_fail (n_shortcuts != NULL, NULL);

  *n_shortcuts = G_N_ELEMENTS (shortcuts);
  return shortcuts;
}

void
lq_shortcuts_foreach_key (LqShortcutKeyFunc func,
                          gpointer          user_data)
{
  g_return_if_fail (func != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    foreach_key_of (&shortcuts[i], func, user_data);
}

void
lq_shortcuts_add_to_application (GtkApplication *app)
{
  g_autoptr(GHashTable) accels = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (GTK_IS_APPLICATION (app));

  accels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) g_ptr_array_unref);
  lq_shortcuts_foreach_key (add_app_accel_cb, accels);
  g_hash_table_iter_init (&iter, accels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *list = value;

      g_ptr_array_add (list, NULL);
      gtk_application_set_accels_for_action (app, key, (const char * const *) list->pdata);
    }
}

void
lq_shortcuts_add_to_window_class (GtkWidgetClass *widget_class)
{
  ClassKeys keys = { widget_class, LQ_SHORTCUT_SCOPE_WINDOW };

  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));

  lq_shortcuts_foreach_key (add_class_key_cb, &keys);
}

void
lq_shortcuts_add_to_abx_class (GtkWidgetClass *widget_class)
{
  ClassKeys keys = { widget_class, LQ_SHORTCUT_SCOPE_ABX };

  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));

  lq_shortcuts_foreach_key (add_class_key_cb, &keys);
}

GtkEventController *
lq_shortcuts_new_transport_controller (void)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  lq_shortcuts_foreach_key (add_transport_key_cb, controller);
  return controller;
}

#if !ADW_CHECK_VERSION (1, 8, 0)
/* GTK 4.8 has no API to fill a GtkShortcutsWindow but GtkBuilder, so the table is written
 * out as a builder description. The strings are translated here already. */
static GtkWidget *
new_shortcuts_window (void)
{
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_markup_escape_text (_("Keyboard Shortcuts"), -1);
  const char *group = NULL;

  g_string_append_printf (xml,
                          "<interface>"
                          "<object class='GtkShortcutsWindow' id='shortcuts'>"
                          "<property name='modal'>True</property>"
                          "<property name='title'>%s</property>"
                          "<child><object class='GtkShortcutsSection'>"
                          "<property name='section-name'>shortcuts</property>"
                          "<property name='max-height'>40</property>",
                          title);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      g_autofree char *row = NULL;

      if (shortcuts[i].group != group)
        {
          g_autofree char *head = NULL;

          if (group != NULL)
            g_string_append (xml, "</object></child>");
          group = shortcuts[i].group;
          head = g_markup_printf_escaped ("<child><object class='GtkShortcutsGroup'>"
                                          "<property name='title'>%s</property>",
                                          _(group));
          g_string_append (xml, head);
        }
      row = g_markup_printf_escaped ("<child><object class='GtkShortcutsShortcut'>"
                                     "<property name='title'>%s</property>"
                                     "<property name='accelerator'>%s</property>"
                                     "</object></child>",
                                     _(shortcuts[i].title), shortcuts[i].accelerators);
      g_string_append (xml, row);
    }
  g_string_append (xml, "</object></child></object></child></object></interface>");

  builder = gtk_builder_new ();
  if (!gtk_builder_add_from_string (builder, xml->str, xml->len, &error))
    g_error ("shortcuts window: %s", error->message);
  /* A toplevel window is kept alive by GTK until it is destroyed, not by the builder. */
  return GTK_WIDGET (gtk_builder_get_object (builder, "shortcuts"));
}
#endif

GtkWidget *
lq_shortcuts_dialog_new (void)
{
#if ADW_CHECK_VERSION (1, 8, 0)
  AdwShortcutsDialog *dialog = ADW_SHORTCUTS_DIALOG (adw_shortcuts_dialog_new ());
  AdwShortcutsSection *section = NULL;
  const char *group = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      g_autoptr(AdwShortcutsItem) item = NULL;

      if (shortcuts[i].group != group)
        {
          group = shortcuts[i].group;
          section = adw_shortcuts_section_new (_(group));
          adw_shortcuts_dialog_add (dialog, section);
          g_object_unref (section);
        }
      item = adw_shortcuts_item_new (_(shortcuts[i].title), shortcuts[i].accelerators);
      adw_shortcuts_section_add (section, item);
    }
  return GTK_WIDGET (dialog);
#else
  return new_shortcuts_window ();
#endif
}
