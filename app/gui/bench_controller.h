#pragma once

#include "can/transport.h"
#include "core/procedure.h"
#include "core/safety.h"
#include "live_sample.h"
#include "profile_detector.h"
#include "run_worker.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QThread>
#include <QTimer>
#include <memory>

namespace pg::app {

class SimHost;
class DecodeWorker;
class LatestBmsSource;

// Everything the bench screens drive, without a widget: the CAN adapter (frames read on the
// transport's thread), the pack profile that decodes it, the in-process simulator, and test runs
// on a worker thread. The GUI thread only takes batches on a 30 Hz tick and never waits.
class BenchController : public QObject {
    Q_OBJECT
public:
    explicit BenchController(QObject* parent = nullptr);
    ~BenchController() override;

    tl::expected<void, QString> startSimulator(const QString& specPath, double speed);
    // Opens an adapter such as "virtualcan:can0" listen-only; failures arrive as errorOccurred().
    tl::expected<void, QString> connectBus(const QString& spec, int bitrate);
    void disconnectAll();
    bool isConnected() const { return m_sim || m_transport; }
    QString connectionText() const;
    SimHost* simHost() const { return m_sim.get(); }
    can::Transport* transport() const { return m_transport.get(); }

    tl::expected<void, QString> setProfile(const QString& nameOrPath);
    QString profileName() const { return m_profileName; }
    std::vector<ProfileDetector::Candidate> profileRanking() const { return m_detector.ranking(); }

    core::PackRating rating() const { return m_rating; }
    void setRating(const core::PackRating& rating) { m_rating = rating; }
    core::SafetyLimits limits() const;
    const LiveSample& lastSample() const { return m_last; }

    // Test runs. The SCPI address is the simulator's when one runs.
    void setScpiAddress(const QString& host, quint16 port);
    void setSessionRoot(const QString& dir) { m_sessionRoot = dir; }
    QString sessionRoot() const { return m_sessionRoot; }
    void setSampleIntervalMs(int ms) { m_sampleIntervalMs = ms; }
    void setBenchName(const QString& name) { m_benchName = name; }
    // Where a completed run is graded and stored, by whom (AppSettings).
    void setGrading(const QString& databaseUrl, const QString& policyFile, const QString& user);
    // Starts a plan (quick, standard, full, a plan file, or capacity/hppc/ocv alone). With
    // `resumeDir` (core::prepareResume done) the run goes into that interrupted session's folder;
    // `hppcLevels` > 0 sets the HPPC levels (the ones left).
    tl::expected<void, QString> startRun(
        const QString& plan, const QString& resumeDir = {}, int hppcLevels = 0);
    double simulatorSpeed() const { return m_simSpeed; }
    // Raises the abort flag; the runner switches the load off before anything else.
    void abortRun();
    bool isRunning() const { return m_worker != nullptr; }

Q_SIGNALS:
    void connectionChanged(bool connected);
    void liveSample(const pg::app::LiveSample& sample);
    void framesReceived(const std::vector<pg::can::CanFrame>& frames);
    void busStatusChanged(const QString& text, bool problem);
    void busEvent(const pg::can::BusEvent& event);
    void runProgress(const pg::app::RunProgress& progress);
    void runStepFinished(int step, const QString& outcome, const QString& detail);
    // The session folder is sealed, the load off.
    void runSessionFinished(const QString& sessionDir, const QString& outcome,
        const QString& reason, const QJsonObject& estimates);
    // A completed run graded through core and stored (or why not).
    void runGraded(const pg::app::GradedRun& result);
    void runFinished(const QString& outcome);
    void errorOccurred(const QString& title, const QString& message);

private:
    void tick();
    void drainFrames();
    void decodeFrames(const std::vector<can::CanFrame>& frames);
    void publish(const LiveSample& sample);
    void onBusEvent(const can::BusEvent& event);
    void updateBusStatus(const std::vector<can::CanFrame>& frames);
    void onRunFinished(const QString& outcome);

    std::unique_ptr<SimHost> m_sim;
    std::unique_ptr<can::Transport> m_transport;
    QThread m_decodeThread;
    DecodeWorker* m_decoder = nullptr; // lives on m_decodeThread
    ProfileDetector m_detector;
    QString m_profileName;
    core::PackRating m_rating;
    LiveSample m_last;
    std::shared_ptr<LatestBmsSource> m_busBms;
    QTimer m_tick;
    int m_tickCount = 0;
    std::vector<can::CanFrame> m_batch;
    QElapsedTimer m_loadClock;
    double m_loadBits = 0;
    double m_busLoadPct = 0;
    QString m_busState;
    int m_txErrors = -1;
    int m_rxErrors = -1;

    QString m_scpiHost = QStringLiteral("127.0.0.1");
    quint16 m_scpiPort = 5025;
    QString m_sessionRoot;
    QString m_benchName;
    QString m_databaseUrl;
    QString m_policyFile;
    QString m_user;
    double m_simSpeed = 1.0;
    int m_sampleIntervalMs = 100;
    QThread m_runThread;
    RunWorker* m_worker = nullptr;
};

} // namespace pg::app
