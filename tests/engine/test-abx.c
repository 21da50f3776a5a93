/* test-abx.c
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

/* The blind A/B/X test's engine: the p-value against FACTS' check table and exact integer
 * sums, a scripted run, the draw's uniformity and replay, the hidden score, the log and the
 * session file's "abx" key. */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lq-abx-private.h"
#include "lq-session-file.h"
#include "lq-test-notify.h"

/* FACTS.md §3, to the table's precision (half a unit of its last digit). */
static void
test_p_table (void)
{
  static const struct { guint k, n; double p, tolerance; } table[] = {
    { 8, 10, 0.055, 0.0005 },
    { 9, 10, 0.011, 0.0005 },
    { 10, 10, 0.001, 0.0005 },
    { 12, 16, 0.038, 0.0005 },
    { 14, 16, 0.0021, 0.00005 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      double p = lq_abx_p_value (table[i].k, table[i].n);

      g_test_message ("%u/%u: p = %.6f (table %g)", table[i].k, table[i].n, p, table[i].p);
      g_assert_cmpfloat_with_epsilon (p, table[i].p, table[i].tolerance);
    }
}

/* Every n ≤ 32 and k ≤ n against sums of binomial coefficients computed here another way
 * (the multiplicative formula, in integers): all exact, so the doubles must be equal. */
static void
test_p_exact (void)
{
  for (guint n = 0; n <= 32; n++)
    for (guint k = 0; k <= n; k++)
      {
        guint64 c = 1, sum = 0;

        for (guint i = 0; i <= n; i++)
          {
            if (i >= k)
              sum += c;
            c = c * (n - i) / (i + 1);
          }
        g_assert_cmpfloat (lq_abx_p_value (k, n), ==, (double) sum / (double) (G_GUINT64_CONSTANT (1) << n));
      }
  /* The largest test: the tails of one row sum to 1, and the extremes are exact. */
  g_assert_cmpfloat (lq_abx_p_value (0, 64), ==, 1.0);
  g_assert_cmpfloat (lq_abx_p_value (64, 64), ==, ldexp (1.0, -64));
  for (guint k = 1; k <= 64; k++)
    g_assert_cmpfloat_with_epsilon (lq_abx_p_value (k, 64) + lq_abx_p_value (65 - k, 64), 1.0,
                                    1e-15);
}

static void
assert_hidden (LqAbxTest *test)
{
  guint k = 99;

  g_assert_false (lq_abx_test_get_finished (test));
  g_assert_false (lq_abx_test_get_score (test, &k, NULL, NULL));
  g_assert_cmpuint (k, ==, 99);
  g_assert_null (lq_abx_test_dup_verdict (test));
  g_assert_null (lq_abx_test_dup_log (test));
}

/* Answers known in advance (right for the first 12 trials, wrong for the last 4) give
 * k = 12 and FACTS' p; nothing tells the score before the last answer. */
static void
test_scripted_run (void)
{
  g_autoptr(LqAbxTest) test = lq_abx_test_new ("Mix", "Master");
  g_autofree char *verdict = NULL;
  guint k, n;
  double p;

  lq_abx_test_set_seed (test, 20260301);
  g_assert_cmpuint (lq_abx_test_get_n_trials (test), ==, 16);
  assert_hidden (test);
  lq_abx_test_start (test);
  for (guint i = 0; i < 16; i++)
    {
      LqAbxChoice x = lq_abx_test_get_x (test);

      assert_hidden (test);
      g_assert_cmpuint (lq_abx_test_get_trial (test), ==, i);
      lq_abx_test_answer (test, i < 12 ? x : (x == LQ_ABX_A ? LQ_ABX_B : LQ_ABX_A));
    }
  g_assert_true (lq_abx_test_get_finished (test));
  g_assert_true (lq_abx_test_get_score (test, &k, &n, &p));
  g_assert_cmpuint (k, ==, 12);
  g_assert_cmpuint (n, ==, 16);
  g_assert_cmpfloat (p, ==, lq_abx_p_value (12, 16));
  verdict = lq_abx_test_dup_verdict (test);
  g_assert_cmpstr (verdict, ==, "You reliably heard a difference (p = 0.038)");
}

/* Guessing "A" every time scores the number of A draws, and a verdict of no difference. */
static void
test_all_a (void)
{
  g_autoptr(LqAbxTest) test = lq_abx_test_new ("Mix", "Master");
  LqAbxChoice draws[16];
  g_autofree char *verdict = NULL;
  guint k, expected = 0;

  lq_abx_test_set_seed (test, 7);
  lq_abx_draw (7, draws, 16);
  for (guint i = 0; i < 16; i++)
    expected += draws[i] == LQ_ABX_A;
  lq_abx_test_start (test);
  for (guint i = 0; i < 16; i++)
    lq_abx_test_answer (test, LQ_ABX_A);
  g_assert_true (lq_abx_test_get_score (test, &k, NULL, NULL));
  g_assert_cmpuint (k, ==, expected);
  verdict = lq_abx_test_dup_verdict (test);
  g_test_message ("all A: %u/16, %s", k, verdict);
  g_assert_true (g_str_has_prefix (verdict, "No reliable difference heard (p = "));
}

/* Chi-square of the A/B counts over 10 000 draws, one degree of freedom, below the 0.1 %
 * critical value for several seeds. */
static void
test_uniform (void)
{
  static const guint64 seeds[] = { 0, 1, 42, 20260301, G_GUINT64_CONSTANT (0xdeadbeefcafef00d),
                                   G_MAXUINT64 };
  const guint n = 10000;
  g_autofree LqAbxChoice *draws = g_new (LqAbxChoice, n);

  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      double a = 0.0, chi2;
      guint runs = 1;

      lq_abx_draw (seeds[s], draws, n);
      for (guint i = 0; i < n; i++)
        {
          a += draws[i] == LQ_ABX_A;
          runs += i > 0 && draws[i] != draws[i - 1];
        }
      chi2 = (a - (n - a)) * (a - (n - a)) / n;
      g_test_message ("seed %" G_GUINT64_FORMAT ": %.0f A of %u, chi-square %.3f, %u runs",
                      seeds[s], a, n, chi2, runs);
      g_assert_cmpfloat (chi2, <, 10.83);
      /* An alternating or stuck sequence would pass the count; the number of runs of a fair
       * coin is (n + 1) / 2 with a standard deviation of about 50 here. */
      g_assert_cmpfloat (fabs (runs - (n + 1) / 2.0), <, 5 * 50.0);
    }
}

