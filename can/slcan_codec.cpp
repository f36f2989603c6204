#include "slcan_codec.h"

namespace pg::can::slcan {

namespace {
constexpr char kHex[] = "0123456789ABCDEF";
constexpr int kBitrates[] = { 10000, 20000, 50000, 100000, 125000, 250000, 500000, 800000, 1000000 };

int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool readHex(std::string_view s, std::size_t pos, std::size_t digits, std::uint32_t& value)
{
    if (pos + digits > s.size())
        return false;
    value = 0;
    for (std::size_t i = 0; i < digits; ++i) {
        const int v = hex(s[pos + i]);
        if (v < 0)
            return false;
        value = (value << 4) | static_cast<std::uint32_t>(v);
    }
    return true;
}

Line malformed(const char* expected)
{
    Line l;
    l.type = LineType::Malformed;
    l.expected = expected;
    return l;
}
} // namespace

int bitrateCode(int bitrate)
{
    for (int i = 0; i < 9; ++i) {
        if (kBitrates[i] == bitrate)
            return i;
    }
    return -1;
}

std::size_t encodeFrame(const CanFrame& frame, char* out)
{
    char* p = out;
    const bool ext = frame.is(CanFrame::Extended);
    char letter;
    if (frame.is(CanFrame::Remote))
        letter = ext ? 'R' : 'r';
    else if (frame.is(CanFrame::Fd))
        letter = frame.is(CanFrame::BitRateSwitch) ? (ext ? 'B' : 'b') : (ext ? 'D' : 'd');
    else
        letter = ext ? 'T' : 't';
    *p++ = letter;
    const int idDigits = ext ? 8 : 3;
    for (int i = idDigits - 1; i >= 0; --i)
        *p++ = kHex[(frame.id >> (4 * i)) & 0xF];
    const int dlc = frame.is(CanFrame::Fd) ? fdLengthToDlc(frame.len) : (frame.len > 8 ? 8 : frame.len);
    *p++ = kHex[dlc];
    if (!frame.is(CanFrame::Remote)) {
        const int len = dlcToLength(dlc, frame.is(CanFrame::Fd));
        for (int i = 0; i < len; ++i) {
            const std::uint8_t b = i < frame.len ? frame.data[static_cast<std::size_t>(i)] : 0;
            *p++ = kHex[b >> 4];
            *p++ = kHex[b & 0xF];
        }
    }
    *p++ = '\r';
    return static_cast<std::size_t>(p - out);
}

Line parseLine(std::string_view s, CanFrame& frame)
{
    if (s.empty())
        return Line { LineType::Ok, -1, -1, nullptr };
    if (s[0] == '\a')
        return Line { LineType::Error, -1, -1, nullptr };
    const char c = s[0];
    if (c == 'F' && s.size() == 3) {
        std::uint32_t flags = 0;
        if (!readHex(s, 1, 2, flags))
            return malformed("two hex digits of status flags after F");
        return Line { LineType::Status, -1, static_cast<int>(flags), nullptr };
    }
    const bool ext = c == 'T' || c == 'R' || c == 'D' || c == 'B';
    const bool remote = c == 'r' || c == 'R';
    const bool fd = c == 'd' || c == 'D' || c == 'b' || c == 'B';
    if (!(c == 't' || c == 'T' || remote || fd)) {
        if (c == 'z' || c == 'Z' || c == 'V' || c == 'v' || c == 'N')
            return Line { LineType::Ok, -1, -1, nullptr }; // acks and version/serial replies
        return Line { LineType::Other, -1, -1, nullptr };
    }
    const std::size_t idDigits = ext ? 8 : 3;
    std::uint32_t id = 0;
    if (!readHex(s, 1, idDigits, id))
        return malformed(ext ? "an 8-digit hex id" : "a 3-digit hex id");
    if (id > (ext ? kMaxExtendedId : kMaxStandardId))
        return malformed("an id within 11 (standard) or 29 (extended) bits");
    std::uint32_t dlc = 0;
    if (!readHex(s, 1 + idDigits, 1, dlc) || (!fd && dlc > 8))
        return malformed(fd ? "a DLC digit 0..F" : "a DLC digit 0..8");
    frame.flags = 0;
    frame.id = id;
    frame.set(CanFrame::Extended, ext);
    frame.set(CanFrame::Remote, remote);
    frame.set(CanFrame::Fd, fd);
    frame.set(CanFrame::BitRateSwitch, c == 'b' || c == 'B');
    const int len = dlcToLength(static_cast<int>(dlc), fd);
    std::size_t pos = 2 + idDigits;
    if (remote) {
        frame.len = static_cast<std::uint8_t>(dlc);
    } else {
        for (int i = 0; i < len; ++i, pos += 2) {
            std::uint32_t b = 0;
            if (!readHex(s, pos, 2, b))
                return malformed("as many data byte pairs as the DLC says");
            frame.data[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(b);
        }
        frame.len = static_cast<std::uint8_t>(len);
    }
    Line line { LineType::Frame, -1, -1, nullptr };
    if (s.size() == pos + 4) {
        std::uint32_t ts = 0;
        if (!readHex(s, pos, 4, ts) || ts > 0xEA5F)
            return malformed("a 4-digit timestamp 0000..EA5F (ms) after the data");
        line.timestampMs = static_cast<int>(ts);
    } else if (s.size() != pos) {
        return malformed("the line to end after the data (or a 4-digit timestamp)");
    }
    return line;
}

} // namespace pg::can::slcan
