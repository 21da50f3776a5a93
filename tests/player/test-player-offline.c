/* test-player-offline.c
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

/* The player's graph rendered without a device (lq_player_render, the code the callback
 * runs): exact sample values for transport, loops, switching, matching and the master. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lq-loudness.h"
#include "lq-player.h"
#include "lq-test-signal.h"
#include "player-test-util.h"

#define FADE 240        /* the transport fade at 48 kHz (5 ms) */
#define XFADE 480       /* the default switch crossfade (10 ms) */

static void
wait_measured (LqPlayer *player)
{
  while (lq_player_get_measuring (player))
    g_main_context_iteration (NULL, TRUE);
}

static LqPlayer *
player_with (LqSourceBuffer  *mix,
             LqSourceBuffer **refs,
             guint            n_refs,
             gboolean         match)
{
  g_autoptr(GError) error = NULL;
  LqPlayer *player = lq_player_new ();

  lq_player_set_match_enabled (player, match);
  g_assert_true (lq_player_set_sources (player, mix, refs, n_refs, &error));
  g_assert_no_error (error);
  wait_measured (player);
  return player;
}

static float *
render (LqPlayer *player,
        guint64   n)
{
  float *out = g_new (float, 2 * n);

  /* Uneven pieces, as a device with a variable buffer would ask for. */
  for (guint64 done = 0; done < n;)
    {
      guint piece = (guint) MIN (n - done, 37 + (done * 7919) % 900);

      lq_player_render (player, out + 2 * done, piece);
      done += piece;
    }
  lq_player_update (player);
  return out;
}

static void
test_silent_until_play (void)
{
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, pt_music (2, 48000, PT_RATE, 1,
                                             0), 48000);
  g_autoptr(LqPlayer) player = player_with (mix, NULL, 0, TRUE);
  g_autofree float *out = render (player, 4800);

  for (guint i = 0; i < 2 * 4800; i++)
    g_assert_cmpfloat (out[i], ==, 0.0f);
  g_assert_cmpuint (lq_player_get_position (player), ==, 0);
  g_assert_cmpuint (lq_player_get_stream_frame (player), ==, 4800);
}

static void
test_passthrough (void)
{
  const guint64 n = 96000;
  float *data = pt_music (2, n, PT_RATE, 2, 0);
  g_autofree float *copy = g_memdup2 (data, n * 2 * sizeof (float));
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, data, n);
  g_autoptr(LqPlayer) player = player_with (mix, NULL, 0, TRUE);
  g_autofree float *out = NULL;

  g_assert_cmpfloat (lq_player_get_gain_db (player, LQ_SLOT_MIX), ==, 0.0);
  lq_player_play (player);
  out = render (player, 48000);

  /* A fade in over FADE frames, then the mix bit for bit. */
  g_assert_cmpfloat (fabsf (out[0]), <, 1e-4f);
  for (guint i = 1; i < FADE; i++)
    g_assert_cmpfloat (fabsf (out[2 * i]), <=, fabsf (copy[2 * i]));
  for (guint i = 2 * FADE; i < 2 * 48000; i++)
    g_assert_cmpfloat (out[i], ==, copy[i]);
  g_assert_cmpuint (lq_player_get_position (player), ==, 48000);
  g_assert_cmpint (lq_player_get_state (player), ==, LQ_PLAYER_STATE_PLAYING);
}

static void
test_mono_both_sides (void)
{
  const guint64 n = 48000;
  float *data = pt_sine (1, n, PT_RATE, 1000, -12);
  g_autofree float *copy = g_memdup2 (data, n * sizeof (float));
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mono", 1, PT_RATE, data, n);
  g_autoptr(LqPlayer) player = player_with (mix, NULL, 0, FALSE);
  g_autofree float *out = NULL;

  lq_player_play (player);
  out = render (player, 24000);
  for (guint i = FADE; i < 24000; i++)
    {
      g_assert_cmpfloat (out[2 * i], ==, copy[i]);
      g_assert_cmpfloat (out[2 * i + 1], ==, copy[i]);
    }
}

static void
on_end (LqPlayer *player,
        gboolean *ended)
{
  *ended = TRUE;
}

static void
test_end_of_stream (void)
{
  const guint64 n = 30000;
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, pt_sine (2, n, PT_RATE, 440, -6),
                                             n);
  g_autoptr(LqPlayer) player = player_with (mix, NULL, 0, FALSE);
  g_autofree float *out = NULL;
  gboolean ended = FALSE;

  g_signal_connect (player, "end-of-stream", G_CALLBACK (on_end), &ended);
  lq_player_play (player);
  out = render (player, 40000);
  g_assert_true (ended);
  g_assert_cmpint (lq_player_get_state (player), ==, LQ_PLAYER_STATE_STOPPED);
  for (guint i = 2 * n; i < 2 * 40000; i++)
    g_assert_cmpfloat (out[i], ==, 0.0f);
  g_assert_cmpfloat (fabsf (out[2 * (n - 1)]), >, 0.0f);
}

static void
count_end (LqPlayer *player,
           guint    *ends)
{
  (*ends)++;
}

/* Play again from the start as soon as the end is announced, while the transport still
 * fades out past the end (what `lacquer abx` does when a script's next key waits for it):
 * the whole of what is selected plays, from frame 0 (the seek asked for after the switch,
 * so an unsynced reference starts from its own beginning), alone: nothing of it is heard in
 * the fade-out, and the restart is not taken for another end. */
static void
replay_at_end (int slot)
{
  const guint64 n = 30000;
  float *m = pt_music (2, n, PT_RATE, 6, 0);
  float *r = pt_music (2, n + 5000, PT_RATE, 7, -6);
  g_autofree float *copy = g_memdup2 (slot == LQ_SLOT_MIX ? m : r, n * 2 * sizeof (float));
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, m, n);
  g_autoptr(LqSourceBuffer) ref = pt_buffer ("ref", 2, PT_RATE, r, n + 5000);
  g_autoptr(LqPlayer) player = player_with (mix, &ref, 1, FALSE);
  g_autofree float *out = g_new (float, 2 * 20000);
  float piece[2 * 16];
  guint ends = 0;
  guint64 played = 0, start;

  g_signal_connect (player, "end-of-stream", G_CALLBACK (count_end), &ends);
  lq_player_play (player);
  g_free (render (player, n - 1000));
  /* Small pieces, looking after each, so the end is seen while the fade-out still runs. */
  while (ends == 0 && played < 5000)
    {
      lq_player_render (player, piece, 16);
      lq_player_update (player);
      played += 16;
    }
  g_assert_cmpuint (ends, ==, 1);

  lq_player_select (player, slot);
  lq_player_seek (player, 0);
  lq_player_play (player);
  for (guint64 done = 0; done < 20000; done += 500)
    {
      lq_player_render (player, out + 2 * done, 500);
      lq_player_update (player);
    }
  g_assert_cmpuint (ends, ==, 1);
  g_assert_cmpint (lq_player_get_state (player), ==, LQ_PLAYER_STATE_PLAYING);
  g_assert_cmpint (lq_player_get_selected (player), ==, slot);

  /* Silence until the fade-out ends (at most FADE frames after the end was seen, 16 frames
   * before the call), then the selected source from its start, bit for bit. */
  for (start = 0; start < 2 * FADE && out[2 * start] == 0.0f && out[2 * start + 1] == 0.0f;)
    start++;
  g_test_message ("the replay starts %" G_GUINT64_FORMAT " frames after the call", start);
  g_assert_cmpuint (start, >=, FADE - 16);
  g_assert_cmpuint (start, <=, FADE);
  for (guint64 i = FADE; i < 20000 - start; i++)
    {
      g_assert_cmpfloat (out[2 * (start + i)], ==, copy[2 * i]);
      g_assert_cmpfloat (out[2 * (start + i) + 1], ==, copy[2 * i + 1]);
    }
}

static void
test_replay_at_end (void)
{
  replay_at_end (LQ_SLOT_MIX);
}

static void
test_switch_at_end (void)
{
  replay_at_end (LQ_SLOT_REFERENCE);
}

