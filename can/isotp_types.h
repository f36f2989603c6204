#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace pg::can {

// How an ISO-TP (ISO 15765-2) link is addressed. Normal addressing: one CAN id per direction,
// chosen by the caller (a pack profile). Normal fixed addressing (29-bit): the ids are built from
// the target and source addresses as 0x18DA<TA><SA> (priority 6, PGN 0xDA00 physical).
struct IsoTpAddress {
    std::uint32_t txId = 0; // id of the frames this end sends
    std::uint32_t rxId = 0; // id of the frames this end accepts
    bool extended = false; // 29-bit ids

    // This end is `source`, the peer is `target`; physical (1:1) addressing.
    static IsoTpAddress normalFixed(
        std::uint8_t target, std::uint8_t source, std::uint8_t priority = 6);
};

struct IsoTpConfig {
    IsoTpAddress address;
    // Fill byte for unused bytes of a frame; none = frames as short as their content (classic CAN).
    // CAN FD frames longer than 8 bytes are always filled up to the next valid length.
    std::optional<std::uint8_t> padding = std::uint8_t { 0xCC };
    int frameDataLength = 8; // TX_DL: 8 for classic CAN; 12..64 for CAN FD
    // What this end asks of a sender in its flow control frames.
    std::uint8_t blockSize = 0; // 0 = send everything after one FC
    std::uint8_t stMin = 0; // raw STmin byte (0x00-0x7F ms, 0xF1-0xF9 100-900 us)
    std::uint32_t maxReceiveLength = 4095; // longer First Frames are answered with FC overflow
    int maxWaitFrames = 10; // N_WFTmax: FC WAIT frames tolerated in a row
    std::int64_t nBsUs = 1'000'000; // sender: FC must arrive within this after FF or a block
    std::int64_t nCrUs = 1'000'000; // receiver: next CF must arrive within this
};

struct IsoTpError {
    enum class Kind {
        InvalidFrame, // a PCI or length the standard does not allow
        UnexpectedFrame, // valid frame at the wrong moment (N_UNEXP_PDU)
        WrongSequence, // consecutive frame with the wrong SN (N_WRONG_SN)
        TimeoutBs, // no flow control within N_Bs (N_TIMEOUT_Bs)
        TimeoutCr, // no consecutive frame within N_Cr (N_TIMEOUT_Cr)
        Overflow, // receiver answered FC overflow, or the message is too long for us
                  // (N_BUFFER_OVFLW)
        WaitLimit, // more than N_WFTmax FC WAIT frames (N_WFT_OVRN)
        Busy, // a send is already in progress
        TooLong, // payload larger than ISO-TP or the configuration allows
    };
    Kind kind = Kind::InvalidFrame;
    std::string message;
};

const char* isoTpErrorKindName(IsoTpError::Kind kind);

} // namespace pg::can
