// The pack's ground truth against the arithmetic of its spec, and reproducibility by seed.
#include "app/sim/pack_model.h"

#include <QFile>
#include <gtest/gtest.h>

using namespace pg::sim;

TEST(SimPack, TruthFollowsTheSpec)
{
    PackSpec spec;
    spec.series = 12;
    spec.parallel = 2;
    spec.nominalCapacityAh = 10.0;
    spec.sohCapacity = 0.8;
    spec.resistanceGrowth = 1.5;
    spec.cellSpread = 0;
    auto pack = PackModel::create(spec);
    ASSERT_TRUE(pack.has_value());
    const PackTruth t = pack->truth();
    // A C/3 test from full to cut-off gets nearly all of 0.8 x 10 Ah x 2 (the IR drop at the
    // end costs a little).
    EXPECT_NEAR(t.capacityAh, 16.0, 16.0 * 0.02);
    EXPECT_LE(t.capacityAh, 16.0 * 1.005);
    // R0: LG M50 class 12.1 mOhm x 5 Ah / 10 Ah x 1.5, halved in parallel, 12 in series.
    EXPECT_NEAR(t.r0Ohm, 12 * (0.0121 * 5 / 10 * 1.5) / 2, 1e-9);
    EXPECT_EQ(t.cells.size(), 24U);
}

TEST(SimPack, WeakCellLimitsThePack)
{
    PackSpec spec;
    spec.series = 8;
    spec.cellSpread = 0;
    spec.faults.push_back({ FaultSpec::Kind::WeakCell, 3, 0 });
    auto pack = PackModel::create(spec);
    ASSERT_TRUE(pack.has_value());
    const PackTruth t = pack->truth();
    EXPECT_NEAR(t.cells[3].capacityAh, 5.0 * 0.7, 1e-9);
    EXPECT_NEAR(t.capacityAh, 3.5, 3.5 * 0.02);
}

TEST(SimPack, SameSeedSamePackOtherSeedOtherPack)
{
    PackSpec spec;
    spec.series = 20;
    spec.cellSpread = 0.05;
    auto a = PackModel::create(spec);
    auto b = PackModel::create(spec);
    spec.seed = 2;
    auto c = PackModel::create(spec);
    ASSERT_TRUE(a && b && c);
    for (int k = 0; k < 20; ++k)
        EXPECT_EQ(a->cell(k).params().capacityAh, b->cell(k).params().capacityAh);
    int differ = 0;
    for (int k = 0; k < 20; ++k)
        differ += a->cell(k).params().capacityAh != c->cell(k).params().capacityAh;
    EXPECT_EQ(differ, 20);
}

TEST(SimPack, OpenSensorAndShortAreVisible)
{
    PackSpec spec;
    spec.series = 4;
    spec.cellSpread = 0;
    spec.faults.push_back({ FaultSpec::Kind::OpenTempSensor, 2, 10 });
    spec.faults.push_back({ FaultSpec::Kind::CellShort, 1, 0 });
    auto pack = PackModel::create(spec);
    ASSERT_TRUE(pack.has_value());
    EXPECT_NEAR(pack->sensorTempC(2), 25.0, 1e-9);
    pack->step(3600, 0.0, 1.0);
    EXPECT_EQ(pack->sensorTempC(2), -40.0);
    // The shorted cell lost about C/50 for an hour: 2 % of SoC more than its neighbours.
    EXPECT_NEAR(pack->cell(0).state().soc - pack->cell(1).state().soc, 0.02, 0.002);
}

TEST(SimSpec, ExamplesLoadAndBadSpecsNameTheKey)
{
    for (const char* name : { "leaf-40kwh-aged", "stationary-16s-healthy", "stationary-16s-weak-cell" }) {
        QFile f(QStringLiteral(":/sim/%1.json").arg(QLatin1String(name)));
        ASSERT_TRUE(f.open(QIODevice::ReadOnly)) << name;
        auto spec = parsePackSpec(f.readAll(), QLatin1String(name));
        ASSERT_TRUE(spec.has_value()) << spec.error().toStdString();
        EXPECT_TRUE(PackModel::create(*spec).has_value()) << name;
    }
    auto unknown = parsePackSpec(R"({"series": 4, "seriez": 5})", QStringLiteral("a.json"));
    ASSERT_FALSE(unknown.has_value());
    EXPECT_TRUE(unknown.error().startsWith(QStringLiteral("a.json: unknown key \"seriez\"")));
    auto range = parsePackSpec(R"({"soc": 1.5})", QStringLiteral("b.json"));
    ASSERT_FALSE(range.has_value());
    EXPECT_TRUE(range.error().contains(QStringLiteral("\"soc\" must be a number from 0 to 1")));
    auto fault = parsePackSpec(R"({"series": 4, "faults": [{"kind": "weak_cel", "cell": 1}]})", QStringLiteral("c.json"));
    ASSERT_FALSE(fault.has_value());
    EXPECT_TRUE(fault.error().contains(QStringLiteral("faults[0]: unknown kind \"weak_cel\"")));
    auto cell = parsePackSpec(R"({"series": 4, "faults": [{"kind": "weak_cell", "cell": 4}]})", QStringLiteral("d.json"));
    ASSERT_FALSE(cell.has_value());
    EXPECT_TRUE(cell.error().contains(QStringLiteral("cell 4 is outside the pack (0..3)")));
    auto syntax = parsePackSpec("{\n\"series\": 4,\n}", QStringLiteral("e.json"));
    ASSERT_FALSE(syntax.has_value());
    EXPECT_TRUE(syntax.error().startsWith(QStringLiteral("e.json:3:")));
    EXPECT_FALSE(PackModel::create(*parsePackSpec(R"({"chemistry": "lto"})", QStringLiteral("f.json"))).has_value());
}
