// Inventory reads: lookup, the record of one pack, search with keyset paging, grade statistics.
#include "inventory.h"
#include "inventory_window.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>

namespace pg::core {

namespace {

    // A string above every string that starts with `prefix` (for index range scans): the prefix
    // with its last character incremented.
    QString prefixEnd(const QString& prefix)
    {
        QString end = prefix;
        end.back() = QChar(static_cast<char16_t>(end.back().unicode() + 1));
        return end;
    }

} // namespace

const QString& packSelectColumns()
{
    static const QString kColumns = QStringLiteral(
        "id, serial, vin, part_number, chemistry, manufacturer, "
        "nominal_capacity_ah, nominal_voltage_v, created_at, last_grade, last_graded_at");
    return kColumns;
}

PackRecord packFromQuery(const QSqlQuery& q)
{
    PackRecord p;
    p.id = q.value(0).toString();
    p.serial = q.value(1).toString();
    p.vin = q.value(2).toString();
    p.partNumber = q.value(3).toString();
    p.chemistry = q.value(4).toString();
    p.manufacturer = q.value(5).toString();
    p.nominalCapacityAh = q.value(6).toDouble();
    p.nominalVoltageV = q.value(7).toDouble();
    p.createdAt = q.value(8).toString();
    p.lastGrade = q.value(9).toString();
    p.lastGradedAt = q.value(10).toString();
    return p;
}

void appendPackFilter(const SearchQuery& query, QString& sql, QVariantList& values)
{
    if (!query.text.isEmpty()) {
        sql += QStringLiteral(" AND ((serial >= ? AND serial < ?) OR (vin >= ? AND vin < ?) OR "
                              "(part_number >= ? AND part_number < ?))");
        for (int i = 0; i < 3; ++i)
            values << query.text << prefixEnd(query.text);
    }
    if (!query.grade.isEmpty()) {
        sql += QStringLiteral(" AND last_grade = ?");
        values << query.grade;
    }
    if (!query.gradedFrom.isEmpty()) {
        sql += QStringLiteral(" AND last_graded_at >= ?");
        values << query.gradedFrom;
    }
    if (!query.gradedTo.isEmpty()) {
        sql += QStringLiteral(" AND last_graded_at < ?");
        values << query.gradedTo;
    }
}

QJsonObject packToJson(const PackRecord& p)
{
    return QJsonObject { { QStringLiteral("id"), p.id }, { QStringLiteral("serial"), p.serial },
        { QStringLiteral("vin"), p.vin }, { QStringLiteral("part_number"), p.partNumber },
        { QStringLiteral("chemistry"), p.chemistry },
        { QStringLiteral("manufacturer"), p.manufacturer },
        { QStringLiteral("nominal_capacity_ah"), p.nominalCapacityAh },
        { QStringLiteral("nominal_voltage_v"), p.nominalVoltageV },
        { QStringLiteral("created_at"), p.createdAt }, { QStringLiteral("grade"), p.lastGrade },
        { QStringLiteral("graded_at"), p.lastGradedAt } };
}

tl::expected<std::optional<PackRecord>, Error> Inventory::packBySerial(const QString& serial)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT ") + packSelectColumns()
        + QStringLiteral(" FROM packs WHERE serial = ?"));
    q.addBindValue(serial);
    if (!q.exec())
        return tl::unexpected(sqlError(QStringLiteral("lookup ") + serial, q));
    if (!q.next())
        return std::optional<PackRecord> {};
    return std::optional<PackRecord> { packFromQuery(q) };
}

tl::expected<std::optional<QJsonObject>, Error> Inventory::show(const QString& idOrSerial)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT ") + packSelectColumns()
        + QStringLiteral(" FROM packs WHERE id = ? OR serial = ?"));
    q.addBindValue(idOrSerial);
    q.addBindValue(idOrSerial);
    if (!q.exec())
        return tl::unexpected(sqlError(QStringLiteral("show ") + idOrSerial, q));
    if (!q.next())
        return std::optional<QJsonObject> {};
    const PackRecord pack = packFromQuery(q);
    QJsonObject record = packToJson(pack);
    q.prepare(QStringLiteral("SELECT body FROM grades WHERE pack_id = ? ORDER BY graded_at, id"));
    q.addBindValue(pack.id);
    if (!q.exec())
        return tl::unexpected(sqlError(QStringLiteral("grades of ") + pack.serial, q));
    QJsonArray grades;
    while (q.next())
        grades.append(QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object());
    record[QStringLiteral("grades")] = grades;
    q.prepare(QStringLiteral(
        "SELECT id, position, serial, chemistry, format, capacity_ah, resistance_ohm, allocated_to "
        "FROM modules WHERE pack_id = ? ORDER BY position"));
    q.addBindValue(pack.id);
    if (!q.exec())
        return tl::unexpected(sqlError(QStringLiteral("modules of ") + pack.serial, q));
    QJsonArray modules;
    while (q.next())
        modules.append(QJsonObject { { QStringLiteral("id"), q.value(0).toString() },
            { QStringLiteral("position"), q.value(1).toInt() },
            { QStringLiteral("serial"), q.value(2).toString() },
            { QStringLiteral("chemistry"), q.value(3).toString() },
            { QStringLiteral("format"), q.value(4).toString() },
            { QStringLiteral("capacity_ah"), q.value(5).toDouble() },
            { QStringLiteral("resistance_ohm"), q.value(6).toDouble() },
            { QStringLiteral("allocated_to"), q.value(7).toString() } });
    record[QStringLiteral("modules")] = modules;
    return std::optional<QJsonObject> { record };
}

tl::expected<SearchPage, Error> Inventory::search(const SearchQuery& query)
{
    QString sql = QStringLiteral("SELECT ") + packSelectColumns()
        + QStringLiteral(" FROM packs WHERE 1 = 1");
    QVariantList values;
    appendPackFilter(query, sql, values);
    if (!query.afterSerial.isEmpty()) {
        sql += QStringLiteral(" AND serial > ?");
        values << query.afterSerial;
    }
    const int limit = std::clamp(query.limit, 1, 1000);
    sql += QStringLiteral(" ORDER BY serial LIMIT %1").arg(limit);
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant& v : values)
        q.addBindValue(v);
    if (!q.exec())
        return tl::unexpected(sqlError(QStringLiteral("search"), q));
    SearchPage page;
    while (q.next())
        page.items.push_back(packFromQuery(q));
    if (static_cast<int>(page.items.size()) == limit)
        page.nextCursor = page.items.back().serial;
    return page;
}

tl::expected<GradeStats, Error> Inventory::gradeStats()
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT grade, COUNT(*) FROM grades GROUP BY grade")))
        return tl::unexpected(sqlError(QStringLiteral("grade statistics"), q));
    GradeStats s;
    while (q.next()) {
        const long long n = q.value(1).toLongLong();
        s.byGrade.insert(q.value(0).toString(), n);
        s.total += n;
    }
    s.retest = s.byGrade.value(QStringLiteral("retest"));
    return s;
}

} // namespace pg::core
