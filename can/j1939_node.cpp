#include "j1939_node.h"

namespace pg::can {

J1939Node::J1939Node(Transport& transport, J1939ReceiverConfig config, QObject* parent)
    : QObject(parent)
    , m_transport(transport)
    , m_receiver(config)
{
    m_clock.start();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_receiver.poll(nowUs());
        afterInput();
    });
    connect(&m_transport, &Transport::framesAvailable, this, &J1939Node::onFramesAvailable);
}

void J1939Node::onFramesAvailable()
{
    m_batch.clear();
    m_transport.takeFrames(m_batch);
    std::vector<CanFrame> others;
    const std::int64_t now = nowUs();
    for (const CanFrame& f : m_batch) {
        if (f.is(CanFrame::Extended))
            m_receiver.onFrame(f, now);
        else
            others.push_back(f);
    }
    afterInput();
    if (!others.empty())
        Q_EMIT otherFrames(others);
}

void J1939Node::afterInput()
{
    m_tx.clear();
    m_receiver.takeFrames(m_tx);
    for (const CanFrame& f : m_tx)
        (void)m_transport.send(f); // a refused CTS ends in the sender's timeout, reported below
    if (const auto next = m_receiver.nextDeadlineUs()) {
        const std::int64_t waitUs = std::max<std::int64_t>(0, *next - nowUs());
        m_timer.start(static_cast<int>((waitUs + 999) / 1000));
    } else {
        m_timer.stop();
    }
    if (m_receiver.pendingMessages() > 0)
        Q_EMIT messagesAvailable();
    if (m_receiver.pendingErrors() > 0)
        Q_EMIT errorsAvailable();
}

} // namespace pg::can
