#pragma once

// Small helpers the procedures share (not part of the public API).
#include "procedure.h"

#include <algorithm>
#include <limits>

namespace pg::core::detail {

// The lowest / highest cell voltage: from the BMS when it gives cells, else the pack's mean.
inline double minCellV(const StepInput& in, int series)
{
    if (in.bms && !in.bms->cellVoltagesV.empty())
        return *std::min_element(in.bms->cellVoltagesV.begin(), in.bms->cellVoltagesV.end());
    return series > 0 ? in.load.voltageV / series : std::numeric_limits<double>::quiet_NaN();
}

inline double maxCellV(const StepInput& in, int series)
{
    if (in.bms && !in.bms->cellVoltagesV.empty())
        return *std::max_element(in.bms->cellVoltagesV.begin(), in.bms->cellVoltagesV.end());
    return series > 0 ? in.load.voltageV / series : std::numeric_limits<double>::quiet_NaN();
}

} // namespace pg::core::detail
