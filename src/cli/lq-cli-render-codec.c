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

/* Times listed in the readable report; the JSON lists up to LQ_CODEC_MAX_LISTED_OVERS. */
#define LISTED_TIMES 5

LqDeliverableJob *
lq_cli_deliverable_job_new (const char       *check,
                            const char       *also,
                            const char       *pattern,
                            const char       *input,
                            const char       *output,
                            const LqMetadata *metadata,
                            const char       *preset_name,
                            gboolean          overwrite,
                            int              *exit_status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) checks = NULL;
  g_autoptr(GArray) deliverables = NULL;
  LqDeliverableJob *job;

  if (check != NULL && !(checks = lq_codec_spec_parse_list (check, &error)))
    {
      lq_cli_print_error ("--codec-check: %s", error->message);
      *exit_status = LQ_EXIT_INPUT;
      return NULL;
    }
  if (also != NULL && !(deliverables = lq_deliverable_spec_parse_list (also, &error)))
    {
      lq_cli_print_error ("--also: %s", error->message);
      *exit_status = LQ_EXIT_INPUT;
      return NULL;
    }
  if (!(job = lq_deliverable_job_new (checks, deliverables, pattern, input, output, metadata,
                                      preset_name, overwrite, &error)))
    {
      if (g_error_matches (error, LQ_DELIVERABLE_ERROR, LQ_DELIVERABLE_ERROR_PATTERN))
        {
          lq_cli_print_error ("--name-pattern: %s", error->message);
          *exit_status = LQ_EXIT_USAGE;
        }
      else if (g_error_matches (error, LQ_AUDIO_WRITER_ERROR, LQ_AUDIO_WRITER_ERROR_EXISTS))
        {
          lq_cli_print_error (_("%s; give --force to replace it"), error->message);
          *exit_status = LQ_EXIT_OUTPUT;
        }
      else
        {
          lq_cli_print_error ("%s", error->message);
          /* Two deliverables of one name are a bad request; a file in the way is about
           * the output. */
          *exit_status = error->domain == LQ_DELIVERABLE_ERROR ? LQ_EXIT_INPUT
                                                               : LQ_EXIT_OUTPUT;
        }
      return NULL;
    }
  return job;
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
append_codec_json (GString             *s,
                   const LqCodecResult *r)
{
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
  lq_cli_json_append_number (s, "seconds", r->seconds, 3, FALSE);
}

static void
append_items_json (GString    *s,
                   const char *key,
                   GArray     *items)
{
  g_string_append_printf (s, ",\"%s\":[", key);
  for (guint i = 0; i < items->len; i++)
    {
      const LqDeliverable *item = &g_array_index (items, LqDeliverable, i);
      const LqDeliverableSpec *spec = &item->spec;

      g_string_append (s, i ? ",{" : "{");
      if (spec->pcm)
        {
          lq_cli_json_append_string (s, "format", lq_file_format_to_string (spec->format),
                                     FALSE);
          lq_cli_json_append_number (s, "bits", (int) spec->sample_format, 0, FALSE);
        }
      else
        {
          lq_cli_json_append_string (s, "codec", lq_codec_kind_get_name (spec->codec.kind),
                                     FALSE);
          lq_cli_json_append_number (s, "kbps", spec->codec.kbps, 0, FALSE);
        }
      if (item->path != NULL)
        {
          g_autofree char *display = g_filename_display_name (item->path);

          lq_cli_json_append_string (s, "file", display, FALSE);
        }
      if (!item->done)
        {
          g_string_append (s, "\"done\":false}");
          continue;
        }
      lq_cli_json_append_number (s, "sample_rate", item->rate, 0, FALSE);
      if (item->codec != NULL)
        append_codec_json (s, item->codec);
      else
        {
          lq_cli_json_append_number (s, "true_peak_dbtp", item->true_peak_dbtp, 2, FALSE);
          lq_cli_json_append_number (s, "ceiling_dbtp", item->ceiling_dbtp, 2, FALSE);
        }
      lq_cli_json_append_number (s, "misses_by_db", item->misses_by_db, 2, TRUE);
      g_string_append_c (s, '}');
    }
  g_string_append_c (s, ']');
}

