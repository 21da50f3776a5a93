/* lq-spectrum-view.c
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
#include <string.h>

#include "lq-scale.h"
#include "lq-spectrum-view.h"
#include "lq-view-private.h"

#define PAD_LEFT    34
#define PAD_RIGHT   8
#define PAD_TOP     8
#define PAD_BOTTOM  18
#define DB_MIN      (-90.0)
#define DB_MAX      (-20.0)
#define SMOOTHING   (1.0 / 6.0)   /* octaves */
#define TILT        3.0           /* dB per octave */

typedef struct
{
  LqSource *source;
  gulong    gain_handler;
  float    *columns;          /* dB per plot column */
} Curve;

struct _LqSpectrumView
{
  GtkWidget      parent_instance;

  Curve          curves[2];   /* source, comparison */
  guint          n_columns;

  /* Live: the bins as given, and prepared per column. */
  float         *live_bins[2];   /* spectrum, peak hold */
  guint          n_live_bins;
  double         live_bin_hz;
  float         *live_columns[2];

  LqScale        freq;
  LqScale        db;
  GskRenderNode *grid;
  LqViewPalette  palette;
  gboolean       palette_valid;
};

G_DEFINE_FINAL_TYPE (LqSpectrumView, lq_spectrum_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_COMPARISON,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
plot_size (LqSpectrumView *self,
           int            *w,
           int            *h)
{
  *w = gtk_widget_get_width (GTK_WIDGET (self)) - PAD_LEFT - PAD_RIGHT;
  *h = gtk_widget_get_height (GTK_WIDGET (self)) - PAD_TOP - PAD_BOTTOM;
}

static void
prepare_curve (LqSpectrumView *self,
               Curve          *curve)
{
  const float *bins;
  guint n_bins = 0;
  double bin_hz = 0.0;

  g_clear_pointer (&curve->columns, g_free);
  if (curve->source == NULL || self->n_columns == 0)
    return;
  bins = lq_source_get_spectrum_db (curve->source, &n_bins, &bin_hz);
  if (bins == NULL || n_bins < 2)
    return;

  curve->columns = g_new (float, self->n_columns);
  lq_scale_spectrum_columns (&self->freq, bins, n_bins, bin_hz, SMOOTHING,
                             lq_source_get_matched_gain (curve->source), TILT,
                             curve->columns, self->n_columns);
}

static void
prepare_live (LqSpectrumView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->live_columns); i++)
    {
      g_clear_pointer (&self->live_columns[i], g_free);
      if (self->live_bins[i] == NULL || self->n_columns == 0)
        continue;
      self->live_columns[i] = g_new (float, self->n_columns);
      lq_scale_spectrum_columns (&self->freq, self->live_bins[i], self->n_live_bins,
                                 self->live_bin_hz, SMOOTHING, 0.0, TILT,
                                 self->live_columns[i], self->n_columns);
    }
}

