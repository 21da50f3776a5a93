/* make-programme.c
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

/* Writes the benchmarks' realistic programme (lq_test_programme) as a 24-bit stereo WAV:
 *   make-programme OUT.wav SECONDS [RATE] [AMPLITUDE] */

#include "config.h"

#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>

#include "lq-test-signal.h"

#define CHUNK 65536

int
main (int    argc,
      char **argv)
{
  double seconds, rate = 48000.0, amplitude = 0.5;
  SF_INFO info = { 0 };
  SNDFILE *f;
  float *buf;
  size_t frames;

  if (argc < 3)
    {
      fprintf (stderr, "usage: make-programme OUT.wav SECONDS [RATE] [AMPLITUDE]\n");
      return 1;
    }
  seconds = atof (argv[2]);
  if (argc > 3)
    rate = atof (argv[3]);
  if (argc > 4)
    amplitude = atof (argv[4]);
  frames = (size_t) (seconds * rate);
  info.samplerate = (int) rate;
  info.channels = 2;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_24;
  if (!(f = sf_open (argv[1], SFM_WRITE, &info)))
    {
      fprintf (stderr, "make-programme: %s: %s\n", argv[1], sf_strerror (NULL));
      return 2;
    }
  /* Generated whole (the generator keeps its state across the file) and written in chunks. */
  if (!(buf = malloc (frames * 2 * sizeof (float))))
    return 2;
  lq_test_programme (buf, frames, rate, amplitude, 1);
  for (size_t done = 0; done < frames; done += CHUNK)
    {
      sf_count_t n = (sf_count_t) (frames - done < CHUNK ? frames - done : CHUNK);

      if (sf_writef_float (f, buf + 2 * done, n) != n)
        return 2;
    }
  free (buf);
  return sf_close (f) == 0 ? 0 : 2;
}
