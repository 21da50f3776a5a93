/* lq-level-meter.c
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

#include "lq-level-meter.h"
#include "lq-scale.h"
#include "lq-view-private.h"

#define DB_MIN       (-48.0)
#define DB_MAX       (3.0)
#define DB_YELLOW    (-9.0)
#define PAD_LEFT     26
#define PAD_TOP      14     /* over indicator */
#define PAD_BOTTOM   18     /* channel labels */
#define BAR_WIDTH    12
#define BAR_GAP      6

struct _LqLevelMeter
{
  GtkWidget      parent_instance;

  guint          n_channels;
  LqLevelMeterChannel channels[LQ_LEVEL_METER_MAX_CHANNELS];
  double         ceiling;
  gboolean       live;      /* bars of what plays; otherwise marks at a file's peaks */

  /* Prepared: levels as 0..1 of the scale. */
  float          sample_unit[LQ_LEVEL_METER_MAX_CHANNELS];
  float          true_unit[LQ_LEVEL_METER_MAX_CHANNELS];
  float          hold_unit[LQ_LEVEL_METER_MAX_CHANNELS];
  float          ceiling_unit;
  float          yellow_unit;
  gboolean       over;

  LqScale        scale;
  GskRenderNode *grid;
  LqViewPalette  palette;
  gboolean       palette_valid;
};

