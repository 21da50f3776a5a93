/* test-shortcuts.c
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

/* The shortcut table (lq-shortcuts.defs) against what the app really has: every key of the
 * table is bound, to an action that exists and takes its target, in the phase the table
 * says; no window key is bound outside the table; and the shortcuts window lists exactly
 * the table's rows. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "lq-abx-window.h"
#include "lq-application.h"
#include "lq-shortcuts.h"
#include "lq-ui-test.h"
#include "lq-window-private.h"

static LqApplication *app;
static LqWindow *window;
static LqAbxWindow *abx_window;

typedef struct
{
  GtkShortcut         *shortcut;
  GtkPropagationPhase  phase;
  GtkWidget           *owner;
  gboolean             matched;
} Bound;

static void
bound_free (gpointer data)
{
  Bound *bound = data;

  g_object_unref (bound->shortcut);
  g_free (bound);
}

/* Every shortcut on owner that names an action starting with prefix (GtkWindow binds keys
 * of its own). */
static void
collect_shortcuts (GtkWidget  *owner,
                   const char *prefix,
                   GPtrArray  *result)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (owner);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          Bound *bound;

          if (!GTK_IS_NAMED_ACTION (action)
              || !g_str_has_prefix (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                                    prefix))
            continue;
          bound = g_new0 (Bound, 1);
          bound->shortcut = g_steal_pointer (&shortcut);
          bound->phase = gtk_event_controller_get_propagation_phase (controller);
          bound->owner = owner;
          g_ptr_array_add (result, bound);
        }
    }
}

/* The main window's win.* keys and every named-action key of the blind test's window. */
static GPtrArray *
collect_window_shortcuts (void)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (bound_free);

  collect_shortcuts (GTK_WIDGET (window), "win.", result);
  collect_shortcuts (GTK_WIDGET (abx_window), "", result);
  return result;
}

/* The action exists on the window (or the app) and takes the table's target. */
static void
assert_action_takes (GtkWidget  *widget,
                     const char *detailed_action,
                     GVariant   *target)
{
  const char *dot = strchr (detailed_action, '.');
  GObjectClass *klass = G_OBJECT_GET_CLASS (widget);
  const char *name;
  const char *property;
  const GVariantType *type;
  GType owner;

  g_assert_nonnull (dot);
  if (g_str_has_prefix (detailed_action, "app."))
    {
      const GVariantType *app_type;

      g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), dot + 1));
      app_type = g_action_group_get_action_parameter_type (G_ACTION_GROUP (app), dot + 1);
      g_assert_true ((app_type == NULL) == (target == NULL));
      if (target != NULL)
        g_assert_true (g_variant_is_of_type (target, app_type));
      return;
    }
  for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_CLASS (klass), i, &owner, &name,
                                                   &type, &property); i++)
    {
      if (g_strcmp0 (name, detailed_action) != 0)
        continue;
      g_assert_true ((type == NULL) == (target == NULL));
      if (target != NULL)
        g_assert_true (g_variant_is_of_type (target, type));
      return;
    }
  g_error ("no action %s on the window", detailed_action);
}

static void
check_key_cb (const LqShortcut *shortcut,
              guint             keyval,
              GdkModifierType   modifiers,
              GVariant         *target,
              gpointer          user_data)
{
  GPtrArray *bound = user_data;
  g_autofree char *accel = gtk_accelerator_name (keyval, modifiers);
  g_autoptr(GtkShortcutTrigger) trigger = gtk_keyval_trigger_new (keyval, modifiers);
  GtkPropagationPhase phase;
  GtkWidget *owner = shortcut->scope == LQ_SHORTCUT_SCOPE_ABX ? GTK_WIDGET (abx_window)
                                                              : GTK_WIDGET (window);

  g_test_message ("%s %s %s", shortcut->action, accel, shortcut->target ? shortcut->target : "");
  assert_action_takes (owner, shortcut->action, target);

  if (shortcut->scope == LQ_SHORTCUT_SCOPE_APP)
    {
      g_autofree char *detailed = g_action_print_detailed_name (shortcut->action, target);
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    detailed);

      g_assert_true (g_strv_contains ((const char * const *) accels, accel));
      return;
    }

  phase = shortcut->scope == LQ_SHORTCUT_SCOPE_TRANSPORT ? GTK_PHASE_CAPTURE : GTK_PHASE_BUBBLE;
  for (guint i = 0; i < bound->len; i++)
    {
      Bound *b = g_ptr_array_index (bound, i);
      GtkShortcutAction *action = gtk_shortcut_get_action (b->shortcut);
      GVariant *args = gtk_shortcut_get_arguments (b->shortcut);

      if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (b->shortcut), trigger)
          && g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                        shortcut->action) == 0
          && (args == NULL ? target == NULL : target != NULL && g_variant_equal (args, target))
          && b->phase == phase && b->owner == owner)
        {
          b->matched = TRUE;
          return;
        }
    }
  g_error ("%s is not bound to %s", accel, shortcut->action);
}

