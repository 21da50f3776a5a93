/* lq-cli-presets.c
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
#include <stdio.h>

#include "lq-cli.h"
#include "lq-presets.h"

static const char *
sample_format_name (LqSampleFormat f)
{
  return f == LQ_SAMPLE_FORMAT_S16 ? "16" : f == LQ_SAMPLE_FORMAT_S24 ? "24" : "32f";
}

int
lq_cli_presets (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the presets as a JSON array"), NULL },
    { NULL }
  };
  const LqPreset *presets;
  guint n;

  context = g_option_context_new (_("— list delivery presets"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Lists the delivery targets “lacquer render --preset NAME” knows: integrated loudness, "
      "true-peak ceiling and the file format written."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      lq_cli_print_error ("%s", error->message);
      return LQ_EXIT_USAGE;
    }
  if (argc > 1)
    {
      lq_cli_print_error (_("presets: unexpected argument “%s”"), argv[1]);
      return LQ_EXIT_USAGE;
    }

  presets = lq_presets_get_all (&n);
  if (json)
    {
      g_autoptr(GString) s = g_string_new ("[");

      for (guint i = 0; i < n; i++)
        {
          g_string_append (s, i ? ",{" : "{");
          lq_cli_json_append_string (s, "id", presets[i].id, FALSE);
          lq_cli_json_append_string (s, "label", _(presets[i].label), FALSE);
          lq_cli_json_append_number (s, "target_lufs", presets[i].target_lufs, 1, FALSE);
          lq_cli_json_append_number (s, "ceiling_dbtp", presets[i].ceiling_dbtp, 1, FALSE);
          lq_cli_json_append_string (s, "format", lq_file_format_to_string (presets[i].format),
                                     FALSE);
          lq_cli_json_append_string (s, "bits", sample_format_name (presets[i].sample_format),
                                     FALSE);
          lq_cli_json_append_number (s, "sample_rate", presets[i].sample_rate, 0, TRUE);
          g_string_append_c (s, '}');
        }
      printf ("%s]\n", s->str);
      return LQ_EXIT_OK;
    }

  {
    g_autofree char *name = lq_cli_pad (_("NAME"), 12);
    g_autofree char *dest = lq_cli_pad (_("DESTINATION"), 20);
    g_autofree char *tgt = lq_cli_pad (_("TARGET"), 9);
    g_autofree char *ceil = lq_cli_pad (_("CEILING"), 9);

    printf ("%s %s %s %s  %s\n", name, dest, tgt, ceil, _("FILE"));
  }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *target = g_strdup_printf ("%.0f LUFS", presets[i].target_lufs);
      g_autofree char *ceiling = g_strdup_printf ("%.1f dBTP", presets[i].ceiling_dbtp);
      g_autofree char *file = NULL;

      if (presets[i].sample_rate)
        file = g_strdup_printf ("%s %s-bit %.1f kHz", lq_file_format_to_string (presets[i].format),
                                sample_format_name (presets[i].sample_format),
                                presets[i].sample_rate / 1000.0);
      else
        file = g_strdup_printf (_("%s %s-bit, mix rate"),
                                lq_file_format_to_string (presets[i].format),
                                sample_format_name (presets[i].sample_format));
      g_autofree char *label = lq_cli_pad (_(presets[i].label), 20);

      g_autofree char *t = lq_cli_pad (target, 9);
      g_autofree char *c = lq_cli_pad (ceiling, 9);

      printf ("%-12s %s %s %s  %s\n", presets[i].id, label, t, c, file);
      printf ("%-12s %s\n", "", _(presets[i].note));
    }
  return LQ_EXIT_OK;
}
