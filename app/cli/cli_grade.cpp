// packgrade-cli grade --assessment F.json: grades an assessment under a policy and stores it.
#include "cli_common.h"
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
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return tl::unexpected(core::Error { core::kExitBadInput,
                QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()) });
        const QByteArray bytes = f.readAll();
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject()) {
            const int line = static_cast<int>(bytes.left(err.offset).count('\n')) + 1;
            return tl::unexpected(core::Error { core::kExitBadInput,
                QStringLiteral("%1:%2: expected an assessment JSON object (%3)")
                    .arg(path)
                    .arg(line)
                    .arg(err.error == QJsonParseError::NoError ? QStringLiteral("not an object")
                                                               : err.errorString()) });
        }
        return core::assessmentFromJson(doc.object(), path);
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
        QStringLiteral("Recorded session folder (not yet)."), QStringLiteral("DIR"));
    const QCommandLineOption policy(QStringLiteral("policy"),
        QStringLiteral("Policy JSON (default: built in)."), QStringLiteral("F"));
    const QCommandLineOption db(QStringLiteral("db"),
        QStringLiteral("sqlite:PATH or postgresql://user@host:port/db."), QStringLiteral("URL"));
    const QCommandLineOption noStore(
        QStringLiteral("no-store"), QStringLiteral("Grade only; do not store."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    parser.addOptions({ assessment, session, policy, db, noStore, json });
    int exitCode = 0;
    if (!parseArgs(parser, QStringLiteral("grade"), args, exitCode))
        return exitCode;
    if (parser.isSet(session))
        return fail({ core::kExitFailed,
            QStringLiteral("grade --session: session recording is not implemented yet; "
                           "use --assessment F.json") });
    if (!parser.isSet(assessment))
        return usage(QStringLiteral("grade"), QStringLiteral("--assessment F.json is required"));
    auto a = readAssessment(parser.value(assessment));
    if (!a)
        return fail(a.error());
    auto pol
        = parser.isSet(policy) ? core::loadPolicy(parser.value(policy)) : core::loadDefaultPolicy();
    if (!pol)
        return fail(pol.error());
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
    if (parser.isSet(json))
        printJson(out);
    else
        printOut(toText(out));
    return core::kExitOk;
}

} // namespace pg::app
