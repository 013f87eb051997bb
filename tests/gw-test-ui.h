/* gw-test-ui.h: what the widget tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Static helpers, included by each widget test program: finding widgets in
 * a window, waiting for the window to finish its work, temporary folders.
 */
#pragma once

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gw-test-files.h"

#include "ui/gw-window.h"

static inline void
collect_widgets (GtkWidget  *widget,
                 GType       type,
                 const char *css_class,
                 GPtrArray  *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    g_ptr_array_add (out, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, css_class, out);
}

static inline int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static inline GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static inline gboolean
on_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}


/* Runs the main loop until the window has done its work (opening,
 * importing, storing, computing), then until it has drawn what it shows. */
static inline void
wait_window_idle (GwWindow *window,
                  guint     timeout_seconds)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (timeout_seconds, on_timeout, &timed_out);

  while ((gw_window_get_busy (window) || gw_window_get_computing (window)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}
