/* lq-check.c
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

/* The thresholds are conventions, not standards: each is a named setting in one table, its
 * default cited (a mastering convention where one exists, otherwise marked as Lacquer's own
 * choice). Change a row only with a source, and bump LQ_CHECK_SETTINGS_VERSION (lq-check.h)
 * with it. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "lq-check.h"

#define MIX_CONVENTION "mix-for-mastering convention (LEVELS mix preset, mastering engineers' " \
                       "delivery notes)"
#define OURS           "Lacquer's own choice, no published convention"

#define ROW(field, name, unit, d, strict, relaxed, source) \
  { name, offsetof (LqCheckSettings, field), unit, { d, strict, relaxed }, source }

/* clang-format off */
static const LqCheckSetting settings_table[] = {
  ROW (peak_advice_dbfs, "peak-advice-dbfs", "dBFS", -3.0, -6.0, -1.0,
       MIX_CONVENTION ": sample and true peak at -3 to -6 dBFS"),
  ROW (peak_problem_dbfs, "peak-problem-dbfs", "dBFS", -1.0, -3.0, -0.1, OURS),
  ROW (true_peak_advice_dbtp, "true-peak-advice-dbtp", "dBTP", -3.0, -6.0, -1.0,
       MIX_CONVENTION ": sample and true peak at -3 to -6 dBFS"),
  ROW (true_peak_problem_dbtp, "true-peak-problem-dbtp", "dBTP", -1.0, -3.0, 0.0, OURS),
  ROW (loudness_min_lufs, "loudness-min-lufs", "LUFS", -20.0, -20.0, -23.0,
       MIX_CONVENTION ": integrated -18 to -20 LUFS"),
  ROW (loudness_max_lufs, "loudness-max-lufs", "LUFS", -18.0, -18.0, -14.0,
       MIX_CONVENTION ": integrated -18 to -20 LUFS"),
  ROW (plr_min_db, "plr-min-db", "dB", 8.0, 10.0, 6.0,
       MIX_CONVENTION ": PLR under about 8 dB suggests a bus limiter"),
  ROW (clip_level_dbfs, "clip-level-dbfs", "dBFS", -0.01, -0.01, -0.01,
       MIX_CONVENTION ": at or within 0.01 dB of full scale"),
  ROW (clip_min_samples, "clip-min-samples", "samples", 3, 3, 3,
       MIX_CONVENTION ": three or more consecutive samples"),
  ROW (dc_max_dbfs, "dc-max-dbfs", "dBFS", -60.0, -70.0, -50.0,
       MIX_CONVENTION ": a mean above -60 dBFS per channel"),
  ROW (correlation_below, "correlation-below", "", 0.0, 0.0, -0.2,
       MIX_CONVENTION ": correlation below 0"),
  ROW (correlation_min_s, "correlation-min-s", "s", 1.0, 0.5, 2.0,
       MIX_CONVENTION ": held for over 1 s"),
  ROW (low_cutoff_hz, "low-cutoff-hz", "Hz", 120.0, 120.0, 120.0,
       MIX_CONVENTION ": side against mid under 120 Hz"),
  ROW (low_side_advice_db, "low-side-advice-db", "dB", -15.0, -20.0, -10.0,
       MIX_CONVENTION ": side energy within 15 dB of the mid"),
  ROW (low_side_problem_db, "low-side-problem-db", "dB", 0.0, -6.0, 3.0, OURS),
  ROW (high_cutoff_hz, "high-cutoff-hz", "Hz", 16000.0, 16000.0, 16000.0,
       "ITU-R BS.1770-4 Annex 1: K-weighting has no low-pass, energy above 16 kHz counts"),
  ROW (high_energy_advice_db, "high-energy-advice-db", "dB", -25.0, -30.0, -20.0, OURS),
  ROW (silence_dbfs, "silence-dbfs", "dBFS", -60.0, -60.0, -60.0, OURS),
  ROW (leading_silence_max_s, "leading-silence-max-s", "s", 1.0, 0.5, 2.0, OURS),
  ROW (trailing_silence_max_s, "trailing-silence-max-s", "s", 5.0, 3.0, 10.0, OURS),
  ROW (end_peak_max_dbfs, "end-peak-max-dbfs", "dBFS", -30.0, -40.0, -20.0, OURS),
  ROW (min_sample_rate_hz, "min-sample-rate-hz", "Hz", 44100.0, 44100.0, 44100.0,
       MIX_CONVENTION ": sample rate and bit depth"),
  ROW (min_bits, "min-bits", "bits", 24, 24, 16,
       MIX_CONVENTION ": warn on 16-bit or lossy input"),
};
/* clang-format on */

