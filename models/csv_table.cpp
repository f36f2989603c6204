#include "csv_table.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cmath>
#include <sstream>
#include <string_view>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

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

// Fast path for plain decimals ("-12.345"): with at most 15 digits the digits form an exact
// integer below 2^53 and 10^k (k <= 15) is exact, so one division is correctly rounded and
// gives the same double as from_chars. Anything else falls through to from_chars.
bool plainDecimal(std::string_view t, double& value)
{
    static constexpr double kPow10[16] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15 };
    std::size_t k = 0;
    const bool negative = !t.empty() && t[0] == '-';
    k += negative ? 1 : 0;
    std::uint64_t mantissa = 0;
    int digits = 0, fraction = -1;
    for (; k < t.size(); ++k) {
        const char c = t[k];
        if (c >= '0' && c <= '9') {
            mantissa = mantissa * 10 + static_cast<std::uint64_t>(c - '0');
            ++digits;
            fraction += fraction >= 0 ? 1 : 0;
        } else if (c == '.' && fraction < 0) {
            fraction = 0;
        } else {
            return false;
        }
    }
    if (digits == 0 || digits > 15)
        return false;
    const double v = static_cast<double>(mantissa) / kPow10[fraction > 0 ? fraction : 0];
    value = negative ? -v : v;
    return true;
}

// Fast path for the common row: plain decimals (as plainDecimal, so the same doubles) separated
// by commas, ended by '\n' (or "\r\n", or the end of the text), nothing else. Returns the start
// of the next line, or nullptr for anything else (spaces, quotes, exponents, empty cells, too
// few fields, blank and comment lines): the general path then reads the line and names any error.
const char* fastRow(const char* p, const char* end, const std::vector<int>& columnOfField, std::size_t mapped, double* out)
{
    static constexpr double kPow10[16] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15 };
    std::size_t found = 0;
    for (std::size_t field = 0;; ++field) {
        const bool negative = p != end && *p == '-';
        p += negative ? 1 : 0;
        std::uint64_t mantissa = 0;
        int digits = 0, dotAt = -1;
        for (; p != end; ++p) {
            const auto d = static_cast<unsigned>(static_cast<unsigned char>(*p)) - unsigned { '0' };
            if (d < 10) {
                mantissa = mantissa * 10 + d;
                ++digits;
            } else if (*p == '.' && dotAt < 0) {
                dotAt = digits;
            } else {
                break;
            }
        }
        if (p != end && *p != ',' && *p != '\n' && *p != '\r')
            return nullptr;
        const int column = field < columnOfField.size() ? columnOfField[field] : -1;
        if (column >= 0) {
            if (digits == 0 || digits > 15)
                return nullptr;
            const double v = static_cast<double>(mantissa) / kPow10[dotAt >= 0 ? digits - dotAt : 0];
            out[column] = negative ? -v : v;
            ++found;
        }
        if (p != end && *p == ',') {
            ++p;
            continue;
        }
        if (p != end && *p == '\r')
            ++p;
        if (p != end && *p != '\n')
            return nullptr; // a lone '\r'
        if (found != mapped)
            return nullptr;
        return p == end ? p : p + 1;
    }
}

// Parses one cell; empty optional cells read as NaN.
bool parseCell(std::string_view text, bool optional, double& value)
{
    if (text.empty()) {
        value = std::nan("");
        return optional;
    }
    if (plainDecimal(text, value))
        return true;
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

Result<CsvTable> readCsvText(std::string_view text, const std::string& source, const CsvColumns& spec)
{
    CsvTable table;
    table.source = source;
    long lineNo = 0;
    std::size_t pos = 0;
    // Next line (without its '\n'); false at the end of the text.
    auto nextLine = [&](std::string_view& line) {
        if (pos >= text.size())
            return false;
        const std::size_t nl = text.find('\n', pos);
        line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
        ++lineNo;
        return true;
    };
    std::string_view line;
    Result<ColumnMap> map = fitError(source + ":1", "empty file (expected a CSV header line)");
    while (nextLine(line)) {
        if (isBlankOrComment(line))
            continue;
        map = mapHeader(line, source, lineNo, spec, table.names);
        break;
    }
    if (!map)
        return tl::unexpected(map.error());
    table.columns.resize(table.names.size());
    // A row has at least one character per mapped column and a separator after each: an upper
    // bound (untouched reserved memory costs nothing).
    const std::size_t expectedRows = (text.size() - pos) / (2 * std::max<std::size_t>(spec.required.size(), 1)) + 1;
    table.lines.reserve(expectedRows);
    for (std::size_t c = 0; c < table.names.size(); ++c) {
        if (map->index[c] >= 0)
            table.columns[c].reserve(expectedRows);
        if (map->index[c] < 0)
            table.names[c].clear(); // absent optional column
    }
    std::vector<int> columnOfField;
    std::size_t mapped = 0;
    for (std::size_t c = 0; c < map->index.size(); ++c) {
        if (map->index[c] < 0)
            continue;
        const auto f = static_cast<std::size_t>(map->index[c]);
        columnOfField.resize(std::max(columnOfField.size(), f + 1), -1);
        columnOfField[f] = static_cast<int>(c);
        ++mapped;
    }
    std::vector<double> row(table.names.size());
    std::vector<std::string_view> fields;
    const char* const textEnd = text.data() + text.size();
    for (;;) {
        const char* next = pos < text.size() ? fastRow(text.data() + pos, textEnd, columnOfField, mapped, row.data()) : nullptr;
        if (next) {
            pos = static_cast<std::size_t>(next - text.data());
            table.lines.push_back(++lineNo);
            for (std::size_t c = 0; c < row.size(); ++c) {
                if (map->index[c] >= 0)
                    table.columns[c].push_back(row[c]);
            }
            continue;
        }
        if (!nextLine(line))
            break;
        if (isBlankOrComment(line))
            continue;
        splitFields(line, fields);
        for (std::size_t c = 0; c < table.names.size(); ++c) {
            const int f = map->index[c];
            if (f < 0)
                continue;
            double v = 0.0;
            const auto fi = static_cast<std::size_t>(f);
            if (fi >= fields.size())
                return fitError(source + ":" + std::to_string(lineNo), "row has " + std::to_string(fields.size())
                        + " fields, expected a value for '" + table.names[c] + "'");
            if (!parseCell(fields[fi], c >= map->required, v))
                return fitError(source + ":" + std::to_string(lineNo), "column '" + table.names[c]
                        + "': expected a finite number, got '" + std::string(fields[fi]) + "'");
            table.columns[c].push_back(v);
        }
        table.lines.push_back(lineNo);
    }
    return table;
}

Result<CsvTable> readCsv(std::istream& in, const std::string& source, const CsvColumns& spec)
{
    std::ostringstream all;
    all << in.rdbuf();
    return readCsvText(all.str(), source, spec);
}

Result<CsvTable> readCsvFile(const std::string& path, const CsvColumns& spec)
{
    // Mapped, not copied: the page cache serves the text directly (a 2 MB record read into a
    // string costs a copy and a page fault per 4 KiB).
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fitError(path, "cannot open file for reading");
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return fitError(path, "cannot read file (not a regular file)");
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    void* mapped = size > 0 ? ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0) : nullptr;
    ::close(fd);
    if (mapped == MAP_FAILED)
        return fitError(path, "cannot read file");
    Result<CsvTable> table = readCsvText(std::string_view(static_cast<const char*>(mapped), size), path, spec);
    if (mapped)
        ::munmap(mapped, size);
    return table;
}

} // namespace pg::models
