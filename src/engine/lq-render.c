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
#include <pthread.h>

#include "lq-audio-file.h"
#include "lq-audio-writer.h"
#include "lq-db.h"
#include "lq-dither.h"
#include "lq-loudness.h"
#include "lq-render-spill.h"
#include "lq-pcm.h"
#include "lq-render.h"
#include "lq-truepeak.h"

#define BLOCK 4096
G_STATIC_ASSERT (BLOCK <= LQ_AUDIO_WRITER_BLOCK);
#define TARGET_TOLERANCE_LU 0.02
#define MAX_ITERATIONS 10
/* BS.1770 gates 400 ms blocks: anything shorter has no integrated loudness. */
#define MIN_MEASURABLE_S 0.4
/* The true-peak check of the master (render_true_peak): it aims this far under the ceiling,
 * for the dither and the rounding to the file's bits and for the samples beyond the meter's
 * +-24576-sample last stage, which still move a peak of white noise driven 20 dB in by up to
 * 0.03 dB (tests/render/test-render-truepeak.c, against the FFT oracle); each correction is
 * a raised-cosine dip of the gain, flat over PLATEAU samples either side of the peak's
 * interval and falling over RAMP_MS, slow enough that the dip itself adds no new overs of
 * note. */
#define TP_AIM_DB 0.04
#define TP_PLATEAU 4
#define TP_RAMP_MS 2.0
#define TP_MAX_PASSES 12
/* A dip goes this much deeper, in dB, than the interval's excess over the aim: the samples
 * beyond its plateau, dipped less, still add to the peak, and a dip landing exactly on the aim
 * left the next pass a crop of intervals over it by a hair (on a 5-minute master limited 4 dB,
 * 327 intervals over took six passes; with 1.1 or more, two: the fix and a pass finding none). */
#define TP_DIP_DEPTH 1.1f
/* How far from a dip the band-limited signal can still move by more than a few thousandths
 * of a dB: a dip of 3 % over a few hundred samples shifts the interpolant 4096 samples away
 * by under 0.005 dB, within the aim's margin. */
#define TP_RECHECK 4096
/* Intervals the check also reads before the master's first frame and after its last, where
 * the band-limited signal rings on into the silence around it: a master that starts or ends
 * abruptly on content near Nyquist peaks there (a sine at 0.99 of Nyquist driven 20 dB in:
 * 0.14 dB over the ceiling by the FFT oracle, in the interval before its first sample). Their
 * dips fall on the first or last frame. */
#define TP_EDGE 64
/* Frames per call of the check's detector. */
#define TP_BLOCK 65536

/* Shares of the progress bar: decode, the chain before the limiter, the gain search (or the
 * limiter alone), writing. */
#define PROGRESS_DECODED 0.2
#define PROGRESS_PRE_CHAIN 0.3
#define PROGRESS_SEARCHED 0.8

G_DEFINE_QUARK (lq-render-error-quark, lq_render_error)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LqLoudness, lq_loudness_free)

/* The render's frame-length arrays, each in its own temporary file. */
enum
{
  SPILL_PRE,                  /* two: one per channel */
  SPILL_OUT = SPILL_PRE + 2,  /* two */
  SPILL_ENV = SPILL_OUT + 2,  /* the limiter's detector envelope (Search) */
  N_SPILLS
};

/* The true-peak check's working state (render_true_peak), kept across the masters the gain
 * search checks. */
typedef struct
{
  GArray     *dips;       /* the pass's (Dip), applied once it is over */
  guint8     *dirty;      /* per block: to measure again in the next pass (apply_dips) */
  float      *env;        /* 2 * TP_BLOCK: two detectors' outputs */
  float      *buf;        /* 4 * TP_BLOCK: two detectors' inputs, two channels each */
  LqTruePeak *tp[2];
  gsize       n_blocks;
  guint       ramp;
  float       aim;
  /* The first pass's first segment, measured beside the trial that wrote the master
   * (search_trial), and its dips. */
  gboolean    ahead;
  gsize       ahead_overs;
  GArray     *ahead_dips;
  /* How far that trial has written the master into SPILL_OUT: frames [0, feed_ready) are
   * there; feed_over once it has stopped, and feed_ready is final. POSIX locks, which
   * ThreadSanitizer sees (GLib's are futexes of its own). */
  gboolean        feed_init;
  pthread_mutex_t feed_lock;
  pthread_cond_t  feed_cond;
  gsize           feed_ready;
  gboolean        feed_over;
  /* The segment's checker while it runs (ahead_start to ahead_join): its thread (none when
   * it could not start) and its CheckJob. */
  GThread        *ahead_thread;
  gpointer        ahead_job;
} Check;

/* One render: what was asked, the decoded mix (planar) and everything derived from it. */
typedef struct
{
  const char            *input;
  char                  *display;     /* input, for messages */
  const char            *output;      /* NULL: the gain search alone */
  const LqRenderOptions *options;
  GCancellable          *cancellable;
  LqProgressFunc         progress;
  gpointer               user_data;

  LqAudioFile           *file;
  LqAudioWriter         *writer;
  guint                  channels;
  double                 rate;
  gsize                  frames;
  double                 pre_lufs;    /* of pre, when measured while decoding; else NAN */
  float                 *out[2];      /* after the limiter and output gain: the master */
  /* Where the rest lives: the mix after input gain, EQ and compressor (what the limiter
   * sees, "pre"), the master ("out", also mapped at out[] for the hand-over) and the
   * limiter's envelope. The passes copy blocks in and out of them: none maps a page. */
  LqRenderSpill          spill[N_SPILLS];

  LqChainConfig          config;
  LqChainParams          pre_params;  /* the chain up to the limiter */
  LqChainParams          lim_params;  /* the limiter and output gain */

  double                 gain_db;
  float                  peak_gr;
  guint                  iterations;
  guint                  tp_passes;   /* of the true-peak check */
  gsize                  tp_overs;    /* intervals it found over the ceiling, all passes */
  gint64                 start;
  gint64                 written;     /* when the master was complete, before any hand-over */
  Check                  check;
  /* The master's file is written (render_find_gain may write it as the check's last word),
   * and its readings, for the report or for the search. */
  gboolean               master_written;
  LqLoudnessSummary     *measured;
  LqLoudnessSummary      own_measured;
} Render;

static Check   *check_get        (Render             *r,
                                  GError            **error);
static void     check_clear      (Check              *k);
static void     feed_publish     (Check              *k,
                                  gsize               ready,
                                  gboolean            over);
static void     ahead_start      (const Render       *r,
                                  Check              *k);
static void     ahead_join       (Check              *k,
                                  GError            **error);

static gboolean render_true_peak (Render  *r,
                                  GError **error);
static gboolean render_write     (Render            *r,
                                  LqLoudnessSummary *measured,
                                  GError           **error);
static gboolean render_open_output (Render  *r,
                                    GError **error);

static void
render_clear (Render *r)
{
  for (guint i = 0; i < N_SPILLS; i++)
    _lq_render_spill_clear (&r->spill[i]);
  /* An uncommitted writer deletes its temporary file. */
  g_clear_pointer (&r->writer, lq_audio_writer_free);
  g_clear_pointer (&r->file, lq_audio_file_free);
  check_clear (&r->check);
  g_free (r->display);
}

static void
render_progress (const Render *r,
                 double        fraction)
{
  if (r->progress)
    r->progress (fraction, r->user_data);
}

static gboolean
render_cancelled (const Render *r)
{
  return g_cancellable_is_cancelled (r->cancellable);
}

/* func (first) on this thread and func (second) beside it on a new one, when there is a
 * second; without a thread, one after the other. The jobs' results are the same either way. */
static void
run_beside (const char  *name,
            GThreadFunc  func,
            gpointer     first,
            gpointer     second)
{
  GThread *thread = second != NULL ? g_thread_try_new (name, func, second, NULL) : NULL;

  func (first);
  if (thread)
    g_thread_join (thread);
  else if (second != NULL)
    func (second);
}

/* The first error of two jobs into error, both cleared; FALSE when there was one. */
static gboolean
take_job_errors (GError **first,
                 GError **second,
                 GError **error)
{
  gboolean ok = *first == NULL && *second == NULL;

  if (!ok)
    g_propagate_error (error, *first != NULL ? g_steal_pointer (first)
                                             : g_steal_pointer (second));
  g_clear_error (first);
  g_clear_error (second);
  return ok;
}

static gboolean
set_no_memory (const Render  *r,
               gsize          frames,
               GError       **error)
{
  g_set_error (error, LQ_RENDER_ERROR, LQ_RENDER_ERROR_NO_MEMORY,
               _("%s: Not enough memory to render %.1f minutes"), r->display,
               frames / r->rate / 60.0);
  return FALSE;
}

static gboolean
set_status_error (const Render  *r,
                  LqStatus       status,
                  GError       **error)
{
  if (status == LQ_ERROR_NOMEM)
    return set_no_memory (r, r->frames, error);
  g_set_error (error, LQ_RENDER_ERROR, LQ_RENDER_ERROR_INVALID,
               _("%s: cannot process %u channels at %.0f Hz (%s)"), r->display, r->channels,
               r->rate, lq_status_to_string (status));
  return FALSE;
}

/* Out of memory (or address space) is said as everywhere else; the rest is the
 * temporary folder's. */
static gboolean
set_spill_error (const Render  *r,
                 gsize          frames,
                 const GError  *spill_error,
                 GError       **error)
{
  if (g_error_matches (spill_error, G_FILE_ERROR, G_FILE_ERROR_NOMEM))
    return set_no_memory (r, frames, error);
  g_set_error (error, LQ_RENDER_ERROR, LQ_RENDER_ERROR_SCRATCH, "%s: %s", r->display,
               spill_error->message);
  return FALSE;
}

