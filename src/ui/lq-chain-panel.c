/* lq-chain-panel.c
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

#include "lq-chain-json.h"
#include "lq-chain-panel.h"
#include "lq-chain-presets.h"
#include "lq-file-pick.h"
#include "lq-gr-history.h"
#include "lq-presets.h"
#include "lq-render.h"
#include "lq-truepeak.h"

/* "Reach Target" runs the render's gain search on the mix and puts the gain it finds into the
 * chain with lq_chain_params_apply_target_gain (lq-chain-params.c says where and why). */

struct _LqChainPanel
{
  AdwBin              parent_instance;

  LqUndoStack        *undo;
  LqChainModel       *model;
  LqSourceSet        *sources;
  char               *preset_id;
  LqPreset            custom;       /* the Custom target (the session's numbers) */
  GSimpleActionGroup *actions;
  GCancellable       *reach_cancellable;
  char               *target_message;
  LqChainParams       target_params;   /* the chain target_message speaks of */
  gboolean            syncing;
  /* What the model held before its last change: tells which stage an edit touched. */
  LqChainParams       last;

  /* template */
  GtkFlowBox         *stages;
  GtkWidget          *eq_card;
  GtkWidget          *comp_card;
  GtkWidget          *lim_card;
  GtkSwitch          *eq_switch;
  GtkSwitch          *comp_switch;
  GtkSwitch          *lim_switch;
  GtkWidget          *eq_state;
  GtkWidget          *comp_state;
  GtkWidget          *lim_state;
  GtkRevealer        *eq_offer;
  GtkRevealer        *comp_offer;
  GtkRevealer        *lim_offer;
  LqEqCurve          *eq_curve;
  GtkLabel           *band_label;
  GtkDropDown        *band_type;
  GtkDropDown        *band_slope;
  GtkSpinButton      *band_freq;
  GtkSpinButton      *band_gain;
  GtkSpinButton      *band_q;
  GtkCheckButton     *band_bypass;
  GtkDropDown        *band_channels;
  GtkSpinButton      *comp_threshold;
  GtkSpinButton      *comp_ratio;
  GtkSpinButton      *comp_knee;
  GtkSpinButton      *comp_makeup;
  GtkSpinButton      *comp_attack;
  GtkSpinButton      *comp_release;
  GtkSpinButton      *comp_hpf;
  GtkLevelBar        *comp_gr_bar;
  GtkLabel           *comp_gr_label;
  GtkSpinButton      *lim_ceiling;
  GtkSpinButton      *lim_lookahead;
  GtkSpinButton      *lim_release;
  GtkLevelBar        *lim_gr_bar;
  GtkLabel           *lim_gr_label;
  LqGrHistory        *gr_history;
  GtkLabel           *lim_tp_label;
  GtkSpinButton      *width;
  GtkSpinButton      *input_gain;
  GtkSpinButton      *output_gain;
  GtkSpinner         *reach_spinner;
  GtkSpinButton      *limiting_spin;
  GtkLabel           *limiting_warning;
  GtkLabel           *target_label;
  GtkLabel           *preset_label;
  GtkMenuButton      *snapshots_button;
};

G_DEFINE_FINAL_TYPE (LqChainPanel, lq_chain_panel, ADW_TYPE_BIN)

/* The delivery target chosen (a built-in one or the Custom one), or NULL. */
static const LqPreset *
target_preset (LqChainPanel *self)
{
  return self->preset_id ? lq_presets_lookup_with_custom (self->preset_id, &self->custom) : NULL;
}

