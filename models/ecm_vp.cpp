#include "ecm_vp.h"

#include "models/ecm_model.h"

#include <cmath>

namespace pg::models {

double rcDecay(double dtS, double tauS) { return std::exp(-dtS / tauS); }

namespace detail {

namespace {

// Q columns; M branches; D: with derivative columns. Rows are built one sample at a time (the
// branch states are a recursion) into a column-major block, and each full block is folded into
// the Gram matrix as column dot products, which Eigen vectorises.
template <int Q, int B>
void foldBlock(const Eigen::Matrix<double, B, Q>& rows, int filled, Eigen::Matrix<double, Q, Q>& g)
{
    for (int r = 0; r < Q; ++r) {
        for (int c = r; c < Q; ++c)
            g(r, c) += rows.col(r).head(filled).dot(rows.col(c).head(filled));
    }
}

template <int M, bool D>
VpGram sweep(const VpProblem& p, const double* tauS, std::size_t stride)
{
    constexpr int kQ = 3 + M + (D ? M : 0);
    constexpr int kBlock = 256;
    Eigen::Matrix<double, kBlock, kQ> rows;
    Eigen::Matrix<double, kQ, kQ> g = Eigen::Matrix<double, kQ, kQ>::Zero();
    int filled = 0;
    double x[M] = {}, dx[M] = {}, a[M] = {}, da[M] = {};
    double lastDt = -1.0;
    std::size_t sinceRow = stride - 1; // row 0 is always used
    for (std::size_t n = 0; n < p.n; ++n) {
        const double i = p.currentA[n];
        if (n > 0) {
            const double dt = p.timeS[n] - p.timeS[n - 1];
            // Uniform sampling (to rounding of the logged time stamps): one exp per branch.
            if (std::abs(dt - lastDt) > 1e-9 * dt) {
                for (int k = 0; k < M; ++k) {
                    a[k] = rcDecay(dt, tauS[k]);
                    da[k] = a[k] * dt / tauS[k];
                }
                lastDt = dt;
            }
            for (int k = 0; k < M; ++k) {
                if constexpr (D)
                    dx[k] = a[k] * dx[k] + da[k] * (x[k] - i);
                x[k] = a[k] * x[k] + (1.0 - a[k]) * i;
            }
        }
        if (++sinceRow < stride) // every stride-th row (a counter: no division per sample)
            continue;
        sinceRow = 0;
        rows(filled, 0) = 1.0;
        rows(filled, 1) = -i;
        for (int k = 0; k < M; ++k)
            rows(filled, 2 + k) = -x[k];
        rows(filled, 2 + M) = p.y[n];
        if constexpr (D) {
            for (int k = 0; k < M; ++k)
                rows(filled, 3 + M + k) = dx[k];
        }
        if (++filled == kBlock) {
            foldBlock<kQ, kBlock>(rows, kBlock, g);
            filled = 0;
        }
    }
    foldBlock<kQ, kBlock>(rows, filled, g);
    for (int r = 0; r < kQ; ++r) {
        for (int c = 0; c < r; ++c)
            g(r, c) = g(c, r);
    }
    return VpGram(g);
}

} // namespace

VpGram vpGram(const VpProblem& p, const double* tauS, bool withDerivatives, std::size_t stride)
{
    if (p.rcCount == 1)
        return withDerivatives ? sweep<1, true>(p, tauS, stride) : sweep<1, false>(p, tauS, stride);
    return withDerivatives ? sweep<2, true>(p, tauS, stride) : sweep<2, false>(p, tauS, stride);
}

} // namespace detail

} // namespace pg::models
