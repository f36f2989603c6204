#include "bench_controller.h"

#include "app/sim/session_meta.h"
#include "app/sim/sim_bms_source.h"
#include "can/profile_decoder.h"
#include "can/transport_factory.h"
#include "decode_worker.h"
#include "language.h"
#include "sim_host.h"

#include <QStandardPaths>
#include <algorithm>

namespace pg::app {

namespace {

    constexpr int kTickMs = 33; // <= 30 Hz to the screens
    constexpr int kSimSampleEveryTicks = 3; // the simulated BMS at 10 Hz

    // Bits a classic frame takes on the wire: 47 overhead + 8 per byte, plus about 20 % stuffing.
    double frameBits(const can::CanFrame& f)
    {
        return 1.2 * (47.0 + 8.0 * f.len);
    }

    // The simulated BMS keeps reading the pack in-process; shared with the run's thread.
    class SharedSimBms : public core::BmsSource {
    public:
        explicit SharedSimBms(const sim::BenchSimulator& sim)
            : m_source(sim)
        {
        }
        std::optional<core::BmsReading> latest() override { return m_source.latest(); }

    private:
        sim::SimBmsSource m_source;
    };

} // namespace

BenchController::BenchController(QObject* parent)
    : QObject(parent)
    , m_detector(ProfileDetector::builtInProfiles())
    , m_busBms(std::make_shared<LatestBmsSource>())
{
    qRegisterMetaType<pg::app::LiveSample>();
    qRegisterMetaType<pg::app::RunRequest>();
    qRegisterMetaType<pg::app::GradedRun>();
    m_sessionRoot = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/sessions");
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &BenchController::tick);
    m_runThread.setObjectName(QStringLiteral("test run"));
    m_runThread.start();
    m_decoder = new DecodeWorker(m_busBms);
    m_decoder->moveToThread(&m_decodeThread);
    connect(
        m_decoder, &DecodeWorker::decoded, this,
        [this](const LiveSample& s) {
            if (!m_sim) // the simulator's in-process BMS is the pack's voice when it runs
                publish(s);
        },
        Qt::QueuedConnection);
    m_decodeThread.setObjectName(QStringLiteral("decode"));
    m_decodeThread.start();
}

BenchController::~BenchController()
{
    if (m_worker)
        m_worker->abort(); // the runner switches the load off first
    m_runThread.quit();
    m_runThread.wait();
    delete m_worker;
    disconnectAll();
    m_decodeThread.quit();
    m_decodeThread.wait();
    delete m_decoder;
}

tl::expected<void, QString> BenchController::startSimulator(const QString& specPath, double speed)
{
    auto host = SimHost::start(specPath, speed);
    if (!host)
        return tl::make_unexpected(host.error());
    m_sim = std::move(*host);
    m_simSpeed = speed;
    const sim::PackSpec& spec = m_sim->spec();
    m_rating
        = core::PackRating { spec.chemistry, spec.series, spec.nominalCapacityAh * spec.parallel };
    setScpiAddress(QStringLiteral("127.0.0.1"), m_sim->scpiPort());
    // Sample at least every 0.1 s of simulated time, so a 10 s HPPC pulse has its edges.
    m_sampleIntervalMs = std::min(m_sampleIntervalMs, static_cast<int>(100.0 / speed));
    m_tick.start();
    Q_EMIT connectionChanged(true);
    return {};
}

