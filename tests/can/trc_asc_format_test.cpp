// PCAN .trc and Vector .asc readers: the real foxBMS 2 capture, and hand-written lines in each
// file version laid out as PEAK's "PCAN-Trace Format" and Vector's ASC descriptions show them.
#include "can/log_reader.h"
#include "test_paths.h"

#include <gtest/gtest.h>

using namespace pg::can;

namespace {
std::vector<CanFrame> readText(const std::string& text, LogFormat format, long* issues = nullptr,
    std::vector<ParseError>* errors = nullptr)
{
    LogReader reader = LogReader::fromBuffer(text, "test", format);
    std::vector<CanFrame> frames;
    CanFrame f;
    while (reader.next(f))
        frames.push_back(f);
    if (issues)
        *issues = reader.issueCount();
    if (errors)
        *errors = reader.issues();
    return frames;
}
} // namespace

TEST(TrcFormat, ReadsRealFoxBmsCapture)
{
    auto reader = LogReader::open(pg::test::sharedDataPath(QStringLiteral("can_logs/foxbms2_pcan.trc")).toStdString());
    ASSERT_TRUE(reader.has_value());
    EXPECT_EQ(reader->format(), LogFormat::Trc);
    std::vector<CanFrame> frames;
    CanFrame f;
    while (reader->next(f))
        frames.push_back(f);
    EXPECT_EQ(reader->issueCount(), 0);
    ASSERT_EQ(frames.size(), 9U);
    // Message 4 of the trace: "4)  30.000 1  Rx  0250 -  8  02 03 E6 1F 54 FA 27 CF"
    EXPECT_EQ(frames[3].id, 0x250U);
    EXPECT_EQ(frames[3].len, 8);
    EXPECT_EQ(frames[3].data[2], 0xE6);
    EXPECT_EQ(frames[3].data[7], 0xCF);
    EXPECT_EQ(frames[8].timeUs - frames[0].timeUs, 60000);
    // $STARTTIME=45713.5595674003052 days since 1899-12-30 is 2025-02-25 13:25:46.623 UTC.
    EXPECT_NEAR(static_cast<double>(frames[0].timeUs) * 1e-6, 1740489946.623 + 0.001, 0.002);
}

TEST(TrcFormat, ReadsVersions11And20And21)
{
    const auto v11 = readText(";$FILEVERSION=1.1\n"
                              "     1)      1059.9  Rx         0300  8  00 00 00 00 04 00 00 00\n"
                              "     2)      1060.0  Rx     18EFC0F1  2  AA BB\n"
                              "     3)      1061.0  Rx         0301  4  RTR\n",
        LogFormat::Trc);
    ASSERT_EQ(v11.size(), 3U);
    EXPECT_EQ(v11[0].data[4], 0x04);
    EXPECT_TRUE(v11[1].is(CanFrame::Extended));
    EXPECT_EQ(v11[1].id, 0x18EFC0F1U);
    EXPECT_TRUE(v11[2].is(CanFrame::Remote));
    EXPECT_EQ(v11[1].timeUs - v11[0].timeUs, 100);

    const auto v20 = readText(";$FILEVERSION=2.0\n"
                              "      1      1059.900 DT     0300 Rx 8  00 11 22 33 44 55 66 77\n"
                              "      2      1060.900 FB     0301 Rx 9  01 02 03 04 05 06 07 08 09 0A 0B 0C\n"
                              "      3      1061.900 ST          Rx    00 00 00 08\n",
        LogFormat::Trc);
    ASSERT_EQ(v20.size(), 2U);
    EXPECT_TRUE(v20[1].is(CanFrame::Fd));
    EXPECT_TRUE(v20[1].is(CanFrame::BitRateSwitch));
    EXPECT_EQ(v20[1].len, 12);

    const auto v21 = readText(";$FILEVERSION=2.1\n;$COLUMNS=N,O,T,B,I,d,R,L,D\n"
                              "      1      1059.900 DT 1      0300 Rx -  8    00 11 22 33 44 55 66 77\n"
                              "      2      1059.950 RR 2      0400 Tx -  2\n",
        LogFormat::Trc);
    ASSERT_EQ(v21.size(), 2U);
    EXPECT_EQ(v21[0].data[7], 0x77);
    EXPECT_TRUE(v21[1].is(CanFrame::Remote));
    EXPECT_TRUE(v21[1].is(CanFrame::Transmitted));
}

TEST(TrcFormat, TruncatedLineIsReportedAndTheRestRead)
{
    long issues = 0;
    std::vector<ParseError> errors;
    const auto frames = readText(";$FILEVERSION=1.3\n"
                                 "     1)         1.000 1  Rx        0243 -  8    00 C7 C8\n"
                                 "     2)        10.000 1  Rx        0241 -  8    00 1F 58 7C A1 A0 CC 00\n",
        LogFormat::Trc, &issues, &errors);
    ASSERT_EQ(frames.size(), 1U);
    EXPECT_EQ(frames[0].id, 0x241U);
    ASSERT_EQ(issues, 1);
    EXPECT_EQ(errors[0].line, 2);
    EXPECT_NE(errors[0].expected.find("line cut short"), std::string::npos);
}

TEST(AscFormat, ReadsRelativeTimestampsDecimalBaseAndSkipsEvents)
{
    const auto frames = readText("date Mon Nov 24 10:00:00.000 am 2026\n"
                                 "base dec  timestamps relative\n"
                                 "Begin Triggerblock\n"
                                 "   0.000000 Start of measurement\n"
                                 "   0.500000 1  291             Rx   d 2 255 16\n"
                                 "   0.250000 1  Statistic: D 0 R 0 XD 0 XR 0 E 0 O 0 B 0.00%\n"
                                 "   0.250000 2  ErrorFrame\n"
                                 "End TriggerBlock\n",
        LogFormat::Asc);
    ASSERT_EQ(frames.size(), 2U);
    EXPECT_EQ(frames[0].id, 291U);
    EXPECT_EQ(frames[0].data[0], 255);
    EXPECT_EQ(frames[0].timeUs, 500000);
    EXPECT_TRUE(frames[1].is(CanFrame::Error));
    EXPECT_EQ(frames[1].timeUs, 1000000);
}

TEST(AscFormat, MalformedLinesNameLineAndColumn)
{
    long issues = 0;
    std::vector<ParseError> errors;
    const auto frames = readText("base hex  timestamps absolute\n"
                                 "   0.1 1  123 Rx d 8 01 02 03\n"
                                 "   0.2 1  12Z Rx d 1 01\n"
                                 "   0.3 1  124 Rx d 1 01\n",
        LogFormat::Asc, &issues, &errors);
    ASSERT_EQ(frames.size(), 1U);
    ASSERT_EQ(issues, 2);
    EXPECT_EQ(errors[0].line, 2);
    EXPECT_EQ(errors[1].toString(), "test:3:11: expected a CAN id (hex, 'x' suffix for 29-bit)");
}
