#pragma once

#include "profile_decoder.h"

#include <string>

namespace pg::can {

// True when a frame with this id belongs to the profile: a message of its DBC, a bytes (text)
// source, or a poll's request or response. Anything else on the bus is foreign to the pack.
bool profileKnowsId(const ProfileDecoder& decoder, std::uint32_t id, bool extended);

// Bytes of one element of a `uds` source type (u8/s8 1, u16be/s16be 2, u24be 3, u32be 4).
int udsElementSize(const std::string& type);

} // namespace pg::can
