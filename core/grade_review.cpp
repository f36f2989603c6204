#include "grade_review.h"

#include "certificate_json.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QUuid>

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

    QString unitOf(const QString& measure)
    {
        if (measure.endsWith(QLatin1String("_v")))
            return QStringLiteral("V");
        if (measure.endsWith(QLatin1String("_c")))
            return QStringLiteral("degC");
        if (measure.contains(QLatin1String("per_day")))
            return QStringLiteral("V/d");
        if (measure.contains(QLatin1String("isolation")))
            return QStringLiteral("Ohm/V");
        return {};
    }

    std::vector<CertificateRule> certificateRules(const GradeResult& g)
    {
        std::vector<CertificateRule> out;
        for (const RuleResult& r : g.rules) {
            const bool isMin = r.rule.contains(QLatin1String("_min"));
            const bool isMax = r.rule.contains(QLatin1String("_max"));
            if (r.application != g.targetApplication || (!isMin && !isMax)
                || r.outcome == RuleResult::Outcome::NotMeasured)
                continue;
            out.push_back({ r.rule, r.measure, isMin ? QStringLiteral(">=") : QStringLiteral("<="),
                r.conservative, r.threshold, r.margin, unitOf(r.measure),
                r.outcome == RuleResult::Outcome::Pass });
        }
        return out;
    }

    double sohThreshold(const GradeResult& g)
    {
        for (const RuleResult& r : g.rules) {
            if (r.application == g.targetApplication && r.rule == QLatin1String("soh_capacity_min"))
                return r.threshold;
        }
        return 0.0;
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
        QSqlQuery q(inventory.database());
        q.prepare(QStringLiteral("INSERT INTO certificates (id, grade_id, issued_at, "
                                 "document_sha256, signature) VALUES (?, ?, ?, ?, ?)"));
        q.addBindValue(certificate.certificateId());
        q.addBindValue(stored.gradeId);
        q.addBindValue(certificateTimestamp(certificate.data.issuedAt));
        q.addBindValue(certificate.contentSha256());
        q.addBindValue(QString::fromLatin1(certificate.signature.toBase64()));
        if (!q.exec())
            return tl::unexpected(inventory.sqlError(QStringLiteral("store certificate"), q));
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

CertificateData certificateForGrade(
    const Assessment& a, const GradeResult& g, const CertificateContext& c)
{
    CertificateData d;
    d.certificateId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    d.issuedAt = c.issuedAt;
    d.testedAt = c.testedAt;
    d.siteName = c.siteName;
    d.benchId = c.benchId;
    d.operatorName = c.operatorName;
    d.graderName = c.graderName;
    d.chemistry = a.chemistry;
    d.nominalCapacityAh = a.nominalCapacityAh;
    d.nominalVoltageV = a.nominalVoltageV;
    d.nominalEnergyWh = a.nominalCapacityAh * a.nominalVoltageV;
    d.serialNumber = a.packSerial;
    d.vin = a.vin;
    d.partNumber = a.partNumber;
    d.testMethod = QString::fromStdString(a.sohCapacity.method);
    d.capacityMethod = d.testMethod;
    d.sohCapacity = a.sohCapacity.valid() ? a.sohCapacity.value : 0.0;
    d.sohCapacityStderr = a.sohCapacity.valid() ? a.sohCapacity.stderrValue : 0.0;
    d.measuredCapacityAh = d.sohCapacity * a.nominalCapacityAh;
    d.measuredCapacityStderrAh = d.sohCapacityStderr * a.nominalCapacityAh;
    if (a.sohResistance.valid())
        d.sohResistance = a.sohResistance.value;
    d.cellSpreadV = a.cellVoltageSpreadV.valid() ? a.cellVoltageSpreadV.value : 0.0;
    d.dtcs = a.dtcClasses;
    d.grade = c.finalGrade.isEmpty() ? g.grade : c.finalGrade;
    d.targetApplication = g.targetApplication;
    d.rules = certificateRules(g);
    d.endOfLifeSoh = sohThreshold(g);
    d.lifeMethod = QStringLiteral("not projected");
    d.policyName = g.policyName;
    d.policyVersion = g.policyVersion;
    d.policySha256 = g.policySha256;
    d.softwareVersion = c.softwareVersion;
    return d;
}

} // namespace pg::core
