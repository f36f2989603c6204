#include "models/rls_r0.h"
#include "models/time_series.h"
#include "synthetic_cell.h"
#include "test_paths.h"

#include <gtest/gtest.h>

using namespace pg::models;

namespace {

double pulses(double t) // 2 s pulses of +-5 A every 10 s
{
    const double u = std::fmod(t, 10.0);
    if (u > 1.0 && u <= 3.0)
        return 5.0;
    if (u > 5.0 && u <= 7.0)
        return -5.0;
    return 0.0;
}

} // namespace

TEST(RlsR0, TracksAResistanceStep)
{
    pg::test::CellTruth truth; // R0 12 mOhm
    truth.noiseV = 0.5e-3;
    TimeSeries s = pg::test::simulateCell(truth, pg::test::uniformTimes(2000.0, 0.1), pulses, nullptr);
    for (std::size_t n = 0; n < s.size(); ++n) { // R0 grows to 18 mOhm at t = 1000 s
        if (s.timeS[n] > 1000.0)
            s.voltageV[n] -= 0.006 * s.currentA[n];
    }
    RlsR0 rls(RlsR0::Config {});
    Estimate before, after;
    for (std::size_t n = 0; n < s.size(); ++n) {
        rls.addSample(s.currentA[n], s.voltageV[n]);
        if (s.timeS[n] <= 999.95)
            before = rls.estimate();
    }
    after = rls.estimate();
    EXPECT_NEAR(before.value, 0.012, 0.05 * 0.012);
    EXPECT_NEAR(after.value, 0.018, 0.05 * 0.018);
    EXPECT_GT(after.stderrValue, 0.0);
    EXPECT_EQ(after.method, "rls-r0");
}

TEST(RlsR0, LgM50PulseGivesStepResistance)
{
    auto s = readTimeSeriesFile(pg::test::sharedDataPath("lgm50/pulse_25c.csv").toStdString());
    ASSERT_TRUE(s);
    RlsR0 rls(RlsR0::Config {});
    for (std::size_t n = 0; n < s->size(); ++n)
        rls.addSample(s->currentA[n], s->voltageV[n]);
    EXPECT_EQ(rls.updates(), 2); // onset and release
    // README: 31.5 mOhm at the onset; the release step gives about 32.4 mOhm.
    EXPECT_NEAR(rls.estimate().value, 0.032, 0.001);
    EXPECT_FALSE(rls.estimate().warnings.empty()); // only two steps: flagged
}

TEST(RlsR0, NoStepNoNumber)
{
    RlsR0 rls(RlsR0::Config {});
    for (int n = 0; n < 100; ++n)
        rls.addSample(2.0, 3.6);
    EXPECT_FALSE(rls.estimate().valid());
    EXPECT_FALSE(rls.estimate().warnings.empty());
}
