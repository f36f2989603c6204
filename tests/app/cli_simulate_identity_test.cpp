// What the simulated BMS says about itself (spec keys `serial`, `bms_soh`, `dtcs`), through the
// real `packgrade-cli simulate` and `grade --session` processes: a BMS claiming a SoH the pack
// does not have is caught by the cross-check, a hazard trouble code ends the quick plan before
// the load is ever on, the BMS's serial names the pack in identity.json and the inventory.
#include "test_paths.h"
#include "tool_runner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace pg::test;

namespace {

ToolResult cli(const QStringList& args)
{
    return runTool(binPath(QStringLiteral("cli/packgrade-cli")), args, 180000);
}

QJsonObject jsonOf(const ToolResult& r)
{
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    return QJsonDocument::fromJson(r.out).object();
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QString& text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(text.toUtf8());
    return path;
}

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

// Issue 7 "snapshot first": a reset or tampered BMS shows up as a disagreement with what
// PackGrade measures. The claim travels over CAN (inverter-can 0x355 SoH, 1 % resolution).
TEST(CliSimulateIdentity, BmsSohClaimDisagreeingWithTheMeasurementIsFlagged)
{
    QTemporaryDir dir;
    const QString spec = writeFile(dir, QStringLiteral("spec.json"),
        QStringLiteral(
            R"({"chemistry": "nmc", "series": 4, "parallel": 1, "nominal_capacity_ah": 2.0,
        "soh_capacity": 0.80, "bms_soh": 0.98, "resistance_growth": 1.4, "cell_spread": 0.02,
        "soc": 1.0, "seed": 7, "profile": "inverter-can"})"));
    const QJsonObject sim = jsonOf(cli({ QStringLiteral("simulate"), QStringLiteral("--pack"), spec,
        QStringLiteral("--procedure"), QStringLiteral("capacity"), QStringLiteral("--out"),
        dir.filePath(QStringLiteral("s")), QStringLiteral("--json") }));
    ASSERT_EQ(sim.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"))
        << sim.value(QStringLiteral("abort_reason")).toString().toStdString();
    const QString session = sim.value(QStringLiteral("session_dir")).toString();
    const QJsonObject snap = readJson(QDir(session).filePath(QStringLiteral("bms_snapshot.json")));
    EXPECT_NEAR(snap.value(QStringLiteral("soh_pct")).toDouble(), 98.0, 0.5); // what the BMS sent
    const double truthSoh = sim.value(QStringLiteral("truth"))
                                .toObject()
                                .value(QStringLiteral("soh_capacity"))
                                .toDouble();
    ASSERT_LT(truthSoh, 0.9); // the spec's truth is far from the claim

    const ToolResult r = cli(
        { QStringLiteral("grade"), QStringLiteral("--session"), session, QStringLiteral("--db"),
            QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("inv.sqlite")),
            QStringLiteral("--json") });
    const QJsonObject grade = jsonOf(r);
    const QStringList reasons = grade.value(QStringLiteral("reasons")).toVariant().toStringList();
    EXPECT_TRUE(
        reasons.join(QLatin1Char('\n')).contains(QStringLiteral("BMS-reported SoH disagrees")))
        << reasons.join(QLatin1Char('\n')).toStdString();
}

// Issue 7 pre-check: a swelling/thermal code goes straight to recycle-hazard, and no load is
// ever switched on (read from the session's own SCPI log).
TEST(CliSimulateIdentity, HazardDtcEndsTheQuickPlanBeforeAnyLoad)
{
    QTemporaryDir dir;
    const QString spec = writeFile(dir, QStringLiteral("spec.json"),
        QStringLiteral(R"({"chemistry": "nmc", "series": 16, "nominal_capacity_ah": 5.0, "soc": 0.6,
        "seed": 3, "dtcs": ["P0A7E"]})"));
    const QJsonObject sim = jsonOf(cli({ QStringLiteral("simulate"), QStringLiteral("--pack"), spec,
        QStringLiteral("--plan"), QStringLiteral("quick"), QStringLiteral("--bms"),
        QStringLiteral("direct"), QStringLiteral("--out"), dir.filePath(QStringLiteral("s")),
        QStringLiteral("--json") }));
    EXPECT_EQ(sim.value(QStringLiteral("estimates"))
                  .toObject()
                  .value(QStringLiteral("verdict"))
                  .toString(),
        QStringLiteral("recycle-hazard"));
    const QString session = sim.value(QStringLiteral("session_dir")).toString();
    const QJsonObject snap = readJson(QDir(session).filePath(QStringLiteral("bms_snapshot.json")));
    EXPECT_EQ(snap.value(QStringLiteral("dtcs")).toArray(), QJsonArray { QStringLiteral("P0A7E") });
    QFile log(QDir(session).filePath(QStringLiteral("scpi.log")));
    ASSERT_TRUE(log.open(QIODevice::ReadOnly));
    const QByteArray scpi = log.readAll();
    EXPECT_FALSE(scpi.contains("INP ON")) << scpi.toStdString();
    EXPECT_FALSE(scpi.contains("OUTP ON")) << scpi.toStdString();
}

// Issue 7 identify: the serial the BMS sends names the pack, in identity.json and in the inventory.
TEST(CliSimulateIdentity, BmsSerialNamesThePackInIdentityAndInventory)
{
    QTemporaryDir dir;
    const QString serial = QStringLiteral("SIMBMS-0042");
    const QString spec = writeFile(dir, QStringLiteral("spec.json"),
        QStringLiteral(R"({"chemistry": "nmc", "series": 16, "nominal_capacity_ah": 5.0, "soc": 0.6,
        "seed": 3, "serial": "%1", "cycles": 812})")
            .arg(serial));
    const QString db = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("inv.sqlite"));
    const QJsonObject sim = jsonOf(cli({ QStringLiteral("simulate"), QStringLiteral("--pack"), spec,
        QStringLiteral("--plan"), QStringLiteral("quick"), QStringLiteral("--bms"),
        QStringLiteral("direct"), QStringLiteral("--db"), db, QStringLiteral("--out"),
        dir.filePath(QStringLiteral("s")), QStringLiteral("--json") }));
    ASSERT_EQ(sim.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"))
        << sim.value(QStringLiteral("abort_reason")).toString().toStdString();
    const QString session = sim.value(QStringLiteral("session_dir")).toString();
    const QJsonObject identity = readJson(QDir(session).filePath(QStringLiteral("identity.json")));
    EXPECT_EQ(identity.value(QStringLiteral("serial")).toString(), serial);
    EXPECT_EQ(identity.value(QStringLiteral("serial_source")).toString(), QStringLiteral("bms"));
    const QJsonObject snap = readJson(QDir(session).filePath(QStringLiteral("bms_snapshot.json")));
    EXPECT_EQ(snap.value(QStringLiteral("cycles")).toDouble(), 812.0);

    const QJsonObject grade = jsonOf(cli({ QStringLiteral("grade"), QStringLiteral("--session"),
        session, QStringLiteral("--db"), db, QStringLiteral("--json") }));
    EXPECT_EQ(grade.value(QStringLiteral("pack_serial")).toString(), serial);
    const ToolResult shown = cli({ QStringLiteral("inventory"), QStringLiteral("show"), serial,
        QStringLiteral("--db"), db, QStringLiteral("--json") });
    EXPECT_EQ(shown.exitCode, 0) << shown.err.toStdString();
    EXPECT_TRUE(shown.out.contains(serial.toUtf8())) << shown.out.toStdString();
}
