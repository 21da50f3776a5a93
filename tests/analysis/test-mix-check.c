/* test-mix-check.c
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

/* The mix-readiness accumulator on generated signals whose answers are known exactly: runs
 * placed at known frames, DC of a known size, anti-phase stretches on the window grid, a
 * side-heavy low end and a band above 16 kHz whose levels follow from the Butterworth
 * response, and silence of a known length. Blocks of odd sizes make runs and windows cross
 * block boundaries. */

#include "config.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "lq-file-analysis.h"
#include "lq-mix-check.h"
#include "lq-test-noalloc.h"
#include "lq-test-signal.h"

#define RATE 48000.0

static LqMixCheckConfig
facts_config (uint32_t channels)
{
  /* The conventions of a mix sent to mastering, as the engine's defaults set them. */
  return (LqMixCheckConfig) {
    .sample_rate = RATE, .channels = channels,
    .clip_level_dbfs = -0.01, .clip_min_samples = 3,
    .correlation_below = 0.0, .correlation_min_s = 1.0,
    .low_cutoff_hz = 120.0, .high_cutoff_hz = 16000.0,
    .silence_dbfs = -60.0,
  };
}

/* Feeds interleaved frames in blocks of block frames and returns the result. */
static void
run_check (const LqMixCheckConfig *config,
           const float            *x,
           size_t                  n_frames,
           uint32_t                block,
           LqMixCheckResult       *r)
{
  LqStatus status;
  LqMixCheck *check = lq_mix_check_new (config, &status);

  g_assert_nonnull (check);
  g_assert_cmpint (status, ==, LQ_OK);
  for (size_t i = 0; i < n_frames; i += block)
    {
      uint32_t n = (uint32_t) MIN ((size_t) block, n_frames - i);

      lq_mix_check_process_interleaved (check, x + i * config->channels, n);
    }
  lq_mix_check_get_result (check, r);
  lq_mix_check_free (check);
}

static float *
interleave (const float *l,
            const float *r,
            size_t       n)
{
  float *x = g_new (float, 2 * n);

  for (size_t i = 0; i < n; i++)
    {
      x[2 * i] = l[i];
      x[2 * i + 1] = r[i];
    }
  return x;
}

static gboolean
has_run (const LqMixCheckResult *r,
         uint64_t                start,
         uint32_t                frames,
         uint32_t                channel)
{
  for (uint32_t i = 0; i < r->n_clip_runs_kept; i++)
    if (r->clip_runs[i].start == start && r->clip_runs[i].frames == frames
        && r->clip_runs[i].channel == channel)
      return TRUE;
  return FALSE;
}

#define CLIP_FRAMES 150000

/* A sine at -6 dBFS with: a 5-sample run at full scale across a block boundary (counted),
 * a 2-sample one (too short), a 3-sample one at -0.005 dBFS in the right channel (within
 * 0.01 dB: counted), a 3-sample one at -0.02 dBFS (not full scale) and 4 full-scale
 * samples ending the file (counted, though never closed). */
static float *
make_clipped (void)
{
  g_autofree float *l = g_new (float, CLIP_FRAMES);
  g_autofree float *r = g_new (float, CLIP_FRAMES);

  lq_test_sine (l, CLIP_FRAMES, RATE, 997.0, 0.5, 0.0);
  lq_test_sine (r, CLIP_FRAMES, RATE, 997.0, 0.5, 0.0);
  for (int i = 0; i < 5; i++)
    l[59998 + i] = i % 2 ? -1.0f : 1.0f;
  for (int i = 0; i < 2; i++)
    l[100000 + i] = 1.0f;
  for (int i = 0; i < 3; i++)
    r[120000 + i] = (float) -lq_test_dbfs (-0.005);
  for (int i = 0; i < 3; i++)
    r[130000 + i] = (float) lq_test_dbfs (-0.02);
  for (int i = 0; i < 4; i++)
    l[CLIP_FRAMES - 4 + i] = -1.0f;
  return interleave (l, r, CLIP_FRAMES);
}

