// Test plans as data: the built-in plans and good/bad fixtures, checked by our parser and, as an
// independent judge, by Python's jsonschema against resources/plans/plan.schema.json.
#include "core/certificate_fixture.h"
#include "core/inventory.h"
#include "core/plan_runner.h"
#include "core/procedure.h"
#include "core/test_plan.h"
#include "test_paths.h"
#include "tool_runner.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <optional>

using namespace pg;

namespace {

QString schemaPath() { return QStringLiteral(RESOURCES_DIR "/plans/plan.schema.json"); }

// Python jsonschema's verdict on a plan file: empty when valid, else its first message.
std::optional<QString> schemaVerdict(const QString& plan, QString* skip)
{
    const QString python = test::pythonWith(QStringLiteral("jsonschema"), skip);
    if (python.isEmpty())
        return std::nullopt;
    const QString script = QStringLiteral(
        "import json,sys,jsonschema\n"
        "s=json.load(open(sys.argv[1]))\n"
        "try:\n d=json.load(open(sys.argv[2]))\nexcept ValueError as e:\n print('not json:',e); sys.exit(0)\n"
        "errs=list(jsonschema.Draft202012Validator(s).iter_errors(d))\n"
        "print(errs[0].message if errs else '')\n");
    const auto r = test::runTool(python, { QStringLiteral("-c"), script, schemaPath(), plan });
    if (!r.started || r.exitCode != 0) {
        *skip = QStringLiteral("python failed: ") + QString::fromUtf8(r.err);
        return std::nullopt;
    }
    return QString::fromUtf8(r.out).trimmed();
}

} // namespace

TEST(TestPlan, BuiltInPlansLoad)
{
    for (const char* name : { "quick", "standard", "full" }) {
        auto plan = core::loadTestPlan(QLatin1String(name));
        ASSERT_TRUE(plan.has_value()) << plan.error().toStdString();
        EXPECT_EQ(plan->name, QLatin1String(name));
        EXPECT_EQ(plan->steps.front().type, QStringLiteral("snapshot")) << "the BMS is read before anything else";
    }
    auto full = core::loadTestPlan(QStringLiteral("full"));
    QStringList types;
    for (const auto& s : full->steps)
        types.append(s.type);
    EXPECT_EQ(types.join(QLatin1Char(',')), QStringLiteral("snapshot,identify,precheck,ocv,charge,hppc,capacity"));
}

TEST(TestPlan, BuiltInAndGoodPlansPassTheSchema)
{
    QString skip;
    for (const QString& path : { QStringLiteral(RESOURCES_DIR "/plans/quick.json"), QStringLiteral(RESOURCES_DIR "/plans/standard.json"),
             QStringLiteral(RESOURCES_DIR "/plans/full.json"), test::dataPath(QStringLiteral("plans/good_short_capacity.json")) }) {
        const auto verdict = schemaVerdict(path, &skip);
        if (!verdict)
            GTEST_SKIP() << skip.toStdString();
        EXPECT_EQ(*verdict, QString()) << path.toStdString();
        EXPECT_TRUE(core::loadTestPlan(path).has_value()) << path.toStdString();
    }
}

struct BadPlan {
    const char* file;
    const char* key; // what our message must name
    bool schemaCatches; // the order of steps is beyond what the schema says
};

class BadPlans : public ::testing::TestWithParam<BadPlan> {};

TEST_P(BadPlans, AreRefusedNamingFileAndKey)
{
    const QString path = test::dataPath(QStringLiteral("plans/") + QLatin1String(GetParam().file));
    auto plan = core::loadTestPlan(path);
    ASSERT_FALSE(plan.has_value());
    EXPECT_TRUE(plan.error().startsWith(path)) << plan.error().toStdString();
    EXPECT_TRUE(plan.error().contains(QLatin1String(GetParam().key))) << plan.error().toStdString();
    if (!GetParam().schemaCatches)
        return;
    QString skip;
    const auto verdict = schemaVerdict(path, &skip);
    if (!verdict)
        GTEST_SKIP() << skip.toStdString();
    EXPECT_NE(*verdict, QString()) << "jsonschema accepted " << GetParam().file;
}

INSTANTIATE_TEST_SUITE_P(TestPlan, BadPlans,
    ::testing::Values(BadPlan { "bad_unknown_option.json", "steps[0].options.rest_minutes", true },
        BadPlan { "bad_out_of_range.json", "steps[0].options.storage_soc: expected null or a number in 0..1", true },
        BadPlan { "bad_wrong_type.json", "steps[0].options.levels: expected an integer", true },
        BadPlan { "bad_unknown_step.json", "steps[1].type: 'balance'", true },
        BadPlan { "bad_unknown_key.json", "stpes: unknown key", true },
        BadPlan { "bad_not_json.json", "not a JSON object", true },
        BadPlan { "bad_snapshot_late.json", "steps[1]: a snapshot must be the first step", false }),
    [](const auto& p) { return QString::fromLatin1(p.param.file).section(QLatin1Char('.'), 0, 0).toStdString(); });

