// packgrade-cli grade --session DIR | --log LOG --profile P: the assessment comes from a recorded
// session folder (estimators re-run on its series) or from a CAN log alone (pre-check).
#include "cli_grade_sources.h"

#include "cli_common.h"
#include "core/grading_json.h"
#include "core/inventory.h"
#include "core/log_precheck.h"
#include "core/session_grading.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace pg::app {

namespace {

    QJsonArray toArray(const QStringList& list)
    {
        QJsonArray a;
        for (const QString& s : list)
            a.append(s);
        return a;
    }

    // The grade's JSON (CLI.md keys) with what it was graded from.
    QJsonObject baseJson(const core::GradeResult& g, const core::Assessment& a)
    {
        QJsonObject out = core::gradeToJson(g, a);
        out[QStringLiteral("id")] = QString();
        out[QStringLiteral("pack_serial")] = a.packSerial;
        out[QStringLiteral("assessment")] = core::assessmentToJson(a);
        return out;
    }

    // grade.json in the session folder: the answer, and whether the inventory has it yet.
    void writeGradeFile(const QString& dir, QJsonObject out, bool stored)
    {
        out[QStringLiteral("stored")] = stored;
        QSaveFile f(QDir(dir).filePath(QStringLiteral("grade.json")));
        if (f.open(QIODevice::WriteOnly)) {
            f.write(QJsonDocument(out).toJson());
            f.commit();
        }
    }

    core::Error keptInFolder(const core::Error& e, const QString& url, const QString& dir)
    {
        QString why = e.message;
        why.replace(QLatin1Char('\n'), QLatin1Char(' '));
        return { core::kExitFailed,
            QStringLiteral("database %1 not reachable or locked (%2); nothing stored, the session "
                           "stays in %3: "
                           "`packgrade-cli grade --session %3` stores it later")
                .arg(url, why, dir) };
    }

    QJsonObject sessionJson(const core::SessionAssessment& s)
    {
        return { { QStringLiteral("session_dir"), s.dir },
            { QStringLiteral("session_id"), s.meta.value(QStringLiteral("session_id")) },
            { QStringLiteral("estimates_match"), s.mismatches.isEmpty() },
            { QStringLiteral("mismatches"), toArray(s.mismatches) },
            { QStringLiteral("notes"), toArray(s.notes) },
            { QStringLiteral("estimates"), s.recomputed } };
    }

} // namespace

int gradeSession(const GradeRequest& req)
{
    auto s = core::assessSessionFolder(req.source);
    if (!s)
        return fail(s.error());
    if (!req.inspectionPath.isEmpty()) {
        auto typed = readJsonObjectFile(req.inspectionPath, QStringLiteral("an inspection JSON object"));
        if (!typed)
            return fail(typed.error());
        if (auto applied = core::applyInspection(s->assessment, *typed, req.inspectionPath); !applied)
            return fail(applied.error());
    }
    auto g = core::gradeAssessment(req.policy, s->assessment);
    if (!g)
        return fail(g.error());
    if (!s->mismatches.isEmpty())
        g->reasons.append(QStringLiteral(
            "estimates.json disagrees with the estimators re-run on the recorded series: %1")
                              .arg(s->mismatches.join(QStringLiteral("; "))));
    QJsonObject out = baseJson(*g, s->assessment);
    const QJsonObject session = sessionJson(*s);
    for (auto i = session.begin(); i != session.end(); ++i)
        out[i.key()] = i.value();
    if (!req.store) {
        writeGradeFile(s->dir, out, false);
        return printGrade(out, req.json);
    }
    auto inv = core::Inventory::open(req.dbUrl);
    auto stored = inv ? (*inv)->storeSessionGrade(*s, *g, qEnvironmentVariable("USER"))
                      : tl::expected<core::StoredGrade, core::Error>(tl::unexpect, inv.error());
    if (!stored) {
        writeGradeFile(s->dir, out, false);
        return fail(keptInFolder(stored.error(), req.dbUrl, s->dir));
    }
    out[QStringLiteral("id")] = stored->gradeId;
    out[QStringLiteral("pack_id")] = stored->packId;
    out[QStringLiteral("db")] = (*inv)->urlText();
    writeGradeFile(s->dir, out, true);
    return printGrade(out, req.json);
}

int gradeLog(const GradeRequest& req, const QString& profile, const core::PrecheckOptions& options)
{
    auto p = core::precheckFromLog(req.source, profile, options);
    if (!p)
        return fail(p.error());
    auto g = core::gradeAssessment(req.policy, p->assessment);
    if (!g)
        return fail(g.error());
    core::applyHazards(*p, *g);
    QJsonObject out = baseJson(*g, p->assessment);
    out[QStringLiteral("precheck")] = p->summary;
    out[QStringLiteral("hazards")] = toArray(p->hazards);
    out[QStringLiteral("notes")] = toArray(p->notes);
    out[QStringLiteral("log_sha256")] = p->logSha256;
    if (req.store) {
        auto inv = core::Inventory::open(req.dbUrl);
        if (!inv)
            return fail(inv.error());
        auto stored = (*inv)->storeGrade(p->assessment, *g, qEnvironmentVariable("USER"));
        if (!stored)
            return fail(stored.error());
        out[QStringLiteral("id")] = stored->gradeId;
        out[QStringLiteral("pack_id")] = stored->packId;
        out[QStringLiteral("db")] = (*inv)->urlText();
    }
    return printGrade(out, req.json);
}

} // namespace pg::app
