#include "envelope_series.h"

#include <algorithm>

namespace pg::app {

EnvelopeSeries::EnvelopeSeries(std::size_t capacity)
    : m_capacity(std::max<std::size_t>(capacity, 4) & ~std::size_t { 1 })
{
    m_buckets.reserve(m_capacity);
}

void EnvelopeSeries::add(double timeS, double value)
{
    ++m_samples;
    if (!m_buckets.empty()) {
        Bucket& b = m_buckets.back();
        if (timeS - b.firstS < m_widthS) {
            b.lastS = timeS;
            b.minValue = std::min(b.minValue, value);
            b.maxValue = std::max(b.maxValue, value);
            b.lastValue = value;
            ++b.count;
            return;
        }
    }
    if (m_buckets.size() == m_capacity)
        compact();
    m_buckets.push_back(Bucket { timeS, timeS, value, value, value, 1 });
}

void EnvelopeSeries::compact()
{
    const double spanS = m_buckets.back().lastS - m_buckets.front().firstS;
    std::size_t out = 0;
    for (std::size_t i = 0; i + 1 < m_buckets.size(); i += 2) {
        Bucket merged = m_buckets[i];
        const Bucket& next = m_buckets[i + 1];
        merged.lastS = next.lastS;
        merged.minValue = std::min(merged.minValue, next.minValue);
        merged.maxValue = std::max(merged.maxValue, next.maxValue);
        merged.lastValue = next.lastValue;
        merged.count += next.count;
        m_buckets[out++] = merged;
    }
    m_buckets.resize(out);
    // Twice the mean spacing the buckets had: at least halves the rate at which buckets fill.
    m_widthS = std::max(2.0 * m_widthS, 2.0 * spanS / static_cast<double>(m_capacity));
}

void EnvelopeSeries::clear()
{
    m_buckets.clear();
    m_widthS = 0;
    m_samples = 0;
}

void EnvelopeSeries::plotPoints(std::vector<double>& timesS, std::vector<double>& values) const
{
    timesS.clear();
    values.clear();
    for (const Bucket& b : m_buckets) {
        if (b.count == 1) {
            timesS.push_back(b.firstS);
            values.push_back(b.lastValue);
            continue;
        }
        timesS.push_back(b.firstS);
        values.push_back(b.minValue);
        timesS.push_back(b.lastS);
        values.push_back(b.maxValue);
    }
}

} // namespace pg::app
