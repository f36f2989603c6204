#include "isotp_receiver.h"

namespace pg::can {

IsoTpReceiver::IsoTpReceiver(const IsoTpConfig& config)
    : m_config(config)
{
}

void IsoTpReceiver::reset()
{
    m_receiving = false;
    m_buffer.clear();
    m_expected = 0;
}

std::optional<IsoTpError> IsoTpReceiver::abortIfReceiving(const char* why)
{
    if (!m_receiving)
        return std::nullopt;
    IsoTpError e { IsoTpError::Kind::UnexpectedFrame,
        std::string(why) + " after " + std::to_string(m_buffer.size()) + " of "
            + std::to_string(m_expected) + " bytes; the partial message is dropped" };
    reset();
    return e;
}

IsoTpRxResult IsoTpReceiver::onPdu(
    const isotp::Pdu& pdu, std::int64_t nowUs, std::vector<CanFrame>& out)
{
    switch (pdu.type) {
    case isotp::PciType::Single: {
        // ISO 15765-2: a Single Frame during a reception ends that reception (N_UNEXP_PDU).
        IsoTpRxResult r;
        r.error = abortIfReceiving("single frame");
        r.message.emplace(pdu.data.begin(), pdu.data.end());
        return r;
    }
    case isotp::PciType::First:
        return onFirstFrame(pdu, nowUs, out);
    case isotp::PciType::Consecutive:
        return onConsecutiveFrame(pdu, nowUs, out);
    case isotp::PciType::FlowControl:
        break;
    }
    return { std::nullopt,
        IsoTpError {
            IsoTpError::Kind::UnexpectedFrame, "flow control frame given to a receiver" } };
}

IsoTpRxResult IsoTpReceiver::onFirstFrame(
    const isotp::Pdu& pdu, std::int64_t nowUs, std::vector<CanFrame>& out)
{
    IsoTpRxResult r;
    r.error = abortIfReceiving("first frame");
    if (pdu.length > m_config.maxReceiveLength) {
        out.push_back(isotp::encodeFlowControl(m_config, isotp::FlowStatus::Overflow, 0, 0));
        r.error = IsoTpError { IsoTpError::Kind::Overflow,
            "first frame announces " + std::to_string(pdu.length) + " bytes, more than the "
                + std::to_string(m_config.maxReceiveLength) + " this receiver accepts" };
        return r;
    }
    m_receiving = true;
    m_expected = pdu.length;
    m_buffer.assign(pdu.data.begin(), pdu.data.end());
    m_sequence = 1;
    m_inBlock = 0;
    m_rxDataLength = pdu.frameLength;
    out.push_back(isotp::encodeFlowControl(
        m_config, isotp::FlowStatus::ContinueToSend, m_config.blockSize, m_config.stMin));
    m_deadlineUs = nowUs + m_config.nCrUs;
    return r;
}

IsoTpRxResult IsoTpReceiver::onConsecutiveFrame(
    const isotp::Pdu& pdu, std::int64_t nowUs, std::vector<CanFrame>& out)
{
    IsoTpRxResult r;
    if (!m_receiving) {
        r.error = IsoTpError { IsoTpError::Kind::UnexpectedFrame,
            "consecutive frame (SN " + std::to_string(pdu.sequence)
                + ") without a first frame (ignored)" };
        return r;
    }
    if (pdu.sequence != m_sequence) {
        r.error = IsoTpError { IsoTpError::Kind::WrongSequence,
            "consecutive frame with SN " + std::to_string(pdu.sequence) + " where "
                + std::to_string(m_sequence) + " was expected, after "
                + std::to_string(m_buffer.size()) + " of " + std::to_string(m_expected)
                + " bytes; the message is dropped" };
        reset();
        return r;
    }
    const std::size_t n = std::min(pdu.data.size(), m_expected - m_buffer.size());
    const bool lastFrame = m_buffer.size() + n >= m_expected;
    // Every CF but the last fills the frame length the First Frame used (RX_DL).
    if (!lastFrame && pdu.data.size() + 1 < m_rxDataLength) {
        r.error = IsoTpError { IsoTpError::Kind::InvalidFrame,
            "consecutive frame too short (" + std::to_string(pdu.data.size() + 1)
                + " bytes) before the end of the message; the message is dropped" };
        reset();
        return r;
    }
    m_buffer.insert(m_buffer.end(), pdu.data.begin(), pdu.data.begin() + static_cast<long>(n));
    m_sequence = static_cast<std::uint8_t>((m_sequence + 1) & 0x0F);
    if (lastFrame) {
        r.message = std::move(m_buffer);
        reset();
        return r;
    }
    if (m_config.blockSize != 0 && ++m_inBlock >= m_config.blockSize) {
        m_inBlock = 0;
        out.push_back(isotp::encodeFlowControl(
            m_config, isotp::FlowStatus::ContinueToSend, m_config.blockSize, m_config.stMin));
    }
    m_deadlineUs = nowUs + m_config.nCrUs;
    return r;
}

std::optional<IsoTpError> IsoTpReceiver::poll(std::int64_t nowUs)
{
    if (!m_receiving || nowUs < m_deadlineUs)
        return std::nullopt;
    IsoTpError e { IsoTpError::Kind::TimeoutCr,
        "no consecutive frame within " + std::to_string(m_config.nCrUs / 1000) + " ms (N_Cr) after "
            + std::to_string(m_buffer.size()) + " of " + std::to_string(m_expected) + " bytes" };
    reset();
    return e;
}

std::optional<std::int64_t> IsoTpReceiver::nextDeadlineUs() const
{
    if (!m_receiving)
        return std::nullopt;
    return m_deadlineUs;
}

} // namespace pg::can
