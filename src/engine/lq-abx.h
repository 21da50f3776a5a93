/* lq-abx.h
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

#include <glib-object.h>

#include "lq-chain.h"
#include "lq-source-buffer.h"

G_BEGIN_DECLS

/* A blind A/B/X test between two sources (FACTS: "Blind A/B/X"). Each trial hides A or B
 * behind X, drawn from a seeded generator, and the listener answers "X is A" or "X is B".
 * The number of trials, the seed, the segment and the crossfade are fixed when the test
 * starts: stopping when the score looks good inflates the false-positive rate. The score
 * (and every trial's X and answer) stays hidden until the last answer; only then do
 * get_score, dup_verdict and dup_log answer. */

#define LQ_ABX_DEFAULT_TRIALS       16
#define LQ_ABX_MAX_TRIALS           64    /* C(64, i) still fits a guint64 exactly */
#define LQ_ABX_DEFAULT_CROSSFADE_MS 5.0
#define LQ_ABX_MIN_CROSSFADE_MS     2.0   /* shorter clicks */
#define LQ_ABX_MAX_CROSSFADE_MS     50.0  /* longer is heard as a fade */
#define LQ_ABX_MAX_SECONDS          86400.0
/* A difference counts as reliably heard when p < LQ_ABX_ALPHA: fewer than one run in twenty
 * of pure guessing would score as well. */
#define LQ_ABX_ALPHA                0.05

typedef enum
{
  LQ_ABX_A,
  LQ_ABX_B,
} LqAbxChoice;

#define LQ_TYPE_ABX_TEST (lq_abx_test_get_type ())

G_DECLARE_FINAL_TYPE (LqAbxTest, lq_abx_test, LQ, ABX_TEST, GObject)

LqAbxTest  *lq_abx_test_new                (const char          *name_a,
                                            const char          *name_b);

const char *lq_abx_test_get_name_a         (LqAbxTest           *self);
void        lq_abx_test_set_name_a         (LqAbxTest           *self,
                                            const char          *name);
const char *lq_abx_test_get_name_b         (LqAbxTest           *self);
void        lq_abx_test_set_name_b         (LqAbxTest           *self,
                                            const char          *name);
/* What identifies a source's audio: lq_abx_dup_audio_identity's "sha256:…" or, for a chain
 * snapshot, lq_abx_dup_chain_identity's parameters. */
const char *lq_abx_test_get_identity_a     (LqAbxTest           *self);
void        lq_abx_test_set_identity_a     (LqAbxTest           *self,
                                            const char          *identity);
const char *lq_abx_test_get_identity_b     (LqAbxTest           *self);
void        lq_abx_test_set_identity_b     (LqAbxTest           *self,
                                            const char          *identity);
const char *lq_abx_test_get_device         (LqAbxTest           *self);
void        lq_abx_test_set_device         (LqAbxTest           *self,
                                            const char          *device);
guint       lq_abx_test_get_n_trials       (LqAbxTest           *self);
void        lq_abx_test_set_n_trials       (LqAbxTest           *self,
                                            guint                n_trials);
guint64     lq_abx_test_get_seed           (LqAbxTest           *self);
void        lq_abx_test_set_seed           (LqAbxTest           *self,
                                            guint64              seed);
double      lq_abx_test_get_crossfade_ms   (LqAbxTest           *self);
void        lq_abx_test_set_crossfade_ms   (LqAbxTest           *self,
                                            double               ms);
/* Seconds; an end at or before the start means the whole file. */
double      lq_abx_test_get_segment_start  (LqAbxTest           *self);
void        lq_abx_test_set_segment_start  (LqAbxTest           *self,
                                            double               seconds);
double      lq_abx_test_get_segment_end    (LqAbxTest           *self);
void        lq_abx_test_set_segment_end    (LqAbxTest           *self,
                                            double               seconds);
gboolean    lq_abx_test_get_whole_file     (LqAbxTest           *self);
/* The levels both sources play at after matching (LUFS), as measured by the caller. */
void        lq_abx_test_set_levels         (LqAbxTest           *self,
                                            double               level_a,
                                            double               level_b);
gboolean    lq_abx_test_get_levels         (LqAbxTest           *self,
                                            double              *level_a,
                                            double              *level_b);

/* Fixes the settings above and draws every trial's X. */
void        lq_abx_test_start              (LqAbxTest           *self);
gboolean    lq_abx_test_get_started        (LqAbxTest           *self);
/* The number of trials answered so far (the current trial's index). */
guint       lq_abx_test_get_trial          (LqAbxTest           *self);
gboolean    lq_abx_test_get_finished       (LqAbxTest           *self);
/* What X plays in the current trial: for the player only, never to be shown. */
LqAbxChoice lq_abx_test_get_x              (LqAbxTest           *self);
void        lq_abx_test_answer             (LqAbxTest           *self,
                                            LqAbxChoice          answer);

/* FALSE, and nothing stored, until the last trial is answered. */
gboolean    lq_abx_test_get_score          (LqAbxTest           *self,
                                            guint               *k,
                                            guint               *n,
                                            double              *p);
char       *lq_abx_test_dup_verdict        (LqAbxTest           *self);
/* The whole test as text (sources, identities, levels, seed, trials with times, k, n, p). */
char       *lq_abx_test_dup_log            (LqAbxTest           *self);

/* The one-sided binomial p-value of k or more correct in n trials by guessing:
 * Σ_{i=k..n} C(n,i) / 2^n, with the coefficients exact integers. n ≤ LQ_ABX_MAX_TRIALS. */
double      lq_abx_p_value                 (guint                k,
                                            guint                n);
/* "You reliably heard a difference (p = …)" or "No reliable difference heard (p = …)". */
char       *lq_abx_dup_verdict_for_p       (double               p);
/* The first n draws of the generator for seed (xoshiro256**, seeded through splitmix64):
 * trial i's X is draws[i]. */
void        lq_abx_draw                    (guint64              seed,
                                            LqAbxChoice         *draws,
                                            guint                n);

/* "sha256:" and the SHA-256 of the decoded audio as it plays: 32-bit IEEE floats,
 * little-endian, channels interleaved frame by frame. */
char       *lq_abx_dup_audio_identity      (LqSourceBuffer      *buffer);
/* "chain:" and the chain's parameters as JSON on one line. */
char       *lq_abx_dup_chain_identity      (const LqChainParams *params);

G_END_DECLS
