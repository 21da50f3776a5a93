/* lq-audio-device.c
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

#include <dlfcn.h>
#include <glib/gi18n.h>
#include <portaudio.h>
#include <stdatomic.h>
#include <string.h>

#include "lq-audio-device.h"

struct _LqAudioDevice
{
  GObject   parent_instance;

  char     *name;
  char     *host_api;
  int       index;
  guint     max_channels;
  double    default_rate;
  double    default_latency;
  gboolean  is_default;
};

struct _LqAudioStream
{
  PaStream               *stream;
  LqEngineRt *_Atomic     rt;         /* NULL once abandoned: the callback plays silence */
  atomic_int              busy;       /* the callback is using rt */
  char                   *device_name;
  guint                   channels;
  gboolean                started;
  atomic_bool             finished;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_HOST_API,
  PROP_INDEX,
  PROP_MAX_CHANNELS,
  PROP_DEFAULT_RATE,
  PROP_IS_DEFAULT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Main thread only (see lq_audio_system_acquire). */
static guint system_refs;

G_DEFINE_QUARK (lq-audio-device-error-quark, lq_audio_device_error)

G_DEFINE_ENUM_TYPE (LqDeviceStatus, lq_device_status,
                    G_DEFINE_ENUM_VALUE (LQ_DEVICE_STATUS_CLOSED, "closed"),
                    G_DEFINE_ENUM_VALUE (LQ_DEVICE_STATUS_OK, "ok"),
                    G_DEFINE_ENUM_VALUE (LQ_DEVICE_STATUS_NO_DEVICE, "no-device"),
                    G_DEFINE_ENUM_VALUE (LQ_DEVICE_STATUS_ERROR, "error"),
                    G_DEFINE_ENUM_VALUE (LQ_DEVICE_STATUS_LOST, "lost"))

G_DEFINE_FINAL_TYPE (LqAudioDevice, lq_audio_device, G_TYPE_OBJECT)

/* ---- PortAudio, opened on first use ---------------------------------------------------- */

/* Linked, PortAudio (with ALSA, JACK and what they bring) cost every `lacquer` command 3 ms
 * of start-up, a twentieth of `lacquer analyze` on a 5-minute file, and only playback uses
 * it. It is opened by its soname when the audio system is first acquired, and its functions
 * are called through the table pa: pa.Initialize () for Pa_Initialize (). A direct call
 * fails to link, since nothing links PortAudio. */
#define PA_FUNCTIONS(F) \
  F (Initialize) F (Terminate) F (GetErrorText) F (GetDeviceCount) F (GetDefaultOutputDevice) \
  F (GetDeviceInfo) F (GetHostApiInfo) F (OpenStream) F (SetStreamFinishedCallback) \
  F (StartStream) F (StopStream) F (CloseStream) F (IsStreamStopped) F (IsStreamActive) \
  F (GetStreamInfo) F (GetStreamCpuLoad)

static struct
{
#define PA_POINTER(name) __typeof__ (Pa_##name) *name;
  PA_FUNCTIONS (PA_POINTER)
#undef PA_POINTER
} pa;

#define PORTAUDIO_SONAME "libportaudio.so.2"

/* Main thread only, like the rest of the audio system's set-up. Global, so that the hooks
 * below find ALSA's and JACK's functions. */
