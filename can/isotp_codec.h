#pragma once

#include "can_frame.h"
#include "isotp_types.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <tl/expected.hpp>

// ISO 15765-2 protocol control information (PCI), the first byte(s) of every ISO-TP frame:
//   0L            Single Frame, L = 1..7 payload bytes        (CAN FD: 00 LL, LL = 8..62)
//   1L LL         First Frame, 12-bit total length           (> 4095: 10 00 + 32-bit length)
//   2N            Consecutive Frame, N = sequence number 0..15 (first CF is 1, wraps 15 -> 0)
//   3S BS ST      Flow Control: S 0 continue-to-send, 1 wait, 2 overflow; block size; STmin
namespace pg::can::isotp {

enum class PciType : std::uint8_t { Single = 0, First = 1, Consecutive = 2, FlowControl = 3 };
enum class FlowStatus : std::uint8_t { ContinueToSend = 0, Wait = 1, Overflow = 2 };

// One decoded ISO-TP frame. `data` points into the frame it was decoded from.
struct Pdu {
    PciType type = PciType::Single;
    std::uint32_t length = 0; // SF: payload length; FF: total message length
    std::uint8_t sequence = 0; // CF
    FlowStatus flowStatus = FlowStatus::ContinueToSend; // FC
    std::uint8_t blockSize = 0; // FC
    std::uint8_t stMin = 0; // FC, raw byte
    std::span<const std::uint8_t> data; // SF: exactly the payload; FF/CF: the rest of the frame
    std::uint8_t frameLength = 0; // bytes in the CAN frame (RX_DL for a First Frame)
};

tl::expected<Pdu, IsoTpError> decodePdu(const CanFrame& frame);

// STmin byte to microseconds: 0x00-0x7F = 0-127 ms, 0xF1-0xF9 = 100-900 us. Reserved values
// (0x80-0xF0, 0xFA-0xFF) are read as 0x7F, as ISO 15765-2 tells a sender to do.
std::int64_t stMinToUs(std::uint8_t stMin);

// Largest payload of a Single Frame for a frame data length (7 for classic CAN).
std::size_t singleFrameCapacity(int frameDataLength);

// Frame builders. Each returns a frame with the configured id, padding and (FD) length.
CanFrame encodeSingleFrame(const IsoTpConfig& config, std::span<const std::uint8_t> payload);
// Writes as much of `payload` as fits after the FF PCI; `taken` is set to that count.
CanFrame encodeFirstFrame(
    const IsoTpConfig& config, std::span<const std::uint8_t> payload, std::size_t& taken);
CanFrame encodeConsecutiveFrame(
    const IsoTpConfig& config, std::uint8_t sequence, std::span<const std::uint8_t> chunk);
CanFrame encodeFlowControl(
    const IsoTpConfig& config, FlowStatus status, std::uint8_t blockSize, std::uint8_t stMin);

} // namespace pg::can::isotp
