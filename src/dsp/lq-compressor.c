/* lq-compressor.c
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
#include <stdlib.h>
#include <string.h>

#include "lq-biquad.h"
#include "lq-biquad-x2.h"
#include "lq-chain-params.h"
#include "lq-compressor.h"
#include "lq-db.h"
#include "lq-simd.h"
#include "lq-smoother.h"

/* 10 log10 (2): dB of a power from its log2. */
#define DB_PER_LOG2_POWER 3.0102999566398120
/* 20 log10 (2): dB of an amplitude per octave of gain. */
#define DB_PER_LOG2_AMP 6.0205999132796240

struct LqCompressor
{
  double             rate;
  uint32_t           channels;
  uint32_t           max_frames;
  bool               fresh;

  LqCompressorParams params;
  double             slope;          /* 1 / ratio - 1, <= 0 */
  double             knee;           /* full width, dB */
  double             attack_coef;
  double             release_coef;
  double             rms_coef;
  double             rms_keep;       /* 1 - rms_coef */
  LqSmoother         threshold;      /* dB */
  LqSmoother         makeup;         /* dB */
  LqSmoother         wet;            /* 1 compressing, 0 bypassed */

  /* state */
  double             gr_db;          /* smoothed gain reduction, dB, >= 0 */
  double             ms[LQ_MAX_CHANNELS];
  bool               hpf_on;
  LqBiquad           hpf[LQ_MAX_CHANNELS];
  float             *sidechain[LQ_MAX_CHANNELS];
  float             *gain;           /* max_frames rounded up to 8: per frame the detector's
                                      * power, then the wanted reduction, then the gain, log2 */
  float             *thresh;         /* the same size: the threshold while it ramps, dB */
  double            *terms;          /* 4 max_frames: smooth_reduction's per-frame terms */

  float              gr_peak;
  float              gr_current;
};

/* The static curve (Giannoulis et al. eq. 4), as gain in dB for level x over threshold t:
 * d = x - t; below the knee 0; inside it (1/R - 1)(d + W/2)^2 / 2W; above it (1/R - 1) d. */
static inline double
curve_gain_db (double d,
               double knee,
               double slope)
{
  if (2.0 * d <= -knee)
    return 0.0;
  if (2.0 * d < knee)
    {
      double e = d + 0.5 * knee;
      return slope * e * e / (2.0 * knee);
    }
  return slope * d;
}

void
lq_compressor_params_init_default (LqCompressorParams *params)
{
  memset (params, 0, sizeof *params);
  params->threshold_db = -18.0;
  /* 1:1 is no compression at all: on, but neutral until the ratio is raised. */
  params->ratio = 1.0;
  params->knee_db = 6.0;
  params->attack_ms = 10.0;
  params->release_ms = 100.0;
  params->makeup_db = 0.0;
  params->detector = LQ_COMPRESSOR_DETECTOR_RMS;
  params->link = LQ_COMPRESSOR_LINK_MAX;
  params->sidechain_hpf_hz = 0.0;
  params->bypass = false;
}

double
lq_compressor_static_gain_db (const LqCompressorParams *params,
                              double                    level_db)
{
  double t = lq_chain_param_clamp (LQ_CHAIN_PARAM_COMP_THRESHOLD_DB, params->threshold_db);
  double r = lq_chain_param_clamp (LQ_CHAIN_PARAM_COMP_RATIO, params->ratio);
  double w = lq_chain_param_clamp (LQ_CHAIN_PARAM_COMP_KNEE_DB, params->knee_db);

  return curve_gain_db (level_db - t, w, 1.0 / r - 1.0);
}

