/* lq-abx-window.c
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

/* Cue removal is the point of this window (FACTS: "Blind A/B/X"). Every text, tooltip,
 * accessible name, style class and state of the trial page is a function of the trial number,
 * the key last pressed and whether X was heard: never of what X is. The buttons are plain
 * buttons, not toggles, so no "checked" state can follow the hidden identity either. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lq-abx-window.h"
#include "lq-file-pick.h"
#include "lq-shortcuts.h"

/* Matched sources play within this of each other (FACTS: "match loudness within 0.1 LU"). */
#define LEVEL_TOLERANCE_LU 0.1

typedef enum
{
  PLAY_A,
  PLAY_B,
  PLAY_X,
} PlayKey;

struct _LqAbxWindow
{
  AdwWindow       parent_instance;

  LqSession      *session;
  GtkStringList  *candidates;     /* names: the set's sources, then the compared masters */
  guint           n_sources;      /* of the set, when the candidates were listed */
  guint           n_compared;     /* compared masters (compare mode), after them */
  gboolean        has_seed;
  guint64         seed;
  LqAbxTest      *test;
  GCancellable   *preparing;      /* identities being worked out */
  double          segment_start;
  double          segment_end;
  gboolean        heard_x;        /* in this trial */
  gboolean        played;         /* the playback was taken over: give it back on close */
  double          saved_crossfade;

  AdwToastOverlay *toasts;
  GtkStack       *stack;
  AdwComboRow    *a_row;
  AdwComboRow    *b_row;
  GtkSpinButton  *trials_spin;
  AdwComboRow    *segment_row;
  GtkSpinButton  *crossfade_spin;
  GtkLabel       *setup_error;
  GtkLabel       *trial_label;
  GtkLabel       *playing_label;
  GtkLabel       *score_label;
  GtkLabel       *p_label;
  GtkLabel       *verdict_label;
};

G_DEFINE_FINAL_TYPE (LqAbxWindow, lq_abx_window, ADW_TYPE_WINDOW)

static LqSourceSet *
sources_of (LqAbxWindow *self)
{
  return lq_session_get_sources (self->session);
}

static LqSource *
source_at (LqAbxWindow *self,
           guint        index)
{
  g_autoptr(LqSource) source = g_list_model_get_item (G_LIST_MODEL (sources_of (self)), index);

  /* The set holds it as long as the window shows it. */
  return source;
}

static char *
name_of (LqSource *source)
{
  switch (lq_source_get_kind (source))
    {
    case LQ_SOURCE_KIND_MIX:
      return g_strdup (_("Mix"));
    case LQ_SOURCE_KIND_MASTER:
      return g_strdup (_("Master"));
    case LQ_SOURCE_KIND_REFERENCE:
    default:
      return g_strdup (lq_source_get_title (source));
    }
}

/* A compared master (compare mode) is candidate n_sources + i: the snapshot i heard through
 * its own chain, which the playback measures and matches itself. */
static gboolean
is_compared (LqAbxWindow *self,
             guint        index)
{
  return index >= self->n_sources;
}

/* Where the playback plays candidate index. */
static guint
slot_of (LqAbxWindow *self,
         guint        index)
{
  return is_compared (self, index) ? LQ_PLAYBACK_COMPARE + (index - self->n_sources) : index;
}

/* The gain the candidate is heard at, as the playback or the source's analysis has it. */
static gboolean
gain_of (LqAbxWindow *self,
         guint        index,
         double      *gain)
{
  LqPlayback *playback = lq_session_get_playback (self->session);

  if (!is_compared (self, index))
    {
      *gain = lq_source_get_matched_gain (source_at (self, index));
      return TRUE;
    }
  return playback != NULL && lq_playback_get_gain (playback, slot_of (self, index), gain);
}

/* The level the candidate is heard at, LUFS: its loudness plus its gain. */
static double
level_of (LqAbxWindow *self,
          guint        index)
{
  LqPlayback *playback = lq_session_get_playback (self->session);
  double lufs = NAN, gain = NAN;

  if (!is_compared (self, index))
    lufs = lq_source_get_integrated_lufs (source_at (self, index));
  else if (playback == NULL || !lq_playback_get_loudness (playback, slot_of (self, index), &lufs))
    return NAN;
  if (!gain_of (self, index, &gain))
    return NAN;
  return lufs + gain;
}

