/* lq-check-view.c
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

#include "lq-check-view.h"

/* What a row shows: a finding, at one of its times (-1: the finding itself). */
typedef struct
{
  const LqCheckFinding *finding;
  int                   time_index;
} Entry;

struct _LqCheckView
{
  GtkWidget      parent_instance;

  LqSourceSet   *sources;
  LqCheckProfile profile;
  LqCheckReport *report;
  GArray        *entries;       /* Entry, one per row of list */

  GtkWidget     *box;
  GtkDropDown   *profile_dropdown;
  GtkLabel      *summary;
  GtkListBox    *list;
};

G_DEFINE_FINAL_TYPE (LqCheckView, lq_check_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SOURCES,
  PROP_PROFILE,
  N_PROPS
};

enum {
  TIME_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static const char *
severity_icon (LqCheckSeverity severity)
{
  switch (severity)
    {
    case LQ_CHECK_PROBLEM:
      return "dialog-error-symbolic";
    case LQ_CHECK_ADVICE:
      return "dialog-warning-symbolic";
    case LQ_CHECK_OK:
    default:
      return "emblem-ok-symbolic";
    }
}

static const char *
severity_class (LqCheckSeverity severity)
{
  switch (severity)
    {
    case LQ_CHECK_PROBLEM:
      return "error";
    case LQ_CHECK_ADVICE:
      return "warning";
    case LQ_CHECK_OK:
    default:
      return "success";
    }
}

static GtkWidget *
row_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* "Clipped runs · at 0:01.500 for 2.5 ms, channel 1". */
static char *
row_title (const LqCheckFinding *f,
           int                   time_index)
{
  g_autofree char *title = NULL;
  g_autofree char *start = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *at = NULL;
  const LqCheckTime *t;

  title = f->channel >= 0 ? g_strdup_printf (_("%s, channel %d"), f->title, f->channel + 1)
                          : g_strdup (f->title);
  if (time_index < 0)
    return g_steal_pointer (&title);
  t = &g_array_index (f->times, LqCheckTime, time_index);
  start = lq_check_format_time (t->start_s);
  duration = lq_check_format_duration (t->duration_s);
  if (t->channel >= 0)
    at = g_strdup_printf (_("at %s for %s, channel %d"), start, duration, t->channel + 1);
  else
    at = g_strdup_printf (_("at %s for %s"), start, duration);
  return g_strdup_printf ("%s · %s", title, at);
}

static GtkWidget *
make_row (LqCheckView          *self,
          const LqCheckFinding *f,
          int                   time_index,
          gboolean              last_time)
{
  g_autofree char *title = row_title (f, time_index);
  g_autofree char *value = lq_check_finding_format_value (f);
  g_autofree char *threshold = lq_check_finding_format_threshold (f);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *numbers = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (f->severity));
  GtkWidget *label;
  Entry entry = { f, time_index };

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_add_css_class (icon, severity_class (f->severity));
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (icon, lq_check_severity_get_label (f->severity));
  gtk_box_append (GTK_BOX (box), icon);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), row_label (title, "heading"));
  gtk_box_append (GTK_BOX (text), row_label (f->reason, "dim-label"));
  if (last_time && f->n_times > f->times->len)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more"),
                                               (guint) MIN (f->n_times - f->times->len,
                                                            G_MAXUINT));

      gtk_box_append (GTK_BOX (text), row_label (more, "caption"));
    }
  gtk_box_append (GTK_BOX (box), text);

  label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (numbers), label);
  if (threshold != NULL)
    {
      g_autofree char *limit = NULL;

      /* Translators: the threshold a check's value was judged against, e.g. "limit -1 dBFS". */
      limit = g_strdup_printf (_("limit %s"), threshold);
      label = gtk_label_new (limit);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (numbers), label);
    }
  gtk_widget_set_valign (numbers, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), numbers);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), time_index >= 0);
  if (time_index >= 0)
    gtk_widget_set_tooltip_text (row, _("Select the mix and loop two seconds around this"));
  g_array_append_val (self->entries, entry);
  return row;
}

