// Choosing a fade model and projecting remaining life with a block-bootstrap interval.
#include "fade.h"

#include <algorithm>
#include <random>

namespace pg::models {

namespace {

Result<bool> checkHistory(const std::vector<double>& n, const std::vector<double>& q, const std::string& source)
{
    if (n.size() != q.size())
        return fitError(source, "cycle and capacity columns differ in length");
    if (n.size() < 8)
        return fitError(source, "too few points: " + std::to_string(n.size()) + " (expected at least 8)");
    for (std::size_t i = 0; i < n.size(); ++i) {
        const std::string row = "row " + std::to_string(i + 1);
        if (!(n[i] > 0.0) || (i > 0 && !(n[i] > n[i - 1])))
            return fitError(source + " " + row, "cycle must be positive and increase strictly");
        if (!(q[i] > 0.0) || !std::isfinite(q[i]))
            return fitError(source + " " + row, "capacity_ah must be a positive number");
    }
    return true;
}

// First cycle at or after `from` where the curve is at or below `level`, to 0.01 cycle.
double curveCrossing(const FadeFit& fit, double level, double from, double to)
{
    const double step = std::max(1.0, (to - from) / 20000.0);
    double prev = from;
    if (fit.capacityAh(from) <= level)
        return from;
    for (double c = from + step; c <= to; c += step) {
        if (fit.capacityAh(c) <= level) {
            double lo = prev, hi = c;
            while (hi - lo > 0.01)
                (fit.capacityAh(0.5 * (lo + hi)) <= level ? hi : lo) = 0.5 * (lo + hi);
            return hi;
        }
        prev = c;
    }
    return HUGE_VAL;
}

// Circular moving-block resampling of residuals: `count` values.
std::vector<double> blockResample(const std::vector<double>& e, std::size_t count, std::size_t block, std::mt19937& rng)
{
    std::uniform_int_distribution<std::size_t> pick(0, e.size() - 1);
    std::vector<double> out;
    out.reserve(count + block);
    while (out.size() < count) {
        const std::size_t s = pick(rng);
        for (std::size_t j = 0; j < block; ++j)
            out.push_back(e[(s + j) % e.size()]);
    }
    out.resize(count);
    return out;
}

double quantile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const double pos = p * static_cast<double>(v.size() - 1);
    const auto k = static_cast<std::size_t>(pos);
    if (k + 1 >= v.size())
        return v.back();
    if (!std::isfinite(v[k + 1]))
        return std::isfinite(v[k]) && pos == static_cast<double>(k) ? v[k] : HUGE_VAL;
    return v[k] + (pos - static_cast<double>(k)) * (v[k + 1] - v[k]);
}

// Bootstrap replicates of the first measured crossing of each threshold level.
std::vector<std::vector<double>> bootstrapCrossings(const FadeFit& best, const std::vector<double>& n,
    const std::vector<double>& q, const std::vector<double>& levels, const FadeOptions& o)
{
    std::vector<double> resid(n.size());
    for (std::size_t i = 0; i < n.size(); ++i)
        resid[i] = q[i] - best.capacityAh(n[i]);
    const std::size_t block = std::max<std::size_t>(5, n.size() / 8);
    const double step = std::max(1.0, (n.back() - n.front()) / static_cast<double>(n.size() - 1));
    const auto future = static_cast<std::size_t>(n.back() * (o.horizonFactor - 1.0) / step);
    std::mt19937 rng(o.seed);
    std::vector<std::vector<double>> crossings(levels.size());
    for (int b = 0; b < o.bootstrapSamples; ++b) {
        const std::vector<double> e = blockResample(resid, n.size(), block, rng);
        std::vector<double> qb(n.size());
        for (std::size_t i = 0; i < n.size(); ++i)
            qb[i] = best.capacityAh(n[i]) + e[i];
        auto refit = fitFadeModel(best.name, n, qb);
        if (!refit)
            continue;
        const std::vector<double> ef = blockResample(resid, future, block, rng);
        for (std::size_t t = 0; t < levels.size(); ++t) {
            double hit = HUGE_VAL;
            for (std::size_t j = 0; j < future; ++j) {
                const double c = n.back() + step * static_cast<double>(j + 1);
                if (refit->capacityAh(c) + ef[j] < levels[t]) {
                    hit = c;
                    break;
                }
            }
            crossings[t].push_back(hit);
        }
    }
    return crossings;
}

} // namespace

Result<FadeResult> fitFade(const std::vector<double>& n, const std::vector<double>& q, const FadeOptions& o,
    const std::string& source)
{
    if (auto ok = checkHistory(n, q, source); !ok)
        return tl::unexpected(ok.error());
    FadeResult res;
    res.nominalAh = o.nominalAh;
    if (!(o.nominalAh > 0.0)) {
        res.nominalAh = q.front();
        res.warnings.push_back("nominal capacity not given: using the first measurement");
    }
    for (const std::string& name : fadeModelNames()) {
        auto fit = fitFadeModel(name, n, q);
        if (fit && fit->converged)
            res.candidates.push_back(std::move(*fit));
    }
    if (res.candidates.empty())
        return fitError(source, "no fade model converged on this history");
    std::sort(res.candidates.begin(), res.candidates.end(), [](const FadeFit& a, const FadeFit& b) { return a.aicc < b.aicc; });
    res.best = res.candidates.front();
    res.method = res.best.name + "-aicc-block-bootstrap";
    std::vector<double> levels;
    for (double t : o.thresholds)
        levels.push_back(t * res.nominalAh);
    const double alpha = 0.5 * (1.0 - o.coverage);
    for (std::size_t t = 0; t < levels.size(); ++t) {
        FadeProjection p;
        p.threshold = o.thresholds[t];
        p.thresholdAh = levels[t];
        p.alreadyBelow = std::any_of(q.begin(), q.end(), [&](double v) { return v < levels[t]; });
        p.cycle = curveCrossing(res.best, levels[t], n.front(), n.back() * o.horizonFactor);
        if (p.alreadyBelow) { // measured, not projected: the first cycle below the threshold
            const auto it = std::find_if(q.begin(), q.end(), [&](double v) { return v < levels[t]; });
            p.cycle = n[static_cast<std::size_t>(it - q.begin())];
            res.warnings.push_back("capacity already measured below " + std::to_string(p.threshold) + " of nominal");
        }
        p.lowCycle = p.cycle;
        p.highCycle = p.cycle;
        res.projections.push_back(p);
    }
    for (std::size_t c = 0; c < res.candidates.size(); ++c) {
        const auto boot = bootstrapCrossings(res.candidates[c], n, q, levels, o);
        if (boot[0].size() < static_cast<std::size_t>(o.bootstrapSamples / 2)) {
            res.warnings.push_back("bootstrap refits of the " + res.candidates[c].name + " model failed");
            continue;
        }
        for (std::size_t t = 0; t < levels.size(); ++t) {
            FadeProjection& p = res.projections[t];
            if (p.alreadyBelow)
                continue;
            const double lo = quantile(boot[t], alpha), hi = quantile(boot[t], 1.0 - alpha);
            p.lowCycle = std::min(p.lowCycle, lo);
            p.highCycle = std::max(p.highCycle, hi);
            if (c == 0) {
                p.bestLowCycle = lo;
                p.bestHighCycle = hi;
            }
        }
    }
    return res;
}

} // namespace pg::models
