/* lq-gr-history.c
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

#include "lq-gr-history.h"
#include "lq-view-private.h"

#define RANGE_DB 12.0   /* the bottom edge, as the gain-reduction bars */

struct _LqGrHistory
{
  GtkWidget  parent_instance;

  float     *points[2];   /* compressor, limiter */
  guint      n;
  guint      capacity;
};

G_DEFINE_FINAL_TYPE (LqGrHistory, lq_gr_history, GTK_TYPE_WIDGET)

static void
append_line (cairo_t     *cr,
             const float *db,
             guint        n,
             guint        capacity,
             double       width,
             double       height)
{
  double dx = width / (capacity > 1 ? capacity - 1 : 1);
  double x0 = width - (n - 1) * dx;

  for (guint i = 0; i < n; i++)
    {
      double y = MIN (db[i], RANGE_DB) / RANGE_DB * (height - 1.0) + 0.5;

      if (i == 0)
        cairo_move_to (cr, x0, y);
      else
        cairo_line_to (cr, x0 + i * dx, y);
    }
}

static void
lq_gr_history_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  LqGrHistory *self = LQ_GR_HISTORY (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  LqViewPalette palette;
  const GdkRGBA *colors[2];
  GdkRGBA grid;
  cairo_t *cr;

  if (width <= 1.0 || height <= 1.0)
    return;

  _lq_view_palette_init (widget, &palette);
  /* The compressor blue, the limiter orange. */
  colors[0] = &palette.blue;
  colors[1] = &palette.orange;
  gtk_snapshot_append_color (snapshot, &palette.grid,
                             &GRAPHENE_RECT_INIT (0, 0, (float) width, (float) height));
  grid = _lq_view_rgba_alpha (&palette.fg, 0.25f);
  /* 3, 6 and 9 dB. */
  for (int k = 1; k < 4; k++)
    {
      float y = floorf ((float) (k * 3.0 / RANGE_DB * (height - 1.0)));

      gtk_snapshot_append_color (snapshot, &grid, &GRAPHENE_RECT_INIT (0, y, (float) width, 1));
    }
  if (self->n < 2)
    return;

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0, (float) width, (float) height));
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint c = 0; c < 2; c++)
    {
      append_line (cr, self->points[c], self->n, self->capacity, width, height);
      gdk_cairo_set_source_rgba (cr, colors[c]);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
lq_gr_history_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 80 : 32;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 40;
}

static void
lq_gr_history_finalize (GObject *object)
{
  LqGrHistory *self = (LqGrHistory *) object;

  g_free (self->points[0]);
  g_free (self->points[1]);

  G_OBJECT_CLASS (lq_gr_history_parent_class)->finalize (object);
}

static void
lq_gr_history_class_init (LqGrHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lq_gr_history_finalize;
  widget_class->snapshot = lq_gr_history_snapshot;
  widget_class->measure = lq_gr_history_measure;
  gtk_widget_class_set_css_name (widget_class, "gr-history");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lq_gr_history_init (LqGrHistory *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Gain reduction history"), -1);
}

GtkWidget *
lq_gr_history_new (void)
{
  return g_object_new (LQ_TYPE_GR_HISTORY, NULL);
}

void
lq_gr_history_set_data (LqGrHistory *self,
                        const float *compressor_db,
                        const float *limiter_db,
                        guint        n,
                        guint        capacity)
{
  g_return_if_fail (LQ_IS_GR_HISTORY (self));

  if (compressor_db == NULL || limiter_db == NULL)
    n = 0;
  n = MIN (n, capacity);
  if (n == 0 && self->n == 0)
    return;
  if (capacity != self->capacity)
    {
      for (guint c = 0; c < 2; c++)
        {
          g_free (self->points[c]);
          self->points[c] = g_new0 (float, MAX (capacity, 1));
        }
      self->capacity = capacity;
    }
  if (n > 0)
    {
      memcpy (self->points[0], compressor_db, n * sizeof (float));
      memcpy (self->points[1], limiter_db, n * sizeof (float));
    }
  self->n = n;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
