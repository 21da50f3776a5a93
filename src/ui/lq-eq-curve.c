/* lq-eq-curve.c
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

#include <math.h>

#include "lq-eq-curve.h"
#include "lq-scale.h"
#include "lq-view-private.h"

#define PAD_LEFT    34
#define PAD_RIGHT   34
#define PAD_TOP     8
#define PAD_BOTTOM  18
#define SPEC_DB_MIN (-90.0)
#define SPEC_DB_MAX (-20.0)
#define SMOOTHING   (1.0 / 6.0)
#define TILT        3.0
#define HANDLE_R    7.0
#define PICK_R      14.0
#define DEFAULT_RATE 48000.0
/* Scroll steps on a band closer together than this are one edit (one undo step). */
#define SCROLL_GROUP_MS 500

struct _LqEqCurve
{
  GtkWidget      parent_instance;

  LqChainModel  *model;
  LqSource      *source;
  int            selected;
  int            dragging;        /* band being dragged, -1 */
  double         drag_x;
  double         drag_y;
  int            scrolling;       /* band being scrolled (inside edit-begin/-end), -1 */
  gboolean       scroll_applying; /* the model's change is the scroll's own */
  guint          scroll_end_id;
  double         pointer_x;
  double         pointer_y;

  LqScale        freq;
  LqScale        eq_db;
  LqScale        spec_db;
  guint          n_columns;
  double        *response;        /* dB per column */
  float         *spectrum;        /* dB per column, or NULL */
  GskRenderNode *grid;
  LqViewPalette  palette;
  gboolean       palette_valid;
};

G_DEFINE_FINAL_TYPE (LqEqCurve, lq_eq_curve, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SOURCE,
  PROP_SELECTED_BAND,
  N_PROPS
};

