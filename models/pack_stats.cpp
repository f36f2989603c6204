#include "pack_stats.h"

#include <algorithm>
#include <cmath>

namespace pg::models {

namespace {

double median(std::vector<double> v)
{
    const std::size_t h = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(h), v.end());
    const double upper = v[h];
    if (v.size() % 2 == 1)
        return upper;
    return 0.5 * (upper + *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(h)));
}

} // namespace

Result<SpreadResult> cellSpread(const std::vector<double>& values, bool highIsBad, double zLimit)
{
    if (values.size() < 3)
        return fitError("pack", "spread needs at least 3 cells, got " + std::to_string(values.size()));
    for (std::size_t k = 0; k < values.size(); ++k) {
        if (!std::isfinite(values[k]))
            return fitError("pack", "cell " + std::to_string(k + 1) + ": value is not a finite number");
    }
    SpreadResult r;
    r.median = median(values);
    std::vector<double> dev(values.size());
    for (std::size_t k = 0; k < values.size(); ++k)
        dev[k] = std::abs(values[k] - r.median);
    double mad = median(dev);
    if (!(mad > 0.0)) { // more than half the cells identical: fall back to the mean deviation
        double sum = 0.0;
        for (double d : dev)
            sum += d;
        mad = 0.7979 * sum / static_cast<double>(dev.size()); // mean |dev| scaled to MAD units
        r.warnings.push_back("most cells identical: robust z from the mean absolute deviation");
    }
    r.madScaled = 1.4826 * mad;
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    r.min = *lo;
    r.max = *hi;
    r.relativeSpread = r.median != 0.0 ? (r.max - r.min) / std::abs(r.median) : std::nan("");
    r.weakest = static_cast<std::size_t>((highIsBad ? hi : lo) - values.begin());
    for (std::size_t k = 0; k < values.size(); ++k) {
        r.robustZ.push_back(mad > 0.0 ? 0.6745 * (values[k] - r.median) / mad : 0.0);
        if (std::abs(r.robustZ.back()) > zLimit)
            r.outliers.push_back(k);
    }
    std::sort(r.outliers.begin(), r.outliers.end(),
        [&](std::size_t a, std::size_t b) { return std::abs(r.robustZ[a]) > std::abs(r.robustZ[b]); });
    return r;
}

Result<Estimate> packCapacitySoh(const std::vector<double>& cap, const std::vector<double>& se, double nominal)
{
    if (cap.empty() || cap.size() != se.size())
        return fitError("pack", "expected one capacity and one standard error per series element");
    if (!(nominal > 0.0))
        return fitError("pack", "nominal element capacity must be positive");
    const auto weakest = static_cast<std::size_t>(std::min_element(cap.begin(), cap.end()) - cap.begin());
    Estimate e;
    e.method = "weakest-series-element";
    e.value = cap[weakest] / nominal;
    e.stderrValue = se[weakest] / nominal;
    // Another element within 2 standard errors could be the true weakest: say so.
    for (std::size_t k = 0; k < cap.size(); ++k) {
        if (k != weakest && cap[k] - cap[weakest] < 2.0 * std::hypot(se[k], se[weakest])) {
            e.warnings.push_back("weakest element not unique within 2 standard errors");
            break;
        }
    }
    return e;
}

} // namespace pg::models
