/* lq-truepeak.c
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
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lq-bulk.h"
#include "lq-db.h"
#include "lq-pcm.h"
#include "lq-simd.h"
#include "lq-truepeak.h"

/* Screen: 12 taps per phase below 88.2 kHz (libebur128's length), 24 above, where programme
 * has content up to the higher Nyquist frequency and a short filter would roll it off. */
#define SCREEN_TAPS_MAX (2 * LQ_TRUEPEAK_TAPS)
#define FACTOR LQ_TRUEPEAK_FACTOR

/* Refinement: a 128-tap Kaiser-windowed sinc tabulated at FINE positions per sample. A grid of
 * 1/64 sample leaves at most 1/128 sample between the peak and the nearest point, 0.003 dB at
 * Nyquist; the filter's own error near Nyquist is what the meters' last stage removes. */
#define LONG_TAPS   LQ_TRUEPEAK_REFINE_TAPS
#define LONG_BETA   2.5
#define FINE        64
#define GRID        (FINE / FACTOR)      /* fine steps between 4x points */
#define GRID_RISE   1.0824f              /* 1 / cos (pi / 8), rounded up */

/* The meter's last stage: the ideal (unwindowed sinc) interpolant over +-TAIL samples, tapered
 * over its outer half. On full-band content the sinc's 1/t tail still matters thousands of
 * samples away: truncating it at +-512 samples errs by 0.15 dB on white noise, at +-2048 by
 * 0.05 dB, at +-24576 by under 0.01 dB (tests/render/test-render-truepeak.c, against the
 * FFT oracle). The NEAR samples either side are summed exactly at each point. Beyond them
 * the sum is a smooth function of the position, expanded to second order once per peak. Its
 * three sums run exactly, term by term, out to INNER samples, and beyond over blocks whose
 * width grows with the distance (BLOCKS_PER_OCTAVE per octave, from prefix sums of the
 * alternating signal, with a first-moment correction), so a peak costs a few hundred
 * operations however long the tail is. The blocks' edges fall on whole PREFIX_GROUPs of the
 * buffer, where the prefix sums are kept, so each edge is one lookup; the exact inner sums
 * reach out to the first such edge, wherever the peak lies. */
#define NEAR              47
#define NEAR_TERMS        (2 * NEAR + 2)   /* 96: d = -NEAR .. NEAR + 1 */
#define FAR_START         (NEAR + 1)       /* first distance summed by blocks */
#define FAR_OCTAVES       9
#define BLOCKS_PER_OCTAVE 8
#define TAIL              (FAR_START << FAR_OCTAVES)   /* 24576 */
#define PREFIX_GROUP      16                           /* see tail_prefix */
#define INNER             (FAR_START << 3)             /* 384: the first octave of blocks */
/* The exact inner terms either side: distances FAR_START .. INNER, and up to a group more to
 * reach a group's edge (a whole number of vectors). */
#define INNER_TERMS       (INNER - FAR_START + PREFIX_GROUP)
/* Block edges per residue of the peak's position modulo PREFIX_GROUP: (FAR_OCTAVES - 3)
 * octaves of BLOCKS_PER_OCTAVE blocks either side, one more where the edges shift, and the
 * outer ends. */
#define FAR_EDGES         (2 * ((FAR_OCTAVES - 3) * BLOCKS_PER_OCTAVE + 2) + 2)
/* Above the 128-tap stage's worst error against it: on white noise limited 20 dB, more than the
 * 0.7 dB it errs by on plain white noise (the render's tests show it). Envelopes, and meters
 * near content close to Nyquist (HOT_GAP_DB), where sines at 0.99 of Nyquist driven 20-30 dB
 * into the limiter need 2-3 dB. Elsewhere a meter's 128-tap readings are given
 * TAIL_MARGIN_METER_DB: over 432 test signals (white and pink noise, squares, clicks,
 * programme, sines at 0.92-0.98 of Nyquist; 44.1, 48 and 96 kHz; driven 0-30 dB into the
 * limiter) it missed no peak that a 12 dB margin finds, and on programme it spares the last
 * stage four candidates in five. */
#define TAIL_MARGIN_DB 3.0
#define TAIL_MARGIN_METER_DB 1.5
/* An exact envelope (the meter kind's, for the render's check) screens with a wider margin:
 * on the near-Nyquist content of a hard-limited master the 4x screen under-reads by more than
 * LQ_TRUEPEAK_SCREEN_MARGIN_DB (white noise driven 20 dB in). */
#define EXACT_SCREEN_MARGIN_DB 6.0
/* Content near Nyquist is where the 4x screen under-reads most: its short filter rolls off the
 * top of the band, and a band-limited peak there can sit between samples that all read small,
 * set by samples dozens away. On sines at 0.96-0.99 of Nyquist that start abruptly the screen
 * read over 6 dB under the exact peak, and the meter missed the peak by up to 1.2 dB
 * (test-truepeak.c, /truepeak/nyquist-onset). Such content shows itself in the peaks the
 * meter does refine: one that reads HOT_GAP_DB or more over its interval's screen. The
 * HOT_REACH groups either side of it are measured again from their screen against a threshold
 * HOT_MARGIN_DB under what matters, instead of LQ_TRUEPEAK_SCREEN_MARGIN_DB (the whole chunk,
 * past HOT_RANGES separate stretches, keeping what the first pass read there). 1 dB, not 1.5:
 * with 1.5 the bursts of such a sine mixed into programme went unnoticed
 * (/truepeak/nyquist-bursts: 0.15 dB under the oracle). On the 5-minute programme the second
 * pass covers 7458 groups of eight of its 3.6 million. */
#define HOT_GAP_DB    1.0
#define HOT_MARGIN_DB 13.0
#define HOT_REACH     128
#define HOT_RANGES    16
/* Hill-climbing steps per resolution in the last stage: the far terms can move the peak by
 * most of a sample from the 128-tap stage's (white noise limited 20 dB), so up to eight steps
 * of 1/8, within the span the expansion holds for. */
#define TAIL_CLIMB 8
/* A meter's group of eight intervals gets the 128-tap grid in one pass (interpolate_grid_group)
 * once this many of them reach the threshold; fewer are filtered one by one. On the limited
 * master 5.4 of a group's intervals reach it on average, on the mix 4.6. */
#define GROUP_GRID_MIN 2

/* The 192 kHz meters' interpolant (lq_truepeak_set_cover_resamplers): ffmpeg's ebur128 filter
 * reads the true peak of the signal resampled to 192 kHz by libswresample's default filter,
 * 32 taps of a Kaiser-windowed (beta 9) sinc at the input's Nyquist frequency, each phase
 * scaled to unit gain at DC; upsampling, its 0.97 cut-off does not apply. Its passband droop
 * and the images it lets through above Nyquist make it read up to half a dB over the
 * band-limited peak on hard-limited full-band masters. Between 4x points its output (images
 * included, up to about 1.15 times Nyquist) rises at most 1 / cos (0.575 pi / 4). */
#define COVER_TAPS   32
#define COVER_CENTRE 15
#define COVER_BETA   9.0
#define COVER_RISE   1.12f
/* Intervals whose refined peak is further under the floor are not covered: the 192 kHz
 * meters have been seen to read at most 0.5 dB over the band-limited peak (white noise driven
 * 13 dB into the limiter), a quarter of this. */
#define COVER_NEAR   0.794f                 /* -2 dB */

/* History before (and look-ahead after) an interval: the longest filter's half span, plus
 * the distance the refinement may wander from its interval (the grid point a quarter sample
 * before it, the parabolic steps and their neighbours stay within one sample). */
#define REACH_SLACK 2

/* The detector works in chunks of at most this many frames, so its scratch stays small
 * whatever max_frames is; the meter's longer ones keep the history's move cheap. */
#define CHUNK_ENVELOPE 1024
#define CHUNK_METER    65536
/* The meter's buffer holds its history and this many chunks: the history moves back to the
 * start once they are used up, not after every chunk. */
#define METER_CHUNKS   2

typedef float  lq_v4sf __attribute__ ((vector_size (16)));
typedef double lq_v4df __attribute__ ((vector_size (32)));

/* The far blocks of the peaks at one residue of the buffer position M modulo PREFIX_GROUP:
 * edges (group indices relative to M's group) from the leftmost to the rightmost, block b
 * running from edge b to edge b + 1 (the one over the inner terms weighs nothing), with the
 * tapered kernel 1 / (1/2 - d)^(j + 1) at its centre (relative to M) and its slope. The inner
 * terms run from distance lo to hi (relative to M, inclusive). */
typedef struct
{
  uint32_t n;
  int32_t  lo, hi;
  int32_t  edge[FAR_EDGES];
  double   centre[FAR_EDGES];
  double   k[FAR_EDGES][4], dk[FAR_EDGES][4];    /* j = 0 .. 2, and 0 */
} FarTable;

