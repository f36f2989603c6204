#pragma once

#include "app/sim/bench_simulator.h"
#include "live_sample.h"

#include <QThread>
#include <functional>
#include <memory>

namespace pg::app {

// The simulated pack and bench inside the GUI process (`packgrade --simulate SPEC.json`): the
// simulator runs on a thread of its own, as it would in another process. The bench talks to its
// load only over SCPI (TCP) and reads its BMS through a thread-safe source; the GUI thread never
// waits on it except for the blocking state() that tests and shutdown use.
class SimHost : public QObject {
    Q_OBJECT
public:
    static tl::expected<std::unique_ptr<SimHost>, QString> start(
        const QString& specPath, double speed);
    ~SimHost() override;

    quint16 scpiPort() const { return m_scpiPort; }
    const sim::PackSpec& spec() const { return m_spec; }
    QString specPath() const { return m_specPath; }
    const sim::BenchSimulator& simulator() const { return *m_sim; }

    // Reads a LiveSample on the simulator's thread and hands it to `done` on the receiver's thread.
    void requestSample(QObject* receiver, std::function<void(const LiveSample&)> done) const;

    struct State {
        bool loadOn = false;
        bool supplyOn = false;
        double timeS = 0;
        double currentA = 0;
        std::vector<double> groupVoltagesV; // the pack model's truth, one per series group
    };
    // Blocks until the simulator's thread answers (microseconds); for tests and diagnostics.
    State state() const;

private:
    SimHost(sim::PackSpec spec, QString specPath, std::unique_ptr<sim::BenchSimulator> sim);

    sim::PackSpec m_spec;
    QString m_specPath;
    QThread m_thread;
    std::unique_ptr<sim::BenchSimulator> m_sim;
    quint16 m_scpiPort = 0;
};

} // namespace pg::app
