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

/* Every writable property of Lacquer's widgets: setting a new value emits exactly one
 * notify for that property, and nothing notifies without a change (lq-test-notify.h). The
 * engine's objects are checked headless in tests/engine/test-properties.c. */

#include "config.h"

#include "lq-level-meter.h"
#include "lq-loudness-graph.h"
#include "lq-meter-panel.h"
#include "lq-platforms-view.h"
#include "lq-source-bar.h"
#include "lq-spectrum-view.h"
#include "lq-test-notify.h"
#include "lq-transport-bar.h"
#include "lq-ui-test.h"
#include "lq-waveform-view.h"

static LqSource *source_a;
static LqSource *source_b;
static LqSourceSet *set_a;
static LqSourceSet *set_b;

/* Objects the views are given: the other of two sources or sets. */
static gboolean
object_value (GParamSpec   *pspec,
              const GValue *current,
              GValue       *value,
              gpointer      user_data)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (type == LQ_TYPE_SOURCE)
    g_value_set_object (value, g_value_get_object (current) == source_a ? source_b : source_a);
  else if (type == LQ_TYPE_SOURCE_SET)
    g_value_set_object (value, g_value_get_object (current) == set_a ? set_b : set_a);
  else if (g_str_equal (pspec->name, "listen-as"))
    g_value_set_string (value, g_strcmp0 (g_value_get_string (current), "tidal") ? "tidal"
                                                                               : "youtube");
  else
    return FALSE;
  return TRUE;
}

static void
check_object (gconstpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  GObject *object = g_object_new (type, NULL);

  g_object_ref_sink (object);

  /* Views draw a source; the waveform zooms only into one. */
  if (type == LQ_TYPE_WAVEFORM_VIEW)
    lq_waveform_view_set_source (LQ_WAVEFORM_VIEW (object), source_a);
  lq_test_notify_check_object (object, object_value, NULL);

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
    LQ_TYPE_METER_PANEL, LQ_TYPE_SOURCE_BAR, LQ_TYPE_TRANSPORT_BAR, LQ_TYPE_PLATFORMS_VIEW,
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