LqCompressor *
lq_compressor_new (const LqCompressorConfig *config,
                   LqStatus                 *status)
{
  LqCompressor *self;
  LqCompressorParams defaults;
  LqStatus dummy;

  if (status == NULL)
    status = &dummy;

  if (config == NULL || config->max_frames == 0 || config->max_frames > LQ_MAX_BLOCK)
    {
      *status = LQ_ERROR_INVALID_ARGUMENT;
      return NULL;
    }
  if (config->channels == 0 || config->channels > LQ_MAX_CHANNELS)
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
    goto nomem;
  for (uint32_t c = 0; c < config->channels; c++)
    if ((self->sidechain[c] = calloc (config->max_frames, sizeof (float))) == NULL)
      goto nomem;
  if ((self->gain = calloc ((config->max_frames + 7) / 8 * 8, sizeof (float))) == NULL ||
      (self->thresh = calloc ((config->max_frames + 7) / 8 * 8, sizeof (float))) == NULL ||
      (self->terms = calloc (4 * (size_t) config->max_frames, sizeof (double))) == NULL)
    goto nomem;

  self->rate = config->sample_rate;
  self->channels = config->channels;
  self->max_frames = config->max_frames;
  self->rms_coef = 1.0 - exp (-1.0 / (LQ_COMPRESSOR_RMS_MS * 1e-3 * self->rate));
  self->rms_keep = 1.0 - self->rms_coef;
  lq_smoother_init (&self->threshold, self->rate, LQ_COMPRESSOR_SMOOTH_MS, -18.0);
  lq_smoother_init (&self->makeup, self->rate, LQ_COMPRESSOR_SMOOTH_MS, 0.0);
  lq_smoother_init (&self->wet, self->rate, LQ_COMPRESSOR_SMOOTH_MS, 0.0);
  self->fresh = true;

  lq_compressor_params_init_default (&defaults);
  lq_compressor_set_params (self, &defaults);

  *status = LQ_OK;
  return self;

nomem:
  lq_compressor_free (self);
  *status = LQ_ERROR_NOMEM;
  return NULL;
}

void
lq_compressor_free (LqCompressor *self)
{
  if (self == NULL)
    return;
  for (uint32_t c = 0; c < LQ_MAX_CHANNELS; c++)
    free (self->sidechain[c]);
  free (self->gain);
  free (self->thresh);
  free (self->terms);
  free (self);
}

static void
clear_detector (LqCompressor *self)
{
  self->gr_db = 0.0;
  for (uint32_t c = 0; c < LQ_MAX_CHANNELS; c++)
    {
      self->ms[c] = 0.0;
      lq_biquad_reset (&self->hpf[c]);
    }
}

void
lq_compressor_reset (LqCompressor *self)
{
  clear_detector (self);
  lq_smoother_snap (&self->threshold);
  lq_smoother_snap (&self->makeup);
  lq_smoother_snap (&self->wet);
  self->gr_peak = self->gr_current = 0.0f;
  self->fresh = true;
}

void
lq_compressor_set_params (LqCompressor             *self,
                          const LqCompressorParams *params)
{
  LqCompressorParams *p = &self->params;
  double hz;
  bool was_bypassed = lq_smoother_get_current (&self->wet) == 0.0;

  *p = *params;
  p->threshold_db = lq_chain_param_clamp (LQ_CHAIN_PARAM_COMP_THRESHOLD_DB, p->threshold_db);
  p->ratio = lq_chain_param_clamp (LQ_CHAIN_PARAM_COMP_RATIO, p->ratio);
  p->knee_db = lq_chain_param_clamp (LQ_CHAIN_PARAM_COMP_KNEE_DB, p->knee_db);
  p->attack_ms = lq_chain_param_clamp (LQ_CHAIN_PARAM_COMP_ATTACK_MS, p->attack_ms);
  p->release_ms = lq_chain_param_clamp (LQ_CHAIN_PARAM_COMP_RELEASE_MS, p->release_ms);
  p->makeup_db = lq_chain_param_clamp (LQ_CHAIN_PARAM_COMP_MAKEUP_DB, p->makeup_db);
  hz = lq_chain_param_clamp (LQ_CHAIN_PARAM_COMP_SIDECHAIN_HPF_HZ, p->sidechain_hpf_hz);
  /* Above 0 (off), the filter starts at 10 Hz. */
  p->sidechain_hpf_hz = hz <= 0.0 ? 0.0 : fmax (hz, 10.0);

  self->slope = 1.0 / p->ratio - 1.0;
  self->knee = p->knee_db;
  self->attack_coef = exp (-1.0 / (p->attack_ms * 1e-3 * self->rate));
  self->release_coef = exp (-1.0 / (p->release_ms * 1e-3 * self->rate));

  lq_smoother_set_target (&self->threshold, p->threshold_db);
  lq_smoother_set_target (&self->makeup, p->makeup_db);
  lq_smoother_set_target (&self->wet, p->bypass ? 0.0 : 1.0);

  /* A detector that sat out a bypass starts afresh rather than from stale state. */
  if (was_bypassed && !p->bypass)
    clear_detector (self);

  if (p->sidechain_hpf_hz > 0.0)
    {
      LqBiquadCoeffs c;

      lq_biquad_coeffs_design (&c, LQ_BIQUAD_HIGHPASS, self->rate, p->sidechain_hpf_hz,
                               M_SQRT1_2, 0.0);
      for (uint32_t ch = 0; ch < self->channels; ch++)
        {
          if (!self->hpf_on)
            lq_biquad_init (&self->hpf[ch], &c);
          else
            lq_biquad_set_coeffs (&self->hpf[ch], &c);
        }
    }
  self->hpf_on = p->sidechain_hpf_hz > 0.0;

  if (self->fresh)
    {
      lq_smoother_snap (&self->threshold);
      lq_smoother_snap (&self->makeup);
      lq_smoother_snap (&self->wet);
    }
}

