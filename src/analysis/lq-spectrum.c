/* lq-spectrum.c
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

#include <fftw3.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "lq-db.h"
#include "lq-simd.h"
#include "lq-spectrum.h"

struct LqSpectrum
{
  double         rate;
  uint32_t       size;
  uint32_t       pos;          /* frames collected towards the next transform */
  uint32_t       channels;     /* most channels seen in the average (1 or 2) */
  uint64_t       n_frames;     /* transforms averaged */
  float         *window;
  fftwf_complex *in;
  fftwf_complex *out;
  fftwf_plan     plan;
  double        *sum;          /* n_bins summed |L|^2 + |R|^2 */
  double         norm;         /* full-scale sine -> 0 dB */
};

/* FFTW's planner is one process-wide object and not thread-safe: making or destroying a plan
 * touches its hash table and shared twiddle tables, and spectra are made and freed from
 * loaders, analysis threads and the main thread at once (fftwf_execute needs no lock). One
 * lock around both is simpler than fftwf_make_planner_thread_safe (), which needs
 * libfftw3f_threads and must itself run once before any thread plans; this file holds every
 * plan call in Lacquer. It is the one justified piece of global mutable state here: the
 * planner it guards is global already. */
static pthread_mutex_t planner_lock = PTHREAD_MUTEX_INITIALIZER;

static fftwf_plan
plan_dft (uint32_t       size,
          fftwf_complex *in,
          fftwf_complex *out,
          int            sign)
{
  fftwf_plan plan;

  pthread_mutex_lock (&planner_lock);
  plan = fftwf_plan_dft_1d ((int) size, in, out, sign, FFTW_ESTIMATE);
  pthread_mutex_unlock (&planner_lock);
  return plan;
}

static fftwf_plan
plan_forward (uint32_t       size,
              fftwf_complex *in,
              fftwf_complex *out)
{
  return plan_dft (size, in, out, FFTW_FORWARD);
}

static void
destroy_plan (fftwf_plan plan)
{
  pthread_mutex_lock (&planner_lock);
  fftwf_destroy_plan (plan);
  pthread_mutex_unlock (&planner_lock);
}

static uint32_t
size_for_rate (double rate)
{
  uint32_t n = 1024;

  while (n < rate / 12.0 && n < 65536)
    n *= 2;
  return n;
}

LqSpectrum *
lq_spectrum_new (double    rate,
                 uint32_t  fft_size,
                 LqStatus *status)
{
  LqSpectrum *self;
  LqStatus dummy;
  double wsum = 0.0;

  if (status == NULL)
    status = &dummy;
  if (!(rate >= LQ_MIN_RATE && rate <= LQ_MAX_RATE))
    {
      *status = LQ_ERROR_INVALID_RATE;
      return NULL;
    }
  if (fft_size == 0)
    fft_size = size_for_rate (rate);
  if (fft_size < 64 || fft_size > (1u << 20) || (fft_size & (fft_size - 1)) != 0)
    {
      *status = LQ_ERROR_INVALID_ARGUMENT;
      return NULL;
    }

  self = calloc (1, sizeof *self);
  if (self == NULL)
    goto nomem;
  self->rate = rate;
  self->size = fft_size;
  self->window = fftwf_alloc_real (fft_size);
  self->in = fftwf_alloc_complex (fft_size);
  self->out = fftwf_alloc_complex (fft_size);
  self->sum = calloc (fft_size / 2 + 1, sizeof (double));
  if (!self->window || !self->in || !self->out || !self->sum)
    goto nomem;

  for (uint32_t i = 0; i < fft_size; i++)
    {
      self->window[i] = (float) (0.5 - 0.5 * cos (2.0 * M_PI * i / fft_size));
      wsum += self->window[i];
    }
  /* A sine of amplitude A gives |X_k| = A * wsum / 2 at its bin. */
  self->norm = 4.0 / (wsum * wsum);

  self->plan = plan_forward (fft_size, self->in, self->out);
  if (self->plan == NULL)
    goto nomem;

  *status = LQ_OK;
  return self;

nomem:
  lq_spectrum_free (self);
  *status = LQ_ERROR_NOMEM;
  return NULL;
}

void
lq_spectrum_free (LqSpectrum *self)
{
  if (self == NULL)
    return;
  if (self->plan)
    destroy_plan (self->plan);
  fftwf_free (self->window);
  fftwf_free (self->in);
  fftwf_free (self->out);
  free (self->sum);
  free (self);
}

