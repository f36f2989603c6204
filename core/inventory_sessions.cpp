// Inventory: recorded sessions and their measurements (issue 7), beside the grades (issue 8).
#include "certificate_evidence.h"
#include "inventory.h"
#include "session_grading.h"

#include <QJsonDocument>

namespace pg::core {

tl::expected<StoredGrade, Error> Inventory::storeSessionGrade(
    const SessionAssessment& session, const GradeResult& g, const QString& actor)
{
    const Assessment& a = session.assessment;
    StoredGrade s { newUuid(), QString(), newUuid(), utcNow() };
    const QString sessionId = session.meta.value(QStringLiteral("session_id")).toString();
    auto ok = transaction([&]() -> tl::expected<void, Error> {
        if (auto r = insertGrade(a, g, actor, s); !r)
            return r;
        auto inserted = run(
            QStringLiteral(
                "INSERT INTO sessions (id, pack_id, bench, operator_id, started_at, folder, "
                "frame_log_sha256) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"),
            { sessionId, s.packId, session.meta.value(QStringLiteral("bench")).toString(), actor,
                session.meta.value(QStringLiteral("started")).toString(), session.dir,
                session.frameLogSha256.isEmpty() ? QVariant() : QVariant(session.frameLogSha256) },
            QStringLiteral("store session"));
        if (!inserted)
            return tl::unexpected(inserted.error());
        const bool isNew = (*inserted)->numRowsAffected() > 0;
        for (const SessionMeasurement& m : session.measurements) {
            if (!isNew)
                break; // the session was stored before, with its measurements
            if (auto r = run(QStringLiteral(
                                 "INSERT INTO measurements (id, session_id, kind, value, stderr, "
                                 "unit, method, "
                                 "series_path, series_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                    { newUuid(), sessionId, m.kind, m.value, m.stderrValue, m.unit, m.method,
                        m.seriesPath, m.seriesSha256 },
                    QStringLiteral("store measurement"));
                !r)
                return tl::unexpected(r.error());
        }
        if (auto r = run(QStringLiteral("UPDATE assessments SET session_id = ? WHERE id = ?"),
                { sessionId, s.assessmentId }, QStringLiteral("link assessment to session"));
            !r)
            return tl::unexpected(r.error());
        // What a certificate needs from the folder, kept with the grade (issue 9).
        const QJsonObject evidence
            = collectCertificateEvidence(session.dir, session.assessment.nominalCapacityAh);
        if (auto r = run(QStringLiteral("UPDATE grades SET certificate_evidence = ? WHERE id = ?"),
                { QString::fromUtf8(QJsonDocument(evidence).toJson(QJsonDocument::Compact)),
                    s.gradeId },
                QStringLiteral("store certificate evidence"));
            !r)
            return tl::unexpected(r.error());
        return {};
    });
    if (!ok)
        return tl::unexpected(ok.error());
    return s;
}

} // namespace pg::core
