/* lq-audio-device.h
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

#pragma once

#include <gio/gio.h>

#include "lq-engine-rt.h"

G_BEGIN_DECLS

/* PortAudio output devices and the stream that runs the player's real-time core. Every
 * PortAudio call in Lacquer is in this file; the callback calls lq_engine_rt_callback and
 * nothing else. */

#define LQ_AUDIO_DEVICE_ERROR (lq_audio_device_error_quark ())

typedef enum
{
  LQ_AUDIO_DEVICE_ERROR_INIT,          /* PortAudio could not start */
  LQ_AUDIO_DEVICE_ERROR_NO_DEVICE,     /* no output device at all */
  LQ_AUDIO_DEVICE_ERROR_NOT_FOUND,     /* no device of that name */
  LQ_AUDIO_DEVICE_ERROR_OPEN,          /* the device refused the stream */
  LQ_AUDIO_DEVICE_ERROR_LOST,          /* the device stopped while playing */
} LqAudioDeviceError;

/* What the GUI shows about audio output. */
typedef enum
{
  LQ_DEVICE_STATUS_CLOSED,             /* no stream open (offline) */
  LQ_DEVICE_STATUS_OK,
  LQ_DEVICE_STATUS_NO_DEVICE,
  LQ_DEVICE_STATUS_ERROR,
  LQ_DEVICE_STATUS_LOST,
} LqDeviceStatus;

#define LQ_TYPE_DEVICE_STATUS (lq_device_status_get_type ())
#define LQ_TYPE_AUDIO_DEVICE  (lq_audio_device_get_type ())

GType lq_device_status_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (LqAudioDevice, lq_audio_device, LQ, AUDIO_DEVICE, GObject)

GQuark         lq_audio_device_error_quark           (void);

/* PortAudio, reference-counted: the first acquire initialises it (with ALSA's and JACK's
 * console chatter silenced), the last release terminates it. Main thread only. */
gboolean       lq_audio_system_acquire               (GError        **error);
void           lq_audio_system_release               (void);

/* The output devices (LqAudioDevice), the default one first. Takes and drops its own
 * reference on the audio system. */
GListModel    *lq_audio_device_list                  (GError        **error);
/* name NULL or "" (or "default"): the default device. Otherwise an exact name, then a
 * case-insensitive substring that matches exactly one device. */
LqAudioDevice *lq_audio_device_find                  (const char     *name,
                                                      GError        **error);

const char    *lq_audio_device_get_name              (LqAudioDevice  *self);
const char    *lq_audio_device_get_host_api          (LqAudioDevice  *self);
int            lq_audio_device_get_index             (LqAudioDevice  *self);
guint          lq_audio_device_get_max_channels      (LqAudioDevice  *self);
double         lq_audio_device_get_default_rate      (LqAudioDevice  *self);
double         lq_audio_device_get_default_latency   (LqAudioDevice  *self);
gboolean       lq_audio_device_get_is_default        (LqAudioDevice  *self);

/* A running output stream feeding from an LqEngineRt. */
typedef struct _LqAudioStream LqAudioStream;

/* Opens the device at rate with two channels (one if that is all it has); buffer_frames 0
 * lets the device choose. The core must outlive the stream. */
LqAudioStream *lq_audio_stream_open                  (LqAudioDevice  *device,
                                                      double          rate,
                                                      guint           buffer_frames,
                                                      LqEngineRt     *rt,
                                                      GError        **error);
guint          lq_audio_stream_get_channels          (LqAudioStream  *self);
gboolean       lq_audio_stream_start                 (LqAudioStream  *self,
                                                      GError        **error);
/* Plays out what was queued, then stops. */
void           lq_audio_stream_stop                  (LqAudioStream  *self);
/* For a device that stopped responding: detaches the core at once (the callback plays
 * silence from then on, so the core may be freed) and closes the stream on a thread of its
 * own, since PortAudio may never get its callback thread back. Takes ownership. */
void           lq_audio_stream_abandon               (LqAudioStream  *self);
void           lq_audio_stream_close                 (LqAudioStream  *self);
/* Output latency reported by the device, seconds. */
double         lq_audio_stream_get_latency           (LqAudioStream  *self);
double         lq_audio_stream_get_cpu_load          (LqAudioStream  *self);
/* FALSE once a started stream has stopped by itself (the device went away). */
gboolean       lq_audio_stream_is_alive              (LqAudioStream  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LqAudioStream, lq_audio_stream_close)

G_END_DECLS
