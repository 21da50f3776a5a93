/* lq-cli-render-codec.h
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

#include "lq-codec.h"
#include "lq-render.h"

G_BEGIN_DECLS

/* render --codec-check and --also: codec round trips of the rendered master, kept apart
 * from the render's own options so that each concern stays in one file. */
typedef struct _LqCliCodecJob LqCliCodecJob;

/* check and also are codec lists ("mp3:128,opus:160") or NULL; pattern names the lossy
 * files ("{stem}.{ext}" by default). Fails with exit status 2 (bad codec list) or 3 (a file
 * that exists without --force), having printed why. */
LqCliCodecJob *lq_cli_codec_job_new        (const char        *check,
                                            const char        *also,
                                            const char        *pattern,
                                            const char        *input,
                                            const char        *output,
                                            gboolean           overwrite,
                                            int               *exit_status);
void           lq_cli_codec_job_free       (LqCliCodecJob     *job);
/* Hooks the job to the render: the round trips run on the render's thread. */
void           lq_cli_codec_job_attach     (LqCliCodecJob     *job,
                                            LqRenderOptions   *options);
/* Removes the deliverables again when the render failed after writing them (the master
 * could not be renamed into place), so that an export is whole or absent. */
void           lq_cli_codec_job_discard    (LqCliCodecJob     *job);
/* Appends ,"codec_check":[…],"deliverables":[…] (only those asked for) inside the report. */
void           lq_cli_codec_job_append_json (LqCliCodecJob    *job,
                                            GString           *s);
void           lq_cli_codec_job_print_table (LqCliCodecJob    *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LqCliCodecJob, lq_cli_codec_job_free)

G_END_DECLS
