#include "sim_host.h"

#include <QPointer>

namespace pg::app {

tl::expected<std::unique_ptr<SimHost>, QString> SimHost::start(
    const QString& specPath, double speed)
{
    auto spec = sim::loadPackSpec(specPath);
    if (!spec)
        return tl::make_unexpected(spec.error());
    auto created = sim::BenchSimulator::create(*spec, speed);
    if (!created)
        return tl::make_unexpected(QStringLiteral("%1: %2").arg(specPath, created.error()));
    std::unique_ptr<SimHost> host(new SimHost(*spec, specPath, std::move(*created)));
    bool started = false;
    QString error;
    sim::BenchSimulator* simulator = host->m_sim.get();
    QMetaObject::invokeMethod(
        simulator, [&] { started = simulator->start(0, &error); }, Qt::BlockingQueuedConnection);
    if (!started)
        return tl::make_unexpected(QObject::tr("simulator: cannot serve SCPI: %1").arg(error));
    host->m_scpiPort = simulator->scpiPort();
    return host;
}

SimHost::SimHost(sim::PackSpec spec, QString specPath, std::unique_ptr<sim::BenchSimulator> sim)
    : m_spec(std::move(spec))
    , m_specPath(std::move(specPath))
    , m_sim(std::move(sim))
{
    m_thread.setObjectName(QStringLiteral("simulator"));
    m_sim->moveToThread(&m_thread);
    m_thread.start();
}

SimHost::~SimHost()
{
    sim::BenchSimulator* simulator = m_sim.get();
    // The simulator's QObjects (timer, server) must die on the thread they live on.
    QMetaObject::invokeMethod(
        simulator, [this] { m_sim.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void SimHost::requestSample(QObject* receiver, std::function<void(const LiveSample&)> done) const
{
    const sim::BenchSimulator* simulator = m_sim.get();
    QPointer<QObject> guard(receiver);
    QMetaObject::invokeMethod(
        m_sim.get(),
        [simulator, guard, done = std::move(done)] {
            const LiveSample sample
                = liveSampleFromBms(simulator->bmsReading(), simulator->pack().currentA());
            if (guard)
                QMetaObject::invokeMethod(
                    guard.data(), [done, sample] { done(sample); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

SimHost::State SimHost::state() const
{
    State s;
    sim::BenchSimulator* simulator = m_sim.get();
    QMetaObject::invokeMethod(
        m_sim.get(),
        [&] {
            s.loadOn = simulator->scpi().loadOn();
            s.supplyOn = simulator->scpi().supplyOn();
            s.timeS = simulator->pack().timeS();
            s.currentA = simulator->pack().currentA();
            for (int g = 0; g < simulator->pack().series(); ++g)
                s.groupVoltagesV.push_back(simulator->pack().groupVoltageV(g));
        },
        Qt::BlockingQueuedConnection);
    return s;
}

} // namespace pg::app
