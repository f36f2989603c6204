// packgrade-cli grade --assessment F.json: grades an assessment under a policy and stores it.
#include "cli_common.h"
#include "cli_grade_sources.h"
#include "commands.h"
#include "core/grading_json.h"
#include "core/inventory.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace pg::app {

namespace {

    tl::expected<core::Assessment, core::Error> readAssessment(const QString& path)
    {
        auto o = readJsonObjectFile(path, QStringLiteral("an assessment JSON object"));
        if (!o)
            return tl::unexpected(o.error());
        return core::assessmentFromJson(*o, path);
    }

    QString toText(const QJsonObject& g)
    {
        QString t
            = QStringLiteral("grade       %1").arg(g.value(QStringLiteral("grade")).toString());
        if (!g.value(QStringLiteral("target_application")).toString().isEmpty())
            t += QStringLiteral(" (%1)").arg(
                g.value(QStringLiteral("target_application")).toString());
        t += QStringLiteral("\nid          %1\n").arg(g.value(QStringLiteral("id")).toString());
        const QJsonObject p = g.value(QStringLiteral("policy")).toObject();
        t += QStringLiteral("policy      %1 %2 (sha256 %3)\n")
                 .arg(p.value(QStringLiteral("name")).toString(),
                     p.value(QStringLiteral("version")).toString(),
                     p.value(QStringLiteral("sha256")).toString());
        for (const QJsonValue& r : g.value(QStringLiteral("reasons")).toArray())
            t += QStringLiteral("  - %1\n").arg(r.toString());
        return t;
    }

} // namespace

int runGrade(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Grades an assessment (reuse, repurpose, recycle or retest) and stores it."));
    const QCommandLineOption assessment(
        QStringLiteral("assessment"), QStringLiteral("Assessment JSON file."), QStringLiteral("F"));
    const QCommandLineOption session(QStringLiteral("session"),
        QStringLiteral("Recorded session folder: re-assessed from its series."), QStringLiteral("DIR"));
    const QCommandLineOption log(QStringLiteral("log"),
        QStringLiteral("CAN log of the pack at rest: pre-check grade (needs --profile)."), QStringLiteral("LOG"));
    const QCommandLineOption profile(QStringLiteral("profile"),
        QStringLiteral("Pack profile for --log (name or path)."), QStringLiteral("P"));
    const QCommandLineOption chemistry(QStringLiteral("chemistry"),
        QStringLiteral("Chemistry for --log (nmc, nca, lfp, lmo; default nmc)."), QStringLiteral("C"),
        QStringLiteral("nmc"));
    const QCommandLineOption serial(QStringLiteral("serial"),
        QStringLiteral("Pack serial for --log when the BMS sends none."), QStringLiteral("S"));
    const QCommandLineOption policy(QStringLiteral("policy"),
        QStringLiteral("Policy JSON (default: built in)."), QStringLiteral("F"));
    const QCommandLineOption db(QStringLiteral("db"),
        QStringLiteral("sqlite:PATH or postgresql://user@host:port/db."), QStringLiteral("URL"));
    const QCommandLineOption noStore(
        QStringLiteral("no-store"), QStringLiteral("Grade only; do not store."));
    const QCommandLineOption inspection(QStringLiteral("inspection"),
        QStringLiteral("With --session: what the technician measured or saw apart from the session "
                       "(isolation_ohm, self_discharge_v_per_day, capacity_spread, findings)."),
        QStringLiteral("F"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    parser.addOptions({ assessment, session, log, profile, chemistry, serial, policy, db, noStore, inspection, json });
    int exitCode = 0;
    if (!parseArgs(parser, QStringLiteral("grade"), args, exitCode))
        return exitCode;
    if (int(parser.isSet(session)) + int(parser.isSet(log)) + int(parser.isSet(assessment)) != 1)
        return usage(QStringLiteral("grade"),
            QStringLiteral("give one of --session DIR, --log LOG --profile P, --assessment F.json"));
    if (parser.isSet(inspection) && !parser.isSet(session))
        return usage(QStringLiteral("grade"), QStringLiteral("--inspection goes with --session DIR"));
    if (parser.isSet(log) && !parser.isSet(profile))
        return usage(QStringLiteral("grade"), QStringLiteral("--log needs --profile P"));
    auto pol
        = parser.isSet(policy) ? core::loadPolicy(parser.value(policy)) : core::loadDefaultPolicy();
    if (!pol)
        return fail(pol.error());
    const GradeRequest request { parser.isSet(session) ? parser.value(session) : parser.value(log), *pol,
        parser.isSet(db) ? parser.value(db) : core::defaultDatabaseUrl(), !parser.isSet(noStore),
        parser.isSet(json), parser.value(inspection) };
    if (parser.isSet(session))
        return gradeSession(request);
    if (parser.isSet(log))
        return gradeLog(request, parser.value(profile),
            { parser.value(chemistry), parser.value(serial), 0.0 });
    auto a = readAssessment(parser.value(assessment));
    if (!a)
        return fail(a.error());
    auto g = core::gradeAssessment(*pol, *a);
    if (!g)
        return fail(g.error());
    QJsonObject out = core::gradeToJson(*g, *a);
    out[QStringLiteral("id")] = QString();
    if (!parser.isSet(noStore)) {
        auto inv = core::Inventory::open(
            parser.isSet(db) ? parser.value(db) : core::defaultDatabaseUrl());
        if (!inv)
            return fail(inv.error());
        auto stored = (*inv)->storeGrade(*a, *g, qEnvironmentVariable("USER"));
        if (!stored)
            return fail(stored.error());
        out[QStringLiteral("id")] = stored->gradeId;
        out[QStringLiteral("pack_id")] = stored->packId;
        out[QStringLiteral("db")] = (*inv)->urlText();
    }
    return printGrade(out, parser.isSet(json));
}

int printGrade(const QJsonObject& grade, bool json)
{
    if (json)
        printJson(grade);
    else
        printOut(toText(grade));
    return core::kExitOk;
}

} // namespace pg::app
