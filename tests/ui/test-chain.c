/* test-chain.c
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

/* Mastering in the window: the chain's actions reach the model and the player, undo and redo
 * restore exactly (a drag is one step), a session round-trips through save and open, the
 * export dialog writes what `lacquer render` writes sample for sample, a failing or cancelled
 * export shows an error and leaves no file, and a second Reach Target replaces the first. */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include <gdk/x11/gdkx.h>

#include "lq-application.h"
#include "lq-audio-file.h"
#include "lq-chain-json.h"
#include "lq-chain-presets.h"
#include "lq-demo.h"
#include "lq-export-dialog.h"
#include "lq-ui-test.h"
#include "lq-window-private.h"

/* ---- fixture ---- */

static LqApplication *app;
static LqWindow *window;
static LqUiTestPlayback *player;
static char *tmpdir;

static gboolean
window_busy (gpointer data)
{
  return lq_window_get_busy (LQ_WINDOW (data));
}

static gboolean
panel_busy (gpointer data)
{
  return lq_chain_panel_get_busy (LQ_CHAIN_PANEL (data));
}

static gboolean
export_busy (gpointer data)
{
  return lq_export_dialog_get_busy (LQ_EXPORT_DIALOG (data));
}

static void
ensure_window (void)
{
  if (window != NULL)
    return;
  window = lq_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  lq_window_open_demo (window);
  lq_ui_test_wait_false (window_busy, window, 60);
  player = lq_ui_test_playback_new ();
  lq_window_set_playback (window, LQ_PLAYBACK (player));
  gtk_stack_set_visible_child_name (window->view_stack, "chain");
  lq_ui_test_spin (0.5);   /* the stacks' crossfades */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

static const LqChainParams *
model_params (void)
{
  return lq_chain_model_get_params (window->chain);
}

static void
assert_player_hears_model (void)
{
  g_assert_true (lq_chain_params_equal (lq_ui_test_playback_get_chain (player), model_params ()));
}

static gboolean
activate (const char *action,
          GVariant   *param)
{
  return gtk_widget_activate_action_variant (GTK_WIDGET (window->chain_panel), action, param);
}

/* ---- tests ---- */

static void
test_actions_reach_player (void)
{
  LqChainParams before;
  guint sent;

  ensure_window ();
  /* Attaching the playback sent it the chain. */
  g_assert_cmpuint (lq_ui_test_playback_get_n_chains (player), >=, 1);
  assert_player_hears_model ();

  before = *model_params ();
  sent = lq_ui_test_playback_get_n_chains (player);
  g_assert_true (activate ("chain.bypass-comp", NULL));
  g_assert_true (model_params ()->comp.bypass != before.comp.bypass);
  g_assert_cmpuint (lq_ui_test_playback_get_n_chains (player), ==, sent + 1);
  assert_player_hears_model ();

  g_assert_true (activate ("chain.bypass-eq", NULL));
  g_assert_true (model_params ()->eq.bypass != before.eq.bypass);
  g_assert_true (activate ("chain.bypass-limiter", NULL));
  g_assert_true (model_params ()->lim.bypass != before.lim.bypass);
  assert_player_hears_model ();

  /* A built-in preset through its action: the params of its JSON. */
  g_assert_true (activate ("chain.builtin", g_variant_new_string ("loud-modern")));
  {
    LqChainParams expected;

    g_assert_true (lq_chain_presets_load ("loud-modern", &expected, NULL));
    g_assert_cmpfloat (model_params ()->comp.ratio, ==, expected.comp.ratio);
    g_assert_cmpuint (model_params ()->eq.n_bands, ==, expected.eq.n_bands);
    g_assert_false (model_params ()->comp.bypass);
  }
  assert_player_hears_model ();

}

static GtkToggleButton *
hear_button (const char *id)
{
  return GTK_TOGGLE_BUTTON (lq_ui_test_find_by_id (GTK_WIDGET (window->chain_panel), id));
}

/* Hear Mix / Hear Master: its key goes from a reference to the master, then between mix and
 * master; each button is pressed exactly when its source is heard, neither on a reference. */
static void
test_hear_mix_master (void)
{
  static const struct
  {
    int      selected;
    gboolean mix;
    gboolean master;
  } steps[] = {
    { LQ_SOURCE_SET_MASTER, FALSE, TRUE },
    { LQ_SOURCE_SET_MIX, TRUE, FALSE },
    { LQ_SOURCE_SET_MASTER, FALSE, TRUE },
  };

  ensure_window ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.select-source", "i", 2);
  g_assert_false (gtk_toggle_button_get_active (hear_button ("hear_mix")));
  g_assert_false (gtk_toggle_button_get_active (hear_button ("hear_master")));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.hear-mix-master",
                                                 NULL));
      g_assert_cmpint (lq_source_set_get_selected_index (window->sources), ==,
                       steps[i].selected);
      g_assert_cmpint (lq_ui_test_playback_get_selected (player), ==, steps[i].selected);
      g_assert_true (gtk_toggle_button_get_active (hear_button ("hear_mix")) == steps[i].mix);
      g_assert_true (gtk_toggle_button_get_active (hear_button ("hear_master"))
                     == steps[i].master);
    }
  /* A click on Hear Mix from a reference hears the mix: what it says. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.select-source", "i", 2);
  g_signal_emit_by_name (hear_button ("hear_mix"), "clicked");
  g_assert_cmpint (lq_source_set_get_selected_index (window->sources), ==, LQ_SOURCE_SET_MIX);
  g_signal_emit_by_name (hear_button ("hear_master"), "clicked");
  g_assert_cmpint (lq_source_set_get_selected_index (window->sources), ==, LQ_SOURCE_SET_MASTER);
}

/* The stages start on; a bypassed one is dimmed and labelled, its switch off; editing it
 * while bypassed offers to turn it on, and the offer does. */
static void
test_bypassed_stage (void)
{
  GtkWidget *panel;
  GtkWidget *card, *state;
  GtkSwitch *sw;
  GtkRevealer *offer, *comp_offer;
  LqEqBand band;

  ensure_window ();
  panel = GTK_WIDGET (window->chain_panel);
  card = lq_ui_test_find_by_id (panel, "eq_card");
  state = lq_ui_test_find_by_id (panel, "eq_state");
  sw = GTK_SWITCH (lq_ui_test_find_by_id (panel, "eq_switch"));
  offer = GTK_REVEALER (lq_ui_test_find_by_id (panel, "eq_offer"));
  comp_offer = GTK_REVEALER (lq_ui_test_find_by_id (panel, "comp_offer"));

  g_assert_true (activate ("chain.builtin", g_variant_new_string ("default")));
  g_assert_false (model_params ()->eq.bypass);
  g_assert_false (model_params ()->comp.bypass);
  g_assert_true (gtk_switch_get_active (sw));
  g_assert_false (gtk_widget_has_css_class (card, "bypassed"));
  g_assert_false (gtk_widget_get_visible (state));

  /* Off with its switch: the model and the player hear it bypassed. */
  gtk_switch_set_active (sw, FALSE);
  g_assert_true (model_params ()->eq.bypass);
  assert_player_hears_model ();
  g_assert_true (gtk_widget_has_css_class (card, "bypassed"));
  g_assert_true (gtk_widget_get_visible (state));
  g_assert_false (gtk_revealer_get_reveal_child (offer));

  /* A band moved while bypassed: the offer, for this stage only. */
  band = *lq_chain_model_get_band (window->chain, 2);
  band.gain_db = 5.0;
  lq_chain_model_set_band (window->chain, 2, &band);
  g_assert_true (gtk_revealer_get_reveal_child (offer));
  g_assert_false (gtk_revealer_get_reveal_child (comp_offer));

  g_assert_true (activate ("chain.enable-stage", g_variant_new_string ("eq")));
  g_assert_false (model_params ()->eq.bypass);
  g_assert_true (gtk_switch_get_active (sw));
  g_assert_false (gtk_revealer_get_reveal_child (offer));
  g_assert_false (gtk_widget_has_css_class (card, "bypassed"));
  assert_player_hears_model ();

  /* The compressor's offer follows a spin button edit the same way. */
  g_assert_true (activate ("chain.bypass-comp", NULL));
  gtk_spin_button_set_value (lq_chain_panel_get_spin_button (window->chain_panel,
                                                             LQ_CHAIN_PARAM_COMP_RATIO), 3.0);
  g_assert_true (gtk_revealer_get_reveal_child (comp_offer));
  g_assert_true (activate ("chain.enable-stage", g_variant_new_string ("comp")));
  g_assert_false (model_params ()->comp.bypass);
  g_assert_cmpfloat (model_params ()->comp.ratio, ==, 3.0);
  g_assert_false (gtk_revealer_get_reveal_child (comp_offer));
}

