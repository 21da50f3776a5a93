/* lq-loudness-graph.c
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

#include "lq-loudness-graph.h"
#include "lq-scale.h"
#include "lq-view-private.h"

#define PAD_LEFT    34
#define PAD_RIGHT   8
#define PAD_TOP     8
#define PAD_BOTTOM  18
#define LUFS_MIN    (-42.0)
#define LUFS_MAX    (0.0)

struct _LqLoudnessGraph
{
  GtkWidget      parent_instance;

  LqSource      *source;
  double         position;
  double         target_lufs;

  float         *momentary;     /* per plot column */
  float         *short_term;
  guint          n_columns;
  LqScale        lufs;
  GskRenderNode *grid;
  LqViewPalette  palette;
  gboolean       palette_valid;
};

G_DEFINE_FINAL_TYPE (LqLoudnessGraph, lq_loudness_graph, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_POSITION,
  PROP_TARGET_LUFS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
plot_size (LqLoudnessGraph *self,
           int             *w,
           int             *h)
{
  *w = gtk_widget_get_width (GTK_WIDGET (self)) - PAD_LEFT - PAD_RIGHT;
  *h = gtk_widget_get_height (GTK_WIDGET (self)) - PAD_TOP - PAD_BOTTOM;
}

static void
prepare (LqLoudnessGraph *self)
{
  const LqAnalysisResult *result = self->source ? lq_source_get_result (self->source) : NULL;
  int w, h;

  g_clear_pointer (&self->momentary, g_free);
  g_clear_pointer (&self->short_term, g_free);
  g_clear_pointer (&self->grid, gsk_render_node_unref);
  self->n_columns = 0;
  plot_size (self, &w, &h);
  if (w <= 0 || h <= 0 || result == NULL || result->n_history == 0)
    return;

  self->n_columns = w;
  self->momentary = g_new (float, w);
  self->short_term = g_new (float, w);
  lq_scale_series_columns (result->momentary, result->n_history, 0, (double) result->n_history,
                           self->momentary, w);
  lq_scale_series_columns (result->short_term, result->n_history, 0, (double) result->n_history,
                           self->short_term, w);
}

static void
build_grid (LqLoudnessGraph *self,
            int              w,
            int              h)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  double ticks[16];
  double duration = self->source ? lq_source_get_duration (self->source) : 0.0;
  /* At most one tick more than asked for comes back: ask for no more than fit in ticks, or
   * a tall graph loses the labels at its top. */
  guint n = lq_scale_ticks (&self->lufs, CLAMP (h / 26, 2, (int) G_N_ELEMENTS (ticks) - 1),
                            ticks, G_N_ELEMENTS (ticks));

  for (guint i = 0; i < n; i++)
    {
      double y = PAD_TOP + lq_scale_to_y (&self->lufs, ticks[i], h);
      g_autofree char *label = _lq_view_format_tick (ticks[i]);

      _lq_view_append_hline (snapshot, &self->palette.grid, PAD_LEFT, PAD_LEFT + w, y);
      _lq_view_append_label (snapshot, GTK_WIDGET (self), label, &self->palette.dim,
                             PAD_LEFT - 4, y, 1.0, 0.5);
    }

  if (duration > 0.0)
    {
      double step = _lq_view_time_step (duration / w, 60.0);

      for (double t = 0; t <= duration; t += step)
        {
          g_autofree char *label = _lq_view_format_time (t);
          double x = PAD_LEFT + t / duration * w;

          _lq_view_append_vline (snapshot, &self->palette.grid, x, PAD_TOP, PAD_TOP + h);
          _lq_view_append_label (snapshot, GTK_WIDGET (self), label, &self->palette.dim,
                                 x, PAD_TOP + h + 2,
                                 t == 0 ? 0.0 : x > PAD_LEFT + w - 20 ? 1.0 : 0.5, 0.0);
        }
    }

  /* Target line and its label: static for a given size and target. */
  if (isfinite (self->target_lufs))
    {
      double y = PAD_TOP + lq_scale_to_y (&self->lufs, self->target_lufs, h);
      g_autofree char *value = _lq_format_level (self->target_lufs, "LUFS");
      /* Translators: the delivery target's line in the loudness graph, "Target −14.0 LUFS" */
      g_autofree char *label = g_strdup_printf (_("Target %s"), value);

      _lq_view_append_hline (snapshot, &self->palette.green, PAD_LEFT, PAD_LEFT + w, y);
      _lq_view_append_label (snapshot, GTK_WIDGET (self), label, &self->palette.green,
                             PAD_LEFT + w - 4, y - 2, 1.0, 1.0);
    }

  /* Legend, top left. */
  if (self->source != NULL)
    {
      const GdkRGBA *color =
        _lq_view_palette_source (&self->palette, lq_source_get_kind (self->source));
      GdkRGBA light = _lq_view_rgba_alpha (color, 0.5f);
      struct { const char *label; const GdkRGBA *color; } legend[] = {
        { _("Short-term"), color },
        { _("Momentary"), &light },
        { _("Integrated (dashed)"), &self->palette.fg },
      };

      for (guint i = 0; i < G_N_ELEMENTS (legend); i++)
        _lq_view_append_label (snapshot, GTK_WIDGET (self), legend[i].label, legend[i].color,
                               PAD_LEFT + 6, PAD_TOP + 2 + i * 14, 0.0, 0.0);
    }

  self->grid = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

static void
series_path (cairo_t       *cr,
             const float   *values,
             guint          n,
             const LqScale *scale,
             int            h)
{
  gboolean pen_down = FALSE;

  for (guint i = 0; i < n; i++)
    {
      double y;

      if (!isfinite (values[i]))
        {
          pen_down = FALSE;
          continue;
        }
      y = lq_scale_to_y (scale, values[i], h);
      if (pen_down)
        cairo_line_to (cr, i + 0.5, y);
      else
        cairo_move_to (cr, i + 0.5, y);
      pen_down = TRUE;
    }
}

static void
lq_loudness_graph_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  LqLoudnessGraph *self = LQ_LOUDNESS_GRAPH (widget);
  const GdkRGBA *color;
  double integrated, duration;
  cairo_t *cr;
  int w, h;

  plot_size (self, &w, &h);
  if (w <= 0 || h <= 0)
    return;
  if (!self->palette_valid)
    {
      _lq_view_palette_init (widget, &self->palette);
      self->palette_valid = TRUE;
    }
  if (self->grid == NULL)
    build_grid (self, w, h);
  if (self->grid != NULL)
    gtk_snapshot_append_node (snapshot, self->grid);
  if (self->source == NULL || self->n_columns == 0)
    return;

  color = _lq_view_palette_source (&self->palette, lq_source_get_kind (self->source));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (PAD_LEFT, PAD_TOP));
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  series_path (cr, self->momentary, self->n_columns, &self->lufs, h);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.4);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  series_path (cr, self->short_term, self->n_columns, &self->lufs, h);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke (cr);

  integrated = lq_source_get_integrated_lufs (self->source);
  if (isfinite (integrated))
    {
      static const double dash[] = { 5.0, 3.0 };
      double y = lq_scale_snap (lq_scale_to_y (&self->lufs, integrated, h));

      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_move_to (cr, 0, y);
      cairo_line_to (cr, w, y);
      gdk_cairo_set_source_rgba (cr, &self->palette.fg);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);

  duration = lq_source_get_duration (self->source);
  if (duration > 0.0)
    {
      double x = self->position / duration * w;

      gtk_snapshot_append_color (snapshot, &self->palette.fg,
                                 &GRAPHENE_RECT_INIT ((float) floor (x) - 1, 0, 2, h));
    }

  gtk_snapshot_pop (snapshot);
  gtk_snapshot_restore (snapshot);
}

