/* lq-cli-check.c
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
#include <stdlib.h>

#include "lq-check.h"
#include "lq-cli.h"

#define append_number lq_cli_json_append_number

/* The readable report lists this many times per finding; --json gives all that were kept. */
#define TEXT_TIMES 5

static void
print_text (const LqCheckReport *report,
            gboolean             all)
{
  g_autofree char *display = g_filename_display_name (report->result->path);
  guint problems = 0, advice = 0;

  printf ("%s\n", display);
  for (guint i = 0; i < report->findings->len; i++)
    {
      const LqCheckFinding *f = g_ptr_array_index (report->findings, i);
      g_autofree char *label = lq_cli_pad (lq_check_severity_get_label (f->severity), 8);
      g_autofree char *title = NULL;
      g_autofree char *value = lq_check_finding_format_value (f);

      problems += f->severity == LQ_CHECK_PROBLEM;
      advice += f->severity == LQ_CHECK_ADVICE;
      if (f->severity == LQ_CHECK_OK && !all)
        continue;
      title = f->channel >= 0 ? g_strdup_printf (_("%s, channel %d"), f->title, f->channel + 1)
                              : g_strdup (f->title);
      if (f->setting != NULL && isfinite (f->threshold))
        printf ("  %s %s: %s (%s %g)\n", label, title, value, f->setting, f->threshold);
      else
        printf ("  %s %s: %s\n", label, title, value);
      printf ("           %s\n", f->reason);
      for (guint t = 0; t < MIN (f->times->len, TEXT_TIMES) && f->severity != LQ_CHECK_OK; t++)
        {
          const LqCheckTime *at = &g_array_index (f->times, LqCheckTime, t);
          g_autofree char *start = lq_check_format_time (at->start_s);
          g_autofree char *duration = lq_check_format_duration (at->duration_s);

          printf ("           ");
          if (at->channel >= 0)
            /* Translators: a time (m:ss.mmm), a duration and a channel number */
            printf (_("at %s for %s, channel %d"), start, duration, at->channel + 1);
          else
            /* Translators: a time (m:ss.mmm) and a duration */
            printf (_("at %s for %s"), start, duration);
          printf ("\n");
        }
      if (f->severity != LQ_CHECK_OK && f->n_times > MIN (f->times->len, TEXT_TIMES))
        {
          printf ("           ");
          printf (_("and %u more"),
                  (guint) MIN (f->n_times - MIN (f->times->len, TEXT_TIMES), G_MAXUINT));
          printf ("\n");
        }
    }
  if (problems == 0 && advice == 0)
    printf ("  %s\n", _("Ready for mastering: no problems, no advice."));
  else
    printf ("  %s %u, %s %u\n", _("Problems:"), problems, _("advice:"), advice);
}

static void
print_json (const LqCheckReport *report)
{
  const LqAnalysisResult *r = report->result;
  g_autoptr(GString) s = g_string_new ("{");
  g_autofree char *display = g_filename_display_name (r->path);

  lq_cli_json_append_string (s, "file", display, FALSE);
  lq_cli_json_append_string (s, "profile", lq_check_profile_to_string (report->profile), FALSE);
  g_string_append_printf (s, "\"settings_version\":%d,", LQ_CHECK_SETTINGS_VERSION);
  lq_cli_json_append_string (s, "status", lq_check_severity_to_string (report->worst), FALSE);
  g_string_append_printf (s, "\"sample_rate\":%.0f,\"channels\":%u,", r->info.sample_rate,
                          r->info.channels);
  append_number (s, "duration_s", (double) r->summary.frames / r->summary.sample_rate, 3, FALSE);
  lq_cli_json_append_string (s, "format", r->info.format_name, FALSE);
  lq_cli_json_append_string (s, "encoding", r->info.encoding_name, FALSE);
  g_string_append (s, "\"findings\":[");
  for (guint i = 0; i < report->findings->len; i++)
    {
      const LqCheckFinding *f = g_ptr_array_index (report->findings, i);

      g_string_append (s, i > 0 ? ",{" : "{");
      lq_cli_json_append_string (s, "id", f->id, FALSE);
      lq_cli_json_append_string (s, "severity", lq_check_severity_to_string (f->severity), FALSE);
      if (f->channel >= 0)
        g_string_append_printf (s, "\"channel\":%d,", f->channel);
      else
        g_string_append (s, "\"channel\":null,");
      if (f->value_is_bool)
        g_string_append_printf (s, "\"value\":%s,", f->value != 0.0 ? "true" : "false");
      else
        append_number (s, "value", f->value, 4, FALSE);
      lq_cli_json_append_string (s, "unit", f->unit, FALSE);
      append_number (s, "threshold", f->setting ? f->threshold : NAN, 4, FALSE);
      if (f->setting)
        lq_cli_json_append_string (s, "setting", f->setting, FALSE);
      else
        g_string_append (s, "\"setting\":null,");
      g_string_append (s, "\"times\":[");
      for (guint t = 0; t < f->times->len; t++)
        {
          const LqCheckTime *at = &g_array_index (f->times, LqCheckTime, t);

          g_string_append (s, t > 0 ? ",{" : "{");
          append_number (s, "start_s", at->start_s, 6, FALSE);
          append_number (s, "duration_s", at->duration_s, 6, FALSE);
          if (at->channel >= 0)
            g_string_append_printf (s, "\"channel\":%d}", at->channel);
          else
            g_string_append (s, "\"channel\":null}");
        }
      g_string_append_printf (s, "],\"times_total\":%" G_GUINT64_FORMAT ",", f->n_times);
      lq_cli_json_append_string (s, "title", f->title, FALSE);
      lq_cli_json_append_string (s, "reason", f->reason, TRUE);
      g_string_append_c (s, '}');
    }
  g_string_append (s, "]}");
  printf ("%s\n", s->str);
}