/* Pause fades out and holds the position; play resumes exactly there. */
static void
test_pause_resume (void)
{
  const guint64 n = 96000;
  float *data = pt_music (2, n, PT_RATE, 3, 0);
  g_autofree float *copy = g_memdup2 (data, n * 2 * sizeof (float));
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, data, n);
  g_autoptr(LqPlayer) player = player_with (mix, NULL, 0, FALSE);
  g_autofree float *a = NULL;
  g_autofree float *b = NULL;
  g_autofree float *c = NULL;
  guint64 held;

  lq_player_play (player);
  a = render (player, 10000);
  lq_player_pause (player);
  b = render (player, 5000);
  held = lq_player_get_position (player);
  g_assert_cmpuint (held, ==, 10000 + FADE);
  for (guint i = 2 * FADE; i < 2 * 5000; i++)
    g_assert_cmpfloat (b[i], ==, 0.0f);
  g_assert_cmpfloat (pt_max_step (b, 0, FADE + 1), <=, pt_max_step (copy, 0, n) + 1e-6);

  lq_player_play (player);
  c = render (player, 5000);
  for (guint i = FADE; i < 5000; i++)
    g_assert_cmpfloat (c[2 * i], ==, copy[2 * (held + i)]);
}

static void
test_seek (void)
{
  const guint64 n = 96000;
  float *data = pt_music (2, n, PT_RATE, 4, 0);
  g_autofree float *copy = g_memdup2 (data, n * 2 * sizeof (float));
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, data, n);
  g_autoptr(LqPlayer) player = player_with (mix, NULL, 0, FALSE);
  g_autofree float *a = NULL;
  g_autofree float *b = NULL;

  lq_player_play (player);
  a = render (player, 5000);
  lq_player_seek (player, 50000);
  b = render (player, 10000);
  /* Out over FADE frames, then in from exactly 50000. */
  for (guint i = 2 * FADE; i < 4 * FADE; i++)
    g_assert_cmpfloat (fabsf (b[i]), <=, fabsf (copy[i - 2 * FADE + 2 * 50000]));
  for (guint i = 2 * FADE; i < 10000; i++)
    g_assert_cmpfloat (b[2 * i], ==, copy[2 * (50000 + i - FADE)]);
  g_assert_cmpuint (lq_player_get_position (player), ==, 50000 + 10000 - FADE);

  /* Seeking while paused applies at once. */
  lq_player_pause (player);
  g_free (render (player, 1000));
  lq_player_seek (player, 1234);
  g_free (render (player, 10));
  g_assert_cmpuint (lq_player_get_position (player), ==, 1234);
}

/* The loop end joins the loop start with nothing in between, pass after pass. */
static void
test_loop_seamless (void)
{
  const guint64 n = 96000, start = 20000, end = 26001;
  float *data = pt_music (2, n, PT_RATE, 5, 0);
  g_autofree float *copy = g_memdup2 (data, n * 2 * sizeof (float));
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, data, n);
  g_autoptr(LqPlayer) player = player_with (mix, NULL, 0, FALSE);
  g_autofree float *out = NULL;
  guint64 pos = start;

  lq_player_set_loop (player, TRUE, start, end);
  lq_player_seek (player, start);
  lq_player_play (player);
  out = render (player, 40000);
  for (guint64 i = 0; i < 40000; i++)
    {
      if (i >= FADE)
        {
          g_assert_cmpfloat (out[2 * i], ==, copy[2 * pos]);
          g_assert_cmpfloat (out[2 * i + 1], ==, copy[2 * pos + 1]);
        }
      pos = pos + 1 == end ? start : pos + 1;
    }
  g_assert_cmpuint (lq_player_get_position (player), ==, pos);
}

/* A scheduled switch starts at exactly its frame and is an equal-power crossfade; the
 * reference starts from its own beginning. */
static void
test_scheduled_switch (void)
{
  const guint64 n = 96000, at = 30011;
  float *m = pt_sine (2, n, PT_RATE, 997, -20);
  float *r = pt_sine (2, n, PT_RATE, 440, -30);
  g_autofree float *mc = g_memdup2 (m, n * 2 * sizeof (float));
  g_autofree float *rc = g_memdup2 (r, n * 2 * sizeof (float));
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, m, n);
  g_autoptr(LqSourceBuffer) ref = pt_buffer ("ref", 2, PT_RATE, r, n);
  g_autoptr(LqPlayer) player = player_with (mix, &ref, 1, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree float *out = NULL;
  float gm, gr;

  gm = (float) pow (10.0, lq_player_get_gain_db (player, LQ_SLOT_MIX) / 20.0);
  gr = (float) pow (10.0, lq_player_get_gain_db (player, LQ_SLOT_REFERENCE) / 20.0);
  g_assert_cmpfloat_with_epsilon (lq_player_get_gain_db (player, LQ_SLOT_REFERENCE), 0.0, 1e-9);
  g_assert_cmpfloat (lq_player_get_gain_db (player, LQ_SLOT_MIX), <, -9.0);

  g_assert_true (lq_player_schedule_select (player, LQ_SLOT_REFERENCE, at, &error));
  g_assert_no_error (error);
  lq_player_play (player);
  out = render (player, 60000);

  for (guint64 i = FADE; i < at; i++)
    g_assert_cmpfloat_with_epsilon (out[2 * i], gm * mc[2 * i], 1e-7);
  g_assert_cmpfloat (fabsf (out[2 * at] - gm * mc[2 * at]), >, 0.0f);
  for (guint64 k = 0; k < XFADE; k++)
    {
      double t = (k + 1.0) / XFADE;
      double expected = cos (t * G_PI / 2) * gm * mc[2 * (at + k)]
                        + sin (t * G_PI / 2) * gr * rc[2 * k];

      g_assert_cmpfloat_with_epsilon (out[2 * (at + k)], expected, 1e-6);
    }
  for (guint64 i = at + XFADE; i < 60000; i++)
    g_assert_cmpfloat_with_epsilon (out[2 * i], gr * rc[2 * (i - at)], 1e-7);
  g_assert_cmpuint (lq_player_get_switch_frame (player), ==, at);
  g_assert_cmpint (lq_player_get_selected (player), ==, LQ_SLOT_REFERENCE);
  /* The position shown is the reference's own. */
  g_assert_cmpuint (lq_player_get_position (player), ==, 60000 - at);

  /* Out of order is refused. */
  g_assert_false (lq_player_schedule_select (player, LQ_SLOT_MIX, at - 1, &error));
  g_assert_error (error, LQ_PLAYER_ERROR, LQ_PLAYER_ERROR_INVALID);
}

/* References keep their own position (advancing only while heard), or follow the mix. */
static void
test_reference_position (void)
{
  const guint64 n = 96000;
  float *m = pt_music (2, n, PT_RATE, 6, -10);
  float *r = pt_music (2, n, PT_RATE, 7, -10);
  g_autofree float *rc = g_memdup2 (r, n * 2 * sizeof (float));
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, m, n);
  g_autoptr(LqSourceBuffer) ref = pt_buffer ("ref", 2, PT_RATE, r, n);
  g_autoptr(LqPlayer) player = player_with (mix, &ref, 1, FALSE);
  g_autofree float *out = NULL;
  guint64 ref_pos;

  g_assert_true (lq_player_schedule_select (player, LQ_SLOT_REFERENCE, 10000, NULL));
  g_assert_true (lq_player_schedule_select (player, LQ_SLOT_MIX, 20000, NULL));
  g_assert_true (lq_player_schedule_select (player, LQ_SLOT_REFERENCE, 40000, NULL));
  lq_player_play (player);
  out = render (player, 50000);
  /* Heard from 10000 to 20000 plus the fade out: it resumes there. */
  ref_pos = 10000 + XFADE;
  for (guint64 i = 40000 + XFADE; i < 50000; i++)
    g_assert_cmpfloat (out[2 * i], ==, rc[2 * (ref_pos + i - 40000)]);
  g_free (g_steal_pointer (&out));

  /* With sync, the reference plays at the mix position. */
  lq_player_set_sync_references (player, TRUE);
  out = render (player, 10000);
  for (guint64 i = 2 * FADE + 10; i < 10000; i++)
    g_assert_cmpfloat (out[2 * i], ==, rc[2 * (50000 + i)]);
}