/* Real keys through the X server (xdotool), to the main window's X window by its id:
 * without a window manager, focus would follow the pointer into whatever lies under it. */
static void
xkeys (const char *args)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *cmd = g_strdup_printf ("xdotool windowfocus --sync %lu sleep 0.3 %s",
                                          (unsigned long) gdk_x11_surface_get_xid (surface),
                                          args);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* A round trip to the X server puts every event xdotool made in our queue; then handle
   * them all. A fixed wait alone lost keys on a loaded machine. */
  for (int k = 0; k < 3; k++)
    {
      gdk_display_sync (gtk_widget_get_display (GTK_WIDGET (window)));
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      lq_ui_test_spin (0.1);
    }
}

static gboolean
focus_in (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* A number field edited by typing hands the focus back on Enter or Escape, and the source
 * keys typed after it select sources instead of editing the parameter; a letter typed into
 * the field commits it and acts as the window's key. */
static void
test_keys_after_field (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  GtkSpinButton *ratio;
  gboolean match;

  if (xdotool == NULL)
    {
      g_test_skip ("xdotool is not installed");
      return;
    }
  ensure_window ();
  /* Keys go to the X server's focused window: earlier tests opened and closed others. */
  gtk_window_present (GTK_WINDOW (window));
  lq_ui_test_spin (0.3);
  ratio = lq_chain_panel_get_spin_button (window->chain_panel, LQ_CHAIN_PARAM_COMP_RATIO);
  g_assert_true (activate ("chain.builtin", g_variant_new_string ("default")));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.select-source", "i", 1);
  lq_ui_test_spin (0.3);

  /* Ratio 3, Enter: committed, and the field lets go. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (ratio)));
  xkeys ("key ctrl+a type 3");
  xkeys ("key Return");
  g_assert_cmpfloat (model_params ()->comp.ratio, ==, 3.0);
  g_assert_false (focus_in (GTK_WIDGET (ratio)));

  /* The source keys: 3 is the reference, 1 the mix, 2 the master; G toggles matching. */
  match = lq_source_set_get_loudness_match (window->sources);
  xkeys ("type 3");
  g_assert_cmpint (lq_source_set_get_selected_index (window->sources), ==, 2);
  xkeys ("type 1");
  g_assert_cmpint (lq_source_set_get_selected_index (window->sources), ==, LQ_SOURCE_SET_MIX);
  xkeys ("type g");
  g_assert_true (lq_source_set_get_loudness_match (window->sources) != match);
  xkeys ("type 2");
  g_assert_cmpint (lq_source_set_get_selected_index (window->sources), ==, LQ_SOURCE_SET_MASTER);
  xkeys ("type g");
  g_assert_true (lq_source_set_get_loudness_match (window->sources) == match);

  /* M toggles Mono, Shift+M steps to the next monitoring mode (real key presses). */
  g_assert_cmpint (lq_session_get_monitor_mode (window->session), ==, LQ_MONITOR_STEREO);
  xkeys ("type m");
  g_assert_cmpint (lq_session_get_monitor_mode (window->session), ==, LQ_MONITOR_MONO);
  xkeys ("type m");
  g_assert_cmpint (lq_session_get_monitor_mode (window->session), ==, LQ_MONITOR_STEREO);
  xkeys ("key shift+m");
  g_assert_cmpint (lq_session_get_monitor_mode (window->session), ==, LQ_MONITOR_MONO);
  xkeys ("key shift+m");
  g_assert_cmpint (lq_session_get_monitor_mode (window->session), ==, LQ_MONITOR_MID);
  lq_session_set_monitor_mode (window->session, LQ_MONITOR_STEREO);
  g_assert_cmpfloat (model_params ()->comp.ratio, ==, 3.0);

  /* Escape commits too. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (ratio)));
  xkeys ("key ctrl+a type 4");
  xkeys ("key Escape");
  g_assert_cmpfloat (model_params ()->comp.ratio, ==, 4.0);
  g_assert_false (focus_in (GTK_WIDGET (ratio)));
  xkeys ("type 1");
  g_assert_cmpint (lq_source_set_get_selected_index (window->sources), ==, LQ_SOURCE_SET_MIX);
  g_assert_cmpfloat (model_params ()->comp.ratio, ==, 4.0);

  /* A letter while the field is being edited: the number is committed as typed, the key is
   * the window's (G), and the field lets go, so a digit after it selects again. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (ratio)));
  xkeys ("key ctrl+a type 2.5");
  xkeys ("type g");
  g_assert_cmpfloat (model_params ()->comp.ratio, ==, 2.5);
  g_assert_true (lq_source_set_get_loudness_match (window->sources) != match);
  g_assert_false (focus_in (GTK_WIDGET (ratio)));
  xkeys ("type 3");
  g_assert_cmpint (lq_source_set_get_selected_index (window->sources), ==, 2);
  g_assert_cmpfloat (model_params ()->comp.ratio, ==, 2.5);
  xkeys ("type g");
  g_assert_true (lq_source_set_get_loudness_match (window->sources) == match);
}

/* Every handle lies wholly inside the plot, the passes at 20 Hz and 20 kHz and a band at
 * the gain limit included. */
static void
test_handles_inside_plot (void)
{
  LqEqCurve *curve;
  graphene_rect_t plot;
  LqEqBand band;
  const double r = 7.0;   /* the handle's radius */

  ensure_window ();
  curve = lq_chain_panel_get_eq_curve (window->chain_panel);
  g_assert_true (activate ("chain.builtin", g_variant_new_string ("default")));
  band = *lq_chain_model_get_band (window->chain, 2);
  band.gain_db = 24.0;
  lq_chain_model_set_band (window->chain, 2, &band);
  lq_eq_curve_get_plot_area (curve, &plot);
  g_assert_cmpfloat (plot.size.width, >, 100.0);
  for (guint i = 0; i < lq_chain_model_get_n_bands (window->chain); i++)
    {
      double x, y;

      g_assert_true (lq_eq_curve_get_handle (curve, i, &x, &y));
      g_assert_cmpfloat (x - r, >=, plot.origin.x);
      g_assert_cmpfloat (x + r, <=, plot.origin.x + plot.size.width);
      g_assert_cmpfloat (y - r, >=, plot.origin.y);
      g_assert_cmpfloat (y + r, <=, plot.origin.y + plot.size.height);
    }
  /* Band 2 (100 Hz) still sits at its frequency. */
  {
    double x, y, x3, y3;

    lq_eq_curve_get_handle (curve, 1, &x, &y);
    lq_eq_curve_get_handle (curve, 3, &x3, &y3);
    g_assert_cmpfloat (x, <, x3);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
}

/* The panel's columns keep their widths whichever band is selected ("Peak" and "High
 * shelf" differ), side by side in a wide panel; in a narrow one they stack, every control
 * still in the panel, reached by the window's scrolling. The panel alone, in windows of
 * those widths (the test's screen is narrower than a window wide enough for both). */
static GtkWidget *
panel_window (int            width,
              LqChainPanel **panel)
{
  g_autoptr(LqChainModel) model = lq_chain_model_new ();
  g_autoptr(LqUndoStack) undo = lq_undo_stack_new (model);
  GtkWidget *win = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  *panel = LQ_CHAIN_PANEL (lq_chain_panel_new ());
  lq_chain_panel_set_undo_stack (*panel, undo);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (*panel));
  gtk_window_set_child (GTK_WINDOW (win), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (win), width, 700);
  gtk_window_present (GTK_WINDOW (win));
  lq_ui_test_spin (0.3);
  gtk_test_widget_wait_for_draw (win);
  return win;
}

static void
test_stable_widths (void)
{
  static const int widths[] = { 1700, 640 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      LqChainPanel *panel;
      GtkWidget *win = panel_window (widths[w], &panel);
      LqEqCurve *curve = lq_chain_panel_get_eq_curve (panel);
      GtkWidget *eq_card = lq_ui_test_find_by_id (GTK_WIDGET (panel), "eq_card");
      GtkWidget *comp_card = lq_ui_test_find_by_id (GTK_WIDGET (panel), "comp_card");
      LqChainModel *model = lq_chain_panel_get_model (panel);
      graphene_rect_t eq, comp;
      int width = -1;

      g_assert_true (gtk_widget_compute_bounds (eq_card, win, &eq));
      g_assert_true (gtk_widget_compute_bounds (comp_card, win, &comp));
      g_test_message ("panel %d: EQ at %.0f+%.0f, compressor at %.0f,%.0f", widths[w],
                      eq.origin.x, eq.size.width, comp.origin.x, comp.origin.y);
      if (w == 0)
        g_assert_cmpfloat (comp.origin.x, >=, eq.origin.x + eq.size.width);  /* side by side */
      else
        g_assert_cmpfloat (comp.origin.y, >=, eq.origin.y + eq.size.height); /* stacked */
      g_assert_cmpint (gtk_widget_get_width (win), ==, widths[w]);
      for (guint i = 0; i < lq_chain_model_get_n_bands (model); i++)
        {
          lq_eq_curve_set_selected_band (curve, (int) i);
          lq_ui_test_spin (0.1);
          gtk_test_widget_wait_for_draw (win);
          if (width < 0)
            width = gtk_widget_get_width (eq_card);
          g_assert_cmpint (gtk_widget_get_width (eq_card), ==, width);
        }
      gtk_window_destroy (GTK_WINDOW (win));
    }
}


/* The chain's controls that a person operates or reads, under root (visible ones only: an
 * unrevealed "Enable" offer is not there to be reached). */
static void
collect_controls (GtkWidget *root,
                  GPtrArray *out)
{
  static const char *types[] = {
    "GtkSpinButton", "GtkDropDown", "GtkSwitch", "GtkButton", "GtkCheckButton",
    "GtkMenuButton", "GtkLevelBar", "LqEqCurve", "LqGrHistory",
  };

  if (!gtk_widget_get_visible (root) || !gtk_widget_get_child_visible (root))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (G_TYPE_CHECK_INSTANCE_TYPE (root, g_type_from_name (types[i])))
      {
        g_ptr_array_add (out, root);
        return;   /* a spin button's +/- are part of it */
      }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_controls (child, out);
}

/* At 1024×600, GNOME's smallest supported size, every control of the chain can be reached:
 * the chain scrolls, and scrolled to each control it lies wholly inside the visible part of
 * the scrolled window and of the window. Named controls (the EQ band's channels, the width,
 * the gain-reduction history, the compressor's last fields) must be among them. */
static void
test_reachable_small (void)
{
  static const char *named[] = {
    "hear_mix", "hear_master", "eq_switch", "eq_curve", "band_type", "band_channels",
    "band_bypass", "band_q", "comp_switch", "comp_ratio", "comp_makeup", "comp_hpf",
    "lim_switch", "lim_release", "gr_history", "input_gain", "output_gain", "width",
    "reach_button",
  };
  LqWindow *small = lq_window_new (app);
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  GtkWidget *panel, *scrolled;
  GtkAdjustment *vadj;
  graphene_rect_t view;

  gtk_window_set_default_size (GTK_WINDOW (small), 1024, 600);
  gtk_window_present (GTK_WINDOW (small));
  lq_window_open_demo (small);
  lq_ui_test_wait_false (window_busy, small, 60);
  gtk_stack_set_visible_child_name (small->view_stack, "chain");
  /* The reference selected: its meter notes are the longest (louder than the target, and
   * over the ceiling). */
  lq_source_set_select (small->sources, LQ_SOURCE_SET_FIRST_REFERENCE);
  lq_ui_test_spin (0.5);
  /* What the window needs is at most 1024×600; it is brought back to that size in case a
   * transition on the way (the loading banner, the stacks' crossfades) made it larger. */
  {
    int min_w, min_h;

    gtk_widget_measure (GTK_WIDGET (small), GTK_ORIENTATION_VERTICAL, -1, &min_h, NULL, NULL,
                        NULL);
    gtk_widget_measure (GTK_WIDGET (small), GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL,
                        NULL);
    g_test_message ("window's minimum: %dx%d", min_w, min_h);
    g_assert_cmpint (min_w, <=, 1024);
    g_assert_cmpint (min_h, <=, 600);
  }
  gtk_window_set_default_size (GTK_WINDOW (small), 1024, 600);
  lq_ui_test_spin (0.3);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (small));
  {
    GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (small));

    g_test_message ("window %dx%d, surface %dx%d", gtk_widget_get_width (GTK_WIDGET (small)),
                    gtk_widget_get_height (GTK_WIDGET (small)), gdk_surface_get_width (surface),
                    gdk_surface_get_height (surface));
    g_assert_cmpint (gdk_surface_get_width (surface), <=, 1024);
    g_assert_cmpint (gdk_surface_get_height (surface), <=, 600);
  }

  panel = GTK_WIDGET (small->chain_panel);
  scrolled = gtk_widget_get_ancestor (panel, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  g_assert_true (gtk_widget_compute_bounds (scrolled, GTK_WIDGET (small), &view));
  g_test_message ("chain view at 1024x600: %.0fx%.0f at %.0f,%.0f", view.size.width,
                  view.size.height, view.origin.x, view.origin.y);
  g_assert_cmpfloat (view.size.height, >=, 200.0);   /* room to work in, not a slit */
  g_assert_cmpfloat (view.origin.y + view.size.height, <=,
                     gtk_widget_get_height (GTK_WIDGET (small)));
  g_assert_cmpfloat (view.origin.x + view.size.width, <=,
                     gtk_widget_get_width (GTK_WIDGET (small)));
  vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  collect_controls (panel, controls);
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      GtkWidget *w = lq_ui_test_find_by_id (panel, named[i]);

      g_assert_nonnull (w);
      if (!g_ptr_array_find (controls, w, NULL))
        g_error ("%s is not shown at 1024x600", named[i]);
    }
  g_test_message ("%u controls", controls->len);
  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (controls, i);
      graphene_rect_t in_panel, in_window;
      double value;

      g_assert_true (gtk_widget_compute_bounds (w, panel, &in_panel));
      g_assert_cmpfloat (in_panel.size.width, >, 0.0);
      g_assert_cmpfloat (in_panel.size.height, >, 0.0);
      g_assert_cmpfloat (in_panel.size.height, <=, gtk_adjustment_get_page_size (vadj));
      /* Scroll it into view, as the scrollbar or the focus would. */
      value = CLAMP (in_panel.origin.y - 4.0, gtk_adjustment_get_lower (vadj),
                     gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj));
      gtk_adjustment_set_value (vadj, value);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (small));
      g_assert_true (gtk_widget_compute_bounds (w, GTK_WIDGET (small), &in_window));
      if (!graphene_rect_contains_rect (&view, &in_window))
        g_error ("%s (%s) at %.0f,%.0f %.0fx%.0f is outside the chain view",
                 G_OBJECT_TYPE_NAME (w), gtk_buildable_get_buildable_id (GTK_BUILDABLE (w)),
                 in_window.origin.x, in_window.origin.y, in_window.size.width,
                 in_window.size.height);
    }
  gtk_window_destroy (GTK_WINDOW (small));
  lq_ui_test_spin (0.2);
}

