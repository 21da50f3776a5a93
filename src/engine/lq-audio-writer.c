/* lq-audio-writer.c
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
#include <sndfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lq-audio-writer.h"
#include "lq-pcm.h"

struct _LqAudioWriter
{
  char    *path;
  char    *display;
  char    *tmp_path;
  int      fd;
  SNDFILE *sf;
  guint    channels;
  gboolean committed;
  off_t    written_back;    /* the file's bytes whose write-back has been started */
  gsize    frame_bytes;     /* at most what a frame adds to the file */
  gsize    unsynced;        /* at most what was written since */
  /* Integer WAV and AIFF: the samples are converted here (lq_pcm_from_float, libsndfile's
   * bytes) and handed to libsndfile RAW_BYTES at a time, not 6 KiB per system call as its
   * own conversion writes them. */
  guint    raw_width;       /* bytes per sample; 0: libsndfile converts (float, FLAC) */
  gboolean big_endian;
  guint8  *raw;
  gsize    n_raw;           /* bytes in raw */
  gsize    raw_cap;         /* whole frames' bytes */
};

/* Write-back of the file is started every so many bytes as it is written, so that the disk
 * works while the render goes on and the fsync before the rename finds little left to do:
 * 69 ms for a 5-minute 24-bit master here, when the whole file waited for it. */
#define WRITE_BACK_BYTES ((off_t) 8 << 20)
#define RAW_BYTES        ((gsize) 1 << 18)

G_DEFINE_QUARK (lq-audio-writer-error-quark, lq_audio_writer_error)

static int
sf_format_for (LqFileFormat   format,
               LqSampleFormat sample_format)
{
  int major = format == LQ_FILE_FORMAT_FLAC ? SF_FORMAT_FLAC
            : format == LQ_FILE_FORMAT_AIFF ? SF_FORMAT_AIFF : SF_FORMAT_WAV;
  int minor = sample_format == LQ_SAMPLE_FORMAT_S16 ? SF_FORMAT_PCM_16
            : sample_format == LQ_SAMPLE_FORMAT_S24 ? SF_FORMAT_PCM_24 : SF_FORMAT_FLOAT;

  return major | minor;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0
         && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

LqAudioWriter *
lq_audio_writer_new (const char     *path,
                     LqFileFormat    format,
                     LqSampleFormat  sample_format,
                     guint           sample_rate,
                     guint           channels,
                     gboolean        overwrite,
                     const char     *protect,
                     GError        **error)
{
  g_autoptr(LqAudioWriter) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  SF_INFO info = { 0 };
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (LqAudioWriter, 1);
  self->fd = -1;
  self->path = g_strdup (path);
  self->display = g_filename_display_name (path);

  if (format == LQ_FILE_FORMAT_FLAC && sample_format == LQ_SAMPLE_FORMAT_F32)
    {
      g_set_error (error, LQ_AUDIO_WRITER_ERROR, LQ_AUDIO_WRITER_ERROR_FORMAT,
                   _("%s: FLAC holds 16- or 24-bit integer samples, not 32-bit float"),
                   self->display);
      return NULL;
    }
  if (protect != NULL && same_file (path, protect))
    {
      g_set_error (error, LQ_AUDIO_WRITER_ERROR, LQ_AUDIO_WRITER_ERROR_SAME_AS_INPUT,
                   _("%s: This is the input file; Lacquer never overwrites its source"),
                   self->display);
      return NULL;
    }
  if (g_stat (path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, LQ_AUDIO_WRITER_ERROR, LQ_AUDIO_WRITER_ERROR_FOLDER,
                       _("%s: Is a folder"), self->display);
          return NULL;
        }
      if (!overwrite)
        {
          g_set_error (error, LQ_AUDIO_WRITER_ERROR, LQ_AUDIO_WRITER_ERROR_EXISTS,
                       _("%s: The file exists (use --force to replace it)"), self->display);
          return NULL;
        }
    }
  else if (g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode) && !overwrite)
    {
      /* A dangling link: stat says "no such file", but the rename would replace the link. */
      g_set_error (error, LQ_AUDIO_WRITER_ERROR, LQ_AUDIO_WRITER_ERROR_EXISTS,
                   _("%s: A symbolic link to a missing file is in the way (use --force to "
                     "replace the link)"), self->display);
      return NULL;
    }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  self->tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX.part", dir, G_DIR_SEPARATOR, base);

  self->fd = g_mkstemp_full (self->tmp_path, O_RDWR | O_CLOEXEC, 0644);
  if (self->fd < 0)
    {
      int saved = errno;
      g_autofree char *dir_display = g_filename_display_name (dir);

      g_set_error (error, LQ_AUDIO_WRITER_ERROR,
                   saved == ENOSPC ? LQ_AUDIO_WRITER_ERROR_WRITE : LQ_AUDIO_WRITER_ERROR_FOLDER,
                   _("%s: Cannot write into %s (%s)"), self->display, dir_display,
                   g_strerror (saved));
      g_clear_pointer (&self->tmp_path, g_free);
      return NULL;
    }

  info.samplerate = (int) sample_rate;
  info.channels = (int) channels;
  info.format = sf_format_for (format, sample_format);
  if (!sf_format_check (&info))
    {
      g_set_error (error, LQ_AUDIO_WRITER_ERROR, LQ_AUDIO_WRITER_ERROR_FORMAT,
                   _("%s: %s cannot hold %u channels at %u Hz"), self->display,
                   lq_file_format_to_string (format), channels, sample_rate);
      return NULL;
    }

  self->sf = sf_open_fd (self->fd, SFM_WRITE, &info, FALSE);
  if (self->sf == NULL)
    {
      g_set_error (error, LQ_AUDIO_WRITER_ERROR, LQ_AUDIO_WRITER_ERROR_WRITE, "%s: %s",
                   self->display, sf_strerror (NULL));
      return NULL;
    }
  self->channels = channels;
  self->frame_bytes = channels * (sample_format == LQ_SAMPLE_FORMAT_S16 ? 2
                                  : sample_format == LQ_SAMPLE_FORMAT_S24 ? 3 : 4);
  if (format != LQ_FILE_FORMAT_FLAC && sample_format != LQ_SAMPLE_FORMAT_F32)
    {
      self->raw_width = (guint) (self->frame_bytes / channels);
      self->big_endian = format == LQ_FILE_FORMAT_AIFF;
      self->raw_cap = RAW_BYTES / self->frame_bytes * self->frame_bytes;
      self->raw = g_malloc (self->raw_cap);
    }
  /* Values are already on the integer grid (dither happened upstream); clipping instead of
   * wrapping is the safe behaviour should anything exceed full scale. */
  sf_command (self->sf, SFC_SET_CLIPPING, NULL, SF_TRUE);
  /* No PEAK chunk: it carries a time stamp, and the same render must give the same bytes. */
  sf_command (self->sf, SFC_SET_ADD_PEAK_CHUNK, NULL, SF_FALSE);

  return g_steal_pointer (&self);
}