static void
fill_candidates (LqAbxWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (sources_of (self)));
  guint old = g_list_model_get_n_items (G_LIST_MODEL (self->candidates));
  LqSnapshotList *snapshots = lq_session_get_snapshots (self->session);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  self->n_sources = n;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, name_of (source_at (self, i)));
  for (guint i = 0; i < self->n_compared; i++)
    /* Translators: a chain snapshot heard as a master of its own; %s is its name */
    g_ptr_array_add (names, g_strdup_printf (_("Master %s"), lq_snapshot_get_name (
                                               lq_snapshot_list_get (snapshots, i))));
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->candidates, 0, old, (const char * const *) names->pdata);
}

static gboolean
get_loop (LqAbxWindow *self,
          double      *start,
          double      *end)
{
  return lq_session_get_loop (self->session, start, end) && *end > *start;
}

/* ---- actions ---------------------------------------------------------------------------- */

static void
update_actions (LqAbxWindow *self)
{
  gboolean in_trial = self->test != NULL && !lq_abx_test_get_finished (self->test);
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "abx.start", self->test == NULL && self->preparing == NULL);
  gtk_widget_action_set_enabled (widget, "abx.play", in_trial);
  gtk_widget_action_set_enabled (widget, "abx.answer", in_trial && self->heard_x);
  gtk_widget_action_set_enabled (widget, "abx.export",
                                 self->test != NULL && lq_abx_test_get_finished (self->test));
}

static void
show_trial (LqAbxWindow *self)
{
  g_autofree char *text = g_strdup_printf (_("Trial %u of %u"),
                                           lq_abx_test_get_trial (self->test) + 1,
                                           lq_abx_test_get_n_trials (self->test));

  gtk_label_set_label (self->trial_label, text);
  gtk_label_set_label (self->playing_label, _("Play A, B and X, then answer"));
  self->heard_x = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "trial");
  update_actions (self);
}

static void
show_result (LqAbxWindow *self)
{
  g_autofree char *score = NULL, *p_text = NULL, *verdict = NULL;
  guint k, n;
  double p;

  if (!lq_abx_test_get_score (self->test, &k, &n, &p))
    return;
  score = g_strdup_printf (_("%u of %u correct"), k, n);
  p_text = g_strdup_printf (_("p = %.4f: the chance of doing as well by guessing"), p);
  verdict = lq_abx_test_dup_verdict (self->test);
  gtk_label_set_label (self->score_label, score);
  gtk_label_set_label (self->p_label, p_text);
  gtk_label_set_label (self->verdict_label, verdict);
  gtk_stack_set_visible_child_name (self->stack, "result");
  update_actions (self);
}

/* The session's own selection, loop and crossfade, as the main window left them. */
static void
give_back_playback (LqAbxWindow *self)
{
  LqPlayback *playback = lq_session_get_playback (self->session);

  if (!self->played || playback == NULL)
    return;
  self->played = FALSE;
  lq_playback_pause (playback);
  if (self->saved_crossfade >= 0.0)
    lq_playback_set_crossfade_ms (playback, self->saved_crossfade);
  lq_session_resync_playback (self->session);
}

/* Every candidate starts at the start of the segment, through the player's click-free
 * switch; the segment repeats until the next key. */
static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  static const char *const playing[] = { N_("Playing A"), N_("Playing B"), N_("Playing X") };
  LqAbxWindow *self = LQ_ABX_WINDOW (widget);
  LqPlayback *playback = lq_session_get_playback (self->session);
  gint32 key = g_variant_get_int32 (param);
  LqAbxChoice choice;
  guint index;

  if (self->test == NULL || lq_abx_test_get_finished (self->test) || key < PLAY_A || key > PLAY_X)
    return;
  choice = key == PLAY_X ? lq_abx_test_get_x (self->test) : (LqAbxChoice) key;
  index = choice == LQ_ABX_A ? adw_combo_row_get_selected (self->a_row)
                             : adw_combo_row_get_selected (self->b_row);
  if (playback != NULL)
    {
      if (!self->played)
        {
          self->saved_crossfade = lq_playback_get_crossfade_ms (playback);
          lq_playback_set_crossfade_ms (playback, lq_abx_test_get_crossfade_ms (self->test));
          lq_playback_set_loop (playback, self->segment_start, self->segment_end);
          self->played = TRUE;
        }
      double gain = 0.0;

      /* Selected first, so that the seek is the candidate's own (a free reference keeps a
       * position of its own): every candidate starts at the segment's start. */
      gain_of (self, index, &gain);
      lq_playback_select (playback, slot_of (self, index), gain);
      lq_playback_seek (playback, self->segment_start);
      lq_playback_play (playback);
    }
  gtk_label_set_label (self->playing_label, _(playing[key]));
  if (key == PLAY_X)
    self->heard_x = TRUE;
  update_actions (self);
}

