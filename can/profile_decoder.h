#pragma once

#include "can_frame.h"
#include "dbc_database.h"
#include "dbc_decoder.h"
#include "j1939_receiver.h"
#include "pack_profile.h"
#include "profile_error.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <tl/expected.hpp>
#include <unordered_map>
#include <vector>

namespace pg::can {

// One value of a snapshot field, decoded from a frame or a poll response. Already in the
// snapshot's units and sign convention (the profile's scale/offset applied).
struct FieldValue {
    SnapshotField field = SnapshotField::PackVoltage;
    int index = -1; // element of an array field; -1 for scalar and text fields
    double value = 0.0;
    std::string text; // text fields only
    std::int64_t raw = 0;
    bool valid = true; // false: the raw value is one of the profile's sentinels
    std::int64_t timeUs = 0;
    std::uint32_t source = 0; // index into PackProfile::fields
    // Array fields replaced as a whole (a J1939 DM1 lists every active DTC): the array now holds
    // exactly this many elements; -1 for element updates. With index -1 the value only resizes
    // (a DM1 with no active DTC clears the list).
    int listSize = -1;
    // The pack's own invalid flag beside the value says "not valid" (FieldSource::invalidFlag):
    // not a reading at all. `valid` is false too; the snapshot does not hold the value.
    bool flagged = false;
};

// Turns frames into FieldValues through a profile and its DBC: every mapping is bound once to a
// (message, signal) pair of the DBC's compiled plans, so decoding a frame touches only the
// mappings of its message. Binding errors name the profile file, the key and the reason.
class ProfileDecoder {
public:
    static tl::expected<ProfileDecoder, ProfileError> create(
        PackProfile profile, std::shared_ptr<const DbcDatabase> db);
    // Loads the profile (name or path) and its DBC.
    static tl::expected<ProfileDecoder, ProfileError> load(const std::string& nameOrPath);

    // Appends the values the frame carries; returns how many. Frames of no mapped message add none.
    std::size_t decode(const CanFrame& frame, std::vector<FieldValue>& out) const;
    // Appends the values of a reassembled poll response: `payload` starts after the poll's
    // response prefix (e.g. after `61 02`). For the UDS client to call; see DiagnosticPoller.
    std::size_t decodePollResponse(const std::string& poll, std::span<const std::uint8_t> payload,
        std::int64_t timeUs, std::vector<FieldValue>& out) const;

    // Appends the DTCs of a J1939 message (DM1 from a source address a `j1939` mapping names):
    // one value per active DTC, text "SPN s FMI f OC n", value = the 4 DTC bytes as a
    // little-endian number, every value with listSize = the number of DTCs. A malformed DM1
    // adds nothing and is counted in j1939Errors().
    std::size_t decodeJ1939(const J1939Message& message, std::vector<FieldValue>& out) const;
    bool usesJ1939() const { return !m_j1939.empty(); }
    std::uint64_t j1939Errors() const { return m_j1939Errors; }

    const PackProfile& profile() const { return m_profile; }
    const DbcDatabase& database() const { return *m_db; }
    const DbcDecoder& dbcDecoder() const { return *m_decoder; }
    // Expected refresh period of a mapping: the DBC's GenMsgCycleTime, the poll period, or the
    // profile's default.
    int cycleMs(std::uint32_t source) const { return m_cycleMs[source]; }
    // Frames dropped because a profile check (checksum) failed.
    std::uint64_t checkFailures() const { return m_checkFailures; }

private:
    struct Binding {
        std::uint32_t source = 0;
        std::uint32_t signal = 0;
        std::int32_t indexSignal = -1;
        std::int32_t flagSignal = -1; // the value's invalid-flag signal, or -1
        int element = -1; // fixed element, or -1
    };
    struct Check {
        std::uint32_t signal = 0;
        int init = 0;
        int bytes = 0;
    };
    ProfileDecoder() = default;
    bool bindSignal(std::uint32_t source, ProfileError& error);
    bool bindCheck(const FrameCheck& c, ProfileError& error);
    bool passes(const Check& c, const CanFrame& frame) const;
    void decodeText(const CanFrame& frame, std::vector<FieldValue>& out) const;
    void emitValue(const Binding& b, const DecodedSignal& s, std::int64_t indexRaw, bool flagged,
        std::int64_t timeUs, std::vector<FieldValue>& out) const;
    bool beyondCount(const FieldValue& v) const;

    PackProfile m_profile;
    std::shared_ptr<const DbcDatabase> m_db;
    std::unique_ptr<DbcDecoder> m_decoder;
    std::unordered_map<int, std::vector<Binding>> m_byMessage; // DBC message index -> bindings
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>>
        m_bytesById; // (ext<<32|id) -> sources
    std::unordered_map<int, Check> m_checks; // DBC message index -> frame check
    std::vector<int> m_cycleMs;
    std::vector<int> m_counts; // per SnapshotField: the profile's declared element count, or -1
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>>
        m_j1939; // (pgn << 8 | source address) -> sources
    mutable std::uint64_t m_checkFailures = 0;
    mutable std::uint64_t m_j1939Errors = 0;
    mutable std::vector<DecodedSignal> m_scratch;
    mutable std::vector<std::int32_t> m_position; // signal index -> position in m_scratch
};

} // namespace pg::can
