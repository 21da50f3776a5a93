/* lq-eq.c
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

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lq-biquad.h"
#include "lq-chain-params.h"
#include "lq-db.h"
#include "lq-eq.h"
#include "lq-simd.h"

/* How a running EQ changes its coefficients: by a crossfade per band. When a band's design
 * changes, the new sections start from the old sections' state and run beside them for
 * LQ_EQ_FADE_MS, and the band's output moves from the old to the new output along a
 * smoothstep curve (the two weights sum to one, so a band that does not change is
 * unaffected). We chose this over interpolating direct-form coefficients because it is
 * click-free for every change, including ones interpolation cannot express (a type or slope
 * change, bypass, a band appearing) and large jumps, where a time-varying direct-form filter
 * rings; it costs a second filter only while a band fades, and the steady state is exactly the
 * requested filter. A change arriving mid-fade waits for that fade to end (latest wins), so a
 * dragged control follows within one fade time.
 *
 * Mid/side bands. While any band in use (running or fading in or out) is a mid or side band,
 * the EQ works in the M/S domain: each segment is encoded to M = (L + R) / 2, S = (L - R) / 2
 * in place, channel 0 then carries M and channel 1 S, a stereo band runs on both, a mid band
 * only on channel 0 and a side band only on channel 1, and the segment is decoded back. The
 * same biquads, the same crossfade (a change of a band's channels is a design change like any
 * other). Entering or leaving the domain converts every section's state with the same matrix:
 * at that moment all running bands are stereo bands, the same linear filter on both channels,
 * so their states in M/S are exactly the M/S of their states in L/R and nothing clicks. With no
 * mid or side band, nothing is encoded and the output is what it always was, bit for bit. */

#define MAX_SECTIONS 2

/* Fourth-order Butterworth as two sections: Q = 1 / (2 cos (pi/8)), 1 / (2 cos (3 pi/8)). */
#define BUTTER4_Q1 0.54119610014619698
#define BUTTER4_Q2 1.30656296487637652

typedef struct
{
  uint32_t       n_sections;    /* 0: identity */
  LqEqChannels   channels;      /* stereo for an identity and for a one-channel EQ */
  LqBiquadCoeffs coeffs[MAX_SECTIONS];
} Design;

typedef struct
{
  Design   design[2];           /* [active], and the incoming one while fading */
  Design   pending;
  uint32_t active;
  uint32_t fade_pos;            /* frames of the crossfade done; 0 when not fading */
  bool     fading;
  bool     has_pending;
  LqBiquad sec[2][LQ_MAX_CHANNELS][MAX_SECTIONS];
} Band;

struct LqEq
{
  double     rate;
  uint32_t   channels;
  uint32_t   max_frames;
  uint32_t   fade_frames;
  bool       fresh;
  bool       mid_side;          /* channels 0 and 1 hold M and S (see the top) */
  LqEqParams params;
  Band       bands[LQ_EQ_MAX_BANDS];
  float     *scratch;           /* max_frames: the old output of a fading band */
};

