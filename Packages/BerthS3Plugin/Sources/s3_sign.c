/* s3_sign.c: AWS Signature Version 4 for S3 — request signing (headers) and query-string presigning — with
 * OpenSSL's SHA-256 and HMAC. */
#include "s3_internal.h"
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void hex(const unsigned char *bytes, size_t len, char *out) {
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 15];
    }
    out[2 * len] = 0;
}

void s3_sha256_hex(const void *data, size_t len, char out[65]) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(data ? data : (const void *)"", len, digest);
    hex(digest, sizeof digest, out);
}

static void hmac(const void *key, size_t key_len, const char *data, unsigned char out[32]) {
    unsigned int out_len = 32;
    HMAC(EVP_sha256(), key, (int)key_len, (const unsigned char *)data, strlen(data), out, &out_len);
}

char *s3_uri_encode(const char *in, int keep_slash) {
    static const char digits[] = "0123456789ABCDEF";
    char *out = malloc(strlen(in) * 3 + 1), *o = out;
    if (!out) return NULL;
    for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
            *p == '.' || *p == '~' || (keep_slash && *p == '/')) {
            *o++ = (char)*p;
        } else {
            *o++ = '%';
            *o++ = digits[*p >> 4];
            *o++ = digits[*p & 15];
        }
    }
    *o = 0;
    return out;
}

/* Orders "name=value" items by name, then value (encoded names hold no '='). */
static int by_pair(const void *a, const void *b) {
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    size_t xn = strcspn(x, "="), yn = strcspn(y, "=");
    int order = strncmp(x, y, xn < yn ? xn : yn);
    if (order) return order;
    if (xn != yn) return xn < yn ? -1 : 1;
    return strcmp(x + xn, y + yn);
}

char *s3_query(const char *const *pairs) {
    size_t count = 0, total = 1;
    while (pairs[2 * count]) count++;
    char **items = calloc(count + 1, sizeof *items);
    if (!items) return NULL;
    for (size_t i = 0; i < count; i++) {
        char *name = s3_uri_encode(pairs[2 * i], 0), *value = s3_uri_encode(pairs[2 * i + 1], 0);
        items[i] = malloc(strlen(name) + strlen(value) + 2);
        sprintf(items[i], "%s=%s", name, value);
        total += strlen(items[i]) + 1;
        free(name);
        free(value);
    }
    qsort(items, count, sizeof *items, by_pair);
    char *out = malloc(total);
    out[0] = 0;
    for (size_t i = 0; i < count; i++) {
        if (i) strcat(out, "&");
        strcat(out, items[i]);
        free(items[i]);
    }
    free(items);
    return out;
}

char *s3_path(const s3_config *config, const char *key) {
    char *bucket = s3_uri_encode(config->bucket, 0);
    char *encoded = s3_uri_encode(key ? key : "", 1);
    char *out = malloc(strlen(bucket) + strlen(encoded) + 3);
    if (config->path_style) sprintf(out, "/%s%s%s", bucket, key ? "/" : "", encoded);
    else sprintf(out, "/%s", encoded);
    free(bucket);
    free(encoded);
    return out;
}

static int by_name(const void *a, const void *b) {
    return strcmp(((const s3_header *)a)->name, ((const s3_header *)b)->name);
}

/* The signing key for a day: HMAC chain over date, region, service and "aws4_request". */
static void signing_key(const s3_config *config, const char *day, unsigned char key[32]) {
    size_t secret_len = strlen(config->secret_key) + 5;
    char *secret = malloc(secret_len);
    snprintf(secret, secret_len, "AWS4%s", config->secret_key);
    unsigned char k1[32], k2[32], k3[32];
    hmac(secret, strlen(secret), day, k1);
    hmac(k1, 32, config->region, k2);
    hmac(k2, 32, "s3", k3);
    hmac(k3, 32, "aws4_request", key);
    OPENSSL_cleanse(secret, secret_len);
    free(secret);
}

