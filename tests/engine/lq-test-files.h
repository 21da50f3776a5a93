/* lq-test-files.h
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

#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* Hand-made RIFF/WAVE bytes for the engine tests: a canonical header (RIFF, fmt, data) whose
 * fields can be set to anything, valid or not. */
typedef struct
{
  guint16 format_tag;     /* 1 PCM, 3 IEEE float, anything else for unknown codecs */
  guint16 channels;
  guint32 rate;
  guint16 bits;
  guint32 frames;         /* data chunk size = frames * channels * bits / 8 */
} LqTestWavHeader;

static inline void
lq_test_put16 (guint8 *p, guint16 v)
{
  p[0] = v & 0xff;
  p[1] = v >> 8;
}

static inline void
lq_test_put32 (guint8 *p, guint32 v)
{
  for (int i = 0; i < 4; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

/* Returns header + zeroed data (or the data in pcm16, when given), length in *len. Formats
 * other than PCM get the 18-byte WAVEFORMATEX fmt chunk (cbSize 0) they must have. */
static inline guint8 *
lq_test_wav_bytes (const LqTestWavHeader *h,
                   const gint16          *pcm16,
                   gsize                 *len)
{
  guint32 block = (guint32) h->channels * h->bits / 8;
  guint32 data = h->frames * block;
  guint32 fmt = h->format_tag == 1 ? 16 : 18;
  guint32 head = 20 + fmt + 8;
  guint8 *b = g_malloc0 (head + data);

  memcpy (b, "RIFF", 4);
  lq_test_put32 (b + 4, head - 8 + data);
  memcpy (b + 8, "WAVEfmt ", 8);
  lq_test_put32 (b + 16, fmt);
  lq_test_put16 (b + 20, h->format_tag);
  lq_test_put16 (b + 22, h->channels);
  lq_test_put32 (b + 24, h->rate);
  lq_test_put32 (b + 28, h->rate * block);
  lq_test_put16 (b + 32, (guint16) block);
  lq_test_put16 (b + 34, h->bits);
  memcpy (b + 20 + fmt, "data", 4);
  lq_test_put32 (b + 24 + fmt, data);
  if (pcm16 != NULL && h->bits == 16)
    for (guint32 i = 0; i < h->frames * h->channels; i++)
      lq_test_put16 (b + head + 2 * i, (guint16) pcm16[i]);
  *len = head + data;
  return b;
}

G_END_DECLS
