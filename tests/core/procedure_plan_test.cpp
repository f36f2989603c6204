// Plans run against the real simulator over SCPI/TCP; estimates checked against the simulator's
// ground truth (issue 7: capacity within 2 %, R0 within 5 %).
#include "app/sim/sim_spec.h"
#include "sim/sim_bench.h"
#include "test_paths.h"

#include <QJsonArray>
#include <atomic>
#include <cmath>

using namespace pg;
using test::BenchRun;
using test::SimBench;

namespace {

sim::PackSpec spec16s(double soc, quint64 seed = 3)
{
    sim::PackSpec s;
    s.chemistry = QStringLiteral("nmc");
    s.series = 16;
    s.nominalCapacityAh = 5.0;
    s.sohCapacity = 0.9;
    s.resistanceGrowth = 1.2;
    s.cellSpread = 0.015;
    s.soc = soc;
    s.seed = seed;
    return s;
}

core::PlanContext contextOf(const sim::PackSpec& spec, const QString& serial = {})
{
    const core::PackRating rating = SimBench::ratingOf(spec);
    return { rating, core::SafetyLimits::forChemistry(spec.chemistry, spec.series, 3.0 * rating.capacityAh), serial };
}

constexpr const char* kCapacityPlan = R"({"name": "capacity-test", "steps": [
    {"type": "snapshot"}, {"type": "identify"}, {"type": "precheck", "options": {"duration_s": 5}},
    {"type": "capacity", "options": {"charge_first": true, "rest_s": 600, "final_rest_s": 300}}]})";

double relativeError(double estimate, double truth) { return std::abs(estimate - truth) / truth; }

void expectCapacityMatchesTruth(const BenchRun& r)
{
    ASSERT_EQ(r.outcome(), QStringLiteral("completed")) << r.reason().toStdString();
    const double truth = r.end.truth[QStringLiteral("capacity_ah")].toDouble();
    const double est = r.estimates[QStringLiteral("capacity_ah")][QStringLiteral("value")].toDouble();
    ASSERT_GT(truth, 0);
    EXPECT_LT(relativeError(est, truth), 0.02) << "estimate " << est << " Ah, truth " << truth << " Ah";
    EXPECT_FALSE(r.end.loadOn);
    EXPECT_FALSE(r.end.supplyOn);
}

void expectR0MatchesTruth(const BenchRun& r, int levels)
{
    ASSERT_EQ(r.outcome(), QStringLiteral("completed")) << r.reason().toStdString();
    const double truth = r.end.truth[QStringLiteral("r0_ohm")].toDouble();
    const QJsonObject steps = r.estimates[QStringLiteral("steps")].toArray().last().toObject();
    const QJsonArray pulses = steps[QStringLiteral("estimates")][QStringLiteral("hppc")][QStringLiteral("pulses")].toArray();
    EXPECT_EQ(pulses.size(), levels) << "one discharge pulse per level";
    const double est = r.estimates[QStringLiteral("r0_ohm")][QStringLiteral("value")].toDouble();
    EXPECT_LT(relativeError(est, truth), 0.05) << "estimate " << est << " Ohm, truth " << truth << " Ohm";
    EXPECT_FALSE(r.end.loadOn);
    EXPECT_FALSE(r.end.supplyOn);
}

} // namespace

// The known gap of the first version: a pack at SoC 0.8 measured 2.53 Ah against 3.17 Ah truth.
TEST(ProcedurePlan, CapacityChargesToFullFirstAndMatchesTruth)
{
    const sim::PackSpec spec = spec16s(0.8);
    SimBench bench(spec, 1000);
    const BenchRun r = bench.runPlan(test::planFromJson(kCapacityPlan), contextOf(spec));
    expectCapacityMatchesTruth(r);
    const QJsonObject cap = r.plan.steps[QStringLiteral("steps")].toArray().last().toObject()[QStringLiteral("result")].toObject();
    EXPECT_GT(cap[QStringLiteral("charge_ah")].toDouble(), 0.1 * spec.nominalCapacityAh) << "charged before the discharge";
    EXPECT_TRUE(cap[QStringLiteral("reached_cutoff")].toBool());
}

TEST(ProcedurePlan, CapacityOfAWeakCellPackIsTheWeakCells)
{
    auto spec = sim::loadPackSpec(QStringLiteral(RESOURCES_DIR "/sim/stationary-16s-weak-cell.json"));
    ASSERT_TRUE(spec.has_value());
    // Slower: past empty the weak cell falls from the 2.5 V cut-off to the 2.3 V limit in ~8 s.
    SimBench bench(*spec, 500);
    const BenchRun r = bench.runPlan(test::planFromJson(kCapacityPlan), contextOf(*spec));
    expectCapacityMatchesTruth(r);
    // The truth's weakest cell is the injected one, and the measured capacity is about its own.
    const QJsonArray cells = r.end.truth[QStringLiteral("cells")].toArray();
    EXPECT_NEAR(r.estimates[QStringLiteral("capacity_ah")][QStringLiteral("value")].toDouble(),
        cells[5].toObject()[QStringLiteral("capacity_ah")].toDouble(), 0.03 * cells[5].toObject()[QStringLiteral("capacity_ah")].toDouble());
}

