/* lq-demo.c
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

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lq-audio-writer.h"
#include "lq-db.h"
#include "lq-demo.h"
#include "lq-file-analysis.h"

/* A four-chord loop at 120 BPM (one bar = 2 s): an intro of pads and hats, a verse with the
 * full kit, a breakdown without drums and a louder last section, so that the loudness
 * history, the range and the waveform all have something to show. Everything is a pure
 * function of time except the noise generator and a few one-pole filters, which run in
 * order from a fixed seed, so every render of a track gives the same samples. */

#define BEAT        0.5
#define BAR         (4 * BEAT)
#define CHUNK       4096
#define TABLE_SIZE  2048
#define N_CHORDS    4

typedef struct
{
  double bass;               /* Hz */
  double notes[3];           /* Hz */
} Chord;

/* clang-format off */
static const Chord mix_chords[N_CHORDS] = {
  { 55.00,  { 220.00, 261.63, 329.63 } },   /* Am */
  { 43.65,  { 174.61, 220.00, 261.63 } },   /* F  */
  { 65.41,  { 261.63, 329.63, 392.00 } },   /* C  */
  { 49.00,  { 196.00, 246.94, 293.66 } },   /* G  */
};
static const Chord reference_chords[N_CHORDS] = {
  { 65.41,  { 523.25, 659.26, 783.99 } },   /* C  */
  { 49.00,  { 392.00, 493.88, 587.33 } },   /* G  */
  { 55.00,  { 440.00, 523.25, 659.26 } },   /* Am */
  { 43.65,  { 349.23, 440.00, 523.25 } },   /* F  */
};
/* clang-format on */

typedef struct
{
  gboolean drums;
  gboolean bass;
  double   pad;
  double   hats;
  gboolean open_hats;
} Section;

typedef struct
{
  LqDemoTrack  track;
  double       seconds;
  double       prescale;     /* before the saturation */
  double       saturate;     /* soft-clip knee (reference only), 0 for none */
  double       gain;         /* after everything */
} RenderParams;

typedef struct
{
  const Chord *chords;
  gboolean     bright;
  guint32      rng;
  float        table[TABLE_SIZE + 1];
  double       hat_lp;
  double       snare_lp;
  double       tilt_lp[2];
} Synth;

typedef gboolean (*ChunkFunc) (const float  *frames,
                               guint         n_frames,
                               gpointer      user_data,
                               GError      **error);

static Section
section_for_bar (int bar)
{
  if (bar < 2)
    return (Section) { FALSE, FALSE, 1.0, 0.9, FALSE };      /* intro */
  if (bar < 9)
    return (Section) { TRUE, TRUE, 0.8, 1.0, FALSE };        /* verse */
  if (bar < 11)
    return (Section) { FALSE, TRUE, 0.7, 0.0, FALSE };       /* breakdown */
  return (Section) { TRUE, TRUE, 1.1, 1.2, TRUE };           /* last section */
}

static void
synth_init (Synth       *self,
            LqDemoTrack  track)
{
  double peak = 0.0;
  int harmonics;
  double rolloff;

  memset (self, 0, sizeof *self);
  self->bright = track == LQ_DEMO_TRACK_REFERENCE;
  self->chords = self->bright ? reference_chords : mix_chords;
  self->rng = self->bright ? 0x2545f491u : 0x9e3779b9u;

  /* One cycle of a soft saw (mix) or a brighter, richer one (reference). */
  harmonics = self->bright ? 12 : 6;
  rolloff = self->bright ? 0.8 : 1.3;
  for (int i = 0; i <= TABLE_SIZE; i++)
    {
      double x = (double) i / TABLE_SIZE, v = 0.0;

      for (int h = 1; h <= harmonics; h++)
        v += sin (2.0 * G_PI * h * x) / pow (h, rolloff);
      self->table[i] = (float) v;
      peak = MAX (peak, fabs (v));
    }
  for (int i = 0; i <= TABLE_SIZE; i++)
    self->table[i] /= (float) peak;
}

static inline double
synth_noise (Synth *self)
{
  guint32 x = self->rng;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  self->rng = x;
  return (double) (gint32) x / 2147483648.0;
}

static inline double
synth_table (const Synth *self,
             double       phase)
{
  double pos = (phase - floor (phase)) * TABLE_SIZE;
  int i = (int) pos;
  double t = pos - i;

  return self->table[i] * (1.0 - t) + self->table[i + 1] * t;
}

