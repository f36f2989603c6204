// Empirical capacity-fade models and their least-squares fits.
#include "fade.h"

#include "models/least_squares.h"

#include <algorithm>

namespace pg::models {

namespace {

// Q(n; p) and dQ/dp for each form. Returns false outside the model's domain.
using FormFn = bool (*)(const double* p, double n, double& q, double* grad);

bool linearForm(const double* p, double n, double& q, double* g)
{
    q = p[0] + p[1] * n;
    g[0] = 1.0;
    g[1] = n;
    return true;
}

bool sqrtForm(const double* p, double n, double& q, double* g)
{
    q = p[0] + p[1] * std::sqrt(n);
    g[0] = 1.0;
    g[1] = std::sqrt(n);
    return true;
}

bool powerForm(const double* p, double n, double& q, double* g) // a - b n^c
{
    if (!(p[2] > 0.0 && p[2] < 10.0))
        return false;
    const double nc = std::pow(n, p[2]);
    q = p[0] - p[1] * nc;
    g[0] = 1.0;
    g[1] = -nc;
    g[2] = -p[1] * nc * std::log(n);
    return true;
}

bool expForm(const double* p, double n, double& q, double* g) // a e^(b n)
{
    const double e = std::exp(p[1] * n);
    q = p[0] * e;
    g[0] = e;
    g[1] = p[0] * n * e;
    return std::isfinite(q);
}

bool doubleExpForm(const double* p, double n, double& q, double* g) // a e^(b n) + c e^(d n)
{
    const double e1 = std::exp(p[1] * n), e2 = std::exp(p[3] * n);
    q = p[0] * e1 + p[2] * e2;
    g[0] = e1;
    g[1] = p[0] * n * e1;
    g[2] = e2;
    g[3] = p[2] * n * e2;
    return std::isfinite(q);
}

struct Form {
    const char* name;
    FormFn fn;
    std::vector<std::string> paramNames;
};

const std::vector<Form>& forms()
{
    static const std::vector<Form> kForms {
        { "linear", linearForm, { "a", "b" } },
        { "sqrt", sqrtForm, { "a", "b" } },
        { "power", powerForm, { "a", "b", "c" } },
        { "exponential", expForm, { "a", "b" } },
        { "double-exponential", doubleExpForm, { "a", "b", "c", "d" } },
    };
    return kForms;
}

const Form* findForm(const std::string& name)
{
    for (const Form& f : forms()) {
        if (name == f.name)
            return &f;
    }
    return nullptr;
}

// Starting points from a straight line through the data (several for the harder forms).
std::vector<Eigen::VectorXd> starts(const std::string& name, double q0, double slope)
{
    using V = Eigen::VectorXd;
    const double rate = slope / q0;
    if (name == "linear" || name == "sqrt")
        return { V::Map(std::vector<double> { q0, slope }.data(), 2) };
    if (name == "power")
        return { (V(3) << q0, -slope, 1.0).finished(), (V(3) << q0, -slope * 5.0, 0.5).finished(),
            (V(3) << q0, -slope * 0.1, 1.5).finished() };
    if (name == "exponential")
        return { (V(2) << q0, rate).finished() };
    return { (V(4) << q0, rate, -0.02 * q0, -0.1).finished(), (V(4) << q0, rate, 0.01 * q0, 0.5 * std::abs(rate) + 1e-3).finished(),
        (V(4) << 0.9 * q0, rate, 0.1 * q0, -0.05).finished() };
}

} // namespace

double FadeFit::capacityAh(double cycle) const
{
    const Form* f = findForm(name);
    double q = std::nan(""), g[4];
    if (!f || !f->fn(params.data(), cycle, q, g))
        return std::nan("");
    return q;
}

Result<FadeFit> fitFadeModel(const std::string& name, const std::vector<double>& n, const std::vector<double>& q)
{
    const Form* form = findForm(name);
    if (!form)
        return fitError("fade", "unknown fade model '" + name + "'");
    const int k = static_cast<int>(form->paramNames.size());
    const auto m = static_cast<Eigen::Index>(n.size());
    if (m < k + 3)
        return fitError("fade", "too few points for the " + name + " model");
    const double slope = (q.back() - q.front()) / (n.back() - n.front());
    auto model = [&](const Eigen::VectorXd& p, Eigen::VectorXd& r, Eigen::MatrixXd& J) {
        r.resize(m);
        J.resize(m, k);
        double g[4];
        for (Eigen::Index i = 0; i < m; ++i) {
            double v = 0.0;
            if (!form->fn(p.data(), n[static_cast<std::size_t>(i)], v, g))
                return false;
            r(i) = v - q[static_cast<std::size_t>(i)];
            for (int j = 0; j < k; ++j)
                J(i, j) = g[j];
        }
        return true;
    };
    LmResult best;
    for (const Eigen::VectorXd& p0 : starts(name, q.front(), slope)) {
        LmResult r = levenbergMarquardtSmall(model, p0, 200);
        if (r.rss < best.rss)
            best = std::move(r);
    }
    if (!std::isfinite(best.rss))
        return fitError("fade", "the " + name + " model could not be fitted");
    FadeFit fit;
    fit.name = name;
    fit.paramNames = form->paramNames;
    fit.params.assign(best.params.data(), best.params.data() + k);
    const double dm = static_cast<double>(m), s2 = best.rss / std::max(dm - k, 1.0);
    const Eigen::MatrixXd cov = best.jtj.ldlt().solve(Eigen::MatrixXd::Identity(k, k)) * s2;
    for (int j = 0; j < k; ++j)
        fit.paramStderr.push_back(std::sqrt(std::max(cov(j, j), 0.0)));
    fit.rmseAh = std::sqrt(best.rss / dm);
    const double logL = dm * std::log(std::max(best.rss / dm, 1e-300));
    fit.aicc = logL + 2.0 * (k + 1) + 2.0 * (k + 1) * (k + 2) / std::max(dm - k - 2, 1.0);
    fit.bic = logL + (k + 1) * std::log(dm);
    fit.converged = best.converged;
    return fit;
}

std::vector<std::string> fadeModelNames()
{
    std::vector<std::string> names;
    for (const Form& f : forms())
        names.emplace_back(f.name);
    return names;
}

} // namespace pg::models