static const char *const profile_names[LQ_CHECK_N_PROFILES] = { "default", "strict", "relaxed" };

const char *
lq_check_profile_to_string (LqCheckProfile profile)
{
  g_return_val_if_fail (profile < LQ_CHECK_N_PROFILES, NULL);
  return profile_names[profile];
}

gboolean
lq_check_profile_from_string (const char     *name,
                              LqCheckProfile *profile)
{
  for (guint i = 0; i < LQ_CHECK_N_PROFILES; i++)
    if (g_strcmp0 (name, profile_names[i]) == 0)
      {
        *profile = i;
        return TRUE;
      }
  return FALSE;
}

const char *
lq_check_severity_to_string (LqCheckSeverity severity)
{
  switch (severity)
    {
    case LQ_CHECK_PROBLEM:
      return "problem";
    case LQ_CHECK_ADVICE:
      return "advice";
    case LQ_CHECK_OK:
    default:
      return "ok";
    }
}

const char *
lq_check_severity_get_label (LqCheckSeverity severity)
{
  switch (severity)
    {
    case LQ_CHECK_PROBLEM:
      return _("problem");
    case LQ_CHECK_ADVICE:
      return _("advice");
    case LQ_CHECK_OK:
    default:
      return _("ok");
    }
}

guint
lq_check_settings_get_n (void)
{
  return G_N_ELEMENTS (settings_table);
}

const LqCheckSetting *
lq_check_settings_get (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (settings_table), NULL);
  return &settings_table[index];
}

static double *
setting_field (LqCheckSettings      *settings,
               const LqCheckSetting *row)
{
  return (double *) ((char *) settings + row->offset);
}

void
lq_check_settings_init (LqCheckSettings *settings,
                        LqCheckProfile   profile)
{
  g_return_if_fail (settings != NULL);
  g_return_if_fail (profile < LQ_CHECK_N_PROFILES);

  for (guint i = 0; i < G_N_ELEMENTS (settings_table); i++)
    *setting_field (settings, &settings_table[i]) = settings_table[i].values[profile];
}

gboolean
lq_check_settings_set (LqCheckSettings *settings,
                       const char      *name,
                       double           value)
{
  g_return_val_if_fail (settings != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (settings_table); i++)
    if (g_strcmp0 (name, settings_table[i].name) == 0)
      {
        *setting_field (settings, &settings_table[i]) = value;
        return TRUE;
      }
  return FALSE;
}

void
lq_check_settings_to_config (const LqCheckSettings *s,
                             LqMixCheckConfig      *config)
{
  g_return_if_fail (s != NULL && config != NULL);

  *config = (LqMixCheckConfig) {
    .clip_level_dbfs = s->clip_level_dbfs,
    .clip_min_samples = (uint32_t) MAX (1.0, round (s->clip_min_samples)),
    .correlation_below = s->correlation_below,
    .correlation_min_s = MAX (0.0, s->correlation_min_s),
    .low_cutoff_hz = s->low_cutoff_hz,
    .high_cutoff_hz = s->high_cutoff_hz,
    .silence_dbfs = s->silence_dbfs,
  };
  /* Every profile's correlation rule too, so that the window can judge one pass by any
   * profile: stretches cannot be re-derived from the readings of another rule. */
  for (guint p = 0; p < LQ_CHECK_N_PROFILES; p++)
    {
      LqCheckSettings other;
      LqCorrelationRule rule;
      gboolean known;

      lq_check_settings_init (&other, p);
      rule = (LqCorrelationRule) { other.correlation_below, MAX (0.0, other.correlation_min_s) };
      known = rule.below == config->correlation_below && rule.min_s == config->correlation_min_s;
      for (guint i = 0; i < config->n_more_correlation; i++)
        known |= rule.below == config->more_correlation[i].below
                 && rule.min_s == config->more_correlation[i].min_s;
      if (!known)
        config->more_correlation[config->n_more_correlation++] = rule;
    }
}

