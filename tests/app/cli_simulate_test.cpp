// packgrade-cli simulate as a user runs it (through tests/tool_runner.h): a plan or a procedure
// against the in-process simulator, the CLI.md keys, an injected fault reported as aborted.
#include "test_paths.h"
#include "tool_runner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace pg;

namespace {

struct Simulated {
    test::ToolResult tool;
    QJsonObject json;
};

Simulated simulate(const QStringList& args)
{
    Simulated s;
    s.tool = test::runTool(test::binPath(QStringLiteral("cli/packgrade-cli")),
        QStringList { QStringLiteral("simulate"), QStringLiteral("--json") } + args, 120000);
    s.json = QJsonDocument::fromJson(s.tool.out).object();
    return s;
}

} // namespace

TEST(CliSimulate, BmsSilentIsReportedAsAborted)
{
    QTemporaryDir dir;
    const Simulated s = simulate({ QStringLiteral("--pack"), test::dataPath(QStringLiteral("sim/stationary-16s-bms-silent.json")),
        QStringLiteral("--plan"), test::dataPath(QStringLiteral("plans/good_short_capacity.json")), QStringLiteral("--out"),
        dir.path(), QStringLiteral("--speed"), QStringLiteral("1000") });
    ASSERT_TRUE(s.tool.started);
    ASSERT_EQ(s.tool.exitCode, 0) << s.tool.err.toStdString();
    EXPECT_EQ(s.json[QStringLiteral("outcome")].toString(), QStringLiteral("aborted"));
    EXPECT_TRUE(s.json[QStringLiteral("abort_reason")].toString().startsWith(QStringLiteral("BMS silent")))
        << s.json[QStringLiteral("abort_reason")].toString().toStdString();
    EXPECT_EQ(s.json[QStringLiteral("session_dir")].toString(), dir.path());
    EXPECT_TRUE(s.json[QStringLiteral("truth")].toObject().contains(QStringLiteral("capacity_ah")));
    EXPECT_TRUE(s.json.contains(QStringLiteral("estimates")));
    QFile session(dir.filePath(QStringLiteral("session.json")));
    ASSERT_TRUE(session.open(QIODevice::ReadOnly));
    EXPECT_EQ(QJsonDocument::fromJson(session.readAll()).object()[QStringLiteral("outcome")].toString(), QStringLiteral("aborted"));
    // The load was switched off after the fault: the last command to the instrument says so.
    QFile scpi(dir.filePath(QStringLiteral("scpi.log")));
    ASSERT_TRUE(scpi.open(QIODevice::ReadOnly));
    const QStringList commands = QString::fromUtf8(scpi.readAll()).split(QLatin1Char('\n')).filter(QStringLiteral(" > "));
    ASSERT_FALSE(commands.isEmpty());
    EXPECT_TRUE(commands.filter(QStringLiteral("INP ON")).size() > 0) << "the discharge ran";
    EXPECT_TRUE(commands.last().endsWith(QStringLiteral("SYST:ERR?")));
    EXPECT_TRUE(commands[commands.size() - 2].endsWith(QStringLiteral("INP OFF;OUTP OFF")));
}

TEST(CliSimulate, QuickPlanCompletesWithItsSteps)
{
    QTemporaryDir dir;
    const Simulated s = simulate({ QStringLiteral("--pack"), QStringLiteral(RESOURCES_DIR "/sim/stationary-16s-healthy.json"),
        QStringLiteral("--plan"), QStringLiteral("quick"), QStringLiteral("--serial"), QStringLiteral("LFP-7"),
        QStringLiteral("--db"), QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("inventory.sqlite")),
        QStringLiteral("--out"), dir.path(), QStringLiteral("--speed"), QStringLiteral("2000") });
    ASSERT_EQ(s.tool.exitCode, 0) << s.tool.err.toStdString();
    EXPECT_EQ(s.json[QStringLiteral("outcome")].toString(), QStringLiteral("completed"));
    EXPECT_TRUE(s.json[QStringLiteral("abort_reason")].isNull());
    const QJsonArray steps = s.json[QStringLiteral("estimates")].toObject()[QStringLiteral("steps")].toArray();
    ASSERT_EQ(steps.size(), 2);
    EXPECT_EQ(steps[0].toObject()[QStringLiteral("type")].toString(), QStringLiteral("precheck"));
    EXPECT_EQ(steps[1].toObject()[QStringLiteral("type")].toString(), QStringLiteral("ocv"));
    for (const char* file : { "bms_snapshot.json", "identity.json", "plan.json", "steps.json", "timeseries.csv", "cells.csv" })
        EXPECT_TRUE(QFile::exists(dir.filePath(QLatin1String(file)))) << file;
    // --db: identify looked the typed serial up in that (new, empty) inventory.
    QFile identity(dir.filePath(QStringLiteral("identity.json")));
    ASSERT_TRUE(identity.open(QIODevice::ReadOnly));
    const QJsonObject id = QJsonDocument::fromJson(identity.readAll()).object();
    EXPECT_EQ(id[QStringLiteral("serial")].toString(), QStringLiteral("LFP-7"));
    EXPECT_FALSE(id[QStringLiteral("inventory")][QStringLiteral("seen_before")].toBool());
    EXPECT_TRUE(id[QStringLiteral("inventory")].toObject().contains(QStringLiteral("seen_before")));
}

TEST(CliSimulate, BadPlanNamesFileAndKey)
{
    QTemporaryDir dir;
    const QString plan = test::dataPath(QStringLiteral("plans/bad_unknown_option.json"));
    const Simulated s = simulate({ QStringLiteral("--pack"), QStringLiteral(RESOURCES_DIR "/sim/stationary-16s-healthy.json"),
        QStringLiteral("--plan"), plan, QStringLiteral("--out"), dir.path() });
    EXPECT_EQ(s.tool.exitCode, 3);
    const QString err = QString::fromUtf8(s.tool.err);
    EXPECT_TRUE(err.contains(plan) && err.contains(QStringLiteral("rest_minutes"))) << err.toStdString();
}

TEST(CliSimulate, PlanAndProcedureAreExclusive)
{
    QTemporaryDir dir;
    const Simulated s = simulate({ QStringLiteral("--pack"), QStringLiteral(RESOURCES_DIR "/sim/stationary-16s-healthy.json"),
        QStringLiteral("--plan"), QStringLiteral("quick"), QStringLiteral("--procedure"), QStringLiteral("capacity"),
        QStringLiteral("--out"), dir.path() });
    EXPECT_EQ(s.tool.exitCode, 2);
}
