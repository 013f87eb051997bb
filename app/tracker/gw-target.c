/* gw-target.c: targets and the two built in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-target.h"

#include <glib/gi18n.h>
#include <string.h>

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
