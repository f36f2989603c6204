#pragma once

#include "models/fit_error.h"

#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace pg::models {

// A numeric CSV file read by column name: the header names the columns, in any order; columns
// not asked for are ignored. Every requested cell must be a finite number, except optional
// columns, whose empty cells read as NaN.
struct CsvTable {
    std::string source; // file name, used in messages
    std::vector<std::string> names; // requested columns, required first
    std::vector<std::vector<double>> columns; // same order as names
    std::vector<long> lines; // 1-based file line of each row

    std::size_t rows() const { return lines.size(); }
    // Column by name; empty if it was optional and absent.
    const std::vector<double>& column(const std::string& name) const;
    std::string where(std::size_t row) const { return source + ":" + std::to_string(lines[row]); }
};

struct CsvColumns {
    std::vector<std::string> required;
    std::vector<std::string> optional;
};

// Reads `in`; `source` names it in errors ("pulse.csv:12: column 'voltage_v': expected a number,
// got 'abc'"). Blank lines are skipped; '#' starts a comment line.
Result<CsvTable> readCsv(std::istream& in, const std::string& source, const CsvColumns& spec);
Result<CsvTable> readCsvFile(const std::string& path, const CsvColumns& spec);
Result<CsvTable> readCsvText(std::string_view text, const std::string& source, const CsvColumns& spec);

} // namespace pg::models