/* The stretches the pass measured by the settings' correlation rule, or NULL when it did
 * not measure that rule. */
static const LqCorrelationReading *
find_correlation (const LqMixCheckResult *c,
                  const LqCheckSettings  *s,
                  LqCorrelationReading   *own)
{
  double min_s = MAX (0.0, s->correlation_min_s);

  if (c->correlation_rule.below == s->correlation_below && c->correlation_rule.min_s == min_s)
    {
      own->rule = c->correlation_rule;
      own->n_stretches = c->n_negative_stretches;
      own->n_stretches_kept = c->n_negative_stretches_kept;
      memcpy (own->stretches, c->negative_stretches,
              c->n_negative_stretches_kept * sizeof (LqCorrelationStretch));
      return own;
    }
  for (guint i = 0; i < c->n_more_correlation; i++)
    if (c->more_correlation[i].rule.below == s->correlation_below
        && c->more_correlation[i].rule.min_s == min_s)
      return &c->more_correlation[i];
  return NULL;
}

/* Times as m:ss.mmm, to find the spot in a DAW. */
char *
lq_check_format_time (double seconds)
{
  int minutes = (int) (seconds / 60.0);

  return g_strdup_printf ("%d:%06.3f", minutes, seconds - 60.0 * minutes);
}

char *
lq_check_format_duration (double seconds)
{
  if (seconds < 1.0)
    return g_strdup_printf (_("%.1f ms"), seconds * 1000.0);
  return g_strdup_printf (_("%.3f s"), seconds);
}

char *
lq_check_finding_format_value (const LqCheckFinding *f)
{
  g_return_val_if_fail (f != NULL, NULL);

  if (f->value_is_bool)
    return g_strdup (f->value != 0.0 ? _("yes") : _("no"));
  if (!isfinite (f->value))
    return g_strdup ("—");
  /* Counts, rates and depths are whole; levels keep two decimals even when round. */
  if (f->value == floor (f->value) && fabs (f->value) < 1e9
      && (g_str_equal (f->unit, "runs") || g_str_equal (f->unit, "stretches")
          || g_str_equal (f->unit, "Hz") || g_str_has_prefix (f->unit, "bits")))
    return g_strdup_printf ("%.0f %s", f->value, f->unit);
  /* Never "-0.00": a sample peak at full scale rounds to zero from below. */
  return g_strdup_printf ("%.2f %s", fabs (f->value) < 0.005 ? 0.0 : f->value, f->unit);
}

char *
lq_check_finding_format_threshold (const LqCheckFinding *f)
{
  g_return_val_if_fail (f != NULL, NULL);

  if (f->setting == NULL || !isfinite (f->threshold))
    return NULL;
  /* In the setting's own unit: a count of runs is judged by a number of samples. */
  for (guint i = 0; i < G_N_ELEMENTS (settings_table); i++)
    if (g_str_equal (f->setting, settings_table[i].name))
      return g_strdup_printf ("%g %s", f->threshold, settings_table[i].unit);
  return g_strdup_printf ("%g", f->threshold);
}

static void
finding_free (LqCheckFinding *f)
{
  g_clear_pointer (&f->times, g_array_unref);
  g_free (f);
}

static LqCheckFinding *
add_finding (LqCheckReport *report,
             const char    *id,
             const char    *title,
             double         value,
             const char    *unit)
{
  LqCheckFinding *f = g_new0 (LqCheckFinding, 1);

  f->id = id;
  f->title = title;
  f->severity = LQ_CHECK_OK;
  f->channel = -1;
  /* Judged as shown, to 0.01: -17.996 LUFS reads -18.00 and passes a -18 limit. */
  f->value = isfinite (value) ? round (value * 100.0) / 100.0 : value;
  f->unit = unit;
  f->threshold = NAN;
  f->times = g_array_new (FALSE, FALSE, sizeof (LqCheckTime));
  g_ptr_array_add (report->findings, f);
  return f;
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  const LqCheckTime *x = a, *y = b;

  if (x->start_s != y->start_s)
    return x->start_s < y->start_s ? -1 : 1;
  return x->channel - y->channel;
}

