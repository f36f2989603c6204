#pragma once

#include "can/bus_event.h"
#include "can/dbc_decoder.h"
#include "can/parse_error.h"
#include "error.h"

#include <QString>
#include <QStringList>
#include <array>
#include <cstdint>
#include <string>
#include <tl/expected.hpp>
#include <vector>

namespace pg::core {

// One DBC signal over a whole log (`signals` of `packgrade-cli replay LOG --dbc F --json`).
struct SignalStats {
    std::string message;
    std::string signal;
    std::string unit;
    std::uint64_t count = 0;
    double min = 0.0;
    double max = 0.0;
    double last = 0.0;
    std::string lastLabel; // VAL_ description of the last raw value, if the DBC has one

    // "Message.Signal": signal names are unique only within their message.
    std::string key() const { return message + "." + signal; }
};

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
    // With a DBC: every signal seen at least once, sorted by message then signal name.
    bool decoded = false;
    std::vector<SignalStats> signalStats;
    std::uint64_t decodedFrames = 0; // frames whose id the DBC defines
    std::uint64_t unknownIdFrames = 0;
    std::uint64_t truncatedFrames = 0; // shorter than some of their signals need

    double durationS() const { return frames == 0 ? 0.0 : static_cast<double>(lastUs - firstUs) * 1e-6; }
};

// Reads a whole log in one pass (memory-mapped, no per-frame allocation); with a decoder, also
// decodes every data frame and keeps count/min/max/last per signal.
tl::expected<ReplaySummary, Error> summarizeLog(const QString& path, const can::DbcDecoder* decoder = nullptr);

} // namespace pg::core