static gboolean
set_write_error (LqAudioWriter  *self,
                 GError        **error)
{
  g_set_error (error, LQ_AUDIO_WRITER_ERROR, LQ_AUDIO_WRITER_ERROR_WRITE,
               _("%s: Writing failed (%s)"), self->display,
               errno ? g_strerror (errno) : sf_strerror (self->sf));
  return FALSE;
}

/* bytes more are in the file: start their write-back once 8 MiB have gathered. */
static void
written (LqAudioWriter *self,
         gsize          bytes)
{
#ifdef SYNC_FILE_RANGE_WRITE
  /* Counted first, so that the file's end is asked for once per write-back, not per block.
   * libsndfile writes through our descriptor, so its offset is where the data ends. Only a
   * start: errors are the fsync's to report. */
  self->unsynced += bytes;
  if (self->unsynced >= WRITE_BACK_BYTES)
    {
      off_t end = lseek (self->fd, 0, SEEK_CUR);

      if (end > self->written_back)
        sync_file_range (self->fd, self->written_back, end - self->written_back,
                         SYNC_FILE_RANGE_WRITE);
      self->written_back = MAX (end, self->written_back);
      self->unsynced = 0;
    }
#endif
}

/* The converted samples gathered so far, to the file. */
static gboolean
flush_raw (LqAudioWriter  *self,
           GError        **error)
{
  gsize n = self->n_raw;

  if (n == 0)
    return TRUE;
  self->n_raw = 0;
  errno = 0;
  if (sf_write_raw (self->sf, self->raw, (sf_count_t) n) != (sf_count_t) n)
    return set_write_error (self, error);
  written (self, n);
  return TRUE;
}

