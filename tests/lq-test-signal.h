/* lq-test-signal.h
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

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Deterministic test signals (no GLib: usable from every layer's tests). Buffers are planar
 * float arrays owned by the caller unless a function says it allocates. */

/* out[i] = amp * sin (2 pi freq i / rate + phase), i in [0, n). */
void  lq_test_sine        (float    *out,
                           size_t    n,
                           double    rate,
                           double    freq,
                           double    amplitude,
                           double    phase);

/* Amplitude of a sine whose peak is at db dBFS. */
double lq_test_dbfs       (double    db);

/* Linear fades of n_fade samples at both ends (EBU files use short fades). */
void  lq_test_fade        (float    *buf,
                           size_t    n,
                           size_t    n_fade);

/* xorshift-based white and Voss-McCartney-style pink noise, seeded: same seed, same noise. */
void  lq_test_white_noise (float    *out,
                           size_t    n,
                           double    amplitude,
                           uint64_t *seed);
void  lq_test_pink_noise  (float    *out,
                           size_t    n,
                           double    amplitude,
                           uint64_t *seed);

/* Logarithmic sine sweep from f0 to f1 over n samples. */
void  lq_test_sweep       (float    *out,
                           size_t    n,
                           double    rate,
                           double    f0,
                           double    f1,
                           double    amplitude);

/* A music-like signal: a bass line, chords and a noisy hi-hat with level changes, so that
 * loudness, LRA and true peak all have something to measure. channel 0 or 1 (the two
 * channels differ in their mix). */
void  lq_test_music       (float    *out,
                           size_t    n,
                           double    rate,
                           int       channel,
                           uint64_t  seed);

/* A programme that behaves like a finished mix for the benchmarks: 124 bpm drums with dense
 * transients (kick, snare, sixteenth hi-hats with random velocity), a saw bass and detuned saw
 * chords, in sections of changing density, stereo (interleaved, 2 channels). Its peak-to-
 * loudness ratio is high, as an unmastered mix's is, so reaching -14 LUFS at -1 dBTP takes
 * several dB of limiting; amplitude scales the whole. */
void  lq_test_programme   (float    *out,
                           size_t    n_frames,
                           double    rate,
                           double    amplitude,
                           uint64_t  seed);

/* EBU Tech 3341 cases 20-23 (inter-sample peaks): a -6 dBFS sine at rate/6 holding one
 * period of a full-scale rate/4 burst, built at 4 x rate, low-passed at rate/2 by a long
 * Kaiser-windowed sinc and decimated by 4 keeping hi-rate samples 4 j + offset (offset 0..3).
 * The burst sits in the middle; 100 ms linear fades at both ends. Returns the peak of the
 * filtered 4 x rate signal (an estimate of the true peak the meter should see), or a
 * negative value when memory runs out. */
double lq_test_ebu_isp    (float    *out,
                           size_t    n,
                           double    rate,
                           unsigned  offset);

#ifdef __cplusplus
}
#endif