static inline double
ramp (double t,
      double length)
{
  return t <= 0.0 ? 0.0 : t >= length ? 1.0 : t / length;
}

/* One stereo frame at time t (seconds) of a track `seconds` long. */
static void
synth_frame (Synth  *self,
             double  t,
             double  seconds,
             double *left,
             double *right)
{
  int bar = (int) (t / BAR);
  double tb = t - bar * BAR;
  int beat = (int) (tb / BEAT);
  double tbeat = tb - beat * BEAT;
  int eighth = (int) (tb / (BEAT / 2));
  double teighth = tb - eighth * (BEAT / 2);
  const Chord *chord = &self->chords[bar % N_CHORDS];
  Section s = section_for_bar (bar);
  double l = 0.0, r = 0.0;
  double n = synth_noise (self);
  double fade;

  /* Kick on 1 and 3: a sine swept down from 120 Hz with a fast decay. */
  if (s.drums && (beat == 0 || beat == 2))
    {
      double sweep = 0.03;
      double phase = 2.0 * G_PI * (45.0 * tbeat + 75.0 * sweep * (1.0 - exp (-tbeat / sweep)));
      double k = 0.4 * ramp (tbeat, 0.001) * exp (-tbeat / 0.22) * sin (phase);

      l += k;
      r += k;
    }

  /* Snare on 2 and 4: filtered noise and a short 185 Hz body. */
  if (s.drums && (beat == 1 || beat == 3))
    {
      double env = exp (-tbeat / (self->bright ? 0.07 : 0.1));
      double body = 0.25 * sin (2.0 * G_PI * 185.0 * tbeat) * exp (-tbeat / 0.05);
      double sn;

      self->snare_lp += (self->bright ? 0.6 : 0.35) * (n - self->snare_lp);
      sn = ramp (tbeat, 0.0008) * (0.32 * env * self->snare_lp + body);
      l += sn;
      r += sn;
    }

  /* Hats on every eighth, louder off the beat: band-passed noise. */
  if (s.hats > 0.0)
    {
      double lp = self->hat_lp + 0.55 * (n - self->hat_lp);
      double hp = (self->bright ? 1.8 : 1.2) * (lp - self->hat_lp);
      double decay = (s.open_hats && eighth % 2 == 1) ? 0.12 : 0.035;
      double h = s.hats * (eighth % 2 ? 0.11 : 0.07) * exp (-teighth / decay) * hp;

      self->hat_lp = lp;
      l += h * 0.6;
      r += h * 1.0;
    }

  /* Bass: the chord root on every eighth. */
  if (s.bass)
    {
      double f = chord->bass;
      double ph = 2.0 * G_PI * f * teighth;
      double env = ramp (teighth, 0.004) * ramp (BEAT / 2 - teighth, 0.01)
                   * (0.55 + 0.45 * exp (-teighth / 0.08));
      double b = 0.26 * env * (sin (ph) + 0.3 * sin (2.0 * ph) + 0.12 * sin (3.0 * ph));

      l += b;
      r += b;
    }

  /* Chords: three slightly detuned wavetable voices per side, one chord per bar. */
  if (s.pad > 0.0)
    {
      double env = s.pad * 0.11 * ramp (tb, 0.06) * ramp (BAR - tb, 0.05)
                   * (0.8 + 0.2 * exp (-tb / 0.4));

      for (int v = 0; v < 3; v++)
        {
          double f = chord->notes[v];

          l += env * synth_table (self, f * 0.997 * tb + 0.13 * v);
          r += env * synth_table (self, f * 1.003 * tb + 0.29 * v);
        }
    }

  /* The reference is mastered brighter: a first-order tilt lifting everything above ~2 kHz. */
  if (self->bright)
    {
      self->tilt_lp[0] += 0.25 * (l - self->tilt_lp[0]);
      self->tilt_lp[1] += 0.25 * (r - self->tilt_lp[1]);
      l += 0.9 * (l - self->tilt_lp[0]);
      r += 0.9 * (r - self->tilt_lp[1]);
    }

  fade = ramp (t, 0.01) * ramp (seconds - t, 1.5);
  *left = l * fade;
  *right = r * fade;
}

