#include "profile_ids.h"

namespace pg::can {

bool profileKnowsId(const ProfileDecoder& decoder, std::uint32_t id, bool extended)
{
    if (decoder.dbcDecoder().messageIndex(id, extended) >= 0)
        return true;
    for (const FieldSource& f : decoder.profile().fields) {
        if (f.kind == FieldSource::Kind::Bytes && f.bytes.id == id && f.bytes.extended == extended)
            return true;
    }
    for (const UdsPoll& p : decoder.profile().polls) {
        if (p.extended == extended && (p.requestId == id || p.responseId == id))
            return true;
    }
    return false;
}

int udsElementSize(const std::string& type)
{
    if (type == "u8" || type == "s8")
        return 1;
    if (type == "u24be")
        return 3;
    return type == "u32be" ? 4 : 2;
}

} // namespace pg::can
