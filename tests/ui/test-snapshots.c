/* test-snapshots.c
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

/* Chain snapshots in the window, by keyboard: Ctrl+1…4 store, Alt+1…4 recall (one undo step),
 * the chain panel's menu lists them and follows renames and deletions, and each action says
 * what it did. */

#include "config.h"

#include <string.h>

#include "lq-application.h"
#include "lq-snapshot-menu.h"
#include "lq-ui-test.h"
#include "lq-window-private.h"

static LqApplication *app;

static void
set_output_gain (LqWindow *window,
                 double    db)
{
  g_object_set (lq_session_get_chain (window->session), "output-gain-db", db, NULL);
}

static double
output_gain (LqWindow *window)
{
  return lq_chain_model_get_params (lq_session_get_chain (window->session))->output_gain_db;
}

static void
assert_toast (LqWindow   *window,
              const char *fragment)
{
  const char *toast = _lq_window_get_last_toast (window);

  g_assert_nonnull (toast);
  if (strstr (toast, fragment) == NULL)
    g_error ("toast “%s” does not say “%s”", toast, fragment);
}

/* The labels of the menu's first section (the recall items) with their action and accel. */
static char *
describe_recall_section (GtkWidget *button)
{
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  GString *text = g_string_new (NULL);

  for (int i = 0; i < g_menu_model_get_n_items (section); i++)
    {
      g_autofree char *label = NULL, *action = NULL, *accel = NULL;
      g_autoptr(GVariant) target = NULL;

      g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
      g_menu_model_get_item_attribute (section, i, "accel", "s", &accel);
      target = g_menu_model_get_item_attribute_value (section, i, G_MENU_ATTRIBUTE_TARGET,
                                                      G_VARIANT_TYPE_INT32);
      g_string_append_printf (text, "%s%s=%s(%d)%s", i > 0 ? " " : "", label,
                              action ? action : "-", target ? g_variant_get_int32 (target) : -1,
                              accel ? accel : "");
    }
  return g_string_free (text, FALSE);
}

