/* lq-audio-file.c
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

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sndfile.h>
#include <soxr.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lq-audio-file.h"
#include "lq-loudness.h"
#include "lq-pcm.h"

struct _LqAudioFile
{
  char        *path;
  char        *display;        /* UTF-8 form of path for messages */
  SNDFILE     *sf;
  LqAudioInfo  info;
  double       output_rate;
  soxr_t       soxr;
  float       *in_buf;         /* decoder output feeding soxr */
  gsize        in_capacity;
  gboolean     eof;
  gboolean     may_be_nonfinite;  /* float/compressed sources; integer PCM never is */
  guint        raw_width;      /* bytes per sample when read raw (see read_raw), else 0 */
  guint8      *raw_buf;
  gsize        raw_capacity;   /* bytes */
  gboolean     flushed;
  gint64       frames_read;
};

G_DEFINE_QUARK (lq-audio-file-error-quark, lq_audio_file_error)

static void
set_error (GError     **error,
           LqAudioFile *self,
           int          code,
           const char  *reason)
{
  g_set_error (error, LQ_AUDIO_FILE_ERROR, code, "%s: %s", self->display, reason);
}

static gboolean
map_weights (LqAudioFile *self)
{
  int map[LQ_MAX_CHANNELS];

  if (!sf_command (self->sf, SFC_GET_CHANNEL_MAP_INFO, map,
                   (int) (self->info.channels * sizeof (int))))
    return FALSE;

  for (guint c = 0; c < self->info.channels; c++)
    {
      switch (map[c])
        {
        case SF_CHANNEL_MAP_LFE:
          self->info.weights[c] = LQ_WEIGHT_LFE;
          break;
        /* BS.1770-4 Table 3: channels between 60 and 120 degrees (and behind) get +1.5 dB. */
        case SF_CHANNEL_MAP_REAR_LEFT:
        case SF_CHANNEL_MAP_REAR_RIGHT:
        case SF_CHANNEL_MAP_REAR_CENTER:
        case SF_CHANNEL_MAP_SIDE_LEFT:
        case SF_CHANNEL_MAP_SIDE_RIGHT:
          self->info.weights[c] = LQ_WEIGHT_SURROUND;
          break;
        case SF_CHANNEL_MAP_INVALID:
          return FALSE;
        default:
          self->info.weights[c] = LQ_WEIGHT_FRONT;
          break;
        }
    }
  return TRUE;
}

static int
classify_sf_error (int sf_err)
{
  switch (sf_err)
    {
    case SF_ERR_UNRECOGNISED_FORMAT:
      return LQ_AUDIO_FILE_ERROR_UNSUPPORTED;
    case SF_ERR_UNSUPPORTED_ENCODING:
      return LQ_AUDIO_FILE_ERROR_UNSUPPORTED;
    case SF_ERR_MALFORMED_FILE:
      return LQ_AUDIO_FILE_ERROR_CORRUPT;
    default:
      return LQ_AUDIO_FILE_ERROR_CORRUPT;
    }
}

/* libsndfile refuses a header it could parse but cannot use, such as an unknown WAV codec
 * or a sample rate of 0 Hz, with the same errors as a broken one ("Malformed 'fmt ' chunk",
 * "SF_INFO struct incomplete"). Its parse log of the failed open tells which; returns the
 * error code and sets *reason, or -1 when the log says nothing more. (The log is libsndfile's
 * last failed open in the process: at worst another thread's, which only costs the finer
 * message.) */
