/* test-player-rt.c
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

/* Real-time safety of the audio callback, proven rather than promised: this binary
 * interposes malloc, calloc, realloc, free, the aligned allocators, pthread_mutex_lock and
 * g_mutex_lock (forwarding to the real ones), and counts the calls made on the audio thread
 * while it is inside the player's callback (a thread-local flag set by the core's probe).
 * The player then plays through PortAudio into an ALSA file device while the main thread
 * switches, schedules, seeks, loops, pauses, changes the chain, the gains, the crossfade,
 * the sync, a reference's own loop and the source set, and drains the meters. Every count
 * must stay zero. */

#include "config.h"

#include <dlfcn.h>
#include <malloc.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "lq-engine-rt.h"
#include "lq-player-private.h"
#include "player-test-util.h"

/* AddressSanitizer owns malloc: the interposition below would hand it memory it never
 * allocated. Under ASan the test skips itself (TAP "1..0 # SKIP"); the normal build runs
 * it. */
#if defined(__SANITIZE_ADDRESS__)
# define LQ_UNDER_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define LQ_UNDER_ASAN 1
# endif
#endif

/* ---- interposition ------------------------------------------------------------------------ */

extern void *__libc_malloc (size_t size);
extern void *__libc_calloc (size_t n, size_t size);
extern void *__libc_realloc (void *ptr, size_t size);
extern void  __libc_free (void *ptr);
extern void *__libc_memalign (size_t alignment, size_t size);

static __thread int in_rt;
static atomic_uint rt_entries;
static atomic_uint rt_allocs;
static atomic_uint rt_frees;
static atomic_uint rt_locks;

static inline void
note (atomic_uint *counter)
{
  if (in_rt)
    atomic_fetch_add (counter, 1);
}

#ifndef LQ_UNDER_ASAN
void *
malloc (size_t size)
{
  note (&rt_allocs);
  return __libc_malloc (size);
}

void *
calloc (size_t n,
        size_t size)
{
  note (&rt_allocs);
  return __libc_calloc (n, size);
}

void *
realloc (void   *ptr,
         size_t  size)
{
  note (&rt_allocs);
  return __libc_realloc (ptr, size);
}

void
free (void *ptr)
{
  if (ptr != NULL)
    note (&rt_frees);
  __libc_free (ptr);
}

void *
memalign (size_t alignment,
          size_t size)
{
  note (&rt_allocs);
  return __libc_memalign (alignment, size);
}

void *
aligned_alloc (size_t alignment,
               size_t size)
{
  note (&rt_allocs);
  return __libc_memalign (alignment, size);
}

int
posix_memalign (void   **ptr,
                size_t   alignment,
                size_t   size)
{
  note (&rt_allocs);
  *ptr = __libc_memalign (alignment, size);
  return *ptr ? 0 : 12 /* ENOMEM */;
}
#endif

typedef int (*MutexLockFunc) (pthread_mutex_t *);
typedef void (*GMutexLockFunc) (GMutex *);

int
pthread_mutex_lock (pthread_mutex_t *mutex)
{
  static MutexLockFunc real;

  note (&rt_locks);
  if (real == NULL)
    real = (MutexLockFunc) dlsym (RTLD_NEXT, "pthread_mutex_lock");
  return real (mutex);
}

void
g_mutex_lock (GMutex *mutex)
{
  static GMutexLockFunc real;

  note (&rt_locks);
  if (real == NULL)
    real = (GMutexLockFunc) dlsym (RTLD_NEXT, "g_mutex_lock");
  real (mutex);
}

static void
probe_enter (void *data)
{
  in_rt = 1;
  atomic_fetch_add (&rt_entries, 1);
}

static void
probe_leave (void *data)
{
  in_rt = 0;
}

static void
reset_counts (void)
{
  atomic_store (&rt_entries, 0);
  atomic_store (&rt_allocs, 0);
  atomic_store (&rt_frees, 0);
  atomic_store (&rt_locks, 0);
}

static void
install_probe (LqPlayer *player)
{
  const LqEngineRtProbe probe = { probe_enter, probe_leave, NULL };

  /* Set before any stream runs (the player makes its core in set_sources). */
  lq_engine_rt_set_probe (player->rt, &probe);
}

/* ---- the workout ------------------------------------------------------------------------ */

static char *capture_dir;

