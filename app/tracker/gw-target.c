/* gw-target.c: targets and the two built in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-target.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (gw-target-error-quark, gw_target_error)

GwTarget *
gw_target_new (const char *name)
{
  GwTarget *t = g_new0 (GwTarget, 1);

  t->name = g_strdup (name);
  t->gap = GW_GAP_RELATIVE;
  t->reduction = 0.10;
  t->sexes = (1u << GW_SEX_MALE) | (1u << GW_SEX_FEMALE);
  t->method = GW_PROJECTION_LINEAR;
  return t;
}

GwTarget *
gw_target_copy (const GwTarget *target)
{
  GwTarget *t;

  g_return_val_if_fail (target != NULL, NULL);

  t = g_memdup2 (target, sizeof *target);
  t->name = g_strdup (target->name);
  t->title = g_strdup (target->title);
  t->indicator = g_strdup (target->indicator);
  t->group = g_strdup (target->group);
  t->comparator = g_strdup (target->comparator);
  return t;
}

void
gw_target_free (GwTarget *target)
{
  if (target == NULL)
    return;
  g_free (target->name);
  g_free (target->title);
  g_free (target->indicator);
  g_free (target->group);
  g_free (target->comparator);
  g_free (target);
}

static const char *const builtin_names[] = { "le-2010", "imr-2010", NULL };

const char *const *
gw_target_builtin_names (void)
{
  return builtin_names;
}

/* The Department of Health's 2010 targets: narrow by at least 10% the relative
 * gap between the Spearhead Group and England, from 1995-97 (life expectancy,
 * men and women) or 1997-99 (infant mortality, persons) to 2009-11. */
GwTarget *
gw_target_new_builtin (const char *name)
{
  GwTarget *t;

  g_return_val_if_fail (name != NULL, NULL);

  if (strcmp (name, "le-2010") == 0)
    {
      t = gw_target_new (name);
      t->title = g_strdup (_("2010 life expectancy target"));
      t->indicator = g_strdup ("le-birth");
      t->baseline = gw_period_pooled (1995, 1997);
    }
  else if (strcmp (name, "imr-2010") == 0)
    {
      t = gw_target_new (name);
      t->title = g_strdup (_("2010 infant mortality target"));
      t->indicator = g_strdup ("imr");
      t->baseline = gw_period_pooled (1997, 1999);
      t->sexes = 1u << GW_SEX_PERSONS;
    }
  else
    return NULL;

  t->group = g_strdup ("spearhead");
  t->target_period = gw_period_pooled (2009, 2011);
  return t;
}

gboolean
gw_gap_measure_parse (const char   *text,
                      GwGapMeasure *out)
{
  if (g_strcmp0 (text, "relative") == 0)
    *out = GW_GAP_RELATIVE;
  else if (g_strcmp0 (text, "absolute") == 0)
    *out = GW_GAP_ABSOLUTE;
  else
    return FALSE;
  return TRUE;
}

const char *
gw_gap_measure_to_string (GwGapMeasure gap)
{
  return gap == GW_GAP_ABSOLUTE ? "absolute" : "relative";
}

gboolean
gw_target_subject_parse (const char *text,
                         GwTarget   *target)
{
  static const struct { const char *prefix; GwTargetSubject subject; } kinds[] = {
    { "group:", GW_TARGET_SUBJECT_GROUP },
    { "members:", GW_TARGET_SUBJECT_MEMBERS },
    { "area:", GW_TARGET_SUBJECT_AREA },
  };
  GwTargetSubject subject = GW_TARGET_SUBJECT_GROUP;
  const char *id = text;

  g_return_val_if_fail (target != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_has_prefix (text, kinds[i].prefix))
      {
        subject = kinds[i].subject;
        id = text + strlen (kinds[i].prefix);
        break;
      }
  if (id[0] == '\0' || strchr (id, ':') != NULL || !g_utf8_validate (id, -1, NULL))
    return FALSE;
  g_free (target->group);
  target->group = g_strdup (id);
  target->subject = subject;
  return TRUE;
}

