#include "fade_plot.h"

#include "language.h"

#include <algorithm>
#include <cmath>

namespace pg::app {

namespace {
    constexpr int kCurvePoints = 200;
}

FadePlot::FadePlot(QWidget* parent)
    : QCustomPlot(parent)
{
    setMinimumHeight(220);
    xAxis->setLabel(tr("Cycles"));
    yAxis->setLabel(tr("Capacity (% of nominal)"));
    m_bandHigh = addGraph();
    m_bandLow = addGraph();
    m_bandHigh->setName(tr("Range of fade models"));
    m_bandHigh->setPen(QPen(QColor(0x15, 0x65, 0xc0, 60)));
    m_bandHigh->setBrush(QBrush(QColor(0x15, 0x65, 0xc0, 45)));
    m_bandHigh->setChannelFillGraph(m_bandLow);
    m_bandLow->setPen(QPen(QColor(0x15, 0x65, 0xc0, 60)));
    m_bandLow->removeFromLegend();
    m_fitted = addGraph();
    m_fitted->setName(tr("Fitted fade"));
    m_fitted->setPen(QPen(QColor(0x15, 0x65, 0xc0), 2.0));
    m_measured = addGraph();
    m_measured->setName(tr("Measured"));
    m_measured->setLineStyle(QCPGraph::lsNone);
    m_measured->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, Qt::black, 5));
    legend->setVisible(true);
    legend->setFont(QFont(font().family(), 8));
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
}

double FadePlot::horizonCycle(
    const std::vector<double>& cycles, const models::FadeResult& fade) const
{
    double last = cycles.empty() ? 1.0 : *std::max_element(cycles.begin(), cycles.end());
    double horizon = last * 1.2;
    for (const models::FadeProjection& p : fade.projections) {
        if (std::isfinite(p.highCycle))
            horizon = std::max(horizon, p.highCycle * 1.05);
        else if (std::isfinite(p.cycle))
            horizon = std::max(horizon, p.cycle * 1.1);
    }
    return std::min(horizon, last * 10.0);
}

void FadePlot::setFade(const std::vector<double>& cycles, const std::vector<double>& capacityAh,
    const models::FadeResult& fade)
{
    clearFade();
    const double nominal = fade.nominalAh > 0.0 ? fade.nominalAh : 1.0;
    QVector<double> x, y;
    for (std::size_t i = 0; i < cycles.size() && i < capacityAh.size(); ++i) {
        x << cycles[i];
        y << 100.0 * capacityAh[i] / nominal;
    }
    m_measured->setData(x, y, true);
    const double first = cycles.empty() ? 0.0 : cycles.front();
    const double horizon = horizonCycle(cycles, fade);
    for (int i = 0; i <= kCurvePoints; ++i) {
        const double n = first + (horizon - first) * i / kCurvePoints;
        m_fitted->addData(n, 100.0 * fade.best.capacityAh(n) / nominal);
        double lo = HUGE_VAL, hi = -HUGE_VAL;
        for (const models::FadeFit& fit : fade.candidates) {
            const double c = fit.capacityAh(n);
            if (std::isfinite(c)) {
                lo = std::min(lo, c);
                hi = std::max(hi, c);
            }
        }
        if (std::isfinite(lo)) {
            m_bandLow->addData(n, 100.0 * lo / nominal);
            m_bandHigh->addData(n, 100.0 * hi / nominal);
        }
    }
    for (const models::FadeProjection& p : fade.projections)
        addThresholdLine(100.0 * p.threshold, p.cycle);
    xAxis->setRange(first, horizon);
    yAxis->setRange(50.0, 105.0);
    replot();
}

void FadePlot::addThresholdLine(double percent, double crossingCycle)
{
    auto* line = new QCPItemStraightLine(this);
    line->point1->setCoords(0.0, percent);
    line->point2->setCoords(1.0, percent);
    line->setPen(QPen(QColor(0x61, 0x61, 0x61), 1.0, Qt::DashLine));
    auto* label = new QCPItemText(this);
    label->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    label->position->setTypeY(QCPItemPosition::ptPlotCoords);
    label->position->setCoords(0.99, percent);
    label->setText(std::isfinite(crossingCycle)
            ? tr("%1 %: cycle %2").arg(localNumber(percent, 0)).arg(localNumber(crossingCycle, 0))
            : tr("%1 %: not reached").arg(localNumber(percent, 0)));
    label->setFont(QFont(font().family(), 8));
}

void FadePlot::clearFade()
{
    for (QCPGraph* g : { m_measured, m_fitted, m_bandLow, m_bandHigh })
        g->data()->clear();
    clearItems();
    replot();
}

} // namespace pg::app
