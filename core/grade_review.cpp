#include "grade_review.h"

#include "certificate_json.h"
#include "graded_pack.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace pg::core {

namespace {

    tl::expected<void, Error> insertAudit(Inventory& inventory, const QString& actor,
        const QString& action, const QString& entityId, const QJsonObject& detail)
    {
        QSqlQuery q(inventory.database());
        q.prepare(QStringLiteral("INSERT INTO audit_log (id, at, actor, action, entity, entity_id, "
                                 "detail) VALUES (?, ?, ?, ?, 'grades', ?, ?)"));
        for (const QVariant& v :
            { QVariant(newUuid()), QVariant(utcNow()), QVariant(actor), QVariant(action),
                QVariant(entityId),
                QVariant(QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact))) })
            q.addBindValue(v);
        if (!q.exec())
            return tl::unexpected(inventory.sqlError(QStringLiteral("audit ") + action, q));
        return {};
    }

    tl::expected<void, Error> requireUser(const QString& user, const QString& what)
    {
        if (user.trimmed().isEmpty())
            return tl::unexpected(
                Error { kExitUsage, what + QStringLiteral(": expected the name of the grader") });
        return {};
    }

} // namespace

bool isFinalGrade(const QString& grade)
{
    return grade == QLatin1String("reuse") || grade == QLatin1String("repurpose")
        || grade == QLatin1String("recycle");
}

tl::expected<void, Error> approveGrade(
    Inventory& inventory, const StoredGrade& stored, const QString& grade, const QString& user)
{
    if (auto ok = requireUser(user, QStringLiteral("approve")); !ok)
        return ok;
    return insertAudit(inventory, user, QStringLiteral("grade.approve"), stored.gradeId,
        QJsonObject { { QStringLiteral("grade"), grade } });
}

tl::expected<void, Error> overrideGrade(Inventory& inventory, const StoredGrade& stored,
    const QString& from, const QString& to, const QString& reason, const QString& user)
{
    if (auto ok = requireUser(user, QStringLiteral("override")); !ok)
        return ok;
    if (reason.trimmed().isEmpty())
        return tl::unexpected(Error { kExitUsage,
            QStringLiteral("override: a reason is required (what the grader saw that the policy "
                           "did not)") });
    if (!isFinalGrade(to))
        return tl::unexpected(Error { kExitUsage,
            QStringLiteral("override: expected reuse, repurpose or recycle, got '%1'").arg(to) });
    return inventory.transaction([&]() -> tl::expected<void, Error> {
        QSqlQuery q(inventory.database());
        q.prepare(QStringLiteral("UPDATE packs SET last_grade = ? WHERE id = ?"));
        q.addBindValue(to);
        q.addBindValue(stored.packId);
        if (!q.exec())
            return tl::unexpected(inventory.sqlError(QStringLiteral("override"), q));
        return insertAudit(inventory, user, QStringLiteral("grade.override"), stored.gradeId,
            QJsonObject { { QStringLiteral("from"), from }, { QStringLiteral("to"), to },
                { QStringLiteral("reason"), reason.trimmed() } });
    });
}

tl::expected<void, Error> recordCertificate(Inventory& inventory, const StoredGrade& stored,
    const SignedCertificate& certificate, const QString& user)
{
    if (auto ok = requireUser(user, QStringLiteral("sign")); !ok)
        return ok;
    return inventory.transaction([&]() -> tl::expected<void, Error> {
        if (auto ok = insertCertificateRow(inventory, stored.gradeId, certificate); !ok)
            return ok;
        return insertAudit(inventory, user, QStringLiteral("certificate.sign"), stored.gradeId,
            QJsonObject { { QStringLiteral("certificate_id"), certificate.certificateId() },
                { QStringLiteral("grade"), certificate.data.grade },
                { QStringLiteral("key_fingerprint"), certificate.keyFingerprint() } });
    });
}

tl::expected<std::vector<AuditEntry>, Error> auditTrail(
    Inventory& inventory, const QString& entityId)
{
    QSqlQuery q(inventory.database());
    q.prepare(QStringLiteral("SELECT at, actor, action, detail FROM audit_log WHERE entity_id = ? "
                             "ORDER BY at, id"));
    q.addBindValue(entityId);
    if (!q.exec())
        return tl::unexpected(inventory.sqlError(QStringLiteral("audit trail"), q));
    std::vector<AuditEntry> out;
    while (q.next())
        out.push_back({ q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString() });
    return out;
}

tl::expected<QString, Error> reviewedGrade(Inventory& inventory, const QString& gradeId)
{
    auto trail = auditTrail(inventory, gradeId);
    if (!trail)
        return tl::unexpected(trail.error());
    QString grade;
    for (const AuditEntry& e : *trail) { // oldest first: the last override stands
        if (e.action == QLatin1String("grade.override"))
            grade = QJsonDocument::fromJson(e.detail.toUtf8())
                        .object()
                        .value(QStringLiteral("to"))
                        .toString();
    }
    return grade;
}

} // namespace pg::core
