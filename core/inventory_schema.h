#pragma once

#include "error.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <tl/expected.hpp>
#include <vector>

namespace pg::core {

// One forward-only schema step. The same SQL runs on SQLite and PostgreSQL (TEXT UUID keys,
// ISO-8601 UTC timestamps as TEXT, DOUBLE PRECISION values).
struct Migration {
    int version;
    const char* description;
    QStringList statements;
};

const std::vector<Migration>& inventoryMigrations();
int latestSchemaVersion();

// 0 for an empty database (no schema_version table).
tl::expected<int, Error> readSchemaVersion(QSqlDatabase& db);

// Applies the migrations after the database's version up to `targetVersion`, each in its own
// transaction (serialised between processes: BEGIN IMMEDIATE on SQLite, an advisory lock on
// PostgreSQL). Refuses, untouched, a database whose version is newer than this build knows.
tl::expected<int, Error> migrateInventory(QSqlDatabase& db, bool postgres, int targetVersion);

} // namespace pg::core
