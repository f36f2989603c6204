// The live trend plot over an 8-hour test at 10 Hz, checked where the technician looks: the
// points QCustomPlot holds and draws. However long the test, the plot holds a bounded number of
// points, and its envelope (every minute's min and max, the two one-sample spikes, the first and
// last time) equals the raw samples', computed here from the raw data.
#include "app/gui/trend_plot.h"

#include <QApplication>
#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <qcustomplot.h>
#include <vector>

namespace {

// A pack voltage over a slow discharge: ripple, the load stepping every 20 minutes, and two
// spikes of one sample each.
double packVoltage(int i)
{
    const double t = i * 0.1;
    double v = 58.0 - 8.0 * t / (8 * 3600.0) + 0.05 * std::sin(t / 3.0)
        - ((static_cast<int>(t) / 1200) % 2 ? 0.6 : 0.0);
    if (i == 77777)
        v = 66.0;
    if (i == 250003)
        v = 41.0;
    return v;
}

} // namespace

TEST(GuiLivePlot, EightHoursAt10HzStayBoundedAndDrawTheRawEnvelope)
{
    constexpr int kSamples = 8 * 3600 * 10;
    pg::app::TrendPlot plot(QStringLiteral("pack"), QStringLiteral("V"), Qt::blue);
    plot.resize(1000, 300);
    plot.show();
    auto* custom = plot.findChild<QCustomPlot*>();
    ASSERT_NE(custom, nullptr);
    std::vector<double> raw(kSamples);
    int mostPoints = 0;
    for (int i = 0; i < kSamples; ++i) {
        raw[static_cast<std::size_t>(i)] = packVoltage(i);
        plot.add(i * 0.1, raw[static_cast<std::size_t>(i)]);
        if (i % 300 == 299) { // the live page refreshes at its tick, here every 30 s of test
            plot.refresh();
            mostPoints = std::max(mostPoints, custom->graph(0)->dataCount());
        }
    }
    plot.refresh();
    QApplication::processEvents(); // the queued replot draws it
    const QCPGraph* graph = custom->graph(0);
    mostPoints = std::max(mostPoints, graph->dataCount());

    // Bounded: at most two points per bucket of the series, whatever the test's length.
    EXPECT_LE(mostPoints, static_cast<int>(2 * plot.series().capacity()));
    EXPECT_LT(mostPoints, kSamples / 20);

    // The whole test is on the plot: first and last sample times.
    const auto data = graph->data();
    EXPECT_DOUBLE_EQ(data->constBegin()->key, 0.0);
    EXPECT_DOUBLE_EQ((data->constEnd() - 1)->key, (kSamples - 1) * 0.1);
    // The envelope: over every minute of the test the drawn points reach exactly the raw min and
    // max (points sit at sample times; a bucket spans less than a minute).
    const double bucketS = plot.series().bucketWidthS();
    ASSERT_GT(bucketS, 0.0);
    ASSERT_LT(bucketS, 60.0);
    const int perWindow = 600;
    auto rawRange = [&](double from, double to) {
        double lo = 1e9, hi = -1e9;
        for (int i = std::max(0, static_cast<int>(std::ceil(from * 10 - 1e-6)));
             i < kSamples && i * 0.1 <= to + 1e-9; ++i) {
            lo = std::min(lo, raw[static_cast<std::size_t>(i)]);
            hi = std::max(hi, raw[static_cast<std::size_t>(i)]);
        }
        return std::pair { lo, hi };
    };
    auto drawnRange = [&](double from, double to) {
        double lo = 1e9, hi = -1e9;
        for (auto it = data->findBegin(from, false); it != data->constEnd() && it->key <= to;
             ++it) {
            lo = std::min(lo, it->value);
            hi = std::max(hi, it->value);
        }
        return std::pair { lo, hi };
    };
    const double reach = bucketS + 0.1; // a drawn point stands for samples at most this far away
    for (int w = 0; w < kSamples / perWindow; ++w) {
        const double t0 = w * perWindow * 0.1;
        const double t1 = t0 + 59.9; // the window's last sample
        // Nothing drawn in this minute beyond what was measured near it...
        const auto [nearLo, nearHi] = rawRange(t0 - reach, t1 + reach);
        const auto [drawnLo, drawnHi] = drawnRange(t0, t1);
        ASSERT_GE(drawnLo, nearLo - 1e-12) << "minute " << w;
        ASSERT_LE(drawnHi, nearHi + 1e-12) << "minute " << w;
        // ...and the minute's own extremes are drawn, at most one bucket away.
        const auto [exactLo, exactHi] = rawRange(t0, t1);
        const auto [aroundLo, aroundHi] = drawnRange(t0 - reach, t1 + reach);
        ASSERT_LE(aroundLo, exactLo + 1e-12) << "minute " << w;
        ASSERT_GE(aroundHi, exactHi - 1e-12) << "minute " << w;
    }
    // The two one-sample spikes are drawn, and the value axis shows them.
    bool found = false;
    const QCPRange drawn = graph->getValueRange(found);
    ASSERT_TRUE(found);
    EXPECT_DOUBLE_EQ(drawn.upper, 66.0);
    EXPECT_DOUBLE_EQ(drawn.lower, 41.0);
    EXPECT_TRUE(custom->yAxis->range().contains(66.0));
    EXPECT_TRUE(custom->yAxis->range().contains(41.0));
}
