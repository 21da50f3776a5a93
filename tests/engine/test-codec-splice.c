/* test-codec-splice.c
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

/* The window's codec preview encodes a long programme in segments on threads and splices
 * the decodes. Spliced, it must be one programme: at each splice the decode stays aligned
 * to the master, nothing is missing or doubled, and the codec's damage there is what it is
 * elsewhere; and its readings agree with one stream's (lq_codec_round_trip, which the CLI
 * and the deliverables use) within what two encodes of the same audio differ by. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sndfile.h>
#include <unistd.h>

#include "lq-codec.h"
#include "lq-test-signal.h"

#define RATE    44100.0
#define SECONDS 125
#define WIN     4096
/* The splice's crossfade, 1024 frames, and as much either side. */
#define SPLICE_WIN 2048

static double
rms_diff (const float *a,
          const float *b,
          gsize        from,
          gsize        n)
{
  double e = 0.0;

  for (gsize i = from; i < from + n; i++)
    e += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
  return sqrt (e / n);
}

/* The lag of y against x, within +-MAX_LAG, that correlates best over LAG_WIN frames from. */
#define LAG_WIN 16384
#define MAX_LAG 64

static int
best_lag (const float *y,
          const float *x,
          gsize        from,
          gsize        n)
{
  double best = -HUGE_VAL;
  int lag = MAX_LAG + 1;

  g_assert_cmpuint (from, >=, MAX_LAG);
  g_assert_cmpuint (from + LAG_WIN + MAX_LAG, <=, n);
  for (int d = -MAX_LAG; d <= MAX_LAG; d++)
    {
      double r = 0.0;

      for (gsize i = from; i < from + LAG_WIN; i++)
        r += (double) x[i] * y[i + d];
      if (r > best)
        {
          best = r;
          lag = d;
        }
    }
  return lag;
}

/* One stream's MP3, decoded by libsndfile from a file of the test's own: at least frames
 * frames a channel, zero past the decode's end. */
static void
decode_file (GBytes *bytes,
             gsize   frames,
             float  *out[2])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree float *inter = NULL;
  int fd = g_file_open_tmp ("lacquer-splice-XXXXXX.mp3", &path, &error);
  SF_INFO info = { 0 };
  SNDFILE *sf;
  sf_count_t got;

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      (gssize) g_bytes_get_size (bytes), &error));
  sf = sf_open (path, SFM_READ, &info);
  g_assert_nonnull (sf);
  g_assert_cmpint (info.channels, ==, 2);
  inter = g_new0 (float, 2 * (gsize) MAX ((gsize) info.frames, frames));
  got = sf_readf_float (sf, inter, MAX ((sf_count_t) frames, info.frames));
  g_assert_cmpint (got, >, 0);
  sf_close (sf);
  g_unlink (path);
  for (guint c = 0; c < 2; c++)
    {
      out[c] = g_new0 (float, frames);
      for (gsize i = 0; i < frames && i < (gsize) got; i++)
        out[c][i] = inter[2 * i + c];
    }
}

static void
test_splices (void)
{
  gsize s[3];

  g_assert_cmpuint (lq_codec_get_splices (RATE, (gsize) (119 * RATE), s), ==, 0);
  g_assert_cmpuint (lq_codec_get_splices (RATE, (gsize) (125 * RATE), s), ==, 1);
  g_assert_cmpuint (s[0], ==, (gsize) (125 * RATE) / 2);
  g_assert_cmpuint (lq_codec_get_splices (48000.0, 600 * 48000, s), ==, 3);
  g_assert_cmpuint (s[0], <, s[1]);
  g_assert_cmpuint (s[1], <, s[2]);
  g_assert_cmpuint (s[2], <, 600 * 48000);
}