static void
test_undo_redo (void)
{
  LqChainParams a, b;

  ensure_window ();
  g_assert_true (activate ("chain.builtin", g_variant_new_string ("gentle-glue")));
  a = *model_params ();
  g_assert_true (activate ("chain.builtin", g_variant_new_string ("dynamic-acoustic")));
  g_assert_true (activate ("chain.bypass-limiter", NULL));
  b = *model_params ();
  g_assert_false (lq_chain_params_equal (&a, &b));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (lq_chain_params_equal (model_params (), &a));
  assert_player_hears_model ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_true (lq_chain_params_equal (model_params (), &b));
  assert_player_hears_model ();
  g_assert_false (lq_undo_stack_get_can_redo (window->undo));
}

static void
test_drag_is_one_step (void)
{
  LqEqCurve *curve;
  LqChainParams before;

  ensure_window ();
  curve = lq_chain_panel_get_eq_curve (window->chain_panel);
  g_assert_true (activate ("chain.builtin", g_variant_new_string ("loud-modern")));
  before = *model_params ();

  /* The curve's drag: edit-begin, many moves, edit-end. */
  g_signal_emit_by_name (curve, "edit-begin");
  for (int i = 1; i <= 20; i++)
    {
      LqEqBand band = *lq_chain_model_get_band (window->chain, 2);

      band.freq = 300.0 + 50.0 * i;
      band.gain_db = -1.0 + 0.2 * i;
      lq_chain_model_set_band (window->chain, 2, &band);
    }
  g_signal_emit_by_name (curve, "edit-end");
  g_assert_cmpfloat (lq_chain_model_get_band (window->chain, 2)->freq, ==, 1300.0);
  assert_player_hears_model ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (lq_chain_params_equal (model_params (), &before));

  /* A double-click reset and a scroll are a step each; the handle sits where the band is. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  {
    double x, y;

    g_assert_true (lq_eq_curve_get_handle (curve, 2, &x, &y));
    g_assert_cmpfloat (x, >, 0.0);
    g_assert_cmpfloat (x, <, gtk_widget_get_width (GTK_WIDGET (curve)));
  }
}

/* The slope of a pass band, through its dropdown: one undoable step the player hears. */
static void
test_band_slope (void)
{
  LqEqCurve *curve;
  GtkDropDown *slope;
  LqChainParams before, after;
  guint sent;

  ensure_window ();
  curve = lq_chain_panel_get_eq_curve (window->chain_panel);
  slope = GTK_DROP_DOWN (lq_ui_test_find_by_id (GTK_WIDGET (window->chain_panel), "band_slope"));
  g_assert_nonnull (slope);
  g_assert_true (activate ("chain.builtin", g_variant_new_string ("loud-modern")));
  before = *model_params ();
  g_assert_cmpint (before.eq.bands[0].type, ==, LQ_EQ_BAND_HIGH_PASS);
  g_assert_cmpuint (before.eq.bands[0].slope_db, ==, 24);
  g_assert_cmpint (before.eq.bands[2].type, ==, LQ_EQ_BAND_PEAKING);

  /* Only a pass band has a slope. */
  lq_eq_curve_set_selected_band (curve, 2);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (slope)));
  lq_eq_curve_set_selected_band (curve, 0);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (slope)));
  g_assert_cmpuint (gtk_drop_down_get_selected (slope), ==, 1);

  sent = lq_ui_test_playback_get_n_chains (player);
  gtk_drop_down_set_selected (slope, 0);
  /* Only the slope changed. */
  after = *model_params ();
  g_assert_cmpuint (after.eq.bands[0].slope_db, ==, 12);
  after.eq.bands[0].slope_db = 24;
  g_assert_true (lq_chain_params_equal (&after, &before));
  g_assert_cmpuint (lq_ui_test_playback_get_n_chains (player), ==, sent + 1);
  assert_player_hears_model ();

  /* One step back is the 24 dB/oct band again, in the player and in the dropdown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (lq_chain_params_equal (model_params (), &before));
  assert_player_hears_model ();
  g_assert_cmpuint (gtk_drop_down_get_selected (slope), ==, 1);
}

static GtkEventController *
find_scroll_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        return controller;
    }
  return NULL;
}

static gboolean
scroll_emit (GtkEventController *scroll,
             double              dy)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (scroll, "scroll", 0.0, dy, &handled);
  return handled;
}

static void
scroll_step (GtkEventController *scroll,
             double              dy)
{
  g_assert_true (scroll_emit (scroll, dy));
}

/* Puts the curve's pointer over band's handle (band -1: between the handles, above the
 * curve), as moving the mouse there would. */
