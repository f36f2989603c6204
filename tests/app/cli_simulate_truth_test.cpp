// The simulator's true state of charge over time (`simulate --truth-series`) against what the
// bench measured: the charge that left the pack, integrated from the load's own current
// readings in the session's timeseries.csv, must equal the change of the cells' true remaining
// charge; and the series must end where the `truth` JSON's per-cell soc_end says.
#include "cli_session_fixture.h"
#include "tool_runner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <vector>

using namespace pg::test;

namespace {

std::vector<std::vector<double>> readCsv(const QString& path, QList<QByteArray>& header)
{
    std::vector<std::vector<double>> rows;
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
    header = f.readLine().trimmed().split(',');
    while (!f.atEnd()) {
        std::vector<double> row;
        for (const QByteArray& c : f.readLine().trimmed().split(','))
            row.push_back(c.toDouble());
        rows.push_back(row);
    }
    return rows;
}

} // namespace

TEST(CliSimulateTruth, TrueSocSeriesMatchesTheChargeTheBenchMeasured)
{
    QTemporaryDir dir;
    const QString spec = writeSpec(dir, QStringLiteral("pack.json"), { { QStringLiteral("soc"), 0.6 } });
    const QString series = dir.filePath(QStringLiteral("truth_soc.csv"));
    const CliResult r = runCli({ QStringLiteral("simulate"), QStringLiteral("--pack"), spec,
        QStringLiteral("--procedure"), QStringLiteral("capacity"), QStringLiteral("--bms"),
        QStringLiteral("direct"), QStringLiteral("--speed"), QStringLiteral("1000"),
        QStringLiteral("--out"), dir.filePath(QStringLiteral("s")), QStringLiteral("--truth-series"),
        series, QStringLiteral("--json") });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    ASSERT_EQ(r.json.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("s/truth_soc.csv"))))
        << "the truth is not part of the bench's record";

    QList<QByteArray> h;
    const auto truth = readCsv(series, h);
    ASSERT_EQ(h, (QList<QByteArray> { "time_s", "current_a", "soc_mean", "soc_min", "soc_max", "temp_max_c" }));
    ASSERT_GT(truth.size(), 100U);
    EXPECT_NEAR(truth.front()[2], 0.6, 1e-9); // the spec's starting SoC
    double maxGapS = 0;
    for (std::size_t k = 0; k < truth.size(); ++k) {
        EXPECT_LE(truth[k][3], truth[k][2] + 1e-12);
        EXPECT_GE(truth[k][4], truth[k][2] - 1e-12);
        if (k > 0) {
            EXPECT_GT(truth[k][0], truth[k - 1][0]);
            if (truth[k - 1][1] != 0.0 || truth[k][1] != 0.0)
                maxGapS = std::max(maxGapS, truth[k][0] - truth[k - 1][0]);
        }
    }
    EXPECT_LE(maxGapS, 5.0 + 1e-6) << "under current the series has a row at least every step";

    // The bench's own record: charge out of the pack from the load's current readings (each
    // reading is the current that flowed since the one before).
    const auto ts = readCsv(dir.filePath(QStringLiteral("s/timeseries.csv")), h);
    ASSERT_GT(ts.size(), 100U);
    double dischargedAs = 0;
    for (std::size_t k = 1; k < ts.size(); ++k)
        dischargedAs += ts[k][1] * (ts[k][0] - ts[k - 1][0]);
    // Every cell of a series string carries the pack current: the cells' charge changes by
    // series x that (one cell per group here), over their summed capacity.
    const QJsonArray cells = r.json.value(QStringLiteral("truth")).toObject().value(QStringLiteral("cells")).toArray();
    ASSERT_EQ(cells.size(), 12);
    double capacityAh = 0, chargeEndAh = 0;
    for (const QJsonValue& c : cells) {
        capacityAh += c.toObject().value(QStringLiteral("capacity_ah")).toDouble();
        chargeEndAh += c.toObject().value(QStringLiteral("capacity_ah")).toDouble()
            * c.toObject().value(QStringLiteral("soc_end")).toDouble();
    }
    const double trueChangeAh = (truth.front()[2] - truth.back()[2]) * capacityAh;
    const double measuredAh = 12.0 * dischargedAs / 3600.0;
    EXPECT_NEAR(trueChangeAh, measuredAh, 0.005 * 12.0 * 2.0) << "true " << trueChangeAh << " Ah, measured " << measuredAh << " Ah";
    // The series ends where the truth JSON's cells ended.
    EXPECT_NEAR(truth.back()[2], chargeEndAh / capacityAh, 1e-5);

    // A file that cannot be written is refused before the run, naming it.
    const CliResult bad = runCli({ QStringLiteral("simulate"), QStringLiteral("--pack"), spec,
        QStringLiteral("--procedure"), QStringLiteral("quick"), QStringLiteral("--out"),
        dir.filePath(QStringLiteral("s2")), QStringLiteral("--truth-series"),
        dir.filePath(QStringLiteral("no/such/dir/x.csv")) });
    EXPECT_EQ(bad.exitCode, 3);
    EXPECT_TRUE(bad.err.contains(QStringLiteral("no/such/dir/x.csv"))) << bad.err.toStdString();
}
