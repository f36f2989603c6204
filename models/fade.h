#pragma once

#include "models/estimate.h"
#include "models/fit_error.h"

#include <cmath>
#include <string>
#include <vector>

namespace pg::models {

// One fitted empirical capacity-fade curve Q(n) over cycle number n.
struct FadeFit {
    std::string name; // "linear", "sqrt", "power", "exponential", "double-exponential"
    std::vector<std::string> paramNames;
    std::vector<double> params;
    std::vector<double> paramStderr;
    double rmseAh = std::nan("");
    double aicc = std::nan(""); // small-sample Akaike criterion (selects the model)
    double bic = std::nan("");
    bool converged = false;

    double capacityAh(double cycle) const;
};

struct FadeOptions {
    double nominalAh = std::nan(""); // NaN: the first measured capacity (with a warning)
    std::vector<double> thresholds { 0.8, 0.7, 0.6 }; // fractions of nominal
    int bootstrapSamples = 200; // per candidate model
    unsigned seed = 1;
    double horizonFactor = 10.0; // search crossings up to this many times the last cycle
    double coverage = 0.90; // two-sided interval
};

// When the capacity reaches threshold x nominal. Cycles are +inf when not reached within the
// horizon (then the interval's upper end is +inf too).
struct FadeProjection {
    double threshold = 0.0;
    double thresholdAh = 0.0;
    double cycle = HUGE_VAL; // on the fitted curve
    // Interval of the first measured crossing over all candidate models (structural and
    // statistical uncertainty), and the selected model's own bootstrap interval.
    double lowCycle = HUGE_VAL, highCycle = HUGE_VAL;
    double bestLowCycle = HUGE_VAL, bestHighCycle = HUGE_VAL;
    // Measured capacity already under the threshold: cycle (and both interval ends) is then the
    // first measured cycle below it, not a projection.
    bool alreadyBelow = false;
};

struct FadeResult {
    FadeFit best;
    std::vector<FadeFit> candidates; // all models that converged, best first
    std::vector<FadeProjection> projections;
    double nominalAh = 0.0;
    std::string method; // "<model>-aicc-block-bootstrap"
    std::vector<std::string> warnings;
};

// Fits linear, square-root, power-law, exponential and double-exponential fade models by
// Levenberg-Marquardt, picks the lowest AICc, and projects the cycles to each threshold on its
// curve. Intervals come from a moving-block bootstrap of the residuals (blocks keep the
// regeneration jumps and their autocorrelation): each replicate refits the model and simulates
// future measurements with resampled residual blocks, and the interval holds the first simulated
// measured crossing. Because a short history cannot tell an accelerating from a decelerating fade
// law (AICc on autocorrelated residuals is overconfident), the reported interval is the envelope
// of the bootstrap intervals of every converged candidate; the selected model's own interval is
// kept beside it. `source` names the data in errors.
Result<FadeResult> fitFade(const std::vector<double>& cycle, const std::vector<double>& capacityAh,
    const FadeOptions& options = {}, const std::string& source = "fade");

// The model names fitFade tries.
std::vector<std::string> fadeModelNames();

// Fits one model by name (as above); used by fitFade and by tests.
Result<FadeFit> fitFadeModel(const std::string& name, const std::vector<double>& cycle,
    const std::vector<double>& capacityAh);

} // namespace pg::models
