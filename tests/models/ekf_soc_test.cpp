#include "models/ekf_soc.h"
#include "synthetic_cell.h"
#include "test_paths.h"

#include <Eigen/Cholesky>
#include <gtest/gtest.h>

using namespace pg::models;

namespace {

OcvTable nmc()
{
    return *OcvTable::readFile(pg::test::sharedDataPath("lgm50/ocv_25c.csv").toStdString());
}

// Dynamic load: 1C and C/2 discharge bursts with regen-like charge pulses, 2 h at 1 s.
double driveCurrent(double t)
{
    const double u = std::fmod(t, 300.0);
    if (u < 60.0)
        return 5.0;
    if (u < 80.0)
        return -2.5;
    if (u < 200.0)
        return 2.5;
    return 0.0;
}

EkfSocConfig configFor(const pg::test::CellTruth& c)
{
    EkfSocConfig k;
    k.params = EcmParams { 2, c.r0Ohm, { c.r1Ohm, c.r2Ohm }, { c.tau1S, c.tau2S } };
    k.capacityAh = c.capacityAh;
    k.voltageNoiseStdV = 2e-3;
    return k;
}

} // namespace

TEST(EkfSoc, ConvergesFromWrongStartOnSyntheticTruth)
{
    const OcvTable ocv = nmc();
    pg::test::CellTruth truth;
    truth.soc0 = 0.90;
    truth.noiseV = 2e-3;
    const TimeSeries s = pg::test::simulateCell(truth, pg::test::uniformTimes(7200.0, 1.0), driveCurrent, &ocv);
    EkfSocConfig cfg = configFor(truth);
    cfg.initialSoc = 0.60; // 30 % off
    const SocTrace tr = runEkfSoc(s, cfg, ocv);
    const std::vector<double> truthSoc = coulombCountSoc(s, truth.soc0, truth.capacityAh);
    double worstLate = 0.0;
    int outside3Sigma = 0;
    for (std::size_t n = 600; n < s.size(); ++n) { // after 10 min
        const double err = std::abs(tr.soc[n] - truthSoc[n]);
        worstLate = std::max(worstLate, err);
        outside3Sigma += err > 3.0 * tr.socStd[n] + 0.005 ? 1 : 0;
    }
    std::printf("[ ekf ] start 30 %% off: worst |SoC error| after 10 min %.4f, final std %.4f\n", worstLate, tr.socStd.back());
    EXPECT_LT(worstLate, 0.02);
    EXPECT_LT(outside3Sigma, static_cast<int>(s.size() / 100)); // the reported std is honest
    EXPECT_LT(tr.socStd.back(), tr.socStd.front());
    // Coulomb counting from the same wrong start keeps its 30 % error.
    EXPECT_NEAR(coulombCountSoc(s, 0.60, truth.capacityAh).back(), truthSoc.back() - 0.30, 1e-9);
}

TEST(EkfSoc, CovarianceStaysSymmetricPositive)
{
    const OcvTable ocv = nmc();
    pg::test::CellTruth truth;
    EkfSoc ekf(configFor(truth), ocv);
    for (int n = 0; n < 20000; ++n)
        ekf.step(0.1, driveCurrent(n * 0.1), 3.7);
    const EkfSoc::Cov& p = ekf.covariance();
    EXPECT_LT((p - p.transpose()).cwiseAbs().maxCoeff(), 1e-15);
    EXPECT_EQ(p.llt().info(), Eigen::Success);
}

TEST(EkfSoc, JacobiansMatchFiniteDifferences)
{
    const OcvTable ocv = nmc();
    pg::test::CellTruth truth;
    EkfSoc ekf(configFor(truth), ocv);
    EkfSoc::State x(0.55, 0.02, 0.03);
    EkfSoc::Row H;
    ekf.h(x, 3.0, &H);
    for (int j = 0; j < 3; ++j) {
        EkfSoc::State d = EkfSoc::State::Zero();
        d(j) = 1e-6;
        EXPECT_NEAR(H(j), (ekf.h(x + d, 3.0) - ekf.h(x - d, 3.0)) / 2e-6, 1e-5);
    }
}
