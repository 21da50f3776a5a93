/* lq-cli-render-codec.c
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
#include <stdio.h>

#include "lq-audio-writer.h"
#include "lq-cli.h"
#include "lq-cli-render-codec.h"
#include "lq-metadata.h"

#define DEFAULT_PATTERN "{stem}.{ext}"
/* Times listed in the readable report; the JSON lists up to LQ_CODEC_MAX_LISTED_OVERS. */
#define LISTED_TIMES 5

typedef struct
{
  LqCodecSpec    spec;
  char          *path;          /* deliverables: where the file goes; checks: NULL */
  LqCodecResult *result;
  GBytes        *encoded;
} Item;

struct _LqCliCodecJob
{
  GArray  *checks;              /* Item */
  GArray  *deliverables;        /* Item */
  gboolean written;             /* the deliverables are in place */
  const LqMetadata *metadata;   /* the master's tags, which the deliverables carry too */
};

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_clear_pointer (&item->path, g_free);
  g_clear_pointer (&item->result, lq_codec_result_free);
  g_clear_pointer (&item->encoded, g_bytes_unref);
}

void
lq_cli_codec_job_free (LqCliCodecJob *job)
{
  if (job == NULL)
    return;
  g_clear_pointer (&job->checks, g_array_unref);
  g_clear_pointer (&job->deliverables, g_array_unref);
  g_free (job);
}

static GArray *
items_from (const char  *list,
            const char  *option,
            int         *exit_status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) specs = NULL;
  GArray *items = g_array_new (FALSE, TRUE, sizeof (Item));

  g_array_set_clear_func (items, item_clear);
  if (list == NULL)
    return items;
  if (!(specs = lq_codec_spec_parse_list (list, &error)))
    {
      lq_cli_print_error ("%s: %s", option, error->message);
      *exit_status = LQ_EXIT_INPUT;
      g_array_unref (items);
      return NULL;
    }
  for (guint i = 0; i < specs->len; i++)
    {
      Item item = { g_array_index (specs, LqCodecSpec, i) };

      g_array_append_val (items, item);
    }
  return items;
}

