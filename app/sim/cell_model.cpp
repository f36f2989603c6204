#include "cell_model.h"

#include "models/ecm_model.h"

#include <cmath>

namespace pg::sim {

namespace {
constexpr double kT25K = 298.15;
constexpr double kKelvin = 273.15;
constexpr double kEmptySlopeVPerSoc = 200.0; // 2 V per 1 % below empty: a cell past empty collapses
// 0.2 V per 1 % above full: a cell past full climbs quickly to its charge limit, so a CC-CV charge
// to the chemistry's maximum ends within about 1.5 % of SoC 1 (the truth's "full") also where the
// OCV table ends well below that maximum (the LFP curve ends at 3.35 V, not 3.65 V).
constexpr double kFullSlopeVPerSoc = 20.0;
} // namespace

CellModel::CellModel(const models::OcvTable* ocv, CellParams params, CellState state)
    : m_ocv(ocv)
    , m_params(params)
    , m_state(state)
{
}

double CellModel::ocvV() const
{
    const double soc = m_state.soc;
    if (soc == m_memoSoc)
        return m_memoOcvV;
    double v = 0;
    if (soc < m_ocv->socMin())
        v = m_ocv->ocvV(m_ocv->socMin()) - kEmptySlopeVPerSoc * (m_ocv->socMin() - soc);
    else if (soc > m_ocv->socMax())
        v = m_ocv->ocvV(m_ocv->socMax()) + kFullSlopeVPerSoc * (soc - m_ocv->socMax());
    else
        v = m_ocv->ocvV(soc);
    m_memoSoc = soc;
    m_memoOcvV = v;
    return v;
}

double CellModel::temperatureFactor() const
{
    if (m_state.tempC != m_memoTempC || m_params.arrheniusBK != m_memoBK) {
        const double t = m_state.tempC + kKelvin;
        m_memoFactor = std::exp(m_params.arrheniusBK * (1.0 / t - 1.0 / kT25K));
        m_memoTempC = m_state.tempC;
        m_memoBK = m_params.arrheniusBK;
    }
    return m_memoFactor;
}

void CellModel::step(double dtS, double currentA, double ambientC)
{
    const double f = temperatureFactor();
    const double r0 = m_params.r0Ohm25 * f;
    const double r1 = m_params.r1Ohm * f;
    const double r2 = m_params.r2Ohm * f;
    // Heat from the currents through R0 and the two RC resistors, and any injected fault.
    const double heatW = currentA * currentA * r0 + m_state.v1 * m_state.v1 / r1 + m_state.v2 * m_state.v2 / r2
        + m_params.extraHeatW;
    const double thermalTauS = m_params.heatCapacityJPerK / m_params.heatTransferWPerK;
    if (m_decay.dtS != dtS || m_decay.tau1S != m_params.tau1S || m_decay.tau2S != m_params.tau2S
        || m_decay.thermalTauS != thermalTauS) {
        m_decay = Decay { dtS, m_params.tau1S, m_params.tau2S, thermalTauS,
            models::rcDecay(dtS, m_params.tau1S), models::rcDecay(dtS, m_params.tau2S),
            std::exp(-dtS / thermalTauS) };
    }
    const double a1 = m_decay.a1;
    const double a2 = m_decay.a2;
    m_state.v1 = a1 * m_state.v1 + (1.0 - a1) * r1 * currentA;
    m_state.v2 = a2 * m_state.v2 + (1.0 - a2) * r2 * currentA;
    m_state.soc -= (currentA + m_params.selfDischargeA) * dtS / (3600.0 * m_params.capacityAh);
    // Lumped thermal mass; the exact solution of dT/dt = (P - h (T - Ta)) / C over the step.
    const double steady = ambientC + heatW / m_params.heatTransferWPerK;
    m_state.tempC = steady + (m_state.tempC - steady) * m_decay.thermal;
}

} // namespace pg::sim
