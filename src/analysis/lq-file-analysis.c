/* lq-file-analysis.c
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

#include <float.h>

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "lq-db.h"
#include "lq-file-analysis.h"
#include "lq-loudness.h"
#include "lq-simd.h"
#include "lq-truepeak.h"

#define CHUNK_FRAMES 16384

/* Chunks decoded ahead of the slowest worker: enough slack for the scheduler to share two
 * cores among the reader and the workers. */
#define N_SLOTS 8

/* A worker that ran out of chunks sleeps until this many are waiting (or the reader waits
 * for it): one wake-up per few chunks rather than per chunk. */
#define WAKE_BATCH 4

/* The reader's share and the second core's. */
#define MAX_WORKERS 2

/* +120 dBFS: the largest sample value measured as it is. */
#define LQ_SAMPLE_LIMIT 1e6f

typedef struct LqFileAnalysisWorker LqFileAnalysisWorker;

/* One share of the work on every chunk, done in chunk order, on its own thread or inline on
 * the reader's: the true and sample peaks of channels first .. first + n_channels - 1, the
 * loudness (K-weighting, gating, history), and (extras) the mix check, spectrum and pyramid.
 * Each reading has one owner, so a result does not depend on how the shares are spread over
 * threads. */
struct LqFileAnalysisWorker
{
  LqFileAnalysis *owner;
  pthread_t       thread;
  bool            running;
  uint32_t        first, n_channels;
  LqTruePeak     *truepeak;
  bool            loudness;
  bool            extras;
  bool            on_reader;                /* runs inline on the reader's thread */
  /* Under the lock: */
  uint64_t        completed;                /* chunks done */
  bool            sleeping;
  LqStatus        status;
};

struct LqFileAnalysis
{
  LqFileAnalysisConfig config;
  LqLoudness          *loudness;
  LqPeaks             *peaks;
  LqSpectrum          *spectrum;
  LqMixCheck          *check;
  /* Chunk j lives in chunk[j % N_SLOTS], its length in chunk_frames[j % N_SLOTS]. */
  float               *chunk[N_SLOTS];
  uint32_t             chunk_frames[N_SLOTS];

  float               *history[2];
  uint64_t             n_history;
  uint64_t             history_capacity;
  bool                 history_failed;

  /* With threads, the caller's thread decodes each chunk and measures its own share of it
   * while the worker thread measures the ones before it; without, one share does all of it
   * inline. */
  LqFileAnalysisWorker worker[MAX_WORKERS];
  uint32_t             n_workers;
  bool                 use_thread;
  pthread_mutex_t      lock;
  pthread_cond_t       work_cond;   /* workers wait on it for chunks */
  pthread_cond_t       done_cond;   /* the reader waits on it for workers */
  uint64_t             posted;
  bool                 reader_waiting;
  bool                 quit;
};

static void
history_step (void    *user_data,
              uint64_t step,
              double   momentary,
              double   short_term)
{
  LqFileAnalysis *self = user_data;

  if (step % (LQ_LOUDNESS_STEPS_PER_SECOND / LQ_HISTORY_RATE) != 0 || self->history_failed)
    return;

  if (self->n_history == self->history_capacity)
    {
      uint64_t capacity = self->history_capacity ? self->history_capacity * 2 : 4096;

      for (int i = 0; i < 2; i++)
        {
          float *p = realloc (self->history[i], capacity * sizeof (float));
          if (p == NULL)
            {
              self->history_failed = true;
              return;
            }
          self->history[i] = p;
        }
      self->history_capacity = capacity;
    }
  self->history[0][self->n_history] = (float) momentary;
  self->history[1][self->n_history] = (float) short_term;
  self->n_history++;
}

/* Worker w's share of chunk job. */
static LqStatus
worker_process (LqFileAnalysisWorker *w,
                uint64_t              job)
{
  LqFileAnalysis *self = w->owner;
  const uint32_t channels = self->config.channels;
  const float *x = self->chunk[job % N_SLOTS];
  uint32_t n = self->chunk_frames[job % N_SLOTS];

  if (w->truepeak)
    lq_truepeak_process_interleaved (w->truepeak, x + w->first, channels, n);
  if (w->loudness)
    {
      lq_loudness_process_interleaved (self->loudness, x, n);
      if (self->history_failed)
        return LQ_ERROR_NOMEM;
    }
  if (!w->extras)
    return LQ_OK;
  if (self->check)
    lq_mix_check_process_interleaved (self->check, x, n);
  if (self->spectrum)
    lq_spectrum_accumulate_interleaved (self->spectrum, x, channels, n);
  if (self->peaks)
    return lq_peaks_process_interleaved (self->peaks, x, n);
  return LQ_OK;
}

