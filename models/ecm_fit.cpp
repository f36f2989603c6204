#include "ecm_fit.h"

#include "models/ecm_vp.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>

namespace pg::models {

namespace {

using detail::VpGram;
using Vec = Eigen::Matrix<double, Eigen::Dynamic, 1, 0, detail::kMaxVpCols, 1>;
using Mat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, 0, detail::kMaxVpCols, detail::kMaxVpCols>;

// Solves a symmetric positive system after Jacobi scaling; false if (near) singular.
bool solveScaled(const Mat& a, const Mat& b, Mat& x)
{
    const Vec d = a.diagonal();
    if ((d.array() <= 0.0).any())
        return false;
    const Vec s = d.cwiseSqrt().cwiseInverse();
    const Mat scaled = s.asDiagonal() * a * s.asDiagonal();
    const Eigen::LDLT<Mat> ldlt(scaled);
    if (ldlt.info() != Eigen::Success || !(ldlt.rcond() > 1e-13))
        return false;
    x = s.asDiagonal() * ldlt.solve(s.asDiagonal() * b);
    return true;
}

struct VpPoint {
    std::array<double, 2> logTau {};
    VpGram gram;
    Vec theta; // E0 offset, R0, R1, (R2)
    double rss = HUGE_VAL;
    bool ok = false;
};

VpPoint evaluate(const detail::VpProblem& prob, const std::array<double, 2>& logTau, bool derivs, std::size_t stride = 1)
{
    VpPoint pt;
    pt.logTau = logTau;
    const double tau[2] = { std::exp(logTau[0]), std::exp(logTau[1]) };
    pt.gram = detail::vpGram(prob, tau, derivs, stride);
    const int p = 2 + prob.rcCount;
    Mat theta;
    pt.ok = solveScaled(pt.gram.topLeftCorner(p, p), pt.gram.block(0, p, p, 1), theta);
    if (pt.ok) {
        pt.theta = theta.col(0);
        pt.rss = std::max(pt.gram(p, p) - pt.gram.block(0, p, p, 1).col(0).dot(pt.theta), 0.0);
    }
    return pt;
}

struct Bounds {
    double lo, hi; // log tau
};

// Coarse grid over log tau (pairs tau1 < tau2 for 2RC): the LM start.
VpPoint gridStart(const detail::VpProblem& prob, Bounds b)
{
    const int steps = prob.rcCount == 1 ? 12 : 6;
    // Rank the grid on every k-th row (at most about 5,000 rows), then refine on all.
    const std::size_t stride = std::max<std::size_t>(1, prob.n / 5000);
    VpPoint best;
    for (int j = 0; j < steps; ++j) {
        for (int k = (prob.rcCount == 1 ? 0 : j + 1); k < (prob.rcCount == 1 ? 1 : steps); ++k) {
            const double u = b.lo + (b.hi - b.lo) * (j + 0.5) / steps;
            const double w = b.lo + (b.hi - b.lo) * (k + 0.5) / steps;
            VpPoint pt = evaluate(prob, { u, prob.rcCount == 1 ? u : w }, false, stride);
            if (pt.ok && pt.rss < best.rss)
                best = pt;
        }
    }
    return best;
}

// Kaufman's approximation to the variable-projection Gauss-Newton system in log tau.
bool gaussNewton(const VpPoint& pt, int m, Mat& jtj, Vec& jtr)
{
    const int p = 2 + m;
    Mat u;
    if (!solveScaled(pt.gram.topLeftCorner(p, p), pt.gram.block(0, p + 1, p, m), u))
        return false;
    jtj.resize(m, m);
    jtr.resize(m);
    for (int k = 0; k < m; ++k) {
        const double rk = pt.theta(2 + k);
        const auto hk = pt.gram.block(0, p + 1 + k, p, 1).col(0);
        for (int l = 0; l < m; ++l)
            jtj(k, l) = rk * pt.theta(2 + l) * (pt.gram(p + 1 + k, p + 1 + l) - hk.dot(u.col(l)));
        jtr(k) = rk * (pt.gram(p + 1 + k, p) - hk.dot(pt.theta));
    }
    return true;
}

// A record about k times shorter for the start of long fits: blocks of up to k samples over
// which the current holds (within 0.1 % of its peak), so that a block never straddles a load
// step; each block keeps its end time and voltage and its mean current (the charge, and so the
// zero-order-hold input, is preserved). With a constant current per block the coarse model at
// the block ends equals the full one, so the coarse optimum is the full optimum up to noise.
struct CoarseRecord {
    std::vector<double> timeS, currentA;
    detail::VpProblem prob;
};

void coarsen(const detail::VpProblem& p, std::size_t k, CoarseRecord& c)
{
    double peak = 0.0;
    for (std::size_t n = 0; n < p.n; ++n)
        peak = std::max(peak, std::abs(p.currentA[n]));
    const double tolerance = 1e-3 * peak;
    c.timeS.assign(1, p.timeS[0]);
    c.currentA.assign(1, p.currentA[0]);
    c.prob.y.assign(1, p.y[0]);
    for (std::size_t start = 0; start + 1 < p.n;) { // block (start, end]
        std::size_t end = start + 1;
        double charge = p.currentA[end] * (p.timeS[end] - p.timeS[start]);
        while (end + 1 < p.n && end + 1 - start <= k && std::abs(p.currentA[end + 1] - p.currentA[start + 1]) <= tolerance) {
            ++end;
            charge += p.currentA[end] * (p.timeS[end] - p.timeS[end - 1]);
        }
        c.timeS.push_back(p.timeS[end]);
        c.currentA.push_back(charge / (p.timeS[end] - p.timeS[start]));
        c.prob.y.push_back(p.y[end]);
        start = end;
    }
    c.prob.timeS = c.timeS.data();
    c.prob.currentA = c.currentA.data();
    c.prob.n = c.timeS.size();
    c.prob.rcCount = p.rcCount;
}

struct LmOutcome {
    VpPoint point;
    int iterations = 0;
    bool converged = false;
};

LmOutcome levenbergMarquardt(const detail::VpProblem& prob, VpPoint start, Bounds b, int maxIter)
{
    const int m = prob.rcCount;
    LmOutcome out;
    out.point = evaluate(prob, start.logTau, true);
    double lambda = 1e-3;
    for (out.iterations = 0; out.iterations < maxIter; ++out.iterations) {
        Mat jtj;
        Vec jtr;
        if (!gaussNewton(out.point, m, jtj, jtr))
            break;
        Mat damped = jtj;
        damped.diagonal() += lambda * jtj.diagonal().cwiseMax(1e-12 * (1.0 + jtj.diagonal().maxCoeff()));
        Mat delta;
        if (!solveScaled(damped, -Mat(jtr), delta)) {
            lambda *= 10.0;
            continue;
        }
        // The Gauss-Newton model's predicted decrease of the RSS for this step: when even that
        // is negligible, the point is a minimum and the confirming sweep over the record is saved.
        const double predicted = -(2.0 * jtr.dot(delta.col(0)) + delta.col(0).dot(jtj * delta.col(0)));
        if (predicted >= 0.0 && predicted <= 1e-8 * out.point.rss) {
            out.converged = true;
            break;
        }
        std::array<double, 2> next = out.point.logTau;
        for (int k = 0; k < m; ++k)
            next[static_cast<std::size_t>(k)] = std::clamp(next[static_cast<std::size_t>(k)] + delta(k), b.lo, b.hi);
        if (m == 1)
            next[1] = next[0];
        VpPoint trial = evaluate(prob, next, true);
        const double step = std::abs(next[0] - out.point.logTau[0]) + std::abs(next[1] - out.point.logTau[1]);
        if (trial.ok && trial.rss <= out.point.rss) {
            const double gain = out.point.rss - trial.rss;
            out.point = trial;
            lambda = std::max(lambda / 10.0, 1e-9);
            if (gain <= 1e-10 * trial.rss + 1e-300 || step < 1e-8) {
                out.converged = true;
                break;
            }
        } else if ((lambda *= 10.0) > 1e10 || step < 1e-10) {
            out.converged = true; // no step lowers the cost: a (bounded) minimum
            break;
        }
    }
    return out;
}

} // namespace

namespace {

// OCV change along the record from the charge drawn (zero without a table and capacity).
std::vector<double> ocvChangeV(const TimeSeries& s, const OcvTable* ocv, double capacityAh)
{
    std::vector<double> d(s.size(), 0.0);
    if (!ocv || !(capacityAh > 0.0))
        return d;
    // Start OCV: the mean voltage of the rested samples before the first load (noise averages
    // out), or the first sample when the record starts under load.
    double peak = 0.0, sum = 0.0;
    for (double i : s.currentA)
        peak = std::max(peak, std::abs(i));
    std::size_t rested = 0;
    while (rested < s.size() && std::abs(s.currentA[rested]) <= 0.02 * peak)
        sum += s.voltageV[rested++];
    const double soc0 = ocv->socFromOcv(rested > 0 ? sum / static_cast<double>(rested) : s.voltageV.front());
    const double v0 = ocv->ocvV(soc0);
    double q = 0.0; // Ah drawn, trapezoid rule as cumulativeChargeAh
    std::size_t hint = 0;
    for (std::size_t n = 0; n < s.size(); ++n) {
        if (n > 0)
            q += 0.5 * (s.currentA[n] + s.currentA[n - 1]) * (s.timeS[n] - s.timeS[n - 1]) / 3600.0;
        d[n] = ocv->ocvV(soc0 - q / capacityAh, hint) - v0;
    }
    return d;
}

double medianStepS(const TimeSeries& s)
{
    std::vector<double> dt(s.size() - 1);
    for (std::size_t n = 1; n < s.size(); ++n)
        dt[n - 1] = s.timeS[n] - s.timeS[n - 1];
    std::nth_element(dt.begin(), dt.begin() + static_cast<std::ptrdiff_t>(dt.size() / 2), dt.end());
    return dt[dt.size() / 2];
}

Estimate makeEstimate(double value, double se, const std::string& method)
{
    Estimate e;
    e.value = value;
    e.stderrValue = se;
    e.method = method;
    return e;
}

// Standard errors from the full Jacobian [Phi, -R_k dx_k] (E0, R0, R_k, log tau_k).
void fillEstimates(EcmFit& fit, const VpPoint& pt, const detail::VpProblem& prob, double v0)
{
    const int m = prob.rcCount, p = 2 + m, q = p + m;
    Mat jtj(q, q);
    jtj.topLeftCorner(p, p) = pt.gram.topLeftCorner(p, p);
    for (int k = 0; k < m; ++k) {
        const double rk = pt.theta(2 + k);
        jtj.block(0, p + k, p, 1) = -rk * pt.gram.block(0, p + 1 + k, p, 1);
        jtj.block(p + k, 0, 1, p) = jtj.block(0, p + k, p, 1).transpose();
        for (int l = 0; l < m; ++l)
            jtj(p + k, p + l) = rk * pt.theta(2 + l) * pt.gram(p + 1 + k, p + 1 + l);
    }
    const double dof = static_cast<double>(prob.n) - q;
    Mat cov;
    if (!solveScaled(jtj, Mat::Identity(q, q), cov)) {
        cov = Mat::Constant(q, q, std::nan(""));
        fit.warnings.push_back("Jacobian singular at the solution: no standard errors");
    }
    cov *= pt.rss / dof;
    const std::string& meth = fit.method;
    fit.e0V = makeEstimate(pt.theta(0) + v0, std::sqrt(cov(0, 0)), meth);
    fit.r0Ohm = makeEstimate(pt.theta(1), std::sqrt(cov(1, 1)), meth);
    Estimate* rs[2] = { &fit.r1Ohm, &fit.r2Ohm };
    Estimate* taus[2] = { &fit.tau1S, &fit.tau2S };
    Estimate* cs[2] = { &fit.c1F, &fit.c2F };
    for (int k = 0; k < m; ++k) {
        const double r = pt.theta(2 + k), tau = std::exp(pt.logTau[static_cast<std::size_t>(k)]);
        const double varR = cov(2 + k, 2 + k), varLt = cov(p + k, p + k), covRl = cov(2 + k, p + k);
        *rs[k] = makeEstimate(r, std::sqrt(varR), meth);
        *taus[k] = makeEstimate(tau, tau * std::sqrt(varLt), meth);
        const double varLogC = varLt + varR / (r * r) - 2.0 * covRl / r; // ln C = ln tau - ln R
        *cs[k] = makeEstimate(tau / r, std::abs(tau / r) * std::sqrt(std::max(varLogC, 0.0)), meth);
        fit.params.rOhm[static_cast<std::size_t>(k)] = r;
        fit.params.tauS[static_cast<std::size_t>(k)] = tau;
    }
    fit.params.r0Ohm = fit.r0Ohm.value;
}

void addWarnings(EcmFit& fit, const VpPoint& pt, Bounds b, int m)
{
    const char* names[2] = { "1", "2" };
    for (int k = 0; k < m; ++k) {
        const double lt = pt.logTau[static_cast<std::size_t>(k)];
        if (lt - b.lo < 0.01 || b.hi - lt < 0.01)
            fit.warnings.push_back(std::string("tau") + names[k] + " at the search bound: not identified by this record");
        if (!(pt.theta(2 + k) > 0.0))
            fit.warnings.push_back(std::string("R") + names[k] + " not positive: the model does not describe this record");
    }
    const Estimate* all[5] = { &fit.r0Ohm, &fit.r1Ohm, &fit.tau1S, &fit.r2Ohm, &fit.tau2S };
    const char* labels[5] = { "R0", "R1", "tau1", "R2", "tau2" };
    for (int j = 0; j < (m == 1 ? 3 : 5); ++j) {
        if (!(all[j]->stderrValue < 0.5 * std::abs(all[j]->value)))
            fit.warnings.push_back(std::string(labels[j]) + " poorly determined (standard error over 50 %)");
    }
    if (fit.rmseV > 0.010)
        fit.warnings.push_back("voltage RMSE " + std::to_string(fit.rmseV * 1e3) + " mV exceeds 10 mV");
    if (!fit.converged)
        fit.warnings.push_back("did not converge in " + std::to_string(fit.iterations) + " iterations");
}

// R0 from the first large current step between consecutive samples (at least half the largest
// step): the pulse onset. NaN if there is no step.
double stepResistance(const TimeSeries& s, double& stepA)
{
    double largest = 0.0;
    for (std::size_t n = 1; n < s.size(); ++n)
        largest = std::max(largest, std::abs(s.currentA[n] - s.currentA[n - 1]));
    stepA = 0.0;
    for (std::size_t n = 1; n < s.size() && largest > 0.0; ++n) {
        stepA = s.currentA[n] - s.currentA[n - 1];
        if (std::abs(stepA) >= 0.5 * largest)
            return -(s.voltageV[n] - s.voltageV[n - 1]) / stepA;
    }
    return std::nan("");
}

} // namespace

Result<EcmFit> fitEcm(const TimeSeries& s, const EcmFitOptions& opt)
{
    if (opt.rcCount != 1 && opt.rcCount != 2)
        return fitError("fit-ecm", "model must have 1 or 2 RC branches");
    const std::size_t minSamples = static_cast<std::size_t>(10 * (2 + 2 * opt.rcCount));
    if (s.size() < minSamples)
        return fitError(s.source, "too few samples: " + std::to_string(s.size()) + " (expected at least "
                + std::to_string(minSamples) + " for a " + std::to_string(opt.rcCount) + "RC fit)");
    EcmFit fit;
    fit.method = std::to_string(opt.rcCount) + "rc-vp-lm";
    fit.params.rcCount = opt.rcCount;
    fit.samples = s.size();
    double stepA = 0.0;
    fit.r0StepOhm = stepResistance(s, stepA);
    const auto [iMin, iMax] = std::minmax_element(s.currentA.begin(), s.currentA.end());
    if (!(*iMax - *iMin > std::max(1e-3, 0.02 * std::max(std::abs(*iMin), std::abs(*iMax)))))
        return fitError(s.source, "no current pulse found (current stays within "
                + std::to_string(*iMax - *iMin) + " A; expected a step)");
    if (std::abs(s.currentA.front()) > 0.05 * std::abs(stepA))
        fit.warnings.push_back("record starts under load: RC voltages assumed zero at the start");
    if (opt.ocv && !(opt.capacityAh > 0.0))
        fit.warnings.push_back("OCV table given without a capacity: OCV taken as constant");
    detail::VpProblem prob { s.timeS.data(), s.currentA.data(), ocvChangeV(s, opt.ocv, opt.capacityAh), s.size(), opt.rcCount };
    const double v0 = s.voltageV.front();
    for (std::size_t n = 0; n < s.size(); ++n)
        prob.y[n] = s.voltageV[n] - v0 - prob.y[n];
    const Bounds b { std::log(std::max(1e-3, 0.25 * medianStepS(s))), std::log(2.0 * (s.timeS.back() - s.timeS.front())) };
    VpPoint start;
    if (prob.n > 40000) { // long record: grid and first iterations on a 10x shorter version
        CoarseRecord coarse;
        coarsen(prob, 10, coarse);
        start = levenbergMarquardt(coarse.prob, gridStart(coarse.prob, b), b, opt.maxIterations).point;
    } else {
        start = gridStart(prob, b);
    }
    if (!start.ok)
        return fitError(s.source, "parameters not identifiable from this record (collinear model terms)");
    const LmOutcome lm = levenbergMarquardt(prob, start, b, opt.maxIterations);
    if (!lm.point.ok)
        return fitError(s.source, "fit failed: model terms collinear at the solution");
    fit.iterations = lm.iterations;
    fit.converged = lm.converged;
    fit.rmseV = std::sqrt(lm.point.rss / static_cast<double>(s.size()));
    fillEstimates(fit, lm.point, prob, v0);
    if (opt.rcCount == 2 && fit.params.tauS[0] > fit.params.tauS[1]) {
        std::swap(fit.r1Ohm, fit.r2Ohm);
        std::swap(fit.tau1S, fit.tau2S);
        std::swap(fit.c1F, fit.c2F);
        std::swap(fit.params.rOhm[0], fit.params.rOhm[1]);
        std::swap(fit.params.tauS[0], fit.params.tauS[1]);
    }
    addWarnings(fit, lm.point, b, opt.rcCount);
    return fit;
}

std::vector<double> simulateEcm(const TimeSeries& s, const EcmParams& p, double e0V, const OcvTable* ocv, double capacityAh)
{
    std::vector<double> v = ocvChangeV(s, ocv, capacityAh);
    std::array<double, 2> x {};
    for (std::size_t n = 0; n < s.size(); ++n) {
        double drop = p.r0Ohm * s.currentA[n];
        for (std::size_t k = 0; k < static_cast<std::size_t>(p.rcCount); ++k) {
            if (n > 0) {
                const double a = rcDecay(s.timeS[n] - s.timeS[n - 1], p.tauS[k]);
                x[k] = a * x[k] + (1.0 - a) * s.currentA[n];
            }
            drop += p.rOhm[k] * x[k];
        }
        v[n] += e0V - drop;
    }
    return v;
}

} // namespace pg::models