static void
add_time (LqCheckFinding *f,
          double          start_s,
          double          duration_s,
          int             channel)
{
  LqCheckTime t = { start_s, duration_s, channel };

  g_array_append_val (f->times, t);
}

/* Higher is worse: problem above the problem limit, advice above the advice limit. A value
 * that does not apply (NAN) or is silence (-inf) is fine. The threshold reported is the one
 * crossed, or the advice limit when none is. */
static void
judge_above (LqCheckFinding *f,
             double          advice,
             const char     *advice_setting,
             double          problem,
             const char     *problem_setting,
             const char     *ok_reason,
             const char     *reason)
{
  f->threshold = advice;
  f->setting = advice_setting;
  f->reason = ok_reason;
  if (isnan (f->value))
    return;
  if (problem_setting != NULL && f->value > problem)
    {
      f->severity = LQ_CHECK_PROBLEM;
      f->threshold = problem;
      f->setting = problem_setting;
      f->reason = reason;
    }
  else if (advice_setting != NULL && f->value > advice)
    {
      f->severity = LQ_CHECK_ADVICE;
      f->reason = reason;
    }
  else if (advice_setting == NULL)
    {
      f->threshold = problem;
      f->setting = problem_setting;
    }
}

static void
check_levels (LqCheckReport         *report,
              const LqCheckSettings *s)
{
  const LqLoudnessSummary *m = &report->result->summary;
  LqCheckFinding *f;
  const char *peak_reason = _("Too little headroom for the mastering chain: turn the mix bus "
                              "down rather than limit it");

  f = add_finding (report, "sample-peak", _("Sample peak"), m->sample_peak_dbfs, "dBFS");
  judge_above (f, s->peak_advice_dbfs, "peak-advice-dbfs", s->peak_problem_dbfs,
               "peak-problem-dbfs", _("Headroom the mastering chain can work with"), peak_reason);

  f = add_finding (report, "true-peak", _("True peak"), m->true_peak_dbtp, "dBTP");
  judge_above (f, s->true_peak_advice_dbtp, "true-peak-advice-dbtp", s->true_peak_problem_dbtp,
               "true-peak-problem-dbtp", _("Headroom the mastering chain can work with"),
               peak_reason);

  f = add_finding (report, "loudness", _("Integrated loudness"), m->integrated_lufs, "LUFS");
  f->threshold = s->loudness_max_lufs;
  f->setting = "loudness-max-lufs";
  f->reason = _("In the usual range for a mix sent to mastering");
  if (isfinite (f->value) && f->value > s->loudness_max_lufs)
    {
      f->severity = LQ_CHECK_ADVICE;
      f->reason = _("Louder than a mix for mastering usually is: bus processing may already "
                    "be doing the mastering's job");
    }
  else if (isfinite (f->value) && f->value < s->loudness_min_lufs)
    {
      f->severity = LQ_CHECK_ADVICE;
      f->threshold = s->loudness_min_lufs;
      f->setting = "loudness-min-lufs";
      f->reason = _("Quieter than a mix for mastering usually is: fine if the peaks are "
                    "healthy, but check the bounce level");
    }

  /* Lower is worse: a small peak-to-loudness ratio means the peaks are already held down. */
  f = add_finding (report, "plr", _("Peak to loudness ratio"), m->plr_db, "dB");
  f->threshold = s->plr_min_db;
  f->setting = "plr-min-db";
  f->reason = _("Dynamics intact: no sign of a bus limiter");
  if (isfinite (f->value) && f->value < s->plr_min_db)
    {
      f->severity = LQ_CHECK_PROBLEM;
      f->reason = _("A bus limiter leaves the mastering limiter nothing to do: send the mix "
                    "without it");
    }
}

