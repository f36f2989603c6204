#pragma once

#include "can_frame.h"

#include <cstddef>
#include <string_view>

namespace pg::can {

// The candump `-l` log format of can-utils, also read and written by python-can and canplayer:
//   (1436509052.249713) vcan0 123#DEADBEEF
//   (1436509052.249713) vcan0 1ABCDEF0#R2            extended id, RTR with DLC 2
//   (1436509052.249713) vcan0 123##31122334455       CAN FD, flags nibble 3 (BRS|ESI), 5 bytes
//   (1436509052.249713) vcan0 20000080#0000000000000000   error frame (CAN_ERR_FLAG in the id)

inline constexpr std::size_t kMaxCandumpFrameText = 8 + 3 + 128 + 1;
inline constexpr std::size_t kMaxCandumpLine = 24 + 1 + 32 + 1 + kMaxCandumpFrameText + 1;

// SocketCAN id flag bits as they appear in candump text.
inline constexpr std::uint32_t kCanErrFlag = 0x20000000U;

// Writes "ID#DATA" (no newline) and returns its length.
std::size_t formatCandumpFrame(const CanFrame& frame, char* out);
// Writes "(sec.usec) IFACE ID#DATA\n" and returns its length; `out` needs kMaxCandumpLine bytes.
std::size_t formatCandumpLine(const CanFrame& frame, std::string_view iface, char* out);

struct CandumpParse {
    std::string_view iface;
    int errorColumn = 0; // 1-based column of the first bad character
    const char* expected = nullptr; // set when the line is malformed
};

// Parses one line (without its newline). Returns false and fills `result.expected` when malformed.
bool parseCandumpLine(std::string_view line, CanFrame& frame, CandumpParse& result);

} // namespace pg::can
