/* lq-codec-view.c
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

#include "lq-check.h"
#include "lq-codec-view.h"

struct _LqCodecView
{
  GtkWidget      parent_instance;

  GArray        *choices;       /* LqCodecSpec, one per item of the selector */
  double         safe_ceiling;
  GArray        *times[2];      /* double: each row's time, per list (sample, true peak) */

  GtkWidget     *scrolled;
  GtkWidget     *box;           /* in scrolled */
  GtkDropDown   *codec_dropdown;
  GtkDropDown   *source_dropdown;   /* the master, then each reference */
  GtkStringList *sources;
  gboolean       filling;           /* the sources are being replaced: no "source-changed" */
  GtkLabel      *source_tp_title;
  GtkLabel      *status;
  GtkLabel      *decoded_tp;
  GtkLabel      *source_tp;
  GtkLabel      *difference;
  GtkLabel      *safe_label;
  GtkWidget     *use_ceiling;
  GtkLabel      *list_titles[2];
  GtkListBox    *lists[2];
  char          *status_text;
};

G_DEFINE_FINAL_TYPE (LqCodecView, lq_codec_view, GTK_TYPE_WIDGET)

enum {
  TIME_ACTIVATED,
  USE_CEILING,
  CODEC_CHANGED,
  SOURCE_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* "+0.42 dBTP", "—" for none. */
static char *
format_db (double      db,
           const char *unit)
{
  if (!isfinite (db))
    return g_strdup ("—");
  return g_strdup_printf ("%+.2f %s", db, unit);
}

static void
clear_list (LqCodecView *self,
            guint        which)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lists[which]))))
    gtk_list_box_remove (self->lists[which], child);
  g_array_set_size (self->times[which], 0);
}

static void
fill_list (LqCodecView *self,
           guint        which,
           GArray      *overs,
           guint        count)
{
  const char *unit = which == 0 ? "dBFS" : "dBTP";

  clear_list (self, which);
  for (guint i = 0; overs != NULL && i < overs->len; i++)
    {
      const LqCodecOver *over = &g_array_index (overs, LqCodecOver, i);
      g_autofree char *at = lq_check_format_time (over->start_s);
      g_autofree char *length = lq_check_format_duration (over->duration_s);
      g_autofree char *peak = format_db (over->peak_db, unit);
      /* Translators: an over after the codec: its time, length and peak */
      g_autofree char *text = g_strdup_printf (_("At %s for %s, peak %s"), at, length, peak);
      GtkWidget *label = gtk_label_new (text);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Play from here"));
      gtk_list_box_append (self->lists[which], row);
      g_array_append_val (self->times[which], over->start_s);
    }
  if (overs != NULL && count > overs->len)
    {
      /* Translators: more overs than the list shows */
      g_autofree char *text = g_strdup_printf (_("… and %u more"), count - overs->len);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_append (self->lists[which], label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (label)), FALSE);
    }
}

static void
lq_codec_view_row_activated_cb (LqCodecView   *self,
                                GtkListBoxRow *row,
                                GtkListBox    *list)
{
  guint which = list == self->lists[0] ? 0 : 1;
  int index = gtk_list_box_row_get_index (row);

  if (index < 0 || (guint) index >= self->times[which]->len)
    return;
  g_signal_emit (self, signals [TIME_ACTIVATED], 0,
                 g_array_index (self->times[which], double, index));
}

static void
lq_codec_view_use_ceiling_cb (LqCodecView *self)
{
  if (isfinite (self->safe_ceiling))
    g_signal_emit (self, signals [USE_CEILING], 0, self->safe_ceiling);
}

static void
lq_codec_view_selected_cb (LqCodecView *self)
{
  g_signal_emit (self, signals [CODEC_CHANGED], 0);
}

static void
lq_codec_view_source_selected_cb (LqCodecView *self)
{
  if (!self->filling)
    g_signal_emit (self, signals [SOURCE_CHANGED], 0);
}

