/* s3_config.c: parses the plugin's JSON configuration (one flat object of strings, numbers and booleans) and fills
 * in defaults from the environment. */
#include "s3_internal.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *p;
} cursor;

static void skip_space(cursor *c) {
    while (*c->p && isspace((unsigned char)*c->p)) c->p++;
}

static void put_utf8(char **out, unsigned code) {
    char *o = *out;
    if (code < 0x80) {
        *o++ = (char)code;
    } else if (code < 0x800) {
        *o++ = (char)(0xC0 | (code >> 6));
        *o++ = (char)(0x80 | (code & 0x3F));
    } else {
        *o++ = (char)(0xE0 | (code >> 12));
        *o++ = (char)(0x80 | ((code >> 6) & 0x3F));
        *o++ = (char)(0x80 | (code & 0x3F));
    }
    *out = o;
}

/* Parses a JSON string at c->p (which is at '"') into a malloc'd UTF-8 string; NULL when malformed. */
static char *parse_string(cursor *c) {
    const char *p = c->p + 1;
    char *out = malloc(strlen(p) + 1), *o = out;
    if (!out) return NULL;
    while (*p && *p != '"') {
        if (*p != '\\') {
            *o++ = *p++;
            continue;
        }
        p++;
        switch (*p) {
        case '"': case '\\': case '/': *o++ = *p; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u': {
            unsigned code = 0;
            for (int i = 1; i <= 4; i++) {
                char h = p[i];
                if (!isxdigit((unsigned char)h)) { free(out); return NULL; }
                code = code * 16 + (unsigned)(isdigit((unsigned char)h) ? h - '0' : (tolower((unsigned char)h) - 'a' + 10));
            }
            p += 4;
            put_utf8(&o, code);
            break;
        }
        default: free(out); return NULL;
        }
        p++;
    }
    if (*p != '"') { free(out); return NULL; }
    *o = 0;
    c->p = p + 1;
    return out;
}

typedef struct {
    char *endpoint, *bucket, *region, *prefix, *access_key, *secret_key, *session_token;
    int path_style, presign;
    double part_size;
} raw_config;

static char **string_slot(raw_config *raw, const char *key) {
    if (!strcmp(key, "endpoint")) return &raw->endpoint;
    if (!strcmp(key, "bucket")) return &raw->bucket;
    if (!strcmp(key, "region")) return &raw->region;
    if (!strcmp(key, "prefix")) return &raw->prefix;
    if (!strcmp(key, "accessKeyId")) return &raw->access_key;
    if (!strcmp(key, "secretAccessKey")) return &raw->secret_key;
    if (!strcmp(key, "sessionToken")) return &raw->session_token;
    return NULL;
}

static void raw_free(raw_config *raw) {
    free(raw->endpoint); free(raw->bucket); free(raw->region); free(raw->prefix);
    free(raw->access_key); free(raw->secret_key); free(raw->session_token);
}

/* Reads one "key": value pair into raw; unknown keys are an error so typos do not pass silently. */
static berth_status parse_member(cursor *c, raw_config *raw, char *err, size_t len) {
    if (*c->p != '"') return s3_fail(BERTH_INVALID, err, len, "config: expected a key at \"%.20s\"", c->p);
    char *key = parse_string(c);
    if (!key) return s3_fail(BERTH_INVALID, err, len, "config: malformed key");
    berth_status status = BERTH_OK;
    skip_space(c);
    if (*c->p != ':') { free(key); return s3_fail(BERTH_INVALID, err, len, "config: expected ':' after a key"); }
    c->p++;
    skip_space(c);
    char **slot = string_slot(raw, key);
    int is_bool = !strcmp(key, "pathStyle") || !strcmp(key, "presign");
    if (*c->p == '"') {
        char *value = parse_string(c);
        if (!value) status = s3_fail(BERTH_INVALID, err, len, "config: malformed string for \"%s\"", key);
        else if (slot) { free(*slot); *slot = value; }
        else if (!strcmp(key, "partSize")) { raw->part_size = strtod(value, NULL); free(value); }
        else { free(value); status = s3_fail(BERTH_INVALID, err, len, "config: unknown key \"%s\"", key); }
    } else if (!strncmp(c->p, "true", 4) || !strncmp(c->p, "false", 5)) {
        int value = c->p[0] == 't';
        c->p += value ? 4 : 5;
        if (!is_bool) status = s3_fail(BERTH_INVALID, err, len, "config: \"%s\" is not a boolean key", key);
        else if (!strcmp(key, "pathStyle")) raw->path_style = value;
        else raw->presign = value;
    } else if (!strncmp(c->p, "null", 4)) {
        c->p += 4;
    } else if (*c->p == '-' || isdigit((unsigned char)*c->p)) {
        char *end;
        double value = strtod(c->p, &end);
        c->p = end;
        if (!strcmp(key, "partSize")) raw->part_size = value;
        else status = s3_fail(BERTH_INVALID, err, len, "config: \"%s\" is not a number key", key);
    } else {
        status = s3_fail(BERTH_INVALID, err, len, "config: unsupported value for \"%s\" (flat strings, numbers, booleans)", key);
    }
    free(key);
    return status;
}

