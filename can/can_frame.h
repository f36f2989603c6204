#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace pg::can {

// One CAN or CAN FD frame as PackGrade moves it around: fixed size, no heap, trivially copyable,
// so that queues and logs never allocate per frame.
struct CanFrame {
    enum Flag : std::uint8_t {
        Extended = 0x01, // 29-bit identifier
        Remote = 0x02, // RTR: `len` is the requested DLC, no data
        Error = 0x04, // error frame; `id` holds the SocketCAN error class bits (CAN_ERR_*)
        Fd = 0x08, // CAN FD frame (up to 64 data bytes)
        BitRateSwitch = 0x10, // FD BRS
        ErrorStateIndicator = 0x20, // FD ESI
        Transmitted = 0x40, // sent by this bench (as opposed to received)
    };

    std::int64_t timeUs = 0; // microseconds; epoch time for live frames, the log's own for replay
    std::uint32_t id = 0; // 11/29-bit identifier, without flag bits
    std::uint8_t flags = 0;
    std::uint8_t len = 0; // number of data bytes (0..8 classic, 0..64 FD)
    std::uint16_t channel = 0; // index into the source's interface-name table
    std::array<std::uint8_t, 64> data {};

    bool is(Flag f) const { return (flags & f) != 0; }
    void set(Flag f, bool on = true) { flags = on ? (flags | f) : (flags & ~f); }
    double timeS() const { return static_cast<double>(timeUs) * 1e-6; }
};

inline constexpr std::uint32_t kMaxStandardId = 0x7FF;
inline constexpr std::uint32_t kMaxExtendedId = 0x1FFFFFFF;

// CAN FD data length codes 9..15 map to these byte counts (ISO 11898-1:2015).
int fdLengthToDlc(int len);
int dlcToLength(int dlc, bool fd);
bool isValidFdLength(int len);

// "123#1122" style text for messages and the frame monitor.
std::string toCandumpText(const CanFrame& frame);

} // namespace pg::can
