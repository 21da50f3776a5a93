/* lq-codec.c
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

#include <glib/gi18n.h>
#include <math.h>
#include <sndfile.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#include <unistd.h>
#endif

#include "lq-codec.h"
#include "lq-db.h"
#include "lq-source-buffer.h"
#include "lq-spectrum.h"
#include "lq-truepeak.h"

#define BLOCK 4096
/* The alignment correlates this much of the programme (about 2.7 s at 48 kHz)... */
#define ALIGN_WINDOW (1u << 17)
/* ...over lags of up to a quarter second either way: LAME's delay and padding are about
 * 2000 samples, and a decoder that trims them lands near 0. */
#define ALIGN_MAX_LAG_S 0.25
/* Overs closer than this are one event: a codec's overshoot on one transient crosses the
 * threshold several times within a millisecond or two, and a list of those is noise. */
#define OVER_MERGE_S 0.005

G_DEFINE_QUARK (lq-codec-error-quark, lq_codec_error)

typedef struct
{
  LqCodecKind  kind;
  const char  *name;
  const char  *label;
  const char  *extension;
  int          format;
  guint        kbps[3];        /* the choices of FACTS §2 and the issue */
} CodecInfo;

static const CodecInfo codecs[] = {
  { LQ_CODEC_MP3, "mp3", "MP3", "mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III,
    { 128, 192, 320 } },
  { LQ_CODEC_VORBIS, "vorbis", "Ogg Vorbis", "ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS,
    { 96, 160, 320 } },
  { LQ_CODEC_OPUS, "opus", "Opus", "opus", SF_FORMAT_OGG | SF_FORMAT_OPUS,
    { 96, 128, 160 } },
};

static const CodecInfo *
codec_info (LqCodecKind kind)
{
  g_assert ((guint) kind < G_N_ELEMENTS (codecs));
  return &codecs[kind];
}

const char *
lq_codec_kind_get_name (LqCodecKind kind)
{
  return codec_info (kind)->name;
}

const char *
lq_codec_kind_get_label (LqCodecKind kind)
{
  return codec_info (kind)->label;
}

const char *
lq_codec_kind_get_extension (LqCodecKind kind)
{
  return codec_info (kind)->extension;
}

const guint *
lq_codec_kind_get_bitrates (LqCodecKind  kind,
                            guint       *n_bitrates)
{
  *n_bitrates = G_N_ELEMENTS (codec_info (kind)->kbps);
  return codec_info (kind)->kbps;
}

char *
lq_codec_spec_to_string (const LqCodecSpec *spec)
{
  return g_strdup_printf ("%s:%u", lq_codec_kind_get_name (spec->kind), spec->kbps);
}

char *
lq_codec_dup_choices (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (codecs); i++)
    for (guint j = 0; j < G_N_ELEMENTS (codecs[i].kbps); j++)
      g_string_append_printf (s, "%s%s:%u", s->len ? ", " : "", codecs[i].name,
                              codecs[i].kbps[j]);
  return g_string_free (s, FALSE);
}

static gboolean
parse_one (const char   *item,
           LqCodecSpec  *spec,
           GError      **error)
{
  g_autofree char *valid = lq_codec_dup_choices ();
  g_auto(GStrv) parts = g_strsplit (item, ":", 2);
  const CodecInfo *info = NULL;
  char *end = NULL;
  guint64 kbps;

  for (guint i = 0; i < G_N_ELEMENTS (codecs); i++)
    if (g_ascii_strcasecmp (g_strstrip (parts[0]), codecs[i].name) == 0)
      info = &codecs[i];
  if (info == NULL)
    {
      g_set_error (error, LQ_CODEC_ERROR, LQ_CODEC_ERROR_SPEC,
                   _("“%s” is not a codec Lacquer can encode (valid: %s)"), item, valid);
      return FALSE;
    }
  if (parts[1] == NULL)
    {
      g_set_error (error, LQ_CODEC_ERROR, LQ_CODEC_ERROR_SPEC,
                   _("“%s” gives no bitrate (valid: %s)"), item, valid);
      return FALSE;
    }
  kbps = g_ascii_strtoull (g_strstrip (parts[1]), &end, 10);
  for (guint j = 0; j < G_N_ELEMENTS (info->kbps); j++)
    if (end != parts[1] && *end == '\0' && kbps == info->kbps[j])
      {
        spec->kind = info->kind;
        spec->kbps = info->kbps[j];
        return TRUE;
      }
  g_set_error (error, LQ_CODEC_ERROR, LQ_CODEC_ERROR_SPEC,
               _("“%s”: %s offers no such bitrate (valid: %s)"), item, info->label, valid);
  return FALSE;
}