static int
refine_open_error (int    sf_err,
                   char **reason)
{
  char log[4096] = "";
  const char *p;

  sf_command (NULL, SFC_GET_LOG_INFO, log, sizeof log);

  /* A header cut short reads as zeros, i.e. as format 0: that is truncation, not a codec. */
  if (strstr (log, "short count") != NULL)
    return -1;
  if (strstr (log, "=> Unknown format") != NULL)
    {
      *reason = g_strdup (_("The audio encoding is not supported"));
      return LQ_AUDIO_FILE_ERROR_UNSUPPORTED;
    }
  /* The SF_INFO dump libsndfile logs when the header's values are unusable. */
  if (sf_err != SF_ERR_MALFORMED_FILE && (p = strstr (log, " Sample rate :")) != NULL)
    {
      long rate = strtol (p + strlen (" Sample rate :"), NULL, 10);

      if (rate < LQ_MIN_RATE || rate > LQ_MAX_RATE)
        {
          *reason = g_strdup_printf (_("Unsupported sample rate %ld Hz (Lacquer reads %.0f to "
                                       "%.0f Hz)"), rate, LQ_MIN_RATE, LQ_MAX_RATE);
          return LQ_AUDIO_FILE_ERROR_INVALID_RATE;
        }
    }
  return -1;
}

/* Files opened by this process: lets tests prove a session decodes each file once. */
static gint open_count;

guint
lq_audio_file_get_open_count (void)
{
  return (guint) g_atomic_int_get (&open_count);
}

/* Bit depth and lossiness from the encoding, for the mix check: a mastering source should be
 * 24-bit or float and never lossy. */
static void
describe_encoding (int          format,
                   LqAudioInfo *info)
{
  info->bits = 0;
  info->is_float = FALSE;
  info->lossy = FALSE;
  switch (format & SF_FORMAT_SUBMASK)
    {
    case SF_FORMAT_PCM_S8: case SF_FORMAT_PCM_U8:
      info->bits = 8;
      break;
    case SF_FORMAT_PCM_16:
      info->bits = 16;
      break;
    case SF_FORMAT_PCM_24:
      info->bits = 24;
      break;
    case SF_FORMAT_PCM_32:
      info->bits = 32;
      break;
    case SF_FORMAT_FLOAT:
      info->bits = 32;
      info->is_float = TRUE;
      break;
    case SF_FORMAT_DOUBLE:
      info->bits = 64;
      info->is_float = TRUE;
      break;
    case SF_FORMAT_ALAC_16:
      info->bits = 16;
      break;
    case SF_FORMAT_ALAC_20:
      info->bits = 20;
      break;
    case SF_FORMAT_ALAC_24:
      info->bits = 24;
      break;
    case SF_FORMAT_ALAC_32:
      info->bits = 32;
      break;
    case SF_FORMAT_ULAW: case SF_FORMAT_ALAW: case SF_FORMAT_IMA_ADPCM: case SF_FORMAT_MS_ADPCM:
    case SF_FORMAT_GSM610: case SF_FORMAT_VOX_ADPCM: case SF_FORMAT_G721_32:
    case SF_FORMAT_G723_24: case SF_FORMAT_G723_40: case SF_FORMAT_NMS_ADPCM_16:
    case SF_FORMAT_NMS_ADPCM_24: case SF_FORMAT_NMS_ADPCM_32: case SF_FORMAT_VORBIS:
    case SF_FORMAT_OPUS: case SF_FORMAT_MPEG_LAYER_I: case SF_FORMAT_MPEG_LAYER_II:
    case SF_FORMAT_MPEG_LAYER_III:
      info->lossy = TRUE;
      break;
    default:                 /* DWVW, DPCM...: lossless, depth not reported */
      break;
    }
}

/* Little-endian integer PCM in the RIFF family is converted here rather than by
 * libsndfile, which reads it 8 KiB at a time and converts one sample at a time: here one
 * read per block and a vectorised conversion. The values are the same to the bit: libsndfile
 * too converts each sample to float and scales it by a power of two. Other containers (FLAC
 * reports PCM_16 too) and byte orders go through libsndfile. */