static guint64
loop_next (guint64 pos,
           guint64 start,
           guint64 end)
{
  return pos + 1 == end ? start : pos + 1;
}

/* Free references: a reference loops its own region, seamlessly and sample-exactly (its end
 * falls anywhere in the device's uneven blocks), while the mix loops another; switching
 * back, the mix is where its own loop has taken it, and the reference resumes where it was
 * left, still inside its loop. */
static void
test_reference_free_loop (void)
{
  const guint64 n = 96000, ms = 20000, me = 26001, rs = 5003, re = 9100;
  float *m = pt_music (2, n, PT_RATE, 5, -10);
  float *r = pt_music (2, n, PT_RATE, 7, -10);
  g_autofree float *mc = g_memdup2 (m, n * 2 * sizeof (float));
  g_autofree float *rc = g_memdup2 (r, n * 2 * sizeof (float));
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, m, n);
  g_autoptr(LqSourceBuffer) ref = pt_buffer ("ref", 2, PT_RATE, r, n);
  g_autoptr(LqPlayer) player = player_with (mix, &ref, 1, FALSE);
  g_autofree float *out = NULL;
  guint64 mpos = ms, rpos = rs, start, end;

  g_assert_false (lq_player_get_sync_references (player));
  lq_player_set_loop (player, TRUE, ms, me);
  lq_player_seek (player, ms);
  lq_player_set_reference_loop (player, 0, TRUE, rs, re);
  g_assert_true (lq_player_get_reference_loop (player, 0, &start, &end));
  g_assert_cmpuint (start, ==, rs);
  g_assert_cmpuint (end, ==, re);
  lq_player_select (player, LQ_SLOT_REFERENCE);
  lq_player_play (player);

  out = render (player, 30000);
  for (guint64 i = 0; i < 30000; i++)
    {
      if (i >= FADE)
        {
          g_assert_cmpfloat (out[2 * i], ==, rc[2 * rpos]);
          g_assert_cmpfloat (out[2 * i + 1], ==, rc[2 * rpos + 1]);
        }
      rpos = loop_next (rpos, rs, re);
      mpos = loop_next (mpos, ms, me);
    }
  g_assert_cmpuint (lq_player_get_position (player), ==, rpos);
  g_free (g_steal_pointer (&out));

  /* Back to the mix: after the crossfade, exactly the mix's own loop. */
  lq_player_select (player, LQ_SLOT_MIX);
  out = render (player, 20000);
  for (guint64 i = 0; i < 20000; i++)
    {
      if (i >= XFADE)
        g_assert_cmpfloat (out[2 * i], ==, mc[2 * mpos]);
      if (i < XFADE)
        rpos = loop_next (rpos, rs, re);
      mpos = loop_next (mpos, ms, me);
    }
  g_free (g_steal_pointer (&out));

  /* And the reference again, from where its fade-out left it. */
  lq_player_select (player, LQ_SLOT_REFERENCE);
  out = render (player, 10000);
  for (guint64 i = 0; i < 10000; i++)
    {
      if (i >= XFADE)
        g_assert_cmpfloat (out[2 * i], ==, rc[2 * rpos]);
      rpos = loop_next (rpos, rs, re);
    }

  /* Turning the loop off lets it play on from there. */
  lq_player_set_reference_loop (player, 0, FALSE, 0, 0);
  g_assert_false (lq_player_get_reference_loop (player, 0, NULL, NULL));
}

/* A reference's loop follows it when the references are reordered or one is removed, and it
 * keeps its own position. */
static void
test_reference_loop_reorder (void)
{
  const guint64 n = 48000, rs = 1234, re = 3456;
  float *m = pt_music (2, n, PT_RATE, 5, -10);
  float *a = pt_music (2, n, PT_RATE, 7, -10);
  float *b = pt_music (2, n, PT_RATE, 8, -10);
  g_autofree float *bc = g_memdup2 (b, n * 2 * sizeof (float));
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, m, n);
  g_autoptr(LqSourceBuffer) ra = pt_buffer ("a", 2, PT_RATE, a, n);
  g_autoptr(LqSourceBuffer) rb = pt_buffer ("b", 2, PT_RATE, b, n);
  LqSourceBuffer *refs[] = { ra, rb };
  LqSourceBuffer *swapped[] = { rb, ra };
  g_autoptr(LqPlayer) player = player_with (mix, refs, 2, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree float *out = NULL;
  guint64 start, end, pos = rs;

  lq_player_set_reference_loop (player, 1, TRUE, rs, re);
  /* The loop end is clamped to the reference. */
  lq_player_set_reference_loop (player, 0, TRUE, 100, n + 5000);
  g_assert_true (lq_player_get_reference_loop (player, 0, NULL, &end));
  g_assert_cmpuint (end, ==, n);
  lq_player_set_reference_loop (player, 0, FALSE, 0, 0);

  g_assert_true (lq_player_set_sources (player, mix, swapped, 2, &error));
  g_assert_no_error (error);
  g_assert_true (lq_player_get_reference_loop (player, 0, &start, &end));
  g_assert_cmpuint (start, ==, rs);
  g_assert_cmpuint (end, ==, re);
  g_assert_false (lq_player_get_reference_loop (player, 1, NULL, NULL));

  lq_player_select (player, LQ_SLOT_REFERENCE);
  lq_player_play (player);
  out = render (player, 12000);
  for (guint64 i = 0; i < 12000; i++)
    {
      if (i >= FADE)
        g_assert_cmpfloat (out[2 * i], ==, bc[2 * pos]);
      pos = loop_next (pos, rs, re);
    }

  /* Removing the first reference: b (now alone) keeps its loop and its position. */
  g_assert_true (lq_player_set_sources (player, mix, swapped, 1, &error));
  g_assert_true (lq_player_get_reference_loop (player, 0, NULL, NULL));
  g_free (g_steal_pointer (&out));
  out = render (player, 6000);
  /* The new set applies behind a transport fade: out and back in, then b goes on. */
  for (guint64 i = 0; i < 6000; i++)
    g_assert_true (fabsf (out[2 * i]) <= 1.0f);
  g_assert_cmpuint (lq_player_get_position (player), >=, rs);
  g_assert_cmpuint (lq_player_get_position (player), <, re);
}

/* Switching between steady tones, the hardest case for a crossfade: the largest step over
 * the switches compared with the programme's own largest sample-to-sample change. Between
 * uncorrelated sources the crossfade is equal-power (cos, sin): its weights sum to more than
 * one mid-fade, so the step can exceed the programme's by at most sqrt 2 (plus the fade's
 * own slope); mix <-> master (the same programme) sums to one and stays under it. A hard cut
 * (crossfade 0) jumps by many times the programme's step: the measurement sees clicks. */
static double
switch_steps (double   crossfade_ms,
              gboolean coherent,
              double  *programme)
{
  const guint64 n = 9 * 48000, period = 48000 + 7;
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, pt_sine (2, n, PT_RATE, 440, -12),
                                             n);
  g_autoptr(LqSourceBuffer) ref = pt_buffer ("ref", 2, PT_RATE, pt_sine (2, n, PT_RATE, 330, -18),
                                             n);
  g_autoptr(LqPlayer) player = player_with (mix, &ref, 1, TRUE);
  g_autofree float *out = NULL;
  guint64 fade = (guint64) (crossfade_ms * 48);
  double worst = 0.0;

  *programme = 0.0;
  lq_player_set_crossfade_ms (player, crossfade_ms);
  for (guint k = 0; k < 8; k++)
    lq_player_schedule_select (player, k % 2 ? LQ_SLOT_MIX
                                             : (coherent ? LQ_SLOT_MASTER : LQ_SLOT_REFERENCE),
                               (k + 1) * period, NULL);
  lq_player_play (player);
  out = render (player, n - 48000);
  for (guint64 i = FADE + 1; i + 1 < n - 48000; i++)
    {
      gboolean at_switch = FALSE;
      double step = pt_max_step (out, i, i + 2);

      for (guint k = 0; k < 8; k++)
        at_switch |= i + 1 >= (k + 1) * period && i < (k + 1) * period + fade + 1;
      if (at_switch)
        worst = MAX (worst, step);
      else
        *programme = MAX (*programme, step);
    }
  return worst;
}

