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
    // Remembered for the last SoC asked (the pack asks several times per step).
    double ocvV() const;
    // Everything but the ohmic drop: OCV - v1 - v2.
    double sourceV() const { return ocvV() - m_state.v1 - m_state.v2; }
    double r0Ohm() const { return m_params.r0Ohm25 * temperatureFactor(); }
    // R(T) / R(25 degC); remembered for the last temperature asked.
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
    // A 96s2p pack steps 192 cells per simulated second and asks each for R0 and its source
    // voltage several times per step: without these, exp() and the OCV lookup were half the CPU
    // of a simulated HPPC. Keyed on every input, so a changed state or parameter recomputes.
    mutable double m_memoSoc = -1e300;
    mutable double m_memoOcvV = 0;
    mutable double m_memoTempC = -1e300;
    mutable double m_memoBK = 0;
    mutable double m_memoFactor = 1;
    struct Decay {
        double dtS = -1, tau1S = 0, tau2S = 0, thermalTauS = 0;
        double a1 = 0, a2 = 0, thermal = 0;
    };
    Decay m_decay; // the step's RC and thermal decay factors (the same dt step after step)
};

} // namespace pg::sim