char *
gw_target_subject_to_string (const GwTarget *target)
{
  g_return_val_if_fail (target != NULL, NULL);

  switch (target->subject)
    {
    case GW_TARGET_SUBJECT_MEMBERS: return g_strconcat ("members:", target->group, NULL);
    case GW_TARGET_SUBJECT_AREA:    return g_strconcat ("area:", target->group, NULL);
    case GW_TARGET_SUBJECT_GROUP:
    default:                        return g_strconcat ("group:", target->group, NULL);
    }
}

gboolean
gw_target_measure_parse (const char      *text,
                         GwTargetMeasure *out)
{
  if (g_strcmp0 (text, "gap") == 0)
    *out = GW_TARGET_MEASURE_GAP;
  else if (g_strcmp0 (text, "sii") == 0)
    *out = GW_TARGET_MEASURE_SII;
  else
    return FALSE;
  return TRUE;
}

const char *
gw_target_measure_to_string (GwTargetMeasure measure)
{
  return measure == GW_TARGET_MEASURE_SII ? "sii" : "gap";
}

gboolean
gw_target_sii_indicator (const char *indicator,
                         guint      *start_age)
{
  guint age;

  if (g_strcmp0 (indicator, "le-birth") == 0)
    age = 0;
  else if (g_strcmp0 (indicator, "le-65") == 0)
    age = 65;
  else
    return FALSE;
  if (start_age != NULL)
    *start_age = age;
  return TRUE;
}

gboolean
gw_projection_parse (const char   *text,
                     GwProjection *out)
{
  if (g_strcmp0 (text, "linear") == 0)
    *out = GW_PROJECTION_LINEAR;
  else if (g_strcmp0 (text, "latest") == 0)
    *out = GW_PROJECTION_LATEST;
  else if (g_strcmp0 (text, "holt") == 0)
    *out = GW_PROJECTION_HOLT;
  else
    return FALSE;
  return TRUE;
}

const char *
gw_projection_to_string (GwProjection method)
{
  switch (method)
    {
    case GW_PROJECTION_LATEST: return "latest";
    case GW_PROJECTION_HOLT:   return "holt";
    default:                   return "linear";
    }
}

/* Serialising: a GKeyFile, so a workspace's targets stay readable (and
 * mendable) with sqlite3 and a text editor.  A field that is NULL or 0 has
 * no key.  The workspace's migration from schema version 1 writes this same
 * format (gw-workspace.c, migrate_1_to_2): change both together. */

#define TARGET_GROUP   "Target"
#define TARGET_VERSION 2   /* the newest read; 1 is written unless Measure= is needed */

/* Subject=: whom the target tracks; no key is a group (GW_TARGET_SUBJECT_GROUP). */
static const char *const subject_names[] = { "group", "members", "area" };