static void
rebuild (LqCheckView *self)
{
  LqSource *mix = self->sources ? lq_source_set_get_mix (self->sources) : NULL;
  LqAnalysisResult *result = mix ? (LqAnalysisResult *) lq_source_get_result (mix) : NULL;
  LqCheckSettings settings, measured;
  GtkWidget *child;
  guint problems = 0, advice = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_array_set_size (self->entries, 0);
  g_clear_pointer (&self->report, lq_check_report_free);

  if (mix == NULL)
    {
      gtk_label_set_label (self->summary,
                           _("Open a mix to check whether it is ready for mastering."));
      return;
    }
  if (result == NULL || result->check == NULL)
    {
      gtk_label_set_label (self->summary, _("This mix has no check readings."));
      return;
    }

  /* Judge by the profile, but with the definitions the pass measured by; the pass measures
   * every profile's correlation rule (lq_check_settings_to_config), so that one is the
   * profile's own. */
  lq_check_settings_init (&settings, self->profile);
  lq_check_settings_init (&measured, LQ_CHECK_PROFILE_DEFAULT);
  settings.clip_level_dbfs = measured.clip_level_dbfs;
  settings.clip_min_samples = measured.clip_min_samples;
  settings.low_cutoff_hz = measured.low_cutoff_hz;
  settings.high_cutoff_hz = measured.high_cutoff_hz;
  settings.silence_dbfs = measured.silence_dbfs;
  self->report = lq_check_report_new (result, &settings, self->profile);

  /* Problems first, then advice, then what is fine; the report's order within each. */
  for (int severity = LQ_CHECK_PROBLEM; severity >= LQ_CHECK_OK; severity--)
    for (guint i = 0; i < self->report->findings->len; i++)
      {
        const LqCheckFinding *f = g_ptr_array_index (self->report->findings, i);

        if ((int) f->severity != severity)
          continue;
        problems += f->severity == LQ_CHECK_PROBLEM;
        advice += f->severity == LQ_CHECK_ADVICE;
        if (f->times->len == 0)
          gtk_list_box_append (self->list, make_row (self, f, -1, TRUE));
        for (guint t = 0; t < f->times->len; t++)
          gtk_list_box_append (self->list, make_row (self, f, (int) t, t + 1 == f->times->len));
      }

  if (problems == 0 && advice == 0)
    gtk_label_set_label (self->summary, _("Ready for mastering: no problems, no advice."));
  else
    {
      g_autofree char *summary = g_strdup_printf ("%s %u, %s %u", _("Problems:"), problems,
                                                  _("advice:"), advice);

      gtk_label_set_label (self->summary, summary);
    }
}

static void
lq_check_view_row_activated_cb (LqCheckView   *self,
                                GtkListBoxRow *row,
                                GtkListBox    *list)
{
  int index = gtk_list_box_row_get_index (row);
  const Entry *entry;
  const LqCheckTime *t;

  if (index < 0 || (guint) index >= self->entries->len)
    return;
  entry = &g_array_index (self->entries, Entry, index);
  if (entry->time_index < 0)
    return;
  t = &g_array_index (entry->finding->times, LqCheckTime, entry->time_index);
  g_signal_emit (self, signals [TIME_ACTIVATED], 0, t->start_s, t->duration_s);
}

static void
lq_check_view_profile_cb (LqCheckView *self,
                          GParamSpec  *pspec,
                          GtkDropDown *dropdown)
{
  lq_check_view_set_profile (self, gtk_drop_down_get_selected (dropdown));
}

static void
lq_check_view_dispose (GObject *object)
{
  LqCheckView *self = (LqCheckView *)object;

  lq_check_view_set_sources (self, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->report, lq_check_report_free);
  g_clear_pointer (&self->entries, g_array_unref);

  G_OBJECT_CLASS (lq_check_view_parent_class)->dispose (object);
}

