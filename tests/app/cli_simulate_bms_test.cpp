// `packgrade-cli simulate --bms can` as a separate process: the simulated BMS speaks its profile
// on the session's own virtual bus, the session reads it back through the profile and records
// the frames; a BMS that goes silent stops the procedure with the load switched off.
#include "test_paths.h"
#include "tool_runner.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace pg::test;

namespace {

QJsonObject simulate(const QString& spec, const QString& out, const QStringList& extra = {})
{
    const auto r = runTool(binPath(QStringLiteral("cli/packgrade-cli")),
        QStringList { QStringLiteral("simulate"), QStringLiteral("--pack"), spec,
            QStringLiteral("--procedure"), QStringLiteral("quick"), QStringLiteral("--out"), out,
            QStringLiteral("--json") }
            + extra,
        120000);
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    return QJsonDocument::fromJson(r.out).object();
}

QString writeSpec(const QTemporaryDir& dir, const char* faults)
{
    const QString path = dir.filePath(QStringLiteral("spec.json"));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(QStringLiteral(
        R"({"profile": "inverter-can", "series": 16, "chemistry": "lfp", "nominal_capacity_ah": 100,
        "soc": 0.6, "seed": 2, "faults": %1})")
                .arg(QLatin1String(faults))
                .toUtf8());
    return path;
}

} // namespace

TEST(CliSimulateBms, SessionOverCanRecordsTheFramesPythonCanReads)
{
    QTemporaryDir dir;
    const QJsonObject o = simulate(writeSpec(dir, "[]"), dir.filePath(QStringLiteral("s")));
    EXPECT_EQ(o.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"))
        << o.value(QStringLiteral("abort_reason")).toString().toStdString();
    const QString log = QDir(o.value(QStringLiteral("session_dir")).toString())
                            .filePath(QStringLiteral("can.log"));
    ASSERT_TRUE(QFile::exists(log));
    QString why;
    if (!pythonHas(QStringLiteral("can"), &why))
        GTEST_SKIP() << why.toStdString();
    const auto d = runTool(QStringLiteral("/usr/bin/python3"),
        { toolPath(QStringLiteral("inverter_can_decode.py")), log });
    ASSERT_EQ(d.exitCode, 0) << d.err.toStdString();
    const QJsonObject frames = QJsonDocument::fromJson(d.out).object();
    EXPECT_GT(frames.value(QStringLiteral("frames")).toInt(), 20);
    const double v = frames.value(QStringLiteral("voltage_v")).toDouble();
    EXPECT_GT(v, 16 * 2.5); // an LFP 16s pack, read independently from the session's log
    EXPECT_LT(v, 16 * 3.65);
}

TEST(CliSimulateBms, SilentBmsOverCanAbortsTheProcedure)
{
    QTemporaryDir dir;
    const QJsonObject o = simulate(writeSpec(dir, R"([{"kind": "bms_silent", "at_s": 2}])"),
        dir.filePath(QStringLiteral("s")),
        { QStringLiteral("--speed"), QStringLiteral("1") }); // the quick check lasts 10 s
    EXPECT_EQ(o.value(QStringLiteral("outcome")).toString(), QStringLiteral("aborted"));
    EXPECT_TRUE(
        o.value(QStringLiteral("abort_reason")).toString().contains(QStringLiteral("BMS silent")))
        << o.value(QStringLiteral("abort_reason")).toString().toStdString();
}
