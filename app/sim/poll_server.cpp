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
            m_ecus.push_back({ p.requestId, can::IsoTpChannel(serverConfig(p)), std::nullopt });
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

std::optional<std::size_t> PollServer::pollFor(
    const std::vector<std::uint8_t>& request, std::uint32_t requestId) const
{
    const std::vector<can::UdsPoll>& polls = m_decoder->profile().polls;
    for (std::size_t i = 0; i < polls.size(); ++i) {
        if (polls[i].requestId == requestId && polls[i].request == request)
            return i;
    }
    return std::nullopt;
}

std::optional<std::vector<std::uint8_t>> PollServer::respond(
    const std::vector<std::uint8_t>& request, std::uint32_t requestId, const BmsState& state) const
{
    const auto i = pollFor(request, requestId);
    if (!i)
        return std::nullopt;
    const can::UdsPoll& p = m_decoder->profile().polls[*i];
    std::vector<std::uint8_t> payload;
    for (const can::FieldSource& f : m_decoder->profile().fields) {
        if (f.kind == can::FieldSource::Kind::Uds && f.uds.poll == p.name)
            writeField(f, state, payload);
    }
    std::vector<std::uint8_t> answer = p.responsePrefix;
    answer.insert(answer.end(), payload.begin(), payload.end());
    return answer;
}

void PollServer::onFrame(const can::CanFrame& frame, std::int64_t nowUs, const BmsState& state)
{
    for (Ecu& e : m_ecus) {
        if (!e.channel.accepts(frame))
            continue;
        e.channel.onFrame(frame, nowUs);
        takeEvents(e, nowUs, &state);
    }
}

// A complete request is answered at once from `state` (none: from poll(), where only sends
// complete and timeouts happen); an answer fully sent is reported; an error (the tester went
// away mid-answer) drops the answer.
void PollServer::takeEvents(Ecu& e, std::int64_t nowUs, const BmsState* state)
{
    std::vector<can::IsoTpEvent> events;
    e.channel.takeEvents(events);
    for (std::size_t k = 0; k < events.size(); ++k) {
        const can::IsoTpEvent& ev = events[k];
        if (ev.kind == can::IsoTpEvent::Kind::Sent) {
            if (e.sending)
                m_completed.push_back(*e.sending);
            e.sending.reset();
            continue;
        }
        if (ev.kind == can::IsoTpEvent::Kind::Error) {
            e.sending.reset();
            continue;
        }
        if (ev.payload.empty() || !state)
            continue;
        const auto poll = pollFor(ev.payload, e.requestId);
        auto answer = respond(ev.payload, e.requestId, *state);
        if (!answer)
            answer = std::vector<std::uint8_t> { kNegativeResponse, ev.payload.front(),
                kRequestOutOfRange };
        if (!e.channel.send(*answer, nowUs))
            continue;
        ++m_answered;
        e.sending.reset();
        if (poll)
            e.sending = Completed { *poll, state->timeS };
        e.channel.takeEvents(events); // a single-frame answer is sent at once
    }
}

void PollServer::poll(std::int64_t nowUs)
{
    for (Ecu& e : m_ecus) {
        e.channel.poll(nowUs);
        takeEvents(e, nowUs, nullptr);
    }
}

std::vector<PollServer::Completed> PollServer::takeCompleted()
{
    std::vector<Completed> out;
    out.swap(m_completed);
    return out;
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
