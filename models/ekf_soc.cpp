#include "ekf_soc.h"

#include <cmath>

namespace pg::models {

EkfSoc::EkfSoc(const EkfSocConfig& config, const OcvTable& ocv)
    : m_config(config)
    , m_ocv(ocv)
{
    m_x << config.initialSoc, 0.0, 0.0;
    m_p = Cov::Zero();
    m_p(kSoc, kSoc) = config.initialSocStd * config.initialSocStd;
    m_p(kV1, kV1) = m_p(kV2, kV2) = 1e-4; // (10 mV)^2: branches start near rest
}

EkfSoc::State EkfSoc::f(const State& x, double i, double dt, Cov* jac) const
{
    const EcmParams& p = m_config.params;
    State next;
    next(kSoc) = x(kSoc) - i * dt / (3600.0 * m_config.capacityAh);
    double a[2] = { 0.0, 0.0 };
    for (int k = 0; k < p.rcCount; ++k)
        a[k] = rcDecay(dt, p.tauS[static_cast<std::size_t>(k)]);
    next(kV1) = a[0] * x(kV1) + (1.0 - a[0]) * p.rOhm[0] * i;
    next(kV2) = p.rcCount > 1 ? a[1] * x(kV2) + (1.0 - a[1]) * p.rOhm[1] * i : 0.0;
    if (jac) {
        *jac = Cov::Zero();
        (*jac)(kSoc, kSoc) = 1.0;
        (*jac)(kV1, kV1) = a[0];
        (*jac)(kV2, kV2) = a[1];
    }
    return next;
}

double EkfSoc::h(const State& x, double i, Row* jac) const
{
    if (jac)
        *jac << m_ocv.slopeVPerSoc(x(kSoc)), -1.0, -1.0;
    return m_ocv.ocvV(x(kSoc)) - x(kV1) - x(kV2) - m_config.params.r0Ohm * i;
}

void EkfSoc::step(double dt, double i, double v)
{
    Cov F;
    m_x = f(m_x, i, dt, &F);
    Cov Q = Cov::Zero();
    Q(kSoc, kSoc) = std::pow(m_config.socProcessStd, 2) * dt;
    Q(kV1, kV1) = Q(kV2, kV2) = std::pow(m_config.rcProcessStdV, 2) * dt;
    m_p = F * m_p * F.transpose() + Q;

    Row H;
    m_innovation = v - h(m_x, i, &H);
    const double r = m_config.voltageNoiseStdV * m_config.voltageNoiseStdV;
    const double s = (H * m_p * H.transpose())(0, 0) + r; // scalar innovation variance
    const State k = m_p * H.transpose() / s;
    m_x += k * m_innovation;
    const Cov ikh = Cov::Identity() - k * H;
    m_p = ikh * m_p * ikh.transpose() + k * r * k.transpose(); // Joseph form
}

SocTrace runEkfSoc(const TimeSeries& s, const EkfSocConfig& config, const OcvTable& ocv)
{
    SocTrace trace;
    trace.soc.reserve(s.size());
    trace.socStd.reserve(s.size());
    EkfSoc ekf(config, ocv);
    for (std::size_t n = 0; n < s.size(); ++n) {
        if (n > 0)
            ekf.step(s.timeS[n] - s.timeS[n - 1], s.currentA[n], s.voltageV[n]);
        trace.soc.push_back(ekf.soc());
        trace.socStd.push_back(ekf.socStd());
    }
    return trace;
}

std::vector<double> coulombCountSoc(const TimeSeries& s, double soc0, double capacityAh)
{
    std::vector<double> soc = cumulativeChargeAh(s);
    for (double& q : soc)
        q = soc0 - q / capacityAh;
    return soc;
}

} // namespace pg::models
