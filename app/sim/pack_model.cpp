#include "pack_model.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace pg::sim {

namespace {
constexpr double kOpenSensorC = -40.0;
constexpr double kWeakCellFactor = 0.7;
constexpr double kHighResistanceFactor = 2.5;
constexpr double kShortCRate = 1.0 / 50.0;
constexpr double kOvertemperatureKPerS = 2.0 / 60.0;
} // namespace

tl::expected<PackModel, QString> PackModel::create(const PackSpec& spec)
{
    auto chem = pg::sim::chemistry(spec.chemistry);
    if (!chem)
        return tl::make_unexpected(chem.error());
    PackModel pack(spec, std::move(*chem));
    pack.build();
    pack.applyFaults();
    pack.solveGroups(0.0);
    return pack;
}

PackModel::PackModel(PackSpec spec, Chemistry chem)
    : m_spec(std::move(spec))
    , m_chem(std::move(chem))
{
}

void PackModel::build()
{
    std::mt19937_64 rng(m_spec.seed);
    std::normal_distribution<double> spread(0.0, m_spec.cellSpread);
    const int n = m_spec.series * m_spec.parallel;
    const double capNew = m_spec.nominalCapacityAh;
    for (int k = 0; k < n; ++k) {
        CellParams p;
        // Capacity and resistance spread together: a cell that lost more capacity has usually
        // grown more resistance too.
        const double z = spread(rng);
        p.capacityAh = capNew * m_spec.sohCapacity * std::max(0.2, 1.0 + z);
        const double rz = 0.5 * z + spread(rng) * 0.87;
        const double rScale = m_spec.resistanceGrowth * std::max(0.3, 1.0 - rz);
        p.r0Ohm25 = m_chem.r0OhmAh / capNew * rScale;
        p.r1Ohm = m_chem.r1OhmAh / capNew * rScale;
        p.r2Ohm = m_chem.r2OhmAh / capNew * rScale;
        p.tau1S = m_chem.tau1S;
        p.tau2S = m_chem.tau2S;
        p.arrheniusBK = m_chem.arrheniusBK;
        p.selfDischargeA = m_spec.selfDischargePerDay * p.capacityAh / 24.0;
        p.heatCapacityJPerK = m_spec.heatCapacityJPerK * capNew / 5.0;
        p.heatTransferWPerK = m_spec.heatTransferWPerK * capNew / 5.0;
        CellState s;
        s.soc = m_spec.soc;
        s.tempC = m_spec.ambientC;
        m_cells.emplace_back(m_chem.ocv.get(), p, s);
    }
    m_groupV.assign(static_cast<std::size_t>(m_spec.series), 0.0);
    m_cellI.assign(static_cast<std::size_t>(n), 0.0);
    m_faultApplied.assign(m_spec.faults.size(), false);
}

void PackModel::applyFaults()
{
    for (std::size_t i = 0; i < m_spec.faults.size(); ++i) {
        const FaultSpec& f = m_spec.faults[i];
        if (m_faultApplied[i] || f.atS > m_timeS)
            continue;
        m_faultApplied[i] = true;
        CellParams& p = m_cells[static_cast<std::size_t>(f.cell)].params();
        switch (f.kind) {
        case FaultSpec::Kind::WeakCell:
            p.capacityAh *= kWeakCellFactor;
            break;
        case FaultSpec::Kind::HighResistanceCell:
            p.r0Ohm25 *= kHighResistanceFactor;
            break;
        case FaultSpec::Kind::CellShort:
            p.selfDischargeA += p.capacityAh * kShortCRate;
            break;
        case FaultSpec::Kind::Overtemperature:
            p.extraHeatW = kOvertemperatureKPerS * p.heatCapacityJPerK;
            break;
        default:
            break; // BMS, bus and bench faults: see faultActive()
        }
    }
}

bool PackModel::faultActive(FaultSpec::Kind kind) const
{
    for (std::size_t i = 0; i < m_spec.faults.size(); ++i) {
        if (m_spec.faults[i].kind == kind && m_spec.faults[i].atS <= m_timeS)
            return true;
    }
    return false;
}

void PackModel::solveGroups(double currentA)
{
    const int p = m_spec.parallel;
    for (int g = 0; g < m_spec.series; ++g) {
        double sumG = 0, sumEG = 0;
        for (int b = 0; b < p; ++b) {
            const CellModel& c = m_cells[static_cast<std::size_t>(g * p + b)];
            const double gk = 1.0 / c.r0Ohm();
            sumG += gk;
            sumEG += c.sourceV() * gk;
        }
        const double v = (sumEG - currentA) / sumG;
        m_groupV[static_cast<std::size_t>(g)] = v;
        for (int b = 0; b < p; ++b) {
            const std::size_t k = static_cast<std::size_t>(g * p + b);
            m_cellI[k] = (m_cells[k].sourceV() - v) / m_cells[k].r0Ohm();
        }
    }
}