struct LqTruePeak
{
  uint32_t channels;
  uint32_t reach;                  /* samples of context either side of an interval */
  uint32_t hist;                   /* 2 * reach */
  uint32_t chunk;
  uint32_t cap;                    /* the buffers' length */
  uint32_t start[LQ_MAX_CHANNELS]; /* where each channel's history begins in its buffer */
  uint32_t pending;                /* frames loaded after the history, not yet measured */
  bool     tail;                   /* the meter's ideal-interpolation stage */
  bool     refine;                 /* false: the 4x screen alone (LQ_TRUEPEAK_BS1770) */
  bool     every;                  /* the screen filters every group (LQ_TRUEPEAK_BS1770_EVERY) */
  bool     cover;                  /* envelopes cover the 192 kHz meters too */
  bool     cover_designed;         /* cover_w is made */
  /* cover[f][k] multiplies x[m - COVER_CENTRE + k] for the point m + f / FINE. */
  float    cover_w[FINE][COVER_TAPS];
  uint32_t taps;                   /* screen taps per phase */
  /* Screen coeffs[p - 1][k] for phases 1 .. 3; phase 0 is the sample itself, since the
   * sinc's zeros fall on the input grid. */
  float    coeffs[FACTOR - 1][SCREEN_TAPS_MAX];
  /* No screen reading exceeds screen_gain * the largest |sample| under its taps. */
  float    screen_gain;
  /* fine[f][k] multiplies x[m - LONG_TAPS / 2 + 1 + k] for the point m + f / FINE. */
  float    fine[FINE][LONG_TAPS];
  /* The far terms: far_tab[r] for the peaks at buffer positions M = r (mod PREFIX_GROUP), and
   * the inner terms' weights (see design_tail). */
  FarTable *far_tab;
  float   (*inner_w)[3][INNER_TERMS];
  /* near_w[(f + FINE) * NEAR_TERMS + NEAR + d]: the weight of x[d] at fine position f, and
   * near_sin[f + FINE] = sin (pi t) / pi, for f in [-FINE, 2 FINE]. */
  float   *near_w;
  double   near_sin[3 * FINE + 1];
  /* Prefix sums over each channel's buffer of y[J] = (-1)^J x[J] and of J y[J], at every
   * PREFIX_GROUP-th J; they hold for the group edges pre_lo .. pre_hi, none if pre_lo >
   * pre_hi (see tail_prefix). */
  double  *pre_y[LQ_MAX_CHANNELS], *pre_jy[LQ_MAX_CHANNELS];
  uint32_t pre_lo[LQ_MAX_CHANNELS], pre_hi[LQ_MAX_CHANNELS];
  float    floor;
  /* The meter's candidates for the last stage in the current chunk, a max-heap on p. */
  struct { float r, p; int32_t at; } *cand;
  uint32_t n_cand;
  float   *buf[LQ_MAX_CHANNELS];   /* from start: hist samples of history, then the chunk */
  float   *iv;                     /* largest |screen| of each interval */
  float    max[LQ_MAX_CHANNELS];
  float    max_bs1770[LQ_MAX_CHANNELS];
  float    sample_max[LQ_MAX_CHANNELS];
  uint64_t evaluations;
  void    *bulk;                   /* every buffer above, in one block (take_buffers) */
};

/* Hann-windowed sinc cut off at the input Nyquist frequency, over +-taps/2 input samples:
 * the design of libebur128 and ffmpeg's ebur128 filter, so that the screen, which is what
 * they report, agrees with them. */
static void
design_screen (LqTruePeak *self)
{
  const int taps = (int) self->taps;
  const double half = taps / 2.0;

  for (uint32_t p = 1; p < FACTOR; p++)
    {
      double sum = 0.0;
      double c[SCREEN_TAPS_MAX];

      for (int k = 0; k < taps; k++)
        {
          /* Tap k multiplies x[m + j] with j = k - taps/2 + 1, at distance t from the point
           * m + p/FACTOR being interpolated. */
          double t = (double) p / FACTOR - (k - half + 1.0);
          double w = fabs (t) < half ? 0.5 + 0.5 * cos (M_PI * t / half) : 0.0;
          double s = sin (M_PI * t) / (M_PI * t);

          c[k] = s * w;
          sum += c[k];
        }
      for (int k = 0; k < taps; k++)
        self->coeffs[p - 1][k] = (float) (c[k] / sum);
    }
  /* Phase 0 is the sample (gain 1); the others sum |c|. A little over, for the rounding of a
   * float sum of TAPS products. */
  self->screen_gain = 1.0f;
  for (uint32_t p = 0; p + 1 < FACTOR; p++)
    {
      float g = 0.0f;

      for (int k = 0; k < taps; k++)
        g += fabsf (self->coeffs[p][k]);
      self->screen_gain = fmaxf (self->screen_gain, g);
    }
  self->screen_gain *= 1.0f + 1e-4f;
}

static double
bessel_i0 (double x)
{
  double sum = 1.0, term = 1.0;

  for (int k = 1; k < 50 && term > 1e-12 * sum; k++)
    {
      term *= (x / (2.0 * k)) * (x / (2.0 * k));
      sum += term;
    }
  return sum;
}

/* libswresample's build_filter () for an upsampling ratio, at FINE phases. */
static void
design_cover (LqTruePeak *self)
{
  for (int f = 0; f < FINE; f++)
    {
      /* sin (pi u) with u = j - f / FINE is (-1)^(j + 1) sin (pi f / FINE): one sin a phase. */
      const double s = sin (M_PI * f / FINE);
      double sum = 0.0;
      double c[COVER_TAPS];

      for (int k = 0; k < COVER_TAPS; k++)
        {
          double u = (double) (k - COVER_CENTRE) - (double) f / FINE;
          double w = 2.0 * u / COVER_TAPS;
          double sin_u = (k - COVER_CENTRE) & 1 ? s : -s;

          c[k] = (u == 0.0 ? 1.0 : sin_u / (M_PI * u))
                 * bessel_i0 (COVER_BETA * sqrt (fmax (1.0 - w * w, 0.0)));
          sum += c[k];
        }
      for (int k = 0; k < COVER_TAPS; k++)
        self->cover_w[f][k] = (float) (c[k] / sum);
    }
}

static void
design_fine (LqTruePeak *self)
{
  const double half = LONG_TAPS / 2.0;

  /* Phase FINE - f is phase f reversed (t becomes -t), so half the phases are computed: the
   * window's Bessel series is most of what making a meter costs. */
  for (int f = 1; f <= FINE / 2; f++)
    {
      /* sin (pi t) with t = f / FINE - j is (-1)^j sin (pi f / FINE): one sin a phase. */
      const double s = sin (M_PI * f / FINE);
      double sum = 0.0;
      double c[LONG_TAPS];

      for (int k = 0; k < LONG_TAPS; k++)
        {
          int j = k - LONG_TAPS / 2 + 1;
          double t = (double) f / FINE - j;
          double u = t / half;
          double w = fabs (u) < 1.0 ? bessel_i0 (LONG_BETA * sqrt (1.0 - u * u)) : 0.0;

          c[k] = (j & 1 ? -s : s) / (M_PI * t) * w;
          sum += c[k];
        }
      for (int k = 0; k < LONG_TAPS; k++)
        {
          self->fine[f][k] = (float) (c[k] / sum);
          self->fine[FINE - f][LONG_TAPS - 1 - k] = self->fine[f][k];
        }
    }
}

/* The tapered far kernel 1 / (1/2 - d)^(j + 1) at distance d (real), zero inside NEAR. */
static void
far_kernel (double d,
            double k[3])
{
  double u = fabs (d - 0.5) / TAIL;
  double w = u <= 0.5 ? 1.0 : u >= 1.0 ? 0.0 : 0.5 + 0.5 * cos (M_PI * (2.0 * u - 1.0));
  double r = 1.0 / (0.5 - d);

  k[0] = w * r;
  k[1] = k[0] * r;
  k[2] = k[1] * r;
}

/* The smallest d >= lo (mode 1) or largest d <= lo (mode -1) with r + d a multiple of
 * PREFIX_GROUP: an edge of a whole group. */
static int32_t
group_edge (int32_t r,
            int32_t lo,
            int     mode)
{
  int32_t m = ((r + lo) % PREFIX_GROUP + PREFIX_GROUP) % PREFIX_GROUP;

  return mode > 0 ? lo + (m ? PREFIX_GROUP - m : 0) : lo - m;
}

/* Appends the block from edge lo to edge hi (distances relative to M) to t, weighing w. */
static void
far_block (FarTable *t,
           int32_t   r,
           int32_t   lo,
           int32_t   hi,
           double    w)
{
  const double centre = lo + 0.5 * (hi - lo - 1);
  const uint32_t b = t->n - 1;

  t->centre[b] = centre;
  /* Not w times the kernel: the inner span's centre can fall on its pole. */
  if (w != 0.0)
    {
      double k[3], up[3], down[3];

      far_kernel (centre, k);
      far_kernel (centre + 0.5, up);
      far_kernel (centre - 0.5, down);
      for (int j = 0; j < 3; j++)
        {
          t->k[b][j] = w * k[j];
          t->dk[b][j] = w * (up[j] - down[j]);
        }
    }
  t->edge[t->n++] = (r + hi) / PREFIX_GROUP;
}

/* The width of the blocks at e samples from the centre 1/2: BLOCKS_PER_OCTAVE per octave. */
static int32_t
far_width (int32_t e)
{
  int k = 0;

  while (k + 1 < FAR_OCTAVES && e >= FAR_START << (k + 1))
    k++;
  return (FAR_START << k) / BLOCKS_PER_OCTAVE;
}

static void
design_tail (LqTruePeak *self)
{
  for (int f = -FINE; f <= 2 * FINE; f++)
    {
      double t = (double) f / FINE;
      /* sin (pi (t - d)) = (-1)^d sin (pi t). */
      double s = sin (M_PI * t);

      self->near_sin[f + FINE] = s / M_PI;
      for (int d = -NEAR; d <= NEAR + 1; d++)
        self->near_w[(size_t) (f + FINE) * NEAR_TERMS + NEAR + d] =
          f % FINE == 0 ? 0.0f : (float) ((d & 1 ? -s : s) / (M_PI * (t - d)));
    }

  /* 1 / (t - d) = sum_j (-1)^j (t - 1/2)^j / (1/2 - d)^(j + 1), and sin (pi (t - d)) =
   * (-1)^d sin (pi t): the weights alternate, which the prefix sums of (-1)^J x[J] carry.
   * The inner terms, d = -FAR_START - INNER_TERMS + 1 .. -FAR_START to the left and
   * FAR_START + 1 .. FAR_START + INNER_TERMS to the right, carry the sign themselves. */
  for (int i = 0; i < INNER_TERMS; i++)
    {
      int32_t dl = -FAR_START - INNER_TERMS + 1 + i, dr = FAR_START + 1 + i;
      double kl[3], kr[3];

      far_kernel (dl, kl);
      far_kernel (dr, kr);
      for (int j = 0; j < 3; j++)
        {
          self->inner_w[0][j][i] = (float) ((dl & 1 ? -1.0 : 1.0) * kl[j]);
          self->inner_w[1][j][i] = (float) ((dr & 1 ? -1.0 : 1.0) * kr[j]);
        }
    }

  /* Distance e from the centre 1/2: d = e + 1 to the right, d = -e to the left. Each side's
   * blocks start at the first group edge beyond INNER, and end at the last within TAIL, where
   * the taper has reached zero. */
  for (int32_t r = 0; r < PREFIX_GROUP; r++)
    {
      FarTable *t = &self->far_tab[r];
      int32_t lo = group_edge (r, -INNER, -1), hi = group_edge (r, INNER + 1, 1);
      int32_t d, stop;

      t->lo = lo;
      t->hi = hi - 1;
      t->n = 0;
      /* The left blocks' edges, found walking out from lo, then stored from the leftmost. */
      stop = group_edge (r, -TAIL, 1);
      {
        int32_t edges[FAR_EDGES], m = 0;

        for (int32_t e = lo; e > stop && m < FAR_EDGES; )
          {
            edges[m++] = e;
            e -= far_width (1 - e);
            if (e < stop)
              e = stop;
          }
        edges[m++] = stop;
        t->edge[t->n++] = (r + stop) / PREFIX_GROUP;
        for (int32_t b = m - 2; b >= 0; b--)
          far_block (t, r, edges[b + 1], edges[b], 1.0);
      }
      /* The inner terms' span weighs nothing here. */
      far_block (t, r, lo, hi, 0.0);
      stop = group_edge (r, TAIL + 1, -1);
      for (d = hi; d < stop; )
        {
          int32_t e = d + far_width (d - 1);

          e = e > stop ? stop : e;
          far_block (t, r, d, e, 1.0);
          d = e;
        }
    }
}

