#pragma once
// Windowed reads of the pack table for views that show any row of a million at once: how many
// packs match a filter, and the rows [offset, offset + limit) in a chosen order. Far rows are read
// from whichever end of the order is nearer, so the last page costs what the first one does.
#include "error.h"
#include "inventory.h"

#include <QSqlQuery>
#include <QVariantList>
#include <tl/expected.hpp>
#include <vector>

namespace pg::core {

// Orders a view can ask for: each has an index (migration 4); ties are broken by serial.
enum class PackSortKey { Serial, Vin, PartNumber, Grade, GradedAt };

struct PackWindowQuery {
    SearchQuery filter; // text, grade, gradedFrom, gradedTo (afterSerial and limit are ignored)
    PackSortKey sort = PackSortKey::Serial;
    bool descending = false;
};

// Number of packs that match the filter.
tl::expected<long long, Error> countPacks(Inventory& inventory, const SearchQuery& filter);

// Rows [offset, offset + limit) of the ordered, filtered packs. `total` (from countPacks) lets
// the read start from the nearer end; pass -1 when unknown.
tl::expected<std::vector<PackRecord>, Error> packWindow(Inventory& inventory,
    const PackWindowQuery& query, long long offset, int limit, long long total = -1);

// The URL of another connection to the same database (password included), for a reader on another
// thread: an Inventory is used from the thread that opened it. Call on `inventory`'s own thread.
QString connectionUrl(const Inventory& inventory);

// Shared with Inventory::search: the selected columns, a row read back, and the WHERE clause of a
// filter (appended to `sql` as " AND ...", values appended to `values`).
const QString& packSelectColumns();
PackRecord packFromQuery(const QSqlQuery& q);
void appendPackFilter(const SearchQuery& filter, QString& sql, QVariantList& values);

} // namespace pg::core
