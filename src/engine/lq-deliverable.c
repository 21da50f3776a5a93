/* lq-deliverable.c
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
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lq-audio-writer.h"
#include "lq-deliverable.h"
#include "lq-dither.h"
#include "lq-metadata.h"
#include "lq-source-buffer.h"

#define DEFAULT_PATTERN "{stem}.{ext}"
#define BLOCK 4096
G_STATIC_ASSERT (BLOCK <= LQ_AUDIO_WRITER_BLOCK);
/* A true peak this close over the ceiling reads as on it at the report's 0.01 dB. */
#define MISS_TOLERANCE_DB 0.005

G_DEFINE_QUARK (lq-deliverable-error-quark, lq_deliverable_error)

static const guint pcm_rates[] = { LQ_DELIVERABLE_RATES };

struct _LqDeliverableJob
{
  GArray          *checks;          /* LqDeliverable */
  GArray          *deliverables;    /* LqDeliverable */
  GPtrArray       *writers;         /* LqAudioWriter of the PCM ones, until committed */
  char            *input;
  gboolean         overwrite;
  gboolean         written;         /* the deliverables are in place */
  LqMetadata       metadata;        /* the master's tags and dither, copied at attach () */
  LqDitherType     dither;
};

char *
lq_deliverable_dup_grammar (void)
{
  g_autofree char *codecs = lq_codec_dup_choices ();
  GString *s = g_string_new (codecs);

  g_string_append (s, ", wav|flac|aiff[:16|24|32[");
  for (guint i = 0; i < G_N_ELEMENTS (pcm_rates); i++)
    g_string_append_printf (s, "%s%u", i ? "|" : ":", pcm_rates[i]);
  g_string_append (s, "]]");
  return g_string_free (s, FALSE);
}

char *
lq_deliverable_spec_to_string (const LqDeliverableSpec *spec)
{
  if (!spec->pcm)
    return lq_codec_spec_to_string (&spec->codec);
  if (spec->sample_rate == 0)
    return g_strdup_printf ("%s:%d", lq_file_format_to_string (spec->format),
                            (int) spec->sample_format);
  return g_strdup_printf ("%s:%d:%u", lq_file_format_to_string (spec->format),
                          (int) spec->sample_format, spec->sample_rate);
}

static gboolean
parse_pcm (const char         *item,
           LqDeliverableSpec  *spec,
           GError            **error)
{
  g_auto(GStrv) parts = g_strsplit (item, ":", -1);
  guint n = g_strv_length (parts);

  spec->pcm = TRUE;
  spec->sample_format = LQ_SAMPLE_FORMAT_S24;
  spec->sample_rate = 0;
  if (n > 3 || !lq_file_format_from_string (g_strstrip (parts[0]), &spec->format))
    goto bad;
  if (n > 1)
    {
      const char *bits = g_strstrip (parts[1]);

      if (g_str_equal (bits, "16"))
        spec->sample_format = LQ_SAMPLE_FORMAT_S16;
      else if (g_str_equal (bits, "24"))
        spec->sample_format = LQ_SAMPLE_FORMAT_S24;
      else if ((g_str_equal (bits, "32") || g_str_equal (bits, "32f"))
               && spec->format != LQ_FILE_FORMAT_FLAC)
        spec->sample_format = LQ_SAMPLE_FORMAT_F32;
      else
        goto bad;
    }
  if (n > 2)
    {
      const char *rate = g_strstrip (parts[2]);
      char *end = NULL;
      guint64 hz = g_ascii_strtoull (rate, &end, 10);

      for (guint i = 0; end != rate && *end == '\0' && i < G_N_ELEMENTS (pcm_rates); i++)
        if (hz == pcm_rates[i])
          spec->sample_rate = pcm_rates[i];
      if (spec->sample_rate == 0)
        goto bad;
    }
  return TRUE;

bad:
  {
    g_autofree char *grammar = lq_deliverable_dup_grammar ();

    g_set_error (error, LQ_DELIVERABLE_ERROR, LQ_DELIVERABLE_ERROR_SPEC,
                 _("“%s” is not a deliverable Lacquer can write (valid: %s; FLAC has no "
                   "32-bit float)"), item, grammar);
  }
  return FALSE;
}