char *
gw_target_serialize (const GwTarget *target)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  char period[GW_PERIOD_STRLEN];
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  const char *sexes[4];
  gsize n_sexes = 0;

  g_return_val_if_fail (target != NULL && target->name != NULL, NULL);

  /* a gap target's text is what it was before measures: older Gapwatches read it */
  g_key_file_set_integer (kf, TARGET_GROUP, "Version", target->measure == GW_TARGET_MEASURE_GAP ? 1 : 2);
  g_key_file_set_string (kf, TARGET_GROUP, "Name", target->name);
  if (target->measure != GW_TARGET_MEASURE_GAP)
    g_key_file_set_string (kf, TARGET_GROUP, "Measure", gw_target_measure_to_string (target->measure));
  if (target->title != NULL)
    g_key_file_set_string (kf, TARGET_GROUP, "Title", target->title);
  if (target->indicator != NULL)
    g_key_file_set_string (kf, TARGET_GROUP, "Indicator", target->indicator);
  if (target->group != NULL)
    g_key_file_set_string (kf, TARGET_GROUP, "Group", target->group);
  if (target->subject != GW_TARGET_SUBJECT_GROUP && (guint) target->subject < G_N_ELEMENTS (subject_names))
    g_key_file_set_string (kf, TARGET_GROUP, "Subject", subject_names[target->subject]);
  if (target->comparator != NULL)
    g_key_file_set_string (kf, TARGET_GROUP, "Comparator", target->comparator);
  g_key_file_set_string (kf, TARGET_GROUP, "Gap", gw_gap_measure_to_string (target->gap));
  if (target->baseline != 0)
    g_key_file_set_string (kf, TARGET_GROUP, "Baseline", gw_period_format (target->baseline, period));
  if (target->target_period != 0)
    g_key_file_set_string (kf, TARGET_GROUP, "TargetPeriod", gw_period_format (target->target_period, period));
  /* %.17g in the C locale: the same double back */
  g_key_file_set_string (kf, TARGET_GROUP, "Reduction",
                         g_ascii_formatd (number, sizeof number, "%.17g", target->reduction));
  for (guint sex = GW_SEX_MALE; sex <= GW_SEX_PERSONS; sex++)
    if (target->sexes & (1u << sex))
      sexes[n_sexes++] = gw_sex_to_string (sex);
  sexes[n_sexes] = NULL;
  g_key_file_set_string_list (kf, TARGET_GROUP, "Sexes", sexes, n_sexes);
  g_key_file_set_string (kf, TARGET_GROUP, "Method", gw_projection_to_string (target->method));
  /* none: the indicator's own, no key */
  if (target->polarity != GW_POLARITY_NONE)
    g_key_file_set_string (kf, TARGET_GROUP, "Polarity", gw_polarity_to_string (target->polarity));
  return g_key_file_to_data (kf, NULL, NULL);
}

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, GW_TARGET_ERROR, GW_TARGET_ERROR_INVALID, _("The target cannot be read: %s"), detail);
  return FALSE;
}

/* A string key: NULL when absent; FALSE when it is there but unreadable. */
static gboolean
get_string (GKeyFile    *kf,
            const char  *key,
            char       **out,
            GError     **error)
{
  g_autoptr(GError) local = NULL;

  *out = NULL;
  if (!g_key_file_has_key (kf, TARGET_GROUP, key, NULL))
    return TRUE;
  *out = g_key_file_get_string (kf, TARGET_GROUP, key, &local);
  if (*out == NULL)
    return invalid (error, _("%s: %s"), key, local->message);
  return TRUE;
}

static gboolean
get_period (GKeyFile    *kf,
            const char  *key,
            GwPeriod    *out,
            GError     **error)
{
  g_autofree char *text = NULL;

  *out = 0;
  if (!get_string (kf, key, &text, error))
    return FALSE;
  if (text != NULL && !gw_period_parse (text, out))
    return invalid (error, _("%s “%s” is not a period"), key, text);
  return TRUE;
}

/**
 * gw_target_deserialize:
 * @text: what gw_target_serialize() wrote (untrusted: from a shared workspace)
 * @error: GW_TARGET_ERROR_INVALID saying which field is wrong
 *
 * Returns: (transfer full) (nullable): the target, or NULL
 */