// One large pack: the aged Leaf-class 96s2p (112 Ah nominal), HPPC at one level, slowly enough
// (speed 20) that the busy simulator still gives the 2RC fit a sample per simulated second. (A
// capacity test of it takes minutes of wall time here: 192 cells at 0.1 s steps over five hours.)
TEST(ProcedurePlan, HppcR0OfAnAged96sPackMatchesTruth)
{
    auto spec = sim::loadPackSpec(QStringLiteral(RESOURCES_DIR "/sim/leaf-40kwh-aged.json"));
    ASSERT_TRUE(spec.has_value());
    SimBench bench(*spec, 20);
    const BenchRun r = bench.runPlan(test::planFromJson(R"({"name": "hppc-96s", "steps": [
        {"type": "precheck", "options": {"duration_s": 5}},
        {"type": "hppc", "options": {"levels": 1, "rest_s": 60}}]})"), contextOf(*spec));
    expectR0MatchesTruth(r, 1);
}

// Stopped early (in order, not aborted) halfway down: the procedure rests, and the capacity comes
// from the two rested OCV points (mean cell, so a looser bound than the full test's 2 %).
TEST(ProcedurePlan, CapacityStoppedEarlyGivesAPartialEstimate)
{
    const sim::PackSpec spec = spec16s(0.8, 6);
    SimBench bench(spec, 1000);
    std::atomic<bool> stop { false };
    QObject::connect(&bench.sim(), &sim::BenchSimulator::advanced, &bench.sim(), [&stop, &bench](double) {
        if (bench.sim().pack().dischargedAh() > 2.0)
            stop = true;
    }, Qt::DirectConnection);
    core::RunOptions options = SimBench::fast();
    options.stopRequested = &stop;
    const BenchRun r = bench.runPlan(test::planFromJson(R"({"name": "capacity-stopped", "steps": [
        {"type": "capacity", "options": {"rest_s": 900, "final_rest_s": 900}}]})"), contextOf(spec), options);
    ASSERT_EQ(r.outcome(), QStringLiteral("completed")) << r.reason().toStdString();
    const QJsonObject step = r.estimates[QStringLiteral("steps")].toArray().first().toObject();
    EXPECT_TRUE(step[QStringLiteral("result")][QStringLiteral("stopped_early")].toBool());
    EXPECT_FALSE(step[QStringLiteral("result")][QStringLiteral("reached_cutoff")].toBool());
    const QJsonObject cap = r.estimates[QStringLiteral("capacity_ah")].toObject();
    EXPECT_EQ(cap[QStringLiteral("method")].toString(), QStringLiteral("ocv-partial"));
    const double truth = r.end.truth[QStringLiteral("capacity_ah")].toDouble();
    EXPECT_LT(relativeError(cap[QStringLiteral("value")].toDouble(), truth), 0.05)
        << "estimate " << cap[QStringLiteral("value")].toDouble() << " Ah, truth " << truth << " Ah";
    EXPECT_FALSE(r.end.loadOn);
}

// Stopped early on a pack with a weak cell (the spec's weak_cell fault: capacity x 0.7): the
// pack holds what that cell holds, so the partial capacity reads that cell's rested voltages,
// not the mean cell's (which would be ~30 % high here).
TEST(ProcedurePlan, CapacityStoppedEarlyOnAWeakCellPackReadsTheWeakestCell)
{
    sim::PackSpec spec = spec16s(0.8, 6);
    spec.faults.push_back({ sim::FaultSpec::Kind::WeakCell, 5, 0.0 });
    SimBench bench(spec, 1000);
    std::atomic<bool> stop { false };
    QObject::connect(
        &bench.sim(), &sim::BenchSimulator::advanced, &bench.sim(),
        [&stop, &bench](double) {
            if (bench.sim().pack().dischargedAh() > 1.5)
                stop = true;
        },
        Qt::DirectConnection);
    core::RunOptions options = SimBench::fast();
    options.stopRequested = &stop;
    const BenchRun r
        = bench.runPlan(test::planFromJson(R"({"name": "capacity-stopped-weak", "steps": [
        {"type": "capacity", "options": {"rest_s": 900, "final_rest_s": 900}}]})"),
            contextOf(spec), options);
    ASSERT_EQ(r.outcome(), QStringLiteral("completed")) << r.reason().toStdString();
    const QJsonObject est = r.estimates[QStringLiteral("steps")]
                                .toArray()
                                .first()
                                .toObject()[QStringLiteral("estimates")]
                                .toObject();
    EXPECT_EQ(est[QStringLiteral("weakest_cell")].toInt(-1), 5) << "the cell the spec made weak";
    const double truth = r.end.truth[QStringLiteral("capacity_ah")].toDouble();
    const double value
        = r.estimates[QStringLiteral("capacity_ah")][QStringLiteral("value")].toDouble();
    EXPECT_LT(relativeError(value, truth), 0.05)
        << "estimate " << value << " Ah, truth " << truth << " Ah";
    EXPECT_FALSE(r.end.loadOn);
}

