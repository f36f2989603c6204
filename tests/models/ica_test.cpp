#include "models/ica.h"
#include "models/ocv_table.h"
#include "test_paths.h"

#include <gtest/gtest.h>

using namespace pg::models;

namespace {

TimeSeries shared(const char* name)
{
    auto s = readTimeSeriesFile(pg::test::sharedDataPath(name).toStdString());
    EXPECT_TRUE(s) << s.error().toString();
    return *s;
}

} // namespace

TEST(Ica, SyntheticStepHasAnalyticPeak)
{
    // V(Q) = 3.9 - 0.5 Q + 0.04 tanh((Q - 1) / 0.1): a plateau where dV/dQ = -0.5 + 0.4 = -0.1,
    // so dQ/dV peaks at V(1) = 3.4 V with height 10 Ah/V (2 Ah/V away from it).
    // 1 A discharge for 2 h, 1 s samples.
    TimeSeries s;
    for (int n = 0; n <= 7200; ++n) {
        const double q = n / 3600.0;
        s.timeS.push_back(n);
        s.currentA.push_back(1.0);
        s.voltageV.push_back(3.9 - 0.5 * q + 0.04 * std::tanh((q - 1.0) / 0.1));
    }
    auto r = incrementalCapacity(s, IcaOptions { 0.0005, 0.001, 0.05 });
    ASSERT_TRUE(r) << r.error().toString();
    ASSERT_FALSE(r->peaks.empty());
    EXPECT_NEAR(r->peaks[0].voltageV, 3.4, 0.003);
    EXPECT_NEAR(r->peaks[0].heightAhPerV, 10.0, 0.7); // binning and smoothing lower it a little
    EXPECT_NEAR(r->chargeAh, 2.0, 1e-3);
}

TEST(Ica, LgM50SlowDischargeMatchesOcvTablePeak)
{
    // The C/10 discharge and the independently measured OCV table (GITT-type, 4.9 Ah) should
    // show the main dQ/dV peak at nearly the same voltage; the discharge sits lower by the
    // overpotential (0.5 A x about 30-40 mOhm, plus polarisation).
    auto rate = incrementalCapacity(shared("lgm50/ratetest_0p1c_25c.csv"), IcaOptions { 0.005, 0.015, 0.05 });
    ASSERT_TRUE(rate) << rate.error().toString();
    auto ocv = OcvTable::readFile(pg::test::sharedDataPath("lgm50/ocv_25c.csv").toStdString());
    ASSERT_TRUE(ocv);
    TimeSeries fromOcv; // the OCV curve as a 0.49 A discharge, 10 s samples
    for (int n = 0; n <= 36000; ++n) {
        fromOcv.timeS.push_back(n * 1.0);
        fromOcv.currentA.push_back(4.9 / 10.0);
        fromOcv.voltageV.push_back(ocv->ocvV(1.0 - n / 36000.0));
    }
    auto ref = incrementalCapacity(fromOcv, IcaOptions { 0.005, 0.015, 0.05 });
    ASSERT_TRUE(ref);
    ASSERT_FALSE(rate->peaks.empty());
    ASSERT_FALSE(ref->peaks.empty());
    const double shift = ref->peaks[0].voltageV - rate->peaks[0].voltageV;
    std::printf("[ lgm50 ] dQ/dV main peak: C/10 %.3f V (%.2f Ah/V), OCV table %.3f V (%.2f Ah/V), shift %.1f mV\n",
        rate->peaks[0].voltageV, rate->peaks[0].heightAhPerV, ref->peaks[0].voltageV, ref->peaks[0].heightAhPerV, shift * 1e3);
    EXPECT_GT(shift, 0.0);
    EXPECT_LT(shift, 0.050);
    EXPECT_NEAR(rate->peaks[0].heightAhPerV, ref->peaks[0].heightAhPerV, 0.3 * ref->peaks[0].heightAhPerV);
}

TEST(Ica, NasaPeakFallsWithMeasuredCapacity)
{
    // B0005 runs 1, 84, 168 (NASA capacity 1.856, 1.549, 1.325 Ah): the main peak height falls.
    std::vector<double> heights;
    for (const char* f : { "nasa_pcoe/B0005_discharge_001.csv", "nasa_pcoe/B0005_discharge_084.csv",
             "nasa_pcoe/B0005_discharge_168.csv" }) {
        auto r = incrementalCapacity(shared(f), IcaOptions { 0.01, 0.03, 0.05 });
        ASSERT_TRUE(r) << r.error().toString();
        ASSERT_FALSE(r->peaks.empty()) << f;
        heights.push_back(r->peaks[0].heightAhPerV);
        std::printf("[ nasa ] %s: main dQ/dV peak %.3f V, %.2f Ah/V\n", f, r->peaks[0].voltageV, r->peaks[0].heightAhPerV);
    }
    EXPECT_GT(heights[0], heights[1]);
    EXPECT_GT(heights[1], heights[2]);
}

TEST(Ica, NoSegmentIsAnError)
{
    TimeSeries idle;
    for (int n = 0; n < 100; ++n) {
        idle.timeS.push_back(n);
        idle.currentA.push_back(0.0);
        idle.voltageV.push_back(3.7);
    }
    EXPECT_FALSE(incrementalCapacity(idle));
}