static char *dup_or(const char *value, const char *fallback) {
    return strdup(value && *value ? value : fallback);
}

static const char *env(const char *name) {
    const char *value = getenv(name);
    return value && *value ? value : NULL;
}

/* Splits the endpoint into scheme and authority and derives the Host header. */
static berth_status derive(s3_config *config, char *err, size_t len) {
    char *e = config->endpoint;
    size_t n = strlen(e);
    while (n > 0 && e[n - 1] == '/') e[--n] = 0;
    const char *sep = strstr(e, "://");
    if (!sep || (strncmp(e, "http://", 7) && strncmp(e, "https://", 8)))
        return s3_fail(BERTH_INVALID, err, len, "config: endpoint \"%s\" must start with http:// or https://", e);
    const char *authority = sep + 3;
    if (!*authority || strchr(authority, '/'))
        return s3_fail(BERTH_INVALID, err, len, "config: endpoint \"%s\" must be scheme://host[:port] without a path", e);
    config->scheme = strndup(e, (size_t)(sep - e));
    if (config->path_style) {
        config->host = strdup(authority);
    } else {
        config->host = malloc(strlen(config->bucket) + strlen(authority) + 2);
        if (config->host) sprintf(config->host, "%s.%s", config->bucket, authority);
    }
    return BERTH_OK;
}

berth_status s3_config_parse(const char *json, s3_config *config, char *err, size_t len) {
    raw_config raw = {0};
    raw.part_size = -1;
    memset(config, 0, sizeof *config);
    cursor c = {json ? json : "{}"};
    berth_status status = BERTH_OK;
    skip_space(&c);
    if (*c.p != '{') return s3_fail(BERTH_INVALID, err, len, "config: expected a JSON object");
    c.p++;
    skip_space(&c);
    while (status == BERTH_OK && *c.p != '}') {
        status = parse_member(&c, &raw, err, len);
        skip_space(&c);
        if (status == BERTH_OK && *c.p == ',') { c.p++; skip_space(&c); }
        else if (status == BERTH_OK && *c.p != '}') status = s3_fail(BERTH_INVALID, err, len, "config: expected ',' or '}'");
    }
    if (status == BERTH_OK && (!raw.bucket || !*raw.bucket))
        status = s3_fail(BERTH_INVALID, err, len, "config: \"bucket\" is required");
    const char *access = raw.access_key && *raw.access_key ? raw.access_key : env("AWS_ACCESS_KEY_ID");
    const char *secret = raw.secret_key && *raw.secret_key ? raw.secret_key : env("AWS_SECRET_ACCESS_KEY");
    if (status == BERTH_OK && !access)
        status = s3_fail(BERTH_INVALID, err, len, "config: no credentials: set \"accessKeyId\" (or AWS_ACCESS_KEY_ID)");
    if (status == BERTH_OK && !secret)
        status = s3_fail(BERTH_INVALID, err, len, "config: no credentials: set \"secretAccessKey\" (or AWS_SECRET_ACCESS_KEY)");
    if (status == BERTH_OK && raw.part_size >= 0 && (raw.part_size < (double)S3_MIN_PART || raw.part_size > 5368709120.0))
        status = s3_fail(BERTH_INVALID, err, len, "config: \"partSize\" must be between 5 MiB (5242880) and 5 GiB bytes");
    if (status == BERTH_OK && raw.prefix && strlen(raw.prefix) > 1000)
        status = s3_fail(BERTH_INVALID, err, len, "config: \"prefix\" is longer than 1000 bytes");
    if (status != BERTH_OK) { raw_free(&raw); return status; }

    config->bucket = strdup(raw.bucket);
    config->region = dup_or(raw.region, env("AWS_REGION") ? env("AWS_REGION") : env("AWS_DEFAULT_REGION") ? env("AWS_DEFAULT_REGION") : "us-east-1");
    config->prefix = dup_or(raw.prefix, "");
    config->access_key = strdup(access);
    config->secret_key = strdup(secret);
    config->session_token = dup_or(raw.session_token, env("AWS_SESSION_TOKEN") ? env("AWS_SESSION_TOKEN") : "");
    config->path_style = raw.path_style;
    config->presign = raw.presign;
    config->part_size = raw.part_size >= 0 ? (size_t)raw.part_size : S3_DEFAULT_PART;
    if (raw.endpoint && *raw.endpoint) {
        config->endpoint = strdup(raw.endpoint);
    } else {
        config->endpoint = malloc(strlen(config->region) + 40);
        if (config->endpoint) sprintf(config->endpoint, "https://s3.%s.amazonaws.com", config->region);
    }
    raw_free(&raw);
    status = derive(config, err, len);
    if (status != BERTH_OK) s3_config_free(config);
    return status;
}

void s3_config_free(s3_config *config) {
    free(config->endpoint); free(config->scheme); free(config->host); free(config->bucket); free(config->region);
    free(config->prefix); free(config->access_key); free(config->secret_key); free(config->session_token);
    memset(config, 0, sizeof *config);
}
