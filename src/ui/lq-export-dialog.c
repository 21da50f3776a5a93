/* lq-export-dialog.c
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
#include <glib/gstdio.h>
#include <math.h>

#include "lq-export-dialog.h"
#include "lq-file-pick.h"
#include "lq-presets.h"
#include "lq-export-dialog-private.h"
#include "lq-view-private.h"

/* How close to the target "meets the target" is. */
#define TARGET_TOLERANCE_LU 0.5
/* Beyond this much peak limiting most music audibly suffers. */
#define AUDIBLE_LIMITING_DB LQ_RENDER_DEFAULT_MAX_LIMITING_DB

/* The tag rows, in this order of lq-metadata's keys. */
static const char *const tag_keys[] = {
  "title", "artist", "album", "track", "year", "genre", "isrc", "comment"
};
G_STATIC_ASSERT (G_N_ELEMENTS (tag_keys) == N_TAGS);

static const guint rates[] = { 0, 44100, 48000, 88200, 96000 };
static const LqSampleFormat sample_formats[] = {
  LQ_SAMPLE_FORMAT_S16, LQ_SAMPLE_FORMAT_S24, LQ_SAMPLE_FORMAT_F32,
};


enum {
  SIGNAL_METADATA_CHANGED,
  SIGNAL_DELIVERABLES_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (LqExportDialog, lq_export_dialog, ADW_TYPE_WINDOW)

static const LqPreset *
selected_preset (LqExportDialog *self)
{
  guint n;
  const LqPreset *presets = lq_presets_get_all (&n);
  guint i = adw_combo_row_get_selected (self->preset_row);

  if (i < n)
    return &presets[i];
  self->custom.target_lufs = gtk_spin_button_get_value (self->custom_lufs_spin);
  self->custom.ceiling_dbtp = gtk_spin_button_get_value (self->custom_ceiling_spin);
  return &self->custom;
}

char *
_lq_export_dialog_describe_file (LqFileFormat   format,
                                 LqSampleFormat bits,
                                 guint          rate)
{
  g_autofree char *depth = bits == LQ_SAMPLE_FORMAT_F32 ? g_strdup (_("32-bit float"))
                                                        : g_strdup_printf (_("%u-bit"), bits);
  g_autofree char *hz = rate ? g_strdup_printf ("%u Hz", rate) : g_strdup (_("the mix’s rate"));
  g_autofree char *name = g_ascii_strup (lq_file_format_to_string (format), -1);

  return g_strdup_printf ("%s, %s, %s", name, depth, hz);
}

static LqFileFormat
selected_format (LqExportDialog *self)
{
  return (LqFileFormat) MIN (adw_combo_row_get_selected (self->format_row), LQ_FILE_FORMAT_AIFF);
}

static void
set_error (LqExportDialog *self,
           const char     *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* The name's extension follows the format. */
static void
update_extension (LqExportDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *ext = lq_file_format_to_string (selected_format (self));
  g_autofree char *stem = g_strdup (name);
  char *dot = strrchr (stem, '.');
  g_autofree char *next = NULL;

  if (dot != NULL && dot != stem)
    *dot = '\0';
  next = g_strdup_printf ("%s.%s", stem, ext);
  if (g_strcmp0 (next, name) == 0)
    return;
  /* A proposed name stays proposed (a new target may still replace it). */
  if (g_strcmp0 (name, self->auto_name) == 0)
    {
      g_free (self->auto_name);
      self->auto_name = g_strdup (next);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), next);
}

/* "My Song (Spotify).flac": each target its own file, so a second delivery does not meet
 * the first one's Replace question. A name the user typed stays. */
static void
update_name (LqExportDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const LqPreset *preset = selected_preset (self);
  g_autofree char *label = NULL;
  g_autofree char *next = NULL;

  if (self->base == NULL || (self->auto_name != NULL && g_strcmp0 (name, self->auto_name) != 0))
    return;
  /* Translators: the exported file's name: the mix's name and the delivery target's */
  label = g_strdelimit (g_strdup (_(preset->label)), G_DIR_SEPARATOR_S, '-');
  next = g_strdup_printf (_("%s (%s).%s"), self->base, label,
                          lq_file_format_to_string (selected_format (self)));
  g_free (self->auto_name);
  self->auto_name = g_strdup (next);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), next);
}

