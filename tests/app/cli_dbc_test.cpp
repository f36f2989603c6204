// packgrade-cli replay --dbc and decode --csv, run as a user runs them (../shared/CLI.md).
// Expected values come from the capture's bytes (see dbc_foxbms_capture_test.cpp) and from
// tests/data/dbc/features_frames.log, whose frames were written by hand for features.dbc.
#include "test_paths.h"
#include "tool_runner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <cmath>
#include <gtest/gtest.h>
#include <set>
#include <tuple>

namespace {

using CliRun = pg::test::CliResult;
CliRun cli(const QStringList& args) { return pg::test::runCli(args); }

const QString kTrc = pg::test::sharedDataPath("can_logs/foxbms2_pcan.trc");
const QString kFoxDbc = pg::test::sharedDataPath("dbc/foxbms2.dbc");

class DbcCli : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (!QFile::exists(pg::test::binPath("cli/packgrade-cli")))
            GTEST_SKIP()
                << "packgrade-cli is not built (cmake --build build --target packgrade-cli)";
    }
};

} // namespace

TEST_F(DbcCli, ReplayJsonFillsSignals)
{
    const CliRun r = cli({ "replay", kTrc, "--dbc", kFoxDbc, "--json" });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    EXPECT_EQ(o.value("frames").toInt(), 9);
    const QJsonObject sigs = o.value("signals").toObject();
    const QJsonObject state = sigs.value("f_BmsState.BmsState").toObject();
    EXPECT_EQ(state.value("count").toInt(), 1);
    EXPECT_DOUBLE_EQ(state.value("last").toDouble(), 10.0);
    EXPECT_EQ(state.value("last_label").toString(), "ERROR");
    const QJsonObject volts = sigs.value("f_StringValuesP0.Voltage").toObject();
    EXPECT_EQ(volts.value("count").toInt(), 2); // 0x243 appears twice in the trace
    EXPECT_NEAR(volts.value("min").toDouble(), 63.93, 1e-9);
    EXPECT_NEAR(volts.value("max").toDouble(), 63.93, 1e-9);
    EXPECT_EQ(volts.value("unit").toString(), "V");
    EXPECT_DOUBLE_EQ(
        sigs.value("f_CellVoltages.CellVoltage_008").toObject().value("last").toDouble(), 1996.0);
    EXPECT_FALSE(sigs.contains("f_CellVoltages.CellVoltage_000")); // mux 0 never on the bus
    EXPECT_EQ(o.value("dbc").toObject().value("decoded_frames").toInt(), 9);
}

TEST_F(DbcCli, BadDbcExitsThreeWithFileLineColumn)
{
    const QString bad = pg::test::dataPath("dbc/features_bad_order.dbc");
    const CliRun r = cli({ "replay", kTrc, "--dbc", bad, "--json" });
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_TRUE(r.out.isEmpty());
    const QString err = r.err.trimmed();
    EXPECT_FALSE(err.contains('\n')) << err.toStdString();
    EXPECT_TRUE(err.contains(bad + ":22:24: expected byte order 0 (Motorola) or 1 (Intel)"))
        << err.toStdString();
    const CliRun d = cli({ "decode", kTrc, "--dbc", bad, "--csv", "/dev/null" });
    EXPECT_EQ(d.exitCode, 3);
}

TEST_F(DbcCli, LenientLoadsTheRestAndWarns)
{
    const CliRun r = cli({ "replay", pg::test::dataPath("dbc/features_frames.log"), "--dbc",
        pg::test::dataPath("dbc/features_bad_order.dbc"), "--lenient", "--json" });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains("warning:")) << r.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    EXPECT_EQ(o.value("dbc").toObject().value("skipped").toArray().size(), 3);
    EXPECT_NEAR(
        o.value("signals").toObject().value("J1939Soc.Soc").toObject().value("last").toDouble(),
        80.0, 1e-9);
}

TEST_F(DbcCli, DecodeWritesOnlyActiveMultiplexedSignals)
{
    QTemporaryDir dir;
    const QString out = dir.filePath("decoded.csv");
    const CliRun r = cli({ "decode", pg::test::dataPath("dbc/features_frames.log"), "--dbc",
        pg::test::dataPath("dbc/features.dbc"), "--csv", out, "--json" });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    EXPECT_EQ(o.value("frames").toInt(), 6);
    EXPECT_EQ(o.value("unknown_id_frames").toInt(), 1); // 0x7FF
    QFile f(out);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    ASSERT_FALSE(lines.isEmpty());
    EXPECT_EQ(lines.front(), "time_s,message,signal,value");
    std::set<std::tuple<std::string, std::string, std::string, double>> rows;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> c = lines[i].split(',');
        ASSERT_EQ(c.size(), 4) << lines[i].toStdString();
        rows.insert({ c[0].toStdString(), c[1].toStdString(), c[2].toStdString(),
            std::round(c[3].toDouble() * 1e6) / 1e6 });
    }
    // By hand from features_frames.log and features.dbc (see dbc_decoder_test.cpp for the bits).
    const std::set<std::tuple<std::string, std::string, std::string, double>> expected = {
        { "1.000000", "Cells", "Index", 0 },
        { "1.000000", "Cells", "Status", 1 },
        { "1.000000", "Cells", "CellA", 10 },
        { "1.000000", "Cells", "CellB", 20 },
        { "1.010000", "Cells", "Index", 1 },
        { "1.010000", "Cells", "Status", 2 },
        { "1.010000", "Cells", "CellA1", 4.66 },
        { "1.020000", "Diag", "Service", 1 },
        { "1.020000", "Diag", "Sub", 21 },
        { "1.020000", "Diag", "Temp", -10 },
        { "1.030000", "Diag", "Service", 4 },
        { "1.030000", "Diag", "Ranged", 7 },
        { "1.050000", "J1939Soc", "Soc", 80 },
    };
    EXPECT_EQ(rows, expected);
    EXPECT_EQ(o.value("rows").toInt(), static_cast<int>(expected.size()));
}

TEST_F(DbcCli, DecodeKeepsTheLogsOwnTimestamps)
{
    QTemporaryDir dir;
    const QString out = dir.filePath("fox.csv");
    const CliRun r = cli({ "decode", kTrc, "--dbc", kFoxDbc, "--csv", out });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    QFile f(out);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    ASSERT_GT(lines.size(), 1);
    // The trace's offsets: first frame 1.000 ms, 0x250 at 30.000 ms, last frame 61.000 ms.
    const double first = lines[1].split(',')[0].toDouble();
    double cells = -1;
    for (const QByteArray& l : lines) {
        if (l.contains(",f_CellVoltages,CellVoltage_008,"))
            cells = l.split(',')[0].toDouble();
    }
    EXPECT_NEAR(cells - first, 0.029, 1e-6);
    EXPECT_NEAR(lines.back().split(',')[0].toDouble() - first, 0.060, 1e-6);
    EXPECT_GT(first, 1.7e9); // PCAN $STARTTIME 2025-02-25, epoch seconds
}
