/* lq-waveform-view.c
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

#include "lq-scale.h"
#include "lq-view-private.h"
#include "lq-waveform-view.h"

#define RULER_HEIGHT    18
#define MAX_LANES       2
#define MIN_FRAMES_PX   16.0   /* deepest zoom: 16 frames per pixel */
#define DRAG_THRESHOLD  4.0
#define EDGE_GRAB       5.0    /* px either side of a loop edge that grab it */
#define OVERVIEW_HEIGHT 14     /* the whole file under the lanes, with the visible range */

typedef enum
{
  DRAG_NONE,        /* a click (seek) until it moves */
  DRAG_NEW_LOOP,
  DRAG_LOOP_START,
  DRAG_LOOP_END,
  DRAG_OVERVIEW,    /* moves the visible range */
} DragMode;

struct _LqWaveformView
{
  GtkWidget      parent_instance;

  LqSource      *source;
  double         position;
  double         loop_start;
  double         loop_end;
  double         zoom;
  double         view_start;

  /* Prepared when the source, the visible range or the size changes; snapshot only maps
   * these to rectangles. */
  LqPeakPair    *columns[MAX_LANES];
  LqPeakPair    *overview;       /* the whole file, first channel */
  guint          n_columns;
  guint          n_lanes;
  GskRenderNode *grid;
  LqViewPalette  palette;
  gboolean       palette_valid;

  double         drag_x0;
  DragMode       drag;
  double         pointer_x;
  double         pinch_scale;
};

G_DEFINE_FINAL_TYPE (LqWaveformView, lq_waveform_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_POSITION,
  PROP_LOOP_START,
  PROP_LOOP_END,
  PROP_ZOOM,
  PROP_VIEW_START,
  N_PROPS
};

enum {
  SEEK,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static double
duration (LqWaveformView *self)
{
  return self->source ? lq_source_get_duration (self->source) : 0.0;
}

static double
visible_seconds (LqWaveformView *self)
{
  return duration (self) / self->zoom;
}

static double
x_to_time (LqWaveformView *self,
           double          x)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  if (width <= 0)
    return 0.0;
  return CLAMP (self->view_start + x / width * visible_seconds (self), 0.0, duration (self));
}

static double
time_to_x (LqWaveformView *self,
           double          seconds,
           double          width)
{
  double visible = visible_seconds (self);

  return visible > 0.0 ? (seconds - self->view_start) / visible * width : 0.0;
}

static double
max_zoom (LqWaveformView *self)
{
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1);
  double frames = duration (self) * (self->source ? lq_source_get_sample_rate (self->source) : 0);

  return MAX (1.0, frames / (width * MIN_FRAMES_PX));
}

static void
invalidate_grid (LqWaveformView *self)
{
  g_clear_pointer (&self->grid, gsk_render_node_unref);
}

/* Reduces the peak pyramid to one min/max pair per pixel column: O(width) at any length. */
static void
prepare_columns (LqWaveformView *self)
{
  const LqAnalysisResult *result = self->source ? lq_source_get_result (self->source) : NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  double rate, frames_per_column;

  invalidate_grid (self);
  self->n_lanes = 0;
  if (result == NULL || result->peaks == NULL || width <= 0)
    return;

  if (self->n_columns != (guint) width)
    {
      for (guint c = 0; c < MAX_LANES; c++)
        self->columns[c] = g_renew (LqPeakPair, self->columns[c], width);
      self->overview = g_renew (LqPeakPair, self->overview, width);
      self->n_columns = width;
    }

  rate = lq_source_get_sample_rate (self->source);
  frames_per_column = visible_seconds (self) * rate / width;
  self->n_lanes = MIN (lq_peaks_get_channels (result->peaks), MAX_LANES);
  for (guint c = 0; c < self->n_lanes; c++)
    lq_scale_peak_columns (result->peaks, c, self->view_start * rate, frames_per_column,
                           self->columns[c], self->n_columns);
  lq_scale_peak_columns (result->peaks, 0, 0.0, duration (self) * rate / width, self->overview,
                         self->n_columns);
}