static void *
worker_main (void *data)
{
  LqFileAnalysisWorker *w = data;
  LqFileAnalysis *self = w->owner;

  pthread_mutex_lock (&self->lock);
  for (;;)
    {
      if (self->posted == w->completed)
        {
          w->sleeping = true;
          while (!self->quit && self->posted - w->completed < WAKE_BATCH
                 && !(self->reader_waiting && self->posted > w->completed))
            pthread_cond_wait (&self->work_cond, &self->lock);
          w->sleeping = false;
        }
      if (self->quit)
        break;
      uint64_t job = w->completed;
      pthread_mutex_unlock (&self->lock);

      LqStatus status = worker_process (w, job);

      pthread_mutex_lock (&self->lock);
      if (status != LQ_OK)
        w->status = status;
      w->completed++;
      if (self->reader_waiting)
        pthread_cond_signal (&self->done_cond);
    }
  pthread_mutex_unlock (&self->lock);
  return NULL;
}

static uint64_t
slowest_completed (LqFileAnalysis *self)
{
  uint64_t done = self->posted;

  for (uint32_t k = 0; k < self->n_workers; k++)
    if (self->worker[k].completed < done)
      done = self->worker[k].completed;
  return done;
}

/* Waits until at most max_pending posted chunks are unfinished by some worker; returns the
 * first error a worker met. */
static LqStatus
wait_for_workers (LqFileAnalysis *self,
                  uint64_t        max_pending)
{
  LqStatus status = LQ_OK;

  if (self->use_thread)
    {
      pthread_mutex_lock (&self->lock);
      while (self->posted - slowest_completed (self) > max_pending)
        {
          /* Sleeping workers take what is there, batch or not. */
          self->reader_waiting = true;
          pthread_cond_broadcast (&self->work_cond);
          pthread_cond_wait (&self->done_cond, &self->lock);
        }
      self->reader_waiting = false;
    }
  for (uint32_t k = 0; k < self->n_workers && status == LQ_OK; k++)
    status = self->worker[k].status;
  if (self->use_thread)
    pthread_mutex_unlock (&self->lock);
  return status;
}

static void
stop_workers (LqFileAnalysis *self)
{
  pthread_mutex_lock (&self->lock);
  self->quit = true;
  pthread_cond_broadcast (&self->work_cond);
  pthread_mutex_unlock (&self->lock);
  for (uint32_t k = 0; k < self->n_workers; k++)
    if (self->worker[k].running)
      pthread_join (self->worker[k].thread, NULL);
  pthread_mutex_destroy (&self->lock);
  pthread_cond_destroy (&self->work_cond);
  pthread_cond_destroy (&self->done_cond);
  self->use_thread = false;
}

/* The next worker, over n_channels channels from first (none: no true peak). */
static LqStatus
worker_add (LqFileAnalysis *self,
            uint32_t        first,
            uint32_t        n_channels,
            bool            loudness,
            bool            extras,
            bool            on_reader)
{
  uint32_t k = self->n_workers;
  LqFileAnalysisWorker *w = &self->worker[k];
  LqStatus status = LQ_OK;

  w->owner = self;
  w->first = first;
  w->n_channels = n_channels;
  w->loudness = loudness;
  w->extras = extras;
  w->on_reader = on_reader;
  self->n_workers = k + 1;
  if (n_channels == 0)
    return LQ_OK;
  w->truepeak = lq_truepeak_new_kind (n_channels, self->config.sample_rate, CHUNK_FRAMES,
                                      !self->config.bs1770_only ? LQ_TRUEPEAK_METER
                                      : self->config.bs1770_every ? LQ_TRUEPEAK_BS1770_EVERY
                                                                  : LQ_TRUEPEAK_BS1770,
                                      &status);
  if (w->truepeak == NULL)
    return status;
  return LQ_OK;
}

