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
// Lock-step pacing (see bench_simulator.h): a client counts as measuring while its last
// measurement is at most this much wall time old. One that stopped talking (hung, gone, or busy
// between the steps of a plan) does not freeze the pack, and the load's watchdog still trips.
constexpr qint64 kMaxClientWaitMs = 1000;
// A measurement held back for the BMS reader is answered after at most this much wall time, at
// the time the pack has reached (well inside a client's timeout: ScpiLoad waits 2 s); the client
// then measures again. Why pacing at all: at 1000x a busy client took 20-50 ms of wall time per
// sample, so 20-50 s of physics went unseen between two samples (a 10 s HPPC pulse lasted ~50 s,
// an aged weak cell near empty fell through the cut-off between two samples), and a 10 s pulse
// had too few samples for a 2RC fit; over CAN the Leaf's cell set (a 28-frame ISO-TP answer)
// was 100+ s of simulated time old when it arrived.
constexpr qint64 kMaxHoldMs = 200;
// The truth series' row spacing in simulated time (at least; a row per advance when longer).
constexpr double kTruthRowS = 1.0;
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
    , m_scpi(
          [this] {
              // A contactor stuck open leaves the load's input unconnected: 0 V, 0 A.
              if (m_pack.faultActive(FaultSpec::Kind::StuckContactor))
                  return ScpiServer::Measurement {};
              return ScpiServer::Measurement { m_pack.voltageV(), m_pack.currentA() };
          },
          [this] { return m_pack.timeS(); }, this)
    , m_timer(this)
    , m_resume(this)
{
    m_resume.setSingleShot(true);
    m_resume.setInterval(1);
    m_resume.setTimerType(Qt::PreciseTimer);
    connect(&m_resume, &QTimer::timeout, this, [this] { m_scpi.resumeHeld(); });
    m_scpi.setMeasurementGate([this] { return prepareMeasurement(); });
    m_timer.setInterval(kTickMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &BenchSimulator::tick);
    // A switch of the load or supply takes effect now, not at the next step of simulated time:
    // the pack's current and terminal voltage change at once (in lock-step, time moves only when
    // the bench measures, and a bench that switched the load off and stopped measuring must see
    // no current).
    connect(&m_scpi, &ScpiServer::setpointChanged, this, [this] {
        m_pack.step(0.0, benchCurrentA(), kMaxStepS);
        publishBms();
    });
    publishBms();
}

bool BenchSimulator::start(quint16 scpiPort, QString* error)
{
    if (!m_scpi.listen(scpiPort, error))
        return false;
    m_wall.start();
    m_lastNs = 0;
    m_budgetS = 0;
    m_timer.start();
    return true;
}

void BenchSimulator::stop() { m_timer.stop(); }

