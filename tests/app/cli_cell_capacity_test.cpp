// Per-cell capacities of a simulated capacity test (`packgrade-cli simulate --procedure
// capacity`, a separate process) against the simulator's own per-cell truth (the `truth` object
// it prints: each cell's capacity), and the session's assessment carrying them and the spread the
// grading policy's capacity_spread rule reads.
#include "core/session_grading.h"
#include "test_paths.h"
#include "tool_runner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>

using namespace pg;

namespace {

struct SimRun {
    QJsonObject json;
    QString dir;
};

// The spec with `profile` replaced (to read the cells through a real profile over CAN).
QString specWithProfile(const QTemporaryDir& tmp, const QString& spec, const QString& profile)
{
    QFile in(spec);
    EXPECT_TRUE(in.open(QIODevice::ReadOnly)) << spec.toStdString();
    QJsonObject o = QJsonDocument::fromJson(in.readAll()).object();
    o[QStringLiteral("profile")] = profile;
    const QString path = tmp.filePath(QStringLiteral("spec-%1.json").arg(profile));
    QFile out(path);
    EXPECT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(o).toJson());
    return path;
}

SimRun simulateCapacity(const QTemporaryDir& tmp, const QString& spec, const QString& bms)
{
    SimRun r;
    r.dir = tmp.filePath(QStringLiteral("session-%1-%2").arg(QFileInfo(spec).baseName(), bms));
    const auto t = test::runTool(test::binPath(QStringLiteral("cli/packgrade-cli")),
        { QStringLiteral("simulate"), QStringLiteral("--pack"), spec, QStringLiteral("--procedure"),
            QStringLiteral("capacity"), QStringLiteral("--bms"), bms, QStringLiteral("--speed"),
            QStringLiteral("2000"), QStringLiteral("--out"), r.dir, QStringLiteral("--json") },
        110000);
    EXPECT_EQ(t.exitCode, 0) << t.err.toStdString();
    r.json = QJsonDocument::fromJson(t.out).object();
    return r;
}

struct Compared {
    int determinable = 0;
    double worstErrorPct = 0.0; // |estimate - truth| / truth
    double worstZ = 0.0; // |estimate - truth| / stderr
};

// Each determinable cell's capacity against the simulator's truth: within 3 of its own standard
// errors. Returns the figures for the notes.
Compared compareWithTruth(const SimRun& r, const char* what)
{
    Compared c;
    const QJsonObject est = r.json.value(QStringLiteral("estimates"))
                                .toObject()
                                .value(QStringLiteral("cell_capacity"))
                                .toObject();
    const QJsonArray truth = r.json.value(QStringLiteral("truth"))
                                 .toObject()
                                 .value(QStringLiteral("cells"))
                                 .toArray();
    EXPECT_FALSE(est.contains(QStringLiteral("error")))
        << what << ": " << est.value(QStringLiteral("error")).toString().toStdString();
    const QJsonArray cells = est.value(QStringLiteral("cells")).toArray();
    EXPECT_EQ(cells.size(), truth.size()) << what;
    for (qsizetype i = 0; i < std::min(cells.size(), truth.size()); ++i) {
        const QJsonObject cell = cells[i].toObject();
        const double t = truth[i].toObject().value(QStringLiteral("capacity_ah")).toDouble();
        if (!cell.value(QStringLiteral("determinable")).toBool()) {
            EXPECT_TRUE(cell.value(QStringLiteral("capacity_ah")).isNull()) << what << " cell " << i;
            EXPECT_FALSE(cell.value(QStringLiteral("reason")).toString().isEmpty());
            continue;
        }
        ++c.determinable;
        const QJsonObject e = cell.value(QStringLiteral("capacity_ah")).toObject();
        const double v = e.value(QStringLiteral("value")).toDouble();
        const double se = e.value(QStringLiteral("stderr")).toDouble();
        EXPECT_NEAR(v, t, 3.0 * se) << what << " cell " << i;
        c.worstErrorPct = std::max(c.worstErrorPct, 100.0 * std::abs(v - t) / t);
        c.worstZ = std::max(c.worstZ, std::abs(v - t) / se);
    }
    std::printf("[ figures  ] %s: %d of %lld cells determinable, worst error %.2f %%, worst |z| %.2f\n",
        what, c.determinable, static_cast<long long>(truth.size()), c.worstErrorPct, c.worstZ);
    return c;
}

double truthSpread(const SimRun& r, int* weakest)
{
    const QJsonArray truth
        = r.json.value(QStringLiteral("truth")).toObject().value(QStringLiteral("cells")).toArray();
    double lo = INFINITY, hi = 0;
    for (qsizetype i = 0; i < truth.size(); ++i) {
        const double c = truth[i].toObject().value(QStringLiteral("capacity_ah")).toDouble();
        if (c < lo)
            *weakest = static_cast<int>(i);
        lo = std::min(lo, c);
        hi = std::max(hi, c);
    }
    return (hi - lo) / hi;
}