/* The true peak that measures channel c, and c's index there; NULL when none does (a
 * loudness-only pass). */
static const LqTruePeak *
truepeak_of (const LqFileAnalysis *self,
             uint32_t              c,
             uint32_t             *index)
{
  for (uint32_t k = 0; k < self->n_workers; k++)
    {
      const LqFileAnalysisWorker *w = &self->worker[k];

      if (w->truepeak && c >= w->first && c < w->first + w->n_channels)
        {
          *index = c - w->first;
          return w->truepeak;
        }
    }
  return NULL;
}

LqFileAnalysis *
lq_file_analysis_new (const LqFileAnalysisConfig *config,
                      LqStatus                   *status)
{
  LqFileAnalysis *self;
  LqLoudnessConfig lc = { 0 };
  LqStatus dummy;
  bool extras;

  if (status == NULL)
    status = &dummy;
  if (config == NULL || config->channels == 0 || config->channels > LQ_MAX_CHANNELS)
    {
      *status = LQ_ERROR_INVALID_CHANNELS;
      return NULL;
    }
  if (!(config->sample_rate >= LQ_MIN_RATE && config->sample_rate <= LQ_MAX_RATE))
    {
      *status = LQ_ERROR_INVALID_RATE;
      return NULL;
    }

  self = calloc (1, sizeof *self);
  if (self == NULL)
    {
      *status = LQ_ERROR_NOMEM;
      return NULL;
    }
  self->config = *config;
  self->config.weights = NULL;
  self->config.check = NULL;

  lc.sample_rate = config->sample_rate;
  lc.channels = config->channels;
  lc.weights = config->weights;
  if (config->history)
    {
      lc.step_func = history_step;
      lc.user_data = self;
    }

  if ((self->loudness = lq_loudness_new (&lc, status)) == NULL)
    goto fail;
  if (config->peaks && (self->peaks = lq_peaks_new (config->channels, status)) == NULL)
    goto fail;
  if (config->spectrum && (self->spectrum = lq_spectrum_new (config->sample_rate, 0,
                                                              status)) == NULL)
    goto fail;

  if (config->check)
    {
      LqMixCheckConfig cc = *config->check;

      cc.sample_rate = config->sample_rate;
      cc.channels = config->channels;
      if ((self->check = lq_mix_check_new (&cc, status)) == NULL)
        goto fail;
    }

  for (int k = 0; k < N_SLOTS; k++)
    if ((self->chunk[k] = malloc ((size_t) CHUNK_FRAMES * config->channels * sizeof (float))) == NULL)
      {
        *status = LQ_ERROR_NOMEM;
        goto fail;
      }

  /* With threads, two shares of about equal cost, one per core: the reader decodes and
   * measures the true peak of the first half of the channels; a worker thread measures the
   * loudness and the other half's true peak. With the mix check, spectrum or pyramid, the
   * worker takes those and the reader every true peak. Four threads (a true-peak half each,
   * the loudness, the rest) took 1.5 times the CPU time of one core on two cores, most of it
   * in 1,700 context switches, and finished later than this. A busy caller (the render's
   * writer, which dithers, converts and writes each chunk) leaves all of it to the worker. */
  extras = self->check || self->spectrum || self->peaks;
  if (config->loudness_only)
    *status = worker_add (self, 0, 0, true, true, !config->threads || !config->busy_caller);
  else if (!config->threads)
    *status = worker_add (self, 0, config->channels, true, true, true);
  else if (config->busy_caller)
    *status = worker_add (self, 0, config->channels, true, true, false);
  else
    {
      uint32_t half = (config->channels + 1) / 2;
      const uint32_t split = extras ? config->channels : half;

      *status = worker_add (self, 0, split, false, false, true);
      if (*status == LQ_OK)
        *status = worker_add (self, split, config->channels - split, true, extras, false);
    }
  if (*status != LQ_OK)
    goto fail;

  if (config->threads)
    {
      pthread_mutex_init (&self->lock, NULL);
      pthread_cond_init (&self->work_cond, NULL);
      pthread_cond_init (&self->done_cond, NULL);
      self->use_thread = true;
      for (uint32_t k = 0; k < self->n_workers && self->use_thread; k++)
        {
          if (self->worker[k].on_reader)
            continue;
          self->worker[k].running = pthread_create (&self->worker[k].thread, NULL, worker_main,
                                                    &self->worker[k]) == 0;
          /* Without all its threads the pass runs every share inline. */
          if (!self->worker[k].running)
            stop_workers (self);
        }
    }

  *status = LQ_OK;
  return self;

fail:
  lq_file_analysis_free (self);
  return NULL;
}

