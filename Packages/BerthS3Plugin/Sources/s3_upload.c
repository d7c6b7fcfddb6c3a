/* s3_upload.c: upload sessions. A writer keeps at most one part in memory: full parts go to an S3 multipart upload
 * of uploads/<id>/data, the rest is the tail, which flush stores as tail-<total> next to state-<total> (see
 * s3_state.c). Commit finishes the multipart upload (the tail as its last part, copied server-side) and copies the
 * result to blobs/<digest>; a blob smaller than one part is a server-side copy of the tail object. */
#include "s3_internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    s3_store *store;
    CURL *curl;
    char id[129];
    char data_key[S3_KEY_LEN];
    s3_state state; /* total = bytes written so far; parts uploaded; tail = len */
    char *buffer;
    size_t len, cap;
    int dirty, broken;
} writer_t;

int s3_valid_name(const char *name) {
    size_t n = strlen(name);
    return n > 0 && n <= 200 && name[0] != '.' && !strchr(name, '/') && !strchr(name, '\\');
}

static int valid_id(const char *id) {
    size_t n = strlen(id);
    if (n == 0 || n > 128 || id[0] == '.') return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-')) return 0;
    return 1;
}

berth_status s3_create_upload(void *handle, const char *id, char *err, size_t err_len) {
    s3_store *store = handle;
    if (!valid_id(id)) return s3_fail(BERTH_INVALID, err, err_len, "invalid upload id \"%.140s\"", id);
    char key[S3_KEY_LEN];
    s3_session_key(store, id, "state", 0, key);
    CURL *curl = s3_handle_take(store);
    berth_status status = s3_head(store, curl, "HeadObject", key, NULL, err, err_len);
    if (status == BERTH_OK) {
        status = s3_fail(BERTH_EXISTS, err, err_len, "upload %s exists", id);
    } else if (status == BERTH_NOT_FOUND) {
        s3_state empty = {0};
        status = s3_session_save(store, curl, id, &empty, err, err_len);
    }
    s3_handle_give(store, curl);
    return status;
}

/* Reads the first `len` bytes of `key` into `into`. */
static berth_status get_range(s3_store *store, CURL *curl, const char *key, void *into, size_t len, char *err,
                              size_t err_len) {
    char range[64];
    snprintf(range, sizeof range, "bytes=0-%zu", len - 1);
    s3_request request = {.op = "GetObject", .method = "GET", .key = key, .range = range, .dest = into, .dest_cap = len};
    s3_response response;
    berth_status status = s3_perform(store, curl, &request, &response, err, err_len);
    if (status == BERTH_OK && response.dest_len != len)
        status = s3_fail(BERTH_ERROR, err, err_len, "GetObject s3://%s/%s: %zu bytes instead of %zu", store->config.bucket, key,
                         response.dest_len, len);
    s3_response_free(&response);
    return status == BERTH_NOT_FOUND ? BERTH_ERROR : status;
}

static void free_writer(writer_t *w) {
    s3_handle_give(w->store, w->curl);
    s3_state_free(&w->state);
    free(w->buffer);
    free(w);
}

berth_status s3_open_upload(void *handle, const char *id, int64_t offset, void **out, char *err, size_t err_len) {
    s3_store *store = handle;
    if (!valid_id(id)) return s3_fail(BERTH_NOT_FOUND, err, err_len, "no upload %.140s", id);
    writer_t *w = calloc(1, sizeof *w);
    if (!w) return s3_fail(BERTH_ERROR, err, err_len, "out of memory");
    w->store = store;
    w->curl = s3_handle_take(store);
    snprintf(w->id, sizeof w->id, "%s", id);
    s3_session_key(store, id, "data", -1, w->data_key);
    int64_t tail_total = 0;
    berth_status status = s3_session_resolve(store, w->curl, id, offset, &w->state, &tail_total, err, err_len);
    if (status == BERTH_OK) {
        w->cap = store->config.part_size > (size_t)w->state.tail ? store->config.part_size : (size_t)w->state.tail;
        w->buffer = malloc(w->cap);
        if (!w->buffer) status = s3_fail(BERTH_ERROR, err, err_len, "out of memory for a %zu-byte part buffer", w->cap);
    }
    if (status == BERTH_OK && w->state.tail > 0) {
        char key[S3_KEY_LEN];
        s3_session_key(store, id, "tail", tail_total, key);
        status = get_range(store, w->curl, key, w->buffer, (size_t)w->state.tail, err, err_len);
        w->len = (size_t)w->state.tail;
    }
    if (status != BERTH_OK) {
        free_writer(w);
        return status;
    }
    *out = w;
    return BERTH_OK;
}

