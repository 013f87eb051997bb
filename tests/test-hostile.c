/* test-hostile.c: the export reader against hostile and malformed XML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The corpus of ../shared/data/reference/hostile (README.md there says what
 * each file attacks) must be refused without crashing, without hanging and
 * without a message that shows another file (the first line of /etc/passwd starts
 * "root:").  The large inputs of hostile/selfwritten/generate_large.sh are
 * made here, in a temporary directory, both as that script writes them and
 * inside a correct Gapwatch root, where the reader really has to look at
 * them.  Files that point at other resources (XInclude, DTDs, external
 * entities, stylesheets, schema locations) point at a FIFO: a reader that
 * opened it would block, which the test sees, and then unblocks.  How fast
 * a file is refused is measured, not asserted (wall-clock limits fail under
 * load and the sanitizers): the time of each read is in the test log.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>

#include "formats/gw-export-reader.h"
#include "gw-test-tmp.h"

/* A read not done within this is taken to wait on the FIFO trap. */
#define HANG_USEC (4 * G_USEC_PER_SEC)

static char *passwd_first_line;

static void
assert_no_leak (const char *text)
{
  if (strstr (text, "root:") != NULL)
    g_error ("a message shows another file: %s", text);
  if (passwd_first_line != NULL && passwd_first_line[0] != '\0' && strstr (text, passwd_first_line) != NULL)
    g_error ("a message shows /etc/passwd: %s", text);
}

/* Temporary directory */

static const char *
tmp_write (GwTestTmp  *tmp,
           const char *name,
           GString    *content)
{
  return gw_test_tmp_write (tmp, name, content->str, (gssize) content->len);
}

static const char *
tmp_fifo (GwTestTmp *tmp)
{
  const char *path = gw_test_tmp_path (tmp, "trap.fifo");

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  return path;
}

/* Reading in a thread, with a deadline */

typedef struct
{
  GwDataset *dataset;
  const char *path;

  GMutex     lock;
  GCond      cond;
  gboolean   done;
  GwBatch   *batch;
  GPtrArray *problems;
  GError    *error;
  gint64     elapsed;
} Job;

static gpointer
job_run (gpointer data)
{
  Job *job = data;
  GError *error = NULL;
  gint64 start = g_get_monotonic_time ();
  GwBatch *batch = gw_export_read_file (job->dataset, job->path, NULL, NULL, NULL, job->problems, &error);
  gint64 elapsed = g_get_monotonic_time () - start;

  g_mutex_lock (&job->lock);
  job->batch = batch;
  job->error = error;
  job->elapsed = elapsed;
  job->done = TRUE;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->lock);
  return NULL;
}

typedef struct
{
  GwBatch   *batch;
  GPtrArray *problems;
  GError    *error;
  gint64     elapsed;
  gboolean   fifo_opened;   /* the reader was stuck opening the trap */
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_clear_pointer (&o->batch, gw_batch_free);
  g_clear_pointer (&o->problems, g_ptr_array_unref);
  g_clear_error (&o->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outcome, outcome_clear)

/* Reads path in a worker thread (as the application does).  If it is not done
 * within HANG_USEC and fifo is given, whoever holds the FIFO open
 * for reading is released (and that is recorded), so the test fails instead
 * of hanging. */
static void
read_file (GwDataset  *ds,
           const char *path,
           const char *fifo,
           Outcome    *o)
{
  Job job = { 0 };
  GThread *thread;
  gint64 deadline = g_get_monotonic_time () + HANG_USEC;

  job.dataset = ds;
  job.path = path;
  job.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_problem_free);
  g_mutex_init (&job.lock);
  g_cond_init (&job.cond);

  thread = g_thread_new ("gw-hostile-read", job_run, &job);
  g_mutex_lock (&job.lock);
  while (!job.done)
    if (!g_cond_wait_until (&job.cond, &job.lock, deadline))
      break;
  g_mutex_unlock (&job.lock);

  if (fifo != NULL)
    {
      /* succeeds only if somebody is waiting to read the FIFO */
      int fd = open (fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC);

      if (fd >= 0)
        {
          o->fifo_opened = TRUE;
          close (fd);
        }
      else
        g_assert_cmpint (errno, ==, ENXIO);
    }
  g_thread_join (thread);
  g_mutex_clear (&job.lock);
  g_cond_clear (&job.cond);

  o->batch = job.batch;
  o->problems = job.problems;
  o->error = job.error;
  o->elapsed = job.elapsed;

  g_test_message ("%s: %s in %.3f s%s%s", path, o->batch != NULL ? "read" : "refused",
                  o->elapsed / (double) G_USEC_PER_SEC, o->error != NULL ? ": " : "",
                  o->error != NULL ? o->error->message : "");
  g_assert_false (o->fifo_opened);
  if (o->error != NULL)
    assert_no_leak (o->error->message);
  for (guint i = 0; i < o->problems->len; i++)
    {
      g_autofree char *text = gw_problem_format (g_ptr_array_index (o->problems, i));

      assert_no_leak (text);
    }
  g_assert_cmpuint (o->problems->len, <=, GW_EXPORT_MAX_ERRORS);
}

static void
assert_refused (const Outcome *o)
{
  g_assert_null (o->batch);
  g_assert_error (o->error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_INVALID);
  g_assert_cmpuint (o->problems->len, >=, 1);
}

