#pragma once

#include "error.h"
#include "pack_snapshot.h"

#include <QString>
#include <cstdint>
#include <map>
#include <tl/expected.hpp>

namespace pg::core {

// Per snapshot field: how often it was decoded and its range (what `replay --profile --json`
// prints under `signals`). Sentinel values are counted in `invalid`, not in the range.
struct FieldStats {
    std::uint64_t count = 0;
    std::uint64_t invalid = 0;
    double min = 0.0;
    double max = 0.0;
    double last = 0.0;
    QString lastText; // text fields
    bool isText = false;
};

struct ProfileReplay {
    QString profile;
    QString profileFile;
    // "pack_voltage_v", "cell_voltage_v" (all cells together), "cell_voltage_v[7]", ...
    std::map<QString, FieldStats> fields;
    PackSnapshot last; // the state at the end of the log
    std::uint64_t snapshots = 0; // emitted at the assembler's bounded rate
    std::uint64_t checkFailures = 0; // frames dropped by the profile's checks (checksums)
};

// Decodes a recorded log through a pack profile (a built-in name or a path).
tl::expected<ProfileReplay, Error> replayWithProfile(
    const QString& logPath, const QString& profile);

} // namespace pg::core
