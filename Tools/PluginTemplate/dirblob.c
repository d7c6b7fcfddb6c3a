/* dirblob: a sample Berth blob store plugin in plain C (libc only) that keeps blobs in a directory.
 * Config: {"root": "/path"}. Layout: <root>/blobs/<digest>, <root>/uploads/<id>. Build:
 *   cc -shared -fPIC -fvisibility=hidden -O2 -I../../Packages/BerthPluginABI/Sources/BerthPluginABI/include dirblob.c -o libberth-dirblob.so */
#include "berth_plugin.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATH_LEN 4400 /* root (< 4000) + "/uploads/" + name (< 200) */
typedef struct { char root[4000]; } store_t;
typedef struct { int fd; int64_t pos, end; } handle_t;

static berth_status fail(berth_status status, char *err, size_t len, const char *format, ...) {
    va_list args;
    va_start(args, format);
    if (err && len) vsnprintf(err, len, format, args);
    va_end(args);
    return status;
}
static berth_status sys(char *err, size_t len, const char *what) {
    return fail(errno == ENOENT ? BERTH_NOT_FOUND : BERTH_ERROR, err, len, "%s: %s", what, strerror(errno));
}
static void path(char *out, const store_t *s, const char *dir, const char *name) {
    snprintf(out, PATH_LEN, "%s/%s/%s", s->root, dir, name);
}
static int valid_name(const char *name) { /* digests and upload ids never contain '/' nor start with '.' */
    return name[0] && name[0] != '.' && !strchr(name, '/') && strlen(name) < 200;
}

static berth_status open_store(const char *config, void **out, char *err, size_t len) {
    const char *key = strstr(config, "\"root\"");
    const char *start = key ? strchr(key + 6, '"') : NULL;
    const char *end = start ? strchr(start + 1, '"') : NULL;
    if (!end || end - start - 1 >= 3999) return fail(BERTH_ERROR, err, len, "config needs {\"root\": \"<directory>\"}");
    store_t *s = calloc(1, sizeof *s);
    memcpy(s->root, start + 1, (size_t)(end - start - 1));
    char dir[PATH_LEN];
    mkdir(s->root, 0755);
    path(dir, s, "blobs", "");
    mkdir(dir, 0755);
    path(dir, s, "uploads", "");
    mkdir(dir, 0755);
    struct stat st;
    if (stat(dir, &st) != 0) {
        berth_status status = sys(err, len, s->root);
        free(s);
        return status == BERTH_NOT_FOUND ? BERTH_ERROR : status;
    }
    *out = s;
    return BERTH_OK;
}
static void close_store(void *s) { free(s); }

static berth_status stat_blob(void *s, const char *digest, int64_t *size, char *err, size_t len) {
    char p[PATH_LEN];
    struct stat st;
    if (!valid_name(digest)) return fail(BERTH_NOT_FOUND, err, len, "no blob %s", digest);
    path(p, s, "blobs", digest);
    if (stat(p, &st) != 0) return sys(err, len, digest);
    *size = st.st_size;
    return BERTH_OK;
}
static berth_status open_reader(void *s, const char *digest, int64_t start, int64_t end, void **out, int64_t *length, char *err,
                                size_t len) {
    char p[PATH_LEN];
    struct stat st;
    if (!valid_name(digest)) return fail(BERTH_NOT_FOUND, err, len, "no blob %s", digest);
    path(p, s, "blobs", digest);
    int fd = open(p, O_RDONLY);
    if (fd < 0 || fstat(fd, &st) != 0) return sys(err, len, digest);
    if (end < 0) { start = 0; end = st.st_size; }
    if (start < 0 || start > end || end > st.st_size) { close(fd); return fail(BERTH_INVALID, err, len, "range outside blob"); }
    handle_t *h = malloc(sizeof *h);
    *h = (handle_t){fd, start, end};
    *out = h;
    *length = end - start;
    return BERTH_OK;
}
static berth_status read_blob(void *r, void *buffer, size_t capacity, size_t *count, char *err, size_t len) {
    handle_t *h = r;
    size_t want = (size_t)(h->end - h->pos) < capacity ? (size_t)(h->end - h->pos) : capacity;
    ssize_t got = want ? pread(h->fd, buffer, want, h->pos) : 0;
    if (got < 0) return sys(err, len, "read");
    h->pos += got;
    *count = (size_t)got;
    return BERTH_OK;
}
static void close_handle(void *h) { close(((handle_t *)h)->fd); free(h); }

