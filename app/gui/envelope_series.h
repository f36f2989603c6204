#pragma once

#include <cstddef>
#include <vector>

namespace pg::app {

// A live time series that keeps its memory bounded however long the test runs: samples fold
// into buckets, and when `capacity` buckets are full, neighbours merge in pairs and the bucket
// width doubles. Each bucket keeps the exact min and max of the samples it holds, so a spike
// of one sample stays visible after 8 hours (the envelope is never averaged away).
class EnvelopeSeries {
public:
    struct Bucket {
        double firstS = 0; // time of the first sample in the bucket
        double lastS = 0; // time of the last sample in the bucket
        double minValue = 0;
        double maxValue = 0;
        double lastValue = 0;
        std::size_t count = 0;
    };

    explicit EnvelopeSeries(std::size_t capacity = 4096);

    void add(double timeS, double value);
    void clear();

    const std::vector<Bucket>& buckets() const { return m_buckets; }
    std::size_t capacity() const { return m_capacity; }
    std::size_t samplesSeen() const { return m_samples; }
    double bucketWidthS() const { return m_widthS; }
    // Points for a line plot: each bucket as (firstS, min) and (lastS, max), or one point when the
    // bucket holds a single value; times are non-decreasing.
    void plotPoints(std::vector<double>& timesS, std::vector<double>& values) const;

private:
    void compact();

    std::size_t m_capacity;
    std::vector<Bucket> m_buckets;
    double m_widthS = 0; // 0: one sample per bucket until the first compaction
    std::size_t m_samples = 0;
};

} // namespace pg::app
