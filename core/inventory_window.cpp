#include "inventory_window.h"

#include <QUrl>
#include <algorithm>

namespace pg::core {

namespace {

    QString sortColumn(PackSortKey key)
    {
        switch (key) {
        case PackSortKey::Vin:
            return QStringLiteral("vin");
        case PackSortKey::PartNumber:
            return QStringLiteral("part_number");
        case PackSortKey::Grade:
            return QStringLiteral("last_grade");
        case PackSortKey::GradedAt:
            return QStringLiteral("last_graded_at");
        case PackSortKey::Serial:
            break;
        }
        return QStringLiteral("serial");
    }

    QString orderBy(PackSortKey key, bool descending)
    {
        const QString dir = descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
        if (key == PackSortKey::Serial)
            return QStringLiteral(" ORDER BY serial") + dir;
        return QStringLiteral(" ORDER BY ") + sortColumn(key) + dir + QStringLiteral(", serial")
            + dir;
    }

    tl::expected<QSqlQuery, Error> exec(
        Inventory& inventory, const QString& sql, const QVariantList& values, const QString& what)
    {
        QSqlQuery q(inventory.database());
        q.setForwardOnly(true);
        q.prepare(sql);
        for (const QVariant& v : values)
            q.addBindValue(v);
        if (!q.exec())
            return tl::unexpected(inventory.sqlError(what, q));
        return q;
    }

} // namespace

QString connectionUrl(const Inventory& inventory)
{
    const QSqlDatabase db = inventory.database();
    if (!inventory.isPostgres())
        return QStringLiteral("sqlite:") + db.databaseName();
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(db.hostName());
    if (db.port() > 0)
        url.setPort(db.port());
    url.setUserName(db.userName());
    url.setPassword(db.password());
    url.setPath(QLatin1Char('/') + db.databaseName());
    return url.toString(QUrl::FullyEncoded);
}

tl::expected<long long, Error> countPacks(Inventory& inventory, const SearchQuery& filter)
{
    QString sql = QStringLiteral("SELECT COUNT(*) FROM packs WHERE 1 = 1");
    QVariantList values;
    appendPackFilter(filter, sql, values);
    auto q = exec(inventory, sql, values, QStringLiteral("count packs"));
    if (!q)
        return tl::unexpected(q.error());
    return q->next() ? q->value(0).toLongLong() : 0LL;
}

tl::expected<std::vector<PackRecord>, Error> packWindow(Inventory& inventory,
    const PackWindowQuery& query, long long offset, int limit, long long total)
{
    offset = std::max(0LL, offset);
    limit = std::clamp(limit, 1, 10000);
    // Past the middle, read the reversed order from the end: OFFSET costs what it skips.
    const bool fromEnd = total > 0 && offset > total / 2;
    long long skip = offset;
    int take = limit;
    if (fromEnd) {
        const long long end = std::min(total, offset + limit);
        skip = total - end;
        take = static_cast<int>(end - offset);
        if (take <= 0)
            return std::vector<PackRecord> {};
    }
    QString sql = QStringLiteral("SELECT ") + packSelectColumns()
        + QStringLiteral(" FROM packs WHERE 1 = 1");
    QVariantList values;
    appendPackFilter(query.filter, sql, values);
    sql += orderBy(query.sort, query.descending != fromEnd)
        + QStringLiteral(" LIMIT %1 OFFSET %2").arg(take).arg(skip);
    auto q = exec(inventory, sql, values, QStringLiteral("read packs"));
    if (!q)
        return tl::unexpected(q.error());
    std::vector<PackRecord> rows;
    rows.reserve(static_cast<std::size_t>(take));
    while (q->next())
        rows.push_back(packFromQuery(*q));
    if (fromEnd)
        std::reverse(rows.begin(), rows.end());
    return rows;
}

} // namespace pg::core
