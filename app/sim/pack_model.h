#pragma once

#include "cell_model.h"
#include "chemistry.h"
#include "sim_spec.h"

#include <vector>

namespace pg::sim {

// What a test should find: the simulator's ground truth (CLI.md `truth`).
struct PackTruth {
    double capacityAh = 0; // as a C/3 capacity test from full to the first cell at cut-off measures it
    double sohCapacity = 0; // capacityAh / (nominal x parallel)
    double r0Ohm = 0; // pack R0 at 25 degC: sum over series groups of the parallel R0
    // The pack's RC branches the same way (25 degC), their time constants (the same for every
    // cell), and the Arrhenius factor of all three resistances: R(T) = R(25) exp(B (1/T - 1/298.15)).
    double r1Ohm = 0, tau1S = 0, r2Ohm = 0, tau2S = 0, arrheniusBK = 0;
    struct Cell {
        double capacityAh = 0;
        double r0Ohm = 0; // at 25 degC
        double soc = 0;
    };
    std::vector<Cell> cells;
};

// S series groups of P parallel cells. Parallel cells share the group current so that their
// terminal voltages agree (so they also balance each other at rest); series groups carry the
// pack current. Ageing and spread are drawn from the spec's seed: the same spec, the same pack.
class PackModel {
public:
    static tl::expected<PackModel, QString> create(const PackSpec& spec);

    // Advances by dtS (split into steps of at most maxStepS) at pack current `currentA`.
    void step(double dtS, double currentA, double maxStepS = 0.1);

    double timeS() const { return m_timeS; }
    double currentA() const { return m_currentA; }
    double voltageV() const; // terminal, at the present current
    double groupVoltageV(int group) const { return m_groupV[static_cast<std::size_t>(group)]; }
    double cellCurrentA(int cell) const { return m_cellI[static_cast<std::size_t>(cell)]; }
    double minCellV() const;
    double maxCellV() const;
    double maxTempC() const;
    // What the BMS's sensor of a cell reads (an open sensor reads -40 degC).
    double sensorTempC(int cell) const;
    bool faultActive(FaultSpec::Kind kind) const;

    int series() const { return m_spec.series; }
    int parallel() const { return m_spec.parallel; }
    int cellCount() const { return static_cast<int>(m_cells.size()); }
    const CellModel& cell(int k) const { return m_cells[static_cast<std::size_t>(k)]; }
    const PackSpec& spec() const { return m_spec; }
    const Chemistry& chemistry() const { return m_chem; }
    double dischargedAh() const { return m_dischargedAh; }

    // Ground truth of the pack as it is now (the capacity test runs on a copy).
    PackTruth truth() const;
    // Sets every cell to `soc` at rest (balanced), for tests and the capacity truth.
    void setRestingSoc(double soc);

private:
    PackModel(PackSpec spec, Chemistry chem);
    void build();
    void applyFaults();
    void solveGroups(double currentA);
    double measureCapacityAh() const;

    PackSpec m_spec;
    Chemistry m_chem;
    std::vector<CellModel> m_cells;
    std::vector<double> m_groupV;
    std::vector<double> m_cellI;
    std::vector<bool> m_faultApplied;
    double m_timeS = 0;
    double m_currentA = 0;
    double m_dischargedAh = 0;
};

} // namespace pg::sim
