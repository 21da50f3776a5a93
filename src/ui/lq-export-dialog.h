/* lq-export-dialog.h
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

#include <adwaita.h>

#include "lq-deliverable.h"
#include "lq-render.h"
#include "lq-settings.h"

G_BEGIN_DECLS

/* Export: delivery preset, format, bit depth, sample rate, dither, file name and folder, tags;
 * runs lq_render_file_async () — the code of `lacquer render` on the engine's worker — with
 * the session's chain, with progress and cancel; asks before replacing a file; then shows
 * the report. */

#define LQ_TYPE_EXPORT_DIALOG (lq_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LqExportDialog, lq_export_dialog, LQ, EXPORT_DIALOG, AdwWindow)

LqExportDialog       *lq_export_dialog_new             (GtkWindow           *parent,
                                                        const char          *mix,
                                                        const LqChainParams *chain,
                                                        const char          *preset_id);
void                  lq_export_dialog_set_settings    (LqExportDialog      *self,
                                                        LqSettings          *settings);
void                  lq_export_dialog_set_output      (LqExportDialog      *self,
                                                        const char          *folder,
                                                        const char          *name);
/* The output path and the options the export uses (what `lacquer render` is given). */
char                 *lq_export_dialog_dup_output_path (LqExportDialog      *self);
void                  lq_export_dialog_get_options     (LqExportDialog      *self,
                                                        LqRenderOptions     *options);
/* The tags of the Metadata rows. get_metadata fails (naming the field) while one is invalid,
 * which the dialog also shows under the rows; "metadata-changed" is emitted whenever
 * they are edited into valid tags. */
void                  lq_export_dialog_set_metadata    (LqExportDialog      *self,
                                                        const LqMetadata    *metadata);
gboolean              lq_export_dialog_get_metadata    (LqExportDialog      *self,
                                                        LqMetadata          *metadata,
                                                        GError             **error);
/* The inline error of the tags, or NULL; and the row of a tag ("isrc"), for tests. */
const char           *lq_export_dialog_get_metadata_error (LqExportDialog   *self);
GtkEditable          *lq_export_dialog_get_tag_entry   (LqExportDialog      *self,
                                                        const char          *key);
/* The extra files of the export, as `render --also` and `--name-pattern` take them (NULL:
 * none, the default pattern); "deliverables-changed" is emitted whenever they are edited.
 * get_written gives the LqDeliverable array of the last finished export, or NULL. */
void                  lq_export_dialog_set_deliverables (LqExportDialog    *self,
                                                         const char        *list,
                                                         const char        *pattern);
char                 *lq_export_dialog_dup_deliverables (LqExportDialog    *self);
const char           *lq_export_dialog_get_name_pattern (LqExportDialog    *self);
GArray               *lq_export_dialog_get_written     (LqExportDialog      *self);
/* The Export button: asks first when the file or a deliverable exists. */
void                  lq_export_dialog_start           (LqExportDialog      *self);
gboolean              lq_export_dialog_get_busy        (LqExportDialog      *self);
/* The error of the last export, or NULL. */
const char           *lq_export_dialog_get_error       (LqExportDialog      *self);
/* The report of a finished export, or NULL. */
const LqRenderReport *lq_export_dialog_get_report      (LqExportDialog      *self);
/* The "replace?" question, while it is shown. */
GtkWindow            *lq_export_dialog_get_question    (LqExportDialog      *self);

G_END_DECLS
