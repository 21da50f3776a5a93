/* player-test-util.c
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

#include <glib/gstdio.h>
#include <math.h>
#include <sndfile.h>
#include <stdlib.h>

#include "lq-loudness.h"
#include "lq-test-signal.h"
#include "player-test-util.h"

float *
pt_sine (guint   channels,
         guint64 frames,
         double  rate,
         double  freq,
         double  peak_dbfs)
{
  float *mono = g_new (float, frames);
  float *out = g_new (float, frames * channels);

  lq_test_sine (mono, frames, rate, freq, lq_test_dbfs (peak_dbfs), 0.3);
  for (guint64 i = 0; i < frames; i++)
    for (guint c = 0; c < channels; c++)
      out[i * channels + c] = mono[i];
  g_free (mono);
  return out;
}

float *
pt_music (guint   channels,
          guint64 frames,
          double  rate,
          guint64 seed,
          double  gain_db)
{
  float *ch = g_new (float, frames);
  float *out = g_new (float, frames * channels);
  float g = (float) pow (10.0, gain_db / 20.0);

  for (guint c = 0; c < channels; c++)
    {
      lq_test_music (ch, frames, rate, (int) c, seed);
      for (guint64 i = 0; i < frames; i++)
        out[i * channels + c] = g * ch[i];
    }
  g_free (ch);
  return out;
}

LqSourceBuffer *
pt_buffer (const char *name,
           guint       channels,
           double      rate,
           float      *interleaved,
           guint64     frames)
{
  LqSourceBuffer *b = lq_source_buffer_new_from_interleaved (name, rate, channels, interleaved,
                                                             frames);
  g_free (interleaved);
  return b;
}

char *
pt_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("lacquer-player-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
pt_rmdir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static char *
copy_config (const char *dir,
             const char *name)
{
  g_autofree char *src = g_build_filename (TEST_SRCDIR, "alsa", name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  char *dst = g_build_filename (dir, name, NULL);

  g_file_get_contents (src, &text, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (dst, text, -1, &error);
  g_assert_no_error (error);
  return dst;
}

char *
pt_use_alsa_config (const char *dir,
                    const char *name)
{
  g_autofree char *config = copy_config (dir, name);
  char *capture = g_build_filename (dir, "capture.raw", NULL);

  g_setenv ("ALSA_CONFIG_PATH", config, TRUE);
  g_setenv ("PA_CAPTURE_FILE", capture, TRUE);
  g_setenv ("JACK_NO_START_SERVER", "1", TRUE);
  return capture;
}

char **
pt_alsa_environ (const char  *dir,
                 const char  *name,
                 char       **capture_path)
{
  g_autofree char *config = copy_config (dir, name);
  g_autofree char *capture = g_build_filename (dir, "capture.raw", NULL);
  char **env = g_get_environ ();

  env = g_environ_setenv (env, "ALSA_CONFIG_PATH", config, TRUE);
  env = g_environ_setenv (env, "PA_CAPTURE_FILE", capture, TRUE);
  env = g_environ_setenv (env, "JACK_NO_START_SERVER", "1", TRUE);
  if (capture_path)
    *capture_path = g_steal_pointer (&capture);
  return env;
}

gboolean
pt_write_wav (const char  *path,
              double       rate,
              guint        channels,
              const float *interleaved,
              guint64      frames)
{
  SF_INFO info = { 0 };
  SNDFILE *sf;
  sf_count_t n;

  info.samplerate = (int) rate;
  info.channels = (int) channels;
  info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
  sf = sf_open (path, SFM_WRITE, &info);
  if (sf == NULL)
    return FALSE;
  n = sf_writef_float (sf, interleaved, (sf_count_t) frames);
  sf_close (sf);
  return n == (sf_count_t) frames;
}

float *
pt_read_raw (const char *path,
             guint       channels,
             guint64    *frames)
{
  char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return NULL;
  *frames = length / (sizeof (float) * channels);
  return (float *) data;
}

gint64
pt_onset (const float *interleaved,
          guint        channels,
          guint64      frames)
{
  for (guint64 i = 0; i < frames; i++)
    for (guint c = 0; c < channels; c++)
      if (interleaved[i * channels + c] != 0.0f)
        return (gint64) i;
  return -1;
}

double
pt_short_term (const float *stereo,
               guint64      end,
               double       rate)
{
  LqLoudnessConfig config = { .sample_rate = rate, .channels = 2 };
  LqStatus status;
  LqLoudness *meter = lq_loudness_new (&config, &status);
  guint64 window = (guint64) (3.0 * rate);
  guint64 start = end > window ? end - window : 0;
  double lufs;

  g_assert_nonnull (meter);
  lq_loudness_process_interleaved (meter, stereo + 2 * start, (uint32_t) (end - start));
  lufs = lq_loudness_get_short_term (meter);
  lq_loudness_free (meter);
  return lufs;
}

double
pt_max_step (const float *stereo,
             guint64      start,
             guint64      end)
{
  double m = 0.0;

  for (guint64 i = start; i + 1 < end; i++)
    for (guint c = 0; c < 2; c++)
      m = MAX (m, fabs ((double) stereo[2 * (i + 1) + c] - stereo[2 * i + c]));
  return m;
}

void
pt_busy_chain (LqChainParams *p)
{
  lq_chain_params_init_default (p);
  p->input_gain_db = 4.0;
  p->eq.bypass = false;
  p->eq.n_bands = 2;
  p->eq.bands[0] = (LqEqBand) { LQ_EQ_BAND_PEAKING, 1000.0, 4.0, 1.0, 12, false };
  p->eq.bands[1] = (LqEqBand) { LQ_EQ_BAND_HIGH_SHELF, 8000.0, -3.0, 0.7071, 12, false };
  p->comp.bypass = false;
  p->comp.threshold_db = -24.0;
  p->comp.ratio = 3.0;
  p->lim.bypass = false;
  p->lim.ceiling_db = -1.0;
  p->output_gain_db = -1.0;
}

float *
pt_chain_render (const LqChainParams *params,
                 double               rate,
                 const float         *interleaved,
                 guint                channels,
                 guint64              frames,
                 guint               *latency)
{
  LqChainConfig config = { .sample_rate = rate, .channels = 2, .max_frames = 1024 };
  LqStatus status;
  LqChain *chain = lq_chain_new (&config, &status);
  float *l = g_new (float, frames);
  float *r = g_new (float, frames);
  float *out = g_new (float, 2 * frames);

  g_assert_nonnull (chain);
  lq_chain_set_params (chain, params);
  for (guint64 i = 0; i < frames; i++)
    {
      l[i] = interleaved[i * channels];
      r[i] = interleaved[i * channels + (channels > 1)];
    }
  for (guint64 pos = 0; pos < frames; pos += 1024)
    {
      guint n = (guint) MIN (1024, frames - pos);
      const float *in[2] = { l + pos, r + pos };
      float *o[2] = { l + pos, r + pos };

      lq_chain_process (chain, in, o, n);
    }
  for (guint64 i = 0; i < frames; i++)
    {
      out[2 * i] = l[i];
      out[2 * i + 1] = r[i];
    }
  *latency = lq_chain_get_latency (chain);
  lq_chain_free (chain);
  g_free (l);
  g_free (r);
  return out;
}