GArray *
lq_codec_spec_parse_list (const char  *text,
                          GError     **error)
{
  g_autoptr(GArray) specs = g_array_new (FALSE, FALSE, sizeof (LqCodecSpec));
  g_auto(GStrv) items = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  items = g_strsplit (text, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      LqCodecSpec spec;

      if (!parse_one (items[i], &spec, error))
        return NULL;
      g_array_append_val (specs, spec);
    }
  if (specs->len == 0)
    {
      g_autofree char *valid = lq_codec_dup_choices ();

      g_set_error (error, LQ_CODEC_ERROR, LQ_CODEC_ERROR_SPEC,
                   _("No codec given (valid: %s)"), valid);
      return NULL;
    }
  return g_steal_pointer (&specs);
}

/* libsndfile's virtual I/O over a growing byte array: the round trip never touches disk. */
typedef struct
{
  GByteArray *bytes;
  sf_count_t  pos;
} MemFile;

static sf_count_t
mem_get_filelen (void *user_data)
{
  return ((MemFile *) user_data)->bytes->len;
}

static sf_count_t
mem_seek (sf_count_t offset,
          int        whence,
          void      *user_data)
{
  MemFile *m = user_data;
  sf_count_t pos = whence == SEEK_SET ? offset
                   : whence == SEEK_CUR ? m->pos + offset : (sf_count_t) m->bytes->len + offset;

  if (pos < 0)
    return -1;
  m->pos = pos;
  return pos;
}

static sf_count_t
mem_read (void       *ptr,
          sf_count_t  count,
          void       *user_data)
{
  MemFile *m = user_data;
  sf_count_t n = CLAMP ((sf_count_t) m->bytes->len - m->pos, 0, count);

  memcpy (ptr, m->bytes->data + m->pos, (size_t) n);
  m->pos += n;
  return n;
}

static sf_count_t
mem_write (const void *ptr,
           sf_count_t  count,
           void       *user_data)
{
  MemFile *m = user_data;

  if (m->pos + count > (sf_count_t) m->bytes->len)
    g_byte_array_set_size (m->bytes, (guint) (m->pos + count));
  memcpy (m->bytes->data + m->pos, ptr, (size_t) count);
  m->pos += count;
  return count;
}

static sf_count_t
mem_tell (void *user_data)
{
  return ((MemFile *) user_data)->pos;
}

static SF_VIRTUAL_IO mem_io = { mem_get_filelen, mem_seek, mem_read, mem_write, mem_tell };

/* libsndfile takes a "compression level" from 0 (best) to 1, which each codec maps to its
 * own setting (libsndfile 1.2.0's sources). These invert those mappings for a bitrate:
 *  - MP3 (LAME, constant bitrate): kb/s = 320 - level * 288, truncated to an integer, then
 *    LAME's nearest legal rate; half a kb/s of headroom keeps the truncation on the rate.
 *  - Opus: bits/s = ((1 - level) * 250000 + 6000) * channels, passed to OPUS_SET_BITRATE; we
 *    ask for the total over the channels, so a stereo 128 is 64 kb/s a channel.
 *  - Vorbis has no bitrate setting here: libsndfile gives libvorbis quality 1 - level in
 *    vorbis_encode_init_vbr, which is variable bitrate. Its nominal rates for 44.1/48 kHz
 *    stereo are about 96 kb/s at q2, 160 at q5 and 320 at q9 (libvorbis' tables), so those
 *    are the qualities asked for; the actual rate follows the programme. */
static double
compression_level (const LqCodecSpec *spec,
                   guint              channels)
{
  switch (spec->kind)
    {
    case LQ_CODEC_MP3:
      return CLAMP ((320.0 - spec->kbps - 0.5) / 288.0, 0.0, 1.0);
    case LQ_CODEC_OPUS:
      return CLAMP (1.0 - (spec->kbps * 1000.0 / channels - 6000.0 + 0.5) / 250000.0, 0.0, 1.0);
    case LQ_CODEC_VORBIS:
    default:
      return spec->kbps <= 96 ? 0.8 : spec->kbps <= 160 ? 0.5 : 0.1;
    }
}

/* The rate the codec carries: Opus always runs at 48 kHz; MP3 (MPEG-1 layer III) has 32,
 * 44.1 and 48 kHz; Vorbis any rate, but above 48 kHz nothing streams it. */
static double
codec_rate (const LqCodecSpec *spec,
            double             rate)
{
  if (spec->kind == LQ_CODEC_OPUS)
    return 48000.0;
  if (rate == 32000.0 || rate == 44100.0 || rate == 48000.0)
    return rate;
  if (spec->kind == LQ_CODEC_VORBIS && rate < 48000.0)
    return rate;
  return fmod (rate, 11025.0) == 0.0 ? 44100.0 : 48000.0;
}

/* What libsndfile says went wrong, in a message that names the codec and bitrate. */
#define SET_SNDFILE_ERROR(error, code, format, spec, sf) \
  G_STMT_START { \
    g_autofree char *name_ = lq_codec_spec_to_string (spec); \
    g_set_error (error, LQ_CODEC_ERROR, code, format, name_, sf_strerror (sf)); \
  } G_STMT_END

