/* lq-render-spill.c
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
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lq-render-spill.h"

static gsize
spill_bytes (gsize length)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE);

  return (MAX (length, 1) * sizeof (float) + page - 1) / page * page;
}

static gboolean
set_spill_error (int      err,
                 gsize    bytes,
                 GError **error)
{
  g_autofree char *dir = g_filename_display_name (g_get_tmp_dir ());

  if (err == ENOMEM)
    g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_NOMEM, g_strerror (err));
  else if (err == ENOSPC || err == EDQUOT || err == EFBIG)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
                 _("Not enough space in the temporary folder %s for the render’s working "
                   "files (%.0f MiB more needed): %s"), dir, bytes / 1048576.0,
                 g_strerror (err));
  else
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
                 _("Cannot make the render’s working file in the temporary folder %s: %s"),
                 dir, g_strerror (err));
  return FALSE;
}

/* Reserves bytes of the file on the disk: a full disk fails here, not with SIGBUS on a
 * write through the mapping. Filesystems that cannot reserve get a plain length. */
static gboolean
spill_reserve (int      fd,
               gsize    bytes,
               gsize    more,
               GError **error)
{
  int err = posix_fallocate (fd, 0, (off_t) bytes);

  if (err == EOPNOTSUPP || err == EINVAL)
    err = ftruncate (fd, (off_t) bytes) == 0 ? 0 : errno;
  if (err != 0)
    return set_spill_error (err, more, error);
  return TRUE;
}

/* self (on the heap or empty) becomes a mapped temporary file of length floats, keeping
 * its first `keep` floats. */
static gboolean
spill_to_file (LqRenderSpill  *self,
               gsize           length,
               gsize           keep,
               GError        **error)
{
  const gsize bytes = spill_bytes (length);
  g_autofree char *path = NULL;
  g_autoptr(GError) local = NULL;
  void *data;
  int fd;

  if ((fd = g_file_open_tmp ("lacquer-render-XXXXXX", &path, &local)) < 0)
    {
      g_autofree char *dir = g_filename_display_name (g_get_tmp_dir ());

      g_set_error (error, G_FILE_ERROR, local->domain == G_FILE_ERROR ? local->code
                                                                    : G_FILE_ERROR_FAILED,
                   _("Cannot make the render’s working file in the temporary folder %s: %s"),
                   dir, local->message);
      return FALSE;
    }
  /* Unlinked at once: nothing is left behind, however the process ends. */
  g_unlink (path);
  if (!spill_reserve (fd, bytes, bytes, error))
    {
      close (fd);
      return FALSE;
    }
  data = mmap (NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (data == MAP_FAILED)
    {
      int err = errno;

      close (fd);
      return set_spill_error (err, bytes, error);
    }
  if (keep > 0)
    memcpy (data, self->data, keep * sizeof (float));
  g_free (self->data);
  self->fd = fd;
  self->data = data;
  self->length = length;
  return TRUE;
}

gboolean
_lq_render_spill_alloc (LqRenderSpill  *self,
                        gsize           length,
                        GError        **error)
{
  g_assert (self->data == NULL);

  if (length > LQ_RENDER_SPILL_HEAP_MAX / sizeof (float))
    return spill_to_file (self, length, 0, error);
  if (!(self->data = g_try_new (float, MAX (length, 1))))
    return set_spill_error (ENOMEM, 0, error);
  self->length = length;
  return TRUE;
}

gboolean
_lq_render_spill_grow (LqRenderSpill  *self,
                       gsize           length,
                       GError        **error)
{
  const gsize old = spill_bytes (self->length), bytes = spill_bytes (length);
  void *data;

  if (length <= self->length)
    return TRUE;
  if (self->fd < 0 && length > LQ_RENDER_SPILL_HEAP_MAX / sizeof (float))
    return spill_to_file (self, length, self->length, error);
  if (self->fd < 0)
    {
      if (!(data = g_try_renew (float, self->data, length)))
        return set_spill_error (ENOMEM, 0, error);
    }
  else if (bytes > old)
    {
      if (!spill_reserve (self->fd, bytes, bytes - old, error))
        return FALSE;
      if ((data = mremap (self->data, old, bytes, MREMAP_MAYMOVE)) == MAP_FAILED)
        return set_spill_error (errno, bytes - old, error);
    }
  else
    data = self->data;
  self->data = data;
  self->length = length;
  return TRUE;
}

/* Moves n bytes between p and the file at offset, whole, in as many calls as it takes;
 * returns 0, or the errno of the call that failed (EIO for one that moved nothing). *left is
 * what was still to move then. */
static int
spill_transfer (int       fd,
                char     *p,
                gsize     n,
                off_t     offset,
                gboolean  writing,
                gsize    *left)
{
  for (*left = n; *left > 0;)
    {
      ssize_t done = writing ? pwrite (fd, p, *left, offset) : pread (fd, p, *left, offset);

      if (done < 0 && errno == EINTR)
        continue;
      if (done <= 0)
        return done < 0 ? errno : EIO;
      p += done;
      *left -= (gsize) done;
      offset += done;
    }
  return 0;
}

gboolean
_lq_render_spill_write (const LqRenderSpill  *self,
                        gsize                 at,
                        const float          *data,
                        gsize                 n,
                        GError              **error)
{
  gsize left;
  int err;

  g_assert (at + n <= self->length);

  if (self->fd < 0)
    {
      memcpy (self->data + at, data, n * sizeof (float));
      return TRUE;
    }
  /* pwrite only reads the buffer. */
  err = spill_transfer (self->fd, (char *) data, n * sizeof (float),
                        (off_t) (at * sizeof (float)), TRUE, &left);
  return err == 0 || set_spill_error (err, left, error);
}

/* Reads n floats at `at` of the file into dest; FALSE with the error a failed read gives. */
static gboolean
spill_pread (const LqRenderSpill  *self,
             float                *dest,
             gsize                 at,
             gsize                 n,
             GError              **error)
{
  g_autofree char *dir = NULL;
  gsize left;
  int err;

  err = spill_transfer (self->fd, (char *) dest, n * sizeof (float),
                        (off_t) (at * sizeof (float)), FALSE, &left);
  if (err == 0)
    return TRUE;
  dir = g_filename_display_name (g_get_tmp_dir ());
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err),
               _("Cannot read the render’s working file in the temporary folder %s: %s"),
               dir, g_strerror (err));
  return FALSE;
}