static gboolean
load_portaudio (GError **error)
{
  static void *handle;
  const char *missing = NULL;

  if (handle != NULL)
    return TRUE;
  handle = dlopen (PORTAUDIO_SONAME, RTLD_NOW | RTLD_GLOBAL);
  if (handle == NULL)
    {
      g_set_error (error, LQ_AUDIO_DEVICE_ERROR, LQ_AUDIO_DEVICE_ERROR_INIT,
                   _("The audio system could not start (%s)"), dlerror ());
      return FALSE;
    }
#define PA_LOAD(name) \
  if (missing == NULL && (pa.name = dlsym (handle, "Pa_" #name)) == NULL) \
    missing = "Pa_" #name;
  PA_FUNCTIONS (PA_LOAD)
#undef PA_LOAD
  if (missing != NULL)
    {
      g_set_error (error, LQ_AUDIO_DEVICE_ERROR, LQ_AUDIO_DEVICE_ERROR_INIT,
                   _("The audio system could not start (%s lacks %s)"), PORTAUDIO_SONAME,
                   missing);
      dlclose (handle);
      handle = NULL;
      return FALSE;
    }
  return TRUE;
}

/* ---- quiet start-up ----------------------------------------------------------------------- */

/* ALSA prints a line for every PCM it cannot open while PortAudio probes, and the JACK host
 * API complains that no server runs: noise for a user who never asked for either. Both
 * libraries are already loaded with PortAudio; their hooks are looked up at run time so that
 * Lacquer links neither. */
static void
quiet_alsa (const char *file,
            int         line,
            const char *function,
            int         err,
            const char *fmt,
            ...)
{
}

static void
quiet_jack (const char *message)
{
}

static void
silence_backends (void)
{
  typedef void (*AlsaErrorHandler) (const char *, int, const char *, int, const char *, ...);
  typedef int (*AlsaSetHandler) (AlsaErrorHandler);
  typedef void (*JackSetFunction) (void (*) (const char *));
  AlsaSetHandler alsa_set;
  JackSetFunction jack_set;

  if (g_getenv ("LACQUER_AUDIO_DEBUG") != NULL)
    return;
  alsa_set = (AlsaSetHandler) dlsym (RTLD_DEFAULT, "snd_lib_error_set_handler");
  if (alsa_set != NULL)
    alsa_set (quiet_alsa);
  jack_set = (JackSetFunction) dlsym (RTLD_DEFAULT, "jack_set_error_function");
  if (jack_set != NULL)
    jack_set (quiet_jack);
  jack_set = (JackSetFunction) dlsym (RTLD_DEFAULT, "jack_set_info_function");
  if (jack_set != NULL)
    jack_set (quiet_jack);
}

gboolean
lq_audio_system_acquire (GError **error)
{
  PaError err;

  if (system_refs > 0)
    {
      system_refs++;
      return TRUE;
    }
  if (!load_portaudio (error))
    return FALSE;
  silence_backends ();
  err = pa.Initialize ();
  if (err != paNoError)
    {
      g_set_error (error, LQ_AUDIO_DEVICE_ERROR, LQ_AUDIO_DEVICE_ERROR_INIT,
                   _("The audio system could not start (%s)"), pa.GetErrorText (err));
      return FALSE;
    }
  system_refs = 1;
  return TRUE;
}

void
lq_audio_system_release (void)
{
  g_return_if_fail (system_refs > 0);

  if (--system_refs == 0)
    pa.Terminate ();
}

/* ---- LqAudioDevice -------------------------------------------------------------------- */

static void
lq_audio_device_finalize (GObject *object)
{
  LqAudioDevice *self = (LqAudioDevice *) object;

  g_free (self->name);
  g_free (self->host_api);

  G_OBJECT_CLASS (lq_audio_device_parent_class)->finalize (object);
}

static void
lq_audio_device_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LqAudioDevice *self = LQ_AUDIO_DEVICE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_HOST_API:
      g_value_set_string (value, self->host_api);
      break;
    case PROP_INDEX:
      g_value_set_int (value, self->index);
      break;
    case PROP_MAX_CHANNELS:
      g_value_set_uint (value, self->max_channels);
      break;
    case PROP_DEFAULT_RATE:
      g_value_set_double (value, self->default_rate);
      break;
    case PROP_IS_DEFAULT:
      g_value_set_boolean (value, self->is_default);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lq_audio_device_class_init (LqAudioDeviceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lq_audio_device_finalize;
  object_class->get_property = lq_audio_device_get_property;

  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_HOST_API] =
    g_param_spec_string ("host-api", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_INDEX] =
    g_param_spec_int ("index", NULL, NULL, -1, G_MAXINT, -1,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_MAX_CHANNELS] =
    g_param_spec_uint ("max-channels", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_DEFAULT_RATE] =
    g_param_spec_double ("default-rate", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_IS_DEFAULT] =
    g_param_spec_boolean ("is-default", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lq_audio_device_init (LqAudioDevice *self)
{
  self->index = -1;
}

static LqAudioDevice *
device_new (PaDeviceIndex index,
            gboolean      is_default)
{
  const PaDeviceInfo *info = pa.GetDeviceInfo (index);
  const PaHostApiInfo *api = pa.GetHostApiInfo (info->hostApi);
  LqAudioDevice *self = g_object_new (LQ_TYPE_AUDIO_DEVICE, NULL);

  self->name = g_utf8_make_valid (info->name ? info->name : "", -1);
  self->host_api = g_strdup (api && api->name ? api->name : "");
  self->index = index;
  self->max_channels = (guint) MAX (info->maxOutputChannels, 0);
  self->default_rate = info->defaultSampleRate;
  self->default_latency = info->defaultLowOutputLatency;
  self->is_default = is_default;
  return self;
}

/* With the audio system acquired. */
static GListStore *
enumerate (void)
{
  GListStore *store = g_list_store_new (LQ_TYPE_AUDIO_DEVICE);
  PaDeviceIndex def = pa.GetDefaultOutputDevice ();
  int count = pa.GetDeviceCount ();

  if (def != paNoDevice && def < count)
    {
      const PaDeviceInfo *info = pa.GetDeviceInfo (def);

      if (info != NULL && info->maxOutputChannels > 0)
        {
          g_autoptr(LqAudioDevice) device = device_new (def, TRUE);
          g_list_store_append (store, device);
        }
    }
  for (int i = 0; i < count; i++)
    {
      const PaDeviceInfo *info = pa.GetDeviceInfo (i);
      g_autoptr(LqAudioDevice) device = NULL;

      if (i == def || info == NULL || info->maxOutputChannels <= 0)
        continue;
      device = device_new (i, FALSE);
      g_list_store_append (store, device);
    }
  return store;
}

GListModel *
lq_audio_device_list (GError **error)
{
  GListStore *store;

  if (!lq_audio_system_acquire (error))
    return NULL;
  store = enumerate ();
  lq_audio_system_release ();
  return G_LIST_MODEL (store);
}

static void
set_no_device (GError **error)
{
  g_set_error_literal (error, LQ_AUDIO_DEVICE_ERROR, LQ_AUDIO_DEVICE_ERROR_NO_DEVICE,
                       _("No audio output device was found: playback is unavailable "
                         "(analysis and export still work)"));
}

LqAudioDevice *
lq_audio_device_find (const char  *name,
                      GError     **error)
{
  g_autoptr(GListStore) store = NULL;
  g_autoptr(LqAudioDevice) match = NULL;
  g_autofree char *needle = NULL;
  guint n, n_matches = 0;

  if (!lq_audio_system_acquire (error))
    return NULL;
  store = enumerate ();
  lq_audio_system_release ();

  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  if (n == 0)
    {
      set_no_device (error);
      return NULL;
    }
  if (name == NULL || *name == '\0')
    return g_list_model_get_item (G_LIST_MODEL (store), 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LqAudioDevice) device = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (g_str_equal (device->name, name))
        return g_steal_pointer (&device);
    }
  if (g_ascii_strcasecmp (name, "default") == 0)
    return g_list_model_get_item (G_LIST_MODEL (store), 0);

  needle = g_utf8_casefold (name, -1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LqAudioDevice) device = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_autofree char *hay = g_utf8_casefold (device->name, -1);

      if (strstr (hay, needle) != NULL)
        {
          n_matches++;
          g_set_object (&match, device);
        }
    }
  if (n_matches == 1)
    return g_steal_pointer (&match);

  g_set_error (error, LQ_AUDIO_DEVICE_ERROR, LQ_AUDIO_DEVICE_ERROR_NOT_FOUND,
               n_matches == 0 ? _("No audio output device is called “%s” "
                                  "(see “lacquer play --list-devices”)")
                              : _("“%s” matches several audio output devices; give the full name "
                                  "(see “lacquer play --list-devices”)"),
               name);
  return NULL;
}

const char *
lq_audio_device_get_name (LqAudioDevice *self)
{
  g_return_val_if_fail (LQ_IS_AUDIO_DEVICE (self), NULL);
  return self->name;
}

const char *
lq_audio_device_get_host_api (LqAudioDevice *self)
{
  g_return_val_if_fail (LQ_IS_AUDIO_DEVICE (self), NULL);
  return self->host_api;
}

int
lq_audio_device_get_index (LqAudioDevice *self)
{
  g_return_val_if_fail (LQ_IS_AUDIO_DEVICE (self), -1);
  return self->index;
}

guint
lq_audio_device_get_max_channels (LqAudioDevice *self)
{
  g_return_val_if_fail (LQ_IS_AUDIO_DEVICE (self), 0);
  return self->max_channels;
}

double
lq_audio_device_get_default_rate (LqAudioDevice *self)
{
  g_return_val_if_fail (LQ_IS_AUDIO_DEVICE (self), 0.0);
  return self->default_rate;
}

double
lq_audio_device_get_default_latency (LqAudioDevice *self)
{
  g_return_val_if_fail (LQ_IS_AUDIO_DEVICE (self), 0.0);
  return self->default_latency;
}

gboolean
lq_audio_device_get_is_default (LqAudioDevice *self)
{
  g_return_val_if_fail (LQ_IS_AUDIO_DEVICE (self), FALSE);
  return self->is_default;
}

/* ---- LqAudioStream -------------------------------------------------------------------- */

/* The audio thread: the core does everything, and nothing else happens here. */
static int
stream_callback (const void                     *input,
                 void                           *output,
                 unsigned long                   n_frames,
                 const PaStreamCallbackTimeInfo *time_info,
                 PaStreamCallbackFlags           flags,
                 void                           *user_data)
{
  LqAudioStream *self = user_data;
  LqEngineRt *rt;

  /* busy, then rt (both sequentially consistent): lq_audio_stream_abandon clears rt, then
   * waits for busy, so either this sees NULL or it sees this callback running. */
  atomic_store (&self->busy, 1);
  rt = atomic_load (&self->rt);
  if (rt != NULL)
    lq_engine_rt_callback (rt, output, (uint32_t) n_frames,
                           (flags & (paOutputUnderflow | paOutputOverflow)) != 0);
  else
    memset (output, 0, n_frames * self->channels * sizeof (float));
  atomic_store (&self->busy, 0);
  return paContinue;
}

static void
stream_finished (void *user_data)
{
  LqAudioStream *self = user_data;

  atomic_store (&self->finished, true);
}

LqAudioStream *
lq_audio_stream_open (LqAudioDevice  *device,
                      double          rate,
                      guint           buffer_frames,
                      LqEngineRt     *rt,
                      GError        **error)
{
  g_autoptr(LqAudioStream) self = NULL;
  PaStreamParameters params = { 0 };
  PaError err;

  g_return_val_if_fail (LQ_IS_AUDIO_DEVICE (device), NULL);
  g_return_val_if_fail (rt != NULL, NULL);

  if (!lq_audio_system_acquire (error))
    return NULL;

  self = g_new0 (LqAudioStream, 1);
  atomic_init (&self->rt, rt);
  atomic_init (&self->busy, 0);
  self->device_name = g_strdup (device->name);
  self->channels = MIN (device->max_channels, 2);
  atomic_init (&self->finished, false);

  params.device = device->index;
  params.channelCount = (int) self->channels;
  params.sampleFormat = paFloat32;
  params.suggestedLatency = buffer_frames > 0 ? MAX (2.0 * buffer_frames / rate,
                                                     device->default_latency)
                                              : device->default_latency;
  params.hostApiSpecificStreamInfo = NULL;

  err = pa.OpenStream (&self->stream, NULL, &params, rate,
                         buffer_frames > 0 ? buffer_frames : paFramesPerBufferUnspecified,
                         paNoFlag, stream_callback, self);
  if (err != paNoError)
    {
      self->stream = NULL;
      g_set_error (error, LQ_AUDIO_DEVICE_ERROR, LQ_AUDIO_DEVICE_ERROR_OPEN,
                   _("The audio device “%s” cannot play %.0f Hz stereo (%s)"),
                   device->name, rate, pa.GetErrorText (err));
      return NULL;
    }
  pa.SetStreamFinishedCallback (self->stream, stream_finished);
  return g_steal_pointer (&self);
}

guint
lq_audio_stream_get_channels (LqAudioStream *self)
{
  return self->channels;
}

gboolean
lq_audio_stream_start (LqAudioStream  *self,
                       GError        **error)
{
  PaError err;

  if (self->started)
    return TRUE;
  atomic_store (&self->finished, false);
  err = pa.StartStream (self->stream);
  if (err != paNoError)
    {
      g_set_error (error, LQ_AUDIO_DEVICE_ERROR, LQ_AUDIO_DEVICE_ERROR_OPEN,
                   _("The audio device “%s” could not start (%s)"),
                   self->device_name, pa.GetErrorText (err));
      return FALSE;
    }
  self->started = TRUE;
  return TRUE;
}

void
lq_audio_stream_stop (LqAudioStream *self)
{
  if (!self->started)
    return;
  if (pa.IsStreamStopped (self->stream) == 0)
    pa.StopStream (self->stream);
  self->started = FALSE;
}

static gboolean
release_system_cb (gpointer data)
{
  lq_audio_system_release ();
  return G_SOURCE_REMOVE;
}

typedef struct
{
  LqAudioStream *stream;
  GMainContext  *context;
} Abandoned;

static gpointer
abandon_thread (gpointer data)
{
  Abandoned *a = data;

  pa.CloseStream (a->stream->stream);
  g_main_context_invoke (a->context, release_system_cb, NULL);
  g_main_context_unref (a->context);
  g_free (a->stream->device_name);
  g_free (a->stream);
  g_free (a);
  return NULL;
}

void
lq_audio_stream_abandon (LqAudioStream *self)
{
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  Abandoned *a;

  if (self == NULL)
    return;

  /* From here on the callback never touches the core (wait out a callback in progress: it
   * cannot block inside the core, which is real-time safe). */
  atomic_store (&self->rt, NULL);
  while (atomic_load (&self->busy) && g_get_monotonic_time () < deadline)
    g_usleep (100);

  /* Closing may never return when the device holds the callback thread (PortAudio cannot
   * cancel it): it gets a thread of its own, and the audio system reference is dropped on
   * this thread's main context once (if ever) it is done. */
  a = g_new0 (Abandoned, 1);
  a->stream = self;
  a->context = g_main_context_ref_thread_default ();
  g_thread_unref (g_thread_new ("lq-stream-close", abandon_thread, a));
}

void
lq_audio_stream_close (LqAudioStream *self)
{
  if (self == NULL)
    return;
  if (self->stream != NULL)
    {
      lq_audio_stream_stop (self);
      pa.CloseStream (self->stream);
    }
  g_free (self->device_name);
  g_free (self);
  lq_audio_system_release ();
}

double
lq_audio_stream_get_latency (LqAudioStream *self)
{
  const PaStreamInfo *info = pa.GetStreamInfo (self->stream);

  return info ? info->outputLatency : 0.0;
}

double
lq_audio_stream_get_cpu_load (LqAudioStream *self)
{
  return pa.GetStreamCpuLoad (self->stream);
}

gboolean
lq_audio_stream_is_alive (LqAudioStream *self)
{
  if (!self->started)
    return TRUE;
  return !atomic_load (&self->finished) && pa.IsStreamActive (self->stream) == 1;
}