/* The overview strip maps the whole file to the width. */
static double
overview_x (LqWaveformView *self,
            double          seconds,
            double          width)
{
  return duration (self) > 0.0 ? seconds / duration (self) * width : 0.0;
}

static double
lanes_bottom (LqWaveformView *self)
{
  return gtk_widget_get_height (GTK_WIDGET (self)) - OVERVIEW_HEIGHT;
}

static void
clamp_view (LqWaveformView *self)
{
  double max_start = MAX (0.0, duration (self) - visible_seconds (self));

  self->view_start = CLAMP (self->view_start, 0.0, max_start);
}

static void
build_grid (LqWaveformView *self,
            int             width,
            int             height)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  double lane_h = (double) (height - OVERVIEW_HEIGHT - RULER_HEIGHT) / MAX (self->n_lanes, 1);
  double visible = visible_seconds (self);

  _lq_view_append_hline (snapshot, &self->palette.grid, 0, width, RULER_HEIGHT - 1);
  for (guint lane = 0; lane < self->n_lanes; lane++)
    {
      double top = RULER_HEIGHT + lane * lane_h;

      _lq_view_append_hline (snapshot, &self->palette.grid, 0, width, top + lane_h / 2);
      if (lane > 0)
        _lq_view_append_hline (snapshot, &self->palette.grid, 0, width, top);
    }

  if (visible > 0.0)
    {
      double step = _lq_view_time_step (visible / width, 70.0);

      for (double t = ceil (self->view_start / step) * step; t <= self->view_start + visible;
           t += step)
        {
          g_autofree char *label = _lq_view_format_time (t);
          double x = time_to_x (self, t, width);

          _lq_view_append_vline (snapshot, &self->palette.grid, x, 0, height - OVERVIEW_HEIGHT);
          _lq_view_append_label (snapshot, GTK_WIDGET (self), label, &self->palette.dim,
                                 x + 4, RULER_HEIGHT / 2.0, 0.0, 0.5);
        }
    }

  _lq_view_append_hline (snapshot, &self->palette.grid, 0, width, height - OVERVIEW_HEIGHT);
  self->grid = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

/* The whole file small, the loop in it, and the visible range as a frame one can drag. */
static void
append_overview (LqWaveformView *self,
                 GtkSnapshot    *snapshot,
                 int             width,
                 int             height)
{
  float top = (float) (height - OVERVIEW_HEIGHT + 1);
  float h = OVERVIEW_HEIGHT - 1;
  GdkRGBA wave = _lq_view_rgba_alpha (&self->palette.fg, 0.35f);
  GdkRGBA frame = _lq_view_rgba_alpha (&self->palette.fg, 0.14f);
  double x0 = overview_x (self, self->view_start, width);
  double x1 = overview_x (self, self->view_start + visible_seconds (self), width);

  for (guint i = 0; i < self->n_columns; i++)
    {
      float mn = self->overview[i].min, mx = self->overview[i].max;
      float peak = MAX (fabsf (mn), fabsf (mx));

      if (mn > mx)
        continue;
      peak = MIN (peak, 1.0f) * (h - 2);
      gtk_snapshot_append_color (snapshot, &wave,
                                 &GRAPHENE_RECT_INIT ((float) i, top + (h - peak) / 2,
                                                      1.0f, MAX (peak, 1.0f)));
    }
  if (self->loop_end > self->loop_start)
    {
      GdkRGBA fill = _lq_view_rgba_alpha (&self->palette.yellow, 0.35f);
      double l0 = overview_x (self, self->loop_start, width);
      double l1 = overview_x (self, self->loop_end, width);

      gtk_snapshot_append_color (snapshot, &fill,
                                 &GRAPHENE_RECT_INIT ((float) l0, top,
                                                      (float) MAX (l1 - l0, 1.0), h));
    }
  gtk_snapshot_append_color (snapshot, &frame,
                             &GRAPHENE_RECT_INIT ((float) x0, top, (float) (x1 - x0), h));
  _lq_view_append_vline (snapshot, &self->palette.fg, MAX (x0, 0.5), top, top + h);
  _lq_view_append_vline (snapshot, &self->palette.fg, MIN (x1, width - 0.5), top, top + h);
  gtk_snapshot_append_color (snapshot, &self->palette.fg,
                             &GRAPHENE_RECT_INIT ((float) floor (overview_x (self, self->position,
                                                                             width)),
                                                  top, 1.0f, h));
}

