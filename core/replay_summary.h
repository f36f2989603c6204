#pragma once

#include "can/bus_event.h"
#include "can/parse_error.h"
#include "error.h"

#include <QString>
#include <QStringList>
#include <array>
#include <cstdint>
#include <tl/expected.hpp>
#include <vector>

namespace pg::core {

// What a recorded CAN log holds: the answer of `packgrade-cli replay LOG`.
struct ReplaySummary {
    struct IdStats {
        std::uint32_t id = 0;
        bool extended = false;
        std::uint64_t count = 0;
        std::int64_t firstUs = 0;
        std::int64_t lastUs = 0;
        can::CanFrame last;
    };

    QString path;
    QString format; // candump, asc, trc
    std::uint64_t frames = 0;
    std::uint64_t fdFrames = 0;
    std::uint64_t remoteFrames = 0;
    std::uint64_t errorFrames = 0;
    std::int64_t firstUs = 0;
    std::int64_t lastUs = 0;
    long malformedLines = 0;
    std::vector<can::ParseError> issues; // the first malformed lines, with file:line:column
    std::vector<IdStats> ids; // sorted by (extended, id)
    QStringList channels;
    QList<can::BusEvent> busEvents; // decoded from error frames (the first 100)

    double durationS() const { return frames == 0 ? 0.0 : static_cast<double>(lastUs - firstUs) * 1e-6; }
};

// Reads a whole log in one pass (memory-mapped, no per-frame allocation).
tl::expected<ReplaySummary, Error> summarizeLog(const QString& path);

} // namespace pg::core
