// Only BerthMetadata speaks SQL; this is its window onto the system libsqlite3.
#include <sqlite3.h>
