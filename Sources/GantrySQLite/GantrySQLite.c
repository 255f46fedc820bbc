// Declarations only (include/GantrySQLite.h): the functions are sqlite-nio's copy of SQLite, linked in through
// GantryStorage's dependency on SQLiteKit.
#include "GantrySQLite.h"