static void
answer_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LqAbxWindow *self = LQ_ABX_WINDOW (widget);
  LqPlayback *playback = lq_session_get_playback (self->session);
  gint32 answer = g_variant_get_int32 (param);

  if (self->test == NULL || lq_abx_test_get_finished (self->test) || !self->heard_x
      || (answer != LQ_ABX_A && answer != LQ_ABX_B))
    return;
  if (playback != NULL && self->played)
    lq_playback_pause (playback);
  lq_abx_test_answer (self->test, (LqAbxChoice) answer);
  /* Each answer is kept in the session at once: a crash loses no trial. */
  lq_session_set_abx (self->session, self->test);
  if (lq_abx_test_get_finished (self->test))
    show_result (self);
  else
    show_trial (self);
}

/* ---- starting: identities on a worker ----------------------------------------------------- */

typedef struct
{
  LqSourceBuffer *buffer[2];   /* NULL: the identity is given */
  char           *identity[2];
} Identities;

static void
identities_free (Identities *ids)
{
  for (guint i = 0; i < 2; i++)
    {
      g_clear_object (&ids->buffer[i]);
      g_free (ids->identity[i]);
    }
  g_free (ids);
}

static void
identities_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Identities *ids = task_data;

  /* The hash reads the whole decoded file: a moment for a long one. */
  for (guint i = 0; i < 2 && !g_cancellable_is_cancelled (cancellable); i++)
    if (ids->buffer[i] != NULL)
      ids->identity[i] = lq_abx_dup_audio_identity (ids->buffer[i]);
  g_task_return_boolean (task, TRUE);
}

static void
identities_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LqAbxWindow *self = LQ_ABX_WINDOW (object);
  Identities *ids = g_task_get_task_data (G_TASK (result));

  /* Closed meanwhile (dispose drops the cancellable). */
  if (self->preparing == NULL || g_cancellable_is_cancelled (self->preparing))
    return;
  g_clear_object (&self->preparing);
  g_object_set (self->test, "identity-a", ids->identity[0], "identity-b", ids->identity[1], NULL);
  lq_abx_test_start (self->test);
  lq_session_set_abx (self->session, self->test);
  show_trial (self);
}

static void
setup_error (LqAbxWindow *self,
             const char  *message)
{
  gtk_label_set_label (self->setup_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->setup_error), TRUE);
}