double BenchSimulator::benchCurrentA() const
{
    if (m_pack.faultActive(FaultSpec::Kind::StuckContactor))
        return 0.0; // no current path between the cells and the bench
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
    if (m_truthSeries && m_pack.timeS() - m_truthWrittenS >= kTruthRowS)
        writeTruthRow();
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

bool BenchSimulator::paced() const
{
    const qint64 waitedMs = m_scpi.wallSinceObservedMs();
    return m_speed > 1.0 && m_scpi.hasClient() && waitedMs >= 0 && waitedMs < kMaxClientWaitMs;
}

double BenchSimulator::allowedStepS(bool forMeasurement, bool& heldByReader)
{
    heldByReader = false;
    const qint64 now = m_wall.nsecsElapsed();
    // A starved thread (a busy machine) catches up at most kMaxCatchUpS of wall time per call:
    // the simulation then runs slower than `speed` instead of spiralling into ever longer steps
    // during which the SCPI server cannot answer.
    const double wallS = std::min(static_cast<double>(now - m_lastNs) * 1e-9, kMaxCatchUpS);
    m_lastNs = now;
    m_budgetS = std::min(m_budgetS + wallS * m_speed, kMaxTickS);
    double dtS = m_budgetS;
    const double t = m_pack.timeS();
    if (paced()) {
        if (!forMeasurement)
            return 0.0; // lock-step: only the client's measurements move the pack on
        if (m_scpi.settlePending())
            m_lastChangeS = t;
        const bool flowing = m_scpi.loadOn() || m_scpi.supplyOn();
        const double lead = t - m_lastChangeS < kRelaxS ? kLeadS
            : flowing                                  ? kSteadyLeadS
                                                       : kRestLeadS;
        dtS = std::min(dtS, std::max(0.0, m_scpi.lastObservedS() + lead - t));
        if (m_scpi.settlePending())
            dtS = std::min(dtS, kSettleS);
    }
    if (m_readerLimit && m_speed > 1.0) {
        const double roomS = m_readerLimit() - t;
        if (roomS < dtS) {
            dtS = std::max(0.0, roomS);
            heldByReader = dtS <= 0.0;
        }
    }
    return dtS;
}

bool BenchSimulator::prepareMeasurement()
{
    if (!paced() || !m_timer.isActive())
        return true; // the wall clock (the timer) moves the pack, or a test by hand
    bool held = false;
    const double dtS = allowedStepS(true, held);
    if (dtS > 0) {
        m_budgetS -= dtS;
        advance(dtS);
    }
    if (held && !m_heldWall.isValid())
        m_heldWall.start();
    if (held && m_heldWall.elapsed() < kMaxHoldMs) {
        if (!m_resume.isActive())
            m_resume.start();
        return false;
    }
    m_heldWall.invalidate();
    return true;
}

void BenchSimulator::readerMoved() { m_scpi.resumeHeld(); }

void BenchSimulator::tick()
{
    bool held = false;
    const double dtS = allowedStepS(false, held);
    if (dtS > 0) {
        m_budgetS -= dtS;
        advance(dtS);
    } else {
        checkBenchFaults(); // the watchdog runs on the wall clock
    }
    m_scpi.resumeHeld(); // a held measurement goes on once its time is up
}

void BenchSimulator::checkBenchFaults()
{
    m_scpi.checkWatchdog();
    if (!m_scpiCut && m_pack.faultActive(FaultSpec::Kind::ScpiLost)) {
        m_scpiCut = true;
        m_scpi.cutConnection();
    }
}

tl::expected<void, QString> BenchSimulator::writeTruthSeries(const QString& path)
{
    auto f = std::make_unique<QFile>(path);
    if (!f->open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return tl::make_unexpected(path + QStringLiteral(": cannot write: ") + f->errorString());
    f->write("time_s,current_a,soc_mean,soc_min,soc_max,temp_max_c\n");
    m_truthSeries = std::move(f);
    m_truthWrittenS = -1e300;
    writeTruthRow();
    return {};
}

void BenchSimulator::writeTruthRow()
{
    double charge = 0, capacity = 0, lo = 1e300, hi = -1e300;
    for (int k = 0; k < m_pack.cellCount(); ++k) {
        const CellModel& c = m_pack.cell(k);
        charge += c.state().soc * c.params().capacityAh;
        capacity += c.params().capacityAh;
        lo = std::min(lo, c.state().soc);
        hi = std::max(hi, c.state().soc);
    }
    m_truthSeries->write(QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                             .arg(m_pack.timeS(), 0, 'f', 3)
                             .arg(m_pack.currentA(), 0, 'g', 8)
                             .arg(charge / capacity, 0, 'f', 6)
                             .arg(lo, 0, 'f', 6)
                             .arg(hi, 0, 'f', 6)
                             .arg(m_pack.maxTempC(), 0, 'f', 3)
                             .toLatin1());
    m_truthWrittenS = m_pack.timeS();
}

void BenchSimulator::closeTruthSeries()
{
    if (!m_truthSeries)
        return;
    if (m_pack.timeS() > m_truthWrittenS)
        writeTruthRow();
    m_truthSeries->close();
    m_truthSeries.reset();
}

QJsonObject BenchSimulator::truthJson() const
{
    const PackTruth t = m_pack.truth();
    QJsonArray cells;
    for (const auto& c : t.cells)
        cells.append(QJsonObject { { QStringLiteral("capacity_ah"), c.capacityAh }, { QStringLiteral("r0_ohm"), c.r0Ohm },
            { QStringLiteral("soc_end"), c.soc } });
    return QJsonObject { { QStringLiteral("capacity_ah"), t.capacityAh }, { QStringLiteral("soh_capacity"), t.sohCapacity },
        { QStringLiteral("r0_ohm"), t.r0Ohm }, { QStringLiteral("r1_ohm"), t.r1Ohm },
        { QStringLiteral("tau1_s"), t.tau1S }, { QStringLiteral("r2_ohm"), t.r2Ohm },
        { QStringLiteral("tau2_s"), t.tau2S }, { QStringLiteral("arrhenius_b_k"), t.arrheniusBK },
        { QStringLiteral("time_s"), m_pack.timeS() },
        { QStringLiteral("cells"), cells } };
}

} // namespace pg::sim
