/* fuzz-session-file.c
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

/* libFuzzer: `.lacquer` sessions as opening a project and autosave recovery read them,
 * including the missing-files path (some names exist beside the session, most do not).
 * An accepted session must save, reload and save again to the same bytes. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>

#include "lq-fuzz.h"
#include "lq-session-file.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *dir, *input, *first, *second;

static void
setup (void)
{
  g_autofree char *refs = NULL;
  g_autoptr(GError) error = NULL;

  if (dir != NULL)
    return;
  lq_fuzz_init ();
  dir = g_dir_make_tmp ("lq-fuzz-session-XXXXXX", &error);
  LQ_FUZZ_CHECK (dir != NULL);
  refs = g_build_filename (dir, "refs", NULL);
  LQ_FUZZ_CHECK (g_mkdir (refs, 0755) == 0);
  /* The seeds name these, so both branches of the missing-files check run. */
  for (guint i = 0; i < 3; i++)
    {
      const char *names[] = { "mix.wav", "refs/one.flac", "refs/two.wav" };
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      LQ_FUZZ_CHECK (g_file_set_contents (path, "x", 1, NULL));
    }
  input = g_build_filename (dir, "input.lacquer", NULL);
  first = g_build_filename (dir, "first.lacquer", NULL);
  second = g_build_filename (dir, "second.lacquer", NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(LqSessionData) session = NULL;
  g_autoptr(LqSessionData) back = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  setup ();
  LQ_FUZZ_CHECK (g_file_set_contents (input, (const char *) data, (gssize) size, NULL));
  session = lq_session_file_load (input, &missing, &error);
  if (session == NULL)
    {
      LQ_FUZZ_CHECK (error != NULL && strstr (error->message, "input.lacquer") != NULL);
      return 0;
    }
  /* Every missing file is one of the session's. */
  for (guint i = 0; i < missing->len; i++)
    {
      gboolean found = g_strcmp0 (session->mix, g_ptr_array_index (missing, i)) == 0;

      for (guint k = 0; k < session->references->len && !found; k++)
        found = g_str_equal (g_ptr_array_index (session->references, k),
                             g_ptr_array_index (missing, i));
      LQ_FUZZ_CHECK (found);
      LQ_FUZZ_CHECK (!g_file_test (g_ptr_array_index (missing, i), G_FILE_TEST_EXISTS));
    }

  LQ_FUZZ_CHECK (lq_session_file_save (first, session, &error));
  back = lq_session_file_load (first, NULL, &error);
  LQ_FUZZ_CHECK (back != NULL);
  LQ_FUZZ_CHECK (lq_session_file_save (second, back, &error));
  LQ_FUZZ_CHECK (g_file_get_contents (first, &a, NULL, NULL));
  LQ_FUZZ_CHECK (g_file_get_contents (second, &b, NULL, NULL));
  LQ_FUZZ_CHECK (strcmp (a, b) == 0);
  return 0;
}