static gboolean
render (const RenderParams  *params,
        ChunkFunc            func,
        gpointer             user_data,
        GError             **error)
{
  Synth synth;
  float buf[CHUNK * 2];
  gint64 total = (gint64) llround (params->seconds * LQ_DEMO_RATE);

  synth_init (&synth, params->track);

  for (gint64 pos = 0; pos < total; pos += CHUNK)
    {
      guint n = (guint) MIN (CHUNK, total - pos);

      for (guint i = 0; i < n; i++)
        {
          double l, r;

          synth_frame (&synth, (double) (pos + i) / LQ_DEMO_RATE, params->seconds, &l, &r);
          l *= params->prescale;
          r *= params->prescale;
          if (params->saturate > 0.0)
            {
              l = params->saturate * tanh (l / params->saturate);
              r = params->saturate * tanh (r / params->saturate);
            }
          buf[2 * i] = (float) (l * params->gain);
          buf[2 * i + 1] = (float) (r * params->gain);
        }
      if (!func (buf, n, user_data, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
measure_chunk (const float  *frames,
               guint         n_frames,
               gpointer      user_data,
               GError      **error)
{
  lq_file_analysis_process (user_data, frames, n_frames);
  return TRUE;
}

/* Integrated loudness of a render, in LUFS. */
static double
measure (const RenderParams *params)
{
  LqFileAnalysisConfig config = { .sample_rate = LQ_DEMO_RATE, .channels = 2 };
  LqLoudnessSummary summary;
  LqFileAnalysis *pass = lq_file_analysis_new (&config, NULL);

  g_assert (pass != NULL);
  render (params, measure_chunk, pass, NULL);
  lq_file_analysis_finish (pass, &summary);
  lq_file_analysis_free (pass);
  return summary.integrated_lufs;
}

static gboolean
write_chunk (const float  *frames,
             guint         n_frames,
             gpointer      user_data,
             GError      **error)
{
  return lq_audio_writer_write (user_data, frames, n_frames, error);
}

gboolean
lq_demo_write_track (LqDemoTrack   track,
                     const char   *path,
                     double        seconds,
                     GError      **error)
{
  g_autoptr(LqAudioWriter) writer = NULL;
  RenderParams params = { track, seconds, 1.0, 0.0, 1.0 };
  double lufs;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (seconds > 2.0, FALSE);

  lufs = measure (&params);
  if (track == LQ_DEMO_TRACK_REFERENCE)
    {
      /* A loud master: bring it to -14 LUFS, soft-clip above about -6 dBFS, then lift it to
       * the target; peaks land just under -1 dBFS. */
      params.prescale = lq_db_to_gain (-14.0 - lufs);
      params.saturate = 0.4;
      lufs = measure (&params);
      params.gain = lq_db_to_gain (LQ_DEMO_REFERENCE_LUFS - lufs);
    }
  else
    params.gain = lq_db_to_gain (LQ_DEMO_MIX_LUFS - lufs);

  writer = lq_audio_writer_new (path, LQ_FILE_FORMAT_WAV, LQ_SAMPLE_FORMAT_S24, LQ_DEMO_RATE, 2,
                                TRUE, NULL, error);
  if (writer == NULL)
    return FALSE;
  if (!render (&params, write_chunk, writer, error))
    return FALSE;
  return lq_audio_writer_commit (writer, error);
}

gboolean
lq_demo_ensure (const char  *dir,
                char       **mix_path,
                char       **reference_path,
                GError     **error)
{
  g_autofree char *default_dir = NULL;
  g_autofree char *mix = NULL;
  g_autofree char *reference = NULL;

  if (dir == NULL)
    dir = default_dir = g_build_filename (g_get_user_cache_dir (), "lacquer", "demo-1", NULL);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", display,
                   g_strerror (saved));
      return FALSE;
    }

  /* File names are what the window shows as titles. The writer renames a finished file into
   * place, so one that exists is complete. */
  mix = g_build_filename (dir, "Demo Mix.wav", NULL);
  reference = g_build_filename (dir, "Demo Reference.wav", NULL);

  if (!g_file_test (mix, G_FILE_TEST_IS_REGULAR)
      && !lq_demo_write_track (LQ_DEMO_TRACK_MIX, mix, LQ_DEMO_SECONDS, error))
    return FALSE;
  if (!g_file_test (reference, G_FILE_TEST_IS_REGULAR)
      && !lq_demo_write_track (LQ_DEMO_TRACK_REFERENCE, reference, LQ_DEMO_SECONDS, error))
    return FALSE;

  if (mix_path)
    *mix_path = g_steal_pointer (&mix);
  if (reference_path)
    *reference_path = g_steal_pointer (&reference);
  return TRUE;
}