static guint64
random_seed (void)
{
  return ((guint64) g_random_int () << 32) | g_random_int ();
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  LqAbxWindow *self = LQ_ABX_WINDOW (widget);
  LqPlayback *playback = lq_session_get_playback (self->session);
  guint index[2] = { adw_combo_row_get_selected (self->a_row),
                     adw_combo_row_get_selected (self->b_row) };
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->candidates));
  g_autoptr(GTask) task = NULL;
  g_autofree char *device = NULL;
  Identities *ids;
  double level[2];
  LqSource *mix;

  if (self->test != NULL || self->preparing != NULL)
    return;
  if (index[0] >= n || index[1] >= n || index[0] == index[1])
    {
      setup_error (self, _("Choose two different sources for A and B."));
      return;
    }
  /* Louder sounds better: the test only makes sense matched. */
  lq_source_set_set_loudness_match (sources_of (self), TRUE);
  for (guint i = 0; i < 2; i++)
    level[i] = level_of (self, index[i]);
  if (!isfinite (level[0]) || !isfinite (level[1])
      || fabs (level[0] - level[1]) > LEVEL_TOLERANCE_LU)
    {
      setup_error (self, _("A and B cannot be matched in loudness (is one silent, or still "
                           "being measured?)."));
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->setup_error), FALSE);

  mix = lq_source_set_get_mix (sources_of (self));
  if (adw_combo_row_get_selected (self->segment_row) == 1
      && get_loop (self, &self->segment_start, &self->segment_end))
    ;
  else
    {
      self->segment_start = 0.0;
      self->segment_end = mix != NULL ? lq_source_get_duration (mix) : 0.0;
    }

  self->test = lq_abx_test_new (gtk_string_list_get_string (self->candidates, index[0]),
                                gtk_string_list_get_string (self->candidates, index[1]));
  if (playback != NULL)
    device = lq_playback_dup_device_name (playback);
  g_object_set (self->test,
                "n-trials", (guint) gtk_spin_button_get_value_as_int (self->trials_spin),
                "seed", self->has_seed ? self->seed : random_seed (),
                "crossfade-ms", gtk_spin_button_get_value (self->crossfade_spin),
                "segment-start", self->segment_start,
                "segment-end", self->segment_end,
                "device", device, NULL);
  lq_abx_test_set_levels (self->test, level[0], level[1]);

  /* A file's audio is named by its hash, the master by the chain it is heard through. */
  ids = g_new0 (Identities, 1);
  for (guint i = 0; i < 2; i++)
    {
      LqSource *source = is_compared (self, index[i]) ? NULL : source_at (self, index[i]);

      if (source == NULL)
        ids->identity[i] = lq_abx_dup_chain_identity (lq_snapshot_get_params (
          lq_snapshot_list_get (lq_session_get_snapshots (self->session),
                                index[i] - self->n_sources)));
      else if (lq_source_get_kind (source) == LQ_SOURCE_KIND_MASTER)
        ids->identity[i] = lq_abx_dup_chain_identity (
          lq_chain_model_get_params (lq_session_get_chain (self->session)));
      else
        {
          /* Immutable audio: the worker may read it while the window goes on. */
          LqSourceBuffer *buffer = lq_source_get_buffer (source, NULL);

          ids->buffer[i] = buffer ? g_object_ref (buffer) : NULL;
        }
    }
  self->preparing = g_cancellable_new ();
  gtk_label_set_label (self->trial_label, _("Preparing the test…"));
  gtk_label_set_label (self->playing_label, "");
  gtk_stack_set_visible_child_name (self->stack, "trial");
  update_actions (self);
  task = g_task_new (self, self->preparing, identities_done_cb, NULL);
  g_task_set_task_data (task, ids, (GDestroyNotify) identities_free);
  g_task_run_in_thread (task, identities_thread);
}

/* ---- export ----------------------------------------------------------------------------- */

gboolean
lq_abx_window_write_log (LqAbxWindow  *self,
                         GFile        *file,
                         GError      **error)
{
  g_autofree char *log = NULL;

  g_return_val_if_fail (LQ_IS_ABX_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->test == NULL || !lq_abx_test_get_finished (self->test))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The test is not finished"));
      return FALSE;
    }
  log = lq_abx_test_dup_log (self->test);
  /* Written beside the destination and moved into place: never a partial log. */
  return g_file_replace_contents (file, log, strlen (log), NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, NULL, error);
}

static void
export_picked_cb (GFile    *file,
                  gpointer  user_data)
{
  LqAbxWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (file == NULL)
    return;
  name = g_file_get_parse_name (file);
  if (lq_abx_window_write_log (self, file, &error))
    message = g_strdup_printf (_("Log written to %s"), name);
  else
    message = g_strdup_printf (_("Could not write %s: %s"), name, error->message);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LqAbxWindow *self = LQ_ABX_WINDOW (widget);
  const char *const suffixes[] = { "txt", NULL };
  g_autoptr(GtkFileFilter) filter = lq_file_filter_new (_("Text files"), suffixes);

  if (self->test == NULL || !lq_abx_test_get_finished (self->test))
    return;
  lq_file_pick (GTK_WINDOW (self), LQ_FILE_PICK_SAVE, _("Export A/B/X Log"), "abx-log.txt",
                NULL, filter, export_picked_cb, g_object_ref (self), g_object_unref);
}

/* ---- building --------------------------------------------------------------------------- */

