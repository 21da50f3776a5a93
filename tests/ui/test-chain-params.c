/* test-chain-params.c
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

/* The chain panel and the EQ curve against the table of chain parameters
 * (lq-chain-params.h): every number a spin button edits has the table's range, steps and
 * digits, the panel's template states no range of its own, and dragging and scrolling a
 * handle on the curve stop exactly at the table's gain and Q limits. The JSON, the model
 * and the DSP are checked against the same table in tests/engine/test-chain-params.c. */

#include "config.h"

#include <adwaita.h>

#include "lq-chain-panel.h"
#include "lq-ui-test.h"

static GtkWindow *window;
static LqChainPanel *panel;
static LqChainModel *model;

static void
ensure_panel (void)
{
  g_autoptr(LqUndoStack) undo = NULL;

  if (panel != NULL)
    return;
  model = lq_chain_model_new ();
  undo = lq_undo_stack_new (model);
  panel = LQ_CHAIN_PANEL (lq_chain_panel_new ());
  lq_chain_panel_set_undo_stack (panel, undo);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1100, 800);
  gtk_window_set_child (window, GTK_WIDGET (panel));
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

static void
test_spin_buttons (void)
{
  guint n_spins = 0;

  ensure_panel ();
  /* A band's spin buttons show the selected band. */
  g_assert_cmpint (lq_eq_curve_get_selected_band (lq_chain_panel_get_eq_curve (panel)), >=, 0);
  for (int i = 0; i < LQ_CHAIN_N_PARAMS; i++)
    {
      LqChainParamId id = i;
      const LqChainParam *p = lq_chain_param_get (id);
      GtkSpinButton *spin = lq_chain_panel_get_spin_button (panel, id);
      GtkAdjustment *adj;

      /* Every number has a spin button; switches, enums and choices have other controls. */
      if (p->type != LQ_CHAIN_PARAM_DOUBLE)
        {
          g_assert_null (spin);
          continue;
        }
      g_test_message ("spin button of %s", p->name);
      g_assert_nonnull (spin);
      n_spins++;
      adj = gtk_spin_button_get_adjustment (spin);
      g_assert_cmpfloat (gtk_adjustment_get_lower (adj), ==, p->min);
      g_assert_cmpfloat (gtk_adjustment_get_upper (adj), ==, p->max);
      g_assert_cmpfloat (gtk_adjustment_get_step_increment (adj), ==, p->step);
      g_assert_cmpfloat (gtk_adjustment_get_page_increment (adj), ==, p->page);
      g_assert_cmpuint (gtk_spin_button_get_digits (spin), ==, (guint) p->digits);
      /* A chain-wide one shows the model's value, which starts at the default. */
      if (p->property != NULL)
        g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, p->def);

      /* Typing past either end stops at it, and the model follows. */
      if (p->property != NULL)
        {
          double v;

          gtk_spin_button_set_value (spin, p->max + 1000.0);
          g_object_get (model, p->property, &v, NULL);
          g_assert_cmpfloat (v, ==, p->max);
          gtk_spin_button_set_value (spin, p->min - 1000.0);
          g_object_get (model, p->property, &v, NULL);
          g_assert_cmpfloat (v, ==, p->min);
          g_object_set (model, p->property, p->def, NULL);
        }
    }
  g_assert_cmpuint (n_spins, >, 0);
}

/* The template leaves every range to the table: it states no adjustment and no digits. */
static void
test_template_states_no_range (void)
{
  g_autoptr(GBytes) ui = g_resources_lookup_data (RESOURCE_PREFIX "/ui/lq-chain-panel.ui", 0,
                                                  NULL);
  g_autofree char *text = NULL;

  g_assert_nonnull (ui);
  text = g_strndup (g_bytes_get_data (ui, NULL), g_bytes_get_size (ui));
  g_assert_null (strstr (text, "GtkAdjustment"));
  g_assert_null (strstr (text, "\"lower\""));
  g_assert_null (strstr (text, "\"upper\""));
  g_assert_null (strstr (text, "\"digits\""));
}

/* Dragging a handle far past the top and the bottom of the plot, and scrolling far in both
 * directions, ends exactly at the table's limits of gain and Q. */
