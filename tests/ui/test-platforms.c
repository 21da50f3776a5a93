/* test-platforms.c
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

/* The Platforms view: one row per service, one column per source, each cell the service's
 * gain and the loudness it plays at, worked out here by hand from the published rules
 * (FACTS.md §1), not from lq-platforms. */

#include "config.h"

#include "lq-platforms-view.h"
#include "lq-platforms.h"
#include "lq-ui-test.h"

static LqSource *
make_source (LqSourceKind  kind,
             const char   *path,
             double        lufs,
             double        true_peak)
{
  LqAnalysisResult *result = g_rc_box_new0 (LqAnalysisResult);

  result->path = g_strdup (path);
  result->summary.frames = 48000 * 10;
  result->summary.sample_rate = 48000;
  result->summary.channels = 2;
  result->summary.integrated_lufs = lufs;
  result->summary.true_peak_dbtp = true_peak;
  result->info.sample_rate = 48000;
  result->info.channels = 2;
  return lq_source_new (kind, result);
}

static guint
row_of (const char *id)
{
  for (guint p = 0; p < lq_platforms_get_n (); p++)
    if (g_str_equal (lq_platforms_get (p)->id, id))
      return p;
  g_assert_not_reached ();
}

static const char *
cell (LqPlatformsView *view,
      const char      *id,
      guint            source)
{
  GtkLabel *label = lq_platforms_view_get_cell (view, row_of (id), source);

  g_assert_nonnull (label);
  return gtk_label_get_label (label);
}

static void
test_table (void)
{
  g_autoptr(LqSourceSet) sources = lq_source_set_new ();
  /* Spotify's own example: -20 LUFS with a true peak of -5 dBTP. */
  g_autoptr(LqSource) mix = make_source (LQ_SOURCE_KIND_MIX, "/x/mix.wav", -20.0, -5.0);
  /* A loud master: -8 LUFS, -0.5 dBTP. */
  g_autoptr(LqSource) loud = make_source (LQ_SOURCE_KIND_REFERENCE, "/x/loud.wav", -8.0, -0.5);
  GtkWidget *window = gtk_window_new ();
  LqPlatformsView *view = LQ_PLATFORMS_VIEW (lq_platforms_view_new ());
  guint ref;

  lq_source_set_set_mix (sources, mix);
  lq_source_set_add_reference (sources, loud);
  ref = LQ_SOURCE_SET_FIRST_REFERENCE;
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  lq_platforms_view_set_sources (view, sources);
  gtk_window_present (GTK_WINDOW (window));

  /* Spotify Normal raises -20 LUFS only until the true peak reaches -1 dBTP: +4 dB, to -16
   * LUFS, not to its -14 target. */
  g_assert_cmpstr (cell (view, "spotify-normal", LQ_SOURCE_SET_MIX), ==, "+4.0 dB → −16.0 LUFS");
  /* Quiet's -19 LUFS target is within the peak cap: +1 dB. */
  g_assert_cmpstr (cell (view, "spotify-quiet", LQ_SOURCE_SET_MIX), ==, "+1.0 dB → −19.0 LUFS");
  /* Loud raises to -11 whatever the peak, and its limiter catches the +4 dBTP. */
  g_assert_cmpstr (cell (view, "spotify-loud", LQ_SOURCE_SET_MIX), ==,
                   "+9.0 dB → −11.0 LUFS, limited");
  /* YouTube and Tidal never turn up. */
  g_assert_cmpstr (cell (view, "youtube", LQ_SOURCE_SET_MIX), ==, "0.0 dB → −20.0 LUFS");
  g_assert_cmpstr (cell (view, "tidal", LQ_SOURCE_SET_MIX), ==, "0.0 dB → −20.0 LUFS");

  /* The loud master comes down on every service, to its target. */
  g_assert_cmpstr (cell (view, "spotify-normal", ref), ==, "−6.0 dB → −14.0 LUFS");
  g_assert_cmpstr (cell (view, "apple-music", ref), ==, "−8.0 dB → −16.0 LUFS");
  g_assert_cmpstr (cell (view, "deezer", ref), ==, "−7.0 dB → −15.0 LUFS");
  for (guint p = 0; p < lq_platforms_get_n (); p++)
    {
      const char *text = gtk_label_get_label (lq_platforms_view_get_cell (view, p, ref));

      g_test_message ("%s: mix %s; loud reference %s", lq_platforms_get (p)->id,
                      gtk_label_get_label (lq_platforms_view_get_cell (view, p,
                                                                       LQ_SOURCE_SET_MIX)),
                      text);
      g_assert_true (g_str_has_prefix (text, "−"));
    }

  /* Columns follow the sources (mix, master, the reference). */
  g_assert_null (lq_platforms_view_get_cell (view, 0, ref + 1));
  lq_source_set_remove_reference (sources, ref);
  g_assert_null (lq_platforms_view_get_cell (view, 0, ref));
  g_assert_nonnull (lq_platforms_view_get_cell (view, 0, LQ_SOURCE_SET_MIX));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  lq_ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/platforms/table", test_table);
  return g_test_run ();
}
