#include "isotp_types.h"

namespace pg::can {

IsoTpAddress IsoTpAddress::normalFixed(
    std::uint8_t target, std::uint8_t source, std::uint8_t priority)
{
    // ISO 15765-2 normal fixed addressing, physical: priority | PF 0xDA | N_TA | N_SA.
    auto id = [&](std::uint8_t ta, std::uint8_t sa) {
        return (std::uint32_t { priority } & 0x7) << 26 | 0xDAU << 16 | std::uint32_t { ta } << 8
            | sa;
    };
    return { id(target, source), id(source, target), true };
}

const char* isoTpErrorKindName(IsoTpError::Kind kind)
{
    switch (kind) {
    case IsoTpError::Kind::InvalidFrame:
        return "invalid frame";
    case IsoTpError::Kind::UnexpectedFrame:
        return "unexpected frame";
    case IsoTpError::Kind::WrongSequence:
        return "wrong sequence number";
    case IsoTpError::Kind::TimeoutBs:
        return "N_Bs timeout";
    case IsoTpError::Kind::TimeoutCr:
        return "N_Cr timeout";
    case IsoTpError::Kind::Overflow:
        return "buffer overflow";
    case IsoTpError::Kind::WaitLimit:
        return "too many FC WAIT";
    case IsoTpError::Kind::Busy:
        return "busy";
    case IsoTpError::Kind::TooLong:
        return "message too long";
    }
    return "?";
}

} // namespace pg::can