static void
test_switch_steps (void)
{
  double programme, power, coherent, cut;
  double amplitude = lq_test_dbfs (-18);

  power = switch_steps (10.0, FALSE, &programme);
  g_test_message ("tones, equal-power crossfade: largest step %.5f, programme %.5f (%.0f %%)",
                  power, programme, 100 * power / programme);
  g_assert_cmpfloat (power, <=, G_SQRT2 * programme + 2 * G_PI / 2 / XFADE * amplitude);

  coherent = switch_steps (10.0, TRUE, &programme);
  g_test_message ("tones, mix <-> master: largest step %.5f, programme %.5f (%.0f %%)",
                  coherent, programme, 100 * coherent / programme);
  g_assert_cmpfloat (coherent, <=, programme * 1.0001);

  cut = switch_steps (0.0, FALSE, &programme);
  g_test_message ("tones, hard cut: largest step %.5f, programme %.5f (%.0f %%)",
                  cut, programme, 100 * cut / programme);
  g_assert_cmpfloat (cut, >, 3 * programme);
}

/* Matching gains: target minus loudness; off gives 0 dB; a listening level moves all. */
static void
test_matching_gains (void)
{
  const guint64 n = 5 * 48000;
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, pt_sine (2, n, PT_RATE, 1000,
                                             -20), n);
  g_autoptr(LqSourceBuffer) ref = pt_buffer ("ref", 1, PT_RATE, pt_sine (1, n, PT_RATE, 1000,
                                             -14), n);
  g_autoptr(LqPlayer) player = player_with (mix, &ref, 1, TRUE);
  double lm = lq_player_get_loudness (player, LQ_SLOT_MIX);
  double lr = lq_player_get_loudness (player, LQ_SLOT_REFERENCE);

  /* A mono reference is heard on both sides: 6 dB hotter peaks, both channels. */
  g_assert_cmpfloat_with_epsilon (lr - lm, 6.0, 0.01);
  g_assert_cmpfloat_with_epsilon (lq_player_get_gain_db (player, LQ_SLOT_MIX), lr - lm, 1e-9);
  g_assert_cmpfloat_with_epsilon (lq_player_get_gain_db (player, LQ_SLOT_MASTER), lr - lm, 1e-6);
  g_assert_cmpfloat (lq_player_get_gain_db (player, LQ_SLOT_REFERENCE), ==, 0.0);

  lq_player_set_match_target (player, LQ_MATCH_TARGET_LEVEL);
  lq_player_set_listening_level (player, -30.0);
  g_assert_cmpfloat_with_epsilon (lq_player_get_gain_db (player, LQ_SLOT_MIX), -30.0 - lm, 1e-9);
  g_assert_cmpfloat_with_epsilon (lq_player_get_gain_db (player, LQ_SLOT_REFERENCE), -30.0 - lr,
                                  1e-9);

  lq_player_set_match_enabled (player, FALSE);
  for (int s = 0; s < 3; s++)
    g_assert_cmpfloat (lq_player_get_gain_db (player, s), ==, 0.0);

  lq_player_set_gain_offset_db (player, LQ_SLOT_REFERENCE, -2.5);
  g_assert_cmpfloat (lq_player_get_gain_db (player, LQ_SLOT_REFERENCE), ==, -2.5);
}

/* Listen as a service: each source gets that service's gain (worked by hand from its rule)
 * in place of matching, and back to matching with NULL. */
static void
test_listen_as_gains (void)
{
  const guint64 n = 5 * 48000;
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, pt_sine (2, n, PT_RATE, 1000,
                                             -20), n);
  g_autoptr(LqSourceBuffer) ref = pt_buffer ("ref", 2, PT_RATE, pt_sine (2, n, PT_RATE, 1000,
                                             -8), n);
  g_autoptr(LqPlayer) player = player_with (mix, &ref, 1, TRUE);
  double lm = lq_player_get_loudness (player, LQ_SLOT_MIX);
  double lr = lq_player_get_loudness (player, LQ_SLOT_REFERENCE);
  double matched = lq_player_get_gain_db (player, LQ_SLOT_MIX);

  g_assert_false (lq_player_set_listen_as (player, "napster"));
  g_assert_null (lq_player_get_listen_as (player));

  /* YouTube: the -20 mix stays, the -8 reference comes down to -14. */
  g_assert_true (lq_player_set_listen_as (player, "youtube"));
  g_assert_cmpstr (lq_player_get_listen_as (player), ==, "youtube");
  g_assert_cmpfloat (lq_player_get_gain_db (player, LQ_SLOT_MIX), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (lq_player_get_gain_db (player, LQ_SLOT_REFERENCE),
                                  -14.0 - lr, 1e-9);
  g_assert_true (isnan (lq_player_get_matched_level (player)));

  /* Spotify Normal: the mix (a sine: true peak = its loudness, -20) gets the full 6 dB. */
  g_assert_true (lq_player_set_listen_as (player, "spotify-normal"));
  g_assert_cmpfloat_with_epsilon (lq_player_get_gain_db (player, LQ_SLOT_MIX), -14.0 - lm, 1e-9);
  /* Loud: +9 whatever the peak. */
  g_assert_true (lq_player_set_listen_as (player, "spotify-loud"));
  g_assert_cmpfloat_with_epsilon (lq_player_get_gain_db (player, LQ_SLOT_MIX), -11.0 - lm, 1e-9);
  g_assert_cmpfloat_with_epsilon (lq_player_get_gain_db (player, LQ_SLOT_REFERENCE),
                                  -11.0 - lr, 1e-9);

  g_assert_true (lq_player_set_listen_as (player, NULL));
  g_assert_cmpfloat (lq_player_get_gain_db (player, LQ_SLOT_MIX), ==, matched);
}

/* Mix to master: a coherent crossfade (amplitudes sum to one) at the same position, and
 * then the master is the chain's own output on the mix, latency compensated. */
static void
test_master_is_chain (void)
{
  const guint64 n = 3 * 48000, at = 48000;
  float *m = pt_music (2, n, PT_RATE, 8, -6);
  g_autofree float *mc = g_memdup2 (m, n * 2 * sizeof (float));
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, m, n);
  g_autoptr(LqPlayer) player = player_with (mix, NULL, 0, FALSE);
  g_autofree float *expected = NULL;
  g_autofree float *out = NULL;
  LqChainParams params;
  guint latency;
  double err = 0.0;

  pt_busy_chain (&params);
  lq_player_set_chain_params (player, &params);
  expected = pt_chain_render (&params, PT_RATE, mc, 2, n, &latency);
  g_assert_cmpuint (latency, ==, lq_player_get_chain_latency (player));
  g_assert_cmpuint (latency, >, 0);

  g_assert_true (lq_player_schedule_select (player, LQ_SLOT_MASTER, at, NULL));
  lq_player_play (player);
  out = render (player, n - latency);
  for (guint64 i = FADE; i < at; i++)
    g_assert_cmpfloat (out[2 * i], ==, mc[2 * i]);
  for (guint64 k = 0; k < XFADE; k++)
    {
      double t = (k + 1.0) / XFADE, c = cos (t * G_PI / 2), s = sin (t * G_PI / 2);
      guint64 i = at + k;

      g_assert_cmpfloat_with_epsilon (out[2 * i], c * c * mc[2 * i]
                                      + s * s * expected[2 * (i + latency)], 1e-6);
    }
  for (guint64 i = at + XFADE; i < n - latency; i++)
    for (guint c = 0; c < 2; c++)
      err = MAX (err, fabs (out[2 * i + c] - expected[2 * (i + latency) + c]));
  g_test_message ("master vs offline chain render: max difference %.3g", err);
  g_assert_cmpfloat (err, <, 1e-6);
}

/* A seek while the master plays: after the fade-out, the master from the new position,
 * exactly as a play started there (the chain primed there, not fed on from the old one). */
