#include "safety.h"

#include <algorithm>
#include <cmath>

namespace pg::core {

SafetyLimits SafetyLimits::forChemistry(const QString& chemistry, int series, double maxCurrentA)
{
    SafetyLimits l;
    l.series = series;
    l.maxCurrentA = maxCurrentA;
    if (chemistry == QLatin1String("lfp")) {
        l.cutoffMinV = 2.5, l.cutoffMaxV = 3.65, l.cellMinV = 2.3, l.cellMaxV = 3.75, l.hazardFloorV = 2.0;
    } else if (chemistry == QLatin1String("lmo")) {
        l.cutoffMinV = 3.0, l.cutoffMaxV = 4.2, l.cellMinV = 2.8, l.cellMaxV = 4.25, l.hazardFloorV = 2.0;
    }
    return l;
}

namespace {
    constexpr double kTerminalTolerance = 0.10;
    constexpr double kTerminalToleranceV = 2.0;
} // namespace

std::optional<QString> checkSafety(const SafetyLimits& l, const LoadMeasurement& load,
    const std::optional<BmsReading>& bms, double nowS)
{
    if (std::abs(load.currentA) > l.maxCurrentA * 1.05)
        return QStringLiteral("current %1 A over the limit of %2 A").arg(load.currentA, 0, 'f', 2).arg(l.maxCurrentA);
    if (!bms)
        return QStringLiteral("no message from the BMS");
    if (nowS - bms->timeS > l.bmsTimeoutS)
        return QStringLiteral("BMS silent for %1 s (limit %2 s)").arg(nowS - bms->timeS, 0, 'f', 1).arg(l.bmsTimeoutS);
    if (bms->isolationFault)
        return QStringLiteral("the BMS reports an isolation fault");
    for (std::size_t k = 0; k < bms->cellVoltagesV.size(); ++k) {
        const double v = bms->cellVoltagesV[k];
        if (v < l.cellMinV)
            return QStringLiteral("cell %1 at %2 V, under the limit of %3 V").arg(k).arg(v, 0, 'f', 3).arg(l.cellMinV);
        if (v > l.cellMaxV)
            return QStringLiteral("cell %1 at %2 V, over the limit of %3 V").arg(k).arg(v, 0, 'f', 3).arg(l.cellMaxV);
    }
    // The terminals must show what the cells add up to: an open (stuck) contactor, a blown fuse,
    // a loose lead or the wrong pack on the leads reads far off the BMS's cell sum. Cable drop,
    // a cell set up to a poll period old and the BMS's resolution stay well inside 10 %.
    if (l.series > 0 && bms->cellVoltagesV.size() == static_cast<std::size_t>(l.series)) {
        double stackV = 0;
        for (double v : bms->cellVoltagesV)
            stackV += v;
        if (std::abs(load.voltageV - stackV) > std::max(kTerminalToleranceV, kTerminalTolerance * stackV))
            return QStringLiteral("the load reads %1 V at the pack's terminals, the BMS's %2 cells add "
                                  "up to %3 V: open contactor, blown fuse or loose lead")
                .arg(load.voltageV, 0, 'f', 2)
                .arg(l.series)
                .arg(stackV, 0, 'f', 2);
    }
    if (bms->cellVoltagesV.empty() && l.series > 0) {
        const double perCell = load.voltageV / l.series;
        if (perCell < l.cellMinV || perCell > l.cellMaxV)
            return QStringLiteral("pack at %1 V (%2 V per cell) outside %3..%4 V per cell")
                .arg(load.voltageV, 0, 'f', 2).arg(perCell, 0, 'f', 3).arg(l.cellMinV).arg(l.cellMaxV);
    }
    for (std::size_t k = 0; k < bms->temperaturesC.size(); ++k) {
        const double t = bms->temperaturesC[k];
        if (t > l.maxTempC)
            return QStringLiteral("temperature sensor %1 at %2 degC, over the limit of %3 degC").arg(k).arg(t, 0, 'f', 1).arg(l.maxTempC);
        if (t < l.minPlausibleTempC)
            return QStringLiteral("temperature sensor %1 reads %2 degC: open or shorted sensor, temperature unknown")
                .arg(k).arg(t, 0, 'f', 1);
    }
    return std::nullopt;
}

} // namespace pg::core