static void
lq_check_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LqCheckView *self = LQ_CHECK_VIEW (object);

  switch (prop_id)
    {
    case PROP_SOURCES:
      g_value_set_object (value, self->sources);
      break;
    case PROP_PROFILE:
      g_value_set_uint (value, self->profile);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_check_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LqCheckView *self = LQ_CHECK_VIEW (object);

  switch (prop_id)
    {
    case PROP_SOURCES:
      lq_check_view_set_sources (self, g_value_get_object (value));
      break;
    case PROP_PROFILE:
      lq_check_view_set_profile (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_check_view_class_init (LqCheckViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lq_check_view_dispose;
  object_class->get_property = lq_check_view_get_property;
  object_class->set_property = lq_check_view_set_property;

  properties [PROP_SOURCES] =
    g_param_spec_object ("sources", NULL, NULL, LQ_TYPE_SOURCE_SET, rw);
  properties [PROP_PROFILE] =
    g_param_spec_uint ("profile", NULL, NULL, 0, LQ_CHECK_N_PROFILES - 1,
                       LQ_CHECK_PROFILE_DEFAULT, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* start and duration, seconds of the mix */
  signals [TIME_ACTIVATED] =
    g_signal_new ("time-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "checkview");
}

static void
lq_check_view_init (LqCheckView *self)
{
  const char *profiles[] = { _("Default"), _("Strict"), _("Relaxed"), NULL };
  GtkWidget *header, *label, *scrolled;

  G_STATIC_ASSERT (LQ_CHECK_PROFILE_DEFAULT == 0 && LQ_CHECK_PROFILE_STRICT == 1
                   && LQ_CHECK_PROFILE_RELAXED == 2);

  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary, 0.0f);
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->summary), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "heading");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->summary));
  label = gtk_label_new_with_mnemonic (_("P_rofile"));
  self->profile_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (profiles));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->profile_dropdown));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->profile_dropdown),
                               _("The thresholds the mix is judged by: strict asks for more "
                                 "headroom, relaxed for less"));
  g_signal_connect_object (self->profile_dropdown, "notify::selected",
                           G_CALLBACK (lq_check_view_profile_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->profile_dropdown));
  gtk_box_append (GTK_BOX (self->box), header);

  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  g_signal_connect_object (self->list, "row-activated",
                           G_CALLBACK (lq_check_view_row_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (self->box), scrolled);

  rebuild (self);
}

GtkWidget *
lq_check_view_new (void)
{
  return g_object_new (LQ_TYPE_CHECK_VIEW, NULL);
}

LqSourceSet *
lq_check_view_get_sources (LqCheckView *self)
{
  g_return_val_if_fail (LQ_IS_CHECK_VIEW (self), NULL);
  return self->sources;
}

void
lq_check_view_set_sources (LqCheckView *self,
                           LqSourceSet *sources)
{
  g_return_if_fail (LQ_IS_CHECK_VIEW (self));
  g_return_if_fail (!sources || LQ_IS_SOURCE_SET (sources));

  if (self->sources == sources)
    return;
  if (self->sources != NULL)
    g_signal_handlers_disconnect_by_data (self->sources, self);
  g_set_object (&self->sources, sources);
  /* The mix is replaced through the list (a new mix is a new item). */
  if (sources != NULL)
    g_signal_connect_object (sources, "items-changed", G_CALLBACK (rebuild), self,
                             G_CONNECT_SWAPPED);
  if (self->entries != NULL)
    rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOURCES]);
}

LqCheckProfile
lq_check_view_get_profile (LqCheckView *self)
{
  g_return_val_if_fail (LQ_IS_CHECK_VIEW (self), LQ_CHECK_PROFILE_DEFAULT);
  return self->profile;
}

void
lq_check_view_set_profile (LqCheckView    *self,
                           LqCheckProfile  profile)
{
  g_return_if_fail (LQ_IS_CHECK_VIEW (self));
  g_return_if_fail (profile < LQ_CHECK_N_PROFILES);

  if (self->profile == profile)
    return;
  self->profile = profile;
  gtk_drop_down_set_selected (self->profile_dropdown, profile);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROFILE]);
}

const LqCheckReport *
lq_check_view_get_report (LqCheckView *self)
{
  g_return_val_if_fail (LQ_IS_CHECK_VIEW (self), NULL);
  return self->report;
}

GtkListBoxRow *
lq_check_view_find_row (LqCheckView *self,
                        const char  *id,
                        guint        time_index)
{
  const LqCheckFinding *first = NULL;

  g_return_val_if_fail (LQ_IS_CHECK_VIEW (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);

      if (!g_str_equal (entry->finding->id, id))
        continue;
      if (first == NULL)
        first = entry->finding;
      if (entry->finding == first
          && (entry->time_index == (int) time_index || (entry->time_index < 0 && time_index == 0)))
        return gtk_list_box_get_row_at_index (self->list, (int) i);
    }
  return NULL;
}