static void
lq_waveform_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  LqWaveformView *self = LQ_WAVEFORM_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double lane_h, half;
  GdkRGBA color;

  if (width <= 0 || height <= RULER_HEIGHT + OVERVIEW_HEIGHT)
    return;
  if (!self->palette_valid)
    {
      _lq_view_palette_init (widget, &self->palette);
      self->palette_valid = TRUE;
    }

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->grid == NULL)
    build_grid (self, width, height);
  if (self->grid != NULL)
    gtk_snapshot_append_node (snapshot, self->grid);

  if (self->n_lanes == 0)
    {
      gtk_snapshot_pop (snapshot);
      return;
    }

  /* Loop region under the waveform. */
  if (self->loop_end > self->loop_start)
    {
      double x0 = time_to_x (self, self->loop_start, width);
      double x1 = time_to_x (self, self->loop_end, width);
      GdkRGBA fill = _lq_view_rgba_alpha (&self->palette.yellow, 0.18f);

      double bottom = height - OVERVIEW_HEIGHT;

      gtk_snapshot_append_color (snapshot, &fill,
                                 &GRAPHENE_RECT_INIT ((float) x0, 0, (float) (x1 - x0), bottom));
      _lq_view_append_vline (snapshot, &self->palette.yellow, x0, 0, bottom);
      _lq_view_append_vline (snapshot, &self->palette.yellow, x1, 0, bottom);
    }

  /* Columns: one rectangle per pixel and channel, in a flipped lane space where the values
   * are amplitudes (+1 at the top). */
  color = _lq_view_rgba_alpha (_lq_view_palette_source (&self->palette,
                                                        lq_source_get_kind (self->source)),
                               0.9f);
  lane_h = (double) (height - OVERVIEW_HEIGHT - RULER_HEIGHT) / self->n_lanes;
  half = lane_h / 2.0 - 2.0;
  for (guint lane = 0; lane < self->n_lanes; lane++)
    {
      const LqPeakPair *cols = self->columns[lane];
      float min_h = (float) (1.0 / half);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (0, (float) (RULER_HEIGHT + lane * lane_h
                                                                + lane_h / 2.0)));
      gtk_snapshot_scale (snapshot, 1.0f, (float) -half);
      for (guint i = 0; i < self->n_columns; i++)
        {
          float mn = cols[i].min, mx = cols[i].max;

          if (mn > mx)
            continue;
          gtk_snapshot_append_color (snapshot, &color,
                                     &GRAPHENE_RECT_INIT ((float) i, mn, 1.0f,
                                                          MAX (mx - mn, min_h)));
        }
      gtk_snapshot_restore (snapshot);
    }

  /* Playhead. */
  {
    double x = time_to_x (self, self->position, width);

    if (x >= 0 && x <= width)
      gtk_snapshot_append_color (snapshot, &self->palette.fg,
                                 &GRAPHENE_RECT_INIT ((float) floor (x) - 1, 0, 2,
                                                      height - OVERVIEW_HEIGHT));
  }
  append_overview (self, snapshot, width, height);

  gtk_snapshot_pop (snapshot);
}

static void
lq_waveform_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 600;
    }
  else
    {
      *minimum = 90 + OVERVIEW_HEIGHT;
      *natural = 150 + OVERVIEW_HEIGHT;
    }
}

static void
lq_waveform_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  LqWaveformView *self = LQ_WAVEFORM_VIEW (widget);

  if ((guint) width != self->n_columns)
    {
      self->zoom = MIN (self->zoom, max_zoom (self));
      clamp_view (self);
      prepare_columns (self);
    }
  invalidate_grid (self);
}

static void
lq_waveform_view_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  LqWaveformView *self = LQ_WAVEFORM_VIEW (widget);

  GTK_WIDGET_CLASS (lq_waveform_view_parent_class)->css_changed (widget, change);

  self->palette_valid = FALSE;
  invalidate_grid (self);
  gtk_widget_queue_draw (widget);
}

