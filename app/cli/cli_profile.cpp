// packgrade-cli profile new --dbc F: a starting mapping for a DBC; and the `signals` object that
// `replay --profile P` prints.
#include "can/dbc_parser.h"
#include "can/profile_template.h"
#include "cli_common.h"
#include "commands.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace pg::app {

QJsonObject profileSignalsJson(const core::ProfileReplay& replay)
{
    QJsonObject out;
    for (const auto& [name, st] : replay.fields) {
        QJsonObject o;
        o[QStringLiteral("count")] = static_cast<double>(st.count);
        if (st.invalid > 0)
            o[QStringLiteral("invalid")] = static_cast<double>(st.invalid);
        if (st.isText) {
            o[QStringLiteral("last")] = st.lastText;
        } else if (st.count > 0) {
            o[QStringLiteral("min")] = st.min;
            o[QStringLiteral("max")] = st.max;
            o[QStringLiteral("last")] = st.last;
        }
        out[name] = o;
    }
    return out;
}

QString profileSignalsText(const core::ProfileReplay& replay)
{
    QString t = QStringLiteral("\nprofile     %1 (%2), %3 snapshots\n")
                    .arg(replay.profile, replay.profileFile)
                    .arg(replay.snapshots);
    for (const auto& [name, st] : replay.fields) {
        if (name.contains(QLatin1Char('[')))
            continue; // per-element lines are in --json
        if (st.isText)
            t += QStringLiteral("  %1 %2 x  \"%3\"\n")
                     .arg(name, -28)
                     .arg(st.count, 6)
                     .arg(st.lastText);
        else
            t += QStringLiteral("  %1 %2 x  min %3  max %4  last %5%6\n")
                     .arg(name, -28)
                     .arg(st.count, 6)
                     .arg(st.min, 0, 'g', 6)
                     .arg(st.max, 0, 'g', 6)
                     .arg(st.last, 0, 'g', 6)
                     .arg(st.invalid > 0 ? QStringLiteral("  (%1 invalid)").arg(st.invalid)
                                         : QString());
    }
    return t;
}

namespace {

    int runProfileNew(const QStringList& args)
    {
        QCommandLineParser p;
        p.setApplicationDescription(
            QStringLiteral("Write a starting pack-profile mapping for a DBC, guessed from its "
                           "signal names and units. Check every field before use."));
        const QCommandLineOption dbc(
            QStringLiteral("dbc"), QStringLiteral("The pack's DBC file."), QStringLiteral("F"));
        const QCommandLineOption out(QStringLiteral("out"),
            QStringLiteral("Write here (default: stdout)."), QStringLiteral("OUT"));
        const QCommandLineOption name(QStringLiteral("name"),
            QStringLiteral("Profile name (default: the DBC's base name)."), QStringLiteral("NAME"));
        p.addOptions({ dbc, out, name });
        int code = 0;
        if (!parseArgs(p, QStringLiteral("profile new"), args, code))
            return code;
        if (!p.isSet(dbc))
            return usage(QStringLiteral("profile new"), QStringLiteral("--dbc F is required"));
        const std::string dbcPath = p.value(dbc).toStdString();
        auto db = can::DbcParser::load(dbcPath, {});
        if (!db)
            return fail({ core::kExitBadInput, QString::fromStdString(db.error().toString()) });
        const QFileInfo dbcInfo(p.value(dbc));
        // The mapping refers to the DBC relative to itself, so both can move together.
        const QString outDir = p.isSet(out) ? QFileInfo(p.value(out)).absolutePath()
                                            : QFileInfo(QStringLiteral(".")).absoluteFilePath();
        const QString relative = QDir(outDir).relativeFilePath(dbcInfo.absoluteFilePath());
        const QString profileName = p.isSet(name) ? p.value(name) : dbcInfo.completeBaseName();
        int guessed = 0;
        const QJsonObject mapping = can::makeProfileTemplate(
            *db, relative.toStdString(), profileName.toStdString(), &guessed);
        const QByteArray text = QJsonDocument(mapping).toJson(QJsonDocument::Indented);
        if (!p.isSet(out)) {
            printOut(QString::fromUtf8(text));
        } else {
            QFile f(p.value(out));
            if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text) != text.size())
                return fail({ core::kExitFailed,
                    QStringLiteral("%1: cannot write: %2").arg(p.value(out), f.errorString()) });
        }
        printErr(QStringLiteral(
            "profile new: %1 field mappings guessed from %2; every one is marked as a GAP to check")
                     .arg(guessed)
                     .arg(p.value(dbc)));
        return guessed > 0 ? core::kExitOk : core::kExitFailed;
    }

} // namespace

int runProfile(const QStringList& args)
{
    if (args.isEmpty() || args.first() == QLatin1String("--help")
        || args.first() == QLatin1String("-h")) {
        printOut(QStringLiteral(
            "usage: packgrade-cli profile new --dbc F [--out MAPPING.json] [--name NAME]\n"
            "built-in profiles: generic-dbc (base for mappings), inverter-can, orion-bms2, "
            "foxbms2, nissan-leaf-lbc\n"));
        return args.isEmpty() ? core::kExitUsage : core::kExitOk;
    }
    if (args.first() == QLatin1String("new"))
        return runProfileNew(args.mid(1));
    return usage(QStringLiteral("profile"),
        QStringLiteral("unknown subcommand '%1' (expected: new)").arg(args.first()));
}

} // namespace pg::app