static void
point_at (LqEqCurve *curve,
          int        band)
{
  GtkEventController *motion = lq_ui_test_find_controller (GTK_WIDGET (curve),
                                                           GTK_TYPE_EVENT_CONTROLLER_MOTION);
  double x, y;

  g_assert_nonnull (motion);
  if (band >= 0)
    g_assert_true (lq_eq_curve_get_handle (curve, (guint) band, &x, &y));
  else
    {
      double x2, y2;

      g_assert_true (lq_eq_curve_get_handle (curve, 1, &x, &y));
      g_assert_true (lq_eq_curve_get_handle (curve, 2, &x2, &y2));
      x = (x + x2) / 2.0;
      y = 6.0;
    }
  g_signal_emit_by_name (motion, "motion", x, y);
}

/* Scroll steps on a handle (Q) in quick succession are one undo step; a pause, another band
 * or an undo in between starts the next. Scrolling over the plot away from a handle is left
 * to the page: the curve does not take it, and no band changes. */
static void
test_scroll_is_one_step (void)
{
  LqEqCurve *curve;
  GtkEventController *scroll;
  LqChainParams before, first;

  ensure_window ();
  curve = lq_chain_panel_get_eq_curve (window->chain_panel);
  scroll = find_scroll_controller (GTK_WIDGET (curve));
  g_assert_nonnull (scroll);
  g_assert_true (activate ("chain.builtin", g_variant_new_string ("loud-modern")));
  lq_ui_test_spin (0.6);   /* no scroll edit left open by an earlier test */
  lq_eq_curve_set_selected_band (curve, 2);
  before = *model_params ();

  /* Away from the handles, the scroll is the page's. */
  point_at (curve, -1);
  g_assert_false (scroll_emit (scroll, -1.0));
  g_assert_false (scroll_emit (scroll, 1.0));
  g_assert_true (lq_chain_params_equal (model_params (), &before));
  g_assert_false (lq_undo_stack_get_can_redo (window->undo));

  /* Five steps on band 3's handle, then a pause. */
  point_at (curve, 2);
  for (int i = 0; i < 5; i++)
    scroll_step (scroll, -1.0);
  g_assert_cmpfloat (lq_chain_model_get_band (window->chain, 2)->q, >, before.eq.bands[2].q * 1.9);
  assert_player_hears_model ();
  first = *model_params ();
  lq_ui_test_spin (0.7);

  /* Three more after the pause, then two on another band. */
  for (int i = 0; i < 3; i++)
    scroll_step (scroll, 1.0);
  g_assert_cmpfloat (lq_chain_model_get_band (window->chain, 2)->q, <, first.eq.bands[2].q);
  point_at (curve, 1);
  scroll_step (scroll, 1.0);
  scroll_step (scroll, 1.0);
  g_assert_cmpfloat (lq_chain_model_get_band (window->chain, 1)->q, <, before.eq.bands[1].q);
  lq_ui_test_spin (0.7);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpfloat (lq_chain_model_get_band (window->chain, 1)->q, ==, before.eq.bands[1].q);
  g_assert_cmpfloat (lq_chain_model_get_band (window->chain, 2)->q, <, first.eq.bands[2].q);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (lq_chain_params_equal (model_params (), &first));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (lq_chain_params_equal (model_params (), &before));
  assert_player_hears_model ();

  /* An undo right after scrolling undoes the run, and the next step is a step again. */
  point_at (curve, 2);
  scroll_step (scroll, -1.0);
  scroll_step (scroll, -1.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (lq_chain_params_equal (model_params (), &before));
  scroll_step (scroll, -1.0);
  g_assert_false (lq_chain_params_equal (model_params (), &before));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (lq_chain_params_equal (model_params (), &before));
  lq_ui_test_spin (0.6);
}

static void
test_session_round_trip (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "My Mix.lacquer", NULL);
  g_autoptr(GError) error = NULL;
  LqWindow *other;
  LqChainParams chain;
  double start, end, s2, e2;

  ensure_window ();
  g_assert_true (activate ("chain.builtin", g_variant_new_string ("gentle-glue")));
  {
    LqEqBand band = *lq_chain_model_get_band (window->chain, 1);

    band.gain_db = 2.5;
    band.freq = 123.0;
    lq_chain_model_set_band (window->chain, 1, &band);
  }
  g_object_set (window->chain, "output-gain-db", -0.7, "comp-knee-db", 9.5, NULL);
  g_object_set (window, "preset-id", "apple-music", NULL);
  /* The preset set the ceiling. */
  g_assert_cmpfloat (model_params ()->lim.ceiling_db, ==, -1.0);
  g_object_set (window, "preset-id", "cd", NULL);
  g_assert_cmpfloat (model_params ()->lim.ceiling_db, ==, -0.3);
  lq_waveform_view_set_loop (window->waveform_view, 3.25, 9.5);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.select-source", "i", 2);
  chain = *model_params ();
  {
    g_auto(LqMetadata) tags = { 0 };

    g_assert_true (lq_metadata_set_field (&tags, "album", "Round Trip", NULL));
    g_assert_true (lq_metadata_set_field (&tags, "isrc", "us-s1z-99-00001", NULL));
    lq_session_set_metadata (window->session, &tags);
  }

  g_assert_true (_lq_window_get_dirty (window));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  g_assert_true (_lq_window_save_session (window, path, &error));
  g_assert_no_error (error);
  g_assert_false (_lq_window_get_dirty (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "My Mix — Lacquer");

  other = lq_window_new (app);
  gtk_window_present (GTK_WINDOW (other));
  _lq_window_open_session (other, path);
  lq_ui_test_wait_false (window_busy, other, 60);
  lq_ui_test_spin (0.1);

  g_assert_true (lq_chain_params_equal (lq_chain_model_get_params (other->chain), &chain));
  g_assert_cmpstr (lq_session_get_target (other->session), ==, "cd");
  g_assert_true (lq_metadata_equal (lq_session_get_metadata (other->session),
                                    lq_session_get_metadata (window->session)));
  g_assert_cmpstr (lq_session_get_metadata (other->session)->isrc, ==, "USS1Z9900001");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other->sources)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (window->sources)));
  g_assert_cmpstr (lq_source_get_path (lq_source_set_get_mix (other->sources)), ==,
                   lq_source_get_path (lq_source_set_get_mix (window->sources)));
  {
    g_autoptr(LqSource) r1 = g_list_model_get_item (G_LIST_MODEL (window->sources), 2);
    g_autoptr(LqSource) r2 = g_list_model_get_item (G_LIST_MODEL (other->sources), 2);

    g_assert_cmpstr (lq_source_get_path (r1), ==, lq_source_get_path (r2));
  }
  g_assert_cmpint (lq_source_set_get_selected_index (other->sources), ==, 2);
  g_assert_true (lq_session_get_loop (other->session, NULL, NULL));
  lq_waveform_view_get_loop (window->waveform_view, &start, &end);
  lq_waveform_view_get_loop (other->waveform_view, &s2, &e2);
  g_assert_cmpfloat (start, ==, s2);
  g_assert_cmpfloat (end, ==, e2);
  g_assert_true (lq_source_set_get_loudness_match (other->sources)
                 == lq_source_set_get_loudness_match (window->sources));
  g_assert_cmpfloat (lq_source_set_get_listening_level (other->sources), ==,
                     lq_source_set_get_listening_level (window->sources));
  g_assert_false (_lq_window_get_dirty (other));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (other)), ==, "My Mix — Lacquer");
  /* Nothing to undo right after opening. */
  g_assert_false (lq_undo_stack_get_can_undo (other->undo));

  /* A change marks it; saving clears it. */
  g_object_set (other->chain, "input-gain-db", 1.0, NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (other)), ==, "• My Mix — Lacquer");
  gtk_window_destroy (GTK_WINDOW (other));

  g_object_set (window, "preset-id", "spotify", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.select-source", "i", 1);
}