/* Encodes planar audio already at a rate the codec carries. */
static GBytes *
encode_at_rate (const LqCodecSpec  *spec,
                const float *const *data,
                guint               channels,
                double              rate,
                gsize               frames,
                GError            **error)
{
  SF_INFO info = { 0 };
  MemFile m = { g_byte_array_new (), 0 };
  SNDFILE *sf;
  double level = compression_level (spec, channels);
  int mode = SF_BITRATE_MODE_CONSTANT;
  float inter[2 * BLOCK];

  info.samplerate = (int) rate;
  info.channels = (int) channels;
  info.format = codec_info (spec->kind)->format;
  if (!(sf = sf_open_virtual (&mem_io, SFM_WRITE, &info, &m)))
    {
      SET_SNDFILE_ERROR (error, LQ_CODEC_ERROR_UNSUPPORTED,
                         _("%s: the encoder could not be opened (%s)"), spec, NULL);
      g_byte_array_unref (m.bytes);
      return NULL;
    }
  /* libsndfile 1.2.0 returns 0 from a successful SFC_SET_BITRATE_MODE to constant, so the
   * mode is checked by reading it back. */
  if (spec->kind == LQ_CODEC_MP3)
    sf_command (sf, SFC_SET_BITRATE_MODE, &mode, sizeof mode);
  if ((spec->kind == LQ_CODEC_MP3 && sf_command (sf, SFC_GET_BITRATE_MODE, NULL, 0) != mode)
      || sf_command (sf, SFC_SET_COMPRESSION_LEVEL, &level, sizeof level) != SF_TRUE)
    {
      SET_SNDFILE_ERROR (error, LQ_CODEC_ERROR_UNSUPPORTED,
                         _("%s: the bitrate could not be set (%s)"), spec, sf);
      sf_close (sf);
      g_byte_array_unref (m.bytes);
      return NULL;
    }
  for (gsize done = 0; done < frames; done += BLOCK)
    {
      gsize n = MIN ((gsize) BLOCK, frames - done);

      for (gsize i = 0; i < n; i++)
        for (guint c = 0; c < channels; c++)
          inter[i * channels + c] = data[c][done + i];
      if (sf_writef_float (sf, inter, (sf_count_t) n) != (sf_count_t) n)
        {
          SET_SNDFILE_ERROR (error, LQ_CODEC_ERROR_FAILED,
                             _("%s: encoding failed (%s)"), spec, sf);
          sf_close (sf);
          g_byte_array_unref (m.bytes);
          return NULL;
        }
    }
  if (sf_close (sf) != 0)
    {
      SET_SNDFILE_ERROR (error, LQ_CODEC_ERROR_FAILED,
                         _("%s: encoding failed (%s)"), spec, NULL);
      g_byte_array_unref (m.bytes);
      return NULL;
    }
  return g_byte_array_free_to_bytes (m.bytes);
}

/* The audio the codec is given: the input itself, or resampled when the codec needs another
 * rate (resampled[c] then own it). */
static gboolean
codec_input (const LqCodecSpec  *spec,
             const float *const *data,
             guint               channels,
             double              rate,
             gsize               frames,
             const float        *in[2],
             float              *resampled[2],
             double             *out_rate,
             gsize              *out_frames,
             GError            **error)
{
  guint64 n = frames;

  *out_rate = codec_rate (spec, rate);
  resampled[0] = resampled[1] = NULL;
  in[0] = data[0];
  in[1] = channels > 1 ? data[1] : NULL;
  if (*out_rate != rate)
    {
      if (!lq_resample_planar (data, channels, frames, rate, *out_rate, resampled, &n, error))
        return FALSE;
      in[0] = resampled[0];
      in[1] = resampled[1];
    }
  *out_frames = n;
  return TRUE;
}

GBytes *
lq_codec_encode (const LqCodecSpec  *spec,
                 const float *const *data,
                 guint               channels,
                 double              rate,
                 gsize               frames,
                 GError            **error)
{
  const float *in[2];
  float *resampled[2];
  double r;
  gsize n;
  GBytes *bytes;

  g_return_val_if_fail (spec != NULL && data != NULL, NULL);
  g_return_val_if_fail (channels == 1 || channels == 2, NULL);

  if (!codec_input (spec, data, channels, rate, frames, in, resampled, &r, &n, error))
    return NULL;
  bytes = encode_at_rate (spec, in, channels, r, n, error);
  g_free (resampled[0]);
  g_free (resampled[1]);
  return bytes;
}