enum {
  PROP_0,
  PROP_UNDO_STACK,
  PROP_SOURCES,
  PROP_PRESET_ID,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The spin buttons, each configured from the table and, for the chain-wide parameters,
 * bound to the model's property. */
static const struct
{
  LqChainParamId id;
  gsize          offset;
} spins[] = {
  { LQ_CHAIN_PARAM_BAND_FREQ, G_STRUCT_OFFSET (LqChainPanel, band_freq) },
  { LQ_CHAIN_PARAM_BAND_GAIN_DB, G_STRUCT_OFFSET (LqChainPanel, band_gain) },
  { LQ_CHAIN_PARAM_BAND_Q, G_STRUCT_OFFSET (LqChainPanel, band_q) },
  { LQ_CHAIN_PARAM_COMP_THRESHOLD_DB, G_STRUCT_OFFSET (LqChainPanel, comp_threshold) },
  { LQ_CHAIN_PARAM_COMP_RATIO, G_STRUCT_OFFSET (LqChainPanel, comp_ratio) },
  { LQ_CHAIN_PARAM_COMP_KNEE_DB, G_STRUCT_OFFSET (LqChainPanel, comp_knee) },
  { LQ_CHAIN_PARAM_COMP_MAKEUP_DB, G_STRUCT_OFFSET (LqChainPanel, comp_makeup) },
  { LQ_CHAIN_PARAM_COMP_ATTACK_MS, G_STRUCT_OFFSET (LqChainPanel, comp_attack) },
  { LQ_CHAIN_PARAM_COMP_RELEASE_MS, G_STRUCT_OFFSET (LqChainPanel, comp_release) },
  { LQ_CHAIN_PARAM_COMP_SIDECHAIN_HPF_HZ, G_STRUCT_OFFSET (LqChainPanel, comp_hpf) },
  { LQ_CHAIN_PARAM_LIMITER_CEILING_DB, G_STRUCT_OFFSET (LqChainPanel, lim_ceiling) },
  { LQ_CHAIN_PARAM_LIMITER_LOOKAHEAD_MS, G_STRUCT_OFFSET (LqChainPanel, lim_lookahead) },
  { LQ_CHAIN_PARAM_LIMITER_RELEASE_MS, G_STRUCT_OFFSET (LqChainPanel, lim_release) },
  { LQ_CHAIN_PARAM_INPUT_GAIN_DB, G_STRUCT_OFFSET (LqChainPanel, input_gain) },
  { LQ_CHAIN_PARAM_OUTPUT_GAIN_DB, G_STRUCT_OFFSET (LqChainPanel, output_gain) },
  { LQ_CHAIN_PARAM_WIDTH, G_STRUCT_OFFSET (LqChainPanel, width) },
};

static GtkSpinButton *
spin_at (LqChainPanel *self,
         guint         i)
{
  return G_STRUCT_MEMBER (GtkSpinButton *, self, spins[i].offset);
}

static GtkWindow *
parent_window (LqChainPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
set_status (LqChainPanel *self,
            GtkLabel     *label,
            const char   *text,
            gboolean      error)
{
  gtk_label_set_label (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

/* ---- band controls ---- */

static void
sync_band (LqChainPanel *self)
{
  int band = lq_eq_curve_get_selected_band (self->eq_curve);
  guint n = self->model ? lq_chain_model_get_n_bands (self->model) : 0;
  gboolean have = band >= 0 && (guint) band < n;
  GtkWidget *widgets[] = {
    GTK_WIDGET (self->band_type), GTK_WIDGET (self->band_slope), GTK_WIDGET (self->band_freq),
    GTK_WIDGET (self->band_gain), GTK_WIDGET (self->band_q), GTK_WIDGET (self->band_bypass),
    GTK_WIDGET (self->band_channels),
  };

  self->syncing = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    gtk_widget_set_sensitive (widgets[i], have);
  if (have)
    {
      const LqEqBand *b = lq_chain_model_get_band (self->model, (guint) band);
      g_autofree char *text = g_strdup_printf (_("Band %d"), band + 1);
      gboolean pass = b->type == LQ_EQ_BAND_HIGH_PASS || b->type == LQ_EQ_BAND_LOW_PASS;

      gtk_label_set_label (self->band_label, text);
      gtk_drop_down_set_selected (self->band_type, (guint) b->type);
      gtk_drop_down_set_selected (self->band_slope, b->slope_db == 24 ? 1 : 0);
      gtk_spin_button_set_value (self->band_freq, b->freq);
      gtk_spin_button_set_value (self->band_gain, b->gain_db);
      gtk_spin_button_set_value (self->band_q, b->q);
      gtk_check_button_set_active (self->band_bypass, b->bypass);
      gtk_drop_down_set_selected (self->band_channels, (guint) b->channels);
      gtk_widget_set_sensitive (GTK_WIDGET (self->band_gain), !pass);
      /* Only the passes have a slope. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->band_slope), pass);
      /* A 24 dB/oct pass is a fixed Butterworth: no Q. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->band_q), !(pass && b->slope_db == 24));
    }
  else
    gtk_label_set_label (self->band_label, _("No band"));
  self->syncing = FALSE;

  if (self->actions != NULL)
    {
      GAction *add = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "add-band");
      GAction *remove = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "remove-band");

      g_simple_action_set_enabled (G_SIMPLE_ACTION (add), n < LQ_EQ_MAX_BANDS);
      g_simple_action_set_enabled (G_SIMPLE_ACTION (remove), have);
    }
}

/* A dropdown is as wide as its widest item, whichever is selected, so that selecting
 * another band (a peak, then a high shelf) does not shift the panel's columns. Measured
 * once styled, with the theme's own padding. */
static void
lq_chain_panel_dropdown_realize_cb (GtkDropDown  *dropdown,
                                    LqChainPanel *self)
{
  gboolean was_syncing = self->syncing;
  guint n = g_list_model_get_n_items (gtk_drop_down_get_model (dropdown));
  guint selected = gtk_drop_down_get_selected (dropdown);
  int widest = 0;

  /* Not an edit of the band. */
  self->syncing = TRUE;
  for (guint i = 0; i < n; i++)
    {
      int natural;

      gtk_drop_down_set_selected (dropdown, i);
      gtk_widget_measure (GTK_WIDGET (dropdown), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural,
                          NULL, NULL);
      widest = MAX (widest, natural);
    }
  gtk_drop_down_set_selected (dropdown, selected);
  self->syncing = was_syncing;
  gtk_widget_set_size_request (GTK_WIDGET (dropdown), widest, -1);
}

static void
lq_chain_panel_band_edited_cb (LqChainPanel *self)
{
  int band = lq_eq_curve_get_selected_band (self->eq_curve);
  LqEqBand b;

  if (self->syncing || self->model == NULL || band < 0
      || (guint) band >= lq_chain_model_get_n_bands (self->model))
    return;
  b = *lq_chain_model_get_band (self->model, (guint) band);
  b.type = (LqEqBandType) gtk_drop_down_get_selected (self->band_type);
  b.slope_db = gtk_drop_down_get_selected (self->band_slope) == 1 ? 24 : 12;
  b.freq = gtk_spin_button_get_value (self->band_freq);
  b.gain_db = gtk_spin_button_get_value (self->band_gain);
  b.q = gtk_spin_button_get_value (self->band_q);
  b.bypass = gtk_check_button_get_active (self->band_bypass);
  b.channels = (LqEqChannels) gtk_drop_down_get_selected (self->band_channels);
  lq_chain_model_set_band (self->model, (guint) band, &b);
}

/* ---- stages: on/off, and the offer to turn a bypassed one on ---- */

typedef enum
{
  STAGE_EQ,
  STAGE_COMP,
  STAGE_LIM,
} Stage;

static const struct
{
  const char *name;       /* the target of chain.enable-stage */
  const char *property;   /* the model's bypass property */
  gsize       card;
  gsize       state;
  gsize       offer;
  gsize       sw;
} stages[] = {
  { "eq", "eq-bypass", G_STRUCT_OFFSET (LqChainPanel, eq_card),
    G_STRUCT_OFFSET (LqChainPanel, eq_state), G_STRUCT_OFFSET (LqChainPanel, eq_offer),
    G_STRUCT_OFFSET (LqChainPanel, eq_switch) },
  { "comp", "comp-bypass", G_STRUCT_OFFSET (LqChainPanel, comp_card),
    G_STRUCT_OFFSET (LqChainPanel, comp_state), G_STRUCT_OFFSET (LqChainPanel, comp_offer),
    G_STRUCT_OFFSET (LqChainPanel, comp_switch) },
  { "lim", "limiter-bypass", G_STRUCT_OFFSET (LqChainPanel, lim_card),
    G_STRUCT_OFFSET (LqChainPanel, lim_state), G_STRUCT_OFFSET (LqChainPanel, lim_offer),
    G_STRUCT_OFFSET (LqChainPanel, lim_switch) },
};

static gboolean
stage_bypassed (const LqChainParams *p,
                Stage                stage)
{
  return stage == STAGE_EQ ? p->eq.bypass : stage == STAGE_COMP ? p->comp.bypass
                                                                 : p->lim.bypass;
}

/* Whether anything of the stage differs between a and b, by the parameter table. */
static gboolean
stage_differs (const LqChainParams *a,
               const LqChainParams *b,
               Stage                stage)
{
  LqChainParams mixed = *a;

  if (stage == STAGE_EQ)
    mixed.eq = b->eq;
  else if (stage == STAGE_COMP)
    mixed.comp = b->comp;
  else
    mixed.lim = b->lim;
  return !lq_chain_params_equal (&mixed, a);
}

/* A bypassed stage is dimmed and says so. A stage edited while it stays bypassed offers to
 * turn it on, since the edit is not heard; turning it on withdraws the offer. */
static void
sync_stages (LqChainPanel *self,
             gboolean      after_edit)
{
  const LqChainParams *now = lq_chain_model_get_params (self->model);

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      gboolean off = stage_bypassed (now, (Stage) i);
      GtkWidget *card = G_STRUCT_MEMBER (GtkWidget *, self, stages[i].card);
      GtkRevealer *offer = G_STRUCT_MEMBER (GtkRevealer *, self, stages[i].offer);

      if (off)
        gtk_widget_add_css_class (card, "bypassed");
      else
        gtk_widget_remove_css_class (card, "bypassed");
      gtk_widget_set_visible (G_STRUCT_MEMBER (GtkWidget *, self, stages[i].state), off);
      if (!off)
        gtk_revealer_set_reveal_child (offer, FALSE);
      else if (after_edit && stage_bypassed (&self->last, (Stage) i)
               && stage_differs (&self->last, now, (Stage) i))
        gtk_revealer_set_reveal_child (offer, TRUE);
    }
  self->last = *now;
}

static void
enable_stage_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  LqChainPanel *self = user_data;
  const char *name = g_variant_get_string (param, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    if (g_str_equal (name, stages[i].name) && self->model != NULL)
      g_object_set (self->model, stages[i].property, FALSE, NULL);
}

/* The Reach Target message is about one chain: it shows while the chain is that one, so an
 * undo (or any edit) hides it and a redo back to it shows it again. */
static void
update_target_message (LqChainPanel *self)
{
  if (self->reach_cancellable != NULL || self->target_message == NULL || self->model == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->target_label),
                          lq_chain_params_equal (&self->target_params,
                                                 lq_chain_model_get_params (self->model)));
}

static void
show_target_message (LqChainPanel *self,
                     const char   *text,
                     gboolean      error)
{
  g_free (self->target_message);
  self->target_message = g_strdup (text);
  self->target_params = *lq_chain_model_get_params (self->model);
  set_status (self, self->target_label, text, error);
}

static void
lq_chain_panel_model_changed_cb (LqChainPanel *self,
                                 LqChainModel *model)
{
  sync_band (self);
  sync_stages (self, TRUE);
  update_target_message (self);
}

/* ---- number fields and the window's keys ---- */

/* Enter or Escape commits the field and hands the focus back to the window, so that the
 * next single-key shortcut (1 … 9, M, X, L, H) reaches the window instead of the field. A
 * letter, which no number has, does the same and is then handled as the window's key:
 * it never lands in, or clears, a parameter. Digits typed while the field has the focus
 * are an edit of the number, as in any entry. */
static gboolean
lq_chain_panel_spin_key_pressed_cb (GtkEventControllerKey *controller,
                                    guint                  keyval,
                                    guint                  keycode,
                                    GdkModifierType        state,
                                    gpointer               user_data)
{
  GtkWidget *spin = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkRoot *root = gtk_widget_get_root (spin);
  gboolean commit = keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter
                    || keyval == GDK_KEY_ISO_Enter || keyval == GDK_KEY_Escape;
  gboolean shortcut = (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) == 0
                      && g_unichar_isalpha (gdk_keyval_to_unicode (keyval));

  if (!commit && !shortcut)
    return FALSE;
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  if (root != NULL)
    {
      gtk_root_set_focus (root, NULL);
      if (shortcut)
        gtk_event_controller_key_forward (controller, GTK_WIDGET (root));
    }
  return TRUE;
}

static void
lq_chain_panel_curve_edit_begin_cb (LqChainPanel *self,
                                    LqEqCurve    *curve)
{
  if (self->undo)
    lq_undo_stack_begin_group (self->undo);
}

static void
lq_chain_panel_curve_edit_end_cb (LqChainPanel *self,
                                  LqEqCurve    *curve)
{
  if (self->undo)
    lq_undo_stack_end_group (self->undo);
}

/* ---- actions ---- */

static void
add_band_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  LqChainPanel *self = user_data;
  int band = lq_chain_model_add_band (self->model, 1000.0);

  if (band >= 0)
    lq_eq_curve_set_selected_band (self->eq_curve, band);
  sync_band (self);
}

static void
remove_band_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  LqChainPanel *self = user_data;
  int band = lq_eq_curve_get_selected_band (self->eq_curve);

  if (band < 0 || (guint) band >= lq_chain_model_get_n_bands (self->model))
    return;
  lq_chain_model_remove_band (self->model, (guint) band);
  lq_eq_curve_set_selected_band (self->eq_curve,
                                 MIN (band, (int) lq_chain_model_get_n_bands (self->model) - 1));
  sync_band (self);
}

static void
lq_chain_panel_sources_notify_cb (LqChainPanel *self)
{
  gboolean have = self->sources != NULL && !lq_source_set_is_empty (self->sources);
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "reach-target");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), have);
  lq_eq_curve_set_source (self->eq_curve,
                          have ? lq_source_set_get_selected (self->sources) : NULL);
}

