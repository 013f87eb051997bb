/* gw-target-editor.h: the dialog to add, change and delete targets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/gw-dataset.h"
#include "session/gw-session.h"

G_BEGIN_DECLS

#define GW_TYPE_TARGET_EDITOR (gw_target_editor_get_type ())
G_DECLARE_FINAL_TYPE (GwTargetEditor, gw_target_editor, GW, TARGET_EDITOR, GtkWindow)

/* The editor of the targets of session; its dataset gives the groups and
 * indicators to choose from.  "target-chosen" (name) when the user selects
 * a target, so the window tracks it. */
GtkWidget  *gw_target_editor_new          (GwSession      *session);
/* Selects the target of that name; FALSE when there is none. */
gboolean    gw_target_editor_select       (GwTargetEditor *self,
                                           const char     *name);
/* The name of the target selected. */
const char *gw_target_editor_get_selected (GwTargetEditor *self);
/* As the buttons: a new target (a copy of the 2010 life expectancy
 * target's settings), a copy of the selected one, deleting it. */
void        gw_target_editor_add          (GwTargetEditor *self);
void        gw_target_editor_duplicate    (GwTargetEditor *self);
gboolean    gw_target_editor_delete       (GwTargetEditor *self);

G_END_DECLS