/* The same seed replays the same trials, in the test and in lq_abx_draw; another seed does
 * not. */
static void
test_replay (void)
{
  LqAbxChoice draws[64], other[64];
  g_autoptr(LqAbxTest) one = lq_abx_test_new ("A", "B");
  g_autoptr(LqAbxTest) two = lq_abx_test_new ("A", "B");

  lq_abx_draw (99, draws, 64);
  lq_abx_draw (100, other, 64);
  g_assert_true (memcmp (draws, other, sizeof draws) != 0);
  for (guint t = 0; t < 2; t++)
    {
      LqAbxTest *test = t == 0 ? one : two;

      lq_abx_test_set_n_trials (test, 64);
      lq_abx_test_set_seed (test, 99);
      lq_abx_test_start (test);
      for (guint i = 0; i < 64; i++)
        {
          g_assert_cmpint (lq_abx_test_get_x (test), ==, draws[i]);
          lq_abx_test_answer (test, LQ_ABX_B);
        }
    }
}

/* The settings are fixed once the test starts. */
static void
test_fixed_after_start (void)
{
  g_autoptr(LqAbxTest) test = lq_abx_test_new ("A", "B");

  lq_abx_test_set_n_trials (test, 10);
  lq_abx_test_start (test);
  g_test_expect_message ("Lacquer-Engine", G_LOG_LEVEL_CRITICAL, "*started*");
  lq_abx_test_set_n_trials (test, 5);
  g_test_assert_expected_messages ();
  g_test_expect_message ("Lacquer-Engine", G_LOG_LEVEL_CRITICAL, "*started*");
  lq_abx_test_set_seed (test, 5);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (lq_abx_test_get_n_trials (test), ==, 10);
  g_assert_cmpuint (lq_abx_test_get_seed (test), ==, 0);
}

