#include "poll_server.h"

#include "can/profile_ids.h"

#include <algorithm>
#include <cmath>

namespace pg::sim {

namespace {

    constexpr std::uint8_t kNegativeResponse = 0x7F;
    constexpr std::uint8_t kRequestOutOfRange = 0x31;

    // The raw value clamped to what the element type holds, written big-endian.
    void writeElement(
        std::vector<std::uint8_t>& p, std::size_t at, const std::string& type, double raw)
    {
        const int size = can::udsElementSize(type);
        const bool isSigned = type.front() == 's';
        const double span = std::ldexp(1.0, 8 * size);
        const double lo = isSigned ? -span / 2 : 0.0;
        const double hi = (isSigned ? span / 2 : span) - 1;
        const auto v = static_cast<std::int64_t>(std::clamp(std::round(raw), lo, hi));
        if (p.size() < at + static_cast<std::size_t>(size))
            p.resize(at + static_cast<std::size_t>(size), 0);
        for (int i = 0; i < size; ++i)
            p[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(
                (static_cast<std::uint64_t>(v) >> (8 * (size - 1 - i))) & 0xFFU);
    }

    can::IsoTpConfig serverConfig(const can::UdsPoll& poll)
    {
        can::IsoTpConfig c;
        c.address.txId = poll.responseId;
        c.address.rxId = poll.requestId;
        c.address.extended = poll.extended;
        return c;
    }

} // namespace

PollServer::PollServer(const can::ProfileDecoder& decoder)
    : m_decoder(&decoder)
{
    for (const can::UdsPoll& p : decoder.profile().polls) {
        const bool known = std::any_of(
            m_ecus.begin(), m_ecus.end(), [&](const Ecu& e) { return e.requestId == p.requestId; });
        if (!known)
            m_ecus.push_back({ p.requestId, can::IsoTpChannel(serverConfig(p)) });
    }
}

void PollServer::writeField(
    const can::FieldSource& f, const BmsState& state, std::vector<std::uint8_t>& payload) const
{
    const int size = can::udsElementSize(f.uds.type);
    const int stride = f.uds.stride > 0 ? f.uds.stride : size;
    const bool array = can::fieldInfo(f.field).shape == can::FieldShape::Array;
    for (int k = 0; k < f.uds.count; ++k) {
        const BmsValue v = bmsValue(state, f.field, array ? f.index.base + k : -1);
        if (!v.exists)
            break; // a shorter answer: the reader decodes only what is there
        const double raw = v.open && !f.invalidRaw.empty()
            ? static_cast<double>(f.invalidRaw.front())
            : (v.value - f.offset) / f.scale;
        writeElement(payload, static_cast<std::size_t>(f.uds.offset + k * stride), f.uds.type, raw);
    }
}

std::optional<std::vector<std::uint8_t>> PollServer::respond(
    const std::vector<std::uint8_t>& request, std::uint32_t requestId, const BmsState& state) const
{
    for (const can::UdsPoll& p : m_decoder->profile().polls) {
        if (p.requestId != requestId || p.request != request)
            continue;
        std::vector<std::uint8_t> payload;
        for (const can::FieldSource& f : m_decoder->profile().fields) {
            if (f.kind == can::FieldSource::Kind::Uds && f.uds.poll == p.name)
                writeField(f, state, payload);
        }
        std::vector<std::uint8_t> answer = p.responsePrefix;
        answer.insert(answer.end(), payload.begin(), payload.end());
        return answer;
    }
    return std::nullopt;
}

void PollServer::onFrame(const can::CanFrame& frame, std::int64_t nowUs, const BmsState& state)
{
    for (Ecu& e : m_ecus) {
        if (!e.channel.accepts(frame))
            continue;
        e.channel.onFrame(frame, nowUs);
        std::vector<can::IsoTpEvent> events;
        e.channel.takeEvents(events);
        for (const can::IsoTpEvent& ev : events) {
            if (ev.kind != can::IsoTpEvent::Kind::Received || ev.payload.empty())
                continue;
            auto answer = respond(ev.payload, e.requestId, state);
            if (!answer)
                answer = std::vector<std::uint8_t> { kNegativeResponse, ev.payload.front(),
                    kRequestOutOfRange };
            if (e.channel.send(*answer, nowUs))
                ++m_answered;
        }
    }
}

void PollServer::poll(std::int64_t nowUs)
{
    for (Ecu& e : m_ecus) {
        e.channel.poll(nowUs);
        std::vector<can::IsoTpEvent> dropped; // timeouts of a tester that went away: nothing to do
        e.channel.takeEvents(dropped);
    }
}

std::optional<std::int64_t> PollServer::nextDeadlineUs() const
{
    std::optional<std::int64_t> next;
    for (const Ecu& e : m_ecus) {
        const auto d = e.channel.nextDeadlineUs();
        if (d && (!next || *d < *next))
            next = d;
    }
    return next;
}

std::size_t PollServer::takeFrames(std::vector<can::CanFrame>& out)
{
    std::size_t n = 0;
    for (Ecu& e : m_ecus)
        n += e.channel.takeFrames(out);
    return n;
}

} // namespace pg::sim
