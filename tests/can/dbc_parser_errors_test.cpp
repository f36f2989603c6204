// The bad siblings of tests/data/dbc/features.dbc: each differs from it in one place (see the
// diff). Strict loading names file, line, column and what was expected; lenient loading keeps
// the rest and lists what it skipped.
#include "can/dbc_decoder.h"
#include "can/dbc_parser.h"
#include "test_paths.h"

#include <QFile>
#include <gtest/gtest.h>
#include <random>

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

TEST(DbcParserErrors, MutatedFilesNeverCrashTheParserOrDecoder)
{
    QFile f(pg::test::dataPath("dbc/features.dbc"));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const std::string good = f.readAll().toStdString();
    std::mt19937 rng(4);
    const std::string alphabet = " \n\r\t\"|@()[]:;,+-0123456789mMSG_BOxyz";
    for (int round = 0; round < 300; ++round) {
        std::string text = good;
        for (int k = 0; k < 1 + round % 8; ++k) {
            const std::size_t at = rng() % text.size();
            switch (rng() % 3) {
            case 0:
                text[at] = alphabet[rng() % alphabet.size()];
                break;
            case 1:
                text.erase(at, 1 + rng() % 12);
                break;
            default:
                text.resize(at);
            }
            if (text.empty())
                break;
        }
        const auto strict = DbcParser::parse(text, "mutated.dbc", {});
        if (!strict) {
            EXPECT_GE(strict.error().line, 1) << strict.error().toString();
        }
        const auto lenient = DbcParser::parse(text, "mutated.dbc", { true });
        ASSERT_TRUE(lenient.has_value())
            << "lenient loading failed: " << lenient.error().toString();
        if (strict) {
            EXPECT_TRUE(lenient->skipped.empty());
        }
        const DbcDecoder decoder(*lenient);
        std::vector<DecodedSignal> out;
        for (const DbcMessage& m : lenient->messages) {
            CanFrame frame;
            frame.id = m.id;
            frame.len = static_cast<std::uint8_t>(m.length);
            frame.set(CanFrame::Extended, m.extended);
            for (auto& b : frame.data)
                b = static_cast<std::uint8_t>(rng());
            decoder.decode(frame, out);
        }
    }
}

TEST(DbcParserErrors, SwitchCyclesAreSkippedWithTheSignalsTheySelect)
{
    // A and B select each other (a cycle); C hangs off A. Removing A and B must take C too,
    // or C would name a switch that no longer exists (a crash found by mutating features.dbc).
    const std::string text = "BO_ 1 Cyc: 8 N\n"
                             " SG_ Top M : 0|8@1+ (1,0) [0|0] \"\" N\n"
                             " SG_ A m1M : 8|8@1+ (1,0) [0|0] \"\" N\n"
                             " SG_ B m1M : 16|8@1+ (1,0) [0|0] \"\" N\n"
                             " SG_ C m2 : 24|8@1+ (1,0) [0|0] \"\" N\n"
                             "SG_MUL_VAL_ 1 A B 1-1;\n"
                             "SG_MUL_VAL_ 1 B A 1-1;\n"
                             "SG_MUL_VAL_ 1 C A 2-2;\n";
    const auto strict = DbcParser::parse(text, "cycle.dbc", {});
    ASSERT_FALSE(strict.has_value());
    EXPECT_EQ(strict.error().line, 3);
    EXPECT_NE(strict.error().expected.find("A has a cycle or a missing switch"), std::string::npos);
    const auto lenient = DbcParser::parse(text, "cycle.dbc", { true });
    ASSERT_TRUE(lenient.has_value());
    EXPECT_EQ(lenient->skipped.size(), 3U);
    ASSERT_EQ(lenient->messages.front().signalList.size(), 1U);
    const DbcDecoder decoder(*lenient);
    CanFrame f;
    f.id = 1;
    f.len = 8;
    f.data = { 1, 1, 1, 2, 0, 0, 0, 0 };
    std::vector<DecodedSignal> out;
    EXPECT_EQ(decoder.decode(f, out), DbcDecoder::Status::Decoded);
    EXPECT_EQ(out.size(), 1U); // Top
}
