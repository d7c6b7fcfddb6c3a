/* s3_internal.h: the types and functions the S3 plugin's files share (nothing here is exported). */
#ifndef S3_INTERNAL_H
#define S3_INTERNAL_H

#include "berth_plugin.h"
#include <curl/curl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define S3_MIB ((size_t)1024 * 1024)
#define S3_MIN_PART (5 * S3_MIB)
#define S3_DEFAULT_PART (8 * S3_MIB)
#define S3_MAX_PARTS 10000
#ifndef S3_MAX_COPY /* overridable (-D) only to test the multipart copy path on small blobs */
#define S3_MAX_COPY ((int64_t)5 * 1024 * 1024 * 1024) /* the largest object a single CopyObject may copy */
#endif
#ifndef S3_COPY_PIECE
#define S3_COPY_PIECE ((int64_t)1 << 30) /* the range each UploadPartCopy of a multipart copy starts with */
#endif
#define S3_POOL 16                                    /* idle easy handles a store keeps for reuse */
#define S3_KEY_LEN 1400                                /* prefix (< 1024) + "uploads/" + id (<= 128) + "/state-" + digits */

/* ---- s3_config.c: the JSON configuration ---- */
typedef struct s3_config {
    char *endpoint;      /* "scheme://authority" without a trailing '/', for messages */
    char *scheme;        /* "http" or "https" */
    char *host;          /* the Host header: "<bucket>.<authority>" (virtual host) or "<authority>" (path style) */
    char *bucket, *region, *prefix;
    char *access_key, *secret_key, *session_token; /* session_token is "" when none */
    int path_style, presign;
    size_t part_size;
} s3_config;

berth_status s3_config_parse(const char *json, s3_config *config, char *err, size_t err_len);
void s3_config_free(s3_config *config);

/* ---- s3_sign.c: SigV4 ---- */
typedef struct s3_header {
    const char *name; /* lower case */
    const char *value;
} s3_header;

void s3_sha256_hex(const void *data, size_t len, char out[65]);
/* Percent-encodes `in` as SigV4 wants (unreserved kept; '/' kept when keep_slash). Returns a malloc'd string. */
char *s3_uri_encode(const char *in, int keep_slash);
/* The canonical query string for NULL-terminated name/value pairs (values may be ""); malloc'd. */
char *s3_query(const char *const *pairs);
/* The encoded request path of `key` (NULL: the bucket), as signed and as sent; malloc'd. */
char *s3_path(const s3_config *config, const char *key);
/* Signs a request: appends every signed header and Authorization to *list. `headers` holds the x-amz-* (and
 * content-md5) headers to sign besides host, x-amz-date, x-amz-content-sha256 and x-amz-security-token. */
int s3_sign(const s3_config *config, const char *method, const char *path, const char *query, const s3_header *headers,
            int header_count, const char *payload_hash, time_t now, struct curl_slist **list);
/* A presigned GET URL for `key`, into url (url_len bytes). Returns 0, or -1 when it does not fit. */
int s3_presign(const s3_config *config, const char *key, int64_t expires, time_t now, char *url, size_t url_len);

/* ---- s3_xml.c: just enough XML ---- */
/* Finds the next <tag>value</tag> in [from, end); sets the value span and returns the end of the element or NULL. */
const char *s3_xml_find(const char *from, const char *end, const char *tag, const char **value, size_t *value_len);
/* The unescaped text of the first <tag> in [from, end) as a malloc'd string, or NULL. */
char *s3_xml_text(const char *from, const char *end, const char *tag);
/* Unescapes XML entities of [value, value+len) into a malloc'd string. */
char *s3_xml_unescape(const char *value, size_t len);

/* ---- s3_http.c: requests with retries, and the handle pool ---- */
typedef struct s3_store {
    s3_config config;
    pthread_mutex_t pool_lock;
    CURL *pool[S3_POOL];
    int pooled;
} s3_store;

typedef struct s3_request {
    const char *op;     /* the S3 operation, for messages: "UploadPart" */
    const char *method; /* GET HEAD PUT POST DELETE */
    const char *key;    /* the object key (prefix included), or NULL for the bucket */
    const char *query;  /* a canonical query string from s3_query, or NULL */
    const void *body;
    size_t body_len;
    const char *content_type;                  /* or NULL */
    const char *content_md5;                   /* base64, or NULL */
    const char *range;                         /* "bytes=a-b" or NULL */
    const char *copy_source;                   /* the x-amz-copy-source value, or NULL */
    const char *copy_range;                    /* x-amz-copy-source-range, or NULL */
    void *dest;                                /* a 2xx body goes here (up to dest_cap) instead of into `body` */
    size_t dest_cap;
    int error_in_200; /* copy and complete calls may answer 200 with an <Error> body */
} s3_request;

typedef struct s3_response {
    long status;
    char *body; /* NUL-terminated; the error body too when dest is set */
    size_t body_len, body_cap;
    size_t dest_len;
    int overflow;
    char etag[160];
    int64_t content_length;
} s3_response;

CURL *s3_handle_take(s3_store *store);
void s3_handle_give(s3_store *store, CURL *curl);
/* Runs a request with retries. BERTH_OK on 2xx, BERTH_NOT_FOUND on 404, else BERTH_ERROR; the message names the
 * operation, bucket/key, HTTP status and S3 code. The caller frees response->body (s3_response_free). */