static void
test_master_seek (void)
{
  const guint64 n = 3 * 48000;
  float *m = pt_music (2, n, PT_RATE, 8, -6);
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, m, n);
  g_autoptr(LqPlayer) p1 = player_with (mix, NULL, 0, FALSE);
  g_autoptr(LqPlayer) p2 = player_with (mix, NULL, 0, FALSE);
  g_autofree float *a = NULL, *b = NULL;
  LqChainParams params;
  double err = 0;

  pt_busy_chain (&params);
  lq_player_set_chain_params (p1, &params);
  lq_player_set_chain_params (p2, &params);
  lq_player_select (p1, LQ_SLOT_MASTER);
  lq_player_select (p2, LQ_SLOT_MASTER);
  lq_player_seek (p1, 50000);
  lq_player_play (p1);
  a = render (p1, 20000);
  lq_player_play (p2);
  g_free (render (p2, 10000));
  lq_player_seek (p2, 50000);
  b = render (p2, 20000 + FADE);
  g_assert_cmpfloat (pt_max_step (a, 0, 20000), >, 0.01);
  for (guint64 i = 0; i < 2 * 20000; i++)
    err = MAX (err, fabs (a[i] - b[i + 2 * FADE]));
  g_test_message ("seek while playing the master vs from stopped: max difference %.3g", err);
  g_assert_cmpfloat (err, ==, 0.0);
}

/* Compare mode: each compared master is the mix through its own chain, at the heard position
 * like the master, while the master keeps its own chain; a switch between two compared
 * masters is the coherent crossfade of one programme. */
static void
test_compare_is_chain (void)
{
  const guint64 n = 3 * 48000, at = 48000, at2 = 2 * 48000;
  float *m = pt_music (2, n, PT_RATE, 8, -6);
  g_autofree float *mc = g_memdup2 (m, n * 2 * sizeof (float));
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, m, n);
  g_autoptr(LqPlayer) player = player_with (mix, NULL, 0, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree float *bright = NULL, *busy = NULL, *out = NULL;
  LqChainParams compare[2], master;
  guint latency;
  double err = 0.0;

  lq_chain_params_init_default (&compare[0]);
  compare[0].eq.n_bands = 1;
  compare[0].eq.bands[0] = (LqEqBand) { LQ_EQ_BAND_HIGH_SHELF, 4000.0, 3.0, 0.7071, 12, false };
  pt_busy_chain (&compare[1]);
  /* The master's own chain differs from both: it must not be what a compared slot plays. */
  lq_chain_params_init_default (&master);
  master.output_gain_db = -6.0;
  lq_player_set_chain_params (player, &master);
  g_assert_true (lq_player_set_compare_chains (player, compare, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lq_player_get_n_compare (player), ==, 2);
  bright = pt_chain_render (&compare[0], PT_RATE, mc, 2, n, &latency);
  busy = pt_chain_render (&compare[1], PT_RATE, mc, 2, n, &latency);
  g_assert_cmpuint (latency, ==, lq_player_get_chain_latency (player));

  g_assert_true (lq_player_schedule_select (player, LQ_SLOT_COMPARE, at, NULL));
  g_assert_true (lq_player_schedule_select (player, LQ_SLOT_COMPARE + 1, at2, NULL));
  lq_player_play (player);
  out = render (player, n - latency);
  for (guint64 k = 0; k < XFADE; k++)
    {
      double t = (k + 1.0) / XFADE, c = cos (t * G_PI / 2), s = sin (t * G_PI / 2);
      guint64 i = at + k, j = at2 + k;

      g_assert_cmpfloat_with_epsilon (out[2 * i], c * c * mc[2 * i]
                                      + s * s * bright[2 * (i + latency)], 1e-6);
      g_assert_cmpfloat_with_epsilon (out[2 * j], c * c * bright[2 * (j + latency)]
                                      + s * s * busy[2 * (j + latency)], 1e-6);
    }
  for (guint64 i = at + XFADE; i < at2; i++)
    for (guint c = 0; c < 2; c++)
      err = MAX (err, fabs (out[2 * i + c] - bright[2 * (i + latency) + c]));
  for (guint64 i = at2 + XFADE; i < n - latency; i++)
    for (guint c = 0; c < 2; c++)
      err = MAX (err, fabs (out[2 * i + c] - busy[2 * (i + latency) + c]));
  g_test_message ("compared masters vs offline chain renders: max difference %.3g", err);
  g_assert_cmpfloat (err, <, 1e-6);

  /* Fewer chains: the one heard is gone, so the master takes over; none is a valid slot. */
  g_assert_true (lq_player_set_compare_chains (player, compare, 1, &error));
  g_assert_cmpint (lq_player_get_selected (player), ==, LQ_SLOT_MASTER);
  g_assert_true (lq_player_set_compare_chains (player, NULL, 0, &error));
  lq_player_select (player, LQ_SLOT_COMPARE);
  g_assert_cmpint (lq_player_get_selected (player), ==, LQ_SLOT_MASTER);
}

static double
rms_db (const float *stereo,
        guint64      frames)
{
  double sum = 0.0;

  for (guint64 i = 0; i < 2 * frames; i++)
    sum += (double) stereo[i] * stereo[i];
  return 10.0 * log10 (sum / (2.0 * frames) + 1e-30);
}

/* A set that replaces the one heard is in time at once: its chains are primed on arrival, so
 * there is no silent gap while they fill (unprimed, the first latency frames are silence). */
static void
test_compare_replaced_heard (void)
{
  const guint64 n = 3 * 48000, at = 48000;
  float *m = pt_music (2, n, PT_RATE, 12, -6);
  g_autofree float *mc = g_memdup2 (m, n * 2 * sizeof (float));
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, m, n);
  g_autoptr(LqPlayer) player = player_with (mix, NULL, 0, FALSE);
  g_autofree float *before = NULL, *after = NULL, *expected = NULL;
  LqChainParams first, second;
  guint latency;
  double got, want;

  lq_chain_params_init_default (&first);
  pt_busy_chain (&second);
  g_assert_true (lq_player_set_compare_chains (player, &first, 1, NULL));
  lq_player_select (player, LQ_SLOT_COMPARE);
  lq_player_play (player);
  before = render (player, at);
  g_assert_true (lq_player_set_compare_chains (player, &second, 1, NULL));
  g_assert_cmpint (lq_player_get_selected (player), ==, LQ_SLOT_COMPARE);
  expected = pt_chain_render (&second, PT_RATE, mc, 2, n, &latency);
  after = render (player, latency);
  got = rms_db (after, latency);
  want = rms_db (expected + 2 * (at + latency), latency);
  g_test_message ("the first %u frames of the new chain: %.2f dB RMS, its offline render "
                  "%.2f dB", latency, got, want);
  /* Not equal: the new compressor starts without the gain reduction the long render built
   * up (about a dB louder here), but far from silence. */
  g_assert_cmpfloat (fabs (got - want), <, 3.0);
}

/* The master's matching gain follows the chain: re-measured after a change. */
static void
test_master_remeasured (void)
{
  const guint64 n = 4 * 48000;
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, pt_music (2, n, PT_RATE, 9, -12),
                                             n);
  g_autoptr(LqPlayer) player = player_with (mix, NULL, 0, TRUE);
  LqChainParams params;
  double before, after;

  before = lq_player_get_loudness (player, LQ_SLOT_MASTER);
  lq_chain_params_init_default (&params);
  params.lim.bypass = true;
  params.output_gain_db = 6.0;
  lq_player_set_chain_params (player, &params);
  g_assert_true (lq_player_get_measuring (player));
  wait_measured (player);
  after = lq_player_get_loudness (player, LQ_SLOT_MASTER);
  g_test_message ("master loudness %.3f -> %.3f LUFS", before, after);
  g_assert_cmpfloat_with_epsilon (after - lq_player_get_loudness (player, LQ_SLOT_MIX), 6.0, 0.01);
  g_assert_cmpfloat_with_epsilon (lq_player_get_gain_db (player, LQ_SLOT_MASTER), -6.0, 0.01);

  /* Several quick changes: only the last one counts. */
  params.output_gain_db = 1.0;
  lq_player_set_chain_params (player, &params);
  params.output_gain_db = -3.0;
  lq_player_set_chain_params (player, &params);
  wait_measured (player);
  g_assert_cmpfloat_with_epsilon (lq_player_get_gain_db (player, LQ_SLOT_MASTER), 3.0, 0.01);
}

