#pragma once

#include "envelope_series.h"

#include <QWidget>

class QCustomPlot;

namespace pg::app {

// One live quantity against time (V, A or degC) for a whole test: samples go into a bounded
// EnvelopeSeries, and the graph is refreshed from it at most at the caller's tick rate.
class TrendPlot : public QWidget {
    Q_OBJECT
public:
    TrendPlot(
        const QString& label, const QString& unit, const QColor& color, QWidget* parent = nullptr);

    void add(double timeS, double value) { m_series.add(timeS, value); }
    void clear() { m_series.clear(); }
    // Redraws from the series (one queued replot).
    void refresh();
    const EnvelopeSeries& series() const { return m_series; }

private:
    QCustomPlot* m_plot;
    EnvelopeSeries m_series;
    std::vector<double> m_t;
    std::vector<double> m_v;
};

} // namespace pg::app
