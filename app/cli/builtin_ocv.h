#pragma once

// The built-in OCV tables of `--chemistry C` (resources/ocv), Qt-free. NCA, LMO and LTO have no
// openly licensed measured table in the project's data, so they are refused rather than guessed.
#include "models/ocv_table.h"

#include <optional>
#include <string>

namespace pg::app {

struct OcvChoicePlain {
    std::optional<models::OcvTable> table; // empty when neither --chemistry nor --ocv was given
    std::string note; // e.g. the LFP datasheet caveat
};

// --chemistry C or --ocv FILE (a file wins). On error: the message and the exit code (2 for an
// unknown chemistry, 3 for a bad table file).
struct OcvChoiceError {
    int exitCode;
    std::string message;
    bool usage; // true: a usage error of `verb`
};
tl::expected<OcvChoicePlain, OcvChoiceError> loadBuiltInOrFileOcv(
    const std::string& chemistry, const std::string& ocvPath);

} // namespace pg::app