static LqSampleFormat
selected_bits (LqExportDialog *self)
{
  return sample_formats[MIN (adw_combo_row_get_selected (self->bits_row), 2)];
}

static guint
selected_rate (LqExportDialog *self)
{
  return rates[MIN (adw_combo_row_get_selected (self->rate_row), G_N_ELEMENTS (rates) - 1)];
}

static void
lq_export_dialog_limiting_changed_cb (LqExportDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->limiting_warning),
                          gtk_spin_button_get_value (self->limiting_spin)
                          > AUDIBLE_LIMITING_DB + 1e-9);
}

static void
lq_export_dialog_preset_changed_cb (LqExportDialog *self)
{
  const LqPreset *preset = selected_preset (self);
  gboolean custom = preset == &self->custom;
  g_autofree char *before = _lq_export_dialog_describe_file (selected_format (self),
                                                             selected_bits (self),
                                                             selected_rate (self));

  /* The numbers stay in sight when the row's own text is cut short. */
  {
    g_autofree char *numbers = custom ? NULL : lq_preset_dup_numbers (preset);

    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preset_row), numbers ? numbers : "");
  }
  gtk_widget_set_visible (GTK_WIDGET (self->custom_lufs_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_ceiling_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->limiting_row), lq_preset_has_target (preset));
  adw_combo_row_set_selected (self->format_row, preset->format);
  for (guint i = 0; i < G_N_ELEMENTS (sample_formats); i++)
    if (sample_formats[i] == preset->sample_format)
      adw_combo_row_set_selected (self->bits_row, i);
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    if (rates[i] == preset->sample_rate)
      adw_combo_row_set_selected (self->rate_row, i);

  /* A target that changes the file says so (it silently made FLAC into WAV). */
  {
    g_autofree char *after = _lq_export_dialog_describe_file (selected_format (self),
                                                              selected_bits (self),
                                                              selected_rate (self));
    g_autofree char *note = NULL;

    g_autofree char *change = NULL;

    if (self->base != NULL && g_strcmp0 (before, after) != 0)
      /* Translators: "CD / download writes WAV, 16-bit, 44100 Hz (it was FLAC, …)" */
      change = g_strdup_printf (_("%s writes %s (it was %s). Change it below if you need "
                                  "another format."), _(preset->label), after, before);
    /* What the destination does with the file, then what the target changed. */
    note = change ? g_strdup_printf ("%s\n%s", _(preset->note), change) : g_strdup (_(preset->note));
    gtk_label_set_label (self->format_note, note);
    gtk_widget_set_visible (GTK_WIDGET (self->format_note), TRUE);
  }
  update_name (self);
}

static void
lq_export_dialog_bits_changed_cb (LqExportDialog *self)
{
  gboolean is_float = sample_formats[MIN (adw_combo_row_get_selected (self->bits_row), 2)]
                      == LQ_SAMPLE_FORMAT_F32;

  gtk_widget_set_sensitive (GTK_WIDGET (self->dither_switch), !is_float);
}

void
lq_export_dialog_get_options (LqExportDialog  *self,
                              LqRenderOptions *options)
{
  g_return_if_fail (LQ_IS_EXPORT_DIALOG (self));

  lq_render_options_init (options);
  lq_render_options_apply_preset (options, selected_preset (self));
  options->max_limiting_db = gtk_spin_button_get_value (self->limiting_spin);
  options->chain = self->chain;
  options->format = selected_format (self);
  options->sample_format = sample_formats[MIN (adw_combo_row_get_selected (self->bits_row), 2)];
  options->sample_rate = rates[MIN (adw_combo_row_get_selected (self->rate_row),
                                    G_N_ELEMENTS (rates) - 1)];
  options->dither = gtk_switch_get_active (self->dither_switch) ? LQ_DITHER_TPDF : LQ_DITHER_NONE;
  /* Invalid tags are shown beside their row and stop lq_export_dialog_start (). */
  lq_export_dialog_get_metadata (self, &options->metadata, NULL);
}

/* A tag row's text without the spaces a paste brings along. */
static char *
dup_tag_text (LqExportDialog *self,
              guint           i)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tag_rows[i]))));
}

