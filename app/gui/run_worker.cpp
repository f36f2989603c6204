#include "run_worker.h"

#include "core/procedure_runner.h"
#include "core/scpi_load.h"
#include "core/session_assessment.h"
#include "core/session_recorder.h"

#include <QDateTime>
#include <QDir>
#include <algorithm>

namespace pg::app {

namespace {

    constexpr double kCOver3HoursS = 3.0 * 3600.0; // a full discharge at C/3

    // The bench's load, with every measurement also handed to the GUI's progress.
    class ObservedLoad : public core::BenchLoad {
    public:
        ObservedLoad(core::BenchLoad& inner, RunWorker& worker)
            : m_inner(inner)
            , m_worker(worker)
        {
        }
        QString deviceName() const override { return m_inner.deviceName(); }
        tl::expected<void, QString> off() override { return m_inner.off(); }
        tl::expected<void, QString> discharge(double currentA) override
        {
            return m_inner.discharge(currentA);
        }
        tl::expected<void, QString> charge(double currentA, double voltageLimitV) override
        {
            return m_inner.charge(currentA, voltageLimitV);
        }
        tl::expected<core::LoadMeasurement, QString> measure() override
        {
            auto m = m_inner.measure();
            if (m)
                m_worker.noteSample(*m);
            return m;
        }

    private:
        core::BenchLoad& m_inner;
        RunWorker& m_worker;
    };

    // The procedure, with its phase and events also handed to the GUI's progress.
    class ObservedProcedure : public core::Procedure {
    public:
        ObservedProcedure(std::unique_ptr<core::Procedure> inner, RunWorker& worker)
            : m_inner(std::move(inner))
            , m_worker(worker)
        {
        }
        QString name() const override { return m_inner->name(); }
        core::Setpoint step(const core::StepInput& in) override
        {
            const core::Setpoint sp = m_inner->step(in);
            const QStringList events = m_inner->takeEvents();
            m_events << events;
            m_worker.notePhase(m_inner->phase(), events);
            if (m_inner->done())
                finish(m_inner->phase());
            return sp;
        }

    private:
        std::unique_ptr<core::Procedure> m_inner;
        RunWorker& m_worker;
    };

} // namespace

double estimatedDurationS(
    const QString& procedure, const core::PackRating& rating, double startSocFraction)
{
    Q_UNUSED(rating);
    const double soc = std::clamp(startSocFraction, 0.05, 1.0);
    if (procedure == QLatin1String("quick"))
        return 10.0;
    if (procedure == QLatin1String("capacity"))
        return 60.0 + soc * kCOver3HoursS + 300.0;
    if (procedure == QLatin1String("hppc")) {
        const core::HppcOptions o;
        const int levels = std::min(o.levels, static_cast<int>(soc / o.stepSoc + 1e-6) + 1);
        const double pulsesS = o.restS + 2 * (o.pulseS + o.pulseRestS);
        return levels * pulsesS + (levels - 1) * o.stepSoc * kCOver3HoursS;
    }
    return 0;
}

std::unique_ptr<core::Procedure> makeNamedProcedure(
    const QString& name, const core::PackRating& rating, const core::SafetyLimits& limits)
{
    if (name == QLatin1String("quick"))
        return core::makePreCheckProcedure(rating, limits);
    if (name == QLatin1String("capacity"))
        return core::makeCapacityProcedure(rating, limits);
    if (name == QLatin1String("hppc"))
        return core::makeHppcProcedure(rating, limits);
    return nullptr;
}

RunWorker::RunWorker(std::shared_ptr<core::BmsSource> bms)
    : m_bms(std::move(bms))
{
}

RunProgress RunWorker::takeProgress()
{
    QMutexLocker lock(&m_mutex);
    RunProgress out = m_progress;
    m_progress.samples.clear();
    m_progress.events.clear();
    return out;
}

void RunWorker::noteSample(const core::LoadMeasurement& m)
{
    QMutexLocker lock(&m_mutex);
    if (m_stepStartS < 0)
        m_stepStartS = m.timeS;
    m_progress.elapsedS = m.timeS - m_stepStartS;
    m_progress.samples.push_back(m);
}

void RunWorker::notePhase(const QString& phase, const QStringList& events)
{
    QMutexLocker lock(&m_mutex);
    m_progress.phase = phase;
    m_progress.events << events;
}

void RunWorker::run(const RunRequest& request)
{
    m_abort.store(false);
    QString outcome = QStringLiteral("completed");
    for (int i = 0; i < request.procedures.size(); ++i) {
        if (!runStep(i, request)) {
            outcome = QStringLiteral("aborted");
            break;
        }
    }
    Q_EMIT finished(outcome);
}

bool RunWorker::runStep(int step, const RunRequest& request)
{
    const QString name = request.procedures.at(step);
    {
        QMutexLocker lock(&m_mutex);
        m_progress = RunProgress {};
        m_progress.step = step;
        m_progress.estimatedS = estimatedDurationS(name, request.rating, request.startSocFraction);
        m_stepStartS = -1;
    }
    auto inner = makeNamedProcedure(name, request.rating, request.limits);
    if (!inner) {
        Q_EMIT stepFinished(
            step, QStringLiteral("aborted"), tr("unknown procedure '%1'").arg(name), {}, {});
        return false;
    }
    ObservedProcedure procedure(std::move(inner), *this);
    const QString dir = QDir(request.sessionRoot)
                            .filePath(QDateTime::currentDateTimeUtc().toString(
                                          QStringLiteral("yyyyMMdd-HHmmss-zzz-"))
                                + name);
    const QJsonObject meta { { QStringLiteral("procedure"), procedure.name() },
        { QStringLiteral("bench"), request.benchName },
        { QStringLiteral("chemistry"), request.rating.chemistry },
        { QStringLiteral("series"), request.rating.series },
        { QStringLiteral("capacity_ah"), request.rating.capacityAh } };
    auto created = core::SessionRecorder::create(dir, meta);
    if (!created) {
        Q_EMIT stepFinished(step, QStringLiteral("aborted"), created.error(), {}, {});
        return false;
    }
    std::unique_ptr<core::SessionRecorder> recorder(*created);
    core::ScpiLoad scpi(request.scpiHost, request.scpiPort);
    scpi.setLog(recorder->path("scpi.log"));
    ObservedLoad load(scpi, *this);
    core::RunResult result;
    if (auto idn = scpi.connectAndIdentify(); !idn) {
        result.outcome = QStringLiteral("aborted");
        result.abortReason = tr("lost SCPI connection: %1").arg(idn.error());
        recorder->event(0, QStringLiteral("error"), idn.error());
    } else {
        core::RunOptions options;
        options.realSleepMs = request.realSleepMs;
        options.abortRequested = &m_abort;
        result = core::runProcedure(procedure, load, *m_bms, request.limits, *recorder, options);
    }
    const QJsonObject estimates
        = core::assessSession(recorder->dir(), procedure.name(), request.rating);
    recorder->finish(result.outcome, result.abortReason, estimates);
    Q_EMIT stepFinished(step, result.outcome, result.abortReason, recorder->dir(), estimates);
    return result.outcome == QLatin1String("completed");
}

} // namespace pg::app
