#pragma once

#include "can_frame.h"

#include <cstdint>
#include <string_view>

namespace pg::can {

enum class LogFormat { Candump, Asc, Trc };

const char* logFormatName(LogFormat format);

// What one line of a log turned out to be.
enum class LineKind { Frame, Skip, Malformed };

struct LineResult {
    LineKind kind = LineKind::Skip;
    const char* expected = nullptr; // for Malformed: what the reader expected
    int column = 0; // for Malformed: 1-based column, 0 if unknown
    std::string_view channel; // for Frame: interface / channel name as written
};

// Vector ASC (CANalyzer/CANoe ASCII logging, also written by python-can and can-utils' log2asc).
struct AscState {
    bool hexBase = true;
    bool relative = false;
    std::int64_t lastUs = 0;
};
LineResult parseAscLine(std::string_view line, CanFrame& frame, AscState& state);

// PEAK PCAN trace (.trc), file versions 1.0, 1.1, 1.2, 1.3, 2.0 and 2.1.
struct TrcState {
    int version = 11; // 10 * major + minor
    std::int64_t startUs = 0; // $STARTTIME as epoch microseconds, 0 if absent
    char columns[16] = "NOTIdLD"; // $COLUMNS letters for version 2.x
};
LineResult parseTrcLine(std::string_view line, CanFrame& frame, TrcState& state);

// Whitespace tokenizer shared by the text log formats.
class Tokens {
public:
    explicit Tokens(std::string_view line)
        : m_line(line)
    {
    }
    // Next whitespace-separated token; empty at the end of the line.
    std::string_view next();
    std::string_view rest() const;
    // Where the next token starts (after any blanks), for error columns.
    std::size_t position() const;

private:
    std::string_view m_line;
    std::size_t m_pos = 0;
};

bool parseHexU32(std::string_view text, std::uint32_t& value);
bool parseDecU32(std::string_view text, std::uint32_t& value);
// Decimal seconds or milliseconds with an optional fraction, to integer microseconds.
bool parseScaledTime(std::string_view text, std::int64_t unitUs, std::int64_t& us);

} // namespace pg::can
