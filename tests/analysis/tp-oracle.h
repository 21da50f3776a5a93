/* tp-oracle.h
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

/* An independent true-peak reference for tests: the band-limited interpolation of a short
 * signal by FFT zero-padding (double-precision FFTW, nothing shared with Lacquer's
 * detector). The signal is padded with silence, so it should start and end quietly (fades),
 * as the analogue signal of a file that starts and ends in silence does. */

/* Largest |value| of the interpolated signal, linear, sampled at factor (>= 32) points per
 * input sample and refined by a parabola through the three points around the largest. */
double tp_oracle_peak      (const float *x,
                            size_t       n,
                            unsigned     factor);

/* Test signals of the true-peak tests, n samples at rate with 50 ms linear fades. */
typedef enum
{
  TP_SIGNAL_NOISE,      /* full-band white noise */
  TP_SIGNAL_SQUARE,     /* a 997 Hz square wave, the naive one (aliased, as files carry it) */
  TP_SIGNAL_IMPULSES,   /* isolated clicks and click pairs of either sign */
  TP_SIGNAL_NYQUIST,    /* a sine between 0.45 and 0.49 of the rate, random phase */
  TP_N_SIGNALS
} TpSignal;

extern const char *const tp_signal_names[TP_N_SIGNALS];

/* Peak sample value amplitude; seed varies the noise, phases and click positions. */
void   tp_signal_make      (float       *x,
                            size_t       n,
                            double       rate,
                            TpSignal     kind,
                            double       amplitude,
                            uint64_t     seed);

/* One case of the true-peak tests: a signal at a rate. */
typedef struct
{
  double   rate;
  TpSignal kind;
} TpCase;

/* Adds test func once per signal at 44.1, 48 and 96 kHz, as PREFIX/SIGNAL/RATE, with its
 * TpCase as the data (GLib's test framework; the data is freed with the tests). */
void   tp_add_cases        (const char  *prefix,
                            void       (*func) (const void *data));

/* Rounds to 16 bits, as a file would carry it. */
void   tp_signal_quantise  (float       *x,
                            size_t       n);