GArray *
lq_deliverable_spec_parse_list (const char  *text,
                                GError     **error)
{
  g_autoptr(GArray) specs = g_array_new (FALSE, TRUE, sizeof (LqDeliverableSpec));
  g_auto(GStrv) items = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  items = g_strsplit (text, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      LqDeliverableSpec spec = { 0 };
      g_auto(GStrv) head = g_strsplit (items[i], ":", 2);
      LqFileFormat format;

      if (head[0] != NULL && lq_file_format_from_string (g_strstrip (head[0]), &format))
        {
          if (!parse_pcm (items[i], &spec, error))
            return NULL;
        }
      else
        {
          g_autoptr(GError) local = NULL;
          g_autoptr(GArray) one = lq_codec_spec_parse_list (items[i], &local);

          if (one == NULL)
            {
              g_set_error (error, LQ_DELIVERABLE_ERROR, LQ_DELIVERABLE_ERROR_SPEC,
                           _("%s; or a PCM file: wav|flac|aiff[:BITS[:RATE]]"), local->message);
              return NULL;
            }
          spec.codec = g_array_index (one, LqCodecSpec, 0);
        }
      g_array_append_val (specs, spec);
    }
  if (specs->len == 0)
    {
      g_autofree char *grammar = lq_deliverable_dup_grammar ();

      g_set_error (error, LQ_DELIVERABLE_ERROR, LQ_DELIVERABLE_ERROR_SPEC,
                   _("No deliverable given (valid: %s)"), grammar);
      return NULL;
    }
  return g_steal_pointer (&specs);
}

static void
deliverable_clear (gpointer data)
{
  LqDeliverable *item = data;

  g_clear_pointer (&item->path, g_free);
  g_clear_pointer (&item->codec, lq_codec_result_free);
}

void
lq_deliverable_job_free (LqDeliverableJob *job)
{
  if (job == NULL)
    return;
  g_clear_pointer (&job->checks, g_array_unref);
  g_clear_pointer (&job->deliverables, g_array_unref);
  /* Uncommitted writers delete their temporary files. */
  g_clear_pointer (&job->writers, g_ptr_array_unref);
  lq_metadata_clear (&job->metadata);
  g_free (job->input);
  g_free (job);
}

static GArray *
items_new (void)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (LqDeliverable));

  g_array_set_clear_func (items, deliverable_clear);
  return items;
}

