/* test-audio-writer.c
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

/* The writer converts integer WAV and AIFF samples itself (lq_pcm_from_float) and hands
 * libsndfile the bytes: the files must be those libsndfile writes from the same floats, byte
 * for byte, with libsndfile itself as the oracle. */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sndfile.h>
#include <string.h>

#include "lq-audio-writer.h"
#include "lq-pcm.h"

typedef struct
{
  LqFileFormat   format;
  LqSampleFormat sample_format;
  int            sf_format;
  const char    *ext;
} Kind;

static const Kind kinds[] = {
  { LQ_FILE_FORMAT_WAV, LQ_SAMPLE_FORMAT_S24, SF_FORMAT_WAV | SF_FORMAT_PCM_24, "wav" },
  { LQ_FILE_FORMAT_WAV, LQ_SAMPLE_FORMAT_S16, SF_FORMAT_WAV | SF_FORMAT_PCM_16, "wav" },
  { LQ_FILE_FORMAT_AIFF, LQ_SAMPLE_FORMAT_S24, SF_FORMAT_AIFF | SF_FORMAT_PCM_24, "aiff" },
  { LQ_FILE_FORMAT_AIFF, LQ_SAMPLE_FORMAT_S16, SF_FORMAT_AIFF | SF_FORMAT_PCM_16, "aiff" },
  { LQ_FILE_FORMAT_WAV, LQ_SAMPLE_FORMAT_F32, SF_FORMAT_WAV | SF_FORMAT_FLOAT, "wav" },
};

/* Samples that probe every branch of the conversion: random ones over and beyond full scale,
 * ones on the 16- and 24-bit grids, exact halves of the 32-bit step (ties), tiny and
 * subnormal ones, signed zeros, full scale and just past it either way. */
static float *
probe_samples (gsize n)
{
  static const float edges[] = {
    0.0f, -0.0f, 1.0f, -1.0f, 1.0000001f, -1.0000001f, 0.99999994f, -0.99999994f,
    2.0f, -2.0f, 1e30f, -1e30f, INFINITY, -INFINITY, 1e-45f, -1e-45f, 1e-38f, -1e-38f,
    0x1p-31f, -0x1p-31f, 0x1.8p-31f, -0x1.8p-31f, 0x1.4p-30f, 0x1.cp-30f, 0x1p-24f, 0x1p-16f,
    0x1.000002p-8f, 0x1.fffffep-9f, 8388607.0f / 8388608.0f, -8388607.0f / 8388608.0f,
    32767.0f / 32768.0f, 0x1.fffffep30f * 0x1p-31f,
  };
  float *x = g_new (float, n);
  GRand *rand = g_rand_new_with_seed (11);

  for (gsize i = 0; i < n; i++)
    {
      switch (i % 6)
        {
        case 0:
          x[i] = (float) g_rand_double_range (rand, -1.3, 1.3);
          break;
        case 1:
          x[i] = (float) (g_rand_int_range (rand, -8388608, 8388608) / 8388608.0);
          break;
        case 2:
          x[i] = (float) ((g_rand_int_range (rand, -40000, 40000) + 0.5) * 0x1p-31);
          break;
        case 3:
          x[i] = (float) ldexp (g_rand_double_range (rand, -1.0, 1.0),
                                -g_rand_int_range (rand, 0, 40));
          break;
        case 4:
          x[i] = (float) (g_rand_int_range (rand, -32768, 32768) / 32768.0);
          break;
        default:
          x[i] = edges[(i / 6) % G_N_ELEMENTS (edges)];
          break;
        }
    }
  g_rand_free (rand);
  return x;
}

/* The frames through libsndfile's own conversion, clipping on and no PEAK chunk, as the
 * writer configures it. */
static void
write_with_libsndfile (const char  *path,
                       int          format,
                       const float *x,
                       gsize        frames,
                       guint        channels)
{
  SF_INFO info = { .samplerate = 48000, .channels = (int) channels, .format = format };
  SNDFILE *sf = sf_open (path, SFM_WRITE, &info);

  g_assert_nonnull (sf);
  sf_command (sf, SFC_SET_CLIPPING, NULL, SF_TRUE);
  sf_command (sf, SFC_SET_ADD_PEAK_CHUNK, NULL, SF_FALSE);
  g_assert_cmpint (sf_writef_float (sf, x, (sf_count_t) frames), ==, (sf_count_t) frames);
  g_assert_cmpint (sf_close (sf), ==, 0);
}

/* The data bytes of a file, as stored. */
static guint8 *
read_raw (const char *path,
          gsize       bytes)
{
  SF_INFO info = { 0 };
  SNDFILE *sf = sf_open (path, SFM_READ, &info);
  guint8 *raw = g_malloc (bytes + 1);

  g_assert_nonnull (sf);
  g_assert_cmpint (sf_read_raw (sf, raw, (sf_count_t) bytes), ==, (sf_count_t) bytes);
  g_assert_cmpint (sf_read_raw (sf, raw + bytes, 1), ==, 0);
  sf_close (sf);
  return raw;
}

/* lq_pcm_from_float gives libsndfile's bytes for every probe sample, in every width and byte
 * order the writer uses it for, at every length (the vector loops and their tails). */