berth_status s3_perform(s3_store *store, CURL *curl, const s3_request *request, s3_response *response, char *err,
                        size_t err_len);
void s3_response_free(s3_response *response);
berth_status s3_fail(berth_status status, char *err, size_t err_len, const char *format, ...)
    __attribute__((format(printf, 4, 5)));
/* Small conveniences over s3_perform. */
berth_status s3_put_bytes(s3_store *store, CURL *curl, const char *op, const char *key, const void *bytes, size_t len,
                          char *err, size_t err_len);
berth_status s3_head(s3_store *store, CURL *curl, const char *op, const char *key, int64_t *size, char *err,
                     size_t err_len);
/* GETs a whole small object into a malloc'd NUL-terminated buffer (*len bytes). */
berth_status s3_get_small(s3_store *store, CURL *curl, const char *op, const char *key, char **text, size_t *len,
                          char *err, size_t err_len);
/* Copies src to dst server-side (CopyObject, or a multipart copy above 5 GiB). */
berth_status s3_copy(s3_store *store, CURL *curl, const char *src, const char *dst, int64_t size, char *err,
                     size_t err_len);
/* Deletes every object under `prefix` (ListObjectsV2 + DeleteObjects). */
/* One page of a ListObjectsV2 listing (the XML body); may set *status to fail; returns non-zero to stop. */
typedef int (*s3_list_page)(void *context, const char *body, const char *end, berth_status *status, char *err, size_t err_len);
/* Walks ListObjectsV2 under `prefix`, strictly after the key `start_after` (NULL: from the start), `max_keys` per
 * page, until `page` stops, the listing ends or a request fails (BERTH_NOT_FOUND: no such bucket). */
berth_status s3_list(s3_store *store, CURL *curl, const char *prefix, const char *start_after, int max_keys, s3_list_page page,
                     void *context, char *err, size_t err_len);
berth_status s3_delete_prefix(s3_store *store, CURL *curl, const char *prefix, char *err, size_t err_len);

/* ---- s3_multipart.c: the multipart calls ---- */
typedef struct s3_part {
    int32_t number;
    int64_t size;
    char etag[160];
} s3_part;

berth_status s3_mp_create(s3_store *store, CURL *curl, const char *key, char *upload_id, size_t id_len, char *err,
                          size_t err_len);
berth_status s3_mp_part(s3_store *store, CURL *curl, const char *key, const char *upload_id, int32_t number,
                        const void *bytes, size_t len, char *etag, size_t etag_len, char *err, size_t err_len);
/* UploadPartCopy of src bytes [first, last]. */
berth_status s3_mp_part_copy(s3_store *store, CURL *curl, const char *key, const char *upload_id, int32_t number,
                             const char *src, int64_t first, int64_t last, char *etag, size_t etag_len, char *err,
                             size_t err_len);
berth_status s3_mp_complete(s3_store *store, CURL *curl, const char *key, const char *upload_id, const s3_part *parts,
                            int32_t count, char *err, size_t err_len);
berth_status s3_mp_abort(s3_store *store, CURL *curl, const char *key, const char *upload_id, char *err,
                         size_t err_len);
/* Aborts every multipart upload whose key starts with `prefix`. */
berth_status s3_mp_abort_all(s3_store *store, CURL *curl, const char *prefix, char *err, size_t err_len);

/* ---- s3_state.c: upload session state ---- */
typedef struct s3_state {
    int64_t total;        /* the bytes this state describes: the parts, then `tail` bytes in tail-<total> */
    int64_t tail;
    char upload_id[512];  /* the multipart upload of uploads/<id>/data, "" before the first part */
    s3_part *parts;
    int32_t count, cap;
} s3_state;

void s3_state_free(s3_state *state);
int s3_state_add(s3_state *state, int32_t number, int64_t size, const char *etag);
char *s3_state_format(const s3_state *state, size_t *len);
int s3_state_parse(const char *text, s3_state *state);
void s3_session_key(const s3_store *store, const char *id, const char *name, int64_t total, char key[S3_KEY_LEN]);
/* The state holding the session's first `offset` bytes, cut to exactly that: state->total = offset, its parts end
 * at offset - tail, and the first state->tail bytes of tail-<*tail_total> follow them. */
berth_status s3_session_resolve(s3_store *store, CURL *curl, const char *id, int64_t offset, s3_state *state,
                                int64_t *tail_total, char *err, size_t err_len);
/* Writes state-<total> and head (the latest total). */
berth_status s3_session_save(s3_store *store, CURL *curl, const char *id, const s3_state *state, char *err,
                             size_t err_len);

/* ---- s3_upload.c / s3_store.c: the table's functions ---- */
berth_status s3_create_upload(void *store, const char *id, char *err, size_t err_len);
berth_status s3_open_upload(void *store, const char *id, int64_t offset, void **writer, char *err, size_t err_len);
berth_status s3_write(void *writer, const void *bytes, size_t count, char *err, size_t err_len);
berth_status s3_flush(void *writer, char *err, size_t err_len);
void s3_close_writer(void *writer);
berth_status s3_commit_upload(void *store, const char *id, int64_t size, const char *digest, char *err, size_t err_len);
berth_status s3_cancel_upload(void *store, const char *id, char *err, size_t err_len);
int s3_valid_name(const char *name);
void s3_blob_key(const s3_store *store, const char *digest, char key[S3_KEY_LEN]);

#endif
