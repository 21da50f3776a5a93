/* lq-cli-render.c
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
#include <glib-unix.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "lq-audio-file.h"
#include "lq-audio-writer.h"
#include "lq-chain-json.h"
#include "lq-cli.h"
#include "lq-cli-render-codec.h"
#include "lq-metadata.h"
#include "lq-render.h"
#include "lq-session-file.h"

typedef struct
{
  gint64   start;
  gboolean shown;
} Progress;

/* A progress line on a terminal, once the render has taken more than a second. */
static void
show_progress (double   fraction,
               gpointer user_data)
{
  Progress *p = user_data;

  if (!isatty (STDERR_FILENO) || g_get_monotonic_time () - p->start < G_USEC_PER_SEC)
    return;
  fprintf (stderr, "\r%s %3.0f %%", _("Rendering…"), fraction * 100.0);
  fflush (stderr);
  p->shown = TRUE;
}

/* The chain of --chain: a chain preset, or a session file's current chain or one of its
 * snapshots. Returns an exit status. */
static int
load_chain (const char    *path,
            const char    *snapshot_name,
            LqChainParams *params)
{
  g_autoptr(LqSessionData) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GString) names = NULL;
  LqSnapshot *snapshot;
  guint n;

  if (!lq_session_file_is_session (path))
    {
      if (snapshot_name != NULL)
        {
          lq_cli_print_error ("%s", _("--snapshot: give a session file (.lacquer) to --chain"));
          return LQ_EXIT_USAGE;
        }
      if (!lq_chain_params_from_json_file (path, params, &error))
        {
          lq_cli_print_error ("%s", error->message);
          return LQ_EXIT_INPUT;
        }
      return LQ_EXIT_OK;
    }
  if (!(data = lq_session_file_load (path, NULL, &error)))
    {
      lq_cli_print_error ("%s", error->message);
      return LQ_EXIT_INPUT;
    }
  if (snapshot_name == NULL)
    {
      *params = data->chain;
      return LQ_EXIT_OK;
    }
  if ((snapshot = lq_snapshot_list_find (data->snapshots, snapshot_name, NULL)) != NULL)
    {
      *params = *lq_snapshot_get_params (snapshot);
      return LQ_EXIT_OK;
    }

  /* Name the ones there are, so a typo is quick to fix. */
  display = g_filename_display_name (path);
  names = g_string_new (NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (data->snapshots));
  for (guint i = 0; i < n; i++)
    g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "",
                            lq_snapshot_get_name (lq_snapshot_list_get (data->snapshots, i)));
  if (n == 0)
    lq_cli_print_error (_("%s: no snapshot “%s”: the session has no snapshots"), display,
                        snapshot_name);
  else
    lq_cli_print_error (_("%s: no snapshot “%s” (it has %s)"), display, snapshot_name, names->str);
  return LQ_EXIT_INPUT;
}

static int
exit_status_for (const GError *error)
{
  if (error->domain == LQ_AUDIO_WRITER_ERROR
      || g_error_matches (error, LQ_METADATA_ERROR, LQ_METADATA_ERROR_WRITE)
      || g_error_matches (error, LQ_RENDER_ERROR, LQ_RENDER_ERROR_SCRATCH))
    return LQ_EXIT_OUTPUT;
  if (error->domain == LQ_RENDER_ERROR && error->code == LQ_RENDER_ERROR_INVALID)
    return LQ_EXIT_USAGE;
  /* Everything else is about the mix and what the options ask of it: unreadable, silent,
   * too long to hold in memory, a target that takes too much limiting or would clip. */
  return LQ_EXIT_INPUT;
}

/* A render on a worker while the main loop waits for it and for SIGINT, SIGTERM and SIGHUP.
 * GLib's handler only sets a flag and wakes the loop; the loop cancels the render, whose
 * blocks check the cancellable, and the render deletes its temporary file on its way out:
 * nothing but the flag happens inside the handler. */