static void
builtin_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  LqChainPanel *self = user_data;
  const char *id = g_variant_get_string (param, NULL);
  g_autoptr(GError) error = NULL;
  LqChainParams params;
  const LqChainPreset *preset;

  if (g_str_equal (id, "default"))
    {
      lq_chain_params_init_default (&params);
      lq_chain_model_set_params (self->model, &params);
      set_status (self, self->preset_label,
                  _("Defaults: a flat EQ and a 1:1 compressor, on and changing nothing; "
                    "the limiter at −1 dBTP."), FALSE);
      return;
    }
  preset = lq_chain_presets_lookup (id);
  if (preset == NULL || !lq_chain_presets_load (id, &params, &error))
    {
      set_status (self, self->preset_label, error ? error->message : id, TRUE);
      return;
    }
  /* A preset is a sound; the delivery target's ceiling stays. */
  {
    const LqPreset *target = target_preset (self);

    if (target != NULL && isfinite (target->ceiling_dbtp))
      params.lim.ceiling_db = target->ceiling_dbtp;
  }
  lq_chain_model_set_params (self->model, &params);
  {
    g_autofree char *text = g_strdup_printf ("%s: %s", _(preset->name), _(preset->description));

    set_status (self, self->preset_label, text, FALSE);
  }
}

