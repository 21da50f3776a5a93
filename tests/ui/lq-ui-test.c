/* lq-ui-test.c
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
#include <stdlib.h>

#include <glib/gstdio.h>

#include "lq-player-playback.h"
#include "lq-ui-test.h"

/* Under meson's tap protocol a skip is an empty plan and exit 0; otherwise exit 77. */
static void
skip_all (int         argc,
          char      **argv,
          const char *reason)
{
  for (int i = 1; i < argc; i++)
    if (g_strcmp0 (argv[i], "--tap") == 0)
      {
        g_print ("1..0 # SKIP %s\n", reason);
        exit (0);
      }
  g_printerr ("Skipping: %s\n", reason);
  exit (77);
}

/* A test program that failed leaves its windows' autosaves behind; the next program would
 * offer to recover them and start from that session instead of a new one. The display
 * tests run one at a time, so none of these belongs to a running test. */
static void
remove_stale_autosaves (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "lacquer", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "autosave-") && g_str_has_suffix (name, ".lacquer"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
}

void
lq_ui_test_init (int    *argc,
                 char ***argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    skip_all (*argc, *argv, "no display (run under xvfb-run)");
  remove_stale_autosaves ();
  gtk_test_init (argc, argv, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR);
}

GdkTexture *
lq_ui_test_render (GtkWidget *widget)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GdkTexture *texture;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  return texture;
}

guint
lq_ui_test_count_ink_in (GdkTexture *texture,
                         guint       min_alpha,
                         int         x0,
                         int         y0,
                         int         x1,
                         int         y1)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  guint ink = 0;

  gdk_texture_download (texture, pixels, stride);
  for (int y = MAX (y0, 0); y < MIN (y1, height); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, width); x++)
      if (pixels[y * stride + x * 4 + 3] > min_alpha)   /* B8G8R8A8 premultiplied: alpha last */
        ink++;
  return ink;
}

guint
lq_ui_test_count_ink (GdkTexture *texture)
{
  return lq_ui_test_count_ink_in (texture, 0, 0, 0, G_MAXINT, G_MAXINT);
}

GtkEventController *
lq_ui_test_find_controller (GtkWidget *widget,
                            GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  return NULL;
}

static gboolean
is_ours (const char *action)
{
  return g_str_has_prefix (action, "win.") || g_str_has_prefix (action, "abx.")
         || g_str_equal (action, "window.close");
}

GtkShortcut *
lq_ui_test_find_window_shortcut (GtkWidget  *window,
                                 const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);
  guint n = g_list_model_get_n_items (controllers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      guint m;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      m = g_list_model_get_n_items (G_LIST_MODEL (controller));
      for (guint j = 0; j < m; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          g_autofree char *text =
            gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          /* Only ours: GtkWindow binds some keys too (arrows move the focus). */
          if (g_strcmp0 (text, trigger) == 0 && GTK_IS_NAMED_ACTION (action)
              && is_ours (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action))))
            return g_steal_pointer (&shortcut);
        }
    }
  return NULL;
}

void
lq_ui_test_press (GtkWidget  *window,
                  const char *trigger)
{
  g_autoptr(GtkShortcut) shortcut = lq_ui_test_find_window_shortcut (window, trigger);

  if (shortcut == NULL)
    g_error ("no shortcut for %s", trigger);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, window,
                                               gtk_shortcut_get_arguments (shortcut)));
}

guint
lq_ui_test_count_red (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  guint red = 0;

  gdk_texture_download (texture, pixels, stride);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = &pixels[y * stride + x * 4];   /* B G R A */

        if (p[3] > 128 && p[2] > 150 && p[2] > p[1] + 80 && p[2] > p[0] + 80)
          red++;
      }
  return red;
}

static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
lq_ui_test_action_enabled (GtkWidget  *root,
                           const char *action_name)
{
  GtkWidget *widget = find_actionable (root, action_name);

  g_assert_nonnull (widget);
  return gtk_widget_get_sensitive (widget);
}

