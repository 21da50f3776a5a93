/* lq-abx.c
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

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lq-abx-private.h"
#include "lq-chain-json.h"

typedef struct
{
  LqAbxChoice answer;
  gint64      time_us;
} Trial;

struct _LqAbxTest
{
  GObject      parent_instance;

  char        *name[2];
  char        *identity[2];
  char        *device;
  guint        n_trials;
  guint64      seed;
  double       crossfade_ms;
  double       segment_start;
  double       segment_end;
  gboolean     has_levels;
  double       level[2];

  gboolean     started;
  gint64       started_us;
  LqAbxChoice *x;               /* n_trials draws, from start */
  Trial       *trials;          /* answered so far */
  guint        n_answered;
};

G_DEFINE_FINAL_TYPE (LqAbxTest, lq_abx_test, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME_A,
  PROP_NAME_B,
  PROP_IDENTITY_A,
  PROP_IDENTITY_B,
  PROP_DEVICE,
  PROP_N_TRIALS,
  PROP_SEED,
  PROP_CROSSFADE_MS,
  PROP_SEGMENT_START,
  PROP_SEGMENT_END,
  PROP_STARTED,
  PROP_TRIAL,
  PROP_FINISHED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* ---- generator --------------------------------------------------------------------------
 * xoshiro256** 1.0 (Blackman and Vigna, public domain reference at prng.di.unimi.it), its
 * state filled from the seed by splitmix64 as the authors recommend. Written out here so
 * that a seed replays the same trials on every system and version, which rand() and
 * GRand do not promise. */

typedef struct
{
  guint64 s[4];
} Xoshiro;

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += 0x9e3779b97f4a7c15ull);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static void
xoshiro_seed (Xoshiro *g,
              guint64  seed)
{
  for (guint i = 0; i < 4; i++)
    g->s[i] = splitmix64 (&seed);
}

static guint64
xoshiro_next (Xoshiro *g)
{
  guint64 *s = g->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

void
lq_abx_draw (guint64      seed,
             LqAbxChoice *draws,
             guint        n)
{
  Xoshiro g;

  g_return_if_fail (draws != NULL || n == 0);

  xoshiro_seed (&g, seed);
  /* The top bit: the authors advise the high bits of xoshiro output. */
  for (guint i = 0; i < n; i++)
    draws[i] = (xoshiro_next (&g) >> 63) ? LQ_ABX_B : LQ_ABX_A;
}

/* ---- statistics -------------------------------------------------------------------------- */

double
lq_abx_p_value (guint k,
                guint n)
{
  guint64 row[LQ_ABX_MAX_TRIALS + 1] = { 1 };
  double sum = 0.0;

  g_return_val_if_fail (n <= LQ_ABX_MAX_TRIALS, NAN);

  if (k > n)
    return 0.0;
  /* Pascal's triangle: every C(n, i) exact (C(64, 32) < 2^61); only the sum rounds, and the
   * terms are added smallest first. */
  for (guint r = 1; r <= n; r++)
    for (guint i = r; i > 0; i--)
      row[i] += row[i - 1];
  for (guint i = n + 1; i-- > k;)
    sum += (double) row[i];
  return ldexp (sum, -(int) n);
}

/* Two significant digits, the precision a verdict needs: 0.055, 0.0021, 0.38. */
static char *
format_p (double p)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2g", p));
}

static const char *
verdict_format (double p)
{
  return p < LQ_ABX_ALPHA ? N_("You reliably heard a difference (p = %s)")
                          : N_("No reliable difference heard (p = %s)");
}

char *
lq_abx_dup_verdict_for_p (double p)
{
  g_autofree char *text = format_p (p);

  return g_strdup_printf (_(verdict_format (p)), text);
}

/* ---- identities -------------------------------------------------------------------------- */

