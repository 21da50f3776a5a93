/* lq-transport-bar.c
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

#include "lq-transport-bar.h"

struct _LqTransportBar
{
  AdwBin     parent_instance;

  double     position;
  double     duration;
  gboolean   playing;
  char      *device_name;
  char      *device_message;
  double     loop_start;
  double     loop_end;
  gboolean   syncing;

  GtkButton *play_button;
  GtkSpinButton *loop_start_spin;
  GtkSpinButton *loop_end_spin;
  GtkButton *stop_button;
  GtkLabel  *position_label;
  GtkImage  *device_icon;
  GtkLabel  *device_label;
};

G_DEFINE_FINAL_TYPE (LqTransportBar, lq_transport_bar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_POSITION,
  PROP_DURATION,
  PROP_PLAYING,
  PROP_DEVICE_NAME,
  PROP_DEVICE_MESSAGE,
  PROP_LOOP_START,
  PROP_LOOP_END,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static char *
format_clock (double seconds)
{
  long tenths = (long) floor (MAX (seconds, 0.0) * 10.0 + 1e-6);
  long s = tenths / 10;

  if (s >= 3600)
    return g_strdup_printf ("%ld:%02ld:%02ld.%ld", s / 3600, (s / 60) % 60, s % 60, tenths % 10);
  return g_strdup_printf ("%ld:%02ld.%ld", s / 60, s % 60, tenths % 10);
}

/* Loop times to the hundredth: "1:23.45". */
static char *
format_loop_time (double seconds)
{
  long hundredths = (long) floor (MAX (seconds, 0.0) * 100.0 + 0.5);
  long s = hundredths / 100;

  return g_strdup_printf ("%ld:%02ld.%02ld", s / 60, s % 60, hundredths % 100);
}

/* "1:23.45", "83.45" or "1:02:03": seconds, or FALSE. */
static gboolean
parse_loop_time (const char *text,
                 double     *seconds)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", 0);
  guint n = g_strv_length (parts);
  double value = 0.0;

  if (n == 0 || n > 3)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      char *end = NULL;
      double part = g_ascii_strtod (g_strstrip (parts[i]), &end);

      if (end == parts[i] || *end != '\0' || !isfinite (part) || part < 0.0
          || (i > 0 && part >= 60.0))
        return FALSE;
      value = value * 60.0 + part;
    }
  *seconds = value;
  return TRUE;
}

static void
sync_loop_spins (LqTransportBar *self)
{
  self->syncing = TRUE;
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->loop_start_spin),
                            self->duration);
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->loop_end_spin),
                            self->duration);
  gtk_spin_button_set_value (self->loop_start_spin, self->loop_start);
  gtk_spin_button_set_value (self->loop_end_spin, self->loop_end);
  self->syncing = FALSE;
}

static int
lq_transport_bar_loop_input_cb (GtkSpinButton *spin,
                                double        *new_value)
{
  /* Refused text keeps the value (the spin then shows it again). */
  *new_value = gtk_spin_button_get_value (spin);
  return parse_loop_time (gtk_editable_get_text (GTK_EDITABLE (spin)), new_value)
         ? TRUE : GTK_INPUT_ERROR;
}

static gboolean
lq_transport_bar_loop_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = format_loop_time (gtk_spin_button_get_value (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* A typed edge that passes the other one takes it along, keeping the loop's length (at least
 * a second), so that typing never turns the loop off. */
static void
lq_transport_bar_loop_value_changed_cb (LqTransportBar *self,
                                        GtkSpinButton  *spin)
{
  double start = gtk_spin_button_get_value (self->loop_start_spin);
  double end = gtk_spin_button_get_value (self->loop_end_spin);
  double length = MAX (self->loop_end - self->loop_start, 1.0);

  if (self->syncing)
    return;
  if (spin == self->loop_start_spin && end <= start)
    end = MIN (start + length, self->duration);
  else if (spin == self->loop_end_spin && end <= start)
    start = MAX (end - length, 0.0);
  lq_transport_bar_set_loop (self, start, end);
}

static void
update_position (LqTransportBar *self)
{
  g_autofree char *pos = format_clock (self->position);
  g_autofree char *dur = format_clock (self->duration);
  g_autofree char *text = g_strdup_printf ("%s / %s", pos, dur);

  gtk_label_set_label (self->position_label, text);
}

static void
update_device (LqTransportBar *self)
{
  gboolean output = self->device_name != NULL;
  gboolean problem = self->device_message != NULL;
  const char *no_output = _("No audio output");

  /* A message says why there is no sound (and Play tries again). */
  gtk_label_set_label (self->device_label, problem ? self->device_message
                                           : output ? self->device_name : no_output);
  gtk_image_set_from_icon_name (self->device_icon,
                                problem ? "dialog-warning-symbolic"
                                : output ? "audio-speakers-symbolic"
                                : "audio-volume-muted-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               !output && !problem ? no_output
                               : self->playing ? _("Pause (Space)") : _("Play (Space)"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->stop_button),
                               output || problem ? _("Stop and go back to the start")
                                                 : no_output);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->device_label),
                               problem ? self->device_message
                               : output ? NULL
                               : _("Everything but sound works: open, measure and compare"));
}

