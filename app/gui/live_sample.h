#pragma once

#include "core/bench_io.h"
#include "core/pack_snapshot.h"

#include <QMetaType>
#include <QStringList>
#include <optional>
#include <vector>

namespace pg::app {

// What the Live pack screen shows at one instant, from whichever source the bench has: a BMS
// decoded through a pack profile, or the in-process simulator. SI units, current + = discharge.
struct LiveSample {
    double timeS = 0;
    std::optional<double> packVoltageV;
    std::optional<double> packCurrentA;
    std::optional<double> socPct;
    std::optional<double> sohPct;
    std::vector<double> cellVoltagesV; // NaN where a cell has not been seen or is stale
    std::vector<double> temperaturesC;
    QStringList dtcs;
    bool isolationFault = false;
};

LiveSample liveSampleFromSnapshot(const core::PackSnapshot& snapshot);
LiveSample liveSampleFromBms(const core::BmsReading& bms, std::optional<double> packCurrentA);
// The reading the safety checks of a procedure need, from a decoded snapshot.
core::BmsReading bmsReadingFromSnapshot(const core::PackSnapshot& snapshot);

} // namespace pg::app

Q_DECLARE_METATYPE(pg::app::LiveSample)