G_DEFINE_FINAL_TYPE (LqLevelMeter, lq_level_meter, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CEILING,
  PROP_OVER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static float
to_unit (LqLevelMeter *self,
         double        db)
{
  double u = lq_scale_to_unit (&self->scale, db);

  return (float) (isfinite (u) ? CLAMP (u, 0.0, 1.0) : 0.0);
}

static void
prepare (LqLevelMeter *self)
{
  gboolean over = FALSE;

  for (guint c = 0; c < self->n_channels; c++)
    {
      const LqLevelMeterChannel *ch = &self->channels[c];

      self->sample_unit[c] = to_unit (self, ch->sample_peak);
      self->true_unit[c] = MAX (self->sample_unit[c], to_unit (self, ch->true_peak));
      self->hold_unit[c] = to_unit (self, ch->hold);
      over |= ch->max > self->ceiling;
    }
  self->ceiling_unit = to_unit (self, self->ceiling);
  self->yellow_unit = to_unit (self, MIN (DB_YELLOW, self->ceiling));

  if (self->over != over)
    {
      self->over = over;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OVER]);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
build_grid (LqLevelMeter *self,
            int           width,
            int           h)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  static const char *const names2[] = { N_("L"), N_("R") };
  double ticks[16];
  guint n = lq_scale_ticks (&self->scale, MAX (2, h / 24), ticks, G_N_ELEMENTS (ticks));
  double right = PAD_LEFT + MAX (self->n_channels, 1) * (BAR_WIDTH + BAR_GAP) - BAR_GAP;

  for (guint i = 0; i < n; i++)
    {
      double y = PAD_TOP + lq_scale_to_y (&self->scale, ticks[i], h);
      g_autofree char *label = _lq_view_format_tick (ticks[i]);

      _lq_view_append_hline (snapshot, &self->palette.grid, PAD_LEFT - 3, right, y);
      _lq_view_append_label (snapshot, GTK_WIDGET (self), label, &self->palette.dim,
                             PAD_LEFT - 5, y, 1.0, 0.5);
    }

  for (guint c = 0; c < self->n_channels; c++)
    {
      double x = PAD_LEFT + c * (BAR_WIDTH + BAR_GAP);
      g_autofree char *number = g_strdup_printf ("%u", c + 1);
      const char *label = self->n_channels == 2 ? _(names2[c]) : number;
      GdkRGBA track = _lq_view_rgba_alpha (&self->palette.fg, 0.06f);

      gtk_snapshot_append_color (snapshot, &track,
                                 &GRAPHENE_RECT_INIT ((float) x, PAD_TOP, BAR_WIDTH, (float) h));
      _lq_view_append_label (snapshot, GTK_WIDGET (self), label, &self->palette.dim,
                             x + BAR_WIDTH / 2.0, PAD_TOP + h + 3, 0.5, 0.0);
    }

  self->grid = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

static void
append_segment (GtkSnapshot   *snapshot,
                const GdkRGBA *color,
                double         x,
                float          from,
                float          to)
{
  if (to > from)
    gtk_snapshot_append_color (snapshot, color,
                               &GRAPHENE_RECT_INIT ((float) x, from, BAR_WIDTH, to - from));
}

/* Green, yellow above -9 dBFS, red above the ceiling. */
static const GdkRGBA *
zone_color (LqLevelMeter *self,
            float         unit)
{
  return unit > self->ceiling_unit ? &self->palette.red
         : unit > self->yellow_unit ? &self->palette.yellow
         : &self->palette.green;
}

static void
lq_level_meter_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  LqLevelMeter *self = LQ_LEVEL_METER (widget);
  int width = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget) - PAD_TOP - PAD_BOTTOM;
  double right;
  GdkRGBA led;

  if (width <= 0 || h <= 0 || self->n_channels == 0)
    return;
  if (!self->palette_valid)
    {
      _lq_view_palette_init (widget, &self->palette);
      self->palette_valid = TRUE;
    }
  if (self->grid == NULL)
    build_grid (self, width, h);
  if (self->grid != NULL)
    gtk_snapshot_append_node (snapshot, self->grid);

  /* Bars in a flipped space where y is the level as 0..1 of the scale. */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, (float) (PAD_TOP + h)));
  gtk_snapshot_scale (snapshot, 1.0f, (float) -h);
  for (guint c = 0; c < self->n_channels; c++)
    {
      double x = PAD_LEFT + c * (BAR_WIDTH + BAR_GAP);
      float level = self->sample_unit[c];
      float top = self->true_unit[c];
      float hold = self->hold_unit[c];
      float line = 2.0f / h;

      /* A file's peaks are not a level heard now: a mark at each, no bar. The sample peak
       * solid, the true peak (when apart) lighter. */
      if (!self->live)
        {
          if (top > level + line)
            {
              GdkRGBA light = _lq_view_rgba_alpha (zone_color (self, top), 0.45f);

              append_segment (snapshot, &light, x, top - line * 1.5f, top);
            }
          if (level > 0.0f)
            append_segment (snapshot, zone_color (self, level), x, level - line * 1.5f, level);
          continue;
        }

      append_segment (snapshot, &self->palette.green, x, 0, MIN (level, self->yellow_unit));
      append_segment (snapshot, &self->palette.yellow, x, self->yellow_unit,
                      MIN (level, self->ceiling_unit));
      append_segment (snapshot, &self->palette.red, x, self->ceiling_unit, level);
      /* Between the samples: up to the true peak, lighter. */
      if (top > level)
        {
          GdkRGBA light = _lq_view_rgba_alpha (zone_color (self, top), 0.45f);

          append_segment (snapshot, &light, x, level, top);
        }
      if (hold > 0.0f)
        append_segment (snapshot,
                        hold > self->ceiling_unit ? &self->palette.red : &self->palette.fg,
                        x, hold - line / 2, hold + line / 2);
    }
  gtk_snapshot_restore (snapshot);

  /* Ceiling mark across the bars, and the over indicator above them. */
  right = PAD_LEFT + self->n_channels * (BAR_WIDTH + BAR_GAP) - BAR_GAP;
  _lq_view_append_hline (snapshot, &self->palette.red, PAD_LEFT, right,
                         PAD_TOP + (1.0 - self->ceiling_unit) * h);
  led = self->over ? self->palette.red : _lq_view_rgba_alpha (&self->palette.fg, 0.12f);
  gtk_snapshot_append_color (snapshot, &led,
                             &GRAPHENE_RECT_INIT (PAD_LEFT, 2, (float) (right - PAD_LEFT), 8));
}

static void
lq_level_meter_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  LqLevelMeter *self = LQ_LEVEL_METER (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = PAD_LEFT + MAX (self->n_channels, 2) * (BAR_WIDTH + BAR_GAP) + 2;
  else
    {
      *minimum = 120;
      *natural = 200;
    }
}

static void
lq_level_meter_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  g_clear_pointer (&LQ_LEVEL_METER (widget)->grid, gsk_render_node_unref);
}

static void
lq_level_meter_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  LqLevelMeter *self = LQ_LEVEL_METER (widget);

  GTK_WIDGET_CLASS (lq_level_meter_parent_class)->css_changed (widget, change);

  self->palette_valid = FALSE;
  g_clear_pointer (&self->grid, gsk_render_node_unref);
  gtk_widget_queue_draw (widget);
}

