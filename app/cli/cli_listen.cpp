// packgrade-cli listen DEVICE: receive for a while through the real transport, record, summarise;
// with --profile, decode live into PackSnapshots (cli_listen_profile.cpp).
#include "can/transport_factory.h"
#include "cli_common.h"
#include "cli_listen_profile.h"
#include "commands.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTimer>
#include <map>
#include <optional>

namespace pg::app {

int runListen(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Receive frames from DEVICE (virtualcan:can0, slcan:/dev/ttyACM0, "
                       "socketcan:can0, replay:FILE@speed) in listen-only mode."));
    p.addPositionalArgument(QStringLiteral("DEVICE"), QStringLiteral("the adapter"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    const QCommandLineOption bitrate(QStringLiteral("bitrate"),
        QStringLiteral("Bus bitrate in bit/s (default 500000)."), QStringLiteral("N"),
        QStringLiteral("500000"));
    const QCommandLineOption seconds(QStringLiteral("seconds"),
        QStringLiteral("How long to listen (default 5)."), QStringLiteral("S"),
        QStringLiteral("5"));
    const QCommandLineOption frames(
        QStringLiteral("frames"), QStringLiteral("Stop after N frames."), QStringLiteral("N"));
    const QCommandLineOption log(QStringLiteral("log"),
        QStringLiteral("Record every frame to this candump .log."), QStringLiteral("FILE"));
    const QCommandLineOption profile(QStringLiteral("profile"),
        QStringLiteral("Decode live through a pack profile and print each snapshot (--json: one "
                       "JSON object per line, then a summary line)."),
        QStringLiteral("P"));
    const QCommandLineOption interval(QStringLiteral("interval"),
        QStringLiteral("With --profile: at most one snapshot per S seconds (default 1)."),
        QStringLiteral("S"), QStringLiteral("1"));
    p.addOptions({ json, bitrate, seconds, frames, log, profile, interval });
    int code = 0;
    if (!parseArgs(p, QStringLiteral("listen"), args, code))
        return code;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("listen"), QStringLiteral("expected exactly one DEVICE"));
    std::optional<can::ProfileDecoder> decoder;
    if (p.isSet(profile)) {
        auto d = can::ProfileDecoder::load(p.value(profile).toStdString());
        if (!d)
            return fail({ core::kExitBadInput, QString::fromStdString(d.error().toString()) });
        decoder.emplace(std::move(*d));
    }
    int argc = 1;
    char name[] = "packgrade-cli";
    char* argv[] = { name, nullptr };
    QCoreApplication app(argc, argv);

    can::TransportOptions options;
    options.bitrate = decoder && !p.isSet(bitrate) ? decoder->profile().transport.bitrate
                                                   : p.value(bitrate).toInt();
    options.listenOnly = true;
    options.frameLogPath = p.value(log);
    auto transport = can::createTransport(p.positionalArguments().first(), options);
    if (!transport)
        return fail({ core::kExitFailed, transport.error() });
    can::Transport& t = **transport;
    const std::uint64_t maxFrames = p.isSet(frames) ? p.value(frames).toULongLong() : UINT64_MAX;
    if (decoder)
        return listenWithProfile(app, t, *decoder,
            { p.value(seconds).toDouble(), maxFrames, p.value(interval).toDouble(),
                p.isSet(json) });

    std::map<std::uint32_t, std::uint64_t> perId;
    std::uint64_t total = 0;
    QJsonArray events;
    std::vector<can::CanFrame> batch;
    QObject::connect(&t, &can::Transport::framesAvailable, &app, [&] {
        batch.clear();
        t.takeFrames(batch);
        for (const auto& f : batch)
            ++perId[f.id | (f.is(can::CanFrame::Extended) ? 0x80000000U : 0U)];
        total += batch.size();
        if (total >= maxFrames)
            app.quit();
    });
    QObject::connect(&t, &can::Transport::busEvent, &app, [&](const can::BusEvent& e) {
        events.append(
            QStringLiteral("%1: %2").arg(QLatin1String(can::busEventKindName(e.kind)), e.message));
        if (!p.isSet(json))
            printErr(QStringLiteral("event %1: %2")
                         .arg(QLatin1String(can::busEventKindName(e.kind)), e.message));
    });
    QObject::connect(&t, &can::Transport::endOfStream, &app, &QCoreApplication::quit);
    t.open();
    if (!t.waitOpened(5000))
        return fail({ core::kExitFailed, t.lastError() });
    if (!p.isSet(json))
        printErr(QStringLiteral("listening on %1").arg(t.description()));
    QTimer::singleShot(
        static_cast<int>(p.value(seconds).toDouble() * 1000), &app, &QCoreApplication::quit);
    app.exec();
    // Drain what arrived after the last notification.
    batch.clear();
    t.takeFrames(batch);
    for (const auto& f : batch)
        ++perId[f.id | (f.is(can::CanFrame::Extended) ? 0x80000000U : 0U)];
    total += batch.size();
    t.close();

    if (p.isSet(json)) {
        printJson(QJsonObject { { QStringLiteral("device"), t.description() },
            { QStringLiteral("frames"), static_cast<double>(total) },
            { QStringLiteral("ids"), static_cast<double>(perId.size()) },
            { QStringLiteral("dropped"), static_cast<double>(t.framesDropped()) },
            { QStringLiteral("log"), p.value(log) }, { QStringLiteral("events"), events } });
    } else {
        printOut(
            QStringLiteral("%1: %2 frames, %3 ids, %4 dropped%5\n")
                .arg(t.description())
                .arg(total)
                .arg(perId.size())
                .arg(t.framesDropped())
                .arg(p.isSet(log) ? QStringLiteral(", recorded to ") + p.value(log) : QString()));
    }
    return t.state() == can::Transport::State::Failed ? core::kExitFailed : core::kExitOk;
}

} // namespace pg::app
