/* gw-sdmx-mapping.c: how an SDMX-ML message's observations become records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A mapping is a GLib key file:
 *
 *   [Mapping]
 *   name=Eurostat deaths by age (demo_magec)
 *   dataflows=DEMO_MAGEC;DEMO_R_MAGEC;     ids it is for (none: any message)
 *   area=geo                                a role's dimension, when not
 *   time=… sex=… age=… cause=… decile=…      one of the usual names
 *   measure-dimension=indic_de              the dimension whose codes are measures
 *   measure=deaths                          what an observation is otherwise
 *   indicator-name=…  unit=…  polarity=higher-is-better
 *   ignore=TITLE;COMMENT;                   attributes, not dimensions
 *   [Measures]                              measure code = deaths, population,
 *   LBIRTH=births                           births, skip or an indicator id
 *   [Fixed]                                 the value kept of a dimension
 *   resid=TOT_IN                            with several
 *
 * The built-in profiles below are such files; README.md lists them.
 */
#include "gw-config.h"
#include "gw-sdmx-private.h"

#include <string.h>

#include <glib/gi18n.h>

static const char *const role_keys[GW_SDMX_N_ROLES] = {
  "area", "time", "sex", "age", "cause", "measure-dimension", "decile",
};

/* The built-in profiles: the health datasets analysts download.  Eurostat's
 * ids are those of its dissemination API (upper case in 2.1 messages, as
 * its SDMX 2.0 service wrote them too); Nomis's are the NM_ dataset ids. */
static const char *const profiles[] = {
  "[Mapping]\nname=Eurostat demography (DEMOGRAPHY)\ndataflows=DEMOGRAPHY;\n"
  "[Measures]\nLEXPNSIT=le-birth\nDEATHST=deaths\nLBIRTHST=births\nTFRNSI=eurostat-tfr\n",

  "[Mapping]\nname=Eurostat life expectancy (demo_mlexpec)\n"
  "dataflows=DEMO_MLEXPEC;DEMO_R_MLIFEXP;DEMO_MLIFETABLE;\nmeasure-dimension=age\n"
  "[Measures]\nY_LT1=le-birth\nY65=le-65\n*=skip\n[Fixed]\nindic_de=LIFEXP\n",

  "[Mapping]\nname=Eurostat deaths by age (demo_magec)\n"
  "dataflows=DEMO_MAGEC;DEMO_R_MAGEC;DEMO_R_MAGEC3;DEMO_MAGEC5;\nmeasure=deaths\n",

  "[Mapping]\nname=Eurostat population on 1 January (demo_pjan)\n"
  "dataflows=DEMO_PJAN;DEMO_PJANGROUP;DEMO_R_PJANGROUP;DEMO_R_PJANAGGR3;DEMO_R_D2JAN;\nmeasure=population\n",

  "[Mapping]\nname=Eurostat population change (demo_gind)\ndataflows=DEMO_GIND;DEMO_R_GIND3;\n"
  "measure-dimension=indic_de\n[Measures]\nLBIRTH=births\nDEATH=deaths\n*=skip\n",

  "[Mapping]\nname=Eurostat causes of death (hlth_cd_aro)\ndataflows=HLTH_CD_ARO;HLTH_CD_ARO_R;\nmeasure=deaths\n"
  "[Fixed]\nresid=TOT_IN\n",

  "[Mapping]\nname=ONS mortality statistics through Nomis (NM_161_1)\ndataflows=NM_161_1;NM_162_1;\nmeasure=deaths\n"
  "[Fixed]\nMEASURES=20100\n",

  "[Mapping]\nname=ONS population estimates through Nomis (NM_2002_1)\n"
  "dataflows=NM_2002_1;NM_31_1;NM_2010_1;\nmeasure=population\n[Fixed]\nMEASURES=20100\n",
};

G_LOCK_DEFINE_STATIC (options);
static char  *option_structure;
static GStrv  option_mappings;
static GStrv  workspace_names, workspace_texts;

static GHashTable *
string_table (GKeyFile *kf, const char *group)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) keys = g_key_file_get_keys (kf, group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *v = g_key_file_get_string (kf, group, keys[i], NULL);

      if (v != NULL)
        g_hash_table_insert (table, g_strdup (keys[i]), g_strstrip (g_steal_pointer (&v)));
    }
  return table;
}