static void
lq_level_meter_finalize (GObject *object)
{
  LqLevelMeter *self = (LqLevelMeter *)object;

  g_clear_pointer (&self->grid, gsk_render_node_unref);

  G_OBJECT_CLASS (lq_level_meter_parent_class)->finalize (object);
}

static void
lq_level_meter_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LqLevelMeter *self = LQ_LEVEL_METER (object);

  switch (prop_id)
    {
    case PROP_CEILING:
      g_value_set_double (value, self->ceiling);
      break;
    case PROP_OVER:
      g_value_set_boolean (value, self->over);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_level_meter_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LqLevelMeter *self = LQ_LEVEL_METER (object);

  switch (prop_id)
    {
    case PROP_CEILING:
      lq_level_meter_set_ceiling (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_level_meter_class_init (LqLevelMeterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lq_level_meter_finalize;
  object_class->get_property = lq_level_meter_get_property;
  object_class->set_property = lq_level_meter_set_property;

  widget_class->snapshot = lq_level_meter_snapshot;
  widget_class->measure = lq_level_meter_measure;
  widget_class->size_allocate = lq_level_meter_size_allocate;
  widget_class->css_changed = lq_level_meter_css_changed;

  properties [PROP_CEILING] =
    g_param_spec_double ("ceiling", NULL, NULL, -60.0, 6.0, -1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_OVER] =
    g_param_spec_boolean ("over", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "levelmeter");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lq_level_meter_init (LqLevelMeter *self)
{
  self->ceiling = -1.0;
  lq_scale_init (&self->scale, LQ_SCALE_LINEAR, DB_MIN, DB_MAX);
  prepare (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Peak meter"),
                                  -1);
}

GtkWidget *
lq_level_meter_new (void)
{
  return g_object_new (LQ_TYPE_LEVEL_METER, NULL);
}

void
lq_level_meter_set_levels (LqLevelMeter *self,
                           guint         n_channels,
                           const double *sample_peak_db,
                           const double *true_peak_db)
{
  g_return_if_fail (LQ_IS_LEVEL_METER (self));
  g_return_if_fail (n_channels <= LQ_LEVEL_METER_MAX_CHANNELS);
  g_return_if_fail (n_channels == 0 || (sample_peak_db != NULL && true_peak_db != NULL));

  if (n_channels != self->n_channels)
    {
      self->n_channels = n_channels;
      g_clear_pointer (&self->grid, gsk_render_node_unref);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  for (guint c = 0; c < n_channels; c++)
    {
      self->channels[c].sample_peak = sample_peak_db[c];
      self->channels[c].true_peak = true_peak_db[c];
      self->channels[c].hold = true_peak_db[c];
      self->channels[c].max = true_peak_db[c];
    }
  self->live = FALSE;
  prepare (self);
}

void
lq_level_meter_set_channels (LqLevelMeter              *self,
                             guint                      n_channels,
                             const LqLevelMeterChannel *channels)
{
  g_return_if_fail (LQ_IS_LEVEL_METER (self));
  g_return_if_fail (n_channels <= LQ_LEVEL_METER_MAX_CHANNELS);
  g_return_if_fail (n_channels == 0 || channels != NULL);

  if (n_channels != self->n_channels)
    {
      self->n_channels = n_channels;
      g_clear_pointer (&self->grid, gsk_render_node_unref);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  for (guint c = 0; c < n_channels; c++)
    self->channels[c] = channels[c];
  self->live = TRUE;
  prepare (self);
}

gboolean
lq_level_meter_get_live (LqLevelMeter *self)
{
  g_return_val_if_fail (LQ_IS_LEVEL_METER (self), FALSE);

  return self->live;
}

guint
lq_level_meter_get_n_channels (LqLevelMeter *self)
{
  g_return_val_if_fail (LQ_IS_LEVEL_METER (self), 0);

  return self->n_channels;
}

double
lq_level_meter_get_ceiling (LqLevelMeter *self)
{
  g_return_val_if_fail (LQ_IS_LEVEL_METER (self), 0.0);

  return self->ceiling;
}

void
lq_level_meter_set_ceiling (LqLevelMeter *self,
                            double        dbtp)
{
  g_return_if_fail (LQ_IS_LEVEL_METER (self));

  if (self->ceiling == dbtp)
    return;
  self->ceiling = dbtp;
  prepare (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CEILING]);
}

gboolean
lq_level_meter_get_over (LqLevelMeter *self)
{
  g_return_val_if_fail (LQ_IS_LEVEL_METER (self), FALSE);

  return self->over;
}