tl::expected<void, QString> BenchController::connectBus(const QString& spec, int bitrate)
{
    if (m_transport)
        m_transport->close();
    can::TransportOptions options;
    options.bitrate = bitrate;
    options.listenOnly = true; // an unknown pack is never sent to
    auto transport = can::createTransport(spec.trimmed(), options);
    if (!transport)
        return tl::make_unexpected(transport.error());
    m_transport = std::move(*transport);
    connect(m_transport.get(), &can::Transport::busEvent, this, &BenchController::onBusEvent);
    connect(
        m_transport.get(), &can::Transport::failed, this,
        [this](const QString& reason) {
            Q_EMIT errorOccurred(tr("Cannot connect"),
                tr("%1\n\nCheck that the adapter is plugged in, the name is right and the bitrate "
                   "matches the pack.")
                    .arg(reason));
            m_transport.reset();
            Q_EMIT connectionChanged(isConnected());
        },
        Qt::QueuedConnection);
    m_transport->open();
    m_loadClock.start();
    m_loadBits = 0;
    m_busState = tr("error-active");
    m_tick.start();
    Q_EMIT connectionChanged(true);
    return {};
}

void BenchController::disconnectAll()
{
    if (m_worker)
        m_worker->abort();
    m_tick.stop();
    if (m_transport) {
        drainFrames();
        m_transport->close();
        m_transport.reset();
    }
    m_sim.reset();
    Q_EMIT connectionChanged(false);
    Q_EMIT busStatusChanged(tr("Not connected"), false);
}

QString BenchController::connectionText() const
{
    QStringList parts;
    if (m_sim)
        parts << tr("simulated pack %1 (SCPI load on 127.0.0.1:%2)")
                     .arg(m_sim->specPath())
                     .arg(m_sim->scpiPort());
    if (m_transport)
        parts << m_transport->description();
    return parts.isEmpty() ? tr("Not connected") : parts.join(QStringLiteral("; "));
}

tl::expected<void, QString> BenchController::setProfile(const QString& nameOrPath)
{
    auto decoder = can::ProfileDecoder::load(nameOrPath.toStdString());
    if (!decoder)
        return tl::make_unexpected(QString::fromStdString(decoder.error().toString()));
    auto shared = std::make_shared<const can::ProfileDecoder>(std::move(*decoder));
    DecodeWorker* worker = m_decoder;
    QMetaObject::invokeMethod(
        worker, [worker, shared] { worker->setDecoder(shared); }, Qt::QueuedConnection);
    m_profileName = nameOrPath;
    return {};
}

core::SafetyLimits BenchController::limits() const
{
    return core::SafetyLimits::forChemistry(
        m_rating.chemistry, m_rating.series, 3.0 * m_rating.capacityAh);
}

void BenchController::setScpiAddress(const QString& host, quint16 port)
{
    m_scpiHost = host;
    m_scpiPort = port;
}

void BenchController::tick()
{
    ++m_tickCount;
    drainFrames();
    if (m_sim && m_tickCount % kSimSampleEveryTicks == 0)
        m_sim->requestSample(this, [this](const LiveSample& s) { publish(s); });
    if (m_worker)
        Q_EMIT runProgress(m_worker->takeProgress());
}

void BenchController::drainFrames()
{
    if (!m_transport)
        return;
    m_batch.clear();
    m_transport->takeFrames(m_batch);
    updateBusStatus(m_batch);
    if (m_batch.empty())
        return;
    m_detector.addFrames(m_batch);
    decodeFrames(m_batch);
    Q_EMIT framesReceived(m_batch);
}

void BenchController::decodeFrames(const std::vector<can::CanFrame>& frames)
{
    if (m_profileName.isEmpty())
        return;
    DecodeWorker* worker = m_decoder;
    QMetaObject::invokeMethod(
        worker, [worker, frames] { worker->decode(frames); }, Qt::QueuedConnection);
}

void BenchController::publish(const LiveSample& sample)
{
    m_last = sample;
    Q_EMIT liveSample(sample);
}

void BenchController::onBusEvent(const can::BusEvent& event)
{
    using K = can::BusEvent::Kind;
    if (event.txErrors >= 0)
        m_txErrors = event.txErrors;
    if (event.rxErrors >= 0)
        m_rxErrors = event.rxErrors;
    if (event.kind == K::BusOff)
        m_busState = tr("BUS-OFF");
    else if (event.kind == K::ErrorPassive)
        m_busState = tr("error-passive");
    else if (event.kind == K::ErrorWarning)
        m_busState = tr("error-warning");
    else if (event.kind == K::ErrorActive || event.kind == K::Restarted)
        m_busState = tr("error-active");
    Q_EMIT busEvent(event);
}

