#pragma once

#include "core/bench_io.h"
#include "core/procedure.h"
#include "core/safety.h"

#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QStringList>
#include <atomic>
#include <memory>

namespace pg::app {

// A test plan as the technician starts it: procedures run one after the other on the bench.
struct RunRequest {
    QStringList procedures; // "quick", "hppc", "capacity"
    core::PackRating rating;
    core::SafetyLimits limits;
    QString scpiHost = QStringLiteral("127.0.0.1");
    quint16 scpiPort = 5025;
    QString sessionRoot; // one session folder per procedure is made under it
    QString benchName;
    int realSleepMs = 100; // between samples; 0 against a fast simulator
    double startSocFraction = 1.0; // for the time estimate only
};

// What the run has done since the GUI last looked; filled by the worker thread, taken by the GUI.
struct RunProgress {
    int step = -1;
    QString phase;
    double elapsedS = 0; // bench clock since the step began
    double estimatedS = 0; // expected length of the step (bench clock)
    std::vector<core::LoadMeasurement> samples; // new since the last take
    QStringList events;
};

// Expected length of a procedure on the bench clock, for progress bars and "time left".
double estimatedDurationS(
    const QString& procedure, const core::PackRating& rating, double startSocFraction);
// The procedure a plan step names, or nullptr when the name is unknown.
std::unique_ptr<core::Procedure> makeNamedProcedure(
    const QString& name, const core::PackRating& rating, const core::SafetyLimits& limits);

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
    // Called on the worker thread by the observers of the load and the procedure.
    void noteSample(const core::LoadMeasurement& m);
    void notePhase(const QString& phase, const QStringList& events);

public Q_SLOTS:
    void run(const pg::app::RunRequest& request);

Q_SIGNALS:
    void stepFinished(int step, const QString& outcome, const QString& reason,
        const QString& sessionDir, const QJsonObject& estimates);
    void finished(const QString& outcome);

private:
    bool runStep(int step, const RunRequest& request);

    std::shared_ptr<core::BmsSource> m_bms;
    std::atomic<bool> m_abort { false };
    QMutex m_mutex;
    RunProgress m_progress; // guarded by m_mutex
    double m_stepStartS = -1;
};

} // namespace pg::app

Q_DECLARE_METATYPE(pg::app::RunRequest)