LqTruePeak *
lq_truepeak_new (uint32_t  channels,
                 double    rate,
                 uint32_t  max_frames,
                 LqStatus *status)
{
  return lq_truepeak_new_kind (channels, rate, max_frames, LQ_TRUEPEAK_METER, status);
}

/* The buffers, in one block (lq_bulk_take): a meter's come to about 3 MiB for stereo, and
 * made resident at once, in one huge page or two, they cost hundreds of page faults less.
 * Each is written before it is read, except the history (lq_truepeak_reset). */
static void
take_buffers (LqTruePeak   *self,
              LqBulkLayout *l)
{
  for (uint32_t c = 0; c < self->channels; c++)
    self->buf[c] = lq_bulk_take (l, self->cap * sizeof (float));
  self->iv = lq_bulk_take (l, self->chunk * sizeof (float));
  if (!self->tail)
    return;
  for (uint32_t c = 0; c < self->channels; c++)
    {
      self->pre_y[c] = lq_bulk_take (l, (self->cap / PREFIX_GROUP + 1) * sizeof (double));
      self->pre_jy[c] = lq_bulk_take (l, (self->cap / PREFIX_GROUP + 1) * sizeof (double));
    }
  self->near_w = lq_bulk_take (l, (3 * FINE + 1) * NEAR_TERMS * sizeof (float));
  self->far_tab = lq_bulk_take (l, PREFIX_GROUP * sizeof *self->far_tab);
  self->inner_w = lq_bulk_take (l, 2 * sizeof *self->inner_w);
  /* At most two local maxima per interval; last, since few are used. */
  self->cand = lq_bulk_take (l, 2 * self->chunk * sizeof *self->cand);
}

LqTruePeak *
lq_truepeak_new_kind (uint32_t         channels,
                      double           rate,
                      uint32_t         max_frames,
                      LqTruePeakKind   kind,
                      LqStatus        *status)
{
  LqTruePeak *self;
  LqStatus dummy;

  if (status == NULL)
    status = &dummy;

  if (channels == 0 || channels > LQ_MAX_CHANNELS)
    {
      *status = LQ_ERROR_INVALID_CHANNELS;
      return NULL;
    }
  if (!(rate >= LQ_MIN_RATE && rate <= LQ_MAX_RATE))
    {
      *status = LQ_ERROR_INVALID_RATE;
      return NULL;
    }
  if (max_frames == 0 || max_frames > (1u << 24) || (unsigned) kind > LQ_TRUEPEAK_BS1770_EVERY)
    {
      *status = LQ_ERROR_INVALID_ARGUMENT;
      return NULL;
    }

  self = calloc (1, sizeof *self);
  if (self == NULL)
    goto nomem;

  self->channels = channels;
  self->tail = kind == LQ_TRUEPEAK_METER;
  self->refine = kind != LQ_TRUEPEAK_BS1770 && kind != LQ_TRUEPEAK_BS1770_EVERY;
  self->every = kind == LQ_TRUEPEAK_BS1770_EVERY;
  self->reach = (self->tail ? TAIL + 1 : LONG_TAPS / 2) + REACH_SLACK;
  self->hist = 2 * self->reach;
  self->chunk = self->tail ? CHUNK_METER : CHUNK_ENVELOPE;
  self->cap = self->hist + self->chunk * (self->tail ? METER_CHUNKS : 1);
  /* 4x at every rate (BS.1770-4 Annex 2 asks for 4x at 48 kHz; music mastered at 96 kHz has
   * content up to 48 kHz, and a 2x screen would miss more of it). */
  self->taps = rate < 88200.0 ? LQ_TRUEPEAK_TAPS : 2 * LQ_TRUEPEAK_TAPS;
  /* Each kind designs only the tables it uses: a meter is made per file and per worker, and
   * the tables took longer than measuring a minute of audio. */
  design_screen (self);
  if (self->refine)
    design_fine (self);

  {
    LqBulkLayout layout = { NULL, 0 };

    take_buffers (self, &layout);
    if ((self->bulk = lq_bulk_alloc (layout.used)) == NULL)
      goto nomem;
    layout = (LqBulkLayout) { self->bulk, 0 };
    take_buffers (self, &layout);
  }
  if (self->tail)
    design_tail (self);

  /* The history starts as silence. */
  lq_truepeak_reset (self);
  *status = LQ_OK;
  return self;

nomem:
  lq_truepeak_free (self);
  *status = LQ_ERROR_NOMEM;
  return NULL;
}

void
lq_truepeak_free (LqTruePeak *self)
{
  if (self == NULL)
    return;
  lq_bulk_free (self->bulk);
  free (self);
}

void
lq_truepeak_reset (LqTruePeak *self)
{
  self->n_cand = 0;
  self->pending = 0;
  for (uint32_t c = 0; c < self->channels; c++)
    {
      self->start[c] = 0;
      memset (self->buf[c], 0, self->hist * sizeof (float));
      self->pre_lo[c] = UINT32_MAX;
      self->pre_hi[c] = 0;
      self->max[c] = 0.0f;
      self->max_bs1770[c] = 0.0f;
      self->sample_max[c] = 0.0f;
    }
  self->evaluations = 0;
}

uint32_t
lq_truepeak_get_factor (const LqTruePeak *self)
{
  (void) self;
  return FACTOR;
}

uint32_t
lq_truepeak_get_latency (const LqTruePeak *self)
{
  return self->hist - self->reach;
}

void
lq_truepeak_set_cover_resamplers (LqTruePeak *self,
                                  bool        cover)
{
  /* Its table is made on first use: the analysis's meters never need it. */
  if (cover && self->tail && !self->cover_designed)
    {
      design_cover (self);
      self->cover_designed = true;
    }
  self->cover = cover && self->tail;
}

void
lq_truepeak_set_floor (LqTruePeak *self,
                       float       floor)
{
  self->floor = floor > 0.0f ? floor : 0.0f;
}

float
lq_truepeak_get_max (const LqTruePeak *self,
                     uint32_t          channel)
{
  return channel < self->channels ? self->max[channel] : 0.0f;
}

float
lq_truepeak_take_max (LqTruePeak *self,
                      uint32_t    channel)
{
  float m;

  if (channel >= self->channels)
    return 0.0f;
  m = self->max[channel];
  self->max[channel] = 0.0f;
  return m;
}

float
lq_truepeak_get_max_bs1770 (const LqTruePeak *self,
                            uint32_t          channel)
{
  return channel < self->channels ? self->max_bs1770[channel] : 0.0f;
}

float
lq_truepeak_get_sample_max (const LqTruePeak *self,
                            uint32_t          channel)
{
  return channel < self->channels ? self->sample_max[channel] : 0.0f;
}

float
lq_truepeak_take_sample_max (LqTruePeak *self,
                             uint32_t    channel)
{
  float m;

  if (channel >= self->channels)
    return 0.0f;
  m = self->sample_max[channel];
  self->sample_max[channel] = 0.0f;
  return m;
}

uint64_t
lq_truepeak_get_evaluations (const LqTruePeak *self)
{
  return self->evaluations;
}

/* The screen, one instance per filter length so the tap loops have constant trip counts; it
 * bounds, lists and filters SCREEN_SPAN samples at a time (a multiple of eight). */
#define SCREEN_SPAN 2048
#define TAPS 12
#define SCREEN_FN screen_12
#include "lq-truepeak-kernel.h"
#undef TAPS
#undef SCREEN_FN
#define TAPS 24
#define SCREEN_FN screen_24
#include "lq-truepeak-kernel.h"
#undef TAPS
#undef SCREEN_FN

/* The screen of this detector's filter length over the n intervals from x[0] (see the
 * kernel). */
static float
screen (const LqTruePeak *self,
        const float      *x,
        bool              per_interval,
        float             skip_below,
        float            *iv,
        uint32_t          n,
        float            *sample_max)
{
  if (self->taps == 12)
    return screen_12 (x - 5, self->coeffs, per_interval, self->screen_gain, skip_below, iv, n,
                      sample_max);
  return screen_24 (x - 11, self->coeffs, per_interval, self->screen_gain, skip_below, iv, n,
                    sample_max);
}

/* The long-sinc interpolant at fine position f (in 1/FINE samples from x[0]). */
LQ_SIMD_INLINE float
interpolate (const LqTruePeak *self,
             const float      *x,
             int32_t           f)
{
  int32_t m = (f >= 0 ? f : f - (FINE - 1)) / FINE;
  int32_t r = f - m * FINE;
  const float *s = x + m - LONG_TAPS / 2 + 1;
  const float *c = self->fine[r];
  lq_v8sf acc = { 0 }, acc2 = { 0 };

  if (r == 0)
    return x[m];
  /* Two chains, so that each addition need not wait for the one before. */
  for (int k = 0; k < LONG_TAPS; k += 16)
    {
      acc += lq_v8_load (c + k) * lq_v8_load (s + k);
      acc2 += lq_v8_load (c + k + 8) * lq_v8_load (s + k + 8);
    }
  return lq_v8_sum (acc + acc2);
}