/* Loudness of what the player renders, by our meter (checked against libebur128 elsewhere). */
static double
rendered_lufs (LqPlayer *player,
               int       slot,
               guint64   n)
{
  g_autofree float *out = NULL;
  LqLoudnessConfig config = { .sample_rate = PT_RATE, .channels = 2 };
  LqLoudness *meter = lq_loudness_new (&config, NULL);
  double lufs;

  /* From the start each time, past the switch's fade and the chain's latency. */
  lq_player_select (player, slot);
  lq_player_seek (player, 0);
  lq_player_play (player);
  out = render (player, n);
  lq_loudness_process_interleaved (meter, out + 2 * 9600, (uint32_t) (n - 9600));
  lufs = lq_loudness_get_integrated (meter);
  lq_loudness_free (meter);
  return lufs;
}

/* The master plays the current chain whatever order sources and chain arrive in: here two
 * source sets reach the core before it renders (a mix, then references added), which used
 * to drop the chain with the first set. */
static void
test_master_every_order (void)
{
  const guint64 n = 3 * 48000;
  /* Steady tones, so that the level does not depend on where in the file it is read. */
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, pt_sine (2, n, PT_RATE, 997, -14),
                                             n);
  g_autoptr(LqSourceBuffer) ref = pt_buffer ("ref", 2, PT_RATE, pt_sine (2, n, PT_RATE, 440, -14),
                                             n);
  g_autoptr(GError) error = NULL;
  LqChainParams params;

  for (guint order = 0; order < 3; order++)
    {
      g_autoptr(LqPlayer) player = lq_player_new ();
      double mix_lufs, master_lufs;

      lq_player_set_match_enabled (player, FALSE);
      lq_chain_params_init_default (&params);
      params.lim.bypass = true;
      params.output_gain_db = -20.0;
      if (order == 0)           /* chain first, then the mix, then the references */
        lq_player_set_chain_params (player, &params);
      g_assert_true (lq_player_set_sources (player, mix, NULL, 0, &error));
      if (order == 1)           /* the chain between the two source sets */
        lq_player_set_chain_params (player, &params);
      g_assert_true (lq_player_set_sources (player, mix, &ref, 1, &error));
      g_assert_no_error (error);
      if (order == 2)           /* the chain after everything */
        lq_player_set_chain_params (player, &params);
      mix_lufs = rendered_lufs (player, LQ_SLOT_MIX, n / 2);
      master_lufs = rendered_lufs (player, LQ_SLOT_MASTER, n / 2);
      g_test_message ("order %u: mix %.2f, master %.2f LUFS", order, mix_lufs, master_lufs);
      g_assert_cmpfloat_with_epsilon (master_lufs - mix_lufs, -20.0, 0.05);
    }
}

/* The master's readouts are its own: the whole analysis of the mix through the chain. */
static void
test_master_analysis (void)
{
  const guint64 n = 4 * 48000;
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, pt_music (2, n, PT_RATE, 7, -12),
                                             n);
  g_autoptr(LqPlayer) player = player_with (mix, NULL, 0, TRUE);
  const LqAnalysisResult *master;
  LqChainParams params;
  double mix_tp = lq_source_buffer_get_true_peak (mix);

  master = lq_player_get_master_analysis (player);
  g_assert_nonnull (master);
  lq_chain_params_init_default (&params);
  params.lim.bypass = true;
  params.output_gain_db = -8.0;
  lq_player_set_chain_params (player, &params);
  wait_measured (player);
  master = lq_player_get_master_analysis (player);
  g_assert_nonnull (master);
  g_test_message ("mix %.2f LUFS %.2f dBTP; master %.2f LUFS %.2f dBTP, %" G_GUINT64_FORMAT
                  " history points", lq_source_buffer_get_loudness (mix), mix_tp,
                  master->summary.integrated_lufs, master->summary.true_peak_dbtp,
                  master->n_history);
  g_assert_cmpfloat_with_epsilon (master->summary.integrated_lufs,
                                  lq_source_buffer_get_loudness (mix) - 8.0, 0.02);
  g_assert_cmpfloat_with_epsilon (master->summary.true_peak_dbtp, mix_tp - 8.0, 0.05);
  g_assert_cmpuint (master->n_history, >=, 39);
  g_assert_nonnull (master->spectrum);
}

/* Matching never raises a source past the monitoring ceiling: the common level comes down
 * to the peakiest source's headroom, and every source still plays at it. */
static void
test_matching_headroom (void)
{
  const guint64 n = 4 * 48000;
  g_autoptr(LqSourceBuffer) quiet = pt_buffer ("quiet", 2, PT_RATE,
                                               pt_music (2, n, PT_RATE, 2, -20), n);
  g_autoptr(LqSourceBuffer) loud = pt_buffer ("loud", 2, PT_RATE,
                                              pt_sine (2, n, PT_RATE, 997, -8), n);
  g_autoptr(LqPlayer) player = player_with (quiet, &loud, 1, TRUE);
  double level = lq_player_get_matched_level (player);

  g_test_message ("quiet %.2f LUFS %.2f dBTP, loud %.2f LUFS: matched at %.2f LUFS",
                  lq_source_buffer_get_loudness (quiet), lq_source_buffer_get_true_peak (quiet),
                  lq_source_buffer_get_loudness (loud), level);
  g_assert_cmpint (lq_player_get_match_limited_by (player), ==, LQ_SLOT_MIX);
  for (int s = 0; s <= LQ_SLOT_REFERENCE; s++)
    {
      g_assert_cmpfloat (lq_player_get_true_peak (player, s) + lq_player_get_gain_db (player, s),
                         <=, LQ_MATCH_CEILING_DBTP + 1e-9);
      g_assert_cmpfloat_with_epsilon (lq_player_get_loudness (player, s)
                                      + lq_player_get_gain_db (player, s), level, 1e-9);
    }
  g_assert_cmpfloat (level, <, lq_source_buffer_get_loudness (loud) - 1.0);

  /* Matching to a listening level low enough needs no lowering. */
  lq_player_set_match_target (player, LQ_MATCH_TARGET_LEVEL);
  lq_player_set_listening_level (player, -40.0);
  g_assert_cmpfloat (lq_player_get_matched_level (player), ==, -40.0);
  g_assert_cmpint (lq_player_get_match_limited_by (player), ==, -1);
}

/* A reference at another rate is resampled once on load and measures the same. */
static void
test_reference_resampled (void)
{
  g_autofree char *dir = pt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "ref44.wav", NULL);
  g_autofree float *data = pt_sine (2, 5 * 44100, 44100, 1000, -10);
  g_autoptr(GError) error = NULL;
  g_autoptr(LqSourceBuffer) ref = NULL;
  g_autoptr(LqSourceBuffer) native = NULL;

  g_assert_true (pt_write_wav (path, 44100, 2, data, 5 * 44100));
  ref = lq_source_buffer_load (path, PT_RATE, NULL, &error);
  g_assert_no_error (error);
  native = lq_source_buffer_load (path, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (lq_source_buffer_get_sample_rate (ref), ==, PT_RATE);
  g_assert_cmpfloat (lq_source_buffer_get_file_rate (ref), ==, 44100);
  g_assert_cmpint (llabs ((long long) lq_source_buffer_get_frames (ref) - 5 * 48000), <=, 2);
  g_assert_cmpfloat_with_epsilon (lq_source_buffer_get_loudness (ref),
                                  lq_source_buffer_get_loudness (native), 0.02);
  pt_rmdir (dir);
}

static void
test_bad_inputs (void)
{
  g_autofree char *dir = pt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "six.wav", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.wav", NULL);
  g_autofree float *data = g_new0 (float, 6 * 4800);
  g_autoptr(GError) error = NULL;
  LqSourceBuffer *b;

  g_assert_true (pt_write_wav (path, 48000, 6, data, 4800));
  b = lq_source_buffer_load (path, 0, NULL, &error);
  g_assert_null (b);
  g_assert_nonnull (strstr (error->message, "six.wav"));
  g_clear_error (&error);
  b = lq_source_buffer_load (missing, 0, NULL, &error);
  g_assert_null (b);
  g_assert_nonnull (strstr (error->message, "missing.wav"));
  pt_rmdir (dir);
}

