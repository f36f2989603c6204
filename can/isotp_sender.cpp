#include "isotp_sender.h"

namespace pg::can {

IsoTpSender::IsoTpSender(const IsoTpConfig& config)
    : m_config(config)
{
}

void IsoTpSender::reset()
{
    m_state = State::Idle;
    m_payload.clear();
    m_offset = 0;
}

IsoTpError IsoTpSender::fail(IsoTpError::Kind kind, std::string message)
{
    reset();
    return { kind, std::move(message) };
}

tl::expected<void, IsoTpError> IsoTpSender::start(
    std::span<const std::uint8_t> payload, std::int64_t nowUs, std::vector<CanFrame>& out)
{
    if (busy())
        return tl::unexpected(IsoTpError { IsoTpError::Kind::Busy,
            "a message is still being sent (" + std::to_string(m_offset) + " of "
                + std::to_string(m_payload.size()) + " bytes)" });
    if (m_config.frameDataLength < 8 || !isValidFdLength(m_config.frameDataLength))
        return tl::unexpected(IsoTpError { IsoTpError::Kind::InvalidFrame,
            "frame data length " + std::to_string(m_config.frameDataLength)
                + " is not 8 or a CAN FD length (12, 16, 20, 24, 32, 48, 64)" });
    if (payload.empty())
        return tl::unexpected(IsoTpError { IsoTpError::Kind::TooLong, "empty message" });
    if (payload.size() > 0xFFFFFFFFULL)
        return tl::unexpected(IsoTpError { IsoTpError::Kind::TooLong, "message over 4 GiB" });
    m_completed = false;
    if (payload.size() <= isotp::singleFrameCapacity(m_config.frameDataLength)) {
        out.push_back(isotp::encodeSingleFrame(m_config, payload));
        m_completed = true;
        return {};
    }
    m_payload.assign(payload.begin(), payload.end());
    out.push_back(isotp::encodeFirstFrame(m_config, m_payload, m_offset));
    m_sequence = 1;
    m_waitFrames = 0;
    m_state = State::WaitFlowControl;
    m_deadlineUs = nowUs + m_config.nBsUs;
    return {};
}

std::optional<IsoTpError> IsoTpSender::onFlowControl(const isotp::Pdu& fc, std::int64_t nowUs)
{
    if (m_state != State::WaitFlowControl)
        return IsoTpError { IsoTpError::Kind::UnexpectedFrame,
            "flow control frame while not waiting for one (ignored)" };
    switch (fc.flowStatus) {
    case isotp::FlowStatus::Overflow:
        return fail(IsoTpError::Kind::Overflow,
            "receiver cannot take a message of " + std::to_string(m_payload.size()) + " bytes");
    case isotp::FlowStatus::Wait:
        if (++m_waitFrames > m_config.maxWaitFrames)
            return fail(IsoTpError::Kind::WaitLimit,
                "receiver sent more than " + std::to_string(m_config.maxWaitFrames)
                    + " flow control WAIT frames in a row");
        m_deadlineUs = nowUs + m_config.nBsUs;
        return std::nullopt;
    case isotp::FlowStatus::ContinueToSend:
        break;
    }
    m_waitFrames = 0;
    m_blockSize = fc.blockSize;
    m_stMinUs = isotp::stMinToUs(fc.stMin);
    m_sentInBlock = 0;
    m_state = State::Sending;
    m_deadlineUs = nowUs; // the first CF of a block may go at once
    return std::nullopt;
}

std::optional<IsoTpError> IsoTpSender::poll(std::int64_t nowUs, std::vector<CanFrame>& out)
{
    if (m_state == State::WaitFlowControl && nowUs >= m_deadlineUs)
        return fail(IsoTpError::Kind::TimeoutBs,
            "no flow control within " + std::to_string(m_config.nBsUs / 1000) + " ms (N_Bs) after "
                + std::to_string(m_offset) + " of " + std::to_string(m_payload.size()) + " bytes");
    const std::size_t chunkMax = static_cast<std::size_t>(m_config.frameDataLength) - 1;
    while (m_state == State::Sending && nowUs >= m_deadlineUs) {
        const std::size_t n = std::min(chunkMax, m_payload.size() - m_offset);
        out.push_back(isotp::encodeConsecutiveFrame(
            m_config, m_sequence, std::span<const std::uint8_t>(m_payload).subspan(m_offset, n)));
        m_offset += n;
        m_sequence = static_cast<std::uint8_t>((m_sequence + 1) & 0x0F);
        ++m_sentInBlock;
        if (m_offset >= m_payload.size()) {
            reset();
            m_completed = true;
        } else if (m_blockSize != 0 && m_sentInBlock >= m_blockSize) {
            m_state = State::WaitFlowControl;
            m_deadlineUs = nowUs + m_config.nBsUs;
        } else if (m_stMinUs > 0) {
            m_deadlineUs = nowUs + m_stMinUs;
        }
    }
    return std::nullopt;
}

std::optional<std::int64_t> IsoTpSender::nextDeadlineUs() const
{
    if (m_state == State::Idle)
        return std::nullopt;
    return m_deadlineUs;
}

bool IsoTpSender::takeCompleted()
{
    const bool done = m_completed;
    m_completed = false;
    return done;
}

} // namespace pg::can
