// Issue 8: `grade --log LOG --profile P`, the pre-check grade from a CAN log alone: on the public
// foxBMS 2 capture, and on Orion BMS 2 logs this test writes byte by byte from PROTOCOLS.md 4
// (so the truth is the test's own choice of cell voltages, not the decoder's output).
#include "cli_session_fixture.h"

#include <QJsonArray>
#include <vector>

using namespace pg::test;

namespace {

QString hexByte(int b)
{
    return QStringLiteral("%1").arg(b & 0xFF, 2, 16, QLatin1Char('0')).toUpper();
}

// 0x36 cell broadcast: id, voltage x0.1 mV (big-endian), resistance, OCV x0.1 mV, checksum
// (0x36 + 8 + sum of bytes 0-6) & 0xFF.
QString cellFrame(int id, double voltageV)
{
    const int raw = static_cast<int>(std::lround(voltageV * 10000.0));
    const int bytes[7] = { id, raw >> 8, raw, 0, 0, raw >> 8, raw };
    int sum = 0x36 + 8;
    QString data;
    for (int b : bytes) {
        data += hexByte(b);
        sum += b & 0xFF;
    }
    return QStringLiteral("036#") + data + hexByte(sum);
}

// 0x6B0 pack status: current s16 x0.1 A, voltage u16 x0.1 V, SoC x0.5 % (all big-endian).
QString statusFrame(double voltageV, double socPct)
{
    const int v = static_cast<int>(std::lround(voltageV * 10.0));
    const int soc = static_cast<int>(std::lround(socPct * 2.0));
    return QStringLiteral("6B0#0000") + hexByte(v >> 8) + hexByte(v) + hexByte(soc)
        + QStringLiteral("000000");
}

QString writeOrionLog(const QTemporaryDir& dir, const std::vector<double>& cells, double socPct)
{
    const QString path = dir.filePath(QStringLiteral("orion.log"));
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    double t = 1700000000.0;
    double packV = 0;
    for (double v : cells)
        packV += v;
    for (int round = 0; round < 3; ++round) {
        f.write(QStringLiteral("(%1) can0 %2\n")
                    .arg(t, 0, 'f', 6)
                    .arg(statusFrame(packV, socPct))
                    .toLatin1());
        for (std::size_t k = 0; k < cells.size(); ++k) {
            t += 0.01;
            f.write(QStringLiteral("(%1) can0 %2\n")
                        .arg(t, 0, 'f', 6)
                        .arg(cellFrame(static_cast<int>(k), cells[k]))
                        .toLatin1());
        }
        t += 0.1;
    }
    return path;
}

Cli gradeLog(const QString& log, const QString& profile, const QStringList& extra = {})
{
    return runCli(QStringList { QStringLiteral("grade"), QStringLiteral("--log"), log,
                      QStringLiteral("--profile"), profile, QStringLiteral("--no-store"),
                      QStringLiteral("--json") }
        + extra);
}

} // namespace

TEST(GradeLog, OrionRestingPackGivesTheCellSpreadItWasWrittenWith)
{
    QTemporaryDir dir;
    std::vector<double> cells;
    for (int k = 0; k < 12; ++k)
        cells.push_back(3.6500 + 0.0010 * k + (k == 7 ? 0.0042 : 0.0));
    const Cli g = gradeLog(writeOrionLog(dir, cells, 80.0), QStringLiteral("orion-bms2"));
    ASSERT_EQ(g.exitCode, 0) << g.err.toStdString();
    for (const char* key : { "id", "grade", "soh_capacity", "soh_capacity_interval",
             "soh_resistance", "cell_spread_v", "reasons", "policy" })
        EXPECT_TRUE(g.json.contains(QLatin1String(key))) << key;
    const double spread = *std::max_element(cells.begin(), cells.end())
        - *std::min_element(cells.begin(), cells.end());
    EXPECT_NEAR(g.json.value(QStringLiteral("cell_spread_v")).toDouble(), spread,
        1e-4 + 1e-9); // 0.1 mV resolution
    const QJsonObject pre = g.json.value(QStringLiteral("precheck")).toObject();
    EXPECT_NEAR(pre.value(QStringLiteral("bms_soc_pct")).toDouble(), 80.0, 0.25);
    EXPECT_EQ(pre.value(QStringLiteral("cell_voltages_v")).toArray().size(), 12);
    EXPECT_TRUE(g.json.value(QStringLiteral("hazards")).toArray().isEmpty());
    EXPECT_NE(g.json.value(QStringLiteral("grade")).toString(), QStringLiteral("recycle"));
    // No BMS SoH in Orion's broadcast: capacity not measured, so the grade cannot be certified.
    EXPECT_EQ(g.json.value(QStringLiteral("grade")).toString(), QStringLiteral("retest"));
}