/* Uploads the buffer as the next part (starting the multipart upload first if needed). */
static berth_status upload_part(writer_t *w, char *err, size_t err_len) {
    s3_store *store = w->store;
    int32_t number = w->state.count + 1;
    if (number > S3_MAX_PARTS)
        return s3_fail(BERTH_ERROR, err, err_len, "upload %s: more than %d parts of %zu bytes; raise partSize", w->id, S3_MAX_PARTS,
                       store->config.part_size);
    berth_status status = BERTH_OK;
    if (!w->state.upload_id[0])
        status = s3_mp_create(store, w->curl, w->data_key, w->state.upload_id, sizeof w->state.upload_id, err, err_len);
    char etag[160];
    if (status == BERTH_OK)
        status = s3_mp_part(store, w->curl, w->data_key, w->state.upload_id, number, w->buffer, w->len, etag, sizeof etag, err, err_len);
    if (status == BERTH_OK && s3_state_add(&w->state, number, (int64_t)w->len, etag) != 0)
        status = s3_fail(BERTH_ERROR, err, err_len, "out of memory");
    if (status == BERTH_OK) {
        w->len = 0;
        w->state.tail = 0;
    }
    return status;
}

berth_status s3_write(void *handle, const void *bytes, size_t count, char *err, size_t err_len) {
    writer_t *w = handle;
    if (w->broken) return s3_fail(BERTH_ERROR, err, err_len, "upload %s: an earlier write failed; reopen the session", w->id);
    size_t part = w->store->config.part_size;
    const char *p = bytes;
    while (count > 0) {
        size_t n = w->len < part ? part - w->len : 0;
        if (n > count) n = count;
        memcpy(w->buffer + w->len, p, n);
        w->len += n;
        w->state.total += (int64_t)n;
        w->state.tail = (int64_t)w->len;
        w->dirty = 1;
        p += n;
        count -= n;
        if (w->len >= part) {
            berth_status status = upload_part(w, err, err_len);
            if (status != BERTH_OK) {
                w->broken = 1;
                return status;
            }
        }
    }
    return BERTH_OK;
}

berth_status s3_flush(void *handle, char *err, size_t err_len) {
    writer_t *w = handle;
    if (w->broken) return s3_fail(BERTH_ERROR, err, err_len, "upload %s: an earlier write failed; reopen the session", w->id);
    if (!w->dirty) return BERTH_OK;
    berth_status status = BERTH_OK;
    if (w->len > 0) {
        char key[S3_KEY_LEN];
        s3_session_key(w->store, w->id, "tail", w->state.total, key);
        status = s3_put_bytes(w->store, w->curl, "PutObject", key, w->buffer, w->len, err, err_len);
    }
    if (status == BERTH_OK) status = s3_session_save(w->store, w->curl, w->id, &w->state, err, err_len);
    if (status == BERTH_OK) w->dirty = 0;
    return status;
}

void s3_close_writer(void *handle) {
    writer_t *w = handle;
    char ignored[512];
    /* Bytes written but not flushed are kept as well when possible (the host's contract: close keeps what was
     * written; flush makes it durable). A failure here surfaces at the next open or commit. */
    if (w->dirty && !w->broken) s3_flush(w, ignored, sizeof ignored);
    free_writer(w);
}

/* Removes the session's objects and any multipart upload of it. */
static berth_status end_session(s3_store *store, CURL *curl, const char *id, char *err, size_t err_len) {
    char prefix[S3_KEY_LEN];
    snprintf(prefix, sizeof prefix, "%suploads/%s/", store->config.prefix, id);
    berth_status status = s3_mp_abort_all(store, curl, prefix, err, err_len);
    berth_status deleted = s3_delete_prefix(store, curl, prefix, err, err_len);
    return status != BERTH_OK ? status : deleted;
}

