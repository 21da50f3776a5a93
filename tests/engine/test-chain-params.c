/* test-chain-params.c
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

/* The table of chain parameters (lq-chain-params.h) is the one place their ranges are
 * written. Walks it and checks that each place that uses a range agrees: the chain JSON
 * accepts both bounds and rejects the nearest values outside, the chain model's property has
 * the same range and default and clamps to it, the DSP stages clamp to it,
 * lq_chain_params_init_default gives the table's defaults, and lq_chain_params_equal sees a
 * change of every parameter. (The panel and the EQ curve are checked in tests/ui.) */

#include "config.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "lq-chain-json.h"
#include "lq-chain-model.h"
#include "lq-chain-params.h"

/* The object that holds parameter p in the JSON of a chain (every stage written, with at
 * least one band). */
static JsonObject *
stage_object (JsonNode           *root,
              const LqChainParam *p)
{
  JsonObject *o = json_node_get_object (root);

  if (p->stage == NULL)
    return o;
  if (g_str_equal (p->stage, "eq.bands[]"))
    return json_array_get_object_element (
      json_object_get_array_member (json_object_get_object_member (o, "eq"), "bands"), 0);
  return json_object_get_object_member (o, p->stage);
}

static void *
target_of (LqChainParams      *params,
           const LqChainParam *p)
{
  return p->scope == LQ_CHAIN_PARAM_IN_BAND ? (void *) &params->eq.bands[0] : (void *) params;
}

/* Parameter id of params (of its first band, for a band's). */
static double
read_in (const LqChainParams *params,
         LqChainParamId       id)
{
  const LqChainParam *p = lq_chain_param_get (id);

  return lq_chain_param_read (id, p->scope == LQ_CHAIN_PARAM_IN_BAND
                                    ? (const void *) &params->eq.bands[0]
                                    : (const void *) params);
}

static void
base_params (LqChainParams *params)
{
  lq_chain_params_init_default (params);
  params->eq.bypass = false;
  params->comp.bypass = false;
  g_assert_cmpuint (params->eq.n_bands, >=, 1);
}

/* Parses the base chain with the member of parameter id replaced by value. */
static gboolean
parse_with (LqChainParamId  id,
            JsonNode       *value,
            LqChainParams  *out,
            GError        **error)
{
  const LqChainParam *p = lq_chain_param_get (id);
  LqChainParams params;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *stage;

  base_params (&params);
  root = lq_chain_params_to_json_node (&params);
  stage = stage_object (root, p);
  /* The writer uses the table's key. */
  g_assert_true (json_object_has_member (stage, p->name));
  json_object_set_member (stage, p->name, value);
  return lq_chain_params_from_json_node (root, out, error);
}

