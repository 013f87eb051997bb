/* gw-import.c: one imported export and where it came from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-import.h"

#include <string.h>

struct _GwImport
{
  GObject    parent_instance;

  guint      slot;
  char      *id;
  char      *file;
  char      *basename;
  char      *sha256;
  GDateTime *generated;
  char      *version;
  char      *publisher;
  char      *title;
  char      *mapping_name;
  char      *mapping_text;
  guint      records[GW_N_RECORD_KINDS];
  guint      revisions;
  guint      n_warnings;
  GStrv      warnings;
};

G_DEFINE_FINAL_TYPE (GwImport, gw_import, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FILE,
  PROP_BASENAME,
  PROP_PUBLISHER,
  PROP_TITLE,
  PROP_GENERATED,
  PROP_SHA256,
  PROP_RECORDS,
  PROP_REVISIONS,
  PROP_N_WARNINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gw_import_finalize (GObject *object)
{
  GwImport *self = GW_IMPORT (object);

  g_free (self->id);
  g_free (self->file);
  g_free (self->basename);
  g_free (self->sha256);
  g_clear_pointer (&self->generated, g_date_time_unref);
  g_free (self->version);
  g_free (self->publisher);
  g_free (self->title);
  g_free (self->mapping_name);
  g_free (self->mapping_text);
  g_strfreev (self->warnings);

  G_OBJECT_CLASS (gw_import_parent_class)->finalize (object);
}

static void
gw_import_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GwImport *self = GW_IMPORT (object);

  switch (prop_id)
    {
    case PROP_ID:         g_value_set_string (value, self->id); break;
    case PROP_FILE:       g_value_set_string (value, self->file); break;
    case PROP_BASENAME:   g_value_set_string (value, self->basename); break;
    case PROP_PUBLISHER:  g_value_set_string (value, self->publisher); break;
    case PROP_TITLE:      g_value_set_string (value, self->title); break;
    case PROP_GENERATED:  g_value_set_boxed (value, self->generated); break;
    case PROP_SHA256:     g_value_set_string (value, self->sha256); break;
    case PROP_RECORDS:    g_value_set_uint (value, gw_import_get_records (self)); break;
    case PROP_REVISIONS:  g_value_set_uint (value, self->revisions); break;
    case PROP_N_WARNINGS: g_value_set_uint (value, self->n_warnings); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_import_class_init (GwImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = gw_import_finalize;
  object_class->get_property = gw_import_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_FILE] = g_param_spec_string ("file", NULL, NULL, NULL, ro);
  properties[PROP_BASENAME] = g_param_spec_string ("basename", NULL, NULL, NULL, ro);
  properties[PROP_PUBLISHER] = g_param_spec_string ("publisher", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_GENERATED] = g_param_spec_boxed ("generated", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_SHA256] = g_param_spec_string ("sha256", NULL, NULL, NULL, ro);
  properties[PROP_RECORDS] = g_param_spec_uint ("records", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_REVISIONS] = g_param_spec_uint ("revisions", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_WARNINGS] = g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gw_import_init (GwImport *self)
{
}

GwImport *
_gw_import_new (guint         slot,
                const char   *id,
                const char   *file,
                const char   *sha256,
                GDateTime    *generated,
                const char   *version,
                const char   *publisher,
                const char   *title,
                const guint   records[GW_N_RECORD_KINDS],
                guint         n_warnings,
                GPtrArray    *warnings)
{
  GwImport *self = g_object_new (GW_TYPE_IMPORT, NULL);

  self->slot = slot;
  self->id = g_strdup (id);
  self->file = g_strdup (file);
  self->basename = file != NULL ? g_path_get_basename (file) : NULL;
  self->sha256 = g_strdup (sha256);
  self->generated = generated != NULL ? g_date_time_ref (generated) : NULL;
  self->version = g_strdup (version);
  self->publisher = g_strdup (publisher);
  self->title = g_strdup (title);
  memcpy (self->records, records, sizeof self->records);
  self->n_warnings = n_warnings;

  if (warnings != NULL)
    {
      self->warnings = g_new0 (char *, warnings->len + 1);
      for (guint i = 0; i < warnings->len; i++)
        self->warnings[i] = g_strdup (g_ptr_array_index (warnings, i));
    }
  else
    self->warnings = g_new0 (char *, 1);

  return self;
}

void
_gw_import_set_revisions (GwImport *self,
                          guint     revisions)
{
  if (self->revisions == revisions)
    return;
  self->revisions = revisions;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISIONS]);
}

const char *gw_import_get_id (GwImport *self) { g_return_val_if_fail (GW_IS_IMPORT (self), NULL); return self->id; }
const char *gw_import_get_file (GwImport *self) { g_return_val_if_fail (GW_IS_IMPORT (self), NULL); return self->file; }
const char *gw_import_get_basename (GwImport *self) { g_return_val_if_fail (GW_IS_IMPORT (self), NULL); return self->basename; }
const char *gw_import_get_publisher (GwImport *self) { g_return_val_if_fail (GW_IS_IMPORT (self), NULL); return self->publisher; }
const char *gw_import_get_title (GwImport *self) { g_return_val_if_fail (GW_IS_IMPORT (self), NULL); return self->title; }
const char *gw_import_get_mapping_name (GwImport *self) { g_return_val_if_fail (GW_IS_IMPORT (self), NULL); return self->mapping_name; }
const char *gw_import_get_mapping_text (GwImport *self) { g_return_val_if_fail (GW_IS_IMPORT (self), NULL); return self->mapping_text; }

void
_gw_import_set_mapping (GwImport *self, const char *name, const char *text)
{
  g_return_if_fail (GW_IS_IMPORT (self));
  g_free (self->mapping_name);
  self->mapping_name = g_strdup (name);
  g_free (self->mapping_text);
  self->mapping_text = g_strdup (text);
}
const char *gw_import_get_version (GwImport *self) { g_return_val_if_fail (GW_IS_IMPORT (self), NULL); return self->version; }
GDateTime *gw_import_get_generated (GwImport *self) { g_return_val_if_fail (GW_IS_IMPORT (self), NULL); return self->generated; }
const char *gw_import_get_sha256 (GwImport *self) { g_return_val_if_fail (GW_IS_IMPORT (self), NULL); return self->sha256; }
guint gw_import_get_revisions (GwImport *self) { g_return_val_if_fail (GW_IS_IMPORT (self), 0); return self->revisions; }
guint gw_import_get_n_warnings (GwImport *self) { g_return_val_if_fail (GW_IS_IMPORT (self), 0); return self->n_warnings; }
guint gw_import_get_slot (GwImport *self) { g_return_val_if_fail (GW_IS_IMPORT (self), 0); return self->slot; }

const char *const *
gw_import_get_warnings (GwImport *self)
{
  g_return_val_if_fail (GW_IS_IMPORT (self), NULL);
  return (const char *const *) self->warnings;
}

char *
gw_import_format_generated (GwImport *self)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (GW_IS_IMPORT (self), NULL);
  if (self->generated == NULL)
    return g_strdup ("");
  utc = g_date_time_to_utc (self->generated);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

guint
gw_import_get_records (GwImport *self)
{
  guint n = 0;

  g_return_val_if_fail (GW_IS_IMPORT (self), 0);
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    n += self->records[k];
  return n;
}

guint
gw_import_get_records_of_kind (GwImport     *self,
                               GwRecordKind  kind)
{
  g_return_val_if_fail (GW_IS_IMPORT (self), 0);
  g_return_val_if_fail ((guint) kind < GW_N_RECORD_KINDS, 0);
  return self->records[kind];
}
