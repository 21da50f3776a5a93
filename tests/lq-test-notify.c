/* lq-test-notify.c
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

#include <math.h>

#include "lq-test-notify.h"

typedef struct
{
  GObject    *object;
  GParamSpec *pspec;
  guint       matching;
  GPtrArray  *others;
  GValue     *before;
  GParamSpec **all;
  guint       n_all;
} Watch;

static void
new_value (GObject               *object,
           GParamSpec            *pspec,
           GValue                *value,
           LqTestNotifyValueFunc  custom,
           gpointer               user_data)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  g_auto(GValue) current = G_VALUE_INIT;

  g_value_init (&current, type);
  g_object_get_property (object, pspec->name, &current);
  g_value_init (value, type);

  if (custom != NULL && custom (pspec, &current, value, user_data))
    return;
  if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, !g_value_get_boolean (&current));
  else if (type == G_TYPE_INT)
    {
      GParamSpecInt *p = G_PARAM_SPEC_INT (pspec);
      int v = g_value_get_int (&current);

      g_value_set_int (value, v < p->maximum ? v + 1 : v - 1);
    }
  else if (type == G_TYPE_UINT)
    {
      GParamSpecUInt *p = G_PARAM_SPEC_UINT (pspec);
      guint v = g_value_get_uint (&current);

      g_value_set_uint (value, v < p->maximum ? v + 1 : v - 1);
    }
  else if (type == G_TYPE_DOUBLE)
    {
      GParamSpecDouble *p = G_PARAM_SPEC_DOUBLE (pspec);
      double v = g_value_get_double (&current);
      /* A step that fits the range, however narrow it is. */
      double step = MIN (1.5, (p->maximum - p->minimum) / 4.0);

      g_value_set_double (value, v + step <= p->maximum ? v + step : v - step);
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      /* The next value the enum has, wrapping round. */
      GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;
      int v = g_value_get_enum (&current);
      guint i;

      for (i = 0; i < klass->n_values && klass->values[i].value != v; i++)
        ;
      g_value_set_enum (value, klass->values[(i + 1) % klass->n_values].value);
    }
  else if (type == G_TYPE_STRING)
    {
      /* Preset ids must name a preset. */
      const char *cur = g_value_get_string (&current);
      gboolean preset = g_str_has_suffix (pspec->name, "preset")
                        || g_str_has_suffix (pspec->name, "preset-id");

      g_value_set_string (value, preset ? (g_strcmp0 (cur, "youtube") ? "youtube" : "cd")
                                        : (g_strcmp0 (cur, "a") ? "a" : "b"));
    }
  else
    g_error ("no test value for %s (%s)", pspec->name, g_type_name (type));
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Watch      *watch)
{
  if (pspec == watch->pspec)
    watch->matching++;
  else
    g_ptr_array_add (watch->others, pspec);
}

static void
snapshot (Watch *watch)
{
  for (guint i = 0; i < watch->n_all; i++)
    {
      GParamSpec *pspec = watch->all[i];

      g_value_unset (&watch->before[i]);
      if (!(pspec->flags & G_PARAM_READABLE))
        continue;
      g_value_init (&watch->before[i], G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (watch->object, pspec->name, &watch->before[i]);
    }
}

/* g_param_values_cmp() finds NaN equal to every number. */
static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  if (G_VALUE_HOLDS_DOUBLE (a))
    {
      double x = g_value_get_double (a), y = g_value_get_double (b);

      return isnan (x) ? isnan (y) : x == y;
    }
  if (G_VALUE_HOLDS_FLOAT (a))
    {
      float x = g_value_get_float (a), y = g_value_get_float (b);

      return isnan (x) ? isnan (y) : x == y;
    }
  return g_param_values_cmp (pspec, a, b) == 0;
}

/* A notify for a property whose value did not change is spurious: views bound to it redraw
 * or recompute for nothing. */
static void
assert_others_changed (Watch *watch)
{
  for (guint i = 0; i < watch->others->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (watch->others, i);
      g_auto(GValue) after = G_VALUE_INIT;
      guint k;

      for (k = 0; k < watch->n_all && watch->all[k] != pspec; k++)
        ;
      g_assert_cmpuint (k, <, watch->n_all);
      g_value_init (&after, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (watch->object, pspec->name, &after);
      if (values_equal (pspec, &watch->before[k], &after))
        g_error ("%s:%s notified without changing (setting %s)",
                 G_OBJECT_TYPE_NAME (watch->object), pspec->name, watch->pspec->name);
    }
  g_ptr_array_set_size (watch->others, 0);
}

void
lq_test_notify_check_object (GObject               *object,
                             LqTestNotifyValueFunc  custom,
                             gpointer               user_data)
{
  GType type = G_OBJECT_TYPE (object);
  Watch watch = { object };
  gulong id;

  watch.all = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &watch.n_all);
  watch.before = g_new0 (GValue, watch.n_all);
  watch.others = g_ptr_array_new ();
  id = g_signal_connect (object, "notify", G_CALLBACK (notify_cb), &watch);

  for (guint i = 0; i < watch.n_all; i++)
    {
      GParamSpec *pspec = watch.all[i];
      g_auto(GValue) value = G_VALUE_INIT;

      if (pspec->owner_type != type || !(pspec->flags & G_PARAM_WRITABLE)
          || (pspec->flags & G_PARAM_CONSTRUCT_ONLY))
        continue;

      g_test_message ("%s:%s", g_type_name (type), pspec->name);
      g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
      new_value (object, pspec, &value, custom, user_data);
      watch.pspec = pspec;
      watch.matching = 0;

      snapshot (&watch);
      g_object_set_property (object, pspec->name, &value);
      g_assert_cmpuint (watch.matching, ==, 1);
      assert_others_changed (&watch);

      /* The same value again: no notify at all. */
      snapshot (&watch);
      g_object_set_property (object, pspec->name, &value);
      g_assert_cmpuint (watch.matching, ==, 1);
      g_assert_cmpuint (watch.others->len, ==, 0);
    }

  g_signal_handler_disconnect (object, id);
  for (guint i = 0; i < watch.n_all; i++)
    g_value_unset (&watch.before[i]);
  g_free (watch.before);
  g_free (watch.all);
  g_ptr_array_unref (watch.others);
}
