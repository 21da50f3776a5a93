/* lq-view.c
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

#include <adwaita.h>
#include <math.h>

#include "lq-view-private.h"

static void
parse (GdkRGBA    *rgba,
       const char *spec)
{
  if (!gdk_rgba_parse (rgba, spec))
    g_assert_not_reached ();
}

void
_lq_view_palette_init (GtkWidget     *widget,
                       LqViewPalette *palette)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, &palette->fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &palette->fg);
#endif
  palette->dim = _lq_view_rgba_alpha (&palette->fg, 0.55f);
  palette->grid = _lq_view_rgba_alpha (&palette->fg, 0.10f);

  /* GNOME palette: the 3rd shade on light backgrounds, the 1st on dark ones. */
  parse (&palette->blue, dark ? "#78aeed" : "#3584e4");
  parse (&palette->orange, dark ? "#ffa348" : "#e66100");
  parse (&palette->purple, dark ? "#dc8add" : "#9141ac");
  parse (&palette->green, dark ? "#8ff0a4" : "#26a269");
  parse (&palette->yellow, dark ? "#f8e45c" : "#e5a50a");
  parse (&palette->red, dark ? "#ff7b63" : "#e01b24");
}

const GdkRGBA *
_lq_view_palette_source (const LqViewPalette *palette,
                         LqSourceKind         kind)
{
  switch (kind)
    {
    case LQ_SOURCE_KIND_MASTER:
      return &palette->purple;
    case LQ_SOURCE_KIND_REFERENCE:
      return &palette->orange;
    case LQ_SOURCE_KIND_MIX:
    default:
      return &palette->blue;
    }
}

GdkRGBA
_lq_view_rgba_alpha (const GdkRGBA *color,
                     float          alpha)
{
  GdkRGBA out = *color;

  out.alpha *= alpha;
  return out;
}

void
_lq_view_append_hline (GtkSnapshot   *snapshot,
                       const GdkRGBA *color,
                       double         x0,
                       double         x1,
                       double         y)
{
  y = floor (y);
  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT ((float) x0, (float) y, (float) (x1 - x0), 1));
}

void
_lq_view_append_vline (GtkSnapshot   *snapshot,
                       const GdkRGBA *color,
                       double         x,
                       double         y0,
                       double         y1)
{
  x = floor (x);
  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT ((float) x, (float) y0, 1, (float) (y1 - y0)));
}

void
_lq_view_append_label (GtkSnapshot   *snapshot,
                       GtkWidget     *widget,
                       const char    *text,
                       const GdkRGBA *color,
                       double         x,
                       double         y,
                       double         xalign,
                       double         yalign)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();
  int w, h;

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (layout, &w, &h);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT ((float) round (x - xalign * w),
                                                (float) round (y - yalign * h)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

char *
_lq_view_format_tick (double value)
{
  double rounded = round (value);

  return g_strdup_printf ("%s%.0f", rounded < 0.0 ? "−" : "", fabs (rounded));
}

char *
_lq_view_format_time (double seconds)
{
  long s = (long) floor (MAX (seconds, 0.0) + 1e-6);

  if (s >= 3600)
    return g_strdup_printf ("%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  return g_strdup_printf ("%ld:%02ld", s / 60, s % 60);
}

double
_lq_view_time_step (double seconds_per_px,
                    double min_px)
{
  static const double steps[] = { 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600 };
  double want = seconds_per_px * min_px;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] >= want)
      return steps[i];
  return 3600.0 * ceil (want / 3600.0);
}

static char *
format_signed (double      value,
               const char *unit,
               gboolean    plus)
{
  double rounded = round (value * 10.0) / 10.0;
  const char *sign = rounded < 0.0 ? "−" : (plus && rounded > 0.0) ? "+" : "";

  if (unit != NULL && *unit != '\0')
    return g_strdup_printf ("%s%.1f %s", sign, fabs (rounded), unit);
  return g_strdup_printf ("%s%.1f", sign, fabs (rounded));
}

char *
_lq_format_level (double      value,
                  const char *unit)
{
  if (!isfinite (value))
    return g_strdup ("—");
  return format_signed (value, unit, FALSE);
}

char *
_lq_format_gain (double db)
{
  return format_signed (isfinite (db) ? db : 0.0, "dB", TRUE);
}