static void
test_keys_and_menu (void)
{
  LqWindow *window = lq_window_new (app);
  LqUndoStack *undo = lq_session_get_undo (window->session);
  GtkWidget *button;
  g_autofree char *before = NULL, *stored = NULL, *renamed = NULL, *deleted = NULL;

  gtk_window_present (GTK_WINDOW (window));
  button = lq_ui_test_find_by_id (GTK_WIDGET (window), "snapshots_button");
  g_assert_true (GTK_IS_MENU_BUTTON (button));
  before = describe_recall_section (button);
  g_assert_cmpstr (before, ==, "No snapshots yet=-(-1)");

  /* Ctrl+1 and Ctrl+2 store two chains. */
  set_output_gain (window, -2.5);
  lq_ui_test_press (GTK_WIDGET (window), "<Control>1");
  assert_toast (window, "“A” (Alt+1");
  set_output_gain (window, -7.25);
  lq_ui_test_press (GTK_WIDGET (window), "<Control>2");
  assert_toast (window, "“B” (Alt+2");
  stored = describe_recall_section (button);
  g_assert_cmpstr (stored, ==, "A=win.snapshot-recall(0)<Alt>1 B=win.snapshot-recall(1)<Alt>2");

  /* Alt+1 recalls the first as one undo step; Ctrl+Z goes back to the second's chain. */
  set_output_gain (window, 1.0);
  lq_undo_stack_clear (undo);
  lq_ui_test_press (GTK_WIDGET (window), "<Alt>1");
  g_assert_cmpfloat (output_gain (window), ==, -2.5);
  assert_toast (window, "“A” recalled");
  lq_ui_test_press (GTK_WIDGET (window), "<Control>z");
  g_assert_cmpfloat (output_gain (window), ==, 1.0);
  g_assert_false (lq_undo_stack_get_can_undo (undo));
  lq_ui_test_press (GTK_WIDGET (window), "<Shift><Control>z");
  g_assert_cmpfloat (output_gain (window), ==, -2.5);
  lq_ui_test_press (GTK_WIDGET (window), "<Alt>2");
  g_assert_cmpfloat (output_gain (window), ==, -7.25);

  /* An empty slot says how to fill it and changes nothing. */
  lq_ui_test_press (GTK_WIDGET (window), "<Alt>4");
  assert_toast (window, "No snapshot 4 yet");
  g_assert_cmpfloat (output_gain (window), ==, -7.25);

  /* Ctrl+1 again replaces A's chain, keeping its name. */
  lq_ui_test_press (GTK_WIDGET (window), "<Control>1");
  g_assert_cmpfloat (lq_snapshot_get_params (lq_snapshot_list_get (
                       lq_session_get_snapshots (window->session), 0))->output_gain_db, ==, -7.25);

  /* Rename through the dialog, delete through the action: the menu follows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.snapshot-rename", "i", 1));
  g_assert_true (ADW_IS_MESSAGE_DIALOG (window->last_dialog));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (
                           ADW_MESSAGE_DIALOG (window->last_dialog))), "Bright");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (window->last_dialog), "rename");
  gtk_window_destroy (GTK_WINDOW (window->last_dialog));
  renamed = describe_recall_section (button);
  g_assert_cmpstr (renamed, ==,
                   "A=win.snapshot-recall(0)<Alt>1 Bright=win.snapshot-recall(1)<Alt>2");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.snapshot-delete", "i", 0));
  assert_toast (window, "“A” deleted");
  deleted = describe_recall_section (button);
  g_assert_cmpstr (deleted, ==, "Bright=win.snapshot-recall(0)<Alt>1");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
window_busy (gpointer data)
{
  return lq_window_get_busy (LQ_WINDOW (data));
}

/* The switcher's buttons as "label=action(target)[*]" (* when active), in order. */
static char *
describe_switcher (LqWindow *window)
{
  GString *text = g_string_new (NULL);
  GtkWidget *w = GTK_WIDGET (window->source_bar);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, w);
  while (stack->len > 0)
    {
      w = g_ptr_array_steal_index (stack, stack->len - 1);
      if (GTK_IS_TOGGLE_BUTTON (w))
        {
          const char *action = gtk_actionable_get_action_name (GTK_ACTIONABLE (w));
          GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (w));

          g_string_append_printf (text, "%s%s=%s(%d)%s", text->len ? " " : "",
                                  gtk_widget_get_tooltip_text (w), action ? action : "-",
                                  target ? g_variant_get_int32 (target) : -1,
                                  gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (w))
                                  ? "*" : "");
          continue;
        }
      for (GtkWidget *c = gtk_widget_get_last_child (w); c; c = gtk_widget_get_prev_sibling (c))
        g_ptr_array_add (stack, c);
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
find_compared_button (LqWindow *window,
                      int       index)
{
  GtkWidget *w = GTK_WIDGET (window->source_bar);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, w);
  while (stack->len > 0)
    {
      w = g_ptr_array_steal_index (stack, stack->len - 1);
      if (GTK_IS_TOGGLE_BUTTON (w)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)),
                        "win.select-compare") == 0
          && g_variant_get_int32 (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (w)))
             == index)
        return w;
      for (GtkWidget *c = gtk_widget_get_last_child (w); c; c = gtk_widget_get_prev_sibling (c))
        g_ptr_array_add (stack, c);
    }
  return NULL;
}

/* Compare mode: each snapshot a source of the switcher, heard through its own chain in the
 * player, selected by click and by key; the set's own buttons and keys still work. */
