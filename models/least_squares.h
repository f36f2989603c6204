#pragma once

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <cmath>

namespace pg::models {

// Small dense Levenberg-Marquardt (Marquardt's diagonal scaling) for fits with a handful of
// parameters and an analytic Jacobian. `model(p, r, J)` fills the residuals r (n) and their
// Jacobian J (n x k) and returns false where p is outside the model's domain.
struct LmResult {
    Eigen::VectorXd params;
    double rss = HUGE_VAL;
    Eigen::MatrixXd jtj; // J^T J at the solution (for covariances)
    int iterations = 0;
    bool converged = false;
};

template <typename Model>
LmResult levenbergMarquardtSmall(Model&& model, Eigen::VectorXd p, int maxIterations = 100)
{
    LmResult out;
    Eigen::VectorXd r, rTrial;
    Eigen::MatrixXd J, jTrial;
    if (!model(p, r, J) || !r.allFinite())
        return out;
    out.params = p;
    out.rss = r.squaredNorm();
    double lambda = 1e-3;
    for (out.iterations = 0; out.iterations < maxIterations; ++out.iterations) {
        const Eigen::MatrixXd jtj = J.transpose() * J;
        const Eigen::VectorXd g = J.transpose() * r;
        Eigen::MatrixXd damped = jtj;
        damped.diagonal() += lambda * jtj.diagonal().cwiseMax(1e-12 * (1.0 + jtj.diagonal().maxCoeff()));
        const Eigen::VectorXd step = damped.ldlt().solve(-g);
        const Eigen::VectorXd trial = out.params + step;
        const bool ok = step.allFinite() && model(trial, rTrial, jTrial) && rTrial.allFinite();
        if (ok && rTrial.squaredNorm() <= out.rss) {
            const double gain = out.rss - rTrial.squaredNorm();
            out.params = trial;
            out.rss = rTrial.squaredNorm();
            r.swap(rTrial);
            J.swap(jTrial);
            lambda = std::max(lambda / 10.0, 1e-12);
            if (gain <= 1e-12 * out.rss + 1e-30 || step.norm() <= 1e-10 * (1.0 + out.params.norm())) {
                out.converged = true;
                break;
            }
        } else if ((lambda *= 10.0) > 1e12) {
            out.converged = true; // no step lowers the cost
            break;
        }
    }
    out.jtj = J.transpose() * J;
    return out;
}

} // namespace pg::models