static gboolean
valid_target (const char *t)
{
  gsize n = strlen (t);

  return n > 0 && n <= 64 && strspn (t, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static GwSdmxMapping *
from_key_file (GKeyFile *kf, const char *name, const char *path, GError **error)
{
  g_autoptr(GwSdmxMapping) m = g_new0 (GwSdmxMapping, 1);
  g_autofree char *polarity = NULL;
  g_auto(GStrv) ignore = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (!g_key_file_has_group (kf, "Mapping"))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND,
                   _("%s: an SDMX-ML mapping needs a [Mapping] group"), name);
      return NULL;
    }
  m->name = g_key_file_get_string (kf, "Mapping", "name", NULL);
  if (m->name == NULL)
    m->name = g_strdup (name);
  m->path = g_strdup (path);
  m->dataflows = g_key_file_get_string_list (kf, "Mapping", "dataflows", NULL, NULL);
  for (guint r = 0; r < GW_SDMX_N_ROLES; r++)
    {
      m->dims[r] = g_key_file_get_string (kf, "Mapping", role_keys[r], NULL);
      if (m->dims[r] != NULL && *g_strstrip (m->dims[r]) == '\0')
        g_clear_pointer (&m->dims[r], g_free);
    }
  m->measure = g_key_file_get_string (kf, "Mapping", "measure", NULL);
  m->indicator_name = g_key_file_get_string (kf, "Mapping", "indicator-name", NULL);
  m->unit = g_key_file_get_string (kf, "Mapping", "unit", NULL);
  polarity = g_key_file_get_string (kf, "Mapping", "polarity", NULL);
  if (polarity != NULL && !gw_polarity_parse (g_strstrip (polarity), &m->polarity))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   _("%s: polarity “%s” is not higher-is-better, lower-is-better or none"), name, polarity);
      return NULL;
    }
  m->measures = string_table (kf, "Measures");
  m->fixed = string_table (kf, "Fixed");
  m->ignored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ignore = g_key_file_get_string_list (kf, "Mapping", "ignore", NULL, NULL);
  for (guint i = 0; ignore != NULL && ignore[i] != NULL; i++)
    g_hash_table_add (m->ignored, g_strstrip (g_strdup (ignore[i])));

  if (m->measure != NULL && !valid_target (g_strstrip (m->measure)))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   _("%s: measure “%s” is not deaths, population, births or an indicator id "
                     "(lower-case letters, digits and -)"), name, m->measure);
      return NULL;
    }
  g_hash_table_iter_init (&iter, m->measures);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!valid_target (value))
      {
        g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                     _("%s: [Measures] %s=%s is not deaths, population, births, skip or an indicator id "
                       "(lower-case letters, digits and -)"), name, (const char *) key, (const char *) value);
        return NULL;
      }
  return g_steal_pointer (&m);
}

/**
 * gw_sdmx_mapping_load_data:
 * @data: a mapping's key file
 * @name: its name for messages
 * @error: G_KEY_FILE_ERROR
 *
 * Returns: (transfer full) (nullable): the mapping
 */
GwSdmxMapping *
gw_sdmx_mapping_load_data (const char *data, const char *name, GError **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  GError *local = NULL;
  GwSdmxMapping *m;

  g_return_val_if_fail (data != NULL && name != NULL, NULL);

  if (!g_key_file_load_from_data (kf, data, -1, G_KEY_FILE_NONE, &local))
    {
      g_propagate_prefixed_error (error, local, "%s: ", name);
      return NULL;
    }
  m = from_key_file (kf, name, NULL, error);
  if (m != NULL)
    m->text = g_strdup (data);
  return m;
}

/**
 * gw_sdmx_mapping_load:
 * @path: a mapping's key file
 * @error: G_FILE_ERROR or G_KEY_FILE_ERROR, with the file's name
 *
 * Returns: (transfer full) (nullable): the mapping
 */