/* Decodes an encoded file from memory into planar float (out[c] new arrays). */
static gboolean
decode (const LqCodecSpec *spec,
        GBytes            *bytes,
        guint              channels,
        float             *out[2],
        gsize             *out_frames,
        GError           **error)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GByteArray) copy = g_byte_array_sized_new ((guint) size);
  MemFile m = { copy, 0 };
  SF_INFO info = { 0 };
  SNDFILE *sf;
  gsize cap = 1 << 20;
  gsize n = 0;
  float inter[2 * BLOCK];
  sf_count_t got;

  g_byte_array_append (copy, data, (guint) size);
  if (!(sf = sf_open_virtual (&mem_io, SFM_READ, &info, &m)))
    {
      SET_SNDFILE_ERROR (error, LQ_CODEC_ERROR_FAILED,
                         _("%s: the decoder could not be opened (%s)"), spec, NULL);
      return FALSE;
    }
  if ((guint) info.channels != channels)
    {
      g_autofree char *name = lq_codec_spec_to_string (spec);

      g_set_error (error, LQ_CODEC_ERROR, LQ_CODEC_ERROR_FAILED,
                   _("%s: the decoder returned %d channels instead of %u"), name,
                   info.channels, channels);
      sf_close (sf);
      return FALSE;
    }
  out[0] = g_new (float, cap);
  out[1] = channels > 1 ? g_new (float, cap) : NULL;
  while ((got = sf_readf_float (sf, inter, BLOCK)) > 0)
    {
      if (n + (gsize) got > cap)
        {
          cap *= 2;
          for (guint c = 0; c < channels; c++)
            out[c] = g_renew (float, out[c], cap);
        }
      for (sf_count_t i = 0; i < got; i++)
        for (guint c = 0; c < channels; c++)
          out[c][n + (gsize) i] = inter[i * channels + c];
      n += (gsize) got;
    }
  if (sf_error (sf) != SF_ERR_NO_ERROR)
    {
      SET_SNDFILE_ERROR (error, LQ_CODEC_ERROR_FAILED,
                         _("%s: decoding failed (%s)"), spec, sf);
      sf_close (sf);
      g_clear_pointer (&out[0], g_free);
      g_clear_pointer (&out[1], g_free);
      return FALSE;
    }
  sf_close (sf);
  *out_frames = n;
  return TRUE;
}

/* How far dec trails ref, found on a window from the middle of the programme. */
static gint
find_delay (const float *const *ref,
            gsize               ref_frames,
            const float *const *dec,
            gsize               dec_frames,
            guint               channels,
            double              rate)
{
  gsize w = MIN (ref_frames, (gsize) ALIGN_WINDOW);
  gsize start = (ref_frames - w) / 2;
  gint max_lag = (gint) (rate * ALIGN_MAX_LAG_S);
  gsize b_start = start > (gsize) max_lag ? start - (gsize) max_lag : 0;
  gsize b_end = MIN (dec_frames, start + w + (gsize) max_lag);
  g_autofree float *a = g_new (float, w);
  g_autofree float *b = NULL;
  int32_t lag = 0;

  if (b_end <= b_start || w == 0)
    return 0;
  b = g_new (float, b_end - b_start);
  /* Channels summed: the correlation of the mid signal finds the codec's one delay. */
  for (gsize i = 0; i < w; i++)
    a[i] = ref[0][start + i] + (channels > 1 ? ref[1][start + i] : 0.0f);
  for (gsize i = b_start; i < b_end; i++)
    b[i - b_start] = dec[0][i] + (channels > 1 ? dec[1][i] : 0.0f);
  if (lq_spectrum_find_lag (a, (uint32_t) w, b, (uint32_t) (b_end - b_start), 2 * max_lag,
                            &lag) != LQ_OK)
    return 0;
  return (gint) ((gint64) b_start + lag - (gint64) start);
}

/* The window's preview encodes long programmes in segments on threads of their own: LAME,
 * the slowest of the encoders, runs on one core, and is two thirds of a preview's time.
 * Each segment starts SEGMENT_PREROLL_S before the part of it that is kept, so the encoder's
 * start (its bit reservoir, its psychoacoustic state, MDCT windows and the decoder's
 * priming) has settled, and runs SEGMENT_POSTROLL_S past it, so its end flush falls outside
 * too. The decodes are aligned one by one and spliced with a short crossfade in the first
 * segment's time frame, as if one stream had been decoded. How many segments depends only
 * on the length, never on the cores, so a preview reads the same on every machine. */
#define SEGMENT_MIN_S      60.0
#define SEGMENT_MAX        4
#define SEGMENT_PREROLL_S  2.0
#define SEGMENT_POSTROLL_S 0.5
/* About one MP3 granule: the two decodes differ by codec noise, which a cut would turn into
 * a step; the crossfade spreads it over a few milliseconds. */
#define SPLICE_XFADE       1024
/* The round trip's own threads run at this nice value (see lower_priority). */
#define WORKER_NICE        5

guint
lq_codec_get_splices (double  rate,
                      gsize   frames,
                      gsize  *splices)
{
  guint n = (guint) CLAMP (floor (frames / (SEGMENT_MIN_S * rate)), 1, SEGMENT_MAX);

  for (guint k = 1; k < n; k++)
    splices[k - 1] = frames / n * k;
  return n - 1;
}

typedef struct
{
  const LqCodecSpec *spec;
  const float       *in[2];
  guint              channels;
  double             rate;
  gsize              start;       /* first input frame encoded */
  gsize              frames;      /* frames encoded */
  gsize              keep_from;   /* first input frame this segment supplies */
  float             *dec[2];
  gsize              dec_frames;
  gsize              bytes;
  gint               delay;
  GBytes           **encoded;     /* the whole file, for a single segment */
  GError            *error;
} Segment;