static void
test_compare_mode (void)
{
  LqWindow *window = lq_window_new (app);
  g_autoptr(LqUiTestPlayback) player = lq_ui_test_playback_new ();
  g_autofree char *plain = NULL, *compared = NULL, *clicked = NULL, *keyed = NULL;
  g_autofree char *back = NULL, *three = NULL, *off = NULL;
  gboolean compare;

  lq_window_set_playback (window, LQ_PLAYBACK (player));
  gtk_window_present (GTK_WINDOW (window));
  lq_window_open_demo (window);
  lq_ui_test_wait_false (window_busy, window, 60);

  set_output_gain (window, -2.5);
  lq_ui_test_press (GTK_WIDGET (window), "<Control>1");
  set_output_gain (window, -7.25);
  lq_ui_test_press (GTK_WIDGET (window), "<Control>2");
  lq_ui_test_press (GTK_WIDGET (window), "2");
  g_assert_cmpint (lq_ui_test_playback_get_selected (player), ==, LQ_SOURCE_SET_MASTER);
  plain = describe_switcher (window);
  g_assert_null (strstr (plain, "Master A"));
  g_assert_cmpuint (lq_ui_test_playback_get_n_compare (player), ==, 0);

  /* On: the player gets both chains, the switcher a button for each. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL));
  g_object_get (window, "compare", &compare, NULL);
  g_assert_true (compare);
  g_assert_cmpuint (lq_ui_test_playback_get_n_compare (player), ==, 2);
  g_assert_cmpfloat (lq_ui_test_playback_get_compare (player, 0)->output_gain_db, ==, -2.5);
  g_assert_cmpfloat (lq_ui_test_playback_get_compare (player, 1)->output_gain_db, ==, -7.25);
  compared = describe_switcher (window);
  g_test_message ("%s", compared);
  g_assert_nonnull (strstr (compared, "Master (2)=win.select-source(1)* "
                                      "Demo Reference (3)=win.select-source(2) "
                                      "Master A (Ctrl+Alt+1)=win.select-compare(0) "
                                      "Master B (Ctrl+Alt+2)=win.select-compare(1) "));

  /* A click hears Master B; no button of the set stays active. */
  g_signal_emit_by_name (find_compared_button (window, 1), "clicked");
  g_assert_cmpint (lq_ui_test_playback_get_selected (player), ==, LQ_PLAYBACK_COMPARE + 1);
  clicked = describe_switcher (window);
  g_assert_nonnull (strstr (clicked, "win.select-compare(1)*"));
  g_assert_null (strstr (clicked, "win.select-source(0)*"));
  g_assert_null (strstr (clicked, "win.select-source(2)*"));
  g_assert_nonnull (strstr (clicked, "Master (2)=win.select-source(1) "));
  g_assert_cmpint (lq_source_set_get_selected_index (window->sources), ==, LQ_SOURCE_SET_MASTER);

  /* Ctrl+Alt+1 hears Master A; 2 the set's master again (the set's selection did not move). */
  lq_ui_test_press (GTK_WIDGET (window), "<Control><Alt>1");
  g_assert_cmpint (lq_ui_test_playback_get_selected (player), ==, LQ_PLAYBACK_COMPARE);
  keyed = describe_switcher (window);
  g_assert_nonnull (strstr (keyed, "win.select-compare(0)*"));
  lq_ui_test_press (GTK_WIDGET (window), "2");
  g_assert_cmpint (lq_ui_test_playback_get_selected (player), ==, LQ_SOURCE_SET_MASTER);
  back = describe_switcher (window);
  g_assert_nonnull (strstr (back, "Master (2)=win.select-source(1)*"));
  g_assert_null (strstr (back, "win.select-compare(0)*"));

  /* A new snapshot is compared too; off, the compared masters go and the set is heard. */
  lq_ui_test_press (GTK_WIDGET (window), "<Control>3");
  g_assert_cmpuint (lq_ui_test_playback_get_n_compare (player), ==, 3);
  three = describe_switcher (window);
  g_assert_nonnull (strstr (three, "Master C (Ctrl+Alt+3)=win.select-compare(2)"));
  lq_ui_test_press (GTK_WIDGET (window), "<Control><Alt>3");
  g_assert_cmpint (lq_ui_test_playback_get_selected (player), ==, LQ_PLAYBACK_COMPARE + 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL));
  g_assert_cmpuint (lq_ui_test_playback_get_n_compare (player), ==, 0);
  g_assert_cmpint (lq_ui_test_playback_get_selected (player), ==, LQ_SOURCE_SET_MASTER);
  off = describe_switcher (window);
  g_assert_cmpstr (off, ==, plain);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;

  lq_ui_test_init (&argc, &argv);
  app = lq_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/ui/snapshots/keys-and-menu", test_keys_and_menu);
  g_test_add_func ("/ui/snapshots/compare-mode", test_compare_mode);
  return g_test_run ();
}
