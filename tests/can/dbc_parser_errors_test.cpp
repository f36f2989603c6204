// The bad siblings of tests/data/dbc/features.dbc: each differs from it in one place (see the
// diff). Strict loading names file, line, column and what was expected; lenient loading keeps
// the rest and lists what it skipped.
#include "can/dbc_parser.h"
#include "test_paths.h"

#include <gtest/gtest.h>

using namespace pg::can;

namespace {

struct BadCase {
    const char* file;
    long line;
    int column;
    const char* expected; // a part of ParseError::expected
    std::size_t messagesWhenLenient; // features.dbc has 8
    std::size_t skippedWhenLenient;
};

// Line and column read off the fixtures with an editor (1-based).
const BadCase kCases[] = {
    { "features_bad_colon.dbc", 20, 16, "':' after the message name, found '8'", 7, 6 },
    { "features_bad_order.dbc", 22, 24, "byte order 0 (Motorola) or 1 (Intel)", 8, 3 },
    { "features_bad_outside.dbc", 27, 15,
        "a signal inside the 64 bytes of a CAN FD frame (Nibble ends at bit 513)", 8, 1 },
    { "features_bad_string.dbc", 97, 13, "a closing '\"'", 8, 1 },
    { "features_bad_valtype.dbc", 91, 24, "a 32-bit signal for type 1 (float)", 8, 1 },
    { "features_bad_mux.dbc", 96, 24, "a multiplexer signal (M or mNM) as the switch", 8, 1 },
    { "features_bad_keyword.dbc", 64, 1, "a DBC keyword", 8, 1 },
    { "features_bad_range.dbc", 95, 36, "a range whose high end is not below its low end", 8, 1 },
    { "features_bad_length.dbc", 29, 15, "a length of 0..8 bytes, or a CAN FD length", 7, 1 },
    { "features_bad_duplicate.dbc", 32, 5, "a message id not used before (257 is already Wide)", 7,
        1 },
};

} // namespace

TEST(DbcParserErrors, StrictNamesFileLineColumnAndWhatWasExpected)
{
    for (const BadCase& c : kCases) {
        const std::string path
            = pg::test::dataPath(QStringLiteral("dbc/") + QLatin1String(c.file)).toStdString();
        const auto db = DbcParser::load(path, {});
        ASSERT_FALSE(db.has_value()) << c.file;
        EXPECT_EQ(db.error().file, path);
        EXPECT_EQ(db.error().line, c.line) << c.file << ": " << db.error().toString();
        EXPECT_EQ(db.error().column, c.column) << c.file << ": " << db.error().toString();
        EXPECT_NE(db.error().expected.find(c.expected), std::string::npos) << db.error().toString();
        EXPECT_EQ(db.error().toString().rfind(path + ":" + std::to_string(c.line) + ":"
                          + std::to_string(c.column) + ": expected",
                      0),
            0U);
    }
}

TEST(DbcParserErrors, LenientLoadsTheRestAndListsWhatItSkipped)
{
    for (const BadCase& c : kCases) {
        const std::string path
            = pg::test::dataPath(QStringLiteral("dbc/") + QLatin1String(c.file)).toStdString();
        const auto db = DbcParser::load(path, { true });
        ASSERT_TRUE(db.has_value()) << c.file;
        EXPECT_EQ(db->messages.size(), c.messagesWhenLenient) << c.file;
        ASSERT_EQ(db->skipped.size(), c.skippedWhenLenient)
            << c.file << ": " << db->skipped.front().toString();
        EXPECT_EQ(db->skipped.front().line, c.line) << c.file;
        EXPECT_NE(db->skipped.front().expected.find("skipped"), std::string::npos)
            << db->skipped.front().toString();
        // What was not broken is still there.
        EXPECT_NE(db->findMessage("Cells"), nullptr) << c.file;
        EXPECT_NE(db->findMessage("Diag"), nullptr) << c.file;
    }
}

TEST(DbcParserErrors, LenientSkipsABadMessageWithItsSignals)
{
    const auto db
        = DbcParser::load(pg::test::dataPath("dbc/features_bad_colon.dbc").toStdString(), { true });
    ASSERT_TRUE(db.has_value());
    EXPECT_EQ(db->findMessage("Layout"), nullptr);
    // The signals of the skipped BO_ did not land in the message before it.
    EXPECT_EQ(db->findMessage("Wide")->signalList.size(), 1U);
    EXPECT_NE(db->skipped.front().expected.find(
                  "skipped the BO_ statement and its signals (lines 20-27)"),
        std::string::npos)
        << db->skipped.front().toString();
    // Statements about message 256 are skipped too, each named.
    EXPECT_EQ(db->skipped[1].line, 70); // CM_ BO_ 256 "..."
}

TEST(DbcParserErrors, StrictStopsWhereLenientWouldSkip)
{
    const auto strict = DbcParser::parse(
        "VERSION \"\"\nBO_ 1 A: 8 N\n SG_ S : 0|8@1+ (1,0) [0|0] \"\" N\nCM_ SG_ 2 S \"x\";\n",
        "inline.dbc", {});
    ASSERT_FALSE(strict.has_value());
    EXPECT_EQ(strict.error().toString(),
        "inline.dbc:4:9: expected the id of a message defined by a BO_ statement, found '2'");
    const auto lenient
        = DbcParser::parse("BO_ 1 A: 8 N\n SG_ S : 0|8@1+ (1,0) [0|0] \"\" N\nCM_ SG_ 2 S \"x\";\n",
            "inline.dbc", { true });
    ASSERT_TRUE(lenient.has_value());
    EXPECT_EQ(lenient->skipped.size(), 1U);
    EXPECT_EQ(lenient->messages.front().signalList.size(), 1U);
}

TEST(DbcParserErrors, EmptyAndMissingFiles)
{
    const auto empty = DbcParser::parse("", "empty.dbc", {});
    ASSERT_TRUE(empty.has_value());
    EXPECT_TRUE(empty->messages.empty());
    const auto missing = DbcParser::load("/nonexistent/x.dbc", {});
    ASSERT_FALSE(missing.has_value());
    EXPECT_NE(missing.error().expected.find("a readable DBC file"), std::string::npos);
    const auto orphan = DbcParser::parse(" SG_ S : 0|8@1+ (1,0) [0|0] \"\" N\n", "orphan.dbc", {});
    ASSERT_FALSE(orphan.has_value());
    EXPECT_EQ(orphan.error().toString(),
        "orphan.dbc:1:2: expected a BO_ message before its SG_ signals, found 'SG_'");
}
