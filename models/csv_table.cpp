#include "csv_table.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <string_view>

namespace pg::models {

namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '"'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '"'))
        s.remove_suffix(1);
    return s;
}

void splitFields(std::string_view line, std::vector<std::string_view>& out)
{
    out.clear();
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = line.find(',', start);
        out.push_back(trim(line.substr(start, comma == std::string_view::npos ? comma : comma - start)));
        if (comma == std::string_view::npos)
            return;
        start = comma + 1;
    }
}

bool isBlankOrComment(std::string_view line)
{
    const std::string_view t = trim(line);
    return t.empty() || t.front() == '#';
}

// Parses one cell; empty optional cells read as NaN.
bool parseCell(std::string_view text, bool optional, double& value)
{
    if (text.empty()) {
        value = std::nan("");
        return optional;
    }
    if (text.front() == '+')
        text.remove_prefix(1);
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && ptr == text.data() + text.size() && std::isfinite(value);
}

struct ColumnMap {
    std::vector<int> index; // field index per requested column, -1 if absent
    std::size_t required = 0;
};

Result<ColumnMap> mapHeader(std::string_view header, const std::string& source, long line,
    const CsvColumns& spec, std::vector<std::string>& names)
{
    std::vector<std::string_view> fields;
    splitFields(header, fields);
    ColumnMap map;
    map.required = spec.required.size();
    names = spec.required;
    names.insert(names.end(), spec.optional.begin(), spec.optional.end());
    for (std::size_t c = 0; c < names.size(); ++c) {
        int found = -1;
        for (std::size_t f = 0; f < fields.size(); ++f) {
            if (fields[f] == names[c])
                found = static_cast<int>(f);
        }
        if (found < 0 && c < map.required) {
            std::string all;
            for (const auto& n : spec.required)
                all += (all.empty() ? "" : ",") + n;
            return fitError(source + ":" + std::to_string(line),
                "missing column '" + names[c] + "' (header must name " + all + ")");
        }
        map.index.push_back(found);
    }
    return map;
}

} // namespace

const std::vector<double>& CsvTable::column(const std::string& name) const
{
    static const std::vector<double> kEmpty;
    for (std::size_t c = 0; c < names.size(); ++c) {
        if (names[c] == name)
            return columns[c];
    }
    return kEmpty;
}

Result<CsvTable> readCsv(std::istream& in, const std::string& source, const CsvColumns& spec)
{
    CsvTable table;
    table.source = source;
    std::string line;
    long lineNo = 0;
    Result<ColumnMap> map = fitError(source + ":1", "empty file (expected a CSV header line)");
    while (std::getline(in, line)) {
        ++lineNo;
        if (isBlankOrComment(line))
            continue;
        map = mapHeader(line, source, lineNo, spec, table.names);
        break;
    }
    if (!map)
        return tl::unexpected(map.error());
    table.columns.resize(table.names.size());
    for (std::size_t c = 0; c < table.names.size(); ++c) {
        if (map->index[c] < 0)
            table.names[c].clear(); // absent optional column
    }
    std::vector<std::string_view> fields;
    while (std::getline(in, line)) {
        ++lineNo;
        if (isBlankOrComment(line))
            continue;
        splitFields(line, fields);
        for (std::size_t c = 0; c < table.names.size(); ++c) {
            const int f = map->index[c];
            if (f < 0)
                continue;
            double v = 0.0;
            if (static_cast<std::size_t>(f) >= fields.size())
                return fitError(source + ":" + std::to_string(lineNo),
                    "row has " + std::to_string(fields.size()) + " fields, expected a value for '"
                        + table.names[c] + "'");
            if (!parseCell(fields[static_cast<std::size_t>(f)], c >= map->required, v))
                return fitError(source + ":" + std::to_string(lineNo),
                    "column '" + table.names[c] + "': expected a finite number, got '"
                        + std::string(fields[static_cast<std::size_t>(f)]) + "'");
            table.columns[c].push_back(v);
        }
        table.lines.push_back(lineNo);
    }
    return table;
}

Result<CsvTable> readCsvFile(const std::string& path, const CsvColumns& spec)
{
    std::ifstream in(path);
    if (!in)
        return fitError(path, "cannot open file for reading");
    return readCsv(in, path, spec);
}

} // namespace pg::models
