/* sqlitedriver: a sample Berth metadata driver plugin in C over the system libsqlite3 (berth_metadata_driver_v1).
 * Config: {"path": "/file.sqlite"}. It passes the host's statements through; every rule stays in the host. Build:
 *   cc -shared -fPIC -fvisibility=hidden -O2 -I../../Packages/BerthPluginABI/Sources/BerthPluginABI/include sqlitedriver.c \
 *      -lsqlite3 -o libberth-sqlitedriver.so */
#include "berth_plugin.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static berth_status report(sqlite3 *db, int code, char *err, size_t len) {
    if (code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE) return BERTH_OK;
    if (err && len) snprintf(err, len, "sqlite: %s (code %d)", db ? sqlite3_errmsg(db) : sqlite3_errstr(code), code);
    return (code & 0xff) == SQLITE_BUSY ? BERTH_CONFLICT : BERTH_ERROR;
}

static berth_status open_connection(const char *config, void **out, char *err, size_t len) {
    const char *key = strstr(config, "\"path\"");
    const char *start = key ? strchr(key + 6, '"') : NULL;
    const char *end = start ? strchr(start + 1, '"') : NULL;
    if (!end) {
        snprintf(err, len, "config needs {\"path\": \"<database file>\"}");
        return BERTH_ERROR;
    }
    char path[4096];
    snprintf(path, sizeof path, "%.*s", (int)(end - start - 1), start + 1);
    sqlite3 *db = NULL;
    int code = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (code == SQLITE_OK) {
        sqlite3_extended_result_codes(db, 1);
        sqlite3_busy_timeout(db, 5000);
        code = sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON", NULL, NULL, NULL);
    }
    if (code != SQLITE_OK) {
        berth_status status = report(db, code, err, len);
        sqlite3_close_v2(db);
        return status;
    }
    *out = db;
    return BERTH_OK;
}
static void close_connection(void *db) { sqlite3_close_v2(db); }
static const char *dialect(void *db) { (void)db; return "sqlite"; }
static berth_status exec_sql(void *db, const char *sql, char *err, size_t len) {
    return report(db, sqlite3_exec(db, sql, NULL, NULL, NULL), err, len);
}
static berth_status begin(void *db, int32_t writing, char *err, size_t len) {
    return exec_sql(db, writing ? "BEGIN IMMEDIATE" : "BEGIN", err, len);
}
static berth_status commit(void *db, char *err, size_t len) { return exec_sql(db, "COMMIT", err, len); }
static berth_status rollback(void *db, char *err, size_t len) {
    return sqlite3_get_autocommit(db) ? BERTH_OK : exec_sql(db, "ROLLBACK", err, len);
}
static berth_status prepare(void *db, const char *sql, void **out, char *err, size_t len) {
    sqlite3_stmt *statement = NULL;
    int code = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL);
    *out = statement;
    return report(db, code, err, len);
}
#define DB(statement) sqlite3_db_handle((sqlite3_stmt *)(statement))
static berth_status bind_null(void *s, int32_t i, char *err, size_t len) { return report(DB(s), sqlite3_bind_null(s, i), err, len); }
static berth_status bind_integer(void *s, int32_t i, int64_t v, char *err, size_t len) {
    return report(DB(s), sqlite3_bind_int64(s, i, v), err, len);
}
static berth_status bind_real(void *s, int32_t i, double v, char *err, size_t len) {
    return report(DB(s), sqlite3_bind_double(s, i, v), err, len);
}
static berth_status bind_text(void *s, int32_t i, const char *v, size_t n, char *err, size_t len) {
    return report(DB(s), sqlite3_bind_text64(s, i, v, n, SQLITE_TRANSIENT, SQLITE_UTF8), err, len);
}
static berth_status bind_blob(void *s, int32_t i, const void *v, size_t n, char *err, size_t len) {
    static const char empty = 0; /* a zero-length blob still needs a non-NULL pointer, else SQLite stores NULL */
    return report(DB(s), sqlite3_bind_blob64(s, i, v ? v : &empty, n, SQLITE_TRANSIENT), err, len);
}
static berth_status step(void *s, char *err, size_t len) {
    int code = sqlite3_step(s);
    if (code == SQLITE_ROW) return BERTH_ROW;
    if (code == SQLITE_DONE) return BERTH_DONE;
    return report(DB(s), code, err, len);
}
static void reset(void *s) {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
}
static int32_t column_type(void *s, int32_t i) {
    switch (sqlite3_column_type(s, i)) {
    case SQLITE_INTEGER: return BERTH_VALUE_INTEGER;
    case SQLITE_FLOAT: return BERTH_VALUE_REAL;
    case SQLITE_TEXT: return BERTH_VALUE_TEXT;
    case SQLITE_BLOB: return BERTH_VALUE_BLOB;
    default: return BERTH_VALUE_NULL;
    }
}
static int64_t column_integer(void *s, int32_t i) { return sqlite3_column_int64(s, i); }
static double column_real(void *s, int32_t i) { return sqlite3_column_double(s, i); }
static const void *column_bytes(void *s, int32_t i, size_t *length) {
    const void *bytes = sqlite3_column_blob(s, i);
    *length = (size_t)sqlite3_column_bytes(s, i);
    return bytes;
}
static int64_t changes(void *db) { return sqlite3_changes(db); }
static void finalize(void *s) { sqlite3_finalize(s); }

static const berth_metadata_driver_v1 table = {
    BERTH_PLUGIN_ABI_VERSION, sizeof(berth_metadata_driver_v1), open_connection, close_connection, dialect, exec_sql, begin,
    commit, rollback, prepare, bind_null, bind_integer, bind_real, bind_text, bind_blob, step, reset, column_type,
    column_integer, column_real, column_bytes, changes, finalize,
};
static const berth_plugin_v1 plugin = {BERTH_PLUGIN_ABI_VERSION, sizeof(berth_plugin_v1), "sqlitedriver", NULL, &table};

__attribute__((visibility("default"))) const berth_plugin_v1 *berth_plugin_entry_v1(void) { return &plugin; }