TEST(GradeLog, CellBelowTheChemistryFloorIsARecycleHazard)
{
    QTemporaryDir dir;
    std::vector<double> cells(12, 3.60);
    cells[4] = 1.95; // below the 2.0 V NMC floor
    const Cli g = gradeLog(writeOrionLog(dir, cells, 40.0), QStringLiteral("orion-bms2"),
        { QStringLiteral("--chemistry"), QStringLiteral("nmc") });
    ASSERT_EQ(g.exitCode, 0) << g.err.toStdString();
    EXPECT_EQ(g.json.value(QStringLiteral("grade")).toString(), QStringLiteral("recycle"));
    ASSERT_EQ(g.json.value(QStringLiteral("hazards")).toArray().size(), 1);
    const QString first = g.json.value(QStringLiteral("reasons")).toArray().at(0).toString();
    EXPECT_TRUE(first.contains(QStringLiteral("1.950")) && first.contains(QStringLiteral("floor")))
        << first.toStdString();
}

TEST(GradeLog, FoxBms2PublicCaptureHasACellAtTheFloorAndIsIdentifiedByItsHash)
{
    const QString log = QStringLiteral(RESOURCES_DIR "/demo/foxbms2_bench.trc");
    // The capture's per-value flags are all 0: "Invalid" for the shipped v1.11.0 profile, "valid"
    // for v1.7.0 firmware, whose polarity fits its plausible readings (pack_snapshot_test.cpp).
    const Cli g = gradeLog(log, pg::test::dataPath(QStringLiteral("profiles/foxbms2_v1_7_flags.json")));
    ASSERT_EQ(g.exitCode, 0) << g.err.toStdString();
    EXPECT_EQ(g.json.value(QStringLiteral("log_sha256")).toString(), fileSha256(log));
    EXPECT_EQ(g.json.value(QStringLiteral("pack_serial")).toString(),
        QStringLiteral("LOG-") + fileSha256(log).left(12));
    EXPECT_EQ(g.json.value(QStringLiteral("policy"))
                  .toObject()
                  .value(QStringLiteral("sha256"))
                  .toString(),
        fileSha256(QStringLiteral(RESOURCES_DIR "/policies/default.json")));
    // Frame 0x250 (mux 2) carries cell 8 at 0x7CC = 1996 mV (decoded by hand from the bytes
    // 02 03 E6 1F ... in tests/can/dbc_foxbms_capture_test.cpp): under the 2.0 V NMC floor.
    EXPECT_EQ(g.json.value(QStringLiteral("grade")).toString(), QStringLiteral("recycle"));
    const QJsonArray hazards = g.json.value(QStringLiteral("hazards")).toArray();
    ASSERT_EQ(hazards.size(), 1);
    EXPECT_TRUE(hazards.at(0).toString().contains(QStringLiteral("1.996 V")))
        << hazards.at(0).toString().toStdString();
    EXPECT_NEAR(g.json.value(QStringLiteral("precheck"))
                    .toObject()
                    .value(QStringLiteral("cell_min_v"))
                    .toDouble(),
        1.996, 1e-9);
}

TEST(GradeLog, MissingProfileIsAUsageErrorAndABadLogNamesTheFile)
{
    QTemporaryDir dir;
    const Cli noProfile = runCli({ QStringLiteral("grade"), QStringLiteral("--log"),
        dir.filePath(QStringLiteral("x.log")) });
    EXPECT_EQ(noProfile.exitCode, 2);
    const Cli missing
        = gradeLog(dir.filePath(QStringLiteral("absent.log")), QStringLiteral("orion-bms2"));
    EXPECT_EQ(missing.exitCode, 3);
    EXPECT_TRUE(missing.err.contains(QStringLiteral("absent.log"))) << missing.err.toStdString();
}
