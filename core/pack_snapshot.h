#pragma once

#include "can/snapshot_field.h"

#include <QString>
#include <QStringList>
#include <array>
#include <optional>
#include <vector>

namespace pg::core {

// One field of a snapshot: present or absent, where it came from, and whether it is fresh.
struct SnapshotValue {
    double value = 0.0; // SI, unit in the field's key; booleans are 0/1
    QString text; // text fields (name, serial, vin, part number)
    bool present = false; // the pack has sent it at least once
    bool valid = true; // false: the pack sent its "not available" sentinel
    bool stale = false; // not refreshed within the profile's stale_after_cycles x cycle time
    double updatedS = 0.0; // time of the last update (the frames' clock)
    int source = -1; // index into PackSnapshot::sources; -1 when absent
};

// What the bench knows about a pack at one instant, whatever its BMS speaks: pack voltage and
// current (positive = discharge), every cell voltage and temperature, BMS SoC/SoH where given,
// limits, contactor/fault state, DTCs and identity. Filled by SnapshotAssembler from a profile.
struct PackSnapshot {
    double timeS = 0.0;
    QString profile; // name of the profile that decoded it
    std::array<SnapshotValue, static_cast<std::size_t>(can::SnapshotField::Count)>
        scalars; // scalar + text fields
    std::vector<SnapshotValue> cellVoltagesV;
    std::vector<SnapshotValue> temperaturesC;
    std::vector<SnapshotValue> dtcs; // raw trouble codes as the pack reports them
    QStringList
        sources; // per profile mapping: "fields[2] f_PackValuesP0.BatteryVoltage (PROTOCOLS.md 5)"

    const SnapshotValue& get(can::SnapshotField f) const
    {
        return scalars[static_cast<std::size_t>(f)];
    }
    SnapshotValue& get(can::SnapshotField f) { return scalars[static_cast<std::size_t>(f)]; }
    std::vector<SnapshotValue>* array(can::SnapshotField f);
    const std::vector<SnapshotValue>* array(can::SnapshotField f) const;

    // The value when present, valid and fresh.
    std::optional<double> usable(can::SnapshotField f) const;
    std::optional<double> packVoltageV() const { return usable(can::SnapshotField::PackVoltage); }
    std::optional<double> packCurrentA() const { return usable(can::SnapshotField::PackCurrent); }
    std::optional<double> socPct() const { return usable(can::SnapshotField::Soc); }
    std::optional<double> sohPct() const { return usable(can::SnapshotField::Soh); }
    // Number of cells / sensors seen so far (the highest index + 1).
    int cellCount() const { return static_cast<int>(cellVoltagesV.size()); }
    QString sourceOf(const SnapshotValue& v) const
    {
        return v.source >= 0 ? sources.value(v.source) : QString();
    }
};

} // namespace pg::core
