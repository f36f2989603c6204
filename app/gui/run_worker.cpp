#include "run_worker.h"

#include "app/sim/session_meta.h"
#include "core/inventory.h"
#include "core/plan_runner.h"
#include "core/procedure_sequence.h"
#include "core/scpi_load.h"
#include "core/session_assessment.h"
#include "core/session_recorder.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
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

    // Snapshot and identify only read the BMS before the supervised steps.
    bool supervised(const QString& type)
    {
        return type != QLatin1String("snapshot") && type != QLatin1String("identify");
    }

    double option(const core::PlanStep& s, const char* key, double fallback)
    {
        return s.options.value(QLatin1String(key)).toDouble(fallback);
    }

    QString sessionFolder(const RunRequest& request, const QString& planName)
    {
        return QDir(request.sessionRoot)
            .filePath(
                QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz-"))
                + QFileInfo(planName).baseName());
    }

    // The session folder of one plan run: session.json as `simulate --plan` writes it.
    tl::expected<std::unique_ptr<core::SessionRecorder>, QString> createSession(
        const RunRequest& request, const core::TestPlan& plan)
    {
        QJsonObject meta = request.sessionMeta;
        const QJsonObject base { { QStringLiteral("procedure"), plan.name },
            { QStringLiteral("plan_source"), plan.source },
            { QStringLiteral("bench"), request.benchName },
            { QStringLiteral("chemistry"), request.rating.chemistry },
            { QStringLiteral("series"), request.rating.series },
            { QStringLiteral("capacity_ah"), request.rating.capacityAh } };
        for (auto i = base.begin(); i != base.end(); ++i)
            meta[i.key()] = i.value();
        if (!request.specPath.isEmpty())
            meta[QStringLiteral("pack_spec")] = request.specPath;
        const QString folder
            = request.resumeDir.isEmpty() ? sessionFolder(request, plan.name) : request.resumeDir;
        auto created = core::SessionRecorder::create(folder, meta);
        if (!created)
            return tl::make_unexpected(created.error());
        std::unique_ptr<core::SessionRecorder> recorder(*created);
        if (!request.specPath.isEmpty()
            && !sim::copySpecIntoSession(request.specPath, recorder->dir()))
            recorder->event(0, QStringLiteral("error"),
                recorder->path("pack_spec.json") + QStringLiteral(": cannot copy the spec"));
        return recorder;
    }

} // namespace

tl::expected<core::TestPlan, QString> planFor(const QString& name)
{
    static const QStringList kProcedures { QStringLiteral("capacity"), QStringLiteral("hppc"),
        QStringLiteral("ocv") };
    if (kProcedures.contains(name))
        return core::singleProcedurePlan(name);
    return core::loadTestPlan(name);
}

QStringList planProcedureSteps(const core::TestPlan& plan)
{
    QStringList out;
    for (const core::PlanStep& s : plan.steps)
        if (supervised(s.type))
            out << s.type;
    return out;
}

