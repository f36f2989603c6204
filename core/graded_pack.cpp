// Graded packs as the inventory holds them, for certificates and the marketplace export.
#include "graded_pack.h"

#include "certificate_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <limits>

namespace pg::core {

namespace {

    // Every query below selects these columns, in this order.
    const QString kSelect = QStringLiteral(
        "SELECT p.id, p.serial, p.vin, p.part_number, p.chemistry, p.manufacturer, "
        "p.nominal_capacity_ah, p.nominal_voltage_v, p.created_at, p.last_grade, "
        "p.last_graded_at, g.id, g.graded_at, g.body, a.body, c.id, c.issued_at, "
        "c.document_sha256, c.key_fingerprint, c.envelope, g.certificate_evidence, s.id, "
        "s.folder, s.started_at "
        "FROM grades g JOIN packs p ON p.id = g.pack_id "
        "JOIN assessments a ON a.id = g.assessment_id "
        "LEFT JOIN sessions s ON s.id = a.session_id "
        "LEFT JOIN certificates c ON c.grade_id = g.id ");
    const QString kLatestOfPack
        = QStringLiteral("g.id = (SELECT g2.id FROM grades g2 WHERE g2.pack_id = p.id "
                         "ORDER BY g2.graded_at DESC, g2.id DESC LIMIT 1)");

    QJsonObject objectOf(const QVariant& text)
    {
        return QJsonDocument::fromJson(text.toString().toUtf8()).object();
    }

    GradedPack readRow(const QSqlQuery& q)
    {
        GradedPack g;
        g.pack = { q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString(), q.value(4).toString(), q.value(5).toString(),
            q.value(6).toDouble(), q.value(7).toDouble(), q.value(8).toString(),
            q.value(9).toString(), q.value(10).toString() };
        g.gradeId = q.value(11).toString();
        g.gradedAt = q.value(12).toString();
        g.gradeBody = objectOf(q.value(13));
        g.assessmentBody = objectOf(q.value(14));
        if (!q.value(15).isNull())
            g.certificate = IssuedCertificate { q.value(15).toString(), q.value(16).toString(),
                q.value(17).toString(), q.value(18).toString(), q.value(19).toString().toUtf8() };
        g.evidence = objectOf(q.value(20));
        g.sessionId = q.value(21).toString();
        g.sessionFolder = q.value(22).toString();
        g.sessionStartedAt = q.value(23).toString();
        return g;
    }

    tl::expected<std::vector<GradedPack>, Error> select(
        Inventory& inventory, const QString& where, const QVariantList& values, const QString& what)
    {
        auto q = runSql(inventory, kSelect + where, values, what);
        if (!q)
            return tl::unexpected(q.error());
        std::vector<GradedPack> out;
        while (q->next())
            out.push_back(readRow(*q));
        return out;
    }

    double numberOr(const QJsonValue& v, double fallback)
    {
        return v.isDouble() ? v.toDouble() : fallback;
    }

    RuleResult::Outcome outcomeOf(const QString& name)
    {
        using O = RuleResult::Outcome;
        for (const O o : { O::Pass, O::Fail, O::Retest, O::NotMeasured }) {
            if (name == QLatin1String(outcomeName(o)))
                return o;
        }
        return O::NotMeasured;
    }

} // namespace

tl::expected<QSqlQuery, Error> runSql(
    Inventory& inventory, const QString& sql, const QVariantList& values, const QString& what)
{
    QSqlQuery q(inventory.database());
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return tl::unexpected(inventory.sqlError(what, q));
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values[i]);
    if (!q.exec())
        return tl::unexpected(inventory.sqlError(what, q));
    return q;
}

tl::expected<std::optional<GradedPack>, Error> findGradedPack(
    Inventory& inventory, const QString& gradeOrPack)
{
    const QString what = QStringLiteral("find graded pack ") + gradeOrPack;
    auto byGrade = select(inventory, QStringLiteral("WHERE g.id = ?"), { gradeOrPack }, what);
    if (!byGrade)
        return tl::unexpected(byGrade.error());
    if (!byGrade->empty())
        return byGrade->front();
    auto byPack
        = select(inventory, QStringLiteral("WHERE (p.id = ? OR p.serial = ?) AND ") + kLatestOfPack,
            { gradeOrPack, gradeOrPack }, what);
    if (!byPack)
        return tl::unexpected(byPack.error());
    if (byPack->empty())
        return std::optional<GradedPack>();
    return byPack->front();
}