static void
check_samples (LqCheckReport         *report,
               const LqCheckSettings *s)
{
  const LqMixCheckResult *c = report->result->check;
  const double rate = c->sample_rate;
  const double duration = (double) c->frames / rate;
  const LqCorrelationReading *corr;
  LqCorrelationReading own;
  LqCheckFinding *f;

  f = add_finding (report, "clipping", _("Clipped runs"), (double) c->n_clip_runs, "runs");
  f->threshold = s->clip_min_samples;
  f->setting = "clip-min-samples";
  f->reason = _("No clipped runs");
  f->n_times = c->n_clip_runs;
  for (guint i = 0; i < c->n_clip_runs_kept; i++)
    add_time (f, c->clip_runs[i].start / rate, c->clip_runs[i].frames / rate,
              (int) c->clip_runs[i].channel);
  /* Runs are kept as they end, channel by channel: list them in time. */
  g_array_sort (f->times, compare_times);
  if (c->n_clip_runs > 0)
    {
      f->severity = LQ_CHECK_PROBLEM;
      f->reason = _("Clipping cannot be undone in mastering: lower the level before the clip "
                    "and bounce again");
    }

  for (guint ch = 0; ch < c->channels; ch++)
    {
      f = add_finding (report, "dc-offset", _("DC offset"), c->dc_offset_dbfs[ch], "dBFS");
      f->channel = (int) ch;
      judge_above (f, s->dc_max_dbfs, "dc-max-dbfs", 0.0, NULL, _("No DC offset to speak of"),
                   _("DC offset wastes headroom and skews the limiter: remove it at the "
                     "source"));
    }

  corr = find_correlation (c, s, &own);
  f = add_finding (report, "negative-correlation", _("Negative correlation"),
                   c->channels == 2 && corr ? (double) corr->n_stretches : NAN, "stretches");
  f->threshold = s->correlation_min_s;
  f->setting = "correlation-min-s";
  f->reason = c->channels != 2 ? _("Applies to stereo files only")
              : corr == NULL ? _("Not measured with this rule: check the mix again")
              : _("No lasting negative correlation");
  f->n_times = corr ? corr->n_stretches : 0;
  for (guint i = 0; corr && i < corr->n_stretches_kept; i++)
    add_time (f, corr->stretches[i].start / rate, corr->stretches[i].frames / rate, -1);
  if (c->channels == 2 && corr && corr->n_stretches > 0)
    {
      f->severity = LQ_CHECK_PROBLEM;
      f->reason = _("Out-of-phase stretches cancel in mono (phones, clubs, radio), and "
                    "mastering cannot fix them without changing the mix");
    }

  f = add_finding (report, "low-end-mono", _("Low end in the side"), c->low_side_to_mid_db, "dB");
  judge_above (f, s->low_side_advice_db, "low-side-advice-db", s->low_side_problem_db,
               "low-side-problem-db",
               c->channels == 2 ? _("The low end is centred and survives mono")
                                : _("Applies to stereo files only"),
               _("Bass in the side signal thins out in mono and makes the low end hard to "
                 "control in mastering: keep it centred"));

  f = add_finding (report, "high-frequency-energy", _("Energy above 16 kHz"), c->high_energy_db,
                   "dB");
  judge_above (f, s->high_energy_advice_db, "high-energy-advice-db", 0.0, NULL,
               isnan (c->high_energy_db) ? _("No band to measure: the sample rate is too low "
                                               "or the file too short")
                                         : _("Little energy above 16 kHz"),
               _("Energy above 16 kHz is barely heard but counts in the loudness reading "
                 "(BS.1770 has no low-pass): check for noise or aliasing"));

  f = add_finding (report, "leading-silence", _("Leading silence"),
                   (double) c->leading_silence / rate, "s");
  judge_above (f, s->leading_silence_max_s, "leading-silence-max-s", 0.0, NULL,
               _("The music starts promptly"),
               _("Long silence before the music: say whether it is meant, or it will be "
                 "trimmed"));
  if (c->leading_silence > 0)
    add_time (f, 0.0, c->leading_silence / rate, -1);
  f->n_times = f->times->len;

  f = add_finding (report, "trailing-silence", _("Trailing silence"),
                   (double) c->trailing_silence / rate, "s");
  judge_above (f, s->trailing_silence_max_s, "trailing-silence-max-s", 0.0, NULL,
               _("The file ends soon after the music"),
               _("Long silence after the music: the end will be trimmed to taste"));
  if (c->trailing_silence > 0)
    add_time (f, (c->frames - c->trailing_silence) / rate, c->trailing_silence / rate, -1);
  f->n_times = f->times->len;

  f = add_finding (report, "cut-off-ending", _("Level at the end"), c->end_peak_dbfs, "dBFS");
  judge_above (f, 0.0, NULL, s->end_peak_max_dbfs, "end-peak-max-dbfs",
               _("The ending decays to silence"),
               _("The file stops while the music still plays: a tail or fade was cut off by "
                 "the bounce range"));
  if (f->severity != LQ_CHECK_OK)
    add_time (f, MAX (0.0, duration - LQ_MIX_CHECK_END_WINDOW_S), LQ_MIX_CHECK_END_WINDOW_S, -1);
  f->n_times = f->times->len;
}

