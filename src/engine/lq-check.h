/* lq-check.h
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

#include <glib.h>

#include "lq-analyze.h"

G_BEGIN_DECLS

/* The mix-readiness check: what a mastering engineer would say on receiving the file. The
 * readings come from the one analysis pass (lq_analyze_file_with_check); this turns them
 * into findings against named settings. The settings are one table (lq-check.c), each row
 * citing where its default comes from, with a "strict" and a "relaxed" profile. */

#define LQ_CHECK_SETTINGS_VERSION 1

typedef enum
{
  LQ_CHECK_OK,
  LQ_CHECK_ADVICE,
  LQ_CHECK_PROBLEM,
} LqCheckSeverity;

typedef enum
{
  LQ_CHECK_PROFILE_DEFAULT,
  LQ_CHECK_PROFILE_STRICT,
  LQ_CHECK_PROFILE_RELAXED,
  LQ_CHECK_N_PROFILES,
} LqCheckProfile;

/* Every threshold of the check. Field names match the rows of the settings table. */
typedef struct
{
  double peak_advice_dbfs;
  double peak_problem_dbfs;
  double true_peak_advice_dbtp;
  double true_peak_problem_dbtp;
  double loudness_min_lufs;
  double loudness_max_lufs;
  double plr_min_db;
  double clip_level_dbfs;
  double clip_min_samples;
  double dc_max_dbfs;
  double correlation_below;
  double correlation_min_s;
  double low_cutoff_hz;
  double low_side_advice_db;
  double low_side_problem_db;
  double high_cutoff_hz;
  double high_energy_advice_db;
  double silence_dbfs;
  double leading_silence_max_s;
  double trailing_silence_max_s;
  double end_peak_max_dbfs;
  double min_sample_rate_hz;
  double min_bits;
} LqCheckSettings;

/* One row of the settings table. */
typedef struct
{
  const char *name;          /* stable: "peak-advice-dbfs" */
  gsize       offset;        /* into LqCheckSettings */
  const char *unit;
  double      values[LQ_CHECK_N_PROFILES];
  const char *source;        /* where the default comes from */
} LqCheckSetting;

typedef struct
{
  double start_s;
  double duration_s;
  int    channel;            /* -1: all channels */
} LqCheckTime;

typedef struct
{
  const char      *id;           /* stable: "clipping", "dc-offset", … */
  const char      *title;        /* translated */
  LqCheckSeverity  severity;
  int              channel;      /* -1 unless the finding is for one channel */
  double           value;        /* NAN where the reading does not apply */
  gboolean         value_is_bool;
  const char      *unit;
  double           threshold;    /* the limit that decided the severity; NAN for none */
  const char      *setting;      /* the name of that limit's setting, NULL for none */
  const char      *reason;       /* one line, translated, tied to mastering */
  GArray          *times;        /* LqCheckTime: where it happens (the first ones) */
  guint64          n_times;      /* how many there are in all */
} LqCheckFinding;

typedef struct
{
  LqAnalysisResult *result;
  LqCheckProfile    profile;
  GPtrArray        *findings;    /* LqCheckFinding, in a fixed order */
  LqCheckSeverity   worst;
} LqCheckReport;

const char     *lq_check_profile_to_string   (LqCheckProfile          profile);
gboolean        lq_check_profile_from_string (const char             *name,
                                              LqCheckProfile         *profile);
const char     *lq_check_severity_to_string  (LqCheckSeverity         severity);
/* The same, translated, for reading. */
const char     *lq_check_severity_get_label  (LqCheckSeverity         severity);

guint                 lq_check_settings_get_n (void);
const LqCheckSetting *lq_check_settings_get   (guint                  index);
void            lq_check_settings_init       (LqCheckSettings        *settings,
                                              LqCheckProfile          profile);
/* Sets one setting by name; FALSE when there is no such setting. */
gboolean        lq_check_settings_set        (LqCheckSettings        *settings,
                                              const char             *name,
                                              double                  value);
/* What the analysis pass has to measure for these settings. */
void            lq_check_settings_to_config  (const LqCheckSettings  *settings,
                                              LqMixCheckConfig       *config);

/* Decodes and analyses path once (flags as for lq_analyze_file) and judges it. */
LqCheckReport  *lq_check_file                (const char             *path,
                                              LqAnalyzeFlags          flags,
                                              const LqCheckSettings  *settings,
                                              LqCheckProfile          profile,
                                              GCancellable           *cancellable,
                                              GError                **error);
/* Judges readings already taken (result->check must be set). Takes a reference. */
LqCheckReport  *lq_check_report_new          (LqAnalysisResult       *result,
                                              const LqCheckSettings  *settings,
                                              LqCheckProfile          profile);
void            lq_check_report_free         (LqCheckReport          *self);

/* For reading: the value with its unit ("-0.01 dBFS", "3 runs", "yes"; "—" where it does
 * not apply), the threshold with its setting's unit (NULL for none), a time as m:ss.mmm and
 * a duration ("2.5 ms", "1.250 s"). */
char           *lq_check_finding_format_value     (const LqCheckFinding *f);
char           *lq_check_finding_format_threshold (const LqCheckFinding *f);
char           *lq_check_format_time              (double                seconds);
char           *lq_check_format_duration          (double                seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LqCheckReport, lq_check_report_free)

G_END_DECLS