void BenchController::updateBusStatus(const std::vector<can::CanFrame>& frames)
{
    for (const auto& f : frames)
        m_loadBits += frameBits(f);
    const qint64 ms = m_loadClock.elapsed();
    if (ms >= 1000) {
        const int bitrate = m_transport->options().bitrate;
        m_busLoadPct = bitrate > 0 ? 100.0 * m_loadBits / (ms / 1000.0) / bitrate : 0.0;
        m_loadBits = 0;
        m_loadClock.restart();
    }
    const QString counters = m_txErrors < 0 ? tr("error counters n/a")
                                            : tr("TEC %1, REC %2").arg(m_txErrors).arg(m_rxErrors);
    Q_EMIT busStatusChanged(tr("%1 — load %2 % — %3 — %4 — %5 frames, %6 dropped")
                                .arg(m_transport->description())
                                .arg(localNumber(m_busLoadPct, 1))
                                .arg(m_busState, counters)
                                .arg(m_transport->framesReceived())
                                .arg(m_transport->framesDropped()),
        m_busState == tr("BUS-OFF"));
}

tl::expected<void, QString> BenchController::startRun(
    const QString& plan, const QString& resumeDir, int hppcLevels)
{
    if (m_worker)
        return tl::make_unexpected(tr("a test is already running; abort it first"));
    if (!m_sim && !m_transport)
        return tl::make_unexpected(tr("connect to a pack first (Bench screen)"));
    std::shared_ptr<core::BmsSource> bms = m_busBms;
    RunRequest request;
    if (m_sim) {
        bms = std::make_shared<SharedSimBms>(m_sim->simulator());
        request.specPath = m_sim->specPath();
        request.sessionMeta
            = sim::simulatedSessionMeta(m_sim->spec(), m_sim->specPath(), hppcLevels, m_simSpeed);
    }
    request.plan = plan;
    request.resumeDir = resumeDir;
    request.hppcLevels = hppcLevels;
    request.rating = m_rating;
    request.limits = limits();
    request.scpiHost = m_scpiHost;
    request.scpiPort = m_scpiPort;
    request.sessionRoot = m_sessionRoot;
    request.benchName = m_benchName;
    request.realSleepMs = m_sampleIntervalMs;
    request.databaseUrl = m_databaseUrl;
    request.policyFile = m_policyFile;
    request.user = m_user;
    if (m_last.socPct)
        request.startSocFraction = *m_last.socPct / 100.0;
    m_worker = new RunWorker(bms);
    m_worker->moveToThread(&m_runThread);
    connect(m_worker, &RunWorker::stepFinished, this, &BenchController::runStepFinished,
        Qt::QueuedConnection);
    connect(m_worker, &RunWorker::sessionFinished, this, &BenchController::runSessionFinished,
        Qt::QueuedConnection);
    connect(m_worker, &RunWorker::graded, this, &BenchController::runGraded, Qt::QueuedConnection);
    connect(m_worker, &RunWorker::finished, this, &BenchController::onRunFinished,
        Qt::QueuedConnection);
    RunWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, request] { worker->run(request); }, Qt::QueuedConnection);
    m_tick.start();
    return {};
}

void BenchController::setGrading(
    const QString& databaseUrl, const QString& policyFile, const QString& user)
{
    m_databaseUrl = databaseUrl;
    m_policyFile = policyFile;
    m_user = user;
}

void BenchController::abortRun()
{
    if (m_worker)
        m_worker->abort();
}

void BenchController::onRunFinished(const QString& outcome)
{
    Q_EMIT runProgress(m_worker->takeProgress());
    m_worker->deleteLater();
    m_worker = nullptr;
    Q_EMIT runFinished(outcome);
}

} // namespace pg::app
