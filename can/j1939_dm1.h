#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <tl/expected.hpp>
#include <vector>

// DM1, active diagnostic trouble codes (SAE J1939-73, PGN 65226 / 0xFECA):
//   byte 0  lamp status, 2 bits each: [1:0] protect, [3:2] amber warning, [5:4] red stop, [7:6] MIL
//   byte 1  lamp flash, same layout
//   then 4 bytes per DTC: SPN[7:0], SPN[15:8], SPN[18:16] << 5 | FMI, CM << 7 | occurrence count
// One DTC fits a single 8-byte frame (padded with 0xFF); more travel by BAM.
namespace pg::can::j1939 {

enum class LampState : std::uint8_t { Off = 0, On = 1, Error = 2, NotAvailable = 3 };

struct Dm1Lamps {
    LampState protect = LampState::NotAvailable;
    LampState amberWarning = LampState::NotAvailable;
    LampState redStop = LampState::NotAvailable;
    LampState malfunction = LampState::NotAvailable;
    std::uint8_t flash = 0xFF; // raw byte 1 (00 slow, 01 fast, 11 n/a per lamp)
};

struct Dtc {
    std::uint32_t spn = 0; // 19 bits, read with the version 4 layout
    std::uint8_t fmi = 0; // failure mode identifier, 5 bits
    std::uint8_t occurrenceCount = 0; // 7 bits; 127 = not available
    // SPN conversion method bit: 1 = the ECU uses an older (pre-version 4) SPN byte order, so
    // `spn` may be wrong; the bytes are kept in `raw`.
    bool conversionMethod = false;
    std::uint8_t raw[4] {};
};

struct Dm1 {
    Dm1Lamps lamps;
    std::vector<Dtc> dtcs; // empty when the ECU reports "no active DTC" (all-zero DTC)
};

tl::expected<Dm1, std::string> decodeDm1(std::span<const std::uint8_t> data);

const char* lampStateName(LampState s);

} // namespace pg::can::j1939
