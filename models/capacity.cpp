#include "capacity.h"

#include <algorithm>

namespace pg::models {

namespace {

double restThreshold(const TimeSeries& s, const CapacityOptions& o)
{
    if (o.restCurrentA > 0.0)
        return o.restCurrentA;
    double peak = 0.0;
    for (double i : s.currentA)
        peak = std::max(peak, std::abs(i));
    return std::max(1e-3, 0.02 * peak);
}

double trapezoidAh(const TimeSeries& s, std::size_t from, std::size_t to)
{
    double q = 0.0;
    for (std::size_t n = from + 1; n <= to; ++n)
        q += 0.5 * (s.currentA[n] + s.currentA[n - 1]) * (s.timeS[n] - s.timeS[n - 1]);
    return q / 3600.0;
}

// Variance (Ah^2) from a load step at an unknown instant within the sample interval ending or
// starting at n: uniform over I*dt.
double stepVariance(const TimeSeries& s, std::size_t a, std::size_t b)
{
    const double w = std::abs(s.currentA[b] - s.currentA[a]) * (s.timeS[b] - s.timeS[a]) / 3600.0;
    return w * w / 12.0;
}

} // namespace

std::vector<RestPeriod> findRests(const TimeSeries& s, double restCurrentA)
{
    std::vector<RestPeriod> rests;
    std::size_t n = 0;
    while (n < s.size()) {
        if (std::abs(s.currentA[n]) >= restCurrentA) {
            ++n;
            continue;
        }
        RestPeriod r { n, n, 0.0 };
        while (r.last + 1 < s.size() && std::abs(s.currentA[r.last + 1]) < restCurrentA)
            ++r.last;
        r.durationS = s.timeS[r.last] - s.timeS[r.first];
        rests.push_back(r);
        n = r.last + 1;
    }
    return rests;
}

Result<CapacityResult> fullDischargeCapacity(const TimeSeries& s, const CapacityOptions& o)
{
    const double rest = restThreshold(s, o);
    double peak = 0.0;
    for (double i : s.currentA)
        peak = std::max(peak, i);
    if (!(peak > rest))
        return fitError(s.source, "no discharge found (current never exceeds the rest threshold "
                + std::to_string(rest) + " A)");
    const double load = 0.25 * peak;
    std::size_t first = 0;
    while (s.currentA[first] <= load)
        ++first;
    std::size_t end = first; // last sample of the continuous discharge
    while (end + 1 < s.size() && s.currentA[end + 1] > rest)
        ++end;
    std::size_t last = end;
    while (last > first && s.currentA[last] <= load)
        --last;
    if (last - first + 1 < 10)
        return fitError(s.where(first), "discharge has only " + std::to_string(last - first + 1)
                + " loaded samples (expected at least 10)");
    CapacityResult r;
    const std::size_t from = first > 0 ? first - 1 : first;
    r.chargeAh = trapezoidAh(s, from, last);
    r.fromS = s.timeS[from];
    r.toS = s.timeS[last];
    Estimate& e = r.capacityAh;
    e.method = "coulomb-count-full";
    e.value = r.chargeAh;
    double var = std::pow(o.currentGainError * r.chargeAh, 2);
    var += first > 0 ? stepVariance(s, first - 1, first) : 0.0;
    var += last + 1 < s.size() ? stepVariance(s, last, last + 1) : 0.0;
    e.stderrValue = std::sqrt(var);
    if (first == 0 || std::abs(s.currentA[first - 1]) >= rest)
        e.warnings.push_back("no rest before the discharge: full state not confirmed");
    if (end + 1 >= s.size())
        e.warnings.push_back("record ends under load: cut-off not confirmed");
    for (std::size_t n = end + 1; n < s.size(); ++n) {
        if (s.currentA[n] > load) {
            e.warnings.push_back("more than one discharge in the record: only the first counted");
            break;
        }
    }
    return r;
}

Result<CapacityResult> partialCapacity(const TimeSeries& s, const OcvTable& ocv, const CapacityOptions& o)
{
    std::vector<RestPeriod> rests = findRests(s, restThreshold(s, o));
    std::erase_if(rests, [&](const RestPeriod& r) { return r.durationS < o.minRestS; });
    if (rests.size() < 2)
        return fitError(s.source, "found " + std::to_string(rests.size()) + " rests of at least "
                + std::to_string(static_cast<int>(o.minRestS)) + " s (expected two, with current below the rest threshold)");
    const std::size_t a = rests.front().last, b = rests.back().last;
    CapacityResult r;
    r.startSoc = ocv.socFromOcv(s.voltageV[a]);
    r.endSoc = ocv.socFromOcv(s.voltageV[b]);
    r.chargeAh = trapezoidAh(s, a, b);
    r.fromS = s.timeS[a];
    r.toS = s.timeS[b];
    const double dSoc = r.startSoc - r.endSoc;
    if (std::abs(dSoc) < 0.10)
        return fitError(s.where(b), "rested OCV points only " + std::to_string(std::abs(dSoc) * 100.0)
                + " % SoC apart (expected at least 10 %)");
    Estimate& e = r.capacityAh;
    e.method = "ocv-partial";
    e.value = r.chargeAh / dSoc;
    if (!(e.value > 0.0))
        return fitError(s.where(b), "charge and OCV change disagree in sign (wrong current sign?)");
    double varSoc = 0.0;
    for (std::size_t k : { a, b }) {
        const double v = s.voltageV[k];
        if (v <= ocv.ocvMinV() || v >= ocv.ocvMaxV())
            e.warnings.push_back("rested voltage " + std::to_string(v) + " V outside the OCV table");
        const double slope = ocv.slopeVPerSoc(ocv.socFromOcv(v));
        if (slope < 0.2)
            e.warnings.push_back("OCV point on a flat part of the curve: SoC poorly defined");
        varSoc += std::pow(o.ocvReadingErrorV / slope, 2);
    }
    e.stderrValue = e.value * std::sqrt(varSoc / (dSoc * dSoc) + o.currentGainError * o.currentGainError);
    if (rests.size() > 2)
        e.warnings.push_back("used the first and the last of " + std::to_string(rests.size()) + " rests");
    return r;
}

} // namespace pg::models