void
lq_spectrum_reset (LqSpectrum *self)
{
  self->pos = 0;
  self->n_frames = 0;
  self->channels = 0;
  memset (self->sum, 0, (self->size / 2 + 1) * sizeof (double));
}

uint32_t
lq_spectrum_get_fft_size (const LqSpectrum *self)
{
  return self->size;
}

uint32_t
lq_spectrum_get_n_bins (const LqSpectrum *self)
{
  return self->size / 2 + 1;
}

double
lq_spectrum_get_bin_hz (const LqSpectrum *self)
{
  return self->rate / self->size;
}

/* No fused multiply-adds in the power sums (see pair_power): GCC takes it per function,
 * Clang as a pragma for the rest of the file. */
#if defined(__clang__)
#pragma clang fp contract(off)
#define LQ_NO_FP_CONTRACT
#else
#define LQ_NO_FP_CONTRACT __attribute__ ((optimize ("fp-contract=off")))
#endif

static inline double
bin_power (const fftwf_complex *X,
           uint32_t             k)
{
  return (double) X[k][0] * X[k][0] + (double) X[k][1] * X[k][1];
}

/* |L_k|^2 + |R_k|^2 for k = 0 .. N/2 from the transform of L + iR. The bins between DC and
 * Nyquist pair k with N - k, a loop without wrap-around that vectorises. Not contracted
 * into fused multiply-adds, so that the AVX2 build reads what the baseline one reads. */
LQ_TARGET_CLONES LQ_NO_FP_CONTRACT static void
pair_power (const LqSpectrum *self,
            double           *restrict acc,
            int               accumulate)
{
  const uint32_t N = self->size;
  const fftwf_complex *restrict X = self->out;
  double dc = bin_power (X, 0), nyquist = bin_power (X, N / 2);

  if (accumulate)
    {
      acc[0] += dc;
      for (uint32_t k = 1; k < N / 2; k++)
        acc[k] += 0.5 * (bin_power (X, k) + bin_power (X, N - k));
      acc[N / 2] += nyquist;
    }
  else
    {
      acc[0] = dc;
      for (uint32_t k = 1; k < N / 2; k++)
        acc[k] = 0.5 * (bin_power (X, k) + bin_power (X, N - k));
      acc[N / 2] = nyquist;
    }
}

/* Windows n frames into the transform input at offset; sample i of a channel is at
 * left[i * stride] (right NULL: mono). */
LQ_TARGET_CLONES static void
load (LqSpectrum  *self,
      uint32_t     offset,
      const float *left,
      const float *right,
      uint32_t     stride,
      uint32_t     n)
{
  const float *restrict w = self->window + offset;
  fftwf_complex *restrict in = self->in + offset;

  /* Interleaved stereo is already laid out as the complex input: one product per float. */
  if (stride == 2 && right == left + 1)
    {
      float *restrict out = &in[0][0];

      for (size_t i = 0; i < n; i++)
        {
          out[2 * i] = w[i] * left[2 * i];
          out[2 * i + 1] = w[i] * left[2 * i + 1];
        }
      return;
    }
  for (uint32_t i = 0; i < n; i++)
    {
      in[i][0] = w[i] * left[(size_t) i * stride];
      in[i][1] = right ? w[i] * right[(size_t) i * stride] : 0.0f;
    }
}

static void
accumulate_strided (LqSpectrum  *self,
                    const float *left,
                    const float *right,
                    uint32_t     stride,
                    uint32_t     n_frames)
{
  while (n_frames > 0)
    {
      uint32_t n = self->size - self->pos;

      if (n > n_frames)
        n = n_frames;
      load (self, self->pos, left, right, stride, n);
      self->pos += n;
      left += (size_t) n * stride;
      if (right)
        right += (size_t) n * stride;
      n_frames -= n;

      if (self->pos == self->size)
        {
          fftwf_execute (self->plan);
          pair_power (self, self->sum, 1);
          self->n_frames++;
          self->pos = 0;
        }
    }
}

void
lq_spectrum_accumulate (LqSpectrum  *self,
                        const float *left,
                        const float *right,
                        uint32_t     n_frames)
{
  if (self->channels < (right ? 2u : 1u))
    self->channels = right ? 2 : 1;
  accumulate_strided (self, left, right, 1, n_frames);
}

void
lq_spectrum_accumulate_interleaved (LqSpectrum  *self,
                                    const float *in,
                                    uint32_t     channels,
                                    uint32_t     n_frames)
{
  /* Pairs after the first would need their own running transform; the tonal balance of a
   * multichannel file is the front pair's. */
  self->channels = channels >= 2 ? 2 : 1;
  accumulate_strided (self, in, channels >= 2 ? in + 1 : NULL, channels, n_frames);
}