void
lq_file_analysis_free (LqFileAnalysis *self)
{
  if (self == NULL)
    return;

  if (self->use_thread)
    stop_workers (self);

  for (uint32_t k = 0; k < self->n_workers; k++)
    lq_truepeak_free (self->worker[k].truepeak);
  lq_loudness_free (self->loudness);
  lq_peaks_free (self->peaks);
  lq_spectrum_free (self->spectrum);
  lq_mix_check_free (self->check);
  for (int k = 0; k < N_SLOTS; k++)
    free (self->chunk[k]);
  free (self->history[0]);
  free (self->history[1]);
  free (self);
}

float *
lq_file_analysis_get_buffer (LqFileAnalysis *self,
                             uint32_t       *max_frames)
{
  /* The slot of chunk posted - N_SLOTS is about to be reused. */
  wait_for_workers (self, N_SLOTS - 1);
  if (max_frames)
    *max_frames = CHUNK_FRAMES;
  return self->chunk[self->posted % N_SLOTS];
}

LqStatus
lq_file_analysis_commit (LqFileAnalysis *self,
                         uint32_t        n_frames)
{
  uint64_t job = self->posted;
  float *chunk = self->chunk[job % N_SLOTS];
  const size_t n_samples = (size_t) n_frames * self->config.channels;
  LqStatus status;

  if (n_frames > CHUNK_FRAMES)
    return LQ_ERROR_TOO_MANY_FRAMES;
  if ((status = wait_for_workers (self, UINT64_MAX)) != LQ_OK)
    return status;

  /* A float file (or a broken decoder) can hold NaN or infinity, which would poison every
   * reading after it; such samples are measured as silence (NaN fails the comparison too).
   * Finite values beyond +120 dBFS are clamped there, so that filtering them cannot overflow
   * a float. Branch-free, so it vectorises. Integer PCM needs none of it. */
  if (!self->config.bounded)
    for (size_t i = 0; i < n_samples; i++)
      {
        float x = chunk[i];

        x = fabsf (x) <= FLT_MAX ? x : 0.0f;
        chunk[i] = x > LQ_SAMPLE_LIMIT ? LQ_SAMPLE_LIMIT : x < -LQ_SAMPLE_LIMIT ? -LQ_SAMPLE_LIMIT : x;
      }

  self->chunk_frames[job % N_SLOTS] = n_frames;
  if (self->use_thread)
    {
      bool wake = false;

      pthread_mutex_lock (&self->lock);
      self->posted++;
      for (uint32_t k = 0; k < self->n_workers; k++)
        wake |= self->worker[k].sleeping && self->posted - self->worker[k].completed >= WAKE_BATCH;
      if (wake)
        pthread_cond_broadcast (&self->work_cond);
      pthread_mutex_unlock (&self->lock);
      for (uint32_t k = 0; k < self->n_workers; k++)
        {
          LqFileAnalysisWorker *w = &self->worker[k];

          if (!w->on_reader)
            continue;
          if ((status = worker_process (w, job)) != LQ_OK)
            return w->status = status;
          pthread_mutex_lock (&self->lock);
          w->completed++;
          pthread_mutex_unlock (&self->lock);
        }
    }
  else
    {
      self->posted++;
      for (uint32_t k = 0; k < self->n_workers; k++)
        {
          LqFileAnalysisWorker *w = &self->worker[k];

          if ((status = worker_process (w, job)) != LQ_OK)
            return w->status = status;
          w->completed++;
        }
    }

  return LQ_OK;
}

