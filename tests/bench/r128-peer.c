/* r128-peer.c
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

/* The benchmark's peer: libebur128 measuring integrated loudness, loudness range, true
 * peak and sample peak of a file read with libsndfile, as a whole process. */

#include <ebur128.h>
#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>

int
main (int    argc,
      char **argv)
{
  for (int f = 1; f < argc; f++)
    {
      SF_INFO info = { 0 };
      SNDFILE *sf = sf_open (argv[f], SFM_READ, &info);
      ebur128_state *st;
      float *buf;
      sf_count_t n;
      double i, lra, tp = 0.0, sp = 0.0;

      if (sf == NULL)
        {
          fprintf (stderr, "%s: %s\n", argv[f], sf_strerror (NULL));
          return 2;
        }
      st = ebur128_init ((unsigned) info.channels, (unsigned long) info.samplerate,
                         EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_TRUE_PEAK
                         | EBUR128_MODE_SAMPLE_PEAK);
      buf = malloc (sizeof (float) * (size_t) info.channels * 32768);
      while ((n = sf_readf_float (sf, buf, 32768)) > 0)
        ebur128_add_frames_float (st, buf, (size_t) n);

      ebur128_loudness_global (st, &i);
      ebur128_loudness_range (st, &lra);
      for (int c = 0; c < info.channels; c++)
        {
          double v;

          ebur128_true_peak (st, (unsigned) c, &v);
          tp = v > tp ? v : tp;
          ebur128_sample_peak (st, (unsigned) c, &v);
          sp = v > sp ? v : sp;
        }
      printf ("%s: I %.2f LUFS, LRA %.2f LU, TP %.2f dBTP, SP %.2f dBFS\n", argv[f], i, lra,
              20 * log10 (tp), 20 * log10 (sp));
      ebur128_destroy (&st);
      free (buf);
      sf_close (sf);
    }
  return 0;
}