static void
prepare (LqSpectrumView *self)
{
  int w, h;

  plot_size (self, &w, &h);
  self->n_columns = w > 0 && h > 0 ? (guint) w : 0;
  for (guint i = 0; i < G_N_ELEMENTS (self->curves); i++)
    prepare_curve (self, &self->curves[i]);
  prepare_live (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
lq_spectrum_view_source_notify_gain_cb (LqSpectrumView *self,
                                        GParamSpec     *pspec,
                                        LqSource       *source)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->curves); i++)
    if (self->curves[i].source == source)
      prepare_curve (self, &self->curves[i]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_curve_source (LqSpectrumView *self,
                  Curve          *curve,
                  LqSource       *source)
{
  if (curve->source != NULL)
    g_clear_signal_handler (&curve->gain_handler, curve->source);
  g_set_object (&curve->source, source);
  if (source != NULL)
    curve->gain_handler =
      g_signal_connect_object (source, "notify::matched-gain",
                               G_CALLBACK (lq_spectrum_view_source_notify_gain_cb), self,
                               G_CONNECT_SWAPPED);
  prepare_curve (self, curve);
  g_clear_pointer (&self->grid, gsk_render_node_unref);  /* the legend names the sources */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
build_grid (LqSpectrumView *self,
            int             w,
            int             h)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  double ticks[32];
  guint n;
  double legend_x = PAD_LEFT + w - 4;

  n = lq_scale_ticks (&self->freq, 10, ticks, G_N_ELEMENTS (ticks));
  for (guint i = 0; i < n; i++)
    {
      double x = PAD_LEFT + lq_scale_to_x (&self->freq, ticks[i], w);
      double mantissa = ticks[i] / pow (10.0, floor (log10 (ticks[i]) + 1e-9));
      char label[16];

      _lq_view_append_vline (snapshot, &self->palette.grid, x, PAD_TOP, PAD_TOP + h);
      if (mantissa < 1.5 || mantissa > 4.5 || w > 420)
        {
          lq_scale_format_hz (ticks[i], label, sizeof label);
          _lq_view_append_label (snapshot, GTK_WIDGET (self), label, &self->palette.dim,
                                 x, PAD_TOP + h + 2, 0.5, 0.0);
        }
    }

  n = lq_scale_ticks (&self->db, MAX (2, h / 28), ticks, G_N_ELEMENTS (ticks));
  for (guint i = 0; i < n; i++)
    {
      double y = PAD_TOP + lq_scale_to_y (&self->db, ticks[i], h);
      g_autofree char *label = _lq_view_format_tick (ticks[i]);

      _lq_view_append_hline (snapshot, &self->palette.grid, PAD_LEFT, PAD_LEFT + w, y);
      _lq_view_append_label (snapshot, GTK_WIDGET (self), label, &self->palette.dim,
                             PAD_LEFT - 4, y, 1.0, 0.5);
    }

  /* Legend, top right: comparison first so the source reads last, nearest the edge. */
  for (int i = G_N_ELEMENTS (self->curves) - 1; i >= 0; i--)
    {
      LqSource *source = self->curves[i].source;
      const GdkRGBA *color;

      if (source == NULL)
        continue;
      color = _lq_view_palette_source (&self->palette, lq_source_get_kind (source));
      if (i == 1 && self->curves[0].source != NULL
          && lq_source_get_kind (source) == lq_source_get_kind (self->curves[0].source))
        color = &self->palette.fg;
      _lq_view_append_label (snapshot, GTK_WIDGET (self), lq_source_get_title (source), color,
                             legend_x, PAD_TOP + 2 + (1 - i) * 14, 1.0, 0.0);
    }
  if (self->live_bins[0] != NULL)
    _lq_view_append_label (snapshot, GTK_WIDGET (self), _("Live"), &self->palette.fg,
                           legend_x, PAD_TOP + 2 + 2 * 14, 1.0, 0.0);

  self->grid = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

static void
curve_path (cairo_t     *cr,
            const float *columns,
            guint        n,
            const LqScale *db,
            int          h)
{
  for (guint i = 0; i < n; i++)
    {
      double y = lq_scale_to_y (db, columns[i], h);

      if (i == 0)
        cairo_move_to (cr, i + 0.5, y);
      else
        cairo_line_to (cr, i + 0.5, y);
    }
}

static void
lq_spectrum_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  LqSpectrumView *self = LQ_SPECTRUM_VIEW (widget);
  int w, h;
  cairo_t *cr;

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
  if (self->curves[0].columns == NULL && self->curves[1].columns == NULL
      && self->live_columns[0] == NULL)
    return;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (PAD_LEFT, PAD_TOP));
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  if (self->curves[0].columns != NULL)
    {
      const GdkRGBA *color =
        _lq_view_palette_source (&self->palette, lq_source_get_kind (self->curves[0].source));

      curve_path (cr, self->curves[0].columns, self->n_columns, &self->db, h);
      cairo_line_to (cr, self->n_columns - 0.5, h + 2);
      cairo_line_to (cr, 0.5, h + 2);
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.25);
      cairo_fill (cr);

      curve_path (cr, self->curves[0].columns, self->n_columns, &self->db, h);
      cairo_set_line_width (cr, 1.5);
      gdk_cairo_set_source_rgba (cr, color);
      cairo_stroke (cr);
    }

  if (self->curves[1].columns != NULL)
    {
      const GdkRGBA *color =
        _lq_view_palette_source (&self->palette, lq_source_get_kind (self->curves[1].source));

      if (self->curves[0].source != NULL
          && lq_source_get_kind (self->curves[1].source)
             == lq_source_get_kind (self->curves[0].source))
        color = &self->palette.fg;
      curve_path (cr, self->curves[1].columns, self->n_columns, &self->db, h);
      cairo_set_line_width (cr, 1.5);
      gdk_cairo_set_source_rgba (cr, color);
      cairo_stroke (cr);
    }

  /* Live, on top: the peak hold faint, the spectrum as heard in the text colour. */
  if (self->live_columns[1] != NULL)
    {
      curve_path (cr, self->live_columns[1], self->n_columns, &self->db, h);
      cairo_set_line_width (cr, 1.0);
      cairo_set_source_rgba (cr, self->palette.fg.red, self->palette.fg.green,
                             self->palette.fg.blue, 0.35);
      cairo_stroke (cr);
    }
  if (self->live_columns[0] != NULL)
    {
      curve_path (cr, self->live_columns[0], self->n_columns, &self->db, h);
      cairo_set_line_width (cr, 1.25);
      cairo_set_source_rgba (cr, self->palette.fg.red, self->palette.fg.green,
                             self->palette.fg.blue, 0.85);
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
  gtk_snapshot_restore (snapshot);
}