/* A valid read: commits, and nothing in the dataset shows another file. */
static GwImport *
assert_read (GwDataset *ds,
             Outcome   *o)
{
  g_autoptr(GError) error = NULL;
  const char *const *warnings;
  GwImport *import;

  g_assert_no_error (o->error);
  g_assert_nonnull (o->batch);
  import = gw_dataset_commit (ds, g_steal_pointer (&o->batch), &error);
  g_assert_no_error (error);
  g_assert_nonnull (import);
  warnings = gw_import_get_warnings (import);
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    assert_no_leak (warnings[i]);
  for (guint i = 0; i < gw_dataset_n_areas (ds); i++)
    {
      const GwArea *area = gw_dataset_get_area (ds, i);

      assert_no_leak (area->code);
      if (area->name != NULL)
        assert_no_leak (area->name);
    }
  return import;
}

/* The reference corpus */

static void
test_reference_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_auto(Outcome) o = { 0 };

  read_file (ds, path, NULL, &o);
  /* none of them is an export */
  assert_refused (&o);
  g_assert_cmpuint (gw_dataset_n_areas (ds), ==, 0);
}

static void
test_reference_missing (void)
{
  g_test_skip ("GW_SHARED_DIR/data/reference/hostile is missing");
}

/* g_ptr_array_sort passes pointers to the elements */
static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
add_reference_tests (const char *shared)
{
  static const char *const dirs[] = { "selfwritten", "PhpSpreadsheet" };
  guint n = 0;

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *dir_path = g_build_filename (shared, "data", "reference", "hostile", dirs[d], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        continue;
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".xml"))
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *test = g_strdup_printf ("/gw/hostile/reference/%s/%s", dirs[d],
                                                   (char *) g_ptr_array_index (names, i));

          g_test_add_data_func_full (test, g_build_filename (dir_path, g_ptr_array_index (names, i), NULL),
                                     test_reference_file, g_free);
          n++;
        }
    }
  if (n == 0)
    g_test_add_func ("/gw/hostile/reference/missing", test_reference_missing);
}

/* Generated inputs */

#define EXPORT_OPEN \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"hostile\" generated=\"2007-07-12T08:30:00Z\">\n"

#define AREAS \
  "  <areas>\n" \
  "    <area code=\"E06000002\" name=\"Middlesbrough\" type=\"ua\"/>\n" \
  "  </areas>\n"

#define DEATHS \
  "  <deaths period=\"2007-06\" basis=\"registration\">\n" \
  "    <c area=\"E06000002\" sex=\"m\" age=\"0\" n=\"1\"/>\n" \
  "    <c area=\"E06000002\" sex=\"f\" age=\"0\" n=\"2\"/>\n" \
  "  </deaths>\n"

#define EXPORT_CLOSE "</export>\n"

static void
append_repeated (GString    *s,
                 char        c,
                 gsize       n)
{
  gsize start = s->len;

  g_string_set_size (s, start + n);
  memset (s->str + start, c, n);
}

/* generate_large.sh 2: a 10,000,001-byte attribute, as the script writes it */
static void
test_huge_attribute_script (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = g_string_new ("<?xml version=\"1.0\"?>\n<m><Obs OBS_VALUE=\"");
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_auto(Outcome) o = { 0 };

  append_repeated (s, 'x', 10000001);
  g_string_append (s, "\"/></m>\n");
  read_file (ds, tmp_write (tmp, "huge_attribute_10MB.xml", s), NULL, &o);
  assert_refused (&o);
}

/* The same attribute where the reader must read it: an area's name. */
static void
test_huge_attribute_export (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = g_string_new (EXPORT_OPEN "  <areas>\n    <area code=\"E06000002\" type=\"ua\" name=\"");
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_auto(Outcome) o = { 0 };

  append_repeated (s, 'x', 10000001);
  g_string_append (s, "\"/>\n  </areas>\n" DEATHS EXPORT_CLOSE);
  read_file (ds, tmp_write (tmp, "huge_attribute_export.xml", s), NULL, &o);
  assert_refused (&o);
  g_assert_cmpuint (o.problems->len, ==, 1);
  g_assert_cmpuint (((GwProblem *) g_ptr_array_index (o.problems, 0))->line, ==, 4);
  g_assert_cmpuint (strlen (o.error->message), <, 300);
}

/* generate_large.sh 4: a 10,000,001-byte text node */
static void
test_huge_text_script (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = g_string_new ("<?xml version=\"1.0\"?>\n<m><Data>");
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_auto(Outcome) o = { 0 };

  append_repeated (s, 'z', 10000001);
  g_string_append (s, "</Data></m>\n");
  read_file (ds, tmp_write (tmp, "huge_text_10MB.xml", s), NULL, &o);
  assert_refused (&o);
}

/* A 10 MB text node in a record set: refused, with at most 100 messages of
 * a bounded length. */
static void
test_huge_text_export (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = g_string_new (EXPORT_OPEN AREAS "  <deaths period=\"2007-06\" basis=\"registration\">\n");
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_auto(Outcome) o = { 0 };

  append_repeated (s, 'z', 10000001);
  g_string_append (s, "\n  </deaths>\n" EXPORT_CLOSE);
  read_file (ds, tmp_write (tmp, "huge_text_export.xml", s), NULL, &o);
  assert_refused (&o);
  g_assert_cmpuint (strlen (o.error->message), <, 300);
  for (guint i = 0; i < o.problems->len; i++)
    g_assert_cmpuint (strlen (((GwProblem *) g_ptr_array_index (o.problems, i))->message), <, 200);
}

