/* lq-meter-panel.c
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

#include "lq-meter-panel.h"
#include "lq-presets.h"
#include "lq-view-private.h"

#define ON_TARGET_LU 1.0
#define LIVE_TEXT_US (G_USEC_PER_SEC / 8)   /* numbers change at a readable rate */

struct _LqMeterPanel
{
  AdwBin          parent_instance;

  LqSource       *source;
  char           *heard_name;   /* what is heard instead of the source, or NULL */
  double          position;
  const LqPreset *preset;
  LqPreset        custom;         /* the Custom target, the menu's last entry */
  gboolean        live;
  gint64          live_text_time;

  GtkDropDown    *target_dropdown;
  LqLevelMeter   *level_meter;
  GtkLabel       *momentary_label;
  GtkLabel       *short_term_label;
  GtkLabel       *integrated_label;
  GtkLabel       *heard_title;
  GtkLabel       *heard_label;
  GtkLabel       *range_label;
  GtkLabel       *true_peak_label;
  GtkLabel       *sample_peak_label;
  GtkLabel       *plr_label;
  GtkLabel       *correlation_label;
  GtkLabel       *verdict_label;
};

G_DEFINE_FINAL_TYPE (LqMeterPanel, lq_meter_panel, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_POSITION,
  PROP_PRESET_ID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
set_level (GtkLabel   *label,
           double      value,
           const char *unit)
{
  g_autofree char *text = _lq_format_level (value, unit);

  gtk_label_set_label (label, text);
}

static void
set_state (GtkLabel   *label,
           const char *state)
{
  static const char *const states[] = { "success", "warning", "error" };

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (g_strcmp0 (state, states[i]) != 0)
      gtk_widget_remove_css_class (GTK_WIDGET (label), states[i]);
  if (state != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), state);
}

static void
set_correlation (GtkLabel *label,
                 double    value)
{
  g_autofree char *text = NULL;

  if (!isfinite (value))
    {
      gtk_label_set_label (label, "—");
      return;
    }
  /* A real minus sign, as in the levels. */
  text = g_strdup_printf ("%s%.2f", value < -0.005 ? "−" : value > 0.005 ? "+" : "",
                          fabs (value));
  gtk_label_set_label (label, text);
}

static void
update_position (LqMeterPanel *self)
{
  if (self->live)
    return;
  if (self->source == NULL)
    {
      set_level (self->momentary_label, -HUGE_VAL, NULL);
      set_level (self->short_term_label, -HUGE_VAL, NULL);
      return;
    }
  set_level (self->momentary_label,
             lq_source_get_momentary_at (self->source, self->position), "LUFS");
  set_level (self->short_term_label,
             lq_source_get_short_term_at (self->source, self->position), "LUFS");
}

static void
update_verdict (LqMeterPanel            *self,
                const LqLoudnessSummary *s)
{
  GString *text = g_string_new (NULL);
  const char *name = _(self->preset->label);
  double diff = s->integrated_lufs - self->preset->target_lufs;

  if (!isfinite (s->integrated_lufs))
    g_string_append (text, _("Silent: nothing to measure"));
  else if (!lq_preset_has_target (self->preset))
    g_string_append (text, _("As mastered: no loudness target, the limiter’s ceiling applies"));
  else if (diff > ON_TARGET_LU)
    g_string_append_printf (text, _("%.1f dB louder than the %s target: it will be turned down"),
                            diff, name);
  else if (diff < -ON_TARGET_LU)
    g_string_append_printf (text, _("%.1f dB quieter than the %s target"), -diff, name);
  else
    g_string_append_printf (text, _("On the %s loudness target"), name);

  if (isfinite (s->true_peak_dbtp) && s->true_peak_dbtp > self->preset->ceiling_dbtp)
    {
      g_autofree char *ceiling = _lq_format_level (self->preset->ceiling_dbtp, "dBTP");

      g_string_append (text, "\n");
      /* Translators: "True peak 0.6 dB over the −1.0 dBTP ceiling" */
      g_string_append_printf (text, _("True peak %.1f dB over the %s ceiling"),
                              s->true_peak_dbtp - self->preset->ceiling_dbtp, ceiling);
    }
  gtk_label_set_label (self->verdict_label, text->str);
  g_string_free (text, TRUE);
}

