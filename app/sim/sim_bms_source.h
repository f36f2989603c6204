#pragma once

#include "bench_simulator.h"

namespace pg::sim {

// The simulated BMS read in-process (packgrade-cli simulate), without a CAN bus in between.
// Real benches read the BMS through a transport and a pack profile instead.
class SimBmsSource : public core::BmsSource {
public:
    explicit SimBmsSource(const BenchSimulator& sim)
        : m_sim(sim)
    {
    }
    std::optional<core::BmsReading> latest() override { return m_sim.bmsReading(); }

private:
    const BenchSimulator& m_sim;
};

} // namespace pg::sim
