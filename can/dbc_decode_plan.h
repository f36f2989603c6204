#pragma once

#include "dbc_database.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

namespace pg::can {

// How to pull one signal out of a payload, computed once from its DBC definition: load the
// 8-byte word at `window` (little-endian for Intel, big-endian for Motorola), shift right by
// `shift`, mask. A long signal that does not start on a byte boundary can span 9 bytes; then
// `wide` is set and its top bits come from the byte at `hiByte`.
struct SignalPlan {
    std::uint64_t mask = 0;
    double factor = 1.0;
    double offset = 0.0;
    std::uint32_t signal = 0; // index into DbcMessage::signalList
    std::uint32_t rangeBegin
        = 0; // multiplexer values that select it: MessagePlan::ranges[begin, end)
    std::uint32_t rangeEnd = 0;
    std::int16_t switchSlot = -1; // slot holding its multiplexer's raw value; -1: always present
    std::int16_t ownSlot = -1; // slot this signal's raw value goes to when it is a multiplexer
    std::uint8_t window = 0;
    std::uint8_t shift = 0;
    std::uint8_t hiByte = 0;
    std::uint8_t endByte = 0; // bytes a frame needs to carry the signal
    std::uint8_t length = 0;
    std::uint8_t signShift = 0; // signed: 64 - length (sign-extends by shifting); unsigned: 0
    bool generic = false; // float, double or unsigned 64-bit: not the integer fast path
    bool bigEndian = false;
    bool isSigned = false;
    bool wide = false;
    SignalValueType type = SignalValueType::Integer;
};

// The plan of one message: signals ordered so that each multiplexer comes before the signals it
// selects. With simple multiplexing (one M, mN values) the selected group is found by indexing
// `groupBegin` with the multiplexer value instead of testing every signal.
struct MessagePlan {
    std::vector<SignalPlan> signalList;
    std::vector<DbcMuxRange> ranges;
    std::vector<std::uint32_t> planOf; // DbcMessage::signalList index -> index in `signalList`
    std::uint32_t conditionalBegin = 0; // signalList[0, conditionalBegin) are always present
    int switchCount = 0; // multiplexers with a slot (not "slots": a Qt macro)
    bool simple = false;
    std::int16_t simpleSlot = -1;
    std::vector<std::uint32_t>
        groupBegin; // simple: value v selects [groupBegin[v], groupBegin[v+1])
    std::uint8_t maxEndByte = 0; // frames at least this long carry every signal
};

inline constexpr int kMaxMultiplexers = 32;

SignalPlan compileSignal(const DbcSignal& s, std::uint32_t index);
MessagePlan compileMessage(const DbcMessage& m);

void insertRaw(const SignalPlan& p, std::uint64_t raw, std::uint8_t* data);

// The per-frame work, inline so that the decoder's loop compiles into loads, shifts and masks.
inline std::uint64_t loadPayloadWord(const std::uint8_t* p, bool bigEndian)
{
    std::uint64_t v;
    std::memcpy(&v, p, sizeof v);
    const bool swap = bigEndian == (std::endian::native == std::endian::little);
    return swap ? __builtin_bswap64(v) : v;
}

// `data` must have 64 bytes (CanFrame::data): windows never reach past byte 63.
inline std::uint64_t extractRaw(const SignalPlan& p, const std::uint8_t* data)
{
    std::uint64_t v = loadPayloadWord(data + p.window, p.bigEndian) >> p.shift;
    if (p.wide)
        v |= static_cast<std::uint64_t>(data[p.hiByte]) << (64 - p.shift);
    return v & p.mask;
}

// Sign-extends a raw field (two's complement of `length` bits).
inline std::int64_t signExtend(const SignalPlan& p, std::uint64_t raw)
{
    if (!p.isSigned || p.length >= 64)
        return static_cast<std::int64_t>(raw);
    const std::uint64_t sign = 1ULL << (p.length - 1);
    return static_cast<std::int64_t>((raw ^ sign) - sign);
}

// Whether a multiplexer value selects the signal (one of its SG_MUL_VAL_ ranges, or its mN).
inline bool isSelected(const MessagePlan& mp, const SignalPlan& p, std::uint64_t switchRaw)
{
    for (std::uint32_t r = p.rangeBegin; r < p.rangeEnd; ++r) {
        if (switchRaw >= mp.ranges[r].low && switchRaw <= mp.ranges[r].high)
            return true;
    }
    return false;
}

// raw * factor + offset; float signals reinterpret the raw bits as IEEE 754 first.
inline double physicalValue(const SignalPlan& p, std::uint64_t raw)
{
    if (p.type == SignalValueType::Integer) [[likely]] {
        const double r
            = p.isSigned ? static_cast<double>(signExtend(p, raw)) : static_cast<double>(raw);
        return r * p.factor + p.offset;
    }
    if (p.type == SignalValueType::Float32)
        return static_cast<double>(std::bit_cast<float>(static_cast<std::uint32_t>(raw))) * p.factor
            + p.offset;
    return std::bit_cast<double>(raw) * p.factor + p.offset;
}

} // namespace pg::can
