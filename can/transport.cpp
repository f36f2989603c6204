#include "transport.h"

#include "frame_log.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

namespace pg::can {

std::int64_t nowUs() { return QDateTime::currentMSecsSinceEpoch() * 1000; }

Transport::Transport(TransportOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_shared(std::make_shared<TransportShared>(m_options.queueCapacity))
{
    qRegisterMetaType<pg::can::BusEvent>();
}

Transport::~Transport() { stopThread(); }

QString Transport::description() const
{
    QString s = deviceName() + QStringLiteral(", %1 kbit/s").arg(m_options.bitrate / 1000.0);
    if (m_options.dataBitrate > 0)
        s += QStringLiteral(" / FD %1 kbit/s").arg(m_options.dataBitrate / 1000.0);
    s += m_options.listenOnly ? QStringLiteral(", listen-only") : QStringLiteral(", active");
    return s;
}

void Transport::open()
{
    if (m_state == State::Open || m_state == State::Opening)
        return;
    stopThread();
    m_state = State::Opening;
    m_worker = createWorker(m_shared);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &TransportWorker::opened, this, [this] {
        m_state = State::Open;
        Q_EMIT opened();
    });
    connect(m_worker, &TransportWorker::failed, this, [this](const QString& reason) {
        m_state = State::Failed;
        m_lastError = reason;
        Q_EMIT failed(reason);
    });
    connect(m_worker, &TransportWorker::framesAvailable, this, &Transport::framesAvailable);
    connect(m_worker, &TransportWorker::busEvent, this, [this](const BusEvent& e) {
        if (e.kind == BusEvent::Kind::Disconnected) {
            m_state = State::Failed;
            m_lastError = e.message;
        }
        Q_EMIT busEvent(e);
    });
    connect(m_worker, &TransportWorker::endOfStream, this, &Transport::endOfStream);
    connect(m_worker, &TransportWorker::closed, this, &Transport::closed);
    m_thread.setObjectName(QStringLiteral("can:") + deviceName());
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &TransportWorker::start, Qt::QueuedConnection);
}

void Transport::close()
{
    stopThread();
    if (m_state != State::Failed)
        m_state = State::Closed;
}

void Transport::stopThread()
{
    if (!m_thread.isRunning())
        return;
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &TransportWorker::stop, Qt::QueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_worker = nullptr; // deleted by the thread's finished() signal
}

bool Transport::waitOpened(int timeoutMs)
{
    if (m_state == State::Open)
        return true;
    if (m_state != State::Opening)
        return false;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(this, &Transport::opened, &loop, &QEventLoop::quit);
    connect(this, &Transport::failed, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    loop.exec();
    if (m_state == State::Opening) {
        m_lastError = deviceName() + QStringLiteral(": no answer within %1 ms").arg(timeoutMs);
        return false;
    }
    return m_state == State::Open;
}

tl::expected<void, QString> Transport::send(const CanFrame& frame)
{
    if (m_options.listenOnly)
        return tl::make_unexpected(deviceName()
            + QStringLiteral(": listen-only mode, refusing to transmit 0x%1 (choose a pack profile "
                             "or turn listen-only off to send)")
                  .arg(frame.id, 0, 16));
    if (m_state != State::Open || !m_worker)
        return tl::make_unexpected(deviceName() + QStringLiteral(": not connected"));
    if (frame.len > (frame.is(CanFrame::Fd) ? 64 : 8))
        return tl::make_unexpected(QStringLiteral("frame 0x%1 has %2 bytes, more than its type allows")
                                       .arg(frame.id, 0, 16)
                                       .arg(frame.len));
    {
        QMutexLocker lock(&m_shared->txMutex);
        m_shared->txPending.push_back(frame);
    }
    QMetaObject::invokeMethod(m_worker, &TransportWorker::flushTx, Qt::QueuedConnection);
    return {};
}

std::size_t Transport::takeFrames(std::vector<CanFrame>& out, std::size_t max)
{
    m_shared->notifyPending.store(false, std::memory_order_release);
    return m_shared->queue.popBatch(out, max);
}

bool Transport::waitForFrames(std::size_t count, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (m_shared->queue.size() < count) {
        const qint64 left = timeoutMs - clock.elapsed();
        if (left <= 0)
            return false;
        QEventLoop loop;
        QTimer::singleShot(static_cast<int>(left < 20 ? left : 20), &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

TransportWorker::TransportWorker(
    std::shared_ptr<TransportShared> shared, TransportOptions options, QString device)
    : m_shared(std::move(shared))
    , m_options(std::move(options))
    , m_device(std::move(device))
{
    auto* timer = new QTimer(this);
    timer->setInterval(500);
    connect(timer, &QTimer::timeout, this, &TransportWorker::flushLog);
    timer->start();
}

TransportWorker::~TransportWorker() = default;

bool TransportWorker::openFrameLog(QString& error)
{
    if (m_options.frameLogPath.isEmpty())
        return true;
    QString iface = m_device.section(QLatin1Char(':'), -1).section(QLatin1Char('/'), -1);
    auto log = FrameLog::create(m_options.frameLogPath.toStdString(), iface.toStdString());
    if (!log) {
        error = QString::fromStdString(log.error());
        return false;
    }
    m_log.reset(*log);
    return true;
}

void TransportWorker::flushLog()
{
    if (m_log)
        m_log->flushIfDue();
}

void TransportWorker::deliver(const CanFrame* frames, std::size_t count)
{
    for (std::size_t i = 0; i < count; ++i) {
        if (m_log)
            m_log->append(frames[i]);
        m_shared->queue.push(frames[i]);
    }
    m_shared->received.fetch_add(count, std::memory_order_relaxed);
    if (count > 0 && !m_shared->notifyPending.exchange(true, std::memory_order_acq_rel))
        Q_EMIT framesAvailable();
    const std::uint64_t overflows = m_shared->queue.overflowCount();
    if (overflows != m_reportedOverflows) {
        BusEvent e;
        e.kind = BusEvent::Kind::QueueOverflow;
        e.timeUs = nowUs();
        e.device = m_device;
        e.count = overflows - m_reportedOverflows;
        e.message = QStringLiteral("%1 frames lost: the reader fell behind (queue of %2 full); they "
                                   "are still in the frame log")
                        .arg(e.count)
                        .arg(m_shared->queue.capacity());
        m_reportedOverflows = overflows;
        Q_EMIT busEvent(e);
    }
}

void TransportWorker::recordSent(const CanFrame& frame)
{
    if (m_log)
        m_log->append(frame);
    m_shared->sent.fetch_add(1, std::memory_order_relaxed);
}

std::vector<CanFrame> TransportWorker::takeTx()
{
    QMutexLocker lock(&m_shared->txMutex);
    std::vector<CanFrame> out;
    out.swap(m_shared->txPending);
    return out;
}

void TransportWorker::emitEvent(BusEvent::Kind kind, const QString& message)
{
    BusEvent e;
    e.kind = kind;
    e.timeUs = nowUs();
    e.device = m_device;
    e.message = message;
    Q_EMIT busEvent(e);
}

} // namespace pg::can