static void
test_spliced_is_one_programme (void)
{
  const gsize n = (gsize) (SECONDS * RATE);
  const LqCodecSpec spec = { LQ_CODEC_MP3, 128 };
  g_autofree float *inter = g_new (float, 2 * n);
  g_autofree float *l = g_new (float, n);
  g_autofree float *r = g_new (float, n);
  float *aligned[2] = { NULL, NULL };
  const float *data[2] = { l, r };
  g_autoptr(LqCodecResult) spliced = NULL;
  g_autoptr(LqCodecResult) one = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) encoded = NULL;
  float *whole[2] = { NULL, NULL };
  gsize splices[3];
  guint n_splices = lq_codec_get_splices (RATE, n, splices);

  /* Drums, bass and chords, peaks under full scale: dense transients keep the codec busy. */
  lq_test_programme (inter, n, RATE, 0.25, 7);
  for (gsize i = 0; i < n; i++)
    {
      l[i] = inter[2 * i];
      r[i] = inter[2 * i + 1];
    }
  g_assert_cmpuint (n_splices, ==, 1);

  spliced = lq_codec_round_trip_aligned (&spec, data, 2, RATE, n, -1.0, aligned, &error);
  g_assert_no_error (error);
  g_assert_nonnull (spliced);
  one = lq_codec_round_trip (&spec, data, 2, RATE, n, -1.0, &encoded, &error);
  g_assert_no_error (error);
  decode_file (encoded, n + one->delay_frames, whole);

  for (guint c = 0; c < 2; c++)
    {
      const float *x = c == 0 ? l : r;

      for (guint k = 0; k < n_splices; k++)
        {
          gsize at = splices[k];

          /* A decode still on the master's clock either side of the splice: the lag that
           * correlates best, found here by brute force, is none. */
          g_assert_cmpint (best_lag (aligned[c], x, at - LAG_WIN - WIN, n), ==, 0);
          g_assert_cmpint (best_lag (aligned[c], x, at + WIN, n), ==, 0);
          /* Across the splice it differs from one stream's decode by what two encodes of
           * the same audio differ by, about their own damage (independent noise: 3 dB
           * over it); a gap, a doubled stretch or a slip of a sample is many dB more. */
          for (int w = -1; w <= 0; w++)
            {
              gsize from = at + w * SPLICE_WIN;
              double d = rms_diff (aligned[c], whole[c] + one->delay_frames, from, SPLICE_WIN);
              double damage = rms_diff (whole[c] + one->delay_frames, x, from, SPLICE_WIN);

              g_test_message ("splice %u channel %u window %d: %.1f dB against one stream's "
                              "damage", k, c, w, 20.0 * log10 (d / damage));
              g_assert_cmpfloat (d, <=, 2.0 * damage);
            }
        }
    }

  /* One stream's readings, within what two encodes of the same audio differ by. */
  g_test_message ("one stream: delay %d, correlation %.5f, difference %.2f dB, decoded TP "
                  "%.2f dBTP, %u overs; spliced: delay %d, correlation %.5f, difference "
                  "%.2f dB, decoded TP %.2f dBTP, %u overs; %zu and %zu bytes",
                  one->delay_frames, one->correlation, one->difference_db,
                  one->decoded_tp_dbtp, one->n_overs_tp, spliced->delay_frames,
                  spliced->correlation, spliced->difference_db, spliced->decoded_tp_dbtp,
                  spliced->n_overs_tp, one->encoded_bytes, spliced->encoded_bytes);
  g_assert_cmpint (spliced->delay_frames, ==, one->delay_frames);
  g_assert_cmpfloat (spliced->correlation, >, 0.99);
  g_assert_cmpfloat (fabs (spliced->difference_db - one->difference_db), <, 0.5);
  g_assert_cmpfloat (fabs (spliced->decoded_tp_dbtp - one->decoded_tp_dbtp), <, 0.3);
  g_assert_cmpfloat (fabs (spliced->source_tp_dbtp - one->source_tp_dbtp), <, 1e-9);
  g_assert_cmpfloat (fabs ((double) spliced->encoded_bytes - one->encoded_bytes),
                     <, 0.02 * one->encoded_bytes);
  g_free (aligned[0]);
  g_free (aligned[1]);
  g_free (whole[0]);
  g_free (whole[1]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/codec-splice/splices", test_splices);
  g_test_add_func ("/engine/codec-splice/spliced-is-one-programme",
                   test_spliced_is_one_programme);
  return g_test_run ();
}
