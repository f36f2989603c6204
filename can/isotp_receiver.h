#pragma once

#include "isotp_codec.h"

#include <optional>
#include <vector>

namespace pg::can {

// What one received frame did: completed a message, failed one (or both: a new Single Frame
// that interrupts a reception aborts the old message and delivers the new one).
struct IsoTpRxResult {
    std::optional<std::vector<std::uint8_t>> message;
    std::optional<IsoTpError> error;
};

// The receiving half of an ISO-TP link: Single Frames, or a First Frame answered with flow
// control and followed by Consecutive Frames whose sequence numbers and N_Cr timing it checks.
// Pure state machine like IsoTpSender: time is an argument, flow control frames go to `out`.
class IsoTpReceiver {
public:
    explicit IsoTpReceiver(const IsoTpConfig& config);

    // Handles a Single, First or Consecutive Frame (flow control belongs to the sender).
    IsoTpRxResult onPdu(const isotp::Pdu& pdu, std::int64_t nowUs, std::vector<CanFrame>& out);
    // Reports an N_Cr timeout and drops the partial message.
    std::optional<IsoTpError> poll(std::int64_t nowUs);

    std::optional<std::int64_t> nextDeadlineUs() const;
    bool busy() const { return m_receiving; }
    void reset();

private:
    IsoTpRxResult onFirstFrame(
        const isotp::Pdu& pdu, std::int64_t nowUs, std::vector<CanFrame>& out);
    IsoTpRxResult onConsecutiveFrame(
        const isotp::Pdu& pdu, std::int64_t nowUs, std::vector<CanFrame>& out);
    std::optional<IsoTpError> abortIfReceiving(const char* why);

    IsoTpConfig m_config;
    bool m_receiving = false;
    std::vector<std::uint8_t> m_buffer;
    std::size_t m_expected = 0;
    std::uint8_t m_sequence = 1;
    int m_inBlock = 0;
    std::size_t m_rxDataLength = 8;
    std::int64_t m_deadlineUs = 0;
};

} // namespace pg::can
