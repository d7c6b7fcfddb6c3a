/* s3_store.c: the "s3" plugin's entry point and table — opening a store, stat, ranged reads, delete, listing and
 * presigned download URLs. Upload sessions are in s3_upload.c. */
#include "s3_internal.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW_MIN S3_MIB      /* a reader fetches at least this much per GET (less only at the end) */
#define WINDOW_MAX (8 * S3_MIB) /* and keeps at most this much */

typedef struct {
    s3_store *store;
    CURL *curl;
    char key[S3_KEY_LEN];
    int64_t pos, end;        /* the next byte to hand out, and the end of the range */
    char *window;            /* bytes [window_start, window_start + window_len) of the blob */
    size_t window_cap, window_len, window_used;
} reader_t;

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_ready = CURLE_FAILED_INIT;
static void init_curl(void) { curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT); }

void s3_blob_key(const s3_store *store, const char *digest, char key[S3_KEY_LEN]) {
    snprintf(key, S3_KEY_LEN, "%sblobs/%s", store->config.prefix, digest);
}

static void close_store(void *handle) {
    s3_store *store = handle;
    for (int i = 0; i < store->pooled; i++) curl_easy_cleanup(store->pool[i]);
    pthread_mutex_destroy(&store->pool_lock);
    s3_config_free(&store->config);
    free(store);
}

static berth_status open_store(const char *config_json, void **out, char *err, size_t err_len) {
    pthread_once(&curl_once, init_curl);
    if (curl_ready != CURLE_OK) return s3_fail(BERTH_ERROR, err, err_len, "curl_global_init failed");
    s3_store *store = calloc(1, sizeof *store);
    if (!store) return s3_fail(BERTH_ERROR, err, err_len, "out of memory");
    berth_status status = s3_config_parse(config_json, &store->config, err, err_len);
    if (status != BERTH_OK) {
        free(store);
        return status;
    }
    pthread_mutex_init(&store->pool_lock, NULL);
    /* HEAD bucket: fail now, with the endpoint and status, rather than at the first push. */
    CURL *curl = s3_handle_take(store);
    s3_request request = {.op = "HeadBucket", .method = "HEAD", .key = NULL};
    s3_response response;
    char detail[512];
    status = s3_perform(store, curl, &request, &response, detail, sizeof detail);
    long http = response.status;
    s3_response_free(&response);
    s3_handle_give(store, curl);
    if (status != BERTH_OK) {
        const char *hint = http == 404 ? ": no such bucket" : http == 403 ? ": access denied (check the credentials and region)"
                         : http == 301 || http == 400 ? ": wrong region or addressing style (set region, or pathStyle)" : "";
        s3_fail(BERTH_ERROR, err, err_len, "bucket %s is not reachable at %s%s: %s", store->config.bucket, store->config.endpoint, hint, detail);
        close_store(store);
        return BERTH_ERROR;
    }
    *out = store;
    return BERTH_OK;
}

static berth_status stat_blob(void *handle, const char *digest, int64_t *size, char *err, size_t err_len) {
    s3_store *store = handle;
    if (!s3_valid_name(digest)) return s3_fail(BERTH_NOT_FOUND, err, err_len, "no blob %.140s", digest);
    char key[S3_KEY_LEN];
    s3_blob_key(store, digest, key);
    CURL *curl = s3_handle_take(store);
    berth_status status = s3_head(store, curl, "HeadObject", key, size, err, err_len);
    s3_handle_give(store, curl);
    if (status == BERTH_NOT_FOUND) s3_fail(BERTH_NOT_FOUND, err, err_len, "no blob %s", digest);
    if (status == BERTH_OK && *size < 0) return s3_fail(BERTH_ERROR, err, err_len, "HeadObject s3://%s/%s: no Content-Length", store->config.bucket, key);
    return status;
}

static void close_reader(void *handle) {
    reader_t *r = handle;
    s3_handle_give(r->store, r->curl);
    free(r->window);
    free(r);
}

