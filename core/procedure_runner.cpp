#include "procedure_runner.h"

#include <QThread>

namespace pg::core {

namespace {

tl::expected<void, QString> apply(BenchLoad& load, const Setpoint& sp)
{
    switch (sp.mode) {
    case Setpoint::Mode::Off:
        return load.off();
    case Setpoint::Mode::Discharge:
        return load.discharge(sp.currentA);
    case Setpoint::Mode::Charge:
        return load.charge(sp.currentA, sp.voltageLimitV);
    }
    return {};
}

struct Stop {
    BenchLoad& load;
    SessionRecorder& recorder;
    RunResult& result;

    RunResult operator()(double timeS, const QString& reason)
    {
        const auto off = load.off(); // first, before anything else
        recorder.event(timeS, QStringLiteral("safety-stop"), reason);
        if (!off)
            recorder.event(timeS, QStringLiteral("error"),
                QStringLiteral("could not confirm the load is off: %1 — switch it off at the instrument").arg(off.error()));
        result.outcome = QStringLiteral("aborted");
        result.abortReason = reason;
        return result;
    }
};

} // namespace

RunResult runProcedure(Procedure& procedure, BenchLoad& load, BmsSource& bms, const SafetyLimits& limits,
    SessionRecorder& recorder, const RunOptions& options)
{
    RunResult result;
    Stop stop { load, recorder, result };
    double startS = -1, nowS = 0;
    Setpoint applied;
    // Reading at rest with the load off, a low cell is the pre-check's finding, not a stop.
    bool stopAsked = false;
    SafetyLimits restLimits = limits;
    restLimits.cellMinV = 0.0;
    if (auto off = load.off(); !off)
        return stop(0, QStringLiteral("lost SCPI connection: ") + off.error());
    recorder.event(0, QStringLiteral("start"), procedure.name());
    while (true) {
        if (options.abortRequested && options.abortRequested->load())
            return stop(nowS, QStringLiteral("aborted by the user"));
        const auto m = load.measure();
        if (!m)
            return stop(nowS, QStringLiteral("lost SCPI connection: ") + m.error());
        nowS = m->timeS;
        if (startS < 0)
            startS = nowS;
        result.durationS = nowS - startS;
        const std::optional<BmsReading> reading = bms.latest();
        recorder.sample(*m, reading);
        ++result.samples;
        if (const auto breach = checkSafety(procedure.passive() ? restLimits : limits, *m, reading, nowS))
            return stop(nowS, *breach);
        if (result.durationS > options.maxDurationS)
            return stop(nowS, QStringLiteral("the procedure ran past its maximum of %1 s").arg(options.maxDurationS));
        if (options.stopRequested && options.stopRequested->load() && !stopAsked) {
            stopAsked = true;
            procedure.requestStop();
        }
        const Setpoint sp = procedure.done() ? Setpoint {} : procedure.step(StepInput { *m, reading });
        const QStringList events = procedure.takeEvents();
        for (const QString& e : events)
            recorder.event(nowS, QStringLiteral("procedure"), e);
        if (options.observer)
            options.observer(procedure, events);
        if (procedure.done()) {
            if (auto off = load.off(); !off)
                return stop(nowS, QStringLiteral("lost SCPI connection: ") + off.error());
            result.outcome = QStringLiteral("completed");
            return result;
        }
        if (!(sp == applied)) {
            if (auto ok = apply(load, sp); !ok)
                return stop(nowS, QStringLiteral("the load refused a setpoint: ") + ok.error());
            applied = sp;
        }
        if (options.realSleepMs > 0)
            QThread::msleep(static_cast<unsigned long>(options.realSleepMs));
    }
}

} // namespace pg::core
