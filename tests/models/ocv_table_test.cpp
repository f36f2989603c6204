#include "models/ocv_table.h"
#include "test_paths.h"

#include <gtest/gtest.h>
#include <sstream>

using namespace pg::models;

namespace {

OcvTable nmc()
{
    auto t = OcvTable::readFile(pg::test::sharedDataPath("lgm50/ocv_25c.csv").toStdString());
    EXPECT_TRUE(t) << (t ? "" : t.error().toString());
    return *t;
}

} // namespace

TEST(OcvTable, NmcMatchesPublishedPoints)
{
    const OcvTable t = nmc();
    EXPECT_EQ(t.size(), 101U);
    EXPECT_NEAR(t.ocvV(0.0), 2.872, 1e-3); // README: 2.872 V at SoC 0
    EXPECT_NEAR(t.ocvV(0.5), 3.693, 1e-3); // 3.693 V at 0.50
    EXPECT_NEAR(t.ocvV(1.0), 4.175, 1e-3); // 4.175 V at 1
}

TEST(OcvTable, BothWaysAreConsistentAndMonotone)
{
    const OcvTable t = nmc();
    double last = -1.0;
    for (int k = 0; k <= 1000; ++k) {
        const double soc = k / 1000.0;
        const double v = t.ocvV(soc);
        EXPECT_GT(v, last);
        last = v;
        EXPECT_NEAR(t.socFromOcv(v), soc, 1e-9);
        EXPECT_GT(t.slopeVPerSoc(soc), 0.0);
    }
    EXPECT_DOUBLE_EQ(t.socFromOcv(2.0), 0.0); // clamped outside
    EXPECT_DOUBLE_EQ(t.socFromOcv(5.0), 1.0);
}

TEST(OcvTable, SlopeMatchesFiniteDifference)
{
    const OcvTable t = nmc();
    for (double soc : { 0.105, 0.333, 0.5, 0.777 }) {
        const double fd = (t.ocvV(soc + 1e-6) - t.ocvV(soc - 1e-6)) / 2e-6;
        EXPECT_NEAR(t.slopeVPerSoc(soc), fd, 1e-4 * std::abs(fd) + 1e-6);
    }
}

TEST(OcvTable, LfpDatasheetShapeReadsWithVoltageColumn)
{
    auto t = OcvTable::readFile(pg::test::sharedDataPath("ocv/lfp_ifr18650_zephyr_datasheet.csv").toStdString());
    ASSERT_TRUE(t) << t.error().toString();
    EXPECT_NEAR(t->ocvV(0.5), 3.221, 1e-9);
    EXPECT_NEAR(t->socFromOcv(3.221), 0.5, 1e-9);
    // On the plateau, a 10 mV error moves SoC by more than 10 %: the reason for the warning.
    EXPECT_GT(t->socFromOcv(3.231) - t->socFromOcv(3.221), 0.1);
}

TEST(OcvTable, RejectsNonMonotoneAndShortTables)
{
    std::istringstream flat("soc,ocv_v\n0,3.0\n0.5,3.0\n1,4.0\n");
    auto t = OcvTable::read(flat, "flat.csv");
    ASSERT_FALSE(t);
    EXPECT_NE(t.error().what.find("increase strictly"), std::string::npos);
    EXPECT_FALSE(OcvTable::fromPoints({ 0.5 }, { 3.7 }));
    std::istringstream noV("soc,foo\n0,1\n1,2\n");
    auto n = OcvTable::read(noV, "nov.csv");
    ASSERT_FALSE(n);
    EXPECT_NE(n.error().what.find("ocv_v"), std::string::npos);
}

TEST(OcvFit, AverageOfBranchesRecoversOcv)
{
    const OcvTable t = nmc();
    std::vector<double> s, vd, vc;
    for (int k = 0; k <= 500; ++k) {
        s.push_back(0.02 + 0.96 * k / 500.0);
        vd.push_back(t.ocvV(s.back()) - 0.030); // IR drop + hysteresis on discharge
        vc.push_back(t.ocvV(s.back()) + 0.030);
    }
    auto fit = fitOcvFromSlowTest(s, vd, s, vc, 51);
    ASSERT_TRUE(fit) << fit.error().toString();
    EXPECT_TRUE(fit->warnings.empty());
    for (double soc : { 0.1, 0.5, 0.9 })
        EXPECT_NEAR(fit->table.ocvV(soc), t.ocvV(soc), 2e-3);
    EXPECT_NEAR(fit->table.hysteresisV(0.5), 0.030, 1e-6);
    EXPECT_FALSE(fitOcvFromSlowTest({ 0.1, 0.2 }, { 3.5, 3.6 }, {}, {}));
}
