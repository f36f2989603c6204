#include "can_bms_source.h"

#include "can/frame_log.h"
#include "can/poll_scheduler.h"
#include "can/profile_ids.h"
#include "can/transport_factory.h"
#include "snapshot_assembler.h"
#include "uds_poll_client.h"

#include <QElapsedTimer>
#include <QMutexLocker>
#include <QTimer>
#include <cmath>

namespace pg::core {

namespace {
    constexpr int kPollTickMs = 10; // poll schedule and ISO-TP timers (wall clock)
}

BmsReading readingFromSnapshot(const PackSnapshot& s, double bmsTimeS)
{
    using F = can::SnapshotField;
    BmsReading r;
    r.timeS = bmsTimeS;
    bool complete = !s.cellVoltagesV.empty();
    for (const SnapshotValue& v : s.cellVoltagesV)
        complete = complete && v.present;
    for (std::size_t k = 0; complete && k < s.cellVoltagesV.size(); ++k)
        r.cellVoltagesV.push_back(s.cellVoltagesV[k].value);
    for (const SnapshotValue& v : s.temperaturesC) {
        if (v.present)
            r.temperaturesC.push_back(v.valid ? v.value : kNoTemperatureC);
    }
    const SnapshotValue& fault = s.get(F::FaultActive);
    r.isolationFault = fault.present && fault.valid && fault.value != 0.0;
    const auto known = [&](F f) -> std::optional<double> {
        const SnapshotValue& v = s.get(f);
        return v.present && v.valid ? std::optional<double>(v.value) : std::nullopt;
    };
    r.socPct = known(F::Soc);
    r.sohPct = known(F::Soh);
    // What the BMS says about itself, where the profile carries it.
    r.capacityAh = known(F::CapacityAh);
    const SnapshotValue& serial = s.get(F::Serial);
    if (serial.present && serial.valid)
        r.serial = serial.text.trimmed();
    for (const SnapshotValue& v : s.dtcs) {
        // A profile's codes are numbers; 0 is "no code" (the Leaf's 0x5C0 sends 0 between codes).
        if (v.present && v.valid && v.value != 0.0)
            r.dtcs.append(!v.text.isEmpty() ? v.text
                                            : QStringLiteral("0x")
                        + QString::number(static_cast<qulonglong>(v.value), 16)
                              .toUpper()
                              .rightJustified(2, QLatin1Char('0')));
    }
    return r;
}

class CanBmsSource::Worker : public QObject {
public:
    explicit Worker(CanBmsOptions options)
        : m_options(std::move(options))
        , m_timer(this) // moves to the worker thread with its owner
    {
    }
    QString init(int timeoutMs);
    void shutdown();

    mutable QMutex mutex;
    Stats stats; // guarded by mutex
    std::optional<BmsReading> reading; // guarded by mutex
    std::unique_ptr<SnapshotAssembler> assembler; // guarded by mutex
    double clockS() const { return m_options.clockS(); }

private:
    void onFrames();
    void onTimer();
    void drainPolls(double benchS);
    void publish(double benchS);
    void sendPollFrames(double benchS);
    void log(can::CanFrame frame, double benchS);

