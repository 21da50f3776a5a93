/* lq-platforms-view.c
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

#include "lq-platforms-view.h"
#include "lq-platforms.h"
#include "lq-view-private.h"

struct _LqPlatformsView
{
  GtkWidget      parent_instance;

  LqSourceSet   *sources;
  GPtrArray     *watched;       /* LqSource whose readings the cells show */
  char          *listen_as;

  GtkWidget     *box;
  GtkMenuButton *listen_button;
  GtkGrid       *grid;
  guint          n_columns;     /* sources shown */
};

G_DEFINE_FINAL_TYPE (LqPlatformsView, lq_platforms_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SOURCES,
  PROP_LISTEN_AS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GtkWidget *
cell_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_LEFT);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* "+4.0 dB → −16.0 LUFS", and "limited" when the service's limiter would act. */
static char *
cell_text (const LqPlatform *platform,
           LqSource         *source)
{
  const LqAnalysisResult *result = lq_source_get_result (source);
  double lufs = lq_source_get_integrated_lufs (source);
  LqPlatformPlay play;
  g_autofree char *gain = NULL;
  g_autofree char *level = NULL;

  if (result == NULL || !isfinite (lufs))
    return g_strdup ("—");
  lq_platform_compute (platform, lufs, result->summary.true_peak_dbtp, &play);
  gain = _lq_format_gain (play.gain_db);
  level = _lq_format_level (play.played_lufs, "LUFS");
  if (play.limited)
    /* Translators: a service's gain, the loudness it plays at, and that its limiter acts. */
    return g_strdup_printf (_("%s → %s, limited"), gain, level);
  /* Translators: a service's gain and the loudness it then plays at. */
  return g_strdup_printf (_("%s → %s"), gain, level);
}

static void
rebuild (LqPlatformsView *self)
{
  guint n_sources = self->sources ? g_list_model_get_n_items (G_LIST_MODEL (self->sources)) : 0;
  guint n = lq_platforms_get_n ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
  g_ptr_array_set_size (self->watched, 0);
  self->n_columns = n_sources;

  gtk_grid_attach (self->grid, cell_label (_("Service"), "heading"), 0, 0, 1, 1);
  for (guint s = 0; s < n_sources; s++)
    {
      g_autoptr(LqSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), s);

      gtk_grid_attach (self->grid, cell_label (lq_source_get_title (source), "heading"),
                       (int) s + 1, 0, 1, 1);
      g_signal_connect_swapped (source, "notify", G_CALLBACK (rebuild), self);
      g_ptr_array_add (self->watched, g_object_ref (source));
    }

  for (guint p = 0; p < n; p++)
    {
      const LqPlatform *platform = lq_platforms_get (p);
      g_autofree char *target = _lq_format_level (platform->target_lufs, "LUFS");
      g_autofree char *head = NULL;
      GtkWidget *label;

      /* Only a service's own document is "official"; the rest is reported by others. */
      if (lq_platform_get_certainty (platform) == LQ_CERTAINTY_OFFICIAL)
        head = g_strdup_printf ("%s · %s", platform->name, target);
      else
        /* Translators: a service, its target loudness, and that the rule is second-hand. */
        head = g_strdup_printf (_("%s · %s (reported)"), platform->name, target);
      label = cell_label (head, NULL);
      gtk_widget_set_tooltip_text (label, platform->source);
      if (g_strcmp0 (self->listen_as, platform->id) == 0)
        gtk_widget_add_css_class (label, "accent");
      gtk_grid_attach (self->grid, label, 0, (int) p + 1, 1, 1);

      for (guint s = 0; s < n_sources; s++)
        {
          LqSource *source = g_ptr_array_index (self->watched, s);
          g_autofree char *text = cell_text (platform, source);

          gtk_grid_attach (self->grid, cell_label (text, "numeric"), (int) s + 1, (int) p + 1,
                           1, 1);
        }
    }
}

static void
update_listen_label (LqPlatformsView *self)
{
  const LqPlatform *platform = self->listen_as ? lq_platforms_lookup (self->listen_as) : NULL;

  gtk_menu_button_set_label (self->listen_button, platform ? platform->name : _("Matched"));
}

static void
lq_platforms_view_dispose (GObject *object)
{
  LqPlatformsView *self = (LqPlatformsView *)object;

  lq_platforms_view_set_sources (self, NULL);
  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (lq_platforms_view_parent_class)->dispose (object);
}

static void
lq_platforms_view_finalize (GObject *object)
{
  LqPlatformsView *self = (LqPlatformsView *)object;

  g_free (self->listen_as);

  G_OBJECT_CLASS (lq_platforms_view_parent_class)->finalize (object);
}

