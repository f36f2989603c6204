#include "j1939_receiver.h"

#include <algorithm>
#include <cstdio>

namespace pg::can {

namespace {

    // TP.CM control bytes (J1939-21 5.10.3).
    constexpr std::uint8_t kRts = 16;
    constexpr std::uint8_t kCts = 17;
    constexpr std::uint8_t kEndOfMessageAck = 19;
    constexpr std::uint8_t kBam = 32;
    constexpr std::uint8_t kAbort = 255;
    constexpr std::size_t kMaxSize = 1785; // 255 packets * 7 bytes

    std::uint32_t pgnOf(const CanFrame& f)
    {
        return std::uint32_t { f.data[5] } | std::uint32_t { f.data[6] } << 8
            | std::uint32_t { f.data[7] } << 16;
    }

    std::string hexByte(std::uint8_t b)
    {
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02X", b);
        return buf;
    }

} // namespace

J1939Receiver::J1939Receiver(J1939ReceiverConfig config)
    : m_config(config)
{
}

void J1939Receiver::error(J1939Error::Kind kind, std::uint8_t source, std::string message)
{
    m_errors.push_back(
        { kind, source, "J1939 from " + hexByte(source) + ": " + std::move(message) });
}

void J1939Receiver::onFrame(const CanFrame& frame, std::int64_t nowUs)
{
    if (!frame.is(CanFrame::Extended) || frame.is(CanFrame::Error) || frame.is(CanFrame::Remote))
        return;
    const j1939::Id id = j1939::decodeId(frame.id);
    if (id.pgn == j1939::kPgnTpCm) {
        onConnectionManagement(id, frame, nowUs);
    } else if (id.pgn == j1939::kPgnTpDt) {
        onDataTransfer(id, frame, nowUs);
    } else {
        m_messages.push_back({ id, { frame.data.begin(), frame.data.begin() + frame.len }, nowUs });
    }
}

void J1939Receiver::onConnectionManagement(
    const j1939::Id& id, const CanFrame& frame, std::int64_t nowUs)
{
    if (frame.len < 8) {
        error(J1939Error::Kind::Malformed, id.source, "TP.CM shorter than 8 bytes");
        return;
    }
    const Key key = static_cast<Key>(id.source << 8 | id.destination);
    switch (frame.data[0]) {
    case kBam:
        if (id.destination != j1939::kGlobalAddress) {
            error(J1939Error::Kind::Malformed, id.source, "BAM not sent to the global address");
            return;
        }
        startSession(Session {}, id, frame, nowUs);
        return;
    case kRts:
        onRequestToSend(id, frame, nowUs);
        return;
    case kCts:
        onClearToSend(id, frame, nowUs);
        return;
    case kAbort: {
        // From the sender (key source -> destination) or, for a followed transfer, the receiver.
        const Key reverse = static_cast<Key>(id.destination << 8 | id.source);
        if (m_sessions.erase(key) > 0 || m_sessions.erase(reverse) > 0)
            error(J1939Error::Kind::Aborted, id.source,
                "transfer aborted, reason " + std::to_string(frame.data[1]));
        return;
    }
    default:
        return; // EoMAck: the data has been delivered already
    }
}

bool J1939Receiver::startSession(
    Session s, const j1939::Id& id, const CanFrame& frame, std::int64_t nowUs)
{
    s.size = std::size_t { frame.data[1] } | std::size_t { frame.data[2] } << 8;
    s.packets = frame.data[3];
    s.id.pgn = pgnOf(frame);
    s.id.source = id.source;
    s.id.destination = id.destination;
    s.id.priority = id.priority;
    s.broadcast = id.destination == j1939::kGlobalAddress;
    const int wantPackets = static_cast<int>((s.size + 6) / 7);
    std::string why;
    if (s.size < 9 || s.size > kMaxSize)
        why = "announces " + std::to_string(s.size) + " bytes (9..1785 allowed)";
    else if (s.packets != wantPackets)
        why = "announces " + std::to_string(s.packets) + " packets for " + std::to_string(s.size)
            + " bytes (" + std::to_string(wantPackets) + " expected)";
    const Key key = static_cast<Key>(id.source << 8 | id.destination);
    if (m_sessions.count(key) > 0) {
        m_sessions.erase(key);
        error(J1939Error::Kind::Unexpected, id.source,
            "new TP.CM before the previous transfer ended; the old one is dropped");
    }
    if (!why.empty()) {
        error(J1939Error::Kind::Malformed, id.source, (s.broadcast ? "BAM " : "RTS ") + why);
        return false;
    }
    s.data.reserve(s.size);
    s.deadlineUs = nowUs + m_config.t1Us;
    m_sessions[key] = std::move(s);
    return true;
}

void J1939Receiver::onRequestToSend(const j1939::Id& id, const CanFrame& frame, std::int64_t nowUs)
{
    Session s;
    if (!m_config.ownAddress || id.destination != *m_config.ownAddress) {
        // A connection between other nodes: only the addressee answers; we may follow it.
        s.passive = true;
        if (m_config.followOtherConnections && startSession(s, id, frame, nowUs))
            m_sessions[static_cast<Key>(id.source << 8 | id.destination)].deadlineUs
                = nowUs + m_config.t2Us;
        return;
    }
    s.maxPerCts = frame.data[4] == 0xFF ? 255 : frame.data[4];
    if (!startSession(s, id, frame, nowUs)) {
        // Connection abort, reason 2: "resources needed for another task" (J1939-21).
        const std::uint8_t abort[5] = { kAbort, 2, 0xFF, 0xFF, 0xFF };
        Session reject;
        reject.id.pgn = pgnOf(frame);
        sendControl(reject, id.source, abort);
        return;
    }
    Session& started = m_sessions[static_cast<Key>(id.source << 8 | id.destination)];
    sendCts(started, id.source, nowUs);
}

void J1939Receiver::sendControl(const Session& s, std::uint8_t peer, const std::uint8_t (&bytes)[5])
{
    CanFrame f;
    f.set(CanFrame::Extended);
    j1939::Id id;
    id.priority = m_config.ctsPriority;
    id.pgn = j1939::kPgnTpCm;
    id.source = m_config.ownAddress.value_or(0xFE);
    id.destination = peer;
    f.id = j1939::encodeId(id);
    f.len = 8;
    std::copy(std::begin(bytes), std::end(bytes), f.data.begin());
    f.data[5] = static_cast<std::uint8_t>(s.id.pgn & 0xFF);
    f.data[6] = static_cast<std::uint8_t>((s.id.pgn >> 8) & 0xFF);
    f.data[7] = static_cast<std::uint8_t>((s.id.pgn >> 16) & 0xFF);
    m_tx.push_back(f);
}

void J1939Receiver::sendCts(Session& s, std::uint8_t peer, std::int64_t nowUs)
{
    const int remaining = s.packets - s.nextSequence + 1;
    const int count = std::min({ remaining, s.maxPerCts, int { m_config.packetsPerCts } });
    s.ctsEnd = s.nextSequence + count - 1;
    const std::uint8_t cts[5] = { kCts, static_cast<std::uint8_t>(count),
        static_cast<std::uint8_t>(s.nextSequence), 0xFF, 0xFF };
    sendControl(s, peer, cts);
    s.deadlineUs = nowUs + m_config.t2Us;
    s.afterCts = true;
}

void J1939Receiver::onClearToSend(const j1939::Id& id, const CanFrame& frame, std::int64_t nowUs)
{
    // A CTS goes from the receiver (source) to the sender (destination) of a transfer.
    auto it = m_sessions.find(static_cast<Key>(id.destination << 8 | id.source));
    if (it == m_sessions.end() || !it->second.passive)
        return;
    Session& s = it->second;
    const int next = frame.data[2];
    if (frame.data[1] > 0 && next >= 1 && next <= s.nextSequence) {
        // The receiver may ask for packets again: restart from `next`.
        s.nextSequence = next;
        s.data.resize(std::min(s.data.size(), static_cast<std::size_t>(next - 1) * 7));
    }
    s.deadlineUs = nowUs + m_config.t2Us;
    s.afterCts = true;
}

void J1939Receiver::onDataTransfer(const j1939::Id& id, const CanFrame& frame, std::int64_t nowUs)
{
    const Key key = static_cast<Key>(id.source << 8 | id.destination);
    auto it = m_sessions.find(key);
    if (it == m_sessions.end()) {
        if (id.destination == j1939::kGlobalAddress
            || (m_config.ownAddress && id.destination == *m_config.ownAddress))
            error(J1939Error::Kind::Unexpected, id.source, "TP.DT without a TP.CM (ignored)");
        return;
    }
    Session& s = it->second;
    if (frame.len < 2 || frame.data[0] != s.nextSequence) {
        error(J1939Error::Kind::WrongSequence, id.source,
            "TP.DT packet " + std::to_string(frame.len ? frame.data[0] : 0) + " where "
                + std::to_string(s.nextSequence) + " was expected; the transfer is dropped");
        m_sessions.erase(it);
        return;
    }
    const std::size_t take = std::min<std::size_t>({ 7, s.size - s.data.size(), frame.len - 1U });
    s.data.insert(s.data.end(), frame.data.begin() + 1, frame.data.begin() + 1 + take);
    ++s.nextSequence;
    s.deadlineUs = nowUs + m_config.t1Us;
    s.afterCts = false;
    if (s.nextSequence > s.packets) {
        if (!s.broadcast && !s.passive) {
            const std::uint8_t ack[5] = { kEndOfMessageAck,
                static_cast<std::uint8_t>(s.size & 0xFF), static_cast<std::uint8_t>(s.size >> 8),
                static_cast<std::uint8_t>(s.packets), 0xFF };
            sendControl(s, id.source, ack);
        }
        m_messages.push_back({ s.id, std::move(s.data), nowUs });
        m_sessions.erase(it);
    } else if (!s.broadcast && !s.passive && s.nextSequence > s.ctsEnd) {
        sendCts(s, id.source, nowUs);
    }
}

void J1939Receiver::poll(std::int64_t nowUs)
{
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        const Session& s = it->second;
        if (nowUs < s.deadlineUs) {
            ++it;
            continue;
        }
        const std::int64_t limitUs = s.afterCts ? m_config.t2Us : m_config.t1Us;
        error(J1939Error::Kind::Timeout, s.id.source,
            "no TP.DT packet " + std::to_string(s.nextSequence) + " of " + std::to_string(s.packets)
                + " within " + std::to_string(limitUs / 1000) + " ms (" + (s.afterCts ? "T2" : "T1")
                + ", " + (s.broadcast ? "BAM" : "RTS/CTS") + ", PGN " + std::to_string(s.id.pgn)
                + "); the transfer is dropped");
        if (!s.broadcast && !s.passive) {
            const std::uint8_t abort[5] = { kAbort, 3, 0xFF, 0xFF, 0xFF }; // reason 3: timeout
            sendControl(s, s.id.source, abort);
        }
        it = m_sessions.erase(it);
    }
}

std::optional<std::int64_t> J1939Receiver::nextDeadlineUs() const
{
    std::optional<std::int64_t> next;
    for (const auto& [key, s] : m_sessions)
        next = next ? std::min(*next, s.deadlineUs) : s.deadlineUs;
    return next;
}

std::size_t J1939Receiver::takeMessages(std::vector<J1939Message>& out)
{
    const std::size_t n = m_messages.size();
    std::move(m_messages.begin(), m_messages.end(), std::back_inserter(out));
    m_messages.clear();
    return n;
}

std::size_t J1939Receiver::takeErrors(std::vector<J1939Error>& out)
{
    const std::size_t n = m_errors.size();
    std::move(m_errors.begin(), m_errors.end(), std::back_inserter(out));
    m_errors.clear();
    return n;
}

std::size_t J1939Receiver::takeFrames(std::vector<CanFrame>& out)
{
    const std::size_t n = m_tx.size();
    out.insert(out.end(), m_tx.begin(), m_tx.end());
    m_tx.clear();
    return n;
}

} // namespace pg::can