typedef struct
{
  GMainLoop      *loop;
  GCancellable   *cancellable;
  Progress        progress;
  int             signum;       /* the signal that interrupted, or 0 */
  gboolean        ok;
  LqRenderReport  report;
  GError         *error;
} RenderRun;

typedef struct
{
  RenderRun *run;
  int        signum;
} Interrupt;

static gboolean
interrupt_cb (gpointer user_data)
{
  Interrupt *interrupt = user_data;

  if (interrupt->run->signum == 0)
    interrupt->run->signum = interrupt->signum;
  g_cancellable_cancel (interrupt->run->cancellable);
  return G_SOURCE_CONTINUE;
}

/* A signal ignored when we started (nohup, a background job of a script) stays ignored. */
static gboolean
signal_ignored (int signum)
{
  struct sigaction current;

  return sigaction (signum, NULL, &current) == 0 && current.sa_handler == SIG_IGN;
}

static void
render_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RenderRun *run = user_data;

  run->ok = lq_render_file_finish (result, &run->report, &run->error);
  g_main_loop_quit (run->loop);
}

static void
render_run (RenderRun             *run,
            const char            *input,
            const char            *output,
            const LqRenderOptions *options)
{
  Interrupt interrupts[] = { { run, SIGINT }, { run, SIGTERM }, { run, SIGHUP } };
  guint ids[G_N_ELEMENTS (interrupts)];

  run->loop = g_main_loop_new (NULL, FALSE);
  run->cancellable = g_cancellable_new ();
  for (guint i = 0; i < G_N_ELEMENTS (interrupts); i++)
    ids[i] = signal_ignored (interrupts[i].signum)
             ? 0 : g_unix_signal_add (interrupts[i].signum, interrupt_cb, &interrupts[i]);

  lq_render_file_async (input, output, options, run->cancellable, show_progress,
                        &run->progress, render_done_cb, run);
  g_main_loop_run (run->loop);

  for (guint i = 0; i < G_N_ELEMENTS (interrupts); i++)
    g_clear_handle_id (&ids[i], g_source_remove);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->loop, g_main_loop_unref);
}

static const char *
signal_name (int signum)
{
  return signum == SIGINT ? "SIGINT" : signum == SIGTERM ? "SIGTERM" : "SIGHUP";
}

static void
print_report_json (const char           *output,
                   const LqRenderReport *report,
                   LqDeliverableJob     *codec)
{
  const LqLoudnessSummary *m = &report->output;
  g_autofree char *display = g_filename_display_name (output);
  g_autoptr(GString) s = g_string_new ("{");

  lq_cli_json_append_string (s, "output", display, FALSE);
  lq_cli_json_append_number (s, "integrated_lufs", m->integrated_lufs, 2, FALSE);
  lq_cli_json_append_number (s, "loudness_range_lu", isfinite (m->integrated_lufs)
                                                     ? m->loudness_range_lu : NAN, 2, FALSE);
  lq_cli_json_append_number (s, "true_peak_dbtp", m->true_peak_dbtp, 2, FALSE);
  lq_cli_json_append_number (s, "sample_peak_dbfs", m->sample_peak_dbfs, 2, FALSE);
  lq_cli_json_append_number (s, "plr_db", m->plr_db, 2, FALSE);
  lq_cli_json_append_number (s, "gain_db", report->gain_db, 2, FALSE);
  lq_cli_json_append_number (s, "peak_limiting_db", report->peak_limiting_db, 2, FALSE);
  lq_cli_json_append_number (s, "iterations", report->iterations, 0, FALSE);
  lq_cli_json_append_number (s, "sample_rate", report->sample_rate, 0, FALSE);
  lq_cli_json_append_number (s, "seconds", report->seconds, 3, TRUE);
  lq_cli_deliverables_append_json (codec, s);
  printf ("%s}\n", s->str);
}