static void
lq_spectrum_view_measure (GtkWidget      *widget,
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
lq_spectrum_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  LqSpectrumView *self = LQ_SPECTRUM_VIEW (widget);

  g_clear_pointer (&self->grid, gsk_render_node_unref);
  prepare (self);
}

static void
lq_spectrum_view_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  LqSpectrumView *self = LQ_SPECTRUM_VIEW (widget);

  GTK_WIDGET_CLASS (lq_spectrum_view_parent_class)->css_changed (widget, change);

  self->palette_valid = FALSE;
  g_clear_pointer (&self->grid, gsk_render_node_unref);
  gtk_widget_queue_draw (widget);
}

static void
lq_spectrum_view_dispose (GObject *object)
{
  LqSpectrumView *self = (LqSpectrumView *)object;

  for (guint i = 0; i < G_N_ELEMENTS (self->curves); i++)
    {
      if (self->curves[i].source != NULL)
        g_clear_signal_handler (&self->curves[i].gain_handler, self->curves[i].source);
      g_clear_object (&self->curves[i].source);
      g_clear_pointer (&self->curves[i].columns, g_free);
    }
  for (guint i = 0; i < G_N_ELEMENTS (self->live_bins); i++)
    {
      g_clear_pointer (&self->live_bins[i], g_free);
      g_clear_pointer (&self->live_columns[i], g_free);
    }
  g_clear_pointer (&self->grid, gsk_render_node_unref);

  G_OBJECT_CLASS (lq_spectrum_view_parent_class)->dispose (object);
}

