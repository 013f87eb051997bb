/* gw-area-inequality.c: inequality within the area, in the area view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The slope and relative index of inequality (SII, RII) of life expectancy
 * at birth across the deprivation deciles of the selected area, from its
 * values published by decile or its small areas' counts (methods.md section
 * 4, gw_inequality_compute()), for men and women with their 95% limits,
 * and the deprivation gradient chart.  The limits take
 * 100,000 simulations per sex: computed in a GTask thread so the window
 * stays responsive; selecting another area cancels the wait for the last
 * one (its result is dropped).  An area with neither input shows nothing.
 */
#include "gw-config.h"

#include <glib/gi18n.h>

#include "methods/gw-inequality.h"
#include "gw-area-inequality.h"
#include "gw-chart-view.h"
#include "gw-ui-text.h"
#include "gw-worker-gate.h"

struct _GwAreaInequality
{
  GtkWidget         parent_instance;

  /* template widgets */
  GtkBox           *box;
  GtkBox           *busy_box;
  GwChartView      *chart_view;
  GtkLabel         *explanation_label;
  GtkGrid          *figures_grid;
  GtkLabel         *heading;
  GtkSpinner       *spinner;

  /* owned */
  GCancellable     *cancellable;   /* of the computation under way */
  GwWorkerGate     *gate;          /* its thread's */
  char             *figures[2][2]; /* [sex - men][rii] */
};

G_DEFINE_FINAL_TYPE (GwAreaInequality, gw_area_inequality, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the thread is given and gives back. */
typedef struct
{
  GwDataset         *dataset;     /* dropped by the thread when done */
  GwWorkerGate      *gate;
  GwChart           *chart;       /* made in the thread: it reads the dataset */
  gboolean           is_group;
  guint              subject;
  GwInequalityValue  values[2];   /* men, women */
  GError            *errors[2];
  gboolean           has_input;   /* small areas or published deciles */
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->dataset);
  g_clear_object (&job->chart);
  g_clear_pointer (&job->gate, gw_worker_gate_unref);
  for (guint i = 0; i < 2; i++)
    g_clear_error (&job->errors[i]);
  g_free (job);
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GwInequality) ineq = gw_inequality_new (job->dataset, 0, &error);

  /* no small areas in the dataset: nothing to show, not a failure */
  if (ineq != NULL)
    {
      for (guint i = 0; i < 2 && !g_cancellable_is_cancelled (cancellable); i++)
        {
          gw_inequality_compute (ineq, job->is_group, job->subject, GW_SEX_MALE + i, 0, NULL,
                                 &job->values[i], &job->errors[i]);
          job->has_input |= job->values[i].n_small_areas > 0 || job->values[i].n_published > 0;
        }
      if (job->has_input && !g_cancellable_is_cancelled (cancellable))
        job->chart = gw_chart_new_gradient (job->dataset, job->values, 2, NULL);
    }
  g_clear_pointer (&ineq, gw_inequality_free);
  g_clear_object (&job->dataset);
  gw_worker_gate_open (job->gate);
  g_task_return_boolean (task, TRUE);
}

static void
set_busy (GwAreaInequality *self,
          gboolean          busy)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->busy_box)) == busy)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->busy_box), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
clear_figures (GwAreaInequality *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_grid))) != NULL)
    gtk_grid_remove (self->figures_grid, child);
  for (guint s = 0; s < 2; s++)
    for (guint r = 0; r < 2; r++)
      g_clear_pointer (&self->figures[s][r], g_free);
}

static GtkWidget *
figure_label (const char *text,
              gboolean    name)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), name ? 0.0f : 1.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, name ? "gw-figure-name" : "gw-figure-value");
  if (!name)
    gtk_widget_add_css_class (label, "gw-numeric");
  return label;
}

/* "11.9 (9.9 to 13.8)" */
static char *
figure_text (double value,
             double lower,
             double upper,
             int    decimals)
{
  /* Translators: a figure and its 95% confidence interval, "11.9 (9.9 to 13.8)" */
  return g_strdup_printf (_("%.*f (%.*f to %.*f)"), decimals, value, decimals, lower, decimals, upper);
}

/* Where the figures come from: the input of the first sex with a value
 * (else of men).  The two sexes come from the same input unless one has
 * published deciles and the other only counts, which no export we know
 * does. */
