#pragma once

#include "live_sample.h"

#include <QWidget>

class QGroupBox;
class QLabel;
class QTableWidget;

namespace pg::app {

class CellChart;
class TrendPlot;

// The Live pack screen: the pack's numbers in large type with their units, every cell voltage
// as a bar, the temperature sensors as a grid, the BMS's SoH and trouble codes, and V, I, T
// against time for the whole session (bounded memory).
class LivePage : public QWidget {
    Q_OBJECT
public:
    explicit LivePage(QWidget* parent = nullptr);

    void showSample(const LiveSample& sample);
    void clearHistory();

    const CellChart& cellChart() const { return *m_cells; }
    QString readoutText(const QString& name) const; // "voltage", "current", "soc", "temp", "soh"

private:
    QWidget* buildReadouts();
    QWidget* buildSidePanel();
    void showReadouts(const LiveSample& s);
    void showTemperatures(const std::vector<double>& temperaturesC);
    void showDiagnostics(const LiveSample& s);
    QGroupBox* readout(const QString& name, const QString& caption, QWidget* parent);

    CellChart* m_cells = nullptr;
    QTableWidget* m_temps = nullptr;
    QLabel* m_dtcs = nullptr;
    TrendPlot* m_voltage = nullptr;
    TrendPlot* m_current = nullptr;
    TrendPlot* m_temperature = nullptr;
    double m_startS = -1;
};

} // namespace pg::app