/* An array of frames in spill[which], or an error naming the file and why there is none. */
static float *
alloc_spill (Render   *r,
             guint     which,
             gsize     frames,
             GError  **error)
{
  g_autoptr(GError) local = NULL;

  if (!_lq_render_spill_alloc (&r->spill[which], frames, &local))
    {
      set_spill_error (r, frames, local, error);
      return NULL;
    }
  return r->spill[which].data;
}

/* Planar arrays of frames for every channel, from spill[first] on, pointed at by planes[]
 * when given. */
static gboolean
alloc_planar (Render   *r,
              guint     first,
              float   **planes,
              gsize     frames,
              GError  **error)
{
  for (guint c = 0; c < r->channels; c++)
    {
      float *p = alloc_spill (r, first + c, frames, error);

      if (p == NULL)
        return FALSE;
      if (planes != NULL)
        planes[c] = p;
    }
  return TRUE;
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
  options->dither = LQ_DITHER_TPDF;
}

void
lq_render_options_copy (LqRenderOptions       *dest,
                        const LqRenderOptions *src)
{
  LqMetadata metadata = dest->metadata;

  if (dest == src)
    return;
  *dest = *src;
  dest->metadata = metadata;
  lq_metadata_copy (&dest->metadata, &src->metadata);
}

void
lq_render_options_clear (LqRenderOptions *options)
{
  lq_metadata_clear (&options->metadata);
}

void
lq_render_options_apply_preset (LqRenderOptions *options,
                                const LqPreset  *preset)
{
  options->has_target = isfinite (preset->target_lufs);
  options->target_lufs = options->has_target ? preset->target_lufs : 0.0;
  options->has_ceiling = isfinite (preset->ceiling_dbtp);
  options->ceiling_dbtp = options->has_ceiling ? preset->ceiling_dbtp : 0.0;
  options->format = preset->format;
  options->sample_format = preset->sample_format;
  options->sample_rate = preset->sample_rate;
}

/* Step 1: open the mix (resampled when another rate is asked for) and learn its shape. */
static gboolean
render_open_input (Render  *r,
                   GError **error)
{
  if (!(r->file = lq_audio_file_open (r->input, error))
      || !lq_audio_file_check_playable (r->file, error))
    return FALSE;
  if (r->options->sample_rate != 0
      && !lq_audio_file_set_output_rate (r->file, r->options->sample_rate, error))
    return FALSE;
  r->channels = lq_audio_file_get_info (r->file)->channels;
  r->rate = lq_audio_file_get_output_rate (r->file);
  return TRUE;
}

/* Step 2: the destination, before spending time on the render: a temporary file beside it. */
static gboolean
render_open_output (Render  *r,
                    GError **error)
{
  const LqRenderOptions *o = r->options;

  if (r->output == NULL)
    return TRUE;
  if (r->output[0] == '\0')
    {
      g_set_error (error, LQ_RENDER_ERROR, LQ_RENDER_ERROR_INVALID,
                   _("The output file name is empty"));
      return FALSE;
    }
  if (!lq_metadata_validate (&o->metadata, error))
    return FALSE;
  r->writer = lq_audio_writer_new (r->output, o->format, o->sample_format, (guint) r->rate,
                                   r->channels, o->overwrite, r->input, error);
  return r->writer != NULL;
}

/* The planar arrays in spill[first] on, one cursor per channel: buffered for the sequential
 * passes, unbuffered where a pass changes the master ahead of its reads. */
static void
cursors_init (const Render        *r,
              LqRenderSpillCursor *cur,
              guint                first,
              gboolean             buffered)
{
  for (guint c = 0; c < r->channels; c++)
    _lq_render_spill_cursor_init (&cur[c], &r->spill[first + c], buffered);
}

/* Writes out what the cursors hold; FALSE with the render's error for a working file that
 * cannot take it (frames as set_spill_error ()). */
static gboolean
cursors_flush (const Render         *r,
               LqRenderSpillCursor  *cur,
               gsize                 frames,
               GError              **error)
{
  for (guint c = 0; c < r->channels; c++)
    {
      g_autoptr(GError) local = NULL;

      if (!_lq_render_spill_cursor_flush (&cur[c], &local))
        return set_spill_error (r, frames, local, error);
    }
  return TRUE;
}

static void
cursors_clear (const Render        *r,
               LqRenderSpillCursor *cur)
{
  for (guint c = 0; c < r->channels; c++)
    _lq_render_spill_cursor_clear (&cur[c]);
}

/* Step 3: decode the whole mix into the pre arrays. */
static gboolean
render_decode (Render  *r,
               GError **error)
{
  const LqAudioInfo *info = lq_audio_file_get_info (r->file);
  g_autofree float *buf = g_new (float, (gsize) BLOCK * r->channels);
  float plane[BLOCK];
  gsize expected = info->frames > 0 ? (gsize) (info->frames * r->rate / info->sample_rate) : 0;
  gsize capacity = expected > 0 ? expected + BLOCK : 1 << 20;
  LqFileAnalysisConfig mconfig = { .sample_rate = r->rate, .channels = r->channels,
                                   .threads = g_get_num_processors () > 1,
                                   .busy_caller = TRUE, .loudness_only = TRUE,
                                   .bounded = lq_audio_file_is_bounded (r->file) };
  LqFileAnalysis *meter = NULL;
  LqLoudnessSummary measured;
  LqRenderSpillCursor pre[2];
  gboolean ok = FALSE;

  r->pre_lufs = NAN;
  if (!alloc_planar (r, SPILL_PRE, NULL, capacity, error))
    return FALSE;
  cursors_init (r, pre, SPILL_PRE, TRUE);
  /* With nothing before the limiter, pre is the mix as decoded: the gain search's first
   * reading is taken here, on the second core, instead of in a pass of its own. Each block
   * is decoded into a buffer of this thread's and copied to the meter: decoded straight into
   * the meter's chunks, which the other core reads, the conversion ran at half its speed. */
  if (r->options->has_target && lq_chain_params_is_identity (&r->pre_params, r->channels)
      && !(meter = lq_file_analysis_new (&mconfig, NULL)))
    return set_no_memory (r, capacity, error);
  for (;;)
    {
      gssize n = lq_audio_file_read (r->file, buf, BLOCK, error);

      if (n < 0)
        goto out;
      if (n == 0)
        break;
      if (g_cancellable_set_error_if_cancelled (r->cancellable, error))
        goto out;
      if (r->frames + n > capacity)
        {
          g_autoptr(GError) local = NULL;

          capacity = MAX (capacity * 2, r->frames + n);
          /* Growing may move the arrays into files: the cursors start again after it. */
          if (!cursors_flush (r, pre, capacity, error))
            goto out;
          cursors_clear (r, pre);
          for (guint c = 0; c < r->channels; c++)
            if (!_lq_render_spill_grow (&r->spill[SPILL_PRE + c], capacity, &local))
              {
                set_spill_error (r, capacity, local, error);
                goto out;
              }
          cursors_init (r, pre, SPILL_PRE, TRUE);
        }
      for (guint c = 0; c < r->channels; c++)
        {
          g_autoptr(GError) local = NULL;
          float *room;

          /* Straight into the cursor's window where it has one. */
          if (!_lq_render_spill_cursor_reserve (&pre[c], r->frames, n, &room, &local))
            {
              set_spill_error (r, capacity, local, error);
              goto out;
            }
          lq_pcm_deinterleave (buf + c, r->channels, room ? room : plane, (gsize) n);
          if (room == NULL && !_lq_render_spill_cursor_write (&pre[c], r->frames, plane, n, &local))
            {
              set_spill_error (r, capacity, local, error);
              goto out;
            }
        }
      if (meter != NULL && lq_file_analysis_process (meter, buf, (uint32_t) n) != LQ_OK)
        {
          set_no_memory (r, capacity, error);
          goto out;
        }
      r->frames += n;
      if (expected > 0)
        render_progress (r, PROGRESS_DECODED * MIN (1.0, (double) r->frames / expected));
    }
  if (!cursors_flush (r, pre, capacity, error))
    goto out;
  if (meter != NULL)
    {
      if (lq_file_analysis_finish (meter, &measured) != LQ_OK)
        {
          set_no_memory (r, capacity, error);
          goto out;
        }
      r->pre_lufs = measured.integrated_lufs;
    }
  g_clear_pointer (&r->file, lq_audio_file_free);
  ok = TRUE;
out:
  cursors_clear (r, pre);
  lq_file_analysis_free (meter);
  return ok;
}

/* Points src[c] at frames [at, at + n) of the planar arrays cur[c] reads (one per
 * channel): into the array when it is on the heap, else read into tmp[c] (room for n frames
 * each); where the block runs past frames, a copy in tmp[c] that continues in silence (the
 * flush that brings a latency's worth of output out). FALSE with error when a read fails. */
static gboolean
cursor_block_at (const Render         *r,
                 LqRenderSpillCursor  *cur,
                 gsize                 at,
                 uint32_t              n,
                 float *const         *tmp,
                 const float         **src,
                 GError              **error)
{
  for (guint c = 0; c < r->channels; c++)
    {
      gsize left = at < r->frames ? MIN ((gsize) n, r->frames - at) : 0;
      const float *p = NULL;

      if (left > 0 && !(p = _lq_render_spill_cursor_read (&cur[c], at, left, tmp[c], error)))
        return FALSE;
      if (left == n)
        {
          src[c] = p;
          continue;
        }
      if (left > 0 && p != tmp[c])
        memcpy (tmp[c], p, left * sizeof (float));
      memset (tmp[c] + left, 0, (n - left) * sizeof (float));
      src[c] = tmp[c];
    }
  return TRUE;
}

