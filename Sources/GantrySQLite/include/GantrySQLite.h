// The SQLite C API that GantryStorage calls directly, in-line on the caller's thread.
//
// There is one SQLite library in Gantry: the copy that the sqlite-nio package compiles in with its functions
// renamed sqlite_nio_sqlite3_* (version and compile options in its Package.swift). These declarations give the
// functions Gantry uses names of its own (gantry_sqlite3_*) that bind, by their symbol names, to that copy, so
// that one library (one set of file locks, one version) serves every connection in the process. The signatures
// are SQLite's documented C interface (https://sqlite.org/c3ref/funclist.html).
#ifndef GANTRY_SQLITE_H
#define GANTRY_SQLITE_H

typedef struct gantry_sqlite3 gantry_sqlite3;
typedef struct gantry_sqlite3_stmt gantry_sqlite3_stmt;

#define GANTRY_SYMBOL(name) __asm__("sqlite_nio_sqlite3_" #name)

int gantry_sqlite3_open_v2(const char *filename, gantry_sqlite3 **db, int flags, const char *vfs) GANTRY_SYMBOL(open_v2);
int gantry_sqlite3_close_v2(gantry_sqlite3 *db) GANTRY_SYMBOL(close_v2);
int gantry_sqlite3_busy_timeout(gantry_sqlite3 *db, int milliseconds) GANTRY_SYMBOL(busy_timeout);
int gantry_sqlite3_extended_errcode(gantry_sqlite3 *db) GANTRY_SYMBOL(extended_errcode);
const char *gantry_sqlite3_errmsg(gantry_sqlite3 *db) GANTRY_SYMBOL(errmsg);
int gantry_sqlite3_get_autocommit(gantry_sqlite3 *db) GANTRY_SYMBOL(get_autocommit);
int gantry_sqlite3_changes(gantry_sqlite3 *db) GANTRY_SYMBOL(changes);
int gantry_sqlite3_libversion_number(void) GANTRY_SYMBOL(libversion_number);
int gantry_sqlite3_initialize(void) GANTRY_SYMBOL(initialize);

int gantry_sqlite3_prepare_v3(gantry_sqlite3 *db, const char *sql, int bytes, unsigned int flags,
                              gantry_sqlite3_stmt **statement, const char **tail) GANTRY_SYMBOL(prepare_v3);
int gantry_sqlite3_step(gantry_sqlite3_stmt *statement) GANTRY_SYMBOL(step);
int gantry_sqlite3_reset(gantry_sqlite3_stmt *statement) GANTRY_SYMBOL(reset);
int gantry_sqlite3_clear_bindings(gantry_sqlite3_stmt *statement) GANTRY_SYMBOL(clear_bindings);
int gantry_sqlite3_finalize(gantry_sqlite3_stmt *statement) GANTRY_SYMBOL(finalize);
int gantry_sqlite3_bind_parameter_count(gantry_sqlite3_stmt *statement) GANTRY_SYMBOL(bind_parameter_count);

int gantry_sqlite3_bind_int64(gantry_sqlite3_stmt *statement, int index, long long value) GANTRY_SYMBOL(bind_int64);
int gantry_sqlite3_bind_double(gantry_sqlite3_stmt *statement, int index, double value) GANTRY_SYMBOL(bind_double);
int gantry_sqlite3_bind_null(gantry_sqlite3_stmt *statement, int index) GANTRY_SYMBOL(bind_null);
int gantry_sqlite3_bind_text_with(gantry_sqlite3_stmt *statement, int index, const char *text, int bytes,
                                  void (*destructor)(void *)) GANTRY_SYMBOL(bind_text);
int gantry_sqlite3_bind_blob_with(gantry_sqlite3_stmt *statement, int index, const void *bytes, int count,
                                  void (*destructor)(void *)) GANTRY_SYMBOL(bind_blob);

int gantry_sqlite3_column_count(gantry_sqlite3_stmt *statement) GANTRY_SYMBOL(column_count);
const char *gantry_sqlite3_column_name(gantry_sqlite3_stmt *statement, int column) GANTRY_SYMBOL(column_name);
int gantry_sqlite3_column_type(gantry_sqlite3_stmt *statement, int column) GANTRY_SYMBOL(column_type);
long long gantry_sqlite3_column_int64(gantry_sqlite3_stmt *statement, int column) GANTRY_SYMBOL(column_int64);
double gantry_sqlite3_column_double(gantry_sqlite3_stmt *statement, int column) GANTRY_SYMBOL(column_double);
const unsigned char *gantry_sqlite3_column_text(gantry_sqlite3_stmt *statement, int column) GANTRY_SYMBOL(column_text);
const void *gantry_sqlite3_column_blob(gantry_sqlite3_stmt *statement, int column) GANTRY_SYMBOL(column_blob);
int gantry_sqlite3_column_bytes(gantry_sqlite3_stmt *statement, int column) GANTRY_SYMBOL(column_bytes);

// SQLite copies text and blobs bound with SQLITE_TRANSIENT before the call returns.
static inline int gantry_sqlite3_bind_text(gantry_sqlite3_stmt *statement, int index, const char *text, int bytes) {
    return gantry_sqlite3_bind_text_with(statement, index, text, bytes, (void (*)(void *))-1);
}
static inline int gantry_sqlite3_bind_blob(gantry_sqlite3_stmt *statement, int index, const void *bytes, int count) {
    return gantry_sqlite3_bind_blob_with(statement, index, bytes, count, (void (*)(void *))-1);
}

#define GANTRY_SQLITE_OK 0
#define GANTRY_SQLITE_ROW 100
#define GANTRY_SQLITE_DONE 101
#define GANTRY_SQLITE_INTEGER 1
#define GANTRY_SQLITE_FLOAT 2
#define GANTRY_SQLITE_TEXT 3
#define GANTRY_SQLITE_BLOB 4
#define GANTRY_SQLITE_NULL 5
#define GANTRY_SQLITE_OPEN_READWRITE 0x00000002
#define GANTRY_SQLITE_OPEN_CREATE 0x00000004
#define GANTRY_SQLITE_OPEN_FULLMUTEX 0x00010000
#define GANTRY_SQLITE_OPEN_URI 0x00000040
#define GANTRY_SQLITE_PREPARE_PERSISTENT 0x01

#endif