static berth_status open_reader(void *handle, const char *digest, int64_t start, int64_t end, void **out, int64_t *length,
                                char *err, size_t err_len) {
    s3_store *store = handle;
    int64_t size = 0;
    berth_status status = stat_blob(store, digest, &size, err, err_len);
    if (status != BERTH_OK) return status;
    if (end < 0) {
        start = 0;
        end = size;
    }
    if (start < 0 || start >= end || end > size) {
        if (!(start == 0 && end == 0 && size == 0))
            return s3_fail(BERTH_INVALID, err, err_len, "range %lld..<%lld is outside blob %s of %lld bytes", (long long)start,
                           (long long)end, digest, (long long)size);
    }
    reader_t *r = calloc(1, sizeof *r);
    if (!r) return s3_fail(BERTH_ERROR, err, err_len, "out of memory");
    r->store = store;
    r->curl = s3_handle_take(store);
    s3_blob_key(store, digest, r->key);
    r->pos = start;
    r->end = end;
    *out = r;
    *length = end - start;
    return BERTH_OK;
}

/* GETs blob bytes [pos, pos + len) into `into`. */
static berth_status get_bytes(reader_t *r, void *into, size_t len, char *err, size_t err_len) {
    char range[64];
    snprintf(range, sizeof range, "bytes=%" PRId64 "-%" PRId64, r->pos, r->pos + (int64_t)len - 1);
    s3_request request = {.op = "GetObject", .method = "GET", .key = r->key, .range = range, .dest = into, .dest_cap = len};
    s3_response response;
    berth_status status = s3_perform(r->store, r->curl, &request, &response, err, err_len);
    if (status == BERTH_OK && response.dest_len != len)
        status = s3_fail(BERTH_ERROR, err, err_len, "GetObject s3://%s/%s %s: %zu bytes instead of %zu", r->store->config.bucket,
                         r->key, range, response.dest_len, len);
    s3_response_free(&response);
    if (status == BERTH_NOT_FOUND) status = s3_fail(BERTH_ERROR, err, err_len, "blob s3://%s/%s vanished while being read", r->store->config.bucket, r->key);
    return status;
}

static berth_status read_blob(void *handle, void *buffer, size_t capacity, size_t *count, char *err, size_t err_len) {
    reader_t *r = handle;
    *count = 0;
    if (r->window_used < r->window_len) { /* serve what the last window GET fetched */
        size_t n = r->window_len - r->window_used;
        if (n > capacity) n = capacity;
        memcpy(buffer, r->window + r->window_used, n);
        r->window_used += n;
        *count = n;
        return BERTH_OK;
    }
    int64_t left = r->end - r->pos;
    if (left <= 0 || capacity == 0) return BERTH_OK;
    if (capacity >= WINDOW_MIN || (int64_t)capacity >= left) { /* large reads go straight into the caller's buffer */
        size_t n = (int64_t)capacity < left ? capacity : (size_t)left;
        if (n > WINDOW_MAX) n = WINDOW_MAX;
        berth_status status = get_bytes(r, buffer, n, err, err_len);
        if (status != BERTH_OK) return status;
        r->pos += (int64_t)n;
        *count = n;
        return BERTH_OK;
    }
    size_t want = left < (int64_t)WINDOW_MIN ? (size_t)left : WINDOW_MIN;
    if (!r->window) {
        r->window = malloc(want);
        if (!r->window) return s3_fail(BERTH_ERROR, err, err_len, "out of memory");
        r->window_cap = want;
    }
    if (want > r->window_cap) want = r->window_cap;
    berth_status status = get_bytes(r, r->window, want, err, err_len);
    if (status != BERTH_OK) return status;
    r->pos += (int64_t)want;
    r->window_len = want;
    r->window_used = capacity;
    memcpy(buffer, r->window, capacity);
    *count = capacity;
    return BERTH_OK;
}

static berth_status delete_blob(void *handle, const char *digest, char *err, size_t err_len) {
    s3_store *store = handle;
    if (!s3_valid_name(digest)) return BERTH_OK;
    char key[S3_KEY_LEN];
    s3_blob_key(store, digest, key);
    CURL *curl = s3_handle_take(store);
    s3_request request = {.op = "DeleteObject", .method = "DELETE", .key = key};
    s3_response response;
    berth_status status = s3_perform(store, curl, &request, &response, err, err_len);
    s3_response_free(&response);
    s3_handle_give(store, curl);
    return status == BERTH_NOT_FOUND ? BERTH_OK : status;
}

