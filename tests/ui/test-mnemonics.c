/* test-mnemonics.c
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

/* Keyboard mnemonics of the main window, in every language it ships: on each page of the
 * views, every underlined label that is mapped is collected, and its key is read from the
 * label's translation (po/LANG.po; English as written). The keys of what is always there (the
 * header with the view switcher, the source switcher) must differ from each other, and no
 * control of a page may take one of them, or Alt+that key would not reach the view switcher
 * (or Open, Export, Level Match) from that page. */

#include "config.h"

#include <string.h>

#include "lq-application.h"
#include "lq-ui-test.h"
#include "lq-window-private.h"

static LqApplication *app;
static const char *languages[] = { "en", "de", "ru" };

static gboolean
window_busy (gpointer data)
{
  return lq_window_get_busy (LQ_WINDOW (data));
}

/* The C string a .po line quotes (escapes: \" \\ \n). */
static void
append_quoted (GString    *out,
               const char *line)
{
  const char *p = strchr (line, '"');

  if (p == NULL)
    return;
  for (p++; *p && *p != '"'; p++)
    {
      if (*p == '\\' && p[1])
        {
          p++;
          g_string_append_c (out, *p == 'n' ? '\n' : *p);
        }
      else
        g_string_append_c (out, *p);
    }
}

/* msgid -> msgstr of a .po file (plural and obsolete entries left out). */
static GHashTable *
read_po (const char *lang)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "..", "po",
                                            NULL);
  g_autofree char *file = g_strdup_printf ("%s/%s.po", path, lang);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) lines = NULL;
  GString *id = NULL, *str = NULL, *cur = NULL;

  g_assert_true (g_file_get_contents (file, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *l = lines[i];

      if (g_str_has_prefix (l, "msgid "))
        {
          if (id != NULL && str != NULL && str->len > 0)
            g_hash_table_insert (map, g_string_free (id, FALSE), g_string_free (str, FALSE));
          else
            {
              if (id) g_string_free (id, TRUE);
              if (str) g_string_free (str, TRUE);
            }
          id = g_string_new (NULL);
          str = NULL;
          cur = id;
          append_quoted (cur, l);
        }
      else if (g_str_has_prefix (l, "msgstr ") && id != NULL)
        {
          str = g_string_new (NULL);
          cur = str;
          append_quoted (cur, l);
        }
      else if (l[0] == '"' && cur != NULL)
        append_quoted (cur, l);
      else if (!g_str_has_prefix (l, "msgid_plural"))
        cur = NULL;
    }
  if (id != NULL && str != NULL && str->len > 0)
    g_hash_table_insert (map, g_string_free (id, FALSE), g_string_free (str, FALSE));
  else
    {
      if (id) g_string_free (id, TRUE);
      if (str) g_string_free (str, TRUE);
    }
  return map;
}

/* The key a label's text underlines, lower case, or 0. */
static gunichar
mnemonic_key (const char *text)
{
  const char *u = strchr (text, '_');

  while (u != NULL && u[1] == '_')
    u = strchr (u + 2, '_');
  if (u == NULL || u[1] == '\0')
    return 0;
  return g_unichar_tolower (g_utf8_get_char (u + 1));
}

typedef struct
{
  char    *label;               /* as written (the msgid) */
  gboolean page;                /* on the page, not always there */
} Mnemonic;

static void
mnemonic_clear (gpointer data)
{
  g_free (((Mnemonic *) data)->label);
}

static void
collect (GtkWidget *widget,
         GtkWidget *page,
         gboolean   in_page,
         GArray    *out)
{
  /* A folded (or folding) revealer keeps its child mapped; it is not there for the
   * keyboard. */
  if (!gtk_widget_get_mapped (widget)
      || (GTK_IS_REVEALER (widget) && !gtk_revealer_get_reveal_child (GTK_REVEALER (widget))))
    return;
  if (widget == page)
    in_page = TRUE;
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget))
      && mnemonic_key (gtk_label_get_label (GTK_LABEL (widget))) != 0)
    {
      Mnemonic m = { g_strdup (gtk_label_get_label (GTK_LABEL (widget))), in_page };

      g_array_append_val (out, m);
    }
  /* Of a stack only the page shown counts (the one left stays mapped while it fades). */
  if (GTK_IS_STACK (widget))
    {
      GtkWidget *shown = gtk_stack_get_visible_child (GTK_STACK (widget));

      if (shown != NULL)
        collect (shown, page, in_page, out);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect (c, page, in_page, out);
}

