/* gw-input.c: the bytes of one file, for every reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is opened here with O_NONBLOCK, so that opening a FIFO does not
 * wait for a writer, then fstat'ed: anything but a regular file is refused
 * before a byte is read, and O_NONBLOCK is cleared for the reading.  Gzip is
 * inflated here with zlib, so the SHA-256 covers the bytes on disk and
 * progress counts them.
 */
#include "gw-config.h"
#include "gw-input.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <nettle/sha2.h>
#include <zlib.h>

#define CHUNK_SIZE (256 * 1024)

/* The SHA-256 of the file's bytes is computed in a second thread while the
 * reader works.  Nettle's, not GChecksum's: GChecksum's portable C code was a
 * third of an SDMX import's instructions (53 per byte), nettle uses the
 * CPU's SHA instructions where it has them (6x faster, 1.1 s to 0.18 s for
 * 70 MB).  Chunks are copied and queued; at most HASH_MAX_PENDING
 * wait, so memory stays bounded if hashing ever falls behind. */
#define HASH_MAX_PENDING 4

typedef struct
{
  gboolean     active;     /* between hasher_start and hasher_finish */
  gboolean     in_caller;  /* no thread: the reading thread hashes (gw_input_hash_in_caller) */
  GThread     *thread;     /* started at the first big chunk */
  GAsyncQueue *queue;      /* GBytes; an empty GBytes ends the thread */
  struct sha256_ctx sha;
  GMutex       lock;
  GCond        cond;
  guint        pending;
} Hasher;

struct _GwInput
{
  char           *path;
  int             fd;
  GCancellable   *cancellable;
  GwProgressFunc  progress;
  gpointer        progress_data;

  gboolean        gzip;
  z_stream        z;
  gboolean        z_open;
  gboolean        z_end;
  guchar         *raw;          /* compressed bytes, gzip only */
  guint64         raw_done;
  guint64         raw_total;

  /* the first pass hashes and reports progress; a pass after a rewind not */
  gboolean        first_pass;
  Hasher          hasher;
  char           *sha;          /* once the first pass reached the end */

  guchar          head[GW_INPUT_HEAD_SIZE];
  gsize           head_len;
  gsize           head_pos;     /* how much of head gw_input_read gave */
};

static gpointer
hasher_thread (gpointer data)
{
  Hasher *h = data;

  for (;;)
    {
      GBytes *chunk = g_async_queue_pop (h->queue);
      gsize len;
      gconstpointer bytes = g_bytes_get_data (chunk, &len);

      if (len == 0)
        {
          g_bytes_unref (chunk);
          break;
        }
      sha256_update (&h->sha, len, bytes);
      g_bytes_unref (chunk);
      g_mutex_lock (&h->lock);
      h->pending--;
      g_cond_signal (&h->cond);
      g_mutex_unlock (&h->lock);
    }
  return NULL;
}

static void
hasher_start (Hasher *h)
{
  memset (h, 0, sizeof *h);
  g_mutex_init (&h->lock);
  g_cond_init (&h->cond);
  sha256_init (&h->sha);
  h->active = TRUE;
}

static void
hasher_update (Hasher *h, const guchar *data, gsize len)
{
  if (len == 0 || !h->active)
    return;
  /* the head, or a reader that reads in a thread of its own: here, in
   * order (nothing is queued before the thread starts) */
  if (h->thread == NULL && (h->in_caller || len <= GW_INPUT_HEAD_SIZE))
    {
      sha256_update (&h->sha, len, data);
      return;
    }
  if (h->thread == NULL)
    {
      h->queue = g_async_queue_new ();
      h->thread = g_thread_new ("gw-input-sha256", hasher_thread, h);
    }
  g_mutex_lock (&h->lock);
  while (h->pending >= HASH_MAX_PENDING)
    g_cond_wait (&h->cond, &h->lock);
  h->pending++;
  g_mutex_unlock (&h->lock);
  g_async_queue_push (h->queue, g_bytes_new (data, len));
}