/* The long filter at the three inner points of the 4x grid of interval m (m + 1/4, 1/2,
 * 3/4), one pass over the samples they share. */
LQ_TARGET_CLONES
static void
interpolate_grid (const LqTruePeak *self,
                  const float      *x,
                  int32_t           m,
                  float             y[FACTOR - 1])
{
  const float *s = x + m - LONG_TAPS / 2 + 1;
  const float *c1 = self->fine[GRID], *c2 = self->fine[2 * GRID], *c3 = self->fine[3 * GRID];
  lq_v8sf a1 = { 0 }, a2 = { 0 }, a3 = { 0 };

  for (int k = 0; k < LONG_TAPS; k += 8)
    {
      lq_v8sf v = lq_v8_load (s + k);

      a1 += lq_v8_load (c1 + k) * v;
      a2 += lq_v8_load (c2 + k) * v;
      a3 += lq_v8_load (c3 + k) * v;
    }
  y[0] = lq_v8_sum (a1);
  y[1] = lq_v8_sum (a2);
  y[2] = lq_v8_sum (a3);
}

/* The same three points for each of the eight intervals from x[m], the intervals in lanes:
 * each tap's samples are one load that all three phases share, and two chains per phase
 * keep the additions from waiting on each other. A group costs what two or three intervals
 * do alone, so the meters use it where several of a group's intervals reach their threshold.
 * g[p][j] is point (p + 1) / 4 of interval m + j; reads x[m - 63 .. m + 71]. Returns the
 * lanes whose grid (with z0, the point m - 1/4; 0 where it is not known, which passes every
 * lane 0) holds a local maximum of |y| that reaches thr: only those can need refine_interval.
 * It also makes refine_interval's test for them, all eight at once: hi[j] is the largest such
 * maximum of lane j, and *worthy the lanes where one reaches need / GRID_RISE (only those are
 * refined; for the others, hi is all refine_interval would read). */
LQ_TARGET_CLONES
static uint32_t
interpolate_grid_group (const LqTruePeak *self,
                        const float      *x,
                        int32_t           m,
                        float             z0,
                        float             thr,
                        float             need,
                        float             g[FACTOR - 1][8],
                        float             hi[8],
                        uint32_t         *worthy)
{
  const float *s = x + m - LONG_TAPS / 2 + 1;
  const float *c1 = self->fine[GRID], *c2 = self->fine[2 * GRID], *c3 = self->fine[3 * GRID];
  lq_v8sf a1 = { 0 }, a2 = { 0 }, a3 = { 0 }, b1 = { 0 }, b2 = { 0 }, b3 = { 0 };
  lq_v8sf z[FACTOR + 2];
  lq_v8si peak = { 0 }, refine_lanes = { 0 };
  lq_v8sf top = { 0 };
  float before[9];
  uint32_t lanes = 0;

  for (int k = 0; k < LONG_TAPS; k += 2)
    {
      lq_v8sf v = lq_v8_load (s + k), w = lq_v8_load (s + k + 1);

      a1 += c1[k] * v;
      a2 += c2[k] * v;
      a3 += c3[k] * v;
      b1 += c1[k + 1] * w;
      b2 += c2[k + 1] * w;
      b3 += c3[k + 1] * w;
    }
  z[2] = a1 + b1;
  z[3] = a2 + b2;
  z[4] = a3 + b3;
  lq_v8_store (g[0], z[2]);
  lq_v8_store (g[1], z[3]);
  lq_v8_store (g[2], z[4]);

  /* The test of refine_interval, for all eight at once: z[0] is each interval's point
   * 1/4 before it (the last phase of the lane before), z[1] and z[5] its samples. */
  before[0] = z0;
  lq_v8_store (before + 1, z[4]);
  z[0] = lq_v8_load (before);
  z[1] = lq_v8_load (x + m);
  z[5] = lq_v8_load (x + m + 1);
  for (int p = 0; p < FACTOR + 2; p++)
    z[p] = lq_v8_abs (z[p]);
  for (int p = 0; p < FACTOR; p++)
    {
      const lq_v8si is = (z[p + 1] >= thr) & (z[p + 1] >= z[p]) & (z[p + 1] > z[p + 2]);

      peak |= is;
      top = lq_v8_max (top, lq_v8_select (is, z[p + 1], (lq_v8sf) { 0 }));
      refine_lanes |= is & (z[p + 1] * GRID_RISE >= need);
    }
  lq_v8_store (hi, top);
  *worthy = 0;
  for (int j = 0; j < 8; j++)
    {
      lanes |= (uint32_t) (peak[j] != 0) << j;
      *worthy |= (uint32_t) (refine_lanes[j] != 0) << j;
    }
  return lanes;
}

/* The 192 kHz meters' interpolant at fine position f. */
LQ_SIMD_INLINE float
cover_at (const LqTruePeak *self,
          const float      *x,
          int32_t           f)
{
  int32_t m = (f >= 0 ? f : f - (FINE - 1)) / FINE;
  int32_t r = f - m * FINE;
  const float *s = x + m - COVER_CENTRE;
  const float *c = self->cover_w[r];
  lq_v8sf acc = { 0 };

  if (r == 0)
    return x[m];
  for (int k = 0; k < COVER_TAPS; k += 8)
    acc += lq_v8_load (c + k) * lq_v8_load (s + k);
  return lq_v8_sum (acc);
}

/* The largest |y| of that interpolant over interval i (x[i] .. x[i + 1]): its 4x grid, and
 * from each local maximum that may reach need a climb in steps of 1/16 then 1/64 sample and
 * a parabola, so no output grid of any ratio can read above it by more than 0.001 dB. */
LQ_TARGET_CLONES
static float
cover_interval (LqTruePeak  *self,
                const float *x,
                int32_t      i,
                float        need)
{
  float z[FACTOR + 1], best = 0.0f;

  for (int p = 0; p <= FACTOR; p++)
    {
      z[p] = cover_at (self, x, FINE * i + GRID * p);
      best = lq_maxf (best, fabsf (z[p]));
    }
  for (int p = 0; p < FACTOR; p++)
    {
      float sign = z[p] < 0.0f ? -1.0f : 1.0f;
      float b = sign * z[p];
      int32_t f = FINE * i + GRID * p;

      if (b * COVER_RISE < need || (p > 0 && sign * z[p - 1] > b) || sign * z[p + 1] > b)
        continue;
      for (int32_t h = GRID / 4; h >= 1; h /= 4)
        for (int step = 0; step < 4; step++)
          {
            float a = sign * cover_at (self, x, f - h), c = sign * cover_at (self, x, f + h);

            if (a > b && a >= c)
              {
                f -= h;
                b = a;
              }
            else if (c > b)
              {
                f += h;
                b = c;
              }
            else
              {
                float den = a - 2.0f * b + c;

                /* Between the outer points the parabola's top adds at most what its
                 * curvature allows over 1/64 sample. */
                if (h == 1 && den < 0.0f)
                  b -= 0.125f * (a - c) * (a - c) / den;
                break;
              }
          }
      best = lq_maxf (best, b);
    }
  return best;
}

/* Offset of the vertex of the parabola through (-h, a), (0, b), (h, c), rounded to the fine
 * grid; b >= a, c, so it lies within h/2. */
static int32_t
vertex (float   a,
        float   b,
        float   c,
        int32_t h)
{
  float den = a - 2.0f * b + c;

  if (!(den < 0.0f))
    return 0;
  return (int32_t) lrintf (0.5f * h * (a - c) / den);
}

/* The peak of |y| at a local maximum of the 128-tap filter's 4x grid: fine position f, with
 * a, b, c its values at f - GRID, f and f + GRID (|b| >= |a|, |c|). A parabola through the
 * three, then one through points 1/16 sample either side of its vertex: at most
 * LQ_TRUEPEAK_EVALS_PER_PEAK evaluations. */
LQ_TARGET_CLONES
static float
refine (LqTruePeak  *self,
        const float *x,
        int32_t      f,
        float        a,
        float        b,
        float        c,
        int32_t     *at)
{
  float sign = b < 0.0f ? -1.0f : 1.0f;
  float best, a2, c2, y;
  int32_t f1;

  a *= sign;
  b *= sign;
  c *= sign;
  *at = f;
  f1 = f + vertex (a, b, c, GRID);
  y = f1 == f ? b : sign * interpolate (self, x, f1);
  a2 = sign * interpolate (self, x, f1 - GRID / 4);
  c2 = sign * interpolate (self, x, f1 + GRID / 4);
  self->evaluations += 3;
  best = lq_maxf (b, y);
  *at = y >= b ? f1 : f;
  if (!(y >= a2 && y >= c2))
    {
      if (lq_maxf (a2, c2) > best)
        {
          *at = a2 > c2 ? f1 - GRID / 4 : f1 + GRID / 4;
          best = lq_maxf (a2, c2);
        }
      return best;
    }

  f = f1 + vertex (a2, y, c2, GRID / 4);
  if (f != f1)
    {
      float z = sign * interpolate (self, x, f);

      self->evaluations++;
      if (z > best)
        {
          best = z;
          *at = f;
        }
    }
  return best;
}

/* The ideal interpolant at fine position f relative to x[0] (f in [-FINE, 2 FINE]), with
 * far = the far terms' expansion around x[0] + 1/2 (tail_expand). The near terms' weights,
 * sin (pi (t - d)) / (pi (t - d)), are tabulated per fine position (near_w), so a point costs
 * twelve eight-lane multiply-adds instead of 96 divisions. */
static inline double
tail_interpolate (const LqTruePeak *self,
                  const float      *x,
                  int32_t           f,
                  const double      far[3])
{
  double dt = (double) f / FINE - 0.5;
  const float *w = self->near_w + (size_t) (f + FINE) * NEAR_TERMS;
  lq_v8sf acc = { 0 }, acc2 = { 0 };

  if (f % FINE == 0)
    return x[f / FINE];
  /* Two chains, so that each addition need not wait for the one before. */
  for (int k = 0; k < NEAR_TERMS; k += 16)
    {
      acc += lq_v8_load (w + k) * lq_v8_load (x - NEAR + k);
      acc2 += lq_v8_load (w + k + 8) * lq_v8_load (x - NEAR + k + 8);
    }
  return lq_v8_sum (acc + acc2)
         + self->near_sin[f + FINE] * (far[0] - dt * (far[1] - dt * far[2]));
}

