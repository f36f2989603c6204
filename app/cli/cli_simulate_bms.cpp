#include "cli_simulate_bms.h"

#include "app/sim/profile_bms.h"
#include "app/sim/sim_bms_source.h"
#include "core/can_bms_source.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QThread>
#include <algorithm>

namespace pg::app {

namespace {

    constexpr int kFirstReadingMs = 5000;
    // Wall-clock seconds a reading may lag over the bus: thread hops, TCP and a loaded machine
    // (50 ms was exceeded on the shared 2-core build machine at 1000x).
    constexpr double kBusLatencyBudgetS = 0.5;

    // A free port for this session's own virtual bus, so parallel sessions never share one.
    int freeLocalPort()
    {
        QTcpServer s;
        s.listen(QHostAddress::LocalHost, 0);
        return static_cast<int>(s.serverPort());
    }

    // The procedure's first safety check needs a reading: the bus must carry one first.
    bool waitForFirstReading(core::BmsSource& source)
    {
        QElapsedTimer t;
        t.start();
        while (!source.latest()) {
            if (t.elapsed() > kFirstReadingMs)
                return false;
            QThread::msleep(5);
        }
        return true;
    }

} // namespace

tl::expected<std::unique_ptr<SimulatedBms>, QString> SimulatedBms::start(const QString& mode,
    sim::BenchSimulator& sim, const QString& profile, const QString& frameLogPath)
{
    std::unique_ptr<SimulatedBms> b(new SimulatedBms);
    b->m_sim = &sim;
    if (mode == QLatin1String("direct")) {
        b->m_source = std::make_unique<sim::SimBmsSource>(sim);
        b->m_description = QStringLiteral("in-process BMS");
        return b;
    }
    if (mode != QLatin1String("can"))
        return tl::make_unexpected(QStringLiteral("--bms: '%1' is not can or direct").arg(mode));
    const QString device
        = QStringLiteral("virtualcan:tcp://127.0.0.1:%1/can0").arg(freeLocalPort());
    QString error;
    // The simulated BMS opens the bus first, on the simulator's thread: its device hosts the bus.
    QMetaObject::invokeMethod(
        &sim,
        [&] {
            auto bms = sim::ProfileBms::open(sim, profile, device);
            if (bms)
                b->m_bms = std::move(*bms);
            else
                error = bms.error();
        },
        Qt::BlockingQueuedConnection);
    if (!b->m_bms)
        return tl::make_unexpected(error);
    core::CanBmsOptions options;
    options.device = device;
    options.profile = profile;
    options.frameLogPath = frameLogPath;
    options.clockS = [s = &sim] { return s->simTimeS(); };
    auto source = core::CanBmsSource::open(options);
    if (!source)
        return tl::make_unexpected(source.error());
    if (!waitForFirstReading(**source))
        return tl::make_unexpected(
            QStringLiteral("%1: no message from the simulated BMS (%2) within %3 ms")
                .arg(device, profile)
                .arg(kFirstReadingMs));
    // The simulation keeps pace with what the reader has received off the bus (ProfileBms:
    // broadcasts never more than 0.5 s of simulated time in flight).
    core::CanBmsSource* reader = source->get();
    QMetaObject::invokeMethod(
        &sim,
        [&] { b->m_bms->setDeliveredCounter([reader] { return reader->stats().frames; }); },
        Qt::BlockingQueuedConnection);
    b->m_source = std::move(*source);
    b->m_description = QStringLiteral("BMS speaking %1 over virtualcan").arg(profile);
    return b;
}

SimulatedBms::~SimulatedBms()
{
    if (m_bms) // the simulator stops asking the reader before it goes
        QMetaObject::invokeMethod(
            m_sim, [this] { m_bms->setDeliveredCounter({}); }, Qt::BlockingQueuedConnection);
    m_source.reset(); // the reader leaves the bus first
    if (m_bms)
        QMetaObject::invokeMethod(
            m_sim, [this] { m_bms.reset(); }, Qt::BlockingQueuedConnection);
}

double SimulatedBms::bmsTimeoutS(double defaultS) const
{
    return m_bms ? std::max(defaultS, kBusLatencyBudgetS * m_sim->speed()) : defaultS;
}

} // namespace pg::app
