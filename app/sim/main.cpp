// packgrade-sim: stands in for a pack on a bench that has none. `--pack SPEC` simulates the pack
// and its bench: a load/PSU over SCPI and, with `--can DEVICE`, the pack's BMS speaking its
// profile on that bus. Without `--pack` it plays a recorded BMS onto a bus with the recording's
// own timing (like can-utils' canplayer), looping if asked.
#include "bench_simulator.h"
#include "profile_bms.h"
#include "can/log_reader.h"
#include "can/transport_factory.h"
#include "packgrade_version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>
#include <optional>

namespace {

int fail(const QString& message, int code)
{
    std::fprintf(stderr, "packgrade-sim: %s\n", qPrintable(message));
    return code;
}

struct BenchArgs {
    QString specPath;
    double speed = 1;
    quint16 port = 5025;
    QString truthOut;
    QString truthSeries;
    double durationS = -1;
    QStringList canDevices; // the BMS speaks on each
    QString profile; // empty: the spec's
};

using BmsList = std::vector<std::unique_ptr<pg::sim::ProfileBms>>;

bool startBms(pg::sim::BenchSimulator& bench, const BenchArgs& a, BmsList& out, QString& error)
{
    const QString profile = a.profile.isEmpty() ? bench.pack().spec().profile : a.profile;
    for (const QString& device : a.canDevices) {
        auto bms = pg::sim::ProfileBms::open(bench, profile, device);
        if (!bms) {
            error = bms.error();
            return false;
        }
        std::fprintf(stderr, "packgrade-sim: BMS speaks %s on %s\n", qPrintable(profile),
            qPrintable((*bms)->transport().description()));
        out.push_back(std::move(*bms));
    }
    return true;
}

int runBench(QCoreApplication& app, const BenchArgs& a)
{
    const double speed = a.speed;
    const double durationS = a.durationS;
    const QString& truthOut = a.truthOut;
    auto spec = pg::sim::loadPackSpec(a.specPath);
    if (!spec)
        return fail(spec.error(), 3);
    auto bench = pg::sim::BenchSimulator::create(*spec, speed);
    if (!bench)
        return fail(bench.error(), 3);
    QString error;
    if (!a.truthSeries.isEmpty()) {
        if (auto opened = (*bench)->writeTruthSeries(a.truthSeries); !opened)
            return fail(opened.error(), 1);
    }
    if (!(*bench)->start(a.port, &error))
        return fail(error, 1);
    BmsList bms;
    if (!startBms(**bench, a, bms, error))
        return fail(error, 1);
    std::fprintf(stderr, "packgrade-sim: %dS%dP %s pack, %.1f V, SCPI load/PSU on 127.0.0.1:%u, %.0fx real time\n",
        spec->series, spec->parallel, qPrintable(spec->chemistry), (*bench)->pack().voltageV(),
        static_cast<unsigned>((*bench)->scpiPort()), speed);
    if (durationS >= 0) {
        QObject::connect(bench->get(), &pg::sim::BenchSimulator::advanced, &app, [&](double t) {
            if (t >= durationS)
                app.quit();
        });
    }
    const int rc = app.exec();
    (*bench)->stop();
    (*bench)->closeTruthSeries();
    bms.clear();
    if (!truthOut.isEmpty()) {
        QFile f(truthOut);
        if (!f.open(QIODevice::WriteOnly))
            return fail(truthOut + QStringLiteral(": cannot write: ") + f.errorString(), 1);
        f.write(QJsonDocument((*bench)->truthJson()).toJson());
    }
    return rc;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("qt.canbus*=false"));
    QCoreApplication::setApplicationName(QStringLiteral("packgrade-sim"));
    QCoreApplication::setApplicationVersion(QLatin1String(pg::kVersion));
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Simulated pack: a pack, its BMS and a bench load over SCPI, or a BMS recording played onto a CAN bus."));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption replay(QStringLiteral("replay"),
        QStringLiteral("Recording to play (default: the bundled foxBMS 2 trace)."), QStringLiteral("LOG"));
    const QCommandLineOption device(QStringLiteral("device"), QStringLiteral("Bus to send on (default virtualcan:can0)."),
        QStringLiteral("DEVICE"), QStringLiteral("virtualcan:can0"));
    const QCommandLineOption bitrate(QStringLiteral("bitrate"), QStringLiteral("Bitrate in bit/s."), QStringLiteral("N"),
        QStringLiteral("500000"));
    const QCommandLineOption loops(QStringLiteral("loops"), QStringLiteral("Times to play the recording (0 = forever)."),
        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption speed(QStringLiteral("speed"), QStringLiteral("Time factor (1 = real time; 1000 for tests)."),
        QStringLiteral("X"), QStringLiteral("1"));
    const QCommandLineOption pack(QStringLiteral("pack"),
        QStringLiteral("Simulate the pack and bench of SPEC.json (see resources/sim/README.md)."), QStringLiteral("SPEC"));
    const QCommandLineOption scpiPort(QStringLiteral("scpi-port"), QStringLiteral("SCPI load/PSU port (default 5025)."),
        QStringLiteral("PORT"), QStringLiteral("5025"));
    const QCommandLineOption truthOut(QStringLiteral("truth-out"),
        QStringLiteral("Write the ground truth here when the simulator stops."), QStringLiteral("FILE"));
    const QCommandLineOption truthSeries(QStringLiteral("truth-series"),
        QStringLiteral("Write the true SoC over simulated time to this CSV as the pack runs."), QStringLiteral("FILE"));
    const QCommandLineOption duration(QStringLiteral("duration"),
        QStringLiteral("Stop after this many simulated seconds (default: run until killed)."), QStringLiteral("S"));
    const QCommandLineOption can(QStringLiteral("can"),
        QStringLiteral("With --pack: the BMS speaks its profile on this bus (virtualcan:can0, slcan:/dev/pts/N; repeatable)."),
        QStringLiteral("DEVICE"));
    const QCommandLineOption profile(QStringLiteral("profile"),
        QStringLiteral("With --can: the pack profile the BMS speaks (default: the spec's `profile`)."), QStringLiteral("NAME"));
    p.addOptions({ replay, device, bitrate, loops, speed, pack, scpiPort, truthOut, truthSeries, duration, can, profile });
    p.process(app);
    if (p.isSet(pack))
        return runBench(app,
            BenchArgs { p.value(pack), p.value(speed).toDouble(), static_cast<quint16>(p.value(scpiPort).toUInt()),
                p.value(truthOut), p.value(truthSeries), p.isSet(duration) ? p.value(duration).toDouble() : -1.0,
                p.values(can), p.value(profile) });

    QString path = p.value(replay);
    QTemporaryDir tmp;
    if (path.isEmpty()) {
        path = tmp.filePath(QStringLiteral("demo.trc"));
        QFile::copy(QStringLiteral(":/demo/foxbms2_bench.trc"), path);
    }
    std::vector<pg::can::CanFrame> frames;
    {
        auto reader = pg::can::LogReader::open(path.toStdString());
        if (!reader)
            return fail(QString::fromStdString(reader.error().toString()), 3);
        pg::can::CanFrame f;
        while (reader->next(f))
            frames.push_back(f);
        for (const auto& issue : reader->issues())
            std::fprintf(stderr, "packgrade-sim: warning: %s\n", issue.toString().c_str());
        if (frames.empty())
            return fail(path + QStringLiteral(": no frames to play"), 3);
    }

    pg::can::TransportOptions options;
    options.bitrate = p.value(bitrate).toInt();
    options.listenOnly = false; // the simulated BMS is the one talking
    auto transport = pg::can::createTransport(p.value(device), options);
    if (!transport)
        return fail(transport.error(), 1);
    pg::can::Transport& bus = **transport;
    bus.open();
    if (!bus.waitOpened(5000))
        return fail(bus.lastError(), 1);
    std::fprintf(stderr, "packgrade-sim: playing %zu frames of %s on %s\n", frames.size(), qPrintable(path),
        qPrintable(bus.description()));

    const int maxLoops = p.value(loops).toInt();
    const double factor = qMax(1e-3, p.value(speed).toDouble());
    const std::int64_t t0 = frames.front().timeUs;
    const std::int64_t span = frames.back().timeUs - t0 + 10000; // 10 ms gap between loops
    std::size_t index = 0;
    int loop = 0;
    QElapsedTimer clock;
    clock.start();
    QTimer timer;
    QObject::connect(&timer, &QTimer::timeout, &app, [&] {
        const double nowUs = static_cast<double>(clock.nsecsElapsed()) / 1000.0 * factor;
        while (true) {
            const double due = static_cast<double>(frames[index].timeUs - t0 + loop * span);
            if (due > nowUs)
                break;
            if (auto sent = bus.send(frames[index]); !sent) {
                fail(sent.error(), 1);
                app.exit(1);
                return;
            }
            if (++index == frames.size()) {
                index = 0;
                if (++loop == maxLoops && maxLoops > 0) {
                    QTimer::singleShot(100, &app, &QCoreApplication::quit);
                    timer.stop();
                    return;
                }
            }
        }
    });
    QObject::connect(&bus, &pg::can::Transport::busEvent, &app, [](const pg::can::BusEvent& e) {
        std::fprintf(stderr, "packgrade-sim: %s: %s\n", pg::can::busEventKindName(e.kind), qPrintable(e.message));
    });
    timer.start(1);
    const int rc = app.exec();
    bus.close();
    std::fprintf(stderr, "packgrade-sim: sent %llu frames\n", static_cast<unsigned long long>(bus.framesSent()));
    return rc;
}
