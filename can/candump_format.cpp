#include "candump_format.h"

#include <cstring>

namespace pg::can {

namespace {

constexpr char kHex[] = "0123456789ABCDEF";

// -1 for a non-hex character; a table keeps the per-byte cost to one load.
struct HexTable {
    signed char v[256];
    constexpr HexTable()
        : v {}
    {
        for (int i = 0; i < 256; ++i)
            v[i] = -1;
        for (int i = 0; i < 10; ++i)
            v['0' + i] = static_cast<signed char>(i);
        for (int i = 0; i < 6; ++i) {
            v['a' + i] = static_cast<signed char>(10 + i);
            v['A' + i] = static_cast<signed char>(10 + i);
        }
    }
};
constexpr HexTable kHexValue;

inline int hexValue(char c) { return kHexValue.v[static_cast<unsigned char>(c)]; }

char* writeHex(char* p, std::uint32_t value, int digits)
{
    for (int i = digits - 1; i >= 0; --i) {
        p[i] = kHex[value & 0xF];
        value >>= 4;
    }
    return p + digits;
}

char* writeDecimal(char* p, std::uint64_t value, int minDigits)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0 || n < minDigits);
    while (n > 0)
        *p++ = tmp[--n];
    return p;
}

bool fail(CandumpParse& result, const char* expected, std::size_t pos)
{
    result.expected = expected;
    result.errorColumn = static_cast<int>(pos) + 1;
    return false;
}

} // namespace

std::size_t formatCandumpFrame(const CanFrame& frame, char* out)
{
    char* p = out;
    if (frame.is(CanFrame::Error)) {
        p = writeHex(p, (frame.id & kMaxExtendedId) | kCanErrFlag, 8);
    } else if (frame.is(CanFrame::Extended)) {
        p = writeHex(p, frame.id & kMaxExtendedId, 8);
    } else {
        p = writeHex(p, frame.id & kMaxStandardId, 3);
    }
    *p++ = '#';
    if (frame.is(CanFrame::Remote)) {
        *p++ = 'R';
        if (frame.len > 0)
            *p++ = kHex[frame.len & 0xF];
        return static_cast<std::size_t>(p - out);
    }
    if (frame.is(CanFrame::Fd)) {
        *p++ = '#';
        int fdFlags = (frame.is(CanFrame::BitRateSwitch) ? 1 : 0)
            | (frame.is(CanFrame::ErrorStateIndicator) ? 2 : 0);
        *p++ = kHex[fdFlags];
    }
    const int len = frame.len > 64 ? 64 : frame.len;
    for (int i = 0; i < len; ++i) {
        *p++ = kHex[frame.data[i] >> 4];
        *p++ = kHex[frame.data[i] & 0xF];
    }
    return static_cast<std::size_t>(p - out);
}

std::size_t formatCandumpLine(const CanFrame& frame, std::string_view iface, char* out)
{
    char* p = out;
    *p++ = '(';
    std::int64_t t = frame.timeUs < 0 ? 0 : frame.timeUs;
    p = writeDecimal(p, static_cast<std::uint64_t>(t / 1000000), 1);
    *p++ = '.';
    p = writeDecimal(p, static_cast<std::uint64_t>(t % 1000000), 6);
    *p++ = ')';
    *p++ = ' ';
    const std::size_t n = iface.size() > 32 ? 32 : iface.size();
    std::memcpy(p, iface.data(), n);
    p += n;
    *p++ = ' ';
    p += formatCandumpFrame(frame, p);
    *p++ = '\n';
    return static_cast<std::size_t>(p - out);
}

