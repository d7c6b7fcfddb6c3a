/*
 * berth_plugin.h: the C interface between berth (the host) and a backend plugin (a shared library).
 *
 * A plugin exports exactly one symbol, `berth_plugin_entry_v1`, returning a `berth_plugin_v1` that names the
 * function tables it implements. Rules, for every table:
 *   - `abi_version` and `struct_size` come first. The host refuses an unknown major version and a table shorter
 *     than the functions it requires. Minor versions only append fields, so an older plugin's shorter table still
 *     works where the appended functions are optional.
 *   - A NULL function pointer means "unsupported" (allowed only for functions marked optional).
 *   - Every call returns a `berth_status`; on failure the plugin writes a NUL-terminated message into the
 *     caller's buffer `err` of `err_len` bytes (truncating as needed).
 *   - The host owns every data buffer it passes; a plugin copies what it keeps. Strings are UTF-8, NUL-terminated.
 *   - Calls may arrive from several host threads at once, but never two at once on one reader or writer handle.
 *     The host never calls a plugin on an event loop; calls may block.
 *   - The host hashes: a blob store only keeps bytes. Digests are "<algorithm>:<hex>" (today "sha256:...").
 */
#ifndef BERTH_PLUGIN_H
#define BERTH_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BERTH_PLUGIN_ABI_VERSION 1

typedef int32_t berth_status;
#define BERTH_OK 0
/* The blob, upload or row does not exist. */
#define BERTH_NOT_FOUND 1
/* A requested range lies outside the blob, or an offset beyond what an upload holds. */
#define BERTH_INVALID 2
/* The upload id (or a unique key) is taken. */
#define BERTH_EXISTS 3
/* A transaction lost a race and may be retried (metadata drivers). */
#define BERTH_CONFLICT 4
/* Anything else: I/O, network, configuration. The message says how. */
#define BERTH_ERROR 5

/* ---------------------------------------------------------------------------------------------------------------
 * Blob store v1: bytes by digest, and upload sessions that only store bytes.
 */

/* Receives one listed blob; return non-zero to stop early. */
typedef int (*berth_blob_visitor)(void *context, const char *digest, int64_t size);

typedef struct berth_blob_store_v1 {
    uint32_t abi_version; /* BERTH_PLUGIN_ABI_VERSION */
    uint32_t struct_size; /* sizeof(berth_blob_store_v1) as the plugin was built */

    /* Opens a store from its JSON configuration (the text of --blob-store-config, "{}" when none). */
    berth_status (*open)(const char *config_json, void **store, char *err, size_t err_len);
    /* Releases the store; no call follows. */
    void (*close)(void *store);

    /* The blob's size, or BERTH_NOT_FOUND. */
    berth_status (*stat)(void *store, const char *digest, int64_t *size, char *err, size_t err_len);
    /* Opens the bytes [start, end) of a blob for reading; end < 0 means to the end (start is then 0). BERTH_INVALID
     * when the range is outside the blob (the host checks ranges first; this is a guard). */
    berth_status (*open_reader)(void *store, const char *digest, int64_t start, int64_t end, void **reader, int64_t *length,
                                char *err, size_t err_len);
    /* Fills up to `capacity` bytes; *count = 0 at the end. */
    berth_status (*read)(void *reader, void *buffer, size_t capacity, size_t *count, char *err, size_t err_len);
    void (*close_reader)(void *reader);

    /* Starts an empty upload session (`id` is [A-Za-z0-9._-]{1,128}, not starting with '.'); BERTH_EXISTS if taken,
     * BERTH_INVALID for a malformed id. */
    berth_status (*create_upload)(void *store, const char *id, char *err, size_t err_len);
    /* Opens a session to write from `offset` (what the host recorded); bytes at and after `offset` are discarded.
     * The host only ever opens at 0 or at an offset a writer of this session reached and closed (it records an offset
     * after the writer closes), so a store may keep its state per such offset (the s3 plugin does).
     * BERTH_NOT_FOUND for no such session; BERTH_INVALID when the session holds fewer than `offset` bytes. */
    berth_status (*open_upload)(void *store, const char *id, int64_t offset, void **writer, char *err, size_t err_len);
    /* Appends bytes at the writer's position. */
    berth_status (*write)(void *writer, const void *bytes, size_t count, char *err, size_t err_len);
    /* Makes everything written through this writer durable. */
    berth_status (*flush)(void *writer, char *err, size_t err_len);
    /* Ends the writer. Bytes written through it stay in the session (a store that buffers saves them here), though
     * only a successful flush promised them; the host flushes before it records a new offset. */
    void (*close_writer)(void *writer);
    /* Makes the first `size` bytes of the session the blob `digest` (verified by the host) and ends the session,
     * atomically: readers see the whole blob or none. If the blob exists the session simply ends. BERTH_NOT_FOUND for
     * no such session; BERTH_INVALID when it holds fewer than `size` bytes (the session is then left as it was). Once
     * the blob is visible, a failure to clean the session up is not a failed commit. */
    berth_status (*commit_upload)(void *store, const char *id, int64_t size, const char *digest, char *err, size_t err_len);
    /* Discards a session and its bytes; BERTH_OK when there is none. */
    berth_status (*cancel_upload)(void *store, const char *id, char *err, size_t err_len);
    /* Removes a blob; BERTH_OK when there is none. */
    berth_status (*delete_blob)(void *store, const char *digest, char *err, size_t err_len);
    /* Visits stored blobs in digest (byte) order, strictly after `after` (NULL: from the start), at most `limit`. */
    berth_status (*list_blobs)(void *store, const char *after, int32_t limit, berth_blob_visitor visit, void *context, char *err,
                               size_t err_len);

    /* Optional (NULL: unsupported). A URL a client may GET the blob from directly for `expires_seconds` (S3 presigned);
     * BERTH_INVALID when the store is configured not to hand them out (the host then serves the bytes itself). */
    berth_status (*download_url)(void *store, const char *digest, int64_t expires_seconds, char *url, size_t url_len, char *err,
                                 size_t err_len);
} berth_blob_store_v1;

