#include "builtin_ocv.h"

#include "builtin_ocv_tables.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace pg::app {

namespace {

    struct BuiltInOcv {
        const char* chemistry;
        const char* source; // the resource path the table is also compiled in as
        const char* csv;
        const char* note;
    };
    constexpr BuiltInOcv kBuiltIn[] = {
        { "nmc", ":/ocv/nmc_lgm50_25c.csv", generated::kOcvNmcCsv, "" },
        { "lfp", ":/ocv/lfp_zephyr_datasheet.csv", generated::kOcvLfpCsv,
            "LFP table is a datasheet discharge curve, not a rested OCV: SoC on the plateau is "
            "coarse" },
    };

    std::string lower(std::string s)
    {
        std::transform(s.begin(), s.end(), s.begin(),
            [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return s;
    }

} // namespace

tl::expected<OcvChoicePlain, OcvChoiceError> loadBuiltInOrFileOcv(
    const std::string& chemistry, const std::string& ocvPath)
{
    OcvChoicePlain out;
    if (!ocvPath.empty()) {
        auto t = models::OcvTable::readFile(ocvPath);
        if (!t)
            return tl::unexpected(OcvChoiceError { 3, t.error().toString(), false });
        out.table = std::move(*t);
        return out;
    }
    if (chemistry.empty())
        return out;
    for (const BuiltInOcv& b : kBuiltIn) {
        if (lower(chemistry) != b.chemistry)
            continue;
        std::istringstream in(b.csv);
        auto t = models::OcvTable::read(in, b.source);
        if (!t)
            return tl::unexpected(OcvChoiceError { 3, t.error().toString(), false });
        out.table = std::move(*t);
        out.note = b.note;
        return out;
    }
    return tl::unexpected(OcvChoiceError { 2,
        "no built-in OCV table for chemistry '" + chemistry
            + "' (have nmc, lfp; NCA/LMO/LTO: give --ocv FILE)",
        true });
}

} // namespace pg::app
