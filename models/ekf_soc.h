#pragma once

#include "models/ecm_model.h"
#include "models/ocv_table.h"
#include "models/time_series.h"

#include <Eigen/Core>
#include <vector>

namespace pg::models {

struct EkfSocConfig {
    EcmParams params; // 2RC (a 1RC model leaves branch 2 at zero)
    double capacityAh = 5.0;
    double initialSoc = 0.5;
    double initialSocStd = 0.2;
    double socProcessStd = 1e-5; // per second, random walk (current-sensor error)
    double rcProcessStdV = 1e-4; // per second
    double voltageNoiseStdV = 2e-3;
};

// Extended Kalman filter on the 2RC Thevenin model. State [SoC, V1, V2]; input the current over
// the step (zero-order hold, as the ECM fit assumes); measurement the terminal voltage
// v = OCV(SoC) - V1 - V2 - R0 i. Fixed-size types: no allocation per sample. The covariance is
// updated in Joseph form, which stays symmetric positive definite under rounding.
class EkfSoc {
public:
    static constexpr int kSoc = 0, kV1 = 1, kV2 = 2;
    using State = Eigen::Matrix<double, 3, 1>;
    using Cov = Eigen::Matrix<double, 3, 3>;
    using Row = Eigen::Matrix<double, 1, 3>;

    EkfSoc(const EkfSocConfig& config, const OcvTable& ocv);

    // Pure model: the state after dtS with current `currentA`, its Jacobian, the measurement.
    State f(const State& x, double currentA, double dtS, Cov* jacobian = nullptr) const;
    double h(const State& x, double currentA, Row* jacobian = nullptr) const;

    // One sample: predict over dtS (current held), then update with the measured voltage.
    void step(double dtS, double currentA, double voltageV);

    double soc() const { return m_x(kSoc); }
    double socStd() const { return std::sqrt(m_p(kSoc, kSoc)); }
    const State& state() const { return m_x; }
    const Cov& covariance() const { return m_p; }
    double lastInnovationV() const { return m_innovation; }

private:
    EkfSocConfig m_config;
    const OcvTable& m_ocv;
    State m_x;
    Cov m_p;
    double m_innovation = 0.0;
};

// Runs the filter over a record (first sample initialises); SoC and its standard deviation per
// sample.
struct SocTrace {
    std::vector<double> soc, socStd;
};
SocTrace runEkfSoc(const TimeSeries& series, const EkfSocConfig& config, const OcvTable& ocv);

// Coulomb counting from a known start: SoC(t) = soc0 - Ah(t) / capacity (trapezoid rule).
std::vector<double> coulombCountSoc(const TimeSeries& series, double soc0, double capacityAh);

} // namespace pg::models
