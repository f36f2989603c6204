#include "ica.h"

#include <algorithm>
#include <cmath>

namespace pg::models {

namespace {

// First run of samples with current of one sign above 25 % of its peak (discharge preferred).
bool findSegment(const TimeSeries& s, std::size_t& first, std::size_t& last, double& sign)
{
    double peakDis = 0.0, peakChg = 0.0;
    for (double i : s.currentA) {
        peakDis = std::max(peakDis, i);
        peakChg = std::max(peakChg, -i);
    }
    sign = peakDis > 0.0 ? 1.0 : -1.0;
    const double load = 0.25 * std::max(peakDis > 0.0 ? peakDis : peakChg, 0.0);
    if (!(load > 0.0))
        return false;
    first = 0;
    while (first < s.size() && sign * s.currentA[first] <= load)
        ++first;
    last = first;
    while (last + 1 < s.size() && sign * s.currentA[last + 1] > load)
        ++last;
    return first < s.size();
}

std::vector<double> gaussianSmooth(const std::vector<double>& h, double sigmaBins)
{
    if (sigmaBins < 0.5)
        return h;
    const int half = static_cast<int>(std::ceil(3.0 * sigmaBins));
    std::vector<double> kernel(static_cast<std::size_t>(2 * half + 1));
    for (int k = -half; k <= half; ++k)
        kernel[static_cast<std::size_t>(k + half)] = std::exp(-0.5 * k * k / (sigmaBins * sigmaBins));
    std::vector<double> out(h.size(), 0.0);
    const auto n = static_cast<int>(h.size());
    for (int j = 0; j < n; ++j) {
        double sum = 0.0, wsum = 0.0;
        for (int k = -half; k <= half; ++k) {
            if (j + k < 0 || j + k >= n)
                continue;
            const double w = kernel[static_cast<std::size_t>(k + half)];
            sum += w * h[static_cast<std::size_t>(j + k)];
            wsum += w;
        }
        out[static_cast<std::size_t>(j)] = sum / wsum; // renormalised at the edges
    }
    return out;
}

std::vector<IcaPeak> findPeaks(const std::vector<double>& v, const std::vector<double>& y, double minProminence)
{
    std::vector<IcaPeak> peaks;
    const double top = *std::max_element(y.begin(), y.end());
    for (std::size_t j = 1; j + 1 < y.size(); ++j) {
        if (!(y[j] > y[j - 1] && y[j] >= y[j + 1]))
            continue;
        // Prominence: height above the higher of the two minima before reaching a higher point.
        double leftMin = y[j], rightMin = y[j];
        for (std::size_t k = j; k-- > 0 && y[k] <= y[j];)
            leftMin = std::min(leftMin, y[k]);
        for (std::size_t k = j + 1; k < y.size() && y[k] <= y[j]; ++k)
            rightMin = std::min(rightMin, y[k]);
        const double prom = y[j] - std::max(leftMin, rightMin);
        if (prom >= minProminence * top)
            peaks.push_back(IcaPeak { v[j], y[j], prom });
    }
    std::sort(peaks.begin(), peaks.end(), [](const IcaPeak& a, const IcaPeak& b) { return a.heightAhPerV > b.heightAhPerV; });
    return peaks;
}

} // namespace

Result<IcaResult> incrementalCapacity(const TimeSeries& s, const IcaOptions& o)
{
    std::size_t first = 0, last = 0;
    double sign = 1.0;
    if (!findSegment(s, first, last, sign) || last - first < 20)
        return fitError(s.source, "no constant-current segment of at least 20 samples for dQ/dV");
    double vMin = HUGE_VAL, vMax = -HUGE_VAL;
    for (std::size_t n = first; n <= last; ++n) {
        vMin = std::min(vMin, s.voltageV[n]);
        vMax = std::max(vMax, s.voltageV[n]);
    }
    if (!(vMax - vMin > 10.0 * o.binV))
        return fitError(s.where(first), "voltage spans less than 10 bins: not enough for dQ/dV");
    IcaResult r;
    const auto bins = static_cast<std::size_t>(std::ceil((vMax - vMin) / o.binV)) + 1;
    std::vector<double> hist(bins, 0.0);
    for (std::size_t n = first + 1; n <= last; ++n) {
        const double dq = sign * 0.5 * (s.currentA[n] + s.currentA[n - 1]) * (s.timeS[n] - s.timeS[n - 1]) / 3600.0;
        const double vm = 0.5 * (s.voltageV[n] + s.voltageV[n - 1]);
        hist[std::min(bins - 1, static_cast<std::size_t>((vm - vMin) / o.binV))] += dq;
        r.chargeAh += dq;
    }
    r.dqdvAhPerV = gaussianSmooth(hist, o.smoothingV / o.binV);
    for (std::size_t j = 0; j < bins; ++j) {
        r.voltageV.push_back(vMin + (static_cast<double>(j) + 0.5) * o.binV);
        r.dqdvAhPerV[j] /= o.binV;
    }
    r.peaks = findPeaks(r.voltageV, r.dqdvAhPerV, o.minProminence);
    const double samplesPerBin = static_cast<double>(last - first) / static_cast<double>(bins);
    if (samplesPerBin < 2.0)
        r.warnings.push_back("fewer than 2 samples per voltage bin: sparse data, widen binV");
    if (r.peaks.empty())
        r.warnings.push_back("no dQ/dV peak found");
    return r;
}

} // namespace pg::models
