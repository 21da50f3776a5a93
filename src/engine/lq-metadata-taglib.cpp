/* lq-metadata-taglib.cpp
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

/* The tag writer, in C++: TagLib's C API sets only the seven common fields and has no ISRC,
 * so the tags go through its PropertyMap, whose keys each format maps to its own frames
 * (ISRC: TSRC in ID3v2, ISRC in a Vorbis comment). Nothing C++ leaves this file.
 *
 * It is a module of its own (lacquer-taglib.so), which lq-metadata.c opens when tags are
 * first written: linked, TagLib and the C++ library cost every `lacquer` command 3.4 ms of
 * start-up. Its two functions are the module's only symbols anyone looks up, and the
 * callers have already returned for empty metadata. */

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include <taglib/aifffile.h>
#include <taglib/flacfile.h>
#include <taglib/infotag.h>
#include <taglib/mpegfile.h>
#include <taglib/opusfile.h>
#include <taglib/tbytevectorstream.h>
#include <taglib/tpropertymap.h>
#include <taglib/vorbisfile.h>
#include <taglib/wavfile.h>

#include "lq-metadata.h"

/* lq_metadata_error_quark () is the executable's, out of a module's reach: the same quark,
 * by its name. */
#undef LQ_METADATA_ERROR
#define LQ_METADATA_ERROR (g_quark_from_static_string ("lq-metadata-error-quark"))

using namespace TagLib;

static void
add (PropertyMap &map,
     const char  *key,
     const char  *value)
{
  if (value != NULL)
    map.replace (key, StringList (String (value, String::UTF8)));
}

static PropertyMap
to_properties (const LqMetadata *m)
{
  PropertyMap map;
  g_autofree char *track = m->track ? g_strdup_printf ("%u", m->track) : NULL;
  g_autofree char *year = m->year ? g_strdup_printf ("%u", m->year) : NULL;

  add (map, "TITLE", m->title);
  add (map, "ARTIST", m->artist);
  add (map, "ALBUM", m->album);
  add (map, "TRACKNUMBER", track);
  add (map, "DATE", year);
  add (map, "GENRE", m->genre);
  add (map, "ISRC", m->isrc);
  add (map, "COMMENT", m->comment);
  return map;
}

static gboolean
fail (GError     **error,
      const char  *display,
      const char  *why)
{
  g_set_error (error, LQ_METADATA_ERROR, LQ_METADATA_ERROR_WRITE,
               _("%s: Cannot write the metadata (%s)"), display, why);
  return FALSE;
}

/* Sets the properties on file (TagLib's setProperties of its format) and saves; a key the
 * format gives back as unsupported is an error rather than a value silently lost. */
template <typename F, typename Save>
static gboolean
write_tags (F                 &file,
            const PropertyMap &map,
            const char        *display,
            Save               save,
            GError           **error)
{
  PropertyMap rejected;

  /* isValid () alone accepts a file without the format's header as an empty RIFF. */
  if (!file.isValid () || file.audioProperties () == NULL
      || file.audioProperties ()->sampleRate () <= 0)
    return fail (error, display, _("TagLib cannot parse the file"));
  rejected = file.setProperties (map);
  if (!rejected.isEmpty ())
    {
      g_autofree char *why = g_strdup_printf (_("the format has no place for %s"),
                                              rejected.begin ()->first.toCString (true));
      return fail (error, display, why);
    }
  if (!save (file))
    return fail (error, display, _("TagLib could not save it"));
  return TRUE;
}

extern "C" G_MODULE_EXPORT gboolean
lq_taglib_write_file (const char       *path,
                      LqFileFormat      format,
                      const LqMetadata *metadata,
                      GError          **error)
{
  g_autofree char *display = NULL;
  PropertyMap map;

  g_return_val_if_fail (path != NULL && metadata != NULL, FALSE);

  display = g_filename_display_name (path);
  map = to_properties (metadata);

  switch (format)
    {
    case LQ_FILE_FORMAT_FLAC:
      {
        FLAC::File file (path);

        return write_tags (file, map, display, [] (FLAC::File &f) { return f.save (); },
                           error);
      }
    case LQ_FILE_FORMAT_WAV:
      {
        RIFF::WAV::File file (path);

        /* The INFO list too, for readers that know no ID3 in a WAV; it has fields for the
         * common tags only, so the ID3v2 chunk is the one that must take every key. ID3v2.3
         * is the version such readers know best. */
        if (file.isValid ())
          file.InfoTag ()->setProperties (map);
        return write_tags (file, map, display, [] (RIFF::WAV::File &f)
                           { return f.save (RIFF::WAV::File::AllTags,
                                            File::StripOthers, ID3v2::v3); },
                           error);
      }
    case LQ_FILE_FORMAT_AIFF:
      {
        RIFF::AIFF::File file (path);

        return write_tags (file, map, display, [] (RIFF::AIFF::File &f)
                           { return f.save (ID3v2::v3); }, error);
      }
    }
  return fail (error, display, _("no tag writer for this format"));
}

extern "C" G_MODULE_EXPORT GBytes *
lq_taglib_tag_encoded (GBytes            *encoded,
                       LqCodecKind        kind,
                       const LqMetadata  *metadata,
                       const char        *display,
                       GError           **error)
{
  gsize size = 0;
  const char *data;
  PropertyMap map;
  gboolean ok = FALSE;

  g_return_val_if_fail (encoded != NULL && metadata != NULL, NULL);

  data = (const char *) g_bytes_get_data (encoded, &size);
  ByteVectorStream stream (ByteVector (data, (unsigned int) size));
  map = to_properties (metadata);

  switch (kind)
    {
    case LQ_CODEC_MP3:
      {
        MPEG::File file (&stream, ID3v2::FrameFactory::instance ());

        /* ID3v2.3, the version most players read; the ISRC goes in TSRC. */
        ok = write_tags (file, map, display, [] (MPEG::File &f)
                         { return f.save (MPEG::File::ID3v2, File::StripOthers, ID3v2::v3); },
                         error);
        break;
      }
    case LQ_CODEC_VORBIS:
      {
        Ogg::Vorbis::File file (&stream);

        ok = write_tags (file, map, display, [] (Ogg::Vorbis::File &f) { return f.save (); },
                         error);
        break;
      }
    case LQ_CODEC_OPUS:
      {
        Ogg::Opus::File file (&stream);

        ok = write_tags (file, map, display, [] (Ogg::Opus::File &f) { return f.save (); },
                         error);
        break;
      }
    default:
      ok = fail (error, display, _("no tag writer for this format"));
      break;
    }
  if (!ok)
    return NULL;
  return g_bytes_new (stream.data ()->data (), stream.data ()->size ());
}
