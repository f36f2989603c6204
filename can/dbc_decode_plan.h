#pragma once

#include "dbc_database.h"

#include <cstdint>
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
    std::uint32_t rangeBegin = 0; // multiplexer values that select it: MessagePlan::ranges[begin, end)
    std::uint32_t rangeEnd = 0;
    std::int16_t switchSlot = -1; // slot holding its multiplexer's raw value; -1: always present
    std::int16_t ownSlot = -1; // slot this signal's raw value goes to when it is a multiplexer
    std::uint8_t window = 0;
    std::uint8_t shift = 0;
    std::uint8_t hiByte = 0;
    std::uint8_t endByte = 0; // bytes a frame needs to carry the signal
    std::uint8_t length = 0;
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
    std::vector<std::uint32_t> groupBegin; // simple: value v selects [groupBegin[v], groupBegin[v+1])
};

inline constexpr int kMaxMultiplexers = 32;

SignalPlan compileSignal(const DbcSignal& s, std::uint32_t index);
MessagePlan compileMessage(const DbcMessage& m);

std::uint64_t extractRaw(const SignalPlan& p, const std::uint8_t* data);
void insertRaw(const SignalPlan& p, std::uint64_t raw, std::uint8_t* data);
// Sign-extends a raw field and turns it into the physical value.
std::int64_t signExtend(const SignalPlan& p, std::uint64_t raw);
double physicalValue(const SignalPlan& p, std::uint64_t raw);

} // namespace pg::can
