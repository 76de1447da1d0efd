/* backup.h: online backup (AdminBackup).  A thread writes LMDB's
 * compacting copy of one read snapshot into a pipe; the loop reads the
 * pipe and sends it to the client in BackupChunk Responses, never more
 * than the connection's output cap ahead of what the client has read.
 *
 * While a backup streams, the connection holds a job of its own (c->job)
 * like a write in the writer: it reads no further request, and shutdown
 * waits for the job (a backup stops early when the server stops, when the
 * connection closes, or when the client reads nothing for write_timeout
 * seconds).  The copy thread holds the store's remap lock shared, so the
 * map cannot grow under it; a write that needs a bigger map waits for the
 * backup's end. */
#ifndef HOSOD_BACKUP_H
#define HOSOD_BACKUP_H

struct req_ctx;

/* The AdminBackup handler (loop thread): starts the copy and answers with
 * the first chunk. */
int cmd_admin_backup(struct req_ctx *c);

#endif
