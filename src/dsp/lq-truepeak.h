/* lq-truepeak.h
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

#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "lq-dsp-types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The one true-peak detector, shared by the meters, the analysis and the limiter, so that
 * they agree by construction. It finds the peak of the band-limited signal between the
 * samples, not only at a 4x grid.
 *
 * Screen: the BS.1770-4 Annex 2 reading, 4x polyphase interpolation with a Hann-windowed sinc
 * cut off at the input Nyquist frequency, LQ_TRUEPEAK_TAPS taps per phase below 88.2 kHz and
 * twice that above (libebur128's and ffmpeg's design: lq_truepeak_get_max_bs1770 agrees with
 * them). A 4x grid under-reads the continuous peak, by up to about 0.7 dB on full-band
 * content (the peak can fall half-way between grid points, and the short filter rolls off
 * the top octave).
 *
 * Refinement: wherever the screen comes within LQ_TRUEPEAK_SCREEN_MARGIN_DB of what could
 * matter (the running maximum for a meter, the floor for an envelope), the continuous peak
 * might be there, so the detector evaluates the band-limited signal on that interval's 4x
 * grid with a 128-tap Kaiser-windowed sinc (beta 2.5; not the screen's own local maxima: near Nyquist
 * the short screen merges two peaks a sample apart into one and would lead the search to
 * the lower) and closes in on each local maximum of that grid by two parabolic steps at
 * 1/64-sample resolution. The result is within 0.02 dB of the long-sinc interpolant's peak.
 *
 * Meters (LQ_TRUEPEAK_METER) add a last stage where the 128-tap reading comes within 1.5 dB
 * of the running maximum (3 dB near content close to Nyquist, and of the floor for an
 * envelope): the ideal sinc interpolant over
 * +-24576 samples, since on full-band content samples thousands away still move the peak by
 * hundredths of a dB. Its far terms are summed over blocks that widen with the distance, from
 * prefix sums made only around the peaks that need them, so a peak costs a few hundred
 * operations.
 * Near content close to Nyquist the screen can read far more than its margin under the peak
 * (a sine at 0.99 of Nyquist that starts abruptly: over 6 dB). A meter notices such content
 * by the peaks it refines, one reading 1 dB or more over its interval's screen, and measures
 * the 1024 samples either side of it again with a 13 dB margin. Within about 0.1 % of Nyquist
 * (beats thousands of samples long) even that misses: there the 128-tap stage is blind too.
 *
 * Work per block is bounded: an interval costs at most LQ_TRUEPEAK_GRID_EVALS evaluations
 * of the 128-tap filter for its grid, and holds at most two local maxima, each refined in at
 * most LQ_TRUEPEAK_EVALS_PER_PEAK more (a meter's interval near content close to Nyquist twice
 * over, once for each margin); the meters' last stage costs at most
 * LQ_TRUEPEAK_TAIL_EVALS (counted in the same unit, 128 multiply-adds) per peak, plus the
 * prefix sums, a few operations per sample of the chunk and its history. So a block of n
 * frames costs at most n * channels * LQ_TRUEPEAK_MAX_EVALS_PER_FRAME evaluations beyond the
 * screen (lq_truepeak_get_evaluations counts them): 440 per frame and channel, about 56k
 * multiply-adds, in the pathological case where every peak needs the last stage; on
 * programme it runs a few times per chunk. A meter gathers its input into whole chunks
 * (65536 frames) before measuring, so for it the bound holds over a run, not per call; the
 * live kinds measure every call. No allocation after new. */
#define LQ_TRUEPEAK_TAPS 12
/* The screen's oversampling factor, at every rate. */
#define LQ_TRUEPEAK_FACTOR 4
/* The refinement's filter length (taps). */
#define LQ_TRUEPEAK_REFINE_TAPS 128
#define LQ_TRUEPEAK_SCREEN_MARGIN_DB 3.0
#define LQ_TRUEPEAK_GRID_EVALS 4
#define LQ_TRUEPEAK_EVALS_PER_PEAK 4
#define LQ_TRUEPEAK_TAIL_EVALS 208
#define LQ_TRUEPEAK_MAX_EVALS_PER_FRAME \
  (2 * (LQ_TRUEPEAK_GRID_EVALS + 2 * LQ_TRUEPEAK_EVALS_PER_PEAK) + 2 * LQ_TRUEPEAK_TAIL_EVALS)
/* Without the last stage (LQ_TRUEPEAK_LIVE, LQ_TRUEPEAK_ENVELOPE): 12 per frame and channel,
 * about 800 multiply-adds, which keeps the player's callback within budget even then. */
#define LQ_TRUEPEAK_LIVE_MAX_EVALS_PER_FRAME \
  (LQ_TRUEPEAK_GRID_EVALS + 2 * LQ_TRUEPEAK_EVALS_PER_PEAK)

typedef struct LqTruePeak LqTruePeak;

