#include "j1939_dm1.h"

#include <algorithm>

namespace pg::can::j1939 {

namespace {

    LampState lamp(std::uint8_t byte, int shift)
    {
        return static_cast<LampState>((byte >> shift) & 0x3);
    }

} // namespace

tl::expected<Dm1, std::string> decodeDm1(std::span<const std::uint8_t> data)
{
    if (data.size() < 6)
        return tl::unexpected("DM1 too short: " + std::to_string(data.size())
            + " bytes, at least 6 (lamps and one DTC) expected");
    Dm1 dm1;
    dm1.lamps.protect = lamp(data[0], 0);
    dm1.lamps.amberWarning = lamp(data[0], 2);
    dm1.lamps.redStop = lamp(data[0], 4);
    dm1.lamps.malfunction = lamp(data[0], 6);
    dm1.lamps.flash = data[1];
    const std::size_t whole = (data.size() - 2) / 4;
    const auto rest = data.subspan(2 + whole * 4);
    // Trailing bytes are allowed only as 0xFF fill (a single-frame DM1 is 6 bytes padded to 8).
    if (!std::all_of(rest.begin(), rest.end(), [](std::uint8_t b) { return b == 0xFF; }))
        return tl::unexpected("DM1 truncated: " + std::to_string(rest.size()) + " bytes after "
            + std::to_string(whole) + " DTCs, a DTC has 4");
    for (std::size_t i = 0; i < whole; ++i) {
        const std::uint8_t* b = data.data() + 2 + i * 4;
        if (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0)
            continue; // "no DTC" placeholder
        if (b[0] == 0xFF && b[1] == 0xFF && b[2] == 0xFF && b[3] == 0xFF)
            continue; // fill
        Dtc d;
        d.spn = std::uint32_t { b[0] } | std::uint32_t { b[1] } << 8
            | std::uint32_t { static_cast<std::uint8_t>(b[2] >> 5) } << 16;
        d.fmi = b[2] & 0x1F;
        d.conversionMethod = (b[3] & 0x80) != 0;
        d.occurrenceCount = b[3] & 0x7F;
        std::copy(b, b + 4, d.raw);
        dm1.dtcs.push_back(d);
    }
    return dm1;
}

const char* lampStateName(LampState s)
{
    switch (s) {
    case LampState::Off:
        return "off";
    case LampState::On:
        return "on";
    case LampState::Error:
        return "error";
    case LampState::NotAvailable:
        return "not available";
    }
    return "?";
}

} // namespace pg::can::j1939
