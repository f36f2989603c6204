#pragma once
// The remaining-life projection: measured capacity per cycle, the fitted fade curve carried
// forward, the band between the lowest and highest candidate fade models (the structural
// uncertainty the fit reports), and the 80 / 70 / 60 % lines with the projected crossings.
#include "models/fade.h"

#include <qcustomplot.h>
#include <vector>

namespace pg::app {

class FadePlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit FadePlot(QWidget* parent = nullptr);

    // `cycles` and `capacityAh` are the measured history the fit was made from.
    void setFade(const std::vector<double>& cycles, const std::vector<double>& capacityAh,
        const models::FadeResult& fade);
    void clearFade();

    // The plotted curves (for tests): measured, fitted, band low and band high, as percent.
    QCPGraph* measuredGraph() const { return m_measured; }
    QCPGraph* fittedGraph() const { return m_fitted; }
    QCPGraph* bandLowGraph() const { return m_bandLow; }
    QCPGraph* bandHighGraph() const { return m_bandHigh; }

private:
    void addThresholdLine(double percent, double crossingCycle);
    double horizonCycle(const std::vector<double>& cycles, const models::FadeResult& fade) const;

    QCPGraph* m_measured = nullptr;
    QCPGraph* m_fitted = nullptr;
    QCPGraph* m_bandLow = nullptr;
    QCPGraph* m_bandHigh = nullptr;
};

} // namespace pg::app