static void
lq_transport_bar_dispose (GObject *object)
{
  LqTransportBar *self = (LqTransportBar *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LQ_TYPE_TRANSPORT_BAR);

  G_OBJECT_CLASS (lq_transport_bar_parent_class)->dispose (object);
}

static void
lq_transport_bar_finalize (GObject *object)
{
  LqTransportBar *self = (LqTransportBar *)object;

  g_clear_pointer (&self->device_name, g_free);
  g_clear_pointer (&self->device_message, g_free);

  G_OBJECT_CLASS (lq_transport_bar_parent_class)->finalize (object);
}

static void
lq_transport_bar_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LqTransportBar *self = LQ_TRANSPORT_BAR (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_double (value, self->position);
      break;
    case PROP_DURATION:
      g_value_set_double (value, self->duration);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_DEVICE_NAME:
      g_value_set_string (value, self->device_name);
      break;
    case PROP_DEVICE_MESSAGE:
      g_value_set_string (value, self->device_message);
      break;
    case PROP_LOOP_START:
      g_value_set_double (value, self->loop_start);
      break;
    case PROP_LOOP_END:
      g_value_set_double (value, self->loop_end);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_transport_bar_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LqTransportBar *self = LQ_TRANSPORT_BAR (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      lq_transport_bar_set_position (self, g_value_get_double (value));
      break;
    case PROP_DURATION:
      lq_transport_bar_set_duration (self, g_value_get_double (value));
      break;
    case PROP_PLAYING:
      lq_transport_bar_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_DEVICE_NAME:
      lq_transport_bar_set_device_name (self, g_value_get_string (value));
      break;
    case PROP_DEVICE_MESSAGE:
      lq_transport_bar_set_device_message (self, g_value_get_string (value));
      break;
    case PROP_LOOP_START:
      lq_transport_bar_set_loop (self, g_value_get_double (value), self->loop_end);
      break;
    case PROP_LOOP_END:
      lq_transport_bar_set_loop (self, self->loop_start, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_transport_bar_class_init (LqTransportBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lq_transport_bar_dispose;
  object_class->finalize = lq_transport_bar_finalize;
  object_class->get_property = lq_transport_bar_get_property;
  object_class->set_property = lq_transport_bar_set_property;

  properties [PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0, flags);
  properties [PROP_DURATION] =
    g_param_spec_double ("duration", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0, flags);
  properties [PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE, flags);
  properties [PROP_DEVICE_NAME] =
    g_param_spec_string ("device-name", NULL, NULL, NULL, flags);
  properties [PROP_DEVICE_MESSAGE] =
    g_param_spec_string ("device-message", NULL, NULL, NULL, flags);
  properties [PROP_LOOP_START] =
    g_param_spec_double ("loop-start", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0, flags);
  properties [PROP_LOOP_END] =
    g_param_spec_double ("loop-end", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/lq-transport-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, LqTransportBar, play_button);
  gtk_widget_class_bind_template_child (widget_class, LqTransportBar, stop_button);
  gtk_widget_class_bind_template_child (widget_class, LqTransportBar, position_label);
  gtk_widget_class_bind_template_child (widget_class, LqTransportBar, loop_start_spin);
  gtk_widget_class_bind_template_child (widget_class, LqTransportBar, loop_end_spin);
  gtk_widget_class_bind_template_callback (widget_class, lq_transport_bar_loop_input_cb);
  gtk_widget_class_bind_template_callback (widget_class, lq_transport_bar_loop_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, lq_transport_bar_loop_value_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, LqTransportBar, device_icon);
  gtk_widget_class_bind_template_child (widget_class, LqTransportBar, device_label);
  gtk_widget_class_set_css_name (widget_class, "transportbar");
}

static void
lq_transport_bar_init (LqTransportBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sync_loop_spins (self);
  update_position (self);
  update_device (self);
}

GtkWidget *
lq_transport_bar_new (void)
{
  return g_object_new (LQ_TYPE_TRANSPORT_BAR, NULL);
}

void
lq_transport_bar_set_position (LqTransportBar *self,
                               double          seconds)
{
  g_return_if_fail (LQ_IS_TRANSPORT_BAR (self));

  seconds = MAX (seconds, 0.0);
  if (self->position == seconds)
    return;
  self->position = seconds;
  update_position (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_POSITION]);
}

double
lq_transport_bar_get_position (LqTransportBar *self)
{
  g_return_val_if_fail (LQ_IS_TRANSPORT_BAR (self), 0.0);

  return self->position;
}

void
lq_transport_bar_set_duration (LqTransportBar *self,
                               double          seconds)
{
  g_return_if_fail (LQ_IS_TRANSPORT_BAR (self));

  seconds = MAX (seconds, 0.0);
  if (self->duration == seconds)
    return;
  self->duration = seconds;
  sync_loop_spins (self);
  update_position (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DURATION]);
}

double
lq_transport_bar_get_duration (LqTransportBar *self)
{
  g_return_val_if_fail (LQ_IS_TRANSPORT_BAR (self), 0.0);

  return self->duration;
}

void
lq_transport_bar_set_playing (LqTransportBar *self,
                              gboolean        playing)
{
  g_return_if_fail (LQ_IS_TRANSPORT_BAR (self));

  playing = !!playing;
  if (self->playing == playing)
    return;
  self->playing = playing;
  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  playing ? _("Pause") : _("Play"), -1);
  update_device (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PLAYING]);
}