static void
load_picked (GFile    *file,
             gpointer  user_data)
{
  LqChainPanel *self = user_data;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;
  LqChainParams params;

  if (path == NULL)
    return;
  if (!lq_chain_params_from_json_file (path, &params, &error))
    {
      set_status (self, self->preset_label, error->message, TRUE);
      return;
    }
  lq_chain_model_set_params (self->model, &params);
  {
    g_autofree char *base = g_path_get_basename (path);
    g_autofree char *display = g_filename_display_name (base);
    /* Translators: %s is a file name */
    g_autofree char *text = g_strdup_printf (_("Loaded %s."), display);

    set_status (self, self->preset_label, text, FALSE);
  }
}

static void
save_picked (GFile    *file,
             gpointer  user_data)
{
  LqChainPanel *self = user_data;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (path == NULL)
    return;
  data = lq_chain_params_to_json_data (lq_chain_model_get_params (self->model), &length);
  if (!g_file_set_contents_full (path, data, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0644, &error))
    set_status (self, self->preset_label, error->message, TRUE);
  else
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *display = g_filename_display_name (base);
      /* Translators: %s is a file name */
      g_autofree char *text =
        g_strdup_printf (_("Saved %s; “lacquer render --chain” reads it."), display);

      set_status (self, self->preset_label, text, FALSE);
    }
}

static void
pick_preset (LqChainPanel   *self,
             LqFilePickMode  mode)
{
  static const char *const suffixes[] = { "json", NULL };
  g_autoptr(GtkFileFilter) filter = lq_file_filter_new (_("Chain Presets"), suffixes);

  lq_file_pick (parent_window (self), mode,
                mode == LQ_FILE_PICK_OPEN ? _("Load Chain Preset") : _("Save Chain Preset"),
                mode == LQ_FILE_PICK_SAVE ? _("chain.json") : NULL, NULL, filter,
                mode == LQ_FILE_PICK_OPEN ? load_picked : save_picked, g_object_ref (self),
                g_object_unref);
}

static void
load_preset_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  pick_preset (user_data, LQ_FILE_PICK_OPEN);
}

static void
save_preset_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  pick_preset (user_data, LQ_FILE_PICK_SAVE);
}

