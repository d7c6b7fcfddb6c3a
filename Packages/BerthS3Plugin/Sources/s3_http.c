/* s3_http.c: one signed S3 request over libcurl, with retries and exponential backoff on connection errors, 500,
 * 502, 503, 504, 429, SlowDown and RequestTimeout; plus the store's pool of reusable easy handles. */
#include "s3_internal.h"
#include <errno.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define ATTEMPTS 5
#define FIRST_DELAY_MS 100
#define BODY_LIMIT (64 * S3_MIB) /* the most a response body may be when it is not read into `dest` */

berth_status s3_fail(berth_status status, char *err, size_t err_len, const char *format, ...) {
    va_list args;
    va_start(args, format);
    if (err && err_len) vsnprintf(err, err_len, format, args);
    va_end(args);
    return status;
}

CURL *s3_handle_take(s3_store *store) {
    CURL *curl = NULL;
    pthread_mutex_lock(&store->pool_lock);
    if (store->pooled > 0) curl = store->pool[--store->pooled];
    pthread_mutex_unlock(&store->pool_lock);
    return curl ? curl : curl_easy_init();
}

void s3_handle_give(s3_store *store, CURL *curl) {
    if (!curl) return;
    pthread_mutex_lock(&store->pool_lock);
    if (store->pooled < S3_POOL) {
        store->pool[store->pooled++] = curl;
        curl = NULL;
    }
    pthread_mutex_unlock(&store->pool_lock);
    if (curl) curl_easy_cleanup(curl);
}

void s3_response_free(s3_response *response) {
    free(response->body);
    memset(response, 0, sizeof *response);
}

typedef struct {
    const s3_request *request;
    s3_response *response;
    CURL *curl;
    size_t sent;
} transfer;

static size_t on_read(char *buffer, size_t size, size_t count, void *context) {
    transfer *t = context;
    size_t left = t->request->body_len - t->sent, n = size * count < left ? size * count : left;
    if (n) memcpy(buffer, (const char *)t->request->body + t->sent, n);
    t->sent += n;
    return n;
}

static int append(s3_response *r, const char *data, size_t n) {
    if (r->body_len + n + 1 > r->body_cap) {
        size_t cap = r->body_cap ? r->body_cap : 4096;
        while (cap < r->body_len + n + 1) cap *= 2;
        if (cap > BODY_LIMIT) return -1;
        char *grown = realloc(r->body, cap);
        if (!grown) return -1;
        r->body = grown;
        r->body_cap = cap;
    }
    memcpy(r->body + r->body_len, data, n);
    r->body_len += n;
    r->body[r->body_len] = 0;
    return 0;
}

static size_t on_write(char *data, size_t size, size_t count, void *context) {
    transfer *t = context;
    size_t n = size * count;
    long status = 0;
    curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
    if (t->request->dest && status >= 200 && status < 300) {
        if (t->response->dest_len + n > t->request->dest_cap) {
            t->response->overflow = 1;
            return 0;
        }
        memcpy((char *)t->request->dest + t->response->dest_len, data, n);
        t->response->dest_len += n;
        return n;
    }
    if (append(t->response, data, n) != 0) {
        t->response->overflow = 1;
        return 0;
    }
    return n;
}

static size_t on_header(char *data, size_t size, size_t count, void *context) {
    s3_response *r = ((transfer *)context)->response;
    size_t n = size * count;
    char line[512];
    size_t len = n < sizeof line - 1 ? n : sizeof line - 1;
    memcpy(line, data, len);
    line[len] = 0;
    line[strcspn(line, "\r\n")] = 0;
    if (!strncmp(line, "HTTP/", 5)) {
        r->etag[0] = 0;
        r->content_length = -1;
    } else if (!strncasecmp(line, "etag:", 5)) {
        const char *v = line + 5;
        while (*v == ' ') v++;
        size_t n = strlen(v) < sizeof r->etag - 1 ? strlen(v) : sizeof r->etag - 1;
        memcpy(r->etag, v, n);
        r->etag[n] = 0;
    } else if (!strncasecmp(line, "content-length:", 15)) {
        r->content_length = strtoll(line + 15, NULL, 10);
    }
    return n;
}

