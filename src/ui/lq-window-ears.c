/* lq-window-ears.c
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

/* The window's side of fresh ears: the header's listening time and its dose popover, the
 * break reminder (a toast that stays until dismissed), and the win.reset-ears and
 * win.take-break actions. The counting is LqEars's. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lq-view-private.h"
#include "lq-window-private.h"

#define UPDATE_MS 500   /* the reset-ears stretch ends within this of its time */

static char *
format_minutes (double seconds)
{
  guint minutes = (guint) (seconds / 60.0);

  if (minutes < 60)
    return g_strdup_printf (_("%u min"), minutes);
  return g_strdup_printf (_("%u h %02u min"), minutes / 60, minutes % 60);
}

void
_lq_window_ears_refresh (LqWindow *self)
{
  g_autofree char *listening = format_minutes (lq_ears_get_listening_s (self->ears));
  g_autofree char *played = format_minutes (lq_ears_get_played_s (self->ears));
  g_autofree char *dose = NULL;
  g_autofree char *tooltip = NULL;
  double average = lq_ears_get_average_db (self->ears);

  if (isfinite (average))
    {
      g_autofree char *level = _lq_format_gain (average);

      /* Translators: the time sound played in this session and its average level
       * relative to the listening level, e.g. "1 h 05 min at −1.5 dB". */
      dose = g_strdup_printf (_("%s at %s"), played, level);
    }
  else
    dose = g_strdup_printf (_("%s, nothing heard yet"), played);
  gtk_label_set_label (self->ears_label, listening);
  tooltip = g_strdup_printf (_("Listening for %s since the last break"), listening);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->ears_button), tooltip);
  gtk_label_set_label (self->ears_dose_label, dose);
}

static gboolean
ears_timeout_cb (gpointer user_data)
{
  LqWindow *self = user_data;

  lq_ears_update (self->ears);
  _lq_window_ears_refresh (self);
  return G_SOURCE_CONTINUE;
}

void
_lq_window_ears_playing_changed (LqWindow *self)
{
  gboolean playing = self->playback != NULL && lq_playback_get_playing (self->playback);

  if (self->ears == NULL)   /* disposed */
    return;
  lq_ears_set_playing (self->ears, playing);
  if (playing && self->ears_timeout_id == 0)
    self->ears_timeout_id = g_timeout_add (UPDATE_MS, ears_timeout_cb, self);
  else if (!playing)
    g_clear_handle_id (&self->ears_timeout_id, g_source_remove);
  _lq_window_ears_refresh (self);
}

void
_lq_window_ears_set_heard (LqWindow           *self,
                           const LqLiveLevels *levels)
{
  /* Right after a switch nothing is measured yet: the level heard before stands meanwhile. */
  if (levels->active)
    lq_ears_set_heard_level (self->ears, levels->heard_momentary_lufs);
}

static void
reminder_cb (LqWindow *self)
{
  g_autofree char *listening = format_minutes (lq_ears_get_listening_s (self->ears));
  AdwToast *toast;

  g_free (self->last_toast);
  self->last_toast = g_strdup_printf (_("You have listened for %s: a short break keeps your "
                                        "ears fresh"), listening);
  toast = adw_toast_new (self->last_toast);
  /* Stays until dismissed: it is easy to miss while listening closely. */
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_Take a Break"));
  adw_toast_set_action_name (toast, "win.take-break");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  _lq_window_ears_refresh (self);
}

static void
reset_finished_cb (LqWindow *self)
{
  /* Back to the master, unless the user chose another source meanwhile. */
  if (lq_source_set_get_selected_index (self->sources) == self->ears_reference)
    lq_source_set_select (self->sources, LQ_SOURCE_SET_MASTER);
  self->ears_reference = -1;
  _lq_window_toast (self, _("Back to the master"));
}

static int
find_reference (LqWindow *self)
{
  LqSource *selected = lq_source_set_get_selected (self->sources);
  LqSource *wanted = selected;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));

  /* The reference being heard, else the one compared with last. */
  if (wanted == NULL || lq_source_get_kind (wanted) != LQ_SOURCE_KIND_REFERENCE)
    wanted = lq_source_set_get_comparison (self->sources);
  for (guint i = LQ_SOURCE_SET_FIRST_REFERENCE; wanted != NULL && i < n; i++)
    {
      g_autoptr(LqSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      if (source == wanted)
        return (int) i;
    }
  return -1;
}

static void
reset_ears_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  LqWindow *self = LQ_WINDOW (widget);
  g_autofree char *message = NULL;
  double seconds;
  int reference;

  if (lq_ears_get_resetting (self->ears))
    {
      /* Pressed again: back to the master at once. */
      lq_ears_cancel_reset (self->ears);
      reset_finished_cb (self);
      return;
    }
  reference = find_reference (self);
  if (reference < 0 || self->playback == NULL)
    {
      _lq_window_toast (self, _("Add a reference track to reset your ears with"));
      return;
    }
  seconds = lq_settings_get_reset_ears_s (self->settings);
  self->ears_reference = reference;
  lq_source_set_select (self->sources, reference);
  if (!lq_playback_get_playing (self->playback))
    lq_playback_play (self->playback);
  lq_ears_start_reset (self->ears, seconds);
  /* The stretch is calibrated by matching; without it the reference plays at its own level. */
  if (lq_source_set_get_loudness_match (self->sources))
    message = g_strdup_printf (_("Resetting ears: the reference for %.0f s, then the master"),
                               seconds);
  else
    message = g_strdup_printf (_("Resetting ears: the reference for %.0f s at its own level "
                                 "(level match is off), then the master"), seconds);
  _lq_window_toast (self, message);
}

static void
take_break_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  LqWindow *self = LQ_WINDOW (widget);

  if (self->playback != NULL && lq_playback_get_playing (self->playback))
    lq_playback_pause (self->playback);
  lq_ears_take_break (self->ears);
  _lq_window_ears_refresh (self);
}

static void
settings_changed_cb (LqWindow *self)
{
  lq_ears_set_reminder_minutes (self->ears, lq_settings_get_reminder_minutes (self->settings));
  lq_ears_set_listening_level (self->ears, lq_settings_get_listening_level (self->settings));
}

void
_lq_window_ears_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, LqWindow, ears_button);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, ears_label);
  gtk_widget_class_bind_template_child (widget_class, LqWindow, ears_dose_label);
  gtk_widget_class_install_action (widget_class, "win.reset-ears", NULL, reset_ears_action);
  gtk_widget_class_install_action (widget_class, "win.take-break", NULL, take_break_action);
}

/* After the settings are known. */
void
_lq_window_ears_init (LqWindow *self)
{
  self->ears = lq_ears_new ();
  self->ears_reference = -1;
  settings_changed_cb (self);
  g_signal_connect_object (self->settings, "notify::" LQ_SETTING_KEY_REMINDER_MINUTES,
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::" LQ_SETTING_KEY_LISTENING_LEVEL,
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ears, "reminder", G_CALLBACK (reminder_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ears, "reset-finished", G_CALLBACK (reset_finished_cb), self,
                           G_CONNECT_SWAPPED);
  _lq_window_ears_refresh (self);
}

void
_lq_window_ears_dispose (LqWindow *self)
{
  g_clear_handle_id (&self->ears_timeout_id, g_source_remove);
  g_clear_object (&self->ears);
}
