#include "ecm_vp.h"

#include "models/ecm_model.h"

#include <cmath>

namespace pg::models {

double rcDecay(double dtS, double tauS) { return std::exp(-dtS / tauS); }

namespace detail {

namespace {

// Q columns; M branches; D: with derivative columns. Upper triangle accumulated, then mirrored.
template <int M, bool D>
VpGram sweep(const VpProblem& p, const double* tauS)
{
    constexpr int kQ = 3 + M + (D ? M : 0);
    double g[kQ][kQ] = {};
    double x[M] = {}, dx[M] = {}, a[M] = {}, da[M] = {};
    double lastDt = -1.0;
    for (std::size_t n = 0; n < p.n; ++n) {
        const double i = p.currentA[n];
        if (n > 0) {
            const double dt = p.timeS[n] - p.timeS[n - 1];
            if (dt != lastDt) { // uniform sampling: one exp per branch for the whole record
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
        double row[kQ];
        row[0] = 1.0;
        row[1] = -i;
        for (int k = 0; k < M; ++k)
            row[2 + k] = -x[k];
        row[2 + M] = p.y[n];
        if constexpr (D) {
            for (int k = 0; k < M; ++k)
                row[3 + M + k] = dx[k];
        }
        for (int r = 0; r < kQ; ++r) {
            for (int c = r; c < kQ; ++c)
                g[r][c] += row[r] * row[c];
        }
    }
    VpGram out(kQ, kQ);
    for (int r = 0; r < kQ; ++r) {
        for (int c = r; c < kQ; ++c)
            out(r, c) = out(c, r) = g[r][c];
    }
    return out;
}

} // namespace

VpGram vpGram(const VpProblem& p, const double* tauS, bool withDerivatives)
{
    if (p.rcCount == 1)
        return withDerivatives ? sweep<1, true>(p, tauS) : sweep<1, false>(p, tauS);
    return withDerivatives ? sweep<2, true>(p, tauS) : sweep<2, false>(p, tauS);
}

} // namespace detail

} // namespace pg::models
