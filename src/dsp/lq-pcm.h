/* lq-pcm.h
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
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Packed little-endian signed integer PCM (width 2, 3 or 4 bytes per sample) to float, full
 * scale at 1.0: n samples. The same values libsndfile's sf_read_float gives, to the bit
 * (each sample converted to float exactly as its 32-bit left-justified form, then scaled by
 * a power of two). */
void lq_pcm_to_float (const uint8_t *src,
                      uint32_t       width,
                      float         *dst,
                      size_t         n);

/* The reverse, as libsndfile's sf_write_float writes it with clipping on (SFC_SET_CLIPPING):
 * each sample scaled by 2^31 and rounded to the nearest 32-bit integer (ties to even), at
 * most full scale either way, and its top width bytes stored, little-endian or big-endian.
 * Byte for byte what libsndfile gives, except NaN, which becomes silence here (libsndfile
 * writes it as negative full scale). n samples. */
void lq_pcm_from_float (const float   *src,
                        uint32_t       width,
                        bool           big_endian,
                        uint8_t       *dst,
                        size_t         n);

/* How many of n samples are beyond full scale (|x| > 1; NaN is not): what an integer file
 * cannot hold. */
size_t lq_pcm_count_over (const float *x,
                          size_t       n);

/* One channel of n interleaved frames stride floats apart (x at the channel's first sample)
 * into d. */
void lq_pcm_deinterleave (const float *x,
                          uint32_t     stride,
                          float       *d,
                          size_t       n);

#ifdef __cplusplus
}
#endif
