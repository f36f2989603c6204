#pragma once

#include "models/estimate.h"
#include "models/fit_error.h"
#include "models/ocv_table.h"
#include "models/time_series.h"

#include <cmath>
#include <string>
#include <vector>

namespace pg::models {

// Per-cell capacity from one discharge between two rests (a capacity test: charge to full, rest,
// discharge until the weakest cell reaches its floor, rest; a charge between two rests works the
// same way, with both signs negative). Series elements carry the same
// charge Q, so element i holds C_i = Q / (SoC_i(start rest) - SoC_i(end rest)), each SoC read
// from the element's own rested voltage through the chemistry's OCV table.
//
// Uncertainty, one sigma, from the two OCV readings through the table's slope:
//   sigma_SoC = sigma_V / |dOCV/dSoC|, per reading, with
//   sigma_V (independent per element)^2 = step^2 / 12 + cellOcvError^2   (voltage resolution;
//       a cell's own OCV and relaxation against the table)
//   sigma_V (common to all elements) = h(SoC) / sqrt(3)                    (the table's
//       hysteresis half-gap: after a charge the cell sits above the mean OCV, after a discharge
//       below, by at most h; uniform)
//   sigma_C / C = sqrt(sigma_dSoC^2 / dSoC^2 + currentGainError^2).
//   a reading beyond the table's ends: SoC at the end, plus beyondTableSoc (independent).
// The spread between elements uses the independent part only: the common terms move every
// element's capacity the same way.
//
// Not determinable (no number, a reason instead) when either rested OCV lies where the table is
// flatter than minSlopeVPerSoc (an LFP plateau: 1 mV moves the SoC by several %), when the SoC
// change is under minSocChange, or when the relative standard error exceeds maxRelativeStderr.
struct CellCapacityOptions {
    double restCurrentA = std::nan(""); // |I| below this is rest; NaN: 2 % of the largest |I|
    double minRestS = 300.0; // both rests at least this long
    double voltageStepV = 1e-3; // the cell-voltage resolution of the BMS (foxBMS 2, Leaf: 1 mV)
    double cellOcvErrorV = 2e-3; // a cell's rested OCV vs the table at its SoC, one sigma
    double currentGainError = 0.002; // relative, one sigma (common to all elements)
    double minSlopeVPerSoc = 0.1; // 1 mV per 1 % SoC
    double minSocChange = 0.10;
    double maxRelativeStderr = 0.10;
    // A rested voltage beyond the table's ends (the weakest cell resting under the table after
    // reaching its floor, a cell charged past the table's top) reads as the end's SoC, with this
    // one-sigma SoC uncertainty added (house figure: the simulator's cells overshoot the table's
    // top by up to 1.8 % SoC, LFP charged to 3.65 V).
    double beyondTableSoc = 0.01;
};

struct CellCapacity {
    int index = 0; // series element, 0-based
    Estimate capacityAh; // not valid() when not determinable
    double independentStderrAh = std::nan(""); // the part not shared with the other elements
    double startOcvV = std::nan(""), endOcvV = std::nan("");
    double startSoc = std::nan(""), endSoc = std::nan("");
    double startSlopeVPerSoc = std::nan(""), endSlopeVPerSoc = std::nan("");
    bool determinable = false;
    std::string reason; // why not determinable
};

struct CellCapacitySpread {
    std::vector<CellCapacity> cells;
    double chargeAh = 0.0; // Q between the two rests (discharge positive)
    double fromS = 0.0, toS = 0.0; // the two rested readings
    int determinable = 0; // elements with a capacity
    // Over the determinable elements; valid() only when every element is determinable (a spread
    // missing an element could miss the weakest one).
    Estimate minAh, maxAh, meanAh;
    double sigmaAh = std::nan(""); // sample standard deviation of the capacities
    Estimate relativeSpread; // (max - min) / max, the grading policy's capacity_spread
    int weakestCell = -1, strongestCell = -1;
    std::vector<std::string> warnings;
};

// `pack`: the pack's current (discharge positive) and time; `cellVoltagesV[i]`: element i's
// voltage at the samples of `cellTimeS` (a subset of the pack's samples, e.g. the ones a BMS
// reading covered). Errors: no discharge, no rest of minRestS before or after it, no cells.
Result<CellCapacitySpread> estimateCellCapacities(const TimeSeries& pack,
    const std::vector<double>& cellTimeS, const std::vector<std::vector<double>>& cellVoltagesV,
    const OcvTable& ocv, const CellCapacityOptions& o = {});

} // namespace pg::models