/* A 10 MB text node inside an element of another namespace: that element
 * is skipped, so the file may be read (or refused). */
static void
test_huge_text_foreign (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = g_string_new (EXPORT_OPEN AREAS "  <x:note xmlns:x=\"urn:example:notes\">");
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_auto(Outcome) o = { 0 };

  append_repeated (s, 'z', 10000001);
  g_string_append (s, "</x:note>\n" DEATHS EXPORT_CLOSE);
  read_file (ds, tmp_write (tmp, "huge_text_foreign.xml", s), NULL, &o);
  if (o.batch != NULL)
    {
      GwImport *import = assert_read (ds, &o);

      g_assert_cmpuint (gw_import_get_records (import), ==, 2);
      g_assert_cmpuint (gw_import_get_n_warnings (import), ==, 1);
    }
  else
    assert_refused (&o);
}

/* generate_large.sh 6: 50,000 attributes on one element.  libxml2 2.9.14
 * checks them pairwise (quadratic) before the reader sees any: 3 s in
 * xmlTextReader (hostile/README.md), 1.2 s with this SAX2 reader; the
 * bytes are refused before the parser gets them now (tests/bench/
 * bench-hostile.c measures it). */
#define MANY_ATTRIBUTES 50000

static void
append_attributes (GString *s,
                   guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, " A%u=\"1\"", i);
}

static void
test_many_attributes_script (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = g_string_new ("<?xml version=\"1.0\"?>\n<m><Series");
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_auto(Outcome) o = { 0 };

  append_attributes (s, 50000);
  g_string_append (s, "/></m>\n");
  read_file (ds, tmp_write (tmp, "many_attributes_50k.xml", s), NULL, &o);
  assert_refused (&o);
}

static void
test_many_attributes_record (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = g_string_new (EXPORT_OPEN AREAS "  <deaths period=\"2007-06\" basis=\"registration\">\n"
                                       "    <c area=\"E06000002\" sex=\"m\" age=\"0\" n=\"1\"");
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *first = NULL;
  g_auto(Outcome) o = { 0 };

  append_attributes (s, MANY_ATTRIBUTES);
  g_string_append (s, "/>\n  </deaths>\n" EXPORT_CLOSE);
  read_file (ds, tmp_write (tmp, "many_attributes_record.xml", s), NULL, &o);
  assert_refused (&o);
  first = gw_problem_format (g_ptr_array_index (o.problems, 0));
  g_assert_cmpstr (first, ==, "many_attributes_record.xml:7:5: <c> has more than 1000 attributes");
  /* refused from the bytes, before libxml2 checks 50,000 attributes pairwise */
  g_assert_cmpuint (o.problems->len, ==, 1);
}

/* The offending tag far along one long line, after tags and two-byte
 * characters spread over many read chunks: its column is counted in
 * characters, from the last tag's on. */
static void
test_many_attributes_long_line (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = g_string_new (EXPORT_OPEN AREAS);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *first = NULL;
  g_autofree char *expected = NULL;
  g_auto(Outcome) o = { 0 };
  guint column;

  g_string_append (s, "<x:a xmlns:x=\"urn:example:nest\">");
  for (guint i = 0; i < 20000; i++)
    g_string_append (s, "<x:b>\xc3\xa9t\xc3\xa9</x:b>");
  /* 32 characters of the opening tag, 14 for each <x:b>été</x:b> */
  column = 32 + 20000 * 14 + 1;
  g_string_append (s, "<x:c");
  append_attributes (s, MANY_ATTRIBUTES);
  g_string_append (s, "/></x:a>\n" EXPORT_CLOSE);
  read_file (ds, tmp_write (tmp, "long_line.xml", s), NULL, &o);
  assert_refused (&o);
  first = gw_problem_format (g_ptr_array_index (o.problems, 0));
  expected = g_strdup_printf ("long_line.xml:6:%u: <x:c> has more than 1000 attributes", column);
  g_assert_cmpstr (first, ==, expected);
}

/* generate_large.sh 7: many namespace declarations on the root */
static void
test_many_namespaces_root (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                       "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"hostile\" "
                                       "generated=\"2007-07-12T08:30:00Z\"");
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_auto(Outcome) o = { 0 };

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (s, " xmlns:p%u=\"urn:x:%u\"", i, i);
  g_string_append (s, ">\n" AREAS DEATHS EXPORT_CLOSE);
  read_file (ds, tmp_write (tmp, "many_nsdecls_20k.xml", s), NULL, &o);
  /* declarations are not attributes: a valid export */
  g_assert_cmpuint (gw_import_get_records (assert_read (ds, &o)), ==, 2);
}

/* generate_large.sh 3: a legal 2 MB attribute, as the script writes it */
static void
test_large_attribute_script (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = g_string_new ("<?xml version=\"1.0\"?>\n<m><Series AREA_NAME=\"");
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_auto(Outcome) o = { 0 };

  append_repeated (s, 'y', 2000000);
  g_string_append (s, "\"/></m>\n");
  read_file (ds, tmp_write (tmp, "large_attribute_2MB.xml", s), NULL, &o);
  assert_refused (&o);
}