char *
lq_abx_dup_audio_identity (LqSourceBuffer *buffer)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint channels, block = 4096;
  guint64 frames;
  const float *data[2];
  g_autofree guint32 *chunk = NULL;

  g_return_val_if_fail (LQ_IS_SOURCE_BUFFER (buffer), NULL);

  channels = MIN (lq_source_buffer_get_channels (buffer), 2);
  frames = lq_source_buffer_get_frames (buffer);
  for (guint c = 0; c < channels; c++)
    data[c] = lq_source_buffer_get_data (buffer, c);
  chunk = g_new (guint32, (gsize) block * channels);
  for (guint64 f = 0; f < frames; f += block)
    {
      guint n = (guint) MIN (block, frames - f);

      for (guint i = 0; i < n; i++)
        for (guint c = 0; c < channels; c++)
          {
            guint32 bits;

            memcpy (&bits, &data[c][f + i], sizeof bits);
            chunk[i * channels + c] = GUINT32_TO_LE (bits);
          }
      g_checksum_update (sum, (const guchar *) chunk, (gssize) n * channels * sizeof *chunk);
    }
  return g_strconcat ("sha256:", g_checksum_get_string (sum), NULL);
}

char *
lq_abx_dup_chain_identity (const LqChainParams *params)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (params != NULL, NULL);

  root = lq_chain_params_to_json_node (params);
  text = lq_json_to_data (root, FALSE, NULL);
  return g_strconcat ("chain:", text, NULL);
}

/* ---- object ------------------------------------------------------------------------------ */

static void
set_string (LqAbxTest  *self,
            char      **field,
            const char *value,
            int         prop)
{
  g_return_if_fail (!self->started);

  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop]);
}

static void
set_double (LqAbxTest *self,
            double    *field,
            double     value,
            int        prop)
{
  GParamSpecDouble *spec = G_PARAM_SPEC_DOUBLE (properties [prop]);

  g_return_if_fail (!self->started);
  g_return_if_fail (value >= spec->minimum && value <= spec->maximum);

  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop]);
}

static void
lq_abx_test_finalize (GObject *object)
{
  LqAbxTest *self = (LqAbxTest *) object;

  for (guint i = 0; i < 2; i++)
    {
      g_free (self->name[i]);
      g_free (self->identity[i]);
    }
  g_free (self->device);
  g_free (self->x);
  g_free (self->trials);

  G_OBJECT_CLASS (lq_abx_test_parent_class)->finalize (object);
}

