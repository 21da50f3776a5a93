/* main.c
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

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "lq-cli.h"

/* The GUI lives in its own executable so that command-line runs (scripts, batch analysis,
 * the benchmarks) do not load and initialise the GTK stack: that was a tenth of the time of
 * `lacquer analyze` on a five-minute file. It is looked for beside this program (a build
 * tree), then where it is installed. */
static int
exec_gui (int    argc,
          char **argv)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self ? g_path_get_dirname (self) : NULL;
  g_autofree char *local = dir ? g_build_filename (dir, "lacquer-gui", NULL) : NULL;
  const char *installed = LIBEXECDIR G_DIR_SEPARATOR_S "lacquer-gui";
  const char *path = local && g_file_test (local, G_FILE_TEST_IS_EXECUTABLE) ? local : installed;
  int saved;

  (void) argc;
  execv (path, argv);
  saved = errno;
  fprintf (stderr, "lacquer: %s: %s\n", path, g_strerror (saved));
  return 1;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A known subcommand runs headless; anything else (file names included) is the GUI. */
  if (lq_cli_handles (argc, argv))
    return lq_cli_run (argc, argv);

  return exec_gui (argc, argv);
}