/* cursor_block_at without a window, for a pass that changes spill[first] ahead of itself. */
static gboolean
spill_block_at (const Render  *r,
                guint          first,
                gsize          at,
                uint32_t       n,
                float *const  *tmp,
                const float  **src,
                GError       **error)
{
  LqRenderSpillCursor cur[2];

  cursors_init (r, cur, first, FALSE);
  return cursor_block_at (r, cur, at, n, tmp, src, error);
}

/* Runs a chain over the planar arrays in spill[in] on (frames long), writing frames samples
 * of its output aligned with the input into those in spill[out] on (which may be in): the
 * first latency output samples are dropped and the tail is flushed with zeros. Each block
 * is written behind the one read, so in place is safe. Sets *peak_gr to the largest limiter
 * gain reduction seen; FALSE with error when cancelled or a working file failed. */
static gboolean
run_aligned (const Render  *r,
             LqChain       *chain,
             guint          in,
             guint          out,
             float         *peak_gr,
             GError       **error)
{
  const uint32_t latency = lq_chain_get_latency (chain);
  float tmp[2][BLOCK], res[2][BLOCK];
  float *const tmps[2] = { tmp[0], tmp[1] };
  gsize read = 0, written = 0;
  LqRenderSpillCursor src_cur[2], dst_cur[2];
  gboolean ok = FALSE;

  /* In place too: each block is written behind the one read, and a window read ahead holds
   * frames not yet written. */
  cursors_init (r, src_cur, in, TRUE);
  cursors_init (r, dst_cur, out, TRUE);
  *peak_gr = 0.0f;
  lq_chain_reset (chain);
  while (written < r->frames)
    {
      const float *src[2];
      float *dst[2] = { res[0], res[1] };
      uint32_t n = BLOCK;
      uint32_t skip = 0;
      gsize m;

      if (g_cancellable_set_error_if_cancelled (r->cancellable, error)
          || !cursor_block_at (r, src_cur, read, n, tmps, src, error))
        goto out;
      lq_chain_process (chain, src, dst, n);
      *peak_gr = MAX (*peak_gr, lq_chain_get_limiter_gain_reduction_db (chain));
      if (read < latency)
        skip = (uint32_t) MIN ((gsize) n, latency - read);
      read += n;

      m = MIN ((gsize) (n - skip), r->frames - written);
      for (guint c = 0; c < r->channels; c++)
        {
          g_autoptr(GError) local = NULL;

          if (m > 0 && !_lq_render_spill_cursor_write (&dst_cur[c], written, res[c] + skip, m,
                                                       &local))
            {
              set_spill_error (r, r->frames, local, error);
              goto out;
            }
        }
      written += m;
    }
  ok = cursors_flush (r, dst_cur, r->frames, error);
out:
  cursors_clear (r, src_cur);
  cursors_clear (r, dst_cur);
  return ok;
}

/* A chain of the render's shape with params, or an error saying why there is none. */
static LqChain *
new_chain (const Render         *r,
           const LqChainParams  *params,
           GError              **error)
{
  LqStatus status = LQ_OK;
  LqChain *chain = lq_chain_new (&r->config, &status);

  if (chain == NULL)
    {
      set_status_error (r, status, error);
      return NULL;
    }
  lq_chain_set_params (chain, params);
  return chain;
}

/* Integrated loudness of the planar arrays in spill[first] on; NAN when no meter could be
 * made or a read failed. */
static double
measure_integrated (const Render  *r,
                    guint          first,
                    GError       **error)
{
  LqLoudnessConfig config = { .sample_rate = r->rate, .channels = r->channels };
  LqStatus status = LQ_OK;
  LqLoudness *meter = lq_loudness_new (&config, &status);
  g_autofree float *buf = NULL;
  LqRenderSpillCursor cur[2];
  gsize chunk;
  double lufs = NAN;

  cursors_init (r, cur, first, TRUE);
  if (meter == NULL)
    {
      set_status_error (r, status, error);
      return NAN;
    }
  /* Whole steps of the meter per call: a step's energy sums the same way as in one call. */
  chunk = MAX (1, 4 * BLOCK / lq_loudness_get_step_frames (meter))
          * (gsize) lq_loudness_get_step_frames (meter);
  if (!(buf = g_try_new (float, 2 * chunk)))
    {
      set_no_memory (r, r->frames, error);
      goto out;
    }
  for (gsize done = 0; done < r->frames; done += chunk)
    {
      gsize n = MIN (r->frames - done, chunk);
      float *const tmp[2] = { buf, buf + chunk };
      const float *p[2] = { NULL, NULL };

      if (!cursor_block_at (r, cur, done, (uint32_t) n, tmp, p, error))
        goto out;
      lq_loudness_process (meter, p, (uint32_t) n);
    }
  lufs = lq_loudness_get_integrated (meter);
out:
  cursors_clear (r, cur);
  lq_loudness_free (meter);
  return lufs;
}

/* Step 4: split the chain at the limiter. The part before it runs once, the limiter (with
 * the target gain in front of it) as often as the search needs. Both halves are LqChain, so
 * the processing is the player's, stage for stage. */
static void
render_split_chain (Render *r)
{
  const LqRenderOptions *o = r->options;

  r->config.sample_rate = r->rate;
  r->config.channels = r->channels;
  r->config.max_frames = BLOCK;

  r->pre_params = o->chain;
  r->pre_params.lim.bypass = true;
  r->pre_params.output_gain_db = 0.0;
  r->lim_params = o->chain;
  r->lim_params.input_gain_db = 0.0;
  r->lim_params.eq.bypass = true;
  r->lim_params.comp.bypass = true;
  if (o->has_ceiling)
    {
      r->lim_params.lim.ceiling_db = o->ceiling_dbtp;
      r->lim_params.lim.bypass = false;
    }
}

/* Step 5: input gain, EQ and compressor, in place over the pre arrays. */
static gboolean
render_pre_chain (Render  *r,
                  GError **error)
{
  LqChain *chain;
  float unused;
  gboolean ok;

  /* With the limiter alone (the CLI's default) there is nothing before it: the chain would
   * hand pre back bit for bit, a pass over the file for nothing. */
  if (!lq_chain_params_is_identity (&r->pre_params, r->channels))
    {
      if (!(chain = new_chain (r, &r->pre_params, error)))
        return FALSE;
      ok = run_aligned (r, chain, SPILL_PRE, SPILL_PRE, &unused, error);
      lq_chain_free (chain);
      if (!ok)
        return FALSE;
    }
  render_progress (r, PROGRESS_PRE_CHAIN);
  return alloc_planar (r, SPILL_OUT, r->out, r->frames, error);
}

/* The gain search's trial. The limiter's detector is linear, so its envelope of the
 * pre-limiter signal is measured once (Search.env) and scaled by each trial gain; only the
 * gain computer and the meter run per trial, and the last trial is the master. It is the
 * limiter's own code with its own detector's envelope: what the player's chain computes for
 * g * x, up to the rounding of g * env (x) against env (g * x). */
typedef struct
{
  LqLimiter *limiter;
  LqLimiter *probe;        /* the probe's, beside the trial (render_find_gain) */
  float     *env;          /* detector envelope of pre, padded with the limiter's flush */
  gsize      env_frames;
  double     env_gain_db;  /* the largest trial gain env is exact for; -inf: none yet */
} Search;

/* The envelope is measured for trial gains up to this much over the first: peaks that
 * cannot reach the limiter's threshold at such a gain need no refinement (the detector's
 * floor), which on programme spares most intervals. The gain search moves from its first
 * estimate by about what the limiter takes off the loudness: on a 5-minute mix, 0.3 dB
 * limited 4 dB, 0.84 dB limited 6.6 dB (the default --max-limiting is 6), 1.2 dB limited
 * 8 dB; 1.9 dB for white noise limited 15 dB. A trial beyond measures the envelope again.
 * Every dB more refines more of the mix: 3 dB cost the render 4 % more than 2, 6 dB 8 % more
 * than 3; 2 dB took 53 ms on the 5-minute mix, 1.25 dB 43 ms. */
#define ENVELOPE_HEADROOM_DB 1.25
/* Each trial's probe runs this much louder (or softer, at the top of the envelope's range).
 * The search's steps after the first trial are tenths of a dB on programme (0.29 dB for a
 * 5-minute mix limited 4 dB), where loudness against gain is nearly straight: the two
 * points' secant lands the next trial. */
#define PROBE_DB 0.5
/* A step of at most this much usually lands the next trial (render_find_gain). */
#define FOLLOW_STEP_DB 1.0

static void
search_clear (Search *s)
{
  lq_limiter_free (s->limiter);
  lq_limiter_free (s->probe);
}

/* Envelope of pre (then silence) for frames [from, to) into env, by a detector of its own
 * that first runs over the preceding frames it needs as history: the result equals the
 * sequential one, so halves of the file can be measured on two cores. */
typedef struct
{
  const Render          *r;
  const LqLimiterConfig *config;
  float                  floor;
  gsize                  from, to;
  gboolean               ok;
  GError                *error;       /* writing env failed */
} EnvelopeJob;

