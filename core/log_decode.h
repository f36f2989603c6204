#pragma once

#include "can/dbc_database.h"
#include "can/dbc_decoder.h"
#include "error.h"

#include <QString>
#include <cstdint>
#include <tl/expected.hpp>

namespace pg::core {

// Loads a DBC for decoding a log. A bad file is kExitBadInput with "file:line:column: expected
// ..."; with `lenient` the bad statements are skipped and listed in DbcDatabase::skipped.
tl::expected<can::DbcDatabase, Error> loadDbc(const QString& path, bool lenient);

// What `packgrade-cli decode LOG --dbc F --csv OUT` wrote.
struct DecodeCsvResult {
    std::uint64_t frames = 0;
    std::uint64_t decodedFrames = 0;
    std::uint64_t unknownIdFrames = 0;
    std::uint64_t rows = 0;
    long malformedLines = 0;
};

// Writes every decoded signal sample of a log as CSV `time_s,message,signal,value`: time_s is
// the log's own timestamp (6 decimals), value the physical value (shortest round-trip
// decimal), multiplexed signals only in frames whose multiplexer selects them.
tl::expected<DecodeCsvResult, Error> decodeLogToCsv(
    const QString& logPath, const can::DbcDecoder& decoder, const QString& csvPath);

// "1740489946.624387" from microseconds, exact (no floating point).
void appendTimeS(std::string& out, std::int64_t timeUs);
// Shortest decimal that reads back as the same double.
void appendNumber(std::string& out, double value);

} // namespace pg::core
