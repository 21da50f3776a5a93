/* fuzz-audio-decode.c
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

/* libFuzzer: an audio file held in memory, decoded through libsndfile's virtual I/O and
 * analysed in one pass (loudness, peaks, waveform pyramid, spectrum, history), as `lacquer
 * analyze` and the GUI do with a file on disk. Bad headers must be refused, never crash;
 * every reading must be finite or the silence marker. */

#include "config.h"

#include <math.h>
#include <sndfile.h>
#include <stdint.h>
#include <string.h>

#include "lq-file-analysis.h"
#include "lq-fuzz.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Bounds the work per input: a header may claim hours. */
#define MAX_FRAMES (1 << 17)
#define BLOCK 1024

typedef struct
{
  const uint8_t *data;
  sf_count_t     size;
  sf_count_t     pos;
} Memory;

static sf_count_t
mem_get_filelen (void *user_data)
{
  return ((Memory *) user_data)->size;
}

static sf_count_t
mem_seek (sf_count_t  offset,
          int         whence,
          void       *user_data)
{
  Memory *m = user_data;
  sf_count_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? m->pos : m->size;

  if (offset < -base || base + offset > m->size)
    return -1;
  m->pos = base + offset;
  return m->pos;
}

static sf_count_t
mem_read (void       *ptr,
          sf_count_t  count,
          void       *user_data)
{
  Memory *m = user_data;
  sf_count_t n = MIN (count, m->size - m->pos);

  if (n <= 0)
    return 0;
  memcpy (ptr, m->data + m->pos, (size_t) n);
  m->pos += n;
  return n;
}

static sf_count_t
mem_write (const void *ptr,
           sf_count_t  count,
           void       *user_data)
{
  return 0;
}

static sf_count_t
mem_tell (void *user_data)
{
  return ((Memory *) user_data)->pos;
}

static gboolean
reading_ok (double value)
{
  return isfinite (value) || value == -HUGE_VAL;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  SF_VIRTUAL_IO io = { mem_get_filelen, mem_seek, mem_read, mem_write, mem_tell };
  Memory memory = { data, (sf_count_t) size, 0 };
  SF_INFO info = { 0 };
  LqFileAnalysisConfig config = { 0 };
  LqLoudnessSummary summary;
  LqFileAnalysis *pass;
  LqStatus status;
  SNDFILE *sf;
  float *block;
  sf_count_t total = 0;

  lq_fuzz_init ();
  sf = sf_open_virtual (&io, SFM_READ, &info, &memory);
  if (sf == NULL)
    return 0;

  config.sample_rate = info.samplerate;
  config.channels = (uint32_t) MAX (info.channels, 0);
  config.peaks = config.spectrum = config.history = true;
  pass = lq_file_analysis_new (&config, &status);
  /* Rates and channel counts the analysis cannot take are refused with a status. */
  if (pass == NULL)
    {
      LQ_FUZZ_CHECK (status != LQ_OK);
      sf_close (sf);
      return 0;
    }

  block = g_new (float, (gsize) BLOCK * config.channels);
  for (;;)
    {
      sf_count_t n = sf_readf_float (sf, block, BLOCK);

      if (n <= 0 || total >= MAX_FRAMES)
        break;
      /* Decoders may hand out non-finite floats; the analysis must cope. */
      LQ_FUZZ_CHECK (lq_file_analysis_process (pass, block, (uint32_t) n) == LQ_OK);
      total += n;
    }
  g_free (block);
  sf_close (sf);

  if (lq_file_analysis_finish (pass, &summary) == LQ_OK)
    {
      LQ_FUZZ_CHECK (summary.frames == (uint64_t) total);
      LQ_FUZZ_CHECK (reading_ok (summary.integrated_lufs));
      LQ_FUZZ_CHECK (reading_ok (summary.loudness_range_lu));
      LQ_FUZZ_CHECK (reading_ok (summary.true_peak_dbtp));
      LQ_FUZZ_CHECK (reading_ok (summary.sample_peak_dbfs));
    }
  lq_file_analysis_free (pass);
  return 0;
}