typedef struct {
    const char *prefix;
    size_t prefix_len;
    int32_t limit, visited;
    berth_blob_visitor visit;
    void *context;
} list_blobs_context;

/* Visits the blobs of one listing page; stops at the limit or when the visitor asks. */
static int list_blobs_page(void *context, const char *body, const char *end, berth_status *status, char *err, size_t err_len) {
    (void)status, (void)err, (void)err_len;
    list_blobs_context *c = context;
    const char *p = body, *value;
    size_t len;
    int stop = 0;
    while (!stop && c->visited < c->limit && (p = s3_xml_find(p, end, "Contents", &value, &len))) {
        char *key = s3_xml_text(value, value + len, "Key"), *size = s3_xml_text(value, value + len, "Size");
        if (key && size && !strncmp(key, c->prefix, c->prefix_len) && s3_valid_name(key + c->prefix_len)) {
            stop = c->visit(c->context, key + c->prefix_len, strtoll(size, NULL, 10));
            c->visited++;
        }
        free(key);
        free(size);
    }
    return stop || c->visited >= c->limit;
}

static berth_status list_blobs(void *handle, const char *after, int32_t limit, berth_blob_visitor visit, void *context,
                               char *err, size_t err_len) {
    s3_store *store = handle;
    if (limit <= 0) return BERTH_OK;
    char prefix[S3_KEY_LEN], start_after[S3_KEY_LEN + 256];
    snprintf(prefix, sizeof prefix, "%sblobs/", store->config.prefix);
    if (after) snprintf(start_after, sizeof start_after, "%s%s", prefix, after);
    list_blobs_context page = {prefix, strlen(prefix), limit, 0, visit, context};
    CURL *curl = s3_handle_take(store);
    berth_status status = s3_list(store, curl, prefix, after ? start_after : NULL, limit < 1000 ? limit : 1000, list_blobs_page, &page, err,
                                  err_len);
    s3_handle_give(store, curl);
    return status == BERTH_NOT_FOUND ? BERTH_ERROR : status; /* NoSuchBucket */
}

static berth_status download_url(void *handle, const char *digest, int64_t expires, char *url, size_t url_len, char *err,
                                 size_t err_len) {
    s3_store *store = handle;
    if (!store->config.presign) return s3_fail(BERTH_INVALID, err, err_len, "presigned URLs are off (set \"presign\": true)");
    if (!s3_valid_name(digest)) return s3_fail(BERTH_NOT_FOUND, err, err_len, "no blob %.140s", digest);
    if (expires < 1) expires = 1;
    if (expires > 604800) expires = 604800; /* SigV4's limit: 7 days */
    char key[S3_KEY_LEN];
    s3_blob_key(store, digest, key);
    if (s3_presign(&store->config, key, expires, time(NULL), url, url_len) != 0)
        return s3_fail(BERTH_ERROR, err, err_len, "the presigned URL does not fit in %zu bytes", url_len);
    return BERTH_OK;
}

static const berth_blob_store_v1 table = {
    .abi_version = BERTH_PLUGIN_ABI_VERSION,
    .struct_size = sizeof(berth_blob_store_v1),
    .open = open_store,
    .close = close_store,
    .stat = stat_blob,
    .open_reader = open_reader,
    .read = read_blob,
    .close_reader = close_reader,
    .create_upload = s3_create_upload,
    .open_upload = s3_open_upload,
    .write = s3_write,
    .flush = s3_flush,
    .close_writer = s3_close_writer,
    .commit_upload = s3_commit_upload,
    .cancel_upload = s3_cancel_upload,
    .delete_blob = delete_blob,
    .list_blobs = list_blobs,
    .download_url = download_url,
};
static const berth_plugin_v1 plugin = {BERTH_PLUGIN_ABI_VERSION, sizeof(berth_plugin_v1), "s3", &table, NULL};

__attribute__((visibility("default"))) const berth_plugin_v1 *berth_plugin_entry_v1(void) { return &plugin; }