/* A value put into a file name: no folders, no control characters. */
static char *
sanitize (const char *value)
{
  GString *s = g_string_new (NULL);

  for (const char *p = value; p != NULL && *p != '\0'; p++)
    {
      if (*p == '/' || *p == '\\')
        g_string_append_c (s, '-');
      else if ((guchar) *p >= 0x20 && *p != 0x7f)
        g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

static char *
expand_pattern (const char              *pattern,
                const char              *output,
                const LqDeliverableSpec *spec,
                const char              *title,
                const char              *preset_name,
                GError                 **error)
{
  g_autofree char *dir = g_path_get_dirname (output);
  g_autofree char *base = g_path_get_basename (output);
  char *dot = strrchr (base, '.');
  g_autofree char *kbps = NULL, *bits = NULL, *rate = NULL;
  g_autofree char *s_title = NULL, *s_preset = NULL, *s_stem = NULL;
  g_autoptr(GString) name = g_string_new (pattern);
  const char *codec, *ext;
  const char *start;

  if (dot != NULL && dot != base)
    *dot = '\0';
  if (spec->pcm)
    {
      codec = ext = lq_file_format_to_string (spec->format);
      kbps = g_strdup ("");
      bits = g_strdup_printf ("%d", (int) spec->sample_format);
      rate = spec->sample_rate ? g_strdup_printf ("%u", spec->sample_rate) : g_strdup ("");
    }
  else
    {
      codec = lq_codec_kind_get_name (spec->codec.kind);
      ext = lq_codec_kind_get_extension (spec->codec.kind);
      kbps = g_strdup_printf ("%u", spec->codec.kbps);
      bits = g_strdup ("");
      rate = g_strdup ("");
    }
  s_stem = sanitize (base);
  s_title = sanitize (title != NULL && title[0] != '\0' ? title : base);
  s_preset = sanitize (preset_name != NULL ? preset_name : LQ_PRESET_CUSTOM_ID);
  g_string_replace (name, "{stem}", s_stem, 0);
  g_string_replace (name, "{title}", s_title, 0);
  g_string_replace (name, "{preset}", s_preset, 0);
  g_string_replace (name, "{codec}", codec, 0);
  g_string_replace (name, "{kbps}", kbps, 0);
  g_string_replace (name, "{bits}", bits, 0);
  g_string_replace (name, "{rate}", rate, 0);
  g_string_replace (name, "{ext}", ext, 0);
  /* A leading dot would hide the file, and the render's own temporary files look so. */
  for (start = name->str; *start == '.' || g_ascii_isspace (*start); start++)
    ;
  if (*start == '\0')
    {
      g_set_error (error, LQ_DELIVERABLE_ERROR, LQ_DELIVERABLE_ERROR_PATTERN,
                   _("The name pattern “%s” gives an empty file name"), pattern);
      return NULL;
    }
  if (g_str_equal (dir, "."))
    return g_strdup (start);
  return g_build_filename (dir, start, NULL);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  if (g_stat (a, &sa) != 0 || g_stat (b, &sb) != 0)
    return FALSE;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Every deliverable's name, refused before the render when it cannot be written: the mix,
 * the master, a file already there (without overwrite), or two deliverables of one name. */
static gboolean
name_deliverables (LqDeliverableJob  *job,
                   const char        *pattern,
                   const char        *output,
                   const char        *title,
                   const char        *preset_name,
                   GError           **error)
{
  for (guint i = 0; i < job->deliverables->len; i++)
    {
      LqDeliverable *item = &g_array_index (job->deliverables, LqDeliverable, i);
      g_autofree char *display = NULL;

      if (!(item->path = expand_pattern (pattern, output, &item->spec, title, preset_name,
                                         error)))
        return FALSE;
      display = g_filename_display_name (item->path);
      if (g_str_equal (item->path, output) || g_str_equal (item->path, job->input)
          || same_file (item->path, job->input) || same_file (item->path, output))
        {
          g_set_error (error, LQ_DELIVERABLE_ERROR, LQ_DELIVERABLE_ERROR_CLASH,
                       _("%s: a deliverable would replace the mix or the master; change "
                         "the name pattern"), display);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (g_str_equal (item->path, g_array_index (job->deliverables, LqDeliverable, j).path))
          {
            g_set_error (error, LQ_DELIVERABLE_ERROR, LQ_DELIVERABLE_ERROR_CLASH,
                         _("%s: two deliverables would have this name; add {codec}, "
                           "{kbps}, {bits} or {rate} to the name pattern"), display);
            return FALSE;
          }
      if (!job->overwrite
          && g_file_test (item->path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
        {
          g_set_error (error, LQ_AUDIO_WRITER_ERROR, LQ_AUDIO_WRITER_ERROR_EXISTS,
                       _("%s: The file exists"), display);
          return FALSE;
        }
    }
  return TRUE;
}

LqDeliverableJob *
lq_deliverable_job_new (GArray            *checks,
                        GArray            *deliverables,
                        const char        *pattern,
                        const char        *input,
                        const char        *output,
                        const LqMetadata  *metadata,
                        const char        *preset_name,
                        gboolean           overwrite,
                        GError           **error)
{
  g_autoptr(LqDeliverableJob) job = g_new0 (LqDeliverableJob, 1);

  g_return_val_if_fail (input != NULL && output != NULL, NULL);

  lq_metadata_init (&job->metadata);
  job->dither = LQ_DITHER_TPDF;
  job->input = g_strdup (input);
  job->overwrite = overwrite;
  job->checks = items_new ();
  job->deliverables = items_new ();
  job->writers = g_ptr_array_new_with_free_func ((GDestroyNotify) lq_audio_writer_free);
  for (guint i = 0; checks != NULL && i < checks->len; i++)
    {
      LqDeliverable item = { { FALSE, g_array_index (checks, LqCodecSpec, i) } };

      g_array_append_val (job->checks, item);
    }
  for (guint i = 0; deliverables != NULL && i < deliverables->len; i++)
    {
      LqDeliverable item = { g_array_index (deliverables, LqDeliverableSpec, i) };

      g_array_append_val (job->deliverables, item);
    }
  if (pattern != NULL && (pattern[0] == '\0' || strchr (pattern, '/') != NULL
                          || strchr (pattern, G_DIR_SEPARATOR) != NULL))
    {
      g_set_error (error, LQ_DELIVERABLE_ERROR, LQ_DELIVERABLE_ERROR_PATTERN,
                   _("Give the name pattern as a file name without folders, such as "
                     "“{title} ({preset} {codec} {kbps}).{ext}”"));
      return NULL;
    }
  if (!name_deliverables (job, pattern ? pattern : DEFAULT_PATTERN, output,
                          metadata ? metadata->title : NULL, preset_name, error))
    return NULL;
  return g_steal_pointer (&job);
}

GArray *
lq_deliverable_job_get_checks (LqDeliverableJob *job)
{
  return job->checks;
}

GArray *
lq_deliverable_job_get_deliverables (LqDeliverableJob *job)
{
  return job->deliverables;
}

static void
set_ceiling (LqDeliverable *item,
             double         ceiling_dbtp)
{
  item->ceiling_dbtp = ceiling_dbtp;
  item->misses_by_db = item->true_peak_dbtp - ceiling_dbtp >= MISS_TOLERANCE_DB
                       ? item->true_peak_dbtp - ceiling_dbtp : NAN;
}

/* Lossy: an encode-decode round trip, keeping the encoded file for deliverables. */
static gboolean
make_lossy (LqDeliverable      *item,
            const float *const *data,
            guint               channels,
            double              rate,
            gsize               frames,
            double              ceiling_dbtp,
            GBytes            **encoded,
            GError            **error)
{
  if (!(item->codec = lq_codec_round_trip (&item->spec.codec, data, channels, rate, frames,
                                           ceiling_dbtp, encoded, error)))
    return FALSE;
  item->rate = item->codec->rate;
  item->true_peak_dbtp = item->codec->decoded_tp_dbtp;
  /* The listener's ceiling, which the codec-safe one aims at. */
  set_ceiling (item, LQ_CODEC_TARGET_DBTP);
  item->done = TRUE;
  return TRUE;
}

/* PCM: resampled when the rate differs, dithered and quantised like the master, written to
 * a temporary file and tagged; the writer waits in job->writers for the commit. */
static gboolean
make_pcm (LqDeliverableJob   *job,
          LqDeliverable      *item,
          const float *const *data,
          guint               channels,
          double              rate,
          gsize               frames,
          double              ceiling_dbtp,
          GCancellable       *cancellable,
          GError            **error)
{
  const LqDeliverableSpec *spec = &item->spec;
  g_autofree char *display = g_filename_display_name (item->path);
  g_autoptr(LqAudioWriter) writer = NULL;
  float *resampled[2] = { NULL, NULL };
  float *q[2] = { NULL, NULL };
  const float *in[2] = { data[0], channels > 1 ? data[1] : NULL };
  double out_rate = spec->sample_rate ? spec->sample_rate : rate;
  guint64 n = frames;
  LqDitherConfig dconfig = { 0 };
  LqDither *dither = NULL;
  LqStatus status = LQ_OK;
  gsize clipped = 0;
  gboolean ok = FALSE;

  if (out_rate != rate)
    {
      if (!lq_resample_planar (data, channels, frames, rate, out_rate, resampled, &n, error))
        return FALSE;
      in[0] = resampled[0];
      in[1] = resampled[1];
      /* Resampling moves the peaks of a limited master (the band above the new Nyquist goes,
       * and the rest is interpolated anew): the master's own last step keeps the ceiling. */
      if (isfinite (ceiling_dbtp)
          && !lq_render_hold_ceiling (resampled, channels, out_rate, n, ceiling_dbtp, display,
                                      cancellable, error))
        goto out;
    }
  /* An integer file cannot hold a sample beyond full scale; the master refuses it the same
   * way rather than clip silently. */
  for (guint c = 0; spec->sample_format != LQ_SAMPLE_FORMAT_F32 && c < channels; c++)
    for (gsize i = 0; i < n; i++)
      clipped += fabsf (in[c][i]) > 1.0f;
  if (clipped > 0)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GSIZE_FORMAT, clipped);

      g_set_error (error, LQ_RENDER_ERROR, LQ_RENDER_ERROR_CLIPS,
                   _("%s: %s samples exceed full scale, which a %d-bit file cannot hold; "
                     "lower the limiter's ceiling"), display, count,
                   (int) spec->sample_format);
      goto out;
    }
  dconfig.channels = channels;
  dconfig.bits = spec->sample_format;
  dconfig.type = spec->sample_format != LQ_SAMPLE_FORMAT_F32 ? job->dither
                                                             : LQ_DITHER_NONE;
  dconfig.sample_rate = out_rate;
  if (!(dither = lq_dither_new (&dconfig, &status)))
    {
      g_set_error (error, LQ_RENDER_ERROR, LQ_RENDER_ERROR_NO_MEMORY,
                   _("%s: Not enough memory for the dither"), display);
      goto out;
    }
  if (!(writer = lq_audio_writer_new (item->path, spec->format, spec->sample_format,
                                      (guint) out_rate, channels, job->overwrite, job->input,
                                      error)))
    goto out;
  for (guint c = 0; c < channels; c++)
    q[c] = g_try_new (float, MAX (n, 1));
  if (q[0] == NULL || (channels > 1 && q[1] == NULL))
    {
      g_set_error (error, LQ_RENDER_ERROR, LQ_RENDER_ERROR_NO_MEMORY,
                   _("%s: Not enough memory to write it"), display);
      goto out;
    }
  for (gsize done = 0; done < n; done += BLOCK)
    {
      uint32_t m = (uint32_t) MIN ((gsize) BLOCK, n - done);
      const float *bin[2] = { in[0] + done, channels > 1 ? in[1] + done : NULL };
      float *bout[2] = { q[0] + done, channels > 1 ? q[1] + done : NULL };

      if (!lq_audio_writer_write_dithered (writer, dither, bin, bout, NULL, m, error))
        goto out;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
    }
  if (!lq_audio_writer_finish (writer, error)
      || !lq_metadata_write_file (lq_audio_writer_get_temp_path (writer), spec->format,
                                  &job->metadata, error))
    goto out;
  {
    const float *cq[2] = { q[0], q[1] };

    /* Measured on what the file holds: the quantised, dithered samples. */
    item->true_peak_dbtp = lq_codec_true_peak_db (cq, channels, out_rate, n);
  }
  item->rate = (guint) out_rate;
  set_ceiling (item, isfinite (ceiling_dbtp) ? ceiling_dbtp : LQ_CODEC_TARGET_DBTP);
  item->done = TRUE;
  g_ptr_array_add (job->writers, g_steal_pointer (&writer));
  ok = TRUE;
out:
  lq_dither_free (dither);
  for (guint c = 0; c < 2; c++)
    {
      g_free (resampled[c]);
      g_free (q[c]);
    }
  return ok;
}

static void
unlink_placed (GPtrArray *placed)
{
  for (guint i = 0; i < placed->len; i++)
    g_unlink (g_ptr_array_index (placed, i));
}

static void
bytes_unref0 (gpointer bytes)
{
  if (bytes != NULL)
    g_bytes_unref (bytes);
}

/* Puts every deliverable in place: the lossy ones each through a temporary file renamed
 * into place, then the PCM ones' temporary files renamed; after a failure the ones already
 * placed go too, so an export is whole or absent. */
static gboolean
place_deliverables (LqDeliverableJob  *job,
                    GPtrArray         *encoded,
                    GError           **error)
{
  g_autoptr(GPtrArray) placed = g_ptr_array_new ();
  guint w = 0;

  for (guint i = 0; i < job->deliverables->len; i++)
    {
      LqDeliverable *item = &g_array_index (job->deliverables, LqDeliverable, i);
      GBytes *bytes = g_ptr_array_index (encoded, i);
      g_autoptr(GError) local = NULL;
      gsize size = 0;
      const char *data;

      if (item->spec.pcm)
        continue;
      data = g_bytes_get_data (bytes, &size);
      if (!g_file_set_contents_full (item->path, data, (gssize) size,
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0666, &local))
        {
          unlink_placed (placed);
          g_set_error (error, LQ_AUDIO_WRITER_ERROR, LQ_AUDIO_WRITER_ERROR_WRITE, "%s",
                       local->message);
          return FALSE;
        }
      g_ptr_array_add (placed, item->path);
    }
  for (guint i = 0; i < job->deliverables->len; i++)
    {
      LqDeliverable *item = &g_array_index (job->deliverables, LqDeliverable, i);

      if (!item->spec.pcm)
        continue;
      if (!lq_audio_writer_commit (g_ptr_array_index (job->writers, w++), error))
        {
          unlink_placed (placed);
          return FALSE;
        }
      g_ptr_array_add (placed, item->path);
    }
  g_ptr_array_set_size (job->writers, 0);
  job->written = TRUE;
  return TRUE;
}

static gboolean
make_all (LqDeliverableJob   *job,
          const float *const *data,
          guint               channels,
          double              rate,
          gsize               frames,
          double              ceiling_dbtp,
          GCancellable       *cancellable,
          GError            **error)
{
  const LqMetadata *metadata = &job->metadata;
  g_autoptr(GPtrArray) encoded = g_ptr_array_new_with_free_func (bytes_unref0);

  for (guint i = 0; i < job->checks->len; i++)
    if (g_cancellable_set_error_if_cancelled (cancellable, error)
        || !make_lossy (&g_array_index (job->checks, LqDeliverable, i), data, channels, rate,
                        frames, ceiling_dbtp, NULL, error))
      return FALSE;
  for (guint i = 0; i < job->deliverables->len; i++)
    {
      LqDeliverable *item = &g_array_index (job->deliverables, LqDeliverable, i);
      GBytes *bytes = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (item->spec.pcm)
        {
          if (!make_pcm (job, item, data, channels, rate, frames, ceiling_dbtp, cancellable,
                         error))
            return FALSE;
        }
      else
        {
          g_autofree char *display = g_filename_display_name (item->path);
          GBytes *tagged;

          if (!make_lossy (item, data, channels, rate, frames, ceiling_dbtp, &bytes, error))
            return FALSE;
          /* The tags in memory: a value a format cannot take stops the export before any
           * file is in place. */
          tagged = lq_metadata_tag_encoded (bytes, item->spec.codec.kind, metadata, display,
                                            error);
          g_bytes_unref (bytes);
          if (tagged == NULL)
            return FALSE;
          bytes = tagged;
        }
      g_ptr_array_add (encoded, bytes);
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error)
         && place_deliverables (job, encoded, error);
}

/* On the render's thread, once the master is written and before it is renamed. */
static gboolean
master_cb (const float *const *data,
           guint               channels,
           double              rate,
           gsize               frames,
           double              ceiling_dbtp,
           GCancellable       *cancellable,
           gpointer            user_data,
           GError            **error)
{
  LqDeliverableJob *job = user_data;

  if (make_all (job, data, channels, rate, frames, ceiling_dbtp, cancellable, error))
    return TRUE;
  /* The PCM files written so far go now, not when the job is freed. */
  g_ptr_array_set_size (job->writers, 0);
  return FALSE;
}

void
lq_deliverable_job_attach (LqDeliverableJob *job,
                           LqRenderOptions  *options)
{
  lq_metadata_clear (&job->metadata);
  lq_metadata_copy (&job->metadata, &options->metadata);
  job->dither = options->dither;
  if (job->checks->len == 0 && job->deliverables->len == 0)
    return;
  options->master_func = master_cb;
  options->master_data = job;
}

void
lq_deliverable_job_discard (LqDeliverableJob *job)
{
  if (!job->written)
    return;
  for (guint i = 0; i < job->deliverables->len; i++)
    g_unlink (g_array_index (job->deliverables, LqDeliverable, i).path);
  job->written = FALSE;
}