gboolean
lq_export_dialog_get_metadata (LqExportDialog  *self,
                               LqMetadata      *metadata,
                               GError         **error)
{
  g_auto(LqMetadata) read = { 0 };

  g_return_val_if_fail (LQ_IS_EXPORT_DIALOG (self), FALSE);

  for (guint i = 0; i < N_TAGS; i++)
    {
      g_autofree char *text = dup_tag_text (self, i);

      if (!lq_metadata_set_field (&read, tag_keys[i], text, error))
        return FALSE;
    }
  lq_metadata_copy (metadata, &read);
  return TRUE;
}

void
lq_export_dialog_set_metadata (LqExportDialog   *self,
                               const LqMetadata *metadata)
{
  g_return_if_fail (LQ_IS_EXPORT_DIALOG (self));
  g_return_if_fail (metadata != NULL);

  for (guint i = 0; i < N_TAGS; i++)
    {
      g_autofree char *text = lq_metadata_dup_field (metadata, tag_keys[i]);

      gtk_editable_set_text (GTK_EDITABLE (self->tag_rows[i]), text ? text : "");
    }
}

const char *
lq_export_dialog_get_metadata_error (LqExportDialog *self)
{
  g_return_val_if_fail (LQ_IS_EXPORT_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->metadata_error))
         ? gtk_label_get_label (self->metadata_error) : NULL;
}

GtkEditable *
lq_export_dialog_get_tag_entry (LqExportDialog *self,
                                const char     *key)
{
  g_return_val_if_fail (LQ_IS_EXPORT_DIALOG (self), NULL);

  for (guint i = 0; i < N_TAGS; i++)
    if (g_str_equal (tag_keys[i], key))
      return GTK_EDITABLE (self->tag_rows[i]);
  return NULL;
}

/* Checks the tags as they are typed: a field that is wrong (a malformed ISRC, a track
 * number out of range) is marked and its error shown under the rows; valid tags are
 * announced, for the session to keep. */
static void
lq_export_dialog_tag_changed_cb (LqExportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(LqMetadata) metadata = { 0 };
  gboolean ok = TRUE;

  for (guint i = 0; i < N_TAGS; i++)
    {
      g_autoptr(GError) field_error = NULL;
      g_autofree char *text = dup_tag_text (self, i);
      gboolean valid = lq_metadata_set_field (&metadata, tag_keys[i], text, &field_error);

      if (valid)
        gtk_widget_remove_css_class (GTK_WIDGET (self->tag_rows[i]), "error");
      else
        gtk_widget_add_css_class (GTK_WIDGET (self->tag_rows[i]), "error");
      if (!valid && ok)
        error = g_steal_pointer (&field_error);
      ok = ok && valid;
    }
  gtk_label_set_label (self->metadata_error, ok ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->metadata_error), !ok);
  if (ok)
    g_signal_emit (self, signals [SIGNAL_METADATA_CHANGED], 0);
}

char *
lq_export_dialog_dup_output_path (LqExportDialog *self)
{
  g_return_val_if_fail (LQ_IS_EXPORT_DIALOG (self), NULL);

  return g_build_filename (self->folder, gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                           NULL);
}

/* ---- the render ---- */

/* The engine calls this on the dialog's main context, and only before export_done_cb, whose
 * reference keeps the dialog (and its widgets) alive until then. */
