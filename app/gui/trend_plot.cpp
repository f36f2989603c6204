#include "trend_plot.h"

#include "theme.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

namespace pg::app {

TrendPlot::TrendPlot(
    const QString& label, const QString& unit, const QColor& color, QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    stylePlot(m_plot);
    m_plot->addGraph();
    m_plot->graph(0)->setPen(QPen(color, 1.5));
    m_plot->graph(0)->setAdaptiveSampling(true);
    auto ticker = QSharedPointer<QCPAxisTickerTime>::create();
    ticker->setTimeFormat(QStringLiteral("%h:%m:%s"));
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setLabel(tr("test time (h:min:s)"));
    m_plot->yAxis->setLabel(QStringLiteral("%1 (%2)").arg(label, unit));
    setMinimumHeight(120);
}

void TrendPlot::refresh()
{
    m_series.plotPoints(m_t, m_v);
    QVector<double> t(m_t.begin(), m_t.end());
    QVector<double> v(m_v.begin(), m_v.end());
    m_plot->graph(0)->setData(t, v, true);
    if (!t.isEmpty()) {
        m_plot->xAxis->setRange(t.front(), std::max(t.back(), t.front() + 10.0));
        bool found = false;
        QCPRange r = m_plot->graph(0)->getValueRange(found);
        if (found) {
            const double pad = std::max(0.05 * r.size(), 0.01);
            m_plot->yAxis->setRange(r.lower - pad, r.upper + pad);
        }
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace pg::app
