#pragma once

#include "pack_profile.h"
#include "profile_decoder.h"

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <tl/expected.hpp>
#include <vector>

namespace pg::can {

// The seam to the ISO-TP/UDS client (issue 4, built separately): send a request's service bytes
// to an ECU and answer with the reassembled response (service bytes, no PCI) or an error. The
// client owns ISO-TP flow control, timeouts and NRC 0x78 handling; a profile's poll only says
// what to ask (UdsPoll) and where the answer's bytes go (UdsSource).
class DiagnosticClient {
public:
    using Reply = std::function<void(tl::expected<std::vector<std::uint8_t>, std::string>)>;
    virtual ~DiagnosticClient() = default;
    virtual void request(const UdsPoll& poll, Reply reply) = 0;
};

// Runs a profile's polls through a DiagnosticClient: each poll at its period, one outstanding
// request per ECU (PROTOCOLS.md 9.7), answers checked against the poll's response prefix and
// decoded into FieldValues by the profile. Single-threaded: call tick() from the decoding thread.
class PollScheduler {
public:
    PollScheduler(const ProfileDecoder& decoder, DiagnosticClient& client);

    // Sends the polls that are due at `nowUs`.
    void tick(std::int64_t nowUs);
    // Values decoded from the answers received so far (moved out).
    std::vector<FieldValue> takeValues();
    // Failed or malformed answers, "G02: <reason>", oldest first (moved out).
    std::vector<std::string> takeErrors();

private:
    void answer(std::size_t poll, std::int64_t nowUs,
        tl::expected<std::vector<std::uint8_t>, std::string> reply);

    const ProfileDecoder* m_decoder;
    DiagnosticClient* m_client;
    std::vector<std::int64_t> m_nextUs; // per poll
    std::vector<std::uint32_t> m_busyEcus; // request ids with an outstanding request
    std::vector<FieldValue> m_values;
    std::vector<std::string> m_errors;
};

} // namespace pg::can
