/* lq-cli-abx.c
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
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include "lq-abx.h"
#include "lq-cli.h"
#include "lq-player.h"

/* `lacquer abx A B`: the blind A/B/X test in a terminal. Single keys, read raw from the
 * terminal: a, b and x play a candidate from the start of the segment (switching with the
 * player's crossfade), 1 answers "X is A", 2 "X is B", q quits. Nothing printed before the
 * end depends on X. When stdin is not a terminal (a script), the keys are read from it and
 * each candidate plays the whole segment once before the next key is taken, so a scripted
 * run is heard (and captured) in full. */

#define LEVEL_TOLERANCE_LU 0.1

typedef struct
{
  LqPlayer    *player;
  LqAbxTest   *test;
  GMainLoop   *loop;
  GString     *keys;          /* read, not yet handled */
  gboolean     interactive;   /* stdin is a terminal */
  gboolean     eof;
  gboolean     busy;          /* scripted: a candidate is still playing its segment */
  gboolean     heard_x;       /* in this trial */
  gboolean     quit;
  gboolean     lost;
} AbxRun;

static int
slot_of (LqAbxChoice c)
{
  return c == LQ_ABX_A ? LQ_SLOT_MIX : LQ_SLOT_REFERENCE;
}

static void
print_trial (AbxRun *run)
{
  printf (_("Trial %u of %u: play A, B and X (keys a, b, x) as often as you like, then "
            "answer 1 (X is A) or 2 (X is B); q quits.\n"),
          lq_abx_test_get_trial (run->test) + 1, lq_abx_test_get_n_trials (run->test));
  fflush (stdout);
}

/* Every candidate starts at the same point: the start of the segment (selected first, so
 * the seek is the candidate's own). */
static void
play_candidate (AbxRun      *run,
                char         key,
                LqAbxChoice  c)
{
  lq_player_select (run->player, slot_of (c));
  lq_player_seek (run->player, 0);
  lq_player_play (run->player);
  run->busy = !run->interactive;
  printf (_("Playing %c\n"), g_ascii_toupper (key));
  fflush (stdout);
}

static void
handle_key (AbxRun *run,
            char    key)
{
  switch (g_ascii_tolower (key))
    {
    case 'a':
      play_candidate (run, key, LQ_ABX_A);
      break;
    case 'b':
      play_candidate (run, key, LQ_ABX_B);
      break;
    case 'x':
      play_candidate (run, key, lq_abx_test_get_x (run->test));
      run->heard_x = TRUE;
      break;
    case '1':
    case '2':
      if (!run->heard_x)
        {
          printf ("%s\n", _("Listen to X first (key x)."));
          break;
        }
      lq_player_pause (run->player);
      lq_abx_test_answer (run->test, key == '1' ? LQ_ABX_A : LQ_ABX_B);
      run->heard_x = FALSE;
      if (lq_abx_test_get_finished (run->test))
        g_main_loop_quit (run->loop);
      else
        print_trial (run);
      break;
    case 'q':
      run->quit = TRUE;
      g_main_loop_quit (run->loop);
      break;
    default:
      /* Spaces and newlines between scripted keys, anything else: ignored. */
      break;
    }
}

static void
handle_keys (AbxRun *run)
{
  while (run->keys->len > 0 && !run->busy && !run->quit
         && !lq_abx_test_get_finished (run->test))
    {
      char key = run->keys->str[0];

      g_string_erase (run->keys, 0, 1);
      handle_key (run, key);
    }
  if (run->eof && run->keys->len == 0 && !run->busy)
    {
      run->quit = TRUE;
      g_main_loop_quit (run->loop);
    }
}