tl::expected<std::vector<GradedPack>, Error> latestGradedPacks(
    Inventory& inventory, const QString& sinceUtc)
{
    return select(inventory,
        QStringLiteral("WHERE ") + kLatestOfPack
            + QStringLiteral(" AND g.graded_at >= ? ORDER BY p.serial"),
        { sinceUtc.isEmpty() ? QStringLiteral("0") : sinceUtc },
        QStringLiteral("list graded packs"));
}

tl::expected<void, Error> insertCertificateRow(
    Inventory& inventory, const QString& gradeId, const SignedCertificate& cert)
{
    auto ok = runSql(inventory,
        QStringLiteral("INSERT INTO certificates (id, grade_id, issued_at, document_sha256, "
                       "signature, envelope, key_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        { cert.certificateId(), gradeId, certificateTimestamp(cert.data.issuedAt),
            cert.contentSha256(), QString::fromLatin1(cert.signature.toBase64()),
            QString::fromUtf8(cert.envelope()), cert.keyFingerprint() },
        QStringLiteral("store certificate of grade ") + gradeId);
    if (!ok)
        return tl::unexpected(ok.error());
    return {};
}

tl::expected<void, Error> storeCertificate(Inventory& inventory, const QString& gradeId,
    const SignedCertificate& cert, const QString& actor)
{
    return inventory.transaction([&]() -> tl::expected<void, Error> {
        if (auto ok = insertCertificateRow(inventory, gradeId, cert); !ok)
            return ok;
        auto audit = runSql(inventory,
            QStringLiteral("INSERT INTO audit_log (id, at, actor, action, entity, entity_id, "
                           "detail) VALUES (?, ?, ?, 'certificate.issue', 'certificates', ?, ?)"),
            { newUuid(), utcNow(), actor, cert.certificateId(),
                QStringLiteral("grade %1 key %2").arg(gradeId, cert.keyFingerprint()) },
            QStringLiteral("audit"));
        if (!audit)
            return tl::unexpected(audit.error());
        return {};
    });
}

GradeResult gradeResultFromStored(const QJsonObject& body)
{
    GradeResult g;
    g.grade = body.value(QStringLiteral("grade")).toString();
    g.targetApplication = body.value(QStringLiteral("target_application")).toString();
    g.fallbackGrade = body.value(QStringLiteral("fallback_grade")).toString();
    for (const QJsonValue& r : body.value(QStringLiteral("reasons")).toArray())
        g.reasons << r.toString();
    g.bmsMismatch = body.value(QStringLiteral("bms_mismatch")).toBool();
    g.moduleAdvice = body.value(QStringLiteral("module_advice")).toString();
    const QJsonObject policy = body.value(QStringLiteral("policy")).toObject();
    g.policyName = policy.value(QStringLiteral("name")).toString();
    g.policyVersion = policy.value(QStringLiteral("version")).toString();
    g.policySha256 = policy.value(QStringLiteral("sha256")).toString();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (const QJsonValue& v : body.value(QStringLiteral("rules")).toArray()) {
        const QJsonObject o = v.toObject();
        RuleResult r;
        r.application = o.value(QStringLiteral("application")).toString();
        r.rule = o.value(QStringLiteral("rule")).toString();
        r.measure = o.value(QStringLiteral("measure")).toString();
        r.value = numberOr(o.value(QStringLiteral("value")), nan);
        r.lower = numberOr(o.value(QStringLiteral("interval")).toArray().at(0), nan);
        r.upper = numberOr(o.value(QStringLiteral("interval")).toArray().at(1), nan);
        r.conservative = numberOr(o.value(QStringLiteral("conservative")), nan);
        r.threshold = numberOr(o.value(QStringLiteral("threshold")), nan);
        r.margin = numberOr(o.value(QStringLiteral("margin")), nan);
        r.detail = o.value(QStringLiteral("detail")).toString();
        r.source = o.value(QStringLiteral("source")).toString();
        r.outcome = outcomeOf(o.value(QStringLiteral("result")).toString());
        g.rules.push_back(r);
    }
    return g;
}

} // namespace pg::core