static void
lq_codec_view_dispose (GObject *object)
{
  LqCodecView *self = (LqCodecView *) object;

  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  self->box = NULL;
  g_clear_pointer (&self->choices, g_array_unref);
  g_clear_pointer (&self->times[0], g_array_unref);
  g_clear_pointer (&self->times[1], g_array_unref);
  g_clear_pointer (&self->status_text, g_free);
  g_clear_object (&self->sources);

  G_OBJECT_CLASS (lq_codec_view_parent_class)->dispose (object);
}

static void
lq_codec_view_class_init (LqCodecViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lq_codec_view_dispose;

  /* seconds of the master where the over starts */
  signals [TIME_ACTIVATED] =
    g_signal_new ("time-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  /* the limiter ceiling to set, dBTP */
  signals [USE_CEILING] =
    g_signal_new ("use-ceiling", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);

  /* another codec or bitrate was chosen */
  signals [CODEC_CHANGED] =
    g_signal_new ("codec-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* another source (the master or a reference) was chosen */
  signals [SOURCE_CHANGED] =
    g_signal_new ("source-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "codecview");
}

static GtkLabel *
add_readout (GtkGrid    *grid,
             int         row,
             const char *title,
             const char *tooltip)
{
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *value = gtk_label_new ("—");

  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_widget_add_css_class (name, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value), 0.0f);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_set_tooltip_text (name, tooltip);
  gtk_grid_attach (grid, name, 0, row, 1, 1);
  gtk_grid_attach (grid, value, 1, row, 1, 1);
  return GTK_LABEL (value);
}

static GtkWidget *
over_list (LqCodecView *self,
           guint        which)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->list_titles[which] = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->list_titles[which], 0.0f);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_titles[which]), "heading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list_titles[which]));

  self->lists[which] = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->lists[which], GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->lists[which]), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->lists[which]), GTK_ALIGN_START);
  g_signal_connect_object (self->lists[which], "row-activated",
                           G_CALLBACK (lq_codec_view_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  /* A long list scrolls within the page; a short one takes only its rows. */
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 400);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_hexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled),
                                 GTK_WIDGET (self->lists[which]));
  gtk_box_append (GTK_BOX (box), scrolled);
  return box;
}

