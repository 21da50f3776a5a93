/* lq-player-playback-sources.c
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

/* The session's sources hold their decoded audio (each file is decoded once, when it is
 * loaded and analysed). The player takes the mix's as it is and the references' resampled to
 * the mix's rate on a worker where they differ. A new session cancels what is still
 * resampling; buffers already made for the same files are kept. */

#include "config.h"

#include "lq-player-playback-private.h"
#include "lq-source-set.h"

static void
set_loading (LqPlayerPlayback *self,
             gboolean          loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify (G_OBJECT (self), "loading");
}

/* Everything is decoded: hand it to the player, the references in the session's order up to
 * the first one missing (one that failed to decode). */
static void
apply_sources (LqPlayerPlayback *self)
{
  g_autoptr(GPtrArray) refs = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < self->ref_paths->len && refs->len < LQ_MAX_REFERENCES; i++)
    {
      LqSourceBuffer *buffer = g_hash_table_lookup (self->refs,
                                                    g_ptr_array_index (self->ref_paths, i));

      if (buffer == NULL)
        break;
      g_ptr_array_add (refs, buffer);
    }

  /* Forget references no longer in the session. */
  g_hash_table_iter_init (&iter, self->refs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_ptr_array_find_with_equal_func (self->ref_paths, key, g_str_equal, NULL))
      g_hash_table_iter_remove (&iter);

  if (!lq_player_set_sources (self->player, self->mix, (LqSourceBuffer **) refs->pdata,
                              refs->len, &error))
    {
      g_free (self->load_error);
      self->load_error = g_strdup (error->message);
    }
  set_loading (self, FALSE);
  _lq_player_playback_sources_ready (self);
}

static void
load_failed (LqPlayerPlayback *self,
             GError           *error)
{
  g_free (self->load_error);
  self->load_error = g_strdup (error->message);
}

static void
reference_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LqPlayerPlayback) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LqSourceBuffer) buffer = lq_source_buffer_resample_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (buffer != NULL)
    {
      char *path = g_strdup (lq_source_buffer_get_path (buffer));

      g_hash_table_replace (self->refs, path, g_steal_pointer (&buffer));
    }
  else
    load_failed (self, error);
  if (--self->pending == 0)
    apply_sources (self);
}

static void
load_references (LqPlayerPlayback *self)
{
  double mix_rate = lq_source_buffer_get_sample_rate (self->mix);

  for (guint i = 0; i < self->ref_paths->len; i++)
    {
      const char *path = g_ptr_array_index (self->ref_paths, i);
      LqSource *source = g_ptr_array_index (self->ref_sources, i);
      g_autoptr(GError) error = NULL;
      LqSourceBuffer *buffer;

      if (g_hash_table_contains (self->refs, path))
        continue;
      if (!(buffer = lq_source_get_buffer (source, &error)))
        {
          load_failed (self, error);
          continue;
        }
      self->pending++;
      lq_source_buffer_resample_async (buffer, mix_rate, self->cancellable, reference_loaded_cb,
                                       g_object_ref (self));
    }
  if (self->pending == 0)
    apply_sources (self);
}

void
_lq_player_playback_load (LqPlayerPlayback *self,
                          GListModel       *sources)
{
  guint n = g_list_model_get_n_items (sources);
  g_autofree char *mix_path = NULL;
  g_autoptr(GError) error = NULL;
  LqSource *mix = NULL;
  LqSourceBuffer *buffer;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->pending = 0;
  g_clear_pointer (&self->load_error, g_free);
  g_ptr_array_set_size (self->ref_paths, 0);
  g_ptr_array_set_size (self->ref_sources, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LqSource) source = g_list_model_get_item (sources, i);
      const char *path = lq_source_get_path (source);

      if (path == NULL)
        continue;
      if (lq_source_get_kind (source) == LQ_SOURCE_KIND_MIX)
        {
          mix_path = g_strdup (path);
          mix = source;
        }
      else if (lq_source_get_kind (source) == LQ_SOURCE_KIND_REFERENCE)
        {
          g_ptr_array_add (self->ref_paths, g_strdup (path));
          g_ptr_array_add (self->ref_sources, g_object_ref (source));
        }
    }
  if (mix_path == NULL)
    {
      set_loading (self, FALSE);
      return;
    }

  set_loading (self, TRUE);
  self->cancellable = g_cancellable_new ();
  if (self->mix != NULL && g_strcmp0 (self->mix_path, mix_path) == 0)
    {
      load_references (self);
      return;
    }

  /* A new mix: the references are resampled again to its rate. */
  g_free (self->mix_path);
  self->mix_path = g_steal_pointer (&mix_path);
  g_clear_object (&self->mix);
  g_hash_table_remove_all (self->refs);
  if (!(buffer = lq_source_get_buffer (mix, &error)))
    {
      load_failed (self, error);
      set_loading (self, FALSE);
      _lq_player_playback_emit_device_changed (self);
      return;
    }
  self->mix = g_object_ref (buffer);
  load_references (self);
}