static void
power_to_db (const LqSpectrum *self,
             const double     *power,
             double            scale,
             float            *out_db)
{
  for (uint32_t k = 0; k <= self->size / 2; k++)
    {
      double p = power[k] * scale;

      out_db[k] = p > 1e-20 ? (float) (10.0 * log10 (p)) : (float) -HUGE_VAL;
    }
}

uint64_t
lq_spectrum_get_average_db (const LqSpectrum *self,
                            float            *out_db)
{
  double scale;

  if (self->n_frames == 0)
    {
      for (uint32_t k = 0; k <= self->size / 2; k++)
        out_db[k] = (float) -HUGE_VAL;
      return 0;
    }
  scale = self->norm / ((double) self->n_frames * self->channels);
  power_to_db (self, self->sum, scale, out_db);
  return self->n_frames;
}

void
lq_spectrum_frame (LqSpectrum  *self,
                   const float *left,
                   const float *right,
                   float       *out_db)
{
  /* Reuse the accumulator's buffers: the live instance never accumulates. out_db doubles as
   * scratch only after the transform, so keep the powers in the input buffer's memory. */
  double *power = (double *) self->in;

  load (self, 0, left, right, 1, self->size);
  fftwf_execute (self->plan);
  pair_power (self, power, 0);
  power_to_db (self, power, self->norm / (right ? 2.0 : 1.0), out_db);
}

/* Both signals go into one complex transform, a as the real part and b as the imaginary: with
 * Z = FFT (a + ib), A_k = (Z_k + conj Z_(N-k)) / 2 and B_k = (Z_k - conj Z_(N-k)) / 2i, so one
 * forward and one inverse transform give the whole correlation. */
LqStatus
lq_spectrum_find_lag (const float *a,
                      uint32_t     n_a,
                      const float *b,
                      uint32_t     n_b,
                      int32_t      max_lag,
                      int32_t     *lag)
{
  fftwf_complex *z = NULL;
  fftwf_complex *c = NULL;
  fftwf_plan forward = NULL;
  fftwf_plan inverse = NULL;
  uint64_t need = (uint64_t) n_a + n_b;
  uint32_t n = 64;
  LqStatus status = LQ_ERROR_NOMEM;
  double best = -HUGE_VAL;

  if (a == NULL || b == NULL || lag == NULL || n_a == 0 || n_b == 0 || max_lag < 0
      || need > (1u << 30))
    return LQ_ERROR_INVALID_ARGUMENT;
  /* A circular correlation of this length has no wrap-around inside +-max_lag. */
  while (n < need)
    n *= 2;

  z = fftwf_alloc_complex (n);
  c = fftwf_alloc_complex (n);
  if (z == NULL || c == NULL)
    goto out;
  forward = plan_dft (n, z, c, FFTW_FORWARD);
  inverse = plan_dft (n, c, z, FFTW_BACKWARD);
  if (forward == NULL || inverse == NULL)
    goto out;

  memset (z, 0, sizeof (fftwf_complex) * n);
  for (uint32_t i = 0; i < n_a; i++)
    z[i][0] = a[i];
  for (uint32_t i = 0; i < n_b; i++)
    z[i][1] = b[i];
  fftwf_execute (forward);

  /* conj (A_k) * B_k, from c = Z into z, then back in place of c. */
  for (uint32_t k = 0; k < n; k++)
    {
      uint32_t m = (n - k) & (n - 1);
      double ar = 0.5 * (c[k][0] + c[m][0]), ai = 0.5 * (c[k][1] - c[m][1]);
      double br = 0.5 * (c[k][1] + c[m][1]), bi = -0.5 * (c[k][0] - c[m][0]);

      z[k][0] = (float) (ar * br + ai * bi);
      z[k][1] = (float) (ar * bi - ai * br);
    }
  memcpy (c, z, sizeof (fftwf_complex) * n);
  fftwf_execute (inverse);

  /* z[d mod n] = sum a[i] * b[i + d] (times n). */
  *lag = 0;
  for (int64_t d = -(int64_t) max_lag; d <= max_lag; d++)
    {
      double r = z[(uint64_t) (d + (int64_t) n) & (n - 1)][0];

      if (r > best)
        {
          best = r;
          *lag = (int32_t) d;
        }
    }
  status = LQ_OK;
out:
  if (forward)
    destroy_plan (forward);
  if (inverse)
    destroy_plan (inverse);
  fftwf_free (z);
  fftwf_free (c);
  return status;
}