void
lq_compressor_get_params (const LqCompressor *self,
                          LqCompressorParams *params)
{
  *params = self->params;
}

uint32_t
lq_compressor_get_latency (const LqCompressor *self)
{
  return 0;
}

float
lq_compressor_get_gain_reduction_db (const LqCompressor *self)
{
  return self->gr_peak;
}

float
lq_compressor_get_current_gain_reduction_db (const LqCompressor *self)
{
  return self->gr_current;
}

/* The block runs in four passes, so that only the two recursions (the detector's mean square
 * and the attack/release smoothing) go one frame at a time, each with a short dependency
 * chain and no branches; the static curve and the gain are per frame independent and run
 * eight frames at a time. */

/* Pass 1: the detector level of each frame as a power (x^2 for peak, mean square for RMS),
 * linked, into power, from the side chain sc (already filtered, except for the linked stereo
 * RMS detector, which filters in). The mean square is keep * ms + coef * x^2: one multiply-add
 * deep. */
LQ_TARGET_CLONES
static void
detect (LqCompressor       *self,
        const float *const *sc,
        float              *power,
        uint32_t            n)
{
  const uint32_t channels = self->channels;
  const bool link_max = self->params.link == LQ_COMPRESSOR_LINK_MAX;
  const double coef = self->rms_coef, keep = self->rms_keep;

  if (self->params.detector == LQ_COMPRESSOR_DETECTOR_RMS && channels == 2 && link_max)
    {
      /* The side chain's high-pass runs here, in the same loop: its recursion and the mean
       * square's are independent, so they overlap, and the filtered signal stays in double.
       * The square's product is rounded on its own and the mean square's recursion is the
       * multiply-add, one deep. */
      LqBiquadX2 hpf;
      lq_v2d ms = { self->ms[0], self->ms[1] };

      if (self->hpf_on)
        {
          lq_biquad_x2_load (&hpf, &self->hpf[0], &self->hpf[1]);
          for (uint32_t i = 0; i < n; i++)
            {
              lq_v2d x = lq_biquad_x2_next (&hpf, (lq_v2d) { sc[0][i], sc[1][i] });

              ms = keep * ms + LQ_FIRST_PRODUCT (coef * (x * x));
              power[i] = (float) (ms[0] > ms[1] ? ms[0] : ms[1]);
            }
          lq_biquad_x2_save (&hpf, &self->hpf[0], &self->hpf[1]);
        }
      else
        for (uint32_t i = 0; i < n; i++)
          {
            lq_v2d x = { sc[0][i], sc[1][i] };

            ms = keep * ms + LQ_FIRST_PRODUCT (coef * (x * x));
            power[i] = (float) (ms[0] > ms[1] ? ms[0] : ms[1]);
          }
      self->ms[0] = ms[0];
      self->ms[1] = ms[1];
      return;
    }

  if (self->params.detector == LQ_COMPRESSOR_DETECTOR_RMS)
    {
      for (uint32_t i = 0; i < n; i++)
        {
          double level = 0.0;

          for (uint32_t c = 0; c < channels; c++)
            {
              double x = sc[c][i];
              double ms = keep * self->ms[c] + coef * (x * x);

              self->ms[c] = ms;
              level = link_max ? (ms > level ? ms : level) : level + ms;
            }
          power[i] = (float) (link_max ? level : level / channels);
        }
      return;
    }

  for (uint32_t i = 0; i < n; i++)
    {
      double level = 0.0;

      for (uint32_t c = 0; c < channels; c++)
        {
          double a = fabsf (sc[c][i]);

          level = link_max ? (a > level ? a : level) : level + a;
        }
      if (!link_max)
        level /= channels;
      power[i] = (float) (level * level);
    }
}