static GtkWidget *
new_spin_row (const char *title,
              double      min,
              double      max,
              double      value,
              GtkSpinButton **spin)
{
  GtkWidget *row = adw_action_row_new ();

  *spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (min, max, 1.0));
  gtk_spin_button_set_value (*spin, value);
  gtk_widget_set_valign (GTK_WIDGET (*spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (*spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (*spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (*spin));
  return row;
}

static AdwComboRow *
new_combo_row (const char *title,
               GListModel *model)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, model);
  return row;
}

static GtkWidget *
new_button (const char *label,
            const char *tooltip,
            const char *action,
            gint32      target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", target);
  gtk_widget_add_css_class (button, "pill");
  return button;
}

static GtkWidget *
new_label (const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static GtkWidget *
new_page (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  return box;
}

static GtkWidget *
build_setup (LqAbxWindow *self)
{
  GtkWidget *page = new_page ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *intro = new_label ("dim-label");
  g_autoptr(GtkStringList) segments = gtk_string_list_new (NULL);
  GtkWidget *start;
  double loop_start, loop_end;

  gtk_label_set_label (GTK_LABEL (intro),
                       _("Each trial hides A or B behind X. Listen to all three as often as you "
                         "like, then say which one X is. Both play at the same loudness, from the "
                         "same point; the score stays hidden until the last trial."));
  gtk_box_append (GTK_BOX (page), intro);

  self->a_row = new_combo_row (_("Source A"), G_LIST_MODEL (self->candidates));
  self->b_row = new_combo_row (_("Source B"), G_LIST_MODEL (self->candidates));
  gtk_string_list_append (segments, _("Whole file"));
  if (get_loop (self, &loop_start, &loop_end))
    gtk_string_list_append (segments, _("Loop"));
  self->segment_row = new_combo_row (_("Segment"), G_LIST_MODEL (segments));
  if (g_list_model_get_n_items (G_LIST_MODEL (segments)) > 1)
    adw_combo_row_set_selected (self->segment_row, 1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->a_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->b_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             new_spin_row (_("Trials"), 1, LQ_ABX_MAX_TRIALS,
                                           LQ_ABX_DEFAULT_TRIALS, &self->trials_spin));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->segment_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             new_spin_row (_("Crossfade (ms)"), LQ_ABX_MIN_CROSSFADE_MS,
                                           LQ_ABX_MAX_CROSSFADE_MS, LQ_ABX_DEFAULT_CROSSFADE_MS,
                                           &self->crossfade_spin));
  gtk_box_append (GTK_BOX (page), group);

  self->setup_error = GTK_LABEL (new_label ("error"));
  gtk_widget_set_visible (GTK_WIDGET (self->setup_error), FALSE);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->setup_error));

  start = gtk_button_new_with_mnemonic (_("_Start Test"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (start), "abx.start");
  gtk_widget_add_css_class (start, "suggested-action");
  gtk_widget_add_css_class (start, "pill");
  gtk_widget_set_halign (start, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (page), start);
  return page;
}

static GtkWidget *
build_trial (LqAbxWindow *self)
{
  GtkWidget *page = new_page ();
  GtkWidget *play = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *answer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->trial_label = GTK_LABEL (new_label ("title-2"));
  self->playing_label = GTK_LABEL (new_label ("dim-label"));
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->trial_label));
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->playing_label));

  gtk_widget_set_halign (play, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (play), new_button ("A", _("Play A (key A)"), "abx.play", PLAY_A));
  gtk_box_append (GTK_BOX (play), new_button ("B", _("Play B (key B)"), "abx.play", PLAY_B));
  gtk_box_append (GTK_BOX (play), new_button ("X", _("Play X (key X)"), "abx.play", PLAY_X));
  gtk_box_append (GTK_BOX (page), play);

  gtk_widget_set_halign (answer, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (answer), new_button (_("X is A"), _("Answer: X is A (key 1)"),
                                                "abx.answer", LQ_ABX_A));
  gtk_box_append (GTK_BOX (answer), new_button (_("X is B"), _("Answer: X is B (key 2)"),
                                                "abx.answer", LQ_ABX_B));
  gtk_box_append (GTK_BOX (page), answer);
  return page;
}

