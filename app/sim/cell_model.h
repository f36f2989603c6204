#pragma once

#include "models/ocv_table.h"

namespace pg::sim {

// One cell as a 2RC Thevenin circuit with a lumped thermal mass. Current positive = discharge.
// The RC branches use models::rcDecay, the same statement of the physics the estimators fit.
struct CellParams {
    double capacityAh = 5.0;
    double r0Ohm25 = 0.012; // at 25 degC
    double r1Ohm = 0.006, tau1S = 8.0;
    double r2Ohm = 0.010, tau2S = 120.0;
    double arrheniusBK = 1120.0; // R(T) = R(25) exp(B (1/T - 1/298.15))
    double selfDischargeA = 0.0; // internal leakage current
    double heatCapacityJPerK = 70.0;
    double heatTransferWPerK = 0.15;
    double extraHeatW = 0.0; // an injected fault heating the cell
};

struct CellState {
    double soc = 0.5;
    double v1 = 0.0;
    double v2 = 0.0;
    double tempC = 25.0;
};

class CellModel {
public:
    CellModel(const models::OcvTable* ocv, CellParams params, CellState state);

    // OCV; below the table's first point it falls steeply, as a cell past empty does.
    double ocvV() const;
    // Everything but the ohmic drop: OCV - v1 - v2.
    double sourceV() const { return ocvV() - m_state.v1 - m_state.v2; }
    double r0Ohm() const { return m_params.r0Ohm25 * temperatureFactor(); }
    double temperatureFactor() const;
    double terminalV(double currentA) const { return sourceV() - currentA * r0Ohm(); }

    // Advances the cell by dtS with `currentA` held over the step.
    void step(double dtS, double currentA, double ambientC);

    const CellState& state() const { return m_state; }
    CellState& state() { return m_state; }
    const CellParams& params() const { return m_params; }
    CellParams& params() { return m_params; }

private:
    const models::OcvTable* m_ocv;
    CellParams m_params;
    CellState m_state;
};

} // namespace pg::sim