/* The live meters are the core's meters on what was heard. */
static void
test_meters (void)
{
  const guint64 n = 6 * 48000;
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 1, PT_RATE, pt_sine (1, n, PT_RATE, 1000,
                                             -20), n);
  g_autoptr(LqPlayer) player = player_with (mix, NULL, 0, FALSE);
  LqMeterFeed *feed = lq_player_get_meter_feed (player);
  LqMeterSnapshot s;
  const float *spectrum;
  guint n_bins, peak = 0;
  double bin_hz;

  lq_meter_feed_set_spectrum_enabled (feed, TRUE);
  lq_player_play (player);
  for (int i = 0; i < 50; i++)
    {
      g_free (render (player, 4800));
      lq_meter_feed_update (feed);
    }
  lq_meter_feed_get_snapshot (feed, &s);
  g_test_message ("M %.2f S %.2f I %.2f TP %.2f SP %.2f corr %.3f (file %.2f)",
                  s.momentary_lufs, s.short_term_lufs, s.integrated_lufs, s.true_peak_dbtp[0],
                  s.sample_peak_dbfs[1], s.correlation, lq_player_get_loudness (player, 0));
  g_assert_cmpfloat_with_epsilon (s.momentary_lufs, lq_player_get_loudness (player, 0), 0.02);
  g_assert_cmpfloat_with_epsilon (s.short_term_lufs, lq_player_get_loudness (player, 0), 0.02);
  g_assert_cmpfloat_with_epsilon (s.integrated_lufs, lq_player_get_loudness (player, 0), 0.05);
  g_assert_cmpfloat_with_epsilon (s.true_peak_dbtp[0], -20.0, 0.1);
  g_assert_cmpfloat_with_epsilon (s.sample_peak_dbfs[1], -20.0, 0.1);
  g_assert_cmpfloat_with_epsilon (s.correlation, 1.0, 1e-6);
  g_assert_cmpuint (s.frames_metered, ==, 50 * 4800);
  /* A meter frame says the stream frame just after its period. */
  g_assert_cmpuint (s.stream_frame, ==, lq_player_get_stream_frame (player));
  g_assert_cmpuint (s.stream_frame, ==, 50 * 4800);

  /* After a reset, "heard" counts exactly the frames rendered since, even with part of a
   * meter period from before it pending in the core. */
  g_free (render (player, 100));
  lq_meter_feed_update (feed);
  {
    guint64 reset_at = lq_player_get_stream_frame (player);

    lq_player_reset_meters (player);
    for (int i = 0; i < 5; i++)
      {
        g_free (render (player, 4800));
        lq_meter_feed_update (feed);
      }
    lq_meter_feed_get_snapshot (feed, &s);
    g_assert_cmpuint (s.stream_frame, ==, lq_player_get_stream_frame (player));
    g_assert_cmpuint (s.frames_metered, ==, s.stream_frame - reset_at);
  }

  spectrum = lq_meter_feed_get_spectrum (feed, &n_bins, &bin_hz);
  g_assert_nonnull (spectrum);
  for (guint b = 1; b < n_bins; b++)
    if (spectrum[b] > spectrum[peak])
      peak = b;
  g_assert_cmpfloat (fabs (peak * bin_hz - 1000.0), <, 2 * bin_hz);
}

/* The meters read what is heard, after the monitoring mode: a tone on the left only shows
 * on the right meter once the channels are swapped, and correlates fully in Left only. */
static void
test_meters_monitor (void)
{
  const guint64 n = 6 * 48000;
  float *tone = pt_sine (2, n, PT_RATE, 1000, -20);
  g_autoptr(LqSourceBuffer) mix = NULL;
  g_autoptr(LqPlayer) player = NULL;
  LqMeterFeed *feed;
  LqMeterSnapshot s;

  for (guint64 i = 0; i < n; i++)
    tone[2 * i + 1] = 0.0f;
  mix = pt_buffer ("mix", 2, PT_RATE, tone, n);
  player = player_with (mix, NULL, 0, FALSE);
  feed = lq_player_get_meter_feed (player);
  lq_player_play (player);

  for (guint m = 0; m < 3; m++)
    {
      static const LqMonitorMode modes[] = { LQ_MONITOR_STEREO, LQ_MONITOR_SWAP,
                                             LQ_MONITOR_LEFT };

      lq_player_set_monitor_mode (player, modes[m]);
      for (int i = 0; i < 10; i++)
        {
          g_free (render (player, 4800));
          lq_meter_feed_update (feed);
        }
      lq_meter_feed_get_snapshot (feed, &s);
      g_test_message ("%s: sample peaks L %.1f R %.1f dBFS, correlation %.3f",
                      lq_monitor_mode_to_name (modes[m]), s.sample_peak_dbfs[0],
                      s.sample_peak_dbfs[1], s.correlation);
      if (modes[m] == LQ_MONITOR_STEREO)
        {
          g_assert_cmpfloat_with_epsilon (s.sample_peak_dbfs[0], -20.0, 0.1);
          g_assert_cmpfloat (s.sample_peak_dbfs[1], <, -200.0);
        }
      else if (modes[m] == LQ_MONITOR_SWAP)
        {
          g_assert_cmpfloat (s.sample_peak_dbfs[0], <, -200.0);
          g_assert_cmpfloat_with_epsilon (s.sample_peak_dbfs[1], -20.0, 0.1);
        }
      else
        {
          g_assert_cmpfloat_with_epsilon (s.sample_peak_dbfs[0], -20.0, 0.1);
          g_assert_cmpfloat_with_epsilon (s.sample_peak_dbfs[1], -20.0, 0.1);
          g_assert_cmpfloat_with_epsilon (s.correlation, 1.0, 1e-6);
        }
    }
}

/* A monitoring mode change fades over the player's crossfade time, as a source switch does,
 * and over 2 ms when the crossfade is off: a constant on the left only, swapped, leaves the
 * left output along a linear ramp of that length. */
static void
test_monitor_fade (void)
{
  const guint64 n = 2 * 48000;
  static const double xfade_ms[] = { 40.0, 10.0, 0.0 };

  for (guint k = 0; k < G_N_ELEMENTS (xfade_ms); k++)
    {
      float *dc = g_new (float, 2 * n);
      g_autoptr(LqSourceBuffer) mix = NULL;
      g_autoptr(LqPlayer) player = NULL;
      const double ramp = fmax (xfade_ms[k], 2.0) * 1e-3 * PT_RATE;
      float *out, level;
      guint between = 0;

      for (guint64 i = 0; i < n; i++)
        {
          dc[2 * i] = 0.25f;
          dc[2 * i + 1] = 0.0f;
        }
      mix = pt_buffer ("mix", 2, PT_RATE, dc, n);
      player = player_with (mix, NULL, 0, FALSE);
      lq_player_set_crossfade_ms (player, xfade_ms[k]);
      lq_player_play (player);
      out = render (player, 9600);
      level = out[2 * 9599];
      g_free (out);
      g_assert_cmpfloat (level, >, 0.01f);

      lq_player_set_monitor_mode (player, LQ_MONITOR_SWAP);
      out = render (player, 9600);
      /* A linear fade spends 80 % of its length between 10 % and 90 % of the way. */
      for (guint i = 0; i < 9600; i++)
        if (out[2 * i] > 0.1f * level && out[2 * i] < 0.9f * level)
          between++;
      g_test_message ("crossfade %.0f ms: %u frames between 10 and 90 %% (expected %.0f)",
                      xfade_ms[k], between, 0.8 * ramp);
      g_assert_cmpfloat (fabs (between - 0.8 * ramp), <=, 2.0);
      g_assert_cmpfloat (out[2 * 9599], ==, 0.0f);
      g_free (out);
    }
}

/* The compressor's and the limiter's gain reduction reach the meters; a chain that does
 * nothing shows none. */