static gpointer
envelope_job_run (gpointer data)
{
  EnvelopeJob *job = data;
  const Render *r = job->r;
  LqTruePeak *detector = lq_limiter_new_detector (job->config, NULL);
  float scratch[BLOCK];
  LqRenderSpillCursor pre[2], env;
  gsize prime, start;

  if (detector == NULL)
    return NULL;
  cursors_init (r, pre, SPILL_PRE, TRUE);
  _lq_render_spill_cursor_init (&env, &r->spill[SPILL_ENV], TRUE);
  lq_truepeak_set_floor (detector, job->floor);
  prime = 2 * (gsize) lq_truepeak_get_latency (detector);
  start = job->from > prime ? job->from - prime : 0;

  for (gsize done = start; done < job->to;)
    {
      /* Blocks end at job->from so that the priming output is never stored. */
      gsize limit = done < job->from ? job->from : job->to;
      uint32_t n = (uint32_t) MIN ((gsize) BLOCK, limit - done);
      float tail[2][BLOCK];
      float *const tails[2] = { tail[0], tail[1] };
      const float *in[2];

      if (render_cancelled (r))
        break;
      if (!cursor_block_at (r, pre, done, n, tails, in, &job->error))
        break;
      lq_truepeak_process_envelope (detector, in, scratch, n);
      if (done >= job->from
          && !_lq_render_spill_cursor_write (&env, done, scratch, n, &job->error))
        break;
      done += n;
    }
  if (job->error == NULL)
    _lq_render_spill_cursor_flush (&env, &job->error);
  cursors_clear (r, pre);
  _lq_render_spill_cursor_clear (&env);
  lq_truepeak_free (detector);
  job->ok = !render_cancelled (r) && job->error == NULL;
  return NULL;
}

static gboolean
search_init (Search   *s,
             Render   *r,
             GError  **error)
{
  LqLimiterConfig config = { r->rate, r->channels, BLOCK, 0.0 };
  LqStatus status = LQ_OK;

  if (!(s->limiter = lq_limiter_new (&config, &status))
      || !(s->probe = lq_limiter_new (&config, &status)))
    return set_status_error (r, status, error);
  lq_limiter_set_params (s->limiter, &r->lim_params.lim);
  s->env_frames = r->frames + lq_limiter_get_latency (s->limiter);
  s->env_gain_db = -HUGE_VAL;
  /* A probe always fits in the envelope's range, above or below its trial. */
  g_assert (PROBE_DB < ENVELOPE_HEADROOM_DB);
  if (!(s->env = alloc_spill (r, SPILL_ENV, s->env_frames, error)))
    return FALSE;
  return TRUE;
}

/* Measures the envelope of pre for trials at gains up to gain_db + ENVELOPE_HEADROOM_DB: the
 * detector refines only what may pass the limiter's threshold (its ceiling less its margin)
 * at such a gain. Below, a reading can be the screen's: it stays under the threshold at
 * every gain the envelope serves, where the limiter does nothing with it, so a trial's
 * master is the one an envelope refined everywhere gives. */
static gboolean
search_envelope (Search   *s,
                 Render   *r,
                 double    gain_db,
                 GError  **error)
{
  LqLimiterConfig config = { r->rate, r->channels, BLOCK, 0.0 };
  const double top_db = gain_db + ENVELOPE_HEADROOM_DB;
  const float floor = (float) lq_db_to_gain (r->lim_params.lim.ceiling_db - LQ_LIMITER_MARGIN_DB
                                             - top_db);
  const gsize total = s->env_frames;
  EnvelopeJob jobs[2];
  gsize half;

  /* On a block boundary, so that every write of env covers whole pages of its file: a
   * write into part of a page makes the file system read or clear the rest first. */
  half = g_get_num_processors () > 1 && total >= 2 * BLOCK ? total / 2 / BLOCK * BLOCK : total;
  jobs[0] = (EnvelopeJob) { r, &config, floor, 0, half, FALSE, NULL };
  jobs[1] = (EnvelopeJob) { r, &config, floor, half, total, half == total, NULL };
  run_beside ("lq-envelope", envelope_job_run, &jobs[0], half < total ? &jobs[1] : NULL);
  for (guint i = 0; i < 2; i++)
    if (jobs[i].error != NULL)
      {
        set_spill_error (r, total, jobs[i].error, error);
        g_clear_error (&jobs[0].error);
        g_clear_error (&jobs[1].error);
        return FALSE;
      }
  if (g_cancellable_set_error_if_cancelled (r->cancellable, error))
    return FALSE;
  if (!jobs[0].ok || !jobs[1].ok)
    return set_status_error (r, LQ_ERROR_NOMEM, error);
  s->env_gain_db = top_db;
  return TRUE;
}

/* One trial: the limiter at gain over pre, output gain after. The trial writes its output,
 * aligned, into r->out and measures it as it is written (the blocks are still in cache; a
 * second pass would read the whole master back), telling follow how far it has written when
 * given (search_trial); a probe only measures. Sets peak to the peak gain reduction and lufs
 * to the output's integrated loudness; FALSE with error when cancelled, out of memory or out
 * can't be written. */
typedef struct
{
  Search       *s;
  const Render *r;
  LqLimiter    *limiter;
  double        gain;
  gboolean      write;
  Check        *follow;
  float         peak;
  double        lufs;
  GError       *error;
} TrialJob;

static gpointer
trial_job_run (gpointer data)
{
  TrialJob *job = data;
  const Search *s = job->s;
  const Render *r = job->r;
  LqLimiter *limiter = job->limiter;
  const uint32_t latency = lq_limiter_get_latency (limiter);
  const float out_gain = (float) lq_db_to_gain (r->lim_params.output_gain_db);
  LqLoudnessConfig config = { .sample_rate = r->rate, .channels = r->channels };
  LqStatus status = LQ_OK;
  LqLoudness *meter = lq_loudness_new (&config, &status);
  float in_blk[2][BLOCK], out_blk[2][BLOCK], env_blk[BLOCK];
  float *const in_blks[2] = { in_blk[0], in_blk[1] };
  LqRenderSpillCursor pre[2], env_cur, out_cur[2];
  GError **error = &job->error;
  gsize written = 0;

  if (meter == NULL)
    {
      set_status_error (r, status, error);
      if (job->follow != NULL)
        feed_publish (job->follow, 0, TRUE);
      return NULL;
    }
  cursors_init (r, pre, SPILL_PRE, TRUE);
  _lq_render_spill_cursor_init (&env_cur, &r->spill[SPILL_ENV], TRUE);
  cursors_init (r, out_cur, SPILL_OUT, TRUE);
  job->peak = 0.0f;
  lq_limiter_reset (limiter);
  lq_limiter_set_params (limiter, &r->lim_params.lim);
  /* The first block is the limiter's latency alone, whose output is dropped: the master's
   * blocks then fall on whole blocks of its files (whole pages: a write into part of a page
   * makes the file system read or clear the rest first). */
  for (gsize done = 0, n = MIN (latency > 0 && latency < BLOCK ? latency : BLOCK, s->env_frames);
       done < s->env_frames; done += n, n = MIN ((gsize) BLOCK, s->env_frames - done))
    {
      const float *in[2], *env;
      float *out[2] = { out_blk[0], out_blk[1] };
      float *room[2] = { NULL, NULL };
      const float *measured[2] = { out_blk[0], out_blk[1] };
      uint32_t skip = done < latency ? (uint32_t) MIN ((gsize) n, latency - done) : 0;
      gsize m;

      if (g_cancellable_set_error_if_cancelled (r->cancellable, error))
        goto out;
      /* Past the mix's end, the limiter's flush: silence. */
      if (!cursor_block_at (r, pre, done, n, in_blks, in, error)
          || !(env = _lq_render_spill_cursor_read (&env_cur, done, n, env_blk, error)))
        goto out;
      m = MIN ((gsize) (n - skip), r->frames - written);
      /* A whole block of the master goes straight into the cursors' windows where they have
       * room: one copy less. */
      for (guint c = 0; job->write && skip == 0 && m == n && c < r->channels; c++)
        {
          g_autoptr(GError) local = NULL;

          if (!_lq_render_spill_cursor_reserve (&out_cur[c], written, m, &room[c], &local))
            {
              set_spill_error (r, r->frames, local, error);
              goto out;
            }
          out[c] = room[c] != NULL ? room[c] : out_blk[c];
        }
      lq_limiter_process_detected_scaled (limiter, in, env, job->gain, out, n);
      job->peak = MAX (job->peak, lq_limiter_get_gain_reduction_db (limiter));

      for (guint c = 0; c < r->channels; c++)
        {
          g_autoptr(GError) local = NULL;

          for (gsize i = 0; out_gain != 1.0f && i < m; i++)
            out[c][skip + i] *= out_gain;
          if (job->write && out[c] != room[c]
              && !_lq_render_spill_cursor_write (&out_cur[c], written, out[c] + skip, m,
                                                 &local))
            {
              set_spill_error (r, r->frames, local, error);
              goto out;
            }
          measured[c] = out[c] + skip;
        }
      if (m > 0)
        lq_loudness_process (meter, measured, (uint32_t) m);
      written += m;
      /* What the cursors have written out is the checker's to read. */
      if (job->follow != NULL)
        {
          gsize ready = written;

          for (guint c = 0; c < r->channels; c++)
            if (out_cur[c].len > 0)
              ready = MIN (ready, out_cur[c].start);
          if (ready > job->follow->feed_ready)
            feed_publish (job->follow, ready, FALSE);
        }
    }
  if (job->write && !cursors_flush (r, out_cur, r->frames, error))
    goto out;
  if (job->follow != NULL)
    feed_publish (job->follow, r->frames, FALSE);
  job->lufs = lq_loudness_get_integrated (meter);
out:
  if (job->follow != NULL)
    feed_publish (job->follow, 0, TRUE);
  cursors_clear (r, pre);
  _lq_render_spill_cursor_clear (&env_cur);
  cursors_clear (r, out_cur);
  lq_loudness_free (meter);
  return NULL;
}

