#include "ocv_table.h"

#include "models/csv_table.h"

#include <algorithm>
#include <cmath>
#include <fstream>

namespace pg::models {

namespace {

// Fritsch-Carlson derivatives: harmonic-mean slopes keep each cubic segment monotone.
std::vector<double> monotoneSlopes(const std::vector<double>& x, const std::vector<double>& y)
{
    const std::size_t n = x.size();
    std::vector<double> d(n - 1), m(n, 0.0);
    for (std::size_t k = 0; k + 1 < n; ++k)
        d[k] = (y[k + 1] - y[k]) / (x[k + 1] - x[k]);
    m[0] = d[0];
    m[n - 1] = d[n - 2];
    for (std::size_t k = 1; k + 1 < n; ++k) {
        const double h0 = x[k] - x[k - 1];
        const double h1 = x[k + 1] - x[k];
        if (d[k - 1] * d[k] <= 0.0)
            continue;
        const double w1 = 2.0 * h1 + h0;
        const double w2 = h1 + 2.0 * h0;
        m[k] = (w1 + w2) / (w1 / d[k - 1] + w2 / d[k]);
    }
    return m;
}

} // namespace

Result<OcvTable> OcvTable::fromPoints(std::vector<double> soc, std::vector<double> ocvV,
    std::vector<double> hysteresisV, std::string source)
{
    if (soc.size() != ocvV.size() || (!hysteresisV.empty() && hysteresisV.size() != soc.size()))
        return fitError(source, "OCV table columns differ in length");
    if (soc.size() < 2)
        return fitError(source, "OCV table needs at least 2 points");
    for (std::size_t k = 1; k < soc.size(); ++k) {
        if (!(soc[k] > soc[k - 1]) || !(ocvV[k] > ocvV[k - 1]))
            return fitError(source + " (point " + std::to_string(k + 1) + ")",
                "OCV table must increase strictly in both soc and voltage");
    }
    OcvTable t;
    t.m_slope = monotoneSlopes(soc, ocvV);
    t.m_soc = std::move(soc);
    t.m_ocv = std::move(ocvV);
    t.m_hysteresis = std::move(hysteresisV);
    t.m_source = std::move(source);
    return t;
}

Result<OcvTable> OcvTable::read(std::istream& in, const std::string& source)
{
    auto table = readCsv(in, source, CsvColumns { { "soc" }, { "ocv_v", "voltage_v", "hysteresis_v" } });
    if (!table)
        return tl::unexpected(table.error());
    std::vector<double> ocv = table->column("ocv_v");
    if (ocv.empty())
        ocv = table->column("voltage_v");
    if (ocv.empty())
        return fitError(source + ":1", "missing column 'ocv_v' (or 'voltage_v')");
    std::vector<double> hys = table->column("hysteresis_v");
    for (double& h : hys)
        h = std::isfinite(h) ? h : 0.0;
    return fromPoints(table->column("soc"), std::move(ocv), std::move(hys), source);
}

Result<OcvTable> OcvTable::readFile(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        return fitError(path, "cannot open file for reading");
    return read(in, path);
}

std::size_t OcvTable::segment(double soc) const
{
    const auto it = std::upper_bound(m_soc.begin(), m_soc.end(), soc);
    const auto k = static_cast<std::size_t>(std::max<std::ptrdiff_t>(it - m_soc.begin() - 1, 0));
    return std::min(k, m_soc.size() - 2);
}

double OcvTable::evalSegment(std::size_t k, double soc, double* slope) const
{
    const double h = m_soc[k + 1] - m_soc[k];
    const double t = (soc - m_soc[k]) / h;
    const double t2 = t * t;
    const double t3 = t2 * t;
    const double y0 = m_ocv[k], y1 = m_ocv[k + 1], m0 = m_slope[k] * h, m1 = m_slope[k + 1] * h;
    if (slope) {
        const double dy = (6 * t2 - 6 * t) * y0 + (3 * t2 - 4 * t + 1) * m0 + (-6 * t2 + 6 * t) * y1
            + (3 * t2 - 2 * t) * m1;
        *slope = dy / h;
    }
    return (2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * y1 + (t3 - t2) * m1;
}

double OcvTable::ocvV(double soc) const
{
    const double s = std::clamp(soc, m_soc.front(), m_soc.back());
    return evalSegment(segment(s), s, nullptr);
}

double OcvTable::ocvV(double soc, std::size_t& hint) const
{
    const double s = std::clamp(soc, m_soc.front(), m_soc.back());
    const std::size_t last = m_soc.size() - 2;
    if (!(hint <= last && m_soc[hint] <= s && (s < m_soc[hint + 1] || hint == last)))
        hint = segment(s);
    return evalSegment(hint, s, nullptr);
}

double OcvTable::slopeVPerSoc(double soc) const
{
    const double s = std::clamp(soc, m_soc.front(), m_soc.back());
    double slope = 0.0;
    evalSegment(segment(s), s, &slope);
    return slope;
}

double OcvTable::socFromOcv(double v) const
{
    if (v <= m_ocv.front())
        return m_soc.front();
    if (v >= m_ocv.back())
        return m_soc.back();
    const auto it = std::upper_bound(m_ocv.begin(), m_ocv.end(), v);
    const auto k = std::min(static_cast<std::size_t>(it - m_ocv.begin() - 1), m_soc.size() - 2);
    double lo = m_soc[k], hi = m_soc[k + 1];
    for (int iter = 0; iter < 60 && hi - lo > 1e-13; ++iter) { // monotone segment: bisection
        const double mid = 0.5 * (lo + hi);
        (evalSegment(k, mid, nullptr) < v ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

double OcvTable::hysteresisV(double soc) const
{
    if (m_hysteresis.empty())
        return 0.0;
    const double s = std::clamp(soc, m_soc.front(), m_soc.back());
    const std::size_t k = segment(s);
    const double t = (s - m_soc[k]) / (m_soc[k + 1] - m_soc[k]);
    return (1 - t) * m_hysteresis[k] + t * m_hysteresis[k + 1];
}

} // namespace pg::models