enum {
  EDIT_BEGIN,
  EDIT_END,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
plot_size (LqEqCurve *self,
           int       *w,
           int       *h)
{
  *w = gtk_widget_get_width (GTK_WIDGET (self)) - PAD_LEFT - PAD_RIGHT;
  *h = gtk_widget_get_height (GTK_WIDGET (self)) - PAD_TOP - PAD_BOTTOM;
}

static double
rate (LqEqCurve *self)
{
  double r = self->source ? lq_source_get_sample_rate (self->source) : 0.0;

  return r > 0.0 ? r : DEFAULT_RATE;
}

static void
prepare_response (LqEqCurve *self)
{
  g_autofree double *freqs = NULL;

  g_clear_pointer (&self->response, g_free);
  if (self->model == NULL || self->n_columns == 0)
    return;
  freqs = g_new (double, self->n_columns);
  self->response = g_new (double, self->n_columns);
  for (guint i = 0; i < self->n_columns; i++)
    freqs[i] = lq_scale_from_unit (&self->freq, (i + 0.5) / self->n_columns);
  lq_eq_get_response (&lq_chain_model_get_params (self->model)->eq, rate (self), freqs,
                      self->response, self->n_columns);
}

static void
prepare_spectrum (LqEqCurve *self)
{
  const float *bins;
  guint n_bins = 0;
  double bin_hz = 0.0;

  g_clear_pointer (&self->spectrum, g_free);
  if (self->source == NULL || self->n_columns == 0)
    return;
  bins = lq_source_get_spectrum_db (self->source, &n_bins, &bin_hz);
  if (bins == NULL || n_bins < 2)
    return;
  self->spectrum = g_new (float, self->n_columns);
  lq_scale_spectrum_columns (&self->freq, bins, n_bins, bin_hz, SMOOTHING,
                             lq_source_get_matched_gain (self->source), TILT, self->spectrum,
                             self->n_columns);
}

static void
prepare (LqEqCurve *self)
{
  int w, h;

  plot_size (self, &w, &h);
  self->n_columns = w > 0 && h > 0 ? (guint) w : 0;
  prepare_response (self);
  prepare_spectrum (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static double
band_y_db (const LqEqBand *band)
{
  return band->type == LQ_EQ_BAND_HIGH_PASS || band->type == LQ_EQ_BAND_LOW_PASS
         ? 0.0 : band->gain_db;
}

/* A handle's centre in plot coordinates. The plot's edges are 20 Hz and 20 kHz, where the
 * passes sit, and the gain limits: a handle there is moved in by its radius, so that all of
 * it lies inside the plot and can be seen and grabbed. */
static void
handle_position (LqEqCurve      *self,
                 const LqEqBand *b,
                 int             w,
                 int             h,
                 double         *x,
                 double         *y)
{
  double inset = HANDLE_R + 1.0;

  *x = lq_scale_to_x (&self->freq, b->freq, w);
  *y = lq_scale_to_y (&self->eq_db, band_y_db (b), h);
  *x = w > 2 * inset ? CLAMP (*x, inset, w - inset) : 0.5 * w;
  *y = h > 2 * inset ? CLAMP (*y, inset, h - inset) : 0.5 * h;
}

void
lq_eq_curve_get_plot_area (LqEqCurve       *self,
                           graphene_rect_t *area)
{
  int w, h;

  g_return_if_fail (LQ_IS_EQ_CURVE (self));

  plot_size (self, &w, &h);
  graphene_rect_init (area, PAD_LEFT, PAD_TOP, MAX (w, 0), MAX (h, 0));
}

gboolean
lq_eq_curve_get_handle (LqEqCurve *self,
                        guint      band,
                        double    *x,
                        double    *y)
{
  const LqEqBand *b;
  int w, h;

  g_return_val_if_fail (LQ_IS_EQ_CURVE (self), FALSE);

  plot_size (self, &w, &h);
  if (self->model == NULL || band >= lq_chain_model_get_n_bands (self->model) || w <= 0 || h <= 0)
    return FALSE;
  b = lq_chain_model_get_band (self->model, band);
  handle_position (self, b, w, h, x, y);
  *x += PAD_LEFT;
  *y += PAD_TOP;
  return TRUE;
}

static int
pick (LqEqCurve *self,
      double     x,
      double     y)
{
  double best = PICK_R * PICK_R;
  int found = -1;

  if (self->model == NULL)
    return -1;
  for (guint i = 0; i < lq_chain_model_get_n_bands (self->model); i++)
    {
      double hx, hy, d;

      if (!lq_eq_curve_get_handle (self, i, &hx, &hy))
        continue;
      d = (hx - x) * (hx - x) + (hy - y) * (hy - y);
      if (d <= best)
        {
          best = d;
          found = (int) i;
        }
    }
  return found;
}

static void
build_grid (LqEqCurve *self,
            int        w,
            int        h)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  double ticks[32];
  guint n;

  n = lq_scale_ticks (&self->freq, 10, ticks, G_N_ELEMENTS (ticks));
  for (guint i = 0; i < n; i++)
    {
      double x = PAD_LEFT + lq_scale_to_x (&self->freq, ticks[i], w);
      char label[16];

      _lq_view_append_vline (snapshot, &self->palette.grid, x, PAD_TOP, PAD_TOP + h);
      lq_scale_format_hz (ticks[i], label, sizeof label);
      _lq_view_append_label (snapshot, GTK_WIDGET (self), label, &self->palette.dim, x,
                             PAD_TOP + h + 2, 0.5, 0.0);
    }
  for (double db = 6.0 * ceil (self->eq_db.min / 6.0); db <= self->eq_db.max; db += 6.0)
    {
      double y = PAD_TOP + lq_scale_to_y (&self->eq_db, db, h);
      g_autofree char *label = _lq_view_format_tick (db);

      _lq_view_append_hline (snapshot, &self->palette.grid, PAD_LEFT, PAD_LEFT + w, y);
      _lq_view_append_label (snapshot, GTK_WIDGET (self), label, &self->palette.dim,
                             PAD_LEFT - 4, y, 1.0, 0.5);
    }
  n = lq_scale_ticks (&self->spec_db, MAX (2, h / 40), ticks, G_N_ELEMENTS (ticks));
  for (guint i = 0; i < n; i++)
    {
      double y = PAD_TOP + lq_scale_to_y (&self->spec_db, ticks[i], h);
      g_autofree char *label = _lq_view_format_tick (ticks[i]);

      _lq_view_append_label (snapshot, GTK_WIDGET (self), label, &self->palette.dim,
                             PAD_LEFT + w + 4, y, 0.0, 0.5);
    }
  self->grid = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

static void
lq_eq_curve_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  LqEqCurve *self = LQ_EQ_CURVE (widget);
  const LqChainParams *params;
  gboolean active;
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
  if (self->model == NULL)
    return;
  params = lq_chain_model_get_params (self->model);
  active = !params->eq.bypass;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (PAD_LEFT, PAD_TOP));
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  if (self->spectrum != NULL)
    {
      const GdkRGBA *c = _lq_view_palette_source (&self->palette,
                                                  lq_source_get_kind (self->source));

      for (guint i = 0; i < self->n_columns; i++)
        {
          double y = lq_scale_to_y (&self->spec_db, self->spectrum[i], h);

          if (i == 0)
            cairo_move_to (cr, i + 0.5, y);
          else
            cairo_line_to (cr, i + 0.5, y);
        }
      cairo_line_to (cr, self->n_columns - 0.5, h + 2);
      cairo_line_to (cr, 0.5, h + 2);
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, c->red, c->green, c->blue, 0.12);
      cairo_fill (cr);
    }