static void
lq_loudness_graph_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 100;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 420 : 220;
}

static void
lq_loudness_graph_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  prepare (LQ_LOUDNESS_GRAPH (widget));
}

static void
lq_loudness_graph_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  LqLoudnessGraph *self = LQ_LOUDNESS_GRAPH (widget);

  GTK_WIDGET_CLASS (lq_loudness_graph_parent_class)->css_changed (widget, change);

  self->palette_valid = FALSE;
  g_clear_pointer (&self->grid, gsk_render_node_unref);
  gtk_widget_queue_draw (widget);
}

static void
lq_loudness_graph_dispose (GObject *object)
{
  LqLoudnessGraph *self = (LqLoudnessGraph *)object;

  g_clear_object (&self->source);
  g_clear_pointer (&self->momentary, g_free);
  g_clear_pointer (&self->short_term, g_free);
  g_clear_pointer (&self->grid, gsk_render_node_unref);

  G_OBJECT_CLASS (lq_loudness_graph_parent_class)->dispose (object);
}

static void
lq_loudness_graph_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LqLoudnessGraph *self = LQ_LOUDNESS_GRAPH (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_POSITION:
      g_value_set_double (value, self->position);
      break;
    case PROP_TARGET_LUFS:
      g_value_set_double (value, self->target_lufs);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_loudness_graph_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LqLoudnessGraph *self = LQ_LOUDNESS_GRAPH (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      lq_loudness_graph_set_source (self, g_value_get_object (value));
      break;
    case PROP_POSITION:
      lq_loudness_graph_set_position (self, g_value_get_double (value));
      break;
    case PROP_TARGET_LUFS:
      lq_loudness_graph_set_target_lufs (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_loudness_graph_class_init (LqLoudnessGraphClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lq_loudness_graph_dispose;
  object_class->get_property = lq_loudness_graph_get_property;
  object_class->set_property = lq_loudness_graph_set_property;

  widget_class->snapshot = lq_loudness_graph_snapshot;
  widget_class->measure = lq_loudness_graph_measure;
  widget_class->size_allocate = lq_loudness_graph_size_allocate;
  widget_class->css_changed = lq_loudness_graph_css_changed;

  properties [PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, LQ_TYPE_SOURCE, flags);
  properties [PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0, flags);
  properties [PROP_TARGET_LUFS] =
    g_param_spec_double ("target-lufs", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, -14.0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "loudnessgraph");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lq_loudness_graph_init (LqLoudnessGraph *self)
{
  self->target_lufs = -14.0;
  lq_scale_init (&self->lufs, LQ_SCALE_LINEAR, LUFS_MIN, LUFS_MAX);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loudness history"),
                                  -1);
}

GtkWidget *
lq_loudness_graph_new (void)
{
  return g_object_new (LQ_TYPE_LOUDNESS_GRAPH, NULL);
}

LqSource *
lq_loudness_graph_get_source (LqLoudnessGraph *self)
{
  g_return_val_if_fail (LQ_IS_LOUDNESS_GRAPH (self), NULL);

  return self->source;
}

void
lq_loudness_graph_set_source (LqLoudnessGraph *self,
                              LqSource        *source)
{
  g_return_if_fail (LQ_IS_LOUDNESS_GRAPH (self));
  g_return_if_fail (!source || LQ_IS_SOURCE (source));

  if (!g_set_object (&self->source, source))
    return;
  prepare (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOURCE]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
lq_loudness_graph_get_position (LqLoudnessGraph *self)
{
  g_return_val_if_fail (LQ_IS_LOUDNESS_GRAPH (self), 0.0);

  return self->position;
}

void
lq_loudness_graph_set_position (LqLoudnessGraph *self,
                                double           seconds)
{
  g_return_if_fail (LQ_IS_LOUDNESS_GRAPH (self));

  seconds = MAX (seconds, 0.0);
  if (self->position == seconds)
    return;
  self->position = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_POSITION]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
lq_loudness_graph_get_target_lufs (LqLoudnessGraph *self)
{
  g_return_val_if_fail (LQ_IS_LOUDNESS_GRAPH (self), 0.0);

  return self->target_lufs;
}

void
lq_loudness_graph_set_target_lufs (LqLoudnessGraph *self,
                                   double           lufs)
{
  g_return_if_fail (LQ_IS_LOUDNESS_GRAPH (self));

  if (self->target_lufs == lufs)
    return;
  self->target_lufs = lufs;
  g_clear_pointer (&self->grid, gsk_render_node_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TARGET_LUFS]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