static gboolean
stdin_cb (int          fd,
          GIOCondition condition,
          gpointer     user_data)
{
  AbxRun *run = user_data;
  char buf[64];
  ssize_t n = read (fd, buf, sizeof buf);

  if (n < 0 && (errno == EINTR || errno == EAGAIN))
    return G_SOURCE_CONTINUE;
  if (n <= 0)
    run->eof = TRUE;
  else
    g_string_append_len (run->keys, buf, n);
  handle_keys (run);
  return run->eof ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static void
end_of_stream_cb (LqPlayer *player,
                  AbxRun   *run)
{
  run->busy = FALSE;
  handle_keys (run);
}

static void
device_status_cb (LqPlayer   *player,
                  GParamSpec *pspec,
                  AbxRun     *run)
{
  if (lq_player_get_device_status (player) == LQ_DEVICE_STATUS_LOST)
    {
      run->lost = TRUE;
      g_main_loop_quit (run->loop);
    }
}

static void
measuring_cb (LqPlayer   *player,
              GParamSpec *pspec,
              GMainLoop  *loop)
{
  if (!lq_player_get_measuring (player))
    g_main_loop_quit (loop);
}

static gboolean
interrupt_cb (gpointer user_data)
{
  AbxRun *run = user_data;

  run->quit = TRUE;
  g_main_loop_quit (run->loop);
  return G_SOURCE_CONTINUE;
}

static guint64
random_seed (void)
{
  return ((guint64) g_random_int () << 32) | g_random_int ();
}

/* Both sources as the player plays them: the same integrated loudness within 0.1 LU, or an
 * error naming the one that cannot be matched (silence). */
static gboolean
check_matched (LqPlayer       *player,
               LqSourceBuffer *a,
               LqSourceBuffer *b,
               double         *level_a,
               double         *level_b)
{
  *level_a = lq_player_get_loudness (player, LQ_SLOT_MIX)
             + lq_player_get_gain_db (player, LQ_SLOT_MIX);
  *level_b = lq_player_get_loudness (player, LQ_SLOT_REFERENCE)
             + lq_player_get_gain_db (player, LQ_SLOT_REFERENCE);
  if (!isfinite (*level_a) || !isfinite (*level_b)
      || fabs (*level_a - *level_b) > LEVEL_TOLERANCE_LU)
    {
      lq_cli_print_error (_("abx: %s and %s cannot be matched in loudness (is one silent?)"),
                          lq_source_buffer_get_display_name (a),
                          lq_source_buffer_get_display_name (b));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_log (const char  *path,
           const char  *log,
           GError     **error)
{
  /* Written beside the destination and renamed into place: never a partial log. */
  return g_file_set_contents_full (path, log, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

int
lq_cli_abx (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LqSourceBuffer) a = NULL;
  g_autoptr(LqSourceBuffer) b = NULL;
  g_autoptr(LqPlayer) player = NULL;
  g_autoptr(LqAbxTest) test = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GString) keys = g_string_new (NULL);
  g_auto(GStrv) files = NULL;
  g_autofree char *device = NULL;
  g_autofree char *log_path = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *seed_line = NULL;
  g_autofree char *id_a = NULL;
  g_autofree char *id_b = NULL;
  g_autofree char *log = NULL;
  g_autofree char *verdict = NULL;
  int trials = LQ_ABX_DEFAULT_TRIALS;
  double crossfade = LQ_ABX_DEFAULT_CROSSFADE_MS, level_a, level_b, p;
  guint64 seed;
  guint k, n, stdin_id, sigint_id, sigterm_id;
  struct termios saved_tty, raw_tty;
  AbxRun run = { 0 };
  const GOptionEntry entries[] = {
    { "trials", 'n', 0, G_OPTION_ARG_INT, &trials,
      N_("Number of trials, fixed before the first (default 16, at most 64)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      N_("Seed of the random draws, to replay a test (default: a random one)"), N_("SEED") },
    { "crossfade-ms", 0, 0, G_OPTION_ARG_DOUBLE, &crossfade,
      N_("Crossfade when switching, 2 … 50 ms (default 5)"), N_("MS") },
    { "device", 'd', 0, G_OPTION_ARG_STRING, &device,
      N_("Output device (a name from “lacquer play --list-devices”)"), N_("NAME") },
    { "log", 'l', 0, G_OPTION_ARG_FILENAME, &log_path,
      N_("Write the test's log to FILE at the end"), N_("FILE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("A B — a blind A/B/X test between two files"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Plays A, B and X (A or B, drawn at random in each trial) at matched loudness, from the "
      "same start point, and asks whether X is A or B. Keys: a, b, x play; 1 answers “X is "
      "A”, 2 “X is B”; q quits. The score stays hidden until the last trial; then the "
      "result (k of n correct, the probability p of doing as well by guessing, and a verdict) "
      "and the log are printed. Without a terminal the keys are read from standard input."));
  g_option_context_set_description (context,
    _("Exit status: 0 success, 1 usage error, 2 a file could not be read or no audio device "
      "could play, 3 the log could not be written."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      lq_cli_print_error ("%s", error->message);
      return LQ_EXIT_USAGE;
    }
  if (files == NULL || g_strv_length (files) != 2)
    {
      lq_cli_print_error ("%s", _("abx: give two files, A and B (see “lacquer abx --help”)"));
      return LQ_EXIT_USAGE;
    }
  if (trials < 1 || trials > LQ_ABX_MAX_TRIALS || !(crossfade >= LQ_ABX_MIN_CROSSFADE_MS)
      || !(crossfade <= LQ_ABX_MAX_CROSSFADE_MS))
    {
      lq_cli_print_error ("%s", _("abx: --trials takes 1 … 64 and --crossfade-ms 2 … 50"));
      return LQ_EXIT_USAGE;
    }
  if (seed_text == NULL)
    seed = random_seed ();
  else if (!g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &seed, NULL))
    {
      lq_cli_print_error (_("abx: --seed takes a whole number from 0 (“%s”)"), seed_text);
      return LQ_EXIT_USAGE;
    }

  a = lq_source_buffer_load (files[0], 0, NULL, &error);
  if (a != NULL)
    b = lq_source_buffer_load (files[1], lq_source_buffer_get_sample_rate (a), NULL, &error);
  if (b == NULL)
    {
      lq_cli_print_error ("%s", error->message);
      return LQ_EXIT_INPUT;
    }

  /* A as the mix and B as a reference: the player's matching brings both to one common
   * level, lowered where a true peak needs the headroom. */
  player = lq_player_new ();
  lq_player_set_match_enabled (player, TRUE);
  lq_player_set_crossfade_ms (player, crossfade);
  /* A and B on one timeline: a switch keeps the position, whichever is heard. */
  lq_player_set_sync_references (player, TRUE);
  if (!lq_player_set_sources (player, a, &b, 1, &error))
    {
      lq_cli_print_error ("%s", error->message);
      return LQ_EXIT_INPUT;
    }
  loop = g_main_loop_new (NULL, FALSE);
  if (lq_player_get_measuring (player))
    {
      gulong id = g_signal_connect (player, "notify::measuring", G_CALLBACK (measuring_cb), loop);

      g_main_loop_run (loop);
      g_signal_handler_disconnect (player, id);
    }
  if (!check_matched (player, a, b, &level_a, &level_b))
    return LQ_EXIT_INPUT;

  run.interactive = isatty (STDIN_FILENO);
  /* In a terminal the segment repeats until the listener switches. */
  lq_player_set_loop (player, run.interactive, 0, lq_player_get_duration (player));
  if (!lq_player_open_device (player, device, 0, &error))
    {
      lq_cli_print_error ("%s", error->message);
      return LQ_EXIT_INPUT;
    }

  id_a = lq_abx_dup_audio_identity (a);
  id_b = lq_abx_dup_audio_identity (b);
  test = lq_abx_test_new (lq_source_buffer_get_path (a), lq_source_buffer_get_path (b));
  g_object_set (test, "identity-a", id_a, "identity-b", id_b, "n-trials", (guint) trials,
                "seed", seed, "crossfade-ms", crossfade,
                "device", lq_player_get_device_name (player), NULL);
  lq_abx_test_set_levels (test, level_a, level_b);
  lq_abx_test_start (test);

  seed_line = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);
  printf (_("A: %s\nB: %s\nBoth play at %.2f LUFS (matched within %.2f LU); %d trials, "
            "seed %s, device %s\n"),
          lq_source_buffer_get_display_name (a), lq_source_buffer_get_display_name (b),
          level_a, fabs (level_a - level_b), trials, seed_line,
          lq_player_get_device_name (player));

  run.player = player;
  run.test = test;
  run.loop = loop;
  run.keys = keys;
  if (run.interactive && tcgetattr (STDIN_FILENO, &saved_tty) == 0)
    {
      raw_tty = saved_tty;
      raw_tty.c_lflag &= ~(ICANON | ECHO);
      raw_tty.c_cc[VMIN] = 1;
      raw_tty.c_cc[VTIME] = 0;
      tcsetattr (STDIN_FILENO, TCSANOW, &raw_tty);
    }
  else
    run.interactive = FALSE;
  print_trial (&run);

  g_signal_connect (player, "end-of-stream", G_CALLBACK (end_of_stream_cb), &run);
  g_signal_connect (player, "notify::device-status", G_CALLBACK (device_status_cb), &run);
  stdin_id = g_unix_fd_add (STDIN_FILENO, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_cb, &run);
  sigint_id = g_unix_signal_add (SIGINT, interrupt_cb, &run);
  sigterm_id = g_unix_signal_add (SIGTERM, interrupt_cb, &run);

  g_main_loop_run (loop);

  if (!run.eof)
    g_source_remove (stdin_id);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  if (run.interactive)
    tcsetattr (STDIN_FILENO, TCSANOW, &saved_tty);

  if (run.lost)
    {
      lq_cli_print_error ("%s", lq_player_get_device_message (player));
      return LQ_EXIT_INPUT;
    }
  lq_player_pause (player);
  lq_player_drain_device (player);

  if (!lq_abx_test_get_score (test, &k, &n, &p))
    {
      printf (_("Stopped after %u of %u trials: no result (the score is only given for a "
                "complete test).\n"), lq_abx_test_get_trial (test), lq_abx_test_get_n_trials (test));
      return LQ_EXIT_OK;
    }

  log = lq_abx_test_dup_log (test);
  verdict = lq_abx_test_dup_verdict (test);
  printf ("\n%s\n", log);
  printf (_("Result: %u of %u correct\n%s\n"), k, n, verdict);
  if (log_path != NULL && !write_log (log_path, log, &error))
    {
      lq_cli_print_error ("%s", error->message);
      return LQ_EXIT_OUTPUT;
    }
  return LQ_EXIT_OK;
}
