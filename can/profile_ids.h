#pragma once

#include "profile_decoder.h"

namespace pg::can {

// True when a frame with this id belongs to the profile: a message of its DBC, a bytes (text)
// source, or a poll's request or response. Anything else on the bus is foreign to the pack.
bool profileKnowsId(const ProfileDecoder& decoder, std::uint32_t id, bool extended);

} // namespace pg::can