/* "op s3://bucket/key" for messages. */
static void what(const s3_store *store, const s3_request *request, char *out, size_t len) {
    snprintf(out, len, "%s s3://%s/%s", request->op, store->config.bucket, request->key ? request->key : "");
}

/* Fills err from a non-2xx response (or a 200 carrying <Error>). */
static void describe(const s3_store *store, const s3_request *request, const s3_response *r, char *err, size_t len) {
    char name[S3_KEY_LEN + 128];
    what(store, request, name, sizeof name);
    const char *end = r->body ? r->body + r->body_len : NULL;
    char *code = r->body ? s3_xml_text(r->body, end, "Code") : NULL;
    char *message = r->body ? s3_xml_text(r->body, end, "Message") : NULL;
    s3_fail(BERTH_ERROR, err, len, "%s: HTTP %ld%s%s%s%s (endpoint %s)", name, r->status, code ? " " : "", code ? code : "",
            message ? ": " : "", message ? message : "", store->config.endpoint);
    free(code);
    free(message);
}

static int retryable(const s3_response *r) {
    if (r->status == 500 || r->status == 502 || r->status == 503 || r->status == 504 || r->status == 429) return 1;
    if (!r->body) return 0;
    return strstr(r->body, "<Code>SlowDown</Code>") || strstr(r->body, "<Code>RequestTimeout</Code>") ||
           strstr(r->body, "<Code>InternalError</Code>");
}

static int retryable_transport(CURLcode code) {
    return code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_CONNECT || code == CURLE_OPERATION_TIMEDOUT ||
           code == CURLE_SEND_ERROR || code == CURLE_RECV_ERROR || code == CURLE_GOT_NOTHING || code == CURLE_PARTIAL_FILE ||
           code == CURLE_SSL_CONNECT_ERROR || code == CURLE_HTTP2 || code == CURLE_HTTP2_STREAM;
}

static void backoff(int attempt, unsigned *seed) {
    long ms = FIRST_DELAY_MS << attempt;
    ms = ms / 2 + rand_r(seed) % (ms / 2 + 1); /* jitter: half to all of the doubled delay */
    struct timespec pause = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&pause, &pause) != 0 && errno == EINTR) {}
}

/* One attempt; returns the curl result. */
static CURLcode attempt(s3_store *store, CURL *curl, const s3_request *request, s3_response *response, const char *path,
                        const char *payload_hash) {
    const s3_config *config = &store->config;
    transfer t = {request, response, curl, 0};
    s3_header signed_headers[4];
    int n = 0;
    if (request->content_md5) signed_headers[n++] = (s3_header){"content-md5", request->content_md5};
    if (request->copy_source) signed_headers[n++] = (s3_header){"x-amz-copy-source", request->copy_source};
    if (request->copy_range) signed_headers[n++] = (s3_header){"x-amz-copy-source-range", request->copy_range};
    struct curl_slist *headers = NULL;
    s3_sign(config, request->method, path, request->query, signed_headers, n, payload_hash, time(NULL), &headers);
    char line[256];
    if (request->range) {
        snprintf(line, sizeof line, "Range: %s", request->range);
        headers = curl_slist_append(headers, line);
    }
    snprintf(line, sizeof line, "Content-Type: %s", request->content_type ? request->content_type : "");
    headers = curl_slist_append(headers, request->content_type ? line : "Content-Type:");
    headers = curl_slist_append(headers, "Expect:");
    headers = curl_slist_append(headers, "Accept:");

    size_t url_len = strlen(config->scheme) + strlen(config->host) + strlen(path) + strlen(request->query ? request->query : "") + 8;
    char *url = malloc(url_len);
    snprintf(url, url_len, "%s://%s%s%s%s", config->scheme, config->host, path, request->query && *request->query ? "?" : "",
             request->query ? request->query : "");

    curl_easy_reset(curl);
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
    if (!strcmp(request->method, "HEAD")) {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else if (!strcmp(request->method, "PUT")) {
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, on_read);
        curl_easy_setopt(curl, CURLOPT_READDATA, &t);
        curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)request->body_len);
    } else if (!strcmp(request->method, "POST")) {
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request->body ? request->body : "");
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)request->body_len);
    } else if (strcmp(request->method, "GET")) {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request->method);
    }
    CURLcode code = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response->status);
    curl_slist_free_all(headers);
    free(url);
    return code;
}

