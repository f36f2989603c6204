#include "uds_client.h"

#include <cstdio>

namespace pg::can {

namespace {

    std::string defaultEcuName(const IsoTpConfig& c)
    {
        char buf[32];
        std::snprintf(buf, sizeof buf, "ECU 0x%X", c.address.txId);
        return buf;
    }

    bool suppressesResponse(const uds::Bytes& request)
    {
        // Sub-function bit 7 (suppressPosRspMsgIndicationBit) on services that have sub-functions.
        return request.size() >= 2 && (request[1] & uds::kSuppressPositiveResponse) != 0
            && (request[0] == uds::DiagnosticSessionControl || request[0] == uds::TesterPresent);
    }

} // namespace

UdsClient::UdsClient(const IsoTpConfig& isoTp, UdsTiming timing, std::string ecuName)
    : m_channel(isoTp)
    , m_timing(timing)
    , m_configured(timing)
    , m_ecuName(ecuName.empty() ? defaultEcuName(isoTp) : std::move(ecuName))
{
}

std::string UdsClient::requestText() const
{
    return uds::serviceName(m_request.empty() ? 0 : m_request[0]) + " (" + uds::hexBytes(m_request)
        + ")";
}

tl::expected<void, UdsError> UdsClient::request(uds::Bytes request, std::int64_t nowUs)
{
    if (busy())
        return tl::unexpected(UdsError {
            UdsError::Kind::Busy, 0, m_ecuName + ": " + requestText() + " is still in progress" });
    if (request.empty())
        return tl::unexpected(UdsError { UdsError::Kind::Malformed, 0, "empty UDS request" });
    m_request = std::move(request);
    m_pending = 0;
    m_result.reset();
    m_channel.reset();
    auto sent = m_channel.send(m_request, nowUs);
    if (!sent) {
        UdsError e { UdsError::Kind::Transport, 0,
            m_ecuName + ", " + requestText() + ": " + sent.error().message };
        return tl::unexpected(e);
    }
    m_state = State::Sending;
    handleEvents(nowUs);
    return {};
}

void UdsClient::onFrame(const CanFrame& frame, std::int64_t nowUs)
{
    m_channel.onFrame(frame, nowUs);
    handleEvents(nowUs);
}

void UdsClient::poll(std::int64_t nowUs)
{
    m_channel.poll(nowUs);
    handleEvents(nowUs);
    // P2/P2* bound the start of the response; once a multi-frame response is arriving, N_Cr rules.
    if (m_state == State::WaitingResponse && nowUs >= m_deadlineUs && !m_channel.receiving()) {
        std::string what = "no response within " + std::to_string(m_waitedUs / 1000) + " ms";
        if (m_pending > 0)
            what += " after responsePending (0x78, " + std::to_string(m_pending) + " times)";
        fail(UdsError::Kind::Timeout, what);
    }
}

std::optional<std::int64_t> UdsClient::nextDeadlineUs() const
{
    auto channel = m_channel.nextDeadlineUs();
    if (m_state != State::WaitingResponse)
        return channel;
    return channel ? std::min(*channel, m_deadlineUs) : m_deadlineUs;
}

std::optional<UdsResult> UdsClient::takeResult()
{
    auto r = std::move(m_result);
    m_result.reset();
    return r;
}

void UdsClient::finish(UdsResult result)
{
    m_result = std::move(result);
    m_state = State::Idle;
}

void UdsClient::fail(UdsError::Kind kind, const std::string& what, std::uint8_t nrc)
{
    m_channel.reset();
    finish(tl::unexpected(UdsError { kind, nrc, m_ecuName + ", " + requestText() + ": " + what }));
}

void UdsClient::abort(const std::string& why)
{
    if (busy())
        fail(UdsError::Kind::Transport, why);
}

void UdsClient::handleEvents(std::int64_t nowUs)
{
    std::vector<IsoTpEvent> events;
    m_channel.takeEvents(events);
    for (const IsoTpEvent& e : events) {
        if (m_state == State::Idle)
            return; // late traffic after the request finished
        switch (e.kind) {
        case IsoTpEvent::Kind::Sent:
            if (suppressesResponse(m_request)) {
                finish(uds::Bytes {});
                break;
            }
            m_state = State::WaitingResponse;
            m_waitedUs = m_timing.p2Us;
            m_deadlineUs = nowUs + m_timing.p2Us;
            break;
        case IsoTpEvent::Kind::Received:
            if (m_state == State::WaitingResponse)
                onResponse(e.payload, nowUs);
            break;
        case IsoTpEvent::Kind::Error:
            // A stray frame does not spoil a request; anything that aborts a transfer does.
            if (e.error.kind != IsoTpError::Kind::UnexpectedFrame || m_state == State::Sending)
                fail(UdsError::Kind::Transport, std::string("ISO-TP ") + e.error.message);
            break;
        }
    }
}

bool UdsClient::echoMatches(const uds::Bytes& r) const
{
    // Positive responses repeat the DID (0x22), the local identifier (0x21, KWP2000-style, as
    // the Nissan Leaf LBC groups use) or the sub-function without its suppress bit (0x10, 0x19).
    std::size_t echo = 0;
    std::uint8_t firstMask = 0xFF;
    switch (m_request[0]) {
    case uds::ReadDataByIdentifier:
        echo = 2;
        break;
    case uds::ReadDataByLocalIdentifier:
        echo = 1;
        break;
    case uds::DiagnosticSessionControl:
    case uds::ReadDtcInformation:
        echo = 1;
        firstMask = 0x7F;
        break;
    default:
        break;
    }
    echo = std::min(echo, m_request.size() - 1);
    if (r.size() < 1 + echo)
        return false;
    for (std::size_t i = 1; i <= echo; ++i) {
        const std::uint8_t mask = i == 1 ? firstMask : 0xFF;
        if ((r[i] & mask) != (m_request[i] & mask))
            return false;
    }
    return true;
}

void UdsClient::onResponse(const uds::Bytes& r, std::int64_t nowUs)
{
    const std::uint8_t sid = m_request[0];
    if (r.size() >= 3 && r[0] == uds::kNegativeResponse && r[1] == sid) {
        const std::uint8_t nrc = r[2];
        if (nrc == uds::kResponsePending) {
            if (++m_pending > m_timing.maxPending) {
                fail(UdsError::Kind::Timeout,
                    "more than " + std::to_string(m_timing.maxPending)
                        + " responsePending replies");
                return;
            }
            m_waitedUs = m_timing.p2StarUs;
            m_deadlineUs = nowUs + m_timing.p2StarUs;
            return;
        }
        char code[8];
        std::snprintf(code, sizeof code, "0x%02X", nrc);
        fail(UdsError::Kind::Negative,
            "negative response " + std::string(code) + " " + uds::nrcName(nrc), nrc);
        return;
    }
    if (r.empty() || r[0] != sid + uds::kPositiveOffset)
        return; // an answer to something else (another tester, an earlier request): not ours
    if (!echoMatches(r)) {
        fail(UdsError::Kind::Malformed,
            "response " + uds::hexBytes(r) + " does not echo the request");
        return;
    }
    if (sid == uds::DiagnosticSessionControl && m_configured.serverTimingMarginUs >= 0) {
        if (const auto t = uds::decodeSessionControl(r); t && r.size() >= 6) {
            const std::int64_t margin = m_configured.serverTimingMarginUs;
            m_timing.p2Us = std::max(m_configured.p2Us, std::int64_t { t->p2Ms } * 1000 + margin);
            m_timing.p2StarUs
                = std::max(m_configured.p2StarUs, std::int64_t { t->p2StarMs } * 1000 + margin);
        }
    }
    finish(r);
}

} // namespace pg::can
