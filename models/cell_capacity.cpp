#include "cell_capacity.h"

#include "capacity.h"

#include <algorithm>
#include <numeric>
#include <sstream>

namespace pg::models {

namespace {

    std::string fixed(double x, int digits)
    {
        std::ostringstream s;
        s.setf(std::ios::fixed);
        s.precision(digits);
        s << x;
        return s.str();
    }

    double chargeAh(const TimeSeries& s, std::size_t from, std::size_t to)
    {
        double q = 0.0;
        for (std::size_t n = from + 1; n <= to; ++n)
            q += 0.5 * (s.currentA[n] + s.currentA[n - 1]) * (s.timeS[n] - s.timeS[n - 1]);
        return q / 3600.0;
    }

    // The last cell reading at or before `t` and after `notBefore` (inside the rest), or npos.
    std::size_t readingAt(const std::vector<double>& cellTimeS, double notBefore, double t)
    {
        const auto it = std::upper_bound(cellTimeS.begin(), cellTimeS.end(), t + 5e-4);
        if (it == cellTimeS.begin())
            return std::string::npos;
        const auto k = static_cast<std::size_t>(it - cellTimeS.begin()) - 1;
        return cellTimeS[k] >= notBefore - 5e-4 ? k : std::string::npos;
    }

    struct OcvPoint {
        double ocvV = 0, soc = 0, slope = 0, varIndependent = 0, varCommon = 0;
        std::string warning;
    };

