/* lq-cli-analyze.c
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
#include <stdio.h>

#include "lq-analyze.h"
#include "lq-cli.h"
#include "lq-platforms.h"

/* The JSON writer every --json shares (lq-cli.c). */
#define append_number lq_cli_json_append_number

/* "platforms":{"spotify-normal":{…},…}, the gain each service applies to this file. */
static void
append_platforms_json (GString                 *s,
                       const LqLoudnessSummary *m)
{
  guint n = lq_platforms_get_n ();

  lq_cli_json_append_string (s, "platforms_as_of", LQ_PLATFORMS_AS_OF, FALSE);
  g_string_append (s, "\"platforms\":{");
  for (guint i = 0; i < n; i++)
    {
      const LqPlatform *p = lq_platforms_get (i);
      LqPlatformPlay play;

      lq_platform_compute (p, m->integrated_lufs, m->true_peak_dbtp, &play);
      g_string_append_printf (s, "\"%s\":{", p->id);
      lq_cli_json_append_string (s, "name", p->name, FALSE);
      append_number (s, "target_lufs", p->target_lufs, 1, FALSE);
      append_number (s, "gain_db", play.gain_db, 2, FALSE);
      append_number (s, "played_lufs", play.played_lufs, 2, FALSE);
      g_string_append_printf (s, "\"limited\":%s,", play.limited ? "true" : "false");
      lq_cli_json_append_string (s, "source", p->source, FALSE);
      lq_cli_json_append_string (s, "rule", p->note, FALSE);
      lq_cli_json_append_string (s, "certainty",
                                 lq_certainty_to_string (lq_platform_get_certainty (p)), TRUE);
      g_string_append (s, i + 1 < n ? "}," : "}");
    }
  g_string_append (s, "},");
}

static void
print_json (const LqAnalysisResult *r,
            gboolean                platforms)
{
  const LqLoudnessSummary *m = &r->summary;
  g_autoptr(GString) s = g_string_new ("{");
  g_autofree char *path = NULL;
  g_autofree char *format = lq_cli_json_escape (r->info.format_name);
  g_autofree char *encoding = lq_cli_json_escape (r->info.encoding_name);
  g_autofree char *display = g_filename_display_name (r->path);

  path = lq_cli_json_escape (display);
  g_string_append_printf (s, "\"file\":%s,", path);
  append_number (s, "integrated_lufs", m->integrated_lufs, 2, FALSE);
  append_number (s, "loudness_range_lu", isfinite (m->integrated_lufs)
                                         ? m->loudness_range_lu : -HUGE_VAL, 2, FALSE);
  append_number (s, "true_peak_dbtp", m->true_peak_dbtp, 2, FALSE);
  append_number (s, "true_peak_dbtp_bs1770", m->true_peak_dbtp_bs1770, 2, FALSE);
  append_number (s, "sample_peak_dbfs", m->sample_peak_dbfs, 2, FALSE);
  append_number (s, "max_momentary_lufs", m->max_momentary_lufs, 2, FALSE);
  append_number (s, "max_short_term_lufs", m->max_short_term_lufs, 2, FALSE);
  append_number (s, "plr_db", m->plr_db, 2, FALSE);
  append_number (s, "duration_s", (double) m->frames / m->sample_rate, 3, FALSE);
  if (platforms)
    append_platforms_json (s, m);
  g_string_append_printf (s, "\"sample_rate\":%.0f,\"channels\":%u,\"frames\":%" G_GUINT64_FORMAT
                          ",\"format\":%s,\"encoding\":%s,\"true_peak_oversampling\":%u}",
                          m->sample_rate, m->channels, m->frames, format, encoding,
                          m->true_peak_oversampling);
  printf ("%s\n", s->str);
}

/* One row per service: the gain, the loudness it plays at, and whether its limiter would
 * act; rules not from the service itself are marked as reported. */
static void
print_platforms (const LqLoudnessSummary *m)
{
  printf ("  ");
  /* Translators: %s is a date, "late 2026" (not translated) */
  printf (_("Streaming playback (rules as of %s)"), LQ_PLATFORMS_AS_OF);
  printf ("\n");
  for (guint i = 0; i < lq_platforms_get_n (); i++)
    {
      const LqPlatform *p = lq_platforms_get (i);
      LqPlatformPlay play;
      g_autofree char *name = lq_cli_pad (p->name, 20);
      g_autofree char *gain = NULL;
      g_autofree char *played = NULL;

      lq_platform_compute (p, m->integrated_lufs, m->true_peak_dbtp, &play);
      gain = isfinite (play.gain_db) ? g_strdup_printf ("%+6.2f dB", play.gain_db)
                                     : g_strdup ("—");
      played = lq_cli_format_lufs (play.played_lufs, "LUFS");
      printf ("    %s %-10s %s%s%s\n", name, gain, played,
              play.limited ? _("  limited") : "",
              lq_platform_get_certainty (p) != LQ_CERTAINTY_OFFICIAL ? _("  (reported)") : "");
    }
}