static char *
source_text (const Job *job)
{
  const GwInequalityValue *v = &job->values[0];
  g_autofree char *period = NULL;

  if (!v->has_value && job->values[1].has_value)
    v = &job->values[1];
  period = gw_ui_format_period (v->period);
  if (v->source == GW_INEQUALITY_SOURCE_PUBLISHED)
    /* Translators: under "Inequality within the area"; %s is a period, 2016-2018 */
    return g_strdup_printf (_("Life expectancy at birth from published values by deprivation decile, %s: "
                              "the SII is the gap in years between the least and the most deprived ends of "
                              "the fitted line."), period);
  if (v->small_area_type == GW_AREA_MSOA)
    /* Translators: under "Inequality within the area": "Life expectancy at birth by deprivation decile
     * from the deaths and populations of 12 MSOAs, 2016-2018: ..." */
    return g_strdup_printf (ngettext ("Life expectancy at birth by deprivation decile from the deaths and "
                                      "populations of %u MSOA, %s: the SII is the gap in years between the least "
                                      "and the most deprived ends of the fitted line.",
                                      "Life expectancy at birth by deprivation decile from the deaths and "
                                      "populations of %u MSOAs, %s: the SII is the gap in years between the least "
                                      "and the most deprived ends of the fitted line.", v->n_small_areas),
                            v->n_small_areas, period);
  /* Translators: under "Inequality within the area": "Life expectancy at birth by deprivation decile
   * from the deaths and populations of 98 LSOAs, 2005-2007: the SII is the gap in years between the
   * least and the most deprived ends of the fitted line." */
  return g_strdup_printf (ngettext ("Life expectancy at birth by deprivation decile from the deaths and "
                                    "populations of %u LSOA, %s: the SII is the gap in years between the least "
                                    "and the most deprived ends of the fitted line.",
                                    "Life expectancy at birth by deprivation decile from the deaths and "
                                    "populations of %u LSOAs, %s: the SII is the gap in years between the least "
                                    "and the most deprived ends of the fitted line.", v->n_small_areas),
                          v->n_small_areas, period);
}

static void
show_job (GwAreaInequality *self,
          Job              *job)
{
  static const char *const rows[2] = {
    /* xgettext:no-c-format */
    N_("Slope index of inequality (years, 95% interval)"),
    N_("Relative index of inequality"),
  };
  g_autoptr(GString) notes = g_string_new (NULL);

  clear_figures (self);
  gtk_widget_set_visible (GTK_WIDGET (self), job->has_input);
  if (!job->has_input)
    {
      gw_chart_view_set_chart (self->chart_view, NULL);
      return;
    }

  gtk_grid_attach (self->figures_grid, figure_label ("", TRUE), 0, 0, 1, 1);
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *sex = figure_label (i == 0 ? _("Men") : _("Women"), FALSE);

      gtk_widget_add_css_class (sex, "heading");
      gtk_grid_attach (self->figures_grid, sex, 1 + i, 0, 1, 1);
    }
  for (guint r = 0; r < 2; r++)
    {
      gtk_grid_attach (self->figures_grid, figure_label (_(rows[r]), TRUE), 0, 1 + r, 1, 1);
      for (guint i = 0; i < 2; i++)
        {
          const GwInequalityValue *v = &job->values[i];
          const GwSiiResult *sii = &v->sii;

          if (!v->has_value)
            self->figures[i][r] = g_strdup ("–");
          else if (r == 0)
            self->figures[i][r] = figure_text (sii->sii, sii->sii_lower[GW_SII_LEVEL_95],
                                               sii->sii_upper[GW_SII_LEVEL_95], 1);
          else
            self->figures[i][r] = figure_text (sii->rii, sii->rii_lower[GW_SII_LEVEL_95],
                                               sii->rii_upper[GW_SII_LEVEL_95], 3);
          gtk_grid_attach (self->figures_grid, figure_label (self->figures[i][r], FALSE), 1 + i, 1 + r, 1, 1);
        }
    }

  gtk_label_set_label (self->explanation_label, "");
  for (guint i = 0; i < 2; i++)
    if (job->errors[i] != NULL && notes->len == 0)
      g_string_append (notes, job->errors[i]->message);
  if (notes->len == 0)
    {
      g_autofree char *source = source_text (job);

      g_string_append (notes, source);
    }
  gtk_label_set_label (self->explanation_label, notes->str);

  gw_chart_view_set_chart (self->chart_view, job->chart);
  gtk_widget_set_visible (GTK_WIDGET (self->chart_view), job->chart != NULL);
}

static void
compute_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(GwAreaInequality) self = g_weak_ref_get (weak);
  Job *job = g_task_get_task_data (G_TASK (result));

  g_weak_ref_clear (weak);
  g_free (weak);
  /* gone, or a later selection took over: its own task will show it */
  if (self == NULL || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->gate, gw_worker_gate_unref);
  set_busy (self, FALSE);
  show_job (self, job);
}

