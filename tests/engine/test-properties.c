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

/* Every writable property of the engine's GObjects, headless: setting a new value emits
 * exactly one notify for it, and nothing notifies without a change (lq-test-notify.h). */

#include "config.h"

#include <math.h>

#include "lq-chain-model.h"
#include "lq-player-playback.h"
#include "lq-player.h"
#include "lq-session.h"
#include "lq-settings.h"
#include "lq-source-set.h"
#include "lq-source.h"
#include "lq-test-notify.h"

/* A source with a summary and no audio: enough to be selected and matched. */
static LqSource *
make_source (LqSourceKind  kind,
             const char   *path,
             double        lufs)
{
  LqAnalysisResult *result = g_rc_box_new0 (LqAnalysisResult);

  result->path = g_strdup (path);
  result->summary.frames = 44100 * 10;
  result->summary.sample_rate = 44100;
  result->summary.channels = 2;
  result->summary.integrated_lufs = lufs;
  result->summary.true_peak_dbtp = lufs + 10.0;
  result->info.sample_rate = 44100;
  result->info.channels = 2;
  return lq_source_new (kind, result);
}

/* One second of a stereo sine at 48 kHz. */
static LqSourceBuffer *
make_buffer (const char *name,
             double      amplitude)
{
  const guint64 n = 48000;
  g_autofree float *frames = g_new (float, 2 * n);

  for (guint64 i = 0; i < n; i++)
    {
      float v = (float) (amplitude * sin (2.0 * G_PI * 997.0 * (double) i / 48000.0));

      frames[2 * i] = frames[2 * i + 1] = v;
    }
  return lq_source_buffer_new_from_interleaved (name, 48000, 2, frames, n);
}

/* The session's playback: a fresh player adapter each time. */
static gboolean
session_value (GParamSpec   *pspec,
               const GValue *current,
               GValue       *value,
               gpointer      user_data)
{
  /* Targets are delivery presets; anything else is ignored. */
  if (g_str_equal (pspec->name, "target"))
    {
      g_value_set_string (value, g_strcmp0 (g_value_get_string (current), "cd") == 0 ? "spotify"
                                                                                    : "cd");
      return TRUE;
    }
  /* Listen-as names a streaming service. */
  if (g_str_equal (pspec->name, "listen-as"))
    {
      g_value_set_string (value, g_strcmp0 (g_value_get_string (current), "tidal") == 0
                                 ? "spotify-loud" : "tidal");
      return TRUE;
    }
  if (!g_type_is_a (pspec->value_type, LQ_TYPE_PLAYBACK))
    return FALSE;
  g_value_take_object (value, lq_player_playback_new ());
  return TRUE;
}

static void
check_type (gconstpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  g_autoptr(GObject) object = g_object_new (type, NULL);

  /* A selection needs something to select. */
  if (type == LQ_TYPE_SOURCE_SET)
    {
      g_autoptr(LqSource) mix = make_source (LQ_SOURCE_KIND_MIX, "/x/mix.wav", -20.0);
      g_autoptr(LqSource) ref = make_source (LQ_SOURCE_KIND_REFERENCE, "/x/ref.wav", -12.0);

      lq_source_set_set_mix (LQ_SOURCE_SET (object), mix);
      lq_source_set_add_reference (LQ_SOURCE_SET (object), ref);
    }
  /* The player selects and matches only what it has; let it finish measuring first. */
  if (type == LQ_TYPE_PLAYER)
    {
      g_autoptr(LqSourceBuffer) mix = make_buffer ("mix", 0.1);
      g_autoptr(LqSourceBuffer) ref = make_buffer ("ref", 0.5);
      g_autoptr(GError) error = NULL;

      g_assert_true (lq_player_set_sources (LQ_PLAYER (object), mix, &ref, 1, &error));
      g_assert_no_error (error);
      while (lq_player_get_measuring (LQ_PLAYER (object)))
        g_main_context_iteration (NULL, TRUE);
    }
  lq_test_notify_check_object (object, type == LQ_TYPE_SESSION ? session_value : NULL, NULL);
  /* A setting may have started a new measurement: let it land before the player goes. */
  if (type == LQ_TYPE_PLAYER)
    {
      while (lq_player_get_measuring (LQ_PLAYER (object)))
        g_main_context_iteration (NULL, TRUE);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

int
main (int    argc,
      char **argv)
{
  GType types[] = {
    LQ_TYPE_PLAYER, LQ_TYPE_CHAIN_MODEL, LQ_TYPE_SOURCE_SET, LQ_TYPE_SOURCE, LQ_TYPE_SETTINGS,
    LQ_TYPE_PLAYER_PLAYBACK, LQ_TYPE_SESSION,
  };

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *path = g_strdup_printf ("/engine/properties/%s", g_type_name (types[i]));

      g_test_add_data_func (path, GSIZE_TO_POINTER (types[i]), check_type);
    }
  return g_test_run ();
}
