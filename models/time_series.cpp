#include "time_series.h"

#include <cmath>
#include <fstream>

namespace pg::models {

namespace {

const CsvColumns kColumns { { "time_s", "current_a", "voltage_v" }, { "temperature_c" } };

} // namespace

std::string TimeSeries::where(std::size_t i) const
{
    if (i < lines.size())
        return source + ":" + std::to_string(lines[i]);
    return (source.empty() ? std::string() : source + ": ") + "sample " + std::to_string(i);
}

Result<TimeSeries> validated(TimeSeries s)
{
    const std::size_t n = s.timeS.size();
    if (s.currentA.size() != n || s.voltageV.size() != n
        || (!s.temperatureC.empty() && s.temperatureC.size() != n))
        return fitError(s.source, "time, current and voltage columns differ in length");
    if (n == 0)
        return fitError(s.source, "no samples (expected rows after the header)");
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(s.timeS[i]) || !std::isfinite(s.currentA[i]) || !std::isfinite(s.voltageV[i]))
            return fitError(s.where(i), "expected finite time_s, current_a and voltage_v");
        if (i > 0 && !(s.timeS[i] > s.timeS[i - 1]))
            return fitError(s.where(i),
                "time_s must increase strictly (got " + std::to_string(s.timeS[i]) + " after "
                    + std::to_string(s.timeS[i - 1]) + ")");
    }
    return s;
}

namespace {

Result<TimeSeries> fromTable(Result<CsvTable> table, const std::string& source)
{
    if (!table)
        return tl::unexpected(table.error());
    TimeSeries s;
    s.source = source;
    s.timeS = std::move(table->columns[0]);
    s.currentA = std::move(table->columns[1]);
    s.voltageV = std::move(table->columns[2]);
    s.temperatureC = std::move(table->columns[3]);
    s.lines = std::move(table->lines);
    return validated(std::move(s));
}

} // namespace

Result<TimeSeries> readTimeSeries(std::istream& in, const std::string& source)
{
    return fromTable(readCsv(in, source, kColumns), source);
}

Result<TimeSeries> readTimeSeriesFile(const std::string& path)
{
    return fromTable(readCsvFile(path, kColumns), path);
}

std::vector<double> cumulativeChargeAh(const TimeSeries& s)
{
    std::vector<double> q(s.size(), 0.0);
    for (std::size_t i = 1; i < s.size(); ++i)
        q[i] = q[i - 1] + 0.5 * (s.currentA[i] + s.currentA[i - 1]) * (s.timeS[i] - s.timeS[i - 1]) / 3600.0;
    return q;
}

} // namespace pg::models