static void
test_missing_files (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "missing.lacquer", NULL);
  LqWindow *other;

  ensure_window ();
  g_assert_true (g_file_set_contents (path,
                                      "{\"lacquer_session\": 1, \"mix\": \"gone-mix.wav\", "
                                      "\"references\": [\"gone-ref.flac\"]}", -1, NULL));
  other = lq_window_new (app);
  gtk_window_present (GTK_WINDOW (other));
  _lq_window_open_session (other, path);
  lq_ui_test_spin (0.1);
  /* A dialog names the files and offers to locate them; nothing was loaded. */
  g_assert_nonnull (other->last_dialog);
  {
    const char *body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (other->last_dialog));

    g_assert_nonnull (strstr (body, "gone-mix.wav"));
    g_assert_nonnull (strstr (body, "gone-ref.flac"));
    g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (other->last_dialog),
                                                    "locate"));
    /* The mix is among them: opening without it is not offered. */
    g_assert_false (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (other->last_dialog),
                                                     "skip"));
  }
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (other->last_dialog), "cancel");
  g_assert_true (lq_source_set_is_empty (other->sources));
  gtk_window_destroy (GTK_WINDOW (other));

  /* Only a reference is missing: "Open Without Them" opens the rest, without it. */
  {
    g_autoptr(LqSource) ref = g_list_model_get_item (G_LIST_MODEL (window->sources),
                                                     LQ_SOURCE_SET_FIRST_REFERENCE);
    g_autofree char *json = g_strdup_printf ("{\"lacquer_session\": 1, \"mix\": \"%s\", "
                                             "\"references\": [\"gone-ref.flac\", \"%s\"]}",
                                             lq_source_get_path (lq_source_set_get_mix (window->sources)),
                                             lq_source_get_path (ref));
    g_autoptr(LqSource) loaded = NULL;

    g_assert_true (g_file_set_contents (path, json, -1, NULL));
    other = lq_window_new (app);
    gtk_window_present (GTK_WINDOW (other));
    _lq_window_open_session (other, path);
    lq_ui_test_wait_false (window_busy, other, 60);
    g_assert_nonnull (other->last_dialog);
    g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (other->last_dialog),
                                                    "skip"));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (other->last_dialog), "skip");
    lq_ui_test_spin (0.1);
    lq_ui_test_wait_false (window_busy, other, 60);
    g_assert_cmpuint (lq_source_set_get_n_references (other->sources), ==, 1);
    /* The missing file was dropped, not tried (which failed with a message naming it). */
    g_assert_null (_lq_window_get_last_toast (other));
    loaded = g_list_model_get_item (G_LIST_MODEL (other->sources), LQ_SOURCE_SET_FIRST_REFERENCE);
    g_assert_cmpstr (lq_source_get_path (loaded), ==, lq_source_get_path (ref));
    gtk_window_destroy (GTK_WINDOW (other));
  }
}

static LqExportDialog *
open_export_dialog (void)
{
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = window->last_dialog;
  g_assert_true (LQ_IS_EXPORT_DIALOG (dialog));
  return LQ_EXPORT_DIALOG (dialog);
}

/* All samples of an audio file, interleaved. */
static GArray *
read_all (const char *path,
          guint      *channels,
          double     *rate)
{
  g_autoptr(GError) error = NULL;
  LqAudioFile *file = lq_audio_file_open (path, &error);
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (float));
  float buf[4096 * 2];
  gssize n;

  g_assert_no_error (error);
  *channels = lq_audio_file_get_info (file)->channels;
  *rate = lq_audio_file_get_info (file)->sample_rate;
  while ((n = lq_audio_file_read (file, buf, 4096, &error)) > 0)
    g_array_append_vals (samples, buf, (guint) n * *channels);
  g_assert_no_error (error);
  lq_audio_file_free (file);
  return samples;
}

/* Renders the window's mix with chain through `lacquer render` and args (target and format),
 * into name in the test folder, and checks that it is the file at ui_path sample for
 * sample. */
