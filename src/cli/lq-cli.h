/* lq-cli.h
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

G_BEGIN_DECLS

/* Exit statuses of the command line contract. */
typedef enum
{
  LQ_EXIT_OK = 0,
  LQ_EXIT_USAGE = 1,
  LQ_EXIT_INPUT = 2,
  LQ_EXIT_OUTPUT = 3,
  LQ_EXIT_PROBLEMS = 4,   /* check: the mix has problems */
} LqExitStatus;

/* TRUE when argv[1] names a subcommand or a top-level option the CLI answers
 * (--help, --version); anything else starts the GUI. */
gboolean lq_cli_handles    (int    argc,
                            char **argv);
int      lq_cli_run        (int    argc,
                            char **argv);

/* Subcommands, argv[0] being the subcommand name. */
int      lq_cli_abx        (int    argc,
                            char **argv);
int      lq_cli_analyze    (int    argc,
                            char **argv);
int      lq_cli_check      (int    argc,
                            char **argv);
int      lq_cli_presets    (int    argc,
                            char **argv);
int      lq_cli_play       (int    argc,
                            char **argv);
int      lq_cli_render     (int    argc,
                            char **argv);

/* Helpers shared by the subcommands. */
void     lq_cli_print_error (const char *format,
                             ...) G_GNUC_PRINTF (1, 2);
char    *lq_cli_json_escape (const char *text);
/* The one writer of every --json: "key":value, a JSON number formatted the same in every
 * locale, or null for a reading that does not exist (silence gives -inf, which is not JSON);
 * a comma follows unless last. */
void     lq_cli_json_append_number (GString    *s,
                                    const char *key,
                                    double      value,
                                    int         decimals,
                                    gboolean    last);
/* "key":"text" with text escaped, and a comma unless last. */
void     lq_cli_json_append_string (GString    *s,
                                    const char *key,
                                    const char *text,
                                    gboolean    last);
char    *lq_cli_format_lufs (double      value,
                             const char *unit);
/* text padded with spaces to width characters (not bytes: Russian labels are two bytes a
 * letter, and printf's %-22s would misalign them). */
char    *lq_cli_pad         (const char *text,
                             int         width);
/* "  LABEL…  VALUE" lines of the readable reports. */
void     lq_cli_print_row   (const char *label,
                             const char *value);

G_END_DECLS