static berth_status create_upload(void *s, const char *id, char *err, size_t len) {
    char p[PATH_LEN];
    if (!valid_name(id)) return fail(BERTH_ERROR, err, len, "invalid upload id");
    path(p, s, "uploads", id);
    int fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) return errno == EEXIST ? fail(BERTH_EXISTS, err, len, "upload %s exists", id) : sys(err, len, id);
    close(fd);
    return BERTH_OK;
}
static berth_status cut(void *s, const char *id, int64_t size, int *fd, char *p, char *err, size_t len) {
    struct stat st;
    if (!valid_name(id)) return fail(BERTH_NOT_FOUND, err, len, "no upload %s", id);
    path(p, s, "uploads", id);
    if ((*fd = open(p, O_RDWR)) < 0) return sys(err, len, id);
    if (fstat(*fd, &st) != 0 || st.st_size < size || ftruncate(*fd, size) != 0) {
        close(*fd);
        return fail(BERTH_INVALID, err, len, "upload %s holds fewer than %lld bytes", id, (long long)size);
    }
    return BERTH_OK;
}
static berth_status open_upload(void *s, const char *id, int64_t offset, void **out, char *err, size_t len) {
    char p[PATH_LEN];
    int fd;
    berth_status status = cut(s, id, offset, &fd, p, err, len);
    if (status != BERTH_OK) return status;
    handle_t *h = malloc(sizeof *h);
    *h = (handle_t){fd, offset, 0};
    *out = h;
    return BERTH_OK;
}
static berth_status write_upload(void *w, const void *bytes, size_t count, char *err, size_t len) {
    handle_t *h = w;
    while (count > 0) {
        ssize_t done = pwrite(h->fd, bytes, count, h->pos);
        if (done < 0 && errno == EINTR) continue;
        if (done < 0) return sys(err, len, "write");
        h->pos += done;
        bytes = (const char *)bytes + done;
        count -= (size_t)done;
    }
    return BERTH_OK;
}
static berth_status flush_upload(void *w, char *err, size_t len) {
    return fsync(((handle_t *)w)->fd) == 0 ? BERTH_OK : sys(err, len, "fsync");
}
static berth_status commit_upload(void *s, const char *id, int64_t size, const char *digest, char *err, size_t len) {
    char p[PATH_LEN], target[PATH_LEN];
    int fd;
    berth_status status = cut(s, id, size, &fd, p, err, len);
    if (status != BERTH_OK) return status;
    int synced = fsync(fd);
    close(fd);
    if (synced != 0) return sys(err, len, "fsync");
    if (!valid_name(digest)) return fail(BERTH_ERROR, err, len, "invalid digest");
    path(target, s, "blobs", digest);
    if (rename(p, target) != 0) return sys(err, len, "rename");
    return BERTH_OK;
}
static berth_status remove_name(void *s, const char *dir, const char *name, char *err, size_t len) {
    char p[PATH_LEN];
    if (!valid_name(name)) return BERTH_OK;
    path(p, s, dir, name);
    return unlink(p) == 0 || errno == ENOENT ? BERTH_OK : sys(err, len, name);
}
static berth_status cancel_upload(void *s, const char *id, char *err, size_t len) { return remove_name(s, "uploads", id, err, len); }
static berth_status delete_blob(void *s, const char *digest, char *err, size_t len) { return remove_name(s, "blobs", digest, err, len); }

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static berth_status list_blobs(void *s, const char *after, int32_t limit, berth_blob_visitor visit, void *context, char *err, size_t len) {
    char p[PATH_LEN];
    path(p, s, "blobs", "");
    DIR *dir = opendir(p);
    if (!dir) return sys(err, len, "blobs");
    char **names = NULL;
    size_t count = 0;
    for (struct dirent *entry; (entry = readdir(dir));) {
        if (entry->d_name[0] == '.' || (after && strcmp(entry->d_name, after) <= 0)) continue;
        names = realloc(names, (count + 1) * sizeof *names);
        names[count++] = strdup(entry->d_name);
    }
    closedir(dir);
    qsort(names, count, sizeof *names, by_name);
    int32_t visited = 0, stop = 0;
    for (size_t i = 0; i < count; i++) {
        int64_t size = 0;
        if (!stop && visited < limit && stat_blob(s, names[i], &size, err, len) == BERTH_OK) {
            stop = visit(context, names[i], size);
            visited++;
        }
        free(names[i]);
    }
    free(names);
    return BERTH_OK;
}

static const berth_blob_store_v1 table = {
    BERTH_PLUGIN_ABI_VERSION, sizeof(berth_blob_store_v1), open_store, close_store, stat_blob, open_reader, read_blob,
    close_handle, create_upload, open_upload, write_upload, flush_upload, close_handle, commit_upload, cancel_upload,
    delete_blob, list_blobs, NULL,
};
static const berth_plugin_v1 plugin = {BERTH_PLUGIN_ABI_VERSION, sizeof(berth_plugin_v1), "dirblob", &table, NULL};

__attribute__((visibility("default"))) const berth_plugin_v1 *berth_plugin_entry_v1(void) { return &plugin; }