static void
assert_cli_renders_same (const char          *ui_path,
                         const LqChainParams *chain,
                         const char          *name,
                         const char *const   *args)
{
  g_autofree char *cli_path = g_build_filename (tmpdir, name, NULL);
  g_autofree char *chain_path = g_build_filename (tmpdir, "chain.json", NULL);
  g_autofree char *chain_json = lq_chain_params_to_json_data (chain, NULL);
  const char *lacquer = g_getenv ("LQ_TEST_LACQUER");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;
  guint ca, cb;
  double ra, rb;

  g_assert_nonnull (lacquer);
  g_assert_true (g_file_set_contents (chain_path, chain_json, -1, NULL));
  g_ptr_array_add (argv, (char *) lacquer);
  g_ptr_array_add (argv, "render");
  g_ptr_array_add (argv, (char *) lq_source_get_path (lq_source_set_get_mix (window->sources)));
  g_ptr_array_add (argv, "-o");
  g_ptr_array_add (argv, cli_path);
  g_ptr_array_add (argv, "--chain");
  g_ptr_array_add (argv, chain_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("lacquer render: %s%s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  a = read_all (ui_path, &ca, &ra);
  b = read_all (cli_path, &cb, &rb);
  g_assert_cmpuint (ca, ==, cb);
  g_assert_cmpfloat (ra, ==, rb);
  g_assert_cmpuint (a->len, ==, b->len);
  g_assert_cmpuint (a->len, >, 44100);
  g_assert_cmpint (memcmp (a->data, b->data, a->len * sizeof (float)), ==, 0);
}

static void
test_export_equals_cli (void)
{
  LqExportDialog *dialog;
  LqRenderOptions options;
  g_autofree char *ui_path = NULL;
  const LqRenderReport *report;

  ensure_window ();
  g_assert_true (activate ("chain.builtin", g_variant_new_string ("gentle-glue")));
  {
    LqEqBand band = *lq_chain_model_get_band (window->chain, 2);

    band.gain_db = -1.5;
    lq_chain_model_set_band (window->chain, 2, &band);
    g_object_set (window->chain, "eq-bypass", FALSE, NULL);
  }

  /* "Reach Target" finds the render's gain and puts it before the limiter. */
  g_assert_true (activate ("chain.reach-target", NULL));
  g_assert_true (lq_chain_panel_get_busy (window->chain_panel));
  lq_ui_test_wait_false (panel_busy, window->chain_panel, 120);
  g_assert_nonnull (lq_chain_panel_get_target_message (window->chain_panel));
  g_test_message ("reach target: %s", lq_chain_panel_get_target_message (window->chain_panel));
  g_assert_nonnull (strstr (lq_chain_panel_get_target_message (window->chain_panel), "makeup"));
  assert_player_hears_model ();
  /* The message speaks of this chain: an undo takes it away, a redo back to it shows it. */
  {
    GtkWidget *label = lq_ui_test_find_by_id (GTK_WIDGET (window->chain_panel), "target_label");

    g_assert_true (gtk_widget_get_visible (label));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    g_assert_null (lq_chain_panel_get_target_message (window->chain_panel));
    g_assert_false (gtk_widget_get_visible (label));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
    g_assert_nonnull (lq_chain_panel_get_target_message (window->chain_panel));
    g_assert_true (gtk_widget_get_visible (label));
  }

  dialog = open_export_dialog ();
  lq_export_dialog_set_output (dialog, tmpdir, "ui.flac");
  lq_export_dialog_get_options (dialog, &options);
  g_assert_true (lq_chain_params_equal (&options.chain, model_params ()));
  g_assert_true (options.has_target);
  g_assert_cmpfloat (options.target_lufs, ==, -14.0);
  g_assert_cmpint (options.format, ==, LQ_FILE_FORMAT_FLAC);
  lq_export_dialog_start (dialog);
  g_assert_true (lq_export_dialog_get_busy (dialog));
  lq_ui_test_wait_false (export_busy, dialog, 120);
  g_assert_null (lq_export_dialog_get_error (dialog));
  report = lq_export_dialog_get_report (dialog);
  g_assert_nonnull (report);
  g_test_message ("export: I %.2f LUFS, TP %.2f dBTP, gain %+.3f dB, limiting %.2f dB",
                  report->output.integrated_lufs, report->output.true_peak_dbtp,
                  report->gain_db, report->peak_limiting_db);
  g_assert_cmpfloat (fabs (report->output.integrated_lufs + 14.0), <=, 0.1);
  g_assert_cmpfloat (report->output.true_peak_dbtp, <=, -1.0);
  /* The chain already reached the target: the export's own search adds about nothing. */
  g_assert_cmpfloat (fabs (report->gain_db), <, 0.1);
  lq_ui_test_spin (0.5);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  if (g_getenv ("LQ_TEST_SAVE_PNG"))
    {
      g_autoptr(GdkTexture) texture = lq_ui_test_render (GTK_WIDGET (dialog));
      g_autofree char *file = g_strdup_printf ("%s/export-report.png",
                                               g_getenv ("LQ_TEST_SAVE_PNG"));
      gdk_texture_save_to_png (texture, file);
    }
  ui_path = lq_export_dialog_dup_output_path (dialog);

  /* The same chain and options through the command line. */
  {
    const char *args[] = {
      "--preset", "spotify", "--format", "flac", "--bits", "24", "--rate", "44100",
      "--dither", "tpdf", NULL,
    };

    assert_cli_renders_same (ui_path, &options.chain, "cli.flac", args);
  }

  lq_render_options_clear (&options);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The Metadata rows: a malformed ISRC is shown under them and stops the export; valid tags
 * are kept in the session and written into the file, as metaflac (not TagLib) reads them;
 * at 1024x600 the dialog's minimum still fits. */
static void
test_export_metadata (void)
{
  static const struct { const char *key, *text; } tags[] = {
    { "title", "Ünïcode “Song”" }, { "artist", "The Artist" }, { "album", "An Album" },
    { "track", "5" }, { "year", "2026" }, { "genre", "Jazz" }, { "isrc", "gb-aye-06-01498" },
    { "comment", "From the dialog" },
  };
  static const char *const expected[] = {
    "TITLE=Ünïcode “Song”", "ARTIST=The Artist", "ALBUM=An Album", "TRACKNUMBER=5",
    "DATE=2026", "GENRE=Jazz", "ISRC=GBAYE0601498", "COMMENT=From the dialog",
  };
  g_autofree char *metaflac = NULL;
  LqExportDialog *dialog;
  GtkEditable *isrc;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  const LqMetadata *kept;
  int status;

  ensure_window ();
  dialog = open_export_dialog ();
  {
    int min_w, min_h;

    gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_VERTICAL, -1, &min_h, NULL, NULL,
                        NULL);
    gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL,
                        NULL, NULL);
    g_test_message ("export dialog's minimum: %dx%d", min_w, min_h);
    g_assert_cmpint (min_w, <=, 1024);
    g_assert_cmpint (min_h, <=, 600);
  }
  lq_export_dialog_set_output (dialog, tmpdir, "tagged.flac");
  path = lq_export_dialog_dup_output_path (dialog);
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    gtk_editable_set_text (lq_export_dialog_get_tag_entry (dialog, tags[i].key), tags[i].text);
  g_assert_null (lq_export_dialog_get_metadata_error (dialog));

  /* The session keeps what was typed. */
  kept = lq_session_get_metadata (window->session);
  g_assert_cmpstr (kept->title, ==, "Ünïcode “Song”");
  g_assert_cmpuint (kept->track, ==, 5);
  g_assert_cmpstr (kept->isrc, ==, "GBAYE0601498");

  isrc = lq_export_dialog_get_tag_entry (dialog, "isrc");
  gtk_editable_set_text (isrc, "GB-AYE-06-0149");
  g_assert_nonnull (lq_export_dialog_get_metadata_error (dialog));
  g_test_message ("inline: %s", lq_export_dialog_get_metadata_error (dialog));
  g_assert_nonnull (strstr (lq_export_dialog_get_metadata_error (dialog), "ISRC"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (isrc), "error"));
  lq_export_dialog_start (dialog);
  g_assert_false (lq_export_dialog_get_busy (dialog));
  g_assert_nonnull (lq_export_dialog_get_error (dialog));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* An invalid ISRC never reaches the session (setting the text empties the row first,
   * which is valid: no ISRC). */
  kept = lq_session_get_metadata (window->session);
  g_assert_true (kept->isrc == NULL || g_str_equal (kept->isrc, "GBAYE0601498"));

  gtk_editable_set_text (isrc, "gb-aye-06-01498");
  g_assert_null (lq_export_dialog_get_metadata_error (dialog));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (isrc), "error"));
  g_assert_cmpstr (lq_session_get_metadata (window->session)->isrc, ==, "GBAYE0601498");
  lq_export_dialog_start (dialog);
  g_assert_true (lq_export_dialog_get_busy (dialog));
  lq_ui_test_wait_false (export_busy, dialog, 120);
  g_assert_null (lq_export_dialog_get_error (dialog));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A new export dialog starts from the session's tags. */
  dialog = open_export_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (lq_export_dialog_get_tag_entry (dialog, "isrc")), ==,
                   "GBAYE0601498");
  g_assert_cmpstr (gtk_editable_get_text (lq_export_dialog_get_tag_entry (dialog, "title")), ==,
                   "Ünïcode “Song”");
  gtk_window_destroy (GTK_WINDOW (dialog));

  if ((metaflac = g_find_program_in_path ("metaflac")) == NULL)
    {
      g_test_skip ("metaflac (flac) is not installed");
      return;
    }
  {
    const char *argv[] = { metaflac, "--export-tags-to=-", path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_test_message ("metaflac: %s", out);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_strv_contains ((const char *const *) lines, expected[i]));
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d))
    n++;
  return n;
}