static guint
raw_width (SNDFILE *sf,
           int      format)
{
  switch (format & SF_FORMAT_TYPEMASK)
    {
    case SF_FORMAT_WAV: case SF_FORMAT_WAVEX: case SF_FORMAT_W64: case SF_FORMAT_RF64:
      break;
    default:
      return 0;
    }
  if (G_BYTE_ORDER != G_LITTLE_ENDIAN
      || sf_command (sf, SFC_RAW_DATA_NEEDS_ENDSWAP, NULL, 0) != SF_FALSE)
    return 0;
  switch (format & SF_FORMAT_SUBMASK)
    {
    case SF_FORMAT_PCM_16: return 2;
    case SF_FORMAT_PCM_24: return 3;
    case SF_FORMAT_PCM_32: return 4;
    default: return 0;
    }
}

LqAudioFile *
lq_audio_file_open (const char  *path,
                    GError     **error)
{
  g_autoptr(LqAudioFile) self = NULL;
  SF_INFO sfinfo = { 0 };
  SF_FORMAT_INFO fi;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  g_atomic_int_inc (&open_count);

  self = g_new0 (LqAudioFile, 1);
  self->path = g_strdup (path);
  self->display = g_filename_display_name (path);

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      set_error (error, self,
                 saved == EACCES ? LQ_AUDIO_FILE_ERROR_PERMISSION : LQ_AUDIO_FILE_ERROR_NOT_FOUND,
                 saved == ENOENT ? _("No such file") : g_strerror (saved));
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      set_error (error, self, LQ_AUDIO_FILE_ERROR_IS_DIRECTORY,
                 _("Is a folder, not an audio file"));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      set_error (error, self, LQ_AUDIO_FILE_ERROR_UNSUPPORTED, _("Not a regular file"));
      return NULL;
    }

  /* The input is only ever opened for reading. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      set_error (error, self,
                 saved == EACCES ? LQ_AUDIO_FILE_ERROR_PERMISSION : LQ_AUDIO_FILE_ERROR_FAILED,
                 saved == EACCES ? _("Permission denied") : g_strerror (saved));
      return NULL;
    }
  if (st.st_size == 0)
    {
      close (fd);
      set_error (error, self, LQ_AUDIO_FILE_ERROR_EMPTY, _("The file is empty"));
      return NULL;
    }

  self->sf = sf_open_fd (fd, SFM_READ, &sfinfo, TRUE);
  if (self->sf == NULL)
    {
      int err = sf_error (NULL);
      g_autofree char *reason = NULL;
      int code = classify_sf_error (err);

      if (err == SF_ERR_UNRECOGNISED_FORMAT)
        reason = g_strdup (_("Not an audio file in a format Lacquer can read"));
      else if (err == SF_ERR_UNSUPPORTED_ENCODING)
        reason = g_strdup (_("The audio encoding is not supported"));
      else if ((code = refine_open_error (err, &reason)) < 0)
        {
          code = classify_sf_error (err);
          reason = g_strdup_printf (_("The file is damaged or truncated (%s)"),
                                    sf_error_number (err));
        }
      set_error (error, self, code, reason);
      return NULL;
    }

  if (sfinfo.samplerate <= 0 || sfinfo.samplerate < LQ_MIN_RATE || sfinfo.samplerate > LQ_MAX_RATE)
    {
      g_autofree char *reason =
        g_strdup_printf (_("Unsupported sample rate %d Hz (Lacquer reads %.0f to %.0f Hz)"),
                         sfinfo.samplerate, LQ_MIN_RATE, LQ_MAX_RATE);
      set_error (error, self, LQ_AUDIO_FILE_ERROR_INVALID_RATE, reason);
      return NULL;
    }
  if (sfinfo.channels <= 0 || sfinfo.channels > LQ_MAX_CHANNELS)
    {
      g_autofree char *reason =
        g_strdup_printf (_("%d channels; Lacquer measures up to %d (7.1)"),
                         sfinfo.channels, LQ_MAX_CHANNELS);
      set_error (error, self, LQ_AUDIO_FILE_ERROR_TOO_MANY_CHANNELS, reason);
      return NULL;
    }
  if (sfinfo.frames == 0)
    {
      set_error (error, self, LQ_AUDIO_FILE_ERROR_NO_FRAMES, _("The file holds no audio"));
      return NULL;
    }

  self->info.sample_rate = sfinfo.samplerate;
  self->info.channels = (guint) sfinfo.channels;
  self->info.frames = sfinfo.seekable ? (gint64) sfinfo.frames : -1;
  self->output_rate = sfinfo.samplerate;
  switch (sfinfo.format & SF_FORMAT_SUBMASK)
    {
    case SF_FORMAT_PCM_S8: case SF_FORMAT_PCM_U8: case SF_FORMAT_PCM_16:
    case SF_FORMAT_PCM_24: case SF_FORMAT_PCM_32: case SF_FORMAT_ULAW: case SF_FORMAT_ALAW:
      self->may_be_nonfinite = FALSE;
      break;
    default:
      self->may_be_nonfinite = TRUE;
      break;
    }

  self->raw_width = raw_width (self->sf, sfinfo.format);
  describe_encoding (sfinfo.format, &self->info);

  fi.format = sfinfo.format & SF_FORMAT_TYPEMASK;
  self->info.format_name = g_strdup (sf_command (self->sf, SFC_GET_FORMAT_INFO, &fi, sizeof fi) == 0
                                     ? fi.name : "unknown");
  fi.format = sfinfo.format & SF_FORMAT_SUBMASK;
  self->info.encoding_name = g_strdup (sf_command (self->sf, SFC_GET_FORMAT_INFO, &fi, sizeof fi) == 0
                                       ? fi.name : "unknown");

  self->info.has_channel_map = map_weights (self);
  if (!self->info.has_channel_map)
    lq_loudness_default_weights (self->info.channels, self->info.weights);

  return g_steal_pointer (&self);
}

void
lq_audio_file_free (LqAudioFile *self)
{
  if (self == NULL)
    return;
  if (self->sf)
    sf_close (self->sf);
  if (self->soxr)
    soxr_delete (self->soxr);
  g_free (self->in_buf);
  g_free (self->raw_buf);
  g_free (self->info.format_name);
  g_free (self->info.encoding_name);
  g_free (self->display);
  g_free (self->path);
  g_free (self);
}

gboolean
lq_audio_file_is_bounded (LqAudioFile *self)
{
  return !self->may_be_nonfinite;
}

const LqAudioInfo *
lq_audio_file_get_info (LqAudioFile *self)
{
  return &self->info;
}

const char *
lq_audio_file_get_path (LqAudioFile *self)
{
  return self->path;
}

double
lq_audio_file_get_output_rate (LqAudioFile *self)
{
  return self->output_rate;
}

gboolean
lq_audio_file_check_playable (LqAudioFile  *self,
                              GError      **error)
{
  if (self->info.channels <= 2)
    return TRUE;

  g_set_error (error, LQ_AUDIO_FILE_ERROR, LQ_AUDIO_FILE_ERROR_TOO_MANY_CHANNELS,
               _("%s: %u channels; playback and mastering take mono or stereo files "
                 "(analysis measures up to 7.1)"),
               self->display, self->info.channels);
  return FALSE;
}

gboolean
lq_audio_file_set_output_rate (LqAudioFile  *self,
                               double        rate,
                               GError      **error)
{
  soxr_error_t err = NULL;
  soxr_io_spec_t io = soxr_io_spec (SOXR_FLOAT32_I, SOXR_FLOAT32_I);
  soxr_quality_spec_t q = soxr_quality_spec (SOXR_VHQ, 0);

  if (!(rate >= LQ_MIN_RATE && rate <= LQ_MAX_RATE))
    {
      g_set_error (error, LQ_AUDIO_FILE_ERROR, LQ_AUDIO_FILE_ERROR_INVALID_RATE,
                   _("Unsupported output sample rate %.0f Hz"), rate);
      return FALSE;
    }
  if (self->frames_read > 0)
    {
      g_set_error (error, LQ_AUDIO_FILE_ERROR, LQ_AUDIO_FILE_ERROR_FAILED,
                   "%s: the output rate must be set before reading", self->display);
      return FALSE;
    }
  if (self->soxr)
    {
      soxr_delete (self->soxr);
      self->soxr = NULL;
    }
  self->output_rate = rate;
  if (rate == self->info.sample_rate)
    return TRUE;

  self->soxr = soxr_create (self->info.sample_rate, rate, self->info.channels, &err, &io, &q, NULL);
  if (self->soxr == NULL || err != NULL)
    {
      g_set_error (error, LQ_AUDIO_FILE_ERROR, LQ_AUDIO_FILE_ERROR_FAILED,
                   "%s: cannot resample to %.0f Hz (%s)", self->display, rate,
                   err ? err : "soxr");
      return FALSE;
    }
  return TRUE;
}

static sf_count_t
read_raw (LqAudioFile *self,
          float       *frames,
          gsize        max_frames)
{
  const gsize frame_bytes = (gsize) self->raw_width * self->info.channels;
  gsize bytes = max_frames * frame_bytes;
  sf_count_t got;
  gsize n;

  if (bytes > self->raw_capacity)
    {
      g_free (self->raw_buf);
      self->raw_buf = g_malloc (bytes);
      self->raw_capacity = bytes;
    }
  got = sf_read_raw (self->sf, self->raw_buf, (sf_count_t) bytes);
  if (got <= 0)
    return got;
  /* A truncated last frame is dropped, as libsndfile drops it. */
  n = (gsize) got / frame_bytes;
  lq_pcm_to_float (self->raw_buf, self->raw_width, frames, n * self->info.channels);
  return (sf_count_t) n;
}