/* A legal 2 MB attribute inside an otherwise valid export: where the reader
 * keeps the value it refuses it (with a short message), where it does not
 * (another namespace) it reads the file. */
typedef struct
{
  const char *name;
  const char *before;     /* the export up to the attribute's value */
  const char *after;
  gboolean    valid;
  const char *first;      /* the first problem of a refused file */
} LargeCase;

static const LargeCase large_cases[] = {
  { "area-name",
    EXPORT_OPEN "  <areas>\n    <area code=\"E06000002\" type=\"ua\" name=\"",
    "\"/>\n  </areas>\n" DEATHS EXPORT_CLOSE, FALSE,
    "large.xml:4:5: <area>: name=\"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy…\" is not a name of at most 1024 characters" },
  { "area-code",
    EXPORT_OPEN "  <areas>\n    <area name=\"Middlesbrough\" type=\"ua\" code=\"",
    "\"/>\n  </areas>\n" EXPORT_CLOSE, FALSE,
    "large.xml:4:5: <area>: code=\"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy…\" is not an area code "
    "(1 to 64 characters, no spaces)" },
  { "publisher",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"hostile\" generated=\"2007-07-12T08:30:00Z\" publisher=\"",
    "\">\n" AREAS DEATHS EXPORT_CLOSE, FALSE,
    "large.xml:2:1: <export>: publisher=\"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy…\" is not a text of at most 1024 characters" },
  { "record-area",
    EXPORT_OPEN AREAS "  <deaths period=\"2007-06\" basis=\"registration\">\n    <c sex=\"m\" age=\"0\" n=\"1\" area=\"",
    "\"/>\n  </deaths>\n" EXPORT_CLOSE, FALSE,
    "large.xml:7:5: <c>: area=\"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy…\" is not declared in this export or an earlier import" },
  { "value",
    EXPORT_OPEN AREAS "  <indicator id=\"le-birth\">\n    <v area=\"E06000002\" sex=\"m\" period=\"2003-2005\" value=\"",
    "\"/>\n  </indicator>\n" EXPORT_CLOSE, FALSE,
    "large.xml:7:5: <v>: value=\"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy…\" is not a decimal number" },
  { "foreign-attribute",
    EXPORT_OPEN "  <areas>\n    <area xmlns:x=\"urn:example:notes\" code=\"E06000002\" type=\"ua\" x:history=\"",
    "\"/>\n  </areas>\n" DEATHS EXPORT_CLOSE, TRUE, NULL },
};

static void
test_large_attribute_export (gconstpointer data)
{
  const LargeCase *lc = data;
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = g_string_new (lc->before);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_auto(Outcome) o = { 0 };

  append_repeated (s, 'y', 2 * 1024 * 1024);
  g_string_append (s, lc->after);
  read_file (ds, tmp_write (tmp, "large.xml", s), NULL, &o);
  if (lc->valid)
    {
      GwImport *import = assert_read (ds, &o);

      g_assert_cmpuint (gw_import_get_records (import), ==, 2);
      g_assert_cmpuint (gw_import_get_n_warnings (import), ==, 0);
    }
  else
    {
      g_autofree char *first = NULL;

      assert_refused (&o);
      first = gw_problem_format (g_ptr_array_index (o.problems, 0));
      g_assert_cmpstr (first, ==, lc->first);
      g_assert_cmpuint (strlen (o.error->message), <, 300);
    }
}

/* Deep nesting, inside a correct root: of another namespace (skipped) and
 * of this one (refused). */
static void
test_deep_nesting_foreign (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = g_string_new (EXPORT_OPEN AREAS "  <x:a xmlns:x=\"urn:example:nest\">");
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_auto(Outcome) o = { 0 };

  for (guint i = 0; i < 100000; i++)
    g_string_append (s, "<x:a>");
  for (guint i = 0; i < 100000; i++)
    g_string_append (s, "</x:a>");
  g_string_append (s, "</x:a>\n" DEATHS EXPORT_CLOSE);
  read_file (ds, tmp_write (tmp, "deep_nesting_foreign.xml", s), NULL, &o);
  if (o.batch != NULL)
    {
      GwImport *import = assert_read (ds, &o);

      g_assert_cmpuint (gw_import_get_records (import), ==, 2);
      g_assert_cmpuint (gw_import_get_n_warnings (import), ==, 1);
    }
  else
    assert_refused (&o);
}

static void
test_deep_nesting_ours (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = g_string_new (EXPORT_OPEN AREAS);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *first = NULL;
  g_auto(Outcome) o = { 0 };

  for (guint i = 0; i < 100000; i++)
    g_string_append (s, "<deaths>");
  for (guint i = 0; i < 100000; i++)
    g_string_append (s, "</deaths>");
  g_string_append (s, "\n" EXPORT_CLOSE);
  read_file (ds, tmp_write (tmp, "deep_nesting_ours.xml", s), NULL, &o);
  assert_refused (&o);
  first = gw_problem_format (g_ptr_array_index (o.problems, 0));
  g_assert_cmpstr (first, ==, "deep_nesting_ours.xml:6:1: <deaths>: the attribute period is missing");
}

