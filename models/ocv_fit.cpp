// Building an OCV table from a slow discharge (and charge) test.
#include "ocv_table.h"

#include <algorithm>
#include <cmath>

namespace pg::models {

namespace {

// Linear interpolation of a branch (soc ascending after sorting) at `s`.
double branchAt(const std::vector<std::pair<double, double>>& branch, double s)
{
    const auto it = std::lower_bound(branch.begin(), branch.end(), std::make_pair(s, -1e300));
    if (it == branch.begin())
        return it->second;
    if (it == branch.end())
        return branch.back().second;
    const auto& [s1, v1] = *it;
    const auto& [s0, v0] = *(it - 1);
    return s1 > s0 ? v0 + (v1 - v0) * (s - s0) / (s1 - s0) : v1;
}

std::vector<std::pair<double, double>> sortedBranch(const std::vector<double>& soc, const std::vector<double>& v)
{
    std::vector<std::pair<double, double>> b;
    for (std::size_t i = 0; i < soc.size() && i < v.size(); ++i) {
        if (std::isfinite(soc[i]) && std::isfinite(v[i]))
            b.emplace_back(soc[i], v[i]);
    }
    std::sort(b.begin(), b.end());
    return b;
}

} // namespace

Result<SlowOcvFit> fitOcvFromSlowTest(const std::vector<double>& dischargeSoc,
    const std::vector<double>& dischargeV, const std::vector<double>& chargeSoc,
    const std::vector<double>& chargeV, std::size_t points)
{
    const auto dis = sortedBranch(dischargeSoc, dischargeV);
    const auto chg = sortedBranch(chargeSoc, chargeV);
    if (dis.size() < 10 || points < 3)
        return fitError("ocv-fit", "too few samples in the discharge branch (expected at least 10)");
    SlowOcvFit fit;
    double lo = dis.front().first, hi = dis.back().first;
    if (chg.empty()) {
        fit.warnings.push_back("discharge branch only: OCV is biased low by the ohmic drop and hysteresis");
    } else {
        lo = std::max(lo, chg.front().first);
        hi = std::min(hi, chg.back().first);
    }
    if (!(hi - lo > 0.2))
        return fitError("ocv-fit", "branches overlap over less than 20 % SoC");
    std::vector<double> soc(points), ocv(points), hys(points, 0.0);
    for (std::size_t k = 0; k < points; ++k) {
        soc[k] = lo + (hi - lo) * static_cast<double>(k) / static_cast<double>(points - 1);
        const double vd = branchAt(dis, soc[k]);
        const double vc = chg.empty() ? vd : branchAt(chg, soc[k]);
        ocv[k] = 0.5 * (vd + vc);
        hys[k] = 0.5 * (vc - vd);
    }
    auto table = OcvTable::fromPoints(soc, ocv, hys, "ocv-fit");
    if (!table)
        return fitError("ocv-fit", "fitted OCV is not monotone in SoC (test too fast or too noisy)");
    fit.table = std::move(*table);
    return fit;
}

} // namespace pg::models