static void
test_export_errors (void)
{
  LqExportDialog *dialog;
  g_autofree char *missing = g_build_filename (tmpdir, "no-such-folder", NULL);
  g_autofree char *not_dir = g_build_filename (tmpdir, "plain-file", NULL);
  g_autofree char *existing = g_build_filename (tmpdir, "exists.wav", NULL);
  g_autofree char *contents = NULL;
  guint before;

  ensure_window ();
  g_assert_true (g_file_set_contents (not_dir, "not a folder", -1, NULL));
  g_assert_true (g_file_set_contents (existing, "precious", -1, NULL));
  before = count_entries (tmpdir);

  /* A folder that does not exist. */
  dialog = open_export_dialog ();
  lq_export_dialog_set_output (dialog, missing, "master.wav");
  lq_export_dialog_start (dialog);
  lq_ui_test_wait_false (export_busy, dialog, 120);
  g_assert_nonnull (lq_export_dialog_get_error (dialog));
  g_test_message ("error: %s", lq_export_dialog_get_error (dialog));
  g_assert_nonnull (strstr (lq_export_dialog_get_error (dialog), "master.wav"));
  g_assert_null (lq_export_dialog_get_report (dialog));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* A "folder" that is a file (as root every folder is writable; this one is not). */
  lq_export_dialog_set_output (dialog, not_dir, "master.wav");
  lq_export_dialog_start (dialog);
  lq_ui_test_wait_false (export_busy, dialog, 120);
  g_assert_nonnull (lq_export_dialog_get_error (dialog));
  g_test_message ("error: %s", lq_export_dialog_get_error (dialog));
  g_assert_cmpuint (count_entries (tmpdir), ==, before);

  /* An existing file: asked first, untouched until the answer. */
  lq_export_dialog_set_output (dialog, tmpdir, "exists.wav");
  lq_export_dialog_start (dialog);
  g_assert_false (lq_export_dialog_get_busy (dialog));
  g_assert_nonnull (lq_export_dialog_get_question (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (lq_export_dialog_get_question (dialog)),
                               "cancel");
  g_assert_false (lq_export_dialog_get_busy (dialog));
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "precious");
  g_assert_cmpuint (count_entries (tmpdir), ==, before);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Progress below a fraction, read from the dialog's bar. */
typedef struct
{
  LqExportDialog *dialog;
  GtkProgressBar *bar;
  double          fraction;
} ProgressWait;

static gboolean
progress_below (gpointer data)
{
  ProgressWait *wait = data;

  g_assert_true (lq_export_dialog_get_busy (wait->dialog));
  return gtk_progress_bar_get_fraction (wait->bar) < wait->fraction;
}

/* Cancel mid-way leaves nothing (no master, no hidden temporary file), and the dialog can
 * export again; closing it mid-way leaves nothing either. A long generated mix, so the
 * render is still running when the cancel arrives. */
static void
test_export_cancel (void)
{
  g_autofree char *mix = g_build_filename (tmpdir, "long-mix.wav", NULL);
  g_autofree char *out = g_build_filename (tmpdir, "cancel-out", NULL);
  g_autofree char *master = g_build_filename (out, "long.wav", NULL);
  g_autoptr(GError) error = NULL;
  LqExportDialog *dialog;
  GtkWidget *cancel_button;
  GtkWidget *export_button;
  ProgressWait wait;
  gint64 t0;

  ensure_window ();
  t0 = g_get_monotonic_time ();
  g_assert_true (lq_demo_write_track (LQ_DEMO_TRACK_MIX, mix, 240.0, &error));
  g_assert_no_error (error);
  g_test_message ("generated a 240 s mix in %.2f s", (g_get_monotonic_time () - t0) / 1e6);
  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);

  dialog = lq_export_dialog_new (GTK_WINDOW (window), mix, model_params (), "spotify");
  lq_export_dialog_set_output (dialog, out, "long.wav");
  gtk_window_present (GTK_WINDOW (dialog));
  cancel_button = lq_ui_test_find_by_id (GTK_WIDGET (dialog), "cancel_button");
  export_button = lq_ui_test_find_by_id (GTK_WIDGET (dialog), "export_button");
  wait.dialog = dialog;
  wait.bar = GTK_PROGRESS_BAR (lq_ui_test_find_by_id (GTK_WIDGET (dialog), "progress_bar"));
  wait.fraction = 0.1;
  g_assert_nonnull (cancel_button);
  g_assert_nonnull (export_button);
  g_assert_nonnull (wait.bar);

  /* The Cancel button, once progress has reached the bar. */
  lq_export_dialog_start (dialog);
  g_assert_true (lq_export_dialog_get_busy (dialog));
  g_assert_false (gtk_widget_get_sensitive (export_button));
  lq_ui_test_wait_false (progress_below, &wait, 120);
  g_test_message ("cancelled at %.0f %%", 100.0 * gtk_progress_bar_get_fraction (wait.bar));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (wait.bar), <, 0.9);
  g_signal_emit_by_name (cancel_button, "clicked");
  lq_ui_test_wait_false (export_busy, dialog, 30);
  g_assert_cmpstr (lq_export_dialog_get_error (dialog), ==,
                   "Export cancelled; nothing was written.");
  g_assert_null (lq_export_dialog_get_report (dialog));
  g_assert_cmpuint (count_entries (out), ==, 0);
  g_assert_true (gtk_widget_get_sensitive (export_button));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     GTK_STACK (lq_ui_test_find_by_id (GTK_WIDGET (dialog), "stack"))),
                   ==, "settings");

  /* Usable again: the same export runs to the end, the bar full before the report. */
  t0 = g_get_monotonic_time ();
  lq_export_dialog_start (dialog);
  g_assert_true (lq_export_dialog_get_busy (dialog));
  lq_ui_test_wait_false (export_busy, dialog, 240);
  g_test_message ("full export of 240 s in %.2f s", (g_get_monotonic_time () - t0) / 1e6);
  g_assert_null (lq_export_dialog_get_error (dialog));
  g_assert_nonnull (lq_export_dialog_get_report (dialog));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (wait.bar), ==, 1.0);
  g_assert_true (g_file_test (master, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_entries (out), ==, 1);

  /* Closing the dialog mid-way cancels too, and its late callbacks raise no critical
   * (criticals are fatal here). */
  g_object_ref (dialog);
  lq_export_dialog_set_output (dialog, NULL, "closed.wav");
  lq_export_dialog_start (dialog);
  g_assert_true (lq_export_dialog_get_busy (dialog));
  wait.fraction = 0.05;
  lq_ui_test_wait_false (progress_below, &wait, 120);
  gtk_window_close (GTK_WINDOW (dialog));
  lq_ui_test_wait_false (export_busy, dialog, 30);
  lq_ui_test_spin (0.2);
  g_assert_cmpuint (count_entries (out), ==, 1);
  g_object_unref (dialog);
}

/* A second Reach Target while the first still searches replaces it: the chain gets the gain
 * for the chain of the second request, once (one undo step), and the first's result is
 * dropped. */