/* {stem} OUT's name without its extension, {codec} mp3/vorbis/opus, {kbps}, {ext}. */
static char *
expand_pattern (const char        *pattern,
                const char        *output,
                const LqCodecSpec *spec)
{
  g_autofree char *dir = g_path_get_dirname (output);
  g_autofree char *base = g_path_get_basename (output);
  char *dot = strrchr (base, '.');
  g_autofree char *kbps = g_strdup_printf ("%u", spec->kbps);
  g_autoptr(GString) name = g_string_new (pattern);

  if (dot != NULL && dot != base)
    *dot = '\0';
  g_string_replace (name, "{stem}", base, 0);
  g_string_replace (name, "{codec}", lq_codec_kind_get_name (spec->kind), 0);
  g_string_replace (name, "{kbps}", kbps, 0);
  g_string_replace (name, "{ext}", lq_codec_kind_get_extension (spec->kind), 0);
  if (g_str_equal (dir, "."))
    return g_strdup (name->str);
  return g_build_filename (dir, name->str, NULL);
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
 * the master, a file already there (without --force), or two deliverables of one name. */
static gboolean
name_deliverables (LqCliCodecJob *job,
                   const char    *pattern,
                   const char    *input,
                   const char    *output,
                   gboolean       overwrite)
{
  for (guint i = 0; i < job->deliverables->len; i++)
    {
      Item *item = &g_array_index (job->deliverables, Item, i);
      g_autofree char *display = NULL;

      item->path = expand_pattern (pattern, output, &item->spec);
      display = g_filename_display_name (item->path);
      if (g_str_equal (item->path, output) || g_str_equal (item->path, input)
          || same_file (item->path, input))
        {
          lq_cli_print_error (_("%s: --also would replace the mix or the master; give "
                                "--name-pattern"), display);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (g_str_equal (item->path, g_array_index (job->deliverables, Item, j).path))
          {
            lq_cli_print_error (_("%s: two deliverables would have this name; give "
                                  "--name-pattern with {kbps}"), display);
            return FALSE;
          }
      if (!overwrite && g_file_test (item->path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
        {
          lq_cli_print_error (_("%s: The file exists; give --force to replace it"), display);
          return FALSE;
        }
    }
  return TRUE;
}

LqCliCodecJob *
lq_cli_codec_job_new (const char *check,
                      const char *also,
                      const char *pattern,
                      const char *input,
                      const char *output,
                      gboolean    overwrite,
                      int        *exit_status)
{
  g_autoptr(LqCliCodecJob) job = g_new0 (LqCliCodecJob, 1);

  if (!(job->checks = items_from (check, "--codec-check", exit_status))
      || !(job->deliverables = items_from (also, "--also", exit_status)))
    return NULL;
  if (pattern != NULL && (pattern[0] == '\0' || strchr (pattern, G_DIR_SEPARATOR) != NULL))
    {
      lq_cli_print_error ("%s", _("--name-pattern: give a file name without folders, such "
                                  "as “{stem} ({codec} {kbps}).{ext}”"));
      *exit_status = LQ_EXIT_USAGE;
      return NULL;
    }
  if (!name_deliverables (job, pattern ? pattern : DEFAULT_PATTERN, input, output, overwrite))
    {
      *exit_status = LQ_EXIT_OUTPUT;
      return NULL;
    }
  return g_steal_pointer (&job);
}

/* Writes each encoded deliverable, each through a temporary file renamed into place; after a
 * failure the ones already written go too, so an export is whole or absent. */
static gboolean
write_deliverables (LqCliCodecJob  *job,
                    GError        **error)
{
  /* The tags first, in memory: a value a format cannot take stops the export before any
   * file exists. */
  for (guint i = 0; job->metadata != NULL && i < job->deliverables->len; i++)
    {
      Item *item = &g_array_index (job->deliverables, Item, i);
      g_autofree char *display = g_filename_display_name (item->path);
      GBytes *tagged = lq_metadata_tag_encoded (item->encoded, item->spec.kind, job->metadata,
                                                display, error);

      if (tagged == NULL)
        return FALSE;
      g_bytes_unref (item->encoded);
      item->encoded = tagged;
    }
  for (guint i = 0; i < job->deliverables->len; i++)
    {
      Item *item = &g_array_index (job->deliverables, Item, i);
      gsize size = 0;
      const char *data = g_bytes_get_data (item->encoded, &size);
      g_autoptr(GError) local = NULL;

      if (!g_file_set_contents_full (item->path, data, (gssize) size,
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0666, &local))
        {
          for (guint j = 0; j < i; j++)
            g_unlink (g_array_index (job->deliverables, Item, j).path);
          g_set_error (error, LQ_AUDIO_WRITER_ERROR, LQ_AUDIO_WRITER_ERROR_WRITE, "%s",
                       local->message);
          return FALSE;
        }
    }
  job->written = TRUE;
  return TRUE;
}

void
lq_cli_codec_job_discard (LqCliCodecJob *job)
{
  if (!job->written)
    return;
  for (guint i = 0; i < job->deliverables->len; i++)
    g_unlink (g_array_index (job->deliverables, Item, i).path);
  job->written = FALSE;
}

static gboolean
round_trips (GArray             *items,
             const float *const *data,
             guint               channels,
             double              rate,
             gsize               frames,
             double              ceiling_dbtp,
             gboolean            keep,
             GCancellable       *cancellable,
             GError            **error)
{
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      item->result = lq_codec_round_trip (&item->spec, data, channels, rate, frames,
                                          ceiling_dbtp, keep ? &item->encoded : NULL, error);
      if (item->result == NULL)
        return FALSE;
    }
  return TRUE;
}

/* On the render's thread, once the master is written. */
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
  LqCliCodecJob *job = user_data;

  return round_trips (job->checks, data, channels, rate, frames, ceiling_dbtp, FALSE,
                      cancellable, error)
         && round_trips (job->deliverables, data, channels, rate, frames, ceiling_dbtp, TRUE,
                         cancellable, error)
         && !g_cancellable_set_error_if_cancelled (cancellable, error)
         && write_deliverables (job, error);
}

void
lq_cli_codec_job_attach (LqCliCodecJob   *job,
                         LqRenderOptions *options)
{
  if (job->checks->len == 0 && job->deliverables->len == 0)
    return;
  options->master_func = master_cb;
  options->master_data = job;
  job->metadata = &options->metadata;
}

/* How far the decoded file misses the listener's ceiling, or NAN when it does not. */
static double
misses_by (const LqCodecResult *r)
{
  return r->decoded_tp_dbtp > LQ_CODEC_TARGET_DBTP ? r->decoded_tp_dbtp - LQ_CODEC_TARGET_DBTP
                                                   : NAN;
}

static void
append_overs_json (GString    *s,
                   const char *key,
                   GArray     *overs)
{
  g_string_append_printf (s, "\"%s\":[", key);
  for (guint i = 0; i < overs->len; i++)
    {
      const LqCodecOver *o = &g_array_index (overs, LqCodecOver, i);

      g_string_append (s, i ? ",{" : "{");
      lq_cli_json_append_number (s, "time_s", o->start_s, 3, FALSE);
      lq_cli_json_append_number (s, "duration_s", o->duration_s, 4, FALSE);
      lq_cli_json_append_number (s, "peak_db", o->peak_db, 2, TRUE);
      g_string_append_c (s, '}');
    }
  g_string_append (s, "],");
}

static void
append_items_json (GString    *s,
                   const char *key,
                   GArray     *items)
{
  g_string_append_printf (s, ",\"%s\":[", key);
  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);
      const LqCodecResult *r = item->result;

      g_string_append (s, i ? ",{" : "{");
      lq_cli_json_append_string (s, "codec", lq_codec_kind_get_name (item->spec.kind), FALSE);
      lq_cli_json_append_number (s, "kbps", item->spec.kbps, 0, FALSE);
      if (item->path != NULL)
        {
          g_autofree char *display = g_filename_display_name (item->path);

          lq_cli_json_append_string (s, "file", display, FALSE);
        }
      if (r == NULL)
        {
          g_string_append (s, "\"done\":false}");
          continue;
        }
      lq_cli_json_append_number (s, "sample_rate", r->rate, 0, FALSE);
      lq_cli_json_append_number (s, "bytes", (double) r->encoded_bytes, 0, FALSE);
      lq_cli_json_append_number (s, "delay_frames", r->delay_frames, 0, FALSE);
      lq_cli_json_append_number (s, "correlation", r->correlation, 5, FALSE);
      lq_cli_json_append_number (s, "difference_db", r->difference_db, 2, FALSE);
      lq_cli_json_append_number (s, "source_true_peak_dbtp", r->source_tp_dbtp, 2, FALSE);
      lq_cli_json_append_number (s, "decoded_true_peak_dbtp", r->decoded_tp_dbtp, 2, FALSE);
      lq_cli_json_append_number (s, "decoded_sample_peak_dbfs", r->decoded_sample_peak_dbfs,
                                 2, FALSE);
      lq_cli_json_append_number (s, "overs_0dbfs", r->n_overs_0dbfs, 0, FALSE);
      append_overs_json (s, "overs_0dbfs_list", r->overs_0dbfs);
      lq_cli_json_append_number (s, "overs_1dbtp", r->n_overs_tp, 0, FALSE);
      append_overs_json (s, "overs_1dbtp_list", r->overs_tp);
      lq_cli_json_append_number (s, "ceiling_dbtp", r->ceiling_dbtp, 2, FALSE);
      lq_cli_json_append_number (s, "codec_safe_ceiling_dbtp", r->safe_ceiling_dbtp, 2, FALSE);
      lq_cli_json_append_number (s, "misses_by_db", misses_by (r), 2, FALSE);
      lq_cli_json_append_number (s, "seconds", r->seconds, 3, TRUE);
      g_string_append_c (s, '}');
    }
  g_string_append_c (s, ']');
}

