// packgrade-cli fit-ecm / capacity / fade as a user runs them: the CLI.md keys, exit codes, and
// numbers checked against the public data's own reference values.
#include "test_paths.h"
#include "tool_runner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <gtest/gtest.h>

namespace {

using pg::test::runCli;

using CliRun = pg::test::CliResult;

QString shared(const char* name) { return pg::test::sharedDataPath(QLatin1String(name)); }

} // namespace

TEST(CliModels, FitEcmPrintsContractKeys)
{
    const CliRun r = runCli({ QStringLiteral("fit-ecm"), shared("lgm50/pulse_25c.csv"), QStringLiteral("--model"),
        QStringLiteral("2rc"), QStringLiteral("--json") });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    for (const char* k : { "model", "r0_ohm", "r1_ohm", "c1_f", "r2_ohm", "c2_f", "rmse_v", "stderr" })
        EXPECT_TRUE(r.json.contains(QLatin1String(k))) << k;
    EXPECT_EQ(r.json[QStringLiteral("model")].toString(), QStringLiteral("2rc"));
    const QJsonObject se = r.json[QStringLiteral("stderr")].toObject();
    for (const char* k : { "r0_ohm", "r1_ohm", "c1_f", "r2_ohm", "c2_f" })
        EXPECT_GT(se[QLatin1String(k)].toDouble(), 0.0) << k;
    EXPECT_LT(r.json[QStringLiteral("rmse_v")].toDouble(), 0.010);
    const double fast = r.json[QStringLiteral("r0_ohm")].toDouble() + r.json[QStringLiteral("r1_ohm")].toDouble();
    EXPECT_NEAR(fast, 0.0319, 0.1 * 0.0319); // TECMD R0 + Rp at 25 degC
}

TEST(CliModels, FitEcm1rcHasNoSecondBranch)
{
    const CliRun r = runCli({ QStringLiteral("fit-ecm"), shared("lgm50/pulse_25c.csv"), QStringLiteral("--model"),
        QStringLiteral("1rc"), QStringLiteral("--chemistry"), QStringLiteral("nmc"), QStringLiteral("--capacity-ah"),
        QStringLiteral("4.9"), QStringLiteral("--json") });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_FALSE(r.json.contains(QStringLiteral("r2_ohm")));
    EXPECT_TRUE(r.json.contains(QStringLiteral("c1_f")));
}

TEST(CliModels, CapacityFullAndPartial)
{
    const CliRun full = runCli({ QStringLiteral("capacity"), shared("nasa_pcoe/B0005_discharge_168.csv"), QStringLiteral("--json") });
    ASSERT_EQ(full.exitCode, 0) << full.err.toStdString();
    EXPECT_NEAR(full.json[QStringLiteral("capacity_ah")].toDouble(), 1.325079, 0.005 * 1.325079); // NASA cycle 168
    EXPECT_GT(full.json[QStringLiteral("stderr_ah")].toDouble(), 0.0);
    EXPECT_EQ(full.json[QStringLiteral("method")].toString(), QStringLiteral("coulomb-count-full"));
    const CliRun part = runCli({ QStringLiteral("capacity"), shared("lgm50/ratetest_0p1c_25c.csv"), QStringLiteral("--method"),
        QStringLiteral("partial"), QStringLiteral("--chemistry"), QStringLiteral("nmc"), QStringLiteral("--json") });
    ASSERT_EQ(part.exitCode, 0) << part.err.toStdString();
    EXPECT_NEAR(part.json[QStringLiteral("capacity_ah")].toDouble(), 4.9446, 0.03 * 4.9446);
}

TEST(CliModels, FadeProjectsWithIntervals)
{
    QTemporaryDir dir;
    QFile in(shared("nasa_pcoe/B0006_capacity.csv"));
    ASSERT_TRUE(in.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = in.readAll().split('\n');
    QFile half(dir.filePath(QStringLiteral("half.csv")));
    ASSERT_TRUE(half.open(QIODevice::WriteOnly));
    for (int i = 0; i <= 84; ++i) // header + first 84 discharges
        half.write(lines[i] + '\n');
    half.close();
    const CliRun r = runCli({ QStringLiteral("fade"), half.fileName(), QStringLiteral("--nominal-ah"), QStringLiteral("2.0"),
        QStringLiteral("--json") });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    for (const char* k : { "model", "params", "rmse_ah", "cycles_to", "cycles_to_interval" })
        EXPECT_TRUE(r.json.contains(QLatin1String(k))) << k;
    const QJsonArray i70 = r.json[QStringLiteral("cycles_to_interval")].toObject()[QStringLiteral("0.7")].toArray();
    ASSERT_EQ(i70.size(), 2);
    EXPECT_LE(i70[0].toDouble(), 109.0); // README: B0006 first below 1.4 Ah at cycle 109
    EXPECT_GE(i70[1].toDouble(), 109.0);
}

TEST(CliModels, BadInputExitsThreeWithFileAndLine)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.csv"));
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("time_s,current_a,voltage_v\n0,0,3.7\n1,1,3.6\n1,1,3.6\n");
    f.close();
    const CliRun r = runCli({ QStringLiteral("fit-ecm"), path, QStringLiteral("--model"), QStringLiteral("2rc") });
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_TRUE(r.err.contains(path + QStringLiteral(":4:"))) << r.err.toStdString();
    EXPECT_EQ(r.err.trimmed().count(QLatin1Char('\n')), 0);
    const CliRun noPulse = runCli({ QStringLiteral("capacity"), shared("lgm50/pulse_25c.csv"), QStringLiteral("--method"),
        QStringLiteral("partial"), QStringLiteral("--chemistry"), QStringLiteral("nmc") });
    EXPECT_EQ(noPulse.exitCode, 3);
    EXPECT_TRUE(noPulse.err.contains(QStringLiteral("rests")));
    const CliRun fade = runCli({ QStringLiteral("fade"), shared("lgm50/pulse_25c.csv") });
    EXPECT_EQ(fade.exitCode, 3);
    EXPECT_TRUE(fade.err.contains(QStringLiteral("missing column 'cycle'")));
    EXPECT_EQ(runCli({ QStringLiteral("fit-ecm"), shared("lgm50/pulse_25c.csv"), QStringLiteral("--model"), QStringLiteral("3rc") }).exitCode, 2);
    EXPECT_EQ(runCli({ QStringLiteral("fit-ecm"), shared("lgm50/pulse_25c.csv"), QStringLiteral("--chemistry"), QStringLiteral("lto") }).exitCode, 2);
}
