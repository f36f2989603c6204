#include "rls_r0.h"

namespace pg::models {

RlsR0::RlsR0(Config config)
    : m_config(config)
    , m_r0(config.initialR0Ohm)
    , m_p(config.initialVariance)
{
}

bool RlsR0::addSample(double i, double v)
{
    const double di = i - m_lastI, dv = v - m_lastV;
    m_lastI = i;
    m_lastV = v;
    if (!std::isfinite(di) || std::abs(di) < m_config.minStepA)
        return false;
    const double phi = -di;
    const double lambda = m_config.forgetting;
    const double e = dv - phi * m_r0; // a priori error
    const double k = m_p * phi / (lambda + phi * m_p * phi);
    m_r0 += k * e;
    m_p = (m_p - k * phi * m_p) / lambda;
    const double post = dv - phi * m_r0;
    m_residualVar = m_updates == 0 ? post * post : lambda * m_residualVar + (1.0 - lambda) * post * post;
    ++m_updates;
    return true;
}

Estimate RlsR0::estimate() const
{
    Estimate e;
    e.method = "rls-r0";
    if (m_updates == 0) {
        e.warnings.push_back("no current step seen yet");
        return e;
    }
    e.value = m_r0;
    e.stderrValue = std::sqrt(m_p * m_residualVar);
    if (m_updates < 3)
        e.warnings.push_back("fewer than 3 current steps: estimate rests on little data");
    return e;
}

} // namespace pg::models
