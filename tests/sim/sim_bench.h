#pragma once

// The real simulator on a thread of its own, driven over SCPI on TCP by the real ScpiLoad and
// read through its in-process BMS, as `packgrade-cli simulate` does; a plan or a procedure is
// run against it into a real session folder. After the run the simulator's own state (load and
// supply output, cell voltages, temperatures) is read back as the truth the tests assert against.
#include "app/sim/bench_simulator.h"
#include "app/sim/sim_bms_source.h"
#include "core/plan_runner.h"
#include "core/scpi_load.h"
#include "core/session_assessment.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QThread>
#include <functional>
#include <gtest/gtest.h>

// Readable QString values in gtest failure messages.
inline void PrintTo(const QString& s, std::ostream* os) { *os << '"' << s.toStdString() << '"'; }

namespace pg::test {

// What the simulator itself says at the end of a run.
struct SimState {
    bool loadOn = true;
    bool supplyOn = true;
    bool watchdogTripped = false;
    double timeS = 0;
    double minCellV = 0;
    double maxCellV = 0;
    double maxTempC = 0;
    QJsonObject truth;
    // The simulator's cells at the moment it received the last switch-off while an output was on.
    double offTimeS = -1;
    double minCellAtOffV = 0;
    double maxCellAtOffV = 0;
};

struct BenchRun {
    core::PlanResult plan;
    QJsonObject estimates;
    SimState end; // right after the runner returned
    QString dir;

    QString outcome() const { return plan.run.outcome; }
    QString reason() const { return plan.run.abortReason; }
    QStringList scpiLines() const { return readLines("scpi.log"); }
    QStringList readLines(const char* name) const
    {
        QFile f(dir + QLatin1Char('/') + QLatin1String(name));
        f.open(QIODevice::ReadOnly);
        return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }
    QJsonObject json(const char* name) const
    {
        QFile f(dir + QLatin1Char('/') + QLatin1String(name));
        f.open(QIODevice::ReadOnly);
        return QJsonDocument::fromJson(f.readAll()).object();
    }
};

class SimBench {
public:
    SimBench(const sim::PackSpec& spec, double speed)
    {
        auto created = sim::BenchSimulator::create(spec, speed);
        EXPECT_TRUE(created.has_value()) << (created ? "" : created.error().toStdString());
        if (!created)
            return;
        m_sim = std::move(*created);
        sim::BenchSimulator* simulator = m_sim.get();
        QObject::connect(&m_sim->scpi(), &sim::ScpiServer::commandReceived, m_sim.get(), [this, simulator](const QString& c) {
            if (!c.startsWith(QLatin1String("INP OFF")) || !(simulator->scpi().loadOn() || simulator->scpi().supplyOn()))
                return;
            m_offTimeS = simulator->pack().timeS();
            m_minCellAtOffV = simulator->pack().minCellV();
            m_maxCellAtOffV = simulator->pack().maxCellV();
        }, Qt::DirectConnection);
    }
    ~SimBench()
    {
        if (m_thread.isRunning()) {
            onSim([this] { m_sim->stop(); });
            m_thread.quit();
            m_thread.wait();
        }
    }
    sim::BenchSimulator& sim() { return *m_sim; }
    QString dir() const { return m_dir.path(); }

    // Runs `f` on the simulator's thread and waits for it.
    void onSim(const std::function<void()>& f)
    {
        if (m_thread.isRunning())
            QMetaObject::invokeMethod(m_sim.get(), f, Qt::BlockingQueuedConnection);
        else
            f();
    }

    BenchRun runPlan(const core::TestPlan& plan, const core::PlanContext& context, const core::RunOptions& options = fast())
    {
        return run(plan.name, context.pack, [&](core::BenchLoad& load, core::BmsSource& bms, core::SessionRecorder& rec) {
            return core::runPlan(plan, context, load, bms, rec, options);
        });
    }

    // One procedure straight through the runner (for stimuli a plan would never produce).
    BenchRun runProcedure(core::Procedure& procedure, const core::PackRating& pack, const core::SafetyLimits& limits,
        const core::RunOptions& options = fast())
    {
        return run(procedure.name(), pack, [&](core::BenchLoad& load, core::BmsSource& bms, core::SessionRecorder& rec) {
            core::PlanResult r;
            r.run = core::runProcedure(procedure, load, bms, limits, rec, options);
            return r;
        });
    }

    static core::RunOptions fast()
    {
        core::RunOptions o;
        o.realSleepMs = 0;
        return o;
    }

    static core::PackRating ratingOf(const sim::PackSpec& spec)
    {
        return { spec.chemistry, spec.series, spec.nominalCapacityAh * spec.parallel };
    }

private:
    using Body = std::function<core::PlanResult(core::BenchLoad&, core::BmsSource&, core::SessionRecorder&)>;

    BenchRun run(const QString& name, const core::PackRating& pack, const Body& body)
    {
        BenchRun out;
        out.dir = m_dir.path();
        start();
        auto rec = core::SessionRecorder::create(m_dir.path(), { { QStringLiteral("procedure"), name } });
        EXPECT_TRUE(rec.has_value());
        std::unique_ptr<core::SessionRecorder> recorder(*rec);
        core::ScpiLoad load(QStringLiteral("127.0.0.1"), m_sim->scpiPort());
        load.setLog(recorder->path("scpi.log"));
        sim::SimBmsSource bms(*m_sim);
        const auto idn = load.connectAndIdentify();
        EXPECT_TRUE(idn.has_value()) << (idn ? "" : idn.error().toStdString());
        EXPECT_TRUE(load.armWatchdog(1.0).has_value());
        out.plan = body(load, bms, *recorder);
        out.end = state();
        out.estimates = core::assessPlanSteps(recorder->dir(), out.plan.steps, pack);
        recorder->finish(out.plan.run.outcome, out.plan.run.abortReason, out.estimates);
        return out;
    }

    void start()
    {
        m_sim->moveToThread(&m_thread);
        m_thread.start();
        bool started = false;
        QString error;
        onSim([&] { started = m_sim->start(0, &error); });
        ASSERT_TRUE(started) << error.toStdString();
    }

public:
    SimState state()
    {
        SimState s;
        onSim([&] {
            s.loadOn = m_sim->scpi().loadOn();
            s.supplyOn = m_sim->scpi().supplyOn();
            s.watchdogTripped = m_sim->scpi().watchdogTripped();
            s.timeS = m_sim->pack().timeS();
            s.minCellV = m_sim->pack().minCellV();
            s.maxCellV = m_sim->pack().maxCellV();
            s.maxTempC = m_sim->pack().maxTempC();
            s.truth = m_sim->truthJson();
            s.offTimeS = m_offTimeS;
            s.minCellAtOffV = m_minCellAtOffV;
            s.maxCellAtOffV = m_maxCellAtOffV;
        });
        return s;
    }

private:
    QTemporaryDir m_dir;
    QThread m_thread;
    std::unique_ptr<sim::BenchSimulator> m_sim;
    double m_offTimeS = -1, m_minCellAtOffV = 0, m_maxCellAtOffV = 0; // written on the simulator's thread
};

// A plan given inline as JSON (the same parser as the files in resources/plans).
inline core::TestPlan planFromJson(const char* json)
{
    auto p = core::parseTestPlan(QByteArray(json), QStringLiteral("inline plan"));
    EXPECT_TRUE(p.has_value()) << (p ? "" : p.error().toStdString());
    return p ? *p : core::TestPlan {};
}

} // namespace pg::test