void PackModel::step(double dtS, double currentA, double maxStepS)
{
    m_currentA = currentA;
    double left = dtS;
    while (left > 1e-12) {
        const double h = std::min(left, maxStepS);
        solveGroups(currentA);
        for (std::size_t k = 0; k < m_cells.size(); ++k)
            m_cells[k].step(h, m_cellI[k], m_spec.ambientC);
        m_dischargedAh += currentA * h / 3600.0;
        m_timeS += h;
        left -= h;
        applyFaults();
    }
    solveGroups(currentA);
}

double PackModel::voltageV() const
{
    double v = 0;
    for (double g : m_groupV)
        v += g;
    return v;
}

double PackModel::minCellV() const { return *std::min_element(m_groupV.begin(), m_groupV.end()); }
double PackModel::maxCellV() const { return *std::max_element(m_groupV.begin(), m_groupV.end()); }

double PackModel::maxTempC() const
{
    double t = -273.15;
    for (const CellModel& c : m_cells)
        t = std::max(t, c.state().tempC);
    return t;
}

double PackModel::sensorTempC(int cell) const
{
    for (const FaultSpec& f : m_spec.faults) {
        if (f.kind == FaultSpec::Kind::OpenTempSensor && f.atS <= m_timeS && f.cell == cell)
            return kOpenSensorC;
    }
    return m_cells[static_cast<std::size_t>(cell)].state().tempC;
}

void PackModel::setRestingSoc(double soc)
{
    for (CellModel& c : m_cells) {
        c.state().soc = soc;
        c.state().v1 = 0;
        c.state().v2 = 0;
    }
    solveGroups(0.0);
}

double PackModel::measureCapacityAh() const
{
    PackModel test = *this;
    test.m_spec.faults.clear(); // the capacity is the cells' own; faults already applied stay
    for (CellModel& c : test.m_cells) {
        c.state().tempC = 25.0;
        c.params().extraHeatW = 0.0;
        c.params().selfDischargeA = 0.0;
    }
    test.m_spec.ambientC = 25.0;
    test.setRestingSoc(1.0);
    test.m_dischargedAh = 0;
    const double currentA = m_spec.nominalCapacityAh * m_spec.parallel / 3.0;
    // 10 s steps while the weakest cell is well above the cut-off (the RC branches and the
    // charge count are exact for a constant current, so only the end needs the fine step), then
    // 1 s steps to the cut-off, as before: the same answer in a fifth of the work.
    constexpr double kCoarseS = 10.0;
    constexpr double kFineBandV = 0.3;
    for (double elapsedS = 0; elapsedS < 4 * 3600 && test.minCellV() > m_chem.minV;) {
        const double h = test.minCellV() > m_chem.minV + kFineBandV ? kCoarseS : 1.0;
        test.step(h, currentA, h);
        elapsedS += h;
    }
    return test.m_dischargedAh;
}

PackTruth PackModel::truth() const
{
    PackTruth t;
    t.capacityAh = measureCapacityAh();
    t.sohCapacity = t.capacityAh / (m_spec.nominalCapacityAh * m_spec.parallel);
    const int p = m_spec.parallel;
    for (int g = 0; g < m_spec.series; ++g) {
        double sum0 = 0, sum1 = 0, sum2 = 0;
        for (int b = 0; b < p; ++b) {
            const CellParams& c = m_cells[static_cast<std::size_t>(g * p + b)].params();
            sum0 += 1.0 / c.r0Ohm25;
            sum1 += 1.0 / c.r1Ohm;
            sum2 += 1.0 / c.r2Ohm;
        }
        t.r0Ohm += 1.0 / sum0;
        t.r1Ohm += 1.0 / sum1;
        t.r2Ohm += 1.0 / sum2;
    }
    if (!m_cells.empty()) {
        t.tau1S = m_cells.front().params().tau1S;
        t.tau2S = m_cells.front().params().tau2S;
        t.arrheniusBK = m_cells.front().params().arrheniusBK;
    }
    for (const CellModel& c : m_cells)
        t.cells.push_back({ c.params().capacityAh, c.params().r0Ohm25, c.state().soc });
    return t;
}

} // namespace pg::sim
