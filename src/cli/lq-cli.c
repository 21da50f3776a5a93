/* lq-cli.c
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

#include "lq-cli.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
  const char *synopsis;
} Subcommand;

static const Subcommand subcommands[] = {
  { "analyze", lq_cli_analyze, N_("Measure loudness, loudness range and peaks of audio files"),
    "lacquer analyze FILE… [--json]" },
  { "check", lq_cli_check, N_("Check whether a mix is ready for mastering"),
    "lacquer check MIX… [--json] [--profile strict|relaxed] [--set NAME=VALUE]… [--all]" },
  { "render", lq_cli_render, N_("Render a master through the chain, to a loudness target"),
    "lacquer render MIX -o OUT [--chain CHAIN.json|SESSION.lacquer [--snapshot NAME]]\n"
    "               [--preset NAME] [--target-lufs X] [--ceiling-dbtp Y] [--max-limiting DB]\n"
    "               [--format wav|flac|aiff] [--bits 16|24|32f] [--rate HZ]\n"
    "               [--dither tpdf|shaped|none] [--force] [--json]" },
  { "play", lq_cli_play, N_("Play a mix against references at matched loudness"),
    "lacquer play MIX [--reference REF]… [--chain CHAIN.json] [--no-match]\n"
    "             [--switch-every SECONDS] [--device NAME] [--list-devices] [--buffer FRAMES]" },
  { "abx", lq_cli_abx, N_("Blind A/B/X test between two files, with keys, at matched loudness"),
    "lacquer abx A B [--trials N] [--seed S] [--crossfade-ms MS] [--device NAME] [--log FILE]" },
  { "presets", lq_cli_presets, N_("List delivery presets (targets, ceilings, formats)"),
    "lacquer presets [--json]" },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage:"));
  fprintf (out, "  lacquer [MIX [REFERENCE…]]\n");
  fprintf (out, "  lacquer --demo\n");
  fprintf (out, "  lacquer COMMAND [OPTION…]\n\n");
  fprintf (out, "%s\n\n", _("Lacquer is a mastering workstation: compare a mix with references at "
                            "matched loudness, shape it and export a master that meets a delivery "
                            "target. Without a command it starts the application and opens the "
                            "files given as the mix and references."));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    fprintf (out, "  %-10s %s\n", subcommands[i].name, _(subcommands[i].summary));
  fprintf (out, "\n%s\n", _("Synopsis:"));
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    fprintf (out, "  %s\n", subcommands[i].synopsis);
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  -h, --help     %s\n", _("Show this help"));
  fprintf (out, "  --version      %s\n", _("Show the version"));
  fprintf (out, "  --demo         %s\n", _("Start the application with the built-in demo mix and reference"));
  fprintf (out, "\n%s\n", _("Run “lacquer COMMAND --help” for the options of a command."));
  fprintf (out, "\n%s\n", _("Exit status: 0 success, 1 usage error, 2 unreadable or invalid "
                            "input, 3 output could not be written, 4 check found problems."));
}

gboolean
lq_cli_handles (int    argc,
                char **argv)
{
  if (argc < 2)
    return FALSE;
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "--version") || g_str_equal (argv[1], "help"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      return TRUE;
  return FALSE;
}

int
lq_cli_run (int    argc,
            char **argv)
{
  g_return_val_if_fail (argc >= 2, LQ_EXIT_USAGE);

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("lacquer %s\n", PACKAGE_VERSION);
      return LQ_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return LQ_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      {
        /* So that --help and errors say "lacquer analyze", not "analyze". */
        g_autofree char *prgname = g_strdup_printf ("lacquer %s", subcommands[i].name);

        g_set_prgname (prgname);
        return subcommands[i].run (argc - 1, argv + 1);
      }

  print_usage (stderr);
  return LQ_EXIT_USAGE;
}

void
lq_cli_print_error (const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "lacquer: %s\n", message);
}

char *
lq_cli_json_escape (const char *text)
{
  GString *s = g_string_new ("\"");

  for (const char *p = text; *p; p++)
    {
      unsigned char c = (unsigned char) *p;

      switch (c)
        {
        case '"':  g_string_append (s, "\\\""); break;
        case '\\': g_string_append (s, "\\\\"); break;
        case '\n': g_string_append (s, "\\n"); break;
        case '\r': g_string_append (s, "\\r"); break;
        case '\t': g_string_append (s, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (s, "\\u%04x", c);
          else
            g_string_append_c (s, (char) c);
        }
    }
  g_string_append_c (s, '"');
  return g_string_free (s, FALSE);
}

/* Formatted with g_ascii_formatd: printf follows the user's locale, and a decimal comma is
 * not JSON. */
void
lq_cli_json_append_number (GString    *s,
                           const char *key,
                           double      value,
                           int         decimals,
                           gboolean    last)
{
  if (isfinite (value))
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      char format[8];

      g_snprintf (format, sizeof format, "%%.%df", decimals);
      g_string_append_printf (s, "\"%s\":%s", key,
                              g_ascii_formatd (buf, sizeof buf, format, value));
    }
  else
    g_string_append_printf (s, "\"%s\":null", key);
  if (!last)
    g_string_append_c (s, ',');
}

void
lq_cli_json_append_string (GString    *s,
                           const char *key,
                           const char *text,
                           gboolean    last)
{
  g_autofree char *escaped = lq_cli_json_escape (text);

  g_string_append_printf (s, "\"%s\":%s", key, escaped);
  if (!last)
    g_string_append_c (s, ',');
}

/* "-14.02 LUFS", or "—" for silence; a value that rounds to zero prints as 0.00, never
 * -0.00 (a peak of full scale, no limiting). */
char *
lq_cli_format_lufs (double      value,
                    const char *unit)
{
  if (!isfinite (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.2f %s", fabs (value) < 0.005 ? 0.0 : value, unit);
}

char *
lq_cli_pad (const char *text,
            int         width)
{
  GString *s = g_string_new (text);
  glong len = g_utf8_strlen (text, -1);

  for (glong i = len; i < width; i++)
    g_string_append_c (s, ' ');
  return g_string_free (s, FALSE);
}

void
lq_cli_print_row (const char *label,
                  const char *value)
{
  g_autofree char *padded = lq_cli_pad (label, 22);

  printf ("  %s %s\n", padded, value);
}