void
lq_cli_codec_job_append_json (LqCliCodecJob *job,
                              GString       *s)
{
  if (job->checks->len > 0)
    append_items_json (s, "codec_check", job->checks);
  if (job->deliverables->len > 0)
    append_items_json (s, "deliverables", job->deliverables);
}

static char *
format_overs (guint   count,
              GArray *overs)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_string_printf (s, "%u", count);
  for (guint i = 0; i < MIN (overs->len, (guint) LISTED_TIMES); i++)
    {
      const LqCodecOver *o = &g_array_index (overs, LqCodecOver, i);
      double t = MAX (o->start_s, 0.0);

      g_string_append_printf (s, "%s%d:%06.3f", i ? ", " : _(" at "), (int) (t / 60.0),
                              fmod (t, 60.0));
    }
  if (count > LISTED_TIMES)
    g_string_append (s, ", …");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
print_items (GArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);
      const LqCodecResult *r = item->result;
      g_autofree char *tp = NULL, *fs = NULL, *over_tp = NULL, *diff = NULL, *align = NULL;
      g_autofree char *safe = NULL;
      double miss;

      if (r == NULL)
        continue;
      if (item->path != NULL)
        {
          g_autofree char *display = g_filename_display_name (item->path);

          printf ("%s (%s %u kb/s)\n", display, lq_codec_kind_get_label (item->spec.kind),
                  item->spec.kbps);
        }
      else
        printf (_("Codec check: %s %u kb/s\n"), lq_codec_kind_get_label (item->spec.kind),
                item->spec.kbps);
      tp = lq_cli_format_lufs (r->decoded_tp_dbtp, "dBTP");
      fs = format_overs (r->n_overs_0dbfs, r->overs_0dbfs);
      over_tp = format_overs (r->n_overs_tp, r->overs_tp);
      diff = g_strdup_printf (_("%.1f dB below the programme"), r->difference_db);
      align = g_strdup_printf (_("%d samples, correlation %.4f"), r->delay_frames,
                               r->correlation);
      lq_cli_print_row (_("Decoded true peak"), tp);
      lq_cli_print_row (_("Overs above 0 dBFS"), fs);
      lq_cli_print_row (_("Overs above −1 dBTP"), over_tp);
      lq_cli_print_row (_("Codec difference"), diff);
      lq_cli_print_row (_("Codec delay"), align);
      miss = misses_by (r);
      if (isfinite (miss))
        safe = g_strdup_printf (_("%.2f dBTP (misses −1 dBTP by %.2f dB)"),
                                r->safe_ceiling_dbtp, miss);
      else
        safe = g_strdup_printf (_("%.2f dBTP"), r->safe_ceiling_dbtp);
      lq_cli_print_row (_("Codec-safe ceiling"), safe);
    }
}

void
lq_cli_codec_job_print_table (LqCliCodecJob *job)
{
  print_items (job->checks);
  print_items (job->deliverables);
}