/* ---- reach target ---- */

/* One search in flight. A second request cancels it and takes its place; the cancelled
 * search's callback then finds a different cancellable in the panel and changes nothing. */
typedef struct
{
  LqChainPanel *self;
  GCancellable *cancellable;
  double        target_lufs;
  double        ceiling_dbtp;
} ReachRequest;

static void
reach_request_free (ReachRequest *request)
{
  g_object_unref (request->self);
  g_object_unref (request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReachRequest, reach_request_free)

static void
set_busy (LqChainPanel *self,
          GCancellable *cancellable)
{
  g_set_object (&self->reach_cancellable, cancellable);
  gtk_spinner_set_spinning (self->reach_spinner, cancellable != NULL);
  if (self->sources != NULL)
    lq_chain_panel_sources_notify_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static void
reach_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ReachRequest) request = user_data;
  LqChainPanel *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  LqRenderReport report;
  gboolean ok = lq_render_find_gain_finish (result, &report, &error);

  /* Superseded, or the panel went away. */
  if (request->cancellable != self->reach_cancellable || self->model == NULL)
    return;
  set_busy (self, NULL);
  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_target_message (self, error->message, TRUE);
      return;
    }

  {
    LqChainParams params = *lq_chain_model_get_params (self->model);
    LqTargetGainStage stage =
      lq_chain_params_apply_target_gain (&params, report.gain_db, request->ceiling_dbtp);
    const LqPreset *preset = target_preset (self);

    /* One model change: one undo step. */
    lq_chain_model_set_params (self->model, &params);
    if (stage == LQ_TARGET_GAIN_MAKEUP)
      /* Translators: "+3.2 dB on the compressor's makeup: …" */
      text = g_strdup_printf (_("%+.1f dB on the compressor’s makeup reaches %.1f LUFS (%s) with "
                                "%.1f dB of peak limiting."),
                              report.gain_db, request->target_lufs,
                              preset ? _(preset->label) : "", report.peak_limiting_db);
    else
      text = g_strdup_printf (_("%+.1f dB on the input gain reaches %.1f LUFS (%s) with %.1f dB "
                                "of peak limiting."),
                              report.gain_db, request->target_lufs,
                              preset ? _(preset->label) : "", report.peak_limiting_db);
  }
  show_target_message (self, text, FALSE);
}

/* Beyond the default allowance most music audibly suffers: say so beside the control. */
static void
lq_chain_panel_limiting_changed_cb (LqChainPanel *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->limiting_warning),
                          gtk_spin_button_get_value (self->limiting_spin)
                          > LQ_RENDER_DEFAULT_MAX_LIMITING_DB + 1e-9);
}

/* Runs the render's own gain search in the engine; a search already running is cancelled
 * and replaced, so the result is always for the chain of the latest request. */
static void
reach_target_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  LqChainPanel *self = user_data;
  LqSource *mix = self->sources ? lq_source_set_get_mix (self->sources) : NULL;
  const LqPreset *preset = target_preset (self);
  g_autoptr(GCancellable) cancellable = NULL;
  LqRenderOptions options;
  ReachRequest *request;

  if (mix == NULL || preset == NULL)
    return;
  if (!lq_preset_has_target (preset))
    {
      set_status (self, self->target_label,
                  _("“As mastered” keeps the master’s loudness: there is no target to reach."),
                  TRUE);
      return;
    }
  if (self->reach_cancellable != NULL)
    g_cancellable_cancel (self->reach_cancellable);
  lq_render_options_init (&options);
  lq_render_options_apply_preset (&options, preset);
  options.chain = *lq_chain_model_get_params (self->model);
  options.max_limiting_db = gtk_spin_button_get_value (self->limiting_spin);

  cancellable = g_cancellable_new ();
  set_busy (self, cancellable);
  g_clear_pointer (&self->target_message, g_free);
  set_status (self, self->target_label, _("Searching the gain…"), FALSE);
  request = g_new0 (ReachRequest, 1);
  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (cancellable);
  request->target_lufs = options.target_lufs;
  request->ceiling_dbtp = options.ceiling_dbtp;
  lq_render_find_gain_async (lq_source_get_path (mix), &options, cancellable, NULL, NULL,
                             reach_done_cb, request);
}

/* ---- GObject ---- */

static void
set_model (LqChainPanel *self,
           LqChainModel *model)
{
  static const char *const bypasses[][2] = {
    { "bypass-eq", "eq-bypass" },
    { "bypass-comp", "comp-bypass" },
    { "bypass-limiter", "limiter-bypass" },
  };

  g_assert (self->model == NULL);

  self->model = g_object_ref (model);
  for (guint i = 0; i < G_N_ELEMENTS (bypasses); i++)
    {
      g_autoptr(GPropertyAction) action = g_property_action_new (bypasses[i][0], model,
                                                                 bypasses[i][1]);

      g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (action));
    }
  /* The band's spin buttons follow the selected band instead (sync_band). */
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      const char *property = lq_chain_param_get (spins[i].id)->property;

      if (property != NULL)
        g_object_bind_property (model, property, spin_at (self, i), "value",
                                G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
    }
  /* A switch is on when its stage is: the inverse of the bypass. */
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    g_object_bind_property (model, stages[i].property,
                            G_STRUCT_MEMBER (GtkSwitch *, self, stages[i].sw), "active",
                            G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL
                            | G_BINDING_INVERT_BOOLEAN);
  g_signal_connect_object (model, "changed", G_CALLBACK (lq_chain_panel_model_changed_cb), self,
                           G_CONNECT_SWAPPED);
  lq_eq_curve_set_model (self->eq_curve, model);
  if (lq_chain_model_get_n_bands (model) > 0)
    lq_eq_curve_set_selected_band (self->eq_curve,
                                   MIN (2, (int) lq_chain_model_get_n_bands (model) - 1));
  sync_band (self);
  self->last = *lq_chain_model_get_params (model);
  sync_stages (self, FALSE);
}

