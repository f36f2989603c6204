#pragma once

#include "models/csv_table.h"

#include <string>
#include <vector>

namespace pg::models {

// A measured record in the interchange form of DESIGN.md: time strictly increasing, current
// positive for discharge. temperatureC is empty when the record has none; NaN where a sample has
// none.
struct TimeSeries {
    std::string source; // file name, for messages
    std::vector<double> timeS;
    std::vector<double> currentA;
    std::vector<double> voltageV;
    std::vector<double> temperatureC;
    std::vector<long> lines; // file line of each sample, empty when not read from a file

    std::size_t size() const { return timeS.size(); }
    // "file.csv:17", or "sample 16" when the record was not read from a file.
    std::string where(std::size_t i) const;
};

// Checks the interchange invariants: equal lengths, finite values, strictly increasing time.
Result<TimeSeries> validated(TimeSeries series);

// Reads an interchange CSV (header time_s,current_a,voltage_v[,temperature_c]; any column order,
// extra columns ignored). Errors name file:line and what was expected.
Result<TimeSeries> readTimeSeries(std::istream& in, const std::string& source);
Result<TimeSeries> readTimeSeriesFile(const std::string& path);

// Charge delivered (Ah, discharge positive) from sample `from` to each later sample, by the
// trapezoid rule; element 0 is 0. Used by the capacity and ECM code alike.
std::vector<double> cumulativeChargeAh(const TimeSeries& s);

} // namespace pg::models
