// Injected faults against the real simulator: every one ends in a safe stop. The load/PSU is off
// by the simulator's own state (not by the runner's word), the first command after the breaching
// measurement is the switch-off, the outcome is `aborted` with the reason, and the data to that
// moment is in the session folder.
#include "app/sim/sim_spec.h"
#include "sim/sim_bench.h"

#include <QJsonArray>
#include <QThread>
#include <atomic>

using namespace pg;
using test::BenchRun;
using test::SimBench;

namespace {

sim::PackSpec spec16s(double soc)
{
    sim::PackSpec s;
    s.series = 16;
    s.nominalCapacityAh = 5.0;
    s.cellSpread = 0.01;
    s.soc = soc;
    return s;
}

core::PlanContext contextOf(const sim::PackSpec& spec)
{
    const core::PackRating rating = SimBench::ratingOf(spec);
    return { rating, core::SafetyLimits::forChemistry(spec.chemistry, spec.series, 3.0 * rating.capacityAh), {} };
}

// A module with almost no cooling: with the simulator's default 0.15 W/K the injected 2 K/min
// heating levels off near 40 degC and never reaches the 55 degC limit.
constexpr double kUncooledWPerK = 0.02;

// A capacity test that discharges right away (no charge first), so faults meet a running load.
constexpr const char* kDischargePlan = R"({"name": "discharge", "steps": [
    {"type": "capacity", "options": {"charge_first": false, "rest_s": 60, "final_rest_s": 60}}]})";

// The commands sent after the last measurement: the runner's reaction to what it measured.
QStringList commandsAfterLastMeasurement(const QStringList& log)
{
    qsizetype last = -1;
    for (qsizetype k = 0; k < log.size(); ++k) {
        if (log[k].contains(QStringLiteral("> MEAS:")) || log[k].contains(QStringLiteral("> SIM:TIME?")))
            last = k;
    }
    QStringList out;
    for (qsizetype k = last + 1; k < log.size(); ++k) {
        if (log[k].contains(QStringLiteral(" > ")))
            out.append(log[k].section(QStringLiteral(" > "), 1));
    }
    return out;
}

void expectSafeStop(const BenchRun& r, const char* reason, double faultS)
{
    EXPECT_EQ(r.outcome(), QStringLiteral("aborted"));
    EXPECT_TRUE(r.reason().contains(QLatin1String(reason))) << r.reason().toStdString();
    EXPECT_FALSE(r.end.loadOn) << "the simulator's load is still on";
    EXPECT_FALSE(r.end.supplyOn) << "the simulator's supply is still on";
    const QJsonObject session = r.json("session.json");
    EXPECT_EQ(session[QStringLiteral("outcome")].toString(), QStringLiteral("aborted"));
    EXPECT_EQ(session[QStringLiteral("abort_reason")].toString(), r.reason());
    // The data to that moment is kept: samples from before the fault up to the stop.
    const QStringList rows = r.readLines("timeseries.csv");
    ASSERT_GT(rows.size(), 10);
    // (the BMS may have spoken a little after the load's last measurement)
    EXPECT_GE(rows.last().section(QLatin1Char(','), 0, 0).toDouble(), faultS - 10.0);
    EXPECT_FALSE(r.readLines("events.jsonl").filter(QStringLiteral("safety-stop")).isEmpty());
}

void expectOffWasTheFirstCommand(const BenchRun& r)
{
    const QStringList after = commandsAfterLastMeasurement(r.scpiLines());
    ASSERT_FALSE(after.isEmpty()) << "no command after the last measurement";
    EXPECT_EQ(after.first(), QStringLiteral("INP OFF;OUTP OFF"));
}

struct SpecFault {
    const char* name;
    sim::FaultSpec::Kind kind;
    double atS;
    const char* reason;
};

class FaultInSpec : public ::testing::TestWithParam<SpecFault> {};

} // namespace

TEST_P(FaultInSpec, EndsInASafeStop)
{
    sim::PackSpec spec = spec16s(0.9);
    spec.faults.push_back({ GetParam().kind, 4, GetParam().atS });
    spec.heatTransferWPerK = kUncooledWPerK;
    SimBench bench(spec, 1000);
    const BenchRun r = bench.runPlan(test::planFromJson(kDischargePlan), contextOf(spec));
    expectSafeStop(r, GetParam().reason, GetParam().atS);
    expectOffWasTheFirstCommand(r);
}

INSTANTIATE_TEST_SUITE_P(ProcedureSafety, FaultInSpec,
    ::testing::Values(SpecFault { "bms_silent", sim::FaultSpec::Kind::BmsSilent, 900, "BMS silent" },
        SpecFault { "overtemperature", sim::FaultSpec::Kind::Overtemperature, 0, "over the limit of 55 degC" },
        SpecFault { "isolation_fault", sim::FaultSpec::Kind::IsolationFault, 900, "isolation fault" },
        SpecFault { "open_temp_sensor", sim::FaultSpec::Kind::OpenTempSensor, 900, "open or shorted sensor" },
        // The load's input goes dead mid-discharge: no current, 0 V at the terminals, while the
        // BMS still reports its cells.
        SpecFault { "stuck_contactor", sim::FaultSpec::Kind::StuckContactor, 900, "open contactor" }),
    [](const auto& p) { return std::string(p.param.name); });

TEST(ProcedureSafety, OvertemperatureStopsWithTheCellHotInTheSimulator)
{
    sim::PackSpec spec = spec16s(0.9);
    spec.faults.push_back({ sim::FaultSpec::Kind::Overtemperature, 7, 0 });
    spec.heatTransferWPerK = kUncooledWPerK;
    SimBench bench(spec, 1000);
    const BenchRun r = bench.runPlan(test::planFromJson(kDischargePlan), contextOf(spec));
    expectSafeStop(r, "temperature sensor 7", 0);
    EXPECT_GT(r.end.maxTempC, 55.0) << "the simulator's own cell temperature";
}