double estimatedDurationS(
    const core::PlanStep& step, const core::PackRating& rating, double startSocFraction)
{
    Q_UNUSED(rating);
    const double soc = std::clamp(startSocFraction, 0.05, 1.0);
    const double toFullS = (1.0 - soc) * kCOver3HoursS + 600.0; // CC, then the CV tail
    if (step.type == QLatin1String("precheck"))
        return option(step, "duration_s", 10.0);
    if (step.type == QLatin1String("ocv"))
        return option(step, "min_s", 60.0);
    if (step.type == QLatin1String("charge"))
        return toFullS;
    if (step.type == QLatin1String("capacity"))
        return toFullS + kCOver3HoursS + 300.0;
    if (step.type == QLatin1String("hppc")) {
        const core::HppcOptions o;
        const int levels = static_cast<int>(option(step, "levels", o.levels));
        const double stepSoc = option(step, "step_soc", o.stepSoc);
        const double pulsesS = option(step, "rest_s", o.restS) + 2 * (o.pulseS + o.pulseRestS);
        return levels * pulsesS + (levels - 1) * stepSoc * kCOver3HoursS;
    }
    return 60.0;
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

void RunWorker::noteStep(int step, const QString& phase, const QStringList& events)
{
    QMutexLocker lock(&m_mutex);
    if (step != m_progress.step && step < static_cast<int>(m_estimatesS.size())) {
        m_progress.step = step;
        m_progress.estimatedS = m_estimatesS[static_cast<std::size_t>(step)];
        m_stepStartS = -1;
        m_progress.elapsedS = 0;
    }
    m_progress.phase = phase;
    m_progress.events << events;
}

void RunWorker::run(const RunRequest& request)
{
    m_abort.store(false);
    auto plan = planFor(request.plan);
    if (!plan) {
        Q_EMIT sessionFinished({}, QStringLiteral("aborted"), plan.error(), {});
        Q_EMIT finished(QStringLiteral("aborted"));
        return;
    }
    if (request.hppcLevels > 0) // as `simulate --levels` sets them
        for (core::PlanStep& s : plan->steps)
            if (s.type == QLatin1String("hppc"))
                s.options[QStringLiteral("levels")] = request.hppcLevels;
    {
        QMutexLocker lock(&m_mutex);
        m_progress = RunProgress {};
        m_estimatesS.clear();
        for (const core::PlanStep& s : plan->steps)
            if (supervised(s.type))
                m_estimatesS.push_back(
                    estimatedDurationS(s, request.rating, request.startSocFraction));
        m_stepStartS = -1;
    }
    auto created = createSession(request, *plan);
    if (!created) {
        Q_EMIT sessionFinished({}, QStringLiteral("aborted"), created.error(), {});
        Q_EMIT finished(QStringLiteral("aborted"));
        return;
    }
    std::unique_ptr<core::SessionRecorder> recorder(std::move(*created));
    core::ScpiLoad scpi(request.scpiHost, request.scpiPort);
    scpi.setLog(recorder->path("scpi.log"));
    ObservedLoad load(scpi, *this);
    core::PlanResult result;
    if (auto idn = scpi.connectAndIdentify(); !idn) {
        result.run.outcome = QStringLiteral("aborted");
        result.run.abortReason = tr("lost SCPI connection: %1").arg(idn.error());
        recorder->event(0, QStringLiteral("error"), idn.error());
    } else {
        if (auto watchdog = scpi.armWatchdog(1.0); !watchdog) // as `simulate` arms it
            recorder->event(0, QStringLiteral("warning"), watchdog.error());
        core::RunOptions options;
        options.realSleepMs = request.realSleepMs;
        options.abortRequested = &m_abort;
        options.observer = [this](const core::Procedure& p, const QStringList& events) {
            const auto* seq = dynamic_cast<const core::SequenceProcedure*>(&p);
            noteStep(seq ? static_cast<int>(seq->currentIndex()) : 0,
                seq ? seq->currentPhase() : p.phase(), events);
        };
        result
            = core::runPlan(*plan, { request.rating, request.limits, request.typedSerial, nullptr },
                load, *m_bms, *recorder, options);
    }
    QJsonObject estimates = core::assessPlanSteps(recorder->dir(), result.steps, request.rating);
    if (result.hazard)
        estimates[QStringLiteral("verdict")] = QStringLiteral("recycle-hazard");
    recorder->finish(result.run.outcome, result.run.abortReason, estimates);
    reportSteps(result);
    const QString dir = recorder->dir();
    recorder.reset();
    Q_EMIT sessionFinished(dir, result.run.outcome, result.run.abortReason, estimates);
    if (result.run.outcome == QLatin1String("completed"))
        Q_EMIT graded(grade(dir, request));
    Q_EMIT finished(result.run.outcome);
}

void RunWorker::reportSteps(const core::PlanResult& result)
{
    const QJsonArray steps = result.steps.value(QStringLiteral("steps")).toArray();
    for (int i = 0; i < steps.size(); ++i) {
        const bool done = steps.at(i).toObject().value(QStringLiteral("completed")).toBool();
        Q_EMIT stepFinished(i, done ? QStringLiteral("completed") : QStringLiteral("not completed"),
            done ? QString() : result.run.abortReason);
    }
}

GradedRun RunWorker::grade(const QString& dir, const RunRequest& request) const
{
    GradedRun out { dir, std::nullopt, QString() };
    auto policy = request.policyFile.isEmpty() ? core::loadDefaultPolicy()
                                               : core::loadPolicy(request.policyFile);
    if (!policy) {
        out.error = policy.error().message;
        return out;
    }
    auto graded = core::gradeSessionFolder(dir, *policy);
    if (!graded) {
        out.error = graded.error().message;
        return out;
    }
    const QString url
        = request.databaseUrl.isEmpty() ? core::defaultDatabaseUrl() : request.databaseUrl;
    auto inventory = core::Inventory::open(url); // this thread's own connection
    core::storeSessionGrade(*graded, inventory ? inventory->get() : nullptr, request.user);
    if (!graded->stored)
        out.error = core::keptInFolderError(
            inventory ? graded->storeError : inventory.error().message, url, dir)
                        .message;
    out.graded = std::move(*graded);
    return out;
}

} // namespace pg::app
