#pragma once

#include "core/bench_io.h"
#include "core/plan_runner.h"
#include "core/procedure.h"
#include "core/safety.h"
#include "core/session_grade.h"
#include "core/test_plan.h"

#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QStringList>
#include <atomic>
#include <memory>
#include <optional>

namespace pg::app {

// A test plan as the technician starts it: one session folder, the plan's steps run by
// core::runPlan (the same call `packgrade-cli simulate --plan` makes), then graded.
struct RunRequest {
    QString plan; // quick, standard, full, a plan file, or one procedure (capacity, hppc, ocv)
    core::PackRating rating;
    core::SafetyLimits limits;
    QString scpiHost = QStringLiteral("127.0.0.1");
    quint16 scpiPort = 5025;
    QString sessionRoot; // the session folder is made under it
    QString benchName;
    QString typedSerial;
    QJsonObject sessionMeta; // more session.json keys (a simulated pack's spec, hash and serial)
    QString specPath; // a simulated pack's spec, copied into the folder (resume runs it)
    int realSleepMs = 100; // between samples; 0 against a fast simulator
    double startSocFraction = 1.0; // for the time estimate only
    // Grading when the plan completes (core::gradeSessionFolder + core::storeSessionGrade).
    QString databaseUrl; // empty: core's default
    QString policyFile; // empty: the built-in policy
    QString user;
    // Resuming an interrupted session (core::prepareResume done): the plan runs again into this
    // folder, which records it as resumed_from; HPPC alone continues with `hppcLevels` levels.
    QString resumeDir;
    int hppcLevels = 0;
};

// What the run has done since the GUI last looked; filled by the worker thread, taken by the GUI.
struct RunProgress {
    int step = -1; // index into planProcedureSteps()
    QString phase;
    double elapsedS = 0; // bench clock since the step began
    double estimatedS = 0; // expected length of the step (bench clock)
    std::vector<core::LoadMeasurement> samples; // new since the last take
    QStringList events;
};

// The session graded when the plan completed, or why it was not.
struct GradedRun {
    QString sessionDir;
    std::optional<core::SessionGrade> graded;
    QString error; // grading failed, or (with `graded`) the inventory did not store it
};

// The plan a RunRequest names.
tl::expected<core::TestPlan, QString> planFor(const QString& name);
// The steps a plan runs under the load's supervision (snapshot and identify are reads before).
QStringList planProcedureSteps(const core::TestPlan& plan);
// Expected length of one plan step on the bench clock, for progress bars and "time left".
double estimatedDurationS(
    const core::PlanStep& step, const core::PackRating& rating, double startSocFraction);

// Runs a plan on its own thread (moveToThread before run()): the load is reached over SCPI
// and the BMS through `bms`, which must be safe to read from that thread. abort() may be called
// from any thread: the runner switches the load off before anything else.
class RunWorker : public QObject {
    Q_OBJECT
public:
    explicit RunWorker(std::shared_ptr<core::BmsSource> bms);

    void abort() { m_abort.store(true); }
    bool abortRequested() const { return m_abort.load(); }
    // Takes the progress gathered since the last call (thread-safe).
    RunProgress takeProgress();
    // Called on the worker thread by the observers of the load and the plan.
    void noteSample(const core::LoadMeasurement& m);
    void noteStep(int step, const QString& phase, const QStringList& events);

public Q_SLOTS:
    void run(const pg::app::RunRequest& request);

Q_SIGNALS:
    // Per procedure step of the plan, once the session is sealed.
    void stepFinished(int step, const QString& outcome, const QString& detail);
    // The session folder is sealed (the load is off).
    void sessionFinished(const QString& sessionDir, const QString& outcome, const QString& reason,
        const QJsonObject& estimates);
    void graded(const pg::app::GradedRun& result);
    void finished(const QString& outcome);

private:
    void reportSteps(const core::PlanResult& result);
    GradedRun grade(const QString& dir, const RunRequest& request) const;

    std::shared_ptr<core::BmsSource> m_bms;
    std::atomic<bool> m_abort { false };
    QMutex m_mutex;
    RunProgress m_progress; // guarded by m_mutex
    std::vector<double> m_estimatesS; // per step, set before the run
    double m_stepStartS = -1;
};

} // namespace pg::app

Q_DECLARE_METATYPE(pg::app::RunRequest)
Q_DECLARE_METATYPE(pg::app::GradedRun)