/* METER adds the ideal-interpolation stage (see lq-truepeak.c): exact on any content, at a
 * latency of about 24580 samples; the analysis and the file readouts use it. ENVELOPE, the
 * limiter's, stops at the 128-tap stage and has a latency of 66 samples. LIVE is the same
 * detector as a running-maximum meter, for the player's callback: the work per frame stays
 * within LQ_TRUEPEAK_LIVE_MAX_EVALS_PER_FRAME, and it reads within 0.12 dB of the exact peak
 * on squares, clicks and near-Nyquist sines, but within 0.7 dB only on full-band white noise
 * (the sinc's far tail it leaves out; tests/analysis/test-truepeak.c measures both). BS1770
 * is the 4x screen alone, refining nothing: the reading other meters give. It filters only
 * where the samples under the taps allow a reading over its running maximum (screen_gain),
 * so it costs less than they pay. BS1770_EVERY gives the same reading from the filter at
 * every 4x point, the pass that libebur128 and ffmpeg run, and Lacquer's analysis did before
 * the exact meter. The benchmarks weigh the exact meter against both. */
typedef enum
{
  LQ_TRUEPEAK_METER,
  LQ_TRUEPEAK_ENVELOPE,
  LQ_TRUEPEAK_LIVE,
  LQ_TRUEPEAK_BS1770,
  LQ_TRUEPEAK_BS1770_EVERY,
} LqTruePeakKind;

LqTruePeak *lq_truepeak_new              (uint32_t           channels,
                                          double             rate,
                                          uint32_t           max_frames,
                                          LqStatus          *status);
LqTruePeak *lq_truepeak_new_kind         (uint32_t           channels,
                                          double             rate,
                                          uint32_t           max_frames,
                                          LqTruePeakKind     kind,
                                          LqStatus          *status);
void        lq_truepeak_free             (LqTruePeak        *self);
void        lq_truepeak_reset            (LqTruePeak        *self);
uint32_t    lq_truepeak_get_factor       (const LqTruePeak  *self);

/* Input samples between a sample entering and its interval being measured. */
uint32_t    lq_truepeak_get_latency      (const LqTruePeak  *self);

/* Adds this block to the running maxima per channel (linear, absolute value). */
void        lq_truepeak_process          (LqTruePeak        *self,
                                          const float *const *in,
                                          uint32_t           n_frames);

/* The same for interleaved frames stride floats apart, of which the detector's channels
 * are the first (stride >= channels): deinterleaved straight into the detector's own
 * history, so one detector can take some channels of a wider frame without a copy. */
void        lq_truepeak_process_interleaved (LqTruePeak     *self,
                                          const float       *in,
                                          uint32_t           stride,
                                          uint32_t           n_frames);

/* Measures the intervals still inside the interpolation window (the last latency samples)
 * as if the signal ended in silence: call once at the end of a file. */
void        lq_truepeak_flush            (LqTruePeak        *self);

/* Per-sample envelope for the limiter: env[i] is the largest absolute value, over every
 * channel, of the sample, the 4x points that follow it and the refined peaks of the local
 * maxima among them, for input sample (i - latency). Where the screen reading is below the
 * floor less LQ_TRUEPEAK_SCREEN_MARGIN_DB, the peak cannot reach the floor and env[i] only
 * stays under that level: the 4x reading, or a bound on it where the samples around show
 * that it is under (without filtering them). Does not touch the running maxima. */
void        lq_truepeak_process_envelope (LqTruePeak        *self,
                                          const float *const *in,
                                          float             *env,
                                          uint32_t           n_frames);

/* Takes n_frames as history and measures none of their intervals: what
 * lq_truepeak_process_envelope would leave behind (its outputs unread), without screening
 * or refining anything. For an envelope started part-way into a signal, whose first
 * 2 * latency frames only fill the interpolation window (the render's check measures runs
 * of a master). */
void        lq_truepeak_prime            (LqTruePeak        *self,
                                          const float *const *in,
                                          uint32_t           n_frames);

/* For the meter kind's envelope (the render's check): each interval's value also covers what
 * meters that resample to 192 kHz through a short filter read there (ffmpeg's ebur128, whose
 * filter reads up to 0.5 dB over the band-limited peak on hard-limited full-band masters):
 * the largest value of that filter's interpolant over the interval, at any output grid.
 * It costs up to 35 evaluations of 32 taps per interval whose exact peak comes within 2 dB of
 * the floor. Off by default; the other kinds ignore it. Turning it on the first time makes its
 * table: not from the audio callback. */
void        lq_truepeak_set_cover_resamplers (LqTruePeak  *self,
                                              bool         cover);

/* Linear level below which the envelope needs no refinement; 0 (the default) refines every
 * peak, so the envelope stays exact under any later gain. Real-time safe. */
void        lq_truepeak_set_floor        (LqTruePeak        *self,
                                          float              floor);

/* Running maximum of the exact true peak since the last reset/take, linear. */
float       lq_truepeak_get_max          (const LqTruePeak  *self,
                                          uint32_t           channel);

/* Returns the running maximum of channel and clears it (live meters read per frame). */
float       lq_truepeak_take_max         (LqTruePeak        *self,
                                          uint32_t           channel);

/* The plain BS.1770 4x reading (the screen alone), what other meters report. */
float       lq_truepeak_get_max_bs1770   (const LqTruePeak  *self,
                                          uint32_t           channel);

/* The sample peak (phase 0 alone) seen by process/process_interleaved, linear. */
float       lq_truepeak_get_sample_max   (const LqTruePeak  *self,
                                          uint32_t           channel);
float       lq_truepeak_take_sample_max  (LqTruePeak        *self,
                                          uint32_t           channel);

/* Evaluations of the long filter since new/reset: the refinement's work. */
uint64_t    lq_truepeak_get_evaluations  (const LqTruePeak  *self);

#ifdef __cplusplus
}
#endif
