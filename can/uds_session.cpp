#include "uds_session.h"

#include <QEventLoop>

namespace pg::can {

UdsSession::UdsSession(
    Transport& transport, const IsoTpConfig& isoTp, UdsTiming timing, QObject* parent)
    : QObject(parent)
    , m_transport(transport)
    , m_client(isoTp, timing)
{
    m_clock.start();
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &UdsSession::onTimer);
    connect(&m_transport, &Transport::framesAvailable, this, &UdsSession::onFramesAvailable);
    connect(&m_keepAlive, &QTimer::timeout, this, &UdsSession::onKeepAlive);
}

void UdsSession::setKeepAlive(int intervalMs)
{
    if (intervalMs > 0)
        m_keepAlive.start(intervalMs);
    else
        m_keepAlive.stop();
}

void UdsSession::onKeepAlive()
{
    if (m_client.busy())
        return; // a running request keeps the session open by itself
    if (m_client.request(uds::testerPresentRequest(true), nowUs())) {
        m_keepAliveRunning = true;
        flushAndArm();
    }
}

tl::expected<void, UdsError> UdsSession::request(const uds::Bytes& request)
{
    m_result.reset();
    auto started = m_client.request(request, nowUs());
    if (!started)
        return started;
    flushAndArm();
    return {};
}

UdsResult UdsSession::requestAndWait(const uds::Bytes& request)
{
    QEventLoop loop;
    const auto connection = connect(this, &UdsSession::finished, &loop, &QEventLoop::quit);
    auto started = this->request(request);
    if (started && !m_result)
        loop.exec();
    disconnect(connection);
    if (!started)
        return tl::unexpected(started.error());
    auto r = takeResult();
    return r ? std::move(*r)
             : tl::unexpected(UdsError { UdsError::Kind::Transport, 0, "request did not finish" });
}

void UdsSession::onFramesAvailable()
{
    m_batch.clear();
    m_transport.takeFrames(m_batch);
    std::vector<CanFrame> others;
    const std::int64_t now = nowUs();
    for (const CanFrame& f : m_batch) {
        if (m_client.accepts(f))
            m_client.onFrame(f, now);
        else
            others.push_back(f);
    }
    flushAndArm();
    if (!others.empty())
        Q_EMIT otherFrames(others);
}

void UdsSession::onTimer()
{
    m_client.poll(nowUs());
    flushAndArm();
}

void UdsSession::flushAndArm()
{
    m_tx.clear();
    m_client.takeFrames(m_tx);
    for (const CanFrame& f : m_tx) {
        auto sent = m_transport.send(f);
        if (!sent) {
            m_client.abort("cannot send: " + sent.error().toStdString());
            break;
        }
    }
    if (auto r = m_client.takeResult()) {
        m_timer.stop();
        if (std::exchange(m_keepAliveRunning, false))
            return; // nobody waits for a keep-alive
        m_result = std::move(r);
        Q_EMIT finished();
        return;
    }
    if (const auto next = m_client.nextDeadlineUs()) {
        // Round up to whole milliseconds: late by < 1 ms is allowed for STmin and the timeouts.
        const std::int64_t waitUs = std::max<std::int64_t>(0, *next - nowUs());
        m_timer.start(static_cast<int>((waitUs + 999) / 1000));
    } else {
        m_timer.stop();
    }
}

} // namespace pg::can