static void
lq_abx_test_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LqAbxTest *self = LQ_ABX_TEST (object);

  switch (prop_id)
    {
    case PROP_NAME_A:
      g_value_set_string (value, self->name[LQ_ABX_A]);
      break;
    case PROP_NAME_B:
      g_value_set_string (value, self->name[LQ_ABX_B]);
      break;
    case PROP_IDENTITY_A:
      g_value_set_string (value, self->identity[LQ_ABX_A]);
      break;
    case PROP_IDENTITY_B:
      g_value_set_string (value, self->identity[LQ_ABX_B]);
      break;
    case PROP_DEVICE:
      g_value_set_string (value, self->device);
      break;
    case PROP_N_TRIALS:
      g_value_set_uint (value, self->n_trials);
      break;
    case PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;
    case PROP_CROSSFADE_MS:
      g_value_set_double (value, self->crossfade_ms);
      break;
    case PROP_SEGMENT_START:
      g_value_set_double (value, self->segment_start);
      break;
    case PROP_SEGMENT_END:
      g_value_set_double (value, self->segment_end);
      break;
    case PROP_STARTED:
      g_value_set_boolean (value, self->started);
      break;
    case PROP_TRIAL:
      g_value_set_uint (value, self->n_answered);
      break;
    case PROP_FINISHED:
      g_value_set_boolean (value, lq_abx_test_get_finished (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_abx_test_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LqAbxTest *self = LQ_ABX_TEST (object);

  switch (prop_id)
    {
    case PROP_NAME_A:
      lq_abx_test_set_name_a (self, g_value_get_string (value));
      break;
    case PROP_NAME_B:
      lq_abx_test_set_name_b (self, g_value_get_string (value));
      break;
    case PROP_IDENTITY_A:
      lq_abx_test_set_identity_a (self, g_value_get_string (value));
      break;
    case PROP_IDENTITY_B:
      lq_abx_test_set_identity_b (self, g_value_get_string (value));
      break;
    case PROP_DEVICE:
      lq_abx_test_set_device (self, g_value_get_string (value));
      break;
    case PROP_N_TRIALS:
      lq_abx_test_set_n_trials (self, g_value_get_uint (value));
      break;
    case PROP_SEED:
      lq_abx_test_set_seed (self, g_value_get_uint64 (value));
      break;
    case PROP_CROSSFADE_MS:
      lq_abx_test_set_crossfade_ms (self, g_value_get_double (value));
      break;
    case PROP_SEGMENT_START:
      lq_abx_test_set_segment_start (self, g_value_get_double (value));
      break;
    case PROP_SEGMENT_END:
      lq_abx_test_set_segment_end (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_abx_test_class_init (LqAbxTestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lq_abx_test_finalize;
  object_class->get_property = lq_abx_test_get_property;
  object_class->set_property = lq_abx_test_set_property;

  properties [PROP_NAME_A] = g_param_spec_string ("name-a", NULL, NULL, NULL, rw);
  properties [PROP_NAME_B] = g_param_spec_string ("name-b", NULL, NULL, NULL, rw);
  properties [PROP_IDENTITY_A] = g_param_spec_string ("identity-a", NULL, NULL, NULL, rw);
  properties [PROP_IDENTITY_B] = g_param_spec_string ("identity-b", NULL, NULL, NULL, rw);
  properties [PROP_DEVICE] = g_param_spec_string ("device", NULL, NULL, NULL, rw);
  properties [PROP_N_TRIALS] =
    g_param_spec_uint ("n-trials", NULL, NULL, 1, LQ_ABX_MAX_TRIALS, LQ_ABX_DEFAULT_TRIALS, rw);
  properties [PROP_SEED] = g_param_spec_uint64 ("seed", NULL, NULL, 0, G_MAXUINT64, 0, rw);
  properties [PROP_CROSSFADE_MS] =
    g_param_spec_double ("crossfade-ms", NULL, NULL, LQ_ABX_MIN_CROSSFADE_MS,
                         LQ_ABX_MAX_CROSSFADE_MS, LQ_ABX_DEFAULT_CROSSFADE_MS, rw);
  properties [PROP_SEGMENT_START] =
    g_param_spec_double ("segment-start", NULL, NULL, 0.0, LQ_ABX_MAX_SECONDS, 0.0, rw);
  properties [PROP_SEGMENT_END] =
    g_param_spec_double ("segment-end", NULL, NULL, 0.0, LQ_ABX_MAX_SECONDS, 0.0, rw);
  properties [PROP_STARTED] = g_param_spec_boolean ("started", NULL, NULL, FALSE, ro);
  properties [PROP_TRIAL] = g_param_spec_uint ("trial", NULL, NULL, 0, LQ_ABX_MAX_TRIALS, 0, ro);
  properties [PROP_FINISHED] = g_param_spec_boolean ("finished", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lq_abx_test_init (LqAbxTest *self)
{
  self->n_trials = LQ_ABX_DEFAULT_TRIALS;
  self->crossfade_ms = LQ_ABX_DEFAULT_CROSSFADE_MS;
}

LqAbxTest *
lq_abx_test_new (const char *name_a,
                 const char *name_b)
{
  return g_object_new (LQ_TYPE_ABX_TEST, "name-a", name_a, "name-b", name_b, NULL);
}

const char *
lq_abx_test_get_name_a (LqAbxTest *self)
{
  g_return_val_if_fail (LQ_IS_ABX_TEST (self), NULL);
  return self->name[LQ_ABX_A];
}

void
lq_abx_test_set_name_a (LqAbxTest  *self,
                        const char *name)
{
  g_return_if_fail (LQ_IS_ABX_TEST (self));
  set_string (self, &self->name[LQ_ABX_A], name, PROP_NAME_A);
}

const char *
lq_abx_test_get_name_b (LqAbxTest *self)
{
  g_return_val_if_fail (LQ_IS_ABX_TEST (self), NULL);
  return self->name[LQ_ABX_B];
}

void
lq_abx_test_set_name_b (LqAbxTest  *self,
                        const char *name)
{
  g_return_if_fail (LQ_IS_ABX_TEST (self));
  set_string (self, &self->name[LQ_ABX_B], name, PROP_NAME_B);
}

const char *
lq_abx_test_get_identity_a (LqAbxTest *self)
{
  g_return_val_if_fail (LQ_IS_ABX_TEST (self), NULL);
  return self->identity[LQ_ABX_A];
}

void
lq_abx_test_set_identity_a (LqAbxTest  *self,
                            const char *identity)
{
  g_return_if_fail (LQ_IS_ABX_TEST (self));
  set_string (self, &self->identity[LQ_ABX_A], identity, PROP_IDENTITY_A);
}

const char *
lq_abx_test_get_identity_b (LqAbxTest *self)
{
  g_return_val_if_fail (LQ_IS_ABX_TEST (self), NULL);
  return self->identity[LQ_ABX_B];
}

void
lq_abx_test_set_identity_b (LqAbxTest  *self,
                            const char *identity)
{
  g_return_if_fail (LQ_IS_ABX_TEST (self));
  set_string (self, &self->identity[LQ_ABX_B], identity, PROP_IDENTITY_B);
}

const char *
lq_abx_test_get_device (LqAbxTest *self)
{
  g_return_val_if_fail (LQ_IS_ABX_TEST (self), NULL);
  return self->device;
}

void
lq_abx_test_set_device (LqAbxTest  *self,
                        const char *device)
{
  g_return_if_fail (LQ_IS_ABX_TEST (self));
  set_string (self, &self->device, device, PROP_DEVICE);
}

guint
lq_abx_test_get_n_trials (LqAbxTest *self)
{
  g_return_val_if_fail (LQ_IS_ABX_TEST (self), 0);
  return self->n_trials;
}

void
lq_abx_test_set_n_trials (LqAbxTest *self,
                          guint      n_trials)
{
  g_return_if_fail (LQ_IS_ABX_TEST (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (n_trials >= 1 && n_trials <= LQ_ABX_MAX_TRIALS);

  if (self->n_trials == n_trials)
    return;
  self->n_trials = n_trials;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_TRIALS]);
}

guint64
lq_abx_test_get_seed (LqAbxTest *self)
{
  g_return_val_if_fail (LQ_IS_ABX_TEST (self), 0);
  return self->seed;
}

void
lq_abx_test_set_seed (LqAbxTest *self,
                      guint64    seed)
{
  g_return_if_fail (LQ_IS_ABX_TEST (self));
  g_return_if_fail (!self->started);

  if (self->seed == seed)
    return;
  self->seed = seed;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SEED]);
}

double
lq_abx_test_get_crossfade_ms (LqAbxTest *self)
{
  g_return_val_if_fail (LQ_IS_ABX_TEST (self), 0.0);
  return self->crossfade_ms;
}

void
lq_abx_test_set_crossfade_ms (LqAbxTest *self,
                              double     ms)
{
  g_return_if_fail (LQ_IS_ABX_TEST (self));
  set_double (self, &self->crossfade_ms, ms, PROP_CROSSFADE_MS);
}

double
lq_abx_test_get_segment_start (LqAbxTest *self)
{
  g_return_val_if_fail (LQ_IS_ABX_TEST (self), 0.0);
  return self->segment_start;
}

void
lq_abx_test_set_segment_start (LqAbxTest *self,
                               double     seconds)
{
  g_return_if_fail (LQ_IS_ABX_TEST (self));
  set_double (self, &self->segment_start, seconds, PROP_SEGMENT_START);
}

double
lq_abx_test_get_segment_end (LqAbxTest *self)
{
  g_return_val_if_fail (LQ_IS_ABX_TEST (self), 0.0);
  return self->segment_end;
}

void
lq_abx_test_set_segment_end (LqAbxTest *self,
                             double     seconds)
{
  g_return_if_fail (LQ_IS_ABX_TEST (self));
  set_double (self, &self->segment_end, seconds, PROP_SEGMENT_END);
}

gboolean
lq_abx_test_get_whole_file (LqAbxTest *self)
{
  g_return_val_if_fail (LQ_IS_ABX_TEST (self), TRUE);
  return self->segment_end <= self->segment_start;
}

void
lq_abx_test_set_levels (LqAbxTest *self,
                        double     level_a,
                        double     level_b)
{
  g_return_if_fail (LQ_IS_ABX_TEST (self));
  g_return_if_fail (!self->started);

  self->has_levels = isfinite (level_a) && isfinite (level_b);
  self->level[LQ_ABX_A] = level_a;
  self->level[LQ_ABX_B] = level_b;
}

gboolean
lq_abx_test_get_levels (LqAbxTest *self,
                        double    *level_a,
                        double    *level_b)
{
  g_return_val_if_fail (LQ_IS_ABX_TEST (self), FALSE);

  if (level_a)
    *level_a = self->has_levels ? self->level[LQ_ABX_A] : NAN;
  if (level_b)
    *level_b = self->has_levels ? self->level[LQ_ABX_B] : NAN;
  return self->has_levels;
}

/* ---- running ----------------------------------------------------------------------------- */

static void
start_at (LqAbxTest *self,
          gint64     time_us)
{
  self->started = TRUE;
  self->started_us = time_us;
  self->x = g_new (LqAbxChoice, self->n_trials);
  self->trials = g_new0 (Trial, self->n_trials);
  lq_abx_draw (self->seed, self->x, self->n_trials);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STARTED]);
}

void
lq_abx_test_start (LqAbxTest *self)
{
  g_return_if_fail (LQ_IS_ABX_TEST (self));
  g_return_if_fail (!self->started);

  start_at (self, g_get_real_time ());
}

gboolean
lq_abx_test_get_started (LqAbxTest *self)
{
  g_return_val_if_fail (LQ_IS_ABX_TEST (self), FALSE);
  return self->started;
}

guint
lq_abx_test_get_trial (LqAbxTest *self)
{
  g_return_val_if_fail (LQ_IS_ABX_TEST (self), 0);
  return self->n_answered;
}

gboolean
lq_abx_test_get_finished (LqAbxTest *self)
{
  g_return_val_if_fail (LQ_IS_ABX_TEST (self), FALSE);
  return self->started && self->n_answered == self->n_trials;
}

LqAbxChoice
lq_abx_test_get_x (LqAbxTest *self)
{
  g_return_val_if_fail (LQ_IS_ABX_TEST (self), LQ_ABX_A);
  g_return_val_if_fail (self->started && !lq_abx_test_get_finished (self), LQ_ABX_A);

  return self->x[self->n_answered];
}

static void
record_answer (LqAbxTest   *self,
               LqAbxChoice  answer,
               gint64       time_us)
{
  g_assert (self->n_answered < self->n_trials);

  self->trials[self->n_answered].answer = answer;
  self->trials[self->n_answered].time_us = time_us;
  self->n_answered++;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TRIAL]);
  if (self->n_answered == self->n_trials)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FINISHED]);
}