/* ---------------------------------------------------------------------------------------------------------------
 * Metadata driver v1: statements and transactions; the host keeps every rule and writes portable SQL with `?`
 * placeholders (a driver may rewrite them, e.g. to $1 for PostgreSQL).
 */

#define BERTH_VALUE_NULL 0
#define BERTH_VALUE_INTEGER 1
#define BERTH_VALUE_REAL 2
#define BERTH_VALUE_TEXT 3
#define BERTH_VALUE_BLOB 4

/* step(): a row is ready / the statement is done. */
#define BERTH_ROW 100
#define BERTH_DONE 101

typedef struct berth_metadata_driver_v1 {
    uint32_t abi_version;
    uint32_t struct_size;

    /* Opens one connection from the JSON configuration (--metadata-store-config). The host opens several (one
     * writer, some readers) and uses each from one thread at a time. */
    berth_status (*open)(const char *config_json, void **connection, char *err, size_t err_len);
    void (*close)(void *connection);
    /* The SQL dialect the host must speak: "sqlite" (the only one this host writes today) or "postgresql". */
    const char *(*dialect)(void *connection);
    /* Runs parameterless statements separated by ';' (schema migrations, pragmas). */
    berth_status (*exec)(void *connection, const char *sql, char *err, size_t err_len);
    /* A transaction: `writing` takes the write lock at once. rollback with none open is BERTH_OK. BERTH_CONFLICT from
     * any call inside a transaction means "roll back and retry". */
    berth_status (*begin)(void *connection, int32_t writing, char *err, size_t err_len);
    berth_status (*commit)(void *connection, char *err, size_t err_len);
    berth_status (*rollback)(void *connection, char *err, size_t err_len);
    /* Compiles one statement with `?` parameters; the host caches and reuses statements (reset between uses). */
    berth_status (*prepare)(void *connection, const char *sql, void **statement, char *err, size_t err_len);
    /* Binds parameter `index` (1-based); text and blob bytes are copied before the call returns. */
    berth_status (*bind_null)(void *statement, int32_t index, char *err, size_t err_len);
    berth_status (*bind_integer)(void *statement, int32_t index, int64_t value, char *err, size_t err_len);
    berth_status (*bind_real)(void *statement, int32_t index, double value, char *err, size_t err_len);
    berth_status (*bind_text)(void *statement, int32_t index, const char *value, size_t length, char *err, size_t err_len);
    berth_status (*bind_blob)(void *statement, int32_t index, const void *value, size_t length, char *err, size_t err_len);
    /* BERTH_ROW, BERTH_DONE or a failure status. */
    berth_status (*step)(void *statement, char *err, size_t err_len);
    /* Clears bindings and rewinds for the next use. */
    void (*reset)(void *statement);
    /* The current row's column `index` (0-based): its BERTH_VALUE_* type and value. */
    int32_t (*column_type)(void *statement, int32_t index);
    int64_t (*column_integer)(void *statement, int32_t index);
    double (*column_real)(void *statement, int32_t index);
    /* Text or blob bytes, valid until the next step, reset or finalize; *length receives their size. */
    const void *(*column_bytes)(void *statement, int32_t index, size_t *length);
    /* Rows changed by the last completed statement. */
    int64_t (*changes)(void *connection);
    void (*finalize)(void *statement);
} berth_metadata_driver_v1;

/* ---------------------------------------------------------------------------------------------------------------
 * The entry point.
 */

typedef struct berth_plugin_v1 {
    uint32_t abi_version; /* BERTH_PLUGIN_ABI_VERSION */
    uint32_t struct_size; /* sizeof(berth_plugin_v1) */
    const char *name;     /* e.g. "dirblob", "s3", "postgres" */
    const berth_blob_store_v1 *blob_store;           /* NULL: not a blob store */
    const berth_metadata_driver_v1 *metadata_driver; /* NULL: not a metadata driver */
} berth_plugin_v1;

/* The one symbol a plugin exports. */
#define BERTH_PLUGIN_ENTRY_SYMBOL "berth_plugin_entry_v1"
typedef const berth_plugin_v1 *(*berth_plugin_entry_v1_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* BERTH_PLUGIN_H */