/* A group's two sums, y = (-1)^J x[J] and J' y with J' its index in the group, before they
 * are added across (quad_sums, or sum_across for a group alone, in the same order, so that
 * both give the same bits). */
LQ_SIMD_INLINE void
group_terms (const float *x,
             lq_v8sf     *s,
             lq_v8sf     *t)
{
  const lq_v8sf alt = { 1, -1, 1, -1, 1, -1, 1, -1 };
  const lq_v8sf lane0 = { 0, -1, 2, -3, 4, -5, 6, -7 };
  const lq_v8sf lane8 = { 8, -9, 10, -11, 12, -13, 14, -15 };
  lq_v8sf a = lq_v8_load (x), b = lq_v8_load (x + 8);

  *s = (a + b) * alt;
  *t = a * lane0 + b * lane8;
}

/* The lanes of a and b added pairwise (x86's hadd): a0+a1, a2+a3, b0+b1, b2+b3, then the
 * same for the upper halves. */
LQ_SIMD_INLINE lq_v8sf
pair_sums (lq_v8sf a,
           lq_v8sf b)
{
  return __builtin_shufflevector (a, b, 0, 2, 8, 10, 4, 6, 12, 14)
         + __builtin_shufflevector (a, b, 1, 3, 9, 11, 5, 7, 13, 15);
}

/* Four groups from x, each's lanes added pairwise twice, (0+1)+(2+3) and (4+5)+(6+7): lane
 * g of *s holds group g's lower half, lane 4 + g its upper half. Each pair is added as soon
 * as it is made, so that few vectors are live at once. */
LQ_SIMD_INLINE void
quad_sums (const float *x,
           lq_v8sf     *s,
           lq_v8sf     *t)
{
  lq_v8sf s0, t0, s1, t1, sa, ta;

  group_terms (x, &s0, &t0);
  group_terms (x + PREFIX_GROUP, &s1, &t1);
  sa = pair_sums (s0, s1);
  ta = pair_sums (t0, t1);
  group_terms (x + 2 * PREFIX_GROUP, &s0, &t0);
  group_terms (x + 3 * PREFIX_GROUP, &s1, &t1);
  *s = pair_sums (sa, pair_sums (s0, s1));
  *t = pair_sums (ta, pair_sums (t0, t1));
}

/* The halves of two quad_sums added: lane g is group g's sum, for eight groups. */
LQ_SIMD_INLINE lq_v8sf
halves_sum (lq_v8sf lo,
            lq_v8sf hi)
{
  return __builtin_shufflevector (lo, hi, 0, 1, 2, 3, 8, 9, 10, 11)
         + __builtin_shufflevector (lo, hi, 4, 5, 6, 7, 12, 13, 14, 15);
}

/* One vector's lanes added across in the order of quad_sums and halves_sum. */
LQ_SIMD_INLINE float
sum_across (lq_v8sf v)
{
  v += __builtin_shufflevector (v, v, 1, 0, 3, 2, 5, 4, 7, 6);
  v += __builtin_shufflevector (v, v, 2, 3, 0, 1, 6, 7, 4, 5);
  return v[0] + v[4];
}

/* The running sums of v's lanes (lane l: v[0] + .. + v[l]). */
LQ_SIMD_INLINE lq_v4df
scan4 (lq_v4df v)
{
  const lq_v4df zero = { 0 };

  v += __builtin_shufflevector (zero, v, 0, 4, 5, 6);
  v += __builtin_shufflevector (zero, v, 0, 1, 4, 5);
  return v;
}

/* The prefix sums of channel c's buffer from group edge q, where they are known, to edge to,
 * of y[J] = (-1)^J x[J] and of J y[J] in double, so that the far blocks' sums lose nothing to
 * cancellation. They are kept only at every PREFIX_GROUP-th sample, the blocks' edges. Each
 * group is summed in float, eight groups' lanes added across at once, which keeps the pass
 * off the dependent double additions and the horizontal sums that bounded it. */
LQ_TARGET_CLONES
static void
prefix_run (LqTruePeak *self,
            uint32_t    c,
            uint32_t    q,
            uint32_t    to)
{
  const float *x = self->buf[c];
  double *pre_y = self->pre_y[c], *pre_jy = self->pre_jy[c];
  double sy = pre_y[q], sjy = pre_jy[q];

  for (; q + 8 <= to; q += 8)
    {
      lq_v8sf s_lo, t_lo, s_hi, t_hi, ss, ts;

      quad_sums (x + (size_t) q * PREFIX_GROUP, &s_lo, &t_lo);
      quad_sums (x + (size_t) (q + 4) * PREFIX_GROUP, &s_hi, &t_hi);
      ss = halves_sum (s_lo, s_hi);
      ts = halves_sum (t_lo, t_hi);
      /* The eight groups' own running sums, in two four-lane scans, then the sums so far
       * added: the pass stays in vectors, with one dependent addition per eight groups. */
      {
        const lq_v4df iota = { 0, 1, 2, 3 };
        lq_v4df y[2], jy[2];

        for (int h = 0; h < 2; h++)
          {
            lq_v4sf s4 = h ? __builtin_shufflevector (ss, ss, 4, 5, 6, 7)
                           : __builtin_shufflevector (ss, ss, 0, 1, 2, 3);
            lq_v4sf t4 = h ? __builtin_shufflevector (ts, ts, 4, 5, 6, 7)
                           : __builtin_shufflevector (ts, ts, 0, 1, 2, 3);
            lq_v4df sd = __builtin_convertvector (s4, lq_v4df);
            lq_v4df j = ((double) (q + 4 * h) + iota) * PREFIX_GROUP;

            y[h] = scan4 (sd);
            jy[h] = scan4 (j * sd + __builtin_convertvector (t4, lq_v4df));
          }
        y[0] += sy;
        jy[0] += sjy;
        y[1] += y[0][3];
        jy[1] += jy[0][3];
        memcpy (pre_y + q + 1, y, sizeof y);
        memcpy (pre_jy + q + 1, jy, sizeof jy);
        sy = y[1][3];
        sjy = jy[1][3];
      }
    }
  for (; q < to; q++)
    {
      lq_v8sf s, t;

      group_terms (x + (size_t) q * PREFIX_GROUP, &s, &t);
      sjy += (double) q * PREFIX_GROUP * sum_across (s) + sum_across (t);
      sy += sum_across (s);
      pre_y[q + 1] = sy;
      pre_jy[q + 1] = sjy;
    }
}

/* The prefix sums of channel c over group edges lo .. hi at least, made on first need: only
 * around the peaks that need the last stage (its far blocks reach TAIL either side), which
 * on programme leaves a third of what the chunks and their histories hold unsummed. Sums of
 * blocks are differences, so a stretch can start anywhere; one made before the known edges
 * is shifted to meet them. The history's sums move with it (prefix_move), so a run of chunks
 * with peaks sums each sample once. */
static void
tail_prefix (LqTruePeak *self,
             uint32_t    c,
             uint32_t    lo,
             uint32_t    hi)
{
  double *pre_y = self->pre_y[c], *pre_jy = self->pre_jy[c];

  if (self->pre_lo[c] > self->pre_hi[c] || hi < self->pre_lo[c] || lo > self->pre_hi[c])
    {
      pre_y[lo] = pre_jy[lo] = 0.0;
      self->pre_lo[c] = self->pre_hi[c] = lo;
    }
  if (hi > self->pre_hi[c])
    {
      prefix_run (self, c, self->pre_hi[c], hi);
      self->pre_hi[c] = hi;
    }
  if (lo < self->pre_lo[c])
    {
      const uint32_t known = self->pre_lo[c];
      const double y = pre_y[known], jy = pre_jy[known];
      double dy, djy;

      pre_y[lo] = pre_jy[lo] = 0.0;
      prefix_run (self, c, lo, known);
      dy = y - pre_y[known];
      djy = jy - pre_jy[known];
      for (uint32_t q = lo; q <= known; q++)
        {
          pre_y[q] += dy;
          pre_jy[q] += djy;
        }
      self->pre_lo[c] = lo;
    }
}

/* The history of channel c has moved n samples down, to the buffer's start: its sums too,
 * rebased (J' = J - n, so J' y sums lose n times the y sums). n must keep the groups and the
 * signs' parity: a multiple of PREFIX_GROUP; otherwise, or if they do not reach the history,
 * they are dropped. */
static void
prefix_move (LqTruePeak *self,
             uint32_t    c,
             uint32_t    n)
{
  const uint32_t g = n / PREFIX_GROUP;
  double *restrict pre_y = self->pre_y[c];
  double *restrict pre_jy = self->pre_jy[c];
  uint32_t from;
  double y0, jy0;

  if (n % PREFIX_GROUP != 0 || self->pre_lo[c] > self->pre_hi[c] || self->pre_hi[c] < g)
    {
      self->pre_lo[c] = UINT32_MAX;
      self->pre_hi[c] = 0;
      return;
    }
  from = self->pre_lo[c] > g ? self->pre_lo[c] : g;
  y0 = pre_y[from];
  jy0 = pre_jy[from];
  for (uint32_t q = from; q <= self->pre_hi[c]; q++)
    {
      double y = pre_y[q] - y0;

      pre_jy[q - g] = pre_jy[q] - jy0 - (double) n * y;
      pre_y[q - g] = y;
    }
  self->pre_lo[c] = from - g;
  self->pre_hi[c] -= g;
}

/* The inner terms of one side, the weights w against x from index from to index to: only
 * the first and last group can be partial. Two sums per term, of alternate vectors, halve
 * the chains of dependent additions. */
