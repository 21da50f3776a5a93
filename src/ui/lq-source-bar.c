/* lq-source-bar.c
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

#include "lq-player.h"
#include "lq-source-bar.h"
#include "lq-view-private.h"

struct _LqSourceBar
{
  AdwBin         parent_instance;

  LqSourceSet   *sources;
  GPtrArray     *gain_labels;   /* GtkLabel, one per button */
  GPtrArray     *watched;       /* LqSource whose matched gain the labels show */
  LqMonitorMode  monitor_mode;
  GStrv          compared;      /* names of the compared masters (compare mode), or NULL */
  char          *codec;         /* the codec preview's name, or NULL */
  gboolean       codec_updating;
  GtkWidget     *codec_button;

  GtkBox        *buttons_box;
  GtkMenuButton *monitor_button;
  GtkSwitch     *match_switch;
  GtkLabel      *summary_label;
  GtkImage      *note_icon;
  char          *note;          /* NULL: none */
};

G_DEFINE_FINAL_TYPE (LqSourceBar, lq_source_bar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SOURCES,
  PROP_MONITOR_MODE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
update_gains (LqSourceBar *self)
{
  gboolean match;

  if (self->sources == NULL)
    return;
  match = lq_source_set_get_loudness_match (self->sources);
  for (guint i = 0; i < self->gain_labels->len; i++)
    {
      g_autoptr(LqSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);
      GtkLabel *label = g_ptr_array_index (self->gain_labels, i);
      g_autofree char *text = NULL;

      if (source == NULL)
        continue;
      /* Matched: the gain each source is played at; unmatched: its own loudness. */
      if (match)
        text = _lq_format_gain (lq_source_get_matched_gain (source));
      else
        text = _lq_format_level (lq_source_get_integrated_lufs (source), "LUFS");
      gtk_label_set_label (label, text);
    }
}

/* A reference's context menu: move it or remove it (the window's actions). */
static void
lq_source_bar_button_pressed_cb (GtkGestureClick *gesture,
                                 int              n_press,
                                 double           x,
                                 double           y,
                                 GtkWidget       *button)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "index"));
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) left = g_menu_item_new (_("Move _Left"), NULL);
  g_autoptr(GMenuItem) right = g_menu_item_new (_("Move _Right"), NULL);
  g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Remove Reference"), NULL);
  GtkWidget *popover;

  g_menu_item_set_action_and_target (left, "win.move-reference", "(ii)", index, -1);
  g_menu_item_set_action_and_target (right, "win.move-reference", "(ii)", index, 1);
  g_menu_item_set_action_and_target (remove, "win.remove-reference", "i", index);
  g_menu_append_item (menu, left);
  g_menu_append_item (menu, right);
  g_menu_append_item (menu, remove);

  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, button);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  /* The popover goes with its button (rebuilt when the references change). */
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static GdkContentProvider *
lq_source_bar_drag_prepare_cb (GtkDragSource *source,
                               double         x,
                               double         y,
                               GtkWidget     *button)
{
  return gdk_content_provider_new_typed (G_TYPE_INT,
                                         GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button),
                                                                             "index")));
}

/* A reference dropped on another reference's button takes its place. */
static gboolean
lq_source_bar_drop_cb (GtkDropTarget *target,
                       const GValue  *value,
                       double         x,
                       double         y,
                       GtkWidget     *button)
{
  int to = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "index"));
  int from = g_value_get_int (value);

  if (from == to || from < LQ_SOURCE_SET_FIRST_REFERENCE)
    return FALSE;
  return gtk_widget_activate_action (button, "win.move-reference", "(ii)", from, to - from);
}

static void
add_reference_controllers (GtkWidget *button,
                           guint      index)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkDragSource *drag = gtk_drag_source_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INT, GDK_ACTION_MOVE);

  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (lq_source_bar_button_pressed_cb), button);
  gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (click));

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (lq_source_bar_drag_prepare_cb), button);
  gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (drop, "drop", G_CALLBACK (lq_source_bar_drop_cb), button);
  gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (drop));
}

static GtkWidget *
create_button (LqSourceBar *self,
               LqSource    *source,
               guint        index)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (lq_source_get_title (source));
  GtkWidget *gain = gtk_label_new (NULL);
  g_autofree char *tooltip = NULL;

  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 22);
  gtk_widget_add_css_class (gain, "caption");
  gtk_widget_add_css_class (gain, "numeric");
  gtk_widget_add_css_class (gain, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), gain);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "source-button");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.select-source");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", (gint32) index);

  if (index < 9)
    /* Translators: the source's name and the key that selects it */
    tooltip = g_strdup_printf (_("%s (%u)"), lq_source_get_title (source), index + 1);
  else
    tooltip = g_strdup (lq_source_get_title (source));
  gtk_widget_set_tooltip_text (button, tooltip);

  if (lq_source_get_kind (source) == LQ_SOURCE_KIND_REFERENCE)
    add_reference_controllers (button, index);

  g_ptr_array_add (self->gain_labels, gain);
  g_signal_connect_object (source, "notify::matched-gain", G_CALLBACK (update_gains), self,
                           G_CONNECT_SWAPPED);
  g_ptr_array_add (self->watched, g_object_ref (source));
  return button;
}