static void
update_readouts (LqMeterPanel *self)
{
  const LqAnalysisResult *result = self->source ? lq_source_get_result (self->source) : NULL;
  const LqLoudnessSummary *s;
  double diff;

  /* As mastered has no ceiling of its own: full scale is the mark. */
  lq_level_meter_set_ceiling (self->level_meter, isfinite (self->preset->ceiling_dbtp)
                                                 ? self->preset->ceiling_dbtp : 0.0);
  update_position (self);

  if (result == NULL)
    {
      GtkLabel *labels[] = { self->integrated_label, self->range_label, self->true_peak_label,
                             self->sample_peak_label, self->plr_label };

      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        {
          set_level (labels[i], -HUGE_VAL, NULL);
          set_state (labels[i], NULL);
        }
      gtk_label_set_label (self->verdict_label, "");
      if (!self->live)
        lq_level_meter_set_levels (self->level_meter, 0, NULL, NULL);
      return;
    }

  s = &result->summary;
  set_level (self->integrated_label, s->integrated_lufs, "LUFS");
  set_level (self->range_label, s->loudness_range_lu, "LU");
  set_level (self->true_peak_label, s->true_peak_dbtp, "dBTP");
  set_level (self->sample_peak_label, s->sample_peak_dbfs, "dBFS");
  set_level (self->plr_label, s->plr_db, "dB");

  diff = s->integrated_lufs - self->preset->target_lufs;
  set_state (self->integrated_label, !isfinite (diff) ? NULL
                                     : fabs (diff) <= ON_TARGET_LU ? "success" : "warning");
  set_state (self->true_peak_label, !isfinite (s->true_peak_dbtp) ? NULL
                                    : s->true_peak_dbtp <= self->preset->ceiling_dbtp ? "success"
                                    : "error");
  update_verdict (self, s);

  if (!self->live)
    lq_level_meter_set_levels (self->level_meter,
                               MIN (s->channels, LQ_LEVEL_METER_MAX_CHANNELS),
                               s->channel_sample_peak_dbfs, s->channel_true_peak_dbtp);
}

static void
lq_meter_panel_dropdown_notify_selected_cb (LqMeterPanel *self,
                                            GParamSpec   *pspec,
                                            GtkDropDown  *dropdown)
{
  guint n_presets;
  const LqPreset *presets = lq_presets_get_all (&n_presets);
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected < n_presets)
    lq_meter_panel_set_preset_id (self, presets[selected].id);
  else if (selected == n_presets)
    lq_meter_panel_set_preset_id (self, LQ_PRESET_CUSTOM_ID);
}

static void
lq_meter_panel_dispose (GObject *object)
{
  LqMeterPanel *self = (LqMeterPanel *)object;

  g_clear_object (&self->source);
  g_clear_pointer (&self->heard_name, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LQ_TYPE_METER_PANEL);

  G_OBJECT_CLASS (lq_meter_panel_parent_class)->dispose (object);
}