LQ_SIMD_INLINE void
inner_side (const float   *x,
            const float    w[3][INNER_TERMS],
            int32_t        from,
            int32_t        to,
            lq_v8sf        acc[3])
{
  const lq_v8si lanes = { 0, 1, 2, 3, 4, 5, 6, 7 };
  lq_v8sf a[2][3] = { { { 0 } } };

  for (int32_t i = 0; i < INNER_TERMS; i += 16)
    for (int h = 0; h < 2; h++)
      {
        const int32_t k = i + 8 * h;
        lq_v8sf v = lq_v8_load (x + k);

        if (i == 0 || i == INNER_TERMS - PREFIX_GROUP)
          v = lq_v8_select ((lanes + k >= from) & (lanes + k <= to), v, (lq_v8sf) { 0 });
        for (int j = 0; j < 3; j++)
          a[h][j] += lq_v8_load (w[j] + k) * v;
      }
  for (int j = 0; j < 3; j++)
    acc[j] += a[0][j] + a[1][j];
}

/* The far terms' expansion around x[M] + 1/2, M the buffer index of the interval's first
 * sample (x the buffer): far[j] = sum over |d - 1/2| > NEAR of (-1)^d x[M + d] / (1/2 - d)^(j + 1),
 * tapered: the inner terms one by one, then block by block the kernel at the block's centre
 * times the block's sum plus its slope times the block's first moment about the centre.
 * The blocks are contiguous, so each edge's prefix sums are looked up once. */
LQ_TARGET_CLONES
static void
tail_expand (LqTruePeak       *self,
             uint32_t          c,
             const float      *x,
             int64_t           M,
             double            far[3])
{
  const int32_t r = (int32_t) (M % PREFIX_GROUP);
  const FarTable *t = &self->far_tab[r];
  const uint32_t q = (uint32_t) ((M - r) / PREFIX_GROUP);
  const double *py = self->pre_y[c] + q;
  const double *pjy = self->pre_jy[c] + q;
  const double sign = (M & 1) ? -1.0 : 1.0;
  double y0, jy0;
  /* The three terms in the lanes of a vector, alternate blocks in two sums: the chain of
   * dependent additions, not the arithmetic, bounded the loop. */
  lq_v4df f[2] = { { 0 }, { 0 } };
  lq_v8sf acc[3] = { { 0 }, { 0 }, { 0 } };

  tail_prefix (self, c, q + t->edge[0], q + t->edge[t->n - 1]);
  y0 = py[t->edge[0]];
  jy0 = pjy[t->edge[0]];
  for (uint32_t b = 0; b + 1 < t->n; b++)
    {
      double y1 = py[t->edge[b + 1]], jy1 = pjy[t->edge[b + 1]];
      double s0 = y1 - y0, s1 = jy1 - jy0 - ((double) M + t->centre[b]) * s0;

      lq_v4df k, dk;

      memcpy (&k, t->k[b], sizeof k);
      memcpy (&dk, t->dk[b], sizeof dk);
      f[b & 1] += k * s0 + dk * s1;
      y0 = y1;
      jy0 = jy1;
    }
  f[0] += f[1];

  /* Left: d = -FAR_START - INNER_TERMS + 1 + i from t->lo; right: d = FAR_START + 1 + i up
   * to t->hi. */
  inner_side (x + M - FAR_START - INNER_TERMS + 1, self->inner_w[0],
              t->lo + FAR_START + INNER_TERMS - 1, INNER_TERMS, acc);
  inner_side (x + M + FAR_START + 1, self->inner_w[1], 0, t->hi - FAR_START - 1, acc);
  for (int j = 0; j < 3; j++)
    far[j] = sign * f[0][j] + lq_v8_sum (acc[j]);
}

/* The meter's last stage: the ideal interpolant's peak near fine position f, where the 128-tap
 * stage found it. The far terms can move the peak by a good part of a sample on full-band
 * content, so it hill-climbs in steps of 1/8 and 1/32 sample (at most TAIL_CLIMB steps each)
 * and closes in by a parabola through points 1/64 sample apart. */
LQ_TARGET_CLONES
static float
tail_refine (LqTruePeak  *self,
             uint32_t     ch,
             const float *x,
             int32_t      f)
{
  int32_t m = (f >= 0 ? f : f - (FINE - 1)) / FINE;
  const float *xm = x + m;
  double far[3], b, sign, best;
  int32_t g = f - m * FINE;

  tail_expand (self, ch, self->buf[ch], (int64_t) (x - self->buf[ch]) + m, far);
  b = tail_interpolate (self, xm, g, far);
  sign = b < 0.0 ? -1.0 : 1.0;
  b *= sign;
  best = b;
  for (int32_t h = FINE / 8; h > 1; h /= 4)
    for (int step = 0; step < TAIL_CLIMB && g - h > -FINE && g + h < 2 * FINE; step++)
      {
        double a = sign * tail_interpolate (self, xm, g - h, far);
        double c = sign * tail_interpolate (self, xm, g + h, far);

        if (a > b && a >= c)
          {
            g -= h;
            b = a;
          }
        else if (c > b)
          {
            g += h;
            b = c;
          }
        else
          break;
      }
  {
    double a = sign * tail_interpolate (self, xm, g - 1, far);
    double c = sign * tail_interpolate (self, xm, g + 1, far);
    double den = a - 2.0 * b + c;

    best = fmax (best, fmax (b, fmax (a, c)));
    /* Only a parabola that peaks between the outer points: one whose top lies outside
     * (b not the largest) extrapolates, without bound as it flattens. */
    if (den < 0.0 && b >= a && b >= c)
      best = fmax (best, b - 0.125 * (a - c) * (a - c) / den);
  }
  /* The expansion's inner terms (3 * 2 * INNER_TERMS multiply-adds), its at most FAR_EDGES
   * blocks (about ten operations each) and at most 4 * TAIL_CLIMB + 3 evaluations of
   * 2 * NEAR + 2 tabulated terms: about 60 units of LQ_TRUEPEAK_REFINE_TAPS multiply-adds,
   * within LQ_TRUEPEAK_TAIL_EVALS. */
  self->evaluations += LQ_TRUEPEAK_TAIL_EVALS;
  return (float) best;
}

/* The screen's readings of the eight intervals from i (the largest |value| over their four
 * phases), by the kernel's own filter: the meters compute again the few groups they refine
 * instead of storing every interval's reading. Lanes past the chunk read its look-ahead. */
LQ_TARGET_CLONES
static void
screen_values (const LqTruePeak *self,
               const float      *x,
               uint32_t          i,
               float             out[8])
{
  if (self->taps == 12)
    lq_v8_store (out, screen_12_group (x + i - 5, self->coeffs));
  else
    lq_v8_store (out, screen_24_group (x + i - 11, self->coeffs));
}

/* Refinement state of one chunk of one channel. */
typedef struct
{
  const float *x;
  float        thr;       /* screen readings below it cannot matter */
  /* 128-tap readings under best * tail_keep need no last stage: best is what it must beat
   * (a meter's running maximum, rising with its results; an envelope's floor), tail_keep
   * its margin where the scan is. */
  float        best;
  float        tail_keep;
  float        exact;     /* the largest peak found */
  bool         meter;     /* thr rises with the peaks found */
  uint32_t     c, n;      /* the channel and the chunk's length */
  float        need;      /* peaks of the grid below it / GRID_RISE are not refined */
  float        widen;     /* thr times this is the threshold (1, less in a hot stretch) */
  /* Stretches of groups [hot_lo, hot_hi) near a peak that read HOT_GAP_DB over its screen,
   * in order; one over the whole chunk once there would be more than HOT_RANGES. */
  uint32_t     n_hot;
  uint32_t     hot_lo[HOT_RANGES], hot_hi[HOT_RANGES];
  float        reading;   /* the largest grid value or refined peak of the last interval */
  uint32_t     next;      /* the interval after the last one refined, */
  float        last_ph3;  /* and its 128-tap value at 3/4 */
} Scan;

/* The candidate heap, ordered by p, the 128-tap reading r over its margin (the most its exact
 * peak can be): sift-up on push, sift-down on pop, so the work stays O(log n) each and
 * nothing allocates. */
static void
cand_push (LqTruePeak *self,
           float       r,
           float       p,
           int32_t     at)
{
  uint32_t k = self->n_cand++;

  while (k > 0 && self->cand[(k - 1) / 2].p < p)
    {
      self->cand[k] = self->cand[(k - 1) / 2];
      k = (k - 1) / 2;
    }
  self->cand[k].r = r;
  self->cand[k].p = p;
  self->cand[k].at = at;
}

static void
cand_pop (LqTruePeak *self)
{
  uint32_t n = --self->n_cand, k = 0;
  float p = self->cand[n].p;

  for (;;)
    {
      uint32_t j = 2 * k + 1;

      if (j >= n)
        break;
      if (j + 1 < n && self->cand[j + 1].p > self->cand[j].p)
        j++;
      if (!(self->cand[j].p > p))
        break;
      self->cand[k] = self->cand[j];
      k = j;
    }
  self->cand[k] = self->cand[n];
}

/* The meter's last stage, once the chunk's candidates are known: the one that may read the
 * most first, so that each exact peak found raises the bar for the rest and most never need
 * it (on programme, one or two per chunk). */
static void
tail_candidates (LqTruePeak *self,
                 Scan       *scan)
{
  while (self->n_cand > 0)
    {
      int32_t at = self->cand[0].at;
      float r;

      if (self->cand[0].p < scan->best)
        {
          /* The rest cannot beat what has been read; their 128-tap readings still count. */
          for (uint32_t k = 0; k < self->n_cand; k++)
            scan->exact = lq_maxf (scan->exact, self->cand[k].r);
          self->n_cand = 0;
          break;
        }
      cand_pop (self);
      r = tail_refine (self, scan->c, scan->x, at);
      scan->best = lq_maxf (scan->best, r);
      scan->exact = lq_maxf (scan->exact, r);
    }
}

/* Interval i, whose screen reaches the threshold: the 128-tap filter on its 4x grid (the
 * screen's own points can rise where the band-limited signal falls: near Nyquist its short
 * filter merges two peaks a sample apart into one), and each local maximum of that grid
 * which reaches the threshold refined. Returns the interval's reading. */