static gpointer
segment_run (gpointer user_data)
{
  Segment *s = user_data;
  const float *in[2] = { s->in[0] + s->start, s->in[1] ? s->in[1] + s->start : NULL };
  g_autoptr(GBytes) bytes = encode_at_rate (s->spec, in, s->channels, s->rate, s->frames,
                                            &s->error);

  if (bytes == NULL || !decode (s->spec, bytes, s->channels, s->dec, &s->dec_frames, &s->error))
    return NULL;
  s->bytes = g_bytes_get_size (bytes);
  s->delay = find_delay (in, s->frames, (const float *const *) s->dec, s->dec_frames,
                         s->channels, s->rate);
  if (s->encoded)
    *s->encoded = g_steal_pointer (&bytes);
  return NULL;
}

/* A worker thread of the round trip: its work can wait for the process's other threads,
 * where the window's main loop runs, which would otherwise share the cores with as many
 * encoders as there are. Linux gives each thread a nice value of its own. */
static void
lower_priority (void)
{
#ifdef __linux__
  setpriority (PRIO_PROCESS, (id_t) gettid (), WORKER_NICE);
#endif
}

static gpointer
segment_thread (gpointer user_data)
{
  lower_priority ();
  return segment_run (user_data);
}

/* Segment k's decode at frame j of the spliced stream (the first segment's time frame,
 * delay d0), zero where it has none. */
static inline float
segment_at (const Segment *s,
            guint          c,
            gint64         j,
            gint           d0)
{
  gint64 i = j - d0 - (gint64) s->start + s->delay;

  return i >= 0 && i < (gint64) s->dec_frames ? s->dec[c][i] : 0.0f;
}

/* Encodes and decodes in[] (frames at the codec's rate): in one stream when encoded is
 * wanted (a file someone keeps) or segmented is FALSE, else in segments on threads of their
 * own, spliced. dec[c] receive the decode, *delay how far it trails in[], *bytes its
 * encoded size (for segments, the bytes of the frames kept). */
static gboolean
encode_decode (const LqCodecSpec  *spec,
               const float *const *in,
               guint               channels,
               double              rate,
               gsize               frames,
               gboolean            segmented,
               GBytes            **encoded,
               float              *dec[2],
               gsize              *dec_frames,
               gint               *delay,
               gsize              *bytes,
               GError            **error)
{
  gsize splices[SEGMENT_MAX];
  guint n = segmented && encoded == NULL ? lq_codec_get_splices (rate, frames, splices) + 1 : 1;
  Segment seg[SEGMENT_MAX] = { { 0 } };
  GThread *threads[SEGMENT_MAX] = { NULL };
  gsize pre = (gsize) (SEGMENT_PREROLL_S * rate), post = (gsize) (SEGMENT_POSTROLL_S * rate);
  gboolean ok = TRUE;
  double size = 0.0;
  gint d0;
  gsize total;

  for (guint k = 0; k < n; k++)
    {
      gsize from = k == 0 ? 0 : splices[k - 1];
      gsize to = k + 1 < n ? splices[k] : frames;

      seg[k] = (Segment) { spec, { in[0], channels > 1 ? in[1] : NULL }, channels, rate,
                           from > pre ? from - pre : 0, 0, from, { NULL, NULL }, 0, 0, 0,
                           n == 1 ? encoded : NULL, NULL };
      seg[k].frames = MIN (frames, to + (k + 1 < n ? post : 0)) - seg[k].start;
    }
  /* Segments on threads of their own, which yield to the rest of the process (the
   * window's main loop); one alone, or one whose thread cannot start, runs here. */
  for (guint k = 0; k < n; k++)
    if (n == 1 || !(threads[k] = g_thread_try_new ("lq-codec", segment_thread, &seg[k], NULL)))
      segment_run (&seg[k]);
  for (guint k = 0; k < n; k++)
    {
      if (threads[k])
        g_thread_join (threads[k]);
      if (seg[k].error && ok)
        {
          g_propagate_error (error, g_steal_pointer (&seg[k].error));
          ok = FALSE;
        }
      g_clear_error (&seg[k].error);
    }
  if (!ok)
    goto out;

  if (n == 1)
    {
      dec[0] = g_steal_pointer (&seg[0].dec[0]);
      dec[1] = g_steal_pointer (&seg[0].dec[1]);
      *dec_frames = seg[0].dec_frames;
      *delay = seg[0].delay;
      *bytes = seg[0].bytes;
      return TRUE;
    }

  /* The stream as one decode would give it: the first segment's delay, the last one's end. */
  d0 = seg[0].delay;
  total = (gsize) MAX ((gint64) 0, (gint64) seg[n - 1].dec_frames - seg[n - 1].delay
                                   + (gint64) seg[n - 1].start + d0);
  for (guint c = 0; c < channels; c++)
    dec[c] = g_new0 (float, MAX (total, 1));
  for (guint k = 0; k < n; k++)
    {
      /* Segment k alone from the end of the crossfade into it to the start of the next. */
      gint64 from = k == 0 ? 0 : (gint64) seg[k].keep_from + d0 + SPLICE_XFADE / 2;
      gint64 to = k + 1 < n ? (gint64) seg[k + 1].keep_from + d0 - SPLICE_XFADE / 2
                            : (gint64) total;
      gsize keep_to = k + 1 < n ? seg[k + 1].keep_from : frames;

      from = CLAMP (from, 0, (gint64) total);
      to = CLAMP (to, from, (gint64) total);
      for (guint c = 0; c < channels; c++)
        {
          for (gint64 j = from; j < to; j++)
            dec[c][j] = segment_at (&seg[k], c, j, d0);
          for (gint64 j = to; k + 1 < n && j < MIN (to + SPLICE_XFADE, (gint64) total); j++)
            {
              float w = (j - to + 0.5f) / SPLICE_XFADE;

              dec[c][j] = (1.0f - w) * segment_at (&seg[k], c, j, d0)
                          + w * segment_at (&seg[k + 1], c, j, d0);
            }
        }
      /* The encoded size of the frames this segment supplies, its rate taken as even. */
      if (seg[k].frames > 0)
        size += (double) seg[k].bytes * (keep_to - seg[k].keep_from) / seg[k].frames;
    }
  *dec_frames = total;
  *delay = d0;
  *bytes = (gsize) llround (size);

out:
  for (guint k = 0; k < n; k++)
    {
      g_free (seg[k].dec[0]);
      g_free (seg[k].dec[1]);
    }
  return ok;
}