static void
test_curve_limits (void)
{
  const LqChainParam *gain = lq_chain_param_get (LQ_CHAIN_PARAM_BAND_GAIN_DB);
  const LqChainParam *q = lq_chain_param_get (LQ_CHAIN_PARAM_BAND_Q);
  LqEqCurve *curve;
  GtkEventController *drag, *scroll;
  guint band = G_MAXUINT;
  double x, y;

  ensure_panel ();
  curve = lq_chain_panel_get_eq_curve (panel);
  for (guint i = 0; i < lq_chain_model_get_n_bands (model) && band == G_MAXUINT; i++)
    if (lq_chain_model_get_band (model, i)->type == LQ_EQ_BAND_PEAKING)
      band = i;
  g_assert_cmpuint (band, !=, G_MAXUINT);
  drag = lq_ui_test_find_controller (GTK_WIDGET (curve), GTK_TYPE_GESTURE_DRAG);
  scroll = lq_ui_test_find_controller (GTK_WIDGET (curve), GTK_TYPE_EVENT_CONTROLLER_SCROLL);
  g_assert_nonnull (drag);
  g_assert_nonnull (scroll);

  g_assert_true (lq_eq_curve_get_handle (curve, band, &x, &y));
  g_signal_emit_by_name (drag, "drag-begin", x, y);
  g_signal_emit_by_name (drag, "drag-update", 0.0, -10000.0);
  g_assert_cmpfloat (lq_chain_model_get_band (model, band)->gain_db, ==, gain->max);
  g_signal_emit_by_name (drag, "drag-update", 0.0, 10000.0);
  g_assert_cmpfloat (lq_chain_model_get_band (model, band)->gain_db, ==, gain->min);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 10000.0);

  /* The plot spans the table's range: the handle of a band at the top is at the plot's top
   * edge, and at 0 dB halfway between the ends. */
  {
    LqEqBand b = *lq_chain_model_get_band (model, band);
    double y_max, y_min, y_mid;

    b.gain_db = gain->max;
    lq_chain_model_set_band (model, band, &b);
    lq_eq_curve_get_handle (curve, band, &x, &y_max);
    b.gain_db = gain->min;
    lq_chain_model_set_band (model, band, &b);
    lq_eq_curve_get_handle (curve, band, &x, &y_min);
    b.gain_db = 0.5 * (gain->min + gain->max);
    lq_chain_model_set_band (model, band, &b);
    lq_eq_curve_get_handle (curve, band, &x, &y_mid);
    g_assert_cmpfloat (y_max, <, y_mid);
    g_assert_cmpfloat_with_epsilon (y_mid, 0.5 * (y_min + y_max), 1e-6);
  }

  /* Scroll up (narrower) and down (wider) with the pointer over the band's handle. */
  lq_eq_curve_set_selected_band (curve, (int) band);
  g_assert_true (lq_eq_curve_get_handle (curve, band, &x, &y));
  g_signal_emit_by_name (lq_ui_test_find_controller (GTK_WIDGET (curve),
                                                     GTK_TYPE_EVENT_CONTROLLER_MOTION),
                         "motion", x, y);
  for (int i = 0; i < 100; i++)
    {
      gboolean handled = FALSE;

      g_signal_emit_by_name (scroll, "scroll", 0.0, -1.0, &handled);
      g_assert_true (handled);
    }
  g_assert_cmpfloat (lq_chain_model_get_band (model, band)->q, ==, q->max);
  for (int i = 0; i < 100; i++)
    {
      gboolean handled = FALSE;

      g_signal_emit_by_name (scroll, "scroll", 0.0, 1.0, &handled);
      g_assert_true (handled);
    }
  g_assert_cmpfloat (lq_chain_model_get_band (model, band)->q, ==, q->min);
  g_signal_emit_by_name (scroll, "scroll-end");
}

int
main (int    argc,
      char **argv)
{
  int ret;

  lq_ui_test_init (&argc, &argv);
  adw_init ();

  g_test_add_func ("/ui/chain-params/spin-buttons", test_spin_buttons);
  g_test_add_func ("/ui/chain-params/template", test_template_states_no_range);
  g_test_add_func ("/ui/chain-params/curve-limits", test_curve_limits);

  ret = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (window);
  g_clear_object (&model);
  return ret;
}
