/* test-channel-map.c
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

/* EBU Tech 3341 case 6 from files, through lq_analyze_file, so that the channel map of the
 * file decides the BS.1770 weights: L, R -28 dBFS, C -24, Ls, Rs -30 (1 kHz, 20 s) reads
 * I = -23.0 +-0.1. As a plain 5-channel WAV (no map: the default L R C Ls Rs layout), as 5.1
 * in WAVE_FORMAT_EXTENSIBLE with a channel mask (back or side surrounds, LFE silent or loud,
 * which must not count), and as a 6-channel file whose mask puts the LFE third and a rear
 * centre last, where the default 5.1 weights would be wrong. At 48 and 44.1 kHz. */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sndfile.h>

#include "lq-analyze.h"
#include "lq-audio-file.h"
#include "lq-test-signal.h"

#define SILENT (-INFINITY)
#define LAYOUT_END (-1)

static char *tmp_dir;

typedef struct
{
  const char *name;
  int         format;
  guint       channels;
  int         map[8];             /* SF_CHANNEL_MAP_*; map[0] == LAYOUT_END: no map */
  double      level[8];           /* dBFS per channel */
  float       weight[8];          /* the BS.1770 weights the map implies */
} Layout;

/* -24 dBFS at centre weight 1 is -25.49 dBFS at surround weight 1.41. */
#define REAR_CENTRE_DB (-24.0 - 10.0 * log10 (1.41))

static const Layout layouts[] = {
  { "5ch-no-map", SF_FORMAT_WAV | SF_FORMAT_PCM_24, 5,
    { LAYOUT_END },
    { -28, -28, -24, -30, -30 },
    { 1, 1, 1, 1.41f, 1.41f } },
  { "5.1-back-silent-lfe", SF_FORMAT_WAVEX | SF_FORMAT_PCM_24, 6,
    { SF_CHANNEL_MAP_LEFT, SF_CHANNEL_MAP_RIGHT, SF_CHANNEL_MAP_CENTER, SF_CHANNEL_MAP_LFE,
      SF_CHANNEL_MAP_REAR_LEFT, SF_CHANNEL_MAP_REAR_RIGHT },
    { -28, -28, -24, SILENT, -30, -30 },
    { 1, 1, 1, 0, 1.41f, 1.41f } },
  { "5.1-side-loud-lfe", SF_FORMAT_WAVEX | SF_FORMAT_FLOAT, 6,
    { SF_CHANNEL_MAP_LEFT, SF_CHANNEL_MAP_RIGHT, SF_CHANNEL_MAP_CENTER, SF_CHANNEL_MAP_LFE,
      SF_CHANNEL_MAP_SIDE_LEFT, SF_CHANNEL_MAP_SIDE_RIGHT },
    { -28, -28, -24, -6, -30, -30 },
    { 1, 1, 1, 0, 1.41f, 1.41f } },
  { "6ch-lfe-third", SF_FORMAT_WAVEX | SF_FORMAT_PCM_24, 6,
    { SF_CHANNEL_MAP_LEFT, SF_CHANNEL_MAP_RIGHT, SF_CHANNEL_MAP_LFE, SF_CHANNEL_MAP_REAR_LEFT,
      SF_CHANNEL_MAP_REAR_RIGHT, SF_CHANNEL_MAP_REAR_CENTER },
    { -28, -28, -6, -30, -30, REAR_CENTRE_DB },
    { 1, 1, 0, 1.41f, 1.41f, 1.41f } },
};

typedef struct
{
  const Layout *layout;
  double        rate;
} MapCase;

static char *
write_layout (const Layout *l,
              double        rate)
{
  g_autofree char *name = g_strdup_printf ("%s-%.0f.wav", l->name, rate);
  char *path = g_build_filename (tmp_dir, name, NULL);
  const sf_count_t n = (sf_count_t) llround (20.0 * rate), block = 4096;
  SF_INFO info = { 0 };
  SNDFILE *sf;
  float *x = g_new (float, block * l->channels);

  info.samplerate = (int) rate;
  info.channels = (int) l->channels;
  info.format = l->format;
  sf = sf_open (path, SFM_WRITE, &info);
  g_assert_nonnull (sf);
  if (l->map[0] != LAYOUT_END)
    g_assert_true (sf_command (sf, SFC_SET_CHANNEL_MAP_INFO, (void *) l->map,
                               (int) (l->channels * sizeof (int))));

  for (sf_count_t done = 0; done < n; done += block)
    {
      sf_count_t k = MIN (block, n - done);

      for (sf_count_t i = 0; i < k; i++)
        {
          double s = sin (2.0 * M_PI * 1000.0 * (double) (done + i) / rate);

          for (guint c = 0; c < l->channels; c++)
            x[i * l->channels + c] = isfinite (l->level[c])
                                     ? (float) (lq_test_dbfs (l->level[c]) * s) : 0.0f;
        }
      g_assert_cmpint (sf_writef_float (sf, x, k), ==, k);
    }
  g_assert_cmpint (sf_close (sf), ==, 0);
  g_free (x);
  return path;
}

static void
test_case6_file (gconstpointer data)
{
  const MapCase *mc = data;
  const Layout *l = mc->layout;
  g_autofree char *path = write_layout (l, mc->rate);
  g_autoptr(GError) error = NULL;
  g_autoptr(LqAudioFile) file = lq_audio_file_open (path, &error);
  g_autoptr(LqAnalysisResult) result = NULL;
  const LqAudioInfo *info;
  double integrated;

  g_assert_no_error (error);
  info = lq_audio_file_get_info (file);
  g_assert_cmpuint (info->channels, ==, l->channels);
  g_assert_cmpint (info->has_channel_map, ==, l->map[0] != LAYOUT_END);
  for (guint c = 0; c < l->channels; c++)
    if (info->weights[c] != l->weight[c])
      g_test_fail_printf ("%s: channel %u weight %g, expected %g", l->name, c,
                          info->weights[c], l->weight[c]);

  result = lq_analyze_file (path, LQ_ANALYZE_SUMMARY, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  integrated = result->summary.integrated_lufs;
  g_test_message ("RESULT case6 %s %.0f I %.3f", l->name, mc->rate, integrated);
  if (!(fabs (integrated + 23.0) <= 0.1))
    g_test_fail_printf ("%s at %.0f Hz: I = %.3f LUFS, expected -23.0 +-0.1", l->name,
                        mc->rate, integrated);
  g_assert_cmpuint (result->summary.channels, ==, l->channels);
  g_assert_cmpuint (result->summary.frames, ==, (guint64) llround (20.0 * mc->rate));
}

int
main (int    argc,
      char **argv)
{
  static const double rates[] = { 48000.0, 44100.0 };
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("lacquer-channel-map-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
      {
        MapCase *mc = g_new0 (MapCase, 1);
        char *path = g_strdup_printf ("/channel-map/tech3341-case06/%s/%.0f",
                                      layouts[i].name, rates[r]);

        mc->layout = &layouts[i];
        mc->rate = rates[r];
        g_test_add_data_func_full (path, mc, test_case6_file, g_free);
        g_free (path);
      }

  status = g_test_run ();

  {
    GDir *d = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (tmp_dir, name, NULL);
        g_remove (p);
      }
    if (d)
      g_dir_close (d);
    g_rmdir (tmp_dir);
    g_free (tmp_dir);
  }
  return status;
}