static GtkWidget *
create_compared_button (const char *name,
                        guint       index)
{
  GtkWidget *button = gtk_toggle_button_new_with_label (name);
  g_autofree char *tooltip = NULL;

  gtk_widget_add_css_class (button, "source-button");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.select-compare");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", (gint32) index);
  if (index < 4)
    /* Translators: a compared master's name and the key that selects it */
    tooltip = g_strdup_printf (_("%s (Ctrl+Alt+%u)"), name, index + 1);
  else
    tooltip = g_strdup (name);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static void
rebuild (LqSourceBar *self)
{
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->buttons_box))))
    gtk_box_remove (self->buttons_box, child);
  g_ptr_array_set_size (self->gain_labels, 0);
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched, i), update_gains,
                                          self);
  g_ptr_array_set_size (self->watched, 0);

  if (self->sources == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LqSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      gtk_box_append (self->buttons_box, create_button (self, source, i));
    }
  /* The compared masters come after the set, with an action of their own: they are not
   * sources of the set. */
  for (guint i = 0; self->compared != NULL && self->compared[i] != NULL; i++)
    gtk_box_append (self->buttons_box, create_compared_button (self->compared[i], i));
  self->codec_button = NULL;
  if (self->codec != NULL)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      /* Translators: the codec preview's button while it is made again for a changed chain;
       * %s is its name */
      g_autofree char *label = self->codec_updating ? g_strdup_printf (_("%s (updating…)"),
                                                                       self->codec)
                                                    : g_strdup (self->codec);
      /* Translators: the codec preview's name and the key that selects it */
      g_autofree char *tooltip = g_strdup_printf (_("%s (C)"), self->codec);

      gtk_button_set_label (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "source-button");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.hear-codec");
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_box_append (self->buttons_box, button);
      self->codec_button = button;
    }
  update_gains (self);
}

static void
lq_source_bar_sources_items_changed_cb (LqSourceBar *self,
                                        guint        position,
                                        guint        removed,
                                        guint        added,
                                        GListModel  *model)
{
  rebuild (self);
}

static void
lq_source_bar_dispose (GObject *object)
{
  LqSourceBar *self = (LqSourceBar *)object;

  g_clear_object (&self->sources);
  g_clear_pointer (&self->gain_labels, g_ptr_array_unref);
  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->compared, g_strfreev);
  g_clear_pointer (&self->codec, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LQ_TYPE_SOURCE_BAR);

  G_OBJECT_CLASS (lq_source_bar_parent_class)->dispose (object);
}