static void
lq_export_dialog_render_progress_cb (double   fraction,
                                     gpointer user_data)
{
  LqExportDialog *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
set_row (AdwActionRow *row,
         double        value,
         const char   *unit)
{
  g_autofree char *text = _lq_format_level (value, unit);

  adw_action_row_set_subtitle (row, text);
}

static void
show_report (LqExportDialog *self)
{
  const LqLoudnessSummary *s = &self->report.output;
  const LqPreset *preset = selected_preset (self);
  /* As mastered: the ceiling is the chain's limiter's (full scale without one). */
  double ceiling_dbtp = self->running.has_ceiling ? self->running.ceiling_dbtp
                        : self->running.chain.lim.bypass ? 0.0
                        : self->running.chain.lim.ceiling_db;
  gboolean loud_ok = !self->running.has_target
                     || (isfinite (s->integrated_lufs)
                         && fabs (s->integrated_lufs - self->running.target_lufs)
                            <= TARGET_TOLERANCE_LU);
  gboolean peak_ok = !isfinite (s->true_peak_dbtp)
                     || s->true_peak_dbtp <= ceiling_dbtp + 1e-9;
  g_autofree char *verdict = NULL;
  g_autofree char *display = g_filename_display_name (self->output);

  set_row (self->integrated_row, s->integrated_lufs, "LUFS");
  set_row (self->lra_row, s->loudness_range_lu, "LU");
  set_row (self->tp_row, s->true_peak_dbtp, "dBTP");
  set_row (self->plr_row, s->plr_db, "dB");
  set_row (self->gr_row, self->report.peak_limiting_db, "dB");
  {
    g_autofree char *gain = _lq_format_gain (self->report.gain_db);
    adw_action_row_set_subtitle (self->gain_row, gain);
  }
  adw_action_row_set_subtitle (self->file_row, display);

  g_autofree char *target = self->running.has_target
                            ? _lq_format_level (self->running.target_lufs, "LUFS")
                            : g_strdup (_("no gain change"));
  g_autofree char *ceiling = _lq_format_level (ceiling_dbtp, "dBTP");

  if (loud_ok && peak_ok)
    /* Translators: "Meets Spotify: −14.0 LUFS, −1.0 dBTP" */
    verdict = g_strdup_printf (_("✓ Meets %s: %s, %s"), _(preset->label), target, ceiling);
  else
    verdict = g_strdup_printf (_("✗ Misses %s: the target is %s, %s"), _(preset->label), target,
                               ceiling);
  gtk_label_set_label (self->verdict_label, verdict);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), loud_ok && peak_ok ? "error"
                                                                                   : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), loud_ok && peak_ok ? "success"
                                                                                : "error");
  _lq_export_dialog_deliverables_show_report (self);
  gtk_stack_set_visible_child_name (self->stack, "report");
  gtk_button_set_label (self->cancel_button, _("_Close"));
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), FALSE);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LqExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  LqRenderReport report;

  g_clear_object (&self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
  if (!lq_render_file_finish (result, &report, &error))
    {
      _lq_export_dialog_deliverables_failed (self);
      gtk_stack_set_visible_child_name (self->stack, "settings");
      set_error (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                       ? _("Export cancelled; nothing was written.") : error->message);
      return;
    }
  self->report = report;
  self->has_report = TRUE;
  if (self->settings != NULL)
    lq_settings_set_export_folder (self->settings, self->folder);
  show_report (self);
}

static void
run_export (LqExportDialog *self,
            gboolean        overwrite)
{
  g_autofree char *output = lq_export_dialog_dup_output_path (self);
  LqRenderOptions options;

  g_autoptr(GError) error = NULL;

  lq_export_dialog_get_options (self, &options);
  options.overwrite = overwrite;
  /* A deliverable already there is replaced only when the master may be (asked by
   * lq_export_dialog_start ()). */
  if (!_lq_export_dialog_deliverables_prepare (self, output, selected_preset (self)->id,
                                               overwrite, &options, NULL, &error))
    {
      set_error (self, error->message);
      lq_render_options_clear (&options);
      return;
    }
  lq_render_options_copy (&self->running, &options);
  g_free (self->output);
  self->output = g_strdup (output);
  self->has_report = FALSE;

  set_error (self, NULL);
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_stack_set_visible_child_name (self->stack, "progress");

  lq_render_file_async (self->mix, output, &options, self->cancellable,
                        lq_export_dialog_render_progress_cb, self,
                        export_done_cb, g_object_ref (self));
  lq_render_options_clear (&options);
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  LqExportDialog *self = LQ_EXPORT_DIALOG (user_data);

  g_clear_weak_pointer (&self->question);
  if (g_str_equal (response, "replace"))
    run_export (self, TRUE);
}

