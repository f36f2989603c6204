#pragma once

// Test-side cell simulator, written independently of models/: it integrates the 2RC circuit on
// a fine (1 ms) grid between the samples with explicit midpoint steps, so the fits are checked
// against a truth that does not share their discretisation.
#include "models/ocv_table.h"
#include "models/time_series.h"

#include <functional>
#include <random>

namespace pg::test {

struct CellTruth {
    double capacityAh = 5.0;
    double soc0 = 0.8;
    double r0Ohm = 0.012;
    double r1Ohm = 0.010, tau1S = 2.0;
    double r2Ohm = 0.015, tau2S = 60.0;
    double noiseV = 0.0; // white Gaussian noise on the voltage
    unsigned seed = 7;
};

// current(t) is piecewise constant; samples at sampleTimes. OCV from `ocv` (or constant 3.7 V).
inline models::TimeSeries simulateCell(const CellTruth& c, const std::vector<double>& sampleTimes,
    const std::function<double(double)>& current, const models::OcvTable* ocv)
{
    models::TimeSeries s;
    s.source = "synthetic";
    std::mt19937 rng(c.seed);
    std::normal_distribution<double> noise(0.0, c.noiseV);
    double v1 = 0.0, v2 = 0.0, soc = c.soc0, t = sampleTimes.front();
    const double h = 1e-3;
    for (double ts : sampleTimes) {
        while (t < ts - 1e-12) {
            const double dt = std::min(h, ts - t);
            const double i = current(t + 0.5 * dt);
            const double m1 = v1 + 0.5 * dt * (i * c.r1Ohm - v1) / c.tau1S;
            const double m2 = v2 + 0.5 * dt * (i * c.r2Ohm - v2) / c.tau2S;
            v1 += dt * (i * c.r1Ohm - m1) / c.tau1S;
            v2 += dt * (i * c.r2Ohm - m2) / c.tau2S;
            soc -= i * dt / 3600.0 / c.capacityAh;
            t += dt;
        }
        const double i = current(ts);
        const double e = ocv ? ocv->ocvV(soc) : 3.7;
        s.timeS.push_back(ts);
        s.currentA.push_back(i);
        s.voltageV.push_back(e - c.r0Ohm * i - v1 - v2 + (c.noiseV > 0 ? noise(rng) : 0.0));
    }
    return s;
}

inline std::vector<double> uniformTimes(double endS, double stepS)
{
    std::vector<double> t;
    for (int k = 0; k * stepS <= endS + 1e-9; ++k)
        t.push_back(k * stepS);
    return t;
}

} // namespace pg::test