static void
check_clipped (const LqMixCheckResult *r)
{
  g_assert_cmpuint (r->n_clip_runs, ==, 3);
  g_assert_cmpuint (r->clipped_samples, ==, 12);
  g_assert_cmpuint (r->n_clip_runs_kept, ==, 3);
  g_assert_true (has_run (r, 59998, 5, 0));
  g_assert_true (has_run (r, 120000, 3, 1));
  g_assert_true (has_run (r, CLIP_FRAMES - 4, 4, 0));
}

static void
test_clipped_runs (void)
{
  g_autofree float *x = make_clipped ();
  LqMixCheckConfig config = facts_config (2);
  LqMixCheckResult r;

  run_check (&config, x, CLIP_FRAMES, 1000, &r);
  check_clipped (&r);
  /* Any block size gives the same runs. */
  run_check (&config, x, CLIP_FRAMES, 7, &r);
  check_clipped (&r);

  /* The run length is the setting, not a constant: at 6 only... none of them. */
  config.clip_min_samples = 6;
  run_check (&config, x, CLIP_FRAMES, 1000, &r);
  g_assert_cmpuint (r.n_clip_runs, ==, 0);
}

/* The same through the whole-file pass, with its worker thread: the check is part of it. */
static void
test_clipped_runs_in_pass (void)
{
  g_autofree float *x = make_clipped ();
  LqMixCheckConfig cc = facts_config (0);
  LqFileAnalysisConfig config = { .sample_rate = RATE, .channels = 2, .threads = true,
                                  .check = &cc };
  LqLoudnessSummary summary;
  LqMixCheckResult r;
  LqStatus status;
  LqFileAnalysis *pass = lq_file_analysis_new (&config, &status);

  g_assert_nonnull (pass);
  g_assert_cmpint (lq_file_analysis_process (pass, x, CLIP_FRAMES), ==, LQ_OK);
  g_assert_cmpint (lq_file_analysis_finish (pass, &summary), ==, LQ_OK);
  g_assert_true (lq_file_analysis_get_check (pass, &r));
  g_assert_cmpuint (r.frames, ==, CLIP_FRAMES);
  check_clipped (&r);
  lq_file_analysis_free (pass);

  /* Without a check configured there is no reading. */
  config.check = NULL;
  pass = lq_file_analysis_new (&config, &status);
  g_assert_cmpint (lq_file_analysis_process (pass, x, 1000), ==, LQ_OK);
  g_assert_cmpint (lq_file_analysis_finish (pass, &summary), ==, LQ_OK);
  g_assert_false (lq_file_analysis_get_check (pass, &r));
  lq_file_analysis_free (pass);
}

/* 1 kHz is 48 samples a period, so 2 s hold whole periods and the sine adds no mean. */
static void
test_dc_offset (void)
{
  const size_t n = 2 * (size_t) RATE;
  g_autofree float *l = g_new (float, n);
  g_autofree float *r = g_new (float, n);
  g_autofree float *x = NULL;
  LqMixCheckConfig config = facts_config (2);
  LqMixCheckResult res;

  lq_test_sine (l, n, RATE, 1000.0, 0.25, 0.0);
  lq_test_sine (r, n, RATE, 1000.0, 0.25, 0.0);
  for (size_t i = 0; i < n; i++)
    {
      l[i] += 0.01f;
      r[i] -= 0.001f;
    }
  x = interleave (l, r, n);
  run_check (&config, x, n, 4093, &res);
  g_assert_cmpfloat_with_epsilon (res.dc_offset[0], 0.01, 1e-6);
  g_assert_cmpfloat_with_epsilon (res.dc_offset[1], -0.001, 1e-6);
  g_assert_cmpfloat_with_epsilon (res.dc_offset_dbfs[0], -40.0, 1e-3);
  g_assert_cmpfloat_with_epsilon (res.dc_offset_dbfs[1], -60.0, 1e-2);
  g_assert_true (isnan (res.dc_offset[2]));
}

/* Noise the same in both channels (correlation 1) but anti-phase for 1.5 s from 4.0 s (one
 * stretch) and for 0.8 s from 7.0 s (too short to count); the times are on the 100 ms grid. */