static void
lq_codec_view_init (LqCodecView *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  GtkWidget *header, *label, *toggle, *artefacts, *note, *grid, *lists;

  self->choices = g_array_new (FALSE, FALSE, sizeof (LqCodecSpec));
  self->times[0] = g_array_new (FALSE, FALSE, sizeof (double));
  self->times[1] = g_array_new (FALSE, FALSE, sizeof (double));
  self->safe_ceiling = NAN;
  for (int k = 0; k < LQ_CODEC_N_KINDS; k++)
    {
      guint n;
      const guint *kbps = lq_codec_kind_get_bitrates (k, &n);

      for (guint i = 0; i < n; i++)
        {
          LqCodecSpec spec = { k, kbps[i] };
          /* Translators: a codec and its bitrate in the codec preview's selector */
          g_autofree char *name = g_strdup_printf (_("%s %u kb/s"), lq_codec_kind_get_label (k),
                                                   kbps[i]);

          g_array_append_val (self->choices, spec);
          g_strv_builder_add (names, name);
        }
    }
  strv = g_strv_builder_end (names);

  /* The page scrolls as a whole in a short window (GNOME's smallest is 1024x600). */
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->box);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  label = gtk_label_new_with_mnemonic (_("Codec and _Bitrate"));
  self->codec_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char * const *) strv));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->codec_dropdown));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->codec_dropdown),
                               _("The encoder the source goes through, as a streaming service "
                                 "or a download would encode it"));
  g_signal_connect_object (self->codec_dropdown, "notify::selected",
                           G_CALLBACK (lq_codec_view_selected_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->codec_dropdown));
  /* Translators: what the codec preview encodes: the master or one of the references */
  label = gtk_label_new_with_mnemonic (_("_Source"));
  self->sources = gtk_string_list_new (NULL);
  gtk_string_list_append (self->sources, _("Master"));
  self->source_dropdown =
    GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (self->sources)), NULL));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->source_dropdown));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->source_dropdown),
                               _("What goes through the codec: the master, or a reference as "
                                 "it is, to compare how each survives it"));
  g_signal_connect_object (self->source_dropdown, "notify::selected",
                           G_CALLBACK (lq_codec_view_source_selected_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->source_dropdown));
  toggle = gtk_toggle_button_new_with_mnemonic (_("Pre_view"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (toggle), "win.codec-preview");
  gtk_widget_set_tooltip_text (toggle, _("Encode and decode the master, and offer the result "
                                         "as a source (K)"));
  gtk_box_append (GTK_BOX (header), toggle);
  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status, 0.0f);
  gtk_label_set_wrap (self->status, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->status), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (self->box), header);

  artefacts = gtk_check_button_new_with_mnemonic (_("Artefacts Onl_y"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (artefacts), "win.codec-artefacts");
  gtk_widget_set_tooltip_text (artefacts, _("Hear what the codec changed (Shift+K)"));
  note = gtk_label_new (_("The artefacts (decoded minus what was encoded) play at their real level "
                          "beside the programme, not level-matched, so they sound as quiet "
                          "as they are."));
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0.0f);
  gtk_widget_add_css_class (note, "caption");
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (self->box), artefacts);
  gtk_box_append (GTK_BOX (self->box), note);

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  self->decoded_tp = add_readout (GTK_GRID (grid), 0, _("Decoded true peak"),
                                  _("The true peak of the decoded file, as a listener's "
                                    "player meets it"));
  self->source_tp = add_readout (GTK_GRID (grid), 1, _("Master true peak"),
                                 _("The true peak of what was encoded"));
  self->source_tp_title = GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 0, 1));
  self->difference = add_readout (GTK_GRID (grid), 2, _("Artefacts level"),
                                  _("The energy of decoded minus what was encoded, below its own"));
  self->safe_label = add_readout (GTK_GRID (grid), 3, _("Codec-safe ceiling"),
                                  _("A limiter ceiling at which the decoded file stays at or "
                                    "below -1 dBTP: the master was rendered at it and put "
                                    "through the codec again"));
  self->use_ceiling = gtk_button_new_with_mnemonic (_("_Use as Limiter Ceiling"));
  gtk_widget_set_sensitive (self->use_ceiling, FALSE);
  g_signal_connect_object (self->use_ceiling, "clicked",
                           G_CALLBACK (lq_codec_view_use_ceiling_cb), self, G_CONNECT_SWAPPED);
  gtk_grid_attach (GTK_GRID (grid), self->use_ceiling, 2, 3, 1, 1);
  gtk_box_append (GTK_BOX (self->box), grid);

  lists = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_set_homogeneous (GTK_BOX (lists), TRUE);
  gtk_widget_set_vexpand (lists, TRUE);
  gtk_box_append (GTK_BOX (lists), over_list (self, 0));
  gtk_box_append (GTK_BOX (lists), over_list (self, 1));
  gtk_box_append (GTK_BOX (self->box), lists);

  lq_codec_view_set_result (self, NULL, FALSE, NULL);
}

GtkWidget *
lq_codec_view_new (void)
{
  return g_object_new (LQ_TYPE_CODEC_VIEW, NULL);
}

void
lq_codec_view_get_spec (LqCodecView *self,
                        LqCodecSpec *spec)
{
  guint i;

  g_return_if_fail (LQ_IS_CODEC_VIEW (self));

  i = gtk_drop_down_get_selected (self->codec_dropdown);
  *spec = g_array_index (self->choices, LqCodecSpec, MIN (i, self->choices->len - 1));
}

