#pragma once

#include "models/estimate.h"

#include <cmath>

namespace pg::models {

// Online R0 tracker for live data: recursive least squares with exponential forgetting on
// dv = -R0 di between consecutive samples (differencing removes the OCV and, for steps much
// faster than the RC time constants, most of the RC voltages). Updates only on current steps of
// at least minStepA, so the gain does not wind up while the current is steady.
class RlsR0 {
public:
    struct Config {
        double forgetting = 0.98; // lambda; memory about 1 / (1 - lambda) steps
        double minStepA = 0.5;
        double initialR0Ohm = 0.0;
        double initialVariance = 1.0; // Ohm^2: uninformative
    };

    explicit RlsR0(Config config);

    // Feeds one sample; returns true when it updated the estimate.
    bool addSample(double currentA, double voltageV);
    // Current R0 with its standard error (from P and the residual variance), method "rls-r0".
    Estimate estimate() const;
    int updates() const { return m_updates; }

private:
    Config m_config;
    double m_r0 = 0.0;
    double m_p = 1.0;
    double m_residualVar = 0.0; // exponentially weighted
    double m_lastI = std::nan(""), m_lastV = std::nan("");
    int m_updates = 0;
};

} // namespace pg::models
