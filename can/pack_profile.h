#pragma once

#include "snapshot_field.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace pg::can {

// A pack profile as loaded from resources/profiles/*.json (ProfileLoader): plain data, no ids in
// code. It says how the bench talks to the pack and where each snapshot field comes from.

struct ProfileTransport {
    int bitrate = 500000;
    bool listenOnly = true; // a broadcast-only pack never needs the bench to transmit
    bool polled = false; // the profile has UDS/group polls that need transmitting
};

// Where an array field's element index comes from (cell_voltage_v, temperature_c, dtc).
struct FieldIndex {
    int base = 0; // fixed index, or added to the computed one
    std::string bySignal; // index = base + stride * raw(bySignal), e.g. Orion's cell id byte
    int stride = 1;
    bool fromPattern = false; // index = base + the number captured by the signal pattern
};

// A field taken from a DBC signal of a received (broadcast) frame.
struct SignalSource {
    std::string message; // DBC message name
    std::string signal; // one signal name, or a regular expression when `pattern`
    bool pattern = false; // `signal` is a regex with one capture group (the element number)
};

// A text field made of bytes of a broadcast frame (e.g. 0x35E pack name).
struct BytesSource {
    std::uint32_t id = 0;
    bool extended = false;
    int offset = 0;
    int length = 8;
};

// A field inside the reassembled response of a UDS/group poll (bytes after the positive
// response SID and identifier). Data only until the ISO-TP/UDS client is wired in.
struct UdsSource {
    std::string poll; // name of a UdsPoll of the same profile
    int offset = 0; // first byte of the first element
    int count = 1; // elements
    int stride = 0; // bytes between elements (0: the element's own size)
    std::string type = "u16be"; // u8, s8, u16be, s16be, u24be, u32be
};

// A J1939 parameter group from one source address (SAE J1939-21), single frame or reassembled
// from BAM / RTS-CTS. Only DM1 (PGN 0xFECA, active DTCs, J1939-73) is decoded: it fills `dtc`.
struct J1939Source {
    std::uint32_t pgn = 0;
    std::uint8_t sourceAddress = 0;
};

// A per-value validity flag the pack sends beside the value, in the same message (foxBMS 2:
// CellVoltage_NNN_invalidFlag next to CellVoltage_NNN). A value whose flag reads `invalidValue`
// is not a reading: the snapshot does not hold it (not present), it is never a number.
struct InvalidFlag {
    std::string signal; // DBC signal name; "{signal}" stands for the value signal's own name
    std::int64_t invalidValue = 1; // the raw flag value that means "not valid"
    std::string source; // where the flag's meaning and polarity came from
    bool enabled() const { return !signal.empty(); }
};

struct FieldSource {
    enum class Kind : std::uint8_t { Signal, Bytes, Uds, J1939 };
    SnapshotField field = SnapshotField::PackVoltage;
    Kind kind = Kind::Signal;
    SignalSource signal;
    BytesSource bytes;
    UdsSource uds;
    J1939Source j1939;
    FieldIndex index;
    double scale = 1.0; // value = dbc_physical * scale + offset (raw for bytes/uds)
    double offset = 0.0;
    int cycleMs = 0; // expected refresh period; 0: from the DBC (GenMsgCycleTime) or the profile
    std::vector<std::int64_t> invalidRaw; // sentinels: the raw values that mean "not available"
    InvalidFlag invalidFlag; // a flag signal beside the value (enabled() when mapped)
    std::string source; // where the scaling came from (PROTOCOLS.md section, public document)
    std::string gap; // non-empty: what is not known (the value is flagged, not hidden)
    std::string key; // "fields[3]" for messages
};

// A request the bench sends periodically (UDS ReadDataByIdentifier, Nissan group query, ...).
struct UdsPoll {
    std::string name;
    std::uint32_t requestId = 0;
    std::uint32_t responseId = 0;
    bool extended = false;
    std::vector<std::uint8_t> request; // the service bytes, without ISO-TP PCI
    std::vector<std::uint8_t> responsePrefix; // expected first response bytes (e.g. 61 02)
    int periodMs = 1000;
    std::string flowControl; // how the ECU wants flow control, as documented
    std::string source;
};

// A frame check (PROTOCOLS.md 9.5): a frame whose checksum is wrong is dropped, not decoded.
// "sum8": (init + data[0] + ... + data[bytes-1]) & 0xFF must equal the raw value of `signal`.
struct FrameCheck {
    std::string message;
    std::string signal;
    std::string algorithm = "sum8";
    int init = 0;
    int bytes = 7;
    std::string source;
    std::string key;
};

struct PackProfile {
    std::string file; // where it was loaded from
    std::string name;
    std::string version;
    std::string description;
    bool abstract = false; // a base for mappings (generic-dbc): no DBC or fields of its own
    std::string dbcPath; // resolved: a file path or ":/dbc/..." resource
    std::string dbcLicense;
    std::string dbcSource;
    ProfileTransport transport;
    int staleAfterCycles = 10; // PROTOCOLS.md 9.6: timeout = 10 x period
    int defaultCycleMs = 1000; // when the DBC gives no GenMsgCycleTime
    std::vector<FieldSource> fields;
    std::vector<UdsPoll> polls;
    std::vector<FrameCheck> checks;
    // The pack's real number of elements of an array field (`counts`: cells, temperature
    // sensors): elements at or beyond it are slots the frames carry but the pack does not fill,
    // and are never decoded. Absent: every slot the pack sends is taken.
    std::vector<std::pair<SnapshotField, int>> elementCounts;

    const UdsPoll* findPoll(const std::string& pollName) const;
    // The declared count of an array field, or -1 when the profile declares none.
    int elementCount(SnapshotField field) const;
};

} // namespace pg::can
