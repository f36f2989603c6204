#pragma once

#include "models/estimate.h"
#include "models/fit_error.h"

#include <vector>

namespace pg::models {

// Spread of one quantity (capacity, resistance, self-discharge) over the cells or modules of a
// pack, with outliers by the robust z-score of Iglewicz and Hoaglin: z = 0.6745 (x - median) / MAD,
// outlier when |z| > zLimit (3.5 by default). Robust: one bad cell does not hide another.
struct SpreadResult {
    double median = 0.0;
    double madScaled = 0.0; // 1.4826 MAD: a robust standard deviation
    double min = 0.0, max = 0.0;
    double relativeSpread = 0.0; // (max - min) / median
    std::vector<double> robustZ;
    std::vector<std::size_t> outliers; // indices, most extreme first
    std::size_t weakest = 0; // lowest value (highBad: highest)
    std::vector<std::string> warnings;
};

// highIsBad: resistance and self-discharge (the weak cell is the highest); capacity: false.
Result<SpreadResult> cellSpread(const std::vector<double>& values, bool highIsBad = false, double zLimit = 3.5);

// Pack capacity state of health from the weakest series element (a series string delivers only
// what its weakest element holds): min over elements of capacity / nominal, with that element's
// standard error. Elements are parallel groups (their capacities summed by the caller).
Result<Estimate> packCapacitySoh(const std::vector<double>& elementCapacityAh,
    const std::vector<double>& elementStderrAh, double nominalElementAh);

} // namespace pg::models
