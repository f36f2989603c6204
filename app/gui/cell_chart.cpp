#include "cell_chart.h"

#include "language.h"
#include "theme.h"

#include <QApplication>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <qcustomplot.h>

namespace pg::app {

namespace {

    double median(std::vector<double> v)
    {
        std::sort(v.begin(), v.end());
        const std::size_t n = v.size();
        return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

} // namespace

CellChart::CellChart(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    stylePlot(m_plot);
    m_normal = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_normal->setName(tr("cell"));
    m_normal->setBrush(QColor(70, 130, 180));
    m_normal->setPen(Qt::NoPen);
    m_outlier = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_outlier->setName(
        tr("outlier (> %1 mV from the median)").arg(localNumber(kOutlierBandV * 1000, 0)));
    m_outlier->setBrush(QColor(230, 90, 30));
    m_outlier->setPen(Qt::NoPen);
    m_plot->xAxis->setLabel(tr("cell (series group)"));
    m_plot->yAxis->setLabel(tr("voltage (V)"));
    m_minLine = markLine(QColor(200, 40, 40));
    m_maxLine = markLine(QColor(40, 140, 40));
    m_meanLine = markLine(QColor(120, 120, 120));
    m_plot->plotLayout()->insertRow(0);
    m_summary = new QCPTextElement(m_plot, tr("no cell voltages yet"));
    m_summary->setTextColor(QApplication::palette().color(QPalette::Text));
    m_plot->plotLayout()->addElement(0, 0, m_summary);
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->xAxis->setTicker(ticker);
    setMinimumHeight(220);
}

QCPItemStraightLine* CellChart::markLine(const QColor& color)
{
    auto* line = new QCPItemStraightLine(m_plot);
    line->setPen(QPen(color, 1.5, Qt::DashLine));
    return line;
}

void CellChart::placeMark(QCPItemStraightLine* line, double valueV)
{
    line->point1->setCoords(0, valueV);
    line->point2->setCoords(1, valueV);
}

void CellChart::setVoltages(const std::vector<double>& cellVoltagesV)
{
    m_shown = cellVoltagesV;
    m_outliers.clear();
    std::vector<double> known;
    for (double v : cellVoltagesV)
        if (!std::isnan(v))
            known.push_back(v);
    QVector<double> x, y, ox, oy;
    const double mid = known.empty() ? 0 : median(known);
    for (std::size_t i = 0; i < cellVoltagesV.size(); ++i) {
        const double v = cellVoltagesV[i];
        if (std::isnan(v))
            continue;
        const bool outlier = std::abs(v - mid) > kOutlierBandV;
        (outlier ? ox : x).push_back(static_cast<double>(i + 1));
        (outlier ? oy : y).push_back(v);
        if (outlier)
            m_outliers.push_back(static_cast<int>(i));
    }
    m_normal->setData(x, y, true);
    m_outlier->setData(ox, oy, true);
    if (!known.empty()) {
        const auto [lo, hi] = std::minmax_element(known.begin(), known.end());
        const double mean
            = std::accumulate(known.begin(), known.end(), 0.0) / static_cast<double>(known.size());
        const double pad = std::max(0.02, 0.5 * (*hi - *lo));
        m_plot->xAxis->setRange(0.4, static_cast<double>(cellVoltagesV.size()) + 0.6);
        m_plot->yAxis->setRange(*lo - pad, *hi + pad);
        placeMark(m_minLine, *lo);
        placeMark(m_maxLine, *hi);
        placeMark(m_meanLine, mean);
        const auto cellOf = [&](double v) {
            return std::find(cellVoltagesV.begin(), cellVoltagesV.end(), v) - cellVoltagesV.begin()
                + 1;
        };
        m_summary->setText(
            tr("min %1 V (cell %2)  ·  mean %3 V  ·  max %4 V (cell %5)  ·  spread %6 mV\n"
               "lines: min red, mean grey, max green  ·  orange bars: more than %7 mV from the "
               "median (%8 now)")
                .arg(localNumber(*lo, 3))
                .arg(cellOf(*lo))
                .arg(localNumber(mean, 3))
                .arg(localNumber(*hi, 3))
                .arg(cellOf(*hi))
                .arg(localNumber((*hi - *lo) * 1000, 0))
                .arg(localNumber(kOutlierBandV * 1000, 0))
                .arg(m_outliers.size()));
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace pg::app
