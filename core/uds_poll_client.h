#pragma once

#include "can/poll_scheduler.h"
#include "can/uds_client.h"

#include <functional>
#include <memory>
#include <vector>

namespace pg::core {

// can::DiagnosticClient over can::UdsClient: one ISO-TP/UDS client per ECU (request id) of a
// profile's polls, flow control as the poll asks ("30 01 00": block size 1, FC after every
// frame, as the Leaf LBC wants). Pure like UdsClient: the owner feeds frames and wall-clock time
// and sends what takeFrames() gives.
class UdsPollClient : public can::DiagnosticClient {
public:
    explicit UdsPollClient(const can::PackProfile& profile);

    void request(const can::UdsPoll& poll, Reply reply) override;
    // True when the frame was for one of the clients.
    bool onFrame(const can::CanFrame& frame, std::int64_t nowUs);
    void poll(std::int64_t nowUs);
    std::size_t takeFrames(std::vector<can::CanFrame>& out);
    void setNow(std::int64_t nowUs) { m_nowUs = nowUs; }
    std::uint64_t answers() const { return m_answers; }
    std::uint64_t failures() const { return m_failures; }

private:
    struct Ecu {
        std::uint32_t requestId = 0;
        std::unique_ptr<can::UdsClient> client;
        Reply reply;
    };
    Ecu* ecuFor(std::uint32_t requestId);
    void finish(Ecu& e);

    std::vector<Ecu> m_ecus;
    std::int64_t m_nowUs = 0;
    std::uint64_t m_answers = 0;
    std::uint64_t m_failures = 0;
};

// Block size and STmin of a poll's documented flow control ("send 30 01 00 after every frame"):
// the bytes after a `30`; none when the text names no FC frame.
bool parseFlowControl(const std::string& text, std::uint8_t& blockSize, std::uint8_t& stMin);

} // namespace pg::core