/* What a press at (x, y) takes hold of: the overview strip, a loop edge, or the time. */
static DragMode
hit_test (LqWaveformView *self,
          double          x,
          double          y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  if (self->source == NULL)
    return DRAG_NONE;
  if (y >= lanes_bottom (self))
    return DRAG_OVERVIEW;
  if (self->loop_end > self->loop_start)
    {
      double d0 = fabs (x - time_to_x (self, self->loop_start, width));
      double d1 = fabs (x - time_to_x (self, self->loop_end, width));

      if (MIN (d0, d1) <= EDGE_GRAB)
        return d0 <= d1 ? DRAG_LOOP_START : DRAG_LOOP_END;
    }
  return DRAG_NONE;
}

static void
update_cursor (LqWaveformView *self,
               DragMode        mode)
{
  const char *name = mode == DRAG_LOOP_START || mode == DRAG_LOOP_END ? "ew-resize"
                     : mode == DRAG_OVERVIEW ? "grab" : "text";

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

/* The overview: the visible range centred on the time at x. */
static void
overview_seek (LqWaveformView *self,
               double          x)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  if (width > 0)
    lq_waveform_view_set_view_start (self, x / width * duration (self)
                                           - visible_seconds (self) / 2.0);
}

static void
lq_waveform_view_drag_begin_cb (LqWaveformView *self,
                                double          x,
                                double          y,
                                GtkGestureDrag *gesture)
{
  self->drag_x0 = x;
  self->drag = hit_test (self, x, y);
  if (self->drag == DRAG_OVERVIEW)
    overview_seek (self, x);
}

static void
lq_waveform_view_drag_update_cb (LqWaveformView *self,
                                 double          dx,
                                 double          dy,
                                 GtkGestureDrag *gesture)
{
  double t, a, b;

  if (self->source == NULL)
    return;
  t = x_to_time (self, self->drag_x0 + dx);
  switch (self->drag)
    {
    case DRAG_OVERVIEW:
      overview_seek (self, self->drag_x0 + dx);
      return;

    case DRAG_LOOP_START:
    case DRAG_LOOP_END:
      /* Dragged past the other edge, it becomes that edge. */
      a = self->drag == DRAG_LOOP_START ? t : self->loop_start;
      b = self->drag == DRAG_LOOP_END ? t : self->loop_end;
      if (a > b)
        self->drag = self->drag == DRAG_LOOP_START ? DRAG_LOOP_END : DRAG_LOOP_START;
      lq_waveform_view_set_loop (self, MIN (a, b), MAX (a, b));
      return;

    case DRAG_NONE:
      if (fabs (dx) < DRAG_THRESHOLD)
        return;
      self->drag = DRAG_NEW_LOOP;
      G_GNUC_FALLTHROUGH;
    case DRAG_NEW_LOOP:
    default:
      a = x_to_time (self, self->drag_x0);
      lq_waveform_view_set_loop (self, MIN (a, t), MAX (a, t));
      return;
    }
}

static void
lq_waveform_view_drag_end_cb (LqWaveformView *self,
                              double          dx,
                              double          dy,
                              GtkGestureDrag *gesture)
{
  DragMode mode = self->drag;

  self->drag = DRAG_NONE;
  /* A click (no drag) on the time or a loop edge moves the playhead there. */
  if (self->source == NULL || mode == DRAG_NEW_LOOP || mode == DRAG_OVERVIEW
      || fabs (dx) >= DRAG_THRESHOLD)
    return;
  g_signal_emit (self, signals [SEEK], 0, x_to_time (self, self->drag_x0));
}

static void
lq_waveform_view_motion_motion_cb (LqWaveformView           *self,
                                   double                    x,
                                   double                    y,
                                   GtkEventControllerMotion *controller)
{
  self->pointer_x = x;
  if (self->drag == DRAG_NONE)
    update_cursor (self, hit_test (self, x, y));
}

