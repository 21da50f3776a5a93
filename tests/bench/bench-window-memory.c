/* bench-window-memory.c
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

/* Benchmark (not a test): the window keeps each source's decoded audio in memory, so that
 * switching between mix, master and references is instant. This measures what that costs:
 * a fresh process loads a 1-minute and a 10-minute realistic programme (48 kHz stereo
 * 24-bit, make-programme) through lq_source_load (), as the session does, and reports its
 * peak resident size; the difference over the 9 minutes is the memory per minute of stereo
 * audio, printed beside the planar float PCM it holds (48000 x 2 x 4 bytes a second). */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "lq-source.h"

#define RATE 48000.0

/* VmHWM of this process, in KiB; -1 if unknown. */
static long
peak_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || !(line = strstr (status, "VmHWM:")))
    return -1;
  return strtol (line + 6, NULL, 10);
}

/* The child: load path as the session's mix and print the peak. */
static int
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  LqSource *source = lq_source_load (path, LQ_SOURCE_KIND_MIX, NULL, NULL, NULL, &error);

  if (source == NULL || lq_source_get_buffer (source, &error) == NULL)
    {
      fprintf (stderr, "%s: %s\n", path, error->message);
      return 1;
    }
  printf ("%ld\n", peak_kib ());
  g_object_unref (source);
  return 0;
}

/* Peak resident size of a fresh process loading a minutes-long programme, in MiB. */
static double
measure (const char *self,
         const char *make_programme,
         const char *dir,
         guint       minutes)
{
  g_autofree char *path = g_strdup_printf ("%s/%u-min.wav", dir, minutes);
  g_autofree char *seconds = g_strdup_printf ("%u", minutes * 60);
  g_autofree char *out = NULL;
  const char *make[] = { make_programme, path, seconds, "48000", "0.2", NULL };
  const char *child[] = { self, "--load", path, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) make, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                     &status, &error)
      || !g_spawn_check_wait_status (status, &error)
      || !g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                        &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }
  g_unlink (path);
  return strtol (out, NULL, 10) / 1024.0;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  const double pcm = RATE * 60.0 * 2 * sizeof (float) / 1048576.0;
  double one, ten, per_minute;

  if (argc == 3 && g_str_equal (argv[1], "--load"))
    return load (argv[2]);
  if (argc != 2)
    {
      fprintf (stderr, "usage: %s MAKE-PROGRAMME\n", argv[0]);
      return 1;
    }
  if (!(dir = g_dir_make_tmp ("lacquer-bench-XXXXXX", NULL)))
    return 1;
  one = measure (argv[0], argv[1], dir, 1);
  ten = measure (argv[0], argv[1], dir, 10);
  g_rmdir (dir);
  per_minute = (ten - one) / 9.0;

  printf ("window: decoded sources in memory (lq_source_load, 48 kHz stereo programme)\n");
  printf ("  peak resident size: 1 min %.0f MiB, 10 min %.0f MiB\n", one, ten);
  printf ("  per minute of stereo audio: %.1f MiB (planar float PCM alone: %.1f MiB, "
          "ratio %.2fx)\n", per_minute, pcm, per_minute / pcm);
  return 0;
}
