// packgrade-cli replay LOG [--dbc F]: what a recording holds (frames, duration, ids, malformed
// lines) and, with a DBC, count/min/max/last of every decoded signal.
#include "can/candump_format.h"
#include "cli_common.h"
#include "commands.h"
#include "core/log_decode.h"
#include "core/replay_summary.h"

#include <QJsonArray>
#include <optional>

namespace pg::app {

namespace {

QString idText(const core::ReplaySummary::IdStats& st)
{
    return QStringLiteral("%1").arg(st.id, st.extended ? 8 : 3, 16, QLatin1Char('0')).toUpper();
}

double rateHz(const core::ReplaySummary::IdStats& st)
{
    const double span = static_cast<double>(st.lastUs - st.firstUs) * 1e-6;
    return st.count > 1 && span > 0 ? static_cast<double>(st.count - 1) / span : 0.0;
}

// `signals`: {"Message.Signal": {count, min, max, last, unit[, last_label]}}.
QJsonObject signalsJson(const core::ReplaySummary& s)
{
    QJsonObject out;
    for (const core::SignalStats& st : s.signalStats) {
        QJsonObject o;
        o[QStringLiteral("count")] = static_cast<double>(st.count);
        o[QStringLiteral("min")] = st.min;
        o[QStringLiteral("max")] = st.max;
        o[QStringLiteral("last")] = st.last;
        o[QStringLiteral("unit")] = QString::fromStdString(st.unit);
        if (!st.lastLabel.empty())
            o[QStringLiteral("last_label")] = QString::fromStdString(st.lastLabel);
        out[QString::fromStdString(st.key())] = o;
    }
    return out;
}

QJsonObject dbcJson(const can::DbcDatabase& db, const core::ReplaySummary& s)
{
    QJsonObject o;
    o[QStringLiteral("file")] = QString::fromStdString(db.file);
    o[QStringLiteral("messages")] = static_cast<double>(db.messages.size());
    QJsonArray skipped;
    for (const auto& e : db.skipped)
        skipped.append(QString::fromStdString(e.toString()));
    o[QStringLiteral("skipped")] = skipped;
    o[QStringLiteral("warnings")] = static_cast<double>(db.warnings.size());
    o[QStringLiteral("decoded_frames")] = static_cast<double>(s.decodedFrames);
    o[QStringLiteral("unknown_id_frames")] = static_cast<double>(s.unknownIdFrames);
    o[QStringLiteral("truncated_frames")] = static_cast<double>(s.truncatedFrames);
    return o;
}

QJsonObject toJson(const core::ReplaySummary& s)
{
    QJsonObject o;
    o[QStringLiteral("file")] = s.path;
    o[QStringLiteral("format")] = s.format;
    o[QStringLiteral("frames")] = static_cast<double>(s.frames);
    o[QStringLiteral("duration_s")] = s.durationS();
    o[QStringLiteral("ids")] = static_cast<double>(s.ids.size());
    o[QStringLiteral("errors")] = static_cast<double>(s.malformedLines);
    o[QStringLiteral("error_frames")] = static_cast<double>(s.errorFrames);
    o[QStringLiteral("fd_frames")] = static_cast<double>(s.fdFrames);
    o[QStringLiteral("remote_frames")] = static_cast<double>(s.remoteFrames);
    o[QStringLiteral("channels")] = QJsonArray::fromStringList(s.channels);
    o[QStringLiteral("signals")] = signalsJson(s);
    QJsonArray ids;
    for (const auto& st : s.ids) {
        QJsonObject id;
        id[QStringLiteral("id")] = idText(st);
        id[QStringLiteral("extended")] = st.extended;
        id[QStringLiteral("count")] = static_cast<double>(st.count);
        id[QStringLiteral("rate_hz")] = rateHz(st);
        id[QStringLiteral("last")] = QString::fromStdString(can::toCandumpText(st.last));
        ids.append(id);
    }
    o[QStringLiteral("id_list")] = ids;
    QJsonArray issues;
    for (const auto& e : s.issues)
        issues.append(QString::fromStdString(e.toString()));
    o[QStringLiteral("issues")] = issues;
    QJsonArray events;
    for (const auto& e : s.busEvents)
        events.append(QStringLiteral("%1 %2").arg(QLatin1String(can::busEventKindName(e.kind)), e.message));
    o[QStringLiteral("bus_events")] = events;
    return o;
}

QString toText(const core::ReplaySummary& s)
{
    QString t = QStringLiteral("%1 (%2)\n").arg(s.path, s.format);
    t += QStringLiteral("frames      %1 (%2 CAN FD, %3 remote, %4 error frames)\n")
             .arg(s.frames)
             .arg(s.fdFrames)
             .arg(s.remoteFrames)
             .arg(s.errorFrames);
    t += QStringLiteral("duration    %1 s\n").arg(s.durationS(), 0, 'f', 3);
    t += QStringLiteral("channels    %1\n").arg(s.channels.join(QStringLiteral(", ")));
    t += QStringLiteral("ids         %1\n").arg(s.ids.size());
    t += QStringLiteral("malformed   %1 lines\n").arg(s.malformedLines);
    if (!s.ids.empty()) {
        t += QStringLiteral("\n  id          count    rate/s  last\n");
        for (const auto& st : s.ids)
            t += QStringLiteral("  %1 %2 %3  %4\n")
                     .arg(idText(st), -9)
                     .arg(st.count, 8)
                     .arg(rateHz(st), 9, 'f', 1)
                     .arg(QString::fromStdString(can::toCandumpText(st.last)));
    }
    for (const auto& e : s.busEvents)
        t += QStringLiteral("bus event   %1: %2\n").arg(QLatin1String(can::busEventKindName(e.kind)), e.message);
    if (s.decoded) {
        t += QStringLiteral("\ndecoded     %1 frames (%2 with ids the DBC does not define)\n")
                 .arg(s.decodedFrames)
                 .arg(s.unknownIdFrames);
        t += QStringLiteral("  signal                                         count          min          max         last\n");
        for (const core::SignalStats& st : s.signalStats)
            t += QStringLiteral("  %1 %2 %3 %4 %5 %6\n")
                     .arg(QString::fromStdString(st.key()), -45)
                     .arg(st.count, 6)
                     .arg(st.min, 12, 'g', 8)
                     .arg(st.max, 12, 'g', 8)
                     .arg(st.last, 12, 'g', 8)
                     .arg(QString::fromStdString(st.lastLabel.empty() ? st.unit : st.lastLabel));
    }
    return t;
}

void printIssues(const core::ReplaySummary& s, const can::DbcDatabase* db)
{
    if (db != nullptr) {
        for (const auto& e : db->skipped)
            printErr(QStringLiteral("warning: ") + QString::fromStdString(e.toString()));
    }
    const long shown = static_cast<long>(s.issues.size() < 20 ? s.issues.size() : 20);
    for (long i = 0; i < shown; ++i)
        printErr(QStringLiteral("warning: ") + QString::fromStdString(s.issues[static_cast<std::size_t>(i)].toString()));
    if (s.malformedLines > shown)
        printErr(QStringLiteral("warning: %1 more malformed lines in %2").arg(s.malformedLines - shown).arg(s.path));
}

} // namespace

int runReplay(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Summarise a recorded CAN log: candump -l .log, Vector .asc "
                                               "or PCAN .trc; with --dbc, decode it."));
    p.addPositionalArgument(QStringLiteral("LOG"), QStringLiteral("the recording"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    const QCommandLineOption strict(QStringLiteral("strict"),
        QStringLiteral("Exit 3 when any line is malformed (they are always reported and skipped)."));
    const QCommandLineOption dbc(QStringLiteral("dbc"), QStringLiteral("Decode with a DBC file."), QStringLiteral("F"));
    const QCommandLineOption lenient(QStringLiteral("lenient"),
        QStringLiteral("Skip bad DBC statements (listed as warnings) instead of exiting 3."));
    const QCommandLineOption profile(QStringLiteral("profile"), QStringLiteral("Decode with a pack profile."),
        QStringLiteral("P"));
    p.addOptions({ json, strict, dbc, lenient, profile });
    int code = 0;
    if (!parseArgs(p, QStringLiteral("replay"), args, code))
        return code;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("replay"), QStringLiteral("expected exactly one LOG file"));
    std::optional<can::DbcDatabase> db;
    std::optional<can::DbcDecoder> decoder;
    if (p.isSet(dbc)) {
        auto loaded = core::loadDbc(p.value(dbc), p.isSet(lenient));
        if (!loaded)
            return fail(loaded.error());
        db.emplace(std::move(*loaded));
        decoder.emplace(*db);
    }
    const auto summary = core::summarizeLog(p.positionalArguments().first(), decoder ? &*decoder : nullptr);
    if (!summary)
        return fail(summary.error());
    // --profile: `signals` holds the snapshot fields the profile decoded (cli_profile.cpp).
    tl::expected<core::ProfileReplay, core::Error> decoded;
    if (p.isSet(profile)) {
        decoded = core::replayWithProfile(p.positionalArguments().first(), p.value(profile));
        if (!decoded)
            return fail(decoded.error());
    }
    if (p.isSet(json)) {
        QJsonObject o = toJson(*summary);
        if (db)
            o[QStringLiteral("dbc")] = dbcJson(*db, *summary);
        if (p.isSet(profile)) {
            o[QStringLiteral("signals")] = profileSignalsJson(*decoded);
            o[QStringLiteral("profile")] = decoded->profile;
            o[QStringLiteral("check_failures")] = static_cast<double>(decoded->checkFailures);
        }
        printJson(o);
    } else {
        printOut(toText(*summary) + (p.isSet(profile) ? profileSignalsText(*decoded) : QString()));
    }
    printIssues(*summary, db ? &*db : nullptr);
    if (summary->frames == 0 && summary->malformedLines > 0)
        return fail({ core::kExitBadInput, QStringLiteral("%1: no readable frame (%2 malformed lines)")
                                               .arg(summary->path)
                                               .arg(summary->malformedLines) });
    if (p.isSet(strict) && summary->malformedLines > 0)
        return fail({ core::kExitBadInput, QString::fromStdString(summary->issues.front().toString()) });
    return core::kExitOk;
}

} // namespace pg::app
