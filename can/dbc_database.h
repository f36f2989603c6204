#pragma once

#include "can_frame.h"
#include "parse_error.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pg::can {

// What a DBC file (Vector CANdb++ text format) defines, as loaded by parseDbc(). Plain data: the
// decoder compiles it into per-message plans (dbc_decoder.h).

enum class ByteOrder : std::uint8_t { LittleEndian, BigEndian }; // @1 Intel, @0 Motorola
enum class SignalValueType : std::uint8_t { Integer, Float32, Float64 }; // SIG_VALTYPE_ 0/1/2

// One value (or a range lo..hi) of a multiplexer that selects a signal.
struct DbcMuxRange {
    std::uint64_t low = 0;
    std::uint64_t high = 0;
};

struct DbcValueLabel {
    std::int64_t value = 0;
    std::string label;
};

// A BA_ value as written: a number (INT, HEX, FLOAT, ENUM index) or a string.
struct DbcAttribute {
    std::string name;
    std::string text; // the string value, or the ENUM member name once resolved
    double number = 0.0;
    bool isString = false;
};

struct DbcSignal {
    std::string name;
    int startBit = 0; // as in the file: LSB for @1, MSB (sawtooth numbering) for @0
    int length = 0; // 1..64 bits
    ByteOrder byteOrder = ByteOrder::LittleEndian;
    bool isSigned = false;
    SignalValueType valueType = SignalValueType::Integer;
    double factor = 1.0;
    double offset = 0.0;
    double minimum = 0.0;
    double maximum = 0.0;
    std::string unit;
    std::vector<std::string> receivers;
    // Multiplexing. `isMultiplexer`: M or mNM. `muxSwitch`: the signal whose raw value selects
    // this one (empty: always present), `muxRanges`: the values that select it (mN gives N..N;
    // SG_MUL_VAL_ gives ranges and may name another switch).
    bool isMultiplexer = false;
    bool hasMuxValue = false; // written as mN
    std::uint64_t muxValue = 0;
    std::string muxSwitch;
    std::vector<DbcMuxRange> muxRanges;
    std::vector<DbcValueLabel> valueLabels; // VAL_, sorted by value
    std::string comment; // CM_ SG_
    std::vector<DbcAttribute> attributes; // BA_ ... SG_
    long line = 0; // where the SG_ is in the file

    const char* labelFor(std::int64_t raw) const;
};

// Motorola (@0) start bits use the "sawtooth" numbering: bit 7 of byte 0 is 7, bit 0 of byte 1
// is 8. linearBitIndex() numbers the payload MSB first instead (bit 7 of byte 0 is 0), where a
// big-endian signal occupies the contiguous range [linear(MSB), linear(MSB) + length - 1].
constexpr int linearBitIndex(int sawtoothBit)
{
    return 8 * (sawtoothBit / 8) + 7 - sawtoothBit % 8;
}

// Number of payload bytes a signal needs to be present in a frame.
int signalEndByte(const DbcSignal& s);

enum class DbcFrameFormat : std::uint8_t { Standard, Extended, StandardFd, ExtendedFd, J1939 };

struct DbcMessage {
    std::uint32_t id = 0; // 11 or 29 bits, without the bit-31 flag
    bool extended = false; // bit 31 of the id in the file, or VFrameFormat says so
    std::string name;
    int length = 0; // bytes (0..8 classic, up to 64 CAN FD)
    std::string transmitter;
    std::vector<std::string> otherTransmitters; // BO_TX_BU_
    std::vector<DbcSignal> signalList; // in file order (not "signals": a Qt macro)
    std::string comment; // CM_ BO_
    std::vector<DbcAttribute> attributes; // BA_ ... BO_
    int cycleTimeMs = 0; // GenMsgCycleTime (its BA_DEF_DEF_ default when not set per message)
    DbcFrameFormat frameFormat = DbcFrameFormat::Standard; // VFrameFormat
    bool pseudo = false; // VECTOR__INDEPENDENT_SIG_MSG: holds unplaced signals, never on a bus
    long line = 0; // where the BO_ is in the file

    bool isFd() const;
    const DbcSignal* findSignal(std::string_view name) const;
};

enum class DbcObjectType : std::uint8_t { Network, Node, Message, Signal, EnvVar };
enum class DbcAttributeType : std::uint8_t { Int, Hex, Float, String, Enum };

struct DbcAttributeDefinition {
    std::string name;
    DbcObjectType object = DbcObjectType::Network;
    DbcAttributeType type = DbcAttributeType::Int;
    double minimum = 0.0;
    double maximum = 0.0;
    std::vector<std::string> enumValues;
    DbcAttribute defaultValue; // BA_DEF_DEF_
    bool hasDefault = false;
};

struct DbcNode {
    std::string name;
    std::string comment;
};

struct DbcValueTable {
    std::string name;
    std::vector<DbcValueLabel> labels;
};

struct DbcDatabase {
    std::string file;
    std::string version;
    std::string comment; // CM_ "..." for the network
    std::vector<DbcNode> nodes;
    std::vector<DbcMessage> messages; // in file order
    std::vector<DbcValueTable> valueTables; // VAL_TABLE_
    std::vector<DbcAttributeDefinition> attributeDefinitions;
    std::vector<DbcAttribute> attributes; // network-level BA_
    // Lenient loading: the statements that were skipped, each with file:line:column and why.
    std::vector<ParseError> skipped;
    // Definitions that load but look wrong (a signal past its message's length).
    std::vector<ParseError> warnings;
    // Statements understood by the format but not used by PackGrade (EV_, SIG_GROUP_, ...).
    long ignoredStatements = 0;

    const DbcMessage* findMessage(std::uint32_t id, bool extended) const;
    const DbcMessage* findMessage(std::string_view name) const;
    const DbcAttributeDefinition* findAttributeDefinition(std::string_view name) const;
};

} // namespace pg::can