gboolean
lq_transport_bar_get_playing (LqTransportBar *self)
{
  g_return_val_if_fail (LQ_IS_TRANSPORT_BAR (self), FALSE);

  return self->playing;
}

void
lq_transport_bar_set_device_name (LqTransportBar *self,
                                  const char     *name)
{
  g_return_if_fail (LQ_IS_TRANSPORT_BAR (self));

  if (g_strcmp0 (self->device_name, name) == 0)
    return;
  g_free (self->device_name);
  self->device_name = g_strdup (name);
  update_device (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DEVICE_NAME]);
}

const char *
lq_transport_bar_get_device_name (LqTransportBar *self)
{
  g_return_val_if_fail (LQ_IS_TRANSPORT_BAR (self), NULL);

  return self->device_name;
}

void
lq_transport_bar_set_device_message (LqTransportBar *self,
                                     const char     *message)
{
  g_return_if_fail (LQ_IS_TRANSPORT_BAR (self));

  if (message != NULL && *message == '\0')
    message = NULL;
  if (g_strcmp0 (self->device_message, message) == 0)
    return;
  g_free (self->device_message);
  self->device_message = g_strdup (message);
  update_device (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DEVICE_MESSAGE]);
}

const char *
lq_transport_bar_get_device_message (LqTransportBar *self)
{
  g_return_val_if_fail (LQ_IS_TRANSPORT_BAR (self), NULL);

  return self->device_message;
}

const char *
lq_transport_bar_get_status (LqTransportBar *self)
{
  g_return_val_if_fail (LQ_IS_TRANSPORT_BAR (self), NULL);

  return gtk_label_get_label (self->device_label);
}

void
lq_transport_bar_get_loop (LqTransportBar *self,
                           double         *start,
                           double         *end)
{
  g_return_if_fail (LQ_IS_TRANSPORT_BAR (self));

  if (start)
    *start = self->loop_start;
  if (end)
    *end = self->loop_end;
}

void
lq_transport_bar_set_loop (LqTransportBar *self,
                           double          start,
                           double          end)
{
  g_return_if_fail (LQ_IS_TRANSPORT_BAR (self));

  start = MAX (start, 0.0);
  end = MAX (end, 0.0);
  if (self->loop_start == start && self->loop_end == end)
    {
      sync_loop_spins (self);   /* a refused edit shows the loop as it is */
      return;
    }
  /* Both edges first, then one round of notifications: a listener sees a whole region. */
  g_object_freeze_notify (G_OBJECT (self));
  if (self->loop_start != start)
    {
      self->loop_start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOOP_START]);
    }
  if (self->loop_end != end)
    {
      self->loop_end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOOP_END]);
    }
  sync_loop_spins (self);
  g_object_thaw_notify (G_OBJECT (self));
}