static void
test_negative_correlation (void)
{
  const size_t n = 10 * (size_t) RATE;
  g_autofree float *l = g_new (float, n);
  g_autofree float *r = g_new (float, n);
  g_autofree float *x = NULL;
  LqMixCheckConfig config = facts_config (2);
  LqMixCheckResult res;
  uint64_t seed = 7;

  lq_test_white_noise (l, n, 0.3, &seed);
  for (size_t i = 0; i < n; i++)
    {
      gboolean anti = (i >= 192000 && i < 264000) || (i >= 336000 && i < 374400);

      r[i] = anti ? -l[i] : l[i];
    }
  x = interleave (l, r, n);
  run_check (&config, x, n, 3001, &res);
  g_assert_cmpuint (res.n_negative_stretches, ==, 1);
  g_assert_cmpuint (res.negative_stretches[0].start, ==, 192000);
  g_assert_cmpuint (res.negative_stretches[0].frames, ==, 72000);
  g_assert_cmpfloat_with_epsilon (res.negative_stretches[0].correlation, -1.0, 1e-9);
  /* Energy is evenly spread: 7.7 s at +1 and 2.3 s at -1. */
  g_assert_cmpfloat_with_epsilon (res.correlation, (7.7 - 2.3) / 10.0, 0.01);

  /* The minimum length is the setting: at 0.5 s both stretches count. */
  config.correlation_min_s = 0.5;
  run_check (&config, x, n, 3001, &res);
  g_assert_cmpuint (res.n_negative_stretches, ==, 2);
  g_assert_cmpuint (res.negative_stretches[1].start, ==, 336000);
  g_assert_cmpuint (res.negative_stretches[1].frames, ==, 38400);

  /* More rules in the same pass, each with its own stretches: the first rule's as above,
   * 0.5 s counting both, and a threshold of -1.5 that no correlation reaches. */
  config.correlation_min_s = 1.0;
  config.n_more_correlation = 2;
  config.more_correlation[0] = (LqCorrelationRule) { 0.0, 0.5 };
  config.more_correlation[1] = (LqCorrelationRule) { -1.5, 0.0 };
  run_check (&config, x, n, 3001, &res);
  g_assert_cmpuint (res.n_negative_stretches, ==, 1);
  g_assert_cmpfloat (res.correlation_rule.min_s, ==, 1.0);
  g_assert_cmpuint (res.n_more_correlation, ==, 2);
  g_assert_cmpfloat (res.more_correlation[0].rule.min_s, ==, 0.5);
  g_assert_cmpuint (res.more_correlation[0].n_stretches, ==, 2);
  g_assert_cmpuint (res.more_correlation[0].stretches[0].start, ==, 192000);
  g_assert_cmpuint (res.more_correlation[0].stretches[1].start, ==, 336000);
  g_assert_cmpuint (res.more_correlation[0].stretches[1].frames, ==, 38400);
  g_assert_cmpuint (res.more_correlation[1].n_stretches, ==, 0);

  /* A mono file has no correlation, low end or stretches to speak of. */
  config = facts_config (1);
  run_check (&config, l, n, 3001, &res);
  g_assert_true (isnan (res.correlation));
  g_assert_true (isnan (res.low_side_to_mid_db));
  g_assert_cmpuint (res.n_negative_stretches, ==, 0);
}

/* |H|^2 of the 4th-order Linkwitz-Riley low-pass at f: two Butterworth sections, which the
 * bilinear transform maps through tan () prewarped at the cutoff. */
static double
lr4_lowpass_power (double f,
                   double cutoff)
{
  double w = tan (G_PI * f / RATE) / tan (G_PI * cutoff / RATE);
  double section = 1.0 / (1.0 + pow (w, 4.0));

  return section * section;
}

/* Left 0.5 sin 60 Hz, right -0.25 sin 60 Hz: side (L - R)/2 = 0.375 against mid 0.125, three
 * times the mid, +9.54 dB. A 2 kHz tone common to both (pure mid) lies far above 120 Hz and
 * must not count: without the low-pass, mid would win. */