// The load is lost mid-discharge: the runner cannot send OFF, so the instrument's communication
// watchdog (armed at connection) must switch it off on its own.
TEST(ProcedureSafety, ScpiLostIsStoppedByTheInstrumentWatchdog)
{
    sim::PackSpec spec = spec16s(0.9);
    spec.faults.push_back({ sim::FaultSpec::Kind::ScpiLost, 0, 900 });
    SimBench bench(spec, 200);
    const BenchRun r = bench.runPlan(test::planFromJson(kDischargePlan), contextOf(spec));
    EXPECT_EQ(r.outcome(), QStringLiteral("aborted"));
    EXPECT_TRUE(r.reason().startsWith(QStringLiteral("lost SCPI connection"))) << r.reason().toStdString();
    EXPECT_FALSE(r.readLines("events.jsonl").filter(QStringLiteral("could not confirm the load is off")).isEmpty());
    test::SimState s = bench.state();
    for (int i = 0; i < 60 && s.loadOn; ++i) { // the watchdog's delay is 1 s of wall time
        QThread::msleep(100);
        s = bench.state();
    }
    EXPECT_FALSE(s.loadOn);
    EXPECT_TRUE(s.watchdogTripped);
    EXPECT_GE(r.readLines("timeseries.csv").last().section(QLatin1Char(','), 0, 0).toDouble(), 850.0);
}

// Someone turns the current up at the instrument's front panel (its own command handler, on the
// simulator's thread) while the capacity test discharges.
TEST(ProcedureSafety, CurrentOverTheLimitStops)
{
    const sim::PackSpec spec = spec16s(0.9);
    SimBench bench(spec, 1000);
    auto& sim = bench.sim();
    QObject::connect(&sim, &sim::BenchSimulator::advanced, &sim, [&sim](double t) {
        if (t > 900 && sim.scpi().loadOn())
            sim.scpi().handleLine("CURR 40");
    }, Qt::DirectConnection);
    const BenchRun r = bench.runPlan(test::planFromJson(kDischargePlan), contextOf(spec));
    expectSafeStop(r, "over the limit of 15 A", 900);
    expectOffWasTheFirstCommand(r);
}

TEST(ProcedureSafety, UserAbortStops)
{
    const sim::PackSpec spec = spec16s(0.9);
    SimBench bench(spec, 1000);
    std::atomic<bool> abort { false };
    QObject::connect(&bench.sim(), &sim::BenchSimulator::advanced, &bench.sim(), [&abort](double t) {
        if (t > 900)
            abort = true;
    }, Qt::DirectConnection);
    core::RunOptions options = SimBench::fast();
    options.abortRequested = &abort;
    const BenchRun r = bench.runPlan(test::planFromJson(kDischargePlan), contextOf(spec), options);
    expectSafeStop(r, "aborted by the user", 900);
    expectOffWasTheFirstCommand(r);
}

namespace {

// A deliberately careless stimulus, not a PackGrade procedure: it drives the load at a fixed
// setpoint and never looks at the cells, so only the runner's interlock can stop it.
class CarelessDrive : public core::Procedure {
public:
    explicit CarelessDrive(core::Setpoint sp)
        : m_sp(sp)
    {
    }
    QString name() const override { return QStringLiteral("careless"); }
    core::Setpoint step(const core::StepInput&) override { return m_sp; }

private:
    core::Setpoint m_sp;
};

} // namespace

TEST(ProcedureSafety, WeakCellUnderVoltageStops)
{
    sim::PackSpec spec = spec16s(0.12);
    spec.faults.push_back({ sim::FaultSpec::Kind::WeakCell, 9, 0 });
    SimBench bench(spec, 500);
    const core::PlanContext c = contextOf(spec);
    CarelessDrive drive({ core::Setpoint::Mode::Discharge, 2.5, 0 });
    const BenchRun r = bench.runProcedure(drive, c.pack, c.limits);
    expectSafeStop(r, "cell 9 at", 0);
    EXPECT_TRUE(r.reason().contains(QStringLiteral("under the limit"))) << r.reason().toStdString();
    EXPECT_LT(r.end.minCellAtOffV, c.limits.cellMinV) << "the simulator's own weakest cell when it was switched off";
    EXPECT_GT(r.end.minCellAtOffV, c.limits.cellMinV - 0.3) << "switched off promptly";
    expectOffWasTheFirstCommand(r);
}

TEST(ProcedureSafety, WeakCellOverVoltageStops)
{
    sim::PackSpec spec = spec16s(0.85);
    spec.faults.push_back({ sim::FaultSpec::Kind::WeakCell, 2, 0 });
    SimBench bench(spec, 500);
    const core::PlanContext c = contextOf(spec);
    CarelessDrive drive({ core::Setpoint::Mode::Charge, 2.5, 4.4 * spec.series });
    const BenchRun r = bench.runProcedure(drive, c.pack, c.limits);
    expectSafeStop(r, "cell 2 at", 0);
    EXPECT_TRUE(r.reason().contains(QStringLiteral("over the limit"))) << r.reason().toStdString();
    EXPECT_GT(r.end.maxCellAtOffV, c.limits.cellMaxV) << "the simulator's own fullest cell when it was switched off";
    EXPECT_LT(r.end.maxCellAtOffV, c.limits.cellMaxV + 0.1) << "switched off promptly";
    expectOffWasTheFirstCommand(r);
}
