#pragma once

#include "dbc_database.h"
#include "parse_error.h"

#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace pg::can {

// Loads DBC files: VERSION, BU_, BO_ (11/29-bit, CAN FD up to 64 bytes), SG_ (Intel/Motorola,
// signed, factor/offset, min/max, unit, receivers, M/mN/mNM), SG_MUL_VAL_, VAL_, VAL_TABLE_,
// CM_, BA_DEF_/BA_DEF_DEF_/BA_ (GenMsgCycleTime and VFrameFormat are applied to messages),
// SIG_VALTYPE_, BO_TX_BU_. Other statements (EV_, SIG_GROUP_, ...) are read and counted.
//
// Strict (default): the first error is returned with file, line, column and what was expected.
// Lenient: a bad statement is skipped (a bad BO_ with its SG_ lines) and listed in
// DbcDatabase::skipped; only an unreadable file is an error.
class DbcParser {
public:
    struct Options {
        bool lenient = false;
    };

    static tl::expected<DbcDatabase, ParseError> parse(
        std::string_view text, std::string fileName, Options options);
    static tl::expected<DbcDatabase, ParseError> load(const std::string& path, Options options);

private:
    static bool finish(DbcDatabase& db, bool lenient, ParseError& error);
    static void applyMessageAttributes(const DbcDatabase& db, DbcMessage& m);
    static bool resolveMultiplexing(
        DbcMessage& m, const std::string& file, std::vector<ParseError>& errors);
    static void removeBrokenSwitchChains(DbcMessage& m, const std::string& file,
        std::vector<bool>& bad, std::vector<ParseError>& errors);
};

} // namespace pg::can
