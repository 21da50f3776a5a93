/* lq-render.c
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

#include "lq-audio-file.h"
#include "lq-audio-writer.h"
#include "lq-db.h"
#include "lq-dither.h"
#include "lq-loudness.h"
#include "lq-render.h"

#define BLOCK 4096
#define TARGET_TOLERANCE_LU 0.02
#define MAX_ITERATIONS 10

G_DEFINE_QUARK (lq-render-error-quark, lq_render_error)

/* The decoded mix, planar, and everything derived from it. */
typedef struct
{
  guint    channels;
  double   rate;
  gsize    frames;
  float   *pre[2];      /* after input gain, EQ and compressor: what the limiter sees */
  float   *out[2];      /* after the limiter and output gain */
} Render;

static void
render_clear (Render *r)
{
  for (guint c = 0; c < 2; c++)
    {
      g_free (r->pre[c]);
      g_free (r->out[c]);
    }
}

void
lq_render_options_init (LqRenderOptions *options)
{
  memset (options, 0, sizeof *options);
  /* Without a chain the master is the limiter alone: a plain loudness master. */
  lq_chain_params_init_default (&options->chain);
  options->chain.eq.bypass = true;
  options->chain.comp.bypass = true;
  options->chain.lim.bypass = false;
  options->max_limiting_db = LQ_RENDER_DEFAULT_MAX_LIMITING_DB;
  options->format = LQ_FILE_FORMAT_WAV;
  options->sample_format = LQ_SAMPLE_FORMAT_S24;
  options->dither = TRUE;
}

void
lq_render_options_apply_preset (LqRenderOptions *options,
                                const LqPreset  *preset)
{
  options->has_target = TRUE;
  options->target_lufs = preset->target_lufs;
  options->has_ceiling = TRUE;
  options->ceiling_dbtp = preset->ceiling_dbtp;
  options->format = preset->format;
  options->sample_format = preset->sample_format;
  options->sample_rate = preset->sample_rate;
}

