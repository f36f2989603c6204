// An 8-hour test sampled at 10 Hz through the live plot's series: memory stays bounded and every
// bucket's min/max is exactly the min/max of the raw samples it covers (computed here from the
// raw data, not by the series), so a one-sample spike survives decimation.
#include "app/gui/envelope_series.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <vector>

namespace {

struct Raw {
    double t;
    double v;
};

// A discharge-like ramp with noise-free ripple and a few isolated spikes at known samples.
std::vector<Raw> eightHoursAt10Hz()
{
    std::vector<Raw> raw;
    const int n = 8 * 3600 * 10;
    raw.reserve(n);
    for (int i = 0; i < n; ++i) {
        const double t = i * 0.1;
        double v = 4.1 - 1.0 * t / (8 * 3600.0) + 0.01 * std::sin(t / 7.0);
        if (i == 12345)
            v = 5.0; // a spike up
        if (i == 200001)
            v = 1.0; // a spike down
        raw.push_back({ t, v });
    }
    return raw;
}

} // namespace

TEST(EnvelopeSeries, EightHoursAt10HzStayBoundedAndKeepTheEnvelope)
{
    const std::vector<Raw> raw = eightHoursAt10Hz();
    pg::app::EnvelopeSeries series(2048);
    std::size_t maxBuckets = 0;
    for (const Raw& r : raw) {
        series.add(r.t, r.v);
        maxBuckets = std::max(maxBuckets, series.buckets().size());
    }
    EXPECT_LE(maxBuckets, series.capacity());
    EXPECT_LE(series.buckets().capacity(), series.capacity()); // no reallocation beyond the bound
    EXPECT_EQ(series.samplesSeen(), raw.size());

    std::size_t covered = 0;
    std::size_t index = 0;
    for (const auto& b : series.buckets()) {
        // The raw samples of this bucket: from firstS to lastS inclusive, in order.
        double lo = 1e9, hi = -1e9;
        std::size_t count = 0;
        while (index < raw.size() && raw[index].t <= b.lastS + 1e-9) {
            ASSERT_GE(raw[index].t, b.firstS - 1e-9);
            lo = std::min(lo, raw[index].v);
            hi = std::max(hi, raw[index].v);
            ++count;
            ++index;
        }
        ASSERT_EQ(count, b.count);
        EXPECT_DOUBLE_EQ(b.minValue, lo);
        EXPECT_DOUBLE_EQ(b.maxValue, hi);
        covered += count;
    }
    EXPECT_EQ(covered, raw.size());

    std::vector<double> t, v;
    series.plotPoints(t, v);
    EXPECT_DOUBLE_EQ(*std::max_element(v.begin(), v.end()), 5.0);
    EXPECT_DOUBLE_EQ(*std::min_element(v.begin(), v.end()), 1.0);
    EXPECT_TRUE(std::is_sorted(t.begin(), t.end()));
    EXPECT_DOUBLE_EQ(t.front(), 0.0);
    EXPECT_DOUBLE_EQ(t.back(), raw.back().t);
}

TEST(EnvelopeSeries, ShortSeriesKeepsEverySample)
{
    pg::app::EnvelopeSeries series(64);
    for (int i = 0; i < 50; ++i)
        series.add(i, i * i);
    ASSERT_EQ(series.buckets().size(), 50U);
    for (int i = 0; i < 50; ++i)
        EXPECT_EQ(series.buckets()[static_cast<std::size_t>(i)].lastValue, i * i);
}