void
lq_abx_test_answer (LqAbxTest   *self,
                    LqAbxChoice  answer)
{
  g_return_if_fail (LQ_IS_ABX_TEST (self));
  g_return_if_fail (answer == LQ_ABX_A || answer == LQ_ABX_B);
  g_return_if_fail (self->started && !lq_abx_test_get_finished (self));

  record_answer (self, answer, g_get_real_time ());
}

gboolean
lq_abx_test_get_score (LqAbxTest *self,
                       guint     *k,
                       guint     *n,
                       double    *p)
{
  guint correct = 0;

  g_return_val_if_fail (LQ_IS_ABX_TEST (self), FALSE);

  if (!lq_abx_test_get_finished (self))
    return FALSE;
  for (guint i = 0; i < self->n_trials; i++)
    correct += self->trials[i].answer == self->x[i];
  if (k)
    *k = correct;
  if (n)
    *n = self->n_trials;
  if (p)
    *p = lq_abx_p_value (correct, self->n_trials);
  return TRUE;
}

char *
lq_abx_test_dup_verdict (LqAbxTest *self)
{
  double p;

  g_return_val_if_fail (LQ_IS_ABX_TEST (self), NULL);

  if (!lq_abx_test_get_score (self, NULL, NULL, &p))
    return NULL;
  return lq_abx_dup_verdict_for_p (p);
}

