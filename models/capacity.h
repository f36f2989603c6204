#pragma once

#include "models/estimate.h"
#include "models/fit_error.h"
#include "models/ocv_table.h"
#include "models/time_series.h"

#include <cmath>
#include <vector>

namespace pg::models {

struct CapacityOptions {
    // |I| below this counts as rest; NaN: 2 % of the largest |I| (at least 1 mA).
    double restCurrentA = std::nan("");
    // A rest must last this long to give an OCV point (partial method).
    double minRestS = 300.0;
    double currentGainError = 0.002; // relative current-sensor uncertainty, one sigma
    double ocvReadingErrorV = 0.005; // one sigma, for OCV read after a finite rest
};

struct CapacityResult {
    Estimate capacityAh; // value, stderr, method, warnings
    double chargeAh = 0.0; // Ah counted (discharge positive)
    double fromS = 0.0, toS = 0.0; // time span counted
    double startSoc = std::nan(""), endSoc = std::nan(""); // partial method only
};

// A run of samples with |I| below the rest threshold.
struct RestPeriod {
    std::size_t first = 0, last = 0;
    double durationS = 0.0;
};
std::vector<RestPeriod> findRests(const TimeSeries& s, double restCurrentA);

// Coulomb count of the first full discharge: from the last rested sample before the load to the
// last loaded sample, by the trapezoid rule. The standard error combines the current-sensor gain
// error and the unknown instants of the load steps between samples (uniform within a sample
// interval). Warns when no rest precedes (full state unconfirmed) or follows (cut-off unconfirmed).
Result<CapacityResult> fullDischargeCapacity(const TimeSeries& s, const CapacityOptions& o = {});

// Capacity between the first and the last rested OCV point: Ah between them divided by the SoC
// difference read from the OCV table. Needs two rests of at least minRestS and 10 % SoC apart.
Result<CapacityResult> partialCapacity(const TimeSeries& s, const OcvTable& ocv, const CapacityOptions& o = {});

} // namespace pg::models