/* Pass 2: the static curve (curve_gain_db, branch-free) on the level in dB, from the power
 * in level to the wanted reduction (dB, >= 0) in place; thresh per frame, or NULL for t.
 * A level of NaN wants no reduction.
 * n_padded is a multiple of eight; the padding is scratch. The float log2 errs by 1.2e-5 dB at
 * most (lq-simd.h), the curve in float by less. */
LQ_TARGET_CLONES
static void
static_curve (float       *level,
              const float *thresh,
              float        t,
              float        knee,
              float        slope,
              uint32_t     n_padded)
{
  const lq_v8sf zero = { 0 };
  const float neg_slope = -slope, neg_slope_2k = knee > 0.0f ? -slope / (2.0f * knee) : 0.0f;

  for (uint32_t i = 0; i < n_padded; i += 8)
    {
      lq_v8sf p = lq_v8_load (level + i);
      lq_v8sf x = (float) DB_PER_LOG2_POWER * lq_v8_log2 (p);
      lq_v8sf d = x - (thresh != NULL ? lq_v8_load (thresh + i) : zero + t);
      lq_v8sf e = d + 0.5f * knee;
      lq_v8sf r = lq_v8_select (d + d < knee, neg_slope_2k * e * e, neg_slope * d);

      r = lq_v8_select (d + d <= -knee, zero, r);
      /* An infinite level wants infinite reduction, which the block's end then drops. */
      lq_v8_store (level + i, lq_v8_select (p > FLT_MAX, zero + INFINITY, r));
    }
}

/* out = in * 2^log2_gain, eight frames at a time (the scratch is padded to eight). */
LQ_TARGET_CLONES
static void
apply_log2_gain (float              *log2_gain,
                 const float *const *in,
                 float *const       *out,
                 uint32_t            channels,
                 uint32_t            n)
{
  uint32_t i = 0;

  for (; i + 8 <= n; i += 8)
    lq_v8_store (log2_gain + i, lq_v8_exp2 (lq_v8_load (log2_gain + i)));
  if (i < n)
    {
      float tmp[8] = { 0 };

      memcpy (tmp, log2_gain + i, (n - i) * sizeof (float));
      lq_v8_store (tmp, lq_v8_exp2 (lq_v8_load (tmp)));
      memcpy (log2_gain + i, tmp, (n - i) * sizeof (float));
    }
  for (uint32_t c = 0; c < channels; c++)
    for (i = 0; i < n; i++)
      out[c][i] = in[c][i] * log2_gain[i];
}

/* Four doubles rounded to float into p. */
static inline void
store_v4 (float  *p,
          lq_v4d  v)
{
  lq_v4sf f = __builtin_convertvector (v, lq_v4sf);

  memcpy (p, &f, sizeof f);
}

/* The gain (log2) for reduction r (dB) at the current makeup and wet mix: the one spelling, for
 * four frames at a time and, broadcast, for one. */
LQ_SIMD_INLINE lq_v4d
gain_log2 (double wet,
           double makeup,
           lq_v4d r)
{
  return wet * (makeup - r) * (1.0 / DB_PER_LOG2_AMP);
}

LQ_SIMD_INLINE float
gain_log2_1 (double wet,
             double makeup,
             double r)
{
  return (float) gain_log2 (wet, makeup, (lq_v4d) { r, r, r, r })[0];
}

