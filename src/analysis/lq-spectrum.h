/* lq-spectrum.h
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

#include <stdint.h>

#include "lq-dsp-types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Power spectra with fftw3f: the long-term average spectrum of a whole file (tonal balance)
 * and single frames for the live view. Plans are made at creation with FFTW_ESTIMATE (a
 * measured plan costs a quarter of a second at start-up), never in a process call.
 *
 * A stereo pair goes through one complex FFT of L + iR: |L_k|^2 + |R_k|^2 is
 * (|X_k|^2 + |X_(N-k)|^2) / 2, so both channels cost one transform.
 *
 * Spectra may be made and freed from any threads at once (planning takes one process-wide
 * lock); each instance is used by one thread at a time. */

typedef struct LqSpectrum LqSpectrum;

/* fft_size 0 picks one for the rate (~12 Hz bins: 4096 at 44.1/48 kHz). */
LqSpectrum  *lq_spectrum_new            (double             rate,
                                         uint32_t           fft_size,
                                         LqStatus          *status);
void         lq_spectrum_free           (LqSpectrum        *self);
void         lq_spectrum_reset          (LqSpectrum        *self);

uint32_t     lq_spectrum_get_fft_size   (const LqSpectrum  *self);
uint32_t     lq_spectrum_get_n_bins     (const LqSpectrum  *self);
double       lq_spectrum_get_bin_hz     (const LqSpectrum  *self);

/* Long-term average: feeds one or two channels (right may be NULL for mono); frames are
 * collected into non-overlapping Hann-windowed transforms. */
void         lq_spectrum_accumulate     (LqSpectrum        *self,
                                         const float       *left,
                                         const float       *right,
                                         uint32_t           n_frames);

/* The same from interleaved frames of any channel count: channels are taken in pairs. */
void         lq_spectrum_accumulate_interleaved (LqSpectrum *self,
                                                 const float *in,
                                                 uint32_t    channels,
                                                 uint32_t    n_frames);

/* Average power per bin in dB relative to a full-scale sine (a 0 dBFS sine reads 0 dB in
 * its bin), averaged over channels; writes get_n_bins () values, -HUGE_VAL where silent.
 * Returns the number of transforms averaged. */
uint64_t     lq_spectrum_get_average_db (const LqSpectrum  *self,
                                         float             *out_db);

/* One frame for the live view: the last fft_size frames of left/right (right may be NULL),
 * windowed, as dB per bin like get_average_db. Does not touch the average. Real-time safe
 * (the plan exists; fftwf_execute allocates nothing). */
void         lq_spectrum_frame          (LqSpectrum        *self,
                                         const float       *left,
                                         const float       *right,
                                         float             *out_db);

/* The lag d in [-max_lag, max_lag] at which b best matches a, the d that maximises
 * sum a[i] * b[i + d], by FFT cross-correlation: how far a decoded signal trails its
 * original. b should hold a's span widened by max_lag on each side. Not real-time safe
 * (plans and allocates). Returns LQ_OK, or LQ_ERROR_NOMEM / LQ_ERROR_INVALID_ARGUMENT. */
LqStatus     lq_spectrum_find_lag       (const float       *a,
                                         uint32_t           n_a,
                                         const float       *b,
                                         uint32_t           n_b,
                                         int32_t            max_lag,
                                         int32_t           *lag);

#ifdef __cplusplus
}
#endif
