#pragma once

#include "models/ekf_soc.h"

namespace pg::models {

// Unscented Kalman filter for SoC on the same 2RC model as EkfSoc (state [SoC, V1, V2], same
// configuration, same pure f() and h()). The state transition is affine in the state, so its
// unscented transform equals the linear propagation, which is used; the measurement
// v = OCV(SoC) - V1 - V2 - R0 i goes through 2n+1 = 7 sigma points (scaled unscented transform,
// Julier and Uhlmann; Wan and van der Merwe 2000), so the update sees the OCV curve across the
// whole SoC uncertainty instead of its slope at one point: the difference matters where the
// curve is flat with steep ends (LFP). Fixed-size types: no allocation per sample.
class UkfSoc {
public:
    using State = EkfSoc::State;
    using Cov = EkfSoc::Cov;

    // alpha sets the spread of the sigma points (sqrt(alpha^2 (n + kappa)) standard deviations),
    // beta = 2 is optimal for Gaussian priors.
    UkfSoc(const EkfSocConfig& config, const OcvTable& ocv, double alpha = 1.0, double beta = 2.0,
        double kappa = 0.0);

    void step(double dtS, double currentA, double voltageV);

    double soc() const { return m_x(EkfSoc::kSoc); }
    double socStd() const { return std::sqrt(m_p(EkfSoc::kSoc, EkfSoc::kSoc)); }
    const State& state() const { return m_x; }
    const Cov& covariance() const { return m_p; }
    double lastInnovationV() const { return m_innovation; }

private:
    void update(double currentA, double voltageV);

    EkfSoc m_model; // f(), h() and the configuration
    EkfSocConfig m_config;
    double m_lambda, m_wm0, m_wc0, m_wi;
    State m_x;
    Cov m_p;
    double m_innovation = 0.0;
};

SocTrace runUkfSoc(const TimeSeries& series, const EkfSocConfig& config, const OcvTable& ocv);

} // namespace pg::models
