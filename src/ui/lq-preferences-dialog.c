/* lq-preferences-dialog.c
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

#include "lq-preferences-dialog.h"
#include "lq-presets.h"
#include "lq-view-private.h"

struct _LqPreferencesDialog
{
  AdwPreferencesWindow  parent_instance;

  LqSettings           *settings;
  GtkStringList        *devices;      /* position 0 is "Default" (the setting's "") */

  AdwComboRow          *device_row;
  AdwComboRow          *buffer_row;
  AdwComboRow          *target_row;
  GtkAdjustment        *level_adjustment;
  GtkSwitch            *match_switch;
  GtkAdjustment        *reminder_adjustment;
  GtkAdjustment        *reset_adjustment;
};

G_DEFINE_FINAL_TYPE (LqPreferencesDialog, lq_preferences_dialog, ADW_TYPE_PREFERENCES_WINDOW)

static const guint buffer_sizes[] = { 64, 128, 256, 512, 1024, 2048, 4096, 8192 };

static gboolean
device_to_index (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  LqPreferencesDialog *self = user_data;
  const char *device = g_value_get_string (from);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->devices));

  if (device == NULL || *device == '\0')
    {
      g_value_set_uint (to, 0);
      return TRUE;
    }
  for (guint i = 1; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->devices, i), device) == 0)
      {
        g_value_set_uint (to, i);
        return TRUE;
      }
  return FALSE;
}

static gboolean
index_to_device (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  LqPreferencesDialog *self = user_data;
  guint index = g_value_get_uint (from);

  if (index == GTK_INVALID_LIST_POSITION)
    return FALSE;
  g_value_set_string (to, index == 0 ? "" : gtk_string_list_get_string (self->devices, index));
  return TRUE;
}

static gboolean
buffer_to_index (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  guint frames = g_value_get_uint (from);
  guint best = 0;

  for (guint i = 0; i < G_N_ELEMENTS (buffer_sizes); i++)
    if (buffer_sizes[i] <= frames)
      best = i;
  g_value_set_uint (to, best);
  return TRUE;
}

static gboolean
index_to_buffer (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  guint index = g_value_get_uint (from);

  if (index >= G_N_ELEMENTS (buffer_sizes))
    return FALSE;
  g_value_set_uint (to, buffer_sizes[index]);
  return TRUE;
}

static gboolean
preset_to_index (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  guint n;
  const LqPreset *presets = lq_presets_get_all (&n);
  const char *id = g_value_get_string (from);
  const LqPreset *preset = id ? lq_presets_lookup (id) : NULL;

  if (preset == NULL)
    return FALSE;
  g_value_set_uint (to, (guint) (preset - presets));
  return TRUE;
}

static gboolean
index_to_preset (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  guint n;
  const LqPreset *presets = lq_presets_get_all (&n);
  guint index = g_value_get_uint (from);

  if (index >= n)
    return FALSE;
  g_value_set_string (to, presets[index].id);
  return TRUE;
}

static void
update_target_subtitle (LqPreferencesDialog *self)
{
  guint n;
  const LqPreset *presets = lq_presets_get_all (&n);
  guint index = adw_combo_row_get_selected (self->target_row);
  g_autofree char *lufs = NULL;
  g_autofree char *dbtp = NULL;
  g_autofree char *subtitle = NULL;

  if (index >= n)
    return;
  lufs = _lq_format_level (presets[index].target_lufs, "LUFS");
  dbtp = _lq_format_level (presets[index].ceiling_dbtp, "dBTP");
  /* Translators: the default delivery target's figures, "−14.0 LUFS, ceiling −1.0 dBTP" */
  subtitle = g_strdup_printf (_("New sessions aim at %s, ceiling %s"), lufs, dbtp);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->target_row), subtitle);
}

static void
lq_preferences_dialog_dispose (GObject *object)
{
  LqPreferencesDialog *self = (LqPreferencesDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LQ_TYPE_PREFERENCES_DIALOG);
  g_clear_object (&self->settings);
  g_clear_object (&self->devices);

  G_OBJECT_CLASS (lq_preferences_dialog_parent_class)->dispose (object);
}

