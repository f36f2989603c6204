#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <tl/expected.hpp>
#include <vector>

// UDS (ISO 14229-1) request builders and response decoders: plain functions over bytes, no I/O.
namespace pg::can::uds {

using Bytes = std::vector<std::uint8_t>;

inline constexpr std::uint8_t kNegativeResponse = 0x7F;
inline constexpr std::uint8_t kPositiveOffset = 0x40;
inline constexpr std::uint8_t kResponsePending = 0x78;
inline constexpr std::uint8_t kSuppressPositiveResponse = 0x80;

enum Service : std::uint8_t {
    DiagnosticSessionControl = 0x10,
    ReadDtcInformation = 0x19,
    ReadDataByLocalIdentifier = 0x21, // KWP2000 (ISO 14230); still answered by some BMSs
    ReadDataByIdentifier = 0x22,
    TesterPresent = 0x3E,
};

Bytes sessionControlRequest(
    std::uint8_t session); // 10 ss (01 default, 02 programming, 03 extended)
Bytes testerPresentRequest(bool suppressResponse); // 3E 00 | 3E 80
Bytes readDataByIdentifierRequest(std::uint16_t did); // 22 DID(2, big-endian)
Bytes readDtcByStatusMaskRequest(std::uint8_t statusMask); // 19 02 mask

// "ReadDataByIdentifier", or "service 0x31".
std::string serviceName(std::uint8_t sid);
// ISO 14229-1 Annex A negative response code names: 0x31 -> "requestOutOfRange".
std::string nrcName(std::uint8_t nrc);
// "22 F1 90"
std::string hexBytes(std::span<const std::uint8_t> bytes);

// Reply to 0x10: 50 ss P2(ms, u16) P2*(10 ms, u16).
struct SessionTiming {
    std::uint8_t session = 0;
    int p2Ms = 0;
    int p2StarMs = 0;
};
tl::expected<SessionTiming, std::string> decodeSessionControl(
    std::span<const std::uint8_t> response);

// Reply to 0x22: 62 DID data; returns the data after the DID.
tl::expected<Bytes, std::string> decodeReadDataByIdentifier(
    std::span<const std::uint8_t> response, std::uint16_t did);

// Reply to 19 02: 59 02 availabilityMask { DTC(3) status }*.
struct Dtc {
    std::uint32_t code = 0; // 24-bit DTC (high, middle, low byte)
    std::uint8_t status = 0;
    bool testFailed() const { return (status & 0x01) != 0; }
    bool pending() const { return (status & 0x04) != 0; }
    bool confirmed() const { return (status & 0x08) != 0; }
    bool warningIndicator() const { return (status & 0x80) != 0; }
};
struct DtcReport {
    std::uint8_t availabilityMask = 0;
    std::vector<Dtc> dtcs;
};
tl::expected<DtcReport, std::string> decodeDtcByStatusMask(std::span<const std::uint8_t> response);

// ISO 15031-6 text of a 3-byte DTC: letter (P/C/B/U) and 4 digits from the two high bytes, then
// the failure type byte: 0x0A9B17 -> "P0A9B-17".
std::string dtcText(std::uint32_t code);

} // namespace pg::can::uds