    OcvPoint readOcv(const OcvTable& ocv, double v, const CellCapacityOptions& o)
    {
        OcvPoint p;
        p.ocvV = v;
        p.soc = ocv.socFromOcv(v);
        if (v < ocv.ocvMinV())
            p.warning = "rested " + fixed(v, 4) + " V below the OCV table: SoC taken as "
                + fixed(ocv.socMin(), 3);
        if (v > ocv.ocvMaxV())
            p.warning = "rested " + fixed(v, 4) + " V above the OCV table: SoC taken as "
                + fixed(ocv.socMax(), 3);
        p.slope = std::abs(ocv.slopeVPerSoc(p.soc));
        const double slope = std::max(p.slope, 1e-9);
        const double vInd = o.voltageStepV * o.voltageStepV / 12.0 + o.cellOcvErrorV * o.cellOcvErrorV;
        const double h = ocv.hysteresisV(p.soc);
        p.varIndependent = vInd / (slope * slope);
        p.varCommon = h * h / 3.0 / (slope * slope);
        if (!p.warning.empty()) // beyond the table: at its end, give or take beyondTableSoc
            p.varIndependent += o.beyondTableSoc * o.beyondTableSoc;
        return p;
    }

} // namespace

Result<CellCapacitySpread> estimateCellCapacities(const TimeSeries& pack,
    const std::vector<double>& cellTimeS, const std::vector<std::vector<double>>& cellVoltagesV,
    const OcvTable& ocv, const CellCapacityOptions& o)
{
    if (cellVoltagesV.empty() || cellTimeS.empty())
        return fitError(pack.source, "no per-cell voltages (expected a BMS reading per sample)");
    for (const auto& v : cellVoltagesV) {
        if (v.size() != cellTimeS.size())
            return fitError(pack.source, "per-cell voltages and their time stamps differ in length");
    }
    double peak = 0.0;
    for (double i : pack.currentA)
        peak = std::max(peak, std::abs(i));
    const double restA = o.restCurrentA > 0.0 ? o.restCurrentA : std::max(1e-3, 0.02 * peak);
    // The rests of at least minRestS split the record into loads; a short dip of the current
    // (a sample the load read low) does not. The load taken is the discharge between two such
    // rests that moved the most charge, else the largest charge.
    std::vector<RestPeriod> rests = findRests(pack, restA);
    std::erase_if(rests, [&](const RestPeriod& r) { return r.durationS < o.minRestS; });
    if (rests.size() < 2)
        return fitError(pack.source,
            "found " + std::to_string(rests.size()) + " rest(s) of at least " + fixed(o.minRestS, 0)
                + " s (expected one before and one after the discharge)");
    const RestPeriod* before = nullptr;
    const RestPeriod* after = nullptr;
    const auto prefer = [](double q, double current) {
        if ((q > 0.0) != (current > 0.0))
            return q > 0.0; // a discharge before a charge
        return std::abs(q) > std::abs(current);
    };
    double best = 0.0;
    for (std::size_t k = 0; k + 1 < rests.size(); ++k) {
        const double q = chargeAh(pack, rests[k].last, rests[k + 1].last);
        if (q != 0.0 && (before == nullptr || prefer(q, best))) {
            before = &rests[k];
            after = &rests[k + 1];
            best = q;
        }
    }
    if (before == nullptr)
        return fitError(pack.source, "no charge moved between the rests");
    const std::size_t a = before->last, b = after->last;
    const std::size_t ka = readingAt(cellTimeS, pack.timeS[before->first], pack.timeS[a]);
    const std::size_t kb = readingAt(cellTimeS, pack.timeS[after->first], pack.timeS[b]);
    if (ka == std::string::npos || kb == std::string::npos)
        return fitError(pack.where(ka == std::string::npos ? a : b),
            "no per-cell reading inside the rest");

    CellCapacitySpread out;
    out.chargeAh = chargeAh(pack, a, b);
    out.fromS = cellTimeS[ka];
    out.toS = cellTimeS[kb];
    const double q = out.chargeAh;
    for (std::size_t i = 0; i < cellVoltagesV.size(); ++i) {
        CellCapacity c;
        c.index = static_cast<int>(i);
        const OcvPoint p0 = readOcv(ocv, cellVoltagesV[i][ka], o);
        const OcvPoint p1 = readOcv(ocv, cellVoltagesV[i][kb], o);
        c.startOcvV = p0.ocvV;
        c.endOcvV = p1.ocvV;
        c.startSoc = p0.soc;
        c.endSoc = p1.soc;
        c.startSlopeVPerSoc = p0.slope;
        c.endSlopeVPerSoc = p1.slope;
        for (const OcvPoint* p : { &p0, &p1 }) {
            if (!p->warning.empty())
                c.capacityAh.warnings.push_back(p->warning);
        }
        const double dSoc = p0.soc - p1.soc;
        const double varInd = p0.varIndependent + p1.varIndependent;
        const double varAll = varInd + p0.varCommon + p1.varCommon;
        c.capacityAh.method = "Q / (SoC(start rest) - SoC(end rest)), SoC from the cell's rested "
                              "OCV through the chemistry table";
        const double flattest = std::min(p0.slope, p1.slope);
        if (flattest < o.minSlopeVPerSoc) {
            c.reason = "OCV table too flat at a rested point (" + fixed(flattest * 10.0, 2)
                + " mV per 1 % SoC at SoC " + fixed(p0.slope < p1.slope ? p0.soc : p1.soc, 2)
                + "): SoC not determinable from the voltage";
        } else if (!(std::abs(dSoc) >= o.minSocChange)) {
            c.reason = "SoC changed by " + fixed(std::abs(dSoc) * 100.0, 1) + " % only (expected at least "
                + fixed(o.minSocChange * 100.0, 0) + " %)";
        } else if (!(q / dSoc > 0.0)) {
            c.reason = "charge and SoC change disagree in sign";
        } else {
            const double value = q / dSoc;
            const double rel = std::sqrt(varAll / (dSoc * dSoc) + o.currentGainError * o.currentGainError);
            if (rel > o.maxRelativeStderr) {
                c.reason = "relative standard error " + fixed(rel * 100.0, 1) + " % (over "
                    + fixed(o.maxRelativeStderr * 100.0, 0) + " %)";
            } else {
                c.capacityAh.value = value;
                c.capacityAh.stderrValue = value * rel;
                c.independentStderrAh = value * std::sqrt(varInd) / std::abs(dSoc);
                c.determinable = true;
            }
        }
        out.cells.push_back(std::move(c));
    }

    // The spread over the elements that have a capacity.
    std::vector<const CellCapacity*> known;
    for (const CellCapacity& c : out.cells) {
        if (c.determinable)
            known.push_back(&c);
    }
    out.determinable = static_cast<int>(known.size());
    if (known.empty()) {
        out.warnings.push_back("no element's capacity is determinable");
        return out;
    }
    const auto [lo, hi] = std::minmax_element(known.begin(), known.end(),
        [](const CellCapacity* x, const CellCapacity* y) { return x->capacityAh.value < y->capacityAh.value; });
    const CellCapacity& weak = **lo;
    const CellCapacity& strong = **hi;
    out.weakestCell = weak.index;
    out.strongestCell = strong.index;
    double mean = 0.0;
    for (const CellCapacity* c : known)
        mean += c->capacityAh.value / static_cast<double>(known.size());
    double var = 0.0;
    for (const CellCapacity* c : known)
        var += (c->capacityAh.value - mean) * (c->capacityAh.value - mean);
    out.sigmaAh = known.size() > 1 ? std::sqrt(var / static_cast<double>(known.size() - 1)) : 0.0;
    double meanVar = 0.0;
    for (const CellCapacity* c : known)
        meanVar += c->capacityAh.stderrValue * c->capacityAh.stderrValue;
    const std::string over = known.size() == out.cells.size()
        ? "all " + std::to_string(known.size()) + " series elements"
        : std::to_string(known.size()) + " of " + std::to_string(out.cells.size()) + " series elements";
    out.minAh = { weak.capacityAh.value, weak.capacityAh.stderrValue,
        "smallest per-cell capacity over " + over + " (cell " + std::to_string(weak.index) + ")", {} };
    out.maxAh = { strong.capacityAh.value, strong.capacityAh.stderrValue,
        "largest per-cell capacity over " + over + " (cell " + std::to_string(strong.index) + ")", {} };
    out.meanAh = { mean, std::sqrt(meanVar) / static_cast<double>(known.size()), "mean per-cell capacity over " + over, {} };
    if (known.size() != out.cells.size()) {
        out.warnings.push_back(std::to_string(out.cells.size() - known.size())
            + " element(s) not determinable: no spread (it could miss the weakest element)");
        return out;
    }
    const double cmin = weak.capacityAh.value, cmax = strong.capacityAh.value;
    const double sMin = weak.independentStderrAh, sMax = strong.independentStderrAh;
    out.relativeSpread.value = (cmax - cmin) / cmax;
    out.relativeSpread.stderrValue = known.size() > 1
        ? std::hypot(sMin / cmax, cmin * sMax / (cmax * cmax))
        : 0.0;
    out.relativeSpread.method = "(max - min) / max of the per-cell capacities Q / dSoC(OCV) over " + over
        + "; stderr from the per-cell voltage resolution and OCV error only (the table's hysteresis and "
          "the current gain move every cell alike)";
    return out;
}

} // namespace pg::models
