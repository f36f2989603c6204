#pragma once

#include "app/sim/bench_simulator.h"
#include "core/bench_io.h"

#include <QString>
#include <memory>

namespace pg::sim {
class ProfileBms;
}

namespace pg::app {

// How `simulate` reads the simulated BMS (--bms):
//   can     the simulated BMS speaks the spec's pack profile on an in-process virtualcan bus and
//           the session reads it back through the same profile, as a real bench does; every
//           frame goes to the session's can.log (candump -l, simulated time)
//   direct  reads the pack model in-process (no bus)
class SimulatedBms {
public:
    // `sim` runs on a thread of its own with an event loop; the simulated BMS is created there.
    static tl::expected<std::unique_ptr<SimulatedBms>, QString> start(const QString& mode,
        sim::BenchSimulator& sim, const QString& profile, const QString& frameLogPath);
    ~SimulatedBms();

    core::BmsSource& source() { return *m_source; }
    QString description() const { return m_description; }
    // The BMS timeout for the safety check: over a bus, a few milliseconds of wall-clock
    // latency become seconds of simulated time at high speed, so the limit grows with the speed.
    double bmsTimeoutS(double defaultS) const;

private:
    SimulatedBms() = default;

    sim::BenchSimulator* m_sim = nullptr;
    std::unique_ptr<sim::ProfileBms> m_bms; // lives on the simulator's thread
    std::unique_ptr<core::BmsSource> m_source;
    QString m_description;
};

} // namespace pg::app
