#pragma once

#include "models/fit_error.h"
#include "models/time_series.h"

#include <string>
#include <vector>

namespace pg::models {

struct IcaOptions {
    double binV = 0.002; // voltage bin width
    double smoothingV = 0.010; // Gaussian kernel sigma
    double minProminence = 0.05; // peak prominence as a fraction of the highest value
};

struct IcaPeak {
    double voltageV = 0.0;
    double heightAhPerV = 0.0;
    double prominenceAhPerV = 0.0;
};

struct IcaResult {
    std::vector<double> voltageV; // bin centres, ascending
    std::vector<double> dqdvAhPerV; // smoothed |dQ/dV|
    std::vector<IcaPeak> peaks; // highest first
    double chargeAh = 0.0; // charge in the analysed segment
    std::vector<std::string> warnings;
};

// Incremental-capacity analysis of the first constant-current segment (discharge, or charge if
// the record has no discharge): the charge of each sample interval goes to the voltage bin of
// its mean voltage (a histogram, robust to voltage noise that makes V(t) non-monotone), the
// histogram is smoothed with a Gaussian kernel and divided by the bin width. Peaks are local
// maxima with enough prominence; their positions and heights are the degradation indicators
// to track across tests (loss of lithium moves them, loss of active material lowers them).
Result<IcaResult> incrementalCapacity(const TimeSeries& series, const IcaOptions& options = {});

} // namespace pg::models