static void
lq_chain_panel_dispose (GObject *object)
{
  LqChainPanel *self = (LqChainPanel *)object;

  if (self->reach_cancellable)
    g_cancellable_cancel (self->reach_cancellable);
  g_clear_object (&self->reach_cancellable);
  if (self->sources != NULL)
    g_signal_handlers_disconnect_by_data (self->sources, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LQ_TYPE_CHAIN_PANEL);
  g_clear_object (&self->sources);
  g_clear_object (&self->undo);
  g_clear_object (&self->model);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (lq_chain_panel_parent_class)->dispose (object);
}

static void
lq_chain_panel_finalize (GObject *object)
{
  LqChainPanel *self = (LqChainPanel *)object;

  g_free (self->preset_id);
  g_free (self->target_message);

  G_OBJECT_CLASS (lq_chain_panel_parent_class)->finalize (object);
}

static void
lq_chain_panel_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LqChainPanel *self = LQ_CHAIN_PANEL (object);

  switch (prop_id)
    {
    case PROP_UNDO_STACK:
      g_value_set_object (value, self->undo);
      break;
    case PROP_SOURCES:
      g_value_set_object (value, self->sources);
      break;
    case PROP_PRESET_ID:
      g_value_set_string (value, self->preset_id);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->reach_cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_chain_panel_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LqChainPanel *self = LQ_CHAIN_PANEL (object);

  switch (prop_id)
    {
    case PROP_UNDO_STACK:
      lq_chain_panel_set_undo_stack (self, g_value_get_object (value));
      break;
    case PROP_SOURCES:
      lq_chain_panel_set_sources (self, g_value_get_object (value));
      break;
    case PROP_PRESET_ID:
      lq_chain_panel_set_preset_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_chain_panel_class_init (LqChainPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lq_chain_panel_dispose;
  object_class->finalize = lq_chain_panel_finalize;
  object_class->get_property = lq_chain_panel_get_property;
  object_class->set_property = lq_chain_panel_set_property;

  properties [PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL, LQ_TYPE_UNDO_STACK, flags);
  properties [PROP_SOURCES] =
    g_param_spec_object ("sources", NULL, NULL, LQ_TYPE_SOURCE_SET, flags);
  properties [PROP_PRESET_ID] =
    g_param_spec_string ("preset-id", NULL, NULL, "spotify", flags);
  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LQ_TYPE_EQ_CURVE);
  g_type_ensure (LQ_TYPE_GR_HISTORY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/lq-chain-panel.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, LqChainPanel, name)
  BIND (stages);
  BIND (eq_card);
  BIND (comp_card);
  BIND (lim_card);
  BIND (eq_switch);
  BIND (comp_switch);
  BIND (lim_switch);
  BIND (eq_state);
  BIND (comp_state);
  BIND (lim_state);
  BIND (eq_offer);
  BIND (comp_offer);
  BIND (lim_offer);
  BIND (eq_curve);
  BIND (band_label);
  BIND (band_type);
  BIND (band_slope);
  BIND (band_freq);
  BIND (band_gain);
  BIND (band_q);
  BIND (band_bypass);
  BIND (band_channels);
  BIND (comp_threshold);
  BIND (comp_ratio);
  BIND (comp_knee);
  BIND (comp_makeup);
  BIND (comp_attack);
  BIND (comp_release);
  BIND (comp_hpf);
  BIND (comp_gr_bar);
  BIND (comp_gr_label);
  BIND (lim_ceiling);
  BIND (lim_lookahead);
  BIND (lim_release);
  BIND (lim_gr_bar);
  BIND (lim_gr_label);
  BIND (gr_history);
  BIND (lim_tp_label);
  BIND (width);
  BIND (input_gain);
  BIND (output_gain);
  BIND (reach_spinner);
  BIND (limiting_spin);
  BIND (limiting_warning);
  BIND (target_label);
  BIND (preset_label);
  BIND (snapshots_button);
#undef BIND
}

static void
lq_chain_panel_init (LqChainPanel *self)
{
  static const GActionEntry entries[] = {
    { "add-band", add_band_action },
    { "remove-band", remove_band_action },
    { "enable-stage", enable_stage_action, "s" },
    { "builtin", builtin_action, "s" },
    { "load-preset", load_preset_action },
    { "save-preset", save_preset_action },
    { "reach-target", reach_target_action },
  };
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) slopes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);

  self->preset_id = g_strdup ("spotify");
  lq_preset_init_custom (&self->custom, LQ_CUSTOM_LUFS_DEFAULT, LQ_CUSTOM_CEILING_DEFAULT);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries),
                                   self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "chain", G_ACTION_GROUP (self->actions));
  lq_chain_panel_sources_notify_cb (self);

  /* In LqEqBandType order. */
  gtk_string_list_append (types, _("Peak"));
  gtk_string_list_append (types, _("Low shelf"));
  gtk_string_list_append (types, _("High shelf"));
  gtk_string_list_append (types, _("High-pass"));
  gtk_string_list_append (types, _("Low-pass"));
  gtk_drop_down_set_model (self->band_type, G_LIST_MODEL (types));
  /* In order of slope_db (12, 24). */
  gtk_string_list_append (slopes, _("12 dB/oct"));
  gtk_string_list_append (slopes, _("24 dB/oct"));
  gtk_drop_down_set_model (self->band_slope, G_LIST_MODEL (slopes));
  /* In LqEqChannels order. */
  gtk_string_list_append (channels, _("Stereo"));
  gtk_string_list_append (channels, _("Mid"));
  gtk_string_list_append (channels, _("Side"));
  gtk_drop_down_set_model (self->band_channels, G_LIST_MODEL (channels));
  {
    /* The limiter's detector, from the constants the DSP is built with. */
    g_autofree char *tp = g_strdup_printf (
      _("True peak: %u× oversampled with a %u-tap filter per phase, then refined between "
        "the samples with a %u-tap filter"), LQ_TRUEPEAK_FACTOR, LQ_TRUEPEAK_TAPS,
      LQ_TRUEPEAK_REFINE_TAPS);

    gtk_label_set_label (self->lim_tp_label, tp);
  }

  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      const LqChainParam *p = lq_chain_param_get (spins[i].id);

      GtkEventController *keys = gtk_event_controller_key_new ();

      gtk_spin_button_configure (spin_at (self, i),
                                 gtk_adjustment_new (p->def, p->min, p->max, p->step, p->page,
                                                     0.0),
                                 0.0, (guint) p->digits);
      /* Before the field's text sees the key. */
      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (lq_chain_panel_spin_key_pressed_cb),
                        self);
      gtk_widget_add_controller (GTK_WIDGET (spin_at (self, i)), keys);
    }
  /* The allowance is no chain parameter, but a field like them: Enter hands focus back. */
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_spin_button_configure (self->limiting_spin,
                               gtk_adjustment_new (LQ_RENDER_DEFAULT_MAX_LIMITING_DB, 0.0,
                                                   LQ_RENDER_MAX_ALLOWANCE_DB, 0.5, 1.0, 0.0),
                               0.0, 1);

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (lq_chain_panel_spin_key_pressed_cb),
                      self);
    gtk_widget_add_controller (GTK_WIDGET (self->limiting_spin), keys);
  }
  g_signal_connect_swapped (self->limiting_spin, "notify::value",
                            G_CALLBACK (lq_chain_panel_limiting_changed_cb), self);

  g_signal_connect (self->band_type, "realize",
                    G_CALLBACK (lq_chain_panel_dropdown_realize_cb), self);
  g_signal_connect (self->band_slope, "realize",
                    G_CALLBACK (lq_chain_panel_dropdown_realize_cb), self);
  g_signal_connect_swapped (self->band_type, "notify::selected",
                            G_CALLBACK (lq_chain_panel_band_edited_cb), self);
  g_signal_connect_swapped (self->band_slope, "notify::selected",
                            G_CALLBACK (lq_chain_panel_band_edited_cb), self);
  g_signal_connect_swapped (self->band_freq, "value-changed",
                            G_CALLBACK (lq_chain_panel_band_edited_cb), self);
  g_signal_connect_swapped (self->band_gain, "value-changed",
                            G_CALLBACK (lq_chain_panel_band_edited_cb), self);
  g_signal_connect_swapped (self->band_q, "value-changed",
                            G_CALLBACK (lq_chain_panel_band_edited_cb), self);
  g_signal_connect_swapped (self->band_bypass, "toggled",
                            G_CALLBACK (lq_chain_panel_band_edited_cb), self);
  g_signal_connect_swapped (self->band_channels, "notify::selected",
                            G_CALLBACK (lq_chain_panel_band_edited_cb), self);
  g_signal_connect_swapped (self->eq_curve, "notify::selected-band", G_CALLBACK (sync_band), self);
  g_signal_connect_swapped (self->eq_curve, "edit-begin",
                            G_CALLBACK (lq_chain_panel_curve_edit_begin_cb), self);
  g_signal_connect_swapped (self->eq_curve, "edit-end",
                            G_CALLBACK (lq_chain_panel_curve_edit_end_cb), self);
  set_status (self, self->target_label, NULL, FALSE);
  lq_chain_panel_set_gain_reduction (self, 0.0, 0.0);
  sync_band (self);
}

