#pragma once

// Small helpers the procedures share (not part of the public API).
#include "procedure.h"

#include <algorithm>
#include <limits>

namespace pg::core::detail {

// The lowest / highest cell voltage: from the BMS when it gives cells, bounded by the mean cell
// of the pack voltage the load measures now. A BMS refreshes its cell set slowly (the Leaf's G02
// poll is 28 ISO-TP frames: at 1000x its answer is 100+ s of simulated time old), while the
// load's voltage is this sample's: when the set is stale the weakest cell is at least as far
// down as the mean, so the pack's mean stops a discharge the stale set would let run on.
inline double minCellV(const StepInput& in, int series)
{
    const double meanV
        = series > 0 ? in.load.voltageV / series : std::numeric_limits<double>::quiet_NaN();
    if (in.bms && !in.bms->cellVoltagesV.empty()) {
        const double lowest
            = *std::min_element(in.bms->cellVoltagesV.begin(), in.bms->cellVoltagesV.end());
        return in.load.voltageV > 0 && meanV < lowest ? meanV : lowest;
    }
    return meanV;
}

inline double maxCellV(const StepInput& in, int series)
{
    const double meanV
        = series > 0 ? in.load.voltageV / series : std::numeric_limits<double>::quiet_NaN();
    if (in.bms && !in.bms->cellVoltagesV.empty()) {
        const double highest
            = *std::max_element(in.bms->cellVoltagesV.begin(), in.bms->cellVoltagesV.end());
        return in.load.voltageV > 0 && meanV > highest ? meanV : highest;
    }
    return meanV;
}

} // namespace pg::core::detail
