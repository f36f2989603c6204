#pragma once

#include "models/estimate.h"
#include "models/fit_error.h"

#include <vector>

namespace pg::models {

// Temperature dependence of cell resistance, R(T) = R25 exp(Ea/Rg (1/T - 1/T25)) (Arrhenius),
// used to bring a resistance measured at the bench temperature to 25 degC before comparing it
// with the new-cell value.
double arrheniusFactor(double tempC, double activationJPerMol, double refTempC = 25.0);

struct ArrheniusFit {
    Estimate r25Ohm;
    Estimate activationJPerMol;
    double rmsLogError = 0.0; // RMS of ln R residuals
};
// Linear least squares of ln R on 1/T (at least 2 points spanning 5 degC; with 2 there are no
// standard errors).
Result<ArrheniusFit> fitArrhenius(const std::vector<double>& tempC, const std::vector<double>& rOhm);

// Resistance ratio R25 / R25,new (1.0 new, 2.0 doubled): the resistance state of health. The
// stderr combines the measurement's and a 10 % uncertainty on the activation energy.
Estimate resistanceRatio(double rOhm, double rStderrOhm, double tempC, double newR25Ohm,
    double activationJPerMol);

} // namespace pg::models
