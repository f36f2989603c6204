// The simulated cell against closed-form solutions of its own circuit equations: charge
// conservation, the 2RC step response, the thermal steady state, current sharing in parallel.
#include "app/sim/cell_model.h"
#include "app/sim/pack_model.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace pg::sim;

namespace {
pg::models::OcvTable linearOcv()
{
    return *pg::models::OcvTable::fromPoints({ 0.0, 1.0 }, { 3.0, 4.0 });
}
CellParams isothermal()
{
    CellParams p;
    p.arrheniusBK = 0; // resistances independent of temperature for closed-form checks
    p.heatTransferWPerK = 1e6;
    return p;
}
} // namespace

TEST(SimCell, ChargeIsConserved)
{
    const auto ocv = linearOcv();
    CellParams p = isothermal();
    p.capacityAh = 5.0;
    CellModel cell(&ocv, p, CellState { 0.9, 0, 0, 25 });
    for (int i = 0; i < 36000; ++i)
        cell.step(0.1, 2.5, 25);
    EXPECT_NEAR(cell.state().soc, 0.9 - 2.5 * 3600 / (3600 * 5.0), 1e-9);
}

TEST(SimCell, PulseFollowsTheTwoRcStepResponse)
{
    const auto ocv = linearOcv();
    const CellParams p = isothermal();
    const double i = 10.0;
    const double soc0 = 0.5;
    CellModel cell(&ocv, p, CellState { soc0, 0, 0, 25 });
    // Instantaneous drop: exactly I R0.
    EXPECT_NEAR(cell.terminalV(0) - cell.terminalV(i), i * p.r0Ohm25, 1e-12);
    double t = 0;
    for (int k = 0; k < 100; ++k, t += 0.1)
        cell.step(0.1, i, 25);
    const double soc = soc0 - i * t / (3600 * p.capacityAh);
    const double expected = 3.0 + soc - i * p.r0Ohm25 - i * p.r1Ohm * (1 - std::exp(-t / p.tau1S))
        - i * p.r2Ohm * (1 - std::exp(-t / p.tau2S));
    EXPECT_NEAR(cell.terminalV(i), expected, 1e-9);
    // Relaxation: each branch decays with its own time constant.
    const double v1 = cell.state().v1, v2 = cell.state().v2;
    for (int k = 0; k < 300; ++k)
        cell.step(0.1, 0, 25);
    EXPECT_NEAR(cell.state().v1, v1 * std::exp(-30.0 / p.tau1S), 1e-12);
    EXPECT_NEAR(cell.state().v2, v2 * std::exp(-30.0 / p.tau2S), 1e-12);
}

TEST(SimCell, HeatsToTheThermalSteadyState)
{
    const auto ocv = linearOcv();
    CellParams p;
    p.arrheniusBK = 0;
    p.heatCapacityJPerK = 70;
    p.heatTransferWPerK = 0.15;
    CellModel cell(&ocv, p, CellState { 0.9, 0, 0, 20 });
    const double i = 5.0;
    for (int k = 0; k < 20000; ++k) // 2,000 s: four thermal time constants of 467 s ... and more
        cell.step(0.1, i, 20);
    for (int k = 0; k < 40000; ++k)
        cell.step(0.1, i, 20);
    // At steady state the RC branches carry the whole current: P = I^2 (R0 + R1 + R2).
    const double powerW = i * i * (p.r0Ohm25 + p.r1Ohm + p.r2Ohm);
    EXPECT_NEAR(cell.state().tempC, 20 + powerW / p.heatTransferWPerK, 0.01);
}

TEST(SimCell, ColdCellHasTheMeasuredResistanceRise)
{
    // LG M50: R0 17.1 mOhm at 0 degC against 12.1 at 25 (Widanage TECMD fit), a factor 1.41.
    const auto ocv = linearOcv();
    CellModel cell(&ocv, CellParams {}, CellState { 0.5, 0, 0, 0.0 });
    EXPECT_NEAR(cell.temperatureFactor(), 0.017116 / 0.012123, 0.02);
}

TEST(SimPack, ParallelCellsShareCurrentByConductance)
{
    PackSpec spec;
    spec.series = 1;
    spec.parallel = 2;
    spec.cellSpread = 0;
    spec.faults.push_back({ FaultSpec::Kind::HighResistanceCell, 1, 0 }); // cell 1 has 2.5 x R0
    auto pack = PackModel::create(spec);
    ASSERT_TRUE(pack.has_value()) << pack.error().toStdString();
    pack->step(1e-6, 30.0, 1e-6);
    // Same source voltage, conductances 1 : 1/2.5: currents split 2.5 : 1.
    EXPECT_NEAR(pack->cellCurrentA(0), 30.0 * 2.5 / 3.5, 1e-3);
    EXPECT_NEAR(pack->cellCurrentA(1), 30.0 * 1.0 / 3.5, 1e-3);
    EXPECT_NEAR(pack->cellCurrentA(0) + pack->cellCurrentA(1), 30.0, 1e-9);
}