    CanBmsOptions m_options;
    std::unique_ptr<can::ProfileDecoder> m_decoder;
    std::unique_ptr<can::Transport> m_transport;
    std::unique_ptr<can::FrameLog> m_log;
    std::unique_ptr<UdsPollClient> m_client;
    std::unique_ptr<can::PollScheduler> m_scheduler;
    QTimer m_timer;
    std::vector<PackSnapshot> m_discard;
    double m_lastBmsS = 0;
    bool m_heard = false;
};

QString CanBmsSource::Worker::init(int timeoutMs)
{
    auto decoder = can::ProfileDecoder::load(m_options.profile.toStdString());
    if (!decoder)
        return QString::fromStdString(decoder.error().toString());
    m_decoder = std::make_unique<can::ProfileDecoder>(std::move(*decoder));
    const can::PackProfile& profile = m_decoder->profile();
    if (!m_options.frameLogPath.isEmpty()) {
        auto log = can::FrameLog::create(m_options.frameLogPath.toStdString(), "can0");
        if (!log)
            return m_options.frameLogPath + QStringLiteral(": ")
                + QString::fromStdString(log.error());
        m_log.reset(*log);
    }
    assembler = std::make_unique<SnapshotAssembler>(*m_decoder, SnapshotAssembler::Options {});
    m_client = std::make_unique<UdsPollClient>(profile);
    m_scheduler = std::make_unique<can::PollScheduler>(*m_decoder, *m_client);
    can::TransportOptions to;
    to.bitrate = m_options.bitrate > 0 ? m_options.bitrate : profile.transport.bitrate;
    to.listenOnly = profile.transport.listenOnly && profile.polls.empty();
    auto transport = can::createTransport(m_options.device, to);
    if (!transport)
        return transport.error();
    m_transport = std::move(*transport);
    // Before opening: frames may arrive while waitOpened() runs, and the transport notifies only
    // once until its queue has been read.
    connect(m_transport.get(), &can::Transport::framesAvailable, this, [this] { onFrames(); });
    m_transport->open();
    if (!m_transport->waitOpened(timeoutMs))
        return m_options.device + QStringLiteral(": ") + m_transport->lastError();
    connect(&m_timer, &QTimer::timeout, this, [this] { onTimer(); });
    m_timer.start(kPollTickMs);
    return {};
}

void CanBmsSource::Worker::shutdown()
{
    m_timer.stop();
    if (m_transport)
        m_transport->close();
    if (m_log)
        m_log->flush();
}

void CanBmsSource::Worker::log(can::CanFrame frame, double benchS)
{
    if (!m_log)
        return;
    frame.timeUs = std::llround(benchS * 1e6);
    if (m_log->append(frame)) {
        QMutexLocker lock(&mutex);
        ++stats.framesLogged;
    }
}

void CanBmsSource::Worker::onFrames()
{
    std::vector<can::CanFrame> frames;
    m_transport->takeFrames(frames);
    const double benchS = clockS();
    const std::int64_t wallUs = can::nowUs();
    QMutexLocker lock(&mutex);
    for (can::CanFrame& f : frames) {
        f.timeUs = std::llround(benchS * 1e6);
        ++stats.frames;
        if (m_log && m_log->append(f))
            ++stats.framesLogged;
        if (m_client->onFrame(f, wallUs))
            continue;
        if (!can::profileKnowsId(*m_decoder, f.id, f.is(can::CanFrame::Extended))) {
            ++stats.unknownFrames;
            continue;
        }
        const std::uint64_t before = assembler->valuesSeen();
        m_discard.clear();
        assembler->addFrames(std::span<const can::CanFrame>(&f, 1), m_discard);
        if (assembler->valuesSeen() > before) {
            m_lastBmsS = benchS;
            m_heard = true;
        }
    }
    stats.checkFailures = m_decoder->checkFailures();
    drainPolls(benchS);
    publish(benchS);
    lock.unlock();
    // Polls fall due as the bench clock moves, and frames arrive as it moves: asking here, not
    // only on the timer, sends a due poll within one frame's latency (on a simulated bench at
    // 1000x, the timer's 10 ms are seconds of simulated time).
    m_client->setNow(wallUs);
    m_scheduler->tick(std::llround(benchS * 1e6));
    sendPollFrames(benchS);
}

void CanBmsSource::Worker::onTimer()
{
    const double benchS = clockS();
    const std::int64_t wallUs = can::nowUs();
    m_client->poll(wallUs);
    m_client->setNow(wallUs);
    m_scheduler->tick(std::llround(benchS * 1e6));
    {
        QMutexLocker lock(&mutex);
        drainPolls(benchS);
        publish(benchS);
    }
    sendPollFrames(benchS);
}

void CanBmsSource::Worker::drainPolls(double benchS)
{
    const std::vector<can::FieldValue> values = m_scheduler->takeValues();
    if (!values.empty()) {
        m_discard.clear();
        assembler->addValues(values, benchS, m_discard);
        m_lastBmsS = benchS;
        m_heard = true;
    }
    for (const std::string& e : m_scheduler->takeErrors()) {
        ++stats.pollErrors;
        stats.lastPollError = QString::fromStdString(e);
    }
    stats.pollAnswers = m_client->answers();
}

void CanBmsSource::Worker::publish(double benchS)
{
    if (!m_heard)
        return;
    BmsReading r = readingFromSnapshot(assembler->snapshot(benchS), m_lastBmsS);
    if (r.cellVoltagesV.empty() && reading)
        r.cellVoltagesV = reading->cellVoltagesV; // keep the last complete set
    reading = std::move(r);
}

void CanBmsSource::Worker::sendPollFrames(double benchS)
{
    std::vector<can::CanFrame> out;
    m_client->takeFrames(out);
    for (can::CanFrame& f : out) {
        if (auto sent = m_transport->send(f); !sent) {
            m_client->poll(can::nowUs()); // the request times out and is reported as an error
            continue;
        }
        f.set(can::CanFrame::Transmitted);
        log(f, benchS);
    }
}

tl::expected<std::unique_ptr<CanBmsSource>, QString> CanBmsSource::open(
    CanBmsOptions options, int timeoutMs)
{
    if (!options.clockS) {
        auto wall = std::make_shared<QElapsedTimer>();
        wall->start();
        options.clockS = [wall] { return static_cast<double>(wall->nsecsElapsed()) * 1e-9; };
    }
    std::unique_ptr<CanBmsSource> source(new CanBmsSource);
    source->m_worker = new Worker(std::move(options));
    source->m_worker->moveToThread(&source->m_thread);
    source->m_thread.start();
    QString error;
    QMetaObject::invokeMethod(
        source->m_worker, [&] { error = source->m_worker->init(timeoutMs); },
        Qt::BlockingQueuedConnection);
    if (!error.isEmpty())
        return tl::make_unexpected(error);
    return source;
}

CanBmsSource::~CanBmsSource()
{
    if (m_worker) {
        QMetaObject::invokeMethod(
            m_worker, [this] { m_worker->shutdown(); }, Qt::BlockingQueuedConnection);
        m_worker->deleteLater(); // deleted on its own thread as the thread finishes
    }
    m_thread.quit();
    m_thread.wait();
}

std::optional<BmsReading> CanBmsSource::latest()
{
    QMutexLocker lock(&m_worker->mutex);
    return m_worker->reading;
}

PackSnapshot CanBmsSource::snapshot() const
{
    const double now = m_worker->clockS();
    QMutexLocker lock(&m_worker->mutex);
    return m_worker->assembler->snapshot(now);
}

CanBmsSource::Stats CanBmsSource::stats() const
{
    QMutexLocker lock(&m_worker->mutex);
    return m_worker->stats;
}

} // namespace pg::core