/* generate_large.sh 5 inside a correct root: a 60,000-character name */
static void
test_huge_name_export (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = g_string_new (EXPORT_OPEN AREAS "  <");
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_auto(Outcome) o = { 0 };

  append_repeated (s, 'n', 60000);
  g_string_append (s, "/>\n" EXPORT_CLOSE);
  read_file (ds, tmp_write (tmp, "huge_name_export.xml", s), NULL, &o);
  assert_refused (&o);
  g_assert_cmpuint (strlen (o.error->message), <, 300);
}

/* The billion laughs of the corpus, under a correct root. */
static void
test_billion_laughs_export (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE export [\n"
                                       "  <!ENTITY a \"aaaaaaaaaa\">\n");
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *first = NULL;
  g_auto(Outcome) o = { 0 };

  for (char c = 'b'; c <= 'k'; c++)
    g_string_append_printf (s, "  <!ENTITY %c \"&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;\">\n",
                            c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
  g_string_append (s, "]>\n<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"hostile\" "
                      "generated=\"2007-07-12T08:30:00Z\" publisher=\"&k;\">\n" AREAS DEATHS EXPORT_CLOSE);
  read_file (ds, tmp_write (tmp, "billion_laughs_export.xml", s), NULL, &o);
  assert_refused (&o);
  first = gw_problem_format (g_ptr_array_index (o.problems, 0));
  g_assert_cmpstr (first, ==, "billion_laughs_export.xml:2:1: the file has a <!DOCTYPE>: exports never need one, "
                              "and Gapwatch loads no DTD or entity");
}

/* Pointers to other resources: a FIFO each.  %s is the FIFO's path. */
typedef struct
{
  const char *name;
  const char *format;
  gboolean    valid;
  guint       n_warnings;
} TrapCase;

static const TrapCase trap_cases[] = {
  { "xinclude",
    EXPORT_OPEN
    "  <xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"%s\" parse=\"text\"/>\n"
    "  <xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"/etc/passwd\" parse=\"text\"/>\n"
    AREAS DEATHS EXPORT_CLOSE, TRUE, 2 },
  { "xinclude-in-areas",
    EXPORT_OPEN "  <areas>\n"
    "    <xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file://%s\" parse=\"xml\"/>\n"
    "    <area code=\"E06000002\" name=\"Middlesbrough\" type=\"ua\"/>\n"
    "  </areas>\n" DEATHS EXPORT_CLOSE, TRUE, 1 },
  { "stylesheet",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<?xml-stylesheet type=\"text/xsl\" href=\"%s\"?>\n"
    "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"hostile\" generated=\"2007-07-12T08:30:00Z\">\n"
    AREAS DEATHS EXPORT_CLOSE, TRUE, 0 },
  { "schema-location",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<export xmlns=\"urn:gapwatch:export:1\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
    "xsi:schemaLocation=\"urn:gapwatch:export:1 %s\" version=\"1.0\" id=\"hostile\" generated=\"2007-07-12T08:30:00Z\">\n"
    AREAS DEATHS EXPORT_CLOSE, TRUE, 0 },
  { "external-dtd",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!DOCTYPE export SYSTEM \"%s\">\n"
    "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"hostile\" generated=\"2007-07-12T08:30:00Z\">\n"
    AREAS DEATHS EXPORT_CLOSE, FALSE, 0 },
  { "external-entity",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!DOCTYPE export [ <!ENTITY leak SYSTEM \"%s\"> ]>\n"
    "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"hostile\" generated=\"2007-07-12T08:30:00Z\">\n"
    "  <areas>\n    <area code=\"E06000002\" name=\"Middlesbrough\" type=\"ua\"/>&leak;\n  </areas>\n"
    EXPORT_CLOSE, FALSE, 0 },
  { "external-parameter-entity",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!DOCTYPE export [ <!ENTITY %% remote SYSTEM \"%s\"> %%remote; ]>\n"
    "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"hostile\" generated=\"2007-07-12T08:30:00Z\">\n"
    AREAS DEATHS EXPORT_CLOSE, FALSE, 0 },
  { "entity-in-attribute",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"hostile\" generated=\"2007-07-12T08:30:00Z\">\n"
    "  <areas>\n    <area code=\"E06000002\" name=\"&leak;\" type=\"ua\"/>\n  </areas>\n"
    "<!-- %s -->\n" EXPORT_CLOSE, FALSE, 0 },
};

/* The trap works: a thread that opens the FIFO for reading is seen waiting. */
static gpointer
open_fifo_thread (gpointer data)
{
  int fd = open (data, O_RDONLY | O_CLOEXEC);

  if (fd >= 0)
    close (fd);
  return GINT_TO_POINTER (fd >= 0);
}

static void
test_trap_self_check (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  const char *fifo = tmp_fifo (tmp);
  GThread *thread;
  int fd;

  /* nobody reading: the non-blocking open for writing fails */
  fd = open (fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
  g_assert_cmpint (fd, ==, -1);
  g_assert_cmpint (errno, ==, ENXIO);

  thread = g_thread_new ("gw-hostile-fifo", open_fifo_thread, (gpointer) fifo);
  for (int i = 0; i < 200; i++)
    {
      fd = open (fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
      if (fd >= 0)
        break;
      g_usleep (10000);
    }
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (GPOINTER_TO_INT (g_thread_join (thread)));
}

static void
test_trap (gconstpointer data)
{
  const TrapCase *tc = data;
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  const char *fifo = tmp_fifo (tmp);
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_auto(Outcome) o = { 0 };

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_string_printf (s, tc->format, fifo);
#pragma GCC diagnostic pop
  read_file (ds, tmp_write (tmp, "trap.xml", s), fifo, &o);
  if (tc->valid)
    {
      GwImport *import = assert_read (ds, &o);
      const char *const *warnings = gw_import_get_warnings (import);

      g_assert_cmpuint (gw_import_get_records (import), ==, 2);
      g_assert_cmpuint (gw_import_get_n_warnings (import), ==, tc->n_warnings);
      for (guint i = 0; i < tc->n_warnings; i++)
        g_assert_nonnull (strstr (warnings[i], "element <include> in namespace “http://www.w3.org/2001/XInclude” skipped"));
    }
  else
    assert_refused (&o);
}

/* Special files given as the file (issue 17 item 4): refused before a byte
 * is read.  A FIFO made the reader wait for a writer for ever; read_file()
 * releases such a wait and fails. */
static void
assert_special (const char *path,
                const char *fifo,
                const char *expected)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *message = g_strdup_printf ("%s: %s", base, expected);
  g_auto(Outcome) o = { 0 };

  read_file (ds, path, fifo, &o);
  g_assert_null (o.batch);
  g_assert_error (o.error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_IO);
  g_assert_cmpstr (o.error->message, ==, message);
}

static void
test_special_fifo (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  const char *fifo = tmp_fifo (tmp);

  assert_special (fifo, fifo, "not a regular file: a named pipe (FIFO)");
}

static void
test_special_other (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();

  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, NULL);
  const char *socket_path = gw_test_tmp_path (tmp, "trap.socket");
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (socket_path);
  g_autoptr(GError) error = NULL;

  assert_special (tmp->dir, NULL, "not a regular file: a directory");
  assert_special ("/dev/null", NULL, "not a regular file: a device");
  /* a socket cannot even be opened: still said what it is */
  g_assert_nonnull (socket);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_assert_no_error (error);
  assert_special (socket_path, NULL, "not a regular file: a socket");
}

/* decl_only.xml: libxml2 says "Extra content at the end of the document". */
static void
test_declaration_only (void)
{
  const char *shared = g_getenv ("GW_SHARED_DIR");
  g_autofree char *path = NULL;
  g_autofree char *first = NULL;
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_auto(Outcome) o = { 0 };

  if (shared == NULL)
    {
      g_test_skip ("GW_SHARED_DIR is not set");
      return;
    }
  path = g_build_filename (shared, "data", "reference", "hostile", "selfwritten", "decl_only.xml", NULL);
  read_file (ds, path, NULL, &o);
  assert_refused (&o);
  first = gw_problem_format (g_ptr_array_index (o.problems, 0));
  g_assert_cmpstr (first, ==, "decl_only.xml:2:1: the file has no root element (only an XML declaration, "
                              "comments or processing instructions)");
}

/* One area more than keys hold (GW_MAX_AREAS, 2^20): said so, not
 * "declared twice" (issue 17 item 6). */
static void
test_area_limit (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = g_string_new (EXPORT_OPEN "  <areas>\n");
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_problem_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  GwBatch *batch;

  for (guint i = 0; i <= 1u << 20; i++)
    g_string_append_printf (s, "    <area code=\"X%u\" type=\"lsoa\"/>\n", i);
  g_string_append (s, "  </areas>\n" EXPORT_CLOSE);
  batch = gw_export_read_file (ds, tmp_write (tmp, "areas.xml", s), NULL, NULL, NULL, problems, &error);
  g_assert_null (batch);
  g_assert_error (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_INVALID);
  g_assert_cmpuint (problems->len, ==, 1);
  first = gw_problem_format (g_ptr_array_index (problems, 0));
  g_assert_cmpstr (first, ==, "areas.xml:1048580:5: <area>: code=\"X1048576\" is one area too many: "
                              "Gapwatch holds at most 1048576 areas, counting those of earlier imports");
}

/* --- issue 17 item 8: refusals that cost no more than the file ---------- */

/* A start tag at the limit of the attribute guard goes to the reader (which
 * refuses its own way); one more is refused from the bytes; quoted values
 * in comments, CDATA and processing instructions are not attributes. */
static void
test_attribute_guard (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) at = g_string_new (EXPORT_OPEN AREAS "  <deaths period=\"2007-06\" basis=\"registration\">\n"
                                        "    <c area=\"E06000002\" sex=\"m\" age=\"0\" n=\"1\"");
  g_autoptr(GString) over = NULL;
  g_autoptr(GString) quoted = g_string_new (EXPORT_OPEN "<!-- <x");
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *first = NULL;
  g_auto(Outcome) o1 = { 0 };
  g_auto(Outcome) o2 = { 0 };
  g_auto(Outcome) o3 = { 0 };

  /* 4 attributes given, up to the limit */
  append_attributes (at, GW_XML_MAX_ATTRIBUTES - 4);
  over = g_string_new (at->str);
  g_string_append (over, " B=\"1\"/>\n  </deaths>\n" EXPORT_CLOSE);
  g_string_append (at, "/>\n  </deaths>\n" EXPORT_CLOSE);
  read_file (ds, tmp_write (tmp, "at_limit.xml", at), NULL, &o1);
  assert_refused (&o1);
  first = gw_problem_format (g_ptr_array_index (o1.problems, 0));
  g_assert_cmpstr (first, ==, "at_limit.xml:7:5: <c> has too many attributes");
  g_clear_pointer (&first, g_free);

  read_file (ds, tmp_write (tmp, "over_limit.xml", over), NULL, &o2);
  assert_refused (&o2);
  g_assert_cmpuint (o2.problems->len, ==, 1);
  first = gw_problem_format (g_ptr_array_index (o2.problems, 0));
  g_assert_cmpstr (first, ==, "over_limit.xml:7:5: <c> has more than 1000 attributes");

  append_attributes (quoted, 2 * GW_XML_MAX_ATTRIBUTES);
  g_string_append (quoted, " -->\n<![CDATA[ <y");
  append_attributes (quoted, 2 * GW_XML_MAX_ATTRIBUTES);
  g_string_append (quoted, " ]]>\n<?pi <z");
  append_attributes (quoted, 2 * GW_XML_MAX_ATTRIBUTES);
  g_string_append (quoted, " ?>\n" AREAS DEATHS EXPORT_CLOSE);
  read_file (ds, tmp_write (tmp, "quoted_elsewhere.xml", quoted), NULL, &o3);
  g_assert_null (o3.batch);
  /* the CDATA is stray text of <export>, not too many attributes */
  for (guint i = 0; i < o3.problems->len; i++)
    {
      g_autofree char *text = gw_problem_format (g_ptr_array_index (o3.problems, i));

      g_assert_null (strstr (text, "more than 1000 attributes"));
    }
}

/* Codes used and never declared: each is an error where it is first used,
 * in the order of the file, at most GW_EXPORT_MAX_ERRORS; a code declared
 * after its use is not one. */
static void
test_undeclared_order (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = g_string_new (EXPORT_OPEN AREAS "  <deaths period=\"2007-06\" basis=\"registration\">\n"
                                       "    <c area=\"LATE1\" sex=\"m\" age=\"0\" n=\"1\"/>\n"
                                       "    <c area=\"U1\" sex=\"m\" age=\"0\" n=\"1\"/>\n"
                                       "    <c area=\"U1\" sex=\"f\" age=\"0\" n=\"1\"/>\n");
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_auto(Outcome) o = { 0 };
  const char *expected[] = {
    "undeclared.xml:8:5: <c>: area=\"U1\" is not declared in this export or an earlier import",
    "undeclared.xml:12:5: <v>: group=\"G1\" is not declared in this export or an earlier import",
    "undeclared.xml:15:5: <c>: area=\"X0\" is not declared in this export or an earlier import",
    "undeclared.xml:16:5: <c>: area=\"X1\" is not declared in this export or an earlier import",
  };
  g_autofree char *last = NULL;

  g_string_append (s, "  </deaths>\n  <indicator id=\"le-birth\" name=\"LE\" unit=\"years\" polarity=\"higher-is-better\">\n"
                      "    <v group=\"G1\" sex=\"m\" period=\"2003-2005\" value=\"70\"/>\n"
                      "  </indicator>\n  <deaths period=\"2007-07\" basis=\"registration\">\n");
  /* lines 15 to 214 */
  for (guint i = 0; i < 200; i++)
    g_string_append_printf (s, "    <c area=\"X%u\" sex=\"m\" age=\"0\" n=\"1\"/>\n", i);
  g_string_append (s, "  </deaths>\n  <areas>\n    <area code=\"LATE1\" name=\"Late\" type=\"ua\"/>\n  </areas>\n"
                      EXPORT_CLOSE);
  read_file (ds, tmp_write (tmp, "undeclared.xml", s), NULL, &o);
  assert_refused (&o);
  g_assert_cmpuint (o.problems->len, ==, GW_EXPORT_MAX_ERRORS);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *text = gw_problem_format (g_ptr_array_index (o.problems, i));

      g_assert_cmpstr (text, ==, expected[i]);
    }
  for (guint i = 0; i < o.problems->len; i++)
    g_assert_cmpint (((GwProblem *) g_ptr_array_index (o.problems, i))->kind, ==, GW_PROBLEM_UNKNOWN_REFERENCE);
  last = gw_problem_format (g_ptr_array_index (o.problems, o.problems->len - 1));
  g_assert_cmpstr (last, ==, "undeclared.xml:112:5: <c>: area=\"X97\" is not declared in this export or an earlier import");
}

/* VmData of this process, in bytes: what RLIMIT_DATA limits. */
static guint64
data_size (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "\nVmData:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("\nVmData:"), NULL, 10) * 1024;
}

#define UNDECLARED_AREAS   300000
#define UNDECLARED_BUDGET  (48 * 1024 * 1024)

/* 300,000 records naming as many undeclared areas are refused within 48 MB
 * of data beyond what the process had (the reader kept every forward
 * reference: 68 MB more for these, 251 MB for a million).  In a child with
 * RLIMIT_DATA, so that going over is a failed allocation, not a slow test;
 * memory, not time, is what is asserted. */
static void
test_undeclared_memory (void)
{
#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("RLIMIT_DATA and AddressSanitizer's shadow memory do not mix");
  return;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  g_test_skip ("RLIMIT_DATA and AddressSanitizer's shadow memory do not mix");
  return;
#endif
#endif
  if (g_test_subprocess ())
    {
      g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
      g_autoptr(GwDataset) ds = gw_dataset_new ();
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_problem_free);
      g_autoptr(GError) error = NULL;
      g_autofree char *first = NULL;
      GString *s = g_string_new (EXPORT_OPEN AREAS "  <deaths period=\"2007-06\" basis=\"registration\">\n");
      const char *path;
      struct rlimit limit;
      GwBatch *batch;

      for (guint i = 0; i < UNDECLARED_AREAS; i++)
        g_string_append_printf (s, "    <c area=\"X%07u\" sex=\"m\" age=\"0\" n=\"1\"/>\n", i);
      g_string_append (s, "  </deaths>\n" EXPORT_CLOSE);
      path = tmp_write (tmp, "undeclared_300k.xml", s);
      g_string_free (s, TRUE);

      limit.rlim_cur = limit.rlim_max = data_size () + UNDECLARED_BUDGET;
      g_assert_cmpint (setrlimit (RLIMIT_DATA, &limit), ==, 0);
      batch = gw_export_read_file (ds, path, NULL, NULL, NULL, problems, &error);
      g_assert_null (batch);
      g_assert_error (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_INVALID);
      g_assert_cmpuint (problems->len, ==, GW_EXPORT_MAX_ERRORS);
      first = gw_problem_format (g_ptr_array_index (problems, 0));
      g_assert_cmpstr (first, ==, "undeclared_300k.xml:7:5: <c>: area=\"X0000000\" is not declared in this export "
                                  "or an earlier import");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  const char *shared = g_getenv ("GW_SHARED_DIR");
  g_autofree char *passwd = NULL;

  g_test_init (&argc, &argv, NULL);
  gw_formats_init ();

  if (g_file_get_contents ("/etc/passwd", &passwd, NULL, NULL))
    {
      char *nl = strchr (passwd, '\n');

      if (nl != NULL)
        *nl = '\0';
      passwd_first_line = g_strdup (passwd);
    }

  if (shared != NULL)
    add_reference_tests (shared);
  else
    g_test_add_func ("/gw/hostile/reference/missing", test_reference_missing);

  g_test_add_func ("/gw/hostile/large/huge-attribute-10MB/script", test_huge_attribute_script);
  g_test_add_func ("/gw/hostile/large/huge-attribute-10MB/export", test_huge_attribute_export);
  g_test_add_func ("/gw/hostile/large/huge-text-10MB/script", test_huge_text_script);
  g_test_add_func ("/gw/hostile/large/huge-text-10MB/export", test_huge_text_export);
  g_test_add_func ("/gw/hostile/large/huge-text-10MB/foreign", test_huge_text_foreign);
  g_test_add_func ("/gw/hostile/large/many-attributes/script-50k", test_many_attributes_script);
  g_test_add_func ("/gw/hostile/large/many-attributes/record", test_many_attributes_record);
  g_test_add_func ("/gw/hostile/large/many-attributes/long-line", test_many_attributes_long_line);
  g_test_add_func ("/gw/hostile/special-file/fifo", test_special_fifo);
  g_test_add_func ("/gw/hostile/special-file/directory-device-socket", test_special_other);
  g_test_add_func ("/gw/hostile/no-root/declaration-only", test_declaration_only);
  g_test_add_func ("/gw/hostile/large/area-limit", test_area_limit);
  g_test_add_func ("/gw/hostile/large/many-namespaces/root-20k", test_many_namespaces_root);
  g_test_add_func ("/gw/hostile/large/large-attribute-2MB/script", test_large_attribute_script);
  for (guint i = 0; i < G_N_ELEMENTS (large_cases); i++)
    {
      g_autofree char *test = g_strdup_printf ("/gw/hostile/large/large-attribute-2MB/%s", large_cases[i].name);

      g_test_add_data_func (test, &large_cases[i], test_large_attribute_export);
    }
  g_test_add_func ("/gw/hostile/large/deep-nesting/foreign", test_deep_nesting_foreign);
  g_test_add_func ("/gw/hostile/large/deep-nesting/ours", test_deep_nesting_ours);
  g_test_add_func ("/gw/hostile/large/huge-name/export", test_huge_name_export);
  g_test_add_func ("/gw/hostile/entities/billion-laughs-export", test_billion_laughs_export);
  g_test_add_func ("/gw/hostile/not-opened/trap-self-check", test_trap_self_check);
  for (guint i = 0; i < G_N_ELEMENTS (trap_cases); i++)
    {
      g_autofree char *test = g_strdup_printf ("/gw/hostile/not-opened/%s", trap_cases[i].name);

      g_test_add_data_func (test, &trap_cases[i], test_trap);
    }

  g_test_add_func ("/gw/hostile/large/many-attributes/guard", test_attribute_guard);
  g_test_add_func ("/gw/hostile/undeclared/order", test_undeclared_order);
  g_test_add_func ("/gw/hostile/undeclared/memory", test_undeclared_memory);

  return g_test_run ();
}
