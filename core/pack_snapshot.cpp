#include "pack_snapshot.h"

namespace pg::core {

std::vector<SnapshotValue>* PackSnapshot::array(can::SnapshotField f)
{
    switch (f) {
    case can::SnapshotField::CellVoltage:
        return &cellVoltagesV;
    case can::SnapshotField::Temperature:
        return &temperaturesC;
    case can::SnapshotField::Dtc:
        return &dtcs;
    default:
        return nullptr;
    }
}

const std::vector<SnapshotValue>* PackSnapshot::array(can::SnapshotField f) const
{
    return const_cast<PackSnapshot*>(this)->array(f);
}

std::optional<double> PackSnapshot::usable(can::SnapshotField f) const
{
    const SnapshotValue& v = get(f);
    if (!v.present || !v.valid || v.stale)
        return std::nullopt;
    return v.value;
}

} // namespace pg::core
