#include "j1939_id.h"

namespace pg::can::j1939 {

Id decodeId(std::uint32_t canId)
{
    Id id;
    id.priority = static_cast<std::uint8_t>((canId >> 26) & 0x7);
    id.source = static_cast<std::uint8_t>(canId & 0xFF);
    const std::uint32_t pf = (canId >> 16) & 0xFF;
    const std::uint32_t ps = (canId >> 8) & 0xFF;
    const std::uint32_t page = (canId >> 24) & 0x3; // EDP, DP
    if (pf < 240) {
        id.pgn = (page << 16) | (pf << 8);
        id.destination = static_cast<std::uint8_t>(ps);
    } else {
        id.pgn = (page << 16) | (pf << 8) | ps;
        id.destination = kGlobalAddress;
    }
    return id;
}

std::uint32_t encodeId(const Id& id)
{
    std::uint32_t canId
        = (std::uint32_t { id.priority } & 0x7) << 26 | (id.pgn & 0x3FF00) << 8 | id.source;
    canId |= id.pdu1() ? std::uint32_t { id.destination } << 8 : (id.pgn & 0xFF) << 8;
    return canId;
}

} // namespace pg::can::j1939