berth_status s3_perform(s3_store *store, CURL *curl, const s3_request *request, s3_response *response, char *err,
                        size_t err_len) {
    char payload_hash[65], name[S3_KEY_LEN + 128];
    s3_sha256_hex(request->body, request->body_len, payload_hash);
    char *path = s3_path(&store->config, request->key);
    unsigned seed = (unsigned)time(NULL) ^ (unsigned)(uintptr_t)response ^ (unsigned)(uintptr_t)pthread_self();
    berth_status status = BERTH_ERROR;
    memset(response, 0, sizeof *response);
    for (int i = 0; i < ATTEMPTS; i++) {
        if (i) backoff(i - 1, &seed);
        s3_response_free(response);
        response->content_length = -1;
        CURLcode code = attempt(store, curl, request, response, path, payload_hash);
        if (code != CURLE_OK && !response->overflow) {
            what(store, request, name, sizeof name);
            s3_fail(BERTH_ERROR, err, err_len, "%s: %s (endpoint %s, %d attempts)", name, curl_easy_strerror(code),
                    store->config.endpoint, i + 1);
            if (!retryable_transport(code)) break;
            continue;
        }
        if (response->overflow) {
            what(store, request, name, sizeof name);
            status = s3_fail(BERTH_ERROR, err, err_len, "%s: HTTP %ld: the answer is larger than expected", name, response->status);
            break;
        }
        int failed = response->status < 200 || response->status >= 300 ||
                     (request->error_in_200 && response->body && strstr(response->body, "<Error>"));
        if (!failed) { status = BERTH_OK; break; }
        describe(store, request, response, err, err_len);
        if (response->status == 404) { status = BERTH_NOT_FOUND; break; }
        if (!retryable(response)) break;
    }
    free(path);
    return status;
}

berth_status s3_put_bytes(s3_store *store, CURL *curl, const char *op, const char *key, const void *bytes, size_t len,
                          char *err, size_t err_len) {
    s3_request request = {.op = op, .method = "PUT", .key = key, .body = bytes, .body_len = len,
                          .content_type = "application/octet-stream"};
    s3_response response;
    berth_status status = s3_perform(store, curl, &request, &response, err, err_len);
    s3_response_free(&response);
    return status == BERTH_NOT_FOUND ? BERTH_ERROR : status;
}

berth_status s3_head(s3_store *store, CURL *curl, const char *op, const char *key, int64_t *size, char *err,
                     size_t err_len) {
    s3_request request = {.op = op, .method = "HEAD", .key = key};
    s3_response response;
    berth_status status = s3_perform(store, curl, &request, &response, err, err_len);
    if (status == BERTH_OK && size) *size = response.content_length;
    s3_response_free(&response);
    return status;
}

berth_status s3_get_small(s3_store *store, CURL *curl, const char *op, const char *key, char **text, size_t *len,
                          char *err, size_t err_len) {
    s3_request request = {.op = op, .method = "GET", .key = key};
    s3_response response;
    berth_status status = s3_perform(store, curl, &request, &response, err, err_len);
    if (status == BERTH_OK) {
        *text = response.body ? response.body : calloc(1, 1);
        *len = response.body_len;
        response.body = NULL;
    }
    s3_response_free(&response);
    return status;
}

/* The x-amz-copy-source value for `key`: "/bucket/encoded-key". */
static char *copy_source(const s3_store *store, const char *key) {
    char *bucket = s3_uri_encode(store->config.bucket, 0), *encoded = s3_uri_encode(key, 1);
    char *out = malloc(strlen(bucket) + strlen(encoded) + 3);
    sprintf(out, "/%s/%s", bucket, encoded);
    free(bucket);
    free(encoded);
    return out;
}

