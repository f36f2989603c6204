// ProfileDecoder's J1939 part: DM1 active trouble codes from the source addresses a profile's
// `j1939` mappings name, into the snapshot's DTC list (SAE J1939-73 layout in j1939_dm1.h).
#include "j1939_dm1.h"
#include "profile_decoder.h"

namespace pg::can {

namespace {

    std::string dtcText(const j1939::Dtc& d)
    {
        return "SPN " + std::to_string(d.spn) + " FMI " + std::to_string(d.fmi) + " OC "
            + std::to_string(d.occurrenceCount);
    }

    std::int64_t dtcBytes(const j1939::Dtc& d)
    {
        return static_cast<std::int64_t>(std::uint32_t(d.raw[0]) | std::uint32_t(d.raw[1]) << 8
            | std::uint32_t(d.raw[2]) << 16 | std::uint32_t(d.raw[3]) << 24);
    }

} // namespace

std::size_t ProfileDecoder::decodeJ1939(
    const J1939Message& message, std::vector<FieldValue>& out) const
{
    const auto it = m_j1939.find(message.id.pgn << 8 | message.id.source);
    if (it == m_j1939.end())
        return 0;
    const auto dm1 = j1939::decodeDm1(message.data);
    if (!dm1) {
        ++m_j1939Errors;
        return 0;
    }
    const std::size_t before = out.size();
    const int count = static_cast<int>(dm1->dtcs.size());
    for (const std::uint32_t source : it->second) {
        FieldValue cleared { SnapshotField::Dtc, -1, 0.0, {}, 0, true, message.timeUs, source, 0 };
        if (count == 0)
            out.push_back(cleared);
        for (int i = 0; i < count; ++i) {
            const j1939::Dtc& d = dm1->dtcs[static_cast<std::size_t>(i)];
            const std::int64_t raw = dtcBytes(d);
            out.push_back({ SnapshotField::Dtc, i, static_cast<double>(raw), dtcText(d), raw, true,
                message.timeUs, source, count });
        }
    }
    return out.size() - before;
}

} // namespace pg::can