static void
test_low_end_side (void)
{
  const size_t n = 10 * (size_t) RATE;
  g_autofree float *l = g_new (float, n);
  g_autofree float *r = g_new (float, n);
  g_autofree float *tone = g_new (float, n);
  g_autofree float *x = NULL;
  LqMixCheckConfig config = facts_config (2);
  LqMixCheckResult res;
  double expected_side;

  lq_test_sine (l, n, RATE, 60.0, 0.5, 0.0);
  lq_test_sine (r, n, RATE, 60.0, -0.25, 0.0);
  lq_test_sine (tone, n, RATE, 2000.0, 0.4, 0.0);
  for (size_t i = 0; i < n; i++)
    {
      l[i] += tone[i];
      r[i] += tone[i];
    }
  x = interleave (l, r, n);
  run_check (&config, x, n, 4096, &res);
  g_assert_cmpfloat_with_epsilon (res.low_side_to_mid_db, 20.0 * log10 (3.0), 0.05);
  /* The side is a 0.375 sine seen through the low-pass at 60 Hz (-0.53 dB). */
  expected_side = 10.0 * log10 (0.375 * 0.375 / 2.0 * lr4_lowpass_power (60.0, 120.0));
  g_assert_cmpfloat_with_epsilon (res.low_side_dbfs, expected_side, 0.05);

  /* In phase, the side is gone. */
  memcpy (r, l, n * sizeof (float));
  g_free (x);
  x = interleave (l, r, n);
  run_check (&config, x, n, 4096, &res);
  g_assert_true (res.low_side_to_mid_db == -HUGE_VAL);
}

/* Equal sines at 1 kHz and 20 kHz: the band above 16 kHz holds half the energy. */
static void
test_high_energy (void)
{
  const size_t n = 4 * (size_t) RATE;
  g_autofree float *x = g_new (float, n);
  g_autofree float *hf = g_new (float, n);
  LqMixCheckConfig config = facts_config (1);
  LqMixCheckResult res;

  lq_test_sine (x, n, RATE, 1000.0, 0.3, 0.0);
  lq_test_sine (hf, n, RATE, 20000.0, 0.3, 0.0);
  for (size_t i = 0; i < n; i++)
    x[i] += hf[i];
  run_check (&config, x, n, 1024, &res);
  g_assert_cmpfloat_with_epsilon (res.high_energy_db, 10.0 * log10 (0.5), 0.05);

  /* Stereo (its own two-lane path), with the 20 kHz tone in the right channel only: a
   * third of the energy. */
  {
    g_autofree float *l = g_new (float, n);
    g_autofree float *st = NULL;
    LqMixCheckConfig stereo = facts_config (2);

    lq_test_sine (l, n, RATE, 1000.0, 0.3, 0.0);
    st = interleave (l, x, n);
    run_check (&stereo, st, n, 1024, &res);
    g_assert_cmpfloat_with_epsilon (res.high_energy_db, 10.0 * log10 (1.0 / 3.0), 0.05);
  }

  /* 1 kHz alone has next to nothing there. */
  lq_test_sine (x, n, RATE, 1000.0, 0.3, 0.0);
  run_check (&config, x, n, 1024, &res);
  g_assert_cmpfloat (res.high_energy_db, <, -80.0);

  /* At 32 kHz the band does not exist. */
  config.sample_rate = 32000.0;
  run_check (&config, x, n, 1024, &res);
  g_assert_true (isnan (res.high_energy_db));
}

/* 2 s of digital silence, 3 s of noise, 0.5 s of noise at -70 dBFS (silence by the -60 dBFS
 * setting), then: the end peak is that of the quiet noise. A second file stops in the loud
 * noise: its end peak is the noise's. */
