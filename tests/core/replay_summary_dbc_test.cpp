// core::summarizeLog with a DBC: count/min/max/last per signal. Statistics are kept on raw
// values and scaled at the end, so a negative factor must swap min and max: Tesla's
// ID132HVBattAmpVolt has factors -0.1 and -0.05 (../shared/data/README.md).
#include "can/dbc_decoder.h"
#include "can/dbc_parser.h"
#include "core/replay_summary.h"
#include "test_paths.h"

#include <QFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace pg;

namespace {

const core::SignalStats* find(const core::ReplaySummary& s, const std::string& key)
{
    for (const core::SignalStats& st : s.signalStats) {
        if (st.key() == key)
            return &st;
    }
    return nullptr;
}

} // namespace

TEST(DbcReplaySummary, NegativeFactorsSwapMinAndMax)
{
    const auto db
        = can::DbcParser::load(test::sharedDataPath("dbc/tesla_model3.dbc").toStdString(), {});
    ASSERT_TRUE(db.has_value());
    const can::DbcDecoder decoder(*db);
    QTemporaryDir dir;
    const QString log = dir.filePath("tesla.log");
    QFile f(log);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    // Frame 1: voltage 0x8CA0 = 36000 (360 V), smooth current +300 (x -0.1 = -30 A),
    // raw current +1000 (x -0.05 + 500 = 450 A), charge hours 0.
    // Frame 2: voltage 0x8C3C = 35900 (359 V), smooth -200 (0xFF38: +20 A), raw -400 (0xFE70:
    // 520 A), charge hours 48|12 = 0x05A = 90 min.
    f.write("(10.000000) can0 132#A08C2C01E8030000\n(10.100000) can0 132#3C8C38FF70FE5A00\n"
            "(10.200000) can0 5FF#00\n"); // 0x5FF is not in the DBC
    f.close();
    const auto s = core::summarizeLog(log, &decoder);
    ASSERT_TRUE(s.has_value()) << s.error().message.toStdString();
    EXPECT_TRUE(s->decoded);
    EXPECT_EQ(s->decodedFrames, 2U);
    EXPECT_EQ(s->unknownIdFrames, 1U);
    ASSERT_EQ(s->signalStats.size(), 4U);
    const auto* volts = find(*s, "ID132HVBattAmpVolt.BattVoltage132");
    ASSERT_NE(volts, nullptr);
    EXPECT_EQ(volts->count, 2U);
    EXPECT_NEAR(volts->min, 359.0, 1e-9);
    EXPECT_NEAR(volts->max, 360.0, 1e-9);
    EXPECT_NEAR(volts->last, 359.0, 1e-9);
    EXPECT_EQ(volts->unit, "V");
    const auto* smooth = find(*s, "ID132HVBattAmpVolt.SmoothBattCurrent132");
    ASSERT_NE(smooth, nullptr);
    EXPECT_NEAR(smooth->min, -30.0, 1e-9);
    EXPECT_NEAR(smooth->max, 20.0, 1e-9);
    EXPECT_NEAR(smooth->last, 20.0, 1e-9);
    const auto* raw = find(*s, "ID132HVBattAmpVolt.RawBattCurrent132");
    ASSERT_NE(raw, nullptr);
    EXPECT_NEAR(raw->min, 450.0, 1e-9);
    EXPECT_NEAR(raw->max, 520.0, 1e-9);
    const auto* hours = find(*s, "ID132HVBattAmpVolt.ChargeHoursRemaining132");
    ASSERT_NE(hours, nullptr);
    EXPECT_DOUBLE_EQ(hours->max, 90.0);
    EXPECT_DOUBLE_EQ(hours->min, 0.0);
}

TEST(DbcReplaySummary, FloatSignalsKeepPhysicalStatistics)
{
    const auto db = can::DbcParser::load(test::dataPath("dbc/features.dbc").toStdString(), {});
    ASSERT_TRUE(db.has_value());
    const can::DbcDecoder decoder(*db);
    QTemporaryDir dir;
    const QString log = dir.filePath("floats.log");
    QFile f(log);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    // Floats (0x12C, CAN FD, 16 bytes): F32 little-endian at byte 0: 3.5f = 0x40600000, then
    // -1.0f = 0xBF800000.
    f.write("(1.000000) can0 12C##00006040\n" // flags 0, then 7 hex digits: malformed
            "(1.000000) can0 12C##0"
            "00006040000000000000000000000000\n"
            "(2.000000) can0 12C##0"
            "000080BF000000000000000000000000\n");
    f.close();
    const auto s = core::summarizeLog(log, &decoder);
    ASSERT_TRUE(s.has_value());
    const auto* f32 = find(*s, "Floats.F32");
    ASSERT_NE(f32, nullptr);
    EXPECT_EQ(f32->count, 2U);
    EXPECT_DOUBLE_EQ(f32->min, -1.0);
    EXPECT_DOUBLE_EQ(f32->max, 3.5);
    EXPECT_DOUBLE_EQ(f32->last, -1.0);
    EXPECT_EQ(s->malformedLines, 1); // the first, odd-length line
}
