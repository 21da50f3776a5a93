/* test-audio-file.c
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

/* The decoder (LqAudioFile): every bad input of issue 2 gives a GError in
 * LQ_AUDIO_FILE_ERROR with its own code and a message naming the file, both from
 * lq_audio_file_open and from lq_analyze_file (what `lacquer analyze` calls); good files
 * decode to the samples written; soxr resampling keeps a tone's level and frequency. */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sndfile.h>
#include <unistd.h>

#include "lq-analyze.h"
#include "lq-audio-file.h"
#include "lq-test-files.h"
#include "lq-test-signal.h"

static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static char *
write_bytes (const char   *name,
             const guint8 *bytes,
             gsize         len)
{
  char *path = tmp_path (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, (const char *) bytes, (gssize) len, &error));
  g_assert_no_error (error);
  return path;
}

/* A valid file written by libsndfile: a 1 kHz sine at -6 dBFS on every channel. */
static char *
write_sine (const char *name,
            int         format,
            int         rate,
            int         channels,
            double      seconds)
{
  char *path = tmp_path (name);
  SF_INFO info = { 0 };
  SNDFILE *sf;
  sf_count_t n = (sf_count_t) llround (seconds * rate);
  float *mono = g_new (float, n), *x = g_new (float, n * channels);

  info.samplerate = rate;
  info.channels = channels;
  info.format = format;
  sf = sf_open (path, SFM_WRITE, &info);
  g_assert_nonnull (sf);
  lq_test_sine (mono, n, rate, 1000.0, 0.5, 0.0);
  for (sf_count_t i = 0; i < n; i++)
    for (int c = 0; c < channels; c++)
      x[i * channels + c] = mono[i];
  g_assert_cmpint (sf_writef_float (sf, x, n), ==, n);
  g_assert_cmpint (sf_close (sf), ==, 0);
  g_free (mono);
  g_free (x);
  return path;
}

/* ---- bad inputs ----------------------------------------------------------------------- */

typedef char *(*MakeFunc) (void);

typedef struct
{
  const char *name;
  MakeFunc    make;
  int         code;
  const char *reason;    /* a word the message must hold, besides the file name */
} BadCase;

static char *
make_missing (void)
{
  return tmp_path ("does-not-exist.wav");
}

