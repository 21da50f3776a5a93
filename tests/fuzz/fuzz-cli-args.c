/* fuzz-cli-args.c
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

/* libFuzzer: the command line. The input is argv after "lacquer", arguments separated by NUL
 * bytes; the commands run for real in a scratch folder holding a short mix and a chain.
 * Whatever the arguments, the exit status is one of the contract's (0 ok, 1 usage, 2 bad
 * input, 3 output not writable) and nothing crashes.
 *
 * Left out, so the fuzzer cannot leave the scratch folder or stop the process: arguments
 * with '/' (every path stays inside it), --help and -h/-? (GOption exits), and `play` (it
 * needs an audio device; its options are parsed the same way as render's). */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sndfile.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "lq-cli.h"
#include "lq-fuzz.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define MAX_ARGS 16
/* Half a second: long enough for integrated loudness (0.4 s gating blocks). */
#define MIX_FRAMES 22050

static char *dir;

static const char chain_json[] =
  "{\"lacquer_chain\": 1, \"limiter\": {\"bypass\": false, \"ceiling_dbtp\": -1, "
  "\"lookahead_ms\": 1.5, \"release_ms\": 50}}";

static void
write_mix (const char *path)
{
  SF_INFO info = { .samplerate = 44100, .channels = 2,
                   .format = SF_FORMAT_WAV | SF_FORMAT_PCM_16 };
  SNDFILE *sf = sf_open (path, SFM_WRITE, &info);
  static float frames[2 * MIX_FRAMES];

  LQ_FUZZ_CHECK (sf != NULL);
  for (guint i = 0; i < MIX_FRAMES; i++)
    frames[2 * i] = frames[2 * i + 1] = 0.5f * sinf ((float) i * 0.0627f);
  sf_writef_float (sf, frames, MIX_FRAMES);
  sf_close (sf);
}

/* The scratch folder holds exactly mix.wav and chain.json before each run. */
static void
reset_folder (void)
{
  g_autoptr(GDir) d = g_dir_open (".", 0, NULL);
  const char *name;

  LQ_FUZZ_CHECK (d != NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    if (!g_str_equal (name, "mix.wav"))
      LQ_FUZZ_CHECK (g_remove (name) == 0);
  if (!g_file_test ("mix.wav", G_FILE_TEST_IS_REGULAR))
    write_mix ("mix.wav");
  LQ_FUZZ_CHECK (g_file_set_contents ("chain.json", chain_json, -1, NULL));
}

static gboolean
allowed (const char *arg)
{
  if (strchr (arg, '/') != NULL || g_str_has_prefix (arg, "--help")
      || g_str_equal (arg, "play"))
    return FALSE;
  /* A cluster of short options ("-fh") asks for help as well. */
  if (arg[0] == '-' && arg[1] != '-' && (strchr (arg, 'h') || strchr (arg, '?')))
    return FALSE;
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  char **argv;
  size_t start = 0;
  int status;

  if (dir == NULL)
    {
      lq_fuzz_init ();
      dir = g_dir_make_tmp ("lq-fuzz-cli-XXXXXX", NULL);
      LQ_FUZZ_CHECK (dir != NULL && g_chdir (dir) == 0);
      /* No audio device, and no JACK server started. */
      g_setenv ("JACK_NO_START_SERVER", "1", TRUE);
    }

  g_ptr_array_add (args, g_strdup ("lacquer"));
  for (size_t i = 0; i <= size && args->len <= MAX_ARGS; i++)
    if (i == size || data[i] == '\0')
      {
        char *arg = g_strndup ((const char *) data + start, i - start);

        if (!g_utf8_validate (arg, -1, NULL) || !allowed (arg))
          {
            g_free (arg);
            return 0;
          }
        g_ptr_array_add (args, arg);
        start = i + 1;
      }
  if (args->len < 2 || args->len > MAX_ARGS || !lq_cli_handles ((int) args->len,
                                                                (char **) args->pdata))
    return 0;

  reset_folder ();
  /* The commands may permute argv (GOption does): hand them a copy. */
  argv = g_new0 (char *, args->len + 1);
  memcpy (argv, args->pdata, sizeof (char *) * args->len);
  status = lq_cli_run ((int) args->len, argv);
  g_free (argv);
  LQ_FUZZ_CHECK (status >= LQ_EXIT_OK && status <= LQ_EXIT_OUTPUT);
  return 0;
}