TEST(ProcedurePlan, HppcR0MatchesTruth)
{
    const sim::PackSpec spec = spec16s(0.9, 5);
    SimBench bench(spec, 100);
    const BenchRun r = bench.runPlan(test::planFromJson(R"({"name": "hppc-short", "steps": [
        {"type": "hppc", "options": {"levels": 3, "step_soc": 0.1, "rest_s": 120}}]})"), contextOf(spec));
    expectR0MatchesTruth(r, 3);
}

TEST(ProcedurePlan, QuickPlanStoresTheBmsFirstAndReadsOcvPerCell)
{
    sim::PackSpec spec = spec16s(0.55, 9);
    SimBench bench(spec, 1000);
    auto plan = core::loadTestPlan(QStringLiteral("quick"));
    ASSERT_TRUE(plan.has_value()) << plan.error().toStdString();
    const BenchRun r = bench.runPlan(*plan, contextOf(spec, QStringLiteral("  PK-0042\n")));
    ASSERT_EQ(r.outcome(), QStringLiteral("completed")) << r.reason().toStdString();
    // The snapshot is what the BMS said at the very start: the spec's SoC, at simulated time ~0.
    const QJsonObject snap = r.json("bms_snapshot.json");
    EXPECT_NEAR(snap[QStringLiteral("soc_pct")].toDouble(), 100.0 * spec.soc, 0.05);
    const QStringList events = r.readLines("events.jsonl");
    ASSERT_GE(events.size(), 2);
    EXPECT_TRUE(events[0].contains(QStringLiteral("\"snapshot\""))) << "the snapshot comes before the runner starts";
    EXPECT_EQ(r.json("identity.json")[QStringLiteral("serial")].toString(), QStringLiteral("PK-0042"));
    EXPECT_EQ(r.json("identity.json")[QStringLiteral("serial_source")].toString(), QStringLiteral("typed"));
    // No load during a quick plan: the instrument was never switched on.
    for (const QString& line : r.scpiLines())
        EXPECT_FALSE(line.contains(QStringLiteral("INP ON")) || line.contains(QStringLiteral("OUTP ON"))) << line.toStdString();
    // OCV per cell: the SoC read from the OCV table against the simulator's own cell SoC.
    const QJsonArray stepList = r.json("steps.json")[QStringLiteral("steps")].toArray();
    const QJsonObject ocv = stepList.last().toObject()[QStringLiteral("result")].toObject();
    const QJsonArray soc = ocv[QStringLiteral("soc")].toArray();
    const QJsonArray cells = r.end.truth[QStringLiteral("cells")].toArray();
    ASSERT_EQ(soc.size(), cells.size());
    for (qsizetype k = 0; k < soc.size(); ++k)
        EXPECT_NEAR(soc[k].toDouble(), cells[k].toObject()[QStringLiteral("soc_end")].toDouble(), 0.01) << "cell " << k;
    const QJsonObject pre = stepList[0].toObject()[QStringLiteral("result")].toObject();
    EXPECT_EQ(pre[QStringLiteral("verdict")].toString(), QStringLiteral("testable"));
}

// A pack stored with a shorted cell until that cell fell under 2.0 V: the pre-check sends it
// straight to recycling and the plan never switches the load on.
TEST(ProcedurePlan, CellUnderTheFloorIsARecycleHazardWithoutLoad)
{
    sim::PackSpec spec = spec16s(0.01, 4);
    spec.faults.push_back({ sim::FaultSpec::Kind::CellShort, 3, 0.0 });
    SimBench bench(spec, 1000);
    bench.sim().advance(2880.0); // 48 min on the shelf, before the pack reaches the bench
    const double cellV = bench.sim().pack().groupVoltageV(3);
    ASSERT_LT(cellV, 2.0) << "the simulator did not take the cell under the floor";
    auto plan = core::loadTestPlan(QStringLiteral("standard"));
    ASSERT_TRUE(plan.has_value());
    const BenchRun r = bench.runPlan(*plan, contextOf(spec));
    EXPECT_EQ(r.outcome(), QStringLiteral("completed"));
    EXPECT_TRUE(r.plan.hazard);
    const QJsonObject pre = r.json("steps.json")[QStringLiteral("steps")].toArray()[0].toObject()[QStringLiteral("result")].toObject();
    EXPECT_EQ(pre[QStringLiteral("verdict")].toString(), QStringLiteral("recycle-hazard"));
    EXPECT_TRUE(pre[QStringLiteral("hazards")].toArray().first().toString().startsWith(QStringLiteral("cell 3 ")));
    EXPECT_EQ(pre[QStringLiteral("weakest_cell")].toInt(), 3);
    for (const QString& line : r.scpiLines())
        EXPECT_FALSE(line.contains(QStringLiteral("INP ON")) || line.contains(QStringLiteral("OUTP ON"))) << line.toStdString();
    EXPECT_FALSE(r.end.loadOn);
}
