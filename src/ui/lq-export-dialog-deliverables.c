/* lq-export-dialog-deliverables.c
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

#include "lq-export-dialog-private.h"

/* What the Deliverable row offers: the PCM deliverables and FACTS §2's bitrates. */
static const char *const choices[] = {
  "wav:24:48000", "wav:16:44100", "flac:24", "flac:16:44100", "aiff:24",
  "mp3:128", "mp3:192", "mp3:320", "vorbis:96", "vorbis:160", "vorbis:320",
  "opus:96", "opus:128", "opus:160",
};

static char *
describe (const LqDeliverableSpec *spec)
{
  if (spec->pcm)
    return _lq_export_dialog_describe_file (spec->format, spec->sample_format,
                                            spec->sample_rate);
  /* Translators: a lossy deliverable, "MP3, 320 kb/s" */
  return g_strdup_printf (_("%s, %u kb/s"), lq_codec_kind_get_label (spec->codec.kind),
                          spec->codec.kbps);
}

static void
remove_clicked_cb (GtkButton      *button,
                   LqExportDialog *self)
{
  guint i;

  for (i = 0; i < self->deliverable_rows->len; i++)
    if (gtk_widget_is_ancestor (GTK_WIDGET (button),
                                g_ptr_array_index (self->deliverable_rows, i)))
      break;
  if (i == self->deliverable_rows->len)
    return;
  adw_preferences_group_remove (self->deliverables_group,
                                g_ptr_array_index (self->deliverable_rows, i));
  g_ptr_array_remove_index (self->deliverable_rows, i);
  g_array_remove_index (self->deliverables, i);
  /* Focus stays in the group for the keyboard: on the Deliverable row. */
  gtk_widget_grab_focus (GTK_WIDGET (self->deliverable_row));
  g_signal_emit_by_name (self, "deliverables-changed");
}

static void
append_row (LqExportDialog          *self,
            const LqDeliverableSpec *spec)
{
  g_autofree char *title = describe (spec);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove"), -1);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  adw_preferences_group_add (self->deliverables_group, row);
  g_ptr_array_add (self->deliverable_rows, row);
  g_array_append_val (self->deliverables, *spec);
}

static void
add_clicked_cb (LqExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->deliverable_row);
  g_autoptr(GArray) spec = NULL;

  if (i >= G_N_ELEMENTS (choices))
    return;
  spec = lq_deliverable_spec_parse_list (choices[i], NULL);
  g_assert (spec != NULL);
  append_row (self, &g_array_index (spec, LqDeliverableSpec, 0));
  g_signal_emit_by_name (self, "deliverables-changed");
}

static void
pattern_changed_cb (LqExportDialog *self)
{
  g_signal_emit_by_name (self, "deliverables-changed");
}

void
_lq_export_dialog_deliverables_init (LqExportDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->deliverables = g_array_new (FALSE, TRUE, sizeof (LqDeliverableSpec));
  self->deliverable_rows = g_ptr_array_new ();
  self->written_rows = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      g_autoptr(GArray) spec = lq_deliverable_spec_parse_list (choices[i], NULL);
      g_autofree char *text = describe (&g_array_index (spec, LqDeliverableSpec, 0));

      gtk_string_list_append (names, text);
    }
  adw_combo_row_set_model (self->deliverable_row, G_LIST_MODEL (names));
  g_signal_connect_swapped (self->add_deliverable_button, "clicked",
                            G_CALLBACK (add_clicked_cb), self);
  g_signal_connect_swapped (self->pattern_row, "changed", G_CALLBACK (pattern_changed_cb), self);
}

void
_lq_export_dialog_deliverables_finalize (LqExportDialog *self)
{
  g_clear_pointer (&self->deliverables, g_array_unref);
  g_clear_pointer (&self->deliverable_rows, g_ptr_array_unref);
  g_clear_pointer (&self->written_rows, g_ptr_array_unref);
  g_clear_pointer (&self->job, lq_deliverable_job_free);
}

void
lq_export_dialog_set_deliverables (LqExportDialog *self,
                                   const char     *list,
                                   const char     *pattern)
{
  g_autoptr(GArray) specs = NULL;

  g_return_if_fail (LQ_IS_EXPORT_DIALOG (self));

  /* A session's list was checked when it was loaded; anything else is dropped. */
  if (list != NULL && *list != '\0')
    specs = lq_deliverable_spec_parse_list (list, NULL);
  while (self->deliverable_rows->len > 0)
    {
      adw_preferences_group_remove (self->deliverables_group,
                                    g_ptr_array_index (self->deliverable_rows, 0));
      g_ptr_array_remove_index (self->deliverable_rows, 0);
    }
  g_array_set_size (self->deliverables, 0);
  for (guint i = 0; specs != NULL && i < specs->len; i++)
    append_row (self, &g_array_index (specs, LqDeliverableSpec, i));
  gtk_editable_set_text (GTK_EDITABLE (self->pattern_row), pattern ? pattern : "");
}