static void
print_table (const LqAnalysisResult *r)
{
  const LqLoudnessSummary *m = &r->summary;
  g_autofree char *display = g_filename_display_name (r->path);
  g_autofree char *i = lq_cli_format_lufs (m->integrated_lufs, "LUFS");
  g_autofree char *lra = lq_cli_format_lufs (isfinite (m->integrated_lufs)
                                             ? m->loudness_range_lu : -HUGE_VAL, "LU");
  g_autofree char *tp = lq_cli_format_lufs (m->true_peak_dbtp, "dBTP");
  g_autofree char *sp = lq_cli_format_lufs (m->sample_peak_dbfs, "dBFS");
  g_autofree char *mm = lq_cli_format_lufs (m->max_momentary_lufs, "LUFS");
  g_autofree char *ms = lq_cli_format_lufs (m->max_short_term_lufs, "LUFS");
  g_autofree char *plr = lq_cli_format_lufs (m->plr_db, "dB");
  g_autofree char *fmt = g_strdup_printf ("%s, %s, %.0f Hz, %u ch", r->info.format_name,
                                          r->info.encoding_name, m->sample_rate, m->channels);
  g_autofree char *dur = g_strdup_printf ("%.3f s", (double) m->frames / m->sample_rate);

  printf ("%s\n", display);
  lq_cli_print_row (_("Format"), fmt);
  lq_cli_print_row (_("Duration"), dur);
  lq_cli_print_row (_("Integrated loudness"), i);
  lq_cli_print_row (_("Loudness range"), lra);
  lq_cli_print_row (_("True peak"), tp);
  lq_cli_print_row (_("Sample peak"), sp);
  lq_cli_print_row (_("Max momentary"), mm);
  lq_cli_print_row (_("Max short-term"), ms);
  lq_cli_print_row (_("Peak to loudness"), plr);
}

int
lq_cli_analyze (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  gboolean json = FALSE;
  gboolean platforms = FALSE;
  int status = LQ_EXIT_OK;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object per file"), NULL },
    { "platforms", 0, 0, G_OPTION_ARG_NONE, &platforms,
      N_("Add how each streaming service would play the file: its gain (the loudness "
         "penalty), the loudness it plays at and whether its limiter acts"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE… — measure loudness and peaks"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Measures each file as EBU R128 / ITU-R BS.1770-4 define it: integrated loudness, "
      "loudness range (EBU Tech 3342), maximum momentary and short-term loudness (10 ms "
      "steps), true peak (4× oversampled), sample peak and PLR.\n\n"
      "With --json, each file gives one line holding a JSON object with the keys "
      "integrated_lufs, loudness_range_lu, true_peak_dbtp, sample_peak_dbfs, "
      "max_momentary_lufs, max_short_term_lufs, plr_db, duration_s, sample_rate and "
      "channels; readings of silence are null."));
  g_option_context_set_description (context,
    _("Exit status: 0 success, 1 usage error, 2 a file could not be read or is not valid audio."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      lq_cli_print_error ("%s", error->message);
      return LQ_EXIT_USAGE;
    }
  if (files == NULL || files[0] == NULL)
    {
      lq_cli_print_error ("%s", _("analyze: no file given (see “lacquer analyze --help”)"));
      return LQ_EXIT_USAGE;
    }

  for (guint f = 0; files[f]; f++)
    {
      g_autoptr(LqAnalysisResult) result = NULL;
      g_autoptr(GError) file_error = NULL;

      /* Only the summary: the history, pyramid and spectrum are for the window, and
       * nothing here prints them. */
      result = lq_analyze_file (files[f], LQ_ANALYZE_SUMMARY, NULL,
                                NULL, NULL, &file_error);
      if (result == NULL)
        {
          lq_cli_print_error ("%s", file_error->message);
          status = LQ_EXIT_INPUT;
          continue;
        }
      if (json)
        print_json (result, platforms);
      else
        {
          if (f > 0)
            printf ("\n");
          print_table (result);
          if (platforms)
            print_platforms (&result->summary);
        }
    }
  fflush (stdout);
  return status;
}
