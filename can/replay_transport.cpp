#include "replay_transport.h"

#include "frame_log.h"
#include "log_reader.h"

#include <QElapsedTimer>
#include <QTimer>
#include <optional>

namespace pg::can {

namespace {

constexpr int kMaxIssueEvents = 20;
constexpr std::size_t kChunk = 4096;

class ReplayWorker : public TransportWorker {
public:
    ReplayWorker(std::shared_ptr<TransportShared> shared, TransportOptions options, QString path, double speed)
        : TransportWorker(std::move(shared), std::move(options), QStringLiteral("replay:") + path)
        , m_path(std::move(path))
        , m_speed(speed)
        , m_timer(this) // a child, so that it moves to the worker thread with us
    {
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] { pump(); });
    }

    void start() override
    {
        auto reader = LogReader::open(m_path.toStdString());
        if (!reader) {
            Q_EMIT failed(QString::fromStdString(reader.error().toString()));
            return;
        }
        m_reader.emplace(std::move(*reader));
        QString error;
        if (!openFrameLog(error)) {
            Q_EMIT failed(error);
            return;
        }
        m_clock.start();
        m_open = true;
        Q_EMIT opened();
        m_timer.start(0);
    }

    void stop() override
    {
        m_timer.stop();
        m_open = false;
        if (m_log)
            m_log->flush();
        Q_EMIT closed();
    }

    void flushTx() override
    {
        for (const CanFrame& f : takeTx()) // a recording cannot transmit; keep a record of intent
            recordSent(f);
    }

private:
    void pump()
    {
        if (!m_open || !m_reader)
            return;
        m_batch.clear();
        QList<BusEvent> events;
        int waitMs = 0;
        while (m_batch.size() < kChunk) {
            if (!m_pending) {
                CanFrame f;
                if (!m_reader->next(f))
                    break;
                m_pending = f;
            }
            if (m_speed > 0) {
                if (!m_haveT0) {
                    m_t0 = m_pending->timeUs;
                    m_haveT0 = true;
                }
                const double dueMs = static_cast<double>(m_pending->timeUs - m_t0) / 1000.0 / m_speed;
                const double nowMs = static_cast<double>(m_clock.nsecsElapsed()) / 1e6;
                if (dueMs > nowMs) {
                    waitMs = static_cast<int>(dueMs - nowMs);
                    break;
                }
            } else if (m_shared->queue.size() + m_batch.size() >= m_shared->queue.capacity()) {
                waitMs = 1; // as fast as possible, but never faster than the reader: no drops
                break;
            }
            if (m_pending->is(CanFrame::Error))
                decodeErrorFrame(*m_pending, m_device, events);
            m_batch.push_back(*m_pending);
            m_pending.reset();
        }
        deliver(m_batch.data(), m_batch.size());
        for (const BusEvent& e : events)
            Q_EMIT busEvent(e);
        reportIssues();
        if (!m_pending && m_batch.size() < kChunk && waitMs == 0) {
            finish();
            return;
        }
        m_timer.start(waitMs);
    }

    void reportIssues()
    {
        const auto& issues = m_reader->issues();
        while (m_reportedIssues < static_cast<int>(issues.size()) && m_reportedIssues < kMaxIssueEvents) {
            emitEvent(BusEvent::Kind::Malformed,
                QString::fromStdString(issues[static_cast<std::size_t>(m_reportedIssues)].toString()));
            ++m_reportedIssues;
        }
    }

    void finish()
    {
        const long more = m_reader->issueCount() - m_reportedIssues;
        if (more > 0)
            emitEvent(BusEvent::Kind::Malformed,
                QStringLiteral("%1: %2 more malformed lines skipped").arg(m_path).arg(more));
        if (m_log)
            m_log->flush();
        m_open = false;
        Q_EMIT endOfStream();
    }

    QString m_path;
    double m_speed;
    std::optional<LogReader> m_reader;
    std::optional<CanFrame> m_pending;
    std::vector<CanFrame> m_batch;
    QTimer m_timer;
    QElapsedTimer m_clock;
    std::int64_t m_t0 = 0;
    bool m_haveT0 = false;
    bool m_open = false;
    int m_reportedIssues = 0;
};

} // namespace

ReplayTransport::ReplayTransport(QString path, double speed, TransportOptions options, QObject* parent)
    : Transport(std::move(options), parent)
    , m_path(std::move(path))
    , m_speed(speed)
{
}

TransportWorker* ReplayTransport::createWorker(std::shared_ptr<TransportShared> shared)
{
    return new ReplayWorker(std::move(shared), options(), m_path, m_speed);
}

} // namespace pg::can