static GtkWidget *
build_result (LqAbxWindow *self)
{
  GtkWidget *page = new_page ();
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export Log…"));

  self->score_label = GTK_LABEL (new_label ("title-1"));
  self->p_label = GTK_LABEL (new_label (NULL));
  self->verdict_label = GTK_LABEL (new_label ("title-4"));
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->score_label));
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->verdict_label));
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->p_label));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "abx.export");
  gtk_widget_add_css_class (export, "pill");
  gtk_widget_set_halign (export, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (page), export);
  return page;
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
lq_abx_window_dispose (GObject *object)
{
  LqAbxWindow *self = (LqAbxWindow *) object;

  if (self->preparing != NULL)
    g_cancellable_cancel (self->preparing);
  g_clear_object (&self->preparing);
  if (self->session != NULL)
    give_back_playback (self);
  g_clear_object (&self->test);
  g_clear_object (&self->session);
  g_clear_object (&self->candidates);

  G_OBJECT_CLASS (lq_abx_window_parent_class)->dispose (object);
}

static gboolean
lq_abx_window_close_request (GtkWindow *window)
{
  give_back_playback (LQ_ABX_WINDOW (window));
  return GTK_WINDOW_CLASS (lq_abx_window_parent_class)->close_request (window);
}

static void
lq_abx_window_class_init (LqAbxWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = lq_abx_window_dispose;
  window_class->close_request = lq_abx_window_close_request;

  gtk_widget_class_install_action (widget_class, "abx.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "abx.play", "i", play_action);
  gtk_widget_class_install_action (widget_class, "abx.answer", "i", answer_action);
  gtk_widget_class_install_action (widget_class, "abx.export", NULL, export_action);
  lq_shortcuts_add_to_abx_class (widget_class);
}

static void
lq_abx_window_init (LqAbxWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  self->candidates = gtk_string_list_new (NULL);
  self->saved_crossfade = -1.0;
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (box), header);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_title (GTK_WINDOW (self), _("Blind A/B/X Test"));
  gtk_window_set_default_size (GTK_WINDOW (self), 480, -1);
}

LqAbxWindow *
lq_abx_window_new (GtkWindow *parent,
                   LqSession *session)
{
  LqAbxWindow *self;
  guint n;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LQ_IS_SESSION (session), NULL);

  self = g_object_new (LQ_TYPE_ABX_WINDOW, "modal", TRUE, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  fill_candidates (self);
  gtk_stack_add_named (self->stack, build_setup (self), "setup");
  gtk_stack_add_named (self->stack, build_trial (self), "trial");
  gtk_stack_add_named (self->stack, build_result (self), "result");
  gtk_stack_set_visible_child_name (self->stack, "setup");
  /* The mix against the master by default: what one most often wants to know. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->candidates));
  lq_abx_window_set_pair (self, 0, n > 1 ? 1 : 0);
  update_actions (self);
  return self;
}

/* Compare mode: the first n snapshots are heard as masters of their own, and can be A or B. */
void
lq_abx_window_set_compared (LqAbxWindow *self,
                            guint        n)
{
  g_return_if_fail (LQ_IS_ABX_WINDOW (self));

  self->n_compared = MIN (n, g_list_model_get_n_items (
                            G_LIST_MODEL (lq_session_get_snapshots (self->session))));
  fill_candidates (self);
}

GListModel *
lq_abx_window_get_candidates (LqAbxWindow *self)
{
  g_return_val_if_fail (LQ_IS_ABX_WINDOW (self), NULL);

  return G_LIST_MODEL (self->candidates);
}

void
lq_abx_window_set_pair (LqAbxWindow *self,
                        guint        a,
                        guint        b)
{
  g_return_if_fail (LQ_IS_ABX_WINDOW (self));

  adw_combo_row_set_selected (self->a_row, a);
  adw_combo_row_set_selected (self->b_row, b);
}

void
lq_abx_window_set_seed (LqAbxWindow *self,
                        guint64      seed)
{
  g_return_if_fail (LQ_IS_ABX_WINDOW (self));

  self->has_seed = TRUE;
  self->seed = seed;
}

LqAbxTest *
lq_abx_window_get_test (LqAbxWindow *self)
{
  g_return_val_if_fail (LQ_IS_ABX_WINDOW (self), NULL);

  return self->test;
}

gboolean
lq_abx_window_get_preparing (LqAbxWindow *self)
{
  g_return_val_if_fail (LQ_IS_ABX_WINDOW (self), FALSE);

  return self->preparing != NULL;
}
