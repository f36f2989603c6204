#pragma once
// A million packs in one SQL statement, for the inventory view test and its benchmark.
#include "core/inventory.h"

#include <QSqlQuery>
#include <QStringList>

namespace pg::test {

// Fills `inventory` with a million packs in one statement (indexes rebuilt after, as the inventory
// benchmark does): serial PK0000000.., a VIN permuted from the serial, 500 part numbers, grades
// in turn, graded on day (i % 28) + 1 of month (i % 12) + 1 of 2026.
inline bool fillMillionPacks(pg::core::Inventory& inventory)
{
    QSqlQuery q(inventory.database());
    const QStringList indexes { QStringLiteral("packs_vin ON packs (vin)"),
        QStringLiteral("packs_part_number ON packs (part_number)"),
        QStringLiteral("packs_grade_serial ON packs (last_grade, serial)"),
        QStringLiteral("packs_graded_at ON packs (last_graded_at)") };
    for (const QString& index : indexes)
        q.exec(QStringLiteral("DROP INDEX ") + index.section(QLatin1Char(' '), 0, 0));
    const bool filled = q.exec(QStringLiteral(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999999) "
        "INSERT INTO packs (id, serial, vin, part_number, chemistry, created_at, last_grade, "
        "last_graded_at) SELECT printf('id%07d', i), printf('PK%07d', i), "
        "printf('VIN%08d', (i * 7919) % 1000000), printf('PN-%d', i % 500), 'nmc', "
        "printf('2026-%02d-%02dT09:00:00.000Z', 1 + i % 12, 1 + i % 28), "
        "CASE i % 4 WHEN 0 THEN 'reuse' WHEN 1 THEN 'repurpose' WHEN 2 THEN 'recycle' ELSE "
        "'retest' END, printf('2026-%02d-%02dT09:00:00.000Z', 1 + i % 12, 1 + i % 28) FROM n"));
    for (const QString& index : indexes)
        q.exec(QStringLiteral("CREATE INDEX ") + index);
    q.exec(QStringLiteral("PRAGMA optimize"));
    return filled;
}

} // namespace pg::test