static gboolean
decode (const char    *input,
        guint          rate,
        GCancellable  *cancellable,
        Render        *r,
        GError       **error)
{
  g_autoptr(LqAudioFile) file = NULL;
  g_autofree float *buf = NULL;
  const LqAudioInfo *info;
  gsize capacity;

  if (!(file = lq_audio_file_open (input, error)) || !lq_audio_file_check_playable (file, error))
    return FALSE;
  if (rate != 0 && !lq_audio_file_set_output_rate (file, rate, error))
    return FALSE;
  info = lq_audio_file_get_info (file);

  r->channels = info->channels;
  r->rate = lq_audio_file_get_output_rate (file);
  capacity = info->frames > 0 ? (gsize) (info->frames * r->rate / info->sample_rate) + BLOCK
                              : 1 << 20;
  for (guint c = 0; c < r->channels; c++)
    r->pre[c] = g_new (float, capacity);

  buf = g_new (float, (gsize) BLOCK * r->channels);
  for (;;)
    {
      gssize n = lq_audio_file_read (file, buf, BLOCK, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (r->frames + n > capacity)
        {
          capacity = MAX (capacity * 2, r->frames + n);
          for (guint c = 0; c < r->channels; c++)
            r->pre[c] = g_renew (float, r->pre[c], capacity);
        }
      for (guint c = 0; c < r->channels; c++)
        for (gssize i = 0; i < n; i++)
          r->pre[c][r->frames + i] = buf[i * r->channels + c];
      r->frames += n;
    }
  return TRUE;
}

/* Points src[c] at frames [at, at + n) of in[c]; where the block runs past frames, at a copy
 * in tmp[c] that continues in silence (the flush that brings a latency's worth of output
 * out). */
static void
block_at (float *const  *in,
          guint          channels,
          gsize          frames,
          gsize          at,
          uint32_t       n,
          float          tmp[][BLOCK],
          const float  **src)
{
  for (guint c = 0; c < channels; c++)
    {
      gsize left = at < frames ? MIN ((gsize) n, frames - at) : 0;

      if (left == n)
        {
          src[c] = in[c] + at;
          continue;
        }
      if (left > 0)
        memcpy (tmp[c], in[c] + at, left * sizeof (float));
      memset (tmp[c] + left, 0, (n - left) * sizeof (float));
      src[c] = tmp[c];
    }
}

/* Runs a chain over in (frames long), writing frames samples of its output aligned with the
 * input: the first latency output samples are dropped and the tail is flushed with zeros.
 * Returns the largest limiter gain reduction seen. */
static float
run_aligned (LqChain     *chain,
             uint32_t     latency,
             guint        channels,
             float      **in,
             float      **out,
             gsize        frames)
{
  float tmp[2][BLOCK];
  gsize read = 0, written = 0;
  float peak_gr = 0.0f;

  lq_chain_reset (chain);
  while (written < frames)
    {
      const float *src[2];
      float *dst[2] = { tmp[0], tmp[1] };
      uint32_t n = BLOCK;
      uint32_t skip = 0;
      gsize m;

      block_at (in, channels, frames, read, n, tmp, src);
      lq_chain_process (chain, src, dst, n);
      peak_gr = MAX (peak_gr, lq_chain_get_limiter_gain_reduction_db (chain));
      if (read < latency)
        skip = (uint32_t) MIN ((gsize) n, latency - read);
      read += n;

      m = MIN ((gsize) (n - skip), frames - written);
      for (guint c = 0; c < channels; c++)
        memcpy (out[c] + written, tmp[c] + skip, m * sizeof (float));
      written += m;
    }
  return peak_gr;
}

/* Integrated loudness of planar audio. */
static double
measure_integrated (const Render *r,
                    float       **audio)
{
  LqLoudnessConfig config = { .sample_rate = r->rate, .channels = r->channels };
  LqLoudness *meter = lq_loudness_new (&config, NULL);
  double lufs;

  lq_loudness_process (meter, (const float *const *) audio, (uint32_t) MIN (r->frames, G_MAXUINT32));
  for (gsize done = G_MAXUINT32; done < r->frames; done += G_MAXUINT32)
    {
      const float *p[2] = { audio[0] + done, r->channels > 1 ? audio[1] + done : NULL };
      lq_loudness_process (meter, p, (uint32_t) MIN (r->frames - done, G_MAXUINT32));
    }
  lufs = lq_loudness_get_integrated (meter);
  lq_loudness_free (meter);
  return lufs;
}

/* The gain search's trial. The limiter's detector is linear, so its envelope of the
 * pre-limiter signal is measured once (Search.env) and scaled by each trial gain; only the
 * gain computer and the meter run per trial, and the last trial is the master. It is the
 * limiter's own code with its own detector's envelope: what the player's chain computes for
 * g * x, up to the rounding of g * env (x) against env (g * x). */
typedef struct
{
  LqLimiter *limiter;
  float     *env;          /* detector envelope of pre, padded with the limiter's flush */
  gsize      env_frames;
} Search;

static void
search_clear (Search *s)
{
  lq_limiter_free (s->limiter);
  g_free (s->env);
}

/* Envelope of pre (then silence) for frames [from, to) into env, by a detector of its own
 * that first runs over the preceding frames it needs as history: the result equals the
 * sequential one, so halves of the file can be measured on two cores. */
typedef struct
{
  const Render          *r;
  const LqLimiterConfig *config;
  float                 *env;
  gsize                  from, to;
  gboolean               ok;
} EnvelopeJob;

static gpointer
envelope_job_run (gpointer data)
{
  EnvelopeJob *job = data;
  const Render *r = job->r;
  LqTruePeak *detector = lq_limiter_new_detector (job->config, NULL);
  float scratch[BLOCK];
  gsize prime, start;

  if (detector == NULL)
    return NULL;
  prime = 2 * (gsize) lq_truepeak_get_latency (detector);
  start = job->from > prime ? job->from - prime : 0;

  for (gsize done = start; done < job->to;)
    {
      /* Blocks end at job->from so that the priming output is never stored. */
      gsize limit = done < job->from ? job->from : job->to;
      uint32_t n = (uint32_t) MIN ((gsize) BLOCK, limit - done);
      float tail[2][BLOCK];
      const float *in[2];

      block_at ((float *const *) r->pre, r->channels, r->frames, done, n, tail, in);
      lq_truepeak_process_envelope (detector, in, done < job->from ? scratch : job->env + done, n);
      done += n;
    }
  lq_truepeak_free (detector);
  job->ok = TRUE;
  return NULL;
}

static gboolean
search_init (Search                *s,
             const Render          *r,
             const LqLimiterParams *params)
{
  LqLimiterConfig config = { r->rate, r->channels, BLOCK, 0.0 };
  EnvelopeJob jobs[2];
  GThread *thread = NULL;
  gsize total, half;

  s->limiter = lq_limiter_new (&config, NULL);
  if (s->limiter == NULL)
    return FALSE;
  lq_limiter_set_params (s->limiter, params);
  total = r->frames + lq_limiter_get_latency (s->limiter);
  s->env = g_new (float, total);
  s->env_frames = total;

  half = g_get_num_processors () > 1 ? total / 2 : total;
  jobs[0] = (EnvelopeJob) { r, &config, s->env, 0, half, FALSE };
  jobs[1] = (EnvelopeJob) { r, &config, s->env, half, total, half == total };
  if (half < total)
    thread = g_thread_new ("lq-envelope", envelope_job_run, &jobs[1]);
  envelope_job_run (&jobs[0]);
  if (thread)
    g_thread_join (thread);
  return jobs[0].ok && jobs[1].ok;
}

/* One trial: the limiter at gain over pre, output gain after, aligned into r->out. Returns
 * the peak gain reduction. */
static float
search_trial (Search              *s,
              const LqChainParams *params,
              Render              *r,
              double               gain)
{
  const uint32_t latency = lq_limiter_get_latency (s->limiter);
  const float out_gain = (float) lq_db_to_gain (params->output_gain_db);
  float in_blk[2][BLOCK], out_blk[2][BLOCK], env_blk[BLOCK];
  float peak = 0.0f;
  gsize written = 0;

  lq_limiter_reset (s->limiter);
  lq_limiter_set_params (s->limiter, &params->lim);
  for (gsize done = 0; done < s->env_frames; done += BLOCK)
    {
      uint32_t n = (uint32_t) MIN ((gsize) BLOCK, s->env_frames - done);
      const float *in[2] = { in_blk[0], in_blk[1] };
      float *out[2] = { out_blk[0], out_blk[1] };
      uint32_t skip = done < latency ? (uint32_t) MIN ((gsize) n, latency - done) : 0;
      gsize m;

      for (guint c = 0; c < r->channels; c++)
        for (uint32_t i = 0; i < n; i++)
          in_blk[c][i] = done + i < r->frames ? (float) (r->pre[c][done + i] * gain) : 0.0f;
      for (uint32_t i = 0; i < n; i++)
        env_blk[i] = (float) (s->env[done + i] * gain);

      lq_limiter_process_detected (s->limiter, in, env_blk, out, n);
      peak = MAX (peak, lq_limiter_get_gain_reduction_db (s->limiter));

      m = MIN ((gsize) (n - skip), r->frames - written);
      for (guint c = 0; c < r->channels; c++)
        for (gsize i = 0; i < m; i++)
          r->out[c][written + i] = out_blk[c][skip + i] * out_gain;
      written += m;
    }
  return peak;
}

/* The limiter stage alone (everything else bypassed) over pre, without a loudness target.
 * Returns the peak gain reduction. */
static float
run_limiter (LqChain             *limiter_chain,
             const LqChainParams *params,
             Render              *r)
{
  lq_chain_set_params (limiter_chain, params);
  return run_aligned (limiter_chain, lq_chain_get_latency (limiter_chain), r->channels, r->pre,
                      r->out, r->frames);
}

/* The render, with or without writing: without output it stops after the gain search, so
 * lq_render_find_gain () and lq_render_file () share every step up to the file. */
static gboolean
render_core (const char             *input,
             const char             *output,
             const LqRenderOptions  *options,
             GCancellable           *cancellable,
             LqProgressFunc          progress,
             gpointer                user_data,
             LqRenderReport         *report,
             GError                **error)
{
  g_autoptr(LqAudioWriter) writer = NULL;
  Render r = { 0 };
  Search search = { 0 };
  LqChainParams pre_params, lim_params;
  LqChainConfig config = { 0 };
  LqChain *pre_chain = NULL, *lim_chain = NULL;
  LqDither *dither = NULL;
  LqDitherConfig dconfig = { 0 };
  LqFileAnalysisConfig aconfig = { 0 };
  LqFileAnalysis *meter = NULL;
  gint64 start = g_get_monotonic_time ();
  double gain_db = 0.0;
  float peak_gr = 0.0f;
  guint iterations = 0;
  gboolean ok = FALSE;

  if (report)
    memset (report, 0, sizeof *report);

  if (!decode (input, options->sample_rate, cancellable, &r, error))
    goto out;
  /* Fail on the destination before spending time on the render. */
  if (output != NULL
      && !(writer = lq_audio_writer_new (output, options->format, options->sample_format,
                                         (guint) r.rate, r.channels, options->overwrite, input,
                                         error)))
    goto out;

  config.sample_rate = r.rate;
  config.channels = r.channels;
  config.max_frames = BLOCK;

  /* Split the chain at the limiter: the part before it runs once, the limiter (with the
   * target gain in front of it) as often as the search needs. Both halves are LqChain, so
   * the processing is the player's, stage for stage. */
  pre_params = options->chain;
  pre_params.lim.bypass = true;
  pre_params.output_gain_db = 0.0;
  lim_params = options->chain;
  lim_params.input_gain_db = 0.0;
  lim_params.eq.bypass = true;
  lim_params.comp.bypass = true;
  if (options->has_ceiling)
    {
      lim_params.lim.ceiling_db = options->ceiling_dbtp;
      lim_params.lim.bypass = false;
    }

  pre_chain = lq_chain_new (&config, NULL);
  lim_chain = lq_chain_new (&config, NULL);
  if (pre_chain == NULL || lim_chain == NULL)
    {
      g_set_error (error, LQ_RENDER_ERROR, LQ_RENDER_ERROR_INVALID,
                   _("%s: cannot process %u channels at %.0f Hz"), input, r.channels, r.rate);
      goto out;
    }
  lq_chain_set_params (pre_chain, &pre_params);
  run_aligned (pre_chain, lq_chain_get_latency (pre_chain), r.channels, r.pre, r.pre,
               r.frames);
  for (guint c = 0; c < r.channels; c++)
    r.out[c] = g_new (float, r.frames);
  if (progress)
    progress (0.2, user_data);

  if (options->has_target)
    {
      double pre_lufs = measure_integrated (&r, r.pre);
      double g_prev = 0.0, l_prev = NAN;

      if (!isfinite (pre_lufs))
        {
          g_autofree char *display = g_filename_display_name (input);
          g_set_error (error, LQ_RENDER_ERROR, LQ_RENDER_ERROR_TARGET_UNREACHABLE,
                       _("%s: The mix is silent; there is no loudness to bring to %.1f LUFS"),
                       display, options->target_lufs);
          goto out;
        }
      gain_db = options->target_lufs - pre_lufs - options->chain.output_gain_db;
      if (!search_init (&search, &r, &lim_params.lim))
        {
          g_set_error (error, LQ_RENDER_ERROR, LQ_RENDER_ERROR_INVALID,
                       _("%s: cannot process %u channels at %.0f Hz"), input, r.channels, r.rate);
          goto out;
        }

      /* Secant search on integrated loudness versus gain: the limiter makes it concave, so
       * a plain step would undershoot; two or three passes usually land within 0.02 LU. */
      for (iterations = 1; iterations <= MAX_ITERATIONS; iterations++)
        {
          double lufs, next;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto out;
          peak_gr = search_trial (&search, &lim_params, &r, lq_db_to_gain (gain_db));
          lufs = measure_integrated (&r, r.out);
          if (progress)
            progress (0.2 + 0.6 * iterations / MAX_ITERATIONS, user_data);
          if (fabs (lufs - options->target_lufs) <= TARGET_TOLERANCE_LU)
            break;
          if (isfinite (l_prev) && fabs (lufs - l_prev) > 1e-6)
            next = gain_db + (options->target_lufs - lufs) * (gain_db - g_prev) / (lufs - l_prev);
          else
            next = gain_db + (options->target_lufs - lufs);
          g_prev = gain_db;
          l_prev = lufs;
          gain_db = CLAMP (next, gain_db - 24.0, gain_db + 24.0);
          if (peak_gr > options->max_limiting_db + 6.0)
            break;   /* hopeless: stop early and report below */
        }
      if (peak_gr > options->max_limiting_db)
        {
          g_autofree char *display = g_filename_display_name (input);
          g_set_error (error, LQ_RENDER_ERROR, LQ_RENDER_ERROR_TARGET_UNREACHABLE,
                       _("%s: Reaching %.1f LUFS under a %.1f dBTP ceiling takes %.1f dB of "
                         "limiting, more than the %.1f dB allowed; lower the target or raise "
                         "--max-limiting"),
                       display, options->target_lufs, lim_params.lim.ceiling_db, peak_gr,
                       options->max_limiting_db);
          goto out;
        }
      /* r.out holds the last trial: the master. */
    }
  else
    peak_gr = run_limiter (lim_chain, &lim_params, &r);

  if (output == NULL)
    {
      if (progress)
        progress (1.0, user_data);
      if (report)
        {
          report->gain_db = gain_db;
          report->peak_limiting_db = peak_gr;
          report->iterations = iterations;
          report->sample_rate = (guint) r.rate;
          report->seconds = (g_get_monotonic_time () - start) / 1e6;
        }
      ok = TRUE;
      goto out;
    }

  /* Output stage: dither and quantise, write, measure what was written. */
  dconfig.channels = r.channels;
  dconfig.bits = options->sample_format;
  dconfig.type = options->dither && options->sample_format != LQ_SAMPLE_FORMAT_F32
                 ? LQ_DITHER_TPDF : LQ_DITHER_NONE;
  dither = lq_dither_new (&dconfig, NULL);
  aconfig.sample_rate = r.rate;
  aconfig.channels = r.channels;
  meter = lq_file_analysis_new (&aconfig, NULL);

  for (gsize done = 0; done < r.frames; done += BLOCK)
    {
      uint32_t n = (uint32_t) MIN ((gsize) BLOCK, r.frames - done);
      const float *in[2] = { r.out[0] + done, r.channels > 1 ? r.out[1] + done : NULL };
      float q[2][BLOCK];
      float *qp[2] = { q[0], q[1] };
      float inter[2 * BLOCK];

      lq_dither_process (dither, in, qp, n);
      for (uint32_t i = 0; i < n; i++)
        for (guint c = 0; c < r.channels; c++)
          inter[i * r.channels + c] = q[c][i];
      if (!lq_audio_writer_write (writer, inter, n, error))
        goto out;
      lq_file_analysis_process (meter, inter, n);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
    }
  if (!lq_audio_writer_commit (writer, error))
    goto out;
  if (progress)
    progress (1.0, user_data);

  if (report)
    {
      lq_file_analysis_finish (meter, &report->output);
      report->gain_db = gain_db;
      report->peak_limiting_db = peak_gr;
      report->iterations = iterations;
      report->sample_rate = (guint) r.rate;
      report->seconds = (g_get_monotonic_time () - start) / 1e6;
    }
  ok = TRUE;

out:
  search_clear (&search);
  lq_file_analysis_free (meter);
  lq_dither_free (dither);
  lq_chain_free (pre_chain);
  lq_chain_free (lim_chain);
  render_clear (&r);
  return ok;
}

gboolean
lq_render_file (const char             *input,
                const char             *output,
                const LqRenderOptions  *options,
                GCancellable           *cancellable,
                LqProgressFunc          progress,
                gpointer                user_data,
                LqRenderReport         *report,
                GError                **error)
{
  g_return_val_if_fail (input != NULL && output != NULL && options != NULL, FALSE);

  return render_core (input, output, options, cancellable, progress, user_data, report, error);
}

gboolean
lq_render_find_gain (const char             *input,
                     const LqRenderOptions  *options,
                     GCancellable           *cancellable,
                     LqProgressFunc          progress,
                     gpointer                user_data,
                     LqRenderReport         *report,
                     GError                **error)
{
  g_return_val_if_fail (input != NULL && options != NULL && options->has_target, FALSE);

  return render_core (input, NULL, options, cancellable, progress, user_data, report, error);
}