static void
lq_preferences_dialog_class_init (LqPreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lq_preferences_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/lq-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LqPreferencesDialog, device_row);
  gtk_widget_class_bind_template_child (widget_class, LqPreferencesDialog, buffer_row);
  gtk_widget_class_bind_template_child (widget_class, LqPreferencesDialog, target_row);
  gtk_widget_class_bind_template_child (widget_class, LqPreferencesDialog, level_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LqPreferencesDialog, match_switch);
  gtk_widget_class_bind_template_child (widget_class, LqPreferencesDialog, reminder_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LqPreferencesDialog, reset_adjustment);
}

static void
lq_preferences_dialog_init (LqPreferencesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lq_preferences_dialog_new (LqSettings         *settings,
                           const char * const *device_names)
{
  LqPreferencesDialog *self;
  g_autoptr(GtkStringList) buffers = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) targets = gtk_string_list_new (NULL);
  const char *current;
  guint n_presets;
  const LqPreset *presets = lq_presets_get_all (&n_presets);

  g_return_val_if_fail (LQ_IS_SETTINGS (settings), NULL);

  self = g_object_new (LQ_TYPE_PREFERENCES_DIALOG, NULL);
  self->settings = g_object_ref (settings);

  /* Devices: "Default", what the player offers, and the saved choice if it is not among
   * them (a device that is unplugged now stays selected for when it is back). */
  self->devices = gtk_string_list_new (NULL);
  gtk_string_list_append (self->devices, _("Default"));
  for (guint i = 0; device_names != NULL && device_names[i] != NULL; i++)
    gtk_string_list_append (self->devices, device_names[i]);
  current = lq_settings_get_output_device (settings);
  if (current != NULL && *current != '\0'
      && (device_names == NULL || !g_strv_contains (device_names, current)))
    gtk_string_list_append (self->devices, current);
  adw_combo_row_set_model (self->device_row, G_LIST_MODEL (self->devices));
  if (device_names == NULL || device_names[0] == NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->device_row),
                                 _("No other output devices are available"));
  g_object_bind_property_full (settings, LQ_SETTING_KEY_OUTPUT_DEVICE,
                               self->device_row, "selected",
                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               device_to_index, index_to_device, self, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (buffer_sizes); i++)
    {
      /* Translators: a buffer size in frames (samples per channel) */
      g_autofree char *label = g_strdup_printf (_("%u frames"), buffer_sizes[i]);

      gtk_string_list_append (buffers, label);
    }
  adw_combo_row_set_model (self->buffer_row, G_LIST_MODEL (buffers));
  g_object_bind_property_full (settings, LQ_SETTING_KEY_BUFFER_SIZE,
                               self->buffer_row, "selected",
                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               buffer_to_index, index_to_buffer, NULL, NULL);

  for (guint i = 0; i < n_presets; i++)
    gtk_string_list_append (targets, _(presets[i].label));
  adw_combo_row_set_model (self->target_row, G_LIST_MODEL (targets));
  g_object_bind_property_full (settings, LQ_SETTING_KEY_TARGET_PRESET,
                               self->target_row, "selected",
                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               preset_to_index, index_to_preset, NULL, NULL);

  g_signal_connect_object (self->target_row, "notify::selected",
                           G_CALLBACK (update_target_subtitle), self, G_CONNECT_SWAPPED);
  update_target_subtitle (self);

  g_object_bind_property (settings, LQ_SETTING_KEY_LISTENING_LEVEL,
                          self->level_adjustment, "value",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (settings, LQ_SETTING_KEY_LOUDNESS_MATCH,
                          self->match_switch, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (settings, LQ_SETTING_KEY_REMINDER_MINUTES,
                          self->reminder_adjustment, "value",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (settings, LQ_SETTING_KEY_RESET_EARS_S,
                          self->reset_adjustment, "value",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  return GTK_WIDGET (self);
}
