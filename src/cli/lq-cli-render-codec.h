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

#include "lq-deliverable.h"

G_BEGIN_DECLS

/* render --codec-check, --also and --name-pattern: the command line's side of
 * lq-deliverable (parsing, exit statuses, the report), kept apart from the render's own
 * options so that each concern stays in one file. */

/* check is a codec list ("mp3:128,opus:160"), also a deliverable list ("wav:16:44100,
 * mp3:320"), either NULL. Fails with exit status 1 (bad pattern), 2 (bad list, two
 * deliverables of one name, or one naming the mix or master) or 3 (a file that exists
 * without --force), having printed why. */
LqDeliverableJob *lq_cli_deliverable_job_new      (const char        *check,
                                                   const char        *also,
                                                   const char        *pattern,
                                                   const char        *input,
                                                   const char        *output,
                                                   const LqMetadata  *metadata,
                                                   const char        *preset_name,
                                                   gboolean           overwrite,
                                                   int               *exit_status);
/* Appends ,"codec_check":[…],"deliverables":[…] (only those asked for) inside the report. */
void              lq_cli_deliverables_append_json (LqDeliverableJob  *job,
                                                   GString           *s);
void              lq_cli_deliverables_print_table (LqDeliverableJob  *job);

G_END_DECLS