static void
print_report_table (const char           *output,
                    const LqRenderReport *report)
{
  const LqLoudnessSummary *m = &report->output;
  g_autofree char *display = g_filename_display_name (output);
  g_autofree char *i = lq_cli_format_lufs (m->integrated_lufs, "LUFS");
  g_autofree char *lra = lq_cli_format_lufs (isfinite (m->integrated_lufs)
                                             ? m->loudness_range_lu : NAN, "LU");
  g_autofree char *tp = lq_cli_format_lufs (m->true_peak_dbtp, "dBTP");
  g_autofree char *plr = lq_cli_format_lufs (m->plr_db, "dB");
  g_autofree char *gain = g_strdup_printf ("%+.2f dB", fabs (report->gain_db) < 0.005
                                                      ? 0.0 : report->gain_db);
  g_autofree char *limiting = lq_cli_format_lufs (report->peak_limiting_db, "dB");
  g_autofree char *seconds = g_strdup_printf ("%.2f s", report->seconds);

  printf ("%s\n", display);
  lq_cli_print_row (_("Integrated loudness"), i);
  lq_cli_print_row (_("Loudness range"), lra);
  lq_cli_print_row (_("True peak"), tp);
  lq_cli_print_row (_("Peak to loudness"), plr);
  lq_cli_print_row (_("Gain before limiter"), gain);
  lq_cli_print_row (_("Peak limiting"), limiting);
  lq_cli_print_row (_("Render time"), seconds);
}

/* The tags: --metadata FILE.json, then the flags over it. Returns an exit status. */
static int
load_metadata (const char        *path,
               const char *const *flags,
               LqMetadata        *metadata)
{
  static const char *const keys[] = {
    "title", "artist", "album", "track", "year", "genre", "isrc", "comment"
  };
  g_auto(LqMetadata) given = { 0 };
  g_autoptr(GError) error = NULL;

  if (path != NULL && !lq_metadata_from_json_file (path, metadata, &error))
    {
      lq_cli_print_error ("%s", error->message);
      return LQ_EXIT_INPUT;
    }
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (flags[i] != NULL && !lq_metadata_set_field (&given, keys[i], flags[i], &error))
      {
        lq_cli_print_error ("--%s: %s", keys[i], error->message);
        return LQ_EXIT_INPUT;
      }
  lq_metadata_merge (metadata, &given);
  return LQ_EXIT_OK;
}

