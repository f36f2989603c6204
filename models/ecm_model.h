#pragma once

#include <array>

namespace pg::models {

// Thevenin equivalent circuit: v = OCV(SoC) - R0 i - sum_k v_k, with one or two RC branches,
// dv_k/dt = -v_k / tau_k + i / C_k (tau_k = R_k C_k). Current positive = discharge.
struct EcmParams {
    int rcCount = 2; // 1 or 2
    double r0Ohm = 0.0;
    std::array<double, 2> rOhm {}; // R1, R2
    std::array<double, 2> tauS {}; // tau1 <= tau2
    double cF(int k) const { return tauS[static_cast<std::size_t>(k)] / rOhm[static_cast<std::size_t>(k)]; }
};

// Exact discretisation of one RC branch over `dtS` with the current `currentA` held over the
// interval (zero-order hold): v_k(t+dt) = a v_k(t) + (1 - a) R_k i, a = exp(-dt/tau_k).
// The fit, the EKF and the simulator all use this one statement of the physics.
double rcDecay(double dtS, double tauS);

} // namespace pg::models