void
lq_codec_view_set_spec (LqCodecView       *self,
                        const LqCodecSpec *spec)
{
  g_return_if_fail (LQ_IS_CODEC_VIEW (self));

  for (guint i = 0; i < self->choices->len; i++)
    {
      const LqCodecSpec *c = &g_array_index (self->choices, LqCodecSpec, i);

      if (c->kind == spec->kind && c->kbps == spec->kbps)
        gtk_drop_down_set_selected (self->codec_dropdown, i);
    }
}

void
lq_codec_view_set_result (LqCodecView         *self,
                          const LqCodecResult *result,
                          gboolean             updating,
                          const char          *error)
{
  /* A stale result is not shown as if it were the current chain's. */
  const LqCodecResult *r = updating || error != NULL ? NULL : result;
  g_autofree char *decoded = NULL, *source = NULL, *diff = NULL, *safe = NULL;
  g_autofree char *title0 = NULL, *title1 = NULL;
  const char *reference;

  g_return_if_fail (LQ_IS_CODEC_VIEW (self));

  /* The result is of the source chosen: the window shows the player's choice there. */
  reference = lq_codec_view_get_source (self) >= 0
              ? gtk_string_list_get_string (self->sources,
                                            gtk_drop_down_get_selected (self->source_dropdown))
              : NULL;

  g_clear_pointer (&self->status_text, g_free);
  if (updating)
    self->status_text = g_strdup (_("Updating…"));
  else if (error != NULL)
    self->status_text = g_strdup (error);
  else if (r != NULL && reference != NULL)
    {
      /* Translators: what the readouts are of; the first %s is a reference's name, the
       * second the codec, %u its kb/s, %.1f the seconds the round trip took */
      self->status_text = g_strdup_printf (_("%s through %s %u kb/s, made in %.1f s"),
                                           reference, lq_codec_kind_get_label (r->spec.kind),
                                           r->spec.kbps, r->seconds);
    }
  else if (r != NULL)
    {
      /* Translators: what the readouts are of; %s is the codec, %u its kb/s, %.1f the
       * seconds the round trip took */
      self->status_text = g_strdup_printf (_("Master through %s %u kb/s, made in %.1f s"),
                                           lq_codec_kind_get_label (r->spec.kind), r->spec.kbps,
                                           r->seconds);
    }
  else
    self->status_text = g_strdup (_("Start a preview to hear and measure the master after a "
                                    "lossy codec"));
  gtk_label_set_label (self->status, self->status_text);

  if (r != NULL)
    {
      decoded = format_db (r->decoded_tp_dbtp, "dBTP");
      source = format_db (r->source_tp_dbtp, "dBTP");
      /* Translators: the artefacts' level below the programme, dB */
      diff = isfinite (r->difference_db) ? g_strdup_printf (_("%.1f dB below"), r->difference_db)
                                         : g_strdup ("—");
      /* The limiter's step is 0.1 dB: rounded down, so the estimate stays safe. */
      self->safe_ceiling = isfinite (r->safe_ceiling_dbtp)
                           ? lq_codec_ceiling_step_down (r->safe_ceiling_dbtp) : NAN;
      safe = isfinite (self->safe_ceiling) ? g_strdup_printf ("%.1f dBTP", self->safe_ceiling)
                                           : g_strdup ("—");
    }
  else
    {
      self->safe_ceiling = NAN;
    }
  gtk_label_set_label (self->decoded_tp, decoded ? decoded : "—");
  gtk_label_set_label (self->source_tp, source ? source : "—");
  gtk_label_set_label (self->difference, diff ? diff : "—");
  gtk_label_set_label (self->safe_label, safe ? safe : "—");
  gtk_widget_set_sensitive (self->use_ceiling, isfinite (self->safe_ceiling));
  /* The codec-safe ceiling is a setting of the master's limiter: a reference has none. */
  gtk_widget_set_visible (self->use_ceiling, reference == NULL);
  if (reference != NULL)
    gtk_label_set_label (self->safe_label, _("Only for the master"));
  gtk_label_set_label (self->source_tp_title,
                       reference != NULL ? _("Reference true peak") : _("Master true peak"));

  /* Translators: the heading of the list of sample overs after the codec, with their count */
  title0 = g_strdup_printf (_("Overs above 0 dBFS: %u"), r ? r->n_overs_0dbfs : 0);
  /* Translators: the heading of the list of true-peak overs after the codec, with their count */
  title1 = g_strdup_printf (_("Overs above −1 dBTP: %u"), r ? r->n_overs_tp : 0);
  gtk_label_set_label (self->list_titles[0], r ? title0 : _("Overs above 0 dBFS"));
  gtk_label_set_label (self->list_titles[1], r ? title1 : _("Overs above −1 dBTP"));
  fill_list (self, 0, r ? r->overs_0dbfs : NULL, r ? r->n_overs_0dbfs : 0);
  fill_list (self, 1, r ? r->overs_tp : NULL, r ? r->n_overs_tp : 0);
}

