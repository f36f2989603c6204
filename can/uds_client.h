#pragma once

#include "isotp_channel.h"
#include "uds_codec.h"

#include <optional>
#include <string>

namespace pg::can {

// Client-side UDS timers (ISO 14229-2): P2 from the end of the request to the start of the
// response; P2* after each 0x78 responsePending. Generous defaults suit slow BMSs on a bench.
struct UdsTiming {
    std::int64_t p2Us = 1'000'000;
    std::int64_t p2StarUs = 5'000'000;
    int maxPending = 20; // responsePending replies tolerated for one request
    // Take P2/P2* from the ECU's DiagnosticSessionControl reply (50 ss P2 P2*), plus this margin
    // for the bus and the bench (ISO 14229-2: P2client = P2server + delta); never below the
    // configured values. Negative = keep the configured values.
    std::int64_t serverTimingMarginUs = -1;
};

struct UdsError {
    enum class Kind { Negative, Timeout, Transport, Malformed, Busy };
    Kind kind = Kind::Timeout;
    std::uint8_t nrc = 0; // Negative
    std::string message;
};

using UdsResult = tl::expected<uds::Bytes, UdsError>;

// One request at a time to one ECU over ISO-TP (PROTOCOLS.md §9.7: serialize requests per ECU).
// Pure state machine like IsoTpChannel: feed frames and time, take frames to send and the result.
class UdsClient {
public:
    // `ecuName` appears in error messages; empty = the request id ("ECU 0x7E0").
    UdsClient(const IsoTpConfig& isoTp, UdsTiming timing = {}, std::string ecuName = {});

    // Starts a request (whole service request, e.g. 22 F1 90).
    tl::expected<void, UdsError> request(uds::Bytes request, std::int64_t nowUs);
    void onFrame(const CanFrame& frame, std::int64_t nowUs);
    void poll(std::int64_t nowUs);
    std::optional<std::int64_t> nextDeadlineUs() const;
    std::size_t takeFrames(std::vector<CanFrame>& out) { return m_channel.takeFrames(out); }

    // Ends the running request with a transport error (e.g. the adapter refused a frame).
    void abort(const std::string& why);
    bool busy() const { return m_state != State::Idle; }
    // The finished request's positive response (whole, e.g. 62 F1 90 ..), or why it failed.
    std::optional<UdsResult> takeResult();
    int pendingReplies() const { return m_pending; }
    const UdsTiming& timing() const { return m_timing; }
    const std::string& ecuName() const { return m_ecuName; }
    bool accepts(const CanFrame& frame) const { return m_channel.accepts(frame); }

private:
    enum class State { Idle, Sending, WaitingResponse };

    void handleEvents(std::int64_t nowUs);
    void onResponse(const uds::Bytes& response, std::int64_t nowUs);
    void finish(UdsResult result);
    void fail(UdsError::Kind kind, const std::string& what, std::uint8_t nrc = 0);
    std::string requestText() const;
    bool echoMatches(const uds::Bytes& response) const;

    IsoTpChannel m_channel;
    UdsTiming m_timing;
    UdsTiming m_configured;
    std::string m_ecuName;
    State m_state = State::Idle;
    uds::Bytes m_request;
    std::int64_t m_deadlineUs = 0;
    std::int64_t m_waitedUs = 0; // the timer that is running (P2 or P2*)
    int m_pending = 0;
    std::optional<UdsResult> m_result;
};

} // namespace pg::can