/* The signature of a canonical request. */
static void signature(const s3_config *config, const char *canonical, const char *stamp, char out[65]) {
    char day[9], request_hash[65], scope[160], *to_sign;
    unsigned char key[32], sig[32];
    memcpy(day, stamp, 8);
    day[8] = 0;
    s3_sha256_hex(canonical, strlen(canonical), request_hash);
    snprintf(scope, sizeof scope, "%s/%s/s3/aws4_request", day, config->region);
    size_t len = strlen(stamp) + strlen(scope) + 100;
    to_sign = malloc(len);
    snprintf(to_sign, len, "AWS4-HMAC-SHA256\n%s\n%s\n%s", stamp, scope, request_hash);
    signing_key(config, day, key);
    hmac(key, 32, to_sign, sig);
    hex(sig, 32, out);
    free(to_sign);
}

static void timestamp(time_t now, char stamp[17]) {
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, 17, "%Y%m%dT%H%M%SZ", &tm);
}

int s3_sign(const s3_config *config, const char *method, const char *path, const char *query, const s3_header *headers,
            int header_count, const char *payload_hash, time_t now, struct curl_slist **list) {
    char stamp[17];
    timestamp(now, stamp);
    s3_header all[16];
    int n = 0;
    all[n++] = (s3_header){"host", config->host};
    all[n++] = (s3_header){"x-amz-content-sha256", payload_hash};
    all[n++] = (s3_header){"x-amz-date", stamp};
    if (*config->session_token) all[n++] = (s3_header){"x-amz-security-token", config->session_token};
    for (int i = 0; i < header_count && n < 16; i++) all[n++] = headers[i];
    qsort(all, (size_t)n, sizeof *all, by_name);

    size_t len = strlen(method) + strlen(path) + strlen(query ? query : "") + 256;
    for (int i = 0; i < n; i++) len += strlen(all[i].name) * 2 + strlen(all[i].value) + 4;
    char *canonical = malloc(len), *signed_names = malloc(len), *line = malloc(len);
    int used = snprintf(canonical, len, "%s\n%s\n%s\n", method, path, query ? query : "");
    signed_names[0] = 0;
    for (int i = 0; i < n; i++) {
        used += snprintf(canonical + used, len - (size_t)used, "%s:%s\n", all[i].name, all[i].value);
        if (i) strcat(signed_names, ";");
        strcat(signed_names, all[i].name);
        snprintf(line, len, "%s: %s", all[i].name, all[i].value);
        *list = curl_slist_append(*list, line);
    }
    snprintf(canonical + used, len - (size_t)used, "\n%s\n%s", signed_names, payload_hash);
    char sig[65];
    signature(config, canonical, stamp, sig);
    snprintf(line, len, "Authorization: AWS4-HMAC-SHA256 Credential=%s/%.8s/%s/s3/aws4_request, SignedHeaders=%s, Signature=%s",
             config->access_key, stamp, config->region, signed_names, sig);
    *list = curl_slist_append(*list, line);
    free(canonical);
    free(signed_names);
    free(line);
    return 0;
}

int s3_presign(const s3_config *config, const char *key, int64_t expires, time_t now, char *url, size_t url_len) {
    char stamp[17], credential[512], expires_text[24];
    timestamp(now, stamp);
    snprintf(credential, sizeof credential, "%s/%.8s/%s/s3/aws4_request", config->access_key, stamp, config->region);
    snprintf(expires_text, sizeof expires_text, "%lld", (long long)expires);
    const char *pairs[] = {"X-Amz-Algorithm", "AWS4-HMAC-SHA256", "X-Amz-Credential", credential, "X-Amz-Date", stamp,
                           "X-Amz-Expires", expires_text, "X-Amz-SignedHeaders", "host",
                           *config->session_token ? "X-Amz-Security-Token" : NULL, config->session_token, NULL};
    char *query = s3_query(pairs);
    char *path = s3_path(config, key);
    size_t len = strlen(path) + strlen(query) + strlen(config->host) + 64;
    char *canonical = malloc(len);
    snprintf(canonical, len, "GET\n%s\n%s\nhost:%s\n\nhost\nUNSIGNED-PAYLOAD", path, query, config->host);
    char sig[65];
    signature(config, canonical, stamp, sig);
    int written = snprintf(url, url_len, "%s://%s%s?%s&X-Amz-Signature=%s", config->scheme, config->host, path, query, sig);
    free(query);
    free(path);
    free(canonical);
    return written < 0 || (size_t)written >= url_len ? -1 : 0;
}