GtkWidget *
lq_chain_panel_new (void)
{
  return g_object_new (LQ_TYPE_CHAIN_PANEL, NULL);
}

LqUndoStack *
lq_chain_panel_get_undo_stack (LqChainPanel *self)
{
  g_return_val_if_fail (LQ_IS_CHAIN_PANEL (self), NULL);

  return self->undo;
}

void
lq_chain_panel_set_undo_stack (LqChainPanel *self,
                               LqUndoStack  *undo)
{
  g_return_if_fail (LQ_IS_CHAIN_PANEL (self));
  g_return_if_fail (LQ_IS_UNDO_STACK (undo));

  if (self->undo == undo)
    return;
  /* The model is fixed once set: the bindings and property actions hold it. */
  g_return_if_fail (self->model == NULL || self->model == lq_undo_stack_get_model (undo));
  g_set_object (&self->undo, undo);
  if (self->model == NULL)
    set_model (self, lq_undo_stack_get_model (undo));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UNDO_STACK]);
}

LqChainModel *
lq_chain_panel_get_model (LqChainPanel *self)
{
  g_return_val_if_fail (LQ_IS_CHAIN_PANEL (self), NULL);

  return self->model;
}

LqSourceSet *
lq_chain_panel_get_sources (LqChainPanel *self)
{
  g_return_val_if_fail (LQ_IS_CHAIN_PANEL (self), NULL);

  return self->sources;
}

