#include "live_sample.h"

#include <cmath>
#include <limits>
#include <numeric>

namespace pg::app {

namespace {

    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

    std::vector<double> usableValues(const std::vector<core::SnapshotValue>& values)
    {
        std::vector<double> out;
        out.reserve(values.size());
        for (const auto& v : values)
            out.push_back(v.present && v.valid && !v.stale ? v.value : kNaN);
        return out;
    }

    std::vector<double> withoutNaN(const std::vector<double>& values)
    {
        std::vector<double> out;
        for (double v : values)
            if (!std::isnan(v))
                out.push_back(v);
        return out;
    }

} // namespace

LiveSample liveSampleFromSnapshot(const core::PackSnapshot& snapshot)
{
    LiveSample s;
    s.timeS = snapshot.timeS;
    s.packVoltageV = snapshot.packVoltageV();
    s.packCurrentA = snapshot.packCurrentA();
    s.socPct = snapshot.socPct();
    s.sohPct = snapshot.sohPct();
    s.cellVoltagesV = usableValues(snapshot.cellVoltagesV);
    s.temperaturesC = usableValues(snapshot.temperaturesC);
    for (const auto& d : snapshot.dtcs)
        if (d.present && d.valid && d.value != 0)
            s.dtcs << QStringLiteral("0x%1").arg(static_cast<qulonglong>(d.value), 0, 16).toUpper();
    return s;
}

LiveSample liveSampleFromBms(const core::BmsReading& bms, std::optional<double> packCurrentA)
{
    LiveSample s;
    s.timeS = bms.timeS;
    s.cellVoltagesV = bms.cellVoltagesV;
    s.temperaturesC = bms.temperaturesC;
    if (!bms.cellVoltagesV.empty())
        s.packVoltageV = std::accumulate(bms.cellVoltagesV.begin(), bms.cellVoltagesV.end(), 0.0);
    s.packCurrentA = packCurrentA;
    s.socPct = bms.socPct;
    s.sohPct = bms.sohPct;
    s.isolationFault = bms.isolationFault;
    return s;
}

core::BmsReading bmsReadingFromSnapshot(const core::PackSnapshot& snapshot)
{
    core::BmsReading r;
    r.timeS = snapshot.timeS;
    r.cellVoltagesV = withoutNaN(usableValues(snapshot.cellVoltagesV));
    r.temperaturesC = withoutNaN(usableValues(snapshot.temperaturesC));
    r.socPct = snapshot.socPct();
    r.sohPct = snapshot.sohPct();
    return r;
}

} // namespace pg::app
