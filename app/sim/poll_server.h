#pragma once

#include "bms_state.h"
#include "can/isotp_channel.h"
#include "can/profile_decoder.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace pg::sim {

// The ECU side of a profile's UDS / group polls (the Nissan Leaf LBC's `21 02` on 0x79B answered
// on 0x7BB): an ISO-TP server per request id, with flow control, answering each known request
// with the poll's response prefix and the BmsState written where the profile's `uds` mappings
// read it (the inverse of ProfileDecoder::decodePollResponse). Unknown requests get the negative
// response 7F SID 31 (requestOutOfRange). Pure state machine: frames and time in, frames out.
class PollServer {
public:
    explicit PollServer(const can::ProfileDecoder& decoder);

    bool empty() const { return m_ecus.empty(); }
    // Feeds a frame; a complete request is answered at once from `state`.
    void onFrame(const can::CanFrame& frame, std::int64_t nowUs, const BmsState& state);
    void poll(std::int64_t nowUs);
    std::optional<std::int64_t> nextDeadlineUs() const;
    std::size_t takeFrames(std::vector<can::CanFrame>& out);
    std::uint64_t answered() const { return m_answered; }
    // An answer whose last frame has gone out: which poll (index in the profile's `polls`) and
    // the state's time when it was asked (what the answer's values are as of).
    struct Completed {
        std::size_t poll = 0;
        double servedS = 0;
    };
    std::vector<Completed> takeCompleted();

    // The response to `request` (prefix + payload), or nothing when no poll asks this.
    std::optional<std::vector<std::uint8_t>> respond(const std::vector<std::uint8_t>& request,
        std::uint32_t requestId, const BmsState& state) const;

private:
    struct Ecu {
        std::uint32_t requestId = 0;
        can::IsoTpChannel channel;
        std::optional<Completed> sending; // the answer on its way
    };
    void takeEvents(Ecu& e, std::int64_t nowUs, const BmsState* state);
    std::optional<std::size_t> pollFor(
        const std::vector<std::uint8_t>& request, std::uint32_t requestId) const;
    void writeField(
        const can::FieldSource& f, const BmsState& state, std::vector<std::uint8_t>& payload) const;

    const can::ProfileDecoder* m_decoder;
    std::vector<Ecu> m_ecus;
    std::uint64_t m_answered = 0;
    std::vector<Completed> m_completed;
};

} // namespace pg::sim