GwTarget *
gw_target_deserialize (const char  *text,
                       GError     **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GwTarget) t = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  g_auto(GStrv) sexes = NULL;
  gint64 version;
  char *end = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  /* GKeyFile takes only UTF-8 values; say so for the whole text first. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      invalid (error, _("the text is not valid UTF-8"));
      return NULL;
    }
  if (!g_key_file_load_from_data (kf, text, (gsize) -1, G_KEY_FILE_NONE, &local))
    {
      invalid (error, "%s", local->message);
      return NULL;
    }
  if (!g_key_file_has_group (kf, TARGET_GROUP))
    {
      invalid (error, _("there is no [%s] group"), TARGET_GROUP);
      return NULL;
    }
  version = g_key_file_get_int64 (kf, TARGET_GROUP, "Version", &local);
  if (local != NULL || version < 1)
    {
      invalid (error, _("Version is missing or not a number"));
      return NULL;
    }
  if (version > TARGET_VERSION)
    {
      invalid (error, _("it was written by a newer Gapwatch (version %" PRId64 ")"), version);
      return NULL;
    }

  if (!get_string (kf, "Name", &name, error))
    return NULL;
  if (name == NULL || *name == '\0')
    {
      invalid (error, _("it has no Name"));
      return NULL;
    }
  t = gw_target_new (name);
  if (!get_string (kf, "Title", &t->title, error)
      || !get_string (kf, "Indicator", &t->indicator, error)
      || !get_string (kf, "Group", &t->group, error)
      || !get_string (kf, "Comparator", &t->comparator, error)
      || !get_period (kf, "Baseline", &t->baseline, error)
      || !get_period (kf, "TargetPeriod", &t->target_period, error))
    return NULL;

  if (!get_string (kf, "Gap", &value, error))
    return NULL;
  if (value != NULL && !gw_gap_measure_parse (value, &t->gap))
    {
      invalid (error, _("Gap “%s” is not relative or absolute"), value);
      return NULL;
    }
  g_clear_pointer (&value, g_free);

  if (!get_string (kf, "Subject", &value, error))
    return NULL;
  if (value != NULL)
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (subject_names); i++)
        if (strcmp (value, subject_names[i]) == 0)
          break;
      if (i == G_N_ELEMENTS (subject_names))
        {
          invalid (error, _("Subject “%s” is not group, members or area"), value);
          return NULL;
        }
      t->subject = (GwTargetSubject) i;
    }
  g_clear_pointer (&value, g_free);

  if (!get_string (kf, "Measure", &value, error))
    return NULL;
  if (value != NULL && !gw_target_measure_parse (value, &t->measure))
    {
      invalid (error, _("Measure “%s” is not gap or sii"), value);
      return NULL;
    }
  g_clear_pointer (&value, g_free);
  /* an SII is of life expectancy, in years, with no comparator */
  if (t->measure == GW_TARGET_MEASURE_SII)
    {
      if (t->indicator != NULL && !gw_target_sii_indicator (t->indicator, NULL))
        {
          invalid (error, _("an SII target is on le-birth or le-65, not “%s”"), t->indicator);
          return NULL;
        }
      if (t->comparator != NULL || t->gap != GW_GAP_ABSOLUTE)
        {
          invalid (error, _("an SII target has no Comparator and its Gap is absolute"));
          return NULL;
        }
    }

  if (!get_string (kf, "Method", &value, error))
    return NULL;
  if (value != NULL && !gw_projection_parse (value, &t->method))
    {
      invalid (error, _("Method “%s” is not linear, latest or holt"), value);
      return NULL;
    }
  g_clear_pointer (&value, g_free);

  if (!get_string (kf, "Polarity", &value, error))
    return NULL;
  if (value != NULL && *value != '\0' && !gw_polarity_parse (value, &t->polarity))
    {
      invalid (error, _("Polarity “%s” is not higher-is-better or lower-is-better"), value);
      return NULL;
    }
  g_clear_pointer (&value, g_free);

  if (!get_string (kf, "Reduction", &value, error))
    return NULL;
  if (value != NULL)
    {
      t->reduction = g_ascii_strtod (value, &end);
      if (end == value || *end != '\0' || !isfinite (t->reduction)
          || t->reduction < 0.0 || t->reduction > 1.0)
        {
          invalid (error, _("Reduction “%s” is not a fraction from 0 to 1"), value);
          return NULL;
        }
    }

  if (g_key_file_has_key (kf, TARGET_GROUP, "Sexes", NULL))
    {
      sexes = g_key_file_get_string_list (kf, TARGET_GROUP, "Sexes", NULL, &local);
      if (sexes == NULL && local != NULL)
        {
          invalid (error, _("%s: %s"), "Sexes", local->message);
          return NULL;
        }
      t->sexes = 0;
      for (guint i = 0; sexes != NULL && sexes[i] != NULL; i++)
        {
          GwSex sex;

          if (!gw_sex_parse (sexes[i], &sex))
            {
              invalid (error, _("Sexes: “%s” is not m, f or p"), sexes[i]);
              return NULL;
            }
          t->sexes |= 1u << sex;
        }
    }
  return g_steal_pointer (&t);
}