/* One operation from another thread, as a user (or the GUI) would do it. */
static void
operate (LqPlayer        *player,
         guint            step,
         LqSourceBuffer  *mix,
         LqSourceBuffer **refs)
{
  LqChainParams params;
  guint64 now = lq_player_get_stream_frame (player);
  LqMeterFeed *feed = lq_player_get_meter_feed (player);

  lq_meter_feed_update (feed);
  switch (step % 16)
    {
    case 0: lq_player_select (player, LQ_SLOT_REFERENCE); break;
    case 1: lq_player_select (player, LQ_SLOT_MASTER); break;
    case 2:
      pt_busy_chain (&params);
      params.output_gain_db = -1.0 - step % 5;
      lq_player_set_chain_params (player, &params);
      break;
    case 3: lq_player_seek (player, 48000 * (step % 7)); break;
    case 4:
      for (guint k = 1; k <= 6; k++)
        lq_player_schedule_select (player, LQ_SLOT_REFERENCE + k % 2 - (k % 3 == 0), now + k * 1111,
                                   NULL);
      break;
    case 5: lq_player_set_loop (player, TRUE, 96000, 96000 + 30000); break;
    case 6:
      lq_player_set_match_enabled (player, step % 3 != 0);
      /* Listen as: the Loud limiter fading in and out on the audio thread. */
      lq_player_set_listen_as (player, (const char *[]) { "spotify-loud", NULL,
                                                          "youtube" }[(step / 16) % 3]);
      break;
    case 7:
      lq_player_set_crossfade_ms (player, 5.0 + step % 20);
      /* A monitoring mode change: its matrices crossfade on the audio thread. */
      lq_player_set_monitor_mode (player, (LqMonitorMode) ((step / 16) % LQ_MONITOR_N_MODES));
      break;
    case 8: lq_player_set_sync_references (player, !lq_player_get_sync_references (player)); break;
    case 9: lq_player_pause (player); break;
    case 10: lq_player_play (player); break;
    case 11:
      lq_player_set_loop (player, FALSE, 0, 0);
      /* A free reference's own loop, set and cleared (it wraps inside the core). */
      lq_player_set_reference_loop (player, step % 2, step % 3 != 0, 1000 + 997 * (step % 5),
                                    20000 + 1777 * (step % 7));
      break;
    case 12: g_assert_true (lq_player_set_sources (player, mix, refs, 1 + step % 2, NULL)); break;
    case 13:
      lq_player_set_listening_level (player, -20.0 - step % 6);
      {
        LqChainParams compare[2];

        /* Compare mode: chains arrive and go while one of them may be heard. */
        pt_busy_chain (&compare[0]);
        compare[1] = compare[0];
        compare[1].output_gain_db = -3.0;
        g_assert_true (lq_player_set_compare_chains (player, compare, step % 3, NULL));
        lq_player_select (player, LQ_SLOT_COMPARE + (int) (step % 2));
      }
      break;
    case 14: lq_player_set_match_target (player, step % 2 ? LQ_MATCH_TARGET_LEVEL
                                                          : LQ_MATCH_TARGET_REFERENCE); break;
    case 15: lq_player_reset_meters (player); lq_player_select (player, LQ_SLOT_MIX); break;
    default: break;
    }
}

static void
make_sources (LqSourceBuffer **mix,
              LqSourceBuffer **refs)
{
  const guint64 n = 40 * 48000;

  *mix = pt_buffer ("mix", 2, 48000, pt_music (2, n, 48000, 61, -10), n);
  refs[0] = pt_buffer ("ref1", 2, 48000, pt_music (2, n, 48000, 62, -14), n);
  refs[1] = pt_buffer ("ref2", 1, 48000, pt_sine (1, n / 2, 48000, 220, -12), n / 2);
}

static void
report (const char *what)
{
  g_test_message ("%s: %u entries into the callback/render; on the audio thread inside them "
                  "%u allocations, %u frees, %u mutex locks", what, atomic_load (&rt_entries),
                  atomic_load (&rt_allocs), atomic_load (&rt_frees), atomic_load (&rt_locks));
}