void
lq_chain_panel_set_sources (LqChainPanel *self,
                            LqSourceSet  *sources)
{
  g_return_if_fail (LQ_IS_CHAIN_PANEL (self));
  g_return_if_fail (!sources || LQ_IS_SOURCE_SET (sources));

  if (self->sources == sources)
    return;
  if (self->sources != NULL)
    g_signal_handlers_disconnect_by_data (self->sources, self);
  g_set_object (&self->sources, sources);
  if (sources != NULL)
    {
      g_signal_connect_swapped (sources, "notify::selected-index",
                                G_CALLBACK (lq_chain_panel_sources_notify_cb), self);
      g_signal_connect_swapped (sources, "items-changed",
                                G_CALLBACK (lq_chain_panel_sources_notify_cb), self);
    }
  lq_chain_panel_sources_notify_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOURCES]);
}

const char *
lq_chain_panel_get_preset_id (LqChainPanel *self)
{
  g_return_val_if_fail (LQ_IS_CHAIN_PANEL (self), NULL);

  return self->preset_id;
}

void
lq_chain_panel_set_preset_id (LqChainPanel *self,
                              const char   *preset_id)
{
  g_return_if_fail (LQ_IS_CHAIN_PANEL (self));

  if (preset_id == NULL || lq_presets_lookup_with_custom (preset_id, &self->custom) == NULL
      || g_strcmp0 (self->preset_id, preset_id) == 0)
    return;
  g_free (self->preset_id);
  self->preset_id = g_strdup (preset_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PRESET_ID]);
}

gboolean
lq_chain_panel_get_busy (LqChainPanel *self)
{
  g_return_val_if_fail (LQ_IS_CHAIN_PANEL (self), FALSE);

  return self->reach_cancellable != NULL;
}

const char *
lq_chain_panel_get_target_message (LqChainPanel *self)
{
  g_return_val_if_fail (LQ_IS_CHAIN_PANEL (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->target_label)) ? self->target_message : NULL;
}

LqEqCurve *
lq_chain_panel_get_eq_curve (LqChainPanel *self)
{
  g_return_val_if_fail (LQ_IS_CHAIN_PANEL (self), NULL);

  return self->eq_curve;
}

void
lq_chain_panel_set_gain_reduction (LqChainPanel *self,
                                   double        comp_db,
                                   double        lim_db)
{
  char text[32];

  g_return_if_fail (LQ_IS_CHAIN_PANEL (self));

  comp_db = isfinite (comp_db) ? MAX (comp_db, 0.0) : 0.0;
  lim_db = isfinite (lim_db) ? MAX (lim_db, 0.0) : 0.0;
  gtk_level_bar_set_value (self->comp_gr_bar, MIN (comp_db, 12.0));
  gtk_level_bar_set_value (self->lim_gr_bar, MIN (lim_db, 12.0));
  /* Gain reduction shown as the negative gain it is. */
  g_snprintf (text, sizeof text, "%.1f dB", comp_db > 0.05 ? -comp_db : 0.0);
  gtk_label_set_label (self->comp_gr_label, text);
  g_snprintf (text, sizeof text, "%.1f dB", lim_db > 0.05 ? -lim_db : 0.0);
  gtk_label_set_label (self->lim_gr_label, text);
}

GtkSpinButton *
lq_chain_panel_get_spin_button (LqChainPanel   *self,
                                LqChainParamId  id)
{
  g_return_val_if_fail (LQ_IS_CHAIN_PANEL (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    if (spins[i].id == id)
      return spin_at (self, i);
  return NULL;
}

void
lq_chain_panel_set_gr_history (LqChainPanel *self,
                               const float  *compressor_db,
                               const float  *limiter_db,
                               guint         n,
                               guint         capacity)
{
  g_return_if_fail (LQ_IS_CHAIN_PANEL (self));

  lq_gr_history_set_data (self->gr_history, compressor_db, limiter_db, n, capacity);
}

void
lq_chain_panel_set_snapshots_menu (LqChainPanel *self,
                                   GMenuModel   *menu)
{
  g_return_if_fail (LQ_IS_CHAIN_PANEL (self));

  gtk_menu_button_set_menu_model (self->snapshots_button, menu);
}

/* The limiting allowance is the settings' (shared with the export dialog). */
void
lq_chain_panel_set_settings (LqChainPanel *self,
                             LqSettings   *settings)
{
  g_return_if_fail (LQ_IS_CHAIN_PANEL (self));
  g_return_if_fail (LQ_IS_SETTINGS (settings));

  g_object_bind_property (settings, LQ_SETTING_KEY_MAX_LIMITING,
                          gtk_spin_button_get_adjustment (self->limiting_spin), "value",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
}

/* The Custom target's numbers (the session's), for Reach Target when it is chosen. */
void
lq_chain_panel_set_custom_target (LqChainPanel *self,
                                  double        target_lufs,
                                  double        ceiling_dbtp)
{
  g_return_if_fail (LQ_IS_CHAIN_PANEL (self));

  lq_preset_init_custom (&self->custom, target_lufs, ceiling_dbtp);
}
