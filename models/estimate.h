#pragma once

#include <cmath>
#include <string>
#include <vector>

namespace pg::models {

// A number an estimator produced, with its uncertainty and how it was made. Every estimate in
// PackGrade carries all three, so that a grade can use the conservative end and say why.
struct Estimate {
    double value = std::nan("");
    double stderrValue = std::nan(""); // one standard error, same unit as value
    std::string method; // e.g. "coulomb-count", "2rc-vp-lm"
    std::vector<std::string> warnings; // conditions that weaken the estimate

    bool valid() const { return std::isfinite(value); }
    // Two-sided interval at `z` standard errors (z = 1.96 for about 95 %).
    double lower(double z = 1.96) const { return value - z * stderrValue; }
    double upper(double z = 1.96) const { return value + z * stderrValue; }
};

} // namespace pg::models
