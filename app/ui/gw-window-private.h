/* gw-window-private.h: what the window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gw-window.c: the window, importing, messages and problems.
 * gw-window-tracker.c: the indicators (computed in a thread), the target,
 * the tracker table, the area view, the status-change banner, and the
 * actions on them (copy, CSV, targets, preferences).
 */
#pragma once

#include "methods/gw-indicators.h"
#include "formats/gw-import-task.h"
#include "gw-area-view.h"
#include "gw-import-pane.h"
#include "gw-tracker-view.h"
#include "gw-window.h"

G_BEGIN_DECLS

struct _GwWindow
{
  GtkApplicationWindow  parent_instance;

  /* template widgets */
  GwAreaView           *area_view;
  GtkButton            *cancel_button;
  GtkLabel             *changes_label;
  GtkRevealer          *changes_revealer;
  GtkButton            *copy_problems_button;
  GtkButton            *edit_targets_button;
  GtkMenuButton        *export_menu_button;
  GtkButton            *import_button;
  GwImportPane         *import_pane;
  GtkLabel             *message_label;
  GtkRevealer          *message_revealer;
  GtkMenuButton        *primary_menu_button;
  GtkButton            *print_button;
  GtkLabel             *problems_subtitle;
  GtkLabel             *problems_title;
  GtkRevealer          *problems_revealer;
  GtkTextView          *problems_view;
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;
  GtkRevealer          *progress_revealer;
  GtkButton            *samples_button;
  GtkStack             *stack;
  GtkDropDown          *target_dropdown;
  GtkLabel             *target_label;
  GtkPaned             *tracker_paned;
  GwTrackerView        *tracker_view;
  GtkStack             *view_stack;
  GtkStackSwitcher     *view_switcher;

  /* owned: importing */
  GwDataset            *dataset;
  GwSettings           *settings;
  GwImportTask         *task;          /* the import running, or NULL */
  GCancellable         *cancellable;   /* of task */
  GStrv                 task_paths;    /* files given to task */
  GPtrArray            *pending;       /* char *paths given while task ran */
  GtkFileChooserNative *chooser;       /* the import dialog while it is open */
  char                 *first_rejected; /* display name of the first file in the problems view */
  guint                 n_rejected;    /* files in the problems view */
  gulong                imports_changed_id;

  /* owned: tracking */
  GwIndicators         *indicators;    /* of the dataset as it was at the last computation */
  GCancellable         *compute_cancellable; /* the computation running, or NULL */
  gboolean              data_changed;  /* the dataset changed since the indicators */
  GPtrArray            *rows;          /* GwTrackerRow of the last run, or NULL */
  GwTarget             *target;        /* the target tracked */
  char                 *rows_target;   /* the name of the target rows were run for */
  GPtrArray            *targets;       /* GwTarget, as in target_dropdown */
  gboolean              updating_targets;
  GtkFileChooserNative *save_chooser;  /* the Export dialog while it is open */
  int                   save_kind;     /* what it saves: SaveKind of gw-window-tracker.c */
  GtkWindow            *target_editor;
  GtkWindow            *preferences;
  gulong                dataset_changed_id;
  gulong                targets_changed_id;
};

/* gw-window.c */
void     gw_window_notify_computing   (GwWindow       *self);

/* gw-window-tracker.c */
void     gw_window_tracker_class_init (GtkWidgetClass *widget_class);
void     gw_window_tracker_init       (GwWindow       *self);
void     gw_window_tracker_constructed (GwWindow      *self);
void     gw_window_tracker_dispose    (GwWindow       *self);
/* The import task ended: compute once for all its files. */
void     gw_window_tracker_import_done (GwWindow      *self);

G_END_DECLS
