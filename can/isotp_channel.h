#pragma once

#include "isotp_receiver.h"
#include "isotp_sender.h"

#include <vector>

namespace pg::can {

struct IsoTpEvent {
    enum class Kind { Received, Sent, Error };
    Kind kind = Kind::Received;
    std::vector<std::uint8_t> payload; // Received
    IsoTpError error; // Error
    std::int64_t timeUs = 0;
};

// One full-duplex ISO-TP link (a sender and a receiver on one pair of ids). Feed it the bus's
// frames and the time; take the frames it wants sent and the events it produced. No I/O, no
// threads, no clock of its own: Qt code (UdsSession) or a test drives it.
class IsoTpChannel {
public:
    explicit IsoTpChannel(IsoTpConfig config);

    const IsoTpConfig& config() const { return m_config; }
    // True when the frame carries this link's rx id (and id width).
    bool accepts(const CanFrame& frame) const;

    tl::expected<void, IsoTpError> send(std::span<const std::uint8_t> payload, std::int64_t nowUs);
    // Frames for other ids are ignored.
    void onFrame(const CanFrame& frame, std::int64_t nowUs);
    // Emits due consecutive frames and reports timeouts.
    void poll(std::int64_t nowUs);
    // The earliest time poll() has work; none when idle.
    std::optional<std::int64_t> nextDeadlineUs() const;
    bool sending() const { return m_sender.busy(); }
    bool receiving() const { return m_receiver.busy(); }

    std::size_t takeFrames(std::vector<CanFrame>& out);
    std::size_t takeEvents(std::vector<IsoTpEvent>& out);
    void reset();

private:
    void error(IsoTpError e, std::int64_t nowUs);
    void noteSent(std::int64_t nowUs);

    IsoTpConfig m_config;
    IsoTpSender m_sender;
    IsoTpReceiver m_receiver;
    std::vector<CanFrame> m_tx;
    std::vector<IsoTpEvent> m_events;
};

} // namespace pg::can