  if (self->response != NULL)
    {
      const GdkRGBA *c = active ? &self->palette.yellow : &self->palette.dim;
      double y0 = lq_scale_to_y (&self->eq_db, 0.0, h);

      for (guint i = 0; i < self->n_columns; i++)
        {
          double y = lq_scale_to_y (&self->eq_db, CLAMP (self->response[i], -60.0, 60.0), h);

          if (i == 0)
            cairo_move_to (cr, i + 0.5, y);
          else
            cairo_line_to (cr, i + 0.5, y);
        }
      cairo_line_to (cr, self->n_columns - 0.5, y0);
      cairo_line_to (cr, 0.5, y0);
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, c->red, c->green, c->blue, active ? 0.15 : 0.05);
      cairo_fill (cr);

      for (guint i = 0; i < self->n_columns; i++)
        {
          double y = lq_scale_to_y (&self->eq_db, CLAMP (self->response[i], -60.0, 60.0), h);

          if (i == 0)
            cairo_move_to (cr, i + 0.5, y);
          else
            cairo_line_to (cr, i + 0.5, y);
        }
      cairo_set_line_width (cr, 2.0);
      gdk_cairo_set_source_rgba (cr, c);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < params->eq.n_bands; i++)
    {
      const LqEqBand *b = &params->eq.bands[i];
      const GdkRGBA *c = (int) i == self->selected ? &self->palette.blue : &self->palette.fg;
      char num[4];
      double x, y;

      handle_position (self, b, w, h, &x, &y);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, HANDLE_R, 0, 2 * G_PI);
      if (b->bypass || !active)
        cairo_set_source_rgba (cr, c->red, c->green, c->blue, 0.35);
      else
        gdk_cairo_set_source_rgba (cr, c);
      if ((int) i == self->selected)
        cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);

      g_snprintf (num, sizeof num, "%u", i + 1);
      cairo_set_font_size (cr, 9.0);
      {
        cairo_text_extents_t ext;

        cairo_text_extents (cr, num, &ext);
        cairo_move_to (cr, x - ext.width / 2 - ext.x_bearing, y - ext.height / 2 - ext.y_bearing);
        if ((int) i == self->selected)
          cairo_set_source_rgb (cr, 1, 1, 1);
        else
          gdk_cairo_set_source_rgba (cr, c);
        cairo_show_text (cr, num);
      }
    }

  cairo_destroy (cr);
  gtk_snapshot_restore (snapshot);
}

static void
lq_eq_curve_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  LqEqCurve *self = LQ_EQ_CURVE (widget);

  g_clear_pointer (&self->grid, gsk_render_node_unref);
  prepare (self);
}