bool parseCandumpLine(std::string_view line, CanFrame& frame, CandumpParse& result)
{
    const char* s = line.data();
    const std::size_t n = line.size();
    std::size_t i = 0;
    if (n == 0 || s[0] != '(')
        return fail(result, "'(' starting a timestamp like (1436509052.249713)", 0);
    ++i;
    std::int64_t sec = 0;
    const std::size_t secStart = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        sec = sec * 10 + (s[i] - '0');
        ++i;
    }
    if (i == secStart || i - secStart > 12 || i >= n || s[i] != '.')
        return fail(result, "seconds and '.' in the timestamp", i);
    ++i;
    std::int64_t frac = 0;
    int fracDigits = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        if (fracDigits < 6) {
            frac = frac * 10 + (s[i] - '0');
            ++fracDigits;
        }
        ++i;
    }
    if (fracDigits == 0 || i >= n || s[i] != ')')
        return fail(result, "fractional seconds and ')' in the timestamp", i);
    for (; fracDigits < 6; ++fracDigits)
        frac *= 10;
    frame.timeUs = sec * 1000000 + frac;
    ++i;
    if (i >= n || s[i] != ' ')
        return fail(result, "a space after the timestamp", i);
    ++i;
    const std::size_t ifStart = i;
    while (i < n && s[i] != ' ')
        ++i;
    if (i == ifStart || i >= n)
        return fail(result, "an interface name and a frame like 123#11223344", i);
    result.iface = line.substr(ifStart, i - ifStart);
    ++i;

    // Identifier: 3 hex digits (standard) or 8 (extended / error).
    const std::size_t idStart = i;
    std::uint32_t id = 0;
    while (i < n && s[i] != '#') {
        const int v = hexValue(s[i]);
        if (v < 0)
            return fail(result, "a hexadecimal CAN id followed by '#'", i);
        id = (id << 4) | static_cast<std::uint32_t>(v);
        ++i;
    }
    const std::size_t idLen = i - idStart;
    if (i >= n || (idLen != 3 && idLen != 8))
        return fail(result, "a CAN id of 3 (standard) or 8 (extended) hex digits and '#'", idStart);
    frame.flags = 0;
    frame.len = 0;
    if (idLen == 8) {
        if (id & kCanErrFlag) {
            frame.set(CanFrame::Error);
        } else {
            frame.set(CanFrame::Extended);
        }
        id &= kMaxExtendedId;
    } else if (id > kMaxStandardId) {
        return fail(result, "a standard id no larger than 7FF", idStart);
    }
    frame.id = id;
    ++i; // '#'

    std::size_t maxLen = 8;
    if (i < n && s[i] == '#') {
        frame.set(CanFrame::Fd);
        ++i;
        const int v = i < n ? hexValue(s[i]) : -1;
        if (v < 0)
            return fail(result, "a CAN FD flags nibble after '##'", i);
        frame.set(CanFrame::BitRateSwitch, (v & 1) != 0);
        frame.set(CanFrame::ErrorStateIndicator, (v & 2) != 0);
        ++i;
        maxLen = 64;
    } else if (i < n && (s[i] == 'R' || s[i] == 'r')) {
        frame.set(CanFrame::Remote);
        ++i;
        if (i < n && s[i] != ' ') {
            const int v = hexValue(s[i]);
            if (v < 0 || v > 8)
                return fail(result, "an RTR length 0..8 after 'R'", i);
            frame.len = static_cast<std::uint8_t>(v);
            ++i;
        }
        return true;
    }

    // Data: hex pairs up to a blank, '_' (len8_dlc) or the end. Converted without a branch per
    // character; a bad character is located afterwards, only when there is one.
    // The only things that may follow the data are a direction flag (" R"/" T", python-can and
    // newer can-utils) or a len8_dlc ("_9"), both two characters: look at the end, not scan.
    std::size_t end = n;
    if (end >= i + 2 && (s[end - 2] == ' ' || s[end - 2] == '_'))
        end -= 2;
    const std::size_t chars = end - i;
    const std::size_t len = chars / 2;
    if (len > maxLen)
        return fail(result, maxLen == 8 ? "at most 8 data bytes (classic CAN)" : "at most 64 data bytes",
            i + 2 * maxLen);
    signed char bad = 0;
    for (std::size_t k = 0; k < len; ++k) {
        const signed char hi = kHexValue.v[static_cast<unsigned char>(s[i + 2 * k])];
        const signed char lo = kHexValue.v[static_cast<unsigned char>(s[i + 2 * k + 1])];
        bad = static_cast<signed char>(bad | hi | lo);
        frame.data[k] = static_cast<std::uint8_t>((hi << 4) | lo);
    }
    if (bad < 0 || (chars & 1) != 0) {
        std::size_t k = i;
        while (k < end && hexValue(s[k]) >= 0)
            ++k;
        return fail(result, "data as pairs of hex digits", k < end ? k : end - 1);
    }
    // Classic frames may carry "_L" (len8_dlc, DLC 9..15 on an 8-byte frame); accept and ignore.
    if (frame.is(CanFrame::Fd) && !isValidFdLength(static_cast<int>(len)))
        return fail(result, "a CAN FD length of 0..8, 12, 16, 20, 24, 32, 48 or 64 bytes", end);
    frame.len = static_cast<std::uint8_t>(len);
    return true;
}

} // namespace pg::can