void
lq_export_dialog_start (LqExportDialog *self)
{
  g_autofree char *path = NULL;
  g_autofree char *existing = NULL;
  const char *name;

  g_return_if_fail (LQ_IS_EXPORT_DIALOG (self));

  if (self->cancellable != NULL)
    return;
  name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  if (name == NULL || *name == '\0' || strchr (name, G_DIR_SEPARATOR) != NULL)
    {
      set_error (self, _("Give the master a file name (without folders)."));
      return;
    }
  if (lq_export_dialog_get_metadata_error (self) != NULL)
    {
      set_error (self, lq_export_dialog_get_metadata_error (self));
      return;
    }
  path = lq_export_dialog_dup_output_path (self);
  {
    LqRenderOptions options;
    g_autoptr(GError) error = NULL;
    gboolean ok;

    lq_export_dialog_get_options (self, &options);
    ok = _lq_export_dialog_deliverables_prepare (self, path, selected_preset (self)->id,
                                                 TRUE, &options, &existing, &error);
    lq_render_options_clear (&options);
    if (!ok)
      {
        set_error (self, error->message);
        return;
      }
  }
  if (existing != NULL || g_file_test (path, G_FILE_TEST_EXISTS))
    {
      GtkWidget *dialog;
      g_autofree char *base = g_path_get_basename (existing ? existing : path);

      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace File?"), NULL);
      /* Translators: %s is a file name */
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("“%s” already exists in this folder. Replacing it "
                                        "overwrites its contents."), base);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "replace", _("_Replace"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self, 0);
      g_set_weak_pointer (&self->question, GTK_WINDOW (dialog));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  run_export (self, FALSE);
}

/* ---- buttons ---- */

