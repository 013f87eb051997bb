/* gw-target.h: a health-inequalities target, as data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * help/C/method-target.page.  A target names an indicator, a subject group, a
 * comparator, a gap measure, a baseline and a target period, the reduction of
 * the gap to reach, the sexes, and how to project.
 */
#pragma once

#include "model/gw-period.h"
#include "model/gw-types.h"

G_BEGIN_DECLS

typedef enum
{
  GW_GAP_RELATIVE = 0,   /* percent of the comparator's value */
  GW_GAP_ABSOLUTE,       /* in the indicator's unit (years, per 1,000) */
} GwGapMeasure;

typedef enum
{
  GW_PROJECTION_LINEAR = 0,  /* least-squares line through the points, at the target period */
  GW_PROJECTION_LATEST,      /* the latest gap against the trajectory at its period */
  GW_PROJECTION_HOLT,        /* Holt's linear exponential smoothing forecast */
} GwProjection;

/* What a target narrows (help/C/method-target.page). */
typedef enum
{
  GW_TARGET_MEASURE_GAP = 0,  /* the gap between the subject and the comparator */
  GW_TARGET_MEASURE_SII,      /* the slope index of inequality of life expectancy
                               * across the IMD deciles of each subject's small
                               * areas, in years (no comparator; always absolute) */
} GwTargetMeasure;

/* Whom a target tracks. */
typedef enum
{
  GW_TARGET_SUBJECT_GROUP = 0,  /* a group (its pooled counts) and each of its member areas */
  GW_TARGET_SUBJECT_MEMBERS,    /* each member area of a group, not the group as a whole */
  GW_TARGET_SUBJECT_AREA,       /* one area */
} GwTargetSubject;

typedef struct
{
  char         *name;         /* "le-2010" */
  char         *title;        /* "2010 life expectancy target" (translated) */
  char         *indicator;    /* indicator id: "le-birth" */
  char         *group;        /* the subject: a group id ("spearhead"), or an area code (AREA) */
  char         *comparator;   /* area code; NULL for the area of type country */
  GwGapMeasure  gap;
  GwPeriod      baseline;
  GwPeriod      target_period;
  double        reduction;    /* fraction of the baseline gap to remove: 0.10 */
  guint         sexes;        /* bit mask of 1 << GwSex */
  GwProjection  method;
  GwPolarity    polarity;     /* NONE: take the indicator's */
  GwTargetSubject subject;
  GwTargetMeasure measure;    /* GAP for every target before issue 15 */
} GwTarget;

GwTarget      *gw_target_new                 (const char  *name);
GwTarget      *gw_target_copy                (const GwTarget *target);
void           gw_target_free                (GwTarget    *target);
/* The built-in targets: "le-2010" and "imr-2010" (help/C/method-target.page). */
GwTarget      *gw_target_new_builtin         (const char  *name);
const char *const *gw_target_builtin_names   (void);

gboolean       gw_gap_measure_parse          (const char  *text,
                                              GwGapMeasure *out);
const char    *gw_gap_measure_to_string      (GwGapMeasure gap);
/* "group:ID", "members:ID" or "area:CODE" (a bare ID is a group): sets
 * target's subject and group. */
gboolean       gw_target_subject_parse       (const char  *text,
                                              GwTarget    *target);
/* The same text for target's subject and group (newly allocated). */
char          *gw_target_subject_to_string   (const GwTarget *target);
/* "gap" or "sii". */
gboolean       gw_target_measure_parse       (const char      *text,
                                              GwTargetMeasure *out);
const char    *gw_target_measure_to_string   (GwTargetMeasure  measure);
/* Whether indicator can carry an SII target: life expectancy at birth
 * (le-birth, start age 0) or at 65 (le-65); start_age may be NULL. */
gboolean       gw_target_sii_indicator       (const char      *indicator,
                                              guint           *start_age);
gboolean       gw_projection_parse           (const char  *text,
                                              GwProjection *out);
const char    *gw_projection_to_string       (GwProjection method);

/* GW_TARGET_ERROR_INVALID: a serialised target that cannot be read. */
#define GW_TARGET_ERROR (gw_target_error_quark ())

typedef enum
{
  GW_TARGET_ERROR_INVALID,
} GwTargetError;

GQuark         gw_target_error_quark         (void);

/* Every field of target as text (a GKeyFile, group [Target], Version=1;
 * Version=2 with Measure=sii, so a Gapwatch before issue 15 refuses an SII
 * target instead of tracking it as a gap),
 * for the workspace's targets table.  gw_target_deserialize() gives back an
 * equal target; it validates the text as untrusted input. */
char          *gw_target_serialize           (const GwTarget *target);
GwTarget      *gw_target_deserialize         (const char     *text,
                                              GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwTarget, gw_target_free)

G_END_DECLS
