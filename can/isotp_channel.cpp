#include "isotp_channel.h"

#include <algorithm>

namespace pg::can {

IsoTpChannel::IsoTpChannel(IsoTpConfig config)
    : m_config(config)
    , m_sender(config)
    , m_receiver(config)
{
}

bool IsoTpChannel::accepts(const CanFrame& frame) const
{
    return frame.id == m_config.address.rxId
        && frame.is(CanFrame::Extended) == m_config.address.extended
        && !frame.is(CanFrame::Transmitted) && !frame.is(CanFrame::Error)
        && !frame.is(CanFrame::Remote);
}

void IsoTpChannel::error(IsoTpError e, std::int64_t nowUs)
{
    IsoTpEvent ev;
    ev.kind = IsoTpEvent::Kind::Error;
    ev.error = std::move(e);
    ev.timeUs = nowUs;
    m_events.push_back(std::move(ev));
}

void IsoTpChannel::noteSent(std::int64_t nowUs)
{
    if (!m_sender.takeCompleted())
        return;
    IsoTpEvent ev;
    ev.kind = IsoTpEvent::Kind::Sent;
    ev.timeUs = nowUs;
    m_events.push_back(std::move(ev));
}

tl::expected<void, IsoTpError> IsoTpChannel::send(
    std::span<const std::uint8_t> payload, std::int64_t nowUs)
{
    auto started = m_sender.start(payload, nowUs, m_tx);
    if (started)
        noteSent(nowUs);
    return started;
}

void IsoTpChannel::onFrame(const CanFrame& frame, std::int64_t nowUs)
{
    if (!accepts(frame))
        return;
    const auto pdu = isotp::decodePdu(frame);
    if (!pdu) {
        error(pdu.error(), nowUs);
        return;
    }
    if (pdu->type == isotp::PciType::FlowControl) {
        if (auto e = m_sender.onFlowControl(*pdu, nowUs))
            error(std::move(*e), nowUs);
        poll(nowUs); // a CTS lets the first CF of the block go now
        return;
    }
    IsoTpRxResult r = m_receiver.onPdu(*pdu, nowUs, m_tx);
    if (r.error)
        error(std::move(*r.error), nowUs);
    if (r.message) {
        IsoTpEvent ev;
        ev.kind = IsoTpEvent::Kind::Received;
        ev.payload = std::move(*r.message);
        ev.timeUs = nowUs;
        m_events.push_back(std::move(ev));
    }
}

void IsoTpChannel::poll(std::int64_t nowUs)
{
    if (auto e = m_sender.poll(nowUs, m_tx))
        error(std::move(*e), nowUs);
    noteSent(nowUs);
    if (auto e = m_receiver.poll(nowUs))
        error(std::move(*e), nowUs);
}

std::optional<std::int64_t> IsoTpChannel::nextDeadlineUs() const
{
    const auto a = m_sender.nextDeadlineUs();
    const auto b = m_receiver.nextDeadlineUs();
    if (a && b)
        return std::min(*a, *b);
    return a ? a : b;
}

std::size_t IsoTpChannel::takeFrames(std::vector<CanFrame>& out)
{
    const std::size_t n = m_tx.size();
    out.insert(out.end(), m_tx.begin(), m_tx.end());
    m_tx.clear();
    return n;
}

std::size_t IsoTpChannel::takeEvents(std::vector<IsoTpEvent>& out)
{
    const std::size_t n = m_events.size();
    std::move(m_events.begin(), m_events.end(), std::back_inserter(out));
    m_events.clear();
    return n;
}

void IsoTpChannel::reset()
{
    m_sender.reset();
    m_receiver.reset();
    m_tx.clear();
    m_events.clear();
}

} // namespace pg::can
