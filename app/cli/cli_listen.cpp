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

namespace {

    std::uint32_t idKey(const can::CanFrame& f)
    {
        return f.id | (f.is(can::CanFrame::Extended) ? 0x80000000U : 0U);
    }

    // Without a profile: count frames per id and bus events, print a summary.
    int listenRaw(QCoreApplication& app, can::Transport& t, const ListenLimits& limits,
        const QString& logPath)
    {
        std::map<std::uint32_t, std::uint64_t> perId;
        std::uint64_t total = 0;
        QJsonArray events;
        std::vector<can::CanFrame> batch;
        auto drain = [&] {
            batch.clear();
            t.takeFrames(batch);
            for (const auto& f : batch)
                ++perId[idKey(f)];
            total += batch.size();
        };
        QObject::connect(&t, &can::Transport::framesAvailable, &app, [&] {
            drain();
            if (total >= limits.maxFrames)
                app.quit();
        });
        QObject::connect(&t, &can::Transport::busEvent, &app, [&](const can::BusEvent& e) {
            const QString text = QStringLiteral("%1: %2").arg(
                QLatin1String(can::busEventKindName(e.kind)), e.message);
            events.append(text);
            if (!limits.json)
                printErr(QStringLiteral("event ") + text);
        });
        QObject::connect(&t, &can::Transport::endOfStream, &app, &QCoreApplication::quit);
        t.open();
        if (!t.waitOpened(5000))
            return fail({ core::kExitFailed, t.lastError() });
        if (!limits.json)
            printErr(QStringLiteral("listening on %1").arg(t.description()));
        QTimer::singleShot(static_cast<int>(limits.seconds * 1000), &app, &QCoreApplication::quit);
        app.exec();
        drain(); // what arrived after the last notification
        t.close();
        if (limits.json) {
            printJson(QJsonObject { { QStringLiteral("device"), t.description() },
                { QStringLiteral("frames"), static_cast<double>(total) },
                { QStringLiteral("ids"), static_cast<double>(perId.size()) },
                { QStringLiteral("dropped"), static_cast<double>(t.framesDropped()) },
                { QStringLiteral("log"), logPath }, { QStringLiteral("events"), events } });
        } else {
            printOut(QStringLiteral("%1: %2 frames, %3 ids, %4 dropped%5\n")
                         .arg(t.description())
                         .arg(total)
                         .arg(perId.size())
                         .arg(t.framesDropped())
                         .arg(logPath.isEmpty() ? QString()
                                                : QStringLiteral(", recorded to ") + logPath));
        }
        return t.state() == can::Transport::State::Failed ? core::kExitFailed : core::kExitOk;
    }

} // namespace

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
    const ListenLimits limits { p.value(seconds).toDouble(),
        p.isSet(frames) ? p.value(frames).toULongLong() : UINT64_MAX, p.value(interval).toDouble(),
        p.isSet(json) };
    if (decoder)
        return listenWithProfile(app, t, *decoder, limits);
    return listenRaw(app, t, limits, p.value(log));
}

} // namespace pg::app