static void
lq_spectrum_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LqSpectrumView *self = LQ_SPECTRUM_VIEW (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->curves[0].source);
      break;
    case PROP_COMPARISON:
      g_value_set_object (value, self->curves[1].source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_spectrum_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LqSpectrumView *self = LQ_SPECTRUM_VIEW (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      lq_spectrum_view_set_source (self, g_value_get_object (value));
      break;
    case PROP_COMPARISON:
      lq_spectrum_view_set_comparison (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_spectrum_view_class_init (LqSpectrumViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lq_spectrum_view_dispose;
  object_class->get_property = lq_spectrum_view_get_property;
  object_class->set_property = lq_spectrum_view_set_property;

  widget_class->snapshot = lq_spectrum_view_snapshot;
  widget_class->measure = lq_spectrum_view_measure;
  widget_class->size_allocate = lq_spectrum_view_size_allocate;
  widget_class->css_changed = lq_spectrum_view_css_changed;

  properties [PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, LQ_TYPE_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_COMPARISON] =
    g_param_spec_object ("comparison", NULL, NULL, LQ_TYPE_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "spectrumview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lq_spectrum_view_init (LqSpectrumView *self)
{
  lq_scale_init (&self->freq, LQ_SCALE_LOG, LQ_SCALE_FREQ_MIN_HZ, LQ_SCALE_FREQ_MAX_HZ);
  lq_scale_init (&self->db, LQ_SCALE_LINEAR, DB_MIN, DB_MAX);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Spectrum"),
                                  -1);
}

GtkWidget *
lq_spectrum_view_new (void)
{
  return g_object_new (LQ_TYPE_SPECTRUM_VIEW, NULL);
}

LqSource *
lq_spectrum_view_get_source (LqSpectrumView *self)
{
  g_return_val_if_fail (LQ_IS_SPECTRUM_VIEW (self), NULL);

  return self->curves[0].source;
}

void
lq_spectrum_view_set_source (LqSpectrumView *self,
                             LqSource       *source)
{
  g_return_if_fail (LQ_IS_SPECTRUM_VIEW (self));
  g_return_if_fail (!source || LQ_IS_SOURCE (source));

  if (self->curves[0].source == source)
    return;
  set_curve_source (self, &self->curves[0], source);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOURCE]);
}

LqSource *
lq_spectrum_view_get_comparison (LqSpectrumView *self)
{
  g_return_val_if_fail (LQ_IS_SPECTRUM_VIEW (self), NULL);

  return self->curves[1].source;
}

void
lq_spectrum_view_set_comparison (LqSpectrumView *self,
                                 LqSource       *comparison)
{
  g_return_if_fail (LQ_IS_SPECTRUM_VIEW (self));
  g_return_if_fail (!comparison || LQ_IS_SOURCE (comparison));

  if (self->curves[1].source == comparison)
    return;
  set_curve_source (self, &self->curves[1], comparison);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COMPARISON]);
}

void
lq_spectrum_view_set_live (LqSpectrumView *self,
                           const float    *bin_db,
                           const float    *peak_db,
                           guint           n_bins,
                           double          bin_hz)
{
  gboolean was_live;

  g_return_if_fail (LQ_IS_SPECTRUM_VIEW (self));

  was_live = self->live_bins[0] != NULL;
  if (bin_db == NULL || n_bins < 2)
    {
      if (!was_live)
        return;
      for (guint i = 0; i < G_N_ELEMENTS (self->live_bins); i++)
        {
          g_clear_pointer (&self->live_bins[i], g_free);
          g_clear_pointer (&self->live_columns[i], g_free);
        }
      g_clear_pointer (&self->grid, gsk_render_node_unref);   /* the legend */
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  if (n_bins != self->n_live_bins)
    for (guint i = 0; i < G_N_ELEMENTS (self->live_bins); i++)
      g_clear_pointer (&self->live_bins[i], g_free);
  self->n_live_bins = n_bins;
  self->live_bin_hz = bin_hz;
  for (guint i = 0; i < G_N_ELEMENTS (self->live_bins); i++)
    {
      const float *from = i == 0 ? bin_db : peak_db;

      if (from == NULL)
        {
          g_clear_pointer (&self->live_bins[i], g_free);
          continue;
        }
      if (self->live_bins[i] == NULL)
        self->live_bins[i] = g_new (float, n_bins);
      memcpy (self->live_bins[i], from, n_bins * sizeof (float));
    }
  prepare_live (self);
  if (!was_live)
    g_clear_pointer (&self->grid, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
lq_spectrum_view_get_live (LqSpectrumView *self)
{
  g_return_val_if_fail (LQ_IS_SPECTRUM_VIEW (self), FALSE);

  return self->live_bins[0] != NULL;
}
