/* gw-report-decomp.c: why the gap and what it would take, for the report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers of an area page's (and the group page's) "Why the gap" and
 * "What it would take": each tracked sex decomposed against the target's
 * comparator over the latest three years with counts (methods.md section
 * 5), the deaths to prevent for the target's gap (the tracker row's target
 * gap, relative when the target's is), the two charts and the sentences.
 * gw-report.c places them on the page.  A subject without counts (an export
 * of published values only) has none, and its page is as it was.
 */
#include "gw-config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "gw-chart-decomp.h"
#include "gw-chart-private.h"
#include "gw-report-private.h"

#define N_SEXES 2

struct _GwReportDecomp
{
  GwChart *scarf;
  GwChart *age_cause;
  char    *why;      /* a line per sex: "Men: 1.1 of the 2.7 years come from …" */
  char    *take;     /* a line per sex: "About 160 fewer deaths a year, … men’s …" */
};

void
_gw_report_decomp_free (GwReportDecomp *d)
{
  g_clear_object (&d->scarf);
  g_clear_object (&d->age_cause);
  g_free (d->why);
  g_free (d->take);
  g_free (d);
}

/* The tracker row's target gap of the subject and sex: the gap the deaths
 * to prevent are for. */
static gboolean
target_gap (GwTrackerResult *result,
            gboolean         is_group,
            guint            subject,
            GwSex            sex,
            double          *gap)
{
  guint n_rows;
  const GwTrackerRow **rows = gw_tracker_result_get_subject_rows (result, is_group, subject, &n_rows);

  for (guint i = 0; i < n_rows; i++)
    if (rows[i]->sex == sex && isfinite (rows[i]->target_gap))
      {
        *gap = rows[i]->target_gap;
        return TRUE;
      }
  return FALSE;
}

GwReportDecomp *
_gw_report_decomp_new (GwTrackerResult *result,
                       gboolean         is_group,
                       guint            subject)
{
  static const GwSex sexes[N_SEXES] = { GW_SEX_MALE, GW_SEX_FEMALE };
  const GwTarget *target = gw_tracker_result_get_target (result);
  GwDataset *dataset = gw_tracker_result_get_dataset (result);
  g_autoptr(GwGapDecomp) men = NULL;
  g_autoptr(GwGapDecomp) women = NULL;
  GwGapDecomp **decomps[N_SEXES] = { &men, &women };
  g_autoptr(GString) why = g_string_new (NULL);
  g_autoptr(GString) take = g_string_new (NULL);
  GwChartDecompInput input = { 0 };
  GwReportDecomp *d;

  /* a decomposition of life expectancy at birth, nothing else */
  if (g_strcmp0 (target->indicator, "le-birth") != 0)
    return NULL;
  for (guint i = 0; i < N_SEXES; i++)
    {
      GwGapDecompRequest request;
      g_autoptr(GwGapReckoning) reckoning = NULL;
      g_autofree char *sentence = NULL;
      double gap;

      if (!(target->sexes & (1u << sexes[i])))
        continue;
      gw_gap_decomp_request_init (&request, is_group, subject, sexes[i]);
      if (target->comparator != NULL)
        request.comparator = gw_dataset_lookup_area (dataset, target->comparator);
      *decomps[i] = gw_gap_decomp_new (dataset, &request, NULL);
      if (*decomps[i] == NULL)
        continue;
      input.sexes[input.n_sexes++].decomp = *decomps[i];

      sentence = gw_decomp_why_sentence (*decomps[i]);
      if (sentence != NULL)
        {
          if (why->len > 0)
            g_string_append_c (why, '\n');
          g_string_append_printf (why, C_("sentence", "%s: %s"), gw_chart_sex_label (sexes[i]), sentence);
        }
      g_clear_pointer (&sentence, g_free);
      if (target_gap (result, is_group, subject, sexes[i], &gap))
        {
          g_autoptr(GError) error = NULL;

          reckoning = gw_gap_decomp_reckon (*decomps[i], gap, target->gap == GW_GAP_RELATIVE, &error);
          sentence = reckoning != NULL ? gw_decomp_reckon_sentence (*decomps[i], reckoning)
                                       : g_strdup (error->message);
        }
      else
        sentence = g_strdup (_("The target sets no gap to reach: no deaths to prevent are worked out."));
      /* the deaths-to-prevent sentence names the sex itself */
      if (take->len > 0)
        g_string_append_c (take, '\n');
      if (reckoning != NULL)
        g_string_append (take, sentence);
      else
        g_string_append_printf (take, C_("sentence", "%s: %s"), gw_chart_sex_label (sexes[i]), sentence);
    }
  if (input.n_sexes == 0)
    return NULL;

  d = g_new0 (GwReportDecomp, 1);
  d->scarf = gw_chart_new_scarf (&input, NULL);
  d->age_cause = gw_chart_new_age_cause (&input, NULL);
  d->why = g_string_free (g_steal_pointer (&why), FALSE);
  d->take = g_string_free (g_steal_pointer (&take), FALSE);
  return d;
}

GwChart *
_gw_report_decomp_get_scarf (GwReportDecomp *d)
{
  return d->scarf;
}

GwChart *
_gw_report_decomp_get_age_cause (GwReportDecomp *d)
{
  return d->age_cause;
}

const char *
_gw_report_decomp_get_why (GwReportDecomp *d)
{
  return d->why;
}

const char *
_gw_report_decomp_get_take (GwReportDecomp *d)
{
  return d->take;
}
