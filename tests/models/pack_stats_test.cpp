#include "models/pack_stats.h"

#include <gtest/gtest.h>
#include <random>

using namespace pg::models;

TEST(PackStats, FindsInjectedWeakAndResistiveCells)
{
    std::mt19937 rng(3);
    std::normal_distribution<double> cap(4.8, 0.03), res(0.030, 0.0008);
    std::vector<double> c(96), r(96);
    for (std::size_t k = 0; k < 96; ++k) {
        c[k] = cap(rng);
        r[k] = res(rng);
    }
    c[17] = 4.40; // weak cell
    r[60] = 0.045; // high-resistance cell
    r[61] = 0.041;
    auto sc = cellSpread(c);
    ASSERT_TRUE(sc) << sc.error().toString();
    ASSERT_EQ(sc->outliers.size(), 1U);
    EXPECT_EQ(sc->outliers[0], 17U);
    EXPECT_EQ(sc->weakest, 17U);
    EXPECT_NEAR(sc->median, 4.8, 0.01);
    EXPECT_NEAR(sc->madScaled, 0.03, 0.008);
    auto sr = cellSpread(r, true);
    ASSERT_TRUE(sr);
    ASSERT_EQ(sr->outliers.size(), 2U);
    EXPECT_EQ(sr->outliers[0], 60U); // most extreme first
    EXPECT_EQ(sr->outliers[1], 61U);
    EXPECT_EQ(sr->weakest, 60U);
}

TEST(PackStats, CleanPackHasNoOutliersAndBadInputIsRefused)
{
    std::mt19937 rng(11);
    std::normal_distribution<double> cap(2.5, 0.02);
    std::vector<double> c(200);
    for (double& v : c)
        v = cap(rng);
    auto s = cellSpread(c);
    ASSERT_TRUE(s);
    EXPECT_TRUE(s->outliers.empty());
    EXPECT_FALSE(cellSpread({ 1.0, 2.0 }));
    EXPECT_FALSE(cellSpread({ 1.0, std::nan(""), 2.0 }));
    auto same = cellSpread({ 2.0, 2.0, 2.0, 2.0, 1.5 });
    ASSERT_TRUE(same);
    EXPECT_FALSE(same->warnings.empty());
    EXPECT_EQ(same->weakest, 4U);
}

TEST(PackStats, PackSohIsTheWeakestSeriesElement)
{
    auto soh = packCapacitySoh({ 9.6, 9.4, 8.1, 9.5 }, { 0.02, 0.02, 0.02, 0.02 }, 10.0);
    ASSERT_TRUE(soh);
    EXPECT_DOUBLE_EQ(soh->value, 0.81);
    EXPECT_DOUBLE_EQ(soh->stderrValue, 0.002);
    EXPECT_TRUE(soh->warnings.empty());
    auto close = packCapacitySoh({ 9.0, 9.01 }, { 0.05, 0.05 }, 10.0);
    ASSERT_TRUE(close);
    EXPECT_FALSE(close->warnings.empty());
    EXPECT_FALSE(packCapacitySoh({}, {}, 10.0));
}
