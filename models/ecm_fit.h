#pragma once

#include "models/ecm_model.h"
#include "models/estimate.h"
#include "models/fit_error.h"
#include "models/ocv_table.h"
#include "models/time_series.h"

#include <cmath>
#include <string>
#include <vector>

namespace pg::models {

struct EcmFitOptions {
    int rcCount = 2; // 1 or 2
    // With both, the OCV follows the charge drawn: OCV(soc0 - Ah/capacity), soc0 from the first
    // (rested) voltage. Without, the OCV is taken as constant over the record.
    const OcvTable* ocv = nullptr;
    double capacityAh = std::nan("");
    int maxIterations = 60;
};

struct EcmFit {
    EcmParams params;
    Estimate r0Ohm, r1Ohm, c1F, tau1S, r2Ohm, c2F, tau2S; // 2nd branch invalid for 1RC
    Estimate e0V; // open-circuit voltage at the start of the record
    double r0StepOhm = std::nan(""); // dV/dI across the largest current step
    double rmseV = std::nan("");
    std::size_t samples = 0;
    int iterations = 0;
    bool converged = false;
    std::string method; // "1rc-vp-lm" / "2rc-vp-lm"
    std::vector<std::string> warnings;
};

// Identifies R0 and the RC branches from pulse data by variable projection: for given time
// constants the terminal voltage is linear in (E0, R0, R1, R2), which are solved by linear least
// squares; Levenberg-Marquardt searches only log(tau) (Kaufman's Jacobian), from the best point
// of a coarse grid. Standard errors come from the full Jacobian at the solution, scaled by the
// residual variance. Errors: too few samples, no current step, unidentifiable parameters.
Result<EcmFit> fitEcm(const TimeSeries& series, const EcmFitOptions& options);

// Model voltage for `params` and a start voltage `e0V` (rested OCV) on the record's time and
// current, with the same OCV handling as fitEcm.
std::vector<double> simulateEcm(const TimeSeries& series, const EcmParams& params, double e0V,
    const OcvTable* ocv = nullptr, double capacityAh = std::nan(""));

} // namespace pg::models