berth_status s3_mp_part_copy(s3_store *store, CURL *curl, const char *key, const char *upload_id, int32_t number,
                             const char *src, int64_t first, int64_t last, char *etag, size_t etag_len, char *err,
                             size_t err_len) {
    char number_text[16], range[64];
    snprintf(number_text, sizeof number_text, "%d", number);
    snprintf(range, sizeof range, "bytes=%lld-%lld", (long long)first, (long long)last);
    const char *pairs[] = {"partNumber", number_text, "uploadId", upload_id, NULL};
    char *query = s3_query(pairs), *source = copy_source(store, src);
    s3_request request = {.op = "UploadPartCopy", .method = "PUT", .key = key, .query = query, .copy_source = source,
                          .copy_range = range, .error_in_200 = 1};
    s3_response response;
    berth_status status = s3_perform(store, curl, &request, &response, err, err_len);
    if (status == BERTH_OK) {
        char *tag = response.body ? s3_xml_text(response.body, response.body + response.body_len, "ETag") : NULL;
        if (!tag) status = s3_fail(BERTH_ERROR, err, err_len, "UploadPartCopy s3://%s/%s: no ETag in the answer", store->config.bucket, key);
        else snprintf(etag, etag_len, "%s", tag);
        free(tag);
    }
    s3_response_free(&response);
    free(query);
    free(source);
    return status == BERTH_NOT_FOUND ? BERTH_ERROR : status;
}

berth_status s3_copy(s3_store *store, CURL *curl, const char *src, const char *dst, int64_t size, char *err,
                     size_t err_len) {
    if (size <= S3_MAX_COPY) {
        char *source = copy_source(store, src);
        s3_request request = {.op = "CopyObject", .method = "PUT", .key = dst, .copy_source = source, .error_in_200 = 1,
                              .content_type = "application/octet-stream"};
        s3_response response;
        berth_status status = s3_perform(store, curl, &request, &response, err, err_len);
        s3_response_free(&response);
        free(source);
        return status == BERTH_NOT_FOUND ? BERTH_ERROR : status;
    }
    /* Above 5 GiB: a multipart upload at dst whose parts are ranges of src (each at most 5 GiB, at most 10000). */
    int64_t piece = S3_COPY_PIECE;
    while ((size + piece - 1) / piece > S3_MAX_PARTS) piece *= 2;
    int32_t count = (int32_t)((size + piece - 1) / piece);
    char upload_id[512];
    berth_status status = s3_mp_create(store, curl, dst, upload_id, sizeof upload_id, err, err_len);
    if (status != BERTH_OK) return status;
    s3_part *parts = calloc((size_t)count, sizeof *parts);
    for (int32_t i = 0; i < count && status == BERTH_OK; i++) {
        int64_t first = (int64_t)i * piece, last = first + piece < size ? first + piece - 1 : size - 1;
        parts[i].number = i + 1;
        parts[i].size = last - first + 1;
        status = s3_mp_part_copy(store, curl, dst, upload_id, i + 1, src, first, last, parts[i].etag, sizeof parts[i].etag, err, err_len);
    }
    if (status == BERTH_OK) status = s3_mp_complete(store, curl, dst, upload_id, parts, count, err, err_len);
    if (status != BERTH_OK) {
        char ignored[256];
        s3_mp_abort(store, curl, dst, upload_id, ignored, sizeof ignored);
    }
    free(parts);
    return status;
}

