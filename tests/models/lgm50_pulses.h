#pragma once

// lgm50/pulses_all.csv split into one record per (temperature, SoC, cell), with the logger's
// non-simultaneous step-change samples (step_time_s == 0) dropped as the data README advises.
#include "models/csv_table.h"
#include "models/time_series.h"
#include "test_paths.h"

#include <gtest/gtest.h>
#include <map>
#include <tuple>

namespace pg::test {

struct PulseKey {
    int tempC, socPct, cell;
    bool operator<(const PulseKey& o) const
    {
        return std::tie(tempC, socPct, cell) < std::tie(o.tempC, o.socPct, o.cell);
    }
};

inline std::map<PulseKey, models::TimeSeries> allPulses()
{
    using namespace pg::models;
    auto t = readCsvFile(sharedDataPath("lgm50/pulses_all.csv").toStdString(),
        CsvColumns { { "temp_set_c", "soc_set_pct", "cell", "step_time_s", "time_s", "current_a", "voltage_v" }, {} });
    EXPECT_TRUE(t);
    std::map<PulseKey, TimeSeries> out;
    for (std::size_t r = 0; r < t->rows(); ++r) {
        if (t->columns[3][r] == 0.0)
            continue;
        TimeSeries& s = out[PulseKey { int(t->columns[0][r]), int(t->columns[1][r]), int(t->columns[2][r]) }];
        s.source = "pulses_all.csv";
        s.timeS.push_back(t->columns[4][r]);
        s.currentA.push_back(t->columns[5][r]);
        s.voltageV.push_back(t->columns[6][r]);
    }
    return out;
}

} // namespace pg::test
