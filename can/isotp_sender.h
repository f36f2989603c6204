#pragma once

#include "isotp_codec.h"

#include <optional>
#include <vector>

namespace pg::can {

// The sending half of an ISO-TP link: Single Frame, or First Frame then Consecutive Frames paced
// by the receiver's flow control (block size, STmin, WAIT, overflow) and guarded by N_Bs.
// Pure state machine: time comes in as an argument (microseconds, any monotonic origin) and the
// frames to transmit go out through `out`; nothing sleeps.
class IsoTpSender {
public:
    explicit IsoTpSender(const IsoTpConfig& config);

    // Starts sending `payload`; its first frame is appended to `out`.
    tl::expected<void, IsoTpError> start(
        std::span<const std::uint8_t> payload, std::int64_t nowUs, std::vector<CanFrame>& out);
    // A flow control frame from the peer. An error aborts the message (unless it is only an
    // unexpected FC, which is reported and otherwise ignored).
    std::optional<IsoTpError> onFlowControl(const isotp::Pdu& fc, std::int64_t nowUs);
    // Appends the consecutive frames that are due now; reports an N_Bs timeout.
    std::optional<IsoTpError> poll(std::int64_t nowUs, std::vector<CanFrame>& out);

    // When poll() has something to do next (a CF's STmin or the N_Bs deadline); none when idle.
    std::optional<std::int64_t> nextDeadlineUs() const;
    bool busy() const { return m_state != State::Idle; }
    // True once after the last frame of a message has been handed out.
    bool takeCompleted();
    void reset();

private:
    enum class State { Idle, WaitFlowControl, Sending };

    IsoTpError fail(IsoTpError::Kind kind, std::string message);

    IsoTpConfig m_config;
    State m_state = State::Idle;
    std::vector<std::uint8_t> m_payload;
    std::size_t m_offset = 0;
    std::uint8_t m_sequence = 1;
    std::uint8_t m_blockSize = 0;
    std::int64_t m_stMinUs = 0;
    int m_sentInBlock = 0;
    int m_waitFrames = 0;
    std::int64_t m_deadlineUs = 0; // N_Bs expiry, or when the next CF may go
    bool m_completed = false;
};

} // namespace pg::can
