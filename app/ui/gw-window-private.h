/* gw-window-private.h: what the window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gw-window.c: the window, importing, messages and problems.
 * gw-window-tracker.c: the indicators (computed in a thread), the target,
 * the tracker table, the area view, the status-change banner, and the
 * actions on them (copy, CSV, targets, preferences, printing).
 * gw-window-workspace.c: the workspace (opened and loaded in a thread, new,
 * recent, a copy saved), and removing imports and saving their originals.
 */
#pragma once

#include "methods/gw-indicators.h"
#include "session/gw-session.h"
#include "formats/gw-import-task.h"
#include "session/gw-session-import.h"
#include "store/gw-workspace.h"
#include "gw-area-view.h"
#include "gw-import-pane.h"
#include "gw-tracker-view.h"
#include "gw-window.h"

G_BEGIN_DECLS

typedef enum
{
  GW_WINDOW_WORKSPACE_NONE = 0,  /* none asked for: imports are not kept (a window of the tests) */
  GW_WINDOW_WORKSPACE_LOADING,   /* the first one is being opened: nothing to show yet */
  GW_WINDOW_WORKSPACE_OPEN,
  GW_WINDOW_WORKSPACE_FAILED,    /* it could not be opened: the error page */
} GwWindowWorkspaceState;

typedef struct _GwWindowOpenJob GwWindowOpenJob;
typedef struct _GwWindowCopyJob GwWindowCopyJob;

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
  GtkWidget            *loading_box;
  GMenu                *recent_section;
  GtkLabel             *workspace_error_label;
  GtkButton            *restore_backup_button;
  GtkLabel             *workspace_error_title;
  GtkLabel             *workspace_label;

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
  guint                 n_not_stored;  /* of them, files the workspace could not store */
  GPtrArray            *problem_files; /* what the problems view shows, a file each */
  GPtrArray            *skipped;       /* paths a cancelled import left out, named in the
                                        * message skipped_message until all are imported */
  char                 *skipped_message;
  gulong                imports_changed_id;
  gboolean              was_busy;      /* busy as last notified */

  /* owned: tracking */
  GwSession            *session;       /* the indicators, the targets, the result */
  GwTrackerResult      *shown;         /* the result the table shows, or NULL */
  gboolean              data_changed;  /* the dataset changed since the last computation started */
  gboolean              announce;      /* the next result comes from new data */
  GPtrArray            *targets;       /* GwTarget, as in target_dropdown */
  gboolean              updating_targets;
  GtkFileChooserNative *save_chooser;  /* the Export dialog while it is open */
  int                   save_kind;     /* what it saves: SaveKind of gw-window-tracker.c */
  GtkWindow            *target_editor;
  GtkWindow            *preferences;
  GtkWidget            *last_chart;    /* weak: the chart that had the focus last, for Print Chart */
  GtkFileChooserNative *summary_chooser; /* Export Board Summary's dialog while it is open */
  GCancellable         *report_cancellable; /* the report or summary being written (gw-window-summary.c) */
  guint                 report_pulse_id; /* the progress bar while one is: the export actions are off */
  int                   report_kind;   /* which: ReportKind of gw-window-summary.c */
  gulong                dataset_changed_id;

  /* owned: the workspace (gw-window-workspace.c) */
  GwWorkspace          *workspace;     /* open, or NULL */
  GwWindowWorkspaceState workspace_state;
  char                 *workspace_path; /* of the workspace open, or that could not be opened */
  char                 *workspace_backup; /* a migration's backup of the one that could not be opened, or NULL */
  GwWindowOpenJob      *open_job;      /* the workspace being opened, or NULL */
  GwWindowCopyJob      *copy_job;      /* the copy being saved, or NULL */
  guint                 pulse_id;      /* the progress bar while a workspace opens */
  guint                 n_pulses;
  GtkFileChooserNative *workspace_chooser; /* New, Open, Save As, Save Original */
  int                   workspace_chooser_kind;
  char                 *chooser_export_id; /* Save Original: whose */
  GtkWindow            *remove_dialog; /* the confirmation while it is open */
  char                 *remove_export_id;
  gulong                recent_changed_id;
};

/* gw-window.c */
void     gw_window_notify_computing   (GwWindow       *self);
void     gw_window_update_busy        (GwWindow       *self);
void     gw_window_update_page        (GwWindow       *self);
void            gw_window_clear_messages (GwWindow *self);
gboolean gw_window_run_pending        (GwWindow       *self);
void     gw_window_set_dataset        (GwWindow       *self,
                                       GwDataset      *dataset);

/* gw-window-tracker.c */
/* What can be copied, exported and printed follows what is shown and
 * whether a report is being written. */
void     gw_window_tracker_update_actions (GwWindow   *self);
/* gw-window-summary.c */
void     gw_window_summary_class_init (GtkWidgetClass *widget_class);
void     gw_window_summary_init       (GwWindow       *self);
void     gw_window_summary_dispose    (GwWindow       *self);

void     gw_window_tracker_class_init (GtkWidgetClass *widget_class);
void     gw_window_tracker_init       (GwWindow       *self);
void     gw_window_tracker_constructed (GwWindow      *self);
void     gw_window_tracker_dispose    (GwWindow       *self);
/* The import task ended: compute once for all its files. */
void     gw_window_tracker_import_done (GwWindow      *self);
/* self->dataset replaced old: follow the new one. */
void     gw_window_tracker_set_dataset (GwWindow      *self,
                                        GwDataset     *old);

/* gw-window-workspace.c */
void     gw_window_workspace_class_init (GtkWidgetClass *widget_class);
void     gw_window_workspace_init     (GwWindow       *self);
void     gw_window_workspace_constructed (GwWindow    *self);
void     gw_window_workspace_dispose  (GwWindow       *self);
/* Opening a workspace, or saving a copy. */
gboolean gw_window_workspace_is_busy  (GwWindow       *self);
void     gw_window_workspace_cancel   (GwWindow       *self);
void     gw_window_workspace_update_actions (GwWindow *self);

G_END_DECLS