const float *
_lq_render_spill_read (const LqRenderSpill  *self,
                       gsize                 at,
                       gsize                 n,
                       float                *scratch,
                       GError              **error)
{
  g_assert (at + n <= self->length);
  if (self->fd < 0)
    return self->data + at;
  return spill_pread (self, scratch, at, n, error) ? scratch : NULL;
}

/* ---- cursors ---- */

void
_lq_render_spill_cursor_init (LqRenderSpillCursor *self,
                              const LqRenderSpill *spill,
                              gboolean             buffered)
{
  *self = (LqRenderSpillCursor) { spill, buffered && spill->fd >= 0, NULL, 0, 0 };
}

static gboolean
cursor_window (LqRenderSpillCursor  *self,
               GError              **error)
{
  if (self->buf == NULL && !(self->buf = g_try_new (float, LQ_RENDER_SPILL_WINDOW)))
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_NOMEM, g_strerror (ENOMEM));
      return FALSE;
    }
  return TRUE;
}

const float *
_lq_render_spill_cursor_read (LqRenderSpillCursor  *self,
                              gsize                 at,
                              gsize                 n,
                              float                *scratch,
                              GError              **error)
{
  const LqRenderSpill *spill = self->spill;

  g_assert (at + n <= spill->length);
  if (!self->buffered || n > LQ_RENDER_SPILL_WINDOW)
    return _lq_render_spill_read (spill, at, n, scratch, error);
  if (at < self->start || at + n > self->start + self->len)
    {
      if (!cursor_window (self, error))
        return NULL;
      self->start = at;
      self->len = MIN (LQ_RENDER_SPILL_WINDOW, spill->length - at);
      if (!spill_pread (spill, self->buf, at, self->len, error))
        {
          self->len = 0;
          return NULL;
        }
    }
  return self->buf + (at - self->start);
}

gboolean
_lq_render_spill_cursor_flush (LqRenderSpillCursor  *self,
                               GError              **error)
{
  gsize len = self->len;

  if (!self->buffered || len == 0)
    return TRUE;
  self->len = 0;
  return _lq_render_spill_write (self->spill, self->start, self->buf, len, error);
}

gboolean
_lq_render_spill_cursor_reserve (LqRenderSpillCursor  *self,
                                 gsize                 at,
                                 gsize                 n,
                                 float               **room,
                                 GError              **error)
{
  *room = NULL;
  if (!self->buffered || n > LQ_RENDER_SPILL_WINDOW)
    return TRUE;
  if (self->len > 0 && (at != self->start + self->len || self->len + n > LQ_RENDER_SPILL_WINDOW)
      && !_lq_render_spill_cursor_flush (self, error))
    return FALSE;
  if (self->len == 0)
    {
      if (!cursor_window (self, error))
        return FALSE;
      self->start = at;
    }
  g_assert (at + n <= self->spill->length);
  *room = self->buf + self->len;
  self->len += n;
  return TRUE;
}

gboolean
_lq_render_spill_cursor_write (LqRenderSpillCursor  *self,
                               gsize                 at,
                               const float          *data,
                               gsize                 n,
                               GError              **error)
{
  float *room;

  if (!self->buffered || n > LQ_RENDER_SPILL_WINDOW)
    return _lq_render_spill_cursor_flush (self, error)
           && _lq_render_spill_write (self->spill, at, data, n, error);
  if (!_lq_render_spill_cursor_reserve (self, at, n, &room, error))
    return FALSE;
  memcpy (room, data, n * sizeof (float));
  return TRUE;
}

void
_lq_render_spill_cursor_clear (LqRenderSpillCursor *self)
{
  g_clear_pointer (&self->buf, g_free);
  self->len = 0;
}

void
_lq_render_spill_clear (LqRenderSpill *self)
{
  if (self->fd >= 0)
    {
      munmap (self->data, spill_bytes (self->length));
      close (self->fd);
    }
  else
    g_free (self->data);
  *self = (LqRenderSpill) LQ_RENDER_SPILL_INIT;
}