double
lq_codec_true_peak_db (const float *const *data,
                       guint               channels,
                       double              rate,
                       gsize               frames)
{
  LqTruePeak *tp = lq_truepeak_new_kind (channels, rate, BLOCK, LQ_TRUEPEAK_METER, NULL);
  double peak = 0.0;

  if (tp == NULL)
    return NAN;
  for (gsize done = 0; done < frames; done += BLOCK)
    {
      const float *in[2] = { data[0] + done, channels > 1 ? data[1] + done : NULL };

      lq_truepeak_process (tp, in, (uint32_t) MIN ((gsize) BLOCK, frames - done));
    }
  lq_truepeak_flush (tp);
  for (guint c = 0; c < channels; c++)
    peak = MAX (peak, lq_truepeak_get_max (tp, c));
  lq_truepeak_free (tp);
  return peak > 0.0 ? lq_gain_to_db (peak) : -HUGE_VAL;
}

/* Runs of level[i] > threshold, merged into events timed on the master's clock (the decoded
 * stream trails it by delay). */
typedef struct
{
  GArray *list;
  guint   count;
  gssize  start;            /* of the open run, or -1 */
  gssize  last;             /* its last sample over the threshold */
  double  peak;
  double  rate;
  gint    delay;
} Overs;

static void
overs_close (Overs *o)
{
  if (o->list->len < LQ_CODEC_MAX_LISTED_OVERS)
    {
      LqCodecOver over = { (o->start - o->delay) / o->rate, (o->last + 1 - o->start) / o->rate,
                           lq_gain_to_db (o->peak) };

      g_array_append_val (o->list, over);
    }
  o->count++;
  o->start = -1;
}

/* Feeds sample i; end (i < 0) closes the open event. */
static void
overs_add (Overs  *o,
           gssize  i,
           double  level,
           double  threshold)
{
  if (o->start >= 0 && (i < 0 || (i - o->last) / o->rate > OVER_MERGE_S))
    overs_close (o);
  if (i < 0 || level <= threshold)
    return;
  if (o->start < 0)
    {
      o->start = i;
      o->peak = 0.0;
    }
  o->last = i;
  o->peak = MAX (o->peak, level);
}

/* Overs beyond full scale: decoded samples a fixed-point player would clip. */
static void
find_sample_overs (const float *const *dec,
                   guint               channels,
                   gsize               frames,
                   Overs              *o)
{
  for (gsize i = 0; i < frames; i++)
    {
      double level = 0.0;

      for (guint c = 0; c < channels; c++)
        level = MAX (level, fabsf (dec[c][i]));
      overs_add (o, (gssize) i, level, 1.0);
    }
  overs_add (o, -1, 0.0, 1.0);
}

/* Overs of the true-peak target, placed in time by the same detector's envelope (the METER
 * kind measures whole 65536-frame chunks, so it gives the level but not the moment; the
 * envelope's 64-tap refinement reads within 0.02 dB of it). */
