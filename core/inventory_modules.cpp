// Inventory of loose modules for rebuilding packs: add, list the free ones, allocate groups.
#include "inventory.h"

#include <QSqlQuery>

namespace pg::core {

tl::expected<void, Error> Inventory::addModules(std::vector<ModuleRecord> modules)
{
    return transaction([&]() -> tl::expected<void, Error> {
        QSqlQuery q(database());
        q.prepare(QStringLiteral(
            "INSERT INTO modules (id, pack_id, position, serial, chemistry, format, capacity_ah, "
            "resistance_ohm, nominal_voltage_v, created_at, allocated_to) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        const QString now = utcNow();
        for (ModuleRecord& m : modules) {
            if (m.id.isEmpty())
                m.id = newUuid();
            q.addBindValue(m.id);
            q.addBindValue(m.packId.isEmpty() ? QVariant() : QVariant(m.packId));
            q.addBindValue(m.position);
            q.addBindValue(m.serial);
            q.addBindValue(m.chemistry);
            q.addBindValue(m.format);
            q.addBindValue(m.capacityAh);
            q.addBindValue(m.resistanceOhm);
            q.addBindValue(m.nominalVoltageV);
            q.addBindValue(now);
            q.addBindValue(m.allocatedTo.isEmpty() ? QVariant() : QVariant(m.allocatedTo));
            if (!q.exec())
                return tl::unexpected(sqlError(QStringLiteral("add module ") + m.serial, q));
        }
        return {};
    });
}

tl::expected<std::vector<ModuleRecord>, Error> Inventory::freeModules(
    const QString& chemistry, const QString& format)
{
    QString sql = QStringLiteral(
        "SELECT id, pack_id, position, serial, chemistry, format, capacity_ah, resistance_ohm, "
        "nominal_voltage_v FROM modules WHERE allocated_to IS NULL");
    QVariantList values;
    if (!chemistry.isEmpty()) {
        sql += QStringLiteral(" AND chemistry = ?");
        values << chemistry;
    }
    if (!format.isEmpty()) {
        sql += QStringLiteral(" AND format = ?");
        values << format;
    }
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(sql + QStringLiteral(" ORDER BY id"));
    for (const QVariant& v : values)
        q.addBindValue(v);
    if (!q.exec())
        return tl::unexpected(sqlError(QStringLiteral("free modules"), q));
    std::vector<ModuleRecord> out;
    while (q.next()) {
        out.push_back({ q.value(0).toString(), q.value(1).toString(), q.value(2).toInt(),
            q.value(3).toString(), q.value(4).toString(), q.value(5).toString(),
            q.value(6).toDouble(), q.value(7).toDouble(), q.value(8).toDouble(), QString() });
    }
    return out;
}

tl::expected<std::vector<QString>, Error> Inventory::allocate(
    const std::vector<ModuleRecord>& modules, const std::vector<ModuleGroup>& groups,
    const QString& actor)
{
    std::vector<QString> ids;
    auto ok = transaction([&]() -> tl::expected<void, Error> {
        QSqlQuery q(database());
        for (const ModuleGroup& g : groups) {
            const QString groupId = newUuid();
            for (int i : g.members) {
                const ModuleRecord& m = modules[static_cast<std::size_t>(i)];
                q.prepare(QStringLiteral(
                    "UPDATE modules SET allocated_to = ? WHERE id = ? AND allocated_to IS NULL"));
                q.addBindValue(groupId);
                q.addBindValue(m.id);
                if (!q.exec())
                    return tl::unexpected(
                        sqlError(QStringLiteral("allocate module ") + m.serial, q));
                if (q.numRowsAffected() != 1)
                    return tl::unexpected(Error { kExitFailed,
                        QStringLiteral("inventory %1: module %2 (%3) was allocated meanwhile; "
                                       "nothing was allocated")
                            .arg(urlText(), m.serial, m.id) });
            }
            q.prepare(QStringLiteral(
                "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, detail) "
                "VALUES (?, ?, ?, 'modules.allocate', 'module_group', ?, ?)"));
            for (const QVariant& v :
                { QVariant(newUuid()), QVariant(utcNow()), QVariant(actor), QVariant(groupId),
                    QVariant(QStringLiteral("%1 modules").arg(g.members.size())) })
                q.addBindValue(v);
            if (!q.exec())
                return tl::unexpected(sqlError(QStringLiteral("audit allocation"), q));
            ids.push_back(groupId);
        }
        return {};
    });
    if (!ok)
        return tl::unexpected(ok.error());
    return ids;
}

} // namespace pg::core
