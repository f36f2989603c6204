#pragma once

#include <QWidget>
#include <vector>

class QCustomPlot;
class QCPBars;
class QCPItemStraightLine;
class QCPTextElement;

namespace pg::app {

// Every cell voltage as a bar, with the min, max and mean of the pack marked and the cells that
// stray from the median by more than the outlier band coloured.
class CellChart : public QWidget {
    Q_OBJECT
public:
    static constexpr double kOutlierBandV
        = 0.030; // a 30 mV spread is where balancing usually gives up

    explicit CellChart(QWidget* parent = nullptr);
    void setVoltages(const std::vector<double>& cellVoltagesV);

    // What is drawn now (for tests): one value per cell in cell order, NaN where unknown.
    std::vector<double> shownVoltages() const { return m_shown; }
    std::vector<int> outlierCells() const { return m_outliers; }

private:
    QCPItemStraightLine* markLine(const QColor& color);
    static void placeMark(QCPItemStraightLine* line, double valueV);

    QCustomPlot* m_plot;
    QCPBars* m_normal;
    QCPBars* m_outlier;
    QCPItemStraightLine* m_minLine;
    QCPItemStraightLine* m_maxLine;
    QCPItemStraightLine* m_meanLine;
    QCPTextElement* m_summary;
    std::vector<double> m_shown;
    std::vector<int> m_outliers;
};

} // namespace pg::app