/* The trial at gain_db (its output is the master, should it land) and, on a second thread,
 * the probe at probe_db more (or less): the loudness's slope where the trial stands, from
 * which the next gain is found (render_find_gain); or, given follow, the true-peak check of
 * the master's first segment, reading it as the trial writes it (ahead_start). The same two
 * runs on any machine, so the master is the same too. */
static gboolean
search_trial (Search  *s,
              Render  *r,
              double   gain_db,
              double   probe_db,
              Check   *follow,
              float   *peak,
              double  *lufs,
              double  *probe_lufs,
              GError **error)
{
  TrialJob jobs[2] = {
    { s, r, s->limiter, lq_db_to_gain (gain_db), TRUE, follow, 0.0f, NAN, NULL },
    { s, r, s->probe, lq_db_to_gain (gain_db + probe_db), FALSE, NULL, 0.0f, NAN, NULL },
  };

  if (follow != NULL)
    {
      GError *local = NULL;

      ahead_start (r, follow);
      trial_job_run (&jobs[0]);
      ahead_join (follow, &local);
      if (!take_job_errors (&jobs[0].error, &local, error))
        return FALSE;
    }
  else
    {
      run_beside ("lq-probe", trial_job_run, &jobs[0], &jobs[1]);
      if (!take_job_errors (&jobs[0].error, &jobs[1].error, error))
        return FALSE;
    }
  *peak = jobs[0].peak;
  *lufs = jobs[0].lufs;
  *probe_lufs = jobs[1].lufs;
  return TRUE;
}

/* Why a mix has no loudness to bring to the target: too short to measure, silenced by the
 * chain, or silent to begin with. */
static gboolean
set_no_loudness (const Render  *r,
                 GError       **error)
{
  double target = r->options->target_lufs;
  g_autoptr(LqAnalysisResult) input = NULL;

  if (r->frames < MIN_MEASURABLE_S * r->rate)
    {
      g_set_error (error, LQ_RENDER_ERROR, LQ_RENDER_ERROR_NO_LOUDNESS,
                   _("%s: The mix is %.2f s long; integrated loudness needs at least %.1f s, "
                     "so there is no loudness to bring to %.1f LUFS"),
                   r->display, r->frames / r->rate, MIN_MEASURABLE_S, target);
      return FALSE;
    }
  /* Only on this error path: measure the mix itself, to tell the two cases apart. */
  input = lq_analyze_file (r->input, LQ_ANALYZE_SUMMARY, r->cancellable, NULL, NULL, NULL);
  if (input != NULL && isfinite (input->summary.integrated_lufs))
    g_set_error (error, LQ_RENDER_ERROR, LQ_RENDER_ERROR_NO_LOUDNESS,
                 _("%s: The chain silences the mix (%.1f LUFS before it, nothing after "
                   "the input gain, EQ and compressor); there is no loudness to bring to "
                   "%.1f LUFS"),
                 r->display, input->summary.integrated_lufs, target);
  else
    g_set_error (error, LQ_RENDER_ERROR, LQ_RENDER_ERROR_NO_LOUDNESS,
                 _("%s: The mix is silent; there is no loudness to bring to %.1f LUFS"),
                 r->display, target);
  return FALSE;
}

/* Step 6a: the gain before the limiter that brings the master to the target. Newton's search
 * on integrated loudness versus gain, the slope from each trial's probe (search_trial): one or
 * two trials usually land within 0.02 LU. r->out holds the last trial: the master. */
static gboolean
render_find_gain (Render  *r,
                  GError **error)
{
  const LqRenderOptions *o = r->options;
  Search search = { 0 };
  double pre_lufs, g_prev = NAN, l_prev = NAN, step = HUGE_VAL;
  double aim = o->target_lufs;   /* what the trials aim for, before the true-peak check */
  gboolean checked = FALSE, ok = FALSE;
  Check *follow = NULL;

  pre_lufs = isnan (r->pre_lufs) ? measure_integrated (r, SPILL_PRE, error) : r->pre_lufs;
  if (isnan (pre_lufs))
    return FALSE;
  if (!isfinite (pre_lufs))
    return set_no_loudness (r, error);
  r->gain_db = o->target_lufs - pre_lufs - o->chain.output_gain_db;
  if (!search_init (&search, r, error))
    goto out;

  for (r->iterations = 1; r->iterations <= MAX_ITERATIONS; r->iterations++)
    {
      double lufs, probe_lufs, probe_db, next;

      if (r->gain_db > search.env_gain_db
          && !search_envelope (&search, r, r->gain_db, error))
        goto out;
      /* Below the trial where the envelope does not reach above it: measuring it again
       * would cost more than the probe. */
      probe_db = r->gain_db + PROBE_DB <= search.env_gain_db ? PROBE_DB : -PROBE_DB;
      /* After a short step the trial is likely to land: the second core checks the first
       * half of its master as it is made instead of probing. */
      follow = NULL;
      if (fabs (step) <= FOLLOW_STEP_DB && !r->lim_params.lim.bypass && r->frames / 2 >= BLOCK
          && !(follow = check_get (r, error)))
        goto out;
      if (!search_trial (&search, r, r->gain_db, probe_db, follow, &r->peak_gr, &lufs,
                         &probe_lufs, error))
        goto out;
      if (follow != NULL)
        follow->ahead = fabs (lufs - aim) <= TARGET_TOLERANCE_LU;
      render_progress (r, PROGRESS_PRE_CHAIN + (PROGRESS_SEARCHED - PROGRESS_PRE_CHAIN)
                          * r->iterations / MAX_ITERATIONS);
      if (fabs (lufs - aim) <= TARGET_TOLERANCE_LU)
        {
          gsize overs = r->tp_overs;
          double checked_lufs;

          /* The true-peak check's dips take loudness off the master, most where the limiter
           * holds it at the ceiling throughout (white noise at -3 LUFS: 0.08 LU). When they
           * took more than the tolerance, the trials aim that much higher. */
          if (!render_true_peak (r, error))
            goto out;
          checked = TRUE;
          if (r->tp_overs == overs)
            break;
          if (r->writer != NULL)
            {
              /* The file is written now and measured as it is written, instead of the
               * master measured first: its loudness decides, and it is seldom off. */
              if (!render_write (r, r->measured, error))
                goto out;
              r->master_written = TRUE;
              checked_lufs = r->measured->integrated_lufs;
            }
          else if (isnan (checked_lufs = measure_integrated (r, SPILL_OUT, error)))
            goto out;
          if (fabs (checked_lufs - o->target_lufs) <= TARGET_TOLERANCE_LU)
            break;
          aim = o->target_lufs + (lufs - checked_lufs);
          checked = FALSE;
          /* Another master comes: this one's file goes. */
          if (r->master_written)
            {
              r->master_written = FALSE;
              g_clear_pointer (&r->writer, lq_audio_writer_free);
              if (!render_open_output (r, error))
                goto out;
            }
        }
      /* The slope where the trial stands, from the probe beside it: the limiter makes
       * loudness concave in the gain, so a plain step would undershoot. */
      if (follow == NULL && isfinite (probe_lufs) && (probe_lufs - lufs) / probe_db > 1e-6)
        next = r->gain_db + (aim - lufs) * probe_db / (probe_lufs - lufs);
      /* Without a probe, the secant through the trial before. */
      else if (isfinite (l_prev) && fabs (lufs - l_prev) > 1e-6)
        next = r->gain_db + (aim - lufs) * (r->gain_db - g_prev) / (lufs - l_prev);
      else
        next = r->gain_db + (aim - lufs);
      g_prev = r->gain_db;
      l_prev = lufs;
      next = CLAMP (next, r->gain_db - 24.0, r->gain_db + 24.0);
      step = next - r->gain_db;
      r->gain_db = next;
      if (r->peak_gr > o->max_limiting_db + 6.0)
        break;   /* hopeless: stop early and report below */
    }
  if (g_cancellable_set_error_if_cancelled (r->cancellable, error))
    goto out;
  if (r->peak_gr > o->max_limiting_db)
    {
      g_set_error (error, LQ_RENDER_ERROR, LQ_RENDER_ERROR_TARGET_UNREACHABLE,
                   _("%s: Reaching %.1f LUFS under a %.1f dBTP ceiling takes %.1f dB of "
                     "limiting, more than the %.1f dB allowed; lower the target or allow "
                     "more limiting"),
                   r->display, o->target_lufs, r->lim_params.lim.ceiling_db, r->peak_gr,
                   o->max_limiting_db);
      goto out;
    }
  /* The search stopped without landing (ten trials): the master is checked all the same. */
  if (!checked && !render_true_peak (r, error))
    goto out;
  ok = TRUE;
out:
  search_clear (&search);
  return ok;
}

/* Step 6b: without a target, the limiter stage alone over pre. */
static gboolean
render_limit (Render  *r,
              GError **error)
{
  LqChain *chain = new_chain (r, &r->lim_params, error);
  gboolean ok;

  if (chain == NULL)
    return FALSE;
  ok = run_aligned (r, chain, SPILL_PRE, SPILL_OUT, &r->peak_gr, error);
  lq_chain_free (chain);
  if (!ok)
    return FALSE;
  return render_true_peak (r, error);
}