static void
lq_eq_curve_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  LqEqCurve *self = LQ_EQ_CURVE (widget);

  GTK_WIDGET_CLASS (lq_eq_curve_parent_class)->css_changed (widget, change);
  self->palette_valid = FALSE;
  g_clear_pointer (&self->grid, gsk_render_node_unref);
  gtk_widget_queue_draw (widget);
}

static void
lq_eq_curve_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 140;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 220;
}

/* Closes the edit a run of scroll steps opened. */
static void
end_scroll (LqEqCurve *self)
{
  if (self->scrolling < 0)
    return;
  g_clear_handle_id (&self->scroll_end_id, g_source_remove);
  self->scrolling = -1;
  g_signal_emit (self, signals [EDIT_END], 0);
}

static void
lq_eq_curve_model_changed_cb (LqEqCurve    *self,
                              LqChainModel *model)
{
  /* Any other change (an undo, a preset, a field) ends the scroll's edit: what follows is
   * a step of its own. */
  if (!self->scroll_applying)
    end_scroll (self);
  if (self->selected >= (int) lq_chain_model_get_n_bands (model))
    lq_eq_curve_set_selected_band (self, (int) lq_chain_model_get_n_bands (model) - 1);
  prepare_response (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
lq_eq_curve_source_notify_gain_cb (LqEqCurve  *self,
                                   GParamSpec *pspec,
                                   LqSource   *source)
{
  prepare_spectrum (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- input ---- */

static void
move_band (LqEqCurve *self,
           int        band,
           double     x,
           double     y)
{
  LqEqBand b;
  int w, h;

  plot_size (self, &w, &h);
  if (w <= 0 || h <= 0)
    return;
  b = *lq_chain_model_get_band (self->model, band);
  b.freq = lq_scale_from_unit (&self->freq, CLAMP ((x - PAD_LEFT) / w, 0.0, 1.0));
  /* Round to something one can read back: 1 Hz below 1 kHz, 10 Hz above; 0.1 dB. */
  b.freq = b.freq < 1000.0 ? round (b.freq) : 10.0 * round (b.freq / 10.0);
  if (b.type != LQ_EQ_BAND_HIGH_PASS && b.type != LQ_EQ_BAND_LOW_PASS)
    {
      const LqChainParam *gain = lq_chain_param_get (LQ_CHAIN_PARAM_BAND_GAIN_DB);
      double db = lq_scale_from_unit (&self->eq_db, 1.0 - CLAMP ((y - PAD_TOP) / h, 0.0, 1.0));

      b.gain_db = round (CLAMP (db, gain->min, gain->max) * 10.0) / 10.0;
    }
  lq_chain_model_set_band (self->model, (guint) band, &b);
}

static void
lq_eq_curve_drag_begin_cb (LqEqCurve      *self,
                           double          x,
                           double          y,
                           GtkGestureDrag *gesture)
{
  int band = pick (self, x, y);

  if (band < 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  end_scroll (self);
  lq_eq_curve_set_selected_band (self, band);
  lq_eq_curve_get_handle (self, (guint) band, &self->drag_x, &self->drag_y);
  self->dragging = band;
  g_signal_emit (self, signals [EDIT_BEGIN], 0);
}

static void
lq_eq_curve_drag_update_cb (LqEqCurve      *self,
                            double          dx,
                            double          dy,
                            GtkGestureDrag *gesture)
{
  if (self->dragging < 0 || self->model == NULL)
    return;
  move_band (self, self->dragging, self->drag_x + dx, self->drag_y + dy);
}

static void
lq_eq_curve_drag_end_cb (LqEqCurve      *self,
                         double          dx,
                         double          dy,
                         GtkGestureDrag *gesture)
{
  if (self->dragging < 0)
    return;
  self->dragging = -1;
  g_signal_emit (self, signals [EDIT_END], 0);
}

static void
lq_eq_curve_pressed_cb (LqEqCurve       *self,
                        int              n_press,
                        double           x,
                        double           y,
                        GtkGestureClick *gesture)
{
  int band = pick (self, x, y);

  if (band < 0)
    return;
  end_scroll (self);
  lq_eq_curve_set_selected_band (self, band);
  if (n_press == 2)
    {
      LqEqBand b = *lq_chain_model_get_band (self->model, band);

      lq_eq_band_reset (&b);
      lq_chain_model_set_band (self->model, (guint) band, &b);
    }
}

static void
lq_eq_curve_motion_cb (LqEqCurve                *self,
                       double                    x,
                       double                    y,
                       GtkEventControllerMotion *motion)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static gboolean
lq_eq_curve_scroll_timeout_cb (gpointer data)
{
  LqEqCurve *self = data;

  self->scroll_end_id = 0;
  end_scroll (self);
  return G_SOURCE_REMOVE;
}

static void
lq_eq_curve_scroll_end_cb (LqEqCurve                *self,
                           GtkEventControllerScroll *scroll)
{
  end_scroll (self);
}

/* Scrolling over a handle changes that band's Q; anywhere else the scroll is not ours, and
 * the page scrolls (the chain is in a scrolled window). A run of scroll steps on one band is
 * one edit, like a drag: it begins with the first step and ends SCROLL_GROUP_MS after the
 * last (or when a smooth scroll ends, or at another band, or at any other change of the
 * model); the pointer slipping off the handle during the run does not end it. */
static gboolean
lq_eq_curve_scroll_cb (LqEqCurve                *self,
                       double                    dx,
                       double                    dy,
                       GtkEventControllerScroll *scroll)
{
  const LqChainParam *q = lq_chain_param_get (LQ_CHAIN_PARAM_BAND_Q);
  int band = pick (self, self->pointer_x, self->pointer_y);
  LqEqBand b;

  if (band < 0)
    band = self->scrolling;
  if (band < 0 || self->model == NULL || dy == 0.0)
    return FALSE;
  if (self->scrolling != band)
    {
      end_scroll (self);
      self->scrolling = band;
      g_signal_emit (self, signals [EDIT_BEGIN], 0);
    }
  g_clear_handle_id (&self->scroll_end_id, g_source_remove);
  self->scroll_end_id = g_timeout_add (SCROLL_GROUP_MS, lq_eq_curve_scroll_timeout_cb, self);

  b = *lq_chain_model_get_band (self->model, band);
  b.q = round (CLAMP (b.q * pow (1.15, -dy), q->min, q->max) * 100.0) / 100.0;
  lq_eq_curve_set_selected_band (self, band);
  self->scroll_applying = TRUE;
  lq_chain_model_set_band (self->model, (guint) band, &b);
  self->scroll_applying = FALSE;
  return TRUE;
}

/* ---- GObject ---- */

static void
lq_eq_curve_dispose (GObject *object)
{
  LqEqCurve *self = (LqEqCurve *)object;

  end_scroll (self);
  lq_eq_curve_set_model (self, NULL);
  lq_eq_curve_set_source (self, NULL);
  g_clear_pointer (&self->grid, gsk_render_node_unref);

  G_OBJECT_CLASS (lq_eq_curve_parent_class)->dispose (object);
}

static void
lq_eq_curve_finalize (GObject *object)
{
  LqEqCurve *self = (LqEqCurve *)object;

  g_free (self->response);
  g_free (self->spectrum);

  G_OBJECT_CLASS (lq_eq_curve_parent_class)->finalize (object);
}

static void
lq_eq_curve_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LqEqCurve *self = LQ_EQ_CURVE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_SELECTED_BAND:
      g_value_set_int (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_eq_curve_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LqEqCurve *self = LQ_EQ_CURVE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      lq_eq_curve_set_model (self, g_value_get_object (value));
      break;
    case PROP_SOURCE:
      lq_eq_curve_set_source (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_BAND:
      lq_eq_curve_set_selected_band (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_eq_curve_class_init (LqEqCurveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lq_eq_curve_dispose;
  object_class->finalize = lq_eq_curve_finalize;
  object_class->get_property = lq_eq_curve_get_property;
  object_class->set_property = lq_eq_curve_set_property;

  widget_class->snapshot = lq_eq_curve_snapshot;
  widget_class->size_allocate = lq_eq_curve_size_allocate;
  widget_class->css_changed = lq_eq_curve_css_changed;
  widget_class->measure = lq_eq_curve_measure;

  properties [PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, LQ_TYPE_CHAIN_MODEL, flags);
  properties [PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, LQ_TYPE_SOURCE, flags);
  properties [PROP_SELECTED_BAND] =
    g_param_spec_int ("selected-band", NULL, NULL, -1, LQ_EQ_MAX_BANDS - 1, -1, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [EDIT_BEGIN] =
    g_signal_new ("edit-begin", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  signals [EDIT_END] =
    g_signal_new ("edit-end", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "eqcurve");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lq_eq_curve_init (LqEqCurve *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll =
    gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL
                                     | GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);

  self->selected = -1;
  self->dragging = -1;
  self->scrolling = -1;
  lq_scale_init (&self->freq, LQ_SCALE_LOG, LQ_SCALE_FREQ_MIN_HZ, LQ_SCALE_FREQ_MAX_HZ);
  /* The plot spans exactly the gains a band can have, so a handle reaches every one. */
  lq_scale_init (&self->eq_db, LQ_SCALE_LINEAR,
                 lq_chain_param_get (LQ_CHAIN_PARAM_BAND_GAIN_DB)->min,
                 lq_chain_param_get (LQ_CHAIN_PARAM_BAND_GAIN_DB)->max);
  lq_scale_init (&self->spec_db, LQ_SCALE_LINEAR, SPEC_DB_MIN, SPEC_DB_MAX);

  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (lq_eq_curve_drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (lq_eq_curve_drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (lq_eq_curve_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (lq_eq_curve_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (lq_eq_curve_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (lq_eq_curve_scroll_cb), self);
  g_signal_connect_swapped (scroll, "scroll-end", G_CALLBACK (lq_eq_curve_scroll_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

GtkWidget *
lq_eq_curve_new (void)
{
  return g_object_new (LQ_TYPE_EQ_CURVE, NULL);
}

LqChainModel *
lq_eq_curve_get_model (LqEqCurve *self)
{
  g_return_val_if_fail (LQ_IS_EQ_CURVE (self), NULL);

  return self->model;
}

void
lq_eq_curve_set_model (LqEqCurve    *self,
                       LqChainModel *model)
{
  g_return_if_fail (LQ_IS_EQ_CURVE (self));
  g_return_if_fail (!model || LQ_IS_CHAIN_MODEL (model));

  if (self->model == model)
    return;
  end_scroll (self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_swapped (model, "changed", G_CALLBACK (lq_eq_curve_model_changed_cb), self);
  prepare_response (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODEL]);
}

LqSource *
lq_eq_curve_get_source (LqEqCurve *self)
{
  g_return_val_if_fail (LQ_IS_EQ_CURVE (self), NULL);

  return self->source;
}

void
lq_eq_curve_set_source (LqEqCurve *self,
                        LqSource  *source)
{
  g_return_if_fail (LQ_IS_EQ_CURVE (self));
  g_return_if_fail (!source || LQ_IS_SOURCE (source));

  if (self->source == source)
    return;
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_set_object (&self->source, source);
  if (source != NULL)
    g_signal_connect_swapped (source, "notify::matched-gain",
                              G_CALLBACK (lq_eq_curve_source_notify_gain_cb), self);
  prepare (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOURCE]);
}

int
lq_eq_curve_get_selected_band (LqEqCurve *self)
{
  g_return_val_if_fail (LQ_IS_EQ_CURVE (self), -1);

  return self->selected;
}

void
lq_eq_curve_set_selected_band (LqEqCurve *self,
                               int        band)
{
  g_return_if_fail (LQ_IS_EQ_CURVE (self));

  band = CLAMP (band, -1, LQ_EQ_MAX_BANDS - 1);
  if (self->selected == band)
    return;
  self->selected = band;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED_BAND]);
}