static void
test_device_callback (void)
{
  g_autoptr(LqSourceBuffer) mix = NULL;
  g_autoptr(LqSourceBuffer) ref0 = NULL;
  g_autoptr(LqSourceBuffer) ref1 = NULL;
  LqSourceBuffer *refs[2];
  g_autoptr(LqPlayer) player = lq_player_new ();
  g_autoptr(GError) error = NULL;
  LqChainParams params;
  guint step = 0;

  make_sources (&mix, refs);
  ref0 = refs[0];
  ref1 = refs[1];
  pt_busy_chain (&params);
  lq_player_set_chain_params (player, &params);
  g_assert_true (lq_player_set_sources (player, mix, refs, 2, &error));
  install_probe (player);
  lq_meter_feed_set_spectrum_enabled (lq_player_get_meter_feed (player), TRUE);
  reset_counts ();

  lq_player_play (player);
  g_assert_true (lq_player_open_device (player, NULL, 256, &error));
  g_assert_no_error (error);

  /* An operation every ~0.1 s of stream, while the device plays. */
  while (step < 160 && lq_player_get_device_status (player) == LQ_DEVICE_STATUS_OK)
    {
      if (lq_player_get_stream_frame (player) >= (step + 1) * 4800)
        operate (player, step++, mix, refs);
      g_main_context_iteration (NULL, FALSE);
    }
  while (lq_player_get_measuring (player))
    g_main_context_iteration (NULL, TRUE);
  lq_player_drain_device (player);
  report ("through the device");

  g_assert_cmpuint (step, ==, 160);
  g_assert_cmpuint (atomic_load (&rt_entries), >, 500);
  g_assert_cmpuint (atomic_load (&rt_allocs), ==, 0);
  g_assert_cmpuint (atomic_load (&rt_frees), ==, 0);
  g_assert_cmpuint (atomic_load (&rt_locks), ==, 0);
}

/* The same core rendering offline, with the same operations in between. */
static void
test_offline_render (void)
{
  g_autoptr(LqSourceBuffer) mix = NULL;
  g_autoptr(LqSourceBuffer) ref0 = NULL;
  g_autoptr(LqSourceBuffer) ref1 = NULL;
  LqSourceBuffer *refs[2];
  g_autoptr(LqPlayer) player = lq_player_new ();
  g_autofree float *out = g_new (float, 2 * 4800);

  make_sources (&mix, refs);
  ref0 = refs[0];
  ref1 = refs[1];
  g_assert_true (lq_player_set_sources (player, mix, refs, 2, NULL));
  install_probe (player);
  reset_counts ();
  lq_player_play (player);
  for (guint step = 0; step < 160; step++)
    {
      lq_player_render (player, out, 4800 - step * 13);
      lq_player_update (player);
      operate (player, step, mix, refs);
    }
  while (lq_player_get_measuring (player))
    g_main_context_iteration (NULL, TRUE);
  report ("offline");
  g_assert_cmpuint (atomic_load (&rt_entries), >=, 160);
  g_assert_cmpuint (atomic_load (&rt_allocs), ==, 0);
  g_assert_cmpuint (atomic_load (&rt_frees), ==, 0);
  g_assert_cmpuint (atomic_load (&rt_locks), ==, 0);
}

/* The counters themselves work: an allocation inside the probe is seen. */
static void
test_probe_counts (void)
{
  static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
  static GMutex gmutex;
  void *p;

  reset_counts ();
  probe_enter (NULL);
  p = g_malloc (16);      /* through libglib, as any library's allocation would be */
  g_free (p);
  pthread_mutex_lock (&mutex);
  pthread_mutex_unlock (&mutex);
  g_mutex_lock (&gmutex);
  g_mutex_unlock (&gmutex);
  probe_leave (NULL);
  p = g_malloc (16);      /* outside: not counted */
  g_free (p);
  g_assert_cmpuint (atomic_load (&rt_allocs), ==, 1);
  g_assert_cmpuint (atomic_load (&rt_frees), ==, 1);
  g_assert_cmpuint (atomic_load (&rt_locks), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *capture = NULL;
  int status;

#ifdef LQ_UNDER_ASAN
  /* TAP's skip: meson reads a TAP program's exit status 77 as an error. */
  printf ("1..0 # SKIP malloc interposition cannot run under AddressSanitizer\n");
  return 0;
#endif
  g_test_init (&argc, &argv, NULL);
  capture_dir = pt_tmpdir ();
  capture = pt_use_alsa_config (capture_dir, "capture.conf");

  g_test_add_func ("/player/rt/probe-counts", test_probe_counts);
  g_test_add_func ("/player/rt/offline-render", test_offline_render);
  g_test_add_func ("/player/rt/device-callback", test_device_callback);

  status = g_test_run ();
  pt_rmdir (capture_dir);
  g_free (capture_dir);
  return status;
}
