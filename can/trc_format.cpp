// PEAK PCAN trace (.trc) reader, after PEAK's "PCAN-Trace Format" description (versions 1.0-2.1).
//   1.0:  "   1)      1059.9  0300  8  00 11 .."
//   1.1:  "   1)      1059.9  Rx  0300  8  00 11 .."
//   1.2:  "   1)      1059.900 1  Rx  0300  8  00 11 .."          (bus column)
//   1.3:  "   1)      1059.900 1  Rx  0300 -  8  00 11 .."        (reserved column)
//   2.x:  columns named by ";$COLUMNS=N,O,T,B,I,d,R,L,D"; types DT, FD, FB, FE, BI, RR, ER, ...
// Time offsets are milliseconds from $STARTTIME (days since 1899-12-30, as in spreadsheets).
#include "log_formats.h"

#include <cmath>
#include <cstdlib>
#include <string>

namespace pg::can {

namespace {

LineResult malformed(const char* expected, std::size_t pos)
{
    LineResult r;
    r.kind = LineKind::Malformed;
    r.expected = expected;
    r.column = static_cast<int>(pos) + 1;
    return r;
}

void readHeader(std::string_view line, TrcState& state)
{
    auto value = [&](std::string_view key) -> std::string_view {
        const auto p = line.find(key);
        if (p == std::string_view::npos)
            return {};
        std::string_view v = line.substr(p + key.size());
        const auto end = v.find_first_of("\r\n ");
        return end == std::string_view::npos ? v : v.substr(0, end);
    };
    if (const auto v = value("$FILEVERSION="); !v.empty()) {
        const int major = v[0] - '0';
        const int minor = v.size() > 2 ? v[2] - '0' : 0;
        state.version = major * 10 + minor;
        if (state.version == 20)
            std::snprintf(state.columns, sizeof state.columns, "%s", "NOTIdlD");
        if (state.version >= 21)
            std::snprintf(state.columns, sizeof state.columns, "%s", "NOTBIdRLD");
    }
    if (const auto v = value("$STARTTIME="); !v.empty()) {
        const double days = std::strtod(std::string(v).c_str(), nullptr);
        const double epochDays = days - 25569.0; // 1899-12-30 .. 1970-01-01
        if (epochDays > 0)
            state.startUs = static_cast<std::int64_t>(std::llround(epochDays * 86400.0 * 1e6));
    }
    if (const auto v = value("$COLUMNS="); !v.empty()) {
        std::size_t n = 0;
        for (char c : v) {
            if (c != ',' && n + 1 < sizeof state.columns)
                state.columns[n++] = c;
        }
        state.columns[n] = '\0';
    }
}

LineResult readData(Tokens& tok, CanFrame& frame, int len, std::string_view channel)
{
    for (int i = 0; i < len; ++i) {
        const std::size_t pos = tok.position();
        std::uint32_t v = 0;
        const std::string_view b = tok.next();
        if (!parseHexU32(b, v) || v > 0xFF)
            return malformed(b.empty() ? "as many data bytes as the length says (line cut short?)"
                                       : "a hex data byte",
                pos);
        frame.data[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v);
    }
    frame.len = static_cast<std::uint8_t>(len);
    LineResult r;
    r.kind = LineKind::Frame;
    r.channel = channel.empty() ? std::string_view("1") : channel;
    return r;
}

bool setId(std::string_view text, CanFrame& frame)
{
    std::uint32_t id = 0;
    if (!parseHexU32(text, id))
        return false;
    frame.id = id;
    frame.set(CanFrame::Extended, text.size() > 4 || id > kMaxStandardId);
    return id <= kMaxExtendedId;
}

LineResult parseVersion1(Tokens& tok, CanFrame& frame, const TrcState& state)
{
    std::string_view channel;
    if (state.version >= 12)
        channel = tok.next();
    if (state.version >= 11) {
        const std::string_view type = tok.next();
        if (type == "Error") {
            frame.set(CanFrame::Error);
            LineResult r;
            r.kind = LineKind::Frame;
            r.channel = channel;
            return r;
        }
        if (type != "Rx" && type != "Tx")
            return {}; // Warng, Info, ...
        frame.set(CanFrame::Transmitted, type == "Tx");
    }
    const std::size_t idPos = tok.position();
    if (!setId(tok.next(), frame))
        return malformed("a hex CAN id", idPos);
    if (state.version >= 13)
        tok.next(); // reserved "-"
    std::uint32_t dlc = 0;
    const std::size_t dlcPos = tok.position();
    if (!parseDecU32(tok.next(), dlc) || dlc > 8)
        return malformed("a DLC 0..8", dlcPos);
    if (tok.rest().substr(0, 3) == "RTR") {
        frame.set(CanFrame::Remote);
        frame.len = static_cast<std::uint8_t>(dlc);
        LineResult r;
        r.kind = LineKind::Frame;
        r.channel = channel;
        return r;
    }
    return readData(tok, frame, static_cast<int>(dlc), channel);
}

LineResult parseVersion2(Tokens& tok, CanFrame& frame, const TrcState& state)
{
    std::string_view channel;
    std::uint32_t len = 0;
    bool haveLen = false;
    for (const char* c = state.columns + 2; *c != '\0'; ++c) { // N and O were read already
        const std::size_t pos = tok.position();
        const std::string_view t = tok.next();
        switch (*c) {
        case 'T':
            if (t == "DT") {
            } else if (t == "FD" || t == "FB" || t == "FE" || t == "BI") {
                frame.set(CanFrame::Fd);
                frame.set(CanFrame::BitRateSwitch, t == "FB" || t == "BI");
                frame.set(CanFrame::ErrorStateIndicator, t == "FE" || t == "BI");
            } else if (t == "RR") {
                frame.set(CanFrame::Remote);
            } else if (t == "ER") {
                frame.set(CanFrame::Error);
            } else {
                return {}; // ST, EC, EV: status and events
            }
            break;
        case 'B':
            channel = t;
            break;
        case 'I':
            if (frame.is(CanFrame::Error))
                break;
            if (!setId(t, frame))
                return malformed("a hex CAN id", pos);
            break;
        case 'd':
            frame.set(CanFrame::Transmitted, t == "Tx");
            break;
        case 'l': { // DLC
            std::uint32_t dlc = 0;
            if (!parseDecU32(t, dlc) || dlc > 15)
                return malformed("a DLC 0..15", pos);
            len = static_cast<std::uint32_t>(dlcToLength(static_cast<int>(dlc), frame.is(CanFrame::Fd)));
            haveLen = true;
            break;
        }
        case 'L':
            if (!parseDecU32(t, len) || len > 64)
                return malformed("a data length 0..64", pos);
            haveLen = true;
            break;
        case 'D':
            if (!haveLen)
                return malformed("a length column before the data", pos);
            if (frame.is(CanFrame::Remote) || frame.is(CanFrame::Error)) {
                frame.len = static_cast<std::uint8_t>(frame.is(CanFrame::Remote) ? len : 0);
                LineResult r;
                r.kind = LineKind::Frame;
                r.channel = channel;
                return r;
            }
            {
                Tokens data(std::string_view(t.data(), tok.rest().data() + tok.rest().size() - t.data()));
                return readData(data, frame, static_cast<int>(len), channel);
            }
        default:
            break; // R (reserved) and unknown columns
        }
    }
    return malformed("a data column", tok.position());
}

} // namespace

LineResult parseTrcLine(std::string_view line, CanFrame& frame, TrcState& state)
{
    Tokens tok(line);
    const std::string_view number = tok.next();
    if (number.empty())
        return {};
    if (number[0] == ';') {
        readHeader(line, state);
        return {};
    }
    const std::string_view offset = tok.next();
    std::int64_t offsetUs = 0;
    if (!parseScaledTime(offset, 1000, offsetUs))
        return malformed("a time offset in milliseconds", tok.position());
    frame.timeUs = state.startUs + offsetUs;
    frame.flags = 0;
    frame.len = 0;
    frame.id = 0;
    return state.version >= 20 ? parseVersion2(tok, frame, state) : parseVersion1(tok, frame, state);
}

} // namespace pg::can