/* Pass 3, the smoothed reduction (smooth branching: attack while the wanted reduction t
 * exceeds the current one g), from the wanted reduction in buf to the gain (log2) in place;
 * returns the state. A reduction under 1e-9 dB is none, in the state itself at every frame
 * (the result must not depend on where the blocks end, and the player's and the render's
 * differ).
 *
 * Only the recursion runs frame by frame, with a short path from one frame's g to the next:
 * each branch is a g + (1 - a) t as one multiply-add with g a factor (fused the other way
 * round, a g would be rounded first and the path twice as long), and the floor is a bound on
 * g, compared beside it rather than after it. What does not depend on g, (1 - a) t and the
 * bounds for both branches, comes from a pass before it into the terms scratch; the frame's
 * reduction goes back there, and a pass after it turns it into the gain. The branch between
 * attack and release predicts well: t is the curve of a smoothed level, and the two cross
 * rarely. */
LQ_TARGET_CLONES
static double
smooth_reduction (LqCompressor *self,
                  double        gr,
                  float        *buf,
                  uint32_t      n,
                  float        *gr_peak,
                  float        *g_last_db)
{
  const double a_att = self->attack_coef, a_rel = self->release_coef;
  const double k_att = 1.0 - a_att, k_rel = 1.0 - a_rel;
  const double i_att = 1.0 / a_att, i_rel = 1.0 / a_rel, floor = 1e-9;
  const bool ramp = !lq_smoother_is_settled (&self->makeup) ||
                    !lq_smoother_is_settled (&self->wet);
  double makeup = lq_smoother_get_current (&self->makeup);
  double wet = lq_smoother_get_current (&self->wet);
  float peak = *gr_peak, last = *g_last_db;
  double *kt_att = self->terms, *kt_rel = kt_att + self->max_frames;
  double *min_att = kt_rel + self->max_frames, *min_rel = min_att + self->max_frames;
  double g = gr;

  for (uint32_t i = 0; i < n; i++)
    {
      double t = buf[i];

      kt_att[i] = k_att * t;
      kt_rel[i] = k_rel * t;
    }
  for (uint32_t i = 0; i < n; i++)
    {
      min_att[i] = (floor - kt_att[i]) * i_att;
      min_rel[i] = (floor - kt_rel[i]) * i_rel;
    }

  for (uint32_t i = 0; i < n; i++)
    {
      double next, bound;

      if (buf[i] > g)
        {
          next = a_att * g + kt_att[i];
          bound = min_att[i];
        }
      else
        {
          next = a_rel * g + kt_rel[i];
          bound = min_rel[i];
        }
      g = g >= bound ? next : 0.0;
      kt_att[i] = g;
    }

  if (ramp)
    {
      for (uint32_t i = 0; i < n; i++)
        {
          double r = kt_att[i];

          makeup = lq_smoother_next (&self->makeup);
          wet = lq_smoother_next (&self->wet);
          buf[i] = gain_log2_1 (wet, makeup, r);
          last = (float) (wet * r);
          peak = last > peak ? last : peak;
        }
    }
  else if (n > 0)
    {
      /* Four frames at a time. The largest reduction is taken before the (monotonic) scaling
       * and rounding to float, which gives the same peak; r >= 0 is never NaN. */
      lq_v4d big = { 0 };
      double most;
      uint32_t i = 0;

      for (; i + 4 <= n; i += 4)
        {
          lq_v4d r = lq_v4d_load (kt_att + i);
          lq_v4di more;

          store_v4 (buf + i, gain_log2 (wet, makeup, r));
          more = r > big;
          big = lq_v4d_select (more, r, big);
        }
      most = big[0];
      for (uint32_t j = 1; j < 4; j++)
        most = big[j] > most ? big[j] : most;
      for (; i < n; i++)
        {
          buf[i] = gain_log2_1 (wet, makeup, kt_att[i]);
          most = kt_att[i] > most ? kt_att[i] : most;
        }
      last = (float) (wet * most);
      peak = last > peak ? last : peak;
      last = (float) (wet * kt_att[n - 1]);
    }
  *gr_peak = peak;
  *g_last_db = last;
  return g;
}

/* Whether all n gains (log2) are 0, eight at a time (the scratch is padded to eight). */
LQ_TARGET_CLONES
static bool
all_zero (const float *log2_gain,
          uint32_t     n)
{
  lq_v8si any = { 0 };
  uint32_t i = 0;
  bool nonzero = false;

  for (; i + 8 <= n; i += 8)
    any |= lq_v8_load (log2_gain + i) != 0.0f;
  for (; i < n; i++)
    nonzero |= log2_gain[i] != 0.0f;
  for (uint32_t j = 0; j < 8; j++)
    nonzero |= any[j] != 0;
  return !nonzero;
}

