// Vector ASC reader. Layout of a classic frame line (CANalyzer "ASCII logging"):
//   <time s> <channel> <id>[x] <Rx|Tx|TxRq> d <dlc> <byte>... [Length = ... BitCount = ...]
//   <time s> <channel> <id>[x] <Rx|Tx> r [<dlc>]
//   <time s> <channel> ErrorFrame
//   <time s> CANFD <channel> <Rx|Tx> <id>[x] [<symbolic name>] <brs> <esi> <dlc> <len> <byte>...
// The header lines "base hex|dec" and "timestamps absolute|relative" set how numbers are read.
#include "log_formats.h"

namespace pg::can {

namespace {

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

bool parseNumber(std::string_view text, bool hex, std::uint32_t& value)
{
    return hex ? parseHexU32(text, value) : parseDecU32(text, value);
}

LineResult malformed(const char* expected, std::size_t pos)
{
    LineResult r;
    r.kind = LineKind::Malformed;
    r.expected = expected;
    r.column = static_cast<int>(pos) + 1;
    return r;
}

bool parseId(std::string_view text, bool hex, CanFrame& frame)
{
    bool extended = false;
    if (!text.empty() && (text.back() == 'x' || text.back() == 'X')) {
        extended = true;
        text.remove_suffix(1);
    }
    std::uint32_t id = 0;
    if (!parseNumber(text, hex, id))
        return false;
    if (id > (extended ? kMaxExtendedId : kMaxStandardId))
        return false;
    frame.id = id;
    frame.set(CanFrame::Extended, extended);
    return true;
}

bool isDirection(std::string_view t) { return t == "Rx" || t == "Tx" || t == "TxRq"; }

LineResult readBytes(Tokens& tok, CanFrame& frame, int count, bool hex, std::string_view channel)
{
    for (int i = 0; i < count; ++i) {
        const std::size_t pos = tok.position();
        const std::string_view b = tok.next();
        std::uint32_t v = 0;
        if (!parseNumber(b, hex, v) || v > 0xFF)
            return malformed(b.empty() ? "as many data bytes as the DLC says (line cut short?)"
                                       : "a data byte",
                pos);
    frame.data[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v);
    }
    frame.len = static_cast<std::uint8_t>(count);
    LineResult r;
    r.kind = LineKind::Frame;
    r.channel = channel;
    return r;
}

LineResult parseFdLine(Tokens& tok, CanFrame& frame, const AscState& state)
{
    const std::string_view channel = tok.next();
    const std::string_view dir = tok.next();
    if (!isDirection(dir))
        return malformed("Rx or Tx after the CANFD channel", tok.position());
    frame.set(CanFrame::Transmitted, dir != "Rx");
    const std::size_t idPos = tok.position();
    if (!parseId(tok.next(), state.hexBase, frame))
        return malformed("a CAN id", idPos);
    frame.set(CanFrame::Fd);
    std::string_view t = tok.next();
    if (t != "0" && t != "1")
        t = tok.next(); // symbolic name
    if (t != "0" && t != "1")
        return malformed("BRS flag 0 or 1", tok.position());
    frame.set(CanFrame::BitRateSwitch, t == "1");
    t = tok.next();
    if (t != "0" && t != "1")
        return malformed("ESI flag 0 or 1", tok.position());
    frame.set(CanFrame::ErrorStateIndicator, t == "1");
    std::uint32_t dlc = 0;
    std::uint32_t len = 0;
    if (!parseHexU32(tok.next(), dlc) || dlc > 15)
        return malformed("a DLC 0..f", tok.position());
    if (!parseDecU32(tok.next(), len) || !isValidFdLength(static_cast<int>(len)))
        return malformed("a CAN FD data length", tok.position());
    return readBytes(tok, frame, static_cast<int>(len), state.hexBase, channel);
}

} // namespace

LineResult parseAscLine(std::string_view line, CanFrame& frame, AscState& state)
{
    Tokens tok(line);
    const std::string_view first = tok.next();
    if (first.empty() || startsWith(first, "//"))
        return {};
    if (first == "base") {
        state.hexBase = tok.next() != "dec";
        if (tok.next() == "timestamps")
            state.relative = tok.next() == "relative";
        return {};
    }
    std::int64_t t = 0;
    if (!parseScaledTime(first, 1000000, t))
        return {}; // date, Begin/End Triggerblock, internal events logged, ...
    if (state.relative) {
        t += state.lastUs;
    }
    state.lastUs = t;
    frame.timeUs = t;
    frame.flags = 0;
    frame.len = 0;

    const std::string_view second = tok.next();
    if (second == "CANFD")
        return parseFdLine(tok, frame, state);
    std::uint32_t channelNo = 0;
    if (!parseDecU32(second, channelNo))
        return {}; // "Start of measurement", "CAN 1 Status:..." and other events
    const std::size_t idPos = tok.position();
    const std::string_view idText = tok.next();
    if (idText == "ErrorFrame" || idText == "Error") {
        frame.set(CanFrame::Error);
        frame.id = 0;
        LineResult r;
        r.kind = LineKind::Frame;
        r.channel = second;
        return r;
    }
    if (startsWith(idText, "Statistic") || startsWith(idText, "Status") || startsWith(idText, "SV:")
        || startsWith(idText, "Chip"))
        return {};
    if (!parseId(idText, state.hexBase, frame))
        return malformed("a CAN id (hex, 'x' suffix for 29-bit)", idPos);
    const std::string_view dir = tok.next();
    if (!isDirection(dir))
        return malformed("Rx or Tx after the id", tok.position());
    frame.set(CanFrame::Transmitted, dir != "Rx");
    const std::size_t kindPos = tok.position();
    const std::string_view kind = tok.next();
    if (kind == "r" || kind == "R") {
        frame.set(CanFrame::Remote);
        std::uint32_t dlc = 0;
        const std::string_view d = tok.next();
        if (!d.empty() && parseHexU32(d, dlc) && dlc <= 8)
            frame.len = static_cast<std::uint8_t>(dlc);
        LineResult r;
        r.kind = LineKind::Frame;
        r.channel = second;
        return r;
    }
    if (kind != "d" && kind != "D")
        return malformed("'d' (data) or 'r' (remote) after the direction", kindPos);
    std::uint32_t dlc = 0;
    const std::size_t dlcPos = tok.position();
    if (!parseHexU32(tok.next(), dlc) || dlc > 15)
        return malformed("a DLC 0..8", dlcPos);
    return readBytes(tok, frame, dlcToLength(static_cast<int>(dlc), false), state.hexBase, second);
}

} // namespace pg::can
