/* s3_state.c: an upload session's state, kept in S3 so any replica can continue the session.
 *
 * Objects under <prefix>uploads/<id>/:
 *   state-<total>  the text below, describing the session's first <total> bytes;
 *   tail-<total>   the bytes after the last uploaded part (fewer than partSize), absent when none;
 *   head           "<total>\n" of the state written last;
 *   data           the multipart upload's key (an object only during commit).
 * State text:
 *   berth-s3-upload 1
 *   total <bytes>
 *   tail <bytes>
 *   upload <S3 UploadId, or - before the first part>
 *   part <number> <size> <ETag>        (one line per uploaded part, in order)
 */
#include "s3_internal.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void s3_state_free(s3_state *state) {
    free(state->parts);
    memset(state, 0, sizeof *state);
}

int s3_state_add(s3_state *state, int32_t number, int64_t size, const char *etag) {
    if (state->count == state->cap) {
        int32_t cap = state->cap ? state->cap * 2 : 16;
        s3_part *grown = realloc(state->parts, (size_t)cap * sizeof *grown);
        if (!grown) return -1;
        state->parts = grown;
        state->cap = cap;
    }
    s3_part *part = &state->parts[state->count++];
    part->number = number;
    part->size = size;
    snprintf(part->etag, sizeof part->etag, "%s", etag);
    return 0;
}

char *s3_state_format(const s3_state *state, size_t *len) {
    size_t cap = 600 + (size_t)state->count * 200, used = 0;
    char *text = malloc(cap);
    if (!text) return NULL;
    used += (size_t)snprintf(text, cap, "berth-s3-upload 1\ntotal %" PRId64 "\ntail %" PRId64 "\nupload %s\n", state->total,
                             state->tail, state->upload_id[0] ? state->upload_id : "-");
    for (int32_t i = 0; i < state->count; i++)
        used += (size_t)snprintf(text + used, cap - used, "part %d %" PRId64 " %s\n", state->parts[i].number,
                                 state->parts[i].size, state->parts[i].etag);
    *len = used;
    return text;
}

int s3_state_parse(const char *text, s3_state *state) {
    memset(state, 0, sizeof *state);
    if (strncmp(text, "berth-s3-upload 1\n", 18)) return -1;
    int seen = 0;
    for (const char *line = text + 18; *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : line + strlen(line)) {
        char word[512], etag[160];
        int64_t a, b;
        int32_t number;
        if (sscanf(line, "total %" SCNd64, &a) == 1) { state->total = a; seen |= 1; }
        else if (sscanf(line, "tail %" SCNd64, &a) == 1) { state->tail = a; seen |= 2; }
        else if (sscanf(line, "upload %511s", word) == 1) { snprintf(state->upload_id, sizeof state->upload_id, "%s", strcmp(word, "-") ? word : ""); seen |= 4; }
        else if (sscanf(line, "part %" SCNd32 " %" SCNd64 " %159s", &number, &b, etag) == 3) { if (s3_state_add(state, number, b, etag)) return -1; }
    }
    int64_t sum = state->tail;
    for (int32_t i = 0; i < state->count; i++) sum += state->parts[i].size;
    if (seen != 7 || sum != state->total) { s3_state_free(state); return -1; }
    return 0;
}

void s3_session_key(const s3_store *store, const char *id, const char *name, int64_t total, char key[S3_KEY_LEN]) {
    if (total >= 0) snprintf(key, S3_KEY_LEN, "%suploads/%s/%s-%" PRId64, store->config.prefix, id, name, total);
    else snprintf(key, S3_KEY_LEN, "%suploads/%s/%s", store->config.prefix, id, name);
}

static berth_status load(s3_store *store, CURL *curl, const char *id, int64_t total, s3_state *state, char *err,
                         size_t err_len) {
    char key[S3_KEY_LEN], *text = NULL;
    size_t len = 0;
    s3_session_key(store, id, "state", total, key);
    berth_status status = s3_get_small(store, curl, "GetObject", key, &text, &len, err, err_len);
    if (status != BERTH_OK) return status;
    if (s3_state_parse(text, state) != 0 || state->total != total)
        status = s3_fail(BERTH_ERROR, err, err_len, "s3://%s/%s: not an upload state", store->config.bucket, key);
    free(text);
    return status;
}

berth_status s3_session_resolve(s3_store *store, CURL *curl, const char *id, int64_t offset, s3_state *state,
                                int64_t *tail_total, char *err, size_t err_len) {
    if (!s3_valid_name(id)) return s3_fail(BERTH_NOT_FOUND, err, err_len, "no upload %s", id);
    if (offset < 0) return s3_fail(BERTH_INVALID, err, err_len, "upload %s: negative offset", id);
    /* The host reopens at offsets it recorded after a flush: state-<offset> exists and is the truth. */
    berth_status status = load(store, curl, id, offset, state, err, err_len);
    if (status == BERTH_OK) { *tail_total = offset; return BERTH_OK; }
    if (status != BERTH_NOT_FOUND) return status;
    /* Otherwise the latest state must hold the offset (bytes written and closed but not reopened since). */
    char key[S3_KEY_LEN], *text = NULL;
    size_t len = 0;
    s3_session_key(store, id, "head", -1, key);
    status = s3_get_small(store, curl, "GetObject", key, &text, &len, err, err_len);
    if (status == BERTH_NOT_FOUND) return s3_fail(BERTH_NOT_FOUND, err, err_len, "no upload %s", id);
    if (status != BERTH_OK) return status;
    int64_t latest = strtoll(text, NULL, 10);
    free(text);
    if (latest < offset)
        return s3_fail(BERTH_INVALID, err, err_len, "upload %s holds %lld bytes, fewer than %lld", id, (long long)latest, (long long)offset);
    status = load(store, curl, id, latest, state, err, err_len);
    if (status == BERTH_NOT_FOUND) return s3_fail(BERTH_ERROR, err, err_len, "upload %s: head names state-%lld, which is missing", id, (long long)latest);
    if (status != BERTH_OK) return status;
    /* Keep the parts wholly below offset; the rest must fall in the tail or end exactly on a part boundary. */
    int64_t kept = 0;
    int32_t parts = 0;
    while (parts < state->count && kept + state->parts[parts].size <= offset) kept += state->parts[parts++].size;
    if (parts < state->count && kept != offset) {
        s3_state_free(state);
        return s3_fail(BERTH_ERROR, err, err_len,
                       "upload %s: offset %lld falls inside an uploaded part; only flushed offsets or offsets in the unflushed tail can be reopened",
                       id, (long long)offset);
    }
    state->count = parts;
    state->total = offset;
    state->tail = offset - kept;
    *tail_total = latest;
    return BERTH_OK;
}

berth_status s3_session_save(s3_store *store, CURL *curl, const char *id, const s3_state *state, char *err,
                             size_t err_len) {
    char key[S3_KEY_LEN], head[32];
    size_t len;
    char *text = s3_state_format(state, &len);
    if (!text) return s3_fail(BERTH_ERROR, err, err_len, "out of memory");
    s3_session_key(store, id, "state", state->total, key);
    berth_status status = s3_put_bytes(store, curl, "PutObject", key, text, len, err, err_len);
    free(text);
    if (status != BERTH_OK) return status;
    s3_session_key(store, id, "head", -1, key);
    int n = snprintf(head, sizeof head, "%" PRId64 "\n", state->total);
    return s3_put_bytes(store, curl, "PutObject", key, head, (size_t)n, err, err_len);
}