static void
process_block (LqCompressor       *self,
               const float *const *in,
               float *const       *out,
               uint32_t            n)
{
  const float *sc[LQ_MAX_CHANNELS];
  double gr = self->gr_db;
  float gr_peak = 0.0f, g_last_db = 0.0f;
  float *buf = self->gain;
  const float *thresh = NULL;

  /* detect filters the linked stereo RMS side chain itself. */
  bool own_hpf = self->channels == 2 && self->params.detector == LQ_COMPRESSOR_DETECTOR_RMS &&
                 self->params.link == LQ_COMPRESSOR_LINK_MAX;

  if (self->hpf_on && self->channels == 2 && !own_hpf)
    {
      LqBiquad *l = &self->hpf[0], *r = &self->hpf[1];

      memcpy (self->sidechain[0], in[0], n * sizeof (float));
      memcpy (self->sidechain[1], in[1], n * sizeof (float));
      lq_biquad_process_chain_x2 (&l, &r, 1, self->sidechain[0], self->sidechain[1], n);
    }
  for (uint32_t c = 0; c < self->channels; c++)
    {
      if (self->hpf_on && self->channels != 2)
        lq_biquad_process (&self->hpf[c], in[c], self->sidechain[c], n);
      sc[c] = self->hpf_on && !own_hpf ? self->sidechain[c] : in[c];
    }

  detect (self, sc, buf, n);

  if (!lq_smoother_is_settled (&self->threshold))
    {
      for (uint32_t i = 0; i < n; i++)
        self->thresh[i] = (float) lq_smoother_next (&self->threshold);
      thresh = self->thresh;
    }
  static_curve (buf, thresh, (float) lq_smoother_get_current (&self->threshold),
                (float) self->knee, (float) self->slope, (n + 7) / 8 * 8);

  gr = smooth_reduction (self, gr, buf, n, &gr_peak, &g_last_db);

  /* Pass 4: the gain, unless it is exactly 1 all through (a log2 gain that rounds to 0 in
   * float is a factor of exactly 1 too). */
  if (all_zero (buf, n))
    {
      for (uint32_t c = 0; c < self->channels; c++)
        if (out[c] != in[c])
          memmove (out[c], in[c], n * sizeof (float));
    }
  else
    {
      apply_log2_gain (buf, in, out, self->channels, n);
    }

  /* x42-style guard: a NaN or inf that reached the detector must not stay in its state. */
  if (!isfinite (gr))
    gr = 0.0;
  for (uint32_t c = 0; c < self->channels; c++)
    if (!isfinite (self->ms[c]) || self->ms[c] < 1e-30)
      self->ms[c] = 0.0;
  self->gr_db = gr;
  self->gr_peak = fmaxf (self->gr_peak, gr_peak);
  self->gr_current = g_last_db;
}

void
lq_compressor_process (LqCompressor       *self,
                       const float *const *in,
                       float *const       *out,
                       uint32_t            n_frames)
{
  self->fresh = false;
  self->gr_peak = 0.0f;

  /* Fully bypassed: untouched samples, and no detector work. */
  if (lq_smoother_is_settled (&self->wet) && lq_smoother_get_current (&self->wet) == 0.0)
    {
      for (uint32_t c = 0; c < self->channels; c++)
        if (out[c] != in[c])
          memmove (out[c], in[c], n_frames * sizeof (float));
      lq_smoother_snap (&self->threshold);
      lq_smoother_snap (&self->makeup);
      self->gr_current = 0.0f;
      return;
    }

  for (uint32_t done = 0; done < n_frames;)
    {
      uint32_t n = n_frames - done < self->max_frames ? n_frames - done : self->max_frames;
      const float *i_seg[LQ_MAX_CHANNELS];
      float *o_seg[LQ_MAX_CHANNELS];

      for (uint32_t c = 0; c < self->channels; c++)
        {
          i_seg[c] = in[c] + done;
          o_seg[c] = out[c] + done;
        }
      process_block (self, i_seg, o_seg, n);
      done += n;
    }
}