static void
lq_platforms_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LqPlatformsView *self = LQ_PLATFORMS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SOURCES:
      g_value_set_object (value, self->sources);
      break;
    case PROP_LISTEN_AS:
      g_value_set_string (value, self->listen_as);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_platforms_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LqPlatformsView *self = LQ_PLATFORMS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SOURCES:
      lq_platforms_view_set_sources (self, g_value_get_object (value));
      break;
    case PROP_LISTEN_AS:
      lq_platforms_view_set_listen_as (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_platforms_view_class_init (LqPlatformsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lq_platforms_view_dispose;
  object_class->finalize = lq_platforms_view_finalize;
  object_class->get_property = lq_platforms_view_get_property;
  object_class->set_property = lq_platforms_view_set_property;

  properties [PROP_SOURCES] =
    g_param_spec_object ("sources", NULL, NULL, LQ_TYPE_SOURCE_SET, rw);
  properties [PROP_LISTEN_AS] =
    g_param_spec_string ("listen-as", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "platformsview");
}

static void
lq_platforms_view_init (LqPlatformsView *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *note = NULL;
  GtkWidget *header, *label, *scrolled;

  self->watched = g_ptr_array_new_with_free_func (g_object_unref);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  label = gtk_label_new_with_mnemonic (_("Lis_ten As"));
  self->listen_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->listen_button));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->listen_button),
                               _("Matched plays every source at one loudness; a service plays "
                                 "each with that service's gain (and its limiter)"));
  g_menu_append (menu, _("Matched"), "win.listen-as::");
  for (guint p = 0; p < lq_platforms_get_n (); p++)
    {
      const LqPlatform *platform = lq_platforms_get (p);
      g_autoptr(GMenuItem) item = g_menu_item_new (platform->name, NULL);

      g_menu_item_set_action_and_target (item, "win.listen-as", "s", platform->id);
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->listen_button, G_MENU_MODEL (menu));
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->listen_button));
  /* Translators: %s is a date such as "late 2026". */
  note = g_strdup_printf (_("Rules as of %s. Each cell: the gain the service applies and the "
                            "loudness it then plays at."), LQ_PLATFORMS_AS_OF);
  label = gtk_label_new (note);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (self->box), header);

  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->grid, 6);
  gtk_grid_set_column_spacing (self->grid, 18);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->grid));
  gtk_box_append (GTK_BOX (self->box), scrolled);

  update_listen_label (self);
  rebuild (self);
}

GtkWidget *
lq_platforms_view_new (void)
{
  return g_object_new (LQ_TYPE_PLATFORMS_VIEW, NULL);
}

LqSourceSet *
lq_platforms_view_get_sources (LqPlatformsView *self)
{
  g_return_val_if_fail (LQ_IS_PLATFORMS_VIEW (self), NULL);
  return self->sources;
}

void
lq_platforms_view_set_sources (LqPlatformsView *self,
                               LqSourceSet     *sources)
{
  g_return_if_fail (LQ_IS_PLATFORMS_VIEW (self));
  g_return_if_fail (!sources || LQ_IS_SOURCE_SET (sources));

  if (self->sources == sources)
    return;
  if (self->sources != NULL)
    g_signal_handlers_disconnect_by_data (self->sources, self);
  g_set_object (&self->sources, sources);
  if (sources != NULL)
    g_signal_connect_object (sources, "items-changed", G_CALLBACK (rebuild), self,
                             G_CONNECT_SWAPPED);
  if (self->watched != NULL)
    rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOURCES]);
}

const char *
lq_platforms_view_get_listen_as (LqPlatformsView *self)
{
  g_return_val_if_fail (LQ_IS_PLATFORMS_VIEW (self), NULL);
  return self->listen_as;
}

void
lq_platforms_view_set_listen_as (LqPlatformsView *self,
                                 const char      *platform_id)
{
  g_return_if_fail (LQ_IS_PLATFORMS_VIEW (self));

  if (g_strcmp0 (self->listen_as, platform_id) == 0)
    return;
  g_free (self->listen_as);
  self->listen_as = g_strdup (platform_id);
  update_listen_label (self);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LISTEN_AS]);
}

GtkLabel *
lq_platforms_view_get_cell (LqPlatformsView *self,
                            guint            platform,
                            guint            source)
{
  g_return_val_if_fail (LQ_IS_PLATFORMS_VIEW (self), NULL);

  if (platform >= lq_platforms_get_n () || source >= self->n_columns)
    return NULL;
  return GTK_LABEL (gtk_grid_get_child_at (self->grid, (int) source + 1, (int) platform + 1));
}
