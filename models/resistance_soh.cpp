#include "resistance_soh.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <algorithm>
#include <cmath>

namespace pg::models {

namespace {
constexpr double kGasConstant = 8.314462618; // J/(mol K)
constexpr double kZeroC = 273.15;
} // namespace

double arrheniusFactor(double tempC, double ea, double refC)
{
    return std::exp(ea / kGasConstant * (1.0 / (tempC + kZeroC) - 1.0 / (refC + kZeroC)));
}

Result<ArrheniusFit> fitArrhenius(const std::vector<double>& tempC, const std::vector<double>& rOhm)
{
    if (tempC.size() != rOhm.size() || tempC.size() < 2)
        return fitError("arrhenius", "need at least 2 (temperature, resistance) pairs");
    const auto [tLo, tHi] = std::minmax_element(tempC.begin(), tempC.end());
    if (!(*tHi - *tLo >= 5.0))
        return fitError("arrhenius", "temperatures must span at least 5 degC");
    Eigen::Matrix2d ata = Eigen::Matrix2d::Zero();
    Eigen::Vector2d atb = Eigen::Vector2d::Zero();
    for (std::size_t k = 0; k < tempC.size(); ++k) {
        if (!(rOhm[k] > 0.0) || !(tempC[k] > -kZeroC))
            return fitError("arrhenius", "point " + std::to_string(k + 1) + ": resistance must be positive");
        const Eigen::Vector2d row(1.0, 1.0 / (tempC[k] + kZeroC) - 1.0 / (25.0 + kZeroC));
        ata += row * row.transpose();
        atb += row * std::log(rOhm[k]);
    }
    const Eigen::LDLT<Eigen::Matrix2d> ldlt(ata);
    if (ldlt.info() != Eigen::Success || !(ldlt.rcond() > 1e-14))
        return fitError("arrhenius", "temperatures must differ");
    const Eigen::Vector2d beta = ldlt.solve(atb);
    double sse = 0.0;
    for (std::size_t k = 0; k < tempC.size(); ++k) {
        const double x = 1.0 / (tempC[k] + kZeroC) - 1.0 / (25.0 + kZeroC);
        sse += std::pow(std::log(rOhm[k]) - beta(0) - beta(1) * x, 2);
    }
    const double dof = static_cast<double>(tempC.size()) - 2.0;
    const Eigen::Matrix2d cov = ldlt.solve(Eigen::Matrix2d::Identity()) * (dof > 0 ? sse / dof : std::nan(""));
    ArrheniusFit fit;
    fit.r25Ohm.value = std::exp(beta(0));
    fit.r25Ohm.stderrValue = fit.r25Ohm.value * std::sqrt(cov(0, 0));
    fit.r25Ohm.method = fit.activationJPerMol.method = "arrhenius-ls";
    fit.activationJPerMol.value = beta(1) * kGasConstant;
    fit.activationJPerMol.stderrValue = std::sqrt(cov(1, 1)) * kGasConstant;
    fit.rmsLogError = std::sqrt(sse / static_cast<double>(tempC.size()));
    if (!(dof > 0))
        fit.r25Ohm.warnings.push_back("two temperatures: the line is exact, no standard errors");
    return fit;
}

Estimate resistanceRatio(double rOhm, double rSe, double tempC, double newR25, double ea)
{
    Estimate e;
    e.method = "r25-ratio-arrhenius";
    const double f = arrheniusFactor(tempC, ea);
    const double r25 = rOhm / f;
    e.value = r25 / newR25;
    // d ln f / d Ea = ln f / Ea: a 10 % error in Ea moves ln f by 10 %.
    const double relEa = 0.1 * std::abs(std::log(f));
    e.stderrValue = e.value * std::hypot(rSe / rOhm, relEa);
    if (std::abs(tempC - 25.0) > 20.0)
        e.warnings.push_back("measured more than 20 degC from 25 degC: temperature correction dominates");
    return e;
}

} // namespace pg::models
