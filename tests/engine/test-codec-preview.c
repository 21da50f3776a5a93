/* test-codec-preview.c
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

/* The player's codec preview plays exactly what lq-codec measured: the codec slot's samples
 * are lq_codec_round_trip_aligned's decode of the master (the mix through the chain, made
 * here with a chain of the test's own), a switch to it from the master is the click-free
 * crossfade of one programme, and the artefacts slot is that decode minus the master, at the
 * codec slot's gain. Rendered offline through the code the callback runs. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "lq-chain.h"
#include "lq-codec.h"
#include "lq-db.h"
#include "lq-player.h"
#include "lq-test-signal.h"

#define RATE 44100.0
#define SKIP 2048        /* past the transport fade and the switch at play */

/* The master as the test makes it: a fresh chain over the mix, its latency removed. */
static void
chain_master (const LqChainParams *params,
              float *const        *mix,
              guint64              n,
              float               *master[2])
{
  LqChainConfig config = { .sample_rate = RATE, .channels = 2, .max_frames = 1024 };
  LqStatus status = LQ_OK;
  LqChain *chain = lq_chain_new (&config, &status);
  g_autofree float *zeros = g_new0 (float, 1024);
  float l[1024], r[1024];
  guint latency;
  guint64 pos = 0, got = 0;

  g_assert_nonnull (chain);
  lq_chain_set_params (chain, params);
  latency = lq_chain_get_latency (chain);
  while (got < n)
    {
      guint k = (guint) MIN (1024, n + latency - pos);
      const float *in[2] = { pos < n ? mix[0] + pos : zeros, pos < n ? mix[1] + pos : zeros };
      float *out[2] = { l, r };

      if (pos < n)
        k = (guint) MIN (k, n - pos);
      lq_chain_process (chain, in, out, k);
      for (guint i = 0; i < k; i++)
        if (pos + i >= latency && got < n)
          {
            master[0][got] = l[i];
            master[1][got] = r[i];
            got++;
          }
      pos += k;
    }
  lq_chain_free (chain);
}

static void
wait_codec (LqPlayer *player)
{
  while (lq_player_get_codec_updating (player) || lq_player_get_codec_checking (player)
         || lq_player_get_measuring (player))
    g_main_context_iteration (NULL, TRUE);
}

/* n frames from the start, interleaved: the master, from frame to_codec the codec slot, from
 * to_artefacts its artefacts. */
static float *
render_codec (LqPlayer *player,
              guint64   n,
              guint64   to_codec,
              guint64   to_artefacts)
{
  float *out = g_new (float, 2 * n);

  lq_player_select (player, LQ_SLOT_MASTER);
  g_assert_true (lq_player_schedule_select (player, LQ_SLOT_CODEC, to_codec, NULL));
  g_assert_true (lq_player_schedule_select (player, LQ_SLOT_CODEC_ARTEFACTS, to_artefacts,
                                            NULL));
  lq_player_play (player);
  for (guint64 done = 0; done < n; done += 512)
    lq_player_render (player, out + 2 * done, (guint) MIN (512, n - done));
  lq_player_update (player);
  g_assert_cmpint (lq_player_get_selected (player), ==, LQ_SLOT_CODEC_ARTEFACTS);
  return out;
}