/* The check makes up no guint64; the seed gets one here. */
static gboolean
seed_value (GParamSpec   *pspec,
            const GValue *current,
            GValue       *value,
            gpointer      user_data)
{
  if (G_VALUE_TYPE (value) != G_TYPE_UINT64)
    return FALSE;
  g_value_set_uint64 (value, g_value_get_uint64 (current) + 12345);
  return TRUE;
}

static void
test_properties (void)
{
  g_autoptr(LqAbxTest) test = lq_abx_test_new ("A", "B");

  lq_test_notify_check_object (G_OBJECT (test), seed_value, NULL);
}

/* The SHA-256 of the audio as little-endian floats, channels interleaved, against one
 * computed here over bytes laid out by hand. */
static void
test_audio_identity (void)
{
  const float frames[] = { 0.5f, -0.25f, 1.0f, 0.0f, -1.0f, 0.125f };
  guchar bytes[sizeof frames];
  g_autoptr(LqSourceBuffer) buffer = lq_source_buffer_new_from_interleaved ("t", 48000, 2,
                                                                            frames, 3);
  g_autofree char *id = lq_abx_dup_audio_identity (buffer);
  g_autofree char *expected = NULL;
  g_autofree char *hex = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    {
      guint32 bits;

      memcpy (&bits, &frames[i], 4);
      for (guint b = 0; b < 4; b++)
        bytes[4 * i + b] = (guchar) (bits >> (8 * b));
    }
  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, bytes, sizeof bytes);
  expected = g_strconcat ("sha256:", hex, NULL);
  g_assert_cmpstr (id, ==, expected);
}

static LqAbxTest *
finished_test (guint64 seed,
               guint   n)
{
  LqAbxTest *test = lq_abx_test_new ("Mix: mix.wav", "Master: snapshot “warm”");
  LqChainParams params;
  g_autofree char *chain = NULL;

  lq_chain_params_init_default (&params);
  chain = lq_abx_dup_chain_identity (&params);
  g_object_set (test, "identity-a", "sha256:00ff", "identity-b", chain, "seed", seed,
                "n-trials", n, "device", "default", "crossfade-ms", 10.0,
                "segment-start", 12.5, "segment-end", 20.25, NULL);
  lq_abx_test_set_levels (test, -17.02, -16.98);
  lq_abx_test_start (test);
  for (guint i = 0; i < n; i++)
    lq_abx_test_answer (test, i % 3 ? lq_abx_test_get_x (test) : LQ_ABX_A);
  return test;
}

/* The log names both versions, their identities and levels, the seed, every trial with its
 * time, and k, n, p. */