GtkWidget *
lq_ui_test_find_by_id (GtkWidget  *root,
                       const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lq_ui_test_find_by_id (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
lq_ui_test_wait_false (gboolean (*get) (gpointer),
                       gpointer   data,
                       double     timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) (timeout_s * G_USEC_PER_SEC);

  while (get (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out after %.0f s", timeout_s);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

gboolean
lq_ui_test_player_busy (gpointer playback)
{
  LqPlayer *player = lq_player_playback_get_player (LQ_PLAYER_PLAYBACK (playback));

  return lq_player_playback_get_loading (playback) || lq_player_get_measuring (player)
         || lq_player_get_codec_updating (player) || lq_player_get_codec_checking (player);
}

static gboolean
spin_done_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
lq_ui_test_spin (double seconds)
{
  gboolean done = FALSE;

  g_timeout_add ((guint) (seconds * 1000), spin_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

LqSource *
lq_ui_test_make_source (LqSourceKind  kind,
                        const char   *path,
                        double        seconds,
                        double        rate)
{
  const guint chunk = 65536;
  g_autofree float *left = g_new (float, chunk);
  g_autofree float *right = g_new (float, chunk);
  const float *planar[2] = { left, right };
  guint64 frames = (guint64) (seconds * rate);
  guint64 done = 0;
  guint32 rng = 12345;
  LqAnalysisResult *result = g_rc_box_new0 (LqAnalysisResult);

  result->path = g_strdup (path);
  result->peaks = lq_peaks_new (2, NULL);
  result->spectrum = lq_spectrum_new (rate, 0, NULL);

  /* One chunk of noise, reused with a slowly changing gain: the pyramid's cost is the same
   * as for real audio, the memory is not. */
  for (guint i = 0; i < chunk; i++)
    {
      rng = rng * 1664525u + 1013904223u;
      left[i] = ((float) (rng >> 8) / (float) (1 << 24) - 0.5f) * 0.8f;
      right[i] = left[i] * 0.9f;
    }
  lq_spectrum_accumulate (result->spectrum, left, right, chunk);

  while (done < frames)
    {
      guint n = (guint) MIN ((guint64) chunk, frames - done);

      lq_peaks_process (result->peaks, planar, n);
      done += n;
    }
  lq_peaks_finish (result->peaks);

  result->n_history = (guint64) (seconds * LQ_HISTORY_RATE);
  result->momentary = g_new (float, result->n_history);
  result->short_term = g_new (float, result->n_history);
  for (guint64 i = 0; i < result->n_history; i++)
    {
      double t = (double) i / LQ_HISTORY_RATE;

      result->momentary[i] = (float) (-16.0 + 4.0 * sin (t * 1.3) + 2.0 * sin (t * 7.1));
      result->short_term[i] = (float) (-16.0 + 3.0 * sin (t * 1.3));
    }

  result->summary.frames = frames;
  result->summary.sample_rate = rate;
  result->summary.channels = 2;
  result->summary.integrated_lufs = -16.0;
  result->summary.loudness_range_lu = 6.0;
  result->summary.max_momentary_lufs = -10.0;
  result->summary.max_short_term_lufs = -13.0;
  result->summary.true_peak_dbtp = -5.6;
  result->summary.sample_peak_dbfs = -5.9;
  result->summary.plr_db = 10.4;
  for (guint c = 0; c < 2; c++)
    {
      result->summary.channel_true_peak_dbtp[c] = -5.6 - c;
      result->summary.channel_sample_peak_dbfs[c] = -5.9 - c;
    }
  result->info.sample_rate = rate;
  result->info.channels = 2;

  return lq_source_new (kind, result);
}

/* ---- a fake player ---- */

struct _LqUiTestPlayback
{
  GObject        parent_instance;
  gboolean       playing;
  double         position;
  int            selected;
  double         gain;
  double         loop_start;
  double         loop_end;
  guint          n_sources;
  LqChainParams  chain;
  guint          n_chains;
  double         crossfade_ms;
  GListModel    *sources;        /* weak */
  gboolean       matches;
  gboolean       match_enabled;
  double         listening_level;
  GArray        *compare;        /* LqChainParams */
  GString       *calls;          /* select, seek and play, in order */
};

static void lq_ui_test_playback_iface_init (LqPlaybackInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LqUiTestPlayback, lq_ui_test_playback, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LQ_TYPE_PLAYBACK,
                                                      lq_ui_test_playback_iface_init))

enum { PB_PROP_0, PB_PROP_PLAYING, PB_PROP_POSITION };

static void
set_playing (LqUiTestPlayback *self,
             gboolean          playing)
{
  self->playing = playing;
  g_object_notify (G_OBJECT (self), "playing");
}

static void
fake_set_sources (LqPlayback *pb,
                  GListModel *sources)
{
  LQ_UI_TEST_PLAYBACK (pb)->n_sources = g_list_model_get_n_items (sources);
  /* Weak: the session owns its sources. */
  g_set_weak_pointer (&LQ_UI_TEST_PLAYBACK (pb)->sources, sources);
}

static void
fake_set_matching (LqPlayback *pb,
                   gboolean    enabled,
                   double      listening_level)
{
  LQ_UI_TEST_PLAYBACK (pb)->match_enabled = enabled;
  LQ_UI_TEST_PLAYBACK (pb)->listening_level = listening_level;
}

/* A compared master's loudness as a player would measure it: its chain's input gain over
 * the mix's. */
static gboolean
fake_get_loudness (LqPlayback *pb,
                   guint       index,
                   double     *lufs)
{
  LqUiTestPlayback *self = LQ_UI_TEST_PLAYBACK (pb);
  g_autoptr(LqSource) mix = NULL;

  if (!lq_slot_is_compare ((int) index) || index - LQ_SLOT_COMPARE >= self->compare->len
      || self->sources == NULL || !(mix = g_list_model_get_item (self->sources, 0)))
    return FALSE;
  *lufs = lq_source_get_integrated_lufs (mix)
          + g_array_index (self->compare, LqChainParams, index - LQ_SLOT_COMPARE).input_gain_db;
  return TRUE;
}

/* With matches set: every source at the listening level exactly (no true-peak headroom). */
static gboolean
fake_get_gain (LqPlayback *pb,
               guint       index,
               double     *gain_db)
{
  LqUiTestPlayback *self = LQ_UI_TEST_PLAYBACK (pb);
  g_autoptr(LqSource) source = NULL;
  double lufs;

  if (self->matches && fake_get_loudness (pb, index, &lufs))
    {
      *gain_db = self->match_enabled ? self->listening_level - lufs : 0.0;
      return TRUE;
    }
  if (!self->matches || self->sources == NULL
      || !(source = g_list_model_get_item (self->sources, index)))
    return FALSE;
  *gain_db = self->match_enabled
             ? self->listening_level - lq_source_get_integrated_lufs (source) : 0.0;
  return TRUE;
}

static void
fake_select (LqPlayback *pb,
             guint       index,
             double      gain)
{
  LQ_UI_TEST_PLAYBACK (pb)->selected = (int) index;
  LQ_UI_TEST_PLAYBACK (pb)->gain = gain;
  g_string_append_printf (LQ_UI_TEST_PLAYBACK (pb)->calls, "select %u;", index);
}

static void
fake_play (LqPlayback *pb)
{
  g_string_append (LQ_UI_TEST_PLAYBACK (pb)->calls, "play;");
  set_playing (LQ_UI_TEST_PLAYBACK (pb), TRUE);
}

static void
fake_pause (LqPlayback *pb)
{
  set_playing (LQ_UI_TEST_PLAYBACK (pb), FALSE);
}

static void
fake_stop (LqPlayback *pb)
{
  LQ_UI_TEST_PLAYBACK (pb)->position = 0.0;
  set_playing (LQ_UI_TEST_PLAYBACK (pb), FALSE);
}

static void
fake_seek (LqPlayback *pb,
           double      seconds)
{
  LQ_UI_TEST_PLAYBACK (pb)->position = seconds;
  g_string_append_printf (LQ_UI_TEST_PLAYBACK (pb)->calls, "seek %g;", seconds);
}

static void
fake_set_loop (LqPlayback *pb,
               double      start,
               double      end)
{
  LQ_UI_TEST_PLAYBACK (pb)->loop_start = start;
  LQ_UI_TEST_PLAYBACK (pb)->loop_end = end;
}

static double
fake_get_position (LqPlayback *pb)
{
  return LQ_UI_TEST_PLAYBACK (pb)->position;
}

static gboolean
fake_get_playing (LqPlayback *pb)
{
  return LQ_UI_TEST_PLAYBACK (pb)->playing;
}

static char *
fake_dup_device_name (LqPlayback *pb)
{
  return g_strdup ("Test Output");
}

static void
fake_set_chain (LqPlayback          *pb,
                const LqChainParams *params)
{
  LQ_UI_TEST_PLAYBACK (pb)->chain = *params;
  LQ_UI_TEST_PLAYBACK (pb)->n_chains++;
}

static void
fake_set_crossfade_ms (LqPlayback *pb,
                       double      ms)
{
  LQ_UI_TEST_PLAYBACK (pb)->crossfade_ms = ms;
}

static double
fake_get_crossfade_ms (LqPlayback *pb)
{
  return LQ_UI_TEST_PLAYBACK (pb)->crossfade_ms;
}

static void
fake_set_compare_chains (LqPlayback          *pb,
                         const LqChainParams *params,
                         guint                n)
{
  LqUiTestPlayback *self = LQ_UI_TEST_PLAYBACK (pb);

  g_array_set_size (self->compare, 0);
  g_array_append_vals (self->compare, params, n);
}

static void
lq_ui_test_playback_iface_init (LqPlaybackInterface *iface)
{
  iface->set_sources = fake_set_sources;
  iface->select = fake_select;
  iface->play = fake_play;
  iface->pause = fake_pause;
  iface->stop = fake_stop;
  iface->seek = fake_seek;
  iface->set_loop = fake_set_loop;
  iface->get_position = fake_get_position;
  iface->get_playing = fake_get_playing;
  iface->dup_device_name = fake_dup_device_name;
  iface->set_chain = fake_set_chain;
  iface->set_crossfade_ms = fake_set_crossfade_ms;
  iface->set_matching = fake_set_matching;
  iface->get_gain = fake_get_gain;
  iface->get_loudness = fake_get_loudness;
  iface->set_compare_chains = fake_set_compare_chains;
  iface->get_crossfade_ms = fake_get_crossfade_ms;
}

static void
lq_ui_test_playback_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LqUiTestPlayback *self = LQ_UI_TEST_PLAYBACK (object);

  if (prop_id == PB_PROP_PLAYING)
    g_value_set_boolean (value, self->playing);
  else
    g_value_set_double (value, self->position);
}

static void
lq_ui_test_playback_dispose (GObject *object)
{
  g_clear_weak_pointer (&LQ_UI_TEST_PLAYBACK (object)->sources);
  g_clear_pointer (&LQ_UI_TEST_PLAYBACK (object)->compare, g_array_unref);
  if (LQ_UI_TEST_PLAYBACK (object)->calls != NULL)
    g_string_free (g_steal_pointer (&LQ_UI_TEST_PLAYBACK (object)->calls), TRUE);
  G_OBJECT_CLASS (lq_ui_test_playback_parent_class)->dispose (object);
}

static void
lq_ui_test_playback_class_init (LqUiTestPlaybackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lq_ui_test_playback_dispose;
  object_class->get_property = lq_ui_test_playback_get_property;
  g_object_class_override_property (object_class, PB_PROP_PLAYING, "playing");
  g_object_class_override_property (object_class, PB_PROP_POSITION, "position");
}

static void
lq_ui_test_playback_init (LqUiTestPlayback *self)
{
  self->selected = -1;
  self->crossfade_ms = 5.0;
  self->compare = g_array_new (FALSE, FALSE, sizeof (LqChainParams));
  self->calls = g_string_new (NULL);
}

LqUiTestPlayback *
lq_ui_test_playback_new (void)
{
  return g_object_new (LQ_TYPE_UI_TEST_PLAYBACK, NULL);
}

const char *
lq_ui_test_playback_get_calls (LqUiTestPlayback *self)
{
  return self->calls->str;
}

void
lq_ui_test_playback_clear_calls (LqUiTestPlayback *self)
{
  g_string_truncate (self->calls, 0);
}

guint
lq_ui_test_playback_get_n_sources (LqUiTestPlayback *self)
{
  return self->n_sources;
}

int
lq_ui_test_playback_get_selected (LqUiTestPlayback *self)
{
  return self->selected;
}

double
lq_ui_test_playback_get_gain (LqUiTestPlayback *self)
{
  return self->gain;
}

gboolean
lq_ui_test_playback_get_playing (LqUiTestPlayback *self)
{
  return self->playing;
}

double
lq_ui_test_playback_get_position (LqUiTestPlayback *self)
{
  return self->position;
}

void
lq_ui_test_playback_set_position (LqUiTestPlayback *self,
                                  double            seconds)
{
  self->position = seconds;
}

void
lq_ui_test_playback_get_loop (LqUiTestPlayback *self,
                              double           *start,
                              double           *end)
{
  *start = self->loop_start;
  *end = self->loop_end;
}

const LqChainParams *
lq_ui_test_playback_get_chain (LqUiTestPlayback *self)
{
  return &self->chain;
}

guint
lq_ui_test_playback_get_n_chains (LqUiTestPlayback *self)
{
  return self->n_chains;
}

double
lq_ui_test_playback_get_crossfade_ms (LqUiTestPlayback *self)
{
  return self->crossfade_ms;
}

void
lq_ui_test_playback_set_matches (LqUiTestPlayback *self,
                                 gboolean          matches)
{
  self->matches = matches;
}

guint
lq_ui_test_playback_get_n_compare (LqUiTestPlayback *self)
{
  return self->compare->len;
}

const LqChainParams *
lq_ui_test_playback_get_compare (LqUiTestPlayback *self,
                                 guint             i)
{
  g_assert_cmpuint (i, <, self->compare->len);
  return &g_array_index (self->compare, LqChainParams, i);
}