static gssize
read_native (LqAudioFile  *self,
             float        *frames,
             gsize         max_frames,
             GError      **error)
{
  sf_count_t n = self->raw_width ? read_raw (self, frames, max_frames)
                                 : sf_readf_float (self->sf, frames, (sf_count_t) max_frames);

  if (n < 0 || (n == 0 && sf_error (self->sf) != SF_ERR_NO_ERROR))
    {
      set_error (error, self, LQ_AUDIO_FILE_ERROR_CORRUPT, sf_strerror (self->sf));
      return -1;
    }

  /* Float files and lossy decoders can hand back NaN or infinities from a damaged stream;
   * they would poison every running sum downstream, so they become silence here. */
  if (self->may_be_nonfinite)
    for (gsize i = 0; i < (gsize) n * self->info.channels; i++)
      if (G_UNLIKELY (!isfinite (frames[i])))
        frames[i] = 0.0f;

  self->frames_read += n;
  return (gssize) n;
}

gssize
lq_audio_file_read (LqAudioFile  *self,
                    float        *frames,
                    gsize         max_frames,
                    GError      **error)
{
  g_return_val_if_fail (self != NULL, -1);

  if (self->soxr == NULL)
    return read_native (self, frames, max_frames, error);

  for (;;)
    {
      size_t done = 0;
      soxr_error_t err;

      if (self->flushed)
        return 0;

      if (!self->eof)
        {
          gsize want = MAX (max_frames * self->info.sample_rate / self->output_rate, 64);
          gssize got;

          if (want > self->in_capacity)
            {
              self->in_buf = g_renew (float, self->in_buf, want * self->info.channels);
              self->in_capacity = want;
            }
          got = read_native (self, self->in_buf, want, error);
          if (got < 0)
            return -1;
          if (got == 0)
            self->eof = TRUE;
          err = soxr_process (self->soxr, got ? self->in_buf : NULL, (size_t) got, NULL,
                              frames, max_frames, &done);
        }
      else
        {
          /* Drain what soxr still holds. */
          err = soxr_process (self->soxr, NULL, 0, NULL, frames, max_frames, &done);
          if (done == 0)
            self->flushed = TRUE;
        }

      if (err != NULL)
        {
          set_error (error, self, LQ_AUDIO_FILE_ERROR_FAILED, err);
          return -1;
        }
      if (done > 0)
        return (gssize) done;
    }
}
