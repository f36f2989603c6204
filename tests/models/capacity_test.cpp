#include "models/capacity.h"
#include "synthetic_cell.h"
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

double nasaCapacity(int cycle)
{
    auto t = readCsvFile(pg::test::sharedDataPath("nasa_pcoe/B0005_capacity.csv").toStdString(),
        CsvColumns { { "cycle", "capacity_ah" }, {} });
    for (std::size_t r = 0; r < t->rows(); ++r) {
        if (t->columns[0][r] == cycle)
            return t->columns[1][r];
    }
    return 0.0;
}

OcvTable nmc()
{
    return *OcvTable::readFile(pg::test::sharedDataPath("lgm50/ocv_25c.csv").toStdString());
}

} // namespace

TEST(Capacity, NasaB0005FullDischargeMatchesNasa)
{
    for (int cycle : { 1, 84, 168 }) {
        char name[64];
        std::snprintf(name, sizeof name, "nasa_pcoe/B0005_discharge_%03d.csv", cycle);
        auto r = fullDischargeCapacity(shared(name));
        ASSERT_TRUE(r) << r.error().toString();
        const double truth = nasaCapacity(cycle);
        EXPECT_NEAR(r->capacityAh.value, truth, 0.005 * truth) << name;
        EXPECT_TRUE(r->capacityAh.warnings.empty()) << name;
        EXPECT_GT(r->capacityAh.stderrValue, 0.0);
        std::printf("[ nasa ] cycle %3d: %.6f Ah (NASA %.6f, %+.4f %%), stderr %.4f Ah\n", cycle,
            r->capacityAh.value, truth, 100.0 * (r->capacityAh.value / truth - 1.0), r->capacityAh.stderrValue);
    }
}

TEST(Capacity, LgM50RateTestsMatchReadme)
{
    const std::pair<const char*, double> cases[] = { { "lgm50/ratetest_1c_25c.csv", 4.7825 },
        { "lgm50/ratetest_0p1c_25c.csv", 4.9446 } };
    for (const auto& [name, truth] : cases) {
        auto r = fullDischargeCapacity(shared(name));
        ASSERT_TRUE(r) << r.error().toString();
        EXPECT_NEAR(r->capacityAh.value, truth, 0.005 * truth) << name;
        // The charge that follows is a second, negative segment: not counted, no warning needed.
        std::printf("[ lgm50 ] %s: %.4f Ah (README %.4f), stderr %.4f\n", name, r->capacityAh.value, truth,
            r->capacityAh.stderrValue);
    }
}

TEST(Capacity, LgM50PartialBetweenRealRests)
{
    // The rate tests rest 2 h after the discharge and again after the CC-CV charge: two real
    // rested OCV points about 95 % SoC apart. Truth: the C/10 discharge capacity 4.9446 Ah.
    const OcvTable ocv = nmc();
    for (const char* name : { "lgm50/ratetest_1c_25c.csv", "lgm50/ratetest_0p1c_25c.csv" }) {
        auto r = partialCapacity(shared(name), ocv);
        ASSERT_TRUE(r) << r.error().toString();
        EXPECT_NEAR(r->capacityAh.value, 4.9446, 0.03 * 4.9446) << name;
        std::printf("[ lgm50 ] partial %s: SoC %.3f -> %.3f, %.4f Ah counted, capacity %.4f +- %.4f Ah\n", name,
            r->startSoc, r->endSoc, r->chargeAh, r->capacityAh.value, r->capacityAh.stderrValue);
    }
}

TEST(Capacity, SyntheticPartialWindow80To30)
{
    const OcvTable ocv = nmc();
    pg::test::CellTruth truth;
    truth.capacityAh = 4.9;
    truth.soc0 = 0.80;
    truth.noiseV = 0.5e-3;
    // 1 h rest, C/2 discharge of 50 % SoC (3600 s), 1 h rest: 2RC relaxes (tau2 60 s).
    auto current = [&](double t) { return (t > 3600.0 && t <= 7200.0) ? 0.5 * truth.capacityAh : 0.0; };
    const TimeSeries s = pg::test::simulateCell(truth, pg::test::uniformTimes(10800.0, 1.0), current, &ocv);
    auto r = partialCapacity(s, ocv);
    ASSERT_TRUE(r) << r.error().toString();
    EXPECT_NEAR(r->startSoc, 0.80, 0.01);
    EXPECT_NEAR(r->endSoc, 0.30, 0.01);
    EXPECT_NEAR(r->capacityAh.value, truth.capacityAh, 0.03 * truth.capacityAh);
    EXPECT_LT(std::abs(r->capacityAh.value - truth.capacityAh), 3.0 * r->capacityAh.stderrValue);
}

TEST(Capacity, BadInputIsAnErrorOrWarning)
{
    const OcvTable ocv = nmc();
    pg::test::CellTruth truth;
    // Current never rests: no OCV points.
    auto busy = pg::test::simulateCell(truth, pg::test::uniformTimes(3000.0, 10.0), [](double) { return 1.0; }, &ocv);
    auto p = partialCapacity(busy, ocv);
    ASSERT_FALSE(p);
    EXPECT_NE(p.error().what.find("rests"), std::string::npos);
    // Full discharge that starts under load and never stops: a number, but flagged.
    auto f = fullDischargeCapacity(busy);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->capacityAh.warnings.size(), 2U);
    // No discharge at all.
    auto idle = pg::test::simulateCell(truth, pg::test::uniformTimes(100.0, 1.0), [](double) { return 0.0; }, &ocv);
    EXPECT_FALSE(fullDischargeCapacity(idle));
    // Two rests too close in SoC.
    auto small = pg::test::simulateCell(truth, pg::test::uniformTimes(1300.0, 1.0),
        [](double t) { return (t > 600.0 && t <= 700.0) ? 5.0 : 0.0; }, &ocv);
    auto sp = partialCapacity(small, ocv, CapacityOptions { std::nan(""), 500.0 });
    ASSERT_FALSE(sp);
    EXPECT_NE(sp.error().what.find("SoC apart"), std::string::npos);
}
