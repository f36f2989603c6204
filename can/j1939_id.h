#pragma once

#include <cstdint>

// SAE J1939-21 identifiers: a 29-bit id holds priority (bits 28-26), extended data page (25),
// data page (24), PDU format PF (23-16), PDU specific PS (15-8) and source address (7-0).
// PF < 240 (PDU1): PS is the destination address and not part of the PGN.
// PF >= 240 (PDU2): PS is the group extension, part of the PGN; the message goes to everyone.
namespace pg::can::j1939 {

inline constexpr std::uint8_t kGlobalAddress = 0xFF;
inline constexpr std::uint32_t kPgnRequest = 0xEA00;
inline constexpr std::uint32_t kPgnTpDt = 0xEB00; // transport protocol, data transfer
inline constexpr std::uint32_t kPgnTpCm = 0xEC00; // transport protocol, connection management
inline constexpr std::uint32_t kPgnDm1 = 0xFECA; // active diagnostic trouble codes (65226)

struct Id {
    std::uint8_t priority = 6; // 0 (highest) .. 7
    std::uint32_t pgn = 0; // 18 bits: EDP, DP, PF and (PDU2 only) PS
    std::uint8_t source = 0;
    std::uint8_t destination = kGlobalAddress; // PDU1: PS; PDU2: always global
    bool pdu1() const { return ((pgn >> 8) & 0xFF) < 240; }
};

Id decodeId(std::uint32_t canId);
// For a PDU1 PGN the destination goes into PS (the PGN's low byte is ignored).
std::uint32_t encodeId(const Id& id);

} // namespace pg::can::j1939
