// candump -l lines, checked against the can-utils format (lib.c: sprint_canframe / parse_canframe).
#include "can/candump_format.h"
#include "can/log_reader.h"

#include <gtest/gtest.h>

using namespace pg::can;

namespace {
CanFrame parse(std::string_view line)
{
    CanFrame f;
    CandumpParse r;
    EXPECT_TRUE(parseCandumpLine(line, f, r)) << line << ": expected " << (r.expected ? r.expected : "");
    return f;
}
} // namespace

TEST(CandumpFormat, ParsesClassicFrame)
{
    CanFrame f;
    CandumpParse r;
    ASSERT_TRUE(parseCandumpLine("(1436509052.249713) vcan0 044#2A366C2BBA", f, r));
    EXPECT_EQ(f.timeUs, 1436509052249713LL);
    EXPECT_EQ(f.id, 0x44U);
    EXPECT_EQ(f.len, 5);
    EXPECT_EQ(f.data[0], 0x2A);
    EXPECT_EQ(f.data[4], 0xBA);
    EXPECT_EQ(r.iface, "vcan0");
    EXPECT_FALSE(f.is(CanFrame::Extended));
}

TEST(CandumpFormat, ParsesExtendedRemoteFdAndErrorFrames)
{
    const CanFrame ext = parse("(1.000000) can0 1ABCDEF0#0102");
    EXPECT_TRUE(ext.is(CanFrame::Extended));
    EXPECT_EQ(ext.id, 0x1ABCDEF0U);

    const CanFrame rtr = parse("(1.000000) can0 123#R3");
    EXPECT_TRUE(rtr.is(CanFrame::Remote));
    EXPECT_EQ(rtr.len, 3);

    const CanFrame fd = parse("(1.5) can1 123##3" "00112233445566778899AABB");
    EXPECT_TRUE(fd.is(CanFrame::Fd));
    EXPECT_TRUE(fd.is(CanFrame::BitRateSwitch));
    EXPECT_TRUE(fd.is(CanFrame::ErrorStateIndicator));
    EXPECT_EQ(fd.len, 12);
    EXPECT_EQ(fd.data[11], 0xBB);
    EXPECT_EQ(fd.timeUs, 1500000);

    // CAN_ERR_FLAG | CAN_ERR_CRTL, data[1] = CAN_ERR_CRTL_RX_PASSIVE
    const CanFrame err = parse("(2.000000) can0 20000004#0010000000000000");
    EXPECT_TRUE(err.is(CanFrame::Error));
    EXPECT_EQ(err.id, 0x4U);
}

TEST(CandumpFormat, FormatsWhatItParses)
{
    const char* lines[] = {
        "(1436509052.249713) vcan0 044#2A366C2BBA\n",
        "(0.000001) can0 1ABCDEF0#\n",
        "(12.000000) can0 7FF#R8\n",
        "(12.000000) can0 123##1" "0011223344556677889900112233445566778899001122334455667788990011\n",
        "(3.141592) can0 20000040#0000000000000000\n",
    };
    for (const char* line : lines) {
        const std::string_view text(line);
        const CanFrame f = parse(text.substr(0, text.size() - 1));
        char out[kMaxCandumpLine];
        const std::size_t n = formatCandumpLine(f, "can0", out);
        std::string expected(line);
        expected.replace(expected.find(' ') + 1, expected.find(' ', expected.find(' ') + 1) - expected.find(' ') - 1, "can0");
        EXPECT_EQ(std::string(out, n), expected);
    }
}

TEST(CandumpFormat, IgnoresDirectionSuffixWrittenByPythonCan)
{
    const CanFrame f = parse("(1700000000.134464) vcan0 3B6#B0B4EB8902C4 R");
    EXPECT_EQ(f.len, 6);
}

struct BadLine {
    const char* line;
    int column;
    const char* expectedFragment;
};

class CandumpBadLines : public ::testing::TestWithParam<BadLine> { };

TEST_P(CandumpBadLines, NameColumnAndWhatWasExpected)
{
    CanFrame f;
    CandumpParse r;
    EXPECT_FALSE(parseCandumpLine(GetParam().line, f, r));
    ASSERT_NE(r.expected, nullptr);
    EXPECT_EQ(r.errorColumn, GetParam().column) << GetParam().line;
    EXPECT_NE(std::string(r.expected).find(GetParam().expectedFragment), std::string::npos) << r.expected;
}

INSTANTIATE_TEST_SUITE_P(Truncated, CandumpBadLines,
    ::testing::Values(BadLine { "1436509052.249713) vcan0 044#2A", 1, "'('" },
        BadLine { "(1436509052.249713 vcan0 044#2A", 19, "')'" },
        BadLine { "(1436509052.249713) vcan0", 26, "interface name" },
        BadLine { "(1436509052.249713) vcan0 04G#2A", 29, "hexadecimal" },
        BadLine { "(1436509052.249713) vcan0 0444#2A", 27, "3 (standard) or 8" },
        BadLine { "(1436509052.249713) vcan0 044#2A3", 33, "pairs of hex" },
        BadLine { "(1436509052.249713) vcan0 044#112233445566778899", 47, "at most 8" },
        BadLine { "(1436509052.249713) vcan0 044##0112233445566778899", 51, "CAN FD length" },
        BadLine { "(1.0) vcan0 800#00", 13, "no larger than 7FF" }));

TEST(LogReader, ReportsBadLinesAndReadsTheRest)
{
    const std::string text = "(1.000000) can0 100#01\n"
                             "(1.000100) can0 100#0\n" // cut short
                             "\n"
                             "garbage here\n"
                             "(1.000200) can0 101#0203\r\n" // CRLF
                             "(1.000300) can0 102#";
    LogReader reader = LogReader::fromBuffer(text, "bench.log", LogFormat::Candump);
    std::vector<CanFrame> frames;
    CanFrame f;
    while (reader.next(f))
        frames.push_back(f);
    ASSERT_EQ(frames.size(), 3U);
    EXPECT_EQ(frames[1].id, 0x101U);
    EXPECT_EQ(frames[1].len, 2);
    EXPECT_EQ(frames[2].len, 0);
    ASSERT_EQ(reader.issueCount(), 2);
    EXPECT_EQ(reader.issues()[0].toString(), "bench.log:2:21: expected data as pairs of hex digits");
    EXPECT_EQ(reader.issues()[1].line, 4);
}

TEST(LogReader, MissingFileNamesThePath)
{
    auto reader = LogReader::open("/nonexistent/bench.log");
    ASSERT_FALSE(reader.has_value());
    EXPECT_NE(reader.error().toString().find("/nonexistent/bench.log: cannot open"), std::string::npos);
}