void
lq_codec_view_set_checking (LqCodecView *self,
                            gboolean     checking)
{
  g_return_if_fail (LQ_IS_CODEC_VIEW (self));

  if (checking && !isfinite (self->safe_ceiling))
    /* Translators: the codec-safe ceiling's row while the master is rendered at it and put
     * through the codec again */
    gtk_label_set_label (self->safe_label, _("Trying it…"));
}

void
lq_codec_view_set_references (LqCodecView        *self,
                              const char * const *names)
{
  guint n, count = 0;
  gboolean same;
  int source;

  g_return_if_fail (LQ_IS_CODEC_VIEW (self));

  /* Unchanged, the list stays as it is (an open list is not rebuilt under the pointer). */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  count = names != NULL ? g_strv_length ((char **) names) : 0;
  same = n == count + 1;
  for (guint i = 0; same && i < count; i++)
    same = g_strcmp0 (gtk_string_list_get_string (self->sources, i + 1), names[i]) == 0;
  if (same)
    return;

  source = lq_codec_view_get_source (self);
  self->filling = TRUE;
  gtk_string_list_splice (self->sources, 1, n - 1, names);
  gtk_drop_down_set_selected (self->source_dropdown,
                              source >= 0 && (guint) source < count ? (guint) source + 1 : 0);
  self->filling = FALSE;
}

int
lq_codec_view_get_source (LqCodecView *self)
{
  guint i;

  g_return_val_if_fail (LQ_IS_CODEC_VIEW (self), -1);

  i = gtk_drop_down_get_selected (self->source_dropdown);
  return i == GTK_INVALID_LIST_POSITION || i == 0 ? -1 : (int) i - 1;
}

void
lq_codec_view_set_source (LqCodecView *self,
                          int          source)
{
  guint n;

  g_return_if_fail (LQ_IS_CODEC_VIEW (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->source_dropdown,
                              source >= 0 && (guint) source + 1 < n ? (guint) source + 1 : 0);
  self->filling = FALSE;
}

double
lq_codec_view_get_safe_ceiling (LqCodecView *self)
{
  g_return_val_if_fail (LQ_IS_CODEC_VIEW (self), NAN);
  return self->safe_ceiling;
}

GtkListBoxRow *
lq_codec_view_get_over_row (LqCodecView *self,
                            gboolean     true_peak,
                            guint        index)
{
  guint which = true_peak ? 1 : 0;

  g_return_val_if_fail (LQ_IS_CODEC_VIEW (self), NULL);

  if (index >= self->times[which]->len)
    return NULL;
  return gtk_list_box_get_row_at_index (self->lists[which], (int) index);
}

const char *
lq_codec_view_get_status (LqCodecView *self)
{
  g_return_val_if_fail (LQ_IS_CODEC_VIEW (self), NULL);
  return self->status_text;
}
