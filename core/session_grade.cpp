#include "session_grade.h"

#include "grading_json.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace pg::core {

namespace {

    // The grade's JSON (CLI.md keys) with what it was graded from.
    QJsonObject gradeJson(const SessionGrade& g)
    {
        const SessionAssessment& s = g.session;
        QJsonObject out = gradeToJson(g.grade, s.assessment);
        out[QStringLiteral("id")] = QString();
        out[QStringLiteral("pack_serial")] = s.assessment.packSerial;
        out[QStringLiteral("assessment")] = assessmentToJson(s.assessment);
        out[QStringLiteral("session_dir")] = s.dir;
        out[QStringLiteral("session_id")] = s.meta.value(QStringLiteral("session_id"));
        out[QStringLiteral("estimates_match")] = s.mismatches.isEmpty();
        out[QStringLiteral("mismatches")] = QJsonArray::fromStringList(s.mismatches);
        out[QStringLiteral("notes")] = QJsonArray::fromStringList(s.notes);
        out[QStringLiteral("estimates")] = s.recomputed;
        return out;
    }

    void writeGradeFile(const QString& dir, QJsonObject out, bool stored)
    {
        out[QStringLiteral("stored")] = stored;
        QSaveFile f(QDir(dir).filePath(QStringLiteral("grade.json")));
        if (f.open(QIODevice::WriteOnly)) {
            f.write(QJsonDocument(out).toJson());
            f.commit();
        }
    }

} // namespace

tl::expected<SessionGrade, Error> gradeSessionFolder(const QString& dir, const GradingPolicy& policy,
    const QJsonObject& inspection, const QString& inspectionOrigin)
{
    auto s = assessSessionFolder(dir);
    if (!s)
        return tl::unexpected(s.error());
    if (!inspection.isEmpty()) {
        if (auto applied = applyInspection(s->assessment, inspection, inspectionOrigin); !applied)
            return tl::unexpected(applied.error());
    }
    auto g = gradeAssessment(policy, s->assessment);
    if (!g)
        return tl::unexpected(g.error());
    if (!s->mismatches.isEmpty())
        g->reasons.append(QStringLiteral(
            "estimates.json disagrees with the estimators re-run on the recorded series: %1")
                              .arg(s->mismatches.join(QStringLiteral("; "))));
    SessionGrade out { std::move(*s), std::move(*g), std::nullopt, QString(), {} };
    out.json = gradeJson(out);
    return out;
}

void storeSessionGrade(SessionGrade& graded, Inventory* inventory, const QString& user)
{
    if (inventory) {
        auto stored = inventory->storeSessionGrade(graded.session, graded.grade, user);
        if (stored) {
            graded.stored = *stored;
            graded.json[QStringLiteral("id")] = stored->gradeId;
            graded.json[QStringLiteral("pack_id")] = stored->packId;
            graded.json[QStringLiteral("db")] = inventory->urlText();
        } else {
            graded.storeError = stored.error().message;
        }
    }
    writeGradeFile(graded.session.dir, graded.json, graded.stored.has_value());
}

Error keptInFolderError(const QString& why, const QString& url, const QString& dir)
{
    QString text = why;
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return { kExitFailed,
        QStringLiteral("database %1 not reachable or locked (%2); nothing stored, the session "
                       "stays in %3: "
                       "`packgrade-cli grade --session %3` stores it later")
            .arg(url, text, dir) };
}

} // namespace pg::core