/* Waits for the thread; the hex digest, or NULL when not hashing. */
static char *
hasher_finish (Hasher *h)
{
  guint8 bytes[SHA256_DIGEST_SIZE];
  char *digest;

  if (!h->active)
    return NULL;
  if (h->thread != NULL)
    {
      g_async_queue_push (h->queue, g_bytes_new (NULL, 0));
      g_thread_join (h->thread);
      h->thread = NULL;
      g_async_queue_unref (h->queue);
    }
  h->active = FALSE;
  sha256_digest (&h->sha, sizeof bytes, bytes);
  /* lower-case hex, as GChecksum wrote it (workspaces hold these) */
  digest = g_malloc (2 * sizeof bytes + 1);
  for (guint i = 0; i < sizeof bytes; i++)
    {
      digest[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
      digest[2 * i + 1] = "0123456789abcdef"[bytes[i] & 0xf];
    }
  digest[2 * sizeof bytes] = '\0';
  g_mutex_clear (&h->lock);
  g_cond_clear (&h->cond);
  return digest;
}

static gssize
read_fd (GwInput *self, guchar *buf, gsize size, GError **error)
{
  gssize n;

  do
    n = read (self->fd, buf, size);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    {
      int saved = errno;

      g_set_error (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_IO, "%s", g_strerror (saved));
      return -1;
    }
  if (self->first_pass)
    {
      hasher_update (&self->hasher, buf, n);
      if (self->progress != NULL)
        self->progress (self->raw_done + n, self->raw_total, self->progress_data);
    }
  self->raw_done += n;
  return n;
}

/* Inflates the next bytes into buf; 0 at the end of the last gzip member. */
static gssize
read_gzip (GwInput *self, guchar *buf, gsize size, GError **error)
{
  self->z.next_out = buf;
  self->z.avail_out = size;
  while (self->z.avail_out == size && !self->z_end)
    {
      int ret;

      if (self->z.avail_in == 0)
        {
          gssize n = read_fd (self, self->raw, CHUNK_SIZE, error);

          if (n < 0)
            return -1;
          if (n == 0)
            {
              g_set_error (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_INVALID, _("the gzip file is truncated"));
              return -1;
            }
          self->z.next_in = self->raw;
          self->z.avail_in = n;
        }

      ret = inflate (&self->z, Z_NO_FLUSH);
      if (ret == Z_STREAM_END)
        {
          /* concatenated gzip members are one file (RFC 1952) */
          if (self->z.avail_in > 0 || self->raw_done < self->raw_total)
            inflateReset (&self->z);
          else
            self->z_end = TRUE;
        }
      else if (ret != Z_OK && ret != Z_BUF_ERROR)
        {
          g_set_error (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_INVALID,
                       _("the gzip data is corrupt (%s)"), self->z.msg ? self->z.msg : "inflate");
          return -1;
        }
    }
  return size - self->z.avail_out;
}

/* The next bytes of the file's content, past the head; 0 at its end. */
static gssize
read_content (GwInput *self, guchar *buf, gsize size, GError **error)
{
  gssize n = self->gzip ? read_gzip (self, buf, size, error) : read_fd (self, buf, size, error);

  /* the whole file went through the hasher: its digest is final */
  if (n == 0 && self->first_pass && self->sha == NULL)
    self->sha = hasher_finish (&self->hasher);
  return n;
}

static const char *
describe_special (mode_t mode)
{
  if (S_ISFIFO (mode))
    return _("not a regular file: a named pipe (FIFO)");
  if (S_ISDIR (mode))
    return _("not a regular file: a directory");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("not a regular file: a device");
  if (S_ISSOCK (mode))
    return _("not a regular file: a socket");
  return _("not a regular file");
}

/* Opens path without waiting for anything: a FIFO opened for reading
 * would otherwise block until a writer comes, for ever. */
static gboolean
open_regular (GwInput *self, const char *path, GError **error)
{
  struct stat st;
  int flags;

  self->fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (self->fd < 0)
    {
      int saved = errno;
      GStatBuf sst;

      /* a socket cannot be opened at all (ENXIO): say what it is */
      if (g_stat (path, &sst) == 0 && !S_ISREG (sst.st_mode))
        g_set_error_literal (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_IO, describe_special (sst.st_mode));
      else
        g_set_error (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_IO, _("cannot open the file: %s"), g_strerror (saved));
      return FALSE;
    }
  if (fstat (self->fd, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_IO, _("cannot open the file: %s"), g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_IO, describe_special (st.st_mode));
      return FALSE;
    }
  flags = fcntl (self->fd, F_GETFL);
  if (flags < 0 || fcntl (self->fd, F_SETFL, flags & ~O_NONBLOCK) < 0)
    {
      int saved = errno;

      g_set_error (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_IO, _("cannot open the file: %s"), g_strerror (saved));
      return FALSE;
    }
  self->raw_total = st.st_size;
  return TRUE;
}

static gboolean
start_gzip_if_any (GwInput *self, GError **error)
{
  guchar magic[2];

  if (pread (self->fd, magic, 2, 0) != 2 || magic[0] != 0x1f || magic[1] != 0x8b)
    return TRUE;
  self->gzip = TRUE;
  self->raw = g_malloc (CHUNK_SIZE);
  /* 16 + MAX_WBITS: a gzip header and trailer, checked */
  if (inflateInit2 (&self->z, 16 + MAX_WBITS) != Z_OK)
    {
      g_set_error (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_IO, _("cannot start zlib"));
      return FALSE;
    }
  self->z_open = TRUE;
  return TRUE;
}

static gboolean
fill_head (GwInput *self, GError **error)
{
  self->head_len = self->head_pos = 0;
  while (self->head_len < sizeof self->head)
    {
      gssize n = read_content (self, self->head + self->head_len, sizeof self->head - self->head_len, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      self->head_len += n;
    }
  return TRUE;
}

/**
 * gw_input_open:
 * @path: the file, as the user gave it
 * @cancellable: (nullable): makes gw_input_read() fail with G_IO_ERROR_CANCELLED
 * @progress: (nullable): called in the reading thread after each read from disk
 * @progress_data: for @progress
 * @error: GW_EXPORT_ERROR_IO when the file cannot be opened or is not a
 *   regular file; GW_EXPORT_ERROR_INVALID when its gzip data is corrupt
 *
 * Opens the file and reads its first bytes (gw_input_peek()).
 *
 * Returns: (transfer full) (nullable): the input
 */
GwInput *
gw_input_open (const char      *path,
               GCancellable    *cancellable,
               GwProgressFunc   progress,
               gpointer         progress_data,
               GError         **error)
{
  g_autoptr(GwInput) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (GwInput, 1);
  self->path = g_strdup (path);
  self->fd = -1;
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->progress = progress;
  self->progress_data = progress_data;
  self->first_pass = TRUE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error) || !open_regular (self, path, error)
      || !start_gzip_if_any (self, error))
    return NULL;
  hasher_start (&self->hasher);
  if (!fill_head (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
gw_input_free (GwInput *self)
{
  if (self == NULL)
    return;
  g_free (hasher_finish (&self->hasher));
  if (self->z_open)
    inflateEnd (&self->z);
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->raw);
  g_free (self->sha);
  g_clear_object (&self->cancellable);
  g_free (self->path);
  g_free (self);
}

const char *
gw_input_get_path (GwInput *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

gboolean
gw_input_is_gzip (GwInput *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->gzip;
}

/**
 * gw_input_peek:
 * @self: an input
 * @len: (out): how many bytes there are, at most GW_INPUT_HEAD_SIZE (fewer
 *   only when the file is shorter)
 *
 * The first bytes of the content (inflated when gzip), whatever has been
 * read since: what readers sniff.
 *
 * Returns: (transfer none): the bytes
 */
const guchar *
gw_input_peek (GwInput *self,
               gsize   *len)
{
  g_return_val_if_fail (self != NULL, NULL);
  *len = self->head_len;
  return self->head;
}

/**
 * gw_input_read:
 * @self: an input
 * @buf: where to put the bytes
 * @size: at most this many
 * @error: G_IO_ERROR_CANCELLED, or GW_EXPORT_ERROR
 *
 * The next bytes of the content (inflated when gzip), from its start.
 *
 * Returns: how many bytes, 0 at the end, -1 on error
 */
gssize
gw_input_read (GwInput  *self,
               guchar   *buf,
               gsize     size,
               GError  **error)
{
  g_return_val_if_fail (self != NULL && buf != NULL, -1);

  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return -1;
  if (self->head_pos < self->head_len)
    {
      gsize n = MIN (size, self->head_len - self->head_pos);

      memcpy (buf, self->head + self->head_pos, n);
      self->head_pos += n;
      return n;
    }
  return read_content (self, buf, size, error);
}

/**
 * gw_input_hash_in_caller:
 * @self: an input
 *
 * For a reader that calls gw_input_read() from a thread of its own (the XML
 * reader reads ahead of its parser): the SHA-256 is computed in that
 * thread, as it reads, and not in a third.  Call before the first read after
 * gw_input_open().
 */
void
gw_input_hash_in_caller (GwInput *self)
{
  g_return_if_fail (self != NULL);
  self->hasher.in_caller = TRUE;
}

/**
 * gw_input_rewind:
 * @self: an input
 * @error: GW_EXPORT_ERROR_IO
 *
 * Goes back to the start of the same open file, for a second pass (to find
 * where something was, say).  That pass reports no progress and is not
 * hashed; the digest of the first one stays if it was complete.
 *
 * Returns: FALSE on error
 */
gboolean
gw_input_rewind (GwInput  *self,
                 GError  **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->first_pass)
    {
      g_free (hasher_finish (&self->hasher));
      self->first_pass = FALSE;
    }
  if (lseek (self->fd, 0, SEEK_SET) != 0)
    {
      int saved = errno;

      g_set_error (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_IO, "%s", g_strerror (saved));
      return FALSE;
    }
  self->raw_done = 0;
  if (self->gzip)
    {
      inflateReset (&self->z);
      self->z.avail_in = 0;
      self->z_end = FALSE;
    }
  return fill_head (self, error);
}

/**
 * gw_input_get_sha256:
 * @self: an input
 *
 * Returns: (nullable): the hex SHA-256 of the bytes on disk, once the first
 *   pass has read them all; else NULL
 */
const char *
gw_input_get_sha256 (GwInput *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->sha;
}