gboolean
lq_audio_writer_write (LqAudioWriter  *self,
                       const float    *frames,
                       gsize           n_frames,
                       GError        **error)
{
  g_return_val_if_fail (self != NULL && !self->committed, FALSE);

  if (self->raw_width > 0)
    {
      while (n_frames > 0)
        {
          gsize n = MIN (n_frames, (self->raw_cap - self->n_raw) / self->frame_bytes);

          lq_pcm_from_float (frames, self->raw_width, self->big_endian, self->raw + self->n_raw,
                             n * self->channels);
          self->n_raw += n * self->frame_bytes;
          frames += n * self->channels;
          n_frames -= n;
          if (self->n_raw == self->raw_cap && !flush_raw (self, error))
            return FALSE;
        }
      return TRUE;
    }
  errno = 0;
  if (sf_writef_float (self->sf, frames, (sf_count_t) n_frames) != (sf_count_t) n_frames)
    return set_write_error (self, error);
  written (self, n_frames * self->frame_bytes);
  return TRUE;
}

gboolean
lq_audio_writer_write_dithered (LqAudioWriter      *self,
                                LqDither           *dither,
                                const float *const *in,
                                float *const       *quantised,
                                float              *interleaved,
                                uint32_t            n_frames,
                                GError            **error)
{
  float local[2 * LQ_AUDIO_WRITER_BLOCK];
  float *inter = interleaved != NULL ? interleaved : local;

  /* Masters and deliverables are mono or stereo. */
  g_return_val_if_fail (self != NULL && self->channels <= 2, FALSE);
  g_return_val_if_fail (n_frames <= LQ_AUDIO_WRITER_BLOCK, FALSE);

  lq_dither_process (dither, in, quantised, n_frames);
  if (self->channels == 1)
    memcpy (inter, quantised[0], n_frames * sizeof (float));
  else
    for (uint32_t i = 0; i < n_frames; i++)
      {
        inter[2 * i] = quantised[0][i];
        inter[2 * i + 1] = quantised[1][i];
      }
  return lq_audio_writer_write (self, inter, n_frames, error);
}

gboolean
lq_audio_writer_finish (LqAudioWriter  *self,
                        GError        **error)
{
  int err;

  g_return_val_if_fail (self != NULL && !self->committed, FALSE);

  if (self->sf == NULL)
    return TRUE;
  if (!flush_raw (self, error))
    return FALSE;
  /* sf_close writes the final header; its failure (a full disk) must not reach the
   * destination, so check it before the rename. */
  sf_write_sync (self->sf);
  err = sf_close (self->sf);
  self->sf = NULL;
  if (err != 0)
    {
      g_set_error (error, LQ_AUDIO_WRITER_ERROR, LQ_AUDIO_WRITER_ERROR_WRITE,
                   _("%s: Writing failed (%s)"), self->display, sf_error_number (err));
      return FALSE;
    }
  return TRUE;
}

const char *
lq_audio_writer_get_temp_path (LqAudioWriter *self)
{
  return self->tmp_path;
}

gboolean
lq_audio_writer_commit (LqAudioWriter  *self,
                        GError        **error)
{
  g_return_val_if_fail (self != NULL && !self->committed, FALSE);

  if (!lq_audio_writer_finish (self, error))
    return FALSE;
  /* fsync covers what was written through other descriptors of the file too (the tags). */
  if (fsync (self->fd) != 0)
    {
      g_set_error (error, LQ_AUDIO_WRITER_ERROR, LQ_AUDIO_WRITER_ERROR_WRITE,
                   _("%s: Writing failed (%s)"), self->display, g_strerror (errno));
      return FALSE;
    }
  if (close (self->fd) != 0)
    {
      self->fd = -1;
      g_set_error (error, LQ_AUDIO_WRITER_ERROR, LQ_AUDIO_WRITER_ERROR_WRITE,
                   _("%s: Writing failed (%s)"), self->display, g_strerror (errno));
      return FALSE;
    }
  self->fd = -1;
  if (g_rename (self->tmp_path, self->path) != 0)
    {
      g_set_error (error, LQ_AUDIO_WRITER_ERROR, LQ_AUDIO_WRITER_ERROR_WRITE,
                   _("%s: Cannot move the finished file into place (%s)"), self->display,
                   g_strerror (errno));
      return FALSE;
    }
  self->committed = TRUE;
  return TRUE;
}

void
lq_audio_writer_free (LqAudioWriter *self)
{
  if (self == NULL)
    return;
  if (self->sf)
    sf_close (self->sf);
  if (self->fd >= 0)
    close (self->fd);
  if (!self->committed && self->tmp_path != NULL)
    g_unlink (self->tmp_path);
  g_free (self->raw);
  g_free (self->tmp_path);
  g_free (self->display);
  g_free (self->path);
  g_free (self);
}