static void
print_settings (const LqCheckSettings *settings)
{
  for (guint i = 0; i < lq_check_settings_get_n (); i++)
    {
      const LqCheckSetting *row = lq_check_settings_get (i);
      const double *value = (const double *) ((const char *) settings + row->offset);
      g_autofree char *name = lq_cli_pad (row->name, 24);

      printf ("%s %-8g %-8s %s\n", name, *value, row->unit, row->source);
    }
}

int
lq_cli_check (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) sets = NULL;
  g_autofree char *profile_name = NULL;
  gboolean json = FALSE;
  gboolean all = FALSE;
  gboolean list = FALSE;
  LqCheckProfile profile = LQ_CHECK_PROFILE_DEFAULT;
  LqCheckSettings settings;
  gboolean problems = FALSE;
  int status = LQ_EXIT_OK;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object per file"), NULL },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name,
      N_("Thresholds: default, strict or relaxed"), N_("NAME") },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets,
      N_("Change one threshold (see --list-settings); may be repeated"), N_("NAME=VALUE") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Also list the checks that passed"), NULL },
    { "list-settings", 0, 0, G_OPTION_ARG_NONE, &list,
      N_("List the thresholds of the profile, with their sources"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("MIX… — is the mix ready for mastering?"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Checks each mix as a mastering engineer would on receiving it: sample and true-peak "
      "headroom, integrated loudness, PLR (a bus limiter), clipped runs, DC offset, "
      "stretches of negative correlation, bass in the side signal, energy above 16 kHz, "
      "leading and trailing silence, a cut-off ending, sample rate, bit depth and lossy "
      "input. Each finding is ok, advice or a problem, with the value, the threshold and "
      "where it happens. The file is decoded once."));
  g_option_context_set_description (context,
    _("Exit status: 0 no problems (advice allowed), 1 usage error, 2 a file could not be read "
      "or is not valid audio, 4 problems were found."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      lq_cli_print_error ("%s", error->message);
      return LQ_EXIT_USAGE;
    }
  if (profile_name != NULL && !lq_check_profile_from_string (profile_name, &profile))
    {
      lq_cli_print_error (_("check: unknown profile “%s” (default, strict or relaxed)"),
                          profile_name);
      return LQ_EXIT_USAGE;
    }
  lq_check_settings_init (&settings, profile);
  for (guint i = 0; sets != NULL && sets[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (sets[i], "=", 2);
      char *end = NULL;
      double value = kv[0] && kv[1] ? g_ascii_strtod (kv[1], &end) : NAN;

      if (kv[0] == NULL || kv[1] == NULL || end == kv[1] || *end != '\0' || !isfinite (value)
          || !lq_check_settings_set (&settings, kv[0], value))
        {
          lq_cli_print_error (_("check: “%s” is not NAME=VALUE with a known setting "
                                "(see --list-settings)"), sets[i]);
          return LQ_EXIT_USAGE;
        }
    }
  if (list)
    {
      print_settings (&settings);
      return LQ_EXIT_OK;
    }
  if (files == NULL || files[0] == NULL)
    {
      lq_cli_print_error ("%s", _("check: no file given (see “lacquer check --help”)"));
      return LQ_EXIT_USAGE;
    }

  for (guint f = 0; files[f]; f++)
    {
      g_autoptr(LqCheckReport) report = NULL;
      g_autoptr(GError) file_error = NULL;

      /* Loudness and peaks and the check readings: nothing for the views. */
      report = lq_check_file (files[f], LQ_ANALYZE_SUMMARY, &settings, profile, NULL,
                              &file_error);
      if (report == NULL)
        {
          lq_cli_print_error ("%s", file_error->message);
          status = LQ_EXIT_INPUT;
          continue;
        }
      problems |= report->worst == LQ_CHECK_PROBLEM;
      if (json)
        print_json (report);
      else
        {
          if (f > 0)
            printf ("\n");
          print_text (report, all);
        }
    }
  fflush (stdout);
  /* An unreadable file outranks the findings of the others. */
  if (status == LQ_EXIT_OK && problems)
    status = LQ_EXIT_PROBLEMS;
  return status;
}