static gboolean
parse_double (const char *text,
              const char *option,
              double      min,
              double      max,
              double     *out)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0' || !(v >= min && v <= max))
    {
      lq_cli_print_error (_("%s: “%s” is not a number between %g and %g"), option, text, min, max);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

int
lq_cli_render (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) inputs = NULL;
  g_autofree char *output = NULL;
  g_autofree char *chain_path = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *preset_id = NULL;
  g_autofree char *target = NULL;
  g_autofree char *ceiling = NULL;
  g_autofree char *format = NULL;
  g_autofree char *bits = NULL;
  g_autofree char *max_limiting = NULL;
  g_autofree char *dither = NULL;
  g_autofree char *codec_check = NULL;
  g_autofree char *also = NULL;
  g_autofree char *name_pattern = NULL;
  g_autoptr(LqDeliverableJob) codec = NULL;
  g_autofree char *metadata_path = NULL;
  g_autofree char *title = NULL, *artist = NULL, *album = NULL, *track = NULL;
  g_autofree char *year = NULL, *genre = NULL, *isrc = NULL, *comment = NULL;
  int rate = 0;
  gboolean force = FALSE;
  gboolean json = FALSE;
  LqRenderOptions options;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the master to OUT"), N_("OUT") },
    { "chain", 0, 0, G_OPTION_ARG_FILENAME, &chain_path, N_("Chain preset (JSON), or a session (.lacquer) whose chain to use; default: the limiter alone"), N_("CHAIN") },
    { "snapshot", 0, 0, G_OPTION_ARG_STRING, &snapshot, N_("With a session as --chain: use its chain snapshot NAME"), N_("NAME") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset_id, N_("Delivery preset (see “lacquer presets”)"), N_("NAME") },
    { "target-lufs", 0, 0, G_OPTION_ARG_STRING, &target, N_("Integrated loudness to reach"), N_("LUFS") },
    { "ceiling-dbtp", 0, 0, G_OPTION_ARG_STRING, &ceiling, N_("True-peak ceiling of the limiter"), N_("DBTP") },
    { "max-limiting", 0, 0, G_OPTION_ARG_STRING, &max_limiting, N_("Refuse a target that needs more peak limiting than this (default 6)"), N_("DB") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("wav, flac or aiff (default: from OUT’s extension)"), N_("FORMAT") },
    { "bits", 0, 0, G_OPTION_ARG_STRING, &bits, N_("16, 24 or 32f (default 24)"), N_("BITS") },
    { "rate", 0, 0, G_OPTION_ARG_INT, &rate, N_("Sample rate of the master (default: the mix’s)"), N_("HZ") },
    { "dither", 0, 0, G_OPTION_ARG_STRING, &dither, N_("tpdf, shaped or none (default tpdf). tpdf: flat noise at 1/4 LSB² per sample. "
        "shaped: the same dither in a noise-shaping loop (Wannamaker’s 9-tap F-weighted "
        "curve up to 48 kHz): about 12 dB less noise below 1 kHz and 18–25 dB less at "
        "2–5 kHz, where hearing is most sensitive, traded for more above 15 kHz (up to "
        "+27 dB at 22 kHz); from 88.2 kHz a 2nd-order curve puts it above 20 kHz"), N_("TYPE") },
    { "codec-check", 0, 0, G_OPTION_ARG_STRING, &codec_check, N_("Encode the master with each codec in memory, decode it and report its true peak, overs and codec-safe ceiling (mp3:128,mp3:192,mp3:320, vorbis:96,vorbis:160,vorbis:320, opus:96,opus:128,opus:160)"), N_("CODEC:KBPS,…") },
    { "also", 0, 0, G_OPTION_ARG_STRING, &also, N_("Also write each of these files beside OUT from the same render: lossy CODEC:KBPS (mp3:128|192|320, vorbis:96|160|320, opus:96|128|160), checked after decoding, or PCM FORMAT[:BITS[:RATE]] (wav, flac or aiff; 16, 24 or 32 bits, 24 by default, 32 being float and not for FLAC; 44100, 48000, 88200, 96000, 176400 or 192000 Hz, the master’s by default), resampled and dithered from the float master; each reports its true peak"), N_("SPEC,…") },
    { "name-pattern", 0, 0, G_OPTION_ARG_STRING, &name_pattern, N_("Names of the --also files: {stem} (OUT’s name without extension), {title} (--title, else {stem}), {preset} (--preset’s name, else “custom”), {codec} (mp3, vorbis, opus, wav, flac, aiff), {kbps} (lossy), {bits} and {rate} (PCM; {rate} empty when the master’s), {ext}; “/” in a value becomes “-” and a leading “.” is dropped (default “{stem}.{ext}”)"), N_("PATTERN") },
    { "metadata", 0, 0, G_OPTION_ARG_FILENAME, &metadata_path, N_("Tags of the master from a JSON object (keys: title, artist, album, track, year, genre, isrc, comment); the flags below override it"), N_("FILE") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title tag"), N_("TEXT") },
    { "artist", 0, 0, G_OPTION_ARG_STRING, &artist, N_("Artist tag"), N_("TEXT") },
    { "album", 0, 0, G_OPTION_ARG_STRING, &album, N_("Album tag"), N_("TEXT") },
    { "track", 0, 0, G_OPTION_ARG_STRING, &track, N_("Track number (1–999)"), N_("N") },
    { "year", 0, 0, G_OPTION_ARG_STRING, &year, N_("Year of release"), N_("YYYY") },
    { "genre", 0, 0, G_OPTION_ARG_STRING, &genre, N_("Genre tag"), N_("TEXT") },
    { "isrc", 0, 0, G_OPTION_ARG_STRING, &isrc, N_("ISRC, CC-XXX-YY-NNNNN with or without hyphens"), N_("ISRC") },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("Comment tag"), N_("TEXT") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace OUT if it exists"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inputs, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("MIX -o OUT — render a master"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Renders MIX through the chain (input gain → EQ → compressor → true-peak limiter → "
      "output gain), optionally finding the gain before the limiter that brings the master "
      "to --target-lufs, and writes OUT: first to a temporary file beside it, renamed when "
      "complete. The mix is only ever read."));
  g_option_context_set_description (context,
    _("Exit status: 0 success, 1 usage error, 2 unreadable or invalid input (including a bad "
      "chain or session file, an unknown --snapshot, a bad --metadata file or tag such as a "
      "malformed ISRC, a bad --also list, two --also files of one name or one naming the mix "
      "or OUT, a target that needs more limiting than "
      "allowed, a target for a silent, "
      "silenced or too short mix, a master that would clip a 16- or 24-bit file, or a mix "
      "too long for the memory), 3 OUT could not be written (it exists without --force, "
      "also as a dangling symbolic link, its folder is missing or not writable, the disk is "
      "full), 130/143/129 interrupted by SIGINT/SIGTERM/SIGHUP (nothing is written)."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      lq_cli_print_error ("%s", error->message);
      return LQ_EXIT_USAGE;
    }
  if (inputs == NULL || inputs[0] == NULL || output == NULL)
    {
      lq_cli_print_error ("%s", _("render: give a mix and -o OUT (see “lacquer render --help”)"));
      return LQ_EXIT_USAGE;
    }
  if (output[0] == '\0')
    {
      lq_cli_print_error ("%s", _("render: -o: the output file name is empty"));
      return LQ_EXIT_USAGE;
    }
  if (inputs[1] != NULL)
    {
      lq_cli_print_error (_("render: one mix at a time (got “%s” too)"), inputs[1]);
      return LQ_EXIT_USAGE;
    }

  lq_render_options_init (&options);
  options.overwrite = force;

  if (preset_id != NULL)
    {
      const LqPreset *preset = lq_presets_lookup (preset_id);

      if (preset == NULL)
        {
          lq_cli_print_error (_("--preset: unknown preset “%s” (see “lacquer presets”)"), preset_id);
          return LQ_EXIT_USAGE;
        }
      lq_render_options_apply_preset (&options, preset);
    }
  if (snapshot != NULL && chain_path == NULL)
    {
      lq_cli_print_error ("%s", _("--snapshot: give the session with --chain SESSION.lacquer"));
      return LQ_EXIT_USAGE;
    }
  if (chain_path != NULL)
    {
      int status = load_chain (chain_path, snapshot, &options.chain);

      if (status != LQ_EXIT_OK)
        return status;
    }
  if (target != NULL)
    {
      if (!parse_double (target, "--target-lufs", -70.0, 0.0, &options.target_lufs))
        return LQ_EXIT_USAGE;
      options.has_target = TRUE;
    }
  if (ceiling != NULL)
    {
      if (!parse_double (ceiling, "--ceiling-dbtp", -30.0, 0.0, &options.ceiling_dbtp))
        return LQ_EXIT_USAGE;
      options.has_ceiling = TRUE;
    }
  if (max_limiting != NULL
      && !parse_double (max_limiting, "--max-limiting", 0.0, 60.0, &options.max_limiting_db))
    return LQ_EXIT_USAGE;
  if (format != NULL)
    {
      if (!lq_file_format_from_string (format, &options.format))
        {
          lq_cli_print_error (_("--format: “%s” is not wav, flac or aiff"), format);
          return LQ_EXIT_USAGE;
        }
    }
  /* The name the user gave OUT says what it is: a preset's format only fills in for a name
   * that does not (a FLAC written as song.wav would be read as a broken WAV). */
  else if (!lq_file_format_from_path (output, &options.format) && preset_id == NULL)
    options.format = LQ_FILE_FORMAT_WAV;
  if (bits != NULL)
    {
      if (g_str_equal (bits, "16"))
        options.sample_format = LQ_SAMPLE_FORMAT_S16;
      else if (g_str_equal (bits, "24"))
        options.sample_format = LQ_SAMPLE_FORMAT_S24;
      else if (g_str_equal (bits, "32f") || g_str_equal (bits, "32"))
        options.sample_format = LQ_SAMPLE_FORMAT_F32;
      else
        {
          lq_cli_print_error (_("--bits: “%s” is not 16, 24 or 32f"), bits);
          return LQ_EXIT_USAGE;
        }
    }
  if (rate != 0)
    {
      if (rate < LQ_MIN_RATE || rate > LQ_MAX_RATE)
        {
          lq_cli_print_error (_("--rate: %d Hz is outside %.0f … %.0f"), rate, LQ_MIN_RATE, LQ_MAX_RATE);
          return LQ_EXIT_USAGE;
        }
      options.sample_rate = (guint) rate;
    }
  if (dither != NULL)
    {
      if (g_str_equal (dither, "tpdf"))
        options.dither = LQ_DITHER_TPDF;
      else if (g_str_equal (dither, "shaped"))
        options.dither = LQ_DITHER_SHAPED;
      else if (g_str_equal (dither, "none"))
        options.dither = LQ_DITHER_NONE;
      else
        {
          lq_cli_print_error (_("--dither: “%s” is not tpdf, shaped or none"), dither);
          return LQ_EXIT_USAGE;
        }
    }

  /* Tags go in Vorbis comments (FLAC), the INFO list and an ID3v2 chunk (WAV), an ID3v2
   * chunk (AIFF), all before the rename. */
  {
    /* In load_metadata ()'s order of keys. */
    const char *const tags[] = { title, artist, album, track, year, genre, isrc, comment };
    int status = load_metadata (metadata_path, tags, &options.metadata);

    if (status != LQ_EXIT_OK)
      {
        lq_render_options_clear (&options);
        return status;
      }
  }

  {
    int status = LQ_EXIT_OK;

    if (!(codec = lq_cli_deliverable_job_new (codec_check, also, name_pattern, inputs[0],
                                              output, &options.metadata, preset_id, force,
                                              &status)))
      {
        lq_render_options_clear (&options);
        return status;
      }
    lq_deliverable_job_attach (codec, &options);
  }

  {
    RenderRun run = { .progress = { g_get_monotonic_time (), FALSE } };

    render_run (&run, inputs[0], output, &options);
    lq_render_options_clear (&options);
    if (run.progress.shown)
      fprintf (stderr, "\n");
    if (!run.ok)
      {
        g_autoptr(GError) render_error = run.error;

        lq_deliverable_job_discard (codec);

        if (run.signum != 0)
          {
            g_autofree char *display = g_filename_display_name (output);

            lq_cli_print_error (_("%s: Interrupted by %s; nothing was written"), display,
                                signal_name (run.signum));
            return 128 + run.signum;
          }
        /* The engine's message suits the window too; here the way to allow more is this. */
        if (g_error_matches (render_error, LQ_RENDER_ERROR,
                             LQ_RENDER_ERROR_TARGET_UNREACHABLE))
          lq_cli_print_error (_("%s (--max-limiting DB)"), render_error->message);
        else
          lq_cli_print_error ("%s", render_error->message);
        return exit_status_for (render_error);
      }
    if (json)
      print_report_json (output, &run.report, codec);
    else
      {
        print_report_table (output, &run.report);
        lq_cli_deliverables_print_table (codec);
      }
  }
  return LQ_EXIT_OK;
}