static void
lq_meter_panel_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LqMeterPanel *self = LQ_METER_PANEL (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_POSITION:
      g_value_set_double (value, self->position);
      break;
    case PROP_PRESET_ID:
      g_value_set_string (value, self->preset->id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_meter_panel_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LqMeterPanel *self = LQ_METER_PANEL (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      lq_meter_panel_set_source (self, g_value_get_object (value));
      break;
    case PROP_POSITION:
      lq_meter_panel_set_position (self, g_value_get_double (value));
      break;
    case PROP_PRESET_ID:
      lq_meter_panel_set_preset_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_meter_panel_class_init (LqMeterPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lq_meter_panel_dispose;
  object_class->get_property = lq_meter_panel_get_property;
  object_class->set_property = lq_meter_panel_set_property;

  properties [PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, LQ_TYPE_SOURCE, flags);
  properties [PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0, flags);
  properties [PROP_PRESET_ID] =
    g_param_spec_string ("preset-id", NULL, NULL, "spotify", flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LQ_TYPE_LEVEL_METER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/lq-meter-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LqMeterPanel, target_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LqMeterPanel, level_meter);
  gtk_widget_class_bind_template_child (widget_class, LqMeterPanel, momentary_label);
  gtk_widget_class_bind_template_child (widget_class, LqMeterPanel, short_term_label);
  gtk_widget_class_bind_template_child (widget_class, LqMeterPanel, integrated_label);
  gtk_widget_class_bind_template_child (widget_class, LqMeterPanel, heard_title);
  gtk_widget_class_bind_template_child (widget_class, LqMeterPanel, heard_label);
  gtk_widget_class_bind_template_child (widget_class, LqMeterPanel, range_label);
  gtk_widget_class_bind_template_child (widget_class, LqMeterPanel, true_peak_label);
  gtk_widget_class_bind_template_child (widget_class, LqMeterPanel, sample_peak_label);
  gtk_widget_class_bind_template_child (widget_class, LqMeterPanel, plr_label);
  gtk_widget_class_bind_template_child (widget_class, LqMeterPanel, correlation_label);
  gtk_widget_class_bind_template_child (widget_class, LqMeterPanel, verdict_label);
  gtk_widget_class_set_css_name (widget_class, "meterpanel");
}

static void
lq_meter_panel_init (LqMeterPanel *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint n_presets;
  const LqPreset *presets = lq_presets_get_all (&n_presets);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->preset = &presets[0];
  lq_preset_init_custom (&self->custom, LQ_CUSTOM_LUFS_DEFAULT, LQ_CUSTOM_CEILING_DEFAULT);
  for (guint i = 0; i < n_presets; i++)
    gtk_string_list_append (labels, _(presets[i].label));
  gtk_string_list_append (labels, _(self->custom.label));
  gtk_drop_down_set_model (self->target_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->target_dropdown, 0);
  g_signal_connect_object (self->target_dropdown, "notify::selected",
                           G_CALLBACK (lq_meter_panel_dropdown_notify_selected_cb), self,
                           G_CONNECT_SWAPPED);
  update_readouts (self);
}

GtkWidget *
lq_meter_panel_new (void)
{
  return g_object_new (LQ_TYPE_METER_PANEL, NULL);
}

LqSource *
lq_meter_panel_get_source (LqMeterPanel *self)
{
  g_return_val_if_fail (LQ_IS_METER_PANEL (self), NULL);

  return self->source;
}

/* What was heard is of one source, or of what plays instead of it, and says which. */
static void
update_heard_title (LqMeterPanel *self)
{
  const char *name = self->heard_name;

  if (name == NULL && self->source != NULL)
    name = lq_source_get_kind (self->source) == LQ_SOURCE_KIND_MIX
           ? _("Mix") : lq_source_get_title (self->source);
  if (name != NULL)
    {
      /* Translators: the live integrated loudness of one source, "Heard (Master)" */
      g_autofree char *title = g_strdup_printf (_("Heard (%s)"), name);

      gtk_label_set_label (self->heard_title, title);
    }
  else
    gtk_label_set_label (self->heard_title, _("Heard"));
}

void
lq_meter_panel_set_heard_name (LqMeterPanel *self,
                               const char   *name)
{
  g_return_if_fail (LQ_IS_METER_PANEL (self));

  if (g_strcmp0 (self->heard_name, name) == 0)
    return;
  g_free (self->heard_name);
  self->heard_name = g_strdup (name);
  gtk_label_set_label (self->heard_label, "—");
  update_heard_title (self);
}

const char *
lq_meter_panel_get_heard_title (LqMeterPanel *self)
{
  g_return_val_if_fail (LQ_IS_METER_PANEL (self), NULL);

  return gtk_label_get_label (self->heard_title);
}

void
lq_meter_panel_set_source (LqMeterPanel *self,
                           LqSource     *source)
{
  g_return_if_fail (LQ_IS_METER_PANEL (self));
  g_return_if_fail (!source || LQ_IS_SOURCE (source));

  if (!g_set_object (&self->source, source))
    return;
  gtk_label_set_label (self->heard_label, "—");
  update_heard_title (self);
  update_readouts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOURCE]);
}

double
lq_meter_panel_get_position (LqMeterPanel *self)
{
  g_return_val_if_fail (LQ_IS_METER_PANEL (self), 0.0);

  return self->position;
}

void
lq_meter_panel_set_position (LqMeterPanel *self,
                             double        seconds)
{
  g_return_if_fail (LQ_IS_METER_PANEL (self));

  seconds = MAX (seconds, 0.0);
  if (self->position == seconds)
    return;
  self->position = seconds;
  update_position (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_POSITION]);
}