static void
assert_json_accepts (LqChainParamId id,
                     double         v)
{
  const LqChainParam *p = lq_chain_param_get (id);
  g_autoptr(GError) error = NULL;
  LqChainParams out;

  g_test_message ("%s%s%s = %.17g: accepted", p->stage ? p->stage : "", p->stage ? "." : "",
                  p->name, v);
  g_assert_true (parse_with (id, json_node_init_double (json_node_alloc (), v), &out, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (read_in (&out, id), ==, v);
}

static void
assert_json_rejects (LqChainParamId id,
                     double         v)
{
  const LqChainParam *p = lq_chain_param_get (id);
  g_autoptr(GError) error = NULL;
  LqChainParams out;

  g_test_message ("%s = %.17g: rejected", p->name, v);
  g_assert_false (parse_with (id, json_node_init_double (json_node_alloc (), v), &out, &error));
  g_assert_error (error, LQ_CHAIN_JSON_ERROR, LQ_CHAIN_JSON_ERROR_RANGE);
  /* The message names the field. */
  g_assert_nonnull (strstr (error->message, p->name));
}

static void
test_json (void)
{
  for (int i = 0; i < LQ_CHAIN_N_PARAMS; i++)
    {
      LqChainParamId id = i;
      const LqChainParam *p = lq_chain_param_get (id);

      switch (p->type)
        {
        case LQ_CHAIN_PARAM_DOUBLE:
          assert_json_accepts (id, p->min);
          assert_json_accepts (id, p->max);
          assert_json_accepts (id, p->def);
          assert_json_rejects (id, nextafter (p->min, -INFINITY));
          assert_json_rejects (id, nextafter (p->max, INFINITY));
          break;

        case LQ_CHAIN_PARAM_CHOICE:
          assert_json_accepts (id, p->min);
          assert_json_accepts (id, p->max);
          assert_json_rejects (id, 0.5 * (p->min + p->max));
          assert_json_rejects (id, p->min - 1.0);
          assert_json_rejects (id, p->max + 1.0);
          break;

        case LQ_CHAIN_PARAM_ENUM:
          /* Named by strings: both ends of the range round-trip, a stranger is refused. */
          for (double v = p->min; v <= p->max; v += 1.0)
            {
              LqChainParams params, out;
              g_autoptr(JsonNode) root = NULL;
              g_autoptr(GError) error = NULL;

              base_params (&params);
              lq_chain_param_write (id, target_of (&params, p), v);
              root = lq_chain_params_to_json_node (&params);
              g_assert_true (lq_chain_params_from_json_node (root, &out, &error));
              g_assert_cmpfloat (read_in (&out, id), ==, v);
            }
          {
            g_autoptr(GError) error = NULL;
            LqChainParams out;
            JsonNode *node = json_node_init_string (json_node_alloc (), "no-such-value");

            g_assert_false (parse_with (id, node, &out, &error));
            g_assert_error (error, LQ_CHAIN_JSON_ERROR, LQ_CHAIN_JSON_ERROR_RANGE);
          }
          break;

        case LQ_CHAIN_PARAM_BOOL:
          for (int v = 0; v <= 1; v++)
            {
              g_autoptr(GError) error = NULL;
              LqChainParams out;

              g_assert_true (parse_with (id, json_node_init_boolean (json_node_alloc (), v), &out,
                                         &error));
              g_assert_cmpfloat (read_in (&out, id), ==, v);
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

static void
test_model (void)
{
  g_autoptr(LqChainModel) model = lq_chain_model_new ();
  GObjectClass *klass = G_OBJECT_GET_CLASS (model);
  guint n_props, n_seen = 0;
  g_autofree GParamSpec **props = g_object_class_list_properties (klass, &n_props);

  for (int i = 0; i < LQ_CHAIN_N_PARAMS; i++)
    {
      LqChainParamId id = i;
      const LqChainParam *p = lq_chain_param_get (id);
      GParamSpec *pspec;
      LqChainParams params;

      /* Every chain-wide number and switch is a property; enums and bands are not. */
      if (p->scope == LQ_CHAIN_PARAM_IN_CHAIN
          && (p->type == LQ_CHAIN_PARAM_DOUBLE || p->type == LQ_CHAIN_PARAM_BOOL))
        g_assert_nonnull (p->property);
      if (p->property != NULL)
        {
          g_test_message ("property %s", p->property);
          pspec = g_object_class_find_property (klass, p->property);
          g_assert_nonnull (pspec);
          n_seen++;
          if (p->type == LQ_CHAIN_PARAM_BOOL)
            g_assert_cmpint (G_PARAM_SPEC_BOOLEAN (pspec)->default_value, ==, p->def != 0.0);
          else
            {
              g_assert_cmpfloat (G_PARAM_SPEC_DOUBLE (pspec)->minimum, ==, p->min);
              g_assert_cmpfloat (G_PARAM_SPEC_DOUBLE (pspec)->maximum, ==, p->max);
              g_assert_cmpfloat (G_PARAM_SPEC_DOUBLE (pspec)->default_value, ==, p->def);
            }
        }
      if (p->type == LQ_CHAIN_PARAM_BOOL)
        continue;

      /* The model clamps whole params (and bands) to the range; a choice that is neither
       * reads as the smaller, as the EQ reads it. */
      base_params (&params);
      lq_chain_param_write (id, target_of (&params, p), p->max + 1.0);
      lq_chain_model_set_params (model, &params);
      g_assert_cmpfloat (read_in (lq_chain_model_get_params (model), id), ==,
                         p->type == LQ_CHAIN_PARAM_CHOICE ? p->min : p->max);
      lq_chain_param_write (id, target_of (&params, p), p->min - 1.0);
      lq_chain_model_set_params (model, &params);
      g_assert_cmpfloat (read_in (lq_chain_model_get_params (model), id), ==, p->min);
    }
  /* And no property outside the table, but n-bands. */
  g_assert_cmpuint (n_props, ==, n_seen + 1);
  g_assert_nonnull (g_object_class_find_property (klass, "n-bands"));
}

/* The defaults: the chain's for chain-wide parameters, a new band's for a band's. */
static void
test_defaults (void)
{
  g_autoptr(LqChainModel) model = lq_chain_model_new ();
  LqChainParams params;
  const LqEqBand *band;
  int index;

  lq_chain_params_init_default (&params);
  params.eq.n_bands = 0;
  lq_chain_model_set_params (model, &params);
  index = lq_chain_model_add_band (model, 1234.0);
  g_assert_cmpint (index, ==, 0);
  band = lq_chain_model_get_band (model, 0);
  for (int i = 0; i < LQ_CHAIN_N_PARAMS; i++)
    {
      LqChainParamId id = i;
      const LqChainParam *p = lq_chain_param_get (id);

      g_test_message ("default of %s", p->name);
      if (p->scope == LQ_CHAIN_PARAM_IN_CHAIN)
        g_assert_cmpfloat (lq_chain_param_read (id, &params), ==, p->def);
      else if (id != LQ_CHAIN_PARAM_BAND_FREQ)
        g_assert_cmpfloat (lq_chain_param_read (id, band), ==, p->def);
      g_assert_cmpfloat (p->def, >=, p->min);
      g_assert_cmpfloat (p->def, <=, p->max);
    }
  g_assert_cmpfloat (band->freq, ==, 1234.0);
}

/* The DSP clamps to the same ranges: what the chain keeps after set_params, and for the EQ
 * (which clamps inside its design) the response it draws. */
static void
test_dsp (void)
{
  LqChainConfig config = { 48000.0, 2, 512, 0.0 };
  LqStatus status;
  LqChain *chain = lq_chain_new (&config, &status);

  g_assert_nonnull (chain);
  for (int i = 0; i < LQ_CHAIN_N_PARAMS; i++)
    {
      LqChainParamId id = i;
      const LqChainParam *p = lq_chain_param_get (id);
      LqChainParams params, got;

      if (p->scope != LQ_CHAIN_PARAM_IN_CHAIN || p->type != LQ_CHAIN_PARAM_DOUBLE)
        continue;
      g_test_message ("the chain clamps %s", p->name);
      base_params (&params);
      lq_chain_param_write (id, &params, p->max + 0.5 * (p->max - p->min));
      lq_chain_set_params (chain, &params);
      lq_chain_get_params (chain, &got);
      g_assert_cmpfloat_with_epsilon (lq_chain_param_read (id, &got), p->max, 1e-12);
      lq_chain_param_write (id, &params, p->min - 0.5 * (p->max - p->min));
      lq_chain_set_params (chain, &params);
      lq_chain_get_params (chain, &got);
      g_assert_cmpfloat_with_epsilon (lq_chain_param_read (id, &got), p->min, 1e-12);
    }
  lq_chain_free (chain);

  /* A peak's response at its centre is its gain; beyond the range, the range's end. */
  {
    const LqChainParam *gain = lq_chain_param_get (LQ_CHAIN_PARAM_BAND_GAIN_DB);
    const LqChainParam *q = lq_chain_param_get (LQ_CHAIN_PARAM_BAND_Q);
    LqEqParams eq = { .n_bands = 1, .bypass = false };
    double f[2] = { 1000.0, 1500.0 }, at_end[2], beyond[2];

    eq.bands[0] = (LqEqBand) { LQ_EQ_BAND_PEAKING, 1000.0, gain->max, 1.0, 12, false };
    lq_eq_get_response (&eq, 48000.0, f, at_end, 1);
    g_assert_cmpfloat_with_epsilon (at_end[0], gain->max, 1e-6);
    eq.bands[0].gain_db = gain->max + 6.0;
    lq_eq_get_response (&eq, 48000.0, f, beyond, 1);
    g_assert_cmpfloat_with_epsilon (beyond[0], gain->max, 1e-6);
    eq.bands[0].gain_db = gain->min - 6.0;
    lq_eq_get_response (&eq, 48000.0, f, beyond, 1);
    g_assert_cmpfloat_with_epsilon (beyond[0], gain->min, 1e-6);

    /* Q: off-centre, the narrowest allowed band and a narrower one respond alike, and the
     * widest and a wider one too. */
    for (int end = 0; end < 2; end++)
      {
        double edge = end ? q->max : q->min;

        eq.bands[0] = (LqEqBand) { LQ_EQ_BAND_PEAKING, 1000.0, 12.0, edge, 12, false };
        lq_eq_get_response (&eq, 48000.0, f, at_end, 2);
        eq.bands[0].q = end ? 2.0 * q->max : 0.5 * q->min;
        lq_eq_get_response (&eq, 48000.0, f, beyond, 2);
        g_assert_cmpfloat_with_epsilon (beyond[1], at_end[1], 1e-9);
      }
  }
}

/* Equality sees every parameter: a change of any one, in the chain or in a used band, makes
 * two params differ; a change past n_bands does not. */
static void
test_equal (void)
{
  LqChainParams a, b;

  base_params (&a);
  for (int i = 0; i < LQ_CHAIN_N_PARAMS; i++)
    {
      LqChainParamId id = i;
      const LqChainParam *p = lq_chain_param_get (id);
      double v;

      b = a;
      g_assert_true (lq_chain_params_equal (&a, &b));
      v = lq_chain_param_read (id, target_of (&b, p));
      lq_chain_param_write (id, target_of (&b, p), v == p->max ? p->min : p->max);
      g_test_message ("%s differs", p->name);
      g_assert_false (lq_chain_params_equal (&a, &b));
      if (p->scope == LQ_CHAIN_PARAM_IN_BAND)
        {
          b = a;
          b.eq.n_bands = 1;
          a.eq.n_bands = 1;
          v = lq_chain_param_read (id, &b.eq.bands[1]);
          lq_chain_param_write (id, &b.eq.bands[1], v == p->max ? p->min : p->max);
          g_assert_true (lq_chain_params_equal (&a, &b));
          base_params (&a);
        }
    }
  b = a;
  b.eq.n_bands--;
  g_assert_false (lq_chain_params_equal (&a, &b));
}

/* Reach Target's gain lands between the compressor and the limiter. */
static void
test_target_gain (void)
{
  LqChainParams params;

  base_params (&params);
  params.lim.bypass = true;
  g_assert_cmpint (lq_chain_params_apply_target_gain (&params, 3.5, -2.0), ==,
                   LQ_TARGET_GAIN_MAKEUP);
  g_assert_cmpfloat (params.comp.makeup_db, ==, 3.5);
  g_assert_cmpfloat (params.input_gain_db, ==, 0.0);
  g_assert_false (params.lim.bypass);
  g_assert_cmpfloat (params.lim.ceiling_db, ==, -2.0);

  base_params (&params);
  params.comp.bypass = true;
  g_assert_cmpint (lq_chain_params_apply_target_gain (&params, -4.0, -1.0), ==,
                   LQ_TARGET_GAIN_INPUT);
  g_assert_cmpfloat (params.input_gain_db, ==, -4.0);
  g_assert_cmpfloat (params.comp.makeup_db, ==, 0.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chain-params/json", test_json);
  g_test_add_func ("/chain-params/model", test_model);
  g_test_add_func ("/chain-params/defaults", test_defaults);
  g_test_add_func ("/chain-params/dsp", test_dsp);
  g_test_add_func ("/chain-params/equal", test_equal);
  g_test_add_func ("/chain-params/target-gain", test_target_gain);

  return g_test_run ();
}