static void
test_log (void)
{
  g_autoptr(LqAbxTest) test = finished_test (123456789, 10);
  g_autofree char *log = lq_abx_test_dup_log (test);
  g_autofree char *score = NULL;
  g_auto(GStrv) lines = NULL;
  guint k, n, trials = 0;
  double p;

  g_test_message ("%s", log);
  g_assert_true (lq_abx_test_get_score (test, &k, &n, &p));
  score = g_strdup_printf ("Score: %u/%u correct", k, n);
  g_assert_nonnull (strstr (log, "A: Mix: mix.wav\n   sha256:00ff\n"));
  g_assert_nonnull (strstr (log, "B: Master: snapshot “warm”\n   chain:{"));
  g_assert_nonnull (strstr (log, "Matched levels: A -17.02 LUFS, B -16.98 LUFS"));
  g_assert_nonnull (strstr (log, "Seed: 123456789\n"));
  g_assert_nonnull (strstr (log, "Segment: 12.500 s to 20.250 s"));
  g_assert_nonnull (strstr (log, "Crossfade: 10.0 ms"));
  g_assert_nonnull (strstr (log, score));
  g_assert_nonnull (strstr (log, "p = "));
  lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (g_regex_match_simple ("^ +[0-9]+  [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z  [AB]  X is [AB]  "
                              "(correct|wrong)$", lines[i], 0, 0))
      trials++;
  g_assert_cmpuint (trials, ==, 10);
}

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("lq-abx-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
assert_same_test (LqAbxTest *a,
                  LqAbxTest *b)
{
  const char *strings[] = { "name-a", "name-b", "identity-a", "identity-b", "device" };
  double la, lb, ra, rb;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_autofree char *x = NULL;
      g_autofree char *y = NULL;

      g_object_get (a, strings[i], &x, NULL);
      g_object_get (b, strings[i], &y, NULL);
      g_assert_cmpstr (x, ==, y);
    }
  g_assert_cmpuint (lq_abx_test_get_n_trials (a), ==, lq_abx_test_get_n_trials (b));
  g_assert_cmpuint (lq_abx_test_get_seed (a), ==, lq_abx_test_get_seed (b));
  g_assert_cmpfloat (lq_abx_test_get_crossfade_ms (a), ==, lq_abx_test_get_crossfade_ms (b));
  g_assert_cmpfloat (lq_abx_test_get_segment_start (a), ==, lq_abx_test_get_segment_start (b));
  g_assert_cmpfloat (lq_abx_test_get_segment_end (a), ==, lq_abx_test_get_segment_end (b));
  g_assert_cmpint (lq_abx_test_get_levels (a, &la, &lb), ==, lq_abx_test_get_levels (b, &ra, &rb));
  if (isfinite (la))
    {
      g_assert_cmpfloat (la, ==, ra);
      g_assert_cmpfloat (lb, ==, rb);
    }
  g_assert_cmpint (lq_abx_test_get_started (a), ==, lq_abx_test_get_started (b));
  g_assert_cmpint (_lq_abx_test_get_started_us (a), ==, _lq_abx_test_get_started_us (b));
  g_assert_cmpuint (lq_abx_test_get_trial (a), ==, lq_abx_test_get_trial (b));
  for (guint i = 0; i < lq_abx_test_get_trial (a); i++)
    {
      LqAbxChoice x, y;
      gint64 tx, ty;

      _lq_abx_test_get_answer (a, i, &x, &tx);
      _lq_abx_test_get_answer (b, i, &y, &ty);
      g_assert_cmpint (x, ==, y);
      g_assert_cmpint (tx, ==, ty);
    }
}

static LqSessionData *
round_trip (const char    *dir,
            LqSessionData *d)
{
  g_autofree char *path = g_build_filename (dir, "abx.lacquer", NULL);
  g_autoptr(GError) error = NULL;
  LqSessionData *back;

  g_assert_true (lq_session_file_save (path, d, &error));
  g_assert_no_error (error);
  back = lq_session_file_load (path, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);
  return back;
}

/* A finished test, one half done and one not started survive a save and a load, answers,
 * times and all; the finished one gives the same score and log. */
static void
test_session_round_trip (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(LqSessionData) d = lq_session_data_new ();
  g_autoptr(LqSessionData) back = NULL;
  g_autofree char *log = NULL;
  g_autofree char *log_back = NULL;

  d->abx = finished_test (987654321987654321u, 16);
  back = round_trip (dir, d);
  g_assert_nonnull (back->abx);
  assert_same_test (d->abx, back->abx);
  g_assert_true (lq_abx_test_get_finished (back->abx));
  log = lq_abx_test_dup_log (d->abx);
  log_back = lq_abx_test_dup_log (back->abx);
  g_assert_cmpstr (log, ==, log_back);
  g_clear_pointer (&back, lq_session_data_free);

  g_clear_object (&d->abx);
  d->abx = lq_abx_test_new ("x", "y");
  lq_abx_test_set_seed (d->abx, G_MAXUINT64);
  lq_abx_test_start (d->abx);
  for (guint i = 0; i < 5; i++)
    lq_abx_test_answer (d->abx, LQ_ABX_B);
  back = round_trip (dir, d);
  assert_same_test (d->abx, back->abx);
  g_assert_false (lq_abx_test_get_finished (back->abx));
  g_assert_cmpint (lq_abx_test_get_x (back->abx), ==, lq_abx_test_get_x (d->abx));
  g_clear_pointer (&back, lq_session_data_free);

  g_clear_object (&d->abx);
  d->abx = lq_abx_test_new ("x", "y");
  back = round_trip (dir, d);
  assert_same_test (d->abx, back->abx);
  g_clear_pointer (&back, lq_session_data_free);

  /* Without a test, no key and none back. */
  g_clear_object (&d->abx);
  back = round_trip (dir, d);
  g_assert_null (back->abx);
  g_rmdir (dir);
}

