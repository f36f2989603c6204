#pragma once

// Internal to ecm_fit.cpp: the variable-projection sweep, split out to keep files short.
#include <Eigen/Core>
#include <vector>

namespace pg::models::detail {

constexpr int kMaxVpCols = 7; // [1, -i, -x1, -x2, y, dx1, dx2]
using VpGram = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, 0, kMaxVpCols, kMaxVpCols>;

struct VpProblem {
    const double* timeS = nullptr;
    const double* currentA = nullptr;
    std::vector<double> y; // voltage minus the start voltage minus the OCV change
    std::size_t n = 0;
    int rcCount = 2;
};

// Gram matrix A^T A of A = [1, -i, -x_1..-x_m, y, dx_1..dx_m] for time constants `tauS`
// (dx_k = d x_k / d log tau_k; left out when !withDerivatives). One pass, no allocation.
// rowStride > 1 accumulates every rowStride-th row only (the branch states still run over every
// sample): a cheap approximate cost for the start-point grid.
VpGram vpGram(const VpProblem& problem, const double* tauS, bool withDerivatives, std::size_t rowStride = 1);

} // namespace pg::models::detail