static void
lq_source_bar_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LqSourceBar *self = LQ_SOURCE_BAR (object);

  switch (prop_id)
    {
    case PROP_SOURCES:
      g_value_set_object (value, self->sources);
      break;
    case PROP_MONITOR_MODE:
      g_value_set_enum (value, self->monitor_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_source_bar_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LqSourceBar *self = LQ_SOURCE_BAR (object);

  switch (prop_id)
    {
    case PROP_SOURCES:
      lq_source_bar_set_sources (self, g_value_get_object (value));
      break;
    case PROP_MONITOR_MODE:
      lq_source_bar_set_monitor_mode (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_source_bar_class_init (LqSourceBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lq_source_bar_dispose;
  object_class->get_property = lq_source_bar_get_property;
  object_class->set_property = lq_source_bar_set_property;

  properties [PROP_SOURCES] =
    g_param_spec_object ("sources", NULL, NULL, LQ_TYPE_SOURCE_SET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The mode the monitoring button shows (the session's; choosing one is win.monitor-mode). */
  properties [PROP_MONITOR_MODE] =
    g_param_spec_enum ("monitor-mode", NULL, NULL, LQ_TYPE_MONITOR_MODE, LQ_MONITOR_STEREO,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/lq-source-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, LqSourceBar, buttons_box);
  gtk_widget_class_bind_template_child (widget_class, LqSourceBar, match_switch);
  gtk_widget_class_bind_template_child (widget_class, LqSourceBar, monitor_button);
  gtk_widget_class_bind_template_child (widget_class, LqSourceBar, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LqSourceBar, note_icon);
  gtk_widget_class_set_css_name (widget_class, "sourcebar");
}

static void
lq_source_bar_init (LqSourceBar *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  self->gain_labels = g_ptr_array_new ();
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));

  /* One radio item per mode, in the order of lq-monitor.h. */
  for (int mode = 0; mode < LQ_MONITOR_N_MODES; mode++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (lq_monitor_mode_get_label (mode), NULL);

      g_menu_item_set_action_and_target (item, "win.monitor-mode", "s",
                                         lq_monitor_mode_to_name (mode));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->monitor_button, G_MENU_MODEL (menu));
  gtk_menu_button_set_label (self->monitor_button, lq_monitor_mode_get_label (self->monitor_mode));
}

GtkWidget *
lq_source_bar_new (void)
{
  return g_object_new (LQ_TYPE_SOURCE_BAR, NULL);
}

LqSourceSet *
lq_source_bar_get_sources (LqSourceBar *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_BAR (self), NULL);

  return self->sources;
}

void
lq_source_bar_set_sources (LqSourceBar *self,
                           LqSourceSet *sources)
{
  g_return_if_fail (LQ_IS_SOURCE_BAR (self));
  g_return_if_fail (!sources || LQ_IS_SOURCE_SET (sources));

  if (self->sources == sources)
    return;
  if (self->sources != NULL)
    g_signal_handlers_disconnect_by_data (self->sources, self);
  g_set_object (&self->sources, sources);
  if (sources != NULL)
    {
      g_signal_connect_object (sources, "items-changed",
                               G_CALLBACK (lq_source_bar_sources_items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (sources, "notify::loudness-match", G_CALLBACK (update_gains),
                               self, G_CONNECT_SWAPPED);
    }
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOURCES]);
}

LqMonitorMode
lq_source_bar_get_monitor_mode (LqSourceBar *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_BAR (self), LQ_MONITOR_STEREO);

  return self->monitor_mode;
}

void
lq_source_bar_set_monitor_mode (LqSourceBar   *self,
                                LqMonitorMode  mode)
{
  g_return_if_fail (LQ_IS_SOURCE_BAR (self));
  g_return_if_fail (lq_monitor_mode_to_name (mode) != NULL);

  if (self->monitor_mode == mode)
    return;
  self->monitor_mode = mode;
  gtk_menu_button_set_label (self->monitor_button, lq_monitor_mode_get_label (mode));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MONITOR_MODE]);
}

/* The level every source is matched at and why it is below the listening level, as the
 * player chose it ("Matched at -18.2 LUFS: the mix peaks at -0.9 dBTP"); NULL hides it. */
void
lq_source_bar_set_match_summary (LqSourceBar *self,
                                 const char  *summary)
{
  g_autoptr(GString) text = g_string_new (summary);

  g_return_if_fail (LQ_IS_SOURCE_BAR (self));

  /* Typographic minus signs, as every other readout in the window has them. */
  for (gsize i = 0; summary != NULL && i + 1 < text->len; i++)
    if (text->str[i] == '-' && g_ascii_isdigit (text->str[i + 1]))
      {
        g_string_erase (text, i, 1);
        g_string_insert (text, i, "−");
      }
  gtk_label_set_label (self->summary_label, summary ? text->str : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), summary ? text->str : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary != NULL);
}

const char *
lq_source_bar_get_match_summary (LqSourceBar *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_BAR (self), NULL);

  return gtk_label_get_label (self->summary_label);
}

void
lq_source_bar_set_note (LqSourceBar *self,
                        const char  *note)
{
  g_return_if_fail (LQ_IS_SOURCE_BAR (self));

  if (g_strcmp0 (note, self->note) == 0)
    return;
  g_free (self->note);
  self->note = g_strdup (note);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->note_icon), note);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, note ? note : "", -1);
  gtk_widget_set_visible (GTK_WIDGET (self->note_icon), note != NULL);
}

const char *
lq_source_bar_get_note (LqSourceBar *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_BAR (self), NULL);

  return self->note ? self->note : "";
}

void
lq_source_bar_set_codec (LqSourceBar *self,
                         const char  *name,
                         gboolean     updating)
{
  g_return_if_fail (LQ_IS_SOURCE_BAR (self));

  updating = name != NULL && updating;
  if (g_strcmp0 (self->codec, name) == 0 && self->codec_updating == updating)
    return;
  g_free (self->codec);
  self->codec = g_strdup (name);
  self->codec_updating = updating;
  rebuild (self);
}

GtkWidget *
lq_source_bar_get_codec_button (LqSourceBar *self)
{
  g_return_val_if_fail (LQ_IS_SOURCE_BAR (self), NULL);
  return self->codec_button;
}

void
lq_source_bar_set_compared (LqSourceBar        *self,
                            const char * const *names)
{
  g_return_if_fail (LQ_IS_SOURCE_BAR (self));

  if (names != NULL && names[0] == NULL)
    names = NULL;
  if (self->compared == NULL && names == NULL)
    return;
  if (self->compared != NULL && names != NULL
      && g_strv_equal ((const char * const *) self->compared, names))
    return;
  g_strfreev (self->compared);
  self->compared = g_strdupv ((char **) names);
  rebuild (self);
}