static void
lq_export_dialog_cancel_clicked_cb (LqExportDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
folder_picked (GFile    *file,
               gpointer  user_data)
{
  LqExportDialog *self = user_data;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (path != NULL)
    lq_export_dialog_set_output (self, path, NULL);
}

static void
lq_export_dialog_folder_clicked_cb (LqExportDialog *self)
{
  g_autoptr(GFile) folder = g_file_new_for_path (self->folder);

  lq_file_pick (GTK_WINDOW (self), LQ_FILE_PICK_FOLDER, _("Export To"), NULL, folder, NULL,
                folder_picked, g_object_ref (self), g_object_unref);
}

static void
lq_export_dialog_reveal_clicked_cb (LqExportDialog *self)
{
  g_autoptr(GFile) file = g_file_new_for_path (self->output);
  g_autoptr(GError) error = NULL;

#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

  gtk_file_launcher_open_containing_folder (launcher, GTK_WINDOW (self), NULL, NULL, NULL);
#else
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *uri = g_file_get_uri (parent);

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    set_error (self, error->message);
#endif
}

/* ---- GObject ---- */

static gboolean
lq_export_dialog_close_request (GtkWindow *window)
{
  LqExportDialog *self = LQ_EXPORT_DIALOG (window);

  /* Closing while rendering cancels; the temporary file goes with it. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (lq_export_dialog_parent_class)->close_request (window);
}

static void
lq_export_dialog_dispose (GObject *object)
{
  LqExportDialog *self = (LqExportDialog *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->question);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), LQ_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (lq_export_dialog_parent_class)->dispose (object);
}

static void
lq_export_dialog_finalize (GObject *object)
{
  LqExportDialog *self = (LqExportDialog *)object;

  g_clear_object (&self->cancellable);
  g_free (self->mix);
  g_free (self->folder);
  g_free (self->error);
  g_free (self->output);
  g_free (self->base);
  g_free (self->auto_name);
  lq_render_options_clear (&self->running);
  _lq_export_dialog_deliverables_finalize (self);

  G_OBJECT_CLASS (lq_export_dialog_parent_class)->finalize (object);
}

static void
lq_export_dialog_class_init (LqExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = lq_export_dialog_dispose;
  object_class->finalize = lq_export_dialog_finalize;
  window_class->close_request = lq_export_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/lq-export-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, LqExportDialog, name)
  BIND (cancel_button);
  BIND (export_button);
  BIND (stack);
  BIND (preset_row);
  BIND (custom_lufs_row);
  BIND (custom_lufs_spin);
  BIND (custom_ceiling_row);
  BIND (custom_ceiling_spin);
  BIND (limiting_row);
  BIND (limiting_spin);
  BIND (limiting_warning);
  BIND (format_note);
  BIND (format_row);
  BIND (bits_row);
  BIND (rate_row);
  BIND (dither_switch);
  BIND (name_row);
  BIND (folder_row);
  BIND (folder_button);
  BIND (error_label);
  BIND (progress_bar);
  BIND (verdict_label);
  BIND (integrated_row);
  BIND (lra_row);
  BIND (tp_row);
  BIND (plr_row);
  BIND (gr_row);
  BIND (gain_row);
  BIND (file_row);
  BIND (reveal_button);
  BIND (title_row);
  BIND (artist_row);
  BIND (album_row);
  BIND (track_row);
  BIND (year_row);
  BIND (genre_row);
  BIND (isrc_row);
  BIND (comment_row);
  BIND (metadata_error);
  BIND (deliverables_group);
  BIND (deliverable_row);
  BIND (add_deliverable_button);
  BIND (pattern_row);
  BIND (deliverables_report_group);
#undef BIND

  /* The tags typed are valid (and can be kept with the session). */
  signals [SIGNAL_METADATA_CHANGED] =
    g_signal_new ("metadata-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
  /* The deliverables or their name pattern were edited (to be kept with the session). */
  signals [SIGNAL_DELIVERABLES_CHANGED] =
    g_signal_new ("deliverables-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lq_export_dialog_init (LqExportDialog *self)
{
  g_autoptr(GtkStringList) presets = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) bits = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) rate_names = gtk_string_list_new (NULL);
  const LqPreset *all;
  guint n;

  gtk_widget_init_template (GTK_WIDGET (self));
  _lq_export_dialog_deliverables_init (self);
  {
    AdwEntryRow *rows[] = { self->title_row, self->artist_row, self->album_row, self->track_row,
                            self->year_row, self->genre_row, self->isrc_row, self->comment_row };

    G_STATIC_ASSERT (G_N_ELEMENTS (rows) == N_TAGS);
    for (guint i = 0; i < N_TAGS; i++)
      {
        self->tag_rows[i] = rows[i];
        g_signal_connect_swapped (rows[i], "changed",
                                  G_CALLBACK (lq_export_dialog_tag_changed_cb), self);
      }
  }

  lq_preset_init_custom (&self->custom, LQ_CUSTOM_LUFS_DEFAULT, LQ_CUSTOM_CEILING_DEFAULT);
  gtk_spin_button_set_value (self->custom_lufs_spin, self->custom.target_lufs);
  gtk_spin_button_set_value (self->custom_ceiling_spin, self->custom.ceiling_dbtp);
  gtk_spin_button_set_value (self->limiting_spin, LQ_RENDER_DEFAULT_MAX_LIMITING_DB);

  /* Each target with its numbers: "Spotify — −14 LUFS · −1.0 dBTP". */
  all = lq_presets_get_all (&n);
  for (guint i = 0; i <= n; i++)
    {
      const LqPreset *preset = i < n ? &all[i] : &self->custom;
      g_autofree char *numbers = i < n ? lq_preset_dup_numbers (preset) : NULL;
      g_autofree char *item = numbers ? g_strdup_printf ("%s — %s", _(preset->label), numbers)
                                      : g_strdup (_(preset->label));

      gtk_string_list_append (presets, item);
    }
  adw_combo_row_set_model (self->preset_row, G_LIST_MODEL (presets));
  /* In LqFileFormat order. */
  gtk_string_list_append (formats, "WAV");
  gtk_string_list_append (formats, "FLAC");
  gtk_string_list_append (formats, "AIFF");
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (formats));
  gtk_string_list_append (bits, _("16-bit"));
  gtk_string_list_append (bits, _("24-bit"));
  gtk_string_list_append (bits, _("32-bit float"));
  adw_combo_row_set_model (self->bits_row, G_LIST_MODEL (bits));
  gtk_string_list_append (rate_names, _("Same as the mix"));
  for (guint i = 1; i < G_N_ELEMENTS (rates); i++)
    {
      g_autofree char *text = g_strdup_printf ("%u Hz", rates[i]);
      gtk_string_list_append (rate_names, text);
    }
  adw_combo_row_set_model (self->rate_row, G_LIST_MODEL (rate_names));

  g_signal_connect_swapped (self->preset_row, "notify::selected",
                            G_CALLBACK (lq_export_dialog_preset_changed_cb), self);
  g_signal_connect_swapped (self->format_row, "notify::selected",
                            G_CALLBACK (update_extension), self);
  g_signal_connect_swapped (self->limiting_spin, "notify::value",
                            G_CALLBACK (lq_export_dialog_limiting_changed_cb), self);
  g_signal_connect_swapped (self->bits_row, "notify::selected",
                            G_CALLBACK (lq_export_dialog_bits_changed_cb), self);
  g_signal_connect_swapped (self->cancel_button, "clicked",
                            G_CALLBACK (lq_export_dialog_cancel_clicked_cb), self);
  g_signal_connect_swapped (self->export_button, "clicked",
                            G_CALLBACK (lq_export_dialog_start), self);
  g_signal_connect_swapped (self->folder_button, "clicked",
                            G_CALLBACK (lq_export_dialog_folder_clicked_cb), self);
  g_signal_connect_swapped (self->reveal_button, "clicked",
                            G_CALLBACK (lq_export_dialog_reveal_clicked_cb), self);
  g_signal_connect_swapped (self->name_row, "entry-activated",
                            G_CALLBACK (lq_export_dialog_start), self);
}

LqExportDialog *
lq_export_dialog_new (GtkWindow           *parent,
                      const char          *mix,
                      const LqChainParams *chain,
                      const char          *preset_id)
{
  LqExportDialog *self;
  const LqPreset *all;
  guint n;
  g_autofree char *base = NULL;
  char *dot;

  g_return_val_if_fail (mix != NULL && chain != NULL, NULL);

  self = g_object_new (LQ_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->mix = g_strdup (mix);
  self->chain = *chain;
  all = lq_presets_get_all (&n);
  for (guint i = 0; i < n; i++)
    if (preset_id != NULL && g_str_equal (all[i].id, preset_id))
      adw_combo_row_set_selected (self->preset_row, i);
  if (g_strcmp0 (preset_id, self->custom.id) == 0)
    adw_combo_row_set_selected (self->preset_row, n);
  lq_export_dialog_preset_changed_cb (self);

  /* "Song (Spotify).flac" beside the mix. */
  base = g_path_get_basename (mix);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  self->base = g_steal_pointer (&base);
  {
    g_autofree char *dir = g_path_get_dirname (mix);

    lq_export_dialog_set_output (self, dir, NULL);
  }
  update_name (self);
  return self;
}

void
lq_export_dialog_set_output (LqExportDialog *self,
                             const char     *folder,
                             const char     *name)
{
  g_return_if_fail (LQ_IS_EXPORT_DIALOG (self));

  if (folder != NULL)
    {
      g_autofree char *display = g_filename_display_name (folder);

      g_free (self->folder);
      self->folder = g_strdup (folder);
      adw_action_row_set_subtitle (self->folder_row, display);
    }
  if (name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
}

/* The custom target and the limiting allowance are the settings' (changed here, kept for the
 * next export and for Reach Target); the folder last exported to is proposed again. */
void
lq_export_dialog_set_settings (LqExportDialog *self,
                               LqSettings     *settings)
{
  const char *folder;

  g_return_if_fail (LQ_IS_EXPORT_DIALOG (self));
  g_return_if_fail (LQ_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  g_object_bind_property (settings, LQ_SETTING_KEY_CUSTOM_LUFS,
                          gtk_spin_button_get_adjustment (self->custom_lufs_spin), "value",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (settings, LQ_SETTING_KEY_CUSTOM_CEILING,
                          gtk_spin_button_get_adjustment (self->custom_ceiling_spin), "value",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (settings, LQ_SETTING_KEY_MAX_LIMITING,
                          gtk_spin_button_get_adjustment (self->limiting_spin), "value",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  folder = lq_settings_get_export_folder (settings);
  if (folder != NULL && *folder != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    lq_export_dialog_set_output (self, folder, NULL);
}

gboolean
lq_export_dialog_get_busy (LqExportDialog *self)
{
  g_return_val_if_fail (LQ_IS_EXPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

const char *
lq_export_dialog_get_error (LqExportDialog *self)
{
  g_return_val_if_fail (LQ_IS_EXPORT_DIALOG (self), NULL);

  return self->error;
}

const LqRenderReport *
lq_export_dialog_get_report (LqExportDialog *self)
{
  g_return_val_if_fail (LQ_IS_EXPORT_DIALOG (self), NULL);

  return self->has_report ? &self->report : NULL;
}

GtkWindow *
lq_export_dialog_get_question (LqExportDialog *self)
{
  g_return_val_if_fail (LQ_IS_EXPORT_DIALOG (self), NULL);

  return self->question;
}
