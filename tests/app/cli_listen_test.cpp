// `packgrade-cli listen DEVICE --profile P --json`: the live snapshot stream, end to end. The CLI
// runs as its own process on the shared virtualcan bus; a scripted foxBMS 2 pack in this process
// broadcasts every 50 ms, as a real BMS does, frames built with the foxBMS 2 DBC encoder from
// physical values chosen here. The last streamed snapshot must carry those values.
#include "can/dbc_parser.h"
#include "can/transport_factory.h"
#include "dbc_frames.h"
#include "test_paths.h"
#include "virtual_bus.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTimer>
#include <gtest/gtest.h>

using namespace pg;

namespace {

QStringList jsonLines(const QByteArray& out)
{
    QStringList lines = QString::fromUtf8(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return lines;
}

} // namespace

TEST(CliListen, ProfileStreamsLiveSnapshotsAsJsonLines)
{
    auto db = can::DbcParser::load(RESOURCES_DIR "/dbc/foxbms2.dbc", {});
    ASSERT_TRUE(db.has_value()) << db.error().toString();
    const can::DbcDecoder dbc(*db);
    // Truth: 712.3 V, charging at 35.27 A (foxBMS: positive = discharge), SoC 64.2 %, cells
    // 0..3 = 3.600, 3.607, 3.614, 3.621 V.
    const std::vector<can::CanFrame> cycle {
        pg::test::encodeFrame(
            dbc, "f_PackValuesP0", { { "BatteryVoltage", 712.3 }, { "Current", -35.27 } }),
        pg::test::encodeFrame(
            dbc, "f_PackStateEstimation", { { "MinimumSoc", 64.2 }, { "Soh", 91.5 } }),
        pg::test::encodeFrame(dbc, "f_CellVoltages",
            { { "f_CellVoltages_Mux", 0 }, { "CellVoltage_000", 3600 }, { "CellVoltage_001", 3607 },
                { "CellVoltage_002", 3614 }, { "CellVoltage_003", 3621 },
                // foxbms2.dbc VAL_ 592: flag 1 = "Valid", as foxBMS 2 v1.11.0 sends a measured cell
                { "CellVoltage_000_invalidFlag", 1 }, { "CellVoltage_001_invalidFlag", 1 },
                { "CellVoltage_002_invalidFlag", 1 }, { "CellVoltage_003_invalidFlag", 1 } }),
    };
    can::TransportOptions packSide;
    packSide.listenOnly = false;
    auto pack = can::createTransport(pg::test::virtualBus(), packSide);
    ASSERT_TRUE(pack.has_value());
    (*pack)->open();
    ASSERT_TRUE((*pack)->waitOpened(5000));
    QTimer broadcast;
    QObject::connect(&broadcast, &QTimer::timeout, [&] {
        for (const can::CanFrame& f : cycle)
            (void)(*pack)->send(f);
    });
    broadcast.start(50);

    QProcess cli;
    QSignalSpy done(&cli, &QProcess::finished);
    cli.start(pg::test::binPath(QStringLiteral("cli/packgrade-cli")),
        { QStringLiteral("listen"), pg::test::virtualBus(), QStringLiteral("--profile"),
            QStringLiteral("foxbms2"), QStringLiteral("--json"), QStringLiteral("--seconds"),
            QStringLiteral("3"), QStringLiteral("--interval"), QStringLiteral("0.25") });
    ASSERT_TRUE(done.wait(20000)) << "packgrade-cli did not finish";
    broadcast.stop();
    (*pack)->close();
    ASSERT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();

    const QStringList lines = jsonLines(cli.readAllStandardOutput());
    ASSERT_GE(lines.size(), 3) << "expected several snapshots and a summary";
    QJsonObject lastSnapshot;
    for (const QString& line : lines) {
        QJsonParseError e;
        const QJsonObject o = QJsonDocument::fromJson(line.toUtf8(), &e).object();
        ASSERT_EQ(e.error, QJsonParseError::NoError) << line.toStdString();
        if (o.value("type").toString() == "snapshot")
            lastSnapshot = o;
    }
    const QJsonObject summary = QJsonDocument::fromJson(lines.last().toUtf8()).object();
    EXPECT_EQ(summary.value("type").toString(), "summary");
    EXPECT_GT(summary.value("frames").toDouble(), 6);
    EXPECT_GE(summary.value("snapshots").toDouble(), 2);
    EXPECT_EQ(summary.value("profile").toString(), "foxbms2");

    const QJsonObject fields = lastSnapshot.value("fields").toObject();
    EXPECT_NEAR(fields.value("pack_voltage_v").toDouble(), 712.3, 0.05 + 1e-9); // 0.1 V steps
    EXPECT_NEAR(fields.value("pack_current_a").toDouble(), -35.27, 0.005 + 1e-9);
    EXPECT_NEAR(fields.value("soc_pct").toDouble(), 64.2, 0.05 + 1e-9);
    const QJsonArray cells = fields.value("cell_voltage_v").toArray();
    ASSERT_EQ(cells.size(), 4);
    for (int i = 0; i < 4; ++i)
        EXPECT_NEAR(cells[i].toDouble(), 3.600 + 0.007 * i, 0.0005 + 1e-9) << i;
    EXPECT_TRUE(lastSnapshot.value("stale").toArray().isEmpty());
}

TEST(CliListen, BadProfileExitsThreeNamingTheFile)
{
    QProcess cli;
    cli.start(pg::test::binPath(QStringLiteral("cli/packgrade-cli")),
        { QStringLiteral("listen"), pg::test::virtualBus(), QStringLiteral("--profile"),
            pg::test::dataPath(QStringLiteral("profiles/bad_unknown_signal.json")),
            QStringLiteral("--json") });
    ASSERT_TRUE(cli.waitForFinished(20000));
    EXPECT_EQ(cli.exitCode(), 3);
    const QByteArray err = cli.readAllStandardError();
    EXPECT_TRUE(err.contains("bad_unknown_signal.json")) << err.toStdString();
    EXPECT_TRUE(cli.readAllStandardOutput().isEmpty());
}

// The replay device plays a real capture as a live adapter would. shared/data/README.md lists the
// foxBMS 2 trace: 9 frames, ids 0x243 (twice), 0x241, 0x220, 0x250, 0x244, 0x260, 0x232, 0x231.
TEST(CliListen, WithoutProfileCountsFramesAndIdsOfARealCapture)
{
    const QString device = QStringLiteral("replay:")
        + pg::test::sharedDataPath(QStringLiteral("can_logs/foxbms2_pcan.trc"))
        + QStringLiteral("@1");
    QProcess cli;
    cli.start(pg::test::binPath(QStringLiteral("cli/packgrade-cli")),
        { QStringLiteral("listen"), device, QStringLiteral("--json"), QStringLiteral("--seconds"),
            QStringLiteral("3") });
    ASSERT_TRUE(cli.waitForFinished(20000));
    ASSERT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();
    const QJsonObject o = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    EXPECT_EQ(o.value("frames").toInt(), 9);
    EXPECT_EQ(o.value("ids").toInt(), 8);
}

// The same capture through the foxbms2 profile: frame 0x220 carries BmsState 10 (ERROR) with
// GeneralError set (the hand decode in docs/notes-dbc.md), so the stream's last snapshot says so.
TEST(CliListen, ProfileOnARealCaptureReportsTheBmsError)
{
    const QString device = QStringLiteral("replay:")
        + pg::test::sharedDataPath(QStringLiteral("can_logs/foxbms2_pcan.trc"))
        + QStringLiteral("@1");
    QProcess cli;
    cli.start(pg::test::binPath(QStringLiteral("cli/packgrade-cli")),
        { QStringLiteral("listen"), device, QStringLiteral("--profile"), QStringLiteral("foxbms2"),
            QStringLiteral("--json"), QStringLiteral("--seconds"), QStringLiteral("3"),
            QStringLiteral("--interval"), QStringLiteral("0.01") });
    ASSERT_TRUE(cli.waitForFinished(20000));
    ASSERT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();
    const QStringList lines = jsonLines(cli.readAllStandardOutput());
    ASSERT_GE(lines.size(), 2);
    const QJsonObject summary = QJsonDocument::fromJson(lines.last().toUtf8()).object();
    EXPECT_EQ(summary.value("type").toString(), "summary");
    EXPECT_EQ(summary.value("frames").toInt(), 9);
    const QJsonObject fields = summary.value("fields").toObject();
    EXPECT_EQ(fields.value("bms_state").toDouble(), 10.0);
    EXPECT_EQ(fields.value("fault_active").toDouble(), 1.0);
}