GwSdmxMapping *
gw_sdmx_mapping_load (const char *path, GError **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *base = NULL;
  g_autofree char *text = NULL;
  GError *local = NULL;
  GwSdmxMapping *m;

  g_return_val_if_fail (path != NULL, NULL);

  base = g_path_get_basename (path);
  /* the text as read is what the workspace keeps */
  if (!g_file_get_contents (path, &text, NULL, &local)
      || !g_key_file_load_from_data (kf, text, -1, G_KEY_FILE_NONE, &local))
    {
      g_propagate_prefixed_error (error, local, "%s: ", base);
      return NULL;
    }
  m = from_key_file (kf, base, path, error);
  if (m != NULL)
    m->text = g_steal_pointer (&text);
  return m;
}

void
gw_sdmx_mapping_free (GwSdmxMapping *m)
{
  if (m == NULL)
    return;
  g_free (m->name);
  g_free (m->path);
  g_free (m->text);
  g_strfreev (m->dataflows);
  for (guint r = 0; r < GW_SDMX_N_ROLES; r++)
    g_free (m->dims[r]);
  g_free (m->measure);
  g_free (m->indicator_name);
  g_free (m->unit);
  g_clear_pointer (&m->measures, g_hash_table_unref);
  g_clear_pointer (&m->fixed, g_hash_table_unref);
  g_clear_pointer (&m->ignored, g_hash_table_unref);
  g_free (m);
}

const char *
gw_sdmx_mapping_get_name (const GwSdmxMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, NULL);
  return mapping->name;
}

const char *
gw_sdmx_mapping_get_path (const GwSdmxMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, NULL);
  return mapping->path;
}

/**
 * gw_sdmx_mapping_write:
 * @dataflow: (nullable): the dataflow it is for (NULL: any message)
 * @area: (nullable): the area dimension
 * @measure: (nullable): what every observation is (deaths, population,
 *   births or an indicator id)
 * @dims: dimensions with several values
 * @values: the value kept of each
 *
 * Returns: (transfer full): the mapping's key file
 */
char *
gw_sdmx_mapping_write (const char        *dataflow,
                       const char        *area,
                       const char        *measure,
                       const char *const *dims,
                       const char *const *values)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();

  g_return_val_if_fail (dims != NULL && values != NULL, NULL);

  g_key_file_set_string (kf, "Mapping", "name", dataflow != NULL ? dataflow : "SDMX-ML");
  if (dataflow != NULL)
    {
      const char *list[] = { dataflow, NULL };

      g_key_file_set_string_list (kf, "Mapping", "dataflows", list, 1);
    }
  if (area != NULL)
    g_key_file_set_string (kf, "Mapping", "area", area);
  if (measure != NULL)
    g_key_file_set_string (kf, "Mapping", "measure", measure);
  for (guint i = 0; dims[i] != NULL && values[i] != NULL; i++)
    g_key_file_set_string (kf, "Fixed", dims[i], values[i]);
  return g_key_file_to_data (kf, NULL, NULL);
}

const char *
gw_sdmx_mapping_get_text (const GwSdmxMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, NULL);
  return mapping->builtin ? NULL : mapping->text;
}

/**
 * gw_sdmx_set_workspace_mappings:
 * @names: (nullable): the mappings' names
 * @texts: (nullable): their key files, as many
 * @error: the first that is not a mapping, named
 *
 * The mappings a workspace keeps (gw_workspace_get_mappings()): tried for
 * a message their dataflows name after the --mapping files and before the
 * user's folder, so a workspace opened elsewhere reads the same way.  A
 * text that is no mapping is left out and is the error.
 *
 * Returns: whether every one is a mapping
 */
gboolean
gw_sdmx_set_workspace_mappings (const char *const *names, const char *const *texts, GError **error)
{
  g_autoptr(GPtrArray) good_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) good_texts = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = TRUE;

  for (guint i = 0; names != NULL && texts != NULL && names[i] != NULL && texts[i] != NULL; i++)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(GwSdmxMapping) m = gw_sdmx_mapping_load_data (texts[i], names[i], &local);

      if (m == NULL)
        {
          if (ok)
            g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                         _("The workspace's mapping “%s” cannot be used: %s"), names[i], local->message);
          ok = FALSE;
          continue;
        }
      g_ptr_array_add (good_names, g_strdup (names[i]));
      g_ptr_array_add (good_texts, g_strdup (texts[i]));
    }
  g_ptr_array_add (good_names, NULL);
  g_ptr_array_add (good_texts, NULL);
  G_LOCK (options);
  g_strfreev (workspace_names);
  workspace_names = (GStrv) g_ptr_array_steal (good_names, NULL);
  g_strfreev (workspace_texts);
  workspace_texts = (GStrv) g_ptr_array_steal (good_texts, NULL);
  G_UNLOCK (options);
  return ok;
}