/* A dip for the interval after frame at, which needs its gain lowered by need: a raised-
 * cosine dip of the gain around it, flat over TP_PLATEAU frames either side. */
typedef struct
{
  gsize at;
  float need;
} Dip;

/* The frames the dip d reaches: [dip_first, dip_last]. */
static gsize
dip_first (const Dip *d,
           gsize      reach)
{
  return d->at > reach ? d->at - reach : 0;
}

static gsize
dip_last (const Render *r,
          const Dip    *d,
          gsize         reach)
{
  return MIN (d->at + 1 + reach, r->frames - 1);
}

/* d folded into g, the gain of frames [b0, b1) (the dips are minima, in any order). */
static void
dip_gain (const Render *r,
          const Dip    *d,
          guint         ramp,
          gsize         b0,
          gsize         b1,
          float        *g)
{
  const gsize reach = TP_PLATEAU + ramp;

  for (gsize j = MAX (dip_first (d, reach), b0); j <= dip_last (r, d, reach) && j < b1; j++)
    {
      gssize dist = j <= d->at ? (gssize) (d->at - j) : (gssize) (j - d->at - 1);
      float w = dist <= TP_PLATEAU ? 1.0f
                : 0.5f + 0.5f * cosf ((float) G_PI * (dist - TP_PLATEAU) / (ramp + 1));

      g[j - b0] = MIN (g[j - b0], 1.0f - d->need * w);
    }
}

static gint
dip_compare (gconstpointer a,
             gconstpointer b)
{
  const Dip *x = a, *y = b;

  return x->at < y->at ? -1 : x->at > y->at;
}

/* The first detector output (a frame count fed, latency included) whose interval a pass
 * from frame from wants: the interval after frame from, or from the master's start, the
 * TP_EDGE intervals before it too. */
static gsize
tp_wanted (gsize from,
           gsize latency)
{
  return from > 0 ? from + latency : latency > TP_EDGE ? latency - TP_EDGE : 0;
}

/* n frames of the master from done through the check's detector for a segment from from:
 * the exact envelope (lq_truepeak's meter kind, with its last stage on every peak near the
 * aim), and for each interval over the aim the dip it needs, appended to dips. The detector
 * first takes the frames before from that it needs as history (lq_truepeak_prime); their
 * own peaks are not wanted. Returns the number of intervals over. */
static gsize
tp_span (const Render       *r,
         Check              *k,
         LqTruePeak         *tp,
         gsize               from,
         gsize               done,
         uint32_t            n,
         const float *const *in,
         float              *env,
         GArray             *dips)
{
  const gsize latency = lq_truepeak_get_latency (tp);
  const gsize wanted = tp_wanted (from, latency);
  gsize overs = 0;

  /* The frames before from only fill the detector's window: none of their intervals is
   * wanted (tp_pass ends a call where they end). */
  if (done + n <= wanted)
    {
      lq_truepeak_prime (tp, in, n);
      return 0;
    }
  lq_truepeak_set_floor (tp, k->aim);
  lq_truepeak_process_envelope (tp, in, env, n);
  for (uint32_t j = 0; j < n; j++)
    {
      gsize at = done + j;
      Dip dip;

      /* env[j] belongs to the interval after frame at - latency (before the first frame or
       * after the last: see TP_EDGE). */
      if (at < wanted || !(env[j] > k->aim))
        continue;
      dip = (Dip) { at < latency ? 0 : MIN (at - latency, r->frames - 1),
                    1.0f - powf (k->aim / env[j], TP_DIP_DEPTH) };
      overs++;
      g_array_append_val (dips, dip);
    }
  return overs;
}

/* The check's first segment, measured beside the landing trial (search_trial), ends here: the
 * trial thread has the limiter and the loudness to run as well, so the checker beside it
 * takes more than half (5/8: the check after the trial took 69 ms on the 5-minute master,
 * against 81 with half, the trial the same). The segments of the first pass are the same on
 * any machine, so the master is too: where a segment starts moves the detector's chunks,
 * and with them the last bits of a few readings. */
#define AHEAD_SHARE 0.625

static gsize
ahead_end (const Render *r)
{
  return (gsize) (r->frames * AHEAD_SHARE) / BLOCK * BLOCK;
}

static void
feed_publish (Check    *k,
              gsize     ready,
              gboolean  over)
{
  pthread_mutex_lock (&k->feed_lock);
  k->feed_ready = MAX (k->feed_ready, ready);
  k->feed_over = k->feed_over || over;
  pthread_cond_broadcast (&k->feed_cond);
  pthread_mutex_unlock (&k->feed_lock);
}

/* Waits until the trial has written frames [0, upto) of the master; FALSE when it stopped
 * before (an error or a cancel, which it reports). */
static gboolean
feed_wait (Check *k,
           gsize  upto)
{
  gboolean ok;

  pthread_mutex_lock (&k->feed_lock);
  while (k->feed_ready < upto && !k->feed_over)
    pthread_cond_wait (&k->feed_cond, &k->feed_lock);
  ok = k->feed_ready >= upto;
  pthread_mutex_unlock (&k->feed_lock);
  return ok;
}

/* One pass of the check over the segment [from, to) of the master as written; with feed,
 * reading each stretch once the trial writing it has (search_trial), stopping short should
 * the trial stop short. */
static gsize
tp_pass (const Render *r,
         Check        *k,
         LqTruePeak   *tp,
         gsize         from,
         gsize         to,
         float        *env,
         float        *buf,
         GArray       *dips,
         gboolean      feed,
         GError      **error)
{
  const gsize latency = lq_truepeak_get_latency (tp);
  const gsize wanted = tp_wanted (from, latency);
  gsize start, end;
  gsize overs = 0;

  lq_truepeak_reset (tp);
  start = from > latency ? from - latency : 0;
  end = MIN (to, r->frames) + latency + (to >= r->frames ? TP_EDGE : 0);
  for (gsize done = start; done < end;)
    {
      /* Long calls (the detector's history moves once per call), none straddling the end of
       * the priming; past the master's end, silence a block at a time. */
      gsize left = done < wanted ? wanted - done : end - done;
      uint32_t n = (uint32_t) MIN ((gsize) TP_BLOCK, MIN (left, end - done));
      float *const tmp[2] = { buf, buf + TP_BLOCK };
      const float *in[2];

      if (done + n > r->frames)
        n = MIN (n, BLOCK);
      if (feed && !feed_wait (k, MIN (done + n, r->frames)))
        break;
      if (!spill_block_at (r, SPILL_OUT, done, n, tmp, in, error))
        break;
      overs += tp_span (r, k, tp, from, done, n, in, env, dips);
      if (render_cancelled (r))
        break;
      done += n;
    }
  return overs;
}

typedef struct
{
  const Render *r;
  Check        *k;
  LqTruePeak   *tp;
  gsize         from, to;
  float        *env;
  float        *buf;      /* TP_BLOCK frames per channel, read from the master */
  GArray       *dips;
  gboolean      feed;     /* read behind the trial writing the master (tp_pass) */
  gsize         overs;
  GError       *error;    /* reading the master failed */
} CheckJob;

static gpointer
check_job_run (gpointer data)
{
  CheckJob *job = data;

  job->overs = tp_pass (job->r, job->k, job->tp, job->from, job->to, job->env, job->buf,
                        job->dips, job->feed, &job->error);
  return NULL;
}

/* The first segment of the check of a new master, [0, ahead_end), on a thread of its own
 * while the trial writes the master; the dips of one checked before (a trial that missed)
 * are dropped. Without a thread it runs in ahead_join, once the trial is done. */
static void
ahead_start (const Render *r,
             Check        *k)
{
  CheckJob *job = g_new0 (CheckJob, 1);

  *job = (CheckJob) { r, k, k->tp[0], 0, ahead_end (r), k->env, k->buf, k->ahead_dips, TRUE,
                      0, NULL };
  k->feed_ready = 0;
  k->feed_over = FALSE;
  k->ahead_overs = 0;
  g_array_set_size (k->ahead_dips, 0);
  k->ahead_job = job;
  k->ahead_thread = g_thread_try_new ("lq-check", check_job_run, job, NULL);
}

static void
ahead_join (Check   *k,
            GError **error)
{
  CheckJob *job = k->ahead_job;

  if (k->ahead_thread != NULL)
    g_thread_join (g_steal_pointer (&k->ahead_thread));
  else
    check_job_run (job);
  k->ahead_overs = job->overs;
  k->ahead_job = NULL;
  if (job->error != NULL)
    g_propagate_error (error, job->error);
  g_free (job);
}

/* The first pass over the whole master, in two segments on two threads: from where the
 * segment measured beside the trial ended (Check.ahead), or from the start. */
static gboolean
tp_first_pass (const Render *r,
               Check        *k,
               gsize        *overs,
               GError      **error)
{
  const gsize from = k->ahead ? ahead_end (r) : 0;
  const gsize mid = from + (r->frames - from) / 2 / BLOCK * BLOCK;
  /* A master under two blocks long (or its last stretch) is one segment. */
  const gboolean two = mid > from;
  CheckJob jobs[2] = {
    { r, k, k->tp[0], from, two ? mid : r->frames, k->env, k->buf, k->dips, FALSE, 0, NULL },
    { r, k, k->tp[1], mid, r->frames, k->env + TP_BLOCK, k->buf + 2 * TP_BLOCK,
      two ? g_array_new (FALSE, FALSE, sizeof (Dip)) : NULL, FALSE, 0, NULL },
  };

  run_beside ("lq-check", check_job_run, &jobs[0], two ? &jobs[1] : NULL);
  if (two)
    {
      g_array_append_vals (k->dips, jobs[1].dips->data, jobs[1].dips->len);
      g_array_unref (jobs[1].dips);
    }
  if (k->ahead)
    g_array_append_vals (k->dips, k->ahead_dips->data, k->ahead_dips->len);
  if (!take_job_errors (&jobs[0].error, &jobs[1].error, error))
    return FALSE;
  *overs = jobs[0].overs + jobs[1].overs + (k->ahead ? k->ahead_overs : 0);
  return TRUE;
}