bool cliBuilt()
{
    return QFile::exists(test::binPath(QStringLiteral("cli/packgrade-cli")));
}

} // namespace

// The weak-cell spec (cell 5 at 0.7 x capacity): every cell's capacity from its rested OCVs, the
// weakest cell found, and the assessment's capacity_spread is the per-cell spread.
TEST(CellCapacitySession, WeakCellSpecMatchesTheSimulatorsPerCellTruth)
{
    if (!cliBuilt())
        GTEST_SKIP() << "packgrade-cli not built";
    QTemporaryDir tmp;
    const SimRun r = simulateCapacity(
        tmp, QStringLiteral(RESOURCES_DIR "/sim/stationary-16s-weak-cell.json"), QStringLiteral("direct"));
    ASSERT_EQ(r.json.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    const Compared c = compareWithTruth(r, "weak-cell spec, direct BMS");
    EXPECT_EQ(c.determinable, 16);
    int weakest = -1;
    const double spread = truthSpread(r, &weakest);
    EXPECT_EQ(weakest, 5);
    auto a = core::assessSessionFolder(r.dir);
    ASSERT_TRUE(a.has_value()) << a.error().message.toStdString();
    ASSERT_TRUE(a->cellCapacities.has_value()) << a->notes.join(QStringLiteral("; ")).toStdString();
    EXPECT_EQ(a->cellCapacities->weakestCell, 5);
    EXPECT_EQ(a->cellCapacities->cellsAh.size(), 16U);
    const models::Estimate& s = a->assessment.capacitySpread;
    ASSERT_TRUE(s.valid()) << a->notes.join(QStringLiteral("; ")).toStdString();
    EXPECT_NEAR(s.value, spread, 3.0 * s.stderrValue + 0.002);
    std::printf("[ figures  ] weak-cell spread: estimate %.4f +- %.4f, truth %.4f\n", s.value,
        s.stderrValue, spread);
    const auto m = std::find_if(a->measurements.begin(), a->measurements.end(),
        [](const core::SessionMeasurement& x) { return x.kind == QLatin1String("capacity_spread"); });
    EXPECT_NE(m, a->measurements.end());
}

// The same pack read through a real profile over the simulated CAN bus (foxBMS 2: 1 mV cells).
TEST(CellCapacitySession, WeakCellSpecOverFoxbmsCanMatchesTruth)
{
    if (!cliBuilt())
        GTEST_SKIP() << "packgrade-cli not built";
    QTemporaryDir tmp;
    const QString spec = specWithProfile(
        tmp, QStringLiteral(RESOURCES_DIR "/sim/stationary-16s-weak-cell.json"), QStringLiteral("foxbms2"));
    const SimRun r = simulateCapacity(tmp, spec, QStringLiteral("can"));
    ASSERT_EQ(r.json.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    const Compared c = compareWithTruth(r, "weak-cell spec, foxBMS 2 over CAN");
    EXPECT_EQ(c.determinable, 16);
    const QJsonObject est = r.json.value(QStringLiteral("estimates"))
                                .toObject()
                                .value(QStringLiteral("cell_capacity"))
                                .toObject();
    EXPECT_EQ(est.value(QStringLiteral("weakest_cell")).toInt(), 5);
}

// A healthy LFP module (the shipped healthy spec): the cells that end on the flat plateau, if
// any, are "not determinable"; every number given agrees with the truth, and a spread is given
// only when every cell has a capacity.
TEST(CellCapacitySession, HealthyLfpSpecGivesNumbersOnlyWhereTheOcvTells)
{
    if (!cliBuilt())
        GTEST_SKIP() << "packgrade-cli not built";
    QTemporaryDir tmp;
    const SimRun r = simulateCapacity(
        tmp, QStringLiteral(RESOURCES_DIR "/sim/stationary-16s-healthy.json"), QStringLiteral("direct"));
    ASSERT_EQ(r.json.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    const Compared c = compareWithTruth(r, "healthy LFP spec, direct BMS");
    auto a = core::assessSessionFolder(r.dir);
    ASSERT_TRUE(a.has_value()) << a.error().message.toStdString();
    ASSERT_TRUE(a->cellCapacities.has_value());
    const models::Estimate& s = a->assessment.capacitySpread;
    if (c.determinable < 16) {
        EXPECT_FALSE(s.valid());
        EXPECT_FALSE(a->cellCapacities->notDeterminable.isEmpty());
    } else {
        int weakest = -1;
        const double spread = truthSpread(r, &weakest);
        ASSERT_TRUE(s.valid());
        EXPECT_NEAR(s.value, spread, 3.0 * s.stderrValue + 0.002);
        std::printf("[ figures  ] healthy LFP spread: estimate %.4f +- %.4f, truth %.4f\n", s.value,
            s.stderrValue, spread);
    }
}