static char *
make_unreadable (void)
{
  char *path = write_sine ("no-permission.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 2, 0.1);

  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  return path;
}

static char *
make_directory (void)
{
  char *path = tmp_path ("a-folder.wav");

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  return path;
}

static char *
make_empty (void)
{
  return write_bytes ("empty.wav", (const guint8 *) "", 0);
}

static char *
make_text (void)
{
  const char *text = "This is not audio.\nJust some text saved with the wrong name.\n";

  return write_bytes ("text.wav", (const guint8 *) text, strlen (text));
}

static char *
make_random_flac (void)
{
  GRand *rand = g_rand_new_with_seed (1770);
  guint8 bytes[65536];
  char *path;

  for (gsize i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
  g_rand_free (rand);
  path = write_bytes ("random.flac", bytes, sizeof bytes);
  return path;
}

static guint8 *
valid_wav (gsize *len)
{
  const LqTestWavHeader h = { 1, 2, 48000, 16, 4800 };

  return lq_test_wav_bytes (&h, NULL, len);
}

static char *
make_truncated_header (void)
{
  gsize len;
  g_autofree guint8 *b = valid_wav (&len);

  return write_bytes ("truncated-header.wav", b, 20);
}

/* The fmt chunk's body is garbage: no channels, no bits, no block alignment. */
static char *
make_garbage_fmt (void)
{
  gsize len;
  g_autofree guint8 *b = valid_wav (&len);

  memset (b + 22, 0, 14);     /* channels .. bits */
  return write_bytes ("garbage-fmt.wav", b, len);
}

static char *
make_zero_frames (void)
{
  const LqTestWavHeader h = { 1, 2, 48000, 16, 0 };
  gsize len;
  g_autofree guint8 *b = lq_test_wav_bytes (&h, NULL, &len);

  return write_bytes ("zero-frames.wav", b, len);
}

static char *
make_unknown_codec (void)
{
  const LqTestWavHeader h = { 0x1234, 2, 48000, 16, 4800 };
  gsize len;
  g_autofree guint8 *b = lq_test_wav_bytes (&h, NULL, &len);

  return write_bytes ("unknown-codec.wav", b, len);
}

static char *
make_rate (const char *name,
           guint32     rate)
{
  gsize len;
  g_autofree guint8 *b = valid_wav (&len);

  /* Patch the sample rate and the byte rate that follows from it. */
  lq_test_put32 (b + 24, rate);
  lq_test_put32 (b + 28, rate * 4);
  return write_bytes (name, b, len);
}

static char *
make_rate_0 (void)
{
  return make_rate ("rate-0hz.wav", 0);
}

static char *
make_rate_1ghz (void)
{
  return make_rate ("rate-1ghz.wav", 1000000000);
}

static char *
make_nine_channels (void)
{
  return write_sine ("nine-channels.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 9, 0.1);
}

static const BadCase bad_cases[] = {
  { "missing", make_missing, LQ_AUDIO_FILE_ERROR_NOT_FOUND, "No such file" },
  { "permission-denied", make_unreadable, LQ_AUDIO_FILE_ERROR_PERMISSION, "ermission" },
  { "directory", make_directory, LQ_AUDIO_FILE_ERROR_IS_DIRECTORY, "folder" },
  { "empty", make_empty, LQ_AUDIO_FILE_ERROR_EMPTY, "empty" },
  { "text-named-wav", make_text, LQ_AUDIO_FILE_ERROR_UNSUPPORTED, "format" },
  { "random-bytes-named-flac", make_random_flac, LQ_AUDIO_FILE_ERROR_UNSUPPORTED, "format" },
  { "truncated-header", make_truncated_header, LQ_AUDIO_FILE_ERROR_CORRUPT, "damaged" },
  { "garbage-fmt-chunk", make_garbage_fmt, LQ_AUDIO_FILE_ERROR_CORRUPT, "damaged" },
  { "zero-frames", make_zero_frames, LQ_AUDIO_FILE_ERROR_NO_FRAMES, "no audio" },
  { "unknown-codec", make_unknown_codec, LQ_AUDIO_FILE_ERROR_UNSUPPORTED, "not supported" },
  { "rate-0hz", make_rate_0, LQ_AUDIO_FILE_ERROR_INVALID_RATE, "sample rate" },
  { "rate-1ghz", make_rate_1ghz, LQ_AUDIO_FILE_ERROR_INVALID_RATE, "1000000000 Hz" },
  { "nine-channels", make_nine_channels, LQ_AUDIO_FILE_ERROR_TOO_MANY_CHANNELS, "channels" },
};

static void
check_error (const BadCase *bc,
             const char    *path,
             const char    *where,
             GError        *error)
{
  g_autofree char *display = g_filename_display_name (path);

  g_assert_nonnull (error);
  g_test_message ("RESULT %s (%s): code %d: %s", bc->name, where, error->code, error->message);
  g_assert_true (error->domain == LQ_AUDIO_FILE_ERROR);
  if (error->code != bc->code)
    g_test_fail_printf ("%s: %s gave code %d (%s), expected %d", bc->name, where, error->code,
                        error->message, bc->code);
  if (strstr (error->message, display) == NULL)
    g_test_fail_printf ("%s: %s: message \"%s\" does not name the file", bc->name, where,
                        error->message);
  if (strstr (error->message, bc->reason) == NULL)
    g_test_fail_printf ("%s: %s: message \"%s\" does not say \"%s\"", bc->name, where,
                        error->message, bc->reason);
}

static void
test_bad_input (gconstpointer data)
{
  const BadCase *bc = data;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) analyze_error = NULL;
  LqAudioFile *file;
  LqAnalysisResult *result;

  if (bc->code == LQ_AUDIO_FILE_ERROR_PERMISSION && geteuid () == 0)
    {
      g_test_skip ("root reads files whatever their permissions");
      return;
    }

  path = bc->make ();
  file = lq_audio_file_open (path, &error);
  g_assert_null (file);
  check_error (bc, path, "lq_audio_file_open", error);

  result = lq_analyze_file (path, LQ_ANALYZE_ALL, NULL, NULL, NULL, &analyze_error);
  g_assert_null (result);
  check_error (bc, path, "lq_analyze_file", analyze_error);
}

/* ---- good inputs -------------------------------------------------------------------- */

/* What libsndfile wrote is what comes back, for integer and float WAV and FLAC. */
static void
test_roundtrip (void)
{
  const struct { const char *name; int format; double tolerance; } formats[] = {
    { "pcm16.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 1.0 / 32768 },
    { "pcm24.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_24, 1.0 / 8388608 },
    { "float.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 0.0 },
    { "pcm16.aiff", SF_FORMAT_AIFF | SF_FORMAT_PCM_16, 1.0 / 32768 },
  };
  const int rate = 44100;
  const gsize n = 22050;
  float *expect = g_new (float, n);

  lq_test_sine (expect, n, rate, 1000.0, 0.5, 0.0);
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *path = write_sine (formats[f].name, formats[f].format, rate, 2, 0.5);
      g_autoptr(GError) error = NULL;
      g_autoptr(LqAudioFile) file = lq_audio_file_open (path, &error);
      const LqAudioInfo *info;
      float buf[2 * 1000];
      gsize got = 0;
      gssize k;

      g_assert_no_error (error);
      info = lq_audio_file_get_info (file);
      g_assert_cmpfloat (info->sample_rate, ==, rate);
      g_assert_cmpuint (info->channels, ==, 2);
      g_assert_cmpint (info->frames, ==, (gint64) n);
      g_assert_nonnull (info->format_name);
      g_assert_nonnull (info->encoding_name);
      g_assert_cmpstr (lq_audio_file_get_path (file), ==, path);
      g_assert_true (lq_audio_file_check_playable (file, NULL));

      while ((k = lq_audio_file_read (file, buf, 1000, &error)) > 0)
        {
          for (gssize i = 0; i < k; i++)
            {
              g_assert_cmpfloat_with_epsilon (buf[2 * i], expect[got + i],
                                              formats[f].tolerance + 1e-9);
              g_assert_cmpfloat (buf[2 * i + 1], ==, buf[2 * i]);
            }
          got += k;
        }
      g_assert_no_error (error);
      g_assert_cmpint (k, ==, 0);
      g_assert_cmpuint (got, ==, n);
    }
  g_free (expect);
}

/* Integer PCM, which the decoder converts itself in the RIFF family: every value reads back
 * to the bit as libsndfile's own float conversion gives it (the oracle), full scale and the
 * most negative code included, across block boundaries, an odd channel count, a data
 * chunk cut in the middle of a frame and one followed by another chunk (tags); the other
 * containers go through libsndfile. */
static void
read_all_lq (const char *path,
             guint       channels,
             GArray     *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LqAudioFile) file = lq_audio_file_open (path, &error);
  float buf[3 * 777];
  gssize k;

  g_assert_no_error (error);
  while ((k = lq_audio_file_read (file, buf, 777, &error)) > 0)
    g_array_append_vals (out, buf, (guint) k * channels);
  g_assert_no_error (error);
  g_assert_cmpint (k, ==, 0);
}

static void
read_all_sndfile (const char *path,
                  guint       channels,
                  GArray     *out)
{
  SF_INFO info = { 0 };
  SNDFILE *sf = sf_open (path, SFM_READ, &info);
  float buf[3 * 500];
  sf_count_t k;

  g_assert_nonnull (sf);
  while ((k = sf_readf_float (sf, buf, 500)) > 0)
    g_array_append_vals (out, buf, (guint) k * channels);
  sf_close (sf);
}

static void
test_integer_pcm_exact (void)
{
  const struct { const char *name; int format; } formats[] = {
    { "int16.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16 },
    { "int24.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_24 },
    { "int32.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_32 },
    { "int24.wavex", SF_FORMAT_WAVEX | SF_FORMAT_PCM_24 },
    { "int24.w64", SF_FORMAT_W64 | SF_FORMAT_PCM_24 },
    { "int24.rf64", SF_FORMAT_RF64 | SF_FORMAT_PCM_24 },
    { "int24.aiff", SF_FORMAT_AIFF | SF_FORMAT_PCM_24 },
    { "int24.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_24 },
  };
  const guint channels = 3;
  const gsize frames = 4001;
  GRand *rand = g_rand_new_with_seed (3341);
  int *x = g_new (int, frames * channels);

  /* Random codes over the whole range, then the extremes and the codes next to zero. */
  for (gsize i = 0; i < frames * channels; i++)
    x[i] = (int) g_rand_int (rand);
  x[0] = G_MININT32;
  x[1] = G_MAXINT32;
  x[2] = 0;
  x[3] = -1;
  x[4] = 1 << 8;
  x[5] = -(1 << 16);
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    for (guint variant = 0; variant < 3; variant++)
      {
        const gboolean cut = variant == 1, tagged = variant == 2;
        g_autofree char *name = g_strdup_printf ("%s%s", cut ? "cut-" : tagged ? "tagged-" : "",
                                                 formats[f].name);
        g_autofree char *path = tmp_path (name);
        g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (float));
        g_autoptr(GArray) theirs = g_array_new (FALSE, FALSE, sizeof (float));
        SF_INFO info = { .samplerate = 48000, .channels = (int) channels,
                         .format = formats[f].format };
        SNDFILE *sf = sf_open (path, SFM_WRITE, &info);

        g_assert_nonnull (sf);
        g_assert_cmpint (sf_writef_int (sf, x, (sf_count_t) frames), ==, (sf_count_t) frames);
        /* Tags go in a chunk after the data in the RIFF family. */
        if (tagged)
          sf_set_string (sf, SF_STR_COMMENT, "a chunk after the samples");
        g_assert_cmpint (sf_close (sf), ==, 0);
        /* Cut the RIFF family's data (at the end of the file) in the middle of a frame. */
        if (cut)
          {
            GStatBuf st;

            if ((formats[f].format & SF_FORMAT_TYPEMASK) == SF_FORMAT_FLAC
                || (formats[f].format & SF_FORMAT_TYPEMASK) == SF_FORMAT_AIFF)
              continue;
            g_assert_cmpint (g_stat (path, &st), ==, 0);
            g_assert_cmpint (truncate (path, st.st_size - 5), ==, 0);
          }
        read_all_lq (path, channels, ours);
        read_all_sndfile (path, channels, theirs);
        g_assert_cmpuint (ours->len, ==, theirs->len);
        g_assert_cmpuint (ours->len, >=, (frames - 1) * channels);
        g_assert_cmpmem (ours->data, ours->len * sizeof (float),
                         theirs->data, theirs->len * sizeof (float));
      }
  g_free (x);
  g_rand_free (rand);
}

/* More than two channels: analysis measures them; playback and render refuse, by name. */
static void
test_multichannel_not_playable (void)
{
  g_autofree char *path = write_sine ("six.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 6, 0.1);
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LqAudioFile) file = lq_audio_file_open (path, &error);

  g_assert_no_error (error);
  g_assert_false (lq_audio_file_check_playable (file, &error));
  g_assert_error (error, LQ_AUDIO_FILE_ERROR, LQ_AUDIO_FILE_ERROR_TOO_MANY_CHANNELS);
  g_assert_nonnull (strstr (error->message, display));
}

/* ---- resampling ----------------------------------------------------------------------- */

/* Least-squares fit of a sin + b cos at freq over x: returns the amplitude, and the RMS of
 * what the fit leaves, relative to the amplitude. */
static double
fit_sine (const float *x,
          gsize        n,
          gsize        stride,
          double       rate,
          double       freq,
          double      *residual)
{
  double ss = 0, cc = 0, sc = 0, xs = 0, xc = 0, a, b, det, r = 0;

  for (gsize i = 0; i < n; i++)
    {
      double s = sin (2.0 * M_PI * freq * i / rate), c = cos (2.0 * M_PI * freq * i / rate);
      ss += s * s;
      cc += c * c;
      sc += s * c;
      xs += x[i * stride] * s;
      xc += x[i * stride] * c;
    }
  det = ss * cc - sc * sc;
  a = (xs * cc - xc * sc) / det;
  b = (xc * ss - xs * sc) / det;
  for (gsize i = 0; i < n; i++)
    {
      double e = x[i * stride] - a * sin (2.0 * M_PI * freq * i / rate)
                 - b * cos (2.0 * M_PI * freq * i / rate);
      r += e * e;
    }
  *residual = sqrt (r / n) / hypot (a, b);
  return hypot (a, b);
}

static void
resample (double in_rate,
          double out_rate)
{
  g_autofree char *name = g_strdup_printf ("tone-%.0f.wav", in_rate);
  g_autofree char *path = write_sine (name, SF_FORMAT_WAV | SF_FORMAT_FLOAT, (int) in_rate, 2,
                                      2.0);
  g_autoptr(GError) error = NULL;
  g_autoptr(LqAudioFile) file = lq_audio_file_open (path, &error);
  const gsize in_frames = (gsize) llround (2.0 * in_rate);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (float));
  float buf[2 * 777];
  gssize k;
  double expected_frames = in_frames * out_rate / in_rate, amplitude, residual, level_db;
  gsize n, mid;

  g_assert_no_error (error);
  g_assert_true (lq_audio_file_set_output_rate (file, out_rate, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (lq_audio_file_get_output_rate (file), ==, out_rate);

  while ((k = lq_audio_file_read (file, buf, 777, &error)) > 0)
    g_array_append_vals (out, buf, 2 * k);
  g_assert_no_error (error);
  g_assert_cmpint (k, ==, 0);
  n = out->len / 2;

  g_test_message ("RESULT resample %.0f -> %.0f: %" G_GSIZE_FORMAT " frames in, %"
                  G_GSIZE_FORMAT " out (ratio %.1f expected)", in_rate, out_rate, in_frames,
                  n, expected_frames);
  g_assert_cmpfloat (fabs ((double) n - expected_frames), <=, 2.0);

  /* The steady middle second, away from the filter's edges. */
  mid = n / 4;
  amplitude = fit_sine ((float *) out->data + 2 * mid, n / 2, 2, out_rate, 1000.0, &residual);
  level_db = 20.0 * log10 (amplitude / 0.5);
  g_test_message ("RESULT resample %.0f -> %.0f: level %+.4f dB, residual %.2e", in_rate,
                  out_rate, level_db, residual);
  g_assert_cmpfloat (fabs (level_db), <=, 0.05);
  /* A tone at another frequency would leave most of itself behind; 1e-3 is -60 dB. */
  g_assert_cmpfloat (residual, <, 1e-3);
  /* Both channels alike. */
  for (gsize i = mid; i < mid + n / 2; i++)
    g_assert_cmpfloat (g_array_index (out, float, 2 * i), ==,
                       g_array_index (out, float, 2 * i + 1));

  /* Too late to change the rate once reading started; absurd rates are refused. */
  g_assert_false (lq_audio_file_set_output_rate (file, 96000, &error));
  g_assert_error (error, LQ_AUDIO_FILE_ERROR, LQ_AUDIO_FILE_ERROR_FAILED);
  g_clear_error (&error);
  g_array_unref (out);
}

static void
test_resample_up (void)
{
  resample (44100, 48000);
}

static void
test_resample_down (void)
{
  resample (48000, 44100);
}

static void
test_resample_bad_rate (void)
{
  g_autofree char *path = write_sine ("any.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 1, 0.1);
  g_autoptr(GError) error = NULL;
  g_autoptr(LqAudioFile) file = lq_audio_file_open (path, &error);

  g_assert_no_error (error);
  g_assert_false (lq_audio_file_set_output_rate (file, 0, &error));
  g_assert_error (error, LQ_AUDIO_FILE_ERROR, LQ_AUDIO_FILE_ERROR_INVALID_RATE);
  g_clear_error (&error);
  g_assert_false (lq_audio_file_set_output_rate (file, 1e9, &error));
  g_assert_error (error, LQ_AUDIO_FILE_ERROR, LQ_AUDIO_FILE_ERROR_INVALID_RATE);
}

static void
remove_tree (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);

      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        remove_tree (p);
      else
        g_remove (p);
    }
  g_dir_close (d);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("lacquer-audio-file-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      char *path = g_strdup_printf ("/audio-file/bad-input/%s", bad_cases[i].name);
      g_test_add_data_func (path, &bad_cases[i], test_bad_input);
      g_free (path);
    }
  g_test_add_func ("/audio-file/roundtrip", test_roundtrip);
  g_test_add_func ("/audio-file/integer-pcm-exact", test_integer_pcm_exact);
  g_test_add_func ("/audio-file/multichannel-not-playable", test_multichannel_not_playable);
  g_test_add_func ("/audio-file/resample/44100-to-48000", test_resample_up);
  g_test_add_func ("/audio-file/resample/48000-to-44100", test_resample_down);
  g_test_add_func ("/audio-file/resample/bad-rate", test_resample_bad_rate);

  status = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