/* The check's later passes: each run of dirty blocks measured again (tp_pass), the runs
 * shared between two threads by their length. */
typedef struct
{
  const Render *r;
  Check        *k;
  LqTruePeak   *tp;
  const gsize  *runs;     /* pairs of blocks [b, e) */
  guint         n_runs;
  float        *env;
  float        *buf;
  GArray       *dips;
  gsize         overs;
  GError       *error;
} DirtyJob;

static gpointer
dirty_job_run (gpointer data)
{
  DirtyJob *job = data;
  const Render *r = job->r;

  for (guint i = 0; i < job->n_runs && !render_cancelled (r) && job->error == NULL; i++)
    job->overs += tp_pass (r, job->k, job->tp, job->runs[2 * i] * BLOCK,
                           MIN (job->runs[2 * i + 1] * BLOCK, r->frames), job->env, job->buf,
                           job->dips, FALSE, &job->error);
  return NULL;
}

static gboolean
tp_dirty_pass (const Render  *r,
               Check         *k,
               gsize         *overs,
               GError       **error)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (gsize));
  DirtyJob jobs[2];
  gsize total = 0, sum = 0;
  guint split = 0;

  for (gsize b = 0; b < k->n_blocks;)
    {
      gsize e = b;

      if (!k->dirty[b])
        {
          b++;
          continue;
        }
      while (e < k->n_blocks && k->dirty[e])
        e++;
      g_array_append_val (runs, b);
      g_array_append_val (runs, e);
      total += e - b;
      b = e;
    }
  /* The first thread takes the runs up to half the dirty blocks. */
  while (split < runs->len / 2 && 2 * sum < total)
    {
      sum += g_array_index (runs, gsize, 2 * split + 1) - g_array_index (runs, gsize, 2 * split);
      split++;
    }
  jobs[0] = (DirtyJob) { r, k, k->tp[0], (gsize *) (gpointer) runs->data, split, k->env, k->buf,
                         k->dips, 0, NULL };
  jobs[1] = (DirtyJob) { r, k, k->tp[1], (gsize *) (gpointer) runs->data + 2 * split,
                         runs->len / 2 - split, k->env + TP_BLOCK, k->buf + 2 * TP_BLOCK,
                         g_array_new (FALSE, FALSE, sizeof (Dip)), 0, NULL };
  run_beside ("lq-check", dirty_job_run, &jobs[0], jobs[1].n_runs > 0 ? &jobs[1] : NULL);
  g_array_append_vals (k->dips, jobs[1].dips->data, jobs[1].dips->len);
  g_array_unref (jobs[1].dips);
  *overs = jobs[0].overs + jobs[1].overs;
  return take_job_errors (&jobs[0].error, &jobs[1].error, error);
}

static void
check_clear (Check *k)
{
  lq_truepeak_free (k->tp[0]);
  lq_truepeak_free (k->tp[1]);
  g_clear_pointer (&k->dips, g_array_unref);
  g_free (k->dirty);
  g_free (k->env);
  g_free (k->buf);
  g_clear_pointer (&k->ahead_dips, g_array_unref);
  if (k->feed_init)
    {
      pthread_mutex_destroy (&k->feed_lock);
      pthread_cond_destroy (&k->feed_cond);
    }
  memset (k, 0, sizeof *k);
}

/* The check's state for this render, made on first need and kept for every master the gain
 * search checks. */
static Check *
check_get (Render  *r,
           GError **error)
{
  Check *k = &r->check;

  if (k->env != NULL)
    return k;
  /* A dip reaches into two blocks at most (apply_dips). */
  k->ramp = (guint) ceil (TP_RAMP_MS * 1e-3 * r->rate);
  g_assert (2 * (TP_PLATEAU + k->ramp + 1) < BLOCK);
  k->aim = (float) lq_db_to_gain (r->lim_params.lim.ceiling_db + r->lim_params.output_gain_db
                                  - TP_AIM_DB);
  k->n_blocks = (r->frames + BLOCK - 1) / BLOCK;
  if (!(k->dirty = g_try_malloc (k->n_blocks + 1))
      || !(k->buf = g_try_new (float, 4 * TP_BLOCK))
      || !(k->env = g_try_new (float, 2 * TP_BLOCK)))
    {
      check_clear (k);
      set_no_memory (r, r->frames, error);
      return NULL;
    }
  k->dips = g_array_new (FALSE, FALSE, sizeof (Dip));
  k->ahead_dips = g_array_new (FALSE, FALSE, sizeof (Dip));
  pthread_mutex_init (&k->feed_lock, NULL);
  pthread_cond_init (&k->feed_cond, NULL);
  k->feed_init = TRUE;
  for (guint i = 0; i < 2; i++)
    {
      if (!(k->tp[i] = lq_truepeak_new_kind (r->channels, r->rate, TP_BLOCK, LQ_TRUEPEAK_METER,
                                             NULL)))
        {
          check_clear (k);
          set_status_error (r, LQ_ERROR_NOMEM, error);
          return NULL;
        }
      /* The master is checked where it goes next too: ffmpeg's 192 kHz reading, which reads
       * over the band-limited peak on hard-limited full-band programme, must not pass the
       * ceiling. */
      lq_truepeak_set_cover_resamplers (k->tp[i], TRUE);
    }
  return k;
}

/* Frames [from, to) of the master (within one block) times g, through the working files:
 * through the mappings each page would fault in, one by one, and stay. */
static gboolean
dip_span (const Render  *r,
          const float   *g,
          gsize          from,
          gsize          to,
          GError       **error)
{
  for (guint c = 0; c < r->channels; c++)
    {
      g_autoptr(GError) local = NULL;
      float y[BLOCK];
      /* x is y read from the file, or points into the array on the heap: either way y
       * takes the product. */
      const float *x = _lq_render_spill_read (&r->spill[SPILL_OUT + c], from, to - from, y,
                                              &local);

      if (x == NULL)
        return set_spill_error (r, r->frames, local, error);
      for (gsize i = 0; i < to - from; i++)
        y[i] = x[i] * g[i];
      if (!_lq_render_spill_write (&r->spill[SPILL_OUT + c], from, y, to - from, &local))
        return set_spill_error (r, r->frames, local, error);
    }
  return TRUE;
}

/* The pass's dips into the master, a block at a time in the order of their frames, and the
 * blocks within TP_RECHECK of a frame they lowered marked for the next pass (dirty[], which
 * the pass just over has read). *any says whether there was one. */
static gboolean
apply_dips (const Render  *r,
            Check         *k,
            gboolean      *any,
            GError       **error)
{
  const gsize reach = TP_PLATEAU + k->ramp;
  const Dip *d;
  guint first = 0, n = k->dips->len;
  gsize b = 0;

  g_array_sort (k->dips, dip_compare);
  d = (const Dip *) (gpointer) k->dips->data;
  memset (k->dirty, 0, k->n_blocks);
  *any = FALSE;
  for (;;)
    {
      const gsize b0 = b * BLOCK, b1 = MIN (b0 + BLOCK, r->frames);
      gsize lo = G_MAXSIZE, hi = 0;
      float g[BLOCK];

      while (first < n && dip_last (r, &d[first], reach) < b0)
        first++;
      if (first == n)
        break;
      if (dip_first (&d[first], reach) >= b1)
        {
          b = dip_first (&d[first], reach) / BLOCK;
          continue;
        }
      for (gsize i = 0; i < b1 - b0; i++)
        g[i] = 1.0f;
      for (guint i = first; i < n && dip_first (&d[i], reach) < b1; i++)
        dip_gain (r, &d[i], k->ramp, b0, b1, g);
      for (gsize i = 0; i < b1 - b0; i++)
        if (g[i] < 1.0f)
          {
            lo = MIN (lo, i);
            hi = i;
          }
      b++;
      if (lo > hi)
        continue;
      if (!dip_span (r, g + lo, b0 + lo, b0 + hi + 1, error))
        return FALSE;
      /* Every frame lowered marks the blocks within TP_RECHECK of it; each such range holds
       * this block, so together they are the range of the first and the last. */
      lo = (b0 + lo > TP_RECHECK ? b0 + lo - TP_RECHECK : 0) / BLOCK;
      hi = MIN (b0 + hi + TP_RECHECK, r->frames - 1) / BLOCK;
      memset (k->dirty + lo, 1, hi - lo + 1);
      *any = TRUE;
    }
  return TRUE;
}

/* Step 6c: the master never exceeds its ceiling by the exact true peak. The limiter aims under
 * it with a margin, but between the samples of its gain-modulated output the band-limited
 * signal can still rise above (by up to 1.5 dB on white noise driven 17 dB in), so the
 * master is measured exactly and, where it is over, the gain dips locally. A dip moves the
 * band-limited signal around it too, so the stretches within TP_RECHECK of a dip are measured
 * again, until none is over. The first pass covers the whole master (its first segment may
 * have been measured beside the trial that wrote it: Check.ahead); later ones only the
 * blocks marked dirty. */