static gboolean
lq_waveform_view_scroll_scroll_cb (LqWaveformView           *self,
                                   double                    dx,
                                   double                    dy,
                                   GtkEventControllerScroll *controller)
{
  GdkModifierType state;
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  if (self->source == NULL || width <= 0)
    return FALSE;

  /* Ctrl+scroll zooms at the pointer; a scroll either way moves along the file. */
  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  if ((state & GDK_CONTROL_MASK) != 0)
    {
      if (dy != 0.0)
        lq_waveform_view_zoom_at (self, pow (1.25, -dy), self->pointer_x);
      return TRUE;
    }
  if (dx == 0.0)
    dx = dy;
  if (dx != 0.0)
    lq_waveform_view_set_view_start (self, self->view_start
                                           + dx * 40.0 / width * visible_seconds (self));
  return TRUE;
}

static void
lq_waveform_view_zoom_begin_cb (LqWaveformView   *self,
                                GdkEventSequence *sequence,
                                GtkGesture       *gesture)
{
  self->pinch_scale = 1.0;
}

static void
lq_waveform_view_zoom_scale_changed_cb (LqWaveformView *self,
                                        double          scale,
                                        GtkGestureZoom *gesture)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    x = self->pointer_x;
  if (self->pinch_scale > 0.0 && scale > 0.0)
    lq_waveform_view_zoom_at (self, scale / self->pinch_scale, x);
  self->pinch_scale = scale;
}

static void
lq_waveform_view_dispose (GObject *object)
{
  LqWaveformView *self = (LqWaveformView *)object;

  g_clear_object (&self->source);
  invalidate_grid (self);
  for (guint c = 0; c < MAX_LANES; c++)
    g_clear_pointer (&self->columns[c], g_free);
  g_clear_pointer (&self->overview, g_free);

  G_OBJECT_CLASS (lq_waveform_view_parent_class)->dispose (object);
}