static void
test_silence_and_end (void)
{
  const size_t lead = 96000, body = 144000, tail = 24000, n = lead + body + tail;
  g_autofree float *x = g_new0 (float, 2 * n);
  g_autofree float *noise = g_new (float, 2 * (body + tail));
  LqMixCheckConfig config = facts_config (2);
  LqMixCheckResult res;
  uint64_t seed = 3;

  lq_test_white_noise (noise, 2 * (body + tail), 0.5, &seed);
  for (size_t i = 0; i < 2 * body; i++)
    x[2 * lead + i] = noise[i];
  /* The first sample of the body is loud, so the silence ends exactly there. */
  x[2 * lead] = 0.5f;
  for (size_t i = 2 * body; i < 2 * (body + tail); i++)
    x[2 * lead + i] = noise[i] * (float) lq_test_dbfs (-70.0) / 0.5f;
  x[2 * (lead + body) - 1] = 0.5f;

  run_check (&config, x, n, 5000, &res);
  g_assert_cmpuint (res.leading_silence, ==, lead);
  g_assert_cmpuint (res.trailing_silence, ==, tail);
  g_assert_cmpfloat (res.end_peak_dbfs, <=, -70.0);
  g_assert_cmpfloat (res.end_peak_dbfs, >, -90.0);

  /* Cut in the loud part: the last 10 ms peak near the noise's 0.5. */
  run_check (&config, x, lead + body, 333, &res);
  g_assert_cmpuint (res.trailing_silence, ==, 0);
  g_assert_cmpfloat (res.end_peak_dbfs, >, -7.0);
  g_assert_cmpfloat (res.end_peak_dbfs, <=, 20.0 * log10 (0.5) + 1e-6);

  /* All silent: the silence is the whole file. */
  memset (x, 0, 2 * n * sizeof (float));
  run_check (&config, x, n, 5000, &res);
  g_assert_cmpuint (res.leading_silence, ==, n);
  g_assert_cmpuint (res.trailing_silence, ==, n);
  g_assert_true (res.end_peak_dbfs == -HUGE_VAL);
  g_assert_true (res.correlation == -HUGE_VAL);
}

/* Blocks of any size, stereo (with clipped runs, stretches and silence to record) and the
 * strided path for other channel counts: processing allocates nothing. */
static void
test_no_alloc (void)
{
  for (uint32_t channels = 1; channels <= 3; channels++)
    {
      const size_t n = 6 * (size_t) RATE;
      g_autofree float *x = g_new0 (float, n * channels);
      LqMixCheckConfig config = facts_config (channels);
      LqMixCheck *check = lq_mix_check_new (&config, NULL);
      uint64_t seed = 11;
      int calls;

      if (!lq_test_noalloc_available ())
        {
          g_test_skip ("malloc interposition cannot run under AddressSanitizer");
          lq_mix_check_free (check);
          return;
        }
      lq_test_white_noise (x + n * channels / 3, n * channels / 3, 0.5, &seed);
      for (size_t i = n * channels / 3; i < 2 * n * channels / 3; i += 997)
        x[i] = x[i + channels] = x[i + 2 * channels] = 1.0f;
      for (size_t i = n * channels / 2; i < 2 * n * channels / 3 && channels == 2; i += 2)
        x[i + 1] = -x[i];

      lq_test_noalloc_begin ();
      for (size_t done = 0, k = 0; done < n; k++)
        {
          size_t want = k % 5 == 0 ? 16384 : 1 + 37 * (k % 101);
          uint32_t m = (uint32_t) MIN (want, n - done);

          lq_mix_check_process_interleaved (check, x + done * channels, m);
          done += m;
        }
      calls = lq_test_noalloc_end ();
      g_assert_cmpint (calls, ==, 0);
      lq_mix_check_free (check);
    }
}

static void
test_bad_config (void)
{
  LqMixCheckConfig config = facts_config (2);
  LqStatus status;

  config.clip_min_samples = 0;
  g_assert_null (lq_mix_check_new (&config, &status));
  g_assert_cmpint (status, ==, LQ_ERROR_INVALID_ARGUMENT);
  config = facts_config (LQ_MAX_CHANNELS + 1);
  g_assert_null (lq_mix_check_new (&config, &status));
  g_assert_cmpint (status, ==, LQ_ERROR_INVALID_CHANNELS);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mix-check/clipped-runs", test_clipped_runs);
  g_test_add_func ("/mix-check/clipped-runs-in-pass", test_clipped_runs_in_pass);
  g_test_add_func ("/mix-check/dc-offset", test_dc_offset);
  g_test_add_func ("/mix-check/negative-correlation", test_negative_correlation);
  g_test_add_func ("/mix-check/low-end-side", test_low_end_side);
  g_test_add_func ("/mix-check/high-energy", test_high_energy);
  g_test_add_func ("/mix-check/silence-and-end", test_silence_and_end);
  g_test_add_func ("/mix-check/no-alloc", test_no_alloc);
  g_test_add_func ("/mix-check/bad-config", test_bad_config);
  return g_test_run ();
}