static float
refine_interval (LqTruePeak  *self,
                 Scan        *scan,
                 uint32_t     i,
                 float        peak,
                 const float  grid[FACTOR - 1][8],
                 uint32_t     lane)
{
  const float keep = (float) lq_db_to_gain (-LQ_TRUEPEAK_SCREEN_MARGIN_DB);
  const int32_t f0 = FINE * (int32_t) i;
  const float thr = scan->thr * scan->widen;
  /* z[0] at i - 1/4, z[1 .. 4] at i .. i + 3/4, z[5] at i + 1. */
  float z[FACTOR + 2];

  /* z[0] is left for later when it is not at hand: only a peak on the sample needs it. */
  z[0] = scan->next == i ? scan->last_ph3 : NAN;
  z[1] = scan->x[i];
  if (grid != NULL)
    {
      for (int p = 0; p < FACTOR - 1; p++)
        z[p + 2] = grid[p][lane];
      if (lane > 0)
        z[0] = grid[FACTOR - 2][lane - 1];
    }
  else
    {
      interpolate_grid (self, scan->x, (int32_t) i, z + 2);
      self->evaluations += FACTOR - 1;
    }
  z[FACTOR + 1] = scan->x[i + 1];
  scan->next = i + 1;
  scan->last_ph3 = z[FACTOR];

  for (int p = 0; p < FACTOR; p++)
    {
      float b = fabsf (z[p + 1]);

      if (p == 0 && isnan (z[0]) && b >= thr && b > fabsf (z[2]))
        {
          z[0] = interpolate (self, scan->x, f0 - GRID);
          self->evaluations++;
        }
      if (b >= thr && b >= fabsf (z[p]) && b > fabsf (z[p + 2]))
        {
          int32_t at = f0 + GRID * p;
          float r;

          /* Between points 1/4 sample apart a band-limited signal rises at most 1/cos (pi/8)
           * (0.69 dB) above the larger: a peak that cannot reach what matters (the floor, or
           * what the last stage would look at) keeps its grid value. */
          scan->reading = lq_maxf (scan->reading, b);
          if (b * GRID_RISE < scan->need)
            {
              peak = lq_maxf (peak, b);
              scan->exact = lq_maxf (scan->exact, b);
              continue;
            }
          r = refine (self, scan->x, f0 + GRID * p, z[p], z[p + 1], z[p + 2], &at);
          scan->reading = lq_maxf (scan->reading, r);

          if (scan->meter)
            scan->thr = lq_maxf (scan->thr, r * keep);
          if (self->tail && r >= scan->best * scan->tail_keep)
            {
              if (scan->meter)
                {
                  /* Deferred to the chunk's end, where the largest go first. */
                  cand_push (self, r, r / scan->tail_keep, at);
                  continue;
                }
              /* An envelope's threshold stays at the floor: each interval is read against
               * it, not against the chunk's largest peak, which would leave a peak the 128-tap
               * stage under-reads below the floor uncorrected (and make the reading depend on
               * where chunks begin). */
              r = tail_refine (self, scan->c, scan->x, at);
            }
          peak = lq_maxf (peak, r);
          scan->exact = lq_maxf (scan->exact, r);
        }
    }
  return peak;
}

/* Group q's stretch of the chunk is to be measured again against the wide margin (a meter's,
 * or an exact envelope's). */
static void
hot_add (Scan     *scan,
         uint32_t  q)
{
  const uint32_t groups = (scan->n + 7) / 8;
  uint32_t lo = q > HOT_REACH ? q - HOT_REACH : 0;
  uint32_t hi = q + HOT_REACH + 1 < groups ? q + HOT_REACH + 1 : groups;

  /* Groups come in order: a stretch overlaps the last one or starts after it. */
  if (scan->n_hot > 0 && lo <= scan->hot_hi[scan->n_hot - 1])
    scan->hot_hi[scan->n_hot - 1] = hi > scan->hot_hi[scan->n_hot - 1]
                                    ? hi : scan->hot_hi[scan->n_hot - 1];
  else if (scan->n_hot < HOT_RANGES)
    {
      scan->hot_lo[scan->n_hot] = lo;
      scan->hot_hi[scan->n_hot++] = hi;
    }
  else
    {
      scan->n_hot = 1;
      scan->hot_lo[0] = 0;
      scan->hot_hi[0] = groups;
    }
}

/* The candidates for the last stage that lie outside the hot stretches, as a heap again: the
 * stretches are measured again whole. */
static void
cand_drop_hot (LqTruePeak *self,
               const Scan *scan)
{
  uint32_t kept = 0;

  for (uint32_t k = 0; k < self->n_cand; k++)
    {
      int32_t at = self->cand[k].at;
      uint32_t q = at < 0 ? 0 : (uint32_t) (at / FINE) / 8;
      bool hot = false;

      for (uint32_t h = 0; h < scan->n_hot && !hot; h++)
        hot = q >= scan->hot_lo[h] && q < scan->hot_hi[h];
      if (!hot)
        self->cand[kept++] = self->cand[k];
    }
  /* Pushed again one by one: a heap in O(n log n), on a handful. */
  self->n_cand = 0;
  for (uint32_t k = 0; k < kept; k++)
    {
      float r = self->cand[k].r, p = self->cand[k].p;
      int32_t at = self->cand[k].at;

      /* cand_push moves entries only towards the front, over ones already pushed. */
      cand_push (self, r, p, at);
    }
}

/* Group q of the meter's chunk reaches the threshold: its intervals' screen readings, made
 * again by the kernel's filter (screen_values), and each interval that reaches it refined. */
static void
scan_group (LqTruePeak *self,
            Scan       *scan,
            uint32_t    q)
{
  const float gap = (float) lq_db_to_gain (HOT_GAP_DB);
  float v[8], hi[8];
  float grid[FACTOR - 1][8];
  uint32_t lanes = 0xff;           /* the intervals that may hold a peak to refine */
  uint32_t worthy = 0xff;          /* and those that hold one to refine */
  bool group = false;

  screen_values (self, scan->x, 8 * q, v);
  if (8 * q + 8 <= scan->n)
    {
      uint32_t need = 0;

      for (uint32_t j = 0; j < 8; j++)
        need += v[j] >= scan->thr * scan->widen;
      if (need >= GROUP_GRID_MIN)
        {
          const bool z0_known = scan->next == 8 * q;

          lanes = interpolate_grid_group (self, scan->x, (int32_t) (8 * q),
                                          z0_known ? scan->last_ph3 : 0.0f,
                                          scan->thr * scan->widen, scan->need, grid, hi, &worthy);
          /* Lane 0's test took the unknown point before it as 0: refine_interval makes it. */
          worthy |= z0_known ? 0u : 1u;
          self->evaluations += 8 * (FACTOR - 1);
          group = true;
        }
    }
  /* The lanes to visit, without a branch per lane (which lanes pass is close to random):
   * thr only rises, so a lane under it now stays under. */
  {
    const float thr = scan->thr * scan->widen;
    uint32_t todo = 0;

    for (uint32_t j = 0; j < 8; j++)
      todo |= (uint32_t) (v[j] >= thr && 8 * q + j < scan->n) << j;
    lanes &= todo;
  }
  for (; lanes != 0; lanes &= lanes - 1)
    {
      const uint32_t j = (uint32_t) __builtin_ctz (lanes);
      const float y = v[j];

      if (!(y >= scan->thr * scan->widen))
        continue;
      scan->reading = 0.0f;
      if ((worthy & (1u << j)) != 0)
        refine_interval (self, scan, 8 * q + j, 0.0f, group ? grid : NULL, j);
      else if (hi[j] >= scan->thr * scan->widen)
        {
          /* What refine_interval would do with maxima it does not refine: the largest reaches
           * the threshold as it stands now (thr rises as peaks are refined), so it is the
           * interval's reading. */
          scan->reading = hi[j];
          scan->exact = lq_maxf (scan->exact, hi[j]);
        }
      if (scan->reading >= y * gap && scan->widen == 1.0f)
        hot_add (scan, q);
    }
  if (group)
    {
      /* The group's last point is known: the next interval's z[0]. */
      scan->next = 8 * q + 8;
      scan->last_ph3 = grid[FACTOR - 2][7];
    }
}

/* Channel c's chunk of n samples is measured: its history now starts n samples on, and
 * moves back to the buffer's start (with its prefix sums) when a whole chunk would no longer
 * fit after it. */
static void
history_advance (LqTruePeak *self,
                 uint32_t    c,
                 uint32_t    n)
{
  self->start[c] += n;
  if (self->start[c] + self->hist + self->chunk <= self->cap)
    return;
  if (self->tail)
    prefix_move (self, c, self->start[c]);
  memmove (self->buf[c], self->buf[c] + self->start[c], self->hist * sizeof (float));
  self->start[c] = 0;
}

/* The first of the groups q .. groups - 1 whose screen maximum iv[q] reaches thr, or groups.
 * Thirty-two, then eight at a time are passed over by their largest: on programme few
 * reach it. */
LQ_TARGET_CLONES
static uint32_t
next_group (const float *iv,
            uint32_t     q,
            uint32_t     groups,
            float        thr)
{
  for (; q % 8 != 0 && q < groups; q++)
    if (iv[q] >= thr)
      return q;
  for (; q + 32 <= groups; q += 32)
    {
      lq_v8sf m = lq_v8_max (lq_v8_max (lq_v8_load (iv + q), lq_v8_load (iv + q + 8)),
                             lq_v8_max (lq_v8_load (iv + q + 16), lq_v8_load (iv + q + 24)));

      if (lq_v8_max_across (m) >= thr)
        break;
    }
  for (; q + 8 <= groups; q += 8)
    {
      if (lq_v8_max_across (lq_v8_load (iv + q)) >= thr)
        break;
    }
  for (; q < groups; q++)
    if (iv[q] >= thr)
      return q;
  return groups;
}

/* Channel c's chunk of n samples is loaded after its history: screens it, refines the local
 * maxima of the screen that reach thr (rising with the running maximum when max is given),
 * and folds each interval's reading into env when given. Returns the exact maximum found, and
 * the screen's in *screen_max. */