static void
lq_waveform_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LqWaveformView *self = LQ_WAVEFORM_VIEW (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_POSITION:
      g_value_set_double (value, self->position);
      break;
    case PROP_LOOP_START:
      g_value_set_double (value, self->loop_start);
      break;
    case PROP_LOOP_END:
      g_value_set_double (value, self->loop_end);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_VIEW_START:
      g_value_set_double (value, self->view_start);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_waveform_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LqWaveformView *self = LQ_WAVEFORM_VIEW (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      lq_waveform_view_set_source (self, g_value_get_object (value));
      break;
    case PROP_POSITION:
      lq_waveform_view_set_position (self, g_value_get_double (value));
      break;
    case PROP_LOOP_START:
      lq_waveform_view_set_loop (self, g_value_get_double (value), self->loop_end);
      break;
    case PROP_LOOP_END:
      lq_waveform_view_set_loop (self, self->loop_start, g_value_get_double (value));
      break;
    case PROP_ZOOM:
      lq_waveform_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_VIEW_START:
      lq_waveform_view_set_view_start (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_waveform_view_class_init (LqWaveformViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lq_waveform_view_dispose;
  object_class->get_property = lq_waveform_view_get_property;
  object_class->set_property = lq_waveform_view_set_property;

  widget_class->snapshot = lq_waveform_view_snapshot;
  widget_class->measure = lq_waveform_view_measure;
  widget_class->size_allocate = lq_waveform_view_size_allocate;
  widget_class->css_changed = lq_waveform_view_css_changed;

  properties [PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, LQ_TYPE_SOURCE, flags);
  properties [PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0, flags);
  properties [PROP_LOOP_START] =
    g_param_spec_double ("loop-start", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0, flags);
  properties [PROP_LOOP_END] =
    g_param_spec_double ("loop-end", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0, flags);
  properties [PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 1.0, G_MAXDOUBLE, 1.0, flags);
  properties [PROP_VIEW_START] =
    g_param_spec_double ("view-start", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LqWaveformView::seek:
   * @seconds: the time clicked
   *
   * The user clicked the waveform to move the playhead there.
   */
  signals [SEEK] =
    g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_DOUBLE);

  gtk_widget_class_set_css_name (widget_class, "waveformview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lq_waveform_view_init (LqWaveformView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll =
    gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

  self->zoom = 1.0;

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (lq_waveform_view_drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (lq_waveform_view_drag_update_cb),
                            self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (lq_waveform_view_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect_swapped (zoom, "begin", G_CALLBACK (lq_waveform_view_zoom_begin_cb), self);
  g_signal_connect_swapped (zoom, "scale-changed",
                            G_CALLBACK (lq_waveform_view_zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  g_signal_connect_swapped (motion, "motion", G_CALLBACK (lq_waveform_view_motion_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (lq_waveform_view_scroll_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "text");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Waveform"),
                                  -1);
}

GtkWidget *
lq_waveform_view_new (void)
{
  return g_object_new (LQ_TYPE_WAVEFORM_VIEW, NULL);
}

LqSource *
lq_waveform_view_get_source (LqWaveformView *self)
{
  g_return_val_if_fail (LQ_IS_WAVEFORM_VIEW (self), NULL);

  return self->source;
}

void
lq_waveform_view_set_source (LqWaveformView *self,
                             LqSource       *source)
{
  g_return_if_fail (LQ_IS_WAVEFORM_VIEW (self));
  g_return_if_fail (!source || LQ_IS_SOURCE (source));

  if (!g_set_object (&self->source, source))
    return;
  self->zoom = MIN (self->zoom, max_zoom (self));
  clamp_view (self);
  prepare_columns (self);
  self->palette_valid = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOURCE]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
lq_waveform_view_get_position (LqWaveformView *self)
{
  g_return_val_if_fail (LQ_IS_WAVEFORM_VIEW (self), 0.0);

  return self->position;
}

void
lq_waveform_view_set_position (LqWaveformView *self,
                               double          seconds)
{
  g_return_if_fail (LQ_IS_WAVEFORM_VIEW (self));

  seconds = MAX (seconds, 0.0);
  if (self->position == seconds)
    return;
  self->position = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_POSITION]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lq_waveform_view_get_loop (LqWaveformView *self,
                           double         *start,
                           double         *end)
{
  g_return_if_fail (LQ_IS_WAVEFORM_VIEW (self));

  if (start)
    *start = self->loop_start;
  if (end)
    *end = self->loop_end;
}

void
lq_waveform_view_set_loop (LqWaveformView *self,
                           double          start,
                           double          end)
{
  g_return_if_fail (LQ_IS_WAVEFORM_VIEW (self));

  start = MAX (start, 0.0);
  end = MAX (end, 0.0);
  if (self->loop_start == start && self->loop_end == end)
    return;

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
  g_object_thaw_notify (G_OBJECT (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
lq_waveform_view_get_zoom (LqWaveformView *self)
{
  g_return_val_if_fail (LQ_IS_WAVEFORM_VIEW (self), 1.0);

  return self->zoom;
}

void
lq_waveform_view_set_zoom (LqWaveformView *self,
                           double          zoom)
{
  g_return_if_fail (LQ_IS_WAVEFORM_VIEW (self));

  zoom = CLAMP (zoom, 1.0, max_zoom (self));
  if (self->zoom == zoom)
    return;
  self->zoom = zoom;
  clamp_view (self);
  prepare_columns (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ZOOM]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lq_waveform_view_zoom_at (LqWaveformView *self,
                          double          factor,
                          double          x)
{
  int width;
  double anchor, start;

  g_return_if_fail (LQ_IS_WAVEFORM_VIEW (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  if (width <= 0 || !(factor > 0.0))
    return;
  anchor = x_to_time (self, x);
  g_object_freeze_notify (G_OBJECT (self));
  lq_waveform_view_set_zoom (self, self->zoom * factor);
  start = anchor - x / width * visible_seconds (self);
  lq_waveform_view_set_view_start (self, start);
  g_object_thaw_notify (G_OBJECT (self));
}

double
lq_waveform_view_get_view_start (LqWaveformView *self)
{
  g_return_val_if_fail (LQ_IS_WAVEFORM_VIEW (self), 0.0);

  return self->view_start;
}

void
lq_waveform_view_set_view_start (LqWaveformView *self,
                                 double          seconds)
{
  double old;

  g_return_if_fail (LQ_IS_WAVEFORM_VIEW (self));

  old = self->view_start;
  self->view_start = seconds;
  clamp_view (self);
  if (self->view_start == old)
    return;
  prepare_columns (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VIEW_START]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