static void
test_pcm_bytes (void)
{
  const gsize n = 60000;
  g_autofree float *x = probe_samples (n);
  g_autofree char *dir = g_dir_make_tmp ("lq-writer-XXXXXX", NULL);

  for (guint k = 0; k < 4; k++)
    {
      const guint width = kinds[k].sample_format / 8;
      const gboolean be = kinds[k].format == LQ_FILE_FORMAT_AIFF;
      g_autofree char *path = g_build_filename (dir, "ref", NULL);
      g_autofree guint8 *ref = NULL, *ours = g_malloc (n * width);

      write_with_libsndfile (path, kinds[k].sf_format, x, n, 1);
      ref = read_raw (path, n * width);
      lq_pcm_from_float (x, width, be, ours, n);
      for (gsize i = 0; i < n; i++)
        if (memcmp (ours + i * width, ref + i * width, width) != 0)
          g_error ("%u-bit %s: sample %" G_GSIZE_FORMAT " (%a) differs from libsndfile's",
                   8 * width, be ? "AIFF" : "WAV", i, x[i]);
      /* Every length from 0 to 40, at every start. */
      for (gsize len = 0; len <= 40; len++)
        for (gsize at = 0; at < 9; at++)
          {
            guint8 part[40 * 4 + 1];

            part[len * width] = 0xA5;
            lq_pcm_from_float (x + 1000 + at, width, be, part, len);
            g_assert_cmpmem (part, len * width, ref + (1000 + at) * width, len * width);
            g_assert_cmpuint (part[len * width], ==, 0xA5);
          }
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* NaN, which libsndfile would write as negative full scale (a click), is silence. */
static void
test_pcm_nan (void)
{
  float x[11];
  guint8 out[11 * 3];

  for (guint i = 0; i < G_N_ELEMENTS (x); i++)
    x[i] = NAN;
  memset (out, 0xFF, sizeof out);
  lq_pcm_from_float (x, 3, FALSE, out, G_N_ELEMENTS (x));
  for (guint i = 0; i < sizeof out; i++)
    g_assert_cmpuint (out[i], ==, 0);
  memset (out, 0xFF, sizeof out);
  lq_pcm_from_float (x, 2, TRUE, out, G_N_ELEMENTS (x));
  for (guint i = 0; i < 22; i++)
    g_assert_cmpuint (out[i], ==, 0);
}

/* lq_pcm_count_over counts what an integer file cannot hold: beyond +-1, not +-1 itself, not
 * NaN, at every length and start (the vector loop and its tail). */
static void
test_pcm_count_over (void)
{
  const gsize n = 60000;
  g_autofree float *x = probe_samples (n);

  for (gsize len = 0; len <= 40; len++)
    for (gsize at = 0; at < 9; at++)
      {
        gsize expect = 0;

        for (gsize i = at; i < at + len; i++)
          expect += fabsf (x[i]) > 1.0f;
        g_assert_cmpuint (lq_pcm_count_over (x + at, len), ==, expect);
      }
  {
    gsize expect = 0;

    x[17] = NAN;
    x[18] = 1.0f;
    x[19] = -1.0f;
    for (gsize i = 0; i < n; i++)
      expect += fabsf (x[i]) > 1.0f;
    g_assert_cmpuint (expect, >, 1000);
    g_assert_cmpuint (lq_pcm_count_over (x, n), ==, expect);
  }
}

/* A whole file through the writer, in blocks of awkward lengths, equals the file libsndfile
 * writes from the same frames in one call: header and data, byte for byte. Stereo, more than
 * one of the writer's gathered pieces. */
static void
test_same_file (void)
{
  const gsize frames = 150001;
  g_autofree float *x = probe_samples (2 * frames);
  g_autofree char *dir = g_dir_make_tmp ("lq-writer-XXXXXX", NULL);

  for (gsize i = 0; i < 2 * frames; i++)
    if (!isfinite (x[i]))
      x[i] = 0.5f;   /* libsndfile's infinities are its own affair in float files */
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *ours = g_strdup_printf ("%s/ours.%s", dir, kinds[k].ext);
      g_autofree char *ref = g_strdup_printf ("%s/ref.%s", dir, kinds[k].ext);
      g_autofree char *a = NULL, *b = NULL;
      gsize la, lb;
      g_autoptr(GError) error = NULL;
      LqAudioWriter *w = lq_audio_writer_new (ours, kinds[k].format, kinds[k].sample_format,
                                              48000, 2, FALSE, NULL, &error);

      g_assert_no_error (error);
      for (gsize done = 0, step = 1; done < frames; done += step, step = step * 7 % 9001 + 1)
        {
          step = MIN (step, frames - done);
          g_assert_true (lq_audio_writer_write (w, x + 2 * done, step, &error));
        }
      g_assert_true (lq_audio_writer_commit (w, &error));
      g_assert_no_error (error);
      lq_audio_writer_free (w);
      write_with_libsndfile (ref, kinds[k].sf_format, x, frames, 2);

      g_assert_true (g_file_get_contents (ours, &a, &la, NULL));
      g_assert_true (g_file_get_contents (ref, &b, &lb, NULL));
      g_assert_cmpmem (a, la, b, lb);
      g_unlink (ours);
      g_unlink (ref);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/audio-writer/pcm-bytes", test_pcm_bytes);
  g_test_add_func ("/audio-writer/pcm-nan", test_pcm_nan);
  g_test_add_func ("/audio-writer/pcm-count-over", test_pcm_count_over);
  g_test_add_func ("/audio-writer/same-file", test_same_file);
  return g_test_run ();
}
