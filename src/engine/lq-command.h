/* lq-command.h
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

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Plain-old-data messages between the GLib side and the real-time core (no GLib here: the
 * audio thread reads them). Commands travel UI -> RT through lq-ring; anything larger than a
 * scalar (a source set, chain parameters) is built off-thread and travels as a pointer that
 * the core hands back through the retire ring once it no longer uses it. */

/* What can be heard: a slot number. References are LQ_SLOT_REFERENCE + index; the compared
 * masters (the mix through a chain snapshot's own chain) LQ_SLOT_COMPARE + index; the codec
 * preview (the master through a lossy codec, time-aligned) LQ_SLOT_CODEC, and its artefacts
 * (decoded - master) LQ_SLOT_CODEC_ARTEFACTS. */
#define LQ_SLOT_MIX       0
#define LQ_SLOT_MASTER    1
#define LQ_SLOT_REFERENCE 2

#define LQ_MAX_REFERENCES 16
#define LQ_SLOT_COMPARE   (LQ_SLOT_REFERENCE + LQ_MAX_REFERENCES)
#define LQ_MAX_COMPARE    8
#define LQ_SLOT_CODEC     (LQ_SLOT_COMPARE + LQ_MAX_COMPARE)
#define LQ_SLOT_CODEC_ARTEFACTS (LQ_SLOT_CODEC + 1)
#define LQ_MAX_CODEC      2
#define LQ_MAX_SLOTS      (LQ_SLOT_CODEC + LQ_MAX_CODEC)

static inline bool
lq_slot_is_reference (int slot)
{
  return slot >= LQ_SLOT_REFERENCE && slot < LQ_SLOT_COMPARE;
}

static inline bool
lq_slot_is_compare (int slot)
{
  return slot >= LQ_SLOT_COMPARE && slot < LQ_SLOT_CODEC;
}

static inline bool
lq_slot_is_codec (int slot)
{
  return slot >= LQ_SLOT_CODEC && slot < LQ_MAX_SLOTS;
}

typedef enum
{
  LQ_COMMAND_PLAY,              /* fade in from the current position */
  LQ_COMMAND_PAUSE,             /* fade out, keep the position */
  LQ_COMMAND_STOP,              /* fade out, back to the start (or loop start) */
  LQ_COMMAND_SEEK,              /* u.frame: fade out, jump, fade back in when playing */
  LQ_COMMAND_SET_LOOP,          /* u.loop */
  LQ_COMMAND_SELECT,            /* slot: crossfade to it */
  LQ_COMMAND_SET_GAIN,          /* slot, u.gain (linear): ramped */
  LQ_COMMAND_SET_SYNC,          /* u.flag: references follow the mix position */
  LQ_COMMAND_SET_CROSSFADE,     /* u.frames: switch crossfade length (0 = hard cut) */
  LQ_COMMAND_SET_CHAIN_PARAMS,  /* u.ptr: LqChainParams *, retired after use */
  LQ_COMMAND_SET_SOURCES,       /* u.ptr: LqRtSources *, retired when replaced */
  LQ_COMMAND_RESET_METERS,      /* u.frames: a serial; restart the running integrated loudness
                                 * and peak holds, and stamp the meter frames after with it */
  LQ_COMMAND_SET_REF_LOOP,      /* slot (a reference), u.loop: its own loop when unsynced; the
                                 * index is in the newest source set sent */
  LQ_COMMAND_SET_LISTEN_LIMITER, /* u.limiter: a playback service's limiter on the output */
  LQ_COMMAND_SET_COMPARE,       /* u.ptr: LqRtCompare * (or NULL: none), retired when
                                 * replaced */
  LQ_COMMAND_SET_MONITOR,       /* u.monitor: an LqMonitorMode, crossfaded to */
} LqCommandType;

typedef struct
{
  uint32_t type;                /* LqCommandType */
  int32_t  slot;
  uint64_t at_frame;            /* scheduled commands: the stream frame it applies at */
  union
  {
    uint64_t frame;
    struct
    {
      uint64_t start;
      uint64_t end;
      bool     enabled;
    } loop;
    float    gain;
    struct
    {
      float    ceiling_db;
      float    attack_ms;
      float    release_ms;
      bool     enabled;
    } limiter;
    uint32_t frames;
    uint32_t monitor;
    bool     flag;
    void    *ptr;
  } u;
} LqCommand;

/* What the core hands back through the retire ring. */
typedef enum
{
  LQ_RETIRED_SOURCES,           /* an LqRtSources *, with the chain it still holds */
  LQ_RETIRED_CHAIN_PARAMS,      /* an LqChainParams * */
  LQ_RETIRED_COMPARE,           /* an LqRtCompare *, with its chains */
} LqRetiredKind;

typedef struct
{
  uint32_t kind;                /* LqRetiredKind */
  void    *ptr;
} LqRetired;

#ifdef __cplusplus
}
#endif