char *
lq_export_dialog_dup_deliverables (LqExportDialog *self)
{
  g_autoptr(GString) s = NULL;

  g_return_val_if_fail (LQ_IS_EXPORT_DIALOG (self), NULL);

  if (self->deliverables->len == 0)
    return NULL;
  s = g_string_new (NULL);
  for (guint i = 0; i < self->deliverables->len; i++)
    {
      g_autofree char *one =
        lq_deliverable_spec_to_string (&g_array_index (self->deliverables, LqDeliverableSpec, i));

      g_string_append_printf (s, "%s%s", i ? "," : "", one);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

const char *
lq_export_dialog_get_name_pattern (LqExportDialog *self)
{
  const char *text;

  g_return_val_if_fail (LQ_IS_EXPORT_DIALOG (self), NULL);

  text = gtk_editable_get_text (GTK_EDITABLE (self->pattern_row));
  return text != NULL && *text != '\0' ? text : NULL;
}

GArray *
lq_export_dialog_get_written (LqExportDialog *self)
{
  g_return_val_if_fail (LQ_IS_EXPORT_DIALOG (self), NULL);

  return self->job != NULL && lq_export_dialog_get_report (self) != NULL
         ? lq_deliverable_job_get_deliverables (self->job) : NULL;
}

gboolean
_lq_export_dialog_deliverables_prepare (LqExportDialog   *self,
                                        const char       *output,
                                        const char       *preset_id,
                                        gboolean          overwrite,
                                        LqRenderOptions  *options,
                                        char            **existing,
                                        GError          **error)
{
  g_autoptr(LqDeliverableJob) job = NULL;
  GArray *items;

  g_clear_pointer (&self->job, lq_deliverable_job_free);
  if (self->deliverables->len == 0)
    return TRUE;
  /* A file in the way is the dialog's question to ask: before it, names are checked as if
   * replacing, and the first one there is handed back. */
  if (!(job = lq_deliverable_job_new (NULL, self->deliverables,
                                      lq_export_dialog_get_name_pattern (self), self->mix,
                                      output, &options->metadata,
                                      preset_id, overwrite, error)))
    return FALSE;
  items = lq_deliverable_job_get_deliverables (job);
  for (guint i = 0; existing != NULL && i < items->len; i++)
    {
      const char *path = g_array_index (items, LqDeliverable, i).path;

      if (*existing == NULL && g_file_test (path, G_FILE_TEST_EXISTS))
        *existing = g_strdup (path);
    }
  lq_deliverable_job_attach (job, options);
  self->job = g_steal_pointer (&job);
  return TRUE;
}

void
_lq_export_dialog_deliverables_failed (LqExportDialog *self)
{
  if (self->job != NULL)
    lq_deliverable_job_discard (self->job);
}

/* Two decimals, as the command line reports them: a miss of 0.03 dB must not read as a
 * true peak equal to its ceiling. */
static char *
format_dbtp (double value)
{
  if (!isfinite (value))
    return g_strdup ("—");
  return g_strdup_printf ("%s%.2f dBTP", value < 0.0 ? "−" : "", fabs (value));
}

static char *
describe_result (const LqDeliverable *item)
{
  g_autofree char *what = describe (&item->spec);
  g_autofree char *tp = format_dbtp (item->true_peak_dbtp);
  g_autofree char *ceiling = format_dbtp (item->ceiling_dbtp);

  if (!isfinite (item->misses_by_db))
    /* Translators: "MP3, 320 kb/s · true peak −1.8 dBTP" */
    return g_strdup_printf (_("%s · true peak %s"), what, tp);
  if (item->codec != NULL)
    {
      g_autofree char *safe = format_dbtp (item->codec->safe_ceiling_dbtp);

      /* Translators: the decoded file's true peak passes the listener's ceiling */
      return g_strdup_printf (_("%s · true peak %s after decoding: misses %s by %.2f dB; "
                                "codec-safe ceiling %s"), what, tp, ceiling,
                              item->misses_by_db, safe);
    }
  return g_strdup_printf (_("%s · true peak %s: misses the %s ceiling by %.2f dB"), what, tp,
                          ceiling, item->misses_by_db);
}

void
_lq_export_dialog_deliverables_show_report (LqExportDialog *self)
{
  GArray *items = self->job ? lq_deliverable_job_get_deliverables (self->job) : NULL;

  while (self->written_rows->len > 0)
    {
      adw_preferences_group_remove (self->deliverables_report_group,
                                    g_ptr_array_index (self->written_rows, 0));
      g_ptr_array_remove_index (self->written_rows, 0);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->deliverables_report_group),
                          items != NULL && items->len > 0);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const LqDeliverable *item = &g_array_index (items, LqDeliverable, i);
      g_autofree char *name = g_filename_display_basename (item->path);
      g_autofree char *subtitle = describe_result (item);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (isfinite (item->misses_by_db))
        gtk_widget_add_css_class (row, "error");
      adw_preferences_group_add (self->deliverables_report_group, row);
      g_ptr_array_add (self->written_rows, row);
    }
}