static void
test_slot_is_decode (void)
{
  const guint64 n = 4 * (guint64) RATE;
  const LqCodecSpec spec = { LQ_CODEC_MP3, 128 };
  g_autofree float *inter = g_new (float, 2 * n);
  g_autofree float *ml = g_new (float, n), *mr = g_new (float, n);
  g_autofree float *al = g_new (float, n), *ar = g_new (float, n);
  float *mix[2] = { ml, mr };
  float *master[2] = { al, ar };
  float *expected[2] = { NULL, NULL };
  g_autoptr(LqCodecResult) result = NULL;
  g_autoptr(LqSourceBuffer) buffer = NULL;
  g_autoptr(LqPlayer) player = lq_player_new ();
  g_autoptr(GError) error = NULL;
  g_autofree float *heard = NULL;
  LqChainParams params;
  double err = 0.0, art_err = 0.0, diff = 0.0, master_err = 0.0, fade_err = 0.0;
  guint64 xfade;

  lq_test_music (ml, n, RATE, 0, 7);
  lq_test_music (mr, n, RATE, 1, 7);
  for (guint64 i = 0; i < n; i++)
    {
      inter[2 * i] = ml[i];
      inter[2 * i + 1] = mr[i];
    }
  buffer = lq_source_buffer_new_from_interleaved ("mix", RATE, 2, inter, n);

  /* A limiter that works hard, near 0 dBTP: the case codec overs come from. */
  lq_chain_params_init_default (&params);
  params.input_gain_db = 12.0;
  params.lim.ceiling_db = -0.1;
  chain_master (&params, mix, n, master);
  result = lq_codec_round_trip_aligned (&spec, (const float *const *) master, 2, RATE, n,
                                        params.lim.ceiling_db, expected, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  lq_player_set_match_enabled (player, FALSE);
  g_assert_true (lq_player_set_sources (player, buffer, NULL, 0, &error));
  lq_player_set_chain_params (player, &params);
  lq_player_set_codec_preview (player, &spec);
  wait_codec (player);
  g_assert_null (lq_player_get_codec_error (player));
  g_assert_nonnull (lq_player_get_codec_result (player));
  g_assert_cmpfloat (lq_player_get_codec_result (player)->decoded_tp_dbtp, ==,
                     result->decoded_tp_dbtp);
  g_assert_cmpint (lq_player_get_codec_result (player)->delay_frames, ==, result->delay_frames);

  heard = render_codec (player, n, n / 4, n / 2);
  /* The master, then the switch to its decode: the coherent crossfade of one programme
   * (amplitudes summing to one) over the player's switch time, so no click. */
  xfade = (guint64) lround (RATE * lq_player_get_crossfade_ms (player) / 1000.0);
  for (guint64 i = SKIP; i < n / 4; i++)
    for (guint c = 0; c < 2; c++)
      master_err = MAX (master_err, fabs (heard[2 * i + c] - master[c][i]));
  for (guint64 k = 0; k < xfade; k++)
    {
      double t = (k + 1.0) / xfade, co = cos (t * G_PI / 2), si = sin (t * G_PI / 2);
      guint64 i = n / 4 + k;

      for (guint c = 0; c < 2; c++)
        fade_err = MAX (fade_err, fabs (heard[2 * i + c]
                                        - (co * co * master[c][i] + si * si * expected[c][i])));
    }
  for (guint64 i = n / 4 + xfade; i < n / 2; i++)
    for (guint c = 0; c < 2; c++)
      {
        err = MAX (err, fabs (heard[2 * i + c] - expected[c][i]));
        diff = MAX (diff, fabs (heard[2 * i + c] - master[c][i]));
      }
  g_test_message ("master %.3g, crossfade %.3g, codec slot %.3g from what they should be "
                  "(codec slot vs master %.3g)", master_err, fade_err, err, diff);
  g_assert_cmpfloat (master_err, <, 1e-6);
  g_assert_cmpfloat (fade_err, <, 1e-5);
  g_assert_cmpfloat (err, ==, 0.0);
  /* It is the decode, not the master: the codec changed the samples. */
  g_assert_cmpfloat (diff, >, 1e-3);

  /* The artefacts at the codec slot's gain (0 dB with matching off): decode - master. */
  g_assert_cmpfloat (lq_player_get_gain_db (player, LQ_SLOT_CODEC_ARTEFACTS), ==,
                     lq_player_get_gain_db (player, LQ_SLOT_CODEC));
  for (guint64 i = n / 2 + SKIP; i < n; i++)
    for (guint c = 0; c < 2; c++)
      art_err = MAX (art_err, fabs (heard[2 * i + c] - (expected[c][i] - master[c][i])));
  g_test_message ("artefacts slot vs decode - master: max difference %.3g", art_err);
  g_assert_cmpfloat (art_err, <, 1e-6);

  g_free (expected[0]);
  g_free (expected[1]);
}

/* Matched, the codec slot is brought to the common level like any slot, and the artefacts
 * follow its gain (their real level beside the programme), never raised to be matched. */
static void
test_matched_gains (void)
{
  const guint64 n = 3 * (guint64) RATE;
  const LqCodecSpec spec = { LQ_CODEC_OPUS, 96 };
  g_autofree float *inter = g_new (float, 2 * n);
  g_autoptr(LqSourceBuffer) buffer = NULL;
  g_autoptr(LqPlayer) player = lq_player_new ();
  g_autoptr(GError) error = NULL;
  LqSourceBuffer *decoded;
  double level;

  lq_test_programme (inter, n, RATE, 0.5, 3);
  buffer = lq_source_buffer_new_from_interleaved ("mix", RATE, 2, inter, n);
  g_assert_true (lq_player_set_sources (player, buffer, NULL, 0, &error));
  lq_player_set_codec_preview (player, &spec);
  wait_codec (player);
  decoded = lq_player_get_codec_buffer (player, 0);
  g_assert_nonnull (decoded);
  g_assert_cmpstr (lq_source_buffer_get_display_name (decoded), ==, "Master · Opus 96");
  /* Opus runs at 48 kHz: the decode comes back at the session's rate and length. */
  g_assert_cmpfloat (lq_source_buffer_get_sample_rate (decoded), ==, RATE);
  g_assert_cmpuint (lq_source_buffer_get_frames (decoded), ==, n);

  level = lq_player_get_matched_level (player);
  g_assert_true (isfinite (level));
  g_assert_cmpfloat_with_epsilon (lq_player_get_loudness (player, LQ_SLOT_CODEC)
                                  + lq_player_get_gain_db (player, LQ_SLOT_CODEC), level, 1e-9);
  g_assert_cmpfloat (lq_player_get_gain_db (player, LQ_SLOT_CODEC_ARTEFACTS), <=,
                     lq_player_get_gain_db (player, LQ_SLOT_CODEC));
  g_assert_cmpfloat (lq_player_get_true_peak (player, LQ_SLOT_CODEC_ARTEFACTS)
                     + lq_player_get_gain_db (player, LQ_SLOT_CODEC_ARTEFACTS), <=,
                     LQ_MATCH_CEILING_DBTP + 1e-9);

  /* Ending the preview takes both slots away. */
  lq_player_set_codec_preview (player, NULL);
  g_assert_null (lq_player_get_codec_buffer (player, 0));
  g_assert_null (lq_player_get_codec_result (player));
}

static void
count_cb (LqPlayer *player,
          guint    *count)
{
  (*count)++;
}

/* A chain change re-runs the preview after the debounce and marks it updating meanwhile;
 * a change while one runs cancels it, so only the last chain's result lands. */
static void
test_rerun_on_chain_change (void)
{
  const guint64 n = 2 * (guint64) RATE;
  const LqCodecSpec spec = { LQ_CODEC_MP3, 128 };
  g_autofree float *inter = g_new (float, 2 * n);
  g_autoptr(LqSourceBuffer) buffer = NULL;
  g_autoptr(LqPlayer) player = lq_player_new ();
  g_autoptr(GError) error = NULL;
  LqChainParams params;
  double before;
  gint64 changed;
  guint ready = 0, first;

  lq_test_programme (inter, n, RATE, 0.5, 5);
  buffer = lq_source_buffer_new_from_interleaved ("mix", RATE, 2, inter, n);
  g_assert_true (lq_player_set_sources (player, buffer, NULL, 0, &error));
  g_signal_connect (player, "codec-ready", G_CALLBACK (count_cb), &ready);
  lq_chain_params_init_default (&params);
  params.input_gain_db = 12.0;
  params.lim.ceiling_db = -0.5;
  lq_player_set_chain_params (player, &params);
  lq_player_set_codec_preview (player, &spec);
  wait_codec (player);
  /* Ready once, and once more if the decode was over -1 dBTP: its safe ceiling tried. */
  first = lq_player_get_codec_result (player)->decoded_tp_dbtp > LQ_CODEC_TARGET_DBTP ? 2 : 1;
  g_assert_cmpuint (ready, ==, first);
  before = lq_player_get_codec_result (player)->source_tp_dbtp;

  /* Two changes in a row: the first never lands. */
  params.lim.ceiling_db = -6.0;
  lq_player_set_chain_params (player, &params);
  g_assert_true (lq_player_get_codec_updating (player));
  params.lim.ceiling_db = -3.0;
  lq_player_set_chain_params (player, &params);
  changed = g_get_monotonic_time ();
  wait_codec (player);
  g_test_message ("re-run ready %.0f ms after the last change",
                  (g_get_monotonic_time () - changed) / 1e3);
  g_assert_cmpint (g_get_monotonic_time () - changed, >=, LQ_PLAYER_CODEC_DEBOUNCE_MS * 1000);
  g_assert_cmpuint (ready, ==, first + 1
                              + (lq_player_get_codec_result (player)->decoded_tp_dbtp
                                 > LQ_CODEC_TARGET_DBTP));
  g_assert_false (lq_player_get_codec_updating (player));
  /* The new master is the one measured: limited to -3 dBTP now. */
  g_assert_cmpfloat (lq_player_get_codec_result (player)->source_tp_dbtp, <, before - 1.0);
  g_assert_cmpfloat_with_epsilon (lq_player_get_codec_result (player)->source_tp_dbtp, -3.0,
                                  0.1);
  g_assert_cmpfloat (lq_player_get_codec_result (player)->ceiling_dbtp, ==, -3.0);
}

static gboolean
quit_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for ms: long enough for a debounced re-run to have started. */
static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, quit_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* A reference previewed instead of the master: its codec slot plays
 * lq_codec_round_trip_aligned of the reference's own samples (not the master's), its
 * artefacts are that minus the reference, it has no codec-safe ceiling, a chain change leaves
 * it alone, and removing the reference ends it (the master's preview is made instead). */
static void
test_reference_preview (void)
{
  const guint64 n = 4 * (guint64) RATE, nref = 3 * (guint64) RATE;
  const LqCodecSpec spec = { LQ_CODEC_MP3, 128 };
  g_autofree float *inter = g_new (float, 2 * n), *rinter = g_new (float, 2 * nref);
  g_autofree float *rl = g_new (float, nref), *rr = g_new (float, nref);
  float *ref[2] = { rl, rr };
  float *expected[2] = { NULL, NULL };
  g_autoptr(LqCodecResult) result = NULL;
  g_autoptr(LqSourceBuffer) mix = NULL;
  g_autoptr(LqSourceBuffer) reference = NULL;
  g_autoptr(LqPlayer) player = lq_player_new ();
  g_autoptr(GError) error = NULL;
  g_autofree float *heard = NULL;
  const LqCodecResult *got;
  LqSourceBuffer *decoded;
  LqChainParams params;
  double err = 0.0, art_err = 0.0, diff = 0.0;
  guint64 xfade;
  guint ready = 0;

  lq_test_programme (inter, n, RATE, 0.5, 5);
  mix = lq_source_buffer_new_from_interleaved ("mix", RATE, 2, inter, n);
  /* A loud reference: its own programme, near full scale. */
  lq_test_music (rl, nref, RATE, 0, 3);
  lq_test_music (rr, nref, RATE, 1, 3);
  for (guint64 i = 0; i < nref; i++)
    {
      rinter[2 * i] = rl[i];
      rinter[2 * i + 1] = rr[i];
    }
  reference = lq_source_buffer_new_from_interleaved ("Loud Reference", RATE, 2, rinter, nref);
  result = lq_codec_round_trip_aligned (&spec, (const float *const *) ref, 2, RATE, nref, NAN,
                                        expected, &error);
  g_assert_no_error (error);

  lq_player_set_match_enabled (player, FALSE);
  g_assert_true (lq_player_set_sources (player, mix, &reference, 1, &error));
  lq_chain_params_init_default (&params);
  params.input_gain_db = 12.0;
  params.lim.ceiling_db = -0.1;
  lq_player_set_chain_params (player, &params);
  g_assert_cmpint (lq_player_get_codec_source (player), ==, -1);
  g_assert_false (lq_player_set_codec_source (player, 1));
  g_assert_true (lq_player_set_codec_source (player, 0));
  g_assert_cmpint (lq_player_get_codec_source (player), ==, 0);
  g_signal_connect (player, "codec-ready", G_CALLBACK (count_cb), &ready);
  lq_player_set_codec_preview (player, &spec);
  wait_codec (player);
  g_assert_null (lq_player_get_codec_error (player));
  got = lq_player_get_codec_result (player);
  g_assert_nonnull (got);
  /* Once: the reference has no codec-safe ceiling to try. */
  g_assert_cmpuint (ready, ==, 1);
  g_assert_true (isnan (got->safe_ceiling_dbtp));
  g_assert_cmpfloat (got->decoded_tp_dbtp, ==, result->decoded_tp_dbtp);
  g_assert_cmpfloat (got->source_tp_dbtp, ==, result->source_tp_dbtp);
  g_assert_cmpint (got->delay_frames, ==, result->delay_frames);
  decoded = lq_player_get_codec_buffer (player, 0);
  g_assert_cmpstr (lq_source_buffer_get_display_name (decoded), ==,
                   "Loud Reference · MP3 128");
  g_assert_cmpstr (lq_source_buffer_get_display_name (lq_player_get_codec_buffer (player, 1)),
                   ==, "Loud Reference · MP3 128 (artefacts)");
  g_assert_cmpuint (lq_source_buffer_get_frames (decoded), ==, nref);

  heard = render_codec (player, n, n / 4, n / 2);
  xfade = (guint64) lround (RATE * lq_player_get_crossfade_ms (player) / 1000.0);
  for (guint64 i = n / 4 + xfade; i < n / 2; i++)
    for (guint c = 0; c < 2; c++)
      {
        err = MAX (err, fabs (heard[2 * i + c] - expected[c][i]));
        diff = MAX (diff, fabs (heard[2 * i + c] - ref[c][i]));
      }
  for (guint64 i = n / 2 + SKIP; i < nref; i++)
    for (guint c = 0; c < 2; c++)
      art_err = MAX (art_err, fabs (heard[2 * i + c] - (expected[c][i] - ref[c][i])));
  g_test_message ("reference's codec slot %.3g from its decode (%.3g from the reference), "
                  "artefacts %.3g from decode - reference", err, diff, art_err);
  g_assert_cmpfloat (err, ==, 0.0);
  g_assert_cmpfloat (diff, >, 1e-3);
  g_assert_cmpfloat (art_err, <, 1e-6);

  /* A chain change re-runs the master's preview, not a reference's. */
  params.lim.ceiling_db = -3.0;
  lq_player_set_chain_params (player, &params);
  g_assert_false (lq_player_get_codec_updating (player));
  spin (LQ_PLAYER_CODEC_DEBOUNCE_MS + 300);
  wait_codec (player);
  g_assert_cmpuint (ready, ==, 1);
  g_assert_true (lq_player_get_codec_result (player) == got);
  g_assert_true (lq_player_get_codec_buffer (player, 0) == decoded);

  /* The same file loaded anew (as for a new mix's rate) is still the one previewed: its
   * preview is made again from the new buffer. */
  {
    g_autoptr(LqSourceBuffer) again =
      lq_source_buffer_new_from_interleaved ("Loud Reference", RATE, 2, rinter, nref);

    g_assert_true (lq_player_set_sources (player, mix, &again, 1, &error));
    g_assert_cmpint (lq_player_get_codec_source (player), ==, 0);
    g_assert_true (lq_player_get_codec_updating (player));
    wait_codec (player);
    g_assert_cmpuint (ready, ==, 2);
    g_assert_cmpstr (lq_source_buffer_get_display_name (lq_player_get_codec_buffer (player, 0)),
                     ==, "Loud Reference · MP3 128");
    g_assert_cmpfloat (lq_player_get_codec_result (player)->decoded_tp_dbtp, ==,
                       result->decoded_tp_dbtp);
  }

  /* The reference goes: so does its preview; the codec slot heard hands over to the master,
   * and the master's preview is made instead. */
  g_assert_true (lq_player_set_sources (player, mix, NULL, 0, &error));
  g_assert_cmpint (lq_player_get_codec_source (player), ==, -1);
  g_assert_null (lq_player_get_codec_buffer (player, 0));
  g_assert_null (lq_player_get_codec_result (player));
  g_assert_cmpint (lq_player_get_selected (player), ==, LQ_SLOT_MASTER);
  g_assert_true (lq_player_get_codec_updating (player));
  wait_codec (player);
  g_assert_cmpstr (lq_source_buffer_get_display_name (lq_player_get_codec_buffer (player, 0)),
                   ==, "Master · MP3 128");
  g_assert_cmpfloat (lq_player_get_codec_result (player)->ceiling_dbtp, ==, -3.0);

  g_free (expected[0]);
  g_free (expected[1]);
}

/* A mono reference is encoded as the one channel it is: its preview is mono, sample for
 * sample the round trip of that channel, and its artefacts that decode minus it. */
static void
test_mono_reference (void)
{
  const guint64 n = 2 * (guint64) RATE;
  const LqCodecSpec spec = { LQ_CODEC_OPUS, 96 };
  g_autofree float *inter = g_new (float, 2 * n), *mono = g_new (float, n);
  const float *in[2] = { mono, NULL };
  float *expected[2] = { NULL, NULL };
  g_autoptr(LqCodecResult) result = NULL;
  g_autoptr(LqSourceBuffer) mix = NULL;
  g_autoptr(LqSourceBuffer) reference = NULL;
  g_autoptr(LqPlayer) player = lq_player_new ();
  g_autoptr(GError) error = NULL;
  LqSourceBuffer *decoded, *artefacts;
  double err = 0.0, art_err = 0.0;

  lq_test_programme (inter, n, RATE, 0.5, 9);
  mix = lq_source_buffer_new_from_interleaved ("mix", RATE, 2, inter, n);
  lq_test_music (mono, n, RATE, 0, 13);
  reference = lq_source_buffer_new_from_interleaved ("Mono", RATE, 1, mono, n);
  result = lq_codec_round_trip_aligned (&spec, in, 1, RATE, n, NAN, expected, &error);
  g_assert_no_error (error);
  g_assert_null (expected[1]);

  g_assert_true (lq_player_set_sources (player, mix, &reference, 1, &error));
  g_assert_true (lq_player_set_codec_source (player, 0));
  lq_player_set_codec_preview (player, &spec);
  wait_codec (player);
  g_assert_null (lq_player_get_codec_error (player));
  decoded = lq_player_get_codec_buffer (player, 0);
  artefacts = lq_player_get_codec_buffer (player, 1);
  g_assert_cmpuint (lq_source_buffer_get_channels (decoded), ==, 1);
  g_assert_cmpuint (lq_source_buffer_get_channels (artefacts), ==, 1);
  g_assert_cmpfloat (lq_player_get_codec_result (player)->decoded_tp_dbtp, ==,
                     result->decoded_tp_dbtp);
  for (guint64 i = 0; i < n; i++)
    {
      err = MAX (err, fabs (lq_source_buffer_get_data (decoded, 0)[i] - expected[0][i]));
      art_err = MAX (art_err, fabs (lq_source_buffer_get_data (artefacts, 0)[i]
                                    - (expected[0][i] - mono[i])));
    }
  g_assert_cmpfloat (err, ==, 0.0);
  g_assert_cmpfloat (art_err, ==, 0.0);
  g_free (expected[0]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/codec-preview/slot-is-decode", test_slot_is_decode);
  g_test_add_func ("/engine/codec-preview/matched-gains", test_matched_gains);
  g_test_add_func ("/engine/codec-preview/rerun-on-chain-change", test_rerun_on_chain_change);
  g_test_add_func ("/engine/codec-preview/reference", test_reference_preview);
  g_test_add_func ("/engine/codec-preview/mono-reference", test_mono_reference);
  return g_test_run ();
}
