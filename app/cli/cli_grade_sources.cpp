// packgrade-cli grade --session DIR | --log LOG --profile P: the assessment comes from a recorded
// session folder (estimators re-run on its series) or from a CAN log alone (pre-check).
#include "cli_grade_sources.h"

#include "cli_common.h"
#include "core/grading_json.h"
#include "core/inventory.h"
#include "core/log_precheck.h"
#include "core/session_grade.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace pg::app {

namespace {

    // The grade's JSON (CLI.md keys) with what it was graded from.
    QJsonObject baseJson(const core::GradeResult& g, const core::Assessment& a)
    {
        QJsonObject out = core::gradeToJson(g, a);
        out[QStringLiteral("id")] = QString();
        out[QStringLiteral("pack_serial")] = a.packSerial;
        out[QStringLiteral("assessment")] = core::assessmentToJson(a);
        return out;
    }

} // namespace

int gradeSession(const GradeRequest& req)
{
    QJsonObject inspection;
    if (!req.inspectionPath.isEmpty()) {
        auto typed = readJsonObjectFile(req.inspectionPath, QStringLiteral("an inspection JSON object"));
        if (!typed)
            return fail(typed.error());
        inspection = *typed;
    }
    auto graded = core::gradeSessionFolder(req.source, req.policy, inspection, req.inspectionPath);
    if (!graded)
        return fail(graded.error());
    if (!req.store) {
        core::storeSessionGrade(*graded, nullptr, {});
        return printGrade(graded->json, req.json);
    }
    auto inv = core::Inventory::open(req.dbUrl);
    core::storeSessionGrade(*graded, inv ? inv->get() : nullptr, qEnvironmentVariable("USER"));
    if (!graded->stored)
        return fail(core::keptInFolderError(
            inv ? graded->storeError : inv.error().message, req.dbUrl, graded->session.dir));
    return printGrade(graded->json, req.json);
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
    out[QStringLiteral("hazards")] = QJsonArray::fromStringList(p->hazards);
    out[QStringLiteral("notes")] = QJsonArray::fromStringList(p->notes);
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