static void
check_format (LqCheckReport         *report,
              const LqCheckSettings *s)
{
  const LqAudioInfo *info = &report->result->info;
  LqCheckFinding *f;

  f = add_finding (report, "sample-rate", _("Sample rate"), info->sample_rate, "Hz");
  f->threshold = s->min_sample_rate_hz;
  f->setting = "min-sample-rate-hz";
  f->reason = _("The sample rate suits mastering");
  if (info->sample_rate < s->min_sample_rate_hz)
    {
      f->severity = LQ_CHECK_ADVICE;
      f->reason = _("Below the delivery rate: the top of the band is already gone; send the "
                    "session's own rate");
    }

  f = add_finding (report, "bit-depth", _("Bit depth"), info->bits > 0 ? info->bits : NAN,
                   info->is_float ? "bits float" : "bits");
  f->threshold = s->min_bits;
  f->setting = "min-bits";
  f->reason = info->bits > 0 ? _("Enough resolution for mastering")
                             : _("A codec: bit depth does not apply");
  if (info->bits > 0 && !info->is_float && info->bits < s->min_bits)
    {
      f->severity = LQ_CHECK_ADVICE;
      f->reason = _("Mastering raises the level and the noise floor with it: send a 24-bit "
                    "or float bounce");
    }

  f = add_finding (report, "lossy-input", _("Lossy input"), info->lossy ? 1.0 : 0.0, "");
  f->value_is_bool = TRUE;
  f->reason = _("Lossless source");
  if (info->lossy)
    {
      f->severity = LQ_CHECK_ADVICE;
      f->reason = _("A lossy file carries codec artefacts into the master: send the original "
                    "WAV or FLAC bounce");
    }
}

LqCheckReport *
lq_check_report_new (LqAnalysisResult      *result,
                     const LqCheckSettings *settings,
                     LqCheckProfile         profile)
{
  LqCheckReport *self;

  g_return_val_if_fail (result != NULL && result->check != NULL, NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  self = g_new0 (LqCheckReport, 1);
  self->result = lq_analysis_result_ref (result);
  self->profile = profile;
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
  check_levels (self, settings);
  check_samples (self, settings);
  check_format (self, settings);
  for (guint i = 0; i < self->findings->len; i++)
    {
      const LqCheckFinding *f = g_ptr_array_index (self->findings, i);

      self->worst = MAX (self->worst, f->severity);
    }
  return self;
}

void
lq_check_report_free (LqCheckReport *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->findings);
  lq_analysis_result_free (self->result);
  g_free (self);
}

LqCheckReport *
lq_check_file (const char             *path,
               LqAnalyzeFlags          flags,
               const LqCheckSettings  *settings,
               LqCheckProfile          profile,
               GCancellable           *cancellable,
               GError                **error)
{
  g_autoptr(LqAnalysisResult) result = NULL;
  LqMixCheckConfig config;

  g_return_val_if_fail (path != NULL && settings != NULL, NULL);

  lq_check_settings_to_config (settings, &config);
  result = lq_analyze_file_with_check (path, flags, &config, cancellable, NULL, NULL, error);
  if (result == NULL)
    return NULL;
  return lq_check_report_new (result, settings, profile);
}
