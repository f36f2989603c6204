#include "ukf_soc.h"

#include <Eigen/Cholesky>

namespace pg::models {

namespace {
    constexpr int kN = 3; // state dimension
}

UkfSoc::UkfSoc(
    const EkfSocConfig& config, const OcvTable& ocv, double alpha, double beta, double kappa)
    : m_model(config, ocv)
    , m_config(config)
    , m_lambda(alpha * alpha * (kN + kappa) - kN)
    , m_wm0(m_lambda / (kN + m_lambda))
    , m_wc0(m_wm0 + 1.0 - alpha * alpha + beta)
    , m_wi(0.5 / (kN + m_lambda))
    , m_x(m_model.state())
    , m_p(m_model.covariance())
{
}

void UkfSoc::step(double dt, double i, double v)
{
    Cov F;
    m_x = m_model.f(m_x, i, dt, &F); // affine: exact mean and covariance
    Cov Q = Cov::Zero();
    Q(EkfSoc::kSoc, EkfSoc::kSoc) = m_config.socProcessStd * m_config.socProcessStd * dt;
    Q(EkfSoc::kV1, EkfSoc::kV1) = Q(EkfSoc::kV2, EkfSoc::kV2)
        = m_config.rcProcessStdV * m_config.rcProcessStdV * dt;
    m_p = F * m_p * F.transpose() + Q;
    update(i, v);
}

void UkfSoc::update(double i, double v)
{
    Eigen::LLT<Cov> llt(m_p * (kN + m_lambda));
    if (llt.info() != Eigen::Success) { // lost definiteness to rounding: nudge and retry
        m_p += Cov::Identity() * 1e-12;
        llt.compute(m_p * (kN + m_lambda));
        if (llt.info() != Eigen::Success)
            return;
    }
    const Cov root = llt.matrixL();
    Eigen::Matrix<double, kN, 2 * kN + 1> sigma;
    Eigen::Matrix<double, 1, 2 * kN + 1> z;
    sigma.col(0) = m_x;
    for (int k = 0; k < kN; ++k) {
        sigma.col(1 + k) = m_x + root.col(k);
        sigma.col(1 + kN + k) = m_x - root.col(k);
    }
    for (int k = 0; k < 2 * kN + 1; ++k)
        z(k) = m_model.h(sigma.col(k), i);
    const double zMean = m_wm0 * z(0) + m_wi * (z.sum() - z(0));
    const double r = m_config.voltageNoiseStdV * m_config.voltageNoiseStdV;
    double pzz = r + m_wc0 * (z(0) - zMean) * (z(0) - zMean);
    State pxz = m_wc0 * (sigma.col(0) - m_x) * (z(0) - zMean);
    for (int k = 1; k < 2 * kN + 1; ++k) {
        pzz += m_wi * (z(k) - zMean) * (z(k) - zMean);
        pxz += m_wi * (sigma.col(k) - m_x) * (z(k) - zMean);
    }
    const State gain = pxz / pzz;
    m_innovation = v - zMean;
    m_x += gain * m_innovation;
    m_p -= gain * pzz * gain.transpose();
    m_p = 0.5 * (m_p + m_p.transpose()).eval();
}

SocTrace runUkfSoc(const TimeSeries& s, const EkfSocConfig& config, const OcvTable& ocv)
{
    SocTrace trace;
    trace.soc.reserve(s.size());
    trace.socStd.reserve(s.size());
    UkfSoc ukf(config, ocv);
    for (std::size_t n = 0; n < s.size(); ++n) {
        if (n > 0)
            ukf.step(s.timeS[n] - s.timeS[n - 1], s.currentA[n], s.voltageV[n]);
        trace.soc.push_back(ukf.soc());
        trace.socStd.push_back(ukf.socStd());
    }
    return trace;
}

} // namespace pg::models