TEST(TestPlan, UnknownProcedureIsRefused)
{
    EXPECT_FALSE(core::singleProcedurePlan(QStringLiteral("balance")).has_value());
    EXPECT_TRUE(core::singleProcedurePlan(QStringLiteral("capacity")).has_value());
}

// Pre-check verdicts on readings whose hazard is known by construction.
TEST(PreCheck, FloorAndHazardCodesMeanRecycle)
{
    const auto limits = core::SafetyLimits::forChemistry(QStringLiteral("nmc"), 4, 10);
    core::BmsReading healthy;
    healthy.cellVoltagesV = { 3.70, 3.71, 3.69, 3.70 };
    healthy.temperaturesC = { 24, 25 };
    healthy.sohPct = 88;
    const QJsonObject ok = core::preCheckFindings(healthy, limits, {});
    EXPECT_EQ(ok[QStringLiteral("verdict")].toString(), QStringLiteral("testable"));
    EXPECT_NEAR(ok[QStringLiteral("cell_spread_v")].toDouble(), 0.02, 1e-12);
    EXPECT_EQ(ok[QStringLiteral("weakest_cell")].toInt(), 2);
    EXPECT_NEAR(ok[QStringLiteral("provisional_soh")].toDouble(), 0.88, 1e-12);

    core::BmsReading low = healthy;
    low.cellVoltagesV[1] = 1.95;
    EXPECT_EQ(core::preCheckFindings(low, limits, {})[QStringLiteral("verdict")].toString(), QStringLiteral("recycle-hazard"));

    core::BmsReading hot = healthy;
    hot.dtcs = { QStringLiteral("P0A7E"), QStringLiteral("U0100") };
    const QJsonObject hazard = core::preCheckFindings(hot, limits, {});
    EXPECT_EQ(hazard[QStringLiteral("verdict")].toString(), QStringLiteral("recycle-hazard"));
    EXPECT_EQ(hazard[QStringLiteral("hazards")].toArray().size(), 1) << "U0100 (lost communication) is no hazard";
    core::BmsReading swollen = healthy;
    swollen.dtcs = { QStringLiteral("Module 3 SWELLING detected") };
    EXPECT_EQ(core::preCheckFindings(swollen, limits, {})[QStringLiteral("verdict")].toString(), QStringLiteral("recycle-hazard"));
}

// Identify: the serial the technician scanned (with the scanner's newline), looked up in a real
// SQLite inventory that holds one pack from an earlier visit.
TEST(Identify, FindsAPackSeenBeforeInTheInventory)
{
    QTemporaryDir dir;
    auto inventory = core::Inventory::open(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("inv.sqlite")));
    ASSERT_TRUE(inventory.has_value()) << inventory.error().message.toStdString();
    core::PackRecord earlier;
    earlier.serial = QStringLiteral("PK-0042");
    earlier.chemistry = QStringLiteral("nmc");
    const auto id = (*inventory)->upsertPack(earlier);
    ASSERT_TRUE(id.has_value()) << id.error().message.toStdString();

    core::PlanContext c { {}, {}, QStringLiteral("PK-0042\n"), inventory->get() };
    const QJsonObject seen = core::identityJson(std::nullopt, c);
    EXPECT_EQ(seen[QStringLiteral("serial")].toString(), QStringLiteral("PK-0042"));
    EXPECT_TRUE(seen[QStringLiteral("inventory")][QStringLiteral("seen_before")].toBool());
    EXPECT_EQ(seen[QStringLiteral("inventory")][QStringLiteral("id")].toString(), *id);

    c.typedSerial = QStringLiteral("PK-0043");
    EXPECT_FALSE(core::identityJson(std::nullopt, c)[QStringLiteral("inventory")][QStringLiteral("seen_before")].toBool());

    // The BMS's own serial wins over a typed one, and the disagreement is said.
    core::BmsReading bms;
    bms.serial = QStringLiteral("PK-0042");
    const QJsonObject both = core::identityJson(bms, c);
    EXPECT_EQ(both[QStringLiteral("serial_source")].toString(), QStringLiteral("bms"));
    EXPECT_TRUE(both[QStringLiteral("warning")].toString().contains(QStringLiteral("PK-0043")));
    EXPECT_TRUE(both[QStringLiteral("inventory")][QStringLiteral("seen_before")].toBool());
}
