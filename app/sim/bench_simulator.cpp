#include "bench_simulator.h"

#include <QJsonArray>
#include <algorithm>

namespace pg::sim {

namespace {
constexpr int kTickMs = 5;
// Integration step within one advance. The bench current is constant within an advance (SCPI
// commands are taken between ticks), and the cell model's RC branches and thermal mass are
// integrated exactly for a constant current, so a longer step only holds OCV(SoC) and the
// temperature factor of R for its length: 1 s moves the SoC of a cell at 1C by 0.03 %. At 0.1 s
// a 96s2p HPPC cost 14 million cell steps (about 20 s of CPU at ~1.4 us per cell step).
constexpr double kMaxStepS = 1.0;
// At most this much simulated time per tick: when the machine cannot keep up with the speed
// factor the simulation runs slower than asked instead of taking ever longer steps and starving
// the SCPI server and the BMS of the event loop (a tick late by 50 ms at 1000x would be 50 s of
// physics in one go, which takes longer still).
constexpr double kMaxTickS = 20.0;
// A starved thread (a busy machine) catches up at most this much wall time per tick.
constexpr double kMaxCatchUpS = 0.01;
// While the load or supply is on, the pack runs at most this much simulated time ahead of the
// client's last measurement (or switch-on): a bench sampling every 5 s or faster (one 5 ms tick
// at 1000x). At 1000x a busy client took 20-50 ms of wall time per sample: 20-50 s of physics
// unseen, so a 10 s HPPC pulse lasted ~50 s and an aged weak cell near empty fell through the
// cut-off and the safety floor between two samples. The simulation waits for its client instead
// (it runs slower than `speed` then), but never longer than kMaxClientWaitMs of wall time: a
// client that stopped talking (hung, or gone) does not freeze the pack, and the load's watchdog
// still trips.
constexpr double kMaxUnobservedS = 5.0;
constexpr qint64 kMaxClientWaitMs = 1000;
} // namespace

tl::expected<std::unique_ptr<BenchSimulator>, QString> BenchSimulator::create(const PackSpec& spec, double speed)
{
    auto pack = PackModel::create(spec);
    if (!pack)
        return tl::make_unexpected(pack.error());
    if (speed <= 0)
        return tl::make_unexpected(QStringLiteral("speed must be > 0 (1 = real time)"));
    return std::unique_ptr<BenchSimulator>(new BenchSimulator(std::move(*pack), speed));
}

BenchSimulator::BenchSimulator(PackModel pack, double speed)
    : m_pack(std::move(pack))
    , m_speed(speed)
    , m_scpi([this] { return ScpiServer::Measurement { m_pack.voltageV(), m_pack.currentA() }; },
          [this] { return m_pack.timeS(); }, this)
    , m_timer(this)
{
    m_timer.setInterval(kTickMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &BenchSimulator::tick);
    publishBms();
}

bool BenchSimulator::start(quint16 scpiPort, QString* error)
{
    if (!m_scpi.listen(scpiPort, error))
        return false;
    m_wall.start();
    m_lastNs = 0;
    m_timer.start();
    return true;
}

void BenchSimulator::stop() { m_timer.stop(); }

double BenchSimulator::benchCurrentA() const
{
    const double demanded = m_scpi.demandedCurrentA();
    if (demanded >= 0 || m_scpi.voltageLimitV() <= 0)
        return demanded;
    // Supply in constant-voltage: the charge current that holds the terminal at the limit.
    double rPack = 0;
    for (int g = 0; g < m_pack.series(); ++g) {
        double sumG = 0;
        for (int b = 0; b < m_pack.parallel(); ++b)
            sumG += 1.0 / m_pack.cell(g * m_pack.parallel() + b).r0Ohm();
        rPack += 1.0 / sumG;
    }
    double openV = 0;
    for (int k = 0; k < m_pack.cellCount(); k += m_pack.parallel())
        openV += m_pack.cell(k).sourceV();
    const double cv = (openV - m_scpi.voltageLimitV()) / rPack; // negative while below the limit
    return std::clamp(cv, demanded, 0.0);
}

void BenchSimulator::advance(double dtS)
{
    double left = dtS;
    while (left > 1e-12) {
        const double h = std::min(left, kMaxStepS);
        m_pack.step(h, benchCurrentA(), kMaxStepS);
        left -= h;
    }
    m_simTimeS.store(m_pack.timeS(), std::memory_order_relaxed);
    checkBenchFaults();
    publishBms();
    Q_EMIT advanced(m_pack.timeS());
}

void BenchSimulator::publishBms()
{
    if (m_pack.faultActive(FaultSpec::Kind::BmsSilent) || m_pack.faultActive(FaultSpec::Kind::BusOff))
        return;
    core::BmsReading r;
    r.timeS = m_pack.timeS();
    for (int g = 0; g < m_pack.series(); ++g) {
        r.cellVoltagesV.push_back(m_pack.groupVoltageV(g));
        r.temperaturesC.push_back(m_pack.sensorTempC(g * m_pack.parallel()));
    }
    r.isolationFault = m_pack.faultActive(FaultSpec::Kind::IsolationFault);
    double soc = 0;
    for (int k = 0; k < m_pack.cellCount(); ++k)
        soc += m_pack.cell(k).state().soc;
    r.socPct = 100.0 * soc / m_pack.cellCount();
    // What the BMS says about itself: the spec's claims (a reset or swapped BMS may lie).
    const PackSpec& spec = m_pack.spec();
    r.serial = spec.serial;
    r.dtcs = spec.dtcs;
    r.cycles = spec.cycles;
    if (spec.bmsSoh)
        r.sohPct = 100.0 * *spec.bmsSoh;
    QMutexLocker lock(&m_bmsMutex);
    m_bms = std::move(r);
}

core::BmsReading BenchSimulator::bmsReading() const
{
    QMutexLocker lock(&m_bmsMutex);
    return m_bms;
}

void BenchSimulator::tick()
{
    const qint64 now = m_wall.nsecsElapsed();
    // A starved thread (a busy machine) catches up at most kMaxCatchUpS of wall time per tick:
    // the simulation then runs slower than `speed` instead of spiralling into ever longer ticks
    // during which the SCPI server cannot answer.
    const double wallS = std::min(static_cast<double>(now - m_lastNs) * 1e-9, kMaxCatchUpS);
    double dtS = std::min(wallS * m_speed, kMaxTickS);
    m_lastNs = now;
    const qint64 waitedMs = m_scpi.wallSinceObservedMs();
    if ((m_scpi.loadOn() || m_scpi.supplyOn()) && m_scpi.hasClient() && waitedMs >= 0
        && waitedMs < kMaxClientWaitMs) {
        const double ahead = m_pack.timeS() - m_scpi.lastObservedS();
        dtS = std::clamp(kMaxUnobservedS - ahead, 0.0, dtS);
    }
    if (dtS <= 0) {
        checkBenchFaults(); // the watchdog runs on the wall clock
        return;
    }
    advance(dtS);
}

void BenchSimulator::checkBenchFaults()
{
    m_scpi.checkWatchdog();
    if (!m_scpiCut && m_pack.faultActive(FaultSpec::Kind::ScpiLost)) {
        m_scpiCut = true;
        m_scpi.cutConnection();
    }
}

QJsonObject BenchSimulator::truthJson() const
{
    const PackTruth t = m_pack.truth();
    QJsonArray cells;
    for (const auto& c : t.cells)
        cells.append(QJsonObject { { QStringLiteral("capacity_ah"), c.capacityAh }, { QStringLiteral("r0_ohm"), c.r0Ohm },
            { QStringLiteral("soc_end"), c.soc } });
    return QJsonObject { { QStringLiteral("capacity_ah"), t.capacityAh }, { QStringLiteral("soh_capacity"), t.sohCapacity },
        { QStringLiteral("r0_ohm"), t.r0Ohm }, { QStringLiteral("time_s"), m_pack.timeS() },
        { QStringLiteral("cells"), cells } };
}

} // namespace pg::sim