/* ---- log --------------------------------------------------------------------------------- */

/* "2026-03-01T10:15:02.123Z": UTC, so that logs from anywhere sort and compare. */
static char *
format_time (gint64 time_us)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autofree char *base = t ? g_date_time_format (t, "%Y-%m-%dT%H:%M:%S") : g_strdup ("?");

  return g_strdup_printf ("%s.%03dZ", base, (int) (time_us % G_USEC_PER_SEC / 1000));
}

static const char *
letter (LqAbxChoice c)
{
  return c == LQ_ABX_A ? "A" : "B";
}

static void
append_number (GString    *s,
               const char *format,
               double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (s, g_ascii_formatd (buf, sizeof buf, format, value));
}

/* The log is written in English, whatever the interface language, like the session file:
 * it is a record to compare and archive, not a view. */
char *
lq_abx_test_dup_log (LqAbxTest *self)
{
  GString *s;
  g_autofree char *started = NULL;
  g_autofree char *ptext = NULL;
  guint k, n;
  double p;

  g_return_val_if_fail (LQ_IS_ABX_TEST (self), NULL);

  if (!lq_abx_test_get_score (self, &k, &n, &p))
    return NULL;

  s = g_string_new ("Lacquer blind A/B/X test\n\n");
  for (LqAbxChoice c = LQ_ABX_A; c <= LQ_ABX_B; c++)
    g_string_append_printf (s, "%s: %s\n   %s\n", letter (c),
                            self->name[c] ? self->name[c] : "",
                            self->identity[c] ? self->identity[c] : "(no identity)");
  if (self->has_levels)
    {
      g_string_append (s, "Matched levels: A ");
      append_number (s, "%.2f", self->level[LQ_ABX_A]);
      g_string_append (s, " LUFS, B ");
      append_number (s, "%.2f", self->level[LQ_ABX_B]);
      g_string_append (s, " LUFS\n");
    }
  if (self->device)
    g_string_append_printf (s, "Device: %s\n", self->device);
  g_string_append (s, "Segment: ");
  if (lq_abx_test_get_whole_file (self))
    g_string_append (s, "whole file");
  else
    {
      append_number (s, "%.3f", self->segment_start);
      g_string_append (s, " s to ");
      append_number (s, "%.3f", self->segment_end);
      g_string_append (s, " s");
    }
  g_string_append (s, "\nCrossfade: ");
  append_number (s, "%.1f", self->crossfade_ms);
  started = format_time (self->started_us);
  g_string_append_printf (s, " ms\nSeed: %" G_GUINT64_FORMAT "\nStarted: %s\n\n", self->seed,
                          started);

  g_string_append (s, "Trial  Answered                  X  Answer  Result\n");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *when = format_time (self->trials[i].time_us);

      g_string_append_printf (s, "%5u  %-24s  %s  X is %s  %s\n", i + 1, when,
                              letter (self->x[i]), letter (self->trials[i].answer),
                              self->trials[i].answer == self->x[i] ? "correct" : "wrong");
    }
  ptext = format_p (p);
  g_string_append_printf (s, "\nScore: %u/%u correct\n", k, n);
  g_string_append_printf (s, "p = %s (one-sided binomial: the chance of scoring this well "
                          "or better by guessing)\n", ptext);
  g_string_append_printf (s, "Verdict: ");
  g_string_append_printf (s, verdict_format (p), ptext);
  g_string_append (s, "\n");
  return g_string_free (s, FALSE);
}

/* ---- session file ------------------------------------------------------------------------ */

gint64
_lq_abx_test_get_started_us (LqAbxTest *self)
{
  g_return_val_if_fail (LQ_IS_ABX_TEST (self), 0);
  return self->started_us;
}

void
_lq_abx_test_get_answer (LqAbxTest   *self,
                         guint        i,
                         LqAbxChoice *answer,
                         gint64      *time_us)
{
  g_return_if_fail (LQ_IS_ABX_TEST (self));
  g_return_if_fail (i < self->n_answered);

  *answer = self->trials[i].answer;
  *time_us = self->trials[i].time_us;
}

void
_lq_abx_test_restore (LqAbxTest         *self,
                      gint64             started_us,
                      const LqAbxChoice *answers,
                      const gint64      *times_us,
                      guint              n)
{
  g_return_if_fail (LQ_IS_ABX_TEST (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (n <= self->n_trials);

  start_at (self, started_us);
  for (guint i = 0; i < n; i++)
    record_answer (self, answers[i], times_us[i]);
}