static gboolean
render_true_peak (Render  *r,
                  GError **error)
{
  Check *k;
  gboolean any;

  if (r->lim_params.lim.bypass)
    return TRUE;
  if (!(k = check_get (r, error)))
    return FALSE;
  any = k->n_blocks > 0;

  for (guint pass = 0; pass < TP_MAX_PASSES && any && !render_cancelled (r); pass++)
    {
      gsize overs = 0;
      gboolean read_ok;

      g_array_set_size (k->dips, 0);
      read_ok = pass == 0 ? tp_first_pass (r, k, &overs, error)
                          : tp_dirty_pass (r, k, &overs, error);
      k->ahead = FALSE;
      if (!read_ok || !apply_dips (r, k, &any, error))
        return FALSE;
      r->tp_passes = pass + 1;
      r->tp_overs += overs;
    }
  g_debug ("%s: true-peak check: %" G_GSIZE_FORMAT " intervals over in %u passes", r->display,
           r->tp_overs, r->tp_passes);
  return !g_cancellable_set_error_if_cancelled (r->cancellable, error);
}

/* Step 7: an integer file cannot hold a sample beyond full scale, and clipping it silently
 * would deliver distortion nobody asked for: refuse, saying how many samples and what to
 * change. Float files keep such samples as they are. The writer counts them as it goes
 * (render_write), and the file it was writing is never committed. */
static gboolean
set_clipping_error (const Render  *r,
                    gsize          clipped,
                    GError       **error)
{
  /* The count as text: a G_GSIZE_FORMAT in the message would cut it short for xgettext. */
  g_autofree char *count = g_strdup_printf ("%" G_GSIZE_FORMAT, clipped);

  g_set_error (error, LQ_RENDER_ERROR, LQ_RENDER_ERROR_CLIPS,
               _("%s: The master would clip: %s samples exceed full scale, which a %d-bit "
                 "file cannot hold; turn the limiter on (or give --ceiling-dbtp), lower the "
                 "target or the output gain, or write 32-bit float"),
               r->display, count, r->options->sample_format == LQ_SAMPLE_FORMAT_S16 ? 16 : 24);
  return FALSE;
}

/* Step 8b: the tags, into the complete temporary file before it is renamed, so a failure
 * leaves nothing behind. */
static gboolean
render_write_metadata (Render  *r,
                       GError **error)
{
  return lq_metadata_write_file (lq_audio_writer_get_temp_path (r->writer), r->options->format,
                                 &r->options->metadata, error);
}

/* Step 8: dither and quantise, write, measure what was written (when asked), tag it (renamed
 * into place by render_hand_over). With two cores the meter's own workers measure beside the
 * writer: the blocks it is handed are copied into its chunks, and its true peak and loudness
 * run on threads of their own. */
static gboolean
render_write (Render            *r,
              LqLoudnessSummary *measured,
              GError           **error)
{
  LqDitherConfig dconfig = { 0 };
  LqFileAnalysisConfig aconfig = { 0 };
  LqDither *dither = NULL;
  LqFileAnalysis *meter = NULL;
  LqStatus status = LQ_OK;
  const gboolean integer = r->options->sample_format != LQ_SAMPLE_FORMAT_F32;
  gsize clipped = 0;
  gboolean ok = FALSE;
  LqRenderSpillCursor cur[2];

  cursors_init (r, cur, SPILL_OUT, TRUE);
  dconfig.channels = r->channels;
  dconfig.bits = r->options->sample_format;
  dconfig.type = integer ? r->options->dither : LQ_DITHER_NONE;
  dconfig.sample_rate = r->rate;
  aconfig.sample_rate = r->rate;
  aconfig.channels = r->channels;
  aconfig.threads = g_get_num_processors () > 1;
  aconfig.busy_caller = TRUE;
  if (!(dither = lq_dither_new (&dconfig, &status))
      || (measured != NULL && !(meter = lq_file_analysis_new (&aconfig, &status))))
    {
      set_status_error (r, status, error);
      goto out;
    }

  for (gsize done = 0; done < r->frames; done += BLOCK)
    {
      uint32_t n = (uint32_t) MIN ((gsize) BLOCK, r->frames - done);
      const float *in[2] = { NULL, NULL };
      float q[2][BLOCK];
      float *qp[2] = { q[0], q[1] };
      float inter[2 * BLOCK];

      /* The master is read into q, which the writer then quantises in place. */
      if (!cursor_block_at (r, cur, done, n, qp, in, error))
        goto out;
      for (guint c = 0; integer && c < r->channels; c++)
        clipped += lq_pcm_count_over (in[c], n);
      if (!lq_audio_writer_write_dithered (r->writer, dither, in, qp, inter, n, error))
        goto out;
      if (meter != NULL)
        lq_file_analysis_process (meter, inter, n);
      if (g_cancellable_set_error_if_cancelled (r->cancellable, error))
        goto out;
      render_progress (r, PROGRESS_SEARCHED + (1.0 - PROGRESS_SEARCHED) * done / r->frames);
    }
  if (clipped > 0)
    {
      set_clipping_error (r, clipped, error);
      goto out;
    }
  if (!lq_audio_writer_finish (r->writer, error) || !render_write_metadata (r, error))
    goto out;
  if (meter != NULL)
    lq_file_analysis_finish (meter, measured);
  ok = TRUE;
out:
  cursors_clear (r, cur);
  lq_file_analysis_free (meter);
  lq_dither_free (dither);
  return ok;
}

/* Step 9: hand the float master to whoever derives more from it (lossy deliverables), then
 * rename the master into place: a failure or a cancel on the way leaves no master either. */
static gboolean
render_hand_over (Render  *r,
                  GError **error)
{
  const LqChainParams *lim = &r->lim_params;
  const float *data[2] = { r->out[0], r->out[1] };
  double ceiling = lim->lim.bypass ? NAN : lim->lim.ceiling_db + lim->output_gain_db;

  r->written = g_get_monotonic_time ();
  if (r->output == NULL)
    return TRUE;
  if (r->options->master_func != NULL
      && !r->options->master_func (data, r->channels, r->rate, r->frames, ceiling,
                                   r->cancellable, r->options->master_data, error))
    return FALSE;
  return lq_audio_writer_commit (r->writer, error);
}

/* The render, with or without writing: without output it stops after the gain search, so
 * lq_render_find_gain () and lq_render_file () share every step up to the file. */
static gboolean
render_core (Render          *r,
             LqRenderReport  *report,
             GError         **error)
{
  gboolean ok;

  if (report)
    memset (report, 0, sizeof *report);
  for (guint i = 0; i < N_SPILLS; i++)
    r->spill[i] = (LqRenderSpill) LQ_RENDER_SPILL_INIT;
  r->start = g_get_monotonic_time ();
  r->display = g_filename_display_name (r->input);

  ok = render_open_input (r, error)
       && render_open_output (r, error);
  if (ok)
    render_split_chain (r);
  ok = ok && render_decode (r, error);
  if (ok)
    {
      r->measured = report ? &report->output : &r->own_measured;
      ok = render_pre_chain (r, error)
           && (r->options->has_target ? render_find_gain (r, error) : render_limit (r, error))
           && (r->output == NULL || r->master_written
               || render_write (r, report ? &report->output : NULL, error))
           && render_hand_over (r, error);
    }
  if (ok)
    {
      render_progress (r, 1.0);
      if (report)
        {
          report->gain_db = r->gain_db;
          report->peak_limiting_db = r->peak_gr;
          report->iterations = r->iterations;
          report->sample_rate = (guint) r->rate;
          report->seconds = ((r->written ? r->written : g_get_monotonic_time ()) - r->start)
                            / 1e6;
        }
    }
  render_clear (r);
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
  Render r = { input, NULL, output, options, cancellable, progress, user_data };

  g_return_val_if_fail (input != NULL && output != NULL && options != NULL, FALSE);

  return render_core (&r, report, error);
}

gboolean
lq_render_hold_ceiling (float *const  *data,
                        guint          channels,
                        double         rate,
                        gsize          frames,
                        double         ceiling_dbtp,
                        const char    *display,
                        GCancellable  *cancellable,
                        GError       **error)
{
  Render r = { NULL };
  gboolean ok;

  g_return_val_if_fail (data != NULL && channels >= 1 && channels <= 2, FALSE);

  for (guint i = 0; i < N_SPILLS; i++)
    r.spill[i] = (LqRenderSpill) LQ_RENDER_SPILL_INIT;
  r.display = g_strdup (display);
  r.cancellable = cancellable;
  r.channels = channels;
  r.rate = rate;
  r.frames = frames;
  /* The caller's arrays stand as the master's, on the heap: read in place, never freed. */
  for (guint c = 0; c < channels; c++)
    {
      r.out[c] = data[c];
      r.spill[SPILL_OUT + c] = (LqRenderSpill) { data[c], frames, -1 };
    }
  lq_chain_params_init_default (&r.lim_params);
  r.lim_params.lim.bypass = false;
  r.lim_params.lim.ceiling_db = ceiling_dbtp;
  r.lim_params.output_gain_db = 0.0;
  ok = render_true_peak (&r, error);
  for (guint c = 0; c < channels; c++)
    r.spill[SPILL_OUT + c] = (LqRenderSpill) LQ_RENDER_SPILL_INIT;
  render_clear (&r);
  return ok;
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
  Render r = { input, NULL, NULL, options, cancellable, progress, user_data };

  g_return_val_if_fail (input != NULL && options != NULL && options->has_target, FALSE);

  return render_core (&r, report, error);
}