static double
clampd (double v,
        double lo,
        double hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

static void
design_band (const LqEqBand *band,
             bool            used,
             double          rate,
             Design         *d)
{
  double freq, q, gain;

  memset (d, 0, sizeof *d);
  if (!used || band->bypass)
    return;
  d->channels = band->channels == LQ_EQ_CHANNELS_MID || band->channels == LQ_EQ_CHANNELS_SIDE
                ? band->channels : LQ_EQ_CHANNELS_STEREO;

  freq = clampd (isfinite (band->freq) ? band->freq : 1000.0, 10.0, 0.49 * rate);
  q = isfinite (band->q) ? lq_chain_param_clamp (LQ_CHAIN_PARAM_BAND_Q, band->q) : M_SQRT1_2;
  gain = lq_chain_param_clamp (LQ_CHAIN_PARAM_BAND_GAIN_DB, band->gain_db);

  switch (band->type)
    {
    case LQ_EQ_BAND_PEAKING:
    case LQ_EQ_BAND_LOW_SHELF:
    case LQ_EQ_BAND_HIGH_SHELF:
      /* 0 dB is exactly flat: run nothing, which also costs nothing. */
      if (fabs (gain) < 1e-9)
        return;
      d->n_sections = 1;
      lq_biquad_coeffs_design (&d->coeffs[0],
                               band->type == LQ_EQ_BAND_PEAKING ? LQ_BIQUAD_PEAKING :
                               band->type == LQ_EQ_BAND_LOW_SHELF ? LQ_BIQUAD_LOWSHELF :
                               LQ_BIQUAD_HIGHSHELF,
                               rate, freq, q, gain);
      break;

    case LQ_EQ_BAND_HIGH_PASS:
    case LQ_EQ_BAND_LOW_PASS:
      {
        LqBiquadType t = band->type == LQ_EQ_BAND_HIGH_PASS ? LQ_BIQUAD_HIGHPASS : LQ_BIQUAD_LOWPASS;

        if (band->slope_db == 24)
          {
            d->n_sections = 2;
            lq_biquad_coeffs_design (&d->coeffs[0], t, rate, freq, BUTTER4_Q1, 0.0);
            lq_biquad_coeffs_design (&d->coeffs[1], t, rate, freq, BUTTER4_Q2, 0.0);
          }
        else
          {
            d->n_sections = 1;
            lq_biquad_coeffs_design (&d->coeffs[0], t, rate, freq, q, 0.0);
          }
      }
      break;

    default:
      break;
    }
  if (d->n_sections == 0)
    d->channels = LQ_EQ_CHANNELS_STEREO;
}

static bool
design_equal (const Design *a,
              const Design *b)
{
  return a->n_sections == b->n_sections && a->channels == b->channels &&
         memcmp (a->coeffs, b->coeffs, a->n_sections * sizeof (LqBiquadCoeffs)) == 0;
}

/* The sections d runs on channel c: all of them for a stereo band, none on the other
 * component's channel for a mid or side band (only ever in the M/S domain). */
static inline uint32_t
design_sections (const Design *d,
                 uint32_t      c)
{
  if (d->channels == LQ_EQ_CHANNELS_MID)
    return c == 0 ? d->n_sections : 0;
  if (d->channels == LQ_EQ_CHANNELS_SIDE)
    return c == 1 ? d->n_sections : 0;
  return d->n_sections;
}

static void
convert_state (LqBiquad *a,
               LqBiquad *b,
               bool      to_mid_side)
{
  double *pa[] = { &a->x1, &a->x2, &a->y1, &a->y2 };
  double *pb[] = { &b->x1, &b->x2, &b->y1, &b->y2 };
  double k = to_mid_side ? 0.5 : 1.0;

  for (uint32_t i = 0; i < 4; i++)
    {
      double u = *pa[i], v = *pb[i];

      *pa[i] = k * (u + v);
      *pb[i] = k * (u - v);
    }
}

/* Enters or leaves the M/S domain as the designs in use ask (see the top). */
static void
update_domain (LqEq *self)
{
  bool want = false;

  if (self->channels != 2)
    return;
  for (uint32_t b = 0; b < LQ_EQ_MAX_BANDS; b++)
    {
      const Band *band = &self->bands[b];

      if (band->design[band->active].channels != LQ_EQ_CHANNELS_STEREO
          || (band->fading && band->design[band->active ^ 1].channels != LQ_EQ_CHANNELS_STEREO))
        want = true;
    }
  if (want == self->mid_side)
    return;
  for (uint32_t b = 0; b < LQ_EQ_MAX_BANDS; b++)
    for (uint32_t s = 0; s < 2; s++)
      for (uint32_t k = 0; k < MAX_SECTIONS; k++)
        convert_state (&self->bands[b].sec[s][0][k], &self->bands[b].sec[s][1][k], want);
  self->mid_side = want;
}

void
lq_eq_params_init_default (LqEqParams *params)
{
  static const LqEqBand defaults[] = {
    { LQ_EQ_BAND_HIGH_PASS,  20.0,    0.0, M_SQRT1_2, 24, true },
    { LQ_EQ_BAND_LOW_SHELF,  100.0,   0.0, M_SQRT1_2, 12, false },
    { LQ_EQ_BAND_PEAKING,    250.0,   0.0, 1.0,       12, false },
    { LQ_EQ_BAND_PEAKING,    1000.0,  0.0, 1.0,       12, false },
    { LQ_EQ_BAND_PEAKING,    4000.0,  0.0, 1.0,       12, false },
    { LQ_EQ_BAND_HIGH_SHELF, 10000.0, 0.0, M_SQRT1_2, 12, false },
    { LQ_EQ_BAND_LOW_PASS,   20000.0, 0.0, M_SQRT1_2, 12, true },
  };

  memset (params, 0, sizeof *params);
  for (uint32_t b = 0; b < sizeof defaults / sizeof defaults[0]; b++)
    params->bands[b] = defaults[b];
  params->n_bands = sizeof defaults / sizeof defaults[0];
  /* On: the bands are flat and the passes off, so it is exact until a band moves. */
  params->bypass = false;
}

void
lq_eq_get_response (const LqEqParams *params,
                    double            rate,
                    const double     *freqs,
                    double           *mag_db,
                    size_t            n)
{
  Design d[LQ_EQ_MAX_BANDS];

  for (uint32_t b = 0; b < LQ_EQ_MAX_BANDS; b++)
    design_band (&params->bands[b], !params->bypass && b < params->n_bands, rate, &d[b]);

  for (size_t i = 0; i < n; i++)
    {
      double db = 0.0;

      for (uint32_t b = 0; b < LQ_EQ_MAX_BANDS; b++)
        for (uint32_t s = 0; s < d[b].n_sections; s++)
          {
            double mag;

            lq_biquad_coeffs_response (&d[b].coeffs[s], rate, freqs[i], &mag, NULL);
            db += lq_gain_to_db (mag);
          }
      mag_db[i] = db;
    }
}

LqEq *
lq_eq_new (const LqEqConfig *config,
           LqStatus         *status)
{
  LqEq *self;
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
  if (self == NULL || (self->scratch = calloc (config->max_frames, sizeof (float))) == NULL)
    {
      lq_eq_free (self);
      *status = LQ_ERROR_NOMEM;
      return NULL;
    }

  self->rate = config->sample_rate;
  self->channels = config->channels;
  self->max_frames = config->max_frames;
  self->fade_frames = (uint32_t) lround (LQ_EQ_FADE_MS * 1e-3 * self->rate);
  self->fresh = true;
  /* All bands start as identity (calloc'd designs have no sections). */

  *status = LQ_OK;
  return self;
}

void
lq_eq_free (LqEq *self)
{
  if (self == NULL)
    return;
  free (self->scratch);
  free (self);
}

static void
band_finish_fade (Band *band)
{
  if (band->fading)
    {
      band->active ^= 1;
      band->fading = false;
      band->fade_pos = 0;
    }
}

void
lq_eq_reset (LqEq *self)
{
  for (uint32_t b = 0; b < LQ_EQ_MAX_BANDS; b++)
    {
      Band *band = &self->bands[b];

      band_finish_fade (band);
      if (band->has_pending)
        {
          band->design[band->active] = band->pending;
          band->has_pending = false;
        }
      for (uint32_t s = 0; s < 2; s++)
        for (uint32_t c = 0; c < LQ_MAX_CHANNELS; c++)
          for (uint32_t k = 0; k < MAX_SECTIONS; k++)
            lq_biquad_reset (&band->sec[s][c][k]);
    }
  update_domain (self);
  self->fresh = true;
}

/* Installs d as the incoming design and starts the crossfade. The new sections take the old
 * ones' direct-form-I state (the signal itself) where there is one, which makes a small change
 * nearly seamless on its own. */
static void
band_start_fade (Band         *band,
                 const Design *d,
                 uint32_t      channels)
{
  uint32_t next = band->active ^ 1;

  band->design[next] = *d;
  for (uint32_t c = 0; c < channels; c++)
    for (uint32_t k = 0; k < MAX_SECTIONS; k++)
      {
        LqBiquad *sec = &band->sec[next][c][k];

        if (k < design_sections (&band->design[band->active], c))
          {
            *sec = band->sec[band->active][c][k];
            lq_biquad_set_coeffs (sec, &d->coeffs[k]);
          }
        else
          lq_biquad_init (sec, &d->coeffs[k]);
      }
  band->fading = true;
  band->fade_pos = 0;
}

void
lq_eq_set_params (LqEq             *self,
                  const LqEqParams *params)
{
  self->params = *params;
  if (self->params.n_bands > LQ_EQ_MAX_BANDS)
    self->params.n_bands = LQ_EQ_MAX_BANDS;

  for (uint32_t b = 0; b < LQ_EQ_MAX_BANDS; b++)
    {
      Band *band = &self->bands[b];
      Design d;

      design_band (&params->bands[b], !params->bypass && b < self->params.n_bands,
                   self->rate, &d);
      if (self->channels != 2)
        d.channels = LQ_EQ_CHANNELS_STEREO;

      if (self->fresh)
        {
          band_finish_fade (band);
          band->has_pending = false;
          band->design[band->active] = d;
          for (uint32_t c = 0; c < self->channels; c++)
            for (uint32_t k = 0; k < MAX_SECTIONS; k++)
              lq_biquad_init (&band->sec[band->active][c][k], &d.coeffs[k]);
        }
      else if (band->fading)
        {
          band->pending = d;
          band->has_pending = !design_equal (&d, &band->design[band->active ^ 1]);
        }
      else if (!design_equal (&d, &band->design[band->active]))
        {
          band_start_fade (band, &d, self->channels);
        }
    }
  update_domain (self);
}

void
lq_eq_get_params (const LqEq *self,
                  LqEqParams *params)
{
  *params = self->params;
}

uint32_t
lq_eq_get_latency (const LqEq *self)
{
  return 0;
}

/* Mono: runs a chain of sections over buf in place, in pairs through
 * lq_biquad_process_cascade2. *queued carries an odd section over to the next band. */
static void
run_section (LqBiquad **queued,
             LqBiquad  *sec,
             float     *buf,
             uint32_t   n)
{
  if (*queued == NULL)
    {
      *queued = sec;
      return;
    }
  lq_biquad_process_cascade2 (*queued, sec, buf, buf, n);
  *queued = NULL;
}

static void
flush_queued (LqBiquad **queued,
              float     *buf,
              uint32_t   n)
{
  if (*queued != NULL)
    lq_biquad_process (*queued, buf, buf, n);
  *queued = NULL;
}

static void
run_sections (LqBiquad    *secs,
              uint32_t     n_sections,
              const float *in,
              float       *out,
              uint32_t     n)
{
  if (n_sections == 2)
    lq_biquad_process_cascade2 (&secs[0], &secs[1], in, out, n);
  else if (n_sections == 1)
    lq_biquad_process (&secs[0], in, out, n);
  else if (in != out)
    memcpy (out, in, n * sizeof (float));
}

/* n frames of a fading band over buf in place: old output into scratch, new in buf, mixed. */
static void
run_fade (LqEq     *self,
          Band     *band,
          uint32_t  c,
          float    *buf,
          uint32_t  n)
{
  uint32_t old = band->active, next = old ^ 1;
  double inv = 1.0 / self->fade_frames;
  float *scratch = self->scratch;

  run_sections (band->sec[old][c], design_sections (&band->design[old], c), buf, scratch, n);
  run_sections (band->sec[next][c], design_sections (&band->design[next], c), buf, buf, n);

  for (uint32_t i = 0; i < n; i++)
    {
      double t = (band->fade_pos + i + 1) * inv;
      float w = (float) (t * t * (3.0 - 2.0 * t));

      buf[i] = scratch[i] + w * (buf[i] - scratch[i]);
    }
}

/* Stereo: all non-fading sections through lq_biquad_process_chain_x2; a fading band breaks
 * the run. */
static void
process_segment_x2 (LqEq     *self,
                    float    *const *out,
                    uint32_t  n)
{
  LqBiquad *l[2 * LQ_EQ_MAX_BANDS], *r[2 * LQ_EQ_MAX_BANDS];
  uint32_t n_run = 0;

  for (uint32_t b = 0; b <= LQ_EQ_MAX_BANDS; b++)
    {
      Band *band = b < LQ_EQ_MAX_BANDS ? &self->bands[b] : NULL;

      if (band == NULL || band->fading)
        {
          lq_biquad_process_chain_x2 (l, r, n_run, out[0], out[1], n);
          n_run = 0;
          if (band != NULL)
            for (uint32_t c = 0; c < 2; c++)
              run_fade (self, band, c, out[c], n);
          continue;
        }
      for (uint32_t k = 0; k < band->design[band->active].n_sections; k++)
        {
          l[n_run] = &band->sec[band->active][0][k];
          r[n_run] = &band->sec[band->active][1][k];
          n_run++;
        }
    }
}

static void
process_segment (LqEq     *self,
                 float    *const *out,
                 uint32_t  n)
{
  if (self->mid_side)
    for (uint32_t i = 0; i < n; i++)
      {
        float l = out[0][i], r = out[1][i];

        out[0][i] = 0.5f * (l + r);
        out[1][i] = 0.5f * (l - r);
      }

  if (self->channels == 2 && !self->mid_side)
    process_segment_x2 (self, out, n);
  else
    {
      for (uint32_t c = 0; c < self->channels; c++)
        {
          LqBiquad *queued = NULL;
          float *buf = out[c];

          for (uint32_t b = 0; b < LQ_EQ_MAX_BANDS; b++)
            {
              Band *band = &self->bands[b];

              if (band->fading)
                {
                  flush_queued (&queued, buf, n);
                  run_fade (self, band, c, buf, n);
                }
              else
                {
                  for (uint32_t k = 0; k < design_sections (&band->design[band->active], c); k++)
                    run_section (&queued, &band->sec[band->active][c][k], buf, n);
                }
            }
          flush_queued (&queued, buf, n);
        }
    }

  if (self->mid_side)
    for (uint32_t i = 0; i < n; i++)
      {
        float m = out[0][i], s = out[1][i];

        out[0][i] = m + s;
        out[1][i] = m - s;
      }

  for (uint32_t b = 0; b < LQ_EQ_MAX_BANDS; b++)
    {
      Band *band = &self->bands[b];

      if (!band->fading)
        continue;
      band->fade_pos += n;
      if (band->fade_pos >= self->fade_frames)
        {
          band_finish_fade (band);
          if (band->has_pending)
            {
              band->has_pending = false;
              if (!design_equal (&band->pending, &band->design[band->active]))
                band_start_fade (band, &band->pending, self->channels);
            }
        }
    }
  update_domain (self);
}

void
lq_eq_process (LqEq               *self,
               const float *const *in,
               float *const       *out,
               uint32_t            n_frames)
{
  for (uint32_t c = 0; c < self->channels; c++)
    if (out[c] != in[c])
      memmove (out[c], in[c], n_frames * sizeof (float));

  self->fresh = false;

  for (uint32_t done = 0; done < n_frames;)
    {
      uint32_t n = n_frames - done < self->max_frames ? n_frames - done : self->max_frames;
      float *seg[LQ_MAX_CHANNELS];

      /* A segment ends where the first fade ends, so that a pending change starts there. */
      for (uint32_t b = 0; b < LQ_EQ_MAX_BANDS; b++)
        if (self->bands[b].fading && self->fade_frames - self->bands[b].fade_pos < n)
          n = self->fade_frames - self->bands[b].fade_pos;

      for (uint32_t c = 0; c < self->channels; c++)
        seg[c] = out[c] + done;
      process_segment (self, seg, n);
      done += n;
    }
}