/* GObject */

static void
gw_area_inequality_dispose (GObject *object)
{
  GwAreaInequality *self = (GwAreaInequality *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* the window's dataset must not outlive the window in the thread */
  if (self->gate != NULL)
    gw_worker_gate_wait (self->gate);
  g_clear_pointer (&self->gate, gw_worker_gate_unref);
  for (guint s = 0; s < 2; s++)
    for (guint r = 0; r < 2; r++)
      g_clear_pointer (&self->figures[s][r], g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_AREA_INEQUALITY);

  G_OBJECT_CLASS (gw_area_inequality_parent_class)->dispose (object);
}

static void
gw_area_inequality_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GwAreaInequality *self = GW_AREA_INEQUALITY (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, gw_area_inequality_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_area_inequality_class_init (GwAreaInequalityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_area_inequality_dispose;
  object_class->get_property = gw_area_inequality_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GW_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, GW_RESOURCE_PREFIX "ui/gw-area-inequality.ui");
  gtk_widget_class_bind_template_child (widget_class, GwAreaInequality, box);
  gtk_widget_class_bind_template_child (widget_class, GwAreaInequality, busy_box);
  gtk_widget_class_bind_template_child (widget_class, GwAreaInequality, chart_view);
  gtk_widget_class_bind_template_child (widget_class, GwAreaInequality, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, GwAreaInequality, figures_grid);
  gtk_widget_class_bind_template_child (widget_class, GwAreaInequality, heading);
  gtk_widget_class_bind_template_child (widget_class, GwAreaInequality, spinner);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gwareainequality");
}

static void
gw_area_inequality_init (GwAreaInequality *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* Public API */

GtkWidget *
gw_area_inequality_new (void)
{
  return g_object_new (GW_TYPE_AREA_INEQUALITY, NULL);
}

void
gw_area_inequality_set_subject (GwAreaInequality *self,
                                GwDataset        *dataset,
                                gboolean          is_group,
                                guint             subject)
{
  g_autoptr(GTask) task = NULL;
  GWeakRef *weak;
  Job *job;

  g_return_if_fail (GW_IS_AREA_INEQUALITY (self));
  g_return_if_fail (dataset == NULL || GW_IS_DATASET (dataset));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (dataset == NULL)
    {
      set_busy (self, FALSE);
      clear_figures (self);
      gw_chart_view_set_chart (self->chart_view, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  job = g_new0 (Job, 1);
  job->dataset = g_object_ref (dataset);
  job->gate = gw_worker_gate_new ();
  /* the last one was cancelled: it ends within one SII */
  if (self->gate != NULL)
    gw_worker_gate_wait (self->gate);
  g_clear_pointer (&self->gate, gw_worker_gate_unref);
  self->gate = gw_worker_gate_ref (job->gate);
  job->is_group = is_group;
  job->subject = subject;
  self->cancellable = g_cancellable_new ();
  /* a weak reference: the view may go before the thread ends */
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  task = g_task_new (NULL, self->cancellable, compute_done, weak);
  g_task_set_source_tag (task, gw_area_inequality_set_subject);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* the last figures stay until the new ones replace them: no flicker
   * when moving through the table */
  set_busy (self, TRUE);
  g_task_run_in_thread (task, compute_thread);
}

void
gw_area_inequality_set_palette (GwAreaInequality *self,
                                GwChartPalette    palette)
{
  g_return_if_fail (GW_IS_AREA_INEQUALITY (self));

  gw_chart_view_set_palette (self->chart_view, palette);
}

gboolean
gw_area_inequality_get_busy (GwAreaInequality *self)
{
  g_return_val_if_fail (GW_IS_AREA_INEQUALITY (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->busy_box));
}

const char *
gw_area_inequality_get_figure (GwAreaInequality *self,
                               GwSex             sex,
                               gboolean          rii)
{
  g_return_val_if_fail (GW_IS_AREA_INEQUALITY (self), NULL);
  g_return_val_if_fail (sex == GW_SEX_MALE || sex == GW_SEX_FEMALE, NULL);

  return self->figures[sex - GW_SEX_MALE][rii ? 1 : 0] != NULL ? self->figures[sex - GW_SEX_MALE][rii ? 1 : 0] : "";
}

GtkWidget *
gw_area_inequality_get_chart (GwAreaInequality *self)
{
  g_return_val_if_fail (GW_IS_AREA_INEQUALITY (self), NULL);

  return GTK_WIDGET (self->chart_view);
}