static float
measure_loaded (LqTruePeak *self,
                uint32_t    c,
                uint32_t    n,
                float       max,
                float       thr,
                float      *env,
                float      *screen_max,
                float      *sample_max)
{
  const float *x = self->buf[c] + self->start[c] + self->reach;
  const float keep = (float) lq_db_to_gain (-LQ_TRUEPEAK_SCREEN_MARGIN_DB);
  const float tail_keep = (float) lq_db_to_gain (-TAIL_MARGIN_DB);
  float m, skip, env_thr;
  Scan scan;

  /* Only an envelope needs every interval's reading, and only where it may reach its
   * floor. Groups that cannot reach the refinement's threshold below (and, for a meter, what
   * it has read so far) are not filtered (screen_12): they would change no reading, and an
   * envelope promises no more under its floor than that it stays under (set_floor). */
  env_thr = thr * (self->tail ? (float) lq_db_to_gain (-EXACT_SCREEN_MARGIN_DB) : keep);
  /* thr is a meter's running maximum, which take_max starts again; max_bs1770 never is. */
  skip = self->every ? 0.0f
         : env != NULL ? (self->refine ? env_thr : 0.0f)
         : fminf (self->max_bs1770[c], self->refine ? thr * keep : thr);
  m = screen (self, x, env != NULL, skip, self->iv, n, sample_max);
  *screen_max = m;
  if (!self->refine)
    {
      for (uint32_t i = 0; env != NULL && i < n; i++)
        env[i] = lq_maxf (env[i], self->iv[i]);
      history_advance (self, c, n);
      return lq_maxf (m, *sample_max);
    }

  scan.x = x;
  scan.c = c;
  scan.n = n;
  scan.next = UINT32_MAX;
  scan.last_ph3 = 0.0f;
  scan.reading = 0.0f;
  scan.exact = *sample_max;
  scan.meter = env == NULL;
  scan.widen = 1.0f;
  scan.n_hot = 0;
  /* A meter needs only peaks that may beat the running maximum, and the interval holding the
   * screen's maximum is always refined, so the threshold can start from it. The ideal stage
   * runs only on the 128-tap stage's readings that may beat the running maximum (for a meter)
   * or reach the floor (for an envelope). Not under the smallest normal float: a meter that has
   * read only digital silence so far would otherwise refine every silent interval, and a file's
   * silent lead-in cost more than minutes of music. */
  scan.thr = env == NULL ? lq_maxf (lq_maxf (thr, m) * keep, FLT_MIN) : env_thr;
  scan.best = env == NULL ? lq_maxf (max, m) : self->floor;
  scan.tail_keep = env == NULL ? (float) lq_db_to_gain (-TAIL_MARGIN_METER_DB) : tail_keep;
  /* What a refined peak must be able to reach to matter: the last stage's threshold for a
   * meter's kind, else the running maximum (a meter) or the floor (an envelope). */
  scan.need = self->tail ? scan.best * scan.tail_keep : env == NULL ? max : self->floor;

  if (env)
    {
      const float gap = (float) lq_db_to_gain (HOT_GAP_DB);

      for (uint32_t i = 0; i < n; i++)
        {
          const float screened = self->iv[i];
          float peak = screened;

          if (peak >= scan.thr)
            {
              scan.reading = 0.0f;
              peak = refine_interval (self, &scan, i, peak, NULL, 0);
              /* An exact envelope (the render's check) widens its margin near content close
               * to Nyquist as a meter does (HOT_GAP_DB). */
              if (self->tail && scan.reading >= screened * gap)
                hot_add (&scan, i / 8);
              if (self->cover && peak >= self->floor * COVER_NEAR)
                peak = lq_maxf (peak, cover_interval (self, x, (int32_t) i, self->floor));
            }
          env[i] = lq_maxf (env[i], peak);
        }
      for (uint32_t h = 0; h < scan.n_hot; h++)
        {
          /* The stretch screened again against the wide threshold; the intervals that reach
           * it and were not refined above (under the narrow one) refined now. */
          const float widen = (float) lq_db_to_gain (EXACT_SCREEN_MARGIN_DB - HOT_MARGIN_DB);
          const float wide = scan.thr * widen;
          const uint32_t lo = 8 * scan.hot_lo[h];
          const uint32_t hi = 8 * scan.hot_hi[h] < n ? 8 * scan.hot_hi[h] : n;
          float sp;

          screen (self, x + lo, true, wide, self->iv + lo, hi - lo, &sp);
          for (uint32_t i = lo; i < hi; i++)
            {
              float peak = self->iv[i];

              if (peak < wide || peak >= scan.thr)
                continue;
              scan.widen = widen;
              peak = refine_interval (self, &scan, i, peak, NULL, 0);
              scan.widen = 1.0f;
              if (self->cover && peak >= self->floor * COVER_NEAR)
                peak = lq_maxf (peak, cover_interval (self, x, (int32_t) i, self->floor));
              env[i] = lq_maxf (env[i], peak);
            }
        }
    }
  else
    {
      /* Groups of eight intervals whose screen maximum reaches the threshold (scan_group). */
      const uint32_t groups = (n + 7) / 8;

      for (uint32_t q = next_group (self->iv, 0, groups, scan.thr); q < groups;
           q = next_group (self->iv, q + 1, groups, scan.thr))
        scan_group (self, &scan, q);
      if (self->tail && scan.n_hot > 0)
        {
          /* Content near Nyquist (HOT_GAP_DB): its stretches again, from a screen that skips
           * only what cannot reach the wide threshold, without the candidates the first pass
           * found there. */
          const float wide = (float) lq_db_to_gain (LQ_TRUEPEAK_SCREEN_MARGIN_DB - HOT_MARGIN_DB);

          skip = fminf (self->max_bs1770[c], thr * keep * wide);
          cand_drop_hot (self, &scan);
          scan.widen = wide;
          /* The last stage's margin widens there too (TAIL_MARGIN_DB). */
          scan.tail_keep = tail_keep;
          scan.need = scan.best * tail_keep;
          for (uint32_t h = 0; h < scan.n_hot; h++)
            {
              const uint32_t lo = scan.hot_lo[h], hi = scan.hot_hi[h];
              const uint32_t len = (8 * hi < n ? 8 * hi : n) - 8 * lo;
              float sp;

              screen (self, x + 8 * lo, false, skip, self->iv + lo, len, &sp);
              for (uint32_t q = next_group (self->iv, lo, hi, scan.thr * wide); q < hi;
                   q = next_group (self->iv, q + 1, hi, scan.thr * wide))
                scan_group (self, &scan, q);
            }
        }
      tail_candidates (self, &scan);
    }

  history_advance (self, c, n);
  return scan.exact;
}

/* Meter path for channel c's loaded chunk. */
static void
meter_loaded (LqTruePeak *self,
              uint32_t    c,
              uint32_t    n)
{
  float sm, sp;
  float exact = measure_loaded (self, c, n, self->max[c], self->max[c], NULL, &sm, &sp);

  self->sample_max[c] = lq_maxf (self->sample_max[c], sp);
  self->max_bs1770[c] = lq_maxf (self->max_bs1770[c], sm);
  self->max[c] = lq_maxf (self->max[c], exact);
}

/* A meter measures its input a whole chunk at a time, whatever the callers' blocks: each
 * measurement moves the history (2 * reach samples) and, where a peak needs the last stage,
 * makes prefix sums over it, so blocks of a few thousand frames would pay for that many
 * times over. Nothing reads a meter before lq_truepeak_flush. */
static void
meter_pending (LqTruePeak *self)
{
  if (self->pending == 0)
    return;
  for (uint32_t c = 0; c < self->channels; c++)
    meter_loaded (self, c, self->pending);
  self->pending = 0;
}

void
lq_truepeak_flush (LqTruePeak *self)
{
  const uint32_t latency = lq_truepeak_get_latency (self);

  meter_pending (self);
  for (uint32_t c = 0; c < self->channels; c++)
    {
      memset (self->buf[c] + self->start[c] + self->hist, 0, latency * sizeof (float));
      meter_loaded (self, c, latency);
    }
}

void
lq_truepeak_process (LqTruePeak         *self,
                     const float *const *in,
                     uint32_t            n_frames)
{
  for (uint32_t done = 0; done < n_frames;)
    {
      uint32_t room = self->chunk - self->pending;
      uint32_t n = n_frames - done < room ? n_frames - done : room;

      for (uint32_t c = 0; c < self->channels; c++)
        memcpy (self->buf[c] + self->start[c] + self->hist + self->pending, in[c] + done,
                n * sizeof (float));
      self->pending += n;
      if (!self->tail || self->pending == self->chunk)
        meter_pending (self);
      done += n;
    }
}

void
lq_truepeak_process_interleaved (LqTruePeak  *self,
                                 const float *in,
                                 uint32_t     stride,
                                 uint32_t     n_frames)
{
  const uint32_t channels = self->channels;

  for (uint32_t done = 0; done < n_frames;)
    {
      uint32_t room = self->chunk - self->pending;
      uint32_t n = n_frames - done < room ? n_frames - done : room;
      const float *x = in + (size_t) done * stride;

      for (uint32_t c = 0; c < channels; c++)
        lq_pcm_deinterleave (x + c, stride,
                             self->buf[c] + self->start[c] + self->hist + self->pending, n);

      self->pending += n;
      if (!self->tail || self->pending == self->chunk)
        meter_pending (self);
      done += n;
    }
}

void
lq_truepeak_process_envelope (LqTruePeak         *self,
                              const float *const *in,
                              float              *env,
                              uint32_t            n_frames)
{
  meter_pending (self);
  for (uint32_t done = 0; done < n_frames;)
    {
      uint32_t n = n_frames - done < self->chunk ? n_frames - done : self->chunk;
      float *e = env + done;

      memset (e, 0, n * sizeof (float));
      for (uint32_t c = 0; c < self->channels; c++)
        {
          float sm, sp;

          memcpy (self->buf[c] + self->start[c] + self->hist, in[c] + done, n * sizeof (float));
          measure_loaded (self, c, n, 0.0f, self->floor, e, &sm, &sp);
        }
      done += n;
    }
}

void
lq_truepeak_prime (LqTruePeak         *self,
                   const float *const *in,
                   uint32_t            n_frames)
{
  meter_pending (self);
  for (uint32_t done = 0; done < n_frames;)
    {
      uint32_t n = n_frames - done < self->chunk ? n_frames - done : self->chunk;

      for (uint32_t c = 0; c < self->channels; c++)
        {
          memcpy (self->buf[c] + self->start[c] + self->hist, in[c] + done, n * sizeof (float));
          history_advance (self, c, n);
        }
      done += n;
    }
}