/* Makes blob_key hold the session's first `size` bytes described by `state` (its tail in tail-<tail_total>). */
static berth_status assemble(s3_store *store, CURL *curl, const char *id, const s3_state *state, int64_t tail_total,
                             int64_t size, const char *blob_key, char *err, size_t err_len) {
    char tail_key[S3_KEY_LEN], data_key[S3_KEY_LEN];
    s3_session_key(store, id, "tail", tail_total, tail_key);
    s3_session_key(store, id, "data", -1, data_key);
    if (state->count == 0) {
        if (state->tail == 0) return s3_put_bytes(store, curl, "PutObject", blob_key, "", 0, err, err_len);
        if (tail_total == size) return s3_copy(store, curl, tail_key, blob_key, size, err, err_len);
        char *bytes = malloc((size_t)state->tail); /* a cut tail: less than one part */
        if (!bytes) return s3_fail(BERTH_ERROR, err, err_len, "out of memory");
        berth_status status = get_range(store, curl, tail_key, bytes, (size_t)state->tail, err, err_len);
        if (status == BERTH_OK) status = s3_put_bytes(store, curl, "PutObject", blob_key, bytes, (size_t)state->tail, err, err_len);
        free(bytes);
        return status;
    }
    int64_t existing = -1;
    berth_status status = s3_head(store, curl, "HeadObject", data_key, &existing, err, err_len);
    if (status == BERTH_OK && existing == size) return s3_copy(store, curl, data_key, blob_key, size, err, err_len);
    if (status != BERTH_OK && status != BERTH_NOT_FOUND) return status;
    s3_part *parts = malloc(((size_t)state->count + 1) * sizeof *parts);
    if (!parts) return s3_fail(BERTH_ERROR, err, err_len, "out of memory");
    memcpy(parts, state->parts, (size_t)state->count * sizeof *parts);
    int32_t count = state->count;
    status = BERTH_OK;
    if (state->tail > 0) {
        s3_part *last = &parts[count];
        last->number = count + 1;
        last->size = state->tail;
        status = s3_mp_part_copy(store, curl, data_key, state->upload_id, last->number, tail_key, 0, state->tail - 1, last->etag,
                                 sizeof last->etag, err, err_len);
        count++;
    }
    if (status == BERTH_OK) status = s3_mp_complete(store, curl, data_key, state->upload_id, parts, count, err, err_len);
    free(parts);
    if (status == BERTH_OK) status = s3_copy(store, curl, data_key, blob_key, size, err, err_len);
    return status;
}

berth_status s3_commit_upload(void *handle, const char *id, int64_t size, const char *digest, char *err, size_t err_len) {
    s3_store *store = handle;
    if (!valid_id(id)) return s3_fail(BERTH_NOT_FOUND, err, err_len, "no upload %.140s", id);
    if (!s3_valid_name(digest)) return s3_fail(BERTH_INVALID, err, err_len, "invalid digest \"%.140s\"", digest);
    CURL *curl = s3_handle_take(store);
    s3_state state = {0};
    int64_t tail_total = 0;
    char blob_key[S3_KEY_LEN];
    s3_blob_key(store, digest, blob_key);
    berth_status status = s3_session_resolve(store, curl, id, size, &state, &tail_total, err, err_len);
    if (status == BERTH_OK) {
        status = s3_head(store, curl, "HeadObject", blob_key, NULL, err, err_len);
        if (status == BERTH_NOT_FOUND) status = assemble(store, curl, id, &state, tail_total, size, blob_key, err, err_len);
    }
    if (status == BERTH_OK) {
        /* The blob is visible: a failed cleanup only leaves garbage under uploads/<id>/, so it does not fail the commit. */
        char ignored[512];
        end_session(store, curl, id, ignored, sizeof ignored);
    }
    s3_state_free(&state);
    s3_handle_give(store, curl);
    return status;
}

berth_status s3_cancel_upload(void *handle, const char *id, char *err, size_t err_len) {
    s3_store *store = handle;
    if (!valid_id(id)) return BERTH_OK;
    CURL *curl = s3_handle_take(store);
    berth_status status = end_session(store, curl, id, err, err_len);
    s3_handle_give(store, curl);
    return status;
}
