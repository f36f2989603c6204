// packgrade-cli simulate: a simulated pack and bench through a procedure, recorded as a real
// session is (session folder, SCPI log, estimates), with the simulator's ground truth beside it.
#include "app/sim/bench_simulator.h"
#include "cli_common.h"
#include "cli_simulate_bms.h"
#include "commands.h"
#include "core/inventory.h"
#include "core/plan_runner.h"
#include "core/scpi_load.h"
#include "core/session_assessment.h"

#include <QCoreApplication>
#include <QThread>

namespace pg::app {

namespace {

// `--plan NAME|FILE`, or `--procedure P` as a one-step plan; `--levels` sets the HPPC levels.
tl::expected<core::TestPlan, QString> choosePlan(const QCommandLineParser& p, const QCommandLineOption& plan,
    const QCommandLineOption& procedure, const QCommandLineOption& levels)
{
    auto chosen = p.isSet(plan) ? core::loadTestPlan(p.value(plan)) : core::singleProcedurePlan(p.value(procedure));
    if (chosen && p.isSet(levels)) {
        for (core::PlanStep& s : chosen->steps) {
            if (s.type == QLatin1String("hppc"))
                s.options[QStringLiteral("levels")] = p.value(levels).toInt();
        }
    }
    return chosen;
}

// The simulator runs on a thread of its own, as it would in another process: the procedure
// below talks to it only over SCPI (TCP) and reads its BMS.
struct SimThread {
    QThread thread;
    std::unique_ptr<sim::BenchSimulator> sim;
    ~SimThread()
    {
        if (sim)
            QMetaObject::invokeMethod(sim.get(), [this] { sim->stop(); }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }
};

} // namespace

int runSimulate(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Run a simulated pack and bench through a procedure and record the session."));
    const QCommandLineOption pack(QStringLiteral("pack"), QStringLiteral("Simulator spec (resources/sim/README.md)."), QStringLiteral("SPEC"));
    const QCommandLineOption procedure(QStringLiteral("procedure"), QStringLiteral("quick, hppc, capacity or ocv."), QStringLiteral("P"));
    const QCommandLineOption plan(QStringLiteral("plan"), QStringLiteral("Test plan: quick, standard, full or a plan file."), QStringLiteral("PLAN"));
    const QCommandLineOption serial(QStringLiteral("serial"), QStringLiteral("Serial typed or scanned by the technician."), QStringLiteral("TEXT"));
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("Inventory in which identify looks the pack up (sqlite:PATH or postgresql://...)."),
        QStringLiteral("URL"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Session folder to write."), QStringLiteral("DIR"));
    const QCommandLineOption speed(QStringLiteral("speed"), QStringLiteral("Simulated seconds per real second (default 1000)."),
        QStringLiteral("X"), QStringLiteral("1000"));
    const QCommandLineOption levels(QStringLiteral("levels"), QStringLiteral("HPPC SoC levels (default: the plan's)."), QStringLiteral("N"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    const QCommandLineOption bmsMode(QStringLiteral("bms"),
        QStringLiteral("can (the BMS speaks its profile over a virtual CAN bus; default) or direct (in-process)."),
        QStringLiteral("MODE"), QStringLiteral("can"));
    const QCommandLineOption truthSeries(QStringLiteral("truth-series"),
        QStringLiteral("Also write the simulator's true SoC over time to this CSV (not part of the session)."),
        QStringLiteral("FILE"));
    p.addOptions({ pack, procedure, plan, serial, db, out, speed, levels, json, bmsMode, truthSeries });
    int code = 0;
    if (!parseArgs(p, QStringLiteral("simulate"), args, code))
        return code;
    if (!p.isSet(pack) || p.isSet(procedure) == p.isSet(plan) || !p.isSet(out))
        return usage(QStringLiteral("simulate"), QStringLiteral("--pack, --out and one of --procedure or --plan are required"));
    const auto testPlan = choosePlan(p, plan, procedure, levels);
    if (!testPlan)
        return p.isSet(plan) ? fail({ core::kExitBadInput, testPlan.error() }) : usage(QStringLiteral("simulate"), testPlan.error());
    if (p.value(bmsMode) != QLatin1String("can") && p.value(bmsMode) != QLatin1String("direct"))
        return usage(QStringLiteral("simulate"), QStringLiteral("--bms is can or direct, not '%1'").arg(p.value(bmsMode)));
    int argc = 1;
    char name[] = "packgrade-cli";
    char* argv[] = { name, nullptr };
    QCoreApplication app(argc, argv);

    auto spec = sim::loadPackSpec(p.value(pack));
    if (!spec)
        return fail({ core::kExitBadInput, spec.error() });
    auto created = sim::BenchSimulator::create(*spec, p.value(speed).toDouble());
    if (!created)
        return fail({ core::kExitBadInput, created.error() });
    SimThread st;
    st.sim = std::move(*created);
    st.sim->moveToThread(&st.thread);
    st.thread.start();
    bool started = false;
    QString error;
    // Setup only: the simulator starts its server and clock on its own thread.
    QMetaObject::invokeMethod(st.sim.get(), [&] { started = st.sim->start(0, &error); }, Qt::BlockingQueuedConnection);
    if (!started)
        return fail({ core::kExitFailed, error });
    if (p.isSet(truthSeries)) {
        tl::expected<void, QString> opened;
        QMetaObject::invokeMethod(
            st.sim.get(), [&] { opened = st.sim->writeTruthSeries(p.value(truthSeries)); },
            Qt::BlockingQueuedConnection);
        if (!opened)
            return fail({ core::kExitBadInput, opened.error() });
    }

    core::PackRating rating { spec->chemistry, spec->series, spec->nominalCapacityAh * spec->parallel };
    core::SafetyLimits limits = core::SafetyLimits::forChemistry(spec->chemistry, spec->series, 3.0 * rating.capacityAh);
    QJsonObject meta = simulatedSessionMeta(*spec, p.value(pack), p.value(levels).toInt(), p.value(speed).toDouble());
    const QJsonObject base { { QStringLiteral("procedure"), testPlan->name }, { QStringLiteral("plan_source"), testPlan->source },
        { QStringLiteral("pack_spec"), p.value(pack) },
        { QStringLiteral("bench"), QStringLiteral("packgrade-sim (%1 BMS, SCPI over TCP)").arg(p.value(bmsMode)) },
        { QStringLiteral("chemistry"), rating.chemistry }, { QStringLiteral("series"), rating.series },
        { QStringLiteral("capacity_ah"), rating.capacityAh } };
    for (auto i = base.begin(); i != base.end(); ++i)
        meta[i.key()] = i.value();
    auto recorder = core::SessionRecorder::create(p.value(out), meta);
    if (!recorder)
        return fail({ core::kExitFailed, recorder.error() });
    std::unique_ptr<core::SessionRecorder> rec(*recorder);
    if (!copySpecIntoSession(p.value(pack), rec->dir()))
        rec->event(0, QStringLiteral("error"), rec->path("pack_spec.json") + QStringLiteral(": cannot copy the spec"));
    std::unique_ptr<core::Inventory> inventory;
    if (p.isSet(db)) {
        auto opened = core::Inventory::open(p.value(db));
        if (!opened)
            return fail(opened.error());
        inventory = std::move(*opened);
    }
    core::ScpiLoad load(QStringLiteral("127.0.0.1"), st.sim->scpiPort());
    load.setLog(rec->path("scpi.log"));
    auto bms = SimulatedBms::start(p.value(bmsMode), *st.sim, spec->profile, rec->path("can.log"));
    if (!bms)
        return fail({ core::kExitFailed, bms.error() });
    limits.bmsTimeoutS = (*bms)->bmsTimeoutS(limits.bmsTimeoutS);
    core::PlanResult planResult;
    core::RunResult& result = planResult.run;
    if (auto idn = load.connectAndIdentify(); !idn) {
        rec->event(0, QStringLiteral("error"), idn.error());
        result.outcome = QStringLiteral("aborted");
        result.abortReason = QStringLiteral("lost SCPI connection: ") + idn.error();
    } else {
        if (auto wdog = load.armWatchdog(1.0); !wdog)
            rec->event(0, QStringLiteral("warning"), wdog.error());
        core::RunOptions options;
        options.realSleepMs = 0;
        planResult = core::runPlan(*testPlan, { rating, limits, p.value(serial), inventory.get() }, load, (*bms)->source(), *rec, options);
    }
    QJsonObject truth;
    QMetaObject::invokeMethod(st.sim.get(), [&] {
        st.sim->stop();
        st.sim->closeTruthSeries();
        truth = st.sim->truthJson();
    }, Qt::BlockingQueuedConnection);
    // The frame log is closed before the folder is sealed (manifest.json hashes it).
    bms->reset();
    QJsonObject estimates = core::assessPlanSteps(rec->dir(), planResult.steps, rating);
    if (planResult.hazard)
        estimates[QStringLiteral("verdict")] = QStringLiteral("recycle-hazard");
    rec->finish(result.outcome, result.abortReason, estimates);

    const QJsonObject o { { QStringLiteral("session_dir"), rec->dir() }, { QStringLiteral("outcome"), result.outcome },
        { QStringLiteral("abort_reason"), result.abortReason.isEmpty() ? QJsonValue() : QJsonValue(result.abortReason) },
        { QStringLiteral("duration_s"), result.durationS }, { QStringLiteral("samples"), static_cast<double>(result.samples) },
        { QStringLiteral("estimates"), estimates }, { QStringLiteral("truth"), truth } };
    if (p.isSet(json))
        printJson(o);
    else
        printOut(QStringLiteral("%1 on %2: %3%4 after %5 s simulated, %6 samples, session in %7\n")
                     .arg(testPlan->name, p.value(pack), result.outcome + (planResult.hazard ? QStringLiteral(", recycle hazard") : QString()),
                         result.abortReason.isEmpty() ? QString() : QStringLiteral(" (") + result.abortReason + QLatin1Char(')'))
                     .arg(result.durationS, 0, 'f', 0)
                     .arg(result.samples)
                     .arg(rec->dir()));
    return core::kExitOk;
}

} // namespace pg::app