char *
gw_sdmx_user_mapping_dir (void)
{
  return g_build_filename (g_get_user_config_dir (), "gapwatch", "mappings", NULL);
}

/**
 * gw_sdmx_set_options:
 * @structure: (nullable): a structure message for every data message read
 * @mappings: (nullable): mapping files, tried first
 * @error: the first mapping that cannot be loaded
 *
 * Returns: whether every mapping loaded (the options are kept only then)
 */
gboolean
gw_sdmx_set_options (const char *structure, const char *const *mappings, GError **error)
{
  for (guint i = 0; mappings != NULL && mappings[i] != NULL; i++)
    {
      g_autoptr(GwSdmxMapping) m = gw_sdmx_mapping_load (mappings[i], error);

      if (m == NULL)
        return FALSE;
    }
  G_LOCK (options);
  g_free (option_structure);
  option_structure = g_strdup (structure);
  g_strfreev (option_mappings);
  option_mappings = g_strdupv ((GStrv) mappings);
  G_UNLOCK (options);
  return TRUE;
}

char *
_gw_sdmx_option_structure (void)
{
  char *s;

  G_LOCK (options);
  s = g_strdup (option_structure);
  G_UNLOCK (options);
  return s;
}

static gboolean
names_one_of (const GwSdmxMapping *m, const char *const *ids)
{
  for (guint i = 0; m->dataflows != NULL && m->dataflows[i] != NULL; i++)
    for (guint j = 0; ids[j] != NULL; j++)
      if (g_ascii_strcasecmp (g_strstrip (m->dataflows[i]), ids[j]) == 0)
        return TRUE;
  return FALSE;
}

/* The user's folder, in name order; what cannot be read is passed over
 * (the window says so when it saves one). */
static GPtrArray *
user_mappings (void)
{
  g_autofree char *dir = gw_sdmx_user_mapping_dir ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".conf") || g_str_has_suffix (name, ".ini") || g_str_has_suffix (name, ".mapping"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);
  return paths;
}

GwSdmxMapping *
_gw_sdmx_mapping_find (const char *const *ids)
{
  g_auto(GStrv) given = NULL;
  g_auto(GStrv) ws_names = NULL;
  g_auto(GStrv) ws_texts = NULL;
  g_autoptr(GPtrArray) user = NULL;

  G_LOCK (options);
  given = g_strdupv (option_mappings);
  ws_names = g_strdupv (workspace_names);
  ws_texts = g_strdupv (workspace_texts);
  G_UNLOCK (options);

  /* a file given for this read wins: one for these ids, or for any message */
  for (guint i = 0; given != NULL && given[i] != NULL; i++)
    {
      g_autoptr(GwSdmxMapping) m = gw_sdmx_mapping_load (given[i], NULL);

      if (m != NULL && (names_one_of (m, ids) || m->dataflows == NULL || m->dataflows[0] == NULL))
        return g_steal_pointer (&m);
    }
  /* one the workspace keeps, for a message of its dataflows */
  for (guint i = 0; ws_names != NULL && ws_names[i] != NULL; i++)
    {
      g_autoptr(GwSdmxMapping) m = gw_sdmx_mapping_load_data (ws_texts[i], ws_names[i], NULL);

      if (m != NULL && names_one_of (m, ids))
        return g_steal_pointer (&m);
    }
  user = user_mappings ();
  for (guint i = 0; i < user->len; i++)
    {
      g_autoptr(GwSdmxMapping) m = gw_sdmx_mapping_load (g_ptr_array_index (user, i), NULL);

      if (m != NULL && names_one_of (m, ids))
        return g_steal_pointer (&m);
    }
  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      g_autoptr(GwSdmxMapping) m = gw_sdmx_mapping_load_data (profiles[i], "profile", NULL);

      g_assert (m != NULL);
      m->builtin = TRUE;
      if (names_one_of (m, ids))
        return g_steal_pointer (&m);
    }
  return NULL;
}