/* Deletes up to 1000 keys with one DeleteObjects call. */
static berth_status delete_batch(s3_store *store, CURL *curl, char **keys, int count, char *err, size_t err_len) {
    size_t len = 128;
    for (int i = 0; i < count; i++) len += strlen(keys[i]) * 6 + 40;
    char *xml = malloc(len);
    size_t used = (size_t)snprintf(xml, len, "<Delete><Quiet>true</Quiet>");
    for (int i = 0; i < count; i++) {
        used += (size_t)snprintf(xml + used, len - used, "<Object><Key>");
        for (const char *p = keys[i]; *p; p++) {
            const char *entity = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : *p == '"' ? "&quot;" : *p == '\'' ? "&apos;" : NULL;
            if (entity) used += (size_t)snprintf(xml + used, len - used, "%s", entity);
            else xml[used++] = *p;
        }
        used += (size_t)snprintf(xml + used, len - used, "</Key></Object>");
    }
    used += (size_t)snprintf(xml + used, len - used, "</Delete>");
    unsigned char md5[EVP_MAX_MD_SIZE];
    unsigned int md5_len = 0;
    EVP_Digest(xml, used, md5, &md5_len, EVP_md5(), NULL);
    char md5_text[32];
    EVP_EncodeBlock((unsigned char *)md5_text, md5, (int)md5_len);
    const char *pairs[] = {"delete", "", NULL};
    char *query = s3_query(pairs);
    s3_request request = {.op = "DeleteObjects", .method = "POST", .key = NULL, .query = query, .body = xml, .body_len = used,
                          .content_type = "application/xml", .content_md5 = md5_text, .error_in_200 = 0};
    s3_response response;
    berth_status status = s3_perform(store, curl, &request, &response, err, err_len);
    if (status == BERTH_OK && response.body && strstr(response.body, "<Error>")) {
        char *code = s3_xml_text(response.body, response.body + response.body_len, "Code");
        char *key = s3_xml_text(response.body, response.body + response.body_len, "Key");
        status = s3_fail(BERTH_ERROR, err, err_len, "DeleteObjects s3://%s/%s: %s", store->config.bucket, key ? key : "?", code ? code : "error");
        free(code);
        free(key);
    }
    s3_response_free(&response);
    free(query);
    free(xml);
    return status == BERTH_NOT_FOUND ? BERTH_ERROR : status;
}

berth_status s3_list(s3_store *store, CURL *curl, const char *prefix, const char *start_after, int max_keys, s3_list_page page,
                     void *context, char *err, size_t err_len) {
    char *token = NULL, max_text[16];
    snprintf(max_text, sizeof max_text, "%d", max_keys);
    berth_status status = BERTH_OK;
    int stop = 0;
    do {
        const char *pairs[] = {"list-type", "2", "prefix", prefix, "max-keys", max_text,
                               start_after ? "start-after" : NULL, start_after,
                               token ? "continuation-token" : NULL, token, NULL};
        /* s3_query stops at the first NULL name: drop an absent start-after so a token still follows. */
        if (!start_after) { pairs[6] = pairs[8]; pairs[7] = pairs[9]; pairs[8] = NULL; }
        char *query = s3_query(pairs);
        s3_request request = {.op = "ListObjectsV2", .method = "GET", .query = query};
        s3_response response;
        status = s3_perform(store, curl, &request, &response, err, err_len);
        free(query);
        free(token);
        token = NULL;
        if (status == BERTH_OK) {
            const char *body = response.body ? response.body : "", *end = body + response.body_len;
            stop = page(context, body, end, &status, err, err_len);
            char *truncated = s3_xml_text(body, end, "IsTruncated");
            if (status == BERTH_OK && !stop && truncated && !strcmp(truncated, "true")) token = s3_xml_text(body, end, "NextContinuationToken");
            free(truncated);
        }
        s3_response_free(&response);
    } while (status == BERTH_OK && token);
    free(token);
    return status;
}

typedef struct {
    s3_store *store;
    CURL *curl;
} delete_page_context;

/* Deletes the keys of one listing page. */
static int delete_page(void *context, const char *body, const char *end, berth_status *status, char *err, size_t err_len) {
    delete_page_context *c = context;
    const char *p = body, *value;
    size_t len;
    char *keys[1000];
    int count = 0;
    while (count < 1000 && (p = s3_xml_find(p, end, "Key", &value, &len))) keys[count++] = s3_xml_unescape(value, len);
    if (count) *status = delete_batch(c->store, c->curl, keys, count, err, err_len);
    for (int i = 0; i < count; i++) free(keys[i]);
    return 0;
}

berth_status s3_delete_prefix(s3_store *store, CURL *curl, const char *prefix, char *err, size_t err_len) {
    delete_page_context context = {store, curl};
    return s3_list(store, curl, prefix, NULL, 1000, delete_page, &context, err, err_len);
}