static void
test_reach_target_supersedes (void)
{
  LqUndoStack *undo;
  LqChainParams first, second, expected;
  LqRenderOptions options;
  LqRenderReport report;
  g_autoptr(GError) error = NULL;
  const char *mix;

  ensure_window ();
  undo = lq_chain_panel_get_undo_stack (window->chain_panel);
  g_assert_nonnull (undo);
  g_assert_true (activate ("chain.builtin", g_variant_new_string ("gentle-glue")));
  first = *model_params ();

  g_assert_true (activate ("chain.reach-target", NULL));
  g_assert_true (lq_chain_panel_get_busy (window->chain_panel));
  /* The chain changes while the first search runs; the second request is for this one. */
  {
    LqEqBand band = *lq_chain_model_get_band (window->chain, 2);

    band.gain_db = 4.0;
    lq_chain_model_set_band (window->chain, 2, &band);
    g_object_set (window->chain, "eq-bypass", FALSE, NULL);
  }
  second = *model_params ();
  g_assert_false (lq_chain_params_equal (&first, &second));
  g_assert_true (activate ("chain.reach-target", NULL));
  g_assert_true (lq_chain_panel_get_busy (window->chain_panel));
  lq_ui_test_wait_false (panel_busy, window->chain_panel, 120);
  lq_ui_test_spin (0.2);   /* anything late from the first search would land here */
  g_test_message ("reach target: %s", lq_chain_panel_get_target_message (window->chain_panel));

  /* What the render's search finds for the second chain, put where the panel puts it. */
  mix = lq_source_get_path (lq_source_set_get_mix (window->sources));
  lq_render_options_init (&options);
  lq_render_options_apply_preset (&options,
                                  lq_presets_lookup (lq_chain_panel_get_preset_id (
                                                       window->chain_panel)));
  options.chain = second;
  g_assert_true (lq_render_find_gain (mix, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  expected = second;
  lq_chain_params_apply_target_gain (&expected, report.gain_db, options.ceiling_dbtp);
  g_test_message ("gain for the second chain %+.3f dB", report.gain_db);
  g_assert_cmpfloat (fabs (report.gain_db), >, 0.05);
  g_assert_true (lq_chain_params_equal (model_params (), &expected));
  assert_player_hears_model ();

  /* One step: undo returns to the second chain exactly. */
  lq_undo_stack_undo (undo);
  g_assert_true (lq_chain_params_equal (model_params (), &second));
}

/* The limiting allowance is a control of the Reach Target flow too: the same setting as the
 * export's, sent with the search, and above the default it warns about the sound. An
 * allowance of 0 dB refuses a target that needs limiting (as the engine's own search does
 * with it), and the chain is left as it was; a generous one reaches it. */
static void
test_reach_target_allowance (void)
{
  GtkSpinButton *spin;
  GtkWidget *warning;
  LqChainParams before;
  LqRenderOptions options;
  LqRenderReport report;
  g_autoptr(GError) error = NULL;

  ensure_window ();
  spin = GTK_SPIN_BUTTON (lq_ui_test_find_by_id (GTK_WIDGET (window->chain_panel),
                                                 "limiting_spin"));
  warning = lq_ui_test_find_by_id (GTK_WIDGET (window->chain_panel), "limiting_warning");
  g_assert_nonnull (spin);
  g_assert_nonnull (warning);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==,
                     lq_settings_get_max_limiting (window->settings));
  g_object_set (window, "preset-id", "spotify", NULL);
  g_assert_true (activate ("chain.builtin", g_variant_new_string ("default")));
  before = *model_params ();

  /* The engine says the target takes some limiting. */
  lq_render_options_init (&options);
  lq_render_options_apply_preset (&options, lq_presets_lookup ("spotify"));
  options.chain = before;
  g_assert_true (lq_render_find_gain (lq_source_get_path (lq_source_set_get_mix (window->sources)),
                                      &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_test_message ("Spotify from the demo mix: %+.2f dB with %.2f dB of limiting", report.gain_db,
                  report.peak_limiting_db);
  g_assert_cmpfloat (report.peak_limiting_db, >, 0.1);

  /* None allowed: refused, with the reason, and the chain as it was. */
  gtk_spin_button_set_value (spin, 0.0);
  g_assert_cmpfloat (lq_settings_get_max_limiting (window->settings), ==, 0.0);
  g_assert_false (gtk_widget_get_visible (warning));
  g_assert_true (activate ("chain.reach-target", NULL));
  lq_ui_test_wait_false (panel_busy, window->chain_panel, 120);
  g_test_message ("allowance 0: %s", lq_chain_panel_get_target_message (window->chain_panel));
  g_assert_nonnull (strstr (lq_chain_panel_get_target_message (window->chain_panel),
                            "limiting"));
  g_assert_true (lq_chain_params_equal (model_params (), &before));

  /* Generous: warned about, and reached. */
  gtk_spin_button_set_value (spin, 12.0);
  g_assert_true (gtk_widget_get_visible (warning));
  g_assert_true (activate ("chain.reach-target", NULL));
  lq_ui_test_wait_false (panel_busy, window->chain_panel, 120);
  g_assert_false (lq_chain_params_equal (model_params (), &before));

  gtk_spin_button_set_value (spin, LQ_RENDER_DEFAULT_MAX_LIMITING_DB);
  g_assert_false (gtk_widget_get_visible (warning));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (lq_chain_params_equal (model_params (), &before));
}

/* The Custom target in the window: offered last in the meter's target menu, with the numbers
 * the export dialog edits (the settings), which become the session's; choosing it sets the
 * ceiling, the loudness graph's target line, and what Reach Target aims at, exactly what
 * `lacquer render --target-lufs X --ceiling-dbtp Y` takes. */
static void
test_custom_target (void)
{
  GtkDropDown *menu;
  GListModel *items;
  guint n_presets;
  LqChainParams before, expected;
  LqRenderOptions options;
  LqRenderReport report;
  g_autoptr(GError) error = NULL;
  double lufs, ceiling;

  ensure_window ();
  lq_presets_get_all (&n_presets);
  menu = GTK_DROP_DOWN (lq_ui_test_find_by_id (GTK_WIDGET (window->meter_panel),
                                               "target_dropdown"));
  items = gtk_drop_down_get_model (menu);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, n_presets + 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), n_presets), ==,
                   "Custom");
  g_object_set (window, "preset-id", "spotify", NULL);
  g_assert_true (activate ("chain.builtin", g_variant_new_string ("default")));

  /* As the export dialog's fields would. */
  g_object_set (window->settings, "custom-target-lufs", -12.5, "custom-ceiling-dbtp", -0.6, NULL);
  lq_session_get_custom_target (window->session, &lufs, &ceiling);
  g_assert_cmpfloat (lufs, ==, -12.5);
  g_assert_cmpfloat (ceiling, ==, -0.6);

  gtk_drop_down_set_selected (menu, n_presets);
  g_assert_cmpstr (lq_session_get_target (window->session), ==, "custom");
  g_assert_cmpstr (lq_meter_panel_get_preset_id (window->meter_panel), ==, "custom");
  g_assert_cmpfloat_with_epsilon (model_params ()->lim.ceiling_db, -0.6, 1e-9);
  g_assert_cmpfloat (lq_loudness_graph_get_target_lufs (window->loudness_graph), ==, -12.5);
  before = *model_params ();

  g_assert_true (activate ("chain.reach-target", NULL));
  lq_ui_test_wait_false (panel_busy, window->chain_panel, 120);
  g_test_message ("custom: %s", lq_chain_panel_get_target_message (window->chain_panel));
  lq_render_options_init (&options);
  options.has_target = TRUE;
  options.target_lufs = -12.5;     /* --target-lufs -12.5 */
  options.ceiling_dbtp = -0.6;     /* --ceiling-dbtp -0.6 */
  options.chain = before;
  g_assert_true (lq_render_find_gain (lq_source_get_path (lq_source_set_get_mix (window->sources)),
                                      &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  expected = before;
  lq_chain_params_apply_target_gain (&expected, report.gain_db, options.ceiling_dbtp);
  g_assert_true (lq_chain_params_equal (model_params (), &expected));

  /* Its numbers changed from the dialog while chosen: the ceiling follows. */
  g_object_set (window->settings, "custom-ceiling-dbtp", -0.8, NULL);
  g_assert_cmpfloat_with_epsilon (model_params ()->lim.ceiling_db, -0.8, 1e-9);

  /* Exported as Custom, it is what the command line renders with those numbers. */
  {
    LqExportDialog *dialog = open_export_dialog ();
    LqRenderOptions export;
    g_autofree char *ui_path = NULL;
    const char *args[] = {
      "--target-lufs", "-12.5", "--ceiling-dbtp", "-0.8", "--format", "flac", "--bits", "24",
      "--dither", "tpdf", NULL,
    };

    lq_export_dialog_set_output (dialog, tmpdir, "custom-ui.flac");
    lq_export_dialog_get_options (dialog, &export);
    g_assert_true (export.has_target);
    g_assert_cmpfloat (export.target_lufs, ==, -12.5);
    g_assert_cmpfloat (export.ceiling_dbtp, ==, -0.8);
    g_assert_cmpint (export.format, ==, LQ_FILE_FORMAT_FLAC);
    lq_export_dialog_start (dialog);
    lq_ui_test_wait_false (export_busy, dialog, 120);
    g_assert_null (lq_export_dialog_get_error (dialog));
    g_test_message ("custom export: I %.2f LUFS, TP %.2f dBTP",
                    lq_export_dialog_get_report (dialog)->output.integrated_lufs,
                    lq_export_dialog_get_report (dialog)->output.true_peak_dbtp);
    ui_path = lq_export_dialog_dup_output_path (dialog);
    assert_cli_renders_same (ui_path, &export.chain, "custom-cli.flac", args);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  g_object_set (window, "preset-id", "spotify", NULL);
  g_assert_cmpuint (gtk_drop_down_get_selected (menu), ==, 0);
}

static void
test_panel_draws (void)
{
  g_autoptr(GdkTexture) texture = NULL;
  GtkWidget *curve;

  ensure_window ();
  gtk_stack_set_visible_child_name (window->view_stack, "chain");
  g_assert_true (activate ("chain.builtin", g_variant_new_string ("loud-modern")));
  lq_chain_panel_set_gain_reduction (window->chain_panel, 2.5, 0.8);
  lq_ui_test_spin (0.5);   /* the stacks' crossfades */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  curve = GTK_WIDGET (lq_chain_panel_get_eq_curve (window->chain_panel));
  texture = lq_ui_test_render (curve);
  g_assert_cmpuint (lq_ui_test_count_ink (texture), >, (guint) gtk_widget_get_width (curve) * 10);
  if (g_getenv ("LQ_TEST_SAVE_PNG"))
    {
      g_autoptr(GdkTexture) all = lq_ui_test_render (GTK_WIDGET (window));
      g_autofree char *file = g_strdup_printf ("%s/chain-window.png",
                                               g_getenv ("LQ_TEST_SAVE_PNG"));
      gdk_texture_save_to_png (all, file);
    }
}

static void
rm_rf (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        rm_rf (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  lq_ui_test_init (&argc, &argv);

  tmpdir = g_dir_make_tmp ("lacquer-chain-XXXXXX", &error);
  g_assert_no_error (error);
  app = lq_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app))
                           | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  g_test_add_func ("/ui/chain/actions-reach-player", test_actions_reach_player);
  g_test_add_func ("/ui/chain/hear-mix-master", test_hear_mix_master);
  g_test_add_func ("/ui/chain/bypassed-stage", test_bypassed_stage);
  g_test_add_func ("/ui/chain/keys-after-field", test_keys_after_field);
  g_test_add_func ("/ui/chain/handles-inside-plot", test_handles_inside_plot);
  g_test_add_func ("/ui/chain/stable-widths", test_stable_widths);
  g_test_add_func ("/ui/chain/reachable-1024x600", test_reachable_small);
  g_test_add_func ("/ui/chain/undo-redo", test_undo_redo);
  g_test_add_func ("/ui/chain/band-slope", test_band_slope);
  g_test_add_func ("/ui/chain/drag-is-one-step", test_drag_is_one_step);
  g_test_add_func ("/ui/chain/scroll-is-one-step", test_scroll_is_one_step);
  g_test_add_func ("/ui/chain/panel-draws", test_panel_draws);
  g_test_add_func ("/ui/session/round-trip", test_session_round_trip);
  g_test_add_func ("/ui/session/missing-files", test_missing_files);
  g_test_add_func ("/ui/export/equals-cli", test_export_equals_cli);
  g_test_add_func ("/ui/export/errors", test_export_errors);
  g_test_add_func ("/ui/export/cancel", test_export_cancel);
  g_test_add_func ("/ui/export/metadata", test_export_metadata);
  g_test_add_func ("/ui/chain/reach-target-supersedes", test_reach_target_supersedes);
  g_test_add_func ("/ui/chain/reach-target-allowance", test_reach_target_allowance);
  g_test_add_func ("/ui/chain/custom-target", test_custom_target);

  ret = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&player);
  g_object_unref (app);
  rm_rf (tmpdir);
  g_free (tmpdir);
  return ret;
}