const char *
lq_meter_panel_get_preset_id (LqMeterPanel *self)
{
  g_return_val_if_fail (LQ_IS_METER_PANEL (self), NULL);

  return self->preset->id;
}

void
lq_meter_panel_set_preset_id (LqMeterPanel *self,
                              const char   *preset_id)
{
  guint n_presets;
  const LqPreset *presets = lq_presets_get_all (&n_presets);
  const LqPreset *preset;

  g_return_if_fail (LQ_IS_METER_PANEL (self));

  preset = preset_id ? lq_presets_lookup_with_custom (preset_id, &self->custom) : NULL;
  if (preset == NULL || preset == self->preset)
    return;
  self->preset = preset;
  gtk_drop_down_set_selected (self->target_dropdown,
                              preset == &self->custom ? n_presets : (guint) (preset - presets));
  update_readouts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PRESET_ID]);
}

LqLevelMeter *
lq_meter_panel_get_level_meter (LqMeterPanel *self)
{
  g_return_val_if_fail (LQ_IS_METER_PANEL (self), NULL);

  return self->level_meter;
}

void
lq_meter_panel_set_live (LqMeterPanel       *self,
                         const LqLiveLevels *levels)
{
  gint64 now;

  g_return_if_fail (LQ_IS_METER_PANEL (self));

  if (levels == NULL || !levels->active)
    {
      if (!self->live)
        return;
      self->live = FALSE;
      set_correlation (self->correlation_label, NAN);
      update_readouts (self);
      return;
    }

  self->live = TRUE;
  lq_level_meter_set_channels (self->level_meter, levels->n_channels, levels->channels);

  now = g_get_monotonic_time ();
  if (now - self->live_text_time < LIVE_TEXT_US)
    return;
  self->live_text_time = now;
  set_level (self->momentary_label, levels->momentary_lufs, "LUFS");
  set_level (self->short_term_label, levels->short_term_lufs, "LUFS");
  set_level (self->heard_label, levels->integrated_lufs, "LUFS");
  set_correlation (self->correlation_label, levels->correlation);
}

gboolean
lq_meter_panel_get_live (LqMeterPanel *self)
{
  g_return_val_if_fail (LQ_IS_METER_PANEL (self), FALSE);

  return self->live;
}

/* The Custom target's numbers (the session's). */
void
lq_meter_panel_set_custom_target (LqMeterPanel *self,
                                  double        target_lufs,
                                  double        ceiling_dbtp)
{
  g_return_if_fail (LQ_IS_METER_PANEL (self));

  lq_preset_init_custom (&self->custom, target_lufs, ceiling_dbtp);
  if (self->preset == &self->custom)
    update_readouts (self);
}