static void
test_meters_gain_reduction (void)
{
  const guint64 n = 4 * 48000;
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, pt_music (2, n, PT_RATE, 13, 0), n);
  g_autoptr(LqPlayer) player = player_with (mix, NULL, 0, FALSE);
  LqMeterFeed *feed = lq_player_get_meter_feed (player);
  LqMeterSnapshot s;
  LqChainParams params;
  double comp = 0.0, lim = 0.0;
  const float *hist_comp, *hist_lim;
  float hist_comp_max = 0.0f, hist_lim_max = 0.0f;
  guint n_points;

  pt_busy_chain (&params);
  params.input_gain_db = 12.0;
  lq_player_set_chain_params (player, &params);
  lq_player_select (player, LQ_SLOT_MASTER);
  lq_player_play (player);
  for (int i = 0; i < 30; i++)
    {
      g_free (render (player, 4800));
      lq_meter_feed_update (feed);
      lq_meter_feed_get_snapshot (feed, &s);
      comp = MAX (comp, s.compressor_gr_db);
      lim = MAX (lim, s.limiter_gr_db);
    }
  g_test_message ("largest gain reduction: compressor %.2f dB, limiter %.2f dB; true peak %.2f dBTP",
                  comp, lim, s.true_peak_max_dbtp[0]);
  g_assert_cmpfloat (comp, >, 1.0);
  g_assert_cmpfloat (lim, >, 0.5);

  /* The history: one point per 50 ms of the 3 s heard, each the largest of its meter
   * frames, so its largest is the snapshots' largest. */
  lq_meter_feed_get_gr_history (feed, &hist_comp, &hist_lim, &n_points);
  g_assert_cmpuint (n_points, >=, 3000 / LQ_GR_HISTORY_STEP_MS - 2);
  g_assert_cmpuint (n_points, <=, 3000 / LQ_GR_HISTORY_STEP_MS);
  for (guint i = 0; i < n_points; i++)
    {
      hist_comp_max = MAX (hist_comp_max, hist_comp[i]);
      hist_lim_max = MAX (hist_lim_max, hist_lim[i]);
    }
  g_assert_cmpfloat_with_epsilon (hist_comp_max, comp, 1e-5);
  g_assert_cmpfloat_with_epsilon (hist_lim_max, lim, 1e-5);

  /* The default chain: its compressor stays on at 1:1 and releases the reduction it held
   * (100 ms, from about 12 dB down past 1e-9 dB takes some 2.3 s); after that, none. */
  lq_chain_params_init_default (&params);
  params.lim.bypass = true;
  lq_player_set_chain_params (player, &params);
  for (int i = 0; i < 4; i++)
    {
      g_free (render (player, 48000));
      lq_meter_feed_update (feed);
    }
  g_free (render (player, 48000));
  lq_meter_feed_update (feed);
  lq_meter_feed_get_snapshot (feed, &s);
  g_assert_cmpfloat (s.compressor_gr_db, ==, 0.0);
  g_assert_cmpfloat (s.limiter_gr_db, ==, 0.0);

  /* ... and the history's last half second shows none; it keeps LQ_GR_HISTORY_POINTS. */
  lq_meter_feed_get_gr_history (feed, &hist_comp, &hist_lim, &n_points);
  g_assert_cmpuint (n_points, <=, LQ_GR_HISTORY_POINTS);
  for (guint i = n_points - 10; i < n_points; i++)
    {
      g_assert_cmpfloat (hist_comp[i], ==, 0.0f);
      g_assert_cmpfloat (hist_lim[i], ==, 0.0f);
    }
}

/* Every writable property notifies exactly once when it changes, and not at all when set to
 * what it already is (EXPLICIT_NOTIFY). */
static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              GHashTable *counts)
{
  const char *name = g_param_spec_get_name (pspec);

  g_hash_table_insert (counts, (gpointer) name,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts,
                                         name)) + 1));
}

static void
test_properties_notify (void)
{
  const guint64 n = 4800;
  g_autoptr(LqSourceBuffer) mix = pt_buffer ("mix", 2, PT_RATE, pt_sine (2, n, PT_RATE, 440, -6),
                                             n);
  g_autoptr(LqPlayer) player = player_with (mix, NULL, 0, TRUE);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree GParamSpec **specs = NULL;
  guint n_specs;

  g_signal_connect (player, "notify", G_CALLBACK (count_notify), counts);
  specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (player), &n_specs);
  for (guint i = 0; i < n_specs; i++)
    {
      GParamSpec *pspec = specs[i];
      const char *name = g_param_spec_get_name (pspec);
      g_auto(GValue) value = G_VALUE_INIT;

      if (!(pspec->flags & G_PARAM_WRITABLE))
        continue;
      g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
      g_value_init (&value, pspec->value_type);
      g_object_get_property (G_OBJECT (player), name, &value);
      if (G_IS_PARAM_SPEC_BOOLEAN (pspec))
        g_value_set_boolean (&value, !g_value_get_boolean (&value));
      else if (G_IS_PARAM_SPEC_DOUBLE (pspec))
        g_value_set_double (&value, g_value_get_double (&value) - 1.0);
      else if (G_IS_PARAM_SPEC_INT (pspec))
        g_value_set_int (&value, g_value_get_int (&value) + 1);
      else if (G_IS_PARAM_SPEC_ENUM (pspec))
        g_value_set_enum (&value, !g_value_get_enum (&value));
      else
        g_assert_not_reached ();

      g_hash_table_remove_all (counts);
      g_object_set_property (G_OBJECT (player), name, &value);
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)), ==, 1);
      g_object_set_property (G_OBJECT (player), name, &value);
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)), ==, 1);
      g_test_message ("%s: one notify", name);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/player/offline/silent-until-play", test_silent_until_play);
  g_test_add_func ("/player/offline/passthrough", test_passthrough);
  g_test_add_func ("/player/offline/mono-both-sides", test_mono_both_sides);
  g_test_add_func ("/player/offline/end-of-stream", test_end_of_stream);
  g_test_add_func ("/player/offline/replay-at-end", test_replay_at_end);
  g_test_add_func ("/player/offline/switch-at-end", test_switch_at_end);
  g_test_add_func ("/player/offline/pause-resume", test_pause_resume);
  g_test_add_func ("/player/offline/seek", test_seek);
  g_test_add_func ("/player/offline/loop-seamless", test_loop_seamless);
  g_test_add_func ("/player/offline/scheduled-switch", test_scheduled_switch);
  g_test_add_func ("/player/offline/reference-position", test_reference_position);
  g_test_add_func ("/player/offline/reference-free-loop", test_reference_free_loop);
  g_test_add_func ("/player/offline/reference-loop-reorder", test_reference_loop_reorder);
  g_test_add_func ("/player/offline/switch-steps", test_switch_steps);
  g_test_add_func ("/player/offline/matching-gains", test_matching_gains);
  g_test_add_func ("/player/offline/listen-as-gains", test_listen_as_gains);
  g_test_add_func ("/player/offline/master-is-chain", test_master_is_chain);
  g_test_add_func ("/player/offline/master-seek", test_master_seek);
  g_test_add_func ("/player/offline/master-remeasured", test_master_remeasured);
  g_test_add_func ("/player/offline/compare-is-chain", test_compare_is_chain);
  g_test_add_func ("/player/offline/compare-replaced-heard", test_compare_replaced_heard);
  g_test_add_func ("/player/offline/master-every-order", test_master_every_order);
  g_test_add_func ("/player/offline/master-analysis", test_master_analysis);
  g_test_add_func ("/player/offline/matching-headroom", test_matching_headroom);
  g_test_add_func ("/player/offline/reference-resampled", test_reference_resampled);
  g_test_add_func ("/player/offline/bad-inputs", test_bad_inputs);
  g_test_add_func ("/player/offline/meters", test_meters);
  g_test_add_func ("/player/offline/meters-gain-reduction", test_meters_gain_reduction);
  g_test_add_func ("/player/offline/meters-monitor", test_meters_monitor);
  g_test_add_func ("/player/offline/monitor-fade", test_monitor_fade);
  g_test_add_func ("/player/offline/properties-notify", test_properties_notify);

  return g_test_run ();
}
