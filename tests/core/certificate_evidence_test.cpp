// Remaining life on a certificate from a pack's capacity history (core/certificate_evidence.h):
// the history is drawn here from a known fade law, which is the truth the projection must find.
#include "core/certificate_evidence.h"

#include <QDateTime>
#include <gtest/gtest.h>
#include <random>

using namespace pg;

namespace {

// SoH falling by `perYear` from 0.95, tested every `days` days `count` times, with sensor noise.
std::vector<std::pair<QDateTime, double>> history(int count, int days, double perYear, double noise)
{
    std::mt19937 rng(11);
    std::normal_distribution<double> n(0.0, noise);
    const QDateTime start(QDate(2024, 1, 1), QTime(8, 0), Qt::UTC);
    std::vector<std::pair<QDateTime, double>> h;
    for (int i = 0; i < count; ++i)
        h.push_back({ start.addDays(static_cast<qint64>(i) * days),
            0.95 - perYear * (i * days) / 365.25 + n(rng) });
    return h;
}

} // namespace

TEST(CertificateLife, ProjectsTheFadeLawOfTheHistory)
{
    // 0.95 - 0.05/year: 0.70 is reached 5 years after the first test; the last of 25 monthly
    // tests is at 2 years, so about 3 years remain.
    const auto h = history(25, 30, 0.05, 0.002);
    const double lastYears = (24 * 30) / 365.25;
    const double truth = (0.95 - 0.70) / 0.05 - lastYears;
    const core::LifeProjection p = core::projectRemainingLife(h, 0.70);
    ASSERT_TRUE(p.unavailable.isEmpty()) << p.unavailable.toStdString();
    EXPECT_NEAR(p.years, truth, 0.15 * truth);
    EXPECT_LE(p.yearsLow, p.years);
    EXPECT_GE(p.yearsHigh, p.years);
    EXPECT_LT(p.yearsLow, truth * 1.15);
    EXPECT_GT(p.yearsHigh, truth * 0.85);
    EXPECT_TRUE(p.method.contains(QStringLiteral("25 capacity tests"))) << p.method.toStdString();
}

TEST(CertificateLife, OneTestGivesNoFadeRateAndSaysWhy)
{
    const core::LifeProjection p = core::projectRemainingLife(history(1, 30, 0.05, 0.0), 0.70);
    EXPECT_TRUE(p.method.isEmpty());
    EXPECT_TRUE(p.unavailable.contains(QStringLiteral("at least 8"))) << p.unavailable.toStdString();
    EXPECT_TRUE(p.unavailable.contains(QStringLiteral("holds 1"))) << p.unavailable.toStdString();
}