LqStatus
lq_file_analysis_process (LqFileAnalysis *self,
                          const float    *interleaved,
                          uint32_t        n_frames)
{
  const uint32_t channels = self->config.channels;

  while (n_frames > 0)
    {
      uint32_t max;
      float *buf = lq_file_analysis_get_buffer (self, &max);
      uint32_t n = n_frames < max ? n_frames : max;
      LqStatus status;

      memcpy (buf, interleaved, (size_t) n * channels * sizeof (float));
      if ((status = lq_file_analysis_commit (self, n)) != LQ_OK)
        return status;
      interleaved += (size_t) n * channels;
      n_frames -= n;
    }
  return LQ_OK;
}

LqStatus
lq_file_analysis_finish (LqFileAnalysis    *self,
                         LqLoudnessSummary *s)
{
  LqStatus status = LQ_OK;
  float tp = 0.0f, tp4 = 0.0f, sp = 0.0f;

  if ((status = wait_for_workers (self, 0)) != LQ_OK)
    return status;
  for (uint32_t k = 0; k < self->n_workers; k++)
    if (self->worker[k].truepeak)
      lq_truepeak_flush (self->worker[k].truepeak);
  if (self->peaks && (status = lq_peaks_finish (self->peaks)) != LQ_OK)
    return status;

  memset (s, 0, sizeof *s);
  s->frames = lq_loudness_get_frames (self->loudness);
  s->sample_rate = self->config.sample_rate;
  s->channels = self->config.channels;
  s->integrated_lufs = lq_loudness_get_integrated (self->loudness);
  s->loudness_range_lu = lq_loudness_get_range (self->loudness);
  s->max_momentary_lufs = lq_loudness_get_max_momentary (self->loudness);
  s->max_short_term_lufs = lq_loudness_get_max_short_term (self->loudness);
  if (self->worker[0].truepeak != NULL)
    s->true_peak_oversampling = lq_truepeak_get_factor (self->worker[0].truepeak);

  for (uint32_t c = 0; c < self->config.channels; c++)
    {
      uint32_t i = 0;
      const LqTruePeak *truepeak = truepeak_of (self, c, &i);
      float ctp = truepeak ? lq_truepeak_get_max (truepeak, i) : 0.0f;
      float csp = truepeak ? lq_truepeak_get_sample_max (truepeak, i) : 0.0f;

      s->channel_true_peak_dbtp[c] = ctp > 0.0f ? lq_gain_to_db (ctp) : -HUGE_VAL;
      s->channel_sample_peak_dbfs[c] = csp > 0.0f ? lq_gain_to_db (csp) : -HUGE_VAL;
      tp = lq_maxf (tp, ctp);
      tp4 = truepeak ? lq_maxf (tp4, lq_truepeak_get_max_bs1770 (truepeak, i)) : tp4;
      sp = lq_maxf (sp, csp);
    }
  s->true_peak_dbtp = tp > 0.0f ? lq_gain_to_db (tp) : -HUGE_VAL;
  s->true_peak_dbtp_bs1770 = tp4 > 0.0f ? lq_gain_to_db (tp4) : -HUGE_VAL;
  s->sample_peak_dbfs = sp > 0.0f ? lq_gain_to_db (sp) : -HUGE_VAL;

  if (isfinite (s->true_peak_dbtp) && isfinite (s->integrated_lufs))
    s->plr_db = s->true_peak_dbtp - s->integrated_lufs;
  else
    s->plr_db = -HUGE_VAL;

  return LQ_OK;
}

const float *
lq_file_analysis_get_history (const LqFileAnalysis *self,
                              bool                  short_term,
                              uint64_t             *n_points)
{
  if (n_points)
    *n_points = self->n_history;
  return self->history[short_term ? 1 : 0];
}

bool
lq_file_analysis_get_check (const LqFileAnalysis *self,
                            LqMixCheckResult     *result)
{
  if (self->check == NULL)
    return false;
  lq_mix_check_get_result (self->check, result);
  return true;
}

LqPeaks *
lq_file_analysis_steal_peaks (LqFileAnalysis *self)
{
  LqPeaks *p = self->peaks;

  self->peaks = NULL;
  return p;
}

LqSpectrum *
lq_file_analysis_steal_spectrum (LqFileAnalysis *self)
{
  LqSpectrum *p = self->spectrum;

  self->spectrum = NULL;
  return p;
}