void
lq_cli_deliverables_append_json (LqDeliverableJob *job,
                                 GString          *s)
{
  GArray *checks = lq_deliverable_job_get_checks (job);
  GArray *deliverables = lq_deliverable_job_get_deliverables (job);

  if (checks->len > 0)
    append_items_json (s, "codec_check", checks);
  if (deliverables->len > 0)
    append_items_json (s, "deliverables", deliverables);
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
print_codec (const LqDeliverable *item)
{
  const LqCodecResult *r = item->codec;
  g_autofree char *tp = NULL, *fs = NULL, *over_tp = NULL, *diff = NULL, *align = NULL;
  g_autofree char *safe = NULL;

  tp = lq_cli_format_lufs (r->decoded_tp_dbtp, "dBTP");
  fs = format_overs (r->n_overs_0dbfs, r->overs_0dbfs);
  over_tp = format_overs (r->n_overs_tp, r->overs_tp);
  diff = g_strdup_printf (_("%.1f dB below the programme"), r->difference_db);
  align = g_strdup_printf (_("%d samples, correlation %.4f"), r->delay_frames, r->correlation);
  lq_cli_print_row (_("Decoded true peak"), tp);
  lq_cli_print_row (_("Overs above 0 dBFS"), fs);
  lq_cli_print_row (_("Overs above −1 dBTP"), over_tp);
  lq_cli_print_row (_("Codec difference"), diff);
  lq_cli_print_row (_("Codec delay"), align);
  if (isfinite (item->misses_by_db))
    safe = g_strdup_printf (_("%.2f dBTP (misses −1 dBTP by %.2f dB)"), r->safe_ceiling_dbtp,
                            item->misses_by_db);
  else
    safe = g_strdup_printf (_("%.2f dBTP"), r->safe_ceiling_dbtp);
  lq_cli_print_row (_("Codec-safe ceiling"), safe);
}

static void
print_pcm (const LqDeliverable *item)
{
  g_autofree char *tp = lq_cli_format_lufs (item->true_peak_dbtp, "dBTP");
  g_autofree char *row = NULL;

  if (isfinite (item->misses_by_db))
    row = g_strdup_printf (_("%s (misses the %.2f dBTP ceiling by %.2f dB)"), tp,
                           item->ceiling_dbtp, item->misses_by_db);
  else
    row = g_strdup_printf (_("%s (ceiling %.2f dBTP)"), tp, item->ceiling_dbtp);
  lq_cli_print_row (_("True peak"), row);
}

static void
print_items (GArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      const LqDeliverable *item = &g_array_index (items, LqDeliverable, i);
      const LqDeliverableSpec *spec = &item->spec;

      if (!item->done)
        continue;
      if (item->path != NULL)
        {
          g_autofree char *display = g_filename_display_name (item->path);

          if (spec->pcm)
            printf (_("%s (%s, %d-bit, %u Hz)\n"), display,
                    lq_file_format_to_string (spec->format), (int) spec->sample_format,
                    item->rate);
          else
            printf ("%s (%s %u kb/s)\n", display, lq_codec_kind_get_label (spec->codec.kind),
                    spec->codec.kbps);
        }
      else
        printf (_("Codec check: %s %u kb/s\n"), lq_codec_kind_get_label (spec->codec.kind),
                spec->codec.kbps);
      if (item->codec != NULL)
        print_codec (item);
      else
        print_pcm (item);
    }
}

void
lq_cli_deliverables_print_table (LqDeliverableJob *job)
{
  print_items (lq_deliverable_job_get_checks (job));
  print_items (lq_deliverable_job_get_deliverables (job));
}
