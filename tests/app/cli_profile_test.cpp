// packgrade-cli as a user runs it: `replay LOG --profile P --json` fills `signals` with the
// snapshot fields, `profile new --dbc F` writes a mapping that `replay --profile` then accepts,
// and a bad profile exits 3 naming file and key.
#include "test_paths.h"
#include "tool_runner.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <gtest/gtest.h>

namespace {

using CliRun = pg::test::CliResult;
CliRun cli(const QStringList& args) { return pg::test::runCli(args); }

QString capture()
{
    return pg::test::sharedDataPath(QStringLiteral("can_logs/foxbms2_pcan.trc"));
}

} // namespace

TEST(ProfileCli, ReplayWithProfilePrintsSnapshotFieldsAsSignals)
{
    if (!QFile::exists(pg::test::binPath(QStringLiteral("cli/packgrade-cli"))))
        GTEST_SKIP() << "packgrade-cli not built";
    const CliRun r = cli({ QStringLiteral("replay"), capture(), QStringLiteral("--profile"),
        QStringLiteral("foxbms2"), QStringLiteral("--json") });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    EXPECT_EQ(o.value(QStringLiteral("frames")).toInt(), 9);
    const QJsonObject signalMap = o.value(QStringLiteral("signals")).toObject();
    // The capture's per-cell flags are 0, "Invalid" in the shipped (v1.11.0) DBC: counted as
    // invalid, never as a reading (tests/core/pack_snapshot_test.cpp explains the polarity).
    const QJsonObject flagged = signalMap.value(QStringLiteral("cell_voltage_v")).toObject();
    EXPECT_EQ(flagged.value(QStringLiteral("count")).toInt(), 0);
    EXPECT_EQ(flagged.value(QStringLiteral("invalid")).toInt(), 4);
    EXPECT_DOUBLE_EQ(signalMap.value(QStringLiteral("bms_state"))
                         .toObject()
                         .value(QStringLiteral("last"))
                         .toDouble(),
        10);
    // Through a mapping with the v1.7.0 polarity (flag 1 = invalid) the cells are the hand decode.
    const CliRun old = cli({ QStringLiteral("replay"), capture(), QStringLiteral("--profile"),
        pg::test::dataPath(QStringLiteral("profiles/foxbms2_v1_7_flags.json")),
        QStringLiteral("--json") });
    ASSERT_EQ(old.exitCode, 0) << old.err.toStdString();
    const QJsonObject oldMap
        = QJsonDocument::fromJson(old.out).object().value(QStringLiteral("signals")).toObject();
    const QJsonObject cell8 = oldMap.value(QStringLiteral("cell_voltage_v[8]")).toObject();
    EXPECT_DOUBLE_EQ(cell8.value(QStringLiteral("last")).toDouble(), 1.996);
    const QJsonObject cells = oldMap.value(QStringLiteral("cell_voltage_v")).toObject();
    EXPECT_EQ(cells.value(QStringLiteral("count")).toInt(), 4);
    EXPECT_DOUBLE_EQ(cells.value(QStringLiteral("min")).toDouble(), 1.996);
    EXPECT_DOUBLE_EQ(cells.value(QStringLiteral("max")).toDouble(), 2.005);
}

TEST(ProfileCli, ProfileNewWritesAMappingThatReplayAccepts)
{
    if (!QFile::exists(pg::test::binPath(QStringLiteral("cli/packgrade-cli"))))
        GTEST_SKIP() << "packgrade-cli not built";
    QTemporaryDir dir;
    const QString mapping = dir.filePath(QStringLiteral("fox.json"));
    const CliRun made = cli({ QStringLiteral("profile"), QStringLiteral("new"),
        QStringLiteral("--dbc"), pg::test::sharedDataPath(QStringLiteral("dbc/foxbms2.dbc")),
        QStringLiteral("--out"), mapping });
    ASSERT_EQ(made.exitCode, 0) << made.err.toStdString();
    EXPECT_TRUE(made.err.contains("GAP"));
    const CliRun r = cli({ QStringLiteral("replay"), capture(), QStringLiteral("--profile"), mapping,
        QStringLiteral("--json") });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    const QJsonObject signalMap
        = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("signals")).toObject();
    EXPECT_DOUBLE_EQ(signalMap.value(QStringLiteral("cell_voltage_v[9]"))
                         .toObject()
                         .value(QStringLiteral("last"))
                         .toDouble(),
        2.005); // the guessed pattern and mV -> V scale found the cells
}

TEST(ProfileCli, BadProfileExitsThreeNamingFileAndKey)
{
    if (!QFile::exists(pg::test::binPath(QStringLiteral("cli/packgrade-cli"))))
        GTEST_SKIP() << "packgrade-cli not built";
    const CliRun r = cli({ QStringLiteral("replay"), capture(), QStringLiteral("--profile"),
        pg::test::dataPath(QStringLiteral("profiles/bad_unknown_key.json")) });
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_TRUE(r.err.contains("bad_unknown_key.json: fields[0].scael: unknown key"))
        << r.err.toStdString();
}
