/* lq-export-dialog-private.h
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

#include "lq-deliverable.h"
#include "lq-export-dialog.h"

G_BEGIN_DECLS

#define N_TAGS 8

struct _LqExportDialog
{
  AdwWindow        parent_instance;

  char            *mix;
  LqChainParams    chain;
  char            *folder;
  GCancellable    *cancellable;
  char            *error;
  gboolean         has_report;
  LqRenderReport   report;
  LqRenderOptions  running;       /* the options of the export in progress or done */
  char            *output;
  GtkWindow       *question;
  LqSettings      *settings;
  LqPreset         custom;        /* the Custom target, its numbers from the spin buttons */
  char            *base;          /* the mix's name, without extension */
  char            *auto_name;     /* the name proposed last; replaced while not edited */
  LqFileFormat     last_format;   /* what the file was before a target changed it */
  LqSampleFormat   last_bits;
  guint            last_rate;
  GArray          *deliverables;  /* LqDeliverableSpec: the extra files the export writes */
  GPtrArray       *deliverable_rows; /* their rows in the Deliverables group */
  GPtrArray       *written_rows;  /* the rows of the report's Deliverables group */
  LqDeliverableJob *job;          /* of the export in progress or done */

  /* template */
  GtkButton       *cancel_button;
  GtkButton       *export_button;
  GtkStack        *stack;
  AdwComboRow     *preset_row;
  AdwActionRow    *custom_lufs_row;
  GtkSpinButton   *custom_lufs_spin;
  AdwActionRow    *custom_ceiling_row;
  GtkSpinButton   *custom_ceiling_spin;
  AdwActionRow    *limiting_row;
  GtkSpinButton   *limiting_spin;
  GtkLabel        *limiting_warning;
  GtkLabel        *format_note;
  AdwComboRow     *format_row;
  AdwComboRow     *bits_row;
  AdwComboRow     *rate_row;
  GtkSwitch       *dither_switch;
  AdwEntryRow     *name_row;
  AdwActionRow    *folder_row;
  GtkButton       *folder_button;
  GtkLabel        *error_label;
  GtkProgressBar  *progress_bar;
  GtkLabel        *verdict_label;
  AdwActionRow    *integrated_row;
  AdwActionRow    *lra_row;
  AdwActionRow    *tp_row;
  AdwActionRow    *plr_row;
  AdwActionRow    *gr_row;
  AdwActionRow    *gain_row;
  AdwActionRow    *file_row;
  GtkButton       *reveal_button;
  AdwEntryRow     *title_row;
  AdwEntryRow     *artist_row;
  AdwEntryRow     *album_row;
  AdwEntryRow     *track_row;
  AdwEntryRow     *year_row;
  AdwEntryRow     *genre_row;
  AdwEntryRow     *isrc_row;
  AdwEntryRow     *comment_row;
  GtkLabel        *metadata_error;
  AdwPreferencesGroup *deliverables_group;
  AdwComboRow     *deliverable_row;
  GtkButton       *add_deliverable_button;
  AdwEntryRow     *pattern_row;
  AdwPreferencesGroup *deliverables_report_group;

  AdwEntryRow     *tag_rows[N_TAGS]; /* the rows above, in tag_keys' order */
};

char     *_lq_export_dialog_describe_file          (LqFileFormat        format,
                                                    LqSampleFormat      bits,
                                                    guint               rate);

/* lq-export-dialog-deliverables.c: the Deliverables group and its part of the report. */
void      _lq_export_dialog_deliverables_init      (LqExportDialog     *self);
void      _lq_export_dialog_deliverables_finalize  (LqExportDialog     *self);
/* The job for an export to output, hooked to options (whose metadata is set); NULL with
 * error when a name is bad or taken twice. existing, when not NULL, receives the first
 * deliverable already on disk (so the dialog can ask before replacing it). */
gboolean  _lq_export_dialog_deliverables_prepare   (LqExportDialog     *self,
                                                    const char         *output,
                                                    const char         *preset_id,
                                                    gboolean            overwrite,
                                                    LqRenderOptions    *options,
                                                    char              **existing,
                                                    GError            **error);
void      _lq_export_dialog_deliverables_failed    (LqExportDialog     *self);
void      _lq_export_dialog_deliverables_show_report (LqExportDialog   *self);

G_END_DECLS
