#include "pack_history.h"

#include "grading_json.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <cmath>

namespace pg::core {

tl::expected<std::vector<GradeRecord>, Error> packGrades(
    Inventory& inventory, const QString& packId)
{
    QSqlQuery q(inventory.database());
    q.prepare(
        QStringLiteral("SELECT id, graded_at, grade, target_application, soh_capacity, "
                       "policy_version FROM grades WHERE pack_id = ? ORDER BY graded_at, id"));
    q.addBindValue(packId);
    if (!q.exec())
        return tl::unexpected(inventory.sqlError(QStringLiteral("grades of ") + packId, q));
    std::vector<GradeRecord> out;
    while (q.next())
        out.push_back({ q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString(), q.value(4).isNull() ? std::nan("") : q.value(4).toDouble(),
            q.value(5).toString() });
    return out;
}

tl::expected<std::vector<SessionRecord>, Error> packSessions(
    Inventory& inventory, const QString& packId)
{
    QSqlQuery q(inventory.database());
    q.prepare(QStringLiteral("SELECT id, bench, operator_id, started_at, folder FROM sessions "
                             "WHERE pack_id = ? ORDER BY started_at, id"));
    q.addBindValue(packId);
    if (!q.exec())
        return tl::unexpected(inventory.sqlError(QStringLiteral("sessions of ") + packId, q));
    std::vector<SessionRecord> out;
    while (q.next())
        out.push_back({ q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString(), q.value(4).toString() });
    return out;
}

tl::expected<std::optional<Assessment>, Error> latestAssessment(
    Inventory& inventory, const QString& packId)
{
    QSqlQuery q(inventory.database());
    q.prepare(QStringLiteral("SELECT a.id, a.body FROM grades g JOIN assessments a ON a.id = "
                             "g.assessment_id WHERE g.pack_id = ? ORDER BY g.graded_at DESC, g.id "
                             "DESC LIMIT 1"));
    q.addBindValue(packId);
    if (!q.exec())
        return tl::unexpected(inventory.sqlError(QStringLiteral("assessment of ") + packId, q));
    if (!q.next())
        return std::optional<Assessment> {};
    const QString origin = QStringLiteral("assessment ") + q.value(0).toString();
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(q.value(1).toString().toUtf8(), &error);
    if (!doc.isObject())
        return tl::unexpected(Error { kExitBadInput,
            origin
                + QStringLiteral(": stored body is not a JSON object (%1)")
                      .arg(error.errorString()) });
    auto a = assessmentFromJson(doc.object(), origin);
    if (!a)
        return tl::unexpected(a.error());
    return std::optional<Assessment> { *a };
}

tl::expected<Regrade, Error> regradePack(
    Inventory& inventory, const GradingPolicy& policy, const QString& packId, const QString& user)
{
    auto a = latestAssessment(inventory, packId);
    if (!a)
        return tl::unexpected(a.error());
    if (!a->has_value())
        return tl::unexpected(Error { kExitFailed,
            QStringLiteral("re-grade %1: the pack has no stored assessment").arg(packId) });
    auto g = gradeAssessment(policy, **a);
    if (!g)
        return tl::unexpected(g.error());
    auto stored = inventory.storeGrade(**a, *g, user);
    if (!stored)
        return tl::unexpected(stored.error());
    return Regrade { **a, *g, *stored };
}

} // namespace pg::core