/* Adds each collision on the page that is shown to errors; returns how many mnemonics it
 * checked. */
static guint
check_page (LqWindow   *window,
            const char *page_name,
            const char *lang,
            GHashTable *po,
            GString    *errors)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Mnemonic));
  g_autoptr(GHashTable) fixed = g_hash_table_new (NULL, NULL);   /* key -> label */
  GtkWidget *page = gtk_stack_get_visible_child (window->view_stack);

  g_array_set_clear_func (found, mnemonic_clear);
  collect (GTK_WIDGET (window), page, FALSE, found);
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < found->len; i++)
      {
        Mnemonic *m = &g_array_index (found, Mnemonic, i);
        const char *text = po != NULL && g_hash_table_lookup (po, m->label)
                           ? g_hash_table_lookup (po, m->label) : m->label;
        gunichar key = mnemonic_key (text);
        const char *other;

        if (m->page != (pass == 1) || key == 0)
          continue;
        other = g_hash_table_lookup (fixed, GUINT_TO_POINTER (key));
        if (other != NULL && g_strcmp0 (other, text) != 0)
          {
            g_autofree char *k = g_ucs4_to_utf8 (&key, 1, NULL, NULL, NULL);

            g_string_append_printf (errors, "%s, page %s: Alt+%s of \"%s\" is taken by \"%s\", "
                                    "which is always there\n", lang, page_name, k, text, other);
          }
        if (!m->page)
          g_hash_table_insert (fixed, GUINT_TO_POINTER (key), (gpointer) text);
      }
  return found->len;
}

static void
test_no_collisions (void)
{
  LqWindow *window = lq_window_new (app);
  const char *pages[] = { "analysis", "chain", "platforms", "check", "codec" };
  g_autoptr(GString) errors = g_string_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  lq_window_open_demo (window);
  lq_ui_test_wait_false (window_busy, window, 60);

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(GHashTable) po = g_str_equal (languages[l], "en") ? NULL
                                                                   : read_po (languages[l]);

      for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
        {
          guint n;

          gtk_stack_set_visible_child_name (window->view_stack, pages[p]);
          gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
          n = check_page (window, pages[p], languages[l], po, errors);
          g_test_message ("%s, %s: %u mnemonics", languages[l], pages[p], n);
          /* The switcher's five views, Open and Export at least. */
          g_assert_cmpuint (n, >=, 7);
        }
    }
  gtk_window_destroy (GTK_WINDOW (window));
  if (errors->len > 0)
    g_error ("mnemonic collisions:\n%s", errors->str);
}

/* The check itself finds a collision: a page control given a view's key. */
static void
test_detects_collision (void)
{
  if (g_test_subprocess ())
    {
      LqWindow *window = lq_window_new (app);
      g_autoptr(GString) errors = g_string_new (NULL);
      GtkWidget *spy;

      gtk_window_present (GTK_WINDOW (window));
      lq_window_open_demo (window);
      lq_ui_test_wait_false (window_busy, window, 60);
      gtk_stack_set_visible_child_name (window->view_stack, "check");
      /* On the Check page, a control underlining the Chain view's key. */
      spy = gtk_label_new_with_mnemonic ("_Cut");
      gtk_widget_insert_after (spy, GTK_WIDGET (window->check_view), NULL);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      check_page (window, "check", "en", NULL, errors);
      if (errors->len > 0)
        g_error ("%s", errors->str);
      return;
    }
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*Alt+c of \"_Cut\" is taken by \"_Chain\"*");
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
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/ui/mnemonics/no-collisions", test_no_collisions);
  g_test_add_func ("/ui/mnemonics/detects-collision", test_detects_collision);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
  return ret;
}