static void
count_app_key_cb (const LqShortcut *shortcut,
                  guint             keyval,
                  GdkModifierType   modifiers,
                  GVariant         *target,
                  gpointer          user_data)
{
  if (shortcut->scope == LQ_SHORTCUT_SCOPE_APP)
    (*(guint *) user_data)++;
}

static void
test_bound (void)
{
  g_autoptr(GPtrArray) bound = collect_window_shortcuts ();
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  guint n_app_keys = 0, n_app_accels = 0;

  g_assert_cmpuint (bound->len, >, 0);
  lq_shortcuts_foreach_key (check_key_cb, bound);

  /* Nothing is bound beside the table. */
  for (guint i = 0; i < bound->len; i++)
    {
      Bound *b = g_ptr_array_index (bound, i);
      g_autofree char *text =
        gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (b->shortcut));

      if (!b->matched)
        g_error ("%s is bound outside the shortcut table", text);
    }
  lq_shortcuts_foreach_key (count_app_key_cb, &n_app_keys);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    actions[i]);

      n_app_accels += g_strv_length (accels);
    }
  g_assert_cmpuint (n_app_accels, ==, n_app_keys);
}

static GtkShortcut *
find_shortcut (GPtrArray  *bound,
               const char *trigger)
{
  for (guint i = 0; i < bound->len; i++)
    {
      Bound *b = g_ptr_array_index (bound, i);
      g_autofree char *text =
        gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (b->shortcut));

      if (g_strcmp0 (text, trigger) == 0)
        return b->shortcut;
    }
  return NULL;
}

/* The table's shorthands, spelled out by hand: "3...9" from target 2 counts up, and digits
 * answer on the keypad too. */
static void
test_expansion (void)
{
  static const struct
  {
    const char *trigger;
    const char *action;
    int         source;
  } expected[] = {
    { "1", "win.select-source", 0 },
    { "KP_1", "win.select-source", 0 },
    { "2", "win.select-source", 1 },
    { "3", "win.select-source", 2 },
    { "9", "win.select-source", 8 },
    { "KP_9", "win.select-source", 8 },
    { "<Shift><Control>z", "win.redo", -1 },
    { "<Shift><Control>s", "win.save-session-as", -1 },
  };
  g_autoptr(GPtrArray) bound = collect_window_shortcuts ();
  g_autoptr(GtkShortcutTrigger) lower = gtk_keyval_trigger_new (GDK_KEY_z, GDK_SHIFT_MASK);
  g_autoptr(GtkShortcutTrigger) upper = gtk_keyval_trigger_new (GDK_KEY_Z, GDK_SHIFT_MASK);

  /* Why Shift+Z needs no binding of its own: the trigger is the same. */
  g_assert_true (gtk_shortcut_trigger_equal (lower, upper));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkShortcut *shortcut = find_shortcut (bound, expected[i].trigger);
      GVariant *args;

      g_test_message ("%s", expected[i].trigger);
      g_assert_nonnull (shortcut);
      g_assert_cmpstr (gtk_named_action_get_action_name (
                         GTK_NAMED_ACTION (gtk_shortcut_get_action (shortcut))),
                       ==, expected[i].action);
      args = gtk_shortcut_get_arguments (shortcut);
      if (expected[i].source < 0)
        g_assert_null (args);
      else
        g_assert_cmpint (g_variant_get_int32 (args), ==, expected[i].source);
    }
  g_assert_null (find_shortcut (bound, "0"));
}