static gboolean
find_tp_overs (const float *const *dec,
               guint               channels,
               double              rate,
               gsize               frames,
               double              threshold,
               Overs              *o)
{
  LqTruePeak *tp = lq_truepeak_new_kind (channels, rate, BLOCK, LQ_TRUEPEAK_ENVELOPE, NULL);
  g_autofree float *zeros = g_new0 (float, BLOCK);
  float env[BLOCK];
  gsize latency;

  if (tp == NULL)
    return FALSE;
  lq_truepeak_set_floor (tp, (float) threshold);
  latency = lq_truepeak_get_latency (tp);
  /* Silence after the end flushes the last samples through the detector. */
  for (gsize done = 0, n; done < frames + latency; done += n)
    {
      const float *in[2];

      /* Blocks end where the signal does, so the silence starts on a block of its own. */
      n = MIN ((gsize) BLOCK, done < frames ? frames - done : frames + latency - done);
      for (guint c = 0; c < 2; c++)
        in[c] = c < channels && done < frames ? dec[c] + done : zeros;
      lq_truepeak_process_envelope (tp, in, env, (uint32_t) n);
      for (gsize i = 0; i < n; i++)
        if (done + i >= latency)
          overs_add (o, (gssize) (done + i - latency), env[i], threshold);
    }
  overs_add (o, -1, 0.0, threshold);
  lq_truepeak_free (tp);
  return TRUE;
}

static void
measure_aligned (LqCodecResult      *r,
                 const float *const *ref,
                 gsize               frames,
                 const float *const *dec,
                 gsize               dec_frames,
                 guint               channels)
{
  double rr = 0.0, dd = 0.0, rd = 0.0, diff = 0.0;

  for (guint c = 0; c < channels; c++)
    for (gsize i = 0; i < frames; i++)
      {
        gint64 j = (gint64) i + r->delay_frames;
        double x = ref[c][i];
        double y = j >= 0 && j < (gint64) dec_frames ? dec[c][j] : 0.0;

        rr += x * x;
        dd += y * y;
        rd += x * y;
        diff += (y - x) * (y - x);
      }
  r->correlation = rr > 0.0 && dd > 0.0 ? rd / sqrt (rr * dd) : NAN;
  r->difference_db = rr > 0.0 && diff > 0.0 ? 10.0 * log10 (rr / diff) : NAN;
}

void
lq_codec_result_free (LqCodecResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->overs_0dbfs, g_array_unref);
  g_clear_pointer (&result->overs_tp, g_array_unref);
  g_free (result);
}

/* The decoded signal with the codec's delay removed, at the input's rate and length. */
static gboolean
align_decoded (const float *const *dec,
               gsize               dec_frames,
               gint                delay,
               guint               channels,
               double              codec_rate_hz,
               double              rate,
               gsize               frames,
               float              *aligned[2],
               GError            **error)
{
  float *shifted[2] = { NULL, NULL };
  gsize n = codec_rate_hz == rate ? frames : (gsize) ceil (frames * codec_rate_hz / rate);

  for (guint c = 0; c < channels; c++)
    {
      shifted[c] = g_new0 (float, MAX (n, 1));
      for (gsize i = 0; i < n; i++)
        {
          gint64 j = (gint64) i + delay;

          if (j >= 0 && j < (gint64) dec_frames)
            shifted[c][i] = dec[c][j];
        }
    }
  if (codec_rate_hz != rate)
    {
      float *back[2] = { NULL, NULL };
      guint64 m = 0;
      gboolean ok = lq_resample_planar ((const float *const *) shifted, channels, n,
                                        codec_rate_hz, rate, back, &m, error);

      g_free (shifted[0]);
      g_free (shifted[1]);
      if (!ok)
        return FALSE;
      /* The resampler's length is within a frame of the input's. */
      for (guint c = 0; c < channels; c++)
        {
          back[c] = g_renew (float, back[c], MAX (frames, 1));
          for (gsize i = MIN ((gsize) m, frames); i < frames; i++)
            back[c][i] = 0.0f;
          shifted[c] = back[c];
        }
    }
  aligned[0] = shifted[0];
  aligned[1] = shifted[1];
  return TRUE;
}

typedef struct
{
  const float *const *data;
  guint               channels;
  double              rate;
  gsize               frames;
  double              peak_db;
  gboolean            thread;       /* runs on a thread of its own */
} SourcePeak;

static gpointer
source_peak_run (gpointer user_data)
{
  SourcePeak *p = user_data;

  if (p->thread)
    lower_priority ();

  p->peak_db = lq_codec_true_peak_db (p->data, p->channels, p->rate, p->frames);
  return NULL;
}

