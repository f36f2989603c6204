#pragma once

#include "can_frame.h"

#include <cstddef>
#include <string_view>

namespace pg::can::slcan {

// Lawicel SLCAN ASCII protocol (CANUSB / CAN232 manuals; CANable firmware for the FD letters):
//   tIIILDD..[TTTT]\r   standard data frame      TIIIIIIIILDD..\r   extended data frame
//   rIIIL\r             standard remote frame    RIIIIIIIIL\r        extended remote frame
//   dIIIL.. / DIIIIIIIIL..  CAN FD without BRS;  bIIIL.. / BIIIIIIIIL..  CAN FD with BRS
//   Sn  bitrate 0..8 = 10k 20k 50k 100k 125k 250k 500k 800k 1M;  O open;  L open listen-only;
//   C close;  F read status flags;  Z0/Z1 timestamps off/on.  Replies: \r ok, \a (BEL) error.

// The `S` command for a bitrate, or -1 when SLCAN has no code for it.
int bitrateCode(int bitrate);

// Writes the command that transmits `frame`, terminated by '\r'. Returns its length (<= 140).
std::size_t encodeFrame(const CanFrame& frame, char* out);

enum class LineType { Frame, Ok, Error, Status, Other, Malformed };

struct Line {
    LineType type = LineType::Other;
    int timestampMs = -1; // 0..59999 when the adapter adds timestamps (Z1)
    int statusFlags = -1; // reply to F: bit 2 error warning, 5 error passive, 7 bus error ...
    const char* expected = nullptr; // for Malformed
};

// Parses one line from the adapter, without its '\r'. An empty line is an OK reply.
Line parseLine(std::string_view line, CanFrame& frame);

} // namespace pg::can::slcan
