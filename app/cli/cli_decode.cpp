// packgrade-cli decode LOG --dbc F --csv OUT: every decoded signal sample of a recording as CSV
// `time_s,message,signal,value` (../shared/CLI.md).
#include "cli_common.h"
#include "commands.h"
#include "core/log_decode.h"

#include <QJsonArray>

namespace pg::app {

int runDecode(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Decode a recorded CAN log (candump .log, Vector .asc, PCAN .trc) "
                       "with a DBC into CSV time_s,message,signal,value."));
    p.addPositionalArgument(QStringLiteral("LOG"), QStringLiteral("the recording"));
    const QCommandLineOption dbc(
        QStringLiteral("dbc"), QStringLiteral("The DBC file."), QStringLiteral("F"));
    const QCommandLineOption csv(
        QStringLiteral("csv"), QStringLiteral("Where to write the CSV."), QStringLiteral("OUT"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    const QCommandLineOption lenient(QStringLiteral("lenient"),
        QStringLiteral("Skip bad DBC statements (listed as warnings) instead of exiting 3."));
    p.addOptions({ dbc, csv, json, lenient });
    int code = 0;
    if (!parseArgs(p, QStringLiteral("decode"), args, code))
        return code;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("decode"), QStringLiteral("expected exactly one LOG file"));
    if (!p.isSet(dbc) || !p.isSet(csv))
        return usage(
            QStringLiteral("decode"), QStringLiteral("--dbc F and --csv OUT are required"));
    const auto db = core::loadDbc(p.value(dbc), p.isSet(lenient));
    if (!db)
        return fail(db.error());
    for (const auto& e : db->skipped)
        printErr(QStringLiteral("warning: ") + QString::fromStdString(e.toString()));
    const can::DbcDecoder decoder(*db);
    const auto r = core::decodeLogToCsv(p.positionalArguments().first(), decoder, p.value(csv));
    if (!r)
        return fail(r.error());
    if (p.isSet(json)) {
        QJsonObject o;
        o[QStringLiteral("csv")] = p.value(csv);
        o[QStringLiteral("frames")] = static_cast<double>(r->frames);
        o[QStringLiteral("decoded_frames")] = static_cast<double>(r->decodedFrames);
        o[QStringLiteral("unknown_id_frames")] = static_cast<double>(r->unknownIdFrames);
        o[QStringLiteral("rows")] = static_cast<double>(r->rows);
        o[QStringLiteral("errors")] = static_cast<double>(r->malformedLines);
        QJsonArray skipped;
        for (const auto& e : db->skipped)
            skipped.append(QString::fromStdString(e.toString()));
        o[QStringLiteral("dbc_skipped")] = skipped;
        printJson(o);
    } else {
        printOut(QStringLiteral("%1: %2 rows from %3 of %4 frames\n")
                     .arg(p.value(csv))
                     .arg(r->rows)
                     .arg(r->decodedFrames)
                     .arg(r->frames));
    }
    if (r->frames == 0 && r->malformedLines > 0)
        return fail({ core::kExitBadInput,
            QStringLiteral("%1: no readable frame (%2 malformed lines)")
                .arg(p.positionalArguments().first())
                .arg(r->malformedLines) });
    return core::kExitOk;
}

} // namespace pg::app
