#include "models/time_series.h"
#include "test_paths.h"

#include <gtest/gtest.h>
#include <sstream>

using namespace pg::models;

namespace {

Result<TimeSeries> parse(const std::string& text)
{
    std::istringstream in(text);
    return readTimeSeries(in, "t.csv");
}

} // namespace

TEST(TimeSeriesCsv, ReadsSharedPulseRecord)
{
    auto s = readTimeSeriesFile(pg::test::sharedDataPath("lgm50/pulse_25c.csv").toStdString());
    ASSERT_TRUE(s) << s.error().toString();
    EXPECT_EQ(s->size(), 112U); // README: 112 rows
    EXPECT_DOUBLE_EQ(s->voltageV.front(), 3.70106);
    EXPECT_DOUBLE_EQ(s->currentA[1], 7.49571);
    ASSERT_EQ(s->temperatureC.size(), s->size());
    EXPECT_EQ(s->lines[1], 3);
}

TEST(TimeSeriesCsv, ColumnsInAnyOrderExtraIgnored)
{
    auto s = parse("voltage_v,cell,current_a,time_s\n3.7,1,0,0\n3.6,1,2.5,1.5\n");
    ASSERT_TRUE(s) << s.error().toString();
    EXPECT_EQ(s->size(), 2U);
    EXPECT_DOUBLE_EQ(s->timeS[1], 1.5);
    EXPECT_DOUBLE_EQ(s->currentA[1], 2.5);
    EXPECT_DOUBLE_EQ(s->voltageV[1], 3.6);
    EXPECT_TRUE(s->temperatureC.empty());
}

TEST(TimeSeriesCsv, EmptyTemperatureIsNaN)
{
    auto s = parse("time_s,current_a,voltage_v,temperature_c\n0,0,3.7,\n1,1,3.6,25\n");
    ASSERT_TRUE(s) << s.error().toString();
    EXPECT_TRUE(std::isnan(s->temperatureC[0]));
    EXPECT_DOUBLE_EQ(s->temperatureC[1], 25.0);
}

TEST(TimeSeriesCsv, MissingColumnNamesIt)
{
    auto s = parse("time_s,current_a\n0,0\n");
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().where, "t.csv:1");
    EXPECT_NE(s.error().what.find("voltage_v"), std::string::npos);
}

TEST(TimeSeriesCsv, NaNIsRejectedWithLine)
{
    auto s = parse("time_s,current_a,voltage_v\n0,0,3.7\n1,nan,3.6\n");
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().where, "t.csv:3");
    EXPECT_NE(s.error().what.find("current_a"), std::string::npos);
}

TEST(TimeSeriesCsv, GarbageAndShortRowsAreRejected)
{
    auto bad = parse("time_s,current_a,voltage_v\n0,0,3.7x\n");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().where, "t.csv:2");
    auto shortRow = parse("time_s,current_a,voltage_v\n0,0,3.7\n1,0\n");
    ASSERT_FALSE(shortRow);
    EXPECT_EQ(shortRow.error().where, "t.csv:3");
}

TEST(TimeSeriesCsv, NonMonotoneTimeIsRejected)
{
    auto s = parse("time_s,current_a,voltage_v\n0,0,3.7\n# comment\n2,0,3.7\n2,0,3.7\n");
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().where, "t.csv:5");
    EXPECT_NE(s.error().what.find("increase"), std::string::npos);
}

TEST(TimeSeriesCsv, EmptyFileAndNoRows)
{
    EXPECT_FALSE(parse(""));
    EXPECT_FALSE(parse("time_s,current_a,voltage_v\n"));
    EXPECT_FALSE(readTimeSeriesFile("/nonexistent/x.csv"));
}

TEST(TimeSeriesCsv, CumulativeChargeIsTrapezoidal)
{
    auto s = parse("time_s,current_a,voltage_v\n0,0,3.7\n3600,2,3.6\n7200,2,3.5\n");
    ASSERT_TRUE(s);
    const auto q = cumulativeChargeAh(*s);
    EXPECT_DOUBLE_EQ(q[1], 1.0);
    EXPECT_DOUBLE_EQ(q[2], 3.0);
}

TEST(TimeSeriesCsv, FastDecimalPathMatchesStrtod)
{
    // The reader's plain-decimal fast path must give the very same doubles as strtod.
    std::string text = "time_s,current_a,voltage_v\n";
    std::vector<std::string> volts;
    unsigned x = 12345;
    for (int k = 0; k < 2000; ++k) {
        x = x * 1103515245U + 12345U;
        char buf[64];
        std::snprintf(buf, sizeof buf, "%s%u.%0*u", (k % 7 == 0) ? "-" : "", x % 5, 1 + k % 12, x % 1000000U);
        volts.emplace_back(buf);
        text += std::to_string(k) + ",0," + buf + "\n";
    }
    text += "2000,0,3.5e-1\n2001,0,0.30000000000000004441\n";
    volts.emplace_back("3.5e-1");
    volts.emplace_back("0.30000000000000004441");
    auto s = parse(text);
    ASSERT_TRUE(s) << s.error().toString();
    for (std::size_t k = 0; k < volts.size(); ++k)
        ASSERT_EQ(s->voltageV[k], std::strtod(volts[k].c_str(), nullptr)) << volts[k];
}