#if !ADW_CHECK_VERSION (1, 8, 0)
/* Rows of the shortcuts window as "group|title|accelerator", in the order shown. Only the
 * section is walked: the search page holds copies of the rows. */
static void
collect_rows (GtkWidget  *widget,
              const char *group,
              gboolean    in_section,
              GPtrArray  *rows)
{
  GType section_type = g_type_from_name ("GtkShortcutsSection");
  GType group_type = g_type_from_name ("GtkShortcutsGroup");
  GType shortcut_type = g_type_from_name ("GtkShortcutsShortcut");
  g_autofree char *group_title = NULL;

  in_section = in_section || G_TYPE_CHECK_INSTANCE_TYPE (widget, section_type);
  if (in_section && G_TYPE_CHECK_INSTANCE_TYPE (widget, group_type))
    {
      g_object_get (widget, "title", &group_title, NULL);
      group = group_title;
    }
  if (in_section && G_TYPE_CHECK_INSTANCE_TYPE (widget, shortcut_type))
    {
      g_autofree char *title = NULL;
      g_autofree char *accelerator = NULL;

      g_object_get (widget, "title", &title, "accelerator", &accelerator, NULL);
      g_ptr_array_add (rows, g_strdup_printf ("%s|%s|%s", group, title, accelerator));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, group, in_section, rows);
}

static void
assert_lists_table (GtkWidget *dialog)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  const LqShortcut *table;
  guint n;

  table = lq_shortcuts_get (&n);
  collect_rows (dialog, NULL, FALSE, rows);
  g_assert_cmpuint (rows->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *expected = g_strdup_printf ("%s|%s|%s", _(table[i].group),
                                                   _(table[i].title), table[i].accelerators);

      g_assert_cmpstr (g_ptr_array_index (rows, i), ==, expected);
    }
}
#endif

static void
collect_key_cb (const LqShortcut *shortcut,
                guint             keyval,
                GdkModifierType   modifiers,
                GVariant         *target,
                gpointer          user_data)
{
  GHashTable *keys = user_data;
  g_autofree char *accel = gtk_accelerator_name (keyval, modifiers);
  /* The blind test's keys live on its own window: they share no window with the others. */
  g_autofree char *name = shortcut->scope == LQ_SHORTCUT_SCOPE_ABX
                          ? g_strconcat ("abx:", accel, NULL) : g_strdup (accel);
  const char *other = g_hash_table_lookup (keys, name);

  /* Two rows bound on one window may not claim one key (a range's keys are distinct by
   * construction). */
  if (other != NULL && !g_str_equal (other, shortcut->action))
    g_error ("%s is bound to both %s and %s", name, other, shortcut->action);
  g_hash_table_insert (keys, g_steal_pointer (&name), (gpointer) shortcut->action);
}

/* No key of the table is claimed twice: M (Mono) took the key Level Match had, which moved. */
static void
test_no_collisions (void)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  lq_shortcuts_foreach_key (collect_key_cb, keys);
  g_assert_cmpstr (g_hash_table_lookup (keys, "m"), ==, "win.toggle-mono");
  g_assert_cmpstr (g_hash_table_lookup (keys, "<Shift>m"), ==, "win.cycle-monitor");
  g_assert_cmpstr (g_hash_table_lookup (keys, "g"), ==, "win.loudness-match");
}

static void
test_window_lists_table (void)
{
#if ADW_CHECK_VERSION (1, 8, 0)
  g_test_skip ("AdwShortcutsDialog is filled from the same loop; this walks GtkShortcutsWindow");
#else
  GtkWidget *dialog = lq_shortcuts_dialog_new ();

  assert_lists_table (dialog);
  /* Shown, the section lays its groups out in columns; the rows stay the same. */
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (dialog);
  assert_lists_table (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
#endif
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  lq_ui_test_init (&argc, &argv);

  app = lq_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  window = lq_window_new (app);
  abx_window = lq_abx_window_new (GTK_WINDOW (window), window->session);

  g_test_add_func ("/ui/shortcuts/bound", test_bound);
  g_test_add_func ("/ui/shortcuts/expansion", test_expansion);
  g_test_add_func ("/ui/shortcuts/window-lists-table", test_window_lists_table);
  g_test_add_func ("/ui/shortcuts/no-collisions", test_no_collisions);
  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (abx_window));
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  return ret;
}