/* A session without the key (every file before it) loads as before; a bad "abx" names the
 * file and the key. */
static void
test_session_bad (void)
{
  static const struct { const char *abx, *fragment; } bad[] = {
    { "[]", "abx" },
    { "{\"trials\": 0}", "abx.trials" },
    { "{\"trials\": 65}", "abx.trials" },
    { "{\"trials\": 1.5}", "trials" },
    { "{\"crossfade_ms\": 1}", "abx.crossfade_ms" },
    { "{\"crossfade_ms\": 51}", "abx.crossfade_ms" },
    { "{\"seed\": 5}", "seed" },
    { "{\"seed\": \"-1\"}", "abx.seed" },
    { "{\"seed\": \"18446744073709551616\"}", "abx.seed" },
    { "{\"name_a\": 3}", "name_a" },
    { "{\"segment\": {\"start_s\": -1}}", "abx.segment.start_s" },
    { "{\"levels_lufs\": {\"a\": \"loud\"}}", "a" },
    { "{\"started\": \"yesterday\"}", "abx.started" },
    { "{\"answers\": [{\"x_is\": \"A\", \"time\": \"2026-03-01T10:00:00Z\"}]}", "abx.answers" },
    { "{\"started\": \"2026-03-01T10:00:00Z\", \"trials\": 1, \"answers\": ["
      "{\"x_is\": \"A\", \"time\": \"2026-03-01T10:00:00Z\"},"
      "{\"x_is\": \"A\", \"time\": \"2026-03-01T10:00:01Z\"}]}", "abx.answers" },
    { "{\"started\": \"2026-03-01T10:00:00Z\", \"answers\": [{\"x_is\": \"C\"}]}",
      "abx.answers" },
    { "{\"started\": \"2026-03-01T10:00:00Z\", \"answers\": [\"A\"]}", "abx.answers" },
    { "{\"started\": \"2026-03-01T10:00:00Z\", \"answers\": [{\"x_is\": \"B\"}]}",
      "abx.answers.time" },
  };
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "s.lacquer", NULL);
  g_autoptr(LqSessionData) old = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "{\"lacquer_session\": 1, \"loudness_match\": false}",
                                      -1, NULL));
  old = lq_session_file_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (old->abx);
  g_assert_false (old->match);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"lacquer_session\": 1, \"abx\": %s}",
                                               bad[i].abx);
      g_autoptr(GError) e = NULL;

      g_assert_true (g_file_set_contents (path, text, -1, NULL));
      g_assert_null (lq_session_file_load (path, NULL, &e));
      g_test_message ("%s → %s", bad[i].abx, e ? e->message : "(loaded)");
      g_assert_error (e, LQ_SESSION_FILE_ERROR, LQ_SESSION_FILE_ERROR_INVALID);
      g_assert_nonnull (strstr (e->message, "s.lacquer"));
      if (strstr (e->message, bad[i].fragment) == NULL)
        g_error ("“%s” does not mention “%s”", e->message, bad[i].fragment);
    }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/abx/p-table", test_p_table);
  g_test_add_func ("/abx/p-exact", test_p_exact);
  g_test_add_func ("/abx/scripted-run", test_scripted_run);
  g_test_add_func ("/abx/all-a", test_all_a);
  g_test_add_func ("/abx/uniform", test_uniform);
  g_test_add_func ("/abx/replay", test_replay);
  g_test_add_func ("/abx/fixed-after-start", test_fixed_after_start);
  g_test_add_func ("/abx/properties", test_properties);
  g_test_add_func ("/abx/audio-identity", test_audio_identity);
  g_test_add_func ("/abx/log", test_log);
  g_test_add_func ("/abx/session-round-trip", test_session_round_trip);
  g_test_add_func ("/abx/session-bad", test_session_bad);
  return g_test_run ();
}
