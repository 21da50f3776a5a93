/* test-properties.c
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

/* Every writable property of Lacquer's UI objects: setting a new value emits exactly one
 * notify for that property (STYLE: "Boilerplate drift"). */

#include "config.h"

#include <math.h>

#include "lq-level-meter.h"
#include "lq-loudness-graph.h"
#include "lq-meter-panel.h"
#include "lq-player-playback.h"
#include "lq-settings.h"
#include "lq-source-bar.h"
#include "lq-spectrum-view.h"
#include "lq-transport-bar.h"
#include "lq-ui-test.h"
#include "lq-waveform-view.h"

static LqSource *source_a;
static LqSource *source_b;
static LqSourceSet *set_a;
static LqSourceSet *set_b;

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
new_value (GObject    *object,
           GParamSpec *pspec,
           GValue     *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  g_auto(GValue) current = G_VALUE_INIT;

  g_value_init (&current, type);
  g_object_get_property (object, pspec->name, &current);
  g_value_init (value, type);

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
      g_value_set_double (value, v + 1.5 <= p->maximum ? v + 1.5 : v - 1.5);
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
  else if (type == LQ_TYPE_SOURCE)
    g_value_set_object (value, g_value_get_object (&current) == source_a ? source_b : source_a);
  else if (type == LQ_TYPE_SOURCE_SET)
    g_value_set_object (value, g_value_get_object (&current) == set_a ? set_b : set_a);
  else
    g_error ("no test value for %s (%s)", pspec->name, g_type_name (type));
}

static void
check_object (gconstpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  GObject *object = g_object_new (type, NULL);
  guint n_props;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object),
                                                                   &n_props);

  g_object_ref_sink (object);

  /* Views draw a source; the waveform zooms only into one. */
  if (type == LQ_TYPE_WAVEFORM_VIEW)
    lq_waveform_view_set_source (LQ_WAVEFORM_VIEW (object), source_a);
  /* A selection needs something to select. */
  if (type == LQ_TYPE_SOURCE_SET)
    lq_source_set_set_mix (LQ_SOURCE_SET (object), source_b);

  for (guint i = 0; i < n_props; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *signal = NULL;
      guint count = 0;
      gulong id;

      if (pspec->owner_type != type || !(pspec->flags & G_PARAM_WRITABLE)
          || (pspec->flags & G_PARAM_CONSTRUCT_ONLY))
        continue;

      g_test_message ("%s:%s", g_type_name (type), pspec->name);
      g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
      new_value (object, pspec, &value);
      signal = g_strdup_printf ("notify::%s", pspec->name);
      id = g_signal_connect (object, signal, G_CALLBACK (count_cb), &count);
      g_object_set_property (object, pspec->name, &value);
      g_assert_cmpuint (count, ==, 1);
      /* The same value again: no notify. */
      g_object_set_property (object, pspec->name, &value);
      g_assert_cmpuint (count, ==, 1);
      g_signal_handler_disconnect (object, id);
    }

  if (GTK_IS_WIDGET (object))
    g_object_run_dispose (object);
  g_object_unref (object);
}

int
main (int    argc,
      char **argv)
{
  GType types[] = {
    LQ_TYPE_WAVEFORM_VIEW, LQ_TYPE_SPECTRUM_VIEW, LQ_TYPE_LOUDNESS_GRAPH, LQ_TYPE_LEVEL_METER,
    LQ_TYPE_METER_PANEL, LQ_TYPE_SOURCE_BAR, LQ_TYPE_TRANSPORT_BAR, LQ_TYPE_SOURCE_SET,
    LQ_TYPE_SETTINGS, LQ_TYPE_SOURCE, LQ_TYPE_PLAYER_PLAYBACK,
  };
  g_autoptr(LqSource) ref = NULL;
  int ret;

  lq_ui_test_init (&argc, &argv);

  source_a = lq_ui_test_make_source (LQ_SOURCE_KIND_MIX, "/x/A.wav", 20, 44100);
  source_b = lq_ui_test_make_source (LQ_SOURCE_KIND_MIX, "/x/B.wav", 20, 44100);
  ref = lq_ui_test_make_source (LQ_SOURCE_KIND_REFERENCE, "/x/R.wav", 20, 44100);
  set_a = lq_source_set_new ();
  set_b = lq_source_set_new ();
  lq_source_set_set_mix (set_a, source_a);
  lq_source_set_add_reference (set_a, ref);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ui/properties/%s", g_type_name (types[i]));

      g_test_add_data_func (path, GSIZE_TO_POINTER (types[i]), check_object);
    }
  ret = g_test_run ();

  g_clear_object (&set_a);
  g_clear_object (&set_b);
  g_clear_object (&source_a);
  g_clear_object (&source_b);
  return ret;
}