static LqCodecResult *
round_trip (const LqCodecSpec  *spec,
            const float *const *data,
            guint               channels,
            double              rate,
            gsize               frames,
            double              ceiling_dbtp,
            gboolean            segmented,
            GBytes            **encoded,
            float              *aligned[2],
            GError            **error)
{
  g_autoptr(LqCodecResult) r = g_new0 (LqCodecResult, 1);
  g_autoptr(GBytes) bytes = NULL;
  gint64 start = g_get_monotonic_time ();
  const float *ref[2];
  float *resampled[2] = { NULL, NULL };
  float *dec[2] = { NULL, NULL };
  double codec_rate_hz;
  gsize n = 0, dec_frames = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (spec != NULL && data != NULL, NULL);
  g_return_val_if_fail (channels == 1 || channels == 2, NULL);

  r->spec = *spec;
  r->overs_0dbfs = g_array_new (FALSE, FALSE, sizeof (LqCodecOver));
  r->overs_tp = g_array_new (FALSE, FALSE, sizeof (LqCodecOver));
  if (!codec_input (spec, data, channels, rate, frames, ref, resampled, &codec_rate_hz, &n,
                    error))
    return NULL;
  r->rate = (guint) codec_rate_hz;

  if (!encode_decode (spec, ref, channels, codec_rate_hz, n, segmented,
                      encoded ? &bytes : NULL, dec, &dec_frames, &r->delay_frames,
                      &r->encoded_bytes, error))
    goto out;

  {
    const float *cdec[2] = { dec[0], dec[1] };
    Overs fs = { r->overs_0dbfs, 0, -1, -1, 0.0, codec_rate_hz, 0 };
    Overs tp = { r->overs_tp, 0, -1, -1, 0.0, codec_rate_hz, 0 };

    SourcePeak sp = { ref, channels, codec_rate_hz, n, NAN, TRUE };
    GThread *source_thread = g_thread_try_new ("lq-codec-tp", source_peak_run, &sp, NULL);

    /* The source's true peak on a thread of its own, beside the decode's measurements. */
    if (source_thread == NULL)
      {
        sp.thread = FALSE;
        source_peak_run (&sp);
      }
    measure_aligned (r, ref, n, cdec, dec_frames, channels);
    r->decoded_tp_dbtp = lq_codec_true_peak_db (cdec, channels, codec_rate_hz, dec_frames);
    fs.delay = tp.delay = r->delay_frames;
    find_sample_overs (cdec, channels, dec_frames, &fs);
    r->n_overs_0dbfs = fs.count;
    r->decoded_sample_peak_dbfs = -HUGE_VAL;
    {
      float peak = 0.0f;

      for (guint c = 0; c < channels; c++)
        for (gsize i = 0; i < dec_frames; i++)
          peak = MAX (peak, fabsf (dec[c][i]));
      if (peak > 0.0f)
        r->decoded_sample_peak_dbfs = lq_gain_to_db (peak);
    }
    if (!find_tp_overs (cdec, channels, codec_rate_hz, dec_frames,
                        lq_db_to_gain (LQ_CODEC_TARGET_DBTP), &tp))
      {
        g_set_error (error, LQ_CODEC_ERROR, LQ_CODEC_ERROR_FAILED, "%s",
                     _("Not enough memory for the true-peak meter"));
        if (source_thread)
          g_thread_join (source_thread);
        goto out;
      }
    r->n_overs_tp = tp.count;
    if (source_thread)
      g_thread_join (source_thread);
    r->source_tp_dbtp = sp.peak_db;
  }

  /* The decoded peak follows the master's peak about dB for dB (the codec is close to linear
   * in level), so the codec's overshoot (decoded_tp - source_tp) is what a ceiling must leave
   * below the target. With the limiter at its ceiling this is ceiling - (decoded_tp - target).
   * It is an estimate, not re-measured: a lower ceiling also limits harder, which changes
   * the programme a little. */
  r->ceiling_dbtp = isfinite (ceiling_dbtp) ? ceiling_dbtp : r->source_tp_dbtp;
  r->safe_ceiling_dbtp = isfinite (r->decoded_tp_dbtp) && isfinite (r->source_tp_dbtp)
                         ? MIN (0.0, LQ_CODEC_TARGET_DBTP
                                     - (r->decoded_tp_dbtp - r->source_tp_dbtp))
                         : NAN;
  if (aligned != NULL
      && !align_decoded ((const float *const *) dec, dec_frames, r->delay_frames, channels,
                         codec_rate_hz, rate, frames, aligned, error))
    goto out;
  r->seconds = (g_get_monotonic_time () - start) / 1e6;
  if (encoded)
    *encoded = g_steal_pointer (&bytes);
  ok = TRUE;
out:
  g_free (resampled[0]);
  g_free (resampled[1]);
  g_free (dec[0]);
  g_free (dec[1]);
  return ok ? g_steal_pointer (&r) : NULL;
}

LqCodecResult *
lq_codec_round_trip (const LqCodecSpec  *spec,
                     const float *const *data,
                     guint               channels,
                     double              rate,
                     gsize               frames,
                     double              ceiling_dbtp,
                     GBytes            **encoded,
                     GError            **error)
{
  return round_trip (spec, data, channels, rate, frames, ceiling_dbtp, FALSE, encoded, NULL,
                     error);
}

LqCodecResult *
lq_codec_round_trip_aligned (const LqCodecSpec  *spec,
                             const float *const *data,
                             guint               channels,
                             double              rate,
                             gsize               frames,
                             double              ceiling_dbtp,
                             float              *aligned[2],
                             GError            **error)
{
  g_return_val_if_fail (aligned != NULL, NULL);

  aligned[0] = aligned[1] = NULL;
  return round_trip (spec, data, channels, rate, frames, ceiling_dbtp, TRUE, NULL, aligned,
                     error);
}
